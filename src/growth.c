/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * growth.c - incremental growth: hashGrow, growWork, evacuate and the end of
 * a growth.
 *
 * A growth allocates the new array and moves nothing. Every later write
 * (assign or delete) evacuates the old chain that feeds the bucket it is
 * about to touch plus the chain at `nevacuate`, so the work of a growth is
 * spread over at most 2^oldB writes and no single call rehashes the table.
 * Reads and iterators never evacuate: they consult the old chain while it
 * is not yet evacuated (evacuated() looks at tophash[0] of its main bucket).
 *
 * An evacuated old cell keeps its key and elem and gets the mark
 * EVACUATED_X or EVACUATED_Y, which tells an iterator walking the old array
 * where the entry went. When no iterator is live, the old chain's
 * individually allocated overflow buckets are freed right after it is
 * evacuated, so the end of a growth only has the array itself to free.
 */
#include "access.h"

#include <errno.h>

static void note_overflow(gomap *m)
{
    /* Go's incrnoverflow: exact below B = 16, then sampled so that a uint16
     * reaching 2^15 means about 2^B overflow buckets. The growth threshold
     * depends on the count only once tooManyOverflowBuckets holds. */
    if (m->B >= 16) {
        uint64_t mask = ((uint64_t)1 << (m->B - 15)) - 1;
        if ((map_rand(m) & mask) != 0)
            return;
    }
    m->noverflow++;
    if (too_many_overflow_buckets(m->noverflow, m->B))
        update_grow_at(m);
}

bref new_overflow(gomap *m, bmap *b)
{
    const maptype *t = &m->t;
    bmap *ovf;
    if (m->next_spare != m->end_spare) {
        ovf = m->next_spare + t->top_off;
        /* Cleared here: an array of a pointer-free type is not zero-filled
         * (array_lazy_zero), and two stores cost less than asking. */
        memset(m->next_spare, 0, 8); /* one store; top_off is 8 or 16 */
        if (t->top_off > 8)
            memset(m->next_spare + 8, 0, t->top_off - 8);
        set_overflow(t, ovf, NULL);
        m->next_spare += t->bucketsize;
    } else {
        ovf = reserve_take(m);
        if (ovf == NULL)
            throw_fatal("gomap: internal error: no overflow bucket reserved");
        m->heap_ovf_cur++;
    }
    m->ovf_cur++;
    note_overflow(m);
    set_overflow(t, b, ovf);
    if (UNLIKELY(m->barrier != NULL))
        m->barrier(m->barrier_ctx, m, b + t->overflow_off, sizeof ovf);
    return ovf_bucket(t, ovf);
}

/* Overflow buckets evacuating chain j of arr may need. A growth's
 * destinations start empty: a chain of L buckets splits into destinations
 * that need at most L-1 overflow buckets between them. A shrink appends to
 * a destination that may already hold entries: at most L. */
static size_t chain_need(const maptype *t, bmap *arr, size_t j, bool shrink)
{
    bref b = main_bucket(t, arr, j);
    if (evacuated(b) || (shrink && b.th[0] == EMPTY_REST))
        return 0;
    /* An emptyRest mark in the main bucket leaves at most 7 entries in the
     * chain, which fit the empty destination buckets: no need to read the
     * overflow pointer (a cache line of its own, often). */
    if (bytes_zero(tophash_word(b.th)) != 0)
        return shrink ? 1 : 0;
    size_t n = shrink ? 1 : 0;
    for (bmap *c = overflow_of(t, b.b); c != NULL; c = overflow_of(t, c))
        n++;
    return n;
}

static size_t evacuation_need(const gomap *m, size_t oldbucket)
{
    return chain_need(&m->t, m->oldbuckets, oldbucket, is_shrinking(m));
}

/* Every old chain is evacuated: the old array goes. */
static void finish_growth(gomap *m, size_t newbit)
{
    array_release(m, m->oldbuckets, newbit);
    m->oldbuckets = NULL;
    m->old_B = m->B;
    m->ovf_old = 0;
    m->heap_ovf_old = 0;
    flags_store(m, (uint8_t)(flags_load(m) & ~FLAG_SAME_SIZE));
    update_grow_at(m);
}

