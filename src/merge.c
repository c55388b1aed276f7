/*
 * Merging several assessors' answers files (merge.h). Each question is
 * looked at on its own: who said something about it (a value, N/A, a
 * comment or evidence), whether those who answered agree, and what the
 * merged file then says. The merged answers are built with the setters
 * of answers-write.h, so they keep the invariants of every answers file.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/answers-write.h"
#include "socassess/merge.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"

/* What one assessor said about one question. */
struct opinion {
	const struct answers *in;
	const struct answer *an;
	const char *who;
};

const char *
merge_assessor(const struct answers *in, const struct answer *an)
{
	if (an != NULL && an->assessor != NULL)
		return an->assessor;
	if (in->meta.assessor != NULL)
		return in->meta.assessor;
	return in->path;
}

static const char *const policy_names[] = { "none", "min", "max",
    "median" };

const char *
merge_policy_name(enum merge_policy p)
{
	return policy_names[p];
}

int
merge_policy_parse(const char *s, enum merge_policy *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(policy_names); i++) {
		if (strcmp(s, policy_names[i]) == 0) {
			*out = (enum merge_policy)i;
			return 0;
		}
	}
	return -1;
}

bool
merge_area_agreement(const struct merge *m, size_t ai, double *share)
{
	const struct merge_area *ar = &m->areas[ai];

	if (ar->compared == 0)
		return false;
	*share = (double)ar->agreed / (double)ar->compared;
	return true;
}

static bool
answered(const struct answer *an)
{
	return an->has_value || an->na;
}

/* True when the answer says anything at all. */
static bool
said_anything(const struct answer *an)
{
	return answered(an) || an->comment != NULL || an->n_evidence > 0;
}

static bool
same_answer(const struct answer *a, const struct answer *b)
{
	if (a->na || b->na)
		return a->na == b->na;
	return a->value == b->value;
}

/* Append "who: text" (or text alone) to sb, a line of the merged file. */
static void
add_credited(struct strbuf *sb, const char *who, const char *text)
{
	if (who != NULL)
		strbuf_addf(sb, "%s: ", who);
	strbuf_addstr(sb, text);
}

/* text with each line credited to who (NULL: as it is); caller frees. */
static char *
credit_lines(const char *who, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = text;

	for (;;) {
		const char *nl = strchr(p, '\n');
		char *line = nl ? xasprintf("%.*s", (int)(nl - p), p) :
		    xstrdup(p);

		add_credited(&sb, who, line);
		free(line);
		if (nl == NULL)
			break;
		strbuf_addch(&sb, '\n');
		p = nl + 1;
	}
	return strbuf_detach(&sb, NULL);
}

/* The distinct names of ops joined by ", "; caller frees. */
static char *
join_names(const struct opinion *ops, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		size_t j = 0;

		while (j < i && strcmp(ops[j].who, ops[i].who) != 0)
			j++;
		if (j == i)
			strbuf_addf(&sb, "%s%s", sb.len > 0 ? ", " : "",
			    ops[i].who);
	}
	return strbuf_detach(&sb, NULL);
}

/* Comments, evidence and assessor of every opinion, each credited. */
static void
merge_texts(struct answers *out, size_t qi, const struct opinion *ops,
    size_t n)
{
	bool several = n > 1;
	struct answer *an = answers_edit(out, qi);
	char *names = join_names(ops, n);

	answers_set_string(&an->assessor, names);
	free(names);
	for (size_t i = 0; i < n; i++) {
		const char *who = several ? ops[i].who : NULL;

		if (ops[i].an->comment != NULL) {
			char *text = credit_lines(who, ops[i].an->comment);

			answer_append_comment(out, qi, text);
			free(text);
		}
		for (size_t e = 0; e < ops[i].an->n_evidence; e++) {
			struct strbuf sb = STRBUF_INIT;

			add_credited(&sb, who, ops[i].an->evidence[e]);
			answer_add_evidence(answers_edit(out, qi), sb.buf);
			strbuf_release(&sb);
		}
	}
}

