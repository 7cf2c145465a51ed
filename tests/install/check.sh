#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs the build into a scratch prefix and builds the quick-start example
# against it twice: through pkg-config and through the CMake package.
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
  -DCONCURRENCY="$src/examples/concurrency.c" >/dev/null
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
echo "install check passed: pkg-config and CMake package, static and shared"
