/* SPDX-License-Identifier: BSD-3-Clause */
/* Basic behaviour of the public API: creation and argument checks, the hint
 * -> B rule, growth points, the nil map, get/assign/delete through the fast
 * paths and the generic API, sets, zero-size and custom keys, clear, clone,
 * no shrinking, and seeding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
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

static gomap_options fixed_opts(uint64_t seed)
{
    gomap_options o = {.allocator = NULL, .seed = seed, .flags = GOMAP_FIXED_SEED};
    return o;
}

/* A 24-byte custom key: hash through gomap_hash_bytes, equality by memcmp. */
typedef struct key24 {
    uint64_t a, b, c;
} key24;

static uint64_t key24_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(key24), seed);
}

static bool key24_equal(const void *x, const void *y)
{
    return memcmp(x, y, sizeof(key24)) == 0;
}

static gomap_type key24_type(void)
{
    gomap_type t = {
        sizeof(key24), _Alignof(key24), GOMAP_ELEM(uint64_t), key24_hash, key24_equal, 0, NULL,
        NULL};
    return t;
}

static key24 key24_of(uint64_t i)
{
    key24 k = {i, ~i, i * 0x9e3779b97f4a7c15ull};
    return k;
}

/* Zero-size keys: every key is equal to every other. */
static uint64_t zero_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, 0, seed);
}

static bool zero_equal(const void *a, const void *b)
{
    (void)a;
    (void)b;
    return true;
}

/* Keys of maximal alignment. */
typedef struct big_aligned {
    _Alignas(GOMAP_MAX_ALIGN) unsigned char bytes[GOMAP_MAX_ALIGN];
} big_aligned;

static uint64_t ba_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(big_aligned), seed);
}

static bool ba_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(big_aligned)) == 0;
}

/* ------------------------------------------------------------------------ */
/* Creation                                                                 */
/* ------------------------------------------------------------------------ */

static void expect_einval(const gomap_type *t, const char *what)
{
    errno = 0;
    gomap *m = gomap_new(t, 0);
    if (m != NULL) {
        gomap_free(m);
        fail_msg("gomap_new accepted %s", what);
    }
    if (errno != EINVAL)
        fail_msg("gomap_new(%s): errno %d, want EINVAL", what, errno);

    gomap_options o = fixed_opts(1);
    errno = 0;
    m = gomap_new_with(t, 100, &o);
    if (m != NULL) {
        gomap_free(m);
        fail_msg("gomap_new_with accepted %s", what);
    }
    if (errno != EINVAL)
        fail_msg("gomap_new_with(%s): errno %d, want EINVAL", what, errno);
}

static void new_rejects_bad_types(void **state)
{
    (void)state;
    expect_einval(NULL, "a NULL type");

    gomap_type t = key24_type();
    t.key_align = 0;
    expect_einval(&t, "key_align 0");

    t = key24_type();
    t.key_align = 3;
    t.key_size = 24;
    expect_einval(&t, "key_align 3");

    t = key24_type();
    t.key_align = 24;
    expect_einval(&t, "key_align 24");

    t = key24_type();
    t.key_align = GOMAP_MAX_ALIGN * 2;
    t.key_size = GOMAP_MAX_ALIGN * 2;
    expect_einval(&t, "key_align > GOMAP_MAX_ALIGN");

    t = key24_type();
    t.key_size = 6;
    t.key_align = 4;
    expect_einval(&t, "key_size 6 with key_align 4");

    t = key24_type();
    t.key_size = 20;
    t.key_align = 8;
    expect_einval(&t, "key_size 20 with key_align 8");

    t = key24_type();
    t.elem_align = 0;
    expect_einval(&t, "elem_align 0");

    t = key24_type();
    t.elem_align = 6;
    t.elem_size = 12;
    expect_einval(&t, "elem_align 6");

    t = key24_type();
    t.elem_size = 12;
    t.elem_align = 8;
    expect_einval(&t, "elem_size 12 with elem_align 8");

    t = key24_type();
    t.elem_size = GOMAP_MAX_ALIGN * 4;
    t.elem_align = GOMAP_MAX_ALIGN * 4;
    expect_einval(&t, "elem_align > GOMAP_MAX_ALIGN");

    t = key24_type();
    t.hash = NULL;
    expect_einval(&t, "a generic type without hash");

    t = key24_type();
    t.equal = NULL;
    expect_einval(&t, "a generic type without equal");

    t = key24_type();
    t.hash = NULL;
    t.equal = NULL;
    expect_einval(&t, "a generic type without hash and equal");
}

static void new_accepts_valid_types(void **state)
{
    (void)state;
    gomap_type types[] = {
        gomap_type_u32(GOMAP_ELEM(uint32_t)),
        gomap_type_u64(GOMAP_ELEM(uint64_t)),
        gomap_type_f64(GOMAP_ELEM(double)),
        gomap_type_str(GOMAP_ELEM(gomap_str)),
        gomap_type_u64(0, 1),
        gomap_type_str(0, 1),
        key24_type(),
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        errno = 0;
        gomap *m = gomap_new(&types[i], 0);
        assert_non_null(m);
        assert_int_equal(gomap_len(m), 0);
        check_map(m);
        gomap_free(m);
    }
}

/* Keys and elems of alignment GOMAP_MAX_ALIGN, inline and indirect. */
static void max_alignment_is_honoured(void **state)
{
    (void)state;
    size_t elem_sizes[] = {GOMAP_MAX_ALIGN, 16 * GOMAP_MAX_ALIGN}; /* inline, indirect (>128) */
    for (size_t e = 0; e < 2; e++) {
        gomap_type t = {sizeof(big_aligned),
                        _Alignof(big_aligned),
                        elem_sizes[e],
                        GOMAP_MAX_ALIGN,
                        ba_hash,
                        ba_equal,
                        0,
                        NULL,
                        NULL};
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, 7);
        gomap *m = gomap_new_with(&t, 0, &o);
        assert_non_null(m);
        for (unsigned i = 0; i < 200; i++) {
            big_aligned k;
            memset(&k, 0, sizeof k);
            memcpy(k.bytes, &i, sizeof i);
            unsigned char *p = gomap_assign(m, &k);
            assert_non_null(p);
            assert_int_equal((uintptr_t)p % GOMAP_MAX_ALIGN, 0);
            assert_true(all_zero(p, elem_sizes[e]));
            memset(p, (int)(i & 0xff), elem_sizes[e]);
        }
        gomap_iter it;
        size_t n = 0;
        for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
            assert_int_equal((uintptr_t)it.key % GOMAP_MAX_ALIGN, 0);
            assert_int_equal((uintptr_t)it.elem % GOMAP_MAX_ALIGN, 0);
            unsigned i;
            memcpy(&i, ((const big_aligned *)it.key)->bytes, sizeof i);
            assert_int_equal(((unsigned char *)it.elem)[elem_sizes[e] - 1], i & 0xff);
            n++;
        }
        assert_int_equal(n, 200);
        check_map(m);
        gomap_free(m);
        assert_int_equal(ta.live, 0);
        assert_false(ta.size_mismatch);
    }
}

/* ------------------------------------------------------------------------ */
/* hint -> B (spec section 14)                                             */
/* ------------------------------------------------------------------------ */

