/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * gomap - look at what a gomap costs: byte footprint, bucket layout, growth
 * and the benchmark suite, from the command line.
 *
 *   gomap footprint [--key K] [--elem E] [-n N] [--hint H] [--json]
 *   gomap layout    [--key K] [--elem E] [-n N] [--seed S] [--full] [--svg FILE] [--json]
 *   gomap grow      [--key K] [--elem E] [-n N] [--trace] [--svg FILE] [--json]
 *   gomap bench     [--source DIR] [--full] [--dry-run] [--json]
 *   gomap --version | --help;  gomap <command> --help | --version
 *
 * Kinds: u32, u64, str, blob:N (N bytes); elems also `none` (a set).
 * Exit status: 0 success, 1 failure while running, 2 bad arguments (nothing
 * is written to stdout or to any file then).
 */
#include <gomap/gomap.h>
#include <gomap/stats.h>

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef GOMAP_SOURCE_DIR
#define GOMAP_SOURCE_DIR ""
#endif

#define EXIT_USAGE 2
#define MAX_N      50000000ul /* keeps every subcommand's scratch memory bounded */
#define MAX_BLOB   4096ul

/* ---- Errors ----------------------------------------------------------------- */

static const char *g_cmd = "gomap";

#define GOMAP_STR_(x) #x
#define GOMAP_STR(x)  GOMAP_STR_(x)
#define GOMAP_TOOL_VERSION                                                                         \
    GOMAP_STR(GOMAP_VERSION_MAJOR)                                                                 \
    "." GOMAP_STR(GOMAP_VERSION_MINOR) "." GOMAP_STR(GOMAP_VERSION_PATCH)

static int print_version(void)
{
    printf("gomap %s\n", GOMAP_TOOL_VERSION);
    return fflush(stdout) == 0 ? 0 : EXIT_FAILURE;
}

static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", g_cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry '%s --help'.\n", g_cmd);
    va_end(ap);
    exit(EXIT_USAGE);
}

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", g_cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(EXIT_FAILURE);
}

static void *xmalloc(size_t n)
{
    void *p = calloc(n != 0 ? n : 1, 1);
    if (p == NULL)
        die("out of memory (%zu bytes)", n);
    return p;
}

/* ---- Key and elem kinds ---------------------------------------------------------- */

enum kind_tag { K_NONE, K_U32, K_U64, K_STR, K_BLOB };

typedef struct kind {
    enum kind_tag tag;
    size_t size; /* bytes of one key or elem */
    char name[24];
} kind;

static bool parse_size(const char *s, size_t *out)
{
    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    /* Accept plain integers and the 1e6 shorthand. */
    if (*end == 'e' && end[1] >= '0' && end[1] <= '9' && end[2] == '\0' && v < 1000) {
        for (int i = 0; i < end[1] - '0'; i++)
            v *= 10;
        end += 2;
    }
    if (errno != 0 || *end != '\0' || v > SIZE_MAX)
        return false;
    *out = (size_t)v;
    return true;
}

static bool parse_kind(const char *s, bool allow_none, kind *k)
{
    memset(k, 0, sizeof *k);
    if (strcmp(s, "u32") == 0) {
        k->tag = K_U32;
        k->size = 4;
    } else if (strcmp(s, "u64") == 0) {
        k->tag = K_U64;
        k->size = 8;
    } else if (strcmp(s, "str") == 0) {
        k->tag = K_STR;
        k->size = sizeof(gomap_str);
    } else if (allow_none && strcmp(s, "none") == 0) {
        k->tag = K_NONE;
        k->size = 0;
    } else if (strncmp(s, "blob:", 5) == 0) {
        size_t n;
        if (!parse_size(s + 5, &n) || n == 0 || n > MAX_BLOB)
            return false;
        k->tag = K_BLOB;
        k->size = n;
    } else {
        return false;
    }
    snprintf(k->name, sizeof k->name, "%s", s);
    return true;
}

/* Blob keys: the size lives here, since gomap_equal_fn takes no context. */
static size_t g_blob_key_size;

static uint64_t blob_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, g_blob_key_size, seed);
}

static bool blob_equal(const void *a, const void *b)
{
    return memcmp(a, b, g_blob_key_size) == 0;
}

static gomap_type type_for(const kind *key, const kind *elem)
{
    size_t es = elem->size, ea = 1;
    if (elem->tag == K_U32)
        ea = 4;
    else if (elem->tag == K_U64)
        ea = 8;
    else if (elem->tag == K_STR)
        ea = _Alignof(gomap_str);
    switch (key->tag) {
    case K_U32: return gomap_type_u32(es, ea);
    case K_U64: return gomap_type_u64(es, ea);
    case K_STR: return gomap_type_str(es, ea);
    default: {
        g_blob_key_size = key->size;
        gomap_type t = {key->size, 1, es, ea, blob_hash, blob_equal, 0, NULL, NULL};
        return t;
    }
    }
}

/* The entries a subcommand inserts: key i and elem i, strings "key%zu" and
 * "value%zu" (the reference workload's shape) kept in one arena that the
 * caller owns, blobs holding i in their first bytes. */
typedef struct dataset {
    kind key, elem;
    size_t n;
    char *strings;       /* arena of the string keys and elems */
    size_t string_bytes; /* bytes of string contents (no terminators) */
    size_t *key_off, *elem_off;
} dataset;

static void put_index(unsigned char *dst, size_t size, size_t i)
{
    memset(dst, 0, size);
    for (size_t b = 0; b < size && b < sizeof(size_t); b++)
        dst[b] = (unsigned char)(i >> (8 * b));
}

static void dataset_init(dataset *d, const kind *key, const kind *elem, size_t n)
{
    memset(d, 0, sizeof *d);
    d->key = *key;
    d->elem = *elem;
    d->n = n;
    if (key->tag == K_STR || elem->tag == K_STR) {
        size_t cap = 0;
        for (int pass = 0; pass < 2; pass++) {
            size_t pos = 0;
            if (pass == 1) {
                d->strings = xmalloc(cap);
                d->key_off = xmalloc(n * sizeof *d->key_off);
                d->elem_off = xmalloc(n * sizeof *d->elem_off);
            }
            for (size_t i = 0; i < n; i++) {
                char buf[48];
                if (key->tag == K_STR) {
                    int len = snprintf(buf, sizeof buf, "key%zu", i);
                    if (pass == 1) {
                        memcpy(d->strings + pos, buf, (size_t)len + 1);
                        d->key_off[i] = pos;
                        d->string_bytes += (size_t)len;
                    }
                    pos += (size_t)len + 1;
                }
                if (elem->tag == K_STR) {
                    int len = snprintf(buf, sizeof buf, "value%zu", i);
                    if (pass == 1) {
                        memcpy(d->strings + pos, buf, (size_t)len + 1);
                        d->elem_off[i] = pos;
                        d->string_bytes += (size_t)len;
                    }
                    pos += (size_t)len + 1;
                }
            }
            cap = pos;
        }
    }
}

static void dataset_free(dataset *d)
{
    free(d->strings);
    free(d->key_off);
    free(d->elem_off);
}

