#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes the hand-made seed inputs of the fuzz corpus (tests/fuzz/corpus).

Input format (fuzz_map.c): config byte (bit 0 fixed seed, bit 1 default
allocator, bit 2 zero-size elem for u64, bit 3 GOMAP_AUTO_SHRINK, bit 4 the
first map in the caller's storage), hint byte, two seed bytes, then
operations: a byte whose low nibble is the operation, bit 4 the map slot,
bits 5-7 a variant, followed by the operation's argument bytes. Bit 2 of the
variant (bit 7 of the byte) selects Go's "v, ok" forms: gomap_assign2*,
gomap_get_kv, gomap_take.
"""
import os
import sys

ASSIGN, DELETE, GET, BULK_IN, BULK_DEL, CLEAR, CLONE, LOOP, NAN, FAIL, ITER_START, ITER_STEP, ITER_DONE, NEW, VERIFY = (
    0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)


def op(code, slot=0, var=0, *args):
    return bytes([code | (slot << 4) | (var << 5), *args])


def key(i):
    return bytes([(i >> 8) & 0xFF, i & 0xFF])


def bulk(code, base, n_half, stride=1, var=0, slot=0):
    return op(code, slot) + key(base) + bytes([n_half, stride, var])


def loop(actions, slot=0):
    return op(LOOP, slot) + b"".join(actions)


def seeds():
    out = {}
    s = b""
    for i in range(24):
        s += op(ASSIGN, 0, i & 7) + key(i * 37)
    for i in range(24):
        s += op(GET, 0, 0) + key(i * 37) + op(DELETE, 0, 2) + key(i * 74)
    out["basic"] = bytes([1, 0, 0, 7]) + s + op(VERIFY)

    s = bulk(BULK_IN, 0, 255) + op(VERIFY)
    s += loop([bytes([4]) + key(600 + i) if i % 3 else bytes([6]) + key(i) for i in range(40)] +
              [bytes([9]) + key(900) + bytes([120, 3, 0])] + [bytes([0])] * 20 + [bytes([8])])
    s += op(CLONE, 0, 1) + bulk(BULK_DEL, 0, 100, slot=1) + op(CLEAR, 0) + op(VERIFY)
    s += bulk(BULK_IN, 5, 60, 7, slot=1) + loop([bytes([11 | (0 << 4)])] + [bytes([0])] * 8, slot=1)
    out["growth"] = bytes([1, 9, 1, 2]) + s + op(VERIFY)

    s = bulk(BULK_IN, 0, 50) + op(ITER_START, 0, 0, 0) + op(ITER_STEP, 0, 0, 9)
    s += op(ITER_START, 0, 0, 1) + bulk(BULK_IN, 200, 200, 3) + op(ITER_STEP, 0, 1, 63)
    s += bulk(BULK_DEL, 0, 40, 1) + op(ITER_STEP, 0, 0, 63) + op(ITER_DONE, 0, 1)
    s += op(CLONE, 0, 0) + op(ITER_START, 1, 0, 2) + op(ITER_STEP, 1, 2, 5)
    s += op(NEW, 1, 0, 30) + op(ITER_STEP, 0, 0, 63) * 20 + op(VERIFY)
    out["iterators"] = bytes([1, 0, 3, 3]) + s

    s = op(FAIL, 0, 0, 2) + bulk(BULK_IN, 0, 60) + op(FAIL, 0, 0, 0x83) + bulk(BULK_IN, 300, 200, 5)
    s += op(CLONE, 0, 0) + loop([bytes([4]) + key(1000 + i) for i in range(30)])
    s += op(FAIL, 0, 0, 0xC0) + op(VERIFY) + op(FAIL, 0, 0, 5) + op(NEW, 1, 0, 40) + op(VERIFY)
    out["failures"] = bytes([1, 3, 0, 9]) + s

    s = b"".join(op(NAN, 0, 0, i) for i in range(12)) + op(ASSIGN, 0, 0) + key(0)
    s += op(ASSIGN, 0, 1) + key(0) + bulk(BULK_IN, 1, 40) + op(ITER_START, 0, 0, 0)
    s += loop([bytes([11 | (2 << 4), i]) for i in range(10)] + [bytes([11])])
    s += op(ITER_STEP, 0, 0, 63) + op(VERIFY)
    out["nan"] = bytes([1, 0, 0, 1]) + s

    s = bulk(BULK_IN, 0, 255, 5) + bulk(BULK_IN, 7, 255, 9) + op(CLONE, 0, 0)
    s += loop([bytes([0])] * 30 + [bytes([8])]) + bulk(BULK_DEL, 0, 255, 5) + op(VERIFY)
    out["default_alloc_random_seed"] = bytes([2, 40, 0, 0]) + s
    out["set_random_seed"] = bytes([4, 12, 0, 0]) + s

    # Maps in the caller's storage: filled to one bucket, outgrown under
    # live iterators, cloned, re-made in storage with allocations failing.
    s = b"".join(op(ASSIGN, 0, i & 7) + key(i * 11) for i in range(8))
    s += op(ITER_START, 0, 0, 0) + op(ITER_STEP, 0, 0, 2) + op(DELETE, 0, 0) + key(33)
    s += bulk(BULK_IN, 100, 20) + op(ITER_STEP, 0, 0, 63) + op(CLONE, 0, 0) + op(VERIFY)
    s += op(NEW, 1, 2, 0) + b"".join(op(ASSIGN, 1, 0) + key(i) for i in range(8))
    s += op(ITER_START, 1, 0, 1) + op(FAIL, 0, 0, 1) + op(ASSIGN, 1, 0) + key(500) + op(VERIFY)
    s += op(ASSIGN, 1, 0) + key(500) + op(CLEAR, 1) + bulk(BULK_IN, 0, 30, 3, slot=1)
    s += op(NEW, 0, 3, 0) + loop([bytes([4]) + key(700 + i) for i in range(12)]) + op(VERIFY)
    out["init"] = bytes([17, 0, 1, 5]) + s
    out["init_default_alloc"] = bytes([18, 0, 0, 0]) + s
    # VERIFY with variant 7 shrinks, 6 reserves (n = next byte * 16); in a
    # loop, an action byte of 240 or more with a % 12 == 3 does the same.
    shrink, reserve = 7, 6
    s = bulk(BULK_IN, 0, 255) + bulk(BULK_IN, 600, 255, 3) + op(VERIFY)
    s += op(ITER_START, 0, 0, 0) + op(ITER_STEP, 0, 0, 20)
    s += bulk(BULK_DEL, 0, 250) + bulk(BULK_DEL, 600, 240, 3) + op(VERIFY, 0, shrink, 0)
    s += op(ITER_START, 0, 0, 1) + op(ITER_STEP, 0, 1, 5)
    s += loop([bytes([4]) + key(1500 + i) if i % 2 else bytes([6]) + key(600 + 3 * i)
               for i in range(30)] + [bytes([243, 0])] + [bytes([0])] * 10)
    s += op(ITER_STEP, 0, 0, 63) * 4 + op(ITER_STEP, 0, 1, 63) * 4 + op(VERIFY)
    s += op(VERIFY, 0, reserve, 200) + bulk(BULK_IN, 0, 255, 7) + op(VERIFY)
    s += op(FAIL, 0, 0, 0) + op(VERIFY, 0, shrink, 0) + bulk(BULK_DEL, 0, 255, 7)
    s += op(FAIL, 0, 0, 1) + op(VERIFY, 0, shrink, 0) + op(FAIL, 0, 0, 0) + op(VERIFY, 0, reserve, 90)
    s += op(VERIFY)
    out["shrink_reserve"] = bytes([1, 0, 4, 2]) + s
    out["auto_shrink"] = bytes([9, 20, 4, 3]) + bulk(BULK_IN, 0, 255, 1) + bulk(BULK_IN, 0, 255, 5) + \
        bulk(BULK_DEL, 0, 255, 1) + bulk(BULK_DEL, 0, 255, 5) + op(VERIFY) + bulk(BULK_IN, 0, 100, 3) + \
        op(ITER_START, 0, 0, 0) + bulk(BULK_DEL, 0, 100, 3) + op(ITER_STEP, 0, 0, 63) + op(VERIFY)
    # Go's "v, ok" forms: bit 2 of the variant makes an assign gomap_assign2*,
    # a lookup gomap_get_kv and a delete gomap_take (bits 3-4: which parts it
    # copies out); loop action 3 is gomap_iter_delete of the entry produced.
    s = bulk(BULK_IN, 0, 120) + b"".join(op(ASSIGN, 0, 4 | (i & 3)) + key(i * 11) for i in range(40))
    s += b"".join(op(GET, 0, 4 | (i & 3)) + key(i * 11) for i in range(40))
    s += b"".join(op(DELETE, 0, 4 | (i & 7)) + key(i * 13) for i in range(40))
    s += op(VERIFY) + bulk(BULK_IN, 300, 200, 3)
    s += loop([bytes([3])] * 60 + [bytes([4]) + key(1500 + i) for i in range(20)] + [bytes([3])] * 200)
    s += b"".join(op(NAN, 0, 0, i) for i in range(6)) + loop([bytes([3])] * 400)
    s += op(VERIFY)
    out["v_ok"] = bytes([1, 0, 4, 2]) + s
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    for kind in ("u64", "str", "f64", "big", "u32", "owned"):
        d = os.path.join(root, kind)
        os.makedirs(d, exist_ok=True)
        for name, data in seeds().items():
            with open(os.path.join(d, "seed_" + name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
