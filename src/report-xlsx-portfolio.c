/*
 * The portfolio workbook of a batch (docs/report-xlsx.md): Portfolio,
 * one row per scored assessment labelled by its organisation, with its
 * overall and domain scores under a 3-colour scale and a chart; Heatmap,
 * the level of every assessment in every domain, coloured by level with
 * the level number in the cell (the report's heatmap cells); and Trend, when an organisation was
 * assessed on several dates. Built from the rows of struct portfolio,
 * read back one at a time, so a batch keeps no result after scoring a
 * file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-compare.h"
#include "socassess/report.h"
#include "socassess/strbuf.h"
#include "socassess/utf8.h"
#include "socassess/util.h"
#include "socassess/xlsx-book.h"

#define ROW_HEAD 2
#define ROW_DATA 3
#define MAX_COLS 64
/* Width limits of columns sized from their text. */
#define W_LABEL_MIN 14
#define W_LABEL_MAX 40
#define W_DOMAIN_MIN 9
#define W_DOMAIN_MAX 16

/* Portfolio sheet columns before the domain scores. */
enum {
	COL_LABEL, COL_DATE, COL_SCOPE, COL_PROFILE, COL_OVERALL, COL_LEVEL,
	COL_TARGET, COL_TO_TARGET, COL_DOMAINS
};
/* After the domains: completeness, status, target verdict, file. */
#define TAIL_COLS 4

/* What every sheet of the workbook shares. */
struct pf_book {
	struct xlsx_book b;
	const struct portfolio *p;
	struct portfolio_domain cols[MAX_COLS];
	size_t n_cols;
	char **labels;           /* p->n row labels */
	double label_width;
	int max;                 /* the highest level of the models */
	lxw_format *number;      /* centred two decimals */
	lxw_format *level;       /* centred whole number */
	lxw_format *pct;         /* centred percentage */
	struct soc_errors *errs; /* why rows cannot be read back */
	bool lost;               /* a row could not be: give the book up */
};

/*
 * Row i into *row; false (row empty) once a row cannot be read back,
 * after which the workbook is only finished to be given up.
 */
static bool
get_row(struct pf_book *pb, size_t i, struct portfolio_row *row)
{
	if (pb->lost)
		memset(row, 0, sizeof(*row));
	else if (portfolio_row_get(pb->p, i, row, pb->errs) < 0)
		pb->lost = true;
	return !pb->lost;
}

/* The widest word of a domain name: headers wrap between words. */
static double
domain_width(const char *name)
{
	size_t widest = 0;

	for (const char *p = name; *p != '\0';) {
		size_t n = strcspn(p, " "), w = utf8_width_n(p, n);

		widest = w > widest ? w : widest;
		p += n + (p[n] == ' ');
	}
	double w = (double)widest / 1.25 + 2;

	return w < W_DOMAIN_MIN ? W_DOMAIN_MIN : w > W_DOMAIN_MAX ?
	    W_DOMAIN_MAX : w;
}

/* Header texts and widths of the Portfolio sheet into heads. */
static size_t
portfolio_heads(struct pf_book *pb, struct xlsx_col *heads)
{
	const struct portfolio *p = pb->p;
	double scope = 10, profile = 12, level = 8, file = 10;
	size_t n = COL_DOMAINS;

	for (size_t i = 0; i < p->n; i++) {
		struct portfolio_row row;
		double w;

		if (!get_row(pb, i, &row))
			break;
		w = xlsx_fit_width(row.scope, 10, 30);
		scope = w > scope ? w : scope;
		w = xlsx_fit_width(row.profile->name, 12, 24);
		profile = w > profile ? w : profile;
		w = xlsx_fit_width(row.score.set ? score_level_name(row.model,
		    row.level) : NULL, 8, 20);
		level = w > level ? w : level;
		w = xlsx_fit_width(row.input, 10, 40);
		file = w > file ? w : file;
		portfolio_row_release(&row);
	}
	heads[COL_LABEL] = (struct xlsx_col){ "Assessment", pb->label_width,
	    true };
	heads[COL_DATE] = (struct xlsx_col){ "Date", 11, false };
	heads[COL_SCOPE] = (struct xlsx_col){ "Scope", scope, true };
	heads[COL_PROFILE] = (struct xlsx_col){ "Operating model", profile,
	    true };
	heads[COL_OVERALL] = (struct xlsx_col){ "Overall", 9, false };
	heads[COL_LEVEL] = (struct xlsx_col){ "Level", level, true };
	heads[COL_TARGET] = (struct xlsx_col){ "Target", 9, false };
	heads[COL_TO_TARGET] = (struct xlsx_col){ "To target", 9, false };
	for (size_t k = 0; k < pb->n_cols; k++)
		heads[n++] = (struct xlsx_col){ pb->cols[k].name,
		    domain_width(pb->cols[k].name), true };
	heads[n++] = (struct xlsx_col){ "Completeness", 13, false };
	heads[n++] = (struct xlsx_col){ "Status", 12, false };
	heads[n++] = (struct xlsx_col){ "Target verdict", 22, true };
	heads[n++] = (struct xlsx_col){ "Answers file", file, true };
	return n;
}

