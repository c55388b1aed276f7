/*
 * Tests of the shared helpers (src/util.c): strict number, boolean and
 * date parsing, id and blank checks, "did you mean" distances and the
 * short number format.
 */
#include "testutil.h"

#include "socassess/util.h"

static void
test_parse_double(void **state)
{
	static const char *const bad[] = { "", " 1", "+1", "1.5kg", "12abc",
	    "nan", "inf", "0x10", "1e999", "1,5", "--1", "1.5 " };
	double v;

	(void)state;
	assert_true(parse_double("1.5", &v));
	assert_true(v == 1.5);
	assert_true(parse_double("-2", &v));
	assert_true(v == -2);
	assert_true(parse_double("1e3", &v));
	assert_true(v == 1000);
	assert_true(parse_double("0.1", &v));
	assert_true(v == 0.1);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		v = 42;
		if (parse_double(bad[i], &v))
			fail_msg("'%s' parsed as %g", bad[i], v);
		assert_true(v == 42);
	}
	assert_false(parse_double(NULL, &v));
}

static void
test_parse_int_bool(void **state)
{
	long v;
	bool b;

	(void)state;
	assert_true(parse_int("10", 0, 10, &v));
	assert_int_equal(v, 10);
	assert_true(parse_int("-3", -5, 5, &v));
	assert_int_equal(v, -3);
	assert_true(parse_int("0", 0, 1, &v));
	/* YAML 1.1 readers take 010 as octal 8: refused. */
	assert_false(parse_int("010", 0, 100, &v));
	assert_false(parse_int("-01", -5, 5, &v));
	assert_false(parse_int("11", 0, 10, &v));
	assert_false(parse_int("1.0", 0, 10, &v));
	assert_false(parse_int("1e2", 0, 1000, &v));
	assert_false(parse_int("", 0, 10, &v));
	assert_false(parse_int("99999999999999999999", 0, 10, &v));
	assert_true(parse_bool("true", &b) && b);
	assert_true(parse_bool("false", &b) && !b);
	assert_false(parse_bool("True", &b));
	assert_false(parse_bool("yes", &b));
	assert_false(parse_bool("1", &b));
	assert_false(parse_bool(NULL, &b));
}

static void
test_ids_and_blanks(void **state)
{
	(void)state;
	assert_true(id_valid("owasp-soc_full.v2"));
	assert_false(id_valid(""));
	assert_false(id_valid(NULL));
	assert_false(id_valid("a b"));
	assert_false(id_valid("a/b"));
	assert_false(id_valid("\xc3\xa9"));
	assert_true(str_blank(NULL));
	assert_true(str_blank(""));
	assert_true(str_blank(" \t\r\n"));
	assert_false(str_blank(" x "));
}

static void
test_dates(void **state)
{
	char *why;

	(void)state;
	assert_true(date_valid("2026-02-28"));
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_false(date_valid("26-01-01"));
	assert_false(date_valid(""));
	assert_null(date_problem("2026-03-31"));
	/* In the right format but not a day: say so, not "write it so". */
	why = date_problem("2026-02-30");
	assert_non_null(why);
	assert_non_null(strstr(why, "does not exist"));
	free(why);
	why = date_problem("30.02.2026");
	assert_non_null(why);
	assert_non_null(strstr(why, "YYYY-MM-DD"));
	free(why);
}

static void
test_closest(void **state)
{
	static const char *const names[] = { "value", "comment", "evidence",
	    "na", "id" };

	(void)state;
	assert_int_equal(str_distance("", ""), 0);
	assert_int_equal(str_distance("value", "value"), 0);
	assert_int_equal(str_distance("vaule", "value"), 1); /* a swap */
	assert_int_equal(str_distance("valu", "value"), 1);
	assert_int_equal(str_distance("comment", "xyz"), 7);
	assert_string_equal(str_closest("vaule", names, 5), "value");
	assert_string_equal(str_closest("commnet", names, 5), "comment");
	assert_string_equal(str_closest("evidense", names, 5), "evidence");
	/* Short names allow one edit only. */
	assert_string_equal(str_closest("nq", names, 5), "na");
	assert_null(str_closest("xy", names, 5));
	assert_null(str_closest("banana", names, 5));
}

static void
test_format_number(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 3, "3" }, { 0.5, "0.5" }, { -0.0, "0" },
		{ 1.0 / 3, "0.3333333333" }, { 1e20, "1e+20" }, { -2.25, "-2.25" },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		format_number_short(buf, sizeof(buf), cases[i].v);
		assert_string_equal(buf, cases[i].want);
	}
}

static void
test_alloc_wrappers(void **state)
{
	char *s;
	int *v;

	(void)state;
	s = xasprintf("%s-%d", "a", 7);
	assert_string_equal(s, "a-7");
	free(s);
	assert_null(xstrdup_or_null(NULL));
	s = xstrdup_or_null("x");
	assert_string_equal(s, "x");
	free(s);
	v = xcalloc(4, sizeof(*v));
	assert_int_equal(v[3], 0);
	v = xreallocarray(v, 1000, sizeof(*v));
	v[999] = 1;
	free(v);
	/* Zero sizes still give a pointer to free. */
	free(xmalloc(0));
	free(xcalloc(0, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_double),
		cmocka_unit_test(test_parse_int_bool),
		cmocka_unit_test(test_ids_and_blanks),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_closest),
		cmocka_unit_test(test_format_number),
		cmocka_unit_test(test_alloc_wrappers),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
