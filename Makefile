# SPDX-License-Identifier: BSD-3-Clause
# Common commands; CMake does the work.
#   make            build the libraries (build/); needs only a C compiler, cmake,
#                   pkg-config, xxhash and liburcu (scripts/install-deps.sh build)
#   make bench      benchmark suite, quick profile (sizes up to 1e6, the size
#                   sweep to 1e6, instruction counts): installs its packages,
#                   builds, runs, prints the tables (bench/results/)
#   make bench-full the same with 1e7 added and the whole sweep to 2e6
#   make test       installs its packages, then unit + differential tests (gcc),
#                   the same under ASan+UBSan (clang), and the robustness checks
#   make install    install into PREFIX (default /usr/local)
#   make docs       HTML reference of the public headers (Doxygen) in build/docs/html
#   make deb        Debian packages (CPack) in build-deb/
#   make fuzz       run every libFuzzer target for FUZZ_TIME seconds (default 300)
#   make soak       long randomized run over many maps (SOAK_SECONDS, default 300)
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD_TYPE ?= RelWithDebInfo

GO ?= /usr/lib/go-1.19/bin/go

.PHONY: all build build-tests test test-deps test-gcc test-asan test-tsan install clean bench bench-full bench-build bench-sync docs deb

all: build

# Extra cmake arguments for build/ (make test turns the tests on).
BUILD_ARGS ?=
build:
	cmake -S . -B build -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_C_COMPILER=gcc -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(BUILD_ARGS)
	cmake --build build -j $(JOBS)

# Installs what the tests need (only what is missing), then runs them all.
test: test-deps
	$(MAKE) test-gcc test-asan test-robustness

test-deps:
	scripts/install-deps.sh test

build-tests:
	$(MAKE) build BUILD_ARGS="-DGOMAP_BUILD_TESTS=ON -DGOMAP_BUILD_EXAMPLES=ON -DGOMAP_BUILD_TOOLS=ON $(BUILD_ARGS)"

test-gcc: build-tests
	ctest --test-dir build --output-on-failure -j $(JOBS)

test-asan:
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DGOMAP_SANITIZE=ON \
	  -DGOMAP_BUILD_TESTS=ON
	cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# ---- ThreadSanitizer -----------------------------------------------------------
# Every test with threads, under ThreadSanitizer (clang):
#  - the concurrency tests (gomap_sync, gomap_pool, gomap_snapshot) and the
#    concurrent readers must be race-free: any report fails them;
#    tests/tsan.supp documents why it is empty;
#  - the large-map tests run the background thread, and test_fork forks
#    while sync, snapshot and pool threads run; their children start threads
#    (the background thread, liburcu's call_rcu worker), which TSan refuses
#    in the child of a threaded process unless told (die_after_fork=0);
#  - the misuse tests race on purpose (in forked children, which must still
#    report Go's message), so TSan only reports there.
TSAN_TESTS = test_sync test_sync_stress test_pool test_snapshot test_threads test_large test_misuse test_fork
TSAN_STRICT = halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp
test-tsan:
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DGOMAP_TSAN=ON -DGOMAP_BUILD_TESTS=ON \
	  -DGOMAP_BUILD_EXAMPLES=OFF
	cmake --build build-tsan -j $(JOBS) --target $(TSAN_TESTS)
	TSAN_OPTIONS="$(TSAN_STRICT)" \
	  ctest --test-dir build-tsan --output-on-failure -j $(JOBS) -R '^test_(sync|sync_stress|pool|snapshot|threads)$$'
	TSAN_OPTIONS="$(TSAN_STRICT) die_after_fork=0" \
	  ctest --test-dir build-tsan --output-on-failure -R '^test_(large|fork)$$'
	TSAN_OPTIONS=halt_on_error=0:report_signal_unsafe=0 \
	  ctest --test-dir build-tsan --output-on-failure -R '^test_misuse$$'
# -------------------------------------------------------------------------------

# The suite is built with -O2 for every contender, gomap included.
bench-build:
	scripts/install-deps.sh bench
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ \
	  -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
	  -DGOMAP_BUILD_BENCH=ON -DGOMAP_BUILD_TESTS=OFF -DGOMAP_BUILD_EXAMPLES=OFF
	cmake --build build-bench -j $(JOBS)
	cd bench/go && GOFLAGS=-mod=mod GOCACHE=$${GOCACHE:-/tmp/gomap-gocache} GOPATH=$${GOPATH:-/tmp/gomap-gopath} \
	  $(GO) build -o $(CURDIR)/build-bench/bench/bench_go .

bench: bench-build
	python3 bench/run.py --profile quick
	python3 bench/sweep.py --profile quick
	python3 bench/instructions.py
	$(MAKE) bench-sync

bench-full: bench-build
	python3 bench/run.py --profile full
	python3 bench/sweep.py --profile full
	python3 bench/instructions.py

install: build
	cmake --install build

clean:
	rm -rf build build-asan build-bench build-tsan build-bench-sync build-fuzz build-lint build-cov build-deb

