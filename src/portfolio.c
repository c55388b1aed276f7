/*
 * The rows of a batch's portfolio, made from each result as soon as it
 * is scored so that the result can be freed at once, and kept in their
 * byte form: in memory until SPOOL_CHUNK bytes have gathered, then
 * appended to an unlinked temporary file, so a batch of any size holds
 * only the end offset of each row; what every output of the portfolio
 * shares: row labels, the domain columns, and the trend of an
 * organisation assessed on several dates.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "socassess/figures.h"
#include "socassess/portfolio.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

/* Row bytes gathered in memory before they go to the spool file. */
#define SPOOL_CHUNK (64 * 1024)

#if defined(__x86_64__) && defined(__linux__)
_Static_assert(sizeof(struct portfolio_row) == 184, "struct portfolio_row "
    "changed: encode its new members in portfolio_row_encode, then "
    "update 184");
#endif

void
portfolio_init(struct portfolio *p)
{
	memset(p, 0, sizeof(*p));
	p->fd = -1;
	strbuf_init(&p->tail, 0);
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
portfolio_row_make(struct portfolio_row *row, const struct result *r,
    const char *input, const char *report)
{
	const struct answers_meta *me = &r->answers->meta;
	const struct model *m = r->model;

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

/*
 * The owned strings of a row, in the order they travel. The row's other
 * owned members (domains, domain_levels) travel as arrays; one more
 * owned pointer in struct portfolio_row must travel here too, which the
 * size check above recalls.
 */
static char **
row_string(struct portfolio_row *row, int k)
{
	char **fields[] = { &row->input, &row->report, &row->organisation,
	    &row->scope, &row->date };

	return k < (int)ARRAY_SIZE(fields) ? fields[k] : NULL;
}

void
portfolio_row_release(struct portfolio_row *row)
{
	for (int k = 0; row_string(row, k) != NULL; k++)
		free(*row_string(row, k));
	free(row->domains);
	free(row->domain_levels);
	memset(row, 0, sizeof(*row));
}

void
portfolio_row_encode(struct strbuf *out, const struct portfolio_row *row)
{
	struct portfolio_row copy = *row;

	strbuf_add(out, &copy, sizeof(copy));
	for (int k = 0; row_string(&copy, k) != NULL; k++)
		wire_put_string(out, *row_string(&copy, k));
	wire_put_array(out, row->domains, row->model->n_domains,
	    sizeof(*row->domains));
	wire_put_array(out, row->domain_levels, row->model->n_domains,
	    sizeof(*row->domain_levels));
}

int
portfolio_row_decode(struct wire_cursor *c, struct portfolio_row *row)
{
	void *domains, *levels;
	size_t n;

	if (wire_take(c, row, sizeof(*row)) < 0) {
		memset(row, 0, sizeof(*row));
		return -1;
	}
	/* Pointers of the writer's heap mean nothing here. */
	for (int k = 0; row_string(row, k) != NULL; k++)
		*row_string(row, k) = NULL;
	row->domains = NULL;
	row->domain_levels = NULL;
	for (int k = 0; row_string(row, k) != NULL; k++)
		if (wire_take_string(c, row_string(row, k)) < 0) {
			portfolio_row_release(row);
			return -1;
		}
	n = row->model->n_domains;
	if (wire_take_array(c, &domains, n, sizeof(*row->domains)) < 0 ||
	    wire_take_array(c, &levels, n, sizeof(*row->domain_levels)) < 0) {
		free(domains);
		portfolio_row_release(row);
		return -1;
	}
	row->domains = domains;
	row->domain_levels = levels;
	return 0;
}

/*
 * A new unlinked file in $TMPDIR (else /tmp) for the spool, or -1:
 * O_TMPFILE, else a named file removed at once.
 */
static int
spool_open(void)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	tmpl = xasprintf("%s/.socassess-portfolio.XXXXXX", dir);
	fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd >= 0)
		unlink(tmpl);
	free(tmpl);
	return fd;
}

/*
 * Move the rows gathered in memory to the spool. When the spool cannot
 * be made or written, the rows stay in memory: a batch needs more
 * memory then, and loses nothing.
 */