/* A title, an introduction over n columns of widths, a header row. */
static void
sheet_top(struct pf_book *pb, lxw_worksheet *ws, const char *title,
    const char *intro, const struct xlsx_col *heads, size_t n,
    size_t n_rows)
{
	struct xlsx_book *b = &pb->b;
	double widths[MAX_COLS + COL_DOMAINS + TAIL_COLS];

	for (size_t c = 0; c < n; c++)
		widths[c] = heads[c].width;
	xlsx_table(b, ws, ROW_HEAD, heads, n, n_rows);
	xlsx_merge(b, ws, 0, 0, (lxw_col_t)(n - 1), title, b->f.title);
	xlsx_check(b, worksheet_set_row(ws, 0, 26, NULL));
	xlsx_paragraph(b, ws, 1, 0, (lxw_col_t)(n - 1), widths, intro,
	    b->f.intro);
	/* Domain names wrap in the header: room for two lines. */
	xlsx_row_lines(b, ws, ROW_HEAD, 2);
}

/* The cells of one assessment after its label, date, scope and model. */
static void
write_scores(struct pf_book *pb, lxw_worksheet *ws, lxw_row_t r,
    const struct portfolio_row *row, double level_width, size_t *lines)
{
	struct xlsx_book *b = &pb->b;
	lxw_col_t c = COL_DOMAINS;
	char verdict[64];

	xlsx_opt(b, ws, r, COL_OVERALL, row->score, pb->number);
	xlsx_wrap(b, ws, r, COL_LEVEL, row->score.set ? score_level_name(
	    row->model, row->level) : NULL, level_width, lines);
	xlsx_opt(b, ws, r, COL_TARGET, row->target, pb->number);
	xlsx_opt(b, ws, r, COL_TO_TARGET, row->percent_to_target, pb->pct);
	for (size_t k = 0; k < pb->n_cols; k++, c++) {
		int level;

		xlsx_opt(b, ws, r, c, portfolio_domain_score(row,
		    pb->cols[k].id, &level), pb->number);
	}
	xlsx_opt(b, ws, r, c++, completeness_ratio(&row->done), pb->pct);
	xlsx_text(b, ws, r, c++, row->provisional ? "provisional" : "final",
	    row->provisional ? b->f.label : b->f.text);
	snprintf(verdict, sizeof(verdict), row->target_met ? "met" :
	    "not met: %zu area%s short", row->n_short, row->n_short == 1 ?
	    "" : "s");
	xlsx_text(b, ws, r, c, verdict, b->f.text);
}

