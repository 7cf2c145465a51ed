/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench.h - what every C/C++ contender of the benchmark suite shares: the
 * workload keys of WORKLOADS.md, the clock, heap accounting and the output
 * protocol. Header-only (static inline) so C and C++ contenders include it
 * alike; heap/allocation counters come from bench_alloc.c, linked into every
 * contender.
 *
 * Protocol: a contender binary is run as
 *     <binary> ops <u64|str> <N>     insert, mem, lookup_hit, lookup_miss,
 *                                    iterate, delete, insert_hint
 *     <binary> tail u64 <N>          per-insert latency growing 0 -> N
 *     <binary> tail_hint u64 <N>     the same into a map made for N entries (no
 *                                    growth): the floor the machine sets; only
 *                                    contenders with a size hint run it
 *     <binary> small u64 100         small_create, with and without hint
 *     <binary> footprint str 1000    map[string]string "key%d" -> "value%d"
 *     <binary> churn u64 <N>         bytes per entry after inserting N keys and
 *                                    at the peak of insert/delete churn at N
 *                                    live keys (Churn, below)
 * and prints one JSON object per line per figure:
 *     {"contender":"absl","key":"u64","n":1000000,"workload":"insert","value":58.4,"unit":"ns/op"}
 * Workloads a contender cannot run (no hint API...) are simply not printed;
 * a mode it does not have at all exits with BENCH_EXIT_UNSUPPORTED.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Heap accounting (bench_alloc.c interposes malloc & co.) ------------- */

/* Bytes currently held from malloc (usable sizes, allocator headers not
 * included) and the number of allocation calls made so far (malloc, calloc,
 * realloc, aligned allocations; C++ new goes through malloc). */
size_t bench_heap_live(void);
/* The highest bench_heap_live() seen on the main thread since the last reset. */
size_t bench_heap_peak(void);
void bench_heap_peak_reset(void);
uint64_t bench_alloc_calls(void);

/* ---- Clock ---------------------------------------------------------------- */

static inline uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Keeps a value alive so the compiler cannot drop the work producing it. */
static inline void bench_consume(uint64_t v)
{
    __asm__ volatile("" : : "r"(v) : "memory");
}

/* ---- Keys (WORKLOADS.md) -------------------------------------------------- */

static inline uint64_t bench_splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

#define BENCH_STR_LEN  17  /* "k" + 16 hex digits */
#define BENCH_KEY_SEED 42u /* the splitmix seed of the keys k_i */

typedef struct bench_keys {
    size_t n;
    uint64_t *keys; /* k_i, splitmix seeded 42 */
    uint64_t *miss; /* splitmix seeded 4242 */
    uint32_t *perm; /* Fisher-Yates of 0..n-1 with splitmix seeded 7 */
    /* String form (only when built with strings): each string is 17 bytes
     * followed by a NUL, at kstr + 18*i, vstr + 18*i, mstr + 18*i. */
    char *kstr, *vstr, *mstr;
} bench_keys;

static inline const char *bench_kstr(const bench_keys *k, size_t i)
{
    return k->kstr + 18 * i;
}
static inline const char *bench_vstr(const bench_keys *k, size_t i)
{
    return k->vstr + 18 * i;
}
static inline const char *bench_mstr(const bench_keys *k, size_t i)
{
    return k->mstr + 18 * i;
}

static inline void bench_hex(char *out, char prefix, uint64_t v)
{
    static const char digits[] = "0123456789abcdef";
    out[0] = prefix;
    for (int i = 0; i < 16; i++)
        out[1 + i] = digits[(v >> (60 - 4 * i)) & 0xf];
    out[17] = '\0';
}

static inline void *bench_xmalloc(size_t size)
{
    void *p = malloc(size);
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(2);
    }
    return p;
}

static inline bench_keys bench_keys_make(size_t n, int strings)
{
    bench_keys k;
    memset(&k, 0, sizeof k);
    k.n = n;
    k.keys = (uint64_t *)bench_xmalloc(n * sizeof(uint64_t));
    k.miss = (uint64_t *)bench_xmalloc(n * sizeof(uint64_t));
    k.perm = (uint32_t *)bench_xmalloc(n * sizeof(uint32_t));
    uint64_t s = BENCH_KEY_SEED, sm = 4242, sp = 7;
    for (size_t i = 0; i < n; i++) {
        k.keys[i] = bench_splitmix(&s);
        k.miss[i] = bench_splitmix(&sm);
        k.perm[i] = (uint32_t)i;
    }
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)(bench_splitmix(&sp) % (uint64_t)(i + 1));
        uint32_t t = k.perm[i];
        k.perm[i] = k.perm[j];
        k.perm[j] = t;
    }
    if (strings) {
        k.kstr = (char *)bench_xmalloc(18 * n);
        k.vstr = (char *)bench_xmalloc(18 * n);
        k.mstr = (char *)bench_xmalloc(18 * n);
        for (size_t i = 0; i < n; i++) {
            bench_hex(k.kstr + 18 * i, 'k', k.keys[i]);
            bench_hex(k.vstr + 18 * i, 'v', k.keys[i]);
            bench_hex(k.mstr + 18 * i, 'k', k.miss[i]);
        }
    }
    return k;
}

