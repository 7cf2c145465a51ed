/* SPDX-License-Identifier: BSD-3-Clause */
/* gomap_reserve, gomap_shrink and GOMAP_AUTO_SHRINK:
 *  - reserve: no growth starts before the map holds n (empty, filled,
 *    growing maps; a no-op below the count or the current size);
 *  - shrink: empty maps, sparse maps of several sizes, during a growth, the
 *    new B and the bytes, gomap_check at every step, the number of writes
 *    a shrink lasts after mass deletion;
 *  - iterators across a shrink that starts or ends while they run, and
 *    ones that start during a shrink or a multi-level reserve growth, with
 *    inserts, overwrites and deletes between steps: every entry present
 *    throughout returned exactly once, deleted ones not, current elems;
 *  - NaN keys (f64 and a GOMAP_KEY_NOT_REFLEXIVE type) surviving a shrink
 *    with a live iterator; same-seed maps iterating in the same order;
 *  - GOMAP_AUTO_SHRINK: the trigger, none while an iterator is live, and no
 *    thrashing when inserts and deletes alternate around the thresholds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/gomap.h>
#include <gomap/stats.h>

#include "test_util.h"

static gomap_stats_detail detail_of(const gomap *m)
{
    gomap_stats_detail d;
    gomap_stats_detailed(m, &d);
    return d;
}

static gomap *new_u64(unsigned flags, size_t hint, uint64_t seed)
{
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_options o = {NULL, seed, flags | (seed != 0 ? GOMAP_FIXED_SEED : 0)};
    gomap *m = gomap_new_with(&t, hint, &o);
    assert_non_null(m);
    return m;
}

static void put(gomap *m, uint64_t k, uint64_t v)
{
    uint64_t *e = gomap_assign_u64(m, k);
    assert_non_null(e);
    *e = v;
}

/* Every key i < n with i % keep_mod == 0 maps to i; the map holds no more. */
static void expect_contents(const gomap *m, size_t n, size_t keep_mod)
{
    size_t want = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t *e = gomap_get_u64(m, test_u64_key(i));
        if (i % keep_mod == 0) {
            assert_non_null(e);
            assert_int_equal(*e, i);
            want++;
        } else {
            assert_null(e);
        }
    }
    assert_int_equal(gomap_len(m), want);
}

/* Writes (overwrites of key 0's entry, which every test keeps) until no
 * evacuation is under way, checking the map (at every step while it is
 * small); returns how many it took. */
static size_t writes_until_done(gomap *m, size_t limit)
{
    size_t n = 0;
    while (stats_of(m).growing) {
        put(m, test_u64_key(0), 0);
        if (stats_of(m).old_buckets <= 1024 || n % 64 == 0)
            check_map(m);
        assert_true(++n <= limit);
    }
    return n;
}

/* ---- reserve --------------------------------------------------------------- */

static void reserve_then_fill(size_t start, size_t n)
{
    gomap *m = new_u64(0, 0, 0);
    test_fill_u64(m, 0, start);
    assert_true(gomap_reserve(m, n));
    check_map(m);
    writes_until_done(m, n);
    gomap_stats_detail before = detail_of(m);
    assert_true(before.base.count == start || start == 0);
    for (size_t i = start; i < n; i++) {
        uint64_t *e = gomap_assign_u64(m, test_u64_key(i));
        assert_non_null(e);
        *e = i;
        if (i % 4096 == 0)
            check_map(m);
    }
    gomap_stats_detail after = detail_of(m);
    assert_int_equal(after.grow_doublings, before.grow_doublings);
    assert_int_equal(after.base.B, before.base.B);
    assert_false(after.base.growing);
    expect_contents(m, n, 1);
    check_map(m);
    gomap_free(m);
}

