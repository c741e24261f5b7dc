#!/usr/bin/env bash
# Long reliability run: the same scenarios as the CI tests (Robotmk.Tests/Reliability, NUnit category Reliability)
# with larger counts. Prints a figure table and writes docs/RELIABILITY.md.
#
#   bench/chaos.sh                      scale 10 (≥ 200 runner kills, 100 concurrency rounds…), a fresh random seed
#   ROBOTMK_CHAOS_SCALE=1 bench/chaos.sh          the CI counts
#   ROBOTMK_CHAOS_SEED=123456 bench/chaos.sh      repeat the kill moments, jumps and runner counts of an earlier run
#   ROBOTMK_CHAOS_NO_MOUNT=1 bench/chaos.sh       inject disk faults with a file size limit instead of tmpfs mounts
#
# Needs: dotnet SDK, python3, the shared peers beside the repository (../shared: the real Robot Framework).
# Disk faults use tmpfs mounts where the user may mount (root in this sandbox), else a file size limit.
# Scale 10 takes about 17 minutes on 2 cores. Exit code: that of dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

export ROBOTMK_CHAOS_SCALE=${ROBOTMK_CHAOS_SCALE:-10}
export ROBOTMK_CHAOS_SEED=${ROBOTMK_CHAOS_SEED:-$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/robotmk-chaos.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export ROBOTMK_CHAOS_FIGURES="$WORK/figures.jsonl"
: >"$ROBOTMK_CHAOS_FIGURES"

echo "# seed $ROBOTMK_CHAOS_SEED, scale $ROBOTMK_CHAOS_SCALE"
dotnet build Robotmk.sln -c Release -v quiet -nologo >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; exit 2; }

start=$(date +%s)
status=0
dotnet test Robotmk.sln -c Release --no-build --filter "Category=Reliability" \
  --logger "console;verbosity=normal" >"$WORK/test.log" 2>&1 || status=$?
seconds=$(( $(date +%s) - start ))
grep -E "^\s*(Passed|Failed|Skipped) |Total tests|Passed!|Failed!" "$WORK/test.log" | sed 's/^/# /' || true

python3 - "$ROBOTMK_CHAOS_FIGURES" bench/chaos-findings.tsv docs/RELIABILITY.md "$seconds" "$status" <<'PY'
import collections, datetime, json, os, platform, subprocess, sys

figures_file, findings_file, doc, seconds, status = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
runs = [json.loads(l) for l in open(figures_file, encoding="utf-8") if l.strip()]

findings = collections.defaultdict(list)
for line in open(findings_file, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    scenario, defect, fix = line.rstrip("\n").split("\t")
    findings[scenario].append((defect, fix))

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.rstrip()
    except Exception as e:
        return f"({e})"

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
machine = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "nproc": sh("nproc"),
    "cpu": cpu,
    "free": sh("free -h"),
    "kernel": platform.release(),
    "dotnet": sh("dotnet --version"),
    "commit": sh("git rev-parse --short HEAD") + (" (with local changes)" if sh("git status --porcelain --untracked-files=no") else ""),
}
seed = os.environ["ROBOTMK_CHAOS_SEED"]
scale = os.environ["ROBOTMK_CHAOS_SCALE"]

def fmt(v):
    return f"{v:g}" if isinstance(v, float) else str(v)

order = ["kill-storm: SIGKILL the runner", "kill-storm: SIGKILL Robot", "concurrency", "hostile", "memory", "bad input: malformed",
         "bad input: corrupt state files read by the runner", "bad input: corrupt state files read by the controller", "disk: read-only",
         "disk: unwritable", "disk: full", "clock", "security"]
