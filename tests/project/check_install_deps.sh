#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# scripts/install-deps.sh with stand-ins for dpkg-query, apt-get, id and sudo:
# nothing is installed when nothing is missing; only the missing packages are;
# sudo is used only when not root.
# Usage: check_install_deps.sh SOURCE_DIR
set -euo pipefail
script="$1/scripts/install-deps.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
cat >"$tmp/bin/dpkg-query" <<'SH'
#!/bin/sh
for a; do p=$a; done
case " $FAKE_MISSING " in *" $p "*) exit 1 ;; esac
printf 'install ok installed'
SH
cat >"$tmp/bin/apt-get" <<'SH'
#!/bin/sh
echo "apt-get $*" >>"$FAKE_LOG"
SH
cat >"$tmp/bin/id" <<'SH'
#!/bin/sh
echo "$FAKE_UID"
SH
cat >"$tmp/bin/sudo" <<'SH'
#!/bin/sh
echo "sudo" >>"$FAKE_LOG"
exec "$@"
SH
chmod +x "$tmp/bin/"*
export PATH="$tmp/bin:$PATH" FAKE_LOG="$tmp/log"

fail() { echo "FAIL: $*"; cat "$FAKE_LOG" 2>/dev/null; exit 1; }

# Everything present: no apt-get at all.
: >"$FAKE_LOG"
FAKE_MISSING="" FAKE_UID=0 "$script" test
[ ! -s "$FAKE_LOG" ] || fail "apt-get ran with nothing missing"

# Two missing, as root: one update, one install of exactly those two, no sudo.
: >"$FAKE_LOG"
FAKE_MISSING="libcmocka-dev valgrind" FAKE_UID=0 "$script" test 2>/dev/null
grep -q '^apt-get update' "$FAKE_LOG" || fail "no apt-get update"
grep -q '^apt-get install -y -qq libcmocka-dev valgrind$' "$FAKE_LOG" || fail "wrong install line"
! grep -q '^sudo' "$FAKE_LOG" || fail "sudo used as root"

# Not root: through sudo.
: >"$FAKE_LOG"
FAKE_MISSING="cmake" FAKE_UID=1000 "$script" build 2>/dev/null
grep -q '^sudo' "$FAKE_LOG" || fail "sudo not used when not root"
grep -q '^apt-get install -y -qq cmake$' "$FAKE_LOG" || fail "wrong install line (sudo)"

# The build profile needs only a compiler, cmake, xxhash and liburcu.
build=$("$script" --print build | tr '\n' ' ')
[ "$build" = "$(printf "%s\n" cmake gcc libxxhash-dev liburcu-dev make pkg-config | sort | tr "\n" " ")" ] || fail "build profile: $build"
# bench keeps every package the benchmark suite needs.
for p in g++ libabsl-dev libglib2.0-dev uthash-dev libstb-dev gnuplot-nox golang-1.19-go; do
  "$script" --print bench | grep -qx "$p" || fail "bench profile lacks $p"
done
echo "install-deps: idempotent, installs only what is missing, sudo only when not root"