/* Writes key i into buf (at least key.size bytes, aligned for gomap_str). */
static void make_key(const dataset *d, size_t i, void *buf)
{
    switch (d->key.tag) {
    case K_U32: {
        uint32_t v = (uint32_t)i;
        memcpy(buf, &v, sizeof v);
        break;
    }
    case K_U64: {
        uint64_t v = i;
        memcpy(buf, &v, sizeof v);
        break;
    }
    case K_STR: {
        const char *p = d->strings + d->key_off[i];
        gomap_str s = {p, strlen(p)};
        memcpy(buf, &s, sizeof s);
        break;
    }
    default: put_index(buf, d->key.size, i); break;
    }
}

static void fill_elem(const dataset *d, size_t i, void *slot)
{
    switch (d->elem.tag) {
    case K_NONE: break;
    case K_U32: {
        uint32_t v = (uint32_t)i;
        memcpy(slot, &v, sizeof v);
        break;
    }
    case K_U64: {
        uint64_t v = i;
        memcpy(slot, &v, sizeof v);
        break;
    }
    case K_STR: {
        const char *p = d->strings + d->elem_off[i];
        gomap_str s = {p, strlen(p)};
        memcpy(slot, &s, sizeof s);
        break;
    }
    default: put_index(slot, d->elem.size, i); break;
    }
}

/* Distinct keys need n <= 256^size for blobs and 2^32 for u32. */
static void check_n_fits(const kind *key, size_t n)
{
    if (key->tag == K_U32 && n > UINT32_MAX)
        usage_error("-n %zu: more than 2^32 distinct u32 keys", n);
    if (key->tag == K_BLOB && key->size < sizeof(size_t) && n > ((size_t)1 << (8 * key->size)))
        usage_error("-n %zu: a %zu-byte blob has only %zu distinct values", n, key->size,
                    (size_t)1 << (8 * key->size));
}

typedef struct aligned_key {
    _Alignas(max_align_t) unsigned char b[MAX_BLOB];
} aligned_key;

static gomap *build_map(const dataset *d, size_t hint, const gomap_options *opt)
{
    gomap_type t = type_for(&d->key, &d->elem);
    gomap *m = gomap_new_with(&t, hint, opt);
    if (m == NULL)
        die("cannot make the map: %s", strerror(errno));
    static aligned_key k;
    for (size_t i = 0; i < d->n; i++) {
        make_key(d, i, k.b);
        void *e = gomap_assign(m, k.b);
        if (e == NULL)
            die("insert %zu: %s", i, strerror(errno));
        fill_elem(d, i, e);
    }
    return m;
}

static void map_name(char *buf, size_t size, const kind *key, const kind *elem)
{
    if (elem->tag == K_NONE)
        snprintf(buf, size, "set[%s]", key->name);
    else
        snprintf(buf, size, "map[%s]%s", key->name, elem->name);
}

/* ---- Argument parsing -------------------------------------------------------- */

typedef struct args {
    kind key, elem;
    size_t n, hint;
    bool n_set;
    uint64_t seed;
    bool json, full, trace, dry_run, help;
    const char *svg, *source;
} args;

enum {
    OPT_KEY = 1 << 0,
    OPT_ELEM = 1 << 1,
    OPT_N = 1 << 2,
    OPT_HINT = 1 << 3,
    OPT_SEED = 1 << 4,
    OPT_JSON = 1 << 5,
    OPT_FULL = 1 << 6,
    OPT_TRACE = 1 << 7,
    OPT_SVG = 1 << 8,
    OPT_SOURCE = 1 << 9,
    OPT_DRY_RUN = 1 << 10,
};

static const char *need_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        usage_error("option '%s' needs a value", argv[*i]);
    return argv[++*i];
}

static void parse_args(int argc, char **argv, unsigned allowed, args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            a->help = true;
        } else if (strcmp(o, "--version") == 0) {
            exit(print_version());
        } else if ((allowed & OPT_KEY) && strcmp(o, "--key") == 0) {
            const char *v = need_value(argc, argv, &i);
            if (!parse_kind(v, false, &a->key))
                usage_error("bad key kind '%s' (u32, u64, str or blob:N with 1 <= N <= %lu)", v,
                            MAX_BLOB);
        } else if ((allowed & OPT_ELEM) && strcmp(o, "--elem") == 0) {
            const char *v = need_value(argc, argv, &i);
            if (!parse_kind(v, true, &a->elem))
                usage_error("bad elem kind '%s' (u32, u64, str, blob:N or none)", v);
        } else if ((allowed & OPT_N) && strcmp(o, "-n") == 0) {
            const char *v = need_value(argc, argv, &i);
            if (!parse_size(v, &a->n) || a->n > MAX_N)
                usage_error("bad entry count '%s' (0 to %lu)", v, MAX_N);
            a->n_set = true;
        } else if ((allowed & OPT_HINT) && strcmp(o, "--hint") == 0) {
            const char *v = need_value(argc, argv, &i);
            if (!parse_size(v, &a->hint) || a->hint > MAX_N)
                usage_error("bad hint '%s' (0 to %lu)", v, MAX_N);
        } else if ((allowed & OPT_SEED) && strcmp(o, "--seed") == 0) {
            const char *v = need_value(argc, argv, &i);
            size_t s;
            if (!parse_size(v, &s))
                usage_error("bad seed '%s'", v);
            a->seed = s;
        } else if ((allowed & OPT_JSON) && strcmp(o, "--json") == 0) {
            a->json = true;
        } else if ((allowed & OPT_FULL) && strcmp(o, "--full") == 0) {
            a->full = true;
        } else if ((allowed & OPT_TRACE) && strcmp(o, "--trace") == 0) {
            a->trace = true;
        } else if ((allowed & OPT_DRY_RUN) && strcmp(o, "--dry-run") == 0) {
            a->dry_run = true;
        } else if ((allowed & OPT_SVG) && strcmp(o, "--svg") == 0) {
            a->svg = need_value(argc, argv, &i);
            if (*a->svg == '\0')
                usage_error("--svg needs a file name");
        } else if ((allowed & OPT_SOURCE) && strcmp(o, "--source") == 0) {
            a->source = need_value(argc, argv, &i);
        } else if (o[0] == '-') {
            usage_error("unknown option '%s'", o);
        } else {
            usage_error("unexpected argument '%s'", o);
        }
    }
}

/* Opens the SVG output before anything is printed, so a bad path is an
 * argument error with nothing written. */
static FILE *open_svg(const char *path)
{
    if (path == NULL)
        return NULL;
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", g_cmd, path, strerror(errno));
        exit(EXIT_USAGE);
    }
    return f;
}

static void close_output(FILE *f, const char *what)
{
    if (fflush(f) != 0 || ferror(f))
        die("writing %s failed: %s", what, strerror(errno));
    if (f != stdout && fclose(f) != 0)
        die("writing %s failed: %s", what, strerror(errno));
}

/* ---- JSON ---------------------------------------------------------------------- */

