#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs what the benchmark suite needs (Debian packages), only those that
# are missing, so a second run does nothing: cmake make gcc g++ pkg-config
# python3 libxxhash-dev libabsl-dev libglib2.0-dev uthash-dev libstb-dev
# gnuplot-nox golang-1.19-go liburcu-dev (the `bench` profile of
# scripts/install-deps.sh, which holds the list).
set -euo pipefail
exec "$(dirname "$0")/../scripts/install-deps.sh" bench
