/*
 * The portfolio workbook of a batch: one row per scored assessment with
 * its overall and domain scores under a 3-colour scale, and a clustered
 * column chart comparing them. Built from the rows of struct portfolio,
 * so a batch keeps no result after scoring a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/report.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"
#include "socassess/xlsx-book.h"

#define ROW_HEAD 2
#define ROW_DATA 3
/* Columns before the domain scores, and their widths. */
static const struct xlsx_col fixed_cols[] = {
	{ "Assessment", 22, true }, { "Organisation", 24, true },
	{ "Scope", 30, true }, { "Date", 11, false },
	{ "Operating model", 16, true }, { "Overall", 9, false },
	{ "Level", 16, true }, { "Target", 8, false },
	{ "To target", 9, false },
};
#define COL_OVERALL 5
#define COL_DOMAINS ARRAY_SIZE(fixed_cols)
#define MAX_COLS 64
/* After the domains: completeness, status, target verdict. */
#define TAIL_COLS 3

struct column {
	const char *id;      /* domain id, borrowed from the catalog */
	const char *name;    /* domain name, borrowed from the catalog */
};

/* The domains of every row, in order of first appearance. */
static size_t
domain_columns(const struct portfolio *p, struct column *cols, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct model *m = p->rows[i].model;

		for (size_t d = 0; d < m->n_domains; d++) {
			const char *id = m->domains[d].id;
			size_t k;

			for (k = 0; k < n && strcmp(cols[k].id, id) != 0; k++)
				;
			if (k < n || n == max)
				continue;
			cols[n].id = id;
			cols[n].name = m->domains[d].name;
			n++;
		}
	}
	return n;
}

/* "NAME" of an input "x/y/NAME.yaml". */
static char *
input_name(const char *input)
{
	const char *base = input != NULL ? strrchr(input, '/') : NULL;
	const char *dot;
	size_t n;

	if (input == NULL)
		return xstrdup("");
	base = base != NULL ? base + 1 : input;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	return xasprintf("%.*s", (int)n, base);
}

static void
write_row(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r,
    const struct portfolio_row *row, const struct column *cols,
    size_t n_cols)
{
	const struct model *m = row->model;
	struct opt_score ratio = completeness_ratio(&row->done);
	char *name = input_name(row->input), verdict[64];
	size_t lines = 1;

	xlsx_wrap(b, ws, r, 0, name, fixed_cols[0].width, &lines);
	free(name);
	xlsx_wrap(b, ws, r, 1, row->organisation, fixed_cols[1].width,
	    &lines);
	xlsx_wrap(b, ws, r, 2, row->scope, fixed_cols[2].width, &lines);
	xlsx_text(b, ws, r, 3, row->date, b->f.text);
	xlsx_wrap(b, ws, r, 4, row->profile->name, fixed_cols[4].width,
	    &lines);
	xlsx_opt(b, ws, r, COL_OVERALL, row->score, b->f.num2);
	xlsx_wrap(b, ws, r, 6, row->score.set ? score_level_name(m,
	    row->level) : NULL, fixed_cols[6].width, &lines);
	xlsx_opt(b, ws, r, 7, row->target, b->f.num2);
	xlsx_opt(b, ws, r, 8, row->percent_to_target, b->f.pct);
	for (size_t k = 0; k < n_cols; k++) {
		int d = model_find_domain(m, cols[k].id);
		struct opt_score s = { false, 0 };

		if (d >= 0)
			s = row->domains[d];
		xlsx_opt(b, ws, r, (lxw_col_t)(COL_DOMAINS + k), s,
		    b->f.num2);
	}
	xlsx_opt(b, ws, r, (lxw_col_t)(COL_DOMAINS + n_cols), ratio,
	    b->f.pct);
	xlsx_text(b, ws, r, (lxw_col_t)(COL_DOMAINS + n_cols + 1),
	    row->provisional ? "provisional" : "final", row->provisional ?
	    b->f.label : b->f.text);
	snprintf(verdict, sizeof(verdict), row->target_met ? "met" :
	    "not met: %zu area%s short", row->n_short, row->n_short == 1 ?
	    "" : "s");
	xlsx_text(b, ws, r, (lxw_col_t)(COL_DOMAINS + n_cols + 2), verdict,
	    b->f.text);
	xlsx_row_lines(b, ws, r, lines);
}

static void
colour_scale(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r1,
    lxw_row_t r2, lxw_col_t c1, lxw_col_t c2, int max)
{
	lxw_conditional_format cf = { 0 };

	cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
	cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.min_value = 0;
	cf.min_color = 0xF8696B;
	cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.mid_value = max / 2.0;
	cf.mid_color = 0xFFEB84;
	cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.max_value = max;
	cf.max_color = 0x63BE7B;
	xlsx_check(b, worksheet_conditional_format_range(ws, r1, c1, r2, c2,
	    &cf));
}

