/*
 * The conflict report of a merge: terminal text and the JSON document
 * "socassess-conflicts/1" (docs/merge.md). Both read the conflicts from
 * the merged answers' candidates, so the report says exactly what the
 * merged file holds. The JSON uses the writer and number rules of the
 * other documents: the same inputs give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/atomic.h"
#include "socassess/figures.h"
#include "socassess/json-writer.h"
#include "socassess/report-merge.h"
#include "socassess/strbuf.h"
#include "socassess/term.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

/* Text ---------------------------------------------------------------- */

/* File text on one line, escaped for the terminal. */
static void
put_safe(struct strbuf *sb, const char *s)
{
	term_escape(sb, s, false);
}

/* File text, escaped, wrapped at width with indent columns before. */
static void
put_wrapped(struct strbuf *sb, const char *s, size_t indent, size_t width)
{
	struct strbuf safe = STRBUF_INIT;

	term_escape(&safe, s, false);
	strbuf_addchars(sb, ' ', indent);
	utf8_wrap(sb, safe.buf, width, indent, indent);
	strbuf_addch(sb, '\n');
	strbuf_release(&safe);
}

/* A candidate's answer: "3", "N/A (reason)". */
static void
put_candidate_answer(struct strbuf *sb, const struct answer_candidate *ca)
{
	char num[32];

	if (ca->na) {
		strbuf_addstr(sb, "N/A (");
		put_safe(sb, ca->na_reason);
		strbuf_addch(sb, ')');
		return;
	}
	format_number_short(num, sizeof(num), ca->value);
	strbuf_addstr(sb, num);
}

/* Each line of a comment, indented under its candidate. */
static void
put_comment(struct strbuf *sb, const char *comment, size_t width)
{
	const char *p = comment;

	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		char *line = nl ? xasprintf("%.*s", (int)(nl - p), p) :
		    xstrdup(p);

		put_wrapped(sb, line, 8, width);
		free(line);
		p = nl ? nl + 1 : NULL;
	}
}

static void
text_conflict(struct strbuf *sb, const struct merge *m,
    const struct merge_conflict *c, size_t width)
{
	const struct questionnaire *q = m->merged->q;
	const struct question *qu = &q->questions[c->question];
	const struct answer *an = answers_get(m->merged, c->question);
	char num[32];

	strbuf_addstr(sb, "  ");
	put_safe(sb, qu->id);
	strbuf_addstr(sb, " (");
	put_safe(sb, q->model->areas[qu->area].id);
	strbuf_addstr(sb, ")\n");
	put_wrapped(sb, qu->text, 4, width);
	for (size_t i = 0; i < an->n_candidates; i++) {
		const struct answer_candidate *ca = &an->candidates[i];

		strbuf_addstr(sb, "    - ");
		put_safe(sb, ca->assessor != NULL ? ca->assessor : "-");
		strbuf_addstr(sb, ": ");
		put_candidate_answer(sb, ca);
		strbuf_addch(sb, '\n');
		put_comment(sb, ca->comment, width);
	}
	strbuf_addstr(sb, "    spread: ");
	format_number_short(num, sizeof(num), c->spread);
	strbuf_addstr(sb, c->has_spread ? num : "-");
	strbuf_addstr(sb, c->na_and_value ? " (and N/A against a value)" : "");
	if (c->resolved) {
		format_number_short(num, sizeof(num), an->value);
		strbuf_addf(sb, "; resolved by %s: %s\n", an->resolution, num);
	} else
		strbuf_addstr(sb, "; unresolved\n");
}

static void
text_area(struct strbuf *sb, const struct merge *m, size_t ai)
{
	const struct merge_area *ar = &m->areas[ai];
	char pct[32] = "-";
	double share;

	if (merge_area_agreement(m, ai, &share))
		figure_percent(pct, sizeof(pct), share);
	strbuf_addstr(sb, "  ");
	put_safe(sb, m->merged->model->areas[ai].id);
	strbuf_addf(sb, ": %s%% agreed (%zu of %zu compared, %zu in conflict)\n",
	    pct, ar->agreed, ar->compared, ar->conflicts);
}

/* What was merged and the totals. */
static void
text_head(struct strbuf *out, const struct merge *m, size_t width)
{
	struct strbuf line = STRBUF_INIT, *sb = &line;

	strbuf_addf(sb, "Merged %zu answers files of questionnaire '",
	    m->n_inputs);
	put_safe(sb, m->merged->q->id);
	strbuf_addstr(sb, "', profile '");
	put_safe(sb, m->merged->meta.profile);
	strbuf_addstr(sb, "': ");
	put_safe(sb, m->merged->meta.assessor);
	utf8_wrap(out, line.buf, width, 0, 2);
	strbuf_reset(&line);
	strbuf_addf(sb, "%zu questions answered by two or more, %zu agreed, "
	    "%zu in conflict (%zu unresolved, policy %s)", m->n_compared,
	    m->n_agreed, m->n_conflicts, m->n_unresolved,
	    merge_policy_name(m->policy));
	strbuf_addch(out, '\n');
	utf8_wrap(out, line.buf, width, 0, 0);
	strbuf_addch(out, '\n');
	strbuf_release(&line);
}

