/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * iter.c - iteration with Go's guarantees (runtime/map.go mapiterinit and
 * mapiternext).
 *
 * The iterator walks the array that was current when it started (its
 * snapshot), over all 2^B bucket indices from a random start, visiting the
 * cells of each bucket from a random offset. Three cases:
 *  - the map is growing and the iterator has the map's B: for bucket j,
 *    if the old chain feeding j is not evacuated yet, walk that old chain
 *    and keep only the entries that will land in j (checkBucket);
 *  - otherwise walk the snapshot's chain j;
 *  - a cell marked evacuated (the map grew after the iterator started) is
 *    looked up again in the current map, which skips entries deleted since
 *    and returns current values; after a clear it is skipped (the entry it
 *    copied is gone).
 * Together these return every entry at most once. The snapshot and old
 * chains may be memory that growth has retired; the map keeps it alive
 * while any iterator is live (memory.c).
 *
 * Split between the header and this file: when the walk enters a bucket it
 * queues the cells to visit, in Go's order ((offset + i) & 7), leaving out
 * the empty ones and, in an old chain, those headed for the other half
 * (checkBucket). The inline gomap_iter_next (gomap.h) returns the next
 * queued cell while its tophash still says it holds an entry in place and
 * no write is in progress; a cell emptied by a delete since, or marked
 * evacuated by a growth that started since, comes back here with the
 * rest of the queue and gets Go's treatment. Entries inserted into a cell
 * after its bucket was entered are not returned (Go may return them; an
 * entry added during the iteration may or may not be).
 */
#include "internal.h"

#include <errno.h>

#define ITER_LIVE 0x4c49u /* "LI" */
#define ITER_DONE 0x444eu /* "DN" */
#define ALL_CELLS 0xffu

/* The header mirrors these to test cells and the map's flags inline. */
_Static_assert(GOMAP_ITER_WRITING_ == FLAG_WRITING, "hashWriting flag");
_Static_assert(GOMAP_ITER_MIN_TOPHASH_ == MIN_TOPHASH, "minTopHash");

/* The gate of iterators over maps whose layout the inline path does not
 * know (indirect keys or elems): it reads as a write in progress, so every
 * call comes here, where the map's own flags are tested. */
static const unsigned char closed_gate = FLAG_WRITING;

static void iter_release(gomap *m)
{
    if (atomic_fetch_sub_explicit(&m->live_iters, 1, memory_order_acq_rel) == 1)
        free_retired(m);
}

/* Whether the inline path can find a cell's key and elem from the bucket
 * body and the strides alone. */
static bool inline_layout(const maptype *t)
{
    return !t->indirect_key && !t->indirect_elem && t->keys_off == 0 &&
           t->key_stride <= UINT16_MAX && t->elem_stride <= UINT16_MAX &&
           t->elems_off <= UINT16_MAX;
}

void gomap_iter_init(gomap_iter *it, gomap *m)
{
    if (it == NULL) {
        errno = EINVAL;
        return;
    }
    memset(it, 0, sizeof *it);
    struct gomap_iter_private_ *p = &it->private_;
    p->state_ = ITER_DONE;
    if (m == NULL || m->count == 0)
        return;
    p->map_ = m;
    p->B_ = m->B;
    p->buckets_ = m->buckets;
    uint64_t r = map_rand(m);
    p->start_bucket_ = (size_t)(r & bucket_mask(m->B));
    p->offset_ = (uint8_t)((r >> m->B) & (BUCKET_CNT - 1));
    p->bucket_ = p->start_bucket_;
    p->clears_ = m->clears;
    const maptype *t = &m->t;
    if (inline_layout(t)) {
        p->gate_ = (const unsigned char *)&m->flags;
        p->key_stride_ = (uint16_t)t->key_stride;
        p->elem_stride_ = (uint16_t)t->elem_stride;
        p->elem_off_ = (uint16_t)t->elems_off;
    } else {
        p->gate_ = &closed_gate;
    }
    /* Readers may start iterators concurrently, hence the atomic OR. */
    uint8_t both = FLAG_ITERATOR | FLAG_OLD_ITERATOR;
    if ((flags_load(m) & both) != both)
        atomic_fetch_or_explicit(&m->flags, both, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->live_iters, 1, memory_order_acq_rel);
    p->state_ = ITER_LIVE;
}

