/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_snapshot.c - gomap_snapshot: publication, edit/commit/abort, replace,
 * allocation failure (every failing call reports ENOMEM and publishes
 * nothing; nothing leaks), and a stress test: two writers publish versions
 * in which every key holds the version number while readers check that a
 * map they hold never changes, never mixes versions, that versions only go
 * forward, and iterate the shared map concurrently.
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

#include <gomap/snapshot.h>

#include "test_util.h"

#ifndef STRESS_ROUNDS
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define STRESS_ROUNDS 1000
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define STRESS_ROUNDS 1000
#endif
#endif
#endif
#ifndef STRESS_ROUNDS
#define STRESS_ROUNDS 3000
#endif

static uint64_t get_u64(const gomap *m, uint64_t k, bool *found)
{
    uint64_t *e = gomap_get_u64(m, k);
    *found = e != NULL;
    return e != NULL ? *e : 0;
}

static void test_basic(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_snapshot *s = gomap_snapshot_new(NULL);
    assert_non_null(s);
    const gomap *cur = gomap_snapshot_read_begin(s);
    assert_null(cur);
    assert_null(gomap_get_u64(cur, 1)); /* nil map reads */
    gomap_snapshot_read_end(s);

    errno = 0;
    assert_null(gomap_snapshot_edit_begin(s, NULL)); /* nil map, no type */
    assert_int_equal(errno, EINVAL);

    gomap *m = gomap_snapshot_edit_begin(s, &t);
    assert_non_null(m);
    *(uint64_t *)gomap_assign_u64(m, 1) = 10;
    gomap_snapshot_edit_commit(s, m);

    const gomap *held = gomap_snapshot_read_begin(s);
    bool found;
    assert_int_equal(get_u64(held, 1, &found), 10);
    assert_true(found);

    /* A change leaves the held map alone. */
    m = gomap_snapshot_edit_begin(s, NULL);
    assert_non_null(m);
    assert_ptr_not_equal(m, held);
    *(uint64_t *)gomap_assign_u64(m, 1) = 11;
    *(uint64_t *)gomap_assign_u64(m, 2) = 20;
    gomap_snapshot_edit_commit(s, m);
    assert_int_equal(get_u64(held, 1, &found), 10);
    assert_int_equal(gomap_len(held), 1);
    const gomap *now = gomap_snapshot_read_begin(s); /* nested */
    assert_int_equal(get_u64(now, 1, &found), 11);
    assert_int_equal(gomap_len(now), 2);
    gomap_snapshot_read_end(s);
    gomap_snapshot_read_end(s);

    /* Abort publishes nothing. */
    m = gomap_snapshot_edit_begin(s, NULL);
    gomap_delete_u64(m, 1);
    gomap_snapshot_edit_abort(s, m);
    now = gomap_snapshot_read_begin(s);
    assert_int_equal(gomap_len(now), 2);
    gomap_snapshot_read_end(s);

    /* Replace with a map built elsewhere, then with NULL. */
    gomap *other = gomap_new(&t, 0);
    *(uint64_t *)gomap_assign_u64(other, 9) = 90;
    assert_int_equal(gomap_snapshot_replace(s, other), 0);
    now = gomap_snapshot_read_begin(s);
    assert_int_equal(get_u64(now, 9, &found), 90);
    assert_int_equal(gomap_len(now), 1);
    gomap_snapshot_read_end(s);
    assert_int_equal(gomap_snapshot_replace(s, NULL), 0);
    assert_null(gomap_snapshot_read_begin(s));
    gomap_snapshot_read_end(s);
    gomap_snapshot_free(s);
    gomap_snapshot_free(NULL);
}

/* Allocation failure: the k-th allocation fails; every call that fails
 * reports ENOMEM and leaves the published map as it was. */
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

static void disarm(locked_alloc *la)
{
    pthread_mutex_lock(&la->mu);
    la->ta.fail_at = 0;
    pthread_mutex_unlock(&la->mu);
}

static size_t published_len(gomap_snapshot *s)
{
    size_t n = gomap_len(gomap_snapshot_read_begin(s));
    gomap_snapshot_read_end(s);
    return n;
}

