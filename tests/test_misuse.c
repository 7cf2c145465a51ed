/* SPDX-License-Identifier: BSD-3-Clause */
/* Misuse that Go treats as fatal: assignment to a nil map, a fast path on a
 * map of another key kind, and concurrent writes (best-effort detection).
 * The default handler's output is checked in forked children. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gomap/gomap.h>

#include "test_util.h"

/* ------------------------------------------------------------------------ */
/* Assignment to a nil map                                                  */
/* ------------------------------------------------------------------------ */

static const char nil_msg[] = "assignment to entry in nil map";

static void assign_nil_generic(void *arg)
{
    (void)arg;
    uint64_t k = 1;
    gomap_assign(NULL, &k);
}

static void assign_nil_u32(void *arg)
{
    (void)arg;
    gomap_assign_u32(NULL, 1);
}

static void assign_nil_u64(void *arg)
{
    (void)arg;
    gomap_assign_u64(NULL, 1);
}

static void assign_nil_str(void *arg)
{
    (void)arg;
    gomap_assign_str(NULL, "a", 1);
}

static void nil_map_assignment(void **state)
{
    (void)state;
    void (*fns[])(void *) = {assign_nil_generic, assign_nil_u32, assign_nil_u64, assign_nil_str};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        const char *msg = test_expect_fatal(fns[i], NULL);
        if (msg == NULL)
            fail_msg("assignment #%zu to a NULL map was not fatal", i);
        assert_string_equal(msg, nil_msg);
    }
}

/* Reads and deletes on the nil map are fine (no fatal). */
static void nil_map_reads(void *arg)
{
    (void)arg;
    uint64_t k = 1;
    gomap_iter it;
    (void)gomap_get(NULL, &k);
    (void)gomap_get_u32(NULL, 1);
    (void)gomap_get_u64(NULL, 1);
    (void)gomap_get_str(NULL, "a", 1);
    (void)gomap_delete(NULL, &k);
    (void)gomap_delete_u32(NULL, 1);
    (void)gomap_delete_u64(NULL, 1);
    (void)gomap_delete_str(NULL, "a", 1);
    (void)gomap_len(NULL);
    gomap_clear(NULL);
    gomap_iter_init(&it, NULL);
    (void)gomap_iter_next(&it);
    gomap_iter_done(&it);
    gomap_free(NULL);
}

static void nil_map_reads_not_fatal(void **state)
{
    (void)state;
    assert_null(test_expect_fatal(nil_map_reads, NULL));
}

/* ------------------------------------------------------------------------ */
/* Fast path on the wrong key kind                                          */
/* ------------------------------------------------------------------------ */

static uint64_t k24_hash(const void *k, uint64_t seed)
{
    return gomap_hash_bytes(k, 24, seed);
}

static bool k24_equal(const void *a, const void *b)
{
    return memcmp(a, b, 24) == 0;
}

enum map_kind { MK_U32, MK_U64, MK_F64, MK_STR, MK_GENERIC, MK_COUNT };
static const char *const mk_names[MK_COUNT] = {"u32", "u64", "f64", "str", "generic"};

static gomap *make_kind(enum map_kind k)
{
    gomap_type t;
    switch (k) {
    case MK_U32: t = gomap_type_u32(GOMAP_ELEM(uint64_t)); break;
    case MK_U64: t = gomap_type_u64(GOMAP_ELEM(uint64_t)); break;
    case MK_F64: t = gomap_type_f64(GOMAP_ELEM(uint64_t)); break;
    case MK_STR: t = gomap_type_str(GOMAP_ELEM(uint64_t)); break;
    default: {
        gomap_type g = {24, 8, GOMAP_ELEM(uint64_t), k24_hash, k24_equal, 0, NULL, NULL};
        t = g;
        break;
    }
    }
    gomap *m = gomap_new(&t, 0);
    assert_non_null(m);
    return m;
}

enum fast_op { OP_GET, OP_ASSIGN, OP_DELETE };

typedef struct fast_call {
    const char *name;
    enum map_kind kind; /* the kind it belongs to */
    enum fast_op op;
} fast_call;

