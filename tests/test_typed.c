/* SPDX-License-Identifier: BSD-3-Clause */
/* Typed wrappers (include/gomap/typed.h): every declarator and operation. */
#include "test_util.h"

#include <gomap/typed.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

GOMAP_DECLARE(u32_int, u32, int)
GOMAP_DECLARE(u64_dbl, u64, double)
GOMAP_DECLARE(wordcount, str, uint64_t)
GOMAP_DECLARE(f64_int, f64, int)
GOMAP_DECLARE_SET(u64_set, u64)
GOMAP_DECLARE_SET(str_set, str)

typedef struct point3 {
    int32_t x, y, z;
} point3;

typedef struct label {
    char text[24];
} label;

static uint64_t point3_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(point3), seed);
}

static bool point3_equal(const void *a, const void *b)
{
    const point3 *p = a, *q = b;
    return p->x == q->x && p->y == q->y && p->z == q->z;
}

GOMAP_DECLARE_GENERIC(point_labels, point3, label, point3_hash, point3_equal)

static void u32_map(void **state)
{
    (void)state;
    u32_int *m = u32_int_new(0);
    assert_non_null(m);
    for (uint32_t i = 0; i < 1000; i++)
        assert_true(u32_int_put(m, i, (int)i * 2));
    assert_int_equal(u32_int_len(m), 1000);
    assert_int_equal(*u32_int_get(m, 10), 20);
    assert_null(u32_int_get(m, 5000));
    assert_int_equal(u32_int_get_or(m, 5000, -1), -1);
    assert_int_equal(u32_int_get_or(m, 7, -1), 14);
    /* The underlying map is a u32 map: its fast path accepts it. */
    assert_int_equal(*(int *)gomap_get_u32(u32_int_map(m), 3), 6);
    ++*u32_int_slot(m, 3);
    assert_int_equal(*u32_int_get(m, 3), 7);
    int *fresh = u32_int_slot(m, 4242);
    assert_non_null(fresh);
    assert_int_equal(*fresh, 0);
    assert_true(u32_int_delete(m, 4242));
    assert_false(u32_int_delete(m, 4242));
    assert_true(u32_int_has(m, 999));
    assert_false(u32_int_has(m, 1000));

    u32_int *c = u32_int_clone(m);
    assert_non_null(c);
    u32_int_clear(m);
    assert_int_equal(u32_int_len(m), 0);
    assert_int_equal(u32_int_len(c), 1000);

    long sum = 0;
    size_t n = 0;
    u32_int_iter it;
    for (u32_int_iter_init(&it, c); u32_int_iter_next(&it);) {
        assert_int_equal(*it.elem, *it.key == 3 ? 7 : (int)*it.key * 2);
        sum += *it.key;
        n++;
    }
    assert_null(it.key);
    assert_int_equal(n, 1000);
    assert_int_equal(sum, 999 * 1000 / 2);
    u32_int_free(c);
    u32_int_free(m);
    u32_int_free(NULL);
}

static void u64_map_and_early_exit(void **state)
{
    (void)state;
    u64_dbl *m = u64_dbl_new(100);
    assert_non_null(m);
    for (uint64_t i = 1; i <= 100; i++)
        assert_true(u64_dbl_put(m, i << 40, (double)i / 2));
    assert_true(*u64_dbl_get(m, (uint64_t)50 << 40) == 25.0);
    u64_dbl_iter it;
    u64_dbl_iter_init(&it, m);
    assert_true(u64_dbl_iter_next(&it));
    assert_true(*it.elem == (double)(*it.key >> 40) / 2);
    u64_dbl_iter_done(&it);
    u64_dbl_free(m);
}

static void str_map(void **state)
{
    (void)state;
    static const char *text[] = {"to", "be", "or", "not", "to", "be"};
    wordcount *wc = wordcount_new(0);
    assert_non_null(wc);
    for (size_t i = 0; i < 6; i++)
        ++*wordcount_slot(wc, gomap_str_of(text[i]));
    assert_int_equal(wordcount_len(wc), 4);
    assert_int_equal(wordcount_get_or(wc, gomap_str_of("to"), 0), 2);
    assert_int_equal(wordcount_get_or(wc, gomap_str_of("not"), 0), 1);
    /* Keys compare by content, not by pointer. */
    char buf[3] = {'b', 'e', 0};
    assert_int_equal(*wordcount_get(wc, gomap_str_of(buf)), 2);
    gomap_str partial = {"bee", 2};
    assert_int_equal(*wordcount_get(wc, partial), 2);
    assert_true(wordcount_delete(wc, gomap_str_of("or")));
    assert_false(wordcount_has(wc, gomap_str_of("or")));
    uint64_t total = 0;
    wordcount_iter it;
    for (wordcount_iter_init(&it, wc); wordcount_iter_next(&it);)
        total += *it.elem;
    assert_int_equal(total, 5);
    wordcount_free(wc);
}

