/*
 * socassess: entry point. Pulls the global options out of argv wherever
 * they stand, then hands the rest to the subcommand from the table.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "socassess/cmd.h"

#ifndef SOCASSESS_VERSION
#define SOCASSESS_VERSION "0.0.0"
#endif

int
main(int argc, char **argv)
{
	struct cmd_ctx ctx = { .program = argv[0] };
	const struct cmd_entry *e;
	bool version = false, ambiguous;

	/* LC_CTYPE only: a comma-decimal LC_NUMERIC breaks libcyaml. */
	setlocale(LC_CTYPE, "");
	atexit(cmd_close_stdout);
	argc = cmd_take_global_options(argc, argv, &ctx, &version);
	if (argc < 0)
		return EXIT_USAGE;
	if (version) {
		printf("socassess %s\n", SOCASSESS_VERSION);
		return EXIT_OK;
	}
	if (argc < 2)
		return cmd_usage_error(NULL, "no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cmd_print_usage(stdout);
		return EXIT_OK;
	}
	if (argv[1][0] == '-')
		return cmd_usage_error(NULL, "unknown option '%s'", argv[1]);
	e = cmd_find(argv[1], &ambiguous);
	if (e == NULL && ambiguous)
		return cmd_usage_error(NULL, "ambiguous command '%s'",
		    argv[1]);
	if (e == NULL)
		return cmd_usage_error(NULL, "unknown command '%s'", argv[1]);
	return cmd_run(e, &ctx, argc - 1, argv + 1);
}
