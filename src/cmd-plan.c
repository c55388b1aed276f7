/*
 * socassess plan ANSWERS [-o PLAN]: the action plan as a text file. One
 * item per recommendation of the scored assessment; when PLAN exists it
 * is updated: what people wrote (owner, due, status, notes) stays, new
 * recommendations are added and items whose question now reaches their
 * level are marked met by this assessment's date, never deleted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "socassess/answers.h"
#include "socassess/cmd.h"
#include "socassess/plan.h"
#include "socassess/score.h"
#include "socassess/term.h"
#include "socassess/util.h"

/* The plan already at path, NULL when there is none yet (or on error). */
static struct plan *
existing_plan(const char *path, bool *failed, struct soc_errors *errs)
{
	struct stat st;
	struct plan *p;

	*failed = false;
	if (path == NULL || strcmp(path, "-") == 0)
		return NULL;
	if (stat(path, &st) < 0 && errno == ENOENT)
		return NULL;
	p = plan_load(path, errs);

	*failed = p == NULL;
	return p;
}

/* Why answers a cannot update plan old; 0 when they can. */
static int
check_fit(const struct plan *old, const struct answers *a,
    struct soc_errors *errs)
{
	if (a->meta.date == NULL) {
		soc_error_at(errs, a->path, NULL, "the assessment has no date: "
		    "a plan records which assessment met each item, so give "
		    "'assessment.date'");
		return -1;
	}
	if (old == NULL)
		return 0;
	if (strcmp(old->questionnaire, a->q->id) != 0) {
		soc_error_at(errs, old->path, NULL, "the plan is for "
		    "questionnaire '%s', the answers '%s' for '%s'",
		    old->questionnaire, a->path, a->q->id);
		return -1;
	}
	if (old->assessment != NULL &&
	    strcmp(a->meta.date, old->assessment) < 0) {
		soc_error_at(errs, a->path, NULL, "the assessment of %s is "
		    "older than the plan's latest (%s): update a plan only "
		    "with a newer assessment", a->meta.date, old->assessment);
		return -1;
	}
	return 0;
}

/* "PATH: N items, K new, M met by DATE" on stdout. */
static void
print_summary(const char *out, const struct plan *old,
    const struct plan *p)
{
	size_t added = 0, met = 0;

	for (size_t i = 0; i < p->n_items; i++) {
		const struct plan_item *was = plan_find(old, p->items[i].id);

		added += was == NULL;
		met += p->items[i].met != NULL &&
		    (was == NULL || was->met == NULL);
	}
	term_printf(stdout, "%s: %zu item%s, %zu new, %zu newly met by the "
	    "assessment of %s\n", out, p->n_items, p->n_items == 1 ? "" : "s",
	    added, met, p->assessment);
}

/* What one run of plan was asked to do. */
struct plan_job {
	const char *answers;   /* NULL with --from-xlsx alone */
	const char *xlsx;      /* --from-xlsx, or NULL */
	const char *out;       /* -o, or NULL */
};

/* The plan of old updated from the scored answers, or NULL. */
static struct plan *
plan_from_answers(const struct catalog *cat, const struct plan_job *job,
    const struct plan *old, struct soc_errors *errs)
{
	struct cmd_input in;
	struct answers *a = NULL;
	struct result *r;
	struct plan *p = NULL;

	if (cmd_read_input(&in, job->answers, errs) == 0)
		a = answers_load_data(in.name, in.data, in.len, in.json, cat,
		    errs);
	free(in.data);
	if (a != NULL && check_fit(old, a, errs) == 0) {
		r = score_compute(a);
		p = plan_update(old, r, job->out != NULL ? job->out :
		    "<stdout>");
		result_free(r);
	}
	answers_free(a);
	return p;
}

/* A copy of plan old, for --from-xlsx without answers. */
static struct plan *
plan_copy(const struct plan *old, const char *out, struct soc_errors *errs)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp;
	struct plan *p = NULL;

	if (old == NULL) {
		soc_error_at(errs, out, NULL, "no such plan: give the answers "
		    "file too, to make it");
		return NULL;
	}
	fp = open_memstream(&text, &len);
	if (fp != NULL && plan_write_yaml(old, fp) == 0 && fclose(fp) == 0)
		p = plan_load_data(out, text, len, errs);
	free(text);
	return p;
}

