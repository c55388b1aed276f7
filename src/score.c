/*
 * Scoring by the rules of docs/scoring.md. Everything is computed in one
 * pass over the questions and one over the areas, so a batch stays
 * linear in the size of its files. No I/O: the result only points into
 * the answers, questionnaire and model it was computed from.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/score.h"
#include "socassess/util.h"

/* Slack for comparisons of computed scores (scores are sums of products). */
#define EPS 1e-9

static const char *const verdict_names[AV_COUNT] = {
	[AV_NOT_RUN] = "not run",
	[AV_NOT_REQUIRED] = "not required",
	[AV_NOT_ASSESSED] = "not assessed",
	[AV_BELOW_TARGET] = "below target",
	[AV_INSUFFICIENT_DATA] = "insufficient data",
	[AV_MET] = "met",
};

const char *
score_verdict_name(enum area_verdict v)
{
	return verdict_names[v];
}

const char *
score_level_name(const struct model *m, int level)
{
	if (level < 0 || (size_t)level >= m->n_levels)
		return "";
	return m->scale[level].name;
}

static void
done_add(struct completeness *to, const struct completeness *from)
{
	to->applicable += from->applicable;
	to->answered += from->answered;
	to->na += from->na;
	to->unanswered += from->unanswered;
}

enum question_state
score_question_state(const struct answers *a, size_t qi)
{
	const struct answer *an = answers_get(a, qi);

	if (!questionnaire_applies(a->q, qi, a->profile))
		return Q_NOT_APPLICABLE;
	if (an != NULL && an->na)
		return Q_NA;
	if (an != NULL && an->has_value)
		return Q_ANSWERED;
	return Q_UNANSWERED;
}

void
completeness_add(struct completeness *c, enum question_state s)
{
	switch (s) {
	case Q_NOT_APPLICABLE:
		return;
	case Q_UNANSWERED:
		c->unanswered++;
		break;
	case Q_ANSWERED:
		c->answered++;
		break;
	case Q_NA:
		c->na++;
		break;
	}
	c->applicable++;
}

void
score_count(const struct answers *a, struct completeness *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t qi = 0; qi < a->q->n_questions; qi++)
		completeness_add(c, score_question_state(a, qi));
}

struct opt_score
completeness_ratio(const struct completeness *c)
{
	if (c->applicable == 0)
		return (struct opt_score){ false, 0 };
	return (struct opt_score){ true, (double)(c->answered + c->na) /
	    (double)c->applicable };
}

bool
completeness_below(const struct completeness *c, double minimum)
{
	struct opt_score ratio = completeness_ratio(c);

	return !ratio.set || ratio.value + EPS < minimum;
}

/* Question states and per-area completeness. */
static void
score_questions(struct result *r)
{
	const struct answers *a = r->answers;
	const struct questionnaire *q = r->q;

	for (size_t qi = 0; qi < q->n_questions; qi++) {
		struct question_result *qr = &r->questions[qi];
		const struct answer *an = answers_get(a, qi);

		qr->state = score_question_state(a, qi);
		completeness_add(&r->areas[q->questions[qi].area].done,
		    qr->state);
		if (qr->state == Q_ANSWERED) {
			qr->value = an->value;
			qr->option = an->option;
		}
	}
}

/* Area scores of a weighted-mean model: sum w*v / sum w. */
static void
score_weighted_mean(struct result *r)
{
	const struct questionnaire *q = r->q;
	size_t n = r->model->n_areas;
	double *sum = xcalloc(n, sizeof(*sum)), *wsum = xcalloc(n,
	    sizeof(*wsum));

	for (size_t qi = 0; qi < q->n_questions; qi++) {
		const struct question *qu = &q->questions[qi];

		if (r->questions[qi].state != Q_ANSWERED)
			continue;
		sum[qu->area] += qu->weight * r->questions[qi].value;
		wsum[qu->area] += qu->weight;
	}
	for (size_t ai = 0; ai < n; ai++) {
		if (wsum[ai] > 0) {
			r->areas[ai].score.set = true;
			r->areas[ai].score.value = sum[ai] / wsum[ai];
		}
	}
	free(sum);
	free(wsum);
}

