/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sweep_verstable.c - Verstable (peers/verstable.h) in the size sweep
 * (protocol: common/sweep.h). One template instance per blueprint, made the
 * way its documentation shows: NAME, KEY_TY and VAL_TY defined, HASH_FN,
 * CMPR_FN and MAX_LOAD left to the library, so C11 inference picks its own
 * defaults (vt_hash_integer, the fast-hash mixer, and vt_cmpr_integer for the
 * integer keys; vt_hash_string, FNV-1a, and vt_cmpr_string for the string
 * keys) and the default maximum load factor (0.9). Those defaults are what a
 * user of the table gets, so they are what is measured.
 *
 * The string inference is keyed on `char *`, so the str table's KEY_TY is
 * `char *`; it stores the caller's pointer (no copy, the keys outlive the
 * map and are never written through it).
 */
#include "../common/sweep.h"

#define NAME   vt_u32
#define KEY_TY uint32_t
#define VAL_TY uint32_t
#include "verstable.h"

#define NAME   vt_u64
#define KEY_TY uint64_t
#define VAL_TY uint64_t
#include "verstable.h"

#define NAME   vt_big
#define KEY_TY uint64_t
#define VAL_TY sweep_big_val
#include "verstable.h"

#define NAME   vt_str
#define KEY_TY char *
#define VAL_TY uint64_t
#include "verstable.h"

static void oom(void)
{
    fprintf(stderr, "verstable: out of memory\n");
    exit(2);
}

/* Each table lives in a malloc'd handle (init does not allocate); put is
 * insert, which replaces the value of a present key. */
typedef vt_u32 u32_map;
static u32_map *u32_new(void)
{
    u32_map *m = (u32_map *)bench_xmalloc(sizeof *m);
    vt_u32_init(m);
    return m;
}
static void u32_free(u32_map *m)
{
    vt_u32_cleanup(m);
    free(m);
}
static void u32_put(u32_map *m, uint32_t k, const uint32_t *v)
{
    if (vt_u32_is_end(vt_u32_insert(m, k, *v)))
        oom();
}
static const uint32_t *u32_get(u32_map *m, uint32_t k)
{
    vt_u32_itr it = vt_u32_get(m, k);
    return vt_u32_is_end(it) ? NULL : &it.data->val;
}
static bool u32_erase(u32_map *m, uint32_t k)
{
    return vt_u32_erase(m, k);
}
static size_t u32_iter(u32_map *m, size_t limit, uint64_t *sum)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (vt_u32_itr it = vt_u32_first(m); seen < limit && !vt_u32_is_end(it);
         it = vt_u32_next(it)) {
        s += sweep_word_u32(&it.data->val);
        seen++;
    }
    *sum += s;
    return seen;
}
#define SWEEP_BP u32
#include "../common/sweep_impl.h"

typedef vt_u64 u64_map;
static u64_map *u64_new(void)
{
    u64_map *m = (u64_map *)bench_xmalloc(sizeof *m);
    vt_u64_init(m);
    return m;
}
static void u64_free(u64_map *m)
{
    vt_u64_cleanup(m);
    free(m);
}
static void u64_put(u64_map *m, uint64_t k, const uint64_t *v)
{
    if (vt_u64_is_end(vt_u64_insert(m, k, *v)))
        oom();
}
static const uint64_t *u64_get(u64_map *m, uint64_t k)
{
    vt_u64_itr it = vt_u64_get(m, k);
    return vt_u64_is_end(it) ? NULL : &it.data->val;
}
static bool u64_erase(u64_map *m, uint64_t k)
{
    return vt_u64_erase(m, k);
}
static size_t u64_iter(u64_map *m, size_t limit, uint64_t *sum)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (vt_u64_itr it = vt_u64_first(m); seen < limit && !vt_u64_is_end(it);
         it = vt_u64_next(it)) {
        s += sweep_word_u64(&it.data->val);
        seen++;
    }
    *sum += s;
    return seen;
}
#define SWEEP_BP u64
#include "../common/sweep_impl.h"

typedef vt_big big_map;
static big_map *big_new(void)
{
    big_map *m = (big_map *)bench_xmalloc(sizeof *m);
    vt_big_init(m);
    return m;
}
static void big_free(big_map *m)
{
    vt_big_cleanup(m);
    free(m);
}
static void big_put(big_map *m, uint64_t k, const sweep_big_val *v)
{
    if (vt_big_is_end(vt_big_insert(m, k, *v)))
        oom();
}
static const sweep_big_val *big_get(big_map *m, uint64_t k)
{
    vt_big_itr it = vt_big_get(m, k);
    return vt_big_is_end(it) ? NULL : &it.data->val;
}
static bool big_erase(big_map *m, uint64_t k)
{
    return vt_big_erase(m, k);
}
static size_t big_iter(big_map *m, size_t limit, uint64_t *sum)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (vt_big_itr it = vt_big_first(m); seen < limit && !vt_big_is_end(it);
         it = vt_big_next(it)) {
        s += sweep_word_big(&it.data->val);
        seen++;
    }
    *sum += s;
    return seen;
}
#define SWEEP_BP big
#include "../common/sweep_impl.h"

typedef vt_str str_map;
static str_map *str_new(void)
{
    str_map *m = (str_map *)bench_xmalloc(sizeof *m);
    vt_str_init(m);
    return m;
}
static void str_free(str_map *m)
{
    vt_str_cleanup(m);
    free(m);
}
static void str_put(str_map *m, const char *k, const uint64_t *v)
{
    if (vt_str_is_end(vt_str_insert(m, (char *)k, *v)))
        oom();
}
static const uint64_t *str_get(str_map *m, const char *k)
{
    vt_str_itr it = vt_str_get(m, (char *)k);
    return vt_str_is_end(it) ? NULL : &it.data->val;
}
static bool str_erase(str_map *m, const char *k)
{
    return vt_str_erase(m, (char *)k);
}
static size_t str_iter(str_map *m, size_t limit, uint64_t *sum)
{
    size_t seen = 0;
    uint64_t s = 0;
    for (vt_str_itr it = vt_str_first(m); seen < limit && !vt_str_is_end(it);
         it = vt_str_next(it)) {
        s += sweep_word_str(&it.data->val);
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
    return sweep_main(argc, argv, "verstable", t);
}
