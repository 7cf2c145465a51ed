/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_scan.c - gomap_scan and the NOSCAN bookkeeping, in every state of a
 * map: empty, one bucket, made with a hint, overflow chains, an incremental
 * growth in progress, a same-size growth, live iterators pinning old arrays
 * and deleted indirect keys, after clear, a clone, indirect keys and elems.
 *
 * In each state, with an allocator that records every block:
 *  - the blocks gomap_scan reports are exactly the live allocations, each
 *    once, with the size asked and the NOSCAN flag they were allocated with;
 *  - every live entry's key and elem (found by iterating) is reported, as a
 *    live (not stale) value, exactly as many times as there are entries;
 *  - every reported value lies inside memory the map owns;
 *  - buckets are NOSCAN exactly when keys and elems hold no pointers;
 *  - a conservative collector that starts at the header and follows every
 *    word of the blocks not allocated NOSCAN (interior pointers included,
 *    like the Boehm collector) reaches every live allocation;
 *  - scanning does not call the allocator.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/gomap.h>

#include "test_util.h"

/* ---- An allocator that records every live block ---------------------------- */

typedef struct rec {
    unsigned char *p;
    size_t size;
    unsigned flags;
} rec;

typedef struct recorder {
    gomap_allocator a;
    rec *recs;
    size_t n, cap;
    size_t calls;
} recorder;

static void *rec_alloc(void *ctx, size_t size, unsigned flags)
{
    recorder *r = ctx;
    r->calls++;
    unsigned char *p = (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size ? size : 1) : malloc(size);
    if (p == NULL)
        return NULL;
    if (!(flags & GOMAP_ALLOC_ZERO))
        memset(p, 0xA5, size);
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->recs = realloc(r->recs, r->cap * sizeof *r->recs);
        assert_non_null(r->recs);
    }
    r->recs[r->n++] = (rec){p, size, flags};
    return p;
}

static void rec_free(void *ctx, void *ptr, size_t size)
{
    recorder *r = ctx;
    for (size_t i = 0; i < r->n; i++) {
        if (r->recs[i].p == ptr) {
            assert_int_equal(r->recs[i].size, size);
            r->recs[i] = r->recs[--r->n];
            free(ptr);
            return;
        }
    }
    fail_msg("free of a block that was not allocated");
}

static void recorder_init(recorder *r)
{
    memset(r, 0, sizeof *r);
    r->a.alloc = rec_alloc;
    r->a.free = rec_free;
    r->a.ctx = r;
}

static void recorder_done(recorder *r)
{
    assert_int_equal(r->n, 0);
    free(r->recs);
}

/* ---- Map kinds ------------------------------------------------------------ */

enum { T_U64, T_U64P, T_STR, T_BIG, T_BIGK, T_COLL, T_COLLP, T_OWNED, NT };
static const char *const kind_names[NT] = {
    "u64",       "u64/elem-pointers",       "str",      "big/big", "big-key",
    "colliding", "colliding/elem-pointers", "str-owned"};

#define MAXID 70000u

typedef struct big_key {
    uint64_t id;
    unsigned char pad[192];
} big_key;

typedef struct big_elem {
    uint64_t id;
    unsigned char pad[152];
} big_elem;

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(big_key), seed);
}

static bool big_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(big_key)) == 0;
}

/* Colliding keys: the hash is the key, so the test picks the bucket. */
static uint64_t coll_hash(const void *k, uint64_t seed)
{
    (void)seed;
    uint64_t v;
    memcpy(&v, k, sizeof v);
    return v;
}

static bool coll_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(uint64_t)) == 0;
}

static char str_store[MAXID][16];

