// SPDX-License-Identifier: BSD-3-Clause
/*
 * sweep_std.cc - std::unordered_map (libstdc++) in the size sweep (protocol:
 * common/sweep.h, adapter: sweep_cxx.h). Default hasher, std::hash: the
 * identity for integers (libstdc++ then takes it modulo a prime bucket
 * count), murmur2-64 (_Hash_bytes) for the 17-byte string keys. Node-based:
 * one allocation per entry. String keys are std::string_view views of the
 * driver's keys.
 */
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "../common/sweep.h"

using u32_map = std::unordered_map<uint32_t, sweep_u32_val>;
using u64_map = std::unordered_map<uint64_t, sweep_u64_val>;
using big_map = std::unordered_map<uint64_t, sweep_big_val>;
using str_map = std::unordered_map<std::string_view, sweep_str_val>;

#include "sweep_cxx.h"

int main(int argc, char **argv)
{
    return sweep_cxx_main(argc, argv, "std");
}
