/*
 * Tests of atomic file replacement, one file at a time and in batches.
 */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socassess/atomic.h"
#include "socassess/util.h"


/* The whole content of path, or NULL. */
static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	size_t n;

	if (fp == NULL)
		return NULL;
	buf = xcalloc(1, 4096);
	n = fread(buf, 1, 4095, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Temporary files left in the scratch folder. */
static int
count_hidden(void)
{
	return test_count_entries(test_dir(), true);
}

static void
test_single(void **state)
{
	struct soc_errors errs;
	char *path = xasprintf("%s/one.txt", test_dir()), *got;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(atomic_write(path, "old\n", 4, &errs), 0);
	assert_int_equal(atomic_write(path, "new\n", 4, &errs), 0);
	got = slurp(path);
	assert_string_equal(got, "new\n");
	assert_int_equal(count_hidden(), 0);
	assert_int_equal(errs.n, 0);
	free(got);
	free(path);
	soc_errors_release(&errs);
}

static void
test_missing_folder(void **state)
{
	struct soc_errors errs;
	char *path = xasprintf("%s/no/such/folder.txt", test_dir());

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(atomic_write(path, "x", 1, &errs), -1);
	assert_int_equal(errs.n_errors, 1);
	assert_non_null(strstr(errs.items[0].text, "cannot create"));
	free(path);
	soc_errors_release(&errs);
}

/*
 * Queue n files: a full batch goes to the disk in the background while
 * the next fills, and has landed (renamed, visible) once the next batch
 * is full; the flush lands everything.
 */
static void
test_batch(void **state)
{
	enum { N = 2 * ATOMIC_BATCH_MAX + 3 };
	struct atomic_batch batch = { 0 };
	struct soc_errors errs;
	char *first = xasprintf("%s/b0.txt", test_dir()), *got;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(atomic_write(first, "before\n", 7, &errs), 0);
	for (int i = 0; i < N; i++) {
		struct atomic_file af;
		char *path = xasprintf("%s/b%d.txt", test_dir(), i);

		assert_int_equal(atomic_open(&af, path, &errs), 0);
		fprintf(af.fp, "file %d\n", i);
		assert_int_equal(atomic_commit_batched(&af, &batch, &errs), 0);
		free(path);
		/* Nothing of the first batch shows before it is full. */
		if (i == ATOMIC_BATCH_MAX - 2) {
			got = slurp(first);
			assert_string_equal(got, "before\n");
			free(got);
		}
	}
	/* The first batch landed when the second filled. */
	got = slurp(first);
	assert_string_equal(got, "file 0\n");
	free(got);
	assert_int_equal(batch.n, N - 2 * ATOMIC_BATCH_MAX);
	assert_non_null(batch.flight);
	assert_int_equal(atomic_batch_flush(&batch, &errs), 0);
	assert_null(batch.flight);
	assert_int_equal(count_hidden(), 0);
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/b%d.txt", test_dir(), i);
		char want[32];

		snprintf(want, sizeof(want), "file %d\n", i);
		got = slurp(path);
		assert_non_null(got);
		assert_string_equal(got, want);
		free(got);
		free(path);
	}
	assert_int_equal(errs.n, 0);
	assert_null(batch.pending);
	assert_int_equal(atomic_batch_flush(&batch, &errs), 0);
	free(first);
	soc_errors_release(&errs);
}

/*
 * A file of a batch in flight that cannot be renamed (a folder took its
 * name meanwhile): an error naming it when the batch lands, its
 * temporary removed, the others written.
 */
/* What on_failed was told: how many files, the last one's name. */
struct told {
	int n;
	char last[512];
};

static void
tell(void *ctx, const char *path)
{
	struct told *t = ctx;

	t->n++;
	snprintf(t->last, sizeof(t->last), "%s", path);
}

