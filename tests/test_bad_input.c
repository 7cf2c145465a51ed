/* SPDX-License-Identifier: BSD-3-Clause */
/* Bad input on the whole public surface: a NULL handle (other than Go's nil
 * map), a NULL key of a type whose keys have bytes, string keys that cannot
 * be read ((NULL, len > 0), len > PTRDIFF_MAX), a NULL out-pointer that is
 * required, and unknown flag bits. Each gives its documented error (NULL,
 * false or 0 with errno = EINVAL) or its documented fatal message, never a
 * crash. Fatal cases run in forked children whose handler prints the
 * message and exits.
 *
 * The table `surface` names every public function of every header with how
 * it is covered; surface_is_complete checks it against the headers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gomap/gomap.h>
#include <gomap/pool.h>
#include <gomap/snapshot.h>
#include <gomap/stats.h>
#include <gomap/sync.h>
#include <gomap/typed.h>

#include "test_util.h"

/* The length no object can have. */
#define HUGE_LEN ((size_t)PTRDIFF_MAX + 1)

#define EXPECT_EINVAL(cond)                                                                        \
    do {                                                                                           \
        errno = 0;                                                                                 \
        assert_true(cond);                                                                         \
        assert_int_equal(errno, EINVAL);                                                           \
    } while (0)
#define EXPECT_NULL(expr)  EXPECT_EINVAL((expr) == NULL)
#define EXPECT_FALSE(expr) EXPECT_EINVAL(!(expr))
#define EXPECT_ZERO(expr)  EXPECT_EINVAL((expr) == 0)
#define EXPECT_VOID(stmt)  EXPECT_EINVAL(((stmt), true))

/* ---- Fatal cases, in forked children -------------------------------------- */

/* Ends the child by SIGTERM rather than an exit status: under valgrind a
 * child that exits runs the leak check, which counts what the interrupted
 * call held (and --error-exitcode would replace the status). */
static void print_and_exit(const char *msg)
{
    fprintf(stderr, "%s", msg);
    fflush(stderr);
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
    _exit(42);
}

struct fatal_call {
    void (*fn)(void);
};

static void call_fatal(void *arg)
{
    ((struct fatal_call *)arg)->fn();
}

/* Runs fn in a child whose fatal handler prints the message and ends it;
 * fails unless it did so with exactly msg. */
static void expect_fatal(void (*fn)(void), const char *msg)
{
    struct fatal_call call = {fn};
    test_child r;
    test_run_child(call_fatal, &call, print_and_exit, &r);
    if (!r.signaled || r.sig != SIGTERM)
        fail_msg("expected fatal \"%s\"; child ended with status %d, stderr: %s", msg, r.status,
                 r.err);
    assert_string_equal(r.err, msg);
}

/* ---- Fixtures ------------------------------------------------------------- */

static uint64_t blob_hash(const void *key, uint64_t seed)
{
    return gomap_hash_bytes(key, 16, seed);
}

static bool blob_equal(const void *a, const void *b)
{
    return memcmp(a, b, 16) == 0;
}

static gomap_type blob_type(void)
{
    gomap_type t = {16, 8, 8, 8, blob_hash, blob_equal, 0, NULL, NULL};
    return t;
}

/* For a str map: bad keys as pointers to keys. */
static const gomap_str bad_strs[] = {{NULL, 5}, {"abc", HUGE_LEN}};

/* ---- gomap.h -------------------------------------------------------------- */

/* gomap_new, gomap_new_with: bad type, unknown flag bits, bad allocator. */
static void core_lifetime(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    EXPECT_NULL(gomap_new(NULL, 0));
    EXPECT_NULL(gomap_new_with(NULL, 0, NULL));
    gomap_type tf = t;
    tf.flags |= 0x100u;
    EXPECT_NULL(gomap_new(&tf, 0));
    tf.flags = 1u << 31;
    EXPECT_NULL(gomap_new_with(&tf, 100, NULL));
    gomap_options o = {0};
    o.flags = 0x80u;
    EXPECT_NULL(gomap_new_with(&t, 0, &o));
    o.flags = GOMAP_FIXED_SEED | 0x1000u;
    EXPECT_NULL(gomap_new_with(&t, 0, &o));
    gomap_allocator half = {NULL, NULL, NULL};
    gomap_options oa = {&half, 0, 0};
    EXPECT_NULL(gomap_new_with(&t, 0, &oa));
    /* every known bit is still accepted */
    gomap_options ok = {
        NULL, 1, GOMAP_FIXED_SEED | GOMAP_NO_BACKGROUND | GOMAP_NO_HUGE_PAGES | GOMAP_AUTO_SHRINK};
    tf = t;
    tf.flags =
        GOMAP_KEY_NOT_REFLEXIVE | GOMAP_KEY_NEEDS_UPDATE | GOMAP_KEY_POINTERS | GOMAP_ELEM_POINTERS;
    gomap *m = gomap_new_with(&tf, 0, &ok);
    assert_non_null(m);
    gomap_free(m);
    /* gomap_free, gomap_clone, gomap_clear, gomap_len: NULL is the nil map */
    gomap_free(NULL);
    errno = 0;
    assert_null(gomap_clone(NULL));
    assert_int_equal(errno, 0);
    gomap_clear(NULL);
    assert_int_equal(gomap_len(NULL), 0);
}

