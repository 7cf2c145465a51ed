/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fast.c - the u32, u64 and string fast paths (Go's map_fast32.go,
 * map_fast64.go and map_faststr.go). Each checks the map's kind with one
 * comparison, then runs code specialised for that key. Also the
 * gomap_assign2 forms, over the assigns.
 */
#include "access.h"

#include <stdio.h>

static NORETURN NOINLINE void wrong_kind(const char *fn, const gomap *m)
{
    static const char *const names[] = {"generic", "u32", "u64", "str", "f64", "str_owned"};
    static _Thread_local char msg[160];
    snprintf(msg, sizeof msg, "%s called on a map whose key kind is %s", fn,
             m->t.kind < 6 ? names[m->t.kind] : "unknown");
    throw_fatal(msg);
}

#define CHECK_KIND(m, K, fn)                                                                       \
    do {                                                                                           \
        if (UNLIKELY((m) != NULL && (m)->t.kind != (K)))                                           \
            wrong_kind(fn, m);                                                                     \
    } while (0)

/* The str fast paths serve the owned string kind as well. Such a map fails
 * CHECK_KIND's test, so testing for it there costs the str kind's maps
 * nothing; its accesses are calls (below), so that the full paths they
 * would inline stay out of the str kind's functions, and take the key by
 * value, whose address taken would keep it in memory on every path.
 * OTHER_KIND is what a kind's paths do for a map of another kind before
 * the fatal error. */
#define OTHER_KIND_NONE(op, m, key)
#define OTHER_KIND_OWNED(op, m, key)                                                               \
    if ((m)->t.kind == KIND_STR_OWNED)                                                             \
        return owned_##op(m, key);
#define CHECK_KIND_OR(m, K, fn, op, key, OTHER_KIND)                                               \
    do {                                                                                           \
        if (UNLIKELY((m) != NULL && (m)->t.kind != (K))) {                                         \
            OTHER_KIND(op, m, key)                                                                 \
            wrong_kind(fn, m);                                                                     \
        }                                                                                          \
    } while (0)

/* The fast paths of the shaped kinds: the common case inline, everything
 * else out of line (still compiled for the shape when the map has it). A
 * map's shape implies its kind, so the kind is checked on the out-of-line
 * path only. A map of the kind without its shape (another elem size) takes
 * the common cases out of line, with offsets read from the map: lookups,
 * deletes, and inserts unless its elems are indirect (an insert would
 * have to allocate them). */
COLD_INLINE void *owned_get(const gomap *m, gomap_str key)
{
    return get_impl(m, KIND_STR_OWNED, SHAPE_ANY, &key);
}

COLD_INLINE void *owned_assign(gomap *m, gomap_str key)
{
    return assign_impl(m, KIND_STR_OWNED, SHAPE_ANY, &key);
}

COLD_INLINE bool owned_delete(gomap *m, gomap_str key)
{
    return delete_impl(m, KIND_STR_OWNED, SHAPE_ANY, &key);
}

/* S2: a second shape of the kind, whose common cases run out of line with
 * its offsets as constants (NO_SHAPE: none). */
