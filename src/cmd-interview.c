/*
 * socassess interview [-q ID] [-p PROFILE] -o FILE [--resume] [--json F]
 * [--xlsx F] [--organisation T] [--scope T] [--assessor T] [--date D]
 * [--type T] [--style S]: the interactive assessment. Asks for the
 * metadata the flags did not give and for the operating model, then
 * walks the questions (src/interview.c), saving FILE after every answer.
 * At the end it prints the summary 'score' prints and writes the JSON
 * and XLSX reports asked for.
 * Screens and prompts go to standard error; standard output only gets
 * the summary.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "socassess/answers-write.h"
#include "socassess/cmd.h"
#include "socassess/filesafe.h"
#include "socassess/interview.h"
#include "socassess/strbuf.h"
#include "socassess/term.h"
#include "socassess/util.h"

#define TEXT_RECOMMENDATIONS 10
#define QUICK_QUESTIONNAIRE "owasp-soc-quick"

static const char *const *const types = assessment_types;
static const char *const type_descs[ASSESSMENT_TYPES] = {
	"A first look, often with the quick-scan questionnaire.",
	"The first full assessment, the reference for later ones.",
	"A repeat assessment that measures progress since the baseline.",
	"An assessment of part of the SOC only (some sites or services).",
};
static const char *const *const styles = assessment_styles;
static const char *const style_descs[ASSESSMENT_STYLES] = {
	"The SOC team assesses itself.",
	"A facilitator leads the team through the questions.",
	"An independent assessor gathers evidence and answers.",
};

struct interview_opts {
	const char *qid, *pid, *out, *json, *xlsx;
	const char *meta[6];   /* organisation scope assessor date type style */
	bool resume;
	bool in_order;         /* --in-order: a first pass, question by question */
	bool conflicts;        /* --conflicts: only the unresolved conflicts */
	char *target;          /* where FILE is written: a symlink's target */
};

enum { M_ORG, M_SCOPE, M_ASSESSOR, M_DATE, M_TYPE, M_STYLE };

static int
index_of(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	}
	return -1;
}

/* The options as parsed by cmd.c, checked and in their own fields. */
static int
parse_args(const struct cmd_args *args, struct interview_opts *o)
{
	static const char *const meta_names[] = { "organisation", "scope",
	    "assessor", "date", "type", "style" };

	if (args->argc > 0)
		return cmd_usage_error(&cmd_interview_entry,
		    "unexpected argument '%s'", args->argv[0]);
	o->qid = cmd_arg_value(args, "q");
	o->pid = cmd_arg_value(args, "p");
	o->out = cmd_arg_value(args, "o");
	o->json = cmd_arg_value(args, "json");
	o->xlsx = cmd_arg_value(args, "xlsx");
	o->resume = cmd_arg_has(args, "resume");
	o->in_order = cmd_arg_has(args, "in-order");
	o->conflicts = cmd_arg_has(args, "conflicts");
	for (size_t i = 0; i < ARRAY_SIZE(meta_names); i++)
		o->meta[i] = cmd_arg_value(args, meta_names[i]);
	if (o->out == NULL)
		return cmd_usage_error(&cmd_interview_entry,
		    "no answers file given: use -o FILE");
	if (o->conflicts && !o->resume)
		return cmd_usage_error(&cmd_interview_entry, "--conflicts "
		    "needs --resume: it walks the conflicts of a merged file");
	for (int i = 0; i < 6; i++) {
		if (o->meta[i] != NULL && !utf8_valid(o->meta[i]))
			return cmd_usage_error(&cmd_interview_entry,
			    "option values must be UTF-8 text");
	}
	if (o->meta[M_DATE] != NULL && !date_valid(o->meta[M_DATE])) {
		char *why = date_problem(o->meta[M_DATE]);
		int rc = cmd_usage_error(&cmd_interview_entry, "date '%s' %s",
		    o->meta[M_DATE], why);

		free(why);
		return rc;
	}
	if (o->meta[M_TYPE] != NULL && index_of(o->meta[M_TYPE], types,
	    ASSESSMENT_TYPES) < 0)
		return cmd_usage_error(&cmd_interview_entry, "type '%s' must "
		    "be quick-scan, baseline, progress or scoped",
		    o->meta[M_TYPE]);
	if (o->meta[M_STYLE] != NULL && index_of(o->meta[M_STYLE], styles,
	    ASSESSMENT_STYLES) < 0)
		return cmd_usage_error(&cmd_interview_entry, "style '%s' must "
		    "be self, guided or third-party", o->meta[M_STYLE]);
	return EXIT_OK;
}

