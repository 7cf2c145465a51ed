/* SPDX-License-Identifier: BSD-3-Clause */
/* Behaviours from Go's runtime/map_test.go (Go 1.19), ported to gomap:
 * float keys (+0/-0, NaN), growth while iterating, big items, empty keys and
 * values, single-bucket string maps, iteration order randomization,
 * tombstones, zeroed elems after delete, bogus hints and bucket counts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/gomap.h>

#include "test_util.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static double key_f64(const void *k)
{
    double d;
    memcpy(&d, k, sizeof d);
    return d;
}

static uint64_t key_u64(const void *k)
{
    uint64_t v;
    memcpy(&v, k, sizeof v);
    return v;
}

static int64_t get_i64(const void *e)
{
    int64_t v;
    memcpy(&v, e, sizeof v);
    return v;
}

static void *assign_f64(gomap *m, double d)
{
    void *e = gomap_assign(m, &d);
    assert_non_null(e);
    return e;
}

/* ------------------------------------------------------------------------ */
/* TestNegativeZero                                                         */
/* ------------------------------------------------------------------------ */

static void negative_zero(void **state)
{
    (void)state;
    gomap_type t = gomap_type_f64(GOMAP_ELEM(bool));
    for (int order = 0; order < 2; order++) {
        double first = order == 0 ? 0.0 : -0.0;
        double second = order == 0 ? -0.0 : 0.0;
        gomap *m = gomap_new(&t, 0);
        assert_non_null(m);
        *(bool *)assign_f64(m, first) = true;
        *(bool *)assign_f64(m, second) = true; /* overwrites the entry, and its key */
        assert_int_equal(gomap_len(m), 1);
        gomap_iter it;
        size_t n = 0;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            double k = key_f64(it.key);
            assert_true(k == 0.0);
            if ((signbit(k) != 0) != (signbit(second) != 0))
                fail_msg("order %d: stored key has the sign of the first assignment", order);
            n++;
        }
        assert_int_equal(n, 1);
        /* both zeros find the entry */
        double pz = 0.0, nz = -0.0;
        assert_non_null(gomap_get(m, &pz));
        assert_non_null(gomap_get(m, &nz));
        /* a lookup does not change the stored key */
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
            assert_int_equal(signbit(key_f64(it.key)) != 0, signbit(second) != 0);
        assert_true(gomap_delete(m, order == 0 ? &pz : &nz));
        assert_int_equal(gomap_len(m), 0);
        check_map(m);
        gomap_free(m);
    }

    /* the same in a bigger map (hashed path, B > 0) */
    gomap *m = gomap_new(&t, 1000);
    for (int i = 1; i <= 500; i++)
        assign_f64(m, (double)i);
    assign_f64(m, 0.0);
    assign_f64(m, -0.0);
    assert_int_equal(gomap_len(m), 501);
    size_t zeros = 0;
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        double k = key_f64(it.key);
        if (k == 0.0) {
            assert_true(signbit(k) != 0);
            zeros++;
        }
    }
    assert_int_equal(zeros, 1);
    gomap_free(m);
}

/* ------------------------------------------------------------------------ */
/* Key update on assign (needkeyupdate)                                     */
/* ------------------------------------------------------------------------ */

/* An 8-byte key compared case-insensitively: equal keys with other bytes. */
typedef struct ci_key {
    char c[8];
} ci_key;

static ci_key ci_lower(const void *k)
{
    ci_key v;
    memcpy(&v, k, sizeof v);
    for (int i = 0; i < 8; i++)
        if (v.c[i] >= 'A' && v.c[i] <= 'Z')
            v.c[i] = (char)(v.c[i] - 'A' + 'a');
    return v;
}

static uint64_t ci_hash(const void *k, uint64_t seed)
{
    ci_key v = ci_lower(k);
    return gomap_hash_bytes(&v, sizeof v, seed);
}

static bool ci_equal(const void *a, const void *b)
{
    ci_key x = ci_lower(a), y = ci_lower(b);
    return memcmp(&x, &y, sizeof x) == 0;
}

static void key_update_semantics(void **state)
{
    (void)state;
    for (int flag = 0; flag < 2; flag++) {
        for (int big = 0; big < 2; big++) {
            gomap_type t = {GOMAP_ELEM(ci_key),
                            GOMAP_ELEM(int),
                            ci_hash,
                            ci_equal,
                            flag ? GOMAP_KEY_NEEDS_UPDATE : 0u,
                            NULL,
                            NULL};
            gomap *m = gomap_new(&t, 0);
            assert_non_null(m);
            if (big) /* hashed path with B > 0 */
                for (int i = 0; i < 200; i++) {
                    ci_key f;
                    memset(&f, 0, sizeof f);
                    snprintf(f.c, sizeof f.c, "f%d", i);
                    gomap_assign(m, &f);
                }
            ci_key upper = {{'A', 'B', 'C', 0, 0, 0, 0, 0}},
                   lower = {{'a', 'b', 'c', 0, 0, 0, 0, 0}};
            *(int *)gomap_assign(m, &upper) = 1;
            int *e = gomap_assign(m, &lower);
            assert_int_equal(*e, 1);
            *e = 2;
            assert_int_equal(gomap_len(m), big ? 201 : 1);
            gomap_iter it;
            size_t n = 0;
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                if (!ci_equal(it.key, &upper))
                    continue;
                const ci_key *k = it.key;
                /* with the flag the stored key is the last one assigned */
                assert_int_equal(k->c[0], flag ? 'a' : 'A');
                assert_int_equal(*(int *)it.elem, 2);
                n++;
            }
            assert_int_equal(n, 1);
            check_map(m);
            gomap_free(m);
        }
    }

    /* string keys: an update stores the new data pointer */
    gomap_type ts = gomap_type_str(GOMAP_ELEM(int));
    for (int big = 0; big < 2; big++) {
        gomap *m = gomap_new(&ts, big ? 1000 : 0);
        char a[] = "same-bytes", b[] = "same-bytes";
        *(int *)gomap_assign_str(m, a, sizeof a - 1) = 1;
        int *e = gomap_assign_str(m, b, sizeof b - 1);
        assert_int_equal(*e, 1);
        assert_int_equal(gomap_len(m), 1);
        gomap_iter it;
        gomap_iter_init(&it, m);
        assert_true(gomap_iter_next(&it));
        const gomap_str *k = it.key;
        assert_ptr_equal(k->ptr, b);
        assert_int_equal(k->len, sizeof b - 1);
        gomap_iter_done(&it);
        /* the generic assign does the same */
        gomap_str ga = {a, sizeof a - 1};
        gomap_assign(m, &ga);
        gomap_iter_init(&it, m);
        assert_true(gomap_iter_next(&it));
        assert_ptr_equal(((const gomap_str *)it.key)->ptr, a);
        gomap_iter_done(&it);
        gomap_free(m);
    }
}

