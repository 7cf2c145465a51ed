/* SPDX-License-Identifier: BSD-3-Clause */
/* A map with big generic keys: a 256-byte record identifies each entry.
 * Keys over 128 bytes are stored out of line, as in Go; the detailed
 * statistics show what that costs. */
#include <gomap/stats.h>
#include <gomap/typed.h>

#include <stdio.h>

typedef struct file_id {
    char path[240];
    uint64_t device, inode;
} file_id;

typedef struct file_info {
    uint64_t size;
    uint32_t links;
} file_info;

/* The key's bytes are fully defined (zero-padded path), so hashing and
 * comparing them as bytes is right. */
static uint64_t file_id_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, sizeof(file_id), seed);
}

static bool file_id_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(file_id)) == 0;
}

GOMAP_DECLARE_GENERIC(files, file_id, file_info, file_id_hash, file_id_equal)

static file_id make_id(unsigned i)
{
    file_id id;
    memset(&id, 0, sizeof id);
    snprintf(id.path, sizeof id.path, "/srv/data/%03u/part-%05u.bin", i % 97, i);
    id.device = 2049;
    id.inode = 1000000 + i;
    return id;
}

int main(void)
{
    files *m = files_new(0);
    if (m == NULL)
        return 1;
    enum { N = 5000 };
    for (unsigned i = 0; i < N; i++) {
        file_id id = make_id(i);
        file_info info = {(uint64_t)i * 4096, 1 + i % 3};
        if (!files_put(m, &id, info))
            return 1;
    }
    file_id probe = make_id(4321);
    file_info *fi = files_get(m, &probe);
    printf("%s: size %llu, links %u\n", probe.path, fi ? (unsigned long long)fi->size : 0ull,
           fi ? fi->links : 0u);
    probe.inode++; /* same path, other inode: another key */
    printf("other inode present: %s\n", files_has(m, &probe) ? "yes" : "no");

    gomap_stats_detail s;
    gomap_stats_detailed(files_map(m), &s);
    gomap_stats_print(stdout, &s);
    printf("out-of-line keys: %zu bytes for %zu entries\n", s.bytes_indirect, s.base.count);
    int ok = fi != NULL && fi->size == 4321u * 4096 && s.bytes_indirect >= N * sizeof(file_id);
    files_free(m);
    return ok ? 0 : 1;
}
