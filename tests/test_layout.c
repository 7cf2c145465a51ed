/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_layout.c - bucket sizes follow Go's compiler (8 + 8*keysize +
 * 8*elemsize + 8 for alignments up to 8, keys/elems over 128 bytes stored
 * by pointer), and B >= 4 arrays carry 2^(B-4) spare overflow buckets.
 * Measured through stats.bytes: a map made with hint 100 (B = 4, 16 + 1
 * buckets) and one made with hint 200 (B = 5, 32 + 2 buckets) differ by
 * exactly 17 buckets.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "internal.h"
#include "test_util.h"

static uint64_t h_any(const void *k, uint64_t seed)
{
    (void)k;
    return seed;
}
static bool eq_any(const void *a, const void *b)
{
    (void)a;
    (void)b;
    return true;
}

static size_t bucket_size_of(gomap_type t)
{
    gomap *m4 = gomap_new(&t, 100), *m5 = gomap_new(&t, 200);
    assert_non_null(m4);
    assert_non_null(m5);
    gomap_stats s4, s5;
    gomap_stats_get(m4, &s4);
    gomap_stats_get(m5, &s5);
    assert_int_equal(s4.B, 4);
    assert_int_equal(s5.B, 5);
    size_t diff = s5.bytes - s4.bytes;
    assert_int_equal(diff % 17, 0);
    gomap_free(m4);
    gomap_free(m5);
    return diff / 17;
}

static gomap_type generic(size_t ks, size_t ka, size_t es, size_t ea)
{
    gomap_type t = {ks, ka, es, ea, h_any, eq_any, 0, NULL, NULL};
    return t;
}

static void go_bucket_sizes(void **state)
{
    (void)state;
    /* Figures measured on Go 1.19 (see the semantics reference, 2.1). */
    assert_int_equal(bucket_size_of(gomap_type_u64(GOMAP_ELEM(uint64_t))), 144); /* int64->int64 */
    assert_int_equal(bucket_size_of(gomap_type_u32(GOMAP_ELEM(uint32_t))), 80);  /* int32->int32 */
    assert_int_equal(bucket_size_of(gomap_type_u64(GOMAP_ELEM(int8_t))), 88);    /* int64->int8 */
    assert_int_equal(bucket_size_of(generic(1, 1, 8, 8)), 88);                   /* int8->int64 */
    assert_int_equal(bucket_size_of(gomap_type_str(GOMAP_ELEM(int64_t))), 208);  /* string->int */
    assert_int_equal(bucket_size_of(gomap_type_u64(0, 1)), 80);                  /* int->struct{} */
    assert_int_equal(bucket_size_of(generic(0, 1, 0, 1)), 16);     /* struct{}->struct{} */
    assert_int_equal(bucket_size_of(generic(3, 1, 2, 2)), 56);     /* [3]byte->uint16 */
    assert_int_equal(bucket_size_of(generic(128, 1, 8, 8)), 1104); /* [128]byte->int, inline */
    assert_int_equal(bucket_size_of(generic(129, 1, 8, 8)), 144);  /* [129]byte->int, indirect */
    assert_int_equal(bucket_size_of(generic(8, 8, 129, 1)), 144);  /* int->[129]byte, indirect */
}

/* Beyond Go: 16-byte alignment keeps every key and elem aligned. */
static void wide_alignment(void **state)
{
    (void)state;
    size_t a = GOMAP_MAX_ALIGN;
    if (a < 16)
        skip();
    gomap_type t = generic(16, 16, 16, 16);
    size_t bs = bucket_size_of(t);
    assert_int_equal(bs % 16, 0);
    assert_true(bs >= 16 + 8 * 16 + 8 * 16 + 8);
}

/* The fast paths compile the common layouts with constant offsets; a map
 * gets such a shape only when its computed layout is exactly the shape's. */
