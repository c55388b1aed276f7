/*
 * In-process fuzz harnesses (libFuzzer's LLVMFuzzerTestOneInput; AFL++
 * builds the same files with afl-clang-fast -fsanitize=fuzzer). Each
 * harness hands the input to one loader from memory, as a file of that
 * kind would arrive, and scores what loads. See tests/fuzz/README.md.
 */
#ifndef SOCASSESS_FUZZ_H
#define SOCASSESS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "socassess/catalog.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The catalog of the source tree (shipped models, questionnaires and
 * wording) plus the small test fixtures of tests/data/score, loaded once.
 */
const struct catalog *fuzz_catalog(void);

/* A NUL-terminated copy of the input, as yamlfile_read_capped gives. */
char *fuzz_text(const uint8_t *data, size_t size);

#endif
