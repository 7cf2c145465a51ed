#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Runs the benchmark suite and reports it.

Every contender is a binary speaking the protocol of bench/common/bench.h
(one JSON figure per line). This script runs them interleaved, takes medians
over repetitions and writes, under --out:

    latest.json   every raw figure of every run, medians and spreads
    latest.md     tables per key type, tail, small_create, footprint, churn, targets
                  (also printed to stdout)
    latest.png    the figures at N = 1e6 relative to gomap (gnuplot)
    latest.gp     the gnuplot script with its data, to redraw the chart

Usage:
    python3 bench/run.py [--profile quick|full] [--reps R] [--bindir DIR]
                         [--out DIR] [--only NAME,...] [--sizes N,...]
                         [--tail-sizes N,...] [--churn-sizes N,...]
                         [--modes ops,tail,small,footprint,churn]
                         [--timeout S] [--seed S] [--skip-limit S] [--no-go-build]
    python3 bench/run.py --report-only [--out DIR]

bench_go is built from bench/go with Debian's Go 1.19 into the bin directory when it
is missing or older than its sources.

Exit status: 0 when the run completed (failed targets included), 1 when the
gomap binary failed in some run, 2 on usage errors or a missing gomap binary.
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCT = "gomap"
GO = "go"
PEERS = ("absl", "std", "glib", "uthash", "stb")
ORDER = (PRODUCT, "gomap_generic", GO) + PEERS
TIMED = ("insert", "insert_hint", "lookup_hit", "lookup_miss", "delete", "iterate")
OPS_ROWS = TIMED + ("mem",)
KEYS = ("u64", "str")
MODES = ("ops", "tail", "small", "footprint", "churn")
# The tail mode also runs these contenders with a hint of N (no growth): what
# the machine alone does to per-insert latency.
TAIL_HINT_CONTENDERS = (PRODUCT, "absl")
# The churn mode compares gomap's memory with Go's; the other binaries exit
# with "unsupported" for it.
CHURN_CONTENDERS = (PRODUCT, GO)
CHURN = ("churn_insert", "churn_peak", "churn_peak_every")
# Worst cases are reported as the best of the rounds (one stall makes a worst case).
BEST_OF_ROUNDS = ("tail_max", "tail_hint_max")
PROBE = "probe_pauses"  # built next to the contenders; not a contender
PROBE_SECONDS = 2

PROFILES = {
    "quick": {"ops": [1000, 100000, 1000000], "tail": [1000000], "churn": [100000, 1500000]},
    "full": {"ops": [1000, 100000, 1000000, 10000000], "tail": [1000000, 10000000],
             "churn": [100000, 1500000]},
}
TAIL_ROUNDS = 3
SMALL_REPS = 3
FOOTPRINT_REPS = 1
CHURN_REPS = 1  # byte counts: one run is enough
SMALL_N = 100
FOOTPRINT_N = 1000

TARGET_N = 1000000        # the N the ops targets are defined at
TAIL_TARGET_N = 10000000  # the N the tail target is defined at
CHURN_TARGET_NS = (100000, 1500000)  # the live-key counts of the churn memory target
GO_TOOL = "/usr/lib/go-1.19/bin/go"

COLORS = {
    "gomap": "#1f3b73", "gomap_generic": "#6f8fcf", "go": "#00add8",
    "absl": "#2ca02c", "std": "#ff7f0e", "glib": "#9467bd",
    "uthash": "#8c564b", "stb": "#7f7f7f",
}
SPARE_COLORS = ("#d62728", "#e377c2", "#bcbd22", "#17becf", "#393b79", "#637939")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def fmt_n(n):
    # Same spelling as the reference tables (1000, 100000, 1e+06).
    return f"{n:g}"


def parse_sizes(tokens):
    sizes = []
    for tok in tokens:
        for part in str(tok).replace(",", " ").split():
            try:
                v = float(part)
            except ValueError:
                raise argparse.ArgumentTypeError(f"not a size: {part}")
            if v < 1 or v != int(v):
                raise argparse.ArgumentTypeError(f"not a positive integer size: {part}")
            sizes.append(int(v))
    return sorted(set(sizes))


# ---------------------------------------------------------------- environment

def first_line(cmd):
    try:
        cp = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    text = (cp.stdout or cp.stderr).strip()
    return text.splitlines()[0] if text else None


def machine_info():
    info = {"cpu": None, "cores": os.cpu_count(), "ram_gib": None,
            "kernel": platform.release(), "uname": " ".join(os.uname())}
    try:
        info["usable_cores"] = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        pass
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["ram_gib"] = round(int(line.split()[1]) / 1048576, 1)
                    break
    except (OSError, ValueError, IndexError):
        pass
    return info


def go_tool():
    return GO_TOOL if os.access(GO_TOOL, os.X_OK) else shutil.which("go")


def compiler_info():
    go = go_tool()
    return {
        "gcc": first_line(["gcc", "--version"]),
        "g++": first_line(["g++", "--version"]),
        "go": first_line([go, "version"]) if go else None,
    }


def git_info():
    rev = first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    if rev is None:
        return None
    try:
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=30).stdout.strip() != ""
    except (OSError, subprocess.SubprocessError):
        dirty = None
    return {"commit": rev, "dirty": dirty}


# ---------------------------------------------------------------- contenders

def order_key(name):
    return (ORDER.index(name), "") if name in ORDER else (len(ORDER), name)


def find_binaries(bindir):
    """bench_<name> executables in bindir, bindir/peers and bindir/go."""
    found = {}
    for d in (bindir, bindir / "peers", bindir / "go"):
        if not d.is_dir():
            continue
        for p in sorted(d.glob("bench_*")):
            # Contenders are extension-less executables; this leaves out
            # libraries and objects built next to them.
            if p.is_file() and os.access(p, os.X_OK) and "." not in p.name:
                found.setdefault(p.name[len("bench_"):], p)
    return dict(sorted(found.items(), key=lambda kv: order_key(kv[0])))


