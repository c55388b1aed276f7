/*
 * The terminal summary of one assessment and the portfolio table of a
 * batch, laid out for a given width in columns (the command layer picks
 * it: the terminal's, or 80 when the output is not a terminal, so piped
 * output stays the same). Long text wraps at word boundaries; names wrap
 * inside their column; nothing is cut. Text from files is shown with its
 * control characters escaped (term.h) before it is measured, so the
 * layout holds for hostile input too. Built in memory; the command layer
 * prints it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-compare.h"
#include "socassess/report.h"
#include "socassess/strbuf.h"
#include "socassess/term.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

/* Narrowest layout: below it the table still works, only wrapping more. */
#define TEXT_MIN_WIDTH 40
/* Widths of the fixed table columns, each with its leading space(s). */
#define COL_SCORE 7
#define COL_TARGET 7
#define COL_GAP 6
#define COL_SHORT 6
/* The name column never gets narrower than this. */
#define NAME_MIN 14
/* The heading of the completeness column. */
#define DONE_HEAD "Answered or N/A"
/* Gap list entries shown. */
#define TEXT_GAPS 5

/* The widths of the table's columns for one report. */
struct layout {
	size_t width;          /* the whole line */
	size_t name;           /* domain / area names (with indent) */
	size_t level;          /* level names */
	size_t done;           /* the completeness wording */
};

/* Pad sb with spaces from display width have to want. */
static void
pad(struct strbuf *sb, size_t have, size_t want)
{
	if (have < want)
		strbuf_addchars(sb, ' ', want - have);
}

/* s right-aligned in a field of width columns. */
static void
put_right(struct strbuf *sb, const char *s, size_t width)
{
	pad(sb, utf8_width(s), width);
	strbuf_addstr(sb, s);
}

/* s left-aligned in width columns, cut on a character boundary. */
static void
put_left(struct strbuf *sb, const char *s, size_t width)
{
	size_t n = utf8_cut_width(s, width);

	strbuf_add(sb, s, n);
	pad(sb, utf8_width_n(s, n), width);
}

/*
 * prefix as it is, then text wrapped to width columns, its following
 * lines indented by indent columns, then a newline.
 */
static void
put_wrapped(struct strbuf *sb, const char *prefix, const char *text,
    size_t width, size_t indent)
{
	struct strbuf safe = STRBUF_INIT;

	term_escape(&safe, text, true);
	strbuf_addstr(sb, prefix);
	utf8_wrap(sb, safe.buf, width, utf8_width(prefix), indent);
	strbuf_addch(sb, '\n');
	strbuf_release(&safe);
}

/* A paragraph wrapped to width, every line indented by indent. */
static void
put_paragraph(struct strbuf *sb, const char *text, size_t width,
    size_t indent)
{
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "%*s", (int)indent, "");
	put_wrapped(sb, prefix, text, width, indent);
}

static void
put_score(struct strbuf *sb, struct opt_score s, size_t width)
{
	char buf[32] = "-";

	if (s.set)
		figure_score(buf, sizeof(buf), s.value);
	put_right(sb, buf, width);
}

/*
 * name wrapped to width columns after indent: the first line is appended
 * to sb (padded to the column), the other lines returned (caller frees;
 * NULL when there are none) for the rows below.
 */
static char *
put_name(struct strbuf *sb, const char *indent, const char *name,
    size_t width)
{
	struct strbuf lines = STRBUF_INIT, safe = STRBUF_INIT;
	char *rest = NULL;
	size_t w = width - strlen(indent), n;

	term_escape(&safe, name, false);
	utf8_wrap(&lines, safe.buf, w, 0, 0);
	strbuf_release(&safe);
	n = strcspn(lines.buf, "\n");
	strbuf_addstr(sb, indent);
	strbuf_add(sb, lines.buf, n);
	pad(sb, utf8_width_n(lines.buf, n), w);
	if (lines.buf[n] == '\n')
		rest = xstrdup(lines.buf + n + 1);
	strbuf_release(&lines);
	return rest;
}

/* The next line of *rest (consumed), or "" when there is none. */
static const char *
next_line(char **rest)
{
	char *line = *rest, *nl;

	if (line == NULL)
		return "";
	nl = strchr(line, '\n');
	if (nl != NULL) {
		*nl = '\0';
		*rest = nl + 1;
	} else
		*rest = NULL;
	return line;
}