static void hint_to_B(void **state)
{
    (void)state;
    static const struct {
        size_t hint;
        unsigned B;
    } cases[] = {
        {0, 0},   {1, 0},    {8, 0},    {9, 1},    {13, 1},   {14, 2},     {26, 2},
        {27, 3},  {52, 3},   {53, 4},   {100, 4},  {104, 4},  {105, 5},    {208, 5},
        {209, 6}, {1000, 8}, {1024, 8}, {1664, 8}, {1665, 9}, {10000, 11}, {1000000, 18},
    };
    /* A u64 set keeps the 1e6 case small (no elems). */
    gomap_type types[] = {gomap_type_u64(0, 1), gomap_type_str(GOMAP_ELEM(uint64_t))};
    for (size_t ti = 0; ti < 2; ti++) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            if (ti == 1 && cases[i].hint > 10000)
                continue;
            gomap *m = gomap_new(&types[ti], cases[i].hint);
            assert_non_null(m);
            gomap_stats s = stats_of(m);
            if (s.B != cases[i].B)
                fail_msg("type %zu hint %zu: B = %u, want %u", ti, cases[i].hint, s.B, cases[i].B);
            assert_int_equal(s.count, 0);
            assert_false(s.growing);
            assert_int_equal(s.overflow_buckets, 0);
            if (cases[i].B == 0)
                assert_int_equal(s.buckets, 0); /* lazily allocated */
            else
                assert_int_equal(s.buckets, (size_t)1 << cases[i].B);
            assert_true(s.bytes > 0);
            check_map(m);

            /* The first insert allocates the single bucket of a B == 0 map. */
            if (ti == 0) {
                assert_non_null(gomap_assign_u64(m, 42));
            } else {
                assert_non_null(gomap_assign_str(m, "k", 1));
            }
            s = stats_of(m);
            assert_int_equal(s.B, cases[i].B);
            assert_int_equal(s.buckets, (size_t)1 << cases[i].B);
            assert_int_equal(s.count, 1);
            check_map(m);
            gomap_free(m);
        }
    }
}

static void bogus_hints(void **state)
{
    (void)state;
    const size_t hints[] = {SIZE_MAX,        SIZE_MAX / 2, (size_t)1 << 50, (size_t)-1,
                            (size_t)1 << 62, SIZE_MAX - 7, (size_t)1 << 60};
    gomap_type types[] = {gomap_type_u64(GOMAP_ELEM(uint64_t)), gomap_type_u32(0, 1), key24_type()};
    for (size_t ti = 0; ti < 3; ti++) {
        for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
            errno = 0;
            gomap *m = gomap_new(&types[ti], hints[i]);
            if (m == NULL) {
                assert_int_equal(errno, ENOMEM);
                continue;
            }
            gomap_stats s = stats_of(m);
            if (s.B != 0)
                fail_msg("hint %zu: B = %u, want 0 (ignored)", hints[i], s.B);
            assert_int_equal(s.buckets, 0);
            /* The map works normally. */
            for (uint32_t k = 0; k < 100; k++) {
                key24 kk = key24_of(k);
                uint64_t k64 = k;
                void *p = ti == 2   ? gomap_assign(m, &kk)
                          : ti == 1 ? gomap_assign(m, &k)
                                    : gomap_assign(m, &k64);
                assert_non_null(p);
            }
            assert_int_equal(gomap_len(m), 100);
            check_map(m);
            gomap_free(m);
        }
    }
}

/* A hint small enough to be honoured (its bucket bytes stay under 2^48)
 * but too big to allocate: NULL with ENOMEM, nothing leaked. */
static size_t capped_live;

static void *capped_alloc(void *ctx, size_t size, unsigned flags)
{
    (void)ctx;
    if (size > ((size_t)1 << 30))
        return NULL;
    void *p = (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size) : malloc(size);
    if (p != NULL)
        capped_live++;
    return p;
}

static void capped_free(void *ctx, void *p, size_t size)
{
    (void)ctx;
    (void)size;
    if (p != NULL)
        capped_live--;
    free(p);
}

static void huge_hint_enomem(void **state)
{
    (void)state;
    gomap_allocator a = {capped_alloc, capped_free, NULL};
    gomap_options o = {.allocator = &a, .seed = 1, .flags = GOMAP_FIXED_SEED};
    gomap_type t = gomap_type_u64(0, 1);
    const size_t hints[] = {(size_t)1 << 40, (size_t)1 << 36, (size_t)1 << 32};
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        errno = 0;
        gomap *m = gomap_new_with(&t, hints[i], &o);
        if (m != NULL) {
            gomap_stats s = stats_of(m);
            gomap_free(m);
            fail_msg("hint %zu: got a map with B = %u from an allocator capped at 1 GiB", hints[i],
                     s.B);
        }
        assert_int_equal(errno, ENOMEM);
        assert_int_equal(capped_live, 0);
    }
    /* a reasonable hint works with the same allocator */
    gomap *m = gomap_new_with(&t, 100000, &o);
    assert_non_null(m);
    assert_int_equal(stats_of(m).B, 14);
    gomap_free(m);
    assert_int_equal(capped_live, 0);
}

/* Inserting into a hint-0 map doubles B exactly on the 9th, 14th, 27th,
 * 53rd, 105th, 209th, ... key. */
static void growth_points(void **state)
{
    (void)state;
    static const size_t points[] = {9, 14, 27, 53, 105, 209, 417, 833, 1665};
    for (int kind = 0; kind < 3; kind++) {
        gomap_type t = kind == 0   ? gomap_type_u64(GOMAP_ELEM(uint64_t))
                       : kind == 1 ? gomap_type_u32(GOMAP_ELEM(uint32_t))
                                   : gomap_type_str(GOMAP_ELEM(uint64_t));
        gomap_options o = fixed_opts(1234 + (uint64_t)kind);
        gomap *m = gomap_new_with(&t, 0, &o);
        assert_non_null(m);
        static char strs[1700][16];
        uint64_t rng = 99;
        unsigned B = 0;
        size_t next = 0;
        for (size_t n = 1; n <= 1700; n++) {
            uint64_t k = test_splitmix64(&rng);
            void *p;
            if (kind == 0) {
                p = gomap_assign_u64(m, k);
            } else if (kind == 1) {
                p = gomap_assign_u32(m, (uint32_t)n * 2654435761u);
            } else {
                int len = snprintf(strs[n - 1], sizeof strs[n - 1], "s%zu", n);
                p = gomap_assign_str(m, strs[n - 1], (size_t)len);
            }
            assert_non_null(p);
            assert_int_equal(gomap_len(m), n);
            gomap_stats s = stats_of(m);
            if (next < sizeof points / sizeof points[0] && n == points[next]) {
                if (s.B != B + 1)
                    fail_msg("kind %d: after insert #%zu B = %u, want %u", kind, n, s.B, B + 1);
                B = s.B;
                next++;
                if ((n == 9 || n == 14) &&
                    s.growing) /* 1 or 2 old buckets: done in the same insert */
                    fail_msg("kind %d: still growing after insert #%zu (evacuated %zu of %zu)",
                             kind, n, s.evacuated, s.old_buckets);
            } else if (s.B != B) {
                fail_msg("kind %d: after insert #%zu B = %u, want %u", kind, n, s.B, B);
            }
            assert_int_equal(s.buckets, (size_t)1 << s.B);
            if (s.growing) {
                assert_int_equal(s.old_buckets, (size_t)1 << (s.B - 1));
                assert_true(s.evacuated < s.old_buckets);
            }
            if (n < 300 || n % 97 == 0)
                check_map(m);
        }
        assert_int_equal(next, sizeof points / sizeof points[0]);
        gomap_free(m);
    }
}

