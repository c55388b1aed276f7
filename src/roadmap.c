/*
 * The roadmap of a result (roadmap.h): the priority band of each
 * recommendation from its weighted gap, its phase from that band and
 * the question's effort, the initiatives (one per area) in the order of
 * their highest recommendation, and the items in the order the roadmap
 * lists them. The rule is written out in docs/report-xlsx.md; keep the
 * two in step.
 */
#include <stdint.h>
#include <stdlib.h>

#include "socassess/figures.h"
#include "socassess/roadmap.h"
#include "socassess/util.h"

static const char *const priority_names[] = { "high", "medium", "low" };
static const char *const phase_months[] = {
	"0-3 months", "3-6 months", "6-12 months",
};

const char *
roadmap_priority_name(enum roadmap_priority p)
{
	return priority_names[p];
}

const char *
roadmap_phase_months(int phase)
{
	return phase >= 1 && phase <= ROADMAP_PHASES ?
	    phase_months[phase - 1] : "";
}

/*
 * The priority band decides the phase (high 1, medium 2, low 3); a step
 * of high effort starts one phase later, at most in phase 3. Low and
 * medium effort, and a question without an effort, change nothing.
 */
int
roadmap_phase(enum roadmap_priority p, enum effort e)
{
	int phase = (int)p + 1;

	if (e == EFFORT_HIGH && phase < ROADMAP_PHASES)
		phase++;
	return phase;
}

/*
 * The band of a weighted gap: high from the weighted gap ranked at one
 * third of the list, medium from the one at two thirds, so that equal
 * weighted gaps always share a band. A weighted gap of 0 (an area of
 * importance none) is low.
 */
static enum roadmap_priority
band(const struct roadmap *rm, double key)
{
	key = figure_round(key);
	if (key <= 0)
		return ROADMAP_LOW;
	if (key >= rm->high_from)
		return ROADMAP_HIGH;
	return key >= rm->medium_from ? ROADMAP_MEDIUM : ROADMAP_LOW;
}

/* The initiative of area ai, made when it first appears. */
static size_t
initiative_of(struct roadmap *rm, size_t *by_area, size_t ai, size_t rank)
{
	if (by_area[ai] == SIZE_MAX) {
		struct roadmap_initiative *in =
		    &rm->initiatives[rm->n_initiatives];

		in->area = ai;
		in->first_rank = rank;
		by_area[ai] = rm->n_initiatives++;
	}
	return by_area[ai];
}

/* Phase, quick wins first, initiative, rank. */
static int
compare_items(const void *x, const void *y)
{
	const struct roadmap_item *a = x, *b = y;

	if (a->phase != b->phase)
		return a->phase < b->phase ? -1 : 1;
	if (a->quick_win != b->quick_win)
		return a->quick_win ? -1 : 1;
	if (a->initiative != b->initiative)
		return a->initiative < b->initiative ? -1 : 1;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* Place recommendation i of r and count it. */
static void
place(struct roadmap *rm, const struct result *r, size_t *by_area, size_t i)
{
	const struct recommendation *rec = &r->recs[i];
	enum effort e = r->q->questions[rec->question].effort;
	struct roadmap_item *it = &rm->items[i];
	struct roadmap_initiative *in;

	it->rec = i;
	it->initiative = initiative_of(rm, by_area, rec->area, i + 1);
	it->priority = band(rm, rec->key);
	it->phase = roadmap_phase(it->priority, e);
	it->quick_win = it->priority == ROADMAP_HIGH && e == EFFORT_LOW;
	in = &rm->initiatives[it->initiative];
	in->n_items++;
	in->per_phase[it->phase - 1]++;
	rm->per_phase[it->phase - 1]++;
	in->quick_wins += it->quick_win;
	rm->quick_wins += it->quick_win;
}

struct roadmap *
roadmap_new(const struct result *r)
{
	struct roadmap *rm = xcalloc(1, sizeof(*rm));
	size_t n = r->n_recs, *by_area;

	if (n == 0)
		return rm;
	rm->high_from = figure_round(r->recs[(n + 2) / 3 - 1].key);
	rm->medium_from = figure_round(r->recs[(2 * n + 2) / 3 - 1].key);
	rm->items = xcalloc(n, sizeof(*rm->items));
	rm->n_items = n;
	rm->initiatives = xcalloc(n, sizeof(*rm->initiatives));
	by_area = xcalloc(r->model->n_areas, sizeof(*by_area));
	for (size_t ai = 0; ai < r->model->n_areas; ai++)
		by_area[ai] = SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		place(rm, r, by_area, i);
	free(by_area);
	qsort(rm->items, n, sizeof(*rm->items), compare_items);
	/* Items are in roadmap order: the first seen starts its initiative. */
	for (size_t i = n; i > 0; i--)
		rm->initiatives[rm->items[i - 1].initiative].first_item = i - 1;
	return rm;
}

void
roadmap_free(struct roadmap *rm)
{
	if (rm == NULL)
		return;
	free(rm->items);
	free(rm->initiatives);
	free(rm);
}
