/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pool.c - gomap_pool: cleared maps kept for reuse, by size class.
 *
 * Storage is preallocated when the pool is made (fixed arrays of map
 * pointers), so get and put never allocate for the pool itself. Each thread
 * slot is a small locked cache; the shared overflow and the idle ("victim")
 * generation live under one mutex.
 *
 * A retained map keeps the overflow buckets it had to allocate: before the
 * map is cleared they are unlinked, zeroed and put into its reserve, where
 * the next inserts find them. With that, refilling a pooled map to its
 * previous size allocates nothing.
 */
#include "fork.h"
#include "internal.h"

#include <gomap/pool.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define CACHE_LINE 128

typedef struct slot {
    pthread_mutex_t mu;
    unsigned *count; /* per class */
    gomap **maps;    /* class c: maps[c * per_slot ...] */
} slot;

struct gomap_pool {
    gomap_type type;
    gomap_options map_opt;
    gomap_allocator alloc;
    bool has_alloc; /* map_opt.allocator points to alloc */
    unsigned nslots, per_slot, per_shared, nclasses;
    unsigned char *slots; /* nslots records of slot_stride bytes, cache aligned */
    size_t slot_stride;
    pthread_mutex_t mu; /* shared overflow and idle generation */
    unsigned *shared_count;
    gomap **shared;
    gomap **idle;
    size_t nidle, idle_cap;
    _Atomic size_t retained;
    fork_node fork; /* every lock is taken around fork() */
    /* One allocation holds everything above the header. */
    void *block;
    size_t block_size;
};

static _Atomic unsigned next_thread_slot;
static _Thread_local unsigned thread_slot; /* 0: none yet, else slot + 1 */

static slot *slot_at(gomap_pool *p, unsigned i)
{
    return (slot *)(void *)(p->slots + (size_t)i * p->slot_stride);
}

static slot *my_slot(gomap_pool *p)
{
    unsigned s = thread_slot;
    if (s == 0) {
        s = atomic_fetch_add_explicit(&next_thread_slot, 1, memory_order_relaxed) + 1;
        if (s == 0) /* wrapped */
            s = 1;
        thread_slot = s;
    }
    return slot_at(p, (s - 1) % p->nslots);
}

/* Go's makemap: the smallest B whose buckets hold hint entries. */
static unsigned class_of_hint(size_t hint)
{
    unsigned B = 0;
    while (B < 64 && over_load_factor(hint, (uint8_t)B))
        B++;
    return B;
}

static gomap_pool *pool_of(fork_node *n)
{
    return (gomap_pool *)(void *)((char *)n - offsetof(gomap_pool, fork));
}

/* In the order trim takes them: the shared lock, then the slots. */
static void fork_lock(fork_node *n)
{
    gomap_pool *p = pool_of(n);
    pthread_mutex_lock(&p->mu);
    for (unsigned i = 0; i < p->nslots; i++)
        pthread_mutex_lock(&slot_at(p, i)->mu);
}

static void fork_unlock(fork_node *n)
{
    gomap_pool *p = pool_of(n);
    for (unsigned i = p->nslots; i-- > 0;)
        pthread_mutex_unlock(&slot_at(p, i)->mu);
    pthread_mutex_unlock(&p->mu);
}

