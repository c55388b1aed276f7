/*
 * socassess validate [FILE...]: check models, questionnaires, report
 * wording and answers files (every shipped definition when no file is
 * named). Every problem is reported, then the command fails once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "socassess/answers.h"
#include "socassess/cmd.h"
#include "socassess/plan.h"
#include "socassess/score.h"
#include "socassess/term.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

enum file_kind {
	KIND_UNKNOWN,
	KIND_MODEL,
	KIND_QUESTIONNAIRE,
	KIND_WORDING,
	KIND_ANSWERS,
	KIND_PLAN,
};

/*
 * The top-level keys that tell a file's kind, in the order they are
 * tried (the first one the file has decides); a typo of one of them is
 * named when none is found.
 */
static const struct {
	const char *key;
	enum file_kind kind;
} kind_keys[] = {
	{ "assessment", KIND_ANSWERS },
	{ "answers", KIND_ANSWERS },
	{ "plan", KIND_PLAN },
	{ "items", KIND_PLAN },
	{ "executive_summary", KIND_WORDING },
	{ "scale", KIND_MODEL },
	{ "domains", KIND_MODEL },
	{ "questions", KIND_QUESTIONNAIRE },
};

/*
 * A file whose kind cannot be told: at a top-level key that looks like
 * a typo of a key that tells it, else at the top.
 */
static void
report_unknown_kind(const char *path, const struct yaml_positions *pos,
    struct soc_errors *errs)
{
	const char *names[ARRAY_SIZE(kind_keys)];
	const char *near, *key;
	struct soc_pos p;

	for (size_t i = 0; i < ARRAY_SIZE(kind_keys); i++)
		names[i] = kind_keys[i].key;
	key = yaml_positions_near_key(pos, names, ARRAY_SIZE(names), &near,
	    &p);
	if (key != NULL) {
		soc_error_at(errs, path, &p, "unknown key '%s': did you mean "
		    "'%s'?", key, near);
		return;
	}
	/* The place of the top-level node: always recorded. */
	if (!yaml_positions_find(pos, "", &p))
		p = (struct soc_pos){ 1, 1 };
	soc_error_at(errs, path, &p, "not a model (no 'scale'), "
	    "questionnaire (no 'questions'), report wording (no "
	    "'executive_summary'), answers file (no 'assessment') nor "
	    "action plan (no 'plan')");
}

/*
 * Tell the kinds of file apart by their top-level keys; a JSON file can
 * only be an answers file.
 */
static enum file_kind
file_kind(const struct cmd_input *in, struct soc_errors *errs)
{
	struct yaml_positions *pos;
	struct soc_pos p;
	enum file_kind kind = KIND_UNKNOWN;
	const char *path = in->name;

	if (in->data == NULL)
		return KIND_UNKNOWN;
	if (in->json)
		return KIND_ANSWERS;
	pos = yamlfile_scan_data(path, in->data, in->len, errs);
	if (pos == NULL)
		return KIND_UNKNOWN;
	for (size_t i = 0; i < ARRAY_SIZE(kind_keys) && kind == KIND_UNKNOWN;
	    i++) {
		if (yaml_positions_find(pos, kind_keys[i].key, &p))
			kind = kind_keys[i].kind;
	}
	if (kind == KIND_UNKNOWN)
		report_unknown_kind(path, pos, errs);
	yaml_positions_free(pos);
	return kind;
}

static void
report_model(const struct cmd_ctx *ctx, const struct model *m)
{
	if (!ctx->quiet)
		term_printf(stdout, "ok: %s: model %s, %zu domains, %zu areas, "
		    "%zu profiles\n", m->path, m->id, m->n_domains,
		    m->n_areas, m->n_profiles);
}

/* A valid questionnaire: its summary, and warnings to errs for the
 * questions that lack an effort or actions. */
static void
report_questionnaire(const struct cmd_ctx *ctx,
    const struct questionnaire *q, struct soc_errors *errs)
{
	if (!ctx->quiet)
		term_printf(stdout, "ok: %s: questionnaire %s for model %s, "
		    "%zu questions\n", q->path, q->id, q->model_id,
		    q->n_questions);
	questionnaire_advise(q, errs);
}

static void
report_wording(const struct cmd_ctx *ctx, const struct wording *w)
{
	if (!ctx->quiet)
		term_printf(stdout, "ok: %s: report wording %s (%s) for "
		    "model %s\n", w->path, w->id, w->language, w->model_id);
}

