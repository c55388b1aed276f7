/*
 * Answers loader tests: every broken file under tests/data/answers-bad
 * must fail with its message on its line (listed in EXPECTED there), and
 * the good fixtures under tests/data/score/answers must load.
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
#include "socassess/util.h"
#include "testutil.h"

static struct catalog cat;

static int
group_setup(void **state)
{
	struct soc_errors errs;
	int rc;

	(void)state;
	soc_errors_init(&errs);
	rc = catalog_load(&cat, test_path_static("tests/data/score"), &errs);
	soc_errors_release(&errs);
	return rc;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_release(&cat);
	return 0;
}

static void
test_broken_files(void **state)
{
	char path[4096], line[1024];
	FILE *fp;
	int n = 0;

	(void)state;
	fp = fopen(test_path_static("tests/data/answers-bad/EXPECTED"), "r");
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *file = strtok(line, "\t"), *lno = strtok(NULL, "\t");
		char *msg = strtok(NULL, "\n");
		struct soc_errors errs;
		struct answers *a;
		bool found = false;

		if (line[0] == '#' || msg == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/tests/data/answers-bad/%s",
		    test_src_dir(), file);
		soc_errors_init(&errs);
		a = answers_load(path, &cat, &errs);
		if (a != NULL)
			fail_msg("%s loaded", file);
		for (size_t i = 0; i < errs.n; i++) {
			found |= errs.items[i].severity == SOC_ERROR &&
			    errs.items[i].line == (unsigned)atoi(lno) &&
			    strstr(errs.items[i].text, msg) != NULL;
		}
		if (!found) {
			soc_errors_print(&errs, stderr);
			fail_msg("%s: no error '%s' on line %s", file, msg,
			    lno);
		}
		soc_errors_release(&errs);
		n++;
	}
	fclose(fp);
	assert_true(n >= 20);
}

static void
test_good_files(void **state)
{
	static const char *const good[] = {
		"wm-a.yaml", "wm-b.yaml", "wm-c.yaml", "wm-a.json", "ls.yaml",
		"gated.yaml",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char rel[256];
		struct soc_errors errs;
		struct answers *a;

		snprintf(rel, sizeof(rel), "tests/data/score/answers/%s",
		    good[i]);
		soc_errors_init(&errs);
		a = answers_load(test_path_static(rel), &cat, &errs);
		if (a == NULL)
			soc_errors_print(&errs, stderr);
		assert_non_null(a);
		assert_int_equal(errs.n, 0);
		answers_free(a);
		soc_errors_release(&errs);
	}
}

/* Warnings, not errors: version mismatch, question outside the profile. */
static void
test_warnings(void **state)
{
	static const char text[] =
	    "assessment:\n"
	    "  questionnaire: t-wm-q\n"
	    "  questionnaire_version: 0.9\n"
	    "  profile: p1\n"
	    "answers:\n"
	    "  - {id: a1.z, value: 1}\n"
	    "  - {id: a1.x}\n";
	struct soc_errors errs;
	struct answers *a;

	(void)state;
	soc_errors_init(&errs);
	a = answers_load_data("w.yaml", text, sizeof(text) - 1, false, &cat,
	    &errs);
	assert_non_null(a);
	assert_int_equal(errs.n_errors, 0);
	assert_int_equal(errs.n, 2);
	assert_int_equal(errs.items[0].line, 3);
	assert_non_null(strstr(errs.items[0].text, "version 0.9"));
	assert_int_equal(errs.items[1].line, 6);
	assert_non_null(strstr(errs.items[1].text,
	    "not asked for profile 'p1'"));
	/* An answer without a value loads as unanswered. */
	assert_false(answers_get(a, 0)->has_value);
	answers_free(a);
	soc_errors_release(&errs);
}

/*
 * na_reason keeps the N/A reason apart from the comment, in YAML and
 * JSON; a file from before na_reason, whose comment was the reason,
 * loads with that comment as the reason.
 */
