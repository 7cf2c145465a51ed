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
 */
#include "internal.h"

#define ITER_LIVE 0x49544552u /* "ITER" */
#define ITER_DONE 0x444f4e45u /* "DONE" */
#define NO_CHECK  SIZE_MAX
/* While reading an old chain, check_bucket_ keeps the bucket index in its
 * low bits and check_mask's result for the current bucket in its top byte
 * (bucket indices never get near 2^56, or 2^24 with a 32-bit size_t). */
#define KEEP_SHIFT (sizeof(size_t) * 8 - 8)
#define KEEP_LOW   (((size_t)1 << KEEP_SHIFT) - 1)
#define ALL_CELLS  0xffu

static void iter_release(gomap *m)
{
    if (atomic_fetch_sub_explicit(&m->live_iters, 1, memory_order_acq_rel) == 1)
        free_retired(m);
}

void gomap_iter_init(gomap_iter *it, gomap *m)
{
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
    p->check_bucket_ = NO_CHECK;
    p->reserved_[0] = m->clears;
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
    p->reserved_[2] = 0;
    if (p->state_ == ITER_LIVE) {
        p->state_ = ITER_DONE;
        iter_release(p->map_);
    }
    return false;
}

/* Byte i of the result is byte (i + r) % 8 of w: cells in visiting order. */
static inline uint64_t rotate_bytes(uint64_t w, unsigned r)
{
    unsigned s = (r * 8) & 63;
    return s == 0 ? w : (w >> s) | (w << (64 - s));
}

/* The next cell of bucket b among *full (cells in visiting order, from
 * offset) that is still full: it becomes the iterator's current entry and
 * *full keeps the cells after it. Each is confirmed full, since the loop
 * body may have deleted it since the bucket was read. */
HOT_INLINE bool take_full_cell(gomap_iter *it, const maptype *t, bref b, unsigned offset,
                               uint64_t *full)
{
    while (*full != 0) {
        size_t k = lowest_byte(*full);
        *full &= *full - 1;
        size_t off = (k + offset) & (BUCKET_CNT - 1);
        if (is_empty(b.th[off]))
            continue;
        it->key = cell_key(t, b.b, off);
        it->elem = cell_elem(t, b.b, off);
        it->private_.reserved_[2] = *full;
        it->private_.i_ = (uint8_t)(k + 1);
        return true;
    }
    return false;
}

/* gomap_iter_next while the iterator's array is the map's current one and
 * no growth is in progress: no cell can be evacuated and no entry can be
 * elsewhere, so each bucket's full cells are found from its tophash word at
 * once. The cells of the current bucket still to visit are kept in
 * reserved_[2] (0: recompute them from i_); each is confirmed full before it
 * is returned, since the loop body may have deleted it. The state it leaves
 * is also the one the general walk uses. */
HOT_INLINE bool walk_current(gomap_iter *it, gomap *m, int S)
{
    struct gomap_iter_private_ *p = &it->private_;
    const maptype *t = shape_layout(m, S);
    bref b = {p->bptr_, (uint8_t *)(uintptr_t)p->reserved_[1]};
    size_t bucket = p->bucket_;
    unsigned offset = p->offset_;
    uint64_t full = p->reserved_[2];
    if (full == 0 && b.b != NULL) {
        size_t i = p->i_;
        full = i < BUCKET_CNT ? bytes_full(rotate_bytes(tophash_word(b.th), offset)) &
                                    (~UINT64_C(0) << (i * 8))
                              : 0;
    }
    for (;;) {
        if (take_full_cell(it, t, b, offset, &full)) {
            p->bucket_ = bucket;
            p->bptr_ = b.b;
            p->reserved_[1] = (uint64_t)(uintptr_t)b.th;
            return true;
        }
        /* Next bucket: the rest of the chain, unless an emptyRest mark
         * ends it (then its overflow pointer need not be read), or the
         * next main bucket. */
        if (b.b != NULL && bytes_zero(tophash_word(b.th)) == 0)
            b = next_bucket(t, b);
        else
            b.b = NULL;
        if (b.b == NULL) {
            if (bucket == p->start_bucket_ && p->wrapped_) {
                p->reserved_[2] = 0;
                return finish(it);
            }
            b = main_bucket(t, p->buckets_, bucket);
            /* Bodies are walked in address order: ask for the one 8
             * buckets ahead (up to 4 lines of it), which the hardware's
             * stream detection alone fetches too late (u64 -15%, string
             * keys -30% at 10^6). Past the end of the array this is
             * harmless: a prefetch never faults. */
            uintptr_t ahead = (uintptr_t)b.b + 8 * t->bodysize;
            for (size_t off = 0; off < t->bodysize && off < 256; off += 64)
                PREFETCH_READ((const void *)(ahead + off));
            if (++bucket == bucket_shift(p->B_)) {
                bucket = 0;
                p->wrapped_ = 1;
            }
        }
        full = bytes_full(rotate_bytes(tophash_word(b.th), offset));
    }
}