/*
 * The rest of a wrapped name, one line each under the name column, and
 * of a wrapped level name under the level column.
 */
static void
put_rests(struct strbuf *sb, const struct layout *l, const char *indent,
    char *name_rest, char *level_rest)
{
	char *name = name_rest, *level = level_rest;

	while (name != NULL || level != NULL) {
		const char *nl = next_line(&name), *ll = next_line(&level);

		strbuf_addstr(sb, indent);
		if (*ll == '\0') {
			strbuf_addf(sb, "%s\n", nl);
			continue;
		}
		put_left(sb, nl, l->name - strlen(indent));
		strbuf_addchars(sb, ' ', COL_SCORE + 2);
		strbuf_addf(sb, "%s\n", ll);
	}
	free(name_rest);
	free(level_rest);
}

/* One table row: a domain, an area or the overall line. */
struct row {
	const char *indent;
	const char *name;
	struct opt_score score;
	int level;
	struct opt_score target;
	double gap;
	size_t n_short;        /* areas short, for domain and overall rows */
	bool area;
	const struct completeness *done;
};

static void
put_row(struct strbuf *sb, const struct result *r, const struct layout *l,
    const struct row *row)
{
	char *rest = put_name(sb, row->indent, row->name, l->name);
	char *level_rest = NULL, buf[64] = "-";

	put_score(sb, row->score, COL_SCORE);
	if (l->level > 0) {
		strbuf_addstr(sb, "  ");
		level_rest = put_name(sb, "", row->score.set ?
		    score_level_name(r->model, row->level) : "-", l->level);
	}
	put_score(sb, row->target, COL_TARGET);
	if (row->score.set && row->target.set)
		figure_score(buf, sizeof(buf), row->gap);
	put_right(sb, buf, COL_GAP);
	snprintf(buf, sizeof(buf), "%zu", row->n_short);
	put_right(sb, row->area ? "" : buf, COL_SHORT);
	figure_completeness(buf, sizeof(buf), row->done);
	strbuf_addf(sb, "  %s\n", buf);
	put_rests(sb, l, row->indent, rest, level_rest);
}

/* The widest name of the table, with its indent. */
static size_t
widest_name(const struct model *m)
{
	size_t w = utf8_width("Domain / area");

	for (size_t d = 0; d < m->n_domains; d++) {
		size_t n = utf8_width(m->domains[d].name);

		w = n > w ? n : w;
	}
	for (size_t ai = 0; ai < m->n_areas; ai++) {
		size_t n = 2 + utf8_width(m->areas[ai].name);

		w = n > w ? n : w;
	}
	return w;
}

/* The widest level name, and the widest word in a level name. */
static void
widest_level(const struct model *m, size_t *whole, size_t *word)
{
	*whole = *word = 5;
	for (size_t i = 0; i < m->n_levels; i++) {
		const char *p = m->scale[i].name;
		size_t w = utf8_width(p);

		*whole = w > *whole ? w : *whole;
		while (*p != '\0') {
			size_t n = strcspn(p, " ");

			w = utf8_width_n(p, n);
			*word = w > *word ? w : *word;
			p += n + (p[n] == ' ');
		}
	}
}

/*
 * Column widths for r on a line of width columns. Names get what they
 * need first, then level names; when the line is too narrow names wrap,
 * then level names wrap between words, and on the narrowest lines the
 * level column is left out (the score says the same).
 */
static void
layout_init(struct layout *l, const struct result *r, size_t width)
{
	size_t fixed, room, name_need = widest_name(r->model), whole, word;
	char buf[64];

	l->width = width < TEXT_MIN_WIDTH ? TEXT_MIN_WIDTH : width;
	widest_level(r->model, &whole, &word);
	figure_completeness(buf, sizeof(buf), &r->done);
	l->done = strlen(buf) > strlen(DONE_HEAD) ? strlen(buf) :
	    strlen(DONE_HEAD);
	fixed = COL_SCORE + COL_TARGET + COL_GAP + COL_SHORT + 2 + l->done;
	room = l->width > fixed + NAME_MIN ? l->width - fixed : NAME_MIN;
	if (room >= name_need + 2 + whole)
		l->level = whole;
	else if (room >= name_need + 2 + word)
		l->level = room - 2 - name_need;
	else if (room >= NAME_MIN + 2 + word)
		l->level = word;
	else
		l->level = 0;
	l->name = room - (l->level > 0 ? l->level + 2 : 0);
	l->name = l->name > name_need ? name_need : l->name;
}

