/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * soak.c - a long randomized run over many maps at once.
 *
 *   soak [SECONDS [SEED]]
 *
 * NMAPS maps of five kinds (u64, str, f64 with NaN, a 160-byte generic key
 * with a 136-byte elem, a u64 set) share one counting allocator. Each step
 * picks a map and an operation: inserts and overwrites over a window of keys
 * that drifts, so maps grow and shrink through many sizes; deletes, lookups,
 * clear, clone (replacing another map of the same kind), re-creation with a
 * hint, iterations whose body writes, and iterators kept open across other
 * operations (pinning old arrays). Allocation failures are injected in
 * phases (one call in N fails); a failed operation must report ENOMEM and
 * leave the map unchanged.
 *
 * Every result is checked against a per-map reference model; from time to
 * time one map is checked in full, and at the end every map is: gomap_check,
 * every key looked up, a full iteration against the model. Then everything
 * is freed and the allocator must hold no block.
 */
#include <gomap/gomap.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_util.h"

enum { NMAPS = 40, U = 1 << 14, MAX_NAN = 512, BIG_KEY = 160, BIG_ELEM = 136, STR_SLOT = 48 };
enum kind { K_U64, K_STR, K_F64, K_BIG, K_SET, K_COUNT };
static const char *const kind_name[K_COUNT] = {"u64", "str", "f64", "big", "set"};

#define NAN_TAG (1ull << 63)

typedef struct smap {
    enum kind kind;
    gomap *m;
    uint8_t *present; /* U */
    uint64_t *val;    /* U */
    size_t count;
    uint8_t nan_live[MAX_NAN];
    size_t nnan, nan_next;
    /* one iterator kept open across operations */
    bool it_live;
    gomap_iter it;
    uint8_t *seen, *required; /* U */
    uint8_t nan_seen[MAX_NAN], nan_required[MAX_NAN];
    size_t window_lo, window_hi;
} smap;

static smap maps[NMAPS];
static test_alloc ta;
static uint64_t rng;
static char *str_arena;
static size_t ops, failures_seen, clones, iterations, full_checks, max_len;

#define REQUIRE(c, msg)                                                                            \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "soak: check failed at line %d after %zu operations: %s [%s]\n",       \
                    __LINE__, ops, (msg), #c);                                                     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static uint64_t rnd(void)
{
    return test_splitmix64(&rng);
}

static size_t rndn(size_t n)
{
    return n == 0 ? 0 : (size_t)(rnd() % n);
}

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, BIG_KEY, seed);
}

static bool big_equal(const void *a, const void *b)
{
    return memcmp(a, b, BIG_KEY) == 0;
}

static size_t elem_size(enum kind k)
{
    return k == K_SET ? 0 : k == K_BIG ? BIG_ELEM : 8;
}

static gomap_type type_of(enum kind k)
{
    switch (k) {
    case K_U64: return gomap_type_u64(GOMAP_ELEM(uint64_t));
    case K_STR: return gomap_type_str(GOMAP_ELEM(uint64_t));
    case K_F64: return gomap_type_f64(GOMAP_ELEM(uint64_t));
    case K_SET: return gomap_type_u64(0, 1);
    default: {
        gomap_type t = {BIG_KEY, 1, BIG_ELEM, 8, big_hash, big_equal, 0, NULL, NULL};
        return t;
    }
    }
}

typedef union keybuf {
    uint64_t u;
    double d;
    gomap_str s;
    unsigned char big[BIG_KEY];
} keybuf;

static void make_key(enum kind k, size_t idx, keybuf *kb)
{
    switch (k) {
    case K_U64:
    case K_SET: kb->u = (uint64_t)idx << 40 | (uint64_t)idx; break;
    case K_F64: kb->d = idx == 0 ? -0.0 : (double)idx * 0.5; break;
    case K_STR: {
        const char *p = str_arena + idx * STR_SLOT;
        kb->s.ptr = p;
        kb->s.len = strlen(p);
        break;
    }
    default:
        memset(kb->big, 0x33, BIG_KEY);
        memcpy(kb->big + BIG_KEY - sizeof idx, &idx, sizeof idx);
        break;
    }
}

#define DEC_NAN (-2)

