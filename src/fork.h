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

#include <stdatomic.h>
#include <stddef.h>

typedef struct fork_node fork_node;
struct fork_node {
    fork_node *prev, *next; /* under the registry's lock */
    /* Called with the registry locked: before lock the object's internal
     * mutexes, after_parent and after_child release them (or, in the child,
     * repair what another thread left half done). Any may be NULL. */
    void (*before)(fork_node *n);
    void (*after_parent)(fork_node *n);
    void (*after_child)(fork_node *n);
    /* The object's count of reclamations in flight (rcu.h), zeroed in the
     * child, or NULL. */
    _Atomic size_t *inflight;
};

/* On creation, before the object is handed out; on free, before its
 * memory goes. */
void fork_register(fork_node *n);
void fork_unregister(fork_node *n);

#endif /* GOMAP_FORK_H */
