/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sweep.h - the size sweep of WORKLOADS.md ("Blueprints and the size sweep"),
 * shared by every C and C++ contender.
 *
 * A contender binary sweep_<name> is run as
 *     sweep_<name> sweep <blueprint> <nmax> <steps>
 * with blueprint u32 (u32 -> u32), u64 (u64 -> u64), big (u64 -> 56-byte
 * struct) or str (17-byte string -> u64). It grows one map from 0 to nmax
 * keys; at each of `steps` evenly spaced sizes N it times batches of 1,000
 * independent operations on the map as it is (hit, miss, replace, erase
 * present, erase absent, iterate over the first 1,000 entries, iterate over
 * all), plus the first 1,000 inserts of each step ("insert": new keys into
 * the map as it was at the previous size) and the total time to insert all
 * nmax keys. It prints one JSON line per row:
 *     {"contender":"x","blueprint":"u32","workload":"hit","sizes":[...],"ns":[...]}
 *     {"contender":"x","blueprint":"u32","workload":"insert_total","value":ns,"unit":"ns"}
 *     {"contender":"x","blueprint":"u32","workload":"mem_after","value":B,"unit":"B/entry"}
 *     {"contender":"x","blueprint":"u32","workload":"mem_peak","value":B,"unit":"B/entry"}
 * Every batch is checked untimed (hits find every key with its value, misses
 * find none, erases remove exactly what they should, iteration sees every
 * entry); a contender that fails a check exits with status 2.
 *
 * A contender defines, for each blueprint BP it supports (u32, u64, big,
 * str), a map type and six functions, then includes sweep_impl.h with
 * SWEEP_BP defined to BP:
 *     typedef ... BP_map;
 *     static BP_map *BP_new(void);
 *     static void BP_free(BP_map *m);
 *     static void BP_put(BP_map *m, KEY k, const VAL *v);   insert or assign
 *     static const VAL *BP_get(BP_map *m, KEY k);           NULL when absent
 *     static bool BP_erase(BP_map *m, KEY k);               true when present
 *     static size_t BP_iter(BP_map *m, size_t limit, uint64_t *sum);
 *         visits up to limit entries from a fresh iteration, adds the first
 *         word of each value (sweep_word) to *sum, returns how many it saw.
 * KEY and VAL are sweep_u32_key/sweep_u32_val etc. below; string keys are
 * NUL-terminated 17-byte C strings that stay alive for the whole run.
 * main() calls sweep_main(argc, argv, "name", table) with a table of the
 * sweep_BP functions the includes generated (NULL for an unsupported one).
 */
#ifndef BENCH_SWEEP_H
#define BENCH_SWEEP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SWEEP_BATCH 1000

typedef uint32_t sweep_u32_key;
typedef uint32_t sweep_u32_val;
typedef uint64_t sweep_u64_key;
typedef uint64_t sweep_u64_val;
typedef uint64_t sweep_big_key;
typedef struct sweep_big_val {
    uint64_t w[7]; /* 56 bytes: with its key, a cache line per entry */
} sweep_big_val;
typedef const char *sweep_str_key;
typedef uint64_t sweep_str_val;

/* The word the iteration and hit checks sum: value i holds i. */
static inline uint64_t sweep_word_u32(const sweep_u32_val *v)
{
    return *v;
}
static inline uint64_t sweep_word_u64(const uint64_t *v)
{
    return *v;
}
static inline uint64_t sweep_word_big(const sweep_big_val *v)
{
    return v->w[0];
}

static inline void sweep_make_val_u32(sweep_u32_val *v, size_t i)
{
    *v = (uint32_t)i;
}
static inline void sweep_make_val_u64(uint64_t *v, size_t i)
{
    *v = i;
}
static inline void sweep_make_val_big(sweep_big_val *v, size_t i)
{
    for (int j = 0; j < 7; j++)
        v->w[j] = i + (uint64_t)j;
}
#define sweep_word_str     sweep_word_u64
#define sweep_make_val_str sweep_make_val_u64

/* ---- Keys ------------------------------------------------------------------ */

/* Present keys keys[0..n) and absent keys miss[0..nmiss). u64: the splitmix
 * streams of WORKLOADS.md (42 and 4242). u32: the low 32 bits of the same
 * streams, repeats and present keys skipped. str: "k" + 16 hex digits of the
 * u64 keys, each NUL-terminated at an 18-byte stride. */
typedef struct sweep_keys {
    size_t n, nmiss;
    uint64_t *k64, *m64;
    uint32_t *k32, *m32;
    char *kstr, *mstr;
} sweep_keys;

