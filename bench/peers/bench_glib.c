/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_glib.c - GLib's GHashTable as a contender of the suite (protocol:
 * bench.h). GHashTable has no capacity hint, so insert_hint and
 * small_create_hint are not printed.
 *
 * u64 maps store the key and the value in the pointers themselves
 * (GSIZE_TO_POINTER, fine where a pointer holds 64 bits) with
 * g_direct_hash / g_direct_equal: it is how C code puts integers in a
 * GHashTable without allocating them. g_direct_hash keeps only the low 32
 * bits of the key, which are as well mixed as the rest for these keys;
 * equality compares all 64. String maps use g_str_hash / g_str_equal on the
 * NUL-terminated pre-built strings (hashed by content), values are the
 * value strings' pointers.
 *
 * GLib 2.74 takes the GHashTable header (88 bytes) from GSlice's magazines,
 * set up before main, so the malloc accounting does not see it: run with
 * G_SLICE=always-malloc to count it (one more allocation per map).
 */
#include <glib.h>
#include <stdint.h>

#include "../common/bench.h"

#define NAME "glib"

_Static_assert(sizeof(gpointer) >= sizeof(uint64_t), "u64 keys are stored in pointers");

#define U64_PTR(x) GSIZE_TO_POINTER((gsize)(x))
#define PTR_U64(p) ((uint64_t)GPOINTER_TO_SIZE(p))

static void fail(const char *what)
{
    fprintf(stderr, NAME ": %s\n", what);
    exit(2);
}

static GHashTable *make_map(int strings)
{
    return strings ? g_hash_table_new(g_str_hash, g_str_equal)
                   : g_hash_table_new(g_direct_hash, g_direct_equal);
}

static void fill(GHashTable *m, const bench_keys *k, int strings)
{
    size_t n = k->n;
    if (strings) {
        for (size_t i = 0; i < n; i++)
            g_hash_table_insert(m, (gpointer)bench_kstr(k, i), (gpointer)bench_vstr(k, i));
    } else {
        for (size_t i = 0; i < n; i++)
            g_hash_table_insert(m, U64_PTR(k->keys[i]), U64_PTR(i));
    }
}

/* Times `rounds` fills of fresh maps (creation included, freeing not). */
static double time_fill(const bench_keys *k, int strings, size_t rounds)
{
    uint64_t total = 0;
    for (size_t r = 0; r < rounds; r++) {
        uint64_t t0 = bench_now_ns();
        GHashTable *m = make_map(strings);
        fill(m, k, strings);
        total += bench_now_ns() - t0;
        g_hash_table_destroy(m);
    }
    return (double)total / (double)(rounds * k->n);
}

/* Untimed: every present key is found with its own value, string keys
 * through a copy so they must be matched by content, not by address. */
static void check_hits(GHashTable *m, const bench_keys *k, int strings)
{
    if (g_hash_table_size(m) != k->n)
        fail("lookup_hit: map does not hold N entries");
    for (size_t i = 0; i < k->n; i++) {
        size_t j = k->perm[i];
        gpointer v;
        int ok;
        if (strings) {
            char copy[BENCH_STR_LEN + 1];
            memcpy(copy, bench_kstr(k, j), sizeof copy);
            ok = g_hash_table_lookup_extended(m, copy, NULL, &v) &&
                 v == (gconstpointer)bench_vstr(k, j);
        } else {
            ok = g_hash_table_lookup_extended(m, U64_PTR(k->keys[j]), NULL, &v) && PTR_U64(v) == j;
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

    bench_emit(NAME, key, n, "insert", time_fill(&k, a->strings, rounds), "ns/op");

    /* mem: heap growth across one insert of all keys. */
    size_t before = bench_heap_live();
    GHashTable *m = make_map(a->strings);
    fill(m, &k, a->strings);
    bench_emit(NAME, key, n, "mem", (double)(bench_heap_live() - before) / (double)n, "B/entry");

    /* String values are consumed as their pointer: the map stores nothing
     * else for them. */
    uint64_t sum = 0, t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (a->strings) {
            for (size_t i = 0; i < n; i++)
                sum += (uintptr_t)g_hash_table_lookup(m, bench_kstr(&k, k.perm[i]));
        } else {
            for (size_t i = 0; i < n; i++)
                sum += PTR_U64(g_hash_table_lookup(m, U64_PTR(k.keys[k.perm[i]])));
        }
    }
    bench_emit(NAME, key, n, "lookup_hit", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");
    check_hits(m, &k, a->strings);

    /* g_hash_table_contains, since a stored value may be NULL (u64 0). */
    uint64_t found = 0;
    t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (a->strings) {
            for (size_t i = 0; i < n; i++)
                found += g_hash_table_contains(m, bench_mstr(&k, i)) != 0;
        } else {
            for (size_t i = 0; i < n; i++)
                found += g_hash_table_contains(m, U64_PTR(k.miss[i])) != 0;
        }
    }
    bench_emit(NAME, key, n, "lookup_miss", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");
    if (found != 0)
        fail("lookup_miss: an absent key was found");
    sum += found;

    t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        GHashTableIter it;
        gpointer v;
        g_hash_table_iter_init(&it, m);
        while (g_hash_table_iter_next(&it, NULL, &v))
            sum += PTR_U64(v);
    }
    bench_emit(NAME, key, n, "iterate", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");

    /* delete: every round deletes all keys from a full map (refilled
     * untimed for the next round). */
    uint64_t total = 0, deleted = 0;
    for (size_t r = 0; r < rounds; r++) {
        if (r > 0)
            fill(m, &k, a->strings);
        t0 = bench_now_ns();
        if (a->strings) {
            for (size_t i = 0; i < n; i++)
                deleted += g_hash_table_remove(m, bench_kstr(&k, k.perm[i])) != 0;
        } else {
            for (size_t i = 0; i < n; i++)
                deleted += g_hash_table_remove(m, U64_PTR(k.keys[k.perm[i]])) != 0;
        }
        total += bench_now_ns() - t0;
    }
    bench_emit(NAME, key, n, "delete", (double)total / (double)(rounds * n), "ns/op");
    if (deleted != rounds * n)
        fail("delete: a present key was not deleted");
    sum += deleted;
    g_hash_table_destroy(m);

    bench_consume(sum);
    bench_keys_free(&k);
}

static void run_tail(const bench_args *a)
{
    bench_keys k = bench_keys_make(a->n, 0);
    uint32_t *lat = bench_xmalloc(a->n * sizeof *lat);
    GHashTable *m = make_map(0);
    for (size_t i = 0; i < a->n; i++) {
        gpointer key = U64_PTR(k.keys[i]);
        uint64_t t0 = bench_now_ns();
        g_hash_table_insert(m, key, U64_PTR(i));
        uint64_t dt = bench_now_ns() - t0;
        lat[i] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
    }
    g_hash_table_destroy(m);
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
        GHashTable *m = make_map(0);
        fill(m, &k, 0);
        g_hash_table_destroy(m);
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
    GHashTable *m = make_map(1);
    for (size_t i = 0; i < n; i++)
        g_hash_table_insert(m, ks[i], vs[i]);
    size_t structures = bench_heap_live() - before;
    bench_emit_footprint(NAME, &str, structures);
    g_hash_table_destroy(m);
    bench_strings_free(&str);
}

int main(int argc, char **argv)
{
    return bench_main(argc, argv, run_ops, run_tail, NULL, run_small, run_footprint, NULL);
}
