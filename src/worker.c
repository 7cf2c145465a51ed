/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * worker.c - a background thread for the operating system's share of large
 * bucket arrays.
 *
 * A growth of a large map needs a new array whose pages the kernel must
 * fault in (zeroing each one) and, at its end, an old array to unmap. On a
 * busy machine a page fault costs microseconds, so doing that work inside
 * inserts, even spread out a step at a time, puts hundreds of inserts in
 * the tens of microseconds. With the default allocator the map hands both
 * jobs to one process-wide thread instead, started on first use:
 *  - populate: fault in a mapped range ahead of the growth that will use
 *    it, by writing to each page; when the map takes the range (or drops
 *    it) the thread stops, and the map's own writes fault in whatever is
 *    left;
 *  - unmap: return a range the map no longer uses, a piece at a time.
 * Small populate jobs needed soon (overflow extension chunks, extend.c) go
 * to a queue of their own that runs first: a long populate in progress
 * stops after its current piece and resumes after them. Otherwise jobs run
 * in the order they were queued. A populate never touches its range once
 * the map has forgotten it (worker_forget), which the map does before it
 * gives the range up, so an unmap queued later is safe whatever runs
 * first. An unmap job lives in the first bytes of the range it unmaps, so
 * queueing one never allocates and cannot fail.
 *
 * The thread blocks every signal and sleeps on a condition variable when
 * idle. In the child of a fork it does not exist: the child starts its own
 * on its next job, which also runs whatever was queued before the fork.
 * If the thread cannot be started the map does the work itself, a step at a
 * time (memory.c).
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* munmap, sysconf */
#endif
#include "internal.h"

#if defined(__linux__) && defined(GOMAP_HAVE_PTHREAD)
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

enum { JOB_POPULATE, JOB_UNMAP };

/* Work in pieces: the map waits for at most one populate piece when it
 * takes the range, and other threads' mmap/brk calls (which need the
 * address-space lock munmap holds) wait for at most one unmap piece, about
 * 200 us for 8 MiB. Each munmap also interrupts every other thread of the
 * process running at the time to flush its TLB, which under a hypervisor
 * costs it 5 to 20 us: 1 MiB pieces made hundreds of inserts slow while a
 * large array was unmapped. */
#define POPULATE_PIECE (64u << 10)
#define UNMAP_PIECE    (8u << 20)
/* A range advised for huge pages is populated one 2 MiB page per piece.
 * Such a fault normally takes 0.1 to 0.5 ms; where one takes longer (a
 * virtual machine's host backing memory it never touched: up to about
 * 10 ms) the rest of the range goes back to 4 KiB pages, so that the map,
 * which waits for the piece in progress when it takes the range, and its
 * own writes to the part not yet faulted in, never wait that long. */
#define HUGE_PIECE (2u << 20)

struct os_job {
    struct os_job *next;
    int kind;
    unsigned char *base;
    size_t len;
    /* populate: the thread touches pages only while holding `piece` and
     * while `stop` is false; the map sets `stop`, then takes `piece` once,
     * before it writes to the range or gives it up. The thread also reads
     * `stop` before it takes `piece` again: a mutex is not fair, and a
     * thread relocking it at once kept a waiting map out for the whole
     * range (hundreds of milliseconds at 10^7 keys). */
    pthread_mutex_t piece;
    _Atomic bool stop;
    bool soon;        /* populate: from the queue of small urgent jobs */
    bool huge;        /* populate: the rest of the range is advised for huge pages */
    size_t done;      /* populate: bytes faulted in so far (under piece) */
    _Atomic int refs; /* populate: held by the map and by the queue */
};

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t idle_cond = PTHREAD_COND_INITIALIZER; /* the queue ran dry */
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;
static os_job *queue_head, *queue_tail;
static os_job *soon_head, *soon_tail; /* run before queue_head's jobs */
static _Atomic bool soon_waiting;     /* soon_head != NULL, read without the lock */
static os_job *populating;            /* the populate job the thread is running, or NULL */
static bool worker_running;           /* under queue_lock */
static bool worker_busy;              /* running a job; under queue_lock */
static bool worker_failed;            /* pthread_create failed: do the work inline */

static void job_unref(os_job *j)
{
    if (atomic_fetch_sub_explicit(&j->refs, 1, memory_order_acq_rel) == 1) {
        pthread_mutex_destroy(&j->piece);
        free(j);
    }
}

