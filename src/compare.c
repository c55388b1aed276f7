/*
 * Progress over time (compare.h): orders scored assessments by date,
 * computes the change of every score, sorts areas into improved,
 * regressed and unchanged by a threshold, lists the answers that changed
 * between the last two assessments, and warns about whatever makes the
 * dates hard to compare. Scores come from the scorer as they are: a
 * change here is always the difference of two reported scores.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/compare.h"
#include "socassess/figures.h"
#include "socassess/plan.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"

/* Areas named in one warning before "and N more". */
#define WARN_NAMED 5

/* Put c->results in date order (stable: ties keep the given order). */
static void
order_by_date(struct compare *c)
{
	for (size_t i = 1; i < c->n; i++) {
		const struct result *r = c->results[i];
		size_t in = c->input[i], j = i;

		while (j > 0 && strcmp(c->results[j - 1]->answers->meta.date,
		    r->answers->meta.date) > 0) {
			c->results[j] = c->results[j - 1];
			c->input[j] = c->input[j - 1];
			j--;
		}
		c->results[j] = r;
		c->input[j] = in;
	}
}

/* Problems that stop a comparison; -1 with errors added. */
static int
check_series(const struct result *const *results, const char *const *paths,
    size_t n, bool keep_order, struct soc_errors *errs)
{
	int rc = 0;

	if (n < 2) {
		soc_error_at(errs, NULL, NULL, "compare needs two or more "
		    "answers files");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct model *m = results[i]->model;

		if (strcmp(m->id, results[0]->model->id) != 0) {
			soc_error_at(errs, paths[i], NULL, "an assessment of "
			    "model '%s', not '%s' like '%s': only assessments "
			    "of one model can be compared", m->id,
			    results[0]->model->id, paths[0]);
			rc = -1;
		}
		if (!keep_order && results[i]->answers->meta.date == NULL) {
			soc_error_at(errs, paths[i], NULL, "no assessment "
			    "date to order by: add 'date' or use --order "
			    "given");
			rc = -1;
		}
	}
	return rc;
}

/* A score that is set when both are: b - a. */
static struct opt_score
difference(struct opt_score a, struct opt_score b)
{
	struct opt_score d = { false, 0 };

	if (a.set && b.set) {
		d.set = true;
		d.value = figure_round(b.value - a.value);
	}
	return d;
}

void
compare_row_finish(struct compare_row *row, size_t n, double threshold)
{
	struct opt_score d;

	row->since_first = difference(row->scores[0], row->scores[n - 1]);
	row->since_previous = difference(row->scores[n - 2],
	    row->scores[n - 1]);
	row->below_target = row->gap.set && row->gap.value > 1e-9;
	d = row->since_first;
	if (!d.set)
		row->trend = TREND_NOT_COMPARABLE;
	else if (d.value >= threshold - 1e-9)
		row->trend = TREND_IMPROVED;
	else if (d.value <= -threshold + 1e-9)
		row->trend = TREND_REGRESSED;
	else
		row->trend = TREND_UNCHANGED;
}

static struct opt_score
set_score(double v)
{
	return (struct opt_score){ true, v };
}

/* The gap of a scored row; unset without a score. */
static struct opt_score
gap_of(struct opt_score score, double gap)
{
	return score.set ? set_score(gap) : (struct opt_score){ false, 0 };
}

static void
fill_overall(struct compare *c)
{
	const struct result *last = compare_latest(c);
	struct compare_row *row = &c->overall;

	row->scores = xcalloc(c->n, sizeof(*row->scores));
	for (size_t i = 0; i < c->n; i++)
		row->scores[i] = c->results[i]->score;
	row->target = last->target;
	row->gap = gap_of(last->score, last->gap);
	compare_row_finish(row, c->n, c->threshold);
}

static void
fill_domain(struct compare *c, size_t d)
{
	const struct domain_result *last = &compare_latest(c)->domains[d];
	struct compare_row *row = &c->domains[d];

	row->scores = xcalloc(c->n, sizeof(*row->scores));
	for (size_t i = 0; i < c->n; i++)
		row->scores[i] = c->results[i]->domains[d].score;
	row->target = last->target;
	row->gap = gap_of(last->score, last->gap);
	compare_row_finish(row, c->n, c->threshold);
}

static void
fill_area(struct compare *c, size_t a)
{
	const struct area_result *last = &compare_latest(c)->areas[a];
	struct compare_row *row = &c->areas[a];

	row->scores = xcalloc(c->n, sizeof(*row->scores));
	for (size_t i = 0; i < c->n; i++)
		row->scores[i] = c->results[i]->areas[a].score;
	if (last->applies)
		row->target = set_score(last->target);
	row->gap = gap_of(last->score, last->gap);
	compare_row_finish(row, c->n, c->threshold);
}