/* ------------------------------------------------------------------------ */
/* NaN keys                                                                 */
/* ------------------------------------------------------------------------ */

static void expect_three_nans(gomap *m)
{
    assert_int_equal(gomap_len(m), 3);
    int64_t s = 0;
    size_t n = 0;
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        double k = key_f64(it.key);
        assert_true(isnan(k)); /* "nan disappeared" */
        int64_t v = get_i64(it.elem);
        assert_true(v != 0 && (v & (v - 1)) == 0); /* "value wrong" */
        s |= v;
        n++;
    }
    assert_int_equal(n, 3);
    assert_int_equal(s, 7);
}

static void nan_assignment(void **state)
{
    (void)state;
    gomap_type t = gomap_type_f64(GOMAP_ELEM(int64_t));
    double nan = NAN;

    /* TestMapAssignmentNan: m[nan] = 1; m[nan] = 2; m[nan] = 4 */
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    *(int64_t *)assign_f64(m, nan) = 1;
    *(int64_t *)assign_f64(m, nan) = 2;
    *(int64_t *)assign_f64(m, nan) = 4;
    expect_three_nans(m);

    /* lookups and deletes of NaN find nothing */
    assert_null(gomap_get(m, &nan));
    assert_false(gomap_delete(m, &nan));
    double nnan = -(double)NAN;
    assert_null(gomap_get(m, &nnan));
    assert_false(gomap_delete(m, &nnan));
    assert_int_equal(gomap_len(m), 3);
    check_map(m);

    /* the clone keeps the NaN entries */
    gomap *c = gomap_clone(m);
    assert_non_null(c);
    expect_three_nans(c);
    check_map(c);

    /* clear removes them */
    gomap_clear(m);
    assert_int_equal(gomap_len(m), 0);
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_false(gomap_iter_next(&it));
    check_map(m);
    expect_three_nans(c);
    gomap_free(c);
    gomap_free(m);

    /* TestMapOperatorAssignmentNan: m[nan] += 1; += 2; += 4 */
    m = gomap_new(&t, 0);
    assert_non_null(m);
    int64_t *e;
    e = assign_f64(m, nan);
    *e += 1;
    e = assign_f64(m, nan);
    *e += 2;
    e = assign_f64(m, nan);
    *e += 4;
    expect_three_nans(m);
    gomap_free(m);

    /* many NaNs, mixed with ordinary keys, across growth */
    m = gomap_new(&t, 0);
    for (int64_t i = 0; i < 1000; i++) {
        *(int64_t *)assign_f64(m, nan) = i;
        *(int64_t *)assign_f64(m, (double)i) = -i;
        assert_int_equal(gomap_len(m), (size_t)(2 * (i + 1)));
    }
    check_map(m);
    static unsigned char seen[1000];
    memset(seen, 0, sizeof seen);
    size_t nans = 0, nums = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        double k = key_f64(it.key);
        int64_t v = get_i64(it.elem);
        if (isnan(k)) {
            assert_true(v >= 0 && v < 1000);
            assert_int_equal(seen[v], 0);
            seen[v] = 1;
            nans++;
        } else {
            assert_int_equal(v, -(int64_t)k);
            nums++;
        }
    }
    assert_int_equal(nans, 1000);
    assert_int_equal(nums, 1000);
    for (int64_t i = 0; i < 1000; i++) {
        double k = (double)i;
        assert_true(gomap_delete(m, &k));
    }
    assert_int_equal(gomap_len(m), 1000); /* the NaNs stay */
    assert_false(gomap_delete(m, &nan));
    gomap_clear(m);
    assert_int_equal(gomap_len(m), 0);
    check_map(m);
    gomap_free(m);
}

/* TestGrowWithNaN */
static void grow_with_nan(void **state)
{
    (void)state;
    for (int round = 0; round < 20; round++) {
        gomap_type t = gomap_type_f64(GOMAP_ELEM(int64_t));
        gomap *m = gomap_new(&t, 4);
        assert_non_null(m);
        double nan = NAN;
        *(int64_t *)assign_f64(m, nan) = 1;
        *(int64_t *)assign_f64(m, nan) = 2;
        *(int64_t *)assign_f64(m, nan) += 4;

        int cnt = 0;
        int64_t s = 0;
        bool growflag = true;
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            if (growflag) {
                /* force a resize */
                for (int i = 0; i < 50; i++)
                    *(int64_t *)assign_f64(m, (double)i) = i;
                for (int i = 50; i < 100; i++)
                    *(int64_t *)assign_f64(m, (double)i) += i;
                growflag = false;
            }
            double k = key_f64(it.key);
            if (k != k) {
                cnt++;
                s |= get_i64(it.elem);
            }
        }
        assert_int_equal(cnt, 3); /* NaN keys lost during grow */
        assert_int_equal(s, 7);   /* NaN values lost during grow */
        assert_int_equal(gomap_len(m), 103);
        check_map(m);
        gomap_free(m);
    }
}

/* TestGrowWithNegativeZero: a struct key {float64, int} */
typedef struct float_int {
    double x;
    int64_t y;
} float_int;

static uint64_t float_int_hash(const void *k, uint64_t seed)
{
    float_int v;
    memcpy(&v, k, sizeof v);
    if (v.x == 0)
        v.x = 0.0; /* +0 and -0 hash alike */
    uint64_t h = gomap_hash_bytes(&v.x, sizeof v.x, seed);
    return gomap_hash_bytes(&v.y, sizeof v.y, h);
}

static bool float_int_equal(const void *a, const void *b)
{
    float_int x, y;
    memcpy(&x, a, sizeof x);
    memcpy(&y, b, sizeof y);
    return x.x == y.x && x.y == y.y;
}

static void *assign_fi(gomap *m, double x, int64_t y)
{
    float_int k = {x, y};
    void *e = gomap_assign(m, &k);
    assert_non_null(e);
    return e;
}

