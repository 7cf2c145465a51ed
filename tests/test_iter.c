/* SPDX-License-Identifier: BSD-3-Clause */
/* Iteration guarantees (Go's range semantics) under mutation, for u64 keys,
 * string keys and a > 128-byte (indirectly stored) generic key:
 *  - every entry exactly once without mutation;
 *  - an entry deleted before it is reached is never returned;
 *  - no entry is returned twice, even across several doublings;
 *  - entries present at the start and never deleted are all returned;
 *  - returned values are the current values;
 *  - clear, early exit (gomap_iter_done), two live iterators, start offsets,
 *    and the release of the memory an iterator pins. */
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

/* ------------------------------------------------------------------------ */
/* Key kinds                                                                */
/* ------------------------------------------------------------------------ */

enum { K_U64, K_STR, K_BIG, NKINDS };
static const char *const kind_names[NKINDS] = {"u64", "str", "big"};

#define MAXID 60000u

/* A 200-byte key: stored indirectly (> GOMAP_MAX_INLINE). */
typedef struct big_key {
    uint64_t id;
    unsigned char pad[192];
} big_key;

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(big_key), seed);
}

static bool big_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(big_key)) == 0;
}

static big_key big_of(uint64_t id)
{
    big_key k;
    k.id = id;
    for (size_t j = 0; j < sizeof k.pad; j++)
        k.pad[j] = (unsigned char)(id * 31 + j);
    return k;
}

/* String keys live here for the whole program: the map does not copy them. */
static char str_store[MAXID][16];
static size_t str_len[MAXID];

static void init_strs(void)
{
    if (str_len[0] != 0)
        return;
    for (uint64_t i = 0; i < MAXID; i++)
        str_len[i] =
            (size_t)snprintf(str_store[i], sizeof str_store[i], "key:%llu", (unsigned long long)i);
}

static gomap *kmake(int kind, size_t hint, const gomap_options *o)
{
    init_strs();
    gomap_type t;
    if (kind == K_U64) {
        t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    } else if (kind == K_STR) {
        t = gomap_type_str(GOMAP_ELEM(uint64_t));
    } else {
        gomap_type b = {
            GOMAP_ELEM(big_key), GOMAP_ELEM(uint64_t), big_hash, big_equal, 0, NULL, NULL};
        t = b;
    }
    gomap *m = o != NULL ? gomap_new_with(&t, hint, o) : gomap_new(&t, hint);
    assert_non_null(m);
    return m;
}

static uint64_t *kassign(gomap *m, int kind, uint64_t id)
{
    assert_true(id < MAXID);
    void *e;
    if (kind == K_U64) {
        e = gomap_assign_u64(m, id);
    } else if (kind == K_STR) {
        e = gomap_assign_str(m, str_store[id], str_len[id]);
    } else {
        big_key k = big_of(id);
        e = gomap_assign(m, &k);
    }
    assert_non_null(e);
    return e;
}

static uint64_t *kget(const gomap *m, int kind, uint64_t id)
{
    if (kind == K_U64)
        return gomap_get_u64(m, id);
    if (kind == K_STR)
        return gomap_get_str(m, str_store[id], str_len[id]);
    big_key k = big_of(id);
    return gomap_get(m, &k);
}

static bool kdel(gomap *m, int kind, uint64_t id)
{
    if (kind == K_U64)
        return gomap_delete_u64(m, id);
    if (kind == K_STR)
        return gomap_delete_str(m, str_store[id], str_len[id]);
    big_key k = big_of(id);
    return gomap_delete(m, &k);
}

/* The id of an iterated key; checks the key's bytes. */
static uint64_t kid(int kind, const void *key)
{
    uint64_t id;
    if (kind == K_U64) {
        memcpy(&id, key, sizeof id);
    } else if (kind == K_STR) {
        gomap_str s;
        memcpy(&s, key, sizeof s);
        assert_true(s.len > 4 && s.len < 16);
        assert_memory_equal(s.ptr, "key:", 4);
        id = 0;
        for (size_t i = 4; i < s.len; i++) {
            assert_true(s.ptr[i] >= '0' && s.ptr[i] <= '9');
            id = id * 10 + (uint64_t)(s.ptr[i] - '0');
        }
    } else {
        big_key k;
        memcpy(&k, key, sizeof k);
        id = k.id;
        big_key want = big_of(id < MAXID ? id : 0);
        assert_memory_equal(&k, &want, sizeof k);
    }
    assert_true(id < MAXID);
    return id;
}

static uint64_t elem_of(const void *e)
{
    uint64_t v;
    memcpy(&v, e, sizeof v);
    return v;
}

