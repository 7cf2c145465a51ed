/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_differential.c - randomized differential test of gomap against a
 * simple reference model.
 *
 * Four map kinds are driven through the public API only:
 *   u64  keys: fast paths gomap_*_u64 mixed with the generic functions;
 *   str  keys: fast paths gomap_*_str (sometimes generic), keys drawn from a
 *        pool holding "", strings with > 64-byte shared prefixes, strings of
 *        length >= 32 sharing their first and last 4 bytes; lookups sometimes
 *        use a second copy of the bytes (different pointer, equal bytes);
 *   f64  keys: generic API, +0.0 / -0.0, NaN, small integers, random doubles;
 *   big  keys: a 200-byte struct (stored indirectly) with a 136-byte elem
 *        (also indirect), hashed with gomap_hash_bytes, compared with memcmp;
 *   u32  keys: fast paths gomap_*_u32 mixed with the generic functions;
 *   owned keys: gomap_type_str_owned, the str pool's strings; the map keeps
 *        its own copy of each (decoded by content, checked NUL-terminated and
 *        outside the caller's arenas).
 *
 * Besides assign, get and delete, the operations use Go's "v, ok" forms and
 * ownership transfer: gomap_assign2* (checked against whether the model had
 * the key), gomap_get_kv (the stored key decodes to the key looked up),
 * gomap_take (the key and elem copied out are the model's) and
 * gomap_iter_delete on the entry an iteration just returned.
 *
 * The reference model is a direct index into a fixed pool of distinct keys
 * (key -> pool index through an open-addressing table, a binary search over
 * the string arena, or an index embedded in the big key), plus a dense list
 * of present indices and a counted list of NaN entries. Every elem written
 * is derived from the operation number and the key, so a stale, misplaced or
 * corrupted elem is detected.
 *
 * Maps sometimes have GOMAP_AUTO_SHRINK, and gomap_shrink and gomap_reserve
 * are called now and then, between operations and inside iteration loops.
 *
 * Iteration is checked against Go's guarantees (§8.3 of the semantics
 * document) while the loop body deletes, inserts and overwrites keys and
 * occasionally clears the map: no entry twice, every returned entry present
 * with its current value (and, for str and f64, the key bytes of the latest
 * assign), entries present at the start and never deleted are all returned.
 *
 * Maps made without a hint live in the caller's storage (gomap_init) in
 * every other phase, so they start in the bucket there and outgrow it.
 *
 * Reproduce a failure with GOMAP_DIFF_SEED=<seed printed> (and the same
 * GOMAP_DIFF_SCALE, percent of the default number of operations).
 */
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

#include "test_util.h"

/* ------------------------------------------------------------------------ */
/* Parameters                                                               */
/* ------------------------------------------------------------------------ */

#define POOL_N      50000u /* distinct keys per kind */
#define ABSENT_N    512u   /* keys guaranteed absent from every map */
#define NAN_MAX     4096u  /* NaN entries tracked at once */
#define CHECK_EVERY 4096u  /* gomap_check period, in operations */
#define NONE        UINT32_MAX
#define NAN_TAG     (1ull << 63)
#define NAN_ID      0xFFFFFFFFull /* "key index" mixed into NaN elems */
#define DEC_NAN     (-2)
#define DEC_BAD     (-1)

enum kind { K_U64, K_STR, K_F64, K_BIG, K_U32, K_OWNED };
static const char *const kind_name[] = {"u64", "str", "f64", "big", "u32", "owned"};

typedef struct elem16 {
    uint64_t v, chk;
} elem16;

#define BIG_KEY        200
#define BIG_ELEM_WORDS 17 /* 136 bytes */
typedef struct bigkey {
    unsigned char b[BIG_KEY];
} bigkey;
typedef struct bigelem {
    uint64_t w[BIG_ELEM_WORDS];
} bigelem;

/* One phase of the workload. Probabilities are per mille; the remainder of
 * p_ins + p_del + p_get is gomap_len checks. *_every: one in N operations
 * (0: never). */
typedef struct phase {
    const char *name;
    size_t ops;
    size_t window; /* keys drawn from [base, base + window) */
    bool random_base;
    bool new_map;
    size_t hint;
    unsigned p_ins, p_del, p_get;
    unsigned p_targeted_del; /* per mille of deletes aimed at a present key */
    unsigned iter_every, clone_every, clear_every;
    unsigned nan_pm; /* f64: per mille of inserts that insert a NaN */
} phase;

static const phase phases[] = {
    {"tiny", 40000, 12, false, true, 0, 450, 300, 230, 300, 60, 400, 700, 30},
    {"small", 60000, 300, true, false, 0, 420, 330, 230, 300, 500, 3000, 20000, 10},
    {"grow", 90000, POOL_N, false, false, 0, 700, 100, 190, 0, 6000, 45000, 0, 3},
    {"shrink", 60000, POOL_N, false, false, 0, 100, 700, 190, 500, 6000, 45000, 0, 3},
    {"drain", 25000, POOL_N, false, false, 0, 30, 850, 110, 1000, 2500, 0, 0, 0},
    {"hinted", 50000, 3000, true, true, 3000, 400, 350, 230, 300, 1500, 12000, 40000, 10},
    {"regrow", 80000, 20000, true, false, 0, 620, 180, 190, 200, 5000, 30000, 0, 3},
    {"tiny2", 30000, 9, true, true, 100, 420, 330, 230, 300, 50, 300, 500, 30},
    {"churn", 40000, 1500, true, false, 0, 400, 400, 190, 500, 700, 8000, 0, 5},
};
#define NPHASES (sizeof phases / sizeof phases[0])

/* Share of the default operation count each kind runs, in percent. */
static const unsigned kind_scale[] = {100, 80, 65, 50, 60, 60};

/* ------------------------------------------------------------------------ */
/* Key pools                                                                */
/* ------------------------------------------------------------------------ */

typedef struct pool {
    size_t n;
    /* u64 and f64: key bits, absent probes, bits -> index + 1 table */
    uint64_t *bits;
    uint64_t *absent;
    uint32_t *tab;
    size_t tabmask;
    /* str: two copies of every string (equal bytes, different pointers) */
    char *arena[2];
    size_t arena_size;
    size_t *off, *len;
    uint32_t *by_content; /* owned: indices sorted by their strings' bytes */
    gomap_str *absent_str;
    char *absent_arena;
    /* big */
    bigkey *big;
} pool;

typedef struct model {
    uint32_t *pos; /* index in dense, or NONE if absent */
    uint32_t *dense;
    size_t dn;
    uint64_t *val;
    uint8_t *var; /* str: which copy was assigned last; f64 slot 0: sign of the stored zero */
    uint32_t *it_ret, *it_del, *it_fresh; /* iteration stamps */
    uint32_t it_id;
    uint32_t *nan_ret;
    size_t nan_n;
    uint32_t nan_gen;
    size_t clears;  /* model clears so far */
    size_t inserts; /* new entries created so far (NaN included) */
    size_t max_len;
} model;

typedef struct dctx {
    enum kind kind;
    gomap_type t;
    pool p;
    model md;
    test_alloc ta;
    gomap *m;
    uint64_t rng;
    uint64_t base_seed;
    uint64_t op;
    const phase *ph;
    unsigned phase_no;
    size_t base, window;
    uint32_t *start; /* keys present when an iteration started */
    /* the caller's storage of the maps made with gomap_init */
    _Alignas(max_align_t) unsigned char storage[GOMAP_STORAGE_BYTES(BIG_KEY, 8 * BIG_ELEM_WORDS)];
} dctx;

static dctx *g_ctx; /* for failure reports */

static void report_fail(const char *cond, const char *msg, int line)
{
    dctx *c = g_ctx;
    if (c != NULL)
        fprintf(stderr,
                "differential FAILURE at line %d: %s [%s]\n  kind=%s GOMAP_DIFF_SEED=0x%llx "
                "phase=%u(%s) op=%llu map_len=%zu model=%zu+%zu NaN\n",
                line, msg, cond, kind_name[c->kind], (unsigned long long)c->base_seed, c->phase_no,
                c->ph ? c->ph->name : "-", (unsigned long long)c->op, gomap_len(c->m), c->md.dn,
                c->md.nan_n);
    else
        fprintf(stderr, "differential FAILURE at line %d: %s [%s]\n", line, msg, cond);
}

#define REQ(cond, msg)                                                                             \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            report_fail(#cond, (msg), __LINE__);                                                   \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

static uint64_t rnd(dctx *c)
{
    return test_splitmix64(&c->rng);
}

static size_t rndn(dctx *c, size_t n)
{
    return n == 0 ? 0 : (size_t)(rnd(c) % n);
}

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n == 0 ? 1 : n, size);
    assert_non_null(p);
    return p;
}

