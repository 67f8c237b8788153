#!/usr/bin/env bash
# Runs a command against the throwaway PostgreSQL test cluster:
#   tests/run_with_pg.sh COMMAND [ARGS...]
# starts the cluster (scripts/pg.sh start; one already running is reused), creates a fresh database
# for this run, exports ZX_TEST_PG_URL (its URL), runs the command, and drops the database. The
# cluster stays up for the other tests; `make test` stops it at the end (scripts/pg.sh stop).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then echo "usage: tests/run_with_pg.sh COMMAND [ARGS...]" >&2; exit 2; fi
base=$("$root/scripts/pg.sh" start) || { echo "run_with_pg: could not start the PostgreSQL test cluster" >&2; exit 1; }
name="zx_test_$(date +%s)_$$_${RANDOM}"
if ! psql "$base" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name" >/dev/null; then
  echo "run_with_pg: could not create database $name on $base" >&2
  exit 1
fi
cleanup() { psql "$base" -qAt -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 143' TERM INT
export ZX_TEST_PG_URL="${base%/*}/$name"
export ZX_TEST_PG_ADMIN_URL="$base"
"$@"
