/*
 * The Action plan sheet of the XLSX report: one row per recommendation
 * in rank order, with what identifies it (question id, domain, area),
 * where it stands (current answer and level, the area's target), the
 * next step, and the Owner, Due date and Status people fill in, each
 * checked by a data validation. 'socassess plan --from-xlsx' reads the
 * sheet back by its header texts (src/plan-xlsx.c): keep "Owner", "Due
 * date", "Status" and "Item id" as they are.
 */
#include <stdlib.h>

#include "socassess/report-xlsx.h"
#include "socassess/util.h"

#define ROW_DATA 3
enum {
	COL_RANK, COL_ID, COL_DOMAIN, COL_AREA, COL_QUESTION, COL_ANSWER,
	COL_CURRENT, COL_TARGET, COL_STEP, COL_EFFORT, COL_GAP, COL_OWNER,
	COL_DUE, COL_STATUS, COL_ITEM, N_COLS
};
/* Name and id columns are as wide as their longest text, within these. */
#define W_MIN 10
#define W_MAX 44

/* Grow *width to show s on one line, up to W_MAX. */
static void
fit(double *width, const char *s)
{
	double w = xlsx_fit_width(s, W_MIN, W_MAX);

	if (w > *width)
		*width = w;
}

/* The columns, their id, domain and area widths from the text. */
static void
action_columns(const struct result *r, struct xlsx_col *cols)
{
	static const struct xlsx_col fixed[N_COLS] = {
		{ "Rank", 6, false }, { "Question id", W_MIN, false },
		{ "Domain", W_MIN, true }, { "Area", W_MIN, true },
		{ "Question", 34, true }, { "Current answer", 30, true },
		{ "Current level", 9, false }, { "Target level", 9, false },
		{ "Next step", 34, true }, { "Effort", 8, false },
		{ "Weighted gap", 10, false }, { "Owner", 14, true },
		{ "Due date", 11, false }, { "Status", 12, false },
		{ "Item id", W_MIN, false },
	};

	for (size_t c = 0; c < N_COLS; c++)
		cols[c] = fixed[c];
	for (size_t i = 0; i < r->n_recs; i++) {
		const struct recommendation *rec = &r->recs[i];
		const struct area *a = &r->model->areas[rec->area];
		const char *id = r->q->questions[rec->question].id;

		fit(&cols[COL_ID].width, id);
		fit(&cols[COL_DOMAIN].width, r->model->domains[a->domain].name);
		fit(&cols[COL_AREA].width, a->name);
		/* "@" and the level: a few characters more than the id. */
		fit(&cols[COL_ITEM].width, id);
	}
	cols[COL_ITEM].width += 4;
}

/*
 * Owner, Due date and Status of one recommendation, from the plan item
 * with its id when there is one (else empty), and the item id that
 * lets 'socassess plan --from-xlsx' match the row.
 */
static void
action_plan_cells(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    const struct question *qu, size_t next_option, double owner_width,
    size_t *lines)
{
	struct xlsx_book *b = &x->book;
	char *id = plan_item_id(qu, next_option);
	const struct plan_item *it = plan_find(x->plan, id);

	xlsx_wrap(b, ws, row, COL_OWNER, it != NULL ? it->owner : NULL,
	    owner_width, lines);
	if (it != NULL && it->due != NULL) {
		lxw_datetime dt = { .year = atoi(it->due),
		    .month = atoi(it->due + 5), .day = atoi(it->due + 8) };

		xlsx_check(b, worksheet_write_datetime(ws, row, COL_DUE, &dt,
		    b->f.date));
	} else
		xlsx_text(b, ws, row, COL_DUE, NULL, b->f.date);
	xlsx_text(b, ws, row, COL_STATUS, it != NULL ?
	    plan_status_labels[it->status] : NULL, b->f.text);
	/* Plain text: grey on white would fall short of WCAG AA. */
	xlsx_text(b, ws, row, COL_ITEM, id, b->f.text);
	free(id);
}

/* Numbers centred, so they never touch the text beside them. */
struct action_formats {
	lxw_format *rank, *level;
};

