/*
 * A cache of checked questionnaires. Parsing the 500 KB of YAML of the
 * full questionnaire is most of the time it takes to score one answers
 * file, and the same for every run. A questionnaire that loaded without
 * a single message is kept, converted, in a file of the user's cache
 * folder, and the next run takes it from there when the questionnaire's
 * text is the same byte for byte, the model it names is the same, and
 * the program is the same build. The cache is only a shortcut: whatever
 * is wrong with it (missing, damaged, someone else's, from another
 * build), the YAML is parsed as without it, and it never prints.
 */
#ifndef SOCASSESS_QCACHE_H
#define SOCASSESS_QCACHE_H

#include <stddef.h>

#include "socassess/model.h"
#include "socassess/questionnaire.h"

/*
 * The cache folder, a new string owned by the caller, or NULL when there
 * is none: $SOCASSESS_CACHE ("off": none), else $XDG_CACHE_HOME/socassess,
 * else $HOME/.cache/socassess. It may not exist yet.
 */
char *qcache_dir(void);

/*
 * The questionnaire of path, whose text is the len bytes of data, from
 * the cache: a new questionnaire, the same as questionnaire_load_data
 * would return and owned by the caller; NULL when the cache has none for
 * this text, model and build. The model is found among models (borrowed,
 * as by questionnaire_load_data).
 */
struct questionnaire *qcache_load(const char *path, const char *data,
    size_t len, struct model *const *models, size_t n_models);

/*
 * Keep q, which questionnaire_load_data made from the len bytes of data
 * without any message, for the next runs (in DIR/NAME.cache for the
 * file name NAME of path, replaced atomically). Failures are silent: the
 * next run parses.
 */
void qcache_store(const char *path, const char *data, size_t len,
    const struct questionnaire *q);

#endif