/* What a file says for question qi: state, value and notes. */
static struct compare_answer
answer_of(const struct answers *a, size_t qi)
{
	const struct answer *an = answers_get(a, qi);
	struct compare_answer ca = { .state = Q_UNANSWERED };

	if (an == NULL)
		return ca;
	ca.comment = an->comment;
	ca.na_reason = an->na_reason;
	if (an->na)
		ca.state = Q_NA;
	else if (an->has_value) {
		ca.state = Q_ANSWERED;
		ca.value = an->value;
	}
	return ca;
}

static bool
answers_differ(const struct compare_answer *a, const struct compare_answer *b)
{
	if (a->state != b->state)
		return true;
	return a->state == Q_ANSWERED && figure_round(a->value) !=
	    figure_round(b->value);
}

/* The questions answered differently in the last two assessments. */
static void
find_changes(struct compare *c)
{
	const struct answers *from = c->results[c->n - 2]->answers;
	const struct answers *to = c->results[c->n - 1]->answers;

	c->changes_known = from->q == to->q;
	if (!c->changes_known)
		return;
	c->changes = xcalloc(to->q->n_questions + 1, sizeof(*c->changes));
	for (size_t qi = 0; qi < to->q->n_questions; qi++) {
		struct compare_change ch = { .question = qi };

		ch.from = answer_of(from, qi);
		ch.to = answer_of(to, qi);
		if (answers_differ(&ch.from, &ch.to))
			c->changes[c->n_changes++] = ch;
	}
}

/* "the assessment of 2026-03-12 ('a.yaml')" for warnings. */
static char *
assessment_name(const struct compare *c, size_t i)
{
	const char *date = c->results[i]->answers->meta.date;

	return xasprintf("the assessment of %s ('%s')",
	    date != NULL ? date : "no date", c->results[i]->answers->path);
}

static void
warn_provisional(struct compare *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct result *r = c->results[i];
		char done[16], min[16], *name;

		if (!r->provisional)
			continue;
		figure_percent(done, sizeof(done),
		    completeness_ratio(&r->done).value);
		figure_percent(min, sizeof(min), r->minimum_completeness);
		name = assessment_name(c, i);
		soc_warning_at(&c->warnings, NULL, NULL, "%s is provisional: "
		    "%s %% answered or N/A, under the minimum of %s %%", name,
		    done, min);
		free(name);
	}
}

/* A field of the metadata that changes within the series. */
static void
warn_meta_change(struct compare *c, const char *what,
    const char *(*field)(const struct result *))
{
	for (size_t i = 1; i < c->n; i++) {
		const char *a = field(c->results[i - 1]);
		const char *b = field(c->results[i]);
		char *before, *after;

		if (a == NULL || b == NULL ? a == b : strcmp(a, b) == 0)
			continue;
		before = assessment_name(c, i - 1);
		after = assessment_name(c, i);
		soc_warning_at(&c->warnings, NULL, NULL, "the %s changes from "
		    "'%s' in %s to '%s' in %s", what, a != NULL ? a : "none",
		    before, b != NULL ? b : "none", after);
		free(before);
		free(after);
	}
}

static const char *
profile_of(const struct result *r)
{
	return r->model->profiles[r->answers->profile].id;
}

static const char *
questionnaire_of(const struct result *r)
{
	return r->q->id;
}

static const char *
questionnaire_version_of(const struct result *r)
{
	return r->answers->meta.questionnaire_version;
}

static const char *
model_version_of(const struct result *r)
{
	return r->model->version;
}

/* Append 'id' to a list of at most WARN_NAMED names; counts them all. */
static void
name_area(struct strbuf *list, size_t *n, const char *id)
{
	if (*n < WARN_NAMED)
		strbuf_addf(list, "%s'%s'", *n > 0 ? ", " : "", id);
	(*n)++;
}

static void
warn_areas(struct compare *c, const struct strbuf *list, size_t n,
    const char *what)
{
	if (n == 0)
		return;
	soc_warning_at(&c->warnings, NULL, NULL, "%zu area%s %s: %s%s", n,
	    n == 1 ? "" : "s", what, list->buf, n > WARN_NAMED ?
	    " and more" : "");
}

/* True when area a has a different target at some date than now. */
static bool
target_moves(const struct compare *c, size_t a)
{
	const struct area_result *last = &compare_latest(c)->areas[a];

	for (size_t i = 0; i + 1 < c->n; i++) {
		const struct area_result *ar = &c->results[i]->areas[a];

		if (ar->applies != last->applies || (ar->applies &&
		    figure_round(ar->target) != figure_round(last->target)))
			return true;
	}
	return false;
}