/* The N/A reasons of agreeing opinions: one, or each credited. */
static char *
merged_na_reason(const struct opinion *ops, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	bool same = true;

	for (size_t i = 1; i < n; i++)
		same = same && strcmp(ops[i].an->na_reason,
		    ops[0].an->na_reason) == 0;
	if (same)
		return xstrdup(ops[0].an->na_reason);
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(&sb, i > 0 ? "\n" : "");
		add_credited(&sb, ops[i].who, ops[i].an->na_reason);
	}
	return strbuf_detach(&sb, NULL);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Every answered opinion as a candidate of the merged answer. */
static void
add_candidates(struct answer *an, const struct opinion *ops, size_t n)
{
	an->candidates = xcalloc(n, sizeof(*an->candidates));
	an->n_candidates = n;
	for (size_t i = 0; i < n; i++) {
		struct answer_candidate *ca = &an->candidates[i];

		ca->assessor = xstrdup(ops[i].who);
		ca->has_value = ops[i].an->has_value;
		ca->value = ops[i].an->value;
		ca->na = ops[i].an->na;
		ca->na_reason = xstrdup_or_null(ops[i].an->na_reason);
		ca->comment = xstrdup_or_null(ops[i].an->comment);
	}
}

/*
 * Record the conflict of the answered opinions ops on question qi, and
 * settle it when the policy can: only values can be ordered, so a
 * conflict with an N/A stays open.
 */
static void
merge_conflict(struct merge *m, size_t qi, const struct opinion *ops,
    size_t n)
{
	struct merge_conflict *c;
	double *values = xcalloc(n, sizeof(*values));
	size_t nv = 0, pick = 0;

	m->conflicts = xreallocarray(m->conflicts, m->n_conflicts + 1,
	    sizeof(*m->conflicts));
	c = &m->conflicts[m->n_conflicts++];
	memset(c, 0, sizeof(*c));
	c->question = qi;
	add_candidates(answers_edit(m->merged, qi), ops, n);
	for (size_t i = 0; i < n; i++) {
		if (ops[i].an->has_value)
			values[nv++] = ops[i].an->value;
	}
	qsort(values, nv, sizeof(*values), cmp_double);
	c->na_and_value = nv > 0 && nv < n;
	c->has_spread = nv > 1;
	c->spread = nv > 1 ? values[nv - 1] - values[0] : 0;
	if (m->policy == MERGE_MAX)
		pick = nv - 1;
	else if (m->policy == MERGE_MEDIAN)
		pick = (nv - 1) / 2;
	if (m->policy != MERGE_NONE && !c->na_and_value &&
	    answer_set_value(m->merged, qi, values[pick], NULL) == 0) {
		c->resolved = true;
		answers_set_string(&answers_edit(m->merged, qi)->resolution,
		    merge_policy_name(m->policy));
	} else
		m->n_unresolved++;
	free(values);
}

/* The answer of the answered opinions ops, agreed or in conflict. */
static void
merge_answer(struct merge *m, size_t qi, const struct opinion *ops,
    size_t n)
{
	struct merge_area *ar = &m->areas[m->merged->q->questions[qi].area];
	bool agree = true;

	for (size_t i = 1; i < n; i++)
		agree = agree && same_answer(ops[0].an, ops[i].an);
	if (n > 1) {
		ar->compared++;
		ar->agreed += agree;
		ar->conflicts += !agree;
		m->n_compared++;
		m->n_agreed += agree;
	}
	if (!agree)
		merge_conflict(m, qi, ops, n);
	else if (ops[0].an->na) {
		char *reason = merged_na_reason(ops, n);

		answer_set_na(m->merged, qi, reason, NULL);
		free(reason);
	} else
		answer_set_value(m->merged, qi, ops[0].an->value, NULL);
}

/* Question qi: what every input said about it, merged. */
static void
merge_question(struct merge *m, size_t qi, struct opinion *ops,
    struct opinion *ans)
{
	size_t n = 0, n_ans = 0;