def build_go(bindir):
    """Builds bindir/bench_go from bench/go when missing or older than its
    sources (CMake builds the C/C++ contenders, not this one)."""
    src = ROOT / "bench" / "go"
    sources = [p for p in list(src.glob("*.go")) + [src / "go.mod"] if p.is_file()]
    if not (src / "main.go").is_file() or not bindir.is_dir():
        return
    target = bindir / "bench_go"
    if target.exists() and target.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
        return
    go = go_tool()
    if go is None:
        log("no go tool found: the go contender is left out")
        return
    log(f"building {target} with {go}")
    try:
        cp = subprocess.run([go, "build", "-trimpath", "-o", str(target), "."], cwd=src,
                            capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as e:
        log(f"go build failed: {e}")
        return
    if cp.returncode != 0:
        log(f"go build failed; the go contender is left out:\n{cp.stderr.strip()}")


# ---------------------------------------------------------------- running

def run_process(path, argv, timeout):
    """Runs one contender process; returns (status, rc, stdout, stderr, wall)."""
    t0 = time.monotonic()
    try:
        # Own session, so a timeout or ^C ends the whole process group.
        p = subprocess.Popen([str(path)] + argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, start_new_session=True)
    except OSError as e:
        return "failed", None, "", str(e), time.monotonic() - t0
    status = "ok"
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        status = "timeout"
        kill_group(p)
        out, err = p.communicate()
    except BaseException:
        kill_group(p)
        p.wait()
        raise
    wall = time.monotonic() - t0
    if status == "ok" and p.returncode != 0:
        status = "failed"
    return (status, p.returncode, out.decode("utf-8", "replace"),
            err.decode("utf-8", "replace"), wall)


def kill_group(p):
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def parse_figures(text):
    figures, bad = [], 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            o = json.loads(line)
            fig = {"contender": str(o["contender"]), "key": str(o["key"]), "n": int(o["n"]),
                   "workload": str(o["workload"]), "value": float(o["value"]),
                   "unit": str(o.get("unit", ""))}
        except (ValueError, TypeError, KeyError):
            bad += 1
            continue
        if not math.isfinite(fig["value"]):
            bad += 1
            continue
        figures.append(fig)
    return figures, bad


def plan(cfg, rep):
    jobs = []
    if "ops" in cfg["modes"]:
        for n in cfg["ops_sizes"]:
            for key in KEYS:
                jobs.append(("ops", key, n))
    if "tail" in cfg["modes"] and rep < cfg["tail_rounds"]:
        for n in cfg["tail_sizes"]:
            jobs.append(("tail", "u64", n))
        for n in cfg["tail_sizes"]:
            jobs.append(("tail_hint", "u64", n))
    if "small" in cfg["modes"] and rep < cfg["small_reps"]:
        jobs.append(("small", "u64", SMALL_N))
    if "footprint" in cfg["modes"] and rep < cfg["footprint_reps"]:
        jobs.append(("footprint", "str", FOOTPRINT_N))
    if "churn" in cfg["modes"] and rep < cfg.get("churn_reps", 0):
        for n in cfg["churn_sizes"]:
            jobs.append(("churn", "u64", n))
    return jobs


def skip_reason(cfg, runs, decided, name, mode, key, n):
    """Why (name, mode, key, n) is not run, or None. Decided once per run."""
    ident = (name, mode, key, n)
    if ident in decided:
        return decided[ident]
    reason = None
    if n > 1000000:
        # Extrapolate linearly from the next smaller size of this mode.
        sizes = {"ops": cfg["ops_sizes"], "churn": cfg.get("churn_sizes", [])}.get(mode, cfg["tail_sizes"])
        smaller = [m for m in sizes if m < n]
        if smaller:
            prev = max(smaller)
            walls = [r["wall_s"] for r in runs if r["binary"] == name and r["mode"] == mode
                     and r["key"] == key and r["n"] == prev and r["status"] == "ok"]
            if not walls:
                reason = f"no successful run at N={fmt_n(prev)}"
            else:
                est = min(walls) * n / prev
                if est > cfg["skip_limit_s"]:
                    reason = (f"N={fmt_n(prev)} took {min(walls):.1f} s, so N={fmt_n(n)} would take "
                              f"~{est:.0f} s (> {cfg['skip_limit_s']:g} s)")
    decided[ident] = reason
    return reason


def run_suite(cfg, binaries):
    runs, decided = [], {}
    total_reps = max([cfg["reps"]] + [cfg.get(k, 0) for k in ("tail_rounds", "small_reps", "footprint_reps",
                                                              "churn_reps")])

    def runs_job(name, mode):
        only = {"tail_hint": TAIL_HINT_CONTENDERS, "churn": CHURN_CONTENDERS}.get(mode)
        return only is None or name in only

    total = sum(sum(runs_job(name, job[0]) for name in binaries for job in plan(cfg, rep))
                for rep in range(total_reps))
    done = 0
    names = list(binaries)
    interrupted = False
    try:
        for rep in range(total_reps):
            order = names[:]
            random.Random(cfg["seed"] * 1000003 + rep).shuffle(order)
            for mode, key, n in plan(cfg, rep):
                for name in order:
                    if not runs_job(name, mode):
                        continue
                    done += 1
                    head = f"[{done}/{total}] rep {rep + 1} {mode} {key} N={fmt_n(n)} {name}"
                    rec = {"rep": rep, "mode": mode, "key": key, "n": n, "binary": name,
                           "path": str(binaries[name])}
                    reason = skip_reason(cfg, runs, decided, name, mode, key, n)
                    if reason is not None:
                        rec.update(status="skipped", reason=reason, wall_s=0.0, figures=[])
                        runs.append(rec)
                        log(f"{head}: skipped ({reason})")
                        continue
                    status, rc, out, err, wall = run_process(binaries[name], [mode, key, str(n)],
                                                             cfg["timeout_s"])
                    figures, bad = parse_figures(out)
                    rec.update(status=status, returncode=rc, wall_s=round(wall, 3),
                               figures=figures, bad_lines=bad,
                               stderr_tail=err.strip().splitlines()[-5:])
                    if status == "timeout":
                        rec["reason"] = f"timed out after {cfg['timeout_s']:g} s"
                        # A timeout would only repeat in later reps.
                        decided[(name, mode, key, n)] = f"timed out in rep {rep + 1}"
                    elif status == "failed":
                        rec["reason"] = f"exit status {rc}" + (
                            f": {rec['stderr_tail'][-1]}" if rec["stderr_tail"] else "")
                    elif not figures:
                        rec["reason"] = "no figures printed"
                    runs.append(rec)
                    extra = f", {rec['reason']}" if "reason" in rec else ""
                    log(f"{head}: {status} in {wall:.2f} s, {len(figures)} figures{extra}")
            if "tail" in cfg["modes"] and rep < cfg["tail_rounds"] and cfg.get("probe"):
                # The machine's pauses in this round, for reading its tail figures.
                status, rc, out, err, wall = run_process(cfg["probe"], [str(PROBE_SECONDS)],
                                                         cfg["timeout_s"])
                figures, bad = parse_figures(out)
                runs.append({"rep": rep, "mode": "probe", "key": "u64", "n": 0, "binary": PROBE,
                             "path": cfg["probe"], "status": status, "returncode": rc,
                             "wall_s": round(wall, 3), "figures": figures, "bad_lines": bad,
                             "stderr_tail": err.strip().splitlines()[-5:]})
                log(f"rep {rep + 1} {PROBE}: {status}, "
                    + ", ".join(f"{f['workload']} {f['value']:.1f}" for f in figures))
    except KeyboardInterrupt:
        interrupted = True
        log("interrupted: reporting what was measured")
    return runs, interrupted


# ---------------------------------------------------------------- summary

def summarize(runs):
    groups = {}
    for r in runs:
        for f in r.get("figures", []):
            ident = (f["contender"], f["key"], f["n"], f["workload"])
            groups.setdefault(ident, []).append(f)
    summary = []
    for (c, k, n, w), figs in groups.items():
        vals = [f["value"] for f in figs]
        med = statistics.median(vals)
        rec = {"contender": c, "key": k, "n": n, "workload": w, "unit": figs[0]["unit"],
               "values": vals, "median": med, "min": min(vals), "max": max(vals),
               "spread_pct": (max(vals) - min(vals)) / med * 100 if med > 0 else None}
        # One stall makes a worst case; the best of rounds is what the map did.
        if w in BEST_OF_ROUNDS:
            rec["best"] = min(vals)
        summary.append(rec)
    summary.sort(key=lambda s: (order_key(s["contender"]), s["key"], s["n"], s["workload"]))
    return summary


class Data:
    """Lookups over a results document (fresh or loaded from latest.json)."""

    def __init__(self, doc):
        self.doc = doc
        self.runs = doc["runs"]
        self.summary = summarize(self.runs)
        self.by = {(s["contender"], s["key"], s["n"], s["workload"]): s for s in self.summary}
        # Which binary printed each contender name, so peers are known even
        # when a binary names itself differently (e.g. a variant suffix).
        self.binary_of = {}
        for r in self.runs:
            for f in r.get("figures", []):
                self.binary_of.setdefault(f["contender"], r["binary"])

    def rec(self, c, key, n, w):
        return self.by.get((c, key, n, w))

    def val(self, c, key, n, w):
        s = self.by.get((c, key, n, w))
        if s is None:
            return None
        return s["best"] if w in BEST_OF_ROUNDS else s["median"]

    def is_peer(self, c):
        return self.binary_of.get(c, c) in PEERS

    def columns(self, mode, workloads):
        """Contenders with a figure among workloads, plus binaries that ran
        this mode without printing any (so their failure shows as n/a)."""
        names = {s["contender"] for s in self.summary if s["workload"] in workloads}
        printed = {}
        for r in self.runs:
            if r["mode"] == mode:
                printed[r["binary"]] = printed.get(r["binary"], False) or bool(r.get("figures"))
        names |= {b for b, any_fig in printed.items() if not any_fig}
        return sorted(names, key=order_key)

    def sizes(self, key, workloads):
        return sorted({s["n"] for s in self.summary if s["key"] == key and s["workload"] in workloads})


# ---------------------------------------------------------------- markdown

def fmt_num(v):
    if v is None:
        return "n/a"
    a = abs(v)
    if a >= 10000:
        return f"{v:,.0f}"
    if a >= 1000:
        return f"{v:.0f}"
    if a >= 1 or a == 0:
        return f"{v:.1f}"
    return f"{v:.2f}"


def fmt_fine(v):
    return "n/a" if v is None else f"{v:.3f}"


def fmt_count(v):
    if v is None:
        return "n/a"
    if abs(v - round(v)) < 0.005:
        return f"{v:.0f}"
    # Near 1 the second decimal decides the allocs target.
    return f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def fmt_cell(s, fmt=fmt_num):
    if s is None:
        return "n/a"
    text = fmt(s["median"])
    if s["max"] > s["min"] and s["spread_pct"] is not None:
        text += f" ±{s['spread_pct']:.0f}%"
    return text


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:.2f}x"


