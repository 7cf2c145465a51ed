/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fork.h - what keeps gomap_sync, gomap_pool and gomap_snapshot usable in
 * the child of a fork(): every live one is on a registry, and fork handlers
 * (registered once, on the first registration) take their locks around the
 * fork, so the child inherits them unlocked and consistent, and run
 * liburcu-bp's fork hooks, so the child's grace periods ignore the parent's
 * other threads and its call_rcu worker is started again.
 */
#ifndef GOMAP_FORK_H
#define GOMAP_FORK_H

#define fork_register   gomap_internal_fork_register
#define fork_unregister gomap_internal_fork_unregister

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>

typedef struct fork_node fork_node;
struct fork_node {
    fork_node *prev, *next; /* under the registry's lock */
    /* The object's locks: nmu mutexes stride bytes apart from mu, taken in
     * that order before the fork (with the registry's lock) and released
     * in the reverse order after it. */
    pthread_mutex_t *mu;
    unsigned nmu;
    size_t stride;
    /* In the child, before the locks are released: repairs what another
     * thread left half done (or NULL). */
    void (*child)(fork_node *n);
    /* The object's count of reclamations in flight (rcu.h), zeroed in the
     * child, or NULL. */
    _Atomic size_t *inflight;
};

/* pthread_mutex_init with default attributes cannot fail on the systems
 * gomap supports (glibc and musl always return 0; POSIX errors concern
 * the attributes); an error would be a broken C library. */
static inline void lock_init(pthread_mutex_t *mu)
{
    if (pthread_mutex_init(mu, NULL) != 0)
        abort();
}

/* On creation, before the object is handed out; on free, before its
 * memory goes: fork_unregister then also waits until the object's
 * reclamations in flight have run (they may use its allocator). */
void fork_register(fork_node *n);
void fork_unregister(fork_node *n);

#endif /* GOMAP_FORK_H */
