/*
 * Loading and checking answers files. YAML goes through libcyaml into
 * "raw" structs whose every scalar is a string; JSON goes through jansson
 * (duplicate keys refused) into the same raw structs. One set of checks
 * then resolves the raw answers against the questionnaire and the model,
 * collecting every problem before failing. JSON carries no places past
 * the parser, so its messages name the item path instead of a line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "socassess/answers.h"
#include "socassess/arena.h"
#include "socassess/catalog.h"
#include "socassess/check.h"
#include "socassess/strbuf.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

struct raw_assessment {
	char *questionnaire;
	char *questionnaire_version;
	char *profile;
	char *organisation;
	char *scope;
	char *assessor;
	char *date;
	char *type;
	char *style;
};

struct raw_importance {
	char *area;
	char *importance;
};

struct raw_candidate {
	char *assessor;
	char *value;
	char *na;
	char *na_reason;
	char *comment;
};

struct raw_answer {
	char *id;
	char *value;
	char *na;
	char *na_reason;
	char *comment;
	char **evidence;
	unsigned evidence_count;
	char *assessor;
	struct raw_candidate *candidates;
	unsigned candidates_count;
	char *resolution;
};

struct raw_answers {
	struct raw_assessment *assessment;
	struct raw_importance *importance;
	unsigned importance_count;
	struct yaml_area_target *targets;
	unsigned targets_count;
	struct raw_answer *answers;
	unsigned answers_count;
};

static const cyaml_schema_field_t assessment_fields[] = {
	YF_STR("questionnaire", YF_REQ, struct raw_assessment, questionnaire),
	YF_STR("questionnaire_version", YF_OPT, struct raw_assessment,
	    questionnaire_version),
	YF_STR("profile", YF_REQ, struct raw_assessment, profile),
	YF_STR("organisation", YF_OPT, struct raw_assessment, organisation),
	YF_STR("scope", YF_OPT, struct raw_assessment, scope),
	YF_STR("assessor", YF_OPT, struct raw_assessment, assessor),
	YF_STR("date", YF_OPT, struct raw_assessment, date),
	YF_STR("type", YF_OPT, struct raw_assessment, type),
	YF_STR("style", YF_OPT, struct raw_assessment, style),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t importance_fields[] = {
	YF_STR("area", YF_REQ, struct raw_importance, area),
	YF_STR("importance", YF_REQ, struct raw_importance, importance),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t importance_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_importance,
	    importance_fields),
};

static const cyaml_schema_field_t candidate_fields[] = {
	YF_STR("assessor", YF_OPT, struct raw_candidate, assessor),
	YF_STR("value", YF_OPT, struct raw_candidate, value),
	YF_STR("na", YF_OPT, struct raw_candidate, na),
	YF_STR("na_reason", YF_OPT, struct raw_candidate, na_reason),
	YF_STR("comment", YF_OPT, struct raw_candidate, comment),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t candidate_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_candidate,
	    candidate_fields),
};

static const cyaml_schema_field_t answer_fields[] = {
	YF_STR("id", YF_REQ, struct raw_answer, id),
	YF_STR("value", YF_OPT, struct raw_answer, value),
	YF_STR("na", YF_OPT, struct raw_answer, na),
	YF_STR("na_reason", YF_OPT, struct raw_answer, na_reason),
	YF_STR("comment", YF_OPT, struct raw_answer, comment),
	YF_SEQ("evidence", YF_OPT, struct raw_answer, evidence,
	    &yamlfile_string_entry),
	YF_STR("assessor", YF_OPT, struct raw_answer, assessor),
	YF_SEQ("candidates", YF_OPT, struct raw_answer, candidates,
	    &candidate_entry),
	YF_STR("resolution", YF_OPT, struct raw_answer, resolution),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t answer_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct raw_answer,
	    answer_fields),
};

static const cyaml_schema_field_t answers_fields[] = {
	CYAML_FIELD_MAPPING_PTR("assessment", CYAML_FLAG_POINTER,
	    struct raw_answers, assessment, assessment_fields),
	YF_SEQ("importance", YF_OPT, struct raw_answers, importance,
	    &importance_entry),
	YF_SEQ("targets", YF_OPT, struct raw_answers, targets,
	    &yamlfile_area_target_entry),
	YF_SEQ("answers", YF_OPT, struct raw_answers, answers, &answer_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t answers_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct raw_answers,
	    answers_fields),
};

const char *const assessment_types[ASSESSMENT_TYPES] = {
	"quick-scan", "baseline", "progress", "scoped",
};
const char *const assessment_styles[ASSESSMENT_STYLES] = {
	"self", "guided", "third-party",
};

/* Checks of one file: YAML places, or JSON item paths in the text. */
struct loader {
	struct checker ck;
	bool json;
	const struct catalog *cat;
	bool other_questionnaire; /* said once: no error per unknown id */
	size_t unknown_keys;      /* JSON: errors that leave the rest usable */
	const struct soc_errors *scan; /* JSON: what the YAML scan found */
};

