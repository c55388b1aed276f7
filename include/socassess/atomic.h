/*
 * Replacing a file only with a complete new one: write to a temporary
 * file in the target's folder, flush, fsync, rename over the target,
 * fsync the folder. On any failure the temporary file is removed and an
 * existing target is left untouched.
 */
#ifndef SOCASSESS_ATOMIC_H
#define SOCASSESS_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "socassess/error.h"

struct atomic_file {
	char *name;    /* the path asked for (a link's, not its target's) */
	char *path;    /* the target */
	char *tmp;     /* the temporary file beside it */
	FILE *fp;      /* open for writing on tmp */
	bool synced;   /* queued: fsynced ahead of its batch's flush */
	int sync_err;  /* that fsync's (or write's) errno, or 0 */
	int *write_err; /* queued to be written behind: its errno, once set */
	size_t write_seq; /* its place in the writing thread's queue */
};

/*
 * Writes the whole content of a file to fp; returns 0, or -1 when it
 * could not (the file is then abandoned). ctx is the writer's own data.
 */
typedef int atomic_writer_fn(FILE *fp, const void *ctx);

/*
 * Write path atomically with writer: a temporary file beside path,
 * fsync, rename over path, fsync the folder. On any failure an error is
 * added, the temporary file is removed, an existing path is untouched,
 * and -1 is returned.
 */
int atomic_save(const char *path, atomic_writer_fn *writer, const void *ctx,
    struct soc_errors *errs);

/*
 * Create the temporary file for path and open af->fp on it for writing
 * (it stays open until commit or abort). Returns 0, or -1 with an error
 * added.
 */
int atomic_open(struct atomic_file *af, const char *path,
    struct soc_errors *errs);
/*
 * Reserve the temporary file for path and close it again, for a library
 * that writes by file name (af->tmp; af->fp stays NULL). Commit or abort
 * as after atomic_open. Returns 0, or -1 with an error added.
 */
int atomic_reserve(struct atomic_file *af, const char *path,
    struct soc_errors *errs);
/* Flush, fsync and rename over the target; -1 with an error on failure. */
int atomic_commit(struct atomic_file *af, struct soc_errors *errs);
/* Give up: remove the temporary file. Safe after a failed commit. */
void atomic_abort(struct atomic_file *af);

/*
 * Many files at once (batch scoring): commits are queued and made
 * durable together: every queued file is fsynced, by up to
 * ATOMIC_SYNC_THREADS threads at a time (the file system then commits
 * them together), before their renames and one fsync of their folder.
 * A full batch is made durable by a thread of its own while the next
 * one fills, so waiting for the disk overlaps the work on the next
 * files; its failures are reported when the next batch is full or at
 * atomic_batch_flush. Queued files are also fsynced ahead, a few at a
 * time, by another thread, so the last batch's flush finds most of
 * them on the disk already; only the fsync is early: the renames and
 * the failures' reports stay where they are, whatever the disk's pace.
 * Only our own files are flushed (a syncfs() would write out every
 * other program's data on the disk too), and once synced their pages
 * leave the page cache (they are not read again). With write_behind,
 * atomic_save_behind's files are also written by a thread of the
 * batch's own. The promise is the same as atomic_save's: a target is
 * only ever replaced by a complete, synced file.
 */
struct atomic_flight;
struct atomic_presync;
struct atomic_behind;

struct atomic_batch {
	struct atomic_file *pending;  /* closed, not yet renamed */
	size_t n;
	size_t alloc;
	struct atomic_flight *flight; /* the batch before, being flushed */
	struct atomic_presync *presync; /* queued files being fsynced */
	size_t presynced;             /* pending files handed to one */
	/*
	 * Set by the batch's owner to have atomic_save_behind's files
	 * written by a thread of their own (started at the first).
	 */
	bool write_behind;
	struct atomic_behind *behind;
	/*
	 * Told of each file that could not be written, when it lands, by
	 * the name it was saved under (a link's, not its target's).
	 */
	void (*on_failed)(void *ctx, const char *path);
	void *on_failed_ctx;
};

#define ATOMIC_BATCH_MAX 256  /* pending files before a forced flush */
#define ATOMIC_SYNC_THREADS 16 /* fsyncs made at the same time */
#define ATOMIC_PRESYNC_MIN 16 /* queued files fsynced ahead together */
#define ATOMIC_BEHIND_FILES 3 /* files made and waiting to be written */

/*
 * Close af and queue it in batch (taking it over); a full batch starts
 * on its way to the disk. Returns 0, or -1 with an error when af could
 * not be closed. Files of the batch before that could not be written
 * (removed, their targets untouched) get an error each in errs and are
 * told to batch->on_failed when set, as this call waits for them.
 */
int atomic_commit_batched(struct atomic_file *af, struct atomic_batch *batch,
    struct soc_errors *errs);
/*
 * Wait for the batch in flight, then fsync every queued file and rename
 * each over its target (a file that cannot be synced or renamed is
 * removed, its target untouched, with an error added); empties batch.
 * 0, or -1 when any failed.
 */
int atomic_batch_flush(struct atomic_batch *batch, struct soc_errors *errs);

/*
 * The files of a batch written by another process (score -j): a worker
 * hands its queued files over with atomic_batch_disown (they are then
 * neither removed nor renamed by it) and the process that renames them
 * queues each with atomic_batch_adopt, name being the path it was asked
 * to save (for on_failed), path its target and tmp the closed temporary
 * file. Adopting sends a full batch on its way as atomic_commit_batched
 * does.
 */
void atomic_batch_adopt(struct atomic_batch *batch, const char *name,
    const char *path, const char *tmp, struct soc_errors *errs);
void atomic_batch_disown(struct atomic_batch *batch);

/*
 * atomic_save, with the commit queued in batch when batch is not NULL
 * (atomic_commit_batched), else made at once.
 */
int atomic_save_batched(const char *path, atomic_writer_fn *writer,
    const void *ctx, struct atomic_batch *batch, struct soc_errors *errs);

/*
 * Makes a file's whole content in memory: *data, of *size bytes (NULL
 * and 0 the first time), may be grown with realloc (both updated); *len
 * is set to the content's length. 0, or -1 when it could not.
 */
typedef int atomic_maker_fn(char **data, size_t *size, size_t *len,
    const void *ctx);

/*
 * Save path through batch (write-behind): the content is made in memory
 * by maker and its temporary file written, handed to the disk and
 * closed by a thread of the batch's own, so that copying it into the
 * kernel overlaps the caller's work on the next file; the file is then
 * queued as atomic_commit_batched does. A file whose writing fails is
 * removed and reported when its batch lands, as one whose fsync fails.
 * Without batch->write_behind, or when no thread can be had, the file
 * is written at once (atomic_save_batched). Returns 0, or -1 with an
 * error added.
 */
int atomic_save_behind(const char *path, atomic_maker_fn *maker,
    const void *ctx, struct atomic_batch *batch, struct soc_errors *errs);

/* Write len bytes of data to path atomically. */
int atomic_write(const char *path, const void *data, size_t len,
    struct soc_errors *errs);

#endif
