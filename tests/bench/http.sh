#!/usr/bin/env bash
# HTTP benchmarks of issue 9 against 127.0.0.1 only, with Debian's wrk (installed when missing):
#   1. a document page served by Portal vs the same bytes served by Kestrel as a static file (ratio, same run)
#   2. an uncached consultation page with 500 published comments, 16 connections: requests/s and p95; 2b. the same once
#      the decision is adopted and every comment answered (responses, totals, redline)
#   3. comment intake on SQLite with full durability (synchronous=FULL): accepted comments/s
#   4. sign-up storm: 2,000 sign-ups for 100 seats, RUNS times on fresh hearings: confirmed seats and p99 of each, the median
#   and the site's peak resident memory over the whole run; then
#   5. comment intake as in 3, on PostgreSQL (127.0.0.1:5432, role portal/portal, a fresh database dropped afterwards).
# Each figure is the median of RUNS runs (default 3) of DURATION (default 10s). Usage: tests/bench/http.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=${RUNS:-3}; DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
source tests/bench/app.sh
DATA=$(mktemp -d); STATIC=$(mktemp -d); STATIC_DATA=$(mktemp -d); PG_DATA=$(mktemp -d)
SITE=http://127.0.0.1:5301; STATIC_SITE=http://127.0.0.1:5302; PG_SITE=http://127.0.0.1:5303
PG_DB=portal_bench_$$; export PGPASSWORD=portal
PG_ENV=(Portal__Database__Provider=Postgres "ConnectionStrings__Portal=Host=127.0.0.1;Username=portal;Password=portal;Database=$PG_DB")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  rm -rf "$DATA" "$STATIC" "$STATIC_DATA" "$PG_DATA" || true
  dropdb -h 127.0.0.1 -U portal --if-exists "$PG_DB" 2>/dev/null || true
  app_cleanup
}
trap cleanup EXIT
SITE_ENV=()
start() { # $1 data dir, $2 url, extra args...; SITE_ENV holds extra environment (the database provider)
  local data=$1 url=$2; shift 2
  (cd "$APP_DIR" && Portal__DataDirectory="$data" Portal__Admin__Password=Bench-Passw0rd-1 \
    Portal__Consultations__CommentsPerIpPerMinute=100000000 Portal__Consultations__CommentsPerEmailPerHour=100000 \
    Portal__Consultations__PostModeration=true Portal__Hearings__SignUpsPerIpPerMinute=100000000 \
    Logging__LogLevel__Default=Warning exec env "${SITE_ENV[@]}" "${APP[@]}" --urls "$url" "$@" >"$data.log" 2>&1) &
  pids+=($!)
  until curl -sf -o /dev/null "$url/"; do sleep 0.2; done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
bench() { # label, wrk args... ; prints the RESULT line of the median run by rps
  shift; local out=(); for _ in $(seq 1 "$RUNS"); do out+=("$(wrk "$@" | grep '^RESULT')"); done
  printf '%s\n' "${out[@]}" | sort -t= -k2 -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

start "$DATA" "$SITE"
SITE_PID=$(pgrep -f "Portal.Web(.dll)? --urls $SITE" | head -1)
DOC=$(curl -s "$SITE/sections/policies" | grep -o 'href="/documents/[^"]*"' | head -1 | sed 's/href="//;s/"$//')
curl -s "$SITE$DOC" > "$STATIC/doc.html"
start "$STATIC_DATA" "$STATIC_SITE" --webroot "$STATIC"
echo "== 1. document page ($DOC, $(wc -c < "$STATIC/doc.html") bytes), 2 threads, 16 connections, $DURATION x $RUNS"
portal=$(bench doc -t2 -c16 -d"$DURATION" -s "$ROOT/tests/bench/wrk/report.lua" "$SITE$DOC")
static=$(bench doc -t2 -c16 -d"$DURATION" -s "$ROOT/tests/bench/wrk/report.lua" "$STATIC_SITE/doc.html")
echo "portal:      $portal"; echo "static file: $static"
echo "ratio portal/static: $(awk -v a="$(echo "$portal" | field rps)" -v b="$(echo "$static" | field rps)" 'BEGIN { printf "%.2f", a / b }')"

TOKEN=$(cd "$APP_DIR" && Portal__DataDirectory="$DATA" "${APP[@]}" token create --user admin 2>/dev/null | tail -1)
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" "$@"; }
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ); CLOSE=$(date -u -d '+8 days' +%Y-%m-%dT%H:%M:%SZ); ADOPT=$(date -u -d '+10 days' +%Y-%m-%d)
for slug in bench-intake bench-page; do
  api -X POST "$SITE/api/v1/admin/consultations" -d "{\"title\":\"压测用决策草案 $slug\",\"slug\":\"$slug\",\"kind\":\"ordinary\",\"opensUtc\":\"$NOW\",\"closesUtc\":\"$CLOSE\",\"plannedAdoptionDate\":\"$ADOPT\",\"articles\":[\"第一条 目的。\",\"第二条 范围。\",\"第三条 施行日期。\"]}" >/dev/null
  api -X POST "$SITE/api/v1/admin/consultations/$slug/publish" >/dev/null
done
for i in $(seq 1 500); do
  curl -sf -o /dev/null -H "Content-Type: application/json" "$SITE/api/v1/consultations/bench-page/comments" \
    -d "{\"name\":\"市民$i\",\"email\":\"page-$i@example.com\",\"article\":$(( i % 3 + 1 )),\"body\":\"第 $i 条意见：建议在第 $(( i % 3 + 1 )) 条中写明办理时限和监督电话，并公开办理结果。\",\"publishName\":true}"
done
echo "== 2. consultation page with $(curl -s "$SITE/api/v1/consultations/bench-page" | grep -o '"commentCount":[0-9]*' | cut -d: -f2) comments (uncached), 16 connections"
bench page -t2 -c16 -d"$DURATION" -s "$ROOT/tests/bench/wrk/report.lua" "$SITE/consultations/bench-page"

# 2b. The same page once the decision is adopted: every comment answered (disposition and reason shown under it), the
# totals by disposition and by article, and the redline. Finalizing needs a closed period, so the comments and
# responses go straight into the database, as in export.sh; the consultation is then marked adopted.
api -X POST "$SITE/api/v1/admin/consultations" -d "{\"title\":\"压测用已决定草案\",\"slug\":\"bench-final\",\"kind\":\"ordinary\",\"opensUtc\":\"$NOW\",\"closesUtc\":\"$CLOSE\",\"plannedAdoptionDate\":\"$ADOPT\",\"articles\":[\"第一条 目的。\",\"第二条 范围。\",\"第三条 施行日期。\"]}" >/dev/null
api -X POST "$SITE/api/v1/admin/consultations/bench-final/publish" >/dev/null
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
sqlite3 "$DATA/portal.db" <<SQL
.timeout 10000
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO Comments (ConsultationId, ReceiptNumber, AccessToken, ArticleNumber, Name, PublishName, Email, Phone, Organization, Body, PublicBody,
  Status, RejectReason, SubmittedUtc, ModeratedBy, GroupId, Fingerprint, Band0, Band1, Band2, Band3, Band4, Band5, Band6, Band7, ConsentToPublish,
  Disposition, ResponseReason, ResponseArticles, RespondedBy, SourceHash, Channel)
SELECT c.Id, printf('YJ-2098-%06d', i), hex(randomblob(16)), i % 3 + 1, '市民' || i, 1, 'final' || i || '@example.com', NULL,
  CASE WHEN i % 7 = 0 THEN '锦城市消费者协会' ELSE NULL END,
  '第 ' || i || ' 条意见：建议在第 ' || (i % 3 + 1) || ' 条中写明办理时限和监督电话，并公开办理结果，方便群众查询。',
  '第 ' || i || ' 条意见：建议在第 ' || (i % 3 + 1) || ' 条中写明办理时限和监督电话，并公开办理结果，方便群众查询。',
  1, 0, c.CreatedUtc + i, 'moderator', NULL, i, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  i % 4 + 1, '经研究，该意见' || CASE i % 4 WHEN 0 THEN '已采纳。' WHEN 1 THEN '部分采纳，第二条已修改。' WHEN 2 THEN '未采纳：与上位法规定不一致。' ELSE '不属于本次征求意见范围。' END,
  CASE WHEN i % 4 < 2 THEN '2' ELSE '' END, 'decisions', '', 0
FROM n, Consultations c WHERE c.Slug = 'bench-final';
UPDATE Consultations SET State = 2, CommentCount = 500, FinalArticles = replace(Articles, '范围', '适用范围'), FinalizedUtc = CreatedUtc,
  FinalizedBy = 'decisions', OutcomeReason = '经局务会议审议通过。' WHERE Slug = 'bench-final';
SQL
echo "== 2b. adopted consultation page with 500 answered comments (uncached), 16 connections"
bench final -t2 -c16 -d"$DURATION" -s "$ROOT/tests/bench/wrk/report.lua" "$SITE/consultations/bench-final"

intake() { # $1 site, $2 slug: prints the median run and the comments stored over all runs
  local before after
  before=$(curl -s "$1/api/v1/consultations/$2" | grep -o '"commentCount":[0-9]*' | cut -d: -f2)
  bench intake -t2 -c16 -d"$DURATION" -s "$ROOT/tests/bench/wrk/comment.lua" "$1/api/v1/consultations/$2/comments"
  after=$(curl -s "$1/api/v1/consultations/$2" | grep -o '"commentCount":[0-9]*' | cut -d: -f2)
  echo "stored comments: $((after - before)) over $RUNS runs"
}

echo "== 3. comment intake on SQLite (WAL, synchronous=FULL), 16 connections"
intake "$SITE" bench-intake

echo "== 4. sign-up storm: 2,000 sign-ups for 100 seats, 50 connections, $RUNS storms on fresh hearings"
STARTS=$(date -u -d '+10 days' +%Y-%m-%dT%H:%M:%SZ); ENDS=$(date -u -d '+10 days 3 hours' +%Y-%m-%dT%H:%M:%SZ); CLOSES=$(date -u -d '+5 days' +%Y-%m-%dT%H:%M:%SZ)
storms=()
for k in $(seq 1 "$RUNS"); do
  api -X POST "$SITE/api/v1/admin/hearings" -d "{\"title\":\"压测听证会 $k\",\"slug\":\"bench-storm-$k\",\"matters\":\"压测\",\"organizer\":\"价格监督检查科\",\"startsUtc\":\"$STARTS\",\"endsUtc\":\"$ENDS\",\"venueName\":\"听证室\",\"venueAddress\":\"天府大道中段 88 号\",\"seats\":100,\"speakerSlots\":0,\"registrationOpensUtc\":\"$NOW\",\"registrationClosesUtc\":\"$CLOSES\",\"selection\":\"first_come\",\"categories\":[],\"selectionRules\":\"先到先得\"}" >/dev/null
  # wrk always runs for -d; each thread stops itself after its share, which takes a few seconds.
  run=$(TOTAL=2000 THREADS=2 wrk -t2 -c50 -d20s -s "$ROOT/tests/bench/wrk/signup.lua" "$SITE/api/v1/hearings/bench-storm-$k/registrations" | grep '^RESULT')
  seats=$(curl -s "$SITE/api/v1/hearings/bench-storm-$k" | grep -o '"seats[A-Za-z]*":[0-9]*' | tr '\n' ' ')
  echo "storm $k: $run $seats"
  storms+=("$run")
done
echo "median storm by p99: $(printf '%s\n' "${storms[@]}" | sort -t= -k5 -n | sed -n "$(( (RUNS + 1) / 2 ))p")"

echo "== peak resident memory of the site process: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$SITE_PID/status")"

