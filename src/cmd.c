/*
 * The command table, lookup by name or unique prefix, and the usage and
 * error helpers shared by every subcommand.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "socassess/cmd.h"
#include "socassess/strbuf.h"
#include "socassess/term.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_list_entry,
	&cmd_validate_entry,
	&cmd_template_entry,
	&cmd_import_entry,
	&cmd_interview_entry,
	&cmd_score_entry,
	&cmd_compare_entry,
	&cmd_plan_entry,
	&cmd_merge_entry,
	&cmd_help_entry,
	NULL
};

const struct cmd_entry *
cmd_find(const char *name, bool *ambiguous)
{
	const struct cmd_entry *found = NULL;
	size_t len = strlen(name);

	*ambiguous = false;
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *e = cmd_table[i];

		if (strcmp(e->name, name) == 0) {
			*ambiguous = false;
			return e;
		}
		if (len > 0 && strncmp(e->name, name, len) == 0) {
			if (found != NULL)
				*ambiguous = true;
			found = e;
		}
	}
	return *ambiguous ? NULL : found;
}

/* True when opt (an option's long name, may be NULL) is name[0..n). */
static bool
long_is(const char *opt, const char *name, size_t n)
{
	return opt != NULL && strlen(opt) == n && strncmp(opt, name, n) == 0;
}

/*
 * The index of the option written as word ("--name", "--name=V", "-x",
 * "-xV"), with *inline_value set to V when the value is part of the word;
 * -1 when no option is written so.
 */
static int
find_option(const struct cmd_option *opts, const char *word,
    const char **inline_value)
{
	*inline_value = NULL;
	if (word[1] == '-') {
		const char *name = word + 2, *eq = strchr(name, '=');
		size_t n = eq != NULL ? (size_t)(eq - name) : strlen(name);

		for (int i = 0; opts != NULL && (opts[i].name != NULL ||
		    opts[i].letter != 0); i++) {
			if (long_is(opts[i].name, name, n) ||
			    long_is(opts[i].alias, name, n)) {
				*inline_value = eq != NULL ? eq + 1 : NULL;
				return i;
			}
		}
		return -1;
	}
	for (int i = 0; opts != NULL && (opts[i].name != NULL ||
	    opts[i].letter != 0); i++) {
		if (opts[i].letter != 0 && opts[i].letter == word[1]) {
			*inline_value = word[2] != '\0' ? word + 2 : NULL;
			return i;
		}
	}
	return -1;
}

/*
 * The long option closest to what was typed (dashes and any "=VALUE"
 * left out): the one its name starts with, else one within an edit or
 * two (str_closest); NULL when none is close.
 */
static const char *
closest_option(const struct cmd_option *opts, const char *word)
{
	const char *names[CMD_MAX_OPTIONS];
	size_t n = 0, len;
	char typed[64];

	word += strspn(word, "-");
	snprintf(typed, sizeof(typed), "%.*s", (int)strcspn(word, "="), word);
	len = strlen(typed);
	for (int i = 0; opts != NULL && (opts[i].name != NULL ||
	    opts[i].letter != 0) && n < ARRAY_SIZE(names); i++) {
		if (opts[i].name == NULL)
			continue;
		if (len >= 3 && strncmp(opts[i].name, typed, len) == 0)
			return opts[i].name;
		names[n++] = opts[i].name;
	}
	return str_closest(typed, names, n);
}

/* "a file", "a folder" or "a value": what an option's value is. */
static const char *
value_noun(const struct cmd_option *o)
{
	if (strcmp(o->arg, "FILE") == 0)
		return "a file";
	if (strcmp(o->arg, "DIR") == 0)
		return "a folder";
	return "a value";
}

/* Report an option that is not one of e's. */
static int
unknown_option(const struct cmd_entry *e, const char *word)
{
	const char *near = closest_option(e->options, word);
	int n = word[1] == '-' ? (int)strcspn(word, "=") : (int)strlen(word);

	if (near != NULL)
		return cmd_usage_error(e, "unknown option '%.*s' (did you "
		    "mean '--%s'?)", n, word, near);
	return cmd_usage_error(e, "unknown option '%.*s'", n, word);
}

/*
 * Take the option written as argv[*i] (and its value, which may be the
 * next word); EXIT_OK or a usage error.
 */
static int
take_option(const struct cmd_entry *e, int argc, char **argv, int *i,
    struct cmd_args *args)
{
	const char *word = argv[*i], *v;
	int k = find_option(e->options, word, &v);
	int typed = word[1] == '-' ? (int)strcspn(word, "=") : 2;
	const struct cmd_option *o;

