/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_allocfail_ops.c - allocation failure injected into one operation at a
 * time, for every operation that allocates: creation (with and without a
 * hint), the first insert, the insert that starts a growth (small and large
 * arrays), an insert that needs an overflow bucket, writes and deletes that
 * move a growth on, overwrites during a growth, clone (empty, small, with
 * overflow buckets, mid-growth, with NaN keys), writes while iterators pin
 * old memory, inserts after clear, a map in the caller's storage
 * (gomap_init) outgrowing its bucket and being cloned, gomap_shrink and
 * gomap_reserve (empty, small and larger maps, during a growth, under a
 * live iterator) and a delete that starts a GOMAP_AUTO_SHRINK shrink (which
 * must still succeed). Clear itself must never allocate. Every kind, owned
 * string keys included (whose inserts and clones also allocate each new
 * key's copy).
 *
 * Method: each scenario builds its state deterministically (fixed seed, a
 * counting allocator), then runs the operation with the k-th allocation
 * failing, for k = 1, 2, ... until the operation runs without reaching an
 * injected failure. A reference built the same way without any failure
 * gives the expected contents. After a failure: errno is ENOMEM and the map
 * holds exactly its previous contents (every key and elem byte, NaN entries
 * included) with the same shape (B, growth state, overflow buckets) and
 * intact invariants; the retried operation then succeeds. After success the
 * contents equal the reference's. Either way the map stays usable (a
 * follow-up workload gives the reference's contents) and, once freed, every
 * block is returned.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "test_util.h"

enum kind { K_U64, K_STR, K_BIG, K_F64, K_SET, K_OWNED, K_COUNT };
static const char *const kind_name[K_COUNT] = {"u64", "str", "big", "f64", "set", "owned"};

#define BIG_KEY  160
#define BIG_ELEM 144
#define STR_MAX  96
#define NSTR     20000
#define REC_KEY  BIG_KEY
#define REC_ELEM BIG_ELEM
#define NAN_BASE 1000000u /* key numbers from here on are NaN keys (f64) */
#define SEED     0x5EED

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, BIG_KEY, seed);
}

static bool big_equal(const void *a, const void *b)
{
    return memcmp(a, b, BIG_KEY) == 0;
}

static char *str_arena; /* NSTR keys of up to STR_MAX bytes, some with long shared prefixes */

static gomap_type type_of(enum kind k)
{
    switch (k) {
    case K_U64: return gomap_type_u64(GOMAP_ELEM(uint64_t));
    case K_STR: return gomap_type_str(GOMAP_ELEM(uint64_t));
    case K_OWNED: return gomap_type_str_owned(GOMAP_ELEM(uint64_t));
    case K_F64: return gomap_type_f64(GOMAP_ELEM(uint64_t));
    case K_SET: return gomap_type_u64(0, 1);
    default: {
        gomap_type t = {BIG_KEY, 1, BIG_ELEM, 8, big_hash, big_equal, 0, NULL, NULL};
        return t;
    }
    }
}

static size_t elem_size_of(enum kind k)
{
    return k == K_SET ? 0 : k == K_BIG ? BIG_ELEM : sizeof(uint64_t);
}

/* Key number idx as a key object of the kind, in buf. */
static void make_key(enum kind k, size_t idx, void *buf)
{
    switch (k) {
    case K_U64:
    case K_SET: {
        uint64_t v = (uint64_t)idx * 0x9E3779B97F4A7C15ull;
        memcpy(buf, &v, sizeof v);
        break;
    }
    case K_STR:
    case K_OWNED: {
        const char *p = str_arena + (idx % NSTR) * STR_MAX;
        gomap_str s = {p, strlen(p)};
        memcpy(buf, &s, sizeof s);
        break;
    }
    case K_F64: {
        double d;
        if (idx >= NAN_BASE) {
            uint64_t b = 0x7FF8000000000000ull | (idx - NAN_BASE);
            memcpy(&d, &b, sizeof d);
        } else {
            d = idx == 0 ? -0.0 : (double)idx * 0.75;
        }
        memcpy(buf, &d, sizeof d);
        break;
    }
    default: {
        unsigned char *b = buf;
        memset(b, 0x5A, BIG_KEY);
        memcpy(b + BIG_KEY - sizeof idx, &idx, sizeof idx);
        break;
    }
    }
}