static void
spool_flush(struct portfolio *p)
{
	if (p->spool_failed)
		return;
	if (p->fd < 0 && (p->fd = spool_open()) < 0) {
		p->spool_failed = true;
		return;
	}
	if (full_pwrite(p->fd, p->tail.buf, p->tail.len,
	    (off_t)p->spooled) < 0) {
		p->spool_failed = true;
		return;
	}
	p->spooled += p->tail.len;
	strbuf_reset(&p->tail);
}

/* Note m among the rows' models, once. */
static void
add_model(struct portfolio *p, const struct model *m)
{
	for (size_t k = 0; k < p->n_models; k++)
		if (p->models[k] == m)
			return;
	p->models = xreallocarray(p->models, p->n_models + 1,
	    sizeof(*p->models));
	p->models[p->n_models++] = m;
}

void
portfolio_take_row(struct portfolio *p, struct portfolio_row *row)
{
	if (p->n == p->alloc) {
		p->alloc = p->alloc > 0 ? 2 * p->alloc : 16;
		p->starts = xreallocarray(p->starts, p->alloc,
		    sizeof(*p->starts));
		p->ends = xreallocarray(p->ends, p->alloc, sizeof(*p->ends));
	}
	add_model(p, row->model);
	p->starts[p->n] = p->spooled + p->tail.len;
	portfolio_row_encode(&p->tail, row);
	p->ends[p->n++] = p->spooled + p->tail.len;
	portfolio_row_release(row);
	if (p->tail.len >= SPOOL_CHUNK)
		spool_flush(p);
}

void
portfolio_add(struct portfolio *p, const struct result *r,
    const char *input, const char *report)
{
	struct portfolio_row row;

	portfolio_row_make(&row, r, input, report);
	portfolio_take_row(p, &row);
}

void
portfolio_drop(struct portfolio *p, size_t i)
{
	size_t after = p->n - i - 1;

	/* Its bytes stay where they are, unread. */
	memmove(p->starts + i, p->starts + i + 1, after * sizeof(*p->starts));
	memmove(p->ends + i, p->ends + i + 1, after * sizeof(*p->ends));
	p->n--;
	p->n_failed++;
}

int
portfolio_row_get(const struct portfolio *p, size_t i,
    struct portfolio_row *row, struct soc_errors *errs)
{
	uint64_t start = p->starts[i];
	size_t len = (size_t)(p->ends[i] - start);
	struct wire_cursor c;
	const char *why = NULL;
	char *buf = NULL;

	memset(row, 0, sizeof(*row));
	/* Rows are flushed whole: each is in the tail or in the file. */
	if (start >= p->spooled)
		c = (struct wire_cursor){ p->tail.buf + (start - p->spooled),
		    len };
	else {
		ssize_t n;

		buf = xmalloc(len);
		n = full_pread(p->fd, buf, len, (off_t)start);
		if (n < 0)
			why = strerror(errno);
		else if ((size_t)n < len)
			why = "the file is shorter than written";
		c = (struct wire_cursor){ buf, len };
	}
	if (why == NULL && portfolio_row_decode(&c, row) < 0)
		why = "a row is cut short";
	free(buf);
	if (why == NULL)
		return 0;
	soc_error_code_at(errs, SOC_E_IO, NULL, NULL, "cannot read the "
	    "portfolio back from its temporary file: %s", why);
	return -1;
}

void
portfolio_release(struct portfolio *p)
{
	if (p->fd >= 0)
		close(p->fd);
	strbuf_release(&p->tail);
	free(p->starts);
	free(p->ends);
	free(p->models);
	portfolio_init(p);
}