runs.sort(key=lambda r: next((i for i, p in enumerate(order) if r["scenario"].startswith(p)), len(order)))
rows = []
for r in runs:
    found = len(findings.get(r["scenario"], []))
    extra = ", ".join(f"{k.replace('_', ' ')} {fmt(v)}" for k, v in r["figures"].items())
    unit = r["unit"][:-1] if r["count"] == 1 and r["unit"].endswith("s") else r["unit"]
    rows.append((r["scenario"], f'{r["count"]} {unit}', found, len(r["failures"]), extra))

table = ["| scenario | run | failures found (fixed) | failures remaining | figures |", "|---|---|---|---|---|"]
table += [f"| {s} | {c} | {f} | {rem} | {x} |" for s, c, f, rem, x in rows]
print("\n".join(table))
remaining = [(r["scenario"], f) for r in runs for f in r["failures"]]
for s, f in remaining:
    print(f"REMAINING {s}: {f}")

missing = sorted(set(findings) - {r["scenario"] for r in runs})
out = []
w = out.append
w("# Reliability")
w("")
w("What this proves, with figures: no result of the runner is lost or torn when the runner or Robot Framework is")
w("killed at any moment, when runners race, when suites are hostile, when input files are malformed or corrupt, when")
w("the disk fails or the clock jumps; and the controller prints a valid section through all of it.")
w("")
w("This file is written by `bench/chaos.sh`. The same scenarios run in CI with small counts")
w("(`Robotmk.Tests/Reliability`, NUnit category `Reliability`, part of `dotnet test Robotmk.sln -c Release`).")
w("")
w("## Last run")
w("")
w(f"* date: {machine['date']}; commit {machine['commit']}")
w(f"* machine: {machine['nproc']} cores (`nproc`), {machine['cpu']}, kernel {machine['kernel']}, .NET SDK {machine['dotnet']}")
w("* memory (`free -h`):")
w("")
w("```")
w(machine["free"])
w("```")
w("")
w(f"* seed {seed}, scale {scale} (counts are the CI counts × scale); {seconds // 60} min {seconds % 60} s; "
  f"dotnet test {'passed' if status == 0 else 'FAILED (exit ' + str(status) + ')'}")
w("")
w("## Scenarios")
w("")
w("\"failures found\" counts the defects each scenario found while it was built (all fixed, listed below);")
w("\"failures remaining\" is what this run found: every one is a test failure.")
w("")
out.extend(table)
w("")
if remaining:
    w("### Failures of this run")
    w("")
    for s, f in remaining:
        w(f"* {s}: {f}")
    w("")
if missing:
    w(f"(Scenarios with findings that did not report in this run: {', '.join(missing)}.)")
    w("")