static bool finish(gomap_iter *it)
{
    struct gomap_iter_private_ *p = &it->private_;
    it->key = NULL;
    it->elem = NULL;
    p->cells_ = 0;
    if (p->state_ == ITER_LIVE) {
        p->state_ = ITER_DONE;
        iter_release(p->map_);
    }
    return false;
}

/* queue_of_mask[v]: the set bits of v, lowest first, as the queue of
 * gomap_iter's cells_ (one 4-bit entry each: 8 | bit index). */
static const uint32_t queue_of_mask[256] = {
    0x00000000, 0x00000008, 0x00000009, 0x00000098, 0x0000000a, 0x000000a8, 0x000000a9, 0x00000a98,
    0x0000000b, 0x000000b8, 0x000000b9, 0x00000b98, 0x000000ba, 0x00000ba8, 0x00000ba9, 0x0000ba98,
    0x0000000c, 0x000000c8, 0x000000c9, 0x00000c98, 0x000000ca, 0x00000ca8, 0x00000ca9, 0x0000ca98,
    0x000000cb, 0x00000cb8, 0x00000cb9, 0x0000cb98, 0x00000cba, 0x0000cba8, 0x0000cba9, 0x000cba98,
    0x0000000d, 0x000000d8, 0x000000d9, 0x00000d98, 0x000000da, 0x00000da8, 0x00000da9, 0x0000da98,
    0x000000db, 0x00000db8, 0x00000db9, 0x0000db98, 0x00000dba, 0x0000dba8, 0x0000dba9, 0x000dba98,
    0x000000dc, 0x00000dc8, 0x00000dc9, 0x0000dc98, 0x00000dca, 0x0000dca8, 0x0000dca9, 0x000dca98,
    0x00000dcb, 0x0000dcb8, 0x0000dcb9, 0x000dcb98, 0x0000dcba, 0x000dcba8, 0x000dcba9, 0x00dcba98,
    0x0000000e, 0x000000e8, 0x000000e9, 0x00000e98, 0x000000ea, 0x00000ea8, 0x00000ea9, 0x0000ea98,
    0x000000eb, 0x00000eb8, 0x00000eb9, 0x0000eb98, 0x00000eba, 0x0000eba8, 0x0000eba9, 0x000eba98,
    0x000000ec, 0x00000ec8, 0x00000ec9, 0x0000ec98, 0x00000eca, 0x0000eca8, 0x0000eca9, 0x000eca98,
    0x00000ecb, 0x0000ecb8, 0x0000ecb9, 0x000ecb98, 0x0000ecba, 0x000ecba8, 0x000ecba9, 0x00ecba98,
    0x000000ed, 0x00000ed8, 0x00000ed9, 0x0000ed98, 0x00000eda, 0x0000eda8, 0x0000eda9, 0x000eda98,
    0x00000edb, 0x0000edb8, 0x0000edb9, 0x000edb98, 0x0000edba, 0x000edba8, 0x000edba9, 0x00edba98,
    0x00000edc, 0x0000edc8, 0x0000edc9, 0x000edc98, 0x0000edca, 0x000edca8, 0x000edca9, 0x00edca98,
    0x0000edcb, 0x000edcb8, 0x000edcb9, 0x00edcb98, 0x000edcba, 0x00edcba8, 0x00edcba9, 0x0edcba98,
    0x0000000f, 0x000000f8, 0x000000f9, 0x00000f98, 0x000000fa, 0x00000fa8, 0x00000fa9, 0x0000fa98,
    0x000000fb, 0x00000fb8, 0x00000fb9, 0x0000fb98, 0x00000fba, 0x0000fba8, 0x0000fba9, 0x000fba98,
    0x000000fc, 0x00000fc8, 0x00000fc9, 0x0000fc98, 0x00000fca, 0x0000fca8, 0x0000fca9, 0x000fca98,
    0x00000fcb, 0x0000fcb8, 0x0000fcb9, 0x000fcb98, 0x0000fcba, 0x000fcba8, 0x000fcba9, 0x00fcba98,
    0x000000fd, 0x00000fd8, 0x00000fd9, 0x0000fd98, 0x00000fda, 0x0000fda8, 0x0000fda9, 0x000fda98,
    0x00000fdb, 0x0000fdb8, 0x0000fdb9, 0x000fdb98, 0x0000fdba, 0x000fdba8, 0x000fdba9, 0x00fdba98,
    0x00000fdc, 0x0000fdc8, 0x0000fdc9, 0x000fdc98, 0x0000fdca, 0x000fdca8, 0x000fdca9, 0x00fdca98,
    0x0000fdcb, 0x000fdcb8, 0x000fdcb9, 0x00fdcb98, 0x000fdcba, 0x00fdcba8, 0x00fdcba9, 0x0fdcba98,
    0x000000fe, 0x00000fe8, 0x00000fe9, 0x0000fe98, 0x00000fea, 0x0000fea8, 0x0000fea9, 0x000fea98,
    0x00000feb, 0x0000feb8, 0x0000feb9, 0x000feb98, 0x0000feba, 0x000feba8, 0x000feba9, 0x00feba98,
    0x00000fec, 0x0000fec8, 0x0000fec9, 0x000fec98, 0x0000feca, 0x000feca8, 0x000feca9, 0x00feca98,
    0x0000fecb, 0x000fecb8, 0x000fecb9, 0x00fecb98, 0x000fecba, 0x00fecba8, 0x00fecba9, 0x0fecba98,
    0x00000fed, 0x0000fed8, 0x0000fed9, 0x000fed98, 0x0000feda, 0x000feda8, 0x000feda9, 0x00feda98,
    0x0000fedb, 0x000fedb8, 0x000fedb9, 0x00fedb98, 0x000fedba, 0x00fedba8, 0x00fedba9, 0x0fedba98,
    0x0000fedc, 0x000fedc8, 0x000fedc9, 0x00fedc98, 0x000fedca, 0x00fedca8, 0x00fedca9, 0x0fedca98,
    0x000fedcb, 0x00fedcb8, 0x00fedcb9, 0x0fedcb98, 0x00fedcba, 0x0fedcba8, 0x0fedcba9, 0xfedcba98,
};

