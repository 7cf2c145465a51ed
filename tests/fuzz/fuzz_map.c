/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz_map.c - libFuzzer target: the input is decoded as a sequence of map
 * operations, and every result is checked against a reference model (a
 * plain array indexed by key number, plus the set of NaN entries).
 *
 * Built once per key kind (FUZZ_KIND):
 *   u64  uint64_t keys: high-bit-only, multiples of 2^20, small sequential
 *        and random; 8-byte elems or, by the input's first byte, a set
 *        (zero-size elem)
 *   str  strings with long shared prefixes (0 to 250 bytes) and the empty
 *        string; two copies of every key, so overwrites must store the new
 *        key (Go's needkeyupdate)
 *   f64  doubles with Go's semantics: +0 == -0 (the stored sign follows the
 *        last assign), NaN never equal (every insert adds an entry only
 *        iteration and clear can reach), infinities, denormals
 *   big  a 160-byte generic key and a 136-byte elem (both over 128 bytes,
 *        stored indirectly)
 *   u32  uint32_t keys built like the u64 ones; also a set by the first byte
 *   owned the str keys in a gomap_type_str_owned map: the map keeps its own
 *        NUL-terminated copy of each key, decoded by content
 *
 * Operations: assign (insert or overwrite, fast path or generic), delete,
 * lookup, bulk insert/delete (to reach growth), clear, clone into the other
 * map, re-creation with a hint or in the caller's storage (gomap_init),
 * gomap_shrink and gomap_reserve (also inside iteration loops;
 * GOMAP_AUTO_SHRINK by the first byte), an iteration whose loop body assigns,
 * deletes (gomap_iter_delete too), clears, clones or leaves early, Go's
 * "v, ok" forms (gomap_assign2*, gomap_get_kv, gomap_take: bit 2 of an
 * assign's, lookup's or delete's variant), up to three iterators kept open
 * across other operations, and allocation-failure injection (the k-th
 * allocation from now, or one in N at random). GOMAP_FIXED_SEED is on or
 * off by the input's first byte, as is the default allocator (which maps
 * large arrays itself) against a counting one, and whether the first map
 * lives in the caller's storage.
 *
 * Checks: every result against the model; a failed operation reports ENOMEM
 * and leaves the map unchanged; reads never allocate; an iteration returns
 * only current entries with current values, none twice, and every entry that
 * was present when it began and not deleted since; gomap_check holds; the
 * counting allocator sees every block freed with its size.
 */
#include "fuzz.h"

#include <gomap/gomap.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIND_U64    1
#define KIND_STR    2
#define KIND_F64    3
#define KIND_BIG    4
#define KIND_U32    5
#define KIND_OWNED  6
#define IS_STR_KIND (FUZZ_KIND == KIND_STR || FUZZ_KIND == KIND_OWNED)

#ifndef FUZZ_KIND
#define FUZZ_KIND KIND_U64
#endif

enum {
    NKEYS = 2048,  /* key universe: the input names keys by number */
    NSLOTS = 2,    /* maps alive at once; clone writes the other one */
    NITERS = 3,    /* iterators kept open across operations */
    IT_LOOP = 3,   /* tracker of the in-loop iteration */
    IT_VERIFY = 4, /* tracker of verification passes */
    NTRACK = 5,
    MAX_NAN = 1024, /* NaN entries per run; ids are never reused */
    MAX_OPS = 4000,
    STR_SLOT = 320,
    BIG_KEY = 160,
    BIG_ELEM = 136,
    MAX_HINT = 4096,
};

#define NAN_TAG (UINT64_C(1) << 63)

static void fail_check(const char *what, const char *cond, int line);

#define REQUIRE(cond, what)                                                                        \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail_check((what), #cond, __LINE__);                                                   \
    } while (0)

/* ------------------------------------------------------------------------ */
/* Counting, failure-injecting allocator                                    */
/* ------------------------------------------------------------------------ */

/* Each block carries its size in front, so frees can be checked. */
#define AHDR 16

typedef struct fuzz_alloc {
    gomap_allocator a;
    size_t live;          /* blocks not yet freed */
    size_t calls;         /* alloc calls, failed ones included */
    size_t fail_at;       /* fail the call with this number; 0: never */
    unsigned fail_one_in; /* fail one call in this many at random; 0: never */
    uint64_t rng;
    size_t failures;
} fuzz_alloc;

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static void *fuzz_alloc_fn(void *ctx, size_t size, unsigned flags)
{
    fuzz_alloc *fa = ctx;
    fa->calls++;
    if ((fa->fail_at != 0 && fa->calls == fa->fail_at) ||
        (fa->fail_one_in != 0 && splitmix64(&fa->rng) % fa->fail_one_in == 0)) {
        fa->failures++;
        return NULL;
    }
    if (size > SIZE_MAX - AHDR)
        return NULL;
    unsigned char *p = (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size + AHDR) : malloc(size + AHDR);
    if (p == NULL)
        return NULL;
    if (!(flags & GOMAP_ALLOC_ZERO))
        memset(p + AHDR, 0xA5, size); /* the map must not rely on fresh memory */
    memcpy(p, &size, sizeof size);
    fa->live++;
    return p + AHDR;
}

static void fuzz_free_fn(void *ctx, void *ptr, size_t size)
{
    fuzz_alloc *fa = ctx;
    if (ptr == NULL)
        return;
    unsigned char *p = (unsigned char *)ptr - AHDR;
    size_t real;
    memcpy(&real, p, sizeof real);
    REQUIRE(real == size, "a block was freed with a size other than its allocation's");
    fa->live--;
    free(p);
}