#define NO_SHAPE SHAPE_NOT_READY /* never a map's shape */
#define SHAPED_FULL(name, K, S, S2, Targ, OTHER_KIND)                                              \
    static NOINLINE void *name##_get_slow(const gomap *m, Targ key)                                \
    {                                                                                              \
        if (m != NULL && m->t.shape == (S))                                                        \
            return get_impl(m, K, S, &key);                                                        \
        return get_impl(m, K, SHAPE_ANY, &key);                                                    \
    }                                                                                              \
    static NOINLINE void *name##_get_full(const gomap *m, Targ key)                                \
    {                                                                                              \
        CHECK_KIND_OR(m, K, "gomap_get_" #name, get, key, OTHER_KIND);                             \
        void *e;                                                                                   \
        if (m != NULL && (S2) != NO_SHAPE && get_fast(m, K, S2, &key, &e))                         \
            return e;                                                                              \
        if (m != NULL && get_fast(m, K, SHAPE_ANY, &key, &e))                                      \
            return e;                                                                              \
        return name##_get_slow(m, key);                                                            \
    }                                                                                              \
    /* What assign_full's short path (result r) left to do. */                                     \
    static NOINLINE void *name##_assign_rest(gomap *m, Targ key, uint64_t hash, int r)             \
    {                                                                                              \
        if (r == FAST_HASHED)                                                                      \
            return (S2) != NO_SHAPE && m->t.shape == (S2)                                          \
                       ? assign_finish(m, K, S2, &key, hash)                                       \
                       : assign_finish(m, K, SHAPE_ANY, &key, hash);                               \
        if (m != NULL && m->t.shape == (S))                                                        \
            return assign_impl(m, K, S, &key);                                                     \
        return assign_impl(m, K, SHAPE_ANY, &key);                                                 \
    }                                                                                              \
    static NOINLINE void *name##_assign_full(gomap *m, Targ key)                                   \
    {                                                                                              \
        CHECK_KIND_OR(m, K, "gomap_assign_" #name, assign, key, OTHER_KIND);                       \
        void *e;                                                                                   \
        uint64_t hash = 0;                                                                         \
        int r = FAST_UNDECIDED;                                                                    \
        if (m != NULL && m->t.shape != (S) && !m->t.indirect_elem)                                 \
            r = (S2) != NO_SHAPE && m->t.shape == (S2)                                             \
                    ? assign_fast(m, K, S2, &key, &e, &hash)                                       \
                    : assign_fast(m, K, SHAPE_ANY, &key, &e, &hash);                               \
        return r == FAST_DONE ? e : name##_assign_rest(m, key, hash, r);                           \
    }                                                                                              \
    static NOINLINE void *name##_assign_finish(gomap *m, Targ key, uint64_t hash)                  \
    {                                                                                              \
        return assign_finish(m, K, S, &key, hash);                                                 \
    }                                                                                              \
    static NOINLINE bool name##_delete_full(gomap *m, Targ key)                                    \
    {                                                                                              \
        CHECK_KIND_OR(m, K, "gomap_delete_" #name, delete, key, OTHER_KIND);                       \
        if (m != NULL && m->t.shape == (S))                                                        \
            return delete_impl(m, K, S, &key);                                                     \
        bool found;                                                                                \
        if (m != NULL &&                                                                           \
            ((S2) != NO_SHAPE && m->t.shape == (S2) ? delete_fast(m, K, S2, &key, &found)          \
                                                    : delete_fast(m, K, SHAPE_ANY, &key, &found))) \
            return found;                                                                          \
        return delete_impl(m, K, SHAPE_ANY, &key);                                                 \
    }

SHAPED_FULL(u32, KIND_U32, SHAPE_U32_4, NO_SHAPE, uint32_t, OTHER_KIND_NONE)
SHAPED_FULL(u64, KIND_U64, SHAPE_U64_8, NO_SHAPE, uint64_t, OTHER_KIND_NONE)
SHAPED_FULL(str, KIND_STR, SHAPE_STR_16, SHAPE_STR_8, gomap_str, OTHER_KIND_OWNED)

/* The bodies of the entry points of a shaped kind: the common case inline
 * when the map has the shape, else the out-of-line path. k is the key as
 * the kind stores it. */
#define SHAPED_GET(name, K, S, k)                                                                  \
    do {                                                                                           \
        void *e_;                                                                                  \
        if (m != NULL && get_fast(m, K, S, &(k), &e_))                                             \
            return e_;                                                                             \
        return name##_get_full(m, k);                                                              \
    } while (0)

#define SHAPED_ASSIGN(name, K, S, k)                                                               \
    do {                                                                                           \
        if (m != NULL && m->t.shape == (S)) {                                                      \
            void *e_;                                                                              \
            uint64_t hash_;                                                                        \
            int r_ = assign_fast(m, K, S, &(k), &e_, &hash_);                                      \
            if (LIKELY(r_ == FAST_DONE))                                                           \
                return e_;                                                                         \
            if (r_ == FAST_HASHED)                                                                 \
                return name##_assign_finish(m, k, hash_);                                          \
        }                                                                                          \
        return name##_assign_full(m, k);                                                           \
    } while (0)

#define SHAPED_DELETE(name, K, S, k)                                                               \
    do {                                                                                           \
        bool found_;                                                                               \
        if (m != NULL && m->t.shape == (S) && delete_fast(m, K, S, &(k), &found_))                 \
            return found_;                                                                         \
        return name##_delete_full(m, k);                                                           \
    } while (0)

void *gomap_get_u32(const gomap *m, uint32_t key)
{
    SHAPED_GET(u32, KIND_U32, SHAPE_U32_4, key);
}

void *gomap_assign_u32(gomap *m, uint32_t key)
{
    SHAPED_ASSIGN(u32, KIND_U32, SHAPE_U32_4, key);
}

bool gomap_delete_u32(gomap *m, uint32_t key)
{
    SHAPED_DELETE(u32, KIND_U32, SHAPE_U32_4, key);
}

void *gomap_get_u64(const gomap *m, uint64_t key)
{
    SHAPED_GET(u64, KIND_U64, SHAPE_U64_8, key);
}

void *gomap_assign_u64(gomap *m, uint64_t key)
{
    SHAPED_ASSIGN(u64, KIND_U64, SHAPE_U64_8, key);
}

bool gomap_delete_u64(gomap *m, uint64_t key)
{
    SHAPED_DELETE(u64, KIND_U64, SHAPE_U64_8, key);
}

/* A string the map cannot read ((NULL, len > 0), or len > PTRDIFF_MAX):
 * refused out of line, after the checks Go would make first (wrong kind,
 * nil map assignment), so the entry points pay one compare for it. */
static NOINLINE void *str_rejected(const gomap *m, const char *fn, bool assign)
{
    if (m == NULL || m->t.kind != KIND_STR_OWNED)
        CHECK_KIND(m, KIND_STR, fn);
    if (assign && m == NULL)
        throw_panic("assignment to entry in nil map");
    errno = EINVAL;
    return NULL;
}

void *gomap_get_str(const gomap *m, const char *ptr, size_t len)
{
    if (str_invalid(ptr, len))
        return str_rejected(m, "gomap_get_str", false);
    gomap_str k = {ptr, len};
    SHAPED_GET(str, KIND_STR, SHAPE_STR_16, k);
}

void *gomap_assign_str(gomap *m, const char *ptr, size_t len)
{
    if (str_invalid(ptr, len))
        return str_rejected(m, "gomap_assign_str", true);
    gomap_str k = {ptr, len};
    SHAPED_ASSIGN(str, KIND_STR, SHAPE_STR_16, k);
}

bool gomap_delete_str(gomap *m, const char *ptr, size_t len)
{
    if (str_invalid(ptr, len)) {
        str_rejected(m, "gomap_delete_str", false);
        return false;
    }
    gomap_str k = {ptr, len};
    SHAPED_DELETE(str, KIND_STR, SHAPE_STR_16, k);
}

/* ---- assign2: whether the key was new ----------------------------------------- */

/* An assign adds an entry exactly when the key was new. */
#define ASSIGN2(call)                                                                              \
    do {                                                                                           \
        size_t before_ = m != NULL ? m->count : 0;                                                 \
        void *e_ = (call);                                                                         \
        if (inserted != NULL)                                                                      \
            *inserted = e_ != NULL && m->count != before_;                                         \
        return e_;                                                                                 \
    } while (0)

void *gomap_assign2(gomap *m, const void *key, bool *inserted)
{
    ASSIGN2(gomap_assign(m, key));
}

void *gomap_assign2_u32(gomap *m, uint32_t key, bool *inserted)
{
    ASSIGN2(gomap_assign_u32(m, key));
}

void *gomap_assign2_u64(gomap *m, uint64_t key, bool *inserted)
{
    ASSIGN2(gomap_assign_u64(m, key));
}

void *gomap_assign2_str(gomap *m, const char *ptr, size_t len, bool *inserted)
{
    ASSIGN2(gomap_assign_str(m, ptr, len));
}