static void evacuate_empty(gomap *m, bref b, size_t newbit);

static void advance_evacuation_mark(gomap *m, size_t newbit)
{
    const maptype *t = &m->t;
    m->nevacuate++;
    /* Skip already evacuated buckets, but look at no more than 1024 so the
     * step stays O(1). */
    size_t stop = m->nevacuate + 1024;
    if (stop > newbit)
        stop = newbit;
    while (m->nevacuate != stop) {
        bref b = main_bucket(t, m->oldbuckets, m->nevacuate);
        if (!evacuated(b)) {
            /* A shrink also passes over chains without entries, marking
             * them: after most keys were deleted, nearly every old chain is
             * empty, and the shrink then ends within about 2^oldB / 1024
             * writes instead of 2^oldB / 2. */
            if (!is_shrinking(m) || b.th[0] != EMPTY_REST)
                break;
            evacuate_empty(m, b, newbit);
        }
        m->nevacuate++;
    }
    if (m->nevacuate == newbit)
        finish_growth(m, newbit);
}

/* memcpy without a call for the common cell sizes. */
HOT_INLINE void copy_slot(void *dst, const void *src, size_t n)
{
    switch (n) {
    case 8: memcpy(dst, src, 8); return;
    case 12: memcpy(dst, src, 12); return;
    case 16: memcpy(dst, src, 16); return;
    case 24: memcpy(dst, src, 24); return;
    case 32: memcpy(dst, src, 32); return;
    default: memcpy(dst, src, n);
    }
}

/* The write-barrier hook (gomap_set_barrier): evacuation fills new
 * chains from their first cell, so after evacuating one old chain the
 * destination chain holds exactly the cells it moved. */
static NOINLINE void report_moves(gomap *m, size_t bucket)
{
    const maptype *t = &m->t;
    for (bref c = main_bucket(t, m->buckets, bucket); c.b != NULL; c = next_bucket(t, c)) {
        for (size_t i = 0; i < BUCKET_CNT; i++) {
            if (c.th[i] < MIN_TOPHASH)
                continue;
            if (t->keysize != 0)
                m->barrier(m->barrier_ctx, m, key_slot(t, c.b, i), t->keysize);
            if (t->elemsize != 0)
                m->barrier(m->barrier_ctx, m, elem_slot(t, c.b, i), t->elemsize);
        }
    }
}

/* The destinations of one old chain, x (low half) and y (high half), and
 * the next free cell of each. */
typedef struct evac_pair {
    bref x, y;
    size_t xi, yi;
} evac_pair;

/* Cells of tophash word w whose byte is below MIN_TOPHASH, exactly: bit 7
 * of byte i is set when byte i is (adding 0x7b to the low seven bits sets
 * bit 7 exactly when they are at least 5, and carries into no other byte). */
HOT_INLINE uint64_t bytes_below_min_tophash(uint64_t w)
{
    const uint64_t low7 = ~BYTES_MSB;
    uint64_t t = (w & low7) + (0x80 - MIN_TOPHASH) * BYTES_LSB;
    return ~(t | w) & BYTES_MSB;
}

/* The full cells of bucket c, which an evacuation moves (bit 7 of byte i
 * for cell i). A full cell whose tophash is below minTopHash is a
 * corrupted map: Go's "bad map state". */
HOT_INLINE uint64_t cells_to_move(bref c)
{
    uint64_t w = tophash_word(c.th);
    uint64_t full = bytes_full(w);
    if (UNLIKELY((bytes_below_min_tophash(w) & full) != 0))
        throw_fatal("bad map state");
    return full;
}

/* Copy the cells of old bucket c flagged in `cells` (bit 7 of byte i for
 * cell i), in cell order, to destination d from its cell *di on, opening
 * new overflow buckets as d fills; tops[i] is the tophash byte cell i
 * takes. Each old bucket sends its x cells and then its y cells: every
 * destination still receives its entries in old chain order, and each loop
 * runs without a per-cell choice between x and y. */
