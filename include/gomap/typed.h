/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * typed.h - type-safe maps declared with one macro on top of the generic
 * API, using the key kinds' fast paths where they exist.
 *
 *     GOMAP_DECLARE(wordcount, str, uint64_t)
 *
 *     wordcount *wc = wordcount_new(0);          // NULL + errno on failure
 *     uint64_t *n = wordcount_slot(wc, gomap_str_of("go")); // inserted as 0
 *     ++*n;
 *     wordcount_iter it;
 *     for (wordcount_iter_init(&it, wc); wordcount_iter_next(&it);)
 *         printf("%.*s %llu\n", (int)it.key->len, it.key->ptr,
 *                (unsigned long long)*it.elem);
 *     wordcount_free(wc);
 *
 * Declarations (all static inline, so a header may hold them):
 *
 *   GOMAP_DECLARE(name, kind, V)       kind: u32, u64, str or f64; keys K =
 *                                      uint32_t, uint64_t, gomap_str, double,
 *                                      passed by value
 *   GOMAP_DECLARE_GENERIC(name, K, V, hash, equal)
 *                                      any key type; keys passed as const K *;
 *                                      hash/equal are gomap_hash_fn and
 *                                      gomap_equal_fn over K
 *   GOMAP_DECLARE_SET(name, kind)      a set of keys of a ready-made kind
 *
 * Each declares an opaque type `name` (a gomap underneath: name_map gives
 * it, for gomap_stats_get and the rest) and, for maps:
 *
 *   name *name_new(size_t hint), *name_new_with(size_t hint, const gomap_options *)
 *   name *name_init(void *storage, size_t size, const gomap_options *)
 *                                           in the caller's storage (gomap_init),
 *                                           of name_storage_size() bytes, at most
 *                                           GOMAP_STORAGE_BYTES(sizeof(K), sizeof(V))
 *   void  name_free(name *)                 NULL is fine
 *   size_t name_len(const name *)
 *   V    *name_get(const name *, key)       NULL if absent
 *   bool  name_has(const name *, key)
 *   V     name_get_or(const name *, key, V fallback)
 *   V    *name_slot(name *, key)            inserts a zeroed V if absent; NULL + ENOMEM
 *   bool  name_put(name *, key, V)          false + ENOMEM (map unchanged)
 *   bool  name_delete(name *, key)          true if it was present
 *   void  name_clear(name *)
 *   name *name_clone(const name *)
 *   name_iter with .key (const K *) and .elem (V *):
 *         name_iter_init(&it, m), name_iter_next(&it), name_iter_done(&it)
 *
 * and for sets: name_new, name_new_with, name_init, name_storage_size,
 * name_free, name_len, name_has, name_add (false + ENOMEM), name_delete,
 * name_clear, name_clone, and name_iter with .key. Ownership, errors and
 * pointer invalidation are those of the functions in gomap.h that each one
 * calls (string keys are not copied: the caller keeps the bytes alive).
 */
#ifndef GOMAP_TYPED_H
#define GOMAP_TYPED_H

#include <gomap/gomap.h>

#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Functions a declaration makes but a program does not call are fine. */
#if defined(__GNUC__)
#define GOMAP_TYPED_FN_ static inline __attribute__((unused))
#else
#define GOMAP_TYPED_FN_ static inline
#endif

/** A gomap_str for a NUL-terminated string (not copied). */
static inline gomap_str gomap_str_of(const char *s)
{
    gomap_str r = {s, strlen(s)};
    return r;
}

/** The descriptor of a generic key type (a function, not a compound literal,
 * so that the declarators also compile as C++). */
static inline gomap_type gomap_typed_generic_type_(size_t key_size, size_t key_align,
                                                   size_t elem_size, size_t elem_align,
                                                   gomap_hash_fn hash, gomap_equal_fn equal)
{
    gomap_type t;
    memset(&t, 0, sizeof t);
    t.key_size = key_size;
    t.key_align = key_align;
    t.elem_size = elem_size;
    t.elem_align = elem_align;
    t.hash = hash;
    t.equal = equal;
    return t;
}

/* ---- Per-kind pieces ------------------------------------------------------ */

#define GOMAP_TYPED_KEY_u32 uint32_t
#define GOMAP_TYPED_KEY_u64 uint64_t
#define GOMAP_TYPED_KEY_str gomap_str
#define GOMAP_TYPED_KEY_f64 double

#define GOMAP_TYPED_TYPE_u32(size, align) gomap_type_u32(size, align)
#define GOMAP_TYPED_TYPE_u64(size, align) gomap_type_u64(size, align)
#define GOMAP_TYPED_TYPE_str(size, align) gomap_type_str(size, align)
#define GOMAP_TYPED_TYPE_f64(size, align) gomap_type_f64(size, align)

