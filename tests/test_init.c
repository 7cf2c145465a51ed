/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_init.c - maps in the caller's storage (gomap_init): Go's map whose
 * header and first bucket do not escape to the heap.
 *
 * - No call to the map's allocator while the map holds at most 8 entries,
 *   whatever is done to it (Go's TestNonEscapingMap), for every key kind.
 * - Outgrowing the bucket: contents, invariants, iteration across the
 *   growth (the old array is the caller's storage: never freed, not even by
 *   an iterator that pinned it), deletes during iteration, NaN keys, clear,
 *   clone (an ordinary map from the allocator).
 * - gomap_free leaves the storage to the caller; nothing beyond `size` is
 *   touched (a canary after it, and exact-size heap storage under ASan).
 * - GOMAP_STORAGE_BYTES bounds gomap_storage_size over a table of sizes and
 *   alignments, and is a constant expression.
 * - The same iteration order as gomap_new_with with the same fixed seed;
 *   bad input; the typed layer; stats and gomap_scan count only what the map
 *   allocated; a pool declines such a map.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/gomap.h>
#include <gomap/pool.h>
#include <gomap/stats.h>
#include <gomap/typed.h>

#include "test_util.h"

/* ---- Key kinds ------------------------------------------------------------- */

enum kind { K_U32, K_U64, K_F64, K_STR, K_GEN, K_SET, K_BIG, K_COUNT };
static const char *const kind_name[K_COUNT] = {"u32", "u64", "f64", "str", "generic", "set", "big"};

#define BIG_KEY  160 /* stored indirectly */
#define BIG_ELEM 144
#define NAN_BASE 1000000u /* key numbers from here on are NaN keys (f64) */
#define NSTR     2000
#define SEED     0x1234

typedef struct gen_key {
    uint32_t a, b, c;
} gen_key;

/* An elem aligned as strictly as the map allows. */
typedef struct wide_elem {
    _Alignas(max_align_t) unsigned char b[16];
} wide_elem;

static char strs[NSTR][16];

static uint64_t gen_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(gen_key), seed);
}

static bool gen_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(gen_key)) == 0;
}

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, BIG_KEY, seed);
}

static bool big_equal(const void *a, const void *b)
{
    return memcmp(a, b, BIG_KEY) == 0;
}

static gomap_type type_of(enum kind k)
{
    switch (k) {
    case K_U32: return gomap_type_u32(GOMAP_ELEM(uint32_t));
    case K_U64: return gomap_type_u64(GOMAP_ELEM(uint64_t));
    case K_F64: return gomap_type_f64(GOMAP_ELEM(uint64_t));
    case K_STR: return gomap_type_str(GOMAP_ELEM(uint64_t));
    case K_GEN: {
        gomap_type t = {GOMAP_ELEM(gen_key),
                        GOMAP_ELEM(wide_elem),
                        gen_hash,
                        gen_equal,
                        GOMAP_KEY_NEEDS_UPDATE,
                        NULL,
                        NULL};
        return t;
    }
    case K_SET: return gomap_type_u64(0, 1);
    default: {
        gomap_type t = {BIG_KEY, 8, BIG_ELEM, 8, big_hash, big_equal, 0, NULL, NULL};
        return t;
    }
    }
}

static size_t elem_size_of(enum kind k)
{
    gomap_type t = type_of(k);
    return t.elem_size;
}

