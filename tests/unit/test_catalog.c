/*
 * Tests of the catalog (src/catalog.c): which data folder wins (--data-dir,
 * then $SOCASSESS_DATA, then the tree beside the binary, then the
 * installed one), listing *.yaml files, loading the shipped data and
 * looking it up, moving models between catalogs.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "socassess/catalog.h"
#include "socassess/util.h"

static void
test_data_dir_precedence(void **state)
{
	char *old = xstrdup_or_null(getenv("SOCASSESS_DATA"));
	char *dir;

	(void)state;
	setenv("SOCASSESS_DATA", "/from/env", 1);
	dir = catalog_find_data_dir("/from/option");
	assert_string_equal(dir, "/from/option");
	free(dir);
	dir = catalog_find_data_dir(NULL);
	assert_string_equal(dir, "/from/env");
	free(dir);
	/* An empty variable counts as not set. */
	setenv("SOCASSESS_DATA", "", 1);
	dir = catalog_find_data_dir(NULL);
	assert_string_not_equal(dir, "");
	free(dir);
	unsetenv("SOCASSESS_DATA");
	/* The test program lives in the build folder, not beside the data:
	 * the folder set at build time is what remains. */
	dir = catalog_find_data_dir(NULL);
	assert_string_equal(dir, SOCASSESS_DATADIR);
	free(dir);
	if (old != NULL)
		setenv("SOCASSESS_DATA", old, 1);
	free(old);
}

static void
touch(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fclose(fp);
	free(path);
}

/* Only *.yaml files that are not hidden, sorted by name. */
static void
test_list_files(void **state)
{
	char dir[] = "/tmp/socassess-catalog-XXXXXX";
	struct soc_errors errs;
	char **files, *cmd;

	(void)state;
	soc_errors_init(&errs);
	assert_non_null(mkdtemp(dir));
	touch(dir, "b.yaml");
	touch(dir, "a.yaml");
	touch(dir, ".hidden.yaml");
	touch(dir, "c.yml");
	touch(dir, "notes.txt");
	touch(dir, ".yaml");
	files = catalog_list_files(dir, &errs);
	assert_non_null(files);
	assert_non_null(strstr(files[0], "/a.yaml"));
	assert_non_null(strstr(files[1], "/b.yaml"));
	assert_null(files[2]);
	catalog_free_list(files);
	assert_int_equal(errs.n, 0);
	assert_null(catalog_list_files("/nonexistent-dir", &errs));
	assert_error_at(&errs, "cannot open folder '/nonexistent-dir'", 0);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	soc_errors_release(&errs);
}

/* The shipped data loads whole, and lookups find what it holds. */
static void
test_load_shipped(void **state)
{
	struct catalog cat = { 0 };
	struct soc_errors errs;
	const struct questionnaire *q;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(catalog_load(&cat, test_src_dir(), &errs), 0);
	assert_no_errors(&errs);
	assert_string_equal(cat.data_dir, test_src_dir());
	assert_true(cat.n_models >= 1);
	assert_non_null(catalog_model(&cat, "owasp-soc"));
	assert_null(catalog_model(&cat, "no-such-model"));
	q = catalog_questionnaire(&cat, CATALOG_DEFAULT_QUESTIONNAIRE);
	assert_non_null(q);
	assert_ptr_equal(q->model, catalog_model(&cat, q->model_id));
	assert_null(catalog_questionnaire(&cat, "no-such-questionnaire"));
	assert_non_null(catalog_wording(&cat, "owasp-soc", "en"));
	assert_null(catalog_wording(&cat, "owasp-soc", "xx"));
	/* Sorted by file name. */
	for (size_t i = 1; i < cat.n_questionnaires; i++)
		assert_true(strcmp(cat.questionnaires[i - 1]->path,
		    cat.questionnaires[i]->path) < 0);
	catalog_release(&cat);
	soc_errors_release(&errs);
}

/*
 * A partial load holds the questionnaires asked for, their model and its
 * wording, and knows every questionnaire id of the folder for messages.
 */
static void
test_load_some(void **state)
{
	static const char *const ids[] = { "owasp-soc-quick", "nope" };
	struct catalog cat = { 0 };
	struct soc_errors errs;
	char *why;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(catalog_load_some(&cat, test_src_dir(), ids, 2,
	    &errs), 0);
	assert_no_errors(&errs);
	assert_int_equal(cat.n_questionnaires, 1);
	assert_non_null(catalog_questionnaire(&cat, "owasp-soc-quick"));
	assert_null(catalog_questionnaire(&cat, "owasp-soc-full"));
	assert_int_equal(cat.n_models, 1);
	assert_ptr_equal(cat.questionnaires[0]->model, cat.models[0]);
	assert_non_null(catalog_wording(&cat, "owasp-soc", "en"));
	assert_true(cat.n_questionnaire_ids >= 2);
	why = catalog_unknown_questionnaire(&cat, "owasp-soc-ful");
	assert_string_equal(why, "unknown questionnaire 'owasp-soc-ful': "
	    "did you mean 'owasp-soc-full'?");
	free(why);
	why = catalog_unknown_questionnaire(&cat, "nope");
	assert_non_null(strstr(why, "(expected one of: "));
	assert_non_null(strstr(why, "owasp-soc-full"));
	free(why);
	catalog_release(&cat);
	/* Nothing asked for: nothing loaded, no error. */
	assert_int_equal(catalog_load_some(&cat, test_src_dir(), NULL, 0,
	    &errs), 0);
	assert_int_equal(cat.n_questionnaires + cat.n_models +
	    cat.n_wordings, 0);
	catalog_release(&cat);
	soc_errors_release(&errs);
}

static void
test_load_missing(void **state)
{
	struct catalog cat = { 0 };
	struct soc_errors errs;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(catalog_load(&cat, "/nonexistent-data", &errs), -1);
	assert_error_at(&errs, "'/nonexistent-data'", -1);
	assert_int_equal(cat.n_models, 0);
	catalog_release(&cat);
	soc_errors_release(&errs);
}

/* Moved models are owned by the new catalog alone (no double free). */
static void
test_move(void **state)
{
	struct catalog a = { 0 }, b = { 0 };
	struct soc_errors errs;
	size_t n;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(catalog_load(&b, test_src_dir(), &errs), 0);
	n = b.n_models;
	catalog_move_models(&a, &b);
	catalog_move_questionnaires(&a, &b);
	assert_int_equal(a.n_models, n);
	assert_int_equal(b.n_models, 0);
	assert_int_equal(b.n_questionnaires, 0);
	assert_non_null(catalog_questionnaire(&a,
	    CATALOG_DEFAULT_QUESTIONNAIRE));
	catalog_release(&a);
	catalog_release(&b);
	soc_errors_release(&errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_dir_precedence),
		cmocka_unit_test(test_list_files),
		cmocka_unit_test(test_load_shipped),
		cmocka_unit_test(test_load_some),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_move),
	};

	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
