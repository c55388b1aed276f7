/*
 * Tests of the growable string: always NUL-terminated, appends of every
 * kind, detach and reuse, and linear growth over many small appends.
 */
#include "testutil.h"

#include "socassess/strbuf.h"

static void
test_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	size_t len = 99;

	(void)state;
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.len, 0);
	strbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	s = strbuf_detach(&sb, &len);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	strbuf_release(&sb);
	strbuf_init(&sb, 10);
	assert_true(sb.alloc >= 11);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
	assert_int_equal(sb.alloc, 0);
}

static void
test_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	size_t len;

	(void)state;
	strbuf_addstr(&sb, "ab");
	strbuf_addch(&sb, 'c');
	strbuf_add(&sb, "d\0e", 3);
	assert_int_equal(sb.len, 6);
	assert_memory_equal(sb.buf, "abcd\0e", 7);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s-%d", "x", 42);
	strbuf_addchars(&sb, '.', 3);
	assert_string_equal(sb.buf, "x-42...");
	/* A format longer than what is allocated grows once and fits. */
	strbuf_addf(&sb, "%300s|", "");
	assert_int_equal(sb.len, 7 + 301);
	assert_int_equal(sb.buf[sb.len - 1], '|');
	assert_int_equal(sb.buf[sb.len], '\0');
	s = strbuf_detach(&sb, &len);
	assert_int_equal(len, 308);
	assert_int_equal(strlen(s), 308);
	free(s);
	assert_string_equal(sb.buf, "");
	strbuf_addstr(&sb, "again");
	assert_string_equal(sb.buf, "again");
	strbuf_release(&sb);
}

/* A million one-byte appends: geometric growth, few reallocations. */
static void
test_growth(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t grows = 0, last = 0;

	(void)state;
	for (size_t i = 0; i < 1000000; i++) {
		strbuf_addch(&sb, 'a' + (int)(i % 26));
		if (sb.alloc != last) {
			grows++;
			last = sb.alloc;
		}
	}
	assert_int_equal(sb.len, 1000000);
	assert_int_equal(strlen(sb.buf), 1000000);
	assert_true(grows < 40);
	strbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_growth),
	};

	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
