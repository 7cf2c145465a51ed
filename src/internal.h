/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * internal.h - private definitions shared by the gomap sources: the map
 * header (Go's hmap), the type descriptor computed from gomap_type (Go's
 * maptype), bucket layout accessors, tophash constants, per-kind key
 * operations and the memory bookkeeping that replaces Go's garbage collector.
 *
 * Names here carry no gomap_ prefix; every function with external linkage
 * is hidden from the shared library by -fvisibility=hidden.
 */
#ifndef GOMAP_INTERNAL_H
#define GOMAP_INTERNAL_H

#include <gomap/gomap.h>

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#if defined(__GNUC__)
#define HOT_INLINE        static inline __attribute__((always_inline))
#define LIKELY(x)         __builtin_expect(!!(x), 1)
#define UNLIKELY(x)       __builtin_expect(!!(x), 0)
#define NOINLINE          __attribute__((noinline))
#define COLD_INLINE       static __attribute__((noinline, cold, unused))
#define NORETURN          __attribute__((noreturn))
#define PREFETCH_READ(p)  __builtin_prefetch((p), 0)
#define PREFETCH_WRITE(p) __builtin_prefetch((p), 1)
#else
#define HOT_INLINE  static inline
#define LIKELY(x)   (x)
#define UNLIKELY(x) (x)
#define NOINLINE
#define COLD_INLINE       static
#define NORETURN          _Noreturn
#define PREFETCH_READ(p)  ((void)(p))
#define PREFETCH_WRITE(p) ((void)(p))
#endif

/* Functions shared between the source files keep short names in the code but
 * link under the gomap_internal_ prefix, so a static libgomap.a cannot clash
 * with an application's own symbols. */
#define array_alloc            gomap_internal_array_alloc
#define array_tops_size        gomap_internal_array_tops_size
#define array_init             gomap_internal_array_init
#define zero_bytes             gomap_internal_zero_bytes
#define array_block_size       gomap_internal_array_block_size
#define block_free             gomap_internal_block_free
#define array_contains         gomap_internal_array_contains
#define array_hdr              gomap_internal_array_hdr
#define array_release          gomap_internal_array_release
#define array_spares           gomap_internal_array_spares
#define equal_key_any          gomap_internal_equal_key_any
#define free_retired           gomap_internal_free_retired
#define grow_work              gomap_internal_grow_work
#define hash_key_any           gomap_internal_hash_key_any
#define indirect_alloc         gomap_internal_indirect_alloc
#define indirect_release       gomap_internal_indirect_release
#define kind_of_type           gomap_internal_kind_of_type
#define lookup_key_elem        gomap_internal_lookup_key_elem
#define map_rand               gomap_internal_map_rand
#define mem_alloc              gomap_internal_mem_alloc
#define mem_free               gomap_internal_mem_free
#define new_overflow           gomap_internal_new_overflow
#define ovf_available          gomap_internal_ovf_available
#define ovf_release            gomap_internal_ovf_release
#define release_chains         gomap_internal_release_chains
#define reserve_ensure         gomap_internal_reserve_ensure
#define reserve_fill           gomap_internal_reserve_fill
#define reserve_free_all       gomap_internal_reserve_free_all
#define reserve_take           gomap_internal_reserve_take
#define release_block          gomap_internal_release_block
#define start_growth           gomap_internal_start_growth
#define thread_rand            gomap_internal_thread_rand
#define keep_add               gomap_internal_keep_add
#define keep_remove            gomap_internal_keep_remove
#define keep_free              gomap_internal_keep_free
#define keep_retire            gomap_internal_keep_retire
#define keep_retired_free      gomap_internal_keep_retired_free
#define throw_fatal            gomap_internal_throw_fatal
#define throw_panic            gomap_internal_throw_panic

/* ---- Constants from Go's runtime/map.go ---------------------------------- */

enum {
    BUCKET_CNT = 8,
    LOAD_FACTOR_NUM = 13,
    LOAD_FACTOR_DEN = 2,
};

