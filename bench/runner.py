#!/usr/bin/env python3
"""Runner start-up, peak memory and wall time on many small suites and on the perf suites.

Usage: bench/runner.py [--runs N] [--only CASES] LABEL=RUNNER_BINARY [LABEL=RUNNER_BINARY ...]

For each binary:
  * start-up: `<binary> --version` with a bare environment (no dotnet on PATH, no DOTNET_ROOT), median of 21 runs;
  * `small`: `<binary> run` over 33 generated suites of 3-8 quick tests each, one after another;
  * `perf`:  `<binary> run` over 10 generated suites of 300 tests each;
  * `small-p2`: the 33 small suites with `max_parallel: 2` (two at a time).
CPU is user + system time of the runner and everything it waited for (RF included), which the load of other
work on the machine changes far less than wall time. Peak RSS is the runner process's own high-water mark (VmHWM of /proc/PID/status, sampled every 2 ms until it
exits), not that of RF: the rusage of a waited-for child includes its own children (RF, Python).
Suites run with the real RF in ../shared/peers/robotframework (beside the repository) through a venv whose python imports it, so
both ways of starting RF can be compared: ROBOTMK_RF_LAUNCH=spawn|warm is passed through when set
(LABEL:spawn=BINARY sets it for that binary). `python-loop` times a plain Python loop calling robot.run in one
process over the same small suites: the in-process baseline. `launcher-loop` drives the runner's own warm launcher
(Robotmk.Runner/Processes/warm_launcher.py) over its protocol from a bare Python loop, one forked child per suite
with no runner around it: the floor of one process per suite; the runner's own cost is the warm runner's time
above it, the cost of isolation is its time above `python-loop`.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

RF = os.environ.get("ROBOTMK_BENCH_RF", os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "peers", "robotframework")))


def make_venv(root):
    venv = os.path.join(root, "venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    site = subprocess.run([os.path.join(venv, "bin", "python"), "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    with open(os.path.join(site, "robotframework.pth"), "w") as f:
        f.write(os.path.join(RF, "src") + "\n")
    return os.path.join(venv, "bin", "python")


def small_suite(i):
    tests = []
    for t in range(3 + i % 6):
        tests.append(f"Test {t}\n    Log    suite {i} test {t}\n    ${{x}}=    Evaluate    {t} * 2\n"
                     f"    Should Be Equal As Integers    ${{x}}    {2 * t}\n    Run Keyword If    {t} > 100    Fail    never\n")
    return "*** Settings ***\nLibrary    Collections\nLibrary    String\n\n*** Test Cases ***\n" + "\n".join(tests)


def perf_suite(i):
    tests = [f"Test {t}\n    Log    perf {i} test {t}\n    Should Be Equal    {t}    {t}\n" for t in range(300)]
    return "*** Test Cases ***\n" + "\n".join(tests)


def write_case(root, name, count, make, python, extra_global=""):
    case = os.path.join(root, name)
    robotdir = os.path.join(case, "robot")
    os.makedirs(robotdir)
    suites = []
    for i in range(count):
        path = os.path.join(robotdir, f"s{i:02d}.robot")
        with open(path, "w") as f:
            f.write(make(i))
        suites.append(f"  {name}{i:02d}:\n    path: s{i:02d}.robot\n")
    with open(os.path.join(case, "robotmk.yml"), "w") as f:
        f.write(f"global:\n  robotdir: {robotdir}\n  outputdir: {case}/out\n  logdir: {case}/log\n  python: {python}\n"
                f"  execution_interval: 3600\n  cache_time: 7200\n  agent_output_encoding: zlib_codec\n{extra_global}suites:\n" + "".join(suites))
    return case


def peak_run(argv, env):
    """Wall seconds, the process's own peak RSS in MiB, and the CPU seconds of it and all it waited for (RF included)."""
    start = time.monotonic()
    p = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    hwm = 0
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        try:
            with open(f"/proc/{p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.002)
    wall = time.monotonic() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"{argv} failed with rc {p.returncode}")
    return wall, hwm / 1024, usage.ru_utime + usage.ru_stime


def startup_ms(binary, runs=21):
    times = []
    for _ in range(runs):
        s = time.monotonic_ns()
        subprocess.run([binary, "--version"], env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.monotonic_ns() - s) / 1e6)
    return statistics.median(times)


def python_loop(case, python):
    code = ("import glob,os,sys,time,robot\nfiles=sorted(glob.glob(sys.argv[1]+'/robot/*.robot'))\nout=sys.argv[1]+'/loop'\n"
            "s=time.monotonic()\nfor i,f in enumerate(files):\n"
            "    robot.run(f,outputdir=out,output=f'o{i}.xml',log=f'l{i}.html',report=None,console='none')\n"
            "print(time.monotonic()-s)\n")
    s = time.monotonic()
    p = subprocess.Popen([python, "-c", code, case], stdout=subprocess.PIPE, text=True)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    return time.monotonic() - s, float(out), usage.ru_utime + usage.ru_stime