# HTML reference of the public headers; any Doxygen warning is an error.
docs:
	scripts/install-deps.sh docs
	mkdir -p build/docs
	GOMAP_VERSION=$$(sed -n 's/^project(gomap VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt) \
	  GOMAP_DOCS_OUT=$(CURDIR)/build/docs doxygen docs/Doxyfile
	@echo "docs: build/docs/html/index.html"

# Debian packages: libgomap0 (shared library), libgomap-dev (headers, static
# library, pkg-config and CMake files), gomap (the tool and its man page).
deb:
	scripts/install-deps.sh deb
	cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=gcc \
	  -DCMAKE_INSTALL_PREFIX=/usr -DGOMAP_BUILD_TESTS=OFF -DGOMAP_BUILD_EXAMPLES=OFF -DGOMAP_BUILD_TOOLS=ON
	cmake --build build-deb -j $(JOBS)
	cd build-deb && cpack -G DEB
	@ls build-deb/*.deb

# ---- Concurrent-map benchmark: gomap_sync, Go's sync.Map and RWMutex map,
# liburcu's cds_lfht; small_create through gomap_pool. About a minute.
# Writes bench/results/sync.md and sync.json.
bench-sync:
	scripts/install-deps.sh bench-sync
	cmake -S . -B build-bench-sync -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc \
	  -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DGOMAP_BUILD_BENCH_SYNC=ON -DGOMAP_BUILD_TESTS=OFF \
	  -DGOMAP_BUILD_EXAMPLES=OFF
	cmake --build build-bench-sync -j $(JOBS)
	cd bench/go-sync && GOFLAGS=-mod=mod GOCACHE=$${GOCACHE:-/tmp/gomap-gocache} GOPATH=$${GOPATH:-/tmp/gomap-gopath} \
	  $(GO) build -o $(CURDIR)/build-bench-sync/bench_go_sync .
	python3 bench/sync/run.py --build build-bench-sync

# ---- Robustness: fuzzing, valgrind, TSan, static analysis, soak ---------------
# make test runs the CI versions: each fuzz target for FUZZ_CI_TIME seconds
# (two at a time), the test suite under valgrind memcheck, the threaded misuse
# tests under TSan, clang-tidy and cppcheck, and a short soak.
FUZZ_TIME ?= 300
FUZZ_CI_TIME ?= 60
FUZZ_JOBS ?= 2
FUZZ_TARGETS = fuzz_u64 fuzz_str fuzz_f64 fuzz_big fuzz_u32 fuzz_owned
SOAK_SECONDS ?= 300
SOAK_CI_SECONDS ?= 30

.PHONY: test-robustness fuzz-build fuzz test-fuzz test-valgrind test-tsan lint soak-build soak test-soak fuzz-coverage

test-robustness: test-fuzz test-valgrind test-tsan lint test-soak

fuzz-build:
	cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DGOMAP_FUZZ=ON -DGOMAP_BUILD_TESTS=ON
	cmake --build build-fuzz -j $(JOBS) --target $(FUZZ_TARGETS)

fuzz: fuzz-build
	tests/fuzz/run.sh build-fuzz $(FUZZ_TIME) $(FUZZ_JOBS)

test-fuzz: fuzz-build
	tests/fuzz/run.sh build-fuzz $(FUZZ_CI_TIME) $(FUZZ_JOBS)

# Static analysis with the checked-in configuration (.clang-tidy,
# tests/cppcheck-suppressions.txt): the library and the fuzz harness.
LINT_SOURCES = $(wildcard src/*.c) tests/fuzz/fuzz_map.c tests/fuzz/replay.c
lint:
	cmake -S . -B build-lint -DCMAKE_C_COMPILER=clang -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
	printf '%s\n' $(LINT_SOURCES) | xargs -P $(JOBS) -n 3 clang-tidy -p build-lint --quiet
	cppcheck --enable=warning,performance,portability --std=c11 --error-exitcode=1 --quiet \
	  --inline-suppr --suppressions-list=tests/cppcheck-suppressions.txt \
	  --suppress=missingIncludeSystem -D__GNUC__ -D__x86_64__ -I include -I src $(LINT_SOURCES)
	@echo "lint: clang-tidy and cppcheck clean"

test-valgrind: build-tests
	tests/valgrind.sh build $(JOBS)

# Soak: many maps, growth, iteration and failure injection, checked in full at
# the end; built with ASan+UBSan. make soak runs SOAK_SECONDS, make test a
# short one.
soak-build:
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DGOMAP_SANITIZE=ON \
	  -DGOMAP_BUILD_TESTS=ON
	cmake --build build-asan -j $(JOBS) --target soak

soak: soak-build
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 build-asan/tests/soak $(SOAK_SECONDS)

test-soak: soak-build
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 build-asan/tests/soak $(SOAK_CI_SECONDS)

# Line and branch coverage of the library by the fuzz corpus (checked-in seeds
# plus whatever make fuzz found in build-fuzz/fuzz-corpus), with llvm-cov.
fuzz-coverage:
	cmake -S . -B build-cov -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
	  -DCMAKE_C_FLAGS="-fprofile-instr-generate -fcoverage-mapping" -DGOMAP_BUILD_EXAMPLES=OFF -DGOMAP_BUILD_TESTS=ON
	cmake --build build-cov -j $(JOBS) --target fuzz_replay_u64 fuzz_replay_str fuzz_replay_f64 fuzz_replay_big fuzz_replay_u32 \
	  fuzz_replay_owned
	rm -f build-cov/*.profraw
	for k in u64 str f64 big u32 owned; do \
	  LLVM_PROFILE_FILE=build-cov/$$k.profraw build-cov/tests/fuzz/fuzz_replay_$$k \
	    tests/fuzz/corpus/$$k $$(test -d build-fuzz/fuzz-corpus/$$k && echo build-fuzz/fuzz-corpus/$$k) || exit 1; \
	done
	llvm-profdata merge -o build-cov/fuzz.profdata build-cov/*.profraw
	llvm-cov report build-cov/tests/fuzz/fuzz_replay_u64 -object build-cov/tests/fuzz/fuzz_replay_str \
	  -object build-cov/tests/fuzz/fuzz_replay_f64 -object build-cov/tests/fuzz/fuzz_replay_big \
	  -object build-cov/tests/fuzz/fuzz_replay_u32 -object build-cov/tests/fuzz/fuzz_replay_owned \
	  -instr-profile=build-cov/fuzz.profdata $(wildcard src/*.c src/*.h)