static void json_string(FILE *f, const char *s, size_t len)
{
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* ---- footprint ------------------------------------------------------------------- */

static const char footprint_help[] =
    "Usage: gomap footprint [--key K] [--elem E] [-n N] [--hint H] [--json]\n"
    "\n"
    "Builds a map of N entries (default 1000; keys \"key<i>\" and elems \"value<i>\" for\n"
    "str, i for integers and blobs) with the default allocator and prints where its\n"
    "bytes go: header, bucket array, overflow buckets, out-of-line keys/elems, the\n"
    "payload, what the allocator really reserved and the OS pages touched.\n"
    "\n"
    "  --key K    u32, u64, str or blob:N (default str)\n"
    "  --elem E   u32, u64, str, blob:N or none (default str)\n"
    "  -n N       entries (default 1000)\n"
    "  --hint H   size hint given to gomap_new (default 0)\n"
    "  --json     one JSON object instead of the table\n";

static void print_row(const char *label, size_t bytes, size_t n)
{
    if (n != 0)
        printf("  %-28s %12zu %10.1f\n", label, bytes, (double)bytes / (double)n);
    else
        printf("  %-28s %12zu %10s\n", label, bytes, "-");
}

static int cmd_footprint(int argc, char **argv)
{
    args a = {0};
    parse_kind("str", false, &a.key);
    parse_kind("str", true, &a.elem);
    a.n = 1000;
    parse_args(argc, argv, OPT_KEY | OPT_ELEM | OPT_N | OPT_HINT | OPT_JSON, &a);
    if (a.help) {
        fputs(footprint_help, stdout);
        return 0;
    }
    check_n_fits(&a.key, a.n);
    dataset d;
    dataset_init(&d, &a.key, &a.elem, a.n);
    gomap *m = build_map(&d, a.hint, NULL);
    gomap_stats_detail s;
    gomap_stats_detailed(m, &s);
    gomap_pages pg;
    bool have_pages = gomap_pages_get(m, &pg);
    char name[64];
    map_name(name, sizeof name, &a.key, &a.elem);
    size_t structures = s.bytes_total;
    size_t inline_payload = s.base.count * (a.key.size + a.elem.size);
    size_t n = s.base.count;

    if (a.json) {
        printf("{\"map\": ");
        json_string(stdout, name, strlen(name));
        printf(", \"key\": \"%s\", \"elem\": \"%s\", \"n\": %zu, \"hint\": %zu", a.key.name,
               a.elem.name, n, a.hint);
        printf(", \"B\": %u, \"buckets\": %zu, \"bucket_size\": %zu, \"load_factor\": %.4f",
               s.base.B, s.base.buckets, s.bucket_size, s.load_factor);
        printf(", \"bytes\": {\"header\": %zu, \"buckets\": %zu, \"overflow\": %zu, "
               "\"indirect\": %zu, \"old_buckets\": %zu, "
               "\"retired\": %zu, \"structures\": %zu, \"payload\": %zu, "
               "\"strings_outside\": %zu, \"with_strings\": %zu}",
               s.bytes_header, s.bytes_buckets, s.bytes_overflow, s.bytes_indirect, s.bytes_old,
               s.bytes_retired, structures, inline_payload, d.string_bytes,
               structures + d.string_bytes);
        printf(", \"bytes_per_entry\": %.2f", n ? (double)structures / (double)n : 0.0);
        printf(", \"overflow_buckets\": %zu, \"spares_total\": %zu, \"spares_used\": %zu",
               s.base.overflow_buckets, s.spares_total, s.spares_used);
        printf(", \"allocator\": {\"blocks\": %zu, \"requested\": %zu, \"reserved\": %zu, "
               "\"overhead\": %zu, \"reserved_known\": %s}",
               s.alloc_blocks, s.bytes_requested, s.bytes_reserved,
               s.bytes_reserved - s.bytes_requested, s.reserved_known ? "true" : "false");
        if (have_pages)
            printf(", \"pages\": {\"page_size\": %zu, \"spanned\": %zu, \"resident\": %zu}",
                   pg.page_size, pg.spanned, pg.resident);
        else
            printf(", \"pages\": null");
        printf("}\n");
    } else {
        printf("%s with %zu entries (hint %zu): B = %u, %zu buckets of %zu bytes, load %.2f\n",
               name, n, a.hint, s.base.B, s.base.buckets, s.bucket_size, s.load_factor);
        printf("\n  %-28s %12s %10s\n", "map structures", "bytes", "per entry");
        print_row("header", s.bytes_header, n);
        print_row("bucket array", s.bytes_buckets, n);
        print_row("overflow buckets (allocated)", s.bytes_overflow, n);
        print_row("out-of-line keys/elems", s.bytes_indirect, n);
        if (s.bytes_old)
            print_row("old array (growing)", s.bytes_old, n);
        print_row("total", structures, n);
        printf("\n  %-28s %12s %10s\n", "payload", "bytes", "per entry");
        print_row("keys + elems in the cells", inline_payload, n);
        if (d.string_bytes) {
            print_row("string bytes (caller's)", d.string_bytes, n);
            print_row("structures + strings", structures + d.string_bytes, n);
        }
        printf("\n  overflow buckets: %zu linked, %zu of %zu spares used, %zu held in reserve\n",
               s.base.overflow_buckets, s.spares_used, s.spares_total, s.overflow_reserve);
        printf("  allocator: %zu blocks, %zu bytes requested, %zu reserved", s.alloc_blocks,
               s.bytes_requested, s.bytes_reserved);
        if (s.reserved_known)
            printf(" (%zu overhead)\n", s.bytes_reserved - s.bytes_requested);
        else
            printf(" (not measurable)\n");
        if (have_pages)
            printf("  pages: %zu of %zu bytes spanned, %zu resident\n", pg.spanned, pg.page_size,
                   pg.resident);
    }
    gomap_free(m);
    dataset_free(&d);
    close_output(stdout, "the report");
    return 0;
}

/* ---- layout ------------------------------------------------------------------------ */

static const char layout_help[] =
    "Usage: gomap layout [--key K] [--elem E] [-n N] [--seed S] [--full] [--svg FILE] [--json]\n"
    "\n"
    "Builds a map of N entries (default 20, u64 keys and elems, fixed seed S, default 1)\n"
    "and shows its buckets: the tophash byte of every cell with the key it holds,\n"
    "emptyOne (--), emptyRest (..) and evacuation marks (eX, eY, e_), overflow chains\n"
    "(+1, +2 ... marked 'spare' when taken from the array's spare region) and, while\n"
    "the map is growing, the old array. Maps of more than 64 buckets get a summary\n"
    "instead, unless --full is given.\n"
    "\n"
    "  --key K     u32, u64, str or blob:N (default u64)\n"
    "  --elem E    u32, u64, str, blob:N or none (default u64)\n"
    "  -n N        entries (default 20; -n 105 shows a growth in progress)\n"
    "  --seed S    hash seed (default 1)\n"
    "  --full      dump every bucket whatever the size\n"
    "  --svg FILE  also write a heat map of every bucket: entries, overflow chains\n"
    "  --json      the buckets (or, for large maps, the summary) as JSON\n";

#define DUMP_MAX_BUCKETS 64

typedef struct bucket_info {
    uint32_t entries; /* in the whole chain */
    uint32_t chain;   /* buckets in the chain */
} bucket_info;

typedef struct layout_ctx {
    const dataset *d;
    FILE *out;
    bool json, dump;
    bool first_bucket;
    bucket_info *cur, *old;
    size_t ncur, nold;
} layout_ctx;

static void key_text(const dataset *d, const void *k, char *buf, size_t size)
{
    switch (d->key.tag) {
    case K_U32: {
        uint32_t v;
        memcpy(&v, k, sizeof v);
        snprintf(buf, size, "%" PRIu32, v);
        break;
    }
    case K_U64: {
        uint64_t v;
        memcpy(&v, k, sizeof v);
        snprintf(buf, size, "%" PRIu64, v);
        break;
    }
    case K_STR: {
        gomap_str s;
        memcpy(&s, k, sizeof s);
        snprintf(buf, size, "%.*s", (int)(s.len < 20 ? s.len : 20), s.ptr);
        break;
    }
    default: {
        size_t pos = 0;
        const unsigned char *b = k;
        for (size_t i = 0; i < d->key.size && i < 8 && pos + 3 < size; i++)
            pos += (size_t)snprintf(buf + pos, size - pos, "%02x", b[i]);
        break;
    }
    }
}

static const char *mark_text(uint8_t th)
{
    switch (th) {
    case GOMAP_TOPHASH_EMPTY_REST: return "..";
    case GOMAP_TOPHASH_EMPTY_ONE: return "--";
    case GOMAP_TOPHASH_EVACUATED_X: return "eX";
    case GOMAP_TOPHASH_EVACUATED_Y: return "eY";
    default: return "e_";
    }
}

static const char *mark_name(uint8_t th)
{
    switch (th) {
    case GOMAP_TOPHASH_EMPTY_REST: return "emptyRest";
    case GOMAP_TOPHASH_EMPTY_ONE: return "emptyOne";
    case GOMAP_TOPHASH_EVACUATED_X: return "evacuatedX";
    case GOMAP_TOPHASH_EVACUATED_Y: return "evacuatedY";
    default: return "evacuatedEmpty";
    }
}

static bool layout_bucket(void *ctx, const gomap_bucket_view *b)
{
    layout_ctx *c = ctx;
    bucket_info *info = b->old ? &c->old[b->index] : &c->cur[b->index];
    info->chain++;
    for (size_t i = 0; i < 8; i++)
        info->entries += b->tophash[i] >= GOMAP_TOPHASH_MIN;
    if (!c->dump)
        return true;
    FILE *f = c->out;
    char kt[48];
    if (c->json) {
        fprintf(f,
                "%s\n    {\"array\": \"%s\", \"index\": %zu, \"depth\": %zu, \"spare\": %s, "
                "\"cells\": [",
                c->first_bucket ? "" : ",", b->old ? "old" : "current", b->index, b->depth,
                b->spare ? "true" : "false");
        for (size_t i = 0; i < 8; i++) {
            fprintf(f, "%s{\"tophash\": %u", i ? ", " : "", b->tophash[i]);
            if (b->key[i] != NULL) {
                key_text(c->d, b->key[i], kt, sizeof kt);
                fprintf(f, ", \"key\": ");
                json_string(f, kt, strlen(kt));
            } else {
                fprintf(f, ", \"mark\": \"%s\"", mark_name(b->tophash[i]));
            }
            fputc('}', f);
        }
        fprintf(f, "]}");
        c->first_bucket = false;
        return true;
    }
    char line[512];
    size_t pos;
    if (b->depth == 0)
        pos = (size_t)snprintf(line, sizeof line, "%s%6zu ", b->old ? "old" : "   ", b->index);
    else
        pos = (size_t)snprintf(line, sizeof line, "   %4s+%zu ", b->spare ? "s" : "", b->depth);
    for (size_t i = 0; i < 8 && pos < sizeof line; i++) {
        char cell[64];
        if (b->key[i] != NULL) {
            key_text(c->d, b->key[i], kt, sizeof kt);
            snprintf(cell, sizeof cell, "%02x:%s", b->tophash[i], kt);
        } else {
            snprintf(cell, sizeof cell, "%s", mark_text(b->tophash[i]));
        }
        pos += (size_t)snprintf(line + pos, sizeof line - pos, " %-11s", cell);
    }
    if (pos >= sizeof line)
        pos = sizeof line - 1;
    while (pos > 0 && line[pos - 1] == ' ')
        pos--;
    line[pos] = '\0';
    fprintf(f, "%s\n", line);
    return true;
}

/* Colour of a bucket holding `entries` (its whole chain; 8 and more is the
 * darkest): a light grey-blue for an empty bucket, so that it stands out
 * from the background, to a dark blue. */
static void heat_colour(double entries, int *r, int *g, int *b)
{
    double t = entries / 8.0 > 1.0 ? 1.0 : entries / 8.0;
    *r = (int)(236 - 206 * t);
    *g = (int)(240 - 160 * t);
    *b = (int)(246 - 96 * t);
}

/* The heat map: one cell per bucket (or per group of buckets for very large
 * maps) on a visible grid, coloured by the entries of its chain, with a red
 * border for an overflow chain (wider for longer ones); above it a colour
 * scale and a legend. */
static void svg_heatmap(FILE *f, const char *title, const bucket_info *cur, size_t n)
{
    enum { MAX_CELLS = 16384, MIN_W = 640, TOP = 112, SWATCH = 28 };
    size_t group = (n + MAX_CELLS - 1) / MAX_CELLS;
    if (group == 0)
        group = 1;
    size_t cells = (n + group - 1) / group;
    size_t cols = (size_t)ceil(sqrt((double)cells * 2.0)); /* wider than tall */
    if (cols == 0)
        cols = 1;
    size_t cell = cols <= 16 ? 28 : cols <= 64 ? 14 : 8;
    size_t rows = (cells + cols - 1) / cols;
    size_t w = cols * cell + 20, h = rows * cell + TOP + 20;
    if (w < MIN_W)
        w = MIN_W;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" height=\"%zu\" "
            "font-family=\"sans-serif\" font-size=\"12\">\n",
            w, h);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(f, "<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", title);
    fprintf(
        f,
        "<text x=\"10\" y=\"36\">%zu bucket%s, %zu per cell; colour: entries in the chain</text>\n",
        n, n == 1 ? "" : "s", group);
    /* Colour scale: 0 to 8+ entries. */
    for (int e = 0; e <= 8; e++) {
        int r, g, b;
        heat_colour(e, &r, &g, &b);
        fprintf(f,
                "<rect x=\"%d\" y=\"46\" width=\"%d\" height=\"16\" fill=\"#%02x%02x%02x\" "
                "stroke=\"#666\" stroke-width=\"0.5\"/>\n"
                "<text x=\"%d\" y=\"76\" text-anchor=\"middle\">%d%s</text>\n",
                10 + e * SWATCH, SWATCH, r, g, b, 10 + e * SWATCH + SWATCH / 2, e,
                e == 8 ? "+" : "");
    }
    fprintf(f, "<text x=\"%d\" y=\"59\">entries</text>\n", 16 + 9 * SWATCH);
    /* Overflow legend, on its own line. */
    fprintf(
        f, "<rect x=\"10\" y=\"86\" width=\"16\" height=\"16\" fill=\"#eef0f6\" stroke=\"#d62728\" "
           "stroke-width=\"2\"/>\n"
           "<text x=\"32\" y=\"99\">red border: overflow chain (wider: longer chain)</text>\n");
    for (size_t c = 0; c < cells; c++) {
        double entries = 0;
        uint32_t chain = 1;
        size_t lo = c * group, hi = lo + group < n ? lo + group : n;
        for (size_t j = lo; j < hi; j++) {
            entries += cur[j].entries;
            if (cur[j].chain > chain)
                chain = cur[j].chain;
        }
        entries /= (double)(hi - lo);
        int r, g, b;
        heat_colour(entries, &r, &g, &b);
        size_t x = 10 + (c % cols) * cell, y = TOP + (c / cols) * cell;
        fprintf(f, "<rect x=\"%zu\" y=\"%zu\" width=\"%zu\" height=\"%zu\" fill=\"#%02x%02x%02x\"",
                x, y, cell, cell, r, g, b);
        if (chain > 1)
            fprintf(f, " stroke=\"#d62728\" stroke-width=\"%u\"", chain > 4 ? 3u : chain - 1);
        else
            fprintf(f, " stroke=\"#8a94a6\" stroke-width=\"0.5\"");
        fprintf(f, "><title>bucket%s %zu-%zu: %.1f entries, chain %u</title></rect>\n",
                group > 1 ? "s" : "", lo, hi - 1, entries, chain);
    }
    fprintf(f, "</svg>\n");
}

