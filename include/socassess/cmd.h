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
	const char *program;   /* argv[0], to show commands as invoked */
	const char *data_dir;  /* --data-dir, or NULL */
	bool quiet;            /* --quiet: only errors */
	bool color;            /* stdout is a terminal, no --no-color/NO_COLOR */
	bool no_color;         /* --no-color given or NO_COLOR set */
};

/*
 * One option of a command, declared in its table entry. The parser of
 * cmd.c reads "--name VALUE", "--name=VALUE", "-x VALUE" and "-xVALUE"
 * anywhere before a "--"; --help lists the options from the same table.
 */
struct cmd_option {
	const char *name;      /* long name without "--", or NULL */
	char letter;           /* short name "-x", or 0 */
	const char *arg;       /* its value in the help (FILE, DIR, ID...);
				  NULL for a flag that takes none */
	const char *help;      /* help text; a '\n' continues it below */
	const char *alias;     /* another long name accepted, or NULL */
	bool empty_ok;         /* an empty value is allowed */
};

#define CMD_MAX_OPTIONS 16

/* What the parser found: option values by table index, then operands. */
struct cmd_args {
	const struct cmd_entry *entry;
	const char *value[CMD_MAX_OPTIONS]; /* NULL = not given; "" flag */
	char **argv;           /* the operands (not options), borrowed */
	int argc;
};

struct cmd_entry {
	const char *name;
	const char *usage;     /* arguments after the name */
	const char *summary;   /* one line for the command list */
	const char *help;      /* the rest of "socassess help NAME" */
	const struct cmd_option *options; /* ended by an all-zero entry */
	int (*exec)(struct cmd_ctx *ctx, const struct cmd_args *args);
};

extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_validate_entry;
extern const struct cmd_entry cmd_template_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_score_entry;
extern const struct cmd_entry cmd_interview_entry;
extern const struct cmd_entry cmd_compare_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_merge_entry;

/* NULL-terminated table, in the order --help lists them. */
extern const struct cmd_entry *const cmd_table[];

/*
 * Find a command by name or unique prefix. NULL when none; *ambiguous is
 * set when a prefix matches several.
 */
const struct cmd_entry *cmd_find(const char *name, bool *ambiguous);

/*
 * Parse argv (argv[0] is the command's name) by e's options into args.
 * Returns EXIT_OK, or EXIT_USAGE after printing the usage error.
 */
int cmd_parse_args(const struct cmd_entry *e, int argc, char **argv,
    struct cmd_args *args);
/*
 * The value of option name (its long name, or its letter as a one-letter
 * string) as given, "" for a flag, NULL when not given.
 */
const char *cmd_arg_value(const struct cmd_args *args, const char *name);
/* True when option name was given. */
bool cmd_arg_has(const struct cmd_args *args, const char *name);

/*
 * Run command e with argv (argv[0] its name): its help for --help or -h,
 * else its options parsed and its exec called. Returns an exit status.
 */
int cmd_run(const struct cmd_entry *e, struct cmd_ctx *ctx, int argc,
    char **argv);

/*
 * Take the global options (--data-dir, --quiet...) out of argv wherever
 * they stand before a "--", filling ctx; --help stays for the command.
 * Returns the new argc, or -1 after printing a usage error.
 */
int cmd_take_global_options(int argc, char **argv, struct cmd_ctx *ctx,
    bool *version);

/* Top-level usage and option list. */
void cmd_print_usage(FILE *fp);
/* "usage: socassess NAME USAGE" plus the command's help. */
void cmd_print_help(const struct cmd_entry *e, FILE *fp);

/*
 * The profile of m named by option text (id or name, any case) into *pi:
 * EXIT_OK, or EXIT_USAGE after a usage error of e naming the closest
 * profile ("did you mean").
 */
int cmd_find_profile(const struct cmd_entry *e, const struct model *m,
    const char *text, size_t *pi);

/* Print "socassess: message" and the command's usage line; returns 2. */
int cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Flush and close standard output at exit (registered with atexit): a
 * full disk or /dev/full must not pass for success, so a write error is
 * reported and the exit status becomes 1.
 */
void cmd_close_stdout(void);

/*
 * One input file read into memory once: a FIFO, a pipe or standard
 * input cannot be opened a second time.
 */
struct cmd_input {
	const char *name;    /* the argument, or "<stdin>" for "-" */
	char *data;          /* owned; NULL when it could not be read */
	size_t len;
	bool json;           /* JSON syntax (".json", or stdin starting '{') */
};

/* Read the file arg ("-" is standard input); -1 with an error added. */
int cmd_read_input(struct cmd_input *in, const char *arg,
    struct soc_errors *errs);

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
	const char *plan;      /* --plan: the action plan file, or NULL */
	const char *baseline;  /* --baseline: an earlier answers file, or NULL */
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

/*
 * The same, loading only the n questionnaires ids and their models
 * (catalog_load_some); everything when ids is NULL.
 */
int cmd_load_catalog_some(const struct cmd_ctx *ctx, struct catalog *cat,
    const char *const *ids, size_t n);

/*
 * The same, loading only what the n answers files need: the
 * questionnaires they name (a quick look at each file's
 * assessment.questionnaire) and those questionnaires' models. Standard
 * input ("-"), which cannot be looked at twice, loads everything.
 */
int cmd_load_catalog_for(const struct cmd_ctx *ctx, struct catalog *cat,
    const char *const *answers, size_t n);

/* A command's work once its catalog is loaded: an exit status. */
typedef int cmd_catalog_fn(const struct cmd_ctx *ctx,
    const struct catalog *cat, const void *opts, struct soc_errors *errs);

/*
 * Load the catalog (only what the n answers files need, as
 * cmd_load_catalog_for; everything when answers is NULL), run fn with
 * it, opts and an empty error list, then print the problems fn added
 * and release both: the frame of a command that reads the data folder.
 * fn's exit status, or EXIT_DATA when the catalog does not load.
 */
int cmd_with_catalog(const struct cmd_ctx *ctx, const char *const *answers,
    size_t n, cmd_catalog_fn *fn, const void *opts);

/*
 * The width in columns to lay text out for on fp: 80 when fp is not a
 * terminal (piped output stays the same everywhere), else $COLUMNS when
 * set to a number, else the terminal's width, else 80.
 */
size_t cmd_output_width(FILE *fp);

#endif