	for (size_t i = 0; i < m->n_inputs; i++) {
		const struct answer *an = answers_get(m->inputs[i], qi);

		if (an == NULL || !said_anything(an))
			continue;
		ops[n].in = m->inputs[i];
		ops[n].an = an;
		ops[n].who = merge_assessor(m->inputs[i], an);
		if (answered(an))
			ans[n_ans++] = ops[n];
		n++;
	}
	if (n == 0)
		return;
	merge_texts(m->merged, qi, ops, n);
	if (n_ans > 0)
		merge_answer(m, qi, ans, n_ans);
}

/*
 * A metadata text of the merged file: the first input's that has one;
 * a warning when the inputs give different ones.
 */
static char *
merged_meta(struct merge *m, size_t offset, const char *what)
{
	const char *first = NULL;
	bool warned = false;

	for (size_t i = 0; i < m->n_inputs; i++) {
		const char *s = *(char *const *)((const char *)
		    &m->inputs[i]->meta + offset);

		if (s == NULL)
			continue;
		if (first == NULL)
			first = s;
		else if (strcmp(first, s) != 0 && !warned) {
			soc_warning_at(&m->warnings, m->inputs[i]->path, NULL,
			    "%s '%s' differs from '%s' of the first file that "
			    "has one: the merged file keeps '%s'", what, s,
			    first, first);
			warned = true;
		}
	}
	return xstrdup_or_null(first);
}

/* The latest date of the inputs: the merged assessment is that old. */
static char *
latest_date(const struct merge *m)
{
	const char *latest = NULL;

	for (size_t i = 0; i < m->n_inputs; i++) {
		const char *d = m->inputs[i]->meta.date;

		if (d != NULL && (latest == NULL || strcmp(d, latest) > 0))
			latest = d;
	}
	return xstrdup_or_null(latest);
}

/* The file-level assessors of the inputs, distinct, joined by ", ". */
static char *
all_assessors(const struct merge *m)
{
	struct opinion *ops = xcalloc(m->n_inputs, sizeof(*ops));
	char *names;

	for (size_t i = 0; i < m->n_inputs; i++)
		ops[i].who = merge_assessor(m->inputs[i], NULL);
	names = join_names(ops, m->n_inputs);
	free(ops);
	return names;
}

#define META(field) offsetof(struct answers_meta, field)

static void
merge_metadata(struct merge *m)
{
	struct answers_meta *me = &m->merged->meta;

	me->organisation = merged_meta(m, META(organisation), "organisation");
	me->scope = merged_meta(m, META(scope), "scope");
	me->type = merged_meta(m, META(type), "assessment type");
	me->style = merged_meta(m, META(style), "assessment style");
	me->assessor = all_assessors(m);
	me->date = latest_date(m);
}

/*
 * The importance and target overrides: the first input's that sets an
 * area's; a warning when another input sets it otherwise.
 */
static void
merge_overrides(struct merge *m)
{
	struct answers *out = m->merged;
	const struct model *mo = out->model;

	for (size_t i = 0; i < m->n_inputs; i++) {
		const struct answers *in = m->inputs[i];

		for (size_t ai = 0; ai < mo->n_areas; ai++) {
			if (in->weight_overridden[ai] &&
			    !out->weight_overridden[ai]) {
				out->weight_overridden[ai] = true;
				out->area_weight[ai] = in->area_weight[ai];
				out->area_importance[ai] =
				    in->area_importance[ai];
			} else if (in->weight_overridden[ai] &&
			    in->area_weight[ai] != out->area_weight[ai])
				soc_warning_at(&m->warnings, in->path, NULL,
				    "its importance of area '%s' differs from "
				    "an earlier file's, which the merged file "
				    "keeps", mo->areas[ai].id);
			if (in->target_overridden[ai] &&
			    !out->target_overridden[ai]) {
				out->target_overridden[ai] = true;
				out->area_target[ai] = in->area_target[ai];
			} else if (in->target_overridden[ai] &&
			    in->area_target[ai] != out->area_target[ai])
				soc_warning_at(&m->warnings, in->path, NULL,
				    "its target of area '%s' differs from an "
				    "earlier file's, which the merged file "
				    "keeps", mo->areas[ai].id);
		}
	}
}

