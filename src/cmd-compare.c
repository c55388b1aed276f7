/*
 * socassess compare FILE FILE... [--json FILE] [--xlsx FILE]
 * [--format text|json] [--threshold X] [--order date|given]: progress
 * over time. Scores every answers file, puts them in date order and
 * shows how the overall, domain and area scores moved (docs/compare.md).
 * Every file must load; a bad one stops the comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/answers.h"
#include "socassess/cmd.h"
#include "socassess/compare.h"
#include "socassess/plan.h"
#include "socassess/report-compare.h"
#include "socassess/score.h"
#include "socassess/term.h"
#include "socassess/util.h"

struct compare_opts {
	const char *json;
	const char *xlsx;
	bool format_json;
	bool keep_order;
	double threshold;
	const char *plan_before;
	const char *plan;
	char **files;
	int n_files;
};

/* The loaded and scored files, in command-line order. */
struct series {
	struct answers **answers;
	struct result **results;
	const char **paths;
	size_t n;
};

static int
parse_args(const struct cmd_args *args, struct compare_opts *o)
{
	const char *format = cmd_arg_value(args, "format");
	const char *order = cmd_arg_value(args, "order");
	const char *threshold = cmd_arg_value(args, "threshold");

	o->json = cmd_arg_value(args, "json");
	o->xlsx = cmd_arg_value(args, "xlsx");
	o->files = args->argv;
	o->n_files = args->argc;
	o->threshold = COMPARE_THRESHOLD;
	if (format != NULL && strcmp(format, "json") == 0)
		o->format_json = true;
	else if (format != NULL && strcmp(format, "text") != 0)
		return cmd_usage_error(&cmd_compare_entry,
		    "option '--format' needs 'text' or 'json'");
	if (order != NULL && strcmp(order, "given") == 0)
		o->keep_order = true;
	else if (order != NULL && strcmp(order, "date") != 0)
		return cmd_usage_error(&cmd_compare_entry,
		    "option '--order' needs 'date' or 'given'");
	if (threshold != NULL && (!parse_double(threshold, &o->threshold) ||
	    o->threshold < 0))
		return cmd_usage_error(&cmd_compare_entry, "option "
		    "'--threshold' needs a number of levels, 0 or more");
	o->plan_before = cmd_arg_value(args, "plan-before");
	o->plan = cmd_arg_value(args, "plan");
	if ((o->plan == NULL) != (o->plan_before == NULL))
		return cmd_usage_error(&cmd_compare_entry, "options "
		    "'--plan-before' and '--plan' go together");
	if (o->n_files < 2)
		return cmd_usage_error(&cmd_compare_entry,
		    "compare needs two or more answers files");
	return EXIT_OK;
}

/* Load and score every file; -1 when any failed (problems in errs). */
static int
series_load(struct series *s, const struct compare_opts *o,
    const struct catalog *cat, struct soc_errors *errs)
{
	int rc = 0;

	s->n = (size_t)o->n_files;
	s->answers = xcalloc(s->n, sizeof(*s->answers));
	s->results = xcalloc(s->n, sizeof(*s->results));
	s->paths = xcalloc(s->n, sizeof(*s->paths));
	for (size_t i = 0; i < s->n; i++) {
		struct cmd_input in;

		s->paths[i] = o->files[i];
		if (cmd_read_input(&in, o->files[i], errs) == 0)
			s->answers[i] = answers_load_data(in.name, in.data,
			    in.len, in.json, cat, errs);
		free(in.data);
		if (s->answers[i] == NULL)
			rc = -1;
		else
			s->results[i] = score_compute(s->answers[i]);
	}
	return rc;
}

static void
series_release(struct series *s)
{
	for (size_t i = 0; i < s->n; i++) {
		result_free(s->results[i]);
		answers_free(s->answers[i]);
	}
	free(s->answers);
	free(s->results);
	free(s->paths);
}

/* Add the progress of the two plans of o to c; -1 when one fails to load. */
static int
add_plans(struct compare *c, const struct compare_opts *o,
    struct soc_errors *errs)
{
	struct plan *before, *now = NULL;

	if (o->plan == NULL)
		return 0;
	before = plan_load(o->plan_before, errs);
	if (before != NULL)
		now = plan_load(o->plan, errs);
	if (now != NULL)
		compare_add_plans(c, before, now);
	plan_free(before);
	plan_free(now);
	return now != NULL ? 0 : -1;
}

/* Write the files asked for; -1 when any failed. */
static int
write_outputs(const struct compare *c, const struct compare_opts *o,
    const struct catalog *cat, struct soc_errors *errs)
{
	int rc = 0;

	if (o->json != NULL && report_compare_json_save(c, o->json, errs) < 0)
		rc = -1;
	if (o->xlsx != NULL && report_compare_xlsx(c, catalog_wording(cat,
	    compare_latest(c)->model->id, "en"), o->xlsx, errs) < 0)
		rc = -1;
	return rc;
}

