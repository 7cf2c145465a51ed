#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# `make` and `make install` need only a C compiler, cmake, pkg-config, xxhash
# and liburcu: configured as on a machine without cmocka and libgc (a
# pkg-config that does not know them), the project defaults the tests and
# libgomap_boehm off, builds the library, the examples and the tool, and
# installs them.
# Usage: check_minimal_build.sh SOURCE_DIR C_COMPILER
set -euo pipefail
src=$1 cc=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
real_pc=$(command -v pkg-config)
cat >"$work/pkg-config" <<SH
#!/bin/sh
for a; do case "\$a" in cmocka*|bdw-gc*) exit 1 ;; esac; done
exec "$real_pc" "\$@"
SH
chmod +x "$work/pkg-config"
PKG_CONFIG="$work/pkg-config" cmake -S "$src" -B "$work/build" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
cache() { sed -n "s/^$1:[A-Z]*=//p" "$work/build/CMakeCache.txt"; }
[ "$(cache GOMAP_BUILD_TESTS)" = OFF ] || { echo "tests default on without cmocka"; exit 1; }
[ "$(cache GOMAP_BOEHM)" = OFF ] || { echo "libgomap_boehm defaults on without libgc"; exit 1; }
[ "$(cache GOMAP_BUILD_EXAMPLES)" = ON ] && [ "$(cache GOMAP_BUILD_TOOLS)" = ON ]
grep -q 'CMAKE_CXX_COMPILER:' "$work/build/CMakeCache.txt" && { echo "C++ compiler searched"; exit 1; }
cmake --build "$work/build" -j 2 >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
cmake --install "$work/build" --prefix "$work/prefix" >/dev/null
ls "$work"/prefix/lib*/libgomap.so.0 "$work"/prefix/lib*/libgomap.a "$work"/prefix/bin/gomap \
  "$work"/prefix/include/gomap/gomap.h >/dev/null
# Asking for the tests without cmocka is an error that names the package.
if PKG_CONFIG="$work/pkg-config" cmake -S "$src" -B "$work/build2" -DCMAKE_C_COMPILER="$cc" \
     -DGOMAP_BUILD_TESTS=ON >"$work/configure2.log" 2>&1; then
  echo "GOMAP_BUILD_TESTS=ON configured without cmocka"; exit 1
fi
grep -q 'libcmocka-dev' "$work/configure2.log"
echo "minimal build: library, examples and tool built and installed without cmocka or libgc"