static long decode_key(enum kind k, const void *key)
{
    switch (k) {
    case K_U64:
    case K_SET: {
        uint64_t v;
        memcpy(&v, key, sizeof v);
        uint64_t idx = v & 0xFFFFFFFFFFull;
        return idx < U && v == (idx << 40 | idx) ? (long)idx : -1;
    }
    case K_F64: {
        double d;
        memcpy(&d, key, sizeof d);
        if (d != d)
            return DEC_NAN;
        double i = d * 2;
        return i >= 0 && i < U && (size_t)i == i ? (long)i : -1;
    }
    case K_STR: {
        gomap_str s;
        memcpy(&s, key, sizeof s);
        uintptr_t base = (uintptr_t)str_arena, p = (uintptr_t)s.ptr;
        if (p < base || p >= base + (uintptr_t)U * STR_SLOT || (p - base) % STR_SLOT != 0)
            return -1;
        return (long)((p - base) / STR_SLOT);
    }
    default: {
        size_t idx;
        memcpy(&idx, (const unsigned char *)key + BIG_KEY - sizeof idx, sizeof idx);
        keybuf kb;
        if (idx >= U)
            return -1;
        make_key(k, idx, &kb);
        return memcmp(kb.big, key, BIG_KEY) == 0 ? (long)idx : -1;
    }
    }
}

static void elem_write(enum kind k, void *e, uint64_t v)
{
    size_t n = elem_size(k);
    if (n == 0)
        return;
    memcpy(e, &v, sizeof v);
    for (size_t i = 8; i < n; i++)
        ((unsigned char *)e)[i] = (unsigned char)(v + i);
}

static bool elem_is(enum kind k, const void *e, uint64_t v)
{
    size_t n = elem_size(k);
    if (n == 0)
        return true;
    uint64_t x;
    memcpy(&x, e, sizeof x);
    if (x != v)
        return false;
    for (size_t i = 8; i < n; i++)
        if (((const unsigned char *)e)[i] != (unsigned char)(v + i))
            return false;
    return true;
}

static bool elem_zero(enum kind k, const void *e)
{
    for (size_t i = 0; i < elem_size(k); i++)
        if (((const unsigned char *)e)[i] != 0)
            return false;
    return true;
}

static size_t model_len(const smap *s)
{
    return s->count + s->nnan;
}

/* ---- iteration ------------------------------------------------------------ */

static void iter_begin(smap *s)
{
    gomap_iter_init(&s->it, s->m);
    s->it_live = true;
    memcpy(s->required, s->present, U);
    memset(s->seen, 0, U);
    memcpy(s->nan_required, s->nan_live, MAX_NAN);
    memset(s->nan_seen, 0, MAX_NAN);
}

static bool iter_step(smap *s)
{
    if (!s->it_live)
        return false;
    if (!gomap_iter_next(&s->it)) {
        for (size_t i = 0; i < U; i++)
            REQUIRE(!s->required[i] || s->seen[i], "iteration missed an entry present throughout");
        for (size_t i = 0; i < MAX_NAN; i++)
            REQUIRE(!s->nan_required[i] || s->nan_seen[i], "iteration missed a NaN entry");
        s->it_live = false;
        return false;
    }
    long idx = decode_key(s->kind, s->it.key);
    if (idx == DEC_NAN) {
        uint64_t v;
        memcpy(&v, s->it.elem, sizeof v);
        size_t id = (size_t)(v & 0xFFFF);
        REQUIRE((v & NAN_TAG) && id < MAX_NAN && s->nan_live[id], "unknown NaN entry");
        REQUIRE(!s->nan_seen[id], "NaN entry produced twice");
        s->nan_seen[id] = 1;
        return true;
    }
    REQUIRE(idx >= 0 && s->present[idx], "iteration produced an entry not in the map");
    REQUIRE(elem_is(s->kind, s->it.elem, s->val[idx]), "iteration produced a stale elem");
    REQUIRE(!s->seen[idx], "iteration produced an entry twice");
    s->seen[idx] = 1;
    return true;
}

static void iter_end(smap *s)
{
    if (s->it_live)
        gomap_iter_done(&s->it);
    s->it_live = false;
}

/* ---- operations --------------------------------------------------------- */

static void failed(smap *s, const char *what)
{
    REQUIRE(errno == ENOMEM, what);
    REQUIRE(ta.failures > 0, "failure without an injected one");
    REQUIRE(gomap_len(s->m) == model_len(s), "a failed operation changed len");
    failures_seen++;
}

static void op_assign(smap *s, size_t idx)
{
    keybuf kb;
    make_key(s->kind, idx, &kb);
    errno = 0;
    void *e = gomap_assign(s->m, &kb);
    if (e == NULL) {
        failed(s, "failed assign without ENOMEM");
        void *g = gomap_get(s->m, &kb);
        REQUIRE((g != NULL) == (bool)s->present[idx], "a failed assign changed presence");
        return;
    }
    if (s->present[idx])
        REQUIRE(elem_is(s->kind, e, s->val[idx]), "overwrite lost the elem");
    else
        REQUIRE(elem_zero(s->kind, e), "new elem not zeroed");
    uint64_t v = rnd() & ~NAN_TAG;
    elem_write(s->kind, e, v);
    if (!s->present[idx])
        s->count++;
    s->present[idx] = 1;
    s->val[idx] = v;
    size_t len = gomap_len(s->m);
    REQUIRE(len == model_len(s), "len after assign");
    if (len > max_len)
        max_len = len;
}

