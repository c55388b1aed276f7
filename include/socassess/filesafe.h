/*
 * File-system safety around every file socassess writes: what a save may
 * replace (never a device, FIFO or folder; a symbolic link is followed to
 * its target), temporary files removed when SIGTERM, SIGINT or SIGHUP
 * ends a write (also those that worker processes hand over), temporaries
 * a killed run left behind, two outputs or an
 * output and an input naming one file, and the lock that keeps two
 * interviews off one answers file.
 */
#ifndef SOCASSESS_FILESAFE_H
#define SOCASSESS_FILESAFE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "socassess/error.h"

/*
 * The file a save of path replaces: path itself when it does not exist
 * or is a regular file, the target of a symbolic link (so the link stays
 * a link). NULL with an error when path exists but is not a regular file
 * (a device such as /dev/full, a FIFO, a folder) or is a dangling link.
 * The result is owned by the caller.
 */
char *filesafe_target(const char *path, struct soc_errors *errs);

/*
 * mkstemp(tmpl), then tracked (filesafe_track) and locked with flock so
 * filesafe_remove_stale leaves it alone, with the cleanup signals held
 * off meanwhile so that no moment leaves it untracked.
 */
int filesafe_mkstemp(char *tmpl);

/*
 * Remember a temporary file (borrowed: it must stay valid until
 * filesafe_forget) so that SIGTERM, SIGINT or SIGHUP removes it before
 * the process dies. Handlers are installed only for signals whose action
 * is still the default (the interview keeps its own SIGINT handling).
 */
void filesafe_track(const char *tmp);
/* Stop tracking tmp (after its rename or removal). */
void filesafe_forget(const char *tmp);

/*
 * Hold the cleanup signals off (old receives the mask to restore), so
 * that what is done until filesafe_restore_signals is done whole.
 */
void filesafe_hold_signals(sigset_t *old);
void filesafe_restore_signals(const sigset_t *old);

/*
 * While worker processes write temporary files and hand them over by
 * name (score -j): a cleanup signal no longer ends the process but is
 * recorded (filesafe_interrupted) and passed on to the n processes of
 * pids (borrowed; entries of 0 or less are skipped), so that the
 * caller can gather what was handed over before it removes every
 * tracked file and dies (filesafe_die). NULL: back to removing and
 * dying at once.
 */
void filesafe_forward_signals(const pid_t *pids, size_t n);
/* The cleanup signal recorded while forwarding, or 0. */
int filesafe_interrupted(void);
/* Remove every tracked file and die of the recorded signal. */
_Noreturn void filesafe_die(void);

/*
 * Remove the ".NAME.XXXXXX" temporary files a killed run left beside
 * path: only names of exactly that pattern, only regular files, and only
 * those no running socassess holds (writers keep an flock on theirs).
 * Returns how many were removed.
 */
size_t filesafe_remove_stale(const char *path);

/*
 * True when a and b name the same file: the same device and inode when
 * both exist, else the same absolute path once the folder's symbolic
 * links are resolved.
 */
bool filesafe_same_file(const char *a, const char *b);

/* Files known by device and inode, to tell whether an output is one. */
struct filesafe_ids {
	struct filesafe_id *items;
	size_t n;
	size_t alloc;
};

/* Add path's file (nothing when it does not exist). Zeroed is empty. */
void filesafe_ids_add(struct filesafe_ids *ids, const char *path);
/* True when path exists and is one of the files added. */
bool filesafe_ids_has(const struct filesafe_ids *ids, const char *path);
void filesafe_ids_release(struct filesafe_ids *ids);

/*
 * Take the advisory lock of the answers file path for the whole
 * interview (an flock on ".NAME.lock" beside it: the answers file itself
 * is replaced by rename at every save). Returns a descriptor for
 * filesafe_unlock, or -1 with an error when another interview holds it.
 */
int filesafe_lock(const char *path, struct soc_errors *errs);
/* Release the lock of filesafe_lock (fd < 0 is a no-op). */
void filesafe_unlock(const char *path, int fd);

#endif