static void
put_header(struct strbuf *sb, const struct layout *l)
{
	put_left(sb, "Domain / area", l->name);
	put_right(sb, "Score", COL_SCORE);
	if (l->level > 0) {
		strbuf_addstr(sb, "  ");
		put_left(sb, "Level", l->level);
	}
	put_right(sb, "Target", COL_TARGET);
	put_right(sb, "Gap", COL_GAP);
	put_right(sb, "Short", COL_SHORT);
	strbuf_addstr(sb, "  " DONE_HEAD "\n");
}

/* The domains and their areas. */
static void
put_table(struct strbuf *sb, const struct result *r, const struct layout *l)
{
	const struct model *m = r->model;

	put_header(sb, l);
	put_row(sb, r, l, &(struct row){ "", "Overall", r->score, r->level,
	    r->target, r->gap, r->n_short, false, &r->done });
	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];
		const struct domain_result *dr = &r->domains[d];

		put_row(sb, r, l, &(struct row){ "", dom->name, dr->score,
		    dr->level, dr->target, dr->gap, dr->n_short, false,
		    &dr->done });
		for (size_t ai = dom->first_area; ai < dom->first_area +
		    dom->n_areas; ai++) {
			const struct area_result *ar = &r->areas[ai];

			if (!ar->applies) {
				char *rest = put_name(sb, "  ",
				    m->areas[ai].name, l->name);

				strbuf_addstr(sb, "  not run by this operating "
				    "model\n");
				put_rests(sb, l, "  ", rest, NULL);
				continue;
			}
			put_row(sb, r, l, &(struct row){ "  ",
			    m->areas[ai].name, ar->score, ar->level,
			    (struct opt_score){ true, ar->target }, ar->gap, 0,
			    true, &ar->done });
		}
	}
}

/* Provisional notice, assessment, verdicts: the lines above the table. */
static void
put_head(struct strbuf *sb, const struct result *r, const struct layout *l)
{
	const struct model *m = r->model;
	const struct answers_meta *me = &r->answers->meta;
	char *text = report_provisional_text(r);

	if (text != NULL) {
		put_paragraph(sb, text, l->width, 0);
		strbuf_addch(sb, '\n');
		free(text);
	}
	text = xasprintf("Assessment: %s%s%s%s%s%s",
	    me->organisation != NULL ? me->organisation :
	    "(organisation not given)", me->scope != NULL ? ", " : "",
	    me->scope != NULL ? me->scope : "", me->date != NULL ? " (" : "",
	    me->date != NULL ? me->date : "", me->date != NULL ? ")" : "");
	put_paragraph(sb, text, l->width, 0);
	free(text);
	text = xasprintf("Profile: %s; questionnaire %s %s; model %s %s, "
	    "scoring %s", m->profiles[r->answers->profile].name, r->q->id,
	    r->q->version, m->id, m->version, scoring_method_name(m->scoring));
	put_paragraph(sb, text, l->width, 0);
	free(text);
	strbuf_addch(sb, '\n');
	text = report_verdict_text(r);
	put_paragraph(sb, text, l->width, 0);
	free(text);
	text = report_tier_text(r);
	if (text != NULL)
		put_paragraph(sb, text, l->width, 0);
	free(text);
	strbuf_addch(sb, '\n');
}

/* Progress, the largest gaps and the top recommendations. */
static void
put_gaps(struct strbuf *sb, const struct result *r, const struct layout *l)
{
	char pct[16], gap[32], pri[32];

	if (r->percent_to_target.set) {
		figure_percent(pct, sizeof(pct), r->percent_to_target.value);
		strbuf_addf(sb, "\nProgress to target: %s %%\n", pct);
	}
	if (r->n_gaps == 0)
		return;
	strbuf_addstr(sb, "\nLargest gaps (gap x area weight):\n");
	for (size_t i = 0; i < r->n_gaps && i < TEXT_GAPS; i++) {
		char *line;

		figure_score(gap, sizeof(gap), r->gaps[i].gap);
		figure_score(pri, sizeof(pri), r->gaps[i].priority);
		line = xasprintf("%s: gap %s, priority %s",
		    r->model->areas[r->gaps[i].area].name, gap, pri);
		put_paragraph(sb, line, l->width, 2);
		free(line);
	}
}