static NOINLINE bool walk_current_any(gomap_iter *it, gomap *m)
{
    return walk_current(it, m, SHAPE_ANY);
}
static NOINLINE bool walk_current_u64_8(gomap_iter *it, gomap *m)
{
    return walk_current(it, m, SHAPE_U64_8);
}
static NOINLINE bool walk_current_u32_4(gomap_iter *it, gomap *m)
{
    return walk_current(it, m, SHAPE_U32_4);
}
static NOINLINE bool walk_current_str_16(gomap_iter *it, gomap *m)
{
    return walk_current(it, m, SHAPE_STR_16);
}

/* The next cell of the current bucket, inline; the move to another bucket
 * is walk_current's. */
HOT_INLINE bool next_in_current(gomap_iter *it, gomap *m, int S)
{
    struct gomap_iter_private_ *p = &it->private_;
    uint64_t full = p->reserved_[2];
    if (LIKELY(full != 0)) {
        bref b = {p->bptr_, (uint8_t *)(uintptr_t)p->reserved_[1]};
        if (take_full_cell(it, shape_layout(m, S), b, p->offset_, &full))
            return true;
        p->reserved_[2] = 0;
        p->i_ = BUCKET_CNT; /* nothing left in this bucket */
    }
    switch (S) {
    case SHAPE_U64_8: return walk_current_u64_8(it, m);
    case SHAPE_STR_16: return walk_current_str_16(it, m);
    case SHAPE_U32_4: return walk_current_u32_4(it, m);
    default: return walk_current_any(it, m);
    }
}

/* While an old chain is read on behalf of bucket check_bucket, which of
 * its cells (bit k: the k-th in visiting order) hold entries headed there.
 * An old chain gains no entries during a growth and where an entry goes
 * depends only on its key (a NaN's on its tophash's low bit, which
 * evacuation keeps in its EVACUATED_X/Y mark), so one pass when the walk
 * enters a bucket serves every later call; the per-cell test it replaces
 * was a branch taken at random. */
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

