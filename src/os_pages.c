/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * os_pages.c - the default allocator.
 *
 * Small blocks come from malloc/calloc/free. Large ones (LARGE_BLOCK and
 * up: bucket arrays of large maps) are mapped from the OS: mapped memory
 * reads as zero until written, so a zeroed block costs nothing up front and
 * its pages are faulted in by the writes that first touch them, which a
 * growth spreads over its evacuating writes.
 *
 * Unmapping is the expensive end: the kernel frees every page, which for a
 * large array would land inside the one insert that finishes a growth. So
 * large frees are queued to a background thread, the OS thread (started on
 * first need, all signals blocked), which unmaps them in turn. The queue's
 * links live in the first bytes of the blocks themselves: queueing never
 * allocates. Without the thread (it cannot start, no pthreads, or the map
 * was made with GOMAP_NO_BACKGROUND) the free unmaps at once. In the child
 * of a fork the thread does not exist: the child forgets what was queued
 * and starts its own thread on its next large block.
 *
 * Faulting pages in costs too: a growing map's evacuating writes would
 * take a page fault every few buckets. So the same thread also populates
 * each new large block ahead of the writes (MADV_POPULATE_WRITE, which
 * faults pages in without storing into them: the map may already be
 * writing there). See "Populating ahead" below.
 *
 * A freed small block is kept by the thread for its next allocation of the
 * same size: programs that make and drop many small maps (one per request,
 * say) would otherwise pay malloc and free for each, and Go's allocator
 * keeps such memory in per-thread caches too. One block per thread, of at
 * most CACHED_BLOCK_MAX bytes, freed when the thread exits.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#endif
#include "os_pages.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define HAVE_MMAP 1
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#define HAVE_USABLE_SIZE 1
#endif
#if defined(GOMAP_HAVE_PTHREAD)
#include <pthread.h>
#include <signal.h>
#endif

#define LARGE_BLOCK (1u << 20)

#ifdef HAVE_MMAP
static size_t page_round(size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (n + page - 1) / page * page;
}
#endif

/* ---- The thread's cached small block ------------------------------------- */

#if defined(GOMAP_HAVE_PTHREAD)
#define CACHED_BLOCK_MAX (16u << 10)

struct cached_block {
    void *block;
    size_t size;
    bool registered; /* the exit destructor is set for this thread */
};
static _Thread_local struct cached_block cached_block;
static pthread_key_t cached_block_key;
static pthread_once_t cached_block_once = PTHREAD_ONCE_INIT;
static bool cached_block_key_ok;

static void cached_block_exit(void *arg)
{
    struct cached_block *c = arg;
    free(c->block);
    c->block = NULL;
    /* A block freed by a later destructor of this thread registers again,
     * so the exit rounds free it too. */
    c->registered = false;
}

static void cached_block_init(void)
{
    cached_block_key_ok = pthread_key_create(&cached_block_key, cached_block_exit) == 0;
}

static void *cache_take(size_t size)
{
    struct cached_block *c = &cached_block;
    if (c->block == NULL || c->size != size)
        return NULL;
    void *p = c->block;
    c->block = NULL;
    return p;
}

static bool cache_keep(void *block, size_t size)
{
    struct cached_block *c = &cached_block;
    if (size > CACHED_BLOCK_MAX)
        return false;
    if (!c->registered) {
        pthread_once(&cached_block_once, cached_block_init);
        if (!cached_block_key_ok || pthread_setspecific(cached_block_key, c) != 0)
            return false;
        c->registered = true;
    }
    free(c->block); /* the newer block is the warmer one */
    c->block = block;
    c->size = size;
    return true;
}
#else
#define cache_take(size)        NULL
#define cache_keep(block, size) false
#endif

/* ---- The OS thread -------------------------------------------------------- */

#if defined(HAVE_MMAP) && defined(GOMAP_HAVE_PTHREAD)
#define HAVE_OS_THREAD 1
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older headers lack it */
#endif

struct release_job { /* stored at the start of the block it unmaps */
    struct release_job *next;
    size_t len;
};

