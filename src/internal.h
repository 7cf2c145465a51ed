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
#define array_alloc_hinted     gomap_internal_array_alloc_hinted
#define monotonic_ns           gomap_internal_monotonic_ns
#define array_tops_size        gomap_internal_array_tops_size
#define array_init             gomap_internal_array_init
#define zero_bytes             gomap_internal_zero_bytes
#define map_block_take         gomap_internal_map_block_take
#define map_block_keep         gomap_internal_map_block_keep
#define array_block_size       gomap_internal_array_block_size
#define release_pending        gomap_internal_release_pending
#define pending_step           gomap_internal_pending_step
#define start_prep             gomap_internal_start_prep
#define update_prep_at         gomap_internal_update_prep_at
#define array_alloc_for_growth gomap_internal_array_alloc_for_growth
#define array_release_spread   gomap_internal_array_release_spread
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
#define start_growth           gomap_internal_start_growth
#define thread_rand            gomap_internal_thread_rand
#define worker_populate        gomap_internal_worker_populate
#define worker_forget          gomap_internal_worker_forget
#define worker_unmap           gomap_internal_worker_unmap
#define keep_add               gomap_internal_keep_add
#define keep_remove            gomap_internal_keep_remove
#define keep_free              gomap_internal_keep_free
#define keep_retire            gomap_internal_keep_retire
#define keep_retired_free      gomap_internal_keep_retired_free
#define throw_fatal            gomap_internal_throw_fatal
#define throw_panic            gomap_internal_throw_panic
/* Overflow extension blocks (extend.c) and what they share with memory.c. */
#define ext_room             gomap_internal_ext_room
#define ext_take             gomap_internal_ext_take
#define ext_prepare          gomap_internal_ext_prepare
#define ext_new_array        gomap_internal_ext_new_array
#define ext_release_old      gomap_internal_ext_release_old
#define ext_release_all      gomap_internal_ext_release_all
#define map_block            gomap_internal_map_block
#define unmap_range          gomap_internal_unmap_range
#define release_block        gomap_internal_release_block
#define worker_populate_soon gomap_internal_worker_populate_soon

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
typedef struct os_job os_job; /* worker.c */

typedef struct block_hdr {
    struct block_hdr *next;
    size_t size; /* bytes asked of the allocator, header included */
} block_hdr;

/* Set in block_hdr.size for the bucket array made with the map itself, which
 * shares the header's allocation and is freed only with it. */
#define BLOCK_EMBEDDED ((size_t)1 << (sizeof(size_t) * 8 - 1))
/* Set for a large bucket array the map mapped from the OS itself (default
 * allocator only), so it can be faulted in ahead and unmapped in steps. */
#define BLOCK_MAPPED ((size_t)1 << (sizeof(size_t) * 8 - 2))
/* What a block is, so that gomap_scan can read memory that only iterators
 * still reach (the retired list): a bucket array or an individually
 * allocated overflow bucket. Untagged blocks are indirect keys/elems. */
#define BLOCK_ARRAY ((size_t)1 << (sizeof(size_t) * 8 - 3))
#define BLOCK_OVF   ((size_t)1 << (sizeof(size_t) * 8 - 4))
/* Overflow extension blocks (extend.c): set on a mapped chunk of overflow
 * buckets (with BLOCK_MAPPED) and on each bucket carved from one (with
 * BLOCK_OVF); such a bucket is never freed alone, only with its chunk. */
#define BLOCK_EXT  ((size_t)1 << (sizeof(size_t) * 8 - 5))
#define BLOCK_TAGS (BLOCK_EMBEDDED | BLOCK_MAPPED | BLOCK_ARRAY | BLOCK_OVF | BLOCK_EXT)

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
    /* The smallest B whose array is mapped rather than allocated
     * (array_large_B): growths below it have nothing to prepare. */
    uint8_t large_B;
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
    /* The map's shape when a lookup may take the short path (buckets, B > 0,
     * not growing), else SHAPE_ANY: one byte for a read to test. */
    uint8_t read_shape;
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

    /* Keeping the OS's cost of large arrays out of single writes (memory.c):
     * the next array is mapped and faulted in before the growth that needs
     * it, and a finished growth's old array is unmapped, by the background
     * thread (worker.c) or a step at a time by the writes. */
    size_t prep_at;      /* count at which to start preparing the next array */
    size_t grow_at;      /* count at which a new key starts a growth (update_grow_at) */
    block_hdr *next_arr; /* mapped ahead for the next doubling, or NULL */
    os_job *prep_job;    /* the background thread faulting next_arr in, or NULL */
    size_t next_len, next_done, next_wait; /* mapped, faulted in, writes to skip */
    unsigned char *unmap_base;
    size_t unmap_len;
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
    bool direct_map; /* the default allocator: large arrays are mapped */
    bool pending;    /* a step of either kind is due on the next write */
    uint8_t next_B;  /* B of next_arr */
    bool keep_on;    /* NOSCAN blocks are recorded in keep */
    /* Readers ending their last iterator free retired blocks, possibly two
     * at once: removals from the table take this flag. */
    _Atomic bool keep_busy;

    /* Overflow extension blocks (extend.c): overflow buckets beyond a mapped
     * array's spares come from chunks mapped ahead and faulted in by the
     * background thread, owned by the array they serve. */
    block_hdr *ext_cur, *ext_old;      /* chunks of buckets / oldbuckets (linked by next) */
    unsigned char *ext_next, *ext_end; /* unused room of ext_cur's newest chunk */
    size_t ext_avail;                  /* buckets in that room and in ext_ready */
    void *ext_ready;                   /* the next chunk, mapped ahead, or NULL */
    size_t ext_ready_len;
    os_job *ext_job;            /* the background thread faulting ext_ready in, or NULL */
    unsigned char *spare_watch; /* next_spare at which to prepare a chunk, or NULL */
    bool ext_on;                /* buckets is a mapped array and the thread may run */
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

