/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_boehm_stress.c - gomap on the Boehm collector, under pressure.
 *
 *  - stress: many maps on the collected heap (string keys, u64 keys, and
 *    indirectly stored keys and elems that hold pointers), values that are
 *    collected objects reachable only through the maps, growths in
 *    progress, live iterators, clears, and GC_gcollect() forced between
 *    operations. A finalizer on every value records its reclamation: a value
 *    still in a map must never be finalized, and every value and key must be
 *    intact after each collection. Once the maps are freed, the values are
 *    reclaimed.
 *  - noscan: the buckets of a pointer-free map are atomic (never scanned)
 *    blocks, so object addresses hidden in them keep nothing alive, while
 *    the same addresses in a map flagged GOMAP_ELEM_POINTERS do.
 *  - roots: a map on malloc's heap holding collected objects is made a root
 *    of the collector through gomap_scan (GC_set_push_other_roots), which
 *    keeps exactly its live keys and elems alive.
 *  - bad_input: boehm.h's constructors reject what gomap_new_with rejects
 *    (NULL or invalid type, unknown flag bits) with NULL and EINVAL.
 *  - stack_storage: a map in stack storage (gomap_init) with the collector's
 *    allocator, holding collected values, outgrows its bucket there while
 *    collections run: the stack keeps its arrays and values alive, and
 *    gomap_scan reports only what the map allocated.
 */
#include <gomap/boehm.h>

#include <gc/gc.h>
#include <gc/gc_inline.h>
#include <gc/gc_mark.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);                  \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* ---- Values: collected objects with a finalizer ---------------------------- */

typedef struct value {
    uint64_t id;
    uint64_t check;
    struct value *self;
    char *name; /* a collected string "v<id>", also the key of string maps */
} value;

enum { NMAPS = 16, PER_MAP = 4000, MAXID = NMAPS * PER_MAP, NROOTED = 20000 };
enum { NSTACK = 300 };
/* the rooted map's ids follow the stress maps', the stack map's follow those */
enum { NIDS = MAXID + NROOTED + NSTACK };

/* Plain malloc memory: the collector never looks here, so nothing in it
 * keeps an object alive. */
static unsigned char *finalized; /* by id */
static unsigned char *present;   /* by id: the model of the maps */

static uint64_t mix(uint64_t x)
{
    x ^= x >> 31;
    x *= UINT64_C(0x9e3779b97f4a7c15);
    return x ^ (x >> 29);
}

static void on_finalize(void *obj, void *cd)
{
    (void)cd;
    finalized[((value *)obj)->id] = 1;
}

static char *gc_string(uint64_t id)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "v%llu", (unsigned long long)id);
    char *s = GC_MALLOC_ATOMIC((size_t)n + 1);
    CHECK(s != NULL);
    memcpy(s, buf, (size_t)n + 1);
    return s;
}

static value *new_value(uint64_t id)
{
    value *v = GC_MALLOC(sizeof *v);
    CHECK(v != NULL);
    v->id = id;
    v->check = mix(id);
    v->self = v;
    v->name = gc_string(id);
    GC_REGISTER_FINALIZER_NO_ORDER(v, on_finalize, NULL, NULL, NULL);
    return v;
}

static void check_value(const value *v, uint64_t id)
{
    CHECK(v != NULL);
    CHECK(v->id == id);
    CHECK(v->self == v);
    CHECK(v->check == mix(id));
    char buf[32];
    snprintf(buf, sizeof buf, "v%llu", (unsigned long long)id);
    CHECK(strcmp(v->name, buf) == 0);
    CHECK(!finalized[id]);
}

/* ---- Map kinds ------------------------------------------------------------- */

enum { K_STR, K_U64, K_BIG, NKINDS };

/* Stored indirectly (> 128 bytes), holding pointers. */
typedef struct big_key {
    uint64_t id;
    char *name; /* a collected string only this key refers to */
    char pad[184];
} big_key;

typedef struct big_elem {
    value *v;
    char pad[192];
} big_elem;

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_u64(((const big_key *)k)->id, seed);
}

static bool big_equal(const void *a, const void *b)
{
    return ((const big_key *)a)->id == ((const big_key *)b)->id;
}

