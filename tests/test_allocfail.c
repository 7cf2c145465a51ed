/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_allocfail.c - allocation-failure injection, SQLite style.
 *
 * For each map kind (u64 keys with 8-byte elems; str keys; a 160-byte key
 * with a 144-byte elem, both stored indirectly; f64 keys with NaN) a fixed
 * operation sequence is run again and again with the k-th allocator call
 * failing, k = 1, 2, 3, ... until a run sees no injected failure. The
 * sequence creates maps with hint 0 and hint 100, inserts through several
 * growths and overflow buckets, overwrites, deletes, clones, clears, and
 * iterates while a growth is in progress with inserts inside the loop.
 *
 * When an operation fails (gomap_new_with / gomap_clone / gomap_assign*
 * return NULL) the test asserts errno == ENOMEM and that the map is exactly
 * as before (len, every entry by lookup, the entries produced by a full
 * iteration, gomap_check), then disarms the failure and repeats the same
 * operation, so the sequence continues. Every run ends by freeing everything
 * and asserting nothing leaked and every sized free was right.
 *
 * A second mode fails one allocation in 3 (and in 7) at random during a long
 * mixed workload: every failed assign must leave the map unchanged.
 *
 * Throughout, gomap_get, gomap_delete, gomap_len, gomap_iter_* and
 * gomap_clear must never call the allocator.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gomap/gomap.h>

#include "test_util.h"

#define NK      2048u /* key indices per kind */
#define NAN_MAX 256u  /* NaN entries tracked per map */
#define NMAPS   3
#define SLOT    160 /* string arena slot */
#define NAN_TAG (1ull << 63)
#define ODD     0x9E3779B97F4A7C15ull

enum kind { K_U64, K_STR, K_BIG, K_F64 };
static const char *const kind_name[] = {"u64", "str", "big", "f64"};

#define BIG_KEY        160
#define BIG_ELEM_WORDS 18 /* 144 bytes */
typedef struct bigkey {
    unsigned char b[BIG_KEY];
} bigkey;
typedef struct bigelem {
    uint64_t w[BIG_ELEM_WORDS];
} bigelem;

typedef struct amodel {
    bool present[NK];
    uint8_t var[NK];
    uint64_t val[NK];
    size_t count;
    size_t nan_n;
} amodel;

typedef struct actx {
    enum kind kind;
    gomap_type t;
    test_alloc ta;
    gomap *m[NMAPS];
    amodel md[NMAPS];
    uint64_t seq_rng; /* drives the sequence; independent of failures */
    uint64_t vctr;    /* elem values */
    size_t k;         /* fail_at of this run (0: random mode) */
    size_t op;
    size_t failures_seen;
    size_t overflow_seen, growing_seen;
    char *arena[2];
    bigkey *bigs;
    /* scratch for iteration checks */
    uint32_t seen[NK];
    uint32_t nan_seen[NAN_MAX];
    uint32_t stamp;
} actx;

static actx *g_a;

static void report_fail(const char *cond, const char *msg, int line)
{
    actx *a = g_a;
    if (a != NULL)
        fprintf(stderr,
                "allocfail FAILURE at line %d: %s [%s]\n  kind=%s fail_at=%zu fail_every=%zu "
                "op=%zu calls=%zu\n",
                line, msg, cond, kind_name[a->kind], a->k, a->ta.fail_every, a->op, a->ta.calls);
    else
        fprintf(stderr, "allocfail FAILURE at line %d: %s [%s]\n", line, msg, cond);
}

#define REQ(cond, msg)                                                                             \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            report_fail(#cond, (msg), __LINE__);                                                   \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

/* Runs a statement that must not call the allocator. */
#define NOALLOC(a, stmt, what)                                                                     \
    do {                                                                                           \
        size_t calls0_ = (a)->ta.calls;                                                            \
        stmt;                                                                                      \
        REQ((a)->ta.calls == calls0_, what " called the allocator");                               \
    } while (0)

static uint64_t srnd(actx *a)
{
    return test_splitmix64(&a->seq_rng);
}

static size_t srndn(actx *a, size_t n)
{
    return n == 0 ? 0 : (size_t)(srnd(a) % n);
}

/* ------------------------------------------------------------------------ */
/* Keys and elems                                                           */
/* ------------------------------------------------------------------------ */

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, BIG_KEY, seed);
}

