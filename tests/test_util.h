/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared helpers for the tests: a counting, failure-injecting allocator and a
 * deterministic random stream. */
#ifndef GOMAP_TEST_UTIL_H
#define GOMAP_TEST_UTIL_H

#include <gomap/gomap.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An allocator that counts everything and can fail on purpose. */
typedef struct test_alloc {
    gomap_allocator a;   /* pass &ta.a as gomap_options.allocator */
    size_t calls;        /* alloc calls so far (failed ones included) */
    size_t live;         /* blocks allocated and not freed */
    size_t live_bytes;   /* bytes allocated and not freed */
    size_t total_allocs; /* successful allocations */
    size_t fail_at;      /* fail the call whose number (1-based) equals this; 0: never */
    size_t fail_every;   /* fail one call in this many at random; 0: never */
    uint64_t rng;        /* state for fail_every */
    size_t failures;     /* failures injected */
    bool size_mismatch;  /* a free passed a size different from the alloc */
} test_alloc;

void test_alloc_init(test_alloc *ta);
/* Options using ta with a fixed seed (deterministic runs). */
gomap_options test_alloc_options(test_alloc *ta, uint64_t seed);

/* splitmix64 step: the WORKLOADS.md generator. */
uint64_t test_splitmix64(uint64_t *state);

/* Sets a fatal handler that longjmps back into test_expect_fatal's caller.
 * Returns the message seen, or NULL if fn completed without a fatal error. */
const char *test_expect_fatal(void (*fn)(void *), void *arg);

/* How a child run by test_run_child ended, and what it wrote to stderr. */
typedef struct test_child {
    bool signaled;
    int sig;
    bool exited;
    int status;
    char err[8192];
} test_child;

/* Runs fn(arg) in a forked child (no core files) whose stderr goes to a
 * pipe and whose fatal handler is `handler` (NULL: the default one, which
 * aborts); fills *r with how the child ended and what it printed. */
void test_run_child(void (*fn)(void *), void *arg, gomap_fatal_fn handler, test_child *r);

/* gomap_stats_get into a value (garbage-filled first, so unset fields show). */
gomap_stats stats_of(const gomap *m);

/* Fails the current cmocka test if gomap_check finds a broken invariant. */
void check_map(const gomap *m);

/* Under valgrind (tests/valgrind.sh sets GOMAP_TEST_VALGRIND) the slowest
 * tests scale their sizes down. */
bool test_under_valgrind(void);

/* Step of a fail-every-allocation loop: every k at first, then a sample
 * under valgrind. */
size_t test_failpoint_step(size_t k);

/* True if the n bytes at p are all zero. */
bool all_zero(const void *p, size_t n);

/* Large-map tests: u64 key number i (distinct, spread over all bits), a
 * u64 -> u64 map made with the default allocator and these option flags,
 * and inserting keys [from, to) with elem i, each new (its elem zero). */
uint64_t test_u64_key(size_t i);
gomap *test_new_u64_map(unsigned flags);
void test_fill_u64(gomap *m, size_t from, size_t to);

#endif
