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
 * Overflow buckets come from the spare region at the tail of the bucket
 * array (Go's preallocated overflow buckets) or are allocated one by one.
 * A write that may need some (evacuation, a full chain) first makes sure
 * enough are at hand, topping up a small per-map `reserve`, so that once it
 * starts changing the map it never has to allocate and cannot fail halfway.
 */
#include "internal.h"

#include <errno.h>

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

/* ---- Retirement ------------------------------------------------------------ */

static void retire_block(gomap *m, block_hdr *h)
{
    block_hdr *head = atomic_load_explicit(&m->retired, memory_order_relaxed);
    do {
        h->next = head;
    } while (!atomic_compare_exchange_weak_explicit(&m->retired, &head, h, memory_order_release,
                                                    memory_order_relaxed));
}

void free_retired(gomap *m)
{
    block_hdr *h = atomic_exchange_explicit(&m->retired, NULL, memory_order_acq_rel);
    while (h != NULL) {
        block_hdr *next = h->next;
        mem_free(m, h, h->size);
        h = next;
    }
}

static void release_block(gomap *m, block_hdr *h)
{
    if (h->size & BLOCK_EMBEDDED)
        return; /* part of the header's allocation */
    if (iterators_live(m))
        retire_block(m, h);
    else
        mem_free(m, h, h->size);
}

/* ---- Bucket arrays ---------------------------------------------------------- */

size_t array_spares(uint8_t B)
{
    /* Go preallocates 2^(B-4) overflow buckets once B >= 4. A few more for
     * small arrays spare them separate allocations: a map of about a
     * hundred keys then lives in one block. */
    size_t go = B >= 4 ? (size_t)1 << (B - 4) : 0;
    size_t extra = B == 0 ? 0 : B < 4 ? (size_t)1 << (B - 1) : 6;
    return go + extra;
}

size_t array_tops_size(const maptype *t, size_t nb)
{
    size_t n = nb * t->top_off;
    return (n + GOMAP_MAX_ALIGN - 1) / GOMAP_MAX_ALIGN * GOMAP_MAX_ALIGN;
}

block_hdr *array_hdr(const maptype *t, bmap *arr, size_t nb)
{
    return (block_hdr *)(void *)(arr - array_tops_size(t, nb) - HDR_SIZE);
}

size_t array_block_size(const maptype *t, uint8_t B)
{
    if (B >= sizeof(size_t) * 8 - 5)
        return 0;
    size_t base = (size_t)1 << B;
    size_t n = base + array_spares(B);
    if (n > (SIZE_MAX / 4 - HDR_SIZE) / (t->bucketsize + GOMAP_MAX_ALIGN))
        return 0;
    return HDR_SIZE + array_tops_size(t, base) + base * t->bodysize +
           array_spares(B) * t->bucketsize;
}

bmap *array_init(const maptype *t, void *block, size_t size, uint8_t B, bool embedded,
                 unsigned char **spare_begin, unsigned char **spare_end)
{
    size_t base = (size_t)1 << B;
    block_hdr *h = block;
    h->next = NULL;
    h->size = size | (embedded ? BLOCK_EMBEDDED : 0);
    bmap *arr = (bmap *)h + HDR_SIZE + array_tops_size(t, base);
    *spare_begin = arr + base * t->bodysize;
    *spare_end = (unsigned char *)h + size;
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
    block_hdr *h = mem_alloc(m, size, GOMAP_ALLOC_ZERO | t->bucket_alloc_flags);
    if (h == NULL)
        return NULL;
    return array_init(t, h, size, B, false, spare_begin, spare_end);
}

bool array_contains(const maptype *t, bmap *arr, size_t nb, bmap *b)
{
    block_hdr *h = array_hdr(t, arr, nb);
    uintptr_t lo = (uintptr_t)arr, hi = (uintptr_t)h + block_size(h), p = (uintptr_t)b;
    return p >= lo && p < hi;
}

void array_release(gomap *m, bmap *arr, size_t nb)
{
    release_block(m, array_hdr(&m->t, arr, nb));
}

/* ---- Overflow buckets and the reserve --------------------------------------- */

/* An individually allocated overflow bucket: block_hdr, tophash, body. */
static block_hdr *ovf_hdr(const maptype *t, bmap *body)
{
    return (block_hdr *)(void *)(body - t->top_off - HDR_SIZE);
}

static bmap *ovf_body(const maptype *t, block_hdr *h)
{
    return (bmap *)h + HDR_SIZE + t->top_off;
}

static bmap *ovf_alloc(gomap *m)
{
    size_t size = HDR_SIZE + m->t.bucketsize;
    block_hdr *h = mem_alloc(m, size, GOMAP_ALLOC_ZERO | m->t.bucket_alloc_flags);
    if (h == NULL)
        return NULL;
    h->next = NULL;
    h->size = size;
    return ovf_body(&m->t, h);
}

void ovf_release(gomap *m, bmap *b)
{
    release_block(m, ovf_hdr(&m->t, b));
}

static size_t spares_left(const gomap *m)
{
    return m->next_spare == NULL ? 0 : (size_t)(m->end_spare - m->next_spare) / m->t.bucketsize;
}

size_t ovf_available(const gomap *m)
{
    return spares_left(m) + m->nreserve;
}

static void reserve_undo(gomap *m, size_t added)
{
    while (added-- > 0) {
        block_hdr *h = m->reserve;
        m->reserve = h->next;
        m->nreserve--;
        mem_free(m, h, h->size);
    }
}

bool reserve_fill(gomap *m, size_t want)
{
    size_t added = 0;
    while (m->nreserve < want) {
        bmap *b = ovf_alloc(m);
        if (b == NULL) {
            reserve_undo(m, added);
            errno = ENOMEM;
            return false;
        }
        block_hdr *h = ovf_hdr(&m->t, b);
        h->next = m->reserve;
        m->reserve = h;
        m->nreserve++;
        added++;
    }
    return true;
}

bool reserve_ensure(gomap *m, size_t n)
{
    size_t spares = spares_left(m);
    return n <= spares || reserve_fill(m, n - spares);
}

bmap *reserve_take(gomap *m)
{
    block_hdr *h = m->reserve;
    if (h == NULL)
        return NULL;
    m->reserve = h->next;
    m->nreserve--;
    h->next = NULL;
    return ovf_body(&m->t, h);
}

void reserve_free_all(gomap *m)
{
    reserve_undo(m, m->nreserve);
}

/* ---- Indirect keys and elems -------------------------------------------------- */

void *indirect_alloc(gomap *m, size_t block, bool zero)
{
    unsigned flags = zero ? GOMAP_ALLOC_ZERO : 0;
    block_hdr *h = mem_alloc(m, block, flags);
    if (h == NULL)
        return NULL;
    h->next = NULL;
    h->size = block;
    return (unsigned char *)h + HDR_SIZE;
}

void indirect_release(gomap *m, void *payload)
{
    release_block(m, (block_hdr *)(void *)((unsigned char *)payload - HDR_SIZE));
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
