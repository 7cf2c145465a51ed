/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * map.c - creation, freeing, clear, clone and len: the parts of the map's
 * life that are not a single access.
 */
#include "access.h"
#include "os_pages.h"

#include <errno.h>
#include <stdlib.h>

/* Go ignores hints whose bucket bytes exceed maxAlloc (2^48 on 64-bit). */
#if SIZE_MAX > 0xffffffffu
#define MAX_ALLOC ((size_t)1 << 48)
#else
#define MAX_ALLOC (SIZE_MAX >> 1)
#endif

/* A first array this large gets a block of its own rather than sharing the
 * header's, so that a growth can give it back. */
#define LARGE_EMBED_MAX (1u << 20)

/* memset(p, 0, n) through a call: a constant-size memset of a few hundred
 * bytes is expanded inline as `rep stos`, whose start-up costs more than
 * libc's vector loop. */
static NOINLINE void zero_bytes(void *p, size_t n)
{
    memset(p, 0, n);
}

/* A key or elem of size bytes aligned to align: a power of two the
 * allocators provide, dividing the size (masks, not divisions: this runs
 * for every map made), and room to double the size. */
static bool valid_part(size_t size, size_t align)
{
    return align != 0 && (align & (align - 1)) == 0 && align <= GOMAP_MAX_ALIGN &&
           (size & (align - 1)) == 0 && size <= SIZE_MAX / 2;
}

static size_t round_up(size_t x, size_t align)
{
    return (x + align - 1) & ~(align - 1);
}

static size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}

/* Lay out the bucket with Go's sizes (tophash[8], 8 keys, 8 elems, overflow
 * pointer; keys or elems over 128 bytes stored indirectly), arranged as
 * described in layout.h. With
 * alignments <= 8 this is exactly 8 + 8*keysize + 8*elemsize + 8. */