/* ------------------------------------------------------------------------ */
/* Contents snapshots: sorted (key bytes, elem bytes) records               */
/* ------------------------------------------------------------------------ */

typedef struct rec {
    unsigned char key[REC_KEY];
    unsigned char elem[REC_ELEM];
} rec;

typedef struct snap {
    rec *r;
    size_t n;
    gomap_stats st;
} snap;

static int rec_cmp(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(rec));
}

static void key_bytes(enum kind k, const void *key, unsigned char *out)
{
    if (k == K_STR || k == K_OWNED) {
        gomap_str s;
        memcpy(&s, key, sizeof s);
        assert_true(s.len < REC_KEY);
        memcpy(out, s.ptr, s.len);
    } else {
        memcpy(out, key, k == K_BIG ? BIG_KEY : sizeof(uint64_t));
    }
}

static snap take_snap(enum kind k, const gomap *m)
{
    snap s = {NULL, 0, stats_of(m)};
    size_t n = gomap_len(m);
    s.r = calloc(n + 1, sizeof(rec));
    assert_non_null(s.r);
    gomap_iter it;
    for (gomap_iter_init(&it, (gomap *)m); gomap_iter_next(&it);) {
        assert_true(s.n < n);
        key_bytes(k, it.key, s.r[s.n].key);
        memcpy(s.r[s.n].elem, it.elem, elem_size_of(k));
        s.n++;
    }
    assert_int_equal(s.n, n);
    qsort(s.r, s.n, sizeof(rec), rec_cmp);
    return s;
}

static void free_snap(snap *s)
{
    free(s->r);
    s->r = NULL;
}

static bool same_contents(const snap *a, const snap *b)
{
    return a->n == b->n && memcmp(a->r, b->r, a->n * sizeof(rec)) == 0;
}

/* A failed operation must not start a growth or link overflow buckets. (A
 * write may move a growth in progress on before it fails: that changes no
 * contents.) */
static bool same_shape(const snap *a, const snap *b)
{
    if (a->st.count != b->st.count || (!a->st.growing && b->st.growing))
        return false;
    return a->st.growing || (!b->st.growing && a->st.B == b->st.B &&
                             a->st.overflow_buckets == b->st.overflow_buckets);
}

/* ------------------------------------------------------------------------ */
/* Scenario context: two maps and an iterator, built the same way twice     */
/* ------------------------------------------------------------------------ */

typedef struct ctx {
    enum kind kind;
    gomap_type t;
    test_alloc ta;
    gomap_options opt;
    gomap *m[2];
    gomap_iter it;
    bool it_live;
    size_t it_produced;
    uint64_t vctr;
    size_t arg; /* scenario parameter (hint, key count, ...) */
    size_t key; /* key of the operation under test */
    /* the caller's storage of a map made with gomap_init */
    _Alignas(max_align_t) unsigned char storage[GOMAP_STORAGE_BYTES(BIG_KEY, BIG_ELEM)];
} ctx;

static void ctx_init(ctx *c, enum kind k, size_t arg)
{
    memset(c, 0, sizeof *c);
    c->kind = k;
    c->t = type_of(k);
    test_alloc_init(&c->ta);
    c->opt = test_alloc_options(&c->ta, SEED);
    c->arg = arg;
}

static void ctx_free(ctx *c)
{
    if (c->it_live)
        gomap_iter_done(&c->it);
    c->it_live = false;
    gomap_free(c->m[0]);
    gomap_free(c->m[1]);
    c->m[0] = c->m[1] = NULL;
    assert_int_equal(c->ta.live, 0);
    assert_int_equal(c->ta.live_bytes, 0);
    assert_false(c->ta.size_mismatch);
}