/* A growth from 1 or 2 old buckets completes within the insert that starts
 * it (spec 7.3: the insert's growWork evacuates the chain it writes to and
 * the one at nevacuate), whatever the seed and the chain lengths. */
static void small_growth_completes_in_same_insert(void **state)
{
    (void)state;
    for (uint64_t seed = 0; seed < 300; seed++) {
        for (int kind = 0; kind < 3; kind++) {
            gomap_type t = kind == 0   ? gomap_type_u64(GOMAP_ELEM(uint64_t))
                           : kind == 1 ? gomap_type_u32(GOMAP_ELEM(uint32_t))
                                       : key24_type();
            gomap_options o = fixed_opts(seed);
            gomap *m = gomap_new_with(&t, 0, &o);
            assert_non_null(m);
            for (uint64_t n = 1; n <= 14; n++) {
                key24 k = key24_of(n);
                uint32_t k32 = (uint32_t)n;
                assert_non_null(kind == 0   ? gomap_assign_u64(m, n)
                                : kind == 1 ? gomap_assign_u32(m, k32)
                                            : gomap_assign(m, &k));
                gomap_stats s = stats_of(m);
                if ((n == 9 || n == 14) && s.growing)
                    fail_msg("kind %d seed %llu: still growing after insert #%llu (evacuated %zu "
                             "of %zu, "
                             "%zu overflow buckets)",
                             kind, (unsigned long long)seed, (unsigned long long)n, s.evacuated,
                             s.old_buckets, s.overflow_buckets);
            }
            gomap_free(m);
        }
    }
}

/* Every write while growing evacuates the old chain at nevacuate (spec
 * 7.3), so a growth ends after at most old_buckets writes, whatever they
 * are: deletes of absent keys and updates of existing keys included. */
