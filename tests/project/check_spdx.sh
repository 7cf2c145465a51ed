#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every source, header, script, CMake and documentation file names its
# licence in its first two lines, and LICENSE holds the text.
# Usage: check_spdx.sh SOURCE_DIR
set -euo pipefail
cd "$1"
grep -q 'Redistribution and use in source and binary forms' LICENSE
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files)
else
  mapfile -t files < <(find . -path ./.git -prune -o -path './build*' -prune -o -type f -print | sed 's|^\./||')
fi
bad=0
for f in "${files[@]}"; do
  case "$f" in
    LICENSE | tests/fuzz/corpus/* | bench/results/* | *.pyc | *.png | *.svg) continue ;;
  esac
  [ -f "$f" ] || continue
  if ! head -n 2 "$f" | grep -q 'SPDX-License-Identifier: BSD-3-Clause'; then
    echo "no SPDX line: $f"
    bad=1
  fi
done
[ "$bad" -eq 0 ] && echo "spdx: ${#files[@]} files checked"
exit "$bad"
