/*
 * Tests of the safe YAML layer (src/yamlfile.c): allocation failures
 * inside libcyaml at every possible point, the input size cap, alias
 * refusal, the node-path-to-place map, and number parsing under a
 * comma-decimal locale. Leaks show up under `make check-san`.
 */
#include "testutil.h"

#include <locale.h>
#include <unistd.h>

#include "socassess/model.h"
#include "socassess/questionnaire.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

/* A realloc-like cyaml_mem_fn_t that fails its fail_at-th allocation. */
struct failing_mem {
	unsigned long count;
	unsigned long fail_at;
	unsigned long failed;
};

static void *
failing_mem(void *ctx, void *ptr, size_t size)
{
	struct failing_mem *fm = ctx;

	if (size == 0) {
		free(ptr);
		return NULL;
	}
	if (++fm->count == fm->fail_at) {
		fm->failed++;
		return NULL;
	}
	return realloc(ptr, size);
}

/* One load of the sweep; returns true when it succeeded. */
typedef bool (*load_fn)(const char *path, struct model *const *models,
    struct soc_errors *errs);

static bool
load_model(const char *path, struct model *const *models,
    struct soc_errors *errs)
{
	struct model *m = model_load(path, errs);

	(void)models;
	model_free(m);
	return m != NULL;
}

static bool
load_questionnaire(const char *path, struct model *const *models,
    struct soc_errors *errs)
{
	struct questionnaire *q = questionnaire_load(path, models, 1, errs);

	questionnaire_free(q);
	return q != NULL;
}

/*
 * Fail the 1st, 2nd, ... allocation until a load needs fewer than k:
 * each failed load must say why and free what it had (ASan checks).
 */
static unsigned long
sweep(const char *rel, load_fn load, struct model *const *models)
{
	char *path = test_path(rel);
	unsigned long k;

	for (k = 1; k < 1000000; k++) {
		struct failing_mem fm = { .fail_at = k };
		struct soc_errors errs;
		bool ok;

		soc_errors_init(&errs);
		yamlfile_set_mem_fn(failing_mem, &fm);
		ok = load(path, models, &errs);
		yamlfile_set_mem_fn(NULL, NULL);
		if (ok) {
			/* Success only once no failure was injected. */
			assert_int_equal(fm.failed, 0);
			assert_int_equal(errs.n_errors, 0);
			soc_errors_release(&errs);
			break;
		}
		if (fm.failed != 1) {
			print_message("%s: load %lu failed with no injected "
			    "failure:\n", rel, k);
			test_print_errors(&errs);
			fail();
		}
		if (test_find_error(&errs, "out of memory", -1) == NULL) {
			print_message("%s: allocation %lu failed:\n", rel, k);
			assert_error_at(&errs, "out of memory", -1);
		}
		soc_errors_release(&errs);
	}
	free(path);
	return k - 1;
}

static void
test_alloc_failure_model(void **state)
{
	unsigned long n;

	(void)state;
	n = sweep("models/owasp-soc.yaml", load_model, NULL);
	print_message("model: %lu allocations, each failed once\n", n);
	assert_true(n > 100);
}

static void
test_alloc_failure_questionnaire(void **state)
{
	struct soc_errors errs;
	char *path = test_path("models/owasp-soc.yaml");
	struct model *m;
	unsigned long n;

	(void)state;
	soc_errors_init(&errs);
	m = model_load(path, &errs);
	assert_non_null(m);
	n = sweep("questionnaires/owasp-soc-quick.yaml", load_questionnaire,
	    &m);
	print_message("questionnaire: %lu allocations, each failed once\n", n);
	assert_true(n > 100);
	model_free(m);
	soc_errors_release(&errs);
	free(path);
}