/* Shadow of the map's contents. */
static unsigned char present[MAXID];
static uint64_t value[MAXID];
static unsigned char seen[MAXID];
static unsigned char at_start[MAXID];
static unsigned char deleted[MAXID];

static void shadow_reset(void)
{
    memset(present, 0, sizeof present);
    memset(value, 0, sizeof value);
    memset(seen, 0, sizeof seen);
    memset(at_start, 0, sizeof at_start);
    memset(deleted, 0, sizeof deleted);
}

static void put(gomap *m, int kind, uint64_t id, uint64_t v)
{
    *kassign(m, kind, id) = v;
    present[id] = 1;
    value[id] = v;
}

static void del(gomap *m, int kind, uint64_t id)
{
    assert_int_equal(kdel(m, kind, id), present[id]);
    present[id] = 0;
    deleted[id] = 1;
}

static void snapshot_start(void)
{
    memcpy(at_start, present, sizeof present);
    memset(seen, 0, sizeof seen);
    memset(deleted, 0, sizeof deleted);
}

/* Checks one returned entry against the shadow and marks it seen. */
static uint64_t visit(int kind, const gomap_iter *it)
{
    uint64_t id = kid(kind, it->key);
    if (seen[id])
        fail_msg("%s: key %llu returned twice", kind_names[kind], (unsigned long long)id);
    if (!present[id])
        fail_msg("%s: key %llu returned but not in the map", kind_names[kind],
                 (unsigned long long)id);
    if (elem_of(it->elem) != value[id])
        fail_msg("%s: key %llu returned with value %llu, current %llu", kind_names[kind],
                 (unsigned long long)id, (unsigned long long)elem_of(it->elem),
                 (unsigned long long)value[id]);
    seen[id] = 1;
    return id;
}

/* Every entry present at the start and never deleted was returned. */
static void expect_all_survivors_seen(int kind)
{
    for (uint64_t id = 0; id < MAXID; id++)
        if (at_start[id] && !deleted[id] && !seen[id])
            fail_msg("%s: key %llu present throughout but never returned", kind_names[kind],
                     (unsigned long long)id);
}

/* ------------------------------------------------------------------------ */
/* No mutation                                                              */
/* ------------------------------------------------------------------------ */

static void every_entry_once(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 7, 8, 9, 13, 14, 100, 1000, 5000};
    for (int kind = 0; kind < NKINDS; kind++) {
        for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
            for (int hinted = 0; hinted < 2; hinted++) {
                shadow_reset();
                gomap *m = kmake(kind, hinted ? sizes[si] : 0, NULL);
                for (uint64_t id = 0; id < sizes[si]; id++)
                    put(m, kind, id * 7 % MAXID, id + 1);
                for (int pass = 0; pass < 2; pass++) {
                    snapshot_start();
                    size_t n = 0;
                    gomap_iter it;
                    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                        visit(kind, &it);
                        n++;
                    }
                    assert_int_equal(n, sizes[si]);
                    expect_all_survivors_seen(kind);
                }
                check_map(m);
                gomap_free(m);
            }
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Inside one bucket (the inline part of gomap_iter_next)                   */
/* ------------------------------------------------------------------------ */

/* Cells of the bucket being walked, not yet returned, deleted or updated
 * from the loop body: the deleted ones are not returned, the updated ones
 * come with their new value. Eight keys make one bucket (B = 0); each seed
 * gives another start offset. */
static void delete_in_current_bucket(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        for (uint64_t seed = 0; seed < 48; seed++) {
            shadow_reset();
            gomap_options o = {.seed = seed, .flags = GOMAP_FIXED_SEED};
            gomap *m = kmake(kind, 0, &o);
            for (uint64_t id = 0; id < 8; id++)
                put(m, kind, id, id + 1000);
            assert_int_equal(stats_of(m).B, 0);
            snapshot_start();
            gomap_iter it;
            gomap_iter_init(&it, m);
            assert_true(gomap_iter_next(&it));
            uint64_t first = visit(kind, &it);
            for (uint64_t id = 0; id < 8; id++) {
                if (id == first)
                    continue;
                if ((id + seed) % 3 == 0)
                    del(m, kind, id);
                else if ((id + seed) % 3 == 1)
                    put(m, kind, id, id + 2000);
            }
            size_t n = 1;
            while (gomap_iter_next(&it)) {
                uint64_t id = visit(kind, &it);
                n++;
                /* and the next unreturned one, from inside the walk */
                for (uint64_t j = 0; j < 8; j++) {
                    if (present[j] && !seen[j] && j != id) {
                        del(m, kind, j);
                        break;
                    }
                }
            }
            assert_true(n <= 8);
            expect_all_survivors_seen(kind);
            check_map(m);
            gomap_free(m);
        }
    }
}

/* Keys inserted into the bucket being walked: each returned at most once,
 * every key present from the start returned. */
