/*
 * The interactive interview. One screen per question: where we
 * are, the question, its anchored options and the current answer; one
 * line of input per action. Every change is saved at once with
 * answers_save (temporary file, fsync, rename), so what was typed before
 * the last prompt is on disk whatever happens next.
 *
 * Signals only set a flag: the read in progress then ends (libedit's
 * readline returns NULL, getline fails with EINTR because the handlers
 * are installed without SA_RESTART) and the caller saves and exits.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <editline/readline.h>

#include "socassess/answers-write.h"
#include "socassess/interview.h"
#include "socassess/score.h"
#include "socassess/strbuf.h"
#include "socassess/term.h"
#include "socassess/utf8.h"
#include "socassess/util.h"

#define MAX_WIDTH 100
#define BAR_CELLS 20

static volatile sig_atomic_t caught;
/* What the last action did, shown once on top of the next screen. */
static char notice[256];
static const int signals[3] = { SIGINT, SIGTERM, SIGHUP };

static void
on_signal(int sig)
{
	caught = sig;
}

void
interview_init(struct interview *iv, const struct interview_io *io)
{
	struct sigaction sa;

	memset(iv, 0, sizeof(*iv));
	iv->io = *io;
	caught = 0;
	notice[0] = '\0';
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a read must end */
	for (size_t i = 0; i < ARRAY_SIZE(signals); i++)
		sigaction(signals[i], &sa, &iv->old[i]);
	if (io->edit) {
		rl_instream = io->in;
		rl_outstream = io->out;
		using_history();
	}
}

void
interview_release(struct interview *iv)
{
	for (size_t i = 0; i < ARRAY_SIZE(signals); i++)
		sigaction(signals[i], &iv->old[i], NULL);
	if (iv->io.edit)
		clear_history();
	free(iv->order);
	iv->order = NULL;
}

/* Output helpers ------------------------------------------------------ */

enum { C_RESET, C_BOLD, C_DIM, C_HEAD, C_MARK, C_WARN };

static void
color(struct interview *iv, int c)
{
	static const char *const codes[] = { "\033[0m", "\033[1m", "\033[2m",
	    "\033[1;36m", "\033[1;32m", "\033[1;33m" };

	if (iv->io.color)
		fputs(codes[c], iv->io.out);
}

static void
say(struct interview *iv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct interview *iv, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	/* Values from a resumed file may hold ESC: shown, never obeyed. */
	term_write(iv->io.out, sb.buf, true);
	strbuf_release(&sb);
}