static void
put_recommendations(struct strbuf *sb, const struct result *r,
    const struct layout *l, size_t max_recs)
{
	if (r->n_recs == 0)
		return;
	strbuf_addf(sb, "\nTop recommendations (%zu of %zu):\n",
	    r->n_recs < max_recs ? r->n_recs : max_recs, r->n_recs);
	for (size_t i = 0; i < r->n_recs && i < max_recs; i++) {
		const struct recommendation *rec = &r->recs[i];
		const struct question *qu = &r->q->questions[rec->question];
		const char *effort = effort_name(qu->effort);
		char number[32], *head = xasprintf("%s [%s%s%s]",
		    r->model->areas[rec->area].name, qu->id,
		    effort != NULL ? ", effort " : "",
		    effort != NULL ? effort : "");

		snprintf(number, sizeof(number), "  %2zu. ", i + 1);
		put_wrapped(sb, number, head, l->width, 6);
		put_paragraph(sb, question_next_step(qu, rec->next_option),
		    l->width, 6);
		free(head);
	}
}

static void
put_warnings(struct strbuf *sb, const struct soc_errors *warnings,
    const struct layout *l)
{
	if (warnings == NULL || warnings->n == 0)
		return;
	strbuf_addstr(sb, "\nWarnings:\n");
	for (size_t i = 0; i < warnings->n; i++) {
		const struct soc_error *e = &warnings->items[i];
		char *line = e->line > 0 ? xasprintf("line %u: %s", e->line,
		    e->text) : xstrdup(e->text);

		put_paragraph(sb, line, l->width, 2);
		free(line);
	}
}

char *
report_text(const struct result *r, const struct soc_errors *warnings,
    size_t max_recs, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	struct layout l;

	layout_init(&l, r, width);
	put_head(&sb, r, &l);
	put_table(&sb, r, &l);
	put_gaps(&sb, r, &l);
	put_recommendations(&sb, r, &l, max_recs);
	if (r->baseline != NULL) {
		char *since = report_compare_baseline_text(r->baseline,
		    l.width);

		strbuf_addstr(&sb, since);
		free(since);
	}
	put_warnings(&sb, warnings, &l);
	return strbuf_detach(&sb, NULL);
}

/*
 * The portfolio table: 80 columns (piped output stays the same). One
 * line per assessment with its label, date and scores, a second with
 * its profile, level and completeness. Domain columns are as narrow as
 * their names allow on two header lines; labels take the rest and are
 * cut with an ellipsis.
 */
#define PF_WIDTH 80
#define PF_DATE 10
#define PF_OVERALL 7
#define PF_DOMAIN_MIN 6
#define PF_DOMAIN_MAX 10
#define PF_LABEL_MIN 16
#define PF_HEAD_LINES 3
#define PF_MAX_DOMAINS 64

struct pf_layout {
	struct portfolio_domain cols[PF_MAX_DOMAINS];
	size_t n_cols;
	struct strbuf heads[PF_MAX_DOMAINS]; /* names wrapped to width */
	size_t width[PF_MAX_DOMAINS];
	size_t label;
	size_t head_lines;
};

/* name escaped and wrapped to width columns into out; returns its lines. */
static size_t
wrap_head(struct strbuf *out, const char *name, size_t width)
{
	struct strbuf safe = STRBUF_INIT;
	size_t lines = 1;

	strbuf_reset(out);
	term_escape(&safe, name, false);
	utf8_wrap(out, safe.buf, width, 0, 0);
	strbuf_release(&safe);
	for (const char *c = out->buf; *c != '\0'; c++)
		lines += *c == '\n';
	return lines;
}

/*
 * The narrowest width from the widest word of name (at least
 * PF_DOMAIN_MIN, at most most) that puts name on two lines; head gets
 * name wrapped to it. A word wider than most is cut by the wrap.
 */