/* tophash values below MIN_TOPHASH are marks, not hashes. */
enum {
    EMPTY_REST = 0,  /* this cell and every later cell of the chain are empty */
    EMPTY_ONE = 1,   /* this cell is empty (later ones may be full) */
    EVACUATED_X = 2, /* entry moved to the low half of the new array */
    EVACUATED_Y = 3, /* entry moved to the high half */
    EVACUATED_EMPTY = 4,
    MIN_TOPHASH = 5,
};

/* hmap.flags */
enum {
    FLAG_ITERATOR = 1,     /* an iterator may be using buckets */
    FLAG_OLD_ITERATOR = 2, /* an iterator may be using oldbuckets */
    FLAG_WRITING = 4,      /* a writer is inside a mutating call */
    FLAG_SAME_SIZE = 8,    /* the current growth keeps B */
};

/* Key kinds with a specialised code path. */
enum key_kind { KIND_GENERIC, KIND_U32, KIND_U64, KIND_STR, KIND_F64 };

/* Every block that may outlive its use while iterators are live starts with
 * this header, so it can be queued for a deferred free without allocating. */
typedef struct block_hdr {
    struct block_hdr *next;
    size_t size; /* bytes asked of the allocator, header included */
} block_hdr;

/* Set in block_hdr.size for the bucket array made with the map itself, which
 * shares the header's allocation and is freed only with it. */
#define BLOCK_EMBEDDED ((size_t)1 << (sizeof(size_t) * 8 - 1))
/* What a block is, so that gomap_scan can read memory that only iterators
 * still reach (the retired list): a bucket array or an individually
 * allocated overflow bucket. Untagged blocks are indirect keys/elems. */
#define BLOCK_ARRAY ((size_t)1 << (sizeof(size_t) * 8 - 3))
#define BLOCK_OVF   ((size_t)1 << (sizeof(size_t) * 8 - 4))
#define BLOCK_TAGS  (BLOCK_EMBEDDED | BLOCK_ARRAY | BLOCK_OVF)

HOT_INLINE size_t block_size(const block_hdr *h)
{
    return h->size & ~BLOCK_TAGS;
}

/* Header bytes in front of blocks: enough for block_hdr, keeping the payload
 * aligned to GOMAP_MAX_ALIGN. */
#define HDR_SIZE ((sizeof(block_hdr) + GOMAP_MAX_ALIGN - 1) / GOMAP_MAX_ALIGN * GOMAP_MAX_ALIGN)

typedef unsigned char bmap; /* a bucket: bytes laid out by maptype */

/* Go's maptype, computed once from gomap_type.
 *
 * Layout (a departure from Go, see docs/design.md): a bucket's cells live in
 * its *body*: keys and elems (interleaved key/elem pairs when that costs no
 * padding, else Go's 8 keys then 8 elems) and the overflow pointer. The 8
 * tophash bytes of the main buckets of an array are kept apart, densely, in
 * front of the bodies, so a miss reads one small hot region and a hit reads
 * one cell. An overflow bucket carries its own tophash bytes in `top_off`
 * bytes before its body. Every bucket costs top_off + bodysize bytes, as in
 * Go's layout. */
typedef struct maptype {
    gomap_type user;
    size_t keysize, elemsize;       /* slot sizes (pointer size when indirect) */
    size_t keys_off, elems_off;     /* offsets of key 0 and elem 0 in the body */
    size_t key_stride, elem_stride; /* distance between cells' keys / elems */
    size_t overflow_off;            /* offset of the overflow pointer in the body */
    size_t bodysize;                /* one body, multiple of its alignment */
    size_t top_off;                 /* tophash bytes before an overflow body (8 or 16) */
    size_t bucketsize;              /* top_off + bodysize: Go's bucket size */
    size_t key_block, elem_block;   /* allocation sizes of indirect storage */
    uint8_t kind;
    bool indirect_key, indirect_elem;
    bool reflexive, need_key_update;
    unsigned bucket_alloc_flags; /* GOMAP_ALLOC_NOSCAN where it applies */
    uint8_t shape;               /* enum shape: a layout the fast paths know */
    /* The elem holds no pointers (and is inline): a delete leaves its bytes
     * and the insert that takes the cell zeroes it, so deleting does not
     * write the bucket body. */
    bool elem_zeroed_on_insert;
} maptype;