/* The queue of the cells of a bucket (tophash bytes th) to visit, in
 * visiting order from offset: those holding an entry or, unless
 * no_marks (no cell of the bucket can be an evacuation mark), marked as
 * moved (not empty, not evacuatedEmpty); less those whose position k in
 * that order has no bit in keep. */
HOT_INLINE uint32_t cell_queue(const uint8_t *th, unsigned offset, unsigned keep, bool no_marks)
{
    uint64_t w = tophash_word(th);
    uint64_t live = bytes_full(w);
    if (!no_marks)
        live &= ~bytes_zero_exact(w ^ (BYTES_LSB * EVACUATED_EMPTY));
    /* Bit 7 of each byte to bit i of one byte: no two products overlap. */
    unsigned cells = (unsigned)(((live >> 7) * UINT64_C(0x0102040810204080)) >> 56);
    unsigned visit = ((cells >> offset) | (cells << (BUCKET_CNT - offset))) & keep & ALL_CELLS;
    /* Positions k to cells (k + offset) & 7, in every queued entry at once
     * (a 4-bit entry's 3 index bits cannot carry into the next). */
    uint32_t q = queue_of_mask[visit];
    uint32_t present = q & 0x88888888u;
    uint32_t index = ((q & 0x77777777u) + offset * 0x11111111u) & 0x77777777u;
    return present | (index & (present >> 3) * 7u);
}

/* The walk stands on bucket b with the cells in rest still to visit; the
 * entry returned is (k, e). */
HOT_INLINE bool yield(gomap_iter *it, bref b, uint32_t rest, void *k, void *e)
{
    struct gomap_iter_private_ *p = &it->private_;
    p->body_ = b.b;
    p->top_ = b.th;
    p->cells_ = rest;
    it->key = k;
    it->elem = e;
    return true;
}

HOT_INLINE bref current_bucket(const gomap_iter *it)
{
    bref b = {it->private_.body_, (uint8_t *)(uintptr_t)it->private_.top_};
    return b;
}

/* The next bucket after b in its chain, or NULL at the chain's end. A
 * bucket whose last cell is emptyRest ends its chain (evacuated chains
 * have none: evacuation marks every cell), so its overflow pointer need
 * not be read. */