static void f64_map(void **state)
{
    (void)state;
    f64_int *m = f64_int_new(0);
    assert_non_null(m);
    assert_true(f64_int_put(m, 0.0, 1));
    assert_true(f64_int_put(m, -0.0, 2)); /* +0 == -0, as in Go */
    assert_int_equal(f64_int_len(m), 1);
    assert_int_equal(*f64_int_get(m, 0.0), 2);
    assert_true(f64_int_put(m, 1.5, 3));
    assert_int_equal(f64_int_get_or(m, 1.5, 0), 3);
    assert_true(f64_int_delete(m, 1.5));
    f64_int_free(m);
}

static void sets(void **state)
{
    (void)state;
    u64_set *s = u64_set_new(0);
    assert_non_null(s);
    for (uint64_t i = 0; i < 3000; i++)
        assert_true(u64_set_add(s, i * i));
    assert_true(u64_set_add(s, 4)); /* already there */
    assert_int_equal(u64_set_len(s), 3000);
    assert_true(u64_set_has(s, 49));
    assert_false(u64_set_has(s, 50));
    assert_true(u64_set_delete(s, 49));
    assert_false(u64_set_has(s, 49));
    size_t n = 0;
    u64_set_iter it;
    for (u64_set_iter_init(&it, s); u64_set_iter_next(&it);) {
        assert_true(u64_set_has(s, *it.key));
        n++;
    }
    assert_int_equal(n, 2999);
    u64_set *c = u64_set_clone(s);
    u64_set_clear(s);
    assert_int_equal(u64_set_len(s), 0);
    assert_int_equal(u64_set_len(c), 2999);
    u64_set_free(c);
    u64_set_free(s);

    str_set *w = str_set_new(0);
    assert_true(str_set_add(w, gomap_str_of("x")));
    assert_true(str_set_add(w, gomap_str_of("y")));
    assert_true(str_set_add(w, gomap_str_of("x")));
    assert_int_equal(str_set_len(w), 2);
    str_set_free(w);
}

static void generic_keys(void **state)
{
    (void)state;
    point_labels *m = point_labels_new(0);
    assert_non_null(m);
    for (int32_t i = 0; i < 500; i++) {
        point3 p = {i, -i, i * 3};
        label l;
        snprintf(l.text, sizeof l.text, "p%d", (int)i);
        assert_true(point_labels_put(m, &p, l));
    }
    point3 q = {42, -42, 126};
    assert_string_equal(point_labels_get(m, &q)->text, "p42");
    point3 absent = {42, 42, 126};
    assert_false(point_labels_has(m, &absent));
    assert_true(point_labels_delete(m, &q));
    assert_int_equal(point_labels_len(m), 499);
    point_labels_iter it;
    size_t n = 0;
    for (point_labels_iter_init(&it, m); point_labels_iter_next(&it);) {
        char want[24];
        snprintf(want, sizeof want, "p%d", (int)it.key->x);
        assert_string_equal(it.elem->text, want);
        n++;
    }
    assert_int_equal(n, 499);
    point_labels_free(m);
}

/* Errors come through unchanged: ENOMEM from the allocator. */
static void allocation_failure(void **state)
{
    (void)state;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 1);
    u64_dbl *m = u64_dbl_new_with(0, &o);
    assert_non_null(m);
    ta.fail_at = ta.calls + 1;
    errno = 0;
    assert_false(u64_dbl_put(m, 1, 1.0));
    assert_int_equal(errno, ENOMEM);
    assert_int_equal(u64_dbl_len(m), 0);
    assert_true(u64_dbl_put(m, 1, 1.0));
    u64_dbl_free(m);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(u32_map),
        cmocka_unit_test(u64_map_and_early_exit),
        cmocka_unit_test(str_map),
        cmocka_unit_test(f64_map),
        cmocka_unit_test(sets),
        cmocka_unit_test(generic_keys),
        cmocka_unit_test(allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
