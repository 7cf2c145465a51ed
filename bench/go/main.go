// SPDX-License-Identifier: BSD-3-Clause
// Command bench_go runs the suite's workloads on Go's built-in map, speaking
// the same protocol as the C contenders (bench/common/bench.h):
//
//	bench_go ops <u64|str> <N>     insert, mem, lookup_hit, lookup_miss,
//	                               iterate, delete, insert_hint
//	bench_go tail u64 <N>          per-insert latency growing 0 -> N (GC off)
//	bench_go tail_hint u64 <N>     the same into a map made for N entries
//	bench_go small u64 100         small_create, with and without hint
//	bench_go footprint str 1000    map[string]string "key%d" -> "value%d"
//	bench_go churn u64 <N>         bytes per entry after inserting N keys and at
//	                               the peak of insert/delete churn at N live keys
//	bench_go sweep <u32|u64|big|str> <NMAX> <STEPS>   the size sweep (sweep.go)
//
// One JSON object per line on stdout, formatted exactly like bench_emit.
package main

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"time"
)

const contender = "go"

// Package-level sinks: maps stored here escape to the heap as a real
// program's would, and sums stored here cannot be optimised away.
var (
	sinkU64  map[uint64]uint64
	sinkStr  map[string]string
	sinkSum  uint64
	memStats runtime.MemStats // package-level so reading it allocates nothing
)

// ---- Keys (WORKLOADS.md, same generator and order as bench.h) -------------