static void insert_in_current_bucket(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        for (uint64_t seed = 0; seed < 48; seed++) {
            shadow_reset();
            gomap_options o = {.seed = seed, .flags = GOMAP_FIXED_SEED};
            gomap *m = kmake(kind, 0, &o);
            for (uint64_t id = 0; id < 4; id++)
                put(m, kind, id, id + 1000);
            snapshot_start();
            gomap_iter it;
            uint64_t next_id = 4;
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                visit(kind, &it);
                if (next_id < 8) { /* stays in the one bucket (B = 0) */
                    put(m, kind, next_id, next_id + 1000);
                    next_id++;
                }
            }
            assert_int_equal(stats_of(m).B, 0);
            expect_all_survivors_seen(kind);
            check_map(m);
            gomap_free(m);
        }
    }
}

/* A growth that starts while the walk is inside a bucket: the rest of the
 * bucket's cells are marked evacuated under the iterator, which must look
 * them up (deleted ones skipped, updated ones with their new value), and
 * the entries the growth moved are not returned again from the new array.
 * With B = 0 the growth completes at once; with B = 3 it is left in
 * progress for part of the walk. */
static void growth_in_current_bucket(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        for (uint64_t seed = 0; seed < 32; seed++) {
            for (int large = 0; large < 2; large++) {
                shadow_reset();
                gomap_options o = {.seed = seed, .flags = GOMAP_FIXED_SEED};
                gomap *m = kmake(kind, 0, &o);
                uint64_t n0 = large ? 52 : 8; /* at most the count before a growth */
                for (uint64_t id = 0; id < n0; id++)
                    put(m, kind, id, id + 1000);
                assert_false(stats_of(m).growing);
                snapshot_start();
                gomap_iter it;
                gomap_iter_init(&it, m);
                assert_true(gomap_iter_next(&it));
                uint64_t first = visit(kind, &it);
                uint64_t id = n0;
                if (large) {
                    while (!stats_of(m).growing && id < 200) { /* starts the growth */
                        put(m, kind, id, 7);
                        id++;
                    }
                    assert_true(stats_of(m).growing);
                } else {
                    for (; id < 60; id++) /* several doublings */
                        put(m, kind, id, id + 1000);
                }
                for (uint64_t j = 0; j < n0; j++) {
                    if (j == first)
                        continue;
                    if ((j + seed) % 4 == 0)
                        del(m, kind, j);
                    else if ((j + seed) % 4 == 1)
                        put(m, kind, j, j + 3000);
                }
                size_t steps = 0;
                while (gomap_iter_next(&it)) {
                    visit(kind, &it);
                    if (large && ++steps % 4 == 0 && id < 400) {
                        put(m, kind, id, id + 1000);
                        id++;
                    }
                }
                expect_all_survivors_seen(kind);
                check_map(m);
                gomap_free(m);
            }
        }
    }
}

/* FNV-1a over the keys of a fixed-seed u64 map in iteration order, through
 * next (the inline expansion or the function's address). */
static uint64_t order_hash(size_t n, uint64_t seed, bool growing, bool (*next)(gomap_iter *))
{
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_options o = {.seed = seed, .flags = GOMAP_FIXED_SEED};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    uint64_t k = 0;
    for (; k < n; k++)
        *(uint64_t *)gomap_assign_u64(m, k * 7919) = k;
    if (growing) {
        do
            gomap_assign_u64(m, (k++) * 7919);
        while (!stats_of(m).growing);
    }
    uint64_t h = UINT64_C(1469598103934665603);
    gomap_iter it;
    gomap_iter_init(&it, m);
    while (next != NULL ? next(&it) : gomap_iter_next(&it)) {
        uint64_t key;
        memcpy(&key, it.key, sizeof key);
        for (int i = 0; i < 8; i++) {
            h ^= (key >> (8 * i)) & 0xff;
            h *= UINT64_C(1099511628211);
        }
    }
    gomap_free(m);
    return h;
}

/* The visiting order of fixed-seed maps is part of what GOMAP_FIXED_SEED
 * promises: these orders were recorded before iteration was split into an
 * inline part and an out-of-line part, and must not change. */
