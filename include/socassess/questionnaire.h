/*
 * A questionnaire: questions that target the areas of one model, each
 * with anchored answer options. Loaded from questionnaires/NAME.yaml and
 * checked against its model, then read-only.
 */
#ifndef SOCASSESS_QUESTIONNAIRE_H
#define SOCASSESS_QUESTIONNAIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "socassess/error.h"
#include "socassess/model.h"
#include "socassess/strindex.h"

struct option {
	double value;
	char *text;
	char *action;          /* how to reach this level from the one below;
	                          may be NULL */
};

/* The effort of one level step on a question; UNSET when not given. */
enum effort {
	EFFORT_UNSET,
	EFFORT_LOW,
	EFFORT_MEDIUM,
	EFFORT_HIGH,
};

struct question {
	char *id;
	char *text;
	char *help;            /* may be NULL */
	size_t area;           /* index into model.areas */
	double weight;         /* > 0, default 1 */
	int level;             /* level-sum and gated models; -1 when absent */
	bool *in_profile;      /* n_profiles entries, or NULL for every profile */
	char **csf;
	size_t n_csf;
	struct option *options; /* sorted by value */
	size_t n_options;
	enum effort effort;
	char *counterpart;     /* same question in another questionnaire;
	                          may be NULL */
	struct soc_pos pos;    /* where the question starts in its file */
};

struct questionnaire {
	char *path;
	char *id;
	char *name;
	char *model_id;
	char *version;
	char *description;      /* may be NULL */
	const struct model *model; /* borrowed; must outlive this */
	struct question *questions; /* in file order */
	size_t n_questions;
	struct str_index index;     /* question id -> questions[] */
};

/*
 * Load a questionnaire file and check it against the model it names,
 * found among models (borrowed; the chosen one must outlive the result).
 * Returns a new questionnaire owned by the caller, or NULL with every
 * problem added to errs.
 */
struct questionnaire *questionnaire_load(const char *path,
    struct model *const *models, size_t n_models, struct soc_errors *errs);
/* Same, from len bytes of text already in memory (named path). */
struct questionnaire *questionnaire_load_data(const char *path,
    const char *data, size_t len, struct model *const *models,
    size_t n_models, struct soc_errors *errs);
void questionnaire_free(struct questionnaire *q);

/*
 * Add a warning, placed at the question, for each question without an
 * effort or with an option above 0 without an action: the file stays
 * valid, but its recommendations then read as findings.
 */
void questionnaire_advise(const struct questionnaire *q,
    struct soc_errors *errs);

/* Lookups; -1 when absent. */
int questionnaire_find(const struct questionnaire *q, const char *id);
/* True when question qi is asked for profile pi (and its area applies). */
bool questionnaire_applies(const struct questionnaire *q, size_t qi,
    size_t pi);
/* The file name of an effort ("low", ...); NULL for EFFORT_UNSET. */
const char *effort_name(enum effort e);
/*
 * What to do to reach option oi of a question from the option below: its
 * action, or its text when the questionnaire gives no action.
 */
const char *question_next_step(const struct question *qu, size_t oi);
/* Index of the option with this value, -1 when none. */
int question_find_option(const struct question *qu, double value);

#endif