/* A temporary file of size bytes: a comment line, then newlines. */
/* A new temporary file open for writing; *path is the caller's. */
static FILE *
open_temp(char **path)
{
	const char *tmp = getenv("TMPDIR");
	FILE *fp;
	int fd;

	*path = NULL;
	assert_true(asprintf(path, "%s/socassess-test-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp") > 0);
	fd = mkstemp(*path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	return fp;
}

static char *
make_big_file(size_t size)
{
	char *path;
	FILE *fp = open_temp(&path);

	fputs("# big\n", fp);
	for (size_t i = 6; i < size; i++)
		fputc('\n', fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static void
test_size_cap(void **state)
{
	struct soc_errors errs;
	char *path, *data = NULL;
	size_t len = 0;

	(void)state;
	soc_errors_init(&errs);
	/* Exactly at the cap: read. */
	path = make_big_file(YAMLFILE_MAX_SIZE);
	assert_int_equal(yamlfile_read_capped(path, &data, &len, &errs), 0);
	assert_int_equal(len, YAMLFILE_MAX_SIZE);
	assert_int_equal(data[len], '\0');
	free(data);
	unlink(path);
	free(path);
	assert_int_equal(errs.n, 0);

	/* One byte more: refused by yamlfile_read_capped and the loaders. */
	path = make_big_file(YAMLFILE_MAX_SIZE + 1);
	data = NULL;
	assert_int_equal(yamlfile_read_capped(path, &data, &len, &errs), -1);
	assert_null(data);
	assert_null(model_load(path, &errs));
	assert_int_equal(errs.n_errors, 2);
	for (size_t i = 0; i < errs.n; i++) {
		assert_string_equal(errs.items[i].path, path);
		assert_non_null(strstr(errs.items[i].text,
		    "larger than the limit of 8 MiB"));
	}
	unlink(path);
	free(path);
	soc_errors_release(&errs);
}

static void
test_alias_bomb(void **state)
{
	struct soc_errors errs;
	char *path = test_path("tests/data/model-bad/alias-bomb.yaml");

	(void)state;
	soc_errors_init(&errs);
	assert_null(model_load(path, &errs));
	assert_int_equal(errs.n_errors, 1);
	assert_error_at(&errs, "YAML aliases are not allowed", 2);
	soc_errors_release(&errs);
	free(path);
}

/* A small schema of our own for the map and load tests. */
struct item {
	char *id;
	char *value;
};

struct doc {
	char *name;
	struct item *items;
	unsigned items_count;
};

static const cyaml_schema_field_t item_fields[] = {
	YF_STR("id", YF_REQ, struct item, id),
	YF_STR("value", YF_OPT, struct item, value),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t item_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct item, item_fields),
};

static const cyaml_schema_field_t doc_fields[] = {
	YF_STR("name", YF_REQ, struct doc, name),
	YF_SEQ("items", YF_OPT, struct doc, items, &item_entry),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t doc_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct doc, doc_fields),
};

static const char doc_text[] =
    "name: test\n"
    "items:\n"
    "  - id: a\n"
    "    value: \"1\"\n"
    "  - {id: b, value: two}\n";

static void
assert_pos(const struct yaml_positions *pos, const char *path,
    unsigned line, unsigned column, bool exact)
{
	struct soc_pos p = { 0, 0 };
	bool found = exact ? yaml_positions_find(pos, path, &p) :
	    yaml_positions_nearest(pos, path, &p);

	if (!found || p.line != line || p.column != column)
		fail_msg("%s '%s': got %s %u:%u, want %u:%u",
		    exact ? "find" : "nearest", path,
		    found ? "found" : "not found", p.line, p.column, line,
		    column);
}

static void
test_positions(void **state)
{
	struct soc_errors errs;
	struct yaml_positions *pos;
	struct doc *d;
	struct soc_pos p;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(yamlfile_load_data("doc.yaml", doc_text,
	    strlen(doc_text), &doc_schema, (void **)&d, &pos, &errs), 0);
	assert_int_equal(errs.n, 0);
	assert_non_null(pos);
	assert_string_equal(d->name, "test");
	assert_int_equal(d->items_count, 2);
	assert_string_equal(d->items[1].value, "two");

	assert_pos(pos, "", 1, 1, true);
	assert_pos(pos, "name", 1, 7, true);
	assert_pos(pos, "items", 3, 3, true);
	assert_pos(pos, "items[0]", 3, 5, true);
	assert_pos(pos, "items[0].id", 3, 9, true);
	assert_pos(pos, "items[0].value", 4, 12, true);
	assert_pos(pos, "items[1]", 5, 5, true);
	assert_pos(pos, "items[1].value", 5, 20, true);
	/* Absent nodes: find fails, nearest climbs to a parent. */
	assert_false(yaml_positions_find(pos, "items[2]", &p));
	assert_false(yaml_positions_find(pos, "items[1].weight", &p));
	assert_false(yaml_positions_find(pos, "item", &p));
	assert_pos(pos, "items[1].weight", 5, 5, false);
	assert_pos(pos, "items[1].value.deeper[3]", 5, 20, false);
	assert_pos(pos, "items[7].id", 3, 3, false);
	assert_pos(pos, "nothing.at.all", 1, 1, false);
	assert_pos(pos, "items[0]", 3, 5, false);
	/* No map: nothing is found, and no crash. */
	assert_false(yaml_positions_find(NULL, "name", &p));
	assert_false(yaml_positions_nearest(NULL, "name", &p));
	yaml_positions_free(NULL);

	yaml_positions_free(pos);
	yamlfile_free(&doc_schema, d);
	yamlfile_free(&doc_schema, NULL);
	soc_errors_release(&errs);
}

/* libcyaml's schema errors arrive with our place and node path. */
static void
test_schema_error_place(void **state)
{
	static const char text[] =
	    "name: test\n"
	    "items:\n"
	    "  - {id: a}\n"
	    "  - value: 2\n";
	struct soc_errors errs;
	struct yaml_positions *pos = (void *)1;
	struct doc *d = (void *)1;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(yamlfile_load_data("doc.yaml", text, strlen(text),
	    &doc_schema, (void **)&d, &pos, &errs), -1);
	assert_null(d);
	assert_null(pos);
	assert_error_at(&errs, "missing required field 'id' (at items[1])",
	    4);
	assert_string_equal(errs.items[0].path, "doc.yaml");
	soc_errors_release(&errs);
}

/* errs holds exactly one error, of kind code, on line (column known). */
static void
assert_one_code(const struct soc_errors *errs, enum soc_error_code code,
    unsigned line)
{
	if (errs->n != 1 || errs->items[0].code != code ||
	    errs->items[0].line != line) {
		print_message("expected one error of code %d on line %u:\n",
		    (int)code, line);
		test_print_errors(errs);
		fail();
	}
	if (line > 0)
		assert_true(errs->items[0].column > 0);
}

/* Each kind of broken input gets its code and its place. */
static void
test_error_codes(void **state)
{
	static const struct {
		const char *text;
		enum soc_error_code code;
		unsigned line;
	} scans[] = {
		{ "a: 1\nb: [1, 2\n", SOC_E_SYNTAX, 3 },
		{ "a: 1\nb: 2\na: 3\n", SOC_E_DUPLICATE_KEY, 3 },
		{ "a: &x 1\nb: *x\n", SOC_E_NOT_ALLOWED, 2 },
		{ "a: 1\n---\nb: 2\n", SOC_E_NOT_ALLOWED, 2 },
		{ "? [a]\n: 1\n", SOC_E_WRONG_TYPE, 1 },
		{ "", SOC_E_EMPTY, 1 },
	}, loads[] = {
		{ "name: x\nnmae: y\n", SOC_E_UNKNOWN_KEY, 2 },
		{ "items: []\n", SOC_E_MISSING_FIELD, 1 },
		{ "name: [1]\n", SOC_E_WRONG_TYPE, 1 },
	};
	struct soc_errors errs;
	char deep[200];
	void *d;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(scans); i++) {
		soc_errors_init(&errs);
		assert_null(yamlfile_scan_data("t.yaml", scans[i].text,
		    strlen(scans[i].text), &errs));
		assert_one_code(&errs, scans[i].code, scans[i].line);
		soc_errors_release(&errs);
	}
	for (size_t i = 0; i < ARRAY_SIZE(loads); i++) {
		soc_errors_init(&errs);
		assert_int_equal(yamlfile_load_data("t.yaml", loads[i].text,
		    strlen(loads[i].text), &doc_schema, &d, NULL, &errs), -1);
		assert_one_code(&errs, loads[i].code, loads[i].line);
		soc_errors_release(&errs);
	}
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	soc_errors_init(&errs);
	assert_null(yamlfile_scan_data("t.yaml", deep, strlen(deep), &errs));
	assert_one_code(&errs, SOC_E_TOO_DEEP, 1);
	soc_errors_release(&errs);
	soc_errors_init(&errs);
	assert_null(yamlfile_scan("/nonexistent.yaml", &errs));
	assert_one_code(&errs, SOC_E_IO, 0);
	soc_errors_release(&errs);
}