echo "== 5. comment intake on PostgreSQL (synchronous_commit=$(psql -h 127.0.0.1 -U portal -d postgres -Atc 'show synchronous_commit'), fsync=$(psql -h 127.0.0.1 -U portal -d postgres -Atc 'show fsync')), 16 connections"
createdb -h 127.0.0.1 -U portal "$PG_DB"
SITE_ENV=("${PG_ENV[@]}"); start "$PG_DATA" "$PG_SITE"
TOKEN=$(cd "$APP_DIR" && env "${PG_ENV[@]}" Portal__DataDirectory="$PG_DATA" "${APP[@]}" token create --user admin 2>/dev/null | tail -1)
api -X POST "$PG_SITE/api/v1/admin/consultations" -d "{\"title\":\"压测用决策草案 pg\",\"slug\":\"bench-intake\",\"kind\":\"ordinary\",\"opensUtc\":\"$NOW\",\"closesUtc\":\"$CLOSE\",\"plannedAdoptionDate\":\"$ADOPT\",\"articles\":[\"第一条 目的。\",\"第二条 范围。\",\"第三条 施行日期。\"]}" >/dev/null
api -X POST "$PG_SITE/api/v1/admin/consultations/bench-intake/publish" >/dev/null
intake "$PG_SITE" bench-intake
