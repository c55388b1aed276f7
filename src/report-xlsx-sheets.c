/*
 * The table sheets of the XLSX report: one per domain, Gap analysis,
 * Answers, CSF view, and the hidden Lists sheet that holds
 * the Status choices. Each has a title, an introduction, a frozen header
 * with an autofilter and a print setup one page wide.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-xlsx.h"
#include "socassess/strbuf.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

/* Rows of every table sheet: title, introduction, header, data. */
#define ROW_TITLE 0
#define ROW_INTRO 1
#define ROW_HEAD 2
#define ROW_DATA 3


void
xlsx_table_sheet(struct xlsx_report *x, lxw_worksheet *ws,
    const char *title, const char *intro, const struct xlsx_col *cols,
    size_t n_cols, size_t n_rows)
{
	struct xlsx_book *b = &x->book;
	double widths[32];

	for (size_t c = 0; c < n_cols && c < ARRAY_SIZE(widths); c++)
		widths[c] = cols[c].width;
	xlsx_table(b, ws, ROW_HEAD, cols, n_cols, n_rows);
	xlsx_merge(b, ws, ROW_TITLE, 0, (lxw_col_t)(n_cols - 1), title,
	    b->f.title);
	xlsx_check(b, worksheet_set_row(ws, ROW_TITLE, 26, NULL));
	if (intro != NULL)
		xlsx_paragraph(b, ws, ROW_INTRO, 0, (lxw_col_t)(n_cols - 1),
		    widths, intro, b->f.intro);
}

char *
xlsx_report_expand(const struct xlsx_report *x, const char *text)
{
	const struct answers_meta *me = &x->r->answers->meta;
	const struct wording_var vars[] = {
		{ "organisation", me->organisation != NULL ?
		    me->organisation : "the organisation" },
		{ "profile", x->r->model->profiles[
		    x->r->answers->profile].name },
		{ "questionnaire", x->r->q->name },
	};

	return text != NULL ? wording_expand(text, vars, ARRAY_SIZE(vars)) :
	    NULL;
}

/* "Process Flow: 2.75 (Managed), target 3.00; 2 areas short". */
static void
domain_title(const struct xlsx_report *x, size_t d, char *title,
    size_t size)
{
	const struct model *m = x->r->model;
	const struct domain_result *dr = &x->r->domains[d];
	const char *name = m->domains[d].name;
	char s[32], t[32];

	const char *level = score_level_name(m, dr->level);

	if (!dr->score.set) {
		snprintf(title, size, "%.*s: not scored",
		    (int)utf8_cut_bytes(name, 200), name);
		return;
	}
	figure_score(s, sizeof(s), dr->score.value);
	figure_score(t, sizeof(t), dr->target.set ? dr->target.value : 0);
	snprintf(title, size, "%.*s: %s (%.*s), target %s%s",
	    (int)utf8_cut_bytes(name, 200), name, s,
	    (int)utf8_cut_bytes(level, 100), level, t, dr->provisional ?
	    " (" XLSX_INSUFFICIENT ")" : "");
	if (dr->n_short > 0)
		snprintf(title + strlen(title), size - strlen(title),
		    "; %zu area%s short", dr->n_short, dr->n_short == 1 ? "" :
		    "s");
}

/* One area row of a domain sheet. */
static void
domain_area_row(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    size_t ai, double name_width)
{
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	const struct model *m = r->model;
	const struct area_result *ar = &r->areas[ai];
	char buf[128];
	size_t lines = 1;

	xlsx_wrap(b, ws, row, 0, m->areas[ai].name, name_width, &lines);
	xlsx_row_lines(b, ws, row, lines);
	if (!ar->applies) {
		xlsx_text(b, ws, row, 2, "not run by this operating model",
		    b->f.muted);
		return;
	}
	xlsx_opt(b, ws, row, 1, ar->score, b->f.num2);
	xlsx_text(b, ws, row, 2, ar->score.set ? score_level_name(m,
	    ar->level) : "not scored", b->f.text);
	xlsx_num(b, ws, row, 3, ar->target, b->f.num2);
	if (ar->score.set && ar->provisional)
		xlsx_text(b, ws, row, 4, XLSX_INSUFFICIENT, b->f.note);
	else if (ar->score.set)
		xlsx_num(b, ws, row, 4, ar->gap, b->f.num2);
	if (ar->score.set)
		xlsx_num(b, ws, row, 5, ar->priority, b->f.num2);
	xlsx_importance(r, ai, buf, sizeof(buf));
	xlsx_text(b, ws, row, 6, buf, b->f.text);
	xlsx_num(b, ws, row, 7, completeness_ratio(&ar->done).value,
	    b->f.pct);
	figure_completeness(buf, sizeof(buf), &ar->done);
	xlsx_text(b, ws, row, 8, buf, b->f.text);
	xlsx_text(b, ws, row, 9, score_verdict_name(ar->verdict),
	    ar->verdict == AV_MET ? b->f.text : b->f.label);
}

