/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pool.c - gomap_pool: cleared maps kept for reuse, by size class.
 *
 * Storage is preallocated when the pool is made (fixed arrays of map
 * pointers), so get and put never allocate for the pool itself. Each thread
 * slot is a small locked cache, and so are the shared overflow behind them
 * and the idle ("victim") generation, whose capacity is all of theirs.
 *
 * A retained map keeps the overflow buckets it had to allocate: before the
 * map is cleared they are unlinked, zeroed and put into its reserve, where
 * the next inserts find them. With that, refilling a pooled map to its
 * previous size allocates nothing.
 */
#include "errors.h"
#include "fork.h"
#include "internal.h"

#include <gomap/pool.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define CACHE_LINE 128

typedef struct slot {
    pthread_mutex_t mu;
    unsigned cap;    /* maps per class */
    gomap **maps;    /* class c: maps[c * cap ...] */
    unsigned *count; /* per class */
} slot;

struct gomap_pool {
    gomap_type type;
    gomap_options map_opt;
    gomap_allocator alloc;
    unsigned nslots, nclasses;
    /* Slots of slot_stride bytes, cache aligned: the idle generation
     * (slot 0, its arrays after the last slot), nslots thread slots, the
     * shared overflow (slot nslots + 1). */
    unsigned char *slots;
    size_t slot_stride;
    _Atomic size_t retained;
    fork_node fork;    /* every slot's lock is taken around fork() */
    size_t block_size; /* one allocation holds the pool and everything above */
};

enum { IDLE_SLOT = 0 };

static _Atomic unsigned next_thread_slot;
#define NO_SLOT UINT_MAX
static _Thread_local unsigned thread_slot = NO_SLOT; /* none yet */

static slot *slot_at(gomap_pool *p, unsigned i)
{
    return (slot *)(void *)(p->slots + (size_t)i * p->slot_stride);
}

static slot *shared_slot(gomap_pool *p)
{
    return slot_at(p, p->nslots + 1);
}

static slot *my_slot(gomap_pool *p)
{
    /* (A thread that draws NO_SLOT itself draws again next time.) */
    if (thread_slot == NO_SLOT)
        thread_slot = atomic_fetch_add_explicit(&next_thread_slot, 1, memory_order_relaxed);
    return slot_at(p, 1 + thread_slot % p->nslots);
}

/* Go's makemap: the smallest B whose buckets hold hint entries. */
static unsigned class_of_hint(size_t hint)
{
    unsigned B = 0;
    while (B < 64 && over_load_factor(hint, (uint8_t)B))
        B++;
    return B;
}

