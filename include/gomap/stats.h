/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * stats.h - what a gomap costs: detailed statistics, a bucket walker, page
 * residency and a counting allocator.
 *
 * Everything here is a read of the map (safe with other readers, never with
 * a writer) and, unless said otherwise, O(size of the map): meant for tools,
 * tests and debugging rather than hot paths. gomap_stats_get stays the O(1)
 * summary.
 */
#ifndef GOMAP_STATS_H
#define GOMAP_STATS_H

#include <gomap/gomap.h>

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Entries of gomap_stats_detail.chain_hist: chains of 1..GOMAP_CHAIN_HIST-1
 * buckets, and the last entry for chains of GOMAP_CHAIN_HIST or more. */
#define GOMAP_CHAIN_HIST 8

/** Everything gomap_stats_detailed measures about a map. */
typedef struct gomap_stats_detail {
    gomap_stats base; /**< what gomap_stats_get reports */

    /** Bytes by category. They add up to base.bytes (= total). */
    size_t bytes_header;     /**< the map header (not in gomap_init's storage) and NOSCAN table */
    size_t bytes_buckets;    /**< the current bucket array: tophash bytes, bodies, spares */
    size_t bytes_overflow;   /**< overflow buckets allocated one by one, linked or in reserve */
    size_t bytes_indirect;   /**< out-of-line keys and elems (over GOMAP_MAX_INLINE bytes) */
    size_t bytes_old;        /**< the old bucket array while growing or shrinking */
    size_t bytes_os_pending; /**< always 0: no memory is mapped ahead or kept for unmapping */
    size_t bytes_retired;    /**< memory kept for live iterators */
    size_t bytes_total;      /**< = base.bytes */

    size_t bytes_payload;    /**< count * (key_size + elem_size): the entries themselves */
    size_t bucket_size;      /**< bytes per bucket (Go's bucket size) */
    size_t spares_total;     /**< spare overflow buckets in the current array */
    size_t spares_used;      /**< of which linked into chains */
    size_t overflow_reserve; /**< allocated overflow buckets held in reserve */

    /** Chains as lookups see them: for each of the 2^B bucket indices, the
     * chain a lookup walks (the old one while it is not evacuated).
     * chain_hist[i] counts chains of i+1 buckets (the last entry: or more). */
    size_t chain_hist[GOMAP_CHAIN_HIST];
    size_t max_chain;     /**< buckets in the longest chain */
    size_t empty_buckets; /**< main buckets whose chain holds no entry */

    /** count / 2^B: entries per main bucket (a doubling starts above 6.5). */
    double load_factor;
    /** Buckets a lookup reads, counting the main bucket as 1:
     *  hit:  averaged over every entry (1 + the overflow depth of its bucket);
     *  miss: averaged over the 2^B chains (a missing key's hash is equally
     *        likely to select each): buckets up to and including the first
     *        holding an emptyRest mark, or the whole chain. 0 if empty. */
    double avg_probe_hit;
    double avg_probe_miss; /**< buckets a missing key's lookup reads (see avg_probe_hit) */

    /** Growth history since gomap_new (gomap_clear keeps it). */
    size_t grow_doublings;    /**< growths to a larger array (a doubling, or gomap_reserve's) */
    size_t grow_same_size;    /**< same-size growths (too many overflow buckets) */
    size_t evacuated_buckets; /**< old bucket chains evacuated, all growths and shrinks */
    size_t shrinks;           /**< shrinks (gomap_shrink, GOMAP_AUTO_SHRINK) */

    /** The allocator's view of the blocks the map holds now (live blocks;
     * for every allocation ever made, see gomap_counting_allocator). */
    size_t alloc_blocks;    /**< blocks held (retired blocks excluded) */
    size_t bytes_requested; /**< bytes asked for those blocks */
    /** Bytes actually reserved for them: malloc_usable_size for the default
     * allocator, the page-rounded length of mapped arrays. With a custom
     * allocator it is unknown and equals bytes_requested. */
    size_t bytes_reserved;
    bool reserved_known; /**< bytes_reserved was measured (default allocator) */
} gomap_stats_detail;

/** Fills *out (all zero for a NULL map). Allocates nothing; never fails
 * (out NULL: does nothing, errno = EINVAL). O(size of the map). A read. */
GOMAP_API void gomap_stats_detailed(const gomap *m, gomap_stats_detail *out);

/** Writes a readable multi-line report of *s to f. Returns false with errno
 * set if writing failed, or EINVAL if f or s is NULL. O(1). */
