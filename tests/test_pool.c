/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_pool.c - gomap_pool: maps come back cleared and big enough for the
 * hint, caps and trims bound what is kept, small_create through the pool
 * allocates nothing per map once warm (with and without a size hint), the
 * k-th allocation failing makes get and new report ENOMEM with nothing
 * leaked, and many threads getting, filling, putting and trimming at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/pool.h>

#include "test_util.h"

#ifndef STRESS_ROUNDS
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define STRESS_ROUNDS 5000
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define STRESS_ROUNDS 5000
#endif
#endif
#endif
#ifndef STRESS_ROUNDS
#define STRESS_ROUNDS 20000
#endif

static gomap_type u64_map(void)
{
    return gomap_type_u64(GOMAP_ELEM(uint64_t));
}

static void fill(gomap *m, uint64_t n, uint64_t *rng)
{
    for (uint64_t i = 0; i < n; i++) {
        uint64_t *e = gomap_assign_u64(m, test_splitmix64(rng));
        assert_non_null(e);
        *e = i;
    }
}

static void test_get_put(void **state)
{
    (void)state;
    gomap_type t = u64_map();
    gomap_pool *p = gomap_pool_new(&t, NULL);
    assert_non_null(p);
    uint64_t rng = 1;
    gomap *m = gomap_pool_get(p, 100);
    assert_non_null(m);
    assert_int_equal(stats_of(m).B, 4);
    fill(m, 100, &rng);
    gomap_pool_put(p, m);
    assert_int_equal(gomap_pool_retained(p), 1);

    /* Same map back, cleared, for any hint it can hold. */
    gomap *again = gomap_pool_get(p, 0);
    assert_ptr_equal(again, m);
    assert_int_equal(gomap_len(again), 0);
    assert_null(gomap_get_u64(again, 1));
    check_map(again);
    assert_int_equal(stats_of(again).B, 4);
    assert_int_equal(gomap_pool_retained(p), 0);
    gomap_pool_put(p, again);

    /* A larger hint does not take a small map. */
    gomap *big = gomap_pool_get(p, 1000);
    assert_ptr_not_equal(big, m);
    assert_true(stats_of(big).B >= 8);
    assert_int_equal(gomap_pool_retained(p), 1);
    gomap_pool_put(p, big);
    assert_int_equal(gomap_pool_retained(p), 2);

    /* Maps of another type are freed, not kept. */
    gomap_type other = gomap_type_u32(GOMAP_ELEM(uint64_t));
    gomap_pool_put(p, gomap_new(&other, 10));
    assert_int_equal(gomap_pool_retained(p), 2);
    gomap_pool_put(p, NULL);

    /* Trim ages, a second trim frees. */
    gomap_pool_trim(p);
    assert_int_equal(gomap_pool_retained(p), 2);
    gomap *idle = gomap_pool_get(p, 0); /* still reachable while idle */
    assert_non_null(idle);
    assert_int_equal(gomap_pool_retained(p), 1);
    gomap_pool_put(p, idle);
    gomap_pool_trim(p); /* the idle one goes; `idle` becomes idle */
    assert_int_equal(gomap_pool_retained(p), 1);
    gomap_pool_trim(p);
    assert_int_equal(gomap_pool_retained(p), 0);
    gomap_pool_free(p);
    gomap_pool_free(NULL);
}

static void test_caps(void **state)
{
    (void)state;
    gomap_type t = u64_map();
    gomap_pool_options o = {.slots = 1, .per_slot = 2, .shared = 3, .max_B = 4};
    gomap_pool *p = gomap_pool_new(&t, &o);
    assert_non_null(p);
    gomap *ms[10];
    for (int i = 0; i < 10; i++)
        ms[i] = gomap_pool_get(p, 50);
    for (int i = 0; i < 10; i++)
        gomap_pool_put(p, ms[i]);
    assert_int_equal(gomap_pool_retained(p), 5); /* 2 in the slot + 3 shared */
    gomap *huge = gomap_pool_get(p, 10000);      /* class above max_B */
    gomap_pool_put(p, huge);
    assert_int_equal(gomap_pool_retained(p), 5);
    gomap_pool_free(p);

    gomap_pool_options bad = {.max_B = 60};
    errno = 0;
    assert_null(gomap_pool_new(&t, &bad));
    assert_int_equal(errno, EINVAL);
    gomap_type broken = t;
    broken.equal = NULL;
    errno = 0;
    assert_null(gomap_pool_new(&broken, NULL));
    assert_int_equal(errno, EINVAL);
}

