/*
 * Every shipped model and questionnaire loads without errors, and the
 * default questionnaires follow the content rules of issue 3: coverage of
 * every area, six anchored options per question with help and NIST CSF
 * tags, no option text used twice, enough questions for every profile.
 * Each test lists every offender before failing.
 */
#include "testutil.h"

#include "socassess/catalog.h"
#include "socassess/strindex.h"
#include "socassess/util.h"

#define MODEL_ID "owasp-soc"
#define FULL_ID "owasp-soc-full"
#define QUICK_ID "owasp-soc-quick"

static int
setup_catalog(void **state)
{
	struct catalog *cat = calloc(1, sizeof(*cat));
	struct soc_errors errs;
	char *root = test_path("");
	int rc;

	if (cat == NULL)
		return -1;
	soc_errors_init(&errs);
	rc = catalog_load(cat, root, &errs);
	if (errs.n > 0) {
		print_message("problems in the shipped data:\n");
		test_print_errors(&errs);
	}
	soc_errors_release(&errs);
	free(root);
	*state = cat;
	return rc;
}

static int
teardown_catalog(void **state)
{
	catalog_release(*state);
	free(*state);
	return 0;
}

static size_t
count_yaml(const char *rel)
{
	char *dir = test_path(rel);
	struct soc_errors errs;
	char **files;
	size_t n = 0;

	soc_errors_init(&errs);
	files = catalog_list_files(dir, &errs);
	assert_non_null(files);
	while (files[n] != NULL)
		n++;
	catalog_free_list(files);
	soc_errors_release(&errs);
	free(dir);
	return n;
}

/* Nothing was left out of the catalog, and the defaults are there. */
static void
test_all_files_load(void **state)
{
	const struct catalog *cat = *state;

	assert_int_equal(cat->n_models, count_yaml("models"));
	assert_int_equal(cat->n_questionnaires, count_yaml("questionnaires"));
	assert_non_null(catalog_model(cat, MODEL_ID));
	assert_non_null(catalog_questionnaire(cat, FULL_ID));
	assert_non_null(catalog_questionnaire(cat, QUICK_ID));
	assert_ptr_equal(catalog_questionnaire(cat, FULL_ID)->model,
	    catalog_model(cat, MODEL_ID));
	assert_ptr_equal(catalog_questionnaire(cat, QUICK_ID)->model,
	    catalog_model(cat, MODEL_ID));
}

/* The default model as DESIGN.md describes it. */
static void
test_default_model_shape(void **state)
{
	static const char *const profiles[] = {
		"distributed", "centralized", "collaborative", "constituency",
		"managed", "hybrid",
	};
	const struct model *m = catalog_model(*state, MODEL_ID);
	size_t process;

	assert_int_equal(m->n_levels, 6);
	assert_int_equal(m->scoring, SCORING_WEIGHTED_MEAN);
	assert_int_equal(m->n_domains, 3);
	assert_int_equal(m->domains[0].n_areas, 6);
	process = (size_t)model_find_domain(m, "process");
	assert_int_equal(m->domains[process].n_areas, 21);
	assert_int_equal(m->n_profiles, 6);
	for (size_t i = 0; i < ARRAY_SIZE(profiles); i++)
		assert_true(model_find_profile(m, profiles[i]) >= 0);
	for (size_t a = 0; a < m->n_areas; a++) {
		assert_true(m->areas[a].n_csf > 0);
		assert_non_null(m->areas[a].description);
	}
	for (size_t p = 0; p < m->n_profiles; p++)
		assert_non_null(m->profiles[p].description);
}

static size_t *
questions_per_area(const struct questionnaire *q)
{
	size_t *n = calloc(q->model->n_areas, sizeof(*n));

	assert_non_null(n);
	for (size_t i = 0; i < q->n_questions; i++)
		n[q->questions[i].area]++;
	return n;
}

/* Full questions of each area asked for profile p. */
static size_t *
questions_per_area_for(const struct questionnaire *q, size_t p)
{
	size_t *n = calloc(q->model->n_areas, sizeof(*n));

	assert_non_null(n);
	for (size_t i = 0; i < q->n_questions; i++)
		n[q->questions[i].area] += questionnaire_applies(q, i, p);
	return n;
}

/* At most 6 full questions per area for any one operating model, as the
 * full questionnaire's description promises; profile-only questions let
 * an area hold more in all. */
static size_t
check_area_size_per_profile(const struct questionnaire *full)
{
	const struct model *m = full->model;
	size_t bad = 0;

	for (size_t p = 0; p < m->n_profiles; p++) {
		size_t *n = questions_per_area_for(full, p);

		for (size_t a = 0; a < m->n_areas; a++) {
			if (n[a] > 6) {
				print_message("area %s: %zu full questions "
				    "for profile %s, want at most 6\n",
				    m->areas[a].id, n[a], m->profiles[p].id);
				bad++;
			}
		}
		free(n);
	}
	return bad;
}

