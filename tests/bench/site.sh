# Sourced by the single-site benchmarks (export.sh, finalize.sh, hearing-change.sh) after app.sh, with SITE set
# (http://127.0.0.1:port); extra Portal__ settings are exported before sourcing. Gives:
#   DATA      a fresh data directory, removed on exit with the site's log ($DATA.log)
#   start     starts the site on $SITE and waits for /health (its process id in PID); stop stops it
#   TOKEN     a staff API token for the generated admin; api … runs curl with it and a JSON content type
DATA=$(mktemp -d); PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$DATA" "$DATA.log"; app_cleanup; }
trap cleanup EXIT
export Portal__DataDirectory=$DATA Portal__Recipe=setup Portal__Admin__Password=Bench-Passw0rd-1 Logging__LogLevel__Default=Warning
start() {
  (cd "$APP_DIR" && exec "${APP[@]}" --urls "$SITE" >>"$DATA.log" 2>&1) &
  PID=$!
  until curl -sf -o /dev/null "$SITE/health"; do sleep 0.1; done
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
TOKEN=$(cd "$APP_DIR" && "${APP[@]}" token create --user admin 2>/dev/null | tail -1)
api() { curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" "$@"; }
# Creates and publishes an ordinary draft open for 8 days: draft SLUG TITLE (the site must be running).
draft() {
  local now close adopt
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ); close=$(date -u -d '+8 days' +%Y-%m-%dT%H:%M:%SZ); adopt=$(date -u -d '+10 days' +%Y-%m-%d)
  api -sf -o /dev/null -X POST "$SITE/api/v1/admin/consultations" \
    -d "{\"title\":\"$2\",\"slug\":\"$1\",\"kind\":\"ordinary\",\"opensUtc\":\"$now\",\"closesUtc\":\"$close\",\"plannedAdoptionDate\":\"$adopt\",\"articles\":[\"第一条 目的。\",\"第二条 范围。\",\"第三条 施行日期。\"]}"
  api -sf -o /dev/null -X POST "$SITE/api/v1/admin/consultations/$1/publish"
}
# Prints the SQL that adds N published, answered comments to a draft, each from its own address (straight into the
# database; the HTTP intake is measured by http.sh): answered_comments SLUG N RECEIPT_YEAR EMAIL_PREFIX. Bodies hold
# quotes and commas (for the CSV escaping); every seventh comes from an organization; half name changed articles.
answered_comments() {
  cat <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
INSERT INTO Comments (ConsultationId, ReceiptNumber, AccessToken, ArticleNumber, Name, PublishName, Email, Phone, Organization, Body, PublicBody,
  Status, RejectReason, SubmittedUtc, ModeratedBy, GroupId, Fingerprint, Band0, Band1, Band2, Band3, Band4, Band5, Band6, Band7, ConsentToPublish,
  Disposition, ResponseReason, ResponseArticles, RespondedBy, SourceHash, Channel)
SELECT c.Id, printf('YJ-$3-%06d', i), hex(randomblob(16)), i % 3 + 1, '市民' || i, 1, '$4' || i || '@example.com', NULL,
  CASE WHEN i % 7 = 0 THEN '锦城市消费者协会' ELSE NULL END,
  '第 ' || i || ' 条意见：建议在第 ' || (i % 3 + 1) || ' 条中写明办理时限和监督电话，并公开办理结果，方便群众查询，"引号"和逗号,也要正确转义。',
  '第 ' || i || ' 条意见：建议在第 ' || (i % 3 + 1) || ' 条中写明办理时限和监督电话，并公开办理结果，方便群众查询，"引号"和逗号,也要正确转义。',
  1, 0, c.CreatedUtc, 'moderator', NULL, i, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  i % 4 + 1, '经研究，该意见' || CASE i % 4 WHEN 0 THEN '已采纳。' WHEN 1 THEN '部分采纳，第二条已修改。' WHEN 2 THEN '未采纳：与上位法规定不一致。' ELSE '不属于本次征求意见范围。' END,
  CASE WHEN i % 4 < 2 THEN '2' ELSE '' END, 'decisions', '', 0
FROM n, Consultations c WHERE c.Slug = '$1';
SQL
}
