/*
 * Loading and checking report wording (templates/report-LANG.yaml), and
 * filling in its {placeholders}.
 */
#include <stdlib.h>
#include <string.h>

#include "socassess/check.h"
#include "socassess/util.h"
#include "socassess/wording.h"
#include "socassess/yamlfile.h"

struct raw_summary {
	char *level;
	char *title;
	char *text;
};

struct raw_domain_intro {
	char *id;
	char *intro;
};

struct raw_section {
	char *intro;
	char *item;
	char *none;
};

struct raw_provisional {
	char *title;
	char *text;
};

struct raw_wording {
	char *id;
	char *language;
	char *name;
	char *model;
	char *version;
	struct raw_summary *executive_summary;
	unsigned executive_summary_count;
	struct raw_domain_intro *domains;
	unsigned domains_count;
	struct raw_section *gaps;
	struct raw_section *recommendations;
	struct raw_section *action_plan;
	struct raw_provisional *provisional;
};

static const cyaml_schema_field_t summary_fields[] = {
	YF_STR("level", YF_REQ, struct raw_summary, level),
	YF_STR("title", YF_REQ, struct raw_summary, title),
	YF_STR("text", YF_REQ, struct raw_summary, text),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t summary_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_summary,
	    summary_fields),
};

static const cyaml_schema_field_t domain_intro_fields[] = {
	YF_STR("id", YF_REQ, struct raw_domain_intro, id),
	YF_STR("intro", YF_REQ, struct raw_domain_intro, intro),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t domain_intro_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_domain_intro,
	    domain_intro_fields),
};

