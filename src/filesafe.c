/*
 * File-system safety around writes: output targets, temporary files
 * removed on signals or left by a killed run, same-file checks and the
 * interview lock. See filesafe.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socassess/filesafe.h"
#include "socassess/util.h"

char *
filesafe_target(const char *path, struct soc_errors *errs)
{
	struct stat st;
	char *target;

	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return xstrdup(path);
		soc_error_at(errs, NULL, NULL, "cannot write '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	if (S_ISLNK(st.st_mode)) {
		target = realpath(path, NULL);
		if (target == NULL || stat(target, &st) != 0) {
			soc_error_at(errs, NULL, NULL, "cannot follow the "
			    "symbolic link '%s': %s", path, strerror(errno));
			free(target);
			return NULL;
		}
	} else
		target = xstrdup(path);
	if (!S_ISREG(st.st_mode)) {
		soc_error_at(errs, NULL, NULL, "refusing to replace '%s': "
		    "not a regular file", path);
		free(target);
		return NULL;
	}
	return target;
}

/* Temporary files being written, for the signal handler. */
#define TRACK_MAX 1024
static const char *volatile tracked[TRACK_MAX];
static const int cleanup_signals[] = { SIGTERM, SIGINT, SIGHUP };
/* While workers run (filesafe_forward_signals): whom to pass signals on. */
static const pid_t *volatile forward_to;
static volatile size_t n_forward;
static volatile sig_atomic_t interrupted;

static void
remove_all_tracked(void)
{
	for (size_t i = 0; i < TRACK_MAX; i++) {
		if (tracked[i] != NULL)
			unlink(tracked[i]);
	}
}

static void
on_cleanup_signal(int sig)
{
	const pid_t *pids = forward_to;

	if (pids != NULL) {
		interrupted = sig;
		for (size_t i = 0; i < n_forward; i++) {
			/* 0 and -1 would name a whole process group. */
			if (pids[i] > 0)
				kill(pids[i], sig);
		}
		return;
	}
	remove_all_tracked();
	/* Die of the same signal, so the parent sees what happened. */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_handlers(void)
{
	static bool installed;

	if (installed)
		return;
	installed = true;
	for (size_t i = 0; i < ARRAY_SIZE(cleanup_signals); i++) {
		struct sigaction old, sa = { .sa_handler = on_cleanup_signal };

		if (sigaction(cleanup_signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL && !(old.sa_flags & SA_SIGINFO))
			sigaction(cleanup_signals[i], &sa, NULL);
	}
}

void
filesafe_track(const char *tmp)
{
	install_handlers();
	for (size_t i = 0; i < TRACK_MAX; i++) {
		if (tracked[i] == NULL) {
			tracked[i] = tmp;
			return;
		}
	}
}

void
filesafe_hold_signals(sigset_t *old)
{
	sigset_t block;

	sigemptyset(&block);
	for (size_t i = 0; i < ARRAY_SIZE(cleanup_signals); i++)
		sigaddset(&block, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &block, old);
}

void
filesafe_restore_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

int
filesafe_mkstemp(char *tmpl)
{
	sigset_t old;
	int fd;

	install_handlers();
	filesafe_hold_signals(&old);
	fd = mkstemp(tmpl);
	if (fd >= 0) {
		flock(fd, LOCK_EX | LOCK_NB);
		filesafe_track(tmpl);
	}
	filesafe_restore_signals(&old);
	return fd;
}

void
filesafe_forward_signals(const pid_t *pids, size_t n)
{
	install_handlers();
	forward_to = NULL;
	n_forward = n;
	forward_to = pids;
}

int
filesafe_interrupted(void)
{
	return interrupted;
}

void
filesafe_die(void)
{
	int sig = interrupted != 0 ? interrupted : SIGTERM;
	sigset_t unblock;

	forward_to = NULL;
	remove_all_tracked();
	signal(sig, SIG_DFL);
	sigemptyset(&unblock);
	sigaddset(&unblock, sig);
	sigprocmask(SIG_UNBLOCK, &unblock, NULL);
	raise(sig);
	_exit(128 + sig);
}

void
filesafe_forget(const char *tmp)
{
	for (size_t i = 0; i < TRACK_MAX; i++) {
		if (tracked[i] == tmp)
			tracked[i] = NULL;
	}
}

/* True when name is ".BASE.XXXXXX", mkstemp's pattern for base. */
static bool
is_temp_of(const char *name, const char *base)
{
	size_t n = strlen(base);

	if (name[0] != '.' || strncmp(name + 1, base, n) != 0 ||
	    name[n + 1] != '.' || strlen(name + n + 2) != 6)
		return false;
	for (const char *p = name + n + 2; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			return false;
	}
	return true;
}

/* Remove dir/name when it is a regular file nobody holds; 1 if removed. */
static size_t
remove_if_stale(int dirfd, const char *name)
{
	struct stat st;
	size_t removed = 0;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    flock(fd, LOCK_EX | LOCK_NB) == 0)
		removed = unlinkat(dirfd, name, 0) == 0;
	close(fd);
	return removed;
}

size_t
filesafe_remove_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash != NULL ? xasprintf("%.*s", (int)(slash - path +
	    (slash == path)), path) : xstrdup(".");
	const char *base = slash != NULL ? slash + 1 : path;
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t removed = 0;

	free(dir);
	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (is_temp_of(de->d_name, base))
			removed += remove_if_stale(dirfd(d), de->d_name);
	}
	closedir(d);
	return removed;
}

