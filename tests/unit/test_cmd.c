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

static const struct cmd_option demo_options[] = {
	{ .name = "json", .arg = "FILE", .help = "a file" },
	{ .letter = 'q', .arg = "ID", .help = "an id" },
	{ .name = "strict", .help = "a flag" },
	{ .name = "note", .alias = "notes", .arg = "T", .empty_ok = true,
	    .help = "text" },
	{ 0 },
};

static int
demo_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)ctx;
	(void)args;
	return EXIT_OK;
}

static const struct cmd_entry demo_entry = {
	.name = "demo", .usage = "", .summary = "", .help = "",
	.options = demo_options, .exec = demo_exec,
};

/*
 * Parse a NULL-terminated list of words, copied into writable storage
 * as a real argv is (the parser moves operands to the front).
 */
static int
parse(struct cmd_args *args, const char *const *words)
{
	static char text[16][32];
	static char *argv[17];
	int n = 0;

	for (; words[n] != NULL && n < 16; n++) {
		snprintf(text[n], sizeof(text[n]), "%s", words[n]);
		argv[n] = text[n];
	}
	argv[n] = NULL;
	return cmd_parse_args(&demo_entry, n, argv, args);
}

/* Every way of writing an option, operands kept in order. */
static void
test_parse_forms(void **state)
{
	const char *const w1[] = { "demo", "a", "--json", "x.json", "-qID1", "b",
	    "--strict", "--notes=", "--", "--json", NULL };
	const char *const w2[] = { "demo", "--json=y", "-q", "ID2", "-", NULL };
	struct cmd_args args;

	(void)state;
	assert_int_equal(parse(&args, w1), EXIT_OK);
	assert_string_equal(cmd_arg_value(&args, "json"), "x.json");
	assert_string_equal(cmd_arg_value(&args, "q"), "ID1");
	assert_true(cmd_arg_has(&args, "strict"));
	assert_string_equal(cmd_arg_value(&args, "note"), "");
	assert_int_equal(args.argc, 3);
	assert_string_equal(args.argv[0], "a");
	assert_string_equal(args.argv[1], "b");
	assert_string_equal(args.argv[2], "--json");
	assert_int_equal(parse(&args, w2), EXIT_OK);
	assert_string_equal(cmd_arg_value(&args, "json"), "y");
	assert_string_equal(cmd_arg_value(&args, "q"), "ID2");
	assert_false(cmd_arg_has(&args, "strict"));
	assert_null(cmd_arg_value(&args, "note"));
	assert_int_equal(args.argc, 1);
	assert_string_equal(args.argv[0], "-");
}

/* Usage errors: unknown options, missing or empty values, flag values. */
static void
test_parse_errors(void **state)
{
	const char *const unknown[] = { "demo", "-q", "x", "hybrid",
	    "--xlsx", "F", NULL };
	const char *const missing[] = { "demo", "--json", NULL };
	const char *const empty[] = { "demo", "--json=", NULL };
	const char *const flag[] = { "demo", "--strict=1", NULL };
	struct cmd_args args;

	(void)state;
	assert_int_equal(parse(&args, unknown), EXIT_USAGE);
	assert_int_equal(parse(&args, missing), EXIT_USAGE);
	assert_int_equal(parse(&args, empty), EXIT_USAGE);
	assert_int_equal(parse(&args, flag), EXIT_USAGE);
}

/* Every command's options are well formed and fit the parser. */
static void
test_option_tables(void **state)
{
	(void)state;
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_option *o = cmd_table[i]->options;
		int n = 0;

		for (; o != NULL && (o->name != NULL || o->letter != 0); o++) {
			assert_non_null(o->help);
			n++;
		}
		assert_true(n <= CMD_MAX_OPTIONS);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_names),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_option_tables),
	};

	return cmocka_run_group_tests_name("cmd", tests, NULL, NULL);
}
