/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sweep_khash.c - klib's khash (peers/khash.h) in the size sweep (protocol:
 * common/sweep.h), instantiated with its stock macros and therefore its
 * default hashes, as its users do:
 *     u32  KHASH_MAP_INIT_INT   (kh_int_hash_func: the key itself)
 *     u64  KHASH_MAP_INIT_INT64 (kh_int64_hash_func: key>>33 ^ key ^ key<<11)
 *     big  KHASH_INIT with kh_int64_hash_func / kh_int64_hash_equal and the
 *          56-byte struct as the value (what KHASH_MAP_INIT_INT64 expands to)
 *     str  KHASH_MAP_INIT_STR   (kh_str_hash_func: X31 string hash; strcmp)
 * and khash's default maximum load (0.77). The str table stores the caller's
 * pointer (kh_cstr_t, no copy; the keys outlive the map).
 *
 * put is kh_put followed by a store into kh_val (khash's documented
 * insert-or-assign idiom); erase is kh_get then kh_del.
 */
#include "khash.h"

#include "../common/sweep.h"

KHASH_MAP_INIT_INT(u32, uint32_t)
KHASH_MAP_INIT_INT64(u64, uint64_t)
KHASH_INIT(big, khint64_t, sweep_big_val, 1, kh_int64_hash_func, kh_int64_hash_equal)
KHASH_MAP_INIT_STR(str, uint64_t)

static void oom(void)
{
    fprintf(stderr, "khash: out of memory\n");
    exit(2);
}

/* One adapter per blueprint; khash's tables differ only in their names. */
#define KH_ADAPTER(BP, KEY, VAL)                                                                   \
    typedef khash_t(BP) BP##_map;                                                                  \
    static BP##_map *BP##_new(void)                                                                \
    {                                                                                              \
        BP##_map *m = kh_init(BP);                                                                 \
        if (m == NULL)                                                                             \
            oom();                                                                                 \
        return m;                                                                                  \
    }                                                                                              \
    static void BP##_free(BP##_map *m)                                                             \
    {                                                                                              \
        kh_destroy(BP, m);                                                                         \
    }                                                                                              \
    static void BP##_put(BP##_map *m, KEY k, const VAL *v)                                         \
    {                                                                                              \
        int ret;                                                                                   \
        khiter_t it = kh_put(BP, m, k, &ret);                                                      \
        if (ret < 0)                                                                               \
            oom();                                                                                 \
        kh_val(m, it) = *v;                                                                        \
    }                                                                                              \
    static const VAL *BP##_get(BP##_map *m, KEY k)                                                 \
    {                                                                                              \
        khiter_t it = kh_get(BP, m, k);                                                            \
        return it == kh_end(m) ? NULL : &kh_val(m, it);                                            \
    }                                                                                              \
    static bool BP##_erase(BP##_map *m, KEY k)                                                     \
    {                                                                                              \
        khiter_t it = kh_get(BP, m, k);                                                            \
        if (it == kh_end(m))                                                                       \
            return false;                                                                          \
        kh_del(BP, m, it);                                                                         \
        return true;                                                                               \
    }                                                                                              \
    static size_t BP##_iter(BP##_map *m, size_t limit, uint64_t *sum)                              \
    {                                                                                              \
        size_t seen = 0;                                                                           \
        uint64_t s = 0;                                                                            \
        for (khiter_t it = kh_begin(m); seen < limit && it != kh_end(m); ++it) {                   \
            if (!kh_exist(m, it))                                                                  \
                continue;                                                                          \
            s += sweep_word_##BP(&kh_val(m, it));                                                  \
            seen++;                                                                                \
        }                                                                                          \
        *sum += s;                                                                                 \
        return seen;                                                                               \
    }

KH_ADAPTER(u32, uint32_t, uint32_t)
#define SWEEP_BP u32
#include "../common/sweep_impl.h"

KH_ADAPTER(u64, uint64_t, uint64_t)
#define SWEEP_BP u64
#include "../common/sweep_impl.h"

KH_ADAPTER(big, uint64_t, sweep_big_val)
#define SWEEP_BP big
#include "../common/sweep_impl.h"

KH_ADAPTER(str, const char *, uint64_t)
#define SWEEP_BP str
#include "../common/sweep_impl.h"

int main(int argc, char **argv)
{
    sweep_table t = {sweep_u32, sweep_u64, sweep_big, sweep_str};
    return sweep_main(argc, argv, "khash", t);
}
