/*
 * socassess template [-q ID] [-p PROFILE] [-o FILE] [--xlsx FILE]: a
 * blank answers file listing every question asked for the profile, in
 * questionnaire order, with its text and options as YAML comments. Each
 * answer is written with an empty "value:", which loads as unanswered,
 * so the file is valid as it is and becomes a full assessment as values
 * are filled in. --xlsx writes the same questions as a fillable workbook
 * (src/template-xlsx.c) for people who answer in a spreadsheet.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "socassess/answers-write.h"
#include "socassess/atomic.h"
#include "socassess/cmd.h"
#include "socassess/strbuf.h"
#include "socassess/template-xlsx.h"
#include "socassess/term.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

#define DEFAULT_PROFILE "centralized"
#define COMMENT_WIDTH 76

/*
 * s as a comment may hold it, in sb (reset first): YAML refuses control
 * characters even in comments, so they are shown as \xHH as on a
 * terminal. Line breaks and tabs stay when multi_line. Returns sb->buf.
 */
static const char *
comment_text(struct strbuf *sb, const char *s, bool multi_line)
{
	strbuf_reset(sb);
	term_escape(sb, s, multi_line);
	return sb->buf;
}

/*
 * Text as comment lines: prefix, then words wrapped at COMMENT_WIDTH;
 * continuation lines get cont instead of prefix.
 */
static void
put_comment(FILE *fp, const char *prefix, const char *cont, const char *text)
{
	size_t col = strlen(prefix), start = col;
	struct strbuf sb = STRBUF_INIT;
	const char *p = comment_text(&sb, text, true);

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
	strbuf_release(&sb);
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
	struct strbuf sb = STRBUF_INIT;
	char num[32], prefix[48];

	for (size_t i = qi; i-- > 0 && prev == NULL;)
		prev = answers_get(ans, i) != NULL ? &q->questions[i] : NULL;
	if (prev == NULL || m->areas[prev->area].domain != a->domain)
		fprintf(fp, "\n  # ===== %s =====\n", comment_text(&sb,
		    m->domains[a->domain].name, false));
	if (prev == NULL || prev->area != qu->area) {
		format_number_short(num, sizeof(num),
		    ans->area_target[qu->area]);
		fprintf(fp, "\n  # ----- %s (target %s) -----\n",
		    comment_text(&sb, a->name, false), num);
	}
	fputc('\n', fp);
	put_comment(fp, "  # ", "  #   ", qu->text);
	for (size_t o = 0; o < qu->n_options; o++) {
		format_number_short(num, sizeof(num), qu->options[o].value);
		snprintf(prefix, sizeof(prefix), "  #   %s: ", num);
		put_comment(fp, prefix, "  #        ", qu->options[o].text);
	}
	strbuf_release(&sb);
}

/*
 * The blank answers file: instructions, then the answers writer's blank
 * form with every question asked for profile pi.
 */
static void
write_template(FILE *fp, const struct questionnaire *q, size_t pi)
{
	struct answers *a = answers_new(q, pi, "template.yaml");
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < q->n_questions; i++) {
		if (questionnaire_applies(q, i, pi)) {
			answers_edit(a, i);
			n++;
		}
	}
	fprintf(fp, "# socassess answers file for questionnaire %s "
	    "(version %s),\n# profile %s: %zu questions.\n#\n", q->id,
	    comment_text(&sb, q->version, false), q->model->profiles[pi].id,
	    n);
	strbuf_release(&sb);
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

/*
 * Refuse a target that exists: a blank template must never replace
 * answers someone typed. Returns 0, or -1 with an error added.
 */
static int
refuse_existing(const char *path, const char *what, struct soc_errors *errs)
{
	if (path == NULL || access(path, F_OK) != 0)
		return 0;
	soc_error_at(errs, NULL, NULL, "'%s' exists: not overwriting it with "
	    "a blank %s", path, what);
	return -1;
}

/*
 * Refuse targets that cannot be written before anything is: a workbook
 * on standard output, one file named twice, an existing file. out is
 * the YAML file, NULL for none or standard output.
 */
