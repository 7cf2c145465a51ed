/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_uthash.c - uthash as a contender of the suite (protocol: bench.h).
 * uthash is intrusive: each key lives in its own malloc'd entry holding the
 * key, the value and the UT_hash_handle, so the entries are the table's
 * memory and are counted with it. No capacity hint exists, so insert_hint
 * and small_create_hint are not printed.
 *
 * Keys are hashed by content with the default hash (Jenkins): u64 entries
 * hash their 8 key bytes, string entries point at the pre-built 17-byte key
 * (HASH_ADD_KEYPTR) and hold a pointer to the value string.
 *
 * Inserting assigns, as the other contenders do (find, update or add): the
 * key is hashed once (HASH_VALUE) for both the find and the add.
 */
#include <stdint.h>
#include <uthash.h>

#include "../common/bench.h"

#define NAME "uthash"

typedef struct u64_entry {
    uint64_t key;
    uint64_t value;
    UT_hash_handle hh;
} u64_entry;

typedef struct str_entry {
    const char *key; /* BENCH_STR_LEN bytes, kept alive by the caller */
    const char *value;
    UT_hash_handle hh;
} str_entry;

/* A map of either kind; only the head matching the key kind is used. */
typedef struct map {
    u64_entry *u64;
    str_entry *str;
} map;

static void fail(const char *what)
{
    fprintf(stderr, NAME ": %s\n", what);
    exit(2);
}

static void put_u64(map *m, uint64_t key, uint64_t value)
{
    unsigned hv;
    u64_entry *e;
    HASH_VALUE(&key, sizeof key, hv);
    HASH_FIND_BYHASHVALUE(hh, m->u64, &key, sizeof key, hv, e);
    if (e == NULL) {
        e = bench_xmalloc(sizeof *e);
        e->key = key;
        HASH_ADD_BYHASHVALUE(hh, m->u64, key, sizeof key, hv, e);
    }
    e->value = value;
}

static void put_str(map *m, const char *key, size_t len, const char *value)
{
    unsigned hv;
    str_entry *e;
    HASH_VALUE(key, len, hv);
    HASH_FIND_BYHASHVALUE(hh, m->str, key, len, hv, e);
    if (e == NULL) {
        e = bench_xmalloc(sizeof *e);
        e->key = key;
        HASH_ADD_KEYPTR_BYHASHVALUE(hh, m->str, e->key, len, hv, e);
    }
    e->value = value;
}

static u64_entry *get_u64(const map *m, uint64_t key)
{
    u64_entry *e;
    HASH_FIND(hh, m->u64, &key, sizeof key, e);
    return e;
}

static str_entry *get_str(const map *m, const char *key, size_t len)
{
    str_entry *e;
    HASH_FIND(hh, m->str, key, len, e);
    return e;
}

/* Deletion unlinks the entry and frees it; returns whether it was there. */
static int del_u64(map *m, uint64_t key)
{
    u64_entry *e = get_u64(m, key);
    if (e == NULL)
        return 0;
    HASH_DEL(m->u64, e);
    free(e);
    return 1;
}

static int del_str(map *m, const char *key, size_t len)
{
    str_entry *e = get_str(m, key, len);
    if (e == NULL)
        return 0;
    HASH_DEL(m->str, e);
    free(e);
    return 1;
}

/* Frees the bucket array and table (HASH_CLEAR), then the entries through
 * the application-order links, which HASH_CLEAR leaves intact. */
static void free_map(map *m)
{
    u64_entry *u = m->u64;
    str_entry *s = m->str;
    HASH_CLEAR(hh, m->u64);
    HASH_CLEAR(hh, m->str);
    while (u != NULL) {
        u64_entry *next = u->hh.next;
        free(u);
        u = next;
    }
    while (s != NULL) {
        str_entry *next = s->hh.next;
        free(s);
        s = next;
    }
}

static void fill(map *m, const bench_keys *k, int strings)
{
    size_t n = k->n;
    if (strings) {
        for (size_t i = 0; i < n; i++)
            put_str(m, bench_kstr(k, i), BENCH_STR_LEN, bench_vstr(k, i));
    } else {
        for (size_t i = 0; i < n; i++)
            put_u64(m, k->keys[i], i);
    }
}

/* Times `rounds` fills of fresh maps (creation included, freeing not). */
static double time_fill(const bench_keys *k, int strings, size_t rounds)
{
    uint64_t total = 0;
    for (size_t r = 0; r < rounds; r++) {
        uint64_t t0 = bench_now_ns();
        map m = {NULL, NULL};
        fill(&m, k, strings);
        total += bench_now_ns() - t0;
        free_map(&m);
    }
    return (double)total / (double)(rounds * k->n);
}

/* Untimed: every present key is found with its own value, string keys
 * through a copy so they must be matched by content, not by address. */
