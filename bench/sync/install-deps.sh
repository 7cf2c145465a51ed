#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs what the concurrent-map benchmark needs (Debian packages), only
# those that are missing: cmake make gcc pkg-config python3 libxxhash-dev
# liburcu-dev golang-1.19-go (the `bench-sync` profile of
# scripts/install-deps.sh, which holds the list).
set -euo pipefail
exec "$(dirname "$0")/../../scripts/install-deps.sh" bench-sync