static void new_map(ctx *c, int s, size_t hint)
{
    c->m[s] = gomap_new_with(&c->t, hint, &c->opt);
    assert_non_null(c->m[s]);
}

/* Inserts key idx into map s, writing a deterministic elem. NULL: failed. */
static void *put(ctx *c, int s, size_t idx)
{
    unsigned char key[BIG_KEY];
    make_key(c->kind, idx, key);
    void *e = gomap_assign(c->m[s], key);
    if (e == NULL)
        return NULL;
    uint64_t v = ++c->vctr * 1000003u + idx;
    size_t n = elem_size_of(c->kind);
    for (size_t i = 0; i < n; i++)
        ((unsigned char *)e)[i] = (unsigned char)(v >> (8 * (i % 8))) ^ (unsigned char)i;
    return e;
}

static void put_ok(ctx *c, int s, size_t idx)
{
    assert_non_null(put(c, s, idx));
}

static bool del(ctx *c, int s, size_t idx)
{
    unsigned char key[BIG_KEY];
    make_key(c->kind, idx, key);
    return gomap_delete(c->m[s], key);
}

static size_t bucket_of(ctx *c, int s, size_t idx)
{
    unsigned char key[BIG_KEY];
    make_key(c->kind, idx, key);
    return (size_t)(hash_key_any(c->m[s], key) & bucket_mask(c->m[s]->B));
}

static bool growing(const gomap *m)
{
    return stats_of(m).growing;
}

/* Inserts keys from *next until map s is growing. */
static void fill_until_growing(ctx *c, int s, size_t *next)
{
    while (!growing(c->m[s]))
        put_ok(c, s, (*next)++);
}

/* Inserts keys from *next while the next insert would not start a growth:
 * leaves map s at its load limit for its current B, not growing. */
static void fill_to_limit(ctx *c, int s, size_t *next)
{
    for (;;) {
        gomap_stats st = stats_of(c->m[s]);
        if (!st.growing && st.buckets > 0 && over_load_factor(st.count + 1, (uint8_t)st.B))
            return;
        put_ok(c, s, (*next)++);
    }
}

/* Follow-up workload: the map keeps working (inserts, overwrites, deletes,
 * a growth or two, a full iteration). */
static void follow_up(ctx *c, int s)
{
    if (c->m[s] == NULL)
        return;
    for (size_t i = 0; i < 300; i++) {
        put_ok(c, s, 50000 + i);
        if (i % 3 == 0)
            put_ok(c, s, 50000 + i / 2);
        if (i % 5 == 0)
            del(c, s, 50000 + i / 3);
    }
    check_map(c->m[s]);
}

/* ------------------------------------------------------------------------ */
/* Scenarios                                                                */
/* ------------------------------------------------------------------------ */

typedef struct scenario {
    const char *name;
    size_t arg;
    void (*setup)(ctx *c);
    /* Runs the operation; false if it reported a failure. Must be
     * repeatable after a failure. */
    bool (*op)(ctx *c);
    int target;    /* the map the operation changes (its contents are compared) */
    bool may_skip; /* the operation need not allocate (small kinds, deletes) */
} scenario;

static void setup_none(ctx *c)
{
    (void)c;
}

static bool op_create(ctx *c)
{
    gomap_free(c->m[0]);
    c->m[0] = gomap_new_with(&c->t, c->arg, &c->opt);
    return c->m[0] != NULL;
}

static bool op_insert_key(ctx *c)
{
    return put(c, 0, c->key) != NULL;
}

static void setup_first_insert(ctx *c)
{
    new_map(c, 0, 0);
    c->key = 7;
}

