/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_cxx.h - the protocol of bench.h driven for a C++ map type pair
 * (uint64_t -> uint64_t and std::string_view -> std::string_view) with the
 * std::unordered_map interface: insert_or_assign, find, erase, reserve and
 * range-for. bench_absl.cc and bench_std.cc instantiate it, so both C++
 * contenders run exactly the same code around their tables.
 *
 * Maps live on the stack, as C++ code holds them: creation is the (free)
 * constructor plus reserve(hint), timed with the inserts (destruction only
 * in small mode, as for every contender). The map object itself (40 bytes
 * for absl, 56 for std) is thus not heap and not in mem or footprint.
 */
#ifndef BENCH_PEERS_CXX_H
#define BENCH_PEERS_CXX_H

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "../common/bench.h"

namespace bench_cxx
{

[[noreturn]] inline void fail(const char *name, const char *what)
{
    std::fprintf(stderr, "%s: %s\n", name, what);
    std::exit(2);
}

inline std::string_view view(const char *s)
{
    return std::string_view(s, BENCH_STR_LEN);
}

template <class U64Map, class StrMap> struct Bench {
    static_assert(std::is_same_v<typename U64Map::key_type, uint64_t>, "u64 map keys");
    static_assert(std::is_same_v<typename StrMap::key_type, std::string_view>, "str map keys");

    const char *name;

    template <class Map>
    static constexpr bool is_str = std::is_same_v<typename Map::key_type, std::string_view>;

    template <class Map> static void fill(Map &m, const bench_keys &k)
    {
        for (size_t i = 0; i < k.n; i++) {
            if constexpr (is_str<Map>)
                m.insert_or_assign(view(bench_kstr(&k, i)), view(bench_vstr(&k, i)));
            else
                m.insert_or_assign(k.keys[i], static_cast<uint64_t>(i));
        }
    }

    /* Times `rounds` fills of fresh maps (creation included, freeing not). */
    template <class Map> static double time_fill(const bench_keys &k, size_t rounds, size_t hint)
    {
        uint64_t total = 0;
        for (size_t r = 0; r < rounds; r++) {
            uint64_t t0 = bench_now_ns();
            Map m;
            if (hint != 0)
                m.reserve(hint);
            fill(m, k);
            total += bench_now_ns() - t0;
        }
        return static_cast<double>(total) / static_cast<double>(rounds * k.n);
    }

    /* Untimed: every present key is found with its own value, string
     * keys through a copy so they must be matched by content, not by
     * address. */
    template <class Map> void check_hits(const Map &m, const bench_keys &k) const
    {
        if (m.size() != k.n)
            fail(name, "lookup_hit: map does not hold N entries");
        for (size_t i = 0; i < k.n; i++) {
            size_t j = k.perm[i];
            bool ok;
            if constexpr (is_str<Map>) {
                char copy[BENCH_STR_LEN + 1];
                std::memcpy(copy, bench_kstr(&k, j), sizeof copy);
                auto it = m.find(view(copy));
                ok = it != m.end() && it->second.data() == bench_vstr(&k, j);
            } else {
                auto it = m.find(k.keys[j]);
                ok = it != m.end() && it->second == j;
            }
            if (!ok)
                fail(name, "lookup_hit: key missing or wrong value");
        }
    }

    template <class Map> void run_ops(const bench_args &a) const
    {
        bench_keys k = bench_keys_make(a.n, a.strings);
        size_t n = a.n, rounds = bench_rounds(n);
        const char *key = a.key;

        bench_emit(name, key, n, "insert", time_fill<Map>(k, rounds, 0), "ns/op");

        /* mem: heap growth across one insert of all keys. */
        size_t before = bench_heap_live();
        Map m;
        fill(m, k);
        bench_emit(name, key, n, "mem",
                   static_cast<double>(bench_heap_live() - before) / static_cast<double>(n),
                   "B/entry");

        uint64_t sum = 0, t0 = bench_now_ns();
        for (size_t r = 0; r < rounds; r++) {
            if constexpr (is_str<Map>) {
                for (size_t i = 0; i < n; i++)
                    sum += m.find(view(bench_kstr(&k, k.perm[i])))->second.size();
            } else {
                for (size_t i = 0; i < n; i++)
                    sum += m.find(k.keys[k.perm[i]])->second;
            }
        }
        bench_emit(name, key, n, "lookup_hit",
                   static_cast<double>(bench_now_ns() - t0) / static_cast<double>(rounds * n),
                   "ns/op");
        check_hits(m, k);

        uint64_t found = 0;
        t0 = bench_now_ns();
        for (size_t r = 0; r < rounds; r++) {
            if constexpr (is_str<Map>) {
                for (size_t i = 0; i < n; i++)
                    found += m.find(view(bench_mstr(&k, i))) != m.end();
            } else {
                for (size_t i = 0; i < n; i++)
                    found += m.find(k.miss[i]) != m.end();
            }
        }
        bench_emit(name, key, n, "lookup_miss",
                   static_cast<double>(bench_now_ns() - t0) / static_cast<double>(rounds * n),
                   "ns/op");
        if (found != 0)
            fail(name, "lookup_miss: an absent key was found");
        sum += found;

        t0 = bench_now_ns();
        for (size_t r = 0; r < rounds; r++) {
            if constexpr (is_str<Map>) {
                for (const auto &kv : m)
                    sum += kv.second.size();
            } else {
                for (const auto &kv : m)
                    sum += kv.second;
            }
        }
        bench_emit(name, key, n, "iterate",
                   static_cast<double>(bench_now_ns() - t0) / static_cast<double>(rounds * n),
                   "ns/op");

        /* delete: every round deletes all keys from a full map (refilled
         * untimed for the next round). */
        uint64_t total = 0, deleted = 0;
        for (size_t r = 0; r < rounds; r++) {
            if (r > 0)
                fill(m, k);
            t0 = bench_now_ns();
            if constexpr (is_str<Map>) {
                for (size_t i = 0; i < n; i++)
                    deleted += m.erase(view(bench_kstr(&k, k.perm[i])));
            } else {
                for (size_t i = 0; i < n; i++)
                    deleted += m.erase(k.keys[k.perm[i]]);
            }
            total += bench_now_ns() - t0;
        }
        bench_emit(name, key, n, "delete",
                   static_cast<double>(total) / static_cast<double>(rounds * n), "ns/op");
        if (deleted != rounds * n)
            fail(name, "delete: a present key was not deleted");
        sum += deleted;

        bench_emit(name, key, n, "insert_hint", time_fill<Map>(k, rounds, n), "ns/op");
        bench_consume(sum);
        bench_keys_free(&k);
    }

    // Growing from empty, or (hinted) into a map reserved for all n entries.
    void run_tail(const bench_args &a, bool hinted) const
    {
        bench_keys k = bench_keys_make(a.n, 0);
        uint32_t *lat = static_cast<uint32_t *>(bench_xmalloc(a.n * sizeof *lat));
        {
            U64Map m;
            if (hinted)
                m.reserve(a.n);
            for (size_t i = 0; i < a.n; i++) {
                uint64_t t0 = bench_now_ns();
                m.insert_or_assign(k.keys[i], static_cast<uint64_t>(i));
                uint64_t dt = bench_now_ns() - t0;
                lat[i] = dt > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(dt);
            }
        }
        bench_emit_latencies(name, hinted ? "tail_hint" : "tail", a.n, lat);
        std::free(lat);
        bench_keys_free(&k);
    }

    void run_small(const bench_args &a) const
    {
        constexpr size_t maps = 100000;
        bench_keys k = bench_keys_make(a.n, 0);
        for (int hinted = 0; hinted < 2; hinted++) {
            uint64_t calls = bench_alloc_calls(), t0 = bench_now_ns();
            for (size_t r = 0; r < maps; r++) {
                U64Map m;
                if (hinted)
                    m.reserve(a.n);
                fill(m, k);
            }
            double ns = static_cast<double>(bench_now_ns() - t0) / maps;
            double allocs = static_cast<double>(bench_alloc_calls() - calls) / maps;
            bench_emit(name, "u64", a.n, hinted ? "small_create_hint" : "small_create", ns,
                       "ns/map");
            bench_emit(name, "u64", a.n,
                       hinted ? "small_create_hint_allocs" : "small_create_allocs", allocs,
                       "allocs/map");
        }
        bench_keys_free(&k);
    }

    void run_footprint(const bench_args &a) const
    {
        size_t n = a.n;
        bench_strings str = bench_strings_make(n);
        char **ks = str.keys, **vs = str.vals;
        {
            size_t before = bench_heap_live();
            StrMap m;
            for (size_t i = 0; i < n; i++)
                m.insert_or_assign(std::string_view(ks[i]), std::string_view(vs[i]));
            size_t structures = bench_heap_live() - before;
            bench_emit_footprint(name, &str, structures);
        }
        bench_strings_free(&str);
    }

    int main(int argc, char **argv) const
    {
        bench_args a = bench_parse(argc, argv);
        if (std::strcmp(a.mode, "ops") == 0) {
            if (a.strings)
                run_ops<StrMap>(a);
            else
                run_ops<U64Map>(a);
        } else if (std::strcmp(a.mode, "tail") == 0) {
            run_tail(a, false);
        } else if (std::strcmp(a.mode, "tail_hint") == 0) {
            run_tail(a, true);
        } else if (std::strcmp(a.mode, "small") == 0) {
            run_small(a);
        } else if (std::strcmp(a.mode, "footprint") == 0) {
            run_footprint(a);
        } else if (std::strcmp(a.mode, "churn") == 0) {
            std::fprintf(stderr, "%s: no mode %s\n", argv[0], a.mode);
            return BENCH_EXIT_UNSUPPORTED;
        } else {
            std::fprintf(stderr, "%s: unknown mode %s\n", argv[0], a.mode);
            return 2;
        }
        return 0;
    }
};

} // namespace bench_cxx

#endif
