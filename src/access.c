/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * access.c - the generic access API. A map of a ready-made kind is routed to
 * its specialised code; other keys go through the type's hash and equal.
 * A key the map cannot read (NULL, or a str key with bytes at NULL or an
 * impossible length) is refused with EINVAL before anything is hashed.
 */
#include "access.h"

/* The key of a type whose keys have no bytes: any address will do, and the
 * code below copies and compares through it, which NULL must not be. */
static const max_align_t empty_key;

/* key, or the address standing for an empty key, or NULL with errno =
 * EINVAL for a key the map cannot read. */
static inline const void *checked_key(const gomap *m, const void *key)
{
    if (UNLIKELY(key_invalid(m, key))) {
        errno = EINVAL;
        return NULL;
    }
    return key != NULL ? key : &empty_key;
}

void *gomap_get(const gomap *m, const void *key)
{
    if (m == NULL)
        return NULL;
    if ((key = checked_key(m, key)) == NULL)
        return NULL;
    WITH_KIND(m->t.kind, return get_impl(m, K, SHAPE_ANY, key));
}

void *gomap_assign(gomap *m, const void *key)
{
    if (m == NULL)
        throw_panic("assignment to entry in nil map");
    if ((key = checked_key(m, key)) == NULL)
        return NULL;
    WITH_KIND(m->t.kind, return assign_impl(m, K, SHAPE_ANY, key));
}

bool gomap_delete(gomap *m, const void *key)
{
    if (m == NULL)
        return false;
    if ((key = checked_key(m, key)) == NULL)
        return false;
    WITH_KIND(m->t.kind, return delete_impl(m, K, SHAPE_ANY, key));
}

/* Iterators re-find entries that moved (Go's mapaccessK). Every cell carries
 * a real tophash, so the tophash-filtered search works for all kinds. */
HOT_INLINE bool lookup_ke(gomap *m, int K, const void *key, void **kout, void **eout)
{
    if (m->count == 0)
        return false;
    uint64_t hash = key_hash(m, K, key);
    uint8_t top = tophash(hash);
    const maptype *t = &m->t;
    for (bref b = lookup_chain(m, SHAPE_ANY, hash); b.b != NULL; b = next_bucket(t, b))
        for (size_t i = 0; i < BUCKET_CNT; i++)
            if (b.th[i] == top && key_equal(m, K, key, cell_key(t, b.b, i))) {
                *kout = cell_key(t, b.b, i);
                *eout = cell_elem(t, b.b, i);
                return true;
            }
    return false;
}

/* Whether the old or the new chain holds the key is known only once the old
 * main bucket's first tophash byte has arrived: the first lines of both
 * are requested before, so the two misses overlap whichever it is, and the
 * choice is a select, not a branch: about half the old chains are
 * evacuated in the middle of a growth, and a mispredicted branch would
 * discard the work of the accesses after it. */
bref growing_chain_of(const gomap *m, uint64_t hash)
{
    const maptype *t = &m->t;
    bref ob = main_bucket(t, m->oldbuckets, hash & oldbucket_mask(m));
    bref nb = main_bucket(t, m->buckets, hash & m->mask);
    PREFETCH_READ(nb.th);
    PREFETCH_READ(nb.b);
    PREFETCH_READ(ob.b);
    bool moved = evacuated(ob);
    bref r = {moved ? nb.b : ob.b, moved ? nb.th : ob.th};
    return r;
}

bool lookup_key_elem(gomap *m, const void *key, void **kout, void **eout)
{
    WITH_KIND(m->t.kind, return lookup_ke(m, K, key, kout, eout));
}

/* ---- Go's mapaccessK, take, and deleting an iterator's entry ------------------ */

HOT_INLINE void *get_kv_impl(const gomap *m, int K, const void *key, const void **stored_key)
{
    if (m->count == 0)
        return NULL;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map read and map write");
    cellref c;
    if (!lookup_cell(m, K, SHAPE_ANY, key, &c))
        return NULL;
    *stored_key = cell_key(&m->t, c.r.b, c.i);
    return cell_elem(&m->t, c.r.b, c.i);
}

void *gomap_get_kv(const gomap *m, const void *key, const void **stored_key)
{
    const void *unused = NULL;
    const void **sk = stored_key != NULL ? stored_key : &unused;
    *sk = NULL;
    if (m == NULL)
        return NULL;
    if ((key = checked_key(m, key)) == NULL)
        return NULL;
    WITH_KIND(m->t.kind, return get_kv_impl(m, K, key, sk));
}

bool gomap_take(gomap *m, const void *key, void *key_out, void *elem_out)
{
    if (m == NULL)
        return false;
    if ((key = checked_key(m, key)) == NULL)
        return false;
    take_out out = {key_out, elem_out};
    WITH_KIND(m->t.kind, return remove_impl(m, K, SHAPE_ANY, key, &out));
}

void delete_cell(gomap *m, bref b0, bref b, size_t i, size_t bucket)
{
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    flags_store(m, (uint8_t)(flags_load(m) ^ FLAG_WRITING));
    /* Only the kind's way of clearing a key matters here: the string kinds
     * drop the data pointer, generic keys may be indirect. */
    if (is_str_kind(m->t.kind))
        clear_cell(m, KIND_STR, SHAPE_ANY, b.b, i, 0);
    else
        clear_cell(m, KIND_GENERIC, SHAPE_ANY, b.b, i, 0);
    mark_deleted(&m->t, b0, b, i);
    count_removed(m);
    /* The growth step gomap_delete takes first (Go's growWork): after the
     * entry is gone, since evacuation could move it and the iterator's cell
     * is what identifies it (a NaN has no other identity). */
    if (UNLIKELY(is_growing(m))) {
        int saved = errno;
        grow_work(m, bucket, 0, true);
        errno = saved;
    }
    end_write(m);
}
