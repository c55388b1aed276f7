/*
 * Internal to the XLSX report of one assessment: the state its sheet
 * writers share (src/report-xlsx.c writes the Summary and drives the
 * rest, src/report-xlsx-sheets.c the other sheets). The public entry
 * points are in report.h.
 */
#ifndef SOCASSESS_REPORT_XLSX_H
#define SOCASSESS_REPORT_XLSX_H

#include "socassess/plan.h"
#include "socassess/score.h"
#include "socassess/wording.h"
#include "socassess/xlsx-book.h"

/* The hidden sheet that holds the Status list and its defined name. */
#define XLSX_LISTS_SHEET "Lists"
#define XLSX_STATUS_NAME "StatusList"

struct xlsx_report {
	struct xlsx_book book;
	const struct result *r;      /* borrowed */
	const struct wording *w;     /* borrowed, may be NULL */
	const struct plan *plan;     /* borrowed, may be NULL */
};

/* Sheet writers, in the order the workbook shows the sheets. */
void xlsx_summary_sheet(struct xlsx_report *x);
void xlsx_heatmap_sheet(struct xlsx_report *x);
void xlsx_charts_sheet(struct xlsx_report *x);
void xlsx_domain_sheet(struct xlsx_report *x, size_t domain);
void xlsx_gaps_sheet(struct xlsx_report *x);
/* The Roadmap sheet: src/report-xlsx-roadmap.c. */
void xlsx_roadmap_sheet(struct xlsx_report *x);
/* The Action plan sheet: src/report-xlsx-actions.c. */
void xlsx_actions_sheet(struct xlsx_report *x);
void xlsx_answers_sheet(struct xlsx_report *x);
void xlsx_csf_sheet(struct xlsx_report *x);
void xlsx_lists_sheet(struct xlsx_report *x);

/*
 * Title, introduction and header of a table sheet of n_rows rows (the
 * layout of every table sheet: header on row 3, frozen, filtered).
 */
void xlsx_table_sheet(struct xlsx_report *x, lxw_worksheet *ws,
    const char *title, const char *intro, const struct xlsx_col *cols,
    size_t n_cols, size_t n_rows);
/* text with {organisation}, {profile} and {questionnaire} filled (owned). */
char *xlsx_report_expand(const struct xlsx_report *x, const char *text);

/*
 * The importance in effect for an area in r: its name, or for a weight
 * given as a number the named importance nearest to it.
 */
void xlsx_importance(const struct result *r, size_t area, char *buf,
    size_t size);

/* The first sentence of s (to its first ". "), owned by the caller. */
char *xlsx_first_sentence(const char *s);

#endif