static void
print_comparison(const struct cmd_ctx *ctx, const struct compare *c,
    bool format_json)
{
	char *text;

	if (format_json)
		text = report_compare_json_text(c);
	else if (!ctx->quiet)
		text = report_compare_text(c, cmd_output_width(stdout));
	else
		return;
	term_write(stdout, text, true);
	free(text);
}

static int
run_compare(struct cmd_ctx *ctx, const struct compare_opts *o,
    const struct catalog *cat)
{
	struct series s = { 0 };
	struct soc_errors errs;
	struct compare *c = NULL;
	int rc = EXIT_DATA;

	soc_errors_init(&errs);
	if (series_load(&s, o, cat, &errs) == 0)
		c = compare_new((const struct result *const *)s.results,
		    s.paths, s.n, o->threshold,
		    o->keep_order, &errs);
	if (c != NULL && add_plans(c, o, &errs) == 0 &&
	    write_outputs(c, o, cat, &errs) == 0)
		rc = EXIT_OK;
	/* The text lists the comparison's warnings itself. */
	cmd_print_errors(&errs);
	if (c != NULL && (ctx->quiet || o->format_json))
		cmd_print_errors(&c->warnings);
	fflush(stderr);
	if (rc == EXIT_OK)
		print_comparison(ctx, c, o->format_json);
	compare_free(c);
	series_release(&s);
	soc_errors_release(&errs);
	return rc;
}

static int
cmd_compare_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct compare_opts o = { 0 };
	struct catalog cat;
	int rc;

	rc = parse_args(args, &o);
	if (rc != EXIT_OK)
		return rc;
	if (cmd_load_catalog_for(ctx, &cat, (const char *const *)o.files,
	    (size_t)o.n_files) < 0)
		return EXIT_DATA;
	rc = run_compare(ctx, &o, &cat);
	catalog_release(&cat);
	return rc;
}

static const struct cmd_option compare_options[] = {
	{ .name = "json", .arg = "FILE", .help = "also write the comparison "
	    "as JSON" },
	{ .name = "xlsx", .arg = "FILE", .help = "write the comparison "
	    "workbook (Trend, Changes,\nlatest Summary)" },
	{ .name = "format", .arg = "FORMAT",
	    .help = "text (default) or json on standard output" },
	{ .name = "threshold", .arg = "X", .help = "smallest change in "
	    "levels that counts as\nimproved or regressed (default 0.25)" },
	{ .name = "order", .arg = "ORDER", .help = "date (default: by "
	    "assessment date) or\ngiven (the command-line order)" },
	{ .name = "plan-before", .arg = "PLAN", .help = "the action plan as "
	    "it stood at the\nprevious assessment (with --plan)" },
	{ .name = "plan", .arg = "PLAN", .help = "the action plan now: "
	    "shows items done,\ndropped, met and overdue since then" },
	{ 0 },
};

const struct cmd_entry cmd_compare_entry = {
	.name = "compare",
	.usage = "FILE FILE... [--json FILE] [--xlsx FILE] "
	    "[--format text|json] [--threshold X] [--order date|given] "
	    "[--plan-before PLAN --plan PLAN]",
	.summary = "compare assessments over time",
	.help =
	    "Scores two or more answers files of one model and shows how\n"
	    "they moved; see docs/compare.md. The files are put in order of\n"
	    "their assessment date (equal dates keep the command-line\n"
	    "order; --order given keeps the command-line order).\n\n"
	    "Prints the overall score, each domain and each area at every\n"
	    "date, the change since the first and since the previous\n"
	    "assessment (▲ up, ▼ down), the target and gap now; the areas\n"
	    "that improved or regressed by the threshold or more since the\n"
	    "first assessment and those unchanged below target; and the\n"
	    "questions whose answer changed between the last two\n"
	    "assessments, with both comments. When the questionnaires\n"
	    "differ (a quick scan, then a full assessment) it compares\n"
	    "areas and domains only and says so. It warns when the profile,\n"
	    "targets, questionnaire or model version change between dates\n"
	    "and when an assessment is provisional.\n\n"
	    "--xlsx FILE writes a workbook with a Trend sheet (table and\n"
	    "line chart), a Changes sheet and the latest assessment's\n"
	    "Summary.\n\n"
	    "With --plan-before OLD --plan NEW (two action plan files of\n"
	    "'socassess plan', docs/plan.md: the plan as it stood at the\n"
	    "previous assessment and the plan now) it also shows the plan's\n"
	    "progress: items done, dropped and met since, new items, items\n"
	    "overdue on the latest assessment's date, and the items by\n"
	    "status.\n\n"
	    "Files are replaced only by complete new ones. Exit\n"
	    "status 0 on success, 1 when a file cannot be read or compared,\n"
	    "2 on usage errors.\n",
	.options = compare_options,
	.exec = cmd_compare_exec,
};
