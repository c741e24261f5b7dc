#!/usr/bin/env bash
# Benchmark of the controller (robotmk): wall time and peak RSS at 1, 10 and 50 suites whose results are the
# 500-test RF fixture, for three builds: JIT (framework-dependent), ReadyToRun and NativeAOT.
#
#   bench/controller.sh [RUNS]        RUNS per case, default 30 (median reported; at least 20 is meaningful)
#   BUILDS="aot" bench/controller.sh  only these builds (default: jit r2r aot)
#
# Needs: dotnet SDK, python3, GNU time (/usr/bin/time), the shared fixtures beside the repository (../shared/fixtures/rf-7.4.2).
# NativeAOT needs a C toolchain (clang or gcc) and the ILCompiler package from NuGet; if that publish fails the
# script says why and goes on with the other builds. Not a test: it prints a table to paste into docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RUNS=${1:-30}
FIXTURE=${FIXTURE:-../shared/fixtures/rf-7.4.2/big/output.xml}
RID=${RID:-linux-x64}
BUILDS=${BUILDS:-jit r2r aot}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/robotmk-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

[ -f "$FIXTURE" ] || { echo "fixture $FIXTURE not found" >&2; exit 2; }

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r), $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)"
echo "# dotnet $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}'), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# fixture $FIXTURE ($(stat -c %s "$FIXTURE") bytes), $RUNS runs per case"

# --- builds ---------------------------------------------------------------------------------------------------
declare -A BIN
publish() {
  local flavour=$1 out="$WORK/pub-$1" log="$WORK/publish-$1.log"
  if dotnet publish Robotmk.Controller -c Release -r "$RID" -p:ControllerBuild="$flavour" -o "$out" >"$log" 2>&1; then
    BIN[$flavour]="$out/robotmk"
  else
    echo "# $flavour publish FAILED; last lines of its log:" >&2
    tail -n 15 "$log" | sed 's/^/#   /' >&2
  fi
}
for f in $BUILDS; do publish "$f"; done

# --- state folders: N suites, each holding the fixture as the runner stores it (sanitized, zlib + base64) ---
python3 - "$FIXTURE" "$WORK" <<'PY'
import base64, datetime, json, os, re, sys, zlib
fixture, work = sys.argv[1], sys.argv[2]
text = open(fixture, encoding="utf-8").read()
# The runner's HtmlMessageSanitizer (the fixture has no HTML messages, so this changes nothing).
text = re.sub(r'(<msg\b[^<>]*\shtml="true"[^<>]*>)[^<]*(</msg>)', r'\1(Robotmk has removed this HTML content for safety reasons)\2', text)
payload = base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")
now = datetime.datetime.now(datetime.timezone.utc)
iso = lambda t: t.isoformat(timespec="microseconds")
start, end = now - datetime.timedelta(minutes=3), now - datetime.timedelta(minutes=1)
for n in (1, 10, 50):
    d = os.path.join(work, f"state-{n}")
    os.makedirs(d)
    ids = [f"suite_{i:02d}" for i in range(n)]
    snapshot = {"execution_mode": "agent_serial", "encoding": "zlib_codec", "transmit_html": False, "robotmk_version": "1.6.0",
                "execution_interval": 900, "cache_time": 960, "run_timeout": 870,
                "suites": [{"id": s, "path": s, "tag": None, "piggybackhost": None, "max_executions": 1, "error": None} for s in ids]}
    runner = {"schema": 1, "product_version": "bench", "status": "idle", "pid": 1, "run_id": "bench", "start_time": iso(start),
              "end_time": iso(end), "heartbeat": iso(end), "config_error": None, "config": snapshot,
              "last_run": {"run_id": "bench", "start_time": iso(start), "end_time": iso(end), "runtime_total": 120.0,
                           "runtime_suites": 110.0, "runtime_robotmk": 10.0, "suites_run": n, "suites_fatal": 0, "budget_exhausted": False}}
    json.dump(runner, open(os.path.join(d, "robotmk_runner.json"), "w"), separators=(",", ":"))
    for s in ids:
        result = {"id": s, "status": "nonfatal", "error": None, "cache_time": 960, "execution_interval": 900,
                  "start_time": iso(start), "end_time": iso(end), "path": s, "tag": None, "xml": payload, "htmllog": None,
                  "rc": 5, "attempts": 1, "max_executions": 1, "piggybackhost": None, "run_id": "bench", "timed_out": False, "outcome": "failed"}
        json.dump({"schema": 1, "id": s, "state": "done", "running_run_id": None, "running_since": None, "result": result},
                  open(os.path.join(d, f"robotmk_{s}.json"), "w"), separators=(",", ":"))