static inline void bench_keys_free(bench_keys *k)
{
    free(k->keys);
    free(k->miss);
    free(k->perm);
    free(k->kstr);
    free(k->vstr);
    free(k->mstr);
    memset(k, 0, sizeof *k);
}

/* Small sizes are repeated so each figure covers about a million
 * operations: the timed phase runs `rounds` times on fresh maps. */
static inline size_t bench_rounds(size_t n)
{
    return n >= 1000000 ? 1 : 1000000 / n;
}

/* ---- Output --------------------------------------------------------------- */

static inline void bench_emit(const char *contender, const char *key, size_t n,
                              const char *workload, double value, const char *unit)
{
    printf("{\"contender\":\"%s\",\"key\":\"%s\",\"n\":%zu,\"workload\":\"%s\",\"value\":%.4f,"
           "\"unit\":\"%s\"}\n",
           contender, key, n, workload, value, unit);
    fflush(stdout);
}

/* ---- Tail latency --------------------------------------------------------- */

static inline int bench_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* An insert slower than this counts as slow: the p99.99 target's bound. */
#define BENCH_SLOW_NS 5000u

/* lat[0..n) are per-insert latencies in ns; emits <prefix>_max, _p999 and
 * _p9999 in microseconds, _slow (inserts over BENCH_SLOW_NS) and _time
 * (seconds inside the timed inserts, the time in which a pause of the
 * machine makes an insert slow). Sorts lat. */
static inline void bench_emit_latencies(const char *contender, const char *prefix, size_t n,
                                        uint32_t *lat)
{
    uint64_t total = 0, slow = 0;
    for (size_t i = 0; i < n; i++) {
        total += lat[i];
        slow += lat[i] > BENCH_SLOW_NS;
    }
    qsort(lat, n, sizeof *lat, bench_cmp_u32);
    size_t i999 = (size_t)((double)n * 0.999), i9999 = (size_t)((double)n * 0.9999);
    if (i999 >= n)
        i999 = n - 1;
    if (i9999 >= n)
        i9999 = n - 1;
    char w[64];
    snprintf(w, sizeof w, "%s_max", prefix);
    bench_emit(contender, "u64", n, w, lat[n - 1] / 1000.0, "us");
    snprintf(w, sizeof w, "%s_p999", prefix);
    bench_emit(contender, "u64", n, w, lat[i999] / 1000.0, "us");
    snprintf(w, sizeof w, "%s_p9999", prefix);
    bench_emit(contender, "u64", n, w, lat[i9999] / 1000.0, "us");
    snprintf(w, sizeof w, "%s_slow", prefix);
    bench_emit(contender, "u64", n, w, (double)slow, "inserts");
    snprintf(w, sizeof w, "%s_time", prefix);
    bench_emit(contender, "u64", n, w, (double)total / 1e9, "s");
}

/* The tail workload's figures (tail_max, tail_p999, ...). */
static inline void bench_emit_tail(const char *contender, size_t n, uint32_t *lat)
{
    bench_emit_latencies(contender, "tail", n, lat);
}

/* ---- Arguments ------------------------------------------------------------ */

typedef struct bench_args {
    const char *mode; /* ops, tail, tail_hint, small, footprint, churn */
    int strings;      /* key "str" */
    const char *key;  /* "u64" or "str" */
    size_t n;
} bench_args;

static inline bench_args bench_parse(int argc, char **argv)
{
    bench_args a;
    if (argc != 4 || (strcmp(argv[2], "u64") != 0 && strcmp(argv[2], "str") != 0)) {
        fprintf(stderr, "usage: %s ops|tail|tail_hint|small|footprint|churn u64|str N\n", argv[0]);
        exit(2);
    }
    a.mode = argv[1];
    a.key = argv[2];
    a.strings = strcmp(argv[2], "str") == 0;
    a.n = (size_t)strtoull(argv[3], NULL, 10);
    if (a.n == 0) {
        fprintf(stderr, "%s: N must be positive\n", argv[0]);
        exit(2);
    }
    return a;
}