static void grow_with_negative_zero(void **state)
{
    (void)state;
    gomap_type t = {GOMAP_ELEM(float_int),
                    GOMAP_ELEM(int64_t),
                    float_int_hash,
                    float_int_equal,
                    GOMAP_KEY_NOT_REFLEXIVE | GOMAP_KEY_NEEDS_UPDATE,
                    NULL,
                    NULL};
    for (int round = 0; round < 20; round++) {
        gomap *m = gomap_new(&t, 4);
        assert_non_null(m);
        *(int64_t *)assign_fi(m, 0.0, 0) = 1;
        *(int64_t *)assign_fi(m, 0.0, 1) += 2;
        *(int64_t *)assign_fi(m, 0.0, 2) += 4;
        *(int64_t *)assign_fi(m, 0.0, 3) = 8;
        bool growflag = true;
        int64_t s = 0;
        int cnt = 0, negcnt = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            float_int k;
            memcpy(&k, it.key, sizeof k);
            int64_t v = get_i64(it.elem);
            if (v == 0)
                continue; /* entries added to grow the table */
            cnt++;
            if (signbit(k.x)) {
                if ((v & 16) == 0)
                    fail_msg("key/value not updated together 1");
                negcnt++;
                s |= v & 15;
            } else {
                if ((v & 16) == 16)
                    fail_msg("key/value not updated together 2");
                s |= v;
            }
            if (growflag) {
                for (int64_t i = 0; i < 100; i++)
                    *(int64_t *)assign_fi(m, 3.0, i) = 0;
                /* change all the entries to negative zero */
                *(int64_t *)assign_fi(m, -0.0, 0) = 1 | 16;
                *(int64_t *)assign_fi(m, -0.0, 1) = 2 | 16;
                *(int64_t *)assign_fi(m, -0.0, 2) = 4 | 16;
                *(int64_t *)assign_fi(m, -0.0, 3) = 8 | 16;
                growflag = false;
            }
        }
        assert_int_equal(s, 15);     /* entry missing */
        assert_int_equal(cnt, 4);    /* wrong number of entries returned */
        assert_int_equal(negcnt, 3); /* update to negzero missed by iteration */
        assert_int_equal(gomap_len(m), 104);
        check_map(m);
        gomap_free(m);
    }
}

/* TestIterGrowAndDelete */
static void iter_grow_and_delete(void **state)
{
    (void)state;
    for (int round = 0; round < 20; round++) {
        gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
        gomap *m = gomap_new(&t, 4);
        assert_non_null(m);
        for (uint64_t i = 0; i < 100; i++)
            *(uint64_t *)gomap_assign_u64(m, i) = i;
        bool growflag = true;
        gomap_iter it;
        size_t n = 0;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            uint64_t k = key_u64(it.key);
            assert_int_equal(*(uint64_t *)it.elem, k);
            if (growflag) {
                for (uint64_t i = 100; i < 1000; i++)
                    *(uint64_t *)gomap_assign_u64(m, i) = i;
                for (uint64_t i = 1; i < 1000; i += 2)
                    gomap_delete_u64(m, i);
                growflag = false;
            } else if (k & 1) {
                fail_msg("odd key %llu returned after its deletion", (unsigned long long)k);
            }
            n++;
        }
        assert_true(n >= 50); /* the even keys below 100 were there all along */
        assert_int_equal(gomap_len(m), 500);
        check_map(m);
        gomap_free(m);
    }
}

/* ------------------------------------------------------------------------ */
/* Big items, huge zero, empty key and value                                */
/* ------------------------------------------------------------------------ */

typedef struct big256 {
    char s[256];
} big256;

static uint64_t big256_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(big256), seed);
}

static bool big256_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(big256)) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static void big_items(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 3);
    gomap_type t = {
        GOMAP_ELEM(big256), GOMAP_ELEM(big256), big256_hash, big256_equal, 0, NULL, NULL};
    gomap *m = gomap_new_with(&t, 4, &o);
    assert_non_null(m);
    big256 key;
    memset(key.s, 'f', sizeof key.s);
    for (int i = 0; i < 100; i++) {
        snprintf(key.s + 37, 16, "string%02d", i);
        big256 *e = gomap_assign(m, &key);
        assert_non_null(e);
        assert_true(all_zero(e, sizeof *e));
        *e = key;
    }
    assert_int_equal(gomap_len(m), 100);
    static char keys[100][16], values[100][16];
    int i = 0;
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        assert_true(i < 100);
        const big256 *k = it.key;
        const big256 *v = it.elem;
        memcpy(keys[i], k->s + 37, 15);
        keys[i][15] = 0;
        memcpy(values[i], v->s + 37, 15);
        values[i][15] = 0;
        assert_memory_equal(k, v, sizeof *k);
        i++;
    }
    assert_int_equal(i, 100);
    qsort(keys, 100, sizeof keys[0], cmp_str);
    qsort(values, 100, sizeof values[0], cmp_str);
    for (i = 0; i < 100; i++) {
        char want[16];
        snprintf(want, sizeof want, "string%02d", i);
        assert_string_equal(keys[i], want);
        assert_string_equal(values[i], want);
    }
    /* lookups with a copy, deletes, growth */
    for (i = 0; i < 100; i++) {
        big256 k;
        memset(k.s, 'f', sizeof k.s);
        snprintf(k.s + 37, 16, "string%02d", i);
        big256 *v = gomap_get(m, &k);
        assert_non_null(v);
        assert_memory_equal(v, &k, sizeof k);
        if (i % 3 == 0)
            assert_true(gomap_delete(m, &k));
    }
    for (i = 100; i < 1000; i++) {
        snprintf(key.s + 37, 16, "string%02d", i);
        *(big256 *)gomap_assign(m, &key) = key;
    }
    assert_int_equal(gomap_len(m), 1000 - 34);
    check_map(m);
    assert_int_equal(stats_of(m).bytes, ta.live_bytes);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

/* TestMapLargeKeyNoPointer / TestMapLargeValNoPointer */
typedef struct arr64 {
    int64_t v[64];
} arr64;

static uint64_t arr64_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(arr64), seed);
}

static bool arr64_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(arr64)) == 0;
}

static void large_key_and_val(void **state)
{
    (void)state;
    gomap_type tk = {
        GOMAP_ELEM(arr64), GOMAP_ELEM(int64_t), arr64_hash, arr64_equal, 0, NULL, NULL};
    gomap *m = gomap_new(&tk, 0);
    assert_non_null(m);
    for (int64_t i = 0; i < 1000; i++) {
        arr64 v;
        for (int j = 0; j < 64; j++)
            v.v[j] = i + j;
        *(int64_t *)gomap_assign(m, &v) = i;
    }
    for (int64_t i = 0; i < 1000; i++) {
        arr64 v;
        for (int j = 0; j < 64; j++)
            v.v[j] = i + j;
        int64_t *e = gomap_get(m, &v);
        assert_non_null(e);
        assert_int_equal(*e, i);
    }
    check_map(m);
    gomap_free(m);

    gomap_type tv = gomap_type_u64(GOMAP_ELEM(arr64));
    m = gomap_new(&tv, 0);
    assert_non_null(m);
    for (int64_t i = 0; i < 1000; i++) {
        arr64 *e = gomap_assign_u64(m, (uint64_t)i);
        assert_non_null(e);
        assert_true(all_zero(e, sizeof *e));
        for (int j = 0; j < 64; j++)
            e->v[j] = i + j;
    }
    for (int64_t i = 0; i < 1000; i++) {
        arr64 *e = gomap_get_u64(m, (uint64_t)i);
        assert_non_null(e);
        for (int j = 0; j < 64; j++)
            assert_int_equal(e->v[j], i + j);
    }
    check_map(m);
    gomap_free(m);
}