/* small_create (WORKLOADS.md): make a map, insert 100 u64 keys, drop it.
 * A retained map keeps its array and every overflow bucket it held, so a
 * refill allocates only when its keys need more overflow buckets than the
 * map ever held before (a new maximum), and then at most the difference.
 * Returns the allocations that no new maximum explains (must be 0) and
 * stores the total in *total. */
static size_t small_create_allocs(size_t hint, int maps, size_t *total)
{
    test_alloc ta;
    test_alloc_init(&ta);
    /* A fixed seed makes the run (each clear's new hash seed) repeatable. */
    gomap_options mo = {.allocator = &ta.a, .seed = 7, .flags = GOMAP_FIXED_SEED};
    gomap_pool_options po = {.map_options = &mo};
    gomap_type t = u64_map();
    gomap_pool *p = gomap_pool_new(&t, &po);
    assert_non_null(p);
    uint64_t rng = 42;
    size_t most_ovf = 0;
    /* Warm up: the pool's map reaches its size and overflow needs. */
    for (int i = 0; i < 200; i++) {
        gomap *m = gomap_pool_get(p, hint);
        fill(m, 100, &rng);
        gomap_stats st = stats_of(m);
        if (st.overflow_buckets > most_ovf)
            most_ovf = st.overflow_buckets;
        gomap_pool_put(p, m);
    }
    size_t start = ta.total_allocs, unexplained = 0;
    for (int i = 0; i < maps; i++) {
        size_t before = ta.total_allocs;
        gomap *m = gomap_pool_get(p, hint);
        fill(m, 100, &rng);
        assert_int_equal(gomap_len(m), 100);
        gomap_stats st = stats_of(m);
        size_t allocs = ta.total_allocs - before;
        size_t more = st.overflow_buckets > most_ovf ? st.overflow_buckets - most_ovf : 0;
        if (allocs > more)
            unexplained += allocs - more;
        if (st.overflow_buckets > most_ovf)
            most_ovf = st.overflow_buckets;
        gomap_pool_put(p, m);
    }
    *total = ta.total_allocs - start;
    gomap_pool_free(p);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
    return unexplained;
}

static void test_small_create_zero_allocs(void **state)
{
    (void)state;
    size_t total = 0;
    assert_int_equal(small_create_allocs(100, 20000, &total), 0);
    assert_true(total <= 2); /* new overflow maxima are rare after warm-up */
    assert_int_equal(small_create_allocs(0, 20000, &total), 0);
    assert_true(total <= 2);
}

/* Keys that all land in two chains, so a map of 100 needs more overflow
 * buckets than its array's spares: the pool must keep the extra ones. */
static uint64_t two_chain_hash(const void *key, uint64_t seed)
{
    (void)seed;
    uint64_t k;
    memcpy(&k, key, sizeof k);
    return (k & 1) | (k << 56);
}

static bool u64_eq(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(uint64_t)) == 0;
}

