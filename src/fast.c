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

void *gomap_get_u32(const gomap *m, uint32_t key)
{
    CHECK_KIND(m, KIND_U32, "gomap_get_u32");
    return get_impl(m, KIND_U32, &key);
}

void *gomap_assign_u32(gomap *m, uint32_t key)
{
    CHECK_KIND(m, KIND_U32, "gomap_assign_u32");
    return assign_impl(m, KIND_U32, &key);
}

bool gomap_delete_u32(gomap *m, uint32_t key)
{
    CHECK_KIND(m, KIND_U32, "gomap_delete_u32");
    return delete_impl(m, KIND_U32, &key);
}

void *gomap_get_u64(const gomap *m, uint64_t key)
{
    CHECK_KIND(m, KIND_U64, "gomap_get_u64");
    return get_impl(m, KIND_U64, &key);
}

void *gomap_assign_u64(gomap *m, uint64_t key)
{
    CHECK_KIND(m, KIND_U64, "gomap_assign_u64");
    return assign_impl(m, KIND_U64, &key);
}

bool gomap_delete_u64(gomap *m, uint64_t key)
{
    CHECK_KIND(m, KIND_U64, "gomap_delete_u64");
    return delete_impl(m, KIND_U64, &key);
}

void *gomap_get_str(const gomap *m, const char *ptr, size_t len)
{
    CHECK_KIND(m, KIND_STR, "gomap_get_str");
    gomap_str k = {ptr, len};
    return get_impl(m, KIND_STR, &k);
}

void *gomap_assign_str(gomap *m, const char *ptr, size_t len)
{
    CHECK_KIND(m, KIND_STR, "gomap_assign_str");
    gomap_str k = {ptr, len};
    return assign_impl(m, KIND_STR, &k);
}

bool gomap_delete_str(gomap *m, const char *ptr, size_t len)
{
    CHECK_KIND(m, KIND_STR, "gomap_delete_str");
    gomap_str k = {ptr, len};
    return delete_impl(m, KIND_STR, &k);
}
