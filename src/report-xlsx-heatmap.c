/*
 * Two pictures of the areas in the XLSX report. The Heatmap sheet lays
 * each domain's areas out in a grid, every cell filled by the area's
 * level band and carrying its level and target in words, so it reads in
 * black-and-white print too, with a legend of the levels. The Charts
 * sheet draws one bar chart of score against target per domain, packed
 * onto printed pages so that no chart is cut by a page break, over the
 * table of area scores the charts draw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-xlsx.h"
#include "socassess/report.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"

/* Heatmap: the domain column, then HEAT_COLS area cells per row. */
#define HEAT_COLS 6
#define HEAT_DOMAIN_WIDTH 16
#define HEAT_CELL_WIDTH 21

/*
 * Charts: rows of CHART_ROW_PT points (the default height), a printed
 * page holds CHART_PAGE_PT of them (A4 landscape, 0.4 inch margins,
 * the footer and the repeated title row taken off, with a margin).
 */
#define CHART_ROW_PT 15
#define CHART_PAGE_PT 450
#define CHART_COLS 8
/* Columns of the area table, also the width the charts span. */
static const double chart_widths[CHART_COLS] = {
	18, 34, 8, 22, 8, 18, 10, 10,
};

/* "2 Managed" style level words, and "target 3" or "target 2.50". */
static void
level_words(const struct model *m, const struct area_result *ar, char *buf,
    size_t size)
{
	char t[32];

	figure_score(t, sizeof(t), ar->target);
	if (!ar->applies) {
		snprintf(buf, size, "not run");
		return;
	}
	if (!ar->score.set) {
		snprintf(buf, size, "not scored\ntarget %s", t);
		return;
	}
	snprintf(buf, size, "Level %d %s\ntarget %s%s", ar->level,
	    score_level_name(m, ar->level), t, ar->provisional ?
	    ", too few answers" : ar->verdict == AV_MET ? ", met" :
	    ar->verdict == AV_BELOW_TARGET ? ", below" : "");
}

/* One area cell: name in bold, then level and target; its lines. */
static size_t
heat_cell(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, size_t ai)
{
	struct xlsx_book *b = &x->book;
	const struct model *m = x->r->model;
	const struct area_result *ar = &x->r->areas[ai];
	size_t band = ar->applies && ar->score.set ? xlsx_band(ar->level,
	    model_max_level(m)) : XLSX_BANDS;
	char words[256];
	char *rest;
	size_t lines;

	level_words(m, ar, words, sizeof(words));
	rest = xasprintf("\n%s", words);
	xlsx_rich(b, ws, row, col, m->areas[ai].name, rest, b->f.heat[band]);
	lines = xlsx_lines(m->areas[ai].name, HEAT_CELL_WIDTH) +
	    xlsx_lines(words, HEAT_CELL_WIDTH);
	free(rest);
	return lines;
}

/* One domain's rows of the grid; returns the next free row. */
static lxw_row_t
heat_domain(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    size_t d)
{
	struct xlsx_book *b = &x->book;
	const struct domain *dom = &x->r->model->domains[d];
	const struct domain_result *dr = &x->r->domains[d];
	size_t rows = (dom->n_areas + HEAT_COLS - 1) / HEAT_COLS;
	size_t lines[64] = { 0 };
	char s[32], *label;

	if (rows == 0)
		return row;
	figure_score(s, sizeof(s), dr->score.value);
	label = dr->score.set ? xasprintf("%s\n%s (level %d)", dom->name, s,
	    dr->level) : xasprintf("%s\nnot scored", dom->name);
	if (rows > 1)
		xlsx_check(b, worksheet_merge_range(ws, row, 0, row +
		    (lxw_row_t)rows - 1, 0, "", b->f.label));
	xlsx_rich(b, ws, row, 0, dom->name, label + strlen(dom->name),
	    b->f.wrap);
	free(label);
	for (size_t i = 0; i < dom->n_areas; i++) {
		size_t k = i / HEAT_COLS, n = heat_cell(x, ws, row +
		    (lxw_row_t)k, (lxw_col_t)(1 + i % HEAT_COLS),
		    dom->first_area + i);

		if (k < ARRAY_SIZE(lines) && n > lines[k])
			lines[k] = n;
	}
	/* The domain label's two lines are the least a row holds. */
	for (size_t k = 0; k < rows && k < ARRAY_SIZE(lines); k++)
		xlsx_row_lines(b, ws, row + (lxw_row_t)k, lines[k] > 2 ?
		    lines[k] : 2);
	return row + (lxw_row_t)rows;
}

/* The six levels with their fill, number, name and first sentence. */
static lxw_row_t
heat_legend(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row)
{
	struct xlsx_book *b = &x->book;
	const struct model *m = x->r->model;
	double width = HEAT_CELL_WIDTH * (HEAT_COLS - 1);

	xlsx_merge(b, ws, row++, 0, HEAT_COLS, "Levels", b->f.heading);
	for (size_t k = 0; k < m->n_levels; k++, row++) {
		const struct scale_level *l = &m->scale[k];
		char num[16];
		size_t lines = 1;

		char *line = xlsx_first_sentence(l->description);

		snprintf(num, sizeof(num), "%d", l->level);
		xlsx_text(b, ws, row, 0, num, b->f.heat[xlsx_band(l->level,
		    model_max_level(m))]);
		xlsx_text(b, ws, row, 1, l->name, b->f.label);
		lines = xlsx_lines(line, width);
		xlsx_merge(b, ws, row, 2, HEAT_COLS, line, b->f.wrap);
		xlsx_row_lines(b, ws, row, lines);
		free(line);
	}
	return row;
}