static bool big_equal(const void *a, const void *b)
{
    return memcmp(a, b, BIG_KEY) == 0;
}

static gomap_type make_type(enum kind kind)
{
    switch (kind) {
    case K_U64: return gomap_type_u64(GOMAP_ELEM(uint64_t));
    case K_STR: return gomap_type_str(GOMAP_ELEM(uint64_t));
    case K_F64: return gomap_type_f64(GOMAP_ELEM(uint64_t));
    default: {
        gomap_type t = {sizeof(bigkey),
                        _Alignof(bigkey),
                        GOMAP_ELEM(bigelem),
                        big_hash,
                        big_equal,
                        0,
                        NULL,
                        NULL};
        return t;
    }
    }
}

static uint64_t inv_odd(void)
{
    uint64_t x = ODD; /* Newton: x = x * (2 - ODD * x) doubles the correct bits */
    for (int i = 0; i < 6; i++)
        x *= 2 - ODD * x;
    return x;
}

static double f64_of(size_t idx, unsigned var)
{
    if (idx == 0)
        return var ? -0.0 : 0.0;
    return (double)idx * 1.5 + 0.25;
}

static uint64_t dbits(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static size_t put_dec(char *dst, size_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        dst[i] = tmp[n - 1 - i];
    return n;
}

static size_t str_len_of(const actx *a, size_t idx)
{
    return strlen(a->arena[0] + idx * SLOT);
}

static void build_keys(actx *a)
{
    if (a->kind == K_STR) {
        for (unsigned c = 0; c < 2; c++)
            a->arena[c] = calloc(NK, SLOT);
        assert_non_null(a->arena[0]);
        assert_non_null(a->arena[1]);
        for (size_t i = 1; i < NK; i++) {
            char *d = a->arena[0] + i * SLOT;
            size_t n = 0;
            switch (i % 3) {
            case 0:
                d[n++] = 'k';
                n += put_dec(d + n, i);
                break;
            case 1:
                memset(d, 'P', 70);
                n = 70;
                n += put_dec(d + n, i);
                d[n++] = '!';
                break;
            default: {
                size_t L = (i / 3) % 2 ? 32 : 40;
                memcpy(d, "QQQQ", 4);
                n = 4;
                n += put_dec(d + n, i);
                d[n++] = '.';
                for (; n < L - 4; n++)
                    d[n] = (char)('a' + (i + n) % 26);
                memcpy(d + n, "ZZZZ", 4);
                n += 4;
                break;
            }
            }
            d[n] = 0;
        }
        memcpy(a->arena[1], a->arena[0], (size_t)NK * SLOT);
    } else if (a->kind == K_BIG) {
        a->bigs = calloc(NK, sizeof *a->bigs);
        assert_non_null(a->bigs);
        for (size_t i = 0; i < NK; i++) {
            for (size_t j = 0; j < BIG_KEY - 4; j++)
                a->bigs[i].b[j] = (unsigned char)(j * 5 + 1);
            uint32_t id = (uint32_t)i;
            memcpy(a->bigs[i].b + BIG_KEY - 4, &id, 4);
        }
    }
}

static void free_keys(actx *a)
{
    free(a->arena[0]);
    free(a->arena[1]);
    free(a->bigs);
    a->arena[0] = a->arena[1] = NULL;
    a->bigs = NULL;
}

static unsigned variant_of(const actx *a, size_t idx, unsigned var)
{
    if (a->kind == K_STR || (a->kind == K_F64 && idx == 0))
        return var & 1;
    return 0;
}

static void *k_assign(actx *a, gomap *m, size_t idx, unsigned var)
{
    switch (a->kind) {
    case K_U64:
        return (var & 2) ? gomap_assign(m, &(uint64_t){idx * ODD}) : gomap_assign_u64(m, idx * ODD);
    case K_STR: {
        gomap_str s = {a->arena[var & 1] + idx * SLOT, str_len_of(a, idx)};
        return (var & 2) ? gomap_assign(m, &s) : gomap_assign_str(m, s.ptr, s.len);
    }
    case K_F64: return gomap_assign(m, &(double){f64_of(idx, var & 1)});
    default: {
        bigkey k = a->bigs[idx];
        return gomap_assign(m, &k);
    }
    }
}

static void *k_get(actx *a, gomap *m, size_t idx, unsigned var)
{
    switch (a->kind) {
    case K_U64:
        return (var & 2) ? gomap_get(m, &(uint64_t){idx * ODD}) : gomap_get_u64(m, idx * ODD);
    case K_STR: {
        gomap_str s = {a->arena[var & 1] + idx * SLOT, str_len_of(a, idx)};
        return (var & 2) ? gomap_get(m, &s) : gomap_get_str(m, s.ptr, s.len);
    }
    case K_F64: return gomap_get(m, &(double){f64_of(idx, var & 1)});
    default: {
        bigkey k = a->bigs[idx];
        return gomap_get(m, &k);
    }
    }
}

static bool k_delete(actx *a, gomap *m, size_t idx, unsigned var)
{
    switch (a->kind) {
    case K_U64:
        return (var & 2) ? gomap_delete(m, &(uint64_t){idx * ODD}) : gomap_delete_u64(m, idx * ODD);
    case K_STR: {
        gomap_str s = {a->arena[var & 1] + idx * SLOT, str_len_of(a, idx)};
        return (var & 2) ? gomap_delete(m, &s) : gomap_delete_str(m, s.ptr, s.len);
    }
    case K_F64: return gomap_delete(m, &(double){f64_of(idx, var & 1)});
    default: {
        bigkey k = a->bigs[idx];
        return gomap_delete(m, &k);
    }
    }
}

#define DEC_NAN (-2)
#define DEC_BAD (-1)

static long decode_key(const actx *a, const void *key, unsigned *var)
{
    *var = 0;
    switch (a->kind) {
    case K_U64: {
        uint64_t k;
        memcpy(&k, key, sizeof k);
        uint64_t idx = k * inv_odd();
        return idx < NK ? (long)idx : DEC_BAD;
    }
    case K_STR: {
        gomap_str s;
        memcpy(&s, key, sizeof s);
        for (unsigned c = 0; c < 2; c++) {
            const char *base = a->arena[c];
            if (s.ptr < base || s.ptr >= base + (size_t)NK * SLOT)
                continue;
            size_t off = (size_t)(s.ptr - base);
            if (off % SLOT != 0 || s.len != str_len_of(a, off / SLOT))
                return DEC_BAD;
            *var = c;
            return (long)(off / SLOT);
        }
        return DEC_BAD;
    }
    case K_F64: {
        uint64_t b;
        memcpy(&b, key, sizeof b);
        double d;
        memcpy(&d, key, sizeof d);
        if ((b & 0x7FF0000000000000ull) == 0x7FF0000000000000ull &&
            (b & 0x000FFFFFFFFFFFFFull) != 0)
            return DEC_NAN;
        if ((b << 1) == 0) {
            *var = (unsigned)(b >> 63);
            return 0;
        }
        double t = (d - 0.25) / 1.5;
        if (!(t >= 1 && t < NK))
            return DEC_BAD;
        size_t idx = (size_t)t;
        return dbits(f64_of(idx, 0)) == b ? (long)idx : DEC_BAD;
    }
    default: {
        uint32_t id;
        memcpy(&id, (const unsigned char *)key + BIG_KEY - 4, 4);
        if (id >= NK || memcmp(key, a->bigs[id].b, BIG_KEY) != 0)
            return DEC_BAD;
        return (long)id;
    }
    }
}

static void elem_write(const actx *a, void *e, uint64_t v)
{
    if (a->kind == K_BIG) {
        bigelem b;
        for (size_t i = 0; i < BIG_ELEM_WORDS; i++)
            b.w[i] = v + i * 0x100000001ull;
        memcpy(e, &b, sizeof b);
    } else {
        memcpy(e, &v, sizeof v);
    }
}

static bool elem_is(const actx *a, const void *e, uint64_t v)
{
    if (a->kind == K_BIG) {
        bigelem b;
        memcpy(&b, e, sizeof b);
        for (size_t i = 0; i < BIG_ELEM_WORDS; i++)
            if (b.w[i] != v + i * 0x100000001ull)
                return false;
        return true;
    }
    uint64_t x;
    memcpy(&x, e, sizeof x);
    return x == v;
}

static bool elem_zero(const actx *a, const void *e)
{
    size_t n = a->kind == K_BIG ? sizeof(bigelem) : sizeof(uint64_t);
    const unsigned char *b = e;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0)
            return false;
    return true;
}