static void reserve_no_growth(void **state)
{
    (void)state;
    size_t sizes[] = {9, 100, 1000, 27000, 100000};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        reserve_then_fill(0, sizes[i]);
        reserve_then_fill(sizes[i] / 10, sizes[i]);
        reserve_then_fill(5, sizes[i]);
    }
    /* Below the count or the current size: no-op. */
    gomap *m = new_u64(0, 1000, 0);
    test_fill_u64(m, 0, 500);
    gomap_stats st = stats_of(m);
    assert_true(gomap_reserve(m, 10));
    assert_true(gomap_reserve(m, 1000));
    assert_int_equal(stats_of(m).B, st.B);
    assert_int_equal(stats_of(m).bytes, st.bytes);
    assert_false(stats_of(m).growing);
    gomap_free(m);
}

/* Reserve during a growth finishes it first; during a shrink as well. */
static void reserve_while_growing(void **state)
{
    (void)state;
    gomap *m = new_u64(0, 0, 0);
    size_t n = 0;
    while (stats_of(m).B < 8 || !stats_of(m).growing) {
        put(m, test_u64_key(n), n);
        n++;
    }
    assert_true(gomap_reserve(m, 50000));
    check_map(m);
    writes_until_done(m, 100000);
    gomap_stats_detail d = detail_of(m);
    for (size_t i = n; i < 50000; i++)
        put(m, test_u64_key(i), i);
    assert_int_equal(detail_of(m).grow_doublings, d.grow_doublings);
    expect_contents(m, 50000, 1);
    /* during a shrink */
    for (size_t i = 1; i < 50000; i++)
        assert_true(gomap_delete_u64(m, test_u64_key(i)));
    assert_true(gomap_shrink(m));
    assert_true(stats_of(m).growing);
    assert_true(gomap_reserve(m, 3000));
    check_map(m);
    writes_until_done(m, 100000);
    d = detail_of(m);
    for (size_t i = 1; i < 3000; i++)
        put(m, test_u64_key(i), i);
    assert_int_equal(detail_of(m).grow_doublings, d.grow_doublings);
    expect_contents(m, 3000, 1);
    gomap_free(m);
}

/* ---- shrink ---------------------------------------------------------------- */

static void shrink_empty(void **state)
{
    (void)state;
    gomap *m = new_u64(0, 0, 0);
    assert_true(gomap_shrink(m)); /* no buckets yet */
    check_map(m);
    gomap_free(m);

    m = new_u64(0, 100000, 0); /* an array of its own, not in the header's block */
    size_t bytes = stats_of(m).bytes;
    assert_true(gomap_shrink(m));
    check_map(m);
    assert_int_equal(stats_of(m).buckets, 0);
    assert_true(stats_of(m).bytes < bytes);
    test_fill_u64(m, 0, 100);
    expect_contents(m, 100, 1);
    /* emptied by deletes, with heap overflow buckets and during a growth */
    for (size_t i = 0; i < 100; i++)
        assert_true(gomap_delete_u64(m, test_u64_key(i)));
    assert_true(gomap_shrink(m));
    check_map(m);
    assert_int_equal(stats_of(m).buckets, 0);
    assert_int_equal(detail_of(m).shrinks, 2);
    size_t n = 0;
    while (stats_of(m).B < 10 || !stats_of(m).growing) {
        put(m, test_u64_key(n), n);
        n++;
    }
    for (size_t i = 0; i < n; i++)
        assert_true(gomap_delete_u64(m, test_u64_key(i)));
    assert_true(gomap_shrink(m));
    check_map(m);
    assert_false(stats_of(m).growing);
    assert_int_equal(stats_of(m).buckets, 0);
    test_fill_u64(m, 0, 10);
    expect_contents(m, 10, 1);
    gomap_free(m);
}

/* n keys, all but every keep-th deleted, then a shrink and writes until it
 * ends, with gomap_check at every step. */