/* A set of u32 used once while making keys (open addressing, 0 reserved). */
typedef struct sweep_u32set {
    uint32_t *slot;
    size_t mask;
    bool has_zero;
} sweep_u32set;

static inline bool sweep_u32set_add(sweep_u32set *s, uint32_t k)
{
    if (k == 0) {
        bool had = s->has_zero;
        s->has_zero = true;
        return !had;
    }
    size_t i = (size_t)((k * 0x9e3779b97f4a7c15ull) >> 20) & s->mask;
    while (s->slot[i] != 0) {
        if (s->slot[i] == k)
            return false;
        i = (i + 1) & s->mask;
    }
    s->slot[i] = k;
    return true;
}

static inline sweep_keys sweep_keys_make(const char *bp, size_t n, size_t nmiss)
{
    sweep_keys k;
    memset(&k, 0, sizeof k);
    k.n = n;
    k.nmiss = nmiss;
    uint64_t s = 42, sm = 4242;
    if (strcmp(bp, "u32") == 0) {
        sweep_u32set set;
        size_t cap = 1;
        while (cap < 4 * (n + nmiss))
            cap *= 2;
        set.slot = (uint32_t *)calloc(cap, sizeof(uint32_t));
        set.mask = cap - 1;
        set.has_zero = false;
        k.k32 = (uint32_t *)bench_xmalloc(n * sizeof(uint32_t));
        k.m32 = (uint32_t *)bench_xmalloc(nmiss * sizeof(uint32_t));
        if (set.slot == NULL) {
            fprintf(stderr, "sweep: out of memory\n");
            exit(2);
        }
        for (size_t i = 0; i < n;) {
            uint32_t v = (uint32_t)bench_splitmix(&s);
            if (sweep_u32set_add(&set, v))
                k.k32[i++] = v;
        }
        for (size_t i = 0; i < nmiss;) {
            uint32_t v = (uint32_t)bench_splitmix(&sm);
            if (sweep_u32set_add(&set, v))
                k.m32[i++] = v;
        }
        free(set.slot);
        return k;
    }
    k.k64 = (uint64_t *)bench_xmalloc(n * sizeof(uint64_t));
    k.m64 = (uint64_t *)bench_xmalloc(nmiss * sizeof(uint64_t));
    for (size_t i = 0; i < n; i++)
        k.k64[i] = bench_splitmix(&s);
    for (size_t i = 0; i < nmiss; i++)
        k.m64[i] = bench_splitmix(&sm);
    if (strcmp(bp, "str") == 0) {
        k.kstr = (char *)bench_xmalloc(18 * n);
        k.mstr = (char *)bench_xmalloc(18 * nmiss);
        for (size_t i = 0; i < n; i++)
            bench_hex(k.kstr + 18 * i, 'k', k.k64[i]);
        for (size_t i = 0; i < nmiss; i++)
            bench_hex(k.mstr + 18 * i, 'k', k.m64[i]);
    }
    return k;
}

static inline void sweep_keys_free(sweep_keys *k)
{
    free(k->k64);
    free(k->m64);
    free(k->k32);
    free(k->m32);
    free(k->kstr);
    free(k->mstr);
}

static inline sweep_u32_key sweep_key_u32(const sweep_keys *k, size_t i)
{
    return k->k32[i];
}
static inline sweep_u32_key sweep_miss_u32(const sweep_keys *k, size_t i)
{
    return k->m32[i];
}
static inline sweep_u64_key sweep_key_u64(const sweep_keys *k, size_t i)
{
    return k->k64[i];
}
static inline sweep_u64_key sweep_miss_u64(const sweep_keys *k, size_t i)
{
    return k->m64[i];
}
#define sweep_key_big  sweep_key_u64
#define sweep_miss_big sweep_miss_u64
static inline sweep_str_key sweep_key_str(const sweep_keys *k, size_t i)
{
    return k->kstr + 18 * i;
}
static inline sweep_str_key sweep_miss_str(const sweep_keys *k, size_t i)
{
    return k->mstr + 18 * i;
}

/* ---- Output ------------------------------------------------------------------ */

static inline void sweep_emit_row(const char *contender, const char *bp, const char *workload,
                                  size_t steps, const size_t *sizes, const uint64_t *ns)
{
    printf("{\"contender\":\"%s\",\"blueprint\":\"%s\",\"workload\":\"%s\",\"sizes\":[", contender,
           bp, workload);
    for (size_t i = 0; i < steps; i++)
        printf("%s%zu", i ? "," : "", sizes[i]);
    printf("],\"ns\":[");
    for (size_t i = 0; i < steps; i++)
        printf("%s%llu", i ? "," : "", (unsigned long long)ns[i]);
    printf("]}\n");
}