/* Layouts common enough that the fast paths are compiled for them with
 * their offsets as constants: fewer loads, multiplies and live registers
 * per access. make_maptype sets a map's shape only when its computed
 * layout equals the shape's exactly. */
enum shape {
    SHAPE_ANY,    /* offsets read from the map's maptype */
    SHAPE_U64_8,  /* u64 keys, 8-byte elems: 16-byte key/elem pairs */
    SHAPE_STR_16, /* string keys, 16-byte elems (strings): 32-byte pairs */
    SHAPE_U32_4,  /* u32 keys, 4-byte elems: 8-byte key/elem pairs */
};

/* The map header (Go's hmap) plus what C needs instead of a GC. */
struct gomap {
    size_t count; /* live entries; first, as in Go */
    _Atomic uint8_t flags;
    uint8_t B;
    uint16_t noverflow;        /* Go's approximate overflow count (growth trigger) */
    unsigned opt_flags;        /* gomap_options.flags */
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
    _Atomic(block_hdr *) retired;

    _Atomic size_t bytes; /* heap bytes owned, header included */
    size_t self_size;     /* bytes of the header's own allocation */

    size_t grow_at; /* count at which a new key starts a growth (update_grow_at) */
    size_t clears; /* gomap_clear calls that removed entries */

    /* Growth history since the map was made (gomap_stats_detailed). */
    size_t grow_doublings, grow_same_size, evacuated_total;

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

    /* The byte-sized fields of the groups above, together to save padding. */
    /* The allocator is the library's own (gomap_options.allocator was NULL),
     * not possibly a tracing collector: the first array may share the
     * header's block, and usable block sizes are known. */
    bool own_alloc;
    bool keep_on; /* NOSCAN blocks are recorded in keep */
    /* Readers ending their last iterator free retired blocks, possibly two
     * at once: removals from the table take this flag. */
    _Atomic bool keep_busy;

};

/* ---- Bucket layout -------------------------------------------------------- */

/* The layout the code for shape S reads: constants for the known shapes,
 * so with S a compile-time constant every offset below folds away. */
HOT_INLINE const maptype *shape_layout(const gomap *m, int S)
{
    static const maptype u64_8 = {
        .keysize = 8,
        .elemsize = 8,
        .keys_off = 0,
        .elems_off = 8,
        .key_stride = 16,
        .elem_stride = 16,
        .overflow_off = 128,
        .bodysize = 136,
        .top_off = 8,
        .bucketsize = 144,
        .kind = KIND_U64,
        .reflexive = true,
        .shape = SHAPE_U64_8,
        .elem_zeroed_on_insert = true,
    };
    static const maptype u32_4 = {
        .keysize = 4,
        .elemsize = 4,
        .keys_off = 0,
        .elems_off = 4,
        .key_stride = 8,
        .elem_stride = 8,
        .overflow_off = 64,
        .bodysize = 72,
        .top_off = 8,
        .bucketsize = 80,
        .kind = KIND_U32,
        .reflexive = true,
        .shape = SHAPE_U32_4,
        .elem_zeroed_on_insert = true,
    };
    static const maptype str_16 = {
        .keysize = 16,
        .elemsize = 16,
        .keys_off = 0,
        .elems_off = 16,
        .key_stride = 32,
        .elem_stride = 32,
        .overflow_off = 256,
        .bodysize = 264,
        .top_off = 8,
        .bucketsize = 272,
        .kind = KIND_STR,
        .reflexive = true,
        .need_key_update = true,
        .shape = SHAPE_STR_16,
        .elem_zeroed_on_insert = true,
    };
    switch (S) {
    case SHAPE_U64_8: return &u64_8;
    case SHAPE_U32_4: return &u32_4;
    case SHAPE_STR_16: return &str_16;
    default: return &m->t;
    }
}