static bool make_maptype(maptype *mt, const gomap_type *t)
{
    if (t == NULL || t->hash == NULL || t->equal == NULL)
        return false;
    if (!valid_part(t->key_size, t->key_align) || !valid_part(t->elem_size, t->elem_align))
        return false;
    /* Copied from a zero template: gcc turns a memset of this size into a
     * rep stos, whose start-up cost shows in small_create. */
    static const maptype zero_template;
    *mt = zero_template;
    /* Field by field: the caller's padding bytes stay out of the header, so
     * a conservative collector (or valgrind) never reads undefined bytes. */
    mt->user.key_size = t->key_size;
    mt->user.key_align = t->key_align;
    mt->user.elem_size = t->elem_size;
    mt->user.elem_align = t->elem_align;
    mt->user.hash = t->hash;
    mt->user.equal = t->equal;
    mt->user.flags = t->flags;
    mt->user.key_drop = t->key_drop;
    mt->user.elem_drop = t->elem_drop;
    mt->kind = (uint8_t)kind_of_type(t);
    uint8_t discard = (uint8_t)((t->key_drop != NULL ? DISCARD_KEY_DROP : 0) |
                                (t->elem_drop != NULL ? DISCARD_ELEM_DROP : 0) |
                                (mt->kind == KIND_STR_OWNED ? DISCARD_OWNED_STR : 0));
    mt->discard = discard;
    /* Locals, not reads of *mt: reading back the byte fields just stored as
     * one wider load stalls store forwarding. */
    bool indirect_key = t->key_size > GOMAP_MAX_INLINE;
    bool indirect_elem = t->elem_size > GOMAP_MAX_INLINE;
    mt->indirect_key = indirect_key;
    mt->indirect_elem = indirect_elem;
    size_t kalign = indirect_key ? _Alignof(void *) : t->key_align;
    size_t ealign = indirect_elem ? _Alignof(void *) : t->elem_align;
    size_t keysize = indirect_key ? sizeof(void *) : t->key_size;
    size_t elemsize = indirect_elem ? sizeof(void *) : t->elem_size;
    mt->keysize = keysize;
    mt->elemsize = elemsize;
    size_t balign = max_size(_Alignof(void *), max_size(kalign, ealign));
    /* Key/elem pairs keep a hit's key and elem in one cache line; use them
     * only when they need no padding, so the bucket is never bigger than
     * Go's. */
    size_t pair = keysize + elemsize;
    /* The overflow pointer comes first: the line a lookup requests for the
     * first cells brings it, so following a chain does not wait for another
     * line of the body. */
    mt->overflow_off = 0;
    size_t end;
    if ((keysize & (ealign - 1)) == 0 && (pair & (max_size(kalign, ealign) - 1)) == 0) {
        mt->keys_off = round_up(sizeof(void *), max_size(kalign, ealign));
        mt->elems_off = mt->keys_off + keysize;
        mt->key_stride = mt->elem_stride = pair;
        end = mt->keys_off + BUCKET_CNT * pair;
    } else {
        mt->keys_off = round_up(sizeof(void *), kalign);
        mt->elems_off = round_up(mt->keys_off + BUCKET_CNT * keysize, ealign);
        mt->key_stride = keysize;
        mt->elem_stride = elemsize;
        end = mt->elems_off + BUCKET_CNT * elemsize;
    }
    mt->bodysize = round_up(end, balign);
    mt->top_off = max_size(BUCKET_CNT, balign);
    mt->bucketsize = mt->top_off + mt->bodysize;
    mt->key_block = HDR_SIZE + t->key_size;
    mt->elem_block = HDR_SIZE + t->elem_size;
    mt->reflexive = !(t->flags & GOMAP_KEY_NOT_REFLEXIVE);
    mt->need_key_update = (t->flags & GOMAP_KEY_NEEDS_UPDATE) != 0;
    bool elem_zeroed = !indirect_elem && !(t->flags & GOMAP_ELEM_POINTERS);
    mt->elem_zeroed_on_insert = elem_zeroed;
    mt->cell_cleanup = discard != 0 || !elem_zeroed;
    /* See clear_cell: only generic keys can be indirect. */
    mt->delete_writes_body = is_str_kind(mt->kind) || indirect_key ||
                             (t->flags & GOMAP_KEY_POINTERS) || indirect_elem || !elem_zeroed;
    size_t key_span = mt->keys_off + (BUCKET_CNT - 1) * mt->key_stride + keysize;
    mt->key_span = (uint16_t)(key_span < KEY_SPAN_MAX ? key_span : KEY_SPAN_MAX);
    /* Go's noscan buckets: neither keys nor elems hold pointers (indirect
     * ones are pointers; string keys hold one). The overflow links inside
     * such buckets are then kept reachable through the map's keep table. */
    bool pointers = (t->flags & (GOMAP_KEY_POINTERS | GOMAP_ELEM_POINTERS)) ||
                    is_str_kind(mt->kind) || indirect_key || indirect_elem;
    mt->bucket_alloc_flags = pointers ? 0 : GOMAP_ALLOC_NOSCAN;
    /* Distinct sizes tell indirect keys from elems on the retired list
     * (gomap_scan reads retired keys, never retired elems). */
    if (indirect_key && indirect_elem && mt->elem_block == mt->key_block)
        mt->elem_block += GOMAP_MAX_ALIGN;
    mt->shape = shape_of(mt);
    return true;
}

/* Everything the fast paths read from a maptype, shape by shape: a map
 * gets a shape only if all of it matches. */
static bool same_layout(const maptype *a, const maptype *b)
{
    return a->keysize == b->keysize && a->elemsize == b->elemsize && a->keys_off == b->keys_off &&
           a->elems_off == b->elems_off && a->key_stride == b->key_stride &&
           a->elem_stride == b->elem_stride && a->overflow_off == b->overflow_off &&
           a->bodysize == b->bodysize && a->top_off == b->top_off &&
           a->bucketsize == b->bucketsize && a->kind == b->kind &&
           a->indirect_key == b->indirect_key && a->indirect_elem == b->indirect_elem &&
           a->reflexive == b->reflexive && a->need_key_update == b->need_key_update &&
           a->elem_zeroed_on_insert == b->elem_zeroed_on_insert && a->discard == b->discard;
}

uint8_t shape_of(const maptype *t)
{
    /* An integer key declared to hold pointers is cleared on delete: the
     * shape code does not do that. */
    if (t->kind != KIND_STR && (t->user.flags & GOMAP_KEY_POINTERS))
        return SHAPE_ANY;
    for (int s = SHAPE_U64_8; s <= SHAPE_LAST; s++)
        if (same_layout(t, shape_layout(NULL, s)))
            return (uint8_t)s;
    return SHAPE_ANY;
}

