/*
 * The executive page of the XLSX report: the Summary sheet, first in the
 * workbook and printed on one A4 landscape page. It says where the SOC
 * stands (key figures, each with what it means), shows the domains
 * against their targets in a chart, names the five largest gaps and the
 * three strongest areas, carries the executive summary and ends with a
 * sign-off block. Rows have fixed heights so the chart fits its rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-xlsx.h"
#include "socassess/report.h"
#include "socassess/util.h"

/*
 * Columns A..L in characters: the left half (A..F) holds the facts,
 * figures, domain table and gaps; G is a gutter; the right half (H..L)
 * holds the chart and the strongest areas.
 */
static const double exec_widths[] = {
	18, 9, 20, 9, 17, 11, 2, 14, 14, 14, 14, 14,
};
#define LEFT_LAST 5
#define RIGHT_FIRST 7
#define LAST_COL 11
#define MAX_ROWS 96
#define N_GAPS 5
#define N_STRONG 3

struct exec_page {
	struct xlsx_report *x;
	struct xlsx_book *b;
	lxw_worksheet *ws;
	lxw_row_t row;             /* next free row */
	double height[MAX_ROWS];   /* points, 0: not set (15) */
};

/* Width in characters of columns c1..c2. */
static double
span_width(lxw_col_t c1, lxw_col_t c2)
{
	double w = 0;

	for (lxw_col_t c = c1; c <= c2; c++)
		w += exec_widths[c];
	return w;
}

/* Make row at least pt points high (rows are 15 points by default). */
static void
grow_row(struct exec_page *p, lxw_row_t row, double pt)
{
	if (row >= MAX_ROWS || pt <= p->height[row])
		return;
	p->height[row] = pt;
}

/* Rows needed by s wrapped over columns c1..c2, as points. */
static double
text_height(const char *s, lxw_col_t c1, lxw_col_t c2)
{
	return 13.0 * (double)xlsx_lines(s, span_width(c1, c2)) + 3;
}

