# SPDX-License-Identifier: BSD-3-Clause
# gomap-gdb.py - gdb support for gomap maps.
#
#   (gdb) source /path/to/gomap-gdb.py
#   (gdb) print *m                  # m is a gomap *: length, B, growth state, entries
#   (gdb) gomap-buckets m [N]       # bucket structure: tophash per slot, keys, chains
#   (gdb) gomap-key-type m TYPE     # show this map's keys as a C type
#   (gdb) gomap-elem-type m TYPE    # show this map's elems as a C type
#
# Everything is read from the map header and the library's debug info: the
# key kind and the bucket layout (offsets, strides, sizes) come from the
# maptype embedded in struct gomap, so the printer follows the layout rather
# than assuming one. See docs/gdb.md.

import gdb
import gdb.printing

BUCKET_CNT = 8

# tophash marks (src/internal.h); values from MIN_TOPHASH up are hashes.
EMPTY_REST = 0
EMPTY_ONE = 1
EVACUATED_X = 2
EVACUATED_Y = 3
EVACUATED_EMPTY = 4
MIN_TOPHASH = 5
MARK_NAMES = {
    EMPTY_REST: "emptyRest",
    EMPTY_ONE: "emptyOne",
    EVACUATED_X: "evacuatedX",
    EVACUATED_Y: "evacuatedY",
    EVACUATED_EMPTY: "evacuatedEmpty",
}

FLAG_SAME_SIZE = 8  # hmap flags: the current growth keeps B

# Key kinds (enum key_kind in src/internal.h); read from the debug info
# when it is there, these are the fallbacks.
_KIND_FALLBACK = {0: "generic", 1: "u32", 2: "u64", 3: "str", 4: "f64", 5: "str_owned"}
# Kinds whose keys are gomap_str (the owned one holds the map's copy).
_STR_KINDS = ("str", "str_owned")

# Generic keys, and elems of no integer size, print as hex bytes, at most
# this many.
BYTES_SHOWN = 32
# String keys in gomap-buckets show at most this many bytes.
STR_SHOWN = 64

# Types chosen per map with gomap-key-type / gomap-elem-type, by address.
_key_types = {}
_elem_types = {}


def _kind_names():
    try:
        t = gdb.lookup_type("enum key_kind")
    except gdb.error:
        return _KIND_FALLBACK
    names = {int(f.enumval): f.name for f in t.fields()}
    # A program may have an enum key_kind of its own.
    if not {"KIND_GENERIC", "KIND_U64", "KIND_STR"} <= set(names.values()):
        return _KIND_FALLBACK
    return {v: n.replace("KIND_", "").lower() for v, n in names.items()}


def _read(addr, n):
    return gdb.selected_inferior().read_memory(addr, n).tobytes()


def _byteorder():
    text = gdb.execute("show endian", to_string=True)
    return "big" if "big endian" in text else "little"


def _uint_type(size):
    for name in ("unsigned char", "unsigned short", "unsigned int", "unsigned long",
                 "unsigned long long"):
        t = gdb.lookup_type(name)
        if t.sizeof == size:
            return t
    return None


def _parse_type(text):
    """A gdb.Type from C type text ("double", "struct point", "char *")."""
    return gdb.parse_and_eval("(%s *)0" % text).type.target()


def _c_string(data, truncated):
    """data as a C string literal, as gdb prints one."""
    escapes = {7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r",
               34: '\\"', 92: "\\\\"}
    out = []
    for b in data:
        if b in escapes:
            out.append(escapes[b])
        elif 32 <= b < 127:
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"' + ("..." if truncated else "")


def _plural(n, noun):
    return "%d %s%s" % (n, noun, "" if n == 1 else "s")


def _hex_bytes(data):
    shown = " ".join("%02x" % b for b in data[:BYTES_SHOWN])
    if len(data) > BYTES_SHOWN:
        shown += " ...(%d bytes)" % len(data)
    return shown


