/*
 * The JSON report and the portfolio. Keys come in a deliberate order,
 * numbers are rounded to 1e-9 and written with 15 significant digits,
 * integers without a fraction, absent scores as null: the same inputs
 * give the same bytes on every run and in every locale.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/json-writer.h"
#include "socassess/report-compare.h"
#include "socassess/report-memo.h"
#include "socassess/report.h"
#include "socassess/util.h"

/* Numbers: rounded to 1e-9, integers plain, else 15 significant digits. */
void
report_json_number(char *buf, size_t size, double v)
{
	double r = figure_round(v);

	if (r == floor(r) && fabs(r) < 1e15)
		snprintf(buf, size, "%.0f", r);
	else
		snprintf(buf, size, "%.15g", r);
	/* Whatever LC_NUMERIC says, JSON wants a point. */
	for (char *p = buf; *p != '\0'; p++) {
		if (*p == ',')
			*p = '.';
	}
}

static void
w_completeness(struct jw *w, const char *key, const struct completeness *c)
{
	jw_open(w, key, '{');
	jw_int(w, "applicable", (long long)c->applicable);
	jw_int(w, "answered", (long long)c->answered);
	jw_int(w, "na", (long long)c->na);
	jw_int(w, "unanswered", (long long)c->unanswered);
	jw_opt(w, "ratio", completeness_ratio(c));
	jw_close(w, '}');
}

static const char *
status_name(bool provisional)
{
	return provisional ? "provisional" : "final";
}

static void
w_level(struct jw *w, const struct model *m, struct opt_score s, int level)
{
	if (s.set) {
		jw_int(w, "level", level);
		jw_str(w, "level_name", score_level_name(m, level));
	} else {
		jw_lit(w, "level", "null");
		jw_lit(w, "level_name", "null");
	}
}

static void
w_assessment(struct jw *w, const struct answers *a)
{
	const struct answers_meta *me = &a->meta;

	jw_open(w, "assessment", '{');
	jw_str(w, "questionnaire", me->questionnaire);
	jw_str(w, "questionnaire_version", me->questionnaire_version);
	jw_str(w, "profile", me->profile);
	jw_str(w, "organisation", me->organisation);
	jw_str(w, "scope", me->scope);
	jw_str(w, "assessor", me->assessor);
	jw_str(w, "date", me->date);
	jw_str(w, "type", me->type);
	jw_str(w, "style", me->style);
	jw_close(w, '}');
}

