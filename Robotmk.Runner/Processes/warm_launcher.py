# Warm start of Robot Framework for robotmk-runner (Linux). Imports RF once, then for each request read from stdin
# forks a child that becomes a new session (its own process group, supervised and ended by the runner like a
# spawned RF), applies the request's environment, sys.path (what PYTHONPATH adds), working folder and output files,
# and runs RF's own entry point (robot.run_cli / robot.rebot_cli), exiting with its rc. Each child starts from this
# process as it was after `import robot`: nothing one suite imports, sets or changes reaches the next.
#
# Protocol, one line each way: the runner writes a JSON object per request
#   {"entry": "robot"|"rebot", "argv": [...], "cwd": "...", "env": {...}, "stdout": FILE, "stderr": FILE}
# and reads back "ready VERSION WARMUP" (or "unusable REASON") once, then per request "started PID" and
# "exited PID RC USER_US SYSTEM_US MAXRSS_KIB" (RC = 128 + signal number for a child ended by a signal; the child's CPU
# times in microseconds and peak resident memory in KiB, with what it waited for, from wait4). End of stdin, or no request for IDLE seconds, ends it.
# WARMUP is "warmed=MS" or "cold REASON": before the first request the launcher runs a small built-in
# suite itself, in WORK (a folder only the runner's user can write), so that what RF imports and caches on its first run
# in a process (parsers, BuiltIn and the standard libraries, the log's templates, compiled patterns) is done once here
# and not again in every child. RF resets its library cache at the start of every run: no library instance, only code
# and caches, reaches a child. The objects then present are frozen (gc.freeze), so that a child's garbage collections
# never walk, and copy, the launcher's memory.
import json
import os
import select
import sys

IDLE = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
WORK = sys.argv[2] if len(sys.argv) > 2 else None

# Exercises what most suites use: parsing, variables, BuiltIn, Evaluate, the standard libraries users import most, a
# failing keyword caught (error handling and tracebacks), output.xml and log.html.
WARMUP_SUITE = """*** Settings ***
Library    Collections
Library    String
Library    OperatingSystem
Library    DateTime
Library    Process

*** Variables ***
${NUMBER}    ${2}

*** Test Cases ***
Warm Up
    Log    warm up
    ${x}=    Evaluate    ${NUMBER} * 2
    Should Be Equal As Integers    ${x}    4
    ${list}=    Create List    a    b
    Append To List    ${list}    c
    Length Should Be    ${list}    3
    ${text}=    Catenate    SEPARATOR=-    @{list}
    ${upper}=    Convert To Upper Case    ${text}
    Run Keyword If    ${x} > 100    Fail    never
    ${status}=    Run Keyword And Return Status    Should Be Equal    ${upper}    other
    Should Not Be True    ${status}
"""


def reply(text):
    os.write(1, (text + "\n").encode("utf-8", "replace"))


def rc_of(status):
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def child(request, ready, entries, base_path):
    """Never returns: ends the process with RF's rc, as `robot` would."""
    os.setsid()
    os.close(ready)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    stdin = os.open(os.devnull, os.O_RDONLY)
    stdout = os.open(request["stdout"], flags, 0o600)
    stderr = os.open(request["stderr"], flags, 0o600)
    for fd, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    env = request["env"]
    os.environ.clear()
    os.environ.update(env)
    import time
    time.tzset()
    # What PYTHONPATH would have put in front of the interpreter's own path at start, absolute as site makes it.
    sys.path[:] = [os.path.abspath(p) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p] + base_path
    sys.argv = [request["entry"]] + request["argv"]
    try:
        entries[request["entry"]](request["argv"])
        rc = 0
    except SystemExit as exit:
        rc = exit_code(exit.code)
    except BaseException:
        import traceback
        traceback.print_exc()
        rc = 1
    finish(rc)


def exit_code(code):
    """What the interpreter makes of sys.exit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def finish(rc):
    """Ends the child as the interpreter's own exit would, less tearing down every module and object (tens of ms)."""
    import atexit
    import threading
    shutdown = getattr(threading, "_shutdown", None)
    if shutdown is not None:
        shutdown()  # waits for threads that are not daemons, as the interpreter does
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(rc)


def warm_up(run_cli):
    """Runs WARMUP_SUITE in this process with RF's output going nowhere; returns "warmed=MS" or "cold REASON"."""
    if WORK is None:
        return "cold no folder to run it in was given"
    import logging
    import time
    from robot.output import LOGGER
    started = time.monotonic()
    suite = os.path.join(WORK, "warm-up.robot")
    try:
        fd = os.open(suite, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(WARMUP_SUITE)
    except OSError as error:
        return "cold cannot write the built-in suite: %s" % error
    # Stdout is the runner's reply channel: nothing RF prints may reach it.
    saved = os.dup(1), os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    root = logging.getLogger()
    root_level, root_handlers = root.level, list(root.handlers)
    try:
        rc = run_cli(["--outputdir", WORK, "--output", "warm-up.xml", "--log", "warm-up.html", "--report", "NONE",
                      "--console", "none", suite], exit=False)
        problem = None if rc == 0 else "the built-in suite ended with rc %s" % rc
    except BaseException as error:
        problem = "%s: %s" % (type(error).__name__, error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, target in zip(saved, (1, 2)):
            os.dup2(fd, target)
            os.close(fd)
        # As a new interpreter has them: the end of a run closes RF's logger without its console output (which
        # reports a bad option before a run starts), and RF 3.2 leaves the root logger's level changed.
        LOGGER.register_console_logger()
        root.setLevel(root_level)
        root.handlers[:] = root_handlers
    if problem is not None:
        return "cold " + " ".join(problem.split())
    return "warmed=%d" % ((time.monotonic() - started) * 1000)


def main():
    # The interpreter was started with -c: never import from the working folder.
    sys.path[:] = [p for p in sys.path if p not in ("", ".")]
    try:
        import robot
        from robot import rebot_cli, run_cli
        from robot.version import get_version
    except Exception as error:
        reply("unusable cannot import Robot Framework's run_cli and rebot_cli: %s: %s" % (type(error).__name__, error))
        return 3
    entries = {"robot": run_cli, "rebot": rebot_cli}
    base_path = list(sys.path)
    warmed = warm_up(run_cli)
    import gc
    if hasattr(gc, "freeze"):
        gc.collect()
        gc.freeze()
    reply("ready %s %s" % (get_version(), warmed))
    requests = sys.stdin.buffer
    while True:
        if not select.select([requests], [], [], IDLE)[0]:
            return 0
        line = requests.readline()
        if not line:
            return 0
        request = json.loads(line)
        ready, notify = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready)
            child(request, notify, entries, base_path)
        os.close(notify)
        os.read(ready, 1)  # returns when the child has its own session (it closed its end) or died
        os.close(ready)
        reply("started %d" % pid)
        _, status, usage = os.wait4(pid, 0)
        reply("exited %d %d %d %d %d" % (pid, rc_of(status), round(usage.ru_utime * 1e6), round(usage.ru_stime * 1e6),
                                        usage.ru_maxrss))


sys.exit(main())
