/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memory.h - what the map owns and how it gets and releases it (memory.c),
 * and the record of NOSCAN blocks a collector must still find (scan.c).
 * Every block comes from the map's allocator through mem_alloc/mem_free.
 */
#ifndef GOMAP_MEMORY_H
#define GOMAP_MEMORY_H

#include "layout.h"

#define array_alloc       gomap_internal_array_alloc
#define array_init        gomap_internal_array_init
#define array_block_size  gomap_internal_array_block_size
#define block_free        gomap_internal_block_free
#define array_release     gomap_internal_array_release
#define free_retired      gomap_internal_free_retired
#define indirect_alloc    gomap_internal_indirect_alloc
#define indirect_release  gomap_internal_indirect_release
#define str_copy          gomap_internal_str_copy
#define discard_cell      gomap_internal_discard_cell
#define take_cell         gomap_internal_take_cell
#define mem_alloc         gomap_internal_mem_alloc
#define mem_free          gomap_internal_mem_free
#define ovf_release       gomap_internal_ovf_release
#define release_chains    gomap_internal_release_chains
#define reserve_fill      gomap_internal_reserve_fill
#define reserve_free_all  gomap_internal_reserve_free_all
#define reserve_take      gomap_internal_reserve_take
#define keep_add          gomap_internal_keep_add
#define keep_remove       gomap_internal_keep_remove
#define keep_free         gomap_internal_keep_free
#define keep_retire       gomap_internal_keep_retire
#define keep_retired_free gomap_internal_keep_retired_free

/* ---- Memory (memory.c) ------------------------------------------------------ */

void *mem_alloc(gomap *m, size_t size, unsigned flags);
void mem_free(gomap *m, void *p, size_t size);

/* Bucket arrays: a block_hdr, the dense tophash bytes of the 2^B main
 * buckets (bucket j's at arr - (j+1)*top_off), the 2^B bodies (arr points to
 * the first) and the spare overflow buckets. nb is always 2^B. */
bmap *array_alloc(gomap *m, uint8_t B, unsigned char **spare_begin, unsigned char **spare_end);
/* Bytes of an array block (0 if it cannot exist), and laying one out in
 * memory the caller got: zero-filled, or not if `zeroed` is false, in which
 * case it is zeroed here, or for types that allow it (array_lazy_zero)
 * only what is read before it is written (tophash bytes, overflow links). */
size_t array_block_size(const maptype *t, uint8_t B);
bmap *array_init(const maptype *t, void *block, size_t size, uint8_t B, size_t kind_bits,
                 bool zeroed, unsigned char **spare_begin, unsigned char **spare_end);
/* Arrays of pointer-free types need not come zeroed: an insert writes a
 * cell's whole key and elem before anything reads them, and a spare
 * overflow bucket is cleared when it is handed out (new_overflow). */
HOT_INLINE bool array_lazy_zero(const maptype *t)
{
    return (t->bucket_alloc_flags & GOMAP_ALLOC_NOSCAN) != 0;
}
void array_release(gomap *m, bmap *arr, size_t nb); /* free now, or retire while iterators live */

/* The spare overflow buckets of an array of 2^B buckets. Go preallocates
 * 2^(B-4) once B >= 4. Small arrays get a few more, which spares them
 * separate allocations (a map of about a hundred keys lives in one block);
 * large ones get half as many, since a growth doubles the array long
 * before load 6.5 makes more than 2^(B-5) chains overflow, and unused
 * spares are dead memory. */
HOT_INLINE size_t array_spares(uint8_t B)
{
    if (B == 0)
        return 0;
    if (B < 4)
        return (size_t)1 << (B - 1);
    if (B <= 5)
        return ((size_t)1 << (B - 4)) + 6;
    return (size_t)1 << (B - 5);
}

/* The tophash bytes of nb main buckets, padded to keep the bodies aligned. */
HOT_INLINE size_t array_tops_size(const maptype *t, size_t nb)
{
    size_t n = nb * t->top_off;
    return (n + GOMAP_MAX_ALIGN - 1) / GOMAP_MAX_ALIGN * GOMAP_MAX_ALIGN;
}