/* Faulting the pages in by writing to them, rather than with
 * MADV_POPULATE_WRITE: the kernel serves a page fault under a lock of its
 * own mapping, while madvise holds the address-space lock, which every
 * brk and mmap of the program (malloc growing its heap) must wait for;
 * back-to-back calls kept those waiting for milliseconds. The range is
 * fresh and zero and nobody else writes to it while `stop` is false, so
 * writing zeros changes nothing. */
static bool populate(os_job *j) /* false: paused for urgent jobs */
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    for (;;) {
        if (atomic_load_explicit(&j->stop, memory_order_relaxed))
            return true;
        pthread_mutex_lock(&j->piece);
        size_t off = j->done;
        bool stop = atomic_load_explicit(&j->stop, memory_order_relaxed) || off >= j->len;
        if (!stop) {
            size_t piece = j->huge ? HUGE_PIECE : POPULATE_PIECE;
            size_t n = j->len - off < piece ? j->len - off : piece;
            uint64_t t0 = j->huge ? monotonic_ns() : 0;
            for (size_t p = 0; p < n; p += page)
                ((volatile unsigned char *)j->base)[off + p] = 0;
            j->done = off + n;
            if (j->huge && j->done < j->len && monotonic_ns() - t0 > HUGE_SLOW_NS) {
                j->huge = false;
                (void)madvise(j->base + j->done, j->len - j->done, MADV_NOHUGEPAGE);
            }
        }
        pthread_mutex_unlock(&j->piece);
        if (stop)
            return true;
        if (!j->soon && atomic_load_explicit(&soon_waiting, memory_order_relaxed))
            return false;
    }
}

/* Take the next job (queue_lock held): the urgent ones first. */
static os_job *dequeue_locked(void)
{
    os_job *j = soon_head;
    if (j != NULL) {
        soon_head = j->next;
        if (soon_head == NULL) {
            soon_tail = NULL;
            atomic_store_explicit(&soon_waiting, false, memory_order_relaxed);
        }
        return j;
    }
    j = queue_head;
    queue_head = j->next;
    if (queue_head == NULL)
        queue_tail = NULL;
    return j;
}

static void push_front_locked(os_job *j)
{
    os_job **head = j->soon ? &soon_head : &queue_head;
    os_job **tail = j->soon ? &soon_tail : &queue_tail;
    j->next = *head;
    *head = j;
    if (*tail == NULL)
        *tail = j;
    if (j->soon)
        atomic_store_explicit(&soon_waiting, true, memory_order_relaxed);
}

static void *worker_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&queue_lock);
    for (;;) {
        worker_busy = false;
        if (queue_head == NULL && soon_head == NULL)
            pthread_cond_broadcast(&idle_cond);
        while (queue_head == NULL && soon_head == NULL)
            pthread_cond_wait(&queue_cond, &queue_lock);
        worker_busy = true;
        os_job *j = dequeue_locked();
        if (j->kind == JOB_POPULATE)
            populating = j;
        pthread_mutex_unlock(&queue_lock);
        if (j->kind == JOB_POPULATE) {
            bool finished = populate(j);
            pthread_mutex_lock(&queue_lock);
            populating = NULL;
            if (!finished)
                push_front_locked(j); /* after the urgent jobs */
            pthread_mutex_unlock(&queue_lock);
            if (finished)
                job_unref(j);
        } else {
            /* The job is inside the range: read it first, and unmap its
             * first piece last. */
            unsigned char *base = j->base;
            size_t len = j->len;
            while (len > UNMAP_PIECE) {
                len -= UNMAP_PIECE;
                munmap(base + len, UNMAP_PIECE);
            }
            munmap(base, len);
        }
        pthread_mutex_lock(&queue_lock);
    }
    return NULL;
}

/* The thread may hold the lock of the piece it is populating: take it too,
 * so the child does not inherit it locked (the thread sets and clears
 * `populating` under queue_lock, so it is stable here). */
static void before_fork(void)
{
    pthread_mutex_lock(&queue_lock);
    if (populating != NULL)
        pthread_mutex_lock(&populating->piece);
}

static void after_fork_parent(void)
{
    if (populating != NULL)
        pthread_mutex_unlock(&populating->piece);
    pthread_mutex_unlock(&queue_lock);
}