static bool af_run(locked_alloc *la)
{
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_options o = {.allocator = &la->a, .seed = 5, .flags = GOMAP_FIXED_SEED};
    gomap *first;
    while ((first = gomap_new_with(&t, 0, &o)) == NULL)
        disarm(la);
    gomap_snapshot *s;
    while ((s = gomap_snapshot_new(first)) == NULL) {
        assert_int_equal(errno, ENOMEM);
        disarm(la);
    }
    for (uint64_t round = 0; round < 30; round++) {
        size_t before = published_len(s);
        gomap *m;
        while ((m = gomap_snapshot_edit_begin(s, NULL)) == NULL) {
            assert_int_equal(errno, ENOMEM);
            assert_int_equal(published_len(s), before);
            disarm(la);
        }
        bool failed = false;
        for (uint64_t k = 0; k < 10; k++) {
            uint64_t *e = gomap_assign_u64(m, round * 10 + k);
            if (e == NULL) {
                assert_int_equal(errno, ENOMEM);
                failed = true;
                break;
            }
            *e = round;
        }
        if (failed) {
            gomap_snapshot_edit_abort(s, m);
            assert_int_equal(published_len(s), before);
            disarm(la);
            round--;
            continue;
        }
        gomap_snapshot_edit_commit(s, m);
        assert_int_equal(published_len(s), before + 10);
    }
    gomap *extra;
    while ((extra = gomap_new_with(&t, 0, &o)) == NULL)
        disarm(la);
    while (gomap_snapshot_replace(s, extra) != 0) {
        assert_int_equal(errno, ENOMEM);
        assert_int_equal(published_len(s), 300);
        disarm(la);
    }
    assert_int_equal(published_len(s), 0);
    gomap_snapshot_free(s);
    pthread_mutex_lock(&la->mu);
    bool saw = la->ta.failures > 0;
    pthread_mutex_unlock(&la->mu);
    return saw;
}

static void test_alloc_failure(void **state)
{
    (void)state;
    size_t k;
    for (k = 1;; k++) {
        locked_alloc la;
        test_alloc_init(&la.ta);
        la.a = (gomap_allocator){la_alloc, la_free, &la};
        pthread_mutex_init(&la.mu, NULL);
        la.ta.fail_at = k;
        bool saw = af_run(&la);
        assert_int_equal(la.ta.live, 0);
        assert_false(la.ta.size_mismatch);
        pthread_mutex_destroy(&la.mu);
        if (!saw)
            break;
    }
    assert_true(k > 30);
}

/* ---- Stress ------------------------------------------------------------------------ */

enum { KEYS = 64, READERS = 3, WRITERS = 2 };

static gomap_snapshot *snap;
static _Atomic int writers_done;
static _Atomic int failures;
static char failure_msg[200];

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            if (atomic_fetch_add(&failures, 1) == 0)                                               \
                snprintf(failure_msg, sizeof failure_msg, __VA_ARGS__);                            \
            return NULL;                                                                           \
        }                                                                                          \
    } while (0)

static void *writer(void *arg)
{
    (void)arg;
    for (int r = 0; r < STRESS_ROUNDS; r++) {
        gomap *m = gomap_snapshot_edit_begin(snap, NULL);
        CHECK(m != NULL, "edit_begin failed");
        uint64_t v = *(uint64_t *)gomap_get_u64(m, 0) + 1;
        for (uint64_t k = 0; k < KEYS; k++)
            *(uint64_t *)gomap_assign_u64(m, k) = v;
        /* A growing key set too, to vary the map's shape. */
        *(uint64_t *)gomap_assign_u64(m, 1000 + v % 500) = v;
        gomap_snapshot_edit_commit(snap, m);
    }
    atomic_fetch_add(&writers_done, 1);
    return NULL;
}

static void *reader(void *arg)
{
    (void)arg;
    uint64_t last = 0;
    while (atomic_load(&writers_done) < WRITERS) {
        const gomap *m = gomap_snapshot_read_begin(snap);
        uint64_t v = *(uint64_t *)gomap_get_u64(m, 0);
        CHECK(v >= last, "version went back: %llu after %llu", (unsigned long long)v,
              (unsigned long long)last);
        last = v;
        for (uint64_t k = 0; k < KEYS; k++)
            CHECK(*(uint64_t *)gomap_get_u64(m, k) == v, "mixed versions in one map");
        size_t n = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, (gomap *)m); gomap_iter_next(&it);) {
            uint64_t k = *(const uint64_t *)it.key;
            CHECK(k >= 1000 || *(uint64_t *)it.elem == v, "iteration saw another version");
            n++;
        }
        CHECK(n == gomap_len(m), "iteration count");
        /* The held map does not change while we hold it. */
        CHECK(*(uint64_t *)gomap_get_u64(m, KEYS - 1) == v, "held map changed");
        gomap_snapshot_read_end(snap);
    }
    return NULL;
}

static void test_stress(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    for (uint64_t k = 0; k < KEYS; k++)
        *(uint64_t *)gomap_assign_u64(m, k) = 0;
    snap = gomap_snapshot_new(m);
    assert_non_null(snap);
    pthread_t th[READERS + WRITERS];
    for (int i = 0; i < READERS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, reader, NULL), 0);
    for (int i = 0; i < WRITERS; i++)
        assert_int_equal(pthread_create(&th[READERS + i], NULL, writer, NULL), 0);
    for (int i = 0; i < READERS + WRITERS; i++)
        pthread_join(th[i], NULL);
    if (atomic_load(&failures) != 0)
        fail_msg("%d failure(s); first: %s", atomic_load(&failures), failure_msg);
    const gomap *last = gomap_snapshot_read_begin(snap);
    assert_int_equal(*(uint64_t *)gomap_get_u64(last, 0), (uint64_t)STRESS_ROUNDS * WRITERS);
    gomap_snapshot_read_end(snap);
    gomap_snapshot_free(snap);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_stress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
