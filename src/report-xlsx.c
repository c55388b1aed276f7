/*
 * The XLSX management report of one assessment: the Summary sheet with
 * its key figures, executive summary and charts, and the driver that
 * writes every sheet (src/report-xlsx-sheets.c) and the document
 * properties. The layout is described in docs/report-xlsx.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-compare.h"
#include "socassess/report-xlsx.h"
#include "socassess/report.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

/* Summary columns A..H, in characters. */
static const double summary_widths[] = { 26, 12, 20, 11, 18, 13, 13, 13 };
#define SUMMARY_LAST_COL 7

/* Chart sizes in pixels: the width of columns A..H. */
#define CHART_WIDTH 960

void
xlsx_importance(const struct result *r, size_t area, char *buf,
    size_t size)
{
	const char *name = r->answers->area_importance[area];

	if (name != NULL) {
		snprintf(buf, size, "%s", name);
		return;
	}
	snprintf(buf, size, "weight ");
	format_number_short(buf + strlen(buf), size - strlen(buf),
	    r->areas[area].weight);
}

static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

/* The completeness ratio of c, 0 when nothing applies. */
static double
ratio(const struct completeness *c)
{
	struct opt_score v = completeness_ratio(c);

	return v.set ? v.value : 0;
}

/* The built-in executive summary of a provisional result. */
static const char provisional_title[] = "Provisional result";
static const char provisional_text[] = "This is a provisional result: "
    "{organisation} has answered {completeness}% of the applicable "
    "questions, under the {minimum}% needed for a final assessment. The "
    "scores below rest on the questions answered so far and may change "
    "as the rest are answered, so this report does not establish a "
    "maturity level. Complete the assessment before drawing conclusions "
    "or comparing it with others. {verdict}";

/* The executive summary for the overall level, placeholders filled. */
static char *
executive_summary(const struct xlsx_report *x, const char **title)
{
	const struct result *r = x->r;
	const struct answers_meta *me = &r->answers->meta;
	char score[32], target[32], percent[32], done[32], minimum[32];
	char *verdict = report_verdict_brief(r), *text;
	const char *body;
	int level = r->level;

	*title = NULL;
	if (x->w == NULL || x->w->n_summary == 0 || (!r->score.set &&
	    !r->provisional)) {
		free(verdict);
		return NULL;
	}
	level = level < 0 ? 0 : level;
	if ((size_t)level >= x->w->n_summary)
		level = (int)x->w->n_summary - 1;
	figure_score(score, sizeof(score), r->score.value);
	figure_score(target, sizeof(target), r->target.set ? r->target.value :
	    0);
	figure_percent(percent, sizeof(percent), r->percent_to_target.set ?
	    r->percent_to_target.value : 0);
	figure_percent(done, sizeof(done), ratio(&r->done));
	figure_percent(minimum, sizeof(minimum), r->minimum_completeness);
	*title = x->w->summary[level].title;
	body = x->w->summary[level].text;
	if (r->provisional) {
		*title = x->w->provisional_title != NULL ?
		    x->w->provisional_title : provisional_title;
		body = x->w->provisional_text != NULL ?
		    x->w->provisional_text : provisional_text;
	}
	{
		const struct wording_var vars[] = {
			{ "organisation", me->organisation != NULL ?
			    me->organisation : "The organisation" },
			{ "scope", or_dash(me->scope) },
			{ "assessor", or_dash(me->assessor) },
			{ "date", or_dash(me->date) },
			{ "profile", r->model->profiles[
			    r->answers->profile].name },
			{ "questionnaire", r->q->name },
			{ "score", score },
			{ "target", target },
			{ "level", score_level_name(r->model, r->level) },
			{ "percent", percent },
			{ "completeness", done },
			{ "minimum", minimum },
			{ "verdict", verdict },
		};

		text = wording_expand(body, vars, ARRAY_SIZE(vars));
	}
	free(verdict);
	return text;
}

static void
label_row(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    const char *label, const char *value)
{
	struct xlsx_book *b = &x->book;

	xlsx_text(b, ws, row, 0, label, b->f.label);
	xlsx_merge(b, ws, row, 1, SUMMARY_LAST_COL, or_dash(value),
	    b->f.text);
}

