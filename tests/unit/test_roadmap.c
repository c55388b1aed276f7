/*
 * The roadmap rule (docs/report-xlsx.md): the phase table of priority
 * and effort, priority bands that keep equal weighted gaps together,
 * initiatives per area in the order of their highest recommendation,
 * and quick wins first in phase 1. Results are built by hand: the
 * module reads only the recommendations, efforts and the area count.
 */
#include "testutil.h"

#include "socassess/roadmap.h"
#include "socassess/util.h"

/* A hand-made result: recommendation i on question i. */
struct fake {
	struct model model;
	struct questionnaire q;
	struct question questions[16];
	struct recommendation recs[16];
	struct result r;
};

/* n recommendations with weighted gaps keys, areas and efforts. */
static void
fake_init(struct fake *f, size_t n, const double *keys, const size_t *areas,
    const enum effort *efforts)
{
	memset(f, 0, sizeof(*f));
	f->model.n_areas = 8;
	f->q.questions = f->questions;
	f->q.n_questions = n;
	for (size_t i = 0; i < n; i++) {
		f->questions[i].effort = efforts[i];
		f->questions[i].area = areas[i];
		f->recs[i] = (struct recommendation){ .question = i,
		    .area = areas[i], .key = keys[i] };
	}
	f->r.model = &f->model;
	f->r.q = &f->q;
	f->r.recs = f->recs;
	f->r.n_recs = n;
}

static void
test_phase_table(void **state)
{
	(void)state;
	assert_int_equal(roadmap_phase(ROADMAP_HIGH, EFFORT_LOW), 1);
	assert_int_equal(roadmap_phase(ROADMAP_HIGH, EFFORT_MEDIUM), 1);
	assert_int_equal(roadmap_phase(ROADMAP_HIGH, EFFORT_HIGH), 2);
	assert_int_equal(roadmap_phase(ROADMAP_MEDIUM, EFFORT_LOW), 2);
	assert_int_equal(roadmap_phase(ROADMAP_MEDIUM, EFFORT_MEDIUM), 2);
	assert_int_equal(roadmap_phase(ROADMAP_MEDIUM, EFFORT_HIGH), 3);
	assert_int_equal(roadmap_phase(ROADMAP_LOW, EFFORT_LOW), 3);
	assert_int_equal(roadmap_phase(ROADMAP_LOW, EFFORT_MEDIUM), 3);
	assert_int_equal(roadmap_phase(ROADMAP_LOW, EFFORT_HIGH), 3);
	/* No effort given: as medium, like the recommendations' order. */
	assert_int_equal(roadmap_phase(ROADMAP_HIGH, EFFORT_UNSET), 1);
	assert_int_equal(roadmap_phase(ROADMAP_MEDIUM, EFFORT_UNSET), 2);
	assert_string_equal(roadmap_phase_months(2), "3-6 months");
	assert_string_equal(roadmap_priority_name(ROADMAP_LOW), "low");
}

/* The band of the recommendation of rank k (1-based). */
static enum roadmap_priority
band_of(const struct roadmap *rm, size_t k)
{
	for (size_t i = 0; i < rm->n_items; i++) {
		if (rm->items[i].rec == k - 1)
			return rm->items[i].priority;
	}
	fail_msg("rank %zu not on the roadmap", k);
	return ROADMAP_LOW;
}

static void
test_bands_keep_ties(void **state)
{
	/* 9 items: rank 3 (one third) has 4, rank 6 (two thirds) has 2. */
	static const double keys[] = { 6, 4, 4, 4, 2, 2, 1, 1, 0 };
	static const size_t areas[9] = { 0 };
	static const enum effort efforts[9] = { EFFORT_MEDIUM, EFFORT_MEDIUM,
	    EFFORT_MEDIUM, EFFORT_MEDIUM, EFFORT_MEDIUM, EFFORT_MEDIUM,
	    EFFORT_MEDIUM, EFFORT_MEDIUM, EFFORT_MEDIUM };
	struct fake f;
	struct roadmap *rm;

	(void)state;
	fake_init(&f, 9, keys, areas, efforts);
	rm = roadmap_new(&f.r);
	assert_true(rm->high_from == 4 && rm->medium_from == 2);
	/* Rank 4 shares rank 3's weighted gap, so its band too. */
	for (size_t k = 1; k <= 4; k++)
		assert_int_equal(band_of(rm, k), ROADMAP_HIGH);
	assert_int_equal(band_of(rm, 5), ROADMAP_MEDIUM);
	assert_int_equal(band_of(rm, 6), ROADMAP_MEDIUM);
	for (size_t k = 7; k <= 9; k++)
		assert_int_equal(band_of(rm, k), ROADMAP_LOW);
	assert_int_equal(rm->per_phase[0], 4);
	assert_int_equal(rm->per_phase[1], 2);
	assert_int_equal(rm->per_phase[2], 3);
	assert_int_equal(rm->n_initiatives, 1);
	assert_int_equal(rm->initiatives[0].n_items, 9);
	roadmap_free(rm);
}

