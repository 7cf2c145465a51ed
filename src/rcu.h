/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rcu.h - the reclamation scheme shared by gomap_sync and gomap_snapshot:
 * liburcu's "bulletproof" flavour (urcu-bp), which registers each thread on
 * its first read-side section and unregisters it at thread exit, so users
 * never call a registration function.
 *
 * Read-side sections are calls into liburcu-bp (its inline versions are
 * reserved to LGPL-compatible code, _LGPL_SOURCE, which gomap does not
 * define). Memory unlinked from a published structure is handed to
 * urcu_bp_call_rcu and freed by liburcu's call_rcu thread after a grace
 * period.
 *
 * ThreadSanitizer cannot see the ordering a grace period provides (liburcu
 * is not instrumented and orders through membarrier/fences), so a TSan build
 * states it: a reader releases rcu_tsan_order when it leaves a section and
 * a reclamation callback acquires it before freeing; the writer releases
 * the retired record before handing it over and the callback acquires it.
 */
#ifndef GOMAP_RCU_H
#define GOMAP_RCU_H

#include <urcu/urcu-bp.h>

#include <stdatomic.h>
#include <stddef.h>
#include <time.h>

#if defined(__SANITIZE_THREAD__)
#define GOMAP_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GOMAP_TSAN 1
#endif
#endif

#define rcu_tsan_order gomap_internal_rcu_tsan_order
extern char rcu_tsan_order; /* only its address is used, by TSan builds */

#ifdef GOMAP_TSAN
#include <sanitizer/tsan_interface.h>
#define TSAN_RELEASE(p) __tsan_release((void *)(p))
#define TSAN_ACQUIRE(p) __tsan_acquire((void *)(p))
#else
#define TSAN_RELEASE(p) ((void)(p))
#define TSAN_ACQUIRE(p) ((void)(p))
#endif

static inline void rcu_enter(void)
{
    urcu_bp_read_lock();
}

static inline void rcu_leave(void)
{
    TSAN_RELEASE(&rcu_tsan_order);
    urcu_bp_read_unlock();
}

/* Reclamations in flight of one owner (a sync map, a snapshot): freeing the
 * owner waits for its own callbacks, which may still use its allocator.
 * (liburcu's rcu_barrier would do as well, but in a forked child it can
 * wait forever.) A forked child starts counting afresh: the fork handlers
 * zero each owner's count and advance rcu_generation, and a callback queued
 * before the fork, if it ever runs in the child, leaves the count alone. */
#define rcu_generation gomap_internal_rcu_generation
extern _Atomic unsigned rcu_generation;

typedef _Atomic size_t rcu_inflight;

/* A retired record: freed by free_fn after a grace period, counted in
 * inflight (unless the count was zeroed by a fork since, see above). */
typedef struct rcu_record {
    struct rcu_head head;
    void (*free_fn)(struct rcu_record *r);
    rcu_inflight *inflight;
    unsigned generation;
} rcu_record;

static inline void rcu_reclaim(struct rcu_head *head)
{
    TSAN_ACQUIRE(head);
    TSAN_ACQUIRE(&rcu_tsan_order);
    rcu_record *r = caa_container_of(head, rcu_record, head);
    rcu_inflight *inflight = r->inflight;
    unsigned generation = r->generation;
    r->free_fn(r);
    /* After this, the owner may be gone. */
    if (generation == atomic_load_explicit(&rcu_generation, memory_order_relaxed))
        atomic_fetch_sub_explicit(inflight, 1, memory_order_release);
}

/* Defer free_fn(r) past a grace period, counted in n. */
static inline void rcu_retire(rcu_record *r, void (*free_fn)(rcu_record *r), rcu_inflight *n)
{
    r->free_fn = free_fn;
    r->inflight = n;
    r->generation = atomic_load_explicit(&rcu_generation, memory_order_relaxed);
    atomic_fetch_add_explicit(n, 1, memory_order_relaxed);
    TSAN_RELEASE(&r->head);
    urcu_bp_call_rcu(&r->head, rcu_reclaim);
}

static inline void rcu_wait_reclaimed(rcu_inflight *n)
{
    while (atomic_load_explicit(n, memory_order_acquire) != 0) {
        struct timespec pause = {0, 100000};
        nanosleep(&pause, NULL);
    }
}

#endif /* GOMAP_RCU_H */