static void
report(struct loader *l, enum soc_severity sev, const char *node,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
report(struct loader *l, enum soc_severity sev, const char *node,
    const char *fmt, ...)
{
	char *text, at[300] = "";
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	if (l->json && node != NULL && *node != '\0')
		snprintf(at, sizeof(at), " (at %s)", node);
	if (sev == SOC_ERROR)
		ck_error(&l->ck, node, "%s%s", text ? text : "out of memory",
		    at);
	else
		ck_warning(&l->ck, node, "%s%s", text ? text : "out of memory",
		    at);
	free(text);
}

#define aerror(l, node, ...) report((l), SOC_ERROR, (node), __VA_ARGS__)
#define awarning(l, node, ...) report((l), SOC_WARNING, (node), __VA_ARGS__)

/*
 * True for an absent value: no scalar, a blank one or a YAML null
 * (null, Null, NULL, ~), as other YAML tools write an empty field.
 */
static bool
yaml_empty(const char *s)
{
	return str_blank(s) || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0 ||
	    strcmp(s, "~") == 0;
}

/* JSON to raw ---------------------------------------------------------- */

static const char *
json_kind(const json_t *v)
{
	if (json_is_object(v))
		return "a mapping";
	if (json_is_array(v))
		return "a list";
	return "a single value";
}

/* A scalar as the string YAML would have given; NULL for null. */
static char *
json_scalar(struct loader *l, const json_t *v, const char *node)
{
	char buf[64];

	switch (json_typeof(v)) {
	case JSON_STRING:
		return xstrdup(json_string_value(v));
	case JSON_INTEGER:
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return xstrdup(buf);
	case JSON_REAL:
		snprintf(buf, sizeof(buf), "%.17g", json_real_value(v));
		return xstrdup(buf);
	case JSON_TRUE:
		return xstrdup("true");
	case JSON_FALSE:
		return xstrdup("false");
	case JSON_NULL:
		return NULL;
	default:
		aerror(l, node, "expected a single value, found %s",
		    json_kind(v));
		return NULL;
	}
}

struct json_field {
	const char *key;
	size_t offset;     /* of a char * in the raw struct */
	bool required;
};

/* An unknown key, with the known one (fields or extra) it likely meant. */
static void
unknown_key(struct loader *l, const char *node, const char *key,
    const struct json_field *fields, size_t n, const char *const *extra)
{
	const char *names[16];
	const char *near;
	size_t k = 0;

	for (size_t i = 0; i < n && k < ARRAY_SIZE(names); i++)
		names[k++] = fields[i].key;
	for (size_t i = 0; extra != NULL && extra[i] != NULL &&
	    k < ARRAY_SIZE(names); i++)
		names[k++] = extra[i];
	near = str_closest(key, names, k);
	l->unknown_keys++;
	/* Only JSON comes here: its messages name the node. */
	if (near != NULL)
		ck_key_error(&l->ck, node, "unknown key '%s': did you mean "
		    "'%s'? (at %s)", key, near, node);
	else
		ck_key_error(&l->ck, node, "unknown key '%s' (at %s)", key,
		    node);
}

/* True when key is one of the NULL-ended list skip (may be NULL). */
static bool
key_skipped(const char *key, const char *const *skip)
{
	for (size_t i = 0; skip != NULL && skip[i] != NULL; i++) {
		if (strcmp(key, skip[i]) == 0)
			return true;
	}
	return false;
}

/*
 * Fill the string fields of a raw struct from object obj; unknown keys
 * and missing required ones are errors, keys in skip are read by the
 * caller. Returns false when obj is not an object.
 */
static bool
json_fields(struct loader *l, json_t *obj, const char *node,
    const struct json_field *fields, size_t n, void *raw,
    const char *const *skip)
{
	const char *key;
	json_t *v;
	char sub[256];

	if (!json_is_object(obj)) {
		aerror(l, node, "expected a mapping, found %s",
		    json_kind(obj));
		return false;
	}
	json_object_foreach(obj, key, v) {
		size_t i;

		snprintf(sub, sizeof(sub), "%s%s%s", node, *node ? "." : "",
		    key);
		if (key_skipped(key, skip))
			continue;
		for (i = 0; i < n; i++) {
			if (strcmp(fields[i].key, key) == 0)
				break;
		}
		if (i == n) {
			unknown_key(l, sub, key, fields, n, skip);
			continue;
		}
		*(char **)((char *)raw + fields[i].offset) =
		    json_scalar(l, v, sub);
	}
	for (size_t i = 0; i < n; i++) {
		if (fields[i].required &&
		    json_object_get(obj, fields[i].key) == NULL)
			aerror(l, node, "missing required field '%s'",
			    fields[i].key);
	}
	return true;
}

#define JF(type, member, req) { #member, offsetof(type, member), req }

static const struct json_field json_assessment[] = {
	JF(struct raw_assessment, questionnaire, true),
	JF(struct raw_assessment, questionnaire_version, false),
	JF(struct raw_assessment, profile, true),
	JF(struct raw_assessment, organisation, false),
	JF(struct raw_assessment, scope, false),
	JF(struct raw_assessment, assessor, false),
	JF(struct raw_assessment, date, false),
	JF(struct raw_assessment, type, false),
	JF(struct raw_assessment, style, false),
};
static const struct json_field json_importance[] = {
	JF(struct raw_importance, area, true),
	JF(struct raw_importance, importance, true),
};
static const struct json_field json_target[] = {
	JF(struct yaml_area_target, area, true),
	JF(struct yaml_area_target, level, true),
};
static const struct json_field json_answer[] = {
	JF(struct raw_answer, id, true),
	JF(struct raw_answer, value, false),
	JF(struct raw_answer, na, false),
	JF(struct raw_answer, na_reason, false),
	JF(struct raw_answer, comment, false),
	JF(struct raw_answer, assessor, false),
	JF(struct raw_answer, resolution, false),
};
static const struct json_field json_candidate[] = {
	JF(struct raw_candidate, assessor, false),
	JF(struct raw_candidate, value, false),
	JF(struct raw_candidate, na, false),
	JF(struct raw_candidate, na_reason, false),
	JF(struct raw_candidate, comment, false),
};
/* The keys of an answer that are lists, read apart. */
static const char *const answer_lists[] = { "evidence", "candidates", NULL };

/* The top-level keys (their offsets are not used). */
static const struct json_field json_top[] = {
	{ "assessment", 0, true }, { "importance", 0, false },
	{ "targets", 0, false }, { "answers", 0, false },
};

/* A JSON list of objects into a calloc'ed raw array; NULL v is empty. */
static void *
json_list(struct loader *l, const json_t *v, const char *key, size_t size,
    const struct json_field *fields, size_t n_fields, unsigned *count,
    const char *const *skip)
{
	char *items;
	char node[64];

	*count = 0;
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		aerror(l, key, "expected a list, found %s", json_kind(v));
		return NULL;
	}
	items = xcalloc(json_array_size(v), size);
	for (size_t i = 0; i < json_array_size(v); i++) {
		snprintf(node, sizeof(node), "%s[%zu]", key, i);
		json_fields(l, json_array_get(v, i), node, fields, n_fields,
		    items + i * size, skip);
	}
	*count = (unsigned)json_array_size(v);
	return items;
}