/* Columns of the output terminal (80 when unknown), capped for reading. */
static size_t
term_width(struct interview *iv)
{
	struct winsize ws;
	size_t w = 80;

	if (ioctl(fileno(iv->io.out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		w = ws.ws_col;
	if (w > MAX_WIDTH)
		w = MAX_WIDTH;
	return w < 20 ? 20 : w;
}

/* A tall screen (or not a terminal) has room for blank lines. */
static bool
roomy(struct interview *iv)
{
	struct winsize ws;

	return ioctl(fileno(iv->io.out), TIOCGWINSZ, &ws) != 0 ||
	    ws.ws_row == 0 || ws.ws_row >= 30;
}

/*
 * The length in bytes and the width in columns of the character at s,
 * by the rules of utf8.h: the same whatever the locale says.
 */
static size_t
char_at(const char *s, int *cols)
{
	size_t w, n = utf8_char(s, &w);

	*cols = (int)w;
	return n;
}

/* Columns taken by the first len bytes of s. */
static size_t
text_cols(const char *s, size_t len)
{
	return utf8_width_n(s, len);
}

/*
 * Print text wrapped at the terminal width. The cursor is at column col;
 * continuation lines start with indent spaces. Line breaks in the text
 * are kept; a word wider than a line is cut. Ends with a newline.
 */
static void
put_wrapped(struct interview *iv, size_t col, size_t indent,
    const char *text)
{
	size_t width = term_width(iv) - 1;
	struct strbuf safe = STRBUF_INIT, sb = STRBUF_INIT;

	if (indent + 10 > width)
		indent = 0;
	/* Escaped first, so a wrapped line counts the \xHH it shows. */
	term_escape(&safe, text, true);
	utf8_wrap(&sb, safe.buf, width, col, indent);
	strbuf_addch(&sb, '\n');
	fputs(sb.buf, iv->io.out);
	strbuf_release(&sb);
	strbuf_release(&safe);
}

/* Input ---------------------------------------------------------------- */

static void
trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		s[--n] = '\0';
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	memmove(s, s + i, n - i + 1);
}

char *
interview_read(struct interview *iv, const char *prompt)
{
	char *line = NULL;

	if (iv->status != INTERVIEW_RUNNING)
		return NULL;
	if (caught == 0 && iv->io.edit) {
		line = readline(prompt);
		if (line != NULL && *line != '\0')
			add_history(line);
	} else if (caught == 0) {
		size_t cap = 0;

		fputs(prompt, iv->io.out);
		fflush(iv->io.out);
		errno = 0;
		if (getline(&line, &cap, iv->io.in) < 0) {
			free(line);
			line = NULL;
		} else {
			/* Echo, so a transcript reads like the terminal. */
			term_write(iv->io.out, line, true);
			if (line[0] == '\0' || line[strlen(line) - 1] != '\n')
				fputc('\n', iv->io.out);
		}
	}
	if (caught != 0) {
		free(line);
		iv->signal = caught;
		iv->status = INTERVIEW_INTERRUPTED;
		if (iv->io.edit)
			fputc('\n', iv->io.out);
		return NULL;
	}
	if (line == NULL) {
		iv->status = INTERVIEW_EOF;
		fputc('\n', iv->io.out);
		return NULL;
	}
	trim(line);
	return line;
}

int
interview_ask_text(struct interview *iv, const char *label,
    const char *dflt, char **out)
{
	char *prompt = dflt != NULL && *dflt != '\0' ?
	    xasprintf("%s [%s]: ", label, dflt) : xasprintf("%s: ", label);

	*out = NULL;
	for (;;) {
		char *line = interview_read(iv, prompt);

		if (line == NULL) {
			free(prompt);
			return -1;
		}
		if (!utf8_valid(line)) {
			say(iv, "That is not valid UTF-8 text; type it again.\n");
			free(line);
			continue;
		}
		if (*line == '\0') {
			free(line);
			*out = dflt != NULL && *dflt != '\0' ? xstrdup(dflt) :
			    NULL;
		} else
			*out = line;
		free(prompt);
		return 0;
	}
}

int
interview_ask_date(struct interview *iv, const char *label,
    const char *dflt, char **out)
{
	char *why;

	for (;;) {
		if (interview_ask_text(iv, label, dflt, out) < 0)
			return -1;
		if (*out == NULL || (why = date_problem(*out)) == NULL)
			return 0;
		say(iv, "The date '%s' %s.\n", *out, why);
		free(why);
		free(*out);
		*out = NULL;
	}
}

/* The first sentence of text (up to ". "), owned by the caller. */
static char *
first_sentence(const char *text)
{
	const char *end = strstr(text, ". ");

	return end != NULL ? xasprintf("%.*s.", (int)(end - text), text) :
	    xstrdup(text);
}

/*
 * Print s on what is left of the line from column col, cut with "...".
 * Returns true when it was cut.
 */
static bool
put_cut(struct interview *iv, size_t col, const char *s)
{
	size_t width = term_width(iv) - 1, i = 0, cols = text_cols(s,
	    strlen(s));

	if (col + cols <= width) {
		say(iv, "%s\n", s);
		return false;
	}
	while (s[i] != '\0') {
		int w;
		size_t k = char_at(s + i, &w);

		if (col + (size_t)w + 3 > width)
			break;
		i += k;
		col += (size_t)w;
	}
	say(iv, "%.*s...\n", (int)i, s);
	return true;
}

/* The choices, numbered; true when a description was shortened. */
static bool
put_choices(struct interview *iv, const char *const *names,
    const char *const *descs, size_t n, bool full)
{
	bool shortened = false;

	for (size_t i = 0; i < n; i++) {
		char head[160];

		snprintf(head, sizeof(head), "  %zu  %s", i + 1, names[i]);
		say(iv, "%s\n", head);
		if (descs == NULL || descs[i] == NULL)
			continue;
		color(iv, C_DIM);
		say(iv, "     ");
		if (full)
			put_wrapped(iv, 5, 5, descs[i]);
		else {
			char *s = first_sentence(descs[i]);

			shortened |= put_cut(iv, 5, s) ||
			    strcmp(s, descs[i]) != 0;
			free(s);
		}
		color(iv, C_RESET);
	}
	return shortened;
}

int
interview_ask_choice(struct interview *iv, const char *label,
    const char *const *names, const char *const *keys,
    const char *const *descs, size_t n, int dflt, size_t *choice)
{
	char *prompt;
	bool more;

	say(iv, "\n");
	color(iv, C_BOLD);
	say(iv, "%s\n", label);
	color(iv, C_RESET);
	more = put_choices(iv, names, descs, n, false);
	prompt = xasprintf("Choose 1-%zu%s%s%s%s%s: ", n,
	    keys != NULL ? " or an id" : " or a name",
	    more ? " (? describes them)" : "",
	    dflt >= 0 ? " [" : "",
	    dflt >= 0 ? (keys != NULL ? keys[dflt] : names[dflt]) : "",
	    dflt >= 0 ? "]" : "");
	for (;;) {
		char *line = interview_read(iv, prompt);
		long k;
		size_t i;

		if (line == NULL) {
			free(prompt);
			return -1;
		}
		if (*line == '\0' && dflt >= 0) {
			*choice = (size_t)dflt;
			free(line);
			break;
		}
		if (strcmp(line, "?") == 0 && descs != NULL) {
			free(line);
			say(iv, "\n");
			put_choices(iv, names, descs, n, true);
			continue;
		}
		for (i = 0; i < n; i++) {
			if (strcasecmp(line, names[i]) == 0 || (keys != NULL &&
			    strcasecmp(line, keys[i]) == 0))
				break;
		}
		if (i == n && parse_int(line, 1, (long)n, &k))
			i = (size_t)k - 1;
		free(line);
		if (i < n) {
			*choice = i;
			break;
		}
		say(iv, "Type a number from 1 to %zu, or one of the %s above.\n",
		    n, keys != NULL ? "ids" : "names");
	}
	free(prompt);
	return 0;
}

/* The walk ------------------------------------------------------------- */

static bool
answered(const struct answer *an)
{
	return an != NULL && (an->has_value || an->na);
}

void
interview_progress(const struct answers *a, size_t *done, size_t *all)
{
	struct completeness c;

	score_count(a, &c);
	*done = c.answered + c.na;
	*all = c.applicable;
}

/* Applicable questions ordered by area (model order), then file order. */
static void
build_order(struct interview *iv)
{
	const struct questionnaire *q = iv->a->q;
	const struct model *m = q->model;

	iv->order = xcalloc(q->n_questions, sizeof(*iv->order));
	iv->n_order = 0;
	for (size_t ai = 0; ai < m->n_areas; ai++) {
		for (size_t qi = 0; qi < q->n_questions; qi++) {
			if (q->questions[qi].area == ai &&
			    questionnaire_applies(q, qi, iv->a->profile))
				iv->order[iv->n_order++] = qi;
		}
	}
}

static const struct question *
current(const struct interview *iv)
{
	return &iv->a->q->questions[iv->order[iv->pos]];
}

int
interview_save(struct interview *iv)
{
	struct soc_errors errs;

	soc_errors_init(&errs);
	if (answers_save(iv->a, iv->path, &errs) < 0) {
		color(iv, C_WARN);
		fflush(iv->io.out);
		soc_errors_print(&errs, iv->io.out);
		say(iv, "NOT SAVED: the answer is kept in memory and saving "
		    "is tried again after the next change.\n");
		color(iv, C_RESET);
		soc_errors_release(&errs);
		iv->save_failed = true;
		return -1;
	}
	soc_errors_release(&errs);
	iv->save_failed = false;
	return 0;
}

/* Who answered: recorded per answer when not the file's assessor. */
static void
stamp(struct interview *iv, struct answer *an)
{
	const char *file = iv->a->meta.assessor;

	if (iv->assessor != NULL && (file == NULL ||
	    strcmp(file, iv->assessor) != 0))
		answers_set_string(&an->assessor, iv->assessor);
}

/* "0-5" for consecutive whole values, else "0, 0.5 or 1". */
static void
value_range(const struct question *qu, char *buf, size_t size)
{
	char a[32], b[32];
	bool consecutive = true;
	size_t n = 0;

	for (size_t i = 0; i < qu->n_options; i++)
		consecutive &= qu->options[i].value == qu->options[0].value +
		    (double)i && qu->options[i].value == (long)qu->options[i].value;
	if (consecutive && qu->n_options > 2) {
		format_number_short(a, sizeof(a), qu->options[0].value);
		format_number_short(b, sizeof(b),
		    qu->options[qu->n_options - 1].value);
		snprintf(buf, size, "%s-%s", a, b);
		return;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < qu->n_options && n + 1 < size; i++) {
		int w;

		format_number_short(a, sizeof(a), qu->options[i].value);
		w = snprintf(buf + n, size - n, "%s%s", i == 0 ? "" :
		    i + 1 == qu->n_options ? " or " : ", ", a);
		if (w < 0)
			break;
		n += (size_t)w;
	}
}

/* Key items separated by " · ", wrapped between items. */
static void
put_items(struct interview *iv, const char *const *items, size_t n)
{
	size_t width = term_width(iv) - 1, col = 0;

	color(iv, C_DIM);
	for (size_t i = 0; i < n; i++) {
		size_t w = text_cols(items[i], strlen(items[i]));

		if (col > 0 && col + 3 + w > width) {
			fputc('\n', iv->io.out);
			col = 0;
		} else if (col > 0) {
			fputs(" \xc2\xb7 ", iv->io.out);
			col += 3;
		}
		term_write(iv->io.out, items[i], false);
		col += w;
	}
	color(iv, C_RESET);
	fputc('\n', iv->io.out);
}

static void
put_keys(struct interview *iv)
{
	static const char *const end[] = { "Enter finishes and shows the "
	    "results", "b back", "u first unanswered", "g jump",
	    "l list areas", "? help", "q quit" };
	const char *items[] = { NULL, "n N/A", "c comment", "e evidence",
	    "Enter skip", "b back", "g jump", "l list", "? help", "q quit" };
	char range[128], first[160];

	if (iv->pos >= iv->n_order) {
		put_items(iv, end, ARRAY_SIZE(end));
		return;
	}
	value_range(current(iv), range, sizeof(range));
	snprintf(first, sizeof(first), "%s answer", range);
	items[0] = first;
	put_items(iv, items, ARRAY_SIZE(items));
}

static void
put_rule(struct interview *iv)
{
	size_t w = term_width(iv) - 1;

	color(iv, C_DIM);
	for (size_t i = 0; i < w; i++)
		fputs(iv->io.screen ? "\xe2\x94\x80" : "-", iv->io.out);
	color(iv, C_RESET);
	fputc('\n', iv->io.out);
}

/* "[####....] 20% done", with ", 1 of 5 answered" unless brief. */
static void
put_progress(struct interview *iv, size_t done, size_t all, bool brief)
{
	size_t cells = all > 0 ? done * BAR_CELLS / all : 0;
	unsigned pct = all > 0 ? (unsigned)(done * 100 / all) : 100;

	say(iv, "[");
	color(iv, C_MARK);
	for (size_t i = 0; i < cells; i++)
		fputc('#', iv->io.out);
	color(iv, C_RESET);
	for (size_t i = cells; i < BAR_CELLS; i++)
		fputc('.', iv->io.out);
	say(iv, "] %u%% done", pct);
	if (!brief)
		say(iv, ", %zu of %zu answered", done, all);
	say(iv, "\n");
}

static void
clear_screen(struct interview *iv)
{
	if (iv->io.screen)
		fputs("\033[H\033[2J", iv->io.out);
	else
		fputc('\n', iv->io.out);
}

static void
put_notice(struct interview *iv)
{
	if (notice[0] == '\0')
		return;
	color(iv, C_MARK);
	put_wrapped(iv, 0, 2, notice);
	color(iv, C_RESET);
	notice[0] = '\0';
}

static void
draw_question(struct interview *iv)
{
	const struct answers *a = iv->a;
	const struct model *m = a->model;
	const struct question *qu = current(iv);
	const struct area *ar = &m->areas[qu->area];
	const struct answer *an = answers_get(a, iv->order[iv->pos]);
	size_t in_area = 0, area_pos = 0, done, all, label = 1;
	char num[32], head[64];

	interview_progress(a, &done, &all);
	for (size_t i = 0; i < iv->n_order; i++) {
		if (a->q->questions[iv->order[i]].area != qu->area)
			continue;
		in_area++;
		if (i <= iv->pos)
			area_pos = in_area;
	}
	clear_screen(iv);
	put_notice(iv);
	color(iv, C_HEAD);
	say(iv, "%s > %s", m->domains[ar->domain].name, ar->name);
	color(iv, C_RESET);
	say(iv, "\n");
	say(iv, "Question %zu of %zu (%zu of %zu in this area)  ",
	    iv->pos + 1, iv->n_order, area_pos, in_area);
	put_progress(iv, done, all, true);
	put_rule(iv);
	color(iv, C_BOLD);
	put_wrapped(iv, 0, 0, qu->text);
	color(iv, C_RESET);
	color(iv, C_DIM);
	say(iv, "%s", qu->id);
	if (qu->help != NULL)
		say(iv, " \xc2\xb7 ? shows what to look for");
	say(iv, "\n");
	color(iv, C_RESET);
	if (roomy(iv))
		say(iv, "\n");
	for (size_t o = 0; o < qu->n_options; o++) {
		format_number_short(num, sizeof(num), qu->options[o].value);
		if (strlen(num) > label)
			label = strlen(num);
	}
	for (size_t o = 0; o < qu->n_options; o++) {
		bool mine = an != NULL && an->has_value &&
		    an->option == (int)o;

		format_number_short(num, sizeof(num), qu->options[o].value);
		snprintf(head, sizeof(head), "%s %*s  ", mine ? ">" : " ",
		    (int)label, num);
		if (mine)
			color(iv, C_MARK);
		say(iv, "%s", head);
		put_wrapped(iv, strlen(head), strlen(head),
		    qu->options[o].text);
		if (mine)
			color(iv, C_RESET);
	}
	say(iv, "\n");
	if (an != NULL && an->na) {
		color(iv, C_MARK);
		say(iv, "Answer: N/A, ");
		color(iv, C_RESET);
		put_wrapped(iv, 13, 2, an->na_reason ? an->na_reason : "");
	} else if (an != NULL && an->has_value) {
		format_number_short(num, sizeof(num), an->value);
		color(iv, C_MARK);
		say(iv, "Answer: %s (marked >)\n", num);
		color(iv, C_RESET);
	} else
		say(iv, "Not answered yet.\n");
	if (an != NULL && an->comment != NULL) {
		say(iv, "Comment: ");
		put_wrapped(iv, 9, 2, an->comment);
	}
	if (an != NULL && an->n_evidence > 0) {
		say(iv, "Evidence:");
		for (size_t e = 0; e < an->n_evidence; e++) {
			say(iv, " ");
			put_wrapped(iv, 10, 2, an->evidence[e]);
			if (e + 1 < an->n_evidence)
				say(iv, "         ");
		}
	}
	if (an != NULL && an->assessor != NULL)
		say(iv, "Answered by: %s\n", an->assessor);
	if (roomy(iv))
		put_rule(iv);
	put_keys(iv);
}

static void
draw_end(struct interview *iv)
{
	size_t done, all;

	interview_progress(iv->a, &done, &all);
	clear_screen(iv);
	put_notice(iv);
	color(iv, C_HEAD);
	say(iv, "End of the questionnaire\n");
	color(iv, C_RESET);
	put_progress(iv, done, all, false);
	put_rule(iv);
	if (done < all) {
		char *text = xasprintf("%zu question%s still unanswered: u "
		    "goes to the first one, or leave %s unanswered (they count "
		    "in no score).", all - done, all - done == 1 ? " is" :
		    "s are", all - done == 1 ? "it" : "them");

		put_wrapped(iv, 0, 0, text);
		free(text);
	} else
		say(iv, "Every question is answered.\n");
	say(iv, "Answers are saved in %s.\n", iv->path);
	put_rule(iv);
	put_keys(iv);
}

static void
draw(struct interview *iv)
{
	if (iv->pos >= iv->n_order)
		draw_end(iv);
	else
		draw_question(iv);
	fflush(iv->io.out);
}

static void
show_help(struct interview *iv)
{
	say(iv, "\n");
	if (iv->pos < iv->n_order && current(iv)->help != NULL) {
		color(iv, C_BOLD);
		say(iv, "What to look for\n");
		color(iv, C_RESET);
		put_wrapped(iv, 0, 0, current(iv)->help);
		say(iv, "\n");
	}
	color(iv, C_BOLD);
	say(iv, "Keys (then Enter)\n");
	color(iv, C_RESET);
	say(iv,
	    "  0-5      answer with that level (the numbers shown); text\n"
	    "           after it is the comment: 3 reviewed in March\n"
	    "  n        not applicable: asks for the reason (or: n REASON)\n"
	    "  c        add or change the comment (or: c TEXT; c - clears)\n"
	    "  e        add evidence: a document, link or ticket (or: e TEXT;\n"
	    "           e - clears)\n"
	    "  Enter, s skip this question for now\n"
	    "  b        back to the previous question\n"
	    "  g WHERE  go to a question id, an area id or name, a domain,\n"
	    "           or a question number\n"
	    "  u        go to the next unanswered question\n"
	    "  l        list the areas with their answered questions\n"
	    "  q        save and quit; continue later with --resume\n"
	    "Every answer is saved to the file at once. Ctrl-C saves and "
	    "stops too.\n");
}

static void
list_areas(struct interview *iv)
{
	const struct answers *a = iv->a;
	const struct model *m = a->model;
	size_t cur = iv->pos < iv->n_order ? current(iv)->area : (size_t)-1;

	say(iv, "\nAreas (answered of asked; > is where you are):\n");
	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];

		color(iv, C_BOLD);
		say(iv, "%s\n", dom->name);
		color(iv, C_RESET);
		for (size_t ai = dom->first_area; ai < dom->first_area +
		    dom->n_areas; ai++) {
			size_t asked = 0, done = 0;

			for (size_t i = 0; i < iv->n_order; i++) {
				if (a->q->questions[iv->order[i]].area != ai)
					continue;
				asked++;
				done += answered(answers_get(a, iv->order[i]));
			}
			if (asked == 0)
				continue;
			say(iv, "%s %zu/%zu  %s", ai == cur ? ">" : " ", done,
			    asked, m->areas[ai].name);
			color(iv, C_DIM);
			say(iv, "  (g %s)\n", m->areas[ai].id);
			color(iv, C_RESET);
		}
	}
}

