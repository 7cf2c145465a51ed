/* SPDX-License-Identifier: BSD-3-Clause */
/* Ownership and Go's "v, ok" forms: maps that own their string keys
 * (gomap_type_str_owned), the drop functions of gomap_type (called exactly
 * once per discarded key and elem: delete, clear, free, a key replaced under
 * GOMAP_KEY_NEEDS_UPDATE, a pool's put), gomap_assign2*, gomap_get_kv,
 * gomap_take and gomap_iter_delete, in every key kind, during growth and
 * with live iterators. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/gomap.h>
#include <gomap/pool.h>
#include <gomap/snapshot.h>
#include <gomap/sync.h>

#include "test_util.h"

static uint64_t get_u64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static void put_u64(void *p, uint64_t v)
{
    memcpy(p, &v, sizeof v);
}

/* ---- Owned string keys ----------------------------------------------------- */

/* The text of the word-count tests: line i holds word i % 97 (so words
 * repeat), "w<i % 1500>" and one empty line in ten. */
static char *make_text(size_t lines, size_t *len)
{
    size_t cap = lines * 16 + 1, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (size_t i = 0; i < lines; i++) {
        if (i % 10 == 9)
            n += (size_t)snprintf(text + n, cap - n, "\n");
        else if (i % 2 == 0)
            n += (size_t)snprintf(text + n, cap - n, "word%zu\n", i % 97);
        else
            n += (size_t)snprintf(text + n, cap - n, "w%zu\n", i % 1500);
    }
    *len = n;
    return text;
}

/* Counts the lines of text into an owned map, reading them with getline
 * into one reused buffer, as a program reading a file does. */
static gomap *count_lines(const char *text, size_t len, const gomap_options *opt)
{
    gomap_type t = gomap_type_str_owned(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, opt);
    assert_non_null(m);
    FILE *f = fmemopen((void *)(uintptr_t)text, len, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        size_t l = (size_t)n;
        if (line[l - 1] == '\n')
            l--;
        bool inserted;
        void *e = gomap_assign2_str(m, line, l, &inserted);
        assert_non_null(e);
        if (inserted)
            assert_int_equal(get_u64(e), 0);
        put_u64(e, get_u64(e) + 1);
        /* the buffer is the caller's at once */
        memset(line, 'X', cap);
    }
    free(line);
    fclose(f);
    return m;
}

static void expect_counts(gomap *m, size_t lines)
{
    size_t total = 0, distinct = 0;
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        gomap_str k;
        memcpy(&k, it.key, sizeof k);
        assert_int_equal(strlen(k.ptr), k.len); /* NUL-terminated copy */
        total += get_u64(it.elem);
        distinct++;
    }
    size_t empty = lines / 10;
    assert_int_equal(total, lines);
    for (size_t i = 0; i < lines; i++) {
        char w[32];
        uint64_t want = 0;
        if (i % 10 == 9)
            continue;
        if (i % 2 == 0)
            snprintf(w, sizeof w, "word%zu", i % 97);
        else
            snprintf(w, sizeof w, "w%zu", i % 1500);
        for (size_t j = 0; j < lines; j++) {
            if (j % 10 == 9)
                continue;
            char v[32];
            if (j % 2 == 0)
                snprintf(v, sizeof v, "word%zu", j % 97);
            else
                snprintf(v, sizeof v, "w%zu", j % 1500);
            want += strcmp(v, w) == 0;
        }
        uint64_t *got = gomap_get_str(m, w, strlen(w));
        assert_non_null(got);
        assert_int_equal(*got, want);
        if (i > 400)
            break; /* the quadratic check on a prefix */
    }
    uint64_t *e = gomap_get_str(m, "", 0);
    assert_non_null(e);
    assert_int_equal(*e, empty);
    assert_true(distinct > 100);
    check_map(m);
}

static void owned_word_counts(void **state)
{
    (void)state;
    size_t lines = test_under_valgrind() ? 3000 : 20000, len;
    char *text = make_text(lines, &len);
    /* The library's allocator (ASan and valgrind see every copy freed)... */
    gomap *m = count_lines(text, len, NULL);
    expect_counts(m, lines);
    gomap_free(m);
    /* ...and a counting one: nothing left after gomap_free. */
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 7);
    m = count_lines(text, len, &o);
    expect_counts(m, lines);
    gomap_stats st = stats_of(m);
    assert_int_equal(st.bytes, ta.live_bytes);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
    free(text);
}

