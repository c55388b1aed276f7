/*
 * socassess merge FILE FILE... -o MERGED [--policy none|min|max|median]
 * [--conflicts REPORT.json] [--strict] [--force]: several assessors'
 * answers files of one questionnaire and profile made into one, with
 * the conflict report on standard output (docs/merge.md). Every input
 * must load; nothing is written when one does not, and no output may
 * be one of the inputs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "socassess/answers-write.h"
#include "socassess/cmd.h"
#include "socassess/merge.h"
#include "socassess/report-merge.h"
#include "socassess/term.h"
#include "socassess/util.h"

struct merge_opts {
	const char *out;
	const char *conflicts;
	enum merge_policy policy;
	bool strict;
	bool force;
	char **files;
	int n_files;
};

static int
parse_args(const struct cmd_args *args, struct merge_opts *o)
{
	const char *policy = cmd_arg_value(args, "policy");

	o->out = cmd_arg_value(args, "o");
	o->conflicts = cmd_arg_value(args, "conflicts");
	o->strict = cmd_arg_has(args, "strict");
	o->force = cmd_arg_has(args, "force");
	o->files = args->argv;
	o->n_files = args->argc;
	o->policy = MERGE_NONE;
	if (policy != NULL && merge_policy_parse(policy, &o->policy) < 0)
		return cmd_usage_error(&cmd_merge_entry, "option '--policy' "
		    "needs 'none', 'min', 'max' or 'median'");
	if (o->out == NULL || strcmp(o->out, "-") == 0)
		return cmd_usage_error(&cmd_merge_entry, "merge needs the "
		    "merged answers file: -o FILE");
	if (o->n_files < 2)
		return cmd_usage_error(&cmd_merge_entry,
		    "merge needs two or more answers files");
	return EXIT_OK;
}

/* True when a and b name the same existing file. */
static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * Whether out may be written: never over an input or the other output,
 * and not over an existing file without --force. -1 with an error.
 */
static int
check_output(const struct merge_opts *o, const char *out, const char *other,
    struct soc_errors *errs)
{
	struct stat st;

	for (int i = 0; i < o->n_files; i++) {
		if (same_file(out, o->files[i])) {
			soc_error_at(errs, out, NULL, "is one of the files to "
			    "merge: write the merged file elsewhere");
			return -1;
		}
	}
	if (other != NULL && same_file(out, other)) {
		soc_error_at(errs, out, NULL, "is given for both the merged "
		    "answers and the conflict report");
		return -1;
	}
	if (!o->force && (stat(out, &st) == 0 || errno != ENOENT)) {
		soc_error_at(errs, out, NULL, "exists: it may hold answers "
		    "resolved since; give --force to replace it");
		return -1;
	}
	return 0;
}

/* The loaded inputs, in command-line order. */
struct inputs {
	struct answers **answers;
	size_t n;
};

/* Load every file; -1 when any failed (problems in errs). */
static int
inputs_load(struct inputs *in, const struct merge_opts *o,
    const struct catalog *cat, struct soc_errors *errs)
{
	int rc = 0;

	in->n = (size_t)o->n_files;
	in->answers = xcalloc(in->n, sizeof(*in->answers));
	for (size_t i = 0; i < in->n; i++) {
		struct cmd_input file;

		if (cmd_read_input(&file, o->files[i], errs) == 0)
			in->answers[i] = answers_load_data(file.name,
			    file.data, file.len, file.json, cat, errs);
		free(file.data);
		if (in->answers[i] == NULL)
			rc = -1;
	}
	return rc;
}

static void
inputs_release(struct inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		answers_free(in->answers[i]);
	free(in->answers);
}

/* Write the merged file and the JSON report; -1 when either failed. */
static int
write_outputs(const struct merge *m, const struct merge_opts *o,
    struct soc_errors *errs)
{
	if (o->conflicts != NULL &&
	    report_merge_json_save(m, o->conflicts, errs) < 0)
		return -1;
	return answers_save(m->merged, o->out, errs);
}

static int
run_merge(const struct cmd_ctx *ctx, const struct catalog *cat,
    const void *opts, struct soc_errors *errs)
{
	const struct merge_opts *o = opts;
	struct inputs in = { 0 };
	struct merge *m = NULL;
	int rc = EXIT_DATA;

	if (check_output(o, o->out, o->conflicts, errs) < 0 ||
	    (o->conflicts != NULL &&
	    check_output(o, o->conflicts, NULL, errs) < 0))
		return EXIT_DATA;
	if (inputs_load(&in, o, cat, errs) == 0)
		m = merge_new((const struct answers *const *)in.answers, in.n,
		    o->policy, o->out, errs);
	if (m != NULL && write_outputs(m, o, errs) == 0) {
		char *text = ctx->quiet ? NULL : report_merge_text(m,
		    cmd_output_width(stdout));

		soc_errors_move(errs, &m->warnings);
		if (text != NULL)
			term_write(stdout, text, true);
		free(text);
		rc = o->strict && m->n_unresolved > 0 ? EXIT_DATA : EXIT_OK;
		if (rc != EXIT_OK)
			soc_error_at(errs, o->out, NULL, "%zu conflict%s left "
			    "unresolved (--strict)", m->n_unresolved,
			    m->n_unresolved == 1 ? "" : "s");
	}
	merge_free(m);
	inputs_release(&in);
	return rc;
}

static int
cmd_merge_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct merge_opts o;
	int rc = parse_args(args, &o);

	return rc != EXIT_OK ? rc : cmd_with_catalog(ctx,
	    (const char *const *)o.files, (size_t)o.n_files, run_merge, &o);
}

static const struct cmd_option merge_options[] = {
	{ .letter = 'o', .arg = "MERGED",
	    .help = "merged answers file to write (required)" },
	{ .name = "policy", .arg = "POLICY",
	    .help = "settle conflicts: none (leave open, default), min,\n"
	    "max or median" },
	{ .name = "conflicts", .arg = "FILE",
	    .help = "also write the conflict report as JSON" },
	{ .name = "strict",
	    .help = "exit 1 while conflicts remain unresolved" },
	{ .name = "force",
	    .help = "replace MERGED or FILE when it exists" },
	{ 0 },
};

const struct cmd_entry cmd_merge_entry = {
	.name = "merge",
	.usage = "FILE FILE... -o MERGED [--policy POLICY] [--conflicts FILE]",
	.summary = "merge several assessors' answers, showing conflicts",
	.help =
	    "Merges answers files of the same questionnaire and profile, one\n"
	    "per assessor (docs/merge.md). Identical answers are kept; a\n"
	    "question answered by one assessor is taken with its assessor;\n"
	    "differing answers (values, or N/A against a value) are\n"
	    "conflicts. Every assessor's answer to a conflict is kept in the\n"
	    "merged file as a candidate; with --policy none the question\n"
	    "stays unanswered (the score counts it so), with min, max or\n"
	    "median it takes that value and 'resolution' says how. A\n"
	    "conflict with N/A is never settled by a policy. Comments and\n"
	    "evidence of every assessor are kept, each with its assessor.\n"
	    "The conflict report (each conflict with every assessor's answer,\n"
	    "comment and the spread; each area's agreement; the areas of\n"
	    "largest disagreement) goes to standard output. MERGED is never\n"
	    "one of the inputs, nor replaced without --force; it is written\n"
	    "atomically. Exit 1 when a file does not load or cannot be\n"
	    "merged, or with --strict while conflicts are unresolved.\n",
	.options = merge_options,
	.exec = cmd_merge_exec,
};
