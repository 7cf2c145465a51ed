/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hash.c - seeds, the per-thread random stream, and the ready-made key kinds.
 *
 * Strings and byte keys hash with XXH3 (seeded); 32/64-bit integers with
 * the two folded multiplies of hash_u64_mixed (internal.h), the first by a
 * secret word derived from the seed. Floats follow Go's runtime/alg.go: +0
 * and -0 hash alike, NaN hashes to a
 * fresh random value on every call.
 */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

/* wyrand, as Go's fastrand on 64-bit platforms. */
#define WY_ADD UINT64_C(0xa0761d6478bd642f)
#define WY_XOR UINT64_C(0xe7037ed1a0b428db)

static _Thread_local uint64_t thread_state;
static _Thread_local bool thread_seeded;

static uint64_t os_random_seed(void)
{
    uint64_t s = 0;
#if defined(__linux__)
    if (getrandom(&s, sizeof s, 0) == (ssize_t)sizeof s)
        return s;
#endif
    /* No OS entropy: time and addresses still differ per thread and run. */
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)(uintptr_t)&s;
    return fold_mul(s ^ WY_ADD, WY_XOR);
}

/* A forked child is a copy of the thread that forked: without a fresh
 * seed its maps would get the parent's seeds and iteration orders. */
static void reseed_in_child(void)
{
    thread_seeded = false;
}

static void register_reseed(void)
{
    pthread_atfork(NULL, NULL, reseed_in_child);
}

uint64_t thread_rand(void)
{
    if (UNLIKELY(!thread_seeded)) {
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, register_reseed);
        thread_state = os_random_seed();
        thread_seeded = true;
    }
    thread_state += WY_ADD;
    return fold_mul(thread_state, thread_state ^ WY_XOR);
}

uint64_t map_rand(gomap *m)
{
    if (m->opt_flags & GOMAP_FIXED_SEED) {
        uint64_t s = atomic_fetch_add_explicit(&m->rng, WY_ADD, memory_order_relaxed) + WY_ADD;
        return fold_mul(s, s ^ WY_XOR);
    }
    return thread_rand();
}

uint64_t gomap_hash_bytes(const void *p, size_t len, uint64_t seed)
{
    if (str_invalid(p, len)) {
        errno = EINVAL;
        return 0;
    }
    return hash_bytes_inline(p, len, seed);
}

uint64_t gomap_hash_u64(uint64_t key, uint64_t seed)
{
    return hash_u64_inline(key, seed);
}

/* The ready-made kinds are recognised by these function addresses. */
static uint64_t u32_hash(const void *key, uint64_t seed)
{
    return hash_u32_inline(load_u32(key), seed);
}
static bool u32_equal(const void *a, const void *b)
{
    return load_u32(a) == load_u32(b);
}
static uint64_t u64_hash(const void *key, uint64_t seed)
{
    return hash_u64_inline(load_u64(key), seed);
}
static bool u64_equal(const void *a, const void *b)
{
    return load_u64(a) == load_u64(b);
}
static uint64_t f64_hash(const void *key, uint64_t seed)
{
    return hash_f64_inline(load_f64(key), seed);
}
static bool f64_equal(const void *a, const void *b)
{
    return load_f64(a) == load_f64(b);
}
static uint64_t str_hash(const void *key, uint64_t seed)
{
    gomap_str s = load_str(key);
    return hash_bytes_inline(s.ptr, s.len, seed);
}
static bool str_equal_fn(const void *a, const void *b)
{
    return str_equal(load_str(a), load_str(b));
}
/* The owned string kind is told apart by its hash function's address, so
 * this must stay a function of its own (same hash as str_hash: the maps of
 * both kinds hash with key_hash). */
#if defined(__GNUC__) && !defined(__clang__)
#define NO_ICF __attribute__((no_icf))
#else
#define NO_ICF
#endif
static NO_ICF uint64_t str_owned_hash(const void *key, uint64_t seed)
{
    gomap_str s = load_str(key);
    return hash_bytes_inline(s.ptr, s.len, seed);
}

/* The ready-made types by kind, without their elem: what gomap_type_u32
 * etc. return and how kind_of_type recognises them. */
static const gomap_type ready_made[] = {
    [KIND_U32] = {4, _Alignof(uint32_t), 0, 0, u32_hash, u32_equal, 0, NULL, NULL},
    [KIND_U64] = {8, _Alignof(uint64_t), 0, 0, u64_hash, u64_equal, 0, NULL, NULL},
    [KIND_F64] = {8, _Alignof(double), 0, 0, f64_hash, f64_equal,
                  GOMAP_KEY_NOT_REFLEXIVE | GOMAP_KEY_NEEDS_UPDATE, NULL, NULL},
    [KIND_STR] = {sizeof(gomap_str), _Alignof(gomap_str), 0, 0, str_hash, str_equal_fn,
                  GOMAP_KEY_NEEDS_UPDATE, NULL, NULL},
    /* No GOMAP_KEY_NEEDS_UPDATE: the stored copy is kept. */
    [KIND_STR_OWNED] = {sizeof(gomap_str), _Alignof(gomap_str), 0, 0, str_owned_hash, str_equal_fn,
                        0, NULL, NULL},
};

static gomap_type ready_type(int kind, size_t elem_size, size_t elem_align)
{
    gomap_type t = ready_made[kind];
    t.elem_size = elem_size;
    t.elem_align = elem_align;
    return t;
}

gomap_type gomap_type_u32(size_t elem_size, size_t elem_align)
{
    return ready_type(KIND_U32, elem_size, elem_align);
}

gomap_type gomap_type_u64(size_t elem_size, size_t elem_align)
{
    return ready_type(KIND_U64, elem_size, elem_align);
}

gomap_type gomap_type_f64(size_t elem_size, size_t elem_align)
{
    return ready_type(KIND_F64, elem_size, elem_align);
}

gomap_type gomap_type_str(size_t elem_size, size_t elem_align)
{
    return ready_type(KIND_STR, elem_size, elem_align);
}

gomap_type gomap_type_str_owned(size_t elem_size, size_t elem_align)
{
    return ready_type(KIND_STR_OWNED, elem_size, elem_align);
}

int kind_of_type(const gomap_type *t)
{
    for (int k = KIND_U32; k <= KIND_STR_OWNED; k++)
        if (t->hash == ready_made[k].hash && t->equal == ready_made[k].equal &&
            t->key_size == ready_made[k].key_size)
            return k;
    return KIND_GENERIC;
}

/* key_hash and key_equal with the kind read at run time: one switch. */
uint64_t hash_key_any(const gomap *m, const void *key)
{
    return key_hash(m, m->t.kind, key);
}

bool equal_key_any(const gomap *m, const void *a, const void *b)
{
    return key_equal(m, m->t.kind, a, b);
}
