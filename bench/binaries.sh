#!/usr/bin/env bash
# Size and cold-start time of each shipped binary in dist/<rid>/ (run build/publish.sh first).
# Cold start = `<binary> --version`, median of N runs (default 21), started with a bare environment without dotnet
# on PATH and without DOTNET_ROOT, as on a monitored host without the .NET SDK.
# Usage: bench/binaries.sh [RUNS] [RID]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
rid=${2:-linux-x64}
dir="dist/$rid"
[ -d "$dir" ] || { echo "no $dir: run build/publish.sh $rid first" >&2; exit 1; }

median_ms() {
  local bin=$1 times=() i s e
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N)
    env -i PATH=/usr/bin:/bin HOME=/tmp "$bin" --version >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(((e - s) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%.1f", $1 / 1000 }'
}

echo "# $(date -u +%Y-%m-%d) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), rid $rid, $runs runs"
printf '| %-16s | %10s | %22s |\n' binary "size (MiB)" "cold start median (ms)"
printf '|%s|%s|%s|\n' "------------------" "------------" "------------------------"
for name in robotmk robotmk-runner robotmk-bakery; do
  bin="$dir/$name"
  size=$(stat -c %s "$bin")
  printf '| %-16s | %10.1f | %22s |\n' "$name" "$(echo "$size / 1048576" | bc -l)" "$(median_ms "$bin")"
done