def ratio(num, den):
    if num is None or den is None or den <= 0:
        return None
    return num / den


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def table(header, aligns, rows):
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---:" if a == "r" else "---" for a in aligns) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def ops_section(d, key):
    cols = d.columns("ops", OPS_ROWS)
    sizes = d.sizes(key, OPS_ROWS)
    lines = [f"### {key} keys", ""]
    if not sizes:
        return lines + ["No measurements.", ""]
    peers = [c for c in cols if d.is_peer(c)]
    header = ["workload", "N"] + cols + ["best peer", "vs best peer", "vs Go"]
    rows = []
    for w in OPS_ROWS:
        for n in sizes:
            g = d.val(PRODUCT, key, n, w)
            cand = [(d.val(p, key, n, w), p) for p in peers if d.val(p, key, n, w) is not None]
            best = min(cand) if cand else None
            rows.append([w, fmt_n(n)] + [fmt_cell(d.rec(c, key, n, w)) for c in cols] + [
                f"{best[1]} {fmt_num(best[0])}" if best else "n/a",
                fmt_ratio(ratio(best[0], g) if best else None),
                fmt_ratio(ratio(d.val(GO, key, n, w), g)),
            ])
    return lines + table(header, "lr" + "r" * len(cols) + "lrr", rows) + [""]


def machine_pauses(d):
    """(median, values) of the probe's pauses over 5 us per second, or None."""
    r = d.rec("machine", "u64", 0, "pauses_5us")
    return (r["median"], r["values"]) if r else None


def slow_rows(d, n, cols, prefix):
    """Rows of the slowest inserts at N = n: p99.99, each round's, the count
    over 5 us and the time inside the inserts."""
    def rounds(c):
        r = d.rec(c, "u64", n, prefix + "_p9999")
        return " / ".join(fmt_num(v) for v in r["values"]) if r else "n/a"
    return [
        [f"{fmt_n(n)}, p99.99 (median)"] + [fmt_cell(d.rec(c, "u64", n, prefix + "_p9999")) for c in cols],
        [f"{fmt_n(n)}, p99.99, each round"] + [rounds(c) for c in cols],
        [f"{fmt_n(n)}, inserts over 5 us (median)"] + [fmt_cell(d.rec(c, "u64", n, prefix + "_slow")) for c in cols],
        [f"{fmt_n(n)}, s inside the inserts (median)"] +
        [fmt_cell(d.rec(c, "u64", n, prefix + "_time"), fmt_fine) for c in cols],
    ]


