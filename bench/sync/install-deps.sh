#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs what the concurrent-map benchmark needs (Debian packages), only
# those that are missing.
set -euo pipefail
packages=(cmake make gcc pkg-config python3 libxxhash-dev liburcu-dev golang-1.19-go)
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
