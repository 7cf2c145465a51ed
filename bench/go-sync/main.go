// SPDX-License-Identifier: BSD-3-Clause
// Command gosync runs the concurrent workload of bench/results/sync.md for
// Go's own contenders: sync.Map and a map guarded by a sync.RWMutex. 1e5
// uint64 keys (WORKLOADS.md's k_i, mapped to i); each goroutine draws keys
// from its own splitmix64 stream and does load_pct% loads, the rest stores
// of existing keys, for a fixed time. Standard library only.
//
//	gosync -contender syncmap|rwmutex -threads 2 -load 90 -ms 300
//
// Prints one JSON object: total Mops/s over all goroutines.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

const n = 100000

func splitmix64(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

type rwMap struct {
	mu sync.RWMutex
	m  map[uint64]any
}

func main() {
	contender := flag.String("contender", "syncmap", "syncmap or rwmutex")
	threads := flag.Int("threads", 1, "goroutines")
	loadPct := flag.Uint64("load", 90, "percent of loads")
	ms := flag.Int("ms", 300, "milliseconds")
	flag.Parse()

	keys := make([]uint64, n)
	s := uint64(42)
	for i := range keys {
		keys[i] = splitmix64(&s)
	}
	var sm sync.Map
	rw := &rwMap{m: make(map[uint64]any)}
	switch *contender {
	case "syncmap":
		for i, k := range keys {
			sm.Store(k, uint64(i+1))
		}
		// Reach the steady state (everything in the read map) first.
		for r := 0; r < 2; r++ {
			for _, k := range keys {
				sm.Load(k)
			}
		}
	case "rwmutex":
		for i, k := range keys {
			rw.m[k] = uint64(i + 1)
		}
	default:
		fmt.Fprintln(os.Stderr, "unknown contender", *contender)
		os.Exit(2)
	}

	var stop atomic.Bool
	var start, done sync.WaitGroup
	ops := make([]uint64, *threads*8)
	sinks := make([]uint64, *threads*8)
	start.Add(1)
	for t := 0; t < *threads; t++ {
		done.Add(1)
		go func(id int) {
			defer done.Done()
			st := uint64(1000 + id)
			var count, sink uint64
			start.Wait()
			for !stop.Load() {
				for b := 0; b < 256; b++ {
					r := splitmix64(&st)
					k := keys[r%n]
					isLoad := (r>>32)%100 < *loadPct
					if *contender == "syncmap" {
						if isLoad {
							if v, ok := sm.Load(k); ok {
								sink += v.(uint64)
							}
						} else {
							sm.Store(k, r|1)
						}
					} else {
						if isLoad {
							rw.mu.RLock()
							if v, ok := rw.m[k]; ok {
								sink += v.(uint64)
							}
							rw.mu.RUnlock()
						} else {
							rw.mu.Lock()
							rw.m[k] = r | 1
							rw.mu.Unlock()
						}
					}
				}
				count += 256
			}
			ops[id*8] = count
			sinks[id*8] = sink
		}(t)
	}
	t0 := time.Now()
	start.Done()
	time.Sleep(time.Duration(*ms) * time.Millisecond)
	stop.Store(true)
	done.Wait()
	secs := time.Since(t0).Seconds()
	var total, sink uint64
	for t := 0; t < *threads; t++ {
		total += ops[t*8]
		sink += sinks[t*8]
	}
	name := map[string]string{"syncmap": "go_sync_map", "rwmutex": "go_rwmutex_map"}[*contender]
	out, _ := json.Marshal(map[string]any{
		"contender": name, "threads": *threads, "load_pct": *loadPct,
		"mops": float64(total) / secs / 1e6, "sink": sink & 0xff,
	})
	fmt.Println(string(out))
}