def tail_section(d):
    w3 = ("tail_max", "tail_p999", "tail_p9999")
    cols = d.columns("tail", w3)
    sizes = d.sizes("u64", w3)
    lines = ["### Worst single insert while growing from empty (u64, no hint), us", ""]
    if not sizes:
        return lines + ["No measurements.", ""]
    rows = []
    for n in sizes:
        rounds = max((len(d.rec(c, "u64", n, "tail_max")["values"]) for c in cols
                      if d.rec(c, "u64", n, "tail_max")), default=0)
        rows.append([f"{fmt_n(n)}, max (best of {rounds})"] +
                    [fmt_num(d.val(c, "u64", n, "tail_max")) for c in cols])
        rows.append([f"{fmt_n(n)}, max, each round"] +
                    [" / ".join(fmt_num(v) for v in d.rec(c, "u64", n, "tail_max")["values"])
                     if d.rec(c, "u64", n, "tail_max") else "n/a" for c in cols])
        rows.append([f"{fmt_n(n)}, p99.9 (median)"] + [fmt_cell(d.rec(c, "u64", n, "tail_p999")) for c in cols])
        rows += slow_rows(d, n, cols, "tail")
    lines += table(["N"] + cols, "l" + "r" * len(cols), rows) + [""]

    hcols = [c for c in cols if any(d.rec(c, "u64", n, "tail_hint_p9999") for n in sizes)]
    if hcols:
        lines += ["The same inserts into a map made for all N entries (hint N, so no growth at all): "
                  "what the machine alone does to single inserts.", ""]
        rows = []
        for n in sizes:
            rows.append([f"{fmt_n(n)}, max (best)"] + [fmt_num(d.val(c, "u64", n, "tail_hint_max")) for c in hcols])
            rows += slow_rows(d, n, hcols, "tail_hint")
        lines += table(["N, hint N"] + hcols, "l" + "r" * len(hcols), rows) + [""]

    mp = machine_pauses(d)
    if mp:
        share = d.rec("machine", "u64", 0, "pauses_share")
        lines += [f"The machine: a thread doing nothing but read the clock for {PROBE_SECONDS} s "
                  f"({PROBE}, once per tail round) was stopped for over 5 us "
                  f"{fmt_num(mp[0])} times per second (median; rounds "
                  f"{' / '.join(fmt_num(v) for v in mp[1])})"
                  + (f", {share['median']:.1f}% of its time" if share else "")
                  + ". An insert that such a pause falls into takes over 5 us whatever the map "
                  "does, so a table expects about that rate times its seconds inside the inserts "
                  "to be slow; p99.99 allows N / 10,000.", ""]
    return lines


def small_section(d):
    ws = ("small_create", "small_create_allocs", "small_create_hint", "small_create_hint_allocs")
    cols = d.columns("small", ws)
    lines = [f"### small_create: 100,000 maps, {SMALL_N} u64 keys each", ""]
    if not cols:
        return lines + ["No measurements.", ""]
    rows = []
    for c in cols:
        rows.append([c,
                     fmt_cell(d.rec(c, "u64", SMALL_N, "small_create")),
                     fmt_count(d.val(c, "u64", SMALL_N, "small_create_allocs")),
                     fmt_cell(d.rec(c, "u64", SMALL_N, "small_create_hint")),
                     fmt_count(d.val(c, "u64", SMALL_N, "small_create_hint_allocs"))])
    header = ["contender", "ns/map, no hint", "allocs/map", f"ns/map, hint {SMALL_N}", "allocs/map"]
    return lines + table(header, "lrrrr", rows) + [""]


def footprint_section(d):
    ws = ("footprint_map", "footprint_total")
    cols = d.columns("footprint", ws)
    # Go's figures sit right under gomap's: that is the comparison that matters.
    cols.sort(key=lambda c: (0, "") if c == PRODUCT else (1, "") if c == GO else (2,) + order_key(c))
    lines = [f'### footprint: map[string]string, {FOOTPRINT_N} entries "key%d" -> "value%d"', ""]
    if not cols:
        return lines + ["No measurements.", ""]
    gm = d.val(PRODUCT, "str", FOOTPRINT_N, "footprint_map")
    gt = d.val(PRODUCT, "str", FOOTPRINT_N, "footprint_total")
    rows = []
    for c in cols:
        m = d.val(c, "str", FOOTPRINT_N, "footprint_map")
        t = d.val(c, "str", FOOTPRINT_N, "footprint_total")
        rows.append([c, "n/a" if m is None else f"{m:,.0f} B", "n/a" if t is None else f"{t:,.0f} B",
                     fmt_ratio(ratio(m, gm)), fmt_ratio(ratio(t, gt))])
    header = ["contender", "map structures", "with the strings", "structures vs gomap", "with strings vs gomap"]
    return lines + table(header, "lrrrr", rows) + [""]


def churn_section(d):
    cols = d.columns("churn", CHURN)
    cols.sort(key=lambda c: (0, "") if c == PRODUCT else (1, "") if c == GO else (2,) + order_key(c))
    sizes = d.sizes("u64", CHURN)
    lines = ["### churn: bytes per entry, u64, insert/delete at N live keys", ""]
    if not cols or not sizes:
        return lines + ["No measurements.", ""]
    reps = d.doc.get("config", {}).get("churn_reps", CHURN_REPS)
    lines += ["A u64 -> u64 map, no hint: insert N keys, then 4N pairs, each deleting the oldest live "
              "key and inserting a new one (N keys stay live). Bytes per entry are the map's own bytes / N: "
              "gomap's `gomap_stats.bytes`; Go's live heap after a collection less the live heap before "
              "the map was made. The peak is the highest of 256 readings evenly spaced over the churn "
              "(Go collects before each); gomap is also read after every pair (last column). "
              + ("One run" if reps == 1 else f"Medians of {reps} runs")
              + " per contender and N: these are byte counts, not times, but hash seeds differ per "
              "process, so the figures move slightly from run to run.", ""]

    def b(c, n, w):
        v = d.val(c, "u64", n, w)
        return "n/a" if v is None else f"{v:.2f}"

    rows = []
    for n in sizes:
        gp = d.val(PRODUCT, "u64", n, "churn_peak")
        for c in cols:
            every = b(c, n, "churn_peak_every") if c == PRODUCT else "-"
            rows.append([c, fmt_n(n), b(c, n, "churn_insert"), b(c, n, "churn_peak"), every,
                         fmt_ratio(ratio(d.val(c, "u64", n, "churn_peak"), gp))])
    header = ["contender", "N", "after insert, B/entry", "peak during churn, B/entry",
              "peak read after every pair", "peak vs gomap"]
    return lines + table(header, "lrrrrr", rows) + [""]


def combine(statuses):
    if "FAIL" in statuses:
        return "FAIL"
    if "N/A" in statuses or not statuses:
        return "N/A"
    return "PASS"


def check(ok):
    return "N/A" if ok is None else ("PASS" if ok else "FAIL")


def ops_target_n(d):
    sizes = sorted(set(d.sizes("u64", TIMED)) | set(d.sizes("str", TIMED)))
    if not sizes:
        return None
    return TARGET_N if TARGET_N in sizes else max(sizes)


def speedups(d, other, n):
    """other/gomap for every timed workload and key type with both figures."""
    out, missing = [], []
    for key in KEYS:
        for w in TIMED:
            r = ratio(d.val(other, key, n, w), d.val(PRODUCT, key, n, w))
            if r is None:
                missing.append(f"{key} {w}")
            else:
                out.append((key, w, r))
    return out, missing


