/* SPDX-License-Identifier: BSD-3-Clause */
/* fork() while other threads use a sync map, a snapshot and a pool: the
 * child uses and frees all three without calling anything first (no hang:
 * an alarm kills a child that blocks), and the maps it makes get seeds of
 * their own. */
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
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gomap/gomap.h>
#include <gomap/pool.h>
#include <gomap/snapshot.h>
#include <gomap/stats.h>
#include <gomap/sync.h>

#include "test_util.h"

#define CHILD_TIMEOUT 30 /* seconds: a child that blocks is killed */
#define NKEYS         64

typedef struct shared {
    gomap_sync *sync;
    gomap_snapshot *snap;
    gomap_pool *pool;
    atomic_bool stop;
} shared;

static gomap_type u64_type(void)
{
    return gomap_type_u64(GOMAP_ELEM(uint64_t));
}

/* New keys keep the dirty map busy (mutex, promotions, retired records). */
static void *sync_worker(void *arg)
{
    shared *sh = arg;
    static int value;
    for (uint64_t i = 0; !atomic_load(&sh->stop); i++) {
        uint64_t k = i % 4096;
        gomap_sync_store(sh->sync, &k, &value);
        void *v;
        uint64_t r = i * 7 % 4096;
        gomap_sync_load(sh->sync, &r, &v);
        if (i % 3 == 0)
            gomap_sync_delete(sh->sync, &r);
    }
    return NULL;
}

/* Edits hold the writer lock; reads sit in RCU read-side sections. */
static void *snapshot_worker(void *arg)
{
    shared *sh = arg;
    gomap_type t = u64_type();
    for (uint64_t i = 0; !atomic_load(&sh->stop); i++) {
        gomap *m = gomap_snapshot_edit_begin(sh->snap, &t);
        if (m != NULL) {
            uint64_t *e = gomap_assign_u64(m, i % 100);
            if (e != NULL)
                *e = i;
            gomap_snapshot_edit_commit(sh->snap, m);
        }
        const gomap *r = gomap_snapshot_read_begin(sh->snap);
        (void)gomap_get_u64(r, i % 100);
        gomap_snapshot_read_end(sh->snap);
    }
    return NULL;
}

static void *pool_worker(void *arg)
{
    shared *sh = arg;
    for (uint64_t i = 0; !atomic_load(&sh->stop); i++) {
        gomap *m = gomap_pool_get(sh->pool, i % 50);
        if (m != NULL) {
            for (uint64_t k = 0; k < i % 50; k++)
                gomap_assign_u64(m, k);
            gomap_pool_put(sh->pool, m);
        }
        if (i % 64 == 0)
            gomap_pool_trim(sh->pool);
    }
    return NULL;
}

/* Where a new map puts NKEYS fixed keys: the keys in bucket order, a
 * function of the map's seed. */
typedef struct layout {
    uint64_t keys[NKEYS];
    size_t n;
} layout;

static bool collect(void *ctx, const gomap_bucket_view *b)
{
    layout *l = ctx;
    for (int i = 0; i < 8; i++)
        if (b->key[i] != NULL && l->n < NKEYS)
            memcpy(&l->keys[l->n++], b->key[i], sizeof(uint64_t));
    return true;
}

static layout new_map_layout(void)
{
    gomap_type t = u64_type();
    gomap *m = gomap_new(&t, 0);
    layout l = {{0}, 0};
    if (m == NULL)
        return l;
    for (uint64_t k = 0; k < NKEYS; k++)
        gomap_assign_u64(m, k);
    gomap_walk_buckets(m, collect, &l);
    gomap_free(m);
    return l;
}

