/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fatal.c - the replaceable handler for misuse that cannot be recovered from
 * (Go's throw and the nil-map panic).
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

static _Atomic(gomap_fatal_fn) fatal_handler;

void gomap_set_fatal_handler(gomap_fatal_fn fn)
{
    atomic_store_explicit(&fatal_handler, fn, memory_order_release);
}

static NORETURN void die(const char *prefix, const char *msg)
{
    gomap_fatal_fn fn = atomic_load_explicit(&fatal_handler, memory_order_acquire);
    if (fn != NULL)
        fn(msg);
    else
        fprintf(stderr, "%s%s\n", prefix, msg);
    abort();
}

void throw_fatal(const char *msg)
{
    die("fatal error: ", msg);
}

void throw_panic(const char *msg)
{
    die("panic: ", msg);
}
