/*
 * Portfolio rows from the fixtures under tests/data/score: what a row
 * keeps once its result and answers are freed, and the portfolio JSON
 * written from the rows (the same escapes and numbers as the report).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "socassess/answers.h"
#include "socassess/catalog.h"
#include "socassess/portfolio.h"
#include "socassess/report.h"
#include "socassess/score.h"
#include "socassess/util.h"
#include "testutil.h"

struct fixture {
	struct catalog cat;
	struct portfolio pf;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct soc_errors errs;

	soc_errors_init(&errs);
	assert_int_equal(catalog_load(&f->cat,
	    test_path_static("tests/data/score"), &errs), 0);
	soc_errors_release(&errs);
	portfolio_init(&f->pf);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	portfolio_release(&f->pf);
	catalog_release(&f->cat);
	free(f);
	return 0;
}

/* Score a fixture and add its row; the result and answers die here. */
static void
add(struct fixture *f, const char *name, const char *input,
    const char *report)
{
	struct soc_errors errs;
	struct answers *a;
	struct result *r;
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/score/answers/%s", name);
	soc_errors_init(&errs);
	a = answers_load(test_path_static(rel), &f->cat, &errs);
	if (a == NULL)
		test_print_errors(&errs);
	assert_non_null(a);
	r = score_compute(a);
	portfolio_add(&f->pf, r, input, report);
	result_free(r);
	answers_free(a);
	soc_errors_release(&errs);
}

static char *
portfolio_json(const struct portfolio *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(report_portfolio_write(p, fp), 0);
	fclose(fp);
	return buf;
}

static void
test_rows(void **state)
{
	struct fixture *f = *state;
	const struct portfolio_row *row;

	add(f, "wm-a.yaml", "in/wm-a.yaml", "out/wm-a.json");
	add(f, "ls.yaml", "in/ls.yaml", NULL);
	f->pf.n_failed = 1;
	assert_int_equal(f->pf.n, 2);

	row = &f->pf.rows[0];
	assert_string_equal(row->input, "in/wm-a.yaml");
	assert_string_equal(row->report, "out/wm-a.json");
	assert_null(row->organisation);
	assert_string_equal(row->questionnaire, "t-wm-q");
	assert_string_equal(row->profile->id, "p1");
	assert_string_equal(row->model->id, "t-wm");
	assert_true(row->score.set && row->score.value == 0.5);
	/* 19/9 on the 1e-9 grid, as the JSON report writes it. */
	assert_true(row->target.value == 2.111111111);
	assert_true(row->domains[0].set && row->domains[0].value == 1.5);
	assert_true(row->domains[1].set && row->domains[1].value == 0);
	assert_int_equal(row->done.applicable, 5);
	assert_int_equal(row->done.na, 1);

	row = &f->pf.rows[1];
	assert_null(row->report);
	assert_string_equal(row->model->id, "t-ls");
}

static void
test_not_utf8(void **state)
{
	struct fixture *f = *state;

	add(f, "wm-b.yaml", "in/lat\xe9n.yaml", "out/lat\xe9n.json");
	assert_null(f->pf.rows[0].input);
	assert_null(f->pf.rows[0].report);
}

static void
test_json(void **state)
{
	static const char want[] =
	    "{\n"
	    "  \"format\": \"socassess-portfolio/1\",\n"
	    "  \"scored\": 1,\n"
	    "  \"failed\": 2,\n"
	    "  \"assessments\": [\n"
	    "    {\n"
	    "      \"input\": \"wm-a.yaml\",\n"
	    "      \"report\": null,\n"
	    "      \"organisation\": \"a\\u0008\\u000c\\u001f\\\"\",\n"
	    "      \"scope\": null,\n"
	    "      \"date\": null,\n"
	    "      \"questionnaire\": \"t-wm-q\",\n"
	    "      \"profile\": \"p1\",\n"
	    "      \"score\": 5e-05,\n"
	    "      \"level_name\": \"L0\",\n"
	    "      \"target\": 2.111111111,\n"
	    "      \"percent_to_target\": 0.5,\n"
	    "      \"domains\": {\n"
	    "        \"d1\": 1.5,\n"
	    "        \"d2\": 0\n"
	    "      },\n"
	    "      \"completeness\": {\n"
	    "        \"applicable\": 5,\n"
	    "        \"answered\": 4,\n"
	    "        \"na\": 1,\n"
	    "        \"unanswered\": 0,\n"
	    "        \"ratio\": 1\n"
	    "      },\n"
	    "      \"status\": \"final\",\n"
	    "      \"target_met\": false,\n"
	    "      \"areas_short\": 4\n"
	    "    }\n"
	    "  ]\n"
	    "}\n";
	struct fixture *f = *state;
	struct portfolio_row *row;
	char *got;

	got = portfolio_json(&f->pf);
	assert_string_equal(got, "{\n"
	    "  \"format\": \"socassess-portfolio/1\",\n"
	    "  \"scored\": 0,\n"
	    "  \"failed\": 0,\n"
	    "  \"assessments\": []\n"
	    "}\n");
	free(got);

	add(f, "wm-a.yaml", "wm-a.yaml", NULL);
	f->pf.n_failed = 2;
	row = &f->pf.rows[0];
	/* Control characters and exponents as the report writes them. */
	free(row->organisation);
	row->organisation = xstrdup("a\b\f\x1f\"");
	row->score.value = 5e-5;
	got = portfolio_json(&f->pf);
	assert_string_equal(got, want);
	free(got);
}

static void
test_release(void **state)
{
	struct fixture *f = *state;

	add(f, "gated.yaml", "gated.yaml", "gated.json");
	f->pf.n_failed = 3;
	portfolio_release(&f->pf);
	assert_int_equal(f->pf.n, 0);
	assert_int_equal(f->pf.n_failed, 0);
	assert_null(f->pf.rows);
	/* Empty again, and usable. */
	add(f, "gated.yaml", "gated.yaml", NULL);
	assert_int_equal(f->pf.n, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_utf8, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release, setup,
		    teardown),
	};

	return cmocka_run_group_tests_name("portfolio", tests, NULL, NULL);
}