/* ------------------------------------------------------------------------ */
/* State                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct model {
    uint8_t present[NKEYS];
    uint8_t var[NKEYS]; /* which variant of the key is stored (str copy, sign of zero) */
    uint64_t val[NKEYS];
    size_t count;
    uint8_t nan_live[MAX_NAN];
    size_t nnan;
} model;

/* What an iterator has produced and still owes. */
typedef struct itrack {
    bool live;
    int slot;
    gomap_iter it;
    size_t produced;
    uint8_t seen[NKEYS];
    uint8_t required[NKEYS]; /* present at the start and not deleted since */
    uint8_t nan_seen[MAX_NAN];
    uint8_t nan_required[MAX_NAN];
} itrack;

typedef struct fuzz_state {
    const uint8_t *data;
    size_t size, pos;
    gomap_type type;
    gomap_options opt;
    bool counting; /* the counting allocator is in use */
    bool set;      /* zero-size elem */
    size_t elem_size;
    fuzz_alloc fa;
    gomap *m[NSLOTS];
    /* the caller's storage of maps made with gomap_init, one per slot */
    _Alignas(max_align_t) unsigned char storage[NSLOTS][GOMAP_STORAGE_BYTES(BIG_KEY, BIG_ELEM)];
    model md[NSLOTS];
    itrack its[NTRACK];
    uint64_t vctr;
    size_t nan_next;
    size_t op;
    bool need_verify;
} fuzz_state;

static fuzz_state S;

static void fail_check(const char *what, const char *cond, int line)
{
    fprintf(stderr, "fuzz_map: check failed at line %d, operation %zu: %s [%s]\n", line, S.op, what,
            cond);
    abort();
}

static unsigned next_byte(void)
{
    return S.pos < S.size ? S.data[S.pos++] : 0;
}

static bool input_left(void)
{
    return S.pos < S.size;
}

static size_t next_key(void)
{
    unsigned hi = next_byte();
    return ((size_t)hi << 8 | next_byte()) % NKEYS;
}

/* ------------------------------------------------------------------------ */
/* Keys                                                                     */
/* ------------------------------------------------------------------------ */

typedef struct key_rank {
    uint64_t bits;
    uint32_t idx;
} key_rank;

static key_rank sorted_keys[NKEYS]; /* u64 values or f64 bits, for decoding */
static size_t nsorted;
static uint64_t u64_keys[NKEYS];
static uint32_t u32_keys[NKEYS];
static double f64_keys[NKEYS];
static char *str_arena[2];
static size_t str_len[NKEYS];

static int rank_cmp(const void *a, const void *b)
{
    uint64_t x = ((const key_rank *)a)->bits, y = ((const key_rank *)b)->bits;
    return x < y ? -1 : x > y;
}

static long rank_find(uint64_t bits)
{
    size_t lo = 0, hi = nsorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted_keys[mid].bits < bits)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nsorted && sorted_keys[lo].bits == bits ? (long)sorted_keys[lo].idx : -1;
}

static uint64_t f64_bits(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static double f64_from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
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

static void build_keys(void)
{
    nsorted = 0;
    if (FUZZ_KIND == KIND_U64) {
        for (size_t i = 0; i < NKEYS; i++) {
            uint64_t c = i / 4 + 1;
            switch (i % 4) {
            case 0: u64_keys[i] = c << 54; break; /* differ only in the high bits */
            case 1: u64_keys[i] = c << 20; break; /* multiples of 2^20 */
            case 2: u64_keys[i] = c - 1; break;   /* small sequential, 0 included */
            default: {
                uint64_t s = i;
                u64_keys[i] = splitmix64(&s) | UINT64_C(1) << 62;
                break;
            }
            }
            sorted_keys[nsorted++] = (key_rank){u64_keys[i], (uint32_t)i};
        }
    } else if (FUZZ_KIND == KIND_U32) {
        for (size_t i = 0; i < NKEYS; i++) {
            uint32_t c = (uint32_t)(i / 4 + 1);
            switch (i % 4) {
            case 0: u32_keys[i] = c << 22; break; /* differ only in the high bits */
            case 1: u32_keys[i] = c << 12; break; /* multiples of 2^12 */
            case 2: u32_keys[i] = c - 1; break;   /* small sequential, 0 included */
            default: {
                uint64_t r = i;
                u32_keys[i] = (uint32_t)splitmix64(&r) | UINT32_C(1) << 31;
                break;
            }
            }
            sorted_keys[nsorted++] = (key_rank){u32_keys[i], (uint32_t)i};
        }
    } else if (FUZZ_KIND == KIND_F64) {
        static const double specials[] = {0.0,
                                          1.0 / 0.0,
                                          -1.0 / 0.0,
                                          4.9e-324,
                                          -4.9e-324,
                                          1.7976931348623157e308,
                                          -1.7976931348623157e308,
                                          1e-310,
                                          0.1,
                                          -0.1};
        const size_t nspecial = sizeof specials / sizeof specials[0];
        for (size_t i = 0; i < NKEYS; i++) {
            if (i < nspecial)
                f64_keys[i] = specials[i];
            else if (i % 3 == 0)
                f64_keys[i] = (double)i;
            else if (i % 3 == 1)
                f64_keys[i] = -(double)i / 3.0;
            else /* powers of two: differ only in the exponent bits */
                f64_keys[i] = f64_from_bits((uint64_t)(i % 2000 + 1) << 52);
            if (i > 0)
                sorted_keys[nsorted++] = (key_rank){f64_bits(f64_keys[i]), (uint32_t)i};
        }
    } else if (IS_STR_KIND) {
        for (int c = 0; c < 2; c++) {
            str_arena[c] = calloc(NKEYS, STR_SLOT);
            if (str_arena[c] == NULL)
                abort();
        }
        static const size_t prefix[] = {0, 14, 64, 130, 250};
        for (size_t i = 1; i < NKEYS; i++) {
            char *d = str_arena[0] + i * STR_SLOT;
            size_t n = prefix[i % 5];
            memset(d, 'p', n);
            n += put_dec(d + n, i);
            str_len[i] = n;
        }
        memcpy(str_arena[1], str_arena[0], (size_t)NKEYS * STR_SLOT);
    }
    if (nsorted > 0) {
        qsort(sorted_keys, nsorted, sizeof sorted_keys[0], rank_cmp);
        for (size_t i = 1; i < nsorted; i++)
            if (sorted_keys[i].bits == sorted_keys[i - 1].bits)
                fail_check("two key numbers name the same key", "distinct keys", __LINE__);
    }
}

static void big_key(size_t idx, unsigned char *out)
{
    for (size_t j = 0; j < BIG_KEY - 2; j++)
        out[j] = (unsigned char)(j * 7 + 3);
    out[BIG_KEY - 2] = (unsigned char)(idx >> 8);
    out[BIG_KEY - 1] = (unsigned char)idx;
}

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, BIG_KEY, seed);
}

