/*
 * The action plan as a text file (docs/plan.md): one item per
 * recommendation of a scored assessment, with the owner, due date,
 * status and notes people add. Loaded and checked like every YAML file,
 * updated from a newer result without losing what people wrote, and
 * written back as YAML. No I/O beyond the file it loads or saves.
 */
#ifndef SOCASSESS_PLAN_H
#define SOCASSESS_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "socassess/error.h"
#include "socassess/score.h"

enum plan_status {
	PLAN_OPEN,
	PLAN_IN_PROGRESS,
	PLAN_DONE,
	PLAN_DROPPED,
};
#define PLAN_STATUSES 4

struct plan_item {
	char *id;              /* "QUESTION@LEVEL" */
	char *question;        /* the question id part of id */
	double level;          /* the option value to reach */
	char *area;            /* area id */
	char *action;          /* what to do */
	long priority;         /* rank in the latest assessment; 0: none */
	char *effort;          /* low | medium | high, or NULL */
	char *owner;           /* NULL when not given, as every field below */
	char *due;             /* YYYY-MM-DD */
	enum plan_status status;
	char *notes;
	char *met;             /* date of the assessment that met it */
};

struct plan {
	char *path;
	char *questionnaire;   /* id */
	char *organisation;    /* may be NULL */
	char *assessment;      /* date of the latest assessment, may be NULL */
	struct plan_item *items;
	size_t n_items;
};

/* The file names of the statuses, in enum order ("in-progress", ...). */
extern const char *const plan_status_names[PLAN_STATUSES];

/* How the workbook names a status: "Open", "In progress", "Done"... */
extern const char *const plan_status_labels[PLAN_STATUSES];
/*
 * The status named s, by its file name or its workbook label, in any
 * case ("in-progress", "In progress"); false when s names none.
 */
bool plan_status_parse(const char *s, enum plan_status *out);

/*
 * Load and check a plan file. Returns a new plan owned by the caller,
 * or NULL with every problem added to errs.
 */
struct plan *plan_load(const char *path, struct soc_errors *errs);
/* Same, from len bytes of text already in memory (named path). */
struct plan *plan_load_data(const char *path, const char *data, size_t len,
    struct soc_errors *errs);
void plan_free(struct plan *p);

/*
 * The plan of result r (borrowed) kept from old (borrowed, may be NULL):
 * one item per recommendation in rank order, keeping the owner, due,
 * status and notes of an item with the same id, then the old items no
 * longer recommended, in their order, marked met by r's assessment date
 * when the question's answer now reaches their level. path is copied.
 */
struct plan *plan_update(const struct plan *old, const struct result *r,
    const char *path);

/* The item with this id, or NULL. */
const struct plan_item *plan_find(const struct plan *p, const char *id);
/* The id of the item for question qi reaching option oi (owned). */
char *plan_item_id(const struct question *qu, size_t oi);

/*
 * True when item it is overdue on date (YYYY-MM-DD): due before date,
 * not met, and open or in progress.
 */
bool plan_item_overdue(const struct plan_item *it, const char *date);

/*
 * The plan's standing as text (owned by the caller): items by status,
 * how many are met, and the items overdue on date (the assessment's
 * date, so the same files always give the same text; NULL: none are
 * counted overdue and the text says why).
 */
char *plan_summary_text(const struct plan *p, const char *date);

/*
 * Take Owner, Due date and Status from the Action plan sheet of the
 * workbook at path (written by 'socassess score --xlsx', then edited)
 * into the items of p with the rows' Item ids; an empty cell keeps the
 * item's value. *n_rows gets the rows read. -1 with errors naming sheet
 * and cell when any row is wrong (p may then be partly changed).
 */
int plan_read_xlsx(struct plan *p, const char *path, size_t *n_rows,
    struct soc_errors *errs);

/* Write p as YAML to fp; -1 on a write error. */
int plan_write_yaml(const struct plan *p, FILE *fp);
/* Replace the file at path with p's YAML atomically; -1 with an error. */
int plan_save(const struct plan *p, const char *path,
    struct soc_errors *errs);

#endif