static gomap_type type_of(int kind)
{
    gomap_type t;
    if (kind == K_STR) {
        t = gomap_type_str(GOMAP_ELEM(value *));
        t.flags |= GOMAP_ELEM_POINTERS;
    } else if (kind == K_U64) {
        t = gomap_type_u64(GOMAP_ELEM(value *));
        t.flags |= GOMAP_ELEM_POINTERS;
    } else {
        t = (gomap_type){GOMAP_ELEM(big_key),
                         GOMAP_ELEM(big_elem),
                         big_hash,
                         big_equal,
                         GOMAP_KEY_POINTERS | GOMAP_ELEM_POINTERS,
                         NULL,
                         NULL};
    }
    return t;
}

static void map_put(gomap *m, int kind, uint64_t id)
{
    value *v = new_value(id);
    if (kind == K_STR) {
        value **e = gomap_assign_str(m, v->name, strlen(v->name));
        CHECK(e != NULL);
        *e = v;
    } else if (kind == K_U64) {
        value **e = gomap_assign_u64(m, id);
        CHECK(e != NULL);
        *e = v;
    } else {
        big_key k = {.id = id, .name = gc_string(id)};
        big_elem *e = gomap_assign(m, &k);
        CHECK(e != NULL);
        e->v = v;
    }
    present[id] = 1;
}

static bool map_del(gomap *m, int kind, uint64_t id)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "v%llu", (unsigned long long)id);
    bool found;
    if (kind == K_STR) {
        found = gomap_delete_str(m, buf, (size_t)n);
    } else if (kind == K_U64) {
        found = gomap_delete_u64(m, id);
    } else {
        big_key k = {.id = id};
        found = gomap_delete(m, &k);
    }
    present[id] = 0;
    return found;
}

static const value *map_get(const gomap *m, int kind, uint64_t id)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "v%llu", (unsigned long long)id);
    if (kind == K_STR) {
        value **e = gomap_get_str(m, buf, (size_t)n);
        return e != NULL ? *e : NULL;
    }
    if (kind == K_U64) {
        value **e = gomap_get_u64(m, id);
        return e != NULL ? *e : NULL;
    }
    big_key k = {.id = id};
    big_elem *e = gomap_get(m, &k);
    return e != NULL ? e->v : NULL;
}

/* The value of an entry an iterator returned, after checking its key. */
static const value *entry_value(int kind, const void *key, void *elem)
{
    if (kind == K_BIG) {
        const big_key *k = key;
        const value *v = ((big_elem *)elem)->v;
        CHECK(v != NULL && k->id == v->id);
        char buf[32];
        snprintf(buf, sizeof buf, "v%llu", (unsigned long long)k->id);
        CHECK(strcmp(k->name, buf) == 0);
        return v;
    }
    const value *v = *(value **)elem;
    CHECK(v != NULL);
    if (kind == K_STR) {
        const gomap_str *s = key;
        CHECK(s->len == strlen(v->name) && memcmp(s->ptr, v->name, s->len) == 0);
    } else {
        CHECK(*(const uint64_t *)key == v->id);
    }
    return v;
}

/* ---- Stress ---------------------------------------------------------------------- */

/* Collected memory: the collector scans the maps' headers and the iterators
 * through these. */
static gomap **maps;
static gomap_iter *iters;

static uint64_t rng_state = 42;
static uint64_t rnd(void)
{
    rng_state += UINT64_C(0x9e3779b97f4a7c15);
    return mix(rng_state);
}

/* Allocate and drop garbage so that memory reclaimed too early gets reused
 * and overwritten. */
static NOINLINE void churn(void)
{
    for (int i = 0; i < 2000; i++) {
        size_t n = 16 + rnd() % 256;
        unsigned char *p = GC_MALLOC_ATOMIC(n);
        CHECK(p != NULL);
        memset(p, 0xEE, n);
    }
}