/* Level-sum: the sum over levels of the weighted mean at each level. */
static void
score_level_sum(struct result *r)
{
	const struct questionnaire *q = r->q;
	size_t n = r->model->n_areas, nl = r->model->n_levels;
	double *sum = xcalloc(n * nl, sizeof(*sum));
	double *wsum = xcalloc(n * nl, sizeof(*wsum));

	for (size_t qi = 0; qi < q->n_questions; qi++) {
		const struct question *qu = &q->questions[qi];
		size_t k;

		if (r->questions[qi].state != Q_ANSWERED || qu->level < 0)
			continue;
		k = (size_t)qu->level < nl ? (size_t)qu->level : nl - 1;
		sum[qu->area * nl + k] += qu->weight * r->questions[qi].value;
		wsum[qu->area * nl + k] += qu->weight;
	}
	for (size_t ai = 0; ai < n; ai++) {
		struct area_result *ar = &r->areas[ai];

		for (size_t k = 0; k < nl; k++) {
			if (wsum[ai * nl + k] <= 0)
				continue;
			if (!ar->score.set)
				ar->score.value = 0;
			ar->score.set = true;
			ar->score.value += sum[ai * nl + k] / wsum[ai * nl + k];
		}
	}
	free(sum);
	free(wsum);
}

/*
 * Gated (the C2M2 rule): the largest level m such that every applicable,
 * non-N/A question at a level up to m is answered and passes. An
 * unanswered question fails its level as an unimplemented practice does,
 * so the area reaches one below the lowest level with a failing or
 * unanswered question, or the top of the scale when there is none. The
 * area has a score only when at least one of its questions is answered.
 */
static void
score_gated(struct result *r)
{
	const struct questionnaire *q = r->q;
	const struct model *m = r->model;
	int *lowest_fail = xcalloc(m->n_areas, sizeof(*lowest_fail));

	for (size_t ai = 0; ai < m->n_areas; ai++)
		lowest_fail[ai] = model_max_level(m) + 1;
	for (size_t qi = 0; qi < q->n_questions; qi++) {
		const struct question *qu = &q->questions[qi];
		const struct question_result *qr = &r->questions[qi];
		bool fails;

		if (qr->state == Q_ANSWERED)
			r->areas[qu->area].score.set = true;
		fails = qr->state == Q_UNANSWERED || (qr->state == Q_ANSWERED &&
		    qr->value + EPS < m->pass);
		if (fails && qu->level >= 0 && qu->level < lowest_fail[qu->area])
			lowest_fail[qu->area] = qu->level;
	}
	for (size_t ai = 0; ai < m->n_areas; ai++) {
		if (r->areas[ai].score.set)
			r->areas[ai].score.value = lowest_fail[ai] > 0 ?
			    lowest_fail[ai] - 1 : 0;
	}
	free(lowest_fail);
}

/* Round to the 1e-9 grid so that ordering ignores floating-point noise. */
static double
grid(double v)
{
	return round(v * 1e9);
}

/* Effort as a sort rank: low first; a question without one counts as
 * medium, so leaving effort out neither promotes nor buries it. */
static int
effort_rank(enum effort e)
{
	return e == EFFORT_UNSET ? EFFORT_MEDIUM : (int)e;
}

/*
 * An item's place in an order, its keys worked out once (a batch sorts
 * every file's gaps and recommendations): key on the 1e-9 grid
 * (descending), effort (low first), weight (descending), id, then the
 * item's place before the sort, so the order is total and any sort
 * gives it (the same as a stable one).
 */
struct rank {
	double key;
	int effort;
	double weight;
	const char *id;
	size_t item;            /* index among the unsorted items */
};