static uint64_t elem_v(const void *e)
{
    uint64_t v;
    memcpy(&v, e, sizeof v);
    return v;
}

/* ------------------------------------------------------------------------ */
/* Verification                                                             */
/* ------------------------------------------------------------------------ */

/* The map in slot s holds exactly the model's entries. Reads only: asserts
 * that none of it calls the allocator. */
static void verify_same(actx *a, int s)
{
    gomap *m = a->m[s];
    amodel *md = &a->md[s];
    size_t calls0 = a->ta.calls;
    size_t total = md->count + md->nan_n;
    REQ(gomap_len(m) == total, "len differs from the model");
    for (size_t i = 0; i < NK; i++) {
        if (!md->present[i])
            continue;
        void *e = k_get(a, m, i, (unsigned)(i & 3));
        REQ(e != NULL, "a model key is missing from the map");
        REQ(elem_is(a, e, md->val[i]), "an elem differs from the model");
    }
    a->stamp++;
    size_t n = 0;
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        unsigned var;
        long idx = decode_key(a, it.key, &var);
        n++;
        REQ(n <= total, "iteration produced more entries than the model has");
        if (idx == DEC_NAN) {
            uint64_t v = elem_v(it.elem);
            REQ((v & NAN_TAG) && (v & 0xFFFF) < md->nan_n, "unknown NaN entry");
            REQ(elem_is(a, it.elem, v), "NaN elem corrupted");
            REQ(a->nan_seen[v & 0xFFFF] != a->stamp, "NaN entry produced twice");
            a->nan_seen[v & 0xFFFF] = a->stamp;
            continue;
        }
        REQ(idx >= 0, "iteration produced an unknown key");
        REQ(md->present[idx], "iteration produced a key absent from the model");
        REQ(a->seen[idx] != a->stamp, "iteration produced a key twice");
        a->seen[idx] = a->stamp;
        REQ(var == md->var[idx], "stored key is not the latest assigned one");
        REQ(elem_is(a, it.elem, md->val[idx]), "iteration elem differs from the model");
    }
    REQ(n == total, "iteration produced fewer entries than the model has");
    const char *msg = gomap_check(m);
    if (msg != NULL)
        fprintf(stderr, "gomap_check: %s\n", msg);
    REQ(msg == NULL, "gomap_check reported a violation");
    REQ(a->ta.calls == calls0, "len/get/iteration/check called the allocator");
    gomap_stats st;
    gomap_stats_get(m, &st);
    if (st.overflow_buckets > 0)
        a->overflow_seen++;
    if (st.growing)
        a->growing_seen++;
}

