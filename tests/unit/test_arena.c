/*
 * Tests of the per-file arena: aligned, non-overlapping allocations,
 * realloc that keeps the bytes (in place for the newest, moving for an
 * earlier one), a sequence grown one entry at a time between other
 * allocations (libcyaml's way) moving only a few times, sizes that
 * cannot be met, and reuse after release.
 */
#include <stdalign.h>
#include <stdint.h>

#include "testutil.h"

#include "socassess/arena.h"

static void
test_alloc_aligned_distinct(void **state)
{
	struct arena a = ARENA_INIT;
	unsigned char *p[500];
	size_t size[500];

	(void)state;
	for (size_t i = 0; i < 500; i++) {
		size[i] = 1 + (i * 37) % 300;
		p[i] = arena_alloc(&a, size[i]);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % alignof(max_align_t), 0);
		memset(p[i], (int)(i & 0xff), size[i]);
	}
	/* Each still holds its own pattern: nothing overlapped. */
	for (size_t i = 0; i < 500; i++)
		for (size_t k = 0; k < size[i]; k++)
			assert_int_equal(p[i][k], i & 0xff);
	arena_release(&a);
	assert_null(a.chunk);
}

static void
test_realloc_keeps_bytes(void **state)
{
	struct arena a = ARENA_INIT;
	char *first, *last, *moved;

	(void)state;
	assert_null(arena_realloc(&a, NULL, 0));
	first = arena_realloc(&a, NULL, 6);
	assert_non_null(first);
	memcpy(first, "first", 6);
	last = arena_alloc(&a, 5);
	memcpy(last, "last", 5);
	/* Shrinking, or growing within its room, keeps the place. */
	assert_ptr_equal(arena_realloc(&a, first, 3), first);
	assert_ptr_equal(arena_realloc(&a, first, 16), first);
	/* The newest grows where it is (when its chunk has room). */
	if (!ARENA_CHUNK_EACH)
		assert_ptr_equal(arena_realloc(&a, last, 100), last);
	assert_string_equal(last, "last");
	/* An earlier one moves, with its bytes; the other is untouched. */
	moved = arena_realloc(&a, first, 200);
	assert_non_null(moved);
	assert_ptr_not_equal(moved, first);
	assert_string_equal(moved, "first");
	assert_string_equal(last, "last");
	/* Size 0 frees nothing: the bytes stay until the release. */
	assert_null(arena_realloc(&a, moved, 0));
	assert_string_equal(moved, "first");
	arena_release(&a);
}

/*
 * libcyaml grows a sequence by one entry per item and allocates each
 * item's strings in between: the sequence must move only a few times
 * (geometric room), and end with every entry intact.
 */
static void
test_sequence_growth(void **state)
{
	struct arena a = ARENA_INIT;
	size_t *seq = NULL, moves = 0;
	const size_t n = 20000;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		size_t *grown = arena_realloc(&a, seq, (i + 1) * sizeof(*seq));
		char *text;

		assert_non_null(grown);
		if (grown != seq)
			moves++;
		seq = grown;
		seq[i] = i * 7;
		text = arena_alloc(&a, 24);
		assert_non_null(text);
		snprintf(text, 24, "item %zu", i);
	}
	for (size_t i = 0; i < n; i++)
		assert_int_equal(seq[i], i * 7);
	print_message("%zu entries, %zu moves\n", n, moves);
	assert_true(moves < 40);
	arena_release(&a);
}

static void
test_sizes_out_of_reach(void **state)
{
	struct arena a = ARENA_INIT;
	char *big, *p;

	(void)state;
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX / 2 + 1));
	p = arena_alloc(&a, 8);
	memcpy(p, "kept", 5);
	assert_null(arena_realloc(&a, p, SIZE_MAX - 8));
	/* A failed realloc leaves the old allocation as it was. */
	assert_string_equal(p, "kept");
	/* Larger than any chunk: gets one of its own. */
	big = arena_alloc(&a, (size_t)3 << 20);
	assert_non_null(big);
	memset(big, 'x', (size_t)3 << 20);
	assert_string_equal(p, "kept");
	arena_release(&a);
}

static void
test_reuse_after_release(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	for (int round = 0; round < 3; round++) {
		char *s = arena_alloc(&a, 100000);

		assert_non_null(s);
		memset(s, 'a' + round, 100000);
		assert_int_equal(s[99999], 'a' + round);
		arena_release(&a);
		assert_null(a.chunk);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_aligned_distinct),
		cmocka_unit_test(test_realloc_keeps_bytes),
		cmocka_unit_test(test_sequence_growth),
		cmocka_unit_test(test_sizes_out_of_reach),
		cmocka_unit_test(test_reuse_after_release),
	};

	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