#define GOMAP_TYPED_GET_u32(m, k)    gomap_get_u32(m, k)
#define GOMAP_TYPED_GET_u64(m, k)    gomap_get_u64(m, k)
#define GOMAP_TYPED_GET_str(m, k)    gomap_get_str(m, (k).ptr, (k).len)
#define GOMAP_TYPED_GET_f64(m, k)    gomap_get(m, &(k))
#define GOMAP_TYPED_ASSIGN_u32(m, k) gomap_assign_u32(m, k)
#define GOMAP_TYPED_ASSIGN_u64(m, k) gomap_assign_u64(m, k)
#define GOMAP_TYPED_ASSIGN_str(m, k) gomap_assign_str(m, (k).ptr, (k).len)
#define GOMAP_TYPED_ASSIGN_f64(m, k) gomap_assign(m, &(k))
#define GOMAP_TYPED_DELETE_u32(m, k) gomap_delete_u32(m, k)
#define GOMAP_TYPED_DELETE_u64(m, k) gomap_delete_u64(m, k)
#define GOMAP_TYPED_DELETE_str(m, k) gomap_delete_str(m, (k).ptr, (k).len)
#define GOMAP_TYPED_DELETE_f64(m, k) gomap_delete(m, &(k))

/** Generic keys arrive as const K *. */
#define GOMAP_TYPED_GET_ptr(m, k)    gomap_get(m, k)
#define GOMAP_TYPED_ASSIGN_ptr(m, k) gomap_assign(m, k)
#define GOMAP_TYPED_DELETE_ptr(m, k) gomap_delete(m, k)

/* ---- Shared by maps and sets ------------------------------------------------ */