static void
test_scan(void **state)
{
	struct soc_errors errs;
	char *ok = test_path("tests/data/model-ok/mini.yaml");
	char *bad = test_path("tests/data/model-bad/tab-indent.yaml");
	struct yaml_positions *pos;
	struct soc_pos p;

	(void)state;
	soc_errors_init(&errs);
	pos = yamlfile_scan(ok, &errs);
	assert_non_null(pos);
	assert_true(yaml_positions_find(pos, "domains[1].areas[0].id", &p));
	assert_int_equal(p.line, 30);
	yaml_positions_free(pos);
	assert_int_equal(errs.n, 0);
	assert_null(yamlfile_scan(bad, &errs));
	assert_error_at(&errs, "YAML syntax error", 5);
	assert_null(yamlfile_scan("/nonexistent.yaml", &errs));
	assert_error_at(&errs, "cannot open '/nonexistent.yaml'", 0);
	soc_errors_release(&errs);
	free(ok);
	free(bad);
}

/* libcyaml and strtod follow LC_NUMERIC: "1.5" must stay 1.5 anyway. */
static void
test_comma_locale(void **state)
{
	struct soc_errors errs;
	char *mpath = test_path("tests/data/model-ok/mini.yaml");
	char *lpath = test_path("tests/data/model-ok/levels.yaml");
	char *qpath = test_path("tests/data/questionnaire-ok/levels-q.yaml");
	struct model *m, *lm;
	struct questionnaire *q;
	char buf[32];
	double v = 0;

	(void)state;
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL) {
		print_message("locale de_DE.UTF-8 is not installed: skipped\n");
		free(mpath);
		free(lpath);
		free(qpath);
		skip();
	}
	snprintf(buf, sizeof(buf), "%.1f", 1.5);
	assert_string_equal(buf, "1,5"); /* the locale is really active */
	soc_errors_init(&errs);
	m = model_load(mpath, &errs);
	lm = model_load(lpath, &errs);
	q = lm != NULL ? questionnaire_load(qpath, &lm, 1, &errs) : NULL;
	assert_true(parse_double("2.25", &v));
	format_number_short(buf, sizeof(buf), 1.5);
	setlocale(LC_ALL, "C");
	assert_true(v == 2.25);
	assert_string_equal(buf, "1.5");
	assert_no_errors(&errs);
	assert_non_null(m);
	assert_non_null(q);
	assert_true(m->areas[model_find_area(m, "scope")].weight == 1.5);
	assert_true(m->profiles[1].target == 1.5);
	assert_true(q->questions[2].weight == 0.5);
	assert_true(q->questions[0].options[1].value == 0.5);
	questionnaire_free(q);
	model_free(lm);
	model_free(m);
	soc_errors_release(&errs);
	free(mpath);
	free(lpath);
	free(qpath);
}

