/*
 * Unit tests of the byte form of wire.h: what is put is taken back the
 * same; bytes cut short, or a string holding a NUL (which
 * wire_put_string cannot have written), are refused.
 */
#include "testutil.h"

#include "socassess/strbuf.h"
#include "socassess/wire.h"

static void
test_round_trip(void **state)
{
	static const int numbers[3] = { 7, -1, 42 };
	struct strbuf sb = STRBUF_INIT;
	struct wire_cursor c;
	char *a, *b, *none;
	void *arr, *absent;

	(void)state;
	wire_put_string(&sb, "caf\xc3\xa9");
	wire_put_string(&sb, "");
	wire_put_string(&sb, NULL);
	wire_put_array(&sb, numbers, 3, sizeof(int));
	wire_put_array(&sb, NULL, 3, sizeof(int));
	c = (struct wire_cursor){ sb.buf, sb.len };
	assert_int_equal(wire_take_string(&c, &a), 0);
	assert_int_equal(wire_take_string(&c, &b), 0);
	assert_int_equal(wire_take_string(&c, &none), 0);
	assert_int_equal(wire_take_array(&c, &arr, 3, sizeof(int)), 0);
	assert_int_equal(wire_take_array(&c, &absent, 3, sizeof(int)), 0);
	assert_string_equal(a, "caf\xc3\xa9");
	assert_string_equal(b, "");
	assert_null(none);
	assert_memory_equal(arr, numbers, sizeof(numbers));
	assert_null(absent);
	assert_int_equal(c.left, 0);
	free(a);
	free(b);
	free(arr);
	strbuf_release(&sb);
}

static void
test_refused(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct wire_cursor c;
	uint32_t n = 3;
	char *s;

	(void)state;
	wire_put_string(&sb, "abcdef");
	/* Cut anywhere before its end: refused, nothing made. */
	for (size_t cut = 0; cut < sb.len; cut++) {
		c = (struct wire_cursor){ sb.buf, cut };
		assert_int_equal(wire_take_string(&c, &s), -1);
		assert_null(s);
	}
	strbuf_reset(&sb);
	strbuf_add(&sb, &n, sizeof(n));
	strbuf_add(&sb, "a\0b", 3);
	c = (struct wire_cursor){ sb.buf, sb.len };
	assert_int_equal(wire_take_string(&c, &s), -1);
	assert_null(s);
	strbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests_name("wire", tests, NULL, NULL);
}