/* Position of the first asked question of area ai (or domain di). */
static long
first_of(const struct interview *iv, long ai, long di)
{
	const struct model *m = iv->a->model;

	for (size_t i = 0; i < iv->n_order; i++) {
		size_t area = iv->a->q->questions[iv->order[i]].area;

		if ((ai >= 0 && area == (size_t)ai) ||
		    (di >= 0 && m->areas[area].domain == (size_t)di))
			return (long)i;
	}
	return -1;
}

static void
go_to(struct interview *iv, const char *where)
{
	const struct questionnaire *q = iv->a->q;
	const struct model *m = q->model;
	long k, pos = -1;
	int qi, ai = -1, di = -1;

	if ((qi = questionnaire_find(q, where)) >= 0) {
		for (size_t i = 0; i < iv->n_order; i++) {
			if (iv->order[i] == (size_t)qi)
				pos = (long)i;
		}
		if (pos < 0) {
			say(iv, "Question '%s' is not asked for the %s "
			    "operating model.\n", where,
			    m->profiles[iv->a->profile].name);
			return;
		}
	} else if (parse_int(where, 1, (long)iv->n_order, &k))
		pos = k - 1;
	else {
		if ((ai = model_find_area(m, where)) < 0) {
			for (size_t i = 0; i < m->n_areas; i++) {
				if (strcasecmp(m->areas[i].name, where) == 0)
					ai = (int)i;
			}
		}
		if (ai < 0 && (di = model_find_domain(m, where)) < 0) {
			for (size_t i = 0; i < m->n_domains; i++) {
				if (strcasecmp(m->domains[i].name, where) == 0)
					di = (int)i;
			}
		}
		if (ai < 0 && di < 0) {
			say(iv, "No question, area or domain '%s': 'l' lists "
			    "the areas, a number 1-%zu goes to that "
			    "question.\n", where, iv->n_order);
			return;
		}
		pos = first_of(iv, ai, di);
		if (pos < 0) {
			say(iv, "'%s' has no question for the %s operating "
			    "model.\n", where,
			    m->profiles[iv->a->profile].name);
			return;
		}
	}
	iv->pos = (size_t)pos;
}