/* The child's work; a non-zero return names the step that failed. */
static int child_main(shared *sh, int fd)
{
    static int value;
    /* The sync map: a new key, a load, a range, then free it. */
    uint64_t k = 1u << 20;
    if (gomap_sync_store(sh->sync, &k, &value) != 0)
        return 10;
    void *v = NULL;
    if (!gomap_sync_load(sh->sync, &k, &v) || v != &value)
        return 11;
    if (gomap_sync_len(sh->sync) == 0)
        return 12;
    for (uint64_t i = 0; i < 5000; i++) /* promotions retire records */
        gomap_sync_store(sh->sync, &i, &value);
    gomap_sync_free(sh->sync);
    /* A new one, made and freed in the child. */
    gomap_type t = u64_type();
    gomap_sync *s2 = gomap_sync_new(&t);
    if (s2 == NULL)
        return 13;
    for (uint64_t i = 0; i < 1000; i++)
        gomap_sync_store(s2, &i, &value);
    gomap_sync_free(s2);
    /* The snapshot: read, edit (the lock may have been held by a thread
     * that is not in the child), free. */
    const gomap *r = gomap_snapshot_read_begin(sh->snap);
    (void)gomap_len(r);
    gomap_snapshot_read_end(sh->snap);
    gomap *m = gomap_snapshot_edit_begin(sh->snap, &t);
    if (m == NULL)
        return 20;
    uint64_t *e = gomap_assign_u64(m, 12345);
    if (e == NULL)
        return 21;
    *e = 7;
    gomap_snapshot_edit_commit(sh->snap, m);
    r = gomap_snapshot_read_begin(sh->snap);
    e = gomap_get_u64(r, 12345);
    bool ok = e != NULL && *e == 7;
    gomap_snapshot_read_end(sh->snap);
    if (!ok)
        return 22;
    gomap_snapshot_free(sh->snap);
    /* The pool. */
    gomap *pm = gomap_pool_get(sh->pool, 10);
    if (pm == NULL || gomap_len(pm) != 0)
        return 30;
    gomap_assign_u64(pm, 1);
    gomap_pool_put(sh->pool, pm);
    gomap_pool_trim(sh->pool);
    (void)gomap_pool_retained(sh->pool);
    gomap_pool_free(sh->pool);
    /* A new map's layout, for the parent to compare with its own. */
    layout l = new_map_layout();
    if (write(fd, &l, sizeof l) != (ssize_t)sizeof l)
        return 40;
    return 0;
}

/* The child's report: the step that failed (0: none) and its layout. */
typedef struct report {
    int step;
    layout l;
} report;

/* Runs child_main and sends its report. The child then ends by SIGKILL,
 * not an exit: under valgrind an exit runs the leak check, which counts
 * what the parent's threads held at the fork (they do not exist here), and
 * would replace the status. */
static void child_run(shared *sh, int fd)
{
    int p[2];
    report r = {0, {{0}, 0}};
    if (pipe(p) != 0) {
        r.step = 1;
    } else {
        r.step = child_main(sh, p[1]);
        if (r.step == 0 && read(p[0], &r.l, sizeof r.l) != (ssize_t)sizeof r.l)
            r.step = 41;
    }
    if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
        _exit(3);
    kill(getpid(), SIGKILL);
    _exit(4);
}