static void shrink_sparse(size_t n, size_t keep)
{
    gomap *m = new_u64(0, 0, 0);
    test_fill_u64(m, 0, n);
    writes_until_done(m, n);
    for (size_t i = 0; i < n; i++)
        if (i % keep != 0)
            assert_true(gomap_delete_u64(m, test_u64_key(i)));
    gomap_stats before = stats_of(m);
    assert_true(gomap_shrink(m));
    check_map(m);
    gomap_stats st = stats_of(m);
    size_t count = gomap_len(m);
    unsigned want_B = 0;
    while (count > 8 && count * 2 > 13 * ((size_t)1 << want_B))
        want_B++;
    /* from more than 8 buckets an incremental shrink stops at 2 */
    if (want_B == 0 && before.buckets > 8 && count > 0)
        want_B = 1;
    if (count == 0)
        assert_int_equal(st.buckets, 0);
    else
        assert_int_equal(st.B, want_B < before.B ? want_B : before.B);
    if (st.growing) {
        /* both arrays are counted while shrinking */
        assert_true(st.bytes > before.bytes);
        expect_contents(m, n, keep);
    }
    size_t writes = writes_until_done(m, st.old_buckets);
    (void)writes;
    expect_contents(m, n, keep);
    assert_true(stats_of(m).bytes < before.bytes || st.B == before.B);
    /* the map goes on working: grow it back and shrink it again */
    test_fill_u64(m, n, n + 2000);
    for (size_t i = n; i < n + 2000; i++)
        assert_true(gomap_delete_u64(m, test_u64_key(i)));
    assert_true(gomap_shrink(m));
    writes_until_done(m, SIZE_MAX);
    expect_contents(m, n, keep);
    gomap_free(m);
}

static void shrink_sizes(void **state)
{
    (void)state;
    size_t ns[] = {20, 100, 1000, 20000, 60000};
    size_t keeps[] = {1, 2, 7, 100, 5000, 1000000};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        for (size_t j = 0; j < sizeof keeps / sizeof keeps[0]; j++)
            shrink_sparse(ns[i], keeps[j]);
}

/* After mass deletion a shrink passes over empty old chains: it ends
 * within a few writes per 1024 old buckets. */
static void shrink_write_count(void **state)
{
    (void)state;
    size_t n = test_under_valgrind() ? 30000 : 300000;
    gomap *m = new_u64(0, 0, 0);
    test_fill_u64(m, 0, n);
    while (stats_of(m).growing)
        put(m, test_u64_key(0), 0);
    for (size_t i = 10; i < n; i++)
        assert_true(gomap_delete_u64(m, test_u64_key(i)));
    size_t old = stats_of(m).buckets;
    assert_true(gomap_shrink(m));
    assert_int_equal(stats_of(m).B, 1);
    size_t writes = 0;
    while (stats_of(m).growing) {
        put(m, test_u64_key(writes % 10), writes % 10);
        writes++;
    }
    /* every write passes over up to 1024 empty chains and moves two */
    assert_true(writes <= old / 1024 + 12);
    for (size_t i = 0; i < 10; i++)
        assert_non_null(gomap_get_u64(m, test_u64_key(i)));
    check_map(m);
    assert_true(stats_of(m).bytes < 10000);
    gomap_free(m);
}

/* A shrink requested during a doubling finishes it first. */
static void shrink_during_growth(void **state)
{
    (void)state;
    for (unsigned B = 3; B <= 12; B += 3) {
        gomap *m = new_u64(0, 0, 0);
        size_t n = 0;
        while (stats_of(m).B < B || !stats_of(m).growing) {
            put(m, test_u64_key(n), n);
            n++;
        }
        unsigned grown = stats_of(m).B;
        for (size_t i = 1; i < n; i += 2)
            assert_true(gomap_delete_u64(m, test_u64_key(i)));
        assert_true(gomap_shrink(m));
        check_map(m);
        writes_until_done(m, SIZE_MAX);
        for (size_t i = 0; i < n; i++) {
            uint64_t *e = gomap_get_u64(m, test_u64_key(i));
            if (i % 2 == 1) {
                assert_null(e);
            } else {
                assert_non_null(e);
                assert_int_equal(*e, i);
            }
        }
        assert_true(stats_of(m).B < grown);
        gomap_free(m);
    }
}

