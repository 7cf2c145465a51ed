/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * stats_detail.c - the detailed view of a map's memory: bytes by category,
 * chains and probe lengths, the allocator's view, page residency, a bucket
 * walker and a counting allocator (include/gomap/stats.h).
 *
 * Every block the map owns is found by gomap_scan's walk of its structures
 * (scan_blocks: header, arrays, individually allocated overflow buckets,
 * the reserve, indirect keys and elems), so the figures need no
 * bookkeeping on the hot paths. Blocks retired for live iterators are only
 * reachable through a list that an ending iterator may free concurrently;
 * the walk leaves them out and they are counted as the rest of the map's
 * byte total.
 */
#include "errors.h"
#include "internal.h"
#include "os_pages.h"
#include "scan.h"

#include <gomap/stats.h>

#include <errno.h>
#include <stdlib.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define HAVE_MINCORE 1
#endif

/* ---- Detailed statistics ------------------------------------------------------ */

typedef struct detail_acc {
    gomap_stats_detail *out;
    const void *old_array; /* the old array's block, if it has one of its own */
    bool usable;           /* blocks come from the default allocator: os_usable_size applies */
} detail_acc;

static void add_block(void *ctx, unsigned kind, void *p, size_t size, unsigned flags)
{
    (void)flags;
    detail_acc *a = ctx;
    gomap_stats_detail *s = a->out;
    switch (kind) {
    case GOMAP_SCAN_HEADER:
    case GOMAP_SCAN_TABLE: s->bytes_header += size; break;
    case GOMAP_SCAN_ARRAY: *(p == a->old_array ? &s->bytes_old : &s->bytes_buckets) += size; break;
    case GOMAP_SCAN_OVERFLOW: s->bytes_overflow += size; break;
    case GOMAP_SCAN_INDIRECT: s->bytes_indirect += size; break;
    }
    s->alloc_blocks++;
    s->bytes_requested += size;
    s->bytes_reserved += a->usable ? os_usable_size(p, size) : size;
}

/* An embedded array counts as buckets (or old buckets), not as header. */
static size_t embedded_size(const gomap *m, bmap *arr, size_t nb)
{
    if (arr == NULL || m->in_storage)
        return 0;
    block_hdr *h = array_hdr(&m->t, arr, nb);
    return (h->size & BLOCK_EMBEDDED) ? block_size(h) : 0;
}

/* The chain a lookup of a hash selecting bucket j walks. */
static bref chain_for(const gomap *m, size_t j)
{
    const maptype *t = &m->t;
    /* While shrinking, several old chains feed bucket j: the new one is
     * what a lookup of a moved or new key walks. */
    if (is_growing(m) && !is_shrinking(m)) {
        bref ob = main_bucket(t, m->oldbuckets, j & oldbucket_mask(m));
        if (!evacuated(ob))
            return ob;
    }
    return main_bucket(t, m->buckets, j);
}

/* Hits: every entry once, wherever it lives, at its bucket's depth in its
 * chain. ctx: {sum of the probe lengths, entries}. */
static bool add_hits(void *ctx, const gomap_bucket_view *v)
{
    size_t *acc = ctx;
    for (size_t i = 0; i < BUCKET_CNT; i++)
        if (v->tophash[i] >= MIN_TOPHASH) {
            acc[0] += v->depth + 1;
            acc[1]++;
        }
    return true;
}

static void chain_shapes(const gomap *m, gomap_stats_detail *s)
{
    const maptype *t = &m->t;
    size_t nb = bucket_shift(m->B), miss_sum = 0;
    for (size_t j = 0; j < nb; j++) {
        size_t len = 0, miss = 0, live = 0;
        for (bref c = chain_for(m, j); c.b != NULL; c = next_bucket(t, c)) {
            len++;
            if (miss == 0 && bytes_zero(tophash_word(c.th)) != 0)
                miss = len;
            for (size_t i = 0; i < BUCKET_CNT; i++)
                live += c.th[i] >= MIN_TOPHASH;
        }
        miss_sum += miss != 0 ? miss : len;
        s->chain_hist[(len < GOMAP_CHAIN_HIST ? len : GOMAP_CHAIN_HIST) - 1]++;
        if (len > s->max_chain)
            s->max_chain = len;
        s->empty_buckets += live == 0;
    }
    s->avg_probe_miss = (double)miss_sum / (double)nb;

    size_t hits[2] = {0, 0};
    gomap_walk_buckets(m, add_hits, hits);
    s->avg_probe_hit = hits[1] != 0 ? (double)hits[0] / (double)hits[1] : 0;
}

