#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs the Debian packages a task needs, only those that are missing, so a
# second run does nothing. Shared by `make test`, `make bench`, `make docs`,
# `make deb` and .ci/run. apt-get runs through sudo only when not root.
#
# Usage: scripts/install-deps.sh PROFILE...
#   build       build and install the library: a C compiler, cmake, xxhash, liburcu
#   test        make test: build + cmocka, clang and its sanitizer runtimes, g++,
#               gdb, valgrind, clang-tidy, cppcheck, the Boehm collector,
#               doxygen, librsvg2-bin and the packaging tools
#   bench       make bench: build + g++, the peer tables, gnuplot, Go and valgrind
#               (instruction counts)
#   bench-sync  make bench-sync: build + Go
#   docs        make docs: build + doxygen
#   deb         make deb: build + dpkg-dev
#   --print     print the packages of the profiles instead of installing them
set -euo pipefail

print=0
packages=()
add_build() { packages+=(cmake make gcc pkg-config libxxhash-dev liburcu-dev); }
for profile in "$@"; do
  case "$profile" in
    build) add_build ;;
    test)
      add_build
      # cmocka: the unit tests; clang + libclang-rt: the ASan/UBSan/TSan and
      # libFuzzer builds; g++: the public headers compiled as C++; gdb and
      # python3: the pretty-printer test and the gomap tool's tests; libgc:
      # libgomap_boehm, its example and stress test; valgrind, clang-tidy,
      # cppcheck: make test-valgrind and make lint; doxygen: make docs;
      # librsvg2-bin: the SVG pictures rendered to PNG; dpkg-dev: make deb;
      # groff-base: the man page check.
      packages+=(clang libclang-rt-14-dev libcmocka-dev g++ gdb python3 libgc-dev
                 valgrind clang-tidy cppcheck doxygen librsvg2-bin dpkg-dev file groff-base) ;;
    bench)
      add_build
      packages+=(g++ python3 libabsl-dev libglib2.0-dev uthash-dev libstb-dev gnuplot-nox
                 golang-1.19-go valgrind) ;;
    bench-sync)
      add_build
      packages+=(python3 golang-1.19-go) ;;
    docs) add_build; packages+=(doxygen) ;;
    deb) add_build; packages+=(dpkg-dev file) ;;
    --print) print=1 ;;
    *) echo "install-deps.sh: unknown profile '$profile'" >&2; exit 2 ;;
  esac
done
if ((${#packages[@]} == 0)); then
  echo "usage: install-deps.sh PROFILE... (build test bench bench-sync docs deb)" >&2
  exit 2
fi
if ((print)); then
  printf '%s\n' "${packages[@]}" | sort -u
  exit 0
fi

missing=()
for p in $(printf '%s\n' "${packages[@]}" | sort -u); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]})) || exit 0

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
echo "installing: ${missing[*]}" >&2
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