/* One recommendation's row. */
static void
action_row(struct xlsx_report *x, lxw_worksheet *ws, lxw_row_t row,
    size_t i, const struct xlsx_col *cols, const struct action_formats *af)
{
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	const struct recommendation *rec = &r->recs[i];
	const struct question *qu = &r->q->questions[rec->question];
	const struct question_result *qr = &r->questions[rec->question];
	const struct area *a = &r->model->areas[rec->area];
	size_t lines = 1;

	xlsx_num(b, ws, row, COL_RANK, (double)(i + 1), af->rank);
	xlsx_text(b, ws, row, COL_ID, qu->id, b->f.text);
	xlsx_wrap(b, ws, row, COL_DOMAIN, r->model->domains[a->domain].name,
	    cols[COL_DOMAIN].width, &lines);
	xlsx_wrap(b, ws, row, COL_AREA, a->name, cols[COL_AREA].width,
	    &lines);
	xlsx_wrap(b, ws, row, COL_QUESTION, qu->text, cols[COL_QUESTION].width,
	    &lines);
	xlsx_wrap(b, ws, row, COL_ANSWER, qr->state == Q_ANSWERED ?
	    qu->options[qr->option].text : NULL, cols[COL_ANSWER].width,
	    &lines);
	xlsx_num(b, ws, row, COL_CURRENT, rec->value, af->level);
	xlsx_num(b, ws, row, COL_TARGET, r->areas[rec->area].target,
	    af->level);
	xlsx_wrap(b, ws, row, COL_STEP, question_next_step(qu,
	    rec->next_option), cols[COL_STEP].width, &lines);
	xlsx_text(b, ws, row, COL_EFFORT, effort_name(qu->effort), b->f.text);
	xlsx_num(b, ws, row, COL_GAP, rec->key, af->level);
	action_plan_cells(x, ws, row, qu, rec->next_option,
	    cols[COL_OWNER].width, &lines);
	xlsx_row_lines(b, ws, row, lines);
}

/*
 * Due date accepts only a date (1900 to 9999, what the plan reader
 * takes) and shows it as YYYY-MM-DD; Status only a name of the Lists
 * sheet. Both explain themselves when a cell is picked and refuse
 * anything else.
 */
static void
validations(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t last)
{
	lxw_data_validation due = { 0 }, status = { 0 };

	due.validate = LXW_VALIDATION_TYPE_DATE;
	due.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	due.minimum_datetime = (lxw_datetime){ 1900, 1, 1, 0, 0, 0 };
	due.maximum_datetime = (lxw_datetime){ 9999, 12, 31, 0, 0, 0 };
	due.input_title = xlsx_str("Due date");
	due.input_message = xlsx_str("A date, for example 2026-12-31");
	due.error_title = xlsx_str("Not a date");
	due.error_message = xlsx_str("Type the due date as YYYY-MM-DD, for "
	    "example 2026-12-31.");
	xlsx_check(b, worksheet_data_validation_range(ws, ROW_DATA, COL_DUE,
	    last, COL_DUE, &due));
	xlsx_check(b, worksheet_set_column(ws, COL_DUE, COL_DUE, 11,
	    b->f.date));
	/* The list lives in cells: inline lists over 255 bytes crash. */
	status.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
	status.value_formula = xlsx_str("=" XLSX_STATUS_NAME);
	status.input_title = xlsx_str("Status");
	status.input_message = xlsx_str("Open, In progress, Done or Dropped");
	status.error_title = xlsx_str("Unknown status");
	status.error_message = xlsx_str("Pick Open, In progress, Done or "
	    "Dropped from the list.");
	xlsx_check(b, worksheet_data_validation_range(ws, ROW_DATA,
	    COL_STATUS, last, COL_STATUS, &status));
	xlsx_text_colour(b, ws, ROW_DATA, last, COL_STATUS, "Done", b->f.good);
	xlsx_text_colour(b, ws, ROW_DATA, last, COL_STATUS, "In progress",
	    b->f.warn);
}

void
xlsx_actions_sheet(struct xlsx_report *x)
{
	struct xlsx_book *b = &x->book;
	const struct result *r = x->r;
	lxw_worksheet *ws = xlsx_sheet(b, "Action plan");
	struct xlsx_col cols[N_COLS];
	struct action_formats af;
	char *intro = NULL;

	if (ws == NULL)
		return;
	action_columns(r, cols);
	af.rank = xlsx_cell_format(b, "0", 0, LXW_COLOR_BLACK, true);
	af.level = xlsx_cell_format(b, "0.00", 0, LXW_COLOR_BLACK, true);
	if (x->w != NULL) {
		char *a = xlsx_report_expand(x, r->n_recs > 0 ?
		    x->w->recommendations_intro : x->w->recommendations_none);
		char *p = xlsx_report_expand(x, x->w->action_plan_intro);

		intro = xasprintf("%s %s", a, p);
		free(a);
		free(p);
	} else
		intro = xstrdup("The next step up from each answer below its "
		    "area's target, largest weighted gap first. Give each "
		    "action an owner, a due date and a status.");
	xlsx_table_sheet(x, ws, "Action plan", intro, cols, N_COLS,
	    r->n_recs);
	free(intro);
	/* Headers such as "Current level" take two lines. */
	xlsx_row_lines(b, ws, ROW_DATA - 1, 2);
	for (size_t i = 0; i < r->n_recs; i++)
		action_row(x, ws, ROW_DATA + (lxw_row_t)i, i, cols, &af);
	if (r->n_recs > 0)
		validations(b, ws, ROW_DATA + (lxw_row_t)r->n_recs - 1);
	xlsx_check(b, worksheet_print_area(ws, 0, 0, ROW_DATA +
	    (lxw_row_t)(r->n_recs > 0 ? r->n_recs - 1 : 0), N_COLS - 1));
}