HOT_INLINE void move_cells(gomap *m, const maptype *t, bref *d, size_t *di, bref c, uint64_t cells,
                           const uint8_t *tops)
{
    const bool pairs =
        t->key_stride == t->keysize + t->elemsize && t->elems_off == t->keys_off + t->keysize;
    bref to = *d;
    uint8_t *dt = to.th + *di;
    unsigned char *dk = key_slot(t, to.b, *di);
    unsigned char *de = elem_slot(t, to.b, *di);
    for (; cells != 0; cells &= cells - 1) {
        size_t i = lowest_byte(cells);
        if (UNLIKELY(dt == to.th + BUCKET_CNT)) {
            /* A shrink's destination may go on with empty overflow buckets
             * after its last entry; a growth's never does. */
            bmap *next = overflow_of(t, to.b);
            to = next != NULL ? ovf_bucket(t, next) : new_overflow(m, to.b);
            dt = to.th;
            dk = key_slot(t, to.b, 0);
            de = elem_slot(t, to.b, 0);
        }
        *dt++ = tops[i];
        if (pairs) {
            /* Interleaved pairs: one copy per cell. */
            copy_slot(dk, key_slot(t, c.b, i), t->key_stride);
        } else {
            copy_slot(dk, key_slot(t, c.b, i), t->keysize);
            copy_slot(de, elem_slot(t, c.b, i), t->elemsize);
            de += t->elem_stride;
        }
        dk += t->key_stride;
    }
    *d = to;
    *di = (size_t)(dt - to.th);
}

/* An evacuated old chain's own overflow buckets (after its main bucket
 * `main`) are dead to the map. */
HOT_INLINE void release_old_overflow(gomap *m, bmap *main, size_t newbit)
{
    const maptype *t = &m->t;
    for (bmap *c = overflow_of(t, main); c != NULL;) {
        bmap *next = overflow_of(t, c);
        if (!array_contains(t, m->oldbuckets, newbit, c)) {
            ovf_release(m, c);
            m->heap_ovf_old--;
        }
        m->ovf_old--;
        c = next;
    }
}

/* A shrink's old chain that holds no entry (its first cell is emptyRest):
 * evacuated by marking it, without finding its destination. */
/* The marks of an evacuated bucket's tophash word: EVACUATED_EMPTY for
 * empty cells, EVACUATED_X or EVACUATED_Y for full ones (bit 7 of byte i
 * of ymask set: cell i went to y). */
HOT_INLINE uint64_t evacuated_marks(uint64_t full, uint64_t ymask)
{
    return EVACUATED_EMPTY * BYTES_LSB - (EVACUATED_EMPTY - EVACUATED_X) * (full >> 7) +
           (ymask >> 7);
}

/* Old chain b has been moved: its overflow buckets are released, and its
 * links cut unless an iterator may still walk it. */
HOT_INLINE void release_old_chain(gomap *m, const maptype *t, bref b, size_t newbit)
{
    bool keep_links = iterators_live(m);
    release_old_overflow(m, b.b, newbit);
    if (!keep_links)
        set_overflow(t, b.b, NULL);
}

static void evacuate_empty(gomap *m, bref b, size_t newbit)
{
    const maptype *t = &m->t;
    bmap *next = overflow_of(t, b.b);
    tophash_store(b.th, EVACUATED_EMPTY * BYTES_LSB);
    m->evacuated_total++;
    if (next == NULL)
        return;
    /* Its overflow buckets hold only emptyRest cells, which iterators
     * still walking the chain pass over as they would marks. */
    release_old_overflow(m, b.b, newbit);
    if (!iterators_live(m))
        set_overflow(t, b.b, NULL);
}

