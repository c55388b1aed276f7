/*
 * Tests of the string index: adds and lookups, duplicates keep the first
 * value, growth over many keys, and an empty index.
 */
#include "testutil.h"

#include "socassess/strindex.h"
#include "socassess/util.h"

static void
test_basic(void **state)
{
	struct str_index ix;

	(void)state;
	str_index_init(&ix);
	assert_int_equal(str_index_find(&ix, "a"), -1);
	assert_int_equal(str_index_add(&ix, "a", 0), -1);
	assert_int_equal(str_index_add(&ix, "b", 1), -1);
	assert_int_equal(str_index_find(&ix, "a"), 0);
	assert_int_equal(str_index_find(&ix, "b"), 1);
	assert_int_equal(str_index_find(&ix, "c"), -1);
	assert_int_equal(str_index_find(&ix, ""), -1);
	/* A second add of a key reports the first value and keeps it. */
	assert_int_equal(str_index_add(&ix, "a", 5), 0);
	assert_int_equal(str_index_find(&ix, "a"), 0);
	assert_int_equal(ix.n, 2);
	str_index_release(&ix);
	assert_int_equal(str_index_find(&ix, "a"), -1);
	str_index_release(&ix);
}

/* Many keys, also ones that differ in one character: all found. */
static void
test_growth(void **state)
{
	enum { N = 20000 };
	char **keys = xcalloc(N, sizeof(*keys));
	struct str_index ix;

	(void)state;
	str_index_init(&ix);
	for (size_t i = 0; i < N; i++) {
		keys[i] = xasprintf("q%zu.x", i);
		assert_int_equal(str_index_add(&ix, keys[i], i), -1);
	}
	assert_int_equal(ix.n, N);
	assert_true(ix.cap >= ix.n);
	assert_int_equal(ix.cap & (ix.cap - 1), 0); /* a power of two */
	for (size_t i = 0; i < N; i++)
		assert_int_equal(str_index_find(&ix, keys[i]), (long)i);
	assert_int_equal(str_index_find(&ix, "q20000.x"), -1);
	str_index_release(&ix);
	for (size_t i = 0; i < N; i++)
		free(keys[i]);
	free(keys);
}

/*
 * Room made ahead keeps what is there and takes that many keys without
 * another resize; asking for less never shrinks.
 */
static void
test_reserve(void **state)
{
	enum { N = 5000 };
	char **keys = xcalloc(N, sizeof(*keys));
	struct str_index ix;
	size_t cap;

	(void)state;
	str_index_init(&ix);
	for (size_t i = 0; i < N; i++)
		keys[i] = xasprintf("answers[%zu].value", i);
	for (size_t i = 0; i < 10; i++)
		assert_int_equal(str_index_add(&ix, keys[i], i), -1);
	str_index_reserve(&ix, N);
	cap = ix.cap;
	assert_true(cap * 3 >= (N + 1) * 4);
	assert_int_equal(cap & (cap - 1), 0);
	for (size_t i = 0; i < 10; i++)
		assert_int_equal(str_index_find(&ix, keys[i]), (long)i);
	for (size_t i = 10; i < N - 1; i++)
		assert_int_equal(str_index_add(&ix, keys[i], i), -1);
	assert_int_equal(ix.cap, cap);
	str_index_reserve(&ix, 10);
	assert_int_equal(ix.cap, cap);
	for (size_t i = 0; i < N - 1; i++)
		assert_int_equal(str_index_find(&ix, keys[i]), (long)i);
	assert_int_equal(str_index_find(&ix, keys[N - 1]), -1);
	str_index_release(&ix);
	for (size_t i = 0; i < N; i++)
		free(keys[i]);
	free(keys);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_reserve),
	};

	return cmocka_run_group_tests_name("strindex", tests, NULL, NULL);
}