static gomap_type type_of(int kind)
{
    gomap_type t;
    switch (kind) {
    case T_U64: return gomap_type_u64(GOMAP_ELEM(uint64_t));
    case T_U64P:
        t = gomap_type_u64(GOMAP_ELEM(uint64_t));
        t.flags |= GOMAP_ELEM_POINTERS;
        return t;
    case T_STR: return gomap_type_str(GOMAP_ELEM(uint64_t));
    case T_OWNED: return gomap_type_str_owned(GOMAP_ELEM(uint64_t));
    case T_BIG:
        t = (gomap_type){GOMAP_ELEM(big_key),
                         GOMAP_ELEM(big_elem),
                         big_hash,
                         big_equal,
                         GOMAP_KEY_POINTERS | GOMAP_ELEM_POINTERS,
                         NULL,
                         NULL};
        return t;
    case T_BIGK:
        t = (gomap_type){
            GOMAP_ELEM(big_key), GOMAP_ELEM(uint64_t), big_hash, big_equal, 0, NULL, NULL};
        return t;
    case T_COLL:
    default:
        t = (gomap_type){
            GOMAP_ELEM(uint64_t), GOMAP_ELEM(uint64_t), coll_hash, coll_equal, 0, NULL, NULL};
        if (kind == T_COLLP)
            t.flags |= GOMAP_ELEM_POINTERS;
        return t;
    }
}

static bool has_pointers(int kind)
{
    return kind != T_U64 && kind != T_COLL;
}

static bool key_reported(int kind)
{
    return kind == T_STR || kind == T_BIG || kind == T_OWNED;
}

static bool elem_reported(int kind)
{
    return kind == T_U64P || kind == T_BIG || kind == T_COLLP;
}

typedef union keybuf {
    uint64_t u;
    gomap_str s;
    big_key big;
} keybuf;

static keybuf key_of(int kind, uint64_t id)
{
    keybuf k;
    memset(&k, 0, sizeof k);
    if (kind == T_STR || kind == T_OWNED) {
        if (str_store[id][0] == 0)
            snprintf(str_store[id], sizeof str_store[id], "k%llu", (unsigned long long)id);
        k.s.ptr = str_store[id];
        k.s.len = strlen(str_store[id]);
    } else if (kind == T_BIG || kind == T_BIGK) {
        k.big.id = id;
        for (size_t j = 0; j < sizeof k.big.pad; j++)
            k.big.pad[j] = (unsigned char)(id + j);
    } else {
        k.u = id;
    }
    return k;
}

static void put(gomap *m, int kind, uint64_t id)
{
    keybuf k = key_of(kind, id);
    uint64_t *e = gomap_assign(m, &k);
    assert_non_null(e);
    *e = id;
}

static void del(gomap *m, int kind, uint64_t id)
{
    keybuf k = key_of(kind, id);
    gomap_delete(m, &k);
}

static gomap *make(int kind, size_t hint, recorder *r)
{
    gomap_type t = type_of(kind);
    gomap_options o = {.allocator = r != NULL ? &r->a : NULL, .seed = 7, .flags = GOMAP_FIXED_SEED};
    gomap *m = gomap_new_with(&t, hint, &o);
    assert_non_null(m);
    return m;
}

/* ---- Checking a scan --------------------------------------------------------- */

typedef struct report {
    unsigned kind;
    unsigned char *p;
    size_t size;
    unsigned flags;
} report;

typedef struct reports {
    report *r;
    size_t n, cap;
} reports;

static void collect(void *ctx, unsigned kind, void *ptr, size_t size, unsigned flags)
{
    reports *rs = ctx;
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 256;
        rs->r = realloc(rs->r, rs->cap * sizeof *rs->r);
        assert_non_null(rs->r);
    }
    rs->r[rs->n++] = (report){kind, ptr, size, flags};
}

static bool is_block(unsigned kind)
{
    return kind >= GOMAP_SCAN_HEADER && kind <= GOMAP_SCAN_TABLE;
}

static int cmp_rec(const void *a, const void *b)
{
    const rec *x = a, *y = b;
    return x->p < y->p ? -1 : x->p > y->p;
}

