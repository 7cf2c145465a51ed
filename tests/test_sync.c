/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_sync.c - gomap_sync on one thread: Go's sync.Map semantics for every
 * operation (NULL values included), promotion and expunged entries through
 * delete/re-add cycles, Range's guarantees, string keys, and allocation
 * failure: with the k-th allocation failing, k = 1, 2, ..., every operation
 * that can allocate must return ENOMEM and leave the map exactly as it was;
 * nothing may leak once gomap_sync_free returns.
 *
 * The counting allocator is wrapped in a mutex here: the map frees retired
 * memory on liburcu's call_rcu thread.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/sync.h>

#include "test_util.h"

#define V(x) ((void *)(uintptr_t)(x))

/* ---- A thread-safe wrapper around the counting allocator ------------------- */

typedef struct locked_alloc {
    gomap_allocator a;
    test_alloc ta;
    pthread_mutex_t mu;
} locked_alloc;

static void *la_alloc(void *ctx, size_t size, unsigned flags)
{
    locked_alloc *la = ctx;
    pthread_mutex_lock(&la->mu);
    void *p = la->ta.a.alloc(&la->ta, size, flags);
    pthread_mutex_unlock(&la->mu);
    return p;
}

static void la_free(void *ctx, void *ptr, size_t size)
{
    locked_alloc *la = ctx;
    pthread_mutex_lock(&la->mu);
    la->ta.a.free(&la->ta, ptr, size);
    pthread_mutex_unlock(&la->mu);
}

static void la_init(locked_alloc *la)
{
    test_alloc_init(&la->ta);
    la->a.alloc = la_alloc;
    la->a.free = la_free;
    la->a.ctx = la;
    pthread_mutex_init(&la->mu, NULL);
}

static size_t la_live(locked_alloc *la)
{
    pthread_mutex_lock(&la->mu);
    size_t n = la->ta.live;
    pthread_mutex_unlock(&la->mu);
    return n;
}

/* ---- Helpers ------------------------------------------------------------------ */

static gomap_type u64_type(void)
{
    return gomap_type_u64(0, 1);
}

static bool load_u64(gomap_sync *m, uint64_t k, void **v)
{
    return gomap_sync_load(m, &k, v);
}

static int store_u64(gomap_sync *m, uint64_t k, void *v)
{
    return gomap_sync_store(m, &k, v);
}

typedef struct seen {
    uint64_t keys[4096];
    void *vals[4096];
    size_t n;
    size_t stop_after;
} seen;

static bool collect(const void *key, void *value, void *ctx)
{
    seen *s = ctx;
    uint64_t k;
    memcpy(&k, key, sizeof k);
    for (size_t i = 0; i < s->n; i++)
        if (s->keys[i] == k)
            fail_msg("range visited key %llu twice", (unsigned long long)k);
    assert_true(s->n < 4096);
    s->keys[s->n] = k;
    s->vals[s->n] = value;
    s->n++;
    return s->stop_after == 0 || s->n < s->stop_after;
}

/* ---- Semantics ------------------------------------------------------------------ */

