/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sync.c - gomap_sync, Go's sync.Map (sync/map.go, Go 1.19, plus Go 1.20's
 * Swap, CompareAndSwap and CompareAndDelete) over gomap.
 *
 * State:
 *  - `read`: an immutable readonly {map, amended} published with a release
 *    store and read without locks. Its map (key -> entry *) is never written
 *    after publication, so any number of threads may look keys up in it at
 *    once (a gomap lookup writes nothing).
 *  - `dirty`: under `mu`; when non-NULL it holds every non-expunged entry
 *    of read.map plus the keys added since, sharing the same entries.
 *  - entry.p: the value, changed with atomic CAS. NULL = deleted, EXPUNGED
 *    = deleted and absent from dirty (dirty non-NULL), NIL_VALUE = a stored
 *    NULL value. Values are the caller's pointers themselves, not boxes, so
 *    a store never allocates.
 *
 * Reclamation (src/rcu.h): every operation runs inside an RCU read-side
 * section. Memory is unlinked only under `mu` and freed after a grace
 * period by one record per replaced readonly:
 *  - the readonly itself;
 *  - its map, when the readonly was the last one using it (promotion);
 *  - the entries that map held which were expunged and stayed so until the
 *    promotion (they are in no later map), and the entries that
 *    load_and_delete removed from dirty since the last promotion.
 * A promotion's readonly is allocated when the dirty map is built, so a
 * promotion (which a load may trigger) never allocates.
 */
#include "fork.h"
#include "internal.h"
#include "rcu.h"

#include <gomap/sync.h>

#include <errno.h>
#include <pthread.h>

typedef struct entry {
    _Atomic(void *) p;
    struct entry *link; /* under mu: on the expunged list or the dead list */
} entry;

typedef struct readonly {
    gomap *map; /* key -> entry *; NULL: no key yet */
    bool amended;
    bool owns_map; /* set when retired: the map goes with it */
    entry *dead;   /* set when retired: entries to free with it */
    gomap_allocator alloc;
    rcu_ticket ticket;            /* set when retired */
    struct readonly *retire_next; /* on gomap_sync.retiring */
    struct rcu_head rcu;
} readonly;

struct gomap_sync {
    _Atomic(readonly *) read;
    rcu_inflight inflight; /* retired records not yet reclaimed */
    /* Under mu: records replaced but not yet handed to call_rcu. That is
     * done by the operation that replaced them once it holds neither mu nor
     * a read-side section: a fork handler holds liburcu's locks while it
     * waits for mu, and waits for a grace period (which waits for every
     * read-side section) while call_rcu may wait for it. */
    readonly *retiring;
    _Atomic ptrdiff_t len; /* may dip below 0 while a store and a delete race */
    pthread_mutex_t mu;
    /* Under mu: */
    gomap *dirty;
    size_t misses;
    readonly *promoted; /* {dirty, false}, ready for the next promotion */
    entry *expunged;    /* entries expunged when dirty was built */
    entry *dead;        /* entries removed from dirty since the last promotion */
    /* Constant: */
    gomap_type etype; /* the key type, elem = entry * */
    gomap_options opt;
    gomap_allocator alloc;
    bool str_keys;  /* the str kind: keys are checked as its fast paths do */
    fork_node fork; /* mu is taken around fork() */
};

/* Private addresses that no caller's value can be. */
static const char expunged_mark, nil_value_mark;
#define EXPUNGED  ((void *)&expunged_mark)
#define NIL_VALUE ((void *)&nil_value_mark)

#ifdef GOMAP_TSAN
char rcu_tsan_order;
#endif

static void *enc(void *v)
{
    return v != NULL ? v : NIL_VALUE;
}

static void *dec(void *p)
{
    return p != NIL_VALUE ? p : NULL;
}

static bool live(const void *p)
{
    return p != NULL && p != EXPUNGED;
}

