/*
 * Tests of the UTF-8 toolkit: validity, width, cuts and wrap, with
 * property checks over random text mixing ASCII, accents, combining
 * marks, CJK and emoji. Run under the C locale and under C.UTF-8: the
 * results must not depend on it.
 */
#include "testutil.h"

#include <locale.h>

#include "socassess/strbuf.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

static const char *const pieces[] = {
	"a", "Z", "7", " ", " ", "\n", "-", "\xc3\xa9" /* é */,
	"e\xcc\x81" /* e + combining acute */, "\xe7\xb5\x84" /* 組 */,
	"\xe6\x97\xa5\xe6\x9c\xac" /* 日本 */, "\xf0\x9f\x98\x80" /* 😀 */,
	"word", "longerword", "\xc3\x9f" /* ß */,
};

/* Deterministic pseudo-random numbers (no libc rand state shared). */
static unsigned long
next_rand(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

/* Random valid UTF-8 text of up to n pieces into sb. */
static void
random_text(struct strbuf *sb, unsigned long *seed, size_t n)
{
	strbuf_reset(sb);
	n = next_rand(seed) % (n + 1);
	for (size_t i = 0; i < n; i++)
		strbuf_addstr(sb, pieces[next_rand(seed) % ARRAY_SIZE(pieces)]);
}

static void
test_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid(""));
	assert_true(utf8_valid("plain"));
	assert_true(utf8_valid("\xe7\xb5\x84\xf0\x9f\x98\x80"));
	assert_false(utf8_valid("\xc0\x80"));         /* overlong NUL */
	assert_false(utf8_valid("\xe0\x80\xaf"));     /* overlong '/' */
	assert_false(utf8_valid("\xed\xa0\x80"));     /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80")); /* above U+10FFFF */
	assert_false(utf8_valid("\xe7\xb5"));         /* cut short */
	assert_false(utf8_valid("\x80"));             /* stray continuation */
	assert_false(utf8_valid("\xff"));
}

/* A byte order mark only at the start, and only whole. */
static void
test_bom(void **state)
{
	(void)state;
	assert_int_equal(utf8_bom_len("\xef\xbb\xbf" "a: 1", 7), 3);
	assert_int_equal(utf8_bom_len("\xef\xbb\xbf", 3), 3);
	assert_int_equal(utf8_bom_len("\xef\xbb", 2), 0);
	assert_int_equal(utf8_bom_len("a\xef\xbb\xbf", 4), 0);
	assert_int_equal(utf8_bom_len("", 0), 0);
}

static void
test_width(void **state)
{
	size_t cols;

	(void)state;
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("\xc3\xa9"), 1);
	assert_int_equal(utf8_width("e\xcc\x81"), 1);
	assert_int_equal(utf8_width("\xe7\xb5\x84\xe7\xb5\x84"), 4);
	assert_int_equal(utf8_width("\xf0\x9f\x98\x80"), 2);
	/* Broken bytes count one column each and never hide the rest. */
	assert_int_equal(utf8_width("a\xffz"), 3);
	assert_int_equal(utf8_width("\xe7\xb5"), 2);
	assert_int_equal(utf8_width_n("\xe7\xb5\x84x", 2), 0);
	assert_int_equal(utf8_width_n("\xe7\xb5\x84x", 3), 2);
	assert_int_equal(utf8_char("\xe7\xb5\x84", &cols), 3);
	assert_int_equal(cols, 2);
	assert_int_equal(utf8_char("", &cols), 0);
	assert_int_equal(cols, 0);
}

static void
test_cuts(void **state)
{
	const char *s = "a\xe7\xb5\x84" "b";

	(void)state;
	assert_int_equal(utf8_cut_bytes(s, 0), 0);
	assert_int_equal(utf8_cut_bytes(s, 1), 1);
	assert_int_equal(utf8_cut_bytes(s, 2), 1);
	assert_int_equal(utf8_cut_bytes(s, 3), 1);
	assert_int_equal(utf8_cut_bytes(s, 4), 4);
	assert_int_equal(utf8_cut_bytes(s, 99), 5);
	assert_int_equal(utf8_cut_width(s, 1), 1);
	assert_int_equal(utf8_cut_width(s, 2), 1);
	assert_int_equal(utf8_cut_width(s, 3), 4);
	assert_int_equal(utf8_cut_width(s, 4), 5);
	/* A combining mark stays with its letter. */
	assert_int_equal(utf8_cut_width("e\xcc\x81x", 1), 3);
}