/* The provisional notice across the sheet at row, when there is one. */
static void
summary_banner(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row)
{
	struct xlsx_book *b = &x->book;
	char *notice = report_provisional_text(x->r);

	if (notice == NULL)
		return;
	xlsx_merge(b, ws, row, 0, SUMMARY_LAST_COL, notice, b->f.banner);
	xlsx_check(b, worksheet_set_row(ws, row, 32, NULL));
	free(notice);
}

/* A label and a paragraph across the rest of the row. */
static void
label_paragraph(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    const char *label, const char *text)
{
	struct xlsx_book *b = &x->book;

	xlsx_text(b, ws, row, 0, label, b->f.label);
	xlsx_paragraph(b, ws, row, 1, SUMMARY_LAST_COL, summary_widths, text,
	    b->f.intro);
}

/* The target verdict and, for tiered models, the tier verdict. */
static lxw_row_t
summary_verdicts(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row)
{
	char *verdict = report_verdict_text(x->r);
	char *tier = report_tier_text(x->r);

	label_paragraph(x, ws, row++, "Target verdict", verdict);
	if (tier != NULL)
		label_paragraph(x, ws, row++, "Tier", tier);
	free(verdict);
	free(tier);
	return row;
}

/* Metadata and key figures; returns the next free row. */
static lxw_row_t
summary_head(struct xlsx_report *x, lxw_worksheet *ws)
{
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	const struct model *m = r->model;
	const struct answers_meta *me = &r->answers->meta;
	char buf[512], type[128];
	lxw_row_t row = 3;

	xlsx_merge(b, ws, 0, 0, SUMMARY_LAST_COL,
	    "SOC maturity assessment", b->f.title);
	xlsx_check(b, worksheet_set_row(ws, 0, 26, NULL));
	xlsx_merge(b, ws, 1, 0, SUMMARY_LAST_COL, me->organisation != NULL ?
	    me->organisation : "Organisation not given", b->f.subtitle);
	summary_banner(x, ws, 2);
	label_row(x, ws, row++, "Organisation", me->organisation);
	label_row(x, ws, row++, "Scope", me->scope);
	label_row(x, ws, row++, "Assessment date", me->date);
	label_row(x, ws, row++, "Assessor", me->assessor);
	label_row(x, ws, row++, "Operating model",
	    m->profiles[r->answers->profile].name);
	snprintf(buf, sizeof(buf), "%s (%s, version %s)", r->q->name,
	    r->q->id, r->q->version);
	label_row(x, ws, row++, "Questionnaire", buf);
	snprintf(buf, sizeof(buf), "%s (version %s, %s scoring)", m->name,
	    m->version, scoring_method_name(m->scoring));
	label_row(x, ws, row++, "Maturity model", buf);
	snprintf(type, sizeof(type), "%s%s%s", me->type != NULL ? me->type :
	    "", me->type != NULL && me->style != NULL ? ", " : "",
	    me->style != NULL ? me->style : "");
	label_row(x, ws, row++, "Type", type);
	row++;

	xlsx_text(b, ws, row, 0, "Overall score", b->f.label);
	xlsx_opt(b, ws, row, 1, r->score, b->f.big);
	snprintf(buf, sizeof(buf), "of %d: %s%s", model_max_level(m),
	    r->score.set ? score_level_name(m, r->level) : "not scored",
	    r->provisional ? " (provisional: not a final level)" : "");
	xlsx_merge(b, ws, row, 2, SUMMARY_LAST_COL, buf, b->f.subtitle);
	xlsx_check(b, worksheet_set_row(ws, row, 22, NULL));
	row++;
	xlsx_text(b, ws, row, 0, "Target", b->f.label);
	xlsx_opt(b, ws, row, 1, r->target, b->f.key);
	row++;
	xlsx_text(b, ws, row, 0, "Percent to target", b->f.label);
	xlsx_opt(b, ws, row, 1, r->percent_to_target, b->f.pct);
	row++;
	xlsx_text(b, ws, row, 0, "Completeness", b->f.label);
	xlsx_num(b, ws, row, 1, ratio(&r->done), b->f.pct);
	figure_completeness(type, sizeof(type), &r->done);
	snprintf(buf, sizeof(buf), "%s applicable questions answered or N/A%s",
	    type, r->provisional ? ": provisional" : "");
	xlsx_merge(b, ws, row, 2, SUMMARY_LAST_COL, buf, r->provisional ?
	    b->f.muted : b->f.text);
	return summary_verdicts(x, ws, row + 1) + 1;
}