void
xlsx_domain_sheet(struct xlsx_report *x, size_t d)
{
	static const struct xlsx_col cols[] = {
		{ "Area", 30, true }, { "Score", 8, false },
		{ "Level", 20, false }, { "Target", 8, false },
		{ "Gap", 18, false }, { "Priority", 9, false },
		{ "Importance", 12, false }, { "Completeness", 13, false },
		{ "Answered or N/A", 16, false }, { "Verdict", 16, false },
	};
	struct xlsx_book *b = &x->book;
	const struct domain *dom = &x->r->model->domains[d];
	lxw_worksheet *ws = xlsx_sheet(b, dom->name);
	const char *intro = dom->description;
	char title[512];
	lxw_row_t row = ROW_DATA;

	if (ws == NULL)
		return;
	if (x->w != NULL && d < x->w->n_domains)
		intro = x->w->domain_intro[d];
	domain_title(x, d, title, sizeof(title));
	xlsx_table_sheet(x, ws, title, intro, cols, ARRAY_SIZE(cols),
	    dom->n_areas);
	for (size_t ai = dom->first_area; ai < dom->first_area +
	    dom->n_areas; ai++, row++)
		domain_area_row(x, ws, row, ai, cols[0].width);
	/* Same ranges as the colours below, so the grey wins everywhere. */
	xlsx_grey_insufficient(b, ws, ROW_DATA, row - 1, 1, 2, 4);
	xlsx_grey_insufficient(b, ws, ROW_DATA, row - 1, 4, 4, 4);
	xlsx_band_colours(b, ws, ROW_DATA, row - 1, 1, 2, 1,
	    model_max_level(x->r->model));
	xlsx_gap_colours(b, ws, ROW_DATA, row - 1, 4);
	xlsx_check(b, worksheet_print_area(ws, 0, 0, row - 1,
	    ARRAY_SIZE(cols) - 1));
}

/* The CSF tags of an area, comma-separated, appended to tags. */
static void
csf_tags(struct strbuf *tags, const struct area *a)
{
	for (size_t k = 0; k < a->n_csf; k++) {
		if (k > 0)
			strbuf_addstr(tags, ", ");
		strbuf_addstr(tags, a->csf[k]);
	}
}

/*
 * One row of the gap analysis: an area with a gap (rank from 1), or one
 * that is not assessed or has too few scored questions (rank 0), whose
 * gap cell names that instead of a number. Returns its lines.
 */
static size_t
gap_row(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    size_t rank, size_t ai, const struct xlsx_col *cols)
{
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	const struct model *m = r->model;
	const struct area *a = &m->areas[ai];
	const struct area_result *ar = &r->areas[ai];
	struct strbuf tags = STRBUF_INIT;
	char buf[128];
	size_t lines = 1;

	if (rank > 0)
		xlsx_num(b, ws, row, 0, (double)rank, b->f.integer);
	xlsx_wrap(b, ws, row, 1, m->domains[a->domain].name, cols[1].width,
	    &lines);
	xlsx_wrap(b, ws, row, 2, a->name, cols[2].width, &lines);
	xlsx_opt(b, ws, row, 3, ar->score, b->f.num2);
	xlsx_num(b, ws, row, 4, ar->target, b->f.num2);
	if (rank > 0) {
		xlsx_num(b, ws, row, 5, ar->gap, b->f.num2);
		xlsx_num(b, ws, row, 6, ar->priority, b->f.num2);
	} else
		xlsx_text(b, ws, row, 5, score_verdict_name(ar->verdict),
		    b->f.label);
	xlsx_importance(r, ai, buf, sizeof(buf));
	xlsx_text(b, ws, row, 7, buf, b->f.text);
	csf_tags(&tags, a);
	xlsx_wrap(b, ws, row, 8, tags.buf, cols[8].width, &lines);
	xlsx_row_lines(b, ws, row, lines);
	strbuf_release(&tags);
	return lines;
}

