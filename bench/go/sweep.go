// SPDX-License-Identifier: BSD-3-Clause
// The size sweep (bench/common/sweep.h) on Go's built-in map:
//
//	bench_go sweep <u32|u64|big|str> <NMAX> <STEPS>
//
// u32 is map[uint32]uint32, u64 map[uint64]uint64, big map[uint64][7]uint64
// (a 56-byte value) and str map[string]uint64 with the 17-byte keys. The run
// reproduces bench/common/sweep_impl.h exactly: the same keys, step sizes,
// random draws in the same order, batches, checks (exit status 2) and JSON
// lines, contender "go".
//
// Each blueprint has its own concrete map code (a sweepMap below; no
// generics, so every access takes the runtime's fast path for its key
// type). The driver, shared, calls a blueprint's method once per batch and
// times around that call: the timed loop over the 1,000 operations is the
// blueprint's own.
//
// The collector stays on (GOGC default), as in a real program.
//
// Memory, in bytes per entry over the final size, against the heap of live
// objects (runtime.GC, then MemStats.HeapAlloc) just before the map is made:
//   - mem_after: the live heap right after the last insert segment, after a
//     runtime.GC (untimed, where the C driver reads its heap) - what the map
//     holds, including old buckets of a growth still being evacuated.
//   - mem_peak: the highest MemStats.HeapAlloc seen, read without collecting
//     (runtime.ReadMemStats only, which does not change the collector's
//     pacing) at the step boundaries: after each step's insert segment and
//     at the end of each step, never inside a timed batch. HeapAlloc counts
//     reachable objects plus those the collector has not freed yet: bucket
//     arrays a finished growth has dropped stay in the heap until the next
//     cycle frees them, and a Go program really holds them until then. Nothing
//     else allocates during the sweep, so the figure is the map's. Being
//     sampled at the boundaries only, it can miss a higher point between two
//     samples. HeapAlloc rather than HeapInuse, so that mem_after and
//     mem_peak count the same thing (object bytes, as the C figures count
//     malloc's usable sizes), without the free space of partly used spans.
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"time"
)

const (
	sweepBatch       = 1000 // SWEEP_BATCH
	exitUnsupported  = 3    // BENCH_EXIT_UNSUPPORTED
	sweepIterAll     = math.MaxInt
	sweepPickSetSize = 4096
)

// Package-level sinks: the map under test is reachable from here, as a real
// program's would be, and sums stored here cannot be optimised away.
var (
	sweepSinkU32 map[uint32]uint32
	sweepSinkU64 map[uint64]uint64
	sweepSinkBig map[uint64][7]uint64
	sweepSinkStr map[string]uint64
)

// sweepRows are the rows of the sweep, in output order (sweep_row_names).
var sweepRows = [...]string{
	"insert", "hit", "miss", "replace", "erase", "erase_absent", "iterate_1000", "iterate_all",
}

const (
	rowInsert = iota
	rowHit
	rowMiss
	rowReplace
	rowErase
	rowEraseAbsent
	rowIter1000
	rowIterAll
	rowCount
)

// ---- Keys (sweep_keys_make) -------------------------------------------------

// sweepKeys holds present keys [0, n) and absent keys [0, nmiss): u64 (and
// big, str) the splitmix streams seeded 42 and 4242; u32 the low 32 bits of
// the same streams, repeats skipped and, for the absent keys, present keys
// too.
type sweepKeys struct {
	k64, m64 []uint64
	k32, m32 []uint32
}

// sweepU32Set is sweep_u32set: open addressing, 0 kept aside.
type sweepU32Set struct {
	slot    []uint32
	mask    uint64
	hasZero bool
}

func (s *sweepU32Set) add(k uint32) bool {
	if k == 0 {
		had := s.hasZero
		s.hasZero = true
		return !had
	}
	i := ((uint64(k) * 0x9e3779b97f4a7c15) >> 20) & s.mask
	for s.slot[i] != 0 {
		if s.slot[i] == k {
			return false
		}
		i = (i + 1) & s.mask
	}
	s.slot[i] = k
	return true
}

