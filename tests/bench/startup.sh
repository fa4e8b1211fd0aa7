#!/usr/bin/env bash
# Measures start-up to the first page (GET /) of the Release build with the demo content:
# "first" = empty data directory (migrations + demo recipe), "restart" = the same directory again.
# Prints the median of RUNS runs of each. Usage: tests/bench/startup.sh [RUNS]
# BUILD=r2r or BUILD=composite measures a published form instead (see app.sh; R2R=1 is BUILD=r2r), run from its own
# folder with the copies of themes/recipes/seed.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
[ "${R2R:-}" = 1 ] && BUILD=${BUILD:-r2r}   # the older switch
source tests/bench/app.sh
trap app_cleanup EXIT
PORT=5123
measure() { # $1 = data dir; prints milliseconds to the first 200 on /
  local start end pid
  start=$(date +%s%N)
  (cd "$APP_DIR" && Portal__DataDirectory="$1" exec "${APP[@]}" --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1) &
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