void
xlsx_gaps_sheet(struct xlsx_report *x)
{
	static const struct xlsx_col cols[] = {
		{ "Rank", 6, false }, { "Domain", 18, true },
		{ "Area", 28, true }, { "Current", 9, false },
		{ "Target", 8, false }, { "Gap", 12, false },
		{ "Priority", 9, false }, { "Importance", 12, false },
		{ "CSF tags", 24, true },
	};
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	lxw_worksheet *ws = xlsx_sheet(b, "Gap analysis");
	size_t lines;
	size_t unknown = r->n_verdict[AV_NOT_ASSESSED] +
	    r->n_verdict[AV_INSUFFICIENT_DATA];
	char *intro;
	lxw_row_t row = ROW_DATA;

	if (ws == NULL)
		return;
	if (r->n_gaps == 0 && unknown == 0)
		intro = x->w != NULL ? xlsx_report_expand(x, x->w->gaps_none) :
		    xstrdup("Every assessed area meets its target.");
	else if (r->n_gaps > 0 && x->w != NULL)
		intro = xlsx_report_expand(x, x->w->gaps_intro);
	else
		intro = xstrdup("Areas under their target, ordered by "
		    "priority (gap times area weight), then the areas that "
		    "cannot be judged: not assessed, or scored from too few "
		    "questions (insufficient data).");
	xlsx_table_sheet(x, ws, "Gap analysis", intro, cols, ARRAY_SIZE(cols),
	    r->n_gaps + unknown);
	lines = xlsx_lines(intro, 120) + 1;
	free(intro);
	for (size_t i = 0; i < r->n_gaps; i++, row++)
		lines += gap_row(x, ws, row, i + 1, r->gaps[i].area, cols);
	for (size_t ai = 0; ai < r->model->n_areas; ai++) {
		enum area_verdict v = r->areas[ai].verdict;

		if (v == AV_NOT_ASSESSED || v == AV_INSUFFICIENT_DATA)
			lines += gap_row(x, ws, row++, 0, ai, cols);
	}
	/* Title, header, then about 15 points a line. */
	xlsx_fit_short(ws, 26 + 15 + 15.0 * (double)lines);
	xlsx_band_colours(b, ws, ROW_DATA, row - 1, 3, 3, 3,
	    model_max_level(r->model));
	xlsx_gap_colours(b, ws, ROW_DATA, row - 1, 5);
	xlsx_check(b, worksheet_print_area(ws, 0, 0, row - 1,
	    ARRAY_SIZE(cols) - 1));
}

static const char *const state_text[] = {
	[Q_NOT_APPLICABLE] = "not asked",
	[Q_UNANSWERED] = "unanswered",
	[Q_ANSWERED] = "answered",
	[Q_NA] = "N/A",
};

void
xlsx_answers_sheet(struct xlsx_report *x)
{
	static const struct xlsx_col cols[] = {
		{ "ID", 30, true }, { "Area", 16, true },
		{ "Question", 34, true }, { "State", 10, false },
		{ "Answer", 32, true }, { "Value", 6, false },
		{ "N/A", 5, false }, { "Comment", 32, true },
		{ "Evidence", 24, true }, { "Assessor", 14, true },
	};
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	const struct questionnaire *q = r->q;
	lxw_worksheet *ws = xlsx_sheet(b, "Answers");
	lxw_row_t row = ROW_DATA;

	if (ws == NULL)
		return;
	xlsx_table_sheet(x, ws, "Answers", "Every question of the "
	    "questionnaire with the answer given, as recorded in the "
	    "answers file. Questions not asked for this operating model and "
	    "unanswered questions count in no score.", cols, ARRAY_SIZE(cols),
	    q->n_questions);
	for (size_t qi = 0; qi < q->n_questions; qi++, row++) {
		const struct question *qu = &q->questions[qi];
		const struct question_result *qr = &r->questions[qi];
		const struct answer *an = answers_get(r->answers, qi);
		struct strbuf evidence = STRBUF_INIT;
		size_t lines = 1;

		xlsx_wrap(b, ws, row, 0, qu->id,
		    cols[0].width, &lines);
		xlsx_wrap(b, ws, row, 1, r->model->areas[qu->area].name,
		    cols[1].width, &lines);
		xlsx_wrap(b, ws, row, 2, qu->text,
		    cols[2].width, &lines);
		xlsx_text(b, ws, row, 3, state_text[qr->state], b->f.text);
		if (qr->state == Q_ANSWERED) {
			xlsx_wrap(b, ws, row, 4, qu->options[qr->option].text,
			    cols[4].width, &lines);
			xlsx_num(b, ws, row, 5, qr->value, b->f.text);
		} else if (an != NULL && an->na)
			xlsx_wrap(b, ws, row, 4, an->na_reason,
			    cols[4].width, &lines);
		if (an != NULL && an->na)
			xlsx_text(b, ws, row, 6, "yes", b->f.text);
		if (an != NULL) {
			for (size_t k = 0; k < an->n_evidence; k++) {
				if (k > 0)
					strbuf_addch(&evidence, '\n');
				strbuf_addstr(&evidence, an->evidence[k]);
			}
			xlsx_wrap(b, ws, row, 7, an->comment, cols[7].width,
			    &lines);
			xlsx_wrap(b, ws, row, 9, an->assessor, cols[9].width,
			    &lines);
		}
		if (evidence.len > 0)
			xlsx_wrap(b, ws, row, 8, evidence.buf, cols[8].width,
			    &lines);
		xlsx_row_lines(b, ws, row, lines);
		strbuf_release(&evidence);
	}
	xlsx_check(b, worksheet_print_area(ws, 0, 0, row - 1,
	    ARRAY_SIZE(cols) - 1));
}