static void
print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
print_error(const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	fputs("socassess: ", stderr);
	term_write(stderr, text.buf, false);
	fputc('\n', stderr);
	strbuf_release(&text);
}

static char **
meta_field(struct answers_meta *me, int i)
{
	char **f[6] = { &me->organisation, &me->scope, &me->assessor,
	    &me->date, &me->type, &me->style };

	return f[i];
}

/* Blank text means "not given", as the loader reads it. */
static void
set_meta(struct answers_meta *me, int i, const char *s)
{
	answers_set_string(meta_field(me, i), str_blank(s) ? NULL : s);
}

/* Ask for what the flags did not give; -1 when input ended. */
static int
ask_meta(struct interview *iv, const struct interview_opts *o,
    struct answers_meta *me)
{
	static const char *const labels[] = { "Organisation",
	    "Scope (sites, teams or services assessed)",
	    "Assessor (your name)" };
	char today[16], *s;
	time_t now = time(NULL);
	struct tm tm;
	size_t c;

	for (int i = M_ORG; i <= M_ASSESSOR; i++) {
		if (o->meta[i] != NULL)
			continue;
		if (interview_ask_text(iv, labels[i], NULL, &s) < 0)
			return -1;
		set_meta(me, i, s);
		free(s);
	}
	if (o->meta[M_DATE] == NULL) {
		localtime_r(&now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		if (interview_ask_date(iv, "Date of the assessment", today,
		    &s) < 0)
			return -1;
		set_meta(me, M_DATE, s);
		free(s);
	}
	if (o->meta[M_TYPE] == NULL) {
		if (interview_ask_choice(iv, "Type of assessment", types,
		    NULL, type_descs, ASSESSMENT_TYPES, 1, &c) < 0)
			return -1;
		set_meta(me, M_TYPE, types[c]);
	}
	if (o->meta[M_STYLE] == NULL) {
		if (interview_ask_choice(iv, "Style of assessment", styles,
		    NULL, style_descs, ASSESSMENT_STYLES, 1, &c) < 0)
			return -1;
		set_meta(me, M_STYLE, styles[c]);
	}
	return 0;
}

static int
pick_profile(struct interview *iv, const struct model *m, size_t *pi)
{
	const char **names = xcalloc(m->n_profiles, sizeof(*names));
	const char **descs = xcalloc(m->n_profiles, sizeof(*descs));
	char **labels = xcalloc(m->n_profiles, sizeof(*labels));
	int rc;

	for (size_t i = 0; i < m->n_profiles; i++) {
		labels[i] = xasprintf("%s (%s)", m->profiles[i].name,
		    m->profiles[i].id);
		names[i] = m->profiles[i].id;
		descs[i] = m->profiles[i].description;
	}
	/* Show "Name (id)" but accept the id too. */
	rc = interview_ask_choice(iv, "SOC operating model (profile): which "
	    "one describes this SOC best?", (const char *const *)labels, names,
	    descs,
	    m->n_profiles, -1, pi);
	for (size_t i = 0; i < m->n_profiles; i++)
		free(labels[i]);
	free(labels);
	free(names);
	free(descs);
	return rc;
}

/* The questionnaire: -q, else a choice when there are several. */
static void
print_unknown_questionnaire(const struct catalog *cat, const char *qid)
{
	char *why = catalog_unknown_questionnaire(cat, qid);

	print_error("%s", why);
	free(why);
}

static const struct questionnaire *
pick_questionnaire(struct interview *iv, const struct catalog *cat,
    const char *qid, const char *type, bool *ended)
{
	/* A quick scan proposes the quick questionnaire. */
	const char *proposed = type != NULL && strcmp(type, "quick-scan") ==
	    0 ? QUICK_QUESTIONNAIRE : CATALOG_DEFAULT_QUESTIONNAIRE;
	const char **names, **descs;
	char **labels;
	const struct questionnaire *q = NULL;
	int dflt = 0;
	size_t c;

	*ended = false;
	if (qid != NULL || cat->n_questionnaires <= 1) {
		q = qid != NULL ? catalog_questionnaire(cat, qid) :
		    cat->n_questionnaires == 1 ? cat->questionnaires[0] : NULL;
		if (q == NULL)
			print_unknown_questionnaire(cat, qid ? qid : "");
		return q;
	}
	names = xcalloc(cat->n_questionnaires, sizeof(*names));
	descs = xcalloc(cat->n_questionnaires, sizeof(*descs));
	labels = xcalloc(cat->n_questionnaires, sizeof(*labels));
	for (size_t i = 0; i < cat->n_questionnaires; i++) {
		names[i] = cat->questionnaires[i]->id;
		labels[i] = xasprintf("%s (%s)", cat->questionnaires[i]->name,
		    names[i]);
		descs[i] = cat->questionnaires[i]->description != NULL ?
		    cat->questionnaires[i]->description :
		    cat->questionnaires[i]->name;
		if (strcmp(names[i], proposed) == 0)
			dflt = (int)i;
	}
	if (interview_ask_choice(iv, "Questionnaire",
	    (const char *const *)labels, names, descs, cat->n_questionnaires,
	    dflt, &c) < 0)
		*ended = true;
	else
		q = cat->questionnaires[c];
	for (size_t i = 0; i < cat->n_questionnaires; i++)
		free(labels[i]);
	free(labels);
	free(names);
	free(descs);
	return q;
}

/* A new answers file: metadata, questionnaire, profile; NULL if ended. */
static struct answers *
start_new(struct interview *iv, const struct interview_opts *o,
    const struct catalog *cat, int *rc)
{
	struct answers_meta me;
	const struct questionnaire *q;
	struct answers *a = NULL;
	size_t pi = 0;
	bool ended;

	memset(&me, 0, sizeof(me));
	*rc = EXIT_DATA;
	if (o->qid != NULL && catalog_questionnaire(cat, o->qid) == NULL) {
		print_unknown_questionnaire(cat, o->qid);
		return NULL;
	}
	fprintf(iv->io.out, "New assessment, saved to %s after every "
	    "answer.\nEnter leaves a field empty or takes the value in "
	    "[brackets].\n\n", o->out);
	for (int i = 0; i < 6; i++)
		set_meta(&me, i, o->meta[i]);
	if (ask_meta(iv, o, &me) < 0)
		goto ended;
	q = pick_questionnaire(iv, cat, o->qid, me.type, &ended);
	if (ended)
		goto ended;
	if (q == NULL)
		goto out;
	if (o->pid != NULL) {
		if (cmd_find_profile(&cmd_interview_entry, q->model, o->pid,
		    &pi) != EXIT_OK) {
			*rc = EXIT_USAGE;
			goto out;
		}
	} else if (pick_profile(iv, q->model, &pi) < 0)
		goto ended;
	a = answers_new(q, pi, o->out);
	for (int i = 0; i < 6; i++)
		set_meta(&a->meta, i, *meta_field(&me, i));
	*rc = EXIT_OK;
	goto out;
ended:
	*rc = iv->status == INTERVIEW_INTERRUPTED ? EXIT_INTERRUPTED :
	    EXIT_DATA;
	print_error("%s before the interview started: nothing saved",
	    iv->status == INTERVIEW_INTERRUPTED ? "interrupted" :
	    "input ended");
out:
	for (int i = 0; i < 6; i++)
		free(*meta_field(&me, i));
	return a;
}

/* Load FILE to continue it; flags given override its metadata. */
static struct answers *
start_resume(const struct interview_opts *o, const struct catalog *cat,
    struct soc_errors *warnings)
{
	struct soc_errors errs;
	struct answers *a;