def has_figures(d, c, n):
    return n is not None and any(d.val(c, k, n, w) is not None for k in KEYS for w in TIMED)


def list_ratios(rs, bad):
    parts = []
    for key in KEYS:
        items = [f"{w} **{r:.2f}x**" if bad(r) else f"{w} {r:.2f}x" for k, w, r in rs if k == key]
        if items:
            parts.append(f"{key}: " + ", ".join(items))
    return "; ".join(parts)


def targets_section(d):
    lines = ["## Targets", ""]
    results = []
    n = ops_target_n(d)
    if n is not None and n != TARGET_N:
        lines += [f"The ops targets are defined at N = {fmt_n(TARGET_N)}, which was not run; they are "
                  f"evaluated here at N = {fmt_n(n)} for information only.", ""]

    # 1. vs Go
    sub = []
    if not has_figures(d, PRODUCT, n):
        sub.append(("N/A", "no gomap figures"))
    elif not has_figures(d, GO, n):
        sub.append(("N/A", "no Go figures"))
    else:
        rs, missing = speedups(d, GO, n)
        miss = f" (missing: {', '.join(missing)})" if missing else ""
        ok = all(r >= 1.5 for _, _, r in rs) if rs else None
        sub.append((check(ok if not missing else (False if ok is False else None)),
                    f"every timed workload go/gomap >= 1.50x: {list_ratios(rs, lambda r: r < 1.5)}{miss}"))
        gm = geomean([r for _, _, r in rs])
        sub.append((check(None if gm is None else gm >= 2.0),
                    f"geometric mean >= 2.00x: {fmt_ratio(gm)} over {len(rs)} figures"))
        mem, rel = [], {True: "<=", False: "**>**", None: "vs"}
        for key in KEYS:
            a, b = d.val(PRODUCT, key, n, "mem"), d.val(GO, key, n, "mem")
            mem.append((key, a, b, None if a is None or b is None else a <= b))
        sub.append((combine([check(ok) for _, _, _, ok in mem]),
                    "mem per entry <= Go's: " + "; ".join(
                        # Three decimals: the two are often within 0.1 B.
                        f"{k}: gomap {fmt_fine(a)} {rel[ok]} go {fmt_fine(b)} B"
                        for k, a, b, ok in mem)))
    results.append(("1. gomap vs Go at N = " + (fmt_n(n) if n else "1e+06"), sub))

    # 2. vs absl
    sub = []
    if not has_figures(d, PRODUCT, n):
        sub.append(("N/A", "no gomap figures"))
    elif not has_figures(d, "absl", n):
        sub.append(("N/A", "no absl figures"))
    else:
        rs, missing = speedups(d, "absl", n)
        miss = f" (missing: {', '.join(missing)})" if missing else ""
        gm = geomean([r for _, _, r in rs])
        sub.append((check(None if gm is None else gm >= 1.0),
                    f"geometric mean absl/gomap >= 1.00x: {fmt_ratio(gm)} over {len(rs)} figures{miss}"))
        ok = all(r >= 1 / 1.5 for _, _, r in rs) if rs else None
        sub.append((check(ok), "no workload absl/gomap < 0.67x: " + list_ratios(rs, lambda r: r < 1 / 1.5)))
    results.append(("2. gomap vs absl at N = " + (fmt_n(n) if n else "1e+06"), sub))

    # 3. tail
    sub = []
    tail_sizes = [m for m in d.sizes("u64", ("tail_max",)) if d.val(PRODUCT, "u64", m, "tail_max") is not None]
    if not tail_sizes:
        sub.append(("N/A", "no gomap tail figures"))
        title = f"3. tail at N = {fmt_n(TAIL_TARGET_N)}"
    else:
        tn = max(tail_sizes)
        title = f"3. tail at N = {fmt_n(tn)}"
        if tn != TAIL_TARGET_N:
            title += f" (the target is defined at N = {fmt_n(TAIL_TARGET_N)}; only N = {fmt_n(tn)} was run)"
        mx = d.val(PRODUCT, "u64", tn, "tail_max")
        rounds = len(d.rec(PRODUCT, "u64", tn, "tail_max")["values"])
        sub.append((check(mx < 1000), f"max (best of {rounds}) < 1000 us: {fmt_num(mx)} us"))
        p = d.val(PRODUCT, "u64", tn, "tail_p9999")
        sub.append((check(None if p is None else p < 5), f"p99.99 < 5 us: {fmt_num(p)} us"))
        # Context, not a check: what the machine allows in this run.
        ctx = []
        mp = machine_pauses(d)
        if mp:
            ctx.append(f"machine pauses over 5 us: {fmt_num(mp[0])}/s")
        t = d.val(PRODUCT, "u64", tn, "tail_time")
        sl = d.val(PRODUCT, "u64", tn, "tail_slow")
        if t is not None and sl is not None:
            ctx.append(f"gomap {fmt_num(sl)} inserts over 5 us in {t:.2f} s inside inserts "
                       f"(p99.99 allows {tn // 10000:,})")
        for c in TAIL_HINT_CONTENDERS:
            hp = d.val(c, "u64", tn, "tail_hint_p9999")
            if hp is not None:
                ctx.append(f"{c} with hint N (no growth): p99.99 {fmt_num(hp)} us")
        if ctx:
            sub.append(("INFO", "; ".join(ctx)))
    results.append((title, sub))

    # 4. small_create
    sub = []

    def sv(c, w):
        return d.val(c, "u64", SMALL_N, w)

    def lt(a, b):
        return None if a is None or b is None else a < b

    ha, hn = sv(PRODUCT, "small_create_hint_allocs"), sv(PRODUCT, "small_create_hint")
    sub.append((check(None if ha is None else ha <= 1),
                "hint: allocs/map <= 1: " + ("n/a" if ha is None else f"{ha:.2f}")))
    sub.append((check(lt(hn, sv("absl", "small_create_hint"))),
                f"hint: ns/map < absl's: {fmt_num(hn)} vs {fmt_num(sv('absl', 'small_create_hint'))}"))
    un = sv(PRODUCT, "small_create")
    sub.append((check(lt(un, sv("absl", "small_create"))),
                f"no hint: ns/map < absl's: {fmt_num(un)} vs {fmt_num(sv('absl', 'small_create'))}"))
    sub.append((check(lt(un, sv(GO, "small_create"))),
                f"no hint: ns/map < go's: {fmt_num(un)} vs {fmt_num(sv(GO, 'small_create'))}"))
    results.append((f"4. small_create ({SMALL_N} u64 keys)", sub))

    # 5. footprint (informational)
    fg = [d.val(c, "str", FOOTPRINT_N, w) for c in (PRODUCT, GO) for w in ("footprint_map", "footprint_total")]
    text = (f"gomap {fmt_num(fg[0])} B (with strings {fmt_num(fg[1])} B) vs "
            f"go {fmt_num(fg[2])} B (with strings {fmt_num(fg[3])} B)")
    results.append((f"5. footprint ({FOOTPRINT_N} string entries, informational)",
                    [(check(None if None in fg else True), text)]))

    # 6. memory under churn
    measured = d.sizes("u64", CHURN)
    title = "6. bytes per entry under churn (u64) <= Go's at N = " + " and ".join(map(fmt_n, CHURN_TARGET_NS))
    sizes = list(CHURN_TARGET_NS)
    if measured and not set(measured) & set(CHURN_TARGET_NS):
        sizes = measured
        title += f" (not run; evaluated at N = {', '.join(map(fmt_n, sizes))} for information)"
    sub = []
    if not any(d.val(PRODUCT, "u64", m, w) is not None for m in sizes for w in CHURN):
        sub.append(("N/A", "no gomap churn figures"))
    else:
        rel = {True: "<=", False: "**>**", None: "vs"}
        for w, label in (("churn_peak", "peak during churn"), ("churn_insert", "after insert")):
            cmp = []
            for m in sizes:
                a, g = d.val(PRODUCT, "u64", m, w), d.val(GO, "u64", m, w)
                cmp.append((m, a, g, None if a is None or g is None else a <= g))
            sub.append((combine([check(ok) for _, _, _, ok in cmp]),
                        f"{label} <= Go's: " + "; ".join(
                            f"N = {fmt_n(m)}: gomap {fmt_fine(a)} {rel[ok]} go {fmt_fine(g)} B"
                            for m, a, g, ok in cmp)))
        every = [(m, d.val(PRODUCT, "u64", m, "churn_peak_every")) for m in sizes]
        sub.append(("INFO", "gomap's peak read after every pair (Go's only at the 256 points): " + "; ".join(
            f"N = {fmt_n(m)}: {fmt_fine(v)} B" for m, v in every)))
    results.append((title, sub))

    overall = [combine([s for s, _ in sub if s != "INFO"]) for _, sub in results]
    lines += [", ".join(f"{overall.count(s)} {s}" for s in ("PASS", "FAIL", "N/A") if overall.count(s)), ""]
    for (title, sub), st in zip(results, overall):
        lines.append(f"- **{st}** {title}")
        lines += [f"  - {s}: {text}" for s, text in sub]
    return lines + [""]