static void fixed_seed_order_unchanged(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        uint64_t seed;
        bool growing;
        uint64_t hash;
    } want[] = {
        {5, 1, false, UINT64_C(0x778cbe34b7dfce77)},
        {5, 2, false, UINT64_C(0x826069fbc1226a8f)},
        {100, 1, false, UINT64_C(0xab91d90da0723beb)},
        {100, 2, false, UINT64_C(0x1bb21861322b262f)},
        {5000, 1, false, UINT64_C(0x52ffcbcf1bab5caf)},
        {5000, 2, false, UINT64_C(0x83d3582300773907)},
        {100, 1, true, UINT64_C(0x650b41718a2a1df8)},
        {100, 2, true, UINT64_C(0x8a1ff44f7c9ab4e8)},
        {5000, 1, true, UINT64_C(0xab87121544a3999c)},
        {5000, 2, true, UINT64_C(0x9b87c24127dbfc68)},
    };
    bool (*by_address)(gomap_iter *) = &gomap_iter_next;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(order_hash(want[i].n, want[i].seed, want[i].growing, NULL), want[i].hash);
        assert_int_equal(order_hash(want[i].n, want[i].seed, want[i].growing, by_address),
                         want[i].hash);
    }
}

/* ------------------------------------------------------------------------ */
/* Deletes during iteration                                                 */
/* ------------------------------------------------------------------------ */

static void delete_unreached(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        for (uint64_t seed = 0; seed < 3; seed++) {
            shadow_reset();
            gomap_options o = {.seed = seed, .flags = GOMAP_FIXED_SEED};
            gomap *m = kmake(kind, 0, &o);
            const uint64_t N = 2000;
            for (uint64_t id = 0; id < N; id++)
                put(m, kind, id, id * 5);
            snapshot_start();
            uint64_t rng = seed + 100;
            size_t steps = 0;
            gomap_iter it;
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                uint64_t cur = visit(kind, &it);
                if (steps++ == 0) {
                    /* at the first step, delete a third of the map */
                    for (uint64_t id = 0; id < N; id++)
                        if (id % 3 == 1 && id != cur)
                            del(m, kind, id);
                } else {
                    /* then two random entries per step */
                    for (int j = 0; j < 2; j++) {
                        uint64_t id = test_splitmix64(&rng) % N;
                        if (present[id])
                            del(m, kind, id);
                    }
                }
            }
            /* visit() failed already if a deleted key was returned */
            expect_all_survivors_seen(kind);
            check_map(m);
            gomap_free(m);
        }
    }
}

static void delete_current(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        static const size_t sizes[] = {1, 8, 9, 100, 3000};
        for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
            shadow_reset();
            gomap *m = kmake(kind, 0, NULL);
            for (uint64_t id = 0; id < sizes[si]; id++)
                put(m, kind, id, id ^ 0x55);
            snapshot_start();
            size_t n = 0;
            gomap_iter it;
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                uint64_t id = visit(kind, &it);
                del(m, kind, id);
                assert_null(kget(m, kind, id));
                n++;
            }
            assert_int_equal(n, sizes[si]);
            assert_int_equal(gomap_len(m), 0);
            expect_all_survivors_seen(kind);
            check_map(m);
            /* the map is still usable */
            put(m, kind, 1, 2);
            assert_int_equal(*kget(m, kind, 1), 2);
            gomap_free(m);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Inserts during iteration                                                 */
/* ------------------------------------------------------------------------ */

/* Iterates m while inserting (enough for several doublings), updating and
 * deleting; checks Go's guarantees. next_id is the first unused id. */
static void iterate_while_mutating(gomap *m, int kind, uint64_t next_id, uint64_t seed,
                                   bool deletes)
{
    uint64_t rng = seed * 7 + 1;
    unsigned B0 = stats_of(m).B;
    snapshot_start();
    gomap_iter it;
    size_t steps = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        visit(kind, &it);
        steps++;
        /* insert new keys */
        for (int j = 0; j < 16 && next_id < MAXID; j++) {
            put(m, kind, next_id, next_id * 3 + 1);
            next_id++;
        }
        /* update a random existing key */
        uint64_t u = test_splitmix64(&rng) % next_id;
        if (present[u])
            put(m, kind, u, value[u] + 1000000);
        /* delete a random key */
        if (deletes) {
            uint64_t d = test_splitmix64(&rng) % next_id;
            if (present[d])
                del(m, kind, d);
        }
    }
    expect_all_survivors_seen(kind);
    assert_true(steps > 0);
    unsigned B1 = stats_of(m).B;
    if (B1 < B0 + 3)
        fail_msg("%s: only grew from B=%u to B=%u", kind_names[kind], B0, B1);
    /* the map agrees with the shadow */
    size_t len = 0;
    for (uint64_t id = 0; id < next_id; id++) {
        uint64_t *e = kget(m, kind, id);
        if (present[id]) {
            assert_non_null(e);
            assert_int_equal(*e, value[id]);
            len++;
        } else {
            assert_null(e);
        }
    }
    assert_int_equal(gomap_len(m), len);
    check_map(m);
}

