/*
 * Portfolio rows from the fixtures under tests/data/score: what a row
 * keeps once its result and answers are freed, the same row read back
 * from memory or from the spool file, the portfolio JSON written from
 * the rows (the same escapes and numbers as the report), and a spool
 * that cannot be read back failing every output without a partial file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

/* The row of a fixture; its result and answers die here. */
static void
make_row(struct fixture *f, const char *name, const char *input,
    const char *report, struct portfolio_row *row)
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
	portfolio_row_make(row, r, input, report);
	result_free(r);
	answers_free(a);
	soc_errors_release(&errs);
}

/* Score a fixture and add its row. */
static void
add(struct fixture *f, const char *name, const char *input,
    const char *report)
{
	struct portfolio_row row;

	make_row(f, name, input, report, &row);
	portfolio_take_row(&f->pf, &row);
}

/* Set the organisation and date of a row by hand (NULL: none). */
static void
set_meta(struct portfolio_row *row, const char *org, const char *date)
{
	free(row->organisation);
	free(row->date);
	row->organisation = org != NULL ? xstrdup(org) : NULL;
	row->date = date != NULL ? xstrdup(date) : NULL;
}

/* Add the row of a fixture with this organisation and date. */
static void
add_meta(struct fixture *f, const char *name, const char *input,
    const char *org, const char *date)
{
	struct portfolio_row row;

	make_row(f, name, input, NULL, &row);
	set_meta(&row, org, date);
	portfolio_take_row(&f->pf, &row);
}

/* Row i of the fixture's portfolio, which must read back. */
static void
get_row(struct fixture *f, size_t i, struct portfolio_row *row)
{
	struct soc_errors errs;

	soc_errors_init(&errs);
	assert_int_equal(portfolio_row_get(&f->pf, i, row, &errs), 0);
	assert_int_equal(errs.n, 0);
	soc_errors_release(&errs);
}

/* The trends of the fixture's portfolio, which must read back. */
static void
get_trends(struct fixture *f, struct portfolio_trends *t)
{
	struct soc_errors errs;

	soc_errors_init(&errs);
	assert_int_equal(portfolio_trends_init(t, &f->pf, &errs), 0);
	assert_int_equal(errs.n, 0);
	soc_errors_release(&errs);
}

static char *
portfolio_json(const struct portfolio *p)
{
	struct soc_errors errs;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	soc_errors_init(&errs);
	assert_int_equal(report_portfolio_write(p, fp, &errs), 0);
	soc_errors_release(&errs);
	fclose(fp);
	return buf;
}

static void
test_rows(void **state)
{
	struct fixture *f = *state;
	struct portfolio_row got, *row = &got;

	add(f, "wm-a.yaml", "in/wm-a.yaml", "out/wm-a.json");
	add(f, "ls.yaml", "in/ls.yaml", NULL);
	f->pf.n_failed = 1;
	assert_int_equal(f->pf.n, 2);

	get_row(f, 0, row);
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
	portfolio_row_release(row);

	get_row(f, 1, row);
	assert_null(row->report);
	assert_string_equal(row->model->id, "t-ls");
	portfolio_row_release(row);
}

/*
 * A row taken out again (its report failed after all): the file counts
 * as not scored and the rows after it move up, read back whole whether
 * they are in memory or already in the spool file.
 */
static void
test_drop(void **state)
{
	struct fixture *f = *state;
	struct portfolio_row got;
	enum { N = 600, GONE = 250 };
	char input[32];
	size_t j;

	for (int i = 0; i < N; i++) {
		snprintf(input, sizeof(input), "in/%d.yaml", i);
		add(f, "wm-a.yaml", input, NULL);
	}
	/* The first rows are in the spool file by now. */
	assert_true(f->pf.spooled > 0);
	portfolio_drop(&f->pf, GONE);
	portfolio_drop(&f->pf, N - 2);
	assert_int_equal(f->pf.n, N - 2);
	assert_int_equal(f->pf.n_failed, 2);
	for (size_t i = 0; i < f->pf.n; i++) {
		get_row(f, i, &got);
		j = i < GONE ? i : i + 1;
		snprintf(input, sizeof(input), "in/%zu.yaml", j);
		assert_string_equal(got.input, input);
		portfolio_row_release(&got);
	}
}

