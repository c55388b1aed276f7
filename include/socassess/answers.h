/*
 * An answers file: the assessment's metadata, the organisation's own area
 * importance and target overrides, and one answer per question. Loaded
 * from YAML or JSON (same structure), checked against the questionnaire
 * it names. The scorer and the reports only read it; the interview
 * changes it through answers-write.h, which keeps its invariants.
 */
#ifndef SOCASSESS_ANSWERS_H
#define SOCASSESS_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>

#include "socassess/error.h"
#include "socassess/model.h"
#include "socassess/questionnaire.h"

struct catalog;

/* The assessment types and styles an answers file may name, in order. */
#define ASSESSMENT_TYPES 4
#define ASSESSMENT_STYLES 3
extern const char *const assessment_types[ASSESSMENT_TYPES];
extern const char *const assessment_styles[ASSESSMENT_STYLES];

/*
 * One assessor's answer to a question on which assessors disagreed, kept
 * by socassess merge so that no opinion is lost (docs/formats.md).
 */
struct answer_candidate {
	char *assessor;      /* may be NULL */
	bool has_value;
	double value;        /* an option of the question, when has_value */
	bool na;             /* then na_reason is set */
	char *na_reason;
	char *comment;       /* may be NULL */
};

struct answer {
	char *id;
	size_t question;     /* index into questionnaire.questions */
	bool has_value;      /* false: unanswered (or N/A) */
	double value;
	int option;          /* index into the question's options, -1 */
	bool na;             /* does not apply: then na_reason is set */
	char *na_reason;     /* why it does not apply; NULL unless na */
	char *comment;       /* the assessor's notes, one per line; may be NULL */
	char **evidence;
	size_t n_evidence;
	char *assessor;      /* may be NULL */
	struct answer_candidate *candidates; /* the disagreeing answers */
	size_t n_candidates;
	char *resolution;    /* how a conflict was settled ("median"...);
	                        NULL while unresolved or without conflict */
};

/* True for an answer whose assessors disagree and nobody settled it. */
bool answer_in_conflict(const struct answer *an);

struct answers_meta {
	char *questionnaire;
	char *questionnaire_version; /* may be NULL, as every field below */
	char *profile;
	char *organisation;
	char *scope;
	char *assessor;
	char *date;          /* YYYY-MM-DD */
	char *type;          /* quick-scan | baseline | progress | scoped */
	char *style;         /* self | guided | third-party */
};

struct answers {
	char *path;
	struct answers_meta meta;
	const struct questionnaire *q; /* borrowed from the catalog */
	const struct model *model;     /* borrowed: q->model */
	size_t profile;                /* index into model.profiles */
	double *area_weight;           /* n_areas: importance overrides applied */
	bool *weight_overridden;       /* n_areas */
	const char **area_importance;  /* n_areas: name in effect (borrowed
	                                  from the model), NULL if by weight */
	double *area_target;           /* n_areas: target overrides applied */
	bool *target_overridden;       /* n_areas */
	struct answer *items;          /* answers of known questions, file order */
	size_t n_items;
	long *by_question;             /* n_questions: index into items or -1 */
};

/*
 * Load an answers file (".json" for JSON, YAML otherwise) and check it
 * against the catalog's questionnaires (borrowed; they must outlive the
 * result). Returns a new struct owned by the caller, or NULL with every
 * problem added to errs; warnings may be added on success too.
 */
struct answers *answers_load(const char *path, const struct catalog *cat,
    struct soc_errors *errs);

/* Same, from text already in memory; json chooses the syntax. */
struct answers *answers_load_data(const char *path, const char *data,
    size_t len, bool json, const struct catalog *cat,
    struct soc_errors *errs);
void answers_free(struct answers *a);

/*
 * Allocate a's per-area arrays for a->model and profile a->profile with
 * no override: the model's weights and importance names, the profile's
 * targets. Every struct answers gets them here, loaded or built.
 */
void answers_init_areas(struct answers *a);

/* The answer to question qi, or NULL when the file has none. */
const struct answer *answers_get(const struct answers *a, size_t qi);

#endif
