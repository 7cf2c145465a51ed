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
 * Overflow buckets come from the spare region at the tail of the bucket
 * array (Go's preallocated overflow buckets) or are allocated one by one.
 * A write that may need some (evacuation, a full chain) first makes sure
 * enough are at hand, topping up a small per-map `reserve`, so that once it
 * starts changing the map it never has to allocate and cannot fail halfway.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* mmap's MAP_ANONYMOUS, madvise */
#endif
#include "internal.h"

#include <errno.h>
#include <time.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define HAVE_DIRECT_MAP 1
#endif

/* Arrays from this size are mapped directly when the default allocator is
 * in use. Faulting them in and unmapping them is the background thread's
 * work (worker.c); without it, or with GOMAP_NO_BACKGROUND, the writes do
 * it this many bytes at a time, which keeps each well under a
 * millisecond. */
#define LARGE_ARRAY (1u << 20)
#define MAP_STEP    (1u << 20)

/* ---- A freed small map's block, kept for the thread's next map ------------
 * Programs that make and drop many small maps (one per request, say) would
 * otherwise pay malloc and free for each; Go's allocator keeps such memory
 * in per-thread caches too. One block per thread, of at most
 * CACHED_BLOCK_MAX bytes, freed when the thread exits. */
#if defined(GOMAP_HAVE_PTHREAD)
#include <pthread.h>

#define CACHED_BLOCK_MAX (16u << 10)

struct cached_block {
    void *block;
    size_t size;
    bool registered; /* the exit destructor is set for this thread */
};
static _Thread_local struct cached_block cached_block;
static pthread_key_t cached_block_key;
static pthread_once_t cached_block_once = PTHREAD_ONCE_INIT;
static bool cached_block_key_ok;

static void cached_block_exit(void *arg)
{
    struct cached_block *c = arg;
    free(c->block);
    c->block = NULL;
    /* A map freed by a later destructor of this thread registers again, so
     * the exit rounds free its block too. */
    c->registered = false;
}

static void cached_block_init(void)
{
    cached_block_key_ok = pthread_key_create(&cached_block_key, cached_block_exit) == 0;
}

void *map_block_take(size_t size)
{
    struct cached_block *c = &cached_block;
    if (c->block == NULL || c->size != size)
        return NULL;
    void *p = c->block;
    c->block = NULL;
    return p;
}

bool map_block_keep(void *block, size_t size)
{
    struct cached_block *c = &cached_block;
    if (size > CACHED_BLOCK_MAX)
        return false;
    if (!c->registered) {
        pthread_once(&cached_block_once, cached_block_init);
        if (!cached_block_key_ok || pthread_setspecific(cached_block_key, c) != 0)
            return false;
        c->registered = true;
    }
    free(c->block); /* the newer block is the warmer one */
    c->block = block;
    c->size = size;
    return true;
}
#else
void *map_block_take(size_t size)
{
    (void)size;
    return NULL;
}

bool map_block_keep(void *block, size_t size)
{
    (void)block;
    (void)size;
    return false;
}
#endif

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

/* ---- Retirement ------------------------------------------------------------ */

static void retire_block(gomap *m, block_hdr *h)
{
    if (m->keep_on)
        keep_retire(m, h);
    block_hdr *head = atomic_load_explicit(&m->retired, memory_order_relaxed);
    do {
        h->next = head;
    } while (!atomic_compare_exchange_weak_explicit(&m->retired, &head, h, memory_order_release,
                                                    memory_order_relaxed));
}

void free_retired(gomap *m)
{
    /* Usually nothing is retired: a load is much cheaper than the exchange. */
    block_hdr *h = atomic_load_explicit(&m->retired, memory_order_acquire);
    if (h != NULL)
        h = atomic_exchange_explicit(&m->retired, NULL, memory_order_acq_rel);
    while (h != NULL) {
        block_hdr *next = h->next;
        block_free(m, h);
        h = next;
    }
    if (m->keep_on)
        keep_retired_free(m);
}

void release_block(gomap *m, block_hdr *h)
{
    if ((h->size & (BLOCK_EXT | BLOCK_OVF)) == (BLOCK_EXT | BLOCK_OVF))
        return; /* part of an extension chunk: released with it */
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
        retire_block(m, h);
    else
        block_free(m, h);
}

/* ---- Mapped arrays ----------------------------------------------------------- */

static size_t page_round(size_t n)
{
#ifdef HAVE_DIRECT_MAP
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (n + page - 1) / page * page;
#else
    return n;
#endif
}

block_hdr *map_block(gomap *m, size_t size)
{
#ifdef HAVE_DIRECT_MAP
    void *p =
        mmap(NULL, page_round(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        errno = ENOMEM;
        return NULL;
    }
    atomic_fetch_add_explicit(&m->bytes, page_round(size), memory_order_relaxed);
    return p;
#else
    (void)m;
    (void)size;
    errno = ENOMEM;
    return NULL;
#endif
}

/* Large arrays are mapped on 2 MiB boundaries and advised for transparent
 * huge pages, as Go's heap is, where faulting them in cannot fall on an
 * insert that must stay short: 2 MiB per fault (18 faults for 10^6 u64 keys
 * instead of 9,000), far fewer TLB misses, and unmapping that is ten times
 * faster. That is the array of a large hint, which gomap_new faults in
 * (populate_hinted), and a growth's array that the background thread
 * faults in ahead; the part of the latter the thread has not reached when
 * the growth starts goes back to 4 KiB pages (array_alloc_for_growth),
 * since a huge page fault taken by an insert (0.1 to 10 ms, the longest
 * under a hypervisor backing the page on first touch) would break the
 * growth's latency bound. */
#define HUGE_PAGE (2u << 20)
/* A growth's array gets huge pages from this size. The thread has the
 * inserts from 75% to 100% of the way to the doubling, about 0.6 ms per MiB
 * of the new array at 100 ns an insert, to fault it in; its first huge page
 * fault may take up to about 10 ms (see worker.c), and if the growth starts
 * meanwhile, the map waits for it. From 32 MiB on, that first fault ends
 * long before (a smaller array's growth at a cold start waited 2 to 5 ms). */
#define HUGE_GROWTH_MIN (32u << 20)

static bool want_huge(const gomap *m)
{
    return !(m->opt_flags & GOMAP_NO_HUGE_PAGES);
}

/* *advised: whether the block is 2 MiB-aligned and advised. */
static block_hdr *map_block_huge(gomap *m, size_t size, bool *advised)
{
    *advised = false;
#if defined(HAVE_DIRECT_MAP) && defined(MADV_HUGEPAGE)
    size_t len = page_round(size);
    if (len < HUGE_PAGE || len > SIZE_MAX - HUGE_PAGE)
        return map_block(m, size);
    unsigned char *p =
        mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return map_block(m, size);
    /* Keep the aligned len bytes; give back the slack on either side. */
    size_t head = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
    if (head != 0)
        munmap(p, head);
    if (HUGE_PAGE - head != 0)
        munmap(p + head + len, HUGE_PAGE - head);
    int saved = errno;
    *advised = madvise(p + head, len, MADV_HUGEPAGE) == 0; /* refused is no error */
    errno = saved;
    atomic_fetch_add_explicit(&m->bytes, len, memory_order_relaxed);
    return (block_hdr *)(void *)(p + head);
#else
    (void)advised;
    return map_block(m, size);
#endif
}

/* Back to 4 KiB pages for [p, p + len). */
static void advise_small_pages(void *p, size_t len)
{
#if defined(HAVE_DIRECT_MAP) && defined(MADV_NOHUGEPAGE)
    int saved = errno;
    (void)madvise(p, len, MADV_NOHUGEPAGE);
    errno = saved;
#else
    (void)p;
    (void)len;
#endif
}

static bool use_worker(const gomap *m)
{
    return !(m->opt_flags & GOMAP_NO_BACKGROUND);
}

void unmap_range(gomap *m, void *p, size_t len)
{
#ifdef HAVE_DIRECT_MAP
    atomic_fetch_sub_explicit(&m->bytes, len, memory_order_relaxed);
    if (!use_worker(m) || !worker_unmap(p, len))
        munmap(p, len);
#else
    (void)m;
    (void)p;
    (void)len;
#endif
}

void block_free(gomap *m, block_hdr *h)
{
    if (h->size & BLOCK_EMBEDDED)
        return;
    if (h->size & BLOCK_MAPPED)
        unmap_range(m, h, page_round(block_size(h)));
    else
        mem_free_kept(m, h, block_size(h));
}

static void finish_unmap(gomap *m)
{
    if (m->unmap_len != 0)
        unmap_range(m, m->unmap_base, m->unmap_len);
    m->unmap_base = NULL;
    m->unmap_len = 0;
}

void array_release_spread(gomap *m, bmap *arr, size_t nb)
{
    block_hdr *h = array_hdr(&m->t, arr, nb);
    if (!(h->size & BLOCK_MAPPED) || iterators_live(m)) {
        release_block(m, h);
        return;
    }
    finish_unmap(m);
    if (use_worker(m)) {
        size_t len = page_round(block_size(h));
        atomic_fetch_sub_explicit(&m->bytes, len, memory_order_relaxed);
        if (worker_unmap(h, len))
            return;
        atomic_fetch_add_explicit(&m->bytes, len, memory_order_relaxed);
    }
    m->unmap_base = (unsigned char *)h;
    m->unmap_len = page_round(block_size(h));
    m->pending = true;
    update_fast_below(m);
}

/* Stops the thread's work on the prepared array; returns the offset from
 * which the array is still advised for huge pages but not faulted in. */
static size_t forget_prep_job(gomap *m)
{
    size_t huge_from = SIZE_MAX;
    if (m->prep_job != NULL)
        huge_from = worker_forget(m->prep_job);
    m->prep_job = NULL;
    return huge_from;
}

static void drop_prepared(gomap *m)
{
    forget_prep_job(m);
    if (m->next_arr != NULL)
        unmap_range(m, m->next_arr, m->next_len);
    m->next_arr = NULL;
    m->next_len = m->next_done = m->next_wait = 0;
}

void release_pending(gomap *m)
{
    finish_unmap(m);
    drop_prepared(m);
    m->pending = false;
    update_fast_below(m);
}

/* Doublings that will need a large array get it prepared ahead, so the
 * writes after the growth starts find it resident. The background thread
 * starts at 75% of the way to the growth: faulting in is its own work and
 * needs the time (about a microsecond a page on a loaded machine, several
 * seconds a gigabyte), while the memory is taken no earlier than needed for
 * the sizes a map usually stops at. Without it, the writes from 95% on
 * fault the array in a step at a time. */
void update_prep_at(gomap *m)
{
    m->prep_at = SIZE_MAX;
    if (m->direct_map && m->B < sizeof(size_t) * 8 - 6 && m->B + 1 >= m->t.large_B) {
        size_t grow_at = LOAD_FACTOR_NUM * (bucket_shift(m->B) / LOAD_FACTOR_DEN);
        m->prep_at = use_worker(m) ? grow_at - grow_at / 4 : grow_at - grow_at / 20;
    }
    update_fast_below(m);
}

static void start_prep_array(gomap *m)
{
    m->prep_at = SIZE_MAX;
    if (m->next_arr != NULL || is_growing(m))
        return;
    uint8_t B = (uint8_t)(m->B + 1);
    size_t size = array_block_size(&m->t, B);
    if (size == 0)
        return;
    int saved = errno;
    bool huge = false;
    block_hdr *h = use_worker(m) && want_huge(m) && size >= HUGE_GROWTH_MIN
                       ? map_block_huge(m, size, &huge)
                       : map_block(m, size);
    errno = saved; /* preparing is an optimisation: failing it is no error */
    if (h == NULL)
        return;
    m->next_arr = h;
    m->next_B = B;
    m->next_len = page_round(size);
    m->next_done = 0;
    m->next_wait = 0;
    if (use_worker(m) && (m->prep_job = worker_populate(h, m->next_len, huge)) != NULL) {
        m->next_done = m->next_len; /* nothing for the writes to do */
        return;
    }
    if (huge)
        advise_small_pages(h, m->next_len); /* the writes fault it in, in steps */
    m->pending = true;
}

void start_prep(gomap *m)
{
    start_prep_array(m);
    update_fast_below(m);
}

static void prep_step(gomap *m)
{
    if (m->next_wait > 0) {
        m->next_wait--;
        return;
    }
    size_t step = m->next_len - m->next_done;
    if (step > MAP_STEP)
        step = MAP_STEP;
    unsigned char *p = (unsigned char *)m->next_arr + m->next_done;
#if defined(HAVE_DIRECT_MAP) && defined(MADV_POPULATE_WRITE)
    if (madvise(p, step, MADV_POPULATE_WRITE) != 0)
#endif
    {
        /* Without MADV_POPULATE_WRITE: touch each page (it is zero). */
        size_t page = page_round(1);
        for (size_t off = 0; off < step; off += page)
            ((volatile unsigned char *)p)[off] = 0;
    }
    m->next_done += step;
    /* Spread the remaining steps evenly over the writes left before the
     * growth. */
    size_t grow_at = LOAD_FACTOR_NUM * (bucket_shift(m->B) / LOAD_FACTOR_DEN);
    size_t writes_left = grow_at > m->count ? grow_at - m->count : 1;
    size_t steps_left = (m->next_len - m->next_done + MAP_STEP - 1) / MAP_STEP;
    m->next_wait = steps_left != 0 ? writes_left / (steps_left + 1) : 0;
}

void pending_step(gomap *m)
{
    int saved = errno;
    if (m->unmap_len != 0) {
        size_t step = m->unmap_len < MAP_STEP ? m->unmap_len : MAP_STEP;
        m->unmap_len -= step;
        unmap_range(m, m->unmap_base + m->unmap_len, step);
        if (m->unmap_len == 0)
            m->unmap_base = NULL;
    } else if (m->next_arr != NULL && m->next_done < m->next_len && !is_growing(m)) {
        prep_step(m);
    }
    m->pending =
        m->unmap_len != 0 || (m->next_arr != NULL && m->next_done < m->next_len && !is_growing(m));
    update_fast_below(m);
    errno = saved;
}

bmap *array_alloc_for_growth(gomap *m, uint8_t newB, unsigned char **spare_begin,
                             unsigned char **spare_end)
{
    if (m->next_arr != NULL) {
        if (m->next_B == newB) {
            block_hdr *h = m->next_arr;
            /* If the thread is still faulting it in, it stops now; the
             * growth's writes fault in the rest, with 4 KiB pages. */
            size_t huge_from = forget_prep_job(m);
            if (huge_from < m->next_len)
                advise_small_pages((unsigned char *)h + huge_from, m->next_len - huge_from);
            m->next_arr = NULL;
            m->next_len = m->next_done = m->next_wait = 0;
            return array_init(&m->t, h, array_block_size(&m->t, newB), newB, BLOCK_MAPPED, true,
                              spare_begin, spare_end);
        }
        drop_prepared(m); /* a same-size growth came first */
    }
    return array_alloc(m, newB, spare_begin, spare_end);
}

/* ---- Bucket arrays ---------------------------------------------------------- */

size_t array_spares(uint8_t B)
{
    /* Go preallocates 2^(B-4) overflow buckets once B >= 4. Small arrays
     * get a few more, which spares them separate allocations (a map of
     * about a hundred keys lives in one block); large ones get half as
     * many, since a growth doubles the array long before load 6.5 makes
     * more than 2^(B-5) chains overflow, and unused spares are dead
     * memory. */
    if (B == 0)
        return 0;
    if (B < 4)
        return (size_t)1 << (B - 1);
    if (B <= 5)
        return ((size_t)1 << (B - 4)) + 6;
    return (size_t)1 << (B - 5);
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
    /* n * (bucketsize + GOMAP_MAX_ALIGN) <= SIZE_MAX / 4 - HDR_SIZE, without a
     * division: this runs for every map made. */
    size_t bytes;
    if (mul_overflows(n, t->bucketsize + GOMAP_MAX_ALIGN, &bytes) ||
        bytes > SIZE_MAX / 4 - HDR_SIZE)
        return 0;
    return HDR_SIZE + array_tops_size(t, base) + base * t->bodysize +
           array_spares(B) * t->bucketsize;
}

uint8_t array_large_B(const maptype *t)
{
    unsigned B = 0;
    for (size_t size; B < sizeof(size_t) * 8 - 5; B++)
        if ((size = array_block_size(t, (uint8_t)B)) == 0 || size >= LARGE_ARRAY)
            break;
    return (uint8_t)B;
}

NOINLINE void zero_bytes(void *p, size_t n)
{
    memset(p, 0, n);
}

static void array_zero_links(const maptype *t, bmap *arr, uint8_t B)
{
    size_t base = (size_t)1 << B, tops = array_tops_size(t, base);
    memset(arr - tops, 0, tops);
    size_t step = t->bodysize;
    for (bmap *b = arr, *end = arr + base * step; b != end; b += step)
        set_overflow(t, b, NULL);
}

bmap *array_init(const maptype *t, void *block, size_t size, uint8_t B, size_t kind_bits,
                 bool zeroed, unsigned char **spare_begin, unsigned char **spare_end)
{
    size_t base = (size_t)1 << B;
    block_hdr *h = block;
    h->next = NULL;
    h->size = size | kind_bits | BLOCK_ARRAY;
    bmap *arr = (bmap *)h + HDR_SIZE + array_tops_size(t, base);
    *spare_begin = arr + base * t->bodysize;
    *spare_end = (unsigned char *)h + size;
    if (!zeroed)
        array_zero_links(t, arr, B);
    return arr;
}

#ifdef HAVE_DIRECT_MAP
uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
#endif

/* Faults in the huge pages of a large hint's array [p, p + len), still all
 * zero, before the caller's inserts would, one at a time, each in some
 * insert. Where the first touch of a 2 MiB page is slow (the host backs
 * recently returned memory on first touch: a virtual machine's free huge
 * pages are mostly such), the rest goes back to 4 KiB pages, which the
 * kernel takes from smaller free blocks that are at hand, and the inserts
 * fault them in at a few microseconds each. */
static void populate_hinted(unsigned char *p, size_t len)
{
#if defined(HAVE_DIRECT_MAP) && defined(MADV_NOHUGEPAGE)
    for (size_t off = 0; off + HUGE_PAGE <= len; off += HUGE_PAGE) {
        uint64_t t0 = monotonic_ns();
        ((volatile unsigned char *)p)[off] = 0;
        if (monotonic_ns() - t0 > HUGE_SLOW_NS) {
            advise_small_pages(p + off + HUGE_PAGE, len - off - HUGE_PAGE);
            return;
        }
    }
#else
    (void)p;
    (void)len;
#endif
}

static bmap *array_alloc_paged(gomap *m, uint8_t B, bool huge, unsigned char **spare_begin,
                               unsigned char **spare_end)
{
    const maptype *t = &m->t;
    size_t size = array_block_size(t, B);
    if (size == 0) {
        errno = ENOMEM;
        return NULL;
    }
    if (m->direct_map && size >= LARGE_ARRAY) {
        /* Mapped memory reads as zero without being touched: a growth's
         * new array costs nothing until its pages are used. */
        bool advised = false;
        block_hdr *h = huge ? map_block_huge(m, size, &advised) : map_block(m, size);
        if (h == NULL)
            return NULL;
        if (advised)
            populate_hinted((unsigned char *)h, page_round(size));
        return array_init(t, h, size, B, BLOCK_MAPPED, true, spare_begin, spare_end);
    }
    bool lazy = array_lazy_zero(t);
    block_hdr *h = mem_alloc_kept(m, size, (lazy ? 0 : GOMAP_ALLOC_ZERO) | t->bucket_alloc_flags);
    if (h == NULL)
        return NULL;
    return array_init(t, h, size, B, 0, !lazy, spare_begin, spare_end);
}

bmap *array_alloc(gomap *m, uint8_t B, unsigned char **spare_begin, unsigned char **spare_end)
{
    return array_alloc_paged(m, B, false, spare_begin, spare_end);
}

bmap *array_alloc_hinted(gomap *m, uint8_t B, unsigned char **spare_begin,
                         unsigned char **spare_end)
{
    return array_alloc_paged(m, B, want_huge(m), spare_begin, spare_end);
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
    block_hdr *h = mem_alloc_kept(m, size, GOMAP_ALLOC_ZERO | m->t.bucket_alloc_flags);
    if (h == NULL)
        return NULL;
    h->next = NULL;
    h->size = size | BLOCK_OVF;
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
    return spares_left(m) + ext_room(m) + m->nreserve;
}

static void reserve_undo(gomap *m, size_t added)
{
    while (added-- > 0) {
        block_hdr *h = m->reserve;
        m->reserve = h->next;
        m->nreserve--;
        mem_free_kept(m, h, block_size(h));
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
    size_t avail = spares_left(m) + ext_room(m);
    if (n > avail && m->ext_on) {
        ext_prepare(m); /* no-op if a chunk is ready already */
        avail = spares_left(m) + ext_room(m);
    }
    return n <= avail || reserve_fill(m, n - avail);
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