static void
test_not_utf8(void **state)
{
	struct fixture *f = *state;
	struct portfolio_row row;

	add(f, "wm-b.yaml", "in/lat\xe9n.yaml", "out/lat\xe9n.json");
	get_row(f, 0, &row);
	assert_null(row.input);
	assert_null(row.report);
	portfolio_row_release(&row);
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
	struct portfolio_row row;
	char *got;

	got = portfolio_json(&f->pf);
	assert_string_equal(got, "{\n"
	    "  \"format\": \"socassess-portfolio/1\",\n"
	    "  \"scored\": 0,\n"
	    "  \"failed\": 0,\n"
	    "  \"assessments\": []\n"
	    "}\n");
	free(got);

	make_row(f, "wm-a.yaml", "wm-a.yaml", NULL, &row);
	f->pf.n_failed = 2;
	/* Control characters and exponents as the report writes them. */
	set_meta(&row, "a\b\f\x1f\"", NULL);
	row.score.value = 5e-5;
	portfolio_take_row(&f->pf, &row);
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
	assert_null(f->pf.ends);
	assert_int_equal(f->pf.n_models, 0);
	/* Empty again, and usable. */
	add(f, "gated.yaml", "gated.yaml", NULL);
	assert_int_equal(f->pf.n, 1);
}

/* The label of row i of f's portfolio. */
static char *
label_of(struct fixture *f, size_t i)
{
	struct portfolio_row row;
	char *label;

	get_row(f, i, &row);
	label = portfolio_label(&row, i);
	portfolio_row_release(&row);
	return label;
}

static void
test_labels_and_domains(void **state)
{
	struct fixture *f = *state;
	struct portfolio_domain cols[8];
	struct portfolio_row row;
	struct opt_score s;
	char *label;
	int level = -1;

	add(f, "wm-a.yaml", "in/wm-a.yaml", NULL);
	add_meta(f, "ls.yaml", "ls", "Org \xe7\xb5\x84", NULL);
	add_meta(f, "wm-b.yaml", NULL, "  ", NULL);
	label = label_of(f, 0);
	assert_string_equal(label, "wm-a");
	free(label);
	label = label_of(f, 1);
	assert_string_equal(label, "Org \xe7\xb5\x84");
	free(label);
	/* Neither organisation nor file name: its place in the batch. */
	label = label_of(f, 2);
	assert_string_equal(label, "assessment 3");
	free(label);
	/* The union of the models' domains, in order of first appearance. */
	assert_int_equal(portfolio_domains(&f->pf, cols, 8), 3);
	assert_string_equal(cols[0].id, "d1");
	assert_string_equal(cols[1].name, "Domain two");
	assert_int_equal(portfolio_domains(&f->pf, cols, 2), 2);
	get_row(f, 0, &row);
	s = portfolio_domain_score(&row, "d1", &level);
	assert_true(s.set && s.value == 1.5 && level == 1);
	portfolio_row_release(&row);
	get_row(f, 1, &row);
	s = portfolio_domain_score(&row, "d1", &level);
	assert_false(s.set);
	portfolio_row_release(&row);
}

static void
test_trends(void **state)
{
	struct fixture *f = *state;
	struct portfolio_trends t;
	const struct portfolio_trend *tr;

	/* 0.50: d1 1.50, d2 0 */
	add_meta(f, "wm-a.yaml", "a", "X", "2026-05-01");
	/* Another model: no part. */
	add_meta(f, "ls.yaml", "ls", "X", "2026-03-01");
	/* 0.83: d1 2.50, d2 0 */
	add_meta(f, "wm-b.yaml", "b", "X", "2026-01-01");
	/* One date only: no trend. */
	add_meta(f, "wm-a.yaml", "c", "Y", "2026-01-01");
	/* No date: no part. */
	add_meta(f, "wm-a.yaml", "d", "X", NULL);
	add_meta(f, "wm-a.yaml", "e", "Y", "2026-01-01");
	get_trends(f, &t);
	assert_int_equal(t.n, 1);
	tr = &t.items[0];
	assert_string_equal(tr->organisation, "X");
	assert_string_equal(tr->first_date, "2026-01-01");
	assert_string_equal(tr->last_date, "2026-05-01");
	/* In date order: b (January), then a (May). */
	assert_int_equal(tr->n, 2);
	assert_int_equal(tr->rows[0], 2);
	assert_int_equal(tr->rows[1], 0);
	/* compare's numbers: 0.5 - 0.833333333, beyond the threshold. */
	assert_true(tr->overall.since_first.set);
	assert_true(tr->overall.since_first.value == -0.333333333);
	assert_int_equal(tr->overall.trend, TREND_REGRESSED);
	assert_true(tr->domains[0].since_first.value == -1);
	assert_int_equal(tr->domains[0].trend, TREND_REGRESSED);
	assert_int_equal(tr->domains[1].trend, TREND_UNCHANGED);
	portfolio_trends_release(&t);
	assert_int_equal(t.n, 0);
}

