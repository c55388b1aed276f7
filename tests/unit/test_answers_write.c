/*
 * Answers writer tests (src/answers-write.c): load -> write -> load gives
 * the same answers, for the fixtures, the shipped examples and a file of
 * tricky strings (quotes, colons, '#', leading '=' or '-', YAML words,
 * unicode and its line separators, newlines, tabs); a second write gives
 * byte-identical text; answers built in memory load back as built; the
 * locale never changes a number.
 */
#include "testutil.h"

#include <locale.h>
#include <unistd.h>

#include "socassess/answers-write.h"
#include "socassess/catalog.h"
#include "socassess/report.h"
#include "socassess/score.h"
#include "socassess/util.h"

static struct catalog fixtures, shipped;

static int
group_setup(void **state)
{
	int rc;

	(void)state;
	rc = test_catalog_load(&fixtures, test_path_static("tests/data/score"));
	if (rc == 0)
		rc = test_catalog_load(&shipped, test_src_dir());
	return rc;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_release(&fixtures);
	catalog_release(&shipped);
	return 0;
}

static void
assert_str_same(const char *want, const char *got)
{
	if (want == NULL || got == NULL)
		assert_ptr_equal(want, got);
	else
		assert_string_equal(want, got);
}

/* Every field of a and b is the same. */
static void
assert_same_answers(const struct answers *a, const struct answers *b)
{
	const struct model *m = a->model;

	assert_ptr_equal(a->q, b->q);
	assert_int_equal(a->profile, b->profile);
	assert_str_same(a->meta.questionnaire, b->meta.questionnaire);
	assert_str_same(a->meta.questionnaire_version,
	    b->meta.questionnaire_version);
	assert_str_same(a->meta.profile, b->meta.profile);
	assert_str_same(a->meta.organisation, b->meta.organisation);
	assert_str_same(a->meta.scope, b->meta.scope);
	assert_str_same(a->meta.assessor, b->meta.assessor);
	assert_str_same(a->meta.date, b->meta.date);
	assert_str_same(a->meta.type, b->meta.type);
	assert_str_same(a->meta.style, b->meta.style);
	for (size_t i = 0; i < m->n_areas; i++) {
		assert_str_same(a->area_importance[i], b->area_importance[i]);
		assert_int_equal(a->weight_overridden[i],
		    b->weight_overridden[i]);
		assert_true(a->area_weight[i] == b->area_weight[i]);
		assert_int_equal(a->target_overridden[i],
		    b->target_overridden[i]);
		assert_true(a->area_target[i] == b->area_target[i]);
	}
	assert_int_equal(a->n_items, b->n_items);
	for (size_t qi = 0; qi < a->q->n_questions; qi++) {
		const struct answer *x = answers_get(a, qi);
		const struct answer *y = answers_get(b, qi);

		if (x == NULL || y == NULL) {
			assert_ptr_equal(x, y);
			continue;
		}
		assert_string_equal(x->id, y->id);
		assert_int_equal(x->has_value, y->has_value);
		assert_true(x->value == y->value);
		assert_int_equal(x->option, y->option);
		assert_int_equal(x->na, y->na);
		assert_str_same(x->na_reason, y->na_reason);
		assert_str_same(x->comment, y->comment);
		assert_str_same(x->assessor, y->assessor);
		assert_int_equal(x->n_evidence, y->n_evidence);
		for (size_t e = 0; e < x->n_evidence; e++)
			assert_string_equal(x->evidence[e], y->evidence[e]);
		assert_str_same(x->resolution, y->resolution);
		assert_int_equal(x->n_candidates, y->n_candidates);
		for (size_t c = 0; c < x->n_candidates; c++) {
			const struct answer_candidate *p = &x->candidates[c];
			const struct answer_candidate *r = &y->candidates[c];

			assert_str_same(p->assessor, r->assessor);
			assert_int_equal(p->has_value, r->has_value);
			assert_true(p->value == r->value);
			assert_int_equal(p->na, r->na);
			assert_str_same(p->na_reason, r->na_reason);
			assert_str_same(p->comment, r->comment);
		}
	}
}