/* path with its folder resolved (the file itself may not exist yet). */
static char *
resolved(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash != NULL ? xasprintf("%.*s", (int)(slash - path +
	    (slash == path)), path) : xstrdup(".");
	char *real = realpath(dir, NULL), *out;

	out = real != NULL ? xasprintf("%s/%s", real, slash != NULL ?
	    slash + 1 : path) : xstrdup(path);
	free(real);
	free(dir);
	return out;
}

bool
filesafe_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ra, *rb;
	bool same;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ra = resolved(a);
	rb = resolved(b);
	same = strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

struct filesafe_id {
	dev_t dev;
	ino_t ino;
};

void
filesafe_ids_add(struct filesafe_ids *ids, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return;
	if (ids->n == ids->alloc) {
		ids->alloc = ids->alloc ? ids->alloc * 2 : 16;
		ids->items = xreallocarray(ids->items, ids->alloc,
		    sizeof(*ids->items));
	}
	ids->items[ids->n++] = (struct filesafe_id){ st.st_dev, st.st_ino };
}

bool
filesafe_ids_has(const struct filesafe_ids *ids, const char *path)
{
	struct stat st;

	if (ids->n == 0 || stat(path, &st) != 0)
		return false;
	for (size_t i = 0; i < ids->n; i++) {
		if (ids->items[i].dev == st.st_dev &&
		    ids->items[i].ino == st.st_ino)
			return true;
	}
	return false;
}

void
filesafe_ids_release(struct filesafe_ids *ids)
{
	free(ids->items);
	memset(ids, 0, sizeof(*ids));
}

/* ".NAME.lock" beside path. */
static char *
lock_path(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash != NULL)
		return xasprintf("%.*s/.%s.lock", (int)(slash - path), path,
		    slash + 1);
	return xasprintf(".%s.lock", path);
}

int
filesafe_lock(const char *path, struct soc_errors *errs)
{
	char *lp = lock_path(path);
	int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0666);

	if (fd < 0) {
		soc_error_at(errs, NULL, NULL, "cannot lock '%s': %s", path,
		    strerror(errno));
		free(lp);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			soc_error_at(errs, NULL, NULL, "'%s' is open in "
			    "another interview (locked through '%s')", path,
			    lp);
		else
			soc_error_at(errs, NULL, NULL, "cannot lock '%s': %s",
			    path, strerror(errno));
		close(fd);
		free(lp);
		return -1;
	}
	free(lp);
	return fd;
}

void
filesafe_unlock(const char *path, int fd)
{
	char *lp;

	if (fd < 0)
		return;
	/* Removed while still held: a waiting interview gets a fresh one. */
	lp = lock_path(path);
	unlink(lp);
	free(lp);
	close(fd);
}
