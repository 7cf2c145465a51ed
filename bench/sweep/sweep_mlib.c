/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sweep_mlib.c - M*LIB's DICT_DEF2 (peers/mlib/m-dict.h) in the size sweep
 * (protocol: common/sweep.h): the default dictionary (an open-addressed
 * index of hash + slot, with the pairs in a separate dense array), defined
 * as the peers README shows, with M*LIB's own oplists and so its default
 * hashes:
 *     u32, u64  keys M_BASIC_OPLIST (M_HASH_DEFAULT: key ^ key<<11 for u32,
 *               key>>33 ^ key ^ key<<11 for u64), values M_BASIC_OPLIST
 *     big       key M_BASIC_OPLIST, the 56-byte struct value M_POD_OPLIST
 *     str       keys M_CSTR_OPLIST (`const char *`, m_core_cstr_hash, strcmp;
 *               the caller's pointer is stored, no copy: the keys outlive
 *               the map), values M_BASIC_OPLIST
 * and its default load bounds. put is _set_at (insert or assign).
 *
 * M*LIB aborts on allocation failure unless M_MEMORY_FULL is defined; it is
 * defined here to print and exit(2) like the other contenders.
 */
#include "../common/sweep.h"

#define M_MEMORY_FULL(size)                                                                        \
    (fprintf(stderr, "mlib: out of memory (%zu bytes)\n", (size_t)(size)), exit(2))
#include "m-dict.h"

DICT_DEF2(dict_u32, uint32_t, M_BASIC_OPLIST, uint32_t, M_BASIC_OPLIST)
DICT_DEF2(dict_u64, uint64_t, M_BASIC_OPLIST, uint64_t, M_BASIC_OPLIST)
DICT_DEF2(dict_big, uint64_t, M_BASIC_OPLIST, sweep_big_val, M_POD_OPLIST)
DICT_DEF2(dict_str, const char *, M_CSTR_OPLIST, uint64_t, M_BASIC_OPLIST)

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

ML_ADAPTER(u32, dict_u32, uint32_t, uint32_t)
#define SWEEP_BP u32
#include "../common/sweep_impl.h"

ML_ADAPTER(u64, dict_u64, uint64_t, uint64_t)
#define SWEEP_BP u64
#include "../common/sweep_impl.h"

ML_ADAPTER(big, dict_big, uint64_t, sweep_big_val)
#define SWEEP_BP big
#include "../common/sweep_impl.h"

ML_ADAPTER(str, dict_str, const char *, uint64_t)
#define SWEEP_BP str
#include "../common/sweep_impl.h"

int main(int argc, char **argv)
{
    sweep_table t = {sweep_u32, sweep_u64, sweep_big, sweep_str};
    return sweep_main(argc, argv, "mlib", t);
}
