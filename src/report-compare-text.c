/*
 * The terminal text of a comparison: the assessments in order, one
 * table of the overall, domain and area scores at every date with the
 * change since the first and the previous assessment (▲ up, ▼ down),
 * the target and gap now, then the improved / regressed / unchanged
 * below target lists, the answers that changed between the last two
 * assessments and the warnings. Text from files is escaped (term.h)
 * before it is measured; names cut to their column.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report-compare.h"
#include "socassess/strbuf.h"
#include "socassess/term.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

#define TEXT_MIN_WIDTH 40
#define NAME_MIN 14
/* Fixed columns, each with its leading spaces. */
#define COL_DATE 11
#define COL_CHANGE 9
#define COL_TARGET 7
#define COL_GAP 6

struct cmp_layout {
	size_t width;
	size_t name;
};

/* s (already safe) in width columns: cut, or padded on the left/right. */
static void
put_cell(struct strbuf *sb, const char *s, size_t width, bool right)
{
	size_t n = utf8_cut_width(s, width);
	size_t w = utf8_width_n(s, n);

	if (right && w < width)
		strbuf_addchars(sb, ' ', width - w);
	strbuf_add(sb, s, n);
	if (!right && w < width)
		strbuf_addchars(sb, ' ', width - w);
}

/*
 * File text, escaped for the terminal, in a column; a name too wide for
 * it ends in "…" (the JSON and XLSX outputs hold it whole).
 */
static void
put_name(struct strbuf *sb, const char *indent, const char *name,
    size_t width)
{
	struct strbuf safe = STRBUF_INIT;

	strbuf_addstr(&safe, indent);
	term_escape(&safe, name, false);
	if (utf8_width(safe.buf) > width) {
		safe.len = utf8_cut_width(safe.buf, width - 2);
		safe.buf[safe.len] = '\0';
		strbuf_addstr(&safe, "… ");
	}
	put_cell(sb, safe.buf, width, false);
	strbuf_release(&safe);
}

static void
put_score(struct strbuf *sb, struct opt_score s, size_t width)
{
	char buf[32] = "-";

	if (s.set)
		figure_score(buf, sizeof(buf), s.value);
	put_cell(sb, buf, width, true);
}

void
report_compare_change_text(char *buf, size_t size, struct opt_score d)
{
	char num[32];

	if (!d.set) {
		snprintf(buf, size, "-");
		return;
	}
	figure_score(num, sizeof(num), fabs(d.value));
	if (strcmp(num, "0.00") == 0)
		snprintf(buf, size, "%s", num);
	else
		snprintf(buf, size, "%s %s", d.value > 0 ? "▲" : "▼", num);
}

static void
put_change(struct strbuf *sb, struct opt_score d)
{
	char buf[48];

	report_compare_change_text(buf, sizeof(buf), d);
	put_cell(sb, buf, COL_CHANGE, true);
}

static void
put_row(struct strbuf *sb, const struct compare *c,
    const struct cmp_layout *l, const char *indent, const char *name,
    const struct compare_row *row)
{
	put_name(sb, indent, name, l->name);
	for (size_t i = 0; i < c->n; i++)
		put_score(sb, row->scores[i], COL_DATE);
	put_change(sb, row->since_first);
	put_change(sb, row->since_previous);
	put_score(sb, row->target, COL_TARGET);
	put_score(sb, row->gap, COL_GAP);
	strbuf_addch(sb, '\n');
}

/* The score table: overall and domains, and their areas when asked. */
static void
put_table(struct strbuf *sb, const struct compare *c,
    const struct cmp_layout *l, bool with_areas)
{
	const struct model *m = compare_latest(c)->model;

	put_cell(sb, "", l->name, false);
	for (size_t i = 0; i < c->n; i++) {
		const char *date = c->results[i]->answers->meta.date;
		char head[32];

		snprintf(head, sizeof(head), "#%zu", i + 1);
		put_cell(sb, date != NULL ? date : head, COL_DATE, true);
	}
	put_cell(sb, "vs first", COL_CHANGE, true);
	put_cell(sb, "vs prev", COL_CHANGE, true);
	put_cell(sb, "Target", COL_TARGET, true);
	put_cell(sb, "Gap", COL_GAP, true);
	strbuf_addch(sb, '\n');
	put_row(sb, c, l, "", "Overall", &c->overall);
	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];

		put_row(sb, c, l, "", dom->name, &c->domains[d]);
		for (size_t a = dom->first_area; with_areas &&
		    a < dom->first_area + dom->n_areas; a++)
			put_row(sb, c, l, "  ", m->areas[a].name, &c->areas[a]);
	}
}