static void writes_finish_growth(void **state)
{
    (void)state;
    for (uint64_t seed = 0; seed < 400; seed++) {
        for (int how = 0; how < 3; how++) {
            gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
            gomap_options o = fixed_opts(seed);
            gomap *m = gomap_new_with(&t, 0, &o);
            assert_non_null(m);
            uint64_t n = 0;
            gomap_stats s;
            do {
                assert_non_null(gomap_assign_u64(m, n++));
                s = stats_of(m);
            } while (!(s.growing && n > 100));
            size_t old = s.old_buckets;
            for (size_t i = 0; i < old; i++) {
                if (how == 0)
                    assert_false(gomap_delete_u64(m, 1000000 + i)); /* absent */
                else if (how == 1)
                    assert_non_null(gomap_assign_u64(m, i)); /* existing */
                else
                    assert_true(gomap_delete_u64(m, i)); /* present */
            }
            s = stats_of(m);
            if (s.growing)
                fail_msg("seed %llu, %s: still growing after %zu writes (evacuated %zu of %zu)",
                         (unsigned long long)seed,
                         how == 0   ? "deletes of absent keys"
                         : how == 1 ? "updates"
                                    : "deletes",
                         old, s.evacuated, s.old_buckets);
            check_map(m);
            gomap_free(m);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* The nil map                                                              */
/* ------------------------------------------------------------------------ */

static void null_map(void **state)
{
    (void)state;
    uint64_t k = 1;
    gomap_str sk = {"a", 1};
    assert_null(gomap_get(NULL, &k));
    assert_null(gomap_get(NULL, &sk));
    assert_null(gomap_get_u32(NULL, 1));
    assert_null(gomap_get_u64(NULL, 1));
    assert_null(gomap_get_str(NULL, "a", 1));
    assert_int_equal(gomap_len(NULL), 0);
    assert_false(gomap_delete(NULL, &k));
    assert_false(gomap_delete_u32(NULL, 1));
    assert_false(gomap_delete_u64(NULL, 1));
    assert_false(gomap_delete_str(NULL, "a", 1));

    gomap_iter it;
    gomap_iter_init(&it, NULL);
    assert_false(gomap_iter_next(&it));
    assert_false(gomap_iter_next(&it));
    gomap_iter_done(&it);
    gomap_iter_done(&it);

    gomap_clear(NULL);
    gomap_free(NULL);

    gomap_stats s;
    memset(&s, 0xA5, sizeof s);
    gomap_stats_get(NULL, &s);
    assert_int_equal(s.count, 0);
    assert_int_equal(s.B, 0);
    assert_int_equal(s.buckets, 0);
    assert_int_equal(s.overflow_buckets, 0);
    assert_false(s.growing);
    assert_int_equal(s.old_buckets, 0);
    assert_int_equal(s.evacuated, 0);
    assert_int_equal(s.bytes, 0);

    errno = ENOMEM;
    assert_null(gomap_clone(NULL));
    assert_int_equal(errno, 0);
}

/* An empty (non-NULL) map behaves like the nil map for reads. */
static void empty_map(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    uint64_t k = 0;
    assert_null(gomap_get(m, &k));
    assert_null(gomap_get_u64(m, 0));
    assert_false(gomap_delete(m, &k));
    assert_false(gomap_delete_u64(m, 12));
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_false(gomap_iter_next(&it));
    gomap_clear(m);
    assert_int_equal(gomap_len(m), 0);
    gomap *c = gomap_clone(m);
    assert_non_null(c);
    assert_int_equal(gomap_len(c), 0);
    assert_non_null(gomap_assign_u64(c, 5));
    assert_int_equal(gomap_len(c), 1);
    assert_int_equal(gomap_len(m), 0);
    check_map(m);
    check_map(c);
    gomap_free(c);
    gomap_free(m);
}

/* ------------------------------------------------------------------------ */
/* get / assign / delete                                                    */
/* ------------------------------------------------------------------------ */

typedef struct elem24 {
    uint64_t a, b, c;
} elem24;

static void u64_crud(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 11);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(elem24));
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    const uint64_t N = 3000;
    for (uint64_t i = 0; i < N; i++) {
        uint64_t k = i * 0x100000001ull + 7;
        elem24 *e = (i & 1) ? gomap_assign_u64(m, k) : gomap_assign(m, &k);
        assert_non_null(e);
        assert_true(all_zero(e, sizeof *e)); /* a new key's elem is zeroed */
        e->a = k;
        e->b = ~k;
        e->c = i;
    }
    assert_int_equal(gomap_len(m), N);
    check_map(m);
    for (uint64_t i = 0; i < N; i++) {
        uint64_t k = i * 0x100000001ull + 7;
        elem24 *e1 = gomap_get_u64(m, k);
        elem24 *e2 = gomap_get(m, &k);
        assert_non_null(e1);
        assert_ptr_equal(e1, e2);
        assert_int_equal(e1->a, k);
        assert_int_equal(e1->b, ~k);
        assert_int_equal(e1->c, i);
        assert_null(gomap_get_u64(m, k + 1));
    }
    /* Overwrite: same entry, value kept, no new entry. */
    for (uint64_t i = 0; i < N; i += 3) {
        uint64_t k = i * 0x100000001ull + 7;
        bool growing = stats_of(m).growing;
        elem24 *g = gomap_get_u64(m, k);
        elem24 *e = (i & 1) ? gomap_assign(m, &k) : gomap_assign_u64(m, k);
        assert_non_null(e);
        if (!growing)
            assert_ptr_equal(e, g);
        assert_int_equal(e->c, i);
        e->c = i + 1000000;
    }
    assert_int_equal(gomap_len(m), N);
    /* Delete half through each API. */
    size_t len = N;
    for (uint64_t i = 0; i < N; i += 2) {
        uint64_t k = i * 0x100000001ull + 7;
        bool ok = (i & 2) ? gomap_delete_u64(m, k) : gomap_delete(m, &k);
        assert_true(ok);
        len--;
        assert_int_equal(gomap_len(m), len);
        assert_false(gomap_delete_u64(m, k));
        assert_false(gomap_delete(m, &k));
        assert_null(gomap_get_u64(m, k));
    }
    check_map(m);
    for (uint64_t i = 0; i < N; i++) {
        uint64_t k = i * 0x100000001ull + 7;
        elem24 *e = gomap_get(m, &k);
        if (i % 2 == 0) {
            assert_null(e);
            continue;
        }
        assert_non_null(e);
        assert_int_equal(e->c, i % 3 == 0 ? i + 1000000 : i);
    }
    /* Re-adding a deleted key starts from a zeroed elem. */
    for (uint64_t i = 0; i < N; i += 2) {
        uint64_t k = i * 0x100000001ull + 7;
        elem24 *e = gomap_assign_u64(m, k);
        assert_non_null(e);
        assert_true(all_zero(e, sizeof *e));
    }
    assert_int_equal(gomap_len(m), N);
    gomap_stats s = stats_of(m);
    assert_int_equal(s.count, N);
    assert_true(s.bytes > 0);
    assert_int_equal(s.bytes, ta.live_bytes);
    check_map(m);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
    assert_int_equal(ta.live_bytes, 0);
    assert_false(ta.size_mismatch);
}

static void u32_crud(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u32(GOMAP_ELEM(uint32_t));
    gomap_options o = fixed_opts(3);
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    const uint32_t N = 2000;
    for (uint32_t i = 0; i < N; i++) {
        uint32_t k = i * 2654435761u;
        uint32_t *e = (i & 1) ? gomap_assign(m, &k) : gomap_assign_u32(m, k);
        assert_non_null(e);
        assert_int_equal(*e, 0);
        *e = i + 1;
    }
    /* Keys 0 and UINT32_MAX are ordinary keys. */
    *(uint32_t *)gomap_assign_u32(m, UINT32_MAX) = 77;
    uint32_t zk = 0;
    assert_non_null(gomap_get(m, &zk)); /* i = 0 gave key 0 */
    assert_int_equal(*(uint32_t *)gomap_get_u32(m, UINT32_MAX), 77);
    assert_true(gomap_delete_u32(m, UINT32_MAX));
    assert_int_equal(gomap_len(m), N);
    for (uint32_t i = 0; i < N; i++) {
        uint32_t k = i * 2654435761u;
        uint32_t *a = gomap_get_u32(m, k), *b = gomap_get(m, &k);
        assert_non_null(a);
        assert_ptr_equal(a, b);
        assert_int_equal(*a, i + 1);
    }
    for (uint32_t i = 0; i < N; i++) {
        uint32_t k = i * 2654435761u;
        if (i % 3 == 0)
            assert_true(gomap_delete(m, &k));
        else if (i % 3 == 1)
            assert_true(gomap_delete_u32(m, k));
    }
    for (uint32_t i = 0; i < N; i++) {
        uint32_t k = i * 2654435761u;
        uint32_t *e = gomap_get_u32(m, k);
        if (i % 3 == 2) {
            assert_non_null(e);
            assert_int_equal(*e, i + 1);
        } else {
            assert_null(e);
            assert_false(gomap_delete_u32(m, k));
        }
    }
    check_map(m);
    gomap_free(m);
}

static void str_crud(void **state)
{
    (void)state;
    enum { N = 2000 };
    static char keys[N][40];
    static char copies[N][40];
    size_t lens[N];
    for (size_t i = 0; i < N; i++) {
        /* varied lengths, long keys sharing a prefix and a suffix */
        if (i % 4 == 0)
            lens[i] = (size_t)snprintf(keys[i], sizeof keys[i], "%zu", i);
        else if (i % 4 == 1)
            lens[i] = (size_t)snprintf(keys[i], sizeof keys[i], "abcd-long-key-%015zu-wxyz", i);
        else
            lens[i] = (size_t)snprintf(keys[i], sizeof keys[i], "k%zu", i * 7919);
        memcpy(copies[i], keys[i], sizeof keys[i]);
    }
    gomap_type t = gomap_type_str(GOMAP_ELEM(size_t));
    gomap_options o = fixed_opts(5);
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    for (size_t i = 0; i < N; i++) {
        gomap_str k = {keys[i], lens[i]};
        size_t *e = (i & 1) ? gomap_assign(m, &k) : gomap_assign_str(m, keys[i], lens[i]);
        assert_non_null(e);
        assert_int_equal(*e, 0);
        *e = i + 1;
    }
    /* The empty string is a key like any other (also with a NULL pointer). */
    size_t *ee = gomap_assign_str(m, "", 0);
    assert_non_null(ee);
    *ee = 4242;
    assert_int_equal(gomap_len(m), N + 1);
    assert_int_equal(*(size_t *)gomap_get_str(m, "", 0), 4242);
    gomap_str empty = {"", 0};
    assert_int_equal(*(size_t *)gomap_get(m, &empty), 4242);
    check_map(m);

    /* Lookups with other pointers to equal bytes. */
    for (size_t i = 0; i < N; i++) {
        gomap_str k = {copies[i], lens[i]};
        size_t *a = gomap_get_str(m, copies[i], lens[i]);
        size_t *b = gomap_get(m, &k);
        assert_non_null(a);
        assert_ptr_equal(a, b);
        assert_int_equal(*a, i + 1);
        /* a prefix is a different key */
        if (lens[i] > 1 && gomap_get_str(m, copies[i], lens[i] - 1) != NULL) {
            /* only possible if the prefix is itself a key */
            bool is_key = false;
            for (size_t j = 0; j < N && !is_key; j++)
                is_key = lens[j] == lens[i] - 1 && memcmp(keys[j], copies[i], lens[j]) == 0;
            assert_true(is_key);
        }
    }
    /* Assigning with a different pointer keeps one entry. */
    for (size_t i = 0; i < N; i += 5) {
        size_t *e = gomap_assign_str(m, copies[i], lens[i]);
        assert_non_null(e);
        assert_int_equal(*e, i + 1);
    }
    assert_int_equal(gomap_len(m), N + 1);
    for (size_t i = 0; i < N; i += 2) {
        gomap_str k = {copies[i], lens[i]};
        assert_true((i & 2) ? gomap_delete(m, &k) : gomap_delete_str(m, copies[i], lens[i]));
        assert_false(gomap_delete_str(m, keys[i], lens[i]));
    }
    assert_true(gomap_delete_str(m, "", 0));
    assert_false(gomap_delete_str(m, "", 0));
    assert_int_equal(gomap_len(m), N / 2);
    for (size_t i = 0; i < N; i++) {
        size_t *e = gomap_get_str(m, keys[i], lens[i]);
        if (i % 2 == 0)
            assert_null(e);
        else
            assert_int_equal(*e, i + 1);
    }
    check_map(m);
    gomap_free(m);
}

/* A zeroed gomap_str ({NULL, 0}) is Go's empty string: a valid key equal
 * to "" (Go's string header may have a nil pointer when the length is 0).
 * Last in the list: under UBSan a memcmp(NULL, ...) in the library aborts. */
static void str_empty_key_null_ptr(void **state)
{
    (void)state;
    gomap_type t = gomap_type_str(GOMAP_ELEM(int));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    for (int i = 0; i < 2; i++) {
        /* i == 0: B == 0 (single bucket paths); i == 1: hashed paths */
        *(int *)gomap_assign_str(m, "", 0) = 1;
        assert_int_equal(*(int *)gomap_get_str(m, NULL, 0), 1);
        gomap_str z = {NULL, 0};
        assert_int_equal(*(int *)gomap_get(m, &z), 1);
        *(int *)gomap_assign_str(m, NULL, 0) = 2;
        assert_int_equal(gomap_len(m), i == 0 ? 1 : 101);
        assert_int_equal(*(int *)gomap_get_str(m, "", 0), 2);
        assert_true(gomap_delete_str(m, NULL, 0));
        assert_null(gomap_get_str(m, "", 0));
        *(int *)gomap_assign(m, &z) = 3;
        assert_int_equal(*(int *)gomap_get_str(m, "", 0), 3);
        assert_true(gomap_delete(m, &z));
        static const char digits[] =
            "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"
            "0123456789abcdefghijklmnopqrstuvwxyz";
        for (size_t j = 1; j <= 100 && i == 0; j++)
            gomap_assign_str(m, digits, j);
    }
    check_map(m);
    gomap_free(m);
}

static void set_maps(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(0, 1);
    gomap_options o = fixed_opts(9);
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    for (uint64_t i = 0; i < 1000; i++)
        assert_non_null(gomap_assign_u64(m, i * 3));
    for (uint64_t i = 0; i < 1000; i++)
        assert_non_null(gomap_assign_u64(m, i * 3)); /* no duplicates */
    assert_int_equal(gomap_len(m), 1000);
    for (uint64_t i = 0; i < 3000; i++) {
        if (i % 3 == 0)
            assert_non_null(gomap_get_u64(m, i));
        else
            assert_null(gomap_get_u64(m, i));
    }
    static unsigned char seen[3000];
    memset(seen, 0, sizeof seen);
    size_t n = 0;
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        uint64_t k;
        memcpy(&k, it.key, sizeof k);
        assert_true(k < 3000 && k % 3 == 0);
        assert_int_equal(seen[k], 0);
        seen[k] = 1;
        n++;
    }
    assert_int_equal(n, 1000);
    for (uint64_t i = 0; i < 3000; i += 6)
        assert_true(gomap_delete_u64(m, i));
    assert_int_equal(gomap_len(m), 500);
    check_map(m);
    gomap_free(m);

    /* a string set */
    gomap_type ts = gomap_type_str(0, 1);
    m = gomap_new(&ts, 0);
    assert_non_null(m);
    assert_non_null(gomap_assign_str(m, "a", 1));
    assert_non_null(gomap_assign_str(m, "b", 1));
    assert_non_null(gomap_assign_str(m, "a", 1));
    assert_int_equal(gomap_len(m), 2);
    assert_non_null(gomap_get_str(m, "b", 1));
    assert_null(gomap_get_str(m, "c", 1));
    check_map(m);
    gomap_free(m);
}