static void verify_map(int i)
{
    int kind = i % NKINDS;
    size_t live = 0;
    for (uint64_t id = (uint64_t)i * PER_MAP; id < (uint64_t)(i + 1) * PER_MAP; id++) {
        if (!present[id]) {
            CHECK(map_get(maps[i], kind, id) == NULL);
            continue;
        }
        check_value(map_get(maps[i], kind, id), id);
        live++;
    }
    CHECK(gomap_len(maps[i]) == live);
    CHECK(gomap_check(maps[i]) == NULL);
    gomap_iter it;
    size_t n = 0;
    for (gomap_iter_init(&it, maps[i]); gomap_iter_next(&it); n++) {
        const value *v = entry_value(kind, it.key, it.elem);
        CHECK(present[v->id]);
        check_value(v, v->id);
    }
    CHECK(n == live);
}

static void collect_and_verify(size_t *growing_seen)
{
    GC_gcollect();
    GC_invoke_finalizers();
    churn();
    for (int i = 0; i < NMAPS; i++) {
        gomap_stats s;
        gomap_stats_get(maps[i], &s);
        if (s.growing)
            (*growing_seen)++;
        verify_map(i);
    }
}

/* Advance map i's iterator a few steps (restarting it now and then),
 * checking what it returns. */
static void step_iterator(int i)
{
    int kind = i % NKINDS;
    gomap_iter *it = &iters[i];
    if (rnd() % 8 == 0) {
        gomap_iter_done(it);
        gomap_iter_init(it, maps[i]);
    }
    for (int s = 0; s < 20 && gomap_iter_next(it); s++) {
        const value *v = entry_value(kind, it->key, it->elem);
        CHECK(present[v->id]); /* an entry deleted before it is reached is not returned */
        check_value(v, v->id);
    }
}

static void stress(void)
{
    maps = GC_MALLOC(NMAPS * sizeof *maps);
    iters = GC_MALLOC(NMAPS * sizeof *iters);
    CHECK(maps != NULL && iters != NULL);
    uint64_t next[NMAPS];
    for (int i = 0; i < NMAPS; i++) {
        gomap_type t = type_of(i % NKINDS);
        maps[i] = gomap_boehm_new(&t, i % 4 == 0 ? 100 : 0);
        CHECK(maps[i] != NULL);
        gomap_iter_init(&iters[i], maps[i]);
        next[i] = (uint64_t)i * PER_MAP;
    }
    size_t growing_seen = 0, collections = 0, clears = 0;
    enum { ROUNDS = 10, BATCH = 400 };
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < NMAPS; i++) {
            int kind = i % NKINDS;
            uint64_t base = (uint64_t)i * PER_MAP;
            for (int op = 0; op < BATCH && next[i] < base + PER_MAP; op++) {
                map_put(maps[i], kind, next[i]++);
                if (op % 3 == 0) {
                    uint64_t victim = base + rnd() % (next[i] - base);
                    bool was = present[victim];
                    CHECK(map_del(maps[i], kind, victim) == was);
                }
                if (op % 151 == 0) {
                    GC_gcollect();
                    collections++;
                    gomap_stats s;
                    gomap_stats_get(maps[i], &s);
                    growing_seen += s.growing;
                }
                if (op % 50 == 0)
                    step_iterator(i);
            }
            if (round % 5 == 4 && i % 6 == round % 6) {
                gomap_clear(maps[i]);
                for (uint64_t id = base; id < next[i]; id++)
                    present[id] = 0;
                clears++;
            }
        }
        collect_and_verify(&growing_seen);
        collections++;
    }
    CHECK(growing_seen > 0); /* collections happened with growths in progress */
    CHECK(clears > 0);

    /* Values dropped from the maps are reclaimed; some may be retained a
     * while by stale copies and by conservative scanning. */
    size_t dropped = 0, dropped_fin = 0, total = 0;
    for (int i = 0; i < NMAPS; i++)
        for (uint64_t id = (uint64_t)i * PER_MAP; id < next[i]; id++) {
            total++;
            if (!present[id]) {
                dropped++;
                dropped_fin += finalized[id];
            }
        }
    printf("stress: %zu values, %zu collections (%zu with growths in progress), "
           "%zu dropped, %zu of them reclaimed\n",
           total, collections, growing_seen, dropped, dropped_fin);
    CHECK(dropped_fin * 2 >= dropped);

    for (int i = 0; i < NMAPS; i++) {
        gomap_iter_done(&iters[i]);
        gomap_free(maps[i]);
        maps[i] = NULL;
    }
    GC_gcollect();
    GC_invoke_finalizers();
    GC_gcollect();
    GC_invoke_finalizers();
    size_t fin = 0;
    for (int i = 0; i < NMAPS; i++)
        for (uint64_t id = (uint64_t)i * PER_MAP; id < next[i]; id++)
            fin += finalized[id];
    printf("stress: after freeing the maps, %zu of %zu values reclaimed\n", fin, total);
    CHECK(fin * 10 >= total * 9);
}

