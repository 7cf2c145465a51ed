/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_sync_stress.c - gomap_sync under many threads, checked against
 * per-key histories.
 *
 * Keys 0..KEYS-1 each have one writer (key % THREADS). The writer stores
 * strictly increasing values (or deletes), publishing each value's number
 * in written[k] before the operation, so:
 *  - the writer knows the exact state of its keys: every load, swap,
 *    load_or_store, compare-and-swap/delete and load_and_delete it does
 *    must return exactly what its own history says (a linearizable map
 *    cannot answer anything else: no other thread writes the key);
 *  - every other thread may see a key absent or with a value, but values
 *    it sees for a key never go backwards, and are ones that were stored
 *    (<= written[k] read after the load);
 *  - Range visits no key twice and obeys the same rules.
 * Frequent deletes and re-adds keep the map promoting, rebuilding its dirty
 * map, expunging and reviving entries. A last phase races load_or_store on
 * fresh keys: all threads must agree on one winner.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/sync.h>

#include "test_util.h"

#ifndef STRESS_OPS
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define STRESS_OPS 300000
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define STRESS_OPS 300000
#endif
#endif
#endif
#ifndef STRESS_OPS
#define STRESS_OPS 1000000
#endif

enum { THREADS = 4, KEYS = 96, RACE_KEYS = 200 };

#define V(x) ((void *)(uintptr_t)(x))

static gomap_sync *map;
static _Atomic uint64_t written[KEYS];
static pthread_barrier_t start;
static _Atomic int failures;
static char failure_msg[256];

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            if (atomic_fetch_add(&failures, 1) == 0)                                               \
                snprintf(failure_msg, sizeof failure_msg, __VA_ARGS__);                            \
            return NULL;                                                                           \
        }                                                                                          \
    } while (0)

typedef struct worker {
    int id;
    uint64_t seen[KEYS]; /* largest value seen per key */
    uint64_t mine[KEYS]; /* for owned keys: current value, 0 = absent */
    uint64_t next;       /* next value to write */
    void *race_result[RACE_KEYS];
    bool race_stored[RACE_KEYS];
} worker;

typedef struct range_ctx {
    worker *w;
    bool visited[KEYS];
    bool bad;
    char msg[128];
} range_ctx;

static bool check_other(worker *w, uint64_t k, uint64_t v)
{
    uint64_t max = atomic_load(&written[k]);
    if (v > max || v < w->seen[k])
        return false;
    w->seen[k] = v;
    return true;
}

static bool range_fn(const void *key, void *value, void *ctx)
{
    range_ctx *r = ctx;
    uint64_t k;
    memcpy(&k, key, sizeof k);
    if (k >= KEYS)
        return true;
    if (r->visited[k]) {
        r->bad = true;
        snprintf(r->msg, sizeof r->msg, "range visited key %llu twice", (unsigned long long)k);
        return false;
    }
    r->visited[k] = true;
    uint64_t v = (uint64_t)(uintptr_t)value;
    if ((int)(k % THREADS) == r->w->id) {
        if (v != r->w->mine[k]) {
            r->bad = true;
            snprintf(r->msg, sizeof r->msg, "range: own key %llu has %llu, expected %llu",
                     (unsigned long long)k, (unsigned long long)v,
                     (unsigned long long)r->w->mine[k]);
            return false;
        }
    } else if (!check_other(r->w, k, v)) {
        r->bad = true;
        snprintf(r->msg, sizeof r->msg, "range: key %llu went back or unseen value",
                 (unsigned long long)k);
        return false;
    }
    return true;
}

/* A new value for owned key k, published before it is written. */
static uint64_t fresh(worker *w, uint64_t k)
{
    uint64_t v = ++w->next * THREADS + (uint64_t)w->id + 1;
    atomic_store(&written[k], v);
    return v;
}

