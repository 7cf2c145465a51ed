#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Concurrent-map benchmark runner (make bench-sync).

Runs every contender of bench/sync/bench_sync.c and bench/go-sync on the
workload of Go's sync.Map anchor (1e5 u64 keys, 90% loads / 10% stores, and
a read-only variant), 1 and 2 threads, plus small_create through gomap_pool.
Repetitions are interleaved (one run of every configuration per round) so
that drift on the shared machine hits every contender alike; the tables give
the median and the range over the rounds. Writes bench/results/sync.md and
bench/results/sync.json.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def loadavg():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench-sync"))
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--ms", type=int, default=250)
    ap.add_argument("--maps", type=int, default=20000)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    a = ap.parse_args()

    c_bp = os.path.join(a.build, "bench", "sync", "bench_sync")
    c_memb = os.path.join(a.build, "bench", "sync", "bench_sync_memb")
    go = os.path.join(a.build, "bench_go_sync")
    ms = str(a.ms)
    configs = []  # (name, threads, load, argv)
    for threads in (1, 2):
        for load in (90, 100):
            t, l = str(threads), str(load)
            configs += [
                ("gomap_sync", threads, load, [c_bp, "gomap_sync", t, l, ms]),
                ("go_sync_map", threads, load,
                 [go, "-contender", "syncmap", "-threads", t, "-load", l, "-ms", ms]),
                ("lfht_bp", threads, load, [c_bp, "lfht", t, l, ms]),
                ("lfht_memb", threads, load, [c_memb, "lfht", t, l, ms]),
            ]
            if load == 90:
                configs += [
                    ("rwlock_gomap", threads, load, [c_bp, "rwlock", t, l, ms]),
                    ("go_rwmutex_map", threads, load,
                     [go, "-contender", "rwmutex", "-threads", t, "-load", l, "-ms", ms]),
                ]
    creates = [(mode, hint) for hint in (0, 100) for mode in ("plain", "pool")]

    start = datetime.datetime.now(datetime.timezone.utc)
    load_before = loadavg()
    results = {}
    creates_res = {}
    for rnd in range(a.rounds):
        print(f"round {rnd + 1}/{a.rounds}", file=sys.stderr)
        for name, threads, load, argv in configs:
            r = run(argv)
            results.setdefault((name, threads, load), []).append(r["mops"])
        for mode, hint in creates:
            r = run([c_bp, "small_create", mode, str(hint), str(a.maps)])
            creates_res.setdefault((mode, hint), []).append(r)
    load_after = loadavg()

    def summary(vals):
        return {"median": statistics.median(vals), "min": min(vals), "max": max(vals),
                "runs": vals}

    names = ["gomap_sync", "go_sync_map", "lfht_bp", "lfht_memb", "rwlock_gomap",
             "go_rwmutex_map"]
    js = {
        "date": start.isoformat(timespec="seconds"),
        "rounds": a.rounds, "ms_per_run": a.ms, "cpus": os.cpu_count(),
        "loadavg_before": load_before, "loadavg_after": load_after,
        "throughput_mops": [
            dict(contender=n, threads=t, load_pct=l, **summary(v))
            for (n, t, l), v in results.items()
        ],
        "small_create": [
            {"mode": m, "hint": h,
             "ns_per_map": summary([r["ns_per_map"] for r in rs]),
             "allocs_per_map": summary([r["allocs_per_map"] for r in rs])}
            for (m, h), rs in creates_res.items()
        ],
    }
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "sync.json"), "w") as f:
        json.dump(js, f, indent=1)

    def cell(key):
        v = results.get(key)
        if not v:
            return "n/a"
        return f"{statistics.median(v):.2f} ({min(v):.2f}-{max(v):.2f})"

    lines = [
        "# Concurrent maps: 1e5 u64 keys, loads and stores of existing keys",
        "",
        f"Measured {start:%Y-%m-%d %H:%M} UTC by `make bench-sync` on {os.cpu_count()} CPUs "
        f"of a shared machine (load average {load_before:.1f} before, {load_after:.1f} after: "
        "other jobs were running). Throughput of all threads together in Mops/s, higher is "
        f"better: median of {a.rounds} interleaved rounds of {a.ms} ms each, (min-max) over "
        "the rounds. gcc -O2; Go 1.19 (GOMAXPROCS = CPUs). Each thread draws keys uniformly "
        "from its own splitmix64 stream. Stores replace the value of an existing key (Go "
        "boxes each stored value in an interface; cds_lfht and gomap_sync swap a pointer in "
        "place). gomap_sync and lfht_bp use liburcu's bulletproof flavour, lfht_memb the "
        "memb flavour (threads registered by hand). Compare contenders within this table "
        "only: absolute figures drift with the machine's load.",
        "",
        "| loads | threads | " + " | ".join(names) + " |",
        "|---|---:|" + "---:|" * len(names),
    ]
    for load in (90, 100):
        for threads in (1, 2):
            lines.append(f"| {load}% | {threads} | " +
                         " | ".join(cell((n, threads, load)) for n in names) + " |")
    lines += ["", "Ratios of medians:", ""]
    for load in (90, 100):
        for threads in (1, 2):
            g = results.get(("gomap_sync", threads, load))
            if not g:
                continue
            gm = statistics.median(g)
            parts = []
            for other in ("go_sync_map", "lfht_bp", "lfht_memb"):
                o = results.get((other, threads, load))
                if o:
                    parts.append(f"{gm / statistics.median(o):.2f}x {other}")
            lines.append(f"- {load}% loads, {threads} thread(s): gomap_sync = " +
                         ", ".join(parts))
    lines += [
        "",
        f"## small_create through gomap_pool ({a.maps} maps of 100 u64 keys per round)",
        "",
        "| hint | plain gomap_new/free: ns/map | allocs/map | pooled: ns/map | allocs/map |",
        "|---:|---:|---:|---:|---:|",
    ]
    for hint in (0, 100):
        row = [str(hint)]
        for mode in ("plain", "pool"):
            rs = creates_res.get((mode, hint), [])
            ns = [r["ns_per_map"] for r in rs]
            al = [r["allocs_per_map"] for r in rs]
            row += [f"{statistics.median(ns):.0f} ({min(ns):.0f}-{max(ns):.0f})",
                    f"{statistics.median(al):.4f}"]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    with open(os.path.join(a.out, "sync.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
