/*
 * The Roadmap sheet of the XLSX report: the initiatives (one per area
 * with recommendations) against the three phases, then the actions of
 * each phase, quick wins first, each phase with actions on a page of
 * its own. The placing is src/roadmap.c's; this file only lays it out.
 * The sheet's introduction states the rule with this assessment's
 * thresholds, so a reader can tell why an action sits in its phase.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-xlsx.h"
#include "socassess/roadmap.h"
#include "socassess/util.h"

#define ROW_INTRO 1
#define ROW_HEAD 2
#define ROW_DATA 3
/* Columns: both tables share them, so widths suit both. */
enum {
	COL_INITIATIVE, COL_DOMAIN, COL_C, COL_D, COL_E, COL_F,
	COL_ACTION, COL_QUESTION, N_COLS
};
/* Widths of the fixed columns; names and ids get what they hold. */
#define W_NUMBER 11
#define W_ACTION 56
#define W_NAME_MIN 12
#define W_NAME_MAX 34

/*
 * The phase fills, dark to light, with text of WCAG AA contrast on them
 * (12:1, 4.8:1, 13:1); the count in the cell reads in greyscale too.
 */
static const lxw_color_t phase_fill[ROADMAP_PHASES] = {
	0x1F3864, 0x2E75B6, 0xBDD7EE,
};
static const lxw_color_t phase_ink[ROADMAP_PHASES] = {
	LXW_COLOR_WHITE, LXW_COLOR_WHITE, LXW_COLOR_BLACK,
};

struct roadmap_sheet {
	struct xlsx_report *x;
	lxw_worksheet *ws;
	struct roadmap *rm;
	double widths[N_COLS];
	lxw_format *phase[ROADMAP_PHASES]; /* count cells of a phase */
	lxw_format *quick;                 /* the quick-win mark */
	lxw_format *number;                /* counts and ranks, centred */
};

/* Count cells of phase p (0-based): bold, centred, on the phase fill. */
static lxw_format *
phase_format(struct xlsx_book *b, int p)
{
	lxw_format *f = xlsx_cell_format(b, "0", phase_fill[p], phase_ink[p],
	    true);

	format_set_bold(f);
	return f;
}

/* Column widths in characters from the names and ids they will hold. */
static void
set_widths(struct roadmap_sheet *s)
{
	const struct result *r = s->x->r;
	double name = W_NAME_MIN, domain = W_NAME_MIN, id = W_NAME_MIN;

	for (size_t i = 0; i < r->n_recs; i++) {
		const struct recommendation *rec = &r->recs[i];
		const struct area *a = &r->model->areas[rec->area];
		double w = xlsx_fit_width(a->name, W_NAME_MIN, W_NAME_MAX);
		double d = xlsx_fit_width(r->model->domains[a->domain].name,
		    W_NAME_MIN, W_NAME_MAX);
		double q = xlsx_fit_width(r->q->questions[rec->question].id,
		    W_NAME_MIN, 2 * W_NAME_MAX);

		name = w > name ? w : name;
		domain = d > domain ? d : domain;
		id = q > id ? q : id;
	}
	s->widths[COL_INITIATIVE] = name;
	s->widths[COL_DOMAIN] = domain;
	for (int c = COL_C; c <= COL_F; c++)
		s->widths[c] = W_NUMBER;
	s->widths[COL_ACTION] = W_ACTION;
	s->widths[COL_QUESTION] = id;
	for (int c = 0; c < N_COLS; c++)
		xlsx_check(&s->x->book, worksheet_set_column(s->ws,
		    (lxw_col_t)c, (lxw_col_t)c, s->widths[c], NULL));
}

/* A header row of the given texts. */
static void
header(struct roadmap_sheet *s, lxw_row_t row, const char *const *heads)
{
	struct xlsx_book *b = &s->x->book;

	for (int c = 0; c < N_COLS; c++)
		xlsx_text(b, s->ws, row, (lxw_col_t)c, heads[c], heads[c] !=
		    NULL ? b->f.head : NULL);
	xlsx_row_lines(b, s->ws, row, 2);
}