/* Key number idx of kind k, in buf (at least BIG_KEY bytes). */
static void make_key(enum kind k, size_t idx, void *buf)
{
    switch (k) {
    case K_U32: {
        uint32_t v = (uint32_t)idx * 2654435761u + 1;
        memcpy(buf, &v, sizeof v);
        break;
    }
    case K_U64:
    case K_SET: {
        uint64_t v = test_u64_key(idx);
        memcpy(buf, &v, sizeof v);
        break;
    }
    case K_F64: {
        double d;
        if (idx >= NAN_BASE) {
            uint64_t b = 0x7FF8000000000000ull | (idx - NAN_BASE);
            memcpy(&d, &b, sizeof d);
        } else {
            d = idx == 0 ? -0.0 : (double)idx + 0.5;
        }
        memcpy(buf, &d, sizeof d);
        break;
    }
    case K_STR: {
        assert_true(idx < NSTR);
        gomap_str s = {strs[idx], strlen(strs[idx])};
        memcpy(buf, &s, sizeof s);
        break;
    }
    case K_GEN: {
        gen_key g = {(uint32_t)idx, (uint32_t)idx ^ 0xABCDu, 7};
        memcpy(buf, &g, sizeof g);
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

static unsigned char elem_byte(size_t idx, size_t i)
{
    return (unsigned char)(idx * 31u + i * 7u + 1u);
}

static void write_elem(enum kind k, void *e, size_t idx)
{
    for (size_t i = 0; i < elem_size_of(k); i++)
        ((unsigned char *)e)[i] = elem_byte(idx, i);
}

static bool elem_is(enum kind k, const void *e, size_t idx)
{
    for (size_t i = 0; i < elem_size_of(k); i++)
        if (((const unsigned char *)e)[i] != elem_byte(idx, i))
            return false;
    return true;
}

static void put(gomap *m, enum kind k, size_t idx)
{
    unsigned char key[BIG_KEY];
    make_key(k, idx, key);
    void *e = gomap_assign(m, key);
    assert_non_null(e);
    write_elem(k, e, idx);
}

static void *get(gomap *m, enum kind k, size_t idx)
{
    unsigned char key[BIG_KEY];
    make_key(k, idx, key);
    return gomap_get(m, key);
}

static bool del(gomap *m, enum kind k, size_t idx)
{
    unsigned char key[BIG_KEY];
    make_key(k, idx, key);
    return gomap_delete(m, key);
}

/* The key number of an entry the iterator returned (NaN keys: their payload). */
static size_t key_index(enum kind k, const void *key)
{
    switch (k) {
    case K_U32:
        for (size_t i = 0; i < 100000; i++) {
            unsigned char b[BIG_KEY];
            make_key(k, i, b);
            if (memcmp(b, key, 4) == 0)
                return i;
        }
        break;
    case K_U64:
    case K_SET: {
        uint64_t v;
        memcpy(&v, key, sizeof v);
        return (size_t)((v - 1) * 0xf1de83e19937733dull); /* inverse of test_u64_key */
    }
    case K_F64: {
        double d;
        memcpy(&d, key, sizeof d);
        if (d != d) {
            uint64_t b;
            memcpy(&b, key, sizeof b);
            return NAN_BASE + (size_t)(b & 0xFFFFFFFFull);
        }
        return d == 0 ? 0 : (size_t)(d - 0.5);
    }
    case K_STR: {
        gomap_str s;
        memcpy(&s, key, sizeof s);
        return (size_t)(s.ptr - strs[0]) / sizeof strs[0];
    }
    case K_GEN: {
        gen_key g;
        memcpy(&g, key, sizeof g);
        return g.a;
    }
    default: {
        size_t idx;
        memcpy(&idx, (const unsigned char *)key + BIG_KEY - sizeof idx, sizeof idx);
        return idx;
    }
    }
    fail_msg("unknown key");
    return 0;
}

/* Storage for one map of any kind used here, with room for a canary. */
#define STORAGE_MAX GOMAP_STORAGE_BYTES(BIG_KEY, BIG_ELEM)
typedef struct storage {
    _Alignas(max_align_t) unsigned char b[STORAGE_MAX + 64];
} map_storage;

/* Everything the allocator handed out was given back, each block with the
 * size it was allocated with. */
static void expect_all_freed(const test_alloc *ta)
{
    assert_int_equal(ta->live, 0);
    assert_false(ta->size_mismatch);
}

static gomap *init_in(map_storage *s, enum kind k, const gomap_options *opt)
{
    gomap_type t = type_of(k);
    size_t need = gomap_storage_size(&t);
    assert_true(need > 0 && need <= STORAGE_MAX);
    gomap *m = gomap_init(s->b, need, &t, opt);
    assert_non_null(m);
    assert_ptr_equal(m, s->b);
    return m;
}

/* ---- GOMAP_STORAGE_BYTES ------------------------------------------------- */

/* A constant expression: an array size, a static assertion, a case label. */
static _Alignas(max_align_t) unsigned char static_buf[GOMAP_STORAGE_BYTES(8, 8)];
_Static_assert(GOMAP_STORAGE_BYTES(8, 8) >= 8 * 16, "room for a bucket of 8 + 8 bytes");
_Static_assert(GOMAP_STORAGE_BYTES(300, 0) == GOMAP_STORAGE_BYTES(8, 0),
               "keys over GOMAP_MAX_INLINE are stored as pointers");

static size_t bound_for(size_t key_size, size_t elem_size)
{
    switch (key_size) {
    case GOMAP_STORAGE_BYTES(0, 0): return 0; /* a case label: an integer constant */
    default: return GOMAP_STORAGE_BYTES(key_size, elem_size);
    }
}

static void check_bound(size_t ks, size_t ka, size_t es, size_t ea, size_t *worst)
{
    gomap_type t = gomap_type_u64(0, 1);
    t.key_size = ks;
    t.key_align = ka;
    t.elem_size = es;
    t.elem_align = ea;
    errno = 0;
    size_t need = gomap_storage_size(&t);
    if (need == 0)
        fail_msg("gomap_storage_size(%zu/%zu, %zu/%zu) refused: errno %d", ks, ka, es, ea, errno);
    size_t bound = bound_for(ks, es);
    if (need > bound)
        fail_msg("GOMAP_STORAGE_BYTES(%zu, %zu) = %zu < %zu needed (alignments %zu, %zu)", ks, es,
                 bound, need, ka, ea);
    if (bound - need > *worst)
        *worst = bound - need;
}

static void storage_bytes_table(void **state)
{
    (void)state;
    static const size_t aligns[] = {1, 2, 4, 8, 16};
    static const size_t sample[] = {0,   1,   2,   3,   4,   6,   8,   12,  16,  24,  32,  40,
                                    48,  64,  96,  100, 112, 120, 127, 128, 129, 130, 136, 144,
                                    160, 192, 200, 255, 256, 257, 288, 300, 512, 4096};
    size_t worst = 0, n = 0;
    for (size_t ai = 0; ai < 5; ai++) {
        size_t a = aligns[ai];
        if (a > GOMAP_MAX_ALIGN)
            continue;
        for (size_t size = 0; size <= 300; size += a) {
            for (size_t bi = 0; bi < 5; bi++) {
                size_t b = aligns[bi];
                if (b > GOMAP_MAX_ALIGN)
                    continue;
                for (size_t si = 0; si < sizeof sample / sizeof sample[0]; si++) {
                    size_t other = sample[si];
                    if (other % b != 0)
                        continue;
                    check_bound(size, a, other, b, &worst); /* every key size */
                    check_bound(other, b, size, a, &worst); /* every elem size */
                    n += 2;
                }
            }
        }
    }
    /* The ready-made kinds, sets and the indirect cases. */
    gomap_type t = gomap_type_str(0, 1);
    assert_true(gomap_storage_size(&t) <= GOMAP_STORAGE_BYTES(sizeof(gomap_str), 0));
    t = gomap_type_u32(GOMAP_ELEM(uint32_t));
    assert_true(gomap_storage_size(&t) <= GOMAP_STORAGE_BYTES(4, 4));
    t = type_of(K_BIG);
    assert_true(gomap_storage_size(&t) <= GOMAP_STORAGE_BYTES(BIG_KEY, BIG_ELEM));
    t = type_of(K_GEN);
    assert_true(gomap_storage_size(&t) <= GOMAP_STORAGE_BYTES(sizeof(gen_key), sizeof(wide_elem)));
    /* The bound is not wasteful: what it adds is padding and the header's
     * headroom, not a multiple of the bucket. */
    t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    assert_true(GOMAP_STORAGE_BYTES(8, 8) - gomap_storage_size(&t) < 512);
    fprintf(stderr, "[init] %zu size/alignment pairs; largest slack %zu bytes\n", n, worst);

    /* The static buffer sized by the macro holds a map. */
    gomap *m = gomap_init(static_buf, sizeof static_buf, &t, NULL);
    assert_non_null(m);
    for (uint64_t i = 0; i < 20; i++)
        *(uint64_t *)gomap_assign_u64(m, i) = i;
    assert_int_equal(*(uint64_t *)gomap_get_u64(m, 13), 13);
    gomap_free(m);
}

/* ---- No allocation up to 8 entries ------------------------------------- */

static size_t scan_bytes;
static bool scan_saw_header;

static void scan_visit(void *ctx, unsigned kind, void *ptr, size_t size, unsigned flags)
{
    (void)ctx;
    (void)ptr;
    (void)flags;
    if (kind == GOMAP_SCAN_HEADER)
        scan_saw_header = true;
    if (kind <= GOMAP_SCAN_TABLE)
        scan_bytes += size;
}

/* Everything a program does to a small map, none of which may call the
 * allocator. */
static void small_workload(gomap *m, enum kind k)
{
    for (size_t i = 0; i < 8; i++)
        put(m, k, i);
    assert_int_equal(gomap_len(m), 8);
    check_map(m);
    for (size_t i = 0; i < 8; i++) {
        void *e = get(m, k, i);
        assert_non_null(e);
        assert_true(elem_is(k, e, i));
    }
    assert_null(get(m, k, 8));
    for (size_t i = 0; i < 8; i++) /* overwrites */
        put(m, k, i);
    assert_true(del(m, k, 3));
    assert_false(del(m, k, 3));
    put(m, k, 9); /* takes the freed cell */
    assert_int_equal(gomap_len(m), 8);

    /* Iteration: whole, left early, with deletes and inserts. */
    gomap_iter it;
    size_t n = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        assert_true(elem_is(k, it.elem, key_index(k, it.key)));
        n++;
    }
    assert_int_equal(n, 8);
    gomap_iter_init(&it, m);
    assert_true(gomap_iter_next(&it));
    gomap_iter_done(&it);
    n = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        size_t idx = key_index(k, it.key);
        assert_true(del(m, k, idx));
        if (n == 0)
            put(m, k, 20); /* may or may not be seen */
        n++;
    }
    assert_true(n >= 8);
    del(m, k, 20); /* if the iteration did not reach it */
    assert_int_equal(gomap_len(m), 0);
    check_map(m);

    /* Introspection. */
    gomap_stats st = stats_of(m);
    assert_int_equal(st.bytes, 0);
    assert_int_equal(st.B, 0);
    gomap_stats_detail d;
    gomap_stats_detailed(m, &d);
    assert_int_equal(d.bytes_total, 0);
    assert_int_equal(d.alloc_blocks, 0);
    assert_int_equal(d.bytes_header + d.bytes_buckets, 0);
    scan_bytes = 0;
    scan_saw_header = false;
    gomap_scan(m, scan_visit, NULL);
    assert_false(scan_saw_header);
    assert_int_equal(scan_bytes, 0);

    /* Clear, also under a live iterator. */
    for (size_t i = 0; i < 8; i++)
        put(m, k, i);
    gomap_iter_init(&it, m);
    assert_true(gomap_iter_next(&it));
    gomap_clear(m);
    assert_false(gomap_iter_next(&it));
    assert_int_equal(gomap_len(m), 0);
    for (size_t i = 0; i < 8; i++)
        put(m, k, 100 + i);
    gomap_clear(m);
    assert_int_equal(gomap_len(m), 0);
    check_map(m);
    /* Emptied by deletes (a new seed is drawn). */
    for (size_t i = 0; i < 5; i++)
        put(m, k, i);
    for (size_t i = 0; i < 5; i++)
        assert_true(del(m, k, i));
    assert_int_equal(gomap_len(m), 0);
    check_map(m);
    if (k == K_F64) {
        /* NaN keys: each a new entry, reached only by iteration and clear */
        for (size_t i = 0; i < 8; i++)
            put(m, k, NAN_BASE + (i % 2));
        assert_int_equal(gomap_len(m), 8);
        assert_null(get(m, k, NAN_BASE));
        n = 0;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
            n += key_index(k, it.key) >= NAN_BASE;
        assert_int_equal(n, 8);
        gomap_clear(m);
        assert_int_equal(gomap_len(m), 0);
    }
}

/* Go's TestNonEscapingMap: a map that stays small never allocates. */
static void zero_allocations(void **state)
{
    (void)state;
    for (enum kind k = 0; k < K_COUNT; k++) {
        if (k == K_BIG)
            continue; /* indirect keys and elems are allocated per entry */
        for (int fixed = 0; fixed < 2; fixed++) {
            test_alloc ta;
            test_alloc_init(&ta);
            gomap_options opt = {&ta.a, SEED, fixed ? GOMAP_FIXED_SEED : 0};
            map_storage s;
            gomap *m = init_in(&s, k, &opt);
            small_workload(m, k);
            gomap_free(m);
            if (ta.calls != 0)
                fail_msg("%s (fixed seed %d): %zu calls to the allocator", kind_name[k], fixed,
                         ta.calls);
        }
    }
}

/* ---- Outgrowing the bucket ---------------------------------------------- */

/* Inserts keys 0..n-1 one by one, checking the whole map after each. */
static void grow_checked(gomap *m, enum kind k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        put(m, k, i);
        assert_int_equal(gomap_len(m), i + 1);
        if (i < 40 || i % 37 == 0) {
            check_map(m);
            for (size_t j = 0; j <= i; j++) {
                void *e = get(m, k, j);
                assert_non_null(e);
                assert_true(elem_is(k, e, j));
            }
        }
    }
}

