/*
 * The comparison workbook (docs/compare.md): a Trend sheet with the
 * overall, domain and area scores at every date, the changes, target and
 * gap now and a line chart of the overall and domain scores over time; a
 * Changes sheet with the answers that changed between the last two
 * assessments; and the Summary of the latest assessment, written by the
 * same sheet writer as the report of one assessment.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "socassess/report-compare.h"
#include "socassess/report-xlsx.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"

/*
 * Trend and Changes: title, intro, the table's header and rows; the
 * Trend chart below its table (a chart above would sit in the frozen
 * header panes).
 */
#define ROW_HEAD 3
#define ROW_DATA 4
#define COL_DATES 1
/* Columns after the dates: vs first, vs previous, target, gap, trend. */
#define TAIL_COLS 5
/* Most dates shown as columns (and chart points). */
#define MAX_DATES 64

/* A change shown with its direction: "▲ 0.50", "▼ 0.25", "0.00". */
static lxw_format *
change_format(struct xlsx_book *b)
{
	lxw_format *f = workbook_add_format(b->wb);

	/* Like the shared formats of xlsx-book.c, plus the arrows. */
	format_set_font_name(f, "Calibri");
	format_set_font_size(f, 10);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(f, "▲ 0.00;[Red]▼ 0.00;0.00");
	return f;
}

static void
trend_row(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    const struct compare *c, const char *name, lxw_format *f,
    const struct compare_row *cr, lxw_format *change)
{
	lxw_col_t tail = (lxw_col_t)(COL_DATES + c->n);

	xlsx_text(b, ws, row, 0, name, f);
	for (size_t i = 0; i < c->n; i++)
		xlsx_opt(b, ws, row, (lxw_col_t)(COL_DATES + i), cr->scores[i],
		    b->f.num2);
	xlsx_opt(b, ws, row, tail, cr->since_first, change);
	xlsx_opt(b, ws, row, tail + 1, cr->since_previous, change);
	xlsx_opt(b, ws, row, tail + 2, cr->target, b->f.num2);
	xlsx_opt(b, ws, row, tail + 3, cr->gap, b->f.num2);
	xlsx_text(b, ws, row, tail + 4, compare_trend_name(cr->trend),
	    cr->trend == TREND_IMPROVED ? b->f.good : cr->trend ==
	    TREND_REGRESSED ? b->f.bad : b->f.text);
}

/* Line chart of the overall row and the n_domains rows below it. */
static void
trend_chart(struct xlsx_book *b, lxw_worksheet *ws, const struct compare *c,
    lxw_row_t below)
{
	static const lxw_color_t colours[] = {
		0x1F3864, 0x2E75B6, 0xF4B183, 0xA9D18E, 0xFFD966, 0x7F7F7F,
		0xC55A11, 0x9DC3E6,
	};
	const struct model *m = compare_latest(c)->model;
	lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_LINE);
	lxw_chart_font title = { .size = 12, .bold = LXW_TRUE };
	lxw_chart_options opt = { .x_offset = 4, .y_offset = 8,
	    .x_scale = 2, .y_scale = 1.2 };
	lxw_col_t last = (lxw_col_t)(COL_DATES + c->n - 1);

	for (size_t k = 0; k <= m->n_domains; k++) {
		lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
		lxw_chart_line line = { .color = colours[k %
		    ARRAY_SIZE(colours)], .width = k == 0 ? 3.0 : 2.0 };
		lxw_chart_marker marker = { .type = LXW_CHART_MARKER_CIRCLE,
		    .size = 6 };
		lxw_row_t row = (lxw_row_t)(ROW_DATA + k);
		struct strbuf name = STRBUF_INIT;

		chart_series_set_categories(s, ws->name, ROW_HEAD, COL_DATES,
		    ROW_HEAD, last);
		chart_series_set_values(s, ws->name, row, COL_DATES, row,
		    last);
		/* A domain name from the model: the chart XML is not escaped. */
		chart_series_set_name(s, k == 0 ? "Overall" :
		    xlsx_plain_text(m->domains[k - 1].name, &name));
		strbuf_release(&name);
		chart_series_set_line(s, &line);
		chart_series_set_marker_type(s, marker.type);
		chart_series_set_marker_size(s, marker.size);
	}
	chart_title_set_name(ch, "Scores over time");
	chart_title_set_name_font(ch, &title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_axis_set_min(ch->y_axis, 0);
	chart_axis_set_max(ch->y_axis, model_max_level(m));
	chart_axis_set_major_unit(ch->y_axis, 1);
	xlsx_check(b, worksheet_insert_chart_opt(ws, below + 2, 0, ch, &opt));
}