static void zero_size_keys(void **state)
{
    (void)state;
    gomap_type t = {0, 1, GOMAP_ELEM(uint64_t), zero_hash, zero_equal, 0, NULL, NULL};
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 1);
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    char k1 = 'a', k2 = 'b';
    assert_null(gomap_get(m, &k1));
    uint64_t *e = gomap_assign(m, &k1);
    assert_non_null(e);
    assert_int_equal(*e, 0);
    *e = 5;
    e = gomap_assign(m, &k2); /* every zero-size key is the same key */
    assert_non_null(e);
    assert_int_equal(*e, 5);
    *e = 6;
    assert_int_equal(gomap_len(m), 1);
    for (int i = 0; i < 100; i++)
        assert_non_null(gomap_assign(m, &k1));
    assert_int_equal(gomap_len(m), 1);
    assert_int_equal(*(uint64_t *)gomap_get(m, &k2), 6);
    gomap_iter it;
    size_t n = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        assert_int_equal(*(uint64_t *)it.elem, 6);
        n++;
    }
    assert_int_equal(n, 1);
    assert_true(gomap_delete(m, &k2));
    assert_false(gomap_delete(m, &k1));
    assert_int_equal(gomap_len(m), 0);
    assert_null(gomap_get(m, &k1));
    e = gomap_assign(m, &k1);
    assert_non_null(e);
    assert_int_equal(*e, 0);
    check_map(m);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
}

static void custom_key_type(void **state)
{
    (void)state;
    gomap_type t = key24_type();
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 77);
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    const uint64_t N = 5000;
    for (uint64_t i = 0; i < N; i++) {
        key24 k = key24_of(i);
        uint64_t *e = gomap_assign(m, &k);
        assert_non_null(e);
        assert_int_equal(*e, 0);
        *e = i * 10;
    }
    assert_int_equal(gomap_len(m), N);
    for (uint64_t i = 0; i < N; i++) {
        key24 k = key24_of(i);
        uint64_t *e = gomap_get(m, &k);
        assert_non_null(e);
        assert_int_equal(*e, i * 10);
        k.c ^= 1; /* differs in one bit */
        assert_null(gomap_get(m, &k));
    }
    for (uint64_t i = 0; i < N; i += 2) {
        key24 k = key24_of(i);
        assert_true(gomap_delete(m, &k));
        assert_false(gomap_delete(m, &k));
    }
    assert_int_equal(gomap_len(m), N / 2);
    gomap_iter it;
    size_t n = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        key24 k;
        memcpy(&k, it.key, sizeof k);
        assert_int_equal(k.a % 2, 1);
        key24 want = key24_of(k.a);
        assert_true(key24_equal(&k, &want));
        assert_int_equal(*(uint64_t *)it.elem, k.a * 10);
        n++;
    }
    assert_int_equal(n, N / 2);
    check_map(m);
    assert_int_equal(stats_of(m).bytes, ta.live_bytes);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

/* ------------------------------------------------------------------------ */
/* Stats                                                                    */
/* ------------------------------------------------------------------------ */

static void stats_consistent(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 21);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    uint64_t rng = 1;
    for (size_t n = 1; n <= 4000; n++) {
        uint64_t k = test_splitmix64(&rng);
        *(uint64_t *)gomap_assign_u64(m, k) = n;
        if (n % 37 == 0)
            assert_true(gomap_delete_u64(m, k));
        gomap_stats s = stats_of(m);
        assert_int_equal(s.count, gomap_len(m));
        assert_int_equal(s.buckets, (size_t)1 << s.B);
        assert_true(s.bytes > 0);
        assert_int_equal(s.bytes, ta.live_bytes);
        if (s.growing) {
            assert_true(s.old_buckets == s.buckets || s.old_buckets * 2 == s.buckets);
            assert_true(s.evacuated < s.old_buckets);
        } else {
            assert_int_equal(s.old_buckets, 0);
        }
        if (n % 250 == 0)
            check_map(m);
    }
    check_map(m);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
}

