/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fork.c - the registry of objects that hold locks or use RCU, and the fork
 * handlers that make them survive a fork() without the program's help.
 *
 * Order matters. liburcu's call_rcu workers are paused first (they may run
 * a grace period, which takes the lock urcu_bp_before_fork holds, and a
 * grace period waits for readers, some of which may wait for an object's
 * lock), then the RCU registry is locked, then the objects; after the
 * fork, the reverse. So no thread may wait for liburcu while it holds an
 * object's lock: gomap_sync hands retired records to call_rcu only after
 * releasing its lock and leaving its read-side section. The objects' locks
 * are held for one operation at most (a snapshot's writer lock, held
 * across an edit, is not taken here: see snapshot.c), and nothing else is
 * held across the fork (the default allocator's OS thread queues are
 * forgotten in the child, see os_pages.c).
 */
#include "fork.h"
#include "internal.h"
#include "rcu.h"

#include <pthread.h>
#include <urcu/urcu-bp.h>

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static fork_node registry = {.prev = &registry, .next = &registry};
static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;

static pthread_mutex_t *lock_at(const fork_node *n, unsigned k)
{
    return (pthread_mutex_t *)(void *)((char *)n->mu + k * n->stride);
}

static void before_fork(void)
{
    urcu_bp_call_rcu_before_fork();
    urcu_bp_before_fork();
    pthread_mutex_lock(&registry_mu);
    for (fork_node *n = registry.next; n != &registry; n = n->next)
        for (unsigned k = 0; k < n->nmu; k++)
            pthread_mutex_lock(lock_at(n, k));
}

/* In the reverse order of before_fork; child: in the child, where only
 * this thread runs. */
static void after_fork(bool child)
{
    for (fork_node *n = registry.prev; n != &registry; n = n->prev) {
        if (child && n->inflight != NULL)
            atomic_store_explicit(n->inflight, 0, memory_order_relaxed);
        if (child && n->child != NULL)
            n->child(n);
        for (unsigned k = n->nmu; k-- > 0;)
            pthread_mutex_unlock(lock_at(n, k));
    }
    pthread_mutex_unlock(&registry_mu);
}

static void after_fork_parent(void)
{
    after_fork(false);
    urcu_bp_after_fork_parent();
    urcu_bp_call_rcu_after_fork_parent();
}

_Atomic unsigned rcu_generation;

static void after_fork_child(void)
{
    /* Callbacks queued before the fork no longer count (see rcu.h), before
     * a call_rcu worker starts again. */
    atomic_fetch_add_explicit(&rcu_generation, 1, memory_order_relaxed);
    after_fork(true);
    urcu_bp_after_fork_child();
    urcu_bp_call_rcu_after_fork_child();
}

static void register_handlers(void)
{
    pthread_atfork(before_fork, after_fork_parent, after_fork_child);
}

void fork_register(fork_node *n)
{
    pthread_once(&handlers_once, register_handlers);
    pthread_mutex_lock(&registry_mu);
    n->prev = registry.prev;
    n->next = &registry;
    registry.prev->next = n;
    registry.prev = n;
    pthread_mutex_unlock(&registry_mu);
}

void fork_unregister(fork_node *n)
{
    pthread_mutex_lock(&registry_mu);
    n->prev->next = n->next;
    n->next->prev = n->prev;
    pthread_mutex_unlock(&registry_mu);
    if (n->inflight != NULL)
        rcu_wait_reclaimed(n->inflight);
}