/* ---- Allocation ------------------------------------------------------------- */

static void *sync_alloc(const gomap_allocator *a, size_t size)
{
    void *p = a->alloc(a->ctx, size, GOMAP_ALLOC_ZERO);
    if (p == NULL)
        errno = ENOMEM;
    return p;
}

static entry *entry_new(gomap_sync *m, void *value)
{
    entry *e = sync_alloc(&m->alloc, sizeof *e);
    if (e != NULL)
        atomic_init(&e->p, enc(value));
    return e;
}

static void entry_free(const gomap_allocator *a, entry *e)
{
    a->free(a->ctx, e, sizeof *e);
}

static void entry_list_free(const gomap_allocator *a, entry *e)
{
    while (e != NULL) {
        entry *next = e->link;
        entry_free(a, e);
        e = next;
    }
}

static readonly *readonly_new(gomap_sync *m, gomap *map, bool amended)
{
    readonly *r = sync_alloc(&m->alloc, sizeof *r);
    if (r != NULL) {
        r->map = map;
        r->amended = amended;
        r->alloc = m->alloc;
    }
    return r;
}

static void readonly_free(readonly *r)
{
    gomap_allocator a = r->alloc;
    a.free(a.ctx, r, sizeof *r);
}

static void reclaim(struct rcu_head *head)
{
    rcu_reclaiming(head);
    readonly *r = caa_container_of(head, readonly, rcu);
    rcu_ticket ticket = r->ticket;
    if (r->owns_map)
        gomap_free(r->map);
    entry_list_free(&r->alloc, r->dead);
    readonly_free(r);
    rcu_reclaimed(ticket);
}

/* ---- Entries (Go's entry methods) ------------------------------------------- */

static void count_added(gomap_sync *m)
{
    atomic_fetch_add_explicit(&m->len, 1, memory_order_relaxed);
}

static void count_removed(gomap_sync *m)
{
    atomic_fetch_sub_explicit(&m->len, 1, memory_order_relaxed);
}

static bool entry_load(entry *e, void **value)
{
    void *p = atomic_load_explicit(&e->p, memory_order_acquire);
    if (!live(p))
        return false;
    if (value != NULL)
        *value = dec(p);
    return true;
}

/* Swap unless expunged; *prev is the old p (NULL: was deleted). */
static bool entry_try_swap(gomap_sync *m, entry *e, void *value, void **prev)
{
    void *p = atomic_load_explicit(&e->p, memory_order_acquire);
    for (;;) {
        if (p == EXPUNGED)
            return false;
        if (atomic_compare_exchange_weak_explicit(&e->p, &p, enc(value), memory_order_acq_rel,
                                                  memory_order_acquire)) {
            if (p == NULL)
                count_added(m);
            *prev = p;
            return true;
        }
    }
}

/* Under mu, e known not expunged. */
static void *entry_swap_locked(gomap_sync *m, entry *e, void *value)
{
    void *p = atomic_exchange_explicit(&e->p, enc(value), memory_order_acq_rel);
    if (p == NULL)
        count_added(m);
    return p;
}

/* Under mu: expunged -> deleted; the caller has put e into dirty. */
static bool entry_unexpunge_locked(entry *e)
{
    void *p = EXPUNGED;
    return atomic_compare_exchange_strong_explicit(&e->p, &p, NULL, memory_order_acq_rel,
                                                   memory_order_acquire);
}

/* Returns false only if e is expunged. */
static bool entry_try_load_or_store(gomap_sync *m, entry *e, void *value, void **actual,
                                    bool *loaded)
{
    void *p = atomic_load_explicit(&e->p, memory_order_acquire);
    for (;;) {
        if (p == EXPUNGED)
            return false;
        if (p != NULL) {
            *actual = dec(p);
            *loaded = true;
            return true;
        }
        if (atomic_compare_exchange_weak_explicit(&e->p, &p, enc(value), memory_order_acq_rel,
                                                  memory_order_acquire)) {
            count_added(m);
            *actual = value;
            *loaded = false;
            return true;
        }
    }
}