/* Every entry point on an owned map: the bytes passed are never kept. */
static void owned_entry_points(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 3);
    gomap_type t = gomap_type_str_owned(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, &o);
    char buf[64];
    for (uint64_t i = 0; i < 500; i++) {
        int n = snprintf(buf, sizeof buf, "key-%llu", (unsigned long long)i);
        gomap_str s = {buf, (size_t)n};
        void *e = (i % 3 == 0)   ? gomap_assign_str(m, buf, (size_t)n)
                  : (i % 3 == 1) ? gomap_assign(m, &s)
                                 : gomap_assign2(m, &s, NULL);
        assert_non_null(e);
        put_u64(e, i);
        memset(buf, 0, sizeof buf);
    }
    assert_int_equal(gomap_len(m), 500);
    for (uint64_t i = 0; i < 500; i++) {
        int n = snprintf(buf, sizeof buf, "key-%llu", (unsigned long long)i);
        gomap_str s = {buf, (size_t)n};
        uint64_t *e = gomap_get_str(m, buf, (size_t)n);
        assert_non_null(e);
        assert_int_equal(*e, i);
        const void *sk;
        assert_ptr_equal(gomap_get_kv(m, &s, &sk), e);
        gomap_str stored;
        memcpy(&stored, sk, sizeof stored);
        assert_ptr_not_equal(stored.ptr, buf);
        assert_string_equal(stored.ptr, buf);
        /* a present key keeps the map's copy */
        bool inserted = true;
        assert_ptr_equal(gomap_assign2_str(m, buf, (size_t)n, &inserted), e);
        assert_false(inserted);
        gomap_get_kv(m, &s, &sk);
        gomap_str again;
        memcpy(&again, sk, sizeof again);
        assert_ptr_equal(again.ptr, stored.ptr);
    }
    check_map(m);
    /* deletes through each entry point free the copies */
    for (uint64_t i = 0; i < 500; i += 2) {
        int n = snprintf(buf, sizeof buf, "key-%llu", (unsigned long long)i);
        gomap_str s = {buf, (size_t)n};
        assert_true(i % 4 == 0 ? gomap_delete_str(m, buf, (size_t)n) : gomap_delete(m, &s));
    }
    assert_int_equal(gomap_len(m), 250);
    assert_int_equal(stats_of(m).bytes, ta.live_bytes);
    /* take: the copy becomes the caller's, freed with gomap_str_free */
    snprintf(buf, sizeof buf, "key-%d", 7);
    gomap_str s = {buf, strlen(buf)}, out = {NULL, 0};
    uint64_t elem = 0;
    size_t live = ta.live;
    assert_true(gomap_take(m, &s, &out, &elem));
    assert_int_equal(elem, 7);
    assert_string_equal(out.ptr, "key-7");
    assert_int_equal(out.len, 5);
    assert_ptr_not_equal(out.ptr, buf);
    assert_int_equal(ta.live, live); /* nothing freed yet */
    assert_int_equal(stats_of(m).bytes + 16 + 6, ta.live_bytes);
    gomap_str_free(m, out);
    assert_int_equal(ta.live, live - 1);
    assert_int_equal(stats_of(m).bytes, ta.live_bytes);
    assert_false(gomap_take(m, &s, &out, NULL));
    /* take without key_out frees the copy as a delete does */
    snprintf(buf, sizeof buf, "key-%d", 9);
    s.len = strlen(buf);
    assert_true(gomap_take(m, &s, NULL, &elem));
    assert_int_equal(elem, 9);
    assert_int_equal(ta.live, live - 2);
    check_map(m);
    gomap_clear(m);
    assert_int_equal(stats_of(m).bytes, ta.live_bytes);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

/* A clone of an owned map copies the keys: the maps are freed in either
 * order, and each can be changed alone. */