static void outgrow(void **state)
{
    (void)state;
    for (enum kind k = 0; k < K_COUNT; k++) {
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options opt = test_alloc_options(&ta, SEED);
        map_storage s;
        gomap *m = init_in(&s, k, &opt);
        for (size_t i = 0; i < 8; i++)
            put(m, k, i);
        size_t calls = ta.calls;
        put(m, k, 8); /* the ninth entry: a growth to 2 buckets */
        assert_true(ta.calls > calls);
        gomap_stats st = stats_of(m);
        assert_int_equal(st.B, 1);
        assert_false(st.growing); /* small growths finish at once */
        assert_int_equal(st.bytes, ta.live_bytes);
        gomap_clear(m);
        grow_checked(m, k, 300);
        assert_int_equal(stats_of(m).bytes, ta.live_bytes);
        for (size_t i = 0; i < 300; i += 2)
            assert_true(del(m, k, i));
        check_map(m);
        for (size_t i = 0; i < 300; i++)
            assert_true((get(m, k, i) != NULL) == (i % 2 == 1));
        gomap_free(m);
        expect_all_freed(&ta);
        assert_int_equal(ta.live_bytes, 0);
        assert_false(ta.size_mismatch);
    }
}

/* Go's rule: an entry present for the whole iteration is returned exactly
 * once; one deleted before it is reached is not returned; none twice. The
 * iteration starts in the bucket in storage and the map outgrows it. */