/* The id of the first question of in with candidates, or NULL. */
static const char *
first_candidates(const struct answers *in)
{
	for (size_t i = 0; i < in->n_items; i++) {
		if (in->items[i].n_candidates > 0)
			return in->items[i].id;
	}
	return NULL;
}

/* Whether the inputs can be merged; errors added when not. */
static int
check_inputs(const struct answers *const *inputs, size_t n,
    struct soc_errors *errs)
{
	const struct answers *a = inputs[0];
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		const struct answers *b = inputs[i];
		const char *id = first_candidates(b);

		if (b->q != a->q) {
			soc_error_at(errs, b->path, NULL, "answers questionnaire "
			    "'%s', '%s' answers '%s': only answers to the same "
			    "questionnaire can be merged", b->q->id, a->path,
			    a->q->id);
			rc = -1;
		} else if (b->profile != a->profile) {
			soc_error_at(errs, b->path, NULL, "uses profile '%s', "
			    "'%s' uses '%s': only answers for the same profile "
			    "can be merged", b->meta.profile, a->path,
			    a->meta.profile);
			rc = -1;
		}
		if (id != NULL) {
			soc_error_at(errs, b->path, NULL, "already holds the "
			    "candidates of a merge (question '%s'): merge the "
			    "assessors' own files instead", id);
			rc = -1;
		}
	}
	return rc;
}

/* Rank by share of conflicts, then by count, then in model order. */
static bool
worse(const struct merge_area *a, size_t ai, const struct merge_area *b,
    size_t bi)
{
	double sa = (double)a->conflicts / (double)a->compared;
	double sb = (double)b->conflicts / (double)b->compared;

	if (sa != sb)
		return sa > sb;
	if (a->conflicts != b->conflicts)
		return a->conflicts > b->conflicts;
	return ai < bi;
}

/* The areas with conflicts that disagree most, at most MERGE_WORST_AREAS. */
static void
rank_areas(struct merge *m)
{
	for (size_t ai = 0; ai < m->merged->model->n_areas; ai++) {
		size_t k;

		if (m->areas[ai].conflicts == 0)
			continue;
		k = m->n_worst < MERGE_WORST_AREAS ? m->n_worst++ :
		    MERGE_WORST_AREAS;
		while (k > 0 && worse(&m->areas[ai], ai,
		    &m->areas[m->worst[k - 1]], m->worst[k - 1])) {
			if (k < MERGE_WORST_AREAS)
				m->worst[k] = m->worst[k - 1];
			k--;
		}
		if (k < MERGE_WORST_AREAS)
			m->worst[k] = ai;
	}
}

struct merge *
merge_new(const struct answers *const *inputs, size_t n,
    enum merge_policy policy, const char *path, struct soc_errors *errs)
{
	struct merge *m;
	struct opinion *ops, *ans;

	if (n < 2) {
		soc_error_at(errs, NULL, NULL, "merge needs two or more "
		    "answers files");
		return NULL;
	}
	if (check_inputs(inputs, n, errs) < 0)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->inputs = inputs;
	m->n_inputs = n;
	m->policy = policy;
	soc_errors_init(&m->warnings);
	m->merged = answers_new(inputs[0]->q, inputs[0]->profile, path);
	m->areas = xcalloc(m->merged->model->n_areas, sizeof(*m->areas));
	merge_metadata(m);
	merge_overrides(m);
	ops = xcalloc(n, sizeof(*ops));
	ans = xcalloc(n, sizeof(*ans));
	for (size_t qi = 0; qi < m->merged->q->n_questions; qi++)
		merge_question(m, qi, ops, ans);
	free(ops);
	free(ans);
	rank_areas(m);
	return m;
}

void
merge_free(struct merge *m)
{
	if (m == NULL)
		return;
	answers_free(m->merged);
	free(m->conflicts);
	free(m->areas);
	soc_errors_release(&m->warnings);
	free(m);
}
