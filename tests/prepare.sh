#!/usr/bin/env bash
# Installs what the tests need when it is missing (Chromium, CJK fonts, PostgreSQL, the aiosmtpd SMTP test server,
# zbarimg to read the enrollment page's QR code back) and starts PostgreSQL on
# 127.0.0.1:5432 with the role portal/portal. Sourced by tests/run.sh; run it alone before `dotnet test`.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_packages+=(fonts-noto-cjk)
command -v pg_ctlcluster >/dev/null 2>&1 || need_packages+=(postgresql)
dpkg -s python3-aiosmtpd >/dev/null 2>&1 || need_packages+=(python3-aiosmtpd)
command -v zbarimg >/dev/null 2>&1 || need_packages+=(zbar-tools)
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

# Load tests open many connections at once (two web nodes, hundreds of parallel requests): allow more than the default 100.
if [ "$(as_root su postgres -c "psql -tAq -c 'SHOW max_connections'" 2>/dev/null)" -lt 300 ] 2>/dev/null; then
  as_root su postgres -c "psql -q -c 'ALTER SYSTEM SET max_connections = 300'" >/dev/null
  as_root pg_ctlcluster "$PG_VERSION" main restart
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
