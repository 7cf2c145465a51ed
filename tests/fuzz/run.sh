#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs every libFuzzer target for a while, a few at a time, and prints each
# target's final figures (executions, executions per second, coverage).
#   tests/fuzz/run.sh BUILD_DIR SECONDS [PARALLEL] [KINDS...]
# New inputs go to BUILD_DIR/fuzz-corpus/<kind>; the checked-in seeds in
# tests/fuzz/corpus/<kind> are read too. Crashes are written to
# BUILD_DIR/fuzz-artifacts. Exits non-zero if any target found a failure.
set -euo pipefail
build=$1
seconds=$2
parallel=${3:-2}
shift $(($# < 3 ? $# : 3))
kinds=("$@")
((${#kinds[@]})) || kinds=(u64 str f64 big u32 owned)
src=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"
run_one() {
    local kind=$1
    mkdir -p "$build/fuzz-corpus/$kind"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/tests/fuzz/fuzz_$kind" -max_total_time="$seconds" -max_len=4096 -timeout=60 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$kind-" \
        "$build/fuzz-corpus/$kind" "$src/corpus/$kind" >"$build/fuzz-logs/$kind.log" 2>&1
}

declare -A status
pids=()
names=()
for kind in "${kinds[@]}"; do
    while (($(jobs -rp | wc -l) >= parallel)); do
        wait -n || true
    done
    run_one "$kind" &
    pids+=($!)
    names+=("$kind")
done
failed=0
for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then status[${names[$i]}]=ok; else status[${names[$i]}]=FAILED; failed=1; fi
done

printf '%-5s %-6s %12s %10s %8s %8s %8s\n' target result executions exec/s cov ft corpus
for kind in "${kinds[@]}"; do
    log="$build/fuzz-logs/$kind.log"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | grep -E 'cov: ' | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
    printf '%-5s %-6s %12s %10s %8s %8s %8s\n' "$kind" "${status[$kind]}" "${execs:-?}" "${rate:-?}" \
        "${cov:-?}" "${ft:-?}" "${corp:-?}"
    if [ "${status[$kind]}" != ok ]; then
        echo "---- $log (last 60 lines) ----"
        tail -60 "$log"
    fi
done
exit $failed