/* The shape whose layout t has, or SHAPE_ANY (map.c). */
uint8_t shape_of(const maptype *t);

/* A bucket as the code walks it: its body and where its tophash bytes are. */
typedef struct bref {
    bmap *b;
    uint8_t *th;
} bref;

/* Main bucket j of the array whose bodies start at arr: its tophash bytes
 * are stored densely below arr, bucket 0 nearest (see array_alloc). */
HOT_INLINE bref main_bucket(const maptype *t, bmap *arr, size_t j)
{
    bref r = {arr + j * t->bodysize, arr - (j + 1) * t->top_off};
    return r;
}

/* An overflow bucket, given its body (NULL gives NULL). */
HOT_INLINE bref ovf_bucket(const maptype *t, bmap *body)
{
    bref r = {body, body != NULL ? body - t->top_off : NULL};
    return r;
}

HOT_INLINE unsigned char *key_slot(const maptype *t, bmap *b, size_t i)
{
    return b + t->keys_off + i * t->key_stride;
}

HOT_INLINE unsigned char *elem_slot(const maptype *t, bmap *b, size_t i)
{
    return b + t->elems_off + i * t->elem_stride;
}

HOT_INLINE bmap *overflow_of(const maptype *t, bmap *b)
{
    bmap *o;
    memcpy(&o, b + t->overflow_off, sizeof o);
    return o;
}

HOT_INLINE void set_overflow(const maptype *t, bmap *b, bmap *o)
{
    memcpy(b + t->overflow_off, &o, sizeof o);
}

HOT_INLINE bref next_bucket(const maptype *t, bref r)
{
    return ovf_bucket(t, overflow_of(t, r.b));
}

HOT_INLINE void *load_ptr(const void *slot)
{
    void *p;
    memcpy(&p, slot, sizeof p);
    return p;
}

HOT_INLINE void store_ptr(void *slot, void *p)
{
    memcpy(slot, &p, sizeof p);
}

/* Key and elem pointers of a cell, through the indirection if any. */
HOT_INLINE void *cell_key(const maptype *t, bmap *b, size_t i)
{
    unsigned char *k = key_slot(t, b, i);
    return t->indirect_key ? load_ptr(k) : (void *)k;
}

HOT_INLINE void *cell_elem(const maptype *t, bmap *b, size_t i)
{
    unsigned char *e = elem_slot(t, b, i);
    return t->indirect_elem ? load_ptr(e) : (void *)e;
}

HOT_INLINE bool is_empty(uint8_t top)
{
    return top <= EMPTY_ONE;
}

HOT_INLINE bool evacuated(bref r)
{
    uint8_t h = r.th[0];
    return h > EMPTY_ONE && h < MIN_TOPHASH;
}

HOT_INLINE uint8_t tophash(uint64_t hash)
{
    uint8_t top = (uint8_t)(hash >> 56);
    return top < MIN_TOPHASH ? (uint8_t)(top + MIN_TOPHASH) : top;
}

/* ---- Matching the 8 tophash bytes of a bucket at once (SWAR) -------------
 * The bytes are loaded as one little-endian word; each helper returns a word
 * with bit 7 of byte i set when cell i qualifies. Only the lowest set byte is
 * exact (a borrow may flag a higher byte), so callers confirm candidates. */

#define BYTES_LSB UINT64_C(0x0101010101010101)
#define BYTES_MSB UINT64_C(0x8080808080808080)

