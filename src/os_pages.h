/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * os_pages.h - the default allocator (gomap_options.allocator == NULL), the
 * only place that knows how the operating system hands out memory. The map
 * core uses it like any other gomap_allocator.
 */
#ifndef GOMAP_OS_PAGES_H
#define GOMAP_OS_PAGES_H

#include <gomap/gomap.h>

#include <stdbool.h>
#include <stddef.h>

#define os_allocator   gomap_internal_os_allocator
#define os_usable_size gomap_internal_os_usable_size

/* The default allocator. background: large blocks are populated ahead of
 * the map's writes and unmapped by a background thread rather than inside
 * the free call (GOMAP_NO_BACKGROUND picks the other one). */
const gomap_allocator *os_allocator(bool background);
/* Bytes the OS or the C library actually set aside for a block of `size`
 * bytes at p that the default allocator returned. */
size_t os_usable_size(void *p, size_t size);

#endif /* GOMAP_OS_PAGES_H */