/* bits -> index table (u64, f64) */
static int64_t tab_find(const pool *p, uint64_t bits)
{
    for (size_t h = mix64(bits) & p->tabmask;; h = (h + 1) & p->tabmask) {
        uint32_t e = p->tab[h];
        if (e == 0)
            return DEC_BAD;
        if (p->bits[e - 1] == bits)
            return (int64_t)(e - 1);
    }
}

static bool tab_add(pool *p, size_t idx, uint64_t bits)
{
    if (tab_find(p, bits) >= 0)
        return false;
    p->bits[idx] = bits;
    size_t h = mix64(bits) & p->tabmask;
    while (p->tab[h] != 0)
        h = (h + 1) & p->tabmask;
    p->tab[h] = (uint32_t)(idx + 1);
    return true;
}

static uint64_t dbits(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static double bitsd(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static bool bits_is_nan(uint64_t b)
{
    return (b & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (b & 0x000FFFFFFFFFFFFFull) != 0;
}

static void pool_numeric(pool *p, enum kind kind)
{
    uint64_t s = 0xC0FFEE + (uint64_t)kind;
    p->bits = xcalloc(p->n, sizeof *p->bits);
    p->absent = xcalloc(ABSENT_N, sizeof *p->absent);
    p->tabmask = 131071;
    p->tab = xcalloc(p->tabmask + 1, sizeof *p->tab);
    size_t i = 0;
    if (kind == K_U32) {
        for (; i < 256; i++)
            tab_add(p, i, i); /* 0 .. 255 */
        while (i < p->n) {
            uint64_t r = test_splitmix64(&s);
            uint64_t k =
                (r % 2) ? (uint32_t)r : ((uint32_t)r >> 12) << 12 | 0x3; /* equal low bits */
            if (tab_add(p, i, k))
                i++;
        }
        for (size_t j = 0; j < ABSENT_N;) {
            uint64_t k = (uint32_t)test_splitmix64(&s);
            if (tab_find(p, k) < 0)
                p->absent[j++] = k;
        }
    } else if (kind == K_U64) {
        for (; i < 256; i++)
            tab_add(p, i, i); /* 0 .. 255 */
        while (i < p->n) {
            uint64_t r = test_splitmix64(&s), k;
            switch (r % 4) {
            case 0: k = r; break;
            case 1: k = (r >> 8) << 12 | 0x5; break;      /* equal low bits */
            case 2: k = (r & 0xFFFF) << 48 | 0x77; break; /* equal low bits, few high */
            default: k = r >> 40; break;                  /* smallish */
            }
            if (tab_add(p, i, k))
                i++;
        }
        for (size_t j = 0; j < ABSENT_N;) {
            uint64_t k = test_splitmix64(&s);
            if (j < 16)
                k = UINT64_MAX - j;
            if (tab_find(p, k) < 0)
                p->absent[j++] = k;
        }
    } else {
        tab_add(p, i++, dbits(0.0)); /* slot 0: +0 / -0 */
        tab_add(p, i++, dbits(INFINITY));
        tab_add(p, i++, dbits(-INFINITY));
        for (int64_t k = 1; i < 4000; k++) {
            tab_add(p, i++, dbits((double)k));
            tab_add(p, i++, dbits((double)-k));
        }
        while (i < p->n) {
            uint64_t r = test_splitmix64(&s);
            double d;
            switch (r % 3) {
            case 0: d = (double)(int64_t)(r >> 20) * 0.25; break;
            case 1:
                d = bitsd((r & 0x800FFFFFFFFFFFFFull) |
                          ((uint64_t)(1023 + (r >> 52) % 64 - 32) << 52));
                break;
            default: d = (double)(r >> 11) * (1.0 / 9007199254740992.0); break;
            }
            uint64_t b = dbits(d);
            if (bits_is_nan(b) || (b << 1) == 0)
                continue;
            if (tab_add(p, i, b))
                i++;
        }
        for (size_t j = 0; j < ABSENT_N;) {
            uint64_t r = test_splitmix64(&s);
            double d = (j % 2) ? (double)(r % 100000) + 0.5
                               : bitsd((r & 0x800FFFFFFFFFFFFFull) | (1000ull << 52));
            uint64_t b = dbits(d);
            if (!bits_is_nan(b) && (b << 1) != 0 && tab_find(p, b) < 0)
                p->absent[j++] = b;
        }
    }
}

/* Appends the decimal digits of v. */
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

static size_t put_fill(char *dst, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        dst[i] = (char)('a' + h % 26);
        h = h / 26 + (h << 1) + i;
    }
    return n;
}

static size_t put_rep(char *dst, char ch, size_t n)
{
    memset(dst, ch, n);
    return n;
}

/* Builds string number i (mark = 0 for pool strings, '#' for absent probes,
 * which pool strings never contain). Returns its length. */
static size_t make_string(char *dst, size_t i, char mark)
{
    uint64_t h = mix64(i * 2 + (mark != 0));
    size_t n = 0;
    if (i == 0 && mark == 0)
        return 0; /* the empty string */
    switch (i % 4) {
    case 0: /* short */
        dst[n++] = 's';
        if (mark)
            dst[n++] = mark;
        n += put_dec(dst + n, i);
        dst[n++] = '.';
        n += put_fill(dst + n, h % 18, h >> 8);
        break;
    case 1: /* shared prefix of 72 bytes, then the distinguishing part */
        n += put_rep(dst + n, 'P', 72);
        if (mark)
            dst[n++] = mark;
        n += put_dec(dst + n, i);
        dst[n++] = '.';
        n += put_fill(dst + n, h % 30, h >> 8);
        n += put_rep(dst + n, '!', 4);
        break;
    case 2: { /* length 32/33/40/64, same first 4 and last 4 bytes */
        static const size_t lens[] = {32, 33, 40, 64};
        size_t L = lens[h % 4];
        n += put_rep(dst + n, 'Q', 4);
        dst[n++] = 'q';
        if (mark)
            dst[n++] = mark;
        n += put_dec(dst + n, i);
        dst[n++] = '.';
        n += put_fill(dst + n, L - 4 - n, h >> 8);
        n += put_rep(dst + n, 'Z', 4);
        break;
    }
    default: /* medium, any length up to ~110 */
        dst[n++] = 'm';
        if (mark)
            dst[n++] = mark;
        n += put_dec(dst + n, i);
        dst[n++] = '.';
        n += put_fill(dst + n, h % 100, h >> 8);
        break;
    }
    return n;
}

static void pool_str(pool *p)
{
    p->arena_size = p->n * 160;
    p->arena[0] = xcalloc(p->arena_size, 1);
    p->off = xcalloc(p->n, sizeof *p->off);
    p->len = xcalloc(p->n, sizeof *p->len);
    size_t at = 0;
    for (size_t i = 0; i < p->n; i++) {
        p->off[i] = at;
        p->len[i] = make_string(p->arena[0] + at, i, 0);
        at += p->len[i] + 1; /* NUL: offsets strictly increase */
        assert_true(at + 160 < p->arena_size);
    }
    p->arena[1] = xcalloc(p->arena_size, 1);
    memcpy(p->arena[1], p->arena[0], p->arena_size);
    p->absent_arena = xcalloc(ABSENT_N, 160);
    p->absent_str = xcalloc(ABSENT_N, sizeof *p->absent_str);
    for (size_t j = 0; j < ABSENT_N; j++) {
        char *d = p->absent_arena + j * 160;
        p->absent_str[j].ptr = d;
        p->absent_str[j].len = make_string(d, j + 1, '#');
    }
}

static const pool *sort_pool;

static int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c != 0 ? c : (alen > blen) - (alen < blen);
}

static int by_content_cmp(const void *x, const void *y)
{
    const pool *p = sort_pool;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return cmp_bytes(p->arena[0] + p->off[a], p->len[a], p->arena[0] + p->off[b], p->len[b]);
}

/* owned: the pool index of a string by its bytes, or DEC_BAD. */
static int64_t content_find(const pool *p, gomap_str s)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t i = p->by_content[mid];
        int c = cmp_bytes(p->arena[0] + p->off[i], p->len[i], s.ptr, s.len);
        if (c == 0)
            return i;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return DEC_BAD;
}