static void
test_batch_rename_fails(void **state)
{
	struct told told = { 0 };
	struct atomic_batch batch = { .on_failed = tell,
	    .on_failed_ctx = &told };
	struct soc_errors errs;
	char *blocked = xasprintf("%s/blocked.txt", test_dir());

	(void)state;
	soc_errors_init(&errs);
	/* Two batches: the first lands, with its failure, as the second
	 * fills, and the file queued then is not the one that failed. */
	for (int i = 0; i < 2 * ATOMIC_BATCH_MAX; i++) {
		struct atomic_file af;
		char *path = i == 7 ? xstrdup(blocked) :
		    xasprintf("%s/f%d.txt", test_dir(), i);

		assert_int_equal(atomic_open(&af, path, &errs), 0);
		fputs("x\n", af.fp);
		if (i == 7)
			assert_int_equal(mkdir(blocked, 0700), 0);
		assert_int_equal(atomic_commit_batched(&af, &batch, &errs), 0);
		free(path);
		if (i < 2 * ATOMIC_BATCH_MAX - 1)
			assert_int_equal(told.n, 0);
	}
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.items[0].text, "cannot write"));
	assert_non_null(strstr(errs.items[0].text, "blocked.txt"));
	/* The file is named to the batch's owner, as it was queued. */
	assert_int_equal(told.n, 1);
	assert_string_equal(told.last, blocked);
	assert_int_equal(atomic_batch_flush(&batch, &errs), 0);
	assert_int_equal(errs.n, 1);
	assert_int_equal(count_hidden(), 0);
	assert_int_equal(rmdir(blocked), 0);
	for (int i = 0; i < 2 * ATOMIC_BATCH_MAX; i++) {
		char *path = xasprintf("%s/f%d.txt", test_dir(), i);

		if (i != 7)
			assert_int_equal(access(path, F_OK), 0);
		free(path);
	}
	free(blocked);
	soc_errors_release(&errs);
}

/*
 * Queued files are fsynced ahead, ATOMIC_PRESYNC_MIN at a time, but
 * nothing is renamed before the batch's flush; a file the early fsync
 * cannot reach (its temporary file gone) fails at the flush, named, and
 * the others are written.
 */
static void
test_batch_presync(void **state)
{
	enum { N = ATOMIC_PRESYNC_MIN + 3, GONE = 5 };
	struct atomic_batch batch = { 0 };
	struct soc_errors errs;
	char *first = xasprintf("%s/p0.txt", test_dir()), *got;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(atomic_write(first, "before\n", 7, &errs), 0);
	for (int i = 0; i < N; i++) {
		struct atomic_file af;
		char *path = xasprintf("%s/p%d.txt", test_dir(), i);

		assert_int_equal(atomic_open(&af, path, &errs), 0);
		fprintf(af.fp, "file %d\n", i);
		if (i == GONE)
			assert_int_equal(unlink(af.tmp), 0);
		assert_int_equal(atomic_commit_batched(&af, &batch, &errs), 0);
		free(path);
		/* Started with the MIN-th file, not before. */
		if (i < ATOMIC_PRESYNC_MIN - 1)
			assert_null(batch.presync);
		else if (i == ATOMIC_PRESYNC_MIN - 1)
			assert_non_null(batch.presync);
	}
	got = slurp(first);
	assert_string_equal(got, "before\n");
	free(got);
	assert_int_equal(errs.n, 0);
	assert_int_equal(atomic_batch_flush(&batch, &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.items[0].text, "p5.txt"));
	assert_null(batch.presync);
	assert_int_equal(count_hidden(), 0);
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/p%d.txt", test_dir(), i);
		char want[32];

		snprintf(want, sizeof(want), "file %d\n", i);
		got = slurp(path);
		if (i == GONE) {
			assert_null(got);
		} else {
			assert_non_null(got);
			assert_string_equal(got, want);
		}
		free(got);
		free(path);
	}
	free(first);
	soc_errors_release(&errs);
}

/*
 * What atomic_save_behind's maker makes: len bytes, "file I\n" and then
 * I's letter up to the end; nothing when fail is set.
 */
struct made_file {
	int i;
	size_t len;
	bool fail;
};

static int
make_file(char **data, size_t *size, size_t *len, const void *ctx)
{
	const struct made_file *m = ctx;
	char head[32];
	int n = snprintf(head, sizeof(head), "file %d\n", m->i);

	if (m->fail)
		return -1;
	if (*size < m->len) {
		*data = xreallocarray(*data, m->len, 1);
		*size = m->len;
	}
	memset(*data, 'a' + m->i % 26, m->len);
	memcpy(*data, head, (size_t)n);
	*len = m->len;
	return 0;
}

