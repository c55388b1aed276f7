/*
 * Atomic file replacement (mkstemp, fsync, rename, fsync the folder),
 * one file at a time or queued in batches whose files are fsynced side
 * by side before their renames.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socassess/atomic.h"
#include "socassess/filesafe.h"
#include "socassess/util.h"

static void
atomic_clear(struct atomic_file *af)
{
	if (af->tmp != NULL)
		filesafe_forget(af->tmp);
	free(af->path);
	free(af->tmp);
	memset(af, 0, sizeof(*af));
}

/*
 * Create the temporary file beside path (".NAME.XXXXXX" in the same
 * folder, so the rename stays within one file system). Returns its file
 * descriptor, or -1 with an error added and af cleared.
 */
static int
reserve(struct atomic_file *af, const char *path, struct soc_errors *errs)
{
	const char *slash;
	mode_t mask;
	int fd;

	memset(af, 0, sizeof(*af));
	/* Never a device or FIFO; a symbolic link's target, not the link. */
	af->path = filesafe_target(path, errs);
	if (af->path == NULL)
		return -1;
	path = af->path;
	slash = strrchr(path, '/');
	if (slash != NULL)
		af->tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path),
		    path, slash + 1);
	else
		af->tmp = xasprintf(".%s.XXXXXX", path);
	fd = filesafe_mkstemp(af->tmp);
	if (fd < 0) {
		soc_error_at(errs, NULL, NULL, "cannot create '%s': %s", path,
		    strerror(errno));
		atomic_clear(af);
		return -1;
	}
	/* mkstemp makes 0600; a report is an ordinary file. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return fd;
}

int
atomic_open(struct atomic_file *af, const char *path,
    struct soc_errors *errs)
{
	int fd = reserve(af, path, errs), err;

	if (fd < 0)
		return -1;
	af->fp = fdopen(fd, "wb");
	if (af->fp == NULL) {
		err = errno;
		soc_error_at(errs, NULL, NULL, "cannot write '%s': %s", path,
		    strerror(err));
		close(fd);
		atomic_abort(af);
		return -1;
	}
	return 0;
}

int
atomic_reserve(struct atomic_file *af, const char *path,
    struct soc_errors *errs)
{
	int fd = reserve(af, path, errs);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash != NULL ? xasprintf("%.*s", (int)(slash - path +
	    (slash == path)), path) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Flush, fsync and close fp; 0, or the errno of the first failure. */
static int
close_synced(FILE *fp)
{
	int err = 0;

	errno = 0;
	if (fflush(fp) != 0 || ferror(fp))
		err = errno != 0 ? errno : EIO;
	else if (fsync(fileno(fp)) != 0)
		err = errno;
	if (fclose(fp) != 0 && err == 0)
		err = errno;
	return err;
}

/* Fsync a file another library wrote by name; 0 or an errno. */
static int
sync_by_name(const char *path)
{
	int fd = open(path, O_RDONLY), err = 0;

	if (fd < 0)
		return errno;
	if (fsync(fd) != 0)
		err = errno;
	close(fd);
	return err;
}

int
atomic_commit(struct atomic_file *af, struct soc_errors *errs)
{
	int err = 0;

	if (af->tmp == NULL)
		return -1;
	err = af->fp != NULL ? close_synced(af->fp) : sync_by_name(af->tmp);
	af->fp = NULL;
	if (err == 0 && rename(af->tmp, af->path) != 0)
		err = errno;
	if (err != 0) {
		soc_error_at(errs, NULL, NULL, "cannot write '%s': %s",
		    af->path, strerror(err));
		atomic_abort(af);
		return -1;
	}
	sync_dir(af->path);
	atomic_clear(af);
	return 0;
}

/* True when paths a and b name files of the same folder. */
static bool
same_dir(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');

	if (sa == NULL || sb == NULL)
		return sa == sb;
	return sa - a == sb - b && strncmp(a, b, (size_t)(sa - a)) == 0;
}

/*
 * Flush and close af's stream without syncing (its data starts on its
 * way to the disk, so the fsync of the batch waits less); -1 with an
 * error.
 */
