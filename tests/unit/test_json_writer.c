/*
 * Tests of the JSON writer: numbers made without printf are the text
 * report_json_number makes with it, over a sweep of values; every byte
 * that must be escaped is, wherever it stands in a string; a document
 * larger than the writer's buffer arrives whole; and the report of every
 * shipped example parses with jansson to the same values, which jansson
 * writes back to the very same bytes (its own layout, JSON_INDENT(2),
 * and numbers at 15 significant digits are ours).
 */
#include "testutil.h"

#include <float.h>
#include <math.h>

#include <jansson.h>

#include "socassess/answers.h"
#include "socassess/figures.h"
#include "socassess/json-writer.h"
#include "socassess/report.h"
#include "socassess/score.h"
#include "socassess/util.h"

/* A small fixed generator: the sweep is the same on every run. */
static unsigned long long
next_random(unsigned long long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
assert_same_number(double v)
{
	char want[64], got[64];

	report_json_number(want, sizeof(want), v);
	jw_format_number(got, v);
	if (strcmp(want, got) != 0) {
		print_message("%.17g: printf gives '%s', the writer '%s'\n", v,
		    want, got);
		fail();
	}
}

static void
test_numbers(void **state)
{
	static const double edges[] = { 0, -0.0, 1, -1, 0.5, -0.5, 1e-9,
	    -1e-9, 4e-10, 5e-10, 6e-10, 5e-5, 9.99999999e-5, 1e-4, -1e-4,
	    0.0001000000004, 0.123456789, 2.675, 999999.999999999,
	    999999.9999999996, 1e6, 1e6 + 0.5, 123456789.123456789, 1e15,
	    -1e15, 1e15 + 0.5, 9007199254740993.0, 1e300, DBL_MAX, -DBL_MAX,
	    DBL_MIN, 100, 33.333333333333336, 66.66666666666667, 0.1 + 0.2 };
	unsigned long long s = 0x9e3779b97f4a7c15ull;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(edges); i++)
		assert_same_number(edges[i]);
	assert_same_number(NAN);
	assert_same_number(INFINITY);
	assert_same_number(-INFINITY);
	for (int i = 0; i < 200000; i++) {
		unsigned long long r = next_random(&s);
		/* k / 1e9 at every scale from 1e-9 to 1e7, and noise. */
		double scale = pow(10, (double)(r % 17) - 9);
		double k = (double)(next_random(&s) % 2000000001ull) -
		    1000000000.0;
		double v = k / 1e9 * scale;

		assert_same_number(v);
		assert_same_number(v + (double)(r % 1000) * 1e-13);
		/* Any double at all, exponents -20 to 20. */
		assert_same_number((double)(int64_t)next_random(&s) /
		    9.2e18 * pow(10, (double)(r % 41) - 20));
	}
}

/* The text written by jw calls into a memory stream. */
struct doc {
	char *text;
	size_t len;
	FILE *fp;
	struct jw *w;
};

static void
doc_open(struct doc *d)
{
	d->fp = open_memstream(&d->text, &d->len);
	assert_non_null(d->fp);
	d->w = calloc(1, sizeof(*d->w));
	assert_non_null(d->w);
	jw_init(d->w, d->fp);
}

static void
doc_close(struct doc *d)
{
	fclose(d->fp);
	free(d->w);
}

static void
test_large_document(void **state)
{
	struct doc d;
	json_error_t jerr;
	json_t *root;
	size_t n = 3 * JW_BUFFER + 17;
	char *big = malloc(n + 1);

	(void)state;
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	big[n] = '\0';
	big[5] = '"';
	big[JW_BUFFER - 1] = '\n';
	doc_open(&d);
	jw_open(d.w, NULL, '{');
	jw_str(d.w, "big", big);
	jw_open(d.w, "many", '[');
	for (int i = 0; i < 20000; i++)
		jw_num(d.w, NULL, i / 8.0);
	jw_close(d.w, ']');
	jw_close(d.w, '}');
	doc_close(&d);
	memset(&jerr, 0, sizeof(jerr));
	root = json_loadb(d.text, d.len, JSON_REJECT_DUPLICATES, &jerr);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "big")),
	    big);
	assert_int_equal(json_array_size(json_object_get(root, "many")),
	    20000);
	assert_true(json_number_value(json_array_get(json_object_get(root,
	    "many"), 19999)) == 19999 / 8.0);
	json_decref(root);
	free(d.text);
	free(big);
}