#define GOMAP_TYPED_COMMON_(name, KPARAM, K, TYPE_EXPR, GET, DEL)                                  \
    typedef struct name name;                                                                      \
    GOMAP_TYPED_FN_ gomap_type name##_type_(void)                                                  \
    {                                                                                              \
        return TYPE_EXPR;                                                                          \
    }                                                                                              \
    GOMAP_TYPED_FN_ name *name##_new_with(size_t hint, const gomap_options *opt)                   \
    {                                                                                              \
        gomap_type t = name##_type_();                                                             \
        return (name *)(void *)gomap_new_with(&t, hint, opt);                                      \
    }                                                                                              \
    GOMAP_TYPED_FN_ name *name##_new(size_t hint)                                                  \
    {                                                                                              \
        return name##_new_with(hint, NULL);                                                        \
    }                                                                                              \
    GOMAP_TYPED_FN_ size_t name##_storage_size(void)                                               \
    {                                                                                              \
        gomap_type t = name##_type_();                                                             \
        return gomap_storage_size(&t);                                                             \
    }                                                                                              \
    GOMAP_TYPED_FN_ name *name##_init(void *buf, size_t size, const gomap_options *opt)            \
    {                                                                                              \
        gomap_type t = name##_type_();                                                             \
        return (name *)(void *)gomap_init(buf, size, &t, opt);                                     \
    }                                                                                              \
    GOMAP_TYPED_FN_ gomap *name##_map(const name *m)                                               \
    {                                                                                              \
        return (gomap *)(void *)(name *)m;                                                         \
    }                                                                                              \
    GOMAP_TYPED_FN_ void name##_free(name *m)                                                      \
    {                                                                                              \
        gomap_free(name##_map(m));                                                                 \
    }                                                                                              \
    GOMAP_TYPED_FN_ size_t name##_len(const name *m)                                               \
    {                                                                                              \
        return gomap_len(name##_map(m));                                                           \
    }                                                                                              \
    GOMAP_TYPED_FN_ bool name##_has(const name *m, KPARAM key)                                     \
    {                                                                                              \
        return GET(name##_map(m), key) != NULL;                                                    \
    }                                                                                              \
    GOMAP_TYPED_FN_ bool name##_delete(name *m, KPARAM key)                                        \
    {                                                                                              \
        return DEL(name##_map(m), key);                                                            \
    }                                                                                              \
    GOMAP_TYPED_FN_ void name##_clear(name *m)                                                     \
    {                                                                                              \
        gomap_clear(name##_map(m));                                                                \
    }                                                                                              \
    GOMAP_TYPED_FN_ name *name##_clone(const name *m)                                              \
    {                                                                                              \
        return (name *)(void *)gomap_clone(name##_map(m));                                         \
    }

#define GOMAP_TYPED_MAP_(name, KPARAM, K, V, TYPE_EXPR, GET, ASSIGN, DEL)                          \
    GOMAP_TYPED_COMMON_(name, KPARAM, K, TYPE_EXPR, GET, DEL)                                      \
    GOMAP_TYPED_FN_ V *name##_get(const name *m, KPARAM key)                                       \
    {                                                                                              \
        return (V *)GET(name##_map(m), key);                                                       \
    }                                                                                              \
    GOMAP_TYPED_FN_ V name##_get_or(const name *m, KPARAM key, V fallback)                         \
    {                                                                                              \
        V *e = name##_get(m, key);                                                                 \
        return e != NULL ? *e : fallback;                                                          \
    }                                                                                              \
    GOMAP_TYPED_FN_ V *name##_slot(name *m, KPARAM key)                                            \
    {                                                                                              \
        return (V *)ASSIGN(name##_map(m), key);                                                    \
    }                                                                                              \
    GOMAP_TYPED_FN_ bool name##_put(name *m, KPARAM key, V value)                                  \
    {                                                                                              \
        V *e = name##_slot(m, key);                                                                \
        if (e == NULL)                                                                             \
            return false;                                                                          \
        *e = value;                                                                                \
        return true;                                                                               \
    }                                                                                              \
    typedef struct name##_iter {                                                                   \
        const K *key;                                                                              \
        V *elem;                                                                                   \
        gomap_iter it_;                                                                            \
    } name##_iter;                                                                                 \
    GOMAP_TYPED_FN_ void name##_iter_init(name##_iter *it, name *m)                                \
    {                                                                                              \
        it->key = NULL;                                                                            \
        it->elem = NULL;                                                                           \
        gomap_iter_init(&it->it_, name##_map(m));                                                  \
    }                                                                                              \
    GOMAP_TYPED_FN_ bool name##_iter_next(name##_iter *it)                                         \
    {                                                                                              \
        bool more = gomap_iter_next(&it->it_);                                                     \
        it->key = (const K *)it->it_.key;                                                          \
        it->elem = (V *)it->it_.elem;                                                              \
        return more;                                                                               \
    }                                                                                              \
    GOMAP_TYPED_FN_ void name##_iter_done(name##_iter *it)                                         \
    {                                                                                              \
        gomap_iter_done(&it->it_);                                                                 \
    }

/* ---- Public declarators ------------------------------------------------------- */

/** Declares a map type `name` from keys of the ready-made kind `kind` (u32,
 * u64, str or f64; keys passed by value) to elems of type V, and its
 * functions (see the top of this file). Every function costs what the
 * gomap.h function it calls costs. */
#define GOMAP_DECLARE(name, kind, V)                                                               \
    GOMAP_TYPED_MAP_(name, GOMAP_TYPED_KEY_##kind, GOMAP_TYPED_KEY_##kind, V,                      \
                     GOMAP_TYPED_TYPE_##kind(sizeof(V), GOMAP_ALIGNOF(V)), GOMAP_TYPED_GET_##kind, \
                     GOMAP_TYPED_ASSIGN_##kind, GOMAP_TYPED_DELETE_##kind)

/** Declares a map type `name` from keys of any type K (passed as const K *)
 * to elems of type V; hash_fn and equal_fn are a gomap_hash_fn and a
 * gomap_equal_fn over K. */
#define GOMAP_DECLARE_GENERIC(name, K, V, hash_fn, equal_fn)                                       \
    GOMAP_TYPED_MAP_(                                                                              \
        name, const K *, K, V,                                                                     \
        gomap_typed_generic_type_(GOMAP_ELEM(K), GOMAP_ELEM(V), hash_fn, equal_fn),                \
        GOMAP_TYPED_GET_ptr, GOMAP_TYPED_ASSIGN_ptr, GOMAP_TYPED_DELETE_ptr)

/** Declares a set type `name` of keys of the ready-made kind `kind`, with
 * name_add in place of name_put and no elems. */
#define GOMAP_DECLARE_SET(name, kind)                                                              \
    GOMAP_TYPED_COMMON_(name, GOMAP_TYPED_KEY_##kind, GOMAP_TYPED_KEY_##kind,                      \
                        GOMAP_TYPED_TYPE_##kind(0, 1), GOMAP_TYPED_GET_##kind,                     \
                        GOMAP_TYPED_DELETE_##kind)                                                 \
    GOMAP_TYPED_FN_ bool name##_add(name *m, GOMAP_TYPED_KEY_##kind key)                           \
    {                                                                                              \
        return GOMAP_TYPED_ASSIGN_##kind(name##_map(m), key) != NULL;                              \
    }                                                                                              \
    typedef struct name##_iter {                                                                   \
        const GOMAP_TYPED_KEY_##kind *key;                                                         \
        gomap_iter it_;                                                                            \
    } name##_iter;                                                                                 \
    GOMAP_TYPED_FN_ void name##_iter_init(name##_iter *it, name *m)                                \
    {                                                                                              \
        it->key = NULL;                                                                            \
        gomap_iter_init(&it->it_, name##_map(m));                                                  \
    }                                                                                              \
    GOMAP_TYPED_FN_ bool name##_iter_next(name##_iter *it)                                         \
    {                                                                                              \
        bool more = gomap_iter_next(&it->it_);                                                     \
        it->key = (const GOMAP_TYPED_KEY_##kind *)it->it_.key;                                     \
        return more;                                                                               \
    }                                                                                              \
    GOMAP_TYPED_FN_ void name##_iter_done(name##_iter *it)                                         \
    {                                                                                              \
        gomap_iter_done(&it->it_);                                                                 \
    }

#ifdef __cplusplus
}
#endif

#endif /* GOMAP_TYPED_H */