	if (k < 0)
		return unknown_option(e, word);
	o = &e->options[k];
	if (o->arg == NULL) {
		if (v != NULL)
			return cmd_usage_error(e, "option '%.*s' takes no "
			    "value", typed, word);
		args->value[k] = "";
		return EXIT_OK;
	}
	if (v == NULL && *i + 1 < argc)
		v = argv[++*i];
	if (v == NULL || (*v == '\0' && !o->empty_ok))
		return cmd_usage_error(e, "option '%.*s' needs %s", typed,
		    word, value_noun(o));
	args->value[k] = v;
	return EXIT_OK;
}

int
cmd_parse_args(const struct cmd_entry *e, int argc, char **argv,
    struct cmd_args *args)
{
	bool operands_only = false;

	memset(args, 0, sizeof(*args));
	args->entry = e;
	/* Operands are moved to the front of argv, in their order. */
	args->argv = argv + 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rc;

		if (operands_only || a[0] != '-' || a[1] == '\0') {
			args->argv[args->argc++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			operands_only = true;
			continue;
		}
		rc = take_option(e, argc, argv, &i, args);
		if (rc != EXIT_OK)
			return rc;
	}
	return EXIT_OK;
}

/* The table index of option name; a name not in the table is a bug. */
static int
option_index(const struct cmd_args *args, const char *name)
{
	const struct cmd_option *opts = args->entry->options;

	for (int i = 0; opts != NULL && (opts[i].name != NULL ||
	    opts[i].letter != 0); i++) {
		if ((opts[i].name != NULL && strcmp(opts[i].name, name) == 0) ||
		    (opts[i].letter != 0 && name[0] == opts[i].letter &&
		    name[1] == '\0'))
			return i;
	}
	fprintf(stderr, "socassess: bug: command '%s' has no option '%s'\n",
	    args->entry->name, name);
	abort();
}

const char *
cmd_arg_value(const struct cmd_args *args, const char *name)
{
	return args->value[option_index(args, name)];
}

bool
cmd_arg_has(const struct cmd_args *args, const char *name)
{
	return cmd_arg_value(args, name) != NULL;
}

int
cmd_run(const struct cmd_entry *e, struct cmd_ctx *ctx, int argc,
    char **argv)
{
	struct cmd_args args;
	int rc;

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			cmd_print_help(e, stdout);
			return EXIT_OK;
		}
	}
	rc = cmd_parse_args(e, argc, argv, &args);
	if (rc != EXIT_OK)
		return rc;
	return e->exec(ctx, &args);
}

/* How option o is written in the help: "--json FILE", "-q ID". */
static void
option_spelling(const struct cmd_option *o, char *buf, size_t size)
{
	if (o->name != NULL)
		snprintf(buf, size, "--%s%s%s", o->name, o->arg ? " " : "",
		    o->arg ? o->arg : "");
	else
		snprintf(buf, size, "-%c%s%s", o->letter, o->arg ? " " : "",
		    o->arg ? o->arg : "");
}

/* The options of a command, one per line, help text in one column. */
static void
print_options(const struct cmd_option *opts, const char *title, FILE *fp)
{
	char buf[64];
	int width = 0;

	for (int i = 0; opts[i].name != NULL || opts[i].letter != 0; i++) {
		option_spelling(&opts[i], buf, sizeof(buf));
		if (opts[i].help != NULL && (int)strlen(buf) > width)
			width = (int)strlen(buf);
	}
	fprintf(fp, "\n%s:\n", title);
	for (int i = 0; opts[i].name != NULL || opts[i].letter != 0; i++) {
		const char *h = opts[i].help;

		if (h == NULL)
			continue; /* an alias, shown by its main name */
		option_spelling(&opts[i], buf, sizeof(buf));
		fprintf(fp, "  %-*s  ", width, buf);
		/* A help line continued below starts at the same column. */
		for (; *h != '\0'; h++) {
			fputc(*h, fp);
			if (*h == '\n' && h[1] != '\0')
				fprintf(fp, "  %-*s  ", width, "");
		}
		fputc('\n', fp);
	}
}

void
cmd_print_help(const struct cmd_entry *e, FILE *fp)
{
	fprintf(fp, "usage: socassess %s%s%s\n\n%s\n\n%s", e->name,
	    *e->usage ? " " : "", e->usage, e->summary, e->help);
	if (e->options != NULL)
		print_options(e->options, "Options", fp);
}

