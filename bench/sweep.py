#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Runs the size sweep of bench/WORKLOADS.md against the fastest C/C++ tables
and reports it.

Each contender is a binary speaking the protocol of bench/common/sweep.h
(sweep_<name> for the C/C++ tables, bench_go for Go). For every repetition
and blueprint the contenders run one after another in a shuffled order, so
they are interleaved. A row's figure is the sum over the sizes of the
per-size medians over repetitions (growth work that lands in a batch
counts); its spread is (max - min) / median of the per-repetition sums.

Writes under --out: sweep.json (every run, medians and ratios), sweep.md
(also printed), sweep.png (curves per blueprint for hit, miss and insert),
sweep_geomean.png (geometric means) and sweep.gp (the gnuplot script).

Usage:
    python3 bench/sweep.py [--profile quick|full] [--reps R] [--only a,b]
                           [--blueprints u32,u64,big,str] [--bindir DIR] [--out DIR]
    python3 bench/sweep.py --report-only [--out DIR]
"""

import argparse
import datetime
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROFILES = {
    "quick": {"nmax": 1000000, "steps": 20, "reps": 5},
    "full": {"nmax": 2000000, "steps": 40, "reps": 5},
}
BLUEPRINTS = ("u32", "u64", "big", "str")
BP_TITLES = {"u32": "u32 -> u32", "u64": "u64 -> u64", "big": "u64 -> 56-byte struct",
             "str": "17-byte string -> u64"}
ROWS = ("insert_total", "insert", "hit", "miss", "replace", "erase", "erase_absent",
        "iterate_1000", "iterate_all")
ROW_TITLES = {
    "insert_total": "insert all N (total)", "insert": "insert 1,000 new",
    "hit": "hit", "miss": "miss", "replace": "replace", "erase": "erase present",
    "erase_absent": "erase absent", "iterate_1000": "iterate first 1,000",
    "iterate_all": "iterate all",
}
PRODUCT = "gomap"
OURS = ("gomap", "gomap_generic")
C_PEERS = ("verstable", "cc", "khash", "mlib", "mlib_oa")
CXX_PEERS = ("boost", "absl", "std")
PEERS_FROM_DIR = ("verstable", "cc", "khash", "mlib", "mlib_oa", "boost")
ORDER = OURS + ("go",) + C_PEERS + CXX_PEERS
C_TABLES = OURS + C_PEERS
COLORS = {
    "gomap": "#1f3b73", "gomap_generic": "#6f8fcf", "go": "#00add8",
    "verstable": "#d62728", "cc": "#e377c2", "khash": "#8c564b", "mlib": "#bcbd22",
    "mlib_oa": "#7f7f00", "boost": "#ff7f0e", "absl": "#2ca02c", "std": "#7f7f7f",
}
GO_TOOL = "/usr/lib/go-1.19/bin/go"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def find_binaries(bindir):
    found = {}
    for name in ORDER:
        if name == "go":
            cands = [bindir / "bench_go", bindir / "go" / "bench_go"]
        else:
            cands = [bindir / f"sweep_{name}", bindir / "sweep" / f"sweep_{name}"]
        for p in cands:
            if p.is_file() and os.access(p, os.X_OK):
                found[name] = p
                break
    return found


def peers_dir():
    env = os.environ.get("GOMAP_PEERS_DIR")
    return Path(env) if env else (ROOT.parent / "shared" / "peers")


def run_one(path, bp, nmax, steps, timeout):
    t0 = time.monotonic()
    try:
        cp = subprocess.run([str(path), "sweep", bp, str(nmax), str(steps)], capture_output=True,
                            text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, "timeout", time.monotonic() - t0
    if cp.returncode != 0:
        return None, f"exit {cp.returncode}: {cp.stderr.strip()[-300:]}", time.monotonic() - t0
    figs = []
    for line in cp.stdout.splitlines():
        line = line.strip()
        if line:
            figs.append(json.loads(line))
    return figs, "ok", time.monotonic() - t0


def run_suite(cfg, binaries):
    runs = []
    rng = random.Random(cfg["seed"])
    names = list(binaries)
    total = cfg["reps"] * len(cfg["blueprints"]) * len(names)
    done = 0
    for rep in range(cfg["reps"]):
        for bp in cfg["blueprints"]:
            order = names[:]
            rng.shuffle(order)
            for name in order:
                figs, status, wall = run_one(binaries[name], bp, cfg["nmax"], cfg["steps"],
                                             cfg["timeout"])
                done += 1
                log(f"[{done}/{total}] rep {rep + 1} {bp} {name}: {status} ({wall:.1f} s)")
                runs.append({"rep": rep, "blueprint": bp, "contender": name, "status": status,
                             "wall": round(wall, 2), "figures": figs or []})
    return runs


def summarize(runs):
    """{bp: {contender: {row: {"value", "spread", "sizes", "per_size"}}}}"""
    acc = {}
    for r in runs:
        if r["status"] != "ok":
            continue
        for f in r["figures"]:
            d = acc.setdefault(f["blueprint"], {}).setdefault(f["contender"], {})
            d.setdefault(f["workload"], []).append(f)
    out = {}
    for bp, cs in acc.items():
        for c, rows in cs.items():
            for w, figs in rows.items():
                if "ns" in figs[0]:
                    sizes = figs[0]["sizes"]
                    per_size = [statistics.median(f["ns"][i] for f in figs) for i in range(len(sizes))]
                    sums = [sum(f["ns"]) for f in figs]
                    value = sum(per_size)
                    rec = {"value": value, "sizes": sizes, "per_size": per_size, "reps": len(figs),
                           "spread": (max(sums) - min(sums)) / value if value else 0.0}
                else:
                    vals = [f["value"] for f in figs]
                    med = statistics.median(vals)
                    rec = {"value": med, "reps": len(vals), "unit": figs[0].get("unit"),
                           "spread": (max(vals) - min(vals)) / med if med else 0.0}
                out.setdefault(bp, {}).setdefault(c, {})[w] = rec
    return out


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def analyse(summary):
    """Per blueprint and row: the fastest table, the best C peer, the best peer
    overall; per contender: time relative to the fastest, geometric means."""
    res = {}
    for bp, cs in summary.items():
        names = sorted(cs, key=lambda c: ORDER.index(c) if c in ORDER else 99)
        rows = {}
        for row in ROWS:
            vals = {c: cs[c][row]["value"] for c in names if row in cs[c] and cs[c][row]["value"] > 0}
            if not vals:
                continue
            fastest = min(vals.values())
            c_peers = {c: v for c, v in vals.items() if c in C_PEERS}
            peers = {c: v for c, v in vals.items() if c not in OURS}
            best_c = min(c_peers, key=c_peers.get) if c_peers else None
            best = min(peers, key=peers.get) if peers else None
            rows[row] = {"fastest": fastest, "rel": {c: v / fastest for c, v in vals.items()},
                         "best_c": best_c, "best": best,
                         "gomap_vs_best_c": (c_peers[best_c] / vals[PRODUCT]) if best_c and PRODUCT in vals else None,
                         "gomap_vs_best": (peers[best] / vals[PRODUCT]) if best and PRODUCT in vals else None}
        gm = {c: geomean([rows[r]["rel"].get(c) for r in rows]) for c in names}
        res[bp] = {"contenders": names, "rows": rows, "geomean_rel": gm}
    return res


def fmt_time(ns):
    if ns is None:
        return "n/a"
    us = ns / 1000.0
    if us >= 1000:
        return f"{us / 1000:,.1f} ms"
    if us >= 100:
        return f"{us:,.0f} us"
    return f"{us:.1f} us"


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:.2f}x"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def speedup_geomean(an, bp, other):
    """gomap's speedup over `other` (other / gomap) in geometric mean over rows."""
    rows = an[bp]["rows"]
    xs = [r["rel"][other] / r["rel"][PRODUCT] for r in rows.values()
          if other in r["rel"] and PRODUCT in r["rel"]]
    return geomean(xs)


