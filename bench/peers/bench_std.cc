/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_std.cc - std::unordered_map as a contender of the suite (protocol:
 * bench.h). Default hasher (std::hash, the identity for integers in
 * libstdc++); string maps hold std::string_view views of the pre-built key
 * and value strings.
 */
#include <unordered_map>

#include "bench_cxx.h"

int main(int argc, char **argv)
{
    const bench_cxx::Bench<std::unordered_map<uint64_t, uint64_t>,
                           std::unordered_map<std::string_view, std::string_view>>
        bench{"std"};
    return bench.main(argc, argv);
}