func sweepKeysMake(bp string, n, nmiss int) sweepKeys {
	var k sweepKeys
	s, sm := uint64(42), uint64(4242)
	if bp == "u32" {
		cap := 1
		for cap < 4*(n+nmiss) {
			cap *= 2
		}
		set := sweepU32Set{slot: make([]uint32, cap), mask: uint64(cap - 1)}
		k.k32 = make([]uint32, n)
		k.m32 = make([]uint32, nmiss)
		for i := 0; i < n; {
			if v := uint32(splitmix(&s)); set.add(v) {
				k.k32[i] = v
				i++
			}
		}
		for i := 0; i < nmiss; {
			if v := uint32(splitmix(&sm)); set.add(v) {
				k.m32[i] = v
				i++
			}
		}
		return k
	}
	k.k64 = make([]uint64, n)
	k.m64 = make([]uint64, nmiss)
	for i := range k.k64 {
		k.k64[i] = splitmix(&s)
	}
	for i := range k.m64 {
		k.m64[i] = splitmix(&sm)
	}
	return k
}

// sweepPick is sweep_pick: count distinct indices in [0, n), drawn as
// splitmix % n with repeats within the batch rejected, in the same order.
var (
	sweepPickSet  [sweepPickSetSize]int
	sweepPickUsed [sweepPickSetSize]bool
)

func sweepPick(rng *uint64, n, count int, out []int) {
	sweepPickUsed = [sweepPickSetSize]bool{}
	for j := 0; j < count; {
		r := int(splitmix(rng) % uint64(n))
		h := (uint64(r) * 0x9e3779b97f4a7c15) >> 52
		dup := false
		for sweepPickUsed[h] {
			if sweepPickSet[h] == r {
				dup = true
				break
			}
			h = (h + 1) & (sweepPickSetSize - 1)
		}
		if dup {
			continue
		}
		sweepPickUsed[h] = true
		sweepPickSet[h] = r
		out[j] = r
		j++
	}
}

// ---- The blueprints ------------------------------------------------------------

// sweepMap is one blueprint's map with its keys, values (value i holds i in
// its first word) and a batch of keys. Every method but the timed ones
// (put, get, count on misses, replace, erase, iter) is untimed.
type sweepMap interface {
	create()                      // makes the map, reachable from its sink
	destroy()                     // drops it
	put(lo, hi int)               // assigns keys [lo, hi) their values
	loadKeys(idx []int)           // batch[j] = key idx[j]
	loadMiss(off int)             // batch[j] = absent key off + j
	get() (found int, sum uint64) // looks the batch up, summing the values
	count() int                   // how many keys of the batch are present
	replace(idx []int)            // assigns batch[j] the value idx[j]
	erase()                       // deletes the batch
	iter(limit int) (int, uint64) // up to limit entries of a fresh range
	word(i int) uint64            // the first word of value i
	length() int
}

// u32: map[uint32]uint32.
type sweepU32 struct {
	m           map[uint32]uint32
	keys, miss  []uint32
	vals, batch []uint32
}

func newSweepU32(k sweepKeys, n int) *sweepU32 {
	b := &sweepU32{keys: k.k32, miss: k.m32, vals: make([]uint32, n), batch: make([]uint32, sweepBatch)}
	for i := range b.vals {
		b.vals[i] = uint32(i)
	}
	return b
}

