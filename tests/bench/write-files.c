/*
 * The file system's share for `make bench`: write N copies of one
 * report (a file socassess wrote) into a folder the way socassess
 * writes its reports, with nothing to compute: each copy into a new
 * temporary file beside its target, handed to the disk
 * (sync_file_range) and closed; every 256 files, each is fsynced (and
 * its pages let go of, as socassess does), then renamed, then the
 * folder fsynced. What socassess takes beyond this and the parse is its
 * own work.
 *
 * usage: write-files REPORT N FOLDER
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BATCH 256

static void
die(const char *what, const char *path)
{
	fprintf(stderr, "write-files: %s '%s'\n", what, path);
	exit(1);
}

static void
write_all(int fd, const char *p, size_t n, const char *path)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			die("cannot write", path);
		p += w;
		n -= (size_t)w;
	}
}

/* Fsync, rename and forget the n temporary files of tmp, then the folder. */
static void
land(char tmp[][64], char path[][64], int n, const char *dir)
{
	int fd;

	for (int i = 0; i < n; i++) {
		fd = open(tmp[i], O_RDONLY);
		if (fd < 0 || fsync(fd) != 0)
			die("cannot fsync", tmp[i]);
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		close(fd);
	}
	for (int i = 0; i < n; i++)
		if (rename(tmp[i], path[i]) != 0)
			die("cannot rename", tmp[i]);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0 || fsync(fd) != 0)
		die("cannot fsync", dir);
	close(fd);
}

int
main(int argc, char **argv)
{
	static char tmp[BATCH][64], path[BATCH][64];
	FILE *fp;
	char *text;
	long len;
	int n, queued = 0;

	if (argc != 4 || (n = atoi(argv[2])) < 0 || strlen(argv[3]) > 32) {
		fprintf(stderr, "usage: write-files REPORT N FOLDER\n");
		return 2;
	}
	fp = fopen(argv[1], "rb");
	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0)
		die("cannot read", argv[1]);
	rewind(fp);
	text = malloc((size_t)len + 1);
	if (text == NULL || fread(text, 1, (size_t)len, fp) != (size_t)len)
		die("cannot read", argv[1]);
	fclose(fp);
	for (int i = 0; i < n; i++) {
		int fd;

		snprintf(path[queued], sizeof(path[0]), "%s/copy-%05d.json",
		    argv[3], i);
		snprintf(tmp[queued], sizeof(tmp[0]), "%s/.copy-%05d.XXXXXX",
		    argv[3], i);
		fd = mkstemp(tmp[queued]);
		if (fd < 0)
			die("cannot create", tmp[queued]);
		write_all(fd, text, (size_t)len, tmp[queued]);
		sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
		close(fd);
		if (++queued == BATCH) {
			land(tmp, path, queued, argv[3]);
			queued = 0;
		}
	}
	land(tmp, path, queued, argv[3]);
	free(text);
	return 0;
}