# Memory bound: one piggybacked suite with a ~30 MiB payload (the fixture 41 times, base64_codec), just below
# the default --max-payload-bytes. Piggybacked, so it is written twice (local block and host block).
d = os.path.join(work, "state-huge")
os.makedirs(d)
huge = base64.b64encode(text.encode("utf-8") * 41).decode("ascii")
snapshot = {"execution_mode": "agent_serial", "encoding": "base64_codec", "transmit_html": False, "robotmk_version": "1.6.0",
            "execution_interval": 900, "cache_time": 960, "run_timeout": 870,
            "suites": [{"id": "huge", "path": "huge", "tag": None, "piggybackhost": "web", "max_executions": 1, "error": None}]}
runner["config"] = snapshot
json.dump(runner, open(os.path.join(d, "robotmk_runner.json"), "w"), separators=(",", ":"))
result.update({"id": "huge", "path": "huge", "xml": huge, "piggybackhost": "web"})
json.dump({"schema": 1, "id": "huge", "state": "done", "running_run_id": None, "running_since": None, "result": result},
          open(os.path.join(d, "robotmk_huge.json"), "w"), separators=(",", ":"))
print(f"# payload per suite: {len(payload)} bytes encoded; huge case: {len(huge)} bytes", file=sys.stderr)
PY

# --- measure: wall time (direct spawn) and peak RSS (/usr/bin/time) ------------------------------------------
measure() {
  python3 - "$@" <<'PY'
import json, os, statistics, subprocess, sys, time
binary, state, runs, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
env = {k: v for k, v in os.environ.items() if not k.startswith(("MK_", "ROBOTMK_"))}
env["MK_VARDIR"] = os.path.dirname(state) + "/vardir-" + os.path.basename(state)
os.makedirs(env["MK_VARDIR"], exist_ok=True)
link = os.path.join(env["MK_VARDIR"], "robotmk")
if not os.path.islink(link):
    os.symlink(state, link)
# Correctness first: the measured run must print the whole, valid section.
out = subprocess.run([binary], env=env, capture_output=True, check=True).stdout.decode()
lines = out.split("\n")
doc = json.loads(lines[1])
assert lines[0] == "<<<robotmk:sep(0)>>>" and len(doc["suites"]) == n and all(s["status"] == "nonfatal" for s in doc["suites"]), "bad output"
output_bytes = len(out)
del out, lines, doc
devnull = os.open(os.devnull, os.O_WRONLY)
# Wall time: the binary spawned directly, output to /dev/null; the first runs only warm the page cache.
walls = []
for i in range(runs + 3):
    t0 = time.perf_counter()
    pid = os.posix_spawn(binary, [binary], env, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, _ = os.wait4(pid, 0)
    if i >= 3:
        walls.append((time.perf_counter() - t0) * 1000)
    assert os.waitstatus_to_exitcode(status) == 0
# Peak RSS: /usr/bin/time's "Maximum resident set size". Not this script's own rusage: a child spawned from a
# large parent inherits the parent's high-water mark until exec, which would inflate the figure.
rss = []
report = os.path.join(os.path.dirname(state), "time.out")
for i in range(runs):
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report, binary], env=env, stdout=devnull, stderr=devnull, check=True)
    rss.append(int(open(report).read().split()[-1]) / 1024)
print(f"{statistics.median(walls):.1f} {min(walls):.1f} {max(walls):.1f} {statistics.median(rss):.1f} {max(rss):.1f} {output_bytes}")
PY
}

printf '\n| build | size | suites | output | wall median (min–max) | peak RSS median (max) |\n|---|---|---|---|---|---|\n'
for f in $BUILDS; do
  [ -n "${BIN[$f]:-}" ] || { printf '| %s | – | – | – | publish failed | – |\n' "$f"; continue; }
  # What ships: the published folder without debug symbols.
  size=$(find "$(dirname "${BIN[$f]}")" -type f ! -name '*.dbg' ! -name '*.pdb' -printf '%s\n' | awk '{s += $1} END {printf "%.1f MiB", s / 1048576}')
  for n in 1 10 50; do
    read -r med min max rssmed rssmax outlen < <(measure "${BIN[$f]}" "$WORK/state-$n" "$RUNS" "$n")
    printf '| %s | %s | %d | %s KiB | %s ms (%s–%s) | %s MiB (%s) |\n' "$f" "$size" "$n" "$((outlen / 1024))" "$med" "$min" "$max" "$rssmed" "$rssmax"
  done
  read -r med min max rssmed rssmax outlen < <(measure "${BIN[$f]}" "$WORK/state-huge" 5 1)
  printf '| %s | %s | 1 × 30 MiB | %s KiB | %s ms (%s–%s) | %s MiB (%s) |\n' "$f" "$size" "$((outlen / 1024))" "$med" "$min" "$max" "$rssmed" "$rssmax"
done
