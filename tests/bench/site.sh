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
