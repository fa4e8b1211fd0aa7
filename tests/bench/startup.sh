#!/usr/bin/env bash
# Measures start-up to the first page (GET /) of the Release build with the demo content:
# "first" = empty data directory (migrations + demo recipe), "restart" = the same directory again.
# Prints the median of RUNS runs of each. Usage: tests/bench/startup.sh [RUNS]
# R2R=1 measures the deployable form instead: `dotnet publish -r linux-x64 -p:PublishReadyToRun=true` (code compiled
# ahead of time, so little is left to the JIT at start), run from its own folder with the copies of themes/recipes/seed.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
if [ "${R2R:-}" = 1 ]; then
  APP=$(mktemp -d)
  dotnet publish src/Portal.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" -v quiet -nologo >/dev/null
  trap 'rm -rf "$APP"' EXIT
else
  dotnet build src/Portal.Web -c Release -v quiet -nologo >/dev/null
  APP=$(pwd)/src/Portal.Web
fi
DLL=$( [ "${R2R:-}" = 1 ] && echo "$APP/Portal.Web.dll" || echo "$APP/bin/Release/net10.0/Portal.Web.dll" )
PORT=5123
measure() { # $1 = data dir; prints milliseconds to the first 200 on /
  local start end pid
  start=$(date +%s%N)
  (cd "$APP" && Portal__DataDirectory="$1" exec dotnet "$DLL" --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.02; done
  end=$(date +%s%N)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
first=(); restart=()
for _ in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d)
  first+=("$(measure "$dir")")
  restart+=("$(measure "$dir")")
  rm -rf "$dir"
done
echo "first start (migrate + demo recipe) to first page: median $(printf '%s\n' "${first[@]}" | median) ms  (runs: ${first[*]})"
echo "restart to first page:                           median $(printf '%s\n' "${restart[@]}" | median) ms  (runs: ${restart[*]})"
