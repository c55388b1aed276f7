/*
 * socassess score ANSWERS... [--json FILE] [--xlsx FILE] [--out-dir DIR]
 * [--format text|json] [--strict]: score answers files. One file gives a
 * terminal summary (or the JSON report) and optionally its JSON and XLSX
 * reports; several give one report each in --out-dir and a portfolio
 * (--xlsx FILE then names the portfolio workbook). Each file is scored
 * once and freed before the next. A bad file is reported and skipped;
 * the exit status says that something failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "socassess/answers.h"
#include "socassess/atomic.h"
#include "socassess/cmd.h"
#include "socassess/compare.h"
#include "socassess/filesafe.h"
#include "socassess/figures.h"
#include "socassess/jobs.h"
#include "socassess/report-memo.h"
#include "socassess/report.h"
#include "socassess/score.h"
#include "socassess/score-outcome.h"
#include "socassess/strindex.h"
#include "socassess/term.h"
#include "socassess/util.h"

/* Recommendations shown in the terminal summary. */
#define TEXT_RECOMMENDATIONS 10

struct score_opts {
	const char *json;
	const char *xlsx;
	const char *out_dir;
	bool format_json;
	bool strict;
	const char *min_completeness;
	const char *plan;
	const char *baseline;
	int jobs;
	char **files;
	int n_files;
};

/* The value of --min-completeness, a number from 0 to 1, or -1. */
static double
minimum_completeness(const char *s)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtod(s, &end);
	if (*end != '\0' || !(v >= 0 && v <= 1))
		return -1;
	return v;
}

/* The options as parsed by cmd.c, checked and in their own fields. */
/*
 * True when "-" is among several files or --out-dir: a batch names its
 * reports after the files, and standard input has no name.
 */
static bool
stdin_in_batch(const struct score_opts *o)
{
	for (int i = 0; i < o->n_files; i++) {
		if (strcmp(o->files[i], "-") == 0 &&
		    (o->n_files > 1 || o->out_dir != NULL))
			return true;
	}
	return false;
}

/* Most worker processes of --jobs. */
#define JOBS_MAX 256

/* The value of --jobs into *jobs (absent: the processors); 0 or -1. */
static int
parse_jobs(const char *s, int *jobs)
{
	char *end;
	long v;

	*jobs = jobs_default();
	if (s == NULL)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 1 ||
	    v > JOBS_MAX)
		return -1;
	*jobs = (int)v;
	return 0;
}

/* The options that need exactly one answers file, checked together. */
static int
check_single_file_options(const struct score_opts *o)
{
	bool batch = o->n_files > 1 || o->out_dir != NULL;

	if (o->baseline != NULL && batch)
		return cmd_usage_error(&cmd_score_entry, "option '--baseline' "
		    "takes one answers file, without --out-dir");
	if (o->plan != NULL && batch)
		return cmd_usage_error(&cmd_score_entry, "option '--plan' "
		    "takes one answers file, without --out-dir");
	if (o->json != NULL && o->n_files > 1)
		return cmd_usage_error(&cmd_score_entry, "option '--json' "
		    "takes one answers file; use --out-dir for several");
	if (stdin_in_batch(o))
		return cmd_usage_error(&cmd_score_entry, "standard input "
		    "('-') is scored only alone, without --out-dir");
	return EXIT_OK;
}

static int
parse_args(const struct cmd_args *args, struct score_opts *o)
{
	const char *format = cmd_arg_value(args, "format");

	o->json = cmd_arg_value(args, "json");
	o->xlsx = cmd_arg_value(args, "xlsx");
	o->out_dir = cmd_arg_value(args, "out-dir");
	o->strict = cmd_arg_has(args, "strict");
	o->min_completeness = cmd_arg_value(args, "min-completeness");
	o->plan = cmd_arg_value(args, "plan");
	if (o->min_completeness != NULL &&
	    minimum_completeness(o->min_completeness) < 0)
		return cmd_usage_error(&cmd_score_entry, "option "
		    "'--min-completeness' needs a number from 0 to 1");
	o->files = args->argv;
	o->n_files = args->argc;
	if (format != NULL && strcmp(format, "json") == 0)
		o->format_json = true;
	else if (format != NULL && strcmp(format, "text") != 0)
		return cmd_usage_error(&cmd_score_entry,
		    "option '--format' needs 'text' or 'json'");
	if (o->n_files == 0)
		return cmd_usage_error(&cmd_score_entry,
		    "no answers file given");
	o->baseline = cmd_arg_value(args, "baseline");
	if (parse_jobs(cmd_arg_value(args, "jobs"), &o->jobs) < 0)
		return cmd_usage_error(&cmd_score_entry, "option '--jobs' "
		    "needs a whole number from 1 to %d", JOBS_MAX);
	return check_single_file_options(o);
}