/*
 * The column chart of the CSF table (data rows up to row - 1) below it,
 * titled, axes named, with a legend; the print area takes it in.
 */
static void
csf_chart(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, int max)
{
	lxw_chart_font title = { .size = 12, .bold = LXW_TRUE };
	lxw_chart_font axis = { .size = 9, .bold = LXW_TRUE };
	lxw_chart_fill fill = { .color = 0x1F3864 };
	/* As wide as the table (about 520 pixels), 360 pixels high. */
	lxw_chart_options opt = { .x_offset = 4, .y_offset = 8,
		.x_scale = 1.07, .y_scale = 1.25 };
	lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
	lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
	char name[64];

	chart_series_set_categories(s, ws->name, ROW_DATA, 1, row - 1, 1);
	chart_series_set_values(s, ws->name, ROW_DATA, 2, row - 1, 2);
	chart_series_set_name(s, "Score");
	chart_series_set_fill(s, &fill);
	chart_series_set_labels(s);
	chart_series_set_labels_num_format(s, "0.0");
	chart_title_set_name(ch, "Score per NIST CSF 2.0 function");
	chart_title_set_name_font(ch, &title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_axis_set_name(ch->x_axis, "CSF function");
	chart_axis_set_name_font(ch->x_axis, &axis);
	snprintf(name, sizeof(name), "Maturity level (0 to %d)", max);
	chart_axis_set_name(ch->y_axis, name);
	chart_axis_set_name_font(ch->y_axis, &axis);
	chart_axis_set_min(ch->y_axis, 0);
	chart_axis_set_max(ch->y_axis, max);
	chart_axis_set_major_unit(ch->y_axis, 1);
	xlsx_check(b, worksheet_insert_chart_opt(ws, row + 1, 0, ch, &opt));
	/* 360 pixels: 18 default rows, and a margin. */
	xlsx_check(b, worksheet_print_area(ws, 0, 0, row + 21, 5));
}

void
xlsx_csf_sheet(struct xlsx_report *x)
{
	static const struct xlsx_col cols[] = {
		{ "Function", 10, false }, { "Name", 14, false },
		{ "Score", 8, false }, { "Level", 20, false },
		{ "Areas", 8, false }, { "Questions", 10, false },
	};
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	const struct model *m = r->model;
	lxw_worksheet *ws = xlsx_sheet(b, "CSF view");
	lxw_row_t row = ROW_DATA;

	if (ws == NULL)
		return;
	xlsx_table_sheet(x, ws, "NIST CSF 2.0 view", "The scores of the areas "
	    "and questions tagged with each NIST Cybersecurity Framework 2.0 "
	    "function, averaged with the same importance as the overall "
	    "score. A function with no tagged, scored area or question has "
	    "no score.", cols,
	    ARRAY_SIZE(cols), CSF_FUNCTIONS);
	for (size_t f = 0; f < CSF_FUNCTIONS; f++, row++) {
		const struct csf_result *c = &r->csf[f];

		xlsx_text(b, ws, row, 0, c->function, b->f.text);
		xlsx_text(b, ws, row, 1, csf_function_names[f], b->f.text);
		xlsx_opt(b, ws, row, 2, c->score, b->f.num2);
		xlsx_text(b, ws, row, 3, c->score.set ? score_level_name(m,
		    model_level_of(m, c->score.value)) : "not scored",
		    b->f.text);
		xlsx_num(b, ws, row, 4, (double)c->n_areas, b->f.integer);
		xlsx_num(b, ws, row, 5, (double)c->n_questions, b->f.integer);
	}
	xlsx_band_colours(b, ws, ROW_DATA, row - 1, 2, 3, 2,
	    model_max_level(m));

	csf_chart(b, ws, row, model_max_level(m));
}

void
xlsx_lists_sheet(struct xlsx_report *x)
{
	struct xlsx_book *b = &x->book;
	lxw_worksheet *ws = xlsx_sheet(b, XLSX_LISTS_SHEET);
	char ref[128];

	if (ws == NULL)
		return;
	xlsx_text(b, ws, 0, 0, "Status", b->f.label);
	for (size_t i = 0; i < PLAN_STATUSES; i++)
		xlsx_text(b, ws, (lxw_row_t)i + 1, 0, plan_status_labels[i],
		    b->f.text);
	snprintf(ref, sizeof(ref), "='%s'!$A$2:$A$%d", ws->name,
	    PLAN_STATUSES + 1);
	xlsx_check(b, workbook_define_name(b->wb, XLSX_STATUS_NAME, ref));
	worksheet_hide(ws);
}