static const fast_call fast_calls[] = {
    {"gomap_get_u32", MK_U32, OP_GET},       {"gomap_assign_u32", MK_U32, OP_ASSIGN},
    {"gomap_delete_u32", MK_U32, OP_DELETE}, {"gomap_get_u64", MK_U64, OP_GET},
    {"gomap_assign_u64", MK_U64, OP_ASSIGN}, {"gomap_delete_u64", MK_U64, OP_DELETE},
    {"gomap_get_str", MK_STR, OP_GET},       {"gomap_assign_str", MK_STR, OP_ASSIGN},
    {"gomap_delete_str", MK_STR, OP_DELETE},
};

typedef struct call_arg {
    gomap *m;
    size_t call;
} call_arg;

static void do_fast_call(void *p)
{
    call_arg *a = p;
    switch (a->call) {
    case 0: (void)gomap_get_u32(a->m, 1); break;
    case 1: (void)gomap_assign_u32(a->m, 1); break;
    case 2: (void)gomap_delete_u32(a->m, 1); break;
    case 3: (void)gomap_get_u64(a->m, 1); break;
    case 4: (void)gomap_assign_u64(a->m, 1); break;
    case 5: (void)gomap_delete_u64(a->m, 1); break;
    case 6: (void)gomap_get_str(a->m, "a", 1); break;
    case 7: (void)gomap_assign_str(a->m, "a", 1); break;
    default: (void)gomap_delete_str(a->m, "a", 1); break;
    }
}