/* An operation failed: check errno and that the map is unchanged, then
 * disarm fault injection so the retry succeeds. */
static void on_failure(actx *a, int s, const char *what)
{
    REQ(errno == ENOMEM, what);
    REQ(a->ta.failures > 0, "NULL returned without an injected allocation failure");
    a->failures_seen++;
    if (s >= 0 && a->m[s] != NULL)
        verify_same(a, s);
    a->ta.fail_at = 0;
}

/* ------------------------------------------------------------------------ */
/* Operations of the fixed sequence                                         */
/* ------------------------------------------------------------------------ */

static void a_new(actx *a, int s, size_t hint)
{
    a->op++;
    gomap_options o = test_alloc_options(&a->ta, 0xABCDEF + (uint64_t)s);
    for (;;) {
        errno = 0;
        a->m[s] = gomap_new_with(&a->t, hint, &o);
        if (a->m[s] != NULL)
            break;
        on_failure(a, -1, "gomap_new_with failed without ENOMEM");
        REQ(a->k != 0 || a->ta.fail_every != 0, "gomap_new_with failed with failure injection off");
    }
    memset(&a->md[s], 0, sizeof a->md[s]);
    REQ(gomap_len(a->m[s]) == 0, "new map not empty");
}

static void a_free(actx *a, int s)
{
    gomap_free(a->m[s]);
    a->m[s] = NULL;
    memset(&a->md[s], 0, sizeof a->md[s]);
}

static void a_insert(actx *a, int s, size_t idx, unsigned var)
{
    amodel *md = &a->md[s];
    a->op++;
    void *e;
    for (;;) {
        errno = 0;
        e = k_assign(a, a->m[s], idx, var);
        if (e != NULL)
            break;
        on_failure(a, s, "assign failed without ENOMEM");
    }
    if (md->present[idx])
        REQ(elem_is(a, e, md->val[idx]), "assign over an existing key: not the old value");
    else
        REQ(elem_zero(a, e), "assign: new elem not zeroed");
    uint64_t v = ++a->vctr;
    elem_write(a, e, v);
    if (!md->present[idx])
        md->count++;
    md->present[idx] = true;
    md->val[idx] = v;
    md->var[idx] = (uint8_t)variant_of(a, idx, var);
    NOALLOC(a, REQ(gomap_len(a->m[s]) == md->count + md->nan_n, "len after assign"), "gomap_len");
}