/*
 * Enough rows that the first ones go to the spool file: each reads back
 * whole, from the file or from memory, and a trend spans both.
 */
static void
test_spool(void **state)
{
	struct fixture *f = *state;
	struct portfolio_trends t;
	struct portfolio_row row;
	char org[32], *json;
	size_t n = 1000;

	for (size_t i = 0; i < n; i++) {
		snprintf(org, sizeof(org), "Org %zu", i % (n - 1));
		add_meta(f, i % 2 ? "wm-b.yaml" : "wm-a.yaml", "in.yaml", org,
		    i == n - 1 ? "2026-02-01" : "2026-01-01");
	}
	assert_true(f->pf.fd >= 0);
	assert_true(f->pf.spooled > 0);
	assert_true(f->pf.tail.len > 0);
	for (size_t i = 0; i < n; i++) {
		get_row(f, i, &row);
		snprintf(org, sizeof(org), "Org %zu", i % (n - 1));
		assert_string_equal(row.organisation, org);
		assert_string_equal(row.input, "in.yaml");
		assert_true(row.score.set);
		assert_true(row.domains[0].value == (i % 2 ? 2.5 : 1.5));
		portfolio_row_release(&row);
	}
	/* Org 0: the first row (spooled) and the last (in memory). */
	get_trends(f, &t);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.items[0].organisation, "Org 0");
	assert_int_equal(t.items[0].rows[0], 0);
	assert_int_equal(t.items[0].rows[1], n - 1);
	assert_true(t.items[0].domains[0].since_first.value == 1);
	portfolio_trends_release(&t);
	json = portfolio_json(&f->pf);
	assert_non_null(strstr(json, "\"organisation\": \"Org 998\""));
	free(json);
}

/*
 * No temporary file can be made ($TMPDIR does not exist): every row
 * stays in memory and reads back the same.
 */
static void
test_spool_unavailable(void **state)
{
	struct fixture *f = *state;
	struct portfolio_row row;
	const char *was = getenv("TMPDIR");
	char *saved = was != NULL ? strdup(was) : NULL;
	char org[32];
	size_t n = 1000;

	setenv("TMPDIR", "/nonexistent/socassess-test", 1);
	for (size_t i = 0; i < n; i++) {
		snprintf(org, sizeof(org), "Org %zu", i);
		add_meta(f, "wm-a.yaml", "in.yaml", org, "2026-01-01");
	}
	if (saved != NULL)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	assert_true(f->pf.fd < 0);
	assert_true(f->pf.spool_failed);
	assert_int_equal(f->pf.spooled, 0);
	for (size_t i = 0; i < n; i += 99) {
		get_row(f, i, &row);
		snprintf(org, sizeof(org), "Org %zu", i);
		assert_string_equal(row.organisation, org);
		portfolio_row_release(&row);
	}
}

/* The content of a file, to tell whether it changed. */
struct content {
	char *data;
	size_t len;
};

static struct content
file_content(const char *path)
{
	struct content c = { NULL, 0 };
	FILE *fp = fopen(path, "rb");
	FILE *out = open_memstream(&c.data, &c.len);
	int ch;

	assert_non_null(fp);
	assert_non_null(out);
	while ((ch = fgetc(fp)) != EOF)
		fputc(ch, out);
	fclose(fp);
	fclose(out);
	return c;
}