static void pool_owned(pool *p)
{
    pool_str(p);
    p->by_content = xcalloc(p->n, sizeof *p->by_content);
    for (size_t i = 0; i < p->n; i++)
        p->by_content[i] = (uint32_t)i;
    sort_pool = p;
    qsort(p->by_content, p->n, sizeof *p->by_content, by_content_cmp);
}

static void pool_big(pool *p)
{
    p->big = xcalloc(p->n, sizeof *p->big);
    for (size_t i = 0; i < p->n; i++) {
        unsigned char *b = p->big[i].b;
        for (size_t j = 0; j < 192; j++)
            b[j] = (unsigned char)(j * 7 + 3);
        if (i % 3 == 0)
            b[5] ^= (unsigned char)(i >> 4);
        uint32_t id = (uint32_t)i, h = (uint32_t)mix64(i);
        memcpy(b + 192, &id, 4);
        memcpy(b + 196, &h, 4);
    }
}

static void pool_free(pool *p)
{
    free(p->bits);
    free(p->absent);
    free(p->tab);
    free(p->arena[0]);
    free(p->arena[1]);
    free(p->off);
    free(p->len);
    free(p->absent_str);
    free(p->absent_arena);
    free(p->big);
    free(p->by_content);
    memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------------ */
/* Map types                                                                */
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
    case K_U64: return gomap_type_u64(GOMAP_ELEM(elem16));
    case K_STR: return gomap_type_str(GOMAP_ELEM(elem16));
    case K_F64: return gomap_type_f64(GOMAP_ELEM(elem16));
    case K_U32: return gomap_type_u32(GOMAP_ELEM(elem16));
    case K_OWNED: return gomap_type_str_owned(GOMAP_ELEM(elem16));
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

/* ------------------------------------------------------------------------ */
/* Elems                                                                    */
/* ------------------------------------------------------------------------ */

static uint64_t mkchk(uint64_t v, uint64_t id)
{
    return (v * 0x9E3779B97F4A7C15ull) ^ (id * 0xC2B2AE3D27D4EB4Full) ^ 0xA5A5A5A5ull;
}

static void elem_write(const dctx *c, void *e, uint64_t v, uint64_t id)
{
    if (c->kind == K_BIG) {
        bigelem b;
        b.w[0] = v;
        for (size_t i = 1; i < BIG_ELEM_WORDS; i++)
            b.w[i] = mkchk(v, id) + i * 0x1234567ull;
        memcpy(e, &b, sizeof b);
    } else {
        elem16 x = {v, mkchk(v, id)};
        memcpy(e, &x, sizeof x);
    }
}

static bool elem_is(const dctx *c, const void *e, uint64_t v, uint64_t id)
{
    if (c->kind == K_BIG) {
        bigelem b;
        memcpy(&b, e, sizeof b);
        if (b.w[0] != v)
            return false;
        for (size_t i = 1; i < BIG_ELEM_WORDS; i++)
            if (b.w[i] != mkchk(v, id) + i * 0x1234567ull)
                return false;
        return true;
    }
    elem16 x;
    memcpy(&x, e, sizeof x);
    return x.v == v && x.chk == mkchk(v, id);
}

static bool elem_zero(const dctx *c, const void *e)
{
    size_t n = c->kind == K_BIG ? sizeof(bigelem) : sizeof(elem16);
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
/* Key operations. how: bit 0 = generic API instead of the fast path,       */
/* bit 1 = the other variant of the key (str: second copy of the bytes;     */
/* f64 slot 0: -0.0).                                                       */
/* ------------------------------------------------------------------------ */

static unsigned key_variant(const dctx *c, uint32_t idx, unsigned how)
{
    if (c->kind == K_STR || (c->kind == K_F64 && idx == 0))
        return (how >> 1) & 1;
    return 0;
}

static double f64_key(const dctx *c, uint32_t idx, unsigned how)
{
    if (idx == 0)
        return (how & 2) ? -0.0 : 0.0;
    return bitsd(c->p.bits[idx]);
}

static gomap_str str_key(const dctx *c, uint32_t idx, unsigned how)
{
    gomap_str s = {c->p.arena[(how >> 1) & 1] + c->p.off[idx], c->p.len[idx]};
    return s;
}

static void *k_get(const dctx *c, const gomap *m, uint32_t idx, unsigned how)
{
    switch (c->kind) {
    case K_U64: {
        uint64_t k = c->p.bits[idx];
        return (how & 1) ? gomap_get(m, &k) : gomap_get_u64(m, k);
    }
    case K_STR:
    case K_OWNED: {
        gomap_str s = str_key(c, idx, how);
        return (how & 1) ? gomap_get(m, &s) : gomap_get_str(m, s.ptr, s.len);
    }
    case K_U32: {
        uint32_t k = (uint32_t)c->p.bits[idx];
        return (how & 1) ? gomap_get(m, &k) : gomap_get_u32(m, k);
    }
    case K_F64: {
        double d = f64_key(c, idx, how);
        return gomap_get(m, &d);
    }
    default: {
        bigkey k = c->p.big[idx];
        return gomap_get(m, &k);
    }
    }
}

static void *k_assign(const dctx *c, gomap *m, uint32_t idx, unsigned how)
{
    switch (c->kind) {
    case K_U64: {
        uint64_t k = c->p.bits[idx];
        return (how & 1) ? gomap_assign(m, &k) : gomap_assign_u64(m, k);
    }
    case K_STR:
    case K_OWNED: {
        gomap_str s = str_key(c, idx, how);
        return (how & 1) ? gomap_assign(m, &s) : gomap_assign_str(m, s.ptr, s.len);
    }
    case K_U32: {
        uint32_t k = (uint32_t)c->p.bits[idx];
        return (how & 1) ? gomap_assign(m, &k) : gomap_assign_u32(m, k);
    }
    case K_F64: {
        double d = f64_key(c, idx, how);
        return gomap_assign(m, &d);
    }
    default: {
        bigkey k = c->p.big[idx];
        return gomap_assign(m, &k);
    }
    }
}

static bool k_delete(const dctx *c, gomap *m, uint32_t idx, unsigned how)
{
    switch (c->kind) {
    case K_U64: {
        uint64_t k = c->p.bits[idx];
        return (how & 1) ? gomap_delete(m, &k) : gomap_delete_u64(m, k);
    }
    case K_STR:
    case K_OWNED: {
        gomap_str s = str_key(c, idx, how);
        return (how & 1) ? gomap_delete(m, &s) : gomap_delete_str(m, s.ptr, s.len);
    }
    case K_U32: {
        uint32_t k = (uint32_t)c->p.bits[idx];
        return (how & 1) ? gomap_delete(m, &k) : gomap_delete_u32(m, k);
    }
    case K_F64: {
        double d = f64_key(c, idx, how);
        return gomap_delete(m, &d);
    }
    default: {
        bigkey k = c->p.big[idx];
        return gomap_delete(m, &k);
    }
    }
}

/* gomap_assign2 or its fast path (by how, as k_assign). */
static void *k_assign2(const dctx *c, gomap *m, uint32_t idx, unsigned how, bool *inserted)
{
    switch (c->kind) {
    case K_U64:
        if (!(how & 1))
            return gomap_assign2_u64(m, c->p.bits[idx], inserted);
        break;
    case K_U32:
        if (!(how & 1))
            return gomap_assign2_u32(m, (uint32_t)c->p.bits[idx], inserted);
        break;
    case K_STR:
    case K_OWNED:
        if (!(how & 1)) {
            gomap_str s = str_key(c, idx, how);
            return gomap_assign2_str(m, s.ptr, s.len, inserted);
        }
        break;
    default: break;
    }
    union {
        uint64_t u64;
        uint32_t u32;
        double f64;
        gomap_str s;
        bigkey big;
    } k;
    switch (c->kind) {
    case K_U64: k.u64 = c->p.bits[idx]; break;
    case K_U32: k.u32 = (uint32_t)c->p.bits[idx]; break;
    case K_F64: k.f64 = f64_key(c, idx, how); break;
    case K_STR:
    case K_OWNED: k.s = str_key(c, idx, how); break;
    default: k.big = c->p.big[idx]; break;
    }
    return gomap_assign2(m, &k, inserted);
}

/* The key of pool index idx as the generic functions take it, in *buf. */
static const void *k_generic(const dctx *c, uint32_t idx, unsigned how, void *buf)
{
    switch (c->kind) {
    case K_U64: memcpy(buf, &c->p.bits[idx], 8); break;
    case K_U32: {
        uint32_t k = (uint32_t)c->p.bits[idx];
        memcpy(buf, &k, 4);
        break;
    }
    case K_F64: {
        double d = f64_key(c, idx, how);
        memcpy(buf, &d, 8);
        break;
    }
    case K_STR:
    case K_OWNED: {
        gomap_str s = str_key(c, idx, how);
        memcpy(buf, &s, sizeof s);
        break;
    }
    default: memcpy(buf, &c->p.big[idx], sizeof(bigkey)); break;
    }
    return buf;
}

/* Looks up (del false) or deletes (del true) a key guaranteed absent from
 * every map; returns whether the map found it (it never should). */
static bool absent_probe(const dctx *c, gomap *m, size_t j, bool del, unsigned how)
{
    j %= ABSENT_N;
    switch (c->kind) {
    case K_U64: {
        uint64_t k = c->p.absent[j];
        if (del)
            return (how & 1) ? gomap_delete(m, &k) : gomap_delete_u64(m, k);
        return ((how & 1) ? gomap_get(m, &k) : gomap_get_u64(m, k)) != NULL;
    }
    case K_STR:
    case K_OWNED: {
        gomap_str s = c->p.absent_str[j];
        if (del)
            return (how & 1) ? gomap_delete(m, &s) : gomap_delete_str(m, s.ptr, s.len);
        return ((how & 1) ? gomap_get(m, &s) : gomap_get_str(m, s.ptr, s.len)) != NULL;
    }
    case K_U32: {
        uint32_t k = (uint32_t)c->p.absent[j];
        if (del)
            return (how & 1) ? gomap_delete(m, &k) : gomap_delete_u32(m, k);
        return ((how & 1) ? gomap_get(m, &k) : gomap_get_u32(m, k)) != NULL;
    }
    case K_F64: {
        double d = bitsd(c->p.absent[j]);
        return del ? gomap_delete(m, &d) : gomap_get(m, &d) != NULL;
    }
    default: {
        bigkey k = c->p.big[j % c->p.n];
        k.b[100] ^= 0x80; /* pool keys all have bit 7 of byte 100 equal to (100*7+3)&0x80 */
        return del ? gomap_delete(m, &k) : gomap_get(m, &k) != NULL;
    }
    }
}

static const uint64_t nan_patterns[] = {
    0x7FF8000000000000ull, 0xFFF8000000000000ull, 0x7FF8000000000001ull,
    0x7FFFFFFFFFFFFFFFull, 0xFFF0000000000001ull, 0x7FF0000000000001ull, /* signalling */
    0x7FF80000DEADBEEFull, 0xFFFFFFFFFFFFFFFFull,
};

static double nan_key(size_t r)
{
    return bitsd(nan_patterns[r % (sizeof nan_patterns / sizeof nan_patterns[0])]);
}

/* Decodes a key returned by iteration: pool index (variant in *var), DEC_NAN
 * or DEC_BAD. */
static int64_t decode_key(const dctx *c, const void *key, unsigned *var)
{
    *var = 0;
    switch (c->kind) {
    case K_U64: {
        uint64_t k;
        memcpy(&k, key, sizeof k);
        return tab_find(&c->p, k);
    }
    case K_U32: {
        uint32_t k;
        memcpy(&k, key, sizeof k);
        return tab_find(&c->p, k);
    }
    case K_OWNED: {
        /* The map's own copy: outside the caller's arenas, NUL-terminated. */
        gomap_str s;
        memcpy(&s, key, sizeof s);
        for (unsigned a = 0; a < 2; a++)
            if (s.ptr >= c->p.arena[a] && s.ptr < c->p.arena[a] + c->p.arena_size)
                return DEC_BAD;
        if (s.ptr == NULL || s.ptr[s.len] != 0)
            return DEC_BAD;
        return content_find(&c->p, s);
    }
    case K_F64: {
        uint64_t b;
        memcpy(&b, key, sizeof b);
        if (bits_is_nan(b))
            return DEC_NAN;
        if ((b << 1) == 0) {
            *var = (unsigned)(b >> 63);
            return 0;
        }
        return tab_find(&c->p, b);
    }
    case K_STR: {
        gomap_str s;
        memcpy(&s, key, sizeof s);
        for (unsigned a = 0; a < 2; a++) {
            const char *base = c->p.arena[a];
            if (s.ptr < base || s.ptr >= base + c->p.arena_size)
                continue;
            size_t off = (size_t)(s.ptr - base), lo = 0, hi = c->p.n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (c->p.off[mid] < off)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < c->p.n && c->p.off[lo] == off && c->p.len[lo] == s.len) {
                *var = a;
                return (int64_t)lo;
            }
            return DEC_BAD;
        }
        return DEC_BAD;
    }
    default: {
        uint32_t id;
        memcpy(&id, (const unsigned char *)key + 192, 4);
        if (id >= c->p.n || memcmp(key, c->p.big[id].b, BIG_KEY) != 0)
            return DEC_BAD;
        return id;
    }
    }
}

/* ------------------------------------------------------------------------ */
/* Model                                                                    */
/* ------------------------------------------------------------------------ */

static void model_init(model *md, size_t n)
{
    memset(md, 0, sizeof *md);
    md->pos = xcalloc(n, sizeof *md->pos);
    for (size_t i = 0; i < n; i++)
        md->pos[i] = NONE;
    md->dense = xcalloc(n, sizeof *md->dense);
    md->val = xcalloc(n, sizeof *md->val);
    md->var = xcalloc(n, sizeof *md->var);
    md->it_ret = xcalloc(n, sizeof *md->it_ret);
    md->it_del = xcalloc(n, sizeof *md->it_del);
    md->it_fresh = xcalloc(n, sizeof *md->it_fresh);
    md->nan_ret = xcalloc(NAN_MAX, sizeof *md->nan_ret);
    md->it_id = 1;
}

static void model_free(model *md)
{
    free(md->pos);
    free(md->dense);
    free(md->val);
    free(md->var);
    free(md->it_ret);
    free(md->it_del);
    free(md->it_fresh);
    free(md->nan_ret);
    memset(md, 0, sizeof *md);
}

static bool model_has(const model *md, uint32_t idx)
{
    return md->pos[idx] != NONE;
}

static size_t model_total(const model *md)
{
    return md->dn + md->nan_n;
}

static void model_set(model *md, uint32_t idx, uint64_t v, unsigned var)
{
    if (md->pos[idx] == NONE) {
        md->pos[idx] = (uint32_t)md->dn;
        md->dense[md->dn++] = idx;
        md->it_fresh[idx] = md->it_id;
        md->inserts++;
    }
    md->val[idx] = v;
    md->var[idx] = (uint8_t)var;
}

static void model_del(model *md, uint32_t idx)
{
    uint32_t p = md->pos[idx];
    uint32_t last = md->dense[--md->dn];
    md->dense[p] = last;
    md->pos[last] = p;
    md->pos[idx] = NONE;
    md->it_del[idx] = md->it_id;
}

static void model_clear(model *md)
{
    for (size_t i = 0; i < md->dn; i++) {
        md->pos[md->dense[i]] = NONE;
        md->it_del[md->dense[i]] = md->it_id;
    }
    md->dn = 0;
    md->nan_n = 0;
    md->nan_gen = (md->nan_gen + 1) & 0x7FFFFFFF;
    md->clears++;
}

/* ------------------------------------------------------------------------ */
/* Operations (each checks its result against the model)                    */
/* ------------------------------------------------------------------------ */

static void op_insert(dctx *c, uint32_t idx, unsigned how)
{
    model *md = &c->md;
    c->op++;
    bool had = model_has(md, idx);
    size_t len0 = gomap_len(c->m);
    void *e;
    if (rndn(c, 4) == 0) {
        bool inserted = had;
        e = k_assign2(c, c->m, idx, how, &inserted);
        REQ(inserted == !had, "assign2: *inserted differs from the model");
    } else {
        e = k_assign(c, c->m, idx, how);
    }
    REQ(e != NULL, "assign returned NULL");
    if (had)
        REQ(elem_is(c, e, md->val[idx], idx),
            "assign over an existing key: elem is not the old value");
    else
        REQ(elem_zero(c, e), "assign of a new key: elem not zeroed");
    REQ(gomap_len(c->m) == len0 + !had, "len after assign");
    elem_write(c, e, c->op, idx);
    model_set(md, idx, c->op, key_variant(c, idx, how));
    if (rndn(c, 16) == 0) {
        void *g = k_get(c, c->m, idx, (unsigned)rnd(c));
        REQ(g != NULL && elem_is(c, g, c->op, idx), "lookup right after assign");
    }
}

static void op_insert_nan(dctx *c)
{
    model *md = &c->md;
    c->op++;
    if (md->nan_n >= NAN_MAX)
        return;
    double d = nan_key(rnd(c));
    size_t len0 = gomap_len(c->m);
    void *e = gomap_assign(c->m, &d);
    REQ(e != NULL, "assign(NaN) returned NULL");
    REQ(elem_zero(c, e), "assign(NaN): elem of the new entry not zeroed");
    REQ(gomap_len(c->m) == len0 + 1, "assign(NaN) must add an entry");
    uint64_t v = NAN_TAG | (uint64_t)md->nan_gen << 32 | md->nan_n;
    elem_write(c, e, v, NAN_ID);
    md->nan_ret[md->nan_n++] = 0;
    md->inserts++;
    d = nan_key(rnd(c));
    REQ(gomap_get(c->m, &d) == NULL, "lookup of NaN found something");
}

static void op_delete(dctx *c, uint32_t idx, unsigned how)
{
    model *md = &c->md;
    c->op++;
    bool had = model_has(md, idx);
    bool r;
    if (rndn(c, 4) == 0) {
        /* take, copying out both parts, one or none */
        unsigned char kbuf[sizeof(bigkey)], kout[sizeof(bigkey)];
        bigelem eout;
        unsigned parts = (unsigned)rndn(c, 4);
        r = gomap_take(c->m, k_generic(c, idx, how, kbuf), (parts & 1) ? kout : NULL,
                       (parts & 2) ? &eout : NULL);
        if (r && (parts & 1)) {
            unsigned var;
            REQ(decode_key(c, kout, &var) == (int64_t)idx, "take: the key copied out");
            REQ(var == md->var[idx], "take: the key copied out is not the stored one");
            if (c->kind == K_OWNED) {
                gomap_str ks;
                memcpy(&ks, kout, sizeof ks);
                gomap_str_free(c->m, ks);
            }
        }
        if (r && (parts & 2))
            REQ(elem_is(c, &eout, md->val[idx], idx), "take: the elem copied out");
    } else {
        r = k_delete(c, c->m, idx, how);
    }
    REQ(r == had, "delete result differs from model");
    if (had)
        model_del(md, idx);
    if (rndn(c, 16) == 0)
        REQ(k_get(c, c->m, idx, (unsigned)rnd(c)) == NULL,
            "lookup right after delete found the key");
}

static void op_lookup(dctx *c, uint32_t idx, unsigned how)
{
    model *md = &c->md;
    c->op++;
    void *e;
    const void *sk = NULL;
    bool kv = rndn(c, 4) == 0;
    if (kv) {
        unsigned char kbuf[sizeof(bigkey)];
        e = gomap_get_kv(c->m, k_generic(c, idx, how, kbuf), &sk);
        REQ((e == NULL) == (sk == NULL), "get_kv: elem and stored key disagree");
    } else {
        e = k_get(c, c->m, idx, how);
    }
    if (model_has(md, idx)) {
        REQ(e != NULL && elem_is(c, e, md->val[idx], idx), "lookup of a present key");
        unsigned var;
        if (kv)
            REQ(decode_key(c, sk, &var) == (int64_t)idx && var == md->var[idx],
                "get_kv: the stored key is not the model's");
    } else {
        REQ(e == NULL, "lookup of an absent key found it");
    }
}

static void op_absent(dctx *c)
{
    c->op++;
    size_t len0 = gomap_len(c->m);
    bool del = rnd(c) & 1;
    REQ(!absent_probe(c, c->m, rndn(c, ABSENT_N), del, (unsigned)rnd(c)),
        "a key never inserted was found/deleted");
    if (c->kind == K_F64) {
        double d = nan_key(rnd(c));
        REQ(gomap_get(c->m, &d) == NULL, "lookup(NaN) found something");
        REQ(!gomap_delete(c->m, &d), "delete(NaN) returned true");
    }
    REQ(gomap_len(c->m) == len0, "len changed by an absent lookup/delete");
}

static void check_len(dctx *c)
{
    c->op++;
    if (model_total(&c->md) > c->md.max_len)
        c->md.max_len = model_total(&c->md);
    REQ(gomap_len(c->m) == model_total(&c->md), "gomap_len differs from model");
}

/* Checks one entry produced by an iterator; returns its index, or DEC_NAN. */
static int64_t check_entry(dctx *c, const void *key, const void *elem)
{
    model *md = &c->md;
    unsigned var;
    REQ(key != NULL && elem != NULL, "iterator produced a NULL key/elem");
    int64_t idx = decode_key(c, key, &var);
    if (idx == DEC_NAN) {
        REQ(c->kind == K_F64, "NaN in a non-f64 map");
        uint64_t v = elem_v(elem);
        REQ((v & NAN_TAG) != 0, "NaN key carries the elem of a non-NaN key");
        uint32_t gen = (uint32_t)(v >> 32) & 0x7FFFFFFF, ni = (uint32_t)v;
        REQ(gen == md->nan_gen && ni < md->nan_n, "iterator produced a NaN entry that was cleared");
        REQ(elem_is(c, elem, v, NAN_ID), "NaN entry elem corrupted");
        REQ(md->nan_ret[ni] != md->it_id, "NaN entry produced twice");
        md->nan_ret[ni] = md->it_id;
        return DEC_NAN;
    }
    REQ(idx >= 0, "iterator produced a key that was never inserted (or a wrong str pointer/len)");
    uint32_t i = (uint32_t)idx;
    REQ(model_has(md, i), "iterator produced a key absent from the model (deleted or cleared)");
    REQ(md->it_ret[i] != md->it_id || md->it_fresh[i] == md->it_id,
        "iterator produced a key twice");
    REQ(var == md->var[i],
        "stored key is not the one of the latest assign (str pointer / f64 sign)");
    REQ(elem_is(c, elem, md->val[i], i), "iterator elem differs from the model's current value");
    md->it_ret[i] = md->it_id;
    md->it_fresh[i] = 0;
    return idx;
}

/* Iterates m completely and compares it with the model; lookups of every
 * present key; gomap_check. */
static void verify_full(dctx *c, gomap *m)
{
    model *md = &c->md;
    md->it_id++;
    size_t total = model_total(md), n = 0;
    REQ(gomap_len(m) == total, "full compare: gomap_len differs from model");
    gomap_stats st;
    gomap_stats_get(m, &st);
    REQ(st.count == total, "full compare: stats.count differs");
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        check_entry(c, it.key, it.elem);
        n++;
        REQ(n <= total, "full compare: iteration produced more entries than the model has");
    }
    REQ(n == total, "full compare: iteration produced fewer entries than the model has");
    for (size_t j = 0; j < md->dn; j++) {
        uint32_t idx = md->dense[j];
        void *e = k_get(c, m, idx, (unsigned)rnd(c));
        REQ(e != NULL && elem_is(c, e, md->val[idx], idx), "full compare: lookup of a present key");
    }
    const char *msg = gomap_check(m);
    if (msg != NULL)
        fprintf(stderr, "gomap_check: %s\n", msg);
    REQ(msg == NULL, "gomap_check reported a violation");
}

