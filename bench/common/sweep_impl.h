/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sweep_impl.h - the sweep driver for one blueprint; included once per
 * blueprint with SWEEP_BP defined (see sweep.h). Defines sweep_<BP>.
 */
#ifndef SWEEP_BP
#error "define SWEEP_BP (u32, u64, big or str) before including sweep_impl.h"
#endif

#define SWEEP_CAT2(a, b) a##b
#define SWEEP_CAT(a, b)  SWEEP_CAT2(a, b)
#define SWEEP_STR2(a)    #a
#define SWEEP_STR(a)     SWEEP_STR2(a)
#define SW(name)         SWEEP_CAT(SWEEP_BP, name)
#define SW_KEY           SWEEP_CAT(SWEEP_CAT(sweep_, SWEEP_BP), _key)
#define SW_VAL           SWEEP_CAT(SWEEP_CAT(sweep_, SWEEP_BP), _val)
#define SW_WORD          SWEEP_CAT(sweep_word_, SWEEP_BP)
#define SW_MAKE_VAL      SWEEP_CAT(sweep_make_val_, SWEEP_BP)
#define SW_KEY_AT        SWEEP_CAT(sweep_key_, SWEEP_BP)
#define SW_MISS_AT       SWEEP_CAT(sweep_miss_, SWEEP_BP)