HOT_INLINE void evacuate_impl(gomap *m, size_t oldbucket, int K, int S)
{
    const maptype *t = shape_layout(m, S);
    bref b = main_bucket(t, m->oldbuckets, oldbucket);
    size_t newbit = noldbuckets(m);
    if (!evacuated(b)) {
        m->evacuated_total++;
        bool same = same_size_grow(m);
        bool nan_rule = !t->reflexive && (flags_load(m) & FLAG_ITERATOR);
        evac_pair p;
        p.x = main_bucket(t, m->buckets, oldbucket);
        p.y = same ? p.x : main_bucket(t, m->buckets, oldbucket + newbit);
        p.xi = p.yi = 0;
        for (bref c = b; c.b != NULL; c = next_bucket(t, c)) {
            uint64_t full = cells_to_move(c);
            /* First where each full cell goes (bit 7 of byte i set for y),
             * then the copies, then every cell's mark in one store: the
             * NaN rule reads the old tophash bytes until then. */
            uint64_t ymask = 0;
            const uint8_t *tops = c.th;
            uint8_t fresh[BUCKET_CNT];
            if (!same) {
                for (uint64_t f = full; f != 0; f &= f - 1) {
                    size_t i = lowest_byte(f);
                    const void *k = cell_key(t, c.b, i);
                    uint64_t hash = key_hash(m, K, k);
                    uint64_t to_y;
                    if (nan_rule && !key_equal(m, K, k, k)) {
                        /* A NaN's hash cannot be reproduced, and an iterator
                         * must predict where it goes: use the low bit of
                         * the old tophash, and give it a fresh tophash. */
                        to_y = c.th[i] & 1;
                        if (tops == c.th) {
                            memcpy(fresh, c.th, BUCKET_CNT);
                            tops = fresh;
                        }
                        fresh[i] = tophash(hash);
                    } else {
                        to_y = (hash & newbit) != 0;
                    }
                    ymask |= to_y << (8 * i + 7);
                }
            }
            move_cells(m, t, &p.x, &p.xi, c, full & ~ymask, tops);
            if (ymask != 0)
                move_cells(m, t, &p.y, &p.yi, c, ymask, tops);
            /* Empty cells EVACUATED_EMPTY, full ones EVACUATED_X or _Y. */
            tophash_store(c.th, evacuated_marks(full, ymask));
        }
        if (UNLIKELY(m->barrier != NULL)) {
            report_moves(m, oldbucket);
            if (!same)
                report_moves(m, oldbucket + newbit);
        }
        release_old_chain(m, t, b, newbit);
    }
    if (oldbucket == m->nevacuate)
        advance_evacuation_mark(m, newbit);
}

/* A doubling finished by the insert that starts it, with no iterator live:
 * nothing will read the old array again, so its cells get no evacuation
 * marks and only full cells are visited, found from each tophash word at
 * once. hash_grow has just cleared FLAG_ITERATOR, so the NaN rule of
 * evacuate_impl does not apply. Destinations fill from their first cell,
 * in the order evacuate_impl fills them. */
HOT_INLINE void evacuate_all_impl(gomap *m, int K, int S)
{
    const maptype *t = shape_layout(m, S);
    size_t newbit = noldbuckets(m);
    for (size_t j = 0; j < newbit; j++) {
        evac_pair p = {main_bucket(t, m->buckets, j), main_bucket(t, m->buckets, j + newbit), 0, 0};
        bref b = main_bucket(t, m->oldbuckets, j);
        for (bref c = b; c.b != NULL; c = next_bucket(t, c)) {
            uint64_t full = cells_to_move(c);
            uint64_t ymask = 0;
            for (uint64_t f = full; f != 0; f &= f - 1) {
                uint64_t hash = key_hash(m, K, cell_key(t, c.b, lowest_byte(f)));
                ymask |= (uint64_t)((hash & newbit) != 0) << (8 * lowest_byte(f) + 7);
            }
            move_cells(m, t, &p.x, &p.xi, c, full & ~ymask, c.th);
            move_cells(m, t, &p.y, &p.yi, c, ymask, c.th);
        }
        if (UNLIKELY(m->barrier != NULL)) {
            report_moves(m, j);
            report_moves(m, j + newbit);
        }
        release_old_overflow(m, b.b, newbit);
    }
    m->evacuated_total += newbit;
    m->nevacuate = newbit;
    finish_growth(m, newbit);
}