/* Score the answers and write or update the plan at job->out. */
static int
make_plan(const struct cmd_ctx *ctx, const struct catalog *cat,
    const struct plan_job *job, struct soc_errors *errs)
{
	struct plan *old, *p;
	size_t n_rows = 0;
	bool failed;
	int rc = EXIT_DATA;

	old = existing_plan(job->out, &failed, errs);
	if (failed)
		return EXIT_DATA;
	p = job->answers != NULL ? plan_from_answers(cat, job, old, errs) :
	    plan_copy(old, job->out, errs);
	if (p == NULL || (job->xlsx != NULL &&
	    plan_read_xlsx(p, job->xlsx, &n_rows, errs) < 0))
		goto out;
	if (job->out == NULL || strcmp(job->out, "-") == 0) {
		rc = plan_write_yaml(p, stdout) < 0 ? EXIT_DATA : EXIT_OK;
	} else if (plan_save(p, job->out, errs) == 0) {
		rc = EXIT_OK;
		if (!ctx->quiet)
			print_summary(job->out, old, p);
		if (!ctx->quiet && job->xlsx != NULL)
			term_printf(stdout, "%s: owner, due date and status "
			    "of %zu row%s read\n", job->xlsx, n_rows,
			    n_rows == 1 ? "" : "s");
	}
out:
	plan_free(p);
	plan_free(old);
	return rc;
}

static int
cmd_plan_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct plan_job job = { .xlsx = cmd_arg_value(args, "from-xlsx"),
	    .out = cmd_arg_value(args, "o") };
	struct soc_errors errs;
	struct catalog cat;
	int rc;

	if (args->argc > 1)
		return cmd_usage_error(&cmd_plan_entry,
		    "one answers file at a time");
	if (args->argc == 0 && job.xlsx == NULL)
		return cmd_usage_error(&cmd_plan_entry,
		    "no answers file given");
	if (job.xlsx != NULL && (job.out == NULL || strcmp(job.out, "-") == 0))
		return cmd_usage_error(&cmd_plan_entry, "option '--from-xlsx' "
		    "needs the plan file to update with -o");
	job.answers = args->argc == 1 ? args->argv[0] : NULL;
	if (cmd_load_catalog_for(ctx, &cat, job.answers != NULL ?
	    &job.answers : NULL, 1) < 0)
		return EXIT_DATA;
	soc_errors_init(&errs);
	rc = make_plan(ctx, &cat, &job, &errs);
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	catalog_release(&cat);
	return rc;
}

static const struct cmd_option plan_options[] = {
	{ .letter = 'o', .arg = "PLAN",
	    .help = "plan file to create or update (default: print it)" },
	{ .name = "from-xlsx", .arg = "REPORT", .help = "take Owner, Due date "
	    "and Status from the\nedited Action plan sheet of REPORT" },
	{ 0 },
};

const struct cmd_entry cmd_plan_entry = {
	.name = "plan",
	.usage = "[ANSWERS] [--from-xlsx REPORT] [-o PLAN]",
	.summary = "create or update the action plan file",
	.help =
	    "Scores ANSWERS and writes its action plan (docs/plan.md): one\n"
	    "item per recommendation, id QUESTION@LEVEL, with area, action,\n"
	    "priority and effort, and owner, due, status and notes to fill in.\n"
	    "When PLAN exists it is updated, never overwritten blindly: the\n"
	    "owner, due, status and notes of every item stay, new\n"
	    "recommendations are added, and items no longer recommended stay\n"
	    "too, marked 'met' with the assessment's date once the question's\n"
	    "answer reaches their level. ANSWERS must have a date, not older\n"
	    "than PLAN's latest assessment, and the same questionnaire. The\n"
	    "file is replaced atomically; the same inputs give the same bytes.\n"
	    "Without -o (or with -o -) the plan goes to standard output.\n\n"
	    "--from-xlsx REPORT reads the Action plan sheet of a workbook of\n"
	    "'socassess score --xlsx' edited in a spreadsheet (Excel,\n"
	    "LibreOffice...) and takes each row's Owner, Due date and Status\n"
	    "into the plan item of its Item id; an empty cell keeps what the\n"
	    "plan says. With ANSWERS the plan is updated from them first;\n"
	    "without, PLAN must exist. A wrong cell is reported by sheet and\n"
	    "cell, and PLAN is then left as it was.\n",
	.options = plan_options,
	.exec = cmd_plan_exec,
};