func (b *sweepU32) create()  { b.m = make(map[uint32]uint32); sweepSinkU32 = b.m }
func (b *sweepU32) destroy() { b.m = nil; sweepSinkU32 = nil }
func (b *sweepU32) put(lo, hi int) {
	m, keys, vals := b.m, b.keys[lo:hi], b.vals[lo:hi]
	for i, k := range keys {
		m[k] = vals[i]
	}
}
func (b *sweepU32) loadKeys(idx []int) {
	for j, i := range idx {
		b.batch[j] = b.keys[i]
	}
}
func (b *sweepU32) loadMiss(off int) { copy(b.batch, b.miss[off:off+sweepBatch]) }
func (b *sweepU32) get() (int, uint64) {
	m, found, sum := b.m, 0, uint64(0)
	for _, k := range b.batch {
		if v, ok := m[k]; ok {
			sum += uint64(v)
			found++
		}
	}
	return found, sum
}
func (b *sweepU32) count() int {
	m, found := b.m, 0
	for _, k := range b.batch {
		if _, ok := m[k]; ok {
			found++
		}
	}
	return found
}
func (b *sweepU32) replace(idx []int) {
	m, vals, batch := b.m, b.vals, b.batch
	for j, k := range batch {
		m[k] = vals[idx[j]]
	}
}
func (b *sweepU32) erase() {
	m := b.m
	for _, k := range b.batch {
		delete(m, k)
	}
}
func (b *sweepU32) iter(limit int) (int, uint64) {
	seen, sum := 0, uint64(0)
	for _, v := range b.m {
		sum += uint64(v)
		if seen++; seen == limit {
			break
		}
	}
	return seen, sum
}
func (b *sweepU32) word(i int) uint64 { return uint64(b.vals[i]) }
func (b *sweepU32) length() int       { return len(b.m) }

// u64: map[uint64]uint64.
type sweepU64 struct {
	m           map[uint64]uint64
	keys, miss  []uint64
	vals, batch []uint64
}

func newSweepU64(k sweepKeys, n int) *sweepU64 {
	b := &sweepU64{keys: k.k64, miss: k.m64, vals: make([]uint64, n), batch: make([]uint64, sweepBatch)}
	for i := range b.vals {
		b.vals[i] = uint64(i)
	}
	return b
}

func (b *sweepU64) create()  { b.m = make(map[uint64]uint64); sweepSinkU64 = b.m }
func (b *sweepU64) destroy() { b.m = nil; sweepSinkU64 = nil }
func (b *sweepU64) put(lo, hi int) {
	m, keys, vals := b.m, b.keys[lo:hi], b.vals[lo:hi]
	for i, k := range keys {
		m[k] = vals[i]
	}
}
func (b *sweepU64) loadKeys(idx []int) {
	for j, i := range idx {
		b.batch[j] = b.keys[i]
	}
}
func (b *sweepU64) loadMiss(off int) { copy(b.batch, b.miss[off:off+sweepBatch]) }
func (b *sweepU64) get() (int, uint64) {
	m, found, sum := b.m, 0, uint64(0)
	for _, k := range b.batch {
		if v, ok := m[k]; ok {
			sum += v
			found++
		}
	}
	return found, sum
}
func (b *sweepU64) count() int {
	m, found := b.m, 0
	for _, k := range b.batch {
		if _, ok := m[k]; ok {
			found++
		}
	}
	return found
}
func (b *sweepU64) replace(idx []int) {
	m, vals, batch := b.m, b.vals, b.batch
	for j, k := range batch {
		m[k] = vals[idx[j]]
	}
}
func (b *sweepU64) erase() {
	m := b.m
	for _, k := range b.batch {
		delete(m, k)
	}
}
func (b *sweepU64) iter(limit int) (int, uint64) {
	seen, sum := 0, uint64(0)
	for _, v := range b.m {
		sum += v
		if seen++; seen == limit {
			break
		}
	}
	return seen, sum
}
func (b *sweepU64) word(i int) uint64 { return b.vals[i] }
func (b *sweepU64) length() int       { return len(b.m) }

// big: map[uint64][7]uint64, value i holding i, i+1, ..., i+6.
type sweepBig struct {
	m          map[uint64][7]uint64
	keys, miss []uint64
	vals       [][7]uint64
	batch      []uint64
}

func newSweepBig(k sweepKeys, n int) *sweepBig {
	b := &sweepBig{keys: k.k64, miss: k.m64, vals: make([][7]uint64, n), batch: make([]uint64, sweepBatch)}
	for i := range b.vals {
		for j := range b.vals[i] {
			b.vals[i][j] = uint64(i + j)
		}
	}
	return b
}

