/* SPDX-License-Identifier: BSD-3-Clause */
/* A custom allocator: an arena that hands out memory from large chunks and
 * frees nothing until it is reset, so every map built on it is released at
 * once, without a gomap_free per map (per-request maps, for instance). */
#include <gomap/typed.h>

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
} chunk;

typedef struct arena {
    chunk *head;
    size_t chunks, bytes, wasted; /* wasted: freed by the maps, reclaimed only at reset */
} arena;

static void *arena_alloc(void *ctx, size_t size, unsigned flags)
{
    arena *a = ctx;
    size = (size + GOMAP_MAX_ALIGN - 1) / GOMAP_MAX_ALIGN * GOMAP_MAX_ALIGN;
    if (a->head == NULL || a->head->size - a->head->used < size) {
        size_t csize = size > (1u << 20) ? size : (1u << 20);
        chunk *c = malloc(sizeof *c + csize);
        if (c == NULL)
            return NULL;
        c->next = a->head;
        c->size = csize;
        c->used = 0;
        a->head = c;
        a->chunks++;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += size;
    a->bytes += size;
    if (flags & GOMAP_ALLOC_ZERO)
        memset(p, 0, size);
    return p;
}

static void arena_free(void *ctx, void *p, size_t size)
{
    (void)p;
    ((arena *)ctx)->wasted += size; /* a growth's old array, say: kept until reset */
}

static void arena_reset(arena *a)
{
    while (a->head != NULL) {
        chunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    a->chunks = a->bytes = a->wasted = 0;
}

GOMAP_DECLARE(ids, u64, uint32_t)
GOMAP_DECLARE(names, str, uint64_t)

int main(void)
{
    arena a = {0};
    gomap_allocator alloc = {arena_alloc, arena_free, &a};
    gomap_options opt = {&alloc, 0, 0};
    for (int request = 0; request < 3; request++) {
        /* Each "request" builds a few maps and drops them all at once. */
        ids *by_id = ids_new_with(0, &opt);
        names *by_name = names_new_with(64, &opt);
        if (by_id == NULL || by_name == NULL)
            return 1;
        static const char *who[] = {"ada", "grace", "barbara", "edsger", "ken"};
        for (uint32_t i = 0; i < 20000; i++)
            if (!ids_put(by_id, (uint64_t)i * 31 + (uint64_t)request, i))
                return 1;
        for (uint64_t i = 0; i < 5; i++)
            if (!names_put(by_name, gomap_str_of(who[i]), i + 1))
                return 1;
        printf("request %d: %zu ids, %zu names, arena %zu bytes in %zu chunks (%zu freed "
               "early)\n",
               request, ids_len(by_id), names_len(by_name), a.bytes, a.chunks, a.wasted);
        if (*ids_get(by_id, 31 * 7 + (uint64_t)request) != 7 ||
            names_get_or(by_name, gomap_str_of("ken"), 0) != 5)
            return 1;
        arena_reset(&a); /* both maps are gone: no gomap_free needed */
    }
    printf("arena reset: %zu chunks left\n", a.chunks);
    return 0;
}
