/*
 * The command table, lookup by name or unique prefix, and the usage and
 * error helpers shared by every subcommand.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "socassess/cmd.h"
#include "socassess/term.h"
#include "socassess/util.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_list_entry,
	&cmd_validate_entry,
	&cmd_template_entry,
	&cmd_interview_entry,
	&cmd_score_entry,
	&cmd_help_entry,
	NULL
};

const struct cmd_entry *
cmd_find(const char *name, bool *ambiguous)
{
	const struct cmd_entry *found = NULL;
	size_t len = strlen(name);

	*ambiguous = false;
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *e = cmd_table[i];

		if (strcmp(e->name, name) == 0) {
			*ambiguous = false;
			return e;
		}
		if (len > 0 && strncmp(e->name, name, len) == 0) {
			if (found != NULL)
				*ambiguous = true;
			found = e;
		}
	}
	return *ambiguous ? NULL : found;
}

void
cmd_print_usage(FILE *fp)
{
	fputs("usage: socassess [OPTION...] COMMAND [ARG...]\n\n"
	    "Assess the maturity of a Security Operations Center against a\n"
	    "maturity model (by default the OWASP SOC Framework).\n\n"
	    "Commands:\n", fp);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		fprintf(fp, "  %-10s %s\n", cmd_table[i]->name,
		    cmd_table[i]->summary);
	fputs("\nOptions (before or after the command):\n"
	    "  --data-dir DIR  models, questionnaires and templates to use\n"
	    "                  (else $SOCASSESS_DATA, else the source tree the\n"
	    "                  binary was built in, else the installed data)\n"
	    "  --no-color      no colour, even on a terminal (so does NO_COLOR)\n"
	    "  --quiet         print only problems\n"
	    "  --help          this help; 'socassess help COMMAND' for one\n"
	    "  --version       print the version\n\n"
	    "Exit status: 0 success, 1 invalid data or I/O failure, 2 usage\n"
	    "error, 130 interrupted.\n", fp);
}

void
cmd_print_help(const struct cmd_entry *e, FILE *fp)
{
	fprintf(fp, "usage: socassess %s%s%s\n\n%s\n\n%s", e->name,
	    *e->usage ? " " : "", e->usage, e->summary, e->help);
}

int
cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	/* The message may quote an argument: a file name can hold ESC. */
	fputs("socassess: ", stderr);
	term_write(stderr, text != NULL ? text : "out of memory", false);
	fputc('\n', stderr);
	free(text);
	if (e != NULL)
		fprintf(stderr, "usage: socassess %s%s%s\n", e->name,
		    *e->usage ? " " : "", e->usage);
	else
		fputs("usage: socassess [OPTION...] COMMAND [ARG...]\n"
		    "Try 'socassess --help' for the commands.\n", stderr);
	return EXIT_USAGE;
}

void
cmd_close_stdout(void)
{
	int err = 0, earlier = errno;

	/* A failed write earlier left its errno; nothing since resets it. */
	if (fflush(stdout) != 0)
		err = errno;
	else if (ferror(stdout))
		err = earlier != 0 ? earlier : EIO;
	/* EBADF after a clean flush: nothing was written to a closed fd. */
	if (fclose(stdout) != 0 && err == 0 && errno != EBADF)
		err = errno;
	if (err == 0)
		return;
	fprintf(stderr, "socassess: cannot write to standard output: %s\n",
	    strerror(err));
	_exit(EXIT_DATA);
}

void
cmd_print_errors(const struct soc_errors *errs)
{
	fflush(stdout);
	soc_errors_print(errs, stderr);
}

int
cmd_load_catalog(const struct cmd_ctx *ctx, struct catalog *cat)
{
	struct soc_errors errs;
	char *dir = catalog_find_data_dir(ctx->data_dir);
	int rc;

	soc_errors_init(&errs);
	rc = catalog_load(cat, dir, &errs);
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	free(dir);
	if (rc < 0) {
		catalog_release(cat);
		return -1;
	}
	return 0;
}