static void SWEEP_CAT(sweep_, SWEEP_BP)(const char *contender, size_t nmax, size_t steps)
{
    const char *bp = SWEEP_STR(SWEEP_BP);
    enum { B = SWEEP_BATCH };
    /* Each step uses two batches of absent keys (miss, erase absent). */
    size_t nmiss = 2 * B * steps;
    sweep_keys keys = sweep_keys_make(bp, nmax, nmiss);
    size_t *sizes = (size_t *)bench_xmalloc(steps * sizeof(size_t));
    uint64_t *ns = (uint64_t *)bench_xmalloc(SWEEP_ROWS * steps * sizeof(uint64_t));
    size_t *idx = (size_t *)bench_xmalloc(B * sizeof(size_t));
    SW_KEY *batch = (SW_KEY *)bench_xmalloc(B * sizeof(SW_KEY));
    SW_VAL *vals = (SW_VAL *)bench_xmalloc(nmax * sizeof(SW_VAL));
    for (size_t i = 0; i < nmax; i++)
        SW_MAKE_VAL(&vals[i], i);
    uint64_t rng = 7, sink = 0, insert_total = 0;
    int collect = sweep_collect_row();
#define SW_TOGGLE_IF(row)                                                                          \
    do {                                                                                           \
        if (collect == (row))                                                                      \
            SWEEP_TOGGLE();                                                                        \
    } while (0)
    double mem_after = 0;

    size_t heap0 = bench_heap_live();
    bench_heap_peak_reset();
    SW(_map) *m = SW(_new)();
    size_t n = 0;
    for (size_t s = 0; s < steps; s++) {
        size_t target = (s + 1) * nmax / steps;
        /* insert: the first B new keys timed alone, then the rest. */
        SW_TOGGLE_IF(SWEEP_INSERT_TOTAL);
        SW_TOGGLE_IF(SWEEP_INSERT);
        uint64_t t0 = bench_now_ns();
        for (size_t i = n; i < n + B; i++)
            SW(_put)(m, SW_KEY_AT(&keys, i), &vals[i]);
        uint64_t t1 = bench_now_ns();
        SW_TOGGLE_IF(SWEEP_INSERT);
        for (size_t i = n + B; i < target; i++)
            SW(_put)(m, SW_KEY_AT(&keys, i), &vals[i]);
        uint64_t t2 = bench_now_ns();
        SW_TOGGLE_IF(SWEEP_INSERT_TOTAL);
        ns[SWEEP_INSERT * steps + s] = t1 - t0;
        insert_total += t2 - t0;
        n = target;
        sizes[s] = n;
        if (s + 1 == steps)
            mem_after = (double)(bench_heap_live() - heap0) / (double)n;

        /* hit: B present keys chosen at random (repeats allowed). */
        uint64_t expect = 0, sum = 0;
        size_t found = 0;
        for (size_t j = 0; j < B; j++) {
            idx[j] = (size_t)(bench_splitmix(&rng) % n);
            batch[j] = SW_KEY_AT(&keys, idx[j]);
            expect += SW_WORD(&vals[idx[j]]);
        }
        SW_TOGGLE_IF(SWEEP_HIT);
        t0 = bench_now_ns();
        for (size_t j = 0; j < B; j++) {
            const SW_VAL *v = SW(_get)(m, batch[j]);
            if (v != NULL) {
                sum += SW_WORD(v);
                found++;
            }
        }
        ns[SWEEP_HIT * steps + s] = bench_now_ns() - t0;
        SW_TOGGLE_IF(SWEEP_HIT);
        if (found != B || sum != expect)
            sweep_fail(contender, bp, "hit: a key missing or a wrong value", n);

        /* miss */
        for (size_t j = 0; j < B; j++)
            batch[j] = SW_MISS_AT(&keys, 2 * B * s + j);
        found = 0;
        SW_TOGGLE_IF(SWEEP_MISS);
        t0 = bench_now_ns();
        for (size_t j = 0; j < B; j++)
            found += SW(_get)(m, batch[j]) != NULL;
        ns[SWEEP_MISS * steps + s] = bench_now_ns() - t0;
        SW_TOGGLE_IF(SWEEP_MISS);
        if (found != 0)
            sweep_fail(contender, bp, "miss: an absent key found", n);

        /* replace: assign B present keys (their own values again, so the
         * later checks still hold; the whole value is written). */
        for (size_t j = 0; j < B; j++) {
            idx[j] = (size_t)(bench_splitmix(&rng) % n);
            batch[j] = SW_KEY_AT(&keys, idx[j]);
        }
        SW_TOGGLE_IF(SWEEP_REPLACE);
        t0 = bench_now_ns();
        for (size_t j = 0; j < B; j++)
            SW(_put)(m, batch[j], &vals[idx[j]]);
        ns[SWEEP_REPLACE * steps + s] = bench_now_ns() - t0;
        SW_TOGGLE_IF(SWEEP_REPLACE);

        /* erase: B distinct present keys, put back untimed. */
        sweep_pick(&rng, n, B, idx);
        for (size_t j = 0; j < B; j++)
            batch[j] = SW_KEY_AT(&keys, idx[j]);
        found = 0;
        SW_TOGGLE_IF(SWEEP_ERASE);
        t0 = bench_now_ns();
        for (size_t j = 0; j < B; j++)
            found += SW(_erase)(m, batch[j]);
        ns[SWEEP_ERASE * steps + s] = bench_now_ns() - t0;
        SW_TOGGLE_IF(SWEEP_ERASE);
        if (found != B)
            sweep_fail(contender, bp, "erase: a present key not erased", n);
        for (size_t j = 0; j < B; j++)
            SW(_put)(m, batch[j], &vals[idx[j]]);

        /* erase absent */
        for (size_t j = 0; j < B; j++)
            batch[j] = SW_MISS_AT(&keys, 2 * B * s + B + j);
        found = 0;
        SW_TOGGLE_IF(SWEEP_ERASE_ABSENT);
        t0 = bench_now_ns();
        for (size_t j = 0; j < B; j++)
            found += SW(_erase)(m, batch[j]);
        ns[SWEEP_ERASE_ABSENT * steps + s] = bench_now_ns() - t0;
        SW_TOGGLE_IF(SWEEP_ERASE_ABSENT);
        if (found != 0)
            sweep_fail(contender, bp, "erase absent: an absent key erased", n);

        /* iterate: the first B entries of a fresh iteration, then all. */
        uint64_t it_sum = 0;
        SW_TOGGLE_IF(SWEEP_ITER_1000);
        t0 = bench_now_ns();
        size_t seen = SW(_iter)(m, B, &it_sum);
        ns[SWEEP_ITER_1000 * steps + s] = bench_now_ns() - t0;
        SW_TOGGLE_IF(SWEEP_ITER_1000);
        if (seen != B)
            sweep_fail(contender, bp, "iterate: fewer than 1,000 entries", n);
        sink += it_sum;
        it_sum = 0;
        SW_TOGGLE_IF(SWEEP_ITER_ALL);
        t0 = bench_now_ns();
        seen = SW(_iter)(m, (size_t)-1, &it_sum);
        ns[SWEEP_ITER_ALL * steps + s] = bench_now_ns() - t0;
        SW_TOGGLE_IF(SWEEP_ITER_ALL);
        if (seen != n || it_sum != (uint64_t)n * (n - 1) / 2)
            sweep_fail(contender, bp, "iterate: not every entry seen once", n);
        sink += it_sum + sum;
    }
    double mem_peak = (double)(bench_heap_peak() - heap0) / (double)n;
    SW(_free)(m);
    bench_consume(sink);

    for (int r = 0; r < SWEEP_ROWS; r++)
        sweep_emit_row(contender, bp, sweep_row_names[r], steps, sizes, ns + (size_t)r * steps);
    sweep_emit_value(contender, bp, "insert_total", (double)insert_total, "ns");
    sweep_emit_value(contender, bp, "mem_after", mem_after, "B/entry");
    sweep_emit_value(contender, bp, "mem_peak", mem_peak, "B/entry");
    fflush(stdout);

    free(vals);
    free(batch);
    free(idx);
    free(ns);
    free(sizes);
    sweep_keys_free(&keys);
}

#undef SW_TOGGLE_IF
#undef SW
#undef SW_KEY
#undef SW_VAL
#undef SW_WORD
#undef SW_MAKE_VAL
#undef SW_KEY_AT
#undef SW_MISS_AT
#undef SWEEP_BP