/* ---- Noscan buckets --------------------------------------------------------------- */

enum { NHIDDEN = 3000 };
static unsigned char hidden_fin[2][NHIDDEN];

typedef struct tracked {
    int which;
    int index;
    char pad[48];
} tracked;

static void on_tracked_finalize(void *obj, void *cd)
{
    (void)cd;
    tracked *t = obj;
    hidden_fin[t->which][t->index] = 1;
}

static gomap *noscan_map, *pointer_map;

static NOINLINE void hide_objects(void)
{
    for (int i = 0; i < NHIDDEN; i++) {
        for (int which = 0; which < 2; which++) {
            tracked *t = GC_MALLOC(sizeof *t);
            CHECK(t != NULL);
            t->which = which;
            t->index = i;
            GC_REGISTER_FINALIZER_NO_ORDER(t, on_tracked_finalize, NULL, NULL, NULL);
            uint64_t *e = gomap_assign_u64(which == 0 ? noscan_map : pointer_map, (uint64_t)i);
            CHECK(e != NULL);
            *e = (uint64_t)(uintptr_t)t;
        }
    }
}

/* Overwrite stack left over from hide_objects. */
static NOINLINE void clear_stack(void)
{
    volatile unsigned char buf[1 << 16];
    memset((unsigned char *)buf, 0, sizeof buf);
}

typedef struct kinds_seen {
    size_t atomic_buckets, scanned_buckets, scanned_other, atomic_other;
} kinds_seen;

static void note_kind(void *ctx, unsigned kind, void *ptr, size_t size, unsigned flags)
{
    (void)size;
    kinds_seen *k = ctx;
    if (kind > GOMAP_SCAN_TABLE)
        return;
    size_t gc_size = 0;
    CHECK(GC_base(ptr) == ptr);
    int gc_kind = GC_get_kind_and_size(ptr, &gc_size);
    CHECK(gc_size >= size);
    CHECK((gc_kind == GC_I_PTRFREE) == ((flags & GOMAP_ALLOC_NOSCAN) != 0));
    bool bucket = kind == GOMAP_SCAN_ARRAY || kind == GOMAP_SCAN_OVERFLOW;
    if (gc_kind == GC_I_PTRFREE)
        (bucket ? &k->atomic_buckets : &k->atomic_other)[0]++;
    else
        (bucket ? &k->scanned_buckets : &k->scanned_other)[0]++;
}

static void noscan(void)
{
    gomap_type plain = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_type flagged = plain;
    flagged.flags |= GOMAP_ELEM_POINTERS;
    noscan_map = gomap_boehm_new(&plain, 0);
    pointer_map = gomap_boehm_new(&flagged, 0);
    CHECK(noscan_map != NULL && pointer_map != NULL);
    hide_objects();

    /* The collector's own view of the blocks: atomic exactly for the
     * buckets of the pointer-free map. */
    kinds_seen a = {0}, b = {0};
    gomap_scan(noscan_map, note_kind, &a);
    gomap_scan(pointer_map, note_kind, &b);
    CHECK(a.atomic_buckets > 1 && a.scanned_buckets == 0 && a.atomic_other == 0);
    CHECK(b.atomic_buckets == 0 && b.scanned_buckets > 1 && b.atomic_other == 0);

    clear_stack();
    for (int i = 0; i < 3; i++) {
        GC_gcollect();
        GC_invoke_finalizers();
    }
    size_t fin[2] = {0, 0};
    for (int which = 0; which < 2; which++)
        for (int i = 0; i < NHIDDEN; i++)
            fin[which] += hidden_fin[which][i];
    printf("noscan: %zu atomic bucket blocks; objects hidden in them reclaimed: %zu of %d; "
           "in a map with pointers: %zu of %d\n",
           a.atomic_buckets, fin[0], NHIDDEN, fin[1], NHIDDEN);
    CHECK(fin[0] * 10 >= (size_t)NHIDDEN * 9);
    CHECK(fin[1] == 0);
    for (uint64_t i = 0; i < NHIDDEN; i++) {
        uint64_t *e = gomap_get_u64(pointer_map, i);
        CHECK(e != NULL);
        CHECK(((tracked *)(uintptr_t)*e)->index == (int)i);
        CHECK(gomap_get_u64(noscan_map, i) != NULL); /* the numbers are still there */
    }
    gomap_free(noscan_map);
    gomap_free(pointer_map);
    noscan_map = pointer_map = NULL;
}

