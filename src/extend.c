/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * extend.c - overflow extension blocks: overflow buckets beyond the spares
 * of a large (mapped) bucket array.
 *
 * Late in each doubling cycle about a fifth of the chains overflow, far more
 * than an array's 2^(B-5) spare overflow buckets. Allocated one by one, the
 * rest land on fresh heap pages that fault in, and grow the heap, inside the
 * inserts that need them: at 10^7 keys those were most of the inserts slower
 * than 5 us. With the default allocator, a mapped array instead gets its
 * further overflow buckets from chunks (256 KiB to 4 MiB, about 1/64 of the
 * array) that the map maps ahead and the background thread faults in before
 * they are needed, like the next array:
 *  - the first chunk is prepared when three quarters of the spares are
 *    used, each next one when half of the current chunk is;
 *  - buckets are carved from the current chunk in order, each with the
 *    block header an individually allocated one has (tagged BLOCK_EXT), so
 *    the code that walks chains treats both alike, except that releasing
 *    one (evacuation, clear) does nothing: it is never reused;
 *  - the chunks belong to the array they serve: a growth makes them the old
 *    array's, and they are released with it when the growth ends (after the
 *    last iterator, if iterators still pin it), or by clear and free. The
 *    chunk mapped ahead is not yet anyone's, so the new array gets it.
 * Chunks are counted as they are mapped, like arrays (m->bytes; overflow in
 * gomap_stats_detailed, the one mapped ahead included, like the reserve). Without the
 * background thread, or with another allocator, overflow buckets are
 * allocated one by one as before: a chunk would fault in inside the inserts
 * all the same.
 */
#include "internal.h"

#include <errno.h>
#if defined(__linux__)
#include <unistd.h>
#endif

#define EXT_MIN (256u << 10)
#define EXT_MAX (4u << 20)

static size_t ext_stride(const maptype *t)
{
    size_t n = HDR_SIZE + t->bucketsize;
    return (n + GOMAP_MAX_ALIGN - 1) / GOMAP_MAX_ALIGN * GOMAP_MAX_ALIGN;
}

/* Buckets in a chunk of len bytes: a chunk header, then the buckets. */
static size_t chunk_buckets(const maptype *t, size_t len)
{
    return (len - HDR_SIZE) / ext_stride(t);
}

static size_t chunk_len(const gomap *m)
{
    size_t arr = block_size(array_hdr(&m->t, m->buckets, bucket_shift(m->B)));
    size_t len = arr / 64;
    if (len < EXT_MIN)
        len = EXT_MIN;
    if (len > EXT_MAX)
        len = EXT_MAX;
    size_t page = 4096;
#if defined(__linux__)
    long p = sysconf(_SC_PAGESIZE);
    if (p > 0)
        page = (size_t)p;
#endif
    return (len + page - 1) / page * page;
}

size_t ext_room(const gomap *m)
{
    return m->ext_on ? m->ext_avail : 0; /* new_overflow takes none otherwise */
}

void ext_prepare(gomap *m)
{
    if (!m->ext_on || m->ext_ready != NULL)
        return;
    size_t len = chunk_len(m);
    int saved = errno;
    block_hdr *h = map_block(m, len);
    errno = saved;
    if (h == NULL)
        return;
    /* The header is written when the chunk is taken into use, so that
     * preparing touches no page in the writer. */
    m->ext_ready = h;
    m->ext_ready_len = len;
    m->ext_avail += chunk_buckets(&m->t, len);
    m->ext_job = worker_populate_soon(h, len);
}

static void forget_job(gomap *m)
{
    if (m->ext_job != NULL)
        worker_forget(m->ext_job);
    m->ext_job = NULL;
}

