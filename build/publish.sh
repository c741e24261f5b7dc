#!/usr/bin/env bash
# Builds the shipped binaries into dist/<rid>/ (default rid: linux-x64):
#   robotmk          NativeAOT (one native file, ~3 ms start, see docs/BENCHMARKS.md) where the build host can compile
#                    for the target; otherwise (win-x64 from Linux) a self-contained single file.
#   robotmk-runner   NativeAOT as well where the build host can compile for the target (~2 ms start, a third of the
#                    memory); otherwise (win-x64 from Linux) a self-contained single file.
#   robotmk-bakery   self-contained single file
# Usage: build/publish.sh [RID...]     e.g. build/publish.sh linux-x64 win-x64
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64)
host_os=linux
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) host_os=win ;; esac

single_file=(--self-contained -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true
             -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none)

for rid in "${rids[@]}"; do
  out="dist/$rid"
  rm -rf "$out"
  mkdir -p "$out"
  log="$out/.publish.log"
  echo "publishing $rid -> $out" >&2
  if [ "${rid%%-*}" = "$host_os" ]; then
    dotnet publish Robotmk.Controller -c Release -r "$rid" -p:ControllerBuild=aot -o "$out" >"$log" 2>&1 \
      || { tail -n 30 "$log" >&2; exit 1; }
    dotnet publish Robotmk.Runner -c Release -r "$rid" -p:RunnerBuild=aot -o "$out" >>"$log" 2>&1 \
      || { tail -n 30 "$log" >&2; exit 1; }
  else
    for project in Robotmk.Controller Robotmk.Runner; do
      dotnet publish "$project" -c Release -r "$rid" "${single_file[@]}" -o "$out" >>"$log" 2>&1 \
        || { tail -n 30 "$log" >&2; exit 1; }
    done
  fi
  dotnet publish bakery/Robotmk.Bakery.csproj -c Release -r "$rid" "${single_file[@]}" -o "$out" >>"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; exit 1; }
  # Only the programs ship: no symbols, no logs.
  find "$out" -maxdepth 1 -type f ! -name 'robotmk' ! -name 'robotmk-runner' ! -name 'robotmk-bakery' \
    ! -name 'robotmk.exe' ! -name 'robotmk-runner.exe' ! -name 'robotmk-bakery.exe' -delete
  ls -l "$out" >&2
done
