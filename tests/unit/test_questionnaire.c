/*
 * Tests of the questionnaire loader (src/questionnaire-load.c) against the
 * small models of tests/data/model-ok: the fixtures of
 * tests/data/questionnaire-ok load as written, and each file of
 * tests/data/questionnaire-bad is refused with a message that names the
 * problem and its line.
 */
#include "testutil.h"

#include "socassess/catalog.h"
#include "socassess/questionnaire.h"

/* A broken file, what its message says, its line, and how many errors. */
struct bad_case {
	const char *file;
	const char *text;
	long line;
	size_t n_errors;
};

static const struct bad_case bad_questionnaires[] = {
	{ "unknown-model.yaml", "targets unknown model 'mini-model'", 3, 1 },
	{ "unknown-area.yaml", "question 'q2' names unknown area 'forensics'",
	    13, 1 },
	{ "unknown-answer-set.yaml", "names unknown answer set 'yes-no'", 12,
	    1 },
	{ "unknown-profile.yaml", "names unknown profile 'federated'", 9, 1 },
	{ "dup-question-id.yaml", "duplicate question id 'q1'", 12, 1 },
	{ "dup-answer-set-id.yaml", "duplicate answer set id 'yesno'", 10, 1 },
	{ "dup-profile.yaml", "names profile 'managed' twice", 9, 1 },
	{ "weight-zero.yaml", "question 'q1' has weight 0", 9, 1 },
	{ "weight-nan.yaml", "weight '.nan' must be a number", 9, 1 },
	{ "weight-negative.yaml", "weight '-2' must be a number", 9, 1 },
	{ "option-above-scale.yaml", "option value '4' must be a number from "
	    "0 to 3", 12, 1 },
	{ "option-negative.yaml", "option value '-1' must be a number", 10,
	    1 },
	{ "option-12abc.yaml", "option value '12abc' must be a number", 11,
	    1 },
	{ "option-above-one-level-sum.yaml", "option value '2' must be a "
	    "number from 0 to 1", 12, 1 },
	{ "option-above-one-gated.yaml", "option value '1.5' must be a "
	    "number from 0 to 1", 10, 1 },
	{ "dup-option-value.yaml", "duplicate option value '2.0'", 12, 1 },
	{ "one-option.yaml", "at least two options are needed", 10, 1 },
	{ "missing-level-level-sum.yaml", "question 'a2' needs a level: the "
	    "model scores by level-sum", 7, 1 },
	{ "missing-level-gated.yaml", "question 'g1' needs a level: the model "
	    "scores by gated", 6, 1 },
	{ "level-above-scale.yaml", "level '4' must be a whole number from 1 "
	    "to 3", 9, 1 },
	{ "options-and-answer-set.yaml", "has both options and answer_set: "
	    "give one", 14, 1 },
	{ "no-options.yaml", "needs either options or answer_set", 6, 1 },
	{ "no-questions.yaml", "the questionnaire has no questions", 5, 1 },
	{ "empty-text.yaml", "question text must not be empty", 8, 1 },
	{ "empty-option-text.yaml", "option text must not be empty", 11, 1 },
	{ "bad-id-chars.yaml", "question id 'q1/charter' must only hold", 6,
	    1 },
	{ "bad-csf.yaml", "'XX.OC-01' is not a NIST CSF 2.0 tag", 9, 1 },
	{ "missing-area.yaml", "missing required field 'area' "
	    "(at questions[0])", 6, 1 },
	{ "unknown-key.yaml", "unknown key 'hint'", 9, 1 },
	{ "wrong-type-options.yaml", "expected a list, found a single value "
	    "(at questions[0].options)", 9, 1 },
	{ "wrong-type-text.yaml", "expected a single value, found a list "
	    "(at questions[0].text)", 9, 1 },
	{ "duplicate-key.yaml", "key 'area' appears twice (first on line 7) "
	    "(at questions[0])", 9, 1 },
	{ "alias.yaml", "aliases are not allowed ('*t')", 14, 1 },
	{ "bad-effort.yaml", "effort 'huge' must be low, medium or high", 9,
	    1 },
	{ "wrong-type-effort.yaml", "expected a single value, found a "
	    "mapping (at questions[0].effort)", 9, 1 },
	{ "empty-action.yaml", "option action must not be empty", 12, 1 },
	{ "empty-action-answer-set.yaml", "option action must not be empty",
	    11, 1 },
	{ "wrong-type-action.yaml", "expected a single value, found a list "
	    "(at questions[0].options[1].action)", 13, 1 },
	{ "bad-counterpart.yaml", "counterpart 'full/charter exists' must "
	    "only hold letters", 9, 1 },
};

#define N_BAD (sizeof(bad_questionnaires) / sizeof(bad_questionnaires[0]))