static bool big_equal(const void *a, const void *b)
{
    return memcmp(a, b, BIG_KEY) == 0;
}

/* The variant of a key the map must keep after an assign with var. */
static unsigned stored_var(size_t idx, unsigned var)
{
    if (FUZZ_KIND == KIND_STR || (FUZZ_KIND == KIND_F64 && idx == 0))
        return var & 1;
    return 0;
}

static double f64_key(size_t idx, unsigned var)
{
    return idx == 0 ? ((var & 1) ? -0.0 : 0.0) : f64_keys[idx];
}

static gomap_str str_key(size_t idx, unsigned var)
{
    gomap_str s = {str_arena[var & 1] + idx * STR_SLOT, str_len[idx]};
    return s;
}

#define DEC_NAN (-2)

/* Key number of a stored key and its variant; -1 if it is no key of ours. */
static long decode_key(const void *key, unsigned *var)
{
    *var = 0;
    if (FUZZ_KIND == KIND_U64) {
        uint64_t k;
        memcpy(&k, key, sizeof k);
        return rank_find(k);
    }
    if (FUZZ_KIND == KIND_U32) {
        uint32_t k;
        memcpy(&k, key, sizeof k);
        return rank_find(k);
    }
    if (FUZZ_KIND == KIND_F64) {
        uint64_t b;
        memcpy(&b, key, sizeof b);
        double d = f64_from_bits(b);
        if (d != d)
            return DEC_NAN;
        if (d == 0) {
            *var = (unsigned)(b >> 63);
            return 0;
        }
        return rank_find(b);
    }
    if (FUZZ_KIND == KIND_OWNED) {
        /* The map's copy: never the caller's bytes, NUL-terminated, and
         * read back by content ('p' * prefix[i % 5], then i). */
        static const size_t prefix[] = {0, 14, 64, 130, 250};
        gomap_str s;
        memcpy(&s, key, sizeof s);
        for (unsigned c = 0; c < 2; c++) {
            uintptr_t base = (uintptr_t)str_arena[c], p = (uintptr_t)s.ptr;
            if (p >= base && p < base + (uintptr_t)NKEYS * STR_SLOT)
                return -1;
        }
        if (s.ptr == NULL || s.ptr[s.len] != 0)
            return -1;
        if (s.len == 0)
            return 0;
        size_t np = 0, i = 0;
        while (np < s.len && s.ptr[np] == 'p')
            np++;
        if (np == s.len || s.len - np > 5)
            return -1;
        for (size_t j = np; j < s.len; j++) {
            if (s.ptr[j] < '0' || s.ptr[j] > '9')
                return -1;
            i = i * 10 + (size_t)(s.ptr[j] - '0');
        }
        if (i == 0 || i >= NKEYS || prefix[i % 5] != np || str_len[i] != s.len)
            return -1;
        return (long)i;
    }
    if (FUZZ_KIND == KIND_STR) {
        gomap_str s;
        memcpy(&s, key, sizeof s);
        for (unsigned c = 0; c < 2; c++) {
            uintptr_t base = (uintptr_t)str_arena[c], p = (uintptr_t)s.ptr;
            if (p < base || p >= base + (uintptr_t)NKEYS * STR_SLOT)
                continue;
            size_t off = (size_t)(p - base);
            if (off % STR_SLOT != 0 || s.len != str_len[off / STR_SLOT])
                return -1;
            *var = c;
            return (long)(off / STR_SLOT);
        }
        return -1;
    }
    unsigned char want[BIG_KEY];
    const unsigned char *k = key;
    size_t idx = ((size_t)k[BIG_KEY - 2] << 8 | k[BIG_KEY - 1]) % NKEYS;
    big_key(idx, want);
    return memcmp(want, key, BIG_KEY) == 0 ? (long)idx : -1;
}

/* The three accesses; bit 1 of var picks the generic entry point where a
 * fast path exists. */
