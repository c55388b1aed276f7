/*
 * The roadmap: the recommendations of a result grouped into initiatives
 * (one per area: the questionnaire has no finer topic) and placed in
 * three phases (months 0-3, 3-6, 6-12) by their priority and the
 * question's effort, quick wins (high priority, low effort) first. The
 * rule is docs/report-xlsx.md's "The roadmap rule". Pure: no I/O.
 */
#ifndef SOCASSESS_ROADMAP_H
#define SOCASSESS_ROADMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "socassess/questionnaire.h"
#include "socassess/score.h"

#define ROADMAP_PHASES 3

/* A recommendation's priority band, from its weighted gap. */
enum roadmap_priority {
	ROADMAP_HIGH,
	ROADMAP_MEDIUM,
	ROADMAP_LOW,
};

/* One recommendation placed on the roadmap. */
struct roadmap_item {
	size_t rec;            /* index into result.recs (its rank - 1) */
	size_t initiative;     /* index into roadmap.initiatives */
	enum roadmap_priority priority;
	int phase;             /* 1, 2 or 3 */
	bool quick_win;        /* high priority and low effort */
};

/* The recommendations of one area. */
struct roadmap_initiative {
	size_t area;           /* index into the model's areas */
	size_t first_rank;     /* rank of its highest recommendation */
	size_t first_item;     /* its first action in roadmap.items */
	size_t n_items;
	size_t per_phase[ROADMAP_PHASES];
	size_t quick_wins;
};

struct roadmap {
	struct roadmap_item *items;   /* owned; in roadmap order */
	size_t n_items;
	struct roadmap_initiative *initiatives; /* owned; by first_rank */
	size_t n_initiatives;
	size_t per_phase[ROADMAP_PHASES];
	size_t quick_wins;
	/*
	 * The weighted gaps that start the high and medium bands: the
	 * weighted gap of the recommendation ranked at one third and at two
	 * thirds of the list (0 when there are none).
	 */
	double high_from, medium_from;
};

/*
 * The roadmap of r (borrowed, only read during the call). Returns a new
 * roadmap owned by the caller; an empty one when r recommends nothing.
 */
struct roadmap *roadmap_new(const struct result *r);
void roadmap_free(struct roadmap *rm);

/* The phase (1..3) of a recommendation of this priority and effort. */
int roadmap_phase(enum roadmap_priority p, enum effort e);
/* "high", "medium", "low". */
const char *roadmap_priority_name(enum roadmap_priority p);
/* "0-3 months", "3-6 months", "6-12 months" for phase 1..3. */
const char *roadmap_phase_months(int phase);

#endif