/* Areas named in a --strict message before "and N more". */
#define STRICT_NAMED 5

/*
 * The --strict problems of r: a provisional result, and required areas
 * that are not assessed. Returns how many were added to errs.
 */
static int
strict_problems(const struct result *r, const char *path,
    struct soc_errors *errs)
{
	size_t n = r->n_verdict[AV_NOT_ASSESSED], named = 0;
	int problems = 0;

	if (r->provisional) {
		char done[16], min[16];

		figure_percent(done, sizeof(done), completeness_ratio(
		    &r->done).value);
		figure_percent(min, sizeof(min), r->minimum_completeness);
		soc_error_at(errs, path, NULL, "the result is provisional: "
		    "%s %% of the applicable questions are answered or N/A, under "
		    "the minimum of %s %% (--strict)", done, min);
		problems++;
	}
	if (n > 0) {
		char *list = xstrdup("");

		for (size_t ai = 0; ai < r->model->n_areas && named <
		    STRICT_NAMED; ai++) {
			char *t;

			if (r->areas[ai].verdict != AV_NOT_ASSESSED)
				continue;
			t = xasprintf("%s%s'%s'", list, named > 0 ? ", " : "",
			    r->model->areas[ai].id);
			free(list);
			list = t;
			named++;
		}
		soc_error_at(errs, path, NULL, "%zu required area%s not "
		    "assessed (every question N/A or unanswered): %s%s "
		    "(--strict)", n, n == 1 ? " is" : "s are", list,
		    n > named ? " and more" : "");
		free(list);
		problems++;
	}
	return problems;
}

/*
 * Load and score one file. NULL with problems in errs when it cannot be
 * scored (--strict: when it is provisional or leaves a required area
 * unassessed).
 */
static struct result *
score_file(bool strict, const char *min_completeness,
    const struct catalog *cat, const char *path, struct answers **ap,
    struct soc_errors *errs)
{
	struct cmd_input in;
	struct answers *a = NULL;
	struct result *r;

	if (cmd_read_input(&in, path, errs) == 0)
		a = answers_load_data(in.name, in.data, in.len, in.json, cat,
		    errs);
	free(in.data);
	*ap = a;
	if (a == NULL)
		return NULL;
	r = score_compute_with(a, minimum_completeness(min_completeness));
	if (strict && strict_problems(r, path, errs) > 0) {
		result_free(r);
		return NULL;
	}
	return r;
}

static int
write_xlsx(const struct catalog *cat, const char *path,
    const struct result *r, const struct plan *plan, struct soc_errors *errs)
{
	return report_xlsx_write_plan(r, catalog_wording(cat, r->model->id,
	    "en"), plan, path, errs);
}

/*
 * The action plan of --plan for result r; -1 with an error when it does
 * not load or belongs to another questionnaire. *out stays NULL when
 * path is NULL.
 */
static int
load_plan(const char *path, const struct result *r, struct plan **out,
    struct soc_errors *errs)
{
	*out = NULL;
	if (path == NULL)
		return 0;
	*out = plan_load(path, errs);
	if (*out == NULL)
		return -1;
	if (strcmp((*out)->questionnaire, r->q->id) != 0) {
		soc_error_at(errs, path, NULL, "the plan is for questionnaire "
		    "'%s', the answers for '%s'", (*out)->questionnaire,
		    r->q->id);
		return -1;
	}
	return 0;
}

/* The plan's counts by status and its overdue items, after the summary. */
static void
print_plan(const struct plan *plan, const struct result *r)
{
	char *text;

	if (plan == NULL)
		return;
	text = plan_summary_text(plan, r->answers->meta.date);
	fputc('\n', stdout);
	term_write(stdout, text, true);
	free(text);
}

/*
 * Refuse reports that would overwrite the answers file or each other
 * ("score x.yaml --json x.yaml", "--json r --xlsx r"); -1 with an error.
 */
static int
report_outputs_clash(const struct score_request *req,
    struct soc_errors *errs)
{
	const char *outs[] = { req->json, req->xlsx };
	size_t before = errs->n_errors;

