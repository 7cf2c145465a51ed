/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * probe_pauses.c - how often this machine stops a running thread.
 *
 * Reads the clock in a tight loop for a while and counts the gaps between
 * two reads longer than BENCH_SLOW_NS: time the thread was not running
 * (interrupts, the hypervisor's own work). Any timed insert that such a gap
 * falls into is slow whatever the map does, so the tail figures are read
 * against this rate. Usage: probe_pauses [seconds], default 2. Prints, in
 * the suite's protocol (contender "machine"):
 *     pauses_5us    gaps over 5 us per second
 *     pauses_share  share of the time in those gaps, percent
 */
#include "bench.h"

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 2.0;
    if (!(secs > 0 && secs <= 600)) {
        fprintf(stderr, "usage: %s [seconds (0, 600]]\n", argv[0]);
        return 2;
    }
    uint64_t start = bench_now_ns(), end = start + (uint64_t)(secs * 1e9);
    uint64_t prev = start, gaps = 0, lost = 0;
    while (prev < end) {
        uint64_t t = bench_now_ns();
        if (t - prev > BENCH_SLOW_NS) {
            gaps++;
            lost += t - prev;
        }
        prev = t;
    }
    double elapsed = (double)(prev - start) / 1e9;
    bench_emit("machine", "u64", 0, "pauses_5us", (double)gaps / elapsed, "1/s");
    bench_emit("machine", "u64", 0, "pauses_share", 100.0 * (double)lost / (double)(prev - start),
               "%");
    return 0;
}
