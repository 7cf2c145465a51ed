/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_hash.c - the hashes spread structured keys evenly: sequential
 * integers, keys that differ only in their high bits, and strings that
 * differ only after a long common prefix. Checked on the hash functions
 * (bucket and tophash distribution, avalanche) and on real maps (overflow
 * buckets and chain lengths against random keys).
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
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"

enum { NKEYS = 1 << 16, NBUCKETS = 1 << 10 };

typedef uint64_t (*key_gen)(uint64_t i);

static uint64_t gen_random(uint64_t i)
{
    uint64_t s = i * 0x9e3779b97f4a7c15ull + 1;
    return test_splitmix64(&s);
}
static uint64_t gen_sequential(uint64_t i)
{
    return i;
}
static uint64_t gen_high_bits(uint64_t i)
{
    return i << 48;
}
static uint64_t gen_multiples(uint64_t i)
{
    return i << 20;
}
/* Keys that differ only in bits 32 and up, counting down from the top. */
static uint64_t gen_reversed(uint64_t i)
{
    uint64_t r = 0;
    for (int b = 0; b < 32; b++)
        r |= ((i >> b) & 1) << (63 - b);
    return r;
}

/* Chi-square statistic of counts over n cells with equal expectation. */
static double chi_square(const unsigned *counts, size_t n, double expected)
{
    double x = 0;
    for (size_t i = 0; i < n; i++) {
        double d = counts[i] - expected;
        x += d * d / expected;
    }
    return x;
}

/* For n-1 degrees of freedom (n large) the statistic is about normal with
 * mean n-1 and deviation sqrt(2(n-1)); 6 deviations is a generous bound
 * that a structured failure still exceeds by far. */
static void assert_uniform(const unsigned *counts, size_t n, double expected, const char *what)
{
    double x = chi_square(counts, n, expected);
    double bound = (double)(n - 1) + 6 * sqrt(2.0 * (double)(n - 1));
    if (x > bound)
        fail_msg("%s: chi-square %.1f over %zu cells exceeds %.1f", what, x, n, bound);
}

static void check_u64_distribution(key_gen gen, const char *name)
{
    static unsigned low[NBUCKETS], top[256];
    for (uint64_t seed = 1; seed <= 3; seed++) {
        memset(low, 0, sizeof low);
        memset(top, 0, sizeof top);
        for (uint64_t i = 0; i < NKEYS; i++) {
            uint64_t h = gomap_hash_u64(gen(i), seed * 0x1234567ull);
            low[h & (NBUCKETS - 1)]++;
            top[h >> 56]++;
        }
        char what[96];
        snprintf(what, sizeof what, "%s keys, bucket bits, seed %llu", name,
                 (unsigned long long)seed);
        assert_uniform(low, NBUCKETS, (double)NKEYS / NBUCKETS, what);
        snprintf(what, sizeof what, "%s keys, tophash byte, seed %llu", name,
                 (unsigned long long)seed);
        assert_uniform(top, 256, (double)NKEYS / 256, what);
    }
}

static void u64_structured_keys_spread(void **state)
{
    (void)state;
    check_u64_distribution(gen_random, "random");
    check_u64_distribution(gen_sequential, "sequential");
    check_u64_distribution(gen_high_bits, "high-bit");
    check_u64_distribution(gen_multiples, "multiples of 2^20");
    check_u64_distribution(gen_reversed, "bit-reversed");
}

static void string_long_prefix_spread(void **state)
{
    (void)state;
    static unsigned low[NBUCKETS], top[256];
    static char buf[300];
    memset(buf, 'p', sizeof buf);
    for (size_t prefix = 0; prefix <= 256; prefix += 64) {
        memset(low, 0, sizeof low);
        memset(top, 0, sizeof top);
        for (uint64_t i = 0; i < NKEYS; i++) {
            int n = snprintf(buf + prefix, sizeof buf - prefix, "%llu", (unsigned long long)i);
            uint64_t h = gomap_hash_bytes(buf, prefix + (size_t)n, 99);
            low[h & (NBUCKETS - 1)]++;
            top[h >> 56]++;
        }
        char what[64];
        snprintf(what, sizeof what, "strings after a %zu-byte prefix", prefix);
        assert_uniform(low, NBUCKETS, (double)NKEYS / NBUCKETS, what);
        assert_uniform(top, 256, (double)NKEYS / 256, what);
    }
}

/* Flipping any one input bit flips each output bit with probability ~1/2. */
static void u64_avalanche(void **state)
{
    (void)state;
    enum { SAMPLES = 2000 };
    static unsigned flips[64][64];
    memset(flips, 0, sizeof flips);
    uint64_t s = 5;
    for (int n = 0; n < SAMPLES; n++) {
        uint64_t k = test_splitmix64(&s);
        uint64_t h = gomap_hash_u64(k, 77);
        for (int in = 0; in < 64; in++) {
            uint64_t d = h ^ gomap_hash_u64(k ^ (1ull << in), 77);
            for (int out = 0; out < 64; out++)
                flips[in][out] += (d >> out) & 1;
        }
    }
    for (int in = 0; in < 64; in++)
        for (int out = 0; out < 64; out++) {
            double p = (double)flips[in][out] / SAMPLES;
            if (p < 0.40 || p > 0.60)
                fail_msg("input bit %d flips output bit %d with probability %.3f", in, out, p);
        }
}