static void a_insert_nan(actx *a, int s)
{
    amodel *md = &a->md[s];
    a->op++;
    if (md->nan_n >= NAN_MAX)
        return;
    static const uint64_t pats[] = {0x7FF8000000000000ull, 0xFFF8000000000000ull,
                                    0x7FF0000000000001ull, 0x7FF8000000000123ull};
    double d;
    memcpy(&d, &pats[md->nan_n % 4], sizeof d);
    void *e;
    for (;;) {
        errno = 0;
        e = gomap_assign(a->m[s], &d);
        if (e != NULL)
            break;
        on_failure(a, s, "assign(NaN) failed without ENOMEM");
    }
    REQ(elem_zero(a, e), "assign(NaN): new elem not zeroed");
    elem_write(a, e, NAN_TAG | md->nan_n);
    md->nan_n++;
    NOALLOC(a, REQ(gomap_len(a->m[s]) == md->count + md->nan_n, "len after assign(NaN)"),
            "gomap_len");
}

static void a_delete(actx *a, int s, size_t idx, unsigned var)
{
    amodel *md = &a->md[s];
    a->op++;
    /* A delete may allocate to move a growth on (as Go's does), but it
     * never fails: an allocation failure injected here must not change its
     * result or the map's contents. */
    bool r = k_delete(a, a->m[s], idx, var);
    REQ(r == md->present[idx], "delete result differs from the model");
    if (r) {
        md->present[idx] = false;
        md->count--;
    }
    if (a->kind == K_F64) {
        double nan;
        uint64_t b = 0x7FF8000000000000ull;
        memcpy(&nan, &b, sizeof nan);
        r = gomap_delete(a->m[s], &nan);
        REQ(!r, "delete(NaN) returned true");
    }
}

static void a_get(actx *a, int s, size_t idx, unsigned var)
{
    amodel *md = &a->md[s];
    a->op++;
    void *e;
    NOALLOC(a, e = k_get(a, a->m[s], idx, var), "gomap_get");
    if (md->present[idx])
        REQ(e != NULL && elem_is(a, e, md->val[idx]), "lookup of a present key");
    else
        REQ(e == NULL, "lookup of an absent key found it");
}

static void a_clear(actx *a, int s)
{
    a->op++;
    NOALLOC(a, gomap_clear(a->m[s]), "gomap_clear");
    memset(&a->md[s], 0, sizeof a->md[s]);
    NOALLOC(a, REQ(gomap_len(a->m[s]) == 0, "len after clear"), "gomap_len");
}

static void a_clone(actx *a, int src, int dst)
{
    a->op++;
    for (;;) {
        errno = 0;
        a->m[dst] = gomap_clone(a->m[src]);
        if (a->m[dst] != NULL)
            break;
        on_failure(a, src, "gomap_clone failed without ENOMEM");
    }
    a->md[dst] = a->md[src];
    verify_same(a, dst);
}

static bool is_growing(const gomap *m)
{
    gomap_stats st;
    gomap_stats_get(m, &st);
    return st.growing;
}

static void a_iter_next(actx *a, gomap_iter *it, bool *more)
{
    NOALLOC(a, *more = gomap_iter_next(it), "gomap_iter_next");
}

/* Iteration started while the map is growing, with inserts, overwrites and
 * deletes in the loop body; ends early (gomap_iter_done) or at the end. */
