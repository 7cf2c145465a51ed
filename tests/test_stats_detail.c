/* SPDX-License-Identifier: BSD-3-Clause */
/* Detailed statistics, the bucket walker, page residency and the counting
 * allocator (include/gomap/stats.h). */
#include "test_util.h"

#include <gomap/stats.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static gomap_stats_detail detail_of(const gomap *m)
{
    gomap_stats_detail s;
    memset(&s, 0xa5, sizeof s);
    gomap_stats_detailed(m, &s);
    return s;
}

/* The categories account for every byte (no iterator: nothing retired). */
static void assert_bytes_add_up(const gomap_stats_detail *s)
{
    size_t sum = s->bytes_header + s->bytes_buckets + s->bytes_overflow + s->bytes_indirect +
                 s->bytes_old + s->bytes_os_pending + s->bytes_retired;
    assert_int_equal(sum, s->bytes_total);
    assert_int_equal(s->bytes_total, s->base.bytes);
}

static size_t hist_total(const gomap_stats_detail *s)
{
    size_t n = 0;
    for (size_t i = 0; i < GOMAP_CHAIN_HIST; i++)
        n += s->chain_hist[i];
    return n;
}

static void null_and_empty(void **state)
{
    (void)state;
    gomap_stats_detail s = detail_of(NULL);
    gomap_stats_detail zero;
    memset(&zero, 0, sizeof zero);
    assert_memory_equal(&s, &zero, sizeof s);

    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    s = detail_of(m);
    assert_int_equal(s.base.count, 0);
    assert_int_equal(s.bytes_buckets, 0);
    assert_true(s.bytes_header > 0);
    assert_int_equal(s.alloc_blocks, 1);
    assert_int_equal(hist_total(&s), 0);
    assert_true(s.avg_probe_hit == 0 && s.avg_probe_miss == 0);
    assert_int_equal(s.bucket_size, 8 + 8 * 8 + 8 * 8 + 8); /* Go's bmap for u64 -> u64 */
    assert_bytes_add_up(&s);
    gomap_free(m);
}

/* Growing from empty: every growth is a doubling that evacuates each old
 * bucket once, so the counters are exact. */
static void growth_counters_and_shape(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    enum { N = 20000 };
    for (uint64_t i = 0; i < N; i++)
        *(uint64_t *)gomap_assign_u64(m, i * 7919) = i;
    /* Finish any growth in progress with writes of existing keys. */
    while (stats_of(m).growing)
        gomap_assign_u64(m, 0);
    gomap_stats_detail s = detail_of(m);
    assert_int_equal(s.base.count, N);
    assert_int_equal(s.grow_doublings, s.base.B);
    assert_int_equal(s.grow_same_size, 0);
    assert_int_equal(s.evacuated_buckets, ((size_t)1 << s.base.B) - 1);
    assert_int_equal(hist_total(&s), s.base.buckets);
    assert_true(s.max_chain >= 1 && s.max_chain <= 10);
    assert_true(s.load_factor > 3.25 && s.load_factor <= 6.5);
    assert_true(s.load_factor == (double)N / (double)s.base.buckets);
    assert_true(s.avg_probe_hit >= 1.0 && s.avg_probe_hit < 1.5);
    assert_true(s.avg_probe_miss >= 1.0 && s.avg_probe_miss < 1.5);
    assert_int_equal(s.bytes_payload, N * 16);
    assert_int_equal(s.bytes_old, 0);
    assert_int_equal(s.bytes_indirect, 0);
    assert_int_equal(s.bytes_retired, 0);
    assert_true(s.spares_used <= s.spares_total);
    assert_true(s.bytes_requested <= s.bytes_total);
    assert_true(s.reserved_known);
    assert_true(s.bytes_reserved >= s.bytes_requested);
    assert_bytes_add_up(&s);
    gomap_free(m);
}

