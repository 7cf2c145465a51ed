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
 *    it (MADV_POPULATE_WRITE leaves the contents alone, so the map may start
 *    writing into the range before the job is done);
 *  - unmap: return a range the map no longer uses.
 * Jobs run in the order they were queued, so an unmap of a range always
 * comes after any populate of it. An unmap job lives in the first bytes of
 * the range it unmaps, so queueing one never allocates and cannot fail.
 *
 * The thread blocks every signal and sleeps on a condition variable when
 * idle. In the child of a fork it does not exist: the child starts its own
 * on its next job, which also runs whatever was queued before the fork.
 * If the thread cannot be started the map does the work itself, a step at a
 * time (memory.c).
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* MADV_POPULATE_WRITE, MAP_ANONYMOUS */
#endif
#include "internal.h"

#if defined(__linux__) && defined(GOMAP_HAVE_PTHREAD)
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>

enum { JOB_POPULATE, JOB_UNMAP };

/* Populate ranges in pieces so that a cancelled job stops soon. */
#define POPULATE_PIECE (4u << 20)

struct os_job {
    struct os_job *next;
    int kind;
    unsigned char *base;
    size_t len;
    _Atomic int cancel; /* populate: the map no longer needs the range */
    _Atomic int refs;   /* populate: held by the map and by the queue */
};

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cond = PTHREAD_COND_INITIALIZER;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;
static os_job *queue_head, *queue_tail;
static os_job *populating;  /* the populate job the thread is running, or NULL */
static bool worker_running; /* under queue_lock */
static bool worker_failed;  /* pthread_create failed: do the work inline */

static void job_unref(os_job *j)
{
    if (atomic_fetch_sub_explicit(&j->refs, 1, memory_order_acq_rel) == 1)
        free(j);
}

static void populate(os_job *j)
{
#ifdef MADV_POPULATE_WRITE
    for (size_t off = 0; off < j->len; off += POPULATE_PIECE) {
        if (atomic_load_explicit(&j->cancel, memory_order_acquire))
            return;
        size_t n = j->len - off < POPULATE_PIECE ? j->len - off : POPULATE_PIECE;
        /* Kernels before 5.14 refuse it; the map's writes then take the
         * faults (writing from here could race with the map's own). */
        if (madvise(j->base + off, n, MADV_POPULATE_WRITE) != 0)
            return;
    }
#else
    (void)j;
#endif
}

static void *worker_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&queue_lock);
    for (;;) {
        while (queue_head == NULL)
            pthread_cond_wait(&queue_cond, &queue_lock);
        os_job *j = queue_head;
        queue_head = j->next;
        if (queue_head == NULL)
            queue_tail = NULL;
        if (j->kind == JOB_POPULATE)
            populating = j;
        pthread_mutex_unlock(&queue_lock);
        if (j->kind == JOB_POPULATE) {
            populate(j);
            pthread_mutex_lock(&queue_lock);
            populating = NULL;
            pthread_mutex_unlock(&queue_lock);
            job_unref(j);
        } else {
            /* The job is inside the range: read it before unmapping. */
            unsigned char *base = j->base;
            size_t len = j->len;
            munmap(base, len);
        }
        pthread_mutex_lock(&queue_lock);
    }
    return NULL;
}

static void before_fork(void)
{
    pthread_mutex_lock(&queue_lock);
}

static void after_fork_parent(void)
{
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
    worker_running = false;
    if (populating != NULL) {
        populating->next = queue_head;
        queue_head = populating;
        if (queue_tail == NULL)
            queue_tail = populating;
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
    j->next = NULL;
    if (queue_tail != NULL)
        queue_tail->next = j;
    else
        queue_head = j;
    queue_tail = j;
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

os_job *worker_populate(void *base, size_t len)
{
    os_job *j = malloc(sizeof *j);
    if (j == NULL)
        return NULL;
    j->kind = JOB_POPULATE;
    j->base = base;
    j->len = len;
    atomic_init(&j->cancel, 0);
    atomic_init(&j->refs, 2);
    if (!enqueue(j)) {
        free(j);
        return NULL;
    }
    return j;
}

void worker_forget(os_job *j, bool cancel)
{
    if (cancel)
        atomic_store_explicit(&j->cancel, 1, memory_order_release);
    job_unref(j);
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

os_job *worker_populate(void *base, size_t len)
{
    (void)base;
    (void)len;
    return NULL;
}

void worker_forget(os_job *j, bool cancel)
{
    (void)j;
    (void)cancel;
}

bool worker_unmap(void *base, size_t len)
{
    (void)base;
    (void)len;
    return false;
}

#endif