/* ------------------------------------------------------------------------ */
/* Clear                                                                    */
/* ------------------------------------------------------------------------ */

static void clear_keeps_buckets(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 31);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    for (uint64_t i = 0; i < 5000; i++)
        *(uint64_t *)gomap_assign_u64(m, i) = i;
    gomap_stats before = stats_of(m);
    gomap_clear(m);
    gomap_stats after = stats_of(m);
    assert_int_equal(gomap_len(m), 0);
    assert_int_equal(after.count, 0);
    assert_int_equal(after.B, before.B);
    assert_int_equal(after.buckets, before.buckets);
    assert_false(after.growing);
    assert_int_equal(after.overflow_buckets, 0);
    assert_true(after.bytes <= before.bytes);
    assert_int_equal(after.bytes, ta.live_bytes);
    check_map(m);
    for (uint64_t i = 0; i < 5000; i++)
        assert_null(gomap_get_u64(m, i));
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_false(gomap_iter_next(&it));
    /* usable after clear */
    for (uint64_t i = 0; i < 5000; i++) {
        uint64_t *e = gomap_assign_u64(m, i + 100000);
        assert_non_null(e);
        assert_int_equal(*e, 0);
        *e = i;
    }
    assert_int_equal(gomap_len(m), 5000);
    assert_int_equal(stats_of(m).B, before.B);
    for (uint64_t i = 0; i < 5000; i++) {
        assert_null(gomap_get_u64(m, i));
        assert_int_equal(*(uint64_t *)gomap_get_u64(m, i + 100000), i);
    }
    check_map(m);

    /* clear in the middle of a growth */
    gomap_clear(m);
    for (uint64_t i = 0; !stats_of(m).growing; i++)
        assert_non_null(gomap_assign_u64(m, i));
    unsigned B = stats_of(m).B;
    gomap_clear(m);
    gomap_stats s = stats_of(m);
    assert_false(s.growing);
    assert_int_equal(s.B, B);
    assert_int_equal(s.count, 0);
    assert_int_equal(s.bytes, ta.live_bytes);
    check_map(m);
    assert_non_null(gomap_assign_u64(m, 1));
    assert_int_equal(gomap_len(m), 1);
    check_map(m);

    /* clear of a B == 0 map that never allocated */
    gomap *e = gomap_new_with(&t, 0, &o);
    gomap_clear(e);
    assert_int_equal(gomap_len(e), 0);
    assert_non_null(gomap_assign_u64(e, 3));
    gomap_clear(e);
    assert_int_equal(gomap_len(e), 0);
    assert_int_equal(stats_of(e).buckets, 1);
    gomap_free(e);

    gomap_free(m);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

/* ------------------------------------------------------------------------ */
/* Clone                                                                    */
/* ------------------------------------------------------------------------ */

/* m and c hold the same u64 -> u64 entries. */
static void expect_same_u64(const gomap *a, gomap *b)
{
    assert_int_equal(gomap_len(a), gomap_len(b));
    gomap_iter it;
    size_t n = 0;
    for (gomap_iter_init(&it, b); gomap_iter_next(&it);) {
        uint64_t k;
        memcpy(&k, it.key, sizeof k);
        uint64_t *e = gomap_get_u64(a, k);
        assert_non_null(e);
        assert_int_equal(*e, *(uint64_t *)it.elem);
        n++;
    }
    assert_int_equal(n, gomap_len(b));
}

/* Fill a fresh u64 map made with hint 100 (keys 0..99, elem 1000 + key),
 * checking that every new key's elem starts at zero, then free it. Returns
 * the map's address. */
static void *fill_and_free_small(const gomap_type *t)
{
    gomap *m = gomap_new(t, 100);
    assert_non_null(m);
    assert_int_equal(gomap_len(m), 0);
    for (uint64_t k = 0; k < 100; k++) {
        assert_null(gomap_get_u64(m, k));
        uint64_t *v = gomap_assign_u64(m, k);
        assert_non_null(v);
        assert_int_equal(*v, 0);
        *v = 1000 + k;
    }
    gomap_iter it;
    size_t seen = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        assert_int_equal(*(uint64_t *)it.elem, 1000 + *(uint64_t *)it.key);
        seen++;
    }
    assert_int_equal(seen, 100);
    check_map(m);
    void *addr = m;
    gomap_free(m);
    return addr;
}

/* gomap_free keeps a small map's block for the thread's next map of that
 * size. The map made in it must be as new: nothing of the old entries
 * found or iterated, new elems zero, both for a pointer-free type (whose
 * array is zeroed only where it is read) and for one with pointer elems
 * (zeroed in full). */
static void kept_block_makes_a_new_map(void **state)
{
    (void)state;
    gomap_type plain = gomap_type_u64(8, 8);
    gomap_type ptrs = gomap_type_u64(8, 8);
    ptrs.flags |= GOMAP_ELEM_POINTERS;
    for (int round = 0; round < 3; round++) {
        void *a = fill_and_free_small(&plain);
        void *b = fill_and_free_small(&plain);
        assert_ptr_equal(a, b); /* the kept block was reused */
        a = fill_and_free_small(&ptrs);
        b = fill_and_free_small(&ptrs);
        assert_ptr_equal(a, b);
    }
    /* Another size does not take it. */
    gomap *big = gomap_new(&plain, 1000);
    gomap *small = gomap_new(&plain, 100);
    assert_non_null(big);
    assert_non_null(small);
    assert_int_equal(gomap_len(small), 0);
    gomap_free(small);
    gomap_free(big);
}

static void *small_maps_thread(void *arg)
{
    const gomap_type *t = arg;
    for (int i = 0; i < 4; i++)
        fill_and_free_small(t);
    return NULL;
}

/* A thread's kept block is freed when the thread exits: the sanitizer and
 * valgrind runs of this test report it as a leak otherwise. */
static void kept_block_freed_at_thread_exit(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(8, 8);
    for (int i = 0; i < 4; i++) {
        pthread_t th;
        assert_int_equal(pthread_create(&th, NULL, small_maps_thread, &t), 0);
        assert_int_equal(pthread_join(th, NULL), 0);
    }
}

