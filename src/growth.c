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
#include "internal.h"

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

static size_t evacuation_need(const gomap *m, size_t oldbucket)
{
    const maptype *t = &m->t;
    bref b = main_bucket(t, m->oldbuckets, oldbucket);
    if (evacuated(b))
        return 0;
    /* An emptyRest mark in the main bucket leaves at most 7 entries in the
     * chain, which fit the empty destination buckets: no need to read the
     * overflow pointer (a cache line of its own, often). */
    if (bytes_zero(tophash_word(b.th)) != 0)
        return 0;
    /* A chain of L buckets splits into destinations that need at most L-1
     * overflow buckets between them. */
    size_t n = 0;
    for (bmap *c = overflow_of(t, b.b); c != NULL; c = overflow_of(t, c))
        n++;
    return n;
}

/* Every old chain is evacuated: the old array goes. */
static void finish_growth(gomap *m, size_t newbit)
{
    array_release(m, m->oldbuckets, newbit);
    m->oldbuckets = NULL;
    m->ovf_old = 0;
    m->heap_ovf_old = 0;
    flags_store(m, (uint8_t)(flags_load(m) & ~FLAG_SAME_SIZE));
    update_grow_at(m);
}

static void advance_evacuation_mark(gomap *m, size_t newbit)
{
    const maptype *t = &m->t;
    m->nevacuate++;
    /* Skip already evacuated buckets, but look at no more than 1024 so the
     * step stays O(1). */
    size_t stop = m->nevacuate + 1024;
    if (stop > newbit)
        stop = newbit;
    while (m->nevacuate != stop && evacuated(main_bucket(t, m->oldbuckets, m->nevacuate)))
        m->nevacuate++;
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

/* Copy the cells of old bucket c flagged in `cells` (bit 7 of byte i for
 * cell i), in cell order, to destination d from its cell *di on, opening
 * new overflow buckets as d fills; tops[i] is the tophash byte cell i
 * takes. Each old bucket sends its x cells and then its y cells: every
 * destination still receives its entries in old chain order, and each loop
 * runs without a per-cell choice between x and y. */
HOT_INLINE void move_cells(gomap *m, const maptype *t, bref *d, size_t *di, bref c,
                           uint64_t cells, const uint8_t *tops)
{
    const bool pairs = t->key_stride == t->keysize + t->elemsize && t->keys_off == 0;
    bref to = *d;
    uint8_t *dt = to.th + *di;
    unsigned char *dk = key_slot(t, to.b, *di);
    unsigned char *de = elem_slot(t, to.b, *di);
    for (; cells != 0; cells &= cells - 1) {
        size_t i = lowest_byte(cells);
        if (UNLIKELY(dt == to.th + BUCKET_CNT)) {
            to = new_overflow(m, to.b);
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
            uint64_t w = tophash_word(c.th);
            uint64_t full = bytes_full(w);
            if (UNLIKELY((bytes_below_min_tophash(w) & full) != 0))
                throw_fatal("bad map state");
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
            tophash_store(c.th, EVACUATED_EMPTY * BYTES_LSB -
                                    (EVACUATED_EMPTY - EVACUATED_X) * (full >> 7) + (ymask >> 7));
        }
        if (UNLIKELY(m->barrier != NULL)) {
            report_moves(m, oldbucket);
            if (!same)
                report_moves(m, oldbucket + newbit);
        }
        bool keep_links = iterators_live(m);
        release_old_overflow(m, b.b, newbit);
        if (!keep_links)
            set_overflow(t, b.b, NULL);
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
            uint64_t w = tophash_word(c.th);
            uint64_t full = bytes_full(w);
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
    switch (m->t.shape) {
    case SHAPE_U64_8: evacuate_all_impl(m, KIND_U64, SHAPE_U64_8); return;
    case SHAPE_U32_4: evacuate_all_impl(m, KIND_U32, SHAPE_U32_4); return;
    case SHAPE_STR_16: evacuate_all_impl(m, KIND_STR, SHAPE_STR_16); return;
    default: break;
    }
    switch (m->t.kind) {
    case KIND_U32: evacuate_all_impl(m, KIND_U32, SHAPE_ANY); break;
    case KIND_U64: evacuate_all_impl(m, KIND_U64, SHAPE_ANY); break;
    case KIND_STR: evacuate_all_impl(m, KIND_STR, SHAPE_ANY); break;
    case KIND_F64: evacuate_all_impl(m, KIND_F64, SHAPE_ANY); break;
    default: evacuate_all_impl(m, KIND_GENERIC, SHAPE_ANY); break;
    }
}

static void evacuate(gomap *m, size_t oldbucket)
{
    switch (m->t.shape) {
    case SHAPE_U64_8: evacuate_impl(m, oldbucket, KIND_U64, SHAPE_U64_8); return;
    case SHAPE_U32_4: evacuate_impl(m, oldbucket, KIND_U32, SHAPE_U32_4); return;
    case SHAPE_STR_16: evacuate_impl(m, oldbucket, KIND_STR, SHAPE_STR_16); return;
    default: break;
    }
    switch (m->t.kind) {
    case KIND_U32: evacuate_impl(m, oldbucket, KIND_U32, SHAPE_ANY); break;
    case KIND_U64: evacuate_impl(m, oldbucket, KIND_U64, SHAPE_ANY); break;
    case KIND_STR: evacuate_impl(m, oldbucket, KIND_STR, SHAPE_ANY); break;
    case KIND_F64: evacuate_impl(m, oldbucket, KIND_F64, SHAPE_ANY); break;
    default: evacuate_impl(m, oldbucket, KIND_GENERIC, SHAPE_ANY); break;
    }
}

/* Requests the cache lines that evacuating old chain ob reads and writes
 * first: its tophash bytes and cells, and both destinations' (the write
 * then uses one of them). Requested together, their misses overlap instead
 * of following each other; in a large map they are most of the time of a
 * write during a growth. An already evacuated chain wastes the old array's
 * requests only. */
static void prefetch_evacuation(const gomap *m, size_t ob)
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

bool grow_work(gomap *m, size_t bucket, size_t keep, bool may_alloc)
{
    size_t ob = bucket & oldbucket_mask(m);
    if (!same_size_grow(m)) {
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

static void hash_grow(gomap *m, bmap *newarr, unsigned char *spare_begin, unsigned char *spare_end,
                      bool bigger)
{
    uint8_t f = flags_load(m);
    uint8_t nf = (uint8_t)(f & ~(FLAG_ITERATOR | FLAG_OLD_ITERATOR | FLAG_SAME_SIZE));
    if (!bigger)
        nf |= FLAG_SAME_SIZE;
    /* Iterators on the current array are now on the old one. */
    if (f & FLAG_ITERATOR)
        nf |= FLAG_OLD_ITERATOR;
    m->oldbuckets = m->buckets;
    m->buckets = newarr;
    m->B = (uint8_t)(m->B + (bigger ? 1 : 0));
    m->mask = bucket_mask(m->B);
    *(bigger ? &m->grow_doublings : &m->grow_same_size) += 1;
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
    hash_grow(m, arr, sb, se, bigger);
    if (eager) {
        if (bigger && !iterators_live(m)) {
            evacuate_all(m);
            return true;
        }
        while (is_growing(m))
            evacuate(m, m->nevacuate);
        return true;
    }
    if (!grow_work(m, hash & bucket_mask(m->B), 1, true))
        throw_fatal("gomap: internal error: growth reservation too small");
    return true;
}