HOT_INLINE uint64_t tophash_word(const uint8_t *th)
{
    uint64_t w;
    memcpy(&w, th, sizeof w);
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) &&                                    \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#elif !defined(__BYTE_ORDER__)
    w = (uint64_t)th[0] | (uint64_t)th[1] << 8 | (uint64_t)th[2] << 16 | (uint64_t)th[3] << 24 |
        (uint64_t)th[4] << 32 | (uint64_t)th[5] << 40 | (uint64_t)th[6] << 48 |
        (uint64_t)th[7] << 56;
#endif
    return w;
}

HOT_INLINE uint64_t bytes_zero(uint64_t w)
{
    return (w - BYTES_LSB) & ~w & BYTES_MSB;
}

HOT_INLINE uint64_t bytes_equal_to(uint64_t w, uint8_t v)
{
    return bytes_zero(w ^ (BYTES_LSB * v));
}

/* Exact: bit 7 of byte i is set if and only if byte i of w is zero (no
 * borrow crosses bytes, so every flagged byte is a real one). */
HOT_INLINE uint64_t bytes_zero_exact(uint64_t w)
{
    const uint64_t low7 = ~BYTES_MSB;
    return ~(((w & low7) + low7) | w | low7);
}

/* Full cells of a bucket's tophash word, exactly: bit 7 of byte i is set
 * when byte i is neither emptyRest nor emptyOne. (Adding 0x7f to the low
 * seven bits cannot carry into the next byte, unlike bytes_zero.) */
HOT_INLINE uint64_t bytes_full(uint64_t w)
{
    uint64_t x = w & ~BYTES_LSB;
    const uint64_t low7 = ~BYTES_MSB;
    return (((x & low7) + low7) | x) & BYTES_MSB;
}

/* Cells that are empty (emptyOne or emptyRest). */
HOT_INLINE uint64_t bytes_empty(uint64_t w)
{
    return bytes_zero(w & ~BYTES_LSB);
}

/* Does the bucket with tophash word w end its chain (hold an emptyRest
 * cell)? emptyRest cells run to the end of the bucket, so it does exactly
 * when its last cell is emptyRest: one byte test instead of eight. */
HOT_INLINE bool chain_ends(uint64_t w)
{
    return (w >> 56) == EMPTY_REST;
}

/* Index of the lowest flagged byte (mask != 0). */
HOT_INLINE size_t lowest_byte(uint64_t mask)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(mask) >> 3; /* unsigned: no sign extension */
#else
    size_t i = 0;
    while (!(mask & 0x80u)) {
        mask >>= 8;
        i++;
    }
    return i;
#endif
}

/* Index of the lowest set bit (x != 0). */
HOT_INLINE size_t lowest_bit(unsigned x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(x);
#else
    size_t i = 0;
    while (!(x & 1u)) {
        x >>= 1;
        i++;
    }
    return i;
#endif
}

/* a * b, reporting whether it overflows size_t. */
HOT_INLINE bool mul_overflows(size_t a, size_t b, size_t *out)
{
#if defined(__GNUC__)
    return __builtin_mul_overflow(a, b, out);
#else
    *out = a * b;
    return b != 0 && a > SIZE_MAX / b;
#endif
}

/* Every bit up to and including the highest set bit of x; 0 for 0. */
HOT_INLINE uint64_t bits_through_highest(uint64_t x)
{
#if defined(__GNUC__)
    return (UINT64_MAX >> 1 >> __builtin_clzll(x | 1)) | x;
#else
    x |= x >> 1;
    x |= x >> 2;
    x |= x >> 4;
    x |= x >> 8;
    x |= x >> 16;
    return x | x >> 32;
#endif
}

/* Store a tophash word back: the inverse of tophash_word. */
HOT_INLINE void tophash_store(uint8_t *th, uint64_t w)
{
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) &&                                    \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
    memcpy(th, &w, sizeof w);
#elif !defined(__BYTE_ORDER__)
    for (size_t i = 0; i < BUCKET_CNT; i++)
        th[i] = (uint8_t)(w >> (8 * i));
#else
    memcpy(th, &w, sizeof w);
#endif
}