static void owned_clone(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 5);
    gomap_type t = gomap_type_str_owned(GOMAP_ELEM(uint64_t));
    for (int order = 0; order < 2; order++) {
        gomap *m = gomap_new_with(&t, 0, &o);
        char buf[32];
        for (uint64_t i = 0; i < 300; i++) {
            int n = snprintf(buf, sizeof buf, "c%llu", (unsigned long long)i);
            put_u64(gomap_assign_str(m, buf, (size_t)n), i);
        }
        gomap *c = gomap_clone(m);
        assert_non_null(c);
        assert_int_equal(stats_of(c).bytes + stats_of(m).bytes, ta.live_bytes);
        gomap *first = order ? c : m, *second = order ? m : c;
        gomap_free(first);
        for (uint64_t i = 0; i < 300; i++) {
            int n = snprintf(buf, sizeof buf, "c%llu", (unsigned long long)i);
            uint64_t *e = gomap_get_str(second, buf, (size_t)n);
            assert_non_null(e);
            assert_int_equal(*e, i);
            if (i % 2)
                assert_true(gomap_delete_str(second, buf, (size_t)n));
        }
        check_map(second);
        gomap_free(second);
        assert_int_equal(ta.live, 0);
    }
}

/* Copies of keys deleted while an iterator is live stay readable by it:
 * entries that moved since it began are looked up by their stale key. */
static void owned_iterate_grow_delete(void **state)
{
    (void)state;
    gomap_type t = gomap_type_str_owned(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    char buf[32];
    for (uint64_t i = 0; i < 200; i++) {
        int n = snprintf(buf, sizeof buf, "it%llu", (unsigned long long)i);
        put_u64(gomap_assign_str(m, buf, (size_t)n), i);
    }
    gomap_iter it;
    gomap_iter_init(&it, m);
    size_t seen = 0;
    uint64_t next = 200;
    while (gomap_iter_next(&it)) {
        seen++;
        /* grow and delete behind the iterator's back */
        for (int k = 0; k < 4; k++) {
            int n = snprintf(buf, sizeof buf, "it%llu", (unsigned long long)next++);
            assert_non_null(gomap_assign_str(m, buf, (size_t)n));
        }
        int n = snprintf(buf, sizeof buf, "it%llu", (unsigned long long)(seen * 7 % 200));
        gomap_delete_str(m, buf, (size_t)n);
        check_map(m);
    }
    assert_true(seen <= 200 + (next - 200));
    gomap_free(m);
}

/* Out of memory while copying a new key: NULL + ENOMEM, nothing changed. */
static void owned_alloc_failure(void **state)
{
    (void)state;
    gomap_type t = gomap_type_str_owned(GOMAP_ELEM(uint64_t));
    for (size_t k = 1; k < 400; k += test_failpoint_step(k)) {
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, 11);
        gomap *m = gomap_new_with(&t, 0, &o);
        assert_non_null(m);
        ta.fail_at = ta.calls + k;
        char buf[32];
        size_t done = 0;
        for (uint64_t i = 0; i < 200; i++) {
            int n = snprintf(buf, sizeof buf, "f%llu", (unsigned long long)i);
            size_t before = gomap_len(m);
            errno = 0;
            void *e = gomap_assign_str(m, buf, (size_t)n);
            if (e == NULL) {
                assert_int_equal(errno, ENOMEM);
                assert_int_equal(gomap_len(m), before);
                assert_null(gomap_get_str(m, buf, (size_t)n));
                check_map(m);
                continue;
            }
            put_u64(e, i);
            done++;
        }
        assert_int_equal(gomap_len(m), done);
        assert_int_equal(stats_of(m).bytes, ta.live_bytes);
        /* a clone that fails frees what it made */
        ta.fail_at = ta.calls + 1 + k % 7;
        gomap *c = gomap_clone(m);
        if (c == NULL)
            assert_int_equal(errno, ENOMEM);
        gomap_free(c);
        gomap_free(m);
        assert_int_equal(ta.live, 0);
    }
}

/* ---- Drop functions ------------------------------------------------------ */

/* Keys and elems are u64 ids below MAX_ID; each drop counts its id. */
#define MAX_ID 4096
static unsigned key_drops[MAX_ID], elem_drops[MAX_ID];

static void drop_key(void *k)
{
    uint64_t id = get_u64(k);
    assert_true(id < MAX_ID);
    key_drops[id]++;
}

static void drop_elem(void *e)
{
    uint64_t id = get_u64(e);
    assert_true(id < MAX_ID);
    elem_drops[id]++;
}