static size_t
domain_width(struct strbuf *head, const char *name, size_t most)
{
	size_t w = PF_DOMAIN_MIN;

	for (const char *p = name; *p != '\0';) {
		size_t n = strcspn(p, " "), ww = utf8_width_n(p, n);

		w = ww > w ? ww : w;
		p += n + (p[n] == ' ');
	}
	for (; w < most; w++) {
		if (wrap_head(head, name, w) <= 2)
			return w;
	}
	wrap_head(head, name, most);
	return most;
}

static size_t
label_room(const struct pf_layout *l)
{
	size_t used = 1 + PF_DATE + 1 + PF_OVERALL;

	for (size_t k = 0; k < l->n_cols; k++)
		used += 1 + l->width[k];
	return used + PF_LABEL_MIN <= PF_WIDTH ? PF_WIDTH - used :
	    PF_LABEL_MIN;
}

static void
pf_layout_init(struct pf_layout *l, const struct portfolio *p)
{
	size_t most = PF_DOMAIN_MAX;

	memset(l, 0, sizeof(*l));
	l->n_cols = portfolio_domains(p, l->cols, PF_MAX_DOMAINS);
	for (size_t k = 0; k < l->n_cols; k++)
		strbuf_init(&l->heads[k], 0);
	/* Narrower domain columns when the labels would get too little. */
	for (int pass = 0; pass < 2; pass++, most = PF_DOMAIN_MIN) {
		for (size_t k = 0; k < l->n_cols; k++)
			l->width[k] = domain_width(&l->heads[k],
			    l->cols[k].name, most);
		l->label = label_room(l);
		if (l->label > PF_LABEL_MIN)
			break;
	}
	l->head_lines = 1;
	for (size_t k = 0; k < l->n_cols; k++) {
		size_t n = wrap_head(&l->heads[k], l->cols[k].name,
		    l->width[k]);

		l->head_lines = n > l->head_lines ? n : l->head_lines;
	}
	if (l->head_lines > PF_HEAD_LINES)
		l->head_lines = PF_HEAD_LINES;
}

static void
pf_layout_release(struct pf_layout *l)
{
	for (size_t k = 0; k < l->n_cols; k++)
		strbuf_release(&l->heads[k]);
}

/*
 * Line i of the wrapped header s, right-aligned in width columns; on
 * the last header line whatever is left is cut with an ellipsis.
 */
static void
put_head_line(struct strbuf *sb, const char *s, size_t i, size_t width,
    bool last)
{
	struct strbuf cell = STRBUF_INIT, out = STRBUF_INIT;
	size_t n;

	for (; i > 0 && *s != '\0'; i--) {
		n = strcspn(s, "\n");
		s += n + (s[n] == '\n');
	}
	n = last ? strlen(s) : strcspn(s, "\n");
	for (size_t k = 0; k < n; k++)
		strbuf_addch(&cell, s[k] == '\n' ? ' ' : s[k]);
	utf8_add_cut(&out, cell.buf, width);
	put_right(sb, out.buf, width);
	strbuf_release(&cell);
	strbuf_release(&out);
}