	soc_errors_init(&errs);
	a = answers_load(o->out, cat, &errs);
	if (a == NULL) {
		cmd_print_errors(&errs);
		soc_errors_release(&errs);
		return NULL;
	}
	soc_errors_move(warnings, &errs);
	soc_errors_release(&errs);
	if (o->qid != NULL && strcmp(o->qid, a->q->id) != 0) {
		print_error("'%s' answers questionnaire '%s', not '%s'", o->out,
		    a->q->id, o->qid);
		answers_free(a);
		return NULL;
	}
	if (o->pid != NULL && model_match_profile(a->model, o->pid) !=
	    (int)a->profile) {
		print_error("'%s' is for profile '%s', not '%s'", o->out,
		    a->model->profiles[a->profile].id, o->pid);
		answers_free(a);
		return NULL;
	}
	for (int i = 0; i < 6; i++) {
		/* A second assessor is recorded per answer, not here. */
		if (o->meta[i] != NULL && (i != M_ASSESSOR ||
		    a->meta.assessor == NULL))
			set_meta(&a->meta, i, o->meta[i]);
	}
	return a;
}

/*
 * Where FILE is written: a symlink is followed to its target, so the
 * link stays a link. The path itself when it is no symlink.
 */
static char *
write_target(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		return real;
	return xstrdup(path);
}

/*
 * True when the YAML file at path has a comment line ("# ...") that the
 * interview's own text of a would not write again.
 */
static bool
loses_comments(const char *path, const struct answers *a)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, *ours;
	size_t cap = 0;
	bool found = false;