static void reset_drops(void)
{
    memset(key_drops, 0, sizeof key_drops);
    memset(elem_drops, 0, sizeof elem_drops);
}

/* Every id below n was dropped exactly `times` times as key and elem. */
static void expect_drops(size_t n, unsigned times)
{
    for (size_t i = 0; i < n; i++) {
        if (key_drops[i] != times || elem_drops[i] != times)
            fail_msg("id %zu: key dropped %u times, elem %u, expected %u", i, key_drops[i],
                     elem_drops[i], times);
    }
}

static gomap_type drop_type(void)
{
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    t.key_drop = drop_key;
    t.elem_drop = drop_elem;
    return t;
}

static void fill_ids(gomap *m, uint64_t from, uint64_t to)
{
    for (uint64_t i = from; i < to; i++)
        put_u64(gomap_assign_u64(m, i), i);
}

static void drops_exactly_once(void **state)
{
    (void)state;
    gomap_type t = drop_type();
    /* delete (fast path and generic), during growth too; assign of a present key drops nothing */
    reset_drops();
    gomap *m = gomap_new(&t, 0);
    fill_ids(m, 0, 2000);
    fill_ids(m, 0, 2000);
    for (uint64_t i = 0; i < 2000; i += 2)
        assert_true(i % 4 ? gomap_delete_u64(m, i) : gomap_delete(m, &i));
    for (uint64_t i = 0; i < 2000; i++)
        assert_int_equal(key_drops[i], (i % 2) == 0);
    /* take: what is copied out is not dropped; a NULL out is */
    uint64_t k = 0, e = 0;
    assert_true(gomap_take(m, &(uint64_t){1}, &k, &e));
    assert_int_equal(k, 1);
    assert_int_equal(e, 1);
    assert_int_equal(key_drops[1] + elem_drops[1], 0);
    key_drops[1] = elem_drops[1] = 1; /* the caller's, dropped by hand */
    assert_true(gomap_take(m, &(uint64_t){3}, NULL, &e));
    assert_int_equal(key_drops[3], 1);
    assert_int_equal(elem_drops[3], 0);
    elem_drops[3] = 1;
    assert_true(gomap_take(m, &(uint64_t){5}, &k, NULL));
    assert_int_equal(elem_drops[5], 1);
    key_drops[5] = 1;
    /* clear, then free */
    gomap_clear(m);
    expect_drops(2000, 1);
    fill_ids(m, 0, 1000);
    gomap_free(m);
    for (size_t i = 0; i < 1000; i++)
        assert_int_equal(key_drops[i], 2);
    /* free while growing, and with a live iterator */
    reset_drops();
    m = gomap_new(&t, 0);
    fill_ids(m, 0, 105); /* the 105th insert starts an incremental growth */
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_true(gomap_iter_next(&it));
    gomap_free(m);
    expect_drops(105, 1);
    /* iter_delete */
    reset_drops();
    m = gomap_new(&t, 0);
    fill_ids(m, 0, 700);
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
        assert_true(gomap_iter_delete(&it));
    expect_drops(700, 1);
    gomap_free(m);
    expect_drops(700, 1);
    /* a clone would drop the same objects twice: refused */
    m = gomap_new(&t, 0);
    fill_ids(m, 0, 10);
    errno = 0;
    assert_null(gomap_clone(m));
    assert_int_equal(errno, EINVAL);
    gomap_free(m);
    expect_drops(10, 2);
}

/* GOMAP_KEY_NEEDS_UPDATE: the stored key an assign overwrites is dropped,
 * unless its bytes are the ones stored. */
static uint64_t f64_drops_pos, f64_drops_neg;

static void drop_f64(void *k)
{
    double d;
    memcpy(&d, k, sizeof d);
    assert_true(d == 0);
    if (signbit(d))
        f64_drops_neg++;
    else
        f64_drops_pos++;
}

static unsigned str_drops;

static void drop_str(void *k)
{
    gomap_str s;
    memcpy(&s, k, sizeof s);
    assert_int_equal(s.len, 3);
    str_drops++;
}