def notes_section(d):
    # The same event in several reps is one line listing the reps.
    events = {}
    for r in d.runs:
        if r["status"] != "ok" or "reason" in r or r.get("bad_lines"):
            why = r.get("reason", "")
            if r.get("bad_lines"):
                why += ("; " if why else "") + f"{r['bad_lines']} unreadable output line(s)"
            ident = (r["binary"], r["mode"], r["key"], r["n"], r["status"], why)
            events.setdefault(ident, []).append(r["rep"] + 1)
    lines = [f"- {b} {mode} {key} N={fmt_n(n)}: {status}, {why} "
             f"(rep{'s' if len(reps) > 1 else ''} {', '.join(map(str, reps))})"
             for (b, mode, key, n, status, why), reps in events.items()]
    if d.doc.get("interrupted"):
        lines.insert(0, "- the run was interrupted; later jobs are missing")
    return (["## Failures and skips", ""] + lines + [""]) if lines else []


def plural(k, word):
    return f"{k} {word}" + ("" if k == 1 else "s")


def header_text(doc):
    m = doc.get("machine", {})
    parts = [m.get("cpu") or "unknown CPU"]
    if m.get("cores"):
        parts.append(f"{m['cores']} cores")
    if m.get("ram_gib"):
        parts.append(f"{m['ram_gib']} GiB")
    if m.get("kernel"):
        parts.append(f"Linux {m['kernel']}")
    return f"{doc['date']} — {', '.join(parts)}"


def markdown(d):
    doc = d.doc
    cfg = doc["config"]
    comp = doc.get("compilers", {})
    git = doc.get("git") or {}
    lines = ["# gomap benchmarks", "", header_text(doc), ""]
    tools = [f"{k}: {v}" for k, v in comp.items() if v]
    if git:
        tools.append(f"gomap {git['commit']}" + (" (modified)" if git.get("dirty") else ""))
    lines += ["; ".join(tools), ""]
    lines += [f"Profile {doc['profile']}: {plural(doc['reps'], 'rep')} of ops, "
              f"{plural(cfg['tail_rounds'], 'tail round')}, "
              f"{plural(cfg['small_reps'], 'small_create rep')}, interleaved (contender order shuffled per rep, "
              f"seed {cfg['seed']}). Cells: median ± spread, spread = (max − min) / median. "
              "ns per operation (per element for iterate), bytes per entry for mem; lower is better. "
              "Ratios are other / gomap: above 1.00x gomap is faster or smaller. "
              "Best peer is the lowest among the C/C++ tables (" + ", ".join(PEERS) + ").", ""]
    for key in KEYS:
        lines += ops_section(d, key)
    lines += tail_section(d) + small_section(d) + footprint_section(d) + churn_section(d)
    lines += targets_section(d) + notes_section(d)
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- chart

