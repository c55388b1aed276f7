/*
 * The portfolio of a batch: one compact row per scored assessment, kept
 * until the end of the batch for portfolio.json, the terminal table and
 * the portfolio workbook. A row holds only what those outputs show, a
 * few hundred bytes, so a batch of thousands of files stays small; the
 * result it was made from is freed before the next file is scored.
 */
#ifndef SOCASSESS_PORTFOLIO_H
#define SOCASSESS_PORTFOLIO_H

#include <stddef.h>

#include "socassess/compare.h"
#include "socassess/model.h"
#include "socassess/score.h"

/*
 * Numbers are rounded to 1e-9 as the JSON report writes them, so every
 * output shows the same values. Text that is not valid UTF-8 (a file
 * name) is kept as NULL: JSON cannot hold it. Rows travel between
 * the processes of score -j (score-outcome.c): a new owned member must
 * be sent there too.
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
	struct portfolio_row *rows;     /* owned; n rows */
	size_t n;
	size_t alloc;
	size_t n_failed;                /* files that could not be scored */
};

/* An empty portfolio. */
void portfolio_init(struct portfolio *p);
/*
 * Add the row of r (borrowed, not kept: free it after the call); input
 * and report (may be NULL) are copied. The catalog of r must outlive p.
 */
void portfolio_add(struct portfolio *p, const struct result *r,
    const char *input, const char *report);
/* Free the rows; p is empty afterwards. */
void portfolio_release(struct portfolio *p);

/*
 * How a row is named to people: its organisation, else the answers
 * file's name without folder and extension, else "assessment N" (N from
 * 1, its place in the batch). Owned by the caller.
 */
char *portfolio_label(const struct portfolio *p, size_t i);

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
	const char *organisation;       /* borrowed from the first row */
	const struct model *model;      /* borrowed */
	size_t *rows;                   /* owned; n indexes into p->rows */
	size_t n;
	struct compare_row overall;     /* scores owned */
	struct compare_row *domains;    /* owned; model->n_domains */
};

struct portfolio_trends {
	struct portfolio_trend *items;  /* owned; by first appearance */
	size_t n;
};

/*
 * The trends of p (borrowed; it must outlive t): every organisation
 * with rows of two or more different dates of one model. Rows without
 * an organisation or a date take no part.
 */
void portfolio_trends_init(struct portfolio_trends *t,
    const struct portfolio *p);
void portfolio_trends_release(struct portfolio_trends *t);

#endif
