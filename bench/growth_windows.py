#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""How much of gomap's time in each size-sweep row falls in growth windows.

A Go map grows when a new key would make the count exceed 6.5 * 2^B, and then moves its entries
over the following writes (incremental evacuation); until that is done, writes carry the moving
and reads consult two arrays. The sweep times batches at fixed sizes, so a batch that runs shortly
after a growth started pays for it; the other tables rehash inside one insert. For each row this
prints the share of gomap's time spent in such batches (a growth threshold lies between the
previous size and this one; for the insert row, whose batch starts at the previous size, one step
earlier) and the speedup of Verstable and boost over gomap with and without those batches.

Usage: bench/growth_windows.py [bench/results/sweep.json]
"""
import json
import math
import sys

ROWS = ["insert", "hit", "miss", "replace", "erase", "erase_absent", "iterate_1000", "iterate_all"]
PEERS = ["verstable", "boost"]


def thresholds(limit):
    """Counts at which a map without a hint starts doubling: 6.5 * 2^B (B >= 1)."""
    out, b = [], 1
    while 13 * 2 ** (b - 1) <= limit:
        out.append(13 * 2 ** (b - 1))
        b += 1
    return out


def windows(sizes, shift):
    """Indices of sizes whose batch runs while a growth started in the step before (shifted by
    one step for the insert row)."""
    ts = thresholds(sizes[-1])
    out = set()
    for i in range(len(sizes)):
        j = i - shift
        if j < 0:
            continue
        lo = sizes[j - 1] if j > 0 else 0
        if any(lo < t <= sizes[j] for t in ts):
            out.add(i)
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/results/sweep.json"
    summary = json.load(open(path))["summary"]
    logs = {p: ([], []) for p in PEERS}
    for bp, tables in summary.items():
        if "gomap" not in tables or any(p not in tables for p in PEERS):
            continue
        print(f"## {bp}\n")
        print("| row | gomap's time in growth windows | " +
              " | ".join(f"{p}/gomap, all sizes | without the windows" for p in PEERS) + " |")
        print("|---|---:|" + "---:|---:|" * len(PEERS))
        for row in ROWS:
            g = tables["gomap"].get(row)
            if g is None:
                continue
            win = windows(g["sizes"], 1 if row == "insert" else 0)
            keep = [i for i in range(len(g["sizes"])) if i not in win]
            gall = sum(g["per_size"])
            gout = sum(g["per_size"][i] for i in keep)
            cells = [f"{1 - gout / gall:.0%}"]
            for p in PEERS:
                v = tables[p][row]["per_size"]
                a, b = sum(v) / gall, sum(v[i] for i in keep) / gout
                logs[p][0].append(math.log(a))
                logs[p][1].append(math.log(b))
                cells += [f"{a:.2f}x", f"{b:.2f}x"]
            print(f"| {row} | " + " | ".join(cells) + " |")
        print()
    for p in PEERS:
        a, b = logs[p]
        if a:
            print(f"{p}/gomap, geometric mean over these rows: all sizes "
                  f"{math.exp(sum(a) / len(a)):.2f}x, without the growth windows "
                  f"{math.exp(sum(b) / len(b)):.2f}x")


if __name__ == "__main__":
    main()