static void op_delete(smap *s, size_t idx)
{
    keybuf kb;
    make_key(s->kind, idx, &kb);
    bool r = gomap_delete(s->m, &kb);
    REQUIRE(r == (bool)s->present[idx], "delete result differs from the model");
    if (r) {
        s->present[idx] = 0;
        s->count--;
        if (s->it_live) {
            s->required[idx] = 0;
            s->seen[idx] = 0;
        }
    }
}

static void op_get(smap *s, size_t idx)
{
    keybuf kb;
    make_key(s->kind, idx, &kb);
    void *e = gomap_get(s->m, &kb);
    if (s->present[idx])
        REQUIRE(e != NULL && elem_is(s->kind, e, s->val[idx]), "lookup of a present key");
    else
        REQUIRE(e == NULL, "lookup of an absent key found it");
}

static void op_nan(smap *s)
{
    if (s->kind != K_F64 || s->nan_next >= MAX_NAN)
        return;
    uint64_t bits = 0x7FF8000000000000ull | s->nan_next;
    double d;
    memcpy(&d, &bits, sizeof d);
    errno = 0;
    void *e = gomap_assign(s->m, &d);
    if (e == NULL) {
        failed(s, "failed assign(NaN) without ENOMEM");
        return;
    }
    size_t id = s->nan_next++;
    elem_write(s->kind, e, NAN_TAG | id);
    s->nan_live[id] = 1;
    s->nnan++;
}

static void op_clear(smap *s)
{
    gomap_clear(s->m);
    memset(s->present, 0, U);
    s->count = 0;
    memset(s->nan_live, 0, MAX_NAN);
    s->nnan = 0;
    if (s->it_live) {
        memset(s->required, 0, U);
        memset(s->seen, 0, U);
        memset(s->nan_required, 0, MAX_NAN);
    }
}

static void check_full(smap *s)
{
    const char *err = gomap_check(s->m);
    if (err != NULL)
        fprintf(stderr, "gomap_check: %s\n", err);
    REQUIRE(err == NULL, "gomap_check found a broken invariant");
    REQUIRE(gomap_len(s->m) == model_len(s), "len differs from the model");
    for (size_t i = 0; i < U; i++)
        if (s->present[i] || i % 16 == 0)
            op_get(s, i);
    /* a full iteration, with the open iterator (if any) left alone */
    bool was = s->it_live;
    gomap_iter keep = s->it;
    uint8_t *kseen = s->seen, *kreq = s->required;
    uint8_t nseen[MAX_NAN], nreq[MAX_NAN];
    memcpy(nseen, s->nan_seen, MAX_NAN);
    memcpy(nreq, s->nan_required, MAX_NAN);
    static uint8_t seen2[U], req2[U];
    s->seen = seen2;
    s->required = req2;
    iter_begin(s);
    size_t n = 0;
    while (iter_step(s))
        n++;
    REQUIRE(n == model_len(s), "a full iteration produced a wrong number of entries");
    s->seen = kseen;
    s->required = kreq;
    memcpy(s->nan_seen, nseen, MAX_NAN);
    memcpy(s->nan_required, nreq, MAX_NAN);
    s->it = keep;
    s->it_live = was;
    full_checks++;
}

static void map_new(smap *s, size_t hint)
{
    iter_end(s);
    gomap_free(s->m);
    s->m = NULL;
    gomap_type t = type_of(s->kind);
    gomap_options o = {
        .allocator = &ta.a, .seed = rnd(), .flags = rnd() % 2 ? GOMAP_FIXED_SEED : 0};
    for (;;) {
        errno = 0;
        s->m = gomap_new_with(&t, hint, &o);
        if (s->m != NULL)
            break;
        REQUIRE(errno == ENOMEM && ta.failures > 0, "gomap_new_with failed without ENOMEM");
        failures_seen++;
    }
    memset(s->present, 0, U);
    s->count = 0;
    memset(s->nan_live, 0, MAX_NAN);
    s->nnan = 0;
}

static void op_clone(smap *dst, smap *src)
{
    errno = 0;
    gomap *c = gomap_clone(src->m);
    if (c == NULL) {
        failed(src, "failed clone without ENOMEM");
        return;
    }
    iter_end(dst);
    gomap_free(dst->m);
    dst->m = c;
    memcpy(dst->present, src->present, U);
    memcpy(dst->val, src->val, U * sizeof *dst->val);
    dst->count = src->count;
    memcpy(dst->nan_live, src->nan_live, MAX_NAN);
    dst->nnan = src->nnan;
    dst->nan_next = src->nan_next;
    clones++;
}