/* gaps and recommendations need all three; action_plan only an intro. */
static const cyaml_schema_field_t list_section_fields[] = {
	YF_STR("intro", YF_REQ, struct raw_section, intro),
	YF_STR("item", YF_REQ, struct raw_section, item),
	YF_STR("none", YF_REQ, struct raw_section, none),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t intro_section_fields[] = {
	YF_STR("intro", YF_REQ, struct raw_section, intro),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t provisional_fields[] = {
	YF_STR("title", YF_REQ, struct raw_provisional, title),
	YF_STR("text", YF_REQ, struct raw_provisional, text),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t wording_fields[] = {
	YF_STR("id", YF_REQ, struct raw_wording, id),
	YF_STR("language", YF_REQ, struct raw_wording, language),
	YF_STR("name", YF_REQ, struct raw_wording, name),
	YF_STR("model", YF_REQ, struct raw_wording, model),
	YF_STR("version", YF_REQ, struct raw_wording, version),
	YF_SEQ("executive_summary", YF_REQ, struct raw_wording,
	    executive_summary, &summary_entry),
	YF_SEQ("domains", YF_REQ, struct raw_wording, domains,
	    &domain_intro_entry),
	CYAML_FIELD_MAPPING_PTR("gaps", CYAML_FLAG_POINTER, struct raw_wording,
	    gaps, list_section_fields),
	CYAML_FIELD_MAPPING_PTR("recommendations", CYAML_FLAG_POINTER,
	    struct raw_wording, recommendations, list_section_fields),
	CYAML_FIELD_MAPPING_PTR("action_plan", CYAML_FLAG_POINTER,
	    struct raw_wording, action_plan, intro_section_fields),
	CYAML_FIELD_MAPPING_PTR("provisional", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct raw_wording, provisional,
	    provisional_fields),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t wording_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw_wording,
	    wording_fields),
};

/* The placeholders of docs/templates.md. */
static const char *const known_placeholders[] = {
	"organisation", "scope", "assessor", "date", "profile",
	"questionnaire", "score", "target", "level", "percent",
	"completeness", "domain", "area", "gap", "priority", "current",
	"next", "minimum", "verdict",
};

/* A '{' at p with no '}' before the next '{' or the end of the text. */
static void
report_unclosed(struct checker *ck, const char *node, const char *p)
{
	/* As much of it as is written without an escape. */
	char *start = xasprintf("%.*s", (int)strcspn(p, " \"'\\\n"), p);

	ck_error_in(ck, node, start, "'{' without a closing '}'");
	free(start);
}

/* Check that every {name} in s is known and every brace is closed. */
static void
check_placeholders(struct checker *ck, const char *node, const char *s)
{
	const char *p = s;

	if (!ck_text(ck, node, "text", s))
		return;
	while ((p = strchr(p, '{')) != NULL) {
		const char *end = strpbrk(p + 1, "{}");
		size_t len, i;

		if (end == NULL || *end == '{') {
			report_unclosed(ck, node, p);
			p = p + 1;
			continue;
		}
		len = (size_t)(end - p - 1);
		for (i = 0; i < ARRAY_SIZE(known_placeholders); i++) {
			if (strlen(known_placeholders[i]) == len &&
			    strncmp(known_placeholders[i], p + 1, len) == 0)
				break;
		}
		if (i == ARRAY_SIZE(known_placeholders)) {
			char *name = xasprintf("%.*s", (int)len + 2, p);

			ck_error_in(ck, node, name, "unknown placeholder '%s' "
			    "(see docs/templates.md)", name);
			free(name);
		}
		p = end + 1;
	}
}

static char *
checked_copy(struct checker *ck, const char *node, const char *s)
{
	check_placeholders(ck, node, s);
	return xstrdup(s);
}

static void
check_summaries(struct checker *ck, const struct raw_wording *raw,
    const struct model *m, struct wording *w)
{
	w->n_summary = m->n_levels;
	w->summary = xcalloc(m->n_levels, sizeof(*w->summary));
	for (unsigned i = 0; i < raw->executive_summary_count; i++) {
		const struct raw_summary *rs = &raw->executive_summary[i];
		long level;

		if (!ck_int(ck, ck_node(ck, "executive_summary[%u].level", i),
		    "level", rs->level, 0, model_max_level(m), -1, &level))
			continue;
		if (w->summary[level].text != NULL) {
			ck_error(ck, ck->node, "executive summary for level "
			    "%ld given twice", level);
			continue;
		}
		w->summary[level].title = checked_copy(ck,
		    ck_node(ck, "executive_summary[%u].title", i), rs->title);
		w->summary[level].text = checked_copy(ck,
		    ck_node(ck, "executive_summary[%u].text", i), rs->text);
	}
	for (size_t l = 0; l < m->n_levels; l++) {
		if (w->summary[l].text == NULL)
			ck_error(ck, "executive_summary", "no executive summary "
			    "for level %zu (%s)", l, m->scale[l].name);
	}
}

static void
check_domains(struct checker *ck, const struct raw_wording *raw,
    const struct model *m, struct wording *w)
{
	w->n_domains = m->n_domains;
	w->domain_intro = xcalloc(m->n_domains, sizeof(*w->domain_intro));
	for (unsigned i = 0; i < raw->domains_count; i++) {
		int d = model_find_domain(m, raw->domains[i].id);

		ck_node(ck, "domains[%u].id", i);
		if (d < 0) {
			ck_error(ck, ck->node, "unknown domain '%s' of model "
			    "'%s'", raw->domains[i].id, m->id);
		} else if (w->domain_intro[d] != NULL) {
			ck_error(ck, ck->node, "domain '%s' introduced twice",
			    raw->domains[i].id);
		} else {
			w->domain_intro[d] = checked_copy(ck, ck_node(ck,
			    "domains[%u].intro", i), raw->domains[i].intro);
		}
	}
	for (size_t d = 0; d < m->n_domains; d++) {
		if (w->domain_intro[d] == NULL)
			ck_error(ck, "domains", "no introduction for domain "
			    "'%s'", m->domains[d].id);
	}
}

struct wording *
wording_load(const char *path, struct model *const *models, size_t n_models,
    struct soc_errors *errs)
{
	char *data;
	size_t len;
	struct wording *w;

	if (yamlfile_read_capped(path, &data, &len, errs) < 0)
		return NULL;
	w = wording_load_data(path, data, len, models, n_models, errs);
	free(data);
	return w;
}

struct wording *
wording_load_data(const char *path, const char *data, size_t len,
    struct model *const *models, size_t n_models, struct soc_errors *errs)
{
	struct raw_wording *raw;
	struct yaml_positions *pos;
	struct wording *w;
	const struct model *m = NULL;
	struct soc_errors found;
	struct checker ck = { .path = path, .data = data, .len = len };
	bool failed;

	if (yamlfile_load_data(path, data, len, &wording_schema,
	    (void **)&raw, &pos, errs) < 0)
		return NULL;
	soc_errors_init(&found);
	ck.pos = pos;
	ck.errs = &found;
	w = xcalloc(1, sizeof(*w));
	w->path = xstrdup(path);
	w->id = xstrdup(raw->id);
	w->language = xstrdup(raw->language);
	w->name = xstrdup(raw->name);
	w->model_id = xstrdup(raw->model);
	w->version = xstrdup(raw->version);
	ck_id(&ck, "id", "wording id", raw->id);
	ck_id(&ck, "language", "language", raw->language);
	ck_text(&ck, "name", "name", raw->name);
	for (size_t i = 0; i < n_models && m == NULL; i++) {
		if (strcmp(models[i]->id, raw->model) == 0)
			m = models[i];
	}
	if (m == NULL) {
		ck_error(&ck, "model", "wording is for unknown model '%s'",
		    raw->model);
	} else {
		check_summaries(&ck, raw, m, w);
		check_domains(&ck, raw, m, w);
	}
	w->gaps_intro = checked_copy(&ck, "gaps.intro", raw->gaps->intro);
	w->gaps_item = checked_copy(&ck, "gaps.item", raw->gaps->item);
	w->gaps_none = checked_copy(&ck, "gaps.none", raw->gaps->none);
	w->recommendations_intro = checked_copy(&ck,
	    "recommendations.intro", raw->recommendations->intro);
	w->recommendations_item = checked_copy(&ck, "recommendations.item",
	    raw->recommendations->item);
	w->recommendations_none = checked_copy(&ck, "recommendations.none",
	    raw->recommendations->none);
	w->action_plan_intro = checked_copy(&ck, "action_plan.intro",
	    raw->action_plan->intro);
	if (raw->provisional != NULL) {
		w->provisional_title = checked_copy(&ck, "provisional.title",
		    raw->provisional->title);
		w->provisional_text = checked_copy(&ck, "provisional.text",
		    raw->provisional->text);
	}
	yamlfile_free(&wording_schema, raw);
	yaml_positions_free(pos);
	failed = found.n_errors > 0;
	soc_errors_move(errs, &found);
	if (failed) {
		wording_free(w);
		return NULL;
	}
	return w;
}

void
wording_free(struct wording *w)
{
	if (w == NULL)
		return;
	for (size_t i = 0; i < w->n_summary; i++) {
		free(w->summary[i].title);
		free(w->summary[i].text);
	}
	for (size_t i = 0; i < w->n_domains; i++)
		free(w->domain_intro[i]);
	free(w->summary);
	free(w->domain_intro);
	free(w->gaps_intro);
	free(w->gaps_item);
	free(w->gaps_none);
	free(w->recommendations_intro);
	free(w->recommendations_item);
	free(w->recommendations_none);
	free(w->action_plan_intro);
	free(w->provisional_title);
	free(w->provisional_text);
	free(w->path);
	free(w->id);
	free(w->language);
	free(w->name);
	free(w->model_id);
	free(w->version);
	free(w);
}

char *
wording_expand(const char *text, const struct wording_var *vars,
    size_t n_vars)
{
	size_t cap = strlen(text) + 64, len = 0;
	char *out = xmalloc(cap);
	const char *p = text;

	while (*p != '\0') {
		const char *value = NULL, *end;
		size_t add, name_len = 0;

		if (*p == '{' && (end = strchr(p, '}')) != NULL) {
			name_len = (size_t)(end - p - 1);
			for (size_t i = 0; i < n_vars && value == NULL; i++) {
				if (strlen(vars[i].name) == name_len &&
				    strncmp(vars[i].name, p + 1, name_len) == 0)
					value = vars[i].value != NULL ?
					    vars[i].value : "";
			}
		}
		add = value != NULL ? strlen(value) : 1;
		if (len + add + 1 > cap) {
			cap = (len + add + 1) * 2;
			out = xreallocarray(out, cap, 1);
		}
		if (value != NULL) {
			memcpy(out + len, value, add);
			p += name_len + 2;
		} else
			out[len] = *p++;
		len += add;
	}
	out[len] = '\0';
	return out;
}