static void iterate_across_outgrowing(void **state)
{
    (void)state;
    for (enum kind k = 0; k < K_COUNT; k++) {
        for (size_t seen_before = 0; seen_before <= 8; seen_before += 4) {
            test_alloc ta;
            test_alloc_init(&ta);
            gomap_options opt = test_alloc_options(&ta, SEED + seen_before);
            map_storage s;
            gomap *m = init_in(&s, k, &opt);
            for (size_t i = 0; i < 8; i++)
                put(m, k, i);
            unsigned seen[600] = {0};
            gomap_iter it;
            gomap_iter_init(&it, m);
            for (size_t n = 0; n < seen_before; n++) {
                assert_true(gomap_iter_next(&it));
                seen[key_index(k, it.key)]++;
            }
            /* Delete two entries not seen yet, grow well past one bucket. */
            size_t deleted = 0;
            bool gone[8] = {false};
            for (size_t i = 0; i < 8 && deleted < 2; i++)
                if (seen[i] == 0) {
                    assert_true(del(m, k, i));
                    gone[i] = true;
                    deleted++;
                }
            for (size_t i = 8; i < 300; i++)
                put(m, k, i);
            check_map(m);
            /* A second iterator started after the growth sees everything. */
            gomap_iter it2;
            size_t n2 = 0;
            for (gomap_iter_init(&it2, m); gomap_iter_next(&it2);)
                n2++;
            assert_int_equal(n2, gomap_len(m));
            while (gomap_iter_next(&it)) {
                size_t idx = key_index(k, it.key);
                assert_true(idx < 300);
                assert_true(elem_is(k, it.elem, idx));
                seen[idx]++;
                if (idx % 5 == 0 && idx >= 8)
                    del(m, k, idx + 1); /* delete during iteration */
            }
            for (size_t i = 0; i < 300; i++)
                assert_true(seen[i] <= 1);
            for (size_t i = 0; i < 8; i++)
                assert_int_equal(seen[i], gone[i] ? 0 : 1);
            check_map(m);
            gomap_free(m);
            expect_all_freed(&ta);
        }
    }
}

