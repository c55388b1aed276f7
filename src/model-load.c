/*
 * Loading and checking a maturity model (models/NAME.yaml). The YAML is read
 * into "raw" structs whose every scalar is a string, so numbers can be
 * parsed strictly; the checks then build the read-only struct model and
 * collect every problem before failing.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/check.h"
#include "socassess/model.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

struct raw_level {
	char *level;
	char *name;
	char *description;
};

struct raw_importance {
	char *name;
	char *weight;
};

struct raw_area {
	char *id;
	char *name;
	char *importance;
	char *weight;
	char **csf;
	unsigned csf_count;
	char *description;
};

struct raw_domain {
	char *id;
	char *name;
	char *weight;
	char *description;
	struct raw_area *areas;
	unsigned areas_count;
};

struct raw_profile {
	char *id;
	char *name;
	char *description;
	char *target;
	char *tier;
	struct yaml_area_target *targets;
	unsigned targets_count;
	char **not_applicable;
	unsigned not_applicable_count;
};

struct raw_model {
	char *id;
	char *name;
	char *version;
	char *description;
	char *scoring;
	char *pass;
	char *minimum_completeness;
	char *minimum_scored;
	struct raw_level *scale;
	unsigned scale_count;
	struct raw_importance *importance;
	unsigned importance_count;
	struct raw_domain *domains;
	unsigned domains_count;
	struct raw_profile *profiles;
	unsigned profiles_count;
};

static const cyaml_schema_field_t level_fields[] = {
	YF_STR("level", YF_REQ, struct raw_level, level),
	YF_STR("name", YF_REQ, struct raw_level, name),
	YF_STR("description", YF_OPT, struct raw_level, description),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t level_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_level, level_fields),
};

static const cyaml_schema_field_t importance_fields[] = {
	YF_STR("name", YF_REQ, struct raw_importance, name),
	YF_STR("weight", YF_REQ, struct raw_importance, weight),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t importance_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_importance,
	    importance_fields),
};

static const cyaml_schema_field_t area_fields[] = {
	YF_STR("id", YF_REQ, struct raw_area, id),
	YF_STR("name", YF_REQ, struct raw_area, name),
	YF_STR("importance", YF_OPT, struct raw_area, importance),
	YF_STR("weight", YF_OPT, struct raw_area, weight),
	YF_SEQ("csf", YF_OPT, struct raw_area, csf, &yamlfile_string_entry),
	YF_STR("description", YF_OPT, struct raw_area, description),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t area_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_area, area_fields),
};

static const cyaml_schema_field_t domain_fields[] = {
	YF_STR("id", YF_REQ, struct raw_domain, id),
	YF_STR("name", YF_REQ, struct raw_domain, name),
	YF_STR("weight", YF_OPT, struct raw_domain, weight),
	YF_STR("description", YF_OPT, struct raw_domain, description),
	YF_SEQ("areas", YF_REQ, struct raw_domain, areas, &area_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t domain_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_domain,
	    domain_fields),
};

static const cyaml_schema_field_t profile_fields[] = {
	YF_STR("id", YF_REQ, struct raw_profile, id),
	YF_STR("name", YF_REQ, struct raw_profile, name),
	YF_STR("description", YF_OPT, struct raw_profile, description),
	YF_STR("target", YF_REQ, struct raw_profile, target),
	YF_STR("tier", YF_OPT, struct raw_profile, tier),
	YF_SEQ("targets", YF_OPT, struct raw_profile, targets,
	    &yamlfile_area_target_entry),
	YF_SEQ("not_applicable", YF_OPT, struct raw_profile, not_applicable,
	    &yamlfile_string_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t profile_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_profile,
	    profile_fields),
};

static const cyaml_schema_field_t model_fields[] = {
	YF_STR("id", YF_REQ, struct raw_model, id),
	YF_STR("name", YF_REQ, struct raw_model, name),
	YF_STR("version", YF_REQ, struct raw_model, version),
	YF_STR("description", YF_OPT, struct raw_model, description),
	YF_STR("scoring", YF_REQ, struct raw_model, scoring),
	YF_STR("pass", YF_OPT, struct raw_model, pass),
	YF_STR("minimum_completeness", YF_OPT, struct raw_model,
	    minimum_completeness),
	YF_STR("minimum_scored", YF_OPT, struct raw_model, minimum_scored),
	YF_SEQ("scale", YF_REQ, struct raw_model, scale, &level_entry),
	YF_SEQ("importance", YF_OPT, struct raw_model, importance,
	    &importance_entry),
	YF_SEQ("domains", YF_REQ, struct raw_model, domains, &domain_entry),
	YF_SEQ("profiles", YF_REQ, struct raw_model, profiles, &profile_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t model_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw_model,
	    model_fields),
};

static const char *const method_names[] = {
	[SCORING_WEIGHTED_MEAN] = "weighted-mean",
	[SCORING_LEVEL_SUM] = "level-sum",
	[SCORING_GATED] = "gated",
};

const char *
scoring_method_name(enum scoring_method s)
{
	return method_names[s];
}

static char **
copy_strings(char **src, unsigned n)
{
	char **dst = xcalloc(n, sizeof(*dst));

	for (unsigned i = 0; i < n; i++)
		dst[i] = xstrdup(src[i]);
	return dst;
}

static void
check_scale(struct checker *ck, const struct raw_model *raw, struct model *m)
{
	m->n_levels = raw->scale_count;
	m->scale = xcalloc(raw->scale_count, sizeof(*m->scale));
	if (raw->scale_count < 2)
		ck_error(ck, "scale", "scale needs at least two levels (0 and 1)");
	for (unsigned i = 0; i < raw->scale_count; i++) {
		const struct raw_level *rl = &raw->scale[i];
		long level;

		if (ck_int(ck, ck_node(ck, "scale[%u].level", i), "level",
		    rl->level, 0, 100, -1, &level) && level != (long)i)
			ck_error(ck, ck->node,
			    "scale levels must run 0, 1, 2, ... in order: "
			    "expected %u, found %ld", i, level);
		ck_text(ck, ck_node(ck, "scale[%u].name", i), "level name",
		    rl->name);
		m->scale[i].level = (int)i;
		m->scale[i].name = xstrdup(rl->name);
		m->scale[i].description = xstrdup_or_null(rl->description);
	}
}

static void
check_scoring(struct checker *ck, const struct raw_model *raw,
    struct model *m)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(method_names); i++) {
		if (strcmp(raw->scoring, method_names[i]) == 0)
			break;
	}
	if (i == ARRAY_SIZE(method_names))
		ck_error(ck, "scoring", "unknown scoring method '%s' "
		    "(expected weighted-mean, level-sum or gated)",
		    raw->scoring);
	else
		m->scoring = (enum scoring_method)i;
	ck_number(ck, "pass", "pass mark", raw->pass, 0, 1, 1, &m->pass);
	if (raw->pass != NULL && m->pass <= 0)
		ck_error(ck, "pass", "pass mark must be above 0");
	ck_number(ck, "minimum_completeness", "minimum completeness",
	    raw->minimum_completeness, 0, 1, MODEL_MINIMUM_COMPLETENESS,
	    &m->minimum_completeness);
	ck_number(ck, "minimum_scored", "minimum share of scored questions",
	    raw->minimum_scored, 0, 1, MODEL_MINIMUM_SCORED,
	    &m->minimum_scored);
}

static void
check_importance(struct checker *ck, const struct raw_model *raw,
    struct model *m)
{
	m->n_importance = raw->importance_count;
	m->importance = xcalloc(raw->importance_count, sizeof(*m->importance));
	for (unsigned i = 0; i < raw->importance_count; i++) {
		const struct raw_importance *ri = &raw->importance[i];

		if (ck_id(ck, ck_node(ck, "importance[%u].name", i),
		    "importance name", ri->name)) {
			for (unsigned j = 0; j < i; j++) {
				if (strcmp(raw->importance[j].name,
				    ri->name) == 0)
					ck_duplicate(ck, "importance name",
					    ri->name, "importance[%u].name", j);
			}
		}
		m->importance[i].name = xstrdup(ri->name);
		ck_number(ck, ck_node(ck, "importance[%u].weight", i),
		    "weight", ri->weight, 0, 1e6, 1, &m->importance[i].weight);
	}
}

/* Area weight from "weight:" or "importance:", default importance normal. */
static void
resolve_area_weight(struct checker *ck, const struct model *m,
    const struct raw_area *ra, struct area *a, unsigned d, unsigned i)
{
	if (ra->weight != NULL && ra->importance != NULL) {
		ck_key_error(ck, ck_node(ck, "domains[%u].areas[%u].weight", d,
		    i), "area '%s' has both weight and importance: give one",
		    ra->id);
		return;
	}
	if (ra->weight != NULL) {
		ck_number(ck, ck_node(ck, "domains[%u].areas[%u].weight", d, i),
		    "weight", ra->weight, 0, 1e6, 1, &a->weight);
		return;
	}
	a->importance = xstrdup(ra->importance != NULL ? ra->importance :
	    "normal");
	a->weight = model_importance_weight(m, a->importance);
	if (a->weight >= 0)
		return;
	if (ra->importance == NULL) {
		a->weight = 1; /* no "normal" defined: plain weight 1 */
		free(a->importance);
		a->importance = NULL;
		return;
	}
	ck_error(ck, ck_node(ck, "domains[%u].areas[%u].importance", d, i),
	    "unknown importance '%s' for area '%s'", ra->importance, ra->id);
	a->weight = 1;
}

