/* SPDX-License-Identifier: BSD-3-Clause */
/* Overflow extension chunks (src/extend.c): with the default allocator and
 * the background thread, overflow buckets beyond a mapped array's spares
 * come from chunks mapped ahead, owned by the array they serve. These tests
 * check that they are used, counted, pinned by iterators, released by
 * clear, growth and free, survive fork, and that a failed mapping leaves
 * the map unchanged. */
#include "test_util.h"

#include <gomap/stats.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

/* The sanitizers' allocators map memory of their own and need an
 * unlimited address space: the address-space checks do not run under
 * them. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif

/* u64 keys with 8-byte elems: the first mapped array has B = 13 (26624
 * keys on); at 100000 keys B = 14 at load 6.1, where about 2300 overflow
 * buckets are needed beyond its 512 spares. */
#define FULL 100000u

static void expect_range(const gomap *m, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        uint64_t *e = gomap_get_u64(m, test_u64_key(i));
        assert_non_null(e);
        assert_int_equal(*e, i);
    }
}

/* What gomap_scan reports about overflow buckets. */
typedef struct ovf_seen {
    size_t chunks, chunks_pinned; /* mapped overflow blocks */
    size_t single;                /* individually allocated ones */
    size_t any_mapped;            /* mapped blocks of any kind */
} ovf_seen;

static void count_ovf(void *ctx, unsigned kind, void *ptr, size_t size, unsigned flags)
{
    ovf_seen *o = ctx;
    (void)ptr;
    (void)size;
    if (flags & GOMAP_SCAN_MAPPED)
        o->any_mapped++;
    if (kind != GOMAP_SCAN_OVERFLOW)
        return;
    if (flags & GOMAP_SCAN_MAPPED) {
        o->chunks++;
        o->chunks_pinned += (flags & GOMAP_SCAN_PINNED) != 0;
    } else {
        o->single++;
    }
}

static ovf_seen scan_ovf(const gomap *m)
{
    ovf_seen o = {0, 0, 0, 0};
    gomap_scan(m, count_ovf, &o);
    return o;
}

static gomap_stats_detail detail_of(const gomap *m)
{
    gomap_stats_detail s;
    gomap_stats_detailed(m, &s);
    size_t sum = s.bytes_header + s.bytes_buckets + s.bytes_overflow + s.bytes_indirect +
                 s.bytes_old + s.bytes_os_pending + s.bytes_retired;
    assert_int_equal(sum, s.bytes_total);
    assert_int_equal(s.bytes_total, s.base.bytes);
    return s;
}

/* Overflow buckets beyond the spares come from chunks, not one by one. */
static void chunks_serve_overflow(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(0);
    test_fill_u64(m, 0, FULL);
    gomap_stats st = stats_of(m);
    assert_int_equal(st.B, 14);
    assert_true(st.overflow_buckets > 1000);
    ovf_seen o = scan_ovf(m);
    assert_true(o.chunks >= 2);
    assert_int_equal(o.chunks_pinned, 0);
    /* Only a write that found no chunk at hand allocates alone. */
    assert_true(o.single <= 16);
    gomap_stats_detail s = detail_of(m);
    assert_true(s.bytes_overflow >= 2 * (256u << 10));
    assert_int_equal(s.bytes_retired, 0);
    check_map(m);
    expect_range(m, 0, FULL);

    /* Deleting everything and refilling reuses the chains' buckets. */
    for (size_t i = 0; i < FULL; i++)
        assert_true(gomap_delete_u64(m, test_u64_key(i)));
    test_fill_u64(m, 0, FULL);
    check_map(m);
    expect_range(m, 0, FULL);
    detail_of(m);
    gomap_free(m);
}

/* Without the background thread, or with an allocator of the caller's,
 * overflow buckets are allocated one by one as before. */
