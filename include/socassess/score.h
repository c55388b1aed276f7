/*
 * The scorer: turns checked answers into a result by the rules of
 * docs/scoring.md (weighted-mean, level-sum or gated area scores, domain
 * and overall weighted means, targets, gaps, priorities,
 * recommendations, the NIST CSF 2.0 function view). Pure: no I/O.
 */
#ifndef SOCASSESS_SCORE_H
#define SOCASSESS_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "socassess/answers.h"

/* Counts over the applicable questions of an area, domain or overall. */
struct completeness {
	size_t applicable;
	size_t answered;
	size_t na;
	size_t unanswered;
};

enum question_state { Q_NOT_APPLICABLE, Q_UNANSWERED, Q_ANSWERED, Q_NA };

struct question_result {
	enum question_state state;
	double value;          /* Q_ANSWERED only */
	int option;            /* Q_ANSWERED only */
};

/* A score that may be absent (null in the JSON report). */
struct opt_score {
	bool set;
	double value;
};

struct area_result {
	bool applies;          /* false: the profile does not run this area */
	double weight;         /* W_a after importance overrides */
	struct opt_score score;
	int level;             /* when score.set */
	double target;         /* T_a */
	double gap;            /* when score.set */
	double priority;       /* gap * weight */
	struct completeness done;
};

struct domain_result {
	struct opt_score score;
	int level;
	struct opt_score target;
	double gap;
	struct completeness done;
};

struct gap {
	size_t area;
	double gap;
	double priority;
};

struct recommendation {
	size_t question;
	size_t area;
	double value;          /* the answered value */
	size_t next_option;    /* index of the option to reach next */
	double key;            /* w * W_a * (T_a - v), the weighted gap */
};

struct csf_result {
	const char *function;  /* "GV", "ID", ... (static) */
	struct opt_score score;
	double weight;         /* total weight of what was averaged */
	size_t n_areas;
	size_t n_questions;
};

struct result {
	const struct answers *answers;  /* borrowed */
	const struct questionnaire *q;  /* borrowed */
	const struct model *model;      /* borrowed */
	struct question_result *questions; /* n_questions */
	struct area_result *areas;      /* n_areas */
	struct domain_result *domains;  /* n_domains */
	struct opt_score score;         /* overall */
	int level;
	struct opt_score target;
	double gap;
	struct opt_score percent_to_target; /* a fraction, 0..1 */
	struct completeness done;
	struct gap *gaps;               /* areas with a gap above 0, sorted */
	size_t n_gaps;
	struct recommendation *recs;    /* sorted */
	size_t n_recs;
	struct csf_result csf[CSF_FUNCTIONS];
};

/*
 * Score answers (borrowed: it and its questionnaire must outlive the
 * result). Returns a new result owned by the caller.
 */
struct result *score_compute(const struct answers *a);
void result_free(struct result *r);

/* Name of the scale level of a score. */
const char *score_level_name(const struct model *m, int level);

#endif