static void *map_assign(gomap *m, size_t idx, unsigned var)
{
    switch (FUZZ_KIND) {
    case KIND_U64:
        return (var & 2) ? gomap_assign(m, &u64_keys[idx]) : gomap_assign_u64(m, u64_keys[idx]);
    case KIND_U32:
        return (var & 2) ? gomap_assign(m, &u32_keys[idx]) : gomap_assign_u32(m, u32_keys[idx]);
    case KIND_STR:
    case KIND_OWNED: {
        gomap_str s = str_key(idx, var);
        return (var & 2) ? gomap_assign(m, &s) : gomap_assign_str(m, s.ptr, s.len);
    }
    case KIND_F64: return gomap_assign(m, &(double){f64_key(idx, var)});
    default: {
        unsigned char k[BIG_KEY];
        big_key(idx, k);
        return gomap_assign(m, k);
    }
    }
}

static void *map_get(gomap *m, size_t idx, unsigned var)
{
    switch (FUZZ_KIND) {
    case KIND_U64:
        return (var & 2) ? gomap_get(m, &u64_keys[idx]) : gomap_get_u64(m, u64_keys[idx]);
    case KIND_U32:
        return (var & 2) ? gomap_get(m, &u32_keys[idx]) : gomap_get_u32(m, u32_keys[idx]);
    case KIND_STR:
    case KIND_OWNED: {
        gomap_str s = str_key(idx, var);
        return (var & 2) ? gomap_get(m, &s) : gomap_get_str(m, s.ptr, s.len);
    }
    case KIND_F64: return gomap_get(m, &(double){f64_key(idx, var)});
    default: {
        unsigned char k[BIG_KEY];
        big_key(idx, k);
        return gomap_get(m, k);
    }
    }
}

static bool map_delete(gomap *m, size_t idx, unsigned var)
{
    switch (FUZZ_KIND) {
    case KIND_U64:
        return (var & 2) ? gomap_delete(m, &u64_keys[idx]) : gomap_delete_u64(m, u64_keys[idx]);
    case KIND_U32:
        return (var & 2) ? gomap_delete(m, &u32_keys[idx]) : gomap_delete_u32(m, u32_keys[idx]);
    case KIND_STR:
    case KIND_OWNED: {
        gomap_str s = str_key(idx, var);
        return (var & 2) ? gomap_delete(m, &s) : gomap_delete_str(m, s.ptr, s.len);
    }
    case KIND_F64: return gomap_delete(m, &(double){f64_key(idx, var)});
    default: {
        unsigned char k[BIG_KEY];
        big_key(idx, k);
        return gomap_delete(m, k);
    }
    }
}

/* The key as the generic functions take it, in buf. */
static const void *generic_key(size_t idx, unsigned var, unsigned char *buf)
{
    switch (FUZZ_KIND) {
    case KIND_U64: memcpy(buf, &u64_keys[idx], 8); break;
    case KIND_U32: memcpy(buf, &u32_keys[idx], 4); break;
    case KIND_STR:
    case KIND_OWNED: {
        gomap_str s = str_key(idx, var);
        memcpy(buf, &s, sizeof s);
        break;
    }
    case KIND_F64: {
        double d = f64_key(idx, var);
        memcpy(buf, &d, 8);
        break;
    }
    default: big_key(idx, buf); break;
    }
    return buf;
}

/* gomap_assign2 or its fast path (bit 1 of var: the generic one). */
static void *map_assign2(gomap *m, size_t idx, unsigned var, bool *inserted)
{
    unsigned char k[BIG_KEY];
    if (!(var & 2)) {
        switch (FUZZ_KIND) {
        case KIND_U64: return gomap_assign2_u64(m, u64_keys[idx], inserted);
        case KIND_U32: return gomap_assign2_u32(m, u32_keys[idx], inserted);
        case KIND_STR:
        case KIND_OWNED: {
            gomap_str s = str_key(idx, var);
            return gomap_assign2_str(m, s.ptr, s.len, inserted);
        }
        default: break;
        }
    }
    return gomap_assign2(m, generic_key(idx, var, k), inserted);
}

/* ------------------------------------------------------------------------ */
/* Elems: the value in the first 8 bytes, a pattern derived from it after   */
/* ------------------------------------------------------------------------ */

static void elem_write(void *e, uint64_t v)
{
    if (S.set)
        return;
    memcpy(e, &v, sizeof v);
    for (size_t i = sizeof v; i < S.elem_size; i++)
        ((unsigned char *)e)[i] = (unsigned char)(v * 7 + i);
}

static bool elem_is(const void *e, uint64_t v)
{
    if (S.set)
        return true;
    uint64_t x;
    memcpy(&x, e, sizeof x);
    if (x != v)
        return false;
    for (size_t i = sizeof v; i < S.elem_size; i++)
        if (((const unsigned char *)e)[i] != (unsigned char)(v * 7 + i))
            return false;
    return true;
}

static bool elem_zero(const void *e)
{
    for (size_t i = 0; i < S.elem_size; i++)
        if (((const unsigned char *)e)[i] != 0)
            return false;
    return true;
}

/* ------------------------------------------------------------------------ */
/* Model bookkeeping shared with the live iterators                         */
/* ------------------------------------------------------------------------ */

static void model_removed(int s, size_t idx)
{
    model *md = &S.md[s];
    md->present[idx] = 0;
    md->count--;
    for (int j = 0; j < NTRACK; j++) {
        itrack *t = &S.its[j];
        if (t->live && t->slot == s) {
            t->required[idx] = 0;
            t->seen[idx] = 0; /* a re-insert is a new entry */
        }
    }
}

static void model_cleared(int s)
{
    memset(&S.md[s], 0, sizeof S.md[s]);
    for (int j = 0; j < NTRACK; j++) {
        itrack *t = &S.its[j];
        if (t->live && t->slot == s) {
            memset(t->required, 0, sizeof t->required);
            memset(t->seen, 0, sizeof t->seen);
            memset(t->nan_required, 0, sizeof t->nan_required);
        }
    }
}