static uint32_t pick_key(dctx *c)
{
    return (uint32_t)(c->base + rndn(c, c->window));
}

static unsigned pick_how(dctx *c)
{
    unsigned r = (unsigned)rnd(c);
    if ((c->kind == K_STR || c->kind == K_OWNED) && (r & 0x1C) != 0)
        r &= ~1u; /* str: mostly the fast path */
    return r & 3;
}

/* gomap_shrink, or gomap_reserve of up to twice the entries: the contents
 * stay. */
static void op_resize(dctx *c)
{
    c->op++;
    size_t total = model_total(&c->md);
    bool ok = (rnd(c) & 1) ? gomap_shrink(c->m) : gomap_reserve(c->m, rndn(c, 2 * total + 64));
    REQ(ok, "gomap_shrink or gomap_reserve failed");
    REQ(gomap_len(c->m) == total, "len after gomap_shrink or gomap_reserve");
    if (rndn(c, 32) == 0)
        REQ(gomap_check(c->m) == NULL, "gomap_check after gomap_shrink or gomap_reserve");
}

static void op_clear(dctx *c)
{
    c->op++;
    gomap_clear(c->m);
    model_clear(&c->md);
    REQ(gomap_len(c->m) == 0, "len after clear");
    if (rndn(c, 4) == 0)
        REQ(gomap_check(c->m) == NULL, "gomap_check after clear");
}

