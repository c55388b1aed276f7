/*
 * What scoring one file of a batch produced, as bytes that a worker
 * process of `score -j` sends back (jobs.h): the messages to print, the
 * JSON report waiting in a temporary file to be renamed, and the file's
 * portfolio row. The process that decodes it must be a fork of the one
 * that encoded it (after the catalog was loaded): a row's borrowed
 * pointers into the catalog travel as they are.
 */
#ifndef SOCASSESS_SCORE_OUTCOME_H
#define SOCASSESS_SCORE_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "socassess/portfolio.h"
#include "socassess/strbuf.h"

struct score_outcome {
	char *messages;             /* owned: the text to print, or "" */
	char *report_path;          /* owned: the JSON report's target */
	char *report_tmp;           /* owned: its temporary file, or NULL */
	bool write_failed;          /* a report could not be written */
	bool scored;                /* row holds the file's row */
	struct portfolio_row row;   /* owned when scored */
};

/*
 * Append an outcome to out: messages (may be NULL), the queued report
 * (tmp NULL when none), whether a write failed, and row (NULL when the
 * file was not scored; borrowed).
 */
void score_outcome_encode(struct strbuf *out, const char *messages,
    const char *report_path, const char *report_tmp, bool write_failed,
    const struct portfolio_row *row);
/* Decode what score_outcome_encode wrote; 0, or -1 when it is cut. */
int score_outcome_decode(const char *data, size_t len,
    struct score_outcome *o);
/* Free what o owns (a row handed to portfolio_take_row is no more). */
void score_outcome_release(struct score_outcome *o);

#endif