def markdown(doc):
    s, an, cfg = doc["summary"], doc["analysis"], doc["config"]
    out = [f"# gomap size sweep ({cfg['profile']} profile)", ""]
    m = doc["meta"]
    out += [f"{m['date']} — {m['cpu']}, {m['cores']} cores; gcc/g++ 12 -O2; {m['go']}; gomap {m['commit']}", ""]
    out += [f"One map per blueprint grown from 0 to {cfg['nmax']:,} keys; at each of {cfg['steps']} evenly "
            f"spaced sizes, batches of 1,000 independent operations are timed on the map as it is "
            f"(WORKLOADS.md). {cfg['reps']} repetitions, contenders interleaved (order shuffled per "
            f"repetition and blueprint). A row's figure is the sum over the sizes of the per-size "
            f"medians; ± is the spread (max − min) / median of the per-repetition sums. Lower is better.", ""]
    if doc.get("skipped"):
        out += [f"Skipped: {doc['skipped']}", ""]
    failed = [f"{r['contender']} {r['blueprint']} (rep {r['rep'] + 1}): {r['status']}"
              for r in doc["runs"] if r["status"] != "ok"]
    if failed:
        out += ["Failed runs: " + "; ".join(failed), ""]
    out += ["Hashes: gomap its own seeded hash; Go its runtime hash; Verstable, CC, khash and M*LIB their "
            "default hash for the key type; boost::unordered_flat_map boost::hash with its own mixing; "
            "absl absl::Hash; std std::hash. String keys are views (gomap, Go, C++) or C strings (C peers).", ""]

    # Summary: geometric means of the time relative to the fastest table per row.
    names = [c for c in ORDER if any(c in an[bp]["contenders"] for bp in an)]
    out += ["## Geometric mean of the time relative to the fastest table per row (1.00 = fastest)", ""]
    hdr = ["contender"] + [BP_TITLES[bp] for bp in BLUEPRINTS if bp in an] + ["all blueprints"]
    rows = []
    for c in names:
        cells, allx = [], []
        for bp in BLUEPRINTS:
            if bp not in an:
                continue
            g = an[bp]["geomean_rel"].get(c)
            cells.append("n/a" if g is None else f"{g:.2f}")
            allx += [r["rel"][c] for r in an[bp]["rows"].values() if c in r["rel"]]
        g = geomean(allx)
        rows.append([f"**{c}**" if c == PRODUCT else c] + cells + ["n/a" if g is None else f"{g:.2f}"])
    out += table(hdr, rows) + [""]

    out += ["## gomap against the best (speedup = their time / gomap's; above 1.00x gomap is faster)", ""]
    hdr = ["blueprint", "vs best C peer (geomean)", "vs best peer overall (geomean)", "vs verstable",
           "vs boost", "vs go", "lowest row vs best C peer"]
    rows = []
    for bp in BLUEPRINTS:
        if bp not in an or PRODUCT not in an[bp]["contenders"]:
            continue
        rs = an[bp]["rows"]
        vb = geomean([r["gomap_vs_best_c"] for r in rs.values() if r["gomap_vs_best_c"]])
        vo = geomean([r["gomap_vs_best"] for r in rs.values() if r["gomap_vs_best"]])
        low = min(((r["gomap_vs_best_c"], k) for k, r in rs.items() if r["gomap_vs_best_c"]), default=None)
        rows.append([BP_TITLES[bp], fmt_ratio(vb), fmt_ratio(vo),
                     fmt_ratio(speedup_geomean(an, bp, "verstable")),
                     fmt_ratio(speedup_geomean(an, bp, "boost")), fmt_ratio(speedup_geomean(an, bp, "go")),
                     "n/a" if low is None else f"{low[0]:.2f}x ({ROW_TITLES[low[1]]})"])
    out += table(hdr, rows) + [""]

    for bp in BLUEPRINTS:
        if bp not in an:
            continue
        cs = an[bp]["contenders"]
        out += [f"## {BP_TITLES[bp]}", ""]
        hdr = ["row"] + cs + ["best C peer", "gomap vs it", "best peer", "gomap vs it"]
        rows = []
        for row in ROWS:
            if row not in an[bp]["rows"]:
                continue
            r = an[bp]["rows"][row]
            cells = []
            for c in cs:
                rec = s[bp][c].get(row)
                cells.append("n/a" if rec is None else f"{fmt_time(rec['value'])} ±{rec['spread'] * 100:.0f}%")
            rows.append([ROW_TITLES[row]] + cells +
                        [r["best_c"] or "n/a", fmt_ratio(r["gomap_vs_best_c"]),
                         r["best"] or "n/a", fmt_ratio(r["gomap_vs_best"])])
        gm = an[bp]["geomean_rel"]
        rows.append(["geomean, relative to fastest"] + ["n/a" if gm.get(c) is None else f"{gm[c]:.2f}" for c in cs]
                    + ["", "", "", ""])
        for w, title in (("mem_after", "bytes/entry after insert"), ("mem_peak", "bytes/entry, peak while growing")):
            rows.append([title] + [f"{s[bp][c][w]['value']:.1f}" if w in s[bp][c] else "n/a" for c in cs]
                        + ["", "", "", ""])
        out += table(hdr, rows) + [""]
        it = {c: s[bp][c]["iterate_all"]["value"] for c in cs if "iterate_all" in s[bp][c]}
        nsum = sum(s[bp][cs[0]]["iterate_all"]["sizes"]) if cs and "iterate_all" in s[bp][cs[0]] else 0
        if nsum:
            out += ["Iteration per entry (iterate all): " + ", ".join(
                f"{c} {it[c] / nsum:.2f} ns" for c in cs if c in it), ""]
    out += ["Charts: `sweep.png` (time per 1,000 operations against N for hit, miss and insert), "
            "`sweep_geomean.png` (the geometric means above).", ""]
    return "\n".join(out)


