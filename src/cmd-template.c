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

#include "socassess/atomic.h"
#include "socassess/cmd.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

#define DEFAULT_QUESTIONNAIRE "owasp-soc-full"
#define DEFAULT_PROFILE "centralized"
#define COMMENT_WIDTH 76

/* s as a YAML double-quoted scalar. */
static void
put_quoted(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

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

static void
write_template(FILE *fp, const struct questionnaire *q, size_t pi)
{
	const struct model *m = q->model;
	const struct profile *p = &m->profiles[pi];
	size_t last_area = (size_t)-1, last_domain = (size_t)-1, n = 0;
	char num[32], prefix[48];

	for (size_t i = 0; i < q->n_questions; i++)
		n += questionnaire_applies(q, i, pi);
	fprintf(fp, "# socassess answers file for questionnaire %s "
	    "(version %s),\n# profile %s: %zu questions.\n#\n", q->id,
	    q->version, p->id, n);
	fputs("# Fill in each 'value:' with one of the option values listed "
	    "above it,\n# or replace it with 'na: true' and give the reason "
	    "in 'na_reason:'.\n# A question left without a value counts as "
	    "unanswered. Check the file\n# with 'socassess validate FILE', "
	    "score it with 'socassess score FILE'.\n\n", fp);
	fputs("assessment:\n  questionnaire: ", fp);
	put_quoted(fp, q->id);
	fputs("\n  questionnaire_version: ", fp);
	put_quoted(fp, q->version);
	fputs("\n  profile: ", fp);
	put_quoted(fp, p->id);
	fputs("\n  organisation: \"\"\n  scope: \"\"\n  assessor: \"\"\n"
	    "  date: \"\"             # YYYY-MM-DD\n"
	    "  type: \"\"             # quick-scan | baseline | progress | "
	    "scoped\n"
	    "  style: \"\"            # self | guided | third-party\n\n"
	    "# Optional: this organisation's own area importance and "
	    "targets.\n# importance:\n#   - {area: AREA, importance: "
	    "low}\n# targets:\n#   - {area: AREA, level: 4}\n\n", fp);
	fputs("answers:\n", fp);
	for (size_t i = 0; i < q->n_questions; i++) {
		const struct question *qu = &q->questions[i];
		const struct area *a = &m->areas[qu->area];

		if (!questionnaire_applies(q, i, pi))
			continue;
		if (a->domain != last_domain) {
			fprintf(fp, "\n  # ===== %s =====\n",
			    m->domains[a->domain].name);
			last_domain = a->domain;
		}
		if (qu->area != last_area) {
			fprintf(fp, "\n  # ----- %s (target %s) -----\n",
			    a->name, (format_number(num, sizeof(num),
			    p->area_target[qu->area]), num));
			last_area = qu->area;
		}
		fputc('\n', fp);
		put_comment(fp, "  # ", "  #   ", qu->text);
		for (size_t o = 0; o < qu->n_options; o++) {
			format_number(num, sizeof(num), qu->options[o].value);
			snprintf(prefix, sizeof(prefix), "  #   %s: ", num);
			put_comment(fp, prefix, "  #        ",
			    qu->options[o].text);
		}
		fputs("  - id: ", fp);
		put_quoted(fp, qu->id);
		fputs("\n    value:\n    comment: \"\"\n", fp);
	}
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
cmd_template_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *qid = DEFAULT_QUESTIONNAIRE, *pid = DEFAULT_PROFILE;
	const char *out = NULL;
	const struct questionnaire *q;
	struct soc_errors errs;
	struct catalog cat;
	int opt, pi, rc = EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((opt = getopt(argc, argv, "+q:p:o:")) != -1) {
		switch (opt) {
		case 'q':
			qid = optarg;
			break;
		case 'p':
			pid = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			if (optopt == 'q' || optopt == 'p' || optopt == 'o')
				return cmd_usage_error(&cmd_template_entry,
				    "option '-%c' needs a value", optopt);
			return cmd_usage_error(&cmd_template_entry,
			    "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cmd_usage_error(&cmd_template_entry,
		    "unexpected argument '%s'", argv[optind]);
	if (cmd_load_catalog(ctx, &cat) < 0)
		return EXIT_DATA;
	soc_errors_init(&errs);
	q = catalog_questionnaire(&cat, qid);
	if (q == NULL) {
		soc_error_at(&errs, NULL, NULL, "unknown questionnaire '%s' "
		    "(see 'socassess list')", qid);
		rc = EXIT_DATA;
	} else if ((pi = model_find_profile(q->model, pid)) < 0) {
		soc_error_at(&errs, NULL, NULL, "unknown profile '%s' for "
		    "model '%s' (see 'socassess list')", pid, q->model->id);
		rc = EXIT_DATA;
	} else if (out == NULL || strcmp(out, "-") == 0) {
		write_template(stdout, q, (size_t)pi);
	} else if (access(out, F_OK) == 0) {
		soc_error_at(&errs, NULL, NULL, "'%s' exists: not overwriting "
		    "it with a blank template", out);
		rc = EXIT_DATA;
	} else {
		struct template_ctx c = { q, (size_t)pi };

		if (atomic_save(out, save_template, &c, &errs) < 0)
			rc = EXIT_DATA;
	}
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	catalog_release(&cat);
	return rc;
}

const struct cmd_entry cmd_template_entry = {
	.name = "template",
	.usage = "[-q ID] [-p PROFILE] [-o FILE]",
	.summary = "write a blank answers file to fill in",
	.help =
	    "Writes a blank answers file for questionnaire ID (default\n"
	    DEFAULT_QUESTIONNAIRE ") and profile PROFILE (default "
	    DEFAULT_PROFILE "):\n"
	    "every question asked for that profile, in order, with its text\n"
	    "and answer options as comments and an empty 'value:' to fill in.\n"
	    "Unfilled answers count as unanswered, so the file is valid at\n"
	    "every stage. Writes to FILE (never over an existing one), or to\n"
	    "standard output without -o.\n\n"
	    "  -q ID       questionnaire ('socassess list' shows them)\n"
	    "  -p PROFILE  SOC operating model\n"
	    "  -o FILE     file to create\n",
	.exec = cmd_template_exec,
};