/* An iterator still live when the map is freed: gomap_free ends it and
 * frees everything it pinned, except the storage. */
static void free_with_live_iterator(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options opt = test_alloc_options(&ta, SEED);
    map_storage s;
    gomap *m = init_in(&s, K_U64, &opt);
    for (size_t i = 0; i < 8; i++)
        put(m, K_U64, i);
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_true(gomap_iter_next(&it));
    for (size_t i = 8; i < 2000; i++) /* several growths, old arrays retired */
        put(m, K_U64, i);
    gomap_free(m);
    expect_all_freed(&ta);
}

/* ---- NaN keys, clear, clone ----------------------------------------------- */

static void nan_keys(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options opt = test_alloc_options(&ta, SEED);
    map_storage s;
    gomap *m = init_in(&s, K_F64, &opt);
    for (size_t i = 0; i < 6; i++)
        put(m, K_F64, NAN_BASE + i);
    put(m, K_F64, 0);
    put(m, K_F64, 1);
    assert_int_equal(ta.calls, 0);
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_true(gomap_iter_next(&it));
    for (size_t i = 6; i < 40; i++) /* outgrows the bucket with NaN entries */
        put(m, K_F64, NAN_BASE + i);
    assert_int_equal(gomap_len(m), 42);
    check_map(m);
    size_t nans = 0;
    while (gomap_iter_next(&it))
        nans += key_index(K_F64, it.key) >= NAN_BASE;
    assert_true(nans >= 5); /* the 6 there from the start, less one seen first */
    nans = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
        nans += key_index(K_F64, it.key) >= NAN_BASE;
    assert_int_equal(nans, 40);
    gomap_clear(m);
    assert_int_equal(gomap_len(m), 0);
    check_map(m);
    gomap_free(m);
    expect_all_freed(&ta);
}