def gp_str(x):
    return '"' + str(x).replace("\\", "\\\\").replace('"', '\\"') + '"'


def chart_scripts(doc, out_dir):
    s, an = doc["summary"], doc["analysis"]
    bps = [bp for bp in BLUEPRINTS if bp in an]
    names = [c for c in ORDER if any(c in an[bp]["contenders"] for bp in bps)]
    panels = ("hit", "miss", "insert")
    width, height = 1500, 330 * len(bps) + 60
    g = ["set terminal pngcairo size %d,%d noenhanced font \"Sans,9\"" % (width, height),
         f"set output {gp_str('sweep.png')}",
         "set multiplot layout %d,3 title %s font \",12\"" % (
             len(bps), gp_str("Time per 1,000 operations against map size (lower is better)")),
         "set grid lc rgb \"#dddddd\"",
         "set xlabel \"N (thousands of entries)\"", "set ylabel \"us per 1,000 ops\"",
         "set xtics autofreq", "set mxtics 2"]
    first = True
    for bp in bps:
        for p in panels:
            g.append(f"set title {gp_str(BP_TITLES[bp] + ': ' + ROW_TITLES[p])}")
            # Growth spikes in the insert batches span orders of magnitude.
            g.append("set logscale y" if p == "insert" else "unset logscale y")
            g.append("set key top left font \",8\" maxrows 6" if first else "unset key")
            first = False
            plots = []
            for c in names:
                rec = s[bp].get(c, {}).get(p)
                if not rec:
                    continue
                # An insert batch goes into the map as it was at the previous size.
                xs = [0] + rec["sizes"][:-1] if p == "insert" else rec["sizes"]
                pts = "\n".join(f"{n / 1000:g} {v / 1000:.3f}" for n, v in zip(xs, rec["per_size"]))
                block = f"$d_{bp}_{p}_{c}"
                g.append(f"{block} << EOD\n{pts}\nEOD")
                lw = 3 if c == PRODUCT else 1.5
                plots.append(f"{block} using 1:2 with linespoints lw {lw} pt 7 ps 0.4 "
                             f"lc rgb {gp_str(COLORS.get(c, '#000000'))} title {gp_str(c)}")
            g.append("plot " + ", \\\n     ".join(plots) if plots else "plot 0 notitle")
    g.append("unset multiplot")
    # Bar chart of the geometric means.
    g += ["set terminal pngcairo size 1200,520 noenhanced font \"Sans,10\"",
          f"set output {gp_str('sweep_geomean.png')}",
          "set title \"Geometric mean of time relative to the fastest table per row (lower is better)\"",
          "set style data histograms", "set style histogram clustered gap 1",
          "set style fill solid 0.9 border lc rgb \"#404040\"", "set boxwidth 0.9",
          "set key top left", "set grid ytics lc rgb \"#dddddd\"", "unset xlabel",
          "set ylabel \"relative time\"", "set yrange [0:*]", "set xtics nomirror scale 0",
          "unset mxtics"]
    lines = []
    for bp in bps:
        vals = [an[bp]["geomean_rel"].get(c) for c in names]
        lines.append(gp_str(bp) + " " + " ".join("NaN" if v is None else f"{v:.4f}" for v in vals))
    g.append("$gm << EOD\n" + "\n".join(lines) + "\nEOD")
    g.append("plot " + ", \\\n     ".join(
        f"$gm using {i + 2}:xtic(1) title {gp_str(c)} lc rgb {gp_str(COLORS.get(c, '#000000'))}"
        for i, c in enumerate(names)))
    return "\n".join(g) + "\n"


