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
 * large frees are queued to a background thread (started on first need,
 * all signals blocked), which unmaps them in turn. The queue's links live
 * in the first bytes of the blocks themselves: queueing never allocates.
 * Without the thread (it cannot start, no pthreads, or the map was made
 * with GOMAP_NO_BACKGROUND) the free unmaps at once. In the child of a fork
 * the thread does not exist: the child unmaps what was queued and starts
 * its own thread on its next large free.
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
static void *cache_take(size_t size)
{
    (void)size;
    return NULL;
}

static bool cache_keep(void *block, size_t size)
{
    (void)block;
    (void)size;
    return false;
}
#endif

/* ---- The releaser thread --------------------------------------------------- */

#if defined(HAVE_MMAP) && defined(GOMAP_HAVE_PTHREAD)
#define HAVE_RELEASER 1

struct release_job { /* stored at the start of the block it unmaps */
    struct release_job *next;
    size_t len;
};

static pthread_mutex_t rel_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rel_work = PTHREAD_COND_INITIALIZER;
static pthread_cond_t rel_idle = PTHREAD_COND_INITIALIZER; /* the queue ran dry */
static pthread_once_t rel_atfork_once = PTHREAD_ONCE_INIT;
static struct release_job *rel_head, *rel_tail; /* under rel_lock */
static bool rel_running;                        /* the thread exists; under rel_lock */
static bool rel_busy;                           /* it is unmapping a block; under rel_lock */

static void *releaser_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&rel_lock);
    for (;;) {
        while (rel_head == NULL) {
            rel_busy = false;
            pthread_cond_broadcast(&rel_idle);
            pthread_cond_wait(&rel_work, &rel_lock);
        }
        struct release_job *j = rel_head;
        rel_head = j->next;
        if (rel_head == NULL)
            rel_tail = NULL;
        rel_busy = true;
        pthread_mutex_unlock(&rel_lock);
        munmap(j, j->len);
        pthread_mutex_lock(&rel_lock);
    }
    return NULL;
}

/* The child of a fork starts with no thread and an empty queue. No lock is
 * held across the fork (a thread holding a map's lock may be freeing into
 * the queue while fork handlers wait for that lock), so the queue may be
 * half updated here: it is forgotten, not walked. What it held stays
 * mapped in the child, pages shared with the parent until either writes. */
static void rel_after_fork_child(void)
{
    static const pthread_mutex_t lock_init = PTHREAD_MUTEX_INITIALIZER;
    static const pthread_cond_t cond_init = PTHREAD_COND_INITIALIZER;
    rel_head = rel_tail = NULL;
    rel_running = rel_busy = false;
    memcpy(&rel_lock, &lock_init, sizeof rel_lock);
    memcpy(&rel_work, &cond_init, sizeof rel_work);
    memcpy(&rel_idle, &cond_init, sizeof rel_idle);
}

static void rel_register_atfork(void)
{
    pthread_atfork(NULL, NULL, rel_after_fork_child);
}

static bool start_releaser(void) /* rel_lock held */
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0)
        return false;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); /* inherited by the thread */
    pthread_t tid;
    int err = pthread_create(&tid, &attr, releaser_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    return err == 0;
}

/* Queue [p, p + len) for the thread; false if it cannot run. */
static bool release_later(void *p, size_t len)
{
    pthread_once(&rel_atfork_once, rel_register_atfork);
    pthread_mutex_lock(&rel_lock);
    if (!rel_running)
        rel_running = start_releaser();
    if (!rel_running) {
        pthread_mutex_unlock(&rel_lock);
        return false;
    }
    struct release_job *j = p;
    j->next = NULL;
    j->len = len;
    if (rel_tail != NULL)
        rel_tail->next = j;
    else
        rel_head = j;
    rel_tail = j;
    rel_busy = true; /* until the thread finds the queue empty */
    pthread_cond_signal(&rel_work);
    pthread_mutex_unlock(&rel_lock);
    return true;
}

void gomap_background_wait(void)
{
    pthread_once(&rel_atfork_once, rel_register_atfork);
    pthread_mutex_lock(&rel_lock);
    while (rel_running && (rel_head != NULL || rel_busy))
        pthread_cond_wait(&rel_idle, &rel_lock);
    pthread_mutex_unlock(&rel_lock);
}
#else
void gomap_background_wait(void)
{
}
#endif

/* ---- The allocator ---------------------------------------------------------- */

/* ctx tells the two allocators apart: large frees in the background or not. */
static char background_on, background_off;

static void *os_alloc(void *ctx, size_t size, unsigned flags)
{
    (void)ctx;
#ifdef HAVE_MMAP
    if (size >= LARGE_BLOCK) {
        void *p = mmap(NULL, page_round(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
        return p == MAP_FAILED ? NULL : p; /* zero-filled either way */
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
#ifdef HAVE_RELEASER
        if (ctx == &background_on && release_later(ptr, len))
            return;
#endif
        munmap(ptr, len);
        return;
    }
#endif
    (void)ctx;
    if (!cache_keep(ptr, size))
        free(ptr);
}

static const gomap_allocator allocator_background = {os_alloc, os_free, &background_on};
static const gomap_allocator allocator_inline = {os_alloc, os_free, &background_off};

const gomap_allocator *os_allocator(bool background)
{
    return background ? &allocator_background : &allocator_inline;
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
