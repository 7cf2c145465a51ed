/*
 * access.h - lookup, assign and delete, written once and specialised per key
 * kind. Each function takes the kind K as a constant so the compiler folds
 * the hashing and key comparison to direct code: the fast paths make no
 * indirect calls.
 *
 * The kinds follow Go's variants: generic keys (and floats) are matched by
 * tophash first and lookups stop at emptyRest; 32/64-bit keys are compared
 * raw against every non-empty cell (Go's fast32/fast64) and a single-bucket
 * map is searched without hashing; string keys compare length and tophash,
 * and a single-bucket map is searched without hashing (Go's faststr).
 *
 * A write acquires everything it may need before it changes anything (see
 * memory.c), so a failed allocation leaves the map as it was.
 */
#ifndef GOMAP_ACCESS_H
#define GOMAP_ACCESS_H

#include "internal.h"

#include <errno.h>

/* The chain that holds `hash` now: the old one while it is not evacuated. */
HOT_INLINE bmap *lookup_chain(const gomap *m, uint64_t hash)
{
    const maptype *t = &m->t;
    size_t mask = bucket_mask(m->B);
    bmap *b = bucket_at(t, m->buckets, hash & mask);
    bmap *old = m->oldbuckets;
    if (UNLIKELY(old != NULL)) {
        if (!same_size_grow(m))
            mask >>= 1;
        bmap *ob = bucket_at(t, old, hash & mask);
        if (!evacuated(ob))
            b = ob;
    }
    return b;
}

HOT_INLINE bool is_fixed(int K)
{
    return K == KIND_U32 || K == KIND_U64;
}

HOT_INLINE size_t fixed_size(int K)
{
    return K == KIND_U32 ? 4 : 8;
}

HOT_INLINE bool fixed_equal(int K, const void *slot, const void *key)
{
    return K == KIND_U32 ? load_u32(slot) == load_u32(key) : load_u64(slot) == load_u64(key);
}

/* Does cell i of b hold `key`? `top` is the key's tophash. For generic keys
 * the caller has already compared tophash. */
HOT_INLINE bool cell_matches(const gomap *m, int K, bmap *b, size_t i, uint8_t top, const void *key)
{
    const maptype *t = &m->t;
    uint8_t th = tophash_of(b)[i];
    if (is_fixed(K))
        return !is_empty(th) && fixed_equal(K, key_slot(t, b, i), key);
    if (th != top)
        return false;
    if (K == KIND_STR) {
        return str_equal(load_str(key_slot(t, b, i)), load_str(key));
    }
    return key_equal(m, K, key, cell_key(t, b, i));
}

typedef struct cellref {
    bmap *b;
    size_t i;
} cellref;

/* Search the chain starting at b. Generic keys stop at emptyRest (Go's
 * mapaccess); the fixed-width and string variants scan the whole chain. */
HOT_INLINE bool find_in_chain(const gomap *m, int K, bmap *b, uint8_t top, const void *key,
                              cellref *out)
{
    const maptype *t = &m->t;
    bool stop_at_rest = !is_fixed(K) && K != KIND_STR;
    for (; b != NULL; b = overflow_of(t, b)) {
        const uint8_t *th = tophash_of(b);
        for (size_t i = 0; i < BUCKET_CNT; i++) {
            if (stop_at_rest && th[i] != top) {
                if (th[i] == EMPTY_REST)
                    return false;
                continue;
            }
            if (cell_matches(m, K, b, i, top, key)) {
                out->b = b;
                out->i = i;
                return true;
            }
        }
    }
    return false;
}

/* Go's faststr single-bucket search: no hash unless two long keys survive
 * the cheap checks. Returns 1 found, 0 absent, -1 "hash and search". */
