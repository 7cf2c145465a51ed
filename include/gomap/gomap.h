/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * gomap.h - Go's runtime hash map (the classic Go 1.19 design) as a C17 library.
 *
 * Naming: public functions and types carry the prefix gomap_, macros GOMAP_.
 *
 * The map is Go's `hmap`: 2^B buckets of 8 slots with one-byte tophash
 * fingerprints, chained overflow buckets, load factor 6.5, and growth that
 * moves at most two old bucket chains per write, so no single operation
 * rehashes the whole table.
 *
 * Thread safety: like a Go map, a gomap is thread-compatible. Any number of
 * threads may read it at once (get, len, stats, iteration, clone), or one
 * thread may write it (assign, delete, clear, free), never both. Violations
 * are detected on a best-effort basis and are fatal (see gomap_set_fatal_handler).
 *
 * Pointer invalidation (the whole rule):
 *  - An elem pointer returned by gomap_get, gomap_assign and their fast
 *    paths, and the key/elem
 *    pointers of an iterator, stay valid until the next call that mutates the
 *    map: assign of any key (even an existing one: a write may move entries
 *    while the map is growing), delete, clear or free.
 *  - Iterators are the one exception: an iterator stays usable across writes
 *    made while it is live (Go's semantics), and the memory it walks is kept
 *    alive until it ends (gomap_iter_next returns false) or gomap_iter_done
 *    is called. gomap_free ends every iterator of the map.
 *
 * Errors: functions that can fail return NULL or false and set errno
 * (ENOMEM: allocation failed, the map is unchanged; EINVAL: bad argument).
 * Misuse that would corrupt memory (concurrent writes, assignment to a NULL
 * map, a fast path on a map of another key kind) is fatal.
 *
 * Bad input, in every header: a NULL handle (other than the NULL map, which
 * is Go's nil map), a NULL key for a key type of non-zero size, a string key
 * whose bytes are NULL with len > 0 or whose len exceeds PTRDIFF_MAX, a NULL
 * out-pointer or callback that is required, or unknown flag bits give the
 * error each function documents (NULL, false or 0 with errno = EINVAL, or
 * nothing done with errno = EINVAL) and leave everything unchanged; the
 * nil map's Go behaviour and Go's fatal errors come first.
 *
 * fork(): a child may go on using every map, sync map, pool and snapshot it
 * inherited without calling anything (the library takes the locks it needs
 * around the fork and restarts what liburcu needs in the child), and the
 * maps it makes get hash seeds of their own.
 */
#ifndef GOMAP_GOMAP_H
#define GOMAP_GOMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks the functions the shared library exports. */
#if defined(_WIN32) && defined(GOMAP_SHARED_BUILD)
#define GOMAP_API __declspec(dllexport)
#elif defined(__GNUC__)
#define GOMAP_API __attribute__((visibility("default")))
#else
#define GOMAP_API
#endif

#define GOMAP_VERSION_MAJOR 0 /**< the library's version: major (incompatible changes) */
#define GOMAP_VERSION_MINOR 1 /**< minor (additions) */
#define GOMAP_VERSION_PATCH 0 /**< patch (fixes) */

/* ------------------------------------------------------------------------ */
/* Types                                                                    */
/* ------------------------------------------------------------------------ */

/** Opaque map header (Go's hmap). */
typedef struct gomap gomap;

/** A Go string header: the map stores {ptr, len}; the bytes are not copied,
 * the caller keeps them alive and unchanged while the map holds the key. */
typedef struct gomap_str {
    const char *ptr; /**< the bytes (need not be NUL-terminated; may be NULL when len is 0) */
    size_t len;      /**< their number */
} gomap_str;

/** Called by the map on a key or elem it discards (see gomap_type.key_drop);
 * obj points to the stored key or elem, readable for the call only. */
typedef void (*gomap_drop_fn)(void *obj);

/** hash(key, seed): any good keyed hash; equal keys must hash equally for
 * every seed (except keys that are not equal to themselves, like NaN). */
typedef uint64_t (*gomap_hash_fn)(const void *key, uint64_t seed);
/** equal(a, b): whether two keys of the map's key type are equal. */
typedef bool (*gomap_equal_fn)(const void *a, const void *b);

/* gomap_type.flags */
#define GOMAP_KEY_NOT_REFLEXIVE 0x1u /**< some key is not equal to itself (NaN) */
#define GOMAP_KEY_NEEDS_UPDATE  0x2u /**< assign over an equal key stores the new key bytes */
#define GOMAP_KEY_POINTERS      0x4u /**< keys hold pointers (for garbage collectors) */
#define GOMAP_ELEM_POINTERS     0x8u /**< elems hold pointers (for garbage collectors) */

/** The alignment of type T, in C (_Alignof) and in C++ (alignof) alike. */
#ifdef __cplusplus
#define GOMAP_ALIGNOF(T) alignof(T)
#else
#define GOMAP_ALIGNOF(T) _Alignof(T)
#endif

/** Largest key/elem alignment supported (Go allows 8; gomap allows up to
 * max_align_t). Custom allocators must return memory aligned to this. */
#define GOMAP_MAX_ALIGN GOMAP_ALIGNOF(max_align_t)

/** Keys and elems larger than this many bytes are stored indirectly (the slot
 * holds a pointer to separately allocated storage), as in Go. */
#define GOMAP_MAX_INLINE 128

/** Go's maptype. gomap_new copies it, so it need not outlive the call.
 * key_size must be a multiple of key_align (likewise for elems), alignments
 * must be powers of two no larger than GOMAP_MAX_ALIGN. Sizes may be 0. */
typedef struct gomap_type {
    size_t key_size;      /**< bytes of a key */
    size_t key_align;     /**< its alignment */
    size_t elem_size;     /**< bytes of an elem (0: a set) */
    size_t elem_align;    /**< its alignment */
    gomap_hash_fn hash;   /**< the key hash */
    gomap_equal_fn equal; /**< key equality */
    unsigned flags;       /**< GOMAP_KEY_NOT_REFLEXIVE, GOMAP_KEY_NEEDS_UPDATE, GOMAP_KEY_POINTERS,
                             GOMAP_ELEM_POINTERS */
    /** Ownership (NULL: none). The map calls key_drop on each stored key and
     * elem_drop on each stored elem it discards, exactly once: gomap_delete,
     * gomap_iter_delete, gomap_clear, gomap_free (and what is built on them:
     * a pool's put, a snapshot's replaced map), and, under
     * GOMAP_KEY_NEEDS_UPDATE, a stored key that an assign overwrites with
     * different bytes. Never for what gomap_take copies out, nor for a key
     * passed to an assign that found it present without storing it. Called
     * while the map is being written: they must not call into the map. A map
     * with drop functions cannot be cloned (gomap_clone: EINVAL). */
    gomap_drop_fn key_drop;
    gomap_drop_fn elem_drop; /**< see key_drop */
} gomap_type;

/** The size and alignment of type T as two arguments, for the elem (or key)
 * part of a type: gomap_type_u64(GOMAP_ELEM(struct point)). */
#define GOMAP_ELEM(T) sizeof(T), GOMAP_ALIGNOF(T)

/** Ready-made key kind uint32_t. A map made with one of the ready-made kinds
 * uses the matching fast path internally, for the generic functions too.
 * elem_size may be 0 (a set). Pure function, O(1). */
GOMAP_API gomap_type gomap_type_u32(size_t elem_size, size_t elem_align);
/** Ready-made key kind uint64_t (as gomap_type_u32). */
GOMAP_API gomap_type gomap_type_u64(size_t elem_size, size_t elem_align);
/** key: double with Go float64 semantics: +0 == -0 (assign stores the new
 * sign), NaN != NaN: every NaN insert adds an entry that only iteration and
 * clear can reach. */
GOMAP_API gomap_type gomap_type_f64(size_t elem_size, size_t elem_align);
/** key: gomap_str; the bytes are not copied (the caller keeps them alive). */
GOMAP_API gomap_type gomap_type_str(size_t elem_size, size_t elem_align);
/** key: gomap_str, owned by the map. An assign that adds a key copies its
 * bytes (through the map's allocator, NUL-terminated: the stored ptr may be
 * used as a C string) and the map frees the copy when it discards the key
 * (delete, clear, free); an assign of a present key keeps the stored copy.
 * Lookups read the caller's bytes only during the call, so one buffer may
 * be reused for every key. The _str fast paths work on it (their
 * "wrong kind" check accepts it). Out of memory while copying: NULL with
 * errno = ENOMEM, the map unchanged. gomap_take hands the copy to the
 * caller (see gomap_str_free); gomap_clone copies every key again. Pure
 * function, O(1). */
GOMAP_API gomap_type gomap_type_str_owned(size_t elem_size, size_t elem_align);

/** The seeded hash of the str kind, for custom types: XXH3 over len bytes
 * at p. Pure function, O(len). p NULL with len > 0, or len > PTRDIFF_MAX:
 * 0 with errno = EINVAL. */
GOMAP_API uint64_t gomap_hash_bytes(const void *p, size_t len, uint64_t seed);
/** The seeded hash of the u32 and u64 kinds, for custom types: two folded
 * 64x64->128-bit multiplies (not XXH3), the first by a secret word derived
 * from the seed. Pure function, O(1). */
GOMAP_API uint64_t gomap_hash_u64(uint64_t key, uint64_t seed);

/* gomap_allocator.alloc flags */
#define GOMAP_ALLOC_ZERO   0x1u /**< the block must be zero-filled */
#define GOMAP_ALLOC_NOSCAN 0x2u /**< the block holds no pointers a collector must trace */

/** Every byte the map owns comes from its allocator. alloc returns a block of
 * at least `size` bytes aligned to GOMAP_MAX_ALIGN, or NULL on failure; free
 * receives the same size that alloc was asked for. */
typedef struct gomap_allocator {
    /** a block of size bytes (GOMAP_ALLOC_ZERO: zero-filled), or NULL */
    void *(*alloc)(void *ctx, size_t size, unsigned flags);
    /** gives back a block, with the size it was asked for */
    void (*free)(void *ctx, void *ptr, size_t size);
    void *ctx; /**< passed to alloc and free */
} gomap_allocator;

/* gomap_options.flags */
#define GOMAP_FIXED_SEED 0x1u /**< deterministic hashing and iteration order */
/** Default allocator (Linux): free large blocks (1 MiB or more: the bucket
 * arrays of large maps) with munmap inside the call that releases them (the
 * write that ends a growth, gomap_clear, gomap_free) instead of handing them
 * to the process-wide thread the library otherwise starts on the first large
 * block; and leave a new large block's pages to be faulted in by the writes
 * that first touch them, where that thread would fault them in ahead
 * (MADV_POPULATE_WRITE, Linux 5.14 and later). No effect with a custom
 * allocator. */
#define GOMAP_NO_BACKGROUND 0x2u
/** Accepted for compatibility; no effect. Large arrays are mapped with the
 * system's default page size (no MADV_HUGEPAGE advice). */
#define GOMAP_NO_HUGE_PAGES 0x4u
/** The map shrinks by itself (as gomap_shrink) when a delete leaves it
 * holding at most 1/8 of what its array holds at load factor 6.5
 * (6.5 * 2^B / 8 entries) and no iterator of it is live. A shrink lands on
 * the smallest array that holds the entries, so the next doubling is 8
 * times further away than the next shrink: inserts and deletes alternating
 * around either threshold cause at most one growth or shrink. Deletes
 * stay never-failing: a shrink that cannot get memory does not start. */
#define GOMAP_AUTO_SHRINK 0x8u

/** Waits until the background thread has unmapped every block maps handed
 * to it and has finished populating (faulting in ahead of the map's writes)
 * the large arrays the default allocator mapped (both queues are empty and
 * the thread idle); returns at once if it was never started, or in the
 * child of a fork until the child starts its own. For measurements of the
 * process's memory and tests; maps never need it. Thread-safe. Allocates
 * nothing, invalidates nothing. O(queued blocks + bytes left to populate). */
GOMAP_API void gomap_background_wait(void);

/** What gomap_new_with takes beyond the type and the hint. */
typedef struct gomap_options {
    const gomap_allocator *allocator; /**< NULL: malloc/calloc/free; copied by gomap_new_with */
    uint64_t seed;                    /**< used only with GOMAP_FIXED_SEED */
    unsigned flags;                   /**< GOMAP_FIXED_SEED, GOMAP_NO_BACKGROUND, GOMAP_AUTO_SHRINK
                                         (GOMAP_NO_HUGE_PAGES: no-op) */
} gomap_options;

/* ------------------------------------------------------------------------ */
/* Lifetime                                                                 */
/* ------------------------------------------------------------------------ */

/** New empty map for keys/elems described by t (copied). hint picks B exactly
 * as Go's makemap does (hint <= 8: B = 0 and no bucket is allocated until the
 * first insert; hints whose bucket bytes would exceed 2^48 are ignored, as in
 * Go). Returns NULL with errno = EINVAL (t NULL, bad size/alignment, missing
 * hash or equal, t->flags bits other than the GOMAP_KEY_ and GOMAP_ELEM_
 * ones) or ENOMEM. The caller owns the map and frees it with gomap_free.
 * O(1) plus the allocator's cost of the hint's bucket array, which is
 * allocated (zeroed where needed) and not touched: with the default
 * allocator an array of 1 MiB or more is mapped from the OS, and its pages
 * are faulted in by the inserts that first write to them. */
GOMAP_API gomap *gomap_new(const gomap_type *t, size_t hint);
/** gomap_new with options: the allocator (copied; it must stay usable until
 * gomap_free returns), a fixed seed, and the large-array flags. opt may be
 * NULL (the defaults). Errors as gomap_new, and EINVAL for an allocator
 * missing alloc or free, or opt->flags bits other than GOMAP_FIXED_SEED,
 * GOMAP_NO_BACKGROUND, GOMAP_NO_HUGE_PAGES and GOMAP_AUTO_SHRINK. */
GOMAP_API gomap *gomap_new_with(const gomap_type *t, size_t hint, const gomap_options *opt);

/* ---- A map in the caller's storage ---- */

/** @cond */
/* A bound on the map header's size, checked by a static assertion in the
 * library (the header's layout is not public). */
#define GOMAP_STORAGE_HEADER_BYTES_ 640u
#define GOMAP_STORAGE_SLOT_(n)      ((size_t)(n) > GOMAP_MAX_INLINE ? sizeof(void *) : (size_t)(n))
/** @endcond */

/** Bytes of storage enough for gomap_init of a map with keys of key_size
 * bytes and elems of elem_size bytes (0: a set), for any alignments up to
 * 16 (sizes above GOMAP_MAX_INLINE included: they are stored indirectly):
 * an integer constant expression, usable as an array size in C and C++,
 * never less than gomap_storage_size of such a type (it may be a little
 * more). A bound that held for one version of the library may change in
 * another: size storage with this macro, not with a number.
 *
 *     _Alignas(max_align_t) unsigned char buf[GOMAP_STORAGE_BYTES(8, 8)];
 *     gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
 *     gomap *m = gomap_init(buf, sizeof buf, &t, NULL);
 *     ...
 *     gomap_free(m); // before buf goes out of scope
 */
#define GOMAP_STORAGE_BYTES(key_size, elem_size)                                                   \
    ((size_t)GOMAP_STORAGE_HEADER_BYTES_ + 96u +                                                   \
     8u * (GOMAP_STORAGE_SLOT_(key_size) + GOMAP_STORAGE_SLOT_(elem_size)))

/** The bytes gomap_init needs for a map of type t: the map header and one
 * bucket (8 entries). At most GOMAP_STORAGE_BYTES(t->key_size,
 * t->elem_size). 0 with errno = EINVAL for a type gomap_new refuses. Pure
 * function of t, O(1); allocates nothing. */
GOMAP_API size_t gomap_storage_size(const gomap_type *t);

/** A new empty map whose header and first bucket live in `storage`, the
 * caller's memory (Go's map that does not escape: its hmap and first bucket
 * on the stack). Up to 8 entries the map makes no call to its allocator,
 * whatever is done to it (assign, get, delete, iteration, clear, stats,
 * free; a clone is a new map from the allocator), except for keys or elems
 * over GOMAP_MAX_INLINE bytes, allocated one by one as in every map. The
 * insert that outgrows the bucket starts a growth to 2 buckets from the
 * allocator (NULL + ENOMEM, map unchanged, if that fails), and from then on
 * the map is an ordinary one (the bucket in storage is left unused: clear
 * keeps the allocated array, as for every map).
 *
 * Ownership: the caller owns storage; the map uses the first
 * gomap_storage_size(t) bytes of it and nothing beyond. The storage must not
 * be moved, copied or freed while the map lives, and the map must be freed
 * with gomap_free (which frees what the map allocated and leaves the
 * storage to the caller, who may then reuse it) before the storage goes
 * away: for stack storage, before its function returns. Nothing that takes
 * over a map and frees it later may get this one (gomap_snapshot_new and
 * edit_commit; gomap_pool_put frees it at once), unless the storage outlives
 * that. With a tracing collector's allocator (docs/gc.md) the storage must
 * be memory the collector scans. The returned pointer is storage itself;
 * every other function takes it like a map from gomap_new, and
 * gomap_clone of it is an ordinary map from the allocator.
 *
 * t and opt as for gomap_new_with (hint 0), with the same fixed-seed
 * iteration orders. Returns NULL with errno = EINVAL for storage NULL or not
 * aligned to GOMAP_MAX_ALIGN (max_align_t), size below
 * gomap_storage_size(t), and everything gomap_new_with refuses; never
 * ENOMEM. O(1): writes the header and the bucket, allocates nothing. */
GOMAP_API gomap *gomap_init(void *storage, size_t size, const gomap_type *t,
                            const gomap_options *opt);

/** Frees the map and everything it owns (not the bytes behind gomap_str keys,
 * nor anything elems point to, except what the type's drop functions free
 * and the copies a gomap_type_str_owned map made: the drops run on every
 * entry). NULL is fine. Every iterator of the map dies. A map made by
 * gomap_init: frees what it allocated and leaves the storage to the caller
 * (never given to the allocator).
 * With the default allocator, the last small block (at most 16 KiB, such as
 * a small map's) freed by a thread may be kept for that thread's next
 * allocation of that size instead: one block per thread, freed when the
 * thread exits; blocks of 1 MiB or more are unmapped by the background
 * thread unless GOMAP_NO_BACKGROUND. O(buckets). */
GOMAP_API void gomap_free(gomap *m);

/** Independent copy with the same entries (NaN entries included), allocator
 * and options, always from the allocator (also for a map made by
 * gomap_init). Indirect keys/elems are copied, and so are the keys of a
 * gomap_type_str_owned map (each map frees its own). Returns NULL with
 * errno = ENOMEM on failure, or EINVAL for a map whose type has a key_drop
 * or elem_drop (both maps would drop the same objects); the clone of NULL
 * is NULL with errno = 0.
 * The caller owns the clone. A read of m. O(buckets + entries). */
GOMAP_API gomap *gomap_clone(const gomap *m);

/** Removes every entry, NaN keys included, and keeps the bucket array (Go 1.21
 * clear); the type's drop functions run on each. Overflow buckets and old
 * arrays are released (or, while iterators are live, kept until they end).
 * Iterators in flight stop producing the removed entries. Invalidates every
 * elem pointer. NULL is a no-op. Never fails, and allocates nothing, with one
 * exception: while iterators are live, a map whose buckets a custom
 * allocator gives GOMAP_ALLOC_NOSCAN may allocate a record of the blocks the
 * iterators pin, to keep them reachable for a collector (docs/gc.md); if
 * that allocation fails they stay in the map's table instead. O(buckets). */
GOMAP_API void gomap_clear(gomap *m);

/** Makes room for n entries: starts a growth to the array gomap_new(t, n)
 * would make (2^B buckets, the smallest B with n <= 6.5 * 2^B), evacuated
 * incrementally by later writes as a growth is, so that no doubling starts
 * before the map holds n entries. A write: n at most len(m), or an array
 * already that large (or being grown or shrunk to one that large), make it
 * a no-op returning true; a map without entries gets the new array at
 * once. A growth or shrink in progress is finished first, within the call.
 * Arrays of at most 8 buckets, and maps of key types that are not
 * reflexive (GOMAP_KEY_NOT_REFLEXIVE, the f64 kind) when the array grows
 * by more than one doubling, are evacuated within the call.
 * Returns false with errno = ENOMEM (the map unchanged) if memory runs out,
 * including n too large for any array; NULL m (the nil map): true for
 * n = 0, else false with errno = EINVAL. The map keeps owning its memory.
 * Invalidates elem pointers (entries move). O(1) plus the allocator's cost
 * of the new array, plus O(old buckets) when it finishes an evacuation or
 * evacuates at once. */
GOMAP_API bool gomap_reserve(gomap *m, size_t n);

/** Starts an incremental shrink to the smallest array that holds len(m)
 * entries under load factor 6.5 (Go maps never shrink; this is an
 * addition). Every later write (assign or delete) moves at most two old
 * chains that hold entries into the new array, passing over up to 1024
 * chains without entries on the way, so the shrink ends within about
 * 2^oldB / 2 writes, and much sooner after mass deletion; then the old
 * array is released (kept until they end while iterators are live).
 * Lookups, iteration and clone see every entry throughout; iterators keep
 * Go's guarantees across a shrink that starts or ends while they run.
 * A write: an array already as small as that is a no-op returning true; a
 * map without entries gives up its arrays at once (as a map made without
 * a hint, it gets one bucket at its next insert); a growth or shrink in
 * progress is finished first, within the call. Arrays of at most 8
 * buckets, and maps of key types that are not reflexive
 * (GOMAP_KEY_NOT_REFLEXIVE, the f64 kind: an iterator could not tell which
 * old chain a NaN key came from), are evacuated within the call.
 * Returns false with errno = ENOMEM (the map unchanged) if memory runs out.
 * NULL m (the nil map): true. The map keeps owning its memory.
 * Invalidates elem pointers (entries move, as in a growth). O(1) plus the
 * allocator's cost of the new array, plus O(old buckets) when it finishes
 * an evacuation or evacuates at once. */
GOMAP_API bool gomap_shrink(gomap *m);

/** Number of entries; 0 for NULL. A read, O(1). */
GOMAP_API size_t gomap_len(const gomap *m);

/* ------------------------------------------------------------------------ */
/* Access (generic: key points to a key of the map's key type)              */
/* ------------------------------------------------------------------------ */

/** Pointer to the elem of key, or NULL if absent (always NULL for a NULL map,
 * and for NaN keys). For a set (elem_size 0) a non-NULL pointer that must not
 * be dereferenced. Valid until the next mutating call. A read. NULL with
 * errno = EINVAL for a NULL key (key size not 0) or, on a gomap_type_str
 * map, a string with NULL bytes and len > 0 or len > PTRDIFF_MAX; never
 * fails otherwise. O(1) on average. */
GOMAP_API void *gomap_get(const gomap *m, const void *key);

/** Pointer to the elem slot of key, inserting it (elem zeroed) if absent.
 * Returns NULL with errno = ENOMEM if memory ran out, or EINVAL for a key
 * gomap_get refuses; the map is then unchanged. May start or advance a growth: every elem pointer
 * obtained before is invalidated. Fatal for a NULL map. O(1) amortised: a growth moves at most two
 * old bucket chains per write. */
GOMAP_API void *gomap_assign(gomap *m, const void *key);

/** Removes key; true if it was present (the type's drop functions run on
 * the stored key and elem). False with errno = EINVAL for a key
 * gomap_get refuses. Otherwise never fails: while a growth is in
 * progress a delete helps it along (Go's growWork), which may allocate
 * overflow buckets; if that allocation fails the key is removed from the old
 * chain in place and the growth waits for a later write. Invalidates elem
 * pointers. A delete that empties the map picks a new hash seed. O(1) on
 * average. */
GOMAP_API bool gomap_delete(gomap *m, const void *key);

/* ------------------------------------------------------------------------ */
/* Fast paths: the map's type must be the matching ready-made kind (fatal   */
/* otherwise). Same semantics as the generic functions. The u32 and u64     */
/* ones take no pointer: no bad input. The str ones refuse (NULL, len > 0)  */
/* and len > PTRDIFF_MAX with EINVAL (NULL or false), after the wrong-kind  */
/* and nil-map checks, which stay fatal.                                    */
/* ------------------------------------------------------------------------ */

/** gomap_get on a gomap_type_u32 map. */
GOMAP_API void *gomap_get_u32(const gomap *m, uint32_t key);
/** gomap_assign on a gomap_type_u32 map (NULL + ENOMEM; invalidates elem pointers). */
GOMAP_API void *gomap_assign_u32(gomap *m, uint32_t key);
/** gomap_delete on a gomap_type_u32 map. */
GOMAP_API bool gomap_delete_u32(gomap *m, uint32_t key);
/** gomap_get on a gomap_type_u64 map. */
GOMAP_API void *gomap_get_u64(const gomap *m, uint64_t key);
/** gomap_assign on a gomap_type_u64 map (NULL + ENOMEM; invalidates elem pointers). */
GOMAP_API void *gomap_assign_u64(gomap *m, uint64_t key);
/** gomap_delete on a gomap_type_u64 map. */
GOMAP_API bool gomap_delete_u64(gomap *m, uint64_t key);
/** gomap_get on a gomap_type_str map, for the len bytes at ptr. */
GOMAP_API void *gomap_get_str(const gomap *m, const char *ptr, size_t len);
/** gomap_assign on a gomap_type_str map: stores {ptr, len}, not a copy of
 * the bytes, which the caller keeps alive and unchanged while the key is in
 * the map (NULL + ENOMEM; invalidates elem pointers). */
GOMAP_API void *gomap_assign_str(gomap *m, const char *ptr, size_t len);
/** gomap_delete on a gomap_type_str map. */
GOMAP_API bool gomap_delete_str(gomap *m, const char *ptr, size_t len);

/* ------------------------------------------------------------------------ */
/* Go's "v, ok" forms and ownership transfer                                */
/* ------------------------------------------------------------------------ */

/** gomap_assign that also says whether the key was new: *inserted is set to
 * true if this call added it, false if it was present (or on failure).
 * inserted may be NULL. Returns, fails and invalidates as gomap_assign
 * (fatal for a NULL map; NULL with ENOMEM or EINVAL, map unchanged). With a
 * key_drop and without GOMAP_KEY_NEEDS_UPDATE, *inserted tells whether the
 * map took the key passed (true) or the caller still owns it (false).
 * O(1) amortised. */
GOMAP_API void *gomap_assign2(gomap *m, const void *key, bool *inserted);
/** gomap_assign2 on a gomap_type_u32 map (fatal on another kind). */
GOMAP_API void *gomap_assign2_u32(gomap *m, uint32_t key, bool *inserted);
/** gomap_assign2 on a gomap_type_u64 map (fatal on another kind). */
GOMAP_API void *gomap_assign2_u64(gomap *m, uint64_t key, bool *inserted);
/** gomap_assign2 on a gomap_type_str or gomap_type_str_owned map, for the
 * len bytes at ptr (as gomap_assign_str; fatal on another kind). */
GOMAP_API void *gomap_assign2_str(gomap *m, const char *ptr, size_t len, bool *inserted);

/** Go's mapaccessK: the elem of key (as gomap_get) and, in *stored_key, the
 * address of the key stored in the map (NULL when absent). stored_key may be
 * NULL. The stored key is the map's: for a gomap_type_str_owned map it
 * points to the map's copy of the bytes (a way to intern strings). Both
 * pointers are valid until the next mutating call; the key must not be
 * written. A read. NULL (and *stored_key NULL) for a NULL map, an absent or
 * NaN key, and with errno = EINVAL for a key gomap_get refuses. O(1) on
 * average. */
GOMAP_API void *gomap_get_kv(const gomap *m, const void *key, const void **stored_key);

/** Removes key as gomap_delete does, first copying the stored key to
 * key_out (key_size bytes) and the elem to elem_out (elem_size bytes); either
 * may be NULL, and that part is then discarded as by gomap_delete (its drop
 * function runs, an owned string's bytes are freed). What is copied out
 * belongs to the caller: no drop function runs on it. For a
 * gomap_type_str_owned map the gomap_str copied to key_out points to the
 * bytes the map had copied, now the caller's, who frees them with
 * gomap_str_free(m, s). True if the key was present; false if absent (also
 * for a NULL map and NaN keys), and false with errno = EINVAL for a key
 * gomap_get refuses. Never fails otherwise (a growth step it cannot get
 * memory for waits, as for gomap_delete). Invalidates elem pointers and the
 * key pointer of the entry. O(1) on average. */
GOMAP_API bool gomap_take(gomap *m, const void *key, void *key_out, void *elem_out);

/** Frees the bytes of a key that gomap_take copied out of the
 * gomap_type_str_owned map m (through m's allocator; while iterators of m
 * are live they are kept until the last one ends, as a deleted key's are).
 * Call it before gomap_free(m). s.ptr NULL: does nothing. m NULL or not of
 * that kind: does nothing, errno = EINVAL. Not concurrently with writes to
 * m. O(1). */
GOMAP_API void gomap_str_free(gomap *m, gomap_str s);

/* ------------------------------------------------------------------------ */
/* Iteration                                                                */
/* ------------------------------------------------------------------------ */

/** Go's range semantics: random start bucket and in-bucket offset; an entry
 * deleted before it is reached is not returned; an entry added during the
 * iteration may or may not be returned; no entry is returned twice, even if
 * the map grows or shrinks (gomap_shrink, gomap_reserve, GOMAP_AUTO_SHRINK).
 * The loop body may assign and delete on the same map.
 *
 * A live iterator pins the bucket memory it may still walk (old arrays,
 * detached overflow buckets, deleted indirect keys). It is released when
 * gomap_iter_next returns false or gomap_iter_done is called: call
 * gomap_iter_done when leaving a loop early, or that memory is kept until
 * gomap_free. gomap_iter_done is idempotent and is also fine after the end.
 *
 *     gomap_iter it;
 *     for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
 *         use(it.key, it.elem);
 */
typedef struct gomap_iter {
    const void *key; /**< valid after gomap_iter_next returns true, until the next call */
    void *elem;      /**< the elem of key, writable; same validity */
    struct gomap_iter_private_ { /**< private: do not touch */
        /* What the inline gomap_iter_next reads: the cells of the current
         * bucket still to visit (a queue of 4-bit entries, lowest first:
         * 8 | cell index), the byte that tells whether it may serve them
         * (the map's flags, or a constant that sends every call out of
         * line), the bucket's tophash bytes and body, and the layout. */
        uint32_t cells_;
        uint16_t key_stride_, elem_stride_, elem_off_;
        uint8_t B_, offset_, wrapped_, old_chain_;
        uint16_t state_;
        uint8_t shrink_; /* started during a shrink: 1 + B of the new array */
        const unsigned char *gate_, *top_;
        unsigned char *body_;
        void *map_, *buckets_;
        size_t start_bucket_, bucket_, clears_;
    } private_;
} gomap_iter;

/** Starts an iteration of m (NULL: an empty one). Allocates nothing and
 * never fails; it NULL: does nothing, errno = EINVAL. O(1). */
GOMAP_API void gomap_iter_init(gomap_iter *it, gomap *m);
/** Moves to the next entry: true with it->key and it->elem set, or false at
 * the end (which releases what the iterator pinned). O(1) amortised per
 * entry, O(buckets) over the whole iteration. A call written
 * gomap_iter_next(it) is expanded inline (the entries of a bucket after the
 * first need no call); the function itself, as (gomap_iter_next)(it) or
 * through its address, behaves the same. it NULL: false, errno = EINVAL. */
GOMAP_API bool gomap_iter_next(gomap_iter *it);
/** Ends the iteration early and releases what it pinned; idempotent. it
 * NULL: does nothing, errno = EINVAL. O(1). */
GOMAP_API void gomap_iter_done(gomap_iter *it);

/** Deletes the entry the last gomap_iter_next returned, as gomap_delete of
 * its key would (drop functions run, a growth step is taken), usually
 * without hashing the key again: the entry is removed from the cell the
 * iterator returned. The iteration goes on under Go's rules: every entry not
 * yet reached is still returned once unless deleted, none twice. Call it
 * before any other write to the map since that gomap_iter_next (a write may
 * move the entry; the iterator would then delete its key wherever it is).
 * A key not equal to itself (NaN) is not removed, as gomap_delete never
 * finds one (Go removes them only by clear): false, errno unchanged, and
 * the iteration goes on. True if an entry was removed. False with
 * errno = EINVAL when there is no entry to delete: it NULL, before the
 * first gomap_iter_next, after the end, or a second time for one entry.
 * Invalidates it->key, it->elem (set to NULL) and elem pointers into the
 * map, not the iterator. Never fails: its growth step may allocate overflow
 * buckets, and waits if it cannot get them (as for gomap_delete). O(1). */
GOMAP_API bool gomap_iter_delete(gomap_iter *it);

/* gomap_iter_next, inline: the next cell of the bucket the out-of-line
 * part last entered, while it still holds its entry (tophash at least
 * Go's minTopHash, 5: not emptied by a delete, not moved by a growth
 * since) and no write is in progress (the map's hashWriting flag, 4: Go's
 * "concurrent map iteration and map write"). Everything else (a new
 * bucket, moved cells, layouts with indirect keys or elems, the end) is
 * gomap_iter_next_slow_'s. */
GOMAP_API bool gomap_iter_next_slow_(gomap_iter *it);

#define GOMAP_ITER_WRITING_     4u
#define GOMAP_ITER_MIN_TOPHASH_ 5u

#if defined(__GNUC__)
#define GOMAP_ITER_GATE_(p)   __atomic_load_n((p), __ATOMIC_RELAXED)
#define GOMAP_ITER_LIKELY_(x) __builtin_expect(!!(x), 1)
#else
#define GOMAP_ITER_GATE_(p)   (*(const volatile unsigned char *)(p))
#define GOMAP_ITER_LIKELY_(x) (x)
#endif

static inline bool gomap_iter_next_inline_(gomap_iter *it)
{
    /* A NULL iterator goes to the function, which reports it; for the
     * usual &local the test folds away. */
    if (it == NULL)
        return gomap_iter_next_slow_(it);
    uint32_t q = it->private_.cells_;
    if (GOMAP_ITER_LIKELY_(q != 0) &&
        GOMAP_ITER_LIKELY_(!(GOMAP_ITER_GATE_(it->private_.gate_) & GOMAP_ITER_WRITING_))) {
        unsigned c = q & 7u;
        if (GOMAP_ITER_LIKELY_(it->private_.top_[c] >= GOMAP_ITER_MIN_TOPHASH_)) {
            unsigned char *body = it->private_.body_;
            it->private_.cells_ = q >> 4;
            it->key = body + (size_t)c * it->private_.key_stride_;
            it->elem = body + it->private_.elem_off_ + (size_t)c * it->private_.elem_stride_;
            return true;
        }
    }
    return gomap_iter_next_slow_(it);
}

/** @cond */
/* Calls are served inline; &gomap_iter_next still names the function. */
#define gomap_iter_next(it) gomap_iter_next_inline_(it)
/** @endcond */

/* ------------------------------------------------------------------------ */
/* Introspection                                                            */
/* ------------------------------------------------------------------------ */

/** A summary of a map's shape, filled by gomap_stats_get. */
typedef struct gomap_stats {
    size_t count;            /**< entries */
    unsigned B;              /**< log2 of the bucket count */
    size_t buckets;          /**< 2^B, or 0 when no bucket is allocated yet */
    size_t overflow_buckets; /**< exact number linked into the current and old arrays */
    bool growing;            /**< a growth or shrink is in progress (bytes counts both arrays) */
    size_t old_buckets;      /**< while growing; more than buckets while shrinking */
    size_t evacuated;        /**< old buckets already evacuated (nevacuate) */
    size_t bytes; /**< heap bytes owned by the map, all included (not gomap_init's storage) */
} gomap_stats;

/** Fills *out; all zero for a NULL map. out NULL: does nothing, errno =
 * EINVAL. A read: safe with other readers.
 * O(1) (the overflow count is kept up to date by the map). */
GOMAP_API void gomap_stats_get(const gomap *m, gomap_stats *out);

/** Checks the map's structural invariants (count matches the live cells,
 * emptyRest marks only trailing runs, evacuation marks only in evacuated old
 * chains, every key in the bucket its hash selects). Returns NULL if all
 * hold, else a static description of the first violation. O(size of map);
 * meant for tests and debugging. A read. */
GOMAP_API const char *gomap_check(const gomap *m);

/* ------------------------------------------------------------------------ */
/* Garbage-collector cooperation (docs/gc.md)                               */
/* ------------------------------------------------------------------------ */

/** What gomap_scan reports (the `kind` argument of the visitor). The first
 * five are blocks of memory the map owns; ptr and size are exactly what the
 * allocator returned and was asked for. */
/** The map header (holds pointers); not reported for a map made by gomap_init,
 * whose header is the caller's memory. */
#define GOMAP_SCAN_HEADER   1u
#define GOMAP_SCAN_ARRAY    2u /**< a bucket array (main buckets and spare overflow buckets) */
#define GOMAP_SCAN_OVERFLOW 3u /**< an overflow bucket allocated alone; MAPPED: a chunk of them */
#define GOMAP_SCAN_INDIRECT 4u /**< storage of one key or elem larger than GOMAP_MAX_INLINE */
#define GOMAP_SCAN_TABLE    5u /**< the table that keeps NOSCAN blocks reachable */
/** A key or elem that holds pointers: ptr/size are the key_size/elem_size
 * bytes of the value itself (through the indirection for large ones).
 * Reported only for types flagged GOMAP_KEY_POINTERS / GOMAP_ELEM_POINTERS
 * (string keys always). */
#define GOMAP_SCAN_KEY 6u
/** An elem that holds pointers (as GOMAP_SCAN_KEY). */
#define GOMAP_SCAN_ELEM 7u

/** Flags passed with a report. Blocks carry the GOMAP_ALLOC_NOSCAN flag they
 * were allocated with, plus: */
/** Never reported any more: every block comes from the map's allocator
 * (kept so that code testing for it still compiles). */
#define GOMAP_SCAN_MAPPED 0x100u
#define GOMAP_SCAN_PINNED 0x200u /**< released by the map, kept only for live iterators */
/** A key or elem copy left behind by evacuation (or in pinned memory), which
 * a live iterator may still read; the live copy, if any, is reported too. */
#define GOMAP_SCAN_STALE 0x400u

/** The visitor of gomap_scan: kind is a GOMAP_SCAN_ kind, flags the block's
 * GOMAP_ALLOC_NOSCAN and GOMAP_SCAN_ flags. */
typedef void (*gomap_scan_fn)(void *ctx, unsigned kind, void *ptr, size_t size, unsigned flags);

/** Reports to visit every block the map owns and every key and elem a
 * collector must trace, in any state (growing, with live iterators, after
 * clear). A block is reported once; a value may be reported twice (a live
 * copy and a stale one). Allocates nothing and does not call the map's
 * allocator. A read, but it also walks memory that ending the last live
 * iterator frees: run it while no thread writes the map or ends an
 * iterator of it (a stop-the-world collector's mark phase). NULL m: no-op
 * (the nil map owns nothing); NULL visit: no-op with errno = EINVAL.
 * O(buckets + entries). */
GOMAP_API void gomap_scan(const gomap *m, gomap_scan_fn visit, void *ctx);

/** Write-barrier hook for incremental and generational collectors: fn is
 * called, during the mutating call that causes it, after the map itself
 * stores into a bucket: a key and an elem moved by evacuation (slot is the
 * destination key or elem slot: for indirect ones, the slot holding the
 * pointer) and the link to a new overflow bucket. What the program stores
 * (the key it passes to an assign, what it writes through the returned elem
 * pointer) and the map's header are the program's to report, like any other
 * write it makes to the map (docs/gc.md). fn must not call into the map.
 * NULL fn removes the hook; a clone starts without one. Not for NULL m. */
typedef void (*gomap_barrier_fn)(void *ctx, gomap *m, void *slot, size_t size);
/** Installs fn (with ctx) as m's write-barrier hook (see gomap_barrier_fn);
 * NULL removes it. m NULL: does nothing, errno = EINVAL. A write to m's header: not concurrently
 * with other operations on m. O(1). */
GOMAP_API void gomap_set_barrier(gomap *m, gomap_barrier_fn fn, void *ctx);

/* ------------------------------------------------------------------------ */
/* Misuse                                                                   */
/* ------------------------------------------------------------------------ */

/** Called with Go's message ("concurrent map writes", "concurrent map read
 * and map write", "concurrent map iteration and map write", "assignment to
 * entry in nil map", or a message naming a fast path used on the wrong key
 * kind). The default handler prints "fatal error: <message>" (Go's panics:
 * "panic: <message>") to stderr and aborts. A handler must not return; it may
 * exit or longjmp, after which the map involved may only be freed. If it
 * returns, abort() is called. NULL restores the default. */
typedef void (*gomap_fatal_fn)(const char *message);
/** Installs fn as the process-wide handler of fatal misuse (see
 * gomap_fatal_fn); NULL restores the default. Thread-safe. O(1). */
GOMAP_API void gomap_set_fatal_handler(gomap_fatal_fn fn);

#ifdef __cplusplus
}
#endif

#endif /* GOMAP_GOMAP_H */
