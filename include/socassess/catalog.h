/*
 * The data directory and what it holds: every model under models/ and
 * every questionnaire under questionnaires/, loaded once and kept
 * read-only for the run.
 */
#ifndef SOCASSESS_CATALOG_H
#define SOCASSESS_CATALOG_H

#include <stddef.h>

#include "socassess/error.h"
#include "socassess/model.h"
#include "socassess/questionnaire.h"
#include "socassess/wording.h"

/* The questionnaire template and interview use when none is named. */
#define CATALOG_DEFAULT_QUESTIONNAIRE "owasp-soc-full"

struct catalog {
	char *data_dir;
	struct model **models;              /* sorted by file name */
	size_t n_models;
	struct questionnaire **questionnaires; /* sorted by file name */
	size_t n_questionnaires;
	struct wording **wordings;          /* templates/, sorted by file name */
	size_t n_wordings;
	/*
	 * The id of every questionnaire file of the data folder, loaded or
	 * not, in file name order (catalog_load_some), for messages.
	 */
	char **questionnaire_ids;
	size_t n_questionnaire_ids;
};

/*
 * The data directory to use: explicit (from --data-dir) if not NULL, else
 * $SOCASSESS_DATA, else the source tree when the binary runs from a
 * checkout (the binary's folder or, for build/socassess, its parent),
 * else BINDIR/../share/socassess, else the share directory set at build
 * time. Caller owns the result.
 */
char *catalog_find_data_dir(const char *explicit_dir);

/*
 * The *.yaml files of dir, sorted, as a NULL-terminated array owned by
 * the caller (free each, then the array). NULL with an error added when
 * dir cannot be read.
 */
char **catalog_list_files(const char *dir, struct soc_errors *errs);
void catalog_free_list(char **files);

/*
 * Load every model, questionnaire and report wording of data_dir (a
 * missing templates/ folder is no error). Files with problems
 * are left out and their problems added to errs; returns 0 when all
 * loaded, -1 otherwise (the catalog then holds the ones that did).
 */
int catalog_load(struct catalog *cat, const char *data_dir,
    struct soc_errors *errs);
/*
 * Load only what the questionnaires ids (n_ids of them) need: those
 * questionnaires, the models they name and those models' wordings. A
 * quick look at each file's top (yamlfile_peek) tells the ids apart; a
 * file where no id can be seen is taken for the one its name names.
 * Every questionnaire file's id is kept in cat->questionnaire_ids. An
 * id no file has is no error here: the caller's lookup reports it.
 * Returns as catalog_load.
 */
int catalog_load_some(struct catalog *cat, const char *data_dir,
    const char *const *ids, size_t n_ids, struct soc_errors *errs);
void catalog_release(struct catalog *cat);

/*
 * The message for questionnaire id not in cat: the closest known id
 * ("did you mean"), else every known one. Caller owns the text.
 */
char *catalog_unknown_questionnaire(const struct catalog *cat,
    const char *id);

/* Add a model or questionnaire loaded elsewhere (taken over). */
void catalog_add_model(struct catalog *cat, struct model *m);
void catalog_add_questionnaire(struct catalog *cat, struct questionnaire *q);
void catalog_add_wording(struct catalog *cat, struct wording *w);

/*
 * Move every model (or questionnaire) of from to the end of to, in
 * order; from keeps none, so each is freed once, by to. Questionnaires
 * keep pointing at their models, wherever those now are listed.
 */
void catalog_move_models(struct catalog *to, struct catalog *from);
void catalog_move_questionnaires(struct catalog *to, struct catalog *from);

/* Lookups by id; NULL when absent. */
const struct model *catalog_model(const struct catalog *cat, const char *id);
const struct questionnaire *catalog_questionnaire(const struct catalog *cat,
    const char *id);
/* The wording for a model in a language ("en"), or NULL. */
const struct wording *catalog_wording(const struct catalog *cat,
    const char *model_id, const char *language);

#endif
