/*
 * socassess import WORKBOOK -o ANSWERS [--assessor NAME] [--force]: a
 * questionnaire workbook filled in a spreadsheet (docs/workbook.md) made
 * into an answers file. Every problem of the workbook is reported by
 * sheet and cell, and then nothing is written; an existing file is
 * replaced only with --force, and always atomically.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "socassess/answers-write.h"
#include "socassess/cmd.h"
#include "socassess/filesafe.h"
#include "socassess/import.h"
#include "socassess/term.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

struct import_opts {
	const char *workbook;
	const char *out;       /* "-": standard output */
	const char *assessor;
	bool force;
};

static int
parse_args(const struct cmd_args *args, struct import_opts *o)
{
	size_t n;

	o->out = cmd_arg_value(args, "o");
	o->assessor = cmd_arg_value(args, "assessor");
	o->force = cmd_arg_has(args, "force");
	if (args->argc == 0)
		return cmd_usage_error(&cmd_import_entry,
		    "no workbook given");
	if (args->argc > 1)
		return cmd_usage_error(&cmd_import_entry,
		    "one workbook at a time");
	o->workbook = args->argv[0];
	if (o->out == NULL)
		return cmd_usage_error(&cmd_import_entry, "import needs the "
		    "answers file to write: -o FILE (or -o - to print it)");
	n = strlen(o->out);
	if (n >= 5 && strcasecmp(o->out + n - 5, ".json") == 0)
		return cmd_usage_error(&cmd_import_entry, "answers are "
		    "written as YAML: name the file .yaml");
	if (o->assessor != NULL && (str_blank(o->assessor) ||
	    !utf8_valid(o->assessor)))
		return cmd_usage_error(&cmd_import_entry, "option "
		    "'--assessor' needs a name (UTF-8 text)");
	return EXIT_OK;
}

/* Whether the answers may go to o->out; -1 with an error when not. */
static int
check_output(const struct import_opts *o, struct soc_errors *errs)
{
	struct stat st;

	if (strcmp(o->out, "-") == 0)
		return 0;
	if (filesafe_same_file(o->out, o->workbook)) {
		soc_error_at(errs, o->out, NULL, "is the workbook to import: "
		    "write the answers elsewhere");
		return -1;
	}
	if (!o->force && (stat(o->out, &st) == 0 || errno != ENOENT)) {
		soc_error_at(errs, o->out, NULL, "exists: it may hold answers "
		    "given since; give --force to replace it");
		return -1;
	}
	return 0;
}

/* How many answers have a value, are N/A, and the applicable questions. */
static void
print_summary(const struct import_opts *o, const struct answers *a)
{
	size_t asked = 0, values = 0, na = 0;

	for (size_t i = 0; i < a->q->n_questions; i++) {
		const struct answer *an = answers_get(a, i);

		if (!questionnaire_applies(a->q, i, a->profile))
			continue;
		asked++;
		values += an != NULL && an->has_value;
		na += an != NULL && an->na;
	}
	term_printf(stdout, "%s: %zu of %zu questions answered, %zu N/A, from "
	    "%s\n", o->out, values, asked, na, o->workbook);
}

/* Write a to o->out; -1 with an error. */
static int
write_answers(const struct import_opts *o, const struct answers *a,
    struct soc_errors *errs)
{
	char *text = answers_yaml_text(a);
	size_t len = strlen(text);
	int rc = -1;

	/* What is written must load again: the loader has a size cap. */
	if (len > YAMLFILE_MAX_SIZE)
		soc_error_at(errs, o->workbook, NULL, "the answers would take "
		    "%zu bytes, more than an answers file may hold (%u)", len,
		    YAMLFILE_MAX_SIZE);
	else if (strcmp(o->out, "-") == 0)
		rc = fputs(text, stdout) == EOF ? -1 : 0;
	else
		rc = answers_save(a, o->out, errs);
	free(text);
	return rc;
}

static int
run_import(const struct cmd_ctx *ctx, const struct catalog *cat,
    const void *opts, struct soc_errors *errs)
{
	const struct import_opts *o = opts;
	struct import_request req = { .name = o->workbook,
	    .out = strcmp(o->out, "-") == 0 ? "<stdout>" : o->out,
	    .assessor = o->assessor };
	struct xlsx_workbook *wb;
	struct answers *a = NULL;
	int rc = EXIT_DATA;

	if (check_output(o, errs) < 0)
		return EXIT_DATA;
	wb = xlsx_workbook_open(o->workbook, errs);
	if (wb != NULL)
		a = import_workbook(wb, cat, &req, errs);
	xlsx_workbook_close(wb);
	if (a != NULL && write_answers(o, a, errs) == 0) {
		rc = EXIT_OK;
		if (!ctx->quiet && strcmp(o->out, "-") != 0)
			print_summary(o, a);
	}
	answers_free(a);
	return rc;
}

static int
cmd_import_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct import_opts o = { 0 };
	int rc = parse_args(args, &o);

	return rc != EXIT_OK ? rc : cmd_with_catalog(ctx, NULL, 0,
	    run_import, &o);
}

static const struct cmd_option import_options[] = {
	{ .letter = 'o', .arg = "FILE",
	    .help = "answers file to write (required; - prints it)" },
	{ .name = "assessor", .arg = "NAME",
	    .help = "the assessment's assessor (instead of the\n"
	    "Assessment sheet's)" },
	{ .name = "force", .help = "replace FILE when it exists" },
	{ 0 },
};

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "WORKBOOK -o FILE [--assessor NAME] [--force]",
	.summary = "read a filled questionnaire workbook into answers",
	.help =
	    "Reads a questionnaire workbook made by 'socassess template\n"
	    "--xlsx' and filled in a spreadsheet (Excel, LibreOffice...)\n"
	    "into an answers file (docs/workbook.md). The workbook must be\n"
	    "for a questionnaire and version of the data folder; one that\n"
	    "socassess did not make is refused. The Assessment sheet gives\n"
	    "organisation, scope, assessor, date, type and style; each\n"
	    "domain sheet one row per question: the Answer (the dropdown\n"
	    "entry, a typed number, or N/A with a reason in the next\n"
	    "column; empty is unanswered), comment, evidence (one item a\n"
	    "line) and the answer's assessor. Every wrong cell is reported\n"
	    "by sheet and cell, and then nothing is written. FILE is never\n"
	    "replaced without --force, and always atomically.\n",
	.options = import_options,
	.exec = cmd_import_exec,
};