/* Clear of a map that outgrew its storage keeps its allocated array, as
 * gomap_clear does for every map (Go's clear): refilling it to its load
 * limit allocates nothing. */
static void clear_after_outgrowing(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options opt = test_alloc_options(&ta, SEED);
    map_storage s;
    gomap *m = init_in(&s, K_U64, &opt);
    for (size_t i = 0; i < 12; i++)
        put(m, K_U64, i);
    gomap_stats st = stats_of(m);
    assert_int_equal(st.B, 1);
    size_t bytes = st.bytes, calls = ta.calls;
    gomap_clear(m);
    st = stats_of(m);
    assert_int_equal(st.count, 0);
    assert_int_equal(st.B, 1);
    assert_int_equal(st.bytes, bytes);
    for (size_t i = 100; i < 113; i++) /* 13 = 6.5 * 2 */
        put(m, K_U64, i);
    assert_int_equal(ta.calls, calls);
    check_map(m);
    gomap_free(m);
    expect_all_freed(&ta);
}

static void clone_is_a_heap_map(void **state)
{
    (void)state;
    for (enum kind k = 0; k < K_COUNT; k++) {
        for (size_t n = 0; n <= 40; n += 8) {
            test_alloc ta;
            test_alloc_init(&ta);
            gomap_options opt = test_alloc_options(&ta, SEED);
            map_storage s;
            gomap *m = init_in(&s, k, &opt);
            for (size_t i = 0; i < n; i++)
                put(m, k, i);
            size_t live = ta.live;
            gomap *c = gomap_clone(m);
            assert_non_null(c);
            assert_true((uintptr_t)c < (uintptr_t)s.b ||
                        (uintptr_t)c >= (uintptr_t)(s.b + sizeof s.b));
            assert_true(ta.live > live); /* its header at least */
            assert_int_equal(gomap_len(c), n);
            check_map(c);
            for (size_t i = 0; i < n; i++)
                assert_true(elem_is(k, get(c, k, i), i));
            /* independent */
            if (n > 0)
                assert_true(del(m, k, 0));
            put(c, k, 500);
            assert_null(get(m, k, 500));
            if (n > 0)
                assert_non_null(get(c, k, 0));
            gomap_free(m);
            assert_true(ta.live > 0);
            gomap_free(c);
            expect_all_freed(&ta);
        }
    }
}

/* ---- The storage: untouched beyond size, left to the caller ------------- */

/* Everything at once, on storage of exactly gomap_storage_size bytes. */
static void heavy_use(gomap *m, enum kind k)
{
    for (size_t i = 0; i < 8; i++)
        put(m, k, i);
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_true(gomap_iter_next(&it));
    for (size_t i = 8; i < 200; i++)
        put(m, k, i);
    for (size_t i = 0; i < 200; i += 3)
        del(m, k, i);
    while (gomap_iter_next(&it))
        ;
    gomap *c = gomap_clone(m);
    assert_non_null(c);
    gomap_free(c);
    gomap_clear(m);
    for (size_t i = 0; i < 50; i++)
        put(m, k, i);
    check_map(m);
}

static void canary_and_storage_left(void **state)
{
    (void)state;
    for (enum kind k = 0; k < K_COUNT; k++) {
        gomap_type t = type_of(k);
        size_t need = gomap_storage_size(&t);
        /* On the stack, with canaries after the storage. */
        map_storage s;
        memset(s.b, 0xCD, sizeof s.b);
        gomap *m = gomap_init(s.b, need, &t, NULL);
        assert_non_null(m);
        heavy_use(m, k);
        gomap_free(m);
        for (size_t i = need; i < sizeof s.b; i++)
            if (s.b[i] != 0xCD)
                fail_msg("%s: byte %zu past the %zu bytes of storage was written", kind_name[k], i,
                         need);
        /* On the heap, exactly need bytes (AddressSanitizer and valgrind
         * see any access past them), reused for a second map after the
         * first is freed, and freed by the caller: a free of the storage
         * by the map would be a double free. */
        void *exact = malloc(need); /* malloc aligns to max_align_t */
        assert_non_null(exact);
        assert_int_equal((uintptr_t)exact % GOMAP_MAX_ALIGN, 0);
        for (int round = 0; round < 2; round++) {
            m = gomap_init(exact, need, &t, NULL);
            assert_non_null(m);
            heavy_use(m, k);
            gomap_free(m);
        }
        free(exact);
    }
}

