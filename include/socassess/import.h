/*
 * Reading a filled questionnaire workbook (docs/workbook.md) back into
 * answers: the hidden sheet 'socassess' says which questionnaire,
 * version and profile the workbook was made for, the Assessment sheet
 * holds the metadata and each domain sheet one row per question (Id,
 * Answer, N/A reason, Comment, Evidence, Assessor). Nothing is printed:
 * every problem is added to the error list, named by sheet and cell.
 */
#ifndef SOCASSESS_IMPORT_H
#define SOCASSESS_IMPORT_H

#include "socassess/answers.h"
#include "socassess/catalog.h"
#include "socassess/error.h"
#include "socassess/xlsx-read.h"

/* The marker of the workbooks this version reads (sheet 'socassess'). */
#define IMPORT_FORMAT "socassess-workbook/1"

/* What to import, and how. */
struct import_request {
	const char *name;      /* the workbook, as messages name it */
	const char *out;       /* the answers file it becomes (a->path) */
	const char *assessor;  /* overrides the Assessment sheet's, or NULL */
};

/*
 * Read workbook wb (borrowed) into new answers for the questionnaire of
 * cat (borrowed: it must outlive the result) that the workbook names.
 * Returns the answers, owned by the caller, or NULL with every problem
 * found added to errs: a workbook that is not one of ours, or made for
 * another questionnaire or version, stops at the first; cell problems
 * are collected, up to 100 (then one more error says the rest was not
 * read).
 */
struct answers *import_workbook(struct xlsx_workbook *wb,
    const struct catalog *cat, const struct import_request *req,
    struct soc_errors *errs);

#endif
