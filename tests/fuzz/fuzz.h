/* SPDX-License-Identifier: BSD-3-Clause */
/* Entry points shared by the libFuzzer targets and the corpus replay driver. */
#ifndef GOMAP_FUZZ_H
#define GOMAP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