static void drops_key_update(void **state)
{
    (void)state;
    gomap_type t = gomap_type_f64(GOMAP_ELEM(uint64_t));
    t.key_drop = drop_f64;
    gomap *m = gomap_new(&t, 0);
    double pz = 0.0, nz = -0.0;
    assert_non_null(gomap_assign(m, &pz));
    assert_non_null(gomap_assign(m, &pz)); /* same bytes: nothing replaced */
    assert_int_equal(f64_drops_pos + f64_drops_neg, 0);
    assert_non_null(gomap_assign(m, &nz)); /* +0 replaced by -0 */
    assert_int_equal(f64_drops_pos, 1);
    assert_non_null(gomap_assign(m, &pz));
    assert_int_equal(f64_drops_neg, 1);
    assert_int_equal(gomap_len(m), 1);
    gomap_free(m);
    assert_int_equal(f64_drops_pos, 2);
    /* the str kind replaces a key with another pointer (Go keeps the new
     * string): the old one is dropped, the same pointer is not */
    gomap_type st = gomap_type_str(GOMAP_ELEM(uint64_t));
    st.key_drop = drop_str;
    for (int big = 0; big < 2; big++) {
        str_drops = 0;
        m = gomap_new(&st, big ? 1000 : 0);
        char a[] = "abc", b[] = "abc";
        assert_non_null(gomap_assign_str(m, a, 3));
        assert_non_null(gomap_assign_str(m, a, 3));
        assert_int_equal(str_drops, 0);
        gomap_str s = {b, 3};
        assert_non_null(gomap_assign(m, &s));
        assert_int_equal(str_drops, 1);
        const void *sk;
        gomap_get_kv(m, &s, &sk);
        gomap_str stored;
        memcpy(&stored, sk, sizeof stored);
        assert_ptr_equal(stored.ptr, b);
        assert_non_null(gomap_assign_str(m, a, 3));
        assert_int_equal(str_drops, 2);
        assert_true(gomap_delete_str(m, b, 3));
        assert_int_equal(str_drops, 3);
        gomap_free(m);
        assert_int_equal(str_drops, 3);
    }
}

/* What is built on maps: a pool's put clears the map (drops run once), a
 * sync map refuses a key_drop and ignores elem_drop, a snapshot frees each
 * replaced map (its drops run once). */
static void drops_in_wrappers(void **state)
{
    (void)state;
    gomap_type t = drop_type();
    reset_drops();
    gomap_pool *p = gomap_pool_new(&t, NULL);
    assert_non_null(p);
    gomap *m = gomap_pool_get(p, 100);
    fill_ids(m, 0, 100);
    gomap_pool_put(p, m);
    expect_drops(100, 1);
    m = gomap_pool_get(p, 100);
    assert_int_equal(gomap_len(m), 0);
    fill_ids(m, 100, 200);
    gomap_pool_put(p, m);
    gomap_pool_free(p);
    expect_drops(200, 1);
    /* sync */
    errno = 0;
    assert_null(gomap_sync_new(&t));
    assert_int_equal(errno, EINVAL);
    gomap_type et = gomap_type_u64(0, 1);
    et.elem_drop = drop_elem;
    gomap_sync *sm = gomap_sync_new(&et);
    assert_non_null(sm);
    for (uint64_t i = 0; i < 50; i++)
        gomap_sync_store(sm, &i, (void *)(uintptr_t)(i + 1));
    for (uint64_t i = 0; i < 50; i += 2)
        gomap_sync_delete(sm, &i);
    gomap_sync_free(sm);
    for (size_t i = 0; i < MAX_ID; i++)
        assert_int_equal(elem_drops[i], i < 200);
    /* snapshot: replaced maps are freed once each */
    reset_drops();
    gomap *first = gomap_new(&t, 0);
    fill_ids(first, 0, 30);
    gomap_snapshot *s = gomap_snapshot_new(first);
    assert_non_null(s);
    gomap *second = gomap_new(&t, 0);
    fill_ids(second, 30, 60);
    assert_int_equal(gomap_snapshot_replace(s, second), 0);
    /* copy on write cannot clone a map with drops */
    errno = 0;
    assert_null(gomap_snapshot_edit_begin(s, NULL));
    assert_int_equal(errno, EINVAL);
    gomap_snapshot_free(s);
    expect_drops(60, 1);
    /* a sync map of owned strings: each internal map frees its copies */
    gomap_type ot = gomap_type_str_owned(0, 1);
    sm = gomap_sync_new(&ot);
    assert_non_null(sm);
    char buf[32];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 200; i++) {
            gomap_str k = {buf, (size_t)snprintf(buf, sizeof buf, "s%d", i)};
            gomap_sync_store(sm, &k, (void *)(uintptr_t)(i + 1));
            void *v;
            assert_true(gomap_sync_load(sm, &k, &v));
            if (i % 3 == round)
                gomap_sync_delete(sm, &k);
        }
    gomap_sync_free(sm);
}