static void
comparison_chart(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r1,
    lxw_row_t r2, const struct column *cols, size_t n_cols, int max)
{
	static const lxw_color_t colours[] = {
		0x1F3864, 0x2E75B6, 0x9DC3E6, 0xF4B183, 0xA9D18E, 0xFFD966,
		0x7F7F7F, 0xC55A11,
	};
	lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
	lxw_chart_font title = { .size = 12, .bold = LXW_TRUE };
	lxw_chart_options opt = { .x_offset = 4, .y_offset = 8 };
	size_t n_rows = (size_t)(r2 - r1 + 1);
	double width;

	for (size_t k = 0; k <= n_cols; k++) {
		lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
		lxw_chart_fill fill = { .color = colours[k %
		    ARRAY_SIZE(colours)] };
		lxw_col_t c = k == 0 ? COL_OVERALL : (lxw_col_t)(COL_DOMAINS +
		    k - 1);
		struct strbuf name = STRBUF_INIT;

		chart_series_set_categories(s, ws->name, r1, 0, r2, 0);
		chart_series_set_values(s, ws->name, r1, c, r2, c);
		/* A domain name from the model: the chart XML is not escaped. */
		chart_series_set_name(s, k == 0 ? "Overall" :
		    xlsx_plain_text(cols[k - 1].name, &name));
		strbuf_release(&name);
		chart_series_set_fill(s, &fill);
	}
	chart_title_set_name(ch, "Scores by assessment");
	chart_title_set_name_font(ch, &title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_axis_set_min(ch->y_axis, 0);
	chart_axis_set_max(ch->y_axis, max);
	chart_axis_set_major_unit(ch->y_axis, 1);
	width = 200 + 16.0 * (double)(n_rows * (n_cols + 1));
	if (width < 960)
		width = 960;
	if (width > 2400)
		width = 2400;
	opt.x_scale = width / 480;
	opt.y_scale = 420.0 / 288;
	xlsx_check(b, worksheet_insert_chart_opt(ws, r2 + 2, 0, ch, &opt));
}

/*
 * The header of the table: the fixed columns, one per domain of cols,
 * then the tail columns; widths gets their widths.
 */
static void
table_heads(struct xlsx_col *heads, double *widths, const struct column *cols,
    size_t n_cols)
{
	memcpy(heads, fixed_cols, sizeof(fixed_cols));
	for (size_t k = 0; k < n_cols; k++)
		heads[COL_DOMAINS + k] = (struct xlsx_col){ cols[k].name, 12,
		    true };
	heads[COL_DOMAINS + n_cols] = (struct xlsx_col){ "Completeness", 13,
	    false };
	heads[COL_DOMAINS + n_cols + 1] = (struct xlsx_col){ "Status", 12,
	    false };
	heads[COL_DOMAINS + n_cols + 2] = (struct xlsx_col){ "Target verdict",
	    22, false };
	for (size_t c = 0; c < COL_DOMAINS + n_cols + TAIL_COLS; c++)
		widths[c] = heads[c].width;
}

int
report_xlsx_portfolio(const struct portfolio *p, const char *path,
    struct soc_errors *errs)
{
	size_t n_rows = p->n, n_cols;
	struct xlsx_col heads[MAX_COLS + COL_DOMAINS + TAIL_COLS];
	struct column cols[MAX_COLS];
	lxw_doc_properties props = { 0 };
	struct xlsx_book b;
	lxw_worksheet *ws;
	const char *latest = NULL;
	double widths[MAX_COLS + COL_DOMAINS + TAIL_COLS];
	char intro[256];
	int max = 0;

	for (size_t i = 0; i < n_rows; i++) {
		const char *date = p->rows[i].date;
		const struct model *m = p->rows[i].model;

		if (date != NULL && (latest == NULL || strcmp(date, latest) >
		    0))
			latest = date;
		if (model_max_level(m) > max)
			max = model_max_level(m);
	}
	if (max == 0)
		max = 5;
	props.title = xlsx_str("SOC maturity portfolio");
	props.subject = xlsx_str("Comparison of SOC maturity assessments");
	props.comments = xlsx_str("Written by socassess " SOCASSESS_VERSION);
	/* The latest assessment date: the same inputs, the same bytes. */
	props.created = xlsx_date_time(latest);
	if (xlsx_begin(&b, path, &props, errs) < 0)
		return -1;
	n_cols = domain_columns(p, cols, MAX_COLS);
	table_heads(heads, widths, cols, n_cols);

	ws = xlsx_sheet(&b, "Portfolio");
	if (ws != NULL) {
		lxw_col_t last = (lxw_col_t)(COL_DOMAINS + n_cols + TAIL_COLS -
		    1);

		xlsx_table(&b, ws, ROW_HEAD, heads, COL_DOMAINS + n_cols +
		    TAIL_COLS,
		    n_rows);
		xlsx_merge(&b, ws, 0, 0, last, "SOC maturity portfolio",
		    b.f.title);
		xlsx_check(&b, worksheet_set_row(ws, 0, 26, NULL));
		snprintf(intro, sizeof(intro), "%zu assessment%s scored, "
		    "%zu failed. Scores run from 0 to %d; colours from red "
		    "(low) to green (high).", n_rows, n_rows == 1 ? "" : "s",
		    p->n_failed, max);
		xlsx_paragraph(&b, ws, 1, 0, last, widths, intro, b.f.intro);
		for (size_t i = 0; i < n_rows; i++)
			write_row(&b, ws, ROW_DATA + (lxw_row_t)i,
			    &p->rows[i], cols, n_cols);
		if (n_rows > 0) {
			lxw_row_t r2 = ROW_DATA + (lxw_row_t)n_rows - 1;

			colour_scale(&b, ws, ROW_DATA, r2, COL_OVERALL,
			    COL_OVERALL, max);
			if (n_cols > 0)
				colour_scale(&b, ws, ROW_DATA, r2,
				    COL_DOMAINS, (lxw_col_t)(COL_DOMAINS +
				    n_cols - 1), max);
			comparison_chart(&b, ws, ROW_DATA, r2, cols, n_cols,
			    max);
		}
		worksheet_activate(ws);
	}
	return xlsx_finish(&b, errs);
}
