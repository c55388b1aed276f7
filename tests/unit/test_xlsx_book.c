/*
 * Tests of the workbook helpers (src/xlsx-book.c): sheet names Excel
 * accepts (forbidden characters, 31 characters, unique regardless of
 * case, never half a UTF-8 character), row heights from line counts by
 * display width, XML-safe property text, and a workbook that is only
 * written whole: the temporary file is gone afterwards.
 */
#include "testutil.h"

#include <unistd.h>

#include "socassess/strbuf.h"
#include "socassess/utf8.h"
#include "socassess/util.h"
#include "socassess/xlsx-book.h"


/* The name the book gave its last sheet. */
static const char *
last_name(const struct xlsx_book *b)
{
	assert_true(b->n_names > 0);
	return b->names[b->n_names - 1];
}

static void
test_sheet_names(void **state)
{
	lxw_doc_properties props = { 0 };
	struct soc_errors errs;
	struct xlsx_book b;
	struct strbuf cjk = STRBUF_INIT;
	char *path = xasprintf("%s/names.xlsx", test_dir());

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(xlsx_begin(&b, path, &props, &errs), 0);
	assert_non_null(xlsx_sheet(&b, "Summary"));
	assert_string_equal(last_name(&b), "Summary");
	/* Unique whatever the case, as Excel compares them. */
	assert_non_null(xlsx_sheet(&b, "summary"));
	assert_string_equal(last_name(&b), "summary (2)");
	assert_non_null(xlsx_sheet(&b, "Summary"));
	assert_string_equal(last_name(&b), "Summary (3)");
	assert_non_null(xlsx_sheet(&b, "a[b]:c*d?e/f\\g'"));
	assert_string_equal(last_name(&b), "a-b--c-d-e-f-g-");
	assert_non_null(xlsx_sheet(&b, "tab\there"));
	assert_string_equal(last_name(&b), "tab here");
	assert_non_null(xlsx_sheet(&b, ""));
	assert_string_equal(last_name(&b), "Sheet");
	assert_non_null(xlsx_sheet(&b,
	    "Detection and response engineering capabilities"));
	assert_true(strlen(last_name(&b)) <= 31);
	/* 40 wide characters: cut on a character, within 31 characters. */
	for (int i = 0; i < 40; i++)
		strbuf_addstr(&cjk, "\xe7\xb5\x84");
	assert_non_null(xlsx_sheet(&b, cjk.buf));
	assert_true(utf8_valid(last_name(&b)));
	assert_int_equal(strlen(last_name(&b)) % 3, 0);
	assert_true(strlen(last_name(&b)) / 3 <= 31);
	assert_non_null(xlsx_sheet(&b, cjk.buf));
	assert_true(utf8_valid(last_name(&b)));
	assert_non_null(strstr(last_name(&b), " (2)"));
	assert_int_equal(xlsx_finish(&b, &errs), 0);
	assert_no_errors(&errs);
	assert_int_equal(access(path, R_OK), 0);
	/* Only the workbook: no temporary file left beside it. */
	assert_int_equal(test_count_entries(test_dir(), false), 1);
	strbuf_release(&cjk);
	soc_errors_release(&errs);
	free(path);
}

/* A workbook that cannot be written leaves nothing and says why. */
static void
test_missing_folder(void **state)
{
	lxw_doc_properties props = { 0 };
	struct soc_errors errs;
	struct xlsx_book b;
	char *path = xasprintf("%s/no/such/book.xlsx", test_dir());

	(void)state;
	soc_errors_init(&errs);
	assert_int_equal(xlsx_begin(&b, path, &props, &errs), -1);
	assert_error_at(&errs, "cannot create", -1);
	soc_errors_release(&errs);
	free(path);
}

static void
test_line_counts(void **state)
{
	struct strbuf s = STRBUF_INIT;
	size_t ascii, wide;

	(void)state;
	assert_int_equal(xlsx_lines(NULL, 20), 1);
	assert_int_equal(xlsx_lines("", 20), 1);
	assert_int_equal(xlsx_lines("short", 20), 1);
	assert_int_equal(xlsx_lines("one\ntwo\nthree", 20), 3);
	strbuf_addchars(&s, 'x', 300);
	assert_true(xlsx_lines(s.buf, 20) > 5);
	assert_true(xlsx_lines(s.buf, 20) > xlsx_lines(s.buf, 60));
	/* A wide character takes two columns: more lines than ASCII. */
	strbuf_reset(&s);
	strbuf_addchars(&s, 'x', 60);
	ascii = xlsx_lines(s.buf, 20);
	strbuf_reset(&s);
	for (int i = 0; i < 60; i++)
		strbuf_addstr(&s, "\xe7\xb5\x84");
	wide = xlsx_lines(s.buf, 20);
	assert_true(wide > ascii);
	strbuf_release(&s);
}

static void
test_plain_text(void **state)
{
	struct strbuf buf = STRBUF_INIT;
	const char *ok = "ACME \xe7\xb5\x84 SOC";

	(void)state;
	/* Valid text comes back as it is, without a copy. */
	assert_ptr_equal(xlsx_plain_text(ok, &buf), ok);
	/* ESC, \v and broken UTF-8 become U+FFFD: core.xml stays valid. */
	assert_string_equal(xlsx_plain_text("a\x1b" "b\vc\xff", &buf),
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd");
	strbuf_release(&buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_missing_folder),
		cmocka_unit_test(test_line_counts),
		cmocka_unit_test(test_plain_text),
	};

	return cmocka_run_group_tests_name("xlsx-book", tests, test_dir_setup,
	    test_dir_teardown);
}
