/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_stb.c - stb_ds's hash maps as a contender of the suite (protocol:
 * bench.h). stb_ds has no capacity hint, so insert_hint and
 * small_create_hint are not printed.
 *
 * u64 maps are hm maps of {uint64_t key; uint64_t value;} (the 8 key bytes
 * hashed). String maps are sh maps in the default mode: the table stores
 * the key pointer and hashes the NUL-terminated content; the strings are
 * kept alive by the caller, so no sh_new_strdup / sh_new_arena copy.
 *
 * The stb_ds macros may reassign the table pointer on any call (lookups
 * included), hence the maps are plain local variables passed by address.
 */
#include <stddef.h>
#include <stdint.h>

#include "../common/bench.h"

/* The one translation unit holding stb_ds's implementation. */
#define STB_DS_IMPLEMENTATION
#include <stb_ds.h>

#define NAME "stb"

typedef struct u64_kv {
    uint64_t key;
    uint64_t value;
} u64_kv;

typedef struct str_kv {
    const char *key;
    const char *value;
} str_kv;

static void fail(const char *what)
{
    fprintf(stderr, NAME ": %s\n", what);
    exit(2);
}

static void fill_u64(u64_kv **m, const bench_keys *k)
{
    for (size_t i = 0; i < k->n; i++)
        hmput(*m, k->keys[i], (uint64_t)i);
}

static void fill_str(str_kv **m, const bench_keys *k)
{
    for (size_t i = 0; i < k->n; i++)
        shput(*m, bench_kstr(k, i), bench_vstr(k, i));
}

/* Times `rounds` fills of fresh maps (creation, the first put, included;
 * freeing not). */
static double time_fill(const bench_keys *k, int strings, size_t rounds)
{
    uint64_t total = 0;
    for (size_t r = 0; r < rounds; r++) {
        if (strings) {
            uint64_t t0 = bench_now_ns();
            str_kv *m = NULL;
            fill_str(&m, k);
            total += bench_now_ns() - t0;
            shfree(m);
        } else {
            uint64_t t0 = bench_now_ns();
            u64_kv *m = NULL;
            fill_u64(&m, k);
            total += bench_now_ns() - t0;
            hmfree(m);
        }
    }
    return (double)total / (double)(rounds * k->n);
}

/* Untimed: every present key is found with its own value, string keys
 * through a copy so they must be matched by content, not by address. */
static void check_hits(u64_kv **mu, str_kv **ms, const bench_keys *k, int strings)
{
    if ((strings ? (size_t)shlenu(*ms) : (size_t)hmlenu(*mu)) != k->n)
        fail("lookup_hit: map does not hold N entries");
    for (size_t i = 0; i < k->n; i++) {
        size_t j = k->perm[i];
        int ok;
        if (strings) {
            char copy[BENCH_STR_LEN + 1];
            memcpy(copy, bench_kstr(k, j), sizeof copy);
            const str_kv *e = shgetp_null(*ms, copy);
            ok = e != NULL && e->value == bench_vstr(k, j);
        } else {
            const u64_kv *e = hmgetp_null(*mu, k->keys[j]);
            ok = e != NULL && e->value == j;
        }
        if (!ok)
            fail("lookup_hit: key missing or wrong value");
    }
}