static void op_clone(dctx *c)
{
    c->op++;
    gomap *cl = gomap_clone(c->m);
    REQ(cl != NULL, "gomap_clone returned NULL");
    verify_full(c, cl);
    bool keep_clone = rnd(c) & 1;
    gomap *keep = keep_clone ? cl : c->m, *drop = keep_clone ? c->m : cl;
    /* Writes to the dropped copy must not show in the kept one. */
    model *md = &c->md;
    for (int k = 0; k < 8 && md->dn > 0; k++) {
        uint32_t idx = md->dense[rndn(c, md->dn)];
        void *e = k_get(c, drop, idx, 0);
        if (e != NULL) /* NULL if deleted from drop by an earlier round */
            elem_write(c, e, 12345, 999);
        if (k & 1)
            k_delete(c, drop, idx, 1);
        uint32_t other = pick_key(c);
        void *ne = k_assign(c, drop, other, 0);
        REQ(ne != NULL, "assign on the dropped copy");
        elem_write(c, ne, 777, 888);
        void *g = k_get(c, keep, idx, 0);
        REQ(g != NULL && elem_is(c, g, md->val[idx], idx),
            "clone and original are not independent");
        g = k_get(c, keep, other, 0);
        if (model_has(md, other))
            REQ(g != NULL && elem_is(c, g, md->val[other], other),
                "clone and original are not independent");
        else
            REQ(g == NULL, "clone and original are not independent (insert leaked)");
    }
    gomap_free(drop);
    c->m = keep;
    if (rndn(c, 3) == 0)
        verify_full(c, c->m);
}

