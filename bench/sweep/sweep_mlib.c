/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sweep_mlib.c - M*LIB's dictionaries (peers/mlib/m-dict.h) in the size sweep
 * (protocol: common/sweep.h), built twice:
 *   - sweep_mlib: DICT_DEF2, the default dictionary (an open-addressed index
 *     of hash + slot, with the pairs in a separate dense array), defined as
 *     the peers README shows;
 *   - sweep_mlib_oa (MLIB_OA): DICT_OA_DEF2, the (key, value) pairs in one
 *     probed array.
 * Both with M*LIB's own oplists and so its default hashes and load bounds:
 *     u32, u64  keys M_BASIC_OPLIST (M_HASH_DEFAULT: key ^ key<<11 for u32,
 *               key>>33 ^ key ^ key<<11 for u64), values M_BASIC_OPLIST
 *     big       key M_BASIC_OPLIST, the 56-byte struct value M_POD_OPLIST
 *     str       keys M_CSTR_OPLIST (`const char *`, m_core_cstr_hash, strcmp;
 *               the caller's pointer is stored, no copy: the keys outlive
 *               the map), values M_BASIC_OPLIST
 * put is _set_at (insert or assign).
 *
 * DICT_OA marks empty and deleted slots in the key itself, so m-dict.h
 * requires the key oplist to have OOR_SET / OOR_EQUAL: two out-of-range
 * values (n = 0 empty, n = 1 deleted) that are never real keys. Each key
 * oplist is the default one M_OPEXTENDed with them:
 *   - integers: the two largest values, UINT32_MAX / UINT32_MAX - 1 and
 *     UINT64_MAX / UINT64_MAX - 1 (n = 0, 1). The sweep's keys cannot be
 *     these: they are the splitmix streams 42 and 4242 (low 32 bits for
 *     u32), and neither stream yields any of the four values in its first
 *     64 million outputs (checked), far beyond the 2,000,000 keys and
 *     2 * 1,000 * steps absent keys a run draws. A user with arbitrary keys
 *     would have to exclude them the same way.
 *   - C strings: the addresses of two static empty strings, compared by
 *     address. m-dict.h compares stored keys with EQUAL (strcmp) before
 *     OOR_EQUAL, including slots holding an out-of-range value, so those
 *     must be valid strings; being empty, they equal no sweep key (all are
 *     17 characters), and the empty string is the one key this table cannot
 *     hold.
 * M*LIB aborts on allocation failure unless M_MEMORY_FULL is defined; it is
 * defined here to print and exit(2) like the other contenders.
 */
#include "../common/sweep.h"

#ifdef MLIB_OA
#define ML_NAME "mlib_oa"
#else
#define ML_NAME "mlib"
#endif

#define M_MEMORY_FULL(size)                                                                        \
    (fprintf(stderr, ML_NAME ": out of memory (%zu bytes)\n", (size_t)(size)), exit(2))
#include "m-dict.h"

#ifdef MLIB_OA
/* Out-of-range keys: n is 0 (empty) or 1 (deleted). */
#define U32_OOR_EQUAL(k, n) ((k) == UINT32_MAX - (uint32_t)(n))
#define U32_OOR_SET(k, n)   ((k) = UINT32_MAX - (uint32_t)(n))
#define U64_OOR_EQUAL(k, n) ((k) == UINT64_MAX - (uint64_t)(n))
#define U64_OOR_SET(k, n)   ((k) = UINT64_MAX - (uint64_t)(n))
static const char str_oor[2][1] = {"", ""};
#define STR_OOR_EQUAL(k, n) ((k) == str_oor[(n)])
#define STR_OOR_SET(k, n)   ((k) = str_oor[(n)])

#define U32_OA_OPLIST M_OPEXTEND(M_BASIC_OPLIST, OOR_EQUAL(U32_OOR_EQUAL), OOR_SET(U32_OOR_SET))
#define U64_OA_OPLIST M_OPEXTEND(M_BASIC_OPLIST, OOR_EQUAL(U64_OOR_EQUAL), OOR_SET(U64_OOR_SET))
#define STR_OA_OPLIST M_OPEXTEND(M_CSTR_OPLIST, OOR_EQUAL(STR_OOR_EQUAL), OOR_SET(STR_OOR_SET))