class MapView:
    """The parts of a struct gomap the printer needs, read once."""

    def __init__(self, val):
        if val.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
            val = val.dereference()
        self.val = val
        self.addr = int(val.address) if val.address is not None else 0
        t = val["t"]
        u = t["user"]
        self.count = int(val["count"])
        self.B = int(val["B"])
        self.old_B = int(val["old_B"])
        self.flags = int(val["flags"])
        self.buckets = int(val["buckets"])
        self.oldbuckets = int(val["oldbuckets"])
        self.nevacuate = int(val["nevacuate"])
        self.next_spare = int(val["next_spare"])
        self.end_spare = int(val["end_spare"])
        self.noverflow = int(val["ovf_cur"]) + int(val["ovf_old"])
        self.key_size = int(u["key_size"])
        self.elem_size = int(u["elem_size"])
        for f in ("keysize", "elemsize", "keys_off", "elems_off", "key_stride", "elem_stride",
                  "overflow_off", "bodysize", "top_off", "bucketsize"):
            setattr(self, f, int(t[f]))
        self.indirect_key = bool(t["indirect_key"])
        self.indirect_elem = bool(t["indirect_elem"])
        kind = int(t["kind"])
        self.kind = _kind_names().get(kind, "kind %d" % kind)
        self.ptr_size = gdb.lookup_type("void").pointer().sizeof
        self.order = _byteorder()
        # Reject what cannot be a map header (a wrong pointer, freed memory)
        # before following its pointers.
        sane = (self.B <= 62 and 0 < self.top_off <= 64
                and self.overflow_off + self.ptr_size <= self.bodysize
                and self.bucketsize == self.top_off + self.bodysize
                and self.old_B <= 62
                and not (self.oldbuckets and not self.same_size and self.B == self.old_B))
        if not sane:
            raise gdb.GdbError("not a valid gomap header (B %d, bucket %d bytes = %d + %d)"
                               % (self.B, self.bucketsize, self.top_off, self.bodysize))

    # -- growth state ------------------------------------------------------
    @property
    def growing(self):
        return self.oldbuckets != 0

    @property
    def same_size(self):
        return bool(self.flags & FLAG_SAME_SIZE)

    @property
    def shrinking(self):
        return self.growing and self.old_B > self.B

    @property
    def nold(self):
        return 1 << self.old_B

    def describe(self):
        s = "gomap<%s" % (self.kind if self.kind != "generic"
                          else "%d-byte key" % self.key_size)
        s += ", set>" if self.elem_size == 0 else ", %d-byte elem>" % self.elem_size
        s += " len %d, B %d" % (self.count, self.B)
        if self.growing:
            if self.same_size:
                how = "same size"
            elif self.shrinking:
                how = "shrinking from B %d" % self.old_B
            else:
                how = "doubling from B %d" % self.old_B
            s += ", growing (%s, %d of %d old buckets evacuated)" % (how, self.nevacuate,
                                                                      self.nold)
        else:
            s += ", not growing"
        return s

    # -- buckets -----------------------------------------------------------
    def main_bucket(self, arr, j):
        """(body address, tophash address) of main bucket j of array arr."""
        return arr + j * self.bodysize, arr - (j + 1) * self.top_off

    def overflow_of(self, body):
        return self.word(body + self.overflow_off)

    def word(self, addr):
        """The pointer-sized word at addr (a pointer or a size_t)."""
        return int.from_bytes(_read(addr, self.ptr_size), self.order)

    def tophash(self, th_addr):
        return _read(th_addr, BUCKET_CNT)

    def chain(self, arr, j):
        """Buckets of chain j of arr: (body, tophash bytes, is_overflow)."""
        body, th = self.main_bucket(arr, j)
        seen = set()
        first = True
        while body != 0 and body not in seen:
            seen.add(body)
            yield body, self.tophash(th), not first
            first = False
            body = self.overflow_of(body)
            th = body - self.top_off

    def evacuated(self, arr, j):
        top = self.tophash(self.main_bucket(arr, j)[1])[0]
        return EMPTY_ONE < top < MIN_TOPHASH

    def key_addr(self, body, i):
        a = body + self.keys_off + i * self.key_stride
        if self.indirect_key:
            a = self.word(a)
        return a

    def elem_addr(self, body, i):
        a = body + self.elems_off + i * self.elem_stride
        if self.indirect_elem:
            a = self.word(a)
        return a

    def live_chains(self):
        """(array, index) of every chain holding live entries, each entry in
        exactly one of them. While growing, an old chain that is not yet
        evacuated holds the entries of the new buckets it will feed (those
        stay empty until it is evacuated), as the iterator assumes."""
        if not self.buckets:
            return
        if not self.growing:
            for j in range(1 << self.B):
                yield self.buckets, j
            return
        nold = self.nold
        if self.shrinking:
            # Several old chains feed each new bucket, which holds what
            # was evacuated into it and what was inserted since.
            for i in range(nold):
                if not self.evacuated(self.oldbuckets, i):
                    yield self.oldbuckets, i
            for j in range(1 << self.B):
                yield self.buckets, j
            return
        for i in range(nold):
            if not self.evacuated(self.oldbuckets, i):
                yield self.oldbuckets, i
            else:
                for j in range(i, 1 << self.B, nold):
                    yield self.buckets, j

    def entries(self):
        """(key address, elem address) of every entry."""
        for arr, j in self.live_chains():
            for body, tops, _ in self.chain(arr, j):
                for i in range(BUCKET_CNT):
                    if tops[i] >= MIN_TOPHASH:
                        yield self.key_addr(body, i), self.elem_addr(body, i)

    # -- rendering ---------------------------------------------------------
    def key_value(self, addr):
        t = _key_types.get(self.addr)
        if t is not None:
            return gdb.Value(addr).cast(t.pointer()).dereference()
        if self.kind in ("u32", "u64"):
            return gdb.Value(addr).cast(_uint_type(self.key_size).pointer()).dereference()
        if self.kind == "f64":
            return gdb.Value(addr).cast(gdb.lookup_type("double").pointer()).dereference()
        if self.kind in _STR_KINDS:
            ptr, length = self.word(addr), self.word(addr + self.ptr_size)
            char_ptr = gdb.lookup_type("char").pointer()
            return gdb.Value(ptr).cast(char_ptr).lazy_string(length=length)
        return _hex_bytes(_read(addr, self.key_size))

    def elem_value(self, addr):
        t = _elem_types.get(self.addr)
        if t is not None:
            return gdb.Value(addr).cast(t.pointer()).dereference()
        if self.elem_size in (1, 2, 4, 8):
            return int.from_bytes(_read(addr, self.elem_size), self.order)
        return _hex_bytes(_read(addr, self.elem_size))

    def key_text(self, addr):
        if self.kind in _STR_KINDS and self.addr not in _key_types:
            ptr, length = self.word(addr), self.word(addr + self.ptr_size)
            data = _read(ptr, min(length, STR_SHOWN)) if length else b""
            return _c_string(data, length > STR_SHOWN)
        v = self.key_value(addr)
        if isinstance(v, str):
            return v
        return v.format_string(pretty_structs=False, pretty_arrays=False)


