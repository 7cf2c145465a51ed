/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sync.c - gomap_sync, Go's sync.Map (sync/map.go, Go 1.19, plus Go 1.20's
 * Swap, CompareAndSwap and CompareAndDelete) over gomap.
 *
 * State:
 *  - `read`: a readonly {map, amended} published with a release store and
 *    read without locks. Its map (key -> entry *) is never written after
 *    publication, so any number of threads may look keys up in it at once
 *    (a gomap lookup writes nothing). amended only goes from false to true,
 *    under mu, once dirty holds a key the map lacks: to readers that is
 *    what publishing Go's new readOnly{m, amended: true} is, without
 *    allocating or retiring a record.
 *  - `dirty`: under `mu`; when non-NULL it holds every non-expunged entry
 *    of read.map plus the keys added since, sharing the same entries.
 *  - entry.p: the value, changed with atomic CAS. NULL = deleted, EXPUNGED
 *    = deleted and absent from dirty (dirty non-NULL), NIL_VALUE = a stored
 *    NULL value. Values are the caller's pointers themselves, not boxes, so
 *    a store never allocates.
 *
 * Reclamation (src/rcu.h): every operation runs inside an RCU read-side
 * section. Memory is unlinked only under `mu` and freed after a grace
 * period by one record per readonly that a promotion replaced:
 *  - the readonly itself and its map;
 *  - the entries that map held which were expunged and stayed so until the
 *    promotion (they are in no later map), and the entries that
 *    load_and_delete removed from dirty since the last promotion.
 * A promotion's readonly is allocated when the dirty map is built, so a
 * promotion (which a load may trigger) never allocates.
 */
#include "errors.h"
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
    _Atomic bool amended;
    entry *dead; /* set when retired: entries to free with it */
    gomap_allocator alloc;
    rcu_record rcu; /* set when retired */
} readonly;

