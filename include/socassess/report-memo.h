/*
 * A questionnaire's strings escaped once for the JSON reports of a
 * batch: the questions' ids and texts and their options' texts and next
 * steps are most of a report's text, the same in every report, and
 * escaping them again for each report was a tenth of a batch's time.
 */
#ifndef SOCASSESS_REPORT_MEMO_H
#define SOCASSESS_REPORT_MEMO_H

#include <stddef.h>

#include "socassess/questionnaire.h"

/* Where one string's escaped form (with its quotes) is; len 0: NULL. */
struct memo_span {
	size_t at, len;
};

/* The strings of one questionnaire, escaped as the JSON writer does. */
struct memo_strings {
	const struct questionnaire *q;
	char *text;                    /* every escaped string, in turn */
	struct memo_span *id;          /* each question's */
	struct memo_span *question;    /* each question's text */
	size_t *first_option;          /* each question's first below */
	struct memo_span *option;      /* each option's text */
	struct memo_span *step;        /* each option's next step */
};

/*
 * The escaped strings of every questionnaire met so far; each must
 * outlive the memo (a batch's catalog does).
 */
struct report_memo;

struct report_memo *report_memo_new(void);
void report_memo_free(struct report_memo *m);
/* q's strings, escaped at the first call for q. */
const struct memo_strings *report_memo_get(struct report_memo *m,
    const struct questionnaire *q);

#endif