static uint8_t hint_to_B(size_t hint, size_t bucketsize)
{
    size_t bytes; /* a product, not a division: this runs for every map made */
    if (mul_overflows(hint, bucketsize, &bytes) || bytes > MAX_ALLOC)
        hint = 0;
    uint8_t B = 0;
    while (over_load_factor(hint, B))
        B++;
    return B;
}

/* The layout of the type this thread made a map of last: programs make
 * many maps of few types, and laying a type out costs more than the rest
 * of making a small map. */
struct type_layout {
    maptype mt; /* mt.user is the type, copied field by field */
    bool valid;
};
static _Thread_local struct type_layout last_type;

HOT_INLINE bool same_type(const gomap_type *a, const gomap_type *b)
{
    return a->key_size == b->key_size && a->key_align == b->key_align &&
           a->elem_size == b->elem_size && a->elem_align == b->elem_align && a->hash == b->hash &&
           a->equal == b->equal && a->flags == b->flags && a->key_drop == b->key_drop &&
           a->elem_drop == b->elem_drop;
}

HOT_INLINE const maptype *layout_of(const gomap_type *t)
{
    struct type_layout *last = &last_type; /* one thread-local address lookup */
    if (t != NULL && last->valid && same_type(&last->mt.user, t))
        return &last->mt;
    last->valid = make_maptype(&last->mt, t);
    return last->valid ? &last->mt : NULL;
}

/* What gomap_new_with and gomap_init take from their type and options. */
typedef struct map_args {
    const maptype *mt;
    const gomap_allocator *a;
    bool own_alloc;
    unsigned flags;
    uint64_t seed;
} map_args;

/* false with errno = EINVAL for a type or options no map can be made of.
 * Inline: making a small map costs little more than this and the header. */
HOT_INLINE bool map_args_of(const gomap_type *t, const gomap_options *opt, map_args *out)
{
    const maptype *mt = layout_of(t);
    unsigned flags = opt != NULL ? opt->flags : 0;
    const gomap_allocator *a = opt != NULL ? opt->allocator : NULL;
    /* Unknown flag bits may mean something in a later version: refuse them
     * rather than silently ignore what the caller asked for. */
    if (mt == NULL || (mt->user.flags & ~TYPE_FLAGS_KNOWN) != 0 ||
        (flags & ~OPTION_FLAGS_KNOWN) != 0 ||
        (a != NULL && (a->alloc == NULL || a->free == NULL))) {
        errno = EINVAL;
        return false;
    }
    bool own_alloc = a == NULL;
    if (own_alloc)
        a = os_allocator(!(flags & GOMAP_NO_BACKGROUND));
    *out = (map_args){mt, a, own_alloc, flags, opt != NULL ? opt->seed : 0};
    return true;
}

/* The header, rounded up so that an array after it is aligned as blocks
 * from an allocator are. */
#define MAP_HEAD ((sizeof(gomap) + GOMAP_MAX_ALIGN - 1) / GOMAP_MAX_ALIGN * GOMAP_MAX_ALIGN)

/* Sets up the zero-filled header m of a map with no entries: self_size is
 * the bytes of the header's own allocation (0 in the caller's storage), all
 * of which the map then holds; an array of arr_size bytes (0: none) follows
 * the header in it, zero-filled already if arr_zeroed. Inline: it is most
 * of making a small map. */
HOT_INLINE void header_init(gomap *m, const map_args *g, size_t self_size, uint8_t B,
                            size_t arr_size, bool arr_zeroed)
{
    m->t = *g->mt;
    m->alloc = *g->a;
    m->opt_flags = g->flags;
    m->self_size = self_size;
    m->own_alloc = g->own_alloc;
    m->keep_on = !g->own_alloc && (g->mt->bucket_alloc_flags & GOMAP_ALLOC_NOSCAN);
    atomic_init(&m->keep_busy, false);
    atomic_init(&m->flags, 0);
    atomic_init(&m->live_iters, 0);
    atomic_init(&m->retired, NULL);
    atomic_init(&m->bytes, self_size);
    if (g->flags & GOMAP_FIXED_SEED) {
        atomic_init(&m->rng, g->seed ^ UINT64_C(0x9e3779b97f4a7c15));
        set_seed(m, g->seed);
    } else {
        atomic_init(&m->rng, 0);
        set_seed(m, thread_rand());
    }
    m->B = B;
    m->mask = bucket_mask(B);
    /* Its BLOCK_EMBEDDED tag keeps every release (a growth's end, clear,
     * free, the last iterator) from giving the array to the allocator. */
    if (arr_size != 0)
        m->buckets = array_init(&m->t, (unsigned char *)m + MAP_HEAD, arr_size, B, BLOCK_EMBEDDED,
                                arr_zeroed, &m->next_spare, &m->end_spare);
    update_grow_at(m);
}