static bool entry_delete(gomap_sync *m, entry *e, void **value)
{
    void *p = atomic_load_explicit(&e->p, memory_order_acquire);
    for (;;) {
        if (!live(p))
            return false;
        if (atomic_compare_exchange_weak_explicit(&e->p, &p, NULL, memory_order_acq_rel,
                                                  memory_order_acquire)) {
            count_removed(m);
            if (value != NULL)
                *value = dec(p);
            return true;
        }
    }
}

static bool entry_compare_and_swap(entry *e, void *old, void *new_value)
{
    void *want = enc(old);
    void *p = atomic_load_explicit(&e->p, memory_order_acquire);
    while (p == want) {
        if (atomic_compare_exchange_weak_explicit(&e->p, &p, enc(new_value), memory_order_acq_rel,
                                                  memory_order_acquire))
            return true;
    }
    return false;
}

static bool entry_compare_and_delete(gomap_sync *m, entry *e, void *old)
{
    void *want = enc(old);
    void *p = atomic_load_explicit(&e->p, memory_order_acquire);
    while (p == want) {
        if (atomic_compare_exchange_weak_explicit(&e->p, &p, NULL, memory_order_acq_rel,
                                                  memory_order_acquire)) {
            count_removed(m);
            return true;
        }
    }
    return false;
}

/* Under mu, dirty being built: deleted -> expunged. True if e is expunged. */
static bool entry_try_expunge_locked(entry *e)
{
    void *p = atomic_load_explicit(&e->p, memory_order_acquire);
    while (p == NULL) {
        if (atomic_compare_exchange_weak_explicit(&e->p, &p, EXPUNGED, memory_order_acq_rel,
                                                  memory_order_acquire))
            return true;
    }
    return p == EXPUNGED;
}

/* ---- Maps ----------------------------------------------------------------------- */

static entry *find(const gomap *map, const void *key)
{
    void *slot = gomap_get(map, key);
    return slot != NULL ? load_ptr(slot) : NULL;
}

static readonly *load_read(gomap_sync *m)
{
    return atomic_load_explicit(&m->read, memory_order_acquire);
}

/* Under mu: replace read, retiring the old readonly with what goes with it. */
static void publish_locked(gomap_sync *m, readonly *next, bool old_map_dies, entry *dead)
{
    readonly *old = atomic_exchange_explicit(&m->read, next, memory_order_acq_rel);
    old->owns_map = old_map_dies;
    old->dead = dead;
    old->retire_next = m->retiring;
    m->retiring = old;
}

/* Unlocks mu, returning what was retired under it (see retiring). */
static readonly *unlock_taking_retired(gomap_sync *m)
{
    readonly *r = m->retiring;
    m->retiring = NULL;
    pthread_mutex_unlock(&m->mu);
    return r;
}

/* Leave the read-side section, then (outside mu and any section) hand the
 * records unlock_taking_retired returned to call_rcu. */
static void leave_and_retire(gomap_sync *m, readonly *r)
{
    rcu_leave();
    while (r != NULL) {
        readonly *next = r->retire_next;
        rcu_retire_counted(&r->rcu, reclaim, &m->inflight, &r->ticket);
        r = next;
    }
}

/* Go's missLocked plus the promotion it may trigger. */
static void promote_locked(gomap_sync *m)
{
    /* Entries expunged when dirty was built and not revived since are in
     * no map from now on. */
    entry *dead = m->dead;
    for (entry *e = m->expunged, *next; e != NULL; e = next) {
        next = e->link;
        if (atomic_load_explicit(&e->p, memory_order_acquire) == EXPUNGED) {
            e->link = dead;
            dead = e;
        } else {
            e->link = NULL;
        }
    }
    readonly *next = m->promoted;
    m->promoted = NULL;
    m->expunged = NULL;
    m->dead = NULL;
    m->dirty = NULL;
    m->misses = 0;
    publish_locked(m, next, true, dead);
}