/* TestMapHugeZero: a missing key of a 4000-byte elem map reads as absent;
 * a new one reads as all zero (even from an allocator returning garbage). */
typedef struct huge {
    unsigned char b[4000];
} huge;

static void huge_zero(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 8);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(huge));
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    assert_null(gomap_get_u64(m, 0));
    for (uint64_t i = 0; i < 50; i++) {
        huge *e = gomap_assign_u64(m, i);
        assert_non_null(e);
        assert_true(all_zero(e, sizeof *e));
        memset(e, 0xEE, sizeof *e);
    }
    for (uint64_t i = 0; i < 50; i += 2)
        assert_true(gomap_delete_u64(m, i));
    for (uint64_t i = 0; i < 50; i += 2) {
        huge *e = gomap_assign_u64(m, i);
        assert_true(all_zero(e, sizeof *e));
    }
    assert_null(gomap_get_u64(m, 1000));
    check_map(m);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
}

/* TestEmptyKeyAndValue */
static uint64_t empty_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, 0, seed);
}

static bool empty_equal(const void *a, const void *b)
{
    (void)a;
    (void)b;
    return true;
}

static void empty_key_and_value(void **state)
{
    (void)state;
    char dummy = 0;
    gomap_type ta = gomap_type_u64(0, 1);
    gomap_type tb = {0, 1, GOMAP_ELEM(int64_t), empty_hash, empty_equal, 0, NULL, NULL};
    gomap_type tc = {0, 1, 0, 1, empty_hash, empty_equal, 0, NULL, NULL};
    gomap *a = gomap_new(&ta, 4);
    gomap *b = gomap_new(&tb, 4);
    gomap *c = gomap_new(&tc, 4);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_non_null(gomap_assign_u64(a, 0));
    *(int64_t *)gomap_assign(b, &dummy) = 0;
    *(int64_t *)gomap_assign(b, &dummy) = 1;
    assert_non_null(gomap_assign(c, &dummy));
    assert_non_null(gomap_assign(c, &dummy));
    assert_int_equal(gomap_len(a), 1);
    assert_int_equal(gomap_len(b), 1);
    assert_int_equal(gomap_len(c), 1);
    int64_t *v = gomap_get(b, &dummy);
    assert_non_null(v);
    assert_int_equal(*v, 1);
    assert_non_null(gomap_get(c, &dummy));
    gomap_iter it;
    size_t n = 0;
    for (gomap_iter_init(&it, c); gomap_iter_next(&it);)
        n++;
    assert_int_equal(n, 1);
    assert_true(gomap_delete(c, &dummy));
    assert_int_equal(gomap_len(c), 0);
    assert_null(gomap_get(c, &dummy));
    check_map(a);
    check_map(b);
    check_map(c);
    gomap_free(a);
    gomap_free(b);
    gomap_free(c);
}

/* ------------------------------------------------------------------------ */
/* Single-bucket string maps                                                */
/* ------------------------------------------------------------------------ */

typedef struct kv {
    const char *k;
    size_t klen;
    const char *v;
} kv;

static void single_bucket_lookups(const kv *items, size_t n)
{
    gomap_type t = gomap_type_str(GOMAP_ELEM(const char *));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    for (size_t i = 0; i < n; i++) {
        const char **e = gomap_assign_str(m, items[i].k, items[i].klen);
        assert_non_null(e);
        assert_null(*e);
        *e = items[i].v;
    }
    assert_int_equal(gomap_len(m), n);
    assert_int_equal(stats_of(m).B, 0);

    /* testMapLookups: every iterated key finds its value */
    gomap_iter it;
    size_t seen = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        const gomap_str *k = it.key;
        const char **v = gomap_get_str(m, k->ptr, k->len);
        assert_non_null(v);
        assert_ptr_equal(*v, *(const char **)it.elem);
        v = gomap_get(m, k);
        assert_non_null(v);
        assert_ptr_equal(*v, *(const char **)it.elem);
        seen++;
    }
    assert_int_equal(seen, n);

    /* lookups through copies (different pointers, equal bytes) */
    for (size_t i = 0; i < n; i++) {
        char *copy = malloc(items[i].klen + 1);
        assert_non_null(copy);
        memcpy(copy, items[i].k, items[i].klen);
        const char **v = gomap_get_str(m, copy, items[i].klen);
        assert_non_null(v);
        assert_ptr_equal(*v, items[i].v);
        gomap_str gs = {copy, items[i].klen};
        v = gomap_get(m, &gs);
        assert_non_null(v);
        assert_ptr_equal(*v, items[i].v);
        /* change one byte in the middle, at the start, at the end: absent
         * (unless that happens to be another key) */
        for (size_t pos = 0; items[i].klen > 0 && pos < 3; pos++) {
            size_t at = pos == 0 ? items[i].klen / 2 : pos == 1 ? 0 : items[i].klen - 1;
            char saved = copy[at];
            copy[at] = (char)(saved ^ 0x40);
            bool other = false;
            for (size_t j = 0; j < n; j++)
                other |=
                    items[j].klen == items[i].klen && memcmp(items[j].k, copy, items[i].klen) == 0;
            if (!other)
                assert_null(gomap_get_str(m, copy, items[i].klen));
            copy[at] = saved;
        }
        free(copy);
    }
    check_map(m);
    /* delete everything through copies */
    for (size_t i = 0; i < n; i++) {
        char *copy = malloc(items[i].klen + 1);
        assert_non_null(copy);
        memcpy(copy, items[i].k, items[i].klen);
        assert_true(gomap_delete_str(m, copy, items[i].klen));
        assert_null(gomap_get_str(m, items[i].k, items[i].klen));
        free(copy);
    }
    assert_int_equal(gomap_len(m), 0);
    gomap_free(m);
}

static char long_x[129], long_y[129], long_a[65], long_b[65], long_c[65];

static void init_long_keys(void)
{
    memset(long_x, 'x', 128);
    memset(long_y, 'y', 128);
    /* 64-byte keys sharing the first and last 4 bytes, differing inside */
    memset(long_a, 'a', 64);
    memcpy(long_a, "HEAD", 4);
    memcpy(long_a + 60, "TAIL", 4);
    memcpy(long_b, long_a, 64);
    long_b[30] = 'b';
    memcpy(long_c, long_a, 64);
    long_c[31] = 'c';
}