static void test_basic_ops(void **state)
{
    (void)state;
    gomap_type t = u64_type();
    gomap_sync *m = gomap_sync_new(&t);
    assert_non_null(m);
    void *v = V(99);
    assert_false(load_u64(m, 1, &v));
    assert_ptr_equal(v, V(99)); /* untouched */
    assert_int_equal(store_u64(m, 1, V(10)), 0);
    assert_true(load_u64(m, 1, &v));
    assert_ptr_equal(v, V(10));
    assert_int_equal(gomap_sync_len(m), 1);

    /* NULL is a value like any other. */
    assert_int_equal(store_u64(m, 2, NULL), 0);
    v = V(5);
    assert_true(load_u64(m, 2, &v));
    assert_null(v);
    assert_int_equal(gomap_sync_len(m), 2);

    uint64_t k = 3;
    void *act = NULL;
    bool loaded = true;
    assert_int_equal(gomap_sync_load_or_store(m, &k, V(30), &act, &loaded), 0);
    assert_false(loaded);
    assert_ptr_equal(act, V(30));
    assert_int_equal(gomap_sync_load_or_store(m, &k, V(31), &act, &loaded), 0);
    assert_true(loaded);
    assert_ptr_equal(act, V(30));

    void *prev = V(1);
    assert_int_equal(gomap_sync_swap(m, &k, V(32), &prev, &loaded), 0);
    assert_true(loaded);
    assert_ptr_equal(prev, V(30));
    k = 4;
    assert_int_equal(gomap_sync_swap(m, &k, V(40), &prev, &loaded), 0);
    assert_false(loaded);
    assert_null(prev);

    k = 3;
    assert_false(gomap_sync_compare_and_swap(m, &k, V(30), V(33)));
    assert_true(gomap_sync_compare_and_swap(m, &k, V(32), V(33)));
    k = 2; /* stored NULL compares equal to NULL */
    assert_true(gomap_sync_compare_and_swap(m, &k, NULL, V(20)));
    k = 77;
    assert_false(gomap_sync_compare_and_swap(m, &k, NULL, V(1)));
    assert_false(load_u64(m, 77, NULL));

    k = 3;
    assert_false(gomap_sync_compare_and_delete(m, &k, V(32)));
    assert_true(gomap_sync_compare_and_delete(m, &k, V(33)));
    assert_false(load_u64(m, 3, NULL));
    assert_int_equal(gomap_sync_len(m), 3);

    k = 4;
    assert_true(gomap_sync_load_and_delete(m, &k, &v));
    assert_ptr_equal(v, V(40));
    assert_false(gomap_sync_load_and_delete(m, &k, &v));
    k = 1;
    gomap_sync_delete(m, &k);
    gomap_sync_delete(m, &k);
    assert_false(load_u64(m, 1, NULL));
    assert_int_equal(gomap_sync_len(m), 1);
    assert_true(load_u64(m, 2, &v));
    assert_ptr_equal(v, V(20));
    gomap_sync_free(m);
    gomap_sync_free(NULL);
}

/* Delete and re-add cycles drive every path: promotion by misses, rebuilt
 * dirty maps that expunge deleted keys, revival of expunged keys. */
static void test_cycles_against_model(void **state)
{
    (void)state;
    enum { N = 300 };
    static long model[N];
    gomap_type t = u64_type();
    gomap_sync *m = gomap_sync_new(&t);
    assert_non_null(m);
    for (size_t i = 0; i < N; i++)
        model[i] = -1;
    uint64_t rng = 7;
    for (int step = 0; step < 60000; step++) {
        uint64_t r = test_splitmix64(&rng);
        uint64_t k = r % N;
        long val = (long)(step + 1);
        void *v;
        bool loaded;
        switch ((r >> 32) % 9) {
        case 0:
        case 1:
        case 2: {
            bool ok = load_u64(m, k, &v);
            assert_int_equal(ok, model[k] >= 0);
            if (ok)
                assert_ptr_equal(v, V(model[k]));
            break;
        }
        case 3:
            assert_int_equal(store_u64(m, k, V(val)), 0);
            model[k] = val;
            break;
        case 4:
            assert_int_equal(gomap_sync_load_or_store(m, &k, V(val), &v, &loaded), 0);
            assert_int_equal(loaded, model[k] >= 0);
            if (!loaded)
                model[k] = val;
            assert_ptr_equal(v, V(model[k]));
            break;
        case 5: {
            bool ok = gomap_sync_load_and_delete(m, &k, &v);
            assert_int_equal(ok, model[k] >= 0);
            if (ok)
                assert_ptr_equal(v, V(model[k]));
            model[k] = -1;
            break;
        }
        case 6:
            assert_int_equal(gomap_sync_swap(m, &k, V(val), &v, &loaded), 0);
            assert_int_equal(loaded, model[k] >= 0);
            if (loaded)
                assert_ptr_equal(v, V(model[k]));
            model[k] = val;
            break;
        case 7: {
            long old = (r >> 40) & 1 ? model[k] : val + 1;
            bool ok = gomap_sync_compare_and_swap(m, &k, V(old), V(val));
            assert_int_equal(ok, model[k] >= 0 && old == model[k]);
            if (ok)
                model[k] = val;
            break;
        }
        default: {
            long old = (r >> 40) & 1 ? model[k] : val + 1;
            bool ok = gomap_sync_compare_and_delete(m, &k, V(old));
            assert_int_equal(ok, model[k] >= 0 && old == model[k]);
            if (ok)
                model[k] = -1;
            break;
        }
        }
        if (step % 5000 == 0) {
            static seen s;
            memset(&s, 0, sizeof s);
            gomap_sync_range(m, collect, &s);
            size_t live = 0;
            for (size_t i = 0; i < N; i++)
                live += model[i] >= 0;
            assert_int_equal(s.n, live);
            assert_int_equal(gomap_sync_len(m), live);
            for (size_t i = 0; i < s.n; i++)
                assert_ptr_equal(s.vals[i], V(model[s.keys[i]]));
        }
    }
    gomap_sync_free(m);
}

