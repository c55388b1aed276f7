/*
 * The fillable questionnaire workbook (socassess template --xlsx): an
 * Instructions sheet, an Assessment sheet, one sheet per domain with a
 * row per question asked for the profile, and two hidden sheets, the
 * dropdown lists and the "socassess" marker. The layout below is what
 * socassess import reads back; docs/workbook.md describes it.
 */
#ifndef SOCASSESS_TEMPLATE_XLSX_H
#define SOCASSESS_TEMPLATE_XLSX_H

#include <stddef.h>

#include "socassess/error.h"
#include "socassess/questionnaire.h"

/* The value of the marker's "format" row: the layout's name and version. */
#define WORKBOOK_FORMAT "socassess-workbook/1"

/* Sheet names that never change. */
#define WORKBOOK_INSTRUCTIONS "Instructions"
#define WORKBOOK_ASSESSMENT "Assessment"
#define WORKBOOK_LISTS "Lists"
#define WORKBOOK_MARKER "socassess"

/* Keys of the marker sheet (column A; value in B, a sheet's id in C). */
#define WORKBOOK_KEY_FORMAT "format"
#define WORKBOOK_KEY_GENERATOR "generator"
#define WORKBOOK_KEY_QUESTIONNAIRE "questionnaire"
#define WORKBOOK_KEY_VERSION "questionnaire_version"
#define WORKBOOK_KEY_PROFILE "profile"
#define WORKBOOK_KEY_SHEET "sheet"

/* A domain sheet: title, hint, header row, questions (0-based rows). */
#define WORKBOOK_TITLE_ROW 0
#define WORKBOOK_HINT_ROW 1
#define WORKBOOK_HEAD_ROW 2
#define WORKBOOK_FIRST_ROW 3

/* The columns of a domain sheet, A to I. */
enum workbook_col {
	WORKBOOK_COL_ID,
	WORKBOOK_COL_AREA,
	WORKBOOK_COL_QUESTION,
	WORKBOOK_COL_HELP,
	WORKBOOK_COL_ANSWER,
	WORKBOOK_COL_NA_REASON,
	WORKBOOK_COL_COMMENT,
	WORKBOOK_COL_EVIDENCE,
	WORKBOOK_COL_ASSESSOR,
	WORKBOOK_COLS,
};

/* Header texts of the domain sheets' columns, in row 3. */
extern const char *const workbook_headers[WORKBOOK_COLS];

/* The Answer entry that marks a question N/A. */
#define WORKBOOK_NA "N/A"
/* Longest dropdown entry, in characters; a longer one ends in "...". */
#define WORKBOOK_ENTRY_MAX 255

/* The rows of the Assessment sheet: labels in column A, values in B. */
enum workbook_field {
	WORKBOOK_ORGANISATION,
	WORKBOOK_SCOPE,
	WORKBOOK_ASSESSOR,
	WORKBOOK_DATE,
	WORKBOOK_TYPE,
	WORKBOOK_STYLE,
	WORKBOOK_PROFILE,
	WORKBOOK_QUESTIONNAIRE,
	WORKBOOK_QUESTIONNAIRE_VERSION,
	WORKBOOK_FIELDS,
};

/* Labels of the Assessment sheet's rows, in order. */
extern const char *const workbook_labels[WORKBOOK_FIELDS];

/*
 * Write the workbook for questionnaire q and profile pi to path: a
 * temporary file beside it, renamed over path only when complete.
 * Returns 0, or -1 with an error added and path untouched.
 */
int template_xlsx_save(const struct questionnaire *q, size_t pi,
    const char *path, struct soc_errors *errs);

/*
 * The dropdown entry of option o: "N - text" on one line, at most
 * WORKBOOK_ENTRY_MAX characters (cut ones end in "..."), with every
 * character XML cannot hold replaced. Owned by the caller.
 */
char *template_xlsx_entry(const struct option *o);

#endif