HOT_INLINE block_hdr *array_hdr(const maptype *t, bmap *arr, size_t nb)
{
    return (block_hdr *)(void *)(arr - array_tops_size(t, nb) - HDR_SIZE);
}

/* Whether b is one of the array's buckets (main or spare). */
HOT_INLINE bool array_contains(const maptype *t, bmap *arr, size_t nb, bmap *b)
{
    block_hdr *h = array_hdr(t, arr, nb);
    uintptr_t lo = (uintptr_t)arr, hi = (uintptr_t)h + block_size(h), p = (uintptr_t)b;
    return p >= lo && p < hi;
}

/* Individually allocated overflow buckets, and the reserve of them. */
void ovf_release(gomap *m, bmap *b);
HOT_INLINE size_t spares_left(const gomap *m)
{
    return m->next_spare == NULL ? 0 : (size_t)(m->end_spare - m->next_spare) / m->t.bucketsize;
}
HOT_INLINE size_t ovf_available(const gomap *m) /* spares left plus reserve */
{
    return spares_left(m) + m->nreserve;
}
bool reserve_fill(gomap *m, size_t n); /* nreserve >= n, or ENOMEM and no change */
/* ovf_available >= n, or ENOMEM and no change. */
HOT_INLINE bool reserve_ensure(gomap *m, size_t n)
{
    size_t avail = spares_left(m);
    return n <= avail || reserve_fill(m, n - avail);
}
bmap *reserve_take(gomap *m);
void reserve_free_all(gomap *m);

/* Indirect key/elem storage: returns the payload pointer. */
void *indirect_alloc(gomap *m, size_t block, bool zero);
void indirect_release(gomap *m, void *payload);

/* The map's copy of an owned string key: its bytes and a NUL, after a
 * block header like indirect storage's (released with indirect_release, so
 * retired while iterators live). NULL with ENOMEM. */
char *str_copy(gomap *m, gomap_str s);
HOT_INLINE size_t str_block_size(size_t len)
{
    return HDR_SIZE + len + 1;
}

/* What removing the entry in cell i of b involves besides clearing the
 * cell (maptype.discard): its drop functions, an owned key's bytes. keep
 * names the parts handed to the caller instead (TAKE_KEY, TAKE_ELEM). */
enum { TAKE_KEY = 1, TAKE_ELEM = 2 };
void discard_cell(gomap *m, bmap *b, size_t i, unsigned keep);
/* gomap_take's copy of the entry in cell i of b to key_out and elem_out
 * (either may be NULL); returns the TAKE_ bits of the parts copied, which
 * are the caller's from then on. */
unsigned take_cell(gomap *m, bmap *b, size_t i, void *key_out, void *elem_out);

/* Frees a block now, whatever kind it is (embedded arrays are skipped). */
void block_free(gomap *m, block_hdr *h);

/* Releases the indirect storage of every live cell and the heap overflow
 * buckets of every chain of arr (nbuckets main buckets); used by clear and
 * free. With mark_empty, every visited tophash becomes EMPTY_REST first so
 * that iterators in flight stop producing entries. skip_evacuated: arr is
 * an old array whose evacuated chains were already released. */
void release_chains(gomap *m, bmap *arr, size_t nbuckets, bool skip_evacuated, bool mark_empty);

/* ---- Garbage-collector cooperation (scan.c) ------------------------------- */

/* Record a NOSCAN block (false and ENOMEM if the table cannot grow), forget
 * one (no-op if absent), and free the table with the map. */
bool keep_add(gomap *m, void *block);
void keep_remove(gomap *m, void *block);
void keep_free(gomap *m);
/* h is being retired: keep it reachable until free_retired, which then
 * calls keep_retired_free. */
void keep_retire(gomap *m, block_hdr *h);
void keep_retired_free(gomap *m);

#endif /* GOMAP_MEMORY_H */
