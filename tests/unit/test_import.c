/*
 * Import tests (src/import.c): the workbooks of tests/data/import, made
 * by template --xlsx for the test questionnaire t-wm-q and filled by
 * openpyxl (tests/fuzz/import-seed.sh), read into answers: every kind of
 * answer and text, the assessor override, the same answers from memory
 * as from the file, a blank workbook, and what is not a workbook. The
 * broken workbooks and their messages are in tests/cases/import-broken.
 */
#include "testutil.h"

#include "socassess/answers-write.h"
#include "socassess/import.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

static struct catalog cat;

static int
group_setup(void **state)
{
	(void)state;
	return test_catalog_load(&cat, test_path_static("tests/data/score"));
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_release(&cat);
	return 0;
}

/* The answers of workbook rel (in the source tree), or NULL. */
static struct answers *
import_file(const char *rel, const char *assessor, struct soc_errors *errs)
{
	struct import_request req = { .name = rel, .out = "out.yaml",
	    .assessor = assessor };
	char *path = test_path(rel);
	struct xlsx_workbook *wb = xlsx_workbook_open(path, errs);
	struct answers *a = NULL;

	if (wb != NULL)
		a = import_workbook(wb, &cat, &req, errs);
	xlsx_workbook_close(wb);
	free(path);
	return a;
}

static const struct answer *
answer_of(const struct answers *a, const char *id)
{
	int qi = questionnaire_find(a->q, id);

	assert_true(qi >= 0);
	return answers_get(a, (size_t)qi);
}

static void
test_filled(void **state)
{
	struct soc_errors errs;
	struct answers *a;
	const struct answer *an;

	(void)state;
	soc_errors_init(&errs);
	a = import_file("tests/data/import/filled.xlsx", NULL, &errs);
	test_print_errors(&errs);
	assert_non_null(a);
	assert_int_equal(errs.n, 0);
	assert_string_equal(a->q->id, "t-wm-q");
	assert_string_equal(a->meta.profile, "p1");
	assert_string_equal(a->meta.organisation, "Acme");
	assert_string_equal(a->meta.date, "2026-11-30");
	assert_null(a->meta.assessor);
	assert_string_equal(a->path, "out.yaml");
	/* The dropdown entry "2 - O2", a number cell 3, text "1". */
	assert_true(answer_of(a, "a1.x")->has_value);
	assert_true(answer_of(a, "a1.x")->value == 2);
	assert_true(answer_of(a, "a1.y")->value == 3);
	assert_true(answer_of(a, "b1.x")->value == 1);
	an = answer_of(a, "a2.x");
	assert_true(an->na && !an->has_value);
	assert_string_equal(an->na_reason, "Not here");
	/* Comment, evidence and assessor on an unanswered question. */
	an = answer_of(a, "a2.y");
	assert_false(an->has_value || an->na);
	assert_string_equal(an->comment, "a\nb");
	assert_int_equal(an->n_evidence, 2);
	assert_string_equal(an->evidence[0], "x");
	assert_string_equal(an->evidence[1], "y");
	assert_string_equal(an->assessor, "Bo");
	assert_int_equal(a->n_items, 5);
	answers_free(a);
	soc_errors_release(&errs);
}

/* --assessor names the assessment's assessor, not the answers'. */
static void
test_assessor(void **state)
{
	struct soc_errors errs;
	struct answers *a;

	(void)state;
	soc_errors_init(&errs);
	a = import_file("tests/data/import/filled.xlsx", "Cy Ng", &errs);
	assert_non_null(a);
	assert_string_equal(a->meta.assessor, "Cy Ng");
	assert_string_equal(answer_of(a, "a2.y")->assessor, "Bo");
	assert_null(answer_of(a, "a1.x")->assessor);
	answers_free(a);
	soc_errors_release(&errs);
}

/* From memory: the same answers, and they load back as written. */
static void
test_from_memory(void **state)
{
	struct import_request req = { .name = "mem.xlsx", .out = "out.yaml" };
	struct soc_errors errs;
	char *path = test_path("tests/data/import/filled.xlsx"), *data;
	char *text, *again;
	size_t len;
	struct xlsx_workbook *wb;
	struct answers *a, *b, *loaded;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(yamlfile_read_capped(path, &data, &len, &errs), 0);
	wb = xlsx_workbook_open_data("mem.xlsx", data, len, &errs);
	assert_non_null(wb);
	a = import_workbook(wb, &cat, &req, &errs);
	xlsx_workbook_close(wb);
	b = import_file("tests/data/import/filled.xlsx", NULL, &errs);
	assert_non_null(a);
	assert_non_null(b);
	text = answers_yaml_text(a);
	again = answers_yaml_text(b);
	assert_string_equal(text, again);
	loaded = answers_load_data("out.yaml", text, strlen(text), false,
	    &cat, &errs);
	test_print_errors(&errs);
	assert_non_null(loaded);
	assert_int_equal(errs.n, 0);
	free(again);
	again = answers_yaml_text(loaded);
	assert_string_equal(text, again);
	free(again);
	free(text);
	answers_free(loaded);
	answers_free(a);
	answers_free(b);
	free(data);
	free(path);
	soc_errors_release(&errs);
}

/* The blank workbook: the metadata of the marker, no answers. */
static void
test_blank(void **state)
{
	struct soc_errors errs;
	struct answers *a;

	(void)state;
	soc_errors_init(&errs);
	a = import_file("tests/data/import/blank.xlsx", NULL, &errs);
	assert_non_null(a);
	assert_int_equal(a->n_items, 0);
	assert_string_equal(a->meta.questionnaire_version, "1.0.0");
	assert_null(a->meta.organisation);
	assert_null(a->meta.date);
	answers_free(a);
	soc_errors_release(&errs);
}

/* Bytes that are no workbook: NULL and one error naming them. */
static void
test_not_a_workbook(void **state)
{
	static const char junk[] = "PK\003\004 not really";
	struct soc_errors errs;

	(void)state;
	soc_errors_init(&errs);
	assert_null(xlsx_workbook_open_data("junk.xlsx", junk, sizeof(junk),
	    &errs));
	assert_int_equal(errs.n_errors, 1);
	assert_string_equal(errs.items[0].path, "junk.xlsx");
	assert_non_null(strstr(errs.items[0].text, "cannot read the "
	    "workbook"));
	soc_errors_release(&errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filled),
		cmocka_unit_test(test_assessor),
		cmocka_unit_test(test_from_memory),
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_not_a_workbook),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