/* At the load limit of B = arg: the next insert starts a growth. */
static void setup_growth_start(ctx *c)
{
    new_map(c, 0, 0);
    size_t next = 0;
    for (;;) {
        fill_to_limit(c, 0, &next);
        if (stats_of(c->m[0]).B >= c->arg)
            break;
        put_ok(c, 0, next++);
    }
    if (c->kind == K_F64)
        for (size_t i = 0; i < 5; i++) {
            /* NaN entries travel with the growth: replace some entries */
            del(c, 0, i + 1);
            put_ok(c, 0, NAN_BASE + i);
        }
    c->key = next;
}

/* Keys chosen to share bucket 0 until the chain needs a separately allocated
 * overflow bucket: the operation is the insert that needs it. A first pass
 * on a scratch map (same seed, so the same buckets) finds that insert. */
static void setup_overflow(ctx *c)
{
    new_map(c, 0, 100); /* B = 4 */
    size_t idx = 1, stop = 0;
    for (;;) {
        while (bucket_of(c, 0, idx) != 0)
            idx++;
        size_t calls = c->ta.calls;
        put_ok(c, 0, idx);
        assert_false(growing(c->m[0])); /* overflows long before the load limit */
        if (c->ta.calls != calls) {
            stop = idx;
            break;
        }
        idx++;
    }
    gomap_free(c->m[0]);
    new_map(c, 0, 100);
    for (idx = 1; idx < stop; idx++)
        if (bucket_of(c, 0, idx) == 0)
            put_ok(c, 0, idx);
    c->key = stop;
}

/* A growth in progress: arg writes after it started. */
static void setup_mid_growth(ctx *c)
{
    new_map(c, 0, 0);
    size_t next = 0;
    while (stats_of(c->m[0]).B < 5)
        put_ok(c, 0, next++);
    fill_to_limit(c, 0, &next);
    fill_until_growing(c, 0, &next);
    for (size_t i = 0; i < c->arg && growing(c->m[0]); i++)
        put_ok(c, 0, next++);
    assert_true(growing(c->m[0]));
    c->key = next;
}

static bool op_overwrite_mid(ctx *c)
{
    return put(c, 0, c->key / 2) != NULL;
}

static bool op_delete_mid(ctx *c)
{
    /* never fails; the result must be right whatever the allocator does */
    assert_true(del(c, 0, c->key / 3));
    assert_false(del(c, 0, c->key + 1000));
    return true;
}

/* Clone sources. arg: 0 empty, 1 small, 2 with overflow buckets, 3 growing,
 * 4 larger (B = 6). */
static void setup_clone(ctx *c)
{
    new_map(c, 0, 0);
    size_t next = 0;
    switch (c->arg) {
    case 0: break;
    case 1:
        for (; next < 5; next++)
            put_ok(c, 0, next);
        break;
    case 2:
        while (stats_of(c->m[0]).overflow_buckets == 0 || growing(c->m[0]))
            put_ok(c, 0, next++);
        break;
    case 3:
        while (stats_of(c->m[0]).B < 4)
            put_ok(c, 0, next++);
        fill_to_limit(c, 0, &next);
        fill_until_growing(c, 0, &next);
        break;
    default:
        while (stats_of(c->m[0]).B < 6)
            put_ok(c, 0, next++);
        break;
    }
    if (c->kind == K_F64 && c->arg > 0)
        for (size_t i = 0; i < 4; i++)
            put_ok(c, 0, NAN_BASE + i);
    if (c->arg > 0 && c->kind != K_SET)
        for (size_t i = 0; i < next; i += 7)
            del(c, 0, i);
}

static bool op_clone(ctx *c)
{
    gomap_free(c->m[1]);
    errno = 0;
    c->m[1] = gomap_clone(c->m[0]);
    return c->m[1] != NULL;
}

/* Iterators pinning memory: one started before the growth and advanced past
 * a third of the entries, then a quarter of the entries deleted (deleted
 * indirect keys stay readable for it). The operation is the insert that
 * starts the growth (arg 0) or the one that finishes it, which retires the
 * old array while the iterator still needs it (arg 1). */
