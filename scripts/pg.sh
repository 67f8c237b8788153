#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, on loopback only.
#   scripts/pg.sh start   creates (first time) and starts the cluster; prints its URL
#                         postgresql://postgres@127.0.0.1:PORT/postgres
#                         A cluster that is already running is reused (same URL).
#   scripts/pg.sh url     prints the URL of the running cluster (exit 1 if none)
#   scripts/pg.sh stop    stops it (the data stays; `rm -rf` the folder to start afresh)
# The folder is $ZX_PG_DIR (default: var/pg-test in the project). The server runs as the `postgres`
# OS user when started by root (PostgreSQL refuses to run as root); authentication is `trust`, for
# 127.0.0.1 only, so never point ZX_PG_DIR at anything but a test cluster. It does not use the
# Debian package's own cluster (/var/lib/postgresql/15/main, port 5432) and does not need it running.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${ZX_PG_DIR:-$PWD/var/pg-test}
PGBIN=${ZX_PG_BIN:-}
if [ -z "$PGBIN" ]; then
  for v in 17 16 15; do
    if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then PGBIN=/usr/lib/postgresql/$v/bin; break; fi
  done
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
  echo "pg.sh: PostgreSQL server programs not found (scripts/setup.sh installs postgresql-15)" >&2
  exit 2
fi

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(('127.0.0.1', 0))
print(s.getsockname()[1])
s.close()
EOF
}

running() {
  [ -f "$DIR/postmaster.pid" ] && as_owner "$PGBIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1
}

url() {
  local port
  port=$(sed -n 's/^port *= *\([0-9]*\).*/\1/p' "$DIR/postgresql.auto.conf" 2>/dev/null | tail -1)
  [ -n "$port" ] || port=$(sed -n '4p' "$DIR/postmaster.pid")
  echo "postgresql://postgres@127.0.0.1:$port/postgres"
}

wait_ready() {
  local port=$1
  for _ in $(seq 1 100); do
    "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" && return 0
    sleep 0.1
  done
  echo "pg.sh: the server did not become ready; see $DIR/server.log" >&2
  exit 1
}

start() {
  # Only one `start` at a time (ctest runs tests in parallel).
  mkdir -p "$(dirname "$DIR")"
  exec 9>"$(dirname "$DIR")/.pg-test.lock"
  flock 9
  if running; then
    url
    return
  fi
  if [ ! -f "$DIR/PG_VERSION" ]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    chmod 700 "$DIR"
    # C collation: text sorts bytewise, as in SQLite (codes, names and search ranges agree).
    as_owner "$PGBIN/initdb" -D "$DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$DIR.initdb.log" 2>&1 || {
      cat "$DIR.initdb.log" >&2; exit 1; }
    cat >"$DIR/pg_hba.conf" <<'EOF'
# Test cluster: trust, loopback TCP only (no Unix socket logins either).
host all all 127.0.0.1/32 trust
EOF
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/pg_hba.conf"
  fi
  local port
  port=$(free_port)
  # Settings go on the command line (postgresql.conf stays as initdb wrote it) except the port,
  # which is kept in postgresql.auto.conf so `url` can find it.
  as_owner sh -c "echo 'port = $port' > '$DIR/postgresql.auto.conf'"
  as_owner "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c shared_buffers=128MB" \
    start >/dev/null 9>&-  # the server must not inherit the lock
  wait_ready "$port"
  url
}

stop() {
  if running; then
    as_owner "$PGBIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null
    echo "pg.sh: stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running && url || { echo "pg.sh: not running" >&2; exit 1; } ;;
  *) echo "usage: scripts/pg.sh start|stop|url" >&2; exit 2 ;;
esac