/* The area id at ck->node repeats that of area k of m, met earlier. */
static void
report_duplicate_area(struct checker *ck, const struct model *m,
    const char *id, int k)
{
	unsigned d = (unsigned)m->areas[k].domain;

	ck_duplicate(ck, "area id", id, "domains[%u].areas[%u].id", d,
	    (unsigned)((size_t)k - m->domains[d].first_area));
}

static void
check_domains(struct checker *ck, const struct raw_model *raw,
    struct model *m)
{
	size_t n_areas = 0, k = 0;
	int first;

	for (unsigned d = 0; d < raw->domains_count; d++)
		n_areas += raw->domains[d].areas_count;
	if (raw->domains_count == 0)
		ck_error(ck, "domains", "the model has no domains");
	m->n_domains = raw->domains_count;
	m->domains = xcalloc(raw->domains_count, sizeof(*m->domains));
	m->n_areas = n_areas;
	m->areas = xcalloc(n_areas, sizeof(*m->areas));
	for (unsigned d = 0; d < raw->domains_count; d++) {
		const struct raw_domain *rd = &raw->domains[d];
		struct domain *dom = &m->domains[d];

		dom->id = xstrdup(rd->id);
		dom->name = xstrdup(rd->name);
		dom->description = xstrdup_or_null(rd->description);
		dom->first_area = k;
		dom->n_areas = rd->areas_count;
		if (ck_id(ck, ck_node(ck, "domains[%u].id", d), "domain id",
		    rd->id) && (first = model_find_domain(m, rd->id)) != (int)d)
			ck_duplicate(ck, "domain id", rd->id, "domains[%d].id",
			    first);
		ck_text(ck, ck_node(ck, "domains[%u].name", d), "domain name",
		    rd->name);
		ck_number(ck, ck_node(ck, "domains[%u].weight", d), "weight",
		    rd->weight, 0, 1e6, 1, &dom->weight);
		if (rd->areas_count == 0)
			ck_error(ck, ck_node(ck, "domains[%u].areas", d),
			    "domain '%s' has no areas", rd->id);
		for (unsigned i = 0; i < rd->areas_count; i++, k++) {
			const struct raw_area *ra = &rd->areas[i];
			struct area *a = &m->areas[k];

			a->id = xstrdup(ra->id);
			a->name = xstrdup(ra->name);
			a->description = xstrdup_or_null(ra->description);
			a->domain = d;
			a->csf = copy_strings(ra->csf, ra->csf_count);
			a->n_csf = ra->csf_count;
			if (ck_id(ck, ck_node(ck, "domains[%u].areas[%u].id",
			    d, i), "area id", ra->id) &&
			    (first = model_find_area(m, ra->id)) != (int)k)
				report_duplicate_area(ck, m, ra->id, first);
			ck_text(ck, ck_node(ck, "domains[%u].areas[%u].name",
			    d, i), "area name", ra->name);
			for (unsigned c = 0; c < ra->csf_count; c++)
				ck_csf(ck, ck_node(ck,
				    "domains[%u].areas[%u].csf[%u]", d, i, c),
				    ra->csf[c]);
			resolve_area_weight(ck, m, ra, a, d, i);
		}
	}
}