/* gomap_init, gomap_storage_size: the storage (NULL, too small, not aligned
 * to max_align_t), then everything gomap_new_with refuses. */
static void core_init(void **state)
{
    (void)state;
    static _Alignas(max_align_t) unsigned char buf[GOMAP_STORAGE_BYTES(16, 8) + 16];
    gomap_type t = blob_type();
    size_t need = gomap_storage_size(&t);
    assert_true(need > 0 && need <= GOMAP_STORAGE_BYTES(16, 8));
    EXPECT_ZERO(gomap_storage_size(NULL));
    EXPECT_NULL(gomap_init(NULL, need, &t, NULL));
    EXPECT_NULL(gomap_init(NULL, 0, NULL, NULL));
    EXPECT_NULL(gomap_init(buf, need - 1, &t, NULL));
    EXPECT_NULL(gomap_init(buf, 0, &t, NULL));
    EXPECT_NULL(gomap_init(buf + 1, need, &t, NULL));
    EXPECT_NULL(gomap_init(buf + GOMAP_MAX_ALIGN / 2, need, &t, NULL));
    EXPECT_NULL(gomap_init(buf, need, NULL, NULL));
    gomap_type tf = t;
    tf.flags |= 0x100u;
    EXPECT_ZERO(gomap_storage_size(&tf));
    EXPECT_NULL(gomap_init(buf, sizeof buf, &tf, NULL));
    tf = t;
    tf.equal = NULL;
    EXPECT_ZERO(gomap_storage_size(&tf));
    EXPECT_NULL(gomap_init(buf, sizeof buf, &tf, NULL));
    tf = t;
    tf.key_align = 3;
    EXPECT_NULL(gomap_init(buf, sizeof buf, &tf, NULL));
    gomap_options o = {0};
    o.flags = 0x80u;
    EXPECT_NULL(gomap_init(buf, sizeof buf, &t, &o));
    gomap_allocator half = {NULL, NULL, NULL};
    gomap_options oa = {&half, 0, 0};
    EXPECT_NULL(gomap_init(buf, sizeof buf, &t, &oa));
    gomap *m = gomap_init(buf, need, &t, NULL);
    assert_non_null(m);
    check_map(m);
    gomap_free(m);
}

/* gomap_get, gomap_assign, gomap_delete: NULL key (generic and every kind),
 * unreadable str keys through the generic entry points. */
static void core_generic_access(void **state)
{
    (void)state;
    gomap_type types[] = {gomap_type_u32(4, 4), gomap_type_u64(8, 8), gomap_type_f64(8, 8),
                          gomap_type_str(8, 8), blob_type()};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        gomap *m = gomap_new(&types[i], 0);
        assert_non_null(m);
        for (int filled = 0; filled < 2; filled++) {
            EXPECT_NULL(gomap_get(m, NULL));
            EXPECT_NULL(gomap_assign(m, NULL));
            EXPECT_FALSE(gomap_delete(m, NULL));
            assert_int_equal(gomap_len(m), (size_t)filled);
            if (!filled) {
                unsigned char key[16] = {1};
                gomap_str s = {"k", 1};
                assert_non_null(gomap_assign(m, i == 3 ? (const void *)&s : key));
            }
        }
        check_map(m);
        gomap_free(m);
    }
    gomap_type st = gomap_type_str(GOMAP_ELEM(int));
    gomap *m = gomap_new(&st, 0);
    for (size_t k = 0; k < 2; k++) {
        EXPECT_NULL(gomap_get(m, &bad_strs[k]));
        EXPECT_NULL(gomap_assign(m, &bad_strs[k]));
        EXPECT_FALSE(gomap_delete(m, &bad_strs[k]));
    }
    assert_int_equal(gomap_len(m), 0);
    /* (NULL, 0) is the empty string, a good key */
    gomap_str empty = {NULL, 0};
    assert_non_null(gomap_assign(m, &empty));
    assert_non_null(gomap_get(m, &empty));
    assert_true(gomap_delete(m, &empty));
    gomap_free(m);
    /* The nil map keeps Go's behaviour whatever the key. */
    assert_null(gomap_get(NULL, NULL));
    assert_false(gomap_delete(NULL, NULL));
}

static uint64_t zero_hash(const void *key, uint64_t seed)
{
    (void)key;
    return seed;
}

static bool zero_equal(const void *a, const void *b)
{
    (void)a;
    (void)b;
    return true;
}

/* A key of size 0 (Go's struct{}): NULL is a key like any other. */
static void core_zero_size_key(void **state)
{
    (void)state;
    gomap_type t = {0, 1, 8, 8, zero_hash, zero_equal, 0, NULL, NULL};
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    assert_non_null(gomap_assign(m, NULL));
    assert_non_null(gomap_get(m, NULL));
    assert_int_equal(gomap_len(m), 1);
    assert_true(gomap_delete(m, NULL));
    gomap_free(m);
}