/* The fixture models, loaded once for the group. */
struct models {
	struct model *m[3];
	size_t n;
};

static int
setup_models(void **state)
{
	static const char *const files[] = {
		"tests/data/model-ok/mini.yaml",
		"tests/data/model-ok/levels.yaml",
		"tests/data/model-ok/gated.yaml",
	};
	struct models *ms = calloc(1, sizeof(*ms));
	struct soc_errors errs;

	if (ms == NULL)
		return -1;
	soc_errors_init(&errs);
	for (size_t i = 0; i < 3; i++) {
		char *path = test_path(files[i]);

		ms->m[ms->n] = model_load(path, &errs);
		if (ms->m[ms->n] != NULL)
			ms->n++;
		free(path);
	}
	test_print_errors(&errs);
	soc_errors_release(&errs);
	*state = ms;
	return ms->n == 3 ? 0 : -1;
}

static int
teardown_models(void **state)
{
	struct models *ms = *state;

	for (size_t i = 0; i < ms->n; i++)
		model_free(ms->m[i]);
	free(ms);
	return 0;
}

static struct questionnaire *
load(void **state, const char *rel, struct soc_errors *errs)
{
	struct models *ms = *state;
	char *path = test_path(rel);
	struct questionnaire *q = questionnaire_load(path, ms->m, ms->n, errs);

	free(path);
	return q;
}

static void
test_bad_questionnaires(void **state)
{
	for (size_t i = 0; i < N_BAD; i++) {
		const struct bad_case *c = &bad_questionnaires[i];
		char *rel = NULL, *path;
		struct soc_errors errs;
		struct questionnaire *q;

		assert_true(asprintf(&rel, "tests/data/questionnaire-bad/%s",
		    c->file) > 0);
		path = test_path(rel);
		soc_errors_init(&errs);
		q = load(state, rel, &errs);
		if (q != NULL)
			fail_msg("%s loaded without an error", c->file);
		test_expect_placed_error(&errs, c->file, path, c->text,
		    c->line);
		/* No follow-on errors from the one problem. */
		if (errs.n_errors != c->n_errors) {
			print_message("in %s: %zu errors, expected %zu:\n",
			    c->file, errs.n_errors, c->n_errors);
			test_print_errors(&errs);
			fail();
		}
		soc_errors_release(&errs);
		free(path);
		free(rel);
	}
}

static const char *
bad_questionnaires_file(size_t i)
{
	return bad_questionnaires[i].file;
}

static void
test_bad_questionnaires_all_listed(void **state)
{
	(void)state;
	test_assert_files_listed("tests/data/questionnaire-bad", N_BAD,
	    bad_questionnaires_file);
}