static void chunks_only_with_thread_and_default_allocator(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(GOMAP_NO_BACKGROUND);
    test_fill_u64(m, 0, FULL);
    ovf_seen o = scan_ovf(m);
    assert_int_equal(o.chunks, 0);
    assert_true(o.single > 1000);
    detail_of(m);
    gomap_free(m);

    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options opt = test_alloc_options(&ta, 7);
    gomap_type t = gomap_type_u64(sizeof(uint64_t), _Alignof(uint64_t));
    m = gomap_new_with(&t, 0, &opt);
    assert_non_null(m);
    test_fill_u64(m, 0, FULL);
    o = scan_ovf(m);
    assert_int_equal(o.any_mapped, 0);
    assert_true(o.single > 1000);
    assert_int_equal(stats_of(m).bytes, ta.live_bytes);
    gomap_free(m);
    assert_int_equal(ta.live, 0);
}

/* A growth hands the chunks to the old array; when it ends they go, unless
 * an iterator still walks them, in which case they go when it ends. */
static void iterators_pin_chunks(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(0);
    test_fill_u64(m, 0, FULL);
    size_t n_chunks = scan_ovf(m).chunks;
    assert_true(n_chunks >= 2);
    unsigned char *seen = calloc(140000, 1);
    assert_non_null(seen);
    gomap_iter it;
    gomap_iter_init(&it, m);
    size_t got = 0;
    for (size_t k = 0; k < 1000 && gomap_iter_next(&it); k++) {
        uint64_t v = *(const uint64_t *)it.elem;
        assert_int_equal(*(const uint64_t *)it.key, test_u64_key(v));
        assert_int_equal(seen[v], 0);
        seen[v] = 1;
        got++;
    }
    /* One doubling, started and finished (2^14 writes at most). */
    test_fill_u64(m, FULL, 140000);
    gomap_stats st = stats_of(m);
    assert_int_equal(st.B, 15);
    assert_false(st.growing);
    ovf_seen o = scan_ovf(m);
    assert_true(o.chunks_pinned >= n_chunks);
    gomap_stats_detail s = detail_of(m);
    assert_true(s.bytes_retired > 0);
    while (gomap_iter_next(&it)) {
        uint64_t v = *(const uint64_t *)it.elem;
        assert_true(v < 140000);
        assert_int_equal(*(const uint64_t *)it.key, test_u64_key(v));
        assert_int_equal(seen[v], 0);
        seen[v] = 1;
        got++;
    }
    for (size_t i = 0; i < FULL; i++)
        assert_int_equal(seen[i], 1); /* present throughout: returned */
    assert_true(got >= FULL);
    free(seen);
    o = scan_ovf(m);
    assert_int_equal(o.chunks_pinned, 0);
    s = detail_of(m);
    assert_int_equal(s.bytes_retired, 0);
    check_map(m);
    expect_range(m, 0, 140000);
    gomap_free(m);
}

/* Clear releases the chunks in use (keeping at most the one mapped ahead);
 * with an iterator live they wait for it, and the writes after the clear
 * do not hand out again the buckets it may stand in. */
static void clear_releases_chunks(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(0);
    test_fill_u64(m, 0, FULL);
    assert_true(scan_ovf(m).chunks >= 2);
    gomap_clear(m);
    assert_int_equal(gomap_len(m), 0);
    assert_true(scan_ovf(m).chunks <= 1);
    assert_int_equal(stats_of(m).overflow_buckets, 0);
    detail_of(m);
    check_map(m);
    test_fill_u64(m, 0, FULL);
    check_map(m);
    expect_range(m, 0, FULL);
    assert_true(scan_ovf(m).chunks >= 2);

    unsigned char *seen = calloc(2 * FULL, 1);
    assert_non_null(seen);
    gomap_iter it;
    gomap_iter_init(&it, m);
    for (size_t k = 0; k < 100; k++) {
        assert_true(gomap_iter_next(&it));
        uint64_t v = *(const uint64_t *)it.elem;
        assert_int_equal(seen[v], 0);
        seen[v] = 1;
    }
    gomap_clear(m);
    assert_true(scan_ovf(m).chunks_pinned >= 2);
    assert_true(detail_of(m).bytes_retired > 0);
    /* Refill with other keys while the iterator is live. */
    test_fill_u64(m, FULL, 2 * FULL);
    while (gomap_iter_next(&it)) {
        uint64_t v = *(const uint64_t *)it.elem;
        assert_true(v >= FULL && v < 2 * FULL); /* cleared entries are not returned */
        assert_int_equal(*(const uint64_t *)it.key, test_u64_key(v));
        assert_int_equal(seen[v], 0);
        seen[v] = 1;
    }
    free(seen);
    assert_int_equal(scan_ovf(m).chunks_pinned, 0);
    assert_int_equal(detail_of(m).bytes_retired, 0);
    check_map(m);
    expect_range(m, FULL, 2 * FULL);
    gomap_free(m);
}

