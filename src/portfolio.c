/*
 * The rows of a batch's portfolio, made from each result as soon as it
 * is scored so that the result can be freed at once.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/portfolio.h"
#include "socassess/util.h"

void
portfolio_init(struct portfolio *p)
{
	memset(p, 0, sizeof(*p));
}

/*
 * Rounded as the JSON report rounds. NaN and infinity cannot be written
 * in JSON: absent, as they have always been in the portfolio.
 */
static struct opt_score
rounded(struct opt_score s)
{
	if (!s.set || !isfinite(s.value))
		return (struct opt_score){ false, 0 };
	s.value = figure_round(s.value);
	return s;
}

static char *
utf8_copy(const char *s)
{
	return s != NULL && utf8_valid(s) ? xstrdup(s) : NULL;
}

void
portfolio_add(struct portfolio *p, const struct result *r,
    const char *input, const char *report)
{
	const struct answers_meta *me = &r->answers->meta;
	const struct model *m = r->model;
	struct portfolio_row *row;

	if (p->n == p->alloc) {
		p->alloc = p->alloc > 0 ? 2 * p->alloc : 16;
		p->rows = xreallocarray(p->rows, p->alloc, sizeof(*p->rows));
	}
	row = &p->rows[p->n++];
	memset(row, 0, sizeof(*row));
	row->input = utf8_copy(input);
	row->report = utf8_copy(report);
	/* The answers loader already checked these are UTF-8. */
	row->organisation = xstrdup_or_null(me->organisation);
	row->scope = xstrdup_or_null(me->scope);
	row->date = xstrdup_or_null(me->date);
	row->questionnaire = r->q->id;
	row->profile = &m->profiles[r->answers->profile];
	row->model = m;
	row->score = rounded(r->score);
	row->level = r->level;
	row->target = rounded(r->target);
	row->percent_to_target = rounded(r->percent_to_target);
	row->domains = xcalloc(m->n_domains, sizeof(*row->domains));
	for (size_t d = 0; d < m->n_domains; d++)
		row->domains[d] = rounded(r->domains[d].score);
	row->done = r->done;
	row->provisional = r->provisional;
	row->target_met = r->target_met;
	row->n_short = r->n_short;
}

void
portfolio_release(struct portfolio *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct portfolio_row *row = &p->rows[i];

		free(row->input);
		free(row->report);
		free(row->organisation);
		free(row->scope);
		free(row->date);
		free(row->domains);
	}
	free(p->rows);
	portfolio_init(p);
}