/* ---- Bad input ---------------------------------------------------------- */

#define EXPECT_EINVAL(cond)                                                                        \
    do {                                                                                           \
        errno = 0;                                                                                 \
        assert_true(cond);                                                                         \
        assert_int_equal(errno, EINVAL);                                                           \
    } while (0)

static void bad_input(void **state)
{
    (void)state;
    map_storage s;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    size_t need = gomap_storage_size(&t);
    assert_true(need > 0);
    EXPECT_EINVAL(gomap_init(NULL, need, &t, NULL) == NULL);
    EXPECT_EINVAL(gomap_init(s.b, need - 1, &t, NULL) == NULL);
    EXPECT_EINVAL(gomap_init(s.b, 0, &t, NULL) == NULL);
    EXPECT_EINVAL(gomap_init(s.b + 1, need, &t, NULL) == NULL);
    if (GOMAP_MAX_ALIGN > 8)
        EXPECT_EINVAL(gomap_init(s.b + 8, need, &t, NULL) == NULL);
    EXPECT_EINVAL(gomap_init(s.b, need, NULL, NULL) == NULL);
    EXPECT_EINVAL(gomap_storage_size(NULL) == 0);
    gomap_type bad = t;
    bad.key_align = 3;
    EXPECT_EINVAL(gomap_init(s.b, sizeof s.b, &bad, NULL) == NULL);
    EXPECT_EINVAL(gomap_storage_size(&bad) == 0);
    bad = t;
    bad.hash = NULL;
    EXPECT_EINVAL(gomap_init(s.b, sizeof s.b, &bad, NULL) == NULL);
    bad = t;
    bad.flags = 0x100u;
    EXPECT_EINVAL(gomap_init(s.b, sizeof s.b, &bad, NULL) == NULL);
    EXPECT_EINVAL(gomap_storage_size(&bad) == 0);
    gomap_options o = {NULL, 0, 0x80u};
    EXPECT_EINVAL(gomap_init(s.b, sizeof s.b, &t, &o) == NULL);
    gomap_allocator half = {NULL, NULL, NULL};
    gomap_options oa = {&half, 0, 0};
    EXPECT_EINVAL(gomap_init(s.b, sizeof s.b, &t, &oa) == NULL);
    /* every known option bit is accepted; exactly need bytes suffice */
    gomap_options ok = {NULL, 1, GOMAP_FIXED_SEED | GOMAP_NO_BACKGROUND | GOMAP_NO_HUGE_PAGES};
    gomap *m = gomap_init(s.b, need, &t, &ok);
    assert_non_null(m);
    gomap_free(m);
}

/* ---- Same order as gomap_new_with; the default allocator ---------------- */

static void iteration_order(gomap *m, enum kind k, size_t *out, size_t cap)
{
    size_t n = 0;
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        assert_true(n < cap);
        out[n++] = key_index(k, it.key);
    }
    assert_int_equal(n, gomap_len(m));
}

static void same_order_as_new(void **state)
{
    (void)state;
    for (enum kind k = 0; k < K_COUNT; k++) {
        gomap_options opt = {NULL, 0xFEED, GOMAP_FIXED_SEED};
        gomap_type t = type_of(k);
        map_storage s;
        gomap *a = init_in(&s, k, &opt);
        gomap *b = gomap_new_with(&t, 0, &opt);
        assert_non_null(b);
        size_t oa[300], ob[300];
        for (size_t i = 0; i < 120; i++) {
            put(a, k, i);
            put(b, k, i);
            if (i % 7 == 3) {
                del(a, k, i - 2);
                del(b, k, i - 2);
            }
            if (i < 20 || i % 10 == 0) {
                iteration_order(a, k, oa, 300);
                iteration_order(b, k, ob, 300);
                assert_memory_equal(oa, ob, gomap_len(a) * sizeof oa[0]);
            }
        }
        gomap_free(a);
        gomap_free(b);
    }
}