/* A document of every kind of value, ended with jw_end. */
static void
write_mixed(struct jw *w)
{
	char key[300];

	jw_open(w, NULL, '{');
	for (int i = 0; i < 400; i++) {
		memset(key, 'k', sizeof(key) - 1);
		key[sizeof(key) - 1] = '\0';
		key[i % 280] = '\0';
		jw_open(w, key, '[');
		jw_num(w, NULL, i / 3.0);
		jw_int(w, NULL, -i);
		jw_str(w, NULL, "caf\xc3\xa9 \"quoted\"\n");
		jw_lit(w, NULL, "null");
		jw_close(w, ']');
	}
	jw_end(w, '}');
}

/*
 * A caller's buffer of the smallest size gives the same text as the
 * writer's own, however the document falls across its flushes, and
 * jw_end ends it with a newline.
 */
static void
test_caller_buffer(void **state)
{
	struct doc own, small;
	char *buf = malloc(JW_BUFFER_MIN);

	(void)state;
	assert_non_null(buf);
	doc_open(&own);
	write_mixed(own.w);
	doc_close(&own);
	doc_open(&small);
	jw_init_buffer(small.w, small.fp, buf, JW_BUFFER_MIN);
	write_mixed(small.w);
	doc_close(&small);
	assert_true(own.len > 20 * JW_BUFFER_MIN);
	assert_int_equal(own.len, small.len);
	assert_memory_equal(own.text, small.text, own.len);
	assert_int_equal(own.text[own.len - 1], '\n');
	assert_int_equal(own.text[own.len - 2], '}');
	free(own.text);
	free(small.text);
	free(buf);
}

/*
 * In memory, from no buffer, from one too small to write in, and from
 * the smallest a stream writer takes: the same text as the writer's
 * own, grown past JW_BUFFER, nothing after it; the buffer goes back to
 * the caller with its size.
 */
static void
test_memory(void **state)
{
	struct doc own;
	size_t starts[] = { 0, 16, JW_BUFFER_MIN };

	(void)state;
	doc_open(&own);
	write_mixed(own.w);
	doc_close(&own);
	assert_true(own.len > JW_BUFFER);
	for (size_t k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
		struct jw w;
		char *buf = starts[k] > 0 ? xmalloc(starts[k]) : NULL;
		size_t len, size, grown;

		jw_init_memory(&w, buf, starts[k]);
		write_mixed(&w);
		buf = jw_take(&w, &len, &size);
		assert_int_equal(len, own.len);
		assert_true(size >= len);
		assert_memory_equal(buf, own.text, len);
		/* Again in the grown buffer: the same, without growing. */
		grown = size;
		jw_init_memory(&w, buf, size);
		write_mixed(&w);
		buf = jw_take(&w, &len, &size);
		assert_int_equal(size, grown);
		assert_int_equal(len, own.len);
		assert_memory_equal(buf, own.text, len);
		free(buf);
	}
	free(own.text);
}

/* The rules of a JSON string, one byte at a time, into out. */
static void
escape_by_rule(char *out, const unsigned char *s)
{
	for (; *s != '\0'; s++) {
		unsigned c = *s;
		bool c1 = c == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f;

		if (c1)
			c = *++s;       /* a C1 control: escaped as its code */
		if (c == '"' || c == '\\')
			out += sprintf(out, "\\%c", c);
		else if (c == '\n')
			out += sprintf(out, "\\n");
		else if (c == '\r')
			out += sprintf(out, "\\r");
		else if (c == '\t')
			out += sprintf(out, "\\t");
		else if (c < 0x20 || c == 0x7f || c1)
			out += sprintf(out, "\\u%04x", c);
		else
			*out++ = (char)c;
	}
	*out = '\0';
}

/*
 * Each byte JSON or a terminal needs escaped, and some that must stay
 * (U+00A9 starts with 0xc2 too, CJK), or none, at every place of strings
 * of 0 to 40 bytes (read one, four or eight bytes at a time), as a value
 * and as a key.
 */