gomap_pool *gomap_pool_new(const gomap_type *t, const gomap_pool_options *opt)
{
    gomap_pool_options o = {0};
    if (opt != NULL)
        o = *opt;
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
    if (o.max_B > 40 || o.slots > 4096 || o.per_slot > 4096 || o.shared > 65536) {
        errno = EINVAL;
        return NULL;
    }
    /* Validate the type and allocator as gomap_new does. */
    gomap *probe = gomap_new_with(t, 0, o.map_options);
    if (probe == NULL)
        return NULL;
    gomap_allocator a = probe->alloc;
    gomap_free(probe);

    unsigned nclasses = o.max_B + 1;
    size_t slot_bytes = sizeof(slot) + nclasses * sizeof(unsigned) +
                        (size_t)nclasses * o.per_slot * sizeof(gomap *);
    size_t stride = (slot_bytes + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
    size_t idle_cap = (size_t)nclasses * ((size_t)o.slots * o.per_slot + o.shared);
    size_t head = (sizeof(gomap_pool) + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
    size_t total = head + CACHE_LINE + (size_t)o.slots * stride + nclasses * sizeof(unsigned) +
                   (size_t)nclasses * o.shared * sizeof(gomap *) + idle_cap * sizeof(gomap *);
    void *block = a.alloc(a.ctx, total, GOMAP_ALLOC_ZERO);
    if (block == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    gomap_pool *p = block;
    p->block = block;
    p->block_size = total;
    p->type = *t;
    p->alloc = a;
    if (o.map_options != NULL)
        p->map_opt = *o.map_options;
    p->map_opt.allocator = &p->alloc;
    p->nslots = o.slots;
    p->per_slot = o.per_slot;
    p->per_shared = o.shared;
    p->nclasses = nclasses;
    p->slot_stride = stride;
    unsigned char *cur = (unsigned char *)block + head;
    cur += (CACHE_LINE - (uintptr_t)cur % CACHE_LINE) % CACHE_LINE;
    p->slots = cur;
    for (unsigned i = 0; i < o.slots; i++) {
        slot *s = slot_at(p, i);
        s->maps = (gomap **)(void *)(s + 1);
        s->count = (unsigned *)(void *)(s->maps + (size_t)nclasses * o.per_slot);
        if (pthread_mutex_init(&s->mu, NULL) != 0)
            abort();
    }
    cur += (size_t)o.slots * stride;
    p->shared = (gomap **)(void *)cur;
    cur += (size_t)nclasses * o.shared * sizeof(gomap *);
    p->idle = (gomap **)(void *)cur;
    p->idle_cap = idle_cap;
    cur += idle_cap * sizeof(gomap *);
    p->shared_count = (unsigned *)(void *)cur;
    if (pthread_mutex_init(&p->mu, NULL) != 0)
        abort();
    atomic_init(&p->retained, 0);
    p->fork.before = fork_lock;
    p->fork.after_parent = fork_unlock;
    p->fork.after_child = fork_unlock;
    fork_register(&p->fork);
    return p;
}

void gomap_pool_free(gomap_pool *p)
{
    if (p == NULL)
        return;
    fork_unregister(&p->fork);
    for (unsigned i = 0; i < p->nslots; i++) {
        slot *s = slot_at(p, i);
        for (unsigned c = 0; c < p->nclasses; c++)
            for (unsigned k = 0; k < s->count[c]; k++)
                gomap_free(s->maps[c * p->per_slot + k]);
        pthread_mutex_destroy(&s->mu);
    }
    for (unsigned c = 0; c < p->nclasses; c++)
        for (unsigned k = 0; k < p->shared_count[c]; k++)
            gomap_free(p->shared[c * p->per_shared + k]);
    for (size_t k = 0; k < p->nidle; k++)
        gomap_free(p->idle[k]);
    pthread_mutex_destroy(&p->mu);
    gomap_allocator a = p->alloc;
    a.free(a.ctx, p->block, p->block_size);
}

static gomap *take_from_slot(gomap_pool *p, slot *s, unsigned want)
{
    gomap *m = NULL;
    pthread_mutex_lock(&s->mu);
    for (unsigned c = want; c < p->nclasses; c++) {
        if (s->count[c] != 0) {
            m = s->maps[c * p->per_slot + --s->count[c]];
            break;
        }
    }
    pthread_mutex_unlock(&s->mu);
    return m;
}

static gomap *take_shared(gomap_pool *p, unsigned want)
{
    gomap *m = NULL;
    pthread_mutex_lock(&p->mu);
    for (unsigned c = want; c < p->nclasses && m == NULL; c++)
        if (p->shared_count[c] != 0)
            m = p->shared[c * p->per_shared + --p->shared_count[c]];
    if (m == NULL && p->nidle != 0) {
        /* The idle generation is unsorted: take the smallest that fits. */
        size_t best = SIZE_MAX;
        for (size_t k = 0; k < p->nidle; k++)
            if (p->idle[k]->B >= want && (best == SIZE_MAX || p->idle[k]->B < p->idle[best]->B))
                best = k;
        if (best != SIZE_MAX) {
            m = p->idle[best];
            p->idle[best] = p->idle[--p->nidle];
        }
    }
    pthread_mutex_unlock(&p->mu);
    return m;
}

gomap *gomap_pool_get(gomap_pool *p, size_t hint)
{
    if (p == NULL) {
        errno = EINVAL;
        return NULL;
    }
    unsigned want = class_of_hint(hint);
    if (want < p->nclasses) {
        gomap *m = take_from_slot(p, my_slot(p), want);
        if (m == NULL)
            m = take_shared(p, want);
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
                block_hdr *h = (block_hdr *)(void *)(o - t->top_off - HDR_SIZE);
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

static bool push_slot(gomap_pool *p, slot *s, gomap *m)
{
    unsigned c = m->B;
    bool ok = false;
    pthread_mutex_lock(&s->mu);
    if (s->count[c] < p->per_slot) {
        s->maps[c * p->per_slot + s->count[c]++] = m;
        ok = true;
    }
    pthread_mutex_unlock(&s->mu);
    return ok;
}

static bool push_shared(gomap_pool *p, gomap *m)
{
    unsigned c = m->B;
    bool ok = false;
    pthread_mutex_lock(&p->mu);
    if (p->shared_count[c] < p->per_shared) {
        p->shared[c * p->per_shared + p->shared_count[c]++] = m;
        ok = true;
    }
    pthread_mutex_unlock(&p->mu);
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
    if (!same_type(&m->t.user, &p->type) || m->alloc.alloc != p->alloc.alloc ||
        m->alloc.free != p->alloc.free || m->alloc.ctx != p->alloc.ctx || iterators_live(m) ||
        m->B >= p->nclasses || m->in_storage) {
        gomap_free(m);
        return;
    }
    keep_overflow(m);
    gomap_clear(m);
    if (push_slot(p, my_slot(p), m) || push_shared(p, m))
        atomic_fetch_add_explicit(&p->retained, 1, memory_order_relaxed);
    else
        gomap_free(m);
}

void gomap_pool_trim(gomap_pool *p)
{
    if (p == NULL) {
        errno = EINVAL;
        return;
    }
    pthread_mutex_lock(&p->mu);
    size_t freed = p->nidle;
    for (size_t k = 0; k < p->nidle; k++)
        gomap_free(p->idle[k]);
    p->nidle = 0;
    for (unsigned i = 0; i < p->nslots; i++) {
        slot *s = slot_at(p, i);
        pthread_mutex_lock(&s->mu);
        for (unsigned c = 0; c < p->nclasses; c++) {
            for (unsigned k = 0; k < s->count[c]; k++)
                p->idle[p->nidle++] = s->maps[c * p->per_slot + k];
            s->count[c] = 0;
        }
        pthread_mutex_unlock(&s->mu);
    }
    for (unsigned c = 0; c < p->nclasses; c++) {
        for (unsigned k = 0; k < p->shared_count[c]; k++)
            p->idle[p->nidle++] = p->shared[c * p->per_shared + k];
        p->shared_count[c] = 0;
    }
    atomic_fetch_sub_explicit(&p->retained, freed, memory_order_relaxed);
    pthread_mutex_unlock(&p->mu);
}

size_t gomap_pool_retained(gomap_pool *p)
{
    if (p == NULL) {
        errno = EINVAL;
        return 0;
    }
    return atomic_load_explicit(&p->retained, memory_order_relaxed);
}