/* Set byte i of a bucket's tophash bytes, whose word as last loaded is w,
 * to top with one 8-byte store. The next write to a small map often lands
 * in the same bucket and loads the word at once: from an equal store the
 * load is forwarded, while from a one-byte store it waits for the store to
 * reach the cache (100 u64 keys: 6% faster without a hint, 1% with hint
 * 100). */
HOT_INLINE void tophash_set(uint8_t *th, uint64_t w, size_t i, uint8_t top)
{
    unsigned shift = 8 * (unsigned)i;
    tophash_store(th, (w & ~(UINT64_C(0xff) << shift)) | (uint64_t)top << shift);
}

HOT_INLINE size_t bucket_shift(uint8_t B)
{
    return (size_t)1 << B;
}
HOT_INLINE size_t bucket_mask(uint8_t B)
{
    return bucket_shift(B) - 1;
}

/* overLoadFactor: more than 8 entries and more than 6.5 per bucket. */
HOT_INLINE bool over_load_factor(size_t count, uint8_t B)
{
    return count > BUCKET_CNT && count > LOAD_FACTOR_NUM * (bucket_shift(B) / LOAD_FACTOR_DEN);
}

/* tooManyOverflowBuckets: about as many overflow buckets as main buckets. */
HOT_INLINE bool too_many_overflow_buckets(uint16_t noverflow, uint8_t B)
{
    uint8_t b = B > 15 ? 15 : B;
    return noverflow >= (uint16_t)(1u << b);
}

HOT_INLINE bool is_growing(const gomap *m)
{
    return m->oldbuckets != NULL;
}

/* The short paths of access.h (assign_fast, delete_fast) compare the count
 * with this one limit instead of testing each condition that sends a write
 * down the full path: no buckets yet, a growth in progress, or a new key
 * reaching grow_at. 0 when every write takes the full path. Each place that
 * changes one of these inputs calls update_fast_below; gomap_check verifies
 * it. */
HOT_INLINE size_t fast_below_of(const gomap *m)
{
    return m->buckets == NULL || is_growing(m) ? 0 : m->grow_at;
}

