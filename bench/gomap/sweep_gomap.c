/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sweep_gomap.c - gomap in the size sweep (protocol: common/sweep.h), through
 * its fast paths, or with BENCH_GENERIC through the generic entry points.
 */
#include <gomap/gomap.h>
#include <stdalign.h>

#include "../common/sweep.h"

#ifdef BENCH_GENERIC
#define NAME          "gomap_generic"
#define GET32(m, k)   gomap_get((m), &(k))
#define PUT32(m, k)   gomap_assign((m), &(k))
#define DEL32(m, k)   gomap_delete((m), &(k))
#define GET64(m, k)   gomap_get((m), &(k))
#define PUT64(m, k)   gomap_assign((m), &(k))
#define DEL64(m, k)   gomap_delete((m), &(k))
#define GETS(m, p, l) gomap_get((m), &(gomap_str){(p), (l)})
#define PUTS(m, p, l) gomap_assign((m), &(gomap_str){(p), (l)})
#define DELS(m, p, l) gomap_delete((m), &(gomap_str){(p), (l)})
#else
#define NAME          "gomap"
#define GET32(m, k)   gomap_get_u32((m), (k))
#define PUT32(m, k)   gomap_assign_u32((m), (k))
#define DEL32(m, k)   gomap_delete_u32((m), (k))
#define GET64(m, k)   gomap_get_u64((m), (k))
#define PUT64(m, k)   gomap_assign_u64((m), (k))
#define DEL64(m, k)   gomap_delete_u64((m), (k))
#define GETS(m, p, l) gomap_get_str((m), (p), (l))
#define PUTS(m, p, l) gomap_assign_str((m), (p), (l))
#define DELS(m, p, l) gomap_delete_str((m), (p), (l))
#endif

static gomap *make(gomap_type t)
{
    gomap *m = gomap_new(&t, 0);
    if (m == NULL) {
        perror("gomap_new");
        exit(2);
    }
    return m;
}

static void *checked(void *p)
{
    if (p == NULL) {
        perror("gomap_assign");
        exit(2);
    }
    return p;
}

/* Visits up to limit entries, adding the first `word` bytes of each elem. */
static size_t iter_sum(gomap *m, size_t limit, uint64_t *sum, size_t word)
{
    gomap_iter it;
    size_t seen = 0;
    uint64_t s = 0;
    gomap_iter_init(&it, m);
    while (seen < limit && gomap_iter_next(&it)) {
        s += word == 4 ? *(const uint32_t *)it.elem : *(const uint64_t *)it.elem;
        seen++;
    }
    gomap_iter_done(&it);
    *sum += s;
    return seen;
}

typedef gomap u32_map;
static u32_map *u32_new(void)
{
    return make(gomap_type_u32(sizeof(uint32_t), alignof(uint32_t)));
}
static void u32_free(u32_map *m)
{
    gomap_free(m);
}
static void u32_put(u32_map *m, uint32_t k, const uint32_t *v)
{
    *(uint32_t *)checked(PUT32(m, k)) = *v;
}
static const uint32_t *u32_get(u32_map *m, uint32_t k)
{
    return GET32(m, k);
}
static bool u32_erase(u32_map *m, uint32_t k)
{
    return DEL32(m, k);
}
static size_t u32_iter(u32_map *m, size_t limit, uint64_t *sum)
{
    return iter_sum(m, limit, sum, 4);
}
#define SWEEP_BP u32
#include "../common/sweep_impl.h"

typedef gomap u64_map;
static u64_map *u64_new(void)
{
    return make(gomap_type_u64(sizeof(uint64_t), alignof(uint64_t)));
}
static void u64_free(u64_map *m)
{
    gomap_free(m);
}
static void u64_put(u64_map *m, uint64_t k, const uint64_t *v)
{
    *(uint64_t *)checked(PUT64(m, k)) = *v;
}
static const uint64_t *u64_get(u64_map *m, uint64_t k)
{
    return GET64(m, k);
}
static bool u64_erase(u64_map *m, uint64_t k)
{
    return DEL64(m, k);
}
static size_t u64_iter(u64_map *m, size_t limit, uint64_t *sum)
{
    return iter_sum(m, limit, sum, 8);
}
#define SWEEP_BP u64
#include "../common/sweep_impl.h"

typedef gomap big_map;
static big_map *big_new(void)
{
    return make(gomap_type_u64(sizeof(sweep_big_val), alignof(sweep_big_val)));
}
static void big_free(big_map *m)
{
    gomap_free(m);
}
static void big_put(big_map *m, uint64_t k, const sweep_big_val *v)
{
    *(sweep_big_val *)checked(PUT64(m, k)) = *v;
}
static const sweep_big_val *big_get(big_map *m, uint64_t k)
{
    return GET64(m, k);
}
static bool big_erase(big_map *m, uint64_t k)
{
    return DEL64(m, k);
}
static size_t big_iter(big_map *m, size_t limit, uint64_t *sum)
{
    return iter_sum(m, limit, sum, 8);
}
#define SWEEP_BP big
#include "../common/sweep_impl.h"

/* String keys are views of the caller's bytes, as Go's map[string] holds them. */
typedef gomap str_map;
static str_map *str_new(void)
{
    return make(gomap_type_str(sizeof(uint64_t), alignof(uint64_t)));
}
static void str_free(str_map *m)
{
    gomap_free(m);
}
static void str_put(str_map *m, const char *k, const uint64_t *v)
{
    *(uint64_t *)checked(PUTS(m, k, BENCH_STR_LEN)) = *v;
}
static const uint64_t *str_get(str_map *m, const char *k)
{
    return GETS(m, k, BENCH_STR_LEN);
}
static bool str_erase(str_map *m, const char *k)
{
    return DELS(m, k, BENCH_STR_LEN);
}
static size_t str_iter(str_map *m, size_t limit, uint64_t *sum)
{
    return iter_sum(m, limit, sum, 8);
}
#define SWEEP_BP str
#include "../common/sweep_impl.h"

int main(int argc, char **argv)
{
    sweep_table t = {sweep_u32, sweep_u64, sweep_big, sweep_str};
    return sweep_main(argc, argv, NAME, t);
}