static uint8_t shape_of_type(gomap_type t)
{
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    uint8_t shape = m->t.shape;
    if (shape != SHAPE_ANY) {
        const maptype *c = shape_layout(m, shape);
        assert_int_equal(m->t.keysize, c->keysize);
        assert_int_equal(m->t.elemsize, c->elemsize);
        assert_int_equal(m->t.keys_off, c->keys_off);
        assert_int_equal(m->t.elems_off, c->elems_off);
        assert_int_equal(m->t.key_stride, c->key_stride);
        assert_int_equal(m->t.elem_stride, c->elem_stride);
        assert_int_equal(m->t.overflow_off, c->overflow_off);
        assert_int_equal(m->t.bodysize, c->bodysize);
        assert_int_equal(m->t.top_off, c->top_off);
        assert_int_equal(m->t.bucketsize, c->bucketsize);
        assert_int_equal(m->t.kind, c->kind);
        assert_int_equal(m->t.indirect_key, c->indirect_key);
        assert_int_equal(m->t.indirect_elem, c->indirect_elem);
        assert_int_equal(m->t.reflexive, c->reflexive);
        assert_int_equal(m->t.need_key_update, c->need_key_update);
        assert_int_equal(m->t.delete_writes_body, c->delete_writes_body);
        assert_int_equal(m->t.key_span, c->key_span);
    }
    gomap_free(m);
    return shape;
}

static void fast_path_shapes(void **state)
{
    (void)state;
    assert_int_equal(shape_of_type(gomap_type_u64(GOMAP_ELEM(uint64_t))), SHAPE_U64_8);
    assert_int_equal(shape_of_type(gomap_type_u64(GOMAP_ELEM(double))), SHAPE_U64_8);
    assert_int_equal(shape_of_type(gomap_type_str(GOMAP_ELEM(gomap_str))), SHAPE_STR_16);
    assert_int_equal(shape_of_type(gomap_type_u32(GOMAP_ELEM(uint32_t))), SHAPE_U32_4);
    assert_int_equal(shape_of_type(gomap_type_u32(GOMAP_ELEM(float))), SHAPE_U32_4);
    assert_int_equal(shape_of_type(gomap_type_str(GOMAP_ELEM(uint64_t))), SHAPE_STR_8);
    assert_int_equal(shape_of_type(gomap_type_str(GOMAP_ELEM(void *))), SHAPE_STR_8);
    /* Other layouts take the general code. */
    assert_int_equal(shape_of_type(gomap_type_u64(GOMAP_ELEM(uint32_t))), SHAPE_ANY);
    assert_int_equal(shape_of_type(gomap_type_u64(0, 1)), SHAPE_ANY);
    assert_int_equal(shape_of_type(gomap_type_str(GOMAP_ELEM(uint32_t))), SHAPE_ANY);
    assert_int_equal(shape_of_type(gomap_type_u32(GOMAP_ELEM(uint64_t))), SHAPE_ANY);
    assert_int_equal(shape_of_type(gomap_type_u32(0, 1)), SHAPE_ANY);
    assert_int_equal(shape_of_type(gomap_type_f64(GOMAP_ELEM(double))), SHAPE_ANY);
    assert_int_equal(shape_of_type(generic(8, 8, 8, 8)), SHAPE_ANY);
    /* A u64 key said to hold pointers is cleared on delete: not shaped. */
    gomap_type p = gomap_type_u64(GOMAP_ELEM(uint64_t));
    p.flags |= GOMAP_KEY_POINTERS;
    assert_int_equal(shape_of_type(p), SHAPE_ANY);
    gomap_type p32 = gomap_type_u32(GOMAP_ELEM(uint32_t));
    p32.flags |= GOMAP_KEY_POINTERS;
    assert_int_equal(shape_of_type(p32), SHAPE_ANY);
    /* 16-byte elems aligned to 16 change the layout. */
    if (GOMAP_MAX_ALIGN >= 16)
        assert_int_equal(shape_of_type(gomap_type_str(16, 16)), SHAPE_ANY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(go_bucket_sizes),
        cmocka_unit_test(wide_alignment),
        cmocka_unit_test(fast_path_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
