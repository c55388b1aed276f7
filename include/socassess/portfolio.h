/*
 * The portfolio of a batch: one row per scored assessment, made from
 * each result as soon as it is scored so that the result can be freed
 * at once, for portfolio.json, the terminal table and the portfolio
 * workbook. The rows are kept in their byte form, the older ones in an
 * unlinked temporary file (a spool), so a batch of any size holds a few
 * bytes per file in memory; the outputs read them back one at a time.
 */
#ifndef SOCASSESS_PORTFOLIO_H
#define SOCASSESS_PORTFOLIO_H

#include <stddef.h>
#include <stdint.h>

#include "socassess/compare.h"
#include "socassess/error.h"
#include "socassess/model.h"
#include "socassess/score.h"
#include "socassess/strbuf.h"
#include "socassess/wire.h"

/*
 * Numbers are rounded to 1e-9 as the JSON report writes them, so every
 * output shows the same values. Text that is not valid UTF-8 (a file
 * name) is kept as NULL: JSON cannot hold it. Rows travel in their
 * byte form (portfolio_row_encode) to the spool and between the
 * processes of score -j: a new owned member must be encoded there too.
 */
struct portfolio_row {
	char *input;                    /* owned; the answers file */
	char *report;                   /* owned; its JSON report, or NULL */
	char *organisation;             /* owned, or NULL */
	char *scope;                    /* owned, or NULL */
	char *date;                     /* owned, or NULL */
	const char *questionnaire;      /* borrowed: the catalog's id */
	const struct profile *profile;  /* borrowed from the model */
	const struct model *model;      /* borrowed from the catalog */
	struct opt_score score;         /* overall */
	int level;                      /* when score.set */
	struct opt_score target;
	struct opt_score percent_to_target;
	struct opt_score *domains;      /* owned; model->n_domains */
	int *domain_levels;             /* owned; model->n_domains, when set */
	struct completeness done;
	bool provisional;               /* completeness under the minimum */
	bool target_met;                /* the target verdict */
	size_t n_short;                 /* areas short of their target */
};

struct portfolio {
	size_t n;                       /* rows */
	size_t n_failed;                /* files that could not be scored */
	/* The rows' bytes: the first spooled ones in fd, the rest in tail. */
	int fd;                         /* the spool, or -1 */
	bool spool_failed;              /* keep every row in tail */
	uint64_t spooled;               /* bytes written to fd */
	struct strbuf tail;
	uint64_t *starts;               /* owned; where row i's bytes start */
	uint64_t *ends;                 /* owned; where row i's bytes end */
	size_t alloc;
	const struct model **models;    /* owned array; the rows' models, */
	size_t n_models;                /* in order of first appearance */
};

/* An empty portfolio. */
void portfolio_init(struct portfolio *p);
/*
 * The row of r (borrowed, not kept: free it after the call) into *row;
 * input and report (may be NULL) are copied. The catalog of r must
 * outlive the row. Free it with portfolio_row_release.
 */
void portfolio_row_make(struct portfolio_row *row, const struct result *r,
    const char *input, const char *report);
/* Free what row owns; row is empty afterwards. */
void portfolio_row_release(struct portfolio_row *row);
/* Append the byte form of row to out. */
void portfolio_row_encode(struct strbuf *out,
    const struct portfolio_row *row);
/*
 * Decode a row that portfolio_row_encode wrote, in this process or the
 * one it was forked from; 0, or -1 when the bytes are cut (row empty).
 */
int portfolio_row_decode(struct wire_cursor *c, struct portfolio_row *row);

/* Add the row of r, as portfolio_row_make makes it. */
void portfolio_add(struct portfolio *p, const struct result *r,
    const char *input, const char *report);
/* Append row to p; row is released. */
void portfolio_take_row(struct portfolio *p, struct portfolio_row *row);
/*
 * Take row i out again: its file counts as not scored (its report could
 * not be written after all); the rows after it move up by one.
 */
void portfolio_drop(struct portfolio *p, size_t i);
/*
 * Row i of p into *row, owned by the caller (portfolio_row_release).
 * Returns 0, or -1 with an error added and row empty when the spool
 * cannot be read back (an I/O error, a file cut short): an output made
 * of the rows is then incomplete and must be given up.
 */
int portfolio_row_get(const struct portfolio *p, size_t i,
    struct portfolio_row *row, struct soc_errors *errs);
/* Free the rows; p is empty afterwards. */
void portfolio_release(struct portfolio *p);

/*
 * How row i of a batch is named to people: its organisation, else the
 * answers file's name without folder and extension, else "assessment N"
 * (N = i + 1, its place in the batch). Owned by the caller.
 */
char *portfolio_label(const struct portfolio_row *row, size_t i);

/* A domain column of the portfolio (borrowed from a catalog model). */
struct portfolio_domain {
	const char *id;
	const char *name;
};
/*
 * The domains of every row, in order of first appearance, at most max
 * into out; returns how many.
 */
size_t portfolio_domains(const struct portfolio *p,
    struct portfolio_domain *out, size_t max);
/*
 * The score of the domain with this id in row, and its level into
 * *level when set; unset when the row's model has no such domain.
 */
struct opt_score portfolio_domain_score(const struct portfolio_row *row,
    const char *id, int *level);

/*
 * One organisation assessed on two or more dates with one model: its
 * rows in date order and the change of the overall and domain scores,
 * by the rules and threshold of 'socassess compare' (compare.h).
 */
struct portfolio_trend {
	char *organisation;             /* owned */
	char *first_date;               /* owned; the earliest row's date */
	char *last_date;                /* owned; the latest row's date */
	const struct model *model;      /* borrowed */
	size_t *rows;                   /* owned; n row numbers of p */
	size_t n;
	struct compare_row overall;     /* scores owned */
	struct compare_row *domains;    /* owned; model->n_domains */
};

struct portfolio_trends {
	struct portfolio_trend *items;  /* owned; by first appearance */
	size_t n;
};

/*
 * The trends of p: every organisation with rows of two or more
 * different dates of one model. Rows without an organisation or a date
 * take no part. Returns 0, or -1 with an error added and t empty when
 * a row cannot be read back (portfolio_row_get).
 */
int portfolio_trends_init(struct portfolio_trends *t,
    const struct portfolio *p, struct soc_errors *errs);
void portfolio_trends_release(struct portfolio_trends *t);

#endif