	if (fp == NULL)
		return false;
	ours = answers_yaml_text(a);
	while (!found && getline(&line, &cap, fp) >= 0) {
		const char *text = line + strspn(line, " \t");

		found = *text == '#' && strstr(ours, text) == NULL;
	}
	free(ours);
	free(line);
	fclose(fp);
	return found;
}

/* A ".json" file name: JSON has no comments to lose. */
static bool
is_json_name(const char *path)
{
	size_t n = strlen(path);

	return n >= 5 && strcmp(path + n - 5, ".json") == 0;
}

/*
 * With --conflicts: true when a has unresolved conflicts to walk; else
 * says why not and sets *rc (0: all resolved; 1: a has no candidates,
 * so nothing was ever in conflict).
 */
static bool
conflicts_left(const struct answers *a, const struct interview_opts *o,
    int *rc)
{
	size_t all, open;

	interview_conflicts(a, &all, &open);
	if (open > 0)
		return true;
	if (all == 0) {
		print_error("'%s' holds no conflicts to resolve: none of its "
		    "answers has candidates (they come from 'socassess merge', "
		    "see docs/merge.md)", o->out);
		*rc = EXIT_DATA;
		return false;
	}
	term_printf(stderr, "No conflicts remain in %s: all %zu are "
	    "resolved.\n", o->out, all);
	*rc = EXIT_OK;
	return false;
}

/* The streams of the interview, from the terminal or pipes. */
static void
open_io(const struct cmd_ctx *ctx, struct interview_io *io)
{
	io->in = stdin;
	io->out = stderr;
	io->edit = isatty(STDIN_FILENO);
	io->screen = isatty(STDERR_FILENO) && getenv("TERM") != NULL &&
	    strcmp(getenv("TERM"), "dumb") != 0;
	io->color = io->screen && !ctx->no_color;
}

/*
 * The answers to walk: FILE loaded to resume it (nothing is written
 * until something changes), or a new one, written at once.
 */
static struct answers *
start(struct interview *iv, const struct interview_opts *o,
    const struct catalog *cat, struct soc_errors *warnings, int *rc)
{
	struct answers *a;

	if (!o->resume) {
		a = start_new(iv, o, cat, rc);
		iv->a = a;
		iv->path = o->target;
		/* The file exists from the first moment on. */
		if (a != NULL && interview_save(iv) < 0) {
			term_write(stderr, iv->notice.buf, true);
			fputc('\n', stderr);
			*rc = EXIT_DATA;
		}
		return a;
	}
	a = start_resume(o, cat, warnings);
	*rc = a != NULL ? EXIT_OK : EXIT_DATA;
	cmd_print_errors(warnings);
	if (a != NULL && o->conflicts && !conflicts_left(a, o, rc)) {
		answers_free(a);
		return NULL;
	}
	if (a != NULL && !is_json_name(o->out) &&
	    loses_comments(o->target, a))
		print_error("note: '%s' has comment lines; the interview "
		    "rewrites the file at the first change and keeps the "
		    "answers, not the comments", o->out);
	return a;
}

