#!/usr/bin/env bash
# Installs what the tests need when it is missing (Chromium, CJK fonts, PostgreSQL), starts PostgreSQL on
# 127.0.0.1, builds the solution and runs every suite. Prints one line "N passed, N failed, N skipped" at the end
# and exits non-zero if anything failed or a suite could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
LOG_DIR="$ROOT/TestResults"
mkdir -p "$LOG_DIR"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_packages+=(fonts-noto-cjk)
command -v pg_ctlcluster >/dev/null 2>&1 || need_packages+=(postgresql)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "== installing: ${need_packages[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_packages[@]}" >/dev/null || { echo "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

echo "== starting PostgreSQL on 127.0.0.1:5432"
PG_VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$PG_VERSION main"; then
  as_root pg_createcluster "$PG_VERSION" main >/dev/null
fi
as_root pg_ctlcluster "$PG_VERSION" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
as_root su postgres -c "psql -q -h 127.0.0.1 -c \"SELECT 1\"" >/dev/null 2>&1 || as_root su postgres -c "psql -q -c \"SELECT 1\"" >/dev/null
as_root su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='portal'\" | grep -q 1 || psql -q -c \"CREATE ROLE portal LOGIN SUPERUSER PASSWORD 'portal'\"" >/dev/null
export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=portal;Password=portal;Database=postgres"

echo "== building"
if ! dotnet build Portal.sln -c Release -v quiet -nologo > "$LOG_DIR/build.log" 2>&1; then
  grep -E "error|Error" "$LOG_DIR/build.log" | head -40
  echo "0 passed, 1 failed"
  exit 1
fi

total_passed=0; total_failed=0; total_skipped=0; suite_errors=0
run_suite() {
  local project=$1 name
  name=$(basename "$project")
  echo "== $name"
  rm -f "$LOG_DIR/$name.trx"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$LOG_DIR" 2>&1 | tee "$LOG_DIR/$name.log" | grep -E "^\s*(Failed|Passed!|Failed!|Error Message|error)" | head -60
  local trx="$LOG_DIR/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "   $name did not produce results"
    suite_errors=$((suite_errors + 1))
    return
  fi
  local counters
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  local p f s
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  s=$(echo "$counters" | sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p')
  total_passed=$((total_passed + ${p:-0})); total_failed=$((total_failed + ${f:-0})); total_skipped=$((total_skipped + ${s:-0}))
  if [ "${p:-0}" = 0 ] && [ "${f:-0}" = 0 ]; then suite_errors=$((suite_errors + 1)); fi
}

for project in tests/Portal.Tests tests/Portal.EndToEnd; do
  [ -d "$project" ] && run_suite "$project"
done

# A skipped test or a suite that did not run counts as a failure: CI must run everything.
failed=$((total_failed + suite_errors))
[ "${CI:-}" = "true" ] && failed=$((failed + total_skipped))
echo "$total_passed passed, $failed failed, $total_skipped skipped"
[ "$failed" -eq 0 ]