/* Go to the next unanswered question after pos, wrapping around. */
static void
next_unanswered(struct interview *iv)
{
	for (size_t k = 1; k <= iv->n_order + 1; k++) {
		size_t i = (iv->pos + k) % (iv->n_order + 1);

		if (i >= iv->n_order ||
		    answered(answers_get(iv->a, iv->order[i])))
			continue;
		if (i == iv->pos)
			say(iv, "This is the only unanswered question.\n");
		iv->pos = i;
		return;
	}
	say(iv, "Every question is answered.\n");
}

/* The text after a one-letter key ("c some text"), or NULL. */
static const char *
argument(const char *line)
{
	if (line[1] != ' ' && line[1] != '\t')
		return NULL;
	line += 1;
	while (*line == ' ' || *line == '\t')
		line++;
	return *line != '\0' ? line : NULL;
}

/* Text typed inline or at a prompt; NULL when cancelled or ended. */
static char *
ask_line(struct interview *iv, const char *inline_text, const char *prompt)
{
	char *s;

	if (inline_text != NULL) {
		if (!utf8_valid(inline_text)) {
			say(iv, "That is not valid UTF-8 text: nothing "
			    "changed.\n");
			return NULL;
		}
		return xstrdup(inline_text);
	}
	if (interview_ask_text(iv, prompt, NULL, &s) < 0)
		return NULL;
	return s;
}

