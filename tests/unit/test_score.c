/*
 * Scorer tests against small fixture models under tests/data/score, with
 * expectations computed by hand (the arithmetic is in the comments).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "socassess/answers.h"
#include "socassess/catalog.h"
#include "socassess/figures.h"
#include "socassess/report.h"
#include "socassess/score.h"
#include "testutil.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

struct fixture {
	struct catalog cat;
	struct answers *a;
	struct result *r;
	struct soc_errors errs;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct soc_errors errs;

	soc_errors_init(&errs);
	assert_int_equal(catalog_load(&f->cat, test_path_static("tests/data/score"),
	    &errs), 0);
	soc_errors_release(&errs);
	soc_errors_init(&f->errs);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	result_free(f->r);
	answers_free(f->a);
	soc_errors_release(&f->errs);
	catalog_release(&f->cat);
	free(f);
	return 0;
}

static const struct result *
score(struct fixture *f, const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/score/answers/%s", name);
	f->a = answers_load(test_path_static(rel), &f->cat, &f->errs);
	if (f->a == NULL)
		soc_errors_print(&f->errs, stderr);
	assert_non_null(f->a);
	f->r = score_compute(f->a);
	return f->r;
}

static size_t
area(const struct result *r, const char *id)
{
	int i = model_find_area(r->model, id);

	assert_true(i >= 0);
	return (size_t)i;
}

static size_t
question(const struct result *r, const char *id)
{
	int i = questionnaire_find(r->q, id);

	assert_true(i >= 0);
	return (size_t)i;
}

/*
 * wm-a: a1 = (1*1 + 3*3) / 4 = 2.5 (a1.z is not asked in p1); a2 = 1
 * (a2.y N/A); b1 = 0; b2 has no questions; b3 is not applicable.
 */
static void
test_weighted_mean_areas(void **state)
{
	const struct result *r = score(*state, "wm-a.yaml");

	NEAR(r->areas[area(r, "a1")].score.value, 2.5);
	assert_int_equal(r->areas[area(r, "a1")].level, 2);
	NEAR(r->areas[area(r, "a2")].score.value, 1);
	assert_true(r->areas[area(r, "b1")].score.set);
	NEAR(r->areas[area(r, "b1")].score.value, 0);
	assert_false(r->areas[area(r, "b2")].score.set);
	assert_false(r->areas[area(r, "b3")].score.set);
	assert_false(r->areas[area(r, "b3")].applies);
	assert_int_equal(r->questions[question(r, "a1.z")].state,
	    Q_NOT_APPLICABLE);
	assert_int_equal(r->questions[question(r, "a2.y")].state, Q_NA);
}

/*
 * D1 = (1*2.5 + 2*1) / 3 = 1.5, target (1*3 + 2*2) / 3 = 7/3;
 * D2 = b1 only = 0 (b2 null, never 0), target 2;
 * overall = (1*1.5 + 2*0) / 3 = 0.5, target (7/3 + 2*2) / 3 = 19/9.
 */
static void
test_weighted_mean_domains(void **state)
{
	const struct result *r = score(*state, "wm-a.yaml");

	NEAR(r->domains[0].score.value, 1.5);
	NEAR(r->domains[0].target.value, 7.0 / 3);
	NEAR(r->domains[1].score.value, 0);
	NEAR(r->domains[1].target.value, 2);
	NEAR(r->score.value, 0.5);
	assert_int_equal(r->level, 0);
	NEAR(r->target.value, 19.0 / 9);
	/* 1 - (0.5 + 1 + 2) / (3 + 2 + 2) */
	NEAR(r->percent_to_target.value, 0.5);
	assert_int_equal(r->done.applicable, 5);
	assert_int_equal(r->done.answered, 4);
	assert_int_equal(r->done.na, 1);
	assert_int_equal(r->done.unanswered, 0);
}