void gomap_stats_detailed(const gomap *m, gomap_stats_detail *out)
{
    if (bad_input(out == NULL))
        return;
    memset(out, 0, sizeof *out);
    if (m == NULL)
        return;
    const maptype *t = &m->t;
    gomap_stats_get(m, &out->base);
    detail_acc acc = {out, NULL, m->own_alloc};
    if (m->oldbuckets != NULL)
        acc.old_array = array_hdr(t, m->oldbuckets, noldbuckets(m));
    out->reserved_known = acc.usable;
    scan_blocks(m, add_block, &acc, false);

    size_t emb_cur = embedded_size(m, m->buckets, bucket_shift(m->B));
    size_t emb_old = m->oldbuckets != NULL ? embedded_size(m, m->oldbuckets, noldbuckets(m)) : 0;
    out->bytes_header -= emb_cur + emb_old;
    out->bytes_buckets += emb_cur;
    out->bytes_old += emb_old;

    out->bytes_total = out->base.bytes;
    size_t known = out->bytes_header + out->bytes_buckets + out->bytes_overflow +
                   out->bytes_indirect + out->bytes_old;
    out->bytes_retired = out->bytes_total > known ? out->bytes_total - known : 0;

    out->bytes_payload = m->count * (t->user.key_size + t->user.elem_size);
    out->bucket_size = t->bucketsize;
    out->overflow_reserve = m->nreserve;
    if (m->buckets != NULL) {
        size_t nb = bucket_shift(m->B);
        block_hdr *h = array_hdr(t, m->buckets, nb);
        unsigned char *first = m->buckets + nb * t->bodysize;
        unsigned char *end = (unsigned char *)h + block_size(h);
        out->spares_total = (size_t)(end - first) / t->bucketsize;
        if (m->next_spare != NULL)
            out->spares_used = (size_t)(m->next_spare - first) / t->bucketsize;
        out->load_factor = (double)m->count / (double)nb;
        chain_shapes(m, out);
    }
    out->grow_doublings = m->grow_doublings;
    out->grow_same_size = m->grow_same_size;
    out->evacuated_buckets = m->evacuated_total;
    out->shrinks = m->shrinks;
}

bool gomap_stats_print(FILE *f, const gomap_stats_detail *s)
{
    if (bad_input(f == NULL || s == NULL))
        return false;
    const gomap_stats *b = &s->base;
    double per = b->count != 0 ? (double)s->bytes_total / (double)b->count : 0;
    fprintf(f, "entries          %zu (B = %u, %zu buckets of %zu bytes, load %.2f)\n", b->count,
            b->B, b->buckets, s->bucket_size, s->load_factor);
    if (b->growing)
        fprintf(f, "growing          %zu of %zu old buckets evacuated\n", b->evacuated,
                b->old_buckets);
    fprintf(f, "bytes            %zu total, %.1f per entry; payload %zu\n", s->bytes_total, per,
            s->bytes_payload);
    fprintf(f, "  header         %zu\n", s->bytes_header);
    fprintf(f, "  buckets        %zu (spare overflow buckets: %zu of %zu used)\n", s->bytes_buckets,
            s->spares_used, s->spares_total);
    fprintf(f, "  overflow       %zu (%zu linked in all, %zu in reserve)\n", s->bytes_overflow,
            b->overflow_buckets, s->overflow_reserve);
    fprintf(f, "  indirect       %zu\n", s->bytes_indirect);
    fprintf(f, "  old buckets    %zu\n", s->bytes_old);
    fprintf(f, "  retired        %zu\n", s->bytes_retired);
    fprintf(f, "chains           ");
    for (size_t i = 0; i < GOMAP_CHAIN_HIST; i++)
        fprintf(f, "%s%zu%s:%zu", i ? " " : "", i + 1, i + 1 == GOMAP_CHAIN_HIST ? "+" : "",
                s->chain_hist[i]);
    fprintf(f, " (longest %zu, %zu empty)\n", s->max_chain, s->empty_buckets);
    fprintf(f, "probes           hit %.3f, miss %.3f buckets\n", s->avg_probe_hit,
            s->avg_probe_miss);
    fprintf(f,
            "growths          %zu doublings, %zu same-size, %zu shrinks, %zu buckets evacuated\n",
            s->grow_doublings, s->grow_same_size, s->shrinks, s->evacuated_buckets);
    fprintf(f, "allocator        %zu blocks, %zu bytes requested, %zu reserved%s\n",
            s->alloc_blocks, s->bytes_requested, s->bytes_reserved,
            s->reserved_known ? "" : " (not measurable with this allocator)");
    if (ferror(f)) {
        if (errno == 0)
            errno = EIO;
        return false;
    }
    return true;
}

/* ---- Page residency ------------------------------------------------------------- */

typedef struct page_acc {
    uintptr_t *pages;
    size_t n, cap, page;
    bool failed;
} page_acc;

static void add_pages(void *ctx, unsigned kind, void *p, size_t size, unsigned flags)
{
    (void)kind;
    (void)flags;
    page_acc *a = ctx;
    if (a->failed || size == 0)
        return;
    uintptr_t first = (uintptr_t)p / a->page, last = ((uintptr_t)p + size - 1) / a->page;
    for (uintptr_t pg = first; pg <= last; pg++) {
        if (a->n == a->cap) {
            size_t cap = a->cap ? a->cap * 2 : 256;
            uintptr_t *grown = realloc(a->pages, cap * sizeof *grown);
            if (grown == NULL) {
                a->failed = true;
                return;
            }
            a->pages = grown;
            a->cap = cap;
        }
        a->pages[a->n++] = pg;
    }
}

