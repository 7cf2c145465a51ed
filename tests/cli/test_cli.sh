#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The gomap command-line tool: every subcommand, its --help and --json output
# (checked with python3 -m json.tool), SVG output (parsed as XML) and the
# error cases (exit status 2, nothing on stdout, no file written).
# Usage: test_cli.sh PATH/TO/gomap SOURCE_DIR
set -uo pipefail
gomap=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# ok NAME CMD...: must exit 0; stdout in $work/out, stderr in $work/err.
ok() {
  local name=$1
  shift
  if ! "$@" >"$work/out" 2>"$work/err"; then
    fail "$name: exit $? from: $*"
    sed 's/^/  stderr: /' "$work/err" >&2
    return 1
  fi
  return 0
}

# has NAME PATTERN: stdout of the last command matches the extended regex.
has() {
  grep -Eq -- "$2" "$work/out" || fail "$1: output lacks /$2/"
}

json() {
  python3 -m json.tool "$work/out" >/dev/null 2>&1 || fail "$1: --json output is not JSON"
}

# check NAME PYTHON-EXPR: evaluates the expression with d = the JSON output.
check() {
  python3 -c "import json,sys; d=json.load(open('$work/out')); sys.exit(0 if ($2) else 1)" ||
    fail "$1: JSON check failed: $2"
}

svg_ok() {
  python3 -c "import xml.dom.minidom as m; m.parse('$2')" 2>/dev/null ||
    fail "$1: $2 is not well-formed SVG"
}

# bad NAME CMD...: must exit 2 with a message on stderr and nothing on stdout.
bad() {
  local name=$1
  shift
  "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  [ "$rc" -eq 2 ] || fail "$name: exit $rc, want 2, from: $*"
  [ -s "$work/out" ] && fail "$name: wrote to stdout"
  [ -s "$work/err" ] || fail "$name: no message on stderr"
  grep -q "^gomap" "$work/err" || fail "$name: message does not name the command"
}

# ---- help -------------------------------------------------------------------
ok "help" "$gomap" --help && has help "footprint" && has help "layout" && has help "grow"
for sub in footprint layout grow bench; do
  ok "$sub --help" "$gomap" "$sub" --help && has "$sub --help" "^Usage: gomap $sub"
  ok "$sub --version" "$gomap" "$sub" --version && has "$sub --version" "^gomap [0-9]+\.[0-9]+\.[0-9]+$"