static void attach_ready(gomap *m)
{
    forget_job(m); /* the rest, if any, faults in as it is used */
    block_hdr *h = m->ext_ready;
    size_t len = m->ext_ready_len;
    m->ext_ready = NULL;
    m->ext_ready_len = 0;
    h->size = len | BLOCK_MAPPED | BLOCK_EXT;
    h->next = m->ext_cur;
    m->ext_cur = h;
    m->ext_next = (unsigned char *)h + HDR_SIZE;
    m->ext_end = m->ext_next + chunk_buckets(&m->t, len) * ext_stride(&m->t);
}

bmap *ext_take(gomap *m)
{
    const maptype *t = &m->t;
    size_t stride = ext_stride(t);
    if (m->ext_next == m->ext_end) {
        if (m->ext_ready == NULL) {
            /* None was prepared in time (or mapping failed): this bucket
             * comes from the reserve, the next ones from a new chunk. */
            ext_prepare(m);
            return NULL;
        }
        attach_ready(m);
    }
    block_hdr *h = (block_hdr *)(void *)m->ext_next;
    m->ext_next += stride;
    m->ext_avail--;
    h->next = NULL;
    h->size = (HDR_SIZE + t->bucketsize) | BLOCK_OVF | BLOCK_EXT;
    /* Half of this chunk is used: the next one is prepared now, so that the
     * thread has the other half's worth of inserts to fault it in. */
    if (m->ext_ready == NULL &&
        (size_t)(m->ext_end - m->ext_next) / stride < chunk_buckets(t, block_size(m->ext_cur)) / 2)
        ext_prepare(m);
    return (bmap *)h + HDR_SIZE + t->top_off;
}

void ext_new_array(gomap *m)
{
    /* The chunks in use serve the array that is now the old one. (A
     * growth starts only after the previous one ended, which released
     * ext_old; appending keeps any leftover owned all the same.) */
    if (m->ext_cur != NULL) {
        block_hdr *last = m->ext_cur;
        while (last->next != NULL)
            last = last->next;
        last->next = m->ext_old;
        m->ext_old = m->ext_cur;
    }
    m->ext_cur = NULL;
    m->ext_next = m->ext_end = NULL;
    m->ext_avail = m->ext_ready != NULL ? chunk_buckets(&m->t, m->ext_ready_len) : 0;
    m->spare_watch = NULL;
    m->ext_on = false;
    if (!m->direct_map || m->buckets == NULL || (m->opt_flags & GOMAP_NO_BACKGROUND))
        return;
    size_t nb = bucket_shift(m->B);
    if (!(array_hdr(&m->t, m->buckets, nb)->size & BLOCK_MAPPED))
        return;
    m->ext_on = true;
    size_t spares =
        m->next_spare != NULL ? (size_t)(m->end_spare - m->next_spare) / m->t.bucketsize : 0;
    if (spares > 0)
        m->spare_watch = m->next_spare + (spares - spares / 4) * m->t.bucketsize;
}

/* Release a list of chunks (linked through their headers, which a retired
 * block's list reuses: read each link first). */
static void release_list(gomap *m, block_hdr *h)
{
    while (h != NULL) {
        block_hdr *next = h->next;
        h->next = NULL;
        release_block(m, h);
        h = next;
    }
}

void ext_release_old(gomap *m)
{
    block_hdr *h = m->ext_old;
    m->ext_old = NULL;
    release_list(m, h);
}

void ext_release_all(gomap *m, bool drop_ready)
{
    block_hdr *cur = m->ext_cur, *old = m->ext_old;
    m->ext_cur = m->ext_old = NULL;
    m->ext_next = m->ext_end = NULL;
    m->ext_avail = m->ext_ready != NULL ? chunk_buckets(&m->t, m->ext_ready_len) : 0;
    release_list(m, cur);
    release_list(m, old);
    if (drop_ready && m->ext_ready != NULL) {
        forget_job(m);
        unmap_range(m, m->ext_ready, m->ext_ready_len);
        m->ext_ready = NULL;
        m->ext_ready_len = 0;
        m->ext_avail = 0;
    }
}