static void layout_summary_text(const gomap_stats_detail *s, const layout_ctx *c)
{
    size_t fill[10] = {0}; /* chains holding 0..8 entries, 9: more */
    for (size_t j = 0; j < c->ncur; j++)
        fill[c->cur[j].entries > 9 ? 9 : c->cur[j].entries]++;
    printf("\nsummary (more than %d buckets; --full dumps them all)\n", DUMP_MAX_BUCKETS);
    printf("  entries per chain:");
    for (size_t i = 0; i < 10; i++)
        printf(" %zu%s:%zu", i, i == 9 ? "+" : "", fill[i]);
    printf("\n  chain lengths:    ");
    for (size_t i = 0; i < GOMAP_CHAIN_HIST; i++)
        printf(" %zu%s:%zu", i + 1, i + 1 == GOMAP_CHAIN_HIST ? "+" : "", s->chain_hist[i]);
    printf("\n  longest chain %zu, %zu empty chains, probes: hit %.3f, miss %.3f\n", s->max_chain,
           s->empty_buckets, s->avg_probe_hit, s->avg_probe_miss);
}

static int cmd_layout(int argc, char **argv)
{
    args a = {0};
    parse_kind("u64", false, &a.key);
    parse_kind("u64", true, &a.elem);
    a.n = 20;
    a.seed = 1;
    parse_args(argc, argv, OPT_KEY | OPT_ELEM | OPT_N | OPT_SEED | OPT_FULL | OPT_SVG | OPT_JSON,
               &a);
    if (a.help) {
        fputs(layout_help, stdout);
        return 0;
    }
    check_n_fits(&a.key, a.n);
    FILE *svg = open_svg(a.svg);
    dataset d;
    dataset_init(&d, &a.key, &a.elem, a.n);
    gomap_options opt = {NULL, a.seed, GOMAP_FIXED_SEED};
    gomap *m = build_map(&d, 0, &opt);
    gomap_stats_detail s;
    gomap_stats_detailed(m, &s);
    char name[64];
    map_name(name, sizeof name, &a.key, &a.elem);

    layout_ctx c = {&d, stdout, a.json, false, true, NULL, NULL, 0, 0};
    c.ncur = s.base.buckets;
    c.nold = s.base.old_buckets;
    c.cur = xmalloc((c.ncur + 1) * sizeof *c.cur);
    c.old = xmalloc((c.nold + 1) * sizeof *c.old);
    c.dump = a.full || s.base.buckets + s.base.old_buckets <= DUMP_MAX_BUCKETS;

    if (a.json) {
        printf("{\"map\": ");
        json_string(stdout, name, strlen(name));
        printf(", \"n\": %zu, \"B\": %u, \"buckets\": %zu, \"growing\": %s, \"old_buckets\": %zu, "
               "\"evacuated\": %zu, \"overflow_buckets\": %zu, \"seed\": %" PRIu64,
               s.base.count, s.base.B, s.base.buckets, s.base.growing ? "true" : "false",
               s.base.old_buckets, s.base.evacuated, s.base.overflow_buckets, a.seed);
        if (c.dump)
            printf(", \"bucket_list\": [");
    } else {
        printf("%s: %zu entries, B = %u (%zu buckets of %zu bytes), %zu overflow", name,
               s.base.count, s.base.B, s.base.buckets, s.bucket_size, s.base.overflow_buckets);
        if (s.base.growing)
            printf(", growing: %zu of %zu old buckets evacuated", s.base.evacuated,
                   s.base.old_buckets);
        printf("\n");
        if (c.dump)
            printf("cells are tophash:key; .. emptyRest, -- emptyOne, eX/eY/e_ evacuated "
                   "(X, Y, empty); +k: k-th overflow bucket (s: spare)\n");
    }
    gomap_walk_buckets(m, layout_bucket, &c);
    if (a.json) {
        if (c.dump)
            printf("\n  ]");
        size_t fill[10] = {0};
        for (size_t j = 0; j < c.ncur; j++)
            fill[c.cur[j].entries > 9 ? 9 : c.cur[j].entries]++;
        printf(", \"summary\": {\"entries_per_chain\": [");
        for (size_t i = 0; i < 10; i++)
            printf("%s%zu", i ? ", " : "", fill[i]);
        printf("], \"chain_lengths\": [");
        for (size_t i = 0; i < GOMAP_CHAIN_HIST; i++)
            printf("%s%zu", i ? ", " : "", s.chain_hist[i]);
        printf("], \"max_chain\": %zu, \"empty_chains\": %zu, \"probe_hit\": %.4f, "
               "\"probe_miss\": %.4f}",
               s.max_chain, s.empty_buckets, s.avg_probe_hit, s.avg_probe_miss);
        if (a.svg) {
            printf(", \"svg\": ");
            json_string(stdout, a.svg, strlen(a.svg));
        }
        printf("}\n");
    } else if (!c.dump) {
        layout_summary_text(&s, &c);
    }
    if (svg != NULL) {
        char title[128];
        snprintf(title, sizeof title, "%s, %zu entries, B = %u", name, s.base.count, s.base.B);
        svg_heatmap(svg, title, c.cur, c.ncur);
        close_output(svg, a.svg);
        if (!a.json)
            printf("heat map written to %s\n", a.svg);
    }
    free(c.cur);
    free(c.old);
    gomap_free(m);
    dataset_free(&d);
    close_output(stdout, "the report");
    return 0;
}