/* Gaps: a2 1 x 2 = 2 and b1 2 x 1 = 2 tie, so by id; then a1 0.5. */
static void
test_gap_order_ties(void **state)
{
	const struct result *r = score(*state, "wm-a.yaml");

	assert_int_equal(r->n_gaps, 3);
	assert_string_equal(r->model->areas[r->gaps[0].area].id, "a2");
	assert_string_equal(r->model->areas[r->gaps[1].area].id, "b1");
	assert_string_equal(r->model->areas[r->gaps[2].area].id, "a1");
	NEAR(r->gaps[0].priority, 2);
	NEAR(r->gaps[1].priority, 2);
	NEAR(r->gaps[2].priority, 0.5);
}

/*
 * Recommendations: a2 and b1 tie on area priority 2, so by w*(T-v):
 * b1.x 2*(2-0) = 4 before a2.x 1*(2-1) = 1; then a1.x (a1.y is at 3).
 */
static void
test_recommendations(void **state)
{
	const struct result *r = score(*state, "wm-a.yaml");

	assert_int_equal(r->n_recs, 3);
	assert_string_equal(r->q->questions[r->recs[0].question].id, "b1.x");
	assert_string_equal(r->q->questions[r->recs[1].question].id, "a2.x");
	assert_string_equal(r->q->questions[r->recs[2].question].id, "a1.x");
	NEAR(r->recs[0].key, 4);
	assert_string_equal(r->q->questions[r->recs[0].question].options[
	    r->recs[0].next_option].text, "O1");
	assert_string_equal(r->q->questions[r->recs[2].question].options[
	    r->recs[2].next_option].text, "O2");
}

/* DE: area a1 (W 1, 2.5) and question a1.x (w 1, 1): 1.75. */
static void
test_csf(void **state)
{
	const struct result *r = score(*state, "wm-a.yaml");

	assert_string_equal(r->csf[3].function, "DE");
	NEAR(r->csf[3].score.value, 1.75);
	assert_int_equal(r->csf[3].n_areas, 1);
	assert_int_equal(r->csf[3].n_questions, 1);
	NEAR(r->csf[4].score.value, 1);         /* RS: a2 */
	NEAR(r->csf[0].score.value, 0);         /* GV: b1 */
	assert_true(r->csf[0].score.set);
	assert_false(r->csf[1].score.set);      /* ID: nothing tagged */
}

/*
 * wm-b: a2 importance none, b1 high, a1 target 1. D1 = a1 = 2.5, target
 * 1; D2 = 0, target 2; overall = (2.5 + 2*0) / 3, target (1 + 2*2) / 3.
 * Gaps: b1 2 x 2 = 4, a2 1 x 0 = 0; a1 has none.
 */
static void
test_overrides(void **state)
{
	const struct result *r = score(*state, "wm-b.yaml");

	NEAR(r->areas[area(r, "a2")].weight, 0);
	NEAR(r->areas[area(r, "b1")].weight, 2);
	NEAR(r->areas[area(r, "a1")].target, 1);
	NEAR(r->domains[0].score.value, 2.5);
	NEAR(r->domains[0].target.value, 1);
	NEAR(r->score.value, 2.5 / 3);
	NEAR(r->target.value, 5.0 / 3);
	assert_int_equal(r->n_gaps, 2);
	assert_string_equal(r->model->areas[r->gaps[0].area].id, "b1");
	NEAR(r->gaps[0].priority, 4);
	assert_string_equal(r->model->areas[r->gaps[1].area].id, "a2");
	NEAR(r->gaps[1].priority, 0);
	NEAR(r->percent_to_target.value, 1 - 3.0 / 5);
	assert_false(r->csf[4].score.set);      /* RS: a2 dropped */
}