static void fast_path_wrong_kind(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof fast_calls / sizeof fast_calls[0]; c++) {
        for (int kind = 0; kind < MK_COUNT; kind++) {
            for (int filled = 0; filled < 2; filled++) {
                gomap *m = make_kind((enum map_kind)kind);
                if (filled) {
                    /* non-empty: the check must not depend on count */
                    uint64_t u = 1;
                    uint32_t u32 = 1;
                    double d = 1.0;
                    gomap_str s = {"a", 1};
                    unsigned char g[24] = {1};
                    const void *key = kind == MK_U32   ? (const void *)&u32
                                      : kind == MK_U64 ? (const void *)&u
                                      : kind == MK_F64 ? (const void *)&d
                                      : kind == MK_STR ? (const void *)&s
                                                       : (const void *)g;
                    assert_non_null(gomap_assign(m, key));
                }
                call_arg a = {m, c};
                const char *msg = test_expect_fatal(do_fast_call, &a);
                if (kind == (int)fast_calls[c].kind) {
                    if (msg != NULL)
                        fail_msg("%s on a %s map was fatal: %s", fast_calls[c].name, mk_names[kind],
                                 msg);
                } else {
                    if (msg == NULL)
                        fail_msg("%s on a %s map (%s) was not fatal", fast_calls[c].name,
                                 mk_names[kind], filled ? "non-empty" : "empty");
                    if (strstr(msg, fast_calls[c].name) == NULL)
                        fail_msg("message for %s on a %s map does not name the function: \"%s\"",
                                 fast_calls[c].name, mk_names[kind], msg);
                }
                gomap_free(m);
            }
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Forked children running with the default handler                         */
/* ------------------------------------------------------------------------ */

typedef test_child child_result;

static void run_child(void (*fn)(void *), void *arg, child_result *r)
{
    test_run_child(fn, arg, NULL, r);
}

static void child_assign_nil(void *arg)
{
    (void)arg;
    gomap_assign_u64(NULL, 7);
    fprintf(stderr, "returned from assignment to a nil map\n");
    _exit(3);
}

static void default_handler_nil_map(void **state)
{
    (void)state;
    child_result r;
    run_child(child_assign_nil, NULL, &r);
    if (!r.signaled || r.sig != SIGABRT)
        fail_msg("child was not killed by SIGABRT (exited %d status %d, signal %d); stderr: %s",
                 r.exited, r.status, r.sig, r.err);
    if (strstr(r.err, "panic: assignment to entry in nil map") == NULL)
        fail_msg("stderr lacks the panic message: \"%s\"", r.err);
}

static void child_wrong_kind(void *arg)
{
    (void)arg;
    gomap_type t = gomap_type_str(GOMAP_ELEM(int));
    gomap *m = gomap_new(&t, 0);
    (void)gomap_get_u64(m, 1);
    fprintf(stderr, "returned from a fast path on the wrong kind\n");
    _exit(3);
}

static void default_handler_wrong_kind(void **state)
{
    (void)state;
    child_result r;
    run_child(child_wrong_kind, NULL, &r);
    if (!r.signaled || r.sig != SIGABRT)
        fail_msg("child was not killed by SIGABRT (exited %d status %d, signal %d); stderr: %s",
                 r.exited, r.status, r.sig, r.err);
    if (strstr(r.err, "gomap_get_u64") == NULL)
        fail_msg("stderr does not name the function: \"%s\"", r.err);
}

/* A handler that returns: abort() must follow. */
static void returning_handler(const char *msg)
{
    fprintf(stderr, "handler saw: %s\n", msg);
}

static void child_handler_returns(void *arg)
{
    (void)arg;
    gomap_set_fatal_handler(returning_handler);
    gomap_assign_u32(NULL, 7);
    fprintf(stderr, "returned from assignment to a nil map\n");
    _exit(3);
}

static void returning_handler_aborts(void **state)
{
    (void)state;
    child_result r;
    run_child(child_handler_returns, NULL, &r);
    if (!r.signaled || r.sig != SIGABRT)
        fail_msg("child was not killed by SIGABRT (exited %d status %d, signal %d); stderr: %s",
                 r.exited, r.status, r.sig, r.err);
    assert_non_null(strstr(r.err, "handler saw: assignment to entry in nil map"));
    assert_null(strstr(r.err, "returned from"));
}

/* ------------------------------------------------------------------------ */
/* Concurrent writes                                                        */
/* ------------------------------------------------------------------------ */

typedef struct race {
    gomap *m;
    atomic_bool stop;
    atomic_int ready;
    int mode; /* 0: writer vs writer, 1: writer vs reader, 2: writer vs iterator */
} race;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Keys stay within [0, 512) in a map sized for far more, so the racing
 * writers never grow the table (keeps the undefined race from touching
 * freed memory while the detection has a chance to fire). */
static void *writer_thread(void *p)
{
    race *r = p;
    uint64_t rng = (uint64_t)(uintptr_t)&rng;
    atomic_fetch_add(&r->ready, 1);
    while (atomic_load(&r->ready) < 2) {
    }
    while (!atomic_load_explicit(&r->stop, memory_order_relaxed)) {
        for (int i = 0; i < 1000; i++) {
            uint64_t k = test_splitmix64(&rng) % 512;
            if (k & 1)
                gomap_delete_u64(r->m, k);
            else
                gomap_assign_u64(r->m, k);
        }
    }
    return NULL;
}

static void *reader_thread(void *p)
{
    race *r = p;
    uint64_t rng = 77;
    atomic_fetch_add(&r->ready, 1);
    while (atomic_load(&r->ready) < 2) {
    }
    while (!atomic_load_explicit(&r->stop, memory_order_relaxed)) {
        if (r->mode == 1) {
            for (int i = 0; i < 1000; i++)
                (void)gomap_get_u64(r->m, test_splitmix64(&rng) % 512);
        } else {
            gomap_iter it;
            for (gomap_iter_init(&it, r->m); gomap_iter_next(&it);) {
            }
        }
    }
    return NULL;
}

static void child_race(void *arg)
{
    int mode = *(int *)arg;
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    static race r;
    r.m = gomap_new(&t, 1 << 14);
    r.mode = mode;
    atomic_store(&r.stop, false);
    atomic_store(&r.ready, 0);
    for (uint64_t k = 0; k < 512; k += 2)
        gomap_assign_u64(r.m, k);
    pthread_t a, b;
    if (pthread_create(&a, NULL, writer_thread, &r) != 0)
        _exit(4);
    if (pthread_create(&b, NULL, mode == 0 ? writer_thread : reader_thread, &r) != 0)
        _exit(4);
    double t0 = now_seconds();
    while (now_seconds() - t0 < 2.0)
        usleep(10000);
    atomic_store(&r.stop, true);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    _exit(0); /* not detected this time */
}

static const char *const concurrent_msgs[] = {
    "fatal error: concurrent map writes",
    "fatal error: concurrent map read and map write",
    "fatal error: concurrent map iteration and map write",
};

/* Runs the race up to `attempts` times; true once a child reported a Go
 * concurrent-map error through the default handler. */
static bool race_detected(int mode, int attempts, const char *must_contain, char *last,
                          size_t lastsz)
{
    for (int i = 0; i < attempts; i++) {
        child_result r;
        run_child(child_race, &mode, &r);
        snprintf(last, lastsz, "exited %d status %d signal %d: %s", r.exited, r.status, r.sig,
                 r.err);
        bool known = false;
        for (size_t j = 0; j < sizeof concurrent_msgs / sizeof concurrent_msgs[0]; j++)
            known |= strstr(r.err, concurrent_msgs[j]) != NULL;
        if (known) {
            /* the handler aborts */
            if (!r.signaled || r.sig != SIGABRT)
                fail_msg("detected, but the child was not killed by SIGABRT: %s", last);
            if (must_contain == NULL || strstr(r.err, must_contain) != NULL)
                return true;
        }
    }
    return false;
}

/* The same race made deterministic: the writer's allocator, called inside a
 * write, lets the other thread make its access and waits for it to return
 * (it never does when detected: the handler aborts the process). */
typedef struct handoff {
    gomap *m;
    int mode; /* as child_race's */
    gomap_iter it;
    _Atomic bool armed;
    _Atomic int stage; /* 1: the writer is inside a write; 2: the access returned */
} handoff;

static handoff g_handoff;

static void *handoff_alloc(void *ctx, size_t size, unsigned flags)
{
    handoff *h = ctx;
    if (atomic_exchange(&h->armed, false)) {
        atomic_store(&h->stage, 1);
        double t0 = now_seconds();
        while (atomic_load(&h->stage) != 2 && now_seconds() - t0 < 20.0)
            usleep(1000);
    }
    return (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size) : malloc(size);
}

/* The free of the test allocators here: nothing to record. */
static void callback_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)size;
    free(ptr);
}