/* ---- iteration -------------------------------------------------------------- */

/* The reference model of the keys 0..nkeys-1: present or not and current
 * value; per iteration, whether present since the start without a delete
 * and how often returned. */
typedef struct model {
    size_t n;
    bool *present, *stable, *deleted;
    uint64_t *value;
    unsigned *seen;
} model;

static model model_new(size_t n)
{
    model md = {
        n, calloc(n, 1), calloc(n, 1), calloc(n, 1), calloc(n, 8), calloc(n, sizeof(unsigned))};
    assert_true(md.present && md.stable && md.deleted && md.value && md.seen);
    return md;
}

static void model_free(model *md)
{
    free(md->present);
    free(md->stable);
    free(md->deleted);
    free(md->value);
    free(md->seen);
}

static void m_put(gomap *m, model *md, size_t i, uint64_t v)
{
    put(m, test_u64_key(i), v);
    md->present[i] = true;
    md->value[i] = v;
}

static void m_del(gomap *m, model *md, size_t i)
{
    assert_int_equal(gomap_delete_u64(m, test_u64_key(i)), md->present[i]);
    md->present[i] = false;
    md->stable[i] = false;
    md->deleted[i] = true;
}

static void iter_begin(gomap_iter *it, gomap *m, model *md)
{
    gomap_iter_init(it, m);
    for (size_t i = 0; i < md->n; i++) {
        md->stable[i] = md->present[i];
        md->deleted[i] = false;
        md->seen[i] = 0;
    }
}

/* Key id from a returned key (keys are test_u64_key(i)). */
static size_t id_of(const void *k)
{
    uint64_t v;
    memcpy(&v, k, 8);
    return (size_t)((v - 1) * UINT64_C(0xf1de83e19937733d)); /* inverse of the multiplier */
}

static bool iter_step(gomap_iter *it, model *md)
{
    if (!gomap_iter_next(it))
        return false;
    size_t i = id_of(it->key);
    assert_true(i < md->n);
    assert_true(md->present[i]);
    assert_int_equal(++md->seen[i], 1);
    assert_int_equal(*(const uint64_t *)it->elem, md->value[i]);
    return true;
}

static void iter_end(model *md)
{
    for (size_t i = 0; i < md->n; i++)
        if (md->stable[i] && md->seen[i] != 1)
            fail_msg("key %zu present throughout was returned %u times", i, md->seen[i]);
}

/* One run: n keys, most deleted; the iterator starts before the shrink
 * (start_before) or after it; between steps random writes (overwrites,
 * new keys, deletes), which also move the shrink on and may end it. */
static void iter_across_shrink(size_t n, bool start_before, uint64_t seed, unsigned flags)
{
    model md = model_new(2 * n);
    gomap *m = new_u64(flags, 0, seed);
    uint64_t rng = seed;
    for (size_t i = 0; i < n; i++)
        m_put(m, &md, i, i);
    while (stats_of(m).growing)
        m_put(m, &md, 0, 0);
    gomap_iter it;
    if (start_before) {
        iter_begin(&it, m, &md);
        for (size_t k = 0; k < n / 50 && iter_step(&it, &md); k++)
            ;
    }
    for (size_t i = 0; i < n; i++)
        if (test_splitmix64(&rng) % 16 != 0)
            m_del(m, &md, i);
    assert_true(gomap_shrink(m));
    check_map(m);
    for (size_t k = 0; k < 3; k++)
        m_put(m, &md, n + k, k);
    if (!start_before) {
        /* past 8 old buckets the shrink is incremental: the iterator starts
         * while it is under way */
        if (n >= 300)
            assert_true(stats_of(m).growing);
        iter_begin(&it, m, &md);
    }
    size_t steps = 0;
    for (;;) {
        uint64_t r = test_splitmix64(&rng);
        size_t i = (size_t)(r >> 8) % (2 * n);
        switch (r % 8) {
        case 0: m_del(m, &md, i); break;
        case 1:
        case 2: m_put(m, &md, i, r >> 20); break;
        default: /* overwrite an existing key */
            if (md.present[i % n])
                m_put(m, &md, i % n, r >> 24);
        }
        if (steps++ % (n > 5000 ? 1024 : 64) == 0)
            check_map(m);
        if (!iter_step(&it, &md))
            break;
    }
    iter_end(&md);
    check_map(m);
    gomap_free(m);
    model_free(&md);
}