/* Write a, load the text back, compare; then the text is stable. */
static void
round_trip(const struct answers *a, const struct catalog *cat)
{
	struct soc_errors errs;
	struct answers *b;
	char *text = answers_yaml_text(a), *again;

	soc_errors_init(&errs);
	b = answers_load_data("written.yaml", text, strlen(text), false, cat,
	    &errs);
	if (b == NULL) {
		test_print_errors(&errs);
		fail_msg("written text does not load:\n%s", text);
	}
	assert_same_answers(a, b);
	again = answers_yaml_text(b);
	assert_string_equal(text, again);
	free(again);
	free(text);
	answers_free(b);
	soc_errors_release(&errs);
}

static void
round_trip_file(const char *rel, const struct catalog *cat)
{
	struct soc_errors errs;
	struct answers *a;

	soc_errors_init(&errs);
	a = answers_load(test_path_static(rel), cat, &errs);
	if (a == NULL) {
		test_print_errors(&errs);
		fail_msg("%s does not load", rel);
	}
	round_trip(a, cat);
	answers_free(a);
	soc_errors_release(&errs);
}

static void
test_fixtures(void **state)
{
	(void)state;
	round_trip_file("tests/data/score/answers/wm-a.yaml", &fixtures);
	round_trip_file("tests/data/score/answers/wm-b.yaml", &fixtures);
	round_trip_file("tests/data/score/answers/wm-c.yaml", &fixtures);
	round_trip_file("tests/data/score/answers/wm-a.json", &fixtures);
	round_trip_file("tests/data/score/answers/ls.yaml", &fixtures);
	round_trip_file("tests/data/score/answers/gated.yaml", &fixtures);
}

static void
test_examples(void **state)
{
	(void)state;
	round_trip_file("examples/young-centralized.yaml", &shipped);
	round_trip_file("examples/managed-hybrid.yaml", &shipped);
	round_trip_file("examples/distributed-federated.yaml", &shipped);
	/* A merged file's candidates and resolution, read from JSON. */
	round_trip_file("tests/cases/validate-candidates/good.json", &shipped);
}

static const char *const tricky[] = {
	"He said \"yes\" and left",
	"key: value",
	"# not a comment",
	"=HYPERLINK(\"http://x\")",
	"- not a list item",
	"  leading and trailing spaces  ",
	"true",
	"null",
	"~",
	"3",
	"010",
	"1.5e3",
	"back\\slash \\n not a newline",
	"line one\nline two\n\nline four",
	"tab\there",
	"Zoë, Ørsted, 東京, emoji \xf0\x9f\x94\x92",
	"line\xe2\x80\xa8separator and\xe2\x80\xa9paragraph, next\xc2\x85line",
	"\xef\xbb\xbf" "bom first",
	"bell \x07 and del \x7f",
	"{flow: mapping}",
	"[flow, list]",
	"&anchor *alias !tag %directive @at `tick`",
	"'single quoted'",
	"| literal",
	"> folded",
	"?",
	":",
	"---",
	"...",
	"\r\ncarriage",
};

static void
test_tricky_strings(void **state)
{
	const struct questionnaire *q =
	    catalog_questionnaire(&fixtures, "t-wm-q");
	struct answers *a;
	struct answer *an;

	(void)state;
	assert_non_null(q);
	a = answers_new(q, 0, "tricky.yaml");
	answers_set_string(&a->meta.organisation, tricky[0]);
	answers_set_string(&a->meta.scope, tricky[1]);
	answers_set_string(&a->meta.assessor, tricky[15]);
	answers_set_string(&a->meta.date, "2026-02-28");
	answers_set_string(&a->meta.type, "baseline");
	answers_set_string(&a->meta.style, "guided");
	/* a1.x: a value, every tricky string as evidence. */
	assert_int_equal(answer_set_value(a, 0, 2, NULL), 0);
	an = answers_edit(a, 0);
	for (size_t i = 0; i < ARRAY_SIZE(tricky); i++)
		answer_add_evidence(an, tricky[i]);
	answers_set_string(&an->comment, tricky[13]);
	answers_set_string(&an->assessor, tricky[3]);
	/* a2.y: N/A with a reason; b1.x: only a comment. */
	assert_int_equal(answer_set_na(a, 4, tricky[16], NULL), 0);
	assert_int_equal(answer_append_comment(a, 4, tricky[17]), 0);
	an = answers_edit(a, 5);
	answers_set_string(&an->comment, tricky[2]);
	round_trip(a, &fixtures);
	/* Every tricky string as a comment of its own. */
	for (size_t i = 0; i < ARRAY_SIZE(tricky); i++) {
		an = answers_edit(a, 1);
		answers_set_string(&an->comment, tricky[i]);
		answers_set_string(&a->meta.scope, tricky[i]);
		round_trip(a, &fixtures);
	}
	/* Every tricky string as an N/A reason. */
	for (size_t i = 0; i < ARRAY_SIZE(tricky); i++) {
		if (str_blank(tricky[i]))
			continue;
		assert_int_equal(answer_set_na(a, 4, tricky[i], NULL), 0);
		round_trip(a, &fixtures);
	}
	/* Changed evidence. */
	an = answers_edit(a, 0);
	answer_clear_evidence(an);
	assert_int_equal(an->n_evidence, 0);
	round_trip(a, &fixtures);
	answers_free(a);
}

