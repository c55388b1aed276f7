/*
 * socassess help [COMMAND]: the overview, or one command's help.
 */
#include <stdio.h>

#include "socassess/cmd.h"

static int
cmd_help_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct cmd_entry *e;
	bool ambiguous;

	(void)ctx;
	if (args->argc < 1) {
		cmd_print_usage(stdout);
		return EXIT_OK;
	}
	if (args->argc > 1)
		return cmd_usage_error(&cmd_help_entry, "too many arguments");
	e = cmd_find(args->argv[0], &ambiguous);
	if (e == NULL)
		return cmd_usage_error(&cmd_help_entry, "%s command '%s'",
		    ambiguous ? "ambiguous" : "unknown", args->argv[0]);
	cmd_print_help(e, stdout);
	return EXIT_OK;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = "show the help of socassess or of one command",
	.help = "",
	.exec = cmd_help_exec,
};