static size_t cache_round(size_t n)
{
    return (n + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
}

/* A slot holding cap maps of each of nclasses classes: its bytes with
 * its arrays, and making one with its arrays at `arrays`. */
static size_t slot_bytes(unsigned nclasses, unsigned cap)
{
    return cache_round(sizeof(slot) + (size_t)nclasses * cap * sizeof(gomap *) +
                       nclasses * sizeof(unsigned));
}

static void slot_init(slot *s, unsigned nclasses, unsigned cap, void *arrays)
{
    s->cap = cap;
    s->maps = arrays;
    s->count = (unsigned *)(void *)(s->maps + (size_t)nclasses * cap);
    lock_init(&s->mu);
}

gomap_pool *gomap_pool_new(const gomap_type *t, const gomap_pool_options *opt)
{
    gomap_pool_options o = opt != NULL ? *opt : (gomap_pool_options){0};
    if (o.slots == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        o.slots = cpus > 0 && cpus < 512 ? 2 * (unsigned)cpus : 8;
    }
    if (o.per_slot == 0)
        o.per_slot = 4;
    if (o.shared == 0)
        o.shared = 32;
    if (o.max_B == 0)
        o.max_B = 10;
    if (bad_input(o.max_B > 40 || o.slots > 4096 || o.per_slot > 4096 || o.shared > 65536))
        return NULL;
    /* Validate the type and allocator as gomap_new does. */
    gomap *probe = gomap_new_with(t, 0, o.map_options);
    if (probe == NULL)
        return NULL;
    gomap_allocator a = probe->alloc;
    gomap_free(probe);

    unsigned nclasses = o.max_B + 1;
    size_t stride = slot_bytes(nclasses, o.per_slot);
    unsigned idle_cap = o.slots * o.per_slot + o.shared;
    size_t head = cache_round(sizeof(gomap_pool)) + CACHE_LINE; /* + alignment */
    size_t total = head + ((size_t)o.slots + 1) * stride + slot_bytes(nclasses, o.shared) +
                   slot_bytes(nclasses, idle_cap);
    gomap_pool *p = alloc_zeroed(&a, total);
    if (p == NULL)
        return NULL;
    p->block_size = total;
    p->type = *t;
    p->alloc = a;
    if (o.map_options != NULL)
        p->map_opt = *o.map_options;
    p->map_opt.allocator = &p->alloc;
    p->nslots = o.slots;
    p->nclasses = nclasses;
    p->slot_stride = stride;
    p->slots = (unsigned char *)p + head - (uintptr_t)((unsigned char *)p + head) % CACHE_LINE;
    for (unsigned i = 1; i <= o.slots + 1; i++) {
        slot *s = slot_at(p, i);
        slot_init(s, nclasses, i <= o.slots ? o.per_slot : o.shared, s + 1);
    }
    slot_init(slot_at(p, IDLE_SLOT), nclasses, idle_cap,
              (unsigned char *)shared_slot(p) + slot_bytes(nclasses, o.shared));
    atomic_init(&p->retained, 0);
    /* In the order trim takes them: the idle generation's first. */
    p->fork = (fork_node){.mu = &slot_at(p, IDLE_SLOT)->mu, .nmu = o.slots + 2, .stride = stride};
    fork_register(&p->fork);
    return p;
}

void gomap_pool_free(gomap_pool *p)
{
    if (p == NULL)
        return;
    fork_unregister(&p->fork);
    /* The first trim moves every retained map to the idle generation, the
     * second frees them. */
    gomap_pool_trim(p);
    gomap_pool_trim(p);
    for (unsigned i = 0; i <= p->nslots + 1; i++)
        pthread_mutex_destroy(&slot_at(p, i)->mu);
    alloc_free(p->alloc, p, p->block_size);
}

/* A map of class want or larger from s. */
static gomap *slot_take(gomap_pool *p, slot *s, unsigned want)
{
    gomap *m = NULL;
    pthread_mutex_lock(&s->mu);
    for (unsigned c = want; c < p->nclasses && m == NULL; c++)
        if (s->count[c] != 0)
            m = s->maps[c * s->cap + --s->count[c]];
    pthread_mutex_unlock(&s->mu);
    return m;
}

gomap *gomap_pool_get(gomap_pool *p, size_t hint)
{
    if (bad_input(p == NULL))
        return NULL;
    unsigned want = class_of_hint(hint);
    if (want < p->nclasses) {
        gomap *m = slot_take(p, my_slot(p), want);
        if (m == NULL)
            m = slot_take(p, shared_slot(p), want);
        if (m == NULL)
            m = slot_take(p, slot_at(p, IDLE_SLOT), want);
        if (m != NULL) {
            atomic_fetch_sub_explicit(&p->retained, 1, memory_order_relaxed);
            return m;
        }
    }
    return gomap_new_with(&p->type, hint, &p->map_opt);
}

static bool same_type(const gomap_type *a, const gomap_type *b)
{
    return a->key_size == b->key_size && a->key_align == b->key_align &&
           a->elem_size == b->elem_size && a->elem_align == b->elem_align && a->hash == b->hash &&
           a->equal == b->equal && a->flags == b->flags && a->key_drop == b->key_drop &&
           a->elem_drop == b->elem_drop;
}

/* Move the map's individually allocated overflow buckets into its reserve
 * (zeroed), so that gomap_clear keeps them. Only for a map that is not
 * growing and stores keys and elems inline (nothing else to release). */
static void keep_overflow(gomap *m)
{
    const maptype *t = &m->t;
    if (m->heap_ovf_cur == 0 || m->oldbuckets != NULL || t->indirect_key || t->indirect_elem)
        return;
    size_t nb = bucket_shift(m->B);
    for (size_t j = 0; j < nb && m->heap_ovf_cur > 0; j++) {
        bmap *prev = main_bucket(t, m->buckets, j).b;
        for (bmap *o = overflow_of(t, prev); o != NULL;) {
            bmap *next = overflow_of(t, o);
            if (array_contains(t, m->buckets, nb, o)) {
                prev = o;
            } else {
                set_overflow(t, prev, next);
                memset(o - t->top_off, 0, t->bucketsize);
                block_hdr *h = ovf_block_of(t, o);
                h->next = m->reserve;
                m->reserve = h;
                m->nreserve++;
                m->heap_ovf_cur--;
                m->ovf_cur--;
            }
            o = next;
        }
    }
}

static bool slot_push(slot *s, gomap *m)
{
    pthread_mutex_lock(&s->mu);
    bool ok = s->count[m->B] < s->cap;
    if (ok)
        s->maps[m->B * s->cap + s->count[m->B]++] = m;
    pthread_mutex_unlock(&s->mu);
    return ok;
}

void gomap_pool_put(gomap_pool *p, gomap *m)
{
    if (p == NULL) {
        /* m was handed over all the same: a put the pool declines frees it. */
        gomap_free(m);
        errno = EINVAL;
        return;
    }
    if (m == NULL)
        return;
    if (!same_type(&m->t.user, &p->type) || memcmp(&m->alloc, &p->alloc, sizeof p->alloc) != 0 ||
        iterators_live(m) || m->B >= p->nclasses || m->in_storage) {
        gomap_free(m);
        return;
    }
    keep_overflow(m);
    gomap_clear(m);
    if (slot_push(my_slot(p), m) || slot_push(shared_slot(p), m))
        atomic_fetch_add_explicit(&p->retained, 1, memory_order_relaxed);
    else
        gomap_free(m);
}

void gomap_pool_trim(gomap_pool *p)
{
    if (bad_input(p == NULL))
        return;
    slot *idle = slot_at(p, IDLE_SLOT);
    pthread_mutex_lock(&idle->mu);
    size_t freed = 0;
    for (unsigned c = 0; c < p->nclasses; c++) {
        for (unsigned k = 0; k < idle->count[c]; k++)
            gomap_free(idle->maps[c * idle->cap + k]);
        freed += idle->count[c];
        idle->count[c] = 0;
    }
    /* Its capacity per class is the slots' together. */
    for (unsigned i = 1; i <= p->nslots + 1; i++) {
        slot *s = slot_at(p, i);
        pthread_mutex_lock(&s->mu);
        for (unsigned c = 0; c < p->nclasses; c++) {
            for (unsigned k = 0; k < s->count[c]; k++)
                idle->maps[c * idle->cap + idle->count[c]++] = s->maps[c * s->cap + k];
            s->count[c] = 0;
        }
        pthread_mutex_unlock(&s->mu);
    }
    atomic_fetch_sub_explicit(&p->retained, freed, memory_order_relaxed);
    pthread_mutex_unlock(&idle->mu);
}

size_t gomap_pool_retained(gomap_pool *p)
{
    if (bad_input(p == NULL))
        return 0;
    return atomic_load_explicit(&p->retained, memory_order_relaxed);
}