static NOINLINE void evacuate_all(gomap *m)
{
    WITH_SHAPE(m->t.shape, m->t.kind, evacuate_all_impl(m, K, S));
}

/* Where a destination chain of arr ends: the bucket holding its first
 * trailing emptyRest cell (*pos), or its last bucket with *pos = 8 when
 * that one is full. A lookup stops at the first bucket whose last cell is
 * emptyRest, so entries must go there and not after it. */
static bref chain_tail(const maptype *t, bmap *arr, size_t j, size_t *pos)
{
    bref c = main_bucket(t, arr, j);
    uint64_t w = tophash_word(c.th);
    while (!chain_ends(w)) {
        bmap *next = overflow_of(t, c.b);
        if (next == NULL) {
            *pos = BUCKET_CNT;
            return c;
        }
        c = ovf_bucket(t, next);
        w = tophash_word(c.th);
    }
    size_t i = BUCKET_CNT;
    while (i > 0 && c.th[i - 1] == EMPTY_REST)
        i--;
    *pos = i;
    return c;
}

/* Evacuation of an old chain that does not split in two: a shrink, where
 * every entry of old chain i goes to new bucket i & mask after what that
 * bucket holds already (several old chains feed it), or a growth by more
 * than one doubling (gomap_reserve), where each entry goes to hash & mask.
 * Neither runs while a NaN key could need Go's rule for iterators: maps
 * whose keys may not equal themselves shrink and grow by several levels
 * within the call that starts it. The entries' tophash bytes stay. */
static NOINLINE void evacuate_spread(gomap *m, size_t oldbucket)
{
    const maptype *t = &m->t;
    bref b = main_bucket(t, m->oldbuckets, oldbucket);
    size_t newbit = noldbuckets(m);
    bool shrink = is_shrinking(m);
    if (shrink && !evacuated(b) && b.th[0] == EMPTY_REST) {
        evacuate_empty(m, b, newbit);
    } else if (!evacuated(b)) {
        m->evacuated_total++;
        size_t dest = oldbucket & m->mask, pos = 0;
        bref to = {NULL, NULL};
        if (shrink)
            to = chain_tail(t, m->buckets, dest, &pos);
        for (bref c = b; c.b != NULL; c = next_bucket(t, c)) {
            uint64_t full = cells_to_move(c);
            uint64_t ymask = 0;
            if (shrink) {
                if (full != 0)
                    move_cells(m, t, &to, &pos, c, full, c.th);
            } else {
                for (uint64_t f = full; f != 0; f &= f - 1) {
                    size_t i = lowest_byte(f);
                    size_t j = hash_key_any(m, cell_key(t, c.b, i)) & m->mask;
                    bref d = chain_tail(t, m->buckets, j, &pos);
                    move_cells(m, t, &d, &pos, c, f & (~f + 1), c.th);
                    ymask |= (uint64_t)((j >> m->old_B) & 1) << (8 * i + 7);
                    if (UNLIKELY(m->barrier != NULL))
                        report_moves(m, j);
                }
            }
            tophash_store(c.th, evacuated_marks(full, ymask));
        }
        if (UNLIKELY(m->barrier != NULL) && shrink)
            report_moves(m, dest);
        release_old_chain(m, t, b, newbit);
    }
    if (oldbucket == m->nevacuate)
        advance_evacuation_mark(m, newbit);
}

/* A growth that does not double the array once: see evacuate_spread. */
HOT_INLINE bool spread_evacuation(const gomap *m)
{
    return m->B != m->old_B + 1 && !same_size_grow(m);
}

static void evacuate(gomap *m, size_t oldbucket)
{
    if (UNLIKELY(spread_evacuation(m))) {
        evacuate_spread(m, oldbucket);
        return;
    }
    WITH_SHAPE(m->t.shape, m->t.kind, evacuate_impl(m, oldbucket, K, S));
}