HOT_INLINE int find_str_single(const gomap *m, bmap *b, gomap_str key, cellref *out)
{
    const maptype *t = &m->t;
    const uint8_t *th = tophash_of(b);
    if (key.len < 32) {
        for (size_t i = 0; i < BUCKET_CNT; i++) {
            gomap_str k = load_str(key_slot(t, b, i));
            if (k.len != key.len || is_empty(th[i])) {
                if (th[i] == EMPTY_REST)
                    break;
                continue;
            }
            if (k.ptr == key.ptr || bytes_equal(k.ptr, key.ptr, key.len)) {
                out->b = b;
                out->i = i;
                return 1;
            }
        }
        return 0;
    }
    size_t maybe = BUCKET_CNT;
    for (size_t i = 0; i < BUCKET_CNT; i++) {
        gomap_str k = load_str(key_slot(t, b, i));
        if (k.len != key.len || is_empty(th[i])) {
            if (th[i] == EMPTY_REST)
                break;
            continue;
        }
        if (k.ptr == key.ptr) {
            out->b = b;
            out->i = i;
            return 1;
        }
        /* Cheap filters: first and last four bytes. */
        if (memcmp(k.ptr, key.ptr, 4) != 0 ||
            memcmp(k.ptr + key.len - 4, key.ptr + key.len - 4, 4) != 0)
            continue;
        if (maybe != BUCKET_CNT)
            return -1; /* two candidates: hashing is cheaper than two compares */
        maybe = i;
    }
    if (maybe != BUCKET_CNT) {
        gomap_str k = load_str(key_slot(t, b, maybe));
        if (memcmp(k.ptr, key.ptr, key.len) == 0) {
            out->b = b;
            out->i = maybe;
            return 1;
        }
    }
    return 0;
}

/* Lookup without the concurrent-write check (mapaccessK); the map is not
 * empty. */
HOT_INLINE bool lookup_cell(const gomap *m, int K, const void *key, cellref *out)
{
    if (is_fixed(K) && m->B == 0) {
        /* One bucket, never growing: compare raw keys, no hash. */
        bmap *b = m->buckets;
        for (size_t i = 0; i < BUCKET_CNT; i++)
            if (cell_matches(m, K, b, i, 0, key)) {
                out->b = b;
                out->i = i;
                return true;
            }
        return false;
    }
    if (K == KIND_STR && m->B == 0) {
        int r = find_str_single(m, m->buckets, load_str(key), out);
        if (r >= 0)
            return r == 1;
    }
    uint64_t hash = key_hash(m, K, key);
    return find_in_chain(m, K, lookup_chain(m, hash), tophash(hash), key, out);
}

HOT_INLINE void *get_impl(const gomap *m, int K, const void *key)
{
    if (m == NULL || m->count == 0)
        return NULL;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map read and map write");
    cellref c;
    if (!lookup_cell(m, K, key, &c))
        return NULL;
    return cell_elem(&m->t, c.b, c.i);
}

/* ---- Assign ------------------------------------------------------------------ */

HOT_INLINE void store_new_key(const maptype *t, int K, bmap *b, size_t i, const void *key,
                              void *kblk)
{
    unsigned char *slot = key_slot(t, b, i);
    if (is_fixed(K))
        memcpy(slot, key, fixed_size(K));
    else if (K == KIND_STR)
        memcpy(slot, key, sizeof(gomap_str));
    else if (t->indirect_key) {
        memcpy(kblk, key, t->user.key_size);
        store_ptr(slot, kblk);
    } else
        memcpy(slot, key, t->keysize);
}

/* Overwrite the stored key with an equal one where the type asks for it
 * (+0/-0, a string with another backing array). */
HOT_INLINE void update_key(const maptype *t, int K, bmap *b, size_t i, const void *key)
{
    if (is_fixed(K))
        return;
    if (K == KIND_STR) {
        memcpy(key_slot(t, b, i), key, sizeof(gomap_str));
        return;
    }
    if (t->need_key_update)
        memcpy(cell_key(t, b, i), key, t->user.key_size);
}

