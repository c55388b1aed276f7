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

/*
 * Remove global options from argv (up to a "--"), filling ctx. Returns
 * the new argc, or -1 after printing a usage error.
 */
static int
take_global_options(int argc, char **argv, struct cmd_ctx *ctx,
    bool *version)
{
	int out = 1;
	bool no_color = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--data-dir") == 0) {
			if (i + 1 >= argc) {
				cmd_usage_error(NULL,
				    "option '--data-dir' needs a folder");
				return -1;
			}
			ctx->data_dir = argv[++i];
		} else if (strncmp(a, "--data-dir=", 11) == 0)
			ctx->data_dir = a + 11;
		else if (strcmp(a, "--no-color") == 0)
			no_color = true;
		else if (strcmp(a, "--quiet") == 0)
			ctx->quiet = true;
		else if (strcmp(a, "--version") == 0)
			*version = true;
		else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	ctx->no_color = no_color || getenv("NO_COLOR") != NULL;
	ctx->color = !ctx->no_color && isatty(STDOUT_FILENO);
	return out;
}

int
main(int argc, char **argv)
{
	struct cmd_ctx ctx = { 0 };
	const struct cmd_entry *e;
	bool version = false, ambiguous;

	/* LC_CTYPE only: a comma-decimal LC_NUMERIC breaks libcyaml. */
	setlocale(LC_CTYPE, "");
	atexit(cmd_close_stdout);
	argc = take_global_options(argc, argv, &ctx, &version);
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
	for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			cmd_print_help(e, stdout);
			return EXIT_OK;
		}
	}
	return e->exec(&ctx, argc - 1, argv + 1);
}