/* Populating ahead. A new large block is queued to be faulted in from its
 * start to its end, POPULATE_CHUNK bytes per madvise call, so that the
 * writes filling it find its pages present. The call holds the process's
 * memory map for reading; another thread's mmap or munmap waits behind it,
 * so chunks are kept small, and between chunks the thread drops rel_lock
 * and looks at its queues again. A job must not be stored in its block
 * (the map owns those bytes from the moment os_alloc returns), so the jobs
 * live in a small fixed table; a block that finds it full is not populated
 * (its writes fault its pages in, as without this). If the kernel does not
 * know MADV_POPULATE_WRITE, populating stops for good: writing to the
 * pages instead could overwrite the map's data.
 *
 * A block must stay mapped while a chunk of it is being populated: os_free
 * removes its job and waits, on rel_chunk_done, until the thread is no
 * longer inside that block (pop_block). */
#define POPULATE_CHUNK LARGE_BLOCK
#define POPULATE_JOBS  8

struct populate_job {
    char *block;
    size_t len;
    size_t done; /* bytes from the start handed to madvise so far */
};

static pthread_mutex_t rel_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rel_work = PTHREAD_COND_INITIALIZER;
static pthread_cond_t rel_idle = PTHREAD_COND_INITIALIZER;       /* both queues ran dry */
static pthread_cond_t rel_chunk_done = PTHREAD_COND_INITIALIZER; /* pop_block changed */
static pthread_once_t rel_atfork_once = PTHREAD_ONCE_INIT;
/* All under rel_lock: */
static struct release_job *rel_head;                /* unmapped in any order */
static struct populate_job pop_jobs[POPULATE_JOBS]; /* oldest first */
static unsigned pop_count;
static const void *pop_block; /* a chunk of this block is being populated */
static bool pop_unsupported;  /* the kernel refused MADV_POPULATE_WRITE */
static bool rel_running;      /* the thread exists */
static bool rel_busy;         /* it has or may have work (set with every job queued) */

/* Drops the job of block, if it has one (at most one: a block is queued
 * when it is mapped). rel_lock held. */
static void pop_cancel(const void *block)
{
    for (unsigned i = 0; i < pop_count; i++)
        if (pop_jobs[i].block == block) {
            pop_count--;
            memmove(&pop_jobs[i], &pop_jobs[i + 1], (pop_count - i) * sizeof pop_jobs[0]);
            return;
        }
}

/* Populate the next chunk of the oldest job: rel_lock held, dropped during
 * the call. The chunk is claimed before the lock is dropped, so the job
 * table is consistent whatever os_free does meanwhile; and a freed block
 * cannot be mapped again at the same address before this returns, since
 * its free waits for pop_block to change. */
static void populate_chunk(void)
{
    struct populate_job *j = &pop_jobs[0];
    char *block = j->block;
    char *from = block + j->done;
    size_t n = j->len - j->done < POPULATE_CHUNK ? j->len - j->done : POPULATE_CHUNK;
    j->done += n;
    if (j->done == j->len)
        pop_cancel(block);
    pop_block = block;
    pthread_mutex_unlock(&rel_lock);
    int err = madvise(from, n, MADV_POPULATE_WRITE) == 0 ? 0 : errno;
    pthread_mutex_lock(&rel_lock);
    pop_block = NULL;
    pthread_cond_broadcast(&rel_chunk_done);
    if (err == EINVAL || err == ENOSYS) {
        pop_unsupported = true;
        pop_count = 0;
    } else if (err != 0) { /* out of memory, say: leave this block to its writes */
        pop_cancel(block);
    }
}

/* Unmapping comes first: it gives memory back to the system, and each job
 * is one call. Populating only spares the map's writes some page faults,
 * and if it falls behind the writes fault the pages in themselves. An
 * unmap queued while a chunk is populated waits for that chunk only. */
static void *os_thread_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&rel_lock);
    for (;;) {
        if (rel_head != NULL) {
            struct release_job *j = rel_head;
            rel_head = j->next;
            pthread_mutex_unlock(&rel_lock);
            munmap(j, j->len);
            pthread_mutex_lock(&rel_lock);
        } else if (pop_count > 0) {
            populate_chunk();
        } else {
            rel_busy = false;
            pthread_cond_broadcast(&rel_idle);
            pthread_cond_wait(&rel_work, &rel_lock);
        }
    }
    return NULL;
}

/* The child of a fork starts with no thread and empty queues. No lock is
 * held across the fork (a thread holding a map's lock may be freeing into
 * the queue while fork handlers wait for that lock), so the queues may be
 * half updated here: they are forgotten, not walked. What was queued for
 * unmapping stays mapped in the child, pages shared with the parent until
 * either writes; blocks being populated are left to their writes. */
