/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * boehm.c - a symbol table for a small interpreter on the Boehm collector:
 * string keys and object values both live in the collected heap, and the
 * map is what keeps them alive.
 *
 *     cc boehm.c -lgomap_boehm -lgomap -lgc
 */
#include <gomap/boehm.h>

#include <gc/gc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct object {
    long value;
    const char *name; /* points back at the key's bytes */
} object;

static gomap *symbols; /* a root: the collector scans globals */

static void define(const char *name, long value)
{
    size_t len = strlen(name);
    char *key = GC_MALLOC_ATOMIC(len + 1); /* bytes only: never scanned */
    object *obj = GC_MALLOC(sizeof *obj);
    if (key == NULL || obj == NULL)
        exit(1);
    memcpy(key, name, len + 1);
    obj->value = value;
    obj->name = key;
    object **slot = gomap_assign_str(symbols, key, len);
    if (slot == NULL)
        exit(1);
    *slot = obj; /* the only reference to obj, and with the key to key */
}

int main(void)
{
    GC_INIT();
    gomap_type t = gomap_type_str(GOMAP_ELEM(object *));
    t.flags |= GOMAP_ELEM_POINTERS; /* elems point to collected objects */
    symbols = gomap_boehm_new(&t, 0);
    if (symbols == NULL)
        return 1;

    char name[32];
    for (long i = 0; i < 10000; i++) {
        snprintf(name, sizeof name, "sym%ld", i);
        define(name, i * i);
        if (i % 1000 == 0)
            GC_gcollect(); /* collections while the map grows */
    }
    GC_gcollect();

    long bad = 0;
    for (long i = 0; i < 10000; i++) {
        snprintf(name, sizeof name, "sym%ld", i);
        object **slot = gomap_get_str(symbols, name, strlen(name));
        if (slot == NULL || (*slot)->value != i * i || strcmp((*slot)->name, name) != 0)
            bad++;
    }
    printf("boehm: %zu symbols, %ld bad, heap %zu KiB\n", gomap_len(symbols), bad,
           GC_get_heap_size() / 1024);
    gomap_free(symbols);
    return bad != 0;
}
