/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * scan.c - what a garbage collector needs from the map (docs/gc.md): the
 * keep table that holds every NOSCAN block reachable from the header, and
 * gomap_scan, which reports every block the map owns and every key and elem
 * holding pointers.
 *
 * Go allocates the buckets of a map whose keys and elems hold no pointers
 * as "noscan" memory; the collector then never sees the overflow links in
 * them, so hmap.extra.overflow lists the overflow buckets to keep them
 * alive. gomap does the same for any allocator other than the default one:
 * each block allocated GOMAP_ALLOC_NOSCAN is recorded in a table of
 * pointers allocated without that flag and referenced by the header, so a
 * collector that traces from the header reaches every block.
 */
#include "errors.h"
#include "internal.h"
#include "scan.h"

#include <errno.h>

/* ---- The keep table ------------------------------------------------------- */

/* Open addressing with linear probing, at most half full; deletion shifts
 * the following entries back, so there are no tombstones. */
enum { KEEP_MIN_CAP = 16 };

static size_t keep_slot(const void *p, size_t cap)
{
    uint64_t x = (uint64_t)(uintptr_t)p * UINT64_C(0x9e3779b97f4a7c15);
    return (size_t)(x >> 32) & (cap - 1);
}

static void keep_put(void **table, size_t cap, void *p)
{
    size_t i = keep_slot(p, cap);
    while (table[i] != NULL)
        i = (i + 1) & (cap - 1);
    table[i] = p;
}

static bool keep_grow(gomap *m)
{
    size_t cap = m->keep_cap != 0 ? m->keep_cap * 2 : KEEP_MIN_CAP;
    if (cap > SIZE_MAX / sizeof(void *) / 2)
        return false;
    /* Allocated without GOMAP_ALLOC_NOSCAN: the collector traces it. */
    void **table = mem_alloc(m, cap * sizeof(void *), GOMAP_ALLOC_ZERO);
    if (table == NULL)
        return false;
    for (size_t i = 0; i < m->keep_cap; i++)
        if (m->keep[i] != NULL)
            keep_put(table, cap, m->keep[i]);
    if (m->keep != NULL)
        mem_free(m, m->keep, m->keep_cap * sizeof(void *));
    m->keep = table;
    m->keep_cap = cap;
    return true;
}

bool keep_add(gomap *m, void *block)
{
    if ((m->keep_len + 1) * 2 > m->keep_cap && !keep_grow(m)) {
        errno = ENOMEM;
        return false;
    }
    keep_put(m->keep, m->keep_cap, block);
    m->keep_len++;
    return true;
}

static void keep_remove_locked(gomap *m, void *block)
{
    if (m->keep_len == 0)
        return;
    size_t mask = m->keep_cap - 1;
    size_t i = keep_slot(block, m->keep_cap);
    while (m->keep[i] != block) {
        if (m->keep[i] == NULL)
            return;
        i = (i + 1) & mask;
    }
    /* Shift back every later entry of the run that may sit at i. */
    for (size_t j = (i + 1) & mask; m->keep[j] != NULL; j = (j + 1) & mask) {
        size_t home = keep_slot(m->keep[j], m->keep_cap);
        /* Entry j may move to i if its home is not in (i, j]. */
        bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!stays) {
            m->keep[i] = m->keep[j];
            i = j;
        }
    }
    m->keep[i] = NULL;
    m->keep_len--;
}

void keep_remove(gomap *m, void *block)
{
    while (atomic_exchange_explicit(&m->keep_busy, true, memory_order_acquire))
        ;
    keep_remove_locked(m, block);
    atomic_store_explicit(&m->keep_busy, false, memory_order_release);
}

void keep_free(gomap *m)
{
    if (m->keep != NULL)
        mem_free(m, m->keep, m->keep_cap * sizeof(void *));
    m->keep = NULL;
    m->keep_cap = m->keep_len = 0;
}

/* The retired NOSCAN blocks: appended to while iterators are live, freed
 * all at once when the last one ends. */