static void a_iterate_mid_growth(actx *a, int s, size_t next_key, bool end_early)
{
    a->op++;
    size_t guard = 0;
    while (!is_growing(a->m[s]) && guard++ < 300)
        a_insert(a, s, next_key++ % NK, 0);
    gomap_iter it;
    NOALLOC(a, gomap_iter_init(&it, a->m[s]), "gomap_iter_init");
    size_t steps = 0, limit = a->md[s].count / 2 + 1;
    bool more = true;
    for (;;) {
        if (end_early && steps == limit) {
            NOALLOC(a, gomap_iter_done(&it), "gomap_iter_done");
            break;
        }
        a_iter_next(a, &it, &more);
        if (!more)
            break;
        steps++;
        REQ(steps < 4 * NK, "iteration does not end");
        if (steps % 3 == 0) {
            a_insert(a, s, next_key++ % NK, (unsigned)steps);         /* new (usually) */
            a_insert(a, s, srndn(a, next_key) % NK, (unsigned)steps); /* overwrite or new */
            if (a->kind == K_F64 && steps % 9 == 0)
                a_insert_nan(a, s);
        }
        if (steps % 5 == 0)
            a_delete(a, s, srndn(a, next_key) % NK, 0);
    }
    if (!end_early && srndn(a, 2) == 0)
        NOALLOC(a, gomap_iter_done(&it), "gomap_iter_done after the end");
}

/* Sequence length: every allocator call of a run costs one more run, so the
 * kind with indirect storage (two allocations per insert) runs a shorter
 * sequence that still grows through several sizes. */
static size_t sc(const actx *a, size_t n)
{
    return a->kind == K_BIG ? n * 2 / 5 : n;
}

/* The fixed sequence: identical in every run (failures only add retries). */
static void run_sequence(actx *a)
{
    a->seq_rng = 0x1234 + (uint64_t)a->kind;
    a->vctr = 0;
    a->op = 0;

    /* map 0: hint 0, several growths, overwrites, deletes, lookups */
    a_new(a, 0, 0);
    for (size_t i = 0; i < sc(a, 240); i++) {
        a_insert(a, 0, i, (unsigned)srnd(a));
        if (i % 4 == 3)
            a_insert(a, 0, srndn(a, i), (unsigned)srnd(a)); /* overwrite */
        if (i % 6 == 5)
            a_delete(a, 0, srndn(a, i), (unsigned)srnd(a));
        if (i % 5 == 0)
            a_get(a, 0, srndn(a, i + 4), (unsigned)srnd(a));
        if (a->kind == K_F64 && i % 40 == 7)
            a_insert_nan(a, 0);
    }
    verify_same(a, 0);

    /* map 1: hint 100 (preallocated overflow buckets), grows past it */
    a_new(a, 1, 100);
    for (size_t i = 0; i < (a->kind == K_BIG ? 110u : 180u); i++) {
        a_insert(a, 1, 1000 + i, (unsigned)srnd(a));
        if (i % 7 == 0)
            a_delete(a, 1, 1000 + srndn(a, i + 1), 0);
    }
    verify_same(a, 1);

    /* clone map 0, diverge the two, drop the original */
    a_clone(a, 0, 2);
    for (size_t i = 0; i < sc(a, 30); i++) {
        a_insert(a, 2, 240 + i, 0);
        a_delete(a, 0, srndn(a, 240), 0);
    }
    verify_same(a, 0);
    verify_same(a, 2);
    a_free(a, 0);

    /* iteration started mid-growth, inserts in the loop; once ended early */
    a_iterate_mid_growth(a, 1, 1180, true);
    verify_same(a, 1);
    a_iterate_mid_growth(a, 1, 1400, false);
    verify_same(a, 1);

    /* clone during a growth */
    {
        size_t key = 1700, guard = 0;
        while (!is_growing(a->m[1]) && guard++ < 400)
            a_insert(a, 1, key++ % NK, 1);
        a_clone(a, 1, 0);
    }

    /* clear keeps the array; refill; delete everything */
    a_clear(a, 1);
    verify_same(a, 1);
    for (size_t i = 0; i < sc(a, 120); i++)
        a_insert(a, 1, 500 + i, (unsigned)i);
    for (size_t i = 0; i < sc(a, 120); i++)
        a_delete(a, 1, 500 + i, (unsigned)i);
    verify_same(a, 1);
    a_insert(a, 1, 3, 0);

    /* the clone of a growing map keeps working */
    for (size_t i = 0; i < sc(a, 60); i++)
        a_insert(a, 0, srndn(a, NK), (unsigned)i);
    verify_same(a, 0);
    a_clear(a, 2);
    a_insert(a, 2, 7, 0);
    verify_same(a, 2);

    for (int s = 0; s < NMAPS; s++)
        a_free(a, s);
}