/* prefix, then text (escaped) wrapped to the width, indented by 2. */
static void
put_wrapped(struct strbuf *sb, const struct cmp_layout *l,
    const char *prefix, const char *text, size_t indent)
{
	struct strbuf safe = STRBUF_INIT;

	term_escape(&safe, text, true);
	strbuf_addstr(sb, prefix);
	utf8_wrap(sb, safe.buf, l->width, utf8_width(prefix), indent);
	strbuf_addch(sb, '\n');
	strbuf_release(&safe);
}

static void
put_assessments(struct strbuf *sb, const struct compare *c,
    const struct cmp_layout *l)
{
	const struct model *m = compare_latest(c)->model;
	char *head = xasprintf("%zu assessments of %s %s, %s:", c->n,
	    m->name, m->version, c->by_date ? "oldest first" :
	    "in the order given");

	put_wrapped(sb, l, "Progress: ", head, 2);
	free(head);
	for (size_t i = 0; i < c->n; i++) {
		const struct result *r = c->results[i];
		const struct answers_meta *am = &r->answers->meta;
		char prefix[32];
		char *line = xasprintf("%s: %s, %s, %s%s", am->date != NULL ?
		    am->date : "(no date)", r->answers->path, r->q->id,
		    m->profiles[r->answers->profile].id, r->provisional ?
		    ", PROVISIONAL" : "");

		snprintf(prefix, sizeof(prefix), "  %zu  ", i + 1);
		put_wrapped(sb, l, prefix, line, 5);
		free(line);
	}
	if (!c->same_questionnaire)
		put_wrapped(sb, l, "", "The questionnaires differ: compared "
		    "at area and domain level.", 0);
	strbuf_addch(sb, '\n');
}

/* One list of areas: "Improved: Monitoring ▲ 1.00, Alert ▲ 0.50". */
static void
put_area_list(struct strbuf *sb, const struct compare *c,
    const struct cmp_layout *l, const char *label, enum compare_trend t,
    bool below_only)
{
	const struct model *m = compare_latest(c)->model;
	struct strbuf list = STRBUF_INIT;

	for (size_t a = 0; a < m->n_areas; a++) {
		const struct compare_row *row = &c->areas[a];
		char change[48], gap[32];

		if (row->trend != t || (below_only && !row->below_target))
			continue;
		report_compare_change_text(change, sizeof(change),
		    row->since_first);
		figure_score(gap, sizeof(gap), row->gap.set ? row->gap.value :
		    0);
		strbuf_addf(&list, "%s%s (%s)", list.len > 0 ? ", " : "",
		    m->areas[a].name, below_only ? gap : change);
	}
	put_wrapped(sb, l, label, list.len > 0 ? list.buf : "none", 2);
	strbuf_release(&list);
}

static void
put_lists(struct strbuf *sb, const struct compare *c,
    const struct cmp_layout *l)
{
	char threshold[32], *head;

	figure_score(threshold, sizeof(threshold), c->threshold);
	head = xasprintf("Areas since the first assessment (a change of %s "
	    "or more counts):", threshold);
	put_wrapped(sb, l, "\n", head, 0);
	free(head);
	put_area_list(sb, c, l, "Improved: ", TREND_IMPROVED, false);
	put_area_list(sb, c, l, "Regressed: ", TREND_REGRESSED, false);
	put_area_list(sb, c, l, "Unchanged below target (gap): ",
	    TREND_UNCHANGED, true);
}

/* "3", "N/A", "unanswered". */
static void
answer_text(char *buf, size_t size, const struct compare_answer *ca)
{
	if (ca->state == Q_ANSWERED)
		format_number_short(buf, size, ca->value);
	else
		snprintf(buf, size, "%s", ca->state == Q_NA ? "N/A" :
		    "unanswered");
}

/* The note of one side: its N/A reason or comment, when there is one. */
static void
put_note(struct strbuf *sb, const struct cmp_layout *l, const char *label,
    const struct compare_answer *ca)
{
	const char *note = ca->state == Q_NA && ca->na_reason != NULL ?
	    ca->na_reason : ca->comment;

	if (note != NULL)
		put_wrapped(sb, l, label, note, 9);
}