static void clone_independent(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 41);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    for (uint64_t i = 0; i < 3000; i++)
        *(uint64_t *)gomap_assign_u64(m, i) = i * 2;
    for (uint64_t i = 0; i < 3000; i += 7)
        assert_true(gomap_delete_u64(m, i));
    size_t len = gomap_len(m);
    gomap *c = gomap_clone(m);
    assert_non_null(c);
    check_map(c);
    expect_same_u64(m, c);
    expect_same_u64(c, m);

    /* mutate the original */
    for (uint64_t i = 0; i < 3000; i += 5)
        gomap_delete_u64(m, i);
    for (uint64_t i = 1; i < 3000; i += 3) {
        uint64_t *e = gomap_assign_u64(m, i);
        *e = 1;
    }
    for (uint64_t i = 5000; i < 9000; i++)
        gomap_assign_u64(m, i);
    assert_int_equal(gomap_len(c), len);
    for (uint64_t i = 0; i < 3000; i++) {
        uint64_t *e = gomap_get_u64(c, i);
        if (i % 7 == 0) {
            assert_null(e);
        } else {
            assert_non_null(e);
            assert_int_equal(*e, i * 2);
        }
    }
    assert_null(gomap_get_u64(c, 5000));
    check_map(c);

    /* mutate the clone */
    gomap *d = gomap_clone(m);
    assert_non_null(d);
    expect_same_u64(m, d);
    gomap_clear(d);
    assert_int_equal(gomap_len(d), 0);
    assert_true(gomap_len(m) > 0);
    *(uint64_t *)gomap_assign_u64(c, 1) = 999;
    assert_int_equal(*(uint64_t *)gomap_get_u64(m, 1), 1);
    check_map(m);
    check_map(c);
    check_map(d);
    gomap_free(m);
    gomap_free(c);
    gomap_free(d);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

static void clone_during_growth(void **state)
{
    (void)state;
    for (uint64_t seed = 0; seed < 4; seed++) {
        test_alloc ta;
        test_alloc_init(&ta);
        gomap_options o = test_alloc_options(&ta, seed);
        gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
        gomap *m = gomap_new_with(&t, 0, &o);
        assert_non_null(m);
        /* grow past 2^10 buckets so the growth lasts many writes */
        uint64_t i = 0;
        while (gomap_len(m) < 7000 || !stats_of(m).growing) {
            *(uint64_t *)gomap_assign_u64(m, i) = i + 1;
            if (i % 11 == 3)
                gomap_delete_u64(m, i - 2);
            i++;
        }
        gomap_stats s = stats_of(m);
        assert_true(s.growing);
        gomap *c = gomap_clone(m);
        assert_non_null(c);
        check_map(c);
        expect_same_u64(m, c);
        expect_same_u64(c, m);
        size_t len = gomap_len(c);
        /* finish the original's growth and change it */
        for (uint64_t j = 0; j < i; j++) {
            uint64_t *e = gomap_get_u64(m, j);
            if (e != NULL)
                *(uint64_t *)gomap_assign_u64(m, j) = 0;
        }
        assert_false(stats_of(m).growing);
        assert_int_equal(gomap_len(c), len);
        for (uint64_t j = 0; j < i; j++) {
            uint64_t *e = gomap_get_u64(c, j);
            if (e != NULL)
                assert_int_equal(*e, j + 1);
            else
                assert_null(gomap_get_u64(m, j));
        }
        /* and grow the clone */
        for (uint64_t j = i; j < i + 5000; j++)
            gomap_assign_u64(c, j);
        assert_int_equal(gomap_len(m), len);
        check_map(m);
        check_map(c);
        gomap_free(c);
        gomap_free(m);
        assert_int_equal(ta.live, 0);
        assert_false(ta.size_mismatch);
    }
}

/* Indirect (> 128 byte) keys and elems get their own storage in the clone. */
typedef struct big_elem {
    uint64_t words[40];
} big_elem;

static uint64_t be_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(big_elem), seed);
}

static bool be_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(big_elem)) == 0;
}

static void clone_indirect(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 51);
    gomap_type t = {GOMAP_ELEM(big_elem), GOMAP_ELEM(big_elem), be_hash, be_equal, 0, NULL, NULL};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    for (uint64_t i = 0; i < 300; i++) {
        big_elem k;
        memset(&k, 0, sizeof k);
        k.words[0] = i;
        k.words[39] = i * 3;
        big_elem *e = gomap_assign(m, &k);
        assert_non_null(e);
        assert_true(all_zero(e, sizeof *e));
        e->words[5] = i + 7;
    }
    for (uint64_t i = 0; i < 300; i += 4) {
        big_elem k;
        memset(&k, 0, sizeof k);
        k.words[0] = i;
        k.words[39] = i * 3;
        assert_true(gomap_delete(m, &k));
    }
    gomap *c = gomap_clone(m);
    assert_non_null(c);
    check_map(c);
    assert_int_equal(gomap_len(c), gomap_len(m));
    gomap_iter it;
    for (gomap_iter_init(&it, c); gomap_iter_next(&it);) {
        const big_elem *k = it.key;
        big_elem *ce = it.elem;
        big_elem *me = gomap_get(m, k);
        assert_non_null(me);
        assert_ptr_not_equal(me, ce);
        assert_int_equal(ce->words[5], k->words[0] + 7);
        ce->words[5] = 0; /* must not show in m */
    }
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        const big_elem *k = it.key;
        assert_int_equal(((big_elem *)it.elem)->words[5], k->words[0] + 7);
    }
    gomap_free(m);
    /* the clone survives the original */
    size_t n = 0;
    for (gomap_iter_init(&it, c); gomap_iter_next(&it);) {
        const big_elem *k = it.key;
        assert_int_equal(k->words[39], k->words[0] * 3);
        n++;
    }
    assert_int_equal(n, 225);
    gomap_free(c);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

/* Churn at a constant size: overflow buckets accumulate (deletes never give
 * them back) until a same-size growth compacts the table (spec 7.2). B never
 * changes, contents stay right, and iteration during it sees everything. */
static void same_size_growth(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 71);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    enum { LIVE = 80, OPS = 200000 };
    for (uint64_t i = 0; i < LIVE; i++)
        *(uint64_t *)gomap_assign_u64(m, i) = i;
    assert_int_equal(stats_of(m).B, 4);
    size_t same_size = 0, iterated = 0;
    bool was_growing = false;
    static unsigned char seen[LIVE + OPS];
    for (uint64_t i = LIVE; i < LIVE + OPS && (same_size < 3 || iterated < 3); i++) {
        *(uint64_t *)gomap_assign_u64(m, i) = i;
        assert_true(gomap_delete_u64(m, i - LIVE));
        gomap_stats s = stats_of(m);
        assert_int_equal(s.B, 4);
        assert_int_equal(s.count, LIVE);
        bool started = s.growing && !was_growing;
        was_growing = s.growing;
        if (s.growing && s.old_buckets == s.buckets) {
            if (started)
                same_size++;
            if (iterated < same_size) {
                /* a full iteration in the middle of the same-size growth */
                memset(seen + i + 1 - LIVE, 0, LIVE);
                gomap_iter it;
                size_t n = 0;
                for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
                    uint64_t k;
                    memcpy(&k, it.key, sizeof k);
                    assert_true(k > i - LIVE && k <= i);
                    assert_int_equal(seen[k], 0);
                    seen[k] = 1;
                    assert_int_equal(*(uint64_t *)it.elem, k);
                    n++;
                }
                assert_int_equal(n, LIVE);
                iterated++;
            }
            check_map(m);
        }
    }
    if (same_size == 0)
        fail_msg("no same-size growth in %d churn operations", OPS);
    for (uint64_t i = 0; i < LIVE + OPS; i++) {
        uint64_t *e = gomap_get_u64(m, i);
        if (e != NULL)
            assert_int_equal(*e, i);
    }
    assert_int_equal(gomap_len(m), LIVE);
    check_map(m);
    assert_int_equal(stats_of(m).bytes, ta.live_bytes);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

