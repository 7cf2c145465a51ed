/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * snapshot.c - gomap_snapshot: an RCU-published pointer to an immutable map.
 *
 * Each published map travels in a small `version` record that also carries
 * the rcu_head used to free it, so replacing a map never allocates at the
 * moment of publication: edit_begin allocates the next record together with
 * the clone.
 */
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
    struct rcu_head rcu;
} version;

struct gomap_snapshot {
    _Atomic(version *) current;
    pthread_mutex_t mu;
    version *next; /* under mu: the record for the edit in progress */
    gomap_allocator alloc;
};

static gomap_allocator allocator_of(const gomap *m)
{
    if (m != NULL)
        return m->alloc;
    return *os_allocator(true);
}

static version *version_new(const gomap_allocator *a, gomap *map)
{
    version *v = a->alloc(a->ctx, sizeof *v, GOMAP_ALLOC_ZERO);
    if (v == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    v->map = map;
    v->alloc = *a;
    return v;
}

static void version_free(version *v)
{
    gomap_allocator a = v->alloc;
    gomap_free(v->map);
    a.free(a.ctx, v, sizeof *v);
}

static void reclaim(struct rcu_head *head)
{
    rcu_reclaiming(head);
    version_free(caa_container_of(head, version, rcu));
}

gomap_snapshot *gomap_snapshot_new(gomap *initial)
{
    gomap_allocator a = allocator_of(initial);
    gomap_snapshot *s = a.alloc(a.ctx, sizeof *s, GOMAP_ALLOC_ZERO);
    if (s == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    s->alloc = a;
    version *v = version_new(&a, initial);
    if (v == NULL || pthread_mutex_init(&s->mu, NULL) != 0) {
        if (v != NULL)
            a.free(a.ctx, v, sizeof *v);
        a.free(a.ctx, s, sizeof *s);
        errno = ENOMEM;
        return NULL;
    }
    atomic_init(&s->current, v);
    return s;
}

void gomap_snapshot_free(gomap_snapshot *s)
{
    if (s == NULL)
        return;
    version_free(atomic_load_explicit(&s->current, memory_order_acquire));
    pthread_mutex_destroy(&s->mu);
    gomap_allocator a = s->alloc;
    a.free(a.ctx, s, sizeof *s);
    urcu_bp_barrier();
}

const gomap *gomap_snapshot_read_begin(gomap_snapshot *s)
{
    rcu_enter();
    return atomic_load_explicit(&s->current, memory_order_acquire)->map;
}

void gomap_snapshot_read_end(gomap_snapshot *s)
{
    (void)s;
    rcu_leave();
}

/* Under mu: make v current and retire the old record. */
static void publish_locked(gomap_snapshot *s, version *v)
{
    version *old = atomic_exchange_explicit(&s->current, v, memory_order_acq_rel);
    rcu_retire(&old->rcu, reclaim);
}

gomap *gomap_snapshot_edit_begin(gomap_snapshot *s, const gomap_type *empty_type)
{
    pthread_mutex_lock(&s->mu);
    /* Under mu the current map cannot be replaced, so it needs no
     * read-side section. */
    gomap *cur = atomic_load_explicit(&s->current, memory_order_acquire)->map;
    gomap *copy;
    if (cur != NULL) {
        copy = gomap_clone(cur);
    } else if (empty_type != NULL) {
        copy = gomap_new(empty_type, 0);
    } else {
        errno = EINVAL;
        copy = NULL;
    }
    if (copy == NULL)
        goto fail;
    gomap_allocator a = allocator_of(copy);
    if ((s->next = version_new(&a, NULL)) == NULL) {
        gomap_free(copy);
        goto fail;
    }
    return copy;
fail:
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

void gomap_snapshot_edit_commit(gomap_snapshot *s, gomap *next)
{
    version *v = s->next;
    s->next = NULL;
    v->map = next;
    publish_locked(s, v);
    pthread_mutex_unlock(&s->mu);
}

void gomap_snapshot_edit_abort(gomap_snapshot *s, gomap *next)
{
    version_free(s->next); /* holds no map yet */
    s->next = NULL;
    gomap_free(next);
    pthread_mutex_unlock(&s->mu);
}

int gomap_snapshot_replace(gomap_snapshot *s, gomap *next)
{
    gomap_allocator a = allocator_of(next);
    version *v = version_new(&a, next);
    if (v == NULL)
        return ENOMEM;
    pthread_mutex_lock(&s->mu);
    publish_locked(s, v);
    pthread_mutex_unlock(&s->mu);
    return 0;
}
