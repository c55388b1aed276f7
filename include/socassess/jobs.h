/*
 * Work on many items side by side in forked worker processes, with the
 * results taken in input order. A worker is a copy of the process at
 * the fork, so what was loaded before (the catalog) is there, at the
 * same addresses, without being sent; each result comes back as bytes.
 * Worker processes share no memory and no library state with each
 * other, so a library that keeps static state needs no care.
 */
#ifndef SOCASSESS_JOBS_H
#define SOCASSESS_JOBS_H

#include <stddef.h>

#include "socassess/error.h"
#include "socassess/strbuf.h"

/* In a worker: do item i and append its result to out. */
typedef void jobs_work_fn(void *ctx, size_t i, struct strbuf *out);
/*
 * In the calling process, for i = 0, 1, ... n - 1 in order: take item
 * i's result (len bytes, borrowed), or NULL when its worker died first.
 */
typedef void jobs_take_fn(void *ctx, size_t i, const char *data,
    size_t len);
/*
 * In the calling process after a signal: a result that will not be
 * taken (any item, in no order), to undo what it left (its temporary
 * files).
 */
typedef void jobs_drop_fn(void *ctx, const char *data, size_t len);

struct jobs_ops {
	jobs_work_fn *work;
	jobs_take_fn *take;
	jobs_drop_fn *drop;
};

/* The number of processors online (at least 1): the default of -j. */
int jobs_default(void);

/*
 * Do items 0 to n - 1 with up to jobs workers (item i goes to worker
 * i % jobs), handing each result to ops->take in order. Returns 0, or
 * -1 with an error added when a worker could not start or stopped
 * early (its items then reach take as NULL).
 *
 * SIGINT, SIGTERM or SIGHUP meanwhile (filesafe_forward_signals) is
 * passed on to the workers, which stop between items; the results
 * still on their way go to ops->drop, and -1 is returned without an
 * error, filesafe_interrupted() telling why: the caller then removes
 * what it holds and dies (filesafe_die).
 */
int jobs_run(size_t n, int jobs, const struct jobs_ops *ops, void *ctx,
    struct soc_errors *errs);

#endif
