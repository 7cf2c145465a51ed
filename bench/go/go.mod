// SPDX-License-Identifier: BSD-3-Clause
module gomapbench

go 1.19
