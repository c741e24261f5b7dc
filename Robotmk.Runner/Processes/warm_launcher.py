# Warm start of Robot Framework for robotmk-runner (Linux). Imports RF once, then for each request read from stdin
# forks a child that becomes a new session (its own process group, supervised and ended by the runner like a
# spawned RF), applies the request's environment, sys.path (what PYTHONPATH adds), working folder and output files,
# and runs RF's own entry point (robot.run_cli / robot.rebot_cli), exiting with its rc. Each child starts from this
# process as it was after `import robot`: nothing one suite imports, sets or changes reaches the next.
#
# Protocol, one line each way: the runner writes a JSON object per request
#   {"entry": "robot"|"rebot", "argv": [...], "cwd": "...", "env": {...}, "stdout": FILE, "stderr": FILE}
# and reads back "ready VERSION" (or "unusable REASON") once, then per request "started PID" and "exited PID RC"
# (RC = 128 + signal number for a child ended by a signal). End of stdin, or no request for IDLE seconds, ends it.
import json
import os
import select
import sys

IDLE = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0


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
    reply("ready " + get_version())
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
        _, status = os.waitpid(pid, 0)
        reply("exited %d %d" % (pid, rc_of(status)))


sys.exit(main())
