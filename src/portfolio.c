/*
 * The rows of a batch's portfolio, made from each result as soon as it
 * is scored so that the result can be freed at once; what every output
 * of the portfolio shares: row labels, the domain columns, and the
 * trend of an organisation assessed on several dates.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/figures.h"
#include "socassess/portfolio.h"
#include "socassess/utf8.h"
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
	row->domain_levels = xcalloc(m->n_domains,
	    sizeof(*row->domain_levels));
	for (size_t d = 0; d < m->n_domains; d++) {
		row->domains[d] = rounded(r->domains[d].score);
		row->domain_levels[d] = r->domains[d].level;
	}
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
		free(row->domain_levels);
	}
	free(p->rows);
	portfolio_init(p);
}

char *
portfolio_label(const struct portfolio *p, size_t i)
{
	const struct portfolio_row *row = &p->rows[i];
	const char *base, *dot;
	size_t n;

	if (row->organisation != NULL && !str_blank(row->organisation))
		return xstrdup(row->organisation);
	if (row->input == NULL)
		return xasprintf("assessment %zu", i + 1);
	base = strrchr(row->input, '/');
	base = base != NULL ? base + 1 : row->input;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n == 0)
		return xasprintf("assessment %zu", i + 1);
	return xasprintf("%.*s", (int)n, base);
}

size_t
portfolio_domains(const struct portfolio *p, struct portfolio_domain *out,
    size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct model *m = p->rows[i].model;

		for (size_t d = 0; d < m->n_domains; d++) {
			const char *id = m->domains[d].id;
			size_t k;

			for (k = 0; k < n && strcmp(out[k].id, id) != 0; k++)
				;
			if (k < n || n == max)
				continue;
			out[n].id = id;
			out[n].name = m->domains[d].name;
			n++;
		}
	}
	return n;
}

struct opt_score
portfolio_domain_score(const struct portfolio_row *row, const char *id,
    int *level)
{
	int d = model_find_domain(row->model, id);

	if (d < 0 || !row->domains[d].set)
		return (struct opt_score){ false, 0 };
	*level = row->domain_levels[d];
	return row->domains[d];
}

/* True when row j belongs to the series that row i starts. */
static bool
same_series(const struct portfolio_row *a, const struct portfolio_row *b)
{
	return b->organisation != NULL && b->date != NULL &&
	    strcmp(a->organisation, b->organisation) == 0 &&
	    strcmp(a->model->id, b->model->id) == 0;
}

/*
 * The rows of the series started by row i, marked seen, in date order
 * (ties in batch order) into rows; returns how many.
 */
static size_t
series_rows(const struct portfolio *p, size_t i, bool *seen, size_t *rows)
{
	size_t n = 0;

	for (size_t j = i; j < p->n; j++) {
		size_t k;

		if (seen[j] || !same_series(&p->rows[i], &p->rows[j]))
			continue;
		seen[j] = true;
		for (k = n; k > 0 && strcmp(p->rows[rows[k - 1]].date,
		    p->rows[j].date) > 0; k--)
			rows[k] = rows[k - 1];
		rows[k] = j;
		n++;
	}
	return n;
}

/* The trend of the n rows of one series (taken over). */
static void
trend_fill(struct portfolio_trend *t, const struct portfolio *p,
    size_t *rows, size_t n)
{
	const struct portfolio_row *last = &p->rows[rows[n - 1]];
	const struct model *m = last->model;

	memset(t, 0, sizeof(*t));
	t->organisation = last->organisation;
	t->model = m;
	t->rows = rows;
	t->n = n;
	t->overall.scores = xcalloc(n, sizeof(*t->overall.scores));
	for (size_t k = 0; k < n; k++)
		t->overall.scores[k] = p->rows[rows[k]].score;
	t->overall.target = last->target;
	compare_row_finish(&t->overall, n, COMPARE_THRESHOLD);
	t->domains = xcalloc(m->n_domains, sizeof(*t->domains));
	for (size_t d = 0; d < m->n_domains; d++) {
		struct compare_row *row = &t->domains[d];

		row->scores = xcalloc(n, sizeof(*row->scores));
		for (size_t k = 0; k < n; k++)
			row->scores[k] = p->rows[rows[k]].domains[d];
		compare_row_finish(row, n, COMPARE_THRESHOLD);
	}
}

void
portfolio_trends_init(struct portfolio_trends *t, const struct portfolio *p)
{
	bool *seen = xcalloc(p->n > 0 ? p->n : 1, sizeof(*seen));

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < p->n; i++) {
		const struct portfolio_row *row = &p->rows[i];
		size_t *rows, n;

		if (seen[i] || row->organisation == NULL || row->date == NULL)
			continue;
		rows = xcalloc(p->n, sizeof(*rows));
		n = series_rows(p, i, seen, rows);
		/* Two dates at least: a date assessed twice is no trend. */
		if (strcmp(p->rows[rows[0]].date, p->rows[rows[n - 1]].date)
		    == 0) {
			free(rows);
			continue;
		}
		t->items = xreallocarray(t->items, t->n + 1, sizeof(*t->items));
		trend_fill(&t->items[t->n++], p, rows, n);
	}
	free(seen);
}

void
portfolio_trends_release(struct portfolio_trends *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct portfolio_trend *it = &t->items[i];

		for (size_t d = 0; d < it->model->n_domains; d++)
			free(it->domains[d].scores);
		free(it->domains);
		free(it->overall.scores);
		free(it->rows);
	}
	free(t->items);
	memset(t, 0, sizeof(*t));
}