/* Every area: at least 3 full and 1 quick question, at most 6 full for
 * any one profile. */
static void
test_area_coverage(void **state)
{
	const struct questionnaire *full = catalog_questionnaire(*state,
	    FULL_ID);
	const struct questionnaire *quick = catalog_questionnaire(*state,
	    QUICK_ID);
	const struct model *m = full->model;
	size_t *nf = questions_per_area(full), *nq = questions_per_area(quick);
	size_t bad = check_area_size_per_profile(full);

	for (size_t a = 0; a < m->n_areas; a++) {
		if (nf[a] < 3) {
			print_message("area %s: %zu full questions, want at "
			    "least 3\n", m->areas[a].id, nf[a]);
			bad++;
		}
		if (nq[a] < 1) {
			print_message("area %s: no quick question\n",
			    m->areas[a].id);
			bad++;
		}
	}
	free(nf);
	free(nq);
	assert_int_equal(bad, 0);
}

/* Six options with distinct texts, help, at least one CSF tag. */
static size_t
check_questions(const struct questionnaire *q)
{
	size_t bad = 0;

	for (size_t i = 0; i < q->n_questions; i++) {
		const struct question *qu = &q->questions[i];

		if (qu->n_options != 6) {
			print_message("%s %s: %zu options, want 6\n", q->id,
			    qu->id, qu->n_options);
			bad++;
		}
		for (size_t o = 0; o < qu->n_options; o++) {
			for (size_t p = 0; p < o; p++) {
				if (strcmp(qu->options[o].text,
				    qu->options[p].text) == 0) {
					print_message("%s %s: two options "
					    "read \"%s\"\n", q->id, qu->id,
					    qu->options[o].text);
					bad++;
				}
			}
		}
		if (str_blank(qu->help)) {
			print_message("%s %s: no help\n", q->id, qu->id);
			bad++;
		}
		if (qu->n_csf == 0) {
			print_message("%s %s: no CSF tag\n", q->id, qu->id);
			bad++;
		}
	}
	return bad;
}

static void
test_question_quality(void **state)
{
	size_t bad = check_questions(catalog_questionnaire(*state, FULL_ID)) +
	    check_questions(catalog_questionnaire(*state, QUICK_ID));

	assert_int_equal(bad, 0);
}

/* No option text is used by two questions, in either questionnaire. */
static void
test_option_texts_unique(void **state)
{
	const struct questionnaire *qs[] = {
		catalog_questionnaire(*state, FULL_ID),
		catalog_questionnaire(*state, QUICK_ID),
	};
	const struct question **owner = NULL;
	struct str_index seen;
	size_t n = 0, bad = 0;

	str_index_init(&seen);
	for (size_t k = 0; k < ARRAY_SIZE(qs); k++) {
		const struct questionnaire *q = qs[k];

		for (size_t i = 0; i < q->n_questions; i++) {
			const struct question *qu = &q->questions[i];

			for (size_t o = 0; o < qu->n_options; o++) {
				const char *text = qu->options[o].text;
				long first = str_index_add(&seen, text, n);

				owner = xreallocarray(owner, n + 1,
				    sizeof(*owner));
				owner[n++] = qu;
				/* Repeats inside one question are counted
				 * by test_question_quality. */
				if (first >= 0 && owner[first] != qu) {
					print_message("option text of %s "
					    "repeats one of %s: \"%s\"\n",
					    qu->id, owner[first]->id, text);
					bad++;
				}
			}
		}
	}
	str_index_release(&seen);
	free(owner);
	assert_int_equal(bad, 0);
}

/* Each profile gets at least 100 full and 30 quick questions. */
static void
test_profile_counts(void **state)
{
	const struct questionnaire *full = catalog_questionnaire(*state,
	    FULL_ID);
	const struct questionnaire *quick = catalog_questionnaire(*state,
	    QUICK_ID);
	const struct model *m = full->model;
	size_t bad = 0;

	for (size_t p = 0; p < m->n_profiles; p++) {
		size_t nf = 0, nq = 0;

		for (size_t i = 0; i < full->n_questions; i++)
			nf += questionnaire_applies(full, i, p);
		for (size_t i = 0; i < quick->n_questions; i++)
			nq += questionnaire_applies(quick, i, p);
		if (nf < 100 || nq < 30) {
			print_message("profile %s: %zu full and %zu quick "
			    "questions, want 100 and 30\n", m->profiles[p].id,
			    nf, nq);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_files_load),
		cmocka_unit_test(test_default_model_shape),
		cmocka_unit_test(test_area_coverage),
		cmocka_unit_test(test_question_quality),
		cmocka_unit_test(test_option_texts_unique),
		cmocka_unit_test(test_profile_counts),
	};

	return cmocka_run_group_tests_name("shipped", tests, setup_catalog,
	    teardown_catalog);
}
