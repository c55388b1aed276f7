/*
 * Several assessors' answers to one questionnaire made into one answers
 * file (docs/merge.md): identical answers kept, an answer given by one
 * assessor taken with its assessor, differing answers recorded as
 * conflicts with every assessor's answer as a candidate, left open or
 * settled by a policy. Comments and evidence of every assessor are kept,
 * each with its assessor. Pure: reads loaded answers, no I/O.
 */
#ifndef SOCASSESS_MERGE_H
#define SOCASSESS_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "socassess/answers.h"
#include "socassess/error.h"

#define MERGE_FORMAT "socassess-conflicts/1"
/* How many areas the report names as those of largest disagreement. */
#define MERGE_WORST_AREAS 3

/* How a conflict is settled. */
enum merge_policy {
	MERGE_NONE,    /* left unanswered, the candidates kept */
	MERGE_MIN,     /* the lowest value given */
	MERGE_MAX,     /* the highest */
	MERGE_MEDIAN,  /* the middle one, the lower middle for an even count */
};

/* A question the assessors answered differently. */
struct merge_conflict {
	size_t question;     /* index into the questionnaire */
	bool has_spread;     /* two or more values were given */
	double spread;       /* highest value - lowest, N/A left out */
	bool na_and_value;   /* some said N/A, others gave a value */
	bool resolved;       /* settled by the policy */
};

/* How far the assessors agree in one area. */
struct merge_area {
	size_t compared;     /* questions answered by two or more */
	size_t agreed;       /* of those, with the same answer */
	size_t conflicts;    /* compared - agreed */
};

struct merge {
	struct answers *merged;        /* owned */
	const struct answers *const *inputs; /* n_inputs, borrowed */
	size_t n_inputs;
	enum merge_policy policy;
	struct merge_conflict *conflicts; /* questionnaire order */
	size_t n_conflicts;
	size_t n_unresolved;
	size_t n_compared;             /* the sums over the areas */
	size_t n_agreed;
	struct merge_area *areas;      /* model->n_areas */
	size_t worst[MERGE_WORST_AREAS]; /* areas of largest disagreement */
	size_t n_worst;
	struct soc_errors warnings;    /* SOC_WARNING items */
};

/*
 * Merge the n answers files inputs (borrowed; they must outlive the
 * result) into a new answers struct for path. Returns the merge owned by
 * the caller, or NULL with errors added when the files cannot be merged:
 * fewer than two, different questionnaires or profiles, or a file that
 * already holds candidates.
 */
struct merge *merge_new(const struct answers *const *inputs, size_t n,
    enum merge_policy policy, const char *path, struct soc_errors *errs);
void merge_free(struct merge *m);

/* The assessor an input's answer is credited to (borrowed). */
const char *merge_assessor(const struct answers *in, const struct answer *an);

/* "none", "min", "max", "median". */
const char *merge_policy_name(enum merge_policy p);
/* The policy named s; -1 when s names none. */
int merge_policy_parse(const char *s, enum merge_policy *out);

/* Agreed questions over compared ones of area ai; false when none. */
bool merge_area_agreement(const struct merge *m, size_t ai, double *share);

#endif