static size_t model_len(int s)
{
    return S.md[s].count + S.md[s].nnan;
}

/* ------------------------------------------------------------------------ */
/* Iteration                                                                */
/* ------------------------------------------------------------------------ */

static void iter_start(int j, int s)
{
    itrack *t = &S.its[j];
    size_t calls0 = S.fa.calls;
    gomap_iter_init(&t->it, S.m[s]);
    REQUIRE(S.fa.calls == calls0, "gomap_iter_init allocated");
    t->live = true;
    t->slot = s;
    t->produced = 0;
    memcpy(t->required, S.md[s].present, sizeof t->required);
    memset(t->seen, 0, sizeof t->seen);
    memcpy(t->nan_required, S.md[s].nan_live, sizeof t->nan_required);
    memset(t->nan_seen, 0, sizeof t->nan_seen);
}

/* Ends a live iterator early, checking that it stays ended. */
static void iter_stop(int j)
{
    itrack *t = &S.its[j];
    if (!t->live)
        return;
    size_t calls0 = S.fa.calls;
    gomap_iter_done(&t->it);
    REQUIRE(!gomap_iter_next(&t->it), "gomap_iter_next produced an entry after gomap_iter_done");
    REQUIRE(t->it.key == NULL && t->it.elem == NULL, "an ended iterator kept its pointers");
    gomap_iter_done(&t->it); /* idempotent */
    REQUIRE(S.fa.calls == calls0, "ending an iterator allocated");
    t->live = false;
}

/* One gomap_iter_next, checked; false at the end. */
static bool iter_step(int j)
{
    itrack *t = &S.its[j];
    if (!t->live)
        return false;
    model *md = &S.md[t->slot];
    size_t calls0 = S.fa.calls;
    bool more = gomap_iter_next(&t->it);
    REQUIRE(S.fa.calls == calls0, "gomap_iter_next allocated");
    if (!more) {
        REQUIRE(t->it.key == NULL && t->it.elem == NULL, "an ended iterator kept its pointers");
        for (size_t i = 0; i < NKEYS; i++)
            REQUIRE(!t->required[i] || t->seen[i], "iteration missed an entry present throughout");
        for (size_t i = 0; i < MAX_NAN; i++)
            REQUIRE(!t->nan_required[i] || t->nan_seen[i],
                    "iteration missed a NaN entry present throughout");
        REQUIRE(!gomap_iter_next(&t->it), "gomap_iter_next produced an entry after the end");
        t->live = false;
        return false;
    }
    t->produced++;
    REQUIRE(t->produced <= (size_t)2 * (NKEYS + MAX_NAN), "iteration does not end");
    unsigned var;
    long idx = decode_key(t->it.key, &var);
    if (idx == DEC_NAN) {
        uint64_t v;
        memcpy(&v, t->it.elem, sizeof v);
        size_t id = (size_t)(v & 0xFFFF);
        REQUIRE((v & NAN_TAG) && id < MAX_NAN && md->nan_live[id],
                "iteration produced a NaN entry that is not in the map");
        REQUIRE(elem_is(t->it.elem, v), "NaN entry's elem corrupted");
        REQUIRE(!t->nan_seen[id], "iteration produced a NaN entry twice");
        t->nan_seen[id] = 1;
        return true;
    }
    REQUIRE(idx >= 0, "iteration produced a key that was never inserted");
    REQUIRE(md->present[idx], "iteration produced a key that is not in the map");
    REQUIRE(var == md->var[idx], "iteration produced a stale copy of the key");
    REQUIRE(elem_is(t->it.elem, md->val[idx]), "iteration produced a stale or corrupt elem");
    REQUIRE(!t->seen[idx], "iteration produced an entry twice");
    t->seen[idx] = 1;
    return true;
}

/* Drops the iterators of slot s before its map is freed: some are ended
 * first, the others die with the map (gomap_free ends them). */