/* The general walk: any state, growth included. */
static NOINLINE bool next_general(gomap_iter *it)
{
    struct gomap_iter_private_ *p = &it->private_;
    if (p->state_ != ITER_LIVE) {
        it->key = NULL;
        it->elem = NULL;
        return false;
    }
    gomap *m = p->map_;
    const maptype *t = &m->t;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map iteration and map write");
    /* The current bucket's tophash bytes are kept in reserved_[1]. */
    bref b = {p->bptr_, (uint8_t *)(uintptr_t)p->reserved_[1]};
    size_t bucket = p->bucket_;
    size_t i = p->i_;
    size_t check_bucket = p->check_bucket_;
    unsigned keep = ALL_CELLS; /* cells of b still wanted, by check_mask */
    if (check_bucket != NO_CHECK) {
        keep = (unsigned)(check_bucket >> KEEP_SHIFT);
        check_bucket &= KEEP_LOW;
    }
    for (;;) {
        if (b.b == NULL) {
            if (bucket == p->start_bucket_ && p->wrapped_)
                return finish(it);
            if (is_growing(m) && p->B_ == m->B) {
                /* Started during this growth: read the old chain while it
                 * is not evacuated, keeping only entries headed for
                 * `bucket`. */
                b = main_bucket(t, m->oldbuckets, bucket & oldbucket_mask(m));
                if (!evacuated(b)) {
                    check_bucket = bucket;
                    keep = check_mask(m, b, p->offset_, check_bucket, p->B_);
                } else {
                    b = main_bucket(t, p->buckets_, bucket);
                    check_bucket = NO_CHECK;
                    keep = ALL_CELLS;
                }
            } else {
                b = main_bucket(t, p->buckets_, bucket);
                check_bucket = NO_CHECK;
                keep = ALL_CELLS;
            }
            bucket++;
            if (bucket == bucket_shift(p->B_)) {
                bucket = 0;
                p->wrapped_ = 1;
            }
            i = 0;
        }
        for (; i < BUCKET_CNT; i++) {
            unsigned rest = keep >> i;
            if (rest == 0)
                break;
            i += lowest_bit(rest);
            size_t off = (i + p->offset_) & (BUCKET_CNT - 1);
            uint8_t top = b.th[off];
            if (is_empty(top) || top == EVACUATED_EMPTY)
                continue;
            void *k = cell_key(t, b.b, off);
            void *e = cell_elem(t, b.b, off);
            bool moved = top == EVACUATED_X || top == EVACUATED_Y;
            /* Cleared since the iterator began: every entry it started with
             * is gone, so a moved copy is a removed entry. Looking its key
             * up could find one inserted since, under the new seed in a
             * bucket this walk has yet to visit, and return it twice. */
            if (moved && p->reserved_[0] != m->clears)
                continue;
            if (!moved || !key_is_reflexive_value(m, k)) {
                /* In place; a moved NaN too, as in Go (a lookup cannot find
                 * it). */
                it->key = k;
                it->elem = e;
            } else {
                /* The entry moved since the iterator started: fetch its
                 * current state (it may be gone or updated). */
                void *rk, *re;
                if (!lookup_key_elem(m, k, &rk, &re))
                    continue;
                it->key = rk;
                it->elem = re;
            }
            p->bucket_ = bucket;
            p->bptr_ = b.b;
            p->reserved_[1] = (uint64_t)(uintptr_t)b.th;
            p->i_ = (uint8_t)(i + 1);
            p->check_bucket_ =
                check_bucket == NO_CHECK ? NO_CHECK : check_bucket | (size_t)keep << KEEP_SHIFT;
            p->reserved_[2] = 0; /* the fast path recomputes from i_ */
            return true;
        }
        b = next_bucket(t, b);
        i = 0;
        if (b.b != NULL && check_bucket != NO_CHECK)
            keep = check_mask(m, b, p->offset_, check_bucket, p->B_);
    }
}

bool gomap_iter_next(gomap_iter *it)
{
    struct gomap_iter_private_ *p = &it->private_;
    gomap *m = p->map_;
    /* The common case: the iterator walks the current array, no growth is
     * in progress and it is not inside an old chain (check_bucket_ is only
     * set while reading one on behalf of a bucket of a growing map). Cells
     * left in reserved_[2] mean the fast walk was here last, so the
     * iterator is live and outside old chains (finish and the general walk
     * zero it): only the map's state needs checking. */
    if (LIKELY(p->reserved_[2] != 0)) {
        if (LIKELY(p->buckets_ == m->buckets && !is_growing(m) &&
                   !(flags_load(m) & FLAG_WRITING))) {
            /* Tested in turn (a switch may test the shapes in another
             * order): one entry is a few instructions. */
            uint8_t shape = m->t.shape;
            if (shape == SHAPE_U64_8)
                return next_in_current(it, m, SHAPE_U64_8);
            if (shape == SHAPE_U32_4)
                return next_in_current(it, m, SHAPE_U32_4);
            if (shape == SHAPE_STR_16)
                return next_in_current(it, m, SHAPE_STR_16);
            return next_in_current(it, m, SHAPE_ANY);
        }
    } else if (LIKELY(p->state_ == ITER_LIVE && p->buckets_ == m->buckets && !is_growing(m) &&
                      p->check_bucket_ == NO_CHECK && !(flags_load(m) & FLAG_WRITING))) {
        switch (m->t.shape) {
        case SHAPE_U64_8: return walk_current_u64_8(it, m);
        case SHAPE_STR_16: return walk_current_str_16(it, m);
        case SHAPE_U32_4: return walk_current_u32_4(it, m);
        default: return walk_current_any(it, m);
        }
    }
    return next_general(it);
}

void gomap_iter_done(gomap_iter *it)
{
    finish(it);
}
