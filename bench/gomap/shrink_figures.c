/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shrink_figures.c - what gomap_shrink gives back and what it costs: a u64
 * map grown to N keys (default 10^6), all but K (default 10) deleted, then
 * gomap_shrink and overwrites of the remaining keys until the shrink has
 * ended. Prints gomap_stats bytes before the shrink, right after it, and
 * after it ended, the number of writes it took, and the longest single
 * call (clock_gettime around each) among the shrink and those writes, in
 * wall-clock time and in the thread's CPU time (which leaves out
 * preemption by other processes on a busy machine).
 *
 *     shrink_figures [N [K [rounds]]]
 *
 * With several rounds the figures of each round are printed, then the
 * worst. "write 0" in the worst call's place is gomap_shrink itself. Not a contender of the suite;
 * built with the bench targets.
 */
#include <gomap/gomap.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double clock_ns(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double now_ns(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

/* The thread's CPU time: what a call cost without the time the machine
 * gave to other threads meanwhile. */
static double cpu_ns(void)
{
    return clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

static uint64_t key_of(size_t i)
{
    return (uint64_t)i * UINT64_C(0x9e3779b97f4a7c15) + 1;
}

static size_t bytes_of(const gomap *m)
{
    gomap_stats st;
    gomap_stats_get(m, &st);
    return st.bytes;
}

static int growing(const gomap *m)
{
    gomap_stats st;
    gomap_stats_get(m, &st);
    return st.growing;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 1000000;
    size_t keep = argc > 2 ? strtoull(argv[2], NULL, 0) : 10;
    int rounds = argc > 3 ? atoi(argv[3]) : 1;
    if (keep == 0 || keep > n || rounds < 1) {
        fprintf(stderr, "usage: shrink_figures [N [K [rounds]]] with 0 < K <= N\n");
        return 2;
    }
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    double worst_all = 0, worst_cpu_all = 0;
    for (int r = 0; r < rounds; r++) {
        gomap *m = gomap_new(&t, 0);
        if (m == NULL)
            return 1;
        for (size_t i = 0; i < n; i++)
            *(uint64_t *)gomap_assign_u64(m, key_of(i)) = i;
        while (growing(m))
            *(uint64_t *)gomap_assign_u64(m, key_of(0)) = 0;
        for (size_t i = keep; i < n; i++)
            gomap_delete_u64(m, key_of(i));
        gomap_stats st;
        gomap_stats_get(m, &st);
        size_t before = st.bytes;
        unsigned oldB = st.B;
        double t0 = now_ns(), c0 = cpu_ns();
        if (!gomap_shrink(m)) {
            perror("gomap_shrink");
            return 1;
        }
        double worst = now_ns() - t0, shrink_call = worst, worst_cpu = cpu_ns() - c0;
        size_t during = bytes_of(m), writes = 0, worst_at = 0;
        gomap_stats_get(m, &st);
        unsigned newB = st.B;
        while (growing(m)) {
            double a = now_ns(), c = cpu_ns();
            uint64_t *e = gomap_assign_u64(m, key_of(writes % keep));
            double d = now_ns() - a, dc = cpu_ns() - c;
            if (dc > worst_cpu)
                worst_cpu = dc;
            if (e == NULL)
                return 1;
            *e = writes % keep;
            if (d > worst) {
                worst = d;
                worst_at = writes + 1;
            }
            writes++;
        }
        size_t after = bytes_of(m);
        printf("N=%zu K=%zu: B %u -> %u; bytes before %zu, while shrinking %zu, after %zu; "
               "%zu writes; gomap_shrink %.1f us, worst call %.1f us (write %zu of %zu), "
               "worst CPU time of a call %.1f us\n",
               n, keep, oldB, newB, before, during, after, writes, shrink_call / 1e3, worst / 1e3,
               worst_at, writes, worst_cpu / 1e3);
        if (worst > worst_all)
            worst_all = worst;
        if (worst_cpu > worst_cpu_all)
            worst_cpu_all = worst_cpu;
        gomap_free(m);
    }
    if (rounds > 1)
        printf("worst call over %d rounds: %.1f us wall-clock, %.1f us CPU time\n", rounds,
               worst_all / 1e3, worst_cpu_all / 1e3);
    return 0;
}
