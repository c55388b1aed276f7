/*
 * Tests of the model loader (src/model-load.c, src/model.c): the fixtures
 * of tests/data/model-ok load with the expected content, and each file of
 * tests/data/model-bad is refused with a message that names the problem
 * and its line.
 */
#include "testutil.h"

#include "socassess/catalog.h"
#include "socassess/model.h"

/* A broken model file, what its message must say, and on which line. */
struct bad_case {
	const char *file;
	const char *text;
	long line;
};

static const struct bad_case bad_models[] = {
	{ "syntax-error.yaml", "mapping values are not allowed", 12 },
	{ "tab-indent.yaml", "a tab cannot indent YAML: indent with spaces",
	    5 },
	{ "unclosed-quote.yaml", "quoted scalar that starts on line 2", 5 },
	{ "invalid-utf8.yaml", "invalid leading UTF-8 octet (0xff)", 2 },
	{ "empty.yaml", "file is empty", 1 },
	{ "comment-only.yaml", "file is empty", 1 },
	{ "null-document.yaml", "expected a mapping, found an empty value", 3 },
	{ "root-list.yaml", "expected a mapping, found a list", 1 },
	{ "alias.yaml", "aliases are not allowed ('*n')", 13 },
	{ "alias-bomb.yaml", "aliases are not allowed ('*a')", 2 },
	{ "two-documents.yaml", "only one YAML document", 16 },
	{ "wrong-type-list.yaml", "expected a single value, found a list "
	    "(at name)", 8 },
	{ "missing-key.yaml", "missing required field 'scoring'", 1 },
	{ "missing-area-name.yaml", "missing required field 'name' "
	    "(at domains[0].areas[0])", 13 },
	{ "unknown-key.yaml", "unknown key 'owner'", 13 },
	{ "duplicate-key.yaml", "key 'name' appears twice (first on line 14) "
	    "(at domains[0].areas[0])", 15 },
	{ "dup-domain-id.yaml", "duplicate domain id 'ops'", 14 },
	{ "dup-area-id.yaml", "duplicate area id 'mon'", 18 },
	{ "dup-profile-id.yaml", "duplicate profile id 'p'", 17 },
	{ "dup-importance.yaml", "duplicate importance name 'low'", 11 },
	{ "target-unknown-area.yaml", "target for unknown area 'monitoring'",
	    20 },
	{ "na-unknown-area.yaml", "unknown area 'forensics' as not "
	    "applicable", 18 },
	{ "weight-nan.yaml", "weight '.nan' must be a number", 15 },
	{ "weight-inf.yaml", "weight '.inf' must be a number", 15 },
	{ "weight-1e999.yaml", "weight '1e999' must be a number", 15 },
	{ "weight-negative.yaml", "weight '-1' must be a number", 15 },
	{ "weight-12abc.yaml", "weight '12abc' must be a number", 15 },
	{ "domain-weight-hex.yaml", "weight '0x10' must be a number", 12 },
	{ "scale-gap.yaml", "expected 2, found 3", 7 },
	{ "scale-from-1.yaml", "expected 0, found 1", 5 },
	{ "bad-id-chars.yaml", "area id 'log sources' must only hold", 14 },
	{ "empty-name.yaml", "domain name must not be empty", 11 },
	{ "unknown-scoring.yaml", "unknown scoring method 'weighted-average'",
	    7 },
	{ "weight-and-importance.yaml", "has both weight and importance", 16 },
	{ "unknown-importance.yaml", "unknown importance 'vital'", 15 },
	{ "target-above-scale.yaml", "target level '3' must be a number from "
	    "0 to 2", 17 },
	{ "area-target-above-scale.yaml", "target level '2.5' must be a "
	    "number from 0 to 2", 19 },
	{ "bad-csf.yaml", "'DE.XX-1' is not a NIST CSF 2.0 tag", 15 },
	{ "pass-out-of-range.yaml", "pass mark '1.5' must be a number", 8 },
	{ "deep-nesting.yaml", "nesting deeper than 32 levels", 36 },
	{ "complex-key.yaml", "a mapping key must be a single value", 15 },
	{ "control-char.yaml", "control characters are not allowed (0x01)",
	    2 },
	{ "no-domains.yaml", "the model has no domains", 9 },
	{ "many-problems.yaml", "duplicate area id 'mon'", 14 },
};