	for (size_t k = 0; k < ARRAY_SIZE(outs); k++) {
		if (outs[k] != NULL && strcmp(req->answers, "-") != 0 &&
		    filesafe_same_file(outs[k], req->answers))
			soc_error_at(errs, NULL, NULL, "refusing to write "
			    "'%s': it is the answers file", outs[k]);
	}
	if (outs[0] != NULL && outs[1] != NULL &&
	    filesafe_same_file(outs[0], outs[1]))
		soc_error_at(errs, NULL, NULL, "'%s' is named for both the "
		    "JSON report and the workbook", outs[1]);
	return errs->n_errors > before ? -1 : 0;
}

/* An earlier assessment and the comparison with it (--baseline). */
struct baseline {
	struct answers *answers;
	struct result *result;
	struct compare *compare;
};

/*
 * Score the baseline of req and attach its comparison to r; -1 with
 * problems in errs when it cannot be scored or compared.
 */
static int
add_baseline(const struct score_request *req, const struct catalog *cat,
    struct result *r, struct baseline *b, struct soc_errors *errs)
{
	const struct result *pair[2];
	const char *paths[2] = { req->baseline, req->answers };
	struct soc_errors own;

	/* The baseline's own warnings are not the report's: kept apart. */
	soc_errors_init(&own);
	b->result = score_file(false, req->min_completeness, cat,
	    req->baseline, &b->answers, &own);
	if (b->result != NULL) {
		pair[0] = b->result;
		pair[1] = r;
		/* The baseline comes first whatever the dates say. */
		b->compare = compare_new(pair, paths, 2, COMPARE_THRESHOLD,
		    true, &own);
	}
	if (b->compare == NULL) {
		soc_errors_move(errs, &own);
		soc_errors_release(&own);
		return -1;
	}
	for (size_t i = 0; i < own.n; i++) {
		const struct soc_error *e = &own.items[i];

		soc_warning_at(&b->compare->warnings, NULL, NULL, "%s: %s",
		    req->baseline, e->text);
	}
	soc_errors_release(&own);
	r->baseline = b->compare;
	return 0;
}

static void
baseline_release(struct baseline *b)
{
	compare_free(b->compare);
	result_free(b->result);
	answers_free(b->answers);
}

/*
 * The warnings and the summary of one scored file on the terminal: JSON
 * or text (which lists the warnings itself), nothing but the warnings
 * when quiet or when writing a report failed (rc).
 */
static void
print_report(const struct cmd_ctx *ctx, const struct score_request *req,
    const struct result *r, const struct plan *plan, int rc,
    struct soc_errors *errs)
{
	char *text;

	if (rc != EXIT_OK || req->format_json || ctx->quiet)
		cmd_print_errors(errs);
	fflush(stderr);
	if (rc != EXIT_OK || (ctx->quiet && !req->format_json))
		return;
	if (req->format_json)
		text = report_json_text(r, errs);
	else
		text = report_text(r, errs, TEXT_RECOMMENDATIONS,
		    cmd_output_width(stdout));
	term_write(stdout, text, true);
	free(text);
	if (!req->format_json)
		print_plan(plan, r);
}

int
cmd_score_report(const struct cmd_ctx *ctx, const struct catalog *cat,
    const struct score_request *req)
{
	struct soc_errors errs;
	struct baseline base = { 0 };
	struct answers *a;
	struct result *r;
	struct plan *plan = NULL;
	int rc = EXIT_OK;

	soc_errors_init(&errs);
	a = NULL;
	r = NULL;
	if (report_outputs_clash(req, &errs) == 0)
		r = score_file(req->strict, req->min_completeness, cat,
		    req->answers, &a, &errs);
	if (r == NULL || load_plan(req->plan, r, &plan, &errs) < 0) {
		cmd_print_errors(&errs);
		rc = EXIT_DATA;
		goto out;
	}
	if (req->baseline != NULL && add_baseline(req, cat, r, &base,
	    &errs) < 0) {
		cmd_print_errors(&errs);
		rc = EXIT_DATA;
		goto out;
	}
	if (req->json != NULL &&
	    report_json_save(r, &errs, req->json, NULL, NULL, &errs) < 0)
		rc = EXIT_DATA;
	if (req->xlsx != NULL &&
	    write_xlsx(cat, req->xlsx, r, plan, &errs) < 0)
		rc = EXIT_DATA;
	print_report(ctx, req, r, plan, rc, &errs);
out:
	plan_free(plan);
	result_free(r);
	answers_free(a);
	baseline_release(&base);
	soc_errors_release(&errs);
	return rc;
}