/* The options of every command, taken out of argv by main(). */
static const struct cmd_option global_options[] = {
	{ .name = "data-dir", .arg = "DIR",
	    .help = "models, questionnaires and templates to use\n"
	    "(else $SOCASSESS_DATA, else the source tree the\n"
	    "binary was built in, else the installed data)" },
	{ .name = "no-color",
	    .help = "no colour, even on a terminal (so does NO_COLOR)" },
	{ .name = "quiet", .help = "print only problems" },
	{ .name = "help", .letter = 'h',
	    .help = "this help; 'socassess help COMMAND' for one" },
	{ .name = "version", .help = "print the version" },
	{ 0 },
};

/* Apply global option k with value v to ctx (help is the command's). */
static bool
apply_global(int k, const char *v, struct cmd_ctx *ctx, bool *version)
{
	const char *name = global_options[k].name;

	if (strcmp(name, "data-dir") == 0)
		ctx->data_dir = v;
	else if (strcmp(name, "no-color") == 0)
		ctx->no_color = true;
	else if (strcmp(name, "quiet") == 0)
		ctx->quiet = true;
	else if (strcmp(name, "version") == 0)
		*version = true;
	else
		return false;
	return true;
}

/*
 * Take argv[*i] (and its value, the next word maybe) when it is a global
 * option: 1 when taken, 0 when it is not one, -1 after a usage error.
 */
static int
take_global(int argc, char **argv, int *i, struct cmd_ctx *ctx,
    bool *version)
{
	const char *a = argv[*i], *v = NULL;
	int k;

	if (a[0] != '-' || a[1] != '-' || a[2] == '\0')
		return 0;
	k = find_option(global_options, a, &v);
	if (k < 0)
		return 0;
	if (global_options[k].arg != NULL && v == NULL) {
		if (*i + 1 >= argc) {
			cmd_usage_error(NULL, "option '--%s' needs %s",
			    global_options[k].name,
			    value_noun(&global_options[k]));
			return -1;
		}
		v = argv[++*i];
	}
	return apply_global(k, v, ctx, version) ? 1 : 0;
}

int
cmd_take_global_options(int argc, char **argv, struct cmd_ctx *ctx,
    bool *version)
{
	int out = 1;

	for (int i = 1; i < argc; i++) {
		int taken;

		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		taken = take_global(argc, argv, &i, ctx, version);
		if (taken < 0)
			return -1;
		if (taken == 0)
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	ctx->no_color = ctx->no_color || getenv("NO_COLOR") != NULL;
	ctx->color = !ctx->no_color && isatty(STDOUT_FILENO);
	return out;
}

void
cmd_print_usage(FILE *fp)
{
	fputs("usage: socassess [OPTION...] COMMAND [ARG...]\n\n"
	    "Assess the maturity of a Security Operations Center against a\n"
	    "maturity model (by default the OWASP SOC Framework).\n\n"
	    "Commands:\n", fp);
	for (size_t i = 0; cmd_table[i] != NULL; i++)
		fprintf(fp, "  %-10s %s\n", cmd_table[i]->name,
		    cmd_table[i]->summary);
	print_options(global_options, "Options (before or after the command)",
	    fp);
	fputs("\nQuestionnaires that load without a message are kept, converted,\n"
	    "in $SOCASSESS_CACHE (off: none), else the user's cache folder\n"
	    "(~/.cache/socassess), and read back while their text, model and\n"
	    "socassess are the same.\n", fp);
	fputs("\nExit status: 0 success, 1 invalid data or I/O failure, 2 "
	    "usage\nerror, 130 interrupted.\n", fp);
}

int
cmd_find_profile(const struct cmd_entry *e, const struct model *m,
    const char *text, size_t *pi)
{
	const char **names = xcalloc(2 * m->n_profiles, sizeof(*names));
	const char *near;
	int p = model_match_profile(m, text), rc;

	if (p >= 0) {
		free(names);
		*pi = (size_t)p;
		return EXIT_OK;
	}
	for (size_t i = 0; i < m->n_profiles; i++) {
		names[2 * i] = m->profiles[i].id;
		names[2 * i + 1] = m->profiles[i].name;
	}
	near = str_closest(text, names, 2 * m->n_profiles);
	if (near != NULL)
		rc = cmd_usage_error(e, "unknown profile '%s' for model '%s' "
		    "(did you mean '%s'?)", text, m->id, near);
	else
		rc = cmd_usage_error(e, "unknown profile '%s' for model '%s' "
		    "(see 'socassess list')", text, m->id);
	free(names);
	return rc;
}

int
cmd_usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	/* The message may quote an argument: a file name can hold ESC. */
	fputs("socassess: ", stderr);
	term_write(stderr, text.buf, false);
	fputc('\n', stderr);
	strbuf_release(&text);
	if (e != NULL)
		fprintf(stderr, "usage: socassess %s%s%s\n", e->name,
		    *e->usage ? " " : "", e->usage);
	else
		fputs("usage: socassess [OPTION...] COMMAND [ARG...]\n"
		    "Try 'socassess --help' for the commands.\n", stderr);
	return EXIT_USAGE;
}