def gp_str(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def gp_ident(s):
    return "".join(ch if ch.isalnum() else "_" for ch in s)


def colors_for(names):
    colors, spare = {}, list(SPARE_COLORS)
    for c in names:
        colors[c] = COLORS.get(c) or (spare.pop(0) if spare else "#000000")
    return colors


def bar_block(groups, series, value, base):
    """Boxes per series: (series, rows of x y xlow xhigh ylow yhigh)."""
    blocks = []
    width = 0.8 / max(1, len(series))
    for j, c in enumerate(series):
        rows = []
        for i, g in enumerate(groups):
            v = value(c, g)
            if v is None or v <= 0:
                continue
            x = i - 0.4 + width * (j + 0.5)
            rows.append(f"{x:.4f} {v:.6g} {x - width * 0.45:.4f} {x + width * 0.45:.4f} "
                        f"{min(v, base):.6g} {max(v, base):.6g}")
        if rows:
            blocks.append((c, rows))
    return blocks


def chart_script(d, png_name, terminal):
    n = ops_target_n(d)
    panels = []
    if n is not None:
        groups = list(OPS_ROWS)
        for key in KEYS:
            series = [c for c in d.columns("ops", OPS_ROWS) if c != PRODUCT]

            def rel(c, w, key=key):
                return ratio(d.val(c, key, n, w), d.val(PRODUCT, key, n, w))

            blocks = bar_block(groups, series, rel, 1.0)
            if blocks:
                vals = [float(r.split()[1]) for _, rows in blocks for r in rows]
                panels.append({
                    "title": f"{key} keys, N = {fmt_n(n)}: median / gomap's (above 1: gomap faster or smaller)",
                    "groups": groups, "blocks": blocks, "log": True, "ref": 1.0, "ref_label": None,
                    "ylabel": "relative to gomap (line: gomap = 1; log)", "format": "%gx",
                    "yrange": (min(0.5, min(vals) / 1.4), max(2.0, max(vals) * 1.4))})
    tail_sizes = d.sizes("u64", ("tail_max",))
    if tail_sizes:
        series = d.columns("tail", ("tail_max",))
        groups = [f"N = {fmt_n(m)}" for m in tail_sizes]
        vals = [d.val(c, "u64", m, "tail_max") for c in series for m in tail_sizes]
        vals = [v for v in vals if v and v > 0]
        if vals:
            # Low enough that the 1 ms line always shows.
            lo = min(100.0, 10 ** math.floor(math.log10(min(vals))))
            blocks = bar_block(groups, series, lambda c, g: d.val(c, "u64", tail_sizes[groups.index(g)],
                                                                  "tail_max"), lo)
            panels.append({
                "title": "worst single insert, u64, best of rounds (target: < 1000 us at N = 1e+07)",
                "groups": groups, "blocks": blocks, "log": True, "ref": 1000.0, "ref_label": "target 1 ms",
                "ylabel": "microseconds (log)", "format": "%g",
                "yrange": (lo, max(2000.0, max(vals) * 2))})
    small = [("no hint", "small_create"), (f"hint {SMALL_N}", "small_create_hint")]
    series = d.columns("small", ("small_create", "small_create_hint"))
    vals = [d.val(c, "u64", SMALL_N, w) for c in series for _, w in small]
    vals = [v for v in vals if v and v > 0]
    if vals:
        labels = [g for g, _ in small]
        blocks = bar_block(labels, series, lambda c, g: d.val(c, "u64", SMALL_N, dict(small)[g]), 0.0)
        panels.append({
            "title": f"small_create: create, insert {SMALL_N} u64 keys, drop", "groups": labels,
            "blocks": blocks, "log": False, "ref": None, "ylabel": "ns per map", "format": "%g",
            "yrange": (0, max(vals) * 1.15)})
    if not panels:
        return None

    names = sorted({c for p in panels for c, _ in p["blocks"]}, key=order_key)
    colors = colors_for(names)
    doc = d.doc
    cols = 2 if len(panels) > 1 else 1
    rows = (len(panels) + cols - 1) // cols
    width, height = 760 * cols, 430 * rows + 110
    top = 1 - 95 / height  # room for the title and the shared legend

    out = [f"set terminal {terminal} size {width},{height} noenhanced font \"Sans,10\"",
           f"set output {gp_str(png_name)}"]
    for p_i, p in enumerate(panels):
        for c, rows_ in p["blocks"]:
            out.append(f"$p{p_i}_{gp_ident(c)} << EOD")
            out += rows_
            out.append("EOD")
    title = f"gomap benchmarks — medians of {plural(doc['reps'], 'rep')} — {header_text(doc)}"
    out += [f"set multiplot title {gp_str(title)} font \",12\"",
            "set style fill solid 0.9 border lc rgb \"#404040\"",
            "set grid ytics lc rgb \"#d0d0d0\"",
            "set border 3", "set xtics nomirror scale 0", "set ytics nomirror",
            "set lmargin 11", "set rmargin 2", "set tmargin 2", "set bmargin 3"]
    # The legend gets a full-width strip of its own under the title so it
    # stays on one line; the strip plots one point outside its range.
    entries = [f"keyentry with boxes fc rgb {gp_str(colors[c])} title {gp_str(c)}" for c in names]
    out += ["$nothing << EOD", "0 -1", "EOD",
            f"set origin 0,{top:.4f}", f"set size 1,{1 - top - 28 / height:.4f}",
            "set border 0", "unset xtics", "unset ytics", "set xrange [0:1]", "set yrange [0:1]",
            "set key at graph 0.5, graph 0.5 center center horizontal maxrows 1 reverse Left box "
            "samplen 1.5 width 1",
            "plot " + ", \\\n     ".join(["$nothing using 1:2 with points ps 0 notitle"] + entries),
            "unset key", "set border 3", "set xtics nomirror scale 0", "set ytics nomirror"]
    for p_i, p in enumerate(panels):
        col, row = p_i % cols, p_i // cols
        out += [f"set origin {col / cols:.4f},{top - (row + 1) * top / rows:.4f}",
                f"set size {1 / cols:.4f},{top / rows:.4f}",
                f"set title {gp_str(p['title'])}",
                f"set ylabel {gp_str(p['ylabel'])}",
                "set xtics (" + ", ".join(f"{gp_str(g)} {i}" for i, g in enumerate(p["groups"])) + ")",
                f"set xrange [-0.6:{len(p['groups']) - 0.4}]",
                f"set yrange [{p['yrange'][0]:.6g}:{p['yrange'][1]:.6g}]",
                f"set format y {gp_str(p['format'])}",
                "set logscale y" if p["log"] else "unset logscale y",
                log_tics(*p["yrange"]) if p["log"] else "set ytics autofreq",
                "unset arrow", "unset label"]
        if p["ref"] is not None:
            out.append(f"set arrow from graph 0, first {p['ref']} to graph 1, first {p['ref']} "
                       "nohead lw 2 lc rgb \"#000000\" front")
            if p["ref_label"]:
                out.append(f"set label {gp_str(p['ref_label'])} at graph 1, first {p['ref']} "
                           "right offset -0.5,0.7 front")
        plots = [f"$p{p_i}_{gp_ident(c)} using 1:2:3:4:5:6 with boxxyerror fc rgb {gp_str(colors[c])} notitle"
                 for c, _ in p["blocks"]]
        out.append("plot " + ", \\\n     ".join(plots))
    out += ["unset multiplot", "set output"]
    return "\n".join(out) + "\n"


def log_tics(lo, hi):
    # Decade tics alone leave a 0.5x..5x panel with a single label.
    steps = (1, 1.5, 2, 3, 5, 7)
    if hi / lo > 1000:
        steps = (1,)
    elif hi / lo > 50:
        steps = (1, 2, 5)
    tics = [m * 10 ** e for e in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1)
            for m in steps]
    return "set ytics (" + ", ".join(f"{t:.6g}" for t in tics if lo <= t <= hi) + ")"


def gnuplot_terminal(gnuplot):
    try:
        cp = subprocess.run([gnuplot, "-e", "set terminal pngcairo"], capture_output=True, timeout=30)
        return "pngcairo" if cp.returncode == 0 else "png"
    except (OSError, subprocess.SubprocessError):
        return "png"