static void check_hits(const map *m, const bench_keys *k, int strings)
{
    size_t count = strings ? HASH_COUNT(m->str) : HASH_COUNT(m->u64);
    if (count != k->n)
        fail("lookup_hit: map does not hold N entries");
    for (size_t i = 0; i < k->n; i++) {
        size_t j = k->perm[i];
        int ok;
        if (strings) {
            char copy[BENCH_STR_LEN + 1];
            memcpy(copy, bench_kstr(k, j), sizeof copy);
            const str_entry *e = get_str(m, copy, BENCH_STR_LEN);
            ok = e != NULL && e->value == bench_vstr(k, j);
        } else {
            const u64_entry *e = get_u64(m, k->keys[j]);
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

    bench_emit(NAME, key, n, "insert", time_fill(&k, a->strings, rounds), "ns/op");

    /* mem: heap growth across one insert of all keys. */
    size_t before = bench_heap_live();
    map m = {NULL, NULL};
    fill(&m, &k, a->strings);
    bench_emit(NAME, key, n, "mem", (double)(bench_heap_live() - before) / (double)n, "B/entry");

    /* String values are consumed as their pointer: the entry stores nothing
     * else for them. */
    uint64_t sum = 0, t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (a->strings) {
            for (size_t i = 0; i < n; i++)
                sum += (uintptr_t)get_str(&m, bench_kstr(&k, k.perm[i]), BENCH_STR_LEN)->value;
        } else {
            for (size_t i = 0; i < n; i++)
                sum += get_u64(&m, k.keys[k.perm[i]])->value;
        }
    }
    bench_emit(NAME, key, n, "lookup_hit", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");
    check_hits(&m, &k, a->strings);

    uint64_t found = 0;
    t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (a->strings) {
            for (size_t i = 0; i < n; i++)
                found += get_str(&m, bench_mstr(&k, i), BENCH_STR_LEN) != NULL;
        } else {
            for (size_t i = 0; i < n; i++)
                found += get_u64(&m, k.miss[i]) != NULL;
        }
    }
    bench_emit(NAME, key, n, "lookup_miss", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");
    if (found != 0)
        fail("lookup_miss: an absent key was found");
    sum += found;

    t0 = bench_now_ns();
    for (size_t r = 0; r < rounds; r++) {
        if (a->strings) {
            for (const str_entry *e = m.str; e != NULL; e = e->hh.next)
                sum += (uintptr_t)e->value;
        } else {
            for (const u64_entry *e = m.u64; e != NULL; e = e->hh.next)
                sum += e->value;
        }
    }
    bench_emit(NAME, key, n, "iterate", (double)(bench_now_ns() - t0) / (double)(rounds * n),
               "ns/op");

    /* delete: every round deletes all keys from a full map (refilled
     * untimed for the next round). */
    uint64_t total = 0, deleted = 0;
    for (size_t r = 0; r < rounds; r++) {
        if (r > 0)
            fill(&m, &k, a->strings);
        t0 = bench_now_ns();
        if (a->strings) {
            for (size_t i = 0; i < n; i++)
                deleted += del_str(&m, bench_kstr(&k, k.perm[i]), BENCH_STR_LEN);
        } else {
            for (size_t i = 0; i < n; i++)
                deleted += del_u64(&m, k.keys[k.perm[i]]);
        }
        total += bench_now_ns() - t0;
    }
    bench_emit(NAME, key, n, "delete", (double)total / (double)(rounds * n), "ns/op");
    if (deleted != rounds * n)
        fail("delete: a present key was not deleted");
    sum += deleted;
    free_map(&m);

    bench_consume(sum);
    bench_keys_free(&k);
}

static void run_tail(const bench_args *a)
{
    bench_keys k = bench_keys_make(a->n, 0);
    uint32_t *lat = bench_xmalloc(a->n * sizeof *lat);
    map m = {NULL, NULL};
    for (size_t i = 0; i < a->n; i++) {
        uint64_t key = k.keys[i];
        uint64_t t0 = bench_now_ns();
        put_u64(&m, key, i);
        uint64_t dt = bench_now_ns() - t0;
        lat[i] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
    }
    free_map(&m);
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
        map m = {NULL, NULL};
        fill(&m, &k, 0);
        free_map(&m);
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
    map m = {NULL, NULL};
    for (size_t i = 0; i < n; i++)
        put_str(&m, ks[i], strlen(ks[i]), vs[i]);
    size_t structures = bench_heap_live() - before;
    bench_emit_footprint(NAME, &str, structures);
    free_map(&m);
    bench_strings_free(&str);
}

int main(int argc, char **argv)
{
    return bench_main(argc, argv, run_ops, run_tail, NULL, run_small, run_footprint, NULL);
}
