/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_sync.c - the concurrent workload of bench/results/sync.md for the C
 * contenders: 1e5 u64 keys (WORKLOADS.md's k_i, mapped to i), each thread
 * drawing keys uniformly from its own splitmix64 stream and doing 90% loads
 * and 10% stores of existing keys (or 100% loads), for a fixed time.
 *
 *   bench_sync <contender> <threads> <load_percent> <milliseconds>
 *   bench_sync small_create <pool|plain> <hint> <maps>
 *
 * contenders: gomap_sync; rwlock (a gomap behind a pthread_rwlock_t);
 * lfht (liburcu's cds_lfht; built twice: the bulletproof flavour that
 * gomap_sync uses, and the memb flavour, liburcu's default). A store into
 * cds_lfht replaces the value in place with an atomic store, as a store
 * of an existing key into gomap_sync does.
 *
 * Prints one JSON object per run: total Mops/s over all threads.
 */
#define _GNU_SOURCE
#include <gomap/gomap.h>
#include <gomap/pool.h>
#include <gomap/sync.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define URCU_INLINE_SMALL_FUNCTIONS
#define URCU_API_MAP
#ifdef LFHT_MEMB
#include <urcu/urcu-memb.h>
#define FLAVOR_NAME "lfht_memb"
#else
#include <urcu/urcu-bp.h>
#define FLAVOR_NAME "lfht_bp"
#endif
#include <urcu/rculfhash.h>

enum { N = 100000 };

static uint64_t keys[N];

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- Contenders ------------------------------------------------------------------ */

static gomap_sync *smap;

static gomap *rwmap;
static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;

struct lnode {
    struct cds_lfht_node node;
    uint64_t key;
    _Atomic(void *) value;
};
static struct cds_lfht *ht;
static const uint64_t lfht_seed = 0x5eed;

static int lnode_match(struct cds_lfht_node *node, const void *key)
{
    return caa_container_of(node, struct lnode, node)->key == *(const uint64_t *)key;
}

static struct lnode *lfht_find(uint64_t k)
{
    struct cds_lfht_iter it;
    cds_lfht_lookup(ht, (unsigned long)gomap_hash_u64(k, lfht_seed), lnode_match, &k, &it);
    struct cds_lfht_node *n = cds_lfht_iter_get_node(&it);
    return n != NULL ? caa_container_of(n, struct lnode, node) : NULL;
}

typedef enum { C_SYNC, C_RWLOCK, C_LFHT } contender;
static contender which;

static void setup(void)
{
    uint64_t s = 42;
    for (size_t i = 0; i < N; i++)
        keys[i] = splitmix64(&s);
    if (which == C_SYNC) {
        gomap_type t = gomap_type_u64(0, 1);
        smap = gomap_sync_new(&t);
        for (size_t i = 0; i < N; i++)
            gomap_sync_store(smap, &keys[i], (void *)(uintptr_t)(i + 1));
        /* Go's sync.Map reaches its steady state (everything in the read
         * map) after enough loads; get there before timing. */
        void *v;
        for (int r = 0; r < 2; r++)
            for (size_t i = 0; i < N; i++)
                gomap_sync_load(smap, &keys[i], &v);
    } else if (which == C_RWLOCK) {
        gomap_type t = gomap_type_u64(sizeof(void *), _Alignof(void *));
        rwmap = gomap_new(&t, 0);
        for (size_t i = 0; i < N; i++)
            *(void **)gomap_assign_u64(rwmap, keys[i]) = (void *)(uintptr_t)(i + 1);
    } else {
        ht = cds_lfht_new(1 << 17, 1 << 17, 1 << 20, CDS_LFHT_AUTO_RESIZE, NULL);
        rcu_read_lock();
        for (size_t i = 0; i < N; i++) {
            struct lnode *n = calloc(1, sizeof *n);
            cds_lfht_node_init(&n->node);
            n->key = keys[i];
            atomic_init(&n->value, (void *)(uintptr_t)(i + 1));
            cds_lfht_add(ht, (unsigned long)gomap_hash_u64(keys[i], lfht_seed), &n->node);
        }
        rcu_read_unlock();
    }
}

/* ---- Timed run ------------------------------------------------------------------------ */

static _Atomic int stop;
static unsigned load_pct;
static pthread_barrier_t go;

typedef struct worker {
    int id;
    uint64_t ops;
    uint64_t sink;
    char pad[64];
} worker;

static void *run(void *arg)
{
    worker *w = arg;
    uint64_t s = 1000 + (uint64_t)w->id;
    uint64_t ops = 0, sink = 0;
#ifdef LFHT_MEMB
    if (which == C_LFHT)
        rcu_register_thread();
#endif
    pthread_barrier_wait(&go);
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        for (int b = 0; b < 256; b++) {
            uint64_t r = splitmix64(&s);
            uint64_t k = keys[r % N];
            bool is_load = (r >> 32) % 100 < load_pct;
            void *v = (void *)(uintptr_t)(r | 1);
            switch (which) {
            case C_SYNC:
                if (is_load) {
                    void *out;
                    if (gomap_sync_load(smap, &k, &out))
                        sink += (uintptr_t)out;
                } else {
                    gomap_sync_store(smap, &k, v);
                }
                break;
            case C_RWLOCK:
                if (is_load) {
                    pthread_rwlock_rdlock(&rwlock);
                    void **e = gomap_get_u64(rwmap, k);
                    if (e != NULL)
                        sink += (uintptr_t)*e;
                    pthread_rwlock_unlock(&rwlock);
                } else {
                    pthread_rwlock_wrlock(&rwlock);
                    *(void **)gomap_assign_u64(rwmap, k) = v;
                    pthread_rwlock_unlock(&rwlock);
                }
                break;
            case C_LFHT: {
                rcu_read_lock();
                struct lnode *n = lfht_find(k);
                if (n != NULL) {
                    if (is_load)
                        sink += (uintptr_t)atomic_load_explicit(&n->value, memory_order_acquire);
                    else
                        atomic_store_explicit(&n->value, v, memory_order_release);
                }
                rcu_read_unlock();
                break;
            }
            }
        }
        ops += 256;
    }
#ifdef LFHT_MEMB
    if (which == C_LFHT)
        rcu_unregister_thread();
#endif
    w->ops = ops;
    w->sink = sink;
    return NULL;
}

static int timed(const char *name, int threads, int ms)
{
    setup();
    pthread_barrier_init(&go, NULL, (unsigned)threads + 1);
    worker *ws = calloc((size_t)threads, sizeof *ws);
    pthread_t *th = calloc((size_t)threads, sizeof *th);
    for (int i = 0; i < threads; i++) {
        ws[i].id = i;
        pthread_create(&th[i], NULL, run, &ws[i]);
    }
    pthread_barrier_wait(&go);
    double t0 = now_s();
    struct timespec d = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&d, NULL);
    atomic_store(&stop, 1);
    uint64_t total = 0, sink = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(th[i], NULL);
        total += ws[i].ops;
        sink += ws[i].sink;
    }
    double secs = now_s() - t0;
    printf("{\"contender\": \"%s\", \"threads\": %d, \"load_pct\": %u, \"mops\": %.3f, "
           "\"sink\": %llu}\n",
           name, threads, load_pct, (double)total / secs / 1e6, (unsigned long long)(sink & 0xff));
    return 0;
}