class GomapPrinter:
    """print *m: a summary line, then the entries as [key] = elem."""

    def __init__(self, val):
        self.map = None
        try:
            self.map = MapView(val)
        except (gdb.error, gdb.GdbError) as e:  # unreadable or garbage header
            self.error = str(e)

    def to_string(self):
        if self.map is None:
            return "<gomap: %s>" % self.error
        return self.map.describe()

    def display_hint(self):
        return "array" if self.map is not None and self.map.elem_size == 0 else "map"

    def children(self):
        m = self.map
        if m is None:
            return
        n = 0
        try:
            for ka, ea in m.entries():
                if m.elem_size == 0:
                    yield "[%d]" % n, m.key_value(ka)
                else:
                    yield "[%d]" % n, m.key_value(ka)
                    yield "[%d]" % n, m.elem_value(ea)
                n += 1
        except gdb.MemoryError as e:
            yield "[%d]" % n, "<unreadable: %s>" % e
            if m.elem_size != 0:
                yield "[%d]" % n, "?"


class GomapStrPrinter:
    """gomap_str: the string it refers to."""

    def __init__(self, val):
        self.val = val

    def to_string(self):
        return self.val["ptr"].lazy_string(length=int(self.val["len"]))

    def display_hint(self):
        return "string"


def _lookup(val):
    t = val.type.strip_typedefs()
    if t.code != gdb.TYPE_CODE_STRUCT:
        return None
    if t.tag == "gomap":
        if not any(f.name == "t" for f in t.fields()):
            return None  # no debug info for the library: nothing to read
        return GomapPrinter(val)
    if t.tag == "gomap_str":
        return GomapStrPrinter(val)
    return None