static void single_bucket_string_keys_dup_len(void **state)
{
    (void)state;
    init_long_keys();
    const kv items[] = {
        {"x", 1, "x1val"},         {"xx", 2, "x2val"},
        {"foo", 3, "fooval"},      {"bar", 3, "barval"}, /* same length as "foo" */
        {"xxxx", 4, "x4val"},      {long_x, 128, "longval1"},
        {long_y, 128, "longval2"}, {"", 0, "emptyval"},
    };
    single_bucket_lookups(items, sizeof items / sizeof items[0]);

    /* long keys of equal length whose first and last 4 bytes agree */
    const kv items2[] = {
        {long_a, 64, "a"}, {long_b, 64, "b"}, {"", 0, "e"}, {"abc", 3, "abc"}, {"abd", 3, "abd"},
    };
    single_bucket_lookups(items2, sizeof items2 / sizeof items2[0]);

    /* the lookup of a third such key (two candidates pass the cheap checks) */
    gomap_type t = gomap_type_str(GOMAP_ELEM(int));
    gomap *m = gomap_new(&t, 0);
    *(int *)gomap_assign_str(m, long_a, 64) = 1;
    assert_null(gomap_get_str(m, long_c, 64));
    *(int *)gomap_assign_str(m, long_b, 64) = 2;
    assert_null(gomap_get_str(m, long_c, 64));
    assert_int_equal(*(int *)gomap_get_str(m, long_a, 64), 1);
    assert_int_equal(*(int *)gomap_get_str(m, long_b, 64), 2);
    *(int *)gomap_assign_str(m, long_c, 64) = 3;
    assert_int_equal(gomap_len(m), 3);
    assert_int_equal(*(int *)gomap_get_str(m, long_c, 64), 3);
    assert_true(gomap_delete_str(m, long_a, 64));
    assert_null(gomap_get_str(m, long_a, 64));
    assert_int_equal(*(int *)gomap_get_str(m, long_b, 64), 2);
    assert_int_equal(*(int *)gomap_get_str(m, long_c, 64), 3);
    assert_int_equal(stats_of(m).B, 0);
    check_map(m);
    gomap_free(m);
}

static void single_bucket_string_keys_no_dup_len(void **state)
{
    (void)state;
    init_long_keys();
    const kv items[] = {
        {"x", 1, "x1val"},        {"xx", 2, "x2val"},    {"foo", 3, "fooval"},
        {"xxxx", 4, "x4val"},     {"xxxxx", 5, "x5val"}, {"xxxxxx", 6, "x6val"},
        {long_x, 128, "longval"}, {"", 0, "emptyval"},
    };
    single_bucket_lookups(items, sizeof items / sizeof items[0]);
}

/* ------------------------------------------------------------------------ */
/* TestMapNanGrowIterator                                                   */
/* ------------------------------------------------------------------------ */

static void nan_grow_iterator(void **state)
{
    (void)state;
    for (int round = 0; round < 10; round++) {
        gomap_type t = gomap_type_f64(GOMAP_ELEM(int64_t));
        gomap *m = gomap_new(&t, 0);
        assert_non_null(m);
        double nan = NAN;
        enum { NBUCKETS = 16, NKEYS = NBUCKETS * 13 / 2 };
        for (int64_t i = 0; i < NKEYS; i++)
            *(int64_t *)assign_f64(m, nan) = i;
        assert_int_equal(stats_of(m).B, 4);
        /* trigger a growth */
        *(int64_t *)assign_f64(m, 1.0) = -1;
        double one = 1.0;
        assert_true(gomap_delete(m, &one));
        assert_true(stats_of(m).growing);

        static unsigned char found[NKEYS];
        memset(found, 0, sizeof found);
        size_t nfound = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            int64_t v = get_i64(it.elem);
            assert_true(isnan(key_f64(it.key)));
            if (v != -1) {
                assert_true(v >= 0 && v < NKEYS);
                if (found[v])
                    fail_msg("repeat of value %lld", (long long)v);
                found[v] = 1;
                nfound++;
            }
            if (nfound == NKEYS / 2) {
                /* halfway through, finish the growth */
                for (int i = 0; i < NBUCKETS; i++)
                    gomap_delete(m, &one);
            }
        }
        assert_false(stats_of(m).growing);
        assert_int_equal(nfound, NKEYS); /* missing value */
        check_map(m);
        gomap_free(m);
    }
}

/* The same with a generic key type holding a float: {NaN, i} keys never
 * equal themselves and (as in Go's f64hash) hash randomly on every call. */
static uint64_t nan_counter = 12345;

static uint64_t float_int_nan_hash(const void *k, uint64_t seed)
{
    float_int v;
    memcpy(&v, k, sizeof v);
    if (v.x != v.x) /* NaN: a fresh random hash each time */
        return test_splitmix64(&nan_counter) ^ seed;
    if (v.x == 0)
        v.x = 0.0;
    uint64_t h = gomap_hash_bytes(&v.x, sizeof v.x, seed);
    return gomap_hash_bytes(&v.y, sizeof v.y, h);
}

static void nan_struct_keys_grow_iterator(void **state)
{
    (void)state;
    gomap_type t = {GOMAP_ELEM(float_int),
                    GOMAP_ELEM(int64_t),
                    float_int_nan_hash,
                    float_int_equal,
                    GOMAP_KEY_NOT_REFLEXIVE | GOMAP_KEY_NEEDS_UPDATE,
                    NULL,
                    NULL};
    enum { NKEYS = 300 };
    static unsigned char found[NKEYS];
    for (int round = 0; round < 10; round++) {
        gomap *m = gomap_new(&t, 0);
        assert_non_null(m);
        for (int64_t i = 0; i < NKEYS; i++) {
            float_int k = {NAN, i % 3};
            *(int64_t *)gomap_assign(m, &k) = i;
            float_int r = {(double)i, 0};
            *(int64_t *)gomap_assign(m, &r) = -1;
        }
        assert_int_equal(gomap_len(m), 2 * NKEYS);
        /* start an iteration, then grow a lot while it runs */
        memset(found, 0, sizeof found);
        size_t nfound = 0, steps = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            float_int k;
            memcpy(&k, it.key, sizeof k);
            int64_t v = get_i64(it.elem);
            if (isnan(k.x)) {
                assert_true(v >= 0 && v < NKEYS);
                assert_int_equal(k.y, v % 3);
                if (found[v])
                    fail_msg("NaN entry %lld returned twice", (long long)v);
                found[v] = 1;
                nfound++;
            }
            if (steps++ % 4 == 0)
                for (int64_t j = 0; j < 40; j++) {
                    float_int r = {1e6 + (double)(steps * 40 + (size_t)j), 1};
                    *(int64_t *)gomap_assign(m, &r) = -2;
                }
        }
        assert_int_equal(nfound, NKEYS);
        float_int nk = {NAN, 0};
        assert_null(gomap_get(m, &nk));
        assert_false(gomap_delete(m, &nk));
        check_map(m);
        gomap *c = gomap_clone(m);
        assert_int_equal(gomap_len(c), gomap_len(m));
        check_map(c);
        gomap_clear(m);
        assert_int_equal(gomap_len(m), 0);
        gomap_free(m);
        gomap_free(c);
    }
}

/* Clear removes NaN entries for iterators in flight too (Go 1.21 clear):
 * after the clear, none of the old NaN entries is returned, even from an
 * old array the iterator still walks. */