void
xlsx_heatmap_sheet(struct xlsx_report *x)
{
	struct xlsx_book *b = &x->book;
	const struct model *m = x->r->model;
	lxw_worksheet *ws = xlsx_sheet(b, "Heatmap");
	double widths[HEAT_COLS + 1];
	char *verdict;
	lxw_row_t row = 3;

	if (ws == NULL)
		return;
	widths[0] = HEAT_DOMAIN_WIDTH;
	xlsx_check(b, worksheet_set_column(ws, 0, 0, HEAT_DOMAIN_WIDTH,
	    NULL));
	for (size_t c = 1; c <= HEAT_COLS; c++)
		widths[c] = HEAT_CELL_WIDTH;
	xlsx_check(b, worksheet_set_column(ws, 1, HEAT_COLS, HEAT_CELL_WIDTH,
	    NULL));
	xlsx_merge(b, ws, 0, 0, HEAT_COLS, "Heatmap: every area by level",
	    b->f.title);
	xlsx_check(b, worksheet_set_row(ws, 0, 26, NULL));
	xlsx_paragraph(b, ws, 1, 0, HEAT_COLS, widths, "Each cell is an "
	    "area: its level (0 to 5, the colour from red to green) and the "
	    "target its operating model sets; \"below\" marks an area under "
	    "its target. The level number is printed, so the map reads in "
	    "black and white too.", b->f.intro);
	verdict = report_verdict_text(x->r);
	xlsx_paragraph(b, ws, 2, 0, HEAT_COLS, widths, verdict, b->f.intro);
	free(verdict);
	for (size_t d = 0; d < m->n_domains; d++)
		row = heat_domain(x, ws, row, d);
	row = heat_legend(x, ws, row + 1);
	xlsx_print_setup(ws);
	/* One page: the map is read as a whole. */
	worksheet_fit_to_pages(ws, 1, 1);
	xlsx_check(b, worksheet_print_area(ws, 0, 0, row - 1, HEAT_COLS));
	xlsx_check(b, worksheet_repeat_rows(ws, 0, 0));
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
}

/* Applicable areas of domain d. */
static size_t
applicable_areas(const struct result *r, size_t d)
{
	const struct domain *dom = &r->model->domains[d];
	size_t n = 0;

	for (size_t ai = dom->first_area; ai < dom->first_area + dom->n_areas;
	    ai++)
		n += r->areas[ai].applies;
	return n;
}

/* Chart height in points for n areas: title, legend, axis, bars. */
static double
chart_points(size_t n)
{
	double pt = 105 + 15 * (double)n;

	/* Never taller than a page: the bars get thinner instead. */
	return pt < CHART_PAGE_PT - 2 * CHART_ROW_PT ? pt :
	    CHART_PAGE_PT - 2 * CHART_ROW_PT;
}

/* Width of the columns in pixels, as spreadsheets draw them. */
static int
chart_width(void)
{
	double px = 0;

	for (size_t c = 0; c < CHART_COLS; c++)
		px += chart_widths[c] * 7 + 5;
	return (int)px - 8;
}

/*
 * The table of area scores the charts draw, from row; writes the first
 * data row of each domain into first[] and returns the next free row.
 */
static lxw_row_t
chart_table(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    lxw_row_t *first)
{
	static const char *const heads[] = {
		"Domain", "Area", "Score", "Level", "Target", "Gap",
	};
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	const struct model *m = r->model;
	lxw_row_t top;

	xlsx_merge(b, ws, row++, 0, ARRAY_SIZE(heads) - 1, "Scores by area",
	    b->f.heading);
	for (size_t c = 0; c < ARRAY_SIZE(heads); c++)
		xlsx_text(b, ws, row, (lxw_col_t)c, heads[c], b->f.head);
	top = ++row;
	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];

		first[d] = row;
		for (size_t ai = dom->first_area; ai < dom->first_area +
		    dom->n_areas; ai++) {
			const struct area_result *ar = &r->areas[ai];

			if (!ar->applies)
				continue;
			xlsx_text(b, ws, row, 0, dom->name, b->f.text);
			xlsx_chart_text(b, ws, row, 1, m->areas[ai].name,
			    b->f.text);
			xlsx_opt(b, ws, row, 2, ar->score, b->f.num2);
			xlsx_text(b, ws, row, 3, ar->score.set ?
			    score_level_name(m, ar->level) : "not scored",
			    b->f.text);
			xlsx_num(b, ws, row, 4, ar->target, b->f.num2);
			if (ar->score.set && ar->provisional)
				xlsx_text(b, ws, row, 5, XLSX_INSUFFICIENT,
				    b->f.note);
			else if (ar->score.set)
				xlsx_num(b, ws, row, 5, ar->gap, b->f.num2);
			row++;
		}
	}
	xlsx_grey_insufficient(b, ws, top, row - 1, 2, 3, 5);
	xlsx_grey_insufficient(b, ws, top, row - 1, 5, 5, 5);
	xlsx_band_colours(b, ws, top, row - 1, 2, 3, 2, model_max_level(m));
	xlsx_gap_colours(b, ws, top, row - 1, 5);
	return row;
}