static int
compare_ranks(const void *x, const void *y)
{
	const struct rank *a = x, *b = y;
	int c;

	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	if (a->effort != b->effort)
		return a->effort < b->effort ? -1 : 1;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	c = strcmp(a->id, b->id);
	if (c != 0)
		return c;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* Sort the n items of size bytes at base by their ranks (freed here). */
static void
sort_ranked(void *base, size_t n, size_t size, struct rank *ranks)
{
	char *sorted;

	if (n < 2) {
		free(ranks);
		return;
	}
	qsort(ranks, n, sizeof(*ranks), compare_ranks);
	sorted = xreallocarray(NULL, n, size);
	for (size_t i = 0; i < n; i++)
		memcpy(sorted + i * size, (char *)base + ranks[i].item * size,
		    size);
	memcpy(base, sorted, n * size);
	free(sorted);
	free(ranks);
}

enum area_verdict
score_area_verdict(const struct area_result *ar, bool runs, double target,
    double minimum_scored)
{
	if (!runs)
		return AV_NOT_RUN;
	if (target <= EPS)
		return AV_NOT_REQUIRED;
	if (!ar->score.set)
		return AV_NOT_ASSESSED;
	if (ar->score.value + EPS < target)
		return AV_BELOW_TARGET;
	if ((double)ar->scored + EPS < minimum_scored *
	    (double)ar->done.applicable)
		return AV_INSUFFICIENT_DATA;
	return AV_MET;
}

/* A verdict that leaves the requirement unmet or unconfirmed. */
static bool
verdict_short(enum area_verdict v)
{
	return v == AV_NOT_ASSESSED || v == AV_BELOW_TARGET ||
	    v == AV_INSUFFICIENT_DATA;
}

bool
score_meets_profile(const struct result *r, const struct profile *p)
{
	for (size_t ai = 0; ai < r->model->n_areas; ai++) {
		if (verdict_short(score_area_verdict(&r->areas[ai],
		    !p->not_applicable[ai], p->area_target[ai],
		    r->model->minimum_scored)))
			return false;
	}
	return true;
}

/* Scored questions, provisional flags and verdicts of the areas. */
static void
score_area_states(struct result *r)
{
	const struct model *m = r->model;

	for (size_t qi = 0; qi < r->q->n_questions; qi++)
		r->areas[r->q->questions[qi].area].scored +=
		    r->questions[qi].state == Q_ANSWERED;
	for (size_t ai = 0; ai < m->n_areas; ai++) {
		struct area_result *ar = &r->areas[ai];

		ar->provisional = ar->applies && completeness_below(&ar->done,
		    r->minimum_completeness);
		ar->verdict = score_area_verdict(ar, ar->applies, ar->target,
		    m->minimum_scored);
		r->n_verdict[ar->verdict]++;
		if (verdict_short(ar->verdict)) {
			r->n_short++;
			r->domains[m->areas[ai].domain].n_short++;
		}
	}
	r->target_met = r->n_short == 0;
	for (int t = 1; t <= (int)m->n_tiers; t++) {
		if (!score_meets_profile(r, model_tier(m, t)))
			break;
		r->tier_met = t;
	}
}

static void
score_areas(struct result *r)
{
	const struct answers *a = r->answers;
	const struct model *m = r->model;
	const struct profile *p = &m->profiles[a->profile];

	for (size_t ai = 0; ai < m->n_areas; ai++) {
		struct area_result *ar = &r->areas[ai];

		ar->applies = !p->not_applicable[ai];
		ar->weight = a->area_weight[ai];
		ar->target = a->area_target[ai];
	}
	switch (m->scoring) {
	case SCORING_WEIGHTED_MEAN:
		score_weighted_mean(r);
		break;
	case SCORING_LEVEL_SUM:
		score_level_sum(r);
		break;
	case SCORING_GATED:
		score_gated(r);
		break;
	}
	for (size_t ai = 0; ai < m->n_areas; ai++) {
		struct area_result *ar = &r->areas[ai];

		if (!ar->score.set)
			continue;
		ar->level = model_level_of(m, ar->score.value);
		ar->gap = ar->target - ar->score.value;
		if (ar->gap < EPS)
			ar->gap = 0;
		ar->priority = ar->gap * ar->weight;
	}
	score_area_states(r);
}

/* Domain and overall means, over what has a score and a weight above 0. */
static void
score_domains(struct result *r)
{
	const struct model *m = r->model;
	double sum = 0, tsum = 0, wsum = 0, gsum = 0, all_t = 0;

	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];
		struct domain_result *dr = &r->domains[d];
		double s = 0, t = 0, w = 0;

		for (size_t ai = dom->first_area; ai < dom->first_area +
		    dom->n_areas; ai++) {
			const struct area_result *ar = &r->areas[ai];

			done_add(&dr->done, &ar->done);
			if (!ar->score.set)
				continue;
			gsum += ar->gap;
			all_t += ar->target;
			/* Areas not required are named, not averaged. */
			if (ar->weight <= 0 || ar->target <= EPS)
				continue;
			s += ar->weight * ar->score.value;
			t += ar->weight * ar->target;
			w += ar->weight;
		}
		done_add(&r->done, &dr->done);
		dr->provisional = completeness_below(&dr->done,
		    r->minimum_completeness);
		if (w <= 0)
			continue;
		dr->score.set = dr->target.set = true;
		dr->score.value = s / w;
		dr->target.value = t / w;
		dr->level = model_level_of(m, dr->score.value);
		dr->gap = fmax(0, dr->target.value - dr->score.value);
		if (dr->gap < EPS)
			dr->gap = 0;
		if (dom->weight <= 0)
			continue;
		sum += dom->weight * dr->score.value;
		tsum += dom->weight * dr->target.value;
		wsum += dom->weight;
	}
	if (wsum > 0) {
		r->score.set = r->target.set = true;
		r->score.value = sum / wsum;
		r->target.value = tsum / wsum;
		r->level = model_level_of(m, r->score.value);
		r->gap = fmax(0, r->target.value - r->score.value);
		if (r->gap < EPS)
			r->gap = 0;
	}
	if (all_t > 0) {
		r->percent_to_target.set = true;
		r->percent_to_target.value = 1 - gsum / all_t;
	}
}