/* gomap_get_str, gomap_assign_str, gomap_delete_str; the u32/u64 fast
 * paths take no pointer. */
static void core_fast_paths(void **state)
{
    (void)state;
    gomap_type st = gomap_type_str(GOMAP_ELEM(int));
    gomap *m = gomap_new(&st, 0);
    for (int filled = 0; filled < 2; filled++) {
        EXPECT_NULL(gomap_get_str(m, NULL, 5));
        EXPECT_NULL(gomap_assign_str(m, NULL, 5));
        EXPECT_FALSE(gomap_delete_str(m, NULL, 5));
        EXPECT_NULL(gomap_get_str(m, "abc", HUGE_LEN));
        EXPECT_NULL(gomap_assign_str(m, "abc", HUGE_LEN));
        EXPECT_FALSE(gomap_delete_str(m, "abc", HUGE_LEN));
        EXPECT_NULL(gomap_get_str(m, "abc", SIZE_MAX));
        assert_int_equal(gomap_len(m), (size_t)filled);
        if (!filled)
            assert_non_null(gomap_assign_str(m, "abc", 3));
    }
    /* (NULL, 0) is the empty string */
    assert_non_null(gomap_assign_str(m, NULL, 0));
    assert_non_null(gomap_get_str(m, NULL, 0));
    assert_true(gomap_delete_str(m, NULL, 0));
    /* the nil map: get and delete as Go's */
    EXPECT_NULL(gomap_get_str(NULL, NULL, 5));
    EXPECT_FALSE(gomap_delete_str(NULL, "abc", HUGE_LEN));
    check_map(m);
    gomap_free(m);
}

static void assign_nil_null_key(void)
{
    gomap_assign(NULL, NULL);
}

static void assign_str_nil_bad(void)
{
    gomap_assign_str(NULL, NULL, 5);
}

/* What a fatal child made stays reachable from here, so that valgrind's
 * leak check at the child's exit finds nothing lost. */
static void *child_keep;

static void get_str_wrong_kind_bad(void)
{
    gomap_type t = gomap_type_u64(8, 8);
    gomap *m = gomap_new(&t, 0);
    child_keep = m;
    gomap_get_str(m, NULL, 5);
}

/* Go's checks come first: the nil map and the wrong kind stay fatal. */
static void core_fatal_order(void **state)
{
    (void)state;
    expect_fatal(assign_nil_null_key, "assignment to entry in nil map");
    expect_fatal(assign_str_nil_bad, "assignment to entry in nil map");
    expect_fatal(get_str_wrong_kind_bad, "gomap_get_str called on a map whose key kind is u64");
}

static void visit_nothing(void *ctx, unsigned kind, void *ptr, size_t size, unsigned flags)
{
    (void)ctx, (void)kind, (void)ptr, (void)size, (void)flags;
}

/* gomap_reserve, gomap_shrink: the nil map holds nothing (reserve of
 * n > 0 is EINVAL, of 0 and a shrink are no-ops); a size no array can have
 * is ENOMEM with the map unchanged. */
static void core_capacity(void **state)
{
    (void)state;
    EXPECT_FALSE(gomap_reserve(NULL, 1));
    errno = 0;
    assert_true(gomap_reserve(NULL, 0));
    assert_true(gomap_shrink(NULL));
    assert_int_equal(errno, 0);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    *(uint64_t *)gomap_assign_u64(m, 1) = 2;
    errno = 0;
    assert_false(gomap_reserve(m, SIZE_MAX));
    assert_int_equal(errno, ENOMEM);
    assert_false(gomap_reserve(m, (size_t)PTRDIFF_MAX));
    assert_int_equal(gomap_len(m), 1);
    assert_int_equal(*(uint64_t *)gomap_get_u64(m, 1), 2);
    assert_null(gomap_check(m));
    gomap_free(m);
}

/* gomap_hash_bytes, gomap_stats_get, gomap_scan, gomap_set_barrier. */
static void core_rest(void **state)
{
    (void)state;
    EXPECT_ZERO(gomap_hash_bytes(NULL, 5, 1));
    EXPECT_ZERO(gomap_hash_bytes("abc", HUGE_LEN, 1));
    errno = 0;
    (void)gomap_hash_bytes(NULL, 0, 1);
    assert_int_equal(errno, 0);
    gomap_type t = gomap_type_u64(8, 8);
    gomap *m = gomap_new(&t, 0);
    gomap_assign_u64(m, 1);
    EXPECT_VOID(gomap_stats_get(m, NULL));
    EXPECT_VOID(gomap_stats_get(NULL, NULL));
    EXPECT_VOID(gomap_scan(m, NULL, NULL));
    gomap_scan(NULL, visit_nothing, NULL); /* the nil map owns nothing */
    EXPECT_VOID(gomap_set_barrier(NULL, NULL, NULL));
    assert_null(gomap_check(NULL));
    gomap_free(m);
}