def draw_chart(d, out_dir):
    png = out_dir / "latest.png"
    if png.exists():
        png.unlink()  # a stale chart would contradict the new report
    gnuplot = shutil.which("gnuplot") or "/usr/bin/gnuplot"
    if not os.access(gnuplot, os.X_OK):
        log("gnuplot not found: no chart")
        return None
    script = chart_script(d, png.name, gnuplot_terminal(gnuplot))
    if script is None:
        log("nothing to chart")
        return None
    gp = out_dir / "latest.gp"
    gp.write_text(script)
    try:
        cp = subprocess.run([gnuplot, gp.name], cwd=out_dir, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as e:
        log(f"gnuplot failed: {e}")
        return None
    if cp.returncode != 0:
        log(f"gnuplot failed:\n{cp.stderr.strip()}")
        return None
    return png


# ---------------------------------------------------------------- main

def report(doc, out_dir):
    d = Data(doc)
    doc["summary"] = d.summary
    (out_dir / "latest.json").write_text(json.dumps(doc, indent=1) + "\n")
    md = markdown(d)
    (out_dir / "latest.md").write_text(md)
    sys.stdout.write(md)
    sys.stdout.flush()
    png = draw_chart(d, out_dir)
    log(f"wrote {out_dir / 'latest.json'}, {out_dir / 'latest.md'}" + (f", {png}" if png else ""))


def on_term(signum, frame):
    raise KeyboardInterrupt


def main():
    ap = argparse.ArgumentParser(description="Run the gomap benchmark suite.")
    ap.add_argument("--profile", choices=sorted(PROFILES), default="quick")
    ap.add_argument("--reps", type=int, default=5, help="repetitions of ops (tail and small: min(3, reps))")
    ap.add_argument("--bindir", type=Path, default=ROOT / "build-bench" / "bench",
                    help="directory of bench_* binaries (its peers/ and go/ subdirectories too)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--only", help="comma-separated contender names (binary name without bench_)")
    ap.add_argument("--sizes", nargs="+", help="ops sizes, overriding the profile's (e.g. 1000,1e5)")
    ap.add_argument("--tail-sizes", nargs="+", help="tail sizes (default: the profile's, capped by --sizes)")
    ap.add_argument("--churn-sizes", nargs="+",
                    help="churn live-key counts (default: the profile's, capped by --sizes)")
    ap.add_argument("--modes", default=",".join(MODES), help="subset of " + ",".join(MODES))
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per process")
    ap.add_argument("--seed", type=int, default=1, help="seed of the per-rep contender order")
    ap.add_argument("--skip-limit", type=float, default=60.0,
                    help="skip a run above 1e6 expected (from the next smaller N) to exceed this many seconds")
    ap.add_argument("--no-go-build", action="store_true",
                    help="do not build bench_go from bench/go when it is missing or stale")
    ap.add_argument("--report-only", action="store_true", help="regenerate md and png from <out>/latest.json")
    args = ap.parse_args()
    out_dir = args.out.resolve()

    if args.report_only:
        try:
            doc = json.loads((out_dir / "latest.json").read_text())
        except (OSError, ValueError) as e:
            log(f"cannot read {out_dir / 'latest.json'}: {e}")
            return 2
        report(doc, out_dir)
        return 0

    if args.reps < 1:
        ap.error("--reps must be at least 1")
    if args.timeout <= 0:
        ap.error("--timeout must be positive")
    modes = [m for m in args.modes.replace(",", " ").split()]
    if not modes or any(m not in MODES for m in modes):
        ap.error(f"--modes takes a subset of {','.join(MODES)}")
    prof = PROFILES[args.profile]
    try:
        ops_sizes = parse_sizes(args.sizes) if args.sizes else list(prof["ops"])

        def mode_sizes(explicit, mode):
            if explicit:
                return parse_sizes(explicit)
            if args.sizes:
                # A smoke run with small sizes keeps the other jobs small too.
                return [m for m in prof[mode] if m <= max(ops_sizes)] or [max(ops_sizes)]
            return list(prof[mode])

        tail_sizes = mode_sizes(args.tail_sizes, "tail")
        churn_sizes = mode_sizes(args.churn_sizes, "churn")
    except argparse.ArgumentTypeError as e:
        ap.error(str(e))

    try:
        # Before the run, so a bad --out costs nothing.
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        log(f"cannot create {out_dir}: {e}")
        return 2

    bindir = args.bindir.resolve()
    wanted = args.only.replace(",", " ").split() if args.only else []
    if not args.no_go_build and (not wanted or GO in wanted):
        build_go(bindir)
    binaries = find_binaries(bindir)
    if wanted:
        unknown = [w for w in wanted if w not in binaries]
        if unknown:
            log(f"unknown contender(s) {', '.join(unknown)}; found in {bindir}: {', '.join(binaries) or 'none'}")
            return 2
        binaries = {k: v for k, v in binaries.items() if k in wanted}
    if PRODUCT not in binaries and (not wanted or PRODUCT in wanted):
        log(f"{bindir / ('bench_' + PRODUCT)} is missing (build with -DGOMAP_BUILD_BENCH=ON)")
        return 2
    if not binaries:
        log("no contender to run")
        return 2

    cfg = {"modes": modes, "ops_sizes": ops_sizes, "tail_sizes": tail_sizes, "churn_sizes": churn_sizes,
           "reps": args.reps, "churn_reps": CHURN_REPS,
           "tail_rounds": min(TAIL_ROUNDS, args.reps), "small_reps": min(SMALL_REPS, args.reps),
           "footprint_reps": FOOTPRINT_REPS, "timeout_s": args.timeout, "seed": args.seed,
           "skip_limit_s": args.skip_limit, "bindir": str(bindir),
           "contenders": {k: str(v) for k, v in binaries.items()},
           "probe": str(bindir / PROBE) if os.access(bindir / PROBE, os.X_OK) else None}
    log(f"contenders: {', '.join(binaries)}; ops N = {', '.join(map(fmt_n, ops_sizes))}; "
        f"tail N = {', '.join(map(fmt_n, tail_sizes))}; churn N = {', '.join(map(fmt_n, churn_sizes))}; "
        f"modes {','.join(modes)}")
    doc = {"format": 1,
           "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "machine": machine_info(), "compilers": compiler_info(), "git": git_info(),
           "profile": args.profile, "reps": args.reps, "config": cfg}
    # Children run in their own sessions; a TERM must still end them.
    signal.signal(signal.SIGTERM, on_term)
    runs, interrupted = run_suite(cfg, binaries)
    doc["runs"] = runs
    doc["interrupted"] = interrupted
    report(doc, out_dir)

    if interrupted:
        return 130
    bad = [r for r in runs if r["binary"] == PRODUCT and r["status"] != "skipped"
           and (r["status"] != "ok" or not r["figures"])]
    if bad:
        log(f"{PRODUCT} failed in {len(bad)} run(s); see the report")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
