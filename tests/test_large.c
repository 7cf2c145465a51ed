/* SPDX-License-Identifier: BSD-3-Clause */
/* Large maps with the default allocator: arrays of a megabyte and more are
 * mapped directly, faulted in ahead of the growth that needs them and
 * unmapped after it, by the background thread or (GOMAP_NO_BACKGROUND) by
 * the writes themselves. These tests walk every path of that machinery:
 * growth through several large doublings, freeing a map while its next
 * array is being prepared, iterators pinning mapped arrays, and fork. */
#include "test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

/* Enough for four doublings past the first mapped array (1 MiB at B = 13
 * for u64 keys with 8-byte elems). */
#define MANY 250000u

static void expect_range(const gomap *m, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        uint64_t *e = gomap_get_u64(m, test_u64_key(i));
        assert_non_null(e);
        assert_int_equal(*e, i);
    }
}

static void grow_shrink(unsigned flags)
{
    gomap *m = test_new_u64_map(flags);
    test_fill_u64(m, 0, MANY);
    assert_int_equal(gomap_len(m), MANY);
    assert_true(stats_of(m).B >= 15);
    check_map(m);
    expect_range(m, 0, MANY);
    for (size_t i = 0; i < MANY; i += 2)
        assert_true(gomap_delete_u64(m, test_u64_key(i)));
    check_map(m);
    size_t seen = 0;
    gomap_iter it;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);) {
        uint64_t v = *(const uint64_t *)it.elem;
        assert_int_equal(v % 2, 1);
        assert_int_equal(*(const uint64_t *)it.key, test_u64_key(v));
        seen++;
    }
    assert_int_equal(seen, MANY / 2);
    gomap_free(m);
}

static void grow_with_background_thread(void **state)
{
    (void)state;
    grow_shrink(0);
}

static void grow_without_background_thread(void **state)
{
    (void)state;
    grow_shrink(GOMAP_NO_BACKGROUND);
}

/* Free maps at every stage of preparing the next array: just after it was
 * mapped (the thread may not have started on it), while it is faulted in,
 * and after. */
static void free_while_preparing(void **state)
{
    (void)state;
    static const size_t stops[] = {20500, 21000, 22000, 24000, 26000, 26600, 26700, 30000};
    for (unsigned flags = 0; flags <= GOMAP_NO_BACKGROUND; flags += GOMAP_NO_BACKGROUND) {
        for (size_t s = 0; s < sizeof stops / sizeof stops[0]; s++) {
            gomap *m = test_new_u64_map(flags);
            test_fill_u64(m, 0, stops[s]);
            expect_range(m, 0, stops[s]);
            gomap_free(m);
        }
    }
}

/* The map is consistent at every stage of the large-array machinery:
 * checked every 500 writes while the next array is prepared, a growth runs,
 * and the old array is released, with and without the background thread
 * (gomap_check also verifies the short-path limit the writes rely on). */
static void checked_through_preparation(void **state)
{
    (void)state;
    for (unsigned flags = 0; flags <= GOMAP_NO_BACKGROUND; flags += GOMAP_NO_BACKGROUND) {
        gomap *m = test_new_u64_map(flags);
        for (size_t n = 0; n < 120000; n += 500) {
            test_fill_u64(m, n, n + 500);
            check_map(m);
        }
        for (size_t n = 0; n < 120000; n += 1000) {
            for (size_t i = n; i < n + 500; i++)
                assert_true(gomap_delete_u64(m, test_u64_key(i)));
            check_map(m);
        }
        assert_int_equal(gomap_len(m), 60000);
        gomap_free(m);
    }
}

/* Iterators keep old arrays alive past the growth that retires them; those
 * mapped arrays are released when the last iterator ends. */
static void iterators_pin_mapped_arrays(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(0);
    test_fill_u64(m, 0, 20000);
    gomap_iter it;
    gomap_iter_init(&it, m);
    size_t seen = 0;
    size_t next = 20000;
    while (gomap_iter_next(&it)) {
        seen++;
        /* Grow through two large doublings while the iterator walks. */
        if (next < 120000) {
            test_fill_u64(m, next, next + 50);
            next += 50;
        }
    }
    assert_true(seen >= 20000);
    assert_int_equal(gomap_len(m), next);
    check_map(m);
    expect_range(m, 0, next);
    gomap_free(m);
}

/* The child of a fork has no background thread; its maps must work, grow
 * and be freed as usual, and so must the parent's. */