static void miss_locked(gomap_sync *m)
{
    if (++m->misses < gomap_len(m->dirty))
        return;
    promote_locked(m);
}

/* Undo a dirty build that could not finish: nothing observable changed. */
static void dirty_discard_locked(gomap_sync *m)
{
    for (entry *e = m->expunged, *next; e != NULL; e = next) {
        next = e->link;
        e->link = NULL;
        atomic_store_explicit(&e->p, NULL, memory_order_release);
    }
    m->expunged = NULL;
    gomap_free(m->dirty);
    m->dirty = NULL;
    if (m->promoted != NULL) {
        readonly_free(m->promoted);
        m->promoted = NULL;
    }
}

/* Go's dirtyLocked: copy read's live entries into a new dirty map,
 * expunging the deleted ones. 0 or ENOMEM with nothing changed. */
static int dirty_build_locked(gomap_sync *m, readonly *r)
{
    m->dirty = gomap_new_with(&m->etype, gomap_len(r->map), &m->opt);
    if (m->dirty == NULL)
        return ENOMEM;
    m->promoted = readonly_new(m, m->dirty, false);
    if (m->promoted == NULL)
        goto fail;
    if (r->map != NULL) {
        gomap_iter it;
        for (gomap_iter_init(&it, r->map); gomap_iter_next(&it);) {
            entry *e = load_ptr(it.elem);
            if (entry_try_expunge_locked(e)) {
                e->link = m->expunged;
                m->expunged = e;
                continue;
            }
            void *slot = gomap_assign(m->dirty, it.key);
            if (slot == NULL) {
                gomap_iter_done(&it);
                goto fail;
            }
            store_ptr(slot, e);
        }
    }
    return 0;
fail:
    dirty_discard_locked(m);
    errno = ENOMEM;
    return ENOMEM;
}

/* Under mu, key in neither map: add it with value. 0 or ENOMEM, nothing
 * changed. */
static int add_locked(gomap_sync *m, readonly *r, const void *key, void *value)
{
    entry *e = entry_new(m, value);
    if (e == NULL)
        return ENOMEM;
    readonly *amended = NULL;
    bool built = false;
    if (!r->amended) {
        amended = readonly_new(m, r->map, true);
        if (amended == NULL)
            goto fail;
        if (m->dirty == NULL) {
            if (dirty_build_locked(m, r) != 0)
                goto fail;
            built = true;
        }
    }
    void *slot = gomap_assign(m->dirty, key);
    if (slot == NULL) {
        if (built)
            dirty_discard_locked(m);
        goto fail;
    }
    store_ptr(slot, e);
    count_added(m);
    if (amended != NULL)
        publish_locked(m, amended, false, NULL);
    return 0;
fail:
    if (amended != NULL)
        readonly_free(amended);
    entry_free(&m->alloc, e);
    errno = ENOMEM;
    return ENOMEM;
}

/* Under mu, e from read.map: if it is expunged, put it back into dirty so
 * that it can hold a value again. 0 or ENOMEM with nothing changed. */
static int revive_locked(gomap_sync *m, entry *e, const void *key)
{
    if (atomic_load_explicit(&e->p, memory_order_acquire) != EXPUNGED)
        return 0;
    /* Only this thread (holding mu) changes an expunged entry, so the slot
     * can be made first and the entry revived once that cannot fail. */
    void *slot = gomap_assign(m->dirty, key);
    if (slot == NULL)
        return ENOMEM;
    store_ptr(slot, e);
    entry_unexpunge_locked(e);
    return 0;
}

/* ---- fork() ---------------------------------------------------------------------- */

static void fork_lock(fork_node *n)
{
    pthread_mutex_lock(&caa_container_of(n, gomap_sync, fork)->mu);
}