typedef struct range_mut {
    gomap_sync *m;
    size_t calls;
} range_mut;

/* fn may call the map: store new keys, delete others. */
static bool mutate_in_range(const void *key, void *value, void *ctx)
{
    range_mut *r = ctx;
    (void)value;
    uint64_t k;
    memcpy(&k, key, sizeof k);
    uint64_t nk = k + 1000;
    assert_int_equal(gomap_sync_store(r->m, &nk, V(1)), 0);
    uint64_t dk = k ^ 1;
    gomap_sync_delete(r->m, &dk);
    r->calls++;
    return true;
}

static void test_range(void **state)
{
    (void)state;
    gomap_type t = u64_type();
    gomap_sync *m = gomap_sync_new(&t);
    static seen s;
    memset(&s, 0, sizeof s);
    gomap_sync_range(m, collect, &s); /* empty */
    assert_int_equal(s.n, 0);
    for (uint64_t k = 0; k < 100; k++)
        assert_int_equal(store_u64(m, k, V(k + 1)), 0);
    memset(&s, 0, sizeof s);
    s.stop_after = 10;
    gomap_sync_range(m, collect, &s);
    assert_int_equal(s.n, 10);
    memset(&s, 0, sizeof s);
    gomap_sync_range(m, collect, &s);
    assert_int_equal(s.n, 100);
    for (size_t i = 0; i < s.n; i++)
        assert_ptr_equal(s.vals[i], V(s.keys[i] + 1));
    range_mut r = {m, 0};
    gomap_sync_range(m, mutate_in_range, &r);
    assert_true(r.calls >= 50 && r.calls <= 100);
    gomap_sync_free(m);
}

static void test_str_keys(void **state)
{
    (void)state;
    gomap_type t = gomap_type_str(0, 1);
    gomap_sync *m = gomap_sync_new(&t);
    assert_non_null(m);
    static char bufs[200][16];
    for (int i = 0; i < 200; i++) {
        snprintf(bufs[i], sizeof bufs[i], "key%d", i);
        gomap_str k = {bufs[i], strlen(bufs[i])};
        assert_int_equal(gomap_sync_store(m, &k, bufs[i]), 0);
    }
    for (int i = 0; i < 200; i++) {
        char tmp[16];
        snprintf(tmp, sizeof tmp, "key%d", i);
        gomap_str k = {tmp, strlen(tmp)};
        void *v = NULL;
        assert_true(gomap_sync_load(m, &k, &v));
        assert_ptr_equal(v, bufs[i]);
    }
    assert_int_equal(gomap_sync_len(m), 200);
    gomap_sync_free(m);
}

/* Keys over 128 bytes live outside the buckets of the internal maps. */
typedef struct big_key {
    uint64_t id;
    char pad[192];
} big_key;

static uint64_t big_hash(const void *key, uint64_t seed)
{
    return gomap_hash_bytes(key, sizeof(big_key), seed);
}

static bool big_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(big_key)) == 0;
}

static void test_big_keys(void **state)
{
    (void)state;
    gomap_type t = {sizeof(big_key), _Alignof(big_key), 0, 1, big_hash, big_equal, 0, NULL, NULL};
    gomap_sync *m = gomap_sync_new(&t);
    assert_non_null(m);
    big_key k;
    memset(&k, 7, sizeof k);
    for (int round = 0; round < 3; round++) {
        for (uint64_t i = 0; i < 300; i++) {
            k.id = i;
            assert_int_equal(gomap_sync_store(m, &k, V(i + round)), 0);
        }
        for (uint64_t i = 0; i < 300; i += 2) {
            k.id = i;
            gomap_sync_delete(m, &k);
        }
        for (uint64_t i = 0; i < 300; i++) {
            k.id = i;
            void *v = NULL;
            bool ok = gomap_sync_load(m, &k, &v);
            assert_int_equal(ok, i % 2 == 1);
            if (ok)
                assert_ptr_equal(v, V(i + round));
        }
    }
    assert_int_equal(gomap_sync_len(m), 150);
    gomap_sync_free(m);
}

static void test_bad_type(void **state)
{
    (void)state;
    gomap_type t = u64_type();
    t.hash = NULL;
    errno = 0;
    assert_null(gomap_sync_new(&t));
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_null(gomap_sync_new(NULL));
    assert_int_equal(errno, EINVAL);
}