static void test_overflow_buckets_kept(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options mo = {.allocator = &ta.a};
    gomap_pool_options po = {.map_options = &mo};
    gomap_type t = {
        GOMAP_ELEM(uint64_t), GOMAP_ELEM(uint64_t), two_chain_hash, u64_eq, 0, NULL, NULL};
    gomap_pool *p = gomap_pool_new(&t, &po);
    assert_non_null(p);
    size_t before = 0;
    for (int i = 0; i < 300; i++) {
        if (i == 100)
            before = ta.total_allocs;
        gomap *m = gomap_pool_get(p, 100);
        for (uint64_t k = 0; k < 100; k++)
            *(uint64_t *)gomap_assign(m, &k) = k;
        gomap_stats st = stats_of(m);
        assert_int_equal(st.B, 4);
        assert_false(st.growing);
        assert_true(st.overflow_buckets > 7); /* more than the spares */
        check_map(m);
        for (uint64_t k = 0; k < 100; k++)
            assert_int_equal(*(uint64_t *)gomap_get(m, &k), k);
        gomap_pool_put(p, m);
    }
    assert_int_equal(ta.total_allocs - before, 0);
    gomap_pool_free(p);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

static void test_alloc_failure(void **state)
{
    (void)state;
    gomap_type t = u64_map();
    size_t k;
    for (k = 1;; k++) {
        test_alloc ta;
        test_alloc_init(&ta);
        ta.fail_at = k;
        gomap_options mo = {.allocator = &ta.a};
        gomap_pool_options po = {.map_options = &mo};
        gomap_pool *p;
        while ((p = gomap_pool_new(&t, &po)) == NULL) {
            assert_int_equal(errno, ENOMEM);
            ta.fail_at = 0;
        }
        uint64_t rng = 9;
        for (int round = 0; round < 6; round++) {
            size_t kept = gomap_pool_retained(p);
            gomap *m = gomap_pool_get(p, (size_t)round * 40);
            if (m == NULL) {
                assert_int_equal(errno, ENOMEM);
                assert_int_equal(gomap_pool_retained(p), kept);
                ta.fail_at = 0;
                round--;
                continue;
            }
            for (int i = 0; i < 60; i++) {
                uint64_t *e = gomap_assign_u64(m, test_splitmix64(&rng));
                if (e == NULL) {
                    assert_int_equal(errno, ENOMEM);
                    ta.fail_at = 0;
                    i--;
                }
            }
            gomap_pool_put(p, m);
        }
        gomap_pool_free(p);
        assert_int_equal(ta.live, 0);
        if (ta.failures == 0)
            break;
    }
    assert_true(k > 5);
}

/* ---- Stress ------------------------------------------------------------------------ */

enum { THREADS = 4 };
static gomap_pool *pool;
static _Atomic int failures;

static void *worker(void *arg)
{
    uint64_t rng = (uint64_t)(uintptr_t)arg;
    gomap *held[3] = {NULL, NULL, NULL};
    for (int r = 0; r < STRESS_ROUNDS; r++) {
        uint64_t x = test_splitmix64(&rng);
        size_t hint = (size_t)(x % 4) * 30;
        int slot = (int)((x >> 8) % 3);
        if (held[slot] != NULL) {
            gomap_pool_put(pool, held[slot]);
            held[slot] = NULL;
        }
        gomap *m = gomap_pool_get(pool, hint);
        if (m == NULL || gomap_len(m) != 0 || gomap_check(m) != NULL) {
            atomic_fetch_add(&failures, 1);
            continue;
        }
        gomap_stats st;
        gomap_stats_get(m, &st);
        if (hint > 8 && st.buckets * 13 / 2 < hint)
            atomic_fetch_add(&failures, 1);
        uint64_t n = (x >> 16) % 120;
        for (uint64_t i = 0; i < n; i++)
            *(uint64_t *)gomap_assign_u64(m, test_splitmix64(&rng)) = i;
        if (gomap_len(m) != n)
            atomic_fetch_add(&failures, 1);
        held[slot] = m;
        if ((x >> 40) % 500 == 0)
            gomap_pool_trim(pool);
    }
    for (int i = 0; i < 3; i++)
        gomap_pool_put(pool, held[i]);
    return NULL;
}

static void test_stress(void **state)
{
    (void)state;
    gomap_type t = u64_map();
    gomap_pool_options o = {.slots = 2, .per_slot = 2, .shared = 4};
    pool = gomap_pool_new(&t, &o); /* fewer slots than threads: slots are shared */
    assert_non_null(pool);
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, worker, (void *)(uintptr_t)(i + 1)), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(atomic_load(&failures), 0);
    gomap_pool_free(pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_put),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_small_create_zero_allocs),
        cmocka_unit_test(test_overflow_buckets_kept),
        cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_stress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