/* "DIR/NAME.EXT" for input "x/y/NAME.yaml". */
static char *
report_path(const char *out_dir, const char *input, const char *ext)
{
	const char *base = strrchr(input, '/');
	const char *dot;
	size_t n;

	base = base != NULL ? base + 1 : input;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	return xasprintf("%s/%.*s.%s", out_dir, (int)n, base, ext);
}

/* Create dir and any missing parents, like mkdir -p. */
static int
make_dir(const char *dir)
{
	struct soc_errors errs;
	char *path = xstrdup(dir);
	int rc = 0;

	for (char *p = path + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(path);
	if (rc == 0 && (mkdir(dir, 0777) == 0 || errno == EEXIST))
		return 0;
	soc_errors_init(&errs);
	soc_error_at(&errs, NULL, NULL, "cannot create folder '%s': %s", dir,
	    strerror(errno));
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	return -1;
}

/* A batch being scored: what every file's step shares. */
struct batch_run {
	const struct cmd_ctx *ctx;
	const struct score_opts *o;
	const struct catalog *cat;
	struct atomic_batch batch;   /* JSON reports waiting for one sync */
	struct portfolio pf;
	struct str_index names;      /* output paths taken so far */
	char **outputs;              /* JSON report of each file, or NULL */
	char *portfolio_path;        /* DIR/portfolio.json, or NULL */
	struct filesafe_ids inputs;  /* every answers file, by inode */
	size_t write_failures;       /* reports that could not be written */
	struct reserved *reserved;   /* each file's outputs, with --jobs */
	size_t *row_of;              /* each file's portfolio row + 1, or 0 */
	struct report_memo *memo;    /* questionnaires' strings, escaped */
};

/* A file's outputs named before the workers start (--jobs). */
struct reserved {
	char *xlsx;                  /* its workbook, or NULL */
	struct soc_errors errs;      /* why its outputs are refused, if so */
	bool ok;
};

/*
 * Name file i's reports in the output folder (its JSON report in
 * b->outputs[i], its workbook in *xlsx); -1 with an error when a name is
 * taken already (two inputs with one base name, or a portfolio's name).
 */
static int
reserve_outputs(struct batch_run *b, int i, char **xlsx,
    struct soc_errors *errs)
{
	const struct score_opts *o = b->o;
	const char *path = o->files[i];
	long other;

	*xlsx = NULL;
	if (o->out_dir == NULL)
		return 0;
	b->outputs[i] = report_path(o->out_dir, path, "json");
	if (o->xlsx != NULL)
		*xlsx = report_path(o->out_dir, path, "xlsx");
	other = *xlsx != NULL ? str_index_find(&b->names, *xlsx) : -1;
	if (other < 0)
		other = str_index_add(&b->names, b->outputs[i], (size_t)i);
	if (other < 0 && !filesafe_ids_has(&b->inputs, b->outputs[i]) &&
	    (*xlsx == NULL || !filesafe_ids_has(&b->inputs, *xlsx)))
		return 0;
	if (other < 0)
		soc_error_at(errs, path, NULL, "its report would overwrite "
		    "an answers file given ('%s')", filesafe_ids_has(&b->inputs,
		    b->outputs[i]) ? b->outputs[i] : *xlsx);
	else
		soc_error_at(errs, path, NULL, "its report would overwrite "
		    "the %s", other == o->n_files ? "portfolio" : other ==
		    o->n_files + 1 ? "portfolio workbook" :
		    "report of an earlier file");
	free(b->outputs[i]);
	b->outputs[i] = NULL;
	free(*xlsx);
	*xlsx = NULL;
	return -1;
}

/*
 * Score file i, its outputs being reserved (xlsx: its workbook, or
 * NULL), and write its reports, the JSON report queued in batch. The
 * result, or NULL when the file cannot be scored or a report was not
 * written (*write_failed then).
 */
static struct result *
score_and_write(struct batch_run *b, int i, const char *xlsx,
    struct atomic_batch *batch, struct answers **a, bool *write_failed,
    struct soc_errors *errs)
{
	struct result *r = score_file(b->o->strict, b->o->min_completeness,
	    b->cat, b->o->files[i], a, errs);

	*write_failed = false;
	if (r != NULL && b->outputs[i] != NULL &&
	    (report_json_save(r, errs, b->outputs[i], batch, b->memo,
	    errs) < 0 ||
	    (xlsx != NULL && write_xlsx(b->cat, xlsx, r, NULL, errs) < 0))) {
		result_free(r);
		r = NULL;
		*write_failed = true;
	}
	return r;
}

/* Score file i, write its reports and add it to the portfolio. */
static void
score_one(struct batch_run *b, int i)
{
	struct soc_errors errs;
	struct answers *a = NULL;
	struct result *r = NULL;
	bool write_failed = false;
	char *xlsx;

	soc_errors_init(&errs);
	if (reserve_outputs(b, i, &xlsx, &errs) == 0)
		r = score_and_write(b, i, xlsx, &b->batch, &a, &write_failed,
		    &errs);
	b->write_failures += write_failed;
	free(xlsx);
	if (r == NULL)
		b->pf.n_failed++;
	else {
		portfolio_add(&b->pf, r, b->o->files[i], b->outputs[i]);
		b->row_of[i] = b->pf.n;
	}
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	result_free(r);
	answers_free(a);
}

/* What cmd_print_errors would print for errs, as a new string. */
static char *
errors_text(const struct soc_errors *errs)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL)
		return xstrdup("");
	soc_errors_print(errs, fp);
	fclose(fp);
	return text;
}

