/* SPDX-License-Identifier: BSD-3-Clause */
/* Large maps with the default allocator: arrays of a megabyte and more are
 * mapped from the OS, and unmapped after their growth by a background
 * thread or (GOMAP_NO_BACKGROUND) by the free itself. These tests walk
 * growth through several large doublings, freeing maps around growths,
 * iterators pinning large arrays, fork while frees are queued, maps freed
 * or forked while their new arrays are populated in the background, and
 * that the memory of old arrays is given back. */
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

/* Free maps at every stage around a large growth: before it, while it
 * runs, and after (the old array's unmapping may still be queued). */
static void free_around_growth(void **state)
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

/* The map is consistent at every stage of large growths: checked every
 * 500 writes while a growth runs and after its old array is released, with
 * and without the background thread (gomap_check also verifies the
 * short-path limit the writes rely on). */
static void checked_through_growth(void **state)
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
 * large arrays are released when the last iterator ends. */
static void iterators_pin_large_arrays(void **state)
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
 * and be freed as usual (queueing large frees to a thread of its own), and
 * so must the parent's. The fork comes right after large frees were
 * queued: a map's old arrays and whole maps. */
static void fork_while_free_queued(void **state)
{
    (void)state;
    gomap *m = test_new_u64_map(0);
    for (int i = 0; i < 3; i++) {
        gomap *o = test_new_u64_map(0);
        test_fill_u64(o, 0, 60000);
        gomap_free(o);
    }
    test_fill_u64(m, 0, 22000); /* past a large growth: its old array is queued */
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

static gomap *new_hinted(size_t hint, unsigned flags);

/* New large arrays are populated in the background: maps freed while
 * theirs are queued or being populated (a growth just started, or a large
 * hint just mapped), several at a time, leave nothing mapped behind and
 * nothing touched after the free. */
static void free_while_populating(void **state)
{
    (void)state;
    for (int r = 0; r < 20; r++) {
        gomap *m = test_new_u64_map(0);
        test_fill_u64(m, 0, 106497); /* 6.5 * 2^14 + 1: growth to a 4.6 MiB array */
        assert_true(stats_of(m).growing);
        gomap *h = new_hinted(1000000, 0); /* a 37 MiB array */
        gomap *g = new_hinted(200000, 0);
        test_fill_u64(g, 0, 1000);
        if (r % 2 == 0)
            gomap_background_wait(); /* let some populating start */
        gomap_free(h);
        expect_range(g, 0, 1000);
        check_map(g);
        gomap_free(m);
        gomap_free(g);
    }
    gomap_background_wait();
    /* Populated pages read as zero: a hinted map's array is empty. */
    gomap *h = new_hinted(1000000, 0);
    gomap_background_wait();
    check_map(h);
    assert_int_equal(gomap_len(h), 0);
    assert_null(gomap_get_u64(h, test_u64_key(1)));
    test_fill_u64(h, 0, 100000);
    expect_range(h, 0, 100000);
    gomap_free(h);
    gomap_background_wait();
}

/* A fork while a large array is being populated: the child forgets the
 * job, and its maps, the parent's included, work, grow and are freed as
 * usual; the parent's populating goes on. */
static void fork_while_populating(void **state)
{
    (void)state;
    gomap *m = new_hinted(1000000, 0);
    test_fill_u64(m, 0, 1000);
    gomap *g = test_new_u64_map(0);
    test_fill_u64(g, 0, 106497); /* growing: its new array is queued too */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int ok = 1;
        for (size_t i = 1000; i < 200000 && ok; i++) {
            uint64_t *e = gomap_assign_u64(m, test_u64_key(i));
            ok = e != NULL;
            if (ok)
                *e = i;
        }
        for (size_t i = 0; i < 200000 && ok; i++) {
            uint64_t *e = gomap_get_u64(m, test_u64_key(i));
            ok = e != NULL && *e == i;
        }
        ok = ok && gomap_check(m) == NULL;
        gomap_free(m);
        gomap_free(g);
        gomap_type t = gomap_type_u64(sizeof(uint64_t), _Alignof(uint64_t));
        gomap *c = gomap_new(&t, 500000);
        for (size_t i = 0; i < 60000 && ok; i++)
            ok = gomap_assign_u64(c, test_u64_key(i)) != NULL;
        ok = ok && gomap_check(c) == NULL;
        gomap_free(c);
        gomap_background_wait();
        _exit(ok ? 0 : 1);
    }
    test_fill_u64(m, 1000, 100000);
    test_fill_u64(g, 106497, 150000);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    expect_range(m, 0, 100000);
    expect_range(g, 0, 150000);
    check_map(m);
    check_map(g);
    gomap_free(m);
    gomap_free(g);
    gomap_background_wait();
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
    test_fill_u64(m, 0, 22000);
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

static gomap *new_hinted(size_t hint, unsigned flags)
{
    gomap_type t = gomap_type_u64(sizeof(uint64_t), _Alignof(uint64_t));
    gomap_options o = {NULL, 0, flags};
    gomap *m = gomap_new_with(&t, hint, &o);
    assert_non_null(m);
    return m;
}

/* The map's byte count covers the arrays in use only: once a growth is
 * over, its old array is no longer counted (its unmapping may still be
 * queued), with and without the background thread. */
static void old_arrays_given_back(void **state)
{
    (void)state;
    for (unsigned flags = 0; flags <= GOMAP_NO_BACKGROUND; flags += GOMAP_NO_BACKGROUND) {
        gomap *m = test_new_u64_map(flags);
        size_t n = 0;
        unsigned last_B = 0;
        for (unsigned checked = 0; checked < 3;) {
            test_fill_u64(m, n, n + 1000);
            n += 1000;
            gomap_stats s = stats_of(m);
            if (s.growing || s.B == last_B)
                continue;
            last_B = s.B;
            if (s.B < 14)
                continue;
            /* A growth just ended. The array (2^B buckets of 144 bytes)
             * is most of the bytes; the old one (half of it) is gone. */
            size_t array = s.buckets * 144;
            assert_true(s.bytes >= array);
            assert_true(s.bytes < array + array / 4);
            checked++;
        }
        expect_range(m, 0, n);
        gomap_free(m);
    }
    gomap_background_wait();
}

/* A large hint's array is taken as the OS gives it, whatever the huge-page
 * flag (a no-op now): the map works, and grows past its hint. */
static void large_hints(void **state)
{
    (void)state;
    const size_t hint = 200000; /* B = 15: an array of about 4.6 MiB */
    const unsigned flags[] = {0, GOMAP_NO_HUGE_PAGES, GOMAP_NO_BACKGROUND};
    for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
        gomap *m = new_hinted(hint, flags[f]);
        assert_int_equal(stats_of(m).B, 15);
        test_fill_u64(m, 0, hint);
        assert_int_equal(stats_of(m).B, 15);
        expect_range(m, 0, hint);
        test_fill_u64(m, hint, MANY);
        expect_range(m, 0, MANY);
        check_map(m);
        gomap_free(m);
    }
    gomap_background_wait();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grow_with_background_thread),
        cmocka_unit_test(grow_without_background_thread),
        cmocka_unit_test(free_around_growth),
        cmocka_unit_test(checked_through_growth),
        cmocka_unit_test(iterators_pin_large_arrays),
        cmocka_unit_test(fork_while_free_queued),
        cmocka_unit_test(free_while_populating),
        cmocka_unit_test(fork_while_populating),
        cmocka_unit_test(clear_and_clone_large),
        cmocka_unit_test(background_wait),
        cmocka_unit_test(old_arrays_given_back),
        cmocka_unit_test(large_hints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