static void
json_evidence(struct loader *l, const json_t *obj, struct raw_answer *ra,
    size_t i)
{
	const json_t *ev = json_is_object(obj) ?
	    json_object_get(obj, "evidence") : NULL;
	char node[64];

	if (ev == NULL || json_is_null(ev))
		return;
	snprintf(node, sizeof(node), "answers[%zu].evidence", i);
	if (!json_is_array(ev)) {
		aerror(l, node, "expected a list, found %s", json_kind(ev));
		return;
	}
	ra->evidence = xcalloc(json_array_size(ev), sizeof(char *));
	ra->evidence_count = (unsigned)json_array_size(ev);
	for (size_t e = 0; e < json_array_size(ev); e++) {
		snprintf(node, sizeof(node), "answers[%zu].evidence[%zu]", i, e);
		ra->evidence[e] = json_scalar(l, json_array_get(ev, e), node);
		if (ra->evidence[e] == NULL)
			ra->evidence[e] = xstrdup("");
	}
}

/* The evidence and candidates of JSON answer i. */
static void
json_answer_lists(struct loader *l, const json_t *obj, struct raw_answer *ra,
    unsigned i)
{
	char node[64];

	json_evidence(l, obj, ra, i);
	snprintf(node, sizeof(node), "answers[%u].candidates", i);
	ra->candidates = json_list(l, json_is_object(obj) ?
	    json_object_get(obj, "candidates") : NULL, node,
	    sizeof(struct raw_candidate), json_candidate,
	    ARRAY_SIZE(json_candidate), &ra->candidates_count, NULL);
}

static void
raw_free_json(struct raw_answers *raw)
{
	if (raw == NULL)
		return;
	if (raw->assessment != NULL) {
		struct raw_assessment *as = raw->assessment;

		free(as->questionnaire);
		free(as->questionnaire_version);
		free(as->profile);
		free(as->organisation);
		free(as->scope);
		free(as->assessor);
		free(as->date);
		free(as->type);
		free(as->style);
		free(as);
	}
	for (unsigned i = 0; i < raw->importance_count; i++) {
		free(raw->importance[i].area);
		free(raw->importance[i].importance);
	}
	free(raw->importance);
	for (unsigned i = 0; i < raw->targets_count; i++) {
		free(raw->targets[i].area);
		free(raw->targets[i].level);
	}
	free(raw->targets);
	for (unsigned i = 0; i < raw->answers_count; i++) {
		struct raw_answer *ra = &raw->answers[i];

		free(ra->id);
		free(ra->value);
		free(ra->na);
		free(ra->na_reason);
		free(ra->comment);
		free(ra->assessor);
		free(ra->resolution);
		for (unsigned e = 0; e < ra->evidence_count; e++)
			free(ra->evidence[e]);
		free(ra->evidence);
		for (unsigned c = 0; c < ra->candidates_count; c++) {
			struct raw_candidate *rc = &ra->candidates[c];

			free(rc->assessor);
			free(rc->value);
			free(rc->na);
			free(rc->na_reason);
			free(rc->comment);
		}
		free(ra->candidates);
	}
	free(raw->answers);
	free(raw);
}

/*
 * True, with one error, when root is a file socassess wrote (a report or
 * a portfolio, named by its "format") rather than an answers file: its
 * keys are no typos, so they are not listed one by one.
 */
static bool
is_report(struct loader *l, const json_t *root)
{
	const char *format = json_string_value(json_object_get(root,
	    "format"));
	const char *what = "a file written by socassess", *from = "file";

	if (format == NULL || strncmp(format, "socassess-", 10) != 0)
		return false;
	if (strncmp(format + 10, "report/", 7) == 0)
		what = "a socassess report";
	else if (strncmp(format + 10, "portfolio/", 10) == 0) {
		what = "a socassess portfolio";
		from = "files";
	}
	ck_error(&l->ck, "format", "this is %s (format %s), not an answers "
	    "file: validate or score the answers %s it was made from", what,
	    format, from);
	return true;
}

/* The token jansson names ("near 'X'"): X and its length, or NULL. */
static const char *
json_error_near(const json_error_t *e, size_t *n)
{
	const char *near = strstr(e->text, " near '");
	size_t len;

	if (near == NULL || (len = strlen(near + 7)) == 0)
		return NULL;
	*n = len - 1;   /* without the closing quote */
	return near + 7;
}

/*
 * Where jansson's problem is. Its column is that of the last character
 * it read, and it names the token it was reading: a character it
 * refuses inside a text is the next one, a bad escape is at that
 * column, and any other problem is the token, which starts where its
 * text does (on the same line: a line break ends a token).
 */
static struct soc_pos
json_error_pos(const json_error_t *e)
{
	struct soc_pos p = { e->line > 0 ? (unsigned)e->line : 0,
	    e->column > 0 ? (unsigned)e->column : 1 };
	size_t n = 0, chars = 0;
	const char *near = json_error_near(e, &n);

	if (json_error_code(e) == json_error_invalid_utf8 ||
	    strncmp(e->text, "control character", 17) == 0 ||
	    strncmp(e->text, "unexpected newline", 18) == 0)
		p.column++;
	else if (near != NULL && strncmp(e->text, "invalid escape", 14) != 0) {
		for (size_t i = 0; i < n; i++)
			chars += ((unsigned char)near[i] & 0xc0) != 0x80;
		if (chars > 0 && chars <= p.column)
			p.column -= (unsigned)chars - 1;
	}
	return p;
}

/* The repeated key the YAML scan of a JSON file found, or NULL. */
static const struct soc_error *
scan_duplicate(const struct loader *l)
{
	for (size_t i = 0; l->scan != NULL && i < l->scan->n; i++)
		if (l->scan->items[i].code == SOC_E_DUPLICATE_KEY &&
		    l->scan->items[i].line > 0)
			return &l->scan->items[i];
	return NULL;
}