static void core_iter(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(8, 8);
    gomap *m = gomap_new(&t, 0);
    gomap_assign_u64(m, 1);
    EXPECT_VOID(gomap_iter_init(NULL, m));
    EXPECT_FALSE(gomap_iter_next(NULL));
    bool (*next)(gomap_iter *) = &gomap_iter_next;
    EXPECT_FALSE(next(NULL));
    EXPECT_FALSE(gomap_iter_next_slow_(NULL));
    EXPECT_VOID(gomap_iter_done(NULL));
    gomap_iter it; /* the map is still usable and iterable */
    gomap_iter_init(&it, m);
    assert_true(gomap_iter_next(&it));
    assert_false(gomap_iter_next(&it));
    gomap_iter_done(&it);
    gomap_free(m);
}

static void assign2_nil(void)
{
    bool inserted;
    gomap_assign2(NULL, NULL, &inserted);
}

static void assign2_u64_nil(void)
{
    gomap_assign2_u64(NULL, 1, NULL);
}

static void assign2_str_nil_bad(void)
{
    gomap_assign2_str(NULL, NULL, 5, NULL);
}

static void assign2_u32_wrong_kind(void)
{
    gomap_type t = gomap_type_u64(8, 8);
    gomap *m = gomap_new(&t, 0);
    child_keep = m;
    gomap_assign2_u32(m, 1, NULL);
}

/* The "v, ok" forms, take, gomap_str_free and gomap_iter_delete. */
static void core_v_ok(void **state)
{
    (void)state;
    gomap_type types[] = {gomap_type_u64(8, 8), gomap_type_str(8, 8), gomap_type_str_owned(8, 8),
                          blob_type()};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        gomap *m = gomap_new(&types[i], 0);
        assert_non_null(m);
        bool str = i == 1 || i == 2;
        unsigned char key[16] = {1};
        gomap_str s = {"k", 1};
        const void *good = str ? (const void *)&s : key;
        bool inserted = true;
        assert_non_null(gomap_assign2(m, good, &inserted));
        assert_true(inserted);
        const void *sk = key;
        EXPECT_NULL(gomap_assign2(m, NULL, &inserted));
        assert_false(inserted);
        EXPECT_NULL(gomap_get_kv(m, NULL, &sk));
        assert_null(sk);
        EXPECT_FALSE(gomap_take(m, NULL, key, NULL));
        if (str) {
            for (size_t k = 0; k < 2; k++) {
                EXPECT_NULL(gomap_assign2(m, &bad_strs[k], NULL));
                EXPECT_NULL(gomap_get_kv(m, &bad_strs[k], NULL));
                EXPECT_FALSE(gomap_take(m, &bad_strs[k], NULL, NULL));
            }
            EXPECT_NULL(gomap_assign2_str(m, NULL, 5, &inserted));
            EXPECT_NULL(gomap_assign2_str(m, "abc", HUGE_LEN, NULL));
        }
        /* gomap_str_free: only on the owned string kind */
        gomap_str none = {NULL, 0};
        if (i == 2) {
            errno = 0;
            gomap_str_free(m, none);
            assert_int_equal(errno, 0);
        } else {
            EXPECT_VOID(gomap_str_free(m, none));
        }
        assert_int_equal(gomap_len(m), 1);
        assert_non_null(gomap_get_kv(m, good, NULL));
        check_map(m);
        gomap_free(m);
    }
    gomap_str none = {NULL, 0};
    EXPECT_VOID(gomap_str_free(NULL, none));
    /* The nil map: reads and take as Go's delete */
    const void *sk = &sk;
    assert_null(gomap_get_kv(NULL, NULL, &sk));
    assert_null(sk);
    assert_false(gomap_take(NULL, NULL, NULL, NULL));
    expect_fatal(assign2_nil, "assignment to entry in nil map");
    expect_fatal(assign2_u64_nil, "assignment to entry in nil map");
    expect_fatal(assign2_str_nil_bad, "assignment to entry in nil map");
    expect_fatal(assign2_u32_wrong_kind, "gomap_assign_u32 called on a map whose key kind is u64");
    /* gomap_iter_delete: no entry to delete */
    EXPECT_FALSE(gomap_iter_delete(NULL));
    gomap_type t = gomap_type_u64(8, 8);
    gomap *m = gomap_new(&t, 0);
    gomap_iter it;
    gomap_iter_init(&it, m); /* empty: ended at once */
    EXPECT_FALSE(gomap_iter_delete(&it));
    gomap_assign_u64(m, 1);
    gomap_iter_init(&it, m);
    EXPECT_FALSE(gomap_iter_delete(&it)); /* before the first next */
    assert_true(gomap_iter_next(&it));
    assert_true(gomap_iter_delete(&it));
    EXPECT_FALSE(gomap_iter_delete(&it)); /* twice */
    assert_false(gomap_iter_next(&it));
    EXPECT_FALSE(gomap_iter_delete(&it)); /* after the end */
    assert_int_equal(gomap_len(m), 0);
    check_map(m);
    gomap_free(m);
}

/* ---- stats.h -------------------------------------------------------------- */

