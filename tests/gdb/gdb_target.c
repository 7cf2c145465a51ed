/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gdb_target.c - maps for the gdb pretty-printer test (check_gdb.py).
 *
 * Builds one map of each ready-made key kind, a set, generic-key maps (one
 * with keys and elems stored indirectly), an empty map, two maps stopped
 * in the middle of a growth (a doubling and a same-size growth), one in the
 * middle of a shrink and two in the caller's storage (gomap_init; one still
 * in its bucket there, one grown out of it), writes
 * their exact contents to the file named by argv[1], and stops in
 * gomap_gdb_stop() where gdb inspects them.
 *
 * Expected-entries file, one map per block:
 *   map NAME
 *   KEY ELEM          (one line per entry; see the format of each map below)
 *   end
 */
#include <gomap/gomap.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read by gdb by name, so not static. */
gomap *gdb_u64_map, *gdb_u32_map, *gdb_str_map, *gdb_f64_map, *gdb_point_map, *gdb_big_map,
    *gdb_set, *gdb_empty_map, *gdb_growing_map, *gdb_same_size_map, *gdb_init_map,
    *gdb_init_grown_map, *gdb_shrinking_map, *gdb_owned_map;

static _Alignas(max_align_t) unsigned char init_storage[2][GOMAP_STORAGE_BYTES(8, 8)];

struct point {
    int32_t x, y, z;
};

/* Over GOMAP_MAX_INLINE bytes: stored indirectly as key and as elem. */
struct big_record {
    uint64_t id;
    unsigned char pad[192];
};

void gomap_gdb_stop(void);

__attribute__((noinline)) void gomap_gdb_stop(void)
{
    /* The maps are globals: make sure they are stored before the stop. */
    __asm__ volatile("" ::: "memory");
}

static void die(const char *what)
{
    fprintf(stderr, "gdb_target: %s\n", what);
    exit(1);
}

static void *must(void *p)
{
    if (p == NULL)
        die("allocation failed");
    return p;
}

/* The expected line of a string entry: the key's bytes in hex ("-" for
 * the empty string), then the elem. */
static void expect_str_entry(FILE *f, const char *w, size_t len, uint32_t elem)
{
    if (len == 0)
        fputc('-', f);
    for (size_t j = 0; j < len; j++)
        fprintf(f, "%02x", (unsigned char)w[j]);
    fprintf(f, " %" PRIu32 "\n", elem);
}

static uint64_t point_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(struct point), seed);
}

static bool point_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(struct point)) == 0;
}

static uint64_t big_hash(const void *k, uint64_t seed)
{
    return gomap_hash_u64(((const struct big_record *)k)->id, seed);
}

static bool big_equal(const void *a, const void *b)
{
    return ((const struct big_record *)a)->id == ((const struct big_record *)b)->id;
}

static gomap_stats stats(const gomap *m)
{
    gomap_stats s;
    gomap_stats_get(m, &s);
    return s;
}

