/* SPDX-License-Identifier: BSD-3-Clause */
/* How often each line of a file occurs (default: README.md), read with
 * getline into one buffer that every line reuses. The map's keys are
 * gomap_type_str_owned: the map copies each new line and frees the copies
 * itself, so the program frees the map and its buffer, never a key. */
#define _POSIX_C_SOURCE 200809L /* getline */

#include <gomap/gomap.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "README.md";
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    gomap_type t = gomap_type_str_owned(GOMAP_ELEM(size_t));
    gomap *counts = gomap_new(&t, 0);
    if (counts == NULL)
        return 1;
    char *line = NULL; /* the one buffer, overwritten by every getline */
    size_t cap = 0, lines = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)n;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        size_t *c = gomap_assign_str(counts, line, len); /* a new line is copied */
        if (c == NULL) {
            perror("gomap_assign_str");
            return 1;
        }
        ++*c;
        lines++;
    }
    free(line);
    fclose(f);

    /* The three most frequent lines; the keys point to the map's copies,
     * which are NUL-terminated. */
    const char *top[3] = {NULL, NULL, NULL};
    size_t top_n[3] = {0, 0, 0};
    gomap_iter it;
    for (gomap_iter_init(&it, counts); gomap_iter_next(&it);) {
        const gomap_str *k = it.key;
        size_t c = *(const size_t *)it.elem;
        for (int i = 0; i < 3; i++) {
            if (c > top_n[i] || (c == top_n[i] && top[i] != NULL && strcmp(k->ptr, top[i]) < 0)) {
                for (int j = 2; j > i; j--) {
                    top[j] = top[j - 1];
                    top_n[j] = top_n[j - 1];
                }
                top[i] = k->ptr;
                top_n[i] = c;
                break;
            }
        }
    }
    printf("%zu lines, %zu distinct\n", lines, gomap_len(counts));
    for (int i = 0; i < 3 && top[i] != NULL; i++)
        printf("%6zu  \"%s\"\n", top_n[i], top[i]);
    size_t *empty = gomap_get_str(counts, "", 0);
    printf("empty lines: %zu\n", empty != NULL ? *empty : 0);
    gomap_free(counts); /* frees every copy */
    return 0;
}
