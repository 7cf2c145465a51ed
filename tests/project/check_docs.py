#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The README and docs/ are true to the tree.

Every relative link (and image) in README.md and docs/*.md resolves to a file
or directory of the source tree, and every ```c code block compiles:
  - a block with main() is a program: compiled, linked with the library, run;
  - a block that repeats the definition of a public struct must match the
    header's fields;
  - any other block is compiled at file scope after the public headers, or,
    if it holds statements, as the body of a function, with a few names a
    reader assumes declared (m, t, N, key/elem types K and V, ...).
Blocks that use the Boehm collector are compiled only where gc.h exists.

Usage: check_docs.py SOURCE_DIR C_COMPILER LIBRARY [LINK_FLAGS...]
"""
import os
import re
import subprocess
import sys
import tempfile

src, cc, lib = sys.argv[1], sys.argv[2], sys.argv[3]
link_flags = sys.argv[4:]
failures = []

docs = [os.path.join(src, "README.md")] + sorted(
    os.path.join(src, "docs", f) for f in os.listdir(os.path.join(src, "docs")) if f.endswith(".md"))

# ---- links ----------------------------------------------------------------------
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
nlinks = 0
for path in docs:
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # not inside code blocks
    for target in LINK.findall(text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        nlinks += 1
        rel = target.split("#")[0]
        full = os.path.normpath(os.path.join(os.path.dirname(path), rel))
        if not os.path.exists(full):
            failures.append(f"{os.path.relpath(path, src)}: broken link {target}")

# ---- code blocks ------------------------------------------------------------------
HEADERS = ["gomap.h", "typed.h", "stats.h", "sync.h", "snapshot.h", "pool.h", "boehm.h"]
have_gc = os.path.exists("/usr/include/gc.h") or os.path.exists("/usr/include/gc/gc.h")
PRELUDE = "".join(f"#include <gomap/{h}>\n" for h in HEADERS) + """
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef DOC_GC
#include <gc/gc.h>
#include <gc/gc_mark.h>
#endif
/* Names the documentation's fragments take as given. */
typedef uint64_t K;
typedef uint64_t V;
struct user { uint64_t id; const char *name; };
struct file_id { uint64_t dev, ino; };
struct info { uint64_t size; };
typedef struct object { struct object *next; } object;
uint64_t file_id_hash(const void *key, uint64_t seed);
bool file_id_equal(const void *a, const void *b);
static gomap *m, *table;
static gomap_type t;
static size_t N = 1;
"""
FLAGS = ["-std=c17", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wno-unused-variable",
         "-Wno-unused-function", "-Wno-unused-parameter", "-Wno-unused-but-set-variable"]
inc = ["-I", os.path.join(src, "include")]


def compile_unit(code, name, link=False, extra=()):
    with tempfile.TemporaryDirectory() as d:
        c = os.path.join(d, name + ".c")
        with open(c, "w") as f:
            f.write(code)
        out = os.path.join(d, "a.out")
        cmd = [cc] + FLAGS + list(extra) + inc + [c]
        cmd += ["-o", out, lib] + link_flags if link else ["-c", "-o", out + ".o"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            return r.stderr
        if link:
            r = subprocess.run([out], capture_output=True, text=True, timeout=60)
            if r.returncode != 0:
                return f"exit {r.returncode}: {r.stderr}"
        return None


def fields(body):
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    out = set()
    for decl in body.split(";"):
        decl = " ".join(decl.split())
        if not decl:
            continue
        m_ = re.match(r"^([A-Za-z_][\w ]*?[\s*]+)(\w+(?:\s*,\s*\w+)*)$", decl)
        if m_ and "(" not in decl:
            base = " ".join(m_.group(1).split())
            for n in m_.group(2).split(","):
                out.add(f"{base} {n.strip()}".replace("* ", "*"))
        else:
            out.add(decl.replace("* ", "*"))
    return out


header_text = "".join(open(os.path.join(src, "include", "gomap", h)).read() for h in HEADERS)
nblocks = nskipped = 0
for path in docs:
    text = open(path, encoding="utf-8").read()
    for i, block in enumerate(re.findall(r"^```c\n(.*?)^```", text, flags=re.S | re.M)):
        where = f"{os.path.relpath(path, src)} C block {i + 1}"
        nblocks += 1
        uses_gc = "GC_" in block
        if uses_gc and not have_gc:
            nskipped += 1
            continue
        extra = ["-DDOC_GC"] if uses_gc else []
        s = re.search(r"typedef struct (gomap_\w+) \{(.*?)\}\s*\1;", block, flags=re.S)
        if s:
            h = re.search(r"typedef struct " + s.group(1) + r" \{(.*?)\n\}\s*" + s.group(1) + ";", header_text,
                          flags=re.S)
            if h is None:
                failures.append(f"{where}: struct {s.group(1)} is not in the headers")
            elif fields(s.group(2)) != fields(h.group(1)):
                failures.append(f"{where}: struct {s.group(1)} differs from the header: "
                                f"{sorted(fields(s.group(2)) ^ fields(h.group(1)))}")
            continue
        if re.search(r"\bmain\s*\(", block):
            err = compile_unit(block, "doc", link=True, extra=extra)
            if err:
                failures.append(f"{where} (program): {err}")
            continue
        err = compile_unit(PRELUDE + block, "doc", extra=extra)
        if err:
            err2 = compile_unit(PRELUDE + "void doc_fragment_(void);\nvoid doc_fragment_(void)\n{\n" + block + "\n}\n",
                                "doc", extra=extra)
            if err2:
                failures.append(f"{where}: neither file scope nor a function body:\n{err}\n{err2}")

for f in failures:
    print("FAIL:", f)
print(f"docs: {len(docs)} files, {nlinks} relative links, {nblocks} C blocks"
      + (f" ({nskipped} skipped: no libgc headers)" if nskipped else ""))
sys.exit(1 if failures else 0)
