/* SPDX-License-Identifier: BSD-3-Clause */
/* Word frequencies of a text (default: the GPL as Debian ships it), with a
 * typed map[string]uint64 whose keys point into the text itself. */
#include <gomap/typed.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

GOMAP_DECLARE(wordcount, str, uint64_t)

typedef struct entry {
    gomap_str word;
    uint64_t n;
} entry;

static int by_count(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    size_t len = x->word.len < y->word.len ? x->word.len : y->word.len;
    int c = memcmp(x->word.ptr, y->word.ptr, len);
    return c != 0 ? c : (x->word.len > y->word.len) - (x->word.len < y->word.len);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (grown == NULL)
                free(buf);
            buf = grown;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "/usr/share/common-licenses/GPL-3";
    size_t len;
    char *text = read_file(path, &len); /* must outlive the map: keys point into it */
    if (text == NULL) {
        perror(path);
        return 1;
    }
    wordcount *wc = wordcount_new(0);
    if (wc == NULL)
        return 1;
    size_t words = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && !isalpha((unsigned char)text[i]))
            i++;
        size_t start = i;
        for (; i < len && isalpha((unsigned char)text[i]); i++)
            text[i] = (char)tolower((unsigned char)text[i]);
        if (i == start)
            continue;
        gomap_str w = {text + start, i - start};
        uint64_t *n = wordcount_slot(wc, w); /* 0 if new */
        if (n == NULL)
            return 1;
        ++*n;
        words++;
    }
    size_t distinct = wordcount_len(wc), k = 0;
    entry *all = malloc((distinct + 1) * sizeof *all);
    if (all == NULL)
        return 1;
    wordcount_iter it;
    for (wordcount_iter_init(&it, wc); wordcount_iter_next(&it);)
        all[k++] = (entry){*it.key, *it.elem};
    qsort(all, k, sizeof *all, by_count);
    printf("%zu words, %zu distinct, in %s\n", words, distinct, path);
    for (size_t i = 0; i < k && i < 10; i++)
        printf("%.*s %llu\n", (int)all[i].word.len, all[i].word.ptr, (unsigned long long)all[i].n);
    free(all);
    wordcount_free(wc);
    free(text);
    return 0;
}