/* Requests the cache lines that evacuating old chain ob reads and writes
 * first: its tophash bytes and cells, and both destinations' (the write
 * then uses one of them). Requested together, their misses overlap instead
 * of following each other; in a large map they are most of the time of a
 * write during a growth. An already evacuated chain wastes the old array's
 * requests only. Inline: as a function of its own the compiler finds it
 * without effect and drops the calls. */
HOT_INLINE void prefetch_evacuation(const gomap *m, size_t ob)
{
    const maptype *t = &m->t;
    bref o = main_bucket(t, m->oldbuckets, ob);
    bref x = main_bucket(t, m->buckets, ob);
    bref y = main_bucket(t, m->buckets, ob + noldbuckets(m));
    PREFETCH_WRITE(o.th);
    for (size_t off = 0; off < t->bodysize; off += 64)
        PREFETCH_READ(o.b + off);
    PREFETCH_WRITE(x.th);
    PREFETCH_WRITE(x.b);
    PREFETCH_WRITE(y.th);
    PREFETCH_WRITE(y.b);
}

bool grow_work(gomap *m, uint64_t hash, size_t keep, bool may_alloc)
{
    size_t ob = (size_t)hash & oldbucket_mask(m);
    if (!same_size_grow(m) && !is_shrinking(m)) {
        prefetch_evacuation(m, ob);
        prefetch_evacuation(m, m->nevacuate);
    }
    size_t need = evacuation_need(m, ob) + keep;
    if (need > ovf_available(m) && !(may_alloc && reserve_ensure(m, need)))
        return false;
    /* An evacuated chain that is not at the mark needs nothing: no call. */
    if (ob == m->nevacuate || !evacuated(main_bucket(&m->t, m->oldbuckets, ob)))
        evacuate(m, ob);
    /* One more old chain, for progress: every write moves the growth on,
     * so it ends within 2^oldB writes. Without memory for it, it waits. */
    if (is_growing(m)) {
        int saved = errno; /* a skipped step is not an error of the caller's */
        need = evacuation_need(m, m->nevacuate) + keep;
        if (need <= ovf_available(m) || (may_alloc && reserve_ensure(m, need)))
            evacuate(m, m->nevacuate);
        errno = saved;
    }
    return true;
}

/* Go's hashGrow: newarr (2^newB buckets) becomes current and the current
 * array old. newB is B + 1 for a doubling, B for a same-size growth, and,
 * from gomap_reserve and gomap_shrink, larger or smaller. */
static void hash_grow(gomap *m, bmap *newarr, unsigned char *spare_begin, unsigned char *spare_end,
                      uint8_t newB)
{
    uint8_t f = flags_load(m);
    uint8_t nf = (uint8_t)(f & ~(FLAG_ITERATOR | FLAG_OLD_ITERATOR | FLAG_SAME_SIZE));
    if (newB == m->B)
        nf |= FLAG_SAME_SIZE;
    /* Iterators on the current array are now on the old one. */
    if (f & FLAG_ITERATOR)
        nf |= FLAG_OLD_ITERATOR;
    *(newB > m->B ? &m->grow_doublings : newB == m->B ? &m->grow_same_size : &m->shrinks) += 1;
    m->oldbuckets = m->buckets;
    m->buckets = newarr;
    m->old_B = m->B;
    m->B = newB;
    m->mask = bucket_mask(m->B);
    m->nevacuate = 0;
    m->noverflow = 0;
    m->ovf_old = m->ovf_cur;
    m->heap_ovf_old = m->heap_ovf_cur;
    m->ovf_cur = 0;
    m->heap_ovf_cur = 0;
    m->next_spare = spare_begin;
    m->end_spare = spare_end;
    update_grow_at(m);
    flags_store(m, nf);
}

static bool growth_is_bigger(const gomap *m)
{
    return over_load_factor(m->count + 1, m->B);
}

/* Growths from at most this many old buckets are finished by the insert
 * that starts them: the work is a few hundred cells at most, and small maps
 * then never pay the growing-state checks and old-chain lookups. */
#define EAGER_EVACUATION_MAX 8