static void iterators_across_shrink(void **state)
{
    (void)state;
    size_t ns[] = {40, 300, 3000, 20000};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
        for (uint64_t seed = 1; seed <= (ns[i] > 5000 ? 2u : 6u); seed++) {
            iter_across_shrink(ns[i], true, seed, 0);
            iter_across_shrink(ns[i], false, seed, 0);
        }
}

/* An iterator that starts during a shrink and pauses while writes end the
 * shrink and a growth starts from its array: every entry once. */
static void iterator_started_during_shrink(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 4; seed++) {
        size_t n = 5000;
        model md = model_new(4 * n);
        gomap *m = new_u64(0, 0, seed);
        for (size_t i = 0; i < n; i++)
            m_put(m, &md, i, i);
        while (stats_of(m).growing)
            m_put(m, &md, 0, 0);
        for (size_t i = 0; i < n; i += 3) /* keep 2/3: B drops by one */
            m_del(m, &md, i);
        for (size_t i = 0; i < n; i++)
            if (i % 3 != 0 && i % 7 != 0)
                m_del(m, &md, i);
        assert_true(gomap_shrink(m));
        gomap_iter it;
        iter_begin(&it, m, &md);
        for (size_t k = 0; k < 20; k++)
            assert_true(iter_step(&it, &md));
        /* end the shrink, then grow twice with new keys */
        while (stats_of(m).growing)
            m_put(m, &md, 1, 1);
        for (size_t i = n; i < 4 * n; i++) {
            m_put(m, &md, i, i);
            if (i % 97 == 0)
                iter_step(&it, &md);
        }
        while (iter_step(&it, &md))
            ;
        iter_end(&md);
        check_map(m);
        gomap_free(m);
        model_free(&md);
    }
}

/* An iterator that starts during a growth by several levels (reserve). */
static void iterator_during_reserve_growth(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 4; seed++) {
        size_t n = 3000;
        model md = model_new(2 * n);
        gomap *m = new_u64(0, 0, seed);
        for (size_t i = 0; i < n; i++)
            m_put(m, &md, i, i);
        while (stats_of(m).growing)
            m_put(m, &md, 0, 0);
        assert_true(gomap_reserve(m, 200000));
        assert_true(stats_of(m).growing);
        check_map(m);
        gomap_iter it;
        iter_begin(&it, m, &md);
        uint64_t rng = seed;
        for (size_t step = 0;; step++) {
            uint64_t r = test_splitmix64(&rng);
            size_t i = (size_t)(r >> 8) % (2 * n);
            if (r % 4 == 0)
                m_del(m, &md, i);
            else
                m_put(m, &md, i, r >> 16);
            if (step % 128 == 0)
                check_map(m);
            if (!iter_step(&it, &md))
                break;
        }
        iter_end(&md);
        gomap_free(m);
        model_free(&md);
    }
}

/* ---- NaN keys ------------------------------------------------------------- */

typedef struct nk {
    double d;
    uint32_t tag;
} nk;