static void
test_order_and_initiatives(void **state)
{
	/*
	 * Ranks 1-6, areas 5 5 2 2 7 5. Bands: high 8 and 6 (rank 2 is one
	 * third), medium 4 and 4, low 2 and 1. Rank 4 (medium, high effort)
	 * moves to phase 3, which lists area 5 (the first initiative), then
	 * areas 2 and 7.
	 */
	static const double keys[] = { 8, 6, 4, 4, 2, 1 };
	static const size_t areas[] = { 5, 5, 2, 2, 7, 5 };
	static const enum effort efforts[] = { EFFORT_MEDIUM, EFFORT_LOW,
	    EFFORT_LOW, EFFORT_HIGH, EFFORT_LOW, EFFORT_UNSET };
	struct fake f;
	struct roadmap *rm;
	size_t want_rec[] = { 1, 0, 2, 5, 3, 4 };
	int want_phase[] = { 1, 1, 2, 3, 3, 3 };

	(void)state;
	fake_init(&f, 6, keys, areas, efforts);
	rm = roadmap_new(&f.r);
	/* The quick win (rank 2: high, low effort) leads phase 1. */
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(rm->items[i].rec, want_rec[i]);
		assert_int_equal(rm->items[i].phase, want_phase[i]);
		assert_int_equal(rm->items[i].quick_win, i == 0);
	}
	assert_int_equal(rm->quick_wins, 1);
	/* Initiatives by their highest recommendation: areas 5, 2, 7. */
	assert_int_equal(rm->n_initiatives, 3);
	assert_int_equal(rm->initiatives[0].area, 5);
	assert_int_equal(rm->initiatives[0].first_rank, 1);
	assert_int_equal(rm->initiatives[0].n_items, 3);
	assert_int_equal(rm->initiatives[0].per_phase[0], 2);
	assert_int_equal(rm->initiatives[0].per_phase[2], 1);
	assert_int_equal(rm->initiatives[1].area, 2);
	assert_int_equal(rm->initiatives[1].first_rank, 3);
	assert_int_equal(rm->initiatives[2].area, 7);
	assert_int_equal(rm->items[2].initiative, 1);
	/* First steps: the quick win of area 5, rank 3 of area 2. */
	assert_int_equal(rm->initiatives[0].first_item, 0);
	assert_int_equal(rm->initiatives[1].first_item, 2);
	assert_int_equal(rm->initiatives[2].first_item, 5);
	roadmap_free(rm);
}

static void
test_empty_and_zero(void **state)
{
	static const double keys[] = { 0, 0 };
	static const size_t areas[] = { 1, 1 };
	static const enum effort efforts[] = { EFFORT_LOW, EFFORT_LOW };
	struct fake f;
	struct roadmap *rm;

	(void)state;
	fake_init(&f, 0, keys, areas, efforts);
	rm = roadmap_new(&f.r);
	assert_int_equal(rm->n_items, 0);
	assert_int_equal(rm->n_initiatives, 0);
	roadmap_free(rm);
	roadmap_free(NULL);
	/* Weighted gaps of 0 (importance none) are low, never quick wins. */
	fake_init(&f, 2, keys, areas, efforts);
	rm = roadmap_new(&f.r);
	assert_int_equal(rm->items[0].priority, ROADMAP_LOW);
	assert_int_equal(rm->items[0].phase, 3);
	assert_int_equal(rm->quick_wins, 0);
	roadmap_free(rm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phase_table),
		cmocka_unit_test(test_bands_keep_ties),
		cmocka_unit_test(test_order_and_initiatives),
		cmocka_unit_test(test_empty_and_zero),
	};

	return cmocka_run_group_tests_name("roadmap", tests, NULL, NULL);
}