/* Write text to a new temporary file; caller unlinks and frees. */
static char *
write_temp(const char *text)
{
	char *path;
	FILE *fp = open_temp(&path);

	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/*
 * One quick look: keys[0] and keys[1] of text, compared with want0 and
 * want1 (NULL: not found).
 */
static void
assert_peek(const char *text, const char *key0, const char *key1,
    const char *want0, const char *want1)
{
	const char *keys[2] = { key0, key1 };
	const char *want[2] = { want0, want1 };
	char *path = write_temp(text);
	char *got[2];

	yamlfile_peek(path, keys, 2, got);
	for (int i = 0; i < 2; i++) {
		if (want[i] == NULL)
			assert_null(got[i]);
		else {
			assert_non_null(got[i]);
			assert_string_equal(got[i], want[i]);
		}
		free(got[i]);
	}
	unlink(path);
	free(path);
}

static void
test_peek(void **state)
{
	char *got = (char *)1;
	const char *key = "id";

	(void)state;
	/* Top-level and nested keys, block and flow style, JSON. */
	assert_peek("# c\nid: q1\nmodel: \"m 1\"\n", "id", "model", "q1",
	    "m 1");
	assert_peek("assessment:\n  profile: p\n  questionnaire: 'x-y'\n",
	    "assessment.questionnaire", "assessment.profile", "x-y", "p");
	assert_peek("{\"assessment\": {\"questionnaire\": \"j\"}, "
	    "\"answers\": []}", "assessment.questionnaire", "answers", "j",
	    NULL);
	/* Only plain values at exactly that path count. */
	assert_peek("id: [a]\nother:\n  id: b\nlist:\n  - id: c\n",
	    "id", "other.id", NULL, "b");
	assert_peek("\"\": {id: nested}\nid: top\n", "id", ".id", "top",
	    "nested");
	assert_peek("assessment: x\nquestionnaire: q\n",
	    "assessment.questionnaire", "questionnaire", NULL, "q");
	assert_peek("? [complex]\n: {id: no}\nid: yes\n", "id", "x", "yes",
	    NULL);
	/* Found before a syntax error further down: still found. */
	assert_peek("id: early\nmodel: m\nquestions: [\n", "id", "model",
	    "early", "m");
	/* A syntax error first, a second document, a bare value: none. */
	assert_peek("x: [\nid: late\n", "id", "model", NULL, NULL);
	assert_peek("a: 1\n---\nid: second\n", "id", "a", NULL, "1");
	assert_peek("just text\n", "id", "model", NULL, NULL);
	assert_peek("", "id", "model", NULL, NULL);
	/* Far down, across the reader's 512-byte chunks. */
	{
		char text[4096];
		size_t n = 0;

		for (int i = 0; i < 60; i++)
			n += (size_t)snprintf(text + n, sizeof(text) - n,
			    "# comment line %02d\n", i);
		snprintf(text + n, sizeof(text) - n, "a:\n  b: [1, 2]\n"
		    "  id: \"%0400d\"\nid: far\n", 7);
		assert_peek(text, "id", "a.b", "far", NULL);
	}
	/* A file that cannot be opened. */
	yamlfile_peek("/nonexistent/socassess.yaml", &key, 1, &got);
	assert_null(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_schema_error_place),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_error_codes),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_comma_locale),
		cmocka_unit_test(test_alloc_failure_model),
		cmocka_unit_test(test_alloc_failure_questionnaire),
		cmocka_unit_test(test_peek),
	};

	return cmocka_run_group_tests_name("yamlfile", tests, NULL, NULL);
}