/* ---- assign2 and get_kv in every kind -------------------------------------- */

static uint64_t blob_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, 200, seed);
}

static bool blob_equal(const void *a, const void *b)
{
    return memcmp(a, b, 200) == 0;
}

enum kind { K_U32, K_U64, K_F64, K_STR, K_OWNED, K_BLOB, K_COUNT };

static gomap_type kind_type(int kind)
{
    switch (kind) {
    case K_U32: return gomap_type_u32(GOMAP_ELEM(uint64_t));
    case K_U64: return gomap_type_u64(GOMAP_ELEM(uint64_t));
    case K_F64: return gomap_type_f64(GOMAP_ELEM(uint64_t));
    case K_STR: return gomap_type_str(GOMAP_ELEM(uint64_t));
    case K_OWNED: return gomap_type_str_owned(GOMAP_ELEM(uint64_t));
    default: {
        /* indirect keys (over 128 bytes) */
        gomap_type t = {200, 8, GOMAP_ELEM(uint64_t), blob_hash, blob_equal, 0, NULL, NULL};
        return t;
    }
    }
}

/* Key number i of a kind, in storage *buf (strings point into text). */
typedef struct keybuf {
    union {
        uint32_t u32;
        uint64_t u64;
        double f64;
        gomap_str s;
        unsigned char blob[200];
    } k;
    char text[32];
} keybuf;

static const void *make_key(int kind, uint64_t i, keybuf *b)
{
    memset(b, 0, sizeof *b);
    switch (kind) {
    case K_U32: b->k.u32 = (uint32_t)(i * 2654435761u); break;
    case K_U64: b->k.u64 = i * 0x9e3779b97f4a7c15ull; break;
    case K_F64: b->k.f64 = (double)i * 0.5; break;
    case K_STR:
    case K_OWNED:
        b->k.s.len = (size_t)snprintf(b->text, sizeof b->text, "key%llu", (unsigned long long)i);
        b->k.s.ptr = b->text;
        break;
    default: put_u64(b->k.blob + 100, i); break;
    }
    return &b->k;
}

/* The id stored in the elem of every entry, from its key. */
static uint64_t key_id(int kind, const void *k)
{
    switch (kind) {
    case K_U32: {
        uint32_t v;
        memcpy(&v, k, 4);
        return (uint64_t)(uint32_t)(v * 244002641u); /* inverse of 2654435761 mod 2^32 */
    }
    case K_U64: return get_u64(k) * 0xf1de83e19937733dull; /* inverse mod 2^64 */
    case K_F64: {
        double d;
        memcpy(&d, k, 8);
        return (uint64_t)(d * 2);
    }
    case K_STR:
    case K_OWNED: {
        gomap_str s;
        memcpy(&s, k, sizeof s);
        return strtoull(s.ptr + 3, NULL, 10);
    }
    default: return get_u64((const unsigned char *)k + 100);
    }
}

/* Strings of the non-owned kind must outlive the map: a table of them. */
static char str_keys[4000][16];

static const void *stable_key(int kind, uint64_t i, keybuf *b)
{
    const void *k = make_key(kind, i, b);
    if (kind == K_STR) {
        memcpy(str_keys[i], b->text, sizeof str_keys[i]);
        b->k.s.ptr = str_keys[i];
    }
    return k;
}