static inline void sweep_emit_value(const char *contender, const char *bp, const char *workload,
                                    double value, const char *unit)
{
    printf("{\"contender\":\"%s\",\"blueprint\":\"%s\",\"workload\":\"%s\",\"value\":%.4f,"
           "\"unit\":\"%s\"}\n",
           contender, bp, workload, value, unit);
}

static inline void sweep_fail(const char *contender, const char *bp, const char *what, size_t n)
{
    fprintf(stderr, "%s: %s sweep: %s at N = %zu\n", contender, bp, what, n);
    exit(2);
}

/* Rows of the sweep, in output order. */
enum {
    SWEEP_INSERT,
    SWEEP_HIT,
    SWEEP_MISS,
    SWEEP_REPLACE,
    SWEEP_ERASE,
    SWEEP_ERASE_ABSENT,
    SWEEP_ITER_1000,
    SWEEP_ITER_ALL,
    SWEEP_ROWS
};
static const char *const sweep_row_names[SWEEP_ROWS] = {
    "insert", "hit", "miss", "replace", "erase", "erase_absent", "iterate_1000", "iterate_all",
};

/* Distinct random indices in [0, n), n >= count (rejection against a small
 * set; the rng is splitmix). */
static inline void sweep_pick(uint64_t *rng, size_t n, size_t count, size_t *out)
{
    enum { SET = 4096 };
    static size_t set[SET];
    static unsigned char used[SET];
    memset(used, 0, sizeof used);
    for (size_t j = 0; j < count;) {
        size_t r = (size_t)(bench_splitmix(rng) % n);
        size_t h = (r * 0x9e3779b97f4a7c15ull) >> 52;
        bool dup = false;
        while (used[h]) {
            if (set[h] == r) {
                dup = true;
                break;
            }
            h = (h + 1) & (SET - 1);
        }
        if (dup)
            continue;
        used[h] = 1;
        set[h] = r;
        out[j++] = r;
    }
}

/* Instruction counts (bench/instructions.py): run under callgrind with
 * --collect-atstart=no and SWEEP_COLLECT=<row name> (or insert_total), the
 * driver collects the instructions of that row's timed loops only. The
 * requests sit outside the timed regions; outside valgrind they are a few
 * instructions that do nothing. */
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define SWEEP_TOGGLE() CALLGRIND_TOGGLE_COLLECT
#endif
#endif
#ifndef SWEEP_TOGGLE
#define SWEEP_TOGGLE() ((void)0)
#endif
#define SWEEP_INSERT_TOTAL SWEEP_ROWS

/* The row SWEEP_COLLECT names, or -1. */
static inline int sweep_collect_row(void)
{
    const char *e = getenv("SWEEP_COLLECT");
    if (e == NULL)
        return -1;
    if (strcmp(e, "insert_total") == 0)
        return SWEEP_INSERT_TOTAL;
    for (int r = 0; r < SWEEP_ROWS; r++)
        if (strcmp(e, sweep_row_names[r]) == 0)
            return r;
    return -1;
}

typedef void (*sweep_fn)(const char *contender, size_t nmax, size_t steps);

typedef struct sweep_table {
    sweep_fn u32, u64, big, str;
} sweep_table;

static inline int sweep_main(int argc, char **argv, const char *contender, sweep_table t)
{
    if (argc != 5 || strcmp(argv[1], "sweep") != 0) {
        fprintf(stderr, "usage: %s sweep u32|u64|big|str NMAX STEPS\n", argv[0]);
        return 2;
    }
    const char *bp = argv[2];
    size_t nmax = (size_t)strtoull(argv[3], NULL, 10);
    size_t steps = (size_t)strtoull(argv[4], NULL, 10);
    if (steps == 0 || nmax / steps < SWEEP_BATCH) {
        fprintf(stderr, "%s: need STEPS >= 1 and NMAX / STEPS >= %d\n", argv[0], SWEEP_BATCH);
        return 2;
    }
    sweep_fn fn = strcmp(bp, "u32") == 0   ? t.u32
                  : strcmp(bp, "u64") == 0 ? t.u64
                  : strcmp(bp, "big") == 0 ? t.big
                  : strcmp(bp, "str") == 0 ? t.str
                                           : NULL;
    if (fn == NULL) {
        fprintf(stderr, "%s: no blueprint %s\n", argv[0], bp);
        return BENCH_EXIT_UNSUPPORTED;
    }
    fn(contender, nmax, steps);
    fflush(stdout);
    return 0;
}

#ifdef __cplusplus
}
#endif

#endif