/* wm-c: only a1.x answered; D2 has no score and is left out. */
static void
test_unanswered(void **state)
{
	const struct result *r = score(*state, "wm-c.yaml");

	NEAR(r->areas[area(r, "a1")].score.value, 2);
	assert_false(r->areas[area(r, "a2")].score.set);
	assert_false(r->domains[1].score.set);
	NEAR(r->score.value, 2);
	NEAR(r->target.value, 3);
	assert_int_equal(r->done.answered, 1);
	assert_int_equal(r->done.unanswered, 4);
	assert_int_equal(r->questions[question(r, "a1.y")].state,
	    Q_UNANSWERED);
}

/* The JSON file gives the same result as the YAML one. */
static void
test_json_same_as_yaml(void **state)
{
	struct fixture *f = *state;
	const struct result *r = score(f, "wm-a.json");
	char *json = report_json_text(r, NULL), *yaml;
	struct answers *a2 = answers_load(test_path_static(
	    "tests/data/score/answers/wm-a.yaml"), &f->cat, &f->errs);
	struct result *r2 = score_compute(a2);

	yaml = report_json_text(r2, NULL);
	assert_string_equal(json, yaml);
	free(json);
	free(yaml);
	result_free(r2);
	answers_free(a2);
}

/*
 * Level-sum: x: m1 = (1 + 0.5) / 2 = 0.75, m2 = (2*0.5 + 1) / 3 = 2/3,
 * m3 = 0, so 17/12; y: m1 = 1, level 2 only N/A, so 1.
 */
static void
test_level_sum(void **state)
{
	const struct result *r = score(*state, "ls.yaml");

	NEAR(r->areas[area(r, "x")].score.value, 0.75 + 2.0 / 3);
	assert_int_equal(r->areas[area(r, "x")].level, 1);
	NEAR(r->areas[area(r, "y")].score.value, 1);
	NEAR(r->score.value, (0.75 + 2.0 / 3 + 1) / 2);
}

/*
 * Gated, pass 0.75: g1 passes everything: 3; g2 fails at 1: 0; g3 at 2:
 * 1; g4 at 3 (0.75 passes at 2): 2; g5 (level 1 N/A) fails at 3: 2.
 */
static void
test_gated(void **state)
{
	const struct result *r = score(*state, "gated.yaml");

	NEAR(r->areas[area(r, "g1")].score.value, 3);
	NEAR(r->areas[area(r, "g2")].score.value, 0);
	assert_true(r->areas[area(r, "g2")].score.set);
	NEAR(r->areas[area(r, "g3")].score.value, 1);
	NEAR(r->areas[area(r, "g4")].score.value, 2);
	NEAR(r->areas[area(r, "g5")].score.value, 2);
	NEAR(r->score.value, 8.0 / 5);
	/* Gaps 0, 3, 2, 1, 1 over targets 3 each: 1 - 7/15. */
	NEAR(r->percent_to_target.value, 1 - 7.0 / 15);
	assert_string_equal(score_level_name(r->model, r->level), "L1");
}

static void
test_number_format(void **state)
{
	char buf[64];

	(void)state;
	report_json_number(buf, sizeof(buf), 2.0 / 3);
	assert_string_equal(buf, "0.666666667");
	report_json_number(buf, sizeof(buf), 3.0000000000001);
	assert_string_equal(buf, "3");
	report_json_number(buf, sizeof(buf), -1e-12);
	assert_string_equal(buf, "0");
	report_json_number(buf, sizeof(buf), 0.1 + 0.2);
	assert_string_equal(buf, "0.3");
}

/*
 * Gated, partly answered (the C2M2 rule): an unanswered question fails
 * its level, N/A is left out. gated-partial-mix.yaml explains each area.
 */
static void
test_gated_partial(void **state)
{
	const struct result *r = score(*state, "gated-partial-mix.yaml");

	NEAR(r->areas[area(r, "g1")].score.value, 1);
	NEAR(r->areas[area(r, "g2")].score.value, 2);
	NEAR(r->areas[area(r, "g3")].score.value, 2);
	NEAR(r->areas[area(r, "g4")].score.value, 0);
	NEAR(r->areas[area(r, "g5")].score.value, 3);
	/* 7 answered + 2 N/A of 15. */
	assert_int_equal(r->done.answered, 7);
	assert_int_equal(r->done.na, 2);
	NEAR(completeness_ratio(&r->done).value, 9.0 / 15);
	assert_true(r->provisional);
}

