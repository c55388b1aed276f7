/*
 * The edge between the XLSX reports and libxlsxwriter: a workbook that
 * is written to a temporary file beside its target and renamed over it
 * only when libxlsxwriter reports success, the shared cell formats, and
 * cell writers that keep user text inert and within Excel's limits.
 * Used by src/report-xlsx*.c only; see docs/report-xlsx.md.
 */
#ifndef SOCASSESS_XLSXBOOK_H
#define SOCASSESS_XLSXBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <xlsxwriter.h>

#include "socassess/atomic.h"
#include "socassess/error.h"
#include "socassess/score.h"

/* Excel refuses longer strings; longer text is cut and marked. */
#define XLSX_MAX_STRING 32767
#define XLSX_TRUNCATED " [... truncated]"
/* The gap cell of a score resting on too few answers. */
#define XLSX_INSUFFICIENT "insufficient answers"
/* Level bands coloured by the conditional formats (0..5 and above). */
#define XLSX_BANDS 6

struct strbuf;

struct xlsx_formats {
	lxw_format *title, *subtitle, *heading, *intro, *head, *label;
	lxw_format *text, *wrap, *muted, *num2, *big, *pct, *integer, *date;
	lxw_format *key;               /* a key figure: two decimals, left */
	lxw_format *grey;              /* a score on too few answers */
	lxw_format *banner;            /* the provisional notice */
	lxw_format *note;              /* grey italic, one line */
	lxw_format *band[XLSX_BANDS]; /* fills from red (0) to green (5) */
	lxw_format *good, *warn, *bad;
	lxw_format *meaning;           /* a "what this means" line */
	lxw_format *key_pct;           /* a key percentage, left */
	lxw_format *bold;
	lxw_format *sign;              /* a line to sign on */
	/* Heatmap cells by band, centred and boxed; [XLSX_BANDS]: unscored. */
	lxw_format *heat[XLSX_BANDS + 1];
};

/* The band (0 .. XLSX_BANDS-1) of a level on a scale of 0..max_level. */
size_t xlsx_band(int level, int max_level);

struct xlsx_book {
	lxw_workbook *wb;
	struct atomic_file file; /* the target and its temporary file */
	struct xlsx_formats f;
	lxw_error err;         /* first failed libxlsxwriter call */
	char **names;          /* sheet names used so far */
	size_t n_names;
};

/*
 * libxlsxwriter declares char * for text it only reads (formulas,
 * properties, validation messages): the one place that drops const.
 */
static inline char *
xlsx_str(const char *s)
{
	union { const char *c; char *m; } u = { .c = s };

	return u.m;
}

/* One column of a table: header text and width in characters. */
struct xlsx_col {
	const char *head;
	double width;
	bool wrap;
};

/*
 * Create the temporary file for path and a workbook on it with the
 * shared formats and the document properties (borrowed strings, any
 * may be NULL). Returns 0, or -1 with an error added.
 */
int xlsx_begin(struct xlsx_book *b, const char *path,
    lxw_doc_properties *props, struct soc_errors *errs);
/*
 * Close the workbook and rename it over the target; on any failure
 * (also an earlier failed call recorded in b->err) remove the temporary
 * file, leave the target untouched and add an error. Releases b.
 */
int xlsx_finish(struct xlsx_book *b, struct soc_errors *errs);
/*
 * Give the workbook up unwritten (its content cannot be completed):
 * the temporary file is removed, the target untouched. Releases b.
 */
void xlsx_abandon(struct xlsx_book *b);

/* Midnight UTC of a YYYY-MM-DD date; 1980-01-01 when date is unusable. */
time_t xlsx_date_time(const char *date);

/*
 * A new sheet named after name: characters Excel refuses replaced, cut
 * to 31 characters, made unique (case-insensitively) with " (2)"...
 */
lxw_worksheet *xlsx_sheet(struct xlsx_book *b, const char *name);

/* Record the result of a libxlsxwriter call (the first error stays). */
void xlsx_check(struct xlsx_book *b, lxw_error e);

/* Cell writers. Text always lands as a string; NULL writes a blank. */
/*
 * s as XML 1.0 text for the places libxlsxwriter writes without escaping
 * control characters (document properties, chart names): every character
 * XML refuses becomes U+FFFD. Returns s, or buf->buf (owned by buf).
 */
const char *xlsx_plain_text(const char *s, struct strbuf *buf);

void xlsx_text(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, lxw_format *f);
/* Text a chart reads (a category): as xlsx_plain_text makes it. */
void xlsx_chart_text(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, lxw_format *f);
void xlsx_merge(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t c1, lxw_col_t c2, const char *s, lxw_format *f);
void xlsx_num(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, double v, lxw_format *f);
/* A score that may be absent: blank when not set. */
void xlsx_opt(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, struct opt_score s, lxw_format *f);