def _map_arg(expr):
    v = gdb.parse_and_eval(expr)
    t = v.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_PTR:
        if int(v) == 0:
            raise gdb.GdbError("%s is a NULL map" % expr)
        v = v.dereference()
        t = v.type.strip_typedefs()
    if t.code != gdb.TYPE_CODE_STRUCT or t.tag != "gomap":
        raise gdb.GdbError("%s is not a gomap * (its type is %s)" % (expr, v.type))
    if not any(f.name == "t" for f in t.fields()):
        raise gdb.GdbError("struct gomap is opaque here: the library has no debug info")
    try:
        return MapView(v)
    except gdb.error as e:
        raise gdb.GdbError("%s: %s" % (expr, e))


class GomapBucketsLimit(gdb.Parameter):
    """Most buckets gomap-buckets prints per array (0: no limit)."""

    set_doc = "Set the number of buckets gomap-buckets prints per array."
    show_doc = "Show the number of buckets gomap-buckets prints per array."

    def __init__(self):
        super().__init__("gomap-buckets-limit", gdb.COMMAND_DATA, gdb.PARAM_ZUINTEGER)
        self.value = 64

    def get_show_string(self, svalue):
        return "gomap-buckets prints at most %s buckets per array (0: all)." % svalue


class GomapBuckets(gdb.Command):
    """Dump the bucket structure of a gomap.

Usage: gomap-buckets MAP [N]
MAP is an expression giving a gomap * (or a struct gomap). For each main
bucket: its index and address, the tophash byte of each slot (hex, or the
name of a mark: emptyRest, emptyOne, evacuatedX, evacuatedY,
evacuatedEmpty), the key of each occupied slot and the overflow chain. While
the map grows, the old array is dumped too. N (default: the parameter
gomap-buckets-limit) caps the buckets printed per array."""

    def __init__(self):
        super().__init__("gomap-buckets", gdb.COMMAND_DATA, gdb.COMPLETE_EXPRESSION)

    def invoke(self, arg, from_tty):
        expr = arg.strip()
        if not expr:
            raise gdb.GdbError("usage: gomap-buckets MAP [N]")
        limit = int(gdb.parameter("gomap-buckets-limit") or 0)
        parts = expr.rsplit(None, 1)
        if len(parts) == 2 and parts[1].isdigit():
            expr, limit = parts[0], int(parts[1])
        m = _map_arg(expr)
        out = []
        out.append("%s at 0x%x" % (m.describe(), m.addr))
        out.append("layout: bucket %d bytes (tophash %d + body %d), keys at +%d stride %d%s, "
                   "elems at +%d stride %d%s, overflow pointer at +%d; overflow buckets: %d"
                   % (m.bucketsize, m.top_off, m.bodysize, m.keys_off, m.key_stride,
                      " (indirect)" if m.indirect_key else "", m.elems_off, m.elem_stride,
                      " (indirect)" if m.indirect_elem else "", m.overflow_off, m.noverflow))
        try:
            self.dump_map(out, m, limit)
        except gdb.MemoryError as e:
            out.append("<stopped: %s>" % e)
        gdb.write("\n".join(out) + "\n")

    def dump_map(self, out, m, limit):
        if not m.buckets:
            out.append("no bucket array yet")
        else:
            spare_lo = m.buckets + (1 << m.B) * m.bodysize
            spares = 0
            if m.next_spare:
                spares = (m.end_spare - m.next_spare) // m.bucketsize
            out.append("buckets: %s, bodies at 0x%x, %s left"
                       % (_plural(1 << m.B, "main bucket"), m.buckets,
                          _plural(spares, "spare overflow bucket")))
            self.dump_array(out, m, m.buckets, 1 << m.B, limit, spare_lo)
            if m.growing:
                out.append("oldbuckets: %s, bodies at 0x%x, nevacuate %d"
                           % (_plural(m.nold, "main bucket"), m.oldbuckets, m.nevacuate))
                self.dump_array(out, m, m.oldbuckets, m.nold, limit, None)

    @staticmethod
    def dump_array(out, m, arr, n, limit, spare_lo):
        shown = n if limit == 0 else min(n, limit)
        for j in range(shown):
            old = arr == m.oldbuckets
            state = ""
            if old:
                state = " (evacuated)" if m.evacuated(arr, j) else " (not evacuated)"
            elif m.growing and not m.shrinking:
                src = j & (m.nold - 1)
                if not m.evacuated(m.oldbuckets, src):
                    state = " (fed by old bucket %d, not evacuated yet)" % src
            depth = 0
            for body, tops, is_ovf in m.chain(arr, j):
                if not is_ovf:
                    out.append("bucket %d at 0x%x%s" % (j, body, state))
                    indent = "  "
                else:
                    where = ""
                    if spare_lo is not None and spare_lo <= body < m.end_spare:
                        where = " (spare)"
                    out.append("  overflow %d at 0x%x%s" % (depth, body, where))
                    indent = "    "
                depth += 1
                names = [MARK_NAMES.get(b, "0x%02x" % b) for b in tops]
                out.append(indent + "tophash: " + " ".join(names))
                for i in range(BUCKET_CNT):
                    top = tops[i]
                    if top == EVACUATED_X or top == EVACUATED_Y or top >= MIN_TOPHASH:
                        try:
                            key = m.key_text(m.key_addr(body, i))
                        except gdb.MemoryError:
                            key = "<unreadable>"
                        out.append("%sslot %d: %s key %s" % (indent, i, names[i], key))
        if shown < n:
            out.append("... %s not shown (gomap-buckets MAP N, or set gomap-buckets-limit)"
                       % _plural(n - shown, "bucket"))