/* ---- grow ------------------------------------------------------------------------------ */

static const char grow_help[] =
    "Usage: gomap grow [--key K] [--elem E] [-n N] [--trace] [--svg FILE] [--json]\n"
    "\n"
    "Inserts N entries (default 1000000, u64 keys and elems) into an empty map with\n"
    "the default allocator and reports every growth: the insert that starts it, how\n"
    "many old buckets each later insert evacuates, the insert that finishes it and\n"
    "when the old array's memory is given back; then the latency of every insert as\n"
    "a histogram.\n"
    "\n"
    "  --key K     u32, u64, str or blob:N (default u64)\n"
    "  --elem E    u32, u64, str, blob:N or none (default u64)\n"
    "  -n N        entries (default 1000000)\n"
    "  --trace     also list every insert made while a growth is in progress\n"
    "  --svg FILE  write a timeline: latency per insert (log scale), growths shaded\n"
    "  --json      the report as JSON\n";

typedef struct growth_rec {
    size_t start, end; /* insert indexes; end == SIZE_MAX while unfinished */
    unsigned from_B, to_B;
    bool same_size;
    size_t old_buckets;
    size_t max_step, inserts; /* most old buckets evacuated by one insert; inserts spanned */
    size_t new_bytes;         /* bytes the map grew by at the start */
} growth_rec;