static uint64_t nk_hash(const void *k, uint64_t seed)
{
    nk v;
    memcpy(&v, k, sizeof v);
    if (v.d != v.d)
        return gomap_hash_u64(test_splitmix64(&seed) ^ (uint64_t)rand(), seed);
    uint64_t bits;
    memcpy(&bits, &v.d, sizeof bits);
    return gomap_hash_u64(bits ^ ((uint64_t)v.tag << 32), seed);
}

static bool nk_equal(const void *a, const void *b)
{
    nk x, y;
    memcpy(&x, a, sizeof x);
    memcpy(&y, b, sizeof y);
    return x.d == y.d && x.tag == y.tag;
}

/* NaN entries survive a shrink, with an iterator started before it: each
 * is returned once, and every one is still there afterwards. */
static void nan_keys_survive(void **state)
{
    (void)state;
    for (int kind = 0; kind < 2; kind++) {
        gomap_type t = gomap_type_f64(GOMAP_ELEM(uint64_t));
        if (kind == 1) {
            gomap_type u = {sizeof(nk), _Alignof(nk), GOMAP_ELEM(uint64_t),
                            nk_hash,    nk_equal,     GOMAP_KEY_NOT_REFLEXIVE,
                            NULL,       NULL};
            t = u;
        }
        gomap *m = gomap_new(&t, 0);
        assert_non_null(m);
        size_t n = 2000, nans = 40;
        for (size_t i = 0; i < n + nans; i++) {
            nk k = {i < n ? (double)i : NAN, (uint32_t)i};
            uint64_t *e = gomap_assign(m, &k);
            assert_non_null(e);
            *e = i;
        }
        gomap_iter it;
        gomap_iter_init(&it, m);
        unsigned *seen = calloc(n + nans, sizeof *seen);
        assert_non_null(seen);
        for (size_t k = 0; k < 100; k++) {
            assert_true(gomap_iter_next(&it));
            seen[*(const uint64_t *)it.elem]++;
        }
        for (size_t i = 10; i < n; i++) {
            nk k = {(double)i, (uint32_t)i};
            gomap_delete(m, &k);
        }
        assert_true(gomap_shrink(m));
        check_map(m);
        assert_false(stats_of(m).growing); /* not reflexive: done within the call */
        assert_int_equal(gomap_len(m), 10 + nans);
        while (gomap_iter_next(&it))
            seen[*(const uint64_t *)it.elem]++;
        for (size_t i = 0; i < n + nans; i++) {
            if (i < 10 || i >= n)
                assert_int_equal(seen[i], 1);
            else
                assert_true(seen[i] <= 1);
        }
        memset(seen, 0, (n + nans) * sizeof *seen);
        size_t total = 0;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it); total++)
            seen[*(const uint64_t *)it.elem]++;
        assert_int_equal(total, 10 + nans);
        for (size_t i = n; i < n + nans; i++)
            assert_int_equal(seen[i], 1);
        free(seen);
        gomap_free(m);
    }
}

/* Two maps with the same fixed seed and the same operations (a shrink
 * included) iterate in the same order. */
static void same_seed_same_order(void **state)
{
    (void)state;
    gomap *a = new_u64(0, 0, 77), *b = new_u64(0, 0, 77);
    gomap *maps[2] = {a, b};
    for (int j = 0; j < 2; j++) {
        test_fill_u64(maps[j], 0, 5000);
        for (size_t i = 0; i < 5000; i++)
            if (i % 9 != 0)
                gomap_delete_u64(maps[j], test_u64_key(i));
        assert_true(gomap_shrink(maps[j]));
        for (size_t i = 0; i < 20; i++)
            put(maps[j], test_u64_key(i * 9), i);
    }
    gomap_iter ia, ib;
    gomap_iter_init(&ia, a);
    gomap_iter_init(&ib, b);
    size_t n = 0;
    for (;;) {
        bool ra = gomap_iter_next(&ia), rb = gomap_iter_next(&ib);
        assert_int_equal(ra, rb);
        if (!ra)
            break;
        assert_memory_equal(ia.key, ib.key, 8);
        n++;
    }
    assert_int_equal(n, gomap_len(a));
    gomap_free(a);
    gomap_free(b);
}

