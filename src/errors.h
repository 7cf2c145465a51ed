/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * errors.h - how the API functions outside the map core report errors:
 * bad input returns NULL/false/nothing with errno = EINVAL, a failed
 * allocation with errno = ENOMEM; and the matching free.
 */
#ifndef GOMAP_ERRORS_H
#define GOMAP_ERRORS_H

#include <gomap/gomap.h>

#include <errno.h>
#include <stdbool.h>

/* bad, after setting errno = EINVAL if it holds. */
static inline bool bad_input(bool bad)
{
    if (bad)
        errno = EINVAL;
    return bad;
}

/* A zeroed block of size bytes from a, or NULL with errno = ENOMEM. */
static inline void *alloc_zeroed(const gomap_allocator *a, size_t size)
{
    void *p = a->alloc(a->ctx, size, GOMAP_ALLOC_ZERO);
    if (p == NULL)
        errno = ENOMEM;
    return p;
}

/* Frees a block from a, which may be a copy of the allocator the block
 * itself holds. */
static inline void alloc_free(gomap_allocator a, void *p, size_t size)
{
    a.free(a.ctx, p, size);
}

#endif /* GOMAP_ERRORS_H */
