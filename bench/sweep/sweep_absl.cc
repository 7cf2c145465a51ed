// SPDX-License-Identifier: BSD-3-Clause
/*
 * sweep_absl.cc - absl::flat_hash_map in the size sweep (protocol:
 * common/sweep.h, adapter: sweep_cxx.h). Default hasher, absl::Hash: for
 * integers one 64x64->128 multiply-fold of the key with a per-process seed;
 * for the 17-byte string keys absl's LowLevelHash of the bytes, mixed with
 * the length. String keys are std::string_view views of the driver's keys.
 */
#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <string_view>

#include "../common/sweep.h"

using u32_map = absl::flat_hash_map<uint32_t, sweep_u32_val>;
using u64_map = absl::flat_hash_map<uint64_t, sweep_u64_val>;
using big_map = absl::flat_hash_map<uint64_t, sweep_big_val>;
using str_map = absl::flat_hash_map<std::string_view, sweep_str_val>;

#include "sweep_cxx.h"

int main(int argc, char **argv)
{
    return sweep_cxx_main(argc, argv, "absl");
}