static void
check_profile_targets(struct checker *ck, const struct raw_profile *rp,
    struct profile *p, const struct model *m, unsigned pi)
{
	long max = model_max_level(m);
	bool *seen = xcalloc(m->n_areas, sizeof(*seen));

	for (size_t a = 0; a < m->n_areas; a++)
		p->area_target[a] = p->target;
	for (unsigned t = 0; t < rp->targets_count; t++) {
		const struct yaml_area_target *rt = &rp->targets[t];
		int a = model_find_area(m, rt->area);
		double level;

		if (a < 0) {
			ck_error(ck, ck_node(ck, "profiles[%u].targets[%u].area",
			    pi, t), "profile '%s' sets a target for unknown "
			    "area '%s'", rp->id, rt->area);
			continue;
		}
		if (seen[a])
			ck_error(ck, ck_node(ck, "profiles[%u].targets[%u].area",
			    pi, t), "profile '%s' sets the target of area "
			    "'%s' twice", rp->id, rt->area);
		seen[a] = true;
		ck_number(ck, ck_node(ck, "profiles[%u].targets[%u].level", pi,
		    t), "target level", rt->level, 0, (double)max, p->target,
		    &level);
		p->area_target[a] = level;
	}
	memset(seen, 0, m->n_areas * sizeof(*seen));
	for (unsigned t = 0; t < rp->not_applicable_count; t++) {
		int a = model_find_area(m, rp->not_applicable[t]);

		ck_node(ck, "profiles[%u].not_applicable[%u]", pi, t);
		if (a < 0)
			ck_error(ck, ck->node, "profile '%s' names unknown "
			    "area '%s' as not applicable", rp->id,
			    rp->not_applicable[t]);
		else if (seen[a])
			ck_error(ck, ck->node, "profile '%s' names area '%s' "
			    "as not applicable twice", rp->id,
			    rp->not_applicable[t]);
		else
			p->not_applicable[a] = seen[a] = true;
	}
	free(seen);
}

