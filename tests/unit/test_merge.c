/*
 * Merge tests (src/merge.c): answers built in memory with the setters of
 * answers-write.h, merged, and the result checked question by question:
 * agreement kept, one assessor taken with its name, conflicts with every
 * candidate, each policy's value (the lower median for an even count),
 * N/A never settled by a policy, texts credited, the areas ranked, and
 * the merged file loading back as written.
 */
#include "testutil.h"

#include "socassess/answers-write.h"
#include "socassess/catalog.h"
#include "socassess/merge.h"
#include "socassess/util.h"

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

static size_t
qi(const char *id)
{
	return test_question_index(q, id);
}

#define SPONSOR "sm.charter-mandate.executive-sponsor"
#define CHARTER "sm.charter-mandate.written-charter"
#define DEMAND "sm.service-catalogue.demand-review"
#define STRATEGY "sm.charter-mandate.strategy"
#define ASSETS "pf.identify.asset-inventory"

/* Four assessors: values for SPONSOR, CHARTER agreed, DEMAND N/A once. */
static struct answers *
assessor(const char *name, double sponsor, double assets)
{
	struct answers *a = answers_new(q, profile, name);

	answers_set_string(&a->meta.assessor, name);
	assert_int_equal(answer_set_value(a, qi(SPONSOR), sponsor, NULL), 0);
	assert_int_equal(answer_set_value(a, qi(CHARTER), 3, NULL), 0);
	assert_int_equal(answer_set_value(a, qi(ASSETS), assets, NULL), 0);
	return a;
}

struct four {
	struct answers *in[4];
};

static void
four_make(struct four *f)
{
	f->in[0] = assessor("A", 1, 2);
	f->in[1] = assessor("B", 4, 2);
	f->in[2] = assessor("C", 2, 2);
	f->in[3] = assessor("D", 3, 2);
	assert_int_equal(answer_set_value(f->in[0], qi(DEMAND), 2, NULL), 0);
	assert_int_equal(answer_set_na(f->in[1], qi(DEMAND), "too young",
	    NULL), 0);
	assert_int_equal(answer_append_comment(f->in[1], qi(STRATEGY),
	    "no idea\nask Eve"), 0);
	assert_int_equal(answer_set_value(f->in[2], qi(STRATEGY), 1, NULL),
	    0);
	answer_add_evidence(answers_edit(f->in[3], qi(CHARTER)), "doc.pdf");
}

static void
four_free(struct four *f)
{
	for (size_t i = 0; i < 4; i++)
		answers_free(f->in[i]);
}

static struct merge *
merge_four(const struct four *f, enum merge_policy p)
{
	struct soc_errors errs;
	struct merge *m;

	soc_errors_init(&errs);
	m = merge_new((const struct answers *const *)f->in, 4, p, "m.yaml",
	    &errs);
	test_print_errors(&errs);
	assert_non_null(m);
	soc_errors_release(&errs);
	return m;
}

static void
test_none(void **state)
{
	struct four f;
	struct merge *m;
	const struct answer *an;

	(void)state;
	four_make(&f);
	m = merge_four(&f, MERGE_NONE);
	assert_int_equal(m->n_conflicts, 2);
	assert_int_equal(m->n_unresolved, 2);
	an = answers_get(m->merged, qi(SPONSOR));
	assert_true(answer_in_conflict(an));
	assert_int_equal(an->n_candidates, 4);
	assert_string_equal(an->candidates[1].assessor, "B");
	assert_true(an->candidates[1].value == 4);
	assert_true(m->conflicts[0].spread == 3);
	an = answers_get(m->merged, qi(CHARTER));
	assert_true(an->has_value && an->value == 3);
	assert_int_equal(an->n_candidates, 0);
	assert_string_equal(an->assessor, "A, B, C, D");
	assert_string_equal(an->evidence[0], "D: doc.pdf");
	/* B only commented: C's value is taken, both texts credited. */
	an = answers_get(m->merged, qi(STRATEGY));
	assert_true(an->has_value && an->value == 1);
	assert_string_equal(an->comment, "B: no idea\nB: ask Eve");
	assert_string_equal(an->assessor, "B, C");
	an = answers_get(m->merged, qi(DEMAND));
	assert_true(answer_in_conflict(an));
	assert_true(m->conflicts[1].na_and_value);
	assert_false(m->conflicts[1].has_spread);
	/* service-catalogue: 0 of 1 agreed; charter-mandate: 1 of 2. */
	assert_int_equal(m->n_worst, 2);
	assert_string_equal(q->model->areas[m->worst[0]].id,
	    "service-catalogue");
	assert_string_equal(q->model->areas[m->worst[1]].id,
	    "charter-mandate");
	merge_free(m);
	four_free(&f);
}

static void
test_policies(void **state)
{
	static const struct {
		enum merge_policy p;
		double sponsor;
	} want[] = {
		{ MERGE_MIN, 1 }, { MERGE_MAX, 4 }, { MERGE_MEDIAN, 2 },
	};
	struct four f;

	(void)state;
	four_make(&f);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		struct merge *m = merge_four(&f, want[i].p);
		const struct answer *an = answers_get(m->merged, qi(SPONSOR));

		assert_true(an->has_value && an->value == want[i].sponsor);
		assert_string_equal(an->resolution,
		    merge_policy_name(want[i].p));
		assert_int_equal(an->n_candidates, 4);
		assert_true(answer_in_conflict(answers_get(m->merged,
		    qi(DEMAND))));
		assert_int_equal(m->n_unresolved, 1);
		merge_free(m);
	}
	four_free(&f);
}

/* The merged answers are written and loaded back unchanged. */
static void
test_round_trip(void **state)
{
	struct soc_errors errs;
	struct four f;
	struct merge *m;
	struct answers *b;
	char *text, *again;

	(void)state;
	four_make(&f);
	m = merge_four(&f, MERGE_MEDIAN);
	text = answers_yaml_text(m->merged);
	soc_errors_init(&errs);
	b = answers_load_data("m.yaml", text, strlen(text), false, &cat,
	    &errs);
	test_print_errors(&errs);
	assert_non_null(b);
	assert_int_equal(b->n_items, m->merged->n_items);
	again = answers_yaml_text(b);
	assert_string_equal(text, again);
	free(again);
	free(text);
	answers_free(b);
	soc_errors_release(&errs);
	merge_free(m);
	four_free(&f);
}

static void
test_refusals(void **state)
{
	struct soc_errors errs;
	struct four f;
	struct answers *other;
	const struct answers *pair[2];

	(void)state;
	four_make(&f);
	soc_errors_init(&errs);
	pair[0] = f.in[0];
	assert_null(merge_new(pair, 1, MERGE_NONE, "m.yaml", &errs));
	other = answers_new(q, (size_t)model_find_profile(q->model,
	    "distributed"), "other.yaml");
	pair[1] = other;
	assert_null(merge_new(pair, 2, MERGE_NONE, "m.yaml", &errs));
	assert_int_equal(errs.n_errors, 2);
	assert_non_null(strstr(errs.items[1].text, "same profile"));
	answers_free(other);
	soc_errors_release(&errs);
	four_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_policies),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