/* A map of 4 u64 keys whose allocations go through `alloc` (with ctx), and
 * an iterator started on it; the map's writes from here on call `alloc`
 * while the map is marked as being written. */
static gomap *callback_map(void *(*alloc)(void *, size_t, unsigned), void *ctx, gomap_iter *it)
{
    gomap_allocator a = {alloc, callback_free, ctx};
    gomap_options o = {.allocator = &a};
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, &o);
    if (m == NULL)
        _exit(5);
    for (uint64_t k = 1; k <= 4; k++)
        gomap_assign_u64(m, k);
    gomap_iter_init(it, m);
    return m;
}

static void *handoff_other(void *p)
{
    handoff *h = p;
    while (atomic_load(&h->stage) != 1)
        usleep(1000);
    if (h->mode == 0)
        (void)gomap_assign_u64(h->m, 1);
    else if (h->mode == 1)
        (void)gomap_get_u64(h->m, 1);
    else
        (void)gomap_iter_next(&h->it);
    fprintf(stderr, "the other thread's access returned\n");
    atomic_store(&h->stage, 2);
    return NULL;
}

static void child_handoff(void *arg)
{
    handoff *h = &g_handoff;
    h->mode = *(int *)arg;
    h->m = callback_map(handoff_alloc, h, &h->it);
    atomic_store(&h->stage, 0);
    pthread_t other;
    if (pthread_create(&other, NULL, handoff_other, h) != 0)
        _exit(4);
    atomic_store(&h->armed, true);
    /* inserts until one allocates (the first growth at the latest) */
    for (uint64_t k = 100; k < 200 && atomic_load(&h->armed); k++)
        gomap_assign_u64(h->m, k);
    if (atomic_load(&h->armed)) {
        fprintf(stderr, "no allocation happened inside a write\n");
        _exit(3);
    }
    pthread_join(other, NULL);
    _exit(0); /* not detected */
}