static void assign2_get_kv_kinds(void **state)
{
    (void)state;
    for (int kind = 0; kind < K_COUNT; kind++) {
        gomap_type t = kind_type(kind);
        gomap *m = gomap_new(&t, 0);
        keybuf b;
        for (uint64_t i = 0; i < 1000; i++) {
            bool inserted = false;
            void *e;
            const void *k = stable_key(kind, i, &b);
            if (kind == K_U32)
                e = gomap_assign2_u32(m, b.k.u32, &inserted);
            else if (kind == K_U64)
                e = gomap_assign2_u64(m, b.k.u64, &inserted);
            else if (kind == K_OWNED && i % 2)
                e = gomap_assign2_str(m, b.k.s.ptr, b.k.s.len, &inserted);
            else
                e = gomap_assign2(m, k, &inserted);
            assert_non_null(e);
            assert_true(inserted);
            put_u64(e, i);
            inserted = true;
            assert_ptr_equal(gomap_assign2(m, k, &inserted), gomap_get(m, k));
            assert_false(inserted);
        }
        for (uint64_t i = 0; i < 1100; i++) {
            const void *k = stable_key(kind, i, &b), *sk = &sk;
            void *e = gomap_get_kv(m, k, &sk);
            if (i >= 1000) {
                assert_null(e);
                assert_null(sk);
                continue;
            }
            assert_non_null(e);
            assert_int_equal(get_u64(e), i);
            assert_int_equal(key_id(kind, sk), i);
            if (kind == K_STR)
                assert_ptr_equal(((const gomap_str *)sk)->ptr, str_keys[i]);
        }
        check_map(m);
        gomap_free(m);
    }
    /* NaN: never found; the nil map */
    gomap_type t = gomap_type_f64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    double nan = NAN;
    bool inserted = false;
    assert_non_null(gomap_assign2(m, &nan, &inserted));
    assert_true(inserted);
    assert_non_null(gomap_assign2(m, &nan, &inserted));
    assert_true(inserted);
    const void *sk = &sk;
    assert_null(gomap_get_kv(m, &nan, &sk));
    assert_null(sk);
    assert_false(gomap_take(m, &nan, NULL, NULL));
    assert_int_equal(gomap_len(m), 2);
    gomap_free(m);
}

/* ---- take and iter_delete ---------------------------------------------------- */

/* take of every key in every kind, during growth and with a live iterator:
 * each returns its key and elem once. */
static void take_during_growth(void **state)
{
    (void)state;
    for (int kind = 0; kind < K_COUNT; kind++) {
        gomap_type t = kind_type(kind);
        gomap *m = gomap_new(&t, 0);
        keybuf b;
        const uint64_t n = 3000;
        for (uint64_t i = 0; i < n; i++)
            put_u64(gomap_assign(m, stable_key(kind, i, &b)), i);
        /* add keys until an incremental growth is under way */
        uint64_t extra = n;
        while (!stats_of(m).growing)
            put_u64(gomap_assign(m, stable_key(kind, extra, &b)), extra), extra++;
        gomap_iter it;
        gomap_iter_init(&it, m);
        assert_true(gomap_iter_next(&it));
        for (uint64_t i = 0; i < extra; i++) {
            keybuf out;
            uint64_t elem = ~0ull;
            assert_true(gomap_take(m, stable_key(kind, i, &b), &out.k, &elem));
            assert_int_equal(elem, i);
            assert_int_equal(key_id(kind, &out.k), i);
            if (kind == K_OWNED)
                gomap_str_free(m, out.k.s);
            assert_false(gomap_take(m, stable_key(kind, i, &b), NULL, NULL));
            if (i % 97 == 0)
                check_map(m);
        }
        assert_int_equal(gomap_len(m), 0);
        while (gomap_iter_next(&it))
            ;
        check_map(m);
        gomap_free(m);
    }
}

/* Deleting every entry through the iterator, in every kind: in a stable
 * map, in one growing when the iteration starts, and in one whose growth
 * starts during the iteration (inserts in the loop). Every entry present
 * from start to end is returned exactly once. */