static void rel_after_fork_child(void)
{
    rel_head = NULL;
    pop_count = 0;
    pop_block = NULL;
    rel_running = rel_busy = false;
    rel_lock = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
    rel_work = rel_idle = rel_chunk_done = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
}

static void rel_register_atfork(void)
{
    pthread_atfork(NULL, NULL, rel_after_fork_child);
}

static bool start_os_thread(void) /* rel_lock held */
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); /* inherited by the thread */
    pthread_t tid;
    int err = pthread_create(&tid, NULL, os_thread_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err == 0)
        pthread_detach(tid); /* it runs as long as the process */
    return err == 0;
}

/* Takes rel_lock; false (lock released) if the thread cannot run. */
static bool lock_os_thread(void)
{
    pthread_once(&rel_atfork_once, rel_register_atfork);
    pthread_mutex_lock(&rel_lock);
    if (!rel_running)
        rel_running = start_os_thread();
    if (!rel_running)
        pthread_mutex_unlock(&rel_lock);
    return rel_running;
}

/* Queue the new block [p, p + len) to be populated, if there is room. */
static void populate_later(void *p, size_t len)
{
    if (!lock_os_thread())
        return;
    if (!pop_unsupported && pop_count < POPULATE_JOBS) {
        pop_jobs[pop_count++] = (struct populate_job){p, len, 0};
        rel_busy = true; /* until the thread finds both queues empty */
        pthread_cond_signal(&rel_work);
    }
    pthread_mutex_unlock(&rel_lock);
}

/* Queue [p, p + len) to be unmapped; false if the thread cannot run. Its
 * populating, queued or under way, is cancelled or waited for first. */
static bool release_later(void *p, size_t len)
{
    if (!lock_os_thread())
        return false;
    pop_cancel(p);
    while (pop_block == p)
        pthread_cond_wait(&rel_chunk_done, &rel_lock);
    struct release_job *j = p;
    *j = (struct release_job){rel_head, len};
    rel_head = j;
    rel_busy = true;
    pthread_cond_signal(&rel_work);
    pthread_mutex_unlock(&rel_lock);
    return true;
}

void gomap_background_wait(void)
{
    pthread_once(&rel_atfork_once, rel_register_atfork);
    pthread_mutex_lock(&rel_lock);
    while (rel_busy)
        pthread_cond_wait(&rel_idle, &rel_lock);
    pthread_mutex_unlock(&rel_lock);
}
#else
#define populate_later(p, len) ((void)0)
#define release_later(p, len)  false
void gomap_background_wait(void)
{
}
#endif

/* ---- The allocator ---------------------------------------------------------- */

/* ctx tells the two allocators apart: large blocks populated and freed in
 * the background (ctx == &background) or not (NULL). */
static char background;

static void *os_alloc(void *ctx, size_t size, unsigned flags)
{
    (void)ctx;
#ifdef HAVE_MMAP
    if (size >= LARGE_BLOCK) {
        size_t len = page_round(size);
        void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        if (ctx == &background)
            populate_later(p, len);
        return p; /* zero-filled either way */
    }
#endif
    void *p = cache_take(size);
    if (p != NULL) {
        if (flags & GOMAP_ALLOC_ZERO)
            memset(p, 0, size);
        return p;
    }
    return (flags & GOMAP_ALLOC_ZERO) ? calloc(1, size) : malloc(size);
}

static void os_free(void *ctx, void *ptr, size_t size)
{
#ifdef HAVE_MMAP
    if (size >= LARGE_BLOCK) {
        size_t len = page_round(size);
        if (ctx == &background && release_later(ptr, len))
            return;
        munmap(ptr, len);
        return;
    }
#endif
    (void)ctx;
    if (!cache_keep(ptr, size))
        free(ptr);
}

static const gomap_allocator allocators[] = {{os_alloc, os_free, NULL},
                                             {os_alloc, os_free, &background}};

const gomap_allocator *os_allocator(bool in_background)
{
    return &allocators[in_background];
}

size_t os_usable_size(void *p, size_t size)
{
#ifdef HAVE_MMAP
    if (size >= LARGE_BLOCK)
        return page_round(size);
#endif
#ifdef HAVE_USABLE_SIZE
    return malloc_usable_size(p);
#else
    (void)p;
    return size;
#endif
}
