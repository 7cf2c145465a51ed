#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Runs gdb in batch mode on gdb_target with the gomap printer loaded and
checks what it prints against the entries the program wrote out.

Usage: check_gdb.py GDB PRINTER COMMANDS PROGRAM WORKDIR

Exit status 0: every check passed; 1: a check failed; 77: gdb is missing or
may not trace processes here (the test is then reported as skipped).
"""

import collections
import math
import os
import re
import shutil
import subprocess
import sys

SKIP = 77
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


# ---- reading gdb's output ---------------------------------------------------

def c_string(text):
    """Bytes of a C string literal as gdb prints one ("a\\tb", "caf\\303\\251")."""
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError("not a string literal: %r" % text)
    body = text[1:-1]
    out = bytearray()
    simple = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "e": 27,
              '"': 34, "'": 39, "\\": 92}
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        n = body[i + 1]
        if n in simple:
            out.append(simple[n])
            i += 2
        elif n in "01234567":
            j = i + 1
            while j < len(body) and j < i + 4 and body[j] in "01234567":
                j += 1
            out.append(int(body[i + 1:j], 8))
            i = j
        else:
            raise ValueError("unknown escape in %r" % text)
    return bytes(out)


def f64_key(text):
    """A float key as printed, in a form that compares exactly (sign of
    zero included): 'nan' or the float's hex form."""
    t = text.strip()
    if re.fullmatch(r"-?nan\(0x[0-9a-f]+\)|-?nan", t):
        return "nan"
    return float(t).hex()


def sections(out):
    """{title: [lines]} for every '@@ title' line of the output."""
    result = {}
    current = None
    for line in out.splitlines():
        if line.startswith("@@ "):
            current = line[3:].strip()
            result[current] = []
        elif current is not None:
            result[current].append(line)
    return result


def printed_map(lines):
    """(summary, [(key text, elem text)], truncated) from a pretty print of a map."""
    if not lines:
        return None, [], False
    m = re.match(r"\$\d+ = (.*?)(?: = \{)?$", lines[0])
    summary = m.group(1) if m else lines[0]
    entries = []
    truncated = False
    for line in lines[1:]:
        if line.strip() == "...":
            truncated = True
            continue
        e = re.match(r"^  \[(.*)\] = (.*?),?$", line)
        if e:
            entries.append((e.group(1), e.group(2)))
    return summary, entries, truncated


def bucket_slots(lines):
    """Slots listed by gomap-buckets: (array, bucket, mark-or-tophash, key text)."""
    slots = []
    array = None
    bucket = None
    for line in lines:
        if line.startswith("buckets:"):
            array = "new"
        elif line.startswith("oldbuckets:"):
            array = "old"
        b = re.match(r"^bucket (\d+) at", line)
        if b:
            bucket = int(b.group(1))
        s = re.match(r"^\s+slot (\d): (\S+) key (.*)$", line)
        if s:
            slots.append((array, bucket, s.group(2), s.group(3)))
    return slots


# ---- the expected entries ---------------------------------------------------

def read_expected(path):
    maps = {}
    name = None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("map "):
                name = line[4:]
                maps[name] = []
            elif line == "end":
                name = None
            elif name is not None:
                maps[name].append(line.split(" "))
    return maps


def key_of(kind, text):
    """Normalised key from gdb's text, comparable with expected_key."""
    if kind == "u64":
        return int(text)
    if kind == "str":
        return c_string(text).hex()
    if kind == "f64":
        return f64_key(text)
    if kind == "bytes":
        return text.replace(" ", "")
    raise ValueError(kind)


def expected_key(kind, field):
    if kind == "u64":
        return int(field)
    if kind == "str":
        return "" if field == "-" else field
    if kind == "f64":
        return "nan" if field == "nan" else float.fromhex(field).hex()
    return field


KINDS = {
    "gdb_u64_map": "u64", "gdb_u32_map": "u64", "gdb_str_map": "str", "gdb_f64_map": "f64",
    "gdb_owned_map": "str",
    "gdb_point_map": "bytes", "gdb_set": "u64", "gdb_empty_map": "u64",
    "gdb_growing_map": "u64", "gdb_same_size_map": "u64", "gdb_init_map": "u64",
    "gdb_init_grown_map": "u64", "gdb_shrinking_map": "u64",
}