/*
 * In a worker process (--jobs): file i as score_one does it, the
 * outcome sent back instead of printed and added (take_one does that).
 */
static void
work_one(void *ctx, size_t i, struct strbuf *out)
{
	struct batch_run *b = ctx;
	struct reserved *rs = &b->reserved[i];
	struct atomic_batch mine = { 0 };
	struct portfolio_row row = { 0 };
	struct answers *a = NULL;
	struct result *r = NULL;
	bool write_failed = false;
	char *messages;

	if (rs->ok)
		r = score_and_write(b, (int)i, rs->xlsx, &mine, &a,
		    &write_failed, &rs->errs);
	if (r != NULL)
		portfolio_row_make(&row, r, b->o->files[i], b->outputs[i]);
	messages = errors_text(&rs->errs);
	score_outcome_encode(out, messages, mine.n > 0 ? mine.pending[0].path :
	    NULL, mine.n > 0 ? mine.pending[0].tmp : NULL, write_failed,
	    r != NULL ? &row : NULL);
	/* The parent renames the report now. */
	atomic_batch_disown(&mine);
	free(messages);
	portfolio_row_release(&row);
	result_free(r);
	answers_free(a);
}

/*
 * In the parent, in input order: file i's outcome printed, its report
 * queued, its row added, as score_one would have done.
 */
static void
take_one(void *ctx, size_t i, const char *data, size_t len)
{
	struct batch_run *b = ctx;
	struct score_outcome o;
	struct soc_errors errs;

	soc_errors_init(&errs);
	if (data == NULL || score_outcome_decode(data, len, &o) < 0) {
		soc_error_at(&errs, b->o->files[i], NULL, "not scored: its "
		    "worker process stopped");
		memset(&o, 0, sizeof(o));
	}
	fflush(stdout);
	fputs(o.messages != NULL ? o.messages : "", stderr);
	/* A full batch lands here: its failures go to report_failed. */
	if (o.report_tmp != NULL)
		atomic_batch_adopt(&b->batch, b->outputs[i], o.report_path,
		    o.report_tmp, &errs);
	b->write_failures += o.write_failed;
	if (o.scored && !o.write_failed) {
		portfolio_take_row(&b->pf, &o.row);
		b->row_of[i] = b->pf.n;
	} else
		b->pf.n_failed++;
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	score_outcome_release(&o);
}

/*
 * In the parent after Ctrl-C: a file's outcome that will not be taken;
 * its report, written but not renamed, is removed.
 */
static void
drop_one(void *ctx, const char *data, size_t len)
{
	struct score_outcome o;

	(void)ctx;
	if (score_outcome_decode(data, len, &o) == 0 && o.report_tmp != NULL)
		unlink(o.report_tmp);
	score_outcome_release(&o);
}

static const struct jobs_ops score_jobs = {
	.work = work_one,
	.take = take_one,
	.drop = drop_one,
};

/*
 * Score every file with jobs worker processes. The outputs are named
 * first, in order, as score_one would name them.
 */
