#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The pictures of the gomap tool read at a glance.

`gomap layout --svg` (a small map and a large one) and `gomap grow --svg`
are rendered to PNG with rsvg-convert (Debian: librsvg2-bin); each PNG must
have the SVG's size and not be blank (several colours, a good share of
non-background pixels). In the SVG itself: every bucket of the layout is a
grid cell with a visible border and a fill that is not the background, the
colour scale has its nine swatches, every text fits inside the picture, and
the timeline labels its x axis with ticks, not only at the ends.

Usage: check_svg.py PATH/TO/gomap
Exit 77 (skipped) without rsvg-convert.
"""
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.dom.minidom
import zlib

gomap = sys.argv[1]
if shutil.which("rsvg-convert") is None:
    print("svg: skipped (no rsvg-convert; Debian: librsvg2-bin)")
    sys.exit(77)
failures = []


def png_pixels(path):
    """Width, height and the RGB(A) rows of an 8-bit PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def check_render(name, svg_path, png_path):
    dom = xml.dom.minidom.parse(svg_path)
    root = dom.documentElement
    sw, sh = int(root.getAttribute("width")), int(root.getAttribute("height"))
    subprocess.run(["rsvg-convert", svg_path, "-o", png_path], check=True)
    w, h, bpp, rows = png_pixels(png_path)
    if (w, h) != (sw, sh):
        failures.append(f"{name}: PNG is {w}x{h}, SVG says {sw}x{sh}")
    colours, ink = set(), 0
    for y in range(0, h, 2):
        row = rows[y]
        for x in range(0, w, 2):
            px = row[x * bpp:x * bpp + 3]
            colours.add(px)
            if px != b"\xff\xff\xff":
                ink += 1
    share = ink / ((h + 1) // 2 * ((w + 1) // 2))
    if len(colours) < 8 or share < 0.05:
        failures.append(f"{name}: blank picture ({len(colours)} colours, {share:.1%} not white)")
    # Every text fits: about 0.6 em per character for a sans-serif font.
    for t in dom.getElementsByTagName("text"):
        text = "".join(n.data for n in t.childNodes if n.nodeType == n.TEXT_NODE)
        size = float(t.getAttribute("font-size") or root.getAttribute("font-size") or 12)
        x = float(t.getAttribute("x"))
        width = 0.6 * size * len(text)
        anchor = t.getAttribute("text-anchor") or "start"
        left = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
        if left < 0 or left + width > sw:
            failures.append(f"{name}: text '{text}' does not fit ({left:.0f} to {left + width:.0f} of {sw})")
    return dom


with tempfile.TemporaryDirectory() as d:
    for n in (105, 100000):
        svg = f"{d}/layout{n}.svg"
        subprocess.run([gomap, "layout", "-n", str(n), "--svg", svg], check=True, stdout=subprocess.DEVNULL)
        dom = check_render(f"layout -n {n}", svg, f"{d}/layout{n}.png")
        cells = [r for r in dom.getElementsByTagName("rect") if r.getElementsByTagName("title")]
        want = int(re.search(r"(\d+) buckets?,", dom.toxml()).group(1))
        if len(cells) != want:
            failures.append(f"layout -n {n}: {len(cells)} cells for {want} buckets")
        for r in cells:
            if not r.getAttribute("stroke") or r.getAttribute("fill").lower() in ("#ffffff", "white"):
                failures.append(f"layout -n {n}: a bucket without a visible cell")
                break
        swatches = [r for r in dom.getElementsByTagName("rect") if r.getAttribute("y") == "46"]
        if len(swatches) != 9:
            failures.append(f"layout -n {n}: colour scale has {len(swatches)} swatches, want 9")
    svg = f"{d}/grow.svg"
    subprocess.run([gomap, "grow", "-n", "100000", "--svg", svg], check=True, stdout=subprocess.DEVNULL)
    dom = check_render("grow", svg, f"{d}/grow.png")
    ticks = [t for t in dom.getElementsByTagName("text") if t.getAttribute("text-anchor") == "middle"
             and re.fullmatch(r"\d+", "".join(n.data for n in t.childNodes))]
    if len(ticks) < 4:
        failures.append(f"grow: {len(ticks)} x-axis tick labels, want at least 4")

for f in failures:
    print("FAIL:", f)
print("svg: layout and grow pictures rendered and checked" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