struct keep_list {
    size_t len, cap;
    void *blocks[];
};

static size_t keep_list_bytes(size_t cap)
{
    return sizeof(struct keep_list) + cap * sizeof(void *);
}

static void keep_list_free(gomap *m, struct keep_list *l)
{
    if (l != NULL)
        mem_free(m, l, keep_list_bytes(l->cap));
}

void keep_retire(gomap *m, block_hdr *h)
{
    struct keep_list *l = atomic_load_explicit(&m->keep_retired, memory_order_relaxed);
    if (l == NULL || l->len == l->cap) {
        size_t cap = l != NULL ? l->cap * 2 : KEEP_MIN_CAP;
        struct keep_list *n = cap < SIZE_MAX / sizeof(void *) / 2
                                  ? mem_alloc(m, keep_list_bytes(cap), GOMAP_ALLOC_ZERO)
                                  : NULL;
        if (n == NULL)
            return; /* out of memory: the block simply stays in the table */
        n->cap = cap;
        if (l != NULL) {
            memcpy(n->blocks, l->blocks, l->len * sizeof(void *));
            n->len = l->len;
        }
        atomic_store_explicit(&m->keep_retired, n, memory_order_release);
        keep_list_free(m, l);
        l = n;
    }
    l->blocks[l->len++] = h;
    keep_remove(m, h);
}

void keep_retired_free(gomap *m)
{
    keep_list_free(m, atomic_exchange_explicit(&m->keep_retired, NULL, memory_order_acq_rel));
}

/* ---- gomap_scan ------------------------------------------------------------- */

typedef struct scanner {
    const gomap *m;
    const maptype *t;
    gomap_scan_fn visit;
    void *ctx;
    bool key_ptrs, elem_ptrs; /* report key / elem values */
} scanner;

static block_hdr *indirect_hdr(void *payload)
{
    return (block_hdr *)(void *)((unsigned char *)payload - HDR_SIZE);
}

/* A live cell: the storage the map holds for it, and its values. */
static void report_live_cell(const scanner *s, bmap *b, size_t i)
{
    const maptype *t = s->t;
    void *k = key_slot(t, b, i), *e = elem_slot(t, b, i);
    if (t->indirect_key) {
        k = load_ptr(k);
        s->visit(s->ctx, GOMAP_SCAN_INDIRECT, indirect_hdr(k), t->key_block, 0);
    } else if (t->kind == KIND_STR_OWNED) { /* the map's copy of the bytes */
        gomap_str str = load_str(k);
        s->visit(s->ctx, GOMAP_SCAN_INDIRECT, indirect_hdr((void *)(uintptr_t)str.ptr),
                 str_block_size(str.len), 0);
    }
    if (t->indirect_elem) {
        e = load_ptr(e);
        s->visit(s->ctx, GOMAP_SCAN_INDIRECT, indirect_hdr(e), t->elem_block, 0);
    }
    if (s->key_ptrs && t->user.key_size != 0)
        s->visit(s->ctx, GOMAP_SCAN_KEY, k, t->user.key_size, 0);
    if (s->elem_ptrs && t->user.elem_size != 0)
        s->visit(s->ctx, GOMAP_SCAN_ELEM, e, t->user.elem_size, 0);
}

/* A stale copy: an iterator may read it, so what it points to must stay
 * alive. Only inline values are reported: the storage behind an indirect
 * one is reported from its live copy or from the retired list (a stale
 * indirect pointer may refer to storage already freed). */
static void report_stale_cells(const scanner *s, bref b, bool any_full)
{
    const maptype *t = s->t;
    for (size_t i = 0; i < BUCKET_CNT; i++) {
        uint8_t top = b.th[i];
        if (top != EVACUATED_X && top != EVACUATED_Y && !(any_full && top >= MIN_TOPHASH))
            continue;
        if (s->key_ptrs && !t->indirect_key && t->user.key_size != 0)
            s->visit(s->ctx, GOMAP_SCAN_KEY, key_slot(t, b.b, i), t->user.key_size,
                     GOMAP_SCAN_STALE);
        if (s->elem_ptrs && !t->indirect_elem && t->user.elem_size != 0)
            s->visit(s->ctx, GOMAP_SCAN_ELEM, elem_slot(t, b.b, i), t->user.elem_size,
                     GOMAP_SCAN_STALE);
    }
}