/* The rule with this assessment's thresholds, for the introduction. */
static char *
rule_text(const struct roadmap *rm)
{
	char high[32], medium[32];

	figure_score(high, sizeof(high), rm->high_from);
	figure_score(medium, sizeof(medium), rm->medium_from);
	if (strcmp(high, medium) == 0)
		return xasprintf("Each area with recommendations is one "
		    "initiative. Priority comes from an action's weighted gap "
		    "(Action plan sheet): high from %s, low below %s (too few "
		    "different gaps for a medium band). High priority goes to "
		    "phase 1 (0-3 months), low to phase 3 (6-12 months); an "
		    "action of high effort starts one phase later. Quick wins "
		    "(high priority, low effort) come first.", high, high);
	return xasprintf("Each area with recommendations is one initiative. "
	    "Priority comes from an action's weighted gap (Action plan "
	    "sheet): high from %s, medium from %s, low below %s, about a "
	    "third of the actions each (equal gaps share a band). High "
	    "priority goes to phase 1 (0-3 months), medium to phase 2 (3-6 "
	    "months), low to phase 3 (6-12 months); an action of high effort "
	    "starts one phase later. Quick wins (high priority, low effort) "
	    "come first.", high, medium, medium);
}

/*
 * One initiative row: its actions per phase and its first step (its
 * first action on the roadmap, so what to start with).
 */
static void
initiative_row(struct roadmap_sheet *s, lxw_row_t row,
    const struct roadmap_initiative *in)
{
	struct xlsx_book *b = &s->x->book;
	const struct result *r = s->x->r;
	const struct area *a = &r->model->areas[in->area];
	const struct recommendation *rec =
	    &r->recs[s->rm->items[in->first_item].rec];
	size_t lines = 1;

	xlsx_wrap(b, s->ws, row, COL_INITIATIVE, a->name,
	    s->widths[COL_INITIATIVE], &lines);
	xlsx_wrap(b, s->ws, row, COL_DOMAIN, r->model->domains[a->domain].name,
	    s->widths[COL_DOMAIN], &lines);
	for (int p = 0; p < ROADMAP_PHASES; p++) {
		if (in->per_phase[p] > 0)
			xlsx_num(b, s->ws, row, (lxw_col_t)(COL_C + p),
			    (double)in->per_phase[p], s->phase[p]);
	}
	if (in->quick_wins > 0)
		xlsx_num(b, s->ws, row, COL_F, (double)in->quick_wins,
		    s->quick);
	xlsx_wrap(b, s->ws, row, COL_ACTION, question_next_step(
	    &r->q->questions[rec->question], rec->next_option),
	    s->widths[COL_ACTION], &lines);
	xlsx_row_lines(b, s->ws, row, lines);
}

/* The table of initiatives; returns the row after it. */
static lxw_row_t
initiatives_table(struct roadmap_sheet *s)
{
	static const char *const heads[N_COLS] = {
		"Initiative", "Domain", "Phase 1: 0-3 months",
		"Phase 2: 3-6 months", "Phase 3: 6-12 months", "Quick wins",
		"First step", NULL,
	};
	lxw_row_t row = ROW_DATA;

	header(s, ROW_HEAD, heads);
	for (size_t i = 0; i < s->rm->n_initiatives; i++, row++)
		initiative_row(s, row, &s->rm->initiatives[i]);
	return row;
}

/* One action row of a phase. */
static void
action_row(struct roadmap_sheet *s, lxw_row_t row,
    const struct roadmap_item *it)
{
	struct xlsx_book *b = &s->x->book;
	const struct result *r = s->x->r;
	const struct recommendation *rec = &r->recs[it->rec];
	const struct question *qu = &r->q->questions[rec->question];
	const struct area *a = &r->model->areas[rec->area];
	const char *effort = effort_name(qu->effort);
	size_t lines = 1;

	xlsx_wrap(b, s->ws, row, COL_INITIATIVE, a->name,
	    s->widths[COL_INITIATIVE], &lines);
	xlsx_wrap(b, s->ws, row, COL_DOMAIN, r->model->domains[a->domain].name,
	    s->widths[COL_DOMAIN], &lines);
	xlsx_text(b, s->ws, row, COL_C, roadmap_priority_name(it->priority),
	    b->f.text);
	xlsx_text(b, s->ws, row, COL_D, effort != NULL ? effort : "not given",
	    b->f.text);
	xlsx_num(b, s->ws, row, COL_E, (double)(it->rec + 1), s->number);
	if (it->quick_win)
		xlsx_text(b, s->ws, row, COL_F, "quick win", s->quick);
	xlsx_wrap(b, s->ws, row, COL_ACTION, question_next_step(qu,
	    rec->next_option), s->widths[COL_ACTION], &lines);
	xlsx_text(b, s->ws, row, COL_QUESTION, qu->id, b->f.text);
	xlsx_row_lines(b, s->ws, row, lines);
}

