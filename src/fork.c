/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fork.c - the registry of objects that hold locks or use RCU, and the fork
 * handlers that make them survive a fork() without the program's help.
 *
 * Order matters. The objects' locks come first: a thread holding one may
 * call into liburcu (call_rcu, a first read-side section), which takes
 * liburcu's own locks, so those are taken after, in liburcu's order: the
 * call_rcu workers are paused (they may run a grace period, which takes the
 * lock urcu_bp_before_fork holds), then the RCU registry is locked. After
 * the fork, the reverse. The objects' locks are only ever held for the
 * length of one operation (a snapshot's writer lock, held across an edit,
 * is not taken here: see snapshot.c), so the handlers wait at most for
 * operations in flight.
 */
#include "fork.h"
#include "internal.h"
#include "rcu.h"

#include <pthread.h>
#include <urcu/urcu-bp.h>

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static fork_node registry = {&registry, &registry, NULL, NULL, NULL, NULL};
static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;

static void before_fork(void)
{
    pthread_mutex_lock(&registry_mu);
    for (fork_node *n = registry.next; n != &registry; n = n->next)
        if (n->before != NULL)
            n->before(n);
    urcu_bp_call_rcu_before_fork();
    urcu_bp_before_fork();
}

static void after_fork_parent(void)
{
    urcu_bp_after_fork_parent();
    urcu_bp_call_rcu_after_fork_parent();
    for (fork_node *n = registry.prev; n != &registry; n = n->prev)
        if (n->after_parent != NULL)
            n->after_parent(n);
    pthread_mutex_unlock(&registry_mu);
}

_Atomic unsigned rcu_generation;

static void after_fork_child(void)
{
    /* Only this thread runs: callbacks queued before the fork no longer
     * count (see rcu.h), before a call_rcu worker starts again. */
    atomic_fetch_add_explicit(&rcu_generation, 1, memory_order_relaxed);
    for (fork_node *n = registry.prev; n != &registry; n = n->prev)
        if (n->inflight != NULL)
            atomic_store_explicit(n->inflight, 0, memory_order_relaxed);
    urcu_bp_after_fork_child();
    urcu_bp_call_rcu_after_fork_child();
    for (fork_node *n = registry.prev; n != &registry; n = n->prev)
        if (n->after_child != NULL)
            n->after_child(n);
    pthread_mutex_unlock(&registry_mu);
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
}