/* ---- GOMAP_AUTO_SHRINK -------------------------------------------------------- */

/* A GOMAP_AUTO_SHRINK map holding keys 0..n-1, its growth finished; *B
 * its B and *threshold the count at which a delete starts a shrink (1/8
 * of what the array holds at load factor 6.5). */
static gomap *auto_shrink_map(size_t n, unsigned *B, size_t *threshold)
{
    gomap *m = new_u64(GOMAP_AUTO_SHRINK, 0, 0);
    test_fill_u64(m, 0, n);
    while (stats_of(m).growing)
        put(m, test_u64_key(0), 0);
    *B = stats_of(m).B;
    *threshold = 13 * ((size_t)1 << *B) / 2 / 8;
    return m;
}

static void auto_shrink_trigger(void **state)
{
    (void)state;
    size_t n = 100000, threshold;
    unsigned B;
    gomap *m = auto_shrink_map(n, &B, &threshold);
    size_t i = n;
    while (gomap_len(m) > threshold + 1) {
        assert_true(gomap_delete_u64(m, test_u64_key(--i)));
        assert_false(stats_of(m).growing);
    }
    assert_int_equal(detail_of(m).shrinks, 0);
    /* not while an iterator is live */
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_true(gomap_delete_u64(m, test_u64_key(--i)));
    assert_int_equal(detail_of(m).shrinks, 0);
    gomap_iter_done(&it);
    assert_true(gomap_delete_u64(m, test_u64_key(--i)));
    assert_int_equal(detail_of(m).shrinks, 1);
    check_map(m);
    assert_true(stats_of(m).B < B);
    /* delete everything: further shrinks as the count falls */
    while (i > 0) {
        assert_true(gomap_delete_u64(m, test_u64_key(--i)));
        if (i % 256 == 0)
            check_map(m);
    }
    check_map(m);
    assert_true(detail_of(m).shrinks >= 2);
    assert_true(stats_of(m).bytes < 2000);
    gomap_free(m);
}

/* Inserts and deletes alternating around the shrink threshold, and around
 * the growth threshold after a shrink: a bounded number of growths and
 * shrinks. */
static void auto_shrink_no_thrash(void **state)
{
    (void)state;
    size_t n = 20000, threshold;
    unsigned B;
    gomap *m = auto_shrink_map(n, &B, &threshold);
    size_t i = n;
    while (gomap_len(m) > threshold + 3)
        assert_true(gomap_delete_u64(m, test_u64_key(--i)));
    gomap_stats_detail d0 = detail_of(m);
    for (size_t round = 0; round < 20000; round++) {
        /* two down, two up around the threshold */
        if (round % 4 < 2)
            assert_true(gomap_delete_u64(m, test_u64_key(--i)));
        else
            put(m, test_u64_key(i++), 0);
    }
    gomap_stats_detail d1 = detail_of(m);
    size_t events = (d1.shrinks - d0.shrinks) + (d1.grow_doublings - d0.grow_doublings);
    assert_true(events <= 2);
    /* now around the growth threshold of the shrunk array */
    while (stats_of(m).growing)
        put(m, test_u64_key(0), 0);
    unsigned b = stats_of(m).B;
    size_t limit = 13 * ((size_t)1 << b) / 2;
    while (gomap_len(m) < limit - 2)
        put(m, test_u64_key(i++), 0);
    d0 = detail_of(m);
    for (size_t round = 0; round < 20000; round++) {
        if (round % 8 < 4)
            put(m, test_u64_key(i++), 0);
        else
            assert_true(gomap_delete_u64(m, test_u64_key(--i)));
    }
    d1 = detail_of(m);
    events = (d1.shrinks - d0.shrinks) + (d1.grow_doublings - d0.grow_doublings);
    assert_true(events <= 2);
    check_map(m);
    gomap_free(m);
}

