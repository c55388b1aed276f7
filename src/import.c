/*
 * socassess import without the printing: the cells of a questionnaire
 * workbook (docs/workbook.md) into a struct answers. The sheet
 * 'socassess' is read first, so that a workbook we did not make, or made
 * for another questionnaire or version, is refused before any cell is
 * judged; then the Assessment sheet and every domain sheet the marker
 * lists. Each problem names its sheet and cell, and all are collected.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "socassess/answers-write.h"
#include "socassess/import.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"

#define MARKER_SHEET "socassess"
#define ASSESSMENT_SHEET "Assessment"
#define HEADER_ROW 3   /* of a domain sheet; questions from the next on */
#define QUOTE_MAX 60   /* bytes of a cell quoted in a message */
#define MAX_PROBLEMS 100 /* reported before the import gives up */
#define MAX_SHEETS 100   /* domain sheets the marker may list */
#define MAX_CELL 32767   /* characters in a cell (Excel's own limit) */

/* The columns of a domain sheet (A is 1), fixed by the layout. */
enum column {
	COL_ID = 1,
	COL_AREA,
	COL_QUESTION,
	COL_HELP,
	COL_ANSWER,
	COL_REASON,
	COL_COMMENT,
	COL_EVIDENCE,
	COL_ASSESSOR,
	N_COLUMNS = COL_ASSESSOR
};

static const char *const column_titles[N_COLUMNS + 1] = {
	NULL, "Id", "Area", "Question", "Help", "Answer", "N/A reason",
	"Comment", "Evidence", "Assessor",
};

struct importer {
	struct xlsx_workbook *wb;
	const struct import_request *req;
	struct soc_errors *errs;
	struct answers *a;
	char **first_seen;     /* per question: "Sheet!A5" of its row */
	size_t problems;       /* errors added so far */
	bool gave_up;          /* MAX_PROBLEMS reached: read no further */
};

/* The cells of one row, A to I (cell[COL_ID]...); NULL where empty. */
struct row {
	unsigned n;            /* the row number */
	const struct xlsx_cell *cell[N_COLUMNS + 1];
};

/* Count an error; false, with a last one saying so, past the cap. */
static bool
count_problem(struct importer *im)
{
	if (im->gave_up)
		return false;
	if (im->problems++ < MAX_PROBLEMS)
		return true;
	im->gave_up = true;
	soc_error_at(im->errs, im->req->name, NULL, "more than %d problems: "
	    "the rest of the workbook is not read", MAX_PROBLEMS);
	return false;
}

/* Add "Sheet!A1: message" as an error on the workbook. */
static void __attribute__((format(printf, 5, 6)))
cell_error(struct importer *im, const char *sheet, unsigned row,
    unsigned col, const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	char ref[16];
	va_list ap;

	if (!count_problem(im))
		return;
	xlsx_cell_name(row, col, ref, sizeof(ref));
	strbuf_addf(&text, "%s!%s: ", sheet, ref);
	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	soc_error_at(im->errs, im->req->name, NULL, "%s", text.buf);
	strbuf_release(&text);
}

/*
 * A cell's text as a message quotes it: cut on a character boundary
 * after QUOTE_MAX bytes, "..." marking the cut. Owned by the caller.
 */
static char *
quote(const char *s)
{
	size_t n = utf8_cut_bytes(s, QUOTE_MAX);

	return xasprintf("%.*s%s", (int)n, s, s[n] != '\0' ? "..." : "");
}

/*
 * The text of a cell as typed: line breaks made "\n" (a workbook may
 * store "\r\n" or a lone "\r"). Owned by the caller.
 */
static char *
cell_text(const struct xlsx_cell *c)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = c->text; *p != '\0'; p++) {
		if (*p == '\r') {
			strbuf_addch(&sb, '\n');
			if (p[1] == '\n')
				p++;
		} else
			strbuf_addch(&sb, *p);
	}
	return strbuf_detach(&sb, NULL);
}

/* The text of a cell without surrounding white space; owned. */
static char *
trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	return xasprintf("%.*s", (int)n, s);
}

/*
 * True, with an error, when cell c holds more than a spreadsheet lets a
 * person type into one (a hostile file may hold 64 MB there).
 */
