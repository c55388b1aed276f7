/*
 * The command layer: one struct cmd_entry per subcommand (src/cmd-*.c),
 * looked up by name in the table of src/cmd.c. Only this layer prints to
 * the user and chooses exit codes.
 */
#ifndef SOCASSESS_CMD_H
#define SOCASSESS_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "socassess/catalog.h"
#include "socassess/error.h"

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,        /* invalid data or I/O failure */
	EXIT_USAGE = 2,
	EXIT_INTERRUPTED = 130,
};

/* Global options, parsed by main() before the subcommand runs. */
struct cmd_ctx {
	const char *data_dir;  /* --data-dir, or NULL */
	bool quiet;            /* --quiet: only errors */
	bool color;            /* stdout is a terminal, no --no-color/NO_COLOR */
	bool no_color;         /* --no-color given or NO_COLOR set */
};

struct cmd_entry {
	const char *name;
	const char *usage;     /* arguments after the name */
	const char *summary;   /* one line for the command list */
	const char *help;      /* the rest of "socassess help NAME" */
	int (*exec)(struct cmd_ctx *ctx, int argc, char **argv);
};

extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_validate_entry;
extern const struct cmd_entry cmd_template_entry;
extern const struct cmd_entry cmd_score_entry;
extern const struct cmd_entry cmd_interview_entry;

/* NULL-terminated table, in the order --help lists them. */
extern const struct cmd_entry *const cmd_table[];

/*
 * Find a command by name or unique prefix. NULL when none; *ambiguous is
 * set when a prefix matches several.
 */
const struct cmd_entry *cmd_find(const char *name, bool *ambiguous);

/* Top-level usage and option list. */
void cmd_print_usage(FILE *fp);
/* "usage: socassess NAME USAGE" plus the command's help. */
void cmd_print_help(const struct cmd_entry *e, FILE *fp);

/* Print "socassess: message" and the command's usage line; returns 2. */
int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print problems, if any, to stderr. */
void cmd_print_errors(const struct soc_errors *errs);

/* One answers file to score, and what to do with the result. */
struct score_request {
	const char *answers;   /* the file */
	const char *json;      /* JSON report to write, or NULL */
	const char *xlsx;      /* XLSX report to write, or NULL */
	bool strict;           /* fail a provisional result or unassessed area */
	bool format_json;      /* print the JSON report, not the summary */
	const char *min_completeness; /* --min-completeness, or NULL */
};

/*
 * Score one answers file, write the reports asked for, and print the
 * summary (or the JSON report) and problems. Shared by score and
 * interview. Returns an exit status.
 */
int cmd_score_report(const struct cmd_ctx *ctx, const struct catalog *cat,
    const struct score_request *req);

/*
 * Load the data directory's catalog; on failure print why and return -1.
 */
int cmd_load_catalog(const struct cmd_ctx *ctx, struct catalog *cat);

#endif
