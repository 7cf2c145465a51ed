/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * layout.h - what a bucket is: Go's constants, the block header every
 * allocated block starts with, the type descriptor computed from gomap_type
 * (Go's maptype), bucket accessors, and matching eight tophash bytes at
 * once (SWAR). Nothing here knows the map header.
 */
#ifndef GOMAP_LAYOUT_H
#define GOMAP_LAYOUT_H

#include <gomap/gomap.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/* Key kinds with a specialised code path. KIND_STR_OWNED is KIND_STR whose
 * map copies a new key's bytes and frees them with the key. */
enum key_kind { KIND_GENERIC, KIND_U32, KIND_U64, KIND_STR, KIND_F64, KIND_STR_OWNED };

/* Both string kinds: hashed and compared alike. */
HOT_INLINE bool is_str_kind(int K)
{
    return K == KIND_STR || K == KIND_STR_OWNED;
}

/* maptype.discard: what removing an entry involves besides clearing its
 * cell. */
enum {
    DISCARD_KEY_DROP = 1,  /* gomap_type.key_drop */
    DISCARD_ELEM_DROP = 2, /* gomap_type.elem_drop */
    DISCARD_OWNED_STR = 4, /* free the map's copy of a string key */
};

/* Every block that may outlive its use while iterators are live starts with
 * this header, so it can be queued for a deferred free without allocating
 * (an individually allocated overflow bucket with its first word only: see
 * ovf_link_size). */
typedef struct block_hdr {
    struct block_hdr *next;
    size_t size; /* bytes asked of the allocator, header included */
} block_hdr;

/* Set in block_hdr.size for the bucket array made with the map itself, which
 * shares the header's allocation and is freed only with it. */
#define BLOCK_EMBEDDED ((size_t)1 << (sizeof(size_t) * 8 - 1))
/* What a block is, so that gomap_scan can read memory that only iterators
 * still reach (the retired list): a bucket array. Untagged blocks are
 * indirect keys/elems. (Individually allocated overflow buckets carry a
 * link only and are retired on a list of their own: see ovf_link_size.) */
#define BLOCK_ARRAY ((size_t)1 << (sizeof(size_t) * 8 - 3))
#define BLOCK_TAGS  (BLOCK_EMBEDDED | BLOCK_ARRAY)

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
 * its *body*: the overflow pointer first (the line with the first cells
 * brings it), then keys and elems (interleaved key/elem pairs when that
 * costs no padding, else Go's 8 keys then 8 elems). The 8
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
    size_t overflow_off;            /* offset of the overflow pointer in the body: 0 */
    size_t bodysize;                /* one body, multiple of its alignment */
    size_t top_off;                 /* tophash bytes before an overflow body (8 or 16) */
    size_t bucketsize;              /* top_off + bodysize: Go's bucket size */
    size_t key_block, elem_block;   /* allocation sizes of indirect storage */
    uint8_t kind;
    bool indirect_key, indirect_elem;
    bool reflexive, need_key_update;
    /* Deleting an entry writes its body (a string key's data pointer,
     * pointers to clear): a delete then requests the body's lines for
     * writing. */
    bool delete_writes_body;
    /* Bytes of a body from its start through the end of its last key, at
     * most KEY_SPAN_MAX: the lines a write requests. */
    uint16_t key_span;
    unsigned bucket_alloc_flags; /* GOMAP_ALLOC_NOSCAN where it applies */
    uint8_t shape;               /* enum shape: a layout the fast paths know */
    /* The elem holds no pointers (and is inline): a delete leaves its bytes
     * and the insert that takes the cell zeroes it, so deleting does not
     * write the bucket body. */
    bool elem_zeroed_on_insert;
    /* DISCARD_ bits; 0 for every shape, so the shaped paths never test
     * it. */
    uint8_t discard;
    /* Removing an entry has work besides its key slot: discard bits, an
     * indirect elem, or an elem's pointers to clear (!elem_zeroed_on_insert).
     * One byte for a delete to test. */
    bool cell_cleanup;
} maptype;

/* Writes request a body's lines up to this many bytes (maptype.key_span). */
#define KEY_SPAN_MAX 320

/* An individually allocated overflow bucket starts with a link (the
 * reserve and the retired list go through it) instead of a whole block
 * header: its size is the map's, so it needs none. The link takes 8 bytes
 * where that keeps the body aligned (tophash bytes of 8), else HDR_SIZE. */
HOT_INLINE size_t ovf_link_size(const maptype *t)
{
    return HDR_SIZE - t->top_off % HDR_SIZE;
}

/* Bytes of such a block: link, tophash bytes, body. */
HOT_INLINE size_t ovf_block_size(const maptype *t)
{
    return ovf_link_size(t) + t->bucketsize;
}

/* An entry of the map's retired list: the block, and whether it is an
 * individually allocated overflow bucket, told by the entry's low bit
 * (blocks are aligned), since such a block has no size field to tag. */
HOT_INLINE block_hdr *retired_entry(block_hdr *e, bool *ovf)
{
    *ovf = ((uintptr_t)e & 1u) != 0;
    return (block_hdr *)(void *)((uintptr_t)e & ~(uintptr_t)1);
}

/* The block of the individually allocated overflow bucket with body b. */
HOT_INLINE block_hdr *ovf_block_of(const maptype *t, bmap *b)
{
    return (block_hdr *)(void *)(b - t->top_off - ovf_link_size(t));
}

/* Layouts common enough that the fast paths are compiled for them with
 * their offsets as constants: fewer loads, multiplies and live registers
 * per access. make_maptype sets a map's shape only when its computed
 * layout equals the shape's exactly. */
enum shape {
    SHAPE_ANY,    /* offsets read from the map's maptype */
    SHAPE_U64_8,  /* u64 keys, 8-byte elems: 16-byte key/elem pairs */
    SHAPE_STR_16, /* string keys, 16-byte elems (strings): 32-byte pairs */
    SHAPE_U32_4,  /* u32 keys, 4-byte elems: 8-byte key/elem pairs */
    SHAPE_STR_8,  /* string keys, 8-byte elems (counts, pointers): 24-byte pairs */
    SHAPE_LAST = SHAPE_STR_8,
    /* In gomap.read_shape only: lookups take the full path. */
    SHAPE_NOT_READY = 0xff,
};

/* The entry points that serve every kind of map run their statements
 * (the variadic arguments) with K, a constant, set to the map's key kind,
 * so that each call in them is compiled for that kind. Code that returns
 * from every case needs nothing after the switch. */
#define CASE_KIND_(k, ...)                                                                         \
    case k: {                                                                                      \
        enum { K = k };                                                                            \
        __VA_ARGS__;                                                                               \
    } break
#define WITH_KIND(kind, ...)                                                                       \
    switch (kind) {                                                                                \
        CASE_KIND_(KIND_U32, __VA_ARGS__);                                                         \
        CASE_KIND_(KIND_U64, __VA_ARGS__);                                                         \
        CASE_KIND_(KIND_STR, __VA_ARGS__);                                                         \
        CASE_KIND_(KIND_STR_OWNED, __VA_ARGS__);                                                   \
        CASE_KIND_(KIND_F64, __VA_ARGS__);                                                         \
    default: {                                                                                     \
        enum { K = KIND_GENERIC };                                                                 \
        __VA_ARGS__;                                                                               \
    } break;                                                                                       \
    }
/* The same with S, a constant too, set to the map's shape: each shape's
 * code, then each kind's without a shape. */
#define CASE_SHAPE_(s, k, ...)                                                                     \
    case s: {                                                                                      \
        enum { S = s, K = k };                                                                     \
        __VA_ARGS__;                                                                               \
    } break
#define WITH_SHAPE(shape, kind, ...)                                                               \
    switch (shape) {                                                                               \
        CASE_SHAPE_(SHAPE_U64_8, KIND_U64, __VA_ARGS__);                                           \
        CASE_SHAPE_(SHAPE_U32_4, KIND_U32, __VA_ARGS__);                                           \
        CASE_SHAPE_(SHAPE_STR_16, KIND_STR, __VA_ARGS__);                                          \
        CASE_SHAPE_(SHAPE_STR_8, KIND_STR, __VA_ARGS__);                                           \
    default: {                                                                                     \
        enum { S = SHAPE_ANY };                                                                    \
        WITH_KIND(kind, __VA_ARGS__);                                                              \
    } break;                                                                                       \
    }

/* ---- Bucket layout -------------------------------------------------------- */

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
HOT_INLINE uint64_t match_top(uint64_t w, uint8_t top)
{
    __m128i cells = _mm_cvtsi64_si128((long long)w);
    __m128i want = _mm_set1_epi8((char)top);
    return (uint64_t)(_mm_movemask_epi8(_mm_cmpeq_epi8(cells, want)) & 0xff);
}

/* The empty cells (emptyOne or emptyRest), as a match_top mask: a byte is
 * empty when it equals its minimum with emptyOne. */
HOT_INLINE uint64_t match_empty(uint64_t w)
{
    __m128i cells = _mm_cvtsi64_si128((long long)w);
    __m128i low = _mm_min_epu8(cells, _mm_set1_epi8(EMPTY_ONE));
    return (uint64_t)(_mm_movemask_epi8(_mm_cmpeq_epi8(cells, low)) & 0xff);
}
#define MATCH_SHIFT 0
#else
HOT_INLINE uint64_t match_top(uint64_t w, uint8_t top)
{
    return bytes_zero_exact(w ^ (BYTES_LSB * top));
}

HOT_INLINE uint64_t match_empty(uint64_t w)
{
    return bytes_zero_exact(w & ~BYTES_LSB);
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

#endif /* GOMAP_LAYOUT_H */
