/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fast.c - the u32, u64 and string fast paths (Go's map_fast32.go,
 * map_fast64.go and map_faststr.go). Each checks the map's kind with one
 * comparison, then runs code specialised for that key.
 */
#include "access.h"

#include <stdio.h>

static NORETURN NOINLINE void wrong_kind(const char *fn, const gomap *m)
{
    static const char *const names[] = {"generic", "u32", "u64", "str", "f64"};
    static _Thread_local char msg[160];
    snprintf(msg, sizeof msg, "%s called on a map whose key kind is %s", fn,
             m->t.kind < 5 ? names[m->t.kind] : "unknown");
    throw_fatal(msg);
}

#define CHECK_KIND(m, K, fn)                                                                       \
    do {                                                                                           \
        if (UNLIKELY((m) != NULL && (m)->t.kind != (K)))                                           \
            wrong_kind(fn, m);                                                                     \
    } while (0)

/* The fast paths of the shaped kinds: the common case inline, everything
 * else out of line (still compiled for the shape when the map has it). A
 * map's shape implies its kind, so the kind is checked on the out-of-line
 * path only. */
#define SHAPED_FULL(name, K, S, Targ)                                                              \
    static NOINLINE void *name##_get_full(const gomap *m, Targ key)                                \
    {                                                                                              \
        CHECK_KIND(m, K, "gomap_get_" #name);                                                      \
        if (m != NULL && m->t.shape == (S))                                                        \
            return get_impl(m, K, S, &key);                                                        \
        return get_impl(m, K, SHAPE_ANY, &key);                                                    \
    }                                                                                              \
    static NOINLINE void *name##_assign_full(gomap *m, Targ key)                                   \
    {                                                                                              \
        CHECK_KIND(m, K, "gomap_assign_" #name);                                                   \
        if (m != NULL && m->t.shape == (S))                                                        \
            return assign_impl(m, K, S, &key);                                                     \
        return assign_impl(m, K, SHAPE_ANY, &key);                                                 \
    }                                                                                              \
    static NOINLINE void *name##_assign_finish(gomap *m, Targ key, uint64_t hash)                  \
    {                                                                                              \
        return assign_finish(m, K, S, &key, hash);                                                 \
    }                                                                                              \
    static NOINLINE bool name##_delete_full(gomap *m, Targ key)                                    \
    {                                                                                              \
        CHECK_KIND(m, K, "gomap_delete_" #name);                                                   \
        if (m != NULL && m->t.shape == (S))                                                        \
            return delete_impl(m, K, S, &key);                                                     \
        return delete_impl(m, K, SHAPE_ANY, &key);                                                 \
    }

SHAPED_FULL(u32, KIND_U32, SHAPE_U32_4, uint32_t)
SHAPED_FULL(u64, KIND_U64, SHAPE_U64_8, uint64_t)
SHAPED_FULL(str, KIND_STR, SHAPE_STR_16, gomap_str)

void *gomap_get_u32(const gomap *m, uint32_t key)
{
    void *e;
    if (m != NULL && m->t.shape == SHAPE_U32_4 && get_fast(m, KIND_U32, SHAPE_U32_4, &key, &e))
        return e;
    return u32_get_full(m, key);
}

void *gomap_assign_u32(gomap *m, uint32_t key)
{
    if (m != NULL && m->t.shape == SHAPE_U32_4) {
        void *e;
        uint64_t hash;
        int r = assign_fast(m, KIND_U32, SHAPE_U32_4, &key, &e, &hash);
        if (LIKELY(r == FAST_DONE))
            return e;
        if (r == FAST_HASHED)
            return u32_assign_finish(m, key, hash);
    }
    return u32_assign_full(m, key);
}

bool gomap_delete_u32(gomap *m, uint32_t key)
{
    bool found;
    if (m != NULL && m->t.shape == SHAPE_U32_4 &&
        delete_fast(m, KIND_U32, SHAPE_U32_4, &key, &found))
        return found;
    return u32_delete_full(m, key);
}

void *gomap_get_u64(const gomap *m, uint64_t key)
{
    void *e;
    if (m != NULL && m->t.shape == SHAPE_U64_8 && get_fast(m, KIND_U64, SHAPE_U64_8, &key, &e))
        return e;
    return u64_get_full(m, key);
}

void *gomap_assign_u64(gomap *m, uint64_t key)
{
    if (m != NULL && m->t.shape == SHAPE_U64_8) {
        void *e;
        uint64_t hash;
        int r = assign_fast(m, KIND_U64, SHAPE_U64_8, &key, &e, &hash);
        if (LIKELY(r == FAST_DONE))
            return e;
        if (r == FAST_HASHED)
            return u64_assign_finish(m, key, hash);
    }
    return u64_assign_full(m, key);
}

bool gomap_delete_u64(gomap *m, uint64_t key)
{
    bool found;
    if (m != NULL && m->t.shape == SHAPE_U64_8 &&
        delete_fast(m, KIND_U64, SHAPE_U64_8, &key, &found))
        return found;
    return u64_delete_full(m, key);
}

void *gomap_get_str(const gomap *m, const char *ptr, size_t len)
{
    gomap_str k = {ptr, len};
    void *e;
    if (m != NULL && m->t.shape == SHAPE_STR_16 && get_fast(m, KIND_STR, SHAPE_STR_16, &k, &e))
        return e;
    return str_get_full(m, k);
}

void *gomap_assign_str(gomap *m, const char *ptr, size_t len)
{
    gomap_str k = {ptr, len};
    if (m != NULL && m->t.shape == SHAPE_STR_16) {
        void *e;
        uint64_t hash;
        int r = assign_fast(m, KIND_STR, SHAPE_STR_16, &k, &e, &hash);
        if (LIKELY(r == FAST_DONE))
            return e;
        if (r == FAST_HASHED)
            return str_assign_finish(m, k, hash);
    }
    return str_assign_full(m, k);
}

bool gomap_delete_str(gomap *m, const char *ptr, size_t len)
{
    gomap_str k = {ptr, len};
    bool found;
    if (m != NULL && m->t.shape == SHAPE_STR_16 &&
        delete_fast(m, KIND_STR, SHAPE_STR_16, &k, &found))
        return found;
    return str_delete_full(m, k);
}