struct gomap_sync {
    _Atomic(readonly *) read;
    rcu_inflight inflight; /* retired records not yet reclaimed */
    /* Under mu: the record a promotion replaced but not yet handed to
     * call_rcu (an operation promotes once at most). That is done by the
     * operation that replaced it once it holds neither mu nor a read-side
     * section: a fork handler holds liburcu's locks while it waits for mu,
     * and waits for a grace period (which waits for every read-side
     * section) while call_rcu may wait for it. */
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
static const char expunged_mark, nil_value_mark, keep_mark;
#define EXPUNGED  ((void *)&expunged_mark)
#define NIL_VALUE ((void *)&nil_value_mark)
#define KEEP      ((void *)&keep_mark) /* entry_apply: leave p as it is */

char rcu_tsan_order;

/* The operations, as one atomic step on an entry (entry_apply) and one
 * path through the two maps (sync_apply). */
typedef enum op_kind {
    OP_LOAD,
    OP_LOAD_AND_DELETE,
    OP_COMPARE_AND_DELETE,
    OP_COMPARE_AND_SWAP,
    OP_EXPUNGE, /* under mu, dirty being built: deleted -> expunged */
    OP_SWAP,
    OP_LOAD_OR_STORE
} op_kind;

typedef struct sync_op {
    op_kind kind;
    void *value;  /* swap, load_or_store: to store; compare_and_swap: the new value */
    void *old;    /* compare_and_swap, compare_and_delete: the value expected */
    void *prev;   /* out: the entry's p before (NULL when the key was absent) */
    bool changed; /* out: the operation wrote the entry (or added the key) */
} sync_op;

/* The operations that may store into a deleted entry, so also into an
 * expunged one, which first needs mu (to put it back into dirty). */
static bool stores(const sync_op *op)
{
    return op->kind >= OP_SWAP;
}

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

/* {map, not amended} */
static readonly *readonly_new(gomap_sync *m, gomap *map)
{
    readonly *r = alloc_zeroed(&m->alloc, sizeof *r);
    if (r != NULL) {
        r->map = map;
        r->alloc = m->alloc;
    }
    return r;
}

static void readonly_free(readonly *r)
{
    alloc_free(r->alloc, r, sizeof *r);
}

/* A retired readonly and what goes with it. */
static void retired_free(readonly *r)
{
    gomap_free(r->map);
    for (entry *e = r->dead, *next; e != NULL; e = next) {
        next = e->link;
        alloc_free(r->alloc, e, sizeof *e);
    }
    readonly_free(r);
}

static void reclaim(rcu_record *rec)
{
    retired_free(caa_container_of(rec, readonly, rcu));
}

/* ---- Entries (Go's entry methods) ------------------------------------------- */

/* What op makes of an entry holding p: the new p, or KEEP to leave it. */
static void *op_next(const sync_op *op, void *p)
{
    switch (op->kind) {
    case OP_LOAD: return KEEP;
    case OP_LOAD_AND_DELETE: return live(p) ? NULL : KEEP;
    case OP_COMPARE_AND_DELETE: return p == enc(op->old) ? NULL : KEEP;
    case OP_COMPARE_AND_SWAP: return p == enc(op->old) ? enc(op->value) : KEEP;
    case OP_EXPUNGE: return p == NULL ? EXPUNGED : KEEP;
    case OP_SWAP: return enc(op->value);
    case OP_LOAD_OR_STORE: return p == NULL ? enc(op->value) : KEEP;
    }
    return KEEP;
}

/* One atomic step of op on e; false (nothing done) if op stores and e is
 * expunged. */
static bool entry_apply(gomap_sync *m, entry *e, sync_op *op)
{
    void *p = atomic_load_explicit(&e->p, memory_order_acquire), *next;
    do {
        if (p == EXPUNGED && stores(op))
            return false;
        next = op_next(op, p);
        if (next == KEEP)
            break;
    } while (!atomic_compare_exchange_weak_explicit(&e->p, &p, next, memory_order_acq_rel,
                                                    memory_order_acquire));
    op->prev = p;
    op->changed = next != KEEP;
    if (op->changed)
        atomic_fetch_add_explicit(&m->len, (ptrdiff_t)live(next) - (ptrdiff_t)live(p),
                                  memory_order_relaxed);
    return true;
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

/* Whether dirty may hold keys that r->map lacks (then a miss takes mu). */
static bool is_amended(readonly *r)
{
    return atomic_load_explicit(&r->amended, memory_order_acquire);
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
 * record unlock_taking_retired returned, if any, to call_rcu. */
static void leave_and_retire(gomap_sync *m, readonly *r)
{
    rcu_leave();
    if (r != NULL)
        rcu_retire(&r->rcu, reclaim, &m->inflight);
}

/* Go's missLocked plus the promotion it may trigger. */
static void promote_locked(gomap_sync *m)
{
    /* Entries expunged when dirty was built and not revived since are in
     * no map from now on. (A link matters only while its entry is on a
     * list.) */
    entry *dead = m->dead;
    for (entry *e = m->expunged, *next; e != NULL; e = next) {
        next = e->link;
        if (atomic_load_explicit(&e->p, memory_order_acquire) == EXPUNGED) {
            e->link = dead;
            dead = e;
        }
    }
    readonly *old = atomic_exchange_explicit(&m->read, m->promoted, memory_order_acq_rel);
    old->dead = dead;
    m->retiring = old;
    m->promoted = NULL;
    m->expunged = NULL;
    m->dead = NULL;
    m->dirty = NULL;
    m->misses = 0;
}

static void miss_locked(gomap_sync *m)
{
    if (++m->misses >= gomap_len(m->dirty))
        promote_locked(m);
}

/* Undo a dirty build that could not finish: nothing observable changed. */
static void dirty_discard_locked(gomap_sync *m)
{
    for (entry *e = m->expunged; e != NULL; e = e->link)
        atomic_store_explicit(&e->p, NULL, memory_order_release);
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
    m->promoted = readonly_new(m, m->dirty);
    if (m->promoted == NULL)
        goto fail;
    gomap_iter it;
    for (gomap_iter_init(&it, r->map); gomap_iter_next(&it);) {
        entry *e = load_ptr(it.elem);
        sync_op expunge = {.kind = OP_EXPUNGE};
        entry_apply(m, e, &expunge);
        if (!live(expunge.prev)) {
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
    return 0;
fail:
    dirty_discard_locked(m);
    errno = ENOMEM;
    return ENOMEM;
}

/* Under mu, key in neither map: add it with op's value. 0 or ENOMEM,
 * nothing changed. */
static int add_locked(gomap_sync *m, readonly *r, const void *key, sync_op *op)
{
    entry *e = alloc_zeroed(&m->alloc, sizeof *e);
    if (e == NULL)
        return ENOMEM;
    atomic_init(&e->p, enc(op->value));
    /* The first key read.map lacks: build dirty (NULL until now), and mark
     * read amended once the key is in it. */
    bool first = !is_amended(r);
    if (first && dirty_build_locked(m, r) != 0)
        goto fail;
    void *slot = gomap_assign(m->dirty, key);
    if (slot == NULL) {
        if (first)
            dirty_discard_locked(m);
        goto fail;
    }
    store_ptr(slot, e);
    atomic_fetch_add_explicit(&m->len, 1, memory_order_relaxed);
    op->changed = true;
    atomic_store_explicit(&r->amended, true, memory_order_release);
    return 0;
fail:
    alloc_free(m->alloc, e, sizeof *e);
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
    /* Expunged -> deleted. */
    atomic_store_explicit(&e->p, NULL, memory_order_release);
    return 0;
}

/* Under mu: op on key once the lock-free path could not complete it. Go's
 * Load, LoadAndDelete and CompareAndDelete count a miss whenever the key
 * is not in read.map; LoadOrStore and CompareAndSwap only when dirty has
 * it; Swap never. 0, or ENOMEM with nothing changed. */
static int apply_locked(gomap_sync *m, const void *key, sync_op *op)
{
    readonly *r = load_read(m);
    entry *e = find(r->map, key);
    if (e != NULL) {
        int err = stores(op) ? revive_locked(m, e, key) : 0;
        if (err == 0)
            entry_apply(m, e, op);
        return err;
    }
    /* dirty is non-NULL exactly when read is amended. */
    if ((e = find(m->dirty, key)) != NULL) {
        if (op->kind == OP_LOAD_AND_DELETE) {
            /* Only in dirty: the key goes now, the entry after a grace
             * period (others may still hold it). Unlike LoadAndDelete, Go's
             * CompareAndDelete keeps the key there: a later rebuild expunges
             * it. */
            gomap_delete(m->dirty, key);
            e->link = m->dead;
            m->dead = e;
        }
        entry_apply(m, e, op);
        if (op->kind != OP_SWAP)
            miss_locked(m);
        return 0;
    }
    if (stores(op))
        return add_locked(m, r, key, op);
    if (m->dirty != NULL && op->kind != OP_COMPARE_AND_SWAP)
        miss_locked(m);
    return 0;
}

/* ---- Public API -------------------------------------------------------------------- */

/* Bad input: a NULL map, a NULL key of a type whose keys have bytes, or a
 * str key the maps could not read. Sets errno = EINVAL. */
static bool refused(const gomap_sync *m, const void *key)
{
    if (m == NULL || key == NULL)
        return bad_input(m == NULL || m->etype.key_size != 0);
    gomap_str s = m->str_keys ? load_str(key) : (gomap_str){NULL, 0};
    return bad_input(str_invalid(s.ptr, s.len));
}

gomap_sync *gomap_sync_new_with(const gomap_type *key_type, const gomap_options *opt)
{
    /* A key is held by the read map and the dirty map at once, so neither
     * could drop it (an owned string kind is fine: each map copies its
     * keys). The elem fields, elem_drop included, are the sync map's. */
    if (bad_input(key_type == NULL || key_type->key_drop != NULL))
        return NULL;
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
    gomap_sync *m = alloc_zeroed(&alloc, sizeof *m);
    if (m == NULL)
        return NULL;
    m->etype = et;
    m->str_keys = is_str_kind(kind_of_type(&et));
    m->alloc = alloc;
    if (opt != NULL)
        m->opt = *opt;
    m->opt.allocator = &m->alloc;
    atomic_init(&m->len, 0);
    readonly *r = readonly_new(m, NULL);
    if (r == NULL) {
        alloc_free(alloc, m, sizeof *m);
        return NULL;
    }
    lock_init(&m->mu);
    atomic_init(&m->read, r);
    m->fork = (fork_node){.mu = &m->mu, .nmu = 1, .inflight = &m->inflight};
    fork_register(&m->fork);
    return m;
}

gomap_sync *gomap_sync_new(const gomap_type *key_type)
{
    return gomap_sync_new_with(key_type, NULL);
}

void gomap_sync_free(gomap_sync *m)
{
    if (m == NULL)
        return;
    fork_unregister(&m->fork); /* and the retired records are freed */
    /* Then read.map holds every entry that is on no dead list. */
    if (m->dirty != NULL) {
        promote_locked(m);
        retired_free(m->retiring);
    }
    readonly *r = load_read(m);
    gomap_iter it;
    for (gomap_iter_init(&it, r->map); gomap_iter_next(&it);)
        alloc_free(m->alloc, load_ptr(it.elem), sizeof(entry));
    retired_free(r); /* with its map (r->dead is empty) */
    pthread_mutex_destroy(&m->mu);
    alloc_free(m->alloc, m, sizeof *m);
}

/* Go's fast path: op on key's entry in read.map without a lock; else (the
 * key is not there and dirty may have it, or op must store) under mu. */
static int sync_apply(gomap_sync *m, const void *key, sync_op *op)
{
    if (refused(m, key))
        return EINVAL;
    readonly *retired = NULL;
    int err = 0;
    rcu_enter();
    readonly *r = load_read(m);
    entry *e = find(r->map, key);
    if (e != NULL ? !entry_apply(m, e, op) : is_amended(r) || stores(op)) {
        pthread_mutex_lock(&m->mu);
        err = apply_locked(m, key, op);
        retired = unlock_taking_retired(m);
    }
    leave_and_retire(m, retired);
    if (err != 0)
        errno = err;
    return err;
}

/* Load and LoadAndDelete: the value the entry held. */
static bool load_with(gomap_sync *m, const void *key, void **value, op_kind kind)
{
    sync_op op = {.kind = kind};
    if (sync_apply(m, key, &op) != 0 || !live(op.prev))
        return false;
    if (value != NULL)
        *value = dec(op.prev);
    return true;
}

bool gomap_sync_load(gomap_sync *m, const void *key, void **value)
{
    return load_with(m, key, value, OP_LOAD);
}

int gomap_sync_swap(gomap_sync *m, const void *key, void *value, void **previous, bool *loaded)
{
    sync_op op = {.kind = OP_SWAP, .value = value};
    int err = sync_apply(m, key, &op);
    if (err != 0)
        return err;
    if (previous != NULL)
        *previous = live(op.prev) ? dec(op.prev) : NULL;
    if (loaded != NULL)
        *loaded = live(op.prev);
    return 0;
}

int gomap_sync_store(gomap_sync *m, const void *key, void *value)
{
    return gomap_sync_swap(m, key, value, NULL, NULL);
}

int gomap_sync_load_or_store(gomap_sync *m, const void *key, void *value, void **actual,
                             bool *loaded)
{
    sync_op op = {.kind = OP_LOAD_OR_STORE, .value = value};
    int err = sync_apply(m, key, &op);
    if (err != 0)
        return err;
    if (actual != NULL)
        *actual = op.changed ? value : dec(op.prev);
    if (loaded != NULL)
        *loaded = !op.changed;
    return 0;
}

bool gomap_sync_load_and_delete(gomap_sync *m, const void *key, void **value)
{
    return load_with(m, key, value, OP_LOAD_AND_DELETE);
}

void gomap_sync_delete(gomap_sync *m, const void *key)
{
    gomap_sync_load_and_delete(m, key, NULL);
}

bool gomap_sync_compare_and_swap(gomap_sync *m, const void *key, void *old, void *new_value)
{
    sync_op op = {.kind = OP_COMPARE_AND_SWAP, .value = new_value, .old = old};
    return sync_apply(m, key, &op) == 0 && op.changed;
}

bool gomap_sync_compare_and_delete(gomap_sync *m, const void *key, void *old)
{
    sync_op op = {.kind = OP_COMPARE_AND_DELETE, .old = old};
    return sync_apply(m, key, &op) == 0 && op.changed;
}

void gomap_sync_range(gomap_sync *m, bool (*fn)(const void *key, void *value, void *ctx), void *ctx)
{
    if (bad_input(m == NULL || fn == NULL))
        return;
    readonly *retired = NULL;
    rcu_enter();
    readonly *r = load_read(m);
    if (is_amended(r)) {
        /* Range is O(n) anyway: promote now, so the walk sees every key. */
        pthread_mutex_lock(&m->mu);
        if (is_amended(load_read(m)))
            promote_locked(m);
        r = load_read(m);
        retired = unlock_taking_retired(m);
    }
    gomap_iter it;
    for (gomap_iter_init(&it, r->map); gomap_iter_next(&it);) {
        entry *e = load_ptr(it.elem);
        void *p = atomic_load_explicit(&e->p, memory_order_acquire);
        if (live(p) && !fn(it.key, dec(p), ctx)) {
            gomap_iter_done(&it);
            break;
        }
    }
    leave_and_retire(m, retired);
}

size_t gomap_sync_len(gomap_sync *m)
{
    if (bad_input(m == NULL))
        return 0;
    /* A delete may be counted before the store it undid. */
    ptrdiff_t n = atomic_load_explicit(&m->len, memory_order_relaxed);
    return n > 0 ? (size_t)n : 0;
}