bool start_growth(gomap *m, uint64_t hash)
{
    const maptype *t = &m->t;
    bool bigger = growth_is_bigger(m);
    uint8_t newB = (uint8_t)(m->B + (bigger ? 1 : 0));
    size_t nold = bucket_shift(m->B);
    bool eager = nold <= EAGER_EVACUATION_MAX;

    /* Everything this write will need is acquired before anything changes:
     * the new array, and enough overflow buckets to evacuate the chain the
     * write lands in (or every chain, when evacuating eagerly) plus one for
     * the insert itself. */
    size_t need = 1;
    if (eager) {
        need += m->ovf_cur;
    } else {
        size_t cur = hash & bucket_mask(m->B);
        for (bmap *c = overflow_of(t, main_bucket(t, m->buckets, cur).b); c != NULL;
             c = overflow_of(t, c))
            need++;
    }
    size_t spares = array_spares(newB);
    unsigned char *sb, *se;
    bmap *arr = array_alloc(m, newB, &sb, &se);
    if (arr == NULL)
        return false;
    if (need > spares && !reserve_fill(m, need - spares)) {
        block_free(m, array_hdr(t, arr, bucket_shift(newB)));
        errno = ENOMEM;
        return false;
    }
    hash_grow(m, arr, sb, se, newB);
    if (eager) {
        if (bigger && !iterators_live(m)) {
            evacuate_all(m);
            return true;
        }
        while (is_growing(m))
            evacuate(m, m->nevacuate);
        return true;
    }
    if (!grow_work(m, hash, 1, true))
        throw_fatal("gomap: internal error: growth reservation too small");
    return true;
}

/* ---- Reserve and shrink ---------------------------------------------------------
 * Both start an evacuation to an array of another size with hash_grow, as
 * a growth does; later writes move it on with grow_work. A growth or
 * shrink already in progress is finished first, within the call (its
 * remaining old chains are evacuated: O(old buckets)), so that only one
 * evacuation is ever under way. Everything the call needs (the new array,
 * overflow buckets for what it evacuates at once) is acquired before the
 * map changes. */

/* The smallest B whose array holds n entries under load factor 6.5: what
 * gomap_new picks for a hint of n. */
static uint8_t B_for(size_t n)
{
    uint8_t B = 0;
    while (B < 61 && over_load_factor(n, B))
        B++;
    return B;
}

/* Overflow buckets the rest of the evacuation in progress may need. */
static size_t finish_need(const gomap *m)
{
    size_t need = 0;
    for (size_t j = m->nevacuate; j < noldbuckets(m); j++)
        need += evacuation_need(m, j);
    return need;
}

static void finish_evacuation(gomap *m)
{
    while (is_growing(m))
        evacuate(m, m->nevacuate);
}

/* Start an evacuation to a new array of 2^newB buckets, after finishing
 * the one in progress; with eager, evacuate everything now. false with
 * ENOMEM and no change if memory ran out. */
static bool resize(gomap *m, uint8_t newB, bool eager)
{
    const maptype *t = &m->t;
    unsigned char *sb, *se;
    bmap *arr = array_alloc(m, newB, &sb, &se);
    if (arr == NULL)
        return false;
    /* Overflow buckets: those finishing may need beyond the current
     * array's spares, plus those an eager evacuation may need beyond the
     * new array's. Its destinations fill from their first cell, so chain j
     * needs ceil(n_j / 8) - 1 of them: count / 8 in all. */
    size_t fin = is_growing(m) ? finish_need(m) : 0;
    size_t cur_spares = ovf_available(m) - m->nreserve;
    size_t new_spares = (size_t)(se - sb) / t->bucketsize;
    size_t now = eager ? m->count / BUCKET_CNT + 1 : 0;
    size_t want =
        (fin > cur_spares ? fin - cur_spares : 0) + (now > new_spares ? now - new_spares : 0);
    if (!reserve_fill(m, want)) {
        block_free(m, array_hdr(t, arr, bucket_shift(newB)));
        errno = ENOMEM;
        return false;
    }
    finish_evacuation(m);
    hash_grow(m, arr, sb, se, newB);
    if (eager)
        finish_evacuation(m);
    return true;
}