static int cmp_page(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return (x > y) - (x < y);
}

bool gomap_pages_get(const gomap *m, gomap_pages *out)
{
    if (bad_input(out == NULL))
        return false;
    memset(out, 0, sizeof *out);
#ifdef HAVE_MINCORE
    long page = sysconf(_SC_PAGESIZE);
    out->page_size = page > 0 ? (size_t)page : 4096;
    if (m == NULL)
        return true;
    page_acc a = {NULL, 0, 0, out->page_size, false};
    scan_blocks(m, add_pages, &a, false);
    if (a.failed) {
        free(a.pages);
        errno = ENOMEM;
        return false;
    }
    qsort(a.pages, a.n, sizeof *a.pages, cmp_page);
    size_t uniq = 0;
    for (size_t i = 0; i < a.n; i++)
        if (uniq == 0 || a.pages[uniq - 1] != a.pages[i])
            a.pages[uniq++] = a.pages[i];
    out->spanned = uniq;
    /* mincore over each run of consecutive pages, a bounded chunk at a time. */
    enum { CHUNK = 4096 };
    unsigned char vec[CHUNK];
    for (size_t i = 0; i < uniq;) {
        size_t run = 1;
        while (i + run < uniq && run < CHUNK && a.pages[i + run] == a.pages[i] + run)
            run++;
        void *addr = (void *)(a.pages[i] * out->page_size);
        if (mincore(addr, run * out->page_size, vec) == 0)
            for (size_t k = 0; k < run; k++)
                out->resident += vec[k] & 1;
        i += run;
    }
    free(a.pages);
    return true;
#else
    (void)m;
    errno = ENOSYS;
    return false;
#endif
}

/* ---- Walking the buckets -------------------------------------------------------- */

/* The chains of an array with nb main buckets, until fn returns false;
 * old: an evacuated chain is reported by its main bucket only. */
static bool walk_array(const gomap *m, bmap *arr, size_t nb, bool old, gomap_bucket_fn fn,
                       void *ctx)
{
    const maptype *t = &m->t;
    gomap_bucket_view v;
    for (size_t j = 0; j < nb; j++) {
        bref b = main_bucket(t, arr, j);
        bool main_only = old && evacuated(b);
        size_t depth = 0;
        for (bref c = b; c.b != NULL; c = next_bucket(t, c)) {
            memset(&v, 0, sizeof v);
            v.old = old;
            v.index = j;
            v.depth = depth++;
            v.spare = v.depth > 0 && array_contains(t, arr, nb, c.b);
            v.address = c.b;
            for (size_t i = 0; i < BUCKET_CNT; i++) {
                v.tophash[i] = c.th[i];
                if (c.th[i] >= MIN_TOPHASH) {
                    v.key[i] = cell_key(t, c.b, i);
                    v.elem[i] = cell_elem(t, c.b, i);
                }
            }
            if (!fn(ctx, &v))
                return false;
            if (main_only)
                break;
        }
    }
    return true;
}

void gomap_walk_buckets(const gomap *m, gomap_bucket_fn fn, void *ctx)
{
    if (bad_input(fn == NULL) || m == NULL || m->buckets == NULL)
        return;
    if (!is_growing(m) || walk_array(m, m->oldbuckets, noldbuckets(m), true, fn, ctx))
        walk_array(m, m->buckets, bucket_shift(m->B), false, fn, ctx);
}

/* ---- Counting allocator ------------------------------------------------------------ */

static void *malloc_alloc(void *ctx, size_t size, unsigned flags)
{
    (void)ctx;
    return (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size) : malloc(size);
}

static void malloc_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)size;
    free(ptr);
}

static void *counting_alloc(void *ctx, size_t size, unsigned flags)
{
    gomap_counting_allocator *ca = ctx;
    void *p = ca->inner.alloc(ca->inner.ctx, size, flags);
    if (p == NULL) {
        ca->failed++;
        return NULL;
    }
    ca->allocs++;
    ca->live_bytes += size;
    ca->total_bytes += size;
    if (ca->live_bytes > ca->peak_bytes)
        ca->peak_bytes = ca->live_bytes;
    return p;
}

static void counting_free(void *ctx, void *ptr, size_t size)
{
    gomap_counting_allocator *ca = ctx;
    ca->frees++;
    ca->live_bytes -= size;
    ca->inner.free(ca->inner.ctx, ptr, size);
}

gomap_counting_allocator *gomap_counting_allocator_init(gomap_counting_allocator *ca,
                                                        const gomap_allocator *inner)
{
    if (bad_input(ca == NULL || (inner != NULL && (inner->alloc == NULL || inner->free == NULL))))
        return NULL;
    *ca = (gomap_counting_allocator){
        .inner = inner != NULL ? *inner : (gomap_allocator){malloc_alloc, malloc_free, NULL},
        .allocator = {counting_alloc, counting_free, ca},
    };
    return ca;
}