/* jansson's problem in our words, at its place. */
static void
report_json_error(struct loader *l, const json_error_t *e)
{
	struct soc_pos p = json_error_pos(e);
	size_t n = 0;
	const char *near = json_error_near(e, &n);
	const struct soc_error *dup;

	/* The same words as YAML for the same problems. */
	if (json_error_code(e) == json_error_out_of_memory)
		soc_error_code_at(l->ck.errs, SOC_E_OUT_OF_MEMORY, l->ck.path,
		    NULL, "out of memory");
	else if (json_error_code(e) == json_error_null_character)
		soc_error_code_at(l->ck.errs, SOC_E_NOT_ALLOWED, l->ck.path,
		    &p, "%s", YAMLFILE_NUL_MESSAGE);
	else if (json_error_code(e) == json_error_duplicate_key &&
	    (dup = scan_duplicate(l)) != NULL) {
		/* The YAML scan's words: where the key was first, and in what. */
		struct soc_pos at = { dup->line, dup->column };

		soc_error_code_at(l->ck.errs, SOC_E_DUPLICATE_KEY, l->ck.path,
		    &at, "%s", dup->text);
	} else if (json_error_code(e) == json_error_duplicate_key &&
	    near != NULL && n >= 2)
		/* X is the key as written, in its quotes. */
		soc_error_code_at(l->ck.errs, SOC_E_DUPLICATE_KEY, l->ck.path,
		    &p, "key '%.*s' appears twice", (int)n - 2, near + 1);
	else if (json_error_code(e) == json_error_numeric_overflow &&
	    near != NULL)
		soc_error_code_at(l->ck.errs, SOC_E_INVALID_VALUE, l->ck.path,
		    &p, "number '%.*s' is out of range", (int)n, near);
	else
		soc_error_code_at(l->ck.errs, SOC_E_SYNTAX, l->ck.path,
		    p.line > 0 ? &p : NULL, "JSON syntax error: %s", e->text);
}

/*
 * The JSON document in data, size-capped; NULL with an error placed
 * where the problem is, worded as the YAML loader words the same
 * problems. A leading byte order mark is skipped, as in YAML.
 */
static json_t *
json_parse_capped(struct loader *l, const char *data, size_t len)
{
	json_error_t jerr;
	json_t *root;
	size_t bom;

	if (yamlfile_json_values(data, len) > YAMLFILE_MAX_NODES) {
		soc_error_code_at(l->ck.errs, SOC_E_TOO_LARGE, l->ck.path,
		    NULL, "%s", YAMLFILE_NODES_MESSAGE);
		return NULL;
	}
	bom = utf8_bom_len(data, len);
	data += bom;
	len -= bom;
	if (strspn(data, " \t\r\n") == len) {
		struct soc_pos start = { 1, 1 };

		soc_error_code_at(l->ck.errs, SOC_E_EMPTY, l->ck.path, &start,
		    "file is empty");
		return NULL;
	}
	memset(&jerr, 0, sizeof(jerr));
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		report_json_error(l, &jerr);
	return root;
}

/* Parse JSON text into raw structs; NULL with errors on failure. */
static struct raw_answers *
json_load_raw(struct loader *l, const char *data, size_t len)
{
	struct raw_answers *raw;
	json_t *root, *v;
	const char *key;
	size_t before = l->ck.errs->n_errors;

	root = json_parse_capped(l, data, len);
	if (root == NULL)
		return NULL;
	if (!json_is_object(root)) {
		aerror(l, "", "expected a mapping at the top, found %s",
		    json_kind(root));
		json_decref(root);
		return NULL;
	}
	if (is_report(l, root)) {
		json_decref(root);
		return NULL;
	}
	raw = xcalloc(1, sizeof(*raw));
	json_object_foreach(root, key, v) {
		size_t i = 0;

		while (i < ARRAY_SIZE(json_top) &&
		    strcmp(key, json_top[i].key) != 0)
			i++;
		if (i == ARRAY_SIZE(json_top))
			unknown_key(l, key, key, json_top,
			    ARRAY_SIZE(json_top), NULL);
	}
	v = json_object_get(root, "assessment");
	if (v == NULL)
		aerror(l, "", "missing required field 'assessment'");
	else {
		raw->assessment = xcalloc(1, sizeof(*raw->assessment));
		json_fields(l, v, "assessment", json_assessment,
		    ARRAY_SIZE(json_assessment), raw->assessment, NULL);
	}
	raw->importance = json_list(l, json_object_get(root, "importance"),
	    "importance", sizeof(struct raw_importance), json_importance,
	    ARRAY_SIZE(json_importance), &raw->importance_count, NULL);
	raw->targets = json_list(l, json_object_get(root, "targets"),
	    "targets", sizeof(struct yaml_area_target), json_target,
	    ARRAY_SIZE(json_target), &raw->targets_count, NULL);
	v = json_object_get(root, "answers");
	raw->answers = json_list(l, v, "answers", sizeof(struct raw_answer),
	    json_answer, ARRAY_SIZE(json_answer), &raw->answers_count,
	    answer_lists);
	for (unsigned i = 0; i < raw->answers_count; i++)
		json_answer_lists(l, json_array_get(v, i), &raw->answers[i], i);
	json_decref(root);
	/* Unknown keys leave the rest to check, as in YAML. */
	if (l->ck.errs->n_errors - before > l->unknown_keys) {
		raw_free_json(raw);
		return NULL;
	}
	return raw;
}

/* Checks ---------------------------------------------------------------- */

/* An optional text field: blank means absent; must be valid UTF-8. */
static char *
check_optional_text(struct loader *l, const char *node, const char *what,
    const char *s)
{
	if (str_blank(s))
		return NULL;
	if (!utf8_valid(s)) {
		aerror(l, node, "%s is not valid UTF-8", what);
		return NULL;
	}
	return xstrdup(s);
}