static void
trend_heads(const struct compare *c, struct xlsx_col *heads, double *widths,
    char (*dates)[16])
{
	static const struct xlsx_col tail[TAIL_COLS] = {
		{ "Since first", 12, false },
		{ "Since previous", 14, false },
		{ "Target now", 11, false },
		{ "Gap now", 9, false },
		{ "Trend", 15, false },
	};

	heads[0] = (struct xlsx_col){ "Overall, domain, area", 36, false };
	for (size_t i = 0; i < c->n; i++) {
		const char *d = c->results[i]->answers->meta.date;

		snprintf(dates[i], sizeof(dates[i]), "%s", d != NULL ? d :
		    "no date");
		heads[COL_DATES + i] = (struct xlsx_col){ dates[i], 12,
		    false };
	}
	memcpy(&heads[COL_DATES + c->n], tail, sizeof(tail));
	for (size_t k = 0; k < COL_DATES + c->n + TAIL_COLS; k++)
		widths[k] = heads[k].width;
}

void
report_compare_trend_sheet(struct xlsx_book *b, const struct compare *c)
{
	const struct model *m = compare_latest(c)->model;
	struct xlsx_col heads[COL_DATES + MAX_DATES + TAIL_COLS];
	double widths[COL_DATES + MAX_DATES + TAIL_COLS];
	char dates[MAX_DATES][16], intro[512], threshold[32];
	size_t n_cols = COL_DATES + c->n + TAIL_COLS;
	lxw_worksheet *ws = xlsx_sheet(b, "Trend");
	lxw_format *change;
	lxw_row_t row = ROW_DATA;

	if (ws == NULL)
		return;
	change = change_format(b);
	trend_heads(c, heads, widths, dates);
	xlsx_table(b, ws, ROW_HEAD, heads, n_cols,
	    1 + m->n_domains + m->n_areas);
	xlsx_merge(b, ws, 0, 0, (lxw_col_t)(n_cols - 1), "SOC maturity "
	    "over time", b->f.title);
	xlsx_check(b, worksheet_set_row(ws, 0, 26, NULL));
	format_number_short(threshold, sizeof(threshold), c->threshold);
	snprintf(intro, sizeof(intro), "%zu assessments, %s. A change of %s "
	    "or more since the first assessment counts as improved or "
	    "regressed.%s", c->n, c->by_date ? "oldest first" :
	    "in the order given", threshold, c->same_questionnaire ? "" :
	    " The questionnaires differ: compared at area and domain level.");
	xlsx_paragraph(b, ws, 1, 0, (lxw_col_t)(n_cols - 1), widths, intro,
	    b->f.intro);
	trend_row(b, ws, row++, c, "Overall", b->f.label, &c->overall,
	    change);
	for (size_t d = 0; d < m->n_domains; d++)
		trend_row(b, ws, row++, c, m->domains[d].name, b->f.label,
		    &c->domains[d], change);
	for (size_t a = 0; a < m->n_areas; a++)
		trend_row(b, ws, row++, c, m->areas[a].name, b->f.text,
		    &c->areas[a], change);
	trend_chart(b, ws, c, row);
}

static const struct xlsx_col change_cols[] = {
	{ "Question", 22, true },
	{ "Area", 18, true },
	{ "Question text", 44, true },
	{ "From", 11, false },
	{ "To", 11, false },
	{ "Comment before", 36, true },
	{ "Comment now", 36, true },
};