static void insert_during_iteration(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        for (uint64_t seed = 0; seed < 4; seed++) {
            shadow_reset();
            gomap_options o = {.seed = seed, .flags = seed & 1 ? GOMAP_FIXED_SEED : 0u};
            gomap *m = kmake(kind, 0, &o);
            uint64_t n = 50;
            for (uint64_t id = 0; id < n; id++)
                put(m, kind, id, id);
            iterate_while_mutating(m, kind, n, seed, seed >= 2);
            gomap_free(m);
        }
    }
}

static void insert_during_iteration_started_while_growing(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        for (uint64_t seed = 0; seed < 4; seed++) {
            shadow_reset();
            gomap_options o = {.seed = seed, .flags = GOMAP_FIXED_SEED};
            gomap *m = kmake(kind, 0, &o);
            uint64_t n = 0;
            uint64_t target = seed < 2 ? 100 : 1000;
            if (seed & 1) { /* some deletes first, so there are tombstones */
                for (; n < target / 2; n++)
                    put(m, kind, n, n);
                for (uint64_t id = 0; id < n; id += 5)
                    del(m, kind, id);
            }
            while (n < target || !stats_of(m).growing) {
                put(m, kind, n, n);
                n++;
            }
            assert_true(stats_of(m).growing);
            iterate_while_mutating(m, kind, n, seed, seed >= 2);
            gomap_free(m);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Early exit, two iterators, clear                                         */
/* ------------------------------------------------------------------------ */

static void early_exit_then_reuse(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        for (int variant = 0; variant < 3; variant++) {
            shadow_reset();
            test_alloc ta;
            test_alloc_init(&ta);
            gomap_options o = test_alloc_options(&ta, (uint64_t)variant);
            gomap *m = kmake(kind, 0, &o);
            for (uint64_t id = 0; id < 1000; id++)
                put(m, kind, id, id);
            gomap_iter it;
            gomap_iter_init(&it, m);
            for (int i = 0; i < 3; i++) {
                assert_true(gomap_iter_next(&it));
                kid(kind, it.key);
            }
            if (variant >= 1) {
                /* writes while the iterator is live: growth, deletes of
                 * indirect keys the iterator may still reach */
                for (uint64_t id = 1000; id < 5000; id++)
                    put(m, kind, id, id);
                for (uint64_t id = 0; id < 1000; id += 2)
                    del(m, kind, id);
            }
            gomap_iter_done(&it);
            gomap_iter_done(&it); /* idempotent */
            if (variant == 2) {
                /* the map can still be freed with an iterator that ended */
                gomap_free(m);
                assert_int_equal(ta.live, 0);
                assert_false(ta.size_mismatch);
                continue;
            }
            for (uint64_t id = 5000; id < 9000; id++)
                put(m, kind, id, id + 1);
            for (uint64_t id = 1; id < 1000; id += 2)
                del(m, kind, id);
            /* a full iteration afterwards */
            snapshot_start();
            size_t n = 0;
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                visit(kind, &it);
                n++;
            }
            assert_int_equal(n, gomap_len(m));
            expect_all_survivors_seen(kind);
            check_map(m);
            assert_int_equal(stats_of(m).bytes, ta.live_bytes);
            gomap_free(m);
            assert_int_equal(ta.live, 0);
            assert_false(ta.size_mismatch);
        }
    }
}

/* gomap_free ends live iterators and releases what they pin. */
static void free_with_live_iterator(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, 5);
        gomap *m = kmake(kind, 0, &o);
        for (uint64_t id = 0; id < 100; id++)
            *kassign(m, kind, id) = id;
        gomap_iter it1, it2;
        gomap_iter_init(&it1, m);
        assert_true(gomap_iter_next(&it1));
        for (uint64_t id = 100; id < 3000; id++)
            *kassign(m, kind, id) = id;
        for (uint64_t id = 0; id < 3000; id += 3)
            assert_true(kdel(m, kind, id));
        gomap_iter_init(&it2, m);
        assert_true(gomap_iter_next(&it2));
        for (uint64_t id = 3000; id < 6000; id++)
            *kassign(m, kind, id) = id;
        gomap_free(m);
        assert_int_equal(ta.live, 0);
        assert_false(ta.size_mismatch);
    }
}

