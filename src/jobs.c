/*
 * The forked workers of jobs.h. Worker w does items w, w + jobs, ...
 * and writes each result to its own pipe as a length and the bytes;
 * the parent reads item i from the pipe of worker i % jobs, so results
 * arrive in input order while a worker runs ahead by no more than its
 * pipe holds. A result may name temporary files that the parent takes
 * over; so that a signal leaves none behind, a worker holds signals off
 * from the start of an item until its result is in the pipe, and the
 * parent, which passes signals on to the workers, gathers the results
 * still in the pipes before it dies.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "socassess/filesafe.h"
#include "socassess/jobs.h"
#include "socassess/util.h"

int
jobs_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/*
 * The life of worker w: its items, each result framed by its length. A
 * signal ends it only between items (mask: the signal mask to run
 * with), when each file it made is renamed or handed over in the pipe.
 */
static void
worker(size_t n, int jobs, int w, int fd, const struct jobs_ops *ops,
    void *ctx, const sigset_t *mask)
{
	struct strbuf out = STRBUF_INIT;

	for (size_t i = (size_t)w; i < n; i += (size_t)jobs) {
		uint64_t len;

		/* A signal that came during the last item ends it here. */
		filesafe_restore_signals(mask);
		filesafe_hold_signals(NULL);
		strbuf_reset(&out);
		ops->work(ctx, i, &out);
		len = out.len;
		if (full_write(fd, &len, sizeof(len)) < 0 ||
		    full_write(fd, out.buf, out.len) < 0)
			break;
	}
	strbuf_release(&out);
	close(fd);
}

/*
 * Start the workers: fds[w] is the read end of worker w's pipe. Returns
 * how many started (the rest of fds is -1).
 */
static int
start_workers(size_t n, int jobs, const struct jobs_ops *ops, void *ctx,
    int *fds, pid_t *pids)
{
	int started = 0;
	sigset_t mask;

	/* What stdio holds must not be written once more by each child. */
	fflush(stdout);
	fflush(stderr);
	/* Signals wait until each child is known to the parent's handler. */
	filesafe_forward_signals(pids, (size_t)jobs);
	filesafe_hold_signals(&mask);
	for (int w = 0; w < jobs; w++) {
		int p[2];

		fds[w] = -1;
		if (pipe(p) < 0)
			continue;
		pids[w] = fork();
		if (pids[w] == 0) {
			/* A child keeps only its own write end. */
			filesafe_forward_signals(NULL, 0);
			for (int k = 0; k < w; k++)
				if (fds[k] >= 0)
					close(fds[k]);
			close(p[0]);
			worker(n, jobs, w, p[1], ops, ctx, &mask);
			_exit(0);
		}
		close(p[1]);
		if (pids[w] < 0) {
			close(p[0]);
			continue;
		}
		fds[w] = p[0];
		started++;
	}
	filesafe_restore_signals(&mask);
	return started;
}

/* Item i's result from fd into buf, or -1 when the worker is gone. */
static int
read_result(int fd, struct strbuf *buf)
{
	uint64_t len;

	strbuf_reset(buf);
	/* A result cut short: its worker died while writing it. */
	if (fd < 0 || full_read(fd, &len, sizeof(len)) != (ssize_t)sizeof(len) ||
	    len > SIZE_MAX)
		return -1;
	strbuf_grow(buf, (size_t)len);
	if (full_read(fd, buf->buf, (size_t)len) != (ssize_t)len)
		return -1;
	buf->len = (size_t)len;
	buf->buf[len] = '\0';
	return 0;
}

/*
 * Close the pipes and wait for the workers; after a signal, every whole
 * result still in a pipe goes to drop first (its worker stops at the
 * end of the item in hand, so each pipe ends).
 */
static void
end_workers(const int *fds, const pid_t *pids, int jobs,
    const struct jobs_ops *ops, void *ctx, struct strbuf *buf)
{
	for (int w = 0; w < jobs; w++) {
		while (filesafe_interrupted() && read_result(fds[w], buf) == 0)
			ops->drop(ctx, buf->buf, buf->len);
		if (fds[w] >= 0)
			close(fds[w]);
	}
	for (int w = 0; w < jobs; w++) {
		if (pids[w] > 0)
			waitpid(pids[w], NULL, 0);
	}
	filesafe_forward_signals(NULL, 0);
}

int
jobs_run(size_t n, int jobs, const struct jobs_ops *ops, void *ctx,
    struct soc_errors *errs)
{
	int *fds = xcalloc((size_t)jobs, sizeof(*fds));
	pid_t *pids = xcalloc((size_t)jobs, sizeof(*pids));
	struct strbuf buf = STRBUF_INIT;
	size_t lost = 0;
	int rc = 0;

	if (start_workers(n, jobs, ops, ctx, fds, pids) < jobs) {
		soc_error_at(errs, NULL, NULL, "cannot start %d worker "
		    "processes: %s", jobs, strerror(errno));
		rc = -1;
	}
	for (size_t i = 0; i < n && !filesafe_interrupted(); i++) {
		int w = (int)(i % (size_t)jobs);

		if (read_result(fds[w], &buf) == 0) {
			ops->take(ctx, i, buf.buf, buf.len);
			continue;
		}
		if (fds[w] >= 0)
			close(fds[w]);
		fds[w] = -1;
		/* A worker stopped by the signal: nothing lost. */
		if (filesafe_interrupted())
			break;
		ops->take(ctx, i, NULL, 0);
		lost++;
	}
	end_workers(fds, pids, jobs, ops, ctx, &buf);
	if (filesafe_interrupted())
		rc = -1;
	if (lost > 0 && rc == 0) {
		soc_error_at(errs, NULL, NULL, "%zu file%s not scored: a "
		    "worker process stopped", lost, lost == 1 ? " was" :
		    "s were");
		rc = -1;
	}
	strbuf_release(&buf);
	free(fds);
	free(pids);
	return rc;
}
