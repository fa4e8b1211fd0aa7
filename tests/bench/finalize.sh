#!/usr/bin/env bash
# Finalizing a decision with N answered comments (default 20,000, each from its own address): the answers go to every
# commenter in one transaction with the outcome (one outbox row per address and language). Seeds the comments straight
# into the database as export.sh does, closes the period, then times POST /api/v1/admin/consultations/{slug}/finalize
# and counts the queued answer mails. (Dates are stored as UTC ticks.) Usage: tests/bench/finalize.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20000}
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
source tests/bench/app.sh
SITE=http://127.0.0.1:5352
source tests/bench/site.sh
start
draft bench-finalize 决定办结压测
stop
# Published comments, each answered, from N addresses; then the period is moved into the past so it can be finalized.
sqlite3 "$DATA/portal.db" <<SQL
PRAGMA journal_mode=WAL;
$(answered_comments bench-finalize "$N" 2097 finalize)
UPDATE Consultations SET CommentCount = $N, OpensUtc = OpensUtc - 9 * 864000000000, ClosesUtc = CreatedUtc - 864000000000 WHERE Slug = 'bench-finalize';
SQL
start
out=$(api -o "$DATA.out" -w '%{http_code} %{time_total}' -X POST "$SITE/api/v1/admin/consultations/bench-finalize/finalize" -d '{"outcome":"adopted","reason":"经局务会议审议通过。"}')
[ "${out% *}" = 200 ] || { echo "HTTP ${out% *}: $(head -c 400 "$DATA.out")"; exit 1; }
echo "finalize with $N answered comments: ${out#* } s; answer mails queued: $(sqlite3 "$DATA/portal.db" ".timeout 10000" "SELECT count(*) FROM OutboxMessages WHERE Template = 'decision-answer'")"
echo "peak resident memory of the site process: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$PID/status")"