/* The recorded block containing p, or -1. recs sorted by address. */
static long find_rec(const rec *recs, size_t n, const unsigned char *p)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p < recs[mid].p)
            hi = mid;
        else if (p >= recs[mid].p + recs[mid].size)
            lo = mid + 1;
        else
            return (long)mid;
    }
    return -1;
}

/* Marks what a conservative collector reaches from the header. */
static size_t trace_from(const rec *recs, size_t n, const void *root, bool *reached)
{
    size_t *stack = malloc((n + 1) * sizeof *stack), top = 0, count = 0;
    assert_non_null(stack);
    long r0 = find_rec(recs, n, root);
    assert_true(r0 >= 0);
    reached[r0] = true;
    stack[top++] = (size_t)r0;
    count++;
    while (top > 0) {
        const rec *b = &recs[stack[--top]];
        if (b->flags & GOMAP_ALLOC_NOSCAN)
            continue;
        for (size_t off = 0; off + sizeof(void *) <= b->size; off += sizeof(void *)) {
            unsigned char *p;
            memcpy(&p, b->p + off, sizeof p);
            long i = find_rec(recs, n, p);
            if (i >= 0 && !reached[i]) {
                reached[i] = true;
                stack[top++] = (size_t)i;
                count++;
            }
        }
    }
    free(stack);
    return count;
}

typedef struct kv {
    const void *k;
    void *e;
} kv;

static int cmp_ptr(const void *a, const void *b)
{
    const unsigned char *x = *(unsigned char *const *)a, *y = *(unsigned char *const *)b;
    return x < y ? -1 : x > y;
}

/* Checks the value reports of a scan against the live entries. */
static void check_values(const gomap *m, int kind, const reports *rs, const char *state)
{
    size_t nk = 0, ne = 0;
    unsigned char **keys = malloc((rs->n + 1) * sizeof *keys);
    unsigned char **elems = malloc((rs->n + 1) * sizeof *elems);
    assert_non_null(keys);
    assert_non_null(elems);
    gomap_type t = type_of(kind);
    for (size_t i = 0; i < rs->n; i++) {
        const report *r = &rs->r[i];
        if (r->kind == GOMAP_SCAN_KEY) {
            assert_true(key_reported(kind));
            assert_int_equal(r->size, t.key_size);
            if (!(r->flags & GOMAP_SCAN_STALE))
                keys[nk++] = r->p;
        } else if (r->kind == GOMAP_SCAN_ELEM) {
            assert_true(elem_reported(kind));
            assert_int_equal(r->size, t.elem_size);
            if (!(r->flags & GOMAP_SCAN_STALE))
                elems[ne++] = r->p;
        }
    }
    size_t len = gomap_len(m);
    if (key_reported(kind) && nk != len)
        fail_msg("%s/%s: %zu live keys reported, %zu entries", kind_names[kind], state, nk, len);
    if (elem_reported(kind) && ne != len)
        fail_msg("%s/%s: %zu live elems reported, %zu entries", kind_names[kind], state, ne, len);
    qsort(keys, nk, sizeof *keys, cmp_ptr);
    qsort(elems, ne, sizeof *elems, cmp_ptr);
    gomap_iter it;
    size_t seen = 0;
    for (gomap_iter_init(&it, (gomap *)m); gomap_iter_next(&it); seen++) {
        if (key_reported(kind) && !bsearch(&it.key, keys, nk, sizeof *keys, cmp_ptr))
            fail_msg("%s/%s: a live key was not reported", kind_names[kind], state);
        if (elem_reported(kind) && !bsearch(&it.elem, elems, ne, sizeof *elems, cmp_ptr))
            fail_msg("%s/%s: a live elem was not reported", kind_names[kind], state);
        uint64_t id;
        memcpy(&id, it.elem, sizeof id);
        keybuf k = key_of(kind, id);
        if (kind == T_STR || kind == T_OWNED)
            assert_memory_equal(((const gomap_str *)it.key)->ptr, k.s.ptr, k.s.len);
        else
            assert_memory_equal(it.key, &k, t.key_size);
    }
    assert_int_equal(seen, len);
    free(keys);
    free(elems);
}