/* A cut shows: an ellipsis in the last column, never half a character. */
static void
test_add_cut(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(utf8_add_cut(&sb, "abc", 3), 3);
	assert_string_equal(sb.buf, "abc");
	strbuf_reset(&sb);
	assert_int_equal(utf8_add_cut(&sb, "abcd", 3), 3);
	assert_string_equal(sb.buf, "ab" UTF8_ELLIPSIS);
	strbuf_reset(&sb);
	/* A wide character that does not fit before the mark is left out. */
	assert_int_equal(utf8_add_cut(&sb, "a\xe7\xb5\x84\xe7\xb5\x84", 3), 2);
	assert_string_equal(sb.buf, "a" UTF8_ELLIPSIS);
	strbuf_reset(&sb);
	assert_int_equal(utf8_add_cut(&sb, "\xe7\xb5\x84\xe7\xb5\x84x", 4),
	    3);
	assert_string_equal(sb.buf, "\xe7\xb5\x84" UTF8_ELLIPSIS);
	strbuf_reset(&sb);
	assert_int_equal(utf8_add_cut(&sb, "abc", 0), 0);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

/* The bytes of s that are not blanks, in order. */
static void
non_blank(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\n')
			strbuf_addch(sb, *s);
}

/* Every cut of random text is valid UTF-8, maximal, and within bounds. */
static void
check_cut_properties(void)
{
	struct strbuf text = STRBUF_INIT;
	unsigned long seed = 42;

	for (int round = 0; round < 400; round++) {
		random_text(&text, &seed, 24);
		for (size_t max = 0; max <= text.len + 1; max++) {
			size_t n = utf8_cut_bytes(text.buf, max);
			char *cut = strndup(text.buf, n);

			assert_true(n <= max && n <= text.len);
			assert_true(utf8_valid(cut));
			/* Maximal: the next character would not fit. */
			if (n < text.len)
				assert_true(n + utf8_char(text.buf + n, NULL) >
				    max);
			free(cut);
		}
		for (size_t cols = 0; cols <= utf8_width(text.buf) + 1;
		    cols++) {
			size_t n = utf8_cut_width(text.buf, cols);
			char *cut = strndup(text.buf, n);

			assert_true(utf8_valid(cut));
			assert_true(utf8_width(cut) <= cols);
			free(cut);
		}
	}
	strbuf_release(&text);
}

/*
 * Wrapped random text is valid UTF-8, no line is wider than the width,
 * continuation lines carry the indent, and no visible byte is lost.
 */
static void
check_wrap_properties(void)
{
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	unsigned long seed = 7;

	for (int round = 0; round < 600; round++) {
		size_t width = 4 + next_rand(&seed) % 30;
		size_t indent = next_rand(&seed) % (width - 2);
		size_t col = next_rand(&seed) % (width - 2), end;
		const char *line;

		random_text(&text, &seed, 40);
		strbuf_reset(&out);
		strbuf_addchars(&out, '.', col);
		end = utf8_wrap(&out, text.buf, width, col, indent);
		assert_true(utf8_valid(out.buf));
		line = out.buf;
		for (;;) {
			const char *nl = strchr(line, '\n');
			size_t len = nl != NULL ? (size_t)(nl - line) :
			    strlen(line);

			assert_true(utf8_width_n(line, len) <= width);
			if (line != out.buf)
				for (size_t i = 0; i < indent; i++)
					assert_int_equal(line[i], ' ');
			if (nl == NULL) {
				assert_int_equal(utf8_width(line), end);
				break;
			}
			line = nl + 1;
		}
		non_blank(&a, text.buf);
		non_blank(&b, out.buf + col);
		assert_string_equal(a.buf, b.buf);
	}
	strbuf_release(&text);
	strbuf_release(&out);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void
test_wrap(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	utf8_wrap(&out, "the quick brown fox", 11, 0, 2);
	assert_string_equal(out.buf, "the quick\n  brown fox");
	strbuf_reset(&out);
	utf8_wrap(&out, "one\ntwo", 20, 5, 1);
	assert_string_equal(out.buf, "one\n two");
	strbuf_reset(&out);
	/* Six wide characters in 5 columns: two per line, never split. */
	utf8_wrap(&out, "\xe7\xb5\x84\xe7\xb5\x84\xe7\xb5\x84"
	    "\xe7\xb5\x84\xe7\xb5\x84\xe7\xb5\x84", 5, 0, 0);
	assert_string_equal(out.buf, "\xe7\xb5\x84\xe7\xb5\x84\n"
	    "\xe7\xb5\x84\xe7\xb5\x84\n\xe7\xb5\x84\xe7\xb5\x84");
	strbuf_release(&out);
}

/* The properties under the C locale, where wcwidth knows no UTF-8. */
static void
test_properties_c_locale(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_int_equal(utf8_width("\xe7\xb5\x84"), 2);
	check_cut_properties();
	check_wrap_properties();
}

/* The same under a UTF-8 locale, when there is one. */
static void
test_properties_utf8_locale(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip();
	assert_int_equal(utf8_width("\xe7\xb5\x84"), 2);
	check_cut_properties();
	check_wrap_properties();
	setlocale(LC_ALL, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_cuts),
		cmocka_unit_test(test_add_cut),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_properties_c_locale),
		cmocka_unit_test(test_properties_utf8_locale),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