/* Wrapped text merged over c1..c2 of row; the row grows to hold it. */
static void
put_wrapped(struct exec_page *p, lxw_row_t row, lxw_col_t c1, lxw_col_t c2,
    const char *s, lxw_format *f)
{
	grow_row(p, row, text_height(s, c1, c2));
	xlsx_merge(p->b, p->ws, row, c1, c2, s, f);
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

/* The summary title and text for r: the level's, or the provisional. */
static const char *
summary_body(const struct xlsx_report *x, const char **title)
{
	const struct result *r = x->r;
	int level = r->level < 0 ? 0 : r->level;

	if (r->provisional) {
		*title = x->w->provisional_title != NULL ?
		    x->w->provisional_title : provisional_title;
		return x->w->provisional_text != NULL ?
		    x->w->provisional_text : provisional_text;
	}
	if ((size_t)level >= x->w->n_summary)
		level = (int)x->w->n_summary - 1;
	*title = x->w->summary[level].title;
	return x->w->summary[level].text;
}

/* The executive summary for the overall level, placeholders filled. */
static char *
executive_summary(const struct xlsx_report *x, const char **title)
{
	const struct result *r = x->r;
	const struct answers_meta *me = &r->answers->meta;
	char score[32], target[32], percent[32], done[32], minimum[32];
	const char *body;
	char *verdict, *text;

	*title = NULL;
	if (x->w == NULL || x->w->n_summary == 0 || (!r->score.set &&
	    !r->provisional))
		return NULL;
	figure_score(score, sizeof(score), r->score.value);
	figure_score(target, sizeof(target), r->target.set ? r->target.value :
	    0);
	figure_percent(percent, sizeof(percent), r->percent_to_target.set ?
	    r->percent_to_target.value : 0);
	figure_percent(done, sizeof(done), ratio(&r->done));
	figure_percent(minimum, sizeof(minimum), r->minimum_completeness);
	body = summary_body(x, title);
	verdict = report_verdict_brief(r);
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

char *
xlsx_first_sentence(const char *s)
{
	const char *end;

	if (s == NULL)
		return xstrdup("");
	end = strstr(s, ". ");
	return end != NULL ? xasprintf("%.*s", (int)(end - s) + 1, s) :
	    xstrdup(s);
}

/* A label in column A and a value over B..F. */
static void
fact_row(struct exec_page *p, const char *label, const char *value)
{
	xlsx_text(p->b, p->ws, p->row, 0, label, p->b->f.label);
	put_wrapped(p, p->row, 1, LEFT_LAST, or_dash(value), p->b->f.wrap);
	p->row++;
}

/* Title, provisional banner and who, what and when. */
static void
exec_head(struct exec_page *p)
{
	const struct result *r = p->x->r;
	const struct answers_meta *me = &r->answers->meta;
	char *notice = report_provisional_text(r);

	xlsx_merge(p->b, p->ws, 0, 0, LAST_COL, "SOC maturity assessment",
	    p->b->f.title);
	grow_row(p, 0, 26);
	xlsx_merge(p->b, p->ws, 1, 0, LAST_COL, me->organisation != NULL ?
	    me->organisation : "Organisation not given", p->b->f.subtitle);
	grow_row(p, 1, 17);
	/* Row 2: the provisional notice, or a thin spacer. */
	if (notice != NULL) {
		put_wrapped(p, 2, 0, LAST_COL, notice, p->b->f.banner);
		grow_row(p, 2, 30);
		free(notice);
	} else
		grow_row(p, 2, 6);
	p->row = 3;
	fact_row(p, "Organisation", me->organisation);
	fact_row(p, "Scope", me->scope);
	fact_row(p, "Assessment date", me->date);
	fact_row(p, "Operating model", r->model->profiles[
	    r->answers->profile].name);
}

/* A key figure: label, value, a short reading and what it means. */
static void
figure_row(struct exec_page *p, const char *label, struct opt_score v,
    lxw_format *f, const char *reading, const char *meaning)
{
	xlsx_text(p->b, p->ws, p->row, 0, label, p->b->f.label);
	xlsx_opt(p->b, p->ws, p->row, 1, v, f);
	if (reading != NULL)
		put_wrapped(p, p->row, 2, LEFT_LAST, reading, p->b->f.bold);
	grow_row(p, p->row++, 20);
	if (meaning != NULL)
		put_wrapped(p, p->row++, 1, LEFT_LAST, meaning,
		    p->b->f.meaning);
}

/* Overall score and level, target, percent to target, completeness. */
static void
exec_figures(struct exec_page *p)
{
	const struct result *r = p->x->r;
	const struct model *m = r->model;
	const char *profile = m->profiles[r->answers->profile].name;
	struct opt_score done = { true, ratio(&r->done) };
	char level[256], count[64], *meaning, *text;

	p->row++;
	if (r->score.set)
		snprintf(level, sizeof(level), "Level %d of %d: %s%s",
		    r->level, model_max_level(m), score_level_name(m,
		    r->level), r->provisional ? " (provisional)" : "");
	else
		snprintf(level, sizeof(level), "Not scored");
	meaning = r->score.set && (size_t)r->level < m->n_levels &&
	    m->scale[r->level].description != NULL &&
	    *m->scale[r->level].description != '\0' ?
	    xlsx_first_sentence(m->scale[r->level].description) : NULL;
	text = meaning != NULL ? xasprintf("What level %d means: %s",
	    r->level, meaning) : NULL;
	figure_row(p, "Overall score", r->score, p->b->f.big, level, text);
	free(meaning);
	free(text);
	text = xasprintf("The average level the %s operating model calls "
	    "for across its areas.", profile);
	figure_row(p, "Target", r->target, p->b->f.key, NULL, text);
	free(text);
	figure_row(p, "Percent to target", r->percent_to_target,
	    p->b->f.key_pct, NULL, "How much of the distance from nothing in "
	    "place to every area at its target is covered; 100% means every "
	    "area meets its target.");
	figure_completeness(count, sizeof(count), &r->done);
	text = xasprintf("%s applicable questions answered or N/A%s.", count,
	    r->provisional ? ": too few for a final result" : "");
	figure_row(p, "Completeness", done, p->b->f.key_pct, NULL, text);
	free(text);
	text = report_verdict_brief(r);
	fact_row(p, "Target verdict", text);
	free(text);
	text = report_tier_text(r);
	if (text != NULL)
		fact_row(p, "Tier", text);
	free(text);
}

/* The domain table the chart draws; returns its first data row. */
static lxw_row_t
exec_domains(struct exec_page *p)
{
	static const char *const heads[] = {
		"Domain", "Score", "Level", "Target", "Gap", "Areas short",
	};
	const struct result *r = p->x->r;
	const struct model *m = r->model;
	struct xlsx_book *b = p->b;
	lxw_row_t first;

	p->row++;
	xlsx_merge(b, p->ws, p->row++, 0, LEFT_LAST, "Scores by domain",
	    b->f.heading);
	for (size_t c = 0; c < ARRAY_SIZE(heads); c++)
		xlsx_text(b, p->ws, p->row, (lxw_col_t)c, heads[c], b->f.head);
	first = ++p->row;
	for (size_t d = 0; d < m->n_domains; d++, p->row++) {
		const struct domain_result *dr = &r->domains[d];

		xlsx_chart_text(b, p->ws, p->row, 0, m->domains[d].name,
		    b->f.text);
		grow_row(p, p->row, text_height(m->domains[d].name, 0, 0));
		xlsx_opt(b, p->ws, p->row, 1, dr->score, b->f.num2);
		xlsx_text(b, p->ws, p->row, 2, dr->score.set ?
		    score_level_name(m, dr->level) : "not scored", b->f.text);
		xlsx_opt(b, p->ws, p->row, 3, dr->target, b->f.num2);
		if (dr->score.set && dr->provisional)
			xlsx_text(b, p->ws, p->row, 4, XLSX_INSUFFICIENT,
			    b->f.note);
		else if (dr->score.set)
			xlsx_num(b, p->ws, p->row, 4, dr->gap, b->f.num2);
		xlsx_num(b, p->ws, p->row, 5, (double)dr->n_short,
		    b->f.integer);
	}
	/* Same ranges as the colours below, so the grey wins everywhere. */
	xlsx_grey_insufficient(b, p->ws, first, p->row - 1, 1, 2, 4);
	xlsx_grey_insufficient(b, p->ws, first, p->row - 1, 4, 4, 4);
	xlsx_short_gap(b, p->ws, first, p->row - 1, 4, 5);
	xlsx_gap_colours(b, p->ws, first, p->row - 1, 5);
	xlsx_band_colours(b, p->ws, first, p->row - 1, 1, 2, 1,
	    model_max_level(m));
	xlsx_gap_colours(b, p->ws, first, p->row - 1, 4);
	return first;
}

/* The domain chart over the right half, rows top..bottom. */
static void
exec_chart(struct exec_page *p, lxw_row_t top, lxw_row_t bottom,
    lxw_row_t first)
{
	struct xlsx_chart_spec spec = {
		.title = "Domains: score against target",
		.category = "Domain",
		.sheet = p->ws->name, .first = first,
		.last = first + (lxw_row_t)p->x->r->model->n_domains - 1,
		.cat_col = 0, .score_col = 1, .target_col = 3,
		.max = model_max_level(p->x->r->model),
	};
	double pt = 0;

	for (lxw_row_t r = top; r <= bottom && r < MAX_ROWS; r++)
		pt += p->height[r] > 0 ? p->height[r] : 15;
	spec.width = (int)(span_width(RIGHT_FIRST, LAST_COL) * 7 + 5 * 5) -
	    8;
	spec.height = (int)(pt * 4 / 3) - 8;
	xlsx_bar_chart(p->b, p->ws, top, RIGHT_FIRST, &spec);
}

/* The first step of the largest recommendation of area ai, or NULL. */
static const char *
first_step(const struct result *r, size_t ai)
{
	for (size_t i = 0; i < r->n_recs; i++)
		if (r->recs[i].area == ai)
			return question_next_step(&r->q->questions[
			    r->recs[i].question], r->recs[i].next_option);
	return NULL;
}

/* "Charter and mandate (SOC Model)" in bold, then a sentence. */
static void
area_entry(struct exec_page *p, lxw_row_t row, lxw_col_t c1, lxw_col_t c2,
    size_t ai, const char *sentence)
{
	const struct model *m = p->x->r->model;
	char *head = xasprintf("%s (%s): ", m->areas[ai].name,
	    m->domains[m->areas[ai].domain].name);
	char *all = xasprintf("%s%s", head, sentence);

	grow_row(p, row, text_height(all, c1, c2));
	xlsx_merge(p->b, p->ws, row, c1, c2, NULL, p->b->f.wrap);
	xlsx_rich(p->b, p->ws, row, c1, head, sentence, p->b->f.wrap);
	free(all);
	free(head);
}

/* Up to N_GAPS of the gap list, with the first step for each. */
static void
exec_gaps(struct exec_page *p, lxw_row_t row)
{
	const struct result *r = p->x->r;
	size_t n = r->n_gaps < N_GAPS ? r->n_gaps : N_GAPS;

	xlsx_merge(p->b, p->ws, row++, 0, LEFT_LAST, "Five largest gaps "
	    "(by priority): where to act first", p->b->f.heading);
	if (n == 0)
		put_wrapped(p, row, 0, LEFT_LAST, "No assessed area is below "
		    "its target.", p->b->f.text);
	for (size_t i = 0; i < n; i++, row++) {
		size_t ai = r->gaps[i].area;
		const struct area_result *ar = &r->areas[ai];
		const char *step = first_step(r, ai);
		char s[32], t[32], *text;

		figure_score(s, sizeof(s), ar->score.value);
		figure_score(t, sizeof(t), ar->target);
		text = xasprintf("at %s against a target of %s.%s%s", s, t,
		    step != NULL ? " First step: " : "", step != NULL ? step :
		    "");
		area_entry(p, row, 0, LEFT_LAST, ai, text);
		free(text);
	}
}

/* True when area a ranks above area b as a strength. */
static bool
stronger(const struct result *r, size_t a, size_t b)
{
	double ma = r->areas[a].score.value - r->areas[a].target;
	double mb = r->areas[b].score.value - r->areas[b].target;

	if (figure_round(r->areas[a].score.value) !=
	    figure_round(r->areas[b].score.value))
		return r->areas[a].score.value > r->areas[b].score.value;
	return figure_round(ma) > figure_round(mb);
}

/* The N_STRONG highest scored areas (model order on ties); the count. */
static size_t
strongest(const struct result *r, size_t *best)
{
	size_t n = 0;

	for (size_t ai = 0; ai < r->model->n_areas; ai++) {
		const struct area_result *ar = &r->areas[ai];
		size_t k;

		if (!ar->applies || !ar->score.set || ar->provisional)
			continue;
		for (k = n; k > 0 && stronger(r, ai, best[k - 1]); k--)
			if (k < N_STRONG)
				best[k] = best[k - 1];
		if (k < N_STRONG)
			best[k] = ai;
		if (n < N_STRONG)
			n++;
	}
	return n;
}

/* The three strongest areas, in the right half from row. */
static void
exec_strengths(struct exec_page *p, lxw_row_t row)
{
	const struct result *r = p->x->r;
	const struct model *m = r->model;
	size_t best[N_STRONG], n = strongest(r, best);

	xlsx_merge(p->b, p->ws, row++, RIGHT_FIRST, LAST_COL,
	    "Three strongest areas", p->b->f.heading);
	if (n == 0)
		put_wrapped(p, row, RIGHT_FIRST, LAST_COL, "No area has enough "
		    "answers to be judged yet.", p->b->f.text);
	for (size_t i = 0; i < n; i++, row++) {
		const struct area_result *ar = &r->areas[best[i]];
		char s[32], t[32], *text;
		double over = ar->score.value - ar->target;

		figure_score(s, sizeof(s), ar->score.value);
		figure_score(t, sizeof(t), ar->target);
		text = xasprintf("level %d, %s, at %s; %s its target of %s.",
		    ar->level, score_level_name(m, ar->level), s, over >= -1e-9 ?
		    "meets" : "still under", t);
		area_entry(p, row, RIGHT_FIRST, LAST_COL, best[i], text);
		free(text);
	}
}

/* The executive summary of the wording file across the page. */
static void
exec_summary(struct exec_page *p)
{
	const char *title;
	char *text = executive_summary(p->x, &title);

	if (text == NULL)
		return;
	p->row++;
	xlsx_merge(p->b, p->ws, p->row++, 0, LAST_COL, title != NULL ?
	    title : "Executive summary", p->b->f.heading);
	put_wrapped(p, p->row++, 0, LAST_COL, text, p->b->f.intro);
	free(text);
}

/* Prepared by, reviewed by, each with a date: lines to sign on. */
static void
exec_signoff(struct exec_page *p)
{
	const struct answers_meta *me = &p->x->r->answers->meta;
	struct xlsx_book *b = p->b;

	p->row++;
	xlsx_merge(b, p->ws, p->row++, 0, LAST_COL, "Sign-off",
	    b->f.heading);
	xlsx_text(b, p->ws, p->row, 0, "Prepared by", b->f.label);
	xlsx_merge(b, p->ws, p->row, 1, 2, me->assessor, b->f.sign);
	if (me->assessor != NULL)
		grow_row(p, p->row, text_height(me->assessor, 1, 2));
	xlsx_text(b, p->ws, p->row, 3, "Date", b->f.label);
	xlsx_merge(b, p->ws, p->row, 4, LEFT_LAST, NULL, b->f.sign);
	xlsx_text(b, p->ws, p->row, RIGHT_FIRST, "Reviewed by", b->f.label);
	xlsx_merge(b, p->ws, p->row, RIGHT_FIRST + 1, RIGHT_FIRST + 2, NULL,
	    b->f.sign);
	xlsx_text(b, p->ws, p->row, RIGHT_FIRST + 3, "Date", b->f.label);
	xlsx_text(b, p->ws, p->row, LAST_COL, NULL, b->f.sign);
	grow_row(p, p->row++, 28);
}

/* Set the recorded row heights and the one-page print setup. */
static void
exec_print(struct exec_page *p)
{
	for (lxw_row_t r = 0; r < p->row && r < MAX_ROWS; r++)
		if (p->height[r] > 0)
			xlsx_check(p->b, worksheet_set_row(p->ws, r,
			    p->height[r], NULL));
	xlsx_print_setup(p->ws);
	worksheet_fit_to_pages(p->ws, 1, 1);
	worksheet_set_margins(p->ws, 0.4, 0.4, 0.5, 0.6);
	xlsx_check(p->b, worksheet_print_area(p->ws, 0, 0, p->row - 1,
	    LAST_COL));
	xlsx_check(p->b, worksheet_repeat_rows(p->ws, 0, 0));
	worksheet_gridlines(p->ws, LXW_HIDE_ALL_GRIDLINES);
	worksheet_activate(p->ws);
}

void
xlsx_summary_sheet(struct xlsx_report *x)
{
	struct exec_page p = { .x = x, .b = &x->book };
	lxw_row_t top, first, lower;

	p.ws = xlsx_sheet(p.b, "Summary");
	if (p.ws == NULL)
		return;
	for (size_t c = 0; c < ARRAY_SIZE(exec_widths); c++)
		xlsx_check(p.b, worksheet_set_column(p.ws, (lxw_col_t)c,
		    (lxw_col_t)c, exec_widths[c], NULL));
	exec_head(&p);
	top = p.row;
	exec_figures(&p);
	first = exec_domains(&p);
	exec_chart(&p, top, p.row - 1, first);
	lower = ++p.row;
	exec_gaps(&p, lower);
	exec_strengths(&p, lower);
	p.row = lower + 1 + N_GAPS;
	exec_summary(&p);
	exec_signoff(&p);
	exec_print(&p);
}