HOT_INLINE bref chain_next(const maptype *t, bref b)
{
    if (b.b != NULL && !chain_ends(tophash_word(b.th)))
        return next_bucket(t, b);
    bref none = {NULL, NULL};
    return none;
}

/* Moves the walk past bucket index `bucket` (it has been entered). */
HOT_INLINE size_t advance_bucket(struct gomap_iter_private_ *p, size_t bucket)
{
    if (++bucket == bucket_shift(p->B_)) {
        bucket = 0;
        p->wrapped_ = 1;
    }
    return bucket;
}

/* The first of the queued cells q of bucket b that still holds an entry,
 * by Go's rules; false if none does. */
static bool take_cells(gomap_iter *it, gomap *m, bref b, uint32_t q)
{
    const maptype *t = &m->t;
    while (q != 0) {
        size_t c = q & 7u;
        q >>= 4;
        uint8_t top = b.th[c];
        if (top >= MIN_TOPHASH)
            return yield(it, b, q, cell_key(t, b.b, c), cell_elem(t, b.b, c));
        if (top != EVACUATED_X && top != EVACUATED_Y)
            continue; /* emptied since the bucket was entered */
        /* Cleared since the iterator began: every entry it started with
         * is gone, so a moved copy is a removed entry. Looking its key
         * up could find one inserted since, under the new seed in a
         * bucket this walk has yet to visit, and return it twice. */
        if (it->private_.clears_ != m->clears)
            continue;
        void *k = cell_key(t, b.b, c);
        /* A moved NaN is returned in place, as in Go (a lookup cannot
         * find it). */
        if (!key_is_reflexive_value(m, k))
            return yield(it, b, q, k, cell_elem(t, b.b, c));
        /* The entry moved since the iterator started: fetch its current
         * state (it may be gone or updated). */
        void *rk, *re;
        if (lookup_key_elem(m, k, &rk, &re))
            return yield(it, b, q, rk, re);
    }
    return false;
}

/* The next bucket with an entry while the iterator's array is the map's
 * current one, no growth is in progress and the inline path knows the
 * layout: no cell can be marked moved and no entry can be elsewhere, so
 * the first queued cell is the entry. It runs once per bucket: given a
 * shape's layout, its offsets are constants. */
HOT_INLINE bool walk_current(gomap_iter *it, const maptype *t)
{
    struct gomap_iter_private_ *p = &it->private_;
    bref b = current_bucket(it);
    size_t bucket = p->bucket_;
    for (;;) {
        b = chain_next(t, b);
        if (b.b == NULL) {
            if (UNLIKELY(bucket == p->start_bucket_ && p->wrapped_))
                return finish(it);
            b = main_bucket(t, p->buckets_, bucket);
            bucket = advance_bucket(p, bucket);
        }
        uint32_t q = cell_queue(b.th, p->offset_, ALL_CELLS, true);
        if (LIKELY(q != 0)) {
            size_t c = q & 7u;
            p->bucket_ = bucket;
            return yield(it, b, q >> 4, key_slot(t, b.b, c), elem_slot(t, b.b, c));
        }
    }
}

static NOINLINE bool walk_current_any(gomap_iter *it, gomap *m)
{
    return walk_current(it, &m->t);
}

/* While an old chain is read on behalf of bucket check_bucket, which of
 * its cells (bit k: the k-th in visiting order) hold entries headed there.
 * An old chain gains no entries during a growth and where an entry goes
 * depends only on its key (a NaN's on its tophash's low bit, which
 * evacuation keeps in its EVACUATED_X/Y mark), so one pass when the walk
 * enters a bucket serves every later cell. */
static unsigned check_mask(gomap *m, bref b, unsigned offset, size_t check_bucket, uint8_t B)
{
    const maptype *t = &m->t;
    if (same_size_grow(m))
        return ALL_CELLS;
    size_t itmask = bucket_mask(B);
    unsigned keep = 0;
    for (unsigned k = 0; k < BUCKET_CNT; k++) {
        size_t off = (k + offset) & (BUCKET_CNT - 1);
        uint8_t top = b.th[off];
        if (is_empty(top) || top == EVACUATED_EMPTY)
            continue;
        void *key = cell_key(t, b.b, off);
        bool mine;
        if (key_is_reflexive_value(m, key))
            mine = (hash_key_any(m, key) & itmask) == check_bucket;
        else /* NaN: evacuation sends it by the tophash low bit */
            mine = (check_bucket >> (B - 1)) == (size_t)(top & 1);
        keep |= (unsigned)mine << k;
    }
    return keep;
}