typedef struct release_rec {
    size_t start, end, bytes;
} release_rec;

typedef struct trace_rec {
    size_t insert, evacuated, old_buckets;
    uint32_t ns;
} trace_rec;

#define VEC_PUSH(vec, n, cap, item)                                                                \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            (cap) = (cap) ? (cap)*2 : 16;                                                          \
            void *grown_ = realloc((vec), (cap) * sizeof *(vec));                                  \
            if (grown_ == NULL)                                                                    \
                die("out of memory");                                                              \
            (vec) = grown_;                                                                        \
        }                                                                                          \
        (vec)[(n)++] = (item);                                                                     \
    } while (0)

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* A tick step for [0, span]: 1, 2 or 5 times a power of ten, giving about
 * five to ten ticks. */
static size_t tick_step(size_t span)
{
    size_t step = 1;
    for (;;) {
        if (span / step <= 10)
            return step;
        if (span / (step * 2) <= 10)
            return step * 2;
        if (span / (step * 5) <= 10)
            return step * 5;
        step *= 10;
    }
}

static void svg_timeline(FILE *f, const char *title, const uint32_t *lat, size_t n,
                         const growth_rec *g, size_t ng)
{
    enum { W = 1000, H = 300, LEFT = 60, TOP = 40 };
    uint32_t top = 1;
    for (size_t i = 0; i < n; i++)
        if (lat[i] > top)
            top = lat[i];
    double lmax = log10((double)top) + 0.1, lmin = 1.0; /* 10 ns */
    if (lmax < 2.0)
        lmax = 2.0;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "font-family=\"sans-serif\" font-size=\"11\">\n",
            W + LEFT + 30, H + TOP + 50);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(f,
            "<text x=\"%d\" y=\"20\">%s: latency of each insert (max per column, log "
            "scale); growths shaded</text>\n",
            LEFT, title);
    size_t span = n > 0 ? n : 1;
    for (size_t i = 0; i < ng; i++) {
        size_t end = g[i].end == SIZE_MAX ? n : g[i].end + 1;
        double x0 = LEFT + (double)g[i].start * W / (double)span;
        double x1 = LEFT + (double)end * W / (double)span;
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#ffdd88\" "
                "stroke=\"none\" opacity=\"0.6\"><title>growth %zu: B %u to %u, inserts "
                "%zu-%zu</title></rect>\n",
                x0, TOP, x1 - x0 < 1 ? 1 : x1 - x0, H, i + 1, g[i].from_B, g[i].to_B, g[i].start,
                end - 1);
    }
    for (int d = 1; d <= (int)ceil(lmax); d++) {
        double y = TOP + H - (d - lmin) / (lmax - lmin) * H;
        if (y < TOP)
            continue;
        const char *unit[] = {"",    "10ns", "100ns", "1us", "10us", "100us",
                              "1ms", "10ms", "100ms", "1s",  "10s"};
        fprintf(f,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/><text "
                "x=\"5\" y=\"%.1f\">%s</text>\n",
                LEFT, LEFT + W, y, y, y + 4, d <= 10 ? unit[d] : "");
    }
    /* Axes, and a tick with its label every `step` inserts. */
    fprintf(f,
            "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n"
            "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
            LEFT, LEFT + W, TOP + H, TOP + H, LEFT, LEFT, TOP, TOP + H);
    size_t step = tick_step(span);
    for (size_t t = 0; t <= span; t += step) {
        double x = LEFT + (double)t * W / (double)span;
        fprintf(f,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%zu</text>\n",
                x, x, TOP + H, TOP + H + 5, x, x, TOP, TOP + H, x, TOP + H + 18, t);
        if (t > SIZE_MAX - step)
            break;
    }
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">inserts</text>\n", LEFT + W / 2,
            TOP + H + 38);
    fprintf(f, "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1\" points=\"");
    for (int col = 0; col < W; col++) {
        size_t lo = (size_t)((double)col * (double)n / W);
        size_t hi = (size_t)((double)(col + 1) * (double)n / W);
        if (hi <= lo)
            hi = lo + 1;
        if (lo >= n)
            break;
        if (hi > n)
            hi = n;
        uint32_t mx = 1;
        for (size_t i = lo; i < hi; i++)
            if (lat[i] > mx)
                mx = lat[i];
        double l = log10((double)mx);
        double y = TOP + H - (l < lmin ? 0 : (l - lmin) / (lmax - lmin)) * H;
        fprintf(f, "%d,%.1f ", LEFT + col, y);
    }
    fprintf(f, "\"/>\n</svg>\n");
}

