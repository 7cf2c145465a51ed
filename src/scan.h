/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * scan.h - the walk over a map's blocks that gomap_scan and the detailed
 * statistics share (scan.c).
 */
#ifndef GOMAP_SCAN_H
#define GOMAP_SCAN_H

#define scan_blocks gomap_internal_scan_blocks

#include <gomap/gomap.h>

#include <stdbool.h>

/* gomap_scan's walk of a non-NULL m. values_and_retired false: only the
 * blocks the map holds now, with no KEY or ELEM visits and nothing PINNED;
 * that walk reads nothing an ending iterator may free, so it is a read. */
void scan_blocks(const gomap *m, gomap_scan_fn visit, void *ctx, bool values_and_retired);

#endif /* GOMAP_SCAN_H */