static void
score_parallel(struct batch_run *b, int jobs)
{
	int n = b->o->n_files;
	struct soc_errors errs;

	b->reserved = xcalloc((size_t)n, sizeof(*b->reserved));
	for (int i = 0; i < n; i++) {
		struct reserved *rs = &b->reserved[i];

		soc_errors_init(&rs->errs);
		rs->ok = reserve_outputs(b, i, &rs->xlsx, &rs->errs) == 0;
	}
	soc_errors_init(&errs);
	jobs_run((size_t)n, jobs, &score_jobs, b, &errs);
	/* Interrupted: the reports not renamed yet are removed. */
	if (filesafe_interrupted())
		filesafe_die();
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	for (int i = 0; i < n; i++) {
		free(b->reserved[i].xlsx);
		soc_errors_release(&b->reserved[i].errs);
	}
	free(b->reserved);
	b->reserved = NULL;
}

/* The reports queued last become durable before the summary. */
static int
flush_reports(struct batch_run *b, struct soc_errors *errs)
{
	if (atomic_batch_flush(&b->batch, errs) == 0)
		return 0;
	b->write_failures++;
	return -1;
}

/*
 * A portfolio missing the reports that could not be written (a full
 * disk) would replace a good one: keep the previous file instead.
 */
static int
keep_previous(struct batch_run *b, const char *path, struct soc_errors *errs)
{
	if (b->write_failures == 0)
		return 0;
	soc_error_at(errs, NULL, NULL, "'%s' left as it was: reports of "
	    "this batch could not be written", path);
	return -1;
}

static int
save_portfolio_json(struct batch_run *b, struct soc_errors *errs)
{
	if (b->portfolio_path == NULL)
		return 0;
	if (keep_previous(b, b->portfolio_path, errs) < 0)
		return -1;
	return report_portfolio_save(&b->pf, b->portfolio_path, errs);
}

static int
save_portfolio_xlsx(struct batch_run *b, struct soc_errors *errs)
{
	if (b->o->xlsx == NULL)
		return 0;
	if (keep_previous(b, b->o->xlsx, errs) < 0)
		return -1;
	return report_xlsx_portfolio(&b->pf, b->o->xlsx, errs);
}

/* Run one step of the batch with its own problems, printed at once. */
static int
run_step(struct batch_run *b, int (*step)(struct batch_run *,
    struct soc_errors *))
{
	struct soc_errors errs;
	int rc;

	soc_errors_init(&errs);
	rc = step(b, &errs);
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	return rc;
}

/* Refuse a portfolio output that names an answers file or the other. */
static int
batch_outputs_clash(struct batch_run *b)
{
	const char *outs[] = { b->portfolio_path, b->o->xlsx };
	struct soc_errors errs;
	int rc;

	soc_errors_init(&errs);
	for (size_t k = 0; k < ARRAY_SIZE(outs); k++) {
		if (outs[k] != NULL && filesafe_ids_has(&b->inputs, outs[k]))
			soc_error_at(&errs, NULL, NULL, "refusing to write "
			    "'%s': it is an answers file given", outs[k]);
	}
	if (outs[0] != NULL && outs[1] != NULL &&
	    filesafe_same_file(outs[0], outs[1]))
		soc_error_at(&errs, NULL, NULL, "'%s' is both the portfolio "
		    "and the portfolio workbook", outs[1]);
	rc = errs.n_errors > 0 ? -1 : 0;
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	return rc;
}

/*
 * The portfolio on standard output: its JSON, or the table unless
 * quiet; -1 with an error when its rows cannot be read back.
 */
static int
print_portfolio(struct batch_run *b, struct soc_errors *errs)
{
	char *text;

	/* A write error of standard output is told at exit. */
	if (b->o->format_json)
		return report_portfolio_write(&b->pf, stdout, errs) < 0 &&
		    errs->n_errors > 0 ? -1 : 0;
	if (b->ctx->quiet)
		return 0;
	text = report_text_portfolio(&b->pf, errs);
	if (text == NULL)
		return -1;
	term_write(stdout, text, true);
	free(text);
	return 0;
}

/*
 * After every file: the reports made durable, the portfolio files and
 * the portfolio on standard output. The exit status of the batch.
 */
