/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * snapshot.c - gomap_snapshot: an RCU-published pointer to an immutable map.
 *
 * Each published map travels in a small `version` record that also carries
 * the rcu_head used to free it, so replacing a map never allocates at the
 * moment of publication: edit_begin allocates the next record together with
 * the clone.
 *
 * The writer lock is held across an edit, from edit_begin to commit or
 * abort, so it is not taken around fork() (a thread that forks inside its
 * own edit would wait for itself). Instead `editor` names the thread that
 * holds it, and a forked child abandons an edit that belonged to another
 * thread, which does not exist there: it frees the record edit_begin
 * prepared (the clone, owned by that thread, is lost) and makes the lock
 * new. An edit of the forking thread itself goes on in the child.
 */
#include "errors.h"
#include "fork.h"
#include "internal.h"
#include "os_pages.h"
#include "rcu.h"

#include <gomap/snapshot.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

typedef struct version {
    gomap *map;
    gomap_allocator alloc; /* the record's own allocator */
    rcu_record rcu;        /* set when retired */
} version;

struct gomap_snapshot {
    _Atomic(version *) current;
    rcu_inflight inflight; /* retired versions not yet reclaimed */
    pthread_mutex_t mu;
    version *next; /* under mu: the record for the edit in progress */
    /* &edit_token of the thread inside an edit (set right after taking mu,
     * cleared right before releasing it), else NULL. */
    _Atomic(const char *) editor;
    gomap_allocator alloc;
    fork_node fork;
};

/* Its address names the calling thread (and the same thread in a forked
 * child, which is a copy of it). */
static _Thread_local char edit_token;

/* A record is allocated as the map that it will carry is. */
static gomap_allocator allocator_of(const gomap *m)
{
    return m != NULL ? m->alloc : *os_allocator(true);
}

static version *version_new(const gomap *alloc_as, gomap *map)
{
    gomap_allocator a = allocator_of(alloc_as);
    version *v = alloc_zeroed(&a, sizeof *v);
    if (v == NULL)
        return NULL;
    v->map = map;
    v->alloc = a;
    return v;
}

static void version_free(version *v)
{
    gomap_free(v->map);
    alloc_free(v->alloc, v, sizeof *v);
}

static void reclaim(rcu_record *rec)
{
    version_free(caa_container_of(rec, version, rcu));
}

static void fork_child(fork_node *n)
{
    gomap_snapshot *s = caa_container_of(n, gomap_snapshot, fork);
    if (atomic_load_explicit(&s->editor, memory_order_relaxed) == &edit_token)
        return;
    /* Whoever held mu is gone (or nobody did). */
    if (s->next != NULL)
        version_free(s->next); /* holds no map yet */
    s->next = NULL;
    atomic_store_explicit(&s->editor, NULL, memory_order_relaxed);
    lock_init(&s->mu);
}

gomap_snapshot *gomap_snapshot_new(gomap *initial)
{
    gomap_allocator a = allocator_of(initial);
    gomap_snapshot *s = alloc_zeroed(&a, sizeof *s);
    if (s == NULL)
        return NULL;
    s->alloc = a;
    version *v = version_new(initial, initial);
    if (v == NULL) {
        alloc_free(a, s, sizeof *s);
        return NULL;
    }
    lock_init(&s->mu);
    atomic_init(&s->current, v);
    atomic_init(&s->editor, NULL);
    s->fork.inflight = &s->inflight;
    s->fork.child = fork_child;
    fork_register(&s->fork);
    return s;
}

void gomap_snapshot_free(gomap_snapshot *s)
{
    if (s == NULL)
        return;
    fork_unregister(&s->fork); /* and the retired versions are freed */
    version_free(atomic_load_explicit(&s->current, memory_order_acquire));
    pthread_mutex_destroy(&s->mu);
    alloc_free(s->alloc, s, sizeof *s);
}

/* This thread's read-side sections (they nest): a read_end with none open
 * would unbalance liburcu's count, after which grace periods never end. */
static _Thread_local unsigned long read_depth;

const gomap *gomap_snapshot_read_begin(gomap_snapshot *s)
{
    if (bad_input(s == NULL))
        return NULL;
    rcu_enter();
    read_depth++;
    return atomic_load_explicit(&s->current, memory_order_acquire)->map;
}

void gomap_snapshot_read_end(gomap_snapshot *s)
{
    if (bad_input(s == NULL)) /* read_begin(NULL) entered no section */
        return;
    if (read_depth == 0)
        throw_fatal("gomap_snapshot_read_end without gomap_snapshot_read_begin");
    read_depth--;
    rcu_leave();
}

/* Under mu: make v current and retire the old record. */
static void publish_locked(gomap_snapshot *s, version *v)
{
    version *old = atomic_exchange_explicit(&s->current, v, memory_order_acq_rel);
    rcu_retire(&old->rcu, reclaim, &s->inflight);
}

/* Takes mu for an edit. */
static void edit_lock(gomap_snapshot *s)
{
    pthread_mutex_lock(&s->mu);
    atomic_store_explicit(&s->editor, &edit_token, memory_order_relaxed);
}

static void edit_unlock(gomap_snapshot *s)
{
    atomic_store_explicit(&s->editor, NULL, memory_order_relaxed);
    pthread_mutex_unlock(&s->mu);
}

gomap *gomap_snapshot_edit_begin(gomap_snapshot *s, const gomap_type *empty_type)
{
    if (bad_input(s == NULL))
        return NULL;
    edit_lock(s);
    /* Under mu the current map cannot be replaced, so it needs no
     * read-side section. */
    gomap *cur = atomic_load_explicit(&s->current, memory_order_acquire)->map;
    gomap *copy = NULL;
    if (cur != NULL)
        copy = gomap_clone(cur);
    else if (!bad_input(empty_type == NULL))
        copy = gomap_new(empty_type, 0);
    if (copy != NULL && (s->next = version_new(copy, NULL)) == NULL) {
        gomap_free(copy);
        copy = NULL;
    }
    if (copy == NULL)
        edit_unlock(s);
    return copy;
}

/* Commit or abort: next goes into the record edit_begin prepared, which
 * is published or freed with it. Only for the thread inside an edit:
 * anything else would release a lock it does not hold and publish a record
 * it has not. */
static void edit_end(gomap_snapshot *s, gomap *next, bool commit, const char *misuse)
{
    if (bad_input(s == NULL))
        return;
    if (atomic_load_explicit(&s->editor, memory_order_relaxed) != &edit_token)
        throw_fatal(misuse);
    version *v = s->next;
    s->next = NULL;
    v->map = next;
    if (commit)
        publish_locked(s, v);
    else
        version_free(v);
    edit_unlock(s);
}

void gomap_snapshot_edit_commit(gomap_snapshot *s, gomap *next)
{
    edit_end(s, next, true, "gomap_snapshot_edit_commit without gomap_snapshot_edit_begin");
}

void gomap_snapshot_edit_abort(gomap_snapshot *s, gomap *next)
{
    edit_end(s, next, false, "gomap_snapshot_edit_abort without gomap_snapshot_edit_begin");
}

int gomap_snapshot_replace(gomap_snapshot *s, gomap *next)
{
    if (bad_input(s == NULL))
        return EINVAL;
    version *v = version_new(next, next);
    if (v == NULL)
        return ENOMEM;
    edit_lock(s);
    publish_locked(s, v);
    edit_unlock(s);
    return 0;
}
