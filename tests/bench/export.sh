#!/usr/bin/env bash
# Open-data export benchmark (issue 9, item 5): seeds N comments (default 20,000) with responses into a finalized
# consultation, then for CSV and JSON starts a FRESH Release site process, streams
# GET /consultations/{slug}/comments.csv|json once, and reports wall time, bytes, and the process's peak resident
# memory (VmHWM from /proc/PID/status) next to its idle resident memory just before the request.
# Each figure is the median of RUNS runs (default 3). Usage: tests/bench/export.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20000}; RUNS=${RUNS:-3}
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
source tests/bench/app.sh
SITE=http://127.0.0.1:5341
source tests/bench/site.sh

start
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ); CLOSE=$(date -u -d '+8 days' +%Y-%m-%dT%H:%M:%SZ); ADOPT=$(date -u -d '+10 days' +%Y-%m-%d)
api -f -X POST "$SITE/api/v1/admin/consultations" \
  -d "{\"title\":\"开放数据导出压测\",\"slug\":\"bench-export\",\"kind\":\"ordinary\",\"opensUtc\":\"$NOW\",\"closesUtc\":\"$CLOSE\",\"plannedAdoptionDate\":\"$ADOPT\",\"articles\":[\"第一条 目的。\",\"第二条 范围。\",\"第三条 施行日期。\"]}" >/dev/null
api -f -X POST "$SITE/api/v1/admin/consultations/bench-export/publish" >/dev/null
stop

# Straight into the database (the HTTP intake is measured by http.sh): published comments, each answered, and the
# consultation marked adopted so the export includes the responses.
sqlite3 "$DATA/portal.db" <<SQL
PRAGMA journal_mode=WAL;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO Comments (ConsultationId, ReceiptNumber, AccessToken, ArticleNumber, Name, PublishName, Email, Phone, Organization, Body, PublicBody,
  Status, RejectReason, SubmittedUtc, ModeratedBy, GroupId, Fingerprint, Band0, Band1, Band2, Band3, Band4, Band5, Band6, Band7, ConsentToPublish,
  Disposition, ResponseReason, ResponseArticles, RespondedBy, SourceHash, Channel)
SELECT c.Id, printf('YJ-2099-%06d', i), hex(randomblob(16)), i % 3 + 1, '市民' || i, 1, 'bench' || i || '@example.com', NULL,
  CASE WHEN i % 7 = 0 THEN '锦城市消费者协会' ELSE NULL END,
  '第 ' || i || ' 条意见：建议在第 ' || (i % 3 + 1) || ' 条中写明办理时限和监督电话，并公开办理结果，方便群众查询，"引号"和逗号,也要正确转义。',
  '第 ' || i || ' 条意见：建议在第 ' || (i % 3 + 1) || ' 条中写明办理时限和监督电话，并公开办理结果，方便群众查询，"引号"和逗号,也要正确转义。',
  1, 0, c.CreatedUtc, 'moderator', NULL, i, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  i % 4 + 1, '经研究，该意见' || CASE i % 4 WHEN 0 THEN '已采纳。' WHEN 1 THEN '部分采纳，第二条已修改。' WHEN 2 THEN '未采纳：与上位法规定不一致。' ELSE '不属于本次征求意见范围。' END,
  CASE WHEN i % 4 < 2 THEN '2' ELSE '' END, 'decisions', '', 0
FROM n, Consultations c WHERE c.Slug = 'bench-export';
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
