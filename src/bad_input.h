/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bad_input.h - the argument check of the API functions outside the map
 * core: bad input returns NULL/false/nothing with errno = EINVAL.
 */
#ifndef GOMAP_BAD_INPUT_H
#define GOMAP_BAD_INPUT_H

#include <errno.h>
#include <stdbool.h>

/* bad, after setting errno = EINVAL if it holds. */
static inline bool bad_input(bool bad)
{
    if (bad)
        errno = EINVAL;
    return bad;
}

#endif /* GOMAP_BAD_INPUT_H */