static bool
too_long(struct importer *im, const char *sheet, const struct xlsx_cell *c)
{
	size_t chars = 0;

	for (const char *p = c != NULL ? c->text : ""; *p != '\0'; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (chars <= MAX_CELL)
		return false;
	cell_error(im, sheet, c->row, c->col, "%zu characters, more than a "
	    "cell holds (%d)", chars, MAX_CELL);
	return true;
}

/* True when cell c holds something other than white space. */
static bool
filled(const struct xlsx_cell *c)
{
	return c != NULL && !str_blank(c->text);
}

/* Order cells by row, then column. */
static int
cell_order(const void *x, const void *y)
{
	const struct xlsx_cell *a = *(const struct xlsx_cell *const *)x;
	const struct xlsx_cell *b = *(const struct xlsx_cell *const *)y;

	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

/* What each_row calls for a row; ctx is the caller's. */
typedef void row_fn(struct importer *im, const struct xlsx_sheet *s,
    const struct row *r, void *ctx);

/*
 * Call fn for each row of s from row first on with a value in columns
 * A to I, in row order: a sheet may hold its cells in any order, and
 * one sort keeps a sheet of millions of cells from quadratic lookups.
 */
static void
each_row(struct importer *im, const struct xlsx_sheet *s, unsigned first,
    row_fn *fn, void *ctx)
{
	const struct xlsx_cell **cells = xcalloc(s->n_cells + 1,
	    sizeof(*cells));
	size_t n = 0;

	for (size_t i = 0; i < s->n_cells; i++) {
		if (s->cells[i].row >= first && s->cells[i].col <= N_COLUMNS)
			cells[n++] = &s->cells[i];
	}
	qsort(cells, n, sizeof(*cells), cell_order);
	for (size_t i = 0; i < n && !im->gave_up;) {
		struct row r = { .n = cells[i]->row };

		for (; i < n && cells[i]->row == r.n; i++)
			r.cell[cells[i]->col] = cells[i];
		fn(im, s, &r, ctx);
	}
	free(cells);
}

/* The row's column A without surrounding spaces (owned), or NULL. */
static char *
row_label(const struct row *r)
{
	return r->cell[1] != NULL ? trimmed(r->cell[1]->text) : NULL;
}

/* Read sheet name into *s; -1 with an error when it is not there. */
static int
read_sheet(struct importer *im, const char *name, struct xlsx_sheet *s,
    const char *why)
{
	size_t n = xlsx_workbook_sheets(im->wb), i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < n; i++) {
		if (strcmp(xlsx_workbook_sheet_name(im->wb, i), name) == 0)
			break;
	}
	if (i == n) {
		char *q = quote(name);

		soc_error_at(im->errs, im->req->name, NULL, "no sheet '%s'%s",
		    q, why);
		free(q);
		return -1;
	}
	return xlsx_workbook_read_sheet(im->wb, name, s, im->errs);
}

/* The keys of the marker sheet (column A) that import reads. */
enum marker_key { KEY_FORMAT, KEY_QUESTIONNAIRE, KEY_VERSION, KEY_PROFILE,
	N_KEYS };

static const char *const marker_keys[N_KEYS] = {
	"format", "questionnaire", "questionnaire_version", "profile",
};

/* The marker sheet: what the workbook was made for. */
struct marker {
	struct xlsx_sheet sheet;
	struct row key[N_KEYS];         /* the first row of each key */
	const struct xlsx_cell *sheets[MAX_SHEETS]; /* B of 'sheet' rows */
	size_t n_sheets;
	bool too_many;
};

/* One row of the marker sheet: a key we read, or a domain sheet. */
static void
marker_row(struct importer *im, const struct xlsx_sheet *s,
    const struct row *r, void *ctx)
{
	struct marker *mk = ctx;
	char *label = row_label(r);

	(void)im;
	(void)s;
	if (label == NULL)
		return;
	if (strcasecmp(label, "sheet") == 0 && r->cell[2] != NULL) {
		if (mk->n_sheets < MAX_SHEETS)
			mk->sheets[mk->n_sheets++] = r->cell[2];
		else
			mk->too_many = true;
	}
	for (size_t k = 0; k < N_KEYS; k++) {
		if (mk->key[k].n == 0 && strcasecmp(label, marker_keys[k]) == 0)
			mk->key[k] = *r;
	}
	free(label);
}

/* The value (column B) of key k, or NULL with an error naming it. */
static const char *
marker_value(struct importer *im, const struct marker *mk,
    enum marker_key k)
{
	const struct xlsx_cell *c = mk->key[k].cell[2];

	if (filled(c))
		return c->text;
	soc_error_at(im->errs, im->req->name, NULL, MARKER_SHEET ": no value "
	    "for '%s' in column B: the workbook is damaged; make a new one "
	    "with 'socassess template --xlsx'", marker_keys[k]);
	return NULL;
}

/* Read and check the marker sheet's keys; -1 with an error. */
static int
read_marker(struct importer *im, struct marker *mk)
{
	const char *format;
	char *q;

	if (read_sheet(im, MARKER_SHEET, &mk->sheet, ": not a questionnaire "
	    "workbook of socassess (make one with 'socassess template "
	    "--xlsx')") < 0)
		return -1;
	each_row(im, &mk->sheet, 1, marker_row, mk);
	format = marker_value(im, mk, KEY_FORMAT);
	if (format == NULL)
		return -1;
	if (strcmp(format, IMPORT_FORMAT) != 0) {
		q = quote(format);
		cell_error(im, MARKER_SHEET, mk->key[KEY_FORMAT].n, 2,
		    "workbook format '%s' is not one this socassess reads "
		    "(%s)", q, IMPORT_FORMAT);
		free(q);
		return -1;
	}
	for (size_t k = KEY_QUESTIONNAIRE; k < N_KEYS; k++) {
		if (marker_value(im, mk, (enum marker_key)k) == NULL)
			return -1;
	}
	if (mk->too_many || mk->n_sheets == 0) {
		soc_error_at(im->errs, im->req->name, NULL, MARKER_SHEET ": %s "
		    "rows 'sheet' (domain sheets to read): the workbook is "
		    "damaged", mk->too_many ? "too many" : "no");
		return -1;
	}
	return 0;
}

/* The questionnaire and profile the marker names, as new answers. */
static struct answers *
answers_for_marker(struct importer *im, const struct marker *mk,
    const struct catalog *cat)
{
	const char *qid = mk->key[KEY_QUESTIONNAIRE].cell[2]->text;
	const char *version = mk->key[KEY_VERSION].cell[2]->text;
	const char *profile = mk->key[KEY_PROFILE].cell[2]->text;
	const struct questionnaire *q = catalog_questionnaire(cat, qid);
	char *v;
	int pi;

	if (q == NULL) {
		v = quote(qid);
		cell_error(im, MARKER_SHEET, mk->key[KEY_QUESTIONNAIRE].n, 2,
		    "the workbook is for questionnaire '%s', which is not in "
		    "the data folder (see 'socassess list')", v);
		free(v);
		return NULL;
	}
	if (strcmp(version, q->version != NULL ? q->version : "") != 0) {
		v = quote(version);
		cell_error(im, MARKER_SHEET, mk->key[KEY_VERSION].n, 2, "the "
		    "workbook is for version %s of questionnaire '%s', the data "
		    "folder has version %s: make a new workbook with "
		    "'socassess template --xlsx'", v, q->id, q->version);
		free(v);
		return NULL;
	}
	pi = model_find_profile(q->model, profile);
	if (pi < 0) {
		v = quote(profile);
		cell_error(im, MARKER_SHEET, mk->key[KEY_PROFILE].n, 2,
		    "unknown profile '%s' for model '%s'", v, q->model->id);
		free(v);
		return NULL;
	}
	return answers_new(q, (size_t)pi, im->req->out);
}

/* One metadata row of the Assessment sheet. */
struct meta_row {
	const char *label;
	size_t field;          /* offset of the char * in answers_meta */
	const char *const *choices; /* allowed values, or NULL */
	size_t n_choices;
};

static const struct meta_row meta_rows[] = {
	{ "Organisation", offsetof(struct answers_meta, organisation), NULL,
	    0 },
	{ "Scope", offsetof(struct answers_meta, scope), NULL, 0 },
	{ "Assessor", offsetof(struct answers_meta, assessor), NULL, 0 },
	{ "Date", offsetof(struct answers_meta, date), NULL, 0 },
	{ "Type", offsetof(struct answers_meta, type), assessment_types,
	    ASSESSMENT_TYPES },
	{ "Style", offsetof(struct answers_meta, style), assessment_styles,
	    ASSESSMENT_STYLES },
	{ "Profile", offsetof(struct answers_meta, profile), NULL, 0 },
};

/* The date of cell c (a date serial or YYYY-MM-DD text), owned; or NULL. */
static char *
cell_date(struct importer *im, const struct xlsx_cell *c, unsigned row)
{
	char buf[16], *t = trimmed(c->text), *why, *q;
	double serial;

	if (c->number) {
		free(t);
		if (parse_double(c->text, &serial) &&
		    xlsx_serial_date(im->wb, serial, buf, sizeof(buf)))
			return xstrdup(buf);
		cell_error(im, ASSESSMENT_SHEET, row, 2, "the number %s is not "
		    "a date (expected a date from 1900 on, or text written "
		    "YYYY-MM-DD)", c->text);
		return NULL;
	}
	why = date_problem(t);
	if (why == NULL)
		return t;
	q = quote(t);
	cell_error(im, ASSESSMENT_SHEET, row, 2, "date '%s' %s", q, why);
	free(q);
	free(why);
	free(t);
	return NULL;
}

/* The value of a row with choices, as the file writes it; or NULL. */
static char *
cell_choice(struct importer *im, const struct meta_row *mr,
    const char *text, unsigned row)
{
	struct strbuf list = STRBUF_INIT;
	char *q;

	for (size_t i = 0; i < mr->n_choices; i++) {
		if (strcasecmp(text, mr->choices[i]) == 0)
			return xstrdup(mr->choices[i]);
	}
	for (size_t i = 0; i < mr->n_choices; i++)
		strbuf_addf(&list, "%s%s", i == 0 ? "" : i + 1 ==
		    mr->n_choices ? " or " : ", ", mr->choices[i]);
	q = quote(text);
	cell_error(im, ASSESSMENT_SHEET, row, 2, "%s '%s' is not one of %s",
	    mr->label, q, list.buf);
	free(q);
	strbuf_release(&list);
	return NULL;
}

/* Where the rows of meta_rows are: row number (0: none) and B cell. */
struct meta_found {
	unsigned row;
	const struct xlsx_cell *value;
};

/* One row of the Assessment sheet: which field its label names. */
static void
assessment_row(struct importer *im, const struct xlsx_sheet *s,
    const struct row *r, void *ctx)
{
	struct meta_found *found = ctx;
	char *label = row_label(r);

	(void)im;
	(void)s;
	for (size_t i = 0; label != NULL && i < ARRAY_SIZE(meta_rows); i++) {
		if (found[i].row == 0 &&
		    strcasecmp(label, meta_rows[i].label) == 0)
			found[i] = (struct meta_found){ r->n, r->cell[2] };
	}
	free(label);
}

/* The value of a metadata row as the answers file keeps it, or NULL. */
static char *
meta_value(struct importer *im, const struct meta_row *mr,
    const struct meta_found *f)
{
	char *t, *value;

	if (strcmp(mr->label, "Date") == 0)
		return cell_date(im, f->value, f->row);
	t = trimmed(f->value->text);
	if (mr->choices == NULL)
		return t;
	value = cell_choice(im, mr, t, f->row);
	free(t);
	return value;
}

/* One row of the Assessment sheet into the metadata. */
static void
read_meta_row(struct importer *im, const struct meta_row *mr,
    const struct meta_found *f)
{
	char **field = (char **)((char *)&im->a->meta + mr->field);
	char *value, *q;

	if (f->row == 0) {
		soc_error_at(im->errs, im->req->name, NULL, ASSESSMENT_SHEET
		    ": no row '%s' in column A (the rows of the Assessment "
		    "sheet must stay)", mr->label);
		return;
	}
	if (!filled(f->value) || too_long(im, ASSESSMENT_SHEET, f->value))
		return;
	value = meta_value(im, mr, f);
	if (value != NULL && field == &im->a->meta.profile &&
	    strcmp(value, *field) != 0) {
		q = quote(value);
		cell_error(im, ASSESSMENT_SHEET, f->row, 2, "profile '%s' is "
		    "not the workbook's (%s): the questions were chosen for "
		    "it", q, *field);
		free(q);
		free(value);
		return;
	}
	if (value == NULL)
		return;
	free(*field);
	*field = value;
}

/* The Assessment sheet: organisation, scope, assessor, date, ... */
static void
read_assessment(struct importer *im)
{
	struct meta_found found[ARRAY_SIZE(meta_rows)] = { { 0, NULL } };
	struct xlsx_sheet s;

	if (read_sheet(im, ASSESSMENT_SHEET, &s, "") == 0) {
		each_row(im, &s, 1, assessment_row, found);
		for (size_t i = 0; i < ARRAY_SIZE(meta_rows); i++)
			read_meta_row(im, &meta_rows[i], &found[i]);
	}
	xlsx_sheet_release(&s);
	if (im->req->assessor != NULL)
		answers_set_string(&im->a->meta.assessor, im->req->assessor);
}

/* "0-5" when the options are the whole numbers min..max, else "0, 2, 4". */
static void
option_range(const struct question *qu, struct strbuf *sb)
{
	char lo[32], hi[32];
	bool steps = true;

	for (size_t i = 1; i < qu->n_options; i++)
		steps = steps && qu->options[i].value ==
		    qu->options[i - 1].value + 1;
	format_number_short(lo, sizeof(lo), qu->options[0].value);
	format_number_short(hi, sizeof(hi),
	    qu->options[qu->n_options - 1].value);
	if (steps && qu->n_options > 2 && qu->options[0].value ==
	    (double)(long)qu->options[0].value) {
		strbuf_addf(sb, "%s-%s", lo, hi);
		return;
	}
	for (size_t i = 0; i < qu->n_options; i++) {
		format_number_short(lo, sizeof(lo), qu->options[i].value);
		strbuf_addf(sb, "%s%s", i > 0 ? ", " : "", lo);
	}
}

/* What an Answer cell holds. */
enum answer_form { ANSWER_EMPTY, ANSWER_VALUE, ANSWER_NA, ANSWER_BAD };

/*
 * Read an Answer cell: a number cell, a typed number, a dropdown entry
 * "N - option text" (the number decides: the text may be reworded by a
 * later questionnaire, or its spaces changed by a spreadsheet), N/A.
 */
static enum answer_form
answer_form(const struct xlsx_cell *c, double *value)
{
	char *t, *dash;
	enum answer_form form = ANSWER_BAD;

	if (!filled(c))
		return ANSWER_EMPTY;
	if (c->number)
		return parse_double(c->text, value) ? ANSWER_VALUE : ANSWER_BAD;
	t = trimmed(c->text);
	if (strcasecmp(t, "N/A") == 0 || strcasecmp(t, "NA") == 0)
		form = ANSWER_NA;
	else if (parse_double(t, value))
		form = ANSWER_VALUE;
	else if ((dash = strstr(t, " - ")) != NULL) {
		*dash = '\0';
		if (parse_double(t, value))
			form = ANSWER_VALUE;
	}
	free(t);
	return form;
}

/* The answer of question qi from the Answer and N/A reason cells. */
static void
import_answer(struct importer *im, const char *sheet, unsigned row,
    size_t qi, const struct row *r)
{
	const struct question *qu = &im->a->q->questions[qi];
	const struct xlsx_cell *answer = r->cell[COL_ANSWER];
	const struct xlsx_cell *reason = r->cell[COL_REASON];
	enum answer_form form;
	double value = 0;
	char *why;

	form = answer_form(answer, &value);
	if (form == ANSWER_NA && !filled(reason)) {
		cell_error(im, sheet, row, COL_ANSWER, "N/A needs a reason in "
		    "F%u (%s)", row, qu->id);
	} else if (form == ANSWER_NA) {
		why = cell_text(reason);
		if (answer_set_na(im->a, qi, why, NULL) < 0)
			cell_error(im, sheet, row, COL_REASON, "the reason is "
			    "not valid UTF-8 (%s)", qu->id);
		free(why);
	} else if (filled(reason)) {
		cell_error(im, sheet, row, COL_REASON, "a reason for N/A, but "
		    "the answer in E%u is not N/A (%s)", row, qu->id);
	}
	if (form == ANSWER_BAD || (form == ANSWER_VALUE &&
	    answer_set_value(im->a, qi, value, NULL) < 0)) {
		struct strbuf range = STRBUF_INIT;
		char *t = trimmed(answer->text), *q = quote(t);

		option_range(qu, &range);
		cell_error(im, sheet, row, COL_ANSWER, "'%s' is not one of the "
		    "options of %s (%s)", q, qu->id, range.buf);
		strbuf_release(&range);
		free(q);
		free(t);
	}
}

/* Comment, evidence (one item a line) and assessor of question qi. */
static void
import_texts(struct importer *im, size_t qi, const struct row *r)
{
	struct answer *an;
	char *text, *line, *next;

	if (!filled(r->cell[COL_COMMENT]) && !filled(r->cell[COL_EVIDENCE]) &&
	    !filled(r->cell[COL_ASSESSOR]))
		return;
	an = answers_edit(im->a, qi);
	if (filled(r->cell[COL_COMMENT])) {
		text = cell_text(r->cell[COL_COMMENT]);
		answers_set_string(&an->comment, text);
		free(text);
	}
	if (filled(r->cell[COL_ASSESSOR])) {
		text = trimmed(r->cell[COL_ASSESSOR]->text);
		answers_set_string(&an->assessor, text);
		free(text);
	}
	if (!filled(r->cell[COL_EVIDENCE]))
		return;
	text = cell_text(r->cell[COL_EVIDENCE]);
	for (line = text; line != NULL; line = next) {
		char *item;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		item = trimmed(line);
		if (*item != '\0')
			answer_add_evidence(an, item);
		free(item);
	}
	free(text);
}

/* The question of a row's Id, or -1 with an error naming the cell. */
static long
row_question(struct importer *im, const char *sheet, unsigned row,
    const struct xlsx_cell *id_cell)
{
	const struct questionnaire *q = im->a->q;
	char *id = trimmed(id_cell->text), *shown = quote(id);
	int qi = questionnaire_find(q, id);
	long rc = -1;

	if (qi < 0)
		cell_error(im, sheet, row, COL_ID, "'%s' is not a question of "
		    "questionnaire '%s'", shown, q->id);
	else if (im->first_seen[qi] != NULL)
		cell_error(im, sheet, row, COL_ID, "question '%s' appears "
		    "twice (first at %s)", id, im->first_seen[qi]);
	else if (!questionnaire_applies(q, (size_t)qi, im->a->profile))
		cell_error(im, sheet, row, COL_ID, "question '%s' is not asked "
		    "for profile '%s'", id, im->a->meta.profile);
	else {
		char ref[16];

		xlsx_cell_name(row, COL_ID, ref, sizeof(ref));
		im->first_seen[qi] = xasprintf("%s!%s", sheet, ref);
		rc = qi;
	}
	free(shown);
	free(id);
	return rc;
}

/* One question row of a domain sheet. */
static void
import_row(struct importer *im, const struct xlsx_sheet *s,
    const struct row *r, void *ctx)
{
	long qi;

	(void)ctx;
	if (!filled(r->cell[COL_ID]))
		return; /* a row of notes: people add them */
	for (unsigned col = 1; col <= N_COLUMNS; col++) {
		if (too_long(im, s->name, r->cell[col]))
			return;
	}
	qi = row_question(im, s->name, r->n, r->cell[COL_ID]);
	if (qi < 0)
		return;
	import_answer(im, s->name, r->n, (size_t)qi, r);
	import_texts(im, (size_t)qi, r);
}

/* True when the header row of s holds the layout's titles. */
static bool
headers_match(struct importer *im, const struct xlsx_sheet *s)
{
	for (unsigned col = 1; col <= N_COLUMNS; col++) {
		const struct xlsx_cell *c = xlsx_sheet_cell(s, HEADER_ROW, col);
		char *t = c != NULL ? trimmed(c->text) : xstrdup("");
		bool same = strcasecmp(t, column_titles[col]) == 0;

		if (!same) {
			char *q = quote(t);

			cell_error(im, s->name, HEADER_ROW, col, "header '%s' "
			    "where '%s' belongs: columns must stay where the "
			    "template put them", q, column_titles[col]);
			free(q);
		}
		free(t);
		if (!same)
			return false;
	}
	return true;
}

/* The domain sheets, as the marker lists them (rows 'sheet'). */
static void
import_domain_sheets(struct importer *im, const struct marker *mk)
{
	for (size_t i = 0; i < mk->n_sheets && !im->gave_up; i++) {
		struct xlsx_sheet s;

		if (read_sheet(im, mk->sheets[i]->text, &s, " (the workbook "
		    "lists it as a domain sheet)") == 0 &&
		    headers_match(im, &s))
			each_row(im, &s, HEADER_ROW + 1, import_row, NULL);
		xlsx_sheet_release(&s);
	}
}

struct answers *
import_workbook(struct xlsx_workbook *wb, const struct catalog *cat,
    const struct import_request *req, struct soc_errors *errs)
{
	struct importer im = { .wb = wb, .req = req, .errs = errs };
	struct marker mk = { 0 };
	size_t before = errs->n_errors;

	if (read_marker(&im, &mk) == 0)
		im.a = answers_for_marker(&im, &mk, cat);
	if (im.a != NULL) {
		im.first_seen = xcalloc(im.a->q->n_questions,
		    sizeof(*im.first_seen));
		read_assessment(&im);
		import_domain_sheets(&im, &mk);
		for (size_t i = 0; i < im.a->q->n_questions; i++)
			free(im.first_seen[i]);
		free(im.first_seen);
	}
	xlsx_sheet_release(&mk.sheet);
	if (errs->n_errors > before) {
		answers_free(im.a);
		return NULL;
	}
	return im.a;
}
