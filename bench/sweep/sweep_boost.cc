// SPDX-License-Identifier: BSD-3-Clause
/*
 * sweep_boost.cc - boost::unordered_flat_map (Boost 1.85 single header from
 * GOMAP_PEERS_DIR, C++20) in the size sweep (protocol: common/sweep.h,
 * adapter: sweep_cxx.h). Default hasher, boost::hash: the identity for
 * integers, which boost::hash_is_avalanching reports as not avalanching, so
 * the table post-mixes every integer hash with mulx (a 64x64->128 multiply
 * by 0x9E3779B97F4A7C15, high ^ low); for the 17-byte string keys
 * boost::hash_range (a mulx-based byte hash), declared avalanching, so no
 * post-mixing. String keys are std::string_view views of the driver's keys.
 */
#include <boost_unordered.hpp>

#include <cstdint>
#include <string_view>

#include "../common/sweep.h"

using u32_map = boost::unordered_flat_map<uint32_t, sweep_u32_val>;
using u64_map = boost::unordered_flat_map<uint64_t, sweep_u64_val>;
using big_map = boost::unordered_flat_map<uint64_t, sweep_big_val>;
using str_map = boost::unordered_flat_map<std::string_view, sweep_str_val>;

#include "sweep_cxx.h"

int main(int argc, char **argv)
{
    return sweep_cxx_main(argc, argv, "boost");
}