static bool bucket_nothing(void *ctx, const gomap_bucket_view *b)
{
    (void)ctx, (void)b;
    return true;
}

static void stats_header(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(8, 8);
    gomap *m = gomap_new(&t, 0);
    gomap_assign_u64(m, 1);
    EXPECT_VOID(gomap_stats_detailed(m, NULL));
    EXPECT_VOID(gomap_stats_detailed(NULL, NULL));
    gomap_stats_detail d;
    gomap_stats_detailed(m, &d);
    EXPECT_FALSE(gomap_stats_print(NULL, &d));
    EXPECT_FALSE(gomap_stats_print(stdout, NULL));
    EXPECT_FALSE(gomap_pages_get(m, NULL));
    EXPECT_FALSE(gomap_pages_get(NULL, NULL));
    EXPECT_VOID(gomap_walk_buckets(m, NULL, NULL));
    gomap_walk_buckets(NULL, bucket_nothing, NULL);
    EXPECT_NULL(gomap_counting_allocator_init(NULL, NULL));
    gomap_counting_allocator ca;
    gomap_allocator half = {NULL, NULL, NULL};
    EXPECT_NULL(gomap_counting_allocator_init(&ca, &half));
    gomap_free(m);
}

/* ---- sync.h --------------------------------------------------------------- */

static bool range_nothing(const void *key, void *value, void *ctx)
{
    (void)key, (void)value, (void)ctx;
    return true;
}

/* Every function that takes a key, given bad key k (NULL map when m is). */
static void sync_bad_key(gomap_sync *m, const void *k)
{
    int v = 0;
    void *out = NULL;
    bool loaded = true;
    EXPECT_FALSE(gomap_sync_load(m, k, &out));
    EXPECT_EINVAL(gomap_sync_store(m, k, &v) == EINVAL);
    EXPECT_EINVAL(gomap_sync_load_or_store(m, k, &v, &out, &loaded) == EINVAL);
    EXPECT_FALSE(gomap_sync_load_and_delete(m, k, &out));
    EXPECT_VOID(gomap_sync_delete(m, k));
    EXPECT_EINVAL(gomap_sync_swap(m, k, &v, &out, &loaded) == EINVAL);
    EXPECT_FALSE(gomap_sync_compare_and_swap(m, k, NULL, &v));
    EXPECT_FALSE(gomap_sync_compare_and_delete(m, k, NULL));
    assert_null(out);
    assert_true(loaded);
}

static void sync_header(void **state)
{
    (void)state;
    uint64_t key = 1;
    /* NULL handle */
    sync_bad_key(NULL, &key);
    EXPECT_VOID(gomap_sync_range(NULL, range_nothing, NULL));
    EXPECT_ZERO(gomap_sync_len(NULL));
    gomap_sync_free(NULL);
    /* creation: bad type, unknown flags */
    EXPECT_NULL(gomap_sync_new(NULL));
    EXPECT_NULL(gomap_sync_new_with(NULL, NULL));
    gomap_type t = gomap_type_u64(0, 1);
    gomap_type tf = t;
    tf.flags = 0x40u;
    EXPECT_NULL(gomap_sync_new(&tf));
    gomap_options o = {NULL, 0, 0x100u};
    EXPECT_NULL(gomap_sync_new_with(&t, &o));
    /* NULL keys, and the required callback of range */
    gomap_sync *m = gomap_sync_new(&t);
    assert_non_null(m);
    int v;
    assert_int_equal(gomap_sync_store(m, &key, &v), 0);
    sync_bad_key(m, NULL);
    EXPECT_VOID(gomap_sync_range(m, NULL, NULL));
    assert_int_equal(gomap_sync_len(m), 1);
    gomap_sync_free(m);
    /* unreadable string keys */
    gomap_type st = gomap_type_str(0, 1);
    m = gomap_sync_new(&st);
    assert_non_null(m);
    gomap_str good = {"k", 1};
    assert_int_equal(gomap_sync_store(m, &good, &v), 0);
    sync_bad_key(m, NULL);
    for (size_t k = 0; k < 2; k++)
        sync_bad_key(m, &bad_strs[k]);
    assert_int_equal(gomap_sync_len(m), 1);
    gomap_sync_free(m);
}

/* ---- pool.h --------------------------------------------------------------- */

static void pool_header(void **state)
{
    (void)state;
    EXPECT_NULL(gomap_pool_new(NULL, NULL));
    gomap_type t = gomap_type_u64(8, 8);
    gomap_type tf = t;
    tf.flags = 0x20u;
    EXPECT_NULL(gomap_pool_new(&tf, NULL));
    gomap_options mo = {NULL, 0, 0x400u};
    gomap_pool_options po = {&mo, 0, 0, 0, 0};
    EXPECT_NULL(gomap_pool_new(&t, &po));
    EXPECT_NULL(gomap_pool_get(NULL, 0));
    /* put to no pool: the map is freed (valgrind and ASan see no leak) */
    EXPECT_VOID(gomap_pool_put(NULL, gomap_new(&t, 0)));
    EXPECT_VOID(gomap_pool_put(NULL, NULL));
    EXPECT_VOID(gomap_pool_trim(NULL));
    EXPECT_ZERO(gomap_pool_retained(NULL));
    gomap_pool_free(NULL);
    gomap_pool *p = gomap_pool_new(&t, NULL);
    assert_non_null(p);
    gomap_pool_put(p, NULL);
    assert_int_equal(gomap_pool_retained(p), 0);
    gomap_pool_free(p);
}