/* ---- A malloc map as a root, through gomap_scan --------------------------------------- */

static gomap *rooted;
static GC_push_other_roots_proc previous_push;
static size_t pushed;

static void push_value(void *ctx, unsigned kind, void *ptr, size_t size, unsigned flags)
{
    (void)ctx;
    (void)flags;
    if (kind == GOMAP_SCAN_KEY || kind == GOMAP_SCAN_ELEM) {
        GC_push_all_eager(ptr, (unsigned char *)ptr + size);
        pushed++;
    }
}

static void push_rooted_map(void)
{
    if (previous_push != NULL)
        previous_push();
    gomap_scan(rooted, push_value, NULL);
}

static gomap *malloc_map;

static NOINLINE void fill_malloc_map(uint64_t from, uint64_t to)
{
    for (uint64_t id = from; id < to; id++) {
        value *v = new_value(id);
        value **e = gomap_assign_str(malloc_map, v->name, strlen(v->name));
        CHECK(e != NULL);
        *e = v;
        present[id] = 1;
    }
}

static void roots(void)
{
    enum { B = MAXID, N = NROOTED };
    gomap_type t = gomap_type_str(GOMAP_ELEM(value *));
    t.flags |= GOMAP_ELEM_POINTERS;
    malloc_map = gomap_new(&t, 0); /* malloc's heap: the collector never looks there */
    CHECK(malloc_map != NULL);
    previous_push = GC_get_push_other_roots();
    GC_set_push_other_roots(push_rooted_map);
    rooted = malloc_map;

    gomap_iter it; /* a live iterator pins old arrays across the growths */
    fill_malloc_map(B, B + 1000);
    gomap_iter_init(&it, malloc_map);
    CHECK(gomap_iter_next(&it));
    size_t growing_seen = 0;
    for (uint64_t from = B + 1000; from < B + N; from += 1000) {
        fill_malloc_map(from, from + 1000);
        for (uint64_t id = from; id < from + 1000; id += 4) {
            char buf[32];
            int n = snprintf(buf, sizeof buf, "v%llu", (unsigned long long)id);
            CHECK(gomap_delete_str(malloc_map, buf, (size_t)n));
            present[id] = 0;
        }
        gomap_stats s;
        gomap_stats_get(malloc_map, &s);
        growing_seen += s.growing;
        clear_stack();
        GC_gcollect();
        GC_invoke_finalizers();
        churn();
        for (uint64_t id = B; id < from + 1000; id++) {
            if (!present[id])
                continue;
            char buf[32];
            int n = snprintf(buf, sizeof buf, "v%llu", (unsigned long long)id);
            value **e = gomap_get_str(malloc_map, buf, (size_t)n);
            CHECK(e != NULL);
            check_value(*e, id);
        }
    }
    CHECK(growing_seen > 0);
    CHECK(pushed > 0);
    size_t dropped = 0, dropped_fin = 0;
    for (uint64_t id = B; id < B + N; id++)
        if (!present[id]) {
            dropped++;
            dropped_fin += finalized[id];
        }
    printf("roots: a malloc map of %zu values kept alive through gomap_scan; "
           "%zu of %zu deleted values reclaimed\n",
           gomap_len(malloc_map), dropped_fin, dropped);
    CHECK(dropped_fin * 2 >= dropped);

    /* Without the scan, the values are garbage. */
    gomap_iter_done(&it);
    rooted = NULL;
    clear_stack();
    GC_gcollect();
    GC_invoke_finalizers();
    size_t fin = 0;
    for (uint64_t id = B; id < B + N; id++)
        fin += present[id] && finalized[id];
    printf("roots: without the scan, %zu of %zu values reclaimed\n", fin, gomap_len(malloc_map));
    CHECK(fin * 10 >= gomap_len(malloc_map) * 9);
    GC_set_push_other_roots(previous_push);
    gomap_free(malloc_map); /* its elems now dangle; they are not touched */
}