static struct model *
load_fixture(const char *rel, struct soc_errors *errs)
{
	char *path = test_path(rel);
	struct model *m = model_load(path, errs);

	free(path);
	return m;
}

static void
test_bad_models(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_models) / sizeof(bad_models[0]);
	    i++) {
		const struct bad_case *c = &bad_models[i];
		char *rel = NULL, *path;
		struct soc_errors errs;
		struct model *m;

		assert_true(asprintf(&rel, "tests/data/model-bad/%s",
		    c->file) > 0);
		path = test_path(rel);
		soc_errors_init(&errs);
		m = model_load(path, &errs);
		if (m != NULL)
			fail_msg("%s loaded without an error", c->file);
		test_expect_placed_error(&errs, c->file, path, c->text,
		    c->line);
		soc_errors_release(&errs);
		free(path);
		free(rel);
	}
}

/* Every file of model-bad has its row above, so none is left untested. */
static const char *
bad_models_file(size_t i)
{
	return bad_models[i].file;
}

static void
test_bad_models_all_listed(void **state)
{
	size_t n = sizeof(bad_models) / sizeof(bad_models[0]);

	(void)state;
	test_assert_files_listed("tests/data/model-bad", n, bad_models_file);
	assert_true(n >= 25);
}

/* validate collects every problem of a file, not only the first. */
static void
test_many_problems(void **state)
{
	struct soc_errors errs;

	(void)state;
	soc_errors_init(&errs);
	assert_null(load_fixture("tests/data/model-bad/many-problems.yaml",
	    &errs));
	assert_int_equal(errs.n_errors, 3);
	assert_error_at(&errs, "weight '-3' must be a number", 13);
	assert_error_at(&errs, "duplicate area id 'mon'", 14);
	assert_error_at(&errs, "target for unknown area 'nowhere'", 20);
	soc_errors_release(&errs);
}

static void
test_missing_file(void **state)
{
	struct soc_errors errs;

	(void)state;
	soc_errors_init(&errs);
	assert_null(model_load("/nonexistent/model.yaml", &errs));
	assert_error_at(&errs, "cannot open '/nonexistent/model.yaml'", -1);
	soc_errors_release(&errs);
}

static void
test_mini_model(void **state)
{
	struct soc_errors errs;
	struct model *m;
	const struct profile *p;
	int mon, resp, scope, charter;

	(void)state;
	soc_errors_init(&errs);
	m = load_fixture("tests/data/model-ok/mini.yaml", &errs);
	assert_no_errors(&errs);
	assert_int_equal(errs.n, 0);
	assert_non_null(m);
	assert_string_equal(m->id, "mini");
	assert_string_equal(m->version, "1.0.0");
	assert_null(m->description);
	assert_int_equal(m->scoring, SCORING_WEIGHTED_MEAN);
	assert_string_equal(scoring_method_name(m->scoring), "weighted-mean");
	assert_int_equal(m->n_levels, 4);
	assert_int_equal(model_max_level(m), 3);
	assert_string_equal(m->scale[2].name, "Managed");
	assert_int_equal(m->scale[3].level, 3);
	assert_int_equal(m->n_importance, 3);
	assert_int_equal(m->n_domains, 2);
	assert_int_equal(m->n_areas, 4);
	assert_int_equal(m->n_profiles, 2);

	/* Domains: weight given, weight defaulted to 1, area ranges. */
	assert_string_equal(m->domains[0].id, "gov");
	assert_true(m->domains[0].weight == 2);
	assert_int_equal(m->domains[0].first_area, 0);
	assert_int_equal(m->domains[0].n_areas, 2);
	assert_true(m->domains[1].weight == 1);
	assert_int_equal(m->domains[1].first_area, 2);
	assert_int_equal(m->domains[1].n_areas, 2);
	assert_int_equal(model_find_domain(m, "ops"), 1);
	assert_int_equal(model_find_domain(m, "nope"), -1);

	/* Areas: importance names resolve to weights; weight: wins alone. */
	charter = model_find_area(m, "charter");
	scope = model_find_area(m, "scope");
	mon = model_find_area(m, "monitoring");
	resp = model_find_area(m, "response");
	assert_int_equal(charter, 0);
	assert_int_equal(scope, 1);
	assert_int_equal(mon, 2);
	assert_int_equal(resp, 3);
	assert_int_equal(model_find_area(m, "forensics"), -1);
	assert_string_equal(m->areas[charter].importance, "high");
	assert_true(m->areas[charter].weight == 2);
	assert_null(m->areas[scope].importance);
	assert_true(m->areas[scope].weight == 1.5);
	assert_string_equal(m->areas[mon].importance, "normal");
	assert_true(m->areas[mon].weight == 1);
	assert_string_equal(m->areas[resp].importance, "none");
	assert_true(m->areas[resp].weight == 0);
	assert_int_equal(m->areas[mon].domain, 1);
	assert_int_equal(m->areas[charter].n_csf, 2);
	assert_string_equal(m->areas[charter].csf[1], "GV.RR-01");
	assert_int_equal(m->areas[scope].n_csf, 0);
	assert_true(model_importance_weight(m, "high") == 2);
	assert_true(model_importance_weight(m, "critical") == -1);

	/* Profiles: default target, per-area override, not applicable. */
	assert_int_equal(model_find_profile(m, "managed"), 1);
	assert_int_equal(model_find_profile(m, "hybrid"), -1);
	p = &m->profiles[0];
	assert_string_equal(p->id, "central");
	assert_null(p->description);
	assert_true(p->target == 2);
	assert_true(p->area_target[charter] == 2);
	assert_true(p->area_target[mon] == 3);
	for (size_t a = 0; a < m->n_areas; a++)
		assert_false(p->not_applicable[a]);
	p = &m->profiles[1];
	assert_string_equal(p->description, "Run by a provider.");
	assert_true(p->target == 1.5);
	assert_true(p->area_target[mon] == 1.5);
	assert_true(p->not_applicable[resp]);
	assert_false(p->not_applicable[mon]);

	model_free(m);
	soc_errors_release(&errs);
}