static void fork_unlock(fork_node *n)
{
    pthread_mutex_unlock(&caa_container_of(n, gomap_sync, fork)->mu);
}

/* ---- Public API -------------------------------------------------------------------- */

/* Bad input: a NULL map, a NULL key of a type whose keys have bytes, or a
 * str key the maps could not read. Sets errno = EINVAL. */
static bool refused(const gomap_sync *m, const void *key)
{
    bool bad;
    if (UNLIKELY(m == NULL))
        bad = true;
    else if (UNLIKELY(key == NULL))
        bad = m->etype.key_size != 0;
    else if (m->str_keys) {
        gomap_str s = load_str(key);
        bad = str_invalid(s.ptr, s.len);
    } else
        bad = false;
    if (UNLIKELY(bad))
        errno = EINVAL;
    return bad;
}

gomap_sync *gomap_sync_new_with(const gomap_type *key_type, const gomap_options *opt)
{
    if (key_type == NULL) {
        errno = EINVAL;
        return NULL;
    }
    /* A key is held by the read map and the dirty map at once, so neither
     * could drop it (an owned string kind is fine: each map copies its
     * keys). The elem fields, elem_drop included, are the sync map's. */
    if (key_type->key_drop != NULL) {
        errno = EINVAL;
        return NULL;
    }
    gomap_type et = *key_type;
    et.elem_size = sizeof(entry *);
    et.elem_align = _Alignof(entry *);
    et.elem_drop = NULL;
    et.flags |= GOMAP_ELEM_POINTERS;
    /* Validate the type (and the allocator) the way gomap_new does. */
    gomap *probe = gomap_new_with(&et, 0, opt);
    if (probe == NULL)
        return NULL;
    gomap_allocator alloc = probe->alloc;
    gomap_free(probe);
    gomap_sync *m = sync_alloc(&alloc, sizeof *m);
    if (m == NULL)
        return NULL;
    m->etype = et;
    m->str_keys = is_str_kind(kind_of_type(&et));
    m->alloc = alloc;
    if (opt != NULL)
        m->opt = *opt;
    m->opt.allocator = &m->alloc;
    atomic_init(&m->len, 0);
    readonly *r = readonly_new(m, NULL, false);
    if (r == NULL) {
        alloc.free(alloc.ctx, m, sizeof *m);
        return NULL;
    }
    atomic_init(&m->read, r);
    if (pthread_mutex_init(&m->mu, NULL) != 0) {
        readonly_free(r);
        alloc.free(alloc.ctx, m, sizeof *m);
        errno = ENOMEM;
        return NULL;
    }
    m->fork.inflight = &m->inflight;
    m->fork.before = fork_lock;
    m->fork.after_parent = fork_unlock;
    m->fork.after_child = fork_unlock;
    fork_register(&m->fork);
    return m;
}

gomap_sync *gomap_sync_new(const gomap_type *key_type)
{
    return gomap_sync_new_with(key_type, NULL);
}

static void free_entries(gomap_sync *m, gomap *map, bool only_expunged)
{
    if (map == NULL)
        return;
    gomap_iter it;
    for (gomap_iter_init(&it, map); gomap_iter_next(&it);) {
        entry *e = load_ptr(it.elem);
        if (!only_expunged || atomic_load_explicit(&e->p, memory_order_relaxed) == EXPUNGED)
            entry_free(&m->alloc, e);
    }
}

void gomap_sync_free(gomap_sync *m)
{
    if (m == NULL)
        return;
    fork_unregister(&m->fork);
    /* Retired records use the allocator: let them finish. */
    rcu_wait_reclaimed(&m->inflight);
    readonly *r = load_read(m);
    if (m->dirty != NULL) {
        /* Every entry of read.map is in dirty unless expunged. */
        free_entries(m, r->map, true);
        free_entries(m, m->dirty, false);
        gomap_free(m->dirty);
        readonly_free(m->promoted);
    } else {
        free_entries(m, r->map, false);
    }
    entry_list_free(&m->alloc, m->dead);
    gomap_free(r->map);
    readonly_free(r);
    pthread_mutex_destroy(&m->mu);
    gomap_allocator a = m->alloc;
    a.free(a.ctx, m, sizeof *m);
}