/* ---- small_create through the pool ---------------------------------------------------- */

static size_t nallocs;

static void *count_alloc(void *ctx, size_t size, unsigned flags)
{
    (void)ctx;
    nallocs++;
    return (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size) : malloc(size);
}

static void count_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)size;
    free(ptr);
}

static int small_create(bool pooled, size_t hint, int maps)
{
    gomap_allocator a = {count_alloc, count_free, NULL};
    gomap_options mo = {.allocator = &a};
    gomap_pool_options po = {.map_options = &mo};
    gomap_type t = gomap_type_u64(sizeof(uint64_t), _Alignof(uint64_t));
    gomap_pool *p = gomap_pool_new(&t, &po);
    uint64_t s = 42;
    for (int warm = 0; warm < 1000; warm++) {
        gomap *m = pooled ? gomap_pool_get(p, hint) : gomap_new_with(&t, hint, &mo);
        for (int i = 0; i < 100; i++)
            *(uint64_t *)gomap_assign_u64(m, splitmix64(&s)) = (uint64_t)i;
        if (pooled)
            gomap_pool_put(p, m);
        else
            gomap_free(m);
    }
    size_t before = nallocs;
    double t0 = now_s();
    for (int k = 0; k < maps; k++) {
        gomap *m = pooled ? gomap_pool_get(p, hint) : gomap_new_with(&t, hint, &mo);
        for (int i = 0; i < 100; i++)
            *(uint64_t *)gomap_assign_u64(m, splitmix64(&s)) = (uint64_t)i;
        if (pooled)
            gomap_pool_put(p, m);
        else
            gomap_free(m);
    }
    double secs = now_s() - t0;
    printf("{\"contender\": \"small_create_%s\", \"hint\": %zu, \"ns_per_map\": %.1f, "
           "\"allocs_per_map\": %.4f}\n",
           pooled ? "pool" : "plain", hint, secs * 1e9 / maps, (double)(nallocs - before) / maps);
    gomap_pool_free(p);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "small_create") == 0)
        return small_create(strcmp(argv[2], "pool") == 0, (size_t)atol(argv[3]), atoi(argv[4]));
    if (argc != 5) {
        fprintf(stderr,
                "usage: %s gomap_sync|rwlock|lfht threads load_pct ms\n"
                "       %s small_create pool|plain hint maps\n",
                argv[0], argv[0]);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "gomap_sync") == 0)
        which = C_SYNC;
    else if (strcmp(name, "rwlock") == 0)
        which = C_RWLOCK;
    else if (strcmp(name, "lfht") == 0) {
        which = C_LFHT;
        name = FLAVOR_NAME;
    } else {
        fprintf(stderr, "unknown contender %s\n", name);
        return 2;
    }
    load_pct = (unsigned)atoi(argv[3]);
    return timed(name, atoi(argv[2]), atoi(argv[4]));
}