/* Areas whose target moved, and scored areas that cannot be compared. */
static void
warn_area_lists(struct compare *c)
{
	const struct model *m = compare_latest(c)->model;
	struct strbuf moved = STRBUF_INIT, lost = STRBUF_INIT;
	size_t n_moved = 0, n_lost = 0;

	for (size_t a = 0; a < m->n_areas; a++) {
		bool scored = false;

		if (target_moves(c, a))
			name_area(&moved, &n_moved, m->areas[a].id);
		for (size_t i = 0; i < c->n; i++)
			scored = scored || c->results[i]->areas[a].score.set;
		if (scored && c->areas[a].trend == TREND_NOT_COMPARABLE)
			name_area(&lost, &n_lost, m->areas[a].id);
	}
	warn_areas(c, &moved, n_moved, "with a target that differs between "
	    "the dates (gaps use the latest target)");
	warn_areas(c, &lost, n_lost, "cannot be compared (no score at the "
	    "first or the latest date)");
	strbuf_release(&moved);
	strbuf_release(&lost);
}

static void
warn_all(struct compare *c)
{
	warn_meta_change(c, "model version", model_version_of);
	warn_meta_change(c, "questionnaire", questionnaire_of);
	warn_meta_change(c, "questionnaire version", questionnaire_version_of);
	warn_meta_change(c, "profile", profile_of);
	if (!c->same_questionnaire)
		soc_warning_at(&c->warnings, NULL, NULL, "the assessments use "
		    "different questionnaires: compared at area and domain "
		    "level only");
	warn_area_lists(c);
	warn_provisional(c);
}

struct compare *
compare_new(const struct result *const *results, const char *const *paths,
    size_t n, double threshold, bool keep_order, struct soc_errors *errs)
{
	struct compare *c;
	const struct model *m;

	if (check_series(results, paths, n, keep_order, errs) < 0)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->n = n;
	c->threshold = threshold;
	c->by_date = !keep_order;
	c->results = xcalloc(n, sizeof(*c->results));
	c->input = xcalloc(n, sizeof(*c->input));
	c->same_questionnaire = true;
	for (size_t i = 0; i < n; i++) {
		c->results[i] = results[i];
		c->input[i] = i;
		c->same_questionnaire = c->same_questionnaire &&
		    results[i]->q == results[0]->q;
	}
	if (!keep_order)
		order_by_date(c);
	soc_errors_init(&c->warnings);
	m = compare_latest(c)->model;
	c->n_domains = m->n_domains;
	c->n_areas = m->n_areas;
	fill_overall(c);
	c->domains = xcalloc(m->n_domains, sizeof(*c->domains));
	for (size_t d = 0; d < m->n_domains; d++)
		fill_domain(c, d);
	c->areas = xcalloc(m->n_areas, sizeof(*c->areas));
	for (size_t a = 0; a < m->n_areas; a++)
		fill_area(c, a);
	find_changes(c);
	warn_all(c);
	return c;
}

void
compare_free(struct compare *c)
{
	if (c == NULL)
		return;
	/* The results may be freed already: only c's own counts are used. */
	free(c->overall.scores);
	for (size_t d = 0; d < c->n_domains; d++)
		free(c->domains[d].scores);
	for (size_t a = 0; a < c->n_areas; a++)
		free(c->areas[a].scores);
	free(c->domains);
	free(c->areas);
	free(c->changes);
	free(c->results);
	free(c->input);
	soc_errors_release(&c->warnings);
	free(c);
}

const struct result *
compare_latest(const struct compare *c)
{
	return c->results[c->n - 1];
}

const char *
compare_trend_name(enum compare_trend t)
{
	static const char *const names[] = { "improved", "regressed",
	    "unchanged", "not comparable" };

	return names[t];
}

void
compare_add_plans(struct compare *c, const struct plan *before,
    const struct plan *now)
{
	const char *date = compare_latest(c)->answers->meta.date;
	struct compare_plan *cp = &c->plan;

	memset(cp, 0, sizeof(*cp));
	c->has_plan = true;
	cp->n_items = now->n_items;
	for (size_t i = 0; i < now->n_items; i++) {
		const struct plan_item *it = &now->items[i];
		const struct plan_item *was = plan_find(before, it->id);

		cp->by_status[it->status]++;
		if (was == NULL)
			cp->added++;
		if (it->status == PLAN_DONE && (was == NULL ||
		    was->status != PLAN_DONE))
			cp->done++;
		if (it->status == PLAN_DROPPED && (was == NULL ||
		    was->status != PLAN_DROPPED))
			cp->dropped++;
		if (it->met != NULL && (was == NULL || was->met == NULL))
			cp->met++;
		if (date != NULL && plan_item_overdue(it, date))
			cp->overdue++;
	}
}