/* Probe lengths of a tiny map are exact: one bucket for everything. */
static void probes_of_single_bucket(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u32(GOMAP_ELEM(uint32_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    for (uint32_t i = 0; i < 5; i++)
        gomap_assign_u32(m, i);
    gomap_stats_detail s = detail_of(m);
    assert_int_equal(s.base.B, 0);
    assert_true(s.avg_probe_hit == 1.0);
    assert_true(s.avg_probe_miss == 1.0);
    assert_int_equal(s.chain_hist[0], 1);
    assert_int_equal(s.empty_buckets, 0);
    assert_true(s.load_factor == 5.0);
    gomap_clear(m);
    s = detail_of(m);
    assert_int_equal(s.empty_buckets, 1);
    assert_int_equal(s.grow_doublings, 0);
    gomap_free(m);
}

/* With a counting allocator the map's view of its blocks matches what the
 * allocator handed out, block for block and byte for byte. */
static void allocator_view_matches_counting_allocator(void **state)
{
    (void)state;
    gomap_counting_allocator ca;
    assert_ptr_equal(gomap_counting_allocator_init(&ca, NULL), &ca);
    gomap_options o = {&ca.allocator, 5, GOMAP_FIXED_SEED};
    gomap_type u = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&u, 0, &o);
    assert_non_null(m);
    for (uint64_t i = 0; i < 3000; i++)
        gomap_assign_u64(m, i);
    for (uint64_t i = 0; i < 3000; i += 3)
        gomap_delete_u64(m, i);
    gomap_stats_detail s = detail_of(m);
    assert_int_equal(s.alloc_blocks, ca.allocs - ca.frees);
    assert_int_equal(s.bytes_requested, ca.live_bytes);
    assert_int_equal(s.bytes_total, ca.live_bytes);
    assert_false(s.reserved_known);
    assert_int_equal(s.bytes_reserved, s.bytes_requested);
    assert_true(ca.peak_bytes >= ca.live_bytes);
    assert_true(ca.total_bytes >= ca.peak_bytes);
    assert_int_equal(ca.failed, 0);
    assert_bytes_add_up(&s);
    gomap_free(m);
    assert_int_equal(ca.allocs, ca.frees);
    assert_int_equal(ca.live_bytes, 0);
}

typedef struct bigkey {
    unsigned char b[200];
} bigkey;

static uint64_t bigkey_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(bigkey), seed);
}

static bool bigkey_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(bigkey)) == 0;
}

/* Keys and elems over 128 bytes live out of line, one block each. */
static void indirect_bytes(void **state)
{
    (void)state;
    gomap_counting_allocator ca;
    gomap_counting_allocator_init(&ca, NULL);
    gomap_options o = {&ca.allocator, 9, GOMAP_FIXED_SEED};
    gomap_type t = {sizeof(bigkey), 1, 160, 8, bigkey_hash, bigkey_equal, 0, NULL, NULL};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    enum { N = 500 };
    for (unsigned i = 0; i < N; i++) {
        bigkey k;
        memset(&k, 0, sizeof k);
        memcpy(k.b, &i, sizeof i);
        assert_non_null(gomap_assign(m, &k));
    }
    gomap_stats_detail s = detail_of(m);
    assert_int_equal(s.base.count, N);
    /* Each entry: a key block and an elem block, each at least its payload. */
    assert_true(s.bytes_indirect >= N * (sizeof(bigkey) + 160));
    assert_true(s.bytes_indirect < N * (sizeof(bigkey) + 160 + 2 * 64));
    assert_int_equal(s.bytes_payload, N * (sizeof(bigkey) + 160));
    assert_int_equal(s.bytes_requested, ca.live_bytes);
    assert_int_equal(s.alloc_blocks, ca.allocs - ca.frees);
    assert_true(s.alloc_blocks >= 2 * N);
    assert_bytes_add_up(&s);
    gomap_free(m);
    assert_int_equal(ca.live_bytes, 0);
}

typedef struct walk_count {
    size_t entries, buckets, old_buckets, overflow, evac_marks;
    size_t max_index;
    unsigned char *seen;
} walk_count;

static bool count_bucket(void *ctx, const gomap_bucket_view *b)
{
    walk_count *w = ctx;
    w->buckets++;
    w->old_buckets += b->old;
    w->overflow += b->depth > 0;
    for (size_t i = 0; i < 8; i++) {
        uint8_t th = b->tophash[i];
        if (th >= GOMAP_TOPHASH_MIN) {
            assert_non_null(b->key[i]);
            uint64_t k;
            memcpy(&k, b->key[i], sizeof k);
            assert_true(k <= w->max_index);
            assert_int_equal(w->seen[k], 0);
            w->seen[k] = 1;
            assert_int_equal(*(const uint64_t *)b->elem[i], k + 1);
            w->entries++;
        } else {
            assert_null(b->key[i]);
            if (th >= GOMAP_TOPHASH_EVACUATED_X && th <= GOMAP_TOPHASH_EVACUATED_EMPTY) {
                assert_true(b->old);
                w->evac_marks++;
            }
        }
    }
    return true;
}