/* A map without entries gives up its arrays: the next insert starts over
 * with one bucket, as in a map made without a hint. */
static void drop_arrays(gomap *m)
{
    if (m->oldbuckets != NULL) {
        if (m->heap_ovf_old > 0)
            release_chains(m, m->oldbuckets, noldbuckets(m), true, false);
        array_release(m, m->oldbuckets, noldbuckets(m));
        m->oldbuckets = NULL;
    }
    if (m->heap_ovf_cur > 0)
        release_chains(m, m->buckets, bucket_shift(m->B), false, false);
    array_release(m, m->buckets, bucket_shift(m->B));
    m->buckets = NULL;
    m->B = m->old_B = 0;
    m->mask = 0;
    m->next_spare = m->end_spare = NULL;
    m->nevacuate = 0;
    m->noverflow = 0;
    m->ovf_cur = m->ovf_old = m->heap_ovf_cur = m->heap_ovf_old = 0;
    uint8_t drop = FLAG_ITERATOR | FLAG_OLD_ITERATOR | FLAG_SAME_SIZE;
    flags_store(m, (uint8_t)(flags_load(m) & ~drop));
    update_grow_at(m);
}

/* Evacuating at once: small arrays (as small growths are), and maps whose
 * keys may not equal themselves when the evacuation does not split each
 * old chain in two: an iterator that starts while it is under way could
 * not tell which old chain a NaN key came from, so it is never under way
 * while iterators can start. */
static bool evacuate_eagerly(const gomap *m, uint8_t newB)
{
    return bucket_shift(m->B) <= EAGER_EVACUATION_MAX || (!m->t.reflexive && newB != m->B + 1);
}

static bool shrink_to_fit(gomap *m)
{
    uint8_t B = B_for(m->count);
    if (m->buckets == NULL || B >= m->B)
        return true;
    if (m->count == 0) {
        drop_arrays(m);
        m->shrinks++;
        return true;
    }
    /* A one-bucket map is never left mid-evacuation: its lookups compare
     * keys without hashing, in its one bucket. An incremental shrink stops
     * at two buckets; the next one, from two, is done at once. */
    bool eager = evacuate_eagerly(m, B);
    if (B == 0 && !eager)
        B = 1;
    return B >= m->B || resize(m, B, eager);
}

void shrink_after_delete(gomap *m)
{
    if (m->count + 2 > m->delete_full_below || is_growing(m) || iterators_live(m))
        return;
    int saved = errno; /* the delete succeeded; a shrink that could not start waits */
    shrink_to_fit(m);
    errno = saved;
}

bool gomap_shrink(gomap *m)
{
    if (m == NULL)
        return true;
    uint8_t f = flags_load(m);
    if (UNLIKELY(f & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    flags_store(m, (uint8_t)(f ^ FLAG_WRITING));
    bool ok = shrink_to_fit(m);
    end_write(m);
    return ok;
}

bool gomap_reserve(gomap *m, size_t n)
{
    if (m == NULL) {
        if (n == 0)
            return true;
        errno = EINVAL; /* the nil map holds nothing */
        return false;
    }
    uint8_t f = flags_load(m);
    if (UNLIKELY(f & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    uint8_t B = B_for(n);
    if (n <= m->count || (m->buckets != NULL && B <= m->B))
        return true;
    flags_store(m, (uint8_t)(f ^ FLAG_WRITING));
    bool ok = true;
    if (m->count == 0) {
        /* Nothing to move: the new array replaces the old ones. */
        unsigned char *sb, *se;
        bmap *arr = array_alloc(m, B, &sb, &se);
        if (arr == NULL) {
            ok = false;
        } else {
            if (m->buckets != NULL)
                drop_arrays(m);
            m->buckets = arr;
            m->B = m->old_B = B;
            m->mask = bucket_mask(B);
            m->next_spare = sb;
            m->end_spare = se;
            m->grow_doublings++;
            update_grow_at(m);
        }
    } else {
        ok = resize(m, B, evacuate_eagerly(m, B));
    }
    end_write(m);
    return ok;
}
