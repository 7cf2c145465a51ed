#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# gomap(1) renders without a groff warning and names every subcommand and
# option that `gomap --help` and `gomap <command> --help` list.
# Usage: check_manpage.sh SOURCE_DIR PATH/TO/gomap
set -euo pipefail
src=$1 gomap=$2
page="$src/docs/gomap.1"
if ! command -v groff >/dev/null; then
  echo "manpage: skipped (no groff; Debian: groff-base)"
  exit 77
fi
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$warnings" ] || { echo "$warnings"; exit 1; }
text=$(groff -man -Tutf8 "$page" 2>/dev/null | sed 's/.\x08//g')
for sub in footprint layout grow bench; do
  grep -q "gomap $sub" <<<"$text" || { echo "man page lacks $sub"; exit 1; }
  for opt in $("$gomap" "$sub" --help | grep -oE '^  (--[a-z-]+|-n)' ); do
    grep -q -- "$opt" <<<"$text" || { echo "man page lacks $sub $opt"; exit 1; }
  done
done
grep -q -- '--version' <<<"$text"
echo "manpage: renders cleanly and covers every command and option"