/* The sanitizers' allocators are not fork-safe with threads (clang 14):
 * AddressSanitizer's holds no lock across fork(), and a child of a process
 * whose other threads allocate can find it locked and hang in its first
 * malloc; ThreadSanitizer's locks it around fork(), yet such a child was
 * seen to hang in free(): its call_rcu thread asleep on an allocator lock
 * while no other thread of the child was in the allocator. The C library's
 * allocator is made safe by its own fork handlers. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ALLOCATOR_FORK_UNSAFE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define ALLOCATOR_FORK_UNSAFE 1
#endif
#endif

static void fork_while_threads_run(void **state)
{
    (void)state;
#ifdef ALLOCATOR_FORK_UNSAFE
    printf("skipped: fork_while_threads_run (the sanitizer's allocator is not fork-safe with "
           "threads; the test runs in the gcc build and under valgrind)\n");
    skip();
#endif
    gomap_type t = u64_type();
    shared sh;
    sh.sync = gomap_sync_new(&t);
    sh.snap = gomap_snapshot_new(NULL);
    sh.pool = gomap_pool_new(&t, NULL);
    assert_non_null(sh.sync);
    assert_non_null(sh.snap);
    assert_non_null(sh.pool);
    atomic_init(&sh.stop, false);
    void *(*workers[])(void *) = {sync_worker, snapshot_worker, pool_worker};
    pthread_t th[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_create(&th[i], NULL, workers[i], &sh), 0);

    /* A failed round stops the loop; the workers are joined before the
     * test fails, so none runs on after this frame is gone. */
    char failure[128] = "";
    int rounds = test_under_valgrind() ? 3 : 20;
    int same_layout = 0;
    for (int round = 0; round < rounds && failure[0] == '\0'; round++) {
        struct timespec ts = {0, 2000000}; /* let the workers get going */
        nanosleep(&ts, NULL);
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            alarm(CHILD_TIMEOUT);
            child_run(&sh, fds[1]);
        }
        close(fds[1]);
        /* The parent's next map, made right after the fork: without a
         * reseed the child's first map would have this one's seed. */
        layout mine = new_map_layout();
        report theirs;
        ssize_t n = read(fds[0], &theirs, sizeof theirs);
        close(fds[0]);
        int st;
        while (waitpid(pid, &st, 0) < 0)
            assert_int_equal(errno, EINTR);
        if (n != (ssize_t)sizeof theirs) { /* no report: it crashed or hung */
            if (WIFSIGNALED(st))
                snprintf(failure, sizeof failure, "round %d: child killed by signal %d%s", round,
                         WTERMSIG(st), WTERMSIG(st) == SIGALRM ? " (it hung)" : "");
            else
                snprintf(failure, sizeof failure, "round %d: child sent no report (status %d)",
                         round, st);
        } else if (theirs.step != 0) {
            snprintf(failure, sizeof failure, "round %d: child failed at step %d", round,
                     theirs.step);
        } else if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
            snprintf(failure, sizeof failure, "round %d: child ended with status %d", round, st);
        } else if (mine.n != NKEYS || theirs.l.n != NKEYS) {
            snprintf(failure, sizeof failure, "round %d: layouts of %zu and %zu keys", round,
                     mine.n, theirs.l.n);
        } else if (memcmp(mine.keys, theirs.l.keys, sizeof mine.keys) == 0) {
            same_layout++;
        }
    }

    atomic_store(&sh.stop, true);
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    if (failure[0] != '\0')
        fail_msg("%s", failure);
    /* Two independent seeds place 64 keys alike with negligible odds. */
    assert_int_equal(same_layout, 0);
    gomap_sync_free(sh.sync);
    gomap_snapshot_free(sh.snap);
    gomap_pool_free(sh.pool);
}

/* Forking inside one's own edit: the child goes on with it and commits. */
static void fork_inside_own_edit(void **state)
{
    (void)state;
    gomap_type t = u64_type();
    gomap_snapshot *s = gomap_snapshot_new(NULL);
    assert_non_null(s);
    gomap *m = gomap_snapshot_edit_begin(s, &t);
    assert_non_null(m);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        alarm(CHILD_TIMEOUT);
        gomap_assign_u64(m, 1);
        gomap_snapshot_edit_commit(s, m);
        const gomap *r = gomap_snapshot_read_begin(s);
        bool ok = gomap_len(r) == 1;
        gomap_snapshot_read_end(s);
        gomap *m2 = gomap_snapshot_edit_begin(s, &t);
        char step = !ok ? 1 : m2 == NULL ? 2 : 0;
        if (m2 != NULL)
            gomap_snapshot_edit_abort(s, m2);
        gomap_snapshot_free(s);
        /* Reported through the pipe, then SIGKILL: see child_run. */
        if (write(fds[1], &step, 1) != 1)
            _exit(3);
        kill(getpid(), SIGKILL);
        _exit(4);
    }
    close(fds[1]);
    gomap_snapshot_edit_commit(s, m);
    char step = -1;
    ssize_t n = read(fds[0], &step, 1);
    close(fds[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        assert_int_equal(errno, EINTR);
    assert_int_equal(n, 1);
    assert_int_equal(step, 0);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    gomap_snapshot_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fork_while_threads_run),
        cmocka_unit_test(fork_inside_own_edit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
