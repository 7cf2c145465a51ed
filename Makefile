# Common commands; CMake does the work.
#   make            build the libraries (build/)
#   make bench      benchmark suite, quick profile (sizes up to 1e6): installs its
#                   packages, builds, runs, prints the table (bench/results/)
#   make bench-full the same with 1e7 added
#   make test       unit + differential tests (gcc), then the same under ASan+UBSan (clang)
#   make install    install into PREFIX (default /usr/local)
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD_TYPE ?= RelWithDebInfo

GO ?= /usr/lib/go-1.19/bin/go

.PHONY: all build test test-gcc test-asan test-tsan install clean bench bench-full bench-build bench-sync

all: build

build:
	cmake -S . -B build -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_C_COMPILER=gcc -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build build -j $(JOBS)

test: test-gcc test-asan test-tsan

test-gcc: build
	ctest --test-dir build --output-on-failure -j $(JOBS)

test-asan:
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DGOMAP_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# ---- Concurrency (gomap_sync, gomap_pool, gomap_snapshot) ----------------------
# The concurrency tests again under ThreadSanitizer (clang). TSAN_OPTIONS makes
# any report fail the test; tests/tsan.supp documents why it is empty.
TSAN_TESTS = test_sync test_sync_stress test_pool test_snapshot
test-tsan:
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DGOMAP_TSAN=ON \
	  -DGOMAP_BUILD_EXAMPLES=OFF
	cmake --build build-tsan -j $(JOBS) --target $(TSAN_TESTS)
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  ctest --test-dir build-tsan --output-on-failure -j $(JOBS) -R '^test_(sync|pool|snapshot)'
# -------------------------------------------------------------------------------

# The suite is built with -O2 for every contender, gomap included.
bench-build:
	bench/install-deps.sh
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ \
	  -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
	  -DGOMAP_BUILD_BENCH=ON -DGOMAP_BUILD_TESTS=OFF -DGOMAP_BUILD_EXAMPLES=OFF
	cmake --build build-bench -j $(JOBS)
	cd bench/go && GOFLAGS=-mod=mod GOCACHE=$${GOCACHE:-/tmp/gomap-gocache} GOPATH=$${GOPATH:-/tmp/gomap-gopath} \
	  $(GO) build -o $(CURDIR)/build-bench/bench/bench_go .

bench: bench-build
	python3 bench/run.py --profile quick
	$(MAKE) bench-sync

bench-full: bench-build
	python3 bench/run.py --profile full

install: build
	cmake --install build

clean:
	rm -rf build build-asan build-bench build-tsan build-bench-sync

# ---- Concurrent-map benchmark: gomap_sync, Go's sync.Map and RWMutex map,
# liburcu's cds_lfht; small_create through gomap_pool. About a minute.
# Writes bench/results/sync.md and sync.json.
bench-sync:
	bench/sync/install-deps.sh
	cmake -S . -B build-bench-sync -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc \
	  -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DGOMAP_BUILD_BENCH_SYNC=ON -DGOMAP_BUILD_TESTS=OFF \
	  -DGOMAP_BUILD_EXAMPLES=OFF
	cmake --build build-bench-sync -j $(JOBS)
	cd bench/go-sync && GOFLAGS=-mod=mod GOCACHE=$${GOCACHE:-/tmp/gomap-gocache} GOPATH=$${GOPATH:-/tmp/gomap-gopath} \
	  $(GO) build -o $(CURDIR)/build-bench-sync/bench_go_sync .
	python3 bench/sync/run.py --build build-bench-sync