/* One random write (or read) made from inside an iteration loop. */
static void iter_mutation(dctx *c, int64_t just, size_t n0, bool insert_heavy)
{
    model *md = &c->md;
    unsigned r = (unsigned)rndn(c, insert_heavy ? 12 : 9);
    if (r >= 9)
        r = 4;
    switch (r) {
    case 0: /* delete the key just produced */
        if (just >= 0) {
            op_delete(c, (uint32_t)just, pick_how(c));
            break;
        }
        /* fall through */
    case 1: /* delete a key present at the start (produced or not yet) */
        if (n0 > 0) {
            op_delete(c, c->start[rndn(c, n0)], pick_how(c));
            break;
        }
        /* fall through */
    case 2: op_delete(c, pick_key(c), pick_how(c)); break;
    case 3: /* overwrite a present key */
        if (md->dn > 0) {
            op_insert(c, md->dense[rndn(c, md->dn)], pick_how(c));
            break;
        }
        /* fall through */
    case 4: { /* insert a (preferably new) key */
        uint32_t idx = pick_key(c);
        for (int t = 0; t < 4 && model_has(md, idx); t++)
            idx = pick_key(c);
        op_insert(c, idx, pick_how(c));
        break;
    }
    case 5: op_insert(c, pick_key(c), pick_how(c)); break;
    case 6:
        if (c->kind == K_F64 && rndn(c, 4) == 0)
            op_insert_nan(c);
        else
            op_lookup(c, pick_key(c), pick_how(c));
        break;
    case 7: /* re-insert a key deleted during this iteration, if any */
        if (n0 > 0) {
            uint32_t idx = c->start[rndn(c, n0)];
            if (!model_has(md, idx)) {
                op_insert(c, idx, pick_how(c));
                break;
            }
        }
        op_lookup(c, pick_key(c), pick_how(c));
        break;
    default:
        /* Rare: finishing an evacuation under way costs O(map). */
        if (rndn(c, 128) == 0)
            op_resize(c);
        else
            check_len(c);
        break;
    }
}