func splitmix(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	z := *state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

const strLen = 17 // "k" + 16 hex digits

// hexStrings gives prefix + the 16 lowercase hex digits of each value. As in
// bench.h the strings sit in one block at an 18-byte stride, so key layout
// matches the C contenders' and the harness's 3N strings add no GC marking
// work of their own.
func hexStrings(prefix byte, vals []uint64) []string {
	const digits = "0123456789abcdef"
	buf := make([]byte, 18*len(vals))
	for i, v := range vals {
		b := buf[18*i : 18*i+18]
		b[0] = prefix
		for j := 0; j < 16; j++ {
			b[1+j] = digits[(v>>(60-4*uint(j)))&0xf]
		}
	}
	all := string(buf)
	out := make([]string, len(vals))
	for i := range out {
		out[i] = all[18*i : 18*i+strLen]
	}
	return out
}

type benchKeys struct {
	n                int
	keys, miss       []uint64 // splitmix seeded 42 and 4242
	perm             []uint32 // Fisher-Yates of 0..n-1, splitmix seeded 7
	kstr, vstr, mstr []string // "k"/"v" + hex of keys, "k" + hex of miss
}

func makeKeys(n int, strings bool) *benchKeys {
	k := &benchKeys{
		n:    n,
		keys: make([]uint64, n),
		miss: make([]uint64, n),
		perm: make([]uint32, n),
	}
	s, sm, sp := uint64(keySeed), uint64(4242), uint64(7)
	for i := 0; i < n; i++ {
		k.keys[i] = splitmix(&s)
		k.miss[i] = splitmix(&sm)
		k.perm[i] = uint32(i)
	}
	for i := n - 1; i > 0; i-- {
		j := splitmix(&sp) % uint64(i+1)
		k.perm[i], k.perm[j] = k.perm[j], k.perm[i]
	}
	if strings {
		k.kstr = hexStrings('k', k.keys)
		k.vstr = hexStrings('v', k.keys)
		k.mstr = hexStrings('k', k.miss)
	}
	return k
}

// rounds repeats small sizes so each figure covers about a million operations.
func rounds(n int) int {
	if n >= 1000000 {
		return 1
	}
	return 1000000 / n
}

// ---- Output ----------------------------------------------------------------

func emit(key string, n int, workload string, value float64, unit string) {
	fmt.Printf("{\"contender\":\"%s\",\"key\":\"%s\",\"n\":%d,\"workload\":\"%s\",\"value\":%.4f,\"unit\":\"%s\"}\n",
		contender, key, n, workload, value, unit)
}

func perOp(total time.Duration, ops int) float64 {
	return float64(total.Nanoseconds()) / float64(ops)
}

// heapLive is the heap held by reachable objects: collecting first drops
// garbage so two readings differ only by what stayed alive in between.
func heapLive() int64 {
	runtime.GC()
	runtime.ReadMemStats(&memStats)
	return int64(memStats.HeapAlloc)
}

// ---- ops: u64 --------------------------------------------------------------

func fillU64(m map[uint64]uint64, k *benchKeys) {
	for i, key := range k.keys {
		m[key] = uint64(i)
	}
}

func newU64(hint int) map[uint64]uint64 {
	if hint > 0 {
		return make(map[uint64]uint64, hint)
	}
	return make(map[uint64]uint64)
}

// timeFillU64 times `rounds` fills of fresh maps, creation included.
func timeFillU64(k *benchKeys, rounds, hint int) float64 {
	var total time.Duration
	for r := 0; r < rounds; r++ {
		t0 := time.Now()
		m := newU64(hint)
		fillU64(m, k)
		total += time.Since(t0)
		sinkU64 = m
	}
	sinkU64 = nil
	return perOp(total, rounds*k.n)
}

func runOpsU64(k *benchKeys) {
	const key = "u64"
	n, rounds := k.n, rounds(k.n)

	emit(key, n, "insert", timeFillU64(k, rounds, 0), "ns/op")

	before := heapLive()
	m := newU64(0)
	sinkU64 = m
	fillU64(m, k)
	emit(key, n, "mem", float64(heapLive()-before)/float64(n), "B/entry")
	runtime.KeepAlive(m)

	var sum, missHits uint64
	t0 := time.Now()
	for r := 0; r < rounds; r++ {
		for _, p := range k.perm {
			sum += m[k.keys[p]]
		}
	}
	emit(key, n, "lookup_hit", perOp(time.Since(t0), rounds*n), "ns/op")

	t0 = time.Now()
	for r := 0; r < rounds; r++ {
		for _, mk := range k.miss {
			if _, ok := m[mk]; ok {
				missHits++
			}
		}
	}
	emit(key, n, "lookup_miss", perOp(time.Since(t0), rounds*n), "ns/op")

	t0 = time.Now()
	for r := 0; r < rounds; r++ {
		for _, v := range m {
			sum += v
		}
	}
	emit(key, n, "iterate", perOp(time.Since(t0), rounds*n), "ns/op")

	// Every round deletes all keys from a full map, refilled untimed.
	var total time.Duration
	for r := 0; r < rounds; r++ {
		if r > 0 {
			fillU64(m, k)
		}
		t0 = time.Now()
		for _, p := range k.perm {
			delete(m, k.keys[p])
		}
		total += time.Since(t0)
	}
	emit(key, n, "delete", perOp(total, rounds*n), "ns/op")
	sinkU64 = nil

	emit(key, n, "insert_hint", timeFillU64(k, rounds, n), "ns/op")
	finishSums(sum, missHits)
}

// ---- ops: str --------------------------------------------------------------

func fillStr(m map[string]string, k *benchKeys) {
	for i, key := range k.kstr {
		m[key] = k.vstr[i]
	}
}

func newStr(hint int) map[string]string {
	if hint > 0 {
		return make(map[string]string, hint)
	}
	return make(map[string]string)
}

func timeFillStr(k *benchKeys, rounds, hint int) float64 {
	var total time.Duration
	for r := 0; r < rounds; r++ {
		t0 := time.Now()
		m := newStr(hint)
		fillStr(m, k)
		total += time.Since(t0)
		sinkStr = m
	}
	sinkStr = nil
	return perOp(total, rounds*k.n)
}

func runOpsStr(k *benchKeys) {
	const key = "str"
	n, rounds := k.n, rounds(k.n)

	emit(key, n, "insert", timeFillStr(k, rounds, 0), "ns/op")

	before := heapLive()
	m := newStr(0)
	sinkStr = m
	fillStr(m, k)
	emit(key, n, "mem", float64(heapLive()-before)/float64(n), "B/entry")
	runtime.KeepAlive(m)

	var sum, missHits uint64
	t0 := time.Now()
	for r := 0; r < rounds; r++ {
		for _, p := range k.perm {
			sum += uint64(len(m[k.kstr[p]]))
		}
	}
	emit(key, n, "lookup_hit", perOp(time.Since(t0), rounds*n), "ns/op")

	t0 = time.Now()
	for r := 0; r < rounds; r++ {
		for _, mk := range k.mstr {
			if _, ok := m[mk]; ok {
				missHits++
			}
		}
	}
	emit(key, n, "lookup_miss", perOp(time.Since(t0), rounds*n), "ns/op")

	t0 = time.Now()
	for r := 0; r < rounds; r++ {
		for _, v := range m {
			sum += uint64(len(v))
		}
	}
	emit(key, n, "iterate", perOp(time.Since(t0), rounds*n), "ns/op")

	var total time.Duration
	for r := 0; r < rounds; r++ {
		if r > 0 {
			fillStr(m, k)
		}
		t0 = time.Now()
		for _, p := range k.perm {
			delete(m, k.kstr[p])
		}
		total += time.Since(t0)
	}
	emit(key, n, "delete", perOp(total, rounds*n), "ns/op")
	sinkStr = nil

	emit(key, n, "insert_hint", timeFillStr(k, rounds, n), "ns/op")
	finishSums(sum, missHits)
}

// finishSums keeps the lookup results alive; a hit among the miss keys
// would mean the workload's assumption does not hold, so it is reported.
func finishSums(sum, missHits uint64) {
	sinkSum += sum + missHits
	if missHits != 0 {
		fmt.Fprintf(os.Stderr, "bench_go: %d miss keys found in the map\n", missHits)
	}
}

// ---- tail ------------------------------------------------------------------

// runTail times each insert growing from empty, or (hinted) into a map
// made for all n entries.
func runTail(n int, hinted bool) {
	// The reference figures were taken with the collector off, so only the
	// map's own growth shows in the latencies.
	debug.SetGCPercent(-1)
	k := makeKeys(n, false)
	lat := make([]uint32, n)
	hint := 0
	if hinted {
		hint = n
	}
	m := newU64(hint)
	sinkU64 = m
	for i, key := range k.keys {
		t0 := time.Now()
		m[key] = uint64(i)
		dt := time.Since(t0)
		if dt > math.MaxUint32 {
			dt = math.MaxUint32
		}
		lat[i] = uint32(dt)
	}
	sinkU64 = nil
	prefix := "tail"
	if hinted {
		prefix = "tail_hint"
	}
	emitLatencies(prefix, n, lat)
}

// slowNs mirrors BENCH_SLOW_NS.
const slowNs = 5000

// emitLatencies mirrors bench_emit_latencies: same indices and figures.
func emitLatencies(prefix string, n int, lat []uint32) {
	var total, slow uint64
	for _, l := range lat {
		total += uint64(l)
		if l > slowNs {
			slow++
		}
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	i999, i9999 := int(float64(n)*0.999), int(float64(n)*0.9999)
	if i999 >= n {
		i999 = n - 1
	}
	if i9999 >= n {
		i9999 = n - 1
	}
	emit("u64", n, prefix+"_max", float64(lat[n-1])/1000.0, "us")
	emit("u64", n, prefix+"_p999", float64(lat[i999])/1000.0, "us")
	emit("u64", n, prefix+"_p9999", float64(lat[i9999])/1000.0, "us")
	emit("u64", n, prefix+"_slow", float64(slow), "inserts")
	emit("u64", n, prefix+"_time", float64(total)/1e9, "s")
}

// ---- small -----------------------------------------------------------------

func runSmall(n int) {
	const maps = 100000
	k := makeKeys(n, false)
	for hinted := 0; hinted < 2; hinted++ {
		hint := 0
		if hinted == 1 {
			hint = n
		}
		runtime.ReadMemStats(&memStats)
		mallocs := memStats.Mallocs
		t0 := time.Now()
		for r := 0; r < maps; r++ {
			m := newU64(hint)
			fillU64(m, k)
			sinkU64 = m
		}
		ns := perOp(time.Since(t0), maps)
		runtime.ReadMemStats(&memStats)
		allocs := float64(memStats.Mallocs-mallocs) / maps
		sinkU64 = nil
		if hinted == 1 {
			emit("u64", n, "small_create_hint", ns, "ns/map")
			emit("u64", n, "small_create_hint_allocs", allocs, "allocs/map")
		} else {
			emit("u64", n, "small_create", ns, "ns/map")
			emit("u64", n, "small_create_allocs", allocs, "allocs/map")
		}
	}
}

// ---- footprint -------------------------------------------------------------

func runFootprint(n int) {
	// Strings are built first, each its own allocation as a program would
	// hold them, without temporaries that could share their tiny blocks.
	ks, vs := make([]string, n), make([]string, n)
	beforeStrings := heapLive()
	var buf [32]byte
	for i := 0; i < n; i++ {
		b := strconv.AppendInt(append(buf[:0], "key"...), int64(i), 10)
		ks[i] = string(b)
		b = strconv.AppendInt(append(buf[:0], "value"...), int64(i), 10)
		vs[i] = string(b)
	}
	strs := heapLive() - beforeStrings

	before := heapLive()
	m := make(map[string]string)
	sinkStr = m
	for i := 0; i < n; i++ {
		m[ks[i]] = vs[i]
	}
	structures := heapLive() - before
	runtime.KeepAlive(m)
	runtime.KeepAlive(ks)
	runtime.KeepAlive(vs)
	sinkStr = nil

	emit("str", n, "footprint_map", float64(structures), "B")
	emit("str", n, "footprint_total", float64(structures+strs), "B")
}

// ---- churn -----------------------------------------------------------------

// The churn workload of bench.h: insert k_0..k_{N-1}, then churnPairsPerKey*N
// pairs, pair j deleting k_j and inserting k_{N+j}. Mirrors
// BENCH_KEY_SEED, BENCH_CHURN_PAIRS_PER_KEY, BENCH_CHURN_SAMPLES and
// bench_churn_sample_point.
const (
	keySeed          = 42
	churnPairsPerKey = 4
	churnSamples     = 256
)

func churnSamplePoint(s, pairs uint64) uint64 {
	return (s + 1) * pairs / churnSamples
}

// runChurn: the map's own bytes are the live heap (collected first) less the
// live heap before the map was made. Keys and elems are inline and the keys
// come from two generators rather than an array, so what the map adds to the
// heap is its buckets, its overflow buckets and, while growing, the old array.
func runChurn(n int) {
	n64 := uint64(n)
	pairs := churnPairsPerKey * n64
	ins, del := uint64(keySeed), uint64(keySeed)
	base := heapLive()
	m := make(map[uint64]uint64)
	sinkU64 = m
	for i := uint64(0); i < n64; i++ {
		m[splitmix(&ins)] = i
	}
	afterInsert := heapLive() - base
	var peak int64
	s := uint64(0)
	for p := uint64(1); p <= pairs; p++ {
		delete(m, splitmix(&del))
		m[splitmix(&ins)] = n64 + p - 1
		if s < churnSamples && churnSamplePoint(s, pairs) <= p {
			for s < churnSamples && churnSamplePoint(s, pairs) <= p {
				s++
			}
			if b := heapLive() - base; b > peak {
				peak = b
			}
		}
	}
	if len(m) != n {
		fmt.Fprintf(os.Stderr, "bench_go: churn: %d live keys, expected %d\n", len(m), n)
		os.Exit(2)
	}
	runtime.KeepAlive(m)
	sinkU64 = nil
	emit("u64", n, "churn_insert", float64(afterInsert)/float64(n), "B/entry")
	emit("u64", n, "churn_peak", float64(peak)/float64(n), "B/entry")
}

// ---- Arguments -------------------------------------------------------------

func main() {
	args := os.Args
	if len(args) > 1 && args[1] == "sweep" {
		os.Exit(runSweep(args))
	}
	if len(args) != 4 || (args[2] != "u64" && args[2] != "str") {
		fmt.Fprintf(os.Stderr, "usage: %s ops|tail|tail_hint|small|footprint|churn u64|str N\n", args[0])
		os.Exit(2)
	}
	mode, key := args[1], args[2]
	n64, err := strconv.ParseUint(args[3], 10, 0)
	if err != nil || n64 == 0 || n64 > math.MaxInt32 {
		fmt.Fprintf(os.Stderr, "%s: N must be a positive integer\n", args[0])
		fmt.Fprintf(os.Stderr, "usage: %s ops|tail|tail_hint|small|footprint|churn u64|str N\n", args[0])
		os.Exit(2)
	}
	n := int(n64)
	switch mode {
	case "ops":
		if key == "str" {
			runOpsStr(makeKeys(n, true))
		} else {
			runOpsU64(makeKeys(n, false))
		}
	case "tail":
		runTail(n, false)
	case "tail_hint":
		runTail(n, true)
	case "small":
		runSmall(n)
	case "footprint":
		runFootprint(n)
	case "churn":
		runChurn(n)
	default:
		fmt.Fprintf(os.Stderr, "%s: unknown mode %s\n", args[0], mode)
		os.Exit(2)
	}
}