char *
portfolio_label(const struct portfolio_row *row, size_t i)
{
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

	/* The models in the order of their first row: the rows' order. */
	for (size_t i = 0; i < p->n_models; i++) {
		const struct model *m = p->models[i];

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

/* What series a row belongs to: organisation, model and date. */
struct series_key {
	char *organisation;      /* owned, or NULL: in no series */
	char *date;              /* owned, or NULL: in no series */
	const struct model *model;
};

static void
series_keys_free(struct series_key *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(keys[i].organisation);
		free(keys[i].date);
	}
	free(keys);
}

/*
 * The series keys of every row, read from the spool once; only the
 * trends need them, and only while they are made. NULL with an error
 * when a row cannot be read back.
 */
static struct series_key *
series_keys(const struct portfolio *p, struct soc_errors *errs)
{
	struct series_key *keys = xcalloc(p->n > 0 ? p->n : 1, sizeof(*keys));

	for (size_t i = 0; i < p->n; i++) {
		struct portfolio_row row;

		if (portfolio_row_get(p, i, &row, errs) < 0) {
			series_keys_free(keys, i);
			return NULL;
		}
		if (row.organisation != NULL && row.date != NULL) {
			keys[i].organisation = row.organisation;
			keys[i].date = row.date;
			row.organisation = NULL;
			row.date = NULL;
		}
		keys[i].model = row.model;
		portfolio_row_release(&row);
	}
	return keys;
}

/* True when row b belongs to the series of row a. */
static bool
same_series(const struct series_key *a, const struct series_key *b)
{
	return b->organisation != NULL &&
	    strcmp(a->organisation, b->organisation) == 0 &&
	    strcmp(a->model->id, b->model->id) == 0;
}

/*
 * The rows of the series started by row i, marked seen, in date order
 * (ties in batch order) into rows; returns how many.
 */
static size_t
series_rows(const struct series_key *keys, size_t n_keys, size_t i,
    bool *seen, size_t *rows)
{
	size_t n = 0;

	for (size_t j = i; j < n_keys; j++) {
		size_t k;

		if (seen[j] || !same_series(&keys[i], &keys[j]))
			continue;
		seen[j] = true;
		for (k = n; k > 0 && strcmp(keys[rows[k - 1]].date,
		    keys[j].date) > 0; k--)
			rows[k] = rows[k - 1];
		rows[k] = j;
		n++;
	}
	return n;
}

/*
 * The trend of the n rows of one series (taken over); -1 with an error
 * when a row cannot be read back (t is then only fit for release).
 */
static int
trend_fill(struct portfolio_trend *t, const struct portfolio *p,
    const struct series_key *keys, size_t *rows, size_t n,
    struct soc_errors *errs)
{
	const struct model *m = keys[rows[n - 1]].model;

	memset(t, 0, sizeof(*t));
	t->organisation = xstrdup(keys[rows[n - 1]].organisation);
	t->first_date = xstrdup(keys[rows[0]].date);
	t->last_date = xstrdup(keys[rows[n - 1]].date);
	t->model = m;
	t->rows = rows;
	t->n = n;
	t->overall.scores = xcalloc(n, sizeof(*t->overall.scores));
	t->domains = xcalloc(m->n_domains, sizeof(*t->domains));
	for (size_t d = 0; d < m->n_domains; d++)
		t->domains[d].scores = xcalloc(n, sizeof(*t->domains[d].scores));
	for (size_t k = 0; k < n; k++) {
		struct portfolio_row row;

		if (portfolio_row_get(p, rows[k], &row, errs) < 0)
			return -1;
		t->overall.scores[k] = row.score;
		if (k == n - 1)
			t->overall.target = row.target;
		for (size_t d = 0; d < m->n_domains; d++)
			t->domains[d].scores[k] = row.domains[d];
		portfolio_row_release(&row);
	}
	compare_row_finish(&t->overall, n, COMPARE_THRESHOLD);
	for (size_t d = 0; d < m->n_domains; d++)
		compare_row_finish(&t->domains[d], n, COMPARE_THRESHOLD);
	return 0;
}

int
portfolio_trends_init(struct portfolio_trends *t, const struct portfolio *p,
    struct soc_errors *errs)
{
	struct series_key *keys;
	bool *seen;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	keys = series_keys(p, errs);
	if (keys == NULL)
		return -1;
	seen = xcalloc(p->n > 0 ? p->n : 1, sizeof(*seen));
	for (size_t i = 0; i < p->n && rc == 0; i++) {
		size_t *rows, n;

		if (seen[i] || keys[i].organisation == NULL)
			continue;
		rows = xcalloc(p->n, sizeof(*rows));
		n = series_rows(keys, p->n, i, seen, rows);
		/* Two dates at least: a date assessed twice is no trend. */
		if (strcmp(keys[rows[0]].date, keys[rows[n - 1]].date) == 0) {
			free(rows);
			continue;
		}
		t->items = xreallocarray(t->items, t->n + 1, sizeof(*t->items));
		rc = trend_fill(&t->items[t->n++], p, keys, rows, n, errs);
	}
	free(seen);
	series_keys_free(keys, p->n);
	if (rc < 0)
		portfolio_trends_release(t);
	return rc;
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
		free(it->organisation);
		free(it->first_date);
		free(it->last_date);
	}
	free(t->items);
	memset(t, 0, sizeof(*t));
}