w("What each scenario does:")
w("")
w("* **kill-storm: SIGKILL the runner** — three real suites (pass; fail, re-run and rebot merge; a suite that leaves")
w("  a child process) run by the runner process and the real RF. The runner is SIGKILLed at a random moment (seeded):")
w("  one kill in five while it starts and takes the lock, the others at a random point of its run. After every kill every")
w("  state file is parsed and each suite must show its previous complete result or a new complete one (its output.xml")
w("  decodes and parses to its statistics); the controller's section is checked against SPEC §1; the next runner must")
w("  take the lock over, and by the time it has, nothing a killed runner started may still run and no temp file of a")
w("  killed writer may remain. A last, undisturbed run must complete with new results for all suites.")
w("* **kill-storm: SIGKILL Robot Framework** — RF of a random suite is SIGKILLed a random moment after it started;")
w("  the suite must become fatal naming signal 9, the other suites must get new results, nothing may be left running.")
w("* **concurrency** — 2 to 4 runner processes are released at the same instant (all wait on one FIFO, which is")
w("  closed when every one of them waits); exactly one may run the suites (RF runs once per suite), the others exit 0")
w("  with `already_running`. Meanwhile the controller is polled in a tight loop: its own state parsers must never meet")
w("  a file they cannot parse, and every section must be valid.")
w("* **hostile suites** — one runner run with: a sleep of an hour (timeout 3 s), a Python keyword that ignores SIGTERM")
w("  and sleeps, a double-forked grandchild in its own session holding RF's stdout open, 100 MB written to stdout,")
w("  200 MB of output.xml (once plain, once failing with 3 allowed attempts), then a normal suite. Each must end")
w("  within its budget with its precise verdict, nothing may be left running, the normal suite must pass.")
w("* **memory** — peak RSS (`VmHWM`) of the runner process running a suite that prints 100 MB to stdout, against a")
w("  quiet suite: RF's output is read through a fixed-size tail buffer.")
w("* **bad input: malformed robotmk.yml** — a generator mutates a complete valid file at every key of every level:")
w("  wrong types, misspelt and foreign keys, duplicates, tabs, broken syntax, control characters, invalid UTF-8,")
w("  byte order marks, huge values, deep nesting, alias and merge bombs; each file goes through")
w("  `robotmk-runner validate`, which must exit 2 with the case's specific message at its line; bombs must allocate")
w("  little memory.")
w("* **bad input: corrupt state files** — cut at 40 places, empty, not an object, every field with every wrong JSON type,")
w("  UTF-16/32, Latin-1, invalid UTF-8, NUL, future and impossible times, NaN durations, 40–80 MB files, deep nesting;")
w("  for suite and runner state. The runner must replace them and complete its run; the controller must print a valid")
w("  section in which the suite with the unreadable (or future-dated) file is fatal and the intact suite is not.")
w("* **disk** — read-only state folder, unwritable then missing output folder, full disk: tmpfs mounts (read-only /")
w("  full) where mounts are allowed; as root without mount rights (chmod does not stop root) a file size limit on the")
w("  runner process instead. The runner must exit 0 with the OS's reason in its section and on stderr, leave the previous")
w("  state files byte for byte as they were, and recover on the next run.")
w("* **clock** — the wall clock jumps by up to ±6 h while a suite runs (coordinator with a fake RF and a fake clock);")
w("  no suite may get more time than the real budget left, none may be skipped, every result carries its real duration")
w("  and a kept result (disabled suite) keeps its times.")
w("* **security** — suite parameters full of shell syntax (`;`, `$()`, backticks, quotes, newlines, redirections,")
w("  globs) must reach the real RF verbatim: read back from RF's output.xml; nothing of it may be executed.")
w("")
w("## Defects found and fixed")
w("")
w("| scenario | defect | fix |")
w("|---|---|---|")
for scenario, items in findings.items():
    for defect, fix in items:
        w(f"| {scenario} | {defect} | {fix} |")
w("")
w("## Re-run")
w("")
w("```")
w("dotnet test Robotmk.sln -c Release --filter Category=Reliability     # CI counts, fixed seed (about 3 minutes on 2 cores)")
w("bench/chaos.sh                                                        # scale 10, new seed, rewrites this file")
w(f"ROBOTMK_CHAOS_SEED={seed} ROBOTMK_CHAOS_SCALE={scale} bench/chaos.sh   # this run again")
w("ROBOTMK_CHAOS_NO_MOUNT=1 bench/chaos.sh                               # disk faults without mounts")
w("```")
w("")
w("The seed fixes the kill moments, the runner counts per round and the clock jumps; timing on a loaded machine")
w("still varies where exactly a kill lands.")
w("")
w("## Limits")
w("")
w("* A process that clears its environment (e.g. `env -i`) drops the ROBOTMK_RUN_OWNER marker; if the runner is")
w("  killed while it runs, the next runner cannot find it. Everything RF starts normally inherits the environment.")
w("* On Windows, RF runs in a job object that the OS terminates when the runner dies (kill on job close); these")
w("  scenarios run on Linux only.")
w("* Power loss is not simulated: atomic writes flush the temp file before the rename, the folder itself is not fsynced.")
open(doc, "w", encoding="utf-8").write("\n".join(out) + "\n")
print(f"# wrote {doc}")
PY
exit "$status"