/* What a profile requires of an area: 0 when it does not run it. */
static double
required(const struct profile *p, size_t area)
{
	return p->not_applicable[area] ? 0 : p->area_target[area];
}

/*
 * Tiers are numbered 1, 2, ... without a hole or a repeat, and each
 * requires at least what the tier below it requires of every area, so
 * meeting a tier means meeting every tier below it.
 */
static void
check_tiers(struct checker *ck, struct model *m)
{
	const struct profile *below = NULL;

	for (size_t i = 0; i < m->n_profiles; i++)
		m->n_tiers += m->profiles[i].tier > 0;
	for (int t = 1; t <= (int)m->n_tiers; t++) {
		const struct profile *p = model_tier(m, t);
		unsigned pi;

		if (p == NULL) {
			ck_error(ck, "profiles", "the tiers of the model must "
			    "be numbered 1 to %zu, each once (tier %d is "
			    "missing)", m->n_tiers, t);
			return;
		}
		pi = (unsigned)(p - m->profiles);
		for (size_t a = 0; below != NULL && a < m->n_areas; a++) {
			if (required(p, a) + 1e-9 < required(below, a))
				ck_error(ck, ck_node(ck, "profiles[%u].tier",
				    pi), "tier %d ('%s') requires less of "
				    "area '%s' than tier %d ('%s') below it",
				    t, p->id, m->areas[a].id, t - 1,
				    below->id);
		}
		below = p;
	}
}

static void
check_profiles(struct checker *ck, const struct raw_model *raw,
    struct model *m)
{
	long max = model_max_level(m), tier;
	int first;

