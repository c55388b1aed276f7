/*
 * socassess template [-q ID] [-p PROFILE] [-o FILE]: a blank answers file
 * listing every question asked for the profile, in questionnaire order,
 * with its text and options as YAML comments. Each answer is written
 * with an empty "value:", which loads as unanswered, so the file is
 * valid as it is and becomes a full assessment as values are filled in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "socassess/answers-write.h"
#include "socassess/atomic.h"
#include "socassess/cmd.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

#define DEFAULT_PROFILE "centralized"
#define COMMENT_WIDTH 76

/*
 * Text as comment lines: prefix, then words wrapped at COMMENT_WIDTH;
 * continuation lines get cont instead of prefix.
 */
static void
put_comment(FILE *fp, const char *prefix, const char *cont, const char *text)
{
	size_t col = strlen(prefix), start = col;
	const char *p = text;

	fputs(prefix, fp);
	for (;;) {
		size_t n;

		while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
			p++;
		n = strcspn(p, " \n\r\t");
		if (n == 0)
			break;
		if (col > start && col + 1 + utf8_width_n(p, n) >
		    COMMENT_WIDTH) {
			fprintf(fp, "\n%s", cont);
			col = start = strlen(cont);
		} else if (col > start) {
			fputc(' ', fp);
			col++;
		}
		fwrite(p, 1, n, fp);
		col += utf8_width_n(p, n);
		p += n;
	}
	fputc('\n', fp);
}

/*
 * The comments above a question's answer: a heading where its domain or
 * area starts, then its text and its options, so that the file can be
 * filled in without the questionnaire at hand.
 */
static void
describe_question(FILE *fp, const struct answers *ans, size_t qi)
{
	const struct questionnaire *q = ans->q;
	const struct model *m = ans->model;
	const struct question *qu = &q->questions[qi];
	const struct area *a = &m->areas[qu->area];
	const struct question *prev = NULL;
	char num[32], prefix[48];

	for (size_t i = qi; i-- > 0 && prev == NULL;)
		prev = answers_get(ans, i) != NULL ? &q->questions[i] : NULL;
	if (prev == NULL || m->areas[prev->area].domain != a->domain)
		fprintf(fp, "\n  # ===== %s =====\n", m->domains[a->domain].name);
	if (prev == NULL || prev->area != qu->area) {
		format_number_short(num, sizeof(num),
		    ans->area_target[qu->area]);
		fprintf(fp, "\n  # ----- %s (target %s) -----\n", a->name, num);
	}
	fputc('\n', fp);
	put_comment(fp, "  # ", "  #   ", qu->text);
	for (size_t o = 0; o < qu->n_options; o++) {
		format_number_short(num, sizeof(num), qu->options[o].value);
		snprintf(prefix, sizeof(prefix), "  #   %s: ", num);
		put_comment(fp, prefix, "  #        ", qu->options[o].text);
	}
}

/*
 * The blank answers file: instructions, then the answers writer's blank
 * form with every question asked for profile pi.
 */
static void
write_template(FILE *fp, const struct questionnaire *q, size_t pi)
{
	struct answers *a = answers_new(q, pi, "template.yaml");
	size_t n = 0;

	for (size_t i = 0; i < q->n_questions; i++) {
		if (questionnaire_applies(q, i, pi)) {
			answers_edit(a, i);
			n++;
		}
	}
	fprintf(fp, "# socassess answers file for questionnaire %s "
	    "(version %s),\n# profile %s: %zu questions.\n#\n", q->id,
	    q->version, q->model->profiles[pi].id, n);
	fputs("# Fill in each 'value:' with one of the option values listed "
	    "above it,\n# or replace it with 'na: true' and give the reason "
	    "in 'na_reason:'.\n# A question left without a value counts as "
	    "unanswered. Check the file\n# with 'socassess validate FILE', "
	    "score it with 'socassess score FILE'.\n\n", fp);
	answers_write_template(a, fp, describe_question);
	answers_free(a);
}

/* What save_template writes: a questionnaire for one profile. */
struct template_ctx {
	const struct questionnaire *q;
	size_t profile;
};

static int
save_template(FILE *fp, const void *ctx)
{
	const struct template_ctx *c = ctx;

	write_template(fp, c->q, c->profile);
	return 0;
}

static int
cmd_template_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *qid = cmd_arg_value(args, "q"), *pid = cmd_arg_value(args,
	    "p"), *out = cmd_arg_value(args, "o");
	const struct questionnaire *q;
	struct soc_errors errs;
	struct catalog cat;
	size_t profile = 0;
	int rc = EXIT_OK;

	if (args->argc > 0)
		return cmd_usage_error(&cmd_template_entry,
		    "unexpected argument '%s'", args->argv[0]);
	if (qid == NULL)
		qid = CATALOG_DEFAULT_QUESTIONNAIRE;
	if (pid == NULL)
		pid = DEFAULT_PROFILE;
	if (cmd_load_catalog(ctx, &cat) < 0)
		return EXIT_DATA;
	soc_errors_init(&errs);
	q = catalog_questionnaire(&cat, qid);
	if (q == NULL) {
		soc_error_at(&errs, NULL, NULL, "unknown questionnaire '%s' "
		    "(see 'socassess list')", qid);
		rc = EXIT_DATA;
	} else if ((rc = cmd_find_profile(&cmd_template_entry, q->model,
	    pid, &profile)) != EXIT_OK) {
		/* the usage error is printed */
	} else if (out == NULL || strcmp(out, "-") == 0) {
		write_template(stdout, q, profile);
	} else if (access(out, F_OK) == 0) {
		soc_error_at(&errs, NULL, NULL, "'%s' exists: not overwriting "
		    "it with a blank template", out);
		rc = EXIT_DATA;
	} else {
		struct template_ctx c = { q, profile };

		if (atomic_save(out, save_template, &c, &errs) < 0)
			rc = EXIT_DATA;
	}
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	catalog_release(&cat);
	return rc;
}

static const struct cmd_option template_options[] = {
	{ .letter = 'q', .arg = "ID",
	    .help = "questionnaire ('socassess list' shows them)" },
	{ .letter = 'p', .arg = "PROFILE", .help = "SOC operating model" },
	{ .letter = 'o', .arg = "FILE", .help = "file to create" },
	{ 0 },
};

const struct cmd_entry cmd_template_entry = {
	.name = "template",
	.usage = "[-q ID] [-p PROFILE] [-o FILE]",
	.summary = "write a blank answers file to fill in",
	.help =
	    "Writes a blank answers file for questionnaire ID (default\n"
	    CATALOG_DEFAULT_QUESTIONNAIRE ") and profile PROFILE (default "
	    DEFAULT_PROFILE "):\n"
	    "every question asked for that profile, in order, with its text\n"
	    "and answer options as comments and an empty 'value:' to fill in.\n"
	    "Unfilled answers count as unanswered, so the file is valid at\n"
	    "every stage. Writes to FILE (never over an existing one), or to\n"
	    "standard output without -o.\n",
	.options = template_options,
	.exec = cmd_template_exec,
};
