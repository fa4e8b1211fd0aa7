#!/usr/bin/env bash
# Measures start-up to the first page (GET /) of the Release build with the demo content:
# "first" = empty data directory (migrations + demo recipe), "restart" = the same directory again.
# Prints the median of RUNS runs of each. Usage: tests/bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
dotnet build src/Portal.Web -c Release -v quiet -nologo >/dev/null
DLL=$(pwd)/src/Portal.Web/bin/Release/net10.0/Portal.Web.dll
PORT=5123
measure() { # $1 = data dir; prints milliseconds to the first 200 on /
  local start end pid
  start=$(date +%s%N)
  (cd src/Portal.Web && Portal__DataDirectory="$1" exec dotnet "$DLL" --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1) &
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