/* "3 of 40 questions answered, saved in FILE." or the conflicts left. */
static void
progress_line(const struct interview_opts *o, const struct answers *a,
    enum interview_status st, struct strbuf *out)
{
	size_t done, all;

	if (!o->conflicts) {
		interview_progress(a, &done, &all);
		strbuf_addf(out, "%zu of %zu questions answered, saved in %s.",
		    done, all, o->out);
		return;
	}
	interview_conflicts(a, &all, &done);
	if (done == 0)
		/* After "Quit: " or at the start of a line. */
		strbuf_addf(out, "%co conflicts remain, saved in %s.",
		    st == INTERVIEW_INTERRUPTED || st == INTERVIEW_QUIT ? 'n' :
		    'N', o->out);
	else
		strbuf_addf(out, "%zu conflict%s still unresolved, saved in "
		    "%s.", done, done == 1 ? "" : "s", o->out);
}

/* Walk the questions; then the summary and reports, or how to resume. */
static int
walk(struct cmd_ctx *ctx, struct interview *iv, struct answers *a,
    const struct interview_opts *o, const struct catalog *cat)
{
	const struct score_request req = {
		.answers = o->target, .json = o->json, .xlsx = o->xlsx,
	};
	enum interview_status st;
	struct strbuf line = STRBUF_INIT;

	iv->in_order = o->in_order;
	iv->conflicts = o->conflicts;
	st = interview_run(iv, a, o->target, o->meta[M_ASSESSOR] != NULL ?
	    o->meta[M_ASSESSOR] : a->meta.assessor);
	/* Everything is saved already; once more in case the last failed. */
	if (iv->save_failed && interview_save(iv) < 0) {
		term_write(stderr, iv->notice.buf, true);
		print_error("the answers could not be saved to '%s'", o->out);
		return EXIT_DATA;
	}
	progress_line(o, a, st, &line);
	if (st == INTERVIEW_INTERRUPTED || st == INTERVIEW_QUIT) {
		/* The program as the user called it: ./socassess, a path... */
		fprintf(stderr, "%s: %s\nContinue with: %s interview -o %s "
		    "--resume%s\n", st == INTERVIEW_QUIT ? "Quit" :
		    "Interrupted", line.buf, ctx->program != NULL ?
		    ctx->program : "socassess", o->out, o->conflicts ?
		    " --conflicts" : "");
		strbuf_release(&line);
		return st == INTERVIEW_QUIT ? EXIT_OK : EXIT_INTERRUPTED;
	}
	fprintf(stderr, "%s\n\n", line.buf);
	strbuf_release(&line);
	return cmd_score_report(ctx, cat, &req);
}

/*
 * Lock the answers file for the whole interview (a second interview on
 * it would overwrite this one's answers), then clear the temporary files
 * a killed run left beside it. Returns the lock, or -1 after saying why.
 */
static int
lock_answers(const struct interview_opts *o)
{
	struct soc_errors errs;
	int lock;

	soc_errors_init(&errs);
	lock = filesafe_lock(o->out, &errs);
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	if (lock >= 0 && o->resume)
		filesafe_remove_stale(o->out);
	return lock;
}

/*
 * What the interview needs: the questionnaire of the file it resumes, or
 * the one -q names; everything when the assessor picks one.
 */
static int
load_catalog(const struct cmd_ctx *ctx, const struct interview_opts *o,
    struct catalog *cat)
{
	if (o->resume)
		return cmd_load_catalog_for(ctx, cat, &o->out, 1);
	if (o->qid != NULL)
		return cmd_load_catalog_some(ctx, cat, &o->qid, 1);
	return cmd_load_catalog(ctx, cat);
}