static void run_ops(const bench_args *a)
{
    bench_keys k = bench_keys_make(a->n, a->strings);
    size_t n = a->n, rounds = bench_rounds(n);
    const char *key = a->key;
    int strings = a->strings;

    bench_emit(NAME, key, n, "insert", time_fill(&k, strings, rounds), "ns/op");

    /* mem: heap growth across one insert of all keys. */
    size_t before = bench_heap_live();
    u64_kv *mu = NULL;
    str_kv *ms = NULL;
    if (strings)
        fill_str(&ms, &k);
    else
        fill_u64(&mu, &k);
    bench_emit(NAME, key, n, "mem", (double)(bench_heap_live() - before) / (double)n, "B/entry");

    /* String values are consumed as their pointer: the map stores nothing
     * else for them. */
    uint64_t sum = 0, t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (strings) {
            for (size_t i = 0; i < n; i++)
                sum += (uintptr_t)shget(ms, bench_kstr(&k, k.perm[i]));
        } else {
            for (size_t i = 0; i < n; i++)
                sum += hmget(mu, k.keys[k.perm[i]]);
        }
    }
    bench_emit(NAME, key, n, "lookup_hit", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");
    check_hits(&mu, &ms, &k, strings);

    uint64_t found = 0;
    t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (strings) {
            for (size_t i = 0; i < n; i++)
                found += shgeti(ms, bench_mstr(&k, i)) >= 0;
        } else {
            for (size_t i = 0; i < n; i++)
                found += hmgeti(mu, k.miss[i]) >= 0;
        }
    }
    bench_emit(NAME, key, n, "lookup_miss", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");
    if (found != 0)
        fail("lookup_miss: an absent key was found");
    sum += found;

    t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (strings) {
            for (ptrdiff_t i = 0, len = shlen(ms); i < len; i++)
                sum += (uintptr_t)ms[i].value;
        } else {
            for (ptrdiff_t i = 0, len = hmlen(mu); i < len; i++)
                sum += mu[i].value;
        }
    }
    bench_emit(NAME, key, n, "iterate", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");

    /* delete: every round deletes all keys from a full map (refilled
     * untimed for the next round). */
    uint64_t total = 0, deleted = 0;
    for (size_t r = 0; r < rounds; r++) {
        if (r > 0) {
            if (strings)
                fill_str(&ms, &k);
            else
                fill_u64(&mu, &k);
        }
        t0 = bench_now_ns();
        if (strings) {
            for (size_t i = 0; i < n; i++)
                deleted += (uint64_t)shdel(ms, bench_kstr(&k, k.perm[i]));
        } else {
            for (size_t i = 0; i < n; i++)
                deleted += (uint64_t)hmdel(mu, k.keys[k.perm[i]]);
        }
        total += bench_now_ns() - t0;
    }
    bench_emit(NAME, key, n, "delete", (double)total / (double)(rounds * n), "ns/op");
    if (deleted != rounds * n)
        fail("delete: a present key was not deleted");
    sum += deleted;
    hmfree(mu);
    shfree(ms);

    bench_consume(sum);
    bench_keys_free(&k);
}

static void run_tail(const bench_args *a)
{
    bench_keys k = bench_keys_make(a->n, 0);
    uint32_t *lat = bench_xmalloc(a->n * sizeof *lat);
    u64_kv *m = NULL;
    for (size_t i = 0; i < a->n; i++) {
        uint64_t key = k.keys[i];
        uint64_t t0 = bench_now_ns();
        hmput(m, key, (uint64_t)i);
        uint64_t dt = bench_now_ns() - t0;
        lat[i] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
    }
    hmfree(m);
    bench_emit_tail(NAME, a->n, lat);
    free(lat);
    bench_keys_free(&k);
}

static void run_small(const bench_args *a)
{
    enum { MAPS = 100000 };
    bench_keys k = bench_keys_make(a->n, 0);
    uint64_t calls = bench_alloc_calls(), t0 = bench_now_ns();
    for (size_t r = 0; r < MAPS; r++) {
        u64_kv *m = NULL;
        fill_u64(&m, &k);
        hmfree(m);
    }
    double ns = (double)(bench_now_ns() - t0) / MAPS;
    double allocs = (double)(bench_alloc_calls() - calls) / MAPS;
    bench_emit(NAME, "u64", a->n, "small_create", ns, "ns/map");
    bench_emit(NAME, "u64", a->n, "small_create_allocs", allocs, "allocs/map");
    bench_keys_free(&k);
}

static void run_footprint(const bench_args *a)
{
    size_t n = a->n;
    bench_strings str = bench_strings_make(n);
    char **ks = str.keys, **vs = str.vals;
    size_t before = bench_heap_live();
    str_kv *m = NULL;
    for (size_t i = 0; i < n; i++)
        shput(m, ks[i], vs[i]);
    size_t structures = bench_heap_live() - before;
    bench_emit_footprint(NAME, &str, structures);
    shfree(m);
    bench_strings_free(&str);
}

int main(int argc, char **argv)
{
    return bench_main(argc, argv, run_ops, run_tail, NULL, run_small, run_footprint, NULL);
}
