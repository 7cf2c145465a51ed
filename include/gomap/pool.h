/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * pool.h - gomap_pool: reuse cleared maps instead of allocating new ones
 * (Go's sync.Pool holding maps, with an explicit trim in place of the
 * garbage collector's cleanup).
 *
 * A pool serves maps of one gomap_type and one set of gomap_options. It
 * keeps returned maps, cleared, sorted by size class (log2 of their bucket
 * count, B), in a cache per thread slot and in a shared overflow under a
 * mutex. gomap_pool_get(p, hint) returns a retained map whose bucket array
 * already holds `hint` entries without growing (the smallest such class),
 * or a new map. A retained map keeps its bucket array and its spare and
 * reserve overflow buckets, so refilling it to its previous size allocates
 * nothing unless its new keys need more overflow buckets than it held
 * before (then only those).
 *
 * Thread slots: each thread is given a slot on its first use of any pool
 * (round robin over the pool's `slots`); with no more threads than slots,
 * every thread has a cache of its own and its get/put take only an
 * uncontended lock. Go's semantics apply: get may return any map put
 * before, or a new one; a pool may drop (free) any map it holds.
 *
 * Retention is capped (maps per class per slot, per class in the shared
 * overflow, and the largest class kept); maps beyond the caps are freed.
 * gomap_pool_trim ages what is retained as Go's GC does with sync.Pool's
 * victim cache: a trim frees the maps that were already idle at the
 * previous trim and marks the others idle; a get may still take an idle
 * map. Two trims in a row free everything held.
 *
 * fork(): the library takes a pool's locks around fork(), so a child may use
 * and free the pools it inherited.
 */
#ifndef GOMAP_POOL_H
#define GOMAP_POOL_H

#include <gomap/gomap.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A pool of cleared maps of one type (opaque). */
typedef struct gomap_pool gomap_pool;

/** Caps of a pool; zero fields take the defaults. */
typedef struct gomap_pool_options {
    const gomap_options *map_options; /**< for the maps made (copied); NULL: defaults */
    unsigned slots;                   /**< thread slots; 0: twice the online CPUs */
    unsigned per_slot;                /**< maps kept per class per slot; 0: 4 */
    unsigned shared;                  /**< maps kept per class in the shared overflow; 0: 32 */
    unsigned max_B;                   /**< largest class kept (2^max_B buckets); 0: 10 */
} gomap_pool_options;

/** A new empty pool for maps of type t (copied). opt may be NULL. A map put
 * back is cleared, so the type's drop functions run on its entries then.
 * Returns NULL
 * with errno = EINVAL (bad type or options, unknown flag bits in the type or
 * in map_options included) or ENOMEM. The pool's own
 * memory comes from map_options' allocator if one is given. */
GOMAP_API gomap_pool *gomap_pool_new(const gomap_type *t, const gomap_pool_options *opt);

/** Frees the pool and every map it retains. Maps handed out and not put
 * back stay the caller's (free them with gomap_free). No other thread may
 * use the pool during or after the call. NULL is fine. */
GOMAP_API void gomap_pool_free(gomap_pool *p);

/** An empty map that holds `hint` entries without growing (Go's makemap
 * hint): a retained one if any, else a new one. The caller owns it until it
 * puts it back or frees it. NULL with errno = ENOMEM, or EINVAL if p is
 * NULL. Thread-safe. */
GOMAP_API gomap *gomap_pool_get(gomap_pool *p, size_t hint);

/** Hands m back: it is cleared (as gomap_clear; live iterators of m must
 * have ended) and retained, or freed if the caps are reached, if it is
 * larger than max_B, if it was not made with the pool's type and
 * allocator, or if it lives in the caller's storage (gomap_init: freed,
 * the storage left to the caller). m may come from gomap_new_with with the same type and options.
 * NULL is ignored. The caller must not use m afterwards. p NULL: m is
 * freed, errno = EINVAL. Thread-safe. */
GOMAP_API void gomap_pool_put(gomap_pool *p, gomap *m);

/** Ages the retained maps (see above): frees those idle since the previous
 * trim, marks the rest idle. Thread-safe; meant for a timer or a
 * memory-pressure hook. p NULL: does nothing, errno = EINVAL. */
GOMAP_API void gomap_pool_trim(gomap_pool *p);

/** Maps currently retained (all classes, slots, shared and idle). Thread-safe;
 * O(1) (a counter kept by get, put and trim). 0 with errno = EINVAL if p is
 * NULL. */
GOMAP_API size_t gomap_pool_retained(gomap_pool *p);

#ifdef __cplusplus
}
#endif

#endif /* GOMAP_POOL_H */