/*
 * Place one chart per domain from row 2 down, a page break before any
 * chart that would cross the bottom of the page; the breaks go into
 * breaks[] (0-terminated). Returns the row after the last chart.
 */
static lxw_row_t
chart_place(struct xlsx_report *x, lxw_worksheet *ws, const lxw_row_t *first,
    double used, lxw_row_t *breaks, size_t max_breaks)
{
	const struct result *r = x->r;
	const struct model *m = r->model;
	lxw_row_t row = 2;
	size_t n_breaks = 0;

	for (size_t d = 0; d < m->n_domains; d++) {
		size_t n = applicable_areas(r, d);
		double pt = chart_points(n);
		lxw_row_t rows = (lxw_row_t)(pt / CHART_ROW_PT) + 2;
		struct strbuf title = STRBUF_INIT, clean = STRBUF_INIT;
		struct xlsx_chart_spec spec = {
			.sheet = ws->name, .category = "Area",
			.first = first[d], .last = first[d] + (lxw_row_t)n - 1,
			.cat_col = 1, .score_col = 2, .target_col = 4,
			.max = model_max_level(m),
			.width = chart_width(),
			.height = (int)(pt * 4 / 3),
		};

		if (n == 0)
			continue;
		if (used + rows * CHART_ROW_PT > CHART_PAGE_PT && row > 2 &&
		    n_breaks + 1 < max_breaks) {
			breaks[n_breaks++] = row;
			used = 26; /* the title row, repeated */
		}
		strbuf_addf(&title, "%s: area scores against targets",
		    m->domains[d].name);
		spec.title = xlsx_plain_text(title.buf, &clean);
		xlsx_bar_chart(&x->book, ws, row, 0, &spec);
		strbuf_release(&title);
		strbuf_release(&clean);
		row += rows;
		used += rows * CHART_ROW_PT;
	}
	breaks[n_breaks] = 0;
	return row;
}

/* The rows the charts take from row 2 (one page break each at most). */
static lxw_row_t
chart_rows(const struct result *r)
{
	lxw_row_t rows = 0;

	for (size_t d = 0; d < r->model->n_domains; d++)
		if (applicable_areas(r, d) > 0)
			rows += (lxw_row_t)(chart_points(applicable_areas(r,
			    d)) / CHART_ROW_PT) + 2;
	return rows;
}

void
xlsx_charts_sheet(struct xlsx_report *x)
{
	struct xlsx_book *b = &x->book;
	lxw_worksheet *ws = xlsx_sheet(b, "Charts");
	static const char intro[] = "One chart per domain: each area's "
	    "score (dark bar) against the target of the operating model "
	    "(light bar), on the scale of levels 0 to 5. The table after "
	    "the charts holds the figures.";
	lxw_row_t breaks[64], *first, table_row, end;
	size_t n_breaks;
	double used;

	if (ws == NULL)
		return;
	for (size_t c = 0; c < CHART_COLS; c++)
		xlsx_check(b, worksheet_set_column(ws, (lxw_col_t)c,
		    (lxw_col_t)c, chart_widths[c], NULL));
	xlsx_merge(b, ws, 0, 0, CHART_COLS - 1, "Area scores by domain",
	    b->f.title);
	xlsx_check(b, worksheet_set_row(ws, 0, 26, NULL));
	xlsx_paragraph(b, ws, 1, 0, CHART_COLS - 1, chart_widths, intro,
	    b->f.intro);
	/* Rows 0 and 1 as xlsx_paragraph sized them, on the first page. */
	used = 26 + 13.0 * (double)(xlsx_lines(intro, chart_width() / 7.0) +
	    1) + 3;
	first = xcalloc(x->r->model->n_domains + 1, sizeof(*first));
	table_row = 2 + chart_rows(x->r);
	end = chart_table(x, ws, table_row, first);
	chart_place(x, ws, first, used, breaks, ARRAY_SIZE(breaks) - 1);
	for (n_breaks = 0; breaks[n_breaks] != 0; n_breaks++)
		;
	/* The table starts a page of its own. */
	breaks[n_breaks++] = table_row;
	breaks[n_breaks] = 0;
	xlsx_check(b, worksheet_set_h_pagebreaks(ws, breaks));
	free(first);
	xlsx_print_setup(ws);
	worksheet_set_margins(ws, 0.4, 0.4, 0.4, 0.5);
	xlsx_check(b, worksheet_print_area(ws, 0, 0, end - 1, CHART_COLS - 1));
	xlsx_check(b, worksheet_repeat_rows(ws, 0, 0));
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
}