static int cmd_grow(int argc, char **argv)
{
    args a = {0};
    parse_kind("u64", false, &a.key);
    parse_kind("u64", true, &a.elem);
    a.n = 1000000;
    parse_args(argc, argv, OPT_KEY | OPT_ELEM | OPT_N | OPT_TRACE | OPT_SVG | OPT_JSON, &a);
    if (a.help) {
        fputs(grow_help, stdout);
        return 0;
    }
    check_n_fits(&a.key, a.n);
    FILE *svg = open_svg(a.svg);
    dataset d;
    dataset_init(&d, &a.key, &a.elem, a.n);
    gomap_type t = type_for(&a.key, &a.elem);
    gomap *m = gomap_new(&t, 0);
    if (m == NULL)
        die("cannot make the map: %s", strerror(errno));
    uint32_t *lat = xmalloc((a.n + 1) * sizeof *lat);
    growth_rec *g = NULL;
    release_rec *rel = NULL;
    trace_rec *tr = NULL;
    size_t ng = 0, gcap = 0, nrel = 0, relcap = 0, ntr = 0, trcap = 0;
    gomap_stats prev;
    gomap_stats_get(m, &prev);
    static aligned_key k;
    for (size_t i = 0; i < a.n; i++) {
        make_key(&d, i, k.b);
        uint64_t t0 = now_ns();
        void *e = gomap_assign(m, k.b);
        uint64_t t1 = now_ns();
        if (e == NULL)
            die("insert %zu: %s", i, strerror(errno));
        fill_elem(&d, i, e);
        uint64_t ns = t1 - t0;
        lat[i] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
        gomap_stats s;
        gomap_stats_get(m, &s);
        /* A growth starts when B changes or a growing state appears; one that
         * starts and ends in one insert shows as a change of B only. */
        bool started = (s.growing && (!prev.growing || s.B != prev.B)) ||
                       (!s.growing && s.B != prev.B && prev.buckets != 0);
        if (started) {
            if (ng > 0 && g[ng - 1].end == SIZE_MAX)
                g[ng - 1].end = i;
            growth_rec r = {i,
                            SIZE_MAX,
                            prev.B,
                            s.B,
                            s.B == prev.B,
                            s.growing ? s.old_buckets : prev.buckets,
                            0,
                            0,
                            s.bytes > prev.bytes ? s.bytes - prev.bytes : 0};
            VEC_PUSH(g, ng, gcap, r);
        }
        if (ng > 0 && g[ng - 1].end == SIZE_MAX) {
            growth_rec *r = &g[ng - 1];
            size_t before = started ? 0 : prev.evacuated;
            size_t now = s.growing ? s.evacuated : r->old_buckets;
            size_t step = now > before ? now - before : 0;
            if (step > r->max_step)
                r->max_step = step;
            r->inserts++;
            if (a.trace) {
                trace_rec tc = {i, now, r->old_buckets, lat[i]};
                VEC_PUSH(tr, ntr, trcap, tc);
            }
            if (!s.growing)
                r->end = i;
        }
        /* Memory given back while no growth runs: the old array (mapped
         * ones are unmapped a step per write). */
        if (!s.growing && s.bytes < prev.bytes) {
            size_t freed = prev.bytes - s.bytes;
            if (nrel > 0 && rel[nrel - 1].end + 1 == i)
                rel[nrel - 1].end = i, rel[nrel - 1].bytes += freed;
            else {
                release_rec r = {i, i, freed};
                VEC_PUSH(rel, nrel, relcap, r);
            }
        }
        prev = s;
    }
    gomap_stats_detail sd;
    gomap_stats_detailed(m, &sd);

    /* Latency figures. */
    uint32_t *sorted = xmalloc((a.n + 1) * sizeof *sorted);
    memcpy(sorted, lat, a.n * sizeof *lat);
    qsort(sorted, a.n, sizeof *sorted, cmp_u32);
    enum { NH = 28 };
    size_t hist[NH] = {0};
    for (size_t i = 0; i < a.n; i++) {
        unsigned b = 0;
        while (b + 1 < NH && (uint64_t)lat[i] >= ((uint64_t)32 << b))
            b++;
        hist[b]++;
    }
    double q[4] = {0.5, 0.99, 0.999, 0.9999};
    uint32_t qv[4] = {0};
    for (int i = 0; i < 4 && a.n > 0; i++)
        qv[i] = sorted[(size_t)(q[i] * (double)(a.n - 1))];
    uint32_t maxv = a.n > 0 ? sorted[a.n - 1] : 0;
    uint64_t total = 0;
    for (size_t i = 0; i < a.n; i++)
        total += lat[i];
    char name[64];
    map_name(name, sizeof name, &a.key, &a.elem);

    if (a.json) {
        printf("{\"map\": ");
        json_string(stdout, name, strlen(name));
        printf(", \"n\": %zu, \"final_B\": %u, \"bytes\": %zu, \"doublings\": %zu, "
               "\"same_size_growths\": %zu, \"evacuated_buckets\": %zu, \"growths\": [",
               a.n, sd.base.B, sd.bytes_total, sd.grow_doublings, sd.grow_same_size,
               sd.evacuated_buckets);
        for (size_t i = 0; i < ng; i++) {
            char end[24] = "null";
            if (g[i].end != SIZE_MAX)
                snprintf(end, sizeof end, "%zu", g[i].end);
            printf("%s\n  {\"start\": %zu, \"end\": %s, \"from_B\": %u, \"to_B\": %u, "
                   "\"same_size\": %s, \"old_buckets\": %zu, \"inserts\": %zu, "
                   "\"max_mark_step\": %zu, \"new_array_bytes\": %zu}",
                   i ? "," : "", g[i].start, end, g[i].from_B, g[i].to_B,
                   g[i].same_size ? "true" : "false", g[i].old_buckets, g[i].inserts, g[i].max_step,
                   g[i].new_bytes);
        }
        printf("], \"releases\": [");
        for (size_t i = 0; i < nrel; i++)
            printf("%s{\"start\": %zu, \"end\": %zu, \"bytes\": %zu}", i ? ", " : "", rel[i].start,
                   rel[i].end, rel[i].bytes);
        printf("], \"latency_ns\": {\"mean\": %.1f, \"p50\": %u, \"p99\": %u, \"p999\": %u, "
               "\"p9999\": %u, \"max\": %u, \"histogram\": [",
               a.n ? (double)total / (double)a.n : 0.0, qv[0], qv[1], qv[2], qv[3], maxv);
        bool first = true;
        for (unsigned b = 0; b < NH; b++) {
            if (hist[b] == 0)
                continue;
            printf("%s{\"lo\": %" PRIu64 ", \"hi\": %" PRIu64 ", \"count\": %zu}",
                   first ? "" : ", ", b ? (uint64_t)32 << (b - 1) : 0, (uint64_t)32 << b, hist[b]);
            first = false;
        }
        printf("]}");
        if (a.trace) {
            printf(", \"trace\": [");
            for (size_t i = 0; i < ntr; i++)
                printf("%s{\"insert\": %zu, \"nevacuate\": %zu, \"old_buckets\": %zu, "
                       "\"ns\": %u}",
                       i ? ", " : "", tr[i].insert, tr[i].evacuated, tr[i].old_buckets, tr[i].ns);
            printf("]");
        }
        if (a.svg) {
            printf(", \"svg\": ");
            json_string(stdout, a.svg, strlen(a.svg));
        }
        printf("}\n");
    } else {
        printf("%s: %zu inserts into an empty map; final B = %u, %zu bytes\n", name, a.n, sd.base.B,
               sd.bytes_total);
        printf("%zu doublings, %zu same-size growths, %zu old buckets evacuated\n\n",
               sd.grow_doublings, sd.grow_same_size, sd.evacuated_buckets);
        printf("%-4s %10s %10s %6s %10s %9s %9s %12s\n", "#", "start", "end", "B", "old bkts",
               "inserts", "max step", "new bytes");
        for (size_t i = 0; i < ng; i++) {
            char bb[16], end[24];
            snprintf(bb, sizeof bb, "%u>%u", g[i].from_B, g[i].to_B);
            if (g[i].end == SIZE_MAX)
                snprintf(end, sizeof end, "running");
            else
                snprintf(end, sizeof end, "%zu", g[i].end);
            printf("%-4zu %10zu %10s %6s %10zu %9zu %9zu %12zu%s\n", i + 1, g[i].start, end, bb,
                   g[i].old_buckets, g[i].inserts, g[i].max_step, g[i].new_bytes,
                   g[i].same_size ? " same-size" : "");
        }
        printf("(inserts counted from 0; max step: most the evacuation mark moved in one "
               "insert;\n new bytes: what the map grew by when the growth started)\n");
        if (nrel > 0) {
            printf("\nmemory given back after growths (old arrays):\n");
            for (size_t i = 0; i < nrel; i++)
                printf("  inserts %zu-%zu: %zu bytes\n", rel[i].start, rel[i].end, rel[i].bytes);
        }
        if (a.trace && ntr > 0) {
            printf("\ninserts during growths (evacuation mark / old buckets, latency in ns):\n");
            for (size_t i = 0; i < ntr; i++)
                printf("  %zu: %zu/%zu %u\n", tr[i].insert, tr[i].evacuated, tr[i].old_buckets,
                       tr[i].ns);
        }
        printf("\ninsert latency: mean %.1f ns, p50 %u, p99 %u, p99.9 %u, p99.99 %u, max %u ns\n",
               a.n ? (double)total / (double)a.n : 0.0, qv[0], qv[1], qv[2], qv[3], maxv);
        size_t most = 1;
        for (unsigned b = 0; b < NH; b++)
            if (hist[b] > most)
                most = hist[b];
        for (unsigned b = 0; b < NH; b++) {
            if (hist[b] == 0)
                continue;
            char range[40];
            snprintf(range, sizeof range, "%" PRIu64 "-%" PRIu64 " ns",
                     b ? (uint64_t)32 << (b - 1) : 0, (uint64_t)32 << b);
            int bar = (int)(hist[b] * 50 / most);
            printf("  %22s %10zu %.*s%s\n", range, hist[b], bar,
                   "##################################################", bar == 0 ? "." : "");
        }
    }
    if (svg != NULL) {
        svg_timeline(svg, name, lat, a.n, g, ng);
        close_output(svg, a.svg);
        if (!a.json)
            printf("timeline written to %s\n", a.svg);
    }
    free(sorted);
    free(lat);
    free(g);
    free(rel);
    free(tr);
    gomap_free(m);
    dataset_free(&d);
    close_output(stdout, "the report");
    return 0;
}