/* An overflow bucket carved from an extension chunk (individually
 * allocated ones carry the same header, without BLOCK_EXT). */
HOT_INLINE bool ovf_is_ext(const maptype *t, bmap *body)
{
    const block_hdr *h = (const block_hdr *)(const void *)(body - t->top_off - HDR_SIZE);
    return (h->size & BLOCK_EXT) != 0;
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

/* The cells of a bucket whose tophash byte is top, as a mask that
 * match_index reads and `c &= c - 1` steps through: with SSE2 one bit per
 * cell (a byte compare and a movemask, fewer instructions than the
 * arithmetic), else bit 7 of each byte (bytes_zero_exact, exact). */
#if defined(__SSE2__)
#include <emmintrin.h>
HOT_INLINE uint64_t match_top(uint64_t w, uint8_t top)
{
    __m128i cells = _mm_cvtsi64_si128((long long)w);
    __m128i want = _mm_set1_epi8((char)top);
    return (uint64_t)(_mm_movemask_epi8(_mm_cmpeq_epi8(cells, want)) & 0xff);
}
#define MATCH_SHIFT 0
#else
HOT_INLINE uint64_t match_top(uint64_t w, uint8_t top)
{
    return bytes_zero_exact(w ^ (BYTES_LSB * top));
}
#define MATCH_SHIFT 3
#endif

/* Index of the lowest cell of a match_top mask (mask != 0). */
HOT_INLINE size_t match_index(uint64_t mask)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(mask) >> MATCH_SHIFT;
#else
    size_t i = 0;
    while (!(mask & ((uint64_t)1 << (MATCH_SHIFT == 3 ? 7 : 0)))) {
        mask >>= (MATCH_SHIFT == 3 ? 8 : 1);
        i++;
    }
    return i;
#endif
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
 * down the full path: no buckets yet, a growth in progress, a step due, or
 * a new key reaching prep_at or grow_at. 0 when every write takes the full
 * path. Each place that changes one of these inputs calls
 * update_fast_below; gomap_check verifies it. */
HOT_INLINE size_t fast_below_of(const gomap *m)
{
    if (m->buckets == NULL || is_growing(m) || m->pending)
        return 0;
    size_t below = m->prep_at == 0 ? 0 : m->prep_at - 1; /* count + 1 < prep_at */
    return below < m->grow_at ? below : m->grow_at;
}

/* See gomap.read_shape. */
HOT_INLINE uint8_t read_shape_of(const gomap *m)
{
    return m->buckets != NULL && m->B != 0 && !is_growing(m) ? m->t.shape : (uint8_t)SHAPE_ANY;
}

HOT_INLINE void update_fast_below(gomap *m)
{
    m->fast_below = fast_below_of(m);
    m->read_shape = read_shape_of(m);
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

/* The checks of the generic entry points (gomap_get etc. and gomap_sync):
 * a NULL key of a type whose keys have bytes, or an unreadable string key
 * of the str kind. The caller sets errno = EINVAL. */
HOT_INLINE bool key_invalid(const gomap *m, const void *key)
{
    if (UNLIKELY(key == NULL))
        return m->t.user.key_size != 0;
    if (m->t.kind == KIND_STR) {
        gomap_str s = load_str(key);
        return str_invalid(s.ptr, s.len);
    }
    return false;
}

/* Flags gomap_type.flags and gomap_options.flags may hold. */
#define TYPE_FLAGS_KNOWN                                                                           \
    (GOMAP_KEY_NOT_REFLEXIVE | GOMAP_KEY_NEEDS_UPDATE | GOMAP_KEY_POINTERS | GOMAP_ELEM_POINTERS)
#define OPTION_FLAGS_KNOWN (GOMAP_FIXED_SEED | GOMAP_NO_BACKGROUND | GOMAP_NO_HUGE_PAGES)

/* ---- Fatal errors ----------------------------------------------------------- */

NORETURN void throw_fatal(const char *msg); /* "fatal error: msg" */
NORETURN void throw_panic(const char *msg); /* "panic: msg" */

/* ---- Memory (memory.c) ------------------------------------------------------ */

void *mem_alloc(gomap *m, size_t size, unsigned flags);
void mem_free(gomap *m, void *p, size_t size);

/* Bucket arrays: a block_hdr, the dense tophash bytes of the 2^B main
 * buckets (bucket j's at arr - (j+1)*top_off), the 2^B bodies (arr points to
 * the first) and the spare overflow buckets. nb is always 2^B. */
/* The background thread (worker.c). worker_populate queues faulting in a
 * mapped range and returns the job, which the caller must pass to
 * worker_forget before it writes to the range or gives it up (the thread
 * stops touching it; this waits for at most one piece of work), or NULL if
 * no thread can run. `huge`: the range starts on a 2 MiB boundary and is
 * advised for huge pages; the thread may advise the rest of it back to
 * 4 KiB pages, and worker_forget returns the offset from which the range is
 * neither faulted in nor advised back (its length if none). worker_unmap
 * queues unmapping a range of at least a few dozen bytes (the job is stored
 * in it); false if no thread can run, and the caller must unmap it. */
os_job *worker_populate(void *base, size_t len, bool huge);
/* The same for a small range needed soon: it runs before the queued jobs,
 * and a long populate in progress pauses for it. */
os_job *worker_populate_soon(void *base, size_t len);
size_t worker_forget(os_job *j);
bool worker_unmap(void *base, size_t len);
bmap *array_alloc(gomap *m, uint8_t B, unsigned char **spare_begin, unsigned char **spare_end);
/* The array of a new map sized by its hint: large ones (mapped) get huge
 * pages unless the options say GOMAP_NO_HUGE_PAGES. */
bmap *array_alloc_hinted(gomap *m, uint8_t B, unsigned char **spare_begin,
                         unsigned char **spare_end);
/* A huge page fault slower than this means memory a virtual machine's host
 * backs on first touch (6 to 9 ms per 2 MiB measured, against 0.2 to 0.5 ms
 * otherwise): whoever faults a range in goes on with 4 KiB pages. */
#define HUGE_SLOW_NS 1000000u
/* CLOCK_MONOTONIC in nanoseconds (Linux builds). */
uint64_t monotonic_ns(void);
/* Bytes of an array block (0 if it cannot exist), and laying one out in
 * memory the caller got: zero-filled, or not if `zeroed` is false, in which
 * case what is read before it is written (tophash bytes, overflow links) is
 * zeroed here. */
size_t array_block_size(const maptype *t, uint8_t B);
uint8_t array_large_B(const maptype *t);
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
/* The block of a map freed on this thread (the default allocator's, not
 * zeroed), if one of exactly `size` bytes is kept; and keeping one there,
 * false if it is not kept (too large) and the caller frees it. */
void *map_block_take(size_t size);
bool map_block_keep(void *block, size_t size);
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
/* The growth that used arr is over: free it, spreading a mapped array's
 * unmapping over the next writes. */
void array_release_spread(gomap *m, bmap *arr, size_t nb);
/* Next array for a doubling to newB: the prepared one if any. */
bmap *array_alloc_for_growth(gomap *m, uint8_t newB, unsigned char **spare_begin,
                             unsigned char **spare_end);
void update_prep_at(gomap *m);
void start_prep(gomap *m);
void pending_step(gomap *m);
void release_pending(gomap *m); /* unmap everything queued or prepared (free) */

/* Mapping from the OS (default allocator only; counted in m->bytes), and
 * releasing a block now or, while iterators are live, when they end. */
block_hdr *map_block(gomap *m, size_t size);
void unmap_range(gomap *m, void *p, size_t len);
void release_block(gomap *m, block_hdr *h);

/* ---- Overflow extension blocks (extend.c) ----------------------------------- */

/* Overflow buckets to be had from extension chunks without mapping. */
size_t ext_room(const gomap *m);
/* A zeroed overflow bucket from the current chunk (attaching the prepared
 * one when it is used up), or NULL if none is at hand. */
bmap *ext_take(gomap *m);
/* Map the next chunk ahead and have the thread fault it in (failing is no
 * error: the writes then fall back to the allocator). */
void ext_prepare(gomap *m);
/* buckets was just installed (map creation, growth): the chunks in use
 * become the old array's, released with it by ext_release_old. */
void ext_new_array(gomap *m);
void ext_release_old(gomap *m);
/* Release every chunk in use (clear, free) and, with drop_ready, the one
 * mapped ahead. */
void ext_release_all(gomap *m, bool drop_ready);

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