/* The seed changes where keys land: same keys, different seeds, different
 * buckets. */
static void seed_changes_layout(void **state)
{
    (void)state;
    unsigned same = 0;
    for (uint64_t i = 0; i < 4096; i++)
        same += (gomap_hash_u64(i, 1) & 1023) == (gomap_hash_u64(i, 2) & 1023);
    assert_true(same < 40); /* about 4 expected by chance */
}

/* An integer mixer of the form fold(k ^ a, k ^ b) gives every key a full-hash
 * twin k ^ a ^ b; with b derived linearly from a (a rotation), a ^ b took
 * only 2^32 values whatever the seed. No such twin may exist: keys differing
 * by seed ^ rot32(seed) ^ phi, or by any fixed delta, collide in full only
 * by chance. */
static void u64_no_full_hash_twins(void **state)
{
    (void)state;
    uint64_t s = 11;
    unsigned twins = 0;
    for (int i = 0; i < 4096; i++) {
        uint64_t seed = test_splitmix64(&s), k = test_splitmix64(&s);
        uint64_t rot = (seed << 32) | (seed >> 32);
        uint64_t deltas[3] = {seed ^ rot ^ 0x9E3779B97F4A7C15ull, seed ^ rot, 1ull << (i & 63)};
        for (int d = 0; d < 3; d++)
            twins += gomap_hash_u64(k, seed) == gomap_hash_u64(k ^ deltas[d], seed);
    }
    assert_int_equal(twins, 0);
}

/* The iteration order of a fresh 64-key map: it depends on the map's seed
 * and its random starting point, both drawn from the thread's stream. */
static void iteration_order(uint64_t out[64])
{
    gomap_type t = gomap_type_u64(0, 1);
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    for (uint64_t k = 0; k < 64; k++)
        assert_non_null(gomap_assign_u64(m, k));
    gomap_iter it;
    size_t i = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
        out[i++] = *(const uint64_t *)it.key;
    assert_int_equal(i, 64);
    gomap_free(m);
}

/* A forked child draws seeds of its own: its new maps do not repeat the
 * parent's seeds and iteration orders. */
static void fork_child_seeds_differ(void **state)
{
    (void)state;
    uint64_t before[64], parent[64], child[64];
    iteration_order(before); /* the stream is seeded before the fork */
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        iteration_order(child);
        ssize_t w = write(fds[1], child, sizeof child);
        _exit(w == (ssize_t)sizeof child ? 0 : 1);
    }
    iteration_order(parent);
    size_t got = 0;
    while (got < sizeof child) {
        ssize_t r = read(fds[0], (char *)child + got, sizeof child - got);
        assert_true(r > 0);
        got += (size_t)r;
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(fds[0]);
    close(fds[1]);
    assert_true(memcmp(parent, child, sizeof child) != 0);
}

/* Overflow buckets are what uneven bucket loads cost a map. */
static size_t overflow_of_map(const gomap *m)
{
    gomap_stats s;
    gomap_stats_get(m, &s);
    return s.overflow_buckets;
}

static void map_loads_even_for_structured_keys(void **state)
{
    (void)state;
    static const key_gen gens[] = {gen_sequential, gen_high_bits, gen_multiples, gen_reversed};
    static const char *const names[] = {"sequential", "high-bit", "multiples", "bit-reversed"};
    const size_t n = 6000; /* B = 10 after growth: 5.9 entries per bucket */
    size_t random_ovf = 0;
    gomap_type t = gomap_type_u64(0, 1);
    for (uint64_t seed = 1; seed <= 4; seed++) {
        gomap_options o = {.seed = seed, .flags = GOMAP_FIXED_SEED};
        gomap *m = gomap_new_with(&t, n, &o);
        for (uint64_t i = 0; i < n; i++)
            assert_non_null(gomap_assign_u64(m, gen_random(i + seed * n)));
        random_ovf += overflow_of_map(m);
        gomap_free(m);
    }
    for (size_t g = 0; g < sizeof gens / sizeof gens[0]; g++) {
        size_t total = 0;
        for (uint64_t seed = 1; seed <= 4; seed++) {
            gomap_options o = {.seed = seed, .flags = GOMAP_FIXED_SEED};
            gomap *m = gomap_new_with(&t, n, &o);
            for (uint64_t i = 0; i < n; i++)
                assert_non_null(gomap_assign_u64(m, gens[g](i)));
            assert_int_equal(gomap_len(m), n);
            total += overflow_of_map(m);
            gomap_free(m);
        }
        if ((double)total > 1.5 * (double)random_ovf + 20)
            fail_msg("%s keys: %zu overflow buckets vs %zu for random keys", names[g], total,
                     random_ovf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(u64_structured_keys_spread),
        cmocka_unit_test(string_long_prefix_spread),
        cmocka_unit_test(u64_avalanche),
        cmocka_unit_test(seed_changes_layout),
        cmocka_unit_test(u64_no_full_hash_twins),
        cmocka_unit_test(fork_child_seeds_differ),
        cmocka_unit_test(map_loads_even_for_structured_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
