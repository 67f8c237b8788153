#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang with ASan + UBSan) in build-fuzz/ and runs each.
#   scripts/fuzz.sh [SECONDS=10]         every target for SECONDS (make test: the short form)
#   scripts/fuzz.sh SECONDS TARGET ...   chosen targets (long runs by hand, e.g. 3600)
# Each run starts from the seeds in tests/fuzz/corpus/<target>/ and works in a scratch corpus, so
# the repository only changes when someone copies a new interesting input in on purpose. A crash,
# leak or sanitizer report fails the script and leaves the input in build-fuzz/crashes/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-10}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_region_code fuzz_id_number fuzz_csv fuzz_text fuzz_json_body fuzz_router fuzz_xlsx fuzz_csv_sheet fuzz_formula)
command -v clang++ >/dev/null || { echo "fuzz: clang++ missing (scripts/setup.sh installs clang)" >&2; exit 2; }
build="$root/build-fuzz"
[ -f "$build/build.ninja" ] || cmake -S "$root/tests/fuzz" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target "${targets[@]}" | grep -v "^\[" || true
mkdir -p "$build/crashes"
status=0
for t in "${targets[@]}"; do
  scratch="$(mktemp -d)"
  cp -r "$root/tests/fuzz/corpus/$t/." "$scratch/" 2>/dev/null || true
  log="$build/$t.log"
  if "$build/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$build/crashes/$t-" "$scratch" >"$log" 2>&1; then
    echo "fuzz: $t: $(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | sed 's/Done //') in ${seconds} s, no findings"
  else
    echo "fuzz: $t FAILED (input in build-fuzz/crashes/, log $log):" >&2
    grep -E "ERROR|SUMMARY|runtime error" "$log" | head -5 >&2
    status=1
  fi
  rm -rf "$scratch"
done
exit $status
