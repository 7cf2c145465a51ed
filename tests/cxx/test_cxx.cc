/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * test_cxx.cc - every public header compiles as C++ (-Wpedantic -Werror), and
 * the macros (GOMAP_ELEM, GOMAP_MAX_ALIGN, the typed declarators) work there:
 * a small program over the library that checks its own results.
 */
#include <gomap/boehm.h>
#include <gomap/gomap.h>
#include <gomap/pool.h>
#include <gomap/snapshot.h>
#include <gomap/stats.h>
#include <gomap/sync.h>
#include <gomap/typed.h>

#include <cstdio>

namespace {

struct point {
    int32_t x, y;
};

extern "C" uint64_t point_hash(const void *k, uint64_t seed)
{
    const point *p = static_cast<const point *>(k);
    uint64_t h = seed ^ 0x9e3779b97f4a7c15ull;
    h = (h ^ static_cast<uint32_t>(p->x)) * 0x100000001b3ull;
    h = (h ^ static_cast<uint32_t>(p->y)) * 0x100000001b3ull;
    return h ^ (h >> 29);
}

extern "C" bool point_equal(const void *a, const void *b)
{
    const point *p = static_cast<const point *>(a), *q = static_cast<const point *>(b);
    return p->x == q->x && p->y == q->y;
}

} // namespace

GOMAP_DECLARE(wordcount, str, uint64_t)
GOMAP_DECLARE(squares, u64, double)
GOMAP_DECLARE_SET(idset, u32)
GOMAP_DECLARE_GENERIC(grid, point, int, point_hash, point_equal)

static int failures;
#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            std::fprintf(stderr, "FAIL line %d: %s\n", __LINE__, #c);                              \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

int main()
{
    static_assert(GOMAP_MAX_ALIGN >= alignof(double), "GOMAP_MAX_ALIGN");

    /* The generic API with GOMAP_ELEM. */
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new(&t, 0);
    CHECK(m != nullptr);
    for (uint64_t i = 0; i < 1000; i++) {
        uint64_t *e = static_cast<uint64_t *>(gomap_assign_u64(m, i));
        CHECK(e != nullptr);
        *e = i * 2;
    }
    CHECK(gomap_len(m) == 1000);
    CHECK(*static_cast<uint64_t *>(gomap_get_u64(m, 21)) == 42);
    gomap_free(m);

    /* A map in the caller's storage, sized by a constant expression. */
    static_assert(GOMAP_STORAGE_BYTES(8, 8) >= 8 * 16, "GOMAP_STORAGE_BYTES");
    alignas(max_align_t) unsigned char buf[GOMAP_STORAGE_BYTES(sizeof(uint64_t), sizeof(uint64_t))];
    CHECK(gomap_storage_size(&t) <= sizeof buf);
    gomap *sm = gomap_init(buf, sizeof buf, &t, nullptr);
    CHECK(sm == static_cast<void *>(buf));
    for (uint64_t i = 0; i < 100; i++)
        *static_cast<uint64_t *>(gomap_assign_u64(sm, i)) = i;
    CHECK(*static_cast<uint64_t *>(gomap_get_u64(sm, 99)) == 99);
    gomap_free(sm);
    squares *ssq = squares_init(buf, sizeof buf, nullptr);
    CHECK(ssq != nullptr && squares_put(ssq, 3, 9.0) && squares_get_or(ssq, 3, 0) == 9.0);
    squares_free(ssq);

    /* The typed declarators. */
    const char *words[] = {"go", "map", "go", "c", "go"};
    wordcount *wc = wordcount_new(0);
    CHECK(wc != nullptr);
    for (const char *w : words) {
        uint64_t *n = wordcount_slot(wc, gomap_str_of(w));
        CHECK(n != nullptr);
        ++*n;
    }
    CHECK(wordcount_len(wc) == 3);
    CHECK(wordcount_get_or(wc, gomap_str_of("go"), 0) == 3);
    wordcount_iter it;
    uint64_t total = 0;
    for (wordcount_iter_init(&it, wc); wordcount_iter_next(&it);)
        total += *it.elem;
    CHECK(total == 5);
    wordcount_free(wc);

    squares *sq = squares_new(16);
    for (uint64_t i = 0; i < 100; i++)
        CHECK(squares_put(sq, i, static_cast<double>(i * i)));
    CHECK(squares_get_or(sq, 9, -1.0) == 81.0);
    CHECK(squares_delete(sq, 9) && !squares_has(sq, 9));
    squares *copy = squares_clone(sq);
    CHECK(copy != nullptr && squares_len(copy) == 99);
    squares_free(copy);
    squares_free(sq);

    idset *ids = idset_new(0);
    CHECK(idset_add(ids, 7) && idset_add(ids, 7) && idset_add(ids, 8));
    CHECK(idset_len(ids) == 2 && idset_has(ids, 8));
    idset_free(ids);

    grid *g = grid_new(0);
    point p = {3, -4};
    CHECK(grid_put(g, &p, 5));
    point q = {3, -4};
    CHECK(grid_get_or(g, &q, 0) == 5);
    grid_free(g);

    if (failures == 0)
        std::printf("c++: every public header and macro ok\n");
    return failures == 0 ? 0 : 1;
}