def check_print(name, lines, expected):
    kind = KINDS[name]
    want = collections.Counter(
        (expected_key(kind, e[0]), int(e[1]) if len(e) > 1 else None) for e in expected)
    summary, entries, truncated = printed_map(lines)
    if summary is None:
        fail("%s: nothing printed" % name)
        return summary
    if name == "gdb_set":
        m = re.search(r"= \{(.*)\}$", lines[0])
        keys = [k.strip() for k in m.group(1).split(",")] if m else []
        got = collections.Counter((key_of(kind, k), None) for k in keys)
    else:
        got = collections.Counter((key_of(kind, k), int(v)) for k, v in entries)
    if truncated:
        fail("%s: output truncated" % name)
    if got != want:
        fail("%s: printed entries differ: missing %s, unexpected %s"
             % (name, sorted((want - got).items())[:10], sorted((got - want).items())[:10]))
    if not re.search(r"\blen %d, B \d+" % len(expected), summary):
        fail("%s: summary %r does not give len %d" % (name, summary, len(expected)))
    print("ok: print *%s: %d entries" % (name, sum(got.values())))
    return summary


def check_buckets(name, lines, expected):
    kind = KINDS[name] if name in KINDS else "u64"
    slots = bucket_slots(lines)
    live = collections.Counter(key_of(kind, k) for arr, b, top, k in slots
                               if re.fullmatch(r"0x[0-9a-f]{2}", top))
    want = collections.Counter(expected_key(kind, e[0]) for e in expected)
    if live != want:
        fail("%s: gomap-buckets live keys differ: missing %s, unexpected %s"
             % (name, sorted((want - live).items())[:10], sorted((live - want).items())[:10]))
    # Only old buckets carry evacuation marks, and a new bucket fed by an old
    # chain not yet evacuated must be empty.
    for arr, b, top, k in slots:
        if top.startswith("evacuated") and arr != "old":
            fail("%s: evacuation mark in new bucket %d" % (name, b))
    pending = set()
    for line in lines:
        p = re.match(r"^bucket (\d+) at .*not evacuated yet", line)
        if p:
            pending.add(int(p.group(1)))
    for arr, b, top, k in slots:
        if arr == "new" and b in pending:
            fail("%s: new bucket %d holds key %s before its old chain is evacuated"
                 % (name, b, k))
    print("ok: gomap-buckets %s: %d live slots, %d evacuated slots, %d buckets awaiting "
          "evacuation" % (name, sum(live.values()),
                          sum(1 for s in slots if s[2].startswith("evacuated")), len(pending)))
    return slots