GOMAP_API bool gomap_stats_print(FILE *f, const gomap_stats_detail *s);

/* ---- Page residency ---------------------------------------------------- */

/** Page residency of a map, filled by gomap_pages_get. */
typedef struct gomap_pages {
    size_t page_size; /**< the OS page size */
    size_t spanned;   /**< distinct pages touched by the map's memory */
    size_t resident;  /**< of which resident in RAM (mincore) */
} gomap_pages;

/** Counts the OS pages the map's blocks span and how many are resident.
 * Pages are shared with other allocations when blocks are small, so this is
 * what keeping the map costs the process in the worst case. Uses malloc for
 * scratch space (not the map's allocator). Returns false with errno =
 * ENOSYS where mincore is not available (*out zeroed), ENOMEM if scratch
 * space ran out, EINVAL if out is NULL. A NULL map spans no page. A read. */
GOMAP_API bool gomap_pages_get(const gomap *m, gomap_pages *out);

/* ---- Walking the buckets --------------------------------------------------- */

/** tophash marks (values below GOMAP_TOPHASH_MIN are marks, not hashes). */
#define GOMAP_TOPHASH_EMPTY_REST      0 /**< this cell and all later ones of the chain are empty */
#define GOMAP_TOPHASH_EMPTY_ONE       1 /**< this cell is empty */
#define GOMAP_TOPHASH_EVACUATED_X     2 /**< moved to the low half of the new array */
#define GOMAP_TOPHASH_EVACUATED_Y     3 /**< moved to the high half */
#define GOMAP_TOPHASH_EVACUATED_EMPTY 4 /**< was empty when its bucket was evacuated */
#define GOMAP_TOPHASH_MIN             5 /**< the smallest tophash of a cell holding an entry */

/** One bucket as gomap_walk_buckets shows it. */
typedef struct gomap_bucket_view {
    bool old;            /**< a bucket of the old array (the map is growing) */
    size_t index;        /**< its main bucket's index in that array */
    size_t depth;        /**< 0: the main bucket, 1: its first overflow bucket, ... */
    bool spare;          /**< an overflow bucket from the array's spare region */
    uint8_t tophash[8];  /**< per cell */
    const void *key[8];  /**< key of each cell holding an entry, else NULL */
    const void *elem[8]; /**< elem of each cell holding an entry, else NULL */
    const void *address; /**< where the bucket's cells are */
} gomap_bucket_view;

/** Called for each bucket; return false to stop the walk. */
typedef bool (*gomap_bucket_fn)(void *ctx, const gomap_bucket_view *b);

/** Calls fn for every bucket: each chain of the old array (evacuated chains
 * show their main bucket only: their overflow buckets are gone), then each
 * chain of the current array, main bucket first. The views and the pointers
 * in them are valid during the call only. A read; fn must not modify m.
 * Allocates nothing. NULL m: no bucket; NULL fn: nothing, errno = EINVAL.
 * O(buckets). */
GOMAP_API void gomap_walk_buckets(const gomap *m, gomap_bucket_fn fn, void *ctx);

/* ---- Counting allocator ------------------------------------------------------ */

/** Wraps another allocator (or malloc) and counts what goes through it, to
 * answer "allocations per operation" like Go's -benchmem. Give
 * &ca.allocator as gomap_options.allocator; the struct must outlive every
 * map using it. Not thread-safe: share one only between maps used by one
 * thread at a time. Note that a map with a custom allocator does not map
 * large arrays from the OS (docs/design.md). */
typedef struct gomap_counting_allocator {
    gomap_allocator allocator; /**< the counting allocator itself */
    gomap_allocator inner;     /**< where the memory comes from */
    size_t allocs;             /**< successful allocations */
    size_t frees;              /**< frees */
    size_t failed;             /**< allocations the inner allocator refused */
    size_t live_bytes;         /**< bytes allocated and not yet freed */
    size_t peak_bytes;         /**< highest live_bytes */
    size_t total_bytes;        /**< bytes allocated, all time */
} gomap_counting_allocator;

/** Sets every counter to 0 and wraps inner (copied; NULL: malloc, calloc
 * and free). Returns ca, or NULL with errno = EINVAL if ca is NULL or inner
 * lacks alloc or free. O(1). */
GOMAP_API gomap_counting_allocator *gomap_counting_allocator_init(gomap_counting_allocator *ca,
                                                                  const gomap_allocator *inner);

#ifdef __cplusplus
}
#endif

#endif /* GOMAP_STATS_H */