/* A map with no entries and, if with_array, an array of 2^B buckets. */
static gomap *map_create(const map_args *g, uint8_t B, bool with_array)
{
    size_t arr_size = with_array ? array_block_size(g->mt, B) : 0;
    if (with_array && arr_size == 0) {
        errno = ENOMEM;
        return NULL;
    }
    /* The first bucket array shares the header's allocation: a map made
     * with a size hint costs one allocation. Only with the library's
     * allocator: a user's may be a garbage collector, which must see the
     * array as a block of its own (NOSCAN for pointer-free maps, and not
     * kept alive by the header once replaced). */
    bool embed = g->own_alloc && with_array && arr_size < LARGE_EMBED_MAX;
    size_t total = MAP_HEAD + (embed ? arr_size : 0);
    /* Zero-filled, so every field header_init does not set starts at 0 (an
     * embedded array that need not be is left to array_init). Holds
     * pointers: no NOSCAN. */
    bool lazy = embed && array_lazy_zero(g->mt);
    gomap *m = g->a->alloc(g->a->ctx, total, lazy ? 0 : GOMAP_ALLOC_ZERO);
    if (m == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    if (lazy)
        zero_bytes(m, MAP_HEAD);
    header_init(m, g, total, B, embed ? arr_size : 0, !lazy);
    if (with_array && !embed) {
        m->buckets = array_alloc(m, B, &m->next_spare, &m->end_spare);
        if (m->buckets == NULL) {
            keep_free(m);
            g->a->free(g->a->ctx, m, total);
            errno = ENOMEM;
            return NULL;
        }
        update_fast_below(m);
    }
    return m;
}

gomap *gomap_new_with(const gomap_type *t, size_t hint, const gomap_options *opt)
{
    map_args g;
    if (!map_args_of(t, opt, &g))
        return NULL;
    uint8_t B = hint_to_B(hint, g.mt->bucketsize);
    return map_create(&g, B, B != 0);
}

gomap *gomap_new(const gomap_type *t, size_t hint)
{
    return gomap_new_with(t, hint, NULL);
}

/* ---- A map in the caller's storage ------------------------------------------- */

/* GOMAP_STORAGE_BYTES in gomap.h bounds what gomap_storage_size returns
 * with literal numbers, as the header's size is not public. Its terms:
 * the header, then for the one-bucket array a block header and the
 * tophash bytes (16 bytes each with alignments up to 16) and a body of
 * at most 8 * (key + elem slot) bytes plus alignment padding and the
 * overflow link (held in the 96 - 32 bytes of the constant term). */
_Static_assert(MAP_HEAD <= GOMAP_STORAGE_HEADER_BYTES_,
               "struct gomap outgrew GOMAP_STORAGE_HEADER_BYTES_ (gomap.h): raise it");
_Static_assert(HDR_SIZE <= 16 && GOMAP_MAX_ALIGN <= 16,
               "GOMAP_STORAGE_BYTES assumes block headers and tophash rows of 16 bytes");

/* The caller's bytes a map of the type laid out as mt needs: the header
 * and its first array, of one bucket. */
static size_t storage_size_of(const maptype *mt)
{
    return MAP_HEAD + array_block_size(mt, 0);
}

size_t gomap_storage_size(const gomap_type *t)
{
    map_args g;
    if (!map_args_of(t, NULL, &g))
        return 0;
    return storage_size_of(g.mt);
}

gomap *gomap_init(void *storage, size_t size, const gomap_type *t, const gomap_options *opt)
{
    map_args g;
    if (!map_args_of(t, opt, &g))
        return NULL;
    if (storage == NULL || ((uintptr_t)storage & (GOMAP_MAX_ALIGN - 1)) != 0 ||
        size < storage_size_of(g.mt)) {
        errno = EINVAL;
        return NULL;
    }
    /* As map_create does with an embedded array, but nothing is the
     * allocator's: the header holds no bytes of it. */
    gomap *m = storage;
    zero_bytes(m, MAP_HEAD);
    m->in_storage = true;
    header_init(m, &g, 0, 0, array_block_size(g.mt, 0), false);
    return m;
}

size_t gomap_len(const gomap *m)
{
    return m != NULL ? m->count : 0;
}

/* release_chains on the old array or the current one, when it has work:
 * indirect storage to free, drop functions to call, individually allocated
 * overflow buckets to release, cells to mark. */
static void release_cells(gomap *m, bool old, bool mark_empty)
{
    const maptype *t = &m->t;
    if (t->indirect_key || t->indirect_elem || t->discard != 0 || mark_empty ||
        (old ? m->heap_ovf_old : m->heap_ovf_cur) > 0)
        release_chains(m, old ? m->oldbuckets : m->buckets,
                       old ? noldbuckets(m) : bucket_shift(m->B), old, mark_empty);
}

void gomap_free(gomap *m)
{
    if (m == NULL)
        return;
    /* Iterators die with the map: everything is freed now. */
    atomic_store_explicit(&m->live_iters, 0, memory_order_relaxed);
    if (m->oldbuckets != NULL) {
        release_cells(m, true, false);
        block_free(m, array_hdr(&m->t, m->oldbuckets, noldbuckets(m)));
    }
    if (m->buckets != NULL) {
        release_cells(m, false, false);
        block_free(m, array_hdr(&m->t, m->buckets, bucket_shift(m->B)));
    }
    /* Most maps hold none of these: tested here rather than in a call
     * each (small_create frees 100,000 maps). */
    if (m->nreserve != 0)
        reserve_free_all(m);
    if (m->keep_on || atomic_load_explicit(&m->retired, memory_order_acquire) != NULL)
        free_retired(m);
    if (m->keep != NULL)
        keep_free(m);
    gomap_allocator a = m->alloc;
    if (!m->in_storage)
        a.free(a.ctx, m, m->self_size);
}

void gomap_clear(gomap *m)
{
    if (m == NULL || m->count == 0)
        return;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    flags_store(m, (uint8_t)(flags_load(m) ^ FLAG_WRITING));
    /* Go 1.21: with iterators in flight, every cell they might still visit
     * is marked emptyRest before the chains are detached, so they stop
     * producing the cleared entries. */
    bool live = iterators_live(m);
    if (m->oldbuckets != NULL) {
        release_cells(m, true, live);
        array_release(m, m->oldbuckets, noldbuckets(m));
        m->oldbuckets = NULL;
        m->old_B = m->B;
    }
    release_cells(m, false, live);
    /* Keep the array (spares included), zeroed in place. */
    size_t nb = bucket_shift(m->B);
    block_hdr *h = array_hdr(&m->t, m->buckets, nb);
    memset((unsigned char *)h + HDR_SIZE, 0, block_size(h) - HDR_SIZE);
    /* Spare overflow buckets handed out before the clear are reused only
     * when no iterator is live: one may be standing in such a bucket, and if
     * a later insert linked it into another chain the iterator would return
     * that chain's entries twice (here and when it reaches the chain). */
    if (!live)
        m->next_spare = m->buckets + nb * m->t.bodysize;
    m->nevacuate = 0;
    m->noverflow = 0;
    m->ovf_cur = m->ovf_old = m->heap_ovf_cur = m->heap_ovf_old = 0;
    m->count = 0;
    m->clears++;
    set_seed(m, map_rand(m));
    flags_store(m, (uint8_t)(flags_load(m) & ~FLAG_SAME_SIZE)); /* no growth in progress */
    update_grow_at(m);
    end_write(m);
}

/* ---- Clone ---------------------------------------------------------------------- */

/* Append a cell to the end of dst's chain `bucket` (dst has no deletions,
 * so its chains are filled from the front). On failure dst may hold an
 * empty overflow bucket more, which gomap_free releases with it. */
static bool clone_append(gomap *dst, size_t bucket, uint8_t top, bmap *sb, size_t si)
{
    const maptype *t = &dst->t;
    bref b = main_bucket(t, dst->buckets, bucket);
    for (bmap *o; (o = overflow_of(t, b.b)) != NULL;)
        b = ovf_bucket(t, o);
    size_t i = 0;
    while (i < BUCKET_CNT && b.th[i] != EMPTY_REST)
        i++;
    if (i == BUCKET_CNT) {
        if (ovf_available(dst) == 0 && !reserve_fill(dst, 1))
            return false;
        b = new_overflow(dst, b.b);
        i = 0;
    }
    /* The cell as it is, then each map's own copies of what its slots point
     * to (indirect keys and elems, an owned string's bytes). Until its
     * tophash is set, the cell is not dst's to release. */
    unsigned char *k = key_slot(t, b.b, i), *e = elem_slot(t, b.b, i);
    memcpy(k, key_slot(t, sb, si), t->keysize);
    memcpy(e, elem_slot(t, sb, si), t->elemsize);
    void *kblk = NULL;
    if (t->indirect_key) {
        if ((kblk = indirect_alloc(dst, t->key_block, false)) == NULL)
            return false;
        memcpy(kblk, load_ptr(k), t->user.key_size);
        store_ptr(k, kblk);
    } else if (t->kind == KIND_STR_OWNED) {
        if ((kblk = str_copy(dst, load_str(k))) == NULL)
            return false;
        store_ptr(k, kblk);
    }
    if (t->indirect_elem) {
        void *eblk = indirect_alloc(dst, t->elem_block, false);
        if (eblk == NULL) {
            if (kblk != NULL)
                indirect_release(dst, kblk);
            return false;
        }
        memcpy(eblk, load_ptr(e), t->user.elem_size);
        store_ptr(e, eblk);
    }
    b.th[i] = top;
    dst->count++;
    return true;
}

/* Copy every live cell of src's chain j (of an array with 2^srcB buckets). */
static bool clone_chain(gomap *dst, const gomap *src, bmap *arr, size_t j, uint8_t srcB)
{
    const maptype *t = &src->t;
    for (bref b = main_bucket(t, arr, j); b.b != NULL; b = next_bucket(t, b)) {
        for (size_t i = 0; i < BUCKET_CNT; i++) {
            uint8_t top = b.th[i];
            if (top < MIN_TOPHASH)
                continue;
            size_t to;
            if (srcB >= dst->B) {
                /* Same seed: source bucket j feeds destination j & mask. */
                to = j & bucket_mask(dst->B);
            } else {
                uint64_t hash = hash_key_any(dst, cell_key(t, b.b, i));
                to = hash & bucket_mask(dst->B);
                top = tophash(hash);
            }
            if (!clone_append(dst, to, top, b.b, i))
                return false;
        }
    }
    return true;
}

gomap *gomap_clone(const gomap *m)
{
    if (m == NULL) {
        errno = 0;
        return NULL;
    }
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map clone and map write");
    /* The map cannot copy what keys or elems own: both maps would drop it. */
    if (m->t.discard & (DISCARD_KEY_DROP | DISCARD_ELEM_DROP)) {
        errno = EINVAL;
        return NULL;
    }
    uint8_t B = hint_to_B(m->count, m->t.bucketsize);
    if (B > m->B)
        B = m->B; /* an overloaded source mid-growth must not make a bigger clone */
    uint64_t rng = atomic_load_explicit(&((gomap *)m)->rng, memory_order_relaxed);
    map_args g = {&m->t, &m->alloc, m->own_alloc, m->opt_flags, 0};
    gomap *dst = map_create(&g, B, m->count > 0);
    if (dst == NULL)
        return NULL;
    set_seed(dst, m->hash0);
    atomic_store_explicit(&dst->rng, rng, memory_order_relaxed);
    if (m->count == 0)
        return dst;
    if (m->oldbuckets != NULL) {
        for (size_t j = 0; j < noldbuckets(m); j++)
            if (!evacuated(main_bucket(&m->t, m->oldbuckets, j)) &&
                !clone_chain(dst, m, m->oldbuckets, j, m->old_B))
                goto fail;
    }
    for (size_t j = 0; j < bucket_shift(m->B); j++)
        if (!clone_chain(dst, m, m->buckets, j, m->B))
            goto fail;
    return dst;
fail:
    gomap_free(dst);
    errno = ENOMEM;
    return NULL;
}