/* Whether path holds what make_file made for i and len. */
static bool
holds_made(const char *path, int i, size_t len)
{
	FILE *fp = fopen(path, "rb");
	char *got = xmalloc(len + 1), head[32];
	size_t n = fp != NULL ? fread(got, 1, len + 1, fp) : 0;
	int h = snprintf(head, sizeof(head), "file %d\n", i);
	bool ok = fp != NULL && n == len && memcmp(got, head, (size_t)h) == 0;

	for (size_t k = (size_t)h; ok && k < len; k++)
		ok = got[k] == 'a' + i % 26;
	if (fp != NULL)
		fclose(fp);
	free(got);
	return ok;
}

/* Remove the temporary files of target name; how many there were. */
static int
unlink_tmp_of(const char *name)
{
	DIR *d = opendir(test_dir());
	struct dirent *e;
	size_t len = strlen(name);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' &&
		    strncmp(e->d_name + 1, name, len) == 0 &&
		    e->d_name[len + 1] == '.') {
			char *path = xasprintf("%s/%s", test_dir(), e->d_name);

			assert_int_equal(unlink(path), 0);
			free(path);
			n++;
		}
	}
	closedir(d);
	return n;
}

/*
 * Write-behind across several batches and fsyncs ahead: every file as
 * made (sizes from 100 bytes to more than a buffer's first size, so the
 * buffers grow), old targets replaced; a maker that fails and a file
 * whose temporary is gone before its fsync each give one error naming
 * it, keep the old target, and leave no temporary file.
 */
static void
test_write_behind(void **state)
{
	enum { N = 2 * ATOMIC_BATCH_MAX + 40, GONE = 20, FAILS = 30 };
	struct told told = { 0 };
	struct atomic_batch batch = { .on_failed = tell,
	    .on_failed_ctx = &told, .write_behind = true };
	struct soc_errors errs;

	(void)state;
	soc_errors_init(&errs);
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/w%d.txt", test_dir(), i);
		struct made_file m = { i, i % 3 == 0 ? 300000 : 100 + (size_t)i,
		    i == FAILS };

		if (i % 50 == 0 || i == FAILS)
			assert_int_equal(atomic_write(path, "old\n", 4, &errs),
			    0);
		assert_int_equal(atomic_save_behind(path, make_file, &m,
		    &batch, &errs), i == FAILS ? -1 : 0);
		assert_non_null(batch.behind);
		if (i == GONE) {
			char *name = xasprintf("w%d.txt", i);

			assert_int_equal(unlink_tmp_of(name), 1);
			free(name);
		}
		free(path);
	}
	/* w20's batch landed when the next one filled, before the flush. */
	assert_int_equal(atomic_batch_flush(&batch, &errs), 0);
	assert_null(batch.behind);
	assert_int_equal(errs.n, 2);
	assert_non_null(strstr(errs.items[0].text, "w30.txt"));
	assert_non_null(strstr(errs.items[1].text, "w20.txt"));
	assert_int_equal(told.n, 1);
	assert_non_null(strstr(told.last, "/w20.txt"));
	assert_int_equal(count_hidden(), 0);
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/w%d.txt", test_dir(), i), *got;

		if (i == GONE) {
			assert_int_equal(access(path, F_OK), -1);
		} else if (i == FAILS) {
			got = slurp(path);
			assert_string_equal(got, "old\n");
			free(got);
		} else {
			assert_true(holds_made(path, i,
			    i % 3 == 0 ? 300000 : 100 + (size_t)i));
		}
		unlink(path);
		free(path);
	}
	soc_errors_release(&errs);
}

/*
 * A write that fails in the writing thread (a file size limit, as a
 * quota would) fails that file alone: named when its batch lands, told
 * to on_failed, its old target kept, no temporary left; the files
 * around it are written. Without write_behind the same calls write at
 * once.
 */
