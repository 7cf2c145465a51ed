/* SPDX-License-Identifier: BSD-3-Clause */
/* A set of uint64_t: the distinct values of a pseudo-random stream, and the
 * allocations it took, counted like Go's -benchmem. */
#include <gomap/stats.h>
#include <gomap/typed.h>

#include <stdio.h>

GOMAP_DECLARE_SET(u64set, u64)

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

int main(void)
{
    gomap_counting_allocator ca;
    gomap_counting_allocator_init(&ca, NULL); /* wraps malloc */
    gomap_options opt = {&ca.allocator, 0, 0};
    u64set *seen = u64set_new_with(0, &opt);
    if (seen == NULL)
        return 1;
    enum { N = 200000, RANGE = 100000 };
    uint64_t state = 42;
    size_t repeats = 0;
    for (size_t i = 0; i < N; i++) {
        uint64_t v = splitmix64(&state) % RANGE;
        if (u64set_has(seen, v))
            repeats++;
        else if (!u64set_add(seen, v))
            return 1; /* ENOMEM */
    }
    /* Check against a plain bitmap. */
    static unsigned char bits[RANGE];
    size_t distinct = 0;
    state = 42;
    for (size_t i = 0; i < N; i++) {
        uint64_t v = splitmix64(&state) % RANGE;
        distinct += !bits[v];
        bits[v] = 1;
    }
    size_t len = u64set_len(seen);
    printf("distinct %zu of %d draws (%zu repeats); bitmap agrees: %s\n", len, N, repeats,
           len == distinct ? "yes" : "no");
    printf("allocations: %zu (%.4f per insert), peak %zu bytes\n", ca.allocs,
           (double)ca.allocs / (double)len, ca.peak_bytes);
    u64set_free(seen);
    printf("after free: %zu bytes live, %zu allocs, %zu frees\n", ca.live_bytes, ca.allocs,
           ca.frees);
    return len == distinct && ca.live_bytes == 0 ? 0 : 1;
}
