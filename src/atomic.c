/*
 * Atomic file replacement (mkstemp, fsync, rename, fsync the folder),
 * one file at a time or queued in batches whose files are fsynced side
 * by side, by a thread of their own, before their renames.
 */
#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
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
	free(af->name);
	free(af->path);
	free(af->tmp);
	free(af->write_err);
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
	af->name = xstrdup(path);
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

/*
 * Fsync a file by name (another library wrote it, or a batch's); 0 or
 * an errno. With drop, its pages then leave the page cache: a batch's
 * files are not read again, so thousands of them would push other
 * programs' cached files out of memory, and the pages let go serve the
 * next file, which costs less than taking new ones.
 */
static int
sync_by_name(const char *path, bool drop)
{
	int fd = open(path, O_RDONLY), err = 0;

	if (fd < 0)
		return errno;
	if (fsync(fd) != 0)
		err = errno;
#ifdef POSIX_FADV_DONTNEED
	else if (drop)
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
#endif
	close(fd);
	return err;
}

int
atomic_commit(struct atomic_file *af, struct soc_errors *errs)
{
	int err = 0;

	if (af->tmp == NULL)
		return -1;
	err = af->fp != NULL ? close_synced(af->fp) :
	    sync_by_name(af->tmp, false);
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

/*
 * A full batch made durable in the background while the next files are
 * scored: its files are fsynced, renamed and their folder fsynced by a
 * thread of its own; the errors are only read, and the files forgotten,
 * when the batch lands (in the thread that queued them).
 */
struct atomic_flight {
	struct atomic_file *files;  /* closed, renamed by the flight */
	size_t n;
	int *err;                   /* each file's errno, or 0 */
	size_t next;                /* the next file to fsync */
	pthread_mutex_t lock;
	pthread_t thread;
	bool threaded;              /* false: made in the queuing thread */
};

static void *
sync_worker(void *arg)
{
	struct atomic_flight *f = arg;

	for (;;) {
		const struct atomic_file *af;
		size_t i;

		pthread_mutex_lock(&f->lock);
		i = f->next++;
		pthread_mutex_unlock(&f->lock);
		if (i >= f->n)
			return NULL;
		af = &f->files[i];
		f->err[i] = af->synced ? af->sync_err :
		    sync_by_name(af->tmp, true);
	}
}

/*
 * Fsync every file of f not synced ahead, several at a time: the file
 * system commits fsyncs that wait together at once, which costs little
 * more than one syncfs() and flushes nothing but our own files.
 */
static void
sync_files(struct atomic_flight *f)
{
	pthread_t threads[ATOMIC_SYNC_THREADS];
	size_t started = 0, unsynced = 0;

	for (size_t i = 0; i < f->n; i++)
		unsynced += !f->files[i].synced;
	while (started < ARRAY_SIZE(threads) && started < unsynced &&
	    pthread_create(&threads[started], NULL, sync_worker, f) == 0)
		started++;
	/* No thread at all (none allowed): this one does the work. */
	if (started == 0)
		sync_worker(f);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
}

/*
 * Every file durable before any rename; a file that cannot be synced or
 * renamed is removed (its target untouched). Nothing here touches what
 * the queuing thread uses (errors, the list of temporary files).
 */
static void *
fly(void *arg)
{
	struct atomic_flight *f = arg;

	sync_files(f);
	for (size_t i = 0; i < f->n; i++) {
		struct atomic_file *af = &f->files[i];

		if (f->err[i] == 0 && rename(af->tmp, af->path) != 0)
			f->err[i] = errno;
		if (f->err[i] != 0) {
			unlink(af->tmp);
			continue;
		}
		/* Files of one batch share a folder in practice. */
		if (i + 1 == f->n || !same_dir(af->path, f->files[i + 1].path))
			sync_dir(af->path);
	}
	return NULL;
}

/*
 * Start fn(arg) in a thread of its own with every signal blocked:
 * signals stay with the queuing thread, whose handler must not run
 * while that thread edits the list of temporary files. False when no
 * thread could be made.
 */
static bool
start_thread(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	bool started;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	started = pthread_create(thread, NULL, fn, arg) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

/*
 * Write-behind: a file's content, made in memory by the caller, is
 * written to its temporary file, handed to the disk and closed by a
 * thread of the batch's own, in the order queued, while the caller
 * makes the next. ATOMIC_BEHIND_FILES buffers take turns; the caller
 * waits for one when all are full. A queued file enters an fsync only
 * once written (harvest); its write's errno, if any, then counts as a
 * failed fsync.
 */
struct behind_slot {
	char *data;
	size_t size, len;
	int fd;                     /* the temporary file, closed when written */
	int *err;                   /* its queued file's write_err */
};

struct atomic_behind {
	struct behind_slot slot[ATOMIC_BEHIND_FILES];
	size_t queued, written;     /* files handed over; of them, written */
	bool stop;
	pthread_mutex_t lock;
	pthread_cond_t cond;        /* queued, written or stop changed */
	pthread_t thread;
};

/* Write, start on its way to the disk and close; 0 or an errno. */
static int
write_out(int fd, const char *data, size_t len)
{
	int err = 0;

	if (len > 0 && full_write(fd, data, len) < 0)
		err = errno != 0 ? errno : EIO;
#ifdef SYNC_FILE_RANGE_WRITE
	else
		sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	if (close(fd) != 0 && err == 0)
		err = errno;
	return err;
}

static void *
behind_run(void *arg)
{
	struct atomic_behind *b = arg;

	pthread_mutex_lock(&b->lock);
	for (;;) {
		struct behind_slot *s;
		int err;

		while (b->written == b->queued && !b->stop)
			pthread_cond_wait(&b->cond, &b->lock);
		if (b->written == b->queued)
			break;
		s = &b->slot[b->written % ATOMIC_BEHIND_FILES];
		pthread_mutex_unlock(&b->lock);
		err = write_out(s->fd, s->data, s->len);
		pthread_mutex_lock(&b->lock);
		*s->err = err;
		b->written++;
		pthread_cond_broadcast(&b->cond);
	}
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

/* The batch's writing thread, started at its first file; NULL: none. */
static struct atomic_behind *
behind_of(struct atomic_batch *batch)
{
	struct atomic_behind *b;

	if (batch == NULL || !batch->write_behind)
		return NULL;
	if (batch->behind != NULL)
		return batch->behind;
	b = xcalloc(1, sizeof(*b));
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->cond, NULL);
	if (!start_thread(&b->thread, behind_run, b)) {
		pthread_cond_destroy(&b->cond);
		pthread_mutex_destroy(&b->lock);
		free(b);
		batch->write_behind = false;
		return NULL;
	}
	batch->behind = b;
	return b;
}

/* Wait until at most most files wait to be written; how many are. */
static size_t
behind_wait(struct atomic_behind *b, size_t most)
{
	size_t written;

	pthread_mutex_lock(&b->lock);
	while (b->queued - b->written > most)
		pthread_cond_wait(&b->cond, &b->lock);
	written = b->written;
	pthread_mutex_unlock(&b->lock);
	return written;
}

/*
 * Mark the queued files from pending[from] on that are written (a
 * failed write as a failed fsync); returns the index of the first one
 * still to be written, or batch->n. With drain, waits for all first.
 */
static size_t
harvest(struct atomic_batch *batch, size_t from, bool drain)
{
	struct atomic_behind *b = batch->behind;
	size_t written, i;

	if (b == NULL)
		return batch->n;
	written = behind_wait(b, drain ? 0 : SIZE_MAX);
	for (i = from; i < batch->n; i++) {
		struct atomic_file *af = &batch->pending[i];

		if (af->write_err == NULL)
			continue;
		if (af->write_seq >= written)
			break;
		if (*af->write_err != 0) {
			af->synced = true;
			af->sync_err = *af->write_err;
		}
		free(af->write_err);
		af->write_err = NULL;
	}
	return i;
}

/* Wait for every file to be written, end the thread. */
static void
behind_stop(struct atomic_batch *batch)
{
	struct atomic_behind *b = batch->behind;

	if (b == NULL)
		return;
	pthread_mutex_lock(&b->lock);
	b->stop = true;
	pthread_cond_broadcast(&b->cond);
	pthread_mutex_unlock(&b->lock);
	pthread_join(b->thread, NULL);
	for (size_t i = 0; i < ATOMIC_BEHIND_FILES; i++)
		free(b->slot[i].data);
	pthread_cond_destroy(&b->cond);
	pthread_mutex_destroy(&b->lock);
	free(b);
	batch->behind = NULL;
}

/*
 * Queued files fsynced ahead of their batch's flush, by a thread of
 * their own, while the next files are scored. It keeps the names'
 * pointers, not the queue's (the queue may move as it grows; the names
 * stay until their flight lands, after this); its results are marked
 * in the queue when it lands, in the queuing thread.
 */
struct atomic_presync {
	const char **tmp;
	int *err;                   /* each file's fsync errno, or 0 */
	size_t first, n;            /* the files pending[first, first + n) */
	pthread_t thread;
	atomic_bool done;
};

static void *
presync_run(void *arg)
{
	struct atomic_presync *p = arg;

	for (size_t i = 0; i < p->n; i++)
		p->err[i] = sync_by_name(p->tmp[i], true);
	atomic_store(&p->done, true);
	return NULL;
}

static void
presync_free(struct atomic_presync *p)
{
	free(p->tmp);
	free(p->err);
	free(p);
}

/* Start fsyncing the files queued since the last presync. */
static void
presync_launch(struct atomic_batch *batch)
{
	size_t ready = harvest(batch, batch->presynced, false);
	struct atomic_presync *p;

	/* Files still being written wait for the next presync. */
	if (ready == batch->presynced)
		return;
	p = xcalloc(1, sizeof(*p));
	p->first = batch->presynced;
	p->n = ready - batch->presynced;
	p->tmp = xreallocarray(NULL, p->n, sizeof(*p->tmp));
	p->err = xcalloc(p->n, sizeof(*p->err));
	for (size_t i = 0; i < p->n; i++)
		p->tmp[i] = batch->pending[p->first + i].tmp;
	atomic_init(&p->done, false);
	batch->presynced = ready;
	/* No thread: these files are fsynced with their batch instead. */
	if (!start_thread(&p->thread, presync_run, p))
		presync_free(p);
	else
		batch->presync = p;
}

/* Wait for the presync, if any, and mark its files in the queue. */
static void
presync_land(struct atomic_batch *batch)
{
	struct atomic_presync *p = batch->presync;

	if (p == NULL)
		return;
	pthread_join(p->thread, NULL);
	for (size_t i = 0; i < p->n; i++) {
		struct atomic_file *af = &batch->pending[p->first + i];

		/* A failed write stays failed whatever its fsync did. */
		if (!af->synced)
			af->sync_err = p->err[i];
		af->synced = true;
	}
	presync_free(p);
	batch->presync = NULL;
}

/* Hand the queued files to a flight of their own; the batch starts
 * empty. */
static void
launch(struct atomic_batch *batch)
{
	struct atomic_flight *f = xcalloc(1, sizeof(*f));

	presync_land(batch);
	harvest(batch, 0, true);
	batch->presynced = 0;
	f->files = batch->pending;
	f->n = batch->n;
	f->err = xcalloc(f->n, sizeof(*f->err));
	pthread_mutex_init(&f->lock, NULL);
	batch->pending = NULL;
	batch->n = batch->alloc = 0;
	f->threaded = start_thread(&f->thread, fly, f);
	if (!f->threaded)
		fly(f);
	batch->flight = f;
}

/*
 * Wait for the batch in flight, if any: an error for each file it
 * could not write. 0, or -1 when any failed.
 */
static int
land(struct atomic_batch *batch, struct soc_errors *errs)
{
	struct atomic_flight *f = batch->flight;
	int rc = 0;

	if (f == NULL)
		return 0;
	if (f->threaded)
		pthread_join(f->thread, NULL);
	for (size_t i = 0; i < f->n; i++) {
		if (f->err[i] != 0) {
			soc_error_at(errs, NULL, NULL, "cannot write '%s': %s",
			    f->files[i].path, strerror(f->err[i]));
			if (batch->on_failed != NULL)
				batch->on_failed(batch->on_failed_ctx,
				    f->files[i].name);
			rc = -1;
		}
		atomic_clear(&f->files[i]);
	}
	pthread_mutex_destroy(&f->lock);
	free(f->err);
	free(f->files);
	free(f);
	batch->flight = NULL;
	return rc;
}

static void
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
	if (batch->presync != NULL && atomic_load(&batch->presync->done))
		presync_land(batch);
	if (batch->n < ATOMIC_BATCH_MAX) {
		if (batch->presync == NULL &&
		    batch->n - batch->presynced >= ATOMIC_PRESYNC_MIN)
			presync_launch(batch);
		return;
	}
	/*
	 * The batch before lands (its failures are its files', told to
	 * on_failed); this one flies while the next fills.
	 */
	land(batch, errs);
	launch(batch);
}

int
atomic_commit_batched(struct atomic_file *af, struct atomic_batch *batch,
    struct soc_errors *errs)
{
	if (af->fp == NULL || close_unsynced(af, errs) < 0)
		return -1;
	enqueue(af, batch, errs);
	return 0;
}

void
atomic_batch_adopt(struct atomic_batch *batch, const char *name,
    const char *path, const char *tmp, struct soc_errors *errs)
{
	struct atomic_file af = { .name = xstrdup(name),
	    .path = xstrdup(path), .tmp = xstrdup(tmp) };

	filesafe_track(af.tmp);
	enqueue(&af, batch, errs);
}

void
atomic_batch_disown(struct atomic_batch *batch)
{
	/* A worker's batch holds one file: nothing in flight or synced. */
	assert(batch->flight == NULL && batch->presync == NULL &&
	    batch->behind == NULL);
	for (size_t i = 0; i < batch->n; i++)
		atomic_clear(&batch->pending[i]);
	free(batch->pending);
	memset(batch, 0, sizeof(*batch));
}

int
atomic_batch_flush(struct atomic_batch *batch, struct soc_errors *errs)
{
	int rc = land(batch, errs);

	if (batch->n > 0) {
		launch(batch);
		if (land(batch, errs) < 0)
			rc = -1;
	}
	behind_stop(batch);
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

/* A maker and its data, for a file made at once. */
struct made {
	atomic_maker_fn *maker;
	const void *ctx;
};

static int
write_made(FILE *fp, const void *arg)
{
	const struct made *m = arg;
	char *data = NULL;
	size_t size = 0, len = 0;
	int rc = m->maker(&data, &size, &len, m->ctx);

	if (rc == 0) {
		struct bytes b = { data, len };

		/* One write() of the whole, without a copy through stdio. */
		setvbuf(fp, NULL, _IONBF, 0);
		rc = write_bytes(fp, &b);
	}
	free(data);
	return rc;
}

int
atomic_save_behind(const char *path, atomic_maker_fn *maker,
    const void *ctx, struct atomic_batch *batch, struct soc_errors *errs)
{
	struct atomic_behind *b = behind_of(batch);
	struct behind_slot *s;
	struct atomic_file af;
	int fd;

	if (b == NULL) {
		struct made m = { maker, ctx };

		return atomic_save_batched(path, write_made, &m, batch, errs);
	}
	fd = reserve(&af, path, errs);
	if (fd < 0)
		return -1;
	/* The oldest buffer, once its file is written. */
	behind_wait(b, ATOMIC_BEHIND_FILES - 1);
	s = &b->slot[b->queued % ATOMIC_BEHIND_FILES];
	if (maker(&s->data, &s->size, &s->len, ctx) < 0) {
		soc_error_at(errs, NULL, NULL, "cannot write '%s'", path);
		close(fd);
		atomic_abort(&af);
		return -1;
	}
	af.write_err = xcalloc(1, sizeof(*af.write_err));
	s->fd = fd;
	s->err = af.write_err;
	pthread_mutex_lock(&b->lock);
	af.write_seq = b->queued++;
	pthread_cond_broadcast(&b->cond);
	pthread_mutex_unlock(&b->lock);
	enqueue(&af, batch, errs);
	return 0;
}

int
atomic_write(const char *path, const void *data, size_t len,
    struct soc_errors *errs)
{
	struct bytes b = { data, len };

	return atomic_save(path, write_bytes, &b, errs);
}