static void
report_answers(const struct cmd_ctx *ctx, const struct answers *a)
{
	struct completeness done;

	score_count(a, &done);
	if (!ctx->quiet)
		term_printf(stdout, "ok: %s: answers to questionnaire %s, "
		    "profile %s, %zu of %zu questions answered\n", a->path,
		    a->q->id, a->meta.profile, done.answered + done.na,
		    done.applicable);
}

static int
validate_shipped(struct cmd_ctx *ctx)
{
	struct catalog cat;
	struct soc_errors errs;
	char *dir = catalog_find_data_dir(ctx->data_dir);
	int rc;

	soc_errors_init(&errs);
	rc = catalog_load(&cat, dir, &errs);
	for (size_t i = 0; i < cat.n_models; i++)
		report_model(ctx, cat.models[i]);
	for (size_t i = 0; i < cat.n_questionnaires; i++)
		report_questionnaire(ctx, cat.questionnaires[i], &errs);
	for (size_t i = 0; i < cat.n_wordings; i++)
		report_wording(ctx, cat.wordings[i]);
	if (rc == 0 && cat.n_models == 0)
		soc_error_at(&errs, NULL, NULL, "no models in '%s/models'",
		    dir);
	cmd_print_errors(&errs);
	rc = errs.n_errors > 0 ? EXIT_DATA : EXIT_OK;
	soc_errors_release(&errs);
	catalog_release(&cat);
	free(dir);
	return rc;
}

/*
 * After the problems, how many there were and in how many of the files,
 * when that is more than the single line above says.
 */
static void
print_summary(const struct soc_errors *errs, int n, char **files)
{
	int bad = 0;

	if (errs->n_errors == 0 || (errs->n_errors == 1 && n == 1))
		return;
	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < errs->n; k++) {
			const struct soc_error *e = &errs->items[k];

			if (e->severity == SOC_ERROR && e->path != NULL &&
			    strcmp(e->path, files[i]) == 0) {
				bad++;
				break;
			}
		}
	}
	fprintf(stderr, "socassess: %zu problem%s in %d of %d file%s\n",
	    errs->n_errors, errs->n_errors == 1 ? "" : "s", bad, n,
	    n == 1 ? "" : "s");
}

/* The files of one validate run, read once, and what they load into. */
struct validation {
	const struct cmd_ctx *ctx;
	int n;
	struct cmd_input *in;
	enum file_kind *kinds;
	struct catalog cat;        /* what the files define, then shipped */
	struct soc_errors errs;
};

/* Read every file, tell its kind, and load the models among them. */
static void
load_models(struct validation *v, char **files)
{
	for (int i = 0; i < v->n; i++) {
		const struct cmd_input *in = &v->in[i];
		struct model *m;

		if (cmd_read_input(&v->in[i], files[i], &v->errs) == 0)
			v->kinds[i] = file_kind(in, &v->errs);
		if (v->kinds[i] != KIND_MODEL)
			continue;
		m = model_load_data(in->name, in->data, in->len, &v->errs);
		if (m != NULL) {
			report_model(v->ctx, m);
			catalog_add_model(&v->cat, m);
		}
	}
}

/* Questionnaires, checked against the models known. */
static void
load_questionnaires(struct validation *v)
{
	struct catalog *cat = &v->cat;

	for (int i = 0; i < v->n; i++) {
		const struct cmd_input *in = &v->in[i];
		struct questionnaire *q;

		if (v->kinds[i] != KIND_QUESTIONNAIRE)
			continue;
		q = questionnaire_load_data(in->name, in->data, in->len,
		    cat->models, cat->n_models, &v->errs);
		if (q != NULL) {
			report_questionnaire(v->ctx, q, &v->errs);
			catalog_add_questionnaire(cat, q);
		}
	}
}

/* Report wording, checked against the models known. */
static void
load_wording(struct validation *v)
{
	struct catalog *cat = &v->cat;

	for (int i = 0; i < v->n; i++) {
		const struct cmd_input *in = &v->in[i];
		struct wording *w;

		if (v->kinds[i] != KIND_WORDING)
			continue;
		w = wording_load_data(in->name, in->data, in->len,
		    cat->models, cat->n_models, &v->errs);
		if (w != NULL) {
			report_wording(v->ctx, w);
			catalog_add_wording(cat, w);
		}
	}
}