static void clear_during_iteration_with_nans(void **state)
{
    (void)state;
    gomap_type t = gomap_type_f64(GOMAP_ELEM(int64_t));
    for (int variant = 0; variant < 4; variant++) {
        gomap *m = gomap_new(&t, 0);
        assert_non_null(m);
        double nan = NAN;
        for (int64_t i = 0; i < 40; i++) {
            *(int64_t *)assign_f64(m, nan) = i;
            *(int64_t *)assign_f64(m, (double)i) = 1000 + i;
        }
        gomap_iter it;
        gomap_iter_init(&it, m);
        assert_true(gomap_iter_next(&it));
        /* grow (variant 0, 1: one doubling completed or in progress;
         * 2, 3: several) while the iterator is live */
        int64_t extra = variant < 2 ? 60 : 2000;
        for (int64_t i = 0; i < extra; i++)
            *(int64_t *)assign_f64(m, 1e6 + (double)i) = -5;
        if (variant & 1) {
            /* finish any growth in progress */
            double absent = -1.0;
            for (int i = 0; i < 5000 && stats_of(m).growing; i++)
                gomap_delete(m, &absent);
        }
        gomap_clear(m);
        /* new entries after the clear may be returned, old ones never */
        *(int64_t *)assign_f64(m, nan) = 777;
        *(int64_t *)assign_f64(m, 5e9) = 778;
        size_t newer = 0;
        while (gomap_iter_next(&it)) {
            int64_t v = get_i64(it.elem);
            if (v != 777 && v != 778)
                fail_msg("variant %d: entry with value %lld returned after gomap_clear", variant,
                         (long long)v);
            newer++;
        }
        assert_true(newer <= 2);
        assert_int_equal(gomap_len(m), 2);
        check_map(m);
        gomap_free(m);
    }
}

/* ------------------------------------------------------------------------ */
/* Iteration order                                                          */
/* ------------------------------------------------------------------------ */

static size_t collect_u64(gomap *m, uint64_t *out, size_t cap)
{
    gomap_iter it;
    size_t n = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        assert_true(n < cap);
        out[n++] = key_u64(it.key);
    }
    return n;
}

/* TestMapIterOrder */
static void map_iter_order(void **state)
{
    (void)state;
    static const size_t sizes[] = {3, 7, 9, 15};
    gomap_type t = gomap_type_u64(GOMAP_ELEM(bool));
    for (size_t si = 0; si < 4; si++) {
        size_t n = sizes[si];
        for (int rep = 0; rep < 200; rep++) {
            gomap *m = gomap_new(&t, 0);
            for (uint64_t i = 0; i < n; i++)
                *(bool *)gomap_assign_u64(m, i) = true;
            uint64_t first[16], other[16];
            assert_int_equal(collect_u64(m, first, 16), n);
            bool ok = false;
            for (int try = 0; try < 100 && !ok; try++) {
                assert_int_equal(collect_u64(m, other, 16), n);
                ok = memcmp(first, other, n * sizeof first[0]) != 0;
            }
            if (!ok)
                fail_msg("map with n=%zu elements had a consistent iteration order", n);
            gomap_free(m);
        }
    }
}

/* TestMapSparseIterOrder (issue 8410) */
static void map_sparse_iter_order(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(bool));
    for (int round = 0; round < 10; round++) {
        gomap *m = gomap_new(&t, 0);
        for (uint64_t i = 0; i < 1000; i++)
            *(bool *)gomap_assign_u64(m, i) = true;
        for (uint64_t i = 20; i < 1000; i++)
            assert_true(gomap_delete_u64(m, i));
        uint64_t first[20], other[20];
        assert_int_equal(collect_u64(m, first, 20), 20);
        bool changed = false;
        for (int n = 0; n < 800 && !changed; n++) {
            assert_int_equal(collect_u64(m, other, 20), 20);
            changed = memcmp(first, other, sizeof first) != 0;
        }
        if (!changed)
            fail_msg("constant iteration order on round %d", round);
        gomap_free(m);
    }
}

/* ------------------------------------------------------------------------ */
/* TestMapTombstones                                                        */
/* ------------------------------------------------------------------------ */

static void map_tombstones(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    enum { N = 10000 };
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    for (uint64_t i = 0; i < N; i++)
        *(uint64_t *)gomap_assign_u64(m, i) = i;
    check_map(m);
    for (uint64_t i = 0; i < N; i += 2)
        assert_true(gomap_delete_u64(m, i));
    check_map(m);
    assert_int_equal(gomap_len(m), N / 2);
    for (uint64_t i = N; i < 3 * N / 2; i++)
        *(uint64_t *)gomap_assign_u64(m, i) = i;
    check_map(m);
    assert_int_equal(gomap_len(m), N);
    for (uint64_t i = 0; i < 3 * N / 2; i++)
        gomap_delete_u64(m, i);
    check_map(m);
    assert_int_equal(gomap_len(m), 0);
    gomap_free(m);

    /* insert 1000, delete the odd keys, delete all, reinsert */
    gomap_type ts = gomap_type_str(GOMAP_ELEM(uint64_t));
    static char names[1000][8];
    for (int variant = 0; variant < 2; variant++) {
        m = gomap_new(variant == 0 ? &t : &ts, 0);
        for (uint64_t i = 0; i < 1000; i++) {
            int len = snprintf(names[i], sizeof names[i], "%llu", (unsigned long long)i);
            void *e =
                variant == 0 ? gomap_assign_u64(m, i) : gomap_assign_str(m, names[i], (size_t)len);
            *(uint64_t *)e = i;
        }
        check_map(m);
        for (uint64_t i = 1; i < 1000; i += 2)
            assert_true(variant == 0 ? gomap_delete_u64(m, i)
                                     : gomap_delete_str(m, names[i], strlen(names[i])));
        check_map(m);
        assert_int_equal(gomap_len(m), 500);
        for (uint64_t i = 0; i < 1000; i++)
            assert_int_equal(variant == 0 ? gomap_delete_u64(m, i)
                                          : gomap_delete_str(m, names[i], strlen(names[i])),
                             i % 2 == 0);
        check_map(m);
        assert_int_equal(gomap_len(m), 0);
        for (uint64_t i = 0; i < 1000; i++) {
            void *e = variant == 0 ? gomap_assign_u64(m, i)
                                   : gomap_assign_str(m, names[i], strlen(names[i]));
            assert_non_null(e);
            assert_int_equal(*(uint64_t *)e, 0);
            *(uint64_t *)e = i + 1;
        }
        check_map(m);
        assert_int_equal(gomap_len(m), 1000);
        for (uint64_t i = 0; i < 1000; i++) {
            void *e =
                variant == 0 ? gomap_get_u64(m, i) : gomap_get_str(m, names[i], strlen(names[i]));
            assert_non_null(e);
            assert_int_equal(*(uint64_t *)e, i + 1);
        }
        gomap_free(m);
    }
}

