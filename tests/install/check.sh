#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs the build into a scratch prefix and builds the quick-start example
# against it twice: through pkg-config and through the CMake package; then the
# README's two link lines for a prefix the dynamic linker does not search (an
# rpath; libgomap.a through pkg-config --static), and libgomap_boehm through
# gomap-boehm.pc and gomap::gomap_boehm when it was built.
set -euo pipefail
build=$1 src=$2 cc=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(ls -d "$work"/prefix/lib*/pkgconfig | head -n1)
export PKG_CONFIG_PATH=$libdir
# shellcheck disable=SC2046
"$cc" -std=c17 "$src/examples/quickstart.c" -o "$work/pc_shared" $(pkg-config --cflags --libs gomap)
LD_LIBRARY_PATH=$(dirname "$libdir") "$work/pc_shared" | grep -q '^go 3$'
# shellcheck disable=SC2046
"$cc" -std=c17 "$src/examples/quickstart.c" -o "$work/pc_static" $(pkg-config --cflags gomap) \
  "$(dirname "$libdir")/libgomap.a"
"$work/pc_static" | grep -q '^go 3$'
cmake -S "$src/tests/install" -B "$work/consumer" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DQUICKSTART="$src/examples/quickstart.c" \
  -DCONCURRENCY="$src/examples/concurrency.c" -DBOEHM="$src/examples/boehm.c" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer_static" | grep -q '^go 3$'
LD_LIBRARY_PATH=$(dirname "$libdir") "$work/consumer/consumer_shared" | grep -q '^go 3$'
# The gdb pretty-printer is installed with the library.
test -f "$work/prefix/share/gomap/gdb/gomap-gdb.py"
# The gomap tool is installed with the library when it is built.
if [ -e "$build/tools/gomap" ]; then
  "$work/prefix/bin/gomap" footprint -n 10 --json | grep -q '"n": 10,'
fi
# The concurrency headers: liburcu-bp and pthreads come with the package.
# shellcheck disable=SC2046
"$cc" -std=c17 "$src/examples/concurrency.c" -o "$work/cc_shared" $(pkg-config --cflags --libs gomap)
LD_LIBRARY_PATH=$(dirname "$libdir") "$work/cc_shared" | grep -q '^cache 4 two$'
# shellcheck disable=SC2046
"$cc" -std=c17 "$src/examples/concurrency.c" -o "$work/cc_static" $(pkg-config --cflags gomap) \
  "$(dirname "$libdir")/libgomap.a" $(pkg-config --libs-only-other --libs-only-l --static gomap | sed 's/-lgomap//')
"$work/cc_static" | grep -q '^cache 4 two$'
"$work/consumer/concurrency_static" | grep -q '^cache 4 two$'
LD_LIBRARY_PATH=$(dirname "$libdir") "$work/consumer/concurrency_shared" | grep -q '^cache 4 two$'
# The README's line for a prefix outside the linker's search path: the
# program starts with no LD_LIBRARY_PATH.
# shellcheck disable=SC2046
"$cc" -std=c17 -o "$work/rpath" "$src/examples/quickstart.c" $(pkg-config --cflags --libs gomap) \
  -Wl,-rpath,"$(pkg-config --variable=libdir gomap)"
env -u LD_LIBRARY_PATH "$work/rpath" | grep -q '^go 3$'
# ... and the README's static line: libgomap.a and what it needs, no libgomap.so.
# shellcheck disable=SC2046
"$cc" -std=c17 -o "$work/static" "$src/examples/concurrency.c" $(pkg-config --cflags gomap) \
  -Wl,-Bstatic $(pkg-config --libs --static gomap) -Wl,-Bdynamic
env -u LD_LIBRARY_PATH "$work/static" | grep -q '^cache 4 two$'
if readelf -d "$work/static" | grep -q 'libgomap'; then
  echo "static link still needs libgomap.so"; exit 1
fi
# The man page of the tool.
if [ -e "$build/tools/gomap" ]; then
  test -f "$work/prefix/share/man/man1/gomap.1"
fi
# libgomap_boehm: pkg-config (gomap-boehm.pc) and CMake (gomap::gomap_boehm).
if [ -e "$work/prefix/lib/libgomap_boehm.a" ] || ls "$work"/prefix/lib*/libgomap_boehm.a >/dev/null 2>&1; then
  # shellcheck disable=SC2046
  "$cc" -std=c17 -o "$work/boehm_pc" "$src/examples/boehm.c" $(pkg-config --cflags --libs gomap-boehm) \
    -Wl,-rpath,"$(pkg-config --variable=libdir gomap)"
  "$work/boehm_pc" | grep -q '10000 symbols, 0 bad'
  "$work/consumer/boehm_cmake" | grep -q '10000 symbols, 0 bad'
  echo "libgomap_boehm: pkg-config and CMake package"
else
  echo "libgomap_boehm not built (no libgc): its install checks skipped"
fi
echo "install check passed: pkg-config and CMake package, static and shared"