static size_t pinned_build(ctx *c, size_t extra)
{
    new_map(c, 0, 0);
    size_t next = 0;
    while (stats_of(c->m[0]).B < 4)
        put_ok(c, 0, next++);
    fill_to_limit(c, 0, &next);
    gomap_iter_init(&c->it, c->m[0]);
    c->it_live = true;
    c->it_produced = 0;
    for (size_t i = 0; i < next / 3; i++) {
        assert_true(gomap_iter_next(&c->it));
        c->it_produced++;
    }
    for (size_t i = 0; i < next; i += 4)
        del(c, 0, i);
    fill_to_limit(c, 0, &next);
    if (c->arg == 1) {
        fill_until_growing(c, 0, &next);
        for (size_t i = 0; i < extra; i++)
            put_ok(c, 0, next++);
    }
    return next;
}

static void setup_pinned(ctx *c)
{
    size_t extra = 0;
    if (c->arg == 1) {
        /* first pass: how many writes the growth lasts */
        size_t next = pinned_build(c, 0);
        while (growing(c->m[0])) {
            put_ok(c, 0, next++);
            extra++;
        }
        gomap_iter_done(&c->it);
        c->it_live = false;
        gomap_free(c->m[0]);
        c->m[0] = NULL;
        assert_true(extra >= 1);
        extra--;
    }
    c->key = pinned_build(c, extra);
    if (c->arg == 1)
        assert_true(growing(c->m[0]));
}

static void setup_after_clear(ctx *c)
{
    new_map(c, 0, 0);
    size_t next = 0;
    while (stats_of(c->m[0]).B < 3)
        put_ok(c, 0, next++);
    fill_until_growing(c, 0, &next);
    gomap_iter_init(&c->it, c->m[0]);
    c->it_live = true;
    assert_true(gomap_iter_next(&c->it));
    size_t calls = c->ta.calls, failures = c->ta.failures;
    size_t fe = c->ta.fail_every;
    /* Clear never fails and needs no memory. Maps whose buckets a custom
     * allocator gives NOSCAN (pointer-free keys and elems) may try one
     * allocation: a record of the blocks retired for the live iterator,
     * which keeps them reachable for a collector (docs/gc.md); without it
     * the blocks stay in the map's table. With every allocation failing,
     * clear must still do all its work. */
    c->ta.fail_every = 1;
    gomap_clear(c->m[0]);
    c->ta.fail_every = fe;
    if (c->kind == K_STR || c->kind == K_BIG || c->kind == K_OWNED)
        assert_int_equal(c->ta.calls, calls);
    else
        assert_int_equal(c->ta.calls - calls, c->ta.failures - failures);
    check_map(c->m[0]);
    assert_int_equal(gomap_len(c->m[0]), 0);
    assert_false(gomap_iter_next(&c->it));
    c->it_live = false;
    /* refill to the load limit: the operation starts a growth in the kept array */
    fill_to_limit(c, 0, &next);
    c->key = next;
}

/* A map in the caller's storage (gomap_init) holding 8 entries, one put
 * in a cell a delete freed (for f64 a NaN key): the next insert outgrows
 * the bucket in storage, which nothing may free, whether the growth fails
 * or not. arg 1: an iterator, live across the operation, pins that bucket. */
static void setup_init_full(ctx *c)
{
    c->m[0] = gomap_init(c->storage, sizeof c->storage, &c->t, &c->opt);
    assert_non_null(c->m[0]);
    size_t next = 0;
    while (next < 8)
        put_ok(c, 0, next++);
    assert_true(del(c, 0, 2));
    put_ok(c, 0, c->kind == K_F64 ? NAN_BASE : next++);
    assert_int_equal(gomap_len(c->m[0]), 8);
    /* only indirect keys and elems, and owned keys' copies, need memory so far */
    if (c->kind != K_BIG && c->kind != K_OWNED)
        assert_int_equal(c->ta.calls, 0);
    if (c->arg == 1) {
        gomap_iter_init(&c->it, c->m[0]);
        c->it_live = true;
        assert_true(gomap_iter_next(&c->it));
    }
    c->key = next;
}

