/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memory.c - every byte the map owns, and the bookkeeping that stands in for
 * Go's garbage collector.
 *
 * Go frees an old bucket array, a detached overflow bucket or a deleted
 * indirect key when the GC finds nothing referring to it; an iterator that
 * is still walking it keeps it alive. C has no GC, so the map counts its
 * live iterators: memory that only an iterator could still read is queued on
 * the map's `retired` list (through the block header every such block
 * carries, so queueing never allocates) and freed when the last iterator
 * ends. With no iterator live it is freed at once.
 *
 * Every block comes from the map's allocator through mem_alloc/mem_free,
 * the same way whichever allocator that is; what the OS can do for large
 * blocks is the default allocator's business (os_pages.c).
 *
 * Overflow buckets come from the spare region at the tail of the bucket
 * array (Go's preallocated overflow buckets), owned by the array and
 * released with it, or are allocated one by one, each its own block,
 * released when its chain is (evacuated, cleared, freed). A write that may
 * need some (evacuation, a full chain) first makes sure enough are at hand,
 * topping up a small per-map `reserve`, so that once it starts changing the
 * map it never has to allocate and cannot fail halfway.
 */
#include "internal.h"

#include <errno.h>

/* Arrays from this size are asked for zero-filled even when their type would
 * let them be laid out in unzeroed memory (array_lazy_zero): allocators hand
 * out blocks this large as fresh pages, which are zero already, whereas
 * laying out the links would touch every page of the array at once. */
#define ZEROED_ARRAY_MIN (1u << 20)

void *mem_alloc(gomap *m, size_t size, unsigned flags)
{
    void *p = m->alloc.alloc(m->alloc.ctx, size, flags);
    if (p == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    atomic_fetch_add_explicit(&m->bytes, size, memory_order_relaxed);
    return p;
}

void mem_free(gomap *m, void *p, size_t size)
{
    atomic_fetch_sub_explicit(&m->bytes, size, memory_order_relaxed);
    m->alloc.free(m->alloc.ctx, p, size);
}

/* Bucket arrays and overflow buckets: with a keep table (scan.c), NOSCAN
 * blocks are recorded in it while allocated. */
HOT_INLINE void *mem_alloc_kept(gomap *m, size_t size, unsigned flags)
{
    void *p = mem_alloc(m, size, flags);
    if (UNLIKELY(m->keep_on) && p != NULL && !keep_add(m, p)) {
        mem_free(m, p, size);
        return NULL;
    }
    return p;
}

HOT_INLINE void mem_free_kept(gomap *m, void *p, size_t size)
{
    if (UNLIKELY(m->keep_on))
        keep_remove(m, p);
    mem_free(m, p, size);
}

static void ovf_free(gomap *m, block_hdr *h)
{
    mem_free_kept(m, h, ovf_block_size(&m->t));
}

/* ---- Retirement ------------------------------------------------------------ */

/* Queues h on the retired list through its first word (its link), as an
 * entry tagged when it is an overflow bucket (see retired_entry). */
static void retire_block(gomap *m, block_hdr *h, bool ovf)
{
    if (m->keep_on)
        keep_retire(m, h);
    block_hdr *entry = (block_hdr *)(void *)((uintptr_t)h | (uintptr_t)ovf);
    block_hdr *head = atomic_load_explicit(&m->retired, memory_order_relaxed);
    do {
        h->next = head;
    } while (!atomic_compare_exchange_weak_explicit(&m->retired, &head, entry, memory_order_release,
                                                    memory_order_relaxed));
}

void free_retired(gomap *m)
{
    /* Usually nothing is retired: a load is much cheaper than the exchange. */
    block_hdr *e = atomic_load_explicit(&m->retired, memory_order_acquire);
    if (e != NULL)
        e = atomic_exchange_explicit(&m->retired, NULL, memory_order_acq_rel);
    while (e != NULL) {
        bool ovf;
        block_hdr *h = retired_entry(e, &ovf);
        e = h->next;
        if (ovf)
            ovf_free(m, h);
        else
            block_free(m, h);
    }
    if (m->keep_on)
        keep_retired_free(m);
}

/* Frees a block now, or retires it while iterators are live. */
static void release_block(gomap *m, block_hdr *h)
{
    if (h->size & BLOCK_EMBEDDED) {
        /* Part of the header's allocation, so it stays: drop the copies
         * evacuation left in it, which a collector would otherwise keep
         * tracing (Go clears evacuated buckets too), unless an iterator may
         * still read them. */
        if (!iterators_live(m))
            memset((unsigned char *)h + HDR_SIZE, 0, block_size(h) - HDR_SIZE);
        return;
    }
    if (iterators_live(m))
        retire_block(m, h, false);
    else
        block_free(m, h);
}

void block_free(gomap *m, block_hdr *h)
{
    if (!(h->size & BLOCK_EMBEDDED))
        mem_free_kept(m, h, block_size(h));
}

/* ---- Bucket arrays ---------------------------------------------------------- */

size_t array_block_size(const maptype *t, uint8_t B)
{
    if (B >= sizeof(size_t) * 8 - 5)
        return 0;
    size_t base = (size_t)1 << B;
    size_t n = base + array_spares(B);
    /* n * (bucketsize + GOMAP_MAX_ALIGN) <= SIZE_MAX / 4 - HDR_SIZE, without a
     * division: this runs for every map made. */
    size_t bytes;
    if (mul_overflows(n, t->bucketsize + GOMAP_MAX_ALIGN, &bytes) ||
        bytes > SIZE_MAX / 4 - HDR_SIZE)
        return 0;
    return HDR_SIZE + array_tops_size(t, base) + base * t->bodysize +
           array_spares(B) * t->bucketsize;
}

bmap *array_init(const maptype *t, void *block, size_t size, uint8_t B, size_t kind_bits,
                 bool zeroed, unsigned char **spare_begin, unsigned char **spare_end)
{
    size_t base = (size_t)1 << B, tops = array_tops_size(t, base);
    block_hdr *h = block;
    h->next = NULL;
    h->size = size | kind_bits | BLOCK_ARRAY;
    bmap *arr = (bmap *)h + HDR_SIZE + tops;
    *spare_begin = arr + base * t->bodysize;
    *spare_end = (unsigned char *)h + size;
    if (!zeroed && !array_lazy_zero(t)) {
        memset(arr - tops, 0, size - HDR_SIZE);
    } else if (!zeroed) { /* only what is read before it is written */
        memset(arr - tops, 0, tops);
        for (bmap *b = arr; b != *spare_begin; b += t->bodysize)
            set_overflow(t, b, NULL);
    }
    return arr;
}

bmap *array_alloc(gomap *m, uint8_t B, unsigned char **spare_begin, unsigned char **spare_end)
{
    const maptype *t = &m->t;
    size_t size = array_block_size(t, B);
    if (size == 0) {
        errno = ENOMEM;
        return NULL;
    }
    bool lazy = array_lazy_zero(t) && size < ZEROED_ARRAY_MIN;
    block_hdr *h = mem_alloc_kept(m, size, (lazy ? 0 : GOMAP_ALLOC_ZERO) | t->bucket_alloc_flags);
    if (h == NULL)
        return NULL;
    return array_init(t, h, size, B, 0, !lazy, spare_begin, spare_end);
}

void array_release(gomap *m, bmap *arr, size_t nb)
{
    release_block(m, array_hdr(&m->t, arr, nb));
}

/* ---- Overflow buckets and the reserve --------------------------------------- */

/* An individually allocated overflow bucket: link, tophash, body (see
 * ovf_link_size). */
static bmap *ovf_body(const maptype *t, block_hdr *h)
{
    return (bmap *)h + ovf_link_size(t) + t->top_off;
}

void ovf_release(gomap *m, bmap *b)
{
    block_hdr *h = ovf_block_of(&m->t, b);
    if (iterators_live(m))
        retire_block(m, h, true);
    else
        ovf_free(m, h);
}

static block_hdr *reserve_pop(gomap *m)
{
    block_hdr *h = m->reserve;
    m->reserve = h->next;
    m->nreserve--;
    return h;
}

bool reserve_fill(gomap *m, size_t want)
{
    for (size_t added = 0; m->nreserve < want; added++) {
        block_hdr *h =
            mem_alloc_kept(m, ovf_block_size(&m->t), GOMAP_ALLOC_ZERO | m->t.bucket_alloc_flags);
        if (h == NULL) {
            while (added-- > 0)
                ovf_free(m, reserve_pop(m));
            errno = ENOMEM;
            return false;
        }
        h->next = m->reserve;
        m->reserve = h;
        m->nreserve++;
    }
    return true;
}

bmap *reserve_take(gomap *m)
{
    if (m->reserve == NULL)
        return NULL;
    block_hdr *h = reserve_pop(m);
    h->next = NULL;
    return ovf_body(&m->t, h);
}

void reserve_free_all(gomap *m)
{
    while (m->reserve != NULL)
        ovf_free(m, reserve_pop(m));
}

/* ---- Indirect keys and elems -------------------------------------------------- */

void *indirect_alloc(gomap *m, size_t block, bool zero)
{
    block_hdr *h = mem_alloc(m, block, zero ? GOMAP_ALLOC_ZERO : 0);
    if (h == NULL)
        return NULL;
    h->next = NULL;
    h->size = block;
    return (unsigned char *)h + HDR_SIZE;
}

/* The block of indirect storage or of an owned string's copy, from the
 * bytes it holds. */
static block_hdr *payload_hdr(const void *payload)
{
    return (block_hdr *)(void *)((unsigned char *)(uintptr_t)payload - HDR_SIZE);
}

void indirect_release(gomap *m, void *payload)
{
    release_block(m, payload_hdr(payload));
}

/* ---- Owned string keys and drop functions ------------------------------------ */

char *str_copy(gomap *m, gomap_str s)
{
    /* Not NOSCAN: the header links the block into the retired list. */
    char *p = indirect_alloc(m, str_block_size(s.len), false);
    if (p == NULL)
        return NULL;
    if (s.len != 0)
        memcpy(p, s.ptr, s.len);
    p[s.len] = '\0';
    return p;
}

void discard_cell(gomap *m, bmap *b, size_t i, unsigned keep)
{
    const maptype *t = &m->t;
    if (!(keep & TAKE_KEY)) {
        void *k = cell_key(t, b, i);
        if (t->user.key_drop != NULL)
            t->user.key_drop(k);
        if (t->discard & DISCARD_OWNED_STR)
            indirect_release(m, (void *)(uintptr_t)load_str(k).ptr);
    }
    if (!(keep & TAKE_ELEM) && t->user.elem_drop != NULL)
        t->user.elem_drop(cell_elem(t, b, i));
}

unsigned take_cell(gomap *m, bmap *b, size_t i, void *key_out, void *elem_out)
{
    const maptype *t = &m->t;
    unsigned taken = 0;
    if (key_out != NULL) {
        memcpy(key_out, cell_key(t, b, i), t->user.key_size);
        taken |= TAKE_KEY;
        /* An owned string's copy leaves the map's accounts with it. */
        if (t->discard & DISCARD_OWNED_STR)
            atomic_fetch_sub_explicit(&m->bytes, block_size(payload_hdr(load_str(key_out).ptr)),
                                      memory_order_relaxed);
    }
    if (elem_out != NULL) {
        memcpy(elem_out, cell_elem(t, b, i), t->user.elem_size);
        taken |= TAKE_ELEM;
    }
    return taken;
}

void gomap_str_free(gomap *m, gomap_str s)
{
    if (m == NULL || m->t.kind != KIND_STR_OWNED) {
        errno = EINVAL;
        return;
    }
    if (s.ptr == NULL)
        return;
    /* Back on the map's accounts, then released as a deleted key's copy
     * is: an iterator may still meet a stale copy of the key. */
    block_hdr *h = payload_hdr(s.ptr);
    atomic_fetch_add_explicit(&m->bytes, block_size(h), memory_order_relaxed);
    release_block(m, h);
}

/* ---- Releasing whole arrays' chains ------------------------------------------ */

void release_chains(gomap *m, bmap *arr, size_t nbuckets, bool skip_evacuated, bool mark_empty)
{
    const maptype *t = &m->t;
    for (size_t j = 0; j < nbuckets; j++) {
        bref b = main_bucket(t, arr, j);
        if (skip_evacuated && evacuated(b)) {
            if (mark_empty)
                memset(b.th, EMPTY_REST, BUCKET_CNT);
            continue;
        }
        for (bref c = b; c.b != NULL;) {
            for (size_t i = 0; i < BUCKET_CNT; i++) {
                if (c.th[i] < MIN_TOPHASH)
                    continue;
                if (t->discard != 0)
                    discard_cell(m, c.b, i, 0);
                if (t->indirect_key)
                    indirect_release(m, load_ptr(key_slot(t, c.b, i)));
                if (t->indirect_elem)
                    indirect_release(m, load_ptr(elem_slot(t, c.b, i)));
            }
            if (mark_empty)
                memset(c.th, EMPTY_REST, BUCKET_CNT);
            bref next = next_bucket(t, c);
            if (c.b != b.b && !array_contains(t, arr, nbuckets, c.b))
                ovf_release(m, c.b);
            c = next;
        }
    }
}
