#!/usr/bin/env bash
# A change to a full hearing reaches every participant: seats N sign-ups (default 5,000) on a first-come hearing
# through the public API, waits for their confirmations to leave the outbox, then times
#   1. moving the hearing (PUT /api/v1/admin/hearings/{slug} with a new date): one "changed" mail per participant,
#      with the updated calendar invitation, queued in the same transaction as the change;
#   2. cancelling it (POST …/{slug}/cancel): one cancellation mail per participant, with STATUS:CANCELLED.
# Each request holds the hearing's row (on SQLite the database's write lock) until it commits, so its time is how long
# sign-ups and comments wait behind it. Usage: tests/bench/hearing-change.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
N=${1:-5000}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
source tests/bench/app.sh
SITE=http://127.0.0.1:5351
export Portal__Hearings__SignUpsPerIpPerMinute=100000000
source tests/bench/site.sh
start
outbox() { sqlite3 "$DATA/portal.db" ".timeout 10000" "SELECT count(*) FROM OutboxMessages WHERE Status = $1"; }
hearing() { # $1 days ahead
  local starts ends
  starts=$(date -u -d "+$1 days" +%Y-%m-%dT01:00:00Z); ends=$(date -u -d "+$1 days" +%Y-%m-%dT04:00:00Z)
  echo "{\"title\":\"规模测试听证会\",\"slug\":\"bench-change\",\"matters\":\"压测\",\"organizer\":\"价格监督检查科\",\"startsUtc\":\"$starts\",\"endsUtc\":\"$ends\",\"venueName\":\"听证室\",\"venueAddress\":\"天府大道中段 88 号\",\"seats\":$N,\"speakerSlots\":0,\"registrationOpensUtc\":\"$OPENS\",\"registrationClosesUtc\":\"$CLOSES\",\"selection\":\"first_come\",\"categories\":[],\"selectionRules\":\"先到先得\"}"
}
OPENS=$(date -u +%Y-%m-%dT%H:%M:%SZ); CLOSES=$(date -u -d '+10 days' +%Y-%m-%dT%H:%M:%SZ)
api -o /dev/null -X POST "$SITE/api/v1/admin/hearings" -d "$(hearing 20)"
# wrk runs for -d; each thread stops itself after its share.
TOTAL=$N THREADS=2 wrk -t2 -c20 -d"$(( N / 50 + 30 ))s" -s "$ROOT/tests/bench/wrk/signup.lua" "$SITE/api/v1/hearings/bench-change/registrations" >/dev/null
taken=$(curl -s "$SITE/api/v1/hearings/bench-change" | grep -o '"seatsTaken":[0-9]*' | cut -d: -f2)
until [ "$(outbox 0)" = 0 ]; do sleep 1; done
echo "hearing with $taken of $N seats taken; confirmations sent: $(outbox 1)"
sent=$(outbox 1)
out=$(api -o /dev/null -w '%{http_code} %{time_total}' -X PUT "$SITE/api/v1/admin/hearings/bench-change" -d "$(hearing 21)")
echo "1. reschedule: HTTP ${out% *} in ${out#* } s; mails queued: $(( $(outbox 0) + $(outbox 1) - sent ))"
until [ "$(outbox 0)" = 0 ]; do sleep 1; done
sent=$(outbox 1)
out=$(api -o /dev/null -w '%{http_code} %{time_total}' -X POST "$SITE/api/v1/admin/hearings/bench-change/cancel" -d '{"reason":"因场地维修，本次听证会取消，另行通知。"}')
echo "2. cancel: HTTP ${out% *} in ${out#* } s; mails queued: $(( $(outbox 0) + $(outbox 1) - sent ))"
echo "peak resident memory of the site process: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$PID/status")"