static void
test_write_behind_fails(void **state)
{
	enum { N = ATOMIC_PRESYNC_MIN + 8, BIG = 300000, LIMIT = 200000 };
	struct told told = { 0 };
	struct atomic_batch batch = { .on_failed = tell,
	    .on_failed_ctx = &told, .write_behind = true };
	struct soc_errors errs;
	struct rlimit old, small;
	void (*old_xfsz)(int);

	(void)state;
	soc_errors_init(&errs);
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/f%d.txt", test_dir(), i);

		assert_int_equal(atomic_write(path, "old\n", 4, &errs), 0);
		free(path);
	}
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = LIMIT;
	old_xfsz = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/f%d.txt", test_dir(), i);
		struct made_file m = { i, i % 4 == 1 ? BIG : 1000, false };

		assert_int_equal(atomic_save_behind(path, make_file, &m,
		    &batch, &errs), 0);
		free(path);
	}
	assert_int_equal(atomic_batch_flush(&batch, &errs), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_xfsz);
	assert_int_equal(errs.n, N / 4);
	assert_int_equal(told.n, N / 4);
	for (size_t k = 0; k < errs.n; k++) {
		char *name = xasprintf("f%zu.txt", 4 * k + 1);

		assert_non_null(strstr(errs.items[k].text, name));
		assert_non_null(strstr(errs.items[k].text,
		    strerror(EFBIG)));
		free(name);
	}
	assert_int_equal(count_hidden(), 0);
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/f%d.txt", test_dir(), i), *got;

		if (i % 4 == 1) {
			got = slurp(path);
			assert_string_equal(got, "old\n");
			free(got);
		} else {
			assert_true(holds_made(path, i, 1000));
		}
		free(path);
	}
	/* The same without a writing thread: made and written at once. */
	batch = (struct atomic_batch){ 0 };
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/f%d.txt", test_dir(), i);
		struct made_file m = { i + 1, 2000, false };

		assert_int_equal(atomic_save_behind(path, make_file, &m,
		    &batch, &errs), 0);
		assert_null(batch.behind);
		free(path);
	}
	assert_int_equal(atomic_batch_flush(&batch, &errs), 0);
	for (int i = 0; i < N; i++) {
		char *path = xasprintf("%s/f%d.txt", test_dir(), i);

		assert_true(holds_made(path, i + 1, 2000));
		unlink(path);
		free(path);
	}
	assert_int_equal(count_hidden(), 0);
	soc_errors_release(&errs);
}

/* Writes half a file, then fails like a full disk would. */
static int
write_then_fail(FILE *fp, const void *ctx)
{
	fputs(ctx, fp);
	return -1;
}

static int
write_text(FILE *fp, const void *ctx)
{
	return fputs(ctx, fp) < 0 ? -1 : 0;
}

/* A failing writer leaves the old file and no temporary behind. */
static void
test_save_writer_fails(void **state)
{
	struct soc_errors errs;
	char *path = xasprintf("%s/save.txt", test_dir()), *got;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(atomic_save(path, write_text, "kept\n", &errs), 0);
	assert_int_equal(atomic_save(path, write_then_fail, "half", &errs),
	    -1);
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.items[0].text, "cannot write"));
	got = slurp(path);
	assert_string_equal(got, "kept\n");
	assert_int_equal(count_hidden(), 0);
	free(got);
	free(path);
	soc_errors_release(&errs);
}

/*
 * A reserved temporary is written by name (as libxlsxwriter does), then
 * committed over the target; an abort removes it and keeps the target.
 */
static void
test_reserve(void **state)
{
	struct soc_errors errs;
	struct atomic_file af;
	char *path = xasprintf("%s/book.bin", test_dir()), *got;
	FILE *fp;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(atomic_reserve(&af, path, &errs), 0);
	assert_null(af.fp);
	assert_int_equal(count_hidden(), 1);
	fp = fopen(af.tmp, "wb");
	assert_non_null(fp);
	fputs("first\n", fp);
	fclose(fp);
	assert_int_equal(atomic_commit(&af, &errs), 0);
	assert_int_equal(atomic_reserve(&af, path, &errs), 0);
	atomic_abort(&af);
	got = slurp(path);
	assert_string_equal(got, "first\n");
	assert_int_equal(count_hidden(), 0);
	assert_int_equal(errs.n, 0);
	free(got);
	free(path);
	soc_errors_release(&errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_missing_folder),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_batch_rename_fails),
		cmocka_unit_test(test_batch_presync),
		cmocka_unit_test(test_write_behind),
		cmocka_unit_test(test_write_behind_fails),
		cmocka_unit_test(test_save_writer_fails),
		cmocka_unit_test(test_reserve),
	};

	return cmocka_run_group_tests_name("atomic", tests, test_dir_setup,
	    test_dir_teardown);
}