/* Drop the blanks at the end of sb. */
static void
trim_end(struct strbuf *sb)
{
	while (sb->len > 0 && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = '\0';
}

static void
pf_header(struct strbuf *sb, const struct pf_layout *l)
{
	for (size_t i = 0; i < l->head_lines; i++) {
		bool first = i == 0;

		put_left(sb, first ? "Assessment" : "", l->label);
		strbuf_addch(sb, ' ');
		put_left(sb, first ? "Date" : "", PF_DATE);
		put_right(sb, first ? "Overall" : "", 1 + PF_OVERALL);
		for (size_t k = 0; k < l->n_cols; k++) {
			strbuf_addch(sb, ' ');
			put_head_line(sb, l->heads[k].buf, i, l->width[k],
			    i + 1 == l->head_lines);
		}
		trim_end(sb);
		strbuf_addch(sb, '\n');
	}
}

/*
 * One assessment: the line of scores, then profile, level, answers; -1
 * with an error when its row cannot be read back.
 */
static int
pf_row(struct strbuf *sb, const struct portfolio *p, size_t i,
    const struct pf_layout *l, struct soc_errors *errs)
{
	struct portfolio_row row_data, *row = &row_data;
	struct strbuf safe = STRBUF_INIT, cell = STRBUF_INIT;
	char *label, buf[64], *more;
	size_t w;

	if (portfolio_row_get(p, i, row, errs) < 0)
		return -1;
	label = portfolio_label(row, i);

	term_escape(&safe, label, false);
	free(label);
	w = utf8_add_cut(&cell, safe.buf, l->label);
	strbuf_addstr(sb, cell.buf);
	pad(sb, w, l->label);
	strbuf_addch(sb, ' ');
	strbuf_reset(&safe);
	term_escape(&safe, row->date != NULL ? row->date : "-", false);
	put_left(sb, safe.buf, PF_DATE);
	put_score(sb, row->score, 1 + PF_OVERALL);
	for (size_t k = 0; k < l->n_cols; k++) {
		int level;

		strbuf_addch(sb, ' ');
		put_score(sb, portfolio_domain_score(row, l->cols[k].id,
		    &level), l->width[k]);
	}
	strbuf_addch(sb, '\n');
	figure_completeness(buf, sizeof(buf), &row->done);
	more = xasprintf("Profile: %s; level: %s; answered or N/A: %s%s",
	    row->profile->name, row->score.set ? score_level_name(row->model,
	    row->level) : "-", buf, row->provisional ? "; provisional" : "");
	put_wrapped(sb, "  ", more, PF_WIDTH, 4);
	free(more);
	strbuf_release(&safe);
	strbuf_release(&cell);
	portfolio_row_release(row);
	return 0;
}

/*
 * The change of each organisation assessed on several dates; -1 with an
 * error when the rows cannot be read back.
 */
static int
pf_trends(struct strbuf *sb, const struct portfolio *p,
    struct soc_errors *errs)
{
	struct portfolio_trends t;
	char threshold[32];

	if (portfolio_trends_init(&t, p, errs) < 0)
		return -1;
	if (t.n > 0) {
		char *head;

		figure_score(threshold, sizeof(threshold), COMPARE_THRESHOLD);
		head = xasprintf("Trend of the organisations assessed on "
		    "several dates, since the first (a change under %s counts "
		    "as unchanged):", threshold);
		strbuf_addch(sb, '\n');
		put_paragraph(sb, head, PF_WIDTH, 0);
		free(head);
	}
	for (size_t i = 0; i < t.n; i++) {
		const struct portfolio_trend *tr = &t.items[i];
		struct strbuf line = STRBUF_INIT;
		char change[48];

		strbuf_addf(&line, "%s, %s to %s (%zu assessments): overall ",
		    tr->organisation, tr->first_date, tr->last_date, tr->n);
		report_compare_change_text(change, sizeof(change),
		    tr->overall.since_first);
		strbuf_addf(&line, "%s %s", change,
		    compare_trend_name(tr->overall.trend));
		for (size_t d = 0; d < tr->model->n_domains; d++) {
			report_compare_change_text(change, sizeof(change),
			    tr->domains[d].since_first);
			strbuf_addf(&line, "; %s %s %s",
			    tr->model->domains[d].name, change,
			    compare_trend_name(tr->domains[d].trend));
		}
		put_wrapped(sb, "  ", line.buf, PF_WIDTH, 4);
		strbuf_release(&line);
	}
	portfolio_trends_release(&t);
	return 0;
}

char *
report_text_portfolio(const struct portfolio *p, struct soc_errors *errs)
{
	struct strbuf sb = STRBUF_INIT;
	struct pf_layout l;
	int rc = 0;

	pf_layout_init(&l, p);
	pf_header(&sb, &l);
	for (size_t i = 0; i < p->n && rc == 0; i++)
		rc = pf_row(&sb, p, i, &l, errs);
	pf_layout_release(&l);
	if (rc < 0 || pf_trends(&sb, p, errs) < 0) {
		strbuf_release(&sb);
		return NULL;
	}
	strbuf_addf(&sb, "\n%zu scored, %zu failed\n", p->n, p->n_failed);
	return strbuf_detach(&sb, NULL);
}
