/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gc_boehm.c - the gomap allocator on the Boehm-Demers-Weiser collector
 * (include/gomap/boehm.h, docs/gc.md).
 */
#include <gomap/boehm.h>

#include <errno.h>
#include <string.h>

#include <gc/gc.h>
#include <gc/gc_tiny_fl.h>

/* The collector hands out whole granules, so its blocks carry the
 * alignment gomap requires. */
_Static_assert(GC_GRANULE_BYTES % GOMAP_MAX_ALIGN == 0,
               "the collector's granule must be a multiple of GOMAP_MAX_ALIGN");

static void *boehm_alloc(void *ctx, size_t size, unsigned flags)
{
    (void)ctx;
    if (flags & GOMAP_ALLOC_NOSCAN) {
        /* Pointer-free buckets: never scanned, and not zeroed by the
         * collector. */
        void *p = GC_MALLOC_ATOMIC(size);
        if (p != NULL && (flags & GOMAP_ALLOC_ZERO))
            memset(p, 0, size);
        return p;
    }
    return GC_MALLOC(size); /* zeroed by the collector */
}

static void boehm_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)size;
    GC_FREE(ptr);
}

gomap_allocator gomap_boehm_allocator(void)
{
    return (gomap_allocator){boehm_alloc, boehm_free, NULL};
}

gomap *gomap_boehm_new_with(const gomap_type *t, size_t hint, const gomap_options *opt)
{
    if (!GC_get_all_interior_pointers()) {
        errno = ENOTSUP;
        return NULL;
    }
    gomap_allocator a = gomap_boehm_allocator();
    gomap_options o = opt != NULL ? *opt : (gomap_options){0};
    o.allocator = &a; /* copied by gomap_new_with */
    return gomap_new_with(t, hint, &o);
}

gomap *gomap_boehm_new(const gomap_type *t, size_t hint)
{
    return gomap_boehm_new_with(t, hint, NULL);
}
