/* SPDX-License-Identifier: BSD-3-Clause */
/* Count words with a map[string]int, then print them. */
#include <gomap/gomap.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *words[] = {"go", "map", "in", "c", "go", "map", "go"};
    gomap_type t = gomap_type_str(GOMAP_ELEM(int));
    gomap *m = gomap_new(&t, 0); /* NULL + errno on failure */
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        int *n = gomap_assign_str(m, words[i], strlen(words[i])); /* zeroed if new */
        if (n == NULL)
            return 1; /* ENOMEM: map unchanged */
        ++*n;
    }
    gomap_iter it; /* random order, like Go */
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        const gomap_str *k = it.key;
        printf("%.*s %d\n", (int)k->len, k->ptr, *(int *)it.elem);
    }
    gomap_free(m);
    return 0;
}