/* Answers added out of order are written in questionnaire order. */
static void
test_order(void **state)
{
	const struct questionnaire *q =
	    catalog_questionnaire(&fixtures, "t-wm-q");
	struct answers *a = answers_new(q, 1, "order.yaml");
	char *text;

	(void)state;
	assert_int_equal(answer_set_value(a, 5, 3, NULL), 0);
	assert_int_equal(answer_set_value(a, 2, 0, NULL), 0);
	assert_ptr_equal(answers_edit(a, 5), &a->items[0]);
	text = answers_yaml_text(a);
	assert_non_null(strstr(text, "\"a1.z\"\n    value: 0\n  - id: "
	    "\"b1.x\"\n    value: 3\n"));
	free(text);
	round_trip(a, &fixtures);
	answers_free(a);
}

/* A comma-decimal LC_NUMERIC changes nothing in the text. */
static void
test_locale(void **state)
{
	struct soc_errors errs;
	struct answers *a;
	char *before, *after;

	(void)state;
	soc_errors_init(&errs);
	a = answers_load(test_path_static("tests/data/score/answers/ls.yaml"),
	    &fixtures, &errs);
	assert_non_null(a);
	before = answers_yaml_text(a);
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8") == NULL &&
	    setlocale(LC_NUMERIC, "de_DE.utf8") == NULL)
		print_message("no de_DE locale: checking in C only\n");
	after = answers_yaml_text(a);
	setlocale(LC_NUMERIC, "C");
	assert_string_equal(before, after);
	assert_non_null(strstr(after, "value: 0.5\n"));
	assert_null(strstr(after, "0,5"));
	free(before);
	free(after);
	answers_free(a);
	soc_errors_release(&errs);
}