/* Only the level-1 question answered: level 1, never the top. */
static void
test_gated_level_one(void **state)
{
	const struct result *r = score(*state, "gated-partial-l1.yaml");

	NEAR(r->areas[area(r, "g1")].score.value, 1);
	assert_false(r->areas[area(r, "g2")].score.set);
	assert_int_equal(r->areas[area(r, "g2")].verdict, AV_NOT_ASSESSED);
	assert_false(r->target_met);
}

/*
 * The tiered fixture meets Basic and misses Accredited by o-2 (2 of 3)
 * and h-3 (N/A): the overall gap averages to 0, the verdict does not.
 */
static void
test_tiers_and_verdict(void **state)
{
	const struct result *r = score(*state, "tier-accredited.yaml");
	char *text;

	NEAR(r->gap, 0);
	assert_int_equal(r->n_short, 2);
	assert_false(r->target_met);
	assert_int_equal(r->n_verdict[AV_BELOW_TARGET], 1);
	assert_int_equal(r->n_verdict[AV_NOT_ASSESSED], 1);
	assert_int_equal(r->areas[area(r, "h-3")].verdict, AV_NOT_ASSESSED);
	assert_int_equal(r->domains[0].n_short, 1);
	assert_int_equal(r->tier_met, 1);
	assert_false(score_meets_profile(r, model_tier(r->model, 2)));
	text = report_tier_text(r);
	assert_string_equal(text, "Highest tier met: Basic. Next tier, "
	    "Accredited, still needs: O-2 Constituency (2.00 of 3.00), H-3 "
	    "Skillset (not assessed).");
	free(text);
	text = report_verdict_text(r);
	assert_string_equal(text, "Target not met: 1 area below target (O-2 "
	    "Constituency); 1 area not assessed (H-3 Skillset).");
	free(text);
}

/* --min-completeness moves the line between final and provisional. */
static void
test_minimum_completeness(void **state)
{
	struct fixture *f = *state;
	const struct result *r = score(f, "gated-partial-mix.yaml");
	struct result *low = score_compute_with(f->a, 0.6);

	assert_true(r->provisional);
	assert_false(low->provisional);
	NEAR(low->minimum_completeness, 0.6);
	result_free(low);
}

/* One rounding rule and one completeness wording for people. */
static void
test_figures(void **state)
{
	struct completeness c = { 153, 150, 3, 0 };
	char buf[64];

	(void)state;
	figure_score(buf, sizeof(buf), 2.745);
	assert_string_equal(buf, "2.75");
	figure_score(buf, sizeof(buf), 2.7449999999999);
	assert_string_equal(buf, "2.75");
	figure_score(buf, sizeof(buf), -1e-12);
	assert_string_equal(buf, "0.00");
	figure_percent(buf, sizeof(buf), 0.999);
	assert_string_equal(buf, "99");
	figure_percent(buf, sizeof(buf), 0.145);
	assert_string_equal(buf, "14");
	figure_completeness(buf, sizeof(buf), &c);
	assert_string_equal(buf, "153 of 153 (3 N/A)");
	assert_true(figure_round(-1e-12) == 0 && !signbit(figure_round(-1e-12)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_weighted_mean_areas,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_weighted_mean_domains,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_gap_order_ties, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recommendations, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_csf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overrides, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unanswered, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_json_same_as_yaml, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_level_sum, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gated, setup, teardown),
		cmocka_unit_test(test_number_format),
		cmocka_unit_test_setup_teardown(test_gated_partial, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gated_level_one, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tiers_and_verdict, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_minimum_completeness,
		    setup, teardown),
		cmocka_unit_test(test_figures),
	};

	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