static void fork_while_preparing(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(0);
    test_fill_u64(m, 0, 22000); /* the next array is being prepared */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int ok = 1;
        for (size_t i = 22000; i < 120000 && ok; i++) {
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
        gomap *c = test_new_u64_map(0);
        for (size_t i = 0; i < 60000 && ok; i++)
            ok = gomap_assign_u64(c, test_u64_key(i)) != NULL;
        gomap_free(c);
        _exit(ok ? 0 : 1);
    }
    test_fill_u64(m, 22000, 100000);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    expect_range(m, 0, 100000);
    check_map(m);
    gomap_free(m);
}

/* Clearing keeps the array; clones map their own. */
static void clear_and_clone_large(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(0);
    test_fill_u64(m, 0, 60000);
    gomap *c = gomap_clone(m);
    assert_non_null(c);
    gomap_clear(m);
    assert_int_equal(gomap_len(m), 0);
    check_map(m);
    test_fill_u64(m, 0, 30000);
    expect_range(m, 0, 30000);
    expect_range(c, 0, 60000);
    check_map(c);
    gomap_free(c);
    gomap_free(m);
}

/* gomap_background_wait returns once the thread is idle, whatever it was
 * given, and at once in a child that has no thread. */
static void background_wait(void **state)
{
    (void)state;
    gomap_background_wait();
    gomap *m = test_new_u64_map(0);
    test_fill_u64(m, 0, 22000); /* the next array is being prepared */
    gomap_background_wait();
    test_fill_u64(m, 22000, 120000); /* two growths: old arrays to unmap */
    gomap_free(m);
    gomap_background_wait();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        gomap_background_wait();
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Bytes of this process's mappings whose VmFlags include `flag` ("hg":
 * advised for transparent huge pages, "nh": advised against them), or -1 if
 * smaps cannot be read; with `aligned`, only those starting on a 2 MiB
 * boundary. */
static long long advised_bytes(const char *flag, bool aligned)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (f == NULL)
        return -1;
    char word[8];
    snprintf(word, sizeof word, " %s", flag);
    long long total = 0;
    unsigned long long lo = 0, hi = 0;
    char line[512];
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long long a, b;
        if (sscanf(line, "%llx-%llx ", &a, &b) == 2) {
            lo = a;
            hi = b;
        } else if (strncmp(line, "VmFlags:", 8) == 0 && strstr(line, word) != NULL &&
                   (!aligned || lo % (2u << 20) == 0)) {
            total += (long long)(hi - lo);
        }
    }
    fclose(f);
    return total;
}

static long long huge_advised(bool aligned)
{
    return advised_bytes("hg", aligned);
}

static bool kernel_has_thp(void)
{
    return access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) == 0;
}

static gomap *new_hinted(size_t hint, unsigned flags)
{
    gomap_type t = gomap_type_u64(sizeof(uint64_t), _Alignof(uint64_t));
    gomap_options o = {NULL, 0, flags};
    gomap *m = gomap_new_with(&t, hint, &o);
    assert_non_null(m);
    return m;
}

/* A large hint's array is advised for huge pages, on 2 MiB boundaries, unless
 * GOMAP_NO_HUGE_PAGES, and gomap_new faults it in one huge page at a time:
 * past the first that is slow (memory the host backs on first touch), the
 * rest is advised back to small pages. Either way the map works, and grows
 * past its hint. */
static void hinted_arrays_use_huge_pages(void **state)
{
    (void)state;
    const size_t hint = 200000; /* B = 15: an array of about 4.6 MiB */
    bool thp = kernel_has_thp();
    gomap_background_wait();
    long long base = huge_advised(false), aligned_base = huge_advised(true);
    long long small_base = advised_bytes("nh", false);
    bool check = thp && base >= 0;

    gomap *m = new_hinted(hint, 0);
    long long with = huge_advised(false);
    if (check) {
        /* The first huge page keeps its advice; the two advices together
         * cover the array's 4 MiB and more. */
        assert_true(with - base >= 2 * (1LL << 20));
        assert_int_equal(huge_advised(true) - aligned_base, with - base);
        long long small = advised_bytes("nh", false) - small_base;
        assert_true(small >= 0);
        assert_true((with - base) + small >= 4 * (1LL << 20));
    }
    test_fill_u64(m, 0, hint);
    expect_range(m, 0, hint);
    check_map(m);
    assert_int_equal(stats_of(m).B, 15);

    /* m is past 75% of its growth: its next array is being prepared, and
     * the thread may advise part of it back to small pages. */
    gomap_background_wait();
    long long before_plain = huge_advised(false);
    gomap *plain = new_hinted(hint, GOMAP_NO_HUGE_PAGES);
    if (check)
        assert_int_equal(huge_advised(false), before_plain);
    test_fill_u64(plain, 0, hint);
    expect_range(plain, 0, hint);
    check_map(plain);

    test_fill_u64(m, hint, MANY);
    expect_range(m, 0, MANY);
    check_map(m);

    gomap_free(plain);
    gomap_free(m);
    gomap_background_wait();
    if (check)
        assert_int_equal(huge_advised(false), base);
}