static int
check_targets(const char *out, const char *xlsx, struct soc_errors *errs)
{
	if (xlsx != NULL && strcmp(xlsx, "-") == 0) {
		soc_error_at(errs, NULL, NULL, "cannot write a workbook to "
		    "standard output: name a file after --xlsx");
		return -1;
	}
	if (out != NULL && xlsx != NULL && strcmp(out, xlsx) == 0) {
		soc_error_at(errs, NULL, NULL, "'%s' is named by both -o and "
		    "--xlsx", out);
		return -1;
	}
	if (refuse_existing(out, "template", errs) < 0 ||
	    refuse_existing(xlsx, "workbook", errs) < 0)
		return -1;
	return 0;
}

/*
 * Write the template(s) asked for: the YAML file out ("-" or NULL:
 * standard output, unless only a workbook is asked for) and the
 * workbook xlsx. Both targets are checked before either is written; a
 * workbook written before a failed YAML file is removed again.
 */
static int
write_templates(const struct questionnaire *q, size_t profile,
    const char *out, const char *xlsx, struct soc_errors *errs)
{
	struct template_ctx c = { q, profile };
	const char *file = out != NULL && strcmp(out, "-") != 0 ? out : NULL;

	if (check_targets(file, xlsx, errs) < 0)
		return -1;
	if (xlsx != NULL && template_xlsx_save(q, profile, xlsx, errs) < 0)
		return -1;
	if (file != NULL) {
		if (atomic_save(file, save_template, &c, errs) == 0)
			return 0;
		if (xlsx != NULL)
			unlink(xlsx);
		return -1;
	}
	if (xlsx == NULL || out != NULL)
		write_template(stdout, q, profile);
	return 0;
}

static int
cmd_template_exec(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *qid = cmd_arg_value(args, "q"), *pid = cmd_arg_value(args,
	    "p");
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
		char *why = catalog_unknown_questionnaire(&cat, qid);

		soc_error_at(&errs, NULL, NULL, "%s", why);
		free(why);
		rc = EXIT_DATA;
	} else if ((rc = cmd_find_profile(&cmd_template_entry, q->model,
	    pid, &profile)) != EXIT_OK) {
		/* the usage error is printed */
	} else if (write_templates(q, profile, cmd_arg_value(args, "o"),
	    cmd_arg_value(args, "xlsx"), &errs) < 0) {
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
	{ .letter = 'o', .arg = "FILE", .help = "answers file (YAML) to create" },
	{ .name = "xlsx", .arg = "FILE",
	    .help = "fillable questionnaire workbook to create" },
	{ 0 },
};

const struct cmd_entry cmd_template_entry = {
	.name = "template",
	.usage = "[-q ID] [-p PROFILE] [-o FILE] [--xlsx FILE]",
	.summary = "write a blank answers file or workbook to fill in",
	.help =
	    "Writes a blank answers file for questionnaire ID (default\n"
	    CATALOG_DEFAULT_QUESTIONNAIRE ") and profile PROFILE (default "
	    DEFAULT_PROFILE "):\n"
	    "every question asked for that profile, in order, with its text\n"
	    "and answer options as comments and an empty 'value:' to fill in.\n"
	    "Unfilled answers count as unanswered, so the file is valid at\n"
	    "every stage. Writes to FILE (never over an existing one), or to\n"
	    "standard output without -o.\n"
	    "\n"
	    "--xlsx FILE writes the same questionnaire as a workbook to fill\n"
	    "in with a spreadsheet: instructions, the assessment's details,\n"
	    "one sheet per domain with an Answer dropdown per question.\n"
	    "Only its yellow cells can be changed (sheet protection without\n"
	    "a password). 'socassess import' reads it back. With --xlsx the\n"
	    "YAML file is written only when -o is given too; both targets\n"
	    "must not exist. See docs/workbook.md.\n",
	.options = template_options,
	.exec = cmd_template_exec,
};