static void two_iterators_during_growth(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        shadow_reset();
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, 11);
        gomap *m = kmake(kind, 0, &o);
        uint64_t next_id = 0;
        for (; next_id < 200; next_id++)
            put(m, kind, next_id, next_id);
        memcpy(at_start, present, sizeof present);
        static unsigned char seen1[MAXID], seen2[MAXID];
        memset(seen1, 0, sizeof seen1);
        memset(seen2, 0, sizeof seen2);
        gomap_iter it1, it2;
        gomap_iter_init(&it1, m);
        bool live1 = true, live2 = false;
        size_t step = 0;
        uint64_t rng = 3;
        while (live1 || live2 || step < 10) {
            if (step == 10) { /* the second starts later, in a different state */
                gomap_iter_init(&it2, m);
                live2 = true;
            }
            if (live1) {
                live1 = gomap_iter_next(&it1);
                if (live1) {
                    uint64_t id = kid(kind, it1.key);
                    assert_int_equal(seen1[id], 0);
                    seen1[id] = 1;
                    assert_true(present[id]);
                    assert_int_equal(elem_of(it1.elem), value[id]);
                }
            }
            if (live2) {
                live2 = gomap_iter_next(&it2);
                if (live2) {
                    uint64_t id = kid(kind, it2.key);
                    assert_int_equal(seen2[id], 0);
                    seen2[id] = 1;
                    assert_true(present[id]);
                    assert_int_equal(elem_of(it2.elem), value[id]);
                }
            }
            for (int j = 0; j < 8 && next_id < MAXID; j++, next_id++)
                put(m, kind, next_id, next_id * 2);
            uint64_t d = test_splitmix64(&rng) % next_id;
            if (present[d])
                del(m, kind, d);
            step++;
        }
        for (uint64_t id = 0; id < 200; id++)
            if (at_start[id] && !deleted[id])
                assert_true(seen1[id]);
        check_map(m);
        assert_int_equal(stats_of(m).bytes, ta.live_bytes);
        gomap_free(m);
        assert_int_equal(ta.live, 0);
        assert_false(ta.size_mismatch);
    }
}

/* Clone is a read: fine while an iterator is live on a map that grew. */
static void clone_during_iteration(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        shadow_reset();
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, 13);
        gomap *m = kmake(kind, 0, &o);
        uint64_t n = 0;
        for (; n < 300; n++)
            put(m, kind, n, n);
        snapshot_start();
        gomap_iter it;
        gomap_iter_init(&it, m);
        size_t steps = 0;
        while (gomap_iter_next(&it)) {
            visit(kind, &it);
            if (steps++ % 50 == 0) {
                for (int j = 0; j < 400; j++, n++)
                    put(m, kind, n, n);
                for (uint64_t d = steps; d < n; d += 97)
                    if (present[d])
                        del(m, kind, d);
                gomap *c = gomap_clone(m);
                assert_non_null(c);
                assert_int_equal(gomap_len(c), gomap_len(m));
                gomap_iter ci;
                size_t cn = 0;
                for (gomap_iter_init(&ci, c); gomap_iter_next(&ci);) {
                    uint64_t id = kid(kind, ci.key);
                    assert_true(present[id]);
                    assert_int_equal(elem_of(ci.elem), value[id]);
                    cn++;
                }
                assert_int_equal(cn, gomap_len(m));
                check_map(c);
                gomap_free(c);
            }
        }
        expect_all_survivors_seen(kind);
        check_map(m);
        gomap_free(m);
        assert_int_equal(ta.live, 0);
        assert_false(ta.size_mismatch);
    }
}

static void clear_during_iteration(void **state)
{
    (void)state;
    static const size_t sizes[] = {5, 100, 1000, 3000};
    for (int kind = 0; kind < NKINDS; kind++) {
        for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
            for (int growing = 0; growing < 3; growing++) {
                shadow_reset();
                test_alloc ta;
                test_alloc_init(&ta);
                gomap_options o = test_alloc_options(&ta, si);
                gomap *m = kmake(kind, 0, &o);
                uint64_t n = 0;
                while (n < sizes[si] || (growing && !stats_of(m).growing)) {
                    put(m, kind, n, n);
                    n++;
                }
                snapshot_start();
                gomap_iter it;
                gomap_iter_init(&it, m);
                for (int i = 0; i < 3; i++) {
                    assert_true(gomap_iter_next(&it));
                    visit(kind, &it);
                }
                if (growing == 2) /* still mid-growth at the clear */
                    assert_true(stats_of(m).growing);
                if (growing == 1) { /* more growth after the iterator started */
                    for (int i = 0; i < 200; i++, n++)
                        put(m, kind, n, n);
                }
                gomap_clear(m);
                memset(present, 0, sizeof present);
                assert_int_equal(gomap_len(m), 0);
                const uint64_t new_start = n;
                for (int i = 0; i < 500; i++, n++)
                    put(m, kind, n, n + 7);
                size_t after = 0;
                while (gomap_iter_next(&it)) {
                    uint64_t id = visit(kind, &it); /* checks present: no old entry */
                    assert_true(id >= new_start);
                    after++;
                    /* keep writing while iterating */
                    put(m, kind, n, n + 7);
                    n++;
                }
                assert_int_equal(gomap_len(m), 500 + after);
                check_map(m);
                assert_int_equal(stats_of(m).bytes, ta.live_bytes);
                gomap_free(m);
                assert_int_equal(ta.live, 0);
                assert_false(ta.size_mismatch);
            }
        }
    }
}