/* ---- snapshot.h ----------------------------------------------------------- */

static void commit_without_begin(void)
{
    gomap_snapshot *s = gomap_snapshot_new(NULL);
    child_keep = s;
    gomap_snapshot_edit_commit(s, NULL);
}

static void abort_without_begin(void)
{
    gomap_snapshot *s = gomap_snapshot_new(NULL);
    child_keep = s;
    gomap_snapshot_edit_abort(s, NULL);
}

static void commit_after_abort(void)
{
    gomap_type t = gomap_type_u64(8, 8);
    gomap_snapshot *s = gomap_snapshot_new(NULL);
    child_keep = s;
    gomap *m = gomap_snapshot_edit_begin(s, &t);
    gomap_snapshot_edit_abort(s, m);
    gomap_snapshot_edit_commit(s, NULL);
}

static void read_end_without_begin(void)
{
    gomap_snapshot *s = gomap_snapshot_new(NULL);
    child_keep = s;
    gomap_snapshot_read_end(s);
}

/* Nested sections balance; the end after the last is the error. */
static void read_end_twice(void)
{
    gomap_snapshot *s = gomap_snapshot_new(NULL);
    child_keep = s;
    (void)gomap_snapshot_read_begin(s);
    (void)gomap_snapshot_read_begin(s);
    gomap_snapshot_read_end(s);
    gomap_snapshot_read_end(s);
    gomap_snapshot_read_end(s);
}

static void snapshot_header(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(8, 8);
    EXPECT_NULL(gomap_snapshot_read_begin(NULL));
    EXPECT_VOID(gomap_snapshot_read_end(NULL));
    EXPECT_NULL(gomap_snapshot_edit_begin(NULL, &t));
    gomap *next = gomap_new(&t, 0);
    EXPECT_VOID(gomap_snapshot_edit_commit(NULL, next));
    EXPECT_VOID(gomap_snapshot_edit_abort(NULL, next));
    EXPECT_EINVAL(gomap_snapshot_replace(NULL, next) == EINVAL);
    gomap_free(next); /* still the caller's after each refusal */
    gomap_snapshot_free(NULL);
    /* edit_begin on a nil current map without a usable type */
    gomap_snapshot *s = gomap_snapshot_new(NULL);
    assert_non_null(s);
    EXPECT_NULL(gomap_snapshot_edit_begin(s, NULL));
    gomap_type tf = t;
    tf.flags = 0x10u;
    EXPECT_NULL(gomap_snapshot_edit_begin(s, &tf));
    /* the lock was not kept by the failures */
    gomap *m = gomap_snapshot_edit_begin(s, &t);
    assert_non_null(m);
    gomap_snapshot_edit_commit(s, m);
    gomap_snapshot_free(s);
    expect_fatal(commit_without_begin,
                 "gomap_snapshot_edit_commit without gomap_snapshot_edit_begin");
    expect_fatal(abort_without_begin,
                 "gomap_snapshot_edit_abort without gomap_snapshot_edit_begin");
    expect_fatal(commit_after_abort,
                 "gomap_snapshot_edit_commit without gomap_snapshot_edit_begin");
    expect_fatal(read_end_without_begin,
                 "gomap_snapshot_read_end without gomap_snapshot_read_begin");
    expect_fatal(read_end_twice, "gomap_snapshot_read_end without gomap_snapshot_read_begin");
}

/* ---- typed.h (macros over the core) ------------------------------------- */

GOMAP_DECLARE(bad_words, str, int)

static uint64_t pair_hash(const void *key, uint64_t seed)
{
    return gomap_hash_bytes(key, 2 * sizeof(int), seed);
}

static bool pair_equal(const void *a, const void *b)
{
    return memcmp(a, b, 2 * sizeof(int)) == 0;
}

typedef struct pair {
    int a, b;
} pair;
GOMAP_DECLARE_GENERIC(bad_pairs, pair, int, pair_hash, pair_equal)

static void typed_header(void **state)
{
    (void)state;
    bad_words *w = bad_words_new(0);
    gomap_str bad = {NULL, 5};
    EXPECT_NULL(bad_words_get(w, bad));
    EXPECT_FALSE(bad_words_has(w, bad));
    EXPECT_NULL(bad_words_slot(w, bad));
    EXPECT_FALSE(bad_words_put(w, bad, 1));
    EXPECT_FALSE(bad_words_delete(w, bad));
    assert_int_equal(bad_words_len(w), 0);
    bad_words_free(w);
    bad_pairs *p = bad_pairs_new(0);
    EXPECT_NULL(bad_pairs_get(p, NULL));
    EXPECT_NULL(bad_pairs_slot(p, NULL));
    EXPECT_FALSE(bad_pairs_put(p, NULL, 1));
    EXPECT_FALSE(bad_pairs_delete(p, NULL));
    bad_pairs_free(p);
    gomap_options o = {NULL, 0, 0x400u};
    EXPECT_NULL(bad_words_new_with(0, &o));
}