static void after_fork_child(void)
{
    /* The thread was not copied; the queue was. A populate job it was
     * running goes back to the front, to be finished (and freed) by the
     * child's own thread. (An unmap it was running is either done or not
     * visible here: fork and munmap exclude each other; its job lives in
     * the range, so it is not requeued.) */
    pthread_mutex_init(&queue_lock, NULL);
    pthread_cond_init(&queue_cond, NULL);
    pthread_cond_init(&idle_cond, NULL);
    worker_running = false;
    worker_busy = false;
    if (populating != NULL) {
        pthread_mutex_init(&populating->piece, NULL);
        push_front_locked(populating);
        populating = NULL;
    }
}

static void register_atfork(void)
{
    pthread_atfork(before_fork, after_fork_parent, after_fork_child);
}

/* Queue j (queue_lock held), starting the thread if needed. False if it
 * cannot run. */
static bool enqueue_locked(os_job *j)
{
    if (!worker_running) {
        if (worker_failed)
            return false;
        pthread_attr_t attr;
        sigset_t all, old;
        pthread_t tid;
        sigfillset(&all);
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&attr, 64u << 10);
        pthread_sigmask(SIG_SETMASK, &all, &old); /* inherited by the thread */
        int err = pthread_create(&tid, &attr, worker_main, NULL);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_attr_destroy(&attr);
        if (err != 0) {
            worker_failed = true;
            return false;
        }
        worker_running = true;
    }
    bool soon = j->kind == JOB_POPULATE && j->soon;
    os_job **head = soon ? &soon_head : &queue_head;
    os_job **tail = soon ? &soon_tail : &queue_tail;
    j->next = NULL;
    if (*tail != NULL)
        (*tail)->next = j;
    else
        *head = j;
    *tail = j;
    if (soon)
        atomic_store_explicit(&soon_waiting, true, memory_order_relaxed);
    pthread_cond_signal(&queue_cond);
    return true;
}

static bool enqueue(os_job *j)
{
    pthread_once(&atfork_once, register_atfork);
    pthread_mutex_lock(&queue_lock);
    bool ok = enqueue_locked(j);
    pthread_mutex_unlock(&queue_lock);
    return ok;
}

static os_job *populate_job(void *base, size_t len, bool soon, bool huge)
{
    os_job *j = malloc(sizeof *j);
    if (j == NULL)
        return NULL;
    j->kind = JOB_POPULATE;
    j->base = base;
    j->len = len;
    atomic_init(&j->stop, false);
    j->soon = soon;
    j->huge = huge;
    j->done = 0;
    atomic_init(&j->refs, 2);
    if (pthread_mutex_init(&j->piece, NULL) != 0) {
        free(j);
        return NULL;
    }
    if (!enqueue(j)) {
        pthread_mutex_destroy(&j->piece);
        free(j);
        return NULL;
    }
    return j;
}

os_job *worker_populate(void *base, size_t len, bool huge)
{
    return populate_job(base, len, false, huge);
}

os_job *worker_populate_soon(void *base, size_t len)
{
    return populate_job(base, len, true, false);
}

void gomap_background_wait(void)
{
    pthread_once(&atfork_once, register_atfork);
    pthread_mutex_lock(&queue_lock);
    while (worker_running && (queue_head != NULL || soon_head != NULL || worker_busy))
        pthread_cond_wait(&idle_cond, &queue_lock);
    pthread_mutex_unlock(&queue_lock);
}

size_t worker_forget(os_job *j)
{
    /* Waits for the piece in progress, if any: at most 64 KiB of pages, or
     * one huge page (the thread sees `stop` before it starts another). */
    atomic_store_explicit(&j->stop, true, memory_order_relaxed);
    pthread_mutex_lock(&j->piece);
    size_t huge_from = j->huge ? j->done : j->len;
    pthread_mutex_unlock(&j->piece);
    job_unref(j);
    return huge_from;
}

bool worker_unmap(void *base, size_t len)
{
    if (len < sizeof(os_job))
        return false;
    os_job *j = base;
    j->kind = JOB_UNMAP;
    j->base = base;
    j->len = len;
    return enqueue(j);
}

#else /* no background thread: memory.c does the work in steps */

os_job *worker_populate(void *base, size_t len, bool huge)
{
    (void)base;
    (void)len;
    (void)huge;
    return NULL;
}

os_job *worker_populate_soon(void *base, size_t len)
{
    (void)base;
    (void)len;
    return NULL;
}

void gomap_background_wait(void)
{
}

size_t worker_forget(os_job *j)
{
    (void)j;
    return SIZE_MAX; /* never called: there are no jobs */
}

bool worker_unmap(void *base, size_t len)
{
    (void)base;
    (void)len;
    return false;
}

#endif