/* The domain table; returns the next free row. */
static lxw_row_t
summary_domains(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row)
{
	static const char *const heads[] = {
		"Domain", "Score", "Level", "Target", "Gap", "Completeness",
		"Areas short",
	};
	struct xlsx_book *b = &x->book;
	const struct model *m = x->r->model;
	lxw_row_t first;

	xlsx_merge(b, ws, row++, 0, SUMMARY_LAST_COL, "Scores by domain",
	    b->f.heading);
	for (size_t c = 0; c < ARRAY_SIZE(heads); c++)
		xlsx_text(b, ws, row, (lxw_col_t)c, heads[c], b->f.head);
	first = ++row;
	for (size_t d = 0; d < m->n_domains; d++, row++) {
		const struct domain_result *dr = &x->r->domains[d];

		xlsx_text(b, ws, row, 0, m->domains[d].name, b->f.text);
		xlsx_opt(b, ws, row, 1, dr->score, b->f.num2);
		xlsx_text(b, ws, row, 2, dr->score.set ? score_level_name(m,
		    dr->level) : "not scored", b->f.text);
		xlsx_opt(b, ws, row, 3, dr->target, b->f.num2);
		if (dr->score.set && dr->provisional)
			xlsx_text(b, ws, row, 4, XLSX_INSUFFICIENT, b->f.note);
		else if (dr->score.set)
			xlsx_num(b, ws, row, 4, dr->gap, b->f.num2);
		xlsx_num(b, ws, row, 5, ratio(&dr->done), b->f.pct);
		xlsx_num(b, ws, row, 6, (double)dr->n_short, b->f.integer);
	}
	/* Same ranges as the colours below, so the grey wins everywhere. */
	xlsx_grey_insufficient(b, ws, first, row - 1, 1, 2, 4);
	xlsx_grey_insufficient(b, ws, first, row - 1, 4, 4, 4);
	xlsx_short_gap(b, ws, first, row - 1, 4, 6);
	xlsx_gap_colours(b, ws, first, row - 1, 6);
	xlsx_band_colours(b, ws, first, row - 1, 1, 2, 1, model_max_level(m));
	xlsx_gap_colours(b, ws, first, row - 1, 4);
	return row + 1;
}

/*
 * The chart data: every area the operating model runs, with score and
 * target. Written last on the sheet; returns the number of rows.
 */
static size_t
summary_areas(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row)
{
	static const char *const heads[] = {
		"Domain", "Area", "Score", "Level", "Target", "Gap",
	};
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	const struct model *m = r->model;
	lxw_row_t first;

	xlsx_merge(b, ws, row++, 0, SUMMARY_LAST_COL, "Scores by area",
	    b->f.heading);
	for (size_t c = 0; c < ARRAY_SIZE(heads); c++)
		xlsx_text(b, ws, row, (lxw_col_t)c, heads[c], b->f.head);
	first = ++row;
	for (size_t ai = 0; ai < m->n_areas; ai++) {
		const struct area_result *ar = &r->areas[ai];

		if (!ar->applies)
			continue;
		xlsx_text(b, ws, row, 0, m->domains[m->areas[ai].domain].name,
		    b->f.text);
		xlsx_text(b, ws, row, 1, m->areas[ai].name, b->f.text);
		xlsx_opt(b, ws, row, 2, ar->score, b->f.num2);
		xlsx_text(b, ws, row, 3, ar->score.set ? score_level_name(m,
		    ar->level) : "not scored", b->f.text);
		xlsx_num(b, ws, row, 4, ar->target, b->f.num2);
		if (ar->score.set && ar->provisional)
			xlsx_text(b, ws, row, 5, XLSX_INSUFFICIENT, b->f.note);
		else if (ar->score.set)
			xlsx_num(b, ws, row, 5, ar->gap, b->f.num2);
		row++;
	}
	xlsx_grey_insufficient(b, ws, first, row - 1, 2, 3, 5);
	xlsx_grey_insufficient(b, ws, first, row - 1, 5, 5, 5);
	xlsx_band_colours(b, ws, first, row - 1, 2, 3, 2, model_max_level(m));
	xlsx_gap_colours(b, ws, first, row - 1, 5);
	return row - first;
}