/* The general walk to the next bucket with an entry: any state, growth
 * included. old_chain_ says the current bucket belongs to an old chain
 * read on behalf of the bucket index before bucket_ (checkBucket). */
static NOINLINE bool walk_general(gomap_iter *it)
{
    struct gomap_iter_private_ *p = &it->private_;
    gomap *m = p->map_;
    const maptype *t = &m->t;
    bref b = current_bucket(it);
    size_t bucket = p->bucket_;
    bool old_chain = p->old_chain_;
    for (;;) {
        unsigned keep = ALL_CELLS;
        b = chain_next(t, b);
        if (b.b != NULL) {
            if (old_chain)
                keep = check_mask(m, b, p->offset_, (bucket - 1) & bucket_mask(p->B_), p->B_);
        } else {
            if (bucket == p->start_bucket_ && p->wrapped_)
                return finish(it);
            old_chain = false;
            if (is_growing(m) && p->B_ == m->B) {
                /* Started during this growth: read the old chain while it
                 * is not evacuated, keeping only entries headed for
                 * `bucket`. */
                b = main_bucket(t, m->oldbuckets, bucket & oldbucket_mask(m));
                if (!evacuated(b)) {
                    old_chain = true;
                    keep = check_mask(m, b, p->offset_, bucket, p->B_);
                } else {
                    b = main_bucket(t, p->buckets_, bucket);
                }
            } else {
                b = main_bucket(t, p->buckets_, bucket);
            }
            bucket = advance_bucket(p, bucket);
        }
        p->bucket_ = bucket;
        p->old_chain_ = old_chain;
        if (take_cells(it, m, b, cell_queue(b.th, p->offset_, keep, false)))
            return true;
    }
}

/* Everything the inline gomap_iter_next leaves: the end, a new bucket,
 * and cells it does not return in place. */
static NOINLINE bool next_general(gomap_iter *it)
{
    struct gomap_iter_private_ *p = &it->private_;
    if (p->state_ != ITER_LIVE) {
        it->key = NULL;
        it->elem = NULL;
        return false;
    }
    gomap *m = p->map_;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map iteration and map write");
    if (p->cells_ != 0) {
        if (take_cells(it, m, current_bucket(it), p->cells_))
            return true;
        p->cells_ = 0;
    }
    return walk_general(it);
}

bool gomap_iter_next_slow_(gomap_iter *it)
{
    if (UNLIKELY(it == NULL)) {
        errno = EINVAL;
        return false;
    }
    struct gomap_iter_private_ *p = &it->private_;
    /* The common case, once per bucket: the inline path emptied the queue
     * of a bucket of the map's current array, which is not growing, and
     * the layout is one it knows (its gate is the map's flags). */
    if (LIKELY(p->cells_ == 0 && p->state_ == ITER_LIVE)) {
        gomap *m = p->map_;
        if (LIKELY(p->gate_ == (const unsigned char *)&m->flags && !p->old_chain_ &&
                   p->buckets_ == m->buckets && !is_growing(m) &&
                   !(flags_load(m) & FLAG_WRITING))) {
            /* Tested in turn (a switch may test the shapes in another
             * order). */
            uint8_t shape = m->t.shape;
            if (shape == SHAPE_U64_8)
                return walk_current(it, shape_layout(m, SHAPE_U64_8));
            if (shape == SHAPE_U32_4)
                return walk_current(it, shape_layout(m, SHAPE_U32_4));
            if (shape == SHAPE_STR_16)
                return walk_current(it, shape_layout(m, SHAPE_STR_16));
            return walk_current_any(it, m);
        }
    }
    return next_general(it);
}

/* The same as the inline expansion, for callers that take its address. */
bool(gomap_iter_next)(gomap_iter *it)
{
    return gomap_iter_next_inline_(it);
}

void gomap_iter_done(gomap_iter *it)
{
    if (it == NULL) {
        errno = EINVAL;
        return;
    }
    finish(it);
}
