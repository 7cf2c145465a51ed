/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_gomap.c - gomap as a contender of the suite (protocol: bench.h).
 * Built twice: with the fast paths (gomap_get_u64...) and, with
 * BENCH_GENERIC, through the generic API (gomap_get with a key pointer), so
 * the cost of the generic entry points is visible.
 */
#include <gomap/gomap.h>
#include <inttypes.h>
#include <stdalign.h>

#include "../common/bench.h"

#ifdef BENCH_GENERIC
#define NAME                "gomap_generic"
#define GET_U64(m, k)       (gomap_get((m), &(k)))
#define ASSIGN_U64(m, k)    (gomap_assign((m), &(k)))
#define DELETE_U64(m, k)    (gomap_delete((m), &(k)))
#define GET_STR(m, p, l)    (gomap_get((m), &(gomap_str){(p), (l)}))
#define ASSIGN_STR(m, p, l) (gomap_assign((m), &(gomap_str){(p), (l)}))
#define DELETE_STR(m, p, l) (gomap_delete((m), &(gomap_str){(p), (l)}))
#else
#define NAME                "gomap"
#define GET_U64(m, k)       (gomap_get_u64((m), (k)))
#define ASSIGN_U64(m, k)    (gomap_assign_u64((m), (k)))
#define DELETE_U64(m, k)    (gomap_delete_u64((m), (k)))
#define GET_STR(m, p, l)    (gomap_get_str((m), (p), (l)))
#define ASSIGN_STR(m, p, l) (gomap_assign_str((m), (p), (l)))
#define DELETE_STR(m, p, l) (gomap_delete_str((m), (p), (l)))
#endif

static void die(const char *what)
{
    perror(what);
    exit(2);
}

static gomap *make_map(int strings, size_t hint)
{
    gomap_type t = strings ? gomap_type_str(sizeof(gomap_str), alignof(gomap_str))
                           : gomap_type_u64(sizeof(uint64_t), alignof(uint64_t));
    gomap *m = gomap_new(&t, hint);
    if (m == NULL)
        die("gomap_new");
    return m;
}

static void fill(gomap *m, const bench_keys *k, int strings)
{
    size_t n = k->n;
    if (strings) {
        for (size_t i = 0; i < n; i++) {
            gomap_str *v = ASSIGN_STR(m, bench_kstr(k, i), BENCH_STR_LEN);
            if (v == NULL)
                die("assign");
            v->ptr = bench_vstr(k, i);
            v->len = BENCH_STR_LEN;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            uint64_t key = k->keys[i];
            uint64_t *v = ASSIGN_U64(m, key);
            if (v == NULL)
                die("assign");
            *v = i;
        }
    }
}

/* Times `rounds` fills of fresh maps (creation included, freeing not). */
static double time_fill(const bench_keys *k, int strings, size_t rounds, size_t hint)
{
    uint64_t total = 0;
    for (size_t r = 0; r < rounds; r++) {
        uint64_t t0 = bench_now_ns();
        gomap *m = make_map(strings, hint);
        fill(m, k, strings);
        total += bench_now_ns() - t0;
        gomap_free(m);
    }
    return (double)total / (double)(rounds * k->n);
}

static void run_ops(const bench_args *a)
{
    bench_keys k = bench_keys_make(a->n, a->strings);
    size_t n = a->n, rounds = bench_rounds(n);
    const char *key = a->key;

    bench_emit(NAME, key, n, "insert", time_fill(&k, a->strings, rounds, 0), "ns/op");

    /* mem: heap growth across one insert of all keys. gomap's background
     * thread unmaps released arrays (the previous maps', and this map's old
     * ones) asynchronously: let it finish before each reading. */
    gomap_background_wait();
    size_t before = bench_heap_live();
    gomap *m = make_map(a->strings, 0);
    fill(m, &k, a->strings);
    gomap_background_wait();
    bench_emit(NAME, key, n, "mem", (double)(bench_heap_live() - before) / (double)n, "B/entry");

    uint64_t sum = 0, t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (a->strings) {
            for (size_t i = 0; i < n; i++) {
                const gomap_str *v = GET_STR(m, bench_kstr(&k, k.perm[i]), BENCH_STR_LEN);
                sum += v->len;
            }
        } else {
            for (size_t i = 0; i < n; i++) {
                uint64_t key64 = k.keys[k.perm[i]];
                const uint64_t *v = GET_U64(m, key64);
                sum += *v;
            }
        }
    }
    bench_emit(NAME, key, n, "lookup_hit", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");

    t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (a->strings) {
            for (size_t i = 0; i < n; i++)
                sum += GET_STR(m, bench_mstr(&k, i), BENCH_STR_LEN) != NULL;
        } else {
            for (size_t i = 0; i < n; i++) {
                uint64_t key64 = k.miss[i];
                sum += GET_U64(m, key64) != NULL;
            }
        }
    }
    bench_emit(NAME, key, n, "lookup_miss", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");

    t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        gomap_iter it;
        if (a->strings) {
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
                sum += ((const gomap_str *)it.elem)->len;
        } else {
            for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
                sum += *(const uint64_t *)it.elem;
        }
    }
    bench_emit(NAME, key, n, "iterate", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");

    /* delete: every round deletes all keys from a full map (refilled
     * untimed for the next round). */
    uint64_t total = 0;
    for (size_t r = 0; r < rounds; r++) {
        if (r > 0)
            fill(m, &k, a->strings);
        t0 = bench_now_ns();
        if (a->strings) {
            for (size_t i = 0; i < n; i++)
                sum += DELETE_STR(m, bench_kstr(&k, k.perm[i]), BENCH_STR_LEN);
        } else {
            for (size_t i = 0; i < n; i++) {
                uint64_t key64 = k.keys[k.perm[i]];
                sum += DELETE_U64(m, key64);
            }
        }
        total += bench_now_ns() - t0;
    }
    bench_emit(NAME, key, n, "delete", (double)total / (double)(rounds * n), "ns/op");
    gomap_free(m);

    bench_emit(NAME, key, n, "insert_hint", time_fill(&k, a->strings, rounds, n), "ns/op");
    bench_consume(sum);
    bench_keys_free(&k);
}