/* A map of B = 6, not growing, whose entries were deleted down to arg. */
static void setup_sparse(ctx *c)
{
    new_map(c, 0, 0);
    size_t next = 0;
    while (stats_of(c->m[0]).B < 6 || growing(c->m[0]))
        put_ok(c, 0, next++);
    for (size_t i = c->arg; i < next; i++)
        del(c, 0, i);
    assert_int_equal(gomap_len(c->m[0]), c->arg);
    c->key = next;
}

/* A growth that has just started, then two deletes: the entries fit the
 * array the growth started from. */
static void setup_shrink_mid_growth(ctx *c)
{
    setup_mid_growth(c);
    del(c, 0, 1);
    del(c, 0, 2);
    assert_true(growing(c->m[0]));
}

/* A live iterator that has produced some entries, then most entries
 * deleted. */
static void setup_shrink_pinned(ctx *c)
{
    new_map(c, 0, 0);
    size_t next = 0;
    while (stats_of(c->m[0]).B < 5 || growing(c->m[0]))
        put_ok(c, 0, next++);
    gomap_iter_init(&c->it, c->m[0]);
    c->it_live = true;
    for (size_t i = 0; i < next / 3; i++)
        assert_true(gomap_iter_next(&c->it));
    for (size_t i = 10; i < next; i++)
        del(c, 0, i);
}

static bool op_shrink(ctx *c)
{
    return gomap_shrink(c->m[0]);
}

/* A map of arg entries (B as gomap_new picks it), not growing; reserve
 * asks room for key entries. */
static void setup_reserve(ctx *c)
{
    new_map(c, 0, 0);
    size_t next = 0;
    while (next < c->arg || growing(c->m[0]))
        put_ok(c, 0, next++);
    c->key = c->arg < 100 ? 5000 : 100000;
}

static void setup_reserve_mid_growth(ctx *c)
{
    setup_mid_growth(c);
    c->key = 100000;
}

static bool op_reserve(ctx *c)
{
    return gomap_reserve(c->m[0], c->key);
}

/* GOMAP_AUTO_SHRINK: a map of B = 6 deleted down to one entry above its
 * shrink threshold (6.5 * 64 / 8 = 52): the next delete starts a shrink. */
static void setup_auto_shrink(ctx *c)
{
    c->opt.flags |= GOMAP_AUTO_SHRINK;
    c->arg = 53;
    setup_sparse(c);
    assert_int_equal(stats_of(c->m[0]).B, 6);
}

static bool op_delete_auto(ctx *c)
{
    /* never fails, whether the shrink could start or not */
    assert_true(del(c, 0, 0));
    assert_int_equal(gomap_len(c->m[0]), 52);
    return true;
}