func (b *sweepBig) create()  { b.m = make(map[uint64][7]uint64); sweepSinkBig = b.m }
func (b *sweepBig) destroy() { b.m = nil; sweepSinkBig = nil }
func (b *sweepBig) put(lo, hi int) {
	m, keys, vals := b.m, b.keys[lo:hi], b.vals[lo:hi]
	for i, k := range keys {
		m[k] = vals[i]
	}
}
func (b *sweepBig) loadKeys(idx []int) {
	for j, i := range idx {
		b.batch[j] = b.keys[i]
	}
}
func (b *sweepBig) loadMiss(off int) { copy(b.batch, b.miss[off:off+sweepBatch]) }
func (b *sweepBig) get() (int, uint64) {
	m, found, sum := b.m, 0, uint64(0)
	for _, k := range b.batch {
		if v, ok := m[k]; ok {
			sum += v[0]
			found++
		}
	}
	return found, sum
}
func (b *sweepBig) count() int {
	m, found := b.m, 0
	for _, k := range b.batch {
		if _, ok := m[k]; ok {
			found++
		}
	}
	return found
}
func (b *sweepBig) replace(idx []int) {
	m, vals, batch := b.m, b.vals, b.batch
	for j, k := range batch {
		m[k] = vals[idx[j]]
	}
}
func (b *sweepBig) erase() {
	m := b.m
	for _, k := range b.batch {
		delete(m, k)
	}
}
func (b *sweepBig) iter(limit int) (int, uint64) {
	seen, sum := 0, uint64(0)
	for _, v := range b.m {
		sum += v[0]
		if seen++; seen == limit {
			break
		}
	}
	return seen, sum
}
func (b *sweepBig) word(i int) uint64 { return b.vals[i][0] }
func (b *sweepBig) length() int       { return len(b.m) }

// str: map[string]uint64. The keys are "k" + the 16 hex digits of the u64
// keys, all in one block at an 18-byte stride as in C; the map holds string
// headers pointing into it, as the C++ contenders hold string_views.
type sweepStr struct {
	m          map[string]uint64
	keys, miss []string
	vals       []uint64
	batch      []string
}

func newSweepStr(k sweepKeys, n int) *sweepStr {
	b := &sweepStr{keys: hexStrings('k', k.k64), miss: hexStrings('k', k.m64),
		vals: make([]uint64, n), batch: make([]string, sweepBatch)}
	for i := range b.vals {
		b.vals[i] = uint64(i)
	}
	return b
}

func (b *sweepStr) create()  { b.m = make(map[string]uint64); sweepSinkStr = b.m }
func (b *sweepStr) destroy() { b.m = nil; sweepSinkStr = nil }
func (b *sweepStr) put(lo, hi int) {
	m, keys, vals := b.m, b.keys[lo:hi], b.vals[lo:hi]
	for i, k := range keys {
		m[k] = vals[i]
	}
}
func (b *sweepStr) loadKeys(idx []int) {
	for j, i := range idx {
		b.batch[j] = b.keys[i]
	}
}
func (b *sweepStr) loadMiss(off int) { copy(b.batch, b.miss[off:off+sweepBatch]) }
func (b *sweepStr) get() (int, uint64) {
	m, found, sum := b.m, 0, uint64(0)
	for _, k := range b.batch {
		if v, ok := m[k]; ok {
			sum += v
			found++
		}
	}
	return found, sum
}
func (b *sweepStr) count() int {
	m, found := b.m, 0
	for _, k := range b.batch {
		if _, ok := m[k]; ok {
			found++
		}
	}
	return found
}
func (b *sweepStr) replace(idx []int) {
	m, vals, batch := b.m, b.vals, b.batch
	for j, k := range batch {
		m[k] = vals[idx[j]]
	}
}
func (b *sweepStr) erase() {
	m := b.m
	for _, k := range b.batch {
		delete(m, k)
	}
}
func (b *sweepStr) iter(limit int) (int, uint64) {
	seen, sum := 0, uint64(0)
	for _, v := range b.m {
		sum += v
		if seen++; seen == limit {
			break
		}
	}
	return seen, sum
}
func (b *sweepStr) word(i int) uint64 { return b.vals[i] }
func (b *sweepStr) length() int       { return len(b.m) }