/* Free maps at every stage: the first chunk mapped ahead (and perhaps being
 * faulted in), chunks in use, during a growth (the old array's chunks),
 * with an iterator live. */
static void free_at_every_stage(void **state)
{
    (void)state;
    static const size_t stops[] = {36000, 40000, 45000, 53000, 53300, 60000, 80000, FULL};
    for (size_t s = 0; s < sizeof stops / sizeof stops[0]; s++) {
        for (int with_iter = 0; with_iter < 2; with_iter++) {
            gomap *m = test_new_u64_map(0);
            test_fill_u64(m, 0, stops[s]);
            gomap_iter it;
            if (with_iter) {
                gomap_iter_init(&it, m);
                assert_true(gomap_iter_next(&it));
                test_fill_u64(m, stops[s], stops[s] + 20000); /* through a growth's end */
            }
            detail_of(m);
            gomap_free(m);
        }
    }
}

#if defined(__linux__) && !defined(UNDER_SANITIZER)
/* The process's mapped size in bytes. */
static size_t vm_size(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    assert_non_null(f);
    unsigned long pages = 0;
    assert_int_equal(fscanf(f, "%lu", &pages), 1);
    fclose(f);
    return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}
#endif

/* Nothing stays mapped after free: making and freeing the same map again
 * and again leaves the process's size where it was. */
static void no_mapping_leaks(void **state)
{
    (void)state;
#if defined(__linux__) && !defined(UNDER_SANITIZER)
    /* valgrind's own mappings change the figure. */
    if (test_under_valgrind())
        skip();
    size_t base = 0;
    for (int r = 0; r < 12; r++) {
        gomap *m = test_new_u64_map(0);
        test_fill_u64(m, 0, FULL);
        gomap_iter it;
        gomap_iter_init(&it, m);
        assert_true(gomap_iter_next(&it));
        test_fill_u64(m, FULL, FULL + 10000); /* growing: chunks of both arrays */
        gomap_free(m);
        gomap_background_wait();
        if (r == 1)
            base = vm_size();
    }
    /* Each round maps over 1 MiB of chunks. */
    assert_true(vm_size() <= base + (1u << 20));
#else
    skip();
#endif
}

/* The child of a fork has no background thread; a chunk being faulted in
 * there is finished by the child's own, and both maps go on. */
static void fork_with_chunks(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(0);
    test_fill_u64(m, 0, 37000); /* the first chunk was just mapped ahead */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int ok = 1;
        for (size_t i = 37000; i < 120000 && ok; i++) {
            uint64_t *e = gomap_assign_u64(m, test_u64_key(i));
            ok = e != NULL;
            if (ok)
                *e = i;
        }
        for (size_t i = 0; i < 120000 && ok; i++) {
            uint64_t *e = gomap_get_u64(m, test_u64_key(i));
            ok = e != NULL && *e == i;
        }
        ok = ok && gomap_check(m) == NULL;
        gomap_free(m);
        gomap_background_wait();
        _exit(ok ? 0 : 1);
    }
    test_fill_u64(m, 37000, FULL);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    expect_range(m, 0, FULL);
    assert_true(scan_ovf(m).chunks >= 2);
    check_map(m);
    gomap_free(m);
}

