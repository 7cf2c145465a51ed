/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * stats.c - introspection: gomap_stats_get and the structural checker.
 */
#include "errors.h"
#include "internal.h"

#include <errno.h>

void gomap_stats_get(const gomap *m, gomap_stats *out)
{
    if (bad_input(out == NULL))
        return;
    memset(out, 0, sizeof *out);
    if (m == NULL)
        return;
    out->count = m->count;
    out->B = m->B;
    out->buckets = m->buckets != NULL ? bucket_shift(m->B) : 0;
    out->overflow_buckets = m->ovf_cur + m->ovf_old;
    out->growing = is_growing(m);
    out->old_buckets = out->growing ? noldbuckets(m) : 0;
    out->evacuated = out->growing ? m->nevacuate : 0;
    out->bytes = atomic_load_explicit(&((gomap *)m)->bytes, memory_order_relaxed);
}

/* Check one chain of an unevacuated array. Counts live cells and overflow
 * buckets; `want`/`mask` say which bucket each live key must hash to. */
static const char *check_chain(const gomap *m, bref b, size_t want, size_t mask, size_t *live,
                               size_t *ovf)
{
    const maptype *t = &m->t;
    bool rest = false;
    uint8_t last_nonrest = MIN_TOPHASH;
    for (bref c = b; c.b != NULL; c = next_bucket(t, c)) {
        if (c.b != b.b)
            (*ovf)++;
        for (size_t i = 0; i < BUCKET_CNT; i++) {
            uint8_t top = c.th[i];
            if (top == EMPTY_REST) {
                rest = true;
                continue;
            }
            if (rest)
                return "a cell after emptyRest is not emptyRest";
            last_nonrest = top;
            if (top == EMPTY_ONE)
                continue;
            if (top < MIN_TOPHASH)
                return "evacuation mark in a chain that is not evacuated";
            (*live)++;
            const void *k = cell_key(t, c.b, i);
            if (key_is_reflexive_value(m, k)) {
                uint64_t h = hash_key_any(m, k);
                if ((h & mask) != want)
                    return "key stored in the wrong bucket";
                if (tophash(h) != top)
                    return "tophash does not match the key's hash";
            }
        }
    }
    if (last_nonrest == EMPTY_ONE)
        return "chain ends in emptyOne instead of emptyRest";
    return NULL;
}

/* Check every chain of an array with nb main buckets (old: the old array
 * of a growing map) and its overflow count, adding its live cells to
 * *live. */
static const char *check_array(const gomap *m, bmap *arr, size_t nb, bool old, size_t *live)
{
    const maptype *t = &m->t;
    size_t ovf = 0;
    for (size_t j = 0; j < nb; j++) {
        bref b = main_bucket(t, arr, j);
        if (old && evacuated(b)) {
            /* Only the main bucket is still reliable memory. */
            for (size_t i = 0; i < BUCKET_CNT; i++)
                if (b.th[i] <= EMPTY_ONE || b.th[i] >= MIN_TOPHASH)
                    return "evacuated bucket with a cell not marked evacuated";
            continue;
        }
        if (old && j < m->nevacuate)
            return "old bucket below nevacuate is not evacuated";
        /* A shrink's new bucket has several old chains; it may hold
         * entries of those evacuated while others are not. */
        if (!old && is_growing(m) && !is_shrinking(m)) {
            bref ob = main_bucket(t, m->oldbuckets, j & oldbucket_mask(m));
            if (!evacuated(ob) && (b.th[0] != EMPTY_REST || overflow_of(t, b.b) != NULL))
                return "new bucket filled before its old bucket was evacuated";
        }
        const char *err = check_chain(m, b, j, nb - 1, live, &ovf);
        if (err != NULL)
            return err;
    }
    if (ovf != (old ? m->ovf_old : m->ovf_cur))
        return old ? "overflow count of the old array is wrong"
                   : "overflow count of the current array is wrong";
    return NULL;
}

const char *gomap_check(const gomap *m)
{
    if (m == NULL)
        return NULL;
    if (flags_load(m) & FLAG_WRITING)
        return "a write is in progress";
    if (m->mask != bucket_mask(m->B))
        return "the bucket mask does not match B";
    if (m->read_shape != read_shape_of(m))
        return "read_shape does not match the map's state";
    if (m->fast_below != fast_below_of(m))
        return "the short-path limit is stale";
    if (m->delete_full_below != delete_full_below_of(m))
        return "the delete short-path limit is stale";
    if (!is_growing(m) ? is_shrinking(m) : same_size_grow(m) != (m->old_B == m->B))
        return "the old array's B does not match the growth state";
    if (is_growing(m) && m->nevacuate >= noldbuckets(m))
        return "growing but every old bucket is evacuated";
    if (m->buckets == NULL)
        return m->count == 0 && m->B == 0 ? NULL : "entries or B > 0 without buckets";
    gomap probe = {.B = m->B, .noverflow = m->noverflow, .oldbuckets = m->oldbuckets};
    update_grow_at(&probe);
    if (probe.grow_at != m->grow_at)
        return "the growth threshold is stale";
    size_t live = 0;
    const char *err = check_array(m, m->buckets, bucket_shift(m->B), false, &live);
    if (err == NULL && is_growing(m))
        err = check_array(m, m->oldbuckets, noldbuckets(m), true, &live);
    if (err == NULL && live != m->count)
        err = "count does not match the live cells";
    return err;
}
