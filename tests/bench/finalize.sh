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
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ); CLOSE=$(date -u -d '+8 days' +%Y-%m-%dT%H:%M:%SZ); ADOPT=$(date -u -d '+10 days' +%Y-%m-%d)
api -o /dev/null -X POST "$SITE/api/v1/admin/consultations" \
  -d "{\"title\":\"决定办结压测\",\"slug\":\"bench-finalize\",\"kind\":\"ordinary\",\"opensUtc\":\"$NOW\",\"closesUtc\":\"$CLOSE\",\"plannedAdoptionDate\":\"$ADOPT\",\"articles\":[\"第一条 目的。\",\"第二条 范围。\",\"第三条 施行日期。\"]}"
api -o /dev/null -X POST "$SITE/api/v1/admin/consultations/bench-finalize/publish"
stop
# Published comments, each answered, from N addresses; then the period is moved into the past so it can be finalized.
sqlite3 "$DATA/portal.db" <<SQL
PRAGMA journal_mode=WAL;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO Comments (ConsultationId, ReceiptNumber, AccessToken, ArticleNumber, Name, PublishName, Email, Phone, Organization, Body, PublicBody,
  Status, RejectReason, SubmittedUtc, ModeratedBy, GroupId, Fingerprint, Band0, Band1, Band2, Band3, Band4, Band5, Band6, Band7, ConsentToPublish,
  Disposition, ResponseReason, ResponseArticles, RespondedBy, SourceHash, Channel)
SELECT c.Id, printf('YJ-2097-%06d', i), hex(randomblob(16)), i % 3 + 1, '市民' || i, 1, 'finalize' || i || '@example.com', NULL, NULL,
  '第 ' || i || ' 条意见：建议写明办理时限。', '第 ' || i || ' 条意见：建议写明办理时限。',
  1, 0, c.CreatedUtc, 'moderator', NULL, i, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  i % 4 + 1, '经研究，该意见' || CASE i % 4 WHEN 0 THEN '已采纳。' WHEN 1 THEN '部分采纳。' WHEN 2 THEN '未采纳：与上位法规定不一致。' ELSE '不属于本次征求意见范围。' END,
  '', 'decisions', '', 0
FROM n, Consultations c WHERE c.Slug = 'bench-finalize';
UPDATE Consultations SET CommentCount = $N, OpensUtc = OpensUtc - 9 * 864000000000, ClosesUtc = CreatedUtc - 864000000000 WHERE Slug = 'bench-finalize';
SQL
start
out=$(api -o "$DATA.out" -w '%{http_code} %{time_total}' -X POST "$SITE/api/v1/admin/consultations/bench-finalize/finalize" -d '{"outcome":"adopted","reason":"经局务会议审议通过。"}')
[ "${out% *}" = 200 ] || { echo "HTTP ${out% *}: $(head -c 400 "$DATA.out")"; exit 1; }
echo "finalize with $N answered comments: ${out#* } s; answer mails queued: $(sqlite3 "$DATA/portal.db" ".timeout 10000" "SELECT count(*) FROM OutboxMessages WHERE Template = 'decision-answer'")"
echo "peak resident memory of the site process: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$PID/status")"
