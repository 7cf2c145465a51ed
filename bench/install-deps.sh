#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs what the benchmark suite needs (Debian packages), only those that
# are missing, so a second run does nothing.
set -euo pipefail
packages=(cmake make gcc g++ pkg-config python3 libxxhash-dev libabsl-dev libglib2.0-dev
          uthash-dev libstb-dev gnuplot-nox golang-1.19-go)
# The library's concurrency part (gomap_sync, gomap_snapshot) links liburcu.
packages+=(liburcu-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
