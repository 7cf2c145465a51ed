/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * access.h - lookup, assign and delete, written once and specialised per key
 * kind. Each function takes the kind K as a constant so the compiler folds
 * the hashing and key comparison to direct code: the fast paths make no
 * indirect calls.
 *
 * Every kind matches the 8 tophash bytes of a bucket at once (SWAR), looks
 * at the key of a candidate only, and stops at the first bucket holding an
 * emptyRest mark, so a miss usually reads nothing but the dense tophash
 * bytes of one main bucket. As in Go's fast paths, a single-bucket map of
 * 32/64-bit keys is searched by comparing raw keys and one of string keys
 * by length and cheap byte checks, both without hashing.
 *
 * A write acquires everything it may need before it changes anything (see
 * memory.c), so a failed allocation leaves the map as it was.
 */
#ifndef GOMAP_ACCESS_H
#define GOMAP_ACCESS_H

#include "internal.h"

#include <errno.h>

/* The chain that holds `hash` now: the old one while it is not evacuated. */
HOT_INLINE bref lookup_chain(const gomap *m, int S, uint64_t hash)
{
    const maptype *t = shape_layout(m, S);
    if (UNLIKELY(m->oldbuckets != NULL))
        return growing_chain_of(m, hash);
    return main_bucket(t, m->buckets, hash & m->mask);
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

/* Does the key of cell i of b equal `key`? (Its tophash already matched.) */
HOT_INLINE bool key_matches(const gomap *m, int K, int S, bmap *b, size_t i, const void *key)
{
    const maptype *t = shape_layout(m, S);
    if (is_fixed(K))
        return fixed_equal(K, key_slot(t, b, i), key);
    if (is_str_kind(K))
        return str_equal(load_str(key_slot(t, b, i)), load_str(key));
    return key_equal(m, K, key, cell_key(t, b, i));
}

/* Start loading the first cells of bucket b while its tophash bytes are
 * read: the body's address does not depend on them, so the two cache
 * misses of a lookup overlap instead of following each other. A lookup
 * requests the body's first two lines: the overflow pointer and at least
 * the first 3 cells of a u64 map. (A miss that no tophash byte matches did
 * not need them: one line was slower for hits than two, and misses
 * gained less from it.) */
HOT_INLINE void prefetch_body(bref b)
{
    PREFETCH_READ(b.b);
    PREFETCH_READ(b.b + 64);
}

/* For a write, every line that holds the overflow pointer or a key of b
 * is requested: a u64 map's 136-byte body spans three lines, and the cell
 * a write touches is known only once the tophash bytes are read. Large
 * keys are covered up to KEY_SPAN_MAX bytes. */
HOT_INLINE void prefetch_line(const unsigned char *p, int for_write)
{
    if (for_write)
        PREFETCH_WRITE(p);
    else
        PREFETCH_READ(p);
}

HOT_INLINE void prefetch_keys(const maptype *t, bref b, int for_write)
{
    size_t span = t->key_span;
    /* Five steps at most, unrolled: a layout known only at run time pays a
     * compare per line rather than a loop. */
#if defined(__GNUC__)
#pragma GCC unroll 5
#endif
    for (size_t off = 0; off < KEY_SPAN_MAX; off += 64)
        if (off < span)
            prefetch_line(b.b + off, for_write);
    /* The last key's end, when the span ends in a line the steps missed. */
    prefetch_line(b.b + span - 1, for_write);
}

typedef struct cellref {
    bref r;
    size_t i;
} cellref;

/* Search the chain starting at b (Go's mapaccess loop, eight cells at a
 * time). */
HOT_INLINE bool find_in_chain(const gomap *m, int K, int S, bref b, uint8_t top, const void *key,
                              cellref *out)
{
    const maptype *t = shape_layout(m, S);
    for (;;) {
        uint64_t w = tophash_word(b.th);
        for (uint64_t c = match_top(w, top); c != 0; c &= c - 1) {
            size_t i = match_index(c);
            if (key_matches(m, K, S, b.b, i, key)) {
                out->r = b;
                out->i = i;
                return true;
            }
        }
        if (chain_ends(w)) /* emptyRest: nothing further in the chain */
            return false;
        bmap *o = overflow_of(t, b.b);
        if (o == NULL)
            return false;
        b = ovf_bucket(t, o);
    }
}

/* Go's faststr single-bucket search: no hash unless two long keys survive
 * the cheap checks. Returns 1 found, 0 absent, -1 "hash and search". */
HOT_INLINE int find_str_single(const gomap *m, int S, bref b, gomap_str key, cellref *out)
{
    const maptype *t = shape_layout(m, S);
    const uint8_t *th = b.th;
    if (key.len < 32) {
        for (size_t i = 0; i < BUCKET_CNT; i++) {
            if (is_empty(th[i])) {
                if (th[i] == EMPTY_REST)
                    break;
                continue;
            }
            gomap_str k = load_str(key_slot(t, b.b, i));
            if (k.len != key.len)
                continue;
            if (k.ptr == key.ptr || bytes_equal(k.ptr, key.ptr, key.len)) {
                out->r = b;
                out->i = i;
                return 1;
            }
        }
        return 0;
    }
    size_t maybe = BUCKET_CNT;
    for (size_t i = 0; i < BUCKET_CNT; i++) {
        if (is_empty(th[i])) {
            if (th[i] == EMPTY_REST)
                break;
            continue;
        }
        gomap_str k = load_str(key_slot(t, b.b, i));
        if (k.len != key.len)
            continue;
        if (k.ptr == key.ptr) {
            out->r = b;
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
        gomap_str k = load_str(key_slot(t, b.b, maybe));
        if (memcmp(k.ptr, key.ptr, key.len) == 0) {
            out->r = b;
            out->i = maybe;
            return 1;
        }
    }
    return 0;
}

/* Lookup without the concurrent-write check (mapaccessK); the map is not
 * empty. */
HOT_INLINE bool lookup_cell(const gomap *m, int K, int S, const void *key, cellref *out)
{
    const maptype *t = shape_layout(m, S);
    if (is_fixed(K) && m->B == 0) {
        /* One bucket, never growing: compare raw keys, no hash. */
        bref b = main_bucket(t, m->buckets, 0);
        for (size_t i = 0; i < BUCKET_CNT; i++) {
            if (is_empty(b.th[i])) {
                if (b.th[i] == EMPTY_REST)
                    break;
                continue;
            }
            if (fixed_equal(K, key_slot(t, b.b, i), key)) {
                out->r = b;
                out->i = i;
                return true;
            }
        }
        return false;
    }
    if (is_str_kind(K) && m->B == 0) {
        int r = find_str_single(m, S, main_bucket(t, m->buckets, 0), load_str(key), out);
        if (r >= 0)
            return r == 1;
    }
    uint64_t hash = key_hash(m, K, key);
    bref b = lookup_chain(m, S, hash);
    prefetch_body(b);
    return find_in_chain(m, K, S, b, tophash(hash), key, out);
}

HOT_INLINE void *get_impl(const gomap *m, int K, int S, const void *key)
{
    if (m == NULL || m->count == 0)
        return NULL;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map read and map write");
    cellref c;
    if (!lookup_cell(m, K, S, key, &c))
        return NULL;
    return cell_elem(shape_layout(m, S), c.r.b, c.i);
}

/* The end of a write: the writing flag must still be set (else another
 * writer ran at the same time), and is cleared. */
HOT_INLINE void end_write(gomap *m)
{
    uint8_t f = flags_load(m);
    if (UNLIKELY(!(f & FLAG_WRITING)))
        throw_fatal("concurrent map writes");
    flags_store(m, (uint8_t)(f & ~FLAG_WRITING));
}

/* ---- Assign ------------------------------------------------------------------ */

/* memset(p, 0, n) without a call for the common small elem sizes. */
HOT_INLINE void zero_slot(void *p, size_t n)
{
    static const uint64_t zero[4];
    switch (n) {
    case 0: return;
    case 4: memcpy(p, zero, 4); return;
    case 8: memcpy(p, zero, 8); return;
    case 16: memcpy(p, zero, 16); return;
    default:
        /* Up to 64 bytes: two stores of 32 that may overlap. */
        if (n >= 32 && n <= 64) {
            memcpy(p, zero, 32);
            memcpy((unsigned char *)p + n - 32, zero, 32);
        } else {
            memset(p, 0, n);
        }
    }
}

HOT_INLINE void store_new_key(const maptype *t, int K, bmap *b, size_t i, const void *key,
                              void *kblk)
{
    unsigned char *slot = key_slot(t, b, i);
    if (is_fixed(K))
        memcpy(slot, key, fixed_size(K));
    else if (K == KIND_STR)
        memcpy(slot, key, sizeof(gomap_str));
    else if (K == KIND_STR_OWNED) {
        gomap_str s = load_str(key);
        s.ptr = kblk; /* the map's copy (str_copy) */
        memcpy(slot, &s, sizeof s);
    } else if (K == KIND_GENERIC && t->indirect_key) {
        memcpy(kblk, key, t->user.key_size);
        store_ptr(slot, kblk);
    } else
        memcpy(slot, key, t->keysize);
    if (t->elem_zeroed_on_insert)
        zero_slot(elem_slot(t, b, i), t->elemsize);
}

/* A stored key that an equal key is about to overwrite: dropped, unless
 * its bytes are the new ones (then nothing is replaced). */
COLD_INLINE void drop_replaced_key(const maptype *t, void *stored, const void *key)
{
    if (memcmp(stored, key, t->user.key_size) != 0)
        t->user.key_drop(stored);
}

/* Overwrite the stored key with an equal one where the type asks for it
 * (+0/-0, a string with another backing array). An owned string keeps the
 * map's copy. full_path: the caller is the full path, the only one that
 * runs for a map with a key_drop (its fast_below is 0), so the short paths
 * do not test for one. */
HOT_INLINE void update_key(const maptype *t, int K, bmap *b, size_t i, const void *key,
                           bool full_path)
{
    if (is_fixed(K) || K == KIND_STR_OWNED)
        return;
    if (K == KIND_STR) {
        if (full_path && UNLIKELY(t->discard & DISCARD_KEY_DROP))
            drop_replaced_key(t, key_slot(t, b, i), key);
        memcpy(key_slot(t, b, i), key, sizeof(gomap_str));
        return;
    }
    if (t->need_key_update) {
        void *stored = cell_key(t, b, i);
        if (full_path && UNLIKELY(t->discard & DISCARD_KEY_DROP))
            drop_replaced_key(t, stored, key);
        memcpy(stored, key, t->user.key_size);
    }
}

/* The storage a new key needs before the insert changes anything: an
 * indirect key's block or an owned string's copy. False with ENOMEM. */
HOT_INLINE bool new_key_block(gomap *m, int K, const void *key, void **kblk)
{
    const maptype *t = &m->t;
    if (K == KIND_GENERIC && t->indirect_key)
        return (*kblk = indirect_alloc(m, t->key_block, false)) != NULL;
    if (K == KIND_STR_OWNED)
        return (*kblk = str_copy(m, load_str(key))) != NULL;
    return true;
}

/* Insert into a map that has no bucket yet (B == 0, count == 0). */
static NOINLINE void *assign_first(gomap *m, int K, const void *key, uint64_t hash)
{
    const maptype *t = &m->t;
    void *kblk = NULL, *eblk = NULL;
    if (!new_key_block(m, K, key, &kblk))
        return NULL;
    if (t->indirect_elem && (eblk = indirect_alloc(m, t->elem_block, true)) == NULL) {
        if (kblk)
            indirect_release(m, kblk);
        return NULL;
    }
    unsigned char *sb, *se;
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
    update_fast_below(m);
    bref b = main_bucket(t, arr, 0);
    store_new_key(t, K, b.b, 0, key, kblk);
    if (eblk)
        store_ptr(elem_slot(t, b.b, 0), eblk);
    b.th[0] = tophash(hash);
    m->count++;
    return cell_elem(t, b.b, 0);
}

HOT_INLINE void *assign_locked(gomap *m, int K, int S, const void *key, uint64_t hash)
{
    const maptype *t = shape_layout(m, S);
    if (UNLIKELY(m->buckets == NULL))
        return assign_first(m, K, key, hash);
    if (UNLIKELY(is_growing(m))) {
        /* Evacuate the chain this write lands in (and one more), keeping
         * one overflow bucket for the insert; failing here changes nothing. */
        if (!grow_work(m, hash, 1, true))
            return NULL;
    }
    uint8_t top = tophash(hash);
    void *kblk = NULL, *eblk = NULL;
    bool blocks_ready = false;
again:;
    bref b = main_bucket(t, m->buckets, hash & m->mask);
    prefetch_keys(t, b, 1);
    bref ins = {NULL, NULL};
    size_t ins_i = 0;
    uint64_t ins_w = 0; /* the tophash word of ins */
    for (;;) {
        uint64_t w = tophash_word(b.th);
        for (uint64_t c = match_top(w, top); c != 0; c &= c - 1) {
            size_t i = match_index(c);
            if (b.th[i] != top || !key_matches(m, K, S, b.b, i, key))
                continue;
            if (blocks_ready) { /* cannot happen: the key was absent */
                if (kblk)
                    indirect_release(m, kblk);
                if (eblk)
                    indirect_release(m, eblk);
            }
            update_key(t, K, b.b, i, key, true);
            return cell_elem(t, b.b, i);
        }
        uint64_t e = match_empty(w);
        if (ins.b == NULL && e != 0) {
            ins = b;
            ins_i = match_index(e);
            ins_w = w;
        }
        if (chain_ends(w)) /* emptyRest: the key is absent */
            break;
        bmap *o = overflow_of(t, b.b);
        if (o == NULL)
            break;
        b = ovf_bucket(t, o);
    }
    if (!blocks_ready) {
        if (!new_key_block(m, K, key, &kblk))
            return NULL;
        if (t->indirect_elem && (eblk = indirect_alloc(m, t->elem_block, true)) == NULL) {
            if (kblk)
                indirect_release(m, kblk);
            return NULL;
        }
        blocks_ready = true;
    }
    if (UNLIKELY(m->count >= m->grow_at)) {
        if (!start_growth(m, hash))
            goto fail;
        goto again; /* everything moved; search the new chain */
    }
    if (ins.b == NULL) {
        /* b is the last bucket of a chain with no free cell. */
        if (ovf_available(m) == 0 && !reserve_fill(m, 1))
            goto fail;
        ins = new_overflow(m, b.b);
        ins_i = 0;
        ins_w = 0; /* cleared */
    }
    store_new_key(t, K, ins.b, ins_i, key, kblk);
    if (eblk)
        store_ptr(elem_slot(t, ins.b, ins_i), eblk);
    tophash_set(ins.th, ins_w, ins_i, top);
    m->count++;
    return cell_elem(t, ins.b, ins_i);
fail:
    if (kblk)
        indirect_release(m, kblk);
    if (eblk)
        indirect_release(m, eblk);
    errno = ENOMEM;
    return NULL;
}

HOT_INLINE void *assign_impl(gomap *m, int K, int S, const void *key)
{
    if (UNLIKELY(m == NULL))
        throw_panic("assignment to entry in nil map");
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    uint64_t hash = key_hash(m, K, key);
    /* Toggled, not set: two racing writers are likely to cancel out and
     * then trip the check below. */
    flags_store(m, (uint8_t)(flags_load(m) ^ FLAG_WRITING));
    void *elem = assign_locked(m, K, S, key, hash);
    end_write(m);
    return elem;
}

/* ---- Delete ------------------------------------------------------------------- */

/* Empties cell i of b: its drop functions and owned bytes (less the parts
 * in keep, handed to a gomap_take caller), indirect storage, pointers. */
/* clear_cell's work besides the key slot (maptype.cell_cleanup), out of
 * line: most maps have none. */
COLD_INLINE void clear_cell_cleanup(gomap *m, bmap *b, size_t i, unsigned keep)
{
    const maptype *t = &m->t;
    unsigned char *es = elem_slot(t, b, i);
    if (t->discard != 0)
        discard_cell(m, b, i, keep);
    if (t->indirect_elem) {
        indirect_release(m, load_ptr(es));
        store_ptr(es, NULL);
    } else if (!t->elem_zeroed_on_insert) {
        zero_slot(es, t->elemsize); /* drop the pointers it holds */
    }
}

HOT_INLINE void clear_cell(gomap *m, int K, int S, bmap *b, size_t i, unsigned keep)
{
    const maptype *t = shape_layout(m, S);
    unsigned char *ks = key_slot(t, b, i);
    /* First: drop functions read the key. */
    if (UNLIKELY(t->cell_cleanup))
        clear_cell_cleanup(m, b, i, keep);
    if (K == KIND_GENERIC && t->indirect_key) { /* only generic keys can be indirect */
        indirect_release(m, load_ptr(ks));
        store_ptr(ks, NULL);
    } else if (is_str_kind(K)) {
        store_ptr(ks, NULL); /* drop the data pointer, keep the length (Go) */
    } else if (t->user.flags & GOMAP_KEY_POINTERS) {
        memset(ks, 0, t->keysize);
    }
}

/* b0 is the chain's main bucket; cell i of b was just emptied. Turn the run
 * of emptyOne cells that now ends the chain into emptyRest. */
COLD_INLINE void mark_empty_rest(const maptype *t, bref b0, bref b, size_t i)
{
    if (i == BUCKET_CNT - 1) {
        bmap *o = overflow_of(t, b.b);
        if (o != NULL && ovf_bucket(t, o).th[0] != EMPTY_REST)
            return;
    } else if (b.th[i + 1] != EMPTY_REST) {
        return;
    }
    for (;;) {
        b.th[i] = EMPTY_REST;
        if (i == 0) {
            if (b.b == b0.b)
                return;
            bref c = b0;
            while (overflow_of(t, c.b) != b.b)
                c = next_bucket(t, c);
            b = c;
            i = BUCKET_CNT - 1;
        } else {
            i--;
        }
        if (b.th[i] != EMPTY_ONE)
            return;
    }
}

/* The tophash word w of a bucket after cell i (below 7) of it is emptied
 * and marked, as far as this bucket goes: see mark_deleted. */
HOT_INLINE uint64_t deleted_mark_word(uint64_t w, size_t i)
{
    uint64_t one = UINT64_C(1) << (8 * i); /* bit 0 of byte i */
    /* The cell becomes emptyOne. Then, when no byte above it is set (every
     * cell above is emptyRest), it and the emptyOne run below it up to the
     * highest full cell turn into emptyRest: only the bytes through that
     * cell are kept. A full cell is a byte with a bit other than bit 0 set,
     * so one mask does both: it runs through the highest full byte, or
     * through the highest byte above i that is set at all. */
    w = (w & ~(UINT64_C(0xff) << (8 * i))) | one;
    uint64_t above = w & ((uint64_t)0 - (one << 8));
    return w & bits_through_highest((w & ~BYTES_LSB) | above);
}

/* Cell i of b (in the chain starting at b0) was just emptied: mark it
 * emptyOne, or, when nothing full follows it in the chain, turn it and the
 * emptyOne run ending at it into emptyRest. Within the bucket this is done
 * on the tophash word without branching on its bytes: which cell a delete
 * hits is random, and walking the run byte by byte mispredicted. Only
 * cell 7 and a run reaching back into an earlier bucket take
 * mark_empty_rest. */
HOT_INLINE void mark_deleted(const maptype *t, bref b0, bref b, size_t i)
{
    if (UNLIKELY(i == BUCKET_CNT - 1)) {
        b.th[i] = EMPTY_ONE;
        mark_empty_rest(t, b0, b, i);
        return;
    }
    uint64_t marked = deleted_mark_word(tophash_word(b.th), i);
    tophash_store(b.th, marked);
    /* Tested first: an overflow bucket, rarely the case (branching on
     * rest itself would mispredict). A bucket now all emptyRest continues
     * the run in the previous one. */
    if (UNLIKELY(b.b != b0.b) && marked == 0)
        mark_empty_rest(t, b0, b, 0);
}

/* One entry fewer. An emptied map gets a fresh seed, which defeats
 * repeated collision attacks. */
HOT_INLINE void count_removed(gomap *m)
{
    if (--m->count == 0)
        set_seed(m, map_rand(m));
}

/* Where gomap_take copies the entry it removes (NULL parts are discarded). */
typedef struct take_out {
    void *key, *elem;
} take_out;

/* Remove key from the chain starting at b0, if there, copying it out to
 * *out first unless out is NULL; the map is marked as being written. */
HOT_INLINE bool delete_in_chain(gomap *m, int K, int S, bref b0, uint64_t hash, const void *key,
                                const take_out *out)
{
    const maptype *t = shape_layout(m, S);
    /* For writing only if a delete writes the body (a string key's data
     * pointer, pointers to clear): otherwise the line is only read, and a
     * prefetch for writing costs more (u64 deletes 7% faster at 10^6). */
    prefetch_keys(t, b0, t->delete_writes_body);
    cellref c;
    if (!find_in_chain(m, K, S, b0, tophash(hash), key, &c))
        return false;
    unsigned keep = out != NULL ? take_cell(m, c.r.b, c.i, out->key, out->elem) : 0;
    clear_cell(m, K, S, c.r.b, c.i, keep);
    mark_deleted(t, b0, c.r, c.i);
    count_removed(m);
    return true;
}

HOT_INLINE bool remove_impl(gomap *m, int K, int S, const void *key, const take_out *out)
{
    if (m == NULL || m->count == 0)
        return false;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    uint64_t hash = key_hash(m, K, key);
    flags_store(m, (uint8_t)(flags_load(m) ^ FLAG_WRITING));
    /* Delete never fails: if growWork cannot get the overflow buckets it
     * needs, the key is removed from its old chain in place. */
    if (UNLIKELY(is_growing(m))) {
        int saved = errno;
        grow_work(m, hash, 0, true);
        errno = saved;
    }
    bool found = delete_in_chain(m, K, S, lookup_chain(m, S, hash), hash, key, out);
    if (found && UNLIKELY(m->opt_flags & GOMAP_AUTO_SHRINK))
        shrink_after_delete(m);
    end_write(m);
    return found;
}

HOT_INLINE bool delete_impl(gomap *m, int K, int S, const void *key)
{
    return remove_impl(m, K, S, key, NULL);
}

/* ---- The common case, kept small ---------------------------------------------
 * For the shapes the fast paths know, when the map has buckets, is not
 * growing and has no step due: kept to that, an access needs few live
 * registers. Each returns false ("undecided") before changing anything
 * when the map is in another state (or an insert needs a new overflow
 * bucket, or a delete's key may be further down its chain), and the
 * caller then runs the full path above. */

HOT_INLINE bool get_fast(const gomap *m, int K, int S, const void *key, void **out)
{
    const maptype *t = shape_layout(m, S);
    /* B == 0: the full path finds the key without hashing. An empty map
     * with buckets is searched as any other: its chains end at once. */
    if (UNLIKELY(m->read_shape != S))
        return false;
    if (UNLIKELY(flags_load(m) & FLAG_WRITING))
        throw_fatal("concurrent map read and map write");
    uint64_t hash = key_hash(m, K, key);
    bref b = main_bucket(t, m->buckets, hash & m->mask);
    prefetch_body(b);
    cellref c;
    *out = find_in_chain(m, K, S, b, tophash(hash), key, &c) ? cell_elem(t, c.r.b, c.i) : NULL;
    return true;
}

/* assign_fast's results besides "done": nothing was done, or the key
 * needs more than its main bucket. In the last case the map is already
 * marked as being written and the hash is returned: assign_finish does the
 * rest. */
enum { FAST_DONE, FAST_UNDECIDED, FAST_HASHED };

HOT_INLINE int assign_fast(gomap *m, int K, int S, const void *key, void **out, uint64_t *hash_out)
{
    const maptype *t = shape_layout(m, S);
    uint8_t f = flags_load(m);
    if (UNLIKELY(f & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    if (UNLIKELY(m->count >= m->fast_below))
        return FAST_UNDECIDED;
    uint64_t hash = key_hash(m, K, key);
    flags_store(m, (uint8_t)(f ^ FLAG_WRITING));
    uint8_t top = tophash(hash);
    bref b = main_bucket(t, m->buckets, hash & m->mask);
    /* A map of fewer than 64 buckets (9 KiB of u64 bodies) stays in any
     * cache while it is filled: requesting its lines only adds work. */
    if (m->mask >= 64)
        prefetch_keys(t, b, 1);
    uint64_t w = tophash_word(b.th);
    size_t i;
    for (uint64_t c = match_top(w, top); c != 0; c &= c - 1) {
        i = match_index(c);
        if (key_matches(m, K, S, b.b, i, key)) {
            update_key(t, K, b.b, i, key, false);
            goto done;
        }
    }
    if (UNLIKELY(!chain_ends(w))) { /* the chain goes on */
        *hash_out = hash;
        return FAST_HASHED;
    }
    /* The key is new, and the first empty cell of its chain is in this
     * bucket (at the latest, the emptyRest one). */
    i = match_index(match_empty(w));
    store_new_key(t, K, b.b, i, key, NULL);
    tophash_set(b.th, w, i, top);
    m->count++;
done:
    end_write(m);
    *out = cell_elem(t, b.b, i);
    return FAST_DONE;
}

/* An assign in the state assign_fast needs, whose chain is longer than
 * its main bucket: small maps often have chains of two buckets, which are
 * searched here, and a new key whose chain is one full bucket gets a spare
 * overflow bucket. Returns false, having changed nothing, for the rest. */
HOT_INLINE bool assign_short_chain(gomap *m, int K, int S, const void *key, uint64_t hash,
                                   void **out)
{
    const maptype *t = shape_layout(m, S);
    uint8_t top = tophash(hash);
    bref b = main_bucket(t, m->buckets, hash & m->mask);
    uint64_t w = tophash_word(b.th);
    uint64_t e = match_empty(w); /* the insert takes the chain's first empty cell */
    uint64_t wi = w;             /* the tophash word of the bucket it goes into */
    bmap *o = overflow_of(t, b.b);
    size_t i;
    if (o == NULL) {
        if (e == 0) {
            if (m->next_spare == m->end_spare)
                return false;
            b = new_overflow(m, b.b);
            wi = 0; /* cleared */
            e = match_empty(wi);
        }
    } else {
        bref ob = ovf_bucket(t, o);
        uint64_t w2 = tophash_word(ob.th);
        for (uint64_t c = match_top(w2, top); c != 0; c &= c - 1) {
            i = match_index(c);
            if (key_matches(m, K, S, ob.b, i, key)) {
                update_key(t, K, ob.b, i, key, false);
                *out = cell_elem(t, ob.b, i);
                return true;
            }
        }
        if (!chain_ends(w2) && overflow_of(t, o) != NULL)
            return false; /* longer still */
        if (e == 0) {
            if ((e = match_empty(w2)) == 0)
                return false; /* full: a new overflow bucket */
            b = ob;
            wi = w2;
        }
    }
    i = match_index(e);
    store_new_key(t, K, b.b, i, key, NULL);
    tophash_set(b.th, wi, i, top);
    m->count++;
    *out = cell_elem(t, b.b, i);
    return true;
}

/* The rest of an assign that assign_fast left FAST_HASHED. */
HOT_INLINE void *assign_finish(gomap *m, int K, int S, const void *key, uint64_t hash)
{
    void *elem;
    if (!assign_short_chain(m, K, S, key, hash, &elem))
        elem = assign_locked(m, K, S, key, hash);
    end_write(m);
    return elem;
}

/* The uncommon ends of a fast delete: cell 7 (its emptyRest run may go on
 * in an overflow bucket) and the map's last key. Out of line, after which
 * nothing of the caller's is live, so the common case keeps no value
 * across a call and saves no registers. */
static NOINLINE void delete_fast_rare(gomap *m, const maptype *t, bref b, size_t i)
{
    mark_deleted(t, b, b, i);
    count_removed(m);
    end_write(m);
}

/* A delete whose key is in its main bucket or absent from a chain of one
 * bucket; any other case is left to the full path. */
HOT_INLINE bool delete_fast(gomap *m, int K, int S, const void *key, bool *out)
{
    const maptype *t = shape_layout(m, S);
    /* One compare of the count leaves to the full path an empty map, a map
     * without buckets or growing, and one where a delete may start a shrink
     * (GOMAP_AUTO_SHRINK): see delete_full_below_of. */
    if (UNLIKELY(m->count < m->delete_full_below))
        return false;
    uint8_t f = flags_load(m);
    if (UNLIKELY(f & FLAG_WRITING))
        throw_fatal("concurrent map writes");
    uint64_t hash = key_hash(m, K, key);
    flags_store(m, (uint8_t)(f ^ FLAG_WRITING));
    bref b = main_bucket(t, m->buckets, hash & m->mask);
    prefetch_keys(t, b, t->delete_writes_body);
    uint64_t w = tophash_word(b.th);
    size_t i;
    for (uint64_t c = match_top(w, tophash(hash)); c != 0; c &= c - 1) {
        i = match_index(c);
        if (key_matches(m, K, S, b.b, i, key))
            goto found;
    }
    if (UNLIKELY(!chain_ends(w)) && overflow_of(t, b.b) != NULL) {
        /* Not in the main bucket, and the chain goes on: nothing was
         * changed, so the write mark is taken back for the full path. */
        flags_store(m, f);
        return false;
    }
    end_write(m);
    *out = false;
    return true;
found:
    clear_cell(m, K, S, b.b, i, 0);
    *out = true;
    if (UNLIKELY((i == BUCKET_CNT - 1) | (m->count == 1))) {
        delete_fast_rare(m, t, b, i);
        return true;
    }
    tophash_store(b.th, deleted_mark_word(w, i));
    m->count--;
    end_write(m);
    return true;
}

#endif /* GOMAP_ACCESS_H */