static void check(const gomap *m)
{
    const char *bad = gomap_check(m);
    if (bad != NULL)
        die(bad);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        die("usage: gdb_target EXPECTED-FILE");
    FILE *f = fopen(argv[1], "w");
    if (f == NULL)
        die("cannot write the expected-entries file");

    /* u64 -> u64 with extreme keys; "KEY ELEM" in decimal. */
    gomap_type t64 = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gdb_u64_map = must(gomap_new(&t64, 0));
    fprintf(f, "map gdb_u64_map\n");
    for (uint64_t i = 0; i < 40; i++) {
        uint64_t k = i * UINT64_C(0x9e3779b97f4a7c15);
        *(uint64_t *)must(gomap_assign_u64(gdb_u64_map, k)) = k ^ 0x5555;
        if (i != 5)
            fprintf(f, "%" PRIu64 " %" PRIu64 "\n", k, k ^ 0x5555);
    }
    *(uint64_t *)must(gomap_assign_u64(gdb_u64_map, UINT64_MAX)) = 7;
    fprintf(f, "%" PRIu64 " 7\nend\n", UINT64_MAX);
    if (!gomap_delete_u64(gdb_u64_map, 5 * UINT64_C(0x9e3779b97f4a7c15)))
        die("delete failed");

    /* u32 -> u32; "KEY ELEM" in decimal. */
    gomap_type t32 = gomap_type_u32(GOMAP_ELEM(uint32_t));
    gdb_u32_map = must(gomap_new(&t32, 0));
    fprintf(f, "map gdb_u32_map\n");
    for (uint32_t i = 0; i < 25; i++) {
        uint32_t k = i * 2654435761u;
        *(uint32_t *)must(gomap_assign_u32(gdb_u32_map, k)) = i;
        fprintf(f, "%" PRIu32 " %" PRIu32 "\n", k, i);
    }
    fprintf(f, "end\n");

    /* str -> u32; "HEX-OF-KEY-BYTES ELEM" ("-" for the empty string). */
    static const char *const words[] = {"",         "alpha",       "with space",  "tab\there",
                                        "quote\"q", "back\\slash", "caf\xc3\xa9", "new\nline"};
    static char more[20][8];
    gomap_type tstr = gomap_type_str(GOMAP_ELEM(uint32_t));
    gdb_str_map = must(gomap_new(&tstr, 0));
    fprintf(f, "map gdb_str_map\n");
    for (uint32_t i = 0; i < 28; i++) {
        const char *w = i < 8 ? words[i] : more[i - 8];
        if (i >= 8)
            snprintf(more[i - 8], sizeof more[0], "k%02u", (unsigned)i);
        size_t len = strlen(w);
        *(uint32_t *)must(gomap_assign_str(gdb_str_map, w, len)) = i;
        expect_str_entry(f, w, len, i);
    }
    fprintf(f, "end\n");

    /* The same keys in a map that owns them, assigned from one reused
     * buffer: the printer reads the map's copies. */
    gomap_type towned = gomap_type_str_owned(GOMAP_ELEM(uint32_t));
    gdb_owned_map = must(gomap_new(&towned, 0));
    fprintf(f, "map gdb_owned_map\n");
    for (uint32_t i = 0; i < 28; i++) {
        char buf[16];
        const char *w = i < 8 ? words[i] : more[i - 8];
        size_t len = strlen(w);
        memcpy(buf, w, len);
        *(uint32_t *)must(gomap_assign_str(gdb_owned_map, buf, len)) = i;
        memset(buf, 'X', sizeof buf);
        expect_str_entry(f, w, len, i);
    }
    fprintf(f, "end\n");

    /* f64 -> u64 with NaNs, -0.0 (assigned over +0.0: the key takes the new
     * sign) and infinities; "HEX-FLOAT ELEM". */
    gomap_type tf = gomap_type_f64(GOMAP_ELEM(uint64_t));
    gdb_f64_map = must(gomap_new(&tf, 0));
    const double fk[] = {1.5, -2.25, 0.1, 1e300, -INFINITY, INFINITY, 5e-324, 0.0, -0.0, NAN, NAN};
    for (size_t i = 0; i < sizeof fk / sizeof fk[0]; i++) {
        double k = fk[i];
        *(uint64_t *)must(gomap_assign(gdb_f64_map, &k)) = i;
    }
    fprintf(f, "map gdb_f64_map\n");
    for (size_t i = 0; i < sizeof fk / sizeof fk[0]; i++) {
        if (fk[i] == 0.0 && !signbit(fk[i]))
            continue; /* +0.0 became -0.0 */
        if (isnan(fk[i]))
            fprintf(f, "nan %zu\n", i);
        else
            fprintf(f, "%a %zu\n", fk[i], i);
    }
    fprintf(f, "end\n");

    /* struct point -> uint16_t: generic keys, shown as raw bytes;
     * "HEX-OF-KEY-BYTES ELEM". */
    gomap_type tp = {
        GOMAP_ELEM(struct point), GOMAP_ELEM(uint16_t), point_hash, point_equal, 0, NULL, NULL};
    gdb_point_map = must(gomap_new(&tp, 0));
    fprintf(f, "map gdb_point_map\n");
    for (int32_t i = 0; i < 12; i++) {
        struct point p = {i, -i, i * 1000};
        *(uint16_t *)must(gomap_assign(gdb_point_map, &p)) = (uint16_t)(i + 100);
        const unsigned char *b = (const unsigned char *)&p;
        for (size_t j = 0; j < sizeof p; j++)
            fprintf(f, "%02x", b[j]);
        fprintf(f, " %d\n", (int)(i + 100));
    }
    fprintf(f, "end\n");

    /* big_record -> big_record, both indirect; "KEY-ID ELEM-ID". */
    gomap_type tb = {GOMAP_ELEM(struct big_record),
                     GOMAP_ELEM(struct big_record),
                     big_hash,
                     big_equal,
                     0,
                     NULL,
                     NULL};
    gdb_big_map = must(gomap_new(&tb, 0));
    fprintf(f, "map gdb_big_map\n");
    for (uint64_t i = 1; i <= 10; i++) {
        struct big_record k = {.id = i};
        struct big_record *e = must(gomap_assign(gdb_big_map, &k));
        e->id = i * 10;
        fprintf(f, "%" PRIu64 " %" PRIu64 "\n", i, i * 10);
    }
    fprintf(f, "end\n");

    /* A set of u64; "KEY". */
    gomap_type tset = gomap_type_u64(0, 1);
    gdb_set = must(gomap_new(&tset, 0));
    fprintf(f, "map gdb_set\n");
    for (uint64_t i = 0; i < 15; i++) {
        must(gomap_assign_u64(gdb_set, i * i));
        fprintf(f, "%" PRIu64 "\n", i * i);
    }
    fprintf(f, "end\n");

    gdb_empty_map = must(gomap_new(&t64, 0));
    fprintf(f, "map gdb_empty_map\nend\n");

    /* A doubling from more than 8 buckets is incremental: stop a few
     * writes after one starts. */
    gdb_growing_map = must(gomap_new(&t64, 0));
    uint64_t next = 0;
    while (!stats(gdb_growing_map).growing || stats(gdb_growing_map).old_buckets <= 8) {
        *(uint64_t *)must(gomap_assign_u64(gdb_growing_map, next)) = next * 3;
        next++;
    }
    for (int i = 0; i < 3; i++, next++)
        *(uint64_t *)must(gomap_assign_u64(gdb_growing_map, next)) = next * 3;
    if (!gomap_delete_u64(gdb_growing_map, 1) || !gomap_delete_u64(gdb_growing_map, next - 1))
        die("delete failed");
    gomap_stats gs = stats(gdb_growing_map);
    if (!gs.growing || gs.evacuated >= gs.old_buckets || gs.old_buckets == gs.buckets)
        die("the growing map is not in the middle of a doubling");
    check(gdb_growing_map);
    fprintf(f, "map gdb_growing_map\n");
    for (uint64_t k = 0; k < next - 1; k++)
        if (k != 1)
            fprintf(f, "%" PRIu64 " %" PRIu64 "\n", k, k * 3);
    fprintf(f, "end\n");

    /* Churn at a constant size until a same-size growth starts. */
    gdb_same_size_map = must(gomap_new(&t64, 0));
    enum { LIVE = 80 };
    for (uint64_t i = 0; i < LIVE; i++)
        *(uint64_t *)must(gomap_assign_u64(gdb_same_size_map, i)) = i;
    uint64_t last = LIVE;
    for (;; last++) {
        if (last > 1000000)
            die("no same-size growth");
        *(uint64_t *)must(gomap_assign_u64(gdb_same_size_map, last)) = last;
        if (!gomap_delete_u64(gdb_same_size_map, last - LIVE))
            die("delete failed");
        gomap_stats s = stats(gdb_same_size_map);
        if (s.growing && s.old_buckets == s.buckets && s.evacuated < s.old_buckets)
            break;
    }
    check(gdb_same_size_map);
    fprintf(f, "map gdb_same_size_map\n");
    for (uint64_t k = last + 1 - LIVE; k <= last; k++)
        fprintf(f, "%" PRIu64 " %" PRIu64 "\n", k, k);
    fprintf(f, "end\n");

    /* In the caller's storage: 6 entries in the bucket there, and 30 in
     * arrays the map allocated once it outgrew it. */
    gdb_init_map = must(gomap_init(init_storage[0], sizeof init_storage[0], &t64, NULL));
    gdb_init_grown_map = must(gomap_init(init_storage[1], sizeof init_storage[1], &t64, NULL));
    fprintf(f, "map gdb_init_map\n");
    for (uint64_t k = 100; k < 106; k++) {
        *(uint64_t *)must(gomap_assign_u64(gdb_init_map, k)) = k + 1;
        fprintf(f, "%" PRIu64 " %" PRIu64 "\n", k, k + 1);
    }
    fprintf(f, "end\nmap gdb_init_grown_map\n");
    for (uint64_t k = 200; k < 230; k++) {
        *(uint64_t *)must(gomap_assign_u64(gdb_init_grown_map, k)) = k * 2;
        fprintf(f, "%" PRIu64 " %" PRIu64 "\n", k, k * 2);
    }
    fprintf(f, "end\n");
    check(gdb_init_map);
    check(gdb_init_grown_map);
    /* A shrink from 64 buckets to 4 (gomap_shrink), a few writes in. */
    gdb_shrinking_map = must(gomap_new(&t64, 0));
    for (uint64_t k = 0; k < 400; k++)
        *(uint64_t *)must(gomap_assign_u64(gdb_shrinking_map, k)) = k + 7;
    while (stats(gdb_shrinking_map).growing)
        *(uint64_t *)must(gomap_assign_u64(gdb_shrinking_map, 0)) = 7;
    for (uint64_t k = 20; k < 400; k++)
        if (!gomap_delete_u64(gdb_shrinking_map, k))
            die("delete failed");
    if (!gomap_shrink(gdb_shrinking_map))
        die("gomap_shrink failed");
    for (uint64_t k = 0; k < 2; k++)
        *(uint64_t *)must(gomap_assign_u64(gdb_shrinking_map, k)) = k + 7;
    gs = stats(gdb_shrinking_map);
    if (!gs.growing || gs.old_buckets <= gs.buckets)
        die("the shrinking map is not in the middle of a shrink");
    check(gdb_shrinking_map);
    fprintf(f, "map gdb_shrinking_map\n");
    for (uint64_t k = 0; k < 20; k++)
        fprintf(f, "%" PRIu64 " %" PRIu64 "\n", k, k + 7);
    fprintf(f, "end\n");

    if (fclose(f) != 0)
        die("cannot write the expected-entries file");
    gomap_gdb_stop();

    gomap_free(gdb_u64_map);
    gomap_free(gdb_u32_map);
    gomap_free(gdb_str_map);
    gomap_free(gdb_f64_map);
    gomap_free(gdb_point_map);
    gomap_free(gdb_big_map);
    gomap_free(gdb_set);
    gomap_free(gdb_empty_map);
    gomap_free(gdb_growing_map);
    gomap_free(gdb_same_size_map);
    gomap_free(gdb_init_map);
    gomap_free(gdb_init_grown_map);
    gomap_free(gdb_shrinking_map);
    gomap_free(gdb_owned_map);
    return 0;
}