/*
 * The node of a field of answer i ("answers[3].value") for a message,
 * made only when there is one: most answers of a batch have none.
 */
static const char *
answer_node(struct loader *l, unsigned i, const char *field)
{
	return ck_node(&l->ck, "answers[%u].%s", i, field);
}

/*
 * Same for a field of answer i: its node is only made when there is a
 * text to check (most answers have none).
 */
static char *
check_answer_text(struct loader *l, unsigned i, const char *field,
    const char *what, const char *s)
{
	if (str_blank(s))
		return NULL;
	return check_optional_text(l, answer_node(l, i, field), what, s);
}

static char *
check_choice(struct loader *l, const char *node, const char *what,
    const char *s, const char *const *names, size_t n)
{
	struct strbuf list = STRBUF_INIT;

	if (str_blank(s))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0)
			return xstrdup(s);
	}
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(&list, i > 0 ? (i + 1 == n ? " or " : ", ") : "");
		strbuf_addstr(&list, names[i]);
	}
	aerror(l, node, "unknown %s '%s' (expected %s)", what, s, list.buf);
	strbuf_release(&list);
	return NULL;
}

static void
list_profiles(const struct model *m, struct strbuf *sb)
{
	for (size_t p = 0; p < m->n_profiles; p++)
		strbuf_addf(sb, "%s%s", p > 0 ? ", " : "", m->profiles[p].id);
}

/* Metadata; returns false when the questionnaire or profile is unusable. */
static bool
check_assessment(struct loader *l, const struct raw_assessment *ra,
    struct answers *a)
{
	struct answers_meta *me = &a->meta;
	const struct questionnaire *q = NULL;
	struct strbuf profiles = STRBUF_INIT;
	int pi;

	me->questionnaire = xstrdup(ra->questionnaire);
	if (str_blank(ra->questionnaire))
		aerror(l, "assessment.questionnaire",
		    "questionnaire must not be empty");
	else if ((q = catalog_questionnaire(l->cat, ra->questionnaire)) ==
	    NULL) {
		char *why = catalog_unknown_questionnaire(l->cat,
		    ra->questionnaire);

		aerror(l, "assessment.questionnaire", "%s", why);
		free(why);
	}
	me->questionnaire_version = check_optional_text(l,
	    "assessment.questionnaire_version", "questionnaire version",
	    ra->questionnaire_version);
	if (q != NULL && me->questionnaire_version != NULL &&
	    strcmp(me->questionnaire_version, q->version) != 0)
		awarning(l, "assessment.questionnaire_version",
		    "answers were given for version %s of questionnaire '%s', "
		    "scoring with version %s", me->questionnaire_version, q->id,
		    q->version);
	me->profile = xstrdup(ra->profile);
	me->organisation = check_optional_text(l, "assessment.organisation",
	    "organisation", ra->organisation);
	me->scope = check_optional_text(l, "assessment.scope", "scope",
	    ra->scope);
	me->assessor = check_optional_text(l, "assessment.assessor",
	    "assessor", ra->assessor);
	if (!str_blank(ra->date)) {
		char *why = date_problem(ra->date);

		if (why == NULL)
			me->date = xstrdup(ra->date);
		else
			aerror(l, "assessment.date", "date '%s' %s", ra->date,
			    why);
		free(why);
	}
	me->type = check_choice(l, "assessment.type", "assessment type",
	    ra->type, assessment_types, ARRAY_SIZE(assessment_types));
	me->style = check_choice(l, "assessment.style", "assessment style",
	    ra->style, assessment_styles, ARRAY_SIZE(assessment_styles));
	if (q == NULL)
		return false;
	a->q = q;
	a->model = q->model;
	pi = model_find_profile(q->model, ra->profile);
	if (pi < 0) {
		list_profiles(q->model, &profiles);
		aerror(l, "assessment.profile", "unknown profile '%s' for "
		    "model '%s' (expected one of: %s)", ra->profile,
		    q->model->id, profiles.buf);
		strbuf_release(&profiles);
		return false;
	}
	a->profile = (size_t)pi;
	return true;
}

void
answers_init_areas(struct answers *a)
{
	const struct model *m = a->model;
	const struct profile *p = &m->profiles[a->profile];

	a->area_weight = xcalloc(m->n_areas, sizeof(*a->area_weight));
	a->weight_overridden = xcalloc(m->n_areas,
	    sizeof(*a->weight_overridden));
	a->area_importance = xcalloc(m->n_areas,
	    sizeof(*a->area_importance));
	a->area_target = xcalloc(m->n_areas, sizeof(*a->area_target));
	a->target_overridden = xcalloc(m->n_areas,
	    sizeof(*a->target_overridden));
	for (size_t i = 0; i < m->n_areas; i++) {
		a->area_weight[i] = m->areas[i].weight;
		a->area_importance[i] = m->areas[i].importance;
		a->area_target[i] = p->area_target[i];
	}
}

static void
check_overrides(struct loader *l, const struct raw_answers *raw,
    struct answers *a)
{
	const struct model *m = a->model;
	double max = model_max_level(m);

