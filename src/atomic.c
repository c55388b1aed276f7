/*
 * Atomic file replacement (mkstemp, fsync, rename, fsync the folder).
 */
#include <errno.h>
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