/* Every key in one chain (a constant hash): the iterator sits in an
 * overflow bucket when the map is cleared, and must not return anything
 * from the detached chain afterwards. */
static uint64_t const_hash(const void *k, uint64_t seed)
{
    (void)k;
    (void)seed;
    return 0x5a5a5a5a5a5a5a5aull;
}

static bool u64_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(uint64_t)) == 0;
}

static void clear_during_iteration_in_overflow_chain(void **state)
{
    (void)state;
    gomap_type t = {
        GOMAP_ELEM(uint64_t), GOMAP_ELEM(uint64_t), const_hash, u64_equal, 0, NULL, NULL};
    for (int variant = 0; variant < 6; variant++) {
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, (uint64_t)variant);
        gomap *m = gomap_new_with(&t, variant < 3 ? 0 : 200, &o);
        assert_non_null(m);
        const uint64_t N = 60;
        for (uint64_t k = 0; k < N; k++)
            *(uint64_t *)gomap_assign(m, &k) = k;
        assert_true(stats_of(m).overflow_buckets >= 6);
        check_map(m);
        gomap_iter it;
        gomap_iter_init(&it, m);
        /* advance into the chain's overflow buckets */
        size_t skip = 10 + (size_t)variant * 8;
        for (size_t i = 0; i < skip; i++)
            assert_true(gomap_iter_next(&it));
        gomap_clear(m);
        assert_int_equal(stats_of(m).overflow_buckets, 0);
        if (variant % 3 == 1) {
            uint64_t k = 1000;
            *(uint64_t *)gomap_assign(m, &k) = k;
        } else if (variant % 3 == 2) {
            for (uint64_t k = 1000; k < 1030; k++)
                *(uint64_t *)gomap_assign(m, &k) = k;
        }
        while (gomap_iter_next(&it)) {
            uint64_t k;
            memcpy(&k, it.key, sizeof k);
            if (k < 1000)
                fail_msg("variant %d: key %llu returned after gomap_clear", variant,
                         (unsigned long long)k);
            assert_int_equal(*(uint64_t *)it.elem, k);
        }
        check_map(m);
        gomap_free(m);
        assert_int_equal(ta.live, 0);
        assert_false(ta.size_mismatch);
    }
}

/* ------------------------------------------------------------------------ */
/* Start offsets, end of iteration                                          */
/* ------------------------------------------------------------------------ */

static void start_offsets_rotate(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    for (uint64_t k = 0; k < 8; k++)
        *(uint64_t *)gomap_assign_u64(m, k) = k;
    assert_int_equal(stats_of(m).B, 0);
    bool rotations[8] = {false};
    for (int rep = 0; rep < 100; rep++) {
        uint64_t seq[8];
        size_t n = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            assert_true(n < 8);
            memcpy(&seq[n++], it.key, sizeof seq[0]);
        }
        assert_int_equal(n, 8);
        /* keys sit in slots 0..7 in insertion order: the walk is a rotation */
        uint64_t r = seq[0];
        for (size_t i = 0; i < 8; i++)
            if (seq[i] != (r + i) % 8)
                fail_msg("iteration order is not a rotation of the slot order");
        rotations[r] = true;
    }
    int distinct = 0;
    for (int i = 0; i < 8; i++)
        distinct += rotations[i];
    assert_true(distinct > 1);
    gomap_free(m);

    /* a bucket with 3 keys: rotations of the 8 cells give several orders */
    m = gomap_new(&t, 0);
    for (uint64_t k = 0; k < 3; k++)
        gomap_assign_u64(m, k);
    bool orders[3] = {false};
    for (int rep = 0; rep < 100; rep++) {
        uint64_t seq[3];
        size_t n = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
            memcpy(&seq[n++], it.key, sizeof seq[0]);
        assert_int_equal(n, 3);
        assert_int_equal(seq[1], (seq[0] + 1) % 3);
        assert_int_equal(seq[2], (seq[0] + 2) % 3);
        orders[seq[0]] = true;
    }
    assert_true(orders[0] + orders[1] + orders[2] > 1);
    gomap_free(m);
}