	answers_init_areas(a);
	for (unsigned i = 0; i < raw->importance_count; i++) {
		const struct raw_importance *ri = &raw->importance[i];
		int ai = model_find_area(m, ri->area);
		const struct importance *imp;

		if (ai < 0) {
			aerror(l, ck_node(&l->ck, "importance[%u].area", i),
			    "unknown area '%s' in model '%s'", ri->area, m->id);
			continue;
		}
		if (a->weight_overridden[ai]) {
			aerror(l, ck_node(&l->ck, "importance[%u].area", i),
			    "the importance of area '%s' is set twice",
			    ri->area);
			continue;
		}
		imp = model_find_importance(m, ri->importance);
		if (imp == NULL) {
			aerror(l, ck_node(&l->ck, "importance[%u].importance",
			    i), "unknown importance '%s' for area '%s'",
			    ri->importance, ri->area);
			continue;
		}
		a->area_weight[ai] = imp->weight;
		a->area_importance[ai] = imp->name;
		a->weight_overridden[ai] = true;
	}
	for (unsigned i = 0; i < raw->targets_count; i++) {
		const struct yaml_area_target *rt = &raw->targets[i];
		int ai = model_find_area(m, rt->area);
		double level;

		if (ai < 0) {
			aerror(l, ck_node(&l->ck, "targets[%u].area", i),
			    "unknown area '%s' in model '%s'", rt->area, m->id);
			continue;
		}
		if (a->target_overridden[ai]) {
			aerror(l, ck_node(&l->ck, "targets[%u].area", i),
			    "the target of area '%s' is set twice", rt->area);
			continue;
		}
		if (!parse_double(rt->level, &level) || level < 0 ||
		    level > max) {
			aerror(l, ck_node(&l->ck, "targets[%u].level", i),
			    "target level '%s' must be a number from 0 to %d",
			    rt->level, (int)max);
			continue;
		}
		a->area_target[ai] = level;
		a->target_overridden[ai] = true;
	}
}

static void
option_list(const struct question *qu, char *buf, size_t size)
{
	size_t n = 0;
	char num[32];

	buf[0] = '\0';
	for (size_t i = 0; i < qu->n_options && n + 1 < size; i++) {
		int w;

		format_number_short(num, sizeof(num), qu->options[i].value);
		w = snprintf(buf + n, size - n, "%s%s", i > 0 ? ", " : "",
		    num);
		if (w < 0)
			break;
		n += (size_t)w;
	}
}

/*
 * The answers' ids, each looked up once in the questionnaire: the
 * question each names (-1: blank or unknown), and each question's first
 * answer (-1: none yet), which tells a repeated one.
 */
struct id_lookup {
	int *question;
	long *first;
};

static void
id_lookup_init(struct id_lookup *look, const struct raw_answers *raw,
    const struct questionnaire *q)
{
	look->question = xcalloc(raw->answers_count, sizeof(*look->question));
	for (unsigned i = 0; i < raw->answers_count; i++) {
		const char *id = raw->answers[i].id;

		look->question[i] = str_blank(id) ? -1 :
		    questionnaire_find(q, id);
	}
	look->first = xcalloc(q->n_questions, sizeof(*look->first));
	for (size_t qi = 0; qi < q->n_questions; qi++)
		look->first[qi] = -1;
}

static void
id_lookup_release(struct id_lookup *look)
{
	free(look->question);
	free(look->first);
}

/*
 * The question an answer's id names, or -1 with an error when the id is
 * empty, unknown or answered earlier in the file.
 */
static int
answer_question(struct loader *l, const struct raw_answer *ra, unsigned i,
    const struct questionnaire *q, struct id_lookup *look)
{
	struct soc_pos p;
	char first_node[64];
	long first;
	int qi;

	if (str_blank(ra->id)) {
		aerror(l, answer_node(l, i, "id"),
		    "answer id must not be empty");
		return -1;
	}
	qi = look->question[i];
	if (qi < 0 && l->other_questionnaire)
		return -1;
	if (qi < 0) {
		aerror(l, answer_node(l, i, "id"), "unknown question '%s' "
		    "in questionnaire '%s'", ra->id, q->id);
		return -1;
	}
	if ((first = look->first[qi]) < 0) {
		look->first[qi] = i;
		return qi;
	}
	snprintf(first_node, sizeof(first_node), "answers[%ld]", first);
	if (yaml_positions_find(l->ck.pos, first_node, &p))
		aerror(l, answer_node(l, i, "id"), "question '%s' is "
		    "answered twice (first on line %u)", ra->id, p.line);
	else
		aerror(l, answer_node(l, i, "id"), "question '%s' is "
		    "answered twice (first at %s)", ra->id, first_node);
	return -1;
}

/* The value, unless the answer is N/A; false after an error. */
static bool
check_value(struct loader *l, const struct raw_answer *ra, unsigned i,
    const struct question *qu, struct answer *out)
{
	char opts[256];

	if (yaml_empty(ra->value))
		return true;
	if (out->na) {
		aerror(l, answer_node(l, i, "value"), "question '%s' has "
		    "both a value and na: true", ra->id);
		return false;
	}
	if (!parse_double(ra->value, &out->value)) {
		aerror(l, answer_node(l, i, "value"), "value '%s' of "
		    "question '%s' is not a number", ra->value, ra->id);
		return false;
	}
	out->option = question_find_option(qu, out->value);
	if (out->option < 0) {
		option_list(qu, opts, sizeof(opts));
		aerror(l, answer_node(l, i, "value"), "value '%s' is not "
		    "an option of question '%s' (expected one of %s)",
		    ra->value, ra->id, opts);
		return false;
	}
	out->has_value = true;
	return true;
}

/*
 * na and its reason. A file written before na_reason existed gave the
 * reason as the comment: without na_reason, that comment becomes the
 * reason. False after an error.
 */
static bool
check_na(struct loader *l, const struct raw_answer *ra, unsigned i,
    struct answer *out)
{
	const char *reason = ra->na_reason;

	if (!yaml_empty(ra->na) && !parse_bool(ra->na, &out->na)) {
		aerror(l, ck_node(&l->ck, "answers[%u].na", i),
		    "na '%s' must be true or false", ra->na);
		return false;
	}
	if (!out->na) {
		if (str_blank(reason))
			return true;
		aerror(l, ck_node(&l->ck, "answers[%u].na_reason", i),
		    "question '%s' has an na_reason but is not marked "
		    "na: true", ra->id);
		return false;
	}
	if (str_blank(reason))
		reason = ra->comment;
	if (str_blank(reason)) {
		aerror(l, ck_node(&l->ck, "answers[%u]", i), "question '%s' "
		    "is marked N/A without a reason: say why in na_reason",
		    ra->id);
		return false;
	}
	out->na_reason = check_optional_text(l, ck_node(&l->ck,
	    reason == ra->comment ? "answers[%u].comment" :
	    "answers[%u].na_reason", i), "N/A reason", reason);
	return out->na_reason != NULL;
}