static void
series(lxw_chart *ch, const char *sheet, const char *name, lxw_row_t r1,
    lxw_row_t r2, lxw_col_t cat, lxw_col_t val, lxw_color_t colour,
    bool line)
{
	lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
	lxw_chart_line ln = { .color = colour, .width = line ? 2.0f : 0.75f };
	lxw_chart_fill fill = { .color = colour };

	chart_series_set_categories(s, sheet, r1, cat, r2, cat);
	chart_series_set_values(s, sheet, r1, val, r2, val);
	chart_series_set_name(s, name);
	chart_series_set_line(s, &ln);
	if (!line)
		chart_series_set_fill(s, &fill);
}

static void
axis_scale(lxw_chart_axis *axis, int max)
{
	lxw_chart_font font = { .size = 9 };

	chart_axis_set_min(axis, 0);
	chart_axis_set_max(axis, max);
	chart_axis_set_major_unit(axis, 1);
	chart_axis_set_num_format(axis, "0");
	chart_axis_set_num_font(axis, &font);
}

static void
summary_charts(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t radar_row,
    lxw_row_t bar_row, lxw_row_t data_first, size_t n)
{
	struct xlsx_book *b = &x->book;
	const char *sheet = ws->name;
	int max = model_max_level(x->r->model);
	lxw_row_t last = data_first + (lxw_row_t)n - 1;
	lxw_chart_font title = { .size = 12, .bold = LXW_TRUE };
	lxw_chart_font small = { .size = 8 };
	lxw_chart_options opt = { .x_offset = 4, .y_offset = 4 };
	lxw_chart *radar, *bar;

	if (n == 0)
		return;
	radar = workbook_add_chart(b->wb, LXW_CHART_RADAR_WITH_MARKERS);
	series(radar, sheet, "Target", data_first, last, 1, 4, 0xED7D31,
	    true);
	series(radar, sheet, "Score", data_first, last, 1, 2, 0x1F3864, true);
	chart_title_set_name(radar, "Maturity by area: score and target");
	chart_title_set_name_font(radar, &title);
	chart_legend_set_position(radar, LXW_CHART_LEGEND_BOTTOM);
	axis_scale(radar->y_axis, max);
	chart_axis_set_num_font(radar->x_axis, &small);
	opt.x_scale = (double)CHART_WIDTH / 480;
	opt.y_scale = 600.0 / 288;
	xlsx_check(b, worksheet_insert_chart_opt(ws, radar_row, 0, radar,
	    &opt));

	bar = workbook_add_chart(b->wb, LXW_CHART_BAR);
	series(bar, sheet, "Score", data_first, last, 1, 2, 0x1F3864, false);
	series(bar, sheet, "Target", data_first, last, 1, 4, 0xF4B183,
	    false);
	chart_title_set_name(bar, "Area scores against targets");
	chart_title_set_name_font(bar, &title);
	chart_legend_set_position(bar, LXW_CHART_LEGEND_BOTTOM);
	chart_axis_set_reverse(bar->y_axis);
	chart_axis_set_num_font(bar->y_axis, &small);
	axis_scale(bar->x_axis, max);
	chart_set_series_gap(bar, 60);
	opt.x_scale = (double)CHART_WIDTH / 480;
	opt.y_scale = (100.0 + 22.0 * (double)n) / 288;
	xlsx_check(b, worksheet_insert_chart_opt(ws, bar_row, 0, bar, &opt));
}