def draw_charts(doc, out_dir):
    gp = shutil.which("gnuplot")
    script = chart_scripts(doc, out_dir)
    (out_dir / "sweep.gp").write_text(script)
    if gp is None:
        log("gnuplot not found: sweep.gp written, no PNG")
        return
    cp = subprocess.run([gp], input=script, text=True, capture_output=True, cwd=out_dir)
    if cp.returncode != 0:
        log("gnuplot failed: " + cp.stderr[-500:])


def meta():
    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    go = shutil.which("go") or (GO_TOOL if os.access(GO_TOOL, os.X_OK) else None)
    gov = subprocess.run([go, "version"], capture_output=True, text=True).stdout.strip() if go else "go n/a"
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    # Results written by the same make bench do not make the code dirty.
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "--",
                            ".", ":(exclude)bench/results"], capture_output=True, text=True).stdout.strip()
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "cpu": cpu, "cores": os.cpu_count(), "go": gov,
            "commit": commit + ("+dirty" if dirty else "")}


def report(doc, out_dir):
    doc["summary"] = summarize(doc["runs"])
    doc["analysis"] = analyse(doc["summary"])
    md = markdown(doc)
    (out_dir / "sweep.md").write_text(md)
    (out_dir / "sweep.json").write_text(json.dumps(doc, indent=1))
    draw_charts(doc, out_dir)
    print(md)


