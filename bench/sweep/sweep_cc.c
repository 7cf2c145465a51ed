/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sweep_cc.c - CC's map (peers/cc.h, Convenient Containers) in the size sweep
 * (protocol: common/sweep.h). Each blueprint is a `map(K, V)` used through
 * CC's documented generic API (init, insert, get, erase, first/end/next,
 * cleanup) with the hash, comparison and max load factor CC has built in for
 * its key type: uint32_t is unsigned int, uint64_t is unsigned long (LP64),
 * both hashed by CC's default integer hash (cc_hash_uint64, the fast-hash
 * mixer); the str blueprint uses `char *`, CC's built-in NUL-terminated
 * string key (cc_hash_c_string, FNV-1a, and strcmp). The max load factor is
 * CC's default (CC_DEFAULT_LOAD, 0.9 in this version). Nothing is tuned:
 * defaults are what a user of the table gets.
 *
 * The string map stores the caller's pointer (no copy; the keys outlive the
 * map and are never written through it). CC_NO_SHORT_NAMES keeps CC's short
 * macro names (size, get, end, ...) out of the driver included below; the
 * cc_-prefixed names are the same documented API.
 */
#define CC_NO_SHORT_NAMES
#include "cc.h"

#include "../common/sweep.h"

static void oom(void)
{
    fprintf(stderr, "cc: out of memory\n");
    exit(2);
}

/* A map is a handle (a pointer CC manages); it lives in a malloc'd struct so
 * that BP_new can hand out a pointer. cc_init does not allocate; cc_insert
 * replaces the element of a present key. */

typedef struct u32_map {
    cc_map(uint32_t, uint32_t) h;
} u32_map;
static u32_map *u32_new(void)
{
    u32_map *m = (u32_map *)bench_xmalloc(sizeof *m);
    cc_init(&m->h);
    return m;
}
static void u32_free(u32_map *m)
{
    cc_cleanup(&m->h);
    free(m);
}
static void u32_put(u32_map *m, uint32_t k, const uint32_t *v)
{
    if (cc_insert(&m->h, k, *v) == NULL)
        oom();
}
static const uint32_t *u32_get(u32_map *m, uint32_t k)
{
    return cc_get(&m->h, k);
}
static bool u32_erase(u32_map *m, uint32_t k)
{
    return cc_erase(&m->h, k);
}
static size_t u32_iter(u32_map *m, size_t limit, uint64_t *sum)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (uint32_t *i = cc_first(&m->h); seen < limit && i != cc_end(&m->h); i = cc_next(&m->h, i)) {
        s += sweep_word_u32(i);
        seen++;
    }
    *sum += s;
    return seen;
}
#define SWEEP_BP u32
#include "../common/sweep_impl.h"

typedef struct u64_map {
    cc_map(uint64_t, uint64_t) h;
} u64_map;
static u64_map *u64_new(void)
{
    u64_map *m = (u64_map *)bench_xmalloc(sizeof *m);
    cc_init(&m->h);
    return m;
}
static void u64_free(u64_map *m)
{
    cc_cleanup(&m->h);
    free(m);
}
static void u64_put(u64_map *m, uint64_t k, const uint64_t *v)
{
    if (cc_insert(&m->h, k, *v) == NULL)
        oom();
}
static const uint64_t *u64_get(u64_map *m, uint64_t k)
{
    return cc_get(&m->h, k);
}
static bool u64_erase(u64_map *m, uint64_t k)
{
    return cc_erase(&m->h, k);
}
static size_t u64_iter(u64_map *m, size_t limit, uint64_t *sum)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (uint64_t *i = cc_first(&m->h); seen < limit && i != cc_end(&m->h); i = cc_next(&m->h, i)) {
        s += sweep_word_u64(i);
        seen++;
    }
    *sum += s;
    return seen;
}
#define SWEEP_BP u64
#include "../common/sweep_impl.h"

typedef struct big_map {
    cc_map(uint64_t, sweep_big_val) h;
} big_map;
static big_map *big_new(void)
{
    big_map *m = (big_map *)bench_xmalloc(sizeof *m);
    cc_init(&m->h);
    return m;
}
static void big_free(big_map *m)
{
    cc_cleanup(&m->h);
    free(m);
}
static void big_put(big_map *m, uint64_t k, const sweep_big_val *v)
{
    if (cc_insert(&m->h, k, *v) == NULL)
        oom();
}
static const sweep_big_val *big_get(big_map *m, uint64_t k)
{
    return cc_get(&m->h, k);
}
static bool big_erase(big_map *m, uint64_t k)
{
    return cc_erase(&m->h, k);
}
static size_t big_iter(big_map *m, size_t limit, uint64_t *sum)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (sweep_big_val *i = cc_first(&m->h); seen < limit && i != cc_end(&m->h);
         i = cc_next(&m->h, i)) {
        s += sweep_word_big(i);
        seen++;
    }
    *sum += s;
    return seen;
}
#define SWEEP_BP big
#include "../common/sweep_impl.h"

typedef struct str_map {
    cc_map(char *, uint64_t) h;
} str_map;
static str_map *str_new(void)
{
    str_map *m = (str_map *)bench_xmalloc(sizeof *m);
    cc_init(&m->h);
    return m;
}
static void str_free(str_map *m)
{
    cc_cleanup(&m->h);
    free(m);
}
static void str_put(str_map *m, const char *k, const uint64_t *v)
{
    if (cc_insert(&m->h, (char *)k, *v) == NULL)
        oom();
}
static const uint64_t *str_get(str_map *m, const char *k)
{
    return cc_get(&m->h, (char *)k);
}
static bool str_erase(str_map *m, const char *k)
{
    return cc_erase(&m->h, (char *)k);
}
static size_t str_iter(str_map *m, size_t limit, uint64_t *sum)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (uint64_t *i = cc_first(&m->h); seen < limit && i != cc_end(&m->h); i = cc_next(&m->h, i)) {
        s += sweep_word_str(i);
        seen++;
    }
    *sum += s;
    return seen;
}
#define SWEEP_BP str
#include "../common/sweep_impl.h"

int main(int argc, char **argv)
{
    sweep_table t = {sweep_u32, sweep_u64, sweep_big, sweep_str};
    return sweep_main(argc, argv, "cc", t);
}