/* The full check of one state with the recording allocator. Returns the
 * number of stale values reported. */
static size_t verify(const gomap *m, int kind, recorder *r, const char *state)
{
    reports rs = {0};
    size_t calls0 = r->calls;
    gomap_scan(m, collect, &rs);
    assert_int_equal(r->calls, calls0);

    qsort(r->recs, r->n, sizeof *r->recs, cmp_rec);
    bool *seen = calloc(r->n + 1, 1), *reached = calloc(r->n + 1, 1);
    assert_non_null(seen);
    assert_non_null(reached);
    size_t blocks = 0, stale = 0;
    unsigned bucket_flags = has_pointers(kind) ? 0 : GOMAP_ALLOC_NOSCAN;
    for (size_t i = 0; i < rs.n; i++) {
        const report *x = &rs.r[i];
        long j = find_rec(r->recs, r->n, x->p);
        if (j < 0)
            fail_msg("%s/%s: report kind %u outside the map's memory", kind_names[kind], state,
                     x->kind);
        if (x->flags & GOMAP_SCAN_STALE)
            stale++;
        if (!is_block(x->kind)) {
            assert_true(x->p + x->size <= r->recs[j].p + r->recs[j].size);
            continue;
        }
        blocks++;
        if (r->recs[j].p != x->p || r->recs[j].size != x->size)
            fail_msg(
                "%s/%s: block kind %u reported as %zu bytes at an offset of %td, allocated %zu",
                kind_names[kind], state, x->kind, x->size, x->p - r->recs[j].p, r->recs[j].size);
        if (seen[j])
            fail_msg("%s/%s: block kind %u reported twice", kind_names[kind], state, x->kind);
        seen[j] = true;
        assert_int_equal(x->flags & GOMAP_ALLOC_NOSCAN, r->recs[j].flags & GOMAP_ALLOC_NOSCAN);
        assert_false(x->flags & GOMAP_SCAN_MAPPED);
        if (x->kind == GOMAP_SCAN_ARRAY || x->kind == GOMAP_SCAN_OVERFLOW)
            assert_int_equal(x->flags & GOMAP_ALLOC_NOSCAN, bucket_flags);
        else
            assert_int_equal(x->flags & GOMAP_ALLOC_NOSCAN, 0);
        if (x->kind == GOMAP_SCAN_HEADER)
            assert_ptr_equal(x->p, m);
    }
    if (blocks != r->n)
        fail_msg("%s/%s: %zu blocks reported, %zu allocated", kind_names[kind], state, blocks,
                 r->n);

    size_t count = trace_from(r->recs, r->n, m, reached);
    if (count != r->n)
        fail_msg("%s/%s: a collector tracing from the header reaches %zu of %zu blocks",
                 kind_names[kind], state, count, r->n);

    check_values(m, kind, &rs, state);
    free(seen);
    free(reached);
    free(rs.r);
    check_map(m);
    return stale;
}

/* ---- States --------------------------------------------------------------------- */

static void empty_and_small(void **state)
{
    (void)state;
    for (int kind = 0; kind < NT; kind++) {
        recorder r;
        recorder_init(&r);
        gomap *m = make(kind, 0, &r);
        verify(m, kind, &r, "empty");
        for (uint64_t id = 1; id <= 5; id++)
            put(m, kind, id);
        verify(m, kind, &r, "B=0");
        del(m, kind, 3);
        verify(m, kind, &r, "B=0 after a delete");
        gomap_free(m);

        m = make(kind, 100, &r);
        verify(m, kind, &r, "hint, empty");
        for (uint64_t id = 1; id <= 60; id++)
            put(m, kind, id);
        verify(m, kind, &r, "hint");
        gomap_free(m);
        recorder_done(&r);
    }
}