/* Growing from empty, or (hinted) into a map made for all n entries. */
static void time_each_insert(const bench_args *a, int hinted)
{
    bench_keys k = bench_keys_make(a->n, 0);
    uint32_t *lat = bench_xmalloc(a->n * sizeof *lat);
    gomap *m = make_map(0, hinted ? a->n : 0);
    for (size_t i = 0; i < a->n; i++) {
        uint64_t key = k.keys[i];
        uint64_t t0 = bench_now_ns();
        uint64_t *v = ASSIGN_U64(m, key);
        uint64_t dt = bench_now_ns() - t0;
        if (v == NULL)
            die("assign");
        *v = i;
        lat[i] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
    }
    gomap_free(m);
    bench_emit_latencies(NAME, hinted ? "tail_hint" : "tail", a->n, lat);
    free(lat);
    bench_keys_free(&k);
}

static void run_tail(const bench_args *a)
{
    time_each_insert(a, 0);
}

static void run_tail_hint(const bench_args *a)
{
    time_each_insert(a, 1);
}

static void run_small(const bench_args *a)
{
    enum { MAPS = 100000 };
    bench_keys k = bench_keys_make(a->n, 0);
    for (int hinted = 0; hinted < 2; hinted++) {
        uint64_t calls = bench_alloc_calls(), t0 = bench_now_ns();
        for (size_t r = 0; r < MAPS; r++) {
            gomap *m = make_map(0, hinted ? a->n : 0);
            fill(m, &k, 0);
            gomap_free(m);
        }
        double ns = (double)(bench_now_ns() - t0) / MAPS;
        double allocs = (double)(bench_alloc_calls() - calls) / MAPS;
        bench_emit(NAME, "u64", a->n, hinted ? "small_create_hint" : "small_create", ns, "ns/map");
        bench_emit(NAME, "u64", a->n, hinted ? "small_create_hint_allocs" : "small_create_allocs",
                   allocs, "allocs/map");
    }
    bench_keys_free(&k);
}

static void run_footprint(const bench_args *a)
{
    size_t n = a->n;
    bench_strings str = bench_strings_make(n);
    char **ks = str.keys, **vs = str.vals;
    size_t before = bench_heap_live();
    gomap *m = make_map(1, 0);
    for (size_t i = 0; i < n; i++) {
        gomap_str *v = ASSIGN_STR(m, ks[i], strlen(ks[i]));
        if (v == NULL)
            die("assign");
        v->ptr = vs[i];
        v->len = strlen(vs[i]);
    }
    size_t structures = bench_heap_live() - before;
    bench_emit_footprint(NAME, &str, structures);
    gomap_free(m);
    bench_strings_free(&str);
}

static size_t map_bytes(const gomap *m)
{
    gomap_stats st;
    gomap_stats_get(m, &st);
    return st.bytes;
}

static void churn_insert(gomap *m, uint64_t key, uint64_t i)
{
    uint64_t *v = ASSIGN_U64(m, key);
    if (v == NULL)
        die("assign");
    *v = i;
}

/* churn (bench.h): the map's own bytes are gomap_stats.bytes, O(1) to read,
 * so besides Go's sample points (churn_peak, like for like) every pair is
 * read (churn_peak_every). */
static void run_churn(const bench_args *a)
{
    uint64_t n = a->n, pairs = BENCH_CHURN_PAIRS_PER_KEY * n;
    uint64_t ins = BENCH_KEY_SEED, del = BENCH_KEY_SEED;
    gomap *m = make_map(0, 0);
    for (uint64_t i = 0; i < n; i++)
        churn_insert(m, bench_splitmix(&ins), i);
    size_t after_insert = map_bytes(m), peak = 0, peak_every = 0;
    uint64_t s = 0;
    for (uint64_t p = 1; p <= pairs; p++) {
        uint64_t old = bench_splitmix(&del);
        if (!DELETE_U64(m, old)) {
            fprintf(stderr, "%s: churn: live key %" PRIu64 " not found\n", NAME, p - 1);
            exit(2);
        }
        churn_insert(m, bench_splitmix(&ins), n + p - 1);
        size_t bytes = map_bytes(m);
        if (bytes > peak_every)
            peak_every = bytes;
        if (s < BENCH_CHURN_SAMPLES && bench_churn_sample_point(s, pairs) <= p) {
            while (s < BENCH_CHURN_SAMPLES && bench_churn_sample_point(s, pairs) <= p)
                s++;
            if (bytes > peak)
                peak = bytes;
        }
    }
    if (gomap_len(m) != n) {
        fprintf(stderr, "%s: churn: %zu live keys, expected %" PRIu64 "\n", NAME, gomap_len(m), n);
        exit(2);
    }
    gomap_free(m);
    bench_emit(NAME, "u64", n, "churn_insert", (double)after_insert / (double)n, "B/entry");
    bench_emit(NAME, "u64", n, "churn_peak", (double)peak / (double)n, "B/entry");
    bench_emit(NAME, "u64", n, "churn_peak_every", (double)peak_every / (double)n, "B/entry");
}

int main(int argc, char **argv)
{
    return bench_main(argc, argv, run_ops, run_tail, run_tail_hint, run_small, run_footprint,
                      run_churn);
}