static void
test_na_reason(void **state)
{
	static const char yaml[] =
	    "assessment: {questionnaire: t-wm-q, profile: p1}\n"
	    "answers:\n"
	    "  - {id: a1.x, na: true, comment: old reason}\n"
	    "  - {id: a1.y, na: true, na_reason: why, comment: notes}\n";
	static const char json[] =
	    "{\"assessment\": {\"questionnaire\": \"t-wm-q\", "
	    "\"profile\": \"p1\"}, \"answers\": [{\"id\": \"a1.x\", "
	    "\"na\": true, \"na_reason\": \"why\", \"comment\": \"c\"}]}";
	struct soc_errors errs;
	struct answers *a;

	(void)state;
	soc_errors_init(&errs);
	a = answers_load_data("n.yaml", yaml, sizeof(yaml) - 1, false, &cat,
	    &errs);
	assert_non_null(a);
	assert_string_equal(answers_get(a, 0)->na_reason, "old reason");
	assert_null(answers_get(a, 0)->comment);
	assert_string_equal(answers_get(a, 1)->na_reason, "why");
	assert_string_equal(answers_get(a, 1)->comment, "notes");
	answers_free(a);
	a = answers_load_data("n.json", json, sizeof(json) - 1, true, &cat,
	    &errs);
	assert_non_null(a);
	assert_string_equal(answers_get(a, 0)->na_reason, "why");
	assert_string_equal(answers_get(a, 0)->comment, "c");
	answers_free(a);
	assert_int_equal(errs.n, 0);
	soc_errors_release(&errs);
}

/*
 * Every key of the answers format, one at a time misspelt where it
 * stands: the load fails with "unknown key" on that key's line. A good
 * file is loaded in one pass that trusts libcyaml to refuse unknown keys
 * itself; this holds it to that, key by key.
 */
static void
test_every_key_misspelt(void **state)
{
	static const char good[] =
	    "assessment:\n"
	    "  questionnaire: t-wm-q\n"
	    "  questionnaire_version: \"1.0.0\"\n"
	    "  profile: p1\n"
	    "  organisation: Org\n"
	    "  scope: All\n"
	    "  assessor: Ann\n"
	    "  date: \"2026-11-30\"\n"
	    "  type: baseline\n"
	    "  style: self\n"
	    "importance:\n"
	    "  - area: a2\n"
	    "    importance: high\n"
	    "targets:\n"
	    "  - area: a1\n"
	    "    level: 1\n"
	    "answers:\n"
	    "  - id: a1.x\n"
	    "    value: 1\n"
	    "    comment: c\n"
	    "    evidence: [e]\n"
	    "    assessor: Ann\n"
	    "  - id: a2.y\n"
	    "    na: true\n"
	    "    na_reason: not run here\n"
	    "  - id: a1.y\n"
	    "    resolution: r\n"
	    "    candidates:\n"
	    "      - assessor: A\n"
	    "        value: 3\n"
	    "        comment: c\n"
	    "      - assessor: B\n"
	    "        na: true\n"
	    "        na_reason: n\n";
	struct soc_errors errs;
	struct answers *a;
	size_t line = 1, tried = 0;

	(void)state;
	soc_errors_init(&errs);
	a = answers_load_data("k.yaml", good, sizeof(good) - 1, false, &cat,
	    &errs);
	if (a == NULL)
		test_print_errors(&errs);
	assert_non_null(a);
	answers_free(a);
	soc_errors_release(&errs);
	for (const char *p = good; *p != '\0'; p++) {
		const char *key = p + strspn(p, " -");
		size_t n = strspn(key, "abcdefghijklmnopqrstuvwxyz_");
		char *bad, want[64];

		if (p == good || p[-1] == '\n') {
			if (n > 0 && key[n] == ':') {
				/* "xkey" for "key", in a copy of the file. */
				bad = xasprintf("%.*sx%s", (int)(key - good),
				    good, key);
				snprintf(want, sizeof(want),
				    "unknown key 'x%.*s'", (int)n, key);
				soc_errors_init(&errs);
				a = answers_load_data("k.yaml", bad,
				    strlen(bad), false, &cat, &errs);
				if (a != NULL || test_find_error(&errs, want,
				    (long)line) == NULL) {
					test_print_errors(&errs);
					fail_msg("line %zu: no '%s'", line,
					    want);
				}
				answers_free(a);
				soc_errors_release(&errs);
				free(bad);
				tried++;
			}
		}
		line += *p == '\n';
	}
	assert_int_equal(tried, 34);
}