static const scenario scenarios[] = {
    {"create, hint 0", 0, setup_none, op_create, 0, false},
    {"create, hint 9", 9, setup_none, op_create, 0, false},
    {"create, hint 100", 100, setup_none, op_create, 0, false},
    {"create, hint 5000", 5000, setup_none, op_create, 0, false},
    {"first insert", 0, setup_first_insert, op_insert_key, 0, false},
    {"growth start, B 1", 1, setup_growth_start, op_insert_key, 0, false},
    {"growth start, B 4", 4, setup_growth_start, op_insert_key, 0, false},
    {"growth start, B 10", 10, setup_growth_start, op_insert_key, 0, false},
    {"overflow bucket", 0, setup_overflow, op_insert_key, 0, false},
    {"insert moving a growth on", 0, setup_mid_growth, op_insert_key, 0, true},
    {"insert late in a growth", 6, setup_mid_growth, op_insert_key, 0, true},
    {"overwrite during a growth", 2, setup_mid_growth, op_overwrite_mid, 0, true},
    {"delete during a growth", 1, setup_mid_growth, op_delete_mid, 0, true},
    {"clone, empty", 0, setup_clone, op_clone, 1, false},
    {"clone, small", 1, setup_clone, op_clone, 1, false},
    {"clone, overflow buckets", 2, setup_clone, op_clone, 1, false},
    {"clone, growing", 3, setup_clone, op_clone, 1, false},
    {"clone, B 6", 4, setup_clone, op_clone, 1, false},
    {"growth start under a live iterator", 0, setup_pinned, op_insert_key, 0, false},
    {"growth end under a live iterator", 1, setup_pinned, op_insert_key, 0, true},
    {"insert after clear", 0, setup_after_clear, op_insert_key, 0, false},
    {"init: outgrowing the bucket", 0, setup_init_full, op_insert_key, 0, false},
    {"init: outgrowing under a live iterator", 1, setup_init_full, op_insert_key, 0, false},
    {"init: clone", 0, setup_init_full, op_clone, 1, false},
    {"shrink to B 2", 20, setup_sparse, op_shrink, 0, false},
    {"shrink to B 0", 5, setup_sparse, op_shrink, 0, false},
    {"shrink of an emptied map", 0, setup_sparse, op_shrink, 0, true},
    {"shrink during a growth", 0, setup_shrink_mid_growth, op_shrink, 0, false},
    {"shrink under a live iterator", 0, setup_shrink_pinned, op_shrink, 0, false},
    {"reserve, empty map", 0, setup_reserve, op_reserve, 0, false},
    {"reserve, small map", 20, setup_reserve, op_reserve, 0, false},
    {"reserve, B 6", 400, setup_reserve, op_reserve, 0, false},
    {"reserve during a growth", 0, setup_reserve_mid_growth, op_reserve, 0, false},
    {"delete starting an auto-shrink", 0, setup_auto_shrink, op_delete_auto, 0, true},
};

static size_t total_points;

/* Finishes a live iterator of the context, checking Go's guarantees loosely
 * (every entry at most once) and returning the number produced. */
static size_t finish_iter(ctx *c)
{
    if (!c->it_live)
        return 0;
    size_t n = 0;
    while (gomap_iter_next(&c->it)) {
        n++;
        assert_true(n <= 4 * 10000);
    }
    c->it_live = false;
    return n;
}