static void iter_delete_all(void **state)
{
    (void)state;
    for (int kind = 0; kind < K_COUNT; kind++) {
        for (int mode = 0; mode < 3; mode++) {
            gomap_type t = kind_type(kind);
            gomap *m = gomap_new(&t, 0);
            keybuf b;
            uint64_t n = mode == 1 ? 0 : 900;
            for (uint64_t i = 0; i < n; i++)
                put_u64(gomap_assign(m, stable_key(kind, i, &b)), i);
            if (mode == 1) /* growing: 2^9 old buckets being doubled */
                while (!stats_of(m).growing || n < 3000)
                    put_u64(gomap_assign(m, stable_key(kind, n, &b)), n), n++;
            assert_true(n < 3500);
            static unsigned char seen[4000];
            memset(seen, 0, sizeof seen);
            uint64_t added = n, deleted = 0;
            gomap_iter it;
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                uint64_t id = key_id(kind, it.key);
                assert_int_equal(get_u64(it.elem), id);
                assert_int_equal(seen[id], 0);
                seen[id] = 1;
                if (mode == 2 && added < 3000) /* grows during the walk */
                    for (int k = 0; k < 3; k++, added++)
                        put_u64(gomap_assign(m, stable_key(kind, added, &b)), added);
                assert_true(gomap_iter_delete(&it));
                deleted++;
                errno = 0;
                assert_false(gomap_iter_delete(&it));
                assert_int_equal(errno, EINVAL);
                if (deleted % 50 == 0)
                    check_map(m);
            }
            for (uint64_t i = 0; i < n; i++)
                if (!seen[i])
                    fail_msg("kind %d mode %d: entry %llu never returned", kind, mode,
                             (unsigned long long)i);
            for (uint64_t i = 0; i < added; i++)
                if (!seen[i])
                    assert_non_null(gomap_get(m, stable_key(kind, i, &b)));
            assert_int_equal(gomap_len(m), added - deleted);
            check_map(m);
            gomap_free(m);
        }
    }
}

/* Deleting every other entry through the iterator keeps the others, and
 * what a later walk returns is exactly what is left. */
static void iter_delete_some(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    for (uint64_t i = 0; i < 5000; i++)
        put_u64(gomap_assign_u64(m, i), i);
    gomap_iter it;
    size_t kept = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        uint64_t k = get_u64(it.key);
        /* insert keys that start and advance a growth */
        put_u64(gomap_assign_u64(m, 10000 + k), 10000 + k);
        if (k % 2)
            kept++;
        else
            assert_true(gomap_iter_delete(&it));
    }
    check_map(m);
    for (uint64_t i = 0; i < 5000; i++)
        assert_true((gomap_get_u64(m, i) != NULL) == (i % 2 == 1));
    assert_int_equal(gomap_len(m), kept + 5000);
    gomap_free(m);
}

/* NaN keys: as gomap_delete of a NaN, gomap_iter_delete never removes
 * one (only clear does), in a stable map and in one growing; every other
 * entry goes, and each NaN is still returned once. */
static void iter_delete_nan(void **state)
{
    (void)state;
    gomap_type t = gomap_type_f64(GOMAP_ELEM(uint64_t));
    for (int mode = 0; mode < 2; mode++) {
        gomap *m = gomap_new(&t, 0);
        double nan = NAN;
        for (int i = 0; i < 40; i++)
            put_u64(gomap_assign(m, &nan), 1);
        for (uint64_t i = 0; mode == 1 ? !stats_of(m).growing || i < 1000 : i < 300; i++) {
            double d = (double)i + 0.25;
            put_u64(gomap_assign(m, &d), 2);
        }
        size_t n = gomap_len(m), nans = 0, total = 0;
        gomap_iter it;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            double d;
            memcpy(&d, it.key, 8);
            nans += isnan(d);
            total++;
            size_t len0 = gomap_len(m);
            errno = 0;
            bool r = gomap_iter_delete(&it);
            assert_int_equal(r, !isnan(d));
            assert_int_equal(errno, 0);
            assert_int_equal(gomap_len(m), len0 - r);
            assert_null(it.key);
            check_map(m);
        }
        assert_int_equal(total, n);
        assert_int_equal(nans, 40);
        assert_int_equal(gomap_len(m), 40);
        gomap_clear(m);
        assert_int_equal(gomap_len(m), 0);
        gomap_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(owned_word_counts),    cmocka_unit_test(owned_entry_points),
        cmocka_unit_test(owned_clone),          cmocka_unit_test(owned_iterate_grow_delete),
        cmocka_unit_test(owned_alloc_failure),  cmocka_unit_test(drops_exactly_once),
        cmocka_unit_test(drops_key_update),     cmocka_unit_test(drops_in_wrappers),
        cmocka_unit_test(assign2_get_kv_kinds), cmocka_unit_test(take_during_growth),
        cmocka_unit_test(iter_delete_all),      cmocka_unit_test(iter_delete_some),
        cmocka_unit_test(iter_delete_nan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
