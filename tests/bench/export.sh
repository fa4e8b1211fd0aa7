#!/usr/bin/env bash
# Open-data export benchmark (issue 9, item 5): seeds N comments (default 20,000) with responses into a finalized
# consultation, then for CSV and JSON starts a FRESH Release site process, streams
# GET /consultations/{slug}/comments.csv|json once, and reports wall time, bytes, and the process's peak resident
# memory (VmHWM from /proc/PID/status) next to its idle resident memory just before the request.
# Then the same for the `export` verb, which writes the same bytes without the site (a process of its own that opens
# the database only): wall time of the whole process, start-up included, and its peak resident memory (GNU time's
# maximum RSS); and `export --all` into a folder (every consultation in both formats, with index.json).
# Each figure is the median of RUNS runs (default 3). Usage: tests/bench/export.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20000}; RUNS=${RUNS:-3}
command -v sqlite3 >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 time >/dev/null; }
source tests/bench/app.sh
SITE=http://127.0.0.1:5341
source tests/bench/site.sh

start
draft bench-export 开放数据导出压测
stop

# Published, answered comments, and the consultation marked adopted so the export includes the responses.
sqlite3 "$DATA/portal.db" <<SQL
PRAGMA journal_mode=WAL;
$(answered_comments bench-export "$N" 2099 bench)
UPDATE Consultations SET State = 2, CommentCount = $N WHERE Slug = 'bench-export';
SQL

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for format in csv json; do
  times=(); peaks=(); idles=(); befores=(); bytes=0
  for _ in $(seq 1 "$RUNS"); do
    start
    idle=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$PID/status")
    before=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$PID/status")
    out=$(curl -s -o /dev/null -w '%{time_total} %{size_download} %{http_code}' "$SITE/consultations/bench-export/comments.$format")
    read -r secs size code <<<"$out"
    [ "$code" = 200 ] || { echo "HTTP $code for .$format"; exit 1; }
    peak=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$PID/status")
    stop
    times+=("$secs"); peaks+=("$peak"); idles+=("$idle"); befores+=("$before"); bytes=$size
  done
  echo "$format: $N comments, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1048576 }'), median $(printf '%s\n' "${times[@]}" | median) s" \
    "(runs: ${times[*]}); peak RSS (VmHWM) median $(printf '%s\n' "${peaks[@]}" | median) MB (runs: ${peaks[*]}), idle before the request $(printf '%s\n' "${idles[@]}" | median) MB (its peak so far, start-up included, $(printf '%s\n' "${befores[@]}" | median) MB)"
done

# The export verb: the same files as a process of its own beside the (stopped) site; what an open-data job runs.
out=$(mktemp -d); trap 'rm -rf "$out"; cleanup' EXIT
verb() { (cd "$APP_DIR" && /usr/bin/time -f '%e %M' "${APP[@]}" export "$@" 2>&1 >/dev/null | tail -1); }
for format in csv json all; do
  times=(); peaks=()
  for _ in $(seq 1 "$RUNS"); do
    if [ "$format" = all ]; then read -r secs kb <<<"$(verb --all "$out/all")"
    else read -r secs kb <<<"$(verb bench-export --format "$format" --out "$out/comments.$format")"; fi
    times+=("$secs"); peaks+=("$((kb / 1024))")
  done
  size=$(if [ "$format" = all ]; then du -sb "$out/all" | cut -f1; else stat -c %s "$out/comments.$format"; fi)
  echo "export verb, $format: $(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1048576 }'), median $(printf '%s\n' "${times[@]}" | median) s for the whole process" \
    "(runs: ${times[*]}); peak RSS median $(printf '%s\n' "${peaks[@]}" | median) MB (runs: ${peaks[*]})"
done
