// SPDX-License-Identifier: BSD-3-Clause
module gomap/bench/gosync

go 1.19