/* Comment (unless it became the N/A reason), assessor and evidence. */
static void
check_texts(struct loader *l, const struct raw_answer *ra, unsigned i,
    struct answer *out)
{
	if (!(out->na && str_blank(ra->na_reason)))
		out->comment = check_answer_text(l, i, "comment", "comment",
		    ra->comment);
	out->assessor = check_answer_text(l, i, "assessor", "assessor",
	    ra->assessor);
	/* Most answers have none: no allocation then (NULL, 0). */
	if (ra->evidence_count > 0)
		out->evidence = xcalloc(ra->evidence_count, sizeof(char *));
	for (unsigned e = 0; e < ra->evidence_count; e++) {
		const char *s = ra->evidence[e] ? ra->evidence[e] : "";

		if (!utf8_valid(s)) {
			aerror(l, ck_node(&l->ck, "answers[%u].evidence[%u]", i,
			    e), "evidence is not valid UTF-8");
			s = "";
		}
		out->evidence[out->n_evidence++] = xstrdup(s);
	}
}

/*
 * One candidate's value or N/A, node naming the candidate (not
 * l->ck.node: each problem is placed at its own key's value); false
 * after an error.
 */
static bool
check_candidate_answer(struct loader *l, const struct raw_candidate *rc,
    const char *node, const struct question *qu,
    struct answer_candidate *out)
{
	char opts[256];

	if (!yaml_empty(rc->na) && !parse_bool(rc->na, &out->na)) {
		aerror(l, ck_node(&l->ck, "%s.na", node), "na '%s' of a "
		    "candidate must be true or false", rc->na);
		return false;
	}
	if (out->na && !yaml_empty(rc->value)) {
		aerror(l, ck_node(&l->ck, "%s.value", node), "a candidate of "
		    "question '%s' has both a value and na: true", qu->id);
		return false;
	}
	if (out->na)
		return true;
	if (yaml_empty(rc->value)) {
		aerror(l, node, "a candidate of question '%s' needs a value or "
		    "na: true", qu->id);
		return false;
	}
	if (!parse_double(rc->value, &out->value) ||
	    question_find_option(qu, out->value) < 0) {
		option_list(qu, opts, sizeof(opts));
		aerror(l, ck_node(&l->ck, "%s.value", node), "candidate value "
		    "'%s' is not an option of question '%s' (expected one of "
		    "%s)", rc->value, qu->id, opts);
		return false;
	}
	out->has_value = true;
	return true;
}

/*
 * The candidates of a conflicted answer (written by socassess merge) and
 * how the conflict was resolved; false after an error.
 */
static bool
check_candidates(struct loader *l, const struct raw_answer *ra, unsigned i,
    const struct question *qu, struct answer *out)
{
	bool ok = true;

	out->resolution = check_answer_text(l, i, "resolution", "resolution",
	    ra->resolution);
	if (ra->candidates_count > 0)
		out->candidates = xcalloc(ra->candidates_count,
		    sizeof(*out->candidates));
	for (unsigned c = 0; c < ra->candidates_count; c++) {
		const struct raw_candidate *rc = &ra->candidates[c];
		struct answer_candidate *to = &out->candidates[c];
		char node[64];

		out->n_candidates++;
		snprintf(node, sizeof(node), "answers[%u].candidates[%u]", i,
		    c);
		if (!check_candidate_answer(l, rc, node, qu, to))
			ok = false;
		else if (to->na && str_blank(rc->na_reason)) {
			aerror(l, ck_node(&l->ck, "%s", node), "a candidate "
			    "of question '%s' is N/A without an na_reason",
			    qu->id);
			ok = false;
		}
		to->na_reason = to->na ? check_optional_text(l, ck_node(&l->ck,
		    "%s.na_reason", node), "N/A reason", rc->na_reason) : NULL;
		to->assessor = check_optional_text(l, ck_node(&l->ck,
		    "%s.assessor", node), "assessor", rc->assessor);
		to->comment = check_optional_text(l, ck_node(&l->ck,
		    "%s.comment", node), "comment", rc->comment);
	}
	return ok;
}

/* One answer; returns true when it is kept in a->items. */
static bool
check_answer(struct loader *l, const struct raw_answer *ra, unsigned i,
    struct answers *a, struct id_lookup *look, struct answer *out)
{
	int qi = answer_question(l, ra, i, a->q, look);
	bool ok;

	if (qi < 0)
		return false;
	memset(out, 0, sizeof(*out));
	out->id = xstrdup(ra->id);
	out->question = (size_t)qi;
	out->option = -1;
	ok = check_na(l, ra, i, out);
	ok = check_value(l, ra, i, &a->q->questions[qi], out) && ok;
	check_texts(l, ra, i, out);
	ok = check_candidates(l, ra, i, &a->q->questions[qi], out) && ok;
	if (ok && (out->has_value || out->na) &&
	    !questionnaire_applies(a->q, (size_t)qi, a->profile))
		awarning(l, ck_node(&l->ck, "answers[%u].id", i),
		    "question '%s' is not asked for profile '%s': its answer "
		    "is ignored", ra->id, a->model->profiles[a->profile].id);
	return true;
}

static void
answer_release(struct answer *an)
{
	free(an->id);
	free(an->na_reason);
	free(an->comment);
	free(an->assessor);
	for (size_t e = 0; e < an->n_evidence; e++)
		free(an->evidence[e]);
	free(an->evidence);
	for (size_t c = 0; c < an->n_candidates; c++) {
		free(an->candidates[c].assessor);
		free(an->candidates[c].na_reason);
		free(an->candidates[c].comment);
	}
	free(an->candidates);
	free(an->resolution);
}

/* How many of the answers' ids are questions of q. */
static unsigned
count_known(const struct raw_answers *raw, const struct questionnaire *q)
{
	unsigned known = 0;

	for (unsigned i = 0; i < raw->answers_count; i++) {
		const char *id = raw->answers[i].id;

		known += !str_blank(id) && questionnaire_find(q, id) >= 0;
	}
	return known;
}