def main():
    ap = argparse.ArgumentParser(description="Run the size sweep against the fastest C/C++ tables.")
    ap.add_argument("--profile", choices=sorted(PROFILES), default="quick")
    ap.add_argument("--reps", type=int)
    ap.add_argument("--nmax", type=int)
    ap.add_argument("--steps", type=int)
    ap.add_argument("--only", help="comma-separated contenders")
    ap.add_argument("--blueprints", default=",".join(BLUEPRINTS))
    ap.add_argument("--bindir", type=Path, default=ROOT / "build-bench" / "bench")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--report-only", action="store_true")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    if a.report_only:
        doc = json.loads((a.out / "sweep.json").read_text())
        report(doc, a.out)
        return 0
    prof = PROFILES[a.profile]
    cfg = {"profile": a.profile, "nmax": a.nmax or prof["nmax"], "steps": a.steps or prof["steps"],
           "reps": a.reps or prof["reps"], "seed": a.seed, "timeout": a.timeout,
           "blueprints": [b for b in a.blueprints.split(",") if b in BLUEPRINTS]}
    binaries = find_binaries(a.bindir)
    if a.only:
        keep = set(a.only.split(","))
        binaries = {k: v for k, v in binaries.items() if k in keep}
    if PRODUCT not in binaries:
        log(f"no sweep_gomap in {a.bindir}: build with make bench-build")
        return 2
    missing = [c for c in ORDER if c not in binaries and (not a.only or c in a.only.split(","))]
    skipped = ""
    if missing:
        pd = peers_dir()
        no_src = [] if (pd / "verstable.h").is_file() else [c for c in missing if c in PEERS_FROM_DIR]
        parts = []
        if no_src:
            parts.append(", ".join(no_src) + f" (no peer sources at {pd}; set GOMAP_PEERS_DIR)")
        rest = [c for c in missing if c not in no_src]
        if rest:
            parts.append(", ".join(rest) + " (not built)")
        skipped = "; ".join(parts)
        log("skipped: " + skipped)
    doc = {"config": cfg, "meta": meta(), "skipped": skipped,
           "contenders": {k: str(v) for k, v in binaries.items()}}
    doc["runs"] = run_suite(cfg, binaries)
    report(doc, a.out)
    bad = [r for r in doc["runs"] if r["contender"] == PRODUCT and r["status"] != "ok"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