/* ---- bench ------------------------------------------------------------------------------ */

static const char bench_help[] =
    "Usage: gomap bench [--source DIR] [--full] [--dry-run] [--json]\n"
    "\n"
    "Runs the benchmark suite of a gomap source tree (make bench, or make bench-full\n"
    "with --full): gomap against Go 1.19 and C/C++ tables on the reference workloads.\n"
    "The tree is DIR, else $GOMAP_SOURCE_DIR, else the tree this tool was built from.\n"
    "Without a tree holding bench/run.py the suite is not available and the command\n"
    "fails with an explanation.\n"
    "\n"
    "  --source DIR  the gomap source tree\n"
    "  --full        the full profile (sizes up to 1e7; long)\n"
    "  --dry-run     print the command instead of running it\n"
    "  --json        with --dry-run: {\"available\", \"source\", \"command\"}\n";

static bool has_suite(const char *dir)
{
    if (dir == NULL || *dir == '\0')
        return false;
    char path[4096];
    snprintf(path, sizeof path, "%s/bench/run.py", dir);
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int cmd_bench(int argc, char **argv)
{
    args a = {0};
    parse_args(argc, argv, OPT_SOURCE | OPT_FULL | OPT_DRY_RUN | OPT_JSON, &a);
    if (a.help) {
        fputs(bench_help, stdout);
        return 0;
    }
    if (a.json && !a.dry_run)
        usage_error("--json needs --dry-run (the suite prints its own report)");
    const char *dir = a.source;
    if (dir == NULL)
        dir = getenv("GOMAP_SOURCE_DIR");
    if (dir == NULL || *dir == '\0')
        dir = GOMAP_SOURCE_DIR;
    if (!has_suite(dir)) {
        fprintf(stderr,
                "%s: the benchmark suite is not available: no bench/run.py under '%s'.\n"
                "It lives in the gomap source tree; run 'gomap bench --source DIR' with a "
                "checkout, or 'make bench' there.\n",
                g_cmd, dir);
        return EXIT_FAILURE;
    }
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "make -C '%s' %s", dir, a.full ? "bench-full" : "bench");
    if (strchr(dir, '\'') != NULL)
        usage_error("the source directory name may not contain a quote");
    if (a.dry_run) {
        if (a.json) {
            printf("{\"available\": true, \"source\": ");
            json_string(stdout, dir, strlen(dir));
            printf(", \"command\": ");
            json_string(stdout, cmd, strlen(cmd));
            printf("}\n");
        } else {
            printf("%s\n", cmd);
        }
        close_output(stdout, "the command");
        return 0;
    }
    fflush(stdout);
    int rc = system(cmd);
    if (rc == -1)
        die("cannot run '%s': %s", cmd, strerror(errno));
    return WIFEXITED(rc) && WEXITSTATUS(rc) == 0 ? 0 : EXIT_FAILURE;
}

/* ---- main ---------------------------------------------------------------------------------- */

static const char main_help[] =
    "Usage: gomap <command> [options]\n"
    "\n"
    "See what a gomap (Go's map in C) costs.\n"
    "\n"
    "Commands:\n"
    "  footprint  bytes of a map of a given shape, by category\n"
    "  layout     the buckets of a map: tophash bytes, keys, chains; heat map\n"
    "  grow       growths while inserting, evacuation progress, insert latency\n"
    "  bench      run the benchmark suite of a source tree\n"
    "\n"
    "Options:\n"
    "  -h, --help     this help\n"
    "  --version      the version of the tool and library\n"
    "\n"
    "'gomap <command> --help' describes each; every command takes --json.\n"
    "The manual: man gomap.\n";

int main(int argc, char **argv)
{
    if (argc < 2)
        usage_error("missing command (footprint, layout, grow or bench)");
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        fputs(main_help, stdout);
        return 0;
    }
    if (strcmp(sub, "--version") == 0 || strcmp(sub, "-V") == 0 || strcmp(sub, "version") == 0)
        return print_version();
    static char cmdname[64];
    snprintf(cmdname, sizeof cmdname, "gomap %s", sub);
    g_cmd = cmdname;
    if (strcmp(sub, "footprint") == 0)
        return cmd_footprint(argc - 1, argv + 1);
    if (strcmp(sub, "layout") == 0)
        return cmd_layout(argc - 1, argv + 1);
    if (strcmp(sub, "grow") == 0)
        return cmd_grow(argc - 1, argv + 1);
    if (strcmp(sub, "bench") == 0)
        return cmd_bench(argc - 1, argv + 1);
    g_cmd = "gomap";
    usage_error("unknown command '%s'", sub);
    return EXIT_USAGE;
}