/* The entry of key: from the read map without a lock, else (when the dirty
 * map has keys the read map lacks) from either under the mutex, counting a
 * miss. Call inside a read-side critical section. */
static entry *lookup_entry(gomap_sync *m, const void *key, readonly **retired)
{
    readonly *r = load_read(m);
    entry *e = find(r->map, key);
    if (e == NULL && r->amended) {
        pthread_mutex_lock(&m->mu);
        r = load_read(m);
        e = find(r->map, key);
        if (e == NULL && r->amended) {
            e = find(m->dirty, key);
            miss_locked(m);
        }
        *retired = unlock_taking_retired(m);
    }
    return e;
}

bool gomap_sync_load(gomap_sync *m, const void *key, void **value)
{
    if (refused(m, key))
        return false;
    readonly *retired = NULL;
    rcu_enter();
    entry *e = lookup_entry(m, key, &retired);
    bool ok = e != NULL && entry_load(e, value);
    leave_and_retire(m, retired);
    return ok;
}

int gomap_sync_swap(gomap_sync *m, const void *key, void *value, void **previous, bool *loaded)
{
    if (refused(m, key))
        return EINVAL;
    readonly *retired = NULL;
    rcu_enter();
    readonly *r = load_read(m);
    entry *e = find(r->map, key);
    void *prev = NULL;
    int err = 0;
    if (e == NULL || !entry_try_swap(m, e, value, &prev)) {
        pthread_mutex_lock(&m->mu);
        r = load_read(m);
        if ((e = find(r->map, key)) != NULL) {
            if ((err = revive_locked(m, e, key)) == 0)
                prev = entry_swap_locked(m, e, value);
        } else if ((e = find(m->dirty, key)) != NULL) {
            prev = entry_swap_locked(m, e, value);
        } else {
            err = add_locked(m, r, key, value);
        }
        retired = unlock_taking_retired(m);
    }
    leave_and_retire(m, retired);
    if (err != 0) {
        errno = err;
        return err;
    }
    if (previous != NULL)
        *previous = live(prev) ? dec(prev) : NULL;
    if (loaded != NULL)
        *loaded = live(prev);
    return 0;
}

int gomap_sync_store(gomap_sync *m, const void *key, void *value)
{
    return gomap_sync_swap(m, key, value, NULL, NULL);
}

int gomap_sync_load_or_store(gomap_sync *m, const void *key, void *value, void **actual,
                             bool *loaded)
{
    if (refused(m, key))
        return EINVAL;
    void *act = NULL;
    bool ld = false;
    int err = 0;
    readonly *retired = NULL;
    rcu_enter();
    readonly *r = load_read(m);
    entry *e = find(r->map, key);
    if (e == NULL || !entry_try_load_or_store(m, e, value, &act, &ld)) {
        pthread_mutex_lock(&m->mu);
        r = load_read(m);
        if ((e = find(r->map, key)) != NULL) {
            if ((err = revive_locked(m, e, key)) == 0)
                entry_try_load_or_store(m, e, value, &act, &ld);
        } else if ((e = find(m->dirty, key)) != NULL) {
            entry_try_load_or_store(m, e, value, &act, &ld);
            miss_locked(m);
        } else if ((err = add_locked(m, r, key, value)) == 0) {
            act = value;
            ld = false;
        }
        retired = unlock_taking_retired(m);
    }
    leave_and_retire(m, retired);
    if (err != 0) {
        errno = err;
        return err;
    }
    if (actual != NULL)
        *actual = act;
    if (loaded != NULL)
        *loaded = ld;
    return 0;
}

