/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * boehm.h - gomap maps allocated from the Boehm-Demers-Weiser garbage
 * collector (Debian: libgc-dev). Link with -lgomap_boehm -lgomap -lgc;
 * libgomap_boehm is built only where libgc is found (docs/gc.md).
 *
 * Every block of such a map comes from the collector's heap: buckets of
 * maps whose keys and elems hold no pointers with GC_MALLOC_ATOMIC (never
 * scanned), everything else with GC_MALLOC. A map is then an ordinary
 * collected object: keys and elems that point to collected objects keep
 * them alive as long as the map is reachable, and nothing the map uses is
 * reclaimed early, in any state (growing, with live iterators). The map
 * still frees its blocks itself (GC_FREE) as it would with malloc, so
 * gomap_free stays the way to drop one at once.
 *
 * Requirements: the collector must recognise interior pointers (Boehm's
 * default, GC_all_interior_pointers), since the map refers to bucket
 * arrays and overflow buckets past their first byte; the program calls
 * GC_INIT() before making maps; every thread that uses a map is known to
 * the collector (GC_pthread_create or GC_register_my_thread); and the
 * gomap pointer itself is kept where the collector looks: a global, the
 * stack, or a collected object.
 */
#ifndef GOMAP_BOEHM_H
#define GOMAP_BOEHM_H

#include <gomap/gomap.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The allocator (ctx unused). Pass its address in gomap_options. */
GOMAP_API gomap_allocator gomap_boehm_allocator(void);

/** gomap_new on the collector's heap. Errors as gomap_new, plus ENOTSUP
 * when the collector does not recognise interior pointers. The map is a
 * collected object; gomap_free still frees it at once. */
GOMAP_API gomap *gomap_boehm_new(const gomap_type *t, size_t hint);
/** gomap_new_with on the collector's heap (opt->allocator is ignored; opt
 * may be NULL). Errors as gomap_boehm_new. */
GOMAP_API gomap *gomap_boehm_new_with(const gomap_type *t, size_t hint, const gomap_options *opt);

#ifdef __cplusplus
}
#endif

#endif /* GOMAP_BOEHM_H */
