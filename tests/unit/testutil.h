/*
 * Helpers shared by the unit tests: cmocka in the include order it needs,
 * paths into the source tree ($SOCASSESS_SRC, set by `make check`), and
 * assertions on the problems a loader collected in a struct soc_errors.
 */
#ifndef SOCASSESS_TESTUTIL_H
#define SOCASSESS_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <dirent.h>

#include "socassess/catalog.h"
#include "socassess/error.h"

/*
 * The path of rel (relative to the repository root) as a new string owned
 * by the caller ("" gives the root itself). The root is $SOCASSESS_SRC,
 * else the current folder.
 */
static inline char *
test_path(const char *rel)
{
	const char *root = getenv("SOCASSESS_SRC");
	size_t n;
	char *p;

	if (root == NULL || *root == '\0')
		root = ".";
	n = strlen(root) + 1 + strlen(rel) + 1;
	p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s%s%s", root, *rel != '\0' ? "/" : "", rel);
	return p;
}

/* The source tree ($SOCASSESS_SRC, set by make check; else "."). */
static inline const char *
test_src_dir(void)
{
	const char *s = getenv("SOCASSESS_SRC");

	return s != NULL && *s != '\0' ? s : ".";
}

/* Like test_path, in a static buffer (valid until the next call). */
static inline const char *
test_path_static(const char *rel)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", test_src_dir(), rel);
	return buf;
}

/*
 * The scratch folder of a test program: made by test_dir_setup, removed
 * with all it holds by test_dir_teardown (a group's setup and teardown).
 */
static inline char *
test_dir(void)
{
	static char dir[] = "/tmp/socassess-test-XXXXXX";

	return dir;
}

static inline int test_remove_dir(const char *dir);

static inline int
test_dir_setup(void **state)
{
	(void)state;
	return mkdtemp(test_dir()) != NULL ? 0 : -1;
}

static inline int
test_dir_teardown(void **state)
{
	(void)state;
	return test_remove_dir(test_dir());
}

/* Remove folder dir and all it holds (a test's scratch folder). */
static inline int
test_remove_dir(const char *dir)
{
	size_t n = strlen(dir) + 16;
	char *cmd = malloc(n);
	int rc;

	assert_non_null(cmd);
	snprintf(cmd, n, "rm -rf '%s'", dir);
	rc = system(cmd);
	if (rc != 0)
		print_message("could not remove %s\n", dir);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/*
 * Entries of folder dir (not . and ..); only those whose name starts
 * with '.' when hidden_only (temporary files of atomic saves).
 */
static inline int
test_count_entries(const char *dir, bool hidden_only)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		n += !hidden_only || de->d_name[0] == '.';
	}
	closedir(d);
	return n;
}

/* Print every problem of errs as the command line would, for failures. */
static inline void
test_print_errors(const struct soc_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		const struct soc_error *e = &errs->items[i];

		print_message("  %s:%u:%u: %s%s\n", e->path ? e->path : "-",
		    e->line, e->column,
		    e->severity == SOC_WARNING ? "warning: " : "", e->text);
	}
}

/*
 * The first error (not warning) whose text contains sub and whose line is
 * line (any line when line is -1); NULL when there is none.
 */
static inline const struct soc_error *
test_find_error(const struct soc_errors *errs, const char *sub, long line)
{
	for (size_t i = 0; i < errs->n; i++) {
		const struct soc_error *e = &errs->items[i];

		if (e->severity == SOC_ERROR && strstr(e->text, sub) != NULL &&
		    (line < 0 || e->line == (unsigned long)line))
			return e;
	}
	return NULL;
}

static inline void
test_assert_error_at(const struct soc_errors *errs, const char *sub,
    long line, const char *file, int at)
{
	if (test_find_error(errs, sub, line) != NULL)
		return;
	print_message("expected an error containing \"%s\" on line %ld, "
	    "got %zu problem(s):\n", sub, line, errs->n);
	test_print_errors(errs);
	_fail(file, at);
}

static inline void
test_assert_no_errors(const struct soc_errors *errs, const char *file,
    int at)
{
	if (errs->n_errors == 0)
		return;
	print_message("expected no errors, got %zu:\n", errs->n_errors);
	test_print_errors(errs);
	_fail(file, at);
}

/* errs holds an error containing sub on line (-1: any line). */
#define assert_error_at(errs, sub, line) \
	test_assert_error_at((errs), (sub), (line), __FILE__, __LINE__)
/* errs holds no error (warnings are allowed). */
#define assert_no_errors(errs) \
	test_assert_no_errors((errs), __FILE__, __LINE__)

/*
 * The error a broken file (file, loaded from path) must give: its text
 * holds sub, it is on line (any when -1), names path and has a column.
 * Prints every problem and fails otherwise.
 */
static inline const struct soc_error *
test_expect_placed_error(const struct soc_errors *errs, const char *file,
    const char *path, const char *sub, long line)
{
	const struct soc_error *e = test_find_error(errs, sub, line);

	if (e == NULL) {
		print_message("in %s:\n", file);
		assert_error_at(errs, sub, line);
	}
	/* The message names the file it is about. */
	assert_non_null(e->path);
	assert_string_equal(e->path, path);
	assert_true(e->column > 0);
	return e;
}

/*
 * Every *.yaml file of the folder dir_rel (relative to the source tree)
 * is one of the n names that name_at gives, and there are n of them: a
 * broken-input file without an expected message fails the test.
 */
static inline void
test_assert_files_listed(const char *dir_rel, size_t n,
    const char *(*name_at)(size_t))
{
	char *dir = test_path(dir_rel);
	struct soc_errors errs;
	char **files;
	size_t count = 0;

	soc_errors_init(&errs);
	files = catalog_list_files(dir, &errs);
	assert_non_null(files);
	for (; files[count] != NULL; count++) {
		const char *base = strrchr(files[count], '/') + 1;
		bool listed = false;

		for (size_t i = 0; i < n; i++)
			listed |= strcmp(name_at(i), base) == 0;
		if (!listed)
			fail_msg("%s has no expected message", base);
	}
	assert_int_equal(count, n);
	catalog_free_list(files);
	soc_errors_release(&errs);
	free(dir);
}

/*
 * Load the catalog of definitions in dir into cat for a test group,
 * printing what the loader found; 0, or -1 when it failed.
 */
static inline int
test_catalog_load(struct catalog *cat, const char *dir)
{
	struct soc_errors errs;
	int rc;

	soc_errors_init(&errs);
	rc = catalog_load(cat, dir, &errs);
	soc_errors_print(&errs, stderr);
	soc_errors_release(&errs);
	return rc;
}

/*
 * Load the shipped catalog for a test group and find in it questionnaire
 * qid and its model's profile pid (*profile); the questionnaire, or NULL
 * when the catalog, the questionnaire or the profile is missing.
 */
static inline const struct questionnaire *
test_shipped_questionnaire(struct catalog *cat, const char *qid,
    const char *pid, size_t *profile)
{
	const struct questionnaire *q;
	int pi;

	if (test_catalog_load(cat, test_src_dir()) < 0)
		return NULL;
	q = catalog_questionnaire(cat, qid);
	if (q == NULL || (pi = model_find_profile(q->model, pid)) < 0)
		return NULL;
	*profile = (size_t)pi;
	return q;
}

/* The index of question id in q; fails the test when q has none. */
static inline size_t
test_question_index(const struct questionnaire *q, const char *id)
{
	int i = questionnaire_find(q, id);

	if (i < 0)
		fail_msg("no question '%s' in '%s'", id, q->id);
	return (size_t)i;
}

#endif