static void
write_row(struct pf_book *pb, lxw_worksheet *ws, size_t i,
    const struct xlsx_col *heads, size_t n_heads)
{
	struct xlsx_book *b = &pb->b;
	struct portfolio_row row_data, *row = &row_data;
	lxw_row_t r = ROW_DATA + (lxw_row_t)i;
	size_t lines = 1;

	if (!get_row(pb, i, row))
		return;
	xlsx_wrap(b, ws, r, COL_LABEL, pb->labels[i], heads[COL_LABEL].width,
	    &lines);
	xlsx_text(b, ws, r, COL_DATE, row->date, b->f.text);
	xlsx_wrap(b, ws, r, COL_SCOPE, row->scope, heads[COL_SCOPE].width,
	    &lines);
	xlsx_wrap(b, ws, r, COL_PROFILE, row->profile->name,
	    heads[COL_PROFILE].width, &lines);
	write_scores(pb, ws, r, row, heads[COL_LEVEL].width, &lines);
	xlsx_wrap(b, ws, r, (lxw_col_t)(n_heads - 1), row->input,
	    heads[n_heads - 1].width, &lines);
	xlsx_row_lines(b, ws, r, lines);
	portfolio_row_release(row);
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

/* The chart's height in rows of 20 pixels, for the print area. */
#define CHART_ROWS 22
/* Category labels of the chart are cut to this many columns. */
#define CHART_LABEL 28

/*
 * The chart's category labels in the hidden column col: the label cut
 * with an ellipsis so the axis stays readable, then the date, which
 * tells two assessments of one organisation apart. Chart XML caches
 * them unescaped, so characters XML refuses become U+FFFD.
 */
static void
chart_labels(struct pf_book *pb, lxw_worksheet *ws, lxw_col_t col)
{
	struct xlsx_book *b = &pb->b;
	lxw_row_col_options hidden = { .hidden = LXW_TRUE };
	double width = 12;

	xlsx_text(b, ws, ROW_HEAD, col, "Chart label", b->f.head);
	for (size_t i = 0; i < pb->p->n; i++) {
		struct portfolio_row row;
		struct strbuf plain = STRBUF_INIT, cut = STRBUF_INIT;

		if (!get_row(pb, i, &row))
			break;
		utf8_add_cut(&cut, xlsx_plain_text(pb->labels[i], &plain),
		    CHART_LABEL);
		if (row.date != NULL) {
			strbuf_reset(&plain);
			strbuf_addf(&cut, " (%s)", xlsx_plain_text(row.date,
			    &plain));
		}
		portfolio_row_release(&row);
		xlsx_text(b, ws, ROW_DATA + (lxw_row_t)i, col, cut.buf,
		    b->f.text);
		if (xlsx_fit_width(cut.buf, 12, 60) > width)
			width = xlsx_fit_width(cut.buf, 12, 60);
		strbuf_release(&plain);
		strbuf_release(&cut);
	}
	/* Wide enough to read when someone shows the column. */
	xlsx_check(b, worksheet_set_column_opt(ws, col, col, width, NULL,
	    &hidden));
}

static void
comparison_chart(struct pf_book *pb, lxw_worksheet *ws, lxw_row_t r1,
    lxw_row_t r2, lxw_col_t label_col)
{
	static const lxw_color_t colours[] = {
		0x1F3864, 0x2E75B6, 0x9DC3E6, 0xF4B183, 0xA9D18E, 0xFFD966,
		0x7F7F7F, 0xC55A11,
	};
	struct xlsx_book *b = &pb->b;
	lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
	lxw_chart_font title = { .size = 12, .bold = LXW_TRUE };
	lxw_chart_options opt = { .x_offset = 4, .y_offset = 8 };
	size_t n_rows = (size_t)(r2 - r1 + 1);
	double width;

	for (size_t k = 0; k <= pb->n_cols; k++) {
		lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
		lxw_chart_fill fill = { .color = colours[k %
		    ARRAY_SIZE(colours)] };
		lxw_col_t c = k == 0 ? COL_OVERALL : (lxw_col_t)(COL_DOMAINS +
		    k - 1);
		struct strbuf name = STRBUF_INIT;

		chart_series_set_categories(s, ws->name, r1, label_col, r2,
		    label_col);
		chart_series_set_values(s, ws->name, r1, c, r2, c);
		/* A domain name from the model: the chart XML is not escaped. */
		chart_series_set_name(s, k == 0 ? "Overall" :
		    xlsx_plain_text(pb->cols[k - 1].name, &name));
		strbuf_release(&name);
		chart_series_set_fill(s, &fill);
	}
	chart_title_set_name(ch, "Scores by assessment");
	chart_title_set_name_font(ch, &title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_axis_set_name(ch->y_axis, "Score");
	chart_axis_set_min(ch->y_axis, 0);
	chart_axis_set_max(ch->y_axis, pb->max);
	chart_axis_set_major_unit(ch->y_axis, 1);
	width = 200 + 16.0 * (double)(n_rows * (pb->n_cols + 1));
	width = width < 960 ? 960 : width > 2400 ? 2400 : width;
	opt.x_scale = width / 480;
	opt.y_scale = 420.0 / 288;
	xlsx_check(b, worksheet_insert_chart_opt(ws, r2 + 2, 0, ch, &opt));
}

static void
portfolio_sheet(struct pf_book *pb)
{
	struct xlsx_book *b = &pb->b;
	const struct portfolio *p = pb->p;
	struct xlsx_col heads[MAX_COLS + COL_DOMAINS + TAIL_COLS];
	size_t n = portfolio_heads(pb, heads);
	lxw_worksheet *ws = xlsx_sheet(b, "Portfolio");
	lxw_row_t last = ROW_DATA + (lxw_row_t)(p->n > 0 ? p->n - 1 : 0);
	char intro[256];

	if (ws == NULL)
		return;
	snprintf(intro, sizeof(intro), "%zu assessment%s scored, %zu failed, "
	    "each named by its organisation. Scores run from 0 to %d; "
	    "colours from red (low) to green (high).", p->n, p->n == 1 ?
	    "" : "s", p->n_failed, pb->max);
	sheet_top(pb, ws, "SOC maturity portfolio", intro, heads, n, p->n);
	for (size_t i = 0; i < p->n; i++)
		write_row(pb, ws, i, heads, n);
	if (p->n > 0) {
		colour_scale(b, ws, ROW_DATA, last, COL_OVERALL, COL_OVERALL,
		    pb->max);
		if (pb->n_cols > 0)
			colour_scale(b, ws, ROW_DATA, last, COL_DOMAINS,
			    (lxw_col_t)(COL_DOMAINS + pb->n_cols - 1),
			    pb->max);
		chart_labels(pb, ws, (lxw_col_t)n);
		comparison_chart(pb, ws, ROW_DATA, last, (lxw_col_t)n);
		last += 2 + CHART_ROWS;
	}
	xlsx_check(b, worksheet_print_area(ws, 0, 0, last,
	    (lxw_col_t)(n - 1)));
	worksheet_activate(ws);
}

/* The first level column of the Heatmap, after assessment and date. */
#define HEAT_FIRST 2

/* The level of row in column k (0: overall) into *level; false: none. */
static bool
heat_level(const struct pf_book *pb, const struct portfolio_row *row,
    size_t k, int *level)
{
	if (k == 0) {
		*level = row->level;
		return row->score.set;
	}
	return portfolio_domain_score(row, pb->cols[k - 1].id, level).set;
}

/* Level numbers and names of the first row's model below the grid. */
static void
heat_legend(struct pf_book *pb, lxw_worksheet *ws, lxw_row_t row)
{
	struct xlsx_book *b = &pb->b;
	const struct model *m = pb->p->models[0];

	xlsx_text(b, ws, row++, 0, "Levels", b->f.heading);
	for (size_t l = 0; l < m->n_levels; l++) {
		xlsx_num(b, ws, row + (lxw_row_t)l, HEAT_FIRST,
		    (double)m->scale[l].level, b->f.heat[xlsx_band(
		    m->scale[l].level, pb->max)]);
		xlsx_text(b, ws, row + (lxw_row_t)l, 0, m->scale[l].name,
		    b->f.text);
	}
}

static void
heatmap_sheet(struct pf_book *pb)
{
	struct xlsx_book *b = &pb->b;
	const struct portfolio *p = pb->p;
	struct xlsx_col heads[MAX_COLS + HEAT_FIRST];
	lxw_worksheet *ws = xlsx_sheet(b, "Heatmap");
	lxw_row_t last = ROW_DATA + (lxw_row_t)p->n - 1;
	size_t n = HEAT_FIRST + 1 + pb->n_cols;

	if (ws == NULL || p->n == 0)
		return;
	heads[0] = (struct xlsx_col){ "Assessment", pb->label_width, true };
	heads[1] = (struct xlsx_col){ "Date", 11, false };
	heads[HEAT_FIRST] = (struct xlsx_col){ "Overall", 9, false };
	for (size_t k = 0; k < pb->n_cols; k++)
		heads[HEAT_FIRST + 1 + k] = (struct xlsx_col){
		    pb->cols[k].name, domain_width(pb->cols[k].name), true };
	sheet_top(pb, ws, "Heatmap: maturity level by domain", "The level "
	    "of each assessment overall and in each domain: the number is "
	    "the level, the colour goes from red (lowest) to green "
	    "(highest). An empty cell: not scored, or not in that "
	    "assessment's model.", heads, n, p->n);
	for (size_t i = 0; i < p->n; i++) {
		lxw_row_t r = ROW_DATA + (lxw_row_t)i;
		struct portfolio_row row;
		size_t lines = 1;

		if (!get_row(pb, i, &row))
			break;
		xlsx_wrap(b, ws, r, 0, pb->labels[i], heads[0].width, &lines);
		xlsx_text(b, ws, r, 1, row.date, b->f.text);
		for (size_t k = 0; k <= pb->n_cols; k++) {
			int level;

			if (heat_level(pb, &row, k, &level))
				xlsx_num(b, ws, r, (lxw_col_t)(HEAT_FIRST +
				    k), (double)level, b->f.heat[xlsx_band(
				    level, pb->max)]);
			else
				xlsx_text(b, ws, r, (lxw_col_t)(HEAT_FIRST +
				    k), NULL, b->f.heat[XLSX_BANDS]);
		}
		xlsx_row_lines(b, ws, r, lines);
		portfolio_row_release(&row);
	}
	heat_legend(pb, ws, last + 2);
	xlsx_check(b, worksheet_print_area(ws, 0, 0, last + 2 +
	    (lxw_row_t)p->models[0]->n_levels, (lxw_col_t)(n - 1)));
}

/* One Trend row: a measure of one organisation's series. */
static void
trend_row(struct pf_book *pb, lxw_worksheet *ws, lxw_row_t r,
    const struct portfolio_trend *tr, const char *measure,
    const struct compare_row *row, lxw_format *change)
{
	struct xlsx_book *b = &pb->b;
	size_t lines = 1;

	xlsx_wrap(b, ws, r, 0, tr->organisation, pb->label_width, &lines);
	xlsx_text(b, ws, r, 1, tr->first_date, b->f.text);
	xlsx_text(b, ws, r, 2, tr->last_date, b->f.text);
	xlsx_num(b, ws, r, 3, (double)tr->n, pb->level);
	xlsx_wrap(b, ws, r, 4, measure, W_DOMAIN_MAX + 4, &lines);
	xlsx_opt(b, ws, r, 5, row->scores[0], pb->number);
	xlsx_opt(b, ws, r, 6, row->scores[tr->n - 1], pb->number);
	xlsx_opt(b, ws, r, 7, row->since_first, change);
	xlsx_opt(b, ws, r, 8, row->since_previous, change);
	xlsx_text(b, ws, r, 9, compare_trend_name(row->trend), b->f.text);
	xlsx_row_lines(b, ws, r, lines);
}

/* Trend: one row per organisation with several dates and measure. */
static void
trend_sheet(struct pf_book *pb, const struct portfolio_trends *t)
{
	struct xlsx_book *b = &pb->b;
	struct xlsx_col heads[] = {
		{ "Organisation", pb->label_width, true },
		{ "First date", 11, false }, { "Latest date", 11, false },
		{ "Assessments", 12, false },
		{ "Overall or domain", W_DOMAIN_MAX + 4, true },
		{ "First", 9, false }, { "Latest", 9, false },
		{ "Change since first", 11, false },
		{ "Change since previous", 11, false }, { "Trend", 14, false },
	};
	lxw_worksheet *ws;
	lxw_format *change;
	lxw_row_t r = ROW_DATA;
	size_t n_rows = 0;
	char intro[256], threshold[32];

	if (t->n == 0 || (ws = xlsx_sheet(b, "Trend")) == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		n_rows += 1 + t->items[i].model->n_domains;
	figure_score(threshold, sizeof(threshold), COMPARE_THRESHOLD);
	snprintf(intro, sizeof(intro), "Organisations assessed on several "
	    "dates: the first and latest scores and the change (a change "
	    "under %s counts as unchanged, as in 'socassess compare').",
	    threshold);
	sheet_top(pb, ws, "Trend", intro, heads, ARRAY_SIZE(heads), n_rows);
	change = xlsx_cell_format(b, "+0.00;-0.00;0.00", 0, LXW_COLOR_BLACK,
	    true);
	for (size_t i = 0; i < t->n; i++) {
		const struct portfolio_trend *tr = &t->items[i];

		trend_row(pb, ws, r++, tr, "Overall", &tr->overall, change);
		for (size_t d = 0; d < tr->model->n_domains; d++)
			trend_row(pb, ws, r++, tr, tr->model->domains[d].name,
			    &tr->domains[d], change);
	}
	xlsx_text_colour(b, ws, ROW_DATA, r - 1, 9, "improved", b->f.good);
	xlsx_text_colour(b, ws, ROW_DATA, r - 1, 9, "regressed", b->f.bad);
	xlsx_check(b, worksheet_print_area(ws, 0, 0, r - 1,
	    ARRAY_SIZE(heads) - 1));
}

/* The labels of the rows, their column width, the highest level. */
static void
pf_book_init(struct pf_book *pb, const struct portfolio *p)
{
	pb->p = p;
	pb->n_cols = portfolio_domains(p, pb->cols, MAX_COLS);
	pb->labels = xcalloc(p->n > 0 ? p->n : 1, sizeof(*pb->labels));
	pb->label_width = W_LABEL_MIN;
	pb->max = 0;
	for (size_t i = 0; i < p->n; i++) {
		struct portfolio_row row;
		double w;

		if (!get_row(pb, i, &row))
			break;
		pb->labels[i] = portfolio_label(&row, i);
		portfolio_row_release(&row);
		w = xlsx_fit_width(pb->labels[i], W_LABEL_MIN, W_LABEL_MAX);
		pb->label_width = w > pb->label_width ? w : pb->label_width;
	}
	for (size_t k = 0; k < p->n_models; k++) {
		if (model_max_level(p->models[k]) > pb->max)
			pb->max = model_max_level(p->models[k]);
	}
	if (pb->max == 0)
		pb->max = 5;
}

static void
pf_book_release(struct pf_book *pb)
{
	for (size_t i = 0; i < pb->p->n; i++)
		free(pb->labels[i]);
	free(pb->labels);
}

/*
 * The latest assessment date of p into *latest (owned, NULL when no row
 * has one); -1 with an error when a row cannot be read back.
 */
static int
latest_date(const struct portfolio *p, char **latest,
    struct soc_errors *errs)
{
	*latest = NULL;
	for (size_t i = 0; i < p->n; i++) {
		struct portfolio_row row;

		if (portfolio_row_get(p, i, &row, errs) < 0) {
			free(*latest);
			*latest = NULL;
			return -1;
		}
		if (row.date != NULL && (*latest == NULL || strcmp(row.date,
		    *latest) > 0)) {
			free(*latest);
			*latest = row.date;
			row.date = NULL;
		}
		portfolio_row_release(&row);
	}
	return 0;
}

/* Every sheet of the book; false when a row could not be read back. */
static bool
pf_book_sheets(struct pf_book *pb)
{
	struct portfolio_trends t;

	pf_book_init(pb, pb->p);
	pb->number = xlsx_cell_format(&pb->b, "0.00", 0, LXW_COLOR_BLACK,
	    true);
	pb->level = xlsx_cell_format(&pb->b, "0", 0, LXW_COLOR_BLACK, true);
	pb->pct = xlsx_cell_format(&pb->b, "0%", 0, LXW_COLOR_BLACK, true);
	if (!pb->lost && portfolio_trends_init(&t, pb->p, pb->errs) < 0)
		pb->lost = true;
	if (!pb->lost) {
		portfolio_sheet(pb);
		heatmap_sheet(pb);
		trend_sheet(pb, &t);
		portfolio_trends_release(&t);
	}
	pf_book_release(pb);
	return !pb->lost;
}

int
report_xlsx_portfolio(const struct portfolio *p, const char *path,
    struct soc_errors *errs)
{
	struct pf_book pb = { .p = p, .errs = errs };
	lxw_doc_properties props = { 0 };
	char *latest;

	if (latest_date(p, &latest, errs) < 0) {
		soc_error_at(errs, NULL, NULL, "cannot write '%s'", path);
		return -1;
	}
	props.title = xlsx_str("SOC maturity portfolio");
	props.subject = xlsx_str("Comparison of SOC maturity assessments");
	props.comments = xlsx_str("Written by socassess " SOCASSESS_VERSION);
	/* The latest assessment date: the same inputs, the same bytes. */
	props.created = xlsx_date_time(latest);
	free(latest);
	if (xlsx_begin(&pb.b, path, &props, errs) < 0)
		return -1;
	if (pf_book_sheets(&pb))
		return xlsx_finish(&pb.b, errs);
	xlsx_abandon(&pb.b);
	soc_error_at(errs, NULL, NULL, "cannot write '%s'", path);
	return -1;
}
