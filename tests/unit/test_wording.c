/*
 * Tests of the report wording loader (templates/) and placeholder
 * expansion.
 */
#include "testutil.h"

#include "socassess/model.h"
#include "socassess/wording.h"

static struct model *model;

static int
setup(void **state)
{
	struct soc_errors errs;
	char *path = test_path("models/owasp-soc.yaml");

	(void)state;
	soc_errors_init(&errs);
	model = model_load(path, &errs);
	free(path);
	soc_errors_release(&errs);
	return model == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	model_free(model);
	return 0;
}

/* Load tests/data/wording/NAME, returning the wording (or NULL). */
static struct wording *
load(const char *name, struct soc_errors *errs)
{
	char rel[128];
	char *path;
	struct wording *w;

	snprintf(rel, sizeof(rel), "tests/data/wording/%s", name);
	path = test_path(rel);
	w = wording_load(path, &model, 1, errs);
	free(path);
	return w;
}

static void
test_ok(void **state)
{
	struct soc_errors errs;
	struct wording *w;

	(void)state;
	soc_errors_init(&errs);
	w = load("ok.yaml", &errs);
	test_print_errors(&errs);
	assert_non_null(w);
	assert_int_equal(errs.n, 0);
	assert_int_equal(w->n_summary, 6);
	assert_string_equal(w->summary[3].title, "Defined");
	assert_string_equal(w->domain_intro[2], "The roles.");
	assert_string_equal(w->language, "en");
	wording_free(w);
	soc_errors_release(&errs);
}

static void
expect_error(const char *file, const char *sub, long line)
{
	struct soc_errors errs;
	struct wording *w;

	soc_errors_init(&errs);
	w = load(file, &errs);
	assert_null(w);
	test_assert_error_at(&errs, sub, line, __FILE__, __LINE__);
	soc_errors_release(&errs);
}

static void
test_broken(void **state)
{
	(void)state;
	expect_error("bad-placeholder.yaml", "unknown placeholder '{levle}'",
	    9);
	expect_error("missing-level.yaml", "no executive summary for level 4",
	    8);
	expect_error("unknown-domain.yaml", "unknown domain 'humans'", 17);
	expect_error("unclosed-brace.yaml", "without a closing", 24);
	expect_error("unknown-model.yaml", "unknown model 'no-such-model'", 5);
	expect_error("missing-section.yaml", "missing required field "
	    "'action_plan'", 2);
}

static void
test_expand(void **state)
{
	const struct wording_var vars[] = {
		{ "organisation", "Example Corp" },
		{ "score", "2.5" },
		{ "empty", NULL },
	};
	char *s;

	(void)state;
	s = wording_expand("{organisation} scores {score}{empty}; {unknown} "
	    "and { stay", vars, 3);
	assert_string_equal(s, "Example Corp scores 2.5; {unknown} and { stay");
	free(s);
	s = wording_expand("", vars, 3);
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ok),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_expand),
	};

	return cmocka_run_group_tests_name("wording", tests, setup, teardown);
}
