/*
 * Tests of the command lookup (src/cmd.c): full names, unique prefixes,
 * unknown names, and ambiguous prefixes. The command table has no two
 * names sharing a prefix today, so the ambiguity rule is checked on every
 * prefix of every name: it starts to bite as soon as commands are added.
 */
#include "testutil.h"

#include "socassess/cmd.h"

static size_t
count_prefixed(const char *prefix)
{
	size_t n = 0;

	for (size_t i = 0; cmd_table[i] != NULL; i++)
		n += strncmp(cmd_table[i]->name, prefix,
		    strlen(prefix)) == 0;
	return n;
}

static const struct cmd_entry *
exact(const char *name)
{
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	}
	return NULL;
}

static void
test_full_names(void **state)
{
	bool ambiguous = true;

	(void)state;
	assert_ptr_equal(cmd_find("list", &ambiguous), &cmd_list_entry);
	assert_false(ambiguous);
	assert_ptr_equal(cmd_find("validate", &ambiguous),
	    &cmd_validate_entry);
	assert_ptr_equal(cmd_find("help", &ambiguous), &cmd_help_entry);
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *e = cmd_table[i];

		ambiguous = true;
		assert_ptr_equal(cmd_find(e->name, &ambiguous), e);
		assert_false(ambiguous);
		assert_non_null(e->usage);
		assert_non_null(e->summary);
		assert_non_null(e->help);
		assert_non_null(e->exec);
	}
}

/* A prefix finds its command when unique; several is "ambiguous". */
static void
test_prefixes(void **state)
{
	(void)state;
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		const char *name = cmd_table[i]->name;
		char prefix[64];

		for (size_t len = 1; len <= strlen(name); len++) {
			const struct cmd_entry *e, *want;
			size_t n;
			bool ambiguous;

			snprintf(prefix, sizeof(prefix), "%.*s", (int)len,
			    name);
			n = count_prefixed(prefix);
			want = exact(prefix);
			if (want == NULL && n == 1)
				want = cmd_table[i];
			e = cmd_find(prefix, &ambiguous);
			if (e != want || ambiguous != (want == NULL))
				fail_msg("'%s': got %s%s", prefix,
				    e != NULL ? e->name : "none",
				    ambiguous ? " (ambiguous)" : "");
		}
	}
}

static void
test_unknown(void **state)
{
	bool ambiguous = true;

	(void)state;
	assert_null(cmd_find("frobnicate", &ambiguous));
	assert_false(ambiguous);
	assert_null(cmd_find("validatex", &ambiguous));
	assert_false(ambiguous);
	assert_null(cmd_find("", &ambiguous));
	assert_false(ambiguous);
	assert_null(cmd_find("LIST", &ambiguous));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_names),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_unknown),
	};

	return cmocka_run_group_tests_name("cmd", tests, NULL, NULL);
}
