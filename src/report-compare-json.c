/*
 * The JSON document of a comparison, format "socassess-compare/1"
 * (docs/compare.md, docs/schema/compare.schema.json): the same writer,
 * number rounding and key order rules as the JSON report, so the same
 * inputs give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "socassess/atomic.h"
#include "socassess/json-writer.h"
#include "socassess/plan.h"
#include "socassess/report-compare.h"
#include "socassess/util.h"

static void
w_assessments(struct jw *w, const struct compare *c)
{
	jw_open(w, "assessments", '[');
	for (size_t i = 0; i < c->n; i++) {
		const struct result *r = c->results[i];
		const struct answers_meta *m = &r->answers->meta;

		jw_open(w, NULL, '{');
		jw_str(w, "input", r->answers->path);
		jw_int(w, "position", (long long)c->input[i] + 1);
		jw_str(w, "date", m->date);
		jw_str(w, "organisation", m->organisation);
		jw_str(w, "scope", m->scope);
		jw_str(w, "type", m->type);
		jw_str(w, "questionnaire", r->q->id);
		jw_str(w, "questionnaire_version", m->questionnaire_version);
		jw_str(w, "profile", r->model->profiles[r->answers->profile].id);
		jw_str(w, "status", r->provisional ? "provisional" : "final");
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* The fields of a row after its id and name. */
static void
w_row(struct jw *w, const struct compare *c, const struct compare_row *row)
{
	jw_open(w, "scores", '[');
	for (size_t i = 0; i < c->n; i++)
		jw_opt(w, NULL, row->scores[i]);
	jw_close(w, ']');
	jw_opt(w, "change_since_first", row->since_first);
	jw_opt(w, "change_since_previous", row->since_previous);
	jw_opt(w, "target", row->target);
	jw_opt(w, "gap", row->gap);
	jw_str(w, "trend", compare_trend_name(row->trend));
	jw_bool(w, "below_target", row->below_target);
}

