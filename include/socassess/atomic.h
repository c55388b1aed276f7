/*
 * Replacing a file only with a complete new one: write to a temporary
 * file in the target's folder, flush, fsync, rename over the target,
 * fsync the folder. On any failure the temporary file is removed and an
 * existing target is left untouched.
 */
#ifndef SOCASSESS_ATOMIC_H
#define SOCASSESS_ATOMIC_H

#include <stddef.h>
#include <stdio.h>

#include "socassess/error.h"

struct atomic_file {
	char *path;    /* the target */
	char *tmp;     /* the temporary file beside it */
	FILE *fp;      /* open for writing on tmp */
};

/*
 * Create the temporary file for path and open af->fp on it for writing
 * (it stays open until commit or abort). Returns 0, or -1 with an error
 * added.
 */
int atomic_open(struct atomic_file *af, const char *path,
    struct soc_errors *errs);
/* Flush, fsync and rename over the target; -1 with an error on failure. */
int atomic_commit(struct atomic_file *af, struct soc_errors *errs);
/* Give up: remove the temporary file. Safe after a failed commit. */
void atomic_abort(struct atomic_file *af);

/* Write len bytes of data to path atomically. */
int atomic_write(const char *path, const void *data, size_t len,
    struct soc_errors *errs);

#endif