static void
test_mini_questionnaire(void **state)
{
	struct models *ms = *state;
	struct soc_errors errs;
	struct questionnaire *q;
	const struct question *qu;
	int central, managed;

	soc_errors_init(&errs);
	q = load(state, "tests/data/questionnaire-ok/mini-q.yaml", &errs);
	assert_no_errors(&errs);
	assert_non_null(q);
	assert_ptr_equal(q->model, ms->m[0]);
	assert_string_equal(q->model_id, "mini");
	assert_int_equal(q->n_questions, 4);
	assert_int_equal(questionnaire_find(q, "scope.written"), 1);
	assert_int_equal(questionnaire_find(q, "nope"), -1);

	/* Own options, written out of order, come back sorted by value. */
	qu = &q->questions[0];
	assert_string_equal(qu->id, "charter.exists");
	assert_string_equal(qu->help, "Ask the manager.");
	assert_int_equal(qu->area, model_find_area(q->model, "charter"));
	assert_true(qu->weight == 1);
	assert_int_equal(qu->level, -1);
	assert_null(qu->in_profile);
	assert_int_equal(qu->n_csf, 1);
	assert_string_equal(qu->csf[0], "GV.OC-01");
	assert_int_equal(qu->n_options, 4);
	for (size_t i = 0; i < qu->n_options; i++)
		assert_true(qu->options[i].value == (double)i);
	assert_string_equal(qu->options[0].text, "Absent");
	assert_string_equal(qu->options[1].text, "Draft");
	assert_string_equal(qu->options[3].text, "Reviewed yearly");
	/* Actions stay with their option through the sort. */
	assert_null(qu->options[0].action);
	assert_string_equal(qu->options[1].action, "Draft a charter.");
	assert_string_equal(qu->options[2].action,
	    "Have the charter approved.");
	assert_string_equal(qu->options[3].action, "Review it every year.");
	assert_int_equal(qu->effort, EFFORT_HIGH);
	assert_string_equal(effort_name(qu->effort), "high");
	assert_string_equal(qu->counterpart, "quick.charter");
	/* Its place in the file, for validate's warnings. */
	assert_int_equal(qu->pos.line, 12);
	assert_int_equal(qu->pos.column, 5);
	assert_int_equal(question_find_option(qu, 2), 2);
	assert_int_equal(question_find_option(qu, 2.5), -1);

	/* answer_set: expanded into the question's own sorted copy. */
	qu = &q->questions[1];
	assert_null(qu->help);
	assert_true(qu->weight == 2);
	assert_int_equal(qu->n_csf, 0);
	assert_int_equal(qu->n_options, 2);
	assert_true(qu->options[0].value == 0);
	assert_string_equal(qu->options[0].text, "No");
	assert_true(qu->options[1].value == 3);
	assert_string_equal(qu->options[1].text, "Yes");
	assert_null(qu->options[0].action);
	assert_string_equal(qu->options[1].action, "Put it in place.");
	assert_ptr_not_equal(qu->options[1].action,
	    q->questions[2].options[1].action);
	assert_int_equal(qu->effort, EFFORT_LOW);
	assert_null(qu->counterpart);
	/* Effort is optional. */
	assert_int_equal(q->questions[2].effort, EFFORT_UNSET);
	assert_null(effort_name(EFFORT_UNSET));
	assert_ptr_not_equal(qu->options, q->questions[2].options);
	assert_ptr_not_equal(qu->options[0].text,
	    q->questions[2].options[0].text);

	/* Profiles and not-applicable areas decide what is asked. */
	central = model_find_profile(q->model, "central");
	managed = model_find_profile(q->model, "managed");
	assert_true(questionnaire_applies(q, 0, (size_t)central));
	assert_true(questionnaire_applies(q, 0, (size_t)managed));
	assert_non_null(q->questions[2].in_profile);
	assert_false(questionnaire_applies(q, 2, (size_t)central));
	assert_true(questionnaire_applies(q, 2, (size_t)managed));
	/* managed lists the response area as not applicable. */
	assert_true(questionnaire_applies(q, 3, (size_t)central));
	assert_false(questionnaire_applies(q, 3, (size_t)managed));

	questionnaire_free(q);
	soc_errors_release(&errs);
}

static void
test_level_sum_questionnaire(void **state)
{
	struct models *ms = *state;
	struct soc_errors errs;
	struct questionnaire *q;

	soc_errors_init(&errs);
	q = load(state, "tests/data/questionnaire-ok/levels-q.yaml", &errs);
	assert_no_errors(&errs);
	assert_non_null(q);
	assert_ptr_equal(q->model, ms->m[1]);
	assert_int_equal(q->n_questions, 3);
	assert_int_equal(q->questions[0].level, 1);
	assert_int_equal(q->questions[1].level, 2);
	assert_true(q->questions[2].weight == 0.5);
	assert_int_equal(q->questions[2].area,
	    model_find_area(q->model, "beta"));
	assert_int_equal(q->questions[1].n_options, 3);
	assert_true(q->questions[1].options[1].value == 0.5);
	assert_string_equal(q->questions[1].options[1].text, "Partly");
	questionnaire_free(q);
	soc_errors_release(&errs);
}

static void
test_gated_questionnaire(void **state)
{
	struct models *ms = *state;
	struct soc_errors errs;
	struct questionnaire *q;
	const struct question *qu;

	soc_errors_init(&errs);
	q = load(state, "tests/data/questionnaire-ok/gated-q.yaml", &errs);
	assert_no_errors(&errs);
	assert_non_null(q);
	assert_ptr_equal(q->model, ms->m[2]);
	qu = &q->questions[1];
	assert_int_equal(qu->level, 3);
	assert_true(qu->options[0].value == 0);
	assert_string_equal(qu->options[0].text, "No");
	assert_true(qu->options[1].value == 1);
	questionnaire_free(q);
	soc_errors_release(&errs);
}

/* A questionnaire without its model among those given is refused. */
static void
test_no_models(void **state)
{
	struct soc_errors errs;
	char *path = test_path("tests/data/questionnaire-ok/mini-q.yaml");

	(void)state;
	soc_errors_init(&errs);
	assert_null(questionnaire_load(path, NULL, 0, &errs));
	assert_error_at(&errs, "targets unknown model 'mini'", 4);
	soc_errors_release(&errs);
	free(path);
}

static void
test_free_null(void **state)
{
	(void)state;
	questionnaire_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mini_questionnaire),
		cmocka_unit_test(test_level_sum_questionnaire),
		cmocka_unit_test(test_gated_questionnaire),
		cmocka_unit_test(test_no_models),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_bad_questionnaires),
		cmocka_unit_test(test_bad_questionnaires_all_listed),
	};

	return cmocka_run_group_tests_name("questionnaire", tests,
	    setup_models, teardown_models);
}