static void bad_input(void)
{
    gomap_type t = gomap_type_u64(sizeof(uint64_t), sizeof(uint64_t));
    errno = 0;
    CHECK(gomap_boehm_new(NULL, 0) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(gomap_boehm_new_with(NULL, 0, NULL) == NULL && errno == EINVAL);
    gomap_type bad = t;
    bad.flags = 0x10u; /* no such flag */
    errno = 0;
    CHECK(gomap_boehm_new(&bad, 0) == NULL && errno == EINVAL);
    bad = t;
    bad.hash = NULL;
    errno = 0;
    CHECK(gomap_boehm_new(&bad, 0) == NULL && errno == EINVAL);
    gomap_options o = {0};
    o.flags = 0x80000000u;
    errno = 0;
    CHECK(gomap_boehm_new_with(&t, 0, &o) == NULL && errno == EINVAL);
    gomap *m = gomap_boehm_new_with(&t, 0, NULL); /* opt may be NULL */
    CHECK(m != NULL);
    gomap_free(m);
}

/* ---- A map in stack storage ------------------------------------------------------------ */

static void scan_block_in_gc_heap(void *ctx, unsigned kind, void *ptr, size_t size, unsigned flags)
{
    (void)flags;
    (void)size;
    if (kind > GOMAP_SCAN_TABLE)
        return;
    CHECK(kind != GOMAP_SCAN_HEADER); /* the header is the caller's storage */
    CHECK(GC_base(ptr) == ptr);       /* every block reported is the collector's */
    ++*(size_t *)ctx;
}

static NOINLINE void stack_storage(void)
{
    enum { B = MAXID + NROOTED };
    gomap_type t = gomap_type_u64(GOMAP_ELEM(value *));
    t.flags |= GOMAP_ELEM_POINTERS;
    gomap_allocator a = gomap_boehm_allocator();
    gomap_options opt = {&a, 0, 0};
    _Alignas(max_align_t) unsigned char buf[GOMAP_STORAGE_BYTES(8, sizeof(value *))];
    gomap *m = gomap_init(buf, sizeof buf, &t, &opt);
    CHECK(m == (gomap *)(void *)buf);
    gomap_iter it; /* started in the bucket in storage, live across the growths */
    for (uint64_t id = B; id < B + NSTACK; id++) {
        value **e = gomap_assign_u64(m, id);
        CHECK(e != NULL);
        *e = new_value(id);
        if (id == B + 5) {
            gomap_iter_init(&it, m);
            CHECK(gomap_iter_next(&it));
        }
        if (id % 50 == 0) {
            GC_gcollect();
            GC_invoke_finalizers();
        }
    }
    clear_stack();
    GC_gcollect();
    GC_invoke_finalizers();
    for (uint64_t id = B; id < B + NSTACK; id++) {
        value **e = gomap_get_u64(m, id);
        CHECK(e != NULL);
        check_value(*e, id);
    }
    size_t blocks = 0;
    gomap_scan(m, scan_block_in_gc_heap, &blocks);
    CHECK(blocks > 0);
    gomap_iter_done(&it);
    gomap_free(m);
    printf("stack_storage: %d values in a map in stack storage kept alive; %zu blocks "
           "scanned\n",
           NSTACK, blocks);
}

int main(void)
{
    GC_INIT();
    CHECK(GC_get_all_interior_pointers());
    finalized = calloc(NIDS, 1);
    present = calloc(NIDS, 1);
    CHECK(finalized != NULL && present != NULL);
    stress();
    noscan();
    roots();
    bad_input();
    stack_storage();
    printf("boehm stress: ok\n");
    return 0;
}
