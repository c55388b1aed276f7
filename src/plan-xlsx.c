/*
 * Reading the Action plan sheet of an edited management workbook back
 * into a plan: Owner, Due date and Status of each row, matched to the
 * plan's items by the row's Item id (docs/plan.md).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "socassess/plan.h"
#include "socassess/util.h"
#include "socassess/xlsx-read.h"

#define ACTION_PLAN_SHEET "Action plan"

/* The columns of the sheet's header that we read, 0 when absent. */
struct plan_columns {
	unsigned head_row;
	unsigned id, owner, due, status;
};

/* True when a header cell says want, in any case, blanks around it. */
static bool
header_is(const char *text, const char *want)
{
	size_t n = strlen(want);

	text += strspn(text, " \t");
	return strncasecmp(text, want, n) == 0 && text[n + strspn(text + n,
	    " \t")] == '\0';
}

/*
 * The header row is the one holding "Item id"; the other columns are
 * found in it by their text, wherever they stand, so columns added to
 * the sheet (by socassess or by hand) change nothing.
 */
static void
find_columns(const struct xlsx_sheet *s, struct plan_columns *pc)
{
	memset(pc, 0, sizeof(*pc));
	for (size_t i = 0; i < s->n_cells && pc->head_row == 0; i++) {
		if (header_is(s->cells[i].text, "Item id")) {
			pc->head_row = s->cells[i].row;
			pc->id = s->cells[i].col;
		}
	}
	for (size_t i = 0; i < s->n_cells; i++) {
		const struct xlsx_cell *c = &s->cells[i];

		if (c->row != pc->head_row)
			continue;
		if (header_is(c->text, "Owner"))
			pc->owner = c->col;
		else if (header_is(c->text, "Due date"))
			pc->due = c->col;
		else if (header_is(c->text, "Status"))
			pc->status = c->col;
	}
}

static void
cell_error(struct soc_errors *errs, const char *path,
    const struct xlsx_cell *c, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* An error at "Action plan!N5:", the sheet and cell, as import names them. */
static void
cell_error(struct soc_errors *errs, const char *path,
    const struct xlsx_cell *c, const char *fmt, ...)
{
	char ref[16], *text;
	va_list ap;

	xlsx_cell_name(c->row, c->col, ref, sizeof(ref));
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	soc_error_at(errs, path, NULL, ACTION_PLAN_SHEET "!%s: %s", ref,
	    text != NULL ? text : "out of memory");
	free(text);
}

/* The due date of cell c as YYYY-MM-DD (owned), or NULL with an error. */
static char *
due_date(const struct xlsx_workbook *wb, const char *path,
    const struct xlsx_cell *c, struct soc_errors *errs)
{
	char buf[16];
	double serial;

	if (c->number && parse_double(c->text, &serial) &&
	    xlsx_serial_date(wb, serial, buf, sizeof(buf)))
		return xstrdup(buf);
	if (!c->number && date_valid(c->text))
		return xstrdup(c->text);
	cell_error(errs, path, c, "due date '%s' must be a date (a date "
	    "cell, or text written YYYY-MM-DD)", c->text);
	return NULL;
}

/* Apply one row's Owner, Due date and Status to its item. */
static void
apply_row(struct plan_item *it, const struct xlsx_workbook *wb,
    const struct xlsx_sheet *s, const struct plan_columns *pc, unsigned row,
    const char *path, struct soc_errors *errs)
{
	const struct xlsx_cell *owner = xlsx_sheet_cell(s, row, pc->owner);
	const struct xlsx_cell *due = xlsx_sheet_cell(s, row, pc->due);
	const struct xlsx_cell *status = xlsx_sheet_cell(s, row, pc->status);
	enum plan_status st;

	if (owner != NULL && !str_blank(owner->text)) {
		free(it->owner);
		it->owner = xstrdup(owner->text);
	}
	if (due != NULL && !str_blank(due->text)) {
		char *d = due_date(wb, path, due, errs);

		if (d != NULL) {
			free(it->due);
			it->due = d;
		}
	}
	if (status == NULL || str_blank(status->text))
		return;
	if (plan_status_parse(status->text, &st))
		it->status = st;
	else
		cell_error(errs, path, status, "unknown status '%s' (expected "
		    "Open, In progress, Done or Dropped)", status->text);
}

/* Every row with an Item id; -1 when any failed. */
static int
apply_rows(struct plan *p, const struct xlsx_workbook *wb,
    const struct xlsx_sheet *s, const struct plan_columns *pc,
    const char *path, size_t *n_rows, struct soc_errors *errs)
{
	size_t before = errs->n_errors;

	for (size_t i = 0; i < s->n_cells; i++) {
		const struct xlsx_cell *c = &s->cells[i];
		struct plan_item *it;

		if (c->col != pc->id || c->row <= pc->head_row ||
		    str_blank(c->text))
			continue;
		it = NULL;
		for (size_t k = 0; k < p->n_items && it == NULL; k++)
			it = strcmp(p->items[k].id, c->text) == 0 ?
			    &p->items[k] : NULL;
		if (it == NULL) {
			cell_error(errs, path, c, "no item of the plan has the "
			    "id '%s'", c->text);
			continue;
		}
		apply_row(it, wb, s, pc, c->row, path, errs);
		(*n_rows)++;
	}
	return errs->n_errors > before ? -1 : 0;
}

int
plan_read_xlsx(struct plan *p, const char *path, size_t *n_rows,
    struct soc_errors *errs)
{
	struct xlsx_workbook *wb = xlsx_workbook_open(path, errs);
	struct xlsx_sheet s;
	struct plan_columns pc;
	int rc = -1;

	*n_rows = 0;
	if (wb == NULL)
		return -1;
	if (xlsx_workbook_read_sheet(wb, ACTION_PLAN_SHEET, &s, errs) < 0)
		goto out;
	find_columns(&s, &pc);
	if (pc.head_row == 0 || pc.owner == 0 || pc.due == 0 ||
	    pc.status == 0)
		soc_error_at(errs, path, NULL, "sheet '" ACTION_PLAN_SHEET "' "
		    "has no header with Owner, Due date, Status and Item id "
		    "(a workbook of 'socassess score --xlsx')");
	else
		rc = apply_rows(p, wb, &s, &pc, path, n_rows, errs);
out:
	xlsx_sheet_release(&s);
	xlsx_workbook_close(wb);
	return rc;
}