/* The heading line of phase p (0-based). */
static void
phase_heading(struct roadmap_sheet *s, lxw_row_t row, int p)
{
	struct xlsx_book *b = &s->x->book;
	size_t n = s->rm->per_phase[p], quick = 0;
	char text[160];

	for (size_t i = 0; i < s->rm->n_items; i++)
		quick += s->rm->items[i].phase == p + 1 &&
		    s->rm->items[i].quick_win;
	snprintf(text, sizeof(text), "Phase %d, %s: %zu action%s%s", p + 1,
	    roadmap_phase_months(p + 1), n, n == 1 ? "" : "s", n == 0 ?
	    " (nothing placed here)" : "");
	if (quick > 0)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    ", %zu quick win%s first", quick, quick == 1 ? "" : "s");
	xlsx_merge(b, s->ws, row, 0, N_COLS - 1, text, b->f.heading);
	xlsx_check(b, worksheet_set_row(s->ws, row, 20, NULL));
}

/*
 * The actions of every phase from row on, each phase with actions after
 * a page break; breaks gets the rows that start a page. Returns the row
 * after.
 */
static lxw_row_t
phase_tables(struct roadmap_sheet *s, lxw_row_t row, lxw_row_t *breaks)
{
	static const char *const heads[N_COLS] = {
		"Initiative", "Domain", "Priority", "Effort", "Rank",
		"Quick win", "Action", "Question id",
	};
	size_t i = 0, n_breaks = 0;

	for (int p = 0; p < ROADMAP_PHASES; p++) {
		/* An empty phase is one line: no page of its own. */
		if (s->rm->per_phase[p] > 0)
			breaks[n_breaks++] = row;
		phase_heading(s, row++, p);
		if (s->rm->per_phase[p] == 0)
			continue;
		header(s, row++, heads);
		for (; i < s->rm->n_items && s->rm->items[i].phase == p + 1;
		    i++)
			action_row(s, row++, &s->rm->items[i]);
	}
	return row;
}

void
xlsx_roadmap_sheet(struct xlsx_report *x)
{
	struct xlsx_book *b = &x->book;
	lxw_worksheet *ws = xlsx_sheet(b, "Roadmap");
	struct roadmap_sheet s = { .x = x, .ws = ws };
	lxw_row_t breaks[ROADMAP_PHASES + 1] = { 0 }, last = ROW_INTRO;
	char title[128], *intro;

	if (ws == NULL)
		return;
	s.rm = roadmap_new(x->r);
	for (int p = 0; p < ROADMAP_PHASES; p++)
		s.phase[p] = phase_format(b, p);
	/* Green as the Status "Done": 6:1 contrast. */
	s.quick = xlsx_cell_format(b, "0", 0xC6EFCE, 0x006100, true);
	s.number = xlsx_cell_format(b, "0", 0, LXW_COLOR_BLACK, true);
	set_widths(&s);
	snprintf(title, sizeof(title), "Roadmap: %zu action%s in %zu "
	    "initiative%s over 12 months", s.rm->n_items, s.rm->n_items == 1 ?
	    "" : "s", s.rm->n_initiatives, s.rm->n_initiatives == 1 ? "" :
	    "s");
	xlsx_merge(b, ws, 0, 0, N_COLS - 1, title, b->f.title);
	xlsx_check(b, worksheet_set_row(ws, 0, 26, NULL));
	intro = s.rm->n_items > 0 ? rule_text(s.rm) : xstrdup("Nothing to "
	    "place: no answer is below its area's target.");
	xlsx_paragraph(b, ws, ROW_INTRO, 0, N_COLS - 1, s.widths, intro,
	    b->f.intro);
	free(intro);
	if (s.rm->n_items > 0) {
		last = phase_tables(&s, initiatives_table(&s) + 1, breaks) - 1;
		xlsx_check(b, worksheet_set_h_pagebreaks(ws, breaks));
	}
	xlsx_check(b, worksheet_print_area(ws, 0, 0, last, N_COLS - 1));
	xlsx_check(b, worksheet_repeat_rows(ws, 0, 0));
	xlsx_print_setup(ws);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	roadmap_free(s.rm);
}
