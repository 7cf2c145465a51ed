// SPDX-License-Identifier: BSD-3-Clause
/*
 * sweep_cxx.h - the size sweep (protocol: common/sweep.h) for a C++ table
 * with the std::unordered_map interface (insert_or_assign, find, erase(key),
 * begin/end). The including file defines four type aliases first:
 *     u32_map  uint32_t         -> uint32_t
 *     u64_map  uint64_t         -> uint64_t
 *     big_map  uint64_t         -> sweep_big_val (56 bytes)
 *     str_map  std::string_view -> uint64_t
 * then includes this header and writes
 *     int main(int argc, char **argv) { return sweep_cxx_main(argc, argv, "name"); }
 * String keys are std::string_view views of the driver's 17-byte keys, which
 * stay alive for the whole run (as bench_cxx.h does). The driver
 * (common/sweep_impl.h) is the C one, compiled here as C++, so every C++
 * contender runs exactly the same code around its table as the C ones.
 */
#ifndef BENCH_SWEEP_CXX_H
#define BENCH_SWEEP_CXX_H

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "../common/sweep.h"

namespace sweep_cxx
{

inline uint32_t key(uint32_t k)
{
    return k;
}
inline uint64_t key(uint64_t k)
{
    return k;
}
inline std::string_view key(const char *k)
{
    return std::string_view(k, BENCH_STR_LEN);
}

template <class Map, class K, class V> inline void put(Map *m, K k, const V *v)
{
    m->insert_or_assign(key(k), *v);
}

template <class Map, class K> inline const typename Map::mapped_type *get(Map *m, K k)
{
    auto it = m->find(key(k));
    return it == m->end() ? nullptr : &it->second;
}

template <class Map, class K> inline bool erase(Map *m, K k)
{
    return m->erase(key(k)) != 0;
}

/* Up to limit entries of a fresh iteration from begin(). */
template <class Map, class Word>
inline size_t iter(Map *m, size_t limit, uint64_t *sum, Word word)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (auto it = m->begin(); seen < limit && it != m->end(); ++it) {
        s += word(&it->second);
        seen++;
    }
    *sum += s;
    return seen;
}

} // namespace sweep_cxx

static_assert(std::is_same_v<u32_map::key_type, uint32_t> &&
                  std::is_same_v<u32_map::mapped_type, sweep_u32_val>,
              "u32_map: uint32_t -> uint32_t");
static_assert(std::is_same_v<u64_map::key_type, uint64_t> &&
                  std::is_same_v<u64_map::mapped_type, sweep_u64_val>,
              "u64_map: uint64_t -> uint64_t");
static_assert(std::is_same_v<big_map::key_type, uint64_t> &&
                  std::is_same_v<big_map::mapped_type, sweep_big_val>,
              "big_map: uint64_t -> sweep_big_val");
static_assert(std::is_same_v<str_map::key_type, std::string_view> &&
                  std::is_same_v<str_map::mapped_type, sweep_str_val>,
              "str_map: std::string_view -> uint64_t");

/* The contract of sweep.h, once per blueprint. */
#define SWEEP_CXX_BLUEPRINT(BP)                                                                   \
    static BP##_map *BP##_new(void)                                                               \
    {                                                                                             \
        return new BP##_map;                                                                      \
    }                                                                                             \
    static void BP##_free(BP##_map *m)                                                            \
    {                                                                                             \
        delete m;                                                                                 \
    }                                                                                             \
    static void BP##_put(BP##_map *m, sweep_##BP##_key k, const sweep_##BP##_val *v)              \
    {                                                                                             \
        sweep_cxx::put(m, k, v);                                                                  \
    }                                                                                             \
    static const sweep_##BP##_val *BP##_get(BP##_map *m, sweep_##BP##_key k)                      \
    {                                                                                             \
        return sweep_cxx::get(m, k);                                                              \
    }                                                                                             \
    static bool BP##_erase(BP##_map *m, sweep_##BP##_key k)                                       \
    {                                                                                             \
        return sweep_cxx::erase(m, k);                                                            \
    }                                                                                             \
    static size_t BP##_iter(BP##_map *m, size_t limit, uint64_t *sum)                             \
    {                                                                                             \
        return sweep_cxx::iter(m, limit, sum,                                                     \
                               [](const sweep_##BP##_val *v) { return sweep_word_##BP(v); });     \
    }

SWEEP_CXX_BLUEPRINT(u32)
#define SWEEP_BP u32
#include "../common/sweep_impl.h"

SWEEP_CXX_BLUEPRINT(u64)
#define SWEEP_BP u64
#include "../common/sweep_impl.h"

SWEEP_CXX_BLUEPRINT(big)
#define SWEEP_BP big
#include "../common/sweep_impl.h"

SWEEP_CXX_BLUEPRINT(str)
#define SWEEP_BP str
#include "../common/sweep_impl.h"

#undef SWEEP_CXX_BLUEPRINT

static inline int sweep_cxx_main(int argc, char **argv, const char *contender)
{
    const sweep_table t = {sweep_u32, sweep_u64, sweep_big, sweep_str};
    return sweep_main(argc, argv, contender, t);
}

#endif