/* Stale copies in an array: the main buckets of evacuated chains (all of
 * them for memory only iterators reach) and the spare overflow buckets
 * (unused spares are zero, so they hold no marks). */
static void scan_stale_array(const scanner *s, bmap *arr, size_t nb, bool pinned)
{
    const maptype *t = s->t;
    if (!s->key_ptrs && !s->elem_ptrs)
        return;
    for (size_t j = 0; j < nb; j++) {
        bref b = main_bucket(t, arr, j);
        if (pinned || evacuated(b))
            report_stale_cells(s, b, pinned);
    }
    block_hdr *h = array_hdr(t, arr, nb);
    unsigned char *end = (unsigned char *)h + block_size(h);
    for (unsigned char *p = arr + nb * t->bodysize; p + t->bucketsize <= end; p += t->bucketsize)
        report_stale_cells(s, ovf_bucket(t, p + t->top_off), pinned);
}

/* An array with nb main buckets: its block, its live chains (old: but
 * not the evacuated ones, whose overflow links may refer to freed
 * buckets) and, for the old array, the stale copies in it. */
static void scan_array(const scanner *s, bmap *arr, size_t nb, bool old)
{
    const maptype *t = s->t;
    block_hdr *h = array_hdr(t, arr, nb);
    if (!(h->size & BLOCK_EMBEDDED)) /* else part of the header's block */
        s->visit(s->ctx, GOMAP_SCAN_ARRAY, h, block_size(h), t->bucket_alloc_flags);
    bool cells = s->key_ptrs || s->elem_ptrs || t->indirect_key || t->indirect_elem ||
                 t->kind == KIND_STR_OWNED;
    for (size_t j = 0; j < nb; j++) {
        bref b = main_bucket(t, arr, j);
        if (old && evacuated(b))
            continue;
        for (bref c = b; c.b != NULL; c = next_bucket(t, c)) {
            if (c.b != b.b && !array_contains(t, arr, nb, c.b))
                s->visit(s->ctx, GOMAP_SCAN_OVERFLOW, ovf_block_of(t, c.b), ovf_block_size(t),
                         t->bucket_alloc_flags);
            if (!cells)
                continue;
            for (size_t i = 0; i < BUCKET_CNT; i++)
                if (c.th[i] >= MIN_TOPHASH)
                    report_live_cell(s, c.b, i);
        }
    }
    if (old)
        scan_stale_array(s, arr, nb, false);
}

/* The main bucket count of an array block, from its size. */
static size_t array_buckets(const maptype *t, const block_hdr *h)
{
    size_t size = block_size(h);
    for (unsigned B = 0; B < sizeof(size_t) * 8 - 5; B++) {
        size_t n = array_block_size(t, (uint8_t)B);
        if (n == size)
            return bucket_shift((uint8_t)B);
        if (n == 0 || n > size)
            break;
    }
    return 0;
}

