/*
 * Progress over time: two or more scored assessments of one model put
 * in date order, with the change of the overall, domain and area scores
 * since the first and since the previous assessment, the target and gap
 * now, which areas improved or regressed by more than a threshold, the
 * questions whose answer changed between the last two assessments, and
 * warnings for what makes the series hard to compare (docs/compare.md).
 * Pure: reads scored results, no I/O.
 */
#ifndef SOCASSESS_COMPARE_H
#define SOCASSESS_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "socassess/error.h"
#include "socassess/score.h"

#define COMPARE_FORMAT "socassess-compare/1"
/* A change smaller than this (in levels) counts as unchanged. */
#define COMPARE_THRESHOLD 0.25

/* How a score moved from the first assessment to the latest. */
enum compare_trend {
	TREND_IMPROVED,
	TREND_REGRESSED,
	TREND_UNCHANGED,
	TREND_NOT_COMPARABLE,  /* no score at the first or the latest date */
};

/* The overall score, one domain or one area over the series. */
struct compare_row {
	struct opt_score *scores;      /* one per assessment, in order */
	struct opt_score since_first;  /* latest - first, when both set */
	struct opt_score since_previous; /* latest - the one before it */
	struct opt_score target;       /* at the latest assessment */
	struct opt_score gap;          /* at the latest, when scored */
	enum compare_trend trend;      /* by since_first and the threshold */
	bool below_target;             /* gap above 0 at the latest */
};

/* One side of a changed answer. */
struct compare_answer {
	enum question_state state;
	double value;          /* Q_ANSWERED only */
	const char *comment;   /* borrowed, may be NULL */
	const char *na_reason; /* borrowed, may be NULL */
};

/* A question answered differently in the last two assessments. */
struct compare_change {
	size_t question;       /* index into the questionnaire of both */
	struct compare_answer from, to;
};

/*
 * How the action plan moved between the previous assessment and the
 * latest (compare --plan-before OLD --plan NEW): items that became done,
 * dropped or met by an assessment, new items, items overdue on the
 * latest assessment's date, and the items now by status.
 */
struct compare_plan {
	size_t done, dropped, met, added, overdue;
	size_t by_status[4];    /* enum plan_status order */
	size_t n_items;
};

struct plan;

struct compare {
	const struct result **results; /* n, in date order, borrowed */
	size_t *input;          /* n: position of each on the command line */
	size_t n;
	double threshold;
	bool by_date;           /* ordered by date, not as given */
	bool same_questionnaire; /* every assessment used the same one */
	struct compare_row overall;
	struct compare_row *domains;   /* n_domains, the model's */
	struct compare_row *areas;     /* n_areas, the model's */
	size_t n_domains, n_areas; /* kept: the results may go first */
	struct compare_change *changes; /* last two, question order */
	size_t n_changes;
	bool changes_known;     /* false: the last two used different
				   questionnaires, so no question list */
	struct soc_errors warnings;    /* SOC_WARNING items, no path */
	bool has_plan;          /* plan progress was computed */
	struct compare_plan plan;
};

/*
 * Compare the n scored results (borrowed, in command-line order; each
 * must outlive the comparison). They are put in assessment date order,
 * ties and keep_order keeping the given order. Returns a new comparison
 * owned by the caller, or NULL with an error added when they cannot be
 * compared (fewer than two, different models, a date missing when
 * ordering by date). paths name the files in errors and warnings.
 */
struct compare *compare_new(const struct result *const *results,
    const char *const *paths, size_t n, double threshold, bool keep_order,
    struct soc_errors *errs);
void compare_free(struct compare *c);
/*
 * Fill c->plan from the plan as it stood before (borrowed) and the plan
 * now (borrowed), overdue counted on the latest assessment's date.
 */
void compare_add_plans(struct compare *c, const struct plan *before,
    const struct plan *now);

/*
 * The changes and trend of a row whose n scores (n >= 2), target and gap
 * are filled: since the first and since the previous assessment, and the
 * trend by threshold. The portfolio's trends use it too.
 */
void compare_row_finish(struct compare_row *row, size_t n,
    double threshold);

/* The latest assessment of c (borrowed). */
const struct result *compare_latest(const struct compare *c);
/* "improved", "regressed", "unchanged", "not comparable". */
const char *compare_trend_name(enum compare_trend t);

#endif