static void
test_level_sum_and_gated(void **state)
{
	struct soc_errors errs;
	struct model *ls, *g;

	(void)state;
	soc_errors_init(&errs);
	ls = load_fixture("tests/data/model-ok/levels.yaml", &errs);
	g = load_fixture("tests/data/model-ok/gated.yaml", &errs);
	assert_no_errors(&errs);
	assert_non_null(ls);
	assert_non_null(g);
	assert_int_equal(ls->scoring, SCORING_LEVEL_SUM);
	assert_string_equal(scoring_method_name(ls->scoring), "level-sum");
	assert_int_equal(model_max_level(ls), 2);
	/* No importance list: areas weigh 1 unless given a weight. */
	assert_int_equal(ls->n_importance, 0);
	assert_null(ls->areas[0].importance);
	assert_true(ls->areas[0].weight == 1);
	assert_true(ls->areas[1].weight == 3);
	assert_true(ls->profiles[0].target == 1);
	assert_int_equal(g->scoring, SCORING_GATED);
	assert_string_equal(scoring_method_name(g->scoring), "gated");
	assert_true(g->pass == 0.75);
	assert_int_equal(model_max_level(g), 3);
	model_free(ls);
	model_free(g);
	soc_errors_release(&errs);
}

static void
test_level_of(void **state)
{
	struct soc_errors errs;
	struct model *m;

	(void)state;
	soc_errors_init(&errs);
	m = load_fixture("tests/data/model-ok/mini.yaml", &errs);
	assert_non_null(m);
	assert_int_equal(model_level_of(m, 0), 0);
	assert_int_equal(model_level_of(m, 1), 1);
	assert_int_equal(model_level_of(m, 1.999), 1);
	/* Within the 1e-9 slack a score counts as the level above... */
	assert_int_equal(model_level_of(m, 2 - 1e-10), 2);
	assert_int_equal(model_level_of(m, 0.1 + 0.2 + 0.7), 1);
	/* ...but not beyond it. */
	assert_int_equal(model_level_of(m, 2 - 1e-8), 1);
	/* Clamped to the scale. */
	assert_int_equal(model_level_of(m, -0.5), 0);
	assert_int_equal(model_level_of(m, 3), 3);
	assert_int_equal(model_level_of(m, 7.5), 3);
	model_free(m);
	soc_errors_release(&errs);
}

static void
test_free_null(void **state)
{
	(void)state;
	model_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mini_model),
		cmocka_unit_test(test_level_sum_and_gated),
		cmocka_unit_test(test_level_of),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_many_problems),
		cmocka_unit_test(test_bad_models),
		cmocka_unit_test(test_bad_models_all_listed),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
