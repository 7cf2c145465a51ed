/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_absl.cc - absl::flat_hash_map as a contender of the suite (protocol:
 * bench.h). Default hasher (absl::Hash); string maps hold std::string_view
 * views of the pre-built key and value strings.
 */
#include <absl/container/flat_hash_map.h>

#include "bench_cxx.h"

int main(int argc, char **argv)
{
    const bench_cxx::Bench<absl::flat_hash_map<uint64_t, uint64_t>,
                           absl::flat_hash_map<std::string_view, std::string_view>>
        bench{"absl"};
    return bench.main(argc, argv);
}
