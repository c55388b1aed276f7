/*
 * The sentences every report shares, so that the text summary, the
 * workbook and the executive summary say the same thing in the same
 * words: the provisional notice, the target verdict and the tier
 * verdict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/report.h"
#include "socassess/util.h"

char *
report_area_names(const struct result *r, enum area_verdict v)
{
	char *list = xstrdup("");

	for (size_t ai = 0; ai < r->model->n_areas; ai++) {
		char *t;

		if (r->areas[ai].verdict != v)
			continue;
		t = xasprintf("%s%s%s", list, *list != '\0' ? ", " : "",
		    r->model->areas[ai].name);
		free(list);
		list = t;
	}
	return list;
}

char *
report_provisional_text(const struct result *r)
{
	char done[16], min[16], count[64];
	struct opt_score ratio = completeness_ratio(&r->done);

	if (!r->provisional)
		return NULL;
	figure_percent(done, sizeof(done), ratio.set ? ratio.value : 0);
	figure_percent(min, sizeof(min), r->minimum_completeness);
	figure_completeness(count, sizeof(count), &r->done);
	return xasprintf("PROVISIONAL: %s %% of the applicable questions "
	    "are answered or N/A (%s), under the minimum of %s %%. Scores "
	    "and levels may change; this is not a final assessment.", done,
	    count, min);
}

/* "3 areas below target (A, B, C)" for verdict v, or NULL when none. */
static char *
verdict_part(const struct result *r, enum area_verdict v, const char *what)
{
	size_t n = r->n_verdict[v];
	char *names, *part;

	if (n == 0)
		return NULL;
	names = report_area_names(r, v);
	part = xasprintf("%zu area%s %s (%s)", n, n == 1 ? "" : "s", what,
	    names);
	free(names);
	return part;
}

/* *text followed by a and b; replaces *text. */
static void
append(char **text, const char *a, const char *b)
{
	char *t = xasprintf("%s%s%s", *text, a, b);

	free(*text);
	*text = t;
}

char *
report_verdict_text(const struct result *r)
{
	static const struct {
		enum area_verdict v;
		const char *what;
	} parts[] = {
		{ AV_BELOW_TARGET, "below target" },
		{ AV_NOT_ASSESSED, "not assessed" },
		{ AV_INSUFFICIENT_DATA, "with insufficient data" },
	};
	char *text = xstrdup(r->target_met ? "Target met" : "Target not met");
	const char *sep = ": ";
	char *part;

	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		part = verdict_part(r, parts[i].v, parts[i].what);
		if (part == NULL)
			continue;
		append(&text, sep, part);
		free(part);
		sep = "; ";
	}
	if (r->target_met)
		append(&text, sep, "every required area meets its target");
	append(&text, ".", "");
	/* Areas with target 0 never decide the verdict, but are named. */
	part = verdict_part(r, AV_NOT_REQUIRED, "not required");
	if (part != NULL) {
		part[0] = (char)(part[0] >= 'a' && part[0] <= 'z' ?
		    part[0] - 'a' + 'A' : part[0]);
		append(&text, " ", part);
		append(&text, ".", "");
		free(part);
	}
	return text;
}

char *
report_verdict_brief(const struct result *r)
{
	size_t below = r->n_verdict[AV_BELOW_TARGET];
	size_t none = r->n_verdict[AV_NOT_ASSESSED];
	size_t thin = r->n_verdict[AV_INSUFFICIENT_DATA];

	if (r->target_met)
		return xstrdup("Every required area meets its target.");
	return xasprintf("The target is not met: %zu area%s fall%s short "
	    "(%zu below target, %zu not assessed, %zu with insufficient "
	    "data).", r->n_short, r->n_short == 1 ? "" : "s", r->n_short ==
	    1 ? "s" : "", below, none, thin);
}

/* "A (1.00 of 2.00), B (not assessed)": what tier p still needs. */
static char *
tier_needs(const struct result *r, const struct profile *p)
{
	const struct model *m = r->model;
	char *list = xstrdup("");

	for (size_t ai = 0; ai < m->n_areas; ai++) {
		const struct area_result *ar = &r->areas[ai];
		enum area_verdict v = score_area_verdict(ar,
		    !p->not_applicable[ai], p->area_target[ai],
		    m->minimum_scored);
		char score[32], target[32], *item;

		if (v != AV_BELOW_TARGET && v != AV_NOT_ASSESSED &&
		    v != AV_INSUFFICIENT_DATA)
			continue;
		figure_score(score, sizeof(score), ar->score.value);
		figure_score(target, sizeof(target), p->area_target[ai]);
		if (v == AV_BELOW_TARGET)
			item = xasprintf("%s (%s of %s)", m->areas[ai].name,
			    score, target);
		else
			item = xasprintf("%s (%s)", m->areas[ai].name,
			    score_verdict_name(v));
		append(&list, *list != '\0' ? ", " : "", item);
		free(item);
	}
	return list;
}

char *
report_tier_text(const struct result *r)
{
	const struct model *m = r->model;
	const struct profile *met = model_tier(m, r->tier_met);
	const struct profile *next = model_tier(m, r->tier_met + 1);
	char *text, *needs;

	if (m->n_tiers == 0)
		return NULL;
	text = met != NULL ? xasprintf("Highest tier met: %s.", met->name) :
	    xstrdup("No tier met yet.");
	if (next == NULL) {
		append(&text, " It is the top tier.", "");
		return text;
	}
	needs = tier_needs(r, next);
	append(&text, " Next tier, ", next->name);
	append(&text, ", still needs: ", needs);
	append(&text, ".", "");
	free(needs);
	return text;
}