/* ---- The typed layer, pools ----------------------------------------------- */

GOMAP_DECLARE(counts, u64, uint64_t)
GOMAP_DECLARE_SET(ids, u32)

static void typed_init(void **state)
{
    (void)state;
    _Alignas(max_align_t) unsigned char buf[GOMAP_STORAGE_BYTES(8, 8)];
    assert_true(counts_storage_size() <= sizeof buf);
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options opt = {&ta.a, 0, 0};
    counts *c = counts_init(buf, sizeof buf, &opt);
    assert_non_null(c);
    for (uint64_t i = 0; i < 8; i++)
        assert_true(counts_put(c, i, i * i));
    assert_int_equal(counts_get_or(c, 3, 0), 9);
    assert_int_equal(ta.calls, 0);
    for (uint64_t i = 8; i < 100; i++)
        assert_true(counts_put(c, i, i * i));
    assert_int_equal(counts_get_or(c, 99, 0), 99 * 99);
    counts_free(c);
    expect_all_freed(&ta);

    _Alignas(max_align_t) unsigned char sbuf[GOMAP_STORAGE_BYTES(sizeof(uint32_t), 0)];
    assert_true(ids_storage_size() <= sizeof sbuf);
    ids *set = ids_init(sbuf, sizeof sbuf, NULL);
    assert_non_null(set);
    assert_true(ids_add(set, 7) && ids_add(set, 7) && ids_add(set, 9));
    assert_int_equal(ids_len(set), 2);
    ids_free(set);
    errno = 0;
    assert_null(ids_init(sbuf, 16, NULL));
    assert_int_equal(errno, EINVAL);
}

/* A pool retains only maps it may hand out again: one in caller storage
 * is freed, and its storage left alone. */
static void pool_declines(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_pool *p = gomap_pool_new(&t, NULL);
    assert_non_null(p);
    map_storage s;
    memset(s.b, 0xCD, sizeof s.b);
    size_t need = gomap_storage_size(&t);
    gomap *m = gomap_init(s.b, need, &t, NULL);
    assert_non_null(m);
    for (uint64_t i = 0; i < 30; i++)
        gomap_assign_u64(m, i);
    gomap_pool_put(p, m);
    assert_int_equal(gomap_pool_retained(p), 0);
    for (size_t i = need; i < sizeof s.b; i++)
        assert_int_equal(s.b[i], 0xCD);
    gomap_pool_free(p);
}

/* Stats and scan count what the map allocated, never the storage. */
static void stats_and_scan(void **state)
{
    (void)state;
    for (enum kind k = 0; k < K_COUNT; k++) {
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options opt = test_alloc_options(&ta, SEED);
        map_storage s;
        gomap *m = init_in(&s, k, &opt);
        for (size_t n = 0; n < 200; n += 1 + n / 4) {
            while (gomap_len(m) < n)
                put(m, k, gomap_len(m));
            gomap_stats_detail d;
            gomap_stats_detailed(m, &d);
            assert_int_equal(d.base.bytes, ta.live_bytes);
            assert_int_equal(d.bytes_total, ta.live_bytes);
            assert_int_equal(d.alloc_blocks, ta.live);
            assert_int_equal(d.bytes_header + d.bytes_buckets + d.bytes_overflow +
                                 d.bytes_indirect + d.bytes_old + d.bytes_retired,
                             d.bytes_total);
            scan_bytes = 0;
            scan_saw_header = false;
            gomap_scan(m, scan_visit, NULL);
            assert_false(scan_saw_header);
            assert_int_equal(scan_bytes, ta.live_bytes);
        }
        gomap_free(m);
        expect_all_freed(&ta);
    }
}

static int setup_strings(void **state)
{
    (void)state;
    for (size_t i = 0; i < NSTR; i++)
        snprintf(strs[i], sizeof strs[i], "key-%zu", i);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(storage_bytes_table),
        cmocka_unit_test(zero_allocations),
        cmocka_unit_test(outgrow),
        cmocka_unit_test(iterate_across_outgrowing),
        cmocka_unit_test(free_with_live_iterator),
        cmocka_unit_test(nan_keys),
        cmocka_unit_test(clear_after_outgrowing),
        cmocka_unit_test(clone_is_a_heap_map),
        cmocka_unit_test(canary_and_storage_left),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(same_order_as_new),
        cmocka_unit_test(typed_init),
        cmocka_unit_test(pool_declines),
        cmocka_unit_test(stats_and_scan),
    };
    return cmocka_run_group_tests(tests, setup_strings, NULL);
}