HOT_INLINE void update_fast_below(gomap *m)
{
    m->fast_below = fast_below_of(m);
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
    return same_size_grow(m) ? bucket_shift(m->B) : bucket_shift((uint8_t)(m->B - 1));
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
    case KIND_STR: {
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
    case KIND_STR: return str_equal(load_str(a), load_str(b));
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

/* ---- Fatal errors ----------------------------------------------------------- */

NORETURN void throw_fatal(const char *msg); /* "fatal error: msg" */
NORETURN void throw_panic(const char *msg); /* "panic: msg" */

/* ---- Memory (memory.c) ------------------------------------------------------ */

void *mem_alloc(gomap *m, size_t size, unsigned flags);
void mem_free(gomap *m, void *p, size_t size);

/* Bucket arrays: a block_hdr, the dense tophash bytes of the 2^B main
 * buckets (bucket j's at arr - (j+1)*top_off), the 2^B bodies (arr points to
 * the first) and the spare overflow buckets. nb is always 2^B. */
bmap *array_alloc(gomap *m, uint8_t B, unsigned char **spare_begin, unsigned char **spare_end);
/* Bytes of an array block (0 if it cannot exist), and laying one out in
 * memory the caller got: zero-filled, or not if `zeroed` is false, in which
 * case what is read before it is written (tophash bytes, overflow links) is
 * zeroed here. */
size_t array_block_size(const maptype *t, uint8_t B);
bmap *array_init(const maptype *t, void *block, size_t size, uint8_t B, size_t kind_bits,
                 bool zeroed, unsigned char **spare_begin, unsigned char **spare_end);
/* Arrays of pointer-free types need not come zeroed: an insert writes a
 * cell's whole key and elem before anything reads them, and a spare
 * overflow bucket is cleared when it is handed out (new_overflow). */
HOT_INLINE bool array_lazy_zero(const maptype *t)
{
    return (t->bucket_alloc_flags & GOMAP_ALLOC_NOSCAN) != 0;
}
/* memset(p, 0, n) through a call: a constant-size memset of a few hundred
 * bytes is expanded inline as `rep stos`, whose start-up costs more than
 * libc's vector loop. */
void zero_bytes(void *p, size_t n);
size_t array_spares(uint8_t B);
block_hdr *array_hdr(const maptype *t, bmap *arr, size_t nb);
size_t array_tops_size(const maptype *t, size_t nb);
void array_release(gomap *m, bmap *arr, size_t nb); /* free now, or retire while iterators live */
bool array_contains(const maptype *t, bmap *arr, size_t nb, bmap *b);

/* Individually allocated overflow buckets, and the reserve of them. */
void ovf_release(gomap *m, bmap *b);
size_t ovf_available(const gomap *m);    /* spares left plus reserve */
bool reserve_ensure(gomap *m, size_t n); /* ovf_available >= n, or ENOMEM and no change */
bool reserve_fill(gomap *m, size_t n);   /* nreserve >= n, or ENOMEM and no change */
bmap *reserve_take(gomap *m);
void reserve_free_all(gomap *m);

/* Indirect key/elem storage: returns the payload pointer. */
void *indirect_alloc(gomap *m, size_t block, bool zero);
void indirect_release(gomap *m, void *payload);

/* Frees a block now, whatever kind it is (embedded arrays are skipped). */
void block_free(gomap *m, block_hdr *h);
/* Frees a block now, or retires it while iterators are live. */
void release_block(gomap *m, block_hdr *h);

/* Retired blocks are freed once no iterator is live. */
void free_retired(gomap *m);
HOT_INLINE bool iterators_live(const gomap *m)
{
    return atomic_load_explicit(&((gomap *)m)->live_iters, memory_order_acquire) != 0;
}

/* Releases the indirect storage of every live cell and the heap overflow
 * buckets of every chain of arr (nbuckets main buckets); used by clear and
 * free. With mark_empty, every visited tophash becomes EMPTY_REST first so
 * that iterators in flight stop producing entries. skip_evacuated: arr is
 * an old array whose evacuated chains were already released. */
void release_chains(gomap *m, bmap *arr, size_t nbuckets, bool skip_evacuated, bool mark_empty);

/* ---- Garbage-collector cooperation (scan.c) ------------------------------- */

/* Record a NOSCAN block (false and ENOMEM if the table cannot grow), forget
 * one (no-op if absent), and free the table with the map. */
bool keep_add(gomap *m, void *block);
void keep_remove(gomap *m, void *block);
void keep_free(gomap *m);
/* h is being retired: keep it reachable until free_retired, which then
 * calls keep_retired_free. */
void keep_retire(gomap *m, block_hdr *h);
void keep_retired_free(gomap *m);

/* ---- Growth (growth.c) ------------------------------------------------------- */

/* Attach an overflow bucket after b, from the spares or the reserve (the
 * caller made sure one is available). */
bref new_overflow(gomap *m, bmap *b);
/* growWork for a write to `bucket`: evacuates the old chain feeding it and
 * one more, leaving `keep` overflow buckets at hand for the write itself.
 * If the first chain needs more overflow buckets than are at hand and
 * may_alloc is false or allocating them fails, returns false having changed
 * nothing. The second chain is skipped in that case. */
bool grow_work(gomap *m, size_t bucket, size_t keep, bool may_alloc);
/* Start a growth for an insert of `hash` (hashGrow plus its growWork);
 * false with ENOMEM and no change if memory ran out. */
bool start_growth(gomap *m, uint64_t hash);

/* ---- Lookup for iterators (access.c) ---------------------------------------- */

/* Go's mapaccessK: the current key and elem for key, or false. */
bool lookup_key_elem(gomap *m, const void *key, void **kout, void **eout);

#endif /* GOMAP_INTERNAL_H */