void
cmd_close_stdout(void)
{
	int err = 0, earlier = errno;

	/* A failed write earlier left its errno; nothing since resets it. */
	if (fflush(stdout) != 0)
		err = errno;
	else if (ferror(stdout))
		err = earlier != 0 ? earlier : EIO;
	/* EBADF after a clean flush: nothing was written to a closed fd. */
	if (fclose(stdout) != 0 && err == 0 && errno != EBADF)
		err = errno;
	if (err == 0)
		return;
	fprintf(stderr, "socassess: cannot write to standard output: %s\n",
	    strerror(err));
	_exit(EXIT_DATA);
}

int
cmd_read_input(struct cmd_input *in, const char *arg,
    struct soc_errors *errs)
{
	size_t n = strlen(arg);
	bool is_stdin = strcmp(arg, "-") == 0;

	memset(in, 0, sizeof(*in));
	in->name = is_stdin ? "<stdin>" : arg;
	if (yamlfile_read_capped(is_stdin ? "/dev/stdin" : arg, &in->data,
	    &in->len, errs) < 0)
		return -1;
	in->json = is_stdin ? in->data[strspn(in->data, " \t\r\n")] == '{' :
	    n >= 5 && strcasecmp(arg + n - 5, ".json") == 0;
	return 0;
}

void
cmd_print_errors(const struct soc_errors *errs)
{
	fflush(stdout);
	soc_errors_print(errs, stderr);
}

int
cmd_load_catalog_some(const struct cmd_ctx *ctx, struct catalog *cat,
    const char *const *ids, size_t n_ids)
{
	struct soc_errors errs;
	char *dir = catalog_find_data_dir(ctx->data_dir);
	int rc;

	soc_errors_init(&errs);
	rc = ids == NULL ? catalog_load(cat, dir, &errs) :
	    catalog_load_some(cat, dir, ids, n_ids, &errs);
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	free(dir);
	if (rc < 0) {
		catalog_release(cat);
		return -1;
	}
	return 0;
}

int
cmd_load_catalog(const struct cmd_ctx *ctx, struct catalog *cat)
{
	return cmd_load_catalog_some(ctx, cat, NULL, 0);
}

int
cmd_load_catalog_for(const struct cmd_ctx *ctx, struct catalog *cat,
    const char *const *answers, size_t n)
{
	static const char *const key = "assessment.questionnaire";
	char **ids = xcalloc(n + 1, sizeof(*ids));
	size_t n_ids = 0;
	bool all = answers == NULL;
	int rc;

	for (size_t i = 0; !all && i < n; i++) {
		char *id;

		if (strcmp(answers[i], "-") == 0) {
			all = true;
			break;
		}
		yamlfile_peek(answers[i], &key, 1, &id);
		for (size_t k = 0; id != NULL && k < n_ids; k++) {
			if (strcmp(ids[k], id) == 0) {
				free(id);
				id = NULL;
			}
		}
		if (id != NULL)
			ids[n_ids++] = id;
	}
	rc = cmd_load_catalog_some(ctx, cat,
	    all ? NULL : (const char *const *)ids, n_ids);
	for (size_t k = 0; k < n_ids; k++)
		free(ids[k]);
	free(ids);
	return rc;
}

int
cmd_with_catalog(const struct cmd_ctx *ctx, const char *const *answers, size_t n,
    cmd_catalog_fn *fn, const void *opts)
{
	struct soc_errors errs;
	struct catalog cat;
	int rc;

	if (cmd_load_catalog_for(ctx, &cat, answers, n) < 0)
		return EXIT_DATA;
	soc_errors_init(&errs);
	rc = fn(ctx, &cat, opts, &errs);
	cmd_print_errors(&errs);
	soc_errors_release(&errs);
	catalog_release(&cat);
	return rc;
}

size_t
cmd_output_width(FILE *fp)
{
	const char *columns = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (!isatty(fileno(fp)))
		return 80;
	if (columns != NULL && *columns != '\0') {
		n = strtol(columns, &end, 10);
		if (*end == '\0' && n > 0 && n < 10000)
			return (size_t)n;
	}
	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}