static void
test_string_escapes(void **state)
{
	static const char *const specials[] = { "\x01", "\x1f", "\n", "\r",
	    "\t", "\"", "\\", "\x7f", "\xc2\x85", "\xc2\x9f", "\xc2\xa9",
	    "\xe7\xb5\x84", "\xc2", "" };

	(void)state;
	for (size_t k = 0; k < ARRAY_SIZE(specials); k++) {
		for (size_t i = 0; i < 21 * 21; i++) {
			size_t at = i / 21, after = i % 21;
			char s[64], want[256];
			struct doc d;

			snprintf(s, sizeof(s), "%.*s%s%.*s", (int)at,
			    "abcdefghijklmnopqrstuvwxyz", specials[k],
			    (int)after, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
			want[0] = '"';
			escape_by_rule(want + 1, (const unsigned char *)s);
			strcat(want, "\"");
			doc_open(&d);
			jw_str(d.w, NULL, s);
			jw_flush(d.w);
			doc_close(&d);
			assert_string_equal(d.text, want);
			free(d.text);
			/* The same as a key, which has a way of its own. */
			doc_open(&d);
			jw_open(d.w, NULL, '{');
			jw_lit(d.w, s, "null");
			jw_close(d.w, '}');
			doc_close(&d);
			assert_true(strncmp(d.text, "{\n  ", 4) == 0);
			assert_true(strncmp(d.text + 4, want, strlen(want)) ==
			    0);
			assert_string_equal(d.text + 4 + strlen(want),
			    ": null\n}");
			free(d.text);
		}
	}
}

/*
 * Keys at every depth up to past the indentation's cap of 64 spaces,
 * short and longer than the plain way takes (256 bytes), each where
 * the layout's rule puts it; and many keys across the buffer's edge.
 */
static void
test_key_layout(void **state)
{
	static char long_key[301];
	const size_t depth = 40;
	struct doc d;
	char *want, *o;

	(void)state;
	memset(long_key, 'k', sizeof(long_key) - 1);
	doc_open(&d);
	for (size_t i = 0; i < depth; i++) {
		jw_open(d.w, i == 0 ? NULL : "o", '{');
		jw_int(d.w, "n", (long long)i);
		jw_lit(d.w, long_key, "true");
	}
	for (size_t i = 0; i < depth; i++)
		jw_close(d.w, '}');
	doc_close(&d);
	want = malloc(depth * 2 * (64 + sizeof(long_key) + 32));
	assert_non_null(want);
	o = want;
	for (size_t i = 0; i < depth; i++) {
		int in = (int)(2 * (i + 1) > 64 ? 64 : 2 * (i + 1));

		if (i > 0)
			o += sprintf(o, "\"o\": ");
		o += sprintf(o, "{\n%*s\"n\": %zu,\n%*s\"%s\": true,\n%*s", in,
		    "", i, in, "", long_key, in, "");
	}
	/* The last object has no third member: take back ",\n" + indent. */
	o -= 2 + (2 * depth > 64 ? 64 : 2 * depth);
	for (size_t i = depth; i-- > 0;) {
		int in = (int)(2 * i > 64 ? 64 : 2 * i);

		o += sprintf(o, "\n%*s}", in, "");
	}
	assert_string_equal(d.text, want);
	free(want);
	free(d.text);
}

/*
 * The report of one example: jansson reads it (no duplicate key), its
 * values are the result's, and jansson writes the same bytes back.
 */
static void
check_report(const char *rel, const struct catalog *cat)
{
	struct soc_errors errs;
	struct answers *a;
	struct result *r;
	char *text, *again;
	json_error_t jerr;
	json_t *root, *overall;

	soc_errors_init(&errs);
	a = answers_load(test_path_static(rel), cat, &errs);
	assert_non_null(a);
	r = score_compute(a);
	text = report_json_text(r, &errs);
	memset(&jerr, 0, sizeof(jerr));
	root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		print_message("%s:%d:%d: %s\n", rel, jerr.line, jerr.column,
		    jerr.text);
	assert_non_null(root);
	overall = json_object_get(root, "overall");
	assert_true(r->score.set);
	assert_true(json_number_value(json_object_get(overall, "score")) ==
	    figure_round(r->score.value));
	assert_int_equal(json_array_size(json_object_get(root, "domains")),
	    r->model->n_domains);
	again = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	assert_non_null(again);
	/* Ours ends in a newline, which json_dumps leaves out. */
	assert_int_equal(strlen(text), strlen(again) + 1);
	assert_memory_equal(text, again, strlen(again));
	free(again);
	json_decref(root);
	free(text);
	result_free(r);
	answers_free(a);
	soc_errors_release(&errs);
}

static void
test_examples_round_trip(void **state)
{
	struct catalog cat;
	struct soc_errors errs;
	DIR *d;
	struct dirent *de;
	int n = 0;

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(catalog_load(&cat, test_src_dir(), &errs), 0);
	d = opendir(test_path_static("examples"));
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		char rel[300];
		size_t len = strlen(de->d_name);

		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		snprintf(rel, sizeof(rel), "examples/%s", de->d_name);
		check_report(rel, &cat);
		n++;
	}
	closedir(d);
	assert_true(n >= 3);
	catalog_release(&cat);
	soc_errors_release(&errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_string_escapes),
		cmocka_unit_test(test_key_layout),
		cmocka_unit_test(test_large_document),
		cmocka_unit_test(test_caller_buffer),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_examples_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