static void run_fail_at(enum kind kind)
{
    actx *a = calloc(1, sizeof *a);
    assert_non_null(a);
    a->kind = kind;
    a->t = make_type(kind);
    build_keys(a);
    g_a = a;
    size_t runs = 0, max_calls = 0;
    for (size_t k = 1;; k += test_failpoint_step(k)) {
        test_alloc_init(&a->ta);
        a->ta.fail_at = k;
        a->k = k;
        a->failures_seen = 0;
        run_sequence(a);
        REQ(a->ta.live == 0 && a->ta.live_bytes == 0, "memory leaked");
        REQ(!a->ta.size_mismatch, "a free passed the wrong size");
        runs++;
        if (a->ta.calls > max_calls)
            max_calls = a->ta.calls;
        if (a->ta.failures == 0)
            break;
        REQ(k < 100000, "the sequence never completes without a failure");
    }
    REQ(a->overflow_seen > 0, "the sequence never produced an overflow bucket");
    REQ(a->growing_seen > 0, "the sequence never verified a growing map");
    fprintf(stderr, "[allocfail %s] %zu runs, up to %zu allocator calls per run\n", kind_name[kind],
            runs, max_calls);
    g_a = NULL;
    free_keys(a);
    free(a);
}

/* ------------------------------------------------------------------------ */
/* Random failures                                                          */
/* ------------------------------------------------------------------------ */

/* One assign under random failure: on failure the map must be unchanged for
 * that key (absent stays absent, present keeps its value) and in len. */
static void r_insert(actx *a, size_t idx, unsigned var)
{
    amodel *md = &a->md[0];
    gomap *m = a->m[0];
    a->op++;
    size_t len0 = gomap_len(m);
    errno = 0;
    void *e = k_assign(a, m, idx, var);
    if (e == NULL) {
        REQ(errno == ENOMEM, "failed assign: errno is not ENOMEM");
        a->failures_seen++;
        size_t calls0 = a->ta.calls;
        REQ(gomap_len(m) == len0, "failed assign changed len");
        void *g = k_get(a, m, idx, var);
        if (md->present[idx])
            REQ(g != NULL && elem_is(a, g, md->val[idx]),
                "failed assign changed the existing entry");
        else
            REQ(g == NULL, "failed assign left the key present");
        REQ(a->ta.calls == calls0, "gomap_get/len called the allocator");
        if (a->op % 64 == 0) {
            size_t fe = a->ta.fail_every;
            a->ta.fail_every = 0;
            verify_same(a, 0);
            a->ta.fail_every = fe;
        }
        return;
    }
    if (md->present[idx])
        REQ(elem_is(a, e, md->val[idx]), "assign over an existing key: not the old value");
    else
        REQ(elem_zero(a, e), "assign: new elem not zeroed");
    uint64_t v = ++a->vctr;
    elem_write(a, e, v);
    if (!md->present[idx])
        md->count++;
    md->present[idx] = true;
    md->val[idx] = v;
    md->var[idx] = (uint8_t)variant_of(a, idx, var);
    REQ(gomap_len(m) == md->count + md->nan_n, "len after assign");
}

static void r_insert_nan(actx *a)
{
    amodel *md = &a->md[0];
    if (md->nan_n >= NAN_MAX)
        return;
    double d;
    uint64_t b = 0x7FF8000000000000ull | md->nan_n;
    memcpy(&d, &b, sizeof d);
    size_t len0 = gomap_len(a->m[0]);
    errno = 0;
    void *e = gomap_assign(a->m[0], &d);
    if (e == NULL) {
        REQ(errno == ENOMEM, "failed assign(NaN): errno is not ENOMEM");
        REQ(gomap_len(a->m[0]) == len0, "failed assign(NaN) changed len");
        return;
    }
    elem_write(a, e, NAN_TAG | md->nan_n);
    md->nan_n++;
}

static void r_iterate(actx *a, size_t window)
{
    /* full iteration with writes in the loop body (some fail) */
    amodel *md = &a->md[0];
    gomap_iter it;
    NOALLOC(a, gomap_iter_init(&it, a->m[0]), "gomap_iter_init");
    bool more;
    size_t steps = 0, stop = srndn(a, md->count + 2);
    for (;;) {
        if (steps == stop && (steps & 1)) {
            NOALLOC(a, gomap_iter_done(&it), "gomap_iter_done");
            break;
        }
        a_iter_next(a, &it, &more);
        if (!more)
            break;
        unsigned var;
        long idx = decode_key(a, it.key, &var);
        REQ(idx == DEC_NAN || (idx >= 0 && md->present[idx] && elem_is(a, it.elem, md->val[idx])),
            "iteration produced an entry that differs from the model");
        steps++;
        REQ(steps < 8 * NK, "iteration does not end");
        if (srndn(a, 4) == 0)
            r_insert(a, srndn(a, window), (unsigned)srnd(a));
        if (srndn(a, 6) == 0)
            a_delete(a, 0, srndn(a, window), (unsigned)srnd(a));
    }
}

