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

#include "socassess/answers-write.h"
#include "socassess/cmd.h"
#include "socassess/interview.h"
#include "socassess/util.h"

#define TEXT_RECOMMENDATIONS 10

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

/*
 * The value of "--name VALUE", "--name=VALUE", "-n VALUE" or "-nVALUE"
 * at argv[*i]; *matched tells whether argv[*i] is that option (a NULL
 * result then means the value is missing).
 */
static const char *
option_value(int argc, char **argv, int *i, const char *name, bool *matched)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	*matched = false;
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=' && n > 2) {
		*matched = true;
		return a + n + 1;
	}
	if (a[n] != '\0' && n == 2) {
		*matched = true;
		return a + n;
	}
	if (a[n] != '\0')
		return NULL;
	*matched = true;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

static int
parse_args(int argc, char **argv, struct interview_opts *o)
{
	static const struct {
		const char *name;
		int field;     /* meta index, or -1..-4 below */
	} opts[] = {
		{ "-q", -1 }, { "-p", -2 }, { "-o", -3 }, { "--json", -4 },
		{ "--xlsx", -5 },
		{ "--organisation", M_ORG }, { "--organization", M_ORG },
		{ "--scope", M_SCOPE }, { "--assessor", M_ASSESSOR },
		{ "--date", M_DATE }, { "--type", M_TYPE },
		{ "--style", M_STYLE },
	};

	for (int i = 1; i < argc; i++) {
		const char *v = NULL;
		bool m = false;
		size_t k;

		if (strcmp(argv[i], "--resume") == 0) {
			o->resume = true;
			continue;
		}
		if (strcmp(argv[i], "--") == 0) {
			if (i + 1 < argc)
				return cmd_usage_error(&cmd_interview_entry,
				    "unexpected argument '%s'", argv[i + 1]);
			break;
		}
		for (k = 0; k < ARRAY_SIZE(opts); k++) {
			v = option_value(argc, argv, &i, opts[k].name, &m);
			if (m)
				break;
		}
		if (!m && argv[i][0] == '-')
			return cmd_usage_error(&cmd_interview_entry,
			    "unknown option '%s'", argv[i]);
		if (!m)
			return cmd_usage_error(&cmd_interview_entry,
			    "unexpected argument '%s'", argv[i]);
		if (v == NULL)
			return cmd_usage_error(&cmd_interview_entry,
			    "option '%s' needs a value", opts[k].name);
		switch (opts[k].field) {
		case -1: o->qid = v; break;
		case -2: o->pid = v; break;
		case -3: o->out = v; break;
		case -4: o->json = v; break;
		case -5: o->xlsx = v; break;
		default: o->meta[opts[k].field] = v; break;
		}
	}
	if (o->out == NULL || *o->out == '\0')
		return cmd_usage_error(&cmd_interview_entry,
		    "no answers file given: use -o FILE");
	if (o->json != NULL && *o->json == '\0')
		return cmd_usage_error(&cmd_interview_entry,
		    "option '--json' needs a file");
	if (o->xlsx != NULL && *o->xlsx == '\0')
		return cmd_usage_error(&cmd_interview_entry,
		    "option '--xlsx' needs a file");
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
	va_list ap;

	fflush(stdout);
	fputs("socassess: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
static const struct questionnaire *
pick_questionnaire(struct interview *iv, const struct catalog *cat,
    const char *qid, bool *ended)
{
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
			print_error("unknown questionnaire '%s' (see "
			    "'socassess list')", qid ? qid : "");
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
		if (strcmp(names[i], CATALOG_DEFAULT_QUESTIONNAIRE) == 0)
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
	int p;

	memset(&me, 0, sizeof(me));
	*rc = EXIT_DATA;
	if (o->qid != NULL && catalog_questionnaire(cat, o->qid) == NULL) {
		print_error("unknown questionnaire '%s' (see 'socassess "
		    "list')", o->qid);
		return NULL;
	}
	fprintf(iv->io.out, "New assessment, saved to %s after every "
	    "answer.\nEnter leaves a field empty or takes the value in "
	    "[brackets].\n\n", o->out);
	for (int i = 0; i < 6; i++)
		set_meta(&me, i, o->meta[i]);
	if (ask_meta(iv, o, &me) < 0)
		goto ended;
	q = pick_questionnaire(iv, cat, o->qid, &ended);
	if (ended)
		goto ended;
	if (q == NULL)
		goto out;
	if (o->pid != NULL) {
		if ((p = model_find_profile(q->model, o->pid)) < 0) {
			print_error("unknown profile '%s' for model '%s' (see "
			    "'socassess list')", o->pid, q->model->id);
			goto out;
		}
		pi = (size_t)p;
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
	if (o->pid != NULL && strcmp(o->pid,
	    a->model->profiles[a->profile].id) != 0) {
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

/* The summary of 'score FILE' and the reports, from the saved file. */
static int
finish(struct cmd_ctx *ctx, const struct interview_opts *o,
    const struct catalog *cat)
{
	const struct score_request req = {
		.answers = o->out, .json = o->json, .xlsx = o->xlsx,
	};

	return cmd_score_report(ctx, cat, &req);
}

static int
cmd_interview_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct interview_opts o;
	struct interview_io io;
	struct interview iv;
	struct soc_errors warnings;
	struct catalog cat;
	struct answers *a = NULL;
	enum interview_status st;
	size_t done, all;
	int rc;

	memset(&o, 0, sizeof(o));
	rc = parse_args(argc, argv, &o);
	if (rc != EXIT_OK)
		return rc;
	if (!o.resume && access(o.out, F_OK) == 0) {
		print_error("'%s' exists: continue it with --resume, or choose "
		    "another file", o.out);
		return EXIT_DATA;
	}
	if (cmd_load_catalog(ctx, &cat) < 0)
		return EXIT_DATA;
	soc_errors_init(&warnings);
	io.in = stdin;
	io.out = stderr;
	io.edit = isatty(STDIN_FILENO);
	io.screen = isatty(STDERR_FILENO) && getenv("TERM") != NULL &&
	    strcmp(getenv("TERM"), "dumb") != 0;
	io.color = io.screen && !ctx->no_color;
	interview_init(&iv, &io);
	if (o.resume) {
		a = start_resume(&o, &cat, &warnings);
		rc = a != NULL ? EXIT_OK : EXIT_DATA;
	} else
		a = start_new(&iv, &o, &cat, &rc);
	if (a == NULL)
		goto out;
	/* The file exists from the first moment on. */
	iv.a = a;
	iv.path = o.out;
	if (interview_save(&iv) < 0) {
		rc = EXIT_DATA;
		goto out;
	}
	st = interview_run(&iv, a, o.out, o.meta[M_ASSESSOR] != NULL ?
	    o.meta[M_ASSESSOR] : a->meta.assessor);
	/* Everything is saved already; once more in case the last failed. */
	if (iv.save_failed && interview_save(&iv) < 0) {
		print_error("the answers could not be saved to '%s'", o.out);
		rc = EXIT_DATA;
		goto out;
	}
	interview_progress(a, &done, &all);
	if (st == INTERVIEW_INTERRUPTED || st == INTERVIEW_QUIT) {
		fprintf(stderr, "%s: %zu of %zu questions answered, saved in "
		    "%s.\nContinue with: socassess interview -o %s --resume\n",
		    st == INTERVIEW_QUIT ? "Quit" : "Interrupted", done, all,
		    o.out, o.out);
		rc = st == INTERVIEW_QUIT ? EXIT_OK : EXIT_INTERRUPTED;
		goto out;
	}
	fprintf(stderr, "%zu of %zu questions answered, saved in %s.\n\n",
	    done, all, o.out);
	rc = finish(ctx, &o, &cat);
out:
	interview_release(&iv);
	answers_free(a);
	soc_errors_release(&warnings);
	catalog_release(&cat);
	return rc;
}

const struct cmd_entry cmd_interview_entry = {
	.name = "interview",
	.usage = "[-q ID] [-p PROFILE] -o FILE [--resume] [--json F]\n"
	    "       [--xlsx F] [--organisation T] [--scope T] [--assessor T] [--date D]\n"
	    "       [--type T] [--style S]",
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
	    "line per answer; screens and prompts go to standard error.\n\n"
	    "  -q ID            questionnaire ('socassess list' shows them)\n"
	    "  -p PROFILE       SOC operating model\n"
	    "  -o FILE          answers file (never replaced unless --resume)\n"
	    "  --resume         continue FILE at its first unanswered question\n"
	    "  --json F         write the JSON report at the end\n"
	    "  --xlsx F         write the XLSX management report at the end\n"
	    "  --organisation T, --scope T, --assessor T\n"
	    "                   metadata (with --resume, a new assessor is\n"
	    "                   recorded on each answer they give)\n"
	    "  --date D         YYYY-MM-DD (asked, default today)\n"
	    "  --type T         quick-scan, baseline, progress or scoped\n"
	    "  --style S        self, guided or third-party\n\n"
	    "See docs/interview.md.\n",
	.exec = cmd_interview_exec,
};
