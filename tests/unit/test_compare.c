/*
 * Progress over time (src/compare.c): the trend of one row at and around
 * the threshold, and series of answers built in memory and scored:
 * put in date order with their command-line positions kept, the changes
 * since the first and the previous assessment equal to the differences
 * of the scores, the changed answers of the last two listed, and the
 * refusals (one assessment, a date missing, a bad date order).
 */
#include "testutil.h"

#include <math.h>

#include "socassess/answers-write.h"
#include "socassess/catalog.h"
#include "socassess/compare.h"
#include "socassess/score.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static struct catalog cat;
static const struct questionnaire *q;
static size_t profile;

static int
group_setup(void **state)
{
	(void)state;
	q = test_shipped_questionnaire(&cat, "owasp-soc-full", "centralized",
	    &profile);
	return q != NULL ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_release(&cat);
	return 0;
}

static struct opt_score
set(double v)
{
	struct opt_score s = { true, v };

	return s;
}

/* The trend of a two-score row going from first to last. */
static enum compare_trend
trend_of(struct opt_score first, struct opt_score last)
{
	struct opt_score scores[2] = { first, last };
	struct compare_row row = { .scores = scores };

	compare_row_finish(&row, 2, COMPARE_THRESHOLD);
	return row.trend;
}

static void
test_row_threshold(void **state)
{
	struct opt_score none = { false, 0 };

	(void)state;
	/* The threshold itself counts as a change, just below it does not. */
	assert_int_equal(trend_of(set(2), set(2.25)), TREND_IMPROVED);
	assert_int_equal(trend_of(set(2), set(2.24)), TREND_UNCHANGED);
	assert_int_equal(trend_of(set(2), set(1.75)), TREND_REGRESSED);
	assert_int_equal(trend_of(set(2), set(1.76)), TREND_UNCHANGED);
	assert_int_equal(trend_of(set(2), set(2)), TREND_UNCHANGED);
	assert_int_equal(trend_of(none, set(2)), TREND_NOT_COMPARABLE);
	assert_int_equal(trend_of(set(2), none), TREND_NOT_COMPARABLE);
}

static void
test_row_since_previous(void **state)
{
	struct opt_score scores[3] = { set(1), set(3), set(2.5) };
	struct compare_row row = { .scores = scores, .gap = set(0.5) };

	(void)state;
	compare_row_finish(&row, 3, COMPARE_THRESHOLD);
	assert_true(row.since_first.set);
	NEAR(row.since_first.value, 1.5);
	NEAR(row.since_previous.value, -0.5);
	/* Improved since the first although it fell since the previous. */
	assert_int_equal(row.trend, TREND_IMPROVED);
	assert_true(row.below_target);
	row.gap = set(0);
	compare_row_finish(&row, 3, COMPARE_THRESHOLD);
	assert_false(row.below_target);
}

#define SPONSOR "sm.charter-mandate.executive-sponsor"
#define CHARTER "sm.charter-mandate.written-charter"
#define ASSETS "pf.identify.asset-inventory"

static size_t
qi(const char *id)
{
	return test_question_index(q, id);
}

/* Answers dated date with the three questions at these values. */
static struct answers *
dated(const char *date, double sponsor, double charter, double assets)
{
	struct answers *a = answers_new(q, profile, "test");

	if (date != NULL)
		answers_set_string(&a->meta.date, date);
	assert_int_equal(answer_set_value(a, qi(SPONSOR), sponsor, NULL), 0);
	assert_int_equal(answer_set_value(a, qi(CHARTER), charter, NULL), 0);
	assert_int_equal(answer_set_value(a, qi(ASSETS), assets, NULL), 0);
	return a;
}

struct series {
	struct answers *a[3];
	struct result *r[3];
	const char *paths[3];
	size_t n;
};

static void
series_add(struct series *s, struct answers *a, const char *path)
{
	s->a[s->n] = a;
	s->r[s->n] = score_compute(a);
	assert_non_null(s->r[s->n]);
	s->paths[s->n] = path;
	s->n++;
}

static void
series_free(struct series *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		result_free(s->r[i]);
		answers_free(s->a[i]);
	}
}