/* Insert into a map that has no bucket yet (B == 0, count == 0). */
static NOINLINE void *assign_first(gomap *m, int K, const void *key, uint64_t hash)
{
    const maptype *t = &m->t;
    void *kblk = NULL, *eblk = NULL;
    if (t->indirect_key && (kblk = indirect_alloc(m, t->key_block, false)) == NULL)
        return NULL;
    if (t->indirect_elem && (eblk = indirect_alloc(m, t->elem_block, true)) == NULL) {
        if (kblk)
            indirect_release(m, kblk);
        return NULL;
    }
    bmap *sb, *se;
    bmap *arr = array_alloc(m, 0, &sb, &se);
    if (arr == NULL) {
        if (kblk)
            indirect_release(m, kblk);
        if (eblk)
            indirect_release(m, eblk);
        errno = ENOMEM;
        return NULL;
    }
    m->buckets = arr;
    m->next_spare = sb;
    m->end_spare = se;
    store_new_key(t, K, arr, 0, key, kblk);
    if (eblk)
        store_ptr(elem_slot(t, arr, 0), eblk);
    tophash_of(arr)[0] = tophash(hash);
    m->count++;
    return cell_elem(t, arr, 0);
}

HOT_INLINE void *assign_locked(gomap *m, int K, const void *key, uint64_t hash)
{
    const maptype *t = &m->t;
    if (UNLIKELY(m->buckets == NULL))
        return assign_first(m, K, key, hash);
    if (UNLIKELY(is_growing(m))) {
        /* Evacuate the chain this write lands in (and one more), keeping
         * one overflow bucket for the insert; failing here changes nothing. */
        if (!grow_work(m, hash & bucket_mask(m->B), 1, true))
            return NULL;
    }
    uint8_t top = tophash(hash);
    void *kblk = NULL, *eblk = NULL;
    bool blocks_ready = false;
again:;
    bmap *b = bucket_at(t, m->buckets, hash & bucket_mask(m->B));
    bmap *ins_b = NULL, *last = b;
    size_t ins_i = 0;
    for (; b != NULL; b = overflow_of(t, b)) {
        const uint8_t *th = tophash_of(b);
        last = b;
        for (size_t i = 0; i < BUCKET_CNT; i++) {
            if (is_fixed(K) ? is_empty(th[i]) : th[i] != top) {
                if (is_empty(th[i]) && ins_b == NULL) {
                    ins_b = b;
                    ins_i = i;
                }
                if (th[i] == EMPTY_REST)
                    goto absent;
                continue;
            }
            if (!cell_matches(m, K, b, i, top, key))
                continue;
            if (blocks_ready) { /* cannot happen: the key was absent */
                if (kblk)
                    indirect_release(m, kblk);
                if (eblk)
                    indirect_release(m, eblk);
            }
            update_key(t, K, b, i, key);
            return cell_elem(t, b, i);
        }
    }
absent:
    if (!blocks_ready) {
        if (t->indirect_key && (kblk = indirect_alloc(m, t->key_block, false)) == NULL)
            return NULL;
        if (t->indirect_elem && (eblk = indirect_alloc(m, t->elem_block, true)) == NULL) {
            if (kblk)
                indirect_release(m, kblk);
            return NULL;
        }
        blocks_ready = true;
    }
    if (!is_growing(m) &&
        (over_load_factor(m->count + 1, m->B) || too_many_overflow_buckets(m->noverflow, m->B))) {
        if (!start_growth(m, hash))
            goto fail;
        goto again; /* everything moved; search the new chain */
    }
    if (ins_b == NULL) {
        if (ovf_available(m) == 0 && !reserve_fill(m, 1))
            goto fail;
        ins_b = new_overflow(m, last);
        ins_i = 0;
    }
    store_new_key(t, K, ins_b, ins_i, key, kblk);
    if (eblk)
        store_ptr(elem_slot(t, ins_b, ins_i), eblk);
    tophash_of(ins_b)[ins_i] = top;
    m->count++;
    return cell_elem(t, ins_b, ins_i);
fail:
    if (kblk)
        indirect_release(m, kblk);
    if (eblk)
        indirect_release(m, eblk);
    errno = ENOMEM;
    return NULL;
}

