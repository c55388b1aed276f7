/*
 * Read-only queries on a loaded model.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "socassess/model.h"

const char *const csf_function_codes[CSF_FUNCTIONS] = {
	"GV", "ID", "PR", "DE", "RS", "RC",
};
const char *const csf_function_names[CSF_FUNCTIONS] = {
	"Govern", "Identify", "Protect", "Detect", "Respond", "Recover",
};

int
model_find_area(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->n_areas; i++) {
		if (m->areas[i].id != NULL && strcmp(m->areas[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

int
model_find_domain(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->n_domains; i++) {
		if (m->domains[i].id != NULL &&
		    strcmp(m->domains[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

int
model_find_profile(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->n_profiles; i++) {
		if (m->profiles[i].id != NULL &&
		    strcmp(m->profiles[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

int
model_match_profile(const struct model *m, const char *text)
{
	for (size_t i = 0; i < m->n_profiles; i++) {
		const struct profile *p = &m->profiles[i];

		if ((p->id != NULL && strcasecmp(p->id, text) == 0) ||
		    (p->name != NULL && strcasecmp(p->name, text) == 0))
			return (int)i;
	}
	return -1;
}

const struct profile *
model_tier(const struct model *m, int t)
{
	for (size_t i = 0; i < m->n_profiles; i++) {
		if (m->profiles[i].tier == t && t > 0)
			return &m->profiles[i];
	}
	return NULL;
}

const struct importance *
model_find_importance(const struct model *m, const char *name)
{
	for (size_t i = 0; i < m->n_importance; i++) {
		if (strcmp(m->importance[i].name, name) == 0)
			return &m->importance[i];
	}
	return NULL;
}

double
model_importance_weight(const struct model *m, const char *name)
{
	const struct importance *imp = model_find_importance(m, name);

	return imp != NULL ? imp->weight : -1;
}

int
model_max_level(const struct model *m)
{
	return m->n_levels > 0 ? (int)m->n_levels - 1 : 0;
}

int
model_level_of(const struct model *m, double score)
{
	int level = (int)floor(score + 1e-9);

	if (level < 0)
		return 0;
	if (level > model_max_level(m))
		return model_max_level(m);
	return level;
}