/* ---- Footprint -------------------------------------------------------------- */

/* The footprint map's strings, "key%zu" -> "value%zu", each in its own
 * allocation as a program would hold them, built before the map. */
typedef struct bench_strings {
    size_t n;
    char **keys, **vals;
    size_t bytes; /* heap bytes of the strings and their arrays' contents */
} bench_strings;

static inline char *bench_strdup_fmt(const char *fmt, size_t i)
{
    char buf[32];
    int len = snprintf(buf, sizeof buf, fmt, i);
    char *s = (char *)bench_xmalloc((size_t)len + 1);
    memcpy(s, buf, (size_t)len + 1);
    return s;
}

static inline bench_strings bench_strings_make(size_t n)
{
    bench_strings s;
    s.n = n;
    s.keys = (char **)bench_xmalloc(n * sizeof *s.keys);
    s.vals = (char **)bench_xmalloc(n * sizeof *s.vals);
    size_t before = bench_heap_live();
    for (size_t i = 0; i < n; i++) {
        s.keys[i] = bench_strdup_fmt("key%zu", i);
        s.vals[i] = bench_strdup_fmt("value%zu", i);
    }
    s.bytes = bench_heap_live() - before;
    return s;
}

static inline void bench_strings_free(bench_strings *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->keys[i]);
        free(s->vals[i]);
    }
    free(s->keys);
    free(s->vals);
}

/* structures: heap bytes the map took for n entries; "with strings" adds
 * the strings' own bytes. */
static inline void bench_emit_footprint(const char *contender, const bench_strings *s,
                                        size_t structures)
{
    bench_emit(contender, "str", s->n, "footprint_map", (double)structures, "B");
    bench_emit(contender, "str", s->n, "footprint_total", (double)(structures + s->bytes), "B");
}

/* ---- Churn ------------------------------------------------------------------ */

/* The churn workload: insert k_0 .. k_{N-1} (k_i -> i), then
 * BENCH_CHURN_PAIRS_PER_KEY * N pairs, pair j (from 0) deleting k_j, the
 * oldest live key, and inserting k_{N+j} -> N+j, so N keys stay live. The
 * keys come from two splitmix streams seeded BENCH_KEY_SEED, the deleting one
 * N keys behind the inserting one: no key array sits on the heap next to the
 * map. The map's bytes are read after the insert and after each pair that
 * ends at or past a sample point; figures are those bytes / N. */
#define BENCH_CHURN_PAIRS_PER_KEY 4u
/* Go's heap is read at this many points of the churn (each reading
 * collects first); gomap is read at the same points and after every pair. */
#define BENCH_CHURN_SAMPLES 256u

/* How many pairs have been done at sample point s (0-based): evenly spaced,
 * the last at the end of the churn. */
static inline uint64_t bench_churn_sample_point(uint64_t s, uint64_t pairs)
{
    return (s + 1) * pairs / BENCH_CHURN_SAMPLES;
}

/* ---- Dispatch ----------------------------------------------------------------- */

typedef void (*bench_mode_fn)(const bench_args *a);

/* Exit status of a contender asked for a mode it does not have. */
#define BENCH_EXIT_UNSUPPORTED 3

/* main() of a C contender: parses the arguments and runs the mode.
 * tail_hint may be NULL (no size hint to give), churn too (not measured for
 * this contender); such a mode exits with BENCH_EXIT_UNSUPPORTED. */
static inline int bench_main(int argc, char **argv, bench_mode_fn ops, bench_mode_fn tail,
                             bench_mode_fn tail_hint, bench_mode_fn small, bench_mode_fn footprint,
                             bench_mode_fn churn)
{
    bench_args a = bench_parse(argc, argv);
    int known = 1;
    bench_mode_fn fn = strcmp(a.mode, "ops") == 0         ? ops
                       : strcmp(a.mode, "tail") == 0      ? tail
                       : strcmp(a.mode, "tail_hint") == 0 ? tail_hint
                       : strcmp(a.mode, "small") == 0     ? small
                       : strcmp(a.mode, "footprint") == 0 ? footprint
                       : strcmp(a.mode, "churn") == 0     ? churn
                                                          : (known = 0, (bench_mode_fn)NULL);
    if (fn == NULL) {
        fprintf(stderr, "%s: %s mode %s\n", argv[0], known ? "no" : "unknown", a.mode);
        return known ? BENCH_EXIT_UNSUPPORTED : 2;
    }
    fn(&a);
    return 0;
}

#ifdef __cplusplus
}
#endif

#endif