/*
 * When most answers name questions that the file's questionnaire does
 * not have, the file is for another one: a single error says so, naming
 * the loaded questionnaire that has them, instead of one per answer.
 */
static void
check_questionnaire_match(struct loader *l, const struct raw_answers *raw,
    const struct answers *a, const struct id_lookup *look)
{
	const struct questionnaire *best = NULL;
	unsigned named = 0, unknown = 0, best_known = 0;

	for (unsigned i = 0; i < raw->answers_count; i++) {
		bool blank = str_blank(raw->answers[i].id);

		named += !blank;
		unknown += !blank && look->question[i] < 0;
	}
	if (unknown < 2 || unknown * 2 <= named)
		return;
	l->other_questionnaire = true;
	for (size_t i = 0; l->cat != NULL && i < l->cat->n_questionnaires;
	    i++) {
		const struct questionnaire *q = l->cat->questionnaires[i];
		unsigned known = q != a->q ? count_known(raw, q) : 0;

		if (known > best_known) {
			best = q;
			best_known = known;
		}
	}
	if (best != NULL && best_known * 2 > named)
		aerror(l, "assessment.questionnaire", "the answers are for "
		    "questionnaire '%s', not '%s': %u of the %u answer ids "
		    "are its questions (set questionnaire: %s)", best->id,
		    a->q->id, best_known, named, best->id);
	else
		aerror(l, "assessment.questionnaire", "%u of the %u answer ids "
		    "are no questions of questionnaire '%s': is the file for "
		    "another questionnaire?", unknown, named, a->q->id);
}

static void
check_answers(struct loader *l, const struct raw_answers *raw,
    struct answers *a)
{
	struct id_lookup look;

	id_lookup_init(&look, raw, a->q);
	check_questionnaire_match(l, raw, a, &look);
	a->by_question = xcalloc(a->q->n_questions, sizeof(*a->by_question));
	for (size_t i = 0; i < a->q->n_questions; i++)
		a->by_question[i] = -1;
	a->items = xcalloc(raw->answers_count, sizeof(*a->items));
	for (unsigned i = 0; i < raw->answers_count; i++) {
		struct answer *an = &a->items[a->n_items];

		if (!check_answer(l, &raw->answers[i], i, a, &look, an))
			continue;
		a->by_question[an->question] = (long)a->n_items++;
	}
	id_lookup_release(&look);
}

struct answers *
answers_load_data(const char *path, const char *data, size_t len,
    bool json, const struct catalog *cat, struct soc_errors *errs)
{
	struct loader l = { .ck = { .path = path }, .json = json, .cat = cat };
	struct raw_answers *raw = NULL;
	struct yaml_positions *pos = NULL;
	struct arena raw_mem = ARENA_INIT;  /* raw, when read from YAML */
	struct soc_errors found;
	struct answers *a;
	bool failed;

	soc_errors_init(&found);
	l.ck.errs = &found;
	if (json) {
		/*
		 * jansson keeps no places; JSON is YAML flow syntax, so the
		 * YAML scan finds them. Where it cannot, messages keep
		 * naming the node only.
		 */
		struct soc_errors scan;

		soc_errors_init(&scan);
		pos = yamlfile_scan_json(path, data, len, &scan);
		l.ck.pos = pos;
		l.scan = &scan;
		raw = json_load_raw(&l, data, len);
		l.scan = NULL;
		soc_errors_release(&scan);
	}
	else if (yamlfile_load_all(path, data, len, &answers_schema,
	    (void **)&raw, &pos, &raw_mem, &found) < 0)
		raw = NULL;
	if (raw == NULL) {
		arena_release(&raw_mem);
		yaml_positions_free(pos);
		soc_errors_move(errs, &found);
		return NULL;
	}
	l.ck.pos = pos;
	a = xcalloc(1, sizeof(*a));
	a->path = xstrdup(path);
	if (check_assessment(&l, raw->assessment, a)) {
		check_overrides(&l, raw, a);
		check_answers(&l, raw, a);
	}
	if (json)
		raw_free_json(raw);
	arena_release(&raw_mem);
	yaml_positions_free(pos);
	failed = found.n_errors > 0 || a->q == NULL;
	soc_errors_move(errs, &found);
	if (failed) {
		answers_free(a);
		return NULL;
	}
	return a;
}

/* True when path ends in ".json" (any case). */
static bool
is_json_path(const char *path)
{
	size_t n = strlen(path);

	return n >= 5 && strcasecmp(path + n - 5, ".json") == 0;
}

struct answers *
answers_load(const char *path, const struct catalog *cat,
    struct soc_errors *errs)
{
	struct answers *a;
	char *data;
	size_t len;

	if (yamlfile_read_capped(path, &data, &len, errs) < 0)
		return NULL;
	a = answers_load_data(path, data, len, is_json_path(path), cat, errs);
	free(data);
	return a;
}

void
answers_free(struct answers *a)
{
	struct answers_meta *me;

	if (a == NULL)
		return;
	me = &a->meta;
	free(me->questionnaire);
	free(me->questionnaire_version);
	free(me->profile);
	free(me->organisation);
	free(me->scope);
	free(me->assessor);
	free(me->date);
	free(me->type);
	free(me->style);
	for (size_t i = 0; i < a->n_items; i++)
		answer_release(&a->items[i]);
	free(a->items);
	free(a->by_question);
	free(a->area_weight);
	free(a->weight_overridden);
	free(a->area_importance);
	free(a->area_target);
	free(a->target_overridden);
	free(a->path);
	free(a);
}

const struct answer *
answers_get(const struct answers *a, size_t qi)
{
	long i = a->by_question[qi];

	return i >= 0 ? &a->items[i] : NULL;
}

bool
answer_in_conflict(const struct answer *an)
{
	return an != NULL && an->n_candidates > 0 && !an->has_value &&
	    !an->na;
}
