/*
 * Atomic file replacement (mkstemp, fsync, rename, fsync the folder),
 * one file at a time or queued in batches synced together.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socassess/atomic.h"
#include "socassess/util.h"

static void
atomic_clear(struct atomic_file *af)
{
	free(af->path);
	free(af->tmp);
	memset(af, 0, sizeof(*af));
}

int
atomic_open(struct atomic_file *af, const char *path,
    struct soc_errors *errs)
{
	const char *slash = strrchr(path, '/');
	int fd;

	memset(af, 0, sizeof(*af));
	af->path = xstrdup(path);
	if (slash != NULL)
		af->tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path),
		    path, slash + 1);
	else
		af->tmp = xasprintf(".%s.XXXXXX", path);
	fd = mkstemp(af->tmp);
	if (fd < 0) {
		soc_error_at(errs, NULL, NULL, "cannot create '%s': %s", path,
		    strerror(errno));
		atomic_clear(af);
		return -1;
	}
	/* mkstemp makes 0600; a report is an ordinary file. */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	af->fp = fdopen(fd, "wb");
	if (af->fp == NULL) {
		soc_error_at(errs, NULL, NULL, "cannot write '%s': %s", path,
		    strerror(errno));
		close(fd);
		unlink(af->tmp);
		atomic_clear(af);
		return -1;
	}
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

int
atomic_commit(struct atomic_file *af, struct soc_errors *errs)
{
	int err = 0;

	if (af->fp == NULL)
		return -1;
	if (fflush(af->fp) != 0 || ferror(af->fp))
		err = errno ? errno : EIO;
	else if (fsync(fileno(af->fp)) != 0)
		err = errno;
	if (fclose(af->fp) != 0 && err == 0)
		err = errno;
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

/* Flush and close af's stream without syncing; -1 with an error. */
static int
close_unsynced(struct atomic_file *af, struct soc_errors *errs)
{
	int err = 0;

	if (fflush(af->fp) != 0 || ferror(af->fp))
		err = errno ? errno : EIO;
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

int
atomic_commit_batched(struct atomic_file *af, struct atomic_batch *batch,
    struct soc_errors *errs)
{
	if (af->fp == NULL || close_unsynced(af, errs) < 0)
		return -1;
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
atomic_batch_flush(struct atomic_batch *batch, struct soc_errors *errs)
{
	int rc = 0, fd;

	if (batch->n == 0) {
		free(batch->pending);
		memset(batch, 0, sizeof(*batch));
		return 0;
	}
	/* One sync makes every queued file durable before any rename. */
	fd = open(batch->pending[0].tmp, O_RDONLY);
	if (fd < 0 || syncfs(fd) != 0) {
		for (size_t i = 0; i < batch->n; i++) {
			soc_error_at(errs, NULL, NULL, "cannot write '%s': %s",
			    batch->pending[i].path, strerror(errno));
			atomic_abort(&batch->pending[i]);
		}
		rc = -1;
	} else {
		for (size_t i = 0; i < batch->n; i++) {
			struct atomic_file *af = &batch->pending[i];

			if (rename(af->tmp, af->path) != 0) {
				soc_error_at(errs, NULL, NULL, "cannot write "
				    "'%s': %s", af->path, strerror(errno));
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
	}
	if (fd >= 0)
		close(fd);
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
atomic_write(const char *path, const void *data, size_t len,
    struct soc_errors *errs)
{
	struct atomic_file af;

	if (atomic_open(&af, path, errs) < 0)
		return -1;
	if (len > 0 && fwrite(data, 1, len, af.fp) != len) {
		soc_error_at(errs, NULL, NULL, "cannot write '%s': %s", path,
		    strerror(errno));
		atomic_abort(&af);
		return -1;
	}
	return atomic_commit(&af, errs);
}
