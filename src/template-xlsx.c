/*
 * The fillable questionnaire workbook: what a team lead fills in with a
 * spreadsheet and socassess import reads back. Every cell a person may
 * change is unlocked and yellow, the rest is protected (no password),
 * and the dropdowns read their entries from a hidden sheet, because
 * libxlsxwriter crashes on literal lists over 255 bytes. The layout is
 * the contract of include/socassess/template-xlsx.h and docs/workbook.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "socassess/answers.h"
#include "socassess/strbuf.h"
#include "socassess/template-xlsx.h"
#include "socassess/util.h"
#include "socassess/xlsx-book.h"

#ifndef SOCASSESS_VERSION
#define SOCASSESS_VERSION "0.0.0"
#endif

const char *const workbook_headers[WORKBOOK_COLS] = {
	"Id", "Area", "Question", "Help", "Answer", "N/A reason", "Comment",
	"Evidence", "Assessor",
};

const char *const workbook_labels[WORKBOOK_FIELDS] = {
	"Organisation", "Scope", "Assessor", "Date", "Type", "Style",
	"Profile", "Questionnaire", "Questionnaire version",
};

/* What each column of a question sheet holds, for the Instructions. */
static const char *const column_meaning[WORKBOOK_COLS] = {
	"The question's id. Do not change it: import finds the answer by it.",
	"The area of the model the question belongs to.",
	"The question.",
	"What the question means and what counts as evidence.",
	"Your answer: choose an entry of the dropdown. The number before "
	    "' - ' is the level the option stands for; the text after it is "
	    "the option. Choose N/A when the question does not apply to your "
	    "SOC. Leave it empty when you do not know: it then counts as "
	    "unanswered.",
	"Why the question does not apply. Required with N/A, and only "
	    "with N/A.",
	"Anything the reader of the result should know: caveats, plans, "
	    "who to ask. Several lines are fine.",
	"What shows the answer is true: documents, tickets, dashboards. One "
	    "item per line (Alt+Enter in Excel, Ctrl+Enter in LibreOffice).",
	"Your name, when several people fill in the same workbook.",
};

/* Widths of the question sheets' columns, in characters. */
static const double column_width[WORKBOOK_COLS] = {
	22, 14, 40, 40, 30, 14, 24, 20, 12,
};

/* A workbook being written, and where its question sheets are. */
struct template_book {
	struct xlsx_book b;
	const struct questionnaire *q;
	size_t profile;
	lxw_format *edit;       /* yellow, unlocked, wrapped */
	lxw_format *edit_date;  /* the same with a date format */
	lxw_format *fixed;      /* grey: a value that may not change */
	lxw_worksheet **domain_ws; /* per domain; NULL: no question asked */
	lxw_worksheet *lists;
	lxw_col_t lists_col;    /* next free column of the Lists sheet */
	size_t n_asked;         /* questions asked for the profile */
};