/* ---- The surface ---------------------------------------------------------- */

/* Every public function, with the test that covers it and the bad input it
 * gets. "go" marks a NULL map that is Go's nil map (documented behaviour,
 * tested in test_misuse.c); "pure" a function with no pointer argument. */
static const struct {
    const char *name, *test, *how;
} surface[] = {
    /* gomap.h */
    {"gomap_type_u32", "-", "pure"},
    {"gomap_type_u64", "-", "pure"},
    {"gomap_type_f64", "-", "pure"},
    {"gomap_type_str", "-", "pure"},
    {"gomap_type_str_owned", "-", "pure"},
    {"gomap_hash_bytes", "core_rest", "0 + EINVAL: (NULL, 5), len > PTRDIFF_MAX"},
    {"gomap_hash_u64", "-", "pure"},
    {"gomap_background_wait", "-", "pure"},
    {"gomap_new", "core_lifetime", "NULL + EINVAL: NULL type, unknown type flags"},
    {"gomap_new_with", "core_lifetime", "NULL + EINVAL: type, unknown option flags, allocator"},
    {"gomap_storage_size", "core_init", "0 + EINVAL: NULL type, unknown type flags"},
    {"gomap_init", "core_init", "NULL + EINVAL: storage NULL, small, misaligned; type; options"},
    {"gomap_free", "core_lifetime", "go"},
    {"gomap_clone", "core_lifetime", "go"},
    {"gomap_clear", "core_lifetime", "go"},
    {"gomap_len", "core_lifetime", "go"},
    {"gomap_reserve", "core_capacity", "false + EINVAL: nil map, n > 0; ENOMEM: huge n"},
    {"gomap_shrink", "core_capacity", "go"},
    {"gomap_get", "core_generic_access", "NULL + EINVAL: NULL key, bad str key"},
    {"gomap_assign", "core_generic_access", "NULL + EINVAL: NULL key, bad str key; go: fatal"},
    {"gomap_delete", "core_generic_access", "false + EINVAL: NULL key, bad str key"},
    {"gomap_get_u32", "-", "pure (go for NULL)"},
    {"gomap_assign_u32", "-", "pure (go for NULL)"},
    {"gomap_delete_u32", "-", "pure (go for NULL)"},
    {"gomap_get_u64", "-", "pure (go for NULL)"},
    {"gomap_assign_u64", "-", "pure (go for NULL)"},
    {"gomap_delete_u64", "-", "pure (go for NULL)"},
    {"gomap_get_str", "core_fast_paths", "NULL + EINVAL: (NULL, 5), len > PTRDIFF_MAX"},
    {"gomap_assign_str", "core_fast_paths", "NULL + EINVAL: bad str; go: fatal"},
    {"gomap_delete_str", "core_fast_paths", "false + EINVAL: bad str"},
    {"gomap_assign2", "core_v_ok", "NULL + EINVAL: NULL key, bad str key; go: fatal"},
    {"gomap_assign2_u32", "core_v_ok", "pure (go for NULL; fatal wrong kind)"},
    {"gomap_assign2_u64", "core_v_ok", "pure (go for NULL)"},
    {"gomap_assign2_str", "core_v_ok", "NULL + EINVAL: bad str; go: fatal"},
    {"gomap_get_kv", "core_v_ok", "NULL + EINVAL: NULL key, bad str key; go"},
    {"gomap_take", "core_v_ok", "false + EINVAL: NULL key, bad str key; go"},
    {"gomap_str_free", "core_v_ok", "EINVAL: NULL map, map of another kind"},
    {"gomap_iter_init", "core_iter", "EINVAL: NULL iterator"},
    {"gomap_iter_next", "core_iter",
     "false + EINVAL: NULL iterator (inline and through the function)"},
    {"gomap_iter_next_slow_", "core_iter", "false + EINVAL: NULL iterator"},
    {"gomap_iter_done", "core_iter", "EINVAL: NULL iterator"},
    {"gomap_iter_delete", "core_v_ok", "false + EINVAL: NULL iterator, no entry returned"},
    {"gomap_stats_get", "core_rest", "EINVAL: NULL out"},
    {"gomap_check", "core_rest", "go"},
    {"gomap_scan", "core_rest", "EINVAL: NULL visit; go"},
    {"gomap_set_barrier", "core_rest", "EINVAL: NULL map"},
    {"gomap_set_fatal_handler", "-", "NULL restores the default"},
    /* stats.h */
    {"gomap_stats_detailed", "stats_header", "EINVAL: NULL out"},
    {"gomap_stats_print", "stats_header", "false + EINVAL: NULL file, NULL stats"},
    {"gomap_pages_get", "stats_header", "false + EINVAL: NULL out"},
    {"gomap_walk_buckets", "stats_header", "EINVAL: NULL fn"},
    {"gomap_counting_allocator_init", "stats_header", "NULL + EINVAL: NULL ca, half allocator"},
    /* sync.h */
    {"gomap_sync_new", "sync_header", "NULL + EINVAL: type, unknown flags"},
    {"gomap_sync_new_with", "sync_header", "NULL + EINVAL: type, unknown option flags"},
    {"gomap_sync_free", "sync_header", "NULL is fine"},
    {"gomap_sync_load", "sync_header", "false + EINVAL: NULL map, NULL key, bad str"},
    {"gomap_sync_store", "sync_header", "EINVAL: NULL map, NULL key, bad str"},
    {"gomap_sync_load_or_store", "sync_header", "EINVAL: NULL map, NULL key, bad str"},
    {"gomap_sync_load_and_delete", "sync_header", "false + EINVAL: NULL map, key, str"},
    {"gomap_sync_delete", "sync_header", "EINVAL: NULL map, NULL key, bad str"},
    {"gomap_sync_swap", "sync_header", "EINVAL: NULL map, NULL key, bad str"},
    {"gomap_sync_compare_and_swap", "sync_header", "false + EINVAL: NULL map, key, str"},
    {"gomap_sync_compare_and_delete", "sync_header", "false + EINVAL: NULL map, key, str"},
    {"gomap_sync_range", "sync_header", "EINVAL: NULL map, NULL fn"},
    {"gomap_sync_len", "sync_header", "0 + EINVAL: NULL map"},
    /* pool.h */
    {"gomap_pool_new", "pool_header", "NULL + EINVAL: type, unknown map option flags"},
    {"gomap_pool_free", "pool_header", "NULL is fine"},
    {"gomap_pool_get", "pool_header", "NULL + EINVAL: NULL pool"},
    {"gomap_pool_put", "pool_header", "EINVAL: NULL pool (the map is freed)"},
    {"gomap_pool_trim", "pool_header", "EINVAL: NULL pool"},
    {"gomap_pool_retained", "pool_header", "0 + EINVAL: NULL pool"},
    /* snapshot.h */
    {"gomap_snapshot_new", "-", "NULL initial is Go's nil map"},
    {"gomap_snapshot_free", "snapshot_header", "NULL is fine"},
    {"gomap_snapshot_read_begin", "snapshot_header", "NULL + EINVAL: NULL publisher"},
    {"gomap_snapshot_read_end", "snapshot_header",
     "EINVAL: NULL publisher; fatal: no section open"},
    {"gomap_snapshot_edit_begin", "snapshot_header", "NULL + EINVAL: NULL publisher, type"},
    {"gomap_snapshot_edit_commit", "snapshot_header", "EINVAL: NULL; fatal without edit_begin"},
    {"gomap_snapshot_edit_abort", "snapshot_header", "EINVAL: NULL; fatal without edit_begin"},
    {"gomap_snapshot_replace", "snapshot_header", "EINVAL: NULL publisher"},
};