static void
put_changes(struct strbuf *sb, const struct compare *c,
    const struct cmp_layout *l)
{
	const struct result *to = compare_latest(c);
	const char *d0 = c->results[c->n - 2]->answers->meta.date;
	const char *d1 = to->answers->meta.date;
	char *head = xasprintf("Answers changed from %s to %s: %zu",
	    d0 != NULL ? d0 : "the one before", d1 != NULL ? d1 : "the latest",
	    c->n_changes);

	if (!c->changes_known) {
		free(head);
		head = xstrdup("Answers changed: not listed, the last two "
		    "assessments use different questionnaires");
	}
	put_wrapped(sb, l, "\n", head, 0);
	free(head);
	for (size_t i = 0; i < c->n_changes; i++) {
		const struct compare_change *ch = &c->changes[i];
		const struct question *qu = &to->q->questions[ch->question];
		char from[32], now[32], *line;

		answer_text(from, sizeof(from), &ch->from);
		answer_text(now, sizeof(now), &ch->to);
		line = xasprintf("%s (%s): %s → %s", qu->id,
		    to->model->areas[qu->area].name, from, now);
		put_wrapped(sb, l, "  ", line, 4);
		free(line);
		put_wrapped(sb, l, "    ", qu->text, 4);
		put_note(sb, l, "    was: ", &ch->from);
		put_note(sb, l, "    now: ", &ch->to);
	}
}

/* "Action plan since the previous assessment: 3 done, ..." */
static void
put_plan(struct strbuf *sb, const struct compare *c,
    const struct cmp_layout *l)
{
	const struct compare_plan *p = &c->plan;
	char *line;

	if (!c->has_plan)
		return;
	line = xasprintf("%zu done, %zu dropped, %zu met by the assessment, "
	    "%zu new, %zu overdue. Now %zu items: %zu open, %zu in progress, "
	    "%zu done, %zu dropped.", p->done, p->dropped, p->met, p->added,
	    p->overdue, p->n_items, p->by_status[0], p->by_status[1],
	    p->by_status[2], p->by_status[3]);
	put_wrapped(sb, l, "\nAction plan since the previous assessment: ",
	    line, 2);
	free(line);
}

static void
put_warnings(struct strbuf *sb, const struct compare *c,
    const struct cmp_layout *l)
{
	if (c->warnings.n == 0)
		return;
	strbuf_addstr(sb, "\nWarnings:\n");
	for (size_t i = 0; i < c->warnings.n; i++)
		put_wrapped(sb, l, "  ", c->warnings.items[i].text, 2);
}

static void
layout_init(struct cmp_layout *l, const struct compare *c, size_t width)
{
	size_t fixed = c->n * COL_DATE + 2 * COL_CHANGE + COL_TARGET +
	    COL_GAP;

	l->width = width < TEXT_MIN_WIDTH ? TEXT_MIN_WIDTH : width;
	l->name = l->width > fixed + NAME_MIN ? l->width - fixed : NAME_MIN;
}

char *
report_compare_text(const struct compare *c, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	struct cmp_layout l;

	layout_init(&l, c, width);
	put_assessments(&sb, c, &l);
	put_table(&sb, c, &l, true);
	put_lists(&sb, c, &l);
	put_changes(&sb, c, &l);
	put_plan(&sb, c, &l);
	put_warnings(&sb, c, &l);
	return strbuf_detach(&sb, NULL);
}

char *
report_compare_baseline_text(const struct compare *c, size_t width)
{
	const struct answers *old = c->results[0]->answers;
	struct strbuf sb = STRBUF_INIT;
	struct cmp_layout l;
	char *head;

	layout_init(&l, c, width);
	head = xasprintf("Since the baseline of %s (%s):", old->meta.date !=
	    NULL ? old->meta.date : "no date", old->path);
	put_wrapped(&sb, &l, "\n", head, 0);
	free(head);
	put_table(&sb, c, &l, false);
	put_area_list(&sb, c, &l, "Improved: ", TREND_IMPROVED, false);
	put_area_list(&sb, c, &l, "Regressed: ", TREND_REGRESSED, false);
	if (c->changes_known) {
		head = xasprintf("%zu answer%s changed (socassess compare "
		    "lists them).", c->n_changes, c->n_changes == 1 ? "" :
		    "s");
		put_wrapped(&sb, &l, "", head, 0);
		free(head);
	}
	put_warnings(&sb, c, &l);
	return strbuf_detach(&sb, NULL);
}