/*
 * Writing path from the portfolio failed (rc) with the reason why and
 * "cannot write 'path'", and path still holds before.
 */
static void
assert_kept(int rc, struct soc_errors *errs, const char *why,
    const char *path, const struct content *before)
{
	struct content after = file_content(path);
	char *msg = xasprintf("cannot write '%s'", path);

	assert_int_equal(rc, -1);
	assert_error_at(errs, why, -1);
	assert_error_at(errs, msg, -1);
	assert_int_equal(after.len, before->len);
	assert_memory_equal(after.data, before->data, after.len);
	free(after.data);
	free(msg);
	soc_errors_release(errs);
	soc_errors_init(errs);
}

/*
 * The spool cannot be read back (cut short, then not readable at all):
 * every output of the rows fails with the reason, an existing
 * portfolio file is kept as it was, and no temporary file is left.
 */
static void
test_spool_lost(void **state)
{
	static const char cut[] = "cannot read the portfolio back from its "
	    "temporary file: the file is shorter than written";
	static const char unreadable[] = "cannot read the portfolio back from "
	    "its temporary file: Bad file descriptor";
	struct fixture *f = *state;
	struct soc_errors errs;
	struct portfolio_trends t;
	struct portfolio_row row;
	struct content old_json, old_xlsx;
	char json[256], xlsx[256];
	int wronly;

	for (size_t i = 0; i < 1000; i++)
		add_meta(f, i % 2 ? "wm-b.yaml" : "wm-a.yaml", "in.yaml", "Org",
		    i % 2 ? "2026-02-01" : "2026-01-01");
	assert_true(f->pf.fd >= 0);
	snprintf(json, sizeof(json), "%s/portfolio.json", test_dir());
	snprintf(xlsx, sizeof(xlsx), "%s/portfolio.xlsx", test_dir());
	soc_errors_init(&errs);
	assert_int_equal(report_portfolio_save(&f->pf, json, &errs), 0);
	assert_int_equal(report_xlsx_portfolio(&f->pf, xlsx, &errs), 0);
	assert_int_equal(errs.n, 0);
	old_json = file_content(json);
	old_xlsx = file_content(xlsx);

	/* Cut short: the first rows read back, a later one cannot. */
	assert_int_equal(ftruncate(f->pf.fd, (off_t)(f->pf.spooled / 2)), 0);
	get_row(f, 0, &row);
	portfolio_row_release(&row);
	assert_kept(report_portfolio_save(&f->pf, json, &errs), &errs, cut,
	    json, &old_json);
	assert_kept(report_xlsx_portfolio(&f->pf, xlsx, &errs), &errs, cut,
	    xlsx, &old_xlsx);

	/* Not readable at all: the spool's descriptor is write-only. */
	wronly = open("/dev/null", O_WRONLY);
	assert_true(wronly >= 0);
	assert_int_equal(dup2(wronly, f->pf.fd), f->pf.fd);
	close(wronly);
	assert_int_equal(portfolio_row_get(&f->pf, 0, &row, &errs), -1);
	assert_null(row.model);
	assert_error_at(&errs, unreadable, -1);
	soc_errors_release(&errs);
	soc_errors_init(&errs);
	assert_kept(report_portfolio_save(&f->pf, json, &errs), &errs,
	    unreadable, json, &old_json);
	assert_kept(report_xlsx_portfolio(&f->pf, xlsx, &errs), &errs,
	    unreadable, xlsx, &old_xlsx);
	assert_null(report_text_portfolio(&f->pf, &errs));
	assert_error_at(&errs, unreadable, -1);
	assert_int_equal(portfolio_trends_init(&t, &f->pf, &errs), -1);
	assert_int_equal(t.n, 0);
	soc_errors_release(&errs);
	/* The two files and nothing else: no temporary file left behind. */
	assert_int_equal(test_count_entries(test_dir(), false), 2);
	free(old_json.data);
	free(old_xlsx.data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_utf8, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_labels_and_domains, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_trends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spool, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spool_unavailable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_spool_lost, setup,
		    teardown),
	};

	return cmocka_run_group_tests_name("portfolio", tests, test_dir_setup,
	    test_dir_teardown);
}