void
xlsx_summary_sheet(struct xlsx_report *x)
{
	struct xlsx_book *b = &x->book;
	lxw_worksheet *ws = xlsx_sheet(b, "Summary");
	const struct model *m = x->r->model;
	const char *title;
	char *text;
	lxw_row_t row, radar_row, bar_row, data_row;
	lxw_row_t breaks[4] = { 0 };
	size_t n_areas = 0;

	if (ws == NULL)
		return;
	for (size_t c = 0; c <= SUMMARY_LAST_COL; c++)
		xlsx_check(b, worksheet_set_column(ws, (lxw_col_t)c,
		    (lxw_col_t)c, summary_widths[c], NULL));
	row = summary_head(x, ws);
	text = executive_summary(x, &title);
	if (text != NULL) {
		xlsx_merge(b, ws, row++, 0, SUMMARY_LAST_COL, title != NULL ?
		    title : "Executive summary", b->f.heading);
		xlsx_paragraph(b, ws, row++, 0, SUMMARY_LAST_COL,
		    summary_widths, text, b->f.intro);
		row++;
		free(text);
	}
	row = summary_domains(x, ws, row);

	/* Charts on pages of their own, then the table they draw. */
	for (size_t ai = 0; ai < m->n_areas; ai++)
		n_areas += x->r->areas[ai].applies;
	radar_row = row;
	/* Default rows are 20 pixels high. */
	bar_row = radar_row + 620 / 20 + 1;
	data_row = bar_row + (lxw_row_t)((120 + 22 * n_areas) / 20) + 2;
	summary_areas(x, ws, data_row);
	summary_charts(x, ws, radar_row, bar_row, data_row + 2, n_areas);
	breaks[0] = radar_row;
	breaks[1] = bar_row;
	breaks[2] = data_row;
	xlsx_check(b, worksheet_set_h_pagebreaks(ws, breaks));
	xlsx_check(b, worksheet_repeat_rows(ws, 0, 0));
	xlsx_print_setup(ws);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	worksheet_activate(ws);
}

/* The document properties: deterministic, from the assessment. */
static void
properties(const struct result *r, lxw_doc_properties *p, char *title,
    size_t size)
{
	const struct answers_meta *me = &r->answers->meta;

	const char *org = me->organisation != NULL ? me->organisation : "";

	memset(p, 0, sizeof(*p));
	/* Cut on a character: half a character makes core.xml invalid. */
	snprintf(title, size, "SOC maturity assessment%s%.*s",
	    me->organisation != NULL ? ": " : "",
	    (int)utf8_cut_bytes(org, 200), org);
	p->title = title;
	p->subject = xlsx_str(r->q->name);
	p->author = me->assessor != NULL && *me->assessor != '\0' ?
	    me->assessor : NULL;
	p->company = me->organisation != NULL && *me->organisation != '\0' ?
	    me->organisation : NULL;
	p->keywords = xlsx_str("SOC maturity, OWASP SOC Framework, NIST CSF");
	p->comments = xlsx_str("Written by socassess " SOCASSESS_VERSION);
	p->created = xlsx_date_time(me->date);
}

int
report_xlsx_write(const struct result *r, const struct wording *w,
    const char *path, struct soc_errors *errs)
{
	return report_xlsx_write_plan(r, w, NULL, path, errs);
}

int
report_xlsx_write_plan(const struct result *r, const struct wording *w,
    const struct plan *plan, const char *path, struct soc_errors *errs)
{
	struct xlsx_report x = { .r = r, .w = w, .plan = plan };
	lxw_doc_properties props;
	char title[256];

	properties(r, &props, title, sizeof(title));
	if (xlsx_begin(&x.book, path, &props, errs) < 0)
		return -1;
	xlsx_summary_sheet(&x);
	for (size_t d = 0; d < r->model->n_domains; d++)
		xlsx_domain_sheet(&x, d);
	xlsx_gaps_sheet(&x);
	xlsx_roadmap_sheet(&x);
	xlsx_actions_sheet(&x);
	xlsx_answers_sheet(&x);
	xlsx_csf_sheet(&x);
	if (r->baseline != NULL)
		report_compare_trend_sheet(&x.book, r->baseline);
	xlsx_lists_sheet(&x);
	return xlsx_finish(&x.book, errs);
}
