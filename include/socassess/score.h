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

/*
 * Counts over the applicable questions of an area, domain or overall.
 * Completeness is (answered + na) / applicable: how much of what applies
 * has an answer, a value or N/A.
 */
struct completeness {
	size_t applicable;
	size_t answered;
	size_t na;
	size_t unanswered;
};

enum question_state { Q_NOT_APPLICABLE, Q_UNANSWERED, Q_ANSWERED, Q_NA };

/*
 * Where an area stands against a requirement, in the order a verdict
 * names them: not run by the operating model, not required (target 0),
 * not assessed (no scored question), below target, insufficient data
 * (a score from fewer scored questions than the model's minimum), met.
 */
enum area_verdict {
	AV_NOT_RUN,
	AV_NOT_REQUIRED,
	AV_NOT_ASSESSED,
	AV_BELOW_TARGET,
	AV_INSUFFICIENT_DATA,
	AV_MET,
};
#define AV_COUNT 6

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
	size_t scored;         /* questions answered with a value */
	bool provisional;      /* completeness under the minimum */
	enum area_verdict verdict; /* against its target T_a */
};

struct domain_result {
	struct opt_score score;
	int level;
	struct opt_score target;
	double gap;
	struct completeness done;
	bool provisional;      /* completeness under the minimum */
	size_t n_short;        /* areas below target or without enough data */
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
	const char *name;      /* "Govern", "Identify", ... (static) */
	struct opt_score score;
	double weight;         /* total weight of what was averaged */
	size_t n_areas;
	size_t n_questions;
};

struct compare;

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
	double minimum_completeness; /* in effect for this result */
	bool provisional;       /* overall completeness under the minimum */
	bool target_met;        /* every area's verdict met or not needed */
	size_t n_verdict[AV_COUNT]; /* areas per verdict */
	size_t n_short;         /* areas below target, unassessed or thin */
	int tier_met;           /* tiered models: highest tier met, 0 none */
	/*
	 * The change since an earlier assessment (score --baseline): set by
	 * the command layer, borrowed, NULL otherwise; the reports add it.
	 */
	const struct compare *baseline;
};

/*
 * Score answers (borrowed: it and its questionnaire must outlive the
 * result). Returns a new result owned by the caller.
 */
struct result *score_compute(const struct answers *a);
/*
 * The same with the minimum completeness for this run (0..1), or the
 * model's own when minimum is below 0 (score --min-completeness).
 */
struct result *score_compute_with(const struct answers *a, double minimum);
void result_free(struct result *r);

/* Name of the scale level of a score. */
const char *score_level_name(const struct model *m, int level);

/*
 * The one count of answered of applicable: the state of question qi of
 * a, and the counts of a whole answers file (the interview's progress,
 * validate's summary and the report all use these).
 */
enum question_state score_question_state(const struct answers *a,
    size_t qi);
void score_count(const struct answers *a, struct completeness *c);
/* Add one question in state s to c (not-applicable adds nothing). */
void completeness_add(struct completeness *c, enum question_state s);
/* (answered + na) / applicable; unset when nothing applies. */
struct opt_score completeness_ratio(const struct completeness *c);
/* True when c is under minimum (or nothing applies). */
bool completeness_below(const struct completeness *c, double minimum);

/*
 * The verdict of an area scored as ar against a requirement of target
 * (by a profile that runs it when runs): see enum area_verdict. minimum
 * is the model's minimum share of scored questions.
 */
enum area_verdict score_area_verdict(const struct area_result *ar,
    bool runs, double target, double minimum_scored);
/* True when r meets every requirement of profile p (a tier). */
bool score_meets_profile(const struct result *r, const struct profile *p);
/* How a verdict is named in every report: "below target", ... */
const char *score_verdict_name(enum area_verdict v);

#endif