/* A failed clone returns NULL with ENOMEM and leaks nothing. */
static void clone_enomem(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 81);
    gomap_type t = {GOMAP_ELEM(big_elem), GOMAP_ELEM(uint64_t), be_hash, be_equal, 0, NULL, NULL};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    for (uint64_t i = 0; i < 150; i++) {
        big_elem k;
        memset(&k, 0, sizeof k);
        k.words[0] = i;
        *(uint64_t *)gomap_assign(m, &k) = i;
    }
    size_t live = ta.live, live_bytes = ta.live_bytes;
    bool done = false;
    for (size_t k = 1; !done && k < 10000; k++) {
        ta.fail_at = ta.calls + k;
        errno = 0;
        gomap *c = gomap_clone(m);
        ta.fail_at = 0;
        if (c == NULL) {
            assert_int_equal(errno, ENOMEM);
            assert_int_equal(ta.live, live);
            assert_int_equal(ta.live_bytes, live_bytes);
            continue;
        }
        done = true;
        assert_int_equal(gomap_len(c), 150);
        check_map(c);
        gomap_free(c);
    }
    assert_true(done);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
}

/* ------------------------------------------------------------------------ */
/* No shrink                                                                */
/* ------------------------------------------------------------------------ */

static void no_shrink(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    for (uint64_t i = 0; i < 2000; i++)
        gomap_assign_u64(m, i);
    assert_int_equal(stats_of(m).B, 9);
    for (uint64_t i = 0; i < 2000; i++)
        assert_true(gomap_delete_u64(m, i));
    assert_int_equal(gomap_len(m), 0);
    assert_int_equal(stats_of(m).B, 9);
    for (uint64_t i = 0; i < 2000; i++)
        gomap_assign_u64(m, i + 7777);
    for (uint64_t i = 0; i < 2000; i++)
        assert_true(gomap_delete_u64(m, i + 7777));
    gomap_stats s = stats_of(m);
    assert_int_equal(s.count, 0);
    assert_int_equal(s.B, 9);
    assert_int_equal(s.buckets, 512);
    check_map(m);
    gomap_free(m);
}

/* ------------------------------------------------------------------------ */
/* Seeds                                                                    */
/* ------------------------------------------------------------------------ */

static void iter_order(gomap *m, uint64_t *out, size_t n)
{
    gomap_iter it;
    size_t i = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        assert_true(i < n);
        memcpy(&out[i++], it.key, sizeof out[0]);
    }
    assert_int_equal(i, n);
}

static void fixed_seed_deterministic(void **state)
{
    (void)state;
    enum { N = 1000 };
    static uint64_t o1[N], o2[N];
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_options o = fixed_opts(0xfeedface);
    gomap *a = gomap_new_with(&t, 0, &o);
    gomap *b = gomap_new_with(&t, 0, &o);
    assert_non_null(a);
    assert_non_null(b);
    for (uint64_t i = 0; i < N; i++) {
        gomap_assign_u64(a, i);
        gomap_assign_u64(b, i);
    }
    for (int round = 0; round < 3; round++) {
        iter_order(a, o1, N);
        iter_order(b, o2, N);
        assert_memory_equal(o1, o2, sizeof o1);
    }
    gomap_stats sa = stats_of(a), sb = stats_of(b);
    assert_int_equal(sa.overflow_buckets, sb.overflow_buckets);
    assert_int_equal(sa.B, sb.B);
    gomap_free(a);
    gomap_free(b);
}

static void random_seed_differs(void **state)
{
    (void)state;
    enum { N = 1000 };
    static uint64_t o1[N], o2[N];
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *a = gomap_new(&t, 0);
    gomap *b = gomap_new(&t, 0);
    assert_non_null(a);
    assert_non_null(b);
    for (uint64_t i = 0; i < N; i++) {
        gomap_assign_u64(a, i);
        gomap_assign_u64(b, i);
    }
    iter_order(a, o1, N);
    iter_order(b, o2, N);
    assert_true(memcmp(o1, o2, sizeof o1) != 0);
    /* The same holds for two iterations of one map. */
    iter_order(a, o2, N);
    bool differ = memcmp(o1, o2, sizeof o1) != 0;
    for (int i = 0; i < 20 && !differ; i++) {
        iter_order(a, o2, N);
        differ = memcmp(o1, o2, sizeof o1) != 0;
    }
    assert_true(differ);
    gomap_free(a);
    gomap_free(b);
}

/* ------------------------------------------------------------------------ */
/* Allocation failure: NULL + ENOMEM, map unchanged                         */
/* ------------------------------------------------------------------------ */

static void assign_enomem_leaves_map_unchanged(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 61);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    ta.fail_every = 3;
    static unsigned char present[3000];
    memset(present, 0, sizeof present);
    size_t len = 0, failures = 0;
    for (uint64_t i = 0; i < 3000; i++) {
        errno = 0;
        uint64_t *e = gomap_assign_u64(m, i);
        if (e == NULL) {
            assert_int_equal(errno, ENOMEM);
            failures++;
        } else {
            *e = i + 1;
            present[i] = 1;
            len++;
        }
        assert_int_equal(gomap_len(m), len);
        if (i % 100 == 0)
            check_map(m);
    }
    ta.fail_every = 0;
    assert_true(failures > 0);
    check_map(m);
    for (uint64_t i = 0; i < 3000; i++) {
        uint64_t *e = gomap_get_u64(m, i);
        if (present[i]) {
            assert_non_null(e);
            assert_int_equal(*e, i + 1);
        } else {
            assert_null(e);
        }
    }
    gomap_free(m);
    assert_int_equal(ta.live, 0);
    assert_false(ta.size_mismatch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_rejects_bad_types),
        cmocka_unit_test(new_accepts_valid_types),
        cmocka_unit_test(max_alignment_is_honoured),
        cmocka_unit_test(hint_to_B),
        cmocka_unit_test(bogus_hints),
        cmocka_unit_test(huge_hint_enomem),
        cmocka_unit_test(growth_points),
        cmocka_unit_test(small_growth_completes_in_same_insert),
        cmocka_unit_test(writes_finish_growth),
        cmocka_unit_test(null_map),
        cmocka_unit_test(empty_map),
        cmocka_unit_test(u64_crud),
        cmocka_unit_test(u32_crud),
        cmocka_unit_test(str_crud),
        cmocka_unit_test(set_maps),
        cmocka_unit_test(zero_size_keys),
        cmocka_unit_test(custom_key_type),
        cmocka_unit_test(stats_consistent),
        cmocka_unit_test(clear_keeps_buckets),
        cmocka_unit_test(kept_block_makes_a_new_map),
        cmocka_unit_test(kept_block_freed_at_thread_exit),
        cmocka_unit_test(clone_independent),
        cmocka_unit_test(clone_during_growth),
        cmocka_unit_test(clone_indirect),
        cmocka_unit_test(same_size_growth),
        cmocka_unit_test(clone_enomem),
        cmocka_unit_test(no_shrink),
        cmocka_unit_test(fixed_seed_deterministic),
        cmocka_unit_test(random_seed_differs),
        cmocka_unit_test(assign_enomem_leaves_map_unchanged),
        cmocka_unit_test(str_empty_key_null_ptr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
