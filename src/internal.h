/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * internal.h - the map header (Go's hmap) and what reads its state: the
 * shapes the fast paths know, the growth thresholds, per-kind hashing and
 * equality, and the prototypes the sources share. Bucket layout is in
 * layout.h, memory in memory.h.
 *
 * Names here carry no gomap_ prefix; every function with external linkage
 * is hidden from the shared library by -fvisibility=hidden.
 */
#ifndef GOMAP_INTERNAL_H
#define GOMAP_INTERNAL_H

#include "layout.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

/* Functions shared between the source files keep short names in the code but
 * link under the gomap_internal_ prefix, so a static libgomap.a cannot clash
 * with an application's own symbols. */
#define equal_key_any       gomap_internal_equal_key_any
#define grow_work           gomap_internal_grow_work
#define hash_key_any        gomap_internal_hash_key_any
#define kind_of_type        gomap_internal_kind_of_type
#define lookup_key_elem     gomap_internal_lookup_key_elem
#define delete_cell         gomap_internal_delete_cell
#define map_rand            gomap_internal_map_rand
#define new_overflow        gomap_internal_new_overflow
#define growing_chain_of    gomap_internal_growing_chain_of
#define shrink_after_delete gomap_internal_shrink_after_delete
#define start_growth        gomap_internal_start_growth
#define thread_rand         gomap_internal_thread_rand
#define throw_fatal         gomap_internal_throw_fatal
#define throw_panic         gomap_internal_throw_panic

/* The map header (Go's hmap) plus what C needs instead of a GC. */
struct gomap {
    size_t count; /* live entries; first, as in Go */
    _Atomic uint8_t flags;
    uint8_t B;
    /* The map's shape when a lookup may take the short path (buckets, B > 0,
     * not growing; SHAPE_ANY for a map without one), else SHAPE_NOT_READY:
     * one byte for a read to test. */
    uint8_t read_shape;
    /* B of oldbuckets while growing or shrinking; at most B otherwise, so
     * old_B > B says a shrink is in progress. */
    uint8_t old_B;
    uint16_t noverflow;        /* Go's approximate overflow count (growth trigger) */
    uint64_t hash0;            /* per-map seed (set with set_seed) */
    uint64_t hash0_mix;        /* seed_mix(hash0), which u32/u64 hashing needs */
    bmap *buckets;             /* bodies of the 2^B main buckets (see array_alloc) */
    bmap *oldbuckets;          /* previous array while growing, else NULL */
    size_t mask;               /* bucket_mask(B), read by every access */
    size_t fast_below;         /* writes take the short path while count < this */
    size_t nevacuate;          /* old buckets below this index are evacuated */
    unsigned char *next_spare; /* next unused spare overflow bucket of buckets */
    unsigned char *end_spare;  /* end of the spare region */

    /* Exact counts of overflow buckets linked into the chains of each array,
     * and how many of those were allocated individually (must be freed). */
    size_t ovf_cur, ovf_old, heap_ovf_cur, heap_ovf_old;

    maptype t;
    gomap_allocator alloc;
    _Atomic uint64_t rng; /* GOMAP_FIXED_SEED: the map's own random stream */

    /* Zeroed overflow buckets set aside so that a write, once committed,
     * never needs to allocate (linked through their block headers). */
    block_hdr *reserve;
    size_t nreserve;

    /* Live iterators, and memory that only they may still read. */
    _Atomic size_t live_iters;
    _Atomic(block_hdr *) retired; /* tagged entries: see retired_entry */

    _Atomic size_t bytes; /* heap bytes owned, header included */
    size_t self_size;     /* bytes of the header's own allocation */

    size_t grow_at; /* count at which a new key starts a growth (update_grow_at) */
    /* A delete from a map holding fewer entries than this takes the full
     * path (delete_full_below_of, kept by update_fast_below). */
    size_t delete_full_below;
    size_t clears; /* gomap_clear calls that removed entries */

    /* Growth history since the map was made (gomap_stats_detailed). */
    size_t grow_doublings, grow_same_size, evacuated_total, shrinks;

    /* Garbage-collector cooperation (scan.c). When the buckets are
     * allocated GOMAP_ALLOC_NOSCAN by an allocator other than the default
     * one, a tracing collector would not find the overflow links and list
     * links inside them: every NOSCAN block is then also recorded in this
     * set (an open-addressed table of block pointers, itself scanned), Go's
     * hmap.extra.overflow. */
    void **keep;
    size_t keep_cap, keep_len;
    /* Retired NOSCAN blocks move from the table to this list, freed with
     * them when the last iterator ends, so pinning leaves the table's size
     * as it would be without iterators. */
    _Atomic(struct keep_list *) keep_retired;
    /* Write-barrier hook (gomap_set_barrier), NULL when unset. */
    gomap_barrier_fn barrier;
    void *barrier_ctx;

    /* The byte-sized fields, together to save padding. own_alloc: the
     * allocator is the library's own (gomap_options.allocator was NULL), not
     * possibly a tracing collector, so the first array may share the
     * header's block and usable block sizes are known. */
    bool own_alloc;
    bool keep_on; /* NOSCAN blocks are recorded in keep */
    /* The header and the first (B = 0) array are the caller's storage
     * (gomap_init): neither is ever given to the allocator, and the array
     * is tagged BLOCK_EMBEDDED. self_size is then 0. */
    bool in_storage;
    /* Readers ending their last iterator free retired blocks, possibly two
     * at once: removals from the table take this flag. */
    _Atomic bool keep_busy;
    unsigned opt_flags; /* gomap_options.flags */
};

/* ---- Shapes ----------------------------------------------------------------- */

/* The layout the code for shape S reads: constants for the known shapes,
 * so with S a compile-time constant every offset below folds away. */
HOT_INLINE const maptype *shape_layout(const gomap *m, int S)
{
    /* Each shape stores key/elem pairs after the overflow pointer. */
#define PAIR_LAYOUT(KSIZE, ESIZE)                                                                  \
    .keysize = (KSIZE), .elemsize = (ESIZE), .keys_off = 8, .elems_off = 8 + (KSIZE),              \
    .key_stride = (KSIZE) + (ESIZE), .elem_stride = (KSIZE) + (ESIZE), .overflow_off = 0,          \
    .bodysize = 8 + BUCKET_CNT * ((KSIZE) + (ESIZE)), .top_off = 8,                                \
    .bucketsize = 16 + BUCKET_CNT * ((KSIZE) + (ESIZE)), .reflexive = true,                        \
    .elem_zeroed_on_insert = true, .key_span = 8 + 7 * ((KSIZE) + (ESIZE)) + (KSIZE)
    static const maptype u64_8 = {PAIR_LAYOUT(8, 8), .kind = KIND_U64, .shape = SHAPE_U64_8};
    static const maptype u32_4 = {PAIR_LAYOUT(4, 4), .kind = KIND_U32, .shape = SHAPE_U32_4};
    static const maptype str_16 = {PAIR_LAYOUT(16, 16), .kind = KIND_STR, .shape = SHAPE_STR_16,
                                   .need_key_update = true, .delete_writes_body = true};
    static const maptype str_8 = {PAIR_LAYOUT(16, 8), .kind = KIND_STR, .shape = SHAPE_STR_8,
                                  .need_key_update = true, .delete_writes_body = true};
#undef PAIR_LAYOUT
    switch (S) {
    case SHAPE_U64_8: return &u64_8;
    case SHAPE_U32_4: return &u32_4;
    case SHAPE_STR_16: return &str_16;
    case SHAPE_STR_8: return &str_8;
    default: return &m->t;
    }
}

HOT_INLINE bool is_growing(const gomap *m)
{
    return m->oldbuckets != NULL;
}

/* An evacuation to a smaller array is in progress (is_growing holds too). */
HOT_INLINE bool is_shrinking(const gomap *m)
{
    return m->old_B > m->B;
}

/* The short paths of access.h (assign_fast, delete_fast) compare the count
 * with this one limit instead of testing each condition that sends a write
 * down the full path: no buckets yet, a growth in progress, or a new key
 * reaching grow_at; and a type with a key_drop, which the full path alone
 * calls on a replaced key. 0 when every write takes the full path. Each
 * place that changes one of these inputs calls update_fast_below;
 * gomap_check verifies it. */
HOT_INLINE size_t fast_below_of(const gomap *m)
{
    return m->buckets == NULL || is_growing(m) || (m->t.discard & DISCARD_KEY_DROP) ? 0
                                                                                    : m->grow_at;
}

/* See gomap.read_shape. */
HOT_INLINE uint8_t read_shape_of(const gomap *m)
{
    return m->buckets != NULL && m->B != 0 && !is_growing(m) ? m->t.shape
                                                             : (uint8_t)SHAPE_NOT_READY;
}

/* The delete short path (delete_fast) runs while count >= this: SIZE_MAX
 * when the map has no buckets or is growing (every delete takes the full
 * path), else 1 (an empty map's delete has nothing to do, and the full
 * path does that as fast), and with GOMAP_AUTO_SHRINK the count below which
 * a delete may start a shrink: the full path checks that.
 * A map shrinks when a delete leaves at most 1/8 of what its array holds
 * at load factor 6.5 (which gains at least one level). A shrink lands on
 * the smallest B that holds the count, so the next doubling is 8 times
 * further away than the next shrink: a map alternating inserts and deletes
 * around either threshold grows or shrinks at most once. */
HOT_INLINE size_t delete_full_below_of(const gomap *m)
{
    if (m->buckets == NULL || is_growing(m))
        return SIZE_MAX;
    if (!(m->opt_flags & GOMAP_AUTO_SHRINK) || m->B == 0)
        return 1;
    return LOAD_FACTOR_NUM * (bucket_shift(m->B) / LOAD_FACTOR_DEN) / 8 + 2;
}

HOT_INLINE void update_fast_below(gomap *m)
{
    m->fast_below = fast_below_of(m);
    m->read_shape = read_shape_of(m);
    m->delete_full_below = delete_full_below_of(m);
}

/* Go decides on every insert of a new key whether to start a growth:
 * !growing && (overLoadFactor(count+1, B) || tooManyOverflowBuckets).
 * Its inputs change only at a few places, each of which calls this, so an
 * insert compares count with one precomputed threshold instead. */
HOT_INLINE void update_grow_at(gomap *m)
{
    if (is_growing(m)) {
        m->grow_at = SIZE_MAX;
    } else if (too_many_overflow_buckets(m->noverflow, m->B)) {
        m->grow_at = 0;
    } else {
        /* overLoadFactor(c + 1, B) holds exactly when c >= max(8, 6.5*2^B) */
        size_t load = LOAD_FACTOR_NUM * (bucket_shift(m->B) / LOAD_FACTOR_DEN);
        m->grow_at = load > BUCKET_CNT ? load : BUCKET_CNT;
    }
    update_fast_below(m);
}

HOT_INLINE uint8_t flags_load(const gomap *m)
{
    return atomic_load_explicit(&((gomap *)m)->flags, memory_order_relaxed);
}

HOT_INLINE void flags_store(gomap *m, uint8_t f)
{
    atomic_store_explicit(&m->flags, f, memory_order_relaxed);
}

HOT_INLINE bool same_size_grow(const gomap *m)
{
    return flags_load(m) & FLAG_SAME_SIZE;
}

HOT_INLINE size_t noldbuckets(const gomap *m)
{
    return bucket_shift(m->old_B);
}

HOT_INLINE size_t oldbucket_mask(const gomap *m)
{
    return noldbuckets(m) - 1;
}

/* ---- Hashing -------------------------------------------------------------- */

/* Go's float hash constants (runtime/alg.go, 64-bit). */
#define F64_C0 UINT64_C(33054211828000289)
#define F64_C1 UINT64_C(23344194077549503)

uint64_t thread_rand(void); /* per-thread wyrand, seeded from the OS */
uint64_t map_rand(gomap *m);

/* The high and low halves of a*b, folded (xxHash's 64x64->128 multiply). */
HOT_INLINE uint64_t fold_mul(uint64_t a, uint64_t b)
{
    XXH128_hash_t r = XXH_mult64to128(a, b);
    return r.high64 ^ r.low64;
}

/* 32- and 64-bit keys: two folded multiplies, the construction of wyhash
 * and of Go's own hash where AES is missing. The key, masked by one secret
 * word of the map, is multiplied by a second secret word: which keys collide
 * in full or in their low bits depends on both secrets, and neither can be
 * learnt from the other (the second is a nonlinear function of the seed).
 * The second multiply, by a constant, spreads the first product's high bits
 * into the low bits that pick the bucket. */
HOT_INLINE uint64_t seed_mix(uint64_t seed)
{
    return fold_mul(seed ^ UINT64_C(0x9E3779B97F4A7C15), UINT64_C(0xBF58476D1CE4E5B9)) | 1;
}

/* With the second secret word at hand: a map keeps it next to its seed,
 * which saves deriving it on every access. */
HOT_INLINE uint64_t hash_u64_mixed(uint64_t k, uint64_t seed, uint64_t seed2)
{
    return fold_mul(fold_mul(k ^ seed, seed2), UINT64_C(0xD6E8FEB86659FD93));
}

HOT_INLINE uint64_t hash_u64_inline(uint64_t k, uint64_t seed)
{
    return hash_u64_mixed(k, seed, seed_mix(seed));
}

HOT_INLINE uint64_t hash_u32_inline(uint32_t k, uint64_t seed)
{
    return hash_u64_inline(k, seed);
}

HOT_INLINE uint64_t hash_bytes_inline(const void *p, size_t n, uint64_t seed)
{
    static const char empty[1] = {0};
    return XXH3_64bits_withSeed(n ? p : empty, n, seed);
}

HOT_INLINE uint64_t hash_f64_inline(double v, uint64_t seed)
{
    if (v == 0)
        return F64_C1 * (F64_C0 ^ seed);
    if (v != v) /* NaN: random, so NaN keys scatter and are never found */
        return F64_C1 * (F64_C0 ^ seed ^ thread_rand());
    return XXH3_64bits_withSeed(&v, sizeof v, seed);
}

HOT_INLINE uint32_t load_u32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

HOT_INLINE uint64_t load_u64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

HOT_INLINE double load_f64(const void *p)
{
    double v;
    memcpy(&v, p, sizeof v);
    return v;
}

HOT_INLINE gomap_str load_str(const void *p)
{
    gomap_str s;
    memcpy(&s, p, sizeof s);
    return s;
}

/* A string key the map cannot read: bytes at NULL, or a length no object
 * can have. One compare against a limit that is 0 when ptr is NULL. */
HOT_INLINE bool str_invalid(const char *ptr, size_t len)
{
    size_t limit = ptr != NULL ? (size_t)PTRDIFF_MAX : 0;
    return UNLIKELY(len > limit);
}

/* memcmp with a length of 0 may still not be given NULL. */
HOT_INLINE bool bytes_equal(const void *a, const void *b, size_t n)
{
    /* Keys of 8 to 32 bytes (most string keys) compare as two or four
     * overlapping words, without a call. */
    const unsigned char *p = a, *q = b;
    if (n >= 8 && n <= 16)
        return ((load_u64(p) ^ load_u64(q)) | (load_u64(p + n - 8) ^ load_u64(q + n - 8))) == 0;
    if (n > 16 && n <= 32)
        return ((load_u64(p) ^ load_u64(q)) | (load_u64(p + 8) ^ load_u64(q + 8)) |
                (load_u64(p + n - 16) ^ load_u64(q + n - 16)) |
                (load_u64(p + n - 8) ^ load_u64(q + n - 8))) == 0;
    return n == 0 || memcmp(a, b, n) == 0;
}

HOT_INLINE bool str_equal(gomap_str a, gomap_str b)
{
    return a.len == b.len && (a.ptr == b.ptr || bytes_equal(a.ptr, b.ptr, a.len));
}

HOT_INLINE void set_seed(gomap *m, uint64_t seed)
{
    m->hash0 = seed;
    m->hash0_mix = seed_mix(seed);
}

/* Hash and equality by kind; K is a compile-time constant in every caller
 * that matters, so these fold to the direct code. */
HOT_INLINE uint64_t key_hash(const gomap *m, int K, const void *key)
{
    switch (K) {
    case KIND_U32: return hash_u64_mixed(load_u32(key), m->hash0, m->hash0_mix);
    case KIND_U64: return hash_u64_mixed(load_u64(key), m->hash0, m->hash0_mix);
    case KIND_STR:
    case KIND_STR_OWNED: {
        gomap_str s = load_str(key);
        return hash_bytes_inline(s.ptr, s.len, m->hash0);
    }
    case KIND_F64: return hash_f64_inline(load_f64(key), m->hash0);
    default: return m->t.user.hash(key, m->hash0);
    }
}

HOT_INLINE bool key_equal(const gomap *m, int K, const void *a, const void *b)
{
    switch (K) {
    case KIND_U32: return load_u32(a) == load_u32(b);
    case KIND_U64: return load_u64(a) == load_u64(b);
    case KIND_STR:
    case KIND_STR_OWNED: return str_equal(load_str(a), load_str(b));
    case KIND_F64: return load_f64(a) == load_f64(b);
    default: return m->t.user.equal(a, b);
    }
}

/* Runtime dispatch for code that is not hot enough to specialise. */
int kind_of_type(const gomap_type *t);
uint64_t hash_key_any(const gomap *m, const void *key);
bool equal_key_any(const gomap *m, const void *a, const void *b);

/* A key that is not equal to itself (NaN) can never be found again. */
HOT_INLINE bool key_is_reflexive_value(const gomap *m, const void *k)
{
    return m->t.reflexive || equal_key_any(m, k, k);
}

/* The checks of the generic entry points (gomap_get etc. and gomap_sync):
 * a NULL key of a type whose keys have bytes, or an unreadable string key
 * of the str kind. The caller sets errno = EINVAL. */
HOT_INLINE bool key_invalid(const gomap *m, const void *key)
{
    if (UNLIKELY(key == NULL))
        return m->t.user.key_size != 0;
    if (is_str_kind(m->t.kind)) {
        gomap_str s = load_str(key);
        return str_invalid(s.ptr, s.len);
    }
    return false;
}

/* Flags gomap_type.flags and gomap_options.flags may hold. */
#define TYPE_FLAGS_KNOWN                                                                           \
    (GOMAP_KEY_NOT_REFLEXIVE | GOMAP_KEY_NEEDS_UPDATE | GOMAP_KEY_POINTERS | GOMAP_ELEM_POINTERS)
#define OPTION_FLAGS_KNOWN                                                                         \
    (GOMAP_FIXED_SEED | GOMAP_NO_BACKGROUND | GOMAP_NO_HUGE_PAGES | GOMAP_AUTO_SHRINK)

/* ---- Fatal errors ----------------------------------------------------------- */

NORETURN void throw_fatal(const char *msg); /* "fatal error: msg" */
NORETURN void throw_panic(const char *msg); /* "panic: msg" */

#include "memory.h"

/* Retired blocks are freed once no iterator is live. */
void free_retired(gomap *m);
HOT_INLINE bool iterators_live(const gomap *m)
{
    return atomic_load_explicit(&((gomap *)m)->live_iters, memory_order_acquire) != 0;
}

/* ---- Growth (growth.c) ------------------------------------------------------- */

/* Attach an overflow bucket after b, from the spares or the reserve (the
 * caller made sure one is available). */
bref new_overflow(gomap *m, bmap *b);
/* growWork for a write of a key with hash `hash`: evacuates the old chain
 * that holds it and one more, leaving `keep` overflow buckets at hand for
 * the write itself. If the first chain needs more overflow buckets than are at hand and
 * may_alloc is false or allocating them fails, returns false having changed
 * nothing. The second chain is skipped in that case. */
bool grow_work(gomap *m, uint64_t hash, size_t keep, bool may_alloc);
/* Start a growth for an insert of `hash` (hashGrow plus its growWork);
 * false with ENOMEM and no change if memory ran out. */
bool start_growth(gomap *m, uint64_t hash);
/* GOMAP_AUTO_SHRINK, from a delete in the full path (the map is marked as
 * being written): if the count has fallen to the threshold, starts a
 * shrink unless iterators are live; a failed allocation is ignored (the
 * delete has succeeded). */
void shrink_after_delete(gomap *m);

/* ---- Lookup for iterators (access.c) ---------------------------------------- */

/* Go's mapaccessK: the current key and elem for key, or false. */
bool lookup_key_elem(gomap *m, const void *key, void **kout, void **eout);
/* While growing: the chain that holds hash, the old one while it is not
 * evacuated. Out of line, so the lookups' common path does not carry the
 * old array's mask. */
bref growing_chain_of(const gomap *m, uint64_t hash);
/* gomap_iter_delete's write: removes the entry in cell i of bucket b of
 * the chain starting at b0, then takes the write's growth step for
 * `bucket` (see grow_work). */
void delete_cell(gomap *m, bref b0, bref b, size_t i, size_t bucket);

#endif /* GOMAP_INTERNAL_H */