/* A range loop whose body writes the same map. */
static void op_loop(smap *s)
{
    iter_end(s);
    iter_begin(s);
    size_t stop = rndn(4) == 0 ? rndn(model_len(s) + 1) : SIZE_MAX;
    size_t n = 0;
    while (iter_step(s)) {
        if (n++ == stop) {
            iter_end(s);
            break;
        }
        size_t r = rndn(10);
        size_t width = s->window_hi - s->window_lo;
        if (r < 2)
            op_assign(s, s->window_lo + rndn(width));
        else if (r < 4)
            op_delete(s, s->window_lo + rndn(width));
    }
    iterations++;
}

static void step(void)
{
    smap *s = &maps[rndn(NMAPS)];
    ops++;
    /* the key window drifts and changes width: maps grow and shrink */
    if (rndn(2000) == 0) {
        size_t w = (size_t)1 << (4 + rndn(11)); /* 16 .. 16384 keys */
        s->window_lo = rndn(U - w);
        s->window_hi = s->window_lo + w;
    }
    size_t width = s->window_hi - s->window_lo;
    size_t idx = s->window_lo + rndn(width);
    size_t r = rndn(1000);
    if (r < 420)
        op_assign(s, idx);
    else if (r < 700)
        op_delete(s, idx);
    else if (r < 900)
        op_get(s, idx);
    else if (r < 960) {
        /* the open iterator moves on a little, or starts */
        if (!s->it_live)
            iter_begin(s);
        for (size_t i = rndn(32); i > 0 && iter_step(s); i--) {
        }
    } else if (r < 975)
        op_nan(s);
    else if (r < 985)
        op_loop(s);
    else if (r < 990) {
        smap *src = &maps[rndn(NMAPS)];
        if (src != s && src->kind == s->kind)
            op_clone(s, src);
    } else if (r < 993)
        op_clear(s);
    else if (r < 994)
        map_new(s, rndn(3) == 0 ? rndn(5000) : 0);
    else if (r < 996)
        iter_end(s);
    else if (rndn(4) == 0)
        check_full(s);
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 60;
    rng = argc > 2 ? strtoull(argv[2], NULL, 0) : (uint64_t)time(NULL);
    uint64_t seed0 = rng;
    printf("soak: seed %llu (soak SECONDS SEED repeats a run)\n", (unsigned long long)seed0);
    fflush(stdout);
    test_alloc_init(&ta);
    ta.rng = rng ^ 0xA11CE;
    str_arena = calloc(U, STR_SLOT);
    REQUIRE(str_arena != NULL, "out of memory");
    for (size_t i = 0; i < U; i++) {
        char *p = str_arena + i * STR_SLOT;
        memset(p, 's', 24); /* a long shared prefix */
        snprintf(p + 24, STR_SLOT - 24, "%zu", i);
    }
    for (int i = 0; i < NMAPS; i++) {
        smap *s = &maps[i];
        s->kind = (enum kind)(i % K_COUNT);
        s->present = calloc(U, 1);
        s->val = calloc(U, sizeof *s->val);
        s->seen = calloc(U, 1);
        s->required = calloc(U, 1);
        REQUIRE(s->present && s->val && s->seen && s->required, "out of memory");
        s->window_lo = 0;
        s->window_hi = 64;
        map_new(s, 0);
    }
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t phase_ops = 0;
    for (;;) {
        for (int i = 0; i < 4096; i++) {
            step();
            if (++phase_ops == 200000) {
                /* failure phases: none, or one allocation in N fails */
                static const size_t every[] = {0, 0, 3, 17, 101};
                ta.fail_every = every[rndn(5)];
                phase_ops = 0;
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t);
        double el = (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) * 1e-9;
        if (el >= seconds)
            break;
    }
    ta.fail_every = 0;
    size_t kinds[K_COUNT] = {0};
    for (int i = 0; i < NMAPS; i++) {
        smap *s = &maps[i];
        while (iter_step(s)) {
        }
        check_full(s);
        kinds[s->kind] += gomap_len(s->m);
    }
    for (int i = 0; i < NMAPS; i++) {
        smap *s = &maps[i];
        iter_end(s);
        gomap_free(s->m);
        free(s->present);
        free(s->val);
        free(s->seen);
        free(s->required);
    }
    REQUIRE(ta.live == 0 && ta.live_bytes == 0, "memory leaked");
    REQUIRE(!ta.size_mismatch, "a free passed the wrong size");
    printf("soak: seed %llu, %.0f s, %zu operations over %d maps, %zu allocations, %zu injected "
           "failures (%zu seen by operations), %zu clones, %zu loops, %zu full checks, largest map "
           "%zu entries; final entries",
           (unsigned long long)seed0, seconds, ops, NMAPS, ta.total_allocs, ta.failures,
           failures_seen, clones, iterations, full_checks, max_len);
    for (int k = 0; k < K_COUNT; k++)
        printf(" %s %zu", kind_name[k], kinds[k]);
    printf("; no leaks\n");
    free(str_arena);
    return 0;
}