/* An answer as the Changes sheet shows it: its value, N/A, unanswered. */
static void
answer_cell(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const struct compare_answer *ca)
{
	if (ca->state == Q_ANSWERED)
		xlsx_num(b, ws, row, col, ca->value, b->f.integer);
	else
		xlsx_text(b, ws, row, col, ca->state == Q_NA ? "N/A" :
		    "unanswered", b->f.text);
}

static const char *
note_of(const struct compare_answer *ca)
{
	return ca->state == Q_NA && ca->na_reason != NULL ? ca->na_reason :
	    ca->comment;
}

static void
change_row(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    const struct compare *c, const struct compare_change *ch)
{
	const struct result *to = compare_latest(c);
	const struct question *qu = &to->q->questions[ch->question];
	size_t lines = 1;

	xlsx_wrap(b, ws, row, 0, qu->id, change_cols[0].width, &lines);
	xlsx_wrap(b, ws, row, 1, to->model->areas[qu->area].name,
	    change_cols[1].width, &lines);
	xlsx_wrap(b, ws, row, 2, qu->text, change_cols[2].width, &lines);
	answer_cell(b, ws, row, 3, &ch->from);
	answer_cell(b, ws, row, 4, &ch->to);
	xlsx_wrap(b, ws, row, 5, note_of(&ch->from), change_cols[5].width,
	    &lines);
	xlsx_wrap(b, ws, row, 6, note_of(&ch->to), change_cols[6].width,
	    &lines);
	xlsx_row_lines(b, ws, row, lines);
}

static void
changes_sheet(struct xlsx_book *b, const struct compare *c)
{
	size_t n_cols = ARRAY_SIZE(change_cols);
	const char *d0 = c->results[c->n - 2]->answers->meta.date;
	const char *d1 = compare_latest(c)->answers->meta.date;
	lxw_worksheet *ws = xlsx_sheet(b, "Changes");
	double widths[ARRAY_SIZE(change_cols)];
	char intro[256];

	if (ws == NULL)
		return;
	for (size_t k = 0; k < n_cols; k++)
		widths[k] = change_cols[k].width;
	xlsx_table(b, ws, ROW_HEAD, change_cols, n_cols, c->n_changes);
	xlsx_merge(b, ws, 0, 0, (lxw_col_t)(n_cols - 1), "Answers changed",
	    b->f.title);
	xlsx_check(b, worksheet_set_row(ws, 0, 26, NULL));
	if (c->changes_known)
		snprintf(intro, sizeof(intro), "%zu question%s answered "
		    "differently on %s than on %s.", c->n_changes,
		    c->n_changes == 1 ? "" : "s", d1 != NULL ? d1 : "the "
		    "latest date", d0 != NULL ? d0 : "the date before");
	else
		snprintf(intro, sizeof(intro), "Not listed: the last two "
		    "assessments use different questionnaires.");
	xlsx_paragraph(b, ws, 1, 0, (lxw_col_t)(n_cols - 1), widths, intro,
	    b->f.intro);
	for (size_t i = 0; i < c->n_changes; i++)
		change_row(b, ws, (lxw_row_t)(ROW_DATA + i), c, &c->changes[i]);
}

int
report_compare_xlsx(const struct compare *c, const struct wording *w,
    const char *path, struct soc_errors *errs)
{
	struct xlsx_report x = { .r = compare_latest(c), .w = w };
	lxw_doc_properties props = { 0 };

	if (c->n > MAX_DATES) {
		soc_error_at(errs, path, NULL, "a workbook shows at most %d "
		    "assessments, not %zu", MAX_DATES, c->n);
		return -1;
	}
	props.title = xlsx_str("SOC maturity over time");
	props.subject = xlsx_str("Comparison of SOC maturity assessments");
	props.comments = xlsx_str("Written by socassess " SOCASSESS_VERSION);
	/* The latest assessment's date: the same inputs, the same bytes. */
	props.created = xlsx_date_time(x.r->answers->meta.date);
	if (xlsx_begin(&x.book, path, &props, errs) < 0)
		return -1;
	report_compare_trend_sheet(&x.book, c);
	changes_sheet(&x.book, c);
	xlsx_summary_sheet(&x);
	xlsx_lists_sheet(&x);
	return xlsx_finish(&x.book, errs);
}
