/*
 * Reading cells out of an XLSX workbook (docs/reading-xlsx.md): the ZIP
 * container through libzip, its XML parts through libxml2's
 * xmlTextReader, never a parser of our own. Sheets are found by name
 * through xl/workbook.xml and its relationships; shared strings (with
 * rich-text runs), inline strings, numbers and formula results all come
 * out as text. Every size is bounded before anything is inflated.
 */
#ifndef SOCASSESS_XLSX_READ_H
#define SOCASSESS_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "socassess/error.h"

/* Caps on what a workbook may hold (zip bombs, hostile files). */
#define XLSX_READ_MAX_ENTRIES 10000u           /* ZIP entries */
#define XLSX_READ_MAX_PART (64u * 1024 * 1024) /* one part, inflated */
#define XLSX_READ_MAX_TOTAL (256u * 1024 * 1024) /* all parts read */
#define XLSX_READ_MAX_STRINGS 1000000u         /* shared strings */
#define XLSX_READ_MAX_CELLS 4000000u           /* cells of one sheet */

struct xlsx_workbook;

/* One cell with a value. */
struct xlsx_cell {
	unsigned row;      /* 1-based, as Excel shows it */
	unsigned col;      /* 1-based: A is 1 */
	char *text;        /* the value as text; a number as stored ("46235") */
	bool number;       /* stored as a number (t="n" or no type) */
};

/* The cells of one sheet with a value, in the order the file holds them. */
struct xlsx_sheet {
	char *name;
	struct xlsx_cell *cells;
	size_t n_cells;
};

/*
 * Open the workbook at path and read its sheet list and shared strings.
 * Returns a new workbook owned by the caller, or NULL with an error.
 */
struct xlsx_workbook *xlsx_workbook_open(const char *path,
    struct soc_errors *errs);
/*
 * The same from len bytes in memory (borrowed: they must outlive the
 * workbook), called name in messages.
 */
struct xlsx_workbook *xlsx_workbook_open_data(const char *name,
    const void *data, size_t len, struct soc_errors *errs);
void xlsx_workbook_close(struct xlsx_workbook *wb);

/* The number of sheets and the name of sheet i, in workbook order. */
size_t xlsx_workbook_sheets(const struct xlsx_workbook *wb);
const char *xlsx_workbook_sheet_name(const struct xlsx_workbook *wb,
    size_t i);
/* True when the workbook counts dates from 1904 (old Mac Excel). */
bool xlsx_workbook_date1904(const struct xlsx_workbook *wb);

/*
 * Read the cells of the sheet called name into *out (release with
 * xlsx_sheet_release). -1 with an error naming the sheet when it is
 * missing or broken.
 */
int xlsx_workbook_read_sheet(struct xlsx_workbook *wb, const char *name,
    struct xlsx_sheet *out, struct soc_errors *errs);
void xlsx_sheet_release(struct xlsx_sheet *s);

/* The cell at row, col of s, or NULL when it has no value. */
const struct xlsx_cell *xlsx_sheet_cell(const struct xlsx_sheet *s,
    unsigned row, unsigned col);

/* "B12" for row 12, col 2, into buf (at least 16 bytes). */
void xlsx_cell_name(unsigned row, unsigned col, char *buf, size_t size);

/*
 * The day of a date serial number of wb as YYYY-MM-DD into buf (at
 * least 11 bytes); false when serial is not a day from 1900 to 9999.
 */
bool xlsx_serial_date(const struct xlsx_workbook *wb, double serial,
    char *buf, size_t size);

#endif