static int
cmd_interview_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct interview_opts o;
	struct interview_io io;
	struct interview iv;
	struct soc_errors warnings;
	struct catalog cat;
	struct answers *a;
	int rc, lock;

	memset(&o, 0, sizeof(o));
	rc = parse_args(args, &o);
	if (rc != EXIT_OK)
		return rc;
	if (!o.resume && access(o.out, F_OK) == 0) {
		print_error("'%s' exists: continue it with --resume, or choose "
		    "another file", o.out);
		return EXIT_DATA;
	}
	if ((lock = lock_answers(&o)) < 0)
		return EXIT_DATA;
	if (load_catalog(ctx, &o, &cat) < 0) {
		filesafe_unlock(o.out, lock);
		return EXIT_DATA;
	}
	o.target = write_target(o.out);
	soc_errors_init(&warnings);
	open_io(ctx, &io);
	interview_init(&iv, &io);
	a = start(&iv, &o, &cat, &warnings, &rc);
	if (a != NULL && rc == EXIT_OK)
		rc = walk(ctx, &iv, a, &o, &cat);
	interview_release(&iv);
	answers_free(a);
	soc_errors_release(&warnings);
	catalog_release(&cat);
	free(o.target);
	filesafe_unlock(o.out, lock);
	return rc;
}

static const struct cmd_option interview_options[] = {
	{ .letter = 'q', .arg = "ID",
	    .help = "questionnaire ('socassess list' shows them)" },
	{ .letter = 'p', .arg = "PROFILE", .help = "SOC operating model" },
	{ .letter = 'o', .arg = "FILE",
	    .help = "answers file (never replaced unless --resume)" },
	{ .name = "resume",
	    .help = "continue FILE at its first unanswered question" },
	{ .name = "conflicts",
	    .help = "with --resume: walk only the unresolved conflicts\n"
	    "of a merged file (socassess merge) to resolve them" },
	{ .name = "in-order",
	    .help = "after an answer go to the next question in order,\n"
	    "answered or not (default: the next unanswered one)" },
	{ .name = "json", .arg = "FILE",
	    .help = "write the JSON report at the end" },
	{ .name = "xlsx", .arg = "FILE",
	    .help = "write the XLSX management report at the end" },
	{ .name = "organisation", .alias = "organization", .arg = "T",
	    .empty_ok = true, .help = "organisation assessed" },
	{ .name = "scope", .arg = "T", .empty_ok = true,
	    .help = "sites, teams or services assessed" },
	{ .name = "assessor", .arg = "T", .empty_ok = true,
	    .help = "who answers" },
	{ .name = "date", .arg = "D", .empty_ok = true,
	    .help = "YYYY-MM-DD (asked, default today)" },
	{ .name = "type", .arg = "T", .empty_ok = true,
	    .help = "quick-scan, baseline, progress or scoped" },
	{ .name = "style", .arg = "S", .empty_ok = true,
	    .help = "self, guided or third-party" },
	{ 0 },
};

const struct cmd_entry cmd_interview_entry = {
	.name = "interview",
	.usage = "[-q ID] [-p PROFILE] -o FILE [--resume [--conflicts]]\n"
	    "       [--json FILE] [--xlsx FILE] [--organisation T] [--scope T]\n"
	    "       [--assessor T] [--date D] [--type T] [--style S]",
	.summary = "run an assessment interview in the terminal",
	.help =
	    "Asks for the assessment's metadata (unless given by the options\n"
	    "below), the questionnaire (default " CATALOG_DEFAULT_QUESTIONNAIRE ") and "
	    "the SOC\n"
	    "operating model, then walks the questions area by area. Every\n"
	    "answer is saved to FILE at once (temporary file, fsync, rename).\n"
	    "At the end it prints the summary 'socassess score FILE' prints.\n\n"
	    "Keys at the prompt, then Enter: a level number answers; n N/A\n"
	    "(asks the reason); c comment; e evidence; Enter or s skips; b\n"
	    "back; g WHERE jumps to a question, area or domain; u next\n"
	    "unanswered; l lists the areas; ? help; q saves and quits.\n"
	    "Ctrl-C saves and exits with status 130; end of input saves,\n"
	    "prints the summary and exits 0. Input may come from a pipe, one\n"
	    "line per answer; screens and prompts go to standard error.\n"
	    "The metadata options are asked for when not given; with\n"
	    "--resume, a new assessor is recorded on each answer they give.\n"
	    "With --resume --conflicts, only the questions of a merged file\n"
	    "on which the assessors disagree are walked; each screen shows\n"
	    "every assessor's answer and comment, and a level number or n\n"
	    "resolves it (the answers stay as candidates, 'resolution:\n"
	    "interview' is recorded). See docs/interview.md, docs/merge.md.\n",
	.options = interview_options,
	.exec = cmd_interview_exec,
};
