# Zhenxing — the two commands:
#   make run    set up everything, build, load the division tree and demo data, serve on :8080
#   make test   set up everything, build, run every test (C++ unit, API on SQLite, web unit, browser)
.PHONY: all setup configure build web run test test-fast asan clean

DB ?= var/zhenxing.db
PORT ?= 8080
JOBS ?= 2
BIN := build/zhenxing

all: build

setup:
	@scripts/setup.sh

configure: setup
	@[ -f build/build.ninja ] || cmake --preset release

build: configure
	@cmake --build build -j$(JOBS)
	@$(MAKE) --no-print-directory web

# The web UI is rebuilt only when its sources changed.
web:
	@if [ ! -f web/dist/index.html ] || [ -n "$$(find web/src web/index.html web/package.json web/vite.config.ts -newer web/dist/index.html 2>/dev/null | head -1)" ]; then \
	  echo "building web UI"; (cd web && npm run build --silent); fi

run: build
	@$(BIN) init --db $(DB)
	@$(BIN) regions import --db $(DB)
	@$(BIN) demo --db $(DB)
	@echo "open http://127.0.0.1:$(PORT)/ and log in with the account printed above"
	@$(BIN) serve --db $(DB) --port $(PORT)

test: build
	@cd build && ctest --output-on-failure -j$(JOBS); rc=$$?; cd .. && scripts/pg.sh stop; ZX_PG_DIR=$$PWD/var/pg-test-2 scripts/pg.sh stop; exit $$rc

# Unit tests only, without set-up (quick edit-compile-test loop).
test-fast:
	@cmake --build build -j$(JOBS) && cd build && ctest --output-on-failure -L unit -j$(JOBS)

# The whole C++ suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan: setup
	@[ -f build-asan/build.ninja ] || cmake --preset asan
	@cmake --build build-asan -j$(JOBS) && cd build-asan && ctest --output-on-failure -j$(JOBS)

clean:
	rm -rf build build-asan web/dist