/* Every GOMAP_API function of the headers above is in the table. */
static void surface_is_complete(void **state)
{
    (void)state;
    static const char *const headers[] = {"gomap.h", "stats.h", "sync.h", "pool.h", "snapshot.h"};
    size_t found = 0;
    for (size_t h = 0; h < sizeof headers / sizeof headers[0]; h++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/include/gomap/%s", GOMAP_SOURCE_DIR, headers[h]);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            fail_msg("cannot read %s", path);
        char line[512];
        while (fgets(line, sizeof line, f) != NULL) {
            if (strncmp(line, "GOMAP_API ", 10) != 0)
                continue;
            char *open = strchr(line, '(');
            assert_non_null(open);
            char *start = open;
            while (start > line && (start[-1] == '_' || (start[-1] >= 'a' && start[-1] <= 'z') ||
                                    (start[-1] >= '0' && start[-1] <= '9')))
                start--;
            *open = 0;
            bool listed = false;
            for (size_t i = 0; i < sizeof surface / sizeof surface[0]; i++)
                listed |= strcmp(surface[i].name, start) == 0;
            if (!listed)
                fail_msg("%s: %s is not in the bad-input table", headers[h], start);
            found++;
        }
        fclose(f);
    }
    assert_int_equal(found, sizeof surface / sizeof surface[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(surface_is_complete), cmocka_unit_test(core_lifetime),
        cmocka_unit_test(core_init),           cmocka_unit_test(core_generic_access),
        cmocka_unit_test(core_zero_size_key),  cmocka_unit_test(core_fast_paths),
        cmocka_unit_test(core_fatal_order),    cmocka_unit_test(core_rest),
        cmocka_unit_test(core_capacity),       cmocka_unit_test(core_v_ok),
        cmocka_unit_test(core_iter),           cmocka_unit_test(stats_header),
        cmocka_unit_test(sync_header),         cmocka_unit_test(pool_header),
        cmocka_unit_test(snapshot_header),     cmocka_unit_test(typed_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
