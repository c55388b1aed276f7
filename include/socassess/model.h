/*
 * The maturity model: scale, scoring method, importance names, domains
 * with their areas, and the profiles (SOC operating models) with their
 * targets. Loaded from models/NAME.yaml, checked, then read-only.
 */
#ifndef SOCASSESS_MODEL_H
#define SOCASSESS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "socassess/error.h"

enum scoring_method {
	SCORING_WEIGHTED_MEAN,
	SCORING_LEVEL_SUM,
	SCORING_GATED,
};

/*
 * The NIST CSF 2.0 functions in the framework's order: codes ("GV",
 * the first two letters of every tag) and names ("Govern").
 */
#define CSF_FUNCTIONS 6
extern const char *const csf_function_codes[CSF_FUNCTIONS];
extern const char *const csf_function_names[CSF_FUNCTIONS];

struct scale_level {
	int level;
	char *name;
	char *description;
};

struct importance {
	char *name;
	double weight;
};

struct area {
	char *id;
	char *name;
	char *description;    /* may be NULL */
	char *importance;     /* name used, or NULL when given by weight */
	double weight;        /* after resolving importance */
	char **csf;           /* NIST CSF 2.0 tags */
	size_t n_csf;
	size_t domain;        /* index into model.domains */
};

struct domain {
	char *id;
	char *name;
	char *description;    /* may be NULL */
	double weight;
	size_t first_area;    /* areas[first_area .. first_area+n_areas) */
	size_t n_areas;
};

struct profile {
	char *id;
	char *name;
	char *description;
	double target;        /* default target for every area */
	int tier;             /* 1, 2, ... in order of rank; 0: not a tier */
	double *area_target;  /* n_areas entries, overrides applied */
	bool *not_applicable; /* n_areas entries */
};

struct model {
	char *path;           /* file it was loaded from */
	uint64_t source_hash; /* hash_bytes of its text: which model exactly */
	char *id;
	char *name;
	char *version;
	char *description;    /* may be NULL */
	enum scoring_method scoring;
	double pass;          /* gated only: fraction that counts as met */
	double minimum_completeness; /* below it a result is provisional */
	double minimum_scored; /* share of an area's questions to score */
	struct scale_level *scale;
	size_t n_levels;      /* levels 0 .. n_levels-1 */
	struct importance *importance;
	size_t n_importance;
	struct domain *domains;
	size_t n_domains;
	struct area *areas;   /* every area, in domain order */
	size_t n_areas;
	struct profile *profiles;
	size_t n_profiles;
	size_t n_tiers;       /* profiles with a tier: tiers 1 .. n_tiers */
};

/* Defaults of minimum_completeness and minimum_scored. */
#define MODEL_MINIMUM_COMPLETENESS 0.8
#define MODEL_MINIMUM_SCORED 0.5

/*
 * Load and check a model file. Returns a new model owned by the caller,
 * or NULL with every problem found added to errs.
 */
struct model *model_load(const char *path, struct soc_errors *errs);
/* Same, from len bytes of text already in memory (named path). */
struct model *model_load_data(const char *path, const char *data, size_t len,
    struct soc_errors *errs);
void model_free(struct model *m);

/* Lookups by id; -1 when absent. */
int model_find_area(const struct model *m, const char *id);
int model_find_domain(const struct model *m, const char *id);
int model_find_profile(const struct model *m, const char *id);
/* The profile a person named by id or name, in any case; -1 if none. */
int model_match_profile(const struct model *m, const char *text);
/* The profile that is tier t (1 = lowest), borrowed, or NULL. */
const struct profile *model_tier(const struct model *m, int t);
/* The importance entry of a name (borrowed), or NULL. */
const struct importance *model_find_importance(const struct model *m,
    const char *name);
/* Weight of an importance name, or -1 when the name is unknown. */
double model_importance_weight(const struct model *m, const char *name);

/* Highest scale level (max option value for weighted-mean models). */
int model_max_level(const struct model *m);
/* Largest level <= score (with 1e-9 slack), clamped to the scale. */
int model_level_of(const struct model *m, double score);

const char *scoring_method_name(enum scoring_method s);

#endif