static void *run(void *arg)
{
    worker *w = arg;
    uint64_t rng = 1000 + (uint64_t)w->id;
    pthread_barrier_wait(&start);
    for (int op = 0; op < STRESS_OPS; op++) {
        uint64_t r = test_splitmix64(&rng);
        uint64_t k = r % KEYS;
        bool own = (int)(k % THREADS) == w->id;
        unsigned what = (unsigned)(r >> 32) % 100;
        void *out = NULL;
        bool loaded = false;
        if (!own || what < 40) {
            if (what == 99 && !own) {
                range_ctx *rc = calloc(1, sizeof *rc);
                rc->w = w;
                gomap_sync_range(map, range_fn, rc);
                bool bad = rc->bad;
                char msg[128];
                memcpy(msg, rc->msg, sizeof msg);
                free(rc);
                CHECK(!bad, "%s", msg);
                continue;
            }
            bool ok = gomap_sync_load(map, &k, &out);
            if (own) {
                CHECK(ok == (w->mine[k] != 0), "own load presence key %llu", (unsigned long long)k);
                CHECK(!ok || (uint64_t)(uintptr_t)out == w->mine[k], "own load value");
            } else if (ok) {
                CHECK(check_other(w, k, (uint64_t)(uintptr_t)out),
                      "key %llu: value %llu went back or was never stored", (unsigned long long)k,
                      (unsigned long long)(uintptr_t)out);
            }
            continue;
        }
        uint64_t cur = w->mine[k];
        if (what < 55) {
            uint64_t v = fresh(w, k);
            CHECK(gomap_sync_store(map, &k, V(v)) == 0, "store failed");
            w->mine[k] = v;
        } else if (what < 65) {
            uint64_t v = fresh(w, k);
            CHECK(gomap_sync_swap(map, &k, V(v), &out, &loaded) == 0, "swap failed");
            CHECK(loaded == (cur != 0) && (!loaded || (uint64_t)(uintptr_t)out == cur),
                  "swap previous");
            w->mine[k] = v;
        } else if (what < 72) {
            uint64_t v = cur != 0 ? cur : fresh(w, k);
            CHECK(gomap_sync_load_or_store(map, &k, V(v), &out, &loaded) == 0, "los failed");
            CHECK(loaded == (cur != 0) && (uint64_t)(uintptr_t)out == v, "load_or_store");
            w->mine[k] = v;
        } else if (what < 80) {
            uint64_t v = fresh(w, k);
            bool ok = gomap_sync_compare_and_swap(map, &k, V(cur), V(v));
            CHECK(ok == (cur != 0), "compare_and_swap on own key");
            if (ok)
                w->mine[k] = v;
        } else if (what < 88) {
            bool ok = gomap_sync_load_and_delete(map, &k, &out);
            CHECK(ok == (cur != 0) && (!ok || (uint64_t)(uintptr_t)out == cur), "load_and_delete");
            w->mine[k] = 0;
        } else if (what < 94) {
            bool ok = gomap_sync_compare_and_delete(map, &k, V(cur));
            CHECK(ok == (cur != 0), "compare_and_delete");
            w->mine[k] = 0;
        } else {
            gomap_sync_delete(map, &k);
            w->mine[k] = 0;
        }
    }
    /* Race on fresh keys: one load_or_store wins each. */
    pthread_barrier_wait(&start);
    for (uint64_t i = 0; i < RACE_KEYS; i++) {
        uint64_t k = 1000000 + i;
        void *out = NULL;
        bool loaded = true;
        CHECK(gomap_sync_load_or_store(map, &k, V(w->id + 1), &out, &loaded) == 0, "race los");
        w->race_result[i] = out;
        w->race_stored[i] = !loaded;
    }
    return NULL;
}

static void test_stress(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(0, 1);
    map = gomap_sync_new(&t);
    assert_non_null(map);
    pthread_barrier_init(&start, NULL, THREADS);
    static worker ws[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        memset(&ws[i], 0, sizeof ws[i]);
        ws[i].id = i;
        assert_int_equal(pthread_create(&th[i], NULL, run, &ws[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    if (atomic_load(&failures) != 0)
        fail_msg("%d failure(s); first: %s", atomic_load(&failures), failure_msg);
    /* Final state: exactly the owners' view. */
    size_t live = 0;
    for (uint64_t k = 0; k < KEYS; k++) {
        uint64_t want = ws[k % THREADS].mine[k];
        void *v = NULL;
        bool ok = gomap_sync_load(map, &k, &v);
        assert_int_equal(ok, want != 0);
        if (ok)
            assert_int_equal((uint64_t)(uintptr_t)v, want);
        live += want != 0;
    }
    for (int i = 0; i < RACE_KEYS; i++) {
        int winners = 0;
        for (int j = 0; j < THREADS; j++) {
            winners += ws[j].race_stored[i];
            assert_ptr_equal(ws[j].race_result[i], ws[0].race_result[i]);
        }
        assert_int_equal(winners, 1);
    }
    assert_int_equal(gomap_sync_len(map), live + RACE_KEYS);
    pthread_barrier_destroy(&start);
    gomap_sync_free(map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_stress)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