DICT_OA_DEF2(ml_u32, uint32_t, U32_OA_OPLIST, uint32_t, M_BASIC_OPLIST)
DICT_OA_DEF2(ml_u64, uint64_t, U64_OA_OPLIST, uint64_t, M_BASIC_OPLIST)
DICT_OA_DEF2(ml_big, uint64_t, U64_OA_OPLIST, sweep_big_val, M_POD_OPLIST)
DICT_OA_DEF2(ml_str, const char *, STR_OA_OPLIST, uint64_t, M_BASIC_OPLIST)
#else
DICT_DEF2(ml_u32, uint32_t, M_BASIC_OPLIST, uint32_t, M_BASIC_OPLIST)
DICT_DEF2(ml_u64, uint64_t, M_BASIC_OPLIST, uint64_t, M_BASIC_OPLIST)
DICT_DEF2(ml_big, uint64_t, M_BASIC_OPLIST, sweep_big_val, M_POD_OPLIST)
DICT_DEF2(ml_str, const char *, M_CSTR_OPLIST, uint64_t, M_BASIC_OPLIST)
#endif

/* A dict_t is a one-element array of struct D_s; the map handed out is that
 * struct, malloc'd, which the dict functions take as their dict_t. */
#define ML_ADAPTER(BP, D, KEY, VAL)                                                                \
    typedef struct D##_s BP##_map;                                                                 \
    static BP##_map *BP##_new(void)                                                                \
    {                                                                                              \
        BP##_map *m = (BP##_map *)bench_xmalloc(sizeof *m);                                        \
        D##_init(m);                                                                               \
        return m;                                                                                  \
    }                                                                                              \
    static void BP##_free(BP##_map *m)                                                             \
    {                                                                                              \
        D##_clear(m);                                                                              \
        free(m);                                                                                   \
    }                                                                                              \
    static void BP##_put(BP##_map *m, KEY k, const VAL *v)                                         \
    {                                                                                              \
        D##_set_at(m, k, *v);                                                                      \
    }                                                                                              \
    static const VAL *BP##_get(BP##_map *m, KEY k)                                                 \
    {                                                                                              \
        return D##_get(m, k);                                                                      \
    }                                                                                              \
    static bool BP##_erase(BP##_map *m, KEY k)                                                     \
    {                                                                                              \
        return D##_erase(m, k);                                                                    \
    }                                                                                              \
    static size_t BP##_iter(BP##_map *m, size_t limit, uint64_t *sum)                              \
    {                                                                                              \
        size_t seen = 0;                                                                           \
        uint64_t s = 0;                                                                            \
        D##_it_t it;                                                                               \
        for (D##_it(it, m); seen < limit && !D##_end_p(it); D##_next(it)) {                        \
            s += sweep_word_##BP(&D##_cref(it)->value);                                            \
            seen++;                                                                                \
        }                                                                                          \
        *sum += s;                                                                                 \
        return seen;                                                                               \
    }

ML_ADAPTER(u32, ml_u32, uint32_t, uint32_t)
#define SWEEP_BP u32
#include "../common/sweep_impl.h"

ML_ADAPTER(u64, ml_u64, uint64_t, uint64_t)
#define SWEEP_BP u64
#include "../common/sweep_impl.h"

ML_ADAPTER(big, ml_big, uint64_t, sweep_big_val)
#define SWEEP_BP big
#include "../common/sweep_impl.h"

ML_ADAPTER(str, ml_str, const char *, uint64_t)
#define SWEEP_BP str
#include "../common/sweep_impl.h"

int main(int argc, char **argv)
{
    sweep_table t = {sweep_u32, sweep_u64, sweep_big, sweep_str};
    return sweep_main(argc, argv, ML_NAME, t);
}
