/* SPDX-License-Identifier: BSD-3-Clause */
/* Threads sharing maps: a sync.Map-style cache, a copy-on-write routing
 * table, and a pool of scratch maps. No thread registers anything. */
#include <gomap/pool.h>
#include <gomap/snapshot.h>
#include <gomap/sync.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

static gomap_sync *cache;      /* u64 -> const char * */
static gomap_snapshot *routes; /* u64 -> u64, replaced as a whole */
static gomap_pool *scratch;    /* u64 -> u64 work maps */
static const char *names[] = {"zero", "one", "two", "three"};

static void *worker(void *arg)
{
    uint64_t id = (uint64_t)(uintptr_t)arg;
    for (uint64_t k = 0; k < 4; k++) {
        void *name;
        bool loaded;
        if (gomap_sync_load_or_store(cache, &k, (void *)names[k], &name, &loaded) != 0)
            return NULL; /* ENOMEM */
    }
    const gomap *table = gomap_snapshot_read_begin(routes); /* lock-free */
    uint64_t *port = gomap_get_u64(table, id);
    uint64_t p = port != NULL ? *port : 0;
    gomap_snapshot_read_end(routes);

    gomap *work = gomap_pool_get(scratch, 100); /* cleared, reused */
    if (work == NULL)
        return NULL;
    for (uint64_t i = 0; i < 100; i++)
        *(uint64_t *)gomap_assign_u64(work, i) = i * p;
    gomap_pool_put(scratch, work);
    return NULL;
}

int main(void)
{
    gomap_type key_only = gomap_type_u64(0, 1);
    gomap_type u64_u64 = gomap_type_u64(GOMAP_ELEM(uint64_t));
    cache = gomap_sync_new(&key_only);
    routes = gomap_snapshot_new(NULL);
    scratch = gomap_pool_new(&u64_u64, NULL);
    if (cache == NULL || routes == NULL || scratch == NULL)
        return 1;

    /* Publish a routing table: clone, change, commit. */
    gomap *next = gomap_snapshot_edit_begin(routes, &u64_u64);
    if (next == NULL)
        return 1;
    for (uint64_t id = 0; id < 4; id++)
        *(uint64_t *)gomap_assign_u64(next, id) = 8000 + id;
    gomap_snapshot_edit_commit(routes, next);

    pthread_t th[4];
    for (uintptr_t i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);

    void *two;
    uint64_t k = 2;
    if (gomap_sync_load(cache, &k, &two))
        printf("cache %zu %s\n", gomap_sync_len(cache), (const char *)two);
    gomap_pool_free(scratch);
    gomap_snapshot_free(routes);
    gomap_sync_free(cache);
    return 0;
}
