/* SPDX-License-Identifier: BSD-3-Clause */
#include "test_util.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Each block carries its size in a header so frees can be checked. */
#define HDR 16

static void *ta_alloc(void *ctx, size_t size, unsigned flags)
{
    test_alloc *ta = ctx;
    ta->calls++;
    bool fail = ta->fail_at != 0 && ta->calls == ta->fail_at;
    if (ta->fail_every != 0 && test_splitmix64(&ta->rng) % ta->fail_every == 0)
        fail = true;
    if (fail) {
        ta->failures++;
        return NULL;
    }
    if (size > SIZE_MAX - HDR)
        return NULL;
    unsigned char *p = (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size + HDR) : malloc(size + HDR);
    if (p == NULL)
        return NULL;
    if (!(flags & GOMAP_ALLOC_ZERO))
        memset(p + HDR, 0xA5, size); /* garbage: the map must not rely on it */
    memcpy(p, &size, sizeof size);
    ta->live++;
    ta->live_bytes += size;
    ta->total_allocs++;
    return p + HDR;
}

static void ta_free(void *ctx, void *ptr, size_t size)
{
    test_alloc *ta = ctx;
    if (ptr == NULL)
        return;
    unsigned char *p = (unsigned char *)ptr - HDR;
    size_t real;
    memcpy(&real, p, sizeof real);
    if (real != size)
        ta->size_mismatch = true;
    ta->live--;
    ta->live_bytes -= real;
    free(p);
}

void test_alloc_init(test_alloc *ta)
{
    memset(ta, 0, sizeof *ta);
    ta->a.alloc = ta_alloc;
    ta->a.free = ta_free;
    ta->a.ctx = ta;
    ta->rng = 12345;
}

gomap_options test_alloc_options(test_alloc *ta, uint64_t seed)
{
    gomap_options o = {.allocator = &ta->a, .seed = seed, .flags = GOMAP_FIXED_SEED};
    return o;
}

uint64_t test_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static jmp_buf fatal_jmp;
static const char *fatal_msg;

static void jump_handler(const char *message)
{
    fatal_msg = message;
    longjmp(fatal_jmp, 1);
}

const char *test_expect_fatal(void (*fn)(void *), void *arg)
{
    fatal_msg = NULL;
    gomap_set_fatal_handler(jump_handler);
    if (setjmp(fatal_jmp) == 0)
        fn(arg);
    gomap_set_fatal_handler(NULL);
    return fatal_msg;
}

gomap_stats stats_of(const gomap *m)
{
    gomap_stats s;
    memset(&s, 0xA5, sizeof s);
    gomap_stats_get(m, &s);
    return s;
}

void check_map(const gomap *m)
{
    const char *err = gomap_check(m);
    if (err != NULL)
        fail_msg("gomap_check: %s", err);
}

bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0)
            return false;
    return true;
}

bool test_under_valgrind(void)
{
    const char *v = getenv("GOMAP_TEST_VALGRIND");
    return v != NULL && *v != 0 && strcmp(v, "0") != 0;
}

size_t test_failpoint_step(size_t k)
{
    return test_under_valgrind() && k >= 24 ? 23 : 1;
}

uint64_t test_u64_key(size_t i)
{
    return (uint64_t)i * UINT64_C(0x9e3779b97f4a7c15) + 1;
}

gomap *test_new_u64_map(unsigned flags)
{
    gomap_type t = gomap_type_u64(sizeof(uint64_t), _Alignof(uint64_t));
    gomap_options o = {NULL, 0, flags};
    gomap *m = gomap_new_with(&t, 0, &o);
    assert_non_null(m);
    return m;
}

void test_fill_u64(gomap *m, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        uint64_t *e = gomap_assign_u64(m, test_u64_key(i));
        assert_non_null(e);
        assert_int_equal(*e, 0);
        *e = i;
    }
}

void test_run_child(void (*fn)(void *), void *arg, gomap_fatal_fn handler, test_child *r)
{
    memset(r, 0, sizeof *r);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit rl = {0, 0};
        setrlimit(RLIMIT_CORE, &rl); /* no core files from an expected abort */
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        close(fds[1]);
        gomap_set_fatal_handler(handler);
        fn(arg);
        _exit(0);
    }
    close(fds[1]);
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fds[0], r->err + len, sizeof r->err - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == sizeof r->err - 1) {
            /* keep draining so the child never blocks on a full pipe */
            char sink[1024];
            while (read(fds[0], sink, sizeof sink) > 0) {
            }
            break;
        }
    }
    r->err[len] = 0;
    close(fds[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        assert_int_equal(errno, EINTR);
    r->signaled = WIFSIGNALED(st);
    r->sig = r->signaled ? WTERMSIG(st) : 0;
    r->exited = WIFEXITED(st);
    r->status = r->exited ? WEXITSTATUS(st) : 0;
}
