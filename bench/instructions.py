#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Instructions per operation of the size sweep's rows, counted by callgrind.

Timings on a shared machine drift; instruction counts of the same binary and
input do not. For each contender, blueprint and row, this runs the sweep
binary under `valgrind --tool=callgrind --collect-atstart=no` with
SWEEP_COLLECT=<row>, so only that row's timed loops are counted (see
common/sweep.h), and divides by the row's operations. The counts include
the driver's loop around each operation (the same code for every C/C++
contender) and one clock read per batch. Go is not measured (valgrind does
not run Go programs reliably).

Writes <out>/instructions.md and instructions.json.

Usage:
    python3 bench/instructions.py [--only gomap,verstable,...] [--blueprints u32,u64,big,str]
                                  [--nmax 100000] [--steps 2] [--jobs 2]
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import sweep  # noqa: E402  (same directory)

ROWS = sweep.ROWS


def count(path, bp, row, nmax, steps):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        env = dict(os.environ, SWEEP_COLLECT=row)
        cp = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no",
                             f"--callgrind-out-file={out}", str(path), "sweep", bp, str(nmax), str(steps)],
                            capture_output=True, text=True, env=env)
        if cp.returncode != 0:
            return None, cp.stderr.strip()[-300:]
        m = re.search(r"^summary:\s+(\d+)", out.read_text(), re.M)
        sizes = None
        for line in cp.stdout.splitlines():
            o = json.loads(line)
            if "sizes" in o:
                sizes = o["sizes"]
                break
        return (int(m.group(1)) if m else 0, sizes), None


def ops_of(row, nmax, steps, sizes):
    if row == "insert_total":
        return nmax
    if row == "iterate_all":
        return sum(sizes)
    return 1000 * steps


def main():
    ap = argparse.ArgumentParser(description="Instructions per operation of the sweep's rows (callgrind).")
    ap.add_argument("--only", help="comma-separated contenders (default: every C/C++ one built)")
    ap.add_argument("--blueprints", default=",".join(sweep.BLUEPRINTS))
    ap.add_argument("--nmax", type=int, default=100000)
    ap.add_argument("--steps", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--bindir", type=Path, default=ROOT / "build-bench" / "bench")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("instructions: valgrind not found: skipped", file=sys.stderr)
        return 2
    bins = sweep.find_binaries(a.bindir)
    names = [c for c in (a.only.split(",") if a.only else sweep.ORDER) if c in bins and c != "go"]
    bps = [b for b in a.blueprints.split(",") if b in sweep.BLUEPRINTS]
    jobs = [(c, bp, row) for bp in bps for c in names for row in ROWS]
    res, errors = {}, []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futs = {ex.submit(count, bins[c], bp, row, a.nmax, a.steps): (c, bp, row) for c, bp, row in jobs}
        for f in concurrent.futures.as_completed(futs):
            c, bp, row = futs[f]
            got, err = f.result()
            if got is None:
                errors.append(f"{c} {bp} {row}: {err}")
                continue
            ir, sizes = got
            res.setdefault(bp, {}).setdefault(c, {})[row] = ir / ops_of(row, a.nmax, a.steps, sizes)
    out = [f"# Instructions per operation (callgrind; map grown to {a.nmax:,} in {a.steps} steps)", "",
           "Counted by callgrind over each row's timed loops only (`bench/instructions.py`): the table's "
           "code plus the driver's loop around each operation, the same for every contender. Repeatable "
           "for the same binaries and inputs, whatever the machine is doing (tables that draw a random seed "
           "per process, gomap and absl among them, vary by a fraction of a percent). Lower is better.", ""]
    m = sweep.meta()
    out[1:1] = ["", f"{m['date']} — gcc/g++ 12 -O2; gomap {m['commit']}"]
    if errors:
        out += ["Failed: " + "; ".join(errors), ""]
    for bp in bps:
        if bp not in res:
            continue
        cs = [c for c in names if c in res[bp]]
        out += [f"## {sweep.BP_TITLES[bp]}", "",
                "| row | " + " | ".join(cs) + (" | gomap / best peer |" if "gomap" in cs else " |"),
                "|---|" + "---:|" * len(cs) + ("---:|" if "gomap" in cs else "")]
        for row in ROWS:
            cells = [f"{res[bp][c][row]:.1f}" if row in res[bp][c] else "n/a" for c in cs]
            extra = ""
            if "gomap" in cs:
                peers = [res[bp][c][row] for c in cs if c not in sweep.OURS and row in res[bp][c]]
                g = res[bp]["gomap"].get(row)
                extra = f" {g / min(peers):.2f}x |" if peers and g else " n/a |"
            out.append(f"| {sweep.ROW_TITLES[row]} | " + " | ".join(cells) + " |" + extra)
        out.append("")
    md = "\n".join(out)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "instructions.md").write_text(md)
    (a.out / "instructions.json").write_text(json.dumps({"nmax": a.nmax, "steps": a.steps, "results": res,
                                                         "errors": errors}, indent=1))
    print(md)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