static struct compare *
series_compare(struct series *s, bool keep_order, struct soc_errors *errs)
{
	return compare_new((const struct result *const *)s->r, s->paths,
	    s->n, COMPARE_THRESHOLD, keep_order, errs);
}

static void
test_date_order(void **state)
{
	struct series s = { .n = 0 };
	struct soc_errors errs;
	struct compare *c;

	(void)state;
	soc_errors_init(&errs);
	/* Given out of order: 2026 first, then 2024, then 2025. */
	series_add(&s, dated("2026-03-01", 3, 4, 3), "c.yaml");
	series_add(&s, dated("2024-03-01", 1, 1, 0), "a.yaml");
	series_add(&s, dated("2025-03-01", 2, 4, 1), "b.yaml");
	c = series_compare(&s, false, &errs);
	assert_no_errors(&errs);
	assert_non_null(c);
	assert_int_equal(c->n, 3);
	assert_true(c->by_date);
	assert_ptr_equal(c->results[0], s.r[1]);
	assert_ptr_equal(c->results[1], s.r[2]);
	assert_ptr_equal(c->results[2], s.r[0]);
	assert_int_equal(c->input[0], 1);
	assert_int_equal(c->input[2], 0);
	assert_ptr_equal(compare_latest(c), s.r[0]);
	assert_true(c->same_questionnaire);

	/* The overall change is the difference of the reported scores. */
	assert_true(c->overall.since_first.set);
	NEAR(c->overall.since_first.value,
	    s.r[0]->score.value - s.r[1]->score.value);
	NEAR(c->overall.since_previous.value,
	    s.r[0]->score.value - s.r[2]->score.value);
	assert_int_equal(c->overall.trend, TREND_IMPROVED);

	/* Between 2025 and 2026 two answers changed, the charter did not. */
	assert_true(c->changes_known);
	assert_int_equal(c->n_changes, 2);
	assert_true(c->changes[0].question < c->changes[1].question);
	assert_true(c->changes[0].question == qi(SPONSOR) ||
	    c->changes[0].question == qi(ASSETS));
	assert_true(c->changes[1].question == qi(SPONSOR) ||
	    c->changes[1].question == qi(ASSETS));
	for (size_t i = 0; i < c->n_changes; i++) {
		const struct compare_change *ch = &c->changes[i];
		bool sponsor = ch->question == qi(SPONSOR);

		assert_int_equal(ch->from.state, Q_ANSWERED);
		assert_int_equal(ch->to.state, Q_ANSWERED);
		NEAR(ch->from.value, sponsor ? 2 : 1);
		NEAR(ch->to.value, 3);
	}
	compare_free(c);

	/* keep_order: as given, so the latest is the last given. */
	c = series_compare(&s, true, &errs);
	assert_non_null(c);
	assert_false(c->by_date);
	assert_ptr_equal(compare_latest(c), s.r[2]);
	assert_int_equal(c->overall.trend, TREND_REGRESSED);
	compare_free(c);
	series_free(&s);
	soc_errors_release(&errs);
}

static void
test_refusals(void **state)
{
	struct series s = { .n = 0 };
	struct soc_errors errs;

	(void)state;
	soc_errors_init(&errs);
	series_add(&s, dated("2025-03-01", 2, 2, 2), "a.yaml");
	assert_null(series_compare(&s, false, &errs));
	assert_true(errs.n_errors > 0);
	soc_errors_release(&errs);

	soc_errors_init(&errs);
	series_add(&s, dated(NULL, 3, 3, 3), "undated.yaml");
	assert_null(series_compare(&s, false, &errs));
	assert_error_at(&errs, "date", -1);
	soc_errors_release(&errs);

	/* Without date order, an undated assessment can be compared. */
	soc_errors_init(&errs);
	struct compare *c = series_compare(&s, true, &errs);
	assert_non_null(c);
	assert_int_equal(c->overall.trend, TREND_IMPROVED);
	compare_free(c);
	series_free(&s);
	soc_errors_release(&errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_threshold),
		cmocka_unit_test(test_row_since_previous),
		cmocka_unit_test(test_date_order),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