static void
test_save(void **state)
{
	struct soc_errors errs;
	struct answers *a, *b;
	char dir[] = "/tmp/socassess-write.XXXXXX", path[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a.yaml", dir);
	soc_errors_init(&errs);
	a = answers_load(test_path_static("tests/data/score/answers/wm-b.yaml"),
	    &fixtures, &errs);
	assert_non_null(a);
	assert_int_equal(answers_save(a, path, &errs), 0);
	assert_int_equal(answers_save(a, path, &errs), 0);
	b = answers_load(path, &fixtures, &errs);
	assert_non_null(b);
	assert_same_answers(a, b);
	answers_free(b);
	/* A folder that does not exist: an error, no crash. */
	snprintf(path, sizeof(path), "%s/none/a.yaml", dir);
	assert_int_equal(answers_save(a, path, &errs), -1);
	assert_int_equal(errs.n_errors, 1);
	snprintf(path, sizeof(path), "%s/a.yaml", dir);
	unlink(path);
	rmdir(dir);
	answers_free(a);
	soc_errors_release(&errs);
}

/*
 * Answers built in memory score and report like loaded ones: the JSON
 * report names each area's importance in effect (answers_new once left
 * it unset and the report crashed on it).
 */
static void
test_built_report(void **state)
{
	const struct questionnaire *q =
	    catalog_questionnaire(&fixtures, "t-wm-q");
	struct answers *a = answers_new(q, 0, "built.yaml");
	struct result *r;
	char *json;

	(void)state;
	assert_int_equal(answer_set_value(a, 0, 3, NULL), 0);
	assert_int_equal(answer_set_na(a, 3, "run by the group", NULL), 0);
	r = score_compute(a);
	assert_non_null(r);
	json = report_json_text(r, NULL);
	assert_non_null(json);
	assert_non_null(strstr(json, "\"importance\": \"normal\""));
	assert_non_null(strstr(json, "\"importance\": \"high\""));
	assert_non_null(strstr(json, "\"na_reason\": \"run by the group\""));
	free(json);
	result_free(r);
	answers_free(a);
}

/* The setters keep an answer consistent and report what was there. */
static void
test_setters(void **state)
{
	const struct questionnaire *q =
	    catalog_questionnaire(&fixtures, "t-wm-q");
	struct answers *a = answers_new(q, 0, "set.yaml");
	struct answer_prior was;
	const struct answer *an;

	(void)state;
	/* Not an option, or N/A without a reason: nothing changes. */
	assert_int_equal(answer_set_value(a, 0, 7, &was), -1);
	assert_int_equal(answer_set_value(a, 0, 2.5, &was), -1);
	assert_int_equal(answer_set_na(a, 0, "  ", &was), -1);
	assert_int_equal(answer_set_na(a, 0, NULL, &was), -1);
	assert_int_equal(answer_set_na(a, 0, "bad \xff", &was), -1);
	assert_null(answers_get(a, 0));
	/* 2, then 3: the prior value is reported. */
	assert_int_equal(answer_set_value(a, 0, 2, &was), 0);
	assert_false(was.has_value);
	assert_int_equal(answer_set_value(a, 0, 3, &was), 0);
	assert_true(was.has_value && was.value == 2 && !was.na);
	an = answers_get(a, 0);
	assert_true(an->has_value && an->value == 3 && an->option == 3);
	/* Comments are appended line by line, never replaced. */
	assert_int_equal(answer_append_comment(a, 0, "long notes"), 0);
	assert_int_equal(answer_append_comment(a, 0, "confirmed by CISO"), 0);
	assert_int_equal(answer_append_comment(a, 0, ""), -1);
	assert_int_equal(answer_append_comment(a, 0, "\xc3("), -1);
	assert_string_equal(an->comment, "long notes\nconfirmed by CISO");
	/* N/A keeps the comment; its reason is its own field. */
	assert_int_equal(answer_set_na(a, 0, "out of scope", &was), 0);
	assert_true(was.has_value && was.value == 3);
	assert_true(an->na && !an->has_value && an->option == -1);
	assert_string_equal(an->na_reason, "out of scope");
	assert_string_equal(an->comment, "long notes\nconfirmed by CISO");
	/* A blank reason keeps the one there. */
	assert_int_equal(answer_set_na(a, 0, NULL, &was), 0);
	assert_true(was.na);
	assert_string_equal(was.na_reason, "out of scope");
	answer_prior_release(&was);
	assert_null(was.na_reason);
	assert_string_equal(an->na_reason, "out of scope");
	/* A value ends the N/A: the reason goes to the caller. */
	assert_int_equal(answer_set_value(a, 0, 1, &was), 0);
	assert_true(was.na && !was.has_value);
	assert_string_equal(was.na_reason, "out of scope");
	answer_prior_release(&was);
	assert_false(an->na);
	assert_null(an->na_reason);
	assert_string_equal(an->comment, "long notes\nconfirmed by CISO");
	/* Clearing keeps the comment; deleting it is separate. */
	answer_clear(a, 0, &was);
	assert_true(was.has_value && was.value == 1);
	assert_false(an->has_value || an->na);
	assert_non_null(an->comment);
	answer_delete_comment(a, 0);
	assert_null(an->comment);
	answer_clear(a, 1, &was);
	assert_false(was.has_value || was.na);
	assert_null(answers_get(a, 1));
	answer_delete_comment(a, 1);
	assert_null(answers_get(a, 1));
	round_trip(a, &fixtures);
	answers_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_tricky_strings),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_save),
		cmocka_unit_test(test_built_report),
		cmocka_unit_test(test_setters),
	};

	return cmocka_run_group_tests_name("answers_write", tests,
	    group_setup, group_teardown);
}
