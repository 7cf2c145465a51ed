#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# make deb's packages: builds them as make deb does (CPack), checks their
# names, dependencies and contents, installs them with dpkg -i into a scratch
# root (its own dpkg database; the system is not touched), builds the
# quick-start example against them through pkg-config (shared and static)
# and through the CMake package, runs the installed tool, and removes them.
# Usage: check_deb.sh SOURCE_DIR C_COMPILER
set -euo pipefail
src=$1 cc=$2
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps; do
  if ! command -v "$tool" >/dev/null; then
    echo "deb: skipped (no $tool; Debian: dpkg-dev)"
    exit 77
  fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$src" -B "$work/build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_INSTALL_PREFIX=/usr -DGOMAP_BUILD_TESTS=OFF -DGOMAP_BUILD_EXAMPLES=OFF \
  -DGOMAP_BUILD_TOOLS=ON >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
cmake --build "$work/build" -j 2 >>"$work/log" 2>&1 || { tail -30 "$work/log"; exit 1; }
(cd "$work/build" && cpack -G DEB >>"$work/log" 2>&1) || { tail -30 "$work/log"; exit 1; }
version=$(sed -n 's/^project(gomap VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
arch=$(dpkg --print-architecture)
debs=()
for p in libgomap0 libgomap-dev gomap; do
  deb="$work/build/${p}_${version}_${arch}.deb"
  [ -f "$deb" ] || { echo "no package $p"; ls "$work/build"; exit 1; }
  debs+=("$deb")
done
contents() { dpkg-deb -c "$work/build/$1_${version}_${arch}.deb" | awk '{print $6}'; }
expect() { contents "$1" | grep -Eq "$2" || { echo "$1 lacks $2"; contents "$1"; exit 1; }; }
expect libgomap0 '/libgomap\.so\.0$'
expect libgomap-dev '/include/gomap/gomap\.h$'
expect libgomap-dev '/libgomap\.a$'
expect libgomap-dev '/pkgconfig/gomap\.pc$'
expect libgomap-dev '/cmake/gomap/gomapConfig\.cmake$'
expect gomap '/usr/bin/gomap$'
expect gomap '/man1/gomap\.1'
if contents libgomap0 | grep -q 'include/'; then echo "headers in libgomap0"; exit 1; fi
dpkg-deb -f "${debs[1]}" Depends | grep -q "libgomap0 (= $version)"

# dpkg -i into a scratch root with its own database.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless \
  -i "${debs[@]}" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; exit 1; }
for p in libgomap0 libgomap-dev gomap; do
  dpkg --root="$root" -s "$p" | grep -q '^Status: install ok installed' || { echo "$p not installed"; exit 1; }
done
libdir=$(dirname "$(find "$root/usr/lib" -name libgomap.so.0 | head -n1)")
export PKG_CONFIG_PATH=$libdir/pkgconfig
# shellcheck disable=SC2046
"$cc" -std=c17 -o "$work/app" "$src/examples/quickstart.c" $(pkg-config --cflags --libs gomap)
LD_LIBRARY_PATH=$libdir "$work/app" | grep -q '^go 3$'
# shellcheck disable=SC2046
"$cc" -std=c17 -o "$work/app_static" "$src/examples/quickstart.c" $(pkg-config --cflags gomap) \
  -Wl,-Bstatic $(pkg-config --libs --static gomap) -Wl,-Bdynamic
"$work/app_static" | grep -q '^go 3$'
cmake -S "$src/tests/install" -B "$work/consumer" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_PREFIX_PATH="$root/usr" -DQUICKSTART="$src/examples/quickstart.c" \
  -DCONCURRENCY="$src/examples/concurrency.c" -DBOEHM="$src/examples/boehm.c" >"$work/log" 2>&1 ||
  { cat "$work/log"; exit 1; }
cmake --build "$work/consumer" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
LD_LIBRARY_PATH=$libdir "$work/consumer/consumer_shared" | grep -q '^go 3$'
"$work/consumer/consumer_static" | grep -q '^go 3$'
"$root/usr/bin/gomap" --version | grep -q "^gomap $version$"
"$root/usr/bin/gomap" footprint -n 10 --json | grep -q '"n": 10,'

dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless \
  -r gomap libgomap-dev libgomap0 >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; exit 1; }
[ ! -e "$libdir/libgomap.so.0" ] && [ ! -e "$root/usr/bin/gomap" ]
echo "deb: libgomap0, libgomap-dev and gomap built, installed with dpkg -i into a scratch root, used, removed"