static int
finish_batch(struct batch_run *b)
{
	int rc = EXIT_OK;

	/* Every step runs, whatever the one before did. */
	if (run_step(b, flush_reports) < 0)
		rc = EXIT_DATA;
	if (run_step(b, save_portfolio_json) < 0)
		rc = EXIT_DATA;
	if (run_step(b, save_portfolio_xlsx) < 0)
		rc = EXIT_DATA;
	if (run_step(b, print_portfolio) < 0)
		rc = EXIT_DATA;
	if (b->pf.n_failed > 0)
		rc = EXIT_DATA;
	return rc;
}

/*
 * A queued report that could not be written after all (its batch
 * landed later, while another file was queued): its file leaves the
 * portfolio as one whose report failed at once would have.
 */
static void
report_failed(void *ctx, const char *path)
{
	struct batch_run *b = ctx;
	long i = str_index_find(&b->names, path);
	size_t row;

	b->write_failures++;
	if (i < 0 || i >= b->o->n_files || b->row_of[i] == 0)
		return;
	row = b->row_of[i] - 1;
	portfolio_drop(&b->pf, row);
	b->row_of[i] = 0;
	for (int j = 0; j < b->o->n_files; j++)
		if (b->row_of[j] > row)
			b->row_of[j]--;
}

static int
score_batch(struct cmd_ctx *ctx, const struct score_opts *o,
    const struct catalog *cat)
{
	struct batch_run b = { .ctx = ctx, .o = o, .cat = cat };
	int rc = EXIT_OK;

	if (o->out_dir != NULL && make_dir(o->out_dir) < 0)
		return EXIT_DATA;
	b.outputs = xcalloc((size_t)o->n_files + 1, sizeof(*b.outputs));
	b.row_of = xcalloc((size_t)o->n_files + 1, sizeof(*b.row_of));
	b.batch.on_failed = report_failed;
	b.batch.on_failed_ctx = &b;
	/* Reports made here are written while the next file is scored. */
	b.batch.write_behind = true;
	b.memo = report_memo_new();
	portfolio_init(&b.pf);
	str_index_init(&b.names);
	if (o->out_dir != NULL) {
		b.portfolio_path = xasprintf("%s/portfolio.json", o->out_dir);
		str_index_add(&b.names, b.portfolio_path, (size_t)o->n_files);
	}
	/* Borrowed key: o->xlsx outlives the index. */
	if (o->xlsx != NULL)
		str_index_add(&b.names, o->xlsx, (size_t)o->n_files + 1);
	for (int i = 0; i < o->n_files; i++)
		filesafe_ids_add(&b.inputs, o->files[i]);
	if (batch_outputs_clash(&b) < 0) {
		rc = EXIT_DATA;
		goto out;
	}
	if (o->jobs > 1 && o->n_files > 1)
		score_parallel(&b, o->jobs < o->n_files ? o->jobs :
		    o->n_files);
	else {
		for (int i = 0; i < o->n_files; i++)
			score_one(&b, i);
	}
	rc = finish_batch(&b);
out:
	filesafe_ids_release(&b.inputs);
	portfolio_release(&b.pf);
	for (int i = 0; i < o->n_files; i++)
		free(b.outputs[i]);
	free(b.outputs);
	free(b.row_of);
	free(b.portfolio_path);
	str_index_release(&b.names);
	report_memo_free(b.memo);
	return rc;
}

/*
 * Only the questionnaires the answers files (and --baseline) name, and
 * their models: loaded here, before any worker of -j is made, so the
 * workers share them.
 */
static int
load_catalog(const struct cmd_ctx *ctx, const struct score_opts *o,
    struct catalog *cat)
{
	const char **files = xcalloc((size_t)o->n_files + 1,
	    sizeof(*files));
	size_t n = 0;
	int rc;

	for (int i = 0; i < o->n_files; i++)
		files[n++] = o->files[i];
	if (o->baseline != NULL)
		files[n++] = o->baseline;
	rc = cmd_load_catalog_for(ctx, cat, files, n);
	free(files);
	return rc;
}

static int
cmd_score_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct score_opts o = { 0 };
	struct catalog cat;
	int rc;

	rc = parse_args(args, &o);
	if (rc != EXIT_OK)
		return rc;
	if (load_catalog(ctx, &o, &cat) < 0)
		return EXIT_DATA;
	if (o.n_files == 1 && o.out_dir == NULL)
		rc = cmd_score_report(ctx, &cat, &(struct score_request){
		    .answers = o.files[0], .json = o.json, .xlsx = o.xlsx,
		    .strict = o.strict, .format_json = o.format_json,
		    .min_completeness = o.min_completeness, .plan = o.plan,
		    .baseline = o.baseline });
	else
		rc = score_batch(ctx, &o, &cat);
	catalog_release(&cat);
	return rc;
}

