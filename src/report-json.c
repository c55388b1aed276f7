/*
 * The JSON report. Keys are added in a deliberate order (jansson keeps
 * insertion order), numbers are rounded to 1e-9 and written with 15
 * significant digits, integers without a fraction, absent scores as
 * null: the same inputs give the same bytes on every run and locale.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/report.h"
#include "socassess/util.h"

json_t *
report_json_number(double v)
{
	double r = round(v * 1e9) / 1e9;

	if (r == 0)
		return json_integer(0);
	if (r == floor(r) && fabs(r) < 1e15)
		return json_integer((json_int_t)r);
	return json_real(r);
}

static json_t *
opt_number(struct opt_score s)
{
	return s.set ? report_json_number(s.value) : json_null();
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static void
set(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new(obj, key, v != NULL ? v : json_null());
}

static json_t *
completeness(const struct completeness *c)
{
	json_t *o = json_object();

	set(o, "applicable", json_integer((json_int_t)c->applicable));
	set(o, "answered", json_integer((json_int_t)c->answered));
	set(o, "na", json_integer((json_int_t)c->na));
	set(o, "unanswered", json_integer((json_int_t)c->unanswered));
	set(o, "ratio", c->applicable > 0 ? report_json_number(
	    (double)(c->answered + c->na) / (double)c->applicable) :
	    json_null());
	return o;
}

static json_t *
level_name(const struct model *m, struct opt_score s, int level)
{
	return s.set ? json_string(score_level_name(m, level)) : json_null();
}

static json_t *
strings(char *const *s, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(s[i]));
	return a;
}

static json_t *
assessment(const struct answers *a)
{
	const struct answers_meta *me = &a->meta;
	json_t *o = json_object();

	set(o, "questionnaire", str_or_null(me->questionnaire));
	set(o, "questionnaire_version", str_or_null(me->questionnaire_version));
	set(o, "profile", str_or_null(me->profile));
	set(o, "organisation", str_or_null(me->organisation));
	set(o, "scope", str_or_null(me->scope));
	set(o, "assessor", str_or_null(me->assessor));
	set(o, "date", str_or_null(me->date));
	set(o, "type", str_or_null(me->type));
	set(o, "style", str_or_null(me->style));
	return o;
}

static json_t *
model_info(const struct model *m)
{
	json_t *o = json_object(), *scale = json_array();

	set(o, "id", json_string(m->id));
	set(o, "name", json_string(m->name));
	set(o, "version", json_string(m->version));
	set(o, "scoring", json_string(scoring_method_name(m->scoring)));
	set(o, "pass", m->scoring == SCORING_GATED ?
	    report_json_number(m->pass) : json_null());
	for (size_t i = 0; i < m->n_levels; i++) {
		json_t *l = json_object();

		set(l, "level", json_integer(m->scale[i].level));
		set(l, "name", json_string(m->scale[i].name));
		json_array_append_new(scale, l);
	}
	set(o, "scale", scale);
	return o;
}

static const char *const state_names[] = {
	[Q_NOT_APPLICABLE] = "not-applicable",
	[Q_UNANSWERED] = "unanswered",
	[Q_ANSWERED] = "answered",
	[Q_NA] = "na",
};

static json_t *
question_json(const struct result *r, size_t qi)
{
	const struct question *qu = &r->q->questions[qi];
	const struct question_result *qr = &r->questions[qi];
	const struct answer *an = answers_get(r->answers, qi);
	json_t *o = json_object();

	set(o, "id", json_string(qu->id));
	set(o, "weight", report_json_number(qu->weight));
	set(o, "level", qu->level >= 0 ? json_integer(qu->level) :
	    json_null());
	set(o, "state", json_string(state_names[qr->state]));
	set(o, "value", qr->state == Q_ANSWERED ?
	    report_json_number(qr->value) : json_null());
	set(o, "answer", qr->state == Q_ANSWERED ?
	    json_string(qu->options[qr->option].text) : json_null());
	set(o, "comment", str_or_null(an != NULL ? an->comment : NULL));
	set(o, "evidence", an != NULL ? strings(an->evidence,
	    an->n_evidence) : json_array());
	set(o, "assessor", str_or_null(an != NULL ? an->assessor : NULL));
	return o;
}

static json_t *
area_json(const struct result *r, size_t ai, json_t *questions)
{
	const struct area *ar = &r->model->areas[ai];
	const struct area_result *res = &r->areas[ai];
	const struct answers *a = r->answers;
	json_t *o = json_object();

	set(o, "id", json_string(ar->id));
	set(o, "name", json_string(ar->name));
	set(o, "applicable", json_boolean(res->applies));
	set(o, "importance", str_or_null(a->weight_overridden[ai] ? NULL :
	    ar->importance));
	set(o, "weight", report_json_number(res->weight));
	set(o, "weight_overridden", json_boolean(a->weight_overridden[ai]));
	set(o, "score", opt_number(res->score));
	set(o, "level", res->score.set ? json_integer(res->level) :
	    json_null());
	set(o, "level_name", level_name(r->model, res->score, res->level));
	set(o, "target", res->applies ? report_json_number(res->target) :
	    json_null());
	set(o, "target_overridden", json_boolean(a->target_overridden[ai]));
	set(o, "gap", res->score.set ? report_json_number(res->gap) :
	    json_null());
	set(o, "priority", res->score.set ?
	    report_json_number(res->priority) : json_null());
	set(o, "completeness", completeness(&res->done));
	set(o, "csf", strings(ar->csf, ar->n_csf));
	set(o, "questions", questions);
	return o;
}

/* Domains, areas and questions; questions in questionnaire order. */
static json_t *
domains_json(const struct result *r)
{
	const struct model *m = r->model;
	const struct questionnaire *q = r->q;
	json_t **per_area = xcalloc(m->n_areas, sizeof(*per_area));
	json_t *domains = json_array();

	for (size_t ai = 0; ai < m->n_areas; ai++)
		per_area[ai] = json_array();
	for (size_t qi = 0; qi < q->n_questions; qi++)
		json_array_append_new(per_area[q->questions[qi].area],
		    question_json(r, qi));
	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];
		const struct domain_result *dr = &r->domains[d];
		json_t *o = json_object(), *areas = json_array();

		set(o, "id", json_string(dom->id));
		set(o, "name", json_string(dom->name));
		set(o, "weight", report_json_number(dom->weight));
		set(o, "score", opt_number(dr->score));
		set(o, "level", dr->score.set ? json_integer(dr->level) :
		    json_null());
		set(o, "level_name", level_name(m, dr->score, dr->level));
		set(o, "target", opt_number(dr->target));
		set(o, "gap", dr->score.set ? report_json_number(dr->gap) :
		    json_null());
		set(o, "completeness", completeness(&dr->done));
		for (size_t ai = dom->first_area; ai < dom->first_area +
		    dom->n_areas; ai++)
			json_array_append_new(areas, area_json(r, ai,
			    per_area[ai]));
		set(o, "areas", areas);
		json_array_append_new(domains, o);
	}
	free(per_area);
	return domains;
}