static void run_scenario(enum kind k, const scenario *sc)
{
    ctx ref, c;
    /* The reference: setup, the operation without failures, follow-up. */
    ctx_init(&ref, k, sc->arg);
    sc->setup(&ref);
    assert_true(sc->op(&ref));
    snap ref_after = take_snap(k, ref.m[sc->target]);
    size_t ref_rest = finish_iter(&ref);
    follow_up(&ref, sc->target);
    snap ref_final = take_snap(k, ref.m[sc->target]);
    ctx_free(&ref);

    size_t points = 0;
    for (size_t kth = 1;; kth += test_failpoint_step(kth)) {
        ctx_init(&c, k, sc->arg);
        sc->setup(&c);
        snap before = {NULL, 0, {0}};
        if (c.m[sc->target] != NULL)
            before = take_snap(k, c.m[sc->target]);
        size_t calls0 = c.ta.calls, failures0 = c.ta.failures;
        c.ta.fail_at = calls0 + kth;
        errno = 0;
        bool ok = sc->op(&c);
        bool injected = c.ta.failures > failures0;
        c.ta.fail_at = 0;
        if (!ok) {
            if (!injected)
                fail_msg("%s/%s: failed with no failure injected", kind_name[k], sc->name);
            if (errno != ENOMEM)
                fail_msg("%s/%s, allocation %zu failed: errno %d, not ENOMEM", kind_name[k],
                         sc->name, kth, errno);
            if (c.m[sc->target] != NULL) {
                snap now = take_snap(k, c.m[sc->target]);
                if (!same_contents(&before, &now))
                    fail_msg("%s/%s, allocation %zu failed: contents changed", kind_name[k],
                             sc->name, kth);
                if (!same_shape(&before, &now))
                    fail_msg("%s/%s, allocation %zu failed: shape changed (B %u->%u, growing "
                             "%d->%d, overflow %zu->%zu)",
                             kind_name[k], sc->name, kth, before.st.B, now.st.B, before.st.growing,
                             now.st.growing, before.st.overflow_buckets, now.st.overflow_buckets);
                check_map(c.m[sc->target]);
                free_snap(&now);
            }
            /* usable: the retry succeeds */
            if (!sc->op(&c))
                fail_msg("%s/%s: the retry after a failure failed", kind_name[k], sc->name);
        }
        snap after = take_snap(k, c.m[sc->target]);
        if (!same_contents(&after, &ref_after))
            fail_msg("%s/%s, allocation %zu %s: contents differ from the reference", kind_name[k],
                     sc->name, kth, ok ? "(tolerated)" : "failed then retried");
        check_map(c.m[sc->target]);
        size_t rest = finish_iter(&c);
        if (ok && !injected && rest != ref_rest)
            fail_msg("%s/%s: the live iterator produced %zu more entries, the reference %zu",
                     kind_name[k], sc->name, rest, ref_rest);
        follow_up(&c, sc->target);
        snap final = take_snap(k, c.m[sc->target]);
        if (!same_contents(&final, &ref_final))
            fail_msg("%s/%s, allocation %zu: contents after the follow-up differ", kind_name[k],
                     sc->name, kth);
        free_snap(&before);
        free_snap(&after);
        free_snap(&final);
        ctx_free(&c);
        if (!injected)
            break;
        points++;
        assert_true(kth < 10000);
    }
    free_snap(&ref_after);
    free_snap(&ref_final);
    total_points += points;
    if (points == 0 && !sc->may_skip)
        fail_msg("%s/%s: the operation never allocated", kind_name[k], sc->name);
}

static void run_kind(enum kind k)
{
    size_t before = total_points;
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
        run_scenario(k, &scenarios[i]);
    fprintf(stderr, "[allocfail ops %s] %zu scenarios, %zu failure points\n", kind_name[k],
            sizeof scenarios / sizeof scenarios[0], total_points - before);
}

static void t_u64(void **state)
{
    (void)state;
    run_kind(K_U64);
}

static void t_str(void **state)
{
    (void)state;
    run_kind(K_STR);
}

static void t_big(void **state)
{
    (void)state;
    run_kind(K_BIG);
}

static void t_f64(void **state)
{
    (void)state;
    run_kind(K_F64);
}

static void t_set(void **state)
{
    (void)state;
    run_kind(K_SET);
}

/* Owned string keys: every new key's copy is one more allocation. */
static void t_owned(void **state)
{
    (void)state;
    run_kind(K_OWNED);
}

static int build_strings(void **state)
{
    (void)state;
    str_arena = calloc(NSTR, STR_MAX);
    if (str_arena == NULL)
        return -1;
    for (size_t i = 0; i < NSTR; i++) {
        char *p = str_arena + i * STR_MAX;
        size_t prefix = (i % 3) * 40; /* 0, 40 or 80 shared bytes */
        memset(p, 'x', prefix);
        snprintf(p + prefix, STR_MAX - prefix, "%zu", i);
    }
    return 0;
}

static int free_strings(void **state)
{
    (void)state;
    free(str_arena);
    fprintf(stderr, "[allocfail ops] %zu failure points in all\n", total_points);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_u64), cmocka_unit_test(t_str), cmocka_unit_test(t_big),
        cmocka_unit_test(t_f64), cmocka_unit_test(t_set), cmocka_unit_test(t_owned),
    };
    return cmocka_run_group_tests(tests, build_strings, free_strings);
}