static bool
mark_na(struct interview *iv, const char *inline_text)
{
	size_t qi = iv->order[iv->pos];
	const struct answer *now = answers_get(iv->a, qi);
	const char *old = now != NULL ? now->na_reason : NULL;
	char *reason;

	if (old != NULL && inline_text == NULL)
		say(iv, "Enter keeps the reason: %s\n", old);
	reason = ask_line(iv, inline_text, "Why does it not apply? (Enter "
	    "cancels)");
	if (reason == NULL && old == NULL) {
		if (iv->status == INTERVIEW_RUNNING)
			say(iv, "N/A needs a reason: nothing changed.\n");
		return false;
	}
	if (reason == NULL && iv->status != INTERVIEW_RUNNING)
		return false;
	if (answer_set_na(iv->a, qi, reason, NULL) < 0) {
		say(iv, "That is not valid UTF-8 text: nothing changed.\n");
		free(reason);
		return false;
	}
	free(reason);
	stamp(iv, answers_edit(iv->a, qi));
	interview_save(iv);
	return true;
}

static void
edit_comment(struct interview *iv, const char *inline_text)
{
	struct answer *an;
	char *text;

	an = answers_get(iv->a, iv->order[iv->pos]) != NULL ?
	    answers_edit(iv->a, iv->order[iv->pos]) : NULL;
	if (an != NULL && an->comment != NULL && inline_text == NULL)
		say(iv, "The comment now: %s\nType a line to add, '-' to "
		    "remove the whole comment, Enter to keep it.\n",
		    an->comment);
	text = ask_line(iv, inline_text, "Comment");
	if (text == NULL)
		return;
	if (strcmp(text, "-") == 0)
		answer_delete_comment(iv->a, iv->order[iv->pos]);
	else if (answer_append_comment(iv->a, iv->order[iv->pos], text) < 0) {
		say(iv, "That is not valid UTF-8 text: nothing changed.\n");
		free(text);
		return;
	}
	free(text);
	an = answers_edit(iv->a, iv->order[iv->pos]);
	stamp(iv, an);
	interview_save(iv);
}

