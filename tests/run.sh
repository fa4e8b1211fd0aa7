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

source "$ROOT/tests/prepare.sh" || { echo "0 passed, 1 failed"; exit 1; }

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