static void drop_iterators(int s, bool end_them)
{
    for (int j = 0; j < NTRACK; j++) {
        itrack *t = &S.its[j];
        if (t->live && t->slot == s) {
            if (end_them)
                iter_stop(j);
            t->live = false;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Verification                                                             */
/* ------------------------------------------------------------------------ */

static void verify(int s)
{
    gomap *m = S.m[s];
    model *md = &S.md[s];
    size_t calls0 = S.fa.calls;
    REQUIRE(gomap_len(m) == model_len(s), "len differs from the model");
    if (m == NULL)
        return;
    const char *err = gomap_check(m);
    if (err != NULL)
        fprintf(stderr, "gomap_check: %s\n", err);
    REQUIRE(err == NULL, "gomap_check found a broken invariant");
    gomap_stats st;
    gomap_stats_get(m, &st);
    REQUIRE(st.count == model_len(s), "stats count differs from the model");
    for (size_t i = 0; i < NKEYS; i++) {
        if (!md->present[i] && (i + S.op) % 8 != 0)
            continue; /* absent keys: a different eighth each time */
        void *e = map_get(m, i, (unsigned)i);
        if (md->present[i])
            REQUIRE(e != NULL && elem_is(e, md->val[i]), "lookup of a present key");
        else
            REQUIRE(e == NULL, "lookup of an absent key found it");
    }
    iter_start(IT_VERIFY, s);
    while (iter_step(IT_VERIFY)) {
    }
    REQUIRE(S.its[IT_VERIFY].produced == model_len(s), "iteration produced too many entries");
    REQUIRE(S.fa.calls == calls0, "a read allocated");
}

/* An operation failed: it must be an injected allocation failure, and the
 * map must be unchanged (len here, everything at the next verification). */
static void failed(int s, const char *what)
{
    REQUIRE(errno == ENOMEM, what);
    REQUIRE(S.counting && S.fa.failures > 0, "an operation failed with no failure injected");
    REQUIRE(gomap_len(S.m[s]) == model_len(s), "a failed operation changed len");
    S.need_verify = true;
}

/* ------------------------------------------------------------------------ */
/* Operations                                                               */
/* ------------------------------------------------------------------------ */

static void do_assign(int s, size_t idx, unsigned var)
{
    gomap *m = S.m[s];
    model *md = &S.md[s];
    if (m == NULL)
        return; /* assignment to a NULL map is fatal: tested elsewhere */
    errno = 0;
    bool inserted = !md->present[idx];
    void *e = (var & 4) ? map_assign2(m, idx, var, &inserted) : map_assign(m, idx, var);
    if (e == NULL) {
        REQUIRE(!(var & 4) || !inserted, "a failed assign2 said it inserted");
        failed(s, "a failed assign did not report ENOMEM");
        void *g = map_get(m, idx, var);
        if (md->present[idx])
            REQUIRE(g != NULL && elem_is(g, md->val[idx]), "a failed assign changed the entry");
        else
            REQUIRE(g == NULL, "a failed assign inserted the key");
        return;
    }
    REQUIRE(inserted == !md->present[idx], "assign2's *inserted differs from the model");
    if (md->present[idx])
        REQUIRE(elem_is(e, md->val[idx]), "assign over a present key lost its elem");
    else
        REQUIRE(elem_zero(e), "assign of a new key: elem not zeroed");
    uint64_t v = (++S.vctr << 16) | idx;
    elem_write(e, v);
    if (!md->present[idx])
        md->count++;
    md->present[idx] = 1;
    md->val[idx] = v;
    md->var[idx] = (uint8_t)stored_var(idx, var);
    REQUIRE(gomap_len(m) == model_len(s), "len after assign");
}

static void do_assign_nan(int s, unsigned payload)
{
    if (FUZZ_KIND != KIND_F64 || S.m[s] == NULL || S.nan_next >= MAX_NAN)
        return;
    gomap *m = S.m[s];
    uint64_t bits = UINT64_C(0x7FF0000000000000) | ((uint64_t)(payload & 0x7F) << 45) | 1u;
    if (payload & 0x80)
        bits |= UINT64_C(1) << 63;
    double d = f64_from_bits(bits);
    errno = 0;
    void *e = gomap_assign(m, &d);
    if (e == NULL) {
        failed(s, "a failed assign(NaN) did not report ENOMEM");
        return;
    }
    REQUIRE(elem_zero(e), "assign(NaN): elem not zeroed");
    size_t id = S.nan_next++;
    elem_write(e, NAN_TAG | id);
    S.md[s].nan_live[id] = 1;
    S.md[s].nnan++;
    REQUIRE(gomap_get(m, &d) == NULL, "a NaN key was found by lookup");
    REQUIRE(!gomap_delete(m, &d), "a NaN key was deleted");
    REQUIRE(gomap_len(m) == model_len(s), "len after assign(NaN)");
}

/* gomap_take, copying out the parts bits 3 and 4 of var name. */
static bool map_take(int s, size_t idx, unsigned var)
{
    gomap *m = S.m[s];
    model *md = &S.md[s];
    unsigned char k[BIG_KEY], kout[BIG_KEY], eout[BIG_ELEM + 8];
    bool want_k = (var & 8) != 0, want_e = (var & 16) != 0;
    bool r = gomap_take(m, generic_key(idx, var, k), want_k ? kout : NULL, want_e ? eout : NULL);
    if (r && want_k) {
        unsigned kvar;
        REQUIRE(decode_key(kout, &kvar) == (long)idx && kvar == md->var[idx],
                "gomap_take copied out another key");
        if (FUZZ_KIND == KIND_OWNED) {
            gomap_str ks;
            memcpy(&ks, kout, sizeof ks);
            gomap_str_free(m, ks);
        }
    }
    if (r && want_e)
        REQUIRE(elem_is(eout, md->val[idx]), "gomap_take copied out another elem");
    return r;
}

static void do_delete(int s, size_t idx, unsigned var)
{
    gomap *m = S.m[s];
    bool r = (var & 4) && m != NULL ? map_take(s, idx, var) : map_delete(m, idx, var);
    REQUIRE(r == (bool)S.md[s].present[idx], "delete's result differs from the model");
    if (r)
        model_removed(s, idx);
    REQUIRE(gomap_len(m) == model_len(s), "len after delete");
}

static void do_get(int s, size_t idx, unsigned var)
{
    size_t calls0 = S.fa.calls;
    const void *sk = NULL;
    unsigned char k[BIG_KEY];
    void *e =
        (var & 4) ? gomap_get_kv(S.m[s], generic_key(idx, var, k), &sk) : map_get(S.m[s], idx, var);
    REQUIRE(S.fa.calls == calls0, "gomap_get allocated");
    if (S.md[s].present[idx])
        REQUIRE(e != NULL && elem_is(e, S.md[s].val[idx]), "lookup of a present key");
    else
        REQUIRE(e == NULL, "lookup of an absent key found it");
    if (var & 4) {
        unsigned kvar;
        REQUIRE((e == NULL) == (sk == NULL), "gomap_get_kv: elem and stored key disagree");
        if (sk != NULL)
            REQUIRE(decode_key(sk, &kvar) == (long)idx && kvar == S.md[s].var[idx],
                    "gomap_get_kv: the stored key is not the model's");
    }
}

/* gomap_iter_delete of the entry the loop's iterator just produced. */
static void do_iter_delete(int s)
{
    itrack *t = &S.its[IT_LOOP];
    gomap *m = S.m[s];
    if (!t->live || t->it.key == NULL)
        return;
    unsigned var;
    long idx = decode_key(t->it.key, &var);
    bool r = gomap_iter_delete(&t->it);
    if (idx == DEC_NAN) {
        /* As gomap_delete of a NaN: never found, nothing removed. */
        REQUIRE(!r, "gomap_iter_delete removed a NaN entry");
    } else {
        REQUIRE(r, "gomap_iter_delete of the entry just produced failed");
        model_removed(s, (size_t)idx);
    }
    errno = 0;
    REQUIRE(!gomap_iter_delete(&t->it) && errno == EINVAL, "gomap_iter_delete twice");
    REQUIRE(gomap_len(m) == model_len(s), "len after gomap_iter_delete");
}

static bool iterators_on(int s)
{
    for (int i = 0; i < NTRACK; i++)
        if (S.its[i].live && S.its[i].slot == s)
            return true;
    return false;
}

static void do_clear(int s)
{
    size_t calls0 = S.fa.calls;
    gomap_clear(S.m[s]);
    /* Clear allocates nothing, except that pointer-free buckets (NOSCAN
     * under this custom allocator) may try to record the blocks that live
     * iterators pin, which is optional (docs/api.md). */
    bool noscan = !IS_STR_KIND && FUZZ_KIND != KIND_BIG;
    REQUIRE(S.fa.calls == calls0 || (noscan && iterators_on(s)), "gomap_clear allocated");
    model_cleared(s);
    REQUIRE(gomap_len(S.m[s]) == 0, "len after clear");
}

static void free_slot(int s, bool end_iterators)
{
    drop_iterators(s, end_iterators);
    gomap_free(S.m[s]);
    S.m[s] = NULL;
    memset(&S.md[s], 0, sizeof S.md[s]);
}

static void do_clone(int from, int to, bool end_iterators)
{
    if (from == to)
        return;
    free_slot(to, end_iterators);
    errno = 0;
    gomap *c = gomap_clone(S.m[from]);
    if (c == NULL) {
        if (S.m[from] == NULL) {
            REQUIRE(errno == 0, "the clone of NULL set errno");
            return;
        }
        failed(from, "a failed clone did not report ENOMEM");
        return;
    }
    S.m[to] = c;
    S.md[to] = S.md[from];
}

/* in_storage: gomap_init in the slot's storage (hint unused), which the
 * slot's previous map may have occupied: it is freed first. */
static void do_new(int s, size_t hint, bool end_iterators, bool in_storage)
{
    free_slot(s, end_iterators);
    errno = 0;
    if (in_storage) {
        S.m[s] = gomap_init(S.storage[s], sizeof S.storage[s], &S.type, &S.opt);
        REQUIRE(S.m[s] != NULL, "gomap_init failed");
    } else {
        S.m[s] = gomap_new_with(&S.type, hint, &S.opt);
    }
    if (S.m[s] == NULL) {
        REQUIRE(errno == ENOMEM && S.counting && S.fa.failures > 0,
                "gomap_new_with failed without an injected failure");
        return;
    }
    REQUIRE(gomap_len(S.m[s]) == 0, "a new map is not empty");
}

static void do_bulk(int s, bool insert)
{
    size_t base = next_key();
    size_t n = next_byte() * 2u + 1;
    size_t stride = next_byte() | 1u;
    unsigned var = next_byte();
    for (size_t j = 0; j < n; j++) {
        size_t idx = (base + j * stride) % NKEYS;
        if (insert)
            do_assign(s, idx, var + (unsigned)j);
        else
            do_delete(s, idx, var + (unsigned)j);
    }
}

/* gomap_shrink (odd var) or gomap_reserve of up to 4080 entries: the
 * contents stay, or it fails with ENOMEM and changes nothing. */
static void do_resize(int s, unsigned var)
{
    gomap *m = S.m[s];
    size_t n = (size_t)next_byte() * 16;
    if (m == NULL)
        return;
    errno = 0;
    bool ok = (var & 1) ? gomap_shrink(m) : gomap_reserve(m, n);
    if (!ok)
        failed(s, "a failed shrink or reserve did not report ENOMEM");
    REQUIRE(gomap_len(m) == model_len(s), "len after shrink or reserve");
}

static void do_arm_failure(unsigned b)
{
    if (!S.counting)
        return;
    if (b & 0x80)
        S.fa.fail_one_in = (b & 0x40) ? 0 : (b & 7) + 2; /* random mode on or off */
    else
        S.fa.fail_at = S.fa.calls + 1 + (b & 0x3F); /* the k-th allocation from now */
}

/* A range loop over slot s whose body is driven by the input. */
static void do_loop(int s)
{
    iter_start(IT_LOOP, s);
    while (iter_step(IT_LOOP)) {
        unsigned a = next_byte();
        switch (a % 12) {
        case 3: /* 3 + 12k: below 240 gomap_iter_delete, from 240 a resize */
            if (a >= 240)
                do_resize(s, a >> 2);
            else
                do_iter_delete(s);
            break;
        case 4:
        case 5: do_assign(s, next_key(), a >> 4); break;
        case 6: do_delete(s, next_key(), a >> 4); break;
        case 7: do_get(s, next_key(), a >> 4); break;
        case 8: iter_stop(IT_LOOP); break;
        case 9: do_bulk(s, (a >> 4) & 1); break;
        case 10: do_arm_failure(next_byte()); break;
        case 11:
            switch ((a >> 4) % 4) {
            case 0: do_clear(s); break;
            case 1: do_clone(s, 1 - s, (a >> 6) & 1); break;
            case 2: do_assign_nan(s, next_byte()); break;
            default: {
                /* overwrite the entry just produced through its elem */
                itrack *t = &S.its[IT_LOOP];
                unsigned var;
                long idx = t->live ? decode_key(t->it.key, &var) : -1;
                if (idx >= 0 && !S.set) {
                    uint64_t v = (++S.vctr << 16) | (uint64_t)idx;
                    elem_write(t->it.elem, v);
                    S.md[s].val[idx] = v;
                }
                break;
            }
            }
            break;
        default: break;
        }
        if (!S.its[IT_LOOP].live)
            break;
    }
}

static void run_op(void)
{
    unsigned b = next_byte();
    int s = (int)((b >> 4) & 1);
    unsigned var = b >> 5;
    switch (b % 16) {
    case 0:
    case 1: do_assign(s, next_key(), var); break;
    case 2: do_delete(s, next_key(), var); break;
    case 3: do_get(s, next_key(), var); break;
    case 4: do_bulk(s, true); break;
    case 5: do_bulk(s, false); break;
    case 6: do_clear(s); break;
    case 7: do_clone(s, 1 - s, var & 1); break;
    case 8: do_loop(s); break;
    case 9: do_assign_nan(s, next_byte()); break;
    case 10: do_arm_failure(next_byte()); break;
    case 11: {
        int j = (int)(next_byte() % NITERS);
        iter_stop(j);
        iter_start(j, s);
        break;
    }
    case 12: {
        int j = (int)(var % NITERS);
        for (unsigned n = next_byte() % 64 + 1; n > 0 && iter_step(j); n--) {
        }
        break;
    }
    case 13: iter_stop((int)(var % NITERS)); break;
    case 14: {
        unsigned h = next_byte();
        do_new(s, (size_t)h * h % (MAX_HINT + 1), var & 1, var & 2);
        break;
    }
    default:
        if (var >= 6)
            do_resize(s, var);
        else
            S.need_verify = true;
        break;
    }
}

/* ------------------------------------------------------------------------ */
/* Entry points                                                             */
/* ------------------------------------------------------------------------ */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    build_keys();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    memset(&S, 0, sizeof S);
    S.data = data;
    S.size = size;
    unsigned config = next_byte();
    unsigned hint = next_byte();
    uint64_t seed = next_byte();
    seed = seed << 8 | next_byte();

    S.elem_size = FUZZ_KIND == KIND_BIG ? BIG_ELEM : sizeof(uint64_t);
    if ((FUZZ_KIND == KIND_U64 || FUZZ_KIND == KIND_U32) && (config & 4))
        S.elem_size = 0;
    /* String keys with a string-sized elem: the layout the fast paths are
     * compiled for (string -> string). */
    if (IS_STR_KIND && (config & 4))
        S.elem_size = 2 * sizeof(uint64_t);
    S.set = S.elem_size == 0;
    size_t ealign = S.set ? 1 : _Alignof(uint64_t);
    switch (FUZZ_KIND) {
    case KIND_U64: S.type = gomap_type_u64(S.elem_size, ealign); break;
    case KIND_U32: S.type = gomap_type_u32(S.elem_size, ealign); break;
    case KIND_STR: S.type = gomap_type_str(S.elem_size, ealign); break;
    case KIND_OWNED: S.type = gomap_type_str_owned(S.elem_size, ealign); break;
    case KIND_F64: S.type = gomap_type_f64(S.elem_size, ealign); break;
    default: {
        gomap_type t = {BIG_KEY, 1, S.elem_size, ealign, big_hash, big_equal, 0, NULL, NULL};
        S.type = t;
        break;
    }
    }
    S.fa.a.alloc = fuzz_alloc_fn;
    S.fa.a.free = fuzz_free_fn;
    S.fa.a.ctx = &S.fa;
    S.fa.rng = seed;
    S.counting = !(config & 2);
    S.opt.allocator = S.counting ? &S.fa.a : NULL;
    S.opt.seed = seed;
    S.opt.flags = (config & 1) ? GOMAP_FIXED_SEED : 0;
    if (config & 8)
        S.opt.flags |= GOMAP_AUTO_SHRINK;

    do_new(0, (size_t)hint * hint % (MAX_HINT + 1), false, config & 16);
    size_t since = 0;
    for (S.op = 0; S.op < MAX_OPS && input_left(); S.op++) {
        run_op();
        /* Full checks cost O(map): every 256 operations, and soon after a
         * failure (whose effect on the whole map they check). */
        if (++since == 256 || (S.need_verify && since >= 16)) {
            unsigned one_in = S.fa.fail_one_in;
            S.fa.fail_one_in = 0;
            for (int s = 0; s < NSLOTS; s++)
                verify(s);
            S.fa.fail_one_in = one_in;
            S.need_verify = false;
            since = 0;
        }
    }
    S.fa.fail_one_in = 0;
    S.fa.fail_at = 0;
    for (int j = 0; j < NITERS; j++)
        while (iter_step(j)) {
        }
    for (int s = 0; s < NSLOTS; s++) {
        verify(s);
        free_slot(s, s == 0);
    }
    REQUIRE(S.fa.live == 0, "memory leaked");
    return 0;
}