#if defined(__linux__) && !defined(UNDER_SANITIZER)
/* When the address space runs out, mapping a chunk fails and so does the
 * allocator the writes fall back on: the insert that needed an overflow
 * bucket fails with ENOMEM, having changed nothing, and once memory is back
 * the map goes on. Run in a child, whose address space is limited (and
 * whose heap is used up first, so that the fallback fails too). */
static int out_of_memory_child(void)
{
    gomap *m = test_new_u64_map(0);
    /* B = 15 at load 4.9: from here to the growth at 212992 keys, more
     * overflow buckets are needed than the chunk in use and the one mapped
     * ahead hold together. */
    size_t n = 160000;
    for (size_t i = 0; i < n; i++)
        *(uint64_t *)gomap_assign_u64(m, test_u64_key(i)) = i;
    struct rlimit old, lim;
    if (getrlimit(RLIMIT_AS, &old) != 0)
        return 2;
    /* The limit is set just above the address space in use, so no mapping
     * or unmapping may still be in flight on the background thread: one
     * finishing after the reading (more likely on a loaded machine) would
     * leave the limit looser or tighter than intended. */
    gomap_background_wait();
    lim = old;
    lim.rlim_cur = vm_size() + (64u << 10);
    if (setrlimit(RLIMIT_AS, &lim) != 0)
        return 3;
    void *ballast = NULL;
    for (size_t k = 0; k < 10000000; k++) {
        void **p = malloc(160);
        if (p == NULL)
            break;
        *p = ballast;
        ballast = p;
    }
    bool failed = false;
    for (; n < 300000 && !failed; n++) {
        errno = 0;
        uint64_t *e = gomap_assign_u64(m, test_u64_key(n));
        if (e == NULL) {
            failed = true;
            if (errno != ENOMEM)
                return 4;
            /* Again: still nothing changed. */
            if (gomap_assign_u64(m, test_u64_key(n)) != NULL || errno != ENOMEM)
                return 5;
            break;
        }
        *e = n;
    }
    if (!failed)
        return 6;
    if (n >= 212992) /* the growth to B = 16 failed, not an overflow bucket */
        return 14;
    if (gomap_len(m) != n || gomap_check(m) != NULL)
        return 7;
    for (size_t i = 0; i < n; i++) {
        uint64_t *e = gomap_get_u64(m, test_u64_key(i));
        if (e == NULL || *e != i)
            return 8;
    }
    if (gomap_get_u64(m, test_u64_key(n)) != NULL)
        return 9;
    while (ballast != NULL) {
        void *next = *(void **)ballast;
        free(ballast);
        ballast = next;
    }
    if (setrlimit(RLIMIT_AS, &old) != 0)
        return 10;
    size_t to = n + 100000;
    for (; n < to; n++) {
        uint64_t *e = gomap_assign_u64(m, test_u64_key(n));
        if (e == NULL)
            return 11;
        *e = n;
    }
    for (size_t i = 0; i < to; i++) {
        uint64_t *e = gomap_get_u64(m, test_u64_key(i));
        if (e == NULL || *e != i)
            return 12;
    }
    if (gomap_check(m) != NULL)
        return 13;
    gomap_free(m);
    return 0;
}
#endif

static void out_of_memory_changes_nothing(void **state)
{
    (void)state;
#if defined(__linux__) && !defined(UNDER_SANITIZER)
    /* valgrind's own memory needs an unlimited address space too. */
    if (test_under_valgrind())
        skip();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(out_of_memory_child());
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
#else
    skip();
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chunks_serve_overflow),
        cmocka_unit_test(chunks_only_with_thread_and_default_allocator),
        cmocka_unit_test(iterators_pin_chunks),
        cmocka_unit_test(clear_releases_chunks),
        cmocka_unit_test(free_at_every_stage),
        cmocka_unit_test(no_mapping_leaks),
        cmocka_unit_test(fork_with_chunks),
        cmocka_unit_test(out_of_memory_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