/* In the middle of a growth: the old array shows, the walker sees every
 * entry exactly once, and the bytes still add up. */
static void while_growing(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_options o = {NULL, 3, GOMAP_FIXED_SEED};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    enum { MAX = 100000 };
    uint64_t n = 0;
    bool caught = false;
    while (n < MAX) {
        *(uint64_t *)gomap_assign_u64(m, n) = n + 1;
        n++;
        gomap_stats st = stats_of(m);
        if (st.growing && st.old_buckets >= 64 && st.evacuated > 4) {
            caught = true;
            break;
        }
    }
    assert_true(caught);
    gomap_stats_detail s = detail_of(m);
    assert_true(s.base.growing);
    assert_true(s.bytes_old > 0);
    assert_int_equal(hist_total(&s), s.base.buckets);
    assert_bytes_add_up(&s);
    assert_true(s.avg_probe_hit >= 1.0);

    walk_count w = {0};
    w.max_index = MAX;
    w.seen = calloc(MAX + 1, 1);
    assert_non_null(w.seen);
    gomap_walk_buckets(m, count_bucket, &w);
    assert_int_equal(w.entries, n);
    assert_true(w.old_buckets >= s.base.old_buckets);
    assert_true(w.evac_marks > 0);
    free(w.seen);

    /* A live iterator keeps retired memory; it is counted as such. */
    gomap_iter it;
    gomap_iter_init(&it, m);
    assert_true(gomap_iter_next(&it));
    while (stats_of(m).growing)
        gomap_assign_u64(m, 0);
    s = detail_of(m);
    assert_bytes_add_up(&s);
    assert_true(s.bytes_retired > 0);
    gomap_iter_done(&it);
    s = detail_of(m);
    assert_int_equal(s.bytes_retired, 0);
    gomap_free(m);
}

static bool stop_at_first(void *ctx, const gomap_bucket_view *b)
{
    (void)b;
    ++*(size_t *)ctx;
    return false;
}

static void walk_stops_and_null(void **state)
{
    (void)state;
    size_t calls = 0;
    gomap_walk_buckets(NULL, stop_at_first, &calls);
    assert_int_equal(calls, 0);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 1000);
    assert_non_null(m);
    gomap_walk_buckets(m, stop_at_first, &calls);
    assert_int_equal(calls, 1);
    gomap_free(m);
}

/* Same-size growths are counted apart from doublings. */
static void same_size_counter(void **state)
{
    (void)state;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_options o = {NULL, 71, GOMAP_FIXED_SEED};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    enum { LIVE = 80, OPS = 200000 };
    for (uint64_t i = 0; i < LIVE; i++)
        gomap_assign_u64(m, i);
    size_t seen = 0;
    bool was = false;
    for (uint64_t i = LIVE; i < LIVE + OPS && seen < 2; i++) {
        gomap_assign_u64(m, i);
        gomap_delete_u64(m, i - LIVE);
        gomap_stats st = stats_of(m);
        if (st.growing && !was && st.old_buckets == st.buckets)
            seen++;
        was = st.growing;
    }
    assert_int_equal(seen, 2);
    gomap_stats_detail s = detail_of(m);
    assert_int_equal(s.grow_same_size, 2);
    assert_int_equal(s.grow_doublings, 4);
    assert_bytes_add_up(&s);
    gomap_free(m);
}