/* A concurrent access of kind `mode` is detected: with the handoff always;
 * with free-running threads within 5 attempts, where threads run in
 * parallel. Under valgrind, which runs one thread at a time and switches
 * between them at points of its own, the free-running threads are
 * practically never switched inside a write, so there they are run (for
 * their memory errors) but only the handoff's detection is required. */
static void check_race_detected(int mode, const char *msg)
{
    child_result r;
    run_child(child_handoff, &mode, &r);
    if (!r.signaled || r.sig != SIGABRT)
        fail_msg("handoff %d: child not killed by SIGABRT (exited %d status %d); stderr: %s", mode,
                 r.exited, r.status, r.err);
    if (strstr(r.err, msg) == NULL)
        fail_msg("handoff %d: expected \"%s\", stderr: %s", mode, msg, r.err);
    if (strstr(r.err, "returned") != NULL)
        fail_msg("handoff %d: the access went on after the fatal error: %s", mode, r.err);

    char last[9000];
    bool valgrind = test_under_valgrind();
    bool found = race_detected(mode, valgrind ? 1 : 5, msg, last, sizeof last);
    if (!found && !valgrind)
        fail_msg("free-running race %d never detected in 5 attempts (\"%s\"); last child %s", mode,
                 msg, last);
}

static void concurrent_writes_detected(void **state)
{
    (void)state;
    check_race_detected(0, "fatal error: concurrent map writes");
}

static void concurrent_read_and_write_detected(void **state)
{
    (void)state;
    check_race_detected(1, "fatal error: concurrent map read and map write");
}

static void concurrent_iteration_and_write_detected(void **state)
{
    (void)state;
    check_race_detected(2, "fatal error: concurrent map iteration and map write");
}

/* ------------------------------------------------------------------------ */
/* Re-entry from a callback: a write's allocation calls back into the map   */
/* ------------------------------------------------------------------------ */

/* The same detection as for two threads, made deterministic: the allocator
 * runs inside a write (the map is marked as being written), and a callback
 * that touches the map there is exactly a concurrent access. */
/* RE_ITER_MID: the iterator is inside a bucket with cells left, which the
 * inline part of gomap_iter_next serves: it must see the write too. */
enum reentry {
    RE_GET,
    RE_ASSIGN,
    RE_DELETE,
    RE_CLEAR,
    RE_ITER_NEXT,
    RE_CLONE,
    RE_ITER_MID,
    RE_COUNT
};

static const char *const reentry_msg[RE_COUNT] = {
    "fatal error: concurrent map read and map write",
    "fatal error: concurrent map writes",
    "fatal error: concurrent map writes",
    "fatal error: concurrent map writes",
    "fatal error: concurrent map iteration and map write",
    "fatal error: concurrent map clone and map write",
    "fatal error: concurrent map iteration and map write",
};

typedef struct reentrant {
    gomap *m;
    gomap_iter it;
    enum reentry what;
    bool armed;
} reentrant;

static reentrant g_reentrant;

static void *reentrant_alloc(void *ctx, size_t size, unsigned flags)
{
    reentrant *r = ctx;
    if (r->armed) {
        r->armed = false;
        switch (r->what) {
        case RE_GET: (void)gomap_get_u64(r->m, 1); break;
        case RE_ASSIGN: (void)gomap_assign_u64(r->m, 1); break;
        case RE_DELETE: (void)gomap_delete_u64(r->m, 1); break;
        case RE_CLEAR: gomap_clear(r->m); break;
        case RE_ITER_NEXT:
        case RE_ITER_MID: (void)gomap_iter_next(&r->it); break;
        default: gomap_free(gomap_clone(r->m)); break;
        }
        fprintf(stderr, "the re-entrant call returned\n");
    }
    return (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size) : malloc(size);
}

