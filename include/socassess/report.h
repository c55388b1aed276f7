/*
 * Reports of a scored result: the JSON report (format
 * "socassess-report/1", byte-stable: insertion-ordered keys, numbers
 * rounded to 1e-9), the terminal summary, and the portfolio of a batch.
 * Reporters only read the result; the command layer writes the text.
 */
#ifndef SOCASSESS_REPORT_H
#define SOCASSESS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "socassess/atomic.h"
#include "socassess/error.h"
#include "socassess/plan.h"
#include "socassess/portfolio.h"
#include "socassess/score.h"
#include "socassess/wording.h"

struct report_memo;

#define REPORT_FORMAT "socassess-report/1"
#define PORTFOLIO_FORMAT "socassess-portfolio/1"

/*
 * Write the JSON report of r to fp; warnings (borrowed, may be NULL) are
 * the warnings of loading its answers. Returns -1 on a write error.
 */
int report_json_write(const struct result *r,
    const struct soc_errors *warnings, FILE *fp);
/*
 * Write the JSON report of r to the file path, replacing it only with a
 * complete new one: at once, or queued in batch when batch is not NULL
 * (see atomic.h). memo, when not NULL, keeps the questionnaire's strings
 * escaped from one report to the next (report-memo.h). Returns -1 with
 * an error added on failure.
 */
int report_json_save(const struct result *r,
    const struct soc_errors *warnings, const char *path,
    struct atomic_batch *batch, struct report_memo *memo,
    struct soc_errors *errs);
/* The same report as a string owned by the caller. */
char *report_json_text(const struct result *r,
    const struct soc_errors *warnings);

/*
 * A number as the JSON reports write it, rounded to 1e-9 (buf of at
 * least 32 bytes): "3", "2.333333333".
 */
void report_json_number(char *buf, size_t size, double v);

/*
 * Write the portfolio document of p (format "socassess-portfolio/1") to
 * fp. Returns -1 on a write error, or with an error added when a row of
 * p cannot be read back (the document is then cut short).
 */
int report_portfolio_write(const struct portfolio *p, FILE *fp,
    struct soc_errors *errs);
/*
 * The same to the file path, replacing it only with a complete new one.
 * Returns -1 with an error added on failure.
 */
int report_portfolio_save(const struct portfolio *p, const char *path,
    struct soc_errors *errs);

/*
 * The terminal summary of r laid out for width columns (at least 40):
 * the provisional notice, the target and tier verdicts, domains and
 * areas with score, level, target, gap, areas short and completeness,
 * the largest gaps, the top max_recs recommendations and the warnings.
 * Caller frees.
 */
char *report_text(const struct result *r, const struct soc_errors *warnings,
    size_t max_recs, size_t width);
/*
 * The shared sentences (caller frees each): the names of the areas with
 * verdict v, comma-separated; the PROVISIONAL notice (NULL when the
 * result is final); the target verdict ("Target not met: 2 areas below
 * target (A, B); 1 area not assessed (C)."); the tier verdict (NULL for
 * models without tiers).
 */
char *report_area_names(const struct result *r, enum area_verdict v);
char *report_provisional_text(const struct result *r);
char *report_verdict_text(const struct result *r);
/* The verdict in one short sentence, for the executive summary. */
char *report_verdict_brief(const struct result *r);
char *report_tier_text(const struct result *r);

/*
 * A table of a portfolio's rows. Caller frees. NULL with an error added
 * when a row of p cannot be read back.
 */
char *report_text_portfolio(const struct portfolio *p,
    struct soc_errors *errs);

/*
 * Write the XLSX management report of r (docs/report-xlsx.md) to path.
 * w (borrowed, may be NULL) gives the executive summary and section
 * introductions. The workbook is written to a temporary file beside
 * path and renamed over it only when complete: on failure returns -1
 * with an error added, and an existing file at path is left untouched.
 */
int report_xlsx_write(const struct result *r, const struct wording *w,
    const char *path, struct soc_errors *errs);
/*
 * The same with the Action plan sheet's Owner, Due date and Status
 * filled in from the items of plan (borrowed, may be NULL) that match
 * a recommendation (docs/plan.md).
 */
int report_xlsx_write_plan(const struct result *r, const struct wording *w,
    const struct plan *plan, const char *path, struct soc_errors *errs);

/*
 * Write the portfolio workbook of a batch: one row per row of p
 * (borrowed). Same safety as report_xlsx_write, also when a row of p
 * cannot be read back.
 */
int report_xlsx_portfolio(const struct portfolio *p, const char *path,
    struct soc_errors *errs);

#endif
