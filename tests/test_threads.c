/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_threads.c - the concurrency gomap allows: any number of threads
 * reading one map at once (lookups, iteration, clone, len, stats, check),
 * and maps used by different threads independently. Meant to be clean under
 * ThreadSanitizer (make test-tsan), which checks that these reads really are
 * reads: iterator starts and the per-map random stream are the shared state
 * they touch, and both are atomic.
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

#include "test_util.h"

enum { NREADERS = 4, NKEYS = 3000, ROUNDS = 20 };

typedef struct shared {
    gomap *u64;
    gomap *str;
    char (*names)[16];
    atomic_int failures;
    atomic_int ready;
    int phase;
} shared;

typedef struct reader_arg {
    shared *sh;
    int id;
} reader_arg;

static void *reader(void *p)
{
    reader_arg *ra = p;
    shared *sh = ra->sh;
    atomic_fetch_add(&sh->ready, 1);
    while (atomic_load(&sh->ready) < NREADERS) {
    }
    int bad = 0;
    for (int round = 0; round < ROUNDS; round++) {
        switch ((round + ra->id) % 4) {
        case 0:
            for (uint64_t k = 0; k < 2 * NKEYS; k++) {
                uint64_t *e = gomap_get_u64(sh->u64, k);
                if ((k < NKEYS) != (e != NULL) || (e != NULL && *e != k * 3 + (uint64_t)sh->phase))
                    bad++;
            }
            break;
        case 1: {
            size_t n = 0;
            gomap_iter it;
            for (gomap_iter_init(&it, sh->u64); gomap_iter_next(&it);) {
                uint64_t k, v;
                memcpy(&k, it.key, sizeof k);
                memcpy(&v, it.elem, sizeof v);
                bad += v != k * 3 + (uint64_t)sh->phase;
                n++;
                if (n == NKEYS / 2 && ra->id % 2) {
                    gomap_iter_done(&it); /* leave early */
                    n = NKEYS;
                    break;
                }
            }
            bad += n != NKEYS;
            break;
        }
        case 2: {
            gomap *c = gomap_clone(sh->u64);
            bad += c == NULL || gomap_len(c) != NKEYS || gomap_check(c) != NULL;
            gomap_free(c);
            gomap_stats st;
            gomap_stats_get(sh->u64, &st);
            bad += st.count != NKEYS;
            break;
        }
        default:
            for (size_t i = 0; i < NKEYS; i++) {
                uint64_t *e = gomap_get_str(sh->str, sh->names[i], strlen(sh->names[i]));
                bad += e == NULL || *e != i;
            }
            bad += gomap_check(sh->str) != NULL;
            break;
        }
    }
    atomic_fetch_add(&sh->failures, bad);
    return NULL;
}

static void run_readers(shared *sh)
{
    pthread_t th[NREADERS];
    reader_arg args[NREADERS];
    atomic_store(&sh->ready, 0);
    for (int i = 0; i < NREADERS; i++) {
        args[i] = (reader_arg){sh, i};
        assert_int_equal(pthread_create(&th[i], NULL, reader, &args[i]), 0);
    }
    for (int i = 0; i < NREADERS; i++)
        pthread_join(th[i], NULL);
}

static void concurrent_readers(void **state)
{
    (void)state;
    static shared sh;
    sh.names = calloc(NKEYS, sizeof *sh.names);
    assert_non_null(sh.names);
    gomap_type tu = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_type ts = gomap_type_str(GOMAP_ELEM(uint64_t));
    sh.u64 = gomap_new(&tu, 0);
    sh.str = gomap_new(&ts, 0);
    for (uint64_t k = 0; k < NKEYS; k++) {
        *(uint64_t *)gomap_assign_u64(sh.u64, k) = k * 3;
        snprintf(sh.names[k], sizeof sh.names[k], "name-%llu", (unsigned long long)k);
        *(uint64_t *)gomap_assign_str(sh.str, sh.names[k], strlen(sh.names[k])) = k;
    }
    for (sh.phase = 0; sh.phase < 3; sh.phase++) {
        if (sh.phase > 0) {
            /* one writer between the reading phases (threads joined) */
            for (uint64_t k = 0; k < NKEYS; k++)
                *(uint64_t *)gomap_assign_u64(sh.u64, k) = k * 3 + (uint64_t)sh.phase;
        }
        run_readers(&sh);
        assert_int_equal(atomic_load(&sh.failures), 0);
    }
    gomap_free(sh.u64);
    gomap_free(sh.str);
    free(sh.names);
}

/* Each thread owns its maps: nothing is shared but the library's globals. */
static void *own_maps(void *p)
{
    atomic_int *bad = p;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    for (int round = 0; round < 5; round++) {
        gomap *m = gomap_new(&t, 0);
        for (uint64_t k = 0; k < 5000; k++)
            *(uint64_t *)gomap_assign_u64(m, k) = k;
        for (uint64_t k = 0; k < 5000; k += 2)
            gomap_delete_u64(m, k);
        size_t n = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
            n++;
        if (n != 2500 || gomap_check(m) != NULL)
            atomic_fetch_add(bad, 1);
        gomap_clear(m);
        gomap_free(m);
    }
    return NULL;
}

static void independent_maps(void **state)
{
    (void)state;
    atomic_int bad = 0;
    pthread_t th[NREADERS];
    for (int i = 0; i < NREADERS; i++)
        assert_int_equal(pthread_create(&th[i], NULL, own_maps, &bad), 0);
    for (int i = 0; i < NREADERS; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(atomic_load(&bad), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(concurrent_readers),
        cmocka_unit_test(independent_maps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