static void child_reentry(void *arg)
{
    reentrant *r = &g_reentrant;
    r->what = *(enum reentry *)arg;
    r->m = callback_map(reentrant_alloc, r, &r->it);
    if (r->what == RE_ITER_MID && !gomap_iter_next(&r->it))
        _exit(6); /* one of the map's 4 entries: 3 cells of its bucket left */
    r->armed = true;
    /* inserts until one allocates (the first growth at the latest) */
    for (uint64_t k = 100; k < 200 && r->armed; k++)
        gomap_assign_u64(r->m, k);
    fprintf(stderr, "no allocation happened inside a write\n");
    _exit(3);
}

static void reentry_from_callbacks_detected(void **state)
{
    (void)state;
    for (int w = 0; w < RE_COUNT; w++) {
        enum reentry what = (enum reentry)w;
        child_result r;
        run_child(child_reentry, &what, &r);
        if (!r.signaled || r.sig != SIGABRT)
            fail_msg("re-entry %d: child not killed by SIGABRT (exited %d status %d); stderr: %s",
                     w, r.exited, r.status, r.err);
        if (strstr(r.err, reentry_msg[w]) == NULL)
            fail_msg("re-entry %d: expected \"%s\", stderr: %s", w, reentry_msg[w], r.err);
        if (strstr(r.err, "returned") != NULL)
            fail_msg("re-entry %d: the call went on after the fatal error: %s", w, r.err);
    }
}

/* ------------------------------------------------------------------------ */
/* Iterators after gomap_iter_done                                          */
/* ------------------------------------------------------------------------ */

/* Using an iterator after gomap_iter_done (or after its end) is defined: it
 * produces nothing, its pointers are NULL, and a second done is harmless.
 * The memory it pinned is released at the first done. Checked in a child so
 * that a crash would show as a failure with its output. */
static void child_iter_after_done(void *arg)
{
    (void)arg;
    test_alloc ta;
    test_alloc_init(&ta);
    gomap_options o = test_alloc_options(&ta, 7);
    gomap_type t = gomap_type_u64(GOMAP_ELEM(uint64_t));
    gomap *m = gomap_new_with(&t, 0, &o);
    uint64_t k = 0;
    for (; k < 50; k++)
        gomap_assign_u64(m, k);
    gomap_iter it;
    gomap_iter_init(&it, m);
    if (!gomap_iter_next(&it) || it.key == NULL)
        _exit(10);
    /* grow to completion under the live iterator: the old arrays stay pinned */
    size_t b0 = stats_of(m).B;
    while (stats_of(m).B < b0 + 2 || stats_of(m).growing)
        gomap_assign_u64(m, k++);
    size_t pinned = ta.live;
    gomap_iter_done(&it);
    if (ta.live >= pinned)
        _exit(11); /* done did not release the pinned arrays */
    for (int i = 0; i < 3; i++) {
        if (gomap_iter_next(&it) || it.key != NULL || it.elem != NULL)
            _exit(12);
        gomap_iter_done(&it);
    }
    /* the map is unaffected and a fresh iterator works */
    size_t n = 0;
    for (gomap_iter_init(&it, m); gomap_iter_next(&it);)
        n++;
    if (n != k)
        _exit(13);
    gomap_iter_done(&it); /* after the end: harmless */
    if (gomap_iter_next(&it))
        _exit(14);
    gomap_free(m);
    _exit(ta.live == 0 ? 0 : 15);
}

static void iterator_after_done_is_inert(void **state)
{
    (void)state;
    child_result r;
    run_child(child_iter_after_done, NULL, &r);
    if (!r.exited || r.status != 0 || r.err[0] != 0)
        fail_msg("child exited %d status %d signal %d; stderr: %s", r.exited, r.status, r.sig,
                 r.err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nil_map_assignment),
        cmocka_unit_test(nil_map_reads_not_fatal),
        cmocka_unit_test(fast_path_wrong_kind),
        cmocka_unit_test(default_handler_nil_map),
        cmocka_unit_test(default_handler_wrong_kind),
        cmocka_unit_test(returning_handler_aborts),
        cmocka_unit_test(concurrent_writes_detected),
        cmocka_unit_test(concurrent_read_and_write_detected),
        cmocka_unit_test(concurrent_iteration_and_write_detected),
        cmocka_unit_test(reentry_from_callbacks_detected),
        cmocka_unit_test(iterator_after_done_is_inert),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
