/* SPDX-License-Identifier: BSD-3-Clause */
/* A map on the stack, as Go keeps a map that does not escape its function:
 * the distinct words of each line, counted in a map whose header and first
 * bucket live in a local array. A line of at most 8 distinct words costs no
 * allocation; a longer one makes the map grow onto the heap as usual. */
#include <gomap/stats.h>
#include <gomap/typed.h>

#include <stdio.h>
#include <string.h>

GOMAP_DECLARE(wordcount, str, unsigned)

/* Room for a wordcount map: a constant, usable as an array size. */
#define WORDCOUNT_BYTES GOMAP_STORAGE_BYTES(sizeof(gomap_str), sizeof(unsigned))

/* The number of distinct words of line, and the most frequent one. */
static size_t distinct_words(const char *line, const gomap_options *opt, gomap_str *top)
{
    _Alignas(max_align_t) unsigned char buf[WORDCOUNT_BYTES];
    wordcount *wc = wordcount_init(buf, sizeof buf, opt); /* NULL only for a bad type or options */
    if (wc == NULL)
        return 0;
    for (const char *p = line; *p != 0;) {
        size_t len = strcspn(p, " ");
        if (len > 0) {
            gomap_str w = {p, len};
            unsigned *n = wordcount_slot(wc, w); /* NULL + ENOMEM only past 8 words */
            if (n != NULL)
                ++*n;
        }
        p += len + (p[len] == ' ');
    }
    unsigned best = 0;
    wordcount_iter it;
    for (wordcount_iter_init(&it, wc); wordcount_iter_next(&it);)
        if (*it.elem > best || (*it.elem == best && it.key->len > top->len)) {
            best = *it.elem;
            *top = *it.key;
        }
    size_t n = wordcount_len(wc);
    wordcount_free(wc); /* frees what the map allocated; buf is ours */
    return n;
}

int main(void)
{
    static const char *const lines[] = {
        "the map stays on the stack",
        "go go go",
        "a line with more than eight distinct words makes the map grow onto the heap",
    };
    gomap_counting_allocator ca;
    gomap_counting_allocator_init(&ca, NULL);
    gomap_options opt = {&ca.allocator, 0, 0};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        size_t before = ca.allocs;
        gomap_str top = {"", 0};
        size_t n = distinct_words(lines[i], &opt, &top);
        printf("line %zu: %zu distinct words, most frequent \"%.*s\", %zu allocations\n", i + 1, n,
               (int)top.len, top.ptr, ca.allocs - before);
    }
    return ca.live_bytes == 0 ? 0 : 1;
}