/*
 * Wrapped text in a column width characters wide; *lines grows to the
 * lines it needs (see xlsx_row_lines).
 */
void xlsx_wrap(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, double width, size_t *lines);
/* Lines s needs when wrapped in a column width characters wide. */
size_t xlsx_lines(const char *s, double width);
/* Make row tall enough for lines lines of text (1: leave it). */
void xlsx_row_lines(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    size_t lines);

/*
 * A rich string in one cell: head in bold, then rest, in cell format f
 * (both made XML-valid as by xlsx_plain_text; rest may be empty).
 */
void xlsx_rich(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *head, const char *rest, lxw_format *f);

/*
 * A clustered bar chart of score and target by category. Charts copy
 * the category cells without escaping control characters: write those
 * cells through xlsx_plain_text.
 */
struct xlsx_chart_spec {
	const char *title;
	const char *sheet;         /* the sheet holding the data */
	const char *category;      /* the category axis title */
	lxw_row_t first, last;     /* data rows */
	lxw_col_t cat_col, score_col, target_col;
	int max;                   /* top of the scale */
	int width, height;         /* pixels */
};
/* Insert the chart spec describes at row, col of ws. */
void xlsx_bar_chart(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const struct xlsx_chart_spec *spec);

/*
 * Merged, wrapped text over columns c1..c2 of a sheet whose column
 * widths (characters) are widths; the row is made tall enough for it.
 */
void xlsx_paragraph(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t c1, lxw_col_t c2, const double *widths, const char *s,
    lxw_format *f);

/*
 * A table's header at row head_row: column widths and wrapping, a frozen
 * header, an autofilter over the n_rows data rows below it, and the
 * print setup (landscape, one page wide, header rows repeated).
 */
void xlsx_table(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t head_row,
    const struct xlsx_col *cols, size_t n_cols, size_t n_rows);
/*
 * A new format of the shared font, top-aligned: centred when centre,
 * with num_format (NULL: general), a fill and a text colour (fill 0: no
 * fill; pick an ink of WCAG AA contrast on it). For cells the shared
 * formats do not cover: numbers that must not touch their neighbours,
 * coloured counts.
 */
lxw_format *xlsx_cell_format(struct xlsx_book *b, const char *num_format,
    lxw_color_t fill, lxw_color_t ink, bool centre);
/*
 * The column width that shows s on one line in the report's 10-point
 * font (a width unit holds about 1.3 characters; CJK counts two), with
 * a margin, within lo..hi (longer text then wraps). NULL gives lo.
 */
double xlsx_fit_width(const char *s, double lo, double hi);
/* Format f on the cells of column col, r1..r2, whose text is text. */
void xlsx_text_colour(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t r1,
    lxw_row_t r2, lxw_col_t col, const char *text, lxw_format *f);
/* Points of a printed A4 landscape page at the margins of the setup. */
#define XLSX_PAGE_PT 480
/*
 * A sheet of about points points that would spill a little onto a second
 * page (at most 30 %) prints on one page, a little smaller, instead.
 */
void xlsx_fit_short(lxw_worksheet *ws, double points);
/* Print setup alone: landscape, A4, one page wide, page footer. */
void xlsx_print_setup(lxw_worksheet *ws);

/*
 * Colour cells first_row..last_row, c1..c2 by the level band of the
 * number in column score_col of the same row (blank: no colour).
 */
void xlsx_band_colours(struct xlsx_book *b, lxw_worksheet *ws,
    lxw_row_t first_row, lxw_row_t last_row, lxw_col_t c1, lxw_col_t c2,
    lxw_col_t score_col, int max_level);
/* Colour a gap column: 0 green, under 1 amber, 1 or more red. */
/*
 * Grey columns c1..c2 of the rows whose gap_col holds XLSX_INSUFFICIENT,
 * over any colour added after it: call before the band and gap colours.
 */
void xlsx_grey_insufficient(struct xlsx_book *b, lxw_worksheet *ws,
    lxw_row_t first_row, lxw_row_t last_row, lxw_col_t c1, lxw_col_t c2,
    lxw_col_t gap_col);
/*
 * Amber, not green, for a gap of 0 averaged over areas of which some
 * are short (a count above 0 in short_col); call before the gap colours.
 */
void xlsx_short_gap(struct xlsx_book *b, lxw_worksheet *ws,
    lxw_row_t first_row, lxw_row_t last_row, lxw_col_t gap_col,
    lxw_col_t short_col);
void xlsx_gap_colours(struct xlsx_book *b, lxw_worksheet *ws,
    lxw_row_t first_row, lxw_row_t last_row, lxw_col_t col);

#endif