/* Insert until a growth from at least 32 buckets is under way. */
static uint64_t fill_until_growing(gomap *m, int kind, uint64_t id)
{
    for (;; id++) {
        put(m, kind, id);
        gomap_stats s = stats_of(m);
        if (s.growing && s.B >= 6)
            return id + 1;
        assert_true(id < MAXID);
    }
}

static void mid_growth(void **state)
{
    (void)state;
    for (int kind = 0; kind < NT; kind++) {
        recorder r;
        recorder_init(&r);
        gomap *m = make(kind, 0, &r);
        uint64_t id = fill_until_growing(m, kind, 1);
        size_t stale = verify(m, kind, &r, "growth started");
        for (int i = 0; i < 4 && stats_of(m).growing; i++) {
            put(m, kind, id++);
            del(m, kind, id / 2);
        }
        assert_true(stats_of(m).growing);
        stale += verify(m, kind, &r, "growth half done");
        /* evacuated chains keep stale copies an iterator could read */
        if (kind == T_STR || kind == T_OWNED || kind == T_U64P ||
            kind == T_COLLP) /* inline values */
            assert_true(stale > 0);

        /* a clone of a growing map (alone in the recorder) */
        gomap *c = gomap_clone(m);
        assert_non_null(c);
        gomap_free(m);
        verify(c, kind, &r, "clone");
        gomap_free(c);

        m = make(kind, 0, &r);
        id = fill_until_growing(m, kind, 1);
        while (stats_of(m).growing)
            put(m, kind, id++);
        verify(m, kind, &r, "growth done");
        gomap_free(m);
        recorder_done(&r);
    }
}

/* Overflow chains (spare and allocated overflow buckets) and a same-size
 * growth, with keys that pick their bucket. */
static void chains_and_same_size_growth(void **state)
{
    (void)state;
    for (int kind = T_COLL; kind <= T_COLLP; kind++) {
        recorder r;
        recorder_init(&r);
        gomap *m = make(kind, 100, &r); /* B = 4 */
        assert_int_equal(stats_of(m).B, 4);
        bool checked_chain = false;
        uint64_t round = 0;
        for (; !stats_of(m).growing; round++) {
            uint64_t bucket = round % 16;
            for (uint64_t i = 0; i < 9; i++) /* 9 keys: one overflow bucket */
                put(m, kind, bucket + 16 * (i + 16 * round));
            if (!checked_chain && round == 10) {
                assert_true(stats_of(m).overflow_buckets > 0);
                verify(m, kind, &r, "overflow chains");
                checked_chain = true;
            }
            for (uint64_t i = 0; i < 9 && !stats_of(m).growing; i++)
                del(m, kind, bucket + 16 * (i + 16 * round));
            assert_true(round < 100);
        }
        gomap_stats s = stats_of(m);
        assert_int_equal(s.B, 4);
        assert_int_equal(s.old_buckets, 16); /* same size */
        verify(m, kind, &r, "same-size growth");
        while (stats_of(m).growing)
            put(m, kind, 100000 + round++);
        verify(m, kind, &r, "same-size growth done");
        gomap_free(m);
        recorder_done(&r);
    }
}

/* A live iterator pins old arrays and deleted indirect keys; clear with and
 * without one. */