done
ok "--version" "$gomap" --version && has "--version" "^gomap [0-9]+\.[0-9]+\.[0-9]+$"
version=$(sed -n 's/^project(gomap VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
has "--version matches the project" "^gomap $version$"

# ---- footprint ----------------------------------------------------------------
ok "footprint str/str" "$gomap" footprint --key str --elem str -n 1000 &&
  has footprint "^map\[str\]str with 1000 entries" && has footprint "^  total +[0-9]+" &&
  has footprint "allocator: [0-9]+ blocks" && has footprint "pages: [0-9]+"
ok "footprint --json" "$gomap" footprint --key str --elem str -n 1000 --json && json footprint &&
  check footprint "d['n'] == 1000 and d['B'] == 8 and d['bucket_size'] == 272" &&
  check footprint "sum(d['bytes'][k] for k in ('header','buckets','overflow','indirect','old_buckets','retired')) == d['bytes']['structures']" &&
  check footprint "d['allocator']['reserved'] >= d['allocator']['requested'] and d['pages']['spanned'] >= d['pages']['resident']"
for kinds in "u32 u64" "u64 none" "blob:200 u32" "u64 blob:300" "blob:3 str"; do
  set -- $kinds
  ok "footprint $1 $2" "$gomap" footprint --key "$1" --elem "$2" -n 300 --hint 10 --json &&
    json "footprint $1 $2" && check "footprint $1 $2" "d['n'] == 300 and d['key'] == '$1'"
done
ok "footprint blob indirect" "$gomap" footprint --key blob:200 --elem u32 -n 300 --json &&
  check "footprint blob indirect" "d['bytes']['indirect'] >= 300 * 200"

# ---- layout ---------------------------------------------------------------------
ok "layout" "$gomap" layout -n 20 && has layout "^map\[u64\]u64: 20 entries, B = 2" &&
  has layout "^ +3 " && has layout "[0-9a-f]{2}:19"
[ "$(grep -Eo '[0-9a-f]{2}:[0-9]+' "$work/out" | wc -l)" -eq 20 ] || fail "layout: not 20 keys shown"
ok "layout growing" "$gomap" layout -n 105 && has "layout growing" "growing: [0-9]+ of 16" &&
  has "layout growing" "^old +0 " && has "layout growing" " eX"
ok "layout growing --json" "$gomap" layout -n 105 --json && json "layout --json" &&
  check "layout --json" "d['growing'] and sum(1 for b in d['bucket_list'] for c in b['cells'] if 'key' in c) == 105" &&
  check "layout --json" "any(c.get('mark') == 'evacuatedX' for b in d['bucket_list'] for c in b['cells'])"
ok "layout str" "$gomap" layout --key str --elem none -n 10 && has "layout str" ":key9"
ok "layout large" "$gomap" layout -n 5000 --svg "$work/heat.svg" && has "layout large" "^summary" &&
  has "layout large" "chain lengths:" && svg_ok "layout svg" "$work/heat.svg"
ok "layout large --json" "$gomap" layout -n 5000 --json && json "layout large --json" &&
  check "layout large --json" "'bucket_list' not in d and sum(d['summary']['chain_lengths']) == d['buckets']"
ok "layout --full" "$gomap" layout -n 600 --full && [ "$(grep -c '^ ' "$work/out")" -ge 128 ] ||
  fail "layout --full: not every bucket dumped"

# ---- grow -------------------------------------------------------------------------
ok "grow" "$gomap" grow -n 20000 && has grow "^12 +[0-9]+ +[0-9]+ +11>12" &&
  has grow "insert latency: mean" && has grow "ns +[0-9]+ #"
ok "grow --json" "$gomap" grow -n 20000 --json --svg "$work/grow.svg" && json "grow --json" &&
  check "grow --json" "d['doublings'] == 12 == len(d['growths']) and d['final_B'] == 12" &&
  check "grow --json" "all(g['end'] is not None and g['end'] >= g['start'] for g in d['growths'])" &&
  check "grow --json" "sum(h['count'] for h in d['latency_ns']['histogram']) == 20000" &&
  svg_ok "grow svg" "$work/grow.svg"
ok "grow --trace" "$gomap" grow -n 200 --trace --json && json "grow --trace" &&
  check "grow --trace" "[t['nevacuate'] for t in d['trace'] if t['old_buckets'] == 16][-1] == 16"
ok "grow str" "$gomap" grow --key str --elem u32 -n 3000 && has "grow str" "^map\[str\]u32"

# ---- bench ------------------------------------------------------------------------
ok "bench --dry-run" "$gomap" bench --source "$src" --dry-run && has "bench" "^make -C .* bench$"
ok "bench --dry-run --json" "$gomap" bench --source "$src" --dry-run --full --json &&
  json "bench --json" && check "bench --json" "d['available'] and d['command'].endswith('bench-full')"
"$gomap" bench --source "$work/nowhere" >"$work/out" 2>"$work/err"
rc=$?
[ "$rc" -eq 1 ] || fail "bench without a suite: exit $rc, want 1"
grep -q "not available" "$work/err" || fail "bench without a suite: no explanation"
[ -s "$work/out" ] && fail "bench without a suite: wrote to stdout"

# ---- errors -------------------------------------------------------------------------
bad "no command" "$gomap"
bad "unknown command" "$gomap" frobnicate
bad "missing -n value" "$gomap" footprint -n
bad "non-numeric -n" "$gomap" footprint -n abc
bad "negative -n" "$gomap" footprint -n -5
bad "huge -n" "$gomap" grow -n 1e9
bad "bad key kind" "$gomap" footprint --key nope
bad "blob:0" "$gomap" footprint --key blob:0
bad "huge blob" "$gomap" footprint --elem blob:99999
bad "none key" "$gomap" layout --key none
bad "unknown option" "$gomap" footprint --bogus
bad "option of another command" "$gomap" footprint --svg "$work/f.svg"
bad "stray argument" "$gomap" layout extra
bad "bad seed" "$gomap" layout --seed x --svg "$work/never.svg"
bad "missing --svg value" "$gomap" layout --svg
bad "unwritable svg" "$gomap" grow -n 10 --svg "$work/no/such/dir/x.svg"
bad "too few blob values" "$gomap" footprint --key blob:1 -n 300
bad "bench --json alone" "$gomap" bench --json
[ -e "$work/never.svg" ] && fail "bad seed: SVG written"
[ -e "$work/f.svg" ] && fail "footprint --svg: SVG written"

# ---- docs/tools.md shows what the tool prints ----------------------------------
# sample CMD...: every line of the doc's sample for CMD (but "..." and the
# lines listed in $volatile) is a line of the tool's output.
sample() {
  local doc="$src/docs/tools.md" want="\$ gomap $*"
  awk -v want="$want" '$0 == want {p = 1; next} p && /^```/ {exit} p' "$doc" >"$work/sample"
  [ -s "$work/sample" ] || { fail "docs/tools.md has no sample for 'gomap $*'"; return; }
  "$gomap" "$@" >"$work/out" 2>/dev/null || { fail "gomap $*: failed"; return; }
  while IFS= read -r line; do
    [ "$line" = "..." ] && continue
    [ -n "$volatile" ] && grep -Eq -- "$volatile" <<<"$line" && continue
    grep -Fxq -- "$line" "$work/out" || fail "docs/tools.md sample of 'gomap $*' is stale: $line"
  done <"$work/sample"
}
# Footprint: the overflow buckets a run needs depend on its random seed.
volatile='overflow|total|structures \+ strings|allocator:|pages:' sample footprint --key str --elem str -n 1000
volatile='' sample layout -n 105

if [ "$failures" -ne 0 ]; then
  echo "$failures CLI check(s) failed" >&2
  exit 1
fi
echo "cli checks passed"