/* Memory the map released while iterators were live. */
static void scan_retired(const scanner *s)
{
    const maptype *t = s->t;
    block_hdr *e = atomic_load_explicit(&((gomap *)s->m)->retired, memory_order_acquire);
    for (block_hdr *h; e != NULL; e = h->next) {
        bool ovf;
        h = retired_entry(e, &ovf);
        if (ovf) {
            s->visit(s->ctx, GOMAP_SCAN_OVERFLOW, h, ovf_block_size(t),
                     t->bucket_alloc_flags | GOMAP_SCAN_PINNED);
            if (s->key_ptrs || s->elem_ptrs)
                report_stale_cells(s, ovf_bucket(t, (bmap *)h + ovf_link_size(t) + t->top_off),
                                   true);
        } else if (h->size & BLOCK_ARRAY) {
            size_t nb = array_buckets(t, h);
            s->visit(s->ctx, GOMAP_SCAN_ARRAY, h, block_size(h),
                     t->bucket_alloc_flags | GOMAP_SCAN_PINNED);
            if (nb != 0)
                scan_stale_array(s, (bmap *)h + HDR_SIZE + array_tops_size(t, nb), nb, true);
        } else {
            s->visit(s->ctx, GOMAP_SCAN_INDIRECT, h, block_size(h), GOMAP_SCAN_PINNED);
            /* A retired key may still be looked up by an iterator that
             * meets its stale copy; a retired elem is never read. */
            if (s->key_ptrs && t->indirect_key && block_size(h) == t->key_block)
                s->visit(s->ctx, GOMAP_SCAN_KEY, (unsigned char *)h + HDR_SIZE, t->user.key_size,
                         GOMAP_SCAN_STALE);
        }
    }
}

void scan_blocks(const gomap *cm, gomap_scan_fn visit, void *ctx, bool values_and_retired)
{
    gomap *m = (gomap *)cm;
    const maptype *t = &m->t;
    scanner s = {
        .m = m,
        .t = t,
        .visit = visit,
        .ctx = ctx,
        .key_ptrs =
            values_and_retired && ((t->user.flags & GOMAP_KEY_POINTERS) || is_str_kind(t->kind)),
        .elem_ptrs = values_and_retired && (t->user.flags & GOMAP_ELEM_POINTERS),
    };
    /* A header in the caller's storage is the caller's memory (a root). */
    if (!m->in_storage)
        s.visit(s.ctx, GOMAP_SCAN_HEADER, m, m->self_size, 0);
    if (m->keep != NULL)
        s.visit(s.ctx, GOMAP_SCAN_TABLE, m->keep, m->keep_cap * sizeof(void *), 0);
    struct keep_list *kl =
        values_and_retired ? atomic_load_explicit(&m->keep_retired, memory_order_acquire) : NULL;
    if (kl != NULL)
        s.visit(s.ctx, GOMAP_SCAN_TABLE, kl, keep_list_bytes(kl->cap), GOMAP_SCAN_PINNED);

    size_t head = (sizeof(gomap) + GOMAP_MAX_ALIGN - 1) / GOMAP_MAX_ALIGN * GOMAP_MAX_ALIGN;
    if (m->self_size > head || m->in_storage) {
        block_hdr *h = (block_hdr *)(void *)((unsigned char *)m + head);
        size_t nb = array_buckets(t, h);
        bmap *embedded = nb != 0 ? (bmap *)h + HDR_SIZE + array_tops_size(t, nb) : NULL;
        if (embedded != NULL && embedded != m->buckets && embedded != m->oldbuckets)
            scan_stale_array(&s, embedded, nb, false); /* replaced, still in the header */
    }

    if (m->buckets != NULL)
        scan_array(&s, m->buckets, bucket_shift(m->B), false);
    if (m->oldbuckets != NULL)
        scan_array(&s, m->oldbuckets, noldbuckets(m), true);
    for (block_hdr *h = m->reserve; h != NULL; h = h->next)
        s.visit(s.ctx, GOMAP_SCAN_OVERFLOW, h, ovf_block_size(t), t->bucket_alloc_flags);
    if (values_and_retired)
        scan_retired(&s);
}

void gomap_scan(const gomap *m, gomap_scan_fn visit, void *ctx)
{
    if (!bad_input(visit == NULL) && m != NULL)
        scan_blocks(m, visit, ctx, true);
}

/* ---- Write-barrier hook ------------------------------------------------------ */

void gomap_set_barrier(gomap *m, gomap_barrier_fn fn, void *ctx)
{
    if (bad_input(m == NULL))
        return;
    m->barrier = fn;
    m->barrier_ctx = fn != NULL ? ctx : NULL;
}