static json_t *
overall_json(const struct result *r)
{
	json_t *o = json_object();

	set(o, "score", opt_number(r->score));
	set(o, "level", r->score.set ? json_integer(r->level) : json_null());
	set(o, "level_name", level_name(r->model, r->score, r->level));
	set(o, "target", opt_number(r->target));
	set(o, "gap", r->score.set ? report_json_number(r->gap) : json_null());
	set(o, "percent_to_target", opt_number(r->percent_to_target));
	return o;
}

static json_t *
gaps_json(const struct result *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_gaps; i++) {
		const struct gap *g = &r->gaps[i];
		const struct area_result *ar = &r->areas[g->area];
		json_t *o = json_object();

		set(o, "area", json_string(r->model->areas[g->area].id));
		set(o, "domain", json_string(r->model->domains[
		    r->model->areas[g->area].domain].id));
		set(o, "score", opt_number(ar->score));
		set(o, "target", report_json_number(ar->target));
		set(o, "gap", report_json_number(g->gap));
		set(o, "weight", report_json_number(ar->weight));
		set(o, "priority", report_json_number(g->priority));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
recs_json(const struct result *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_recs; i++) {
		const struct recommendation *rec = &r->recs[i];
		const struct question *qu = &r->q->questions[rec->question];
		json_t *o = json_object();

		set(o, "rank", json_integer((json_int_t)i + 1));
		set(o, "question", json_string(qu->id));
		set(o, "area", json_string(r->model->areas[rec->area].id));
		set(o, "value", report_json_number(rec->value));
		set(o, "target", report_json_number(
		    r->areas[rec->area].target));
		set(o, "next_value", report_json_number(
		    qu->options[rec->next_option].value));
		set(o, "text", json_string(qu->options[rec->next_option].text));
		set(o, "area_priority", report_json_number(
		    r->areas[rec->area].priority));
		set(o, "weighted_gap", report_json_number(rec->key));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
csf_json(const struct result *r)
{
	json_t *a = json_array();

	for (size_t f = 0; f < CSF_FUNCTIONS; f++) {
		const struct csf_result *c = &r->csf[f];
		json_t *o = json_object();

		set(o, "function", json_string(c->function));
		set(o, "score", opt_number(c->score));
		set(o, "weight", report_json_number(c->weight));
		set(o, "areas", json_integer((json_int_t)c->n_areas));
		set(o, "questions", json_integer((json_int_t)c->n_questions));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
warnings_json(const struct soc_errors *w)
{
	json_t *a = json_array();

	for (size_t i = 0; w != NULL && i < w->n; i++) {
		const struct soc_error *e = &w->items[i];
		json_t *o;

		if (e->severity != SOC_WARNING)
			continue;
		o = json_object();
		set(o, "line", e->line > 0 ? json_integer(e->line) :
		    json_null());
		set(o, "column", e->line > 0 ? json_integer(e->column) :
		    json_null());
		set(o, "message", json_string(e->text));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
report_json(const struct result *r, const struct soc_errors *warnings)
{
	const struct profile *p = &r->model->profiles[r->answers->profile];
	json_t *o = json_object(), *qo = json_object(), *po = json_object();

	set(o, "format", json_string(REPORT_FORMAT));
	set(o, "assessment", assessment(r->answers));
	set(o, "model", model_info(r->model));
	set(qo, "id", json_string(r->q->id));
	set(qo, "name", json_string(r->q->name));
	set(qo, "version", json_string(r->q->version));
	set(o, "questionnaire", qo);
	set(po, "id", json_string(p->id));
	set(po, "name", json_string(p->name));
	set(o, "profile", po);
	set(o, "overall", overall_json(r));
	set(o, "completeness", completeness(&r->done));
	set(o, "domains", domains_json(r));
	set(o, "gaps", gaps_json(r));
	set(o, "recommendations", recs_json(r));
	set(o, "csf", csf_json(r));
	set(o, "warnings", warnings_json(warnings));
	return o;
}

char *
report_json_dump(const json_t *root)
{
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15) |
	    JSON_PRESERVE_ORDER);
	char *out;

	if (s == NULL)
		return xstrdup("null\n");
	out = xasprintf("%s\n", s);
	free(s);
	return out;
}

json_t *
report_portfolio_row(const struct result *r, const char *input,
    const char *report)
{
	const struct answers_meta *me = &r->answers->meta;
	json_t *o = json_object(), *d = json_object();

	set(o, "input", json_string(input));
	set(o, "report", str_or_null(report));
	set(o, "organisation", str_or_null(me->organisation));
	set(o, "scope", str_or_null(me->scope));
	set(o, "date", str_or_null(me->date));
	set(o, "questionnaire", json_string(r->q->id));
	set(o, "profile", json_string(me->profile));
	set(o, "score", opt_number(r->score));
	set(o, "level_name", level_name(r->model, r->score, r->level));
	set(o, "target", opt_number(r->target));
	set(o, "percent_to_target", opt_number(r->percent_to_target));
	for (size_t i = 0; i < r->model->n_domains; i++)
		set(d, r->model->domains[i].id, opt_number(
		    r->domains[i].score));
	set(o, "domains", d);
	set(o, "completeness", completeness(&r->done));
	return o;
}

json_t *
report_portfolio(json_t *rows, size_t n_failed)
{
	json_t *o = json_object();

	set(o, "format", json_string(PORTFOLIO_FORMAT));
	set(o, "scored", json_integer((json_int_t)json_array_size(rows)));
	set(o, "failed", json_integer((json_int_t)n_failed));
	set(o, "assessments", rows);
	return o;
}
