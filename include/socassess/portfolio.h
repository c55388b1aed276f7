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

#include "socassess/model.h"
#include "socassess/score.h"

/*
 * Numbers are rounded to 1e-9 as the JSON report writes them, so every
 * output shows the same values. Text that is not valid UTF-8 (a file
 * name) is kept as NULL: JSON cannot hold it.
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

#endif