static void next_after_end_and_done(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, 1);
        gomap *m = kmake(kind, 0, &o);
        gomap_iter it;

        /* empty map */
        gomap_iter_init(&it, m);
        assert_false(gomap_iter_next(&it));
        assert_false(gomap_iter_next(&it));
        gomap_iter_done(&it);
        gomap_iter_done(&it);

        for (uint64_t id = 0; id < 300; id++)
            *kassign(m, kind, id) = id;
        size_t n = 0;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
            n++;
        assert_int_equal(n, 300);
        for (int i = 0; i < 5; i++)
            assert_false(gomap_iter_next(&it));
        /* writes after the end do not revive it */
        for (uint64_t id = 300; id < 2000; id++)
            *kassign(m, kind, id) = id;
        assert_false(gomap_iter_next(&it));
        gomap_iter_done(&it); /* fine after the end */
        gomap_iter_done(&it);

        /* done right after init, without any next */
        gomap_iter_init(&it, m);
        gomap_iter_done(&it);
        gomap_iter_done(&it);
        for (uint64_t id = 2000; id < 4000; id++)
            *kassign(m, kind, id) = id;

        check_map(m);
        assert_int_equal(stats_of(m).bytes, ta.live_bytes);
        gomap_free(m);
        assert_int_equal(ta.live, 0);
    }
}

/* ------------------------------------------------------------------------ */
/* Pinned memory is released                                                */
/* ------------------------------------------------------------------------ */

/* Two maps with the same seed get the same operations; one has a live
 * iterator meanwhile. Once it ends, both own the same memory. */
static void apply_ops(gomap *m, int kind, uint64_t from, uint64_t to)
{
    for (uint64_t id = from; id < to; id++) {
        *kassign(m, kind, id) = id;
        if (id % 3 == 0)
            assert_true(kdel(m, kind, id / 3));
    }
}

static void pinned_memory_released(void **state)
{
    (void)state;
    for (int kind = 0; kind < NKINDS; kind++) {
        for (int how = 0; how < 3; how++) { /* 0: run to the end, 1: done early, 2: done at once */
            test_alloc ta, tb;
            test_alloc_init(&ta);
            test_alloc_init(&tb);
            gomap_options oa = test_alloc_options(&ta, 99), ob = test_alloc_options(&tb, 99);
            gomap *a = kmake(kind, 0, &oa);
            gomap *b = kmake(kind, 0, &ob);
            apply_ops(a, kind, 1, 200);
            apply_ops(b, kind, 1, 200);
            assert_int_equal(ta.live_bytes, tb.live_bytes);

            gomap_iter it;
            gomap_iter_init(&it, a);
            if (how != 2)
                assert_true(gomap_iter_next(&it));
            /* writes during the iteration: several doublings, deletes of
             * entries (indirect keys for the big kind) */
            uint64_t id = 200;
            for (int step = 0; step < 20; step++) {
                apply_ops(a, kind, id, id + 300);
                apply_ops(b, kind, id, id + 300);
                id += 300;
                if (how == 0 && !gomap_iter_next(&it))
                    break;
            }
            assert_true(ta.live_bytes >= tb.live_bytes); /* old memory may be pinned */
            if (how == 0) {
                while (gomap_iter_next(&it))
                    kid(kind, it.key);
            } else {
                gomap_iter_done(&it);
            }
            gomap_stats sa = stats_of(a), sb = stats_of(b);
            assert_int_equal(ta.live_bytes, tb.live_bytes);
            assert_int_equal(ta.live, tb.live);
            assert_int_equal(sa.bytes, ta.live_bytes);
            assert_int_equal(sb.bytes, tb.live_bytes);
            assert_int_equal(sa.bytes, sb.bytes);
            assert_int_equal(sa.count, sb.count);
            assert_int_equal(sa.B, sb.B);
            /* and the same after more writes */
            apply_ops(a, kind, id, id + 2000);
            apply_ops(b, kind, id, id + 2000);
            assert_int_equal(ta.live_bytes, tb.live_bytes);
            assert_int_equal(stats_of(a).bytes, ta.live_bytes);
            check_map(a);
            gomap_free(a);
            gomap_free(b);
            assert_int_equal(ta.live, 0);
            assert_int_equal(tb.live, 0);
            assert_false(ta.size_mismatch);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_entry_once),
        cmocka_unit_test(delete_unreached),
        cmocka_unit_test(delete_current),
        cmocka_unit_test(insert_during_iteration),
        cmocka_unit_test(insert_during_iteration_started_while_growing),
        cmocka_unit_test(early_exit_then_reuse),
        cmocka_unit_test(free_with_live_iterator),
        cmocka_unit_test(two_iterators_during_growth),
        cmocka_unit_test(clone_during_iteration),
        cmocka_unit_test(clear_during_iteration),
        cmocka_unit_test(clear_during_iteration_in_overflow_chain),
        cmocka_unit_test(start_offsets_rotate),
        cmocka_unit_test(next_after_end_and_done),
        cmocka_unit_test(pinned_memory_released),
        cmocka_unit_test(delete_in_current_bucket),
        cmocka_unit_test(insert_in_current_bucket),
        cmocka_unit_test(growth_in_current_bucket),
        cmocka_unit_test(fixed_seed_order_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