static void run_random(enum kind kind, size_t fail_every, size_t ops)
{
    actx *a = calloc(1, sizeof *a);
    assert_non_null(a);
    a->kind = kind;
    a->t = make_type(kind);
    build_keys(a);
    g_a = a;
    test_alloc_init(&a->ta);
    a->ta.fail_every = fail_every;
    a->ta.rng = 777 + fail_every * 31 + (uint64_t)kind;
    a->seq_rng = 99 + (uint64_t)kind * 1000 + fail_every;
    a_new(a, 0, srndn(a, 2) ? 0 : 100);
    size_t clones = 0, clone_ok = 0;
    while (a->op < ops) {
        /* phases: grow towards ~1500 entries, then shrink */
        size_t phase = (a->op / (ops / 6 + 1)) % 3;
        size_t window = phase == 0 ? NK : phase == 1 ? 600 : 64;
        size_t r = srndn(a, 1000);
        size_t idx = srndn(a, window);
        if (r < 450) {
            if (kind == K_F64 && srndn(a, 100) == 0)
                r_insert_nan(a);
            else
                r_insert(a, idx, (unsigned)srnd(a));
        } else if (r < 450 + (phase == 0 ? 150 : 350)) {
            a_delete(a, 0, idx, (unsigned)srnd(a));
        } else if (r < 900) {
            a_get(a, 0, idx, (unsigned)srnd(a));
        } else if (r < 995) {
            a->op++;
            NOALLOC(a, REQ(gomap_len(a->m[0]) == a->md[0].count + a->md[0].nan_n, "len"),
                    "gomap_len");
        } else if (r < 997) {
            a->op++;
            clones++;
            errno = 0;
            gomap *cl = gomap_clone(a->m[0]);
            if (cl == NULL) {
                REQ(errno == ENOMEM, "failed clone: errno is not ENOMEM");
            } else {
                clone_ok++;
                a->m[1] = cl;
                a->md[1] = a->md[0];
                verify_same(a, 1);
                a_free(a, 1);
            }
            size_t fe = a->ta.fail_every;
            a->ta.fail_every = 0;
            verify_same(a, 0);
            a->ta.fail_every = fe;
        } else if (r < 999) {
            a->op++;
            r_iterate(a, window);
        } else if (srndn(a, 10) == 0) {
            a_clear(a, 0);
        }
    }
    a->ta.fail_every = 0;
    verify_same(a, 0);
    REQ(a->failures_seen > 0, "random mode injected no assign failure");
    fprintf(stderr,
            "[allocfail random %s 1/%zu] %zu ops, %zu alloc failures (%zu in assign), clones "
            "%zu/%zu ok, len %zu\n",
            kind_name[kind], fail_every, a->op, a->ta.failures, a->failures_seen, clone_ok, clones,
            gomap_len(a->m[0]));
    a_free(a, 0);
    REQ(a->ta.live == 0 && a->ta.live_bytes == 0, "memory leaked");
    REQ(!a->ta.size_mismatch, "a free passed the wrong size");
    g_a = NULL;
    free_keys(a);
    free(a);
}

static void t_failat_u64(void **state)
{
    (void)state;
    run_fail_at(K_U64);
}

static void t_failat_str(void **state)
{
    (void)state;
    run_fail_at(K_STR);
}

static void t_failat_big(void **state)
{
    (void)state;
    run_fail_at(K_BIG);
}

static void t_failat_f64(void **state)
{
    (void)state;
    run_fail_at(K_F64);
}

static void t_random(void **state)
{
    (void)state;
    static const size_t every[] = {3, 7};
    for (size_t e = 0; e < 2; e++)
        for (int kind = K_U64; kind <= K_F64; kind++)
            run_random((enum kind)kind, every[e], test_under_valgrind() ? 8000 : 50000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_failat_u64), cmocka_unit_test(t_failat_str),
        cmocka_unit_test(t_failat_big), cmocka_unit_test(t_failat_f64),
        cmocka_unit_test(t_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