static void
add_evidence(struct interview *iv, const char *inline_text)
{
	struct answer *an;
	char *text = ask_line(iv, inline_text, "Evidence (document, link or "
	    "ticket; Enter cancels)");

	if (text == NULL)
		return;
	an = answers_edit(iv->a, iv->order[iv->pos]);
	if (strcmp(text, "-") == 0)
		answer_clear_evidence(an);
	else
		answer_add_evidence(an, text);
	free(text);
	stamp(iv, an);
	interview_save(iv);
}

/*
 * A level number answers; text after it ("3 reviewed yearly") becomes
 * the answer's comment in the same save. False when line is no number.
 */
static bool
answer_value(struct interview *iv, const char *line)
{
	const struct question *qu = current(iv);
	struct answer *an;
	char range[128];
	char *value = xstrdup(line), *comment;
	double v;
	int o;

	comment = value + strcspn(value, " \t");
	if (*comment != '\0') {
		*comment++ = '\0';
		comment += strspn(comment, " \t");
	}
	if (!parse_double(value, &v)) {
		free(value);
		return false;
	}
	if ((o = question_find_option(qu, v)) < 0) {
		value_range(qu, range, sizeof(range));
		say(iv, "%s is not one of the options: type %s.\n", value,
		    range);
		free(value);
		return true;
	}
	if (*comment != '\0' && !utf8_valid(comment)) {
		say(iv, "That is not valid UTF-8 text: nothing changed.\n");
		free(value);
		return true;
	}
	answer_set_value(iv->a, iv->order[iv->pos], v, NULL);
	if (*comment != '\0')
		answer_append_comment(iv->a, iv->order[iv->pos], comment);
	an = answers_edit(iv->a, iv->order[iv->pos]);
	stamp(iv, an);
	if (interview_save(iv) == 0)
		snprintf(notice, sizeof(notice), "Saved %s%s for question %zu "
		    "(%s); b goes back to it.", value,
		    *comment != '\0' ? " and its comment" : "", iv->pos + 1,
		    qu->id);
	iv->pos++;
	free(value);
	return true;
}