static void iterators_and_clear(void **state)
{
    (void)state;
    for (int kind = 0; kind < NT; kind++) {
        recorder r;
        recorder_init(&r);
        gomap *m = make(kind, 0, &r);
        uint64_t id = 1;
        for (; id <= 300; id++)
            put(m, kind, id);
        gomap_iter it;
        gomap_iter_init(&it, m);
        assert_true(gomap_iter_next(&it));
        verify(m, kind, &r, "iterator live");
        for (; id <= 3000; id++) {
            put(m, kind, id);
            if (id % 3 == 0)
                del(m, kind, id / 3);
        }
        verify(m, kind, &r, "iterator live across growths");
        fill_until_growing(m, kind, id + 1);
        verify(m, kind, &r, "iterator live, growing");
        assert_true(gomap_iter_next(&it));

        gomap_iter it2;
        gomap_iter_init(&it2, m);
        assert_true(gomap_iter_next(&it2));
        gomap_clear(m);
        verify(m, kind, &r, "cleared under two iterators");
        for (uint64_t i = 1; i <= 50; i++)
            put(m, kind, i);
        verify(m, kind, &r, "refilled under two iterators");
        gomap_iter_done(&it);
        while (gomap_iter_next(&it2))
            ;
        verify(m, kind, &r, "iterators done");
        gomap_clear(m);
        verify(m, kind, &r, "cleared");
        gomap_free(m);
        recorder_done(&r);
    }
}

/* With the default allocator: the first array shares the header's block,
 * and large arrays come from the allocator like every other block (none is
 * flagged MAPPED). Values are still all reported and lie in reported
 * memory. */
static void default_allocator(void **state)
{
    (void)state;
    const int kinds[] = {T_U64, T_U64P, T_STR};
    for (size_t ki = 0; ki < sizeof kinds / sizeof kinds[0]; ki++) {
        int kind = kinds[ki];
        gomap *m = make(kind, 100, NULL);
        uint64_t id = 1;
        for (; id < 30000; id++)
            put(m, kind, id);
        gomap_iter it;
        gomap_iter_init(&it, m);
        assert_true(gomap_iter_next(&it));
        id = fill_until_growing(m, kind, id);
        reports rs = {0};
        gomap_scan(m, collect, &rs);
        size_t mapped = 0, header = 0;
        for (size_t i = 0; i < rs.n; i++) {
            if (rs.r[i].kind == GOMAP_SCAN_HEADER)
                header++;
            if (rs.r[i].flags & GOMAP_SCAN_MAPPED)
                mapped++;
            /* every value lies in a reported block */
            if (!is_block(rs.r[i].kind)) {
                bool inside = false;
                for (size_t j = 0; j < rs.n && !inside; j++)
                    inside = is_block(rs.r[j].kind) && rs.r[i].p >= rs.r[j].p &&
                             rs.r[i].p + rs.r[i].size <= rs.r[j].p + rs.r[j].size;
                assert_true(inside);
            }
        }
        assert_int_equal(header, 1);
        assert_int_equal(mapped, 0);
        check_values(m, kind, &rs, "default allocator");
        free(rs.r);
        gomap_iter_done(&it);
        gomap_free(m);
    }
}

static size_t count_flag(const reports *rs, unsigned flag)
{
    size_t n = 0;
    for (size_t i = 0; i < rs->n; i++)
        n += (rs->r[i].flags & flag) != 0;
    return n;
}

/* The first array of a hinted map shares the header's block (default
 * allocator) and outlives the growth that replaces it: the copies
 * evacuation left in it are dropped, so nothing stale is reported once the
 * growth is over, and they are reported while an iterator may read them. */
static void replaced_embedded_array(void **state)
{
    (void)state;
    for (int with_iter = 0; with_iter < 2; with_iter++) {
        gomap *m = make(T_STR, 100, NULL);
        uint64_t id = 1;
        for (; id <= 100; id++)
            put(m, T_STR, id);
        gomap_iter it;
        if (with_iter) {
            gomap_iter_init(&it, m);
            assert_true(gomap_iter_next(&it));
        }
        id = fill_until_growing(m, T_STR, id);
        while (stats_of(m).growing)
            put(m, T_STR, id++);
        reports rs = {0};
        gomap_scan(m, collect, &rs);
        if (with_iter)
            assert_true(count_flag(&rs, GOMAP_SCAN_STALE) > 0);
        else
            assert_int_equal(count_flag(&rs, GOMAP_SCAN_STALE), 0);
        check_values(m, T_STR, &rs, "replaced embedded array");
        free(rs.r);
        if (with_iter)
            gomap_iter_done(&it);
        gomap_free(m);
    }
}