/*
 * Every unknown key of a file is reported in one load, with the key it
 * most likely meant, in YAML and in JSON, and the other problems too.
 */
static void
test_unknown_keys(void **state)
{
	static const char yaml[] =
	    "assessment: {questionnaire: t-wm-q, profile: p1, organisaton: X}\n"
	    "answers:\n"
	    "  - {id: a1.x, vaule: 2}\n"
	    "  - {id: a1.y, value: 1, coment: c, colour: red}\n"
	    "  - {id: a2.x, value: 9}\n";
	static const char json[] =
	    "{\"assessment\": {\"questionnaire\": \"t-wm-q\", "
	    "\"profile\": \"p1\"}, \"answer\": [], \"answers\": "
	    "[{\"id\": \"a1.x\", \"na_reasn\": \"x\"}]}";
	static const char *const names[] = { "value", "na", "comment" };
	struct soc_errors errs;

	(void)state;
	soc_errors_init(&errs);
	assert_null(answers_load_data("u.yaml", yaml, sizeof(yaml) - 1, false,
	    &cat, &errs));
	assert_int_equal(errs.n_errors, 5);
	/* The rest of the file is still checked in the same run. */
	assert_error_at(&errs, "value '9' is not an option", 5);
	assert_error_at(&errs, "unknown key 'organisaton': did you mean "
	    "'organisation'?", 1);
	assert_error_at(&errs, "unknown key 'vaule': did you mean "
	    "'value'?", 3);
	assert_error_at(&errs, "unknown key 'coment': did you mean "
	    "'comment'?", 4);
	assert_error_at(&errs, "unknown key 'colour' (at", 4);
	soc_errors_release(&errs);
	soc_errors_init(&errs);
	assert_null(answers_load_data("u.json", json, sizeof(json) - 1, true,
	    &cat, &errs));
	assert_int_equal(errs.n_errors, 2);
	assert_error_at(&errs, "unknown key 'answer': did you mean "
	    "'answers'?", 1);
	assert_error_at(&errs, "unknown key 'na_reasn': did you mean "
	    "'na_reason'?", 1);
	soc_errors_release(&errs);
	assert_string_equal(str_closest("vaule", names, 3), "value");
	assert_string_equal(str_closest("an", names, 3), "na");
	assert_null(str_closest("colour", names, 3));
	assert_null(str_closest("", names, 3));
	assert_int_equal(str_distance("comment", "coment"), 1);
	assert_int_equal(str_distance("value", "vaule"), 1);
	assert_int_equal(str_distance("abc", "abc"), 0);
}

static void
test_dates(void **state)
{
	(void)state;
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2023-02-29"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_false(date_valid("1899-12-31"));
	assert_true(date_valid("2026-12-31"));
	assert_false(date_valid("2026-04-31"));
	assert_false(date_valid("2026-04-00"));
}

/* A date in the right form that is no day says so, not "write it". */
static void
test_date_problems(void **state)
{
	static const struct {
		const char *date, *why;
	} cases[] = {
		{ "2026-02-30", "does not exist: February 2026 has 28 days" },
		{ "2024-02-30", "does not exist: February 2024 has 29 days" },
		{ "2026-04-31", "does not exist: April 2026 has 30 days" },
		{ "2026-13-01", "does not exist: there is no month 13" },
		{ "2026-00-10", "does not exist: there is no month 00" },
		{ "1850-01-01", "is before 1900" },
		{ "30.11.2026", "must be written YYYY-MM-DD, for example "
		    "2026-03-31" },
		{ "2026-1-01", "must be written YYYY-MM-DD, for example "
		    "2026-03-31" },
		{ "", "must be written YYYY-MM-DD, for example 2026-03-31" },
	};

	(void)state;
	assert_null(date_problem("2026-02-28"));
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *why = date_problem(cases[i].date);

		assert_non_null(why);
		assert_string_equal(why, cases[i].why);
		free(why);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_broken_files),
		cmocka_unit_test(test_good_files),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_na_reason),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_every_key_misspelt),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date_problems),
	};

	return cmocka_run_group_tests_name("answers", tests, group_setup,
	    group_teardown);
}
