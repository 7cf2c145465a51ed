#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs every test program of a build under valgrind memcheck, two at a time:
# any memory error or leak fails. Forked children (the misuse tests) run
# under valgrind too but report nothing of their own.
#   tests/valgrind.sh BUILD_DIR [PARALLEL]
set -euo pipefail
build=$1
parallel=${2:-2}
src=$(cd "$(dirname "$0")" && pwd)
logs="$build/valgrind-logs"
mkdir -p "$logs"
export GOMAP_TEST_VALGRIND=1 # tests may scale their sizes down

run_one() {
    local exe=$1 name args=()
    name=$(basename "$exe")
    case "$name" in
    fuzz_replay_*) args=("$src/fuzz/corpus/${name#fuzz_replay_}") ;;
    esac
    local t0=$SECONDS
    if valgrind -q --error-exitcode=99 --suppressions="$src/valgrind.supp" --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --child-silent-after-fork=yes \
        "$exe" "${args[@]}" >"$logs/$name.log" 2>&1; then
        echo "valgrind ok     $name ($((SECONDS - t0)) s)"
    else
        echo "valgrind FAILED $name ($((SECONDS - t0)) s), log $logs/$name.log:"
        tail -40 "$logs/$name.log"
        return 1
    fi
}
export -f run_one
export src logs

ls "$build"/tests/test_* "$build"/tests/fuzz/fuzz_replay_* | grep -v '\.' |
    xargs -P "$parallel" -I{} bash -c 'run_one {}'
