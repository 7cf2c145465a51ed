/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_flood.c - hash flooding. Key sets that collide under the identity or
 * a weak hash (multiples of 2^k, keys that differ only in their high bits,
 * integral doubles, strings that differ only after a long common prefix)
 * must load the buckets of a real map as evenly as random keys do, and cost
 * as little per operation. The map's own structure is walked (src/internal.h)
 * to get the chain-length histogram and the operation cost in bucket visits
 * and tophash comparisons, which unlike wall time is exact on a shared
 * machine. Wall time is also measured (minimum of several runs) and printed.
 *
 * Per-map seeds are what defeat an attacker who does not know them: two maps
 * built from the same keys must lay them out differently, as must a map
 * before and after gomap_clear (which reseeds, as Go 1.21 does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "test_util.h"

enum { NKEYS = 40000, MAXCHAIN = 64, STR_PREFIX = 1000, STR_SLOT = STR_PREFIX + 24 };

typedef enum key_set {
    KS_RANDOM,
    KS_SEQUENTIAL,
    KS_MULT_2_10,
    KS_MULT_2_32,
    KS_HIGH_BITS,
    KS_F64_INTEGRAL,
    KS_STR_RANDOM,
    KS_STR_PREFIX,
    KS_STR_LAST_BYTES,
    KS_COUNT
} key_set;

static const char *const set_name[KS_COUNT] = {
    "u64 random",           "u64 sequential", "u64 multiples of 2^10", "u64 multiples of 2^32",
    "u64 high bits only",   "f64 integral",   "str random (1000+ B)",  "str 1000-byte prefix",
    "str last 2 bytes only"};

static char *str_arena;

static bool is_str(key_set ks)
{
    return ks >= KS_STR_RANDOM;
}

static uint64_t u64_key(key_set ks, uint64_t i)
{
    switch (ks) {
    case KS_SEQUENTIAL: return i;
    case KS_MULT_2_10: return i << 10;
    case KS_MULT_2_32: return i << 32;
    case KS_HIGH_BITS: return i << 48;
    default: {
        uint64_t s = i * 0x9E3779B97F4A7C15ull + 12345;
        return test_splitmix64(&s);
    }
    }
}

/* Fills the string arena for set ks: key i at slot i. */
static void build_strings(key_set ks)
{
    for (size_t i = 0; i < NKEYS; i++) {
        char *p = str_arena + i * STR_SLOT;
        if (ks == KS_STR_RANDOM) {
            /* as long as the prefixed keys, so hashing costs the same */
            uint64_t s = i + 777;
            for (size_t j = 0; j < STR_PREFIX; j++)
                p[j] = (char)('a' + test_splitmix64(&s) % 26);
            snprintf(p + STR_PREFIX, STR_SLOT - STR_PREFIX, "%zu", i);
        } else if (ks == KS_STR_PREFIX) {
            memset(p, 'a', STR_PREFIX);
            snprintf(p + STR_PREFIX, STR_SLOT - STR_PREFIX, "%zu", i);
        } else {
            memset(p, 'a', STR_PREFIX);
            p[STR_PREFIX] = (char)(1 + i % 250);
            p[STR_PREFIX + 1] = (char)(1 + i / 250);
            p[STR_PREFIX + 2] = 0;
        }
    }
}

static gomap *build_map(key_set ks, const gomap_options *o)
{
    gomap_type t = is_str(ks)              ? gomap_type_str(0, 1)
                   : ks == KS_F64_INTEGRAL ? gomap_type_f64(0, 1)
                                           : gomap_type_u64(0, 1);
    /* sized up front: no growth, so the array walked is the whole map */
    gomap *m = gomap_new_with(&t, NKEYS, o);
    assert_non_null(m);
    for (uint64_t i = 0; i < NKEYS; i++) {
        void *e;
        if (is_str(ks)) {
            const char *p = str_arena + i * STR_SLOT;
            e = gomap_assign_str(m, p, strlen(p));
        } else if (ks == KS_F64_INTEGRAL) {
            double d = (double)i * 1024.0;
            e = gomap_assign(m, &d);
        } else {
            e = gomap_assign_u64(m, u64_key(ks, i));
        }
        assert_non_null(e);
    }
    assert_int_equal(gomap_len(m), NKEYS);
    assert_false(is_growing(m));
    check_map(m);
    return m;
}

/* What the structure costs: per main bucket, entries and chain length. */
typedef struct load {
    size_t buckets, entries;
    size_t entries_hist[MAXCHAIN + 1]; /* buckets holding n entries (chain included) */
    size_t chain_hist[MAXCHAIN + 1];   /* buckets whose chain has n bucket bodies */
    size_t max_entries, overflow;
    double hit_visits;   /* average bucket bodies visited by a successful lookup */
    double miss_visits;  /* average bodies visited by a miss (whole chain) */
    double hit_compares; /* average tophash bytes matched before the hit (8 per body) */
    double chi2;         /* entries per bucket against a uniform spread */
} load;

static load measure(const gomap *m)
{
    load L;
    memset(&L, 0, sizeof L);
    const maptype *t = &m->t;
    L.buckets = bucket_shift(m->B);
    double hit = 0, miss = 0, cmp = 0;
    double expected = (double)m->count / (double)L.buckets;
    for (size_t j = 0; j < L.buckets; j++) {
        size_t n = 0, bodies = 0;
        for (bref b = main_bucket(t, m->buckets, j); b.b != NULL; b = next_bucket(t, b)) {
            bodies++;
            for (size_t i = 0; i < BUCKET_CNT; i++)
                if (b.th[i] >= MIN_TOPHASH) {
                    n++;
                    hit += (double)bodies;
                    cmp += (double)(8 * (bodies - 1) + i + 1);
                }
        }
        miss += (double)bodies;
        L.entries += n;
        L.overflow += bodies - 1;
        L.entries_hist[n > MAXCHAIN ? MAXCHAIN : n]++;
        L.chain_hist[bodies > MAXCHAIN ? MAXCHAIN : bodies]++;
        if (n > L.max_entries)
            L.max_entries = n;
        L.chi2 += ((double)n - expected) * ((double)n - expected) / expected;
    }
    L.hit_visits = hit / (double)L.entries;
    L.miss_visits = miss / (double)L.buckets;
    L.hit_compares = cmp / (double)L.entries;
    return L;
}

/* Wall time of a lookup of every key, best of several runs (ns per op). */
static double lookup_ns(const gomap *m, key_set ks)
{
    double best = 1e30;
    for (int rep = 0; rep < 5; rep++) {
        struct timespec a, b;
        size_t found = 0;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (uint64_t i = 0; i < NKEYS; i++) {
            if (is_str(ks)) {
                const char *p = str_arena + i * STR_SLOT;
                found += gomap_get_str(m, p, strlen(p)) != NULL;
            } else if (ks == KS_F64_INTEGRAL) {
                double d = (double)i * 1024.0;
                found += gomap_get(m, &d) != NULL;
            } else {
                found += gomap_get_u64(m, u64_key(ks, i)) != NULL;
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        assert_int_equal(found, NKEYS);
        double ns = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / NKEYS;
        if (ns < best)
            best = ns;
    }
    return best;
}

static void print_hist(const char *what, const size_t *h)
{
    fprintf(stderr, "    %s:", what);
    size_t last = 0;
    for (size_t i = 0; i <= MAXCHAIN; i++)
        if (h[i] != 0)
            last = i;
    for (size_t i = 0; i <= last; i++)
        fprintf(stderr, " %zu", h[i]);
    fprintf(stderr, "\n");
}

static void flooding_keys_load_evenly(void **state)
{
    (void)state;
    load base[2]; /* random u64, random str: the baselines */
    double base_ns[2] = {0, 0};
    for (int ks = 0; ks < KS_COUNT; ks++) {
        if (is_str((key_set)ks))
            build_strings((key_set)ks);
        gomap_options o = {0}; /* random seed, as an application would have */
        gomap *m = build_map((key_set)ks, &o);
        load L = measure(m);
        double ns = lookup_ns(m, (key_set)ks);
        gomap_free(m);
        size_t dof = L.buckets - 1;
        double bound = (double)dof + 6 * sqrt(2.0 * (double)dof);
        fprintf(stderr,
                "[flood] %-22s B=%u entries/bucket max %zu, overflow %zu, hit visits %.3f, "
                "miss visits %.3f, hit compares %.2f, chi2 %.0f (bound %.0f), lookup %.1f ns\n",
                set_name[ks], (unsigned)log2((double)L.buckets), L.max_entries, L.overflow,
                L.hit_visits, L.miss_visits, L.hit_compares, L.chi2, bound, ns);
        if (ks == KS_RANDOM || ks == KS_STR_RANDOM) {
            print_hist("entries per bucket", L.entries_hist);
            print_hist("bodies per chain", L.chain_hist);
        }
        if (L.chi2 > bound)
            fail_msg("%s: bucket loads are not uniform (chi-square %.0f > %.0f)", set_name[ks],
                     L.chi2, bound);
        int b = is_str((key_set)ks) ? 1 : 0;
        if (ks == KS_RANDOM || ks == KS_STR_RANDOM) {
            base[b] = L;
            base_ns[b] = ns;
            continue;
        }
        /* per-operation cost within 1.5x of random keys, in exact counts */
        if (L.hit_visits > 1.5 * base[b].hit_visits || L.miss_visits > 1.5 * base[b].miss_visits ||
            L.hit_compares > 1.5 * base[b].hit_compares)
            fail_msg("%s: lookups cost more than 1.5x random keys (visits %.3f/%.3f vs %.3f/%.3f)",
                     set_name[ks], L.hit_visits, L.miss_visits, base[b].hit_visits,
                     base[b].miss_visits);
        if ((double)L.overflow > 1.5 * (double)base[b].overflow + 16)
            fail_msg("%s: %zu overflow buckets, random keys %zu", set_name[ks], L.overflow,
                     base[b].overflow);
        if (L.max_entries > 2 * base[b].max_entries)
            fail_msg("%s: longest chain holds %zu entries, random keys %zu", set_name[ks],
                     L.max_entries, base[b].max_entries);
        /* Wall time is informative only on a shared machine; a flood would
         * show as a many-fold slowdown, so only that is treated as failure. */
        if (ns > 4 * base_ns[b] + 50)
            fail_msg("%s: lookups take %.1f ns, random keys %.1f ns", set_name[ks], ns, base_ns[b]);
    }
}

/* Bucket index of every key (by key number), from the map's structure. */
static void layout_of(const gomap *m, uint32_t *bucket_of_key)
{
    const maptype *t = &m->t;
    for (size_t j = 0; j < bucket_shift(m->B); j++)
        for (bref b = main_bucket(t, m->buckets, j); b.b != NULL; b = next_bucket(t, b))
            for (size_t i = 0; i < BUCKET_CNT; i++)
                if (b.th[i] >= MIN_TOPHASH) {
                    uint64_t k = load_u64(cell_key(t, b.b, i));
                    uint64_t idx = k >> 32; /* KS_MULT_2_32 keys: i << 32 */
                    assert_true(idx < NKEYS);
                    bucket_of_key[idx] = (uint32_t)j;
                }
}

static size_t same_buckets(const uint32_t *a, const uint32_t *b)
{
    size_t same = 0;
    for (size_t i = 0; i < NKEYS; i++)
        same += a[i] == b[i];
    return same;
}

static void same_keys_different_layouts(void **state)
{
    (void)state;
    static uint32_t l1[NKEYS], l2[NKEYS];
    gomap_options o = {0};
    gomap *a = build_map(KS_MULT_2_32, &o);
    gomap *b = build_map(KS_MULT_2_32, &o);
    assert_int_equal(a->B, b->B);
    assert_true(a->hash0 != b->hash0);
    layout_of(a, l1);
    layout_of(b, l2);
    size_t same = same_buckets(l1, l2);
    double chance = (double)NKEYS / (double)bucket_shift(a->B);
    fprintf(stderr,
            "[flood] two maps, same keys: %zu of %d keys share a bucket index (chance %.1f)\n",
            same, NKEYS, chance);
    if ((double)same > 4 * chance + 20)
        fail_msg("two maps built from the same keys share %zu bucket indices", same);

    /* Clear reseeds: refilled, the same map lays the keys out anew. */
    uint64_t seed0 = a->hash0;
    gomap_clear(a);
    assert_true(a->hash0 != seed0);
    for (uint64_t i = 0; i < NKEYS; i++)
        assert_non_null(gomap_assign_u64(a, u64_key(KS_MULT_2_32, i)));
    layout_of(a, l2);
    same = same_buckets(l1, l2);
    if ((double)same > 4 * chance + 20)
        fail_msg("after clear the map kept %zu of its bucket indices", same);
    gomap_free(a);
    gomap_free(b);

    /* A fixed seed is the opt-out: same seed, same layout. */
    gomap_options f = {.seed = 42, .flags = GOMAP_FIXED_SEED};
    a = build_map(KS_MULT_2_32, &f);
    b = build_map(KS_MULT_2_32, &f);
    layout_of(a, l1);
    layout_of(b, l2);
    assert_int_equal(same_buckets(l1, l2), NKEYS);
    gomap_free(a);
    gomap_free(b);
}

static int setup(void **state)
{
    (void)state;
    str_arena = calloc(NKEYS, STR_SLOT);
    return str_arena == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    free(str_arena);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flooding_keys_load_evenly),
        cmocka_unit_test(same_keys_different_layouts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