static void
w_model(struct jw *w, const struct model *m)
{
	jw_open(w, "model", '{');
	jw_str(w, "id", m->id);
	jw_str(w, "name", m->name);
	jw_str(w, "version", m->version);
	jw_str(w, "scoring", scoring_method_name(m->scoring));
	jw_num_or_null(w, "pass", m->scoring == SCORING_GATED, m->pass);
	jw_open(w, "scale", '[');
	for (size_t i = 0; i < m->n_levels; i++) {
		jw_open(w, NULL, '{');
		jw_int(w, "level", m->scale[i].level);
		jw_str(w, "name", m->scale[i].name);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

static const char *const state_names[] = {
	[Q_NOT_APPLICABLE] = "not-applicable",
	[Q_UNANSWERED] = "unanswered",
	[Q_ANSWERED] = "answered",
	[Q_NA] = "na",
};

/*
 * s, under key: from its escaped form in ms (at sp) when a memo is
 * there, else escaped now.
 */
static void
w_known(struct jw *w, const char *key, const char *s,
    const struct memo_strings *ms, const struct memo_span *sp)
{
	if (ms != NULL)
		jw_escaped(w, key, ms->text + sp->at, sp->len);
	else
		jw_str(w, key, s);
}

/* Question qi's id (or text) in ms, when ms is there. */
static const struct memo_span *
question_span(const struct memo_strings *ms, bool text, size_t qi)
{
	if (ms == NULL)
		return NULL;
	return text ? &ms->question[qi] : &ms->id[qi];
}

/* Option oi of question qi's text (or next step) in ms, when there. */
static const struct memo_span *
option_span(const struct memo_strings *ms, bool step, size_t qi, size_t oi)
{
	if (ms == NULL)
		return NULL;
	return &(step ? ms->step : ms->option)[ms->first_option[qi] + oi];
}

static void
w_question(struct jw *w, const struct result *r, size_t qi,
    const struct memo_strings *ms)
{
	const struct question *qu = &r->q->questions[qi];
	const struct question_result *qr = &r->questions[qi];
	const struct answer *an = answers_get(r->answers, qi);
	bool answered = qr->state == Q_ANSWERED;

	jw_open(w, NULL, '{');
	w_known(w, "id", qu->id, ms, question_span(ms, false, qi));
	w_known(w, "text", qu->text, ms, question_span(ms, true, qi));
	jw_num(w, "weight", qu->weight);
	if (qu->level >= 0)
		jw_int(w, "level", qu->level);
	else
		jw_lit(w, "level", "null");
	jw_str(w, "state", state_names[qr->state]);
	jw_num_or_null(w, "value", answered, qr->value);
	if (answered)
		w_known(w, "answer", qu->options[qr->option].text, ms,
		    option_span(ms, false, qi, (size_t)qr->option));
	else
		jw_lit(w, "answer", "null");
	jw_str(w, "na_reason", an != NULL ? an->na_reason : NULL);
	jw_str(w, "comment", an != NULL ? an->comment : NULL);
	jw_strings(w, "evidence", an != NULL ? an->evidence : NULL,
	    an != NULL ? an->n_evidence : 0);
	jw_str(w, "assessor", an != NULL ? an->assessor : NULL);
	jw_close(w, '}');
}

static void
w_area(struct jw *w, const struct result *r, size_t ai,
    const struct memo_strings *ms)
{
	const struct area *ar = &r->model->areas[ai];
	const struct area_result *res = &r->areas[ai];
	const struct answers *a = r->answers;
	const struct questionnaire *q = r->q;

	jw_open(w, NULL, '{');
	jw_str(w, "id", ar->id);
	jw_str(w, "name", ar->name);
	jw_bool(w, "applicable", res->applies);
	jw_str(w, "importance", a->area_importance[ai]);
	jw_num(w, "weight", res->weight);
	jw_bool(w, "weight_overridden", a->weight_overridden[ai]);
	jw_opt(w, "score", res->score);
	w_level(w, r->model, res->score, res->level);
	jw_num_or_null(w, "target", res->applies, res->target);
	jw_bool(w, "target_overridden", a->target_overridden[ai]);
	if (res->score.set) {
		jw_num(w, "gap", res->gap);
		jw_num(w, "priority", res->priority);
	} else {
		jw_lit(w, "gap", "null");
		jw_lit(w, "priority", "null");
	}
	w_completeness(w, "completeness", &res->done);
	jw_int(w, "scored", (long long)res->scored);
	jw_str(w, "status", status_name(res->provisional));
	jw_str(w, "verdict", score_verdict_name(res->verdict));
	jw_strings(w, "csf", ar->csf, ar->n_csf);
	jw_open(w, "questions", '[');
	for (size_t qi = 0; qi < q->n_questions; qi++) {
		if (q->questions[qi].area == ai)
			w_question(w, r, qi, ms);
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

static void
w_domains(struct jw *w, const struct result *r,
    const struct memo_strings *ms)
{
	const struct model *m = r->model;

	jw_open(w, "domains", '[');
	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];
		const struct domain_result *dr = &r->domains[d];

		jw_open(w, NULL, '{');
		jw_str(w, "id", dom->id);
		jw_str(w, "name", dom->name);
		jw_num(w, "weight", dom->weight);
		jw_opt(w, "score", dr->score);
		w_level(w, m, dr->score, dr->level);
		jw_opt(w, "target", dr->target);
		jw_num_or_null(w, "gap", dr->score.set, dr->gap);
		jw_int(w, "areas_short", (long long)dr->n_short);
		w_completeness(w, "completeness", &dr->done);
		jw_str(w, "status", status_name(dr->provisional));
		jw_open(w, "areas", '[');
		for (size_t ai = dom->first_area; ai < dom->first_area +
		    dom->n_areas; ai++)
			w_area(w, r, ai, ms);
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
w_overall(struct jw *w, const struct result *r)
{
	jw_open(w, "overall", '{');
	jw_opt(w, "score", r->score);
	w_level(w, r->model, r->score, r->level);
	jw_opt(w, "target", r->target);
	jw_num_or_null(w, "gap", r->score.set, r->gap);
	jw_int(w, "areas_short", (long long)r->n_short);
	jw_opt(w, "percent_to_target", r->percent_to_target);
	jw_close(w, '}');
}

/* The ids of the areas with verdict v, under key. */
static void
w_area_list(struct jw *w, const char *key, const struct result *r,
    enum area_verdict v)
{
	jw_open(w, key, '[');
	for (size_t ai = 0; ai < r->model->n_areas; ai++) {
		if (r->areas[ai].verdict == v)
			jw_str(w, NULL, r->model->areas[ai].id);
	}
	jw_close(w, ']');
}

static void
w_verdict(struct jw *w, const struct result *r)
{
	jw_open(w, "verdict", '{');
	jw_bool(w, "target_met", r->target_met);
	jw_int(w, "areas_short", (long long)r->n_short);
	w_area_list(w, "below_target", r, AV_BELOW_TARGET);
	w_area_list(w, "not_assessed", r, AV_NOT_ASSESSED);
	w_area_list(w, "insufficient_data", r, AV_INSUFFICIENT_DATA);
	w_area_list(w, "not_required", r, AV_NOT_REQUIRED);
	jw_close(w, '}');
}

/* The areas where r falls short of tier profile p, with the reason. */
static void
w_tier_needs(struct jw *w, const struct result *r, const struct profile *p)
{
	const struct model *m = r->model;

	jw_open(w, "needs", '[');
	for (size_t ai = 0; ai < m->n_areas; ai++) {
		const struct area_result *ar = &r->areas[ai];
		enum area_verdict v = score_area_verdict(ar,
		    !p->not_applicable[ai], p->area_target[ai],
		    m->minimum_scored);

		if (v != AV_NOT_ASSESSED && v != AV_BELOW_TARGET &&
		    v != AV_INSUFFICIENT_DATA)
			continue;
		jw_open(w, NULL, '{');
		jw_str(w, "area", m->areas[ai].id);
		jw_str(w, "verdict", score_verdict_name(v));
		jw_opt(w, "score", ar->score);
		jw_num(w, "target", p->area_target[ai]);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* Tier t of the model, or null; with what it still needs when asked. */
static void
w_tier(struct jw *w, const char *key, const struct result *r, int t,
    bool needs)
{
	const struct profile *p = model_tier(r->model, t);

	if (p == NULL) {
		jw_lit(w, key, "null");
		return;
	}
	jw_open(w, key, '{');
	jw_int(w, "tier", t);
	jw_str(w, "id", p->id);
	jw_str(w, "name", p->name);
	if (needs)
		w_tier_needs(w, r, p);
	jw_close(w, '}');
}

/* The highest tier met and what the next one still needs. */
static void
w_tiers(struct jw *w, const struct result *r)
{
	if (r->model->n_tiers == 0) {
		jw_lit(w, "tiers", "null");
		return;
	}
	jw_open(w, "tiers", '{');
	w_tier(w, "highest_met", r, r->tier_met, false);
	w_tier(w, "next", r, r->tier_met + 1, true);
	jw_close(w, '}');
}

static void
w_gaps(struct jw *w, const struct result *r)
{
	jw_open(w, "gaps", '[');
	for (size_t i = 0; i < r->n_gaps; i++) {
		const struct gap *g = &r->gaps[i];
		const struct area_result *ar = &r->areas[g->area];
		const struct area *area = &r->model->areas[g->area];

		jw_open(w, NULL, '{');
		jw_str(w, "area", area->id);
		jw_str(w, "domain", r->model->domains[area->domain].id);
		jw_opt(w, "score", ar->score);
		jw_num(w, "target", ar->target);
		jw_num(w, "gap", g->gap);
		jw_num(w, "weight", ar->weight);
		jw_num(w, "priority", g->priority);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
w_recs(struct jw *w, const struct result *r, const struct memo_strings *ms)
{
	jw_open(w, "recommendations", '[');
	for (size_t i = 0; i < r->n_recs; i++) {
		const struct recommendation *rec = &r->recs[i];
		const struct question *qu = &r->q->questions[rec->question];

		jw_open(w, NULL, '{');
		jw_int(w, "rank", (long long)i + 1);
		w_known(w, "question", qu->id, ms,
		    question_span(ms, false, rec->question));
		w_known(w, "question_text", qu->text, ms,
		    question_span(ms, true, rec->question));
		jw_str(w, "area", r->model->areas[rec->area].id);
		jw_num(w, "value", rec->value);
		jw_num(w, "target", r->areas[rec->area].target);
		jw_num(w, "next_value", qu->options[rec->next_option].value);
		w_known(w, "text", qu->options[rec->next_option].text, ms,
		    option_span(ms, false, rec->question, rec->next_option));
		w_known(w, "action", question_next_step(qu, rec->next_option),
		    ms, option_span(ms, true, rec->question,
		    rec->next_option));
		jw_str(w, "effort", effort_name(qu->effort));
		jw_num(w, "area_priority", r->areas[rec->area].priority);
		jw_num(w, "weighted_gap", rec->key);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
w_csf(struct jw *w, const struct result *r)
{
	jw_open(w, "csf", '[');
	for (size_t f = 0; f < CSF_FUNCTIONS; f++) {
		const struct csf_result *c = &r->csf[f];

		jw_open(w, NULL, '{');
		jw_str(w, "function", c->function);
		jw_str(w, "name", c->name);
		jw_opt(w, "score", c->score);
		jw_num(w, "weight", c->weight);
		jw_int(w, "areas", (long long)c->n_areas);
		jw_int(w, "questions", (long long)c->n_questions);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void
w_warnings(struct jw *w, const struct soc_errors *errs)
{
	jw_open(w, "warnings", '[');
	for (size_t i = 0; errs != NULL && i < errs->n; i++) {
		const struct soc_error *e = &errs->items[i];

		if (e->severity != SOC_WARNING)
			continue;
		jw_open(w, NULL, '{');
		if (e->line > 0) {
			jw_int(w, "line", e->line);
			jw_int(w, "column", e->column);
		} else {
			jw_lit(w, "line", "null");
			jw_lit(w, "column", "null");
		}
		jw_str(w, "message", e->text);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/*
 * The report of r through the writer w; ms, when not NULL, holds the
 * strings of r's questionnaire escaped already.
 */
static int
write_json(const struct result *r, const struct soc_errors *warnings,
    const struct memo_strings *ms, struct jw *w)
{
	const struct profile *p = &r->model->profiles[r->answers->profile];

	jw_open(w, NULL, '{');
	jw_str(w, "format", REPORT_FORMAT);
	jw_open(w, "generator", '{');
	jw_str(w, "name", "socassess");
	jw_str(w, "version", SOCASSESS_VERSION);
	jw_close(w, '}');
	jw_str(w, "status", status_name(r->provisional));
	jw_num(w, "minimum_completeness", r->minimum_completeness);
	w_assessment(w, r->answers);
	w_model(w, r->model);
	jw_open(w, "questionnaire", '{');
	jw_str(w, "id", r->q->id);
	jw_str(w, "name", r->q->name);
	jw_str(w, "version", r->q->version);
	jw_close(w, '}');
	jw_open(w, "profile", '{');
	jw_str(w, "id", p->id);
	jw_str(w, "name", p->name);
	jw_close(w, '}');
	w_overall(w, r);
	w_completeness(w, "completeness", &r->done);
	w_verdict(w, r);
	w_tiers(w, r);
	w_domains(w, r, ms);
	w_gaps(w, r);
	w_recs(w, r, ms);
	w_csf(w, r);
	w_warnings(w, warnings);
	if (r->baseline != NULL) {
		jw_open(w, "baseline", '{');
		report_compare_json_members(w, r->baseline);
		jw_close(w, '}');
	}
	jw_end(w, '}');
	return w->fp != NULL && ferror(w->fp) ? -1 : 0;
}

int
report_json_write(const struct result *r, const struct soc_errors *warnings,
    FILE *fp)
{
	struct jw w;

	jw_init(&w, fp);
	return write_json(r, warnings, NULL, &w);
}

/* A result, its warnings and a batch's memo, for the atomic writer. */
struct report_ctx {
	const struct result *r;
	const struct soc_errors *warnings;
	const struct memo_strings *ms;  /* or NULL */
};

/*
 * A report (about 205 KB for a full assessment) reaches the kernel in
 * one write: it takes large writes faster than stdio's 4 KiB ones. The
 * writer gathers it in one buffer and the stream, unbuffered, passes it
 * on without a second copy. One buffer serves every report, as each is
 * written whole before the next.
 */
static char report_buffer[1 << 18];

static int
write_report(FILE *fp, const void *ctx)
{
	const struct report_ctx *c = ctx;
	struct jw w;

	setvbuf(fp, NULL, _IONBF, 0);
	jw_init_buffer(&w, fp, report_buffer, sizeof(report_buffer));
	return write_json(c->r, c->warnings, c->ms, &w);
}

/* A report made in memory, for a batch that writes behind. */
static int
make_report(char **data, size_t *size, size_t *len, const void *ctx)
{
	const struct report_ctx *c = ctx;
	struct jw w;
	int rc;

	jw_init_memory(&w, *data, *size);
	rc = write_json(c->r, c->warnings, c->ms, &w);
	*data = jw_take(&w, len, size);
	return rc;
}

int
report_json_save(const struct result *r, const struct soc_errors *warnings,
    const char *path, struct atomic_batch *batch, struct report_memo *memo,
    struct soc_errors *errs)
{
	struct report_ctx c = { r, warnings,
	    memo != NULL ? report_memo_get(memo, r->q) : NULL };

	if (batch != NULL && batch->write_behind)
		return atomic_save_behind(path, make_report, &c, batch, errs);
	return atomic_save_batched(path, write_report, &c, batch, errs);
}

char *
report_json_text(const struct result *r, const struct soc_errors *warnings)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		return xstrdup("");
	report_json_write(r, warnings, fp);
	fclose(fp);
	return buf;
}

static void
w_portfolio_row(struct jw *w, const struct portfolio_row *row)
{
	const struct model *m = row->model;

	jw_open(w, NULL, '{');
	jw_str(w, "input", row->input);
	jw_str(w, "report", row->report);
	jw_str(w, "organisation", row->organisation);
	jw_str(w, "scope", row->scope);
	jw_str(w, "date", row->date);
	jw_str(w, "questionnaire", row->questionnaire);
	jw_str(w, "profile", row->profile->id);
	jw_opt(w, "score", row->score);
	jw_str(w, "level_name", row->score.set ? score_level_name(m,
	    row->level) : NULL);
	jw_opt(w, "target", row->target);
	jw_opt(w, "percent_to_target", row->percent_to_target);
	jw_open(w, "domains", '{');
	for (size_t d = 0; d < m->n_domains; d++)
		jw_opt(w, m->domains[d].id, row->domains[d]);
	jw_close(w, '}');
	w_completeness(w, "completeness", &row->done);
	jw_str(w, "status", status_name(row->provisional));
	jw_bool(w, "target_met", row->target_met);
	jw_int(w, "areas_short", (long long)row->n_short);
	jw_close(w, '}');
}

int
report_portfolio_write(const struct portfolio *p, FILE *fp,
    struct soc_errors *errs)
{
	struct jw w;

	jw_init(&w, fp);
	jw_open(&w, NULL, '{');
	jw_str(&w, "format", PORTFOLIO_FORMAT);
	jw_int(&w, "scored", (long long)p->n);
	jw_int(&w, "failed", (long long)p->n_failed);
	jw_open(&w, "assessments", '[');
	for (size_t i = 0; i < p->n; i++) {
		struct portfolio_row row;

		/* What is gathered is dropped: less of a cut document. */
		if (portfolio_row_get(p, i, &row, errs) < 0)
			return -1;
		w_portfolio_row(&w, &row);
		portfolio_row_release(&row);
	}
	jw_close(&w, ']');
	jw_end(&w, '}');
	return ferror(fp) ? -1 : 0;
}

/* A portfolio and where to add why its rows cannot be read back. */
struct portfolio_ctx {
	const struct portfolio *p;
	struct soc_errors *errs;
};

static int
write_portfolio(FILE *fp, const void *ctx)
{
	const struct portfolio_ctx *c = ctx;

	return report_portfolio_write(c->p, fp, c->errs);
}

int
report_portfolio_save(const struct portfolio *p, const char *path,
    struct soc_errors *errs)
{
	struct portfolio_ctx c = { p, errs };

	return atomic_save(path, write_portfolio, &c, errs);
}