LAUNCHER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Robotmk.Runner", "Processes", "warm_launcher.py")


def launcher_loop(case, python):
    """The warm launcher over its protocol: wall and CPU seconds in all, and the seconds of the suites alone."""
    with open(LAUNCHER) as f:
        script = f.read()
    files = sorted(os.path.join(case, "robot", n) for n in os.listdir(os.path.join(case, "robot")))
    work = tempfile.mkdtemp(dir=case)
    out = os.path.join(case, "launcher-loop")
    os.makedirs(out, exist_ok=True)
    s = time.monotonic()
    p = subprocess.Popen([shutil.which("setsid"), python, "-c", script, "30", work], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True, cwd=work, env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"})
    if not p.stdout.readline().startswith("ready "):
        sys.exit("the warm launcher did not start")
    first = time.monotonic()
    for i, suite in enumerate(files):
        argv = ["--outputdir", out, "--output", f"o{i}.xml", "--log", f"l{i}.html", "--report", "NONE", "--console", "quiet", suite]
        request = {"entry": "robot", "argv": argv, "cwd": out, "env": {"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
                   "stdout": os.path.join(work, f"{i}.stdout"), "stderr": os.path.join(work, f"{i}.stderr")}
        p.stdin.write(json.dumps(request) + "\n")
        p.stdin.flush()
        for expected in ("started", "exited"):
            if not p.stdout.readline().startswith(expected):
                sys.exit(f"the warm launcher did not say '{expected}'")
    inner = time.monotonic() - first
    p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    return time.monotonic() - s, inner, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="startup,small,perf,small-p2,python-loop,launcher-loop")
    ap.add_argument("binaries", nargs="*")
    a = ap.parse_args()
    cases = a.only.split(",")
    root = tempfile.mkdtemp(prefix="robotmk-bench-")
    python = make_venv(root)
    small = write_case(root, "small", 33, small_suite, python)
    perf = write_case(root, "perf", 10, perf_suite, python)
    small_p2 = write_case(root, "small-p2", 33, small_suite, python, "  max_parallel: 2\n")
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"# {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, {os.cpu_count()} cores, {cpu}, load {os.getloadavg()[0]:.1f}, {a.runs} runs per case (median)")
    print("| binary | start-up (ms) | small: wall (s) | small: ms per suite | small: CPU ms per suite | small: peak RSS (MiB) | perf: wall (s) | perf: peak RSS (MiB) | small-p2: wall (s) | small-p2: CPU ms per suite |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for spec in a.binaries:
        label, binary = spec.split("=", 1)
        launch = label.split(":", 1)[1] if ":" in label else None
        env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
        if launch:
            env["ROBOTMK_RF_LAUNCH"] = launch
        row = [label, "", "", "", "", "", "", "", "", ""]
        if "startup" in cases:
            row[1] = f"{startup_ms(binary):.1f}"
        for name, case, col in (("small", small, 2), ("perf", perf, 6), ("small-p2", small_p2, 8)):
            if name not in cases:
                continue
            results = []
            for r in range(a.runs):
                sd = os.path.join(case, f"state-{label.replace(':', '-')}-{r}")
                results.append(peak_run([binary, "run", "--config", os.path.join(case, "robotmk.yml"), "--state-dir", sd], env))
            wall = statistics.median(w for w, _, _ in results)
            memory = f"{statistics.median(m for _, m, _ in results):.1f} (max {max(m for _, m, _ in results):.1f})"
            row[col] = f"{wall:.2f}"
            if name == "small":
                row[3] = f"{wall * 1000 / 33:.0f}"
                row[4] = f"{statistics.median(c for _, _, c in results) * 1000 / 33:.0f}"
                row[5] = memory
            elif name == "perf":
                row[7] = memory
            else:
                row[9] = f"{statistics.median(c for _, _, c in results) * 1000 / 33:.0f}"
        print("| " + " | ".join(row) + " |", flush=True)
    for case, label, loop in (("python-loop", "python loop, robot.run in one process", python_loop),
                              ("launcher-loop", "warm launcher alone, one forked child per suite", launcher_loop)):
        if case not in cases:
            continue
        loops = [loop(small, python) for _ in range(a.runs)]
        wall = statistics.median(w for w, _, _ in loops)
        inner = statistics.median(i for _, i, _ in loops)
        cpu = statistics.median(c for _, _, c in loops)
        print(f"| {label} | | {wall:.2f} | {wall * 1000 / 33:.0f} (without start: {inner * 1000 / 33:.0f}) | {cpu * 1000 / 33:.0f} | | | | | |")
    subprocess.run(["rm", "-rf", root])


if __name__ == "__main__":
    main()
