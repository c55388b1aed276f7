/*
 * Reports of a comparison (compare.h): the terminal text, the JSON
 * document (format "socassess-compare/1", byte-stable like the report)
 * and the XLSX workbook with the Trend, Changes and latest Summary
 * sheets. Reporters only read the comparison; the command layer prints.
 */
#ifndef SOCASSESS_REPORT_COMPARE_H
#define SOCASSESS_REPORT_COMPARE_H

#include <stddef.h>
#include <stdio.h>

#include "socassess/compare.h"
#include "socassess/error.h"
#include "socassess/wording.h"

/*
 * The terminal text of c laid out for width columns (at least 40): the
 * assessments, the score table with the changes, the improved,
 * regressed and unchanged-below-target lists, the changed answers and
 * the warnings. Caller frees.
 */
char *report_compare_text(const struct compare *c, size_t width);
/*
 * The short form added to the summary of one assessment by score
 * --baseline: overall and domains since the baseline, the improved and
 * regressed areas, how many answers changed, the warnings. Caller frees.
 */
char *report_compare_baseline_text(const struct compare *c, size_t width);

/* A change as the text shows it: "▲ 0.50", "▼ 0.25", "0.00" or "-". */
void report_compare_change_text(char *buf, size_t size, struct opt_score d);

struct jw;
struct xlsx_book;

/* Write the JSON document of c to fp; -1 on a write error. */
int report_compare_json(const struct compare *c, FILE *fp);
/*
 * The members of that document after format, generator and model, into
 * the object open in w (the "baseline" of a report, score --baseline).
 */
void report_compare_json_members(struct jw *w, const struct compare *c);
/* The same as a string owned by the caller. */
char *report_compare_json_text(const struct compare *c);
/*
 * The same to the file path, replacing it only with a complete new one.
 * Returns -1 with an error added on failure.
 */
int report_compare_json_save(const struct compare *c, const char *path,
    struct soc_errors *errs);

/*
 * Write the comparison workbook of c to path: Trend (table and line
 * chart), Changes and the latest assessment's Summary (w borrowed, may
 * be NULL). Same safety as report_xlsx_write.
 */
int report_compare_xlsx(const struct compare *c, const struct wording *w,
    const char *path, struct soc_errors *errs);
/* The Trend sheet of c in workbook b (also in a report with a baseline). */
void report_compare_trend_sheet(struct xlsx_book *b, const struct compare *c);

#endif
