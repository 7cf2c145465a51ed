/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * snapshot.h - gomap_snapshot: an atomically replaced pointer to an
 * immutable map (copy on write), for configuration and routing tables that
 * many threads read and few change.
 *
 * Readers take no lock and write no shared memory: gomap_snapshot_read_begin
 * returns the current map, which stays valid and unchanged until the
 * matching gomap_snapshot_read_end, whatever writers do meanwhile. Writers
 * are serialised by a mutex: gomap_snapshot_edit_begin hands out a private
 * clone of the current map, the writer changes it with the ordinary gomap
 * functions, and gomap_snapshot_edit_commit publishes it with one atomic
 * store. A reader sees either the old map or the new one, never a mix.
 *
 * Reclamation: a replaced map is freed after an RCU grace period (liburcu,
 * "bulletproof" flavour urcu-bp), i.e. once every reader that may hold it
 * has called gomap_snapshot_read_end. Threads need no registration.
 *
 * Memory model: everything the writer did before commit (the map's contents
 * and whatever its elems point to) happens before anything a reader does
 * with the map it got from a later read_begin that returns it.
 *
 * Bad input: a NULL publisher gives NULL (read_begin, edit_begin) or EINVAL
 * (replace) with errno = EINVAL, and read_end, edit_commit and edit_abort
 * then do nothing but set errno = EINVAL (the map passed stays the
 * caller's). edit_commit or edit_abort from a thread that is not inside an
 * edit of that publisher is fatal.
 *
 * fork(): a child may use and free the publishers it inherited. An edit
 * another thread of the parent had begun does not exist in the child (its
 * clone is lost there); an edit the forking thread had begun goes on.
 */
#ifndef GOMAP_SNAPSHOT_H
#define GOMAP_SNAPSHOT_H

#include <gomap/gomap.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A publisher of read-mostly maps (opaque). */
typedef struct gomap_snapshot gomap_snapshot;

/** A publisher whose first map is initial (may be NULL: readers see Go's nil
 * map, which gomap_get etc. accept). Takes ownership of initial on success;
 * on failure (NULL, errno = ENOMEM) the caller keeps it. The publisher's own
 * small records come from initial's allocator (malloc when initial is NULL). */
GOMAP_API gomap_snapshot *gomap_snapshot_new(gomap *initial);

/** Frees the publisher and its current map, after waiting for the
 * reclamation of maps replaced earlier (liburcu's rcu_barrier). No other
 * thread may use it during or after the call; not to be called between
 * read_begin and read_end. NULL is fine. O(size of the maps freed). */
GOMAP_API void gomap_snapshot_free(gomap_snapshot *s);

/** Enters a read-side section and returns the current map (possibly NULL).
 * The map must not be modified; it may be read by any number of threads
 * (gomap_get, gomap_len, gomap_stats_get, and iteration, for which cast away
 * the const: gomap_iter_init only updates atomic bookkeeping). It stays
 * valid until the matching read_end. Sections nest; they must not span
 * gomap_snapshot_free or gomap_sync_free, and a thread inside one delays
 * the freeing of replaced maps (not writers). Never blocks; s NULL: NULL with
 * errno = EINVAL and no section entered. O(1). */
GOMAP_API const gomap *gomap_snapshot_read_begin(gomap_snapshot *s);
/** Leaves the read-side section entered by the matching read_begin; the map
 * it returned may be freed from then on. Never blocks; s NULL: does nothing,
 * errno = EINVAL. Called by a thread with no section open: fatal error
 * "gomap_snapshot_read_end without gomap_snapshot_read_begin". O(1). */
GOMAP_API void gomap_snapshot_read_end(gomap_snapshot *s);

/** Starts a change: takes the writer lock and returns a clone of the current
 * map (a new empty map of empty_type if the current map is NULL; empty_type
 * is ignored otherwise and may then be NULL). The caller owns the clone
 * until it passes it to edit_commit or edit_abort, which release the lock.
 * Returns NULL with errno = ENOMEM (or EINVAL: s NULL, or NULL current map
 * and no usable empty_type), without holding the lock. O(size of the map): a
 * clone. */
GOMAP_API gomap *gomap_snapshot_edit_begin(gomap_snapshot *s, const gomap_type *empty_type);

/** Publishes next (normally the map edit_begin returned, changed) as the
 * current map, taking ownership of it, and releases the writer lock. The
 * replaced map is freed after a grace period. O(1). Fatal, with the
 * message "gomap_snapshot_edit_commit without gomap_snapshot_edit_begin",
 * unless the calling thread is inside an edit of s; s NULL: does nothing
 * (next stays the caller's), errno = EINVAL. */
GOMAP_API void gomap_snapshot_edit_commit(gomap_snapshot *s, gomap *next);

/** Abandons a change: frees next (may be NULL) and releases the writer lock.
 * Fatal ("gomap_snapshot_edit_abort without gomap_snapshot_edit_begin")
 * unless the calling thread is inside an edit of s; s NULL: does nothing
 * (next stays the caller's), errno = EINVAL. O(size of next). */
GOMAP_API void gomap_snapshot_edit_abort(gomap_snapshot *s, gomap *next);

/** Publishes a map built elsewhere, taking ownership of it (waits for the
 * writer lock). Returns 0, or ENOMEM or EINVAL (s NULL), errno set, with
 * next still the caller's and nothing published. O(1) besides waiting for the lock. */
GOMAP_API int gomap_snapshot_replace(gomap_snapshot *s, gomap *next);

#ifdef __cplusplus
}
#endif

#endif /* GOMAP_SNAPSHOT_H */