HOT_INLINE void *assign_impl(gomap *m, int K, const void *key)
{
    if (UNLIKELY(m == NULL))
        throw_panic("assignment to entry in nil map");
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    uint64_t hash = key_hash(m, K, key);
    /* Toggled, not set: two racing writers are likely to cancel out and
     * then trip the check below. */
    flags_store(m, (uint8_t)(flags_load(m) ^ FLAG_WRITING));
    void *elem = assign_locked(m, K, key, hash);
    uint8_t f = flags_load(m);
    if (UNLIKELY(!(f & FLAG_WRITING)))
        throw_fatal("concurrent map writes");
    flags_store(m, (uint8_t)(f & ~FLAG_WRITING));
    return elem;
}

/* ---- Delete ------------------------------------------------------------------- */

HOT_INLINE void clear_cell(gomap *m, int K, bmap *b, size_t i)
{
    const maptype *t = &m->t;
    unsigned char *ks = key_slot(t, b, i), *es = elem_slot(t, b, i);
    if (t->indirect_key) {
        indirect_release(m, load_ptr(ks));
        store_ptr(ks, NULL);
    } else if (K == KIND_STR) {
        store_ptr(ks, NULL); /* drop the data pointer, keep the length (Go) */
    } else if (t->user.flags & GOMAP_KEY_POINTERS) {
        memset(ks, 0, t->keysize);
    }
    if (t->indirect_elem) {
        indirect_release(m, load_ptr(es));
        store_ptr(es, NULL);
    } else {
        memset(es, 0, t->elemsize); /* a later insert here must start from zero */
    }
}

/* b0 is the chain's main bucket; cell i of b was just emptied. Turn the run
 * of emptyOne cells that now ends the chain into emptyRest. */
HOT_INLINE void mark_empty_rest(const maptype *t, bmap *b0, bmap *b, size_t i)
{
    if (i == BUCKET_CNT - 1) {
        bmap *o = overflow_of(t, b);
        if (o != NULL && tophash_of(o)[0] != EMPTY_REST)
            return;
    } else if (tophash_of(b)[i + 1] != EMPTY_REST) {
        return;
    }
    for (;;) {
        tophash_of(b)[i] = EMPTY_REST;
        if (i == 0) {
            if (b == b0)
                return;
            bmap *c = b0;
            while (overflow_of(t, c) != b)
                c = overflow_of(t, c);
            b = c;
            i = BUCKET_CNT - 1;
        } else {
            i--;
        }
        if (tophash_of(b)[i] != EMPTY_ONE)
            return;
    }
}

HOT_INLINE bool delete_impl(gomap *m, int K, const void *key)
{
    if (m == NULL || m->count == 0)
        return false;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    uint64_t hash = key_hash(m, K, key);
    flags_store(m, (uint8_t)(flags_load(m) ^ FLAG_WRITING));
    const maptype *t = &m->t;
    /* Delete never fails: if growWork cannot get the overflow buckets it
     * needs, the key is removed from its old chain in place. */
    if (UNLIKELY(is_growing(m))) {
        int saved = errno;
        grow_work(m, hash & bucket_mask(m->B), 0, true);
        errno = saved;
    }
    bmap *b0 = lookup_chain(m, hash);
    cellref c;
    bool found = find_in_chain(m, K, b0, tophash(hash), key, &c);
    if (found) {
        clear_cell(m, K, c.b, c.i);
        tophash_of(c.b)[c.i] = EMPTY_ONE;
        mark_empty_rest(t, b0, c.b, c.i);
        m->count--;
        if (m->count == 0) /* a fresh seed defeats repeated collision attacks */
            m->hash0 = map_rand(m);
    }
    uint8_t f = flags_load(m);
    if (UNLIKELY(!(f & FLAG_WRITING)))
        throw_fatal("concurrent map writes");
    flags_store(m, (uint8_t)(f & ~FLAG_WRITING));
    return found;
}

#endif /* GOMAP_ACCESS_H */