def main():
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    gdb, printer, commands, program, workdir = sys.argv[1:]
    gdb_path = shutil.which(gdb)
    if gdb_path is None:
        print("SKIP: gdb not found (%s)" % gdb)
        return SKIP
    os.makedirs(workdir, exist_ok=True)
    expected_path = os.path.join(workdir, "gdb_expected.txt")
    if os.path.exists(expected_path):
        os.remove(expected_path)
    env = dict(os.environ)
    # LeakSanitizer cannot run under ptrace; the program is killed before it
    # would exit anyway.
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    cmd = [gdb_path, "-batch", "-nx", "-iex", "set debuginfod enabled off",
           "-ex", "source " + printer, "-ex", "set args " + expected_path,
           "-x", commands, program]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                          timeout=120, universal_newlines=True)
    out = proc.stdout
    with open(os.path.join(workdir, "gdb_output.txt"), "w") as f:
        f.write(out)
    if not os.path.exists(expected_path):
        print(out)
        if re.search(r"ptrace: Operation not permitted|Could not trace the inferior|"
                     r"Cannot create process: Operation not permitted", out):
            print("SKIP: gdb may not trace processes here")
            return SKIP
        fail("the program did not run under gdb")
        return 1
    if re.search(r"^Python Exception|^Traceback", out, re.M):
        fail("the printer raised an exception:\n" + out)
    expected = read_expected(expected_path)
    secs = sections(out)
    if "end" not in secs:
        fail("gdb did not reach the end of the command file")

    for name in KINDS:
        summary = check_print(name, secs.get("print " + name, []), expected[name])
        if summary is None:
            continue
        if name == "gdb_growing_map" and "growing (doubling from B" not in summary:
            fail("gdb_growing_map: summary %r does not say it is doubling" % summary)
        if name == "gdb_same_size_map" and "growing (same size" not in summary:
            fail("gdb_same_size_map: summary %r does not say it is a same-size growth"
                 % summary)
        if name == "gdb_shrinking_map" and "growing (shrinking from B 6" not in summary:
            fail("gdb_shrinking_map: summary %r does not say it is shrinking" % summary)
        if name == "gdb_u64_map" and "not growing" not in summary:
            fail("gdb_u64_map: summary %r should say not growing" % summary)

    check_print("gdb_str_map", secs.get("print gdb_str_map as gomap_str", []),
                expected["gdb_str_map"])

    # Indirect keys and elems, untyped: raw bytes, truncated, id first.
    _, raw, _ = printed_map(secs.get("raw gdb_big_map", []))
    want = sorted((int(k), int(e)) for k, e in expected["gdb_big_map"])
    got = []
    for k, e in raw:
        if "(200 bytes)" not in k or "(200 bytes)" not in e:
            fail("gdb_big_map: raw key/elem not shown as truncated bytes: %s" % k)
            continue
        kb = bytes.fromhex(k.split("...")[0].replace(" ", ""))
        eb = bytes.fromhex(e.split("...")[0].replace(" ", ""))
        got.append((int.from_bytes(kb[:8], "little"), int.from_bytes(eb[:8], "little")))
    if sorted(got) != want:
        fail("gdb_big_map raw: got %s, want %s" % (sorted(got), want))
    else:
        print("ok: print *gdb_big_map (raw bytes): %d entries" % len(got))
    # ... and typed with gomap-key-type / gomap-elem-type.
    line = " ".join(secs.get("typed gdb_big_map", []))
    ids = [int(x) for x in re.findall(r"\{id = (\d+), pad", line)]
    got = sorted(zip(ids[0::2], ids[1::2]))
    if got != want or len(ids) != 2 * len(want):
        fail("gdb_big_map typed: got %s, want %s" % (got, want))
    else:
        print("ok: print *gdb_big_map (typed): %d entries" % len(got))

    # The limit: 10 elements are 5 entries, then "...".
    _, entries, truncated = printed_map(secs.get("limit gdb_u64_map 5", []))
    if len(entries) != 5 or not truncated:
        fail("set print elements 10: %d entries shown, truncated %s" % (len(entries), truncated))
    else:
        print("ok: set print elements 10 shows 5 entries and '...'")

    for name in ("gdb_u64_map", "gdb_str_map", "gdb_growing_map", "gdb_same_size_map",
                 "gdb_init_map", "gdb_init_grown_map", "gdb_shrinking_map"):
        slots = check_buckets(name, secs.get("buckets " + name, []), expected[name])
        if name in ("gdb_growing_map", "gdb_same_size_map", "gdb_shrinking_map"):
            text = "\n".join(secs.get("buckets " + name, []))
            if "oldbuckets:" not in text:
                fail("%s: gomap-buckets does not dump the old array" % name)
            if not any(s[2].startswith("evacuated") for s in slots):
                fail("%s: no evacuated slot shown in the old array" % name)
            if not any(s[0] == "old" and re.fullmatch(r"0x[0-9a-f]{2}", s[2]) for s in slots):
                fail("%s: no old chain waiting for evacuation shown" % name)
    big = "\n".join(secs.get("buckets gdb_big_map", []))
    if "(indirect)" not in big or not re.search(r"slot \d: 0x[0-9a-f]{2} key \{id = \d+, pad", big):
        fail("gdb_big_map: gomap-buckets does not show indirect typed keys:\n" + big)

    # Bucket limits, from the argument and from the parameter.
    for title, shown, more in (("buckets-limit 2", 2, 6), ("buckets-limit param 1", 1, 7)):
        lines = secs.get(title, [])
        heads = [x for x in lines if re.match(r"^bucket \d+ at", x)]
        if len(heads) != shown or not any(x.startswith("... %d buckets not shown" % more)
                                          for x in lines):
            fail("gomap-buckets %s: %d buckets shown:\n%s" % (title, len(heads), "\n".join(lines)))
        else:
            print("ok: gomap-buckets %s shows %d buckets" % (title, shown))

    # Errors: gdb's error messages, not Python tracebacks.
    errors = {
        "gomap-buckets": "usage: gomap-buckets MAP [N]",
        "gomap-buckets (gomap *)0": "(gomap *)0 is a NULL map",
        "gomap-buckets 42": "42 is not a gomap * (its type is int)",
        "gomap-elem-type gdb_u32_map double":
            "double is 8 bytes but the map's elems are 4 bytes",
        "gomap-key-type gdb_str_map": "no error",
    }
    for command, message in errors.items():
        got = secs.get("error " + command, [])
        if got[:1] != [message]:
            fail("%s: expected %r, got %r" % (command, message, got[:1]))
        else:
            print("ok: %s -> %s" % (command, message))

    if failures:
        print("\n%d check(s) failed; gdb's output is in %s"
              % (len(failures), os.path.join(workdir, "gdb_output.txt")))
        return 1
    print("all gdb printer checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