static void op_iterate(dctx *c)
{
    model *md = &c->md;
    c->op++;
    md->it_id++;
    uint32_t id = md->it_id;
    size_t n0 = md->dn, nan0 = md->nan_n, clears0 = md->clears, ins0 = md->inserts;
    memcpy(c->start, md->dense, n0 * sizeof *c->start);
    unsigned mode = (unsigned)rndn(c, 5);
    /* 0: read only; 1: few writes; 2: many writes; 3: insert-heavy (grows
     * the map under the iterator); 4: many writes, ends early */
    unsigned pm = mode == 0 ? 0 : mode == 1 ? 40 : mode == 3 ? 500 : 250;
    size_t stop = mode == 4 ? rndn(c, model_total(md) + 1) : SIZE_MAX;
    bool may_clear = c->ph->clear_every != 0 && mode >= 2;
    gomap_iter it;
    gomap_iter_init(&it, c->m);
    size_t steps = 0;
    bool ended = false;
    for (;;) {
        if (steps == stop) {
            gomap_iter_done(&it);
            break;
        }
        if (!gomap_iter_next(&it)) {
            ended = true;
            break;
        }
        steps++;
        REQ(steps <= n0 + nan0 + (md->inserts - ins0),
            "iteration produced more entries than possible");
        int64_t just = check_entry(c, it.key, it.elem);
        if (pm != 0 && just >= 0 && rndn(c, 1000) < pm / 2) {
            /* delete what was just returned through the iterator, first */
            c->op++;
            REQ(gomap_iter_delete(&it), "iter_delete of the entry just returned");
            model_del(md, (uint32_t)just);
            REQ(!gomap_iter_delete(&it), "iter_delete twice");
            REQ(gomap_len(c->m) == model_total(md), "len after iter_delete");
            just = -1;
        } else if (pm != 0 && just == DEC_NAN && rndn(c, 1000) < pm / 2) {
            /* a NaN: as gomap_delete of it, nothing is removed */
            c->op++;
            REQ(!gomap_iter_delete(&it), "iter_delete removed a NaN entry");
            REQ(gomap_len(c->m) == model_total(md), "len after iter_delete of a NaN");
        }
        if (pm != 0 && rndn(c, 1000) < pm) {
            size_t k = 1 + rndn(c, 3);
            while (k--)
                iter_mutation(c, just, n0, mode == 3);
            if (may_clear && rndn(c, 400) == 0)
                op_clear(c);
        }
    }
    if (ended) {
        for (size_t j = 0; j < n0; j++) {
            uint32_t idx = c->start[j];
            if (md->it_del[idx] != id)
                REQ(md->it_ret[idx] == id,
                    "a key present at the start and never deleted was not produced");
        }
        if (md->clears == clears0)
            for (size_t j = 0; j < nan0; j++)
                REQ(md->nan_ret[j] == id, "a NaN entry present at the start was not produced");
        if (rndn(c, 8) == 0)
            gomap_iter_done(&it); /* idempotent after the end */
    }
    REQ(gomap_len(c->m) == model_total(md), "len after iteration");
}