/* ---- Allocation failure ---------------------------------------------------------- */

enum { AF_KEYS = 120 };

typedef struct af_state {
    gomap_sync *m;
    long model[AF_KEYS];
} af_state;

static void af_verify(af_state *s)
{
    size_t live = 0;
    for (uint64_t k = 0; k < AF_KEYS; k++) {
        void *v = NULL;
        bool ok = load_u64(s->m, k, &v);
        assert_int_equal(ok, s->model[k] >= 0);
        if (ok)
            assert_ptr_equal(v, V(s->model[k]));
        live += s->model[k] >= 0;
    }
    assert_int_equal(gomap_sync_len(s->m), live);
    static seen sn;
    memset(&sn, 0, sizeof sn);
    gomap_sync_range(s->m, collect, &sn);
    assert_int_equal(sn.n, live);
}

/* One allocating operation; on ENOMEM: check, disarm, repeat. */
static void af_op(af_state *s, locked_alloc *la, int op, uint64_t k, long val)
{
    for (;;) {
        void *v = NULL;
        bool loaded = false;
        errno = 0;
        int err;
        switch (op) {
        case 0: err = store_u64(s->m, k, V(val)); break;
        case 1: err = gomap_sync_load_or_store(s->m, &k, V(val), &v, &loaded); break;
        default: err = gomap_sync_swap(s->m, &k, V(val), &v, &loaded); break;
        }
        if (err == 0) {
            if (op == 1) {
                assert_int_equal(loaded, s->model[k] >= 0);
                if (!loaded)
                    s->model[k] = val;
            } else {
                s->model[k] = val;
            }
            return;
        }
        assert_int_equal(err, ENOMEM);
        assert_int_equal(errno, ENOMEM);
        pthread_mutex_lock(&la->mu);
        la->ta.fail_at = 0;
        pthread_mutex_unlock(&la->mu);
        af_verify(s);
    }
}

static void af_sequence(locked_alloc *la, bool *saw_failure)
{
    gomap_type t = u64_type();
    gomap_options o = {.allocator = &la->a, .seed = 1, .flags = GOMAP_FIXED_SEED};
    af_state *s = calloc(1, sizeof *s);
    for (;;) {
        errno = 0;
        s->m = gomap_sync_new_with(&t, &o);
        if (s->m != NULL)
            break;
        assert_int_equal(errno, ENOMEM);
        *saw_failure = true;
        pthread_mutex_lock(&la->mu);
        la->ta.fail_at = 0;
        pthread_mutex_unlock(&la->mu);
    }
    for (size_t i = 0; i < AF_KEYS; i++)
        s->model[i] = -1;
    uint64_t rng = 3;
    for (int step = 0; step < 1500; step++) {
        uint64_t r = test_splitmix64(&rng);
        uint64_t k = r % AF_KEYS;
        long val = step + 1;
        switch ((r >> 32) % 6) {
        case 0: af_op(s, la, 0, k, val); break;
        case 1: af_op(s, la, 1, k, val); break;
        case 2: af_op(s, la, 2, k, val); break;
        case 3: /* deletes: never allocate */
            gomap_sync_delete(s->m, &k);
            s->model[k] = -1;
            break;
        default: { /* loads (misses drive promotions) */
            void *v;
            bool ok = load_u64(s->m, k, &v);
            assert_int_equal(ok, s->model[k] >= 0);
            break;
        }
        }
    }
    af_verify(s);
    pthread_mutex_lock(&la->mu);
    if (la->ta.failures > 0)
        *saw_failure = true;
    pthread_mutex_unlock(&la->mu);
    gomap_sync_free(s->m);
    free(s);
}

static void test_alloc_failure(void **state)
{
    (void)state;
    size_t k;
    for (k = 1;; k++) {
        locked_alloc la;
        la_init(&la);
        la.ta.fail_at = k;
        bool saw = false;
        af_sequence(&la, &saw);
        assert_int_equal(la_live(&la), 0);
        assert_false(la.ta.size_mismatch);
        pthread_mutex_destroy(&la.mu);
        if (!saw)
            break;
    }
    assert_true(k > 20); /* the sequence did allocate many times */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_ops),     cmocka_unit_test(test_cycles_against_model),
        cmocka_unit_test(test_range),         cmocka_unit_test(test_str_keys),
        cmocka_unit_test(test_big_keys),      cmocka_unit_test(test_bad_type),
        cmocka_unit_test(test_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
