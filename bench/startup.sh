#!/usr/bin/env bash
# Start-up time and resident memory of the real server on an installation, both ways it starts:
#   1. cold: no rollup snapshot, the rollups are built from every record;
#   2. a clean stop (SIGTERM), which saves the snapshot (timed);
#   3. warm: started again from the snapshot and the change rows since.
# Each start is timed from launch to the first answer of /healthz (the server listens only once
# the rollups are ready); memory is the process's VmRSS then, and VmHWM (peak).
# Usage: bench/startup.sh DB [PORT=18099]   (key: DB's folder/data.key, or ZHENXING_KEY_FILE)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${ZX_BIN:-$root/build/zhenxing}"
db="${1:?usage: bench/startup.sh DB [PORT]}"
port="${2:-18099}"
key="${ZHENXING_KEY_FILE:-$(dirname "$db")/data.key}"
snapshot="$db.rollups"

echo "machine: $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $db ($(du -h "$db" | cut -f1))"

now() { date +%s.%N; }
mem() { awk -v k="$2" '$1 == k":" {printf "%.0f MiB", $2 / 1024}' "/proc/$1/status"; }

start() {
  local label=$1 t0 pid
  t0=$(now)
  "$bin" serve --db "$db" --key-file "$key" --port "$port" >>"$tmp/serve.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$tmp/serve.log"
      echo "$label: the server exited" >&2
      exit 1
    fi
    sleep 0.05
  done
  printf '%-34s %8.1f s   RSS %s, peak %s\n' "$label" "$(echo "$(now) - $t0" | bc)" "$(mem "$pid" VmRSS)" "$(mem "$pid" VmHWM)"
  server=$pid
}

stop() {
  local label=$1 t0
  t0=$(now)
  kill -TERM "$server"
  wait "$server" || true
  printf '%-34s %8.1f s   snapshot %s\n' "$label" "$(echo "$(now) - $t0" | bc)" "$(du -h "$snapshot" 2>/dev/null | cut -f1)"
}

tmp=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
rm -f "$snapshot"
start "cold start (build from records)"
stop "clean stop (save the snapshot)"
start "warm start (from the snapshot)"
stop "clean stop (save the snapshot)"
grep -h "rollups:" "$tmp"/serve.log* 2>/dev/null || true