static void
w_rows(struct jw *w, const struct compare *c)
{
	const struct model *m = compare_latest(c)->model;

	jw_open(w, "overall", '{');
	w_row(w, c, &c->overall);
	jw_close(w, '}');
	jw_open(w, "domains", '[');
	for (size_t d = 0; d < m->n_domains; d++) {
		jw_open(w, NULL, '{');
		jw_str(w, "id", m->domains[d].id);
		jw_str(w, "name", m->domains[d].name);
		w_row(w, c, &c->domains[d]);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "areas", '[');
	for (size_t a = 0; a < m->n_areas; a++) {
		jw_open(w, NULL, '{');
		jw_str(w, "id", m->areas[a].id);
		jw_str(w, "name", m->areas[a].name);
		jw_str(w, "domain", m->domains[m->areas[a].domain].id);
		w_row(w, c, &c->areas[a]);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* The ids of the areas with trend t (below target only when asked). */
static void
w_area_ids(struct jw *w, const char *key, const struct compare *c,
    enum compare_trend t, bool below_only)
{
	const struct model *m = compare_latest(c)->model;

	jw_open(w, key, '[');
	for (size_t a = 0; a < m->n_areas; a++) {
		if (c->areas[a].trend == t &&
		    (!below_only || c->areas[a].below_target))
			jw_str(w, NULL, m->areas[a].id);
	}
	jw_close(w, ']');
}

static const char *
state_name(enum question_state s)
{
	static const char *const names[] = { "not applicable", "unanswered",
	    "answered", "na" };

	return names[s];
}

static void
w_answer(struct jw *w, const char *key, const struct compare_answer *ca)
{
	jw_open(w, key, '{');
	jw_str(w, "state", state_name(ca->state));
	jw_num_or_null(w, "value", ca->state == Q_ANSWERED, ca->value);
	jw_str(w, "na_reason", ca->na_reason);
	jw_str(w, "comment", ca->comment);
	jw_close(w, '}');
}

static void
w_changes(struct jw *w, const struct compare *c)
{
	const struct result *to = compare_latest(c);

	jw_open(w, "changed_answers", '{');
	jw_str(w, "from", c->results[c->n - 2]->answers->meta.date);
	jw_str(w, "to", to->answers->meta.date);
	jw_bool(w, "known", c->changes_known);
	jw_open(w, "questions", '[');
	for (size_t i = 0; i < c->n_changes; i++) {
		const struct compare_change *ch = &c->changes[i];
		const struct question *qu = &to->q->questions[ch->question];

		jw_open(w, NULL, '{');
		jw_str(w, "id", qu->id);
		jw_str(w, "area", to->model->areas[qu->area].id);
		jw_str(w, "text", qu->text);
		w_answer(w, "from", &ch->from);
		w_answer(w, "to", &ch->to);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

/* Plan progress, or null when no two plans were given. */
static void
w_plan(struct jw *w, const struct compare *c)
{
	const struct compare_plan *p = &c->plan;

	if (!c->has_plan) {
		jw_lit(w, "plan_progress", "null");
		return;
	}
	jw_open(w, "plan_progress", '{');
	jw_int(w, "items", (long long)p->n_items);
	jw_int(w, "done", (long long)p->done);
	jw_int(w, "dropped", (long long)p->dropped);
	jw_int(w, "met", (long long)p->met);
	jw_int(w, "added", (long long)p->added);
	jw_int(w, "overdue", (long long)p->overdue);
	jw_open(w, "by_status", '{');
	for (size_t s = 0; s < PLAN_STATUSES; s++)
		jw_int(w, plan_status_names[s], (long long)p->by_status[s]);
	jw_close(w, '}');
	jw_close(w, '}');
}

static void
w_warnings(struct jw *w, const struct compare *c)
{
	jw_open(w, "warnings", '[');
	for (size_t i = 0; i < c->warnings.n; i++)
		jw_str(w, NULL, c->warnings.items[i].text);
	jw_close(w, ']');
}

void
report_compare_json_members(struct jw *w, const struct compare *c)
{
	jw_num(w, "threshold", c->threshold);
	jw_str(w, "order", c->by_date ? "date" : "given");
	jw_bool(w, "same_questionnaire", c->same_questionnaire);
	w_assessments(w, c);
	w_rows(w, c);
	w_area_ids(w, "improved", c, TREND_IMPROVED, false);
	w_area_ids(w, "regressed", c, TREND_REGRESSED, false);
	w_area_ids(w, "unchanged_below_target", c, TREND_UNCHANGED, true);
	w_area_ids(w, "not_comparable", c, TREND_NOT_COMPARABLE, false);
	w_changes(w, c);
	w_plan(w, c);
	w_warnings(w, c);
}

int
report_compare_json(const struct compare *c, FILE *fp)
{
	const struct model *m = compare_latest(c)->model;
	struct jw w;

	jw_init(&w, fp);
	jw_open(&w, NULL, '{');
	jw_str(&w, "format", COMPARE_FORMAT);
	jw_open(&w, "generator", '{');
	jw_str(&w, "name", "socassess");
	jw_str(&w, "version", SOCASSESS_VERSION);
	jw_close(&w, '}');
	jw_open(&w, "model", '{');
	jw_str(&w, "id", m->id);
	jw_str(&w, "name", m->name);
	jw_str(&w, "version", m->version);
	jw_close(&w, '}');
	report_compare_json_members(&w, c);
	jw_end(&w, '}');
	return ferror(fp) ? -1 : 0;
}

static int
write_compare(FILE *fp, const void *c)
{
	return report_compare_json(c, fp);
}

int
report_compare_json_save(const struct compare *c, const char *path,
    struct soc_errors *errs)
{
	return atomic_save(path, write_compare, c, errs);
}

char *
report_compare_json_text(const struct compare *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		return xstrdup("");
	report_compare_json(c, fp);
	fclose(fp);
	return buf;
}
