/*
 * Report wording (templates/report-LANG.yaml): the executive summary per
 * maturity level, an introduction per domain, and the phrasing of gaps,
 * recommendations and the action plan, with {placeholders} filled in by
 * the report writers. Loaded at run time so it can be adapted or
 * translated without recompiling (docs/templates.md).
 */
#ifndef SOCASSESS_WORDING_H
#define SOCASSESS_WORDING_H

#include <stddef.h>

#include "socassess/error.h"
#include "socassess/model.h"

struct wording_summary {
	char *title;
	char *text;
};

struct wording {
	char *path;
	char *id;
	char *language;
	char *name;
	char *model_id;
	char *version;
	struct wording_summary *summary; /* one per scale level of the model */
	size_t n_summary;
	char **domain_intro;             /* one per domain of the model */
	size_t n_domains;
	char *gaps_intro, *gaps_item, *gaps_none;
	char *recommendations_intro, *recommendations_item;
	char *recommendations_none;
	char *action_plan_intro;
	/* The executive summary of a provisional result; NULL: built in. */
	char *provisional_title, *provisional_text;
};

/* A placeholder's name and the text it stands for. */
struct wording_var {
	const char *name;
	const char *value;
};

/*
 * Load and check a wording file against the model it names, found among
 * models (borrowed). Returns a new wording owned by the caller, or NULL
 * with every problem added to errs.
 */
struct wording *wording_load(const char *path, struct model *const *models,
    size_t n_models, struct soc_errors *errs);
/* Same, from len bytes of text already in memory (named path). */
struct wording *wording_load_data(const char *path, const char *data,
    size_t len, struct model *const *models, size_t n_models,
    struct soc_errors *errs);
void wording_free(struct wording *w);

/*
 * text with every {name} of vars replaced by its value; a placeholder
 * not in vars is left as it stands. Caller owns the result.
 */
char *wording_expand(const char *text, const struct wording_var *vars,
    size_t n_vars);

#endif