static int
close_unsynced(struct atomic_file *af, struct soc_errors *errs)
{
	int err = 0;

	errno = 0;
	if (fflush(af->fp) != 0 || ferror(af->fp))
		err = errno != 0 ? errno : EIO;
#ifdef SYNC_FILE_RANGE_WRITE
	else
		sync_file_range(fileno(af->fp), 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	if (fclose(af->fp) != 0 && err == 0)
		err = errno;
	af->fp = NULL;
	if (err != 0) {
		soc_error_at(errs, NULL, NULL, "cannot write '%s': %s",
		    af->path, strerror(err));
		atomic_abort(af);
		return -1;
	}
	return 0;
}

static int
enqueue(struct atomic_file *af, struct atomic_batch *batch,
    struct soc_errors *errs)
{
	if (batch->n == batch->alloc) {
		batch->alloc = batch->alloc ? batch->alloc * 2 : 16;
		batch->pending = xreallocarray(batch->pending, batch->alloc,
		    sizeof(*batch->pending));
	}
	batch->pending[batch->n++] = *af;
	memset(af, 0, sizeof(*af));
	if (batch->n >= ATOMIC_BATCH_MAX)
		return atomic_batch_flush(batch, errs);
	return 0;
}

int
atomic_commit_batched(struct atomic_file *af, struct atomic_batch *batch,
    struct soc_errors *errs)
{
	if (af->fp == NULL || close_unsynced(af, errs) < 0)
		return -1;
	return enqueue(af, batch, errs);
}

int
atomic_batch_adopt(struct atomic_batch *batch, const char *path,
    const char *tmp, struct soc_errors *errs)
{
	struct atomic_file af = { .path = xstrdup(path), .tmp = xstrdup(tmp) };

	filesafe_track(af.tmp);
	return enqueue(&af, batch, errs);
}

void
atomic_batch_disown(struct atomic_batch *batch)
{
	for (size_t i = 0; i < batch->n; i++)
		atomic_clear(&batch->pending[i]);
	free(batch->pending);
	memset(batch, 0, sizeof(*batch));
}

/* The fsyncs of a batch, shared by the threads that make them. */
struct sync_job {
	struct atomic_batch *batch;
	int *err;                   /* errno of each file's fsync, or 0 */
	size_t next;                /* the next file to take */
	pthread_mutex_t lock;
};

static void *
sync_worker(void *arg)
{
	struct sync_job *job = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&job->lock);
		i = job->next++;
		pthread_mutex_unlock(&job->lock);
		if (i >= job->batch->n)
			return NULL;
		job->err[i] = sync_by_name(job->batch->pending[i].tmp);
	}
}

/*
 * Fsync every queued file, several at a time: the file system commits
 * fsyncs that wait together at once, which costs little more than one
 * syncfs() and flushes nothing but our own files. err[i] gets file i's
 * errno, or 0.
 */
static void
sync_pending(struct atomic_batch *batch, int *err)
{
	struct sync_job job = { .batch = batch, .err = err };
	pthread_t threads[ATOMIC_SYNC_THREADS];
	size_t started = 0;

	pthread_mutex_init(&job.lock, NULL);
	while (started < ARRAY_SIZE(threads) && started < batch->n &&
	    pthread_create(&threads[started], NULL, sync_worker, &job) == 0)
		started++;
	/* No thread at all (none allowed): this one does the work. */
	if (started == 0)
		sync_worker(&job);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	pthread_mutex_destroy(&job.lock);
}

int
atomic_batch_flush(struct atomic_batch *batch, struct soc_errors *errs)
{
	int rc = 0;
	int *err;

	if (batch->n == 0) {
		free(batch->pending);
		memset(batch, 0, sizeof(*batch));
		return 0;
	}
	/* Every queued file is durable before any rename. */
	err = xcalloc(batch->n, sizeof(*err));
	sync_pending(batch, err);
	for (size_t i = 0; i < batch->n; i++) {
		struct atomic_file *af = &batch->pending[i];

		if (err[i] == 0 && rename(af->tmp, af->path) != 0)
			err[i] = errno;
		if (err[i] != 0) {
			soc_error_at(errs, NULL, NULL, "cannot write '%s': %s",
			    af->path, strerror(err[i]));
			atomic_abort(af);
			rc = -1;
			continue;
		}
		/* Files of one batch share a folder in practice. */
		if (i + 1 == batch->n ||
		    !same_dir(af->path, batch->pending[i + 1].path))
			sync_dir(af->path);
		atomic_clear(af);
	}
	free(err);
	free(batch->pending);
	memset(batch, 0, sizeof(*batch));
	return rc;
}

void
atomic_abort(struct atomic_file *af)
{
	if (af->fp != NULL)
		fclose(af->fp);
	if (af->tmp != NULL)
		unlink(af->tmp);
	atomic_clear(af);
}

int
atomic_save_batched(const char *path, atomic_writer_fn *writer,
    const void *ctx, struct atomic_batch *batch, struct soc_errors *errs)
{
	struct atomic_file af;

	if (atomic_open(&af, path, errs) < 0)
		return -1;
	errno = 0;
	if (writer(af.fp, ctx) < 0 || ferror(af.fp)) {
		int err = ferror(af.fp) ? errno : 0;

		if (err != 0)
			soc_error_at(errs, NULL, NULL, "cannot write '%s': %s",
			    path, strerror(err));
		else
			soc_error_at(errs, NULL, NULL, "cannot write '%s'",
			    path);
		atomic_abort(&af);
		return -1;
	}
	if (batch != NULL)
		return atomic_commit_batched(&af, batch, errs);
	return atomic_commit(&af, errs);
}

int
atomic_save(const char *path, atomic_writer_fn *writer, const void *ctx,
    struct soc_errors *errs)
{
	return atomic_save_batched(path, writer, ctx, NULL, errs);
}

/* Bytes in memory, for atomic_write. */
struct bytes {
	const void *data;
	size_t len;
};

static int
write_bytes(FILE *fp, const void *ctx)
{
	const struct bytes *b = ctx;

	return b->len > 0 && fwrite(b->data, 1, b->len, fp) != b->len ? -1 :
	    0;
}

int
atomic_write(const char *path, const void *data, size_t len,
    struct soc_errors *errs)
{
	struct bytes b = { data, len };

	return atomic_save(path, write_bytes, &b, errs);
}