	if (raw->profiles_count == 0)
		ck_error(ck, "profiles", "the model has no profiles");
	m->n_profiles = raw->profiles_count;
	m->profiles = xcalloc(raw->profiles_count, sizeof(*m->profiles));
	for (unsigned i = 0; i < raw->profiles_count; i++) {
		const struct raw_profile *rp = &raw->profiles[i];
		struct profile *p = &m->profiles[i];

		p->id = xstrdup(rp->id);
		p->name = xstrdup(rp->name);
		p->description = xstrdup_or_null(rp->description);
		p->area_target = xcalloc(m->n_areas, sizeof(*p->area_target));
		p->not_applicable = xcalloc(m->n_areas,
		    sizeof(*p->not_applicable));
		if (ck_id(ck, ck_node(ck, "profiles[%u].id", i), "profile id",
		    rp->id) && (first = model_find_profile(m, rp->id)) != (int)i)
			ck_duplicate(ck, "profile id", rp->id,
			    "profiles[%d].id", first);
		ck_text(ck, ck_node(ck, "profiles[%u].name", i),
		    "profile name", rp->name);
		ck_number(ck, ck_node(ck, "profiles[%u].target", i),
		    "target level", rp->target, 0, (double)max, 0, &p->target);
		ck_int(ck, ck_node(ck, "profiles[%u].tier", i), "tier",
		    rp->tier, 1, (long)raw->profiles_count, 0, &tier);
		p->tier = (int)tier;
		check_profile_targets(ck, rp, p, m, i);
	}
	check_tiers(ck, m);
}

struct model *
model_load(const char *path, struct soc_errors *errs)
{
	char *data;
	size_t len;
	struct model *m;

	if (yamlfile_read_capped(path, &data, &len, errs) < 0)
		return NULL;
	m = model_load_data(path, data, len, errs);
	free(data);
	return m;
}

struct model *
model_load_data(const char *path, const char *data, size_t len,
    struct soc_errors *errs)
{
	struct raw_model *raw;
	struct yaml_positions *pos;
	struct model *m;
	struct soc_errors found;
	struct checker ck = { .path = path };
	bool failed;

	if (yamlfile_load_data(path, data, len, &model_schema, (void **)&raw,
	    &pos, errs) < 0)
		return NULL;
	soc_errors_init(&found);
	ck.pos = pos;
	ck.errs = &found;
	m = xcalloc(1, sizeof(*m));
	m->path = xstrdup(path);
	m->source_hash = hash_bytes(data, len);
	m->id = xstrdup(raw->id);
	m->name = xstrdup(raw->name);
	m->version = xstrdup(raw->version);
	m->description = xstrdup_or_null(raw->description);
	if (ck_id(&ck, "id", "model id", raw->id) && strchr(raw->id, '_'))
		ck_error(&ck, "id", "model id '%s' must not hold '_'", raw->id);
	ck_text(&ck, "name", "model name", raw->name);
	ck_text(&ck, "version", "model version", raw->version);
	check_scale(&ck, raw, m);
	check_scoring(&ck, raw, m);
	check_importance(&ck, raw, m);
	check_domains(&ck, raw, m);
	check_profiles(&ck, raw, m);
	yamlfile_free(&model_schema, raw);
	yaml_positions_free(pos);
	failed = found.n_errors > 0;
	soc_errors_move(errs, &found);
	if (failed) {
		model_free(m);
		return NULL;
	}
	return m;
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n_levels; i++) {
		free(m->scale[i].name);
		free(m->scale[i].description);
	}
	for (size_t i = 0; i < m->n_importance; i++)
		free(m->importance[i].name);
	for (size_t i = 0; i < m->n_domains; i++) {
		free(m->domains[i].id);
		free(m->domains[i].name);
		free(m->domains[i].description);
	}
	for (size_t i = 0; i < m->n_areas; i++) {
		struct area *a = &m->areas[i];

		free(a->id);
		free(a->name);
		free(a->description);
		free(a->importance);
		for (size_t c = 0; c < a->n_csf; c++)
			free(a->csf[c]);
		free(a->csf);
	}
	for (size_t i = 0; i < m->n_profiles; i++) {
		struct profile *p = &m->profiles[i];

		free(p->id);
		free(p->name);
		free(p->description);
		free(p->area_target);
		free(p->not_applicable);
	}
	free(m->scale);
	free(m->importance);
	free(m->domains);
	free(m->areas);
	free(m->profiles);
	free(m->path);
	free(m->id);
	free(m->name);
	free(m->version);
	free(m->description);
	free(m);
}