static void
score_gaps(struct result *r)
{
	const struct model *m = r->model;
	struct rank *ranks;

	r->gaps = xcalloc(m->n_areas, sizeof(*r->gaps));
	for (size_t ai = 0; ai < m->n_areas; ai++) {
		const struct area_result *ar = &r->areas[ai];

		if (!ar->score.set || ar->gap <= 0)
			continue;
		r->gaps[r->n_gaps++] = (struct gap){ ai, ar->gap,
		    ar->priority };
	}
	/* Priority (descending), then area id. */
	ranks = xcalloc(r->n_gaps + 1, sizeof(*ranks));
	for (size_t i = 0; i < r->n_gaps; i++)
		ranks[i] = (struct rank){ .key = grid(r->gaps[i].priority),
		    .id = m->areas[r->gaps[i].area].id, .item = i };
	sort_ranked(r->gaps, r->n_gaps, sizeof(*r->gaps), ranks);
}

/* Weighted gap (descending), effort (low first), question weight
 * (descending), question id. */
static void
sort_recommendations(struct result *r)
{
	struct rank *ranks = xcalloc(r->n_recs + 1, sizeof(*ranks));

	for (size_t i = 0; i < r->n_recs; i++) {
		const struct question *qu = &r->q->questions[r->recs[i].question];

		ranks[i] = (struct rank){ grid(r->recs[i].key),
		    effort_rank(qu->effort), grid(qu->weight), qu->id, i };
	}
	sort_ranked(r->recs, r->n_recs, sizeof(*r->recs), ranks);
}

