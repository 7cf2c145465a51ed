/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_alloc.c - counts allocation calls and live heap bytes for the
 * contenders by interposing malloc & co. on glibc's own entry points, so
 * every table (C, C++ new, GLib) is measured the same way. Anonymous
 * mappings made through mmap (gomap maps its large bucket arrays itself)
 * count as heap too, page-rounded; glibc's own mappings for big malloc
 * blocks go through its internal entry point and are counted by malloc.
 */
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

#include <stdatomic.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *p);

/* The benchmarks run on the main thread, whose counts stay plain so that
 * counting costs every contender the same few instructions. gomap frees and
 * unmaps some memory from a background thread; other threads' changes go
 * to an atomic counter. */
static size_t live_main;
static uint64_t calls_main;
static _Atomic long long live_other;
static _Atomic uint64_t calls_other;
static _Thread_local int thread_kind; /* 0 unknown, 1 main, 2 other */

static int on_main_thread(void)
{
    if (thread_kind == 0)
        thread_kind = syscall(SYS_gettid) == getpid() ? 1 : 2;
    return thread_kind == 1;
}

static size_t peak_main;

static void count_bytes(long long delta)
{
    if (on_main_thread()) {
        live_main += (size_t)delta;
        if (delta > 0) {
            size_t now =
                live_main + (size_t)atomic_load_explicit(&live_other, memory_order_relaxed);
            if (now > peak_main)
                peak_main = now;
        }
    } else {
        atomic_fetch_add_explicit(&live_other, delta, memory_order_relaxed);
    }
}

size_t bench_heap_peak(void)
{
    return peak_main;
}

void bench_heap_peak_reset(void)
{
    peak_main = bench_heap_live();
}

size_t bench_heap_live(void)
{
    return live_main + (size_t)atomic_load(&live_other);
}
uint64_t bench_alloc_calls(void)
{
    return calls_main + atomic_load(&calls_other);
}

static void *note_alloc(void *p)
{
    if (p != NULL) {
        if (on_main_thread())
            calls_main++;
        else
            atomic_fetch_add_explicit(&calls_other, 1, memory_order_relaxed);
        count_bytes((long long)malloc_usable_size(p));
    }
    return p;
}

void *malloc(size_t size)
{
    return note_alloc(__libc_malloc(size));
}

void *calloc(size_t n, size_t size)
{
    return note_alloc(__libc_calloc(n, size));
}

void free(void *p)
{
    if (p != NULL)
        count_bytes(-(long long)malloc_usable_size(p));
    __libc_free(p);
}

void *realloc(void *p, size_t size)
{
    size_t old = p != NULL ? malloc_usable_size(p) : 0;
    void *q = __libc_realloc(p, size);
    if (q != NULL || size == 0)
        count_bytes(-(long long)old);
    return q != NULL ? note_alloc(q) : q;
}

void *memalign(size_t align, size_t size)
{
    return note_alloc(__libc_memalign(align, size));
}

void *aligned_alloc(size_t align, size_t size)
{
    return note_alloc(__libc_memalign(align, size));
}

int posix_memalign(void **out, size_t align, size_t size)
{
    void *p = note_alloc(__libc_memalign(align, size));
    if (p == NULL)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

static size_t page_round(size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (n + page - 1) / page * page;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    long r = syscall(SYS_mmap, addr, len, prot, flags, fd, off);
    if (r == -1)
        return MAP_FAILED;
    if (flags & MAP_ANONYMOUS)
        count_bytes((long long)page_round(len));
    return (void *)r;
}

int munmap(void *addr, size_t len)
{
    long r = syscall(SYS_munmap, addr, len);
    if (r == 0)
        count_bytes(-(long long)page_round(len));
    return (int)r;
}