/* Identity hash: key k is in bucket k & mask, with no seed. */
static uint64_t id_hash(const void *k, uint64_t seed)
{
    (void)seed;
    uint64_t v;
    memcpy(&v, k, sizeof v);
    return v;
}

static bool id_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(uint64_t)) == 0;
}

static void put_id(gomap *m, uint64_t k, uint64_t v)
{
    uint64_t *e = gomap_assign(m, &k);
    assert_non_null(e);
    *e = v;
}

/* An iterator that started during a shrink reads a new bucket on behalf of
 * one old chain. Deletes free cells there that the walk has queued, and the
 * evacuation of the bucket's other old chain refills them: those entries
 * belong to the other index and are returned there, each entry once. Old
 * B 5 to new B 4: new bucket j takes old chains j and j + 16, three keys
 * each (k, k + 32, k + 64). */
static void shrink_refilled_cells(void **state)
{
    (void)state;
    gomap_type t = {8, 8, GOMAP_ELEM(uint64_t), id_hash, id_equal, 0, NULL, NULL};
    for (uint64_t seed = 1; seed <= 32; seed++) {
        gomap_options o = {NULL, seed, GOMAP_FIXED_SEED};
        gomap *m = gomap_new_with(&t, 0, &o);
        assert_non_null(m);
        bool present[128] = {0}, stable[128] = {0};
        unsigned seen[128] = {0};
        for (uint64_t k = 0; k < 128; k++)
            put_id(m, k, k), present[k] = true;
        while (stats_of(m).growing)
            put_id(m, 0, 0);
        assert_int_equal(stats_of(m).B, 5);
        for (uint64_t k = 96; k < 128; k++)
            assert_true(gomap_delete(m, &k)), present[k] = false;
        assert_true(gomap_shrink(m));
        assert_int_equal(stats_of(m).B, 4);
        for (uint64_t k = 0; k < 8; k++) /* evacuate some chains */
            put_id(m, k, k), put_id(m, k + 16, k + 16);
        assert_true(stats_of(m).growing);
        memcpy(stable, present, sizeof stable);
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            uint64_t k;
            memcpy(&k, it.key, 8);
            assert_true(k < 128 && present[k]);
            assert_int_equal(++seen[k], 1);
            assert_int_equal(*(const uint64_t *)it.elem, k);
            /* delete what this index still holds, then rewrite the keys
             * of the other chain of the same new bucket */
            uint64_t idx = k & 31;
            for (uint64_t d = idx; d < 128; d += 32)
                if (present[d] && seen[d] == 0) {
                    assert_true(gomap_delete(m, &d));
                    present[d] = stable[d] = false;
                }
            for (uint64_t w = idx ^ 16; w < 128; w += 32)
                if (present[w])
                    put_id(m, w, w);
        }
        for (size_t k = 0; k < 128; k++)
            if (stable[k] && seen[k] != 1)
                fail_msg("seed %u: key %zu present throughout returned %u times", (unsigned)seed, k,
                         seen[k]);
        check_map(m);
        gomap_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reserve_no_growth),
        cmocka_unit_test(reserve_while_growing),
        cmocka_unit_test(shrink_empty),
        cmocka_unit_test(shrink_sizes),
        cmocka_unit_test(shrink_write_count),
        cmocka_unit_test(shrink_during_growth),
        cmocka_unit_test(iterators_across_shrink),
        cmocka_unit_test(iterator_started_during_shrink),
        cmocka_unit_test(iterator_during_reserve_growth),
        cmocka_unit_test(shrink_refilled_cells),
        cmocka_unit_test(nan_keys_survive),
        cmocka_unit_test(same_seed_same_order),
        cmocka_unit_test(auto_shrink_trigger),
        cmocka_unit_test(auto_shrink_no_thrash),
    };
    const char *only = getenv("TEST_ONLY");
    if (only != NULL)
        cmocka_set_test_filter(only);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