static const struct cmd_option score_options[] = {
	{ .name = "json", .arg = "FILE",
	    .help = "also write the JSON report of the one file" },
	{ .name = "xlsx", .arg = "FILE", .help = "write the XLSX report (one "
	    "file) or the\nportfolio workbook (several files)" },
	{ .name = "out-dir", .arg = "DIR",
	    .help = "folder for the reports (created if missing)" },
	{ .name = "format", .arg = "FORMAT",
	    .help = "text (default) or json on standard output" },
	{ .name = "strict", .help = "fail a file whose result is provisional\n"
	    "or leaves a required area not assessed" },
	{ .name = "plan", .arg = "FILE", .help = "action plan (docs/plan.md):"
	    " fills Owner, Due date\nand Status of the workbook and adds its"
	    "\ncounts and overdue items to the summary" },
	{ .name = "min-completeness", .arg = "X", .help = "completeness (0 "
	    "to 1) under which a result\nis provisional, for this run "
	    "(default: the\nmodel's minimum_completeness, usually 0.8)" },
	{ .name = "jobs", .letter = 'j', .arg = "N", .help = "score the "
	    "files of a batch with N\nworker processes (default: the "
	    "number\nof processors); the output is the same" },
	{ .name = "baseline", .arg = "OLD", .help = "add the change since the "
	    "earlier answers\nfile OLD to the summary and the reports\n"
	    "(the workbook gets a Trend sheet)" },
	{ 0 },
};

const struct cmd_entry cmd_score_entry = {
	.name = "score",
	.usage = "ANSWERS... [--json FILE] [--xlsx FILE] [--out-dir DIR] "
	    "[--format text|json] [--strict] [--min-completeness X] "
	    "[--plan FILE] [--baseline OLD] [-j N]",
	.summary = "score answers files and write reports",
	.help =
	    "Scores each answers file (YAML, or JSON when it ends in .json)\n"
	    "by the rules of its model; see docs/scoring.md. A single\n"
	    "ANSWERS may be '-', standard input (JSON when it starts with\n"
	    "'{').\n\n"
	    "With one file: prints a summary (a PROVISIONAL notice when too\n"
	    "few questions are answered, the target verdict, domains and\n"
	    "areas with score, level, target, gap, areas short and answered\n"
	    "questions, the top recommendations and any warnings), wrapped\n"
	    "to the terminal ($COLUMNS, else its width; 80 columns when not\n"
	    "a terminal), or the JSON report with --format json.\n"
	    "With several files, or with --out-dir: writes one JSON report\n"
	    "per file into DIR (named after the file, .json) and DIR/\n"
	    "portfolio.json, and prints each assessment's scores with its\n"
	    "profile, level and answered questions below. A bad file\n"
	    "is reported and skipped; the others are still scored.\n\n"
	    "--xlsx FILE writes an XLSX workbook (docs/report-xlsx.md). With\n"
	    "one file and no --out-dir: the management report of that\n"
	    "assessment. Otherwise: the portfolio workbook comparing every\n"
	    "scored file, and with --out-dir also one report workbook per\n"
	    "file in DIR (named after the file, .xlsx).\n\n"
	    "--plan FILE (one file): the action plan file of 'socassess\n"
	    "plan' (docs/plan.md). The workbook's Action plan takes Owner,\n"
	    "Due date and Status from the plan item of each recommendation,\n"
	    "and the summary ends with the plan's items by status and those\n"
	    "overdue: due before the assessment's date (not today's, so the\n"
	    "same files give the same output), open or in progress, not met.\n\n"
	    "--baseline OLD (one file) scores the earlier answers file OLD\n"
	    "too and adds the change since it: in the summary, in the JSON\n"
	    "report (\"baseline\", laid out like socassess compare's JSON)\n"
	    "and as a Trend sheet in the workbook; see docs/compare.md.\n\n"
	    "-j N scores the files of a batch with N worker processes (the\n"
	    "default is the number of processors); the output is the same\n"
	    "byte for byte, messages in the order of the files given\n"
	    "(docs/batch.md).\n\n"
	    "Files are replaced only by complete new ones. Exit status 0 when\n"
	    "every file was scored, 1 when any failed, 2 on usage errors.\n",
	.options = score_options,
	.exec = cmd_score_exec,
};