static void pages_resident(void **state)
{
    (void)state;
    gomap_pages p;
#if defined(__linux__)
    assert_true(gomap_pages_get(NULL, &p));
    assert_int_equal(p.spanned, 0);
    assert_true(p.page_size >= 4096);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    for (uint64_t i = 0; i < 100000; i++)
        gomap_assign_u64(m, i);
    assert_true(gomap_pages_get(m, &p));
    gomap_stats_detail s = detail_of(m);
    assert_true(p.spanned >= s.bytes_total / p.page_size);
    /* A block of s bytes touches at most s / page + 2 pages. */
    assert_true(p.spanned <= s.bytes_total / p.page_size + 2 * s.alloc_blocks);
    assert_true(p.resident <= p.spanned);
    assert_true(p.resident > 0);
    gomap_free(m);
#else
    assert_false(gomap_pages_get(NULL, &p));
#endif
}

static void print_report(void **state)
{
    (void)state;
    gomap_type t = gomap_type_str(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    static const char *words[] = {"alpha", "beta", "gamma", "delta"};
    for (size_t i = 0; i < 4; i++)
        gomap_assign_str(m, words[i], strlen(words[i]));
    gomap_stats_detail s = detail_of(m);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_true(gomap_stats_print(f, &s));
    fclose(f);
    assert_non_null(strstr(buf, "entries          4 (B = 0"));
    assert_non_null(strstr(buf, "probes           hit 1.000, miss 1.000"));
    assert_non_null(strstr(buf, "allocator"));
    free(buf);
    gomap_free(m);
}

/* The counting allocator passes failures through and counts them. */
static void *refuse(void *ctx, size_t size, unsigned flags)
{
    (void)ctx;
    (void)size;
    (void)flags;
    return NULL;
}

static void never_called(void *ctx, void *p, size_t size)
{
    (void)ctx;
    (void)p;
    (void)size;
    fail_msg("free without an allocation");
}

static void counting_allocator_failures(void **state)
{
    (void)state;
    gomap_allocator bad = {refuse, never_called, NULL};
    gomap_counting_allocator ca;
    gomap_counting_allocator_init(&ca, &bad);
    gomap_options o = {&ca.allocator, 0, 0};
    gomap_type t = gomap_type_u64(0, 1);
    assert_null(gomap_new_with(&t, 0, &o));
    assert_int_equal(ca.failed, 1);
    assert_int_equal(ca.allocs, 0);
    assert_int_equal(ca.live_bytes, 0);
}

/* Large arrays of the default allocator come from the OS like any other
 * block: through growths, with and without the background thread, every
 * byte is accounted for, nothing is pending or retired, an old array leaves
 * the accounts when its growth ends, and the reserved bytes are known. */
static void large_growth_run(unsigned flags)
{
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap_options o = {NULL, 0, flags};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    bool was_growing = false;
    for (uint64_t i = 0; i < 250000; i++) {
        gomap_assign_u64(m, i);
        gomap_stats st = stats_of(m);
        bool ended = was_growing && !st.growing;
        was_growing = st.growing;
        if (!ended && i % 1000 != 0)
            continue;
        gomap_stats_detail s = detail_of(m);
        assert_bytes_add_up(&s);
        assert_int_equal(s.bytes_retired, 0);
        assert_int_equal(s.bytes_os_pending, 0);
        if (!st.growing)
            assert_int_equal(s.bytes_old, 0);
        assert_true(s.reserved_known);
        assert_true(s.bytes_reserved >= s.bytes_requested);
    }
    gomap_free(m);
}

static void large_growth_bytes(void **state)
{
    (void)state;
    large_growth_run(GOMAP_NO_BACKGROUND);
    large_growth_run(0);
}

static void print_failure(void **state)
{
    (void)state;
    gomap_stats_detail s = detail_of(NULL);
    FILE *f = fopen("/dev/null", "r");
    assert_non_null(f);
    errno = 0;
    assert_false(gomap_stats_print(f, &s));
    assert_true(errno != 0);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(null_and_empty),
        cmocka_unit_test(growth_counters_and_shape),
        cmocka_unit_test(probes_of_single_bucket),
        cmocka_unit_test(allocator_view_matches_counting_allocator),
        cmocka_unit_test(indirect_bytes),
        cmocka_unit_test(while_growing),
        cmocka_unit_test(walk_stops_and_null),
        cmocka_unit_test(same_size_counter),
        cmocka_unit_test(pages_resident),
        cmocka_unit_test(print_report),
        cmocka_unit_test(counting_allocator_failures),
        cmocka_unit_test(large_growth_bytes),
        cmocka_unit_test(print_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