// ---- The driver (sweep_impl.h) ---------------------------------------------------

func sweepFail(bp, what string, n int) {
	fmt.Fprintf(os.Stderr, "%s: %s sweep: %s at N = %d\n", contender, bp, what, n)
	os.Exit(2)
}

// heapObjects is MemStats.HeapAlloc now, without collecting.
func heapObjects() int64 {
	runtime.ReadMemStats(&memStats)
	return int64(memStats.HeapAlloc)
}

func sweepRun(bp string, b sweepMap, nmax, steps int) {
	const B = sweepBatch
	sizes := make([]int, steps)
	ns := make([]uint64, rowCount*steps)
	idx := make([]int, B)
	rng, sink := uint64(7), uint64(0)
	var insertTotal time.Duration
	var memAfter float64

	heap0 := heapLive()
	peak := heap0
	b.create()
	n := 0
	for s := 0; s < steps; s++ {
		target := (s + 1) * nmax / steps
		// insert: the first B new keys timed alone, then the rest.
		t0 := time.Now()
		b.put(n, n+B)
		t1 := time.Now()
		b.put(n+B, target)
		t2 := time.Now()
		ns[rowInsert*steps+s] = uint64(t1.Sub(t0))
		insertTotal += t2.Sub(t0)
		n = target
		sizes[s] = n
		if h := heapObjects(); h > peak {
			peak = h
		}
		if s+1 == steps {
			memAfter = float64(heapLive()-heap0) / float64(n)
		}

		// hit: B present keys chosen at random (repeats allowed).
		expect := uint64(0)
		for j := range idx {
			idx[j] = int(splitmix(&rng) % uint64(n))
			expect += b.word(idx[j])
		}
		b.loadKeys(idx)
		t0 = time.Now()
		found, sum := b.get()
		ns[rowHit*steps+s] = uint64(time.Since(t0))
		if found != B || sum != expect {
			sweepFail(bp, "hit: a key missing or a wrong value", n)
		}

		// miss
		b.loadMiss(2 * B * s)
		t0 = time.Now()
		found = b.count()
		ns[rowMiss*steps+s] = uint64(time.Since(t0))
		if found != 0 {
			sweepFail(bp, "miss: an absent key found", n)
		}

		// replace: assign B present keys their own values again.
		for j := range idx {
			idx[j] = int(splitmix(&rng) % uint64(n))
		}
		b.loadKeys(idx)
		t0 = time.Now()
		b.replace(idx)
		ns[rowReplace*steps+s] = uint64(time.Since(t0))

		// erase: B distinct present keys, put back untimed. delete reports
		// nothing, so what was erased is read from the length, untimed.
		sweepPick(&rng, n, B, idx)
		b.loadKeys(idx)
		before := b.length()
		t0 = time.Now()
		b.erase()
		ns[rowErase*steps+s] = uint64(time.Since(t0))
		if before-b.length() != B || b.count() != 0 {
			sweepFail(bp, "erase: a present key not erased", n)
		}
		b.replace(idx)

		// erase absent
		b.loadMiss(2*B*s + B)
		before = b.length()
		t0 = time.Now()
		b.erase()
		ns[rowEraseAbsent*steps+s] = uint64(time.Since(t0))
		if before != b.length() {
			sweepFail(bp, "erase absent: an absent key erased", n)
		}

		// iterate: the first B entries of a fresh range, then all.
		t0 = time.Now()
		seen, itSum := b.iter(B)
		ns[rowIter1000*steps+s] = uint64(time.Since(t0))
		if seen != B {
			sweepFail(bp, "iterate: fewer than 1,000 entries", n)
		}
		sink += itSum
		t0 = time.Now()
		seen, itSum = b.iter(sweepIterAll)
		ns[rowIterAll*steps+s] = uint64(time.Since(t0))
		if seen != n || itSum != uint64(n)*uint64(n-1)/2 {
			sweepFail(bp, "iterate: not every entry seen once", n)
		}
		sink += itSum + sum
		if h := heapObjects(); h > peak {
			peak = h
		}
	}
	memPeak := float64(peak-heap0) / float64(n)
	b.destroy()
	sinkSum += sink

	w := bufio.NewWriter(os.Stdout)
	for r, name := range sweepRows {
		sweepEmitRow(w, bp, name, sizes, ns[r*steps:(r+1)*steps])
	}
	sweepEmitValue(w, bp, "insert_total", float64(insertTotal.Nanoseconds()), "ns")
	sweepEmitValue(w, bp, "mem_after", memAfter, "B/entry")
	sweepEmitValue(w, bp, "mem_peak", memPeak, "B/entry")
	if err := w.Flush(); err != nil {
		fmt.Fprintf(os.Stderr, "bench_go: %v\n", err)
		os.Exit(2)
	}
}