static void
hint(struct interview *iv, const char *line)
{
	char range[128];

	if (iv->pos < iv->n_order) {
		value_range(current(iv), range, sizeof(range));
		say(iv, "'%s' is not a key here: type %s, n, c, e, Enter, b, "
		    "g, l, u, q, or ? for help.\n", line, range);
	} else
		say(iv, "'%s' is not a key here: Enter finishes; b, g, u, l, "
		    "q, or ? for help.\n", line);
}

/* One line of input at a question or at the end; false to redraw not. */
static bool
handle(struct interview *iv, const char *line)
{
	const char *arg = argument(line);
	bool at_end = iv->pos >= iv->n_order;
	char key = line[1] == '\0' || arg != NULL ? line[0] : '\0';

	if (*line == '\0' || strcmp(line, "s") == 0) {
		if (at_end)
			iv->status = INTERVIEW_DONE;
		else
			iv->pos++;
		return true;
	}
	switch (key) {
	case 'q':
		if (arg != NULL)
			break;
		iv->status = INTERVIEW_QUIT;
		return false;
	case 'b':
		if (arg != NULL)
			break;
		if (iv->pos == 0) {
			say(iv, "This is the first question.\n");
			return false;
		}
		iv->pos--;
		return true;
	case 'g':
		if (arg == NULL) {
			char *where;

			if (interview_ask_text(iv, "Go to (question id, area, "
			    "domain or number)", NULL, &where) < 0 ||
			    where == NULL)
				return false;
			go_to(iv, where);
			free(where);
		} else
			go_to(iv, arg);
		return true;
	case 'u':
		if (arg != NULL)
			break;
		next_unanswered(iv);
		return false;
	case 'l':
		if (arg != NULL)
			break;
		list_areas(iv);
		return false;
	case '?':
	case 'h':
		show_help(iv);
		return false;
	default:
		break;
	}
	if (strcmp(line, "help") == 0) {
		show_help(iv);
		return false;
	}
	if (at_end) {
		hint(iv, line);
		return false;
	}
	switch (key) {
	case 'n':
		if (mark_na(iv, arg)) {
			if (!iv->save_failed)
				snprintf(notice, sizeof(notice), "Saved N/A "
				    "for question %zu (%s); b goes back to it.",
				    iv->pos + 1, current(iv)->id);
			iv->pos++;
		}
		return true;
	case 'c':
		edit_comment(iv, arg);
		return true;
	case 'e':
		add_evidence(iv, arg);
		return true;
	default:
		break;
	}
	if (answer_value(iv, line))
		return true;
	hint(iv, line);
	return false;
}

enum interview_status
interview_run(struct interview *iv, struct answers *a, const char *path,
    const char *assessor)
{
	bool redraw = true;

	iv->a = a;
	iv->path = path;
	iv->assessor = assessor;
	iv->status = INTERVIEW_RUNNING;
	build_order(iv);
	iv->pos = 0;
	while (iv->pos < iv->n_order &&
	    answered(answers_get(a, iv->order[iv->pos])))
		iv->pos++;
	while (iv->status == INTERVIEW_RUNNING) {
		size_t before = iv->pos;
		char *line;

		if (redraw)
			draw(iv);
		line = interview_read(iv, "> ");
		if (line == NULL)
			break;
		redraw = handle(iv, line);
		/* A hint stays on screen; a changed answer redraws. */
		redraw |= iv->pos != before;
		free(line);
	}
	return iv->status;
}