/* Answers files, against the questionnaires known. */
static void
check_answers(struct validation *v)
{
	for (int i = 0; i < v->n; i++) {
		const struct cmd_input *in = &v->in[i];
		struct answers *a;

		if (v->kinds[i] != KIND_ANSWERS)
			continue;
		a = answers_load_data(in->name, in->data, in->len, in->json,
		    &v->cat, &v->errs);
		if (a != NULL)
			report_answers(v->ctx, a);
		answers_free(a);
	}
}

/* Action plans: they stand alone. */
static void
check_plans(struct validation *v)
{
	for (int i = 0; i < v->n; i++) {
		const struct cmd_input *in = &v->in[i];
		struct plan *p;

		if (v->kinds[i] != KIND_PLAN)
			continue;
		p = plan_load_data(in->name, in->data, in->len, &v->errs);
		if (p != NULL && !v->ctx->quiet)
			term_printf(stdout, "ok: %s: action plan for "
			    "questionnaire %s, %zu items\n", p->path,
			    p->questionnaire, p->n_items);
		plan_free(p);
	}
}

/*
 * The data folder's catalog, when any file is not a model (its models
 * and questionnaires fill in what the files do not define).
 */
static void
load_shipped(struct validation *v, struct catalog *shipped)
{
	struct soc_errors ignored;
	bool need = false;
	char *dir;

	for (int i = 0; i < v->n; i++)
		need |= v->kinds[i] != KIND_MODEL && v->kinds[i] != KIND_PLAN;
	if (!need)
		return;
	dir = catalog_find_data_dir(v->ctx->data_dir);
	soc_errors_init(&ignored);
	catalog_load(shipped, dir, &ignored);
	soc_errors_release(&ignored);
	free(dir);
}

static int
validate_files(struct cmd_ctx *ctx, int n, char **files)
{
	struct validation v = { .ctx = ctx, .n = n };
	struct catalog shipped = { 0 };
	int rc;

	v.in = xcalloc((size_t)n, sizeof(*v.in));
	v.kinds = xcalloc((size_t)n, sizeof(*v.kinds));
	soc_errors_init(&v.errs);
	load_models(&v, files);
	load_shipped(&v, &shipped);
	/* Models named on the command line come first. */
	catalog_move_models(&v.cat, &shipped);
	load_questionnaires(&v);
	load_wording(&v);
	/* Then shipped questionnaires, for answers files. */
	catalog_move_questionnaires(&v.cat, &shipped);
	catalog_release(&shipped);
	check_answers(&v);
	check_plans(&v);
	cmd_print_errors(&v.errs);
	print_summary(&v.errs, n, files);
	rc = v.errs.n_errors > 0 ? EXIT_DATA : EXIT_OK;
	soc_errors_release(&v.errs);
	catalog_release(&v.cat);
	for (int i = 0; i < n; i++)
		free(v.in[i].data);
	free(v.in);
	free(v.kinds);
	return rc;
}

static int
cmd_validate_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	if (args->argc == 0)
		return validate_shipped(ctx);
	for (int i = 0, stdin_ = 0; i < args->argc; i++) {
		if (strcmp(args->argv[i], "-") == 0 && stdin_++ > 0)
			return cmd_usage_error(&cmd_validate_entry,
			    "standard input ('-') can be read only once");
	}
	return validate_files(ctx, args->argc, args->argv);
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.usage = "[FILE...]",
	.summary = "check models, questionnaires, wording and answers files",
	.help =
	    "Checks each FILE (a model, a questionnaire, report wording, an\n"
	    "answers file or an action plan, told apart by its keys; a .json\n"
	    "file is an answers file) and reports every problem as\n"
	    "FILE:LINE:COLUMN: message. A questionnaire or wording is checked\n"
	    "against the model it names, an answers file against the\n"
	    "questionnaire it names, looked up among the files given and then\n"
	    "the data folder. Without FILE, checks every model, questionnaire\n"
	    "and wording (templates/) of the data folder. A question without an\n"
	    "effort, or with an option above 0 without an action, gets a\n"
	    "warning. Warnings do not fail. Each FILE is read once, so a pipe\n"
	    "or FIFO works; '-' is standard input (JSON when it starts with\n"
	    "'{').\n"
	    "Exit status 0 when all are valid, 1 otherwise.\n",
	.exec = cmd_validate_exec,
};