// sweepEmitRow and sweepEmitValue print as sweep_emit_row and
// sweep_emit_value do.
func sweepEmitRow(w *bufio.Writer, bp, workload string, sizes []int, ns []uint64) {
	fmt.Fprintf(w, "{\"contender\":\"%s\",\"blueprint\":\"%s\",\"workload\":\"%s\",\"sizes\":[",
		contender, bp, workload)
	for i, v := range sizes {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString(strconv.Itoa(v))
	}
	w.WriteString("],\"ns\":[")
	for i, v := range ns {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString(strconv.FormatUint(v, 10))
	}
	w.WriteString("]}\n")
}

func sweepEmitValue(w *bufio.Writer, bp, workload string, value float64, unit string) {
	fmt.Fprintf(w, "{\"contender\":\"%s\",\"blueprint\":\"%s\",\"workload\":\"%s\",\"value\":%.4f,\"unit\":\"%s\"}\n",
		contender, bp, workload, value, unit)
}

// runSweep is sweep_main: bench_go sweep <blueprint> <NMAX> <STEPS>.
func runSweep(args []string) int {
	if len(args) != 5 || args[1] != "sweep" {
		fmt.Fprintf(os.Stderr, "usage: %s sweep u32|u64|big|str NMAX STEPS\n", args[0])
		return 2
	}
	bp := args[2]
	// Like strtoull: what does not parse counts as 0 and is refused below.
	nmax64, _ := strconv.ParseUint(args[3], 10, 0)
	steps64, _ := strconv.ParseUint(args[4], 10, 0)
	if steps64 == 0 || nmax64/steps64 < sweepBatch {
		fmt.Fprintf(os.Stderr, "%s: need STEPS >= 1 and NMAX / STEPS >= %d\n", args[0], sweepBatch)
		return 2
	}
	nmax, steps := int(nmax64), int(steps64)
	var newMap func(sweepKeys, int) sweepMap
	switch bp {
	case "u32":
		newMap = func(k sweepKeys, n int) sweepMap { return newSweepU32(k, n) }
	case "u64":
		newMap = func(k sweepKeys, n int) sweepMap { return newSweepU64(k, n) }
	case "big":
		newMap = func(k sweepKeys, n int) sweepMap { return newSweepBig(k, n) }
	case "str":
		newMap = func(k sweepKeys, n int) sweepMap { return newSweepStr(k, n) }
	default:
		fmt.Fprintf(os.Stderr, "%s: no blueprint %s\n", args[0], bp)
		return exitUnsupported
	}
	// Each step uses two batches of absent keys (miss, erase absent).
	keys := sweepKeysMake(bp, nmax, 2*sweepBatch*steps)
	sweepRun(bp, newMap(keys, nmax), nmax, steps)
	return 0
}
