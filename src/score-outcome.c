/*
 * The byte form of score-outcome.h: flags, then strings as a 32-bit
 * length (all ones for NULL) and their bytes, then the row as its own
 * bytes with each owned string and the domain scores after it. Both
 * ends are the same program on the same machine, so numbers travel in
 * their memory form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/score-outcome.h"
#include "socassess/util.h"

#define NO_STRING UINT32_MAX

#if defined(__x86_64__) && defined(__linux__)
_Static_assert(sizeof(struct portfolio_row) == 184, "struct portfolio_row "
    "changed: send its new members in score-outcome.c, then update 184");
#endif

static void
put_string(struct strbuf *out, const char *s)
{
	uint32_t n = s != NULL ? (uint32_t)strlen(s) : NO_STRING;

	strbuf_add(out, &n, sizeof(n));
	if (s != NULL)
		strbuf_add(out, s, n);
}

/* n items of size bytes at a (a flag first: a may be NULL). */
static void
put_array(struct strbuf *out, const void *a, size_t n, size_t size)
{
	strbuf_addch(out, a != NULL);
	if (a != NULL)
		strbuf_add(out, a, n * size);
}

/*
 * The owned strings of a row, in the order they travel. The row's other
 * owned members (domains, domain_levels) travel by put_array; one more
 * owned pointer in struct portfolio_row must travel here too, which the
 * size check below recalls.
 */
static char **
row_string(struct portfolio_row *row, int k)
{
	char **fields[] = { &row->input, &row->report, &row->organisation,
	    &row->scope, &row->date };

	return k < (int)ARRAY_SIZE(fields) ? fields[k] : NULL;
}

void
score_outcome_encode(struct strbuf *out, const char *messages,
    const char *report_path, const char *report_tmp, bool write_failed,
    const struct portfolio_row *row)
{
	unsigned char flags = (unsigned char)((write_failed ? 1 : 0) |
	    (row != NULL ? 2 : 0));
	struct portfolio_row copy;

	strbuf_addch(out, flags);
	put_string(out, messages);
	put_string(out, report_path);
	put_string(out, report_tmp);
	if (row == NULL)
		return;
	copy = *row;
	strbuf_add(out, &copy, sizeof(copy));
	for (int k = 0; row_string(&copy, k) != NULL; k++)
		put_string(out, *row_string(&copy, k));
	put_array(out, row->domains, row->model->n_domains,
	    sizeof(*row->domains));
	put_array(out, row->domain_levels, row->model->n_domains,
	    sizeof(*row->domain_levels));
}

/* A reader over the bytes of one outcome. */
struct cursor {
	const char *p;
	size_t left;
};

static int
take(struct cursor *c, void *to, size_t n)
{
	if (c->left < n)
		return -1;
	memcpy(to, c->p, n);
	c->p += n;
	c->left -= n;
	return 0;
}

/* A string (new, or NULL) into *s; -1 when the bytes are cut. */
static int
take_string(struct cursor *c, char **s)
{
	uint32_t n;

	*s = NULL;
	if (take(c, &n, sizeof(n)) < 0)
		return -1;
	if (n == NO_STRING)
		return 0;
	if (c->left < n)
		return -1;
	*s = xmalloc((size_t)n + 1);
	memcpy(*s, c->p, n);
	(*s)[n] = '\0';
	c->p += n;
	c->left -= n;
	return 0;
}

/* An array put by put_array into *a (new, or NULL); 0 or -1. */
static int
take_array(struct cursor *c, void **a, size_t n, size_t size)
{
	unsigned char present;

	*a = NULL;
	if (take(c, &present, 1) < 0)
		return -1;
	if (!present)
		return 0;
	*a = xcalloc(n > 0 ? n : 1, size);
	if (take(c, *a, n * size) == 0)
		return 0;
	free(*a);
	*a = NULL;
	return -1;
}

/* The row after the flags and strings; the row is all NULL on failure. */
static int
take_row(struct cursor *c, struct portfolio_row *row)
{
	void *domains, *levels;
	size_t n;

	if (take(c, row, sizeof(*row)) < 0) {
		memset(row, 0, sizeof(*row));
		return -1;
	}
	/* Pointers of the sender's heap mean nothing here. */
	for (int k = 0; row_string(row, k) != NULL; k++)
		*row_string(row, k) = NULL;
	row->domains = NULL;
	row->domain_levels = NULL;
	for (int k = 0; row_string(row, k) != NULL; k++)
		if (take_string(c, row_string(row, k)) < 0)
			return -1;
	n = row->model->n_domains;
	if (take_array(c, &domains, n, sizeof(*row->domains)) < 0 ||
	    take_array(c, &levels, n, sizeof(*row->domain_levels)) < 0) {
		free(domains);
		return -1;
	}
	row->domains = domains;
	row->domain_levels = levels;
	return 0;
}

int
score_outcome_decode(const char *data, size_t len, struct score_outcome *o)
{
	struct cursor c = { data, len };
	unsigned char flags;

	memset(o, 0, sizeof(*o));
	if (take(&c, &flags, 1) < 0 || take_string(&c, &o->messages) < 0 ||
	    take_string(&c, &o->report_path) < 0 ||
	    take_string(&c, &o->report_tmp) < 0)
		return -1;
	o->write_failed = flags & 1;
	o->scored = (flags & 2) != 0;
	if (o->scored && take_row(&c, &o->row) < 0)
		return -1;
	return 0;
}

static void
row_release(struct portfolio_row *row)
{
	for (int k = 0; row_string(row, k) != NULL; k++)
		free(*row_string(row, k));
	free(row->domains);
	free(row->domain_levels);
	memset(row, 0, sizeof(*row));
}

void
score_outcome_release(struct score_outcome *o)
{
	free(o->messages);
	free(o->report_path);
	free(o->report_tmp);
	row_release(&o->row);
	memset(o, 0, sizeof(*o));
}

void
portfolio_take_row(struct portfolio *p, struct portfolio_row *row)
{
	if (p->n == p->alloc) {
		p->alloc = p->alloc > 0 ? 2 * p->alloc : 16;
		p->rows = xreallocarray(p->rows, p->alloc, sizeof(*p->rows));
	}
	p->rows[p->n++] = *row;
	memset(row, 0, sizeof(*row));
}
