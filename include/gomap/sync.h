/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * sync.h - gomap_sync: Go's sync.Map (Go 1.19 algorithm, with Go 1.20's
 * Swap, CompareAndSwap and CompareAndDelete) for threads sharing one map.
 *
 * Keys are of any gomap_type (its elem part is ignored); values are `void *`
 * (Go's `any`), NULL included. The map is optimised, as Go's is, for keys
 * that are written once and read many times, or for threads working on
 * disjoint sets of keys: such loads, and stores to keys already present,
 * take no lock and write no shared memory besides the entry itself.
 *
 * Algorithm (docs/concurrency.md): an immutable "read" map from key to
 * entry, read without locks; a "dirty" map under a mutex holding the keys
 * added since the read map was built; a miss counter that promotes the
 * dirty map to be the new read map once lookups that missed the read map
 * have cost as much as copying it; entries whose value pointer is changed
 * with atomic compare-and-swap, and "expunged" entries for keys deleted
 * from the read map but absent from the dirty one.
 *
 * Memory model (Go's): every write (store, swap, delete, a load_or_store
 * that stores, a successful compare-and-swap or compare-and-delete)
 * happens before any operation that observes its result. Values are
 * published with release and read with acquire ordering, so what a thread
 * wrote through a value pointer before storing it is visible to the thread
 * that loads it.
 *
 * Reclamation: read maps, entries and bookkeeping that readers may still be
 * using are freed after an RCU grace period (liburcu, "bulletproof" flavour
 * urcu-bp): threads need no registration, liburcu registers each thread on
 * its first operation and unregisters it when it exits. Values themselves
 * are never freed by the map: the caller owns what they point to and must
 * keep it alive while other threads may still load it.
 *
 * Bad input: every function given a NULL map (except gomap_sync_free), a
 * NULL key when the key type's size is not 0, or, for gomap_type_str keys,
 * a string with NULL bytes and len > 0 or len > PTRDIFF_MAX, does nothing
 * and sets errno = EINVAL; it returns false, EINVAL or 0 as each says.
 *
 * fork(): the library takes each map's lock around fork() and runs
 * liburcu-bp's fork hooks, so a child may use and free the maps it
 * inherited, even while other threads of the parent were using them.
 *
 * Link with the gomap library and liburcu-bp (pkg-config gomap does both).
 */
#ifndef GOMAP_SYNC_H
#define GOMAP_SYNC_H

#include <gomap/gomap.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A map shared by threads, Go's sync.Map (opaque). */
typedef struct gomap_sync gomap_sync;

/** A new empty map for keys of key_type (copied; elem_size, elem_align and
 * elem_drop are ignored). A gomap_type_str_owned key type works (each of
 * the internal maps copies the keys it holds). Returns NULL with errno =
 * EINVAL (bad type, as gomap_new, unknown flag bits included, or a key_drop:
 * a key is held by two internal maps at once) or ENOMEM.
 * The caller owns it and frees it with gomap_sync_free. */
GOMAP_API gomap_sync *gomap_sync_new(const gomap_type *key_type);

/** The same with options: every byte the map and its internal maps own
 * comes from opt->allocator (which must stay usable until gomap_sync_free
 * returns), and GOMAP_FIXED_SEED makes the internal maps' hashing
 * deterministic. opt may be NULL. Errors as gomap_new_with. */
GOMAP_API gomap_sync *gomap_sync_new_with(const gomap_type *key_type, const gomap_options *opt);

/** Frees the map and everything it owns, waiting for the reclamation of
 * memory retired earlier (liburcu's rcu_barrier), so that the allocator may
 * be destroyed once it returns. Not the values, nor gomap_str key bytes.
 * No other thread may use the map during or after the call, and it must not
 * be called from inside gomap_sync_range's callback or any RCU read-side
 * section (gomap_snapshot_read_begin/end). NULL is fine. O(size of the
 * map). */
GOMAP_API void gomap_sync_free(gomap_sync *m);

/** Load: true and *value = the value stored for key, or false (value
 * untouched) if key is absent. value may be NULL. False with errno =
 * EINVAL on bad input (see above), else never fails; lock-free
 * when the key is in the read map. O(1) on average (amortised: a miss may
 * promote the dirty map). */
GOMAP_API bool gomap_sync_load(gomap_sync *m, const void *key, void **value);

/** Store: sets the value for key. Returns 0, or ENOMEM (errno set too) if
 * adding a new key needed memory that could not be had; the map is then
 * unchanged, or EINVAL on bad input. A store to a key that is present never
 * allocates. */
GOMAP_API int gomap_sync_store(gomap_sync *m, const void *key, void *value);

/** LoadOrStore: if key is present, *actual = its value and *loaded = true;
 * otherwise stores value, *actual = value and *loaded = false. actual and
 * loaded may be NULL. Returns 0, ENOMEM or EINVAL (bad input), errno set
 * too (map unchanged, outputs untouched). */
GOMAP_API int gomap_sync_load_or_store(gomap_sync *m, const void *key, void *value, void **actual,
                                       bool *loaded);

/** LoadAndDelete: deletes key, returning true and its previous value in
 * *value (may be NULL) if it was present. False with errno = EINVAL on bad
 * input, else never fails. */
GOMAP_API bool gomap_sync_load_and_delete(gomap_sync *m, const void *key, void **value);

/** Delete: deletes key if present. Bad input: does nothing, errno =
 * EINVAL. */
GOMAP_API void gomap_sync_delete(gomap_sync *m, const void *key);

/** Swap: stores value for key and returns the previous value in *previous
 * with *loaded = true if key was present (else *loaded = false and
 * *previous = NULL). previous and loaded may be NULL. Returns 0, ENOMEM or
 * EINVAL (bad input), errno set too (map unchanged, outputs untouched). */
GOMAP_API int gomap_sync_swap(gomap_sync *m, const void *key, void *value, void **previous,
                              bool *loaded);

/** CompareAndSwap: if key is present with a value equal to old (pointer
 * equality), replaces it with new_value and returns true. Never allocates;
 * false with errno = EINVAL on bad input. */
GOMAP_API bool gomap_sync_compare_and_swap(gomap_sync *m, const void *key, void *old,
                                           void *new_value);

/** CompareAndDelete: if key is present with a value equal to old, deletes it
 * and returns true. False with errno = EINVAL on bad input. */
GOMAP_API bool gomap_sync_compare_and_delete(gomap_sync *m, const void *key, void *old);

/** Range: calls fn(key, value, ctx) for each key present, stopping when fn
 * returns false. Go's guarantees: no key is visited twice; a key stored or
 * deleted concurrently may or may not be visited; the value passed is one
 * the key held at some point during the call (not a snapshot of the whole
 * map). fn may call any gomap_sync function on m except gomap_sync_free.
 * `key` points to the map's copy of the key and is valid until fn returns.
 * Range runs inside one RCU read-side section, so a long Range delays the
 * reclamation of retired memory (not other threads' operations). Like
 * Go's, Range may cost O(n) even when fn stops early. m or fn NULL: does
 * nothing, errno = EINVAL. */
GOMAP_API void gomap_sync_range(gomap_sync *m, bool (*fn)(const void *key, void *value, void *ctx),
                                void *ctx);

/** Number of keys present. Exact when no operation is in flight; while
 * other threads change the map it is approximate (each change is counted
 * just after it takes effect, so the figure may lag behind by the number
 * of operations in flight). Lock-free, O(1). 0 with errno = EINVAL for a
 * NULL map. */
GOMAP_API size_t gomap_sync_len(gomap_sync *m);

#ifdef __cplusplus
}
#endif

#endif /* GOMAP_SYNC_H */