/* Maps of u64 keys with 128-byte elems: bucket arrays of 36 MiB at B = 15,
 * large enough for a growth's array to get huge pages. */
enum { BIG_ELEM = 128 };

static gomap *new_big_elem_map(unsigned flags)
{
    gomap_type t = gomap_type_u64(BIG_ELEM, _Alignof(uint64_t));
    gomap_options o = {NULL, 0, flags};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    return m;
}

static void fill_big(gomap *m, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        uint64_t *e = gomap_assign_u64(m, test_u64_key(i));
        assert_non_null(e);
        e[0] = i;
        e[BIG_ELEM / sizeof(uint64_t) - 1] = ~i;
    }
}

static void expect_big(const gomap *m, size_t to)
{
    for (size_t i = 0; i < to; i++) {
        const uint64_t *e = gomap_get_u64(m, test_u64_key(i));
        assert_non_null(e);
        assert_int_equal(e[0], i);
        assert_int_equal(e[BIG_ELEM / sizeof(uint64_t) - 1], ~i);
    }
}

/* The array the background thread prepares for a growth is advised for huge
 * pages too, from 32 MiB; not with GOMAP_NO_HUGE_PAGES, nor when the map's
 * own writes fault it in (GOMAP_NO_BACKGROUND). */
static void growth_arrays_use_huge_pages(void **state)
{
    (void)state;
    const size_t full = 106496; /* 6.5 * 2^14: the next insert doubles B = 14 */
    const size_t more = 120000;
    bool thp = kernel_has_thp();
    gomap_background_wait();
    long long base = huge_advised(true), small_base = advised_bytes("nh", false);
    bool check = thp && base >= 0;

    const unsigned plain_flags[] = {GOMAP_NO_HUGE_PAGES, GOMAP_NO_BACKGROUND};
    for (size_t f = 0; f < 2; f++) {
        gomap *m = new_big_elem_map(plain_flags[f]);
        fill_big(m, 0, more);
        assert_int_equal(stats_of(m).B, 15);
        gomap_background_wait();
        if (check) {
            assert_int_equal(huge_advised(true), base);
            assert_int_equal(advised_bytes("nh", false), small_base);
        }
        expect_big(m, more);
        check_map(m);
        gomap_free(m);
    }

    gomap *m = new_big_elem_map(0);
    fill_big(m, 0, full);
    assert_int_equal(stats_of(m).B, 14);
    /* Smaller arrays keep 4 KiB pages; the next one (B = 15, 36 MiB) is
     * prepared and advised for huge pages. Once the thread is done it is
     * faulted in, at least its first 2 MiB with a huge page (the thread
     * advises the rest back to small pages if a huge page fault was slow). */
    gomap_background_wait();
    if (check) {
        long long hg = huge_advised(true) - base;
        long long nh = advised_bytes("nh", false) - small_base;
        assert_true(hg >= 2 * (1LL << 20));
        assert_true(hg + nh >= 32 * (1LL << 20));
        assert_true(hg + nh < 40 * (1LL << 20));
    }
    fill_big(m, full, more);
    assert_int_equal(stats_of(m).B, 15);
    expect_big(m, more);
    check_map(m);
    gomap_free(m);
    gomap_background_wait();
    if (check) {
        assert_int_equal(huge_advised(true), base);
        assert_int_equal(advised_bytes("nh", false), small_base);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grow_with_background_thread),
        cmocka_unit_test(grow_without_background_thread),
        cmocka_unit_test(free_while_preparing),
        cmocka_unit_test(checked_through_preparation),
        cmocka_unit_test(iterators_pin_mapped_arrays),
        cmocka_unit_test(fork_while_preparing),
        cmocka_unit_test(clear_and_clone_large),
        cmocka_unit_test(background_wait),
        cmocka_unit_test(hinted_arrays_use_huge_pages),
        cmocka_unit_test(growth_arrays_use_huge_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