/* Maps without a hint live in the caller's storage (gomap_init) in every
 * other phase. */
static void new_map(dctx *c, size_t hint)
{
    gomap_options o = test_alloc_options(&c->ta, rnd(c));
    if (rndn(c, 2) == 0)
        o.flags |= GOMAP_AUTO_SHRINK;
    if (hint == 0 && c->phase_no % 2 == 0)
        c->m = gomap_init(c->storage, sizeof c->storage, &c->t, &o);
    else
        c->m = gomap_new_with(&c->t, hint, &o);
    REQ(c->m != NULL, "making the map failed");
    REQ(gomap_len(c->m) == 0, "new map not empty");
}

static void run_phase(dctx *c, const phase *ph, unsigned no, size_t scale)
{
    c->ph = ph;
    c->phase_no = no;
    c->window = ph->window > c->p.n ? c->p.n : ph->window;
    c->base = ph->random_base ? rndn(c, c->p.n - c->window + 1) : 0;
    if (ph->new_map || c->m == NULL) {
        if (c->m != NULL) {
            verify_full(c, c->m);
            gomap_free(c->m);
            c->m = NULL;
        }
        model_clear(&c->md);
        new_map(c, ph->hint);
    }
    size_t ops = ph->ops * scale / 100, end = c->op + ops;
    while (c->op < end) {
        if (c->op / CHECK_EVERY != (c->op + 1) / CHECK_EVERY) {
            const char *msg = gomap_check(c->m);
            if (msg != NULL)
                fprintf(stderr, "gomap_check: %s\n", msg);
            REQ(msg == NULL, "periodic gomap_check");
        }
        if (ph->iter_every && rndn(c, ph->iter_every) == 0) {
            op_iterate(c);
            continue;
        }
        if (ph->clone_every && rndn(c, ph->clone_every) == 0) {
            op_clone(c);
            continue;
        }
        if (ph->clear_every && rndn(c, ph->clear_every) == 0) {
            op_clear(c);
            continue;
        }
        if (rndn(c, 3000) == 0) {
            op_resize(c);
            continue;
        }
        unsigned r = (unsigned)rndn(c, 1000);
        if (r < ph->p_ins) {
            if (c->kind == K_F64 && rndn(c, 1000) < ph->nan_pm)
                op_insert_nan(c);
            else
                op_insert(c, pick_key(c), pick_how(c));
        } else if (r < ph->p_ins + ph->p_del) {
            uint32_t idx;
            if (c->md.dn > 0 && rndn(c, 1000) < ph->p_targeted_del)
                idx = c->md.dense[rndn(c, c->md.dn)];
            else
                idx = pick_key(c);
            if (rndn(c, 32) == 0)
                op_absent(c);
            else
                op_delete(c, idx, pick_how(c));
        } else if (r < ph->p_ins + ph->p_del + ph->p_get) {
            if (rndn(c, 16) == 0)
                op_absent(c);
            else
                op_lookup(c, pick_key(c), pick_how(c));
        } else {
            check_len(c);
        }
    }
    verify_full(c, c->m);
}

static uint64_t env_u64(const char *name, uint64_t def)
{
    const char *s = getenv(name);
    if (s == NULL || *s == 0)
        return def;
    return strtoull(s, NULL, 0);
}

static void run_kind(enum kind kind)
{
    dctx *c = xcalloc(1, sizeof *c);
    c->kind = kind;
    c->t = make_type(kind);
    c->p.n = POOL_N;
    c->base_seed = env_u64("GOMAP_DIFF_SEED", 0x5EED0000ull) + (uint64_t)kind;
    c->rng = c->base_seed;
    size_t scale = (size_t)env_u64("GOMAP_DIFF_SCALE", 300) * kind_scale[kind] / 100;
    g_ctx = c;
    test_alloc_init(&c->ta);
    if (kind == K_STR)
        pool_str(&c->p);
    else if (kind == K_OWNED)
        pool_owned(&c->p);
    else if (kind == K_BIG)
        pool_big(&c->p);
    else
        pool_numeric(&c->p, kind);
    model_init(&c->md, c->p.n);
    c->start = xcalloc(c->p.n, sizeof *c->start);

    for (unsigned no = 0; no < NPHASES; no++)
        run_phase(c, &phases[no], no, scale);

    fprintf(stderr, "[differential %s] seed=0x%llx ops=%llu max len~%zu final len=%zu (NaN %zu)\n",
            kind_name[kind], (unsigned long long)c->base_seed, (unsigned long long)c->op,
            c->md.max_len, gomap_len(c->m), c->md.nan_n);
    gomap_free(c->m);
    c->m = NULL;
    REQ(c->ta.live == 0 && c->ta.live_bytes == 0, "memory leaked by the map");
    REQ(!c->ta.size_mismatch, "a free passed a size different from the allocation");
    g_ctx = NULL;
    free(c->start);
    model_free(&c->md);
    pool_free(&c->p);
    free(c);
}

static void t_diff_u64(void **state)
{
    (void)state;
    run_kind(K_U64);
}

static void t_diff_str(void **state)
{
    (void)state;
    run_kind(K_STR);
}

static void t_diff_f64(void **state)
{
    (void)state;
    run_kind(K_F64);
}

static void t_diff_big(void **state)
{
    (void)state;
    run_kind(K_BIG);
}

static void t_diff_u32(void **state)
{
    (void)state;
    run_kind(K_U32);
}

static void t_diff_owned(void **state)
{
    (void)state;
    run_kind(K_OWNED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_diff_u64), cmocka_unit_test(t_diff_str), cmocka_unit_test(t_diff_f64),
        cmocka_unit_test(t_diff_big), cmocka_unit_test(t_diff_u32), cmocka_unit_test(t_diff_owned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