static void
score_recommendations(struct result *r)
{
	const struct questionnaire *q = r->q;

	r->recs = xcalloc(q->n_questions, sizeof(*r->recs));
	for (size_t qi = 0; qi < q->n_questions; qi++) {
		const struct question *qu = &q->questions[qi];
		const struct question_result *qr = &r->questions[qi];
		const struct area_result *ar = &r->areas[qu->area];
		double t = ar->target;

		if (qr->state != Q_ANSWERED || qr->value + EPS >= t ||
		    (size_t)qr->option + 1 >= qu->n_options)
			continue;
		r->recs[r->n_recs++] = (struct recommendation){
			.question = qi,
			.area = qu->area,
			.value = qr->value,
			.next_option = (size_t)qr->option + 1,
			.key = qu->weight * ar->weight * (t - qr->value),
		};
	}
	sort_recommendations(r);
}

/*
 * Whether a tag of tags names function (its first two letters, as
 * "DE" in "DE.CM-01"). Compared as two bytes: a call of strncmp for
 * each tag and function was a hundredth of a batch's time.
 */
static bool
tagged(char *const *tags, size_t n, const char *function)
{
	for (size_t i = 0; i < n; i++) {
		/* function[0] is a letter: tags[i][1] is there to read. */
		if (tags[i][0] == function[0] && tags[i][1] == function[1])
			return true;
	}
	return false;
}

/*
 * CSF view: per function, the weighted mean of the scores of the tagged
 * areas (weight W_a) and the values of the tagged questions (weight w,
 * values of 0..1 models scaled to the level scale).
 */
static void
score_csf(struct result *r)
{
	const struct model *m = r->model;
	const struct questionnaire *q = r->q;
	double scale = m->scoring == SCORING_WEIGHTED_MEAN ? 1 :
	    model_max_level(m);

	for (size_t f = 0; f < CSF_FUNCTIONS; f++) {
		struct csf_result *cr = &r->csf[f];
		double sum = 0;

		cr->function = csf_function_codes[f];
		cr->name = csf_function_names[f];
		for (size_t ai = 0; ai < m->n_areas; ai++) {
			const struct area_result *ar = &r->areas[ai];

			if (!ar->score.set || ar->weight <= 0 ||
			    !tagged(m->areas[ai].csf, m->areas[ai].n_csf,
			    cr->function))
				continue;
			sum += ar->weight * ar->score.value;
			cr->weight += ar->weight;
			cr->n_areas++;
		}
		for (size_t qi = 0; qi < q->n_questions; qi++) {
			const struct question *qu = &q->questions[qi];

			if (r->questions[qi].state != Q_ANSWERED ||
			    r->areas[qu->area].weight <= 0 ||
			    !tagged(qu->csf, qu->n_csf, cr->function))
				continue;
			sum += qu->weight * r->questions[qi].value * scale;
			cr->weight += qu->weight;
			cr->n_questions++;
		}
		if (cr->weight > 0) {
			cr->score.set = true;
			cr->score.value = sum / cr->weight;
		}
	}
}

struct result *
score_compute(const struct answers *a)
{
	return score_compute_with(a, -1);
}

struct result *
score_compute_with(const struct answers *a, double minimum)
{
	struct result *r = xcalloc(1, sizeof(*r));

	r->minimum_completeness = minimum >= 0 ? minimum :
	    a->model->minimum_completeness;
	r->answers = a;
	r->q = a->q;
	r->model = a->model;
	r->questions = xcalloc(a->q->n_questions, sizeof(*r->questions));
	r->areas = xcalloc(a->model->n_areas, sizeof(*r->areas));
	r->domains = xcalloc(a->model->n_domains, sizeof(*r->domains));
	score_questions(r);
	score_areas(r);
	score_domains(r);
	r->provisional = completeness_below(&r->done, r->minimum_completeness);
	score_gaps(r);
	score_recommendations(r);
	score_csf(r);
	return r;
}

void
result_free(struct result *r)
{
	if (r == NULL)
		return;
	free(r->questions);
	free(r->areas);
	free(r->domains);
	free(r->gaps);
	free(r->recs);
	free(r);
}