static void null_and_noscan_flags(void **state)
{
    (void)state;
    gomap_scan(NULL, collect, NULL); /* no-op */
    recorder r;
    recorder_init(&r);
    gomap *m = make(T_U64, 0, &r);
    gomap_scan(m, NULL, NULL);
    put(m, T_U64, 1);
    /* pointer-free buckets are NOSCAN; the header and the table are not */
    size_t noscan = 0;
    for (size_t i = 0; i < r.n; i++)
        noscan += (r.recs[i].flags & GOMAP_ALLOC_NOSCAN) != 0;
    assert_int_equal(noscan, 1);
    assert_int_equal(r.n, 3); /* header, array, keep table */
    gomap_free(m);
    recorder_done(&r);
}

/* ---- The write-barrier hook ---------------------------------------------------- */

/* Where each key's elem lives, learned only from what gomap_assign returns
 * and what the hook reports. */
typedef struct tracker {
    void **where; /* by key */
    uint64_t last_key;
    bool have_key;
    size_t reports, links;
    const gomap *m;
} tracker;

static void track(void *ctx, gomap *m, void *slot, size_t size)
{
    tracker *tr = ctx;
    assert_ptr_equal(m, tr->m);
    if (size == sizeof(uint64_t) && !tr->have_key) {
        /* a key slot (reported before its elem) or an overflow link */
        memcpy(&tr->last_key, slot, sizeof tr->last_key);
        tr->have_key = tr->last_key < MAXID;
        if (!tr->have_key)
            tr->links++;
        return;
    }
    assert_true(tr->have_key);
    assert_int_equal(size, sizeof(uint64_t));
    tr->where[tr->last_key] = slot;
    tr->have_key = false;
    tr->reports++;
}

static void barrier_hook(void **state)
{
    (void)state;
    enum { N = 30000 };
    for (int hinted = 0; hinted < 2; hinted++) {
        tracker tr = {0};
        tr.where = calloc(N, sizeof *tr.where);
        assert_non_null(tr.where);
        gomap *m = make(T_U64P, hinted ? 1000 : 0, NULL);
        tr.m = m;
        gomap_set_barrier(m, track, &tr);
        for (uint64_t id = 0; id < N; id++) {
            void *e = gomap_assign_u64(m, id);
            assert_non_null(e);
            assert_false(tr.have_key);
            tr.where[id] = e;
            if (id % 5 == 0) {
                gomap_delete_u64(m, id / 2);
                tr.where[id / 2] = NULL;
            }
            if (id % 997 == 0 || stats_of(m).growing) {
                /* every entry is where the program and the hook said */
                for (uint64_t k = 0; k <= id; k += (id % 997 == 0 ? 1 : 61))
                    if (gomap_get_u64(m, k) != tr.where[k])
                        fail_msg("key %llu is not where the hook said (after %llu)",
                                 (unsigned long long)k, (unsigned long long)id);
            }
        }
        assert_true(tr.reports > 0);
        assert_true(tr.links > 0);
        gomap_set_barrier(m, NULL, NULL);
        size_t before = tr.reports;
        for (uint64_t id = N; id < 2 * N; id++)
            gomap_assign_u64(m, id);
        assert_int_equal(tr.reports, before);
        gomap_free(m);
        free(tr.where);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(null_and_noscan_flags),
        cmocka_unit_test(empty_and_small),
        cmocka_unit_test(mid_growth),
        cmocka_unit_test(chains_and_same_size_growth),
        cmocka_unit_test(iterators_and_clear),
        cmocka_unit_test(default_allocator),
        cmocka_unit_test(replaced_embedded_array),
        cmocka_unit_test(barrier_hook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