static void
formats_init(struct template_book *t)
{
	lxw_workbook *wb = t->b.wb;

	t->edit = workbook_add_format(wb);
	format_set_font_name(t->edit, "Calibri");
	format_set_font_size(t->edit, 10);
	format_set_align(t->edit, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(t->edit);
	format_set_unlocked(t->edit);
	format_set_bg_color(t->edit, 0xFFF2CC);
	format_set_border(t->edit, LXW_BORDER_THIN);
	format_set_border_color(t->edit, 0xBFBFBF);
	t->edit_date = workbook_add_format(wb);
	format_set_font_name(t->edit_date, "Calibri");
	format_set_font_size(t->edit_date, 10);
	format_set_align(t->edit_date, LXW_ALIGN_LEFT);
	format_set_unlocked(t->edit_date);
	format_set_bg_color(t->edit_date, 0xFFF2CC);
	format_set_border(t->edit_date, LXW_BORDER_THIN);
	format_set_border_color(t->edit_date, 0xBFBFBF);
	format_set_num_format(t->edit_date, "yyyy-mm-dd");
	t->fixed = workbook_add_format(wb);
	format_set_font_name(t->fixed, "Calibri");
	format_set_font_size(t->fixed, 10);
	format_set_align(t->fixed, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(t->fixed, 0xF2F2F2);
	format_set_border(t->fixed, LXW_BORDER_THIN);
	format_set_border_color(t->fixed, 0xBFBFBF);
}

/*
 * Protect ws without a password: locked cells stay as they are, while
 * column widths and row heights may still be changed to read long text.
 */
static void
protect(lxw_worksheet *ws)
{
	lxw_protection p = { 0 };

	p.format_columns = 1;
	p.format_rows = 1;
	worksheet_protect(ws, NULL, &p);
}

/*
 * Append the character at s (n bytes) to out, keeping the entry on one
 * line: each run of blanks and line breaks becomes one space.
 */
static void
add_entry_char(struct strbuf *out, const char *s, size_t n)
{
	if (n == 1 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		if (out->len > 0 && out->buf[out->len - 1] != ' ')
			strbuf_addch(out, ' ');
		return;
	}
	strbuf_add(out, s, n);
}

char *
template_xlsx_entry(const struct option *o)
{
	struct strbuf clean = STRBUF_INIT, out = STRBUF_INIT;
	char num[32];
	const char *s;

	format_number_short(num, sizeof(num), o->value);
	strbuf_addf(&out, "%s - ", num);
	s = xlsx_plain_text(o->text != NULL ? o->text : "", &clean);
	while (*s != '\0') {
		size_t n = utf8_char(s, NULL);

		add_entry_char(&out, s, n);
		s += n;
	}
	if (u8_mbsnlen((const uint8_t *)out.buf, out.len) >
	    WORKBOOK_ENTRY_MAX) {
		const uint8_t *p = (const uint8_t *)out.buf;

		/* Keep room for the "..." that says the text goes on. */
		for (size_t i = 0; i < WORKBOOK_ENTRY_MAX - 3; i++)
			p += utf8_char((const char *)p, NULL);
		out.len = (size_t)(p - (const uint8_t *)out.buf);
		while (out.len > 0 && out.buf[out.len - 1] == ' ')
			out.len--;
		out.buf[out.len] = '\0';
		strbuf_addstr(&out, "...");
	}
	while (out.len > 0 && out.buf[out.len - 1] == ' ')
		out.buf[--out.len] = '\0';
	strbuf_release(&clean);
	return strbuf_detach(&out, NULL);
}

/* Questionnaire text as a cell shows it: no control characters. */
static void
text_cell(struct template_book *t, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, lxw_format *f)
{
	struct strbuf buf = STRBUF_INIT;

	xlsx_text(&t->b, ws, row, col, s != NULL ? xlsx_plain_text(s, &buf) :
	    NULL, f);
	strbuf_release(&buf);
}

/* The same, wrapped in a column width wide; *lines grows to fit it. */
static void
wrap_cell(struct template_book *t, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *s, double width, size_t *lines)
{
	struct strbuf buf = STRBUF_INIT;

	xlsx_wrap(&t->b, ws, row, col, s != NULL ? xlsx_plain_text(s, &buf) :
	    NULL, width, lines);
	strbuf_release(&buf);
}

/*
 * A paragraph merged over columns A..C of a sheet whose column widths
 * are widths, its row as tall as its lines (merged cells never grow).
 */
static void
paragraph(struct template_book *t, lxw_worksheet *ws, lxw_row_t row,
    const double *widths, const char *s, lxw_format *f)
{
	struct strbuf buf = STRBUF_INIT;

	s = xlsx_plain_text(s, &buf);
	xlsx_row_lines(&t->b, ws, row, xlsx_lines(s, widths[0] + widths[1] +
	    widths[2]));
	xlsx_merge(&t->b, ws, row, 0, 2, s, f);
	strbuf_release(&buf);
}

static const double instructions_width[] = { 16, 26, 80 };

/* The numbered steps of filling in the workbook; returns the next row. */
static lxw_row_t
instructions_steps(struct template_book *t, lxw_worksheet *ws, lxw_row_t row)
{
	static const char *const steps[] = {
		"1. On the Assessment sheet, fill in the organisation, the "
		    "scope of the assessment, your name, the date (YYYY-MM-DD) "
		    "and the type and style of the assessment.",
		"2. Each following sheet holds the questions of one domain. "
		    "For each question, choose in the Answer column the option "
		    "that describes what your SOC does today and can show, not "
		    "what is planned.",
		"3. When a question does not apply to your SOC, choose N/A "
		    "and give the reason in the N/A reason column: an N/A "
		    "without a reason is refused when the workbook is read "
		    "back. When you do not know the answer, leave it empty: "
		    "the question then counts as unanswered.",
		"4. Comment, Evidence and Assessor are optional. Evidence "
		    "takes one item per line (Alt+Enter in Excel, Ctrl+Enter in "
		    "LibreOffice).",
		"5. Only the yellow cells can be changed. The sheets are "
		    "protected without a password so that ids and questions "
		    "are not changed by accident; to lift the protection, use "
		    "Review > Unprotect Sheet (LibreOffice: Tools > Protect "
		    "Sheet) and leave the password empty. Do not rename, add "
		    "or remove sheets, move columns or change an Id: the "
		    "answers are read back by them. Rows with an empty Id are "
		    "ignored.",
	};

	xlsx_text(&t->b, ws, row++, 0, "How to fill it in", t->b.f.heading);
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
		paragraph(t, ws, row++, instructions_width, steps[i],
		    t->b.f.intro);
	return row + 1;
}

/* The table of the question sheets' columns; returns the next row. */
static lxw_row_t
instructions_columns(struct template_book *t, lxw_worksheet *ws,
    lxw_row_t row)
{
	double merged[] = { 0, 0, instructions_width[1] +
	    instructions_width[2] };

	xlsx_text(&t->b, ws, row++, 0, "The columns of the question sheets",
	    t->b.f.heading);
	for (size_t c = 0; c < WORKBOOK_COLS; c++, row++) {
		char letter[8];
		char *label;

		lxw_col_to_name(letter, (lxw_col_t)c, LXW_FALSE);
		label = xasprintf("%s  %s", letter, workbook_headers[c]);
		xlsx_text(&t->b, ws, row, 0, label, t->b.f.label);
		free(label);
		xlsx_row_lines(&t->b, ws, row, xlsx_lines(column_meaning[c],
		    merged[2]));
		xlsx_merge(&t->b, ws, row, 1, 2, column_meaning[c],
		    t->b.f.wrap);
	}
	return row + 1;
}

/* The model's levels with their names and meaning; returns the next row. */
static lxw_row_t
instructions_scale(struct template_book *t, lxw_worksheet *ws, lxw_row_t row)
{
	const struct model *m = t->q->model;

	xlsx_text(&t->b, ws, row++, 0, "The levels", t->b.f.heading);
	paragraph(t, ws, row++, instructions_width, m->scoring ==
	    SCORING_WEIGHTED_MEAN ? "The number before ' - ' in an answer "
	    "is the level its option stands for on the model's scale:" :
	    "The number before ' - ' in an answer is its value; the model "
	    "adds the answers up to these levels:", t->b.f.intro);
	for (size_t i = 0; i < m->n_levels; i++, row++) {
		const struct scale_level *l = &m->scale[i];
		size_t lines = 1;
		char level[16];

		/* As text: a number would stand at the far right of A. */
		snprintf(level, sizeof(level), "%d", l->level);
		xlsx_text(&t->b, ws, row, 0, level, t->b.f.label);
		text_cell(t, ws, row, 1, l->name, t->b.f.label);
		wrap_cell(t, ws, row, 2, l->description, instructions_width[2],
		    &lines);
		xlsx_row_lines(&t->b, ws, row, lines);
	}
	return row + 1;
}

/* The Instructions sheet: what a person reads before filling in. */
static void
instructions_sheet(struct template_book *t, lxw_worksheet *ws)
{
	const struct questionnaire *q = t->q;
	const struct profile *p = &q->model->profiles[t->profile];
	lxw_row_t row = 0;
	char *line;

	for (lxw_col_t c = 0; c < 3; c++)
		xlsx_check(&t->b, worksheet_set_column(ws, c, c,
		    instructions_width[c], NULL));
	xlsx_row_lines(&t->b, ws, row, 2);
	text_cell(t, ws, row++, 0, q->name, t->b.f.title);
	line = xasprintf("Questionnaire %s, version %s, for the %s operating "
	    "model: %zu questions.", q->id, q->version, p->name, t->n_asked);
	paragraph(t, ws, row++, instructions_width, line, t->b.f.subtitle);
	free(line);
	row++;
	row = instructions_steps(t, ws, row);
	row = instructions_columns(t, ws, row);
	row = instructions_scale(t, ws, row);
	xlsx_text(&t->b, ws, row++, 0, "Reading it back", t->b.f.heading);
	paragraph(t, ws, row++, instructions_width, "Send the filled "
	    "workbook back to the assessor, who reads it into an answers "
	    "file and scores it:", t->b.f.intro);
	xlsx_text(&t->b, ws, row++, 0, "socassess import WORKBOOK.xlsx -o "
	    "answers.yaml", t->b.f.label);
	xlsx_text(&t->b, ws, row++, 0, "socassess score answers.yaml",
	    t->b.f.label);
	xlsx_print_setup(ws);
	xlsx_check(&t->b, worksheet_print_area(ws, 0, 0, row, 2));
	protect(ws);
	worksheet_activate(ws);
}

/* A dropdown of fixed words (types, styles) on cell row, col. */
static void
word_list(struct template_book *t, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col, const char *const *words, size_t n)
{
	lxw_data_validation dv = { 0 };
	char *list[8] = { 0 };

	for (size_t i = 0; i < n && i < ARRAY_SIZE(list) - 1; i++)
		list[i] = xlsx_str(words[i]);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = list;
	xlsx_check(&t->b, worksheet_data_validation_cell(ws, row, col, &dv));
}

/* A date cell's validation: any day from 1900 on. */
static void
date_check(struct template_book *t, lxw_worksheet *ws, lxw_row_t row,
    lxw_col_t col)
{
	lxw_data_validation dv = { 0 };

	dv.validate = LXW_VALIDATION_TYPE_DATE;
	dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	dv.minimum_datetime = (lxw_datetime){ 1900, 1, 1, 0, 0, 0 };
	dv.maximum_datetime = (lxw_datetime){ 9999, 12, 31, 0, 0, 0 };
	dv.input_title = xlsx_str("Date");
	dv.input_message = xlsx_str("The date of the assessment: "
	    "YYYY-MM-DD.");
	dv.error_title = xlsx_str("Not a date");
	dv.error_message = xlsx_str("Type the date as YYYY-MM-DD, for "
	    "example 2026-09-15.");
	xlsx_check(&t->b, worksheet_data_validation_cell(ws, row, col, &dv));
}

/* The Assessment sheet: the metadata of the answers file. */
static void
assessment_sheet(struct template_book *t, lxw_worksheet *ws)
{
	const struct questionnaire *q = t->q;
	const struct profile *p = &q->model->profiles[t->profile];
	const char *fixed[WORKBOOK_FIELDS] = {
		[WORKBOOK_PROFILE] = p->id,
		[WORKBOOK_QUESTIONNAIRE] = q->id,
		[WORKBOOK_QUESTIONNAIRE_VERSION] = q->version,
	};
	const char *note[WORKBOOK_FIELDS] = {
		"The organisation assessed.",
		"What the assessment covers: sites, teams, services.",
		"Who leads the assessment.",
		"The date of the assessment: YYYY-MM-DD.",
		"quick-scan, baseline, progress or scoped.",
		"self, guided or third-party.",
		p->name,
		q->name,
		"The questions were chosen for this profile and version.",
	};
	const lxw_row_t first = 3;

	xlsx_check(&t->b, worksheet_set_column(ws, 0, 0, 24, NULL));
	xlsx_check(&t->b, worksheet_set_column(ws, 1, 1, 40, NULL));
	xlsx_check(&t->b, worksheet_set_column(ws, 2, 2, 56, NULL));
	xlsx_row_lines(&t->b, ws, 0, 2);
	xlsx_text(&t->b, ws, 0, 0, "About this assessment", t->b.f.title);
	xlsx_text(&t->b, ws, 1, 0, "Fill in the yellow cells; the grey ones "
	    "belong to the questionnaire.", t->b.f.note);
	for (size_t i = 0; i < WORKBOOK_FIELDS; i++) {
		lxw_row_t row = first + (lxw_row_t)i;

		xlsx_text(&t->b, ws, row, 0, workbook_labels[i], t->b.f.label);
		if (i >= WORKBOOK_PROFILE)
			text_cell(t, ws, row, 1, fixed[i], t->fixed);
		else
			xlsx_text(&t->b, ws, row, 1, NULL, i == WORKBOOK_DATE ?
			    t->edit_date : t->edit);
		text_cell(t, ws, row, 2, note[i], t->b.f.note);
	}
	date_check(t, ws, first + WORKBOOK_DATE, 1);
	word_list(t, ws, first + WORKBOOK_TYPE, 1, assessment_types,
	    ASSESSMENT_TYPES);
	word_list(t, ws, first + WORKBOOK_STYLE, 1, assessment_styles,
	    ASSESSMENT_STYLES);
	xlsx_print_setup(ws);
	xlsx_check(&t->b, worksheet_print_area(ws, 0, 0, first +
	    WORKBOOK_FIELDS, 2));
	protect(ws);
}

/*
 * Write question qu's dropdown entries into the next column of the
 * Lists sheet (its id on top, N/A last) and return the range holding
 * them as a formula ("=Lists!$B$2:$B$8"), owned by the caller. *lines
 * grows to the lines the longest entry needs in a column width wide.
 */
static char *
list_column(struct template_book *t, const struct question *qu,
    double width, size_t *lines)
{
	lxw_col_t col = t->lists_col++;
	char name[16];

	text_cell(t, t->lists, 0, col, qu->id, NULL);
	for (size_t o = 0; o < qu->n_options; o++) {
		char *entry = template_xlsx_entry(&qu->options[o]);
		size_t n = xlsx_lines(entry, width);

		if (n > *lines)
			*lines = n;
		xlsx_text(&t->b, t->lists, (lxw_row_t)o + 1, col, entry, NULL);
		free(entry);
	}
	xlsx_text(&t->b, t->lists, (lxw_row_t)qu->n_options + 1, col,
	    WORKBOOK_NA, NULL);
	lxw_col_to_name(name, col, LXW_FALSE);
	return xasprintf("=%s!$%s$2:$%s$%zu", WORKBOOK_LISTS, name, name,
	    qu->n_options + 2);
}

/* The Answer cell's dropdown, reading its entries from range. */
static void
answer_list(struct template_book *t, lxw_worksheet *ws, lxw_row_t row,
    const char *range)
{
	lxw_data_validation dv = { 0 };

	dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
	dv.value_formula = xlsx_str(range);
	dv.input_title = xlsx_str("Answer");
	dv.input_message = xlsx_str("Choose the option that describes your "
	    "SOC today, or N/A with a reason in the next column.");
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
	dv.error_title = xlsx_str("Not an entry of the list");
	dv.error_message = xlsx_str("Choose an entry of the list. A level "
	    "number alone (such as 2) is also read back.");
	xlsx_check(&t->b, worksheet_data_validation_cell(ws, row,
	    WORKBOOK_COL_ANSWER, &dv));
}

/* One question's row of its domain sheet. */
static void
question_row(struct template_book *t, lxw_worksheet *ws, lxw_row_t row,
    const struct question *qu, const double *width)
{
	const struct model *m = t->q->model;
	size_t lines = 1;
	/* Room for the longest option, so a chosen answer shows whole. */
	char *range = list_column(t, qu, width[WORKBOOK_COL_ANSWER], &lines);

	wrap_cell(t, ws, row, WORKBOOK_COL_ID, qu->id,
	    width[WORKBOOK_COL_ID], &lines);
	wrap_cell(t, ws, row, WORKBOOK_COL_AREA, m->areas[qu->area].name,
	    width[WORKBOOK_COL_AREA], &lines);
	wrap_cell(t, ws, row, WORKBOOK_COL_QUESTION, qu->text,
	    width[WORKBOOK_COL_QUESTION], &lines);
	wrap_cell(t, ws, row, WORKBOOK_COL_HELP, qu->help,
	    width[WORKBOOK_COL_HELP], &lines);
	for (lxw_col_t c = WORKBOOK_COL_ANSWER; c < WORKBOOK_COLS; c++)
		xlsx_text(&t->b, ws, row, c, NULL, t->edit);
	answer_list(t, ws, row, range);
	free(range);
	xlsx_row_lines(&t->b, ws, row, lines);
}

/*
 * Widths of a question sheet's columns: the fixed ones, with the Id
 * column as wide as the longest id needs (a width unit holds about 1.2
 * characters of 10-point text) up to its fixed width; longer ids wrap
 * at their hyphens.
 */
static void
column_widths(const struct questionnaire *q, double *width)
{
	double id = 0;

	memcpy(width, column_width, sizeof(column_width));
	for (size_t i = 0; i < q->n_questions; i++) {
		double w = (double)utf8_width(q->questions[i].id) / 1.2 + 2;

		id = w > id ? w : id;
	}
	if (id < 8)
		id = 8;
	if (id < width[WORKBOOK_COL_ID])
		width[WORKBOOK_COL_ID] = id;
}

/*
 * Mark the N/A reason cell red while it and the answer disagree: N/A
 * without a reason, or a reason without N/A. Import refuses both, so
 * the person filling in sees it first.
 */
static void
na_reason_colours(struct template_book *t, lxw_worksheet *ws,
    lxw_row_t first, lxw_row_t last)
{
	char na[96], reason[32], formula[2][192];
	unsigned r = (unsigned)first + 1;

	/* The answer is N/A as import reads it (any case, NA too). */
	snprintf(na, sizeof(na), "OR(UPPER(TRIM($E%u))=\"N/A\","
	    "UPPER(TRIM($E%u))=\"NA\")", r, r);
	snprintf(reason, sizeof(reason), "LEN(TRIM($F%u))", r);
	snprintf(formula[0], sizeof(formula[0]), "=AND(%s,%s=0)", na, reason);
	snprintf(formula[1], sizeof(formula[1]), "=AND(NOT(%s),%s>0)", na,
	    reason);
	for (size_t i = 0; i < ARRAY_SIZE(formula); i++) {
		lxw_conditional_format cf = { 0 };

		cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
		cf.value_string = formula[i];
		cf.format = t->b.f.bad;
		xlsx_check(&t->b, worksheet_conditional_format_range(ws,
		    first, WORKBOOK_COL_NA_REASON, last,
		    WORKBOOK_COL_NA_REASON, &cf));
	}
}

/* The sheet of domain d: title, hint, header, one row per question. */
static void
domain_sheet(struct template_book *t, size_t d)
{
	const struct questionnaire *q = t->q;
	lxw_worksheet *ws = t->domain_ws[d];
	double width[WORKBOOK_COLS];
	lxw_row_t row = WORKBOOK_FIRST_ROW;

	column_widths(q, width);
	text_cell(t, ws, WORKBOOK_TITLE_ROW, 0, q->model->domains[d].name,
	    t->b.f.title);
	xlsx_row_lines(&t->b, ws, WORKBOOK_TITLE_ROW, 2);
	xlsx_merge(&t->b, ws, WORKBOOK_HINT_ROW, 0, WORKBOOK_COLS - 1,
	    "Answer in the yellow columns: choose an entry of the Answer "
	    "dropdown, or N/A with a reason. Evidence: one item per line. "
	    "The Instructions sheet explains every column.", t->b.f.note);
	for (size_t c = 0; c < WORKBOOK_COLS; c++) {
		xlsx_check(&t->b, worksheet_set_column(ws, (lxw_col_t)c,
		    (lxw_col_t)c, width[c], NULL));
		xlsx_text(&t->b, ws, WORKBOOK_HEAD_ROW, (lxw_col_t)c,
		    workbook_headers[c], t->b.f.head);
	}
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct question *qu = &q->questions[i];

		if (q->model->areas[qu->area].domain != d ||
		    !questionnaire_applies(q, i, t->profile))
			continue;
		question_row(t, ws, row++, qu, width);
	}
	na_reason_colours(t, ws, WORKBOOK_FIRST_ROW, row - 1);
	worksheet_freeze_panes(ws, WORKBOOK_FIRST_ROW, 0);
	xlsx_check(&t->b, worksheet_repeat_rows(ws, WORKBOOK_HEAD_ROW,
	    WORKBOOK_HEAD_ROW));
	xlsx_print_setup(ws);
	xlsx_check(&t->b, worksheet_print_area(ws, 0, 0, row - 1,
	    WORKBOOK_COLS - 1));
	protect(ws);
}

/* One key and value of the marker sheet. */
static void
marker_row(struct template_book *t, lxw_worksheet *ws, lxw_row_t row,
    const char *key, const char *value)
{
	xlsx_text(&t->b, ws, row, 0, key, NULL);
	text_cell(t, ws, row, 1, value, NULL);
}

/* The hidden sheet by which import knows the workbook and its sheets. */
static void
marker_sheet(struct template_book *t, lxw_worksheet *ws)
{
	const struct questionnaire *q = t->q;
	const struct model *m = q->model;
	lxw_row_t row = 0;

	marker_row(t, ws, row++, WORKBOOK_KEY_FORMAT, WORKBOOK_FORMAT);
	marker_row(t, ws, row++, WORKBOOK_KEY_GENERATOR,
	    "socassess " SOCASSESS_VERSION);
	marker_row(t, ws, row++, WORKBOOK_KEY_QUESTIONNAIRE, q->id);
	marker_row(t, ws, row++, WORKBOOK_KEY_VERSION, q->version);
	marker_row(t, ws, row++, WORKBOOK_KEY_PROFILE,
	    m->profiles[t->profile].id);
	for (size_t d = 0; d < m->n_domains; d++) {
		if (t->domain_ws[d] == NULL)
			continue;
		marker_row(t, ws, row, WORKBOOK_KEY_SHEET,
		    t->domain_ws[d]->name);
		text_cell(t, ws, row++, 2, m->domains[d].id, NULL);
	}
	xlsx_check(&t->b, worksheet_set_column(ws, 0, 2, 24, NULL));
	protect(ws);
	worksheet_hide(ws);
}

/* The same facts as custom document properties, for File > Properties. */
static void
custom_properties(struct template_book *t)
{
	const struct questionnaire *q = t->q;
	const char *const props[][2] = {
		{ "socassess format", WORKBOOK_FORMAT },
		{ "socassess generator", "socassess " SOCASSESS_VERSION },
		{ "socassess questionnaire", q->id },
		{ "socassess questionnaire version", q->version },
		{ "socassess profile", q->model->profiles[t->profile].id },
	};

	for (size_t i = 0; i < ARRAY_SIZE(props); i++) {
		struct strbuf buf = STRBUF_INIT;

		xlsx_check(&t->b, workbook_set_custom_property_string(t->b.wb,
		    props[i][0], xlsx_plain_text(props[i][1], &buf)));
		strbuf_release(&buf);
	}
}

/*
 * Create the sheets in their final order, before any is filled in: the
 * question sheets write their dropdown entries into the Lists sheet,
 * which comes after them. Names no domain may take are taken first.
 */
static void
create_sheets(struct template_book *t, lxw_worksheet **instructions,
    lxw_worksheet **assessment, lxw_worksheet **marker)
{
	const struct questionnaire *q = t->q;
	const struct model *m = q->model;
	const char *const reserved[] = { WORKBOOK_LISTS, WORKBOOK_MARKER };

	*instructions = xlsx_sheet(&t->b, WORKBOOK_INSTRUCTIONS);
	*assessment = xlsx_sheet(&t->b, WORKBOOK_ASSESSMENT);
	for (size_t i = 0; i < ARRAY_SIZE(reserved); i++) {
		t->b.names = xreallocarray(t->b.names, t->b.n_names + 1,
		    sizeof(*t->b.names));
		t->b.names[t->b.n_names++] = xstrdup(reserved[i]);
	}
	for (size_t i = 0; i < q->n_questions; i++) {
		size_t d = m->areas[q->questions[i].area].domain;

		if (!questionnaire_applies(q, i, t->profile))
			continue;
		t->n_asked++;
		if (t->domain_ws[d] == NULL)
			t->domain_ws[d] = xlsx_sheet(&t->b,
			    m->domains[d].name);
	}
	t->lists = workbook_add_worksheet(t->b.wb, WORKBOOK_LISTS);
	*marker = workbook_add_worksheet(t->b.wb, WORKBOOK_MARKER);
}

/*
 * Domain sheets in model order: create_sheets met the domains in
 * questionnaire order, so the order is fixed here.
 */
static void
fill_sheets(struct template_book *t, lxw_worksheet *instructions,
    lxw_worksheet *assessment, lxw_worksheet *marker)
{
	const struct model *m = t->q->model;

	instructions_sheet(t, instructions);
	assessment_sheet(t, assessment);
	for (size_t d = 0; d < m->n_domains; d++)
		if (t->domain_ws[d] != NULL)
			domain_sheet(t, d);
	xlsx_check(&t->b, worksheet_set_column(t->lists, 0,
	    t->lists_col > 0 ? t->lists_col - 1 : 0, 40, NULL));
	protect(t->lists);
	worksheet_hide(t->lists);
	marker_sheet(t, marker);
	custom_properties(t);
}

int
template_xlsx_save(const struct questionnaire *q, size_t pi,
    const char *path, struct soc_errors *errs)
{
	struct template_book t = { .q = q, .profile = pi };
	lxw_doc_properties props = { 0 };
	lxw_worksheet *instructions, *assessment, *marker;
	char *title = xasprintf("%s: questionnaire workbook", q->name);
	int rc = -1;

	props.title = title;
	props.subject = q->model->profiles[pi].name;
	props.comments = xlsx_str("Made by socassess template --xlsx; read "
	    "back with socassess import.");
	/* A fixed time: the same questionnaire gives the same bytes. */
	props.created = xlsx_date_time(NULL);
	if (xlsx_begin(&t.b, path, &props, errs) < 0)
		goto out;
	formats_init(&t);
	t.domain_ws = xcalloc(q->model->n_domains, sizeof(*t.domain_ws));
	create_sheets(&t, &instructions, &assessment, &marker);
	if (instructions == NULL || assessment == NULL || t.lists == NULL ||
	    marker == NULL)
		xlsx_check(&t.b, LXW_ERROR_SHEETNAME_ALREADY_USED);
	/* A sheet that could not be made leaves nothing to fill. */
	if (t.b.err == LXW_NO_ERROR)
		fill_sheets(&t, instructions, assessment, marker);
	free(t.domain_ws);
	rc = xlsx_finish(&t.b, errs);
out:
	free(title);
	return rc;
}