char *
report_merge_text(const struct merge *m, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	const struct model *mo = m->merged->model;

	text_head(&sb, m, width);
	if (m->n_conflicts > 0)
		strbuf_addstr(&sb, "\nConflicts\n");
	for (size_t i = 0; i < m->n_conflicts; i++)
		text_conflict(&sb, m, &m->conflicts[i], width);
	strbuf_addstr(&sb, "\nAgreement by area\n");
	for (size_t ai = 0; ai < mo->n_areas; ai++) {
		if (m->areas[ai].compared > 0)
			text_area(&sb, m, ai);
	}
	if (m->n_worst > 0)
		strbuf_addstr(&sb, "\nAreas of largest disagreement\n");
	for (size_t i = 0; i < m->n_worst; i++)
		text_area(&sb, m, m->worst[i]);
	return strbuf_detach(&sb, NULL);
}

/* JSON ---------------------------------------------------------------- */

static void
w_candidates(struct jw *w, const struct answer *an)
{
	jw_open(w, "candidates", '[');
	for (size_t i = 0; i < an->n_candidates; i++) {
		const struct answer_candidate *ca = &an->candidates[i];

		jw_open(w, NULL, '{');
		jw_str(w, "assessor", ca->assessor);
		jw_num_or_null(w, "value", ca->has_value, ca->value);
		jw_bool(w, "na", ca->na);
		jw_str(w, "na_reason", ca->na_reason);
		jw_str(w, "comment", ca->comment);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
w_conflicts(struct jw *w, const struct merge *m)
{
	const struct questionnaire *q = m->merged->q;

	jw_open(w, "conflicts", '[');
	for (size_t i = 0; i < m->n_conflicts; i++) {
		const struct merge_conflict *c = &m->conflicts[i];
		const struct question *qu = &q->questions[c->question];
		const struct answer *an = answers_get(m->merged, c->question);

		jw_open(w, NULL, '{');
		jw_str(w, "id", qu->id);
		jw_str(w, "area", q->model->areas[qu->area].id);
		jw_str(w, "text", qu->text);
		w_candidates(w, an);
		jw_num_or_null(w, "spread", c->has_spread, c->spread);
		jw_bool(w, "na_and_value", c->na_and_value);
		jw_bool(w, "resolved", c->resolved);
		jw_str(w, "resolution", an->resolution);
		jw_num_or_null(w, "value", c->resolved, an->value);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
w_area(struct jw *w, const struct merge *m, size_t ai)
{
	const struct area *ar = &m->merged->model->areas[ai];
	double share = 0;
	bool has_share;

	jw_open(w, NULL, '{');
	jw_str(w, "id", ar->id);
	jw_str(w, "name", ar->name);
	jw_int(w, "compared", (long long)m->areas[ai].compared);
	jw_int(w, "agreed", (long long)m->areas[ai].agreed);
	jw_int(w, "conflicts", (long long)m->areas[ai].conflicts);
	/* The call fills share: it must run before share is read. */
	has_share = merge_area_agreement(m, ai, &share);
	jw_num_or_null(w, "agreement", has_share, share);
	jw_close(w, '}');
}

static void
w_areas(struct jw *w, const struct merge *m)
{
	const struct model *mo = m->merged->model;

	jw_open(w, "areas", '[');
	for (size_t ai = 0; ai < mo->n_areas; ai++)
		w_area(w, m, ai);
	jw_close(w, ']');
	jw_open(w, "largest_disagreement", '[');
	for (size_t i = 0; i < m->n_worst; i++)
		jw_str(w, NULL, mo->areas[m->worst[i]].id);
	jw_close(w, ']');
}

static void
w_inputs(struct jw *w, const struct merge *m)
{
	jw_open(w, "inputs", '[');
	for (size_t i = 0; i < m->n_inputs; i++) {
		jw_open(w, NULL, '{');
		jw_str(w, "path", m->inputs[i]->path);
		jw_str(w, "assessor", merge_assessor(m->inputs[i], NULL));
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
w_summary(struct jw *w, const struct merge *m)
{
	jw_open(w, "summary", '{');
	jw_int(w, "compared", (long long)m->n_compared);
	jw_int(w, "agreed", (long long)m->n_agreed);
	jw_int(w, "conflicts", (long long)m->n_conflicts);
	jw_int(w, "unresolved", (long long)m->n_unresolved);
	jw_close(w, '}');
}

int
report_merge_json(const struct merge *m, FILE *fp)
{
	const struct answers *a = m->merged;
	struct jw w;

	jw_init(&w, fp);
	jw_open(&w, NULL, '{');
	jw_str(&w, "format", MERGE_FORMAT);
	jw_open(&w, "generator", '{');
	jw_str(&w, "name", "socassess");
	jw_str(&w, "version", SOCASSESS_VERSION);
	jw_close(&w, '}');
	jw_open(&w, "questionnaire", '{');
	jw_str(&w, "id", a->q->id);
	jw_str(&w, "version", a->q->version);
	jw_close(&w, '}');
	jw_str(&w, "profile", a->meta.profile);
	jw_str(&w, "policy", merge_policy_name(m->policy));
	jw_str(&w, "merged", a->path);
	w_inputs(&w, m);
	w_summary(&w, m);
	w_conflicts(&w, m);
	w_areas(&w, m);
	jw_open(&w, "warnings", '[');
	for (size_t i = 0; i < m->warnings.n; i++) {
		char *text = xasprintf("%s: %s", m->warnings.items[i].path,
		    m->warnings.items[i].text);

		jw_str(&w, NULL, text);
		free(text);
	}
	jw_close(&w, ']');
	jw_end(&w, '}');
	return ferror(fp) ? -1 : 0;
}

static int
write_report(FILE *fp, const void *m)
{
	return report_merge_json(m, fp);
}

int
report_merge_json_save(const struct merge *m, const char *path,
    struct soc_errors *errs)
{
	return atomic_save(path, write_report, m, errs);
}