class GomapSetType(gdb.Command):
    """Show the keys or elems of one map as a C type.

Usage: gomap-key-type MAP TYPE   or   gomap-elem-type MAP TYPE
TYPE is any C type the program knows (uint64_t, double, struct point,
char *, gomap_str); its size must be the map's key/elem size. An empty TYPE
(or "-") forgets the choice."""

    def __init__(self, name, table, what):
        self.table = table
        self.what = what
        self.name = name
        super().__init__(name, gdb.COMMAND_DATA, gdb.COMPLETE_EXPRESSION)

    def invoke(self, arg, from_tty):
        parts = arg.strip().split(None, 1)
        if not parts:
            raise gdb.GdbError("usage: %s MAP TYPE" % self.name)
        m = _map_arg(parts[0])
        if len(parts) == 1 or parts[1].strip() == "-":
            self.table.pop(m.addr, None)
            return
        t = _parse_type(parts[1].strip())
        size = m.key_size if self.what == "key" else m.elem_size
        if t.sizeof != size:
            raise gdb.GdbError("%s is %d bytes but the map's %ss are %d bytes"
                               % (parts[1].strip(), t.sizeof, self.what, size))
        self.table[m.addr] = t


def register(objfile=None):
    gdb.printing.register_pretty_printer(objfile, _lookup_printer, replace=True)


class _GomapLookup(gdb.printing.PrettyPrinter):
    def __init__(self):
        super().__init__("gomap")

    def __call__(self, val):
        return _lookup(val) if self.enabled else None


_lookup_printer = _GomapLookup()
register(gdb.current_objfile())
GomapBucketsLimit()
GomapBuckets()
GomapSetType("gomap-key-type", _key_types, "key")
GomapSetType("gomap-elem-type", _elem_types, "elem")