/* ------------------------------------------------------------------------ */
/* TestIncrementAfterDelete* (issue 25936)                                  */
/* ------------------------------------------------------------------------ */

static void increment_after_delete(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 17);

    /* ValueInt / ValueInt64 (u64 keys), ValueInt32 */
    {
        gomap_type t = gomap_type_u64(GOMAP_ELEM(int64_t));
        gomap *m = gomap_new_with(&t, 0, &o);
        *(int64_t *)gomap_assign_u64(m, 12) = 99;
        assert_true(gomap_delete_u64(m, 12));
        (*(int64_t *)gomap_assign_u64(m, 13))++;
        assert_int_equal(*(int64_t *)gomap_get_u64(m, 13), 1);
        gomap_free(m);
    }
    {
        gomap_type t = gomap_type_u64(GOMAP_ELEM(int32_t));
        gomap *m = gomap_new_with(&t, 0, &o);
        *(int32_t *)gomap_assign_u64(m, 12) = 99;
        assert_true(gomap_delete_u64(m, 12));
        (*(int32_t *)gomap_assign_u64(m, 13))++;
        assert_int_equal(*(int32_t *)gomap_get_u64(m, 13), 1);
        gomap_free(m);
    }
    {
        gomap_type t = gomap_type_u32(GOMAP_ELEM(int64_t));
        gomap *m = gomap_new_with(&t, 0, &o);
        *(int64_t *)gomap_assign_u32(m, 12) = 99;
        assert_true(gomap_delete_u32(m, 12));
        (*(int64_t *)gomap_assign_u32(m, 13))++;
        assert_int_equal(*(int64_t *)gomap_get_u32(m, 13), 1);
        gomap_free(m);
    }
    /* generic delete, generic assign */
    {
        gomap_type t = gomap_type_u64(GOMAP_ELEM(int64_t));
        gomap *m = gomap_new_with(&t, 0, &o);
        uint64_t k1 = 12, k2 = 13;
        *(int64_t *)gomap_assign(m, &k1) = 99;
        assert_true(gomap_delete(m, &k1));
        (*(int64_t *)gomap_assign(m, &k2))++;
        assert_int_equal(*(int64_t *)gomap_get(m, &k2), 1);
        gomap_free(m);
    }
    /* KeyStringValueInt */
    {
        gomap_type t = gomap_type_str(GOMAP_ELEM(int64_t));
        gomap *m = gomap_new_with(&t, 0, &o);
        *(int64_t *)gomap_assign_str(m, "", 0) = 99;
        assert_true(gomap_delete_str(m, "", 0));
        *(int64_t *)gomap_assign_str(m, "x", 1) += 1;
        assert_int_equal(*(int64_t *)gomap_get_str(m, "x", 1), 1);
        gomap_free(m);
    }
    /* KeyValueString: the elem is a string header that must start empty */
    {
        gomap_type t = gomap_type_str(GOMAP_ELEM(gomap_str));
        gomap *m = gomap_new_with(&t, 0, &o);
        gomap_str *v = gomap_assign_str(m, "", 0);
        *v = (gomap_str){"99", 2};
        assert_true(gomap_delete_str(m, "", 0));
        v = gomap_assign_str(m, "x", 1);
        assert_null(v->ptr);
        assert_int_equal(v->len, 0);
        gomap_free(m);
    }
    /* AfterBulkClear: the delete-everything loop and gomap_clear */
    for (int how = 0; how < 2; how++) {
        gomap_type t = gomap_type_str(GOMAP_ELEM(int64_t));
        gomap *m = gomap_new_with(&t, 0, &o);
        *(int64_t *)gomap_assign_str(m, "", 0) = 99;
        if (how == 0) {
            gomap_iter it;
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                gomap_str k = *(const gomap_str *)it.key;
                assert_true(gomap_delete(m, &k));
            }
        } else {
            gomap_clear(m);
        }
        (*(int64_t *)gomap_assign_str(m, "x", 1))++;
        assert_int_equal(*(int64_t *)gomap_get_str(m, "x", 1), 1);
        gomap_free(m);
    }
    /* the same with many keys in a grown map, elems from a garbage allocator */
    {
        gomap_type t = gomap_type_u64(GOMAP_ELEM(int64_t));
        gomap *m = gomap_new_with(&t, 0, &o);
        for (uint64_t i = 0; i < 2000; i++)
            *(int64_t *)gomap_assign_u64(m, i) = 99;
        for (uint64_t i = 0; i < 2000; i++)
            assert_true(gomap_delete_u64(m, i));
        for (uint64_t i = 2000; i < 4000; i++)
            assert_int_equal((*(int64_t *)gomap_assign_u64(m, i))++, 0);
        gomap_free(m);
    }
    assert_int_equal(ta.live, 0);
}

/* ------------------------------------------------------------------------ */
/* TestIgnoreBogusMapHint, TestMapBuckets                                   */
/* ------------------------------------------------------------------------ */

static void ignore_bogus_map_hint(void **state)
{
    (void)state;
    const size_t hints[] = {(size_t)-1,      (size_t)1 << 62,   (size_t)-100,     (size_t)1 << 50,
                            (size_t)1 << 44, (size_t)INT64_MAX, (size_t)INT64_MIN};
    gomap_type t = gomap_type_u64(GOMAP_ELEM(int64_t));
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        errno = 0;
        gomap *m = gomap_new(&t, hints[i]);
        if (m == NULL) {
            assert_int_equal(errno, ENOMEM);
            continue;
        }
        assert_int_equal(stats_of(m).B, 0);
        *(int64_t *)gomap_assign_u64(m, 1) = 1;
        assert_int_equal(gomap_len(m), 1);
        gomap_free(m);
    }
}

static void map_buckets(void **state)
{
    (void)state;
    static const struct {
        size_t n, buckets;
    } cases[] = {{0, 0},  {1, 1},  {8, 1},  {9, 2},  {13, 2},
                 {14, 4}, {26, 4}, {27, 8}, {52, 8}, {53, 16}};
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* filled by insertion */
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, i);
        gomap *m = gomap_new_with(&t, 0, &o);
        assert_non_null(m);
        gomap_stats s0 = stats_of(m);
        assert_int_equal(s0.buckets, 0); /* no bucket before the first insert */
        assert_int_equal(s0.bytes, ta.live_bytes);
        size_t bytes0 = s0.bytes;
        for (uint64_t k = 0; k < cases[i].n; k++) {
            *(uint64_t *)gomap_assign_u64(m, k) = k;
            if (k == 0) {
                gomap_stats s1 = stats_of(m);
                assert_int_equal(s1.buckets, 1);
                /* the first insert allocated one bucket: 8 tophash bytes,
                 * 8 keys and 8 elems at least */
                assert_true(s1.bytes >= bytes0 + 8 + 8 * 8 + 8 * 8);
            }
        }
        gomap_stats s = stats_of(m);
        assert_int_equal(s.bytes, ta.live_bytes);
        if (s.buckets != cases[i].buckets)
            fail_msg("n=%zu: %zu buckets, want %zu", cases[i].n, s.buckets, cases[i].buckets);
        gomap_free(m);
        assert_int_equal(ta.live, 0);

        /* made with the hint */
        m = gomap_new(&t, cases[i].n);
        s = stats_of(m);
        if (cases[i].n <= 8)
            assert_int_equal(s.buckets, 0);
        else
            assert_int_equal(s.buckets, cases[i].buckets);
        for (uint64_t k = 0; k < cases[i].n; k++)
            gomap_assign_u64(m, k);
        s = stats_of(m);
        assert_int_equal(s.buckets, cases[i].buckets);
        assert_false(s.growing);
        gomap_free(m);
    }
}