bool gomap_sync_load_and_delete(gomap_sync *m, const void *key, void **value)
{
    if (refused(m, key))
        return false;
    readonly *retired = NULL;
    rcu_enter();
    readonly *r = load_read(m);
    entry *e = find(r->map, key);
    if (e == NULL && r->amended) {
        pthread_mutex_lock(&m->mu);
        r = load_read(m);
        e = find(r->map, key);
        if (e == NULL && r->amended) {
            e = find(m->dirty, key);
            if (e != NULL) {
                /* Only in dirty: the key goes now, the entry after a grace
                 * period (others may still hold it). */
                gomap_delete(m->dirty, key);
                e->link = m->dead;
                m->dead = e;
            }
            miss_locked(m);
        }
        retired = unlock_taking_retired(m);
    }
    bool ok = e != NULL && entry_delete(m, e, value);
    leave_and_retire(m, retired);
    return ok;
}

void gomap_sync_delete(gomap_sync *m, const void *key)
{
    gomap_sync_load_and_delete(m, key, NULL);
}

bool gomap_sync_compare_and_swap(gomap_sync *m, const void *key, void *old, void *new_value)
{
    if (refused(m, key))
        return false;
    readonly *retired = NULL;
    rcu_enter();
    readonly *r = load_read(m);
    entry *e = find(r->map, key);
    bool swapped = false;
    if (e != NULL) {
        swapped = entry_compare_and_swap(e, old, new_value);
    } else if (r->amended) {
        pthread_mutex_lock(&m->mu);
        r = load_read(m);
        if ((e = find(r->map, key)) != NULL) {
            swapped = entry_compare_and_swap(e, old, new_value);
        } else if ((e = find(m->dirty, key)) != NULL) {
            swapped = entry_compare_and_swap(e, old, new_value);
            miss_locked(m);
        }
        retired = unlock_taking_retired(m);
    }
    leave_and_retire(m, retired);
    return swapped;
}

bool gomap_sync_compare_and_delete(gomap_sync *m, const void *key, void *old)
{
    if (refused(m, key))
        return false;
    readonly *retired = NULL;
    rcu_enter();
    /* Unlike LoadAndDelete, Go keeps a key found only in dirty there: a
     * later rebuild expunges it. */
    entry *e = lookup_entry(m, key, &retired);
    bool deleted = e != NULL && entry_compare_and_delete(m, e, old);
    leave_and_retire(m, retired);
    return deleted;
}

void gomap_sync_range(gomap_sync *m, bool (*fn)(const void *key, void *value, void *ctx), void *ctx)
{
    if (m == NULL || fn == NULL) {
        errno = EINVAL;
        return;
    }
    readonly *retired = NULL;
    rcu_enter();
    readonly *r = load_read(m);
    if (r->amended) {
        /* Range is O(n) anyway: promote now, so the walk sees every key. */
        pthread_mutex_lock(&m->mu);
        r = load_read(m);
        if (r->amended) {
            promote_locked(m);
            r = load_read(m);
        }
        retired = unlock_taking_retired(m);
    }
    if (r->map != NULL) {
        gomap_iter it;
        for (gomap_iter_init(&it, r->map); gomap_iter_next(&it);) {
            void *v;
            if (entry_load(load_ptr(it.elem), &v) && !fn(it.key, v, ctx)) {
                gomap_iter_done(&it);
                break;
            }
        }
    }
    leave_and_retire(m, retired);
}

size_t gomap_sync_len(gomap_sync *m)
{
    if (m == NULL) {
        errno = EINVAL;
        return 0;
    }
    /* A delete may be counted before the store it undid. */
    ptrdiff_t n = atomic_load_explicit(&m->len, memory_order_relaxed);
    return n > 0 ? (size_t)n : 0;
}