/* A B == 0 map owns only its header until the first insert; with 120-byte
 * elems one bucket is over 1000 bytes, more than the header. */
typedef struct e120 {
    unsigned char b[120];
} e120;

static void small_map_allocates_no_bucket(void **state)
{
    (void)state;
    const size_t bucket_min = 8 + 8 * sizeof(uint64_t) + 8 * sizeof(e120);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(e120));
    for (size_t hint = 0; hint <= 8; hint++) {
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, hint);
        gomap *m = gomap_new_with(&t, hint, &o);
        assert_non_null(m);
        gomap_stats s = stats_of(m);
        assert_int_equal(s.buckets, 0);
        assert_int_equal(s.B, 0);
        assert_true(s.bytes > 0);
        assert_true(s.bytes < bucket_min);
        assert_int_equal(s.bytes, ta.live_bytes);
        /* reads do not allocate */
        assert_null(gomap_get_u64(m, 1));
        assert_false(gomap_delete_u64(m, 1));
        gomap_iter it;
        gomap_iter_init(&it, m);
        assert_false(gomap_iter_next(&it));
        assert_int_equal(stats_of(m).buckets, 0);
        assert_int_equal(ta.live_bytes, s.bytes);
        e120 *e = gomap_assign_u64(m, 1);
        assert_non_null(e);
        assert_true(all_zero(e, sizeof *e));
        gomap_stats s1 = stats_of(m);
        assert_int_equal(s1.buckets, 1);
        assert_true(s1.bytes >= s.bytes + bucket_min);
        assert_int_equal(s1.bytes, ta.live_bytes);
        gomap_free(m);
        assert_int_equal(ta.live, 0);
    }
}

/* ------------------------------------------------------------------------ */
/* Iteration during growth                                                  */
/* ------------------------------------------------------------------------ */

static void iterate_during_growth(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    enum { MAXN = 20000 };
    static unsigned char seen[MAXN];
    for (uint64_t seed = 0; seed < 6; seed++) {
        gomap_options o = {.allocator = NULL, .seed = seed, .flags = GOMAP_FIXED_SEED};
        gomap *m = gomap_new_with(&t, 0, &o);
        assert_non_null(m);
        uint64_t n = 0;
        /* stop right after a growth started (various sizes) */
        uint64_t target = 100u << seed;
        while (n < target || !stats_of(m).growing) {
            *(uint64_t *)gomap_assign_u64(m, n) = n * 3;
            n++;
            assert_true(n < MAXN);
        }
        gomap_stats s = stats_of(m);
        assert_true(s.growing);
        assert_true(s.evacuated < s.old_buckets);
        for (int pass = 0; pass < 3; pass++) {
            memset(seen, 0, sizeof seen);
            gomap_iter it;
            size_t cnt = 0;
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                uint64_t k = key_u64(it.key);
                assert_true(k < n);
                if (seen[k])
                    fail_msg("key %llu returned twice", (unsigned long long)k);
                seen[k] = 1;
                assert_int_equal(*(uint64_t *)it.elem, k * 3);
                cnt++;
            }
            assert_int_equal(cnt, n);
            assert_true(stats_of(m).growing); /* reads do no evacuation work */
        }
        check_map(m);
        gomap_free(m);
    }
}

/* TestConcurrentReadsAfterGrowth: readers may share a map. */
typedef struct reader_arg {
    gomap *m;
    uint64_t n;
    bool ok;
} reader_arg;

static void *reader(void *p)
{
    reader_arg *a = p;
    a->ok = true;
    for (int rep = 0; rep < 4; rep++) {
        for (uint64_t i = 0; i < a->n; i++) {
            uint64_t *e = gomap_get_u64(a->m, i);
            if (e == NULL || *e != i)
                a->ok = false;
        }
        size_t cnt = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, a->m); gomap_iter_next(&it);)
            cnt++;
        if (cnt != a->n)
            a->ok = false;
        gomap_stats s;
        gomap_stats_get(a->m, &s);
        if (s.count != a->n)
            a->ok = false;
    }
    return NULL;
}

static void concurrent_reads_after_growth(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    for (int round = 0; round < 3; round++) {
        gomap *m = gomap_new(&t, 0);
        uint64_t n = 5000;
        for (uint64_t i = 0; i < n; i++)
            *(uint64_t *)gomap_assign_u64(m, i) = i;
        enum { T = 4 };
        pthread_t th[T];
        reader_arg args[T];
        for (int i = 0; i < T; i++) {
            args[i] = (reader_arg){m, n, false};
            assert_int_equal(pthread_create(&th[i], NULL, reader, &args[i]), 0);
        }
        for (int i = 0; i < T; i++) {
            pthread_join(th[i], NULL);
            assert_true(args[i].ok);
        }
        gomap_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(negative_zero),
        cmocka_unit_test(key_update_semantics),
        cmocka_unit_test(nan_assignment),
        cmocka_unit_test(grow_with_nan),
        cmocka_unit_test(grow_with_negative_zero),
        cmocka_unit_test(iter_grow_and_delete),
        cmocka_unit_test(big_items),
        cmocka_unit_test(large_key_and_val),
        cmocka_unit_test(huge_zero),
        cmocka_unit_test(empty_key_and_value),
        cmocka_unit_test(single_bucket_string_keys_dup_len),
        cmocka_unit_test(single_bucket_string_keys_no_dup_len),
        cmocka_unit_test(nan_grow_iterator),
        cmocka_unit_test(nan_struct_keys_grow_iterator),
        cmocka_unit_test(clear_during_iteration_with_nans),
        cmocka_unit_test(map_iter_order),
        cmocka_unit_test(map_sparse_iter_order),
        cmocka_unit_test(map_tombstones),
        cmocka_unit_test(increment_after_delete),
        cmocka_unit_test(ignore_bogus_map_hint),
        cmocka_unit_test(map_buckets),
        cmocka_unit_test(small_map_allocates_no_bucket),
        cmocka_unit_test(iterate_during_growth),
        cmocka_unit_test(concurrent_reads_after_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
