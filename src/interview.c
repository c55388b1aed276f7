/*
 * The interactive interview. One screen per question: where we are, the
 * question, its anchored options and the current answer; one line of
 * input per action. Every change is saved at once with answers_save
 * (temporary file, fsync, rename), so what was typed before the last
 * prompt is on disk whatever happens next. Nothing typed is replaced
 * silently: comments grow line by line, a changed answer says what it
 * was, and the walk goes on to questions not answered yet.
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
#include <unistr.h>

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
#define MIN_BAR_CELLS 8

static volatile sig_atomic_t caught, resized;
/* The interview that reads, so a resize can lay its screen out again. */
static struct interview *reading;
static const int signals[3] = { SIGINT, SIGTERM, SIGHUP };

static void
on_signal(int sig)
{
	caught = sig;
}

static void
on_resize(int sig)
{
	(void)sig;
	resized = 1;
}

static void draw(struct interview *iv);

/*
 * One byte from the terminal. SIGINT, SIGTERM or SIGHUP end the read
 * (EOF, so readline returns); a resize lays the screen out again and
 * redisplays the prompt with what was typed so far.
 */
static int
read_byte(FILE *fp)
{
	unsigned char c;

	for (;;) {
		ssize_t n = read(fileno(fp), &c, 1);

		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR && caught == 0) {
			if (resized && reading != NULL && reading->walking) {
				resized = 0;
				draw(reading);
				rl_forced_update_display();
			}
			continue;
		}
		return EOF;
	}
}

/* A byte read ahead of its time (not part of the character before). */
static int pushed_back = EOF;

/*
 * One key for libedit, which takes what this returns as a whole wide
 * character: in a UTF-8 locale the bytes of a character are read and
 * decoded here (byte by byte, "é" reached the answers file as "Ã©").
 * A byte that does not start a valid sequence is given as it is, and a
 * byte that broke a sequence is kept for the next key, so nothing typed
 * is lost or swallowed.
 */
static int
read_key(FILE *fp)
{
	uint8_t seq[4];
	ucs4_t uc;
	int c = pushed_back != EOF ? pushed_back : read_byte(fp), len, n;

	pushed_back = EOF;
	if (c == EOF || c < 0xc2 || c > 0xf4 || MB_CUR_MAX == 1)
		return c;
	len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	seq[0] = (uint8_t)c;
	for (n = 1; n < len; n++) {
		int next = read_byte(fp);

		if (next == EOF || (next & 0xc0) != 0x80) {
			pushed_back = next;
			return c;
		}
		seq[n] = (uint8_t)next;
	}
	if (u8_mbtoucr(&uc, seq, (size_t)len) != len)
		return c;
	return (int)uc;
}

void
interview_init(struct interview *iv, const struct interview_io *io)
{
	struct sigaction sa;

	memset(iv, 0, sizeof(*iv));
	iv->io = *io;
	strbuf_init(&iv->notice, 0);
	caught = 0;
	resized = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a read must end */
	for (size_t i = 0; i < ARRAY_SIZE(signals); i++)
		sigaction(signals[i], &sa, &iv->old[i]);
	sa.sa_handler = on_resize;
	sigaction(SIGWINCH, &sa, &iv->old_winch);
	if (io->edit) {
		rl_instream = io->in;
		rl_outstream = io->out;
		rl_getc_function = read_key;
		using_history();
	}
}

void
interview_release(struct interview *iv)
{
	for (size_t i = 0; i < ARRAY_SIZE(signals); i++)
		sigaction(signals[i], &iv->old[i], NULL);
	sigaction(SIGWINCH, &iv->old_winch, NULL);
	if (iv->io.edit)
		clear_history();
	reading = NULL;
	free(iv->order);
	iv->order = NULL;
	strbuf_release(&iv->notice);
}

/* Output helpers ------------------------------------------------------ */

enum { C_RESET, C_BOLD, C_DIM, C_HEAD, C_MARK, C_WARN };

/* Append colour c to sb when the interview uses colour. */
static void
add_color(const struct interview *iv, struct strbuf *sb, int c)
{
	static const char *const codes[] = { "\033[0m", "\033[1m", "\033[2m",
	    "\033[1;36m", "\033[1;32m", "\033[1;33m" };

	if (iv->io.color)
		strbuf_addstr(sb, codes[c]);
}

static void
color(struct interview *iv, int c)
{
	struct strbuf sb = STRBUF_INIT;

	add_color(iv, &sb, c);
	fputs(sb.buf, iv->io.out);
	strbuf_release(&sb);
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

static void
tell(struct interview *iv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Add a line to the notice: it is shown on top of the next screen, so a
 * hint or an error stays in view until the next key.
 */
static void
tell(struct interview *iv, const char *fmt, ...)
{
	va_list ap;

	if (iv->notice.len > 0)
		strbuf_addch(&iv->notice, '\n');
	va_start(ap, fmt);
	strbuf_vaddf(&iv->notice, fmt, ap);
	va_end(ap);
}

/* The size of the output terminal; false when it is not one. */
static bool
term_size(const struct interview *iv, size_t *cols, size_t *rows)
{
	struct winsize ws;

	if (ioctl(fileno(iv->io.out), TIOCGWINSZ, &ws) != 0 ||
	    ws.ws_col == 0 || ws.ws_row == 0)
		return false;
	*cols = ws.ws_col;
	*rows = ws.ws_row;
	return true;
}

/* Columns to lay text out in (80 when unknown), capped for reading. */
static size_t
lay_width(size_t cols)
{
	if (cols > MAX_WIDTH)
		cols = MAX_WIDTH;
	return cols < 20 ? 19 : cols - 1;
}

static size_t
term_width(struct interview *iv)
{
	size_t cols = 80, rows;

	term_size(iv, &cols, &rows);
	return lay_width(cols);
}

/*
 * Append text to sb as the screen shows it: control characters escaped,
 * line breaks kept, a tab a space (a terminal would widen it past the
 * width the layout counted).
 */
static void
escape_screen(struct strbuf *sb, const char *text)
{
	size_t from = sb->len;

	term_escape(sb, text, true);
	for (size_t i = from; i < sb->len; i++) {
		if (sb->buf[i] == '\t')
			sb->buf[i] = ' ';
	}
}

/*
 * Append text to sb wrapped at width: the cursor is at column col;
 * continuation lines start with indent spaces. Line breaks in the text
 * are kept; a word wider than a line is cut. Ends with a newline.
 */
static void
add_wrapped(struct strbuf *sb, size_t width, size_t col, size_t indent,
    const char *text)
{
	struct strbuf safe = STRBUF_INIT;

	if (indent + 10 > width)
		indent = 0;
	/* Escaped first, so a wrapped line counts the \xHH it shows. */
	escape_screen(&safe, text);
	utf8_wrap(sb, safe.buf, width, col, indent);
	strbuf_addch(sb, '\n');
	strbuf_release(&safe);
}

static void
put_wrapped(struct interview *iv, size_t col, size_t indent,
    const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	add_wrapped(&sb, term_width(iv), col, indent, text);
	fputs(sb.buf, iv->io.out);
	strbuf_release(&sb);
}

/*
 * Append the first line of text to sb, cut with an ellipsis when it does
 * not fit in what is left of the line from column col. Returns true
 * when something was left out.
 */
static bool
add_cut(const struct interview *iv, struct strbuf *sb, size_t width,
    size_t col, const char *text)
{
	struct strbuf safe = STRBUF_INIT;
	const char *dots = iv->io.screen ? "\xe2\x80\xa6" : "...";
	size_t room = width > col ? width - col : 1, len;
	bool cut;

	escape_screen(&safe, text);
	len = strcspn(safe.buf, "\n");
	cut = len < safe.len || utf8_width_n(safe.buf, len) > room;
	if (cut) {
		size_t keep = utf8_cut_width(safe.buf,
		    room > utf8_width(dots) ? room - utf8_width(dots) : 0);

		len = keep < len ? keep : len;
		while (len > 0 && safe.buf[len - 1] == ' ')
			len--;
	}
	strbuf_add(sb, safe.buf, len);
	if (cut)
		strbuf_addstr(sb, dots);
	strbuf_addch(sb, '\n');
	strbuf_release(&safe);
	return cut;
}

/* Lines in s (each ends with a newline). */
static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
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

/*
 * One raw line: from libedit on a terminal, else from the stream with an
 * echo. NULL when input ended or a signal interrupted the read.
 */
static char *
read_raw(struct interview *iv, const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;

	if (iv->io.edit) {
		line = readline(prompt);
		if (line != NULL && *line != '\0')
			add_history(line);
		return line;
	}
	fputs(prompt, iv->io.out);
	fflush(iv->io.out);
	errno = 0;
	if (getline(&line, &cap, iv->io.in) < 0) {
		free(line);
		return NULL;
	}
	/* Echo, so a transcript reads like the terminal. */
	term_write(iv->io.out, line, true);
	if (line[0] == '\0' || line[strlen(line) - 1] != '\n')
		fputc('\n', iv->io.out);
	return line;
}

char *
interview_read(struct interview *iv, const char *prompt)
{
	char *line = NULL;

	while (iv->status == INTERVIEW_RUNNING && caught == 0) {
		line = read_raw(iv, prompt);
		if (line != NULL || caught != 0 || !resized)
			break;
		/* The terminal was resized during the read: lay out again. */
		resized = 0;
		clearerr(iv->io.in);
		if (iv->walking)
			draw(iv);
	}
	if (iv->status != INTERVIEW_RUNNING)
		return line;
	if (caught != 0) {
		free(line);
		iv->signal = caught;
		iv->status = INTERVIEW_INTERRUPTED;
		/* The prompt is on the line: the message goes below it. */
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
 * The choices, numbered, each with the first sentence of its
 * description (all of it when full), wrapped; true when a description
 * has more than its first sentence.
 */
static bool
put_choices(struct interview *iv, const char *const *names,
    const char *const *descs, size_t n, bool full)
{
	bool shortened = false;

	for (size_t i = 0; i < n; i++) {
		char *s;

		say(iv, "  %zu  %s\n", i + 1, names[i]);
		if (descs == NULL || descs[i] == NULL)
			continue;
		s = full ? xstrdup(descs[i]) : first_sentence(descs[i]);
		shortened |= strcmp(s, descs[i]) != 0;
		color(iv, C_DIM);
		say(iv, "     ");
		put_wrapped(iv, 5, 5, s);
		color(iv, C_RESET);
		free(s);
	}
	return shortened;
}

/* The index of line among the choices (number, name or key), or n. */
static size_t
find_choice(const char *line, const char *const *names,
    const char *const *keys, size_t n)
{
	long k;

	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(line, names[i]) == 0 || (keys != NULL &&
		    strcasecmp(line, keys[i]) == 0))
			return i;
	}
	if (parse_int(line, 1, (long)n, &k))
		return (size_t)k - 1;
	return n;
}

int
interview_ask_choice(struct interview *iv, const char *label,
    const char *const *names, const char *const *keys,
    const char *const *descs, size_t n, int dflt, size_t *choice)
{
	char *prompt, *line;
	bool more;
	int rc;

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
	while ((line = interview_read(iv, prompt)) != NULL) {
		size_t i = *line == '\0' && dflt >= 0 ? (size_t)dflt :
		    find_choice(line, names, keys, n);

		if (i < n) {
			*choice = i;
			break;
		}
		if (strcmp(line, "?") == 0 && descs != NULL) {
			say(iv, "\n");
			put_choices(iv, names, descs, n, true);
		} else
			say(iv, "Type a number from 1 to %zu, or one of the "
			    "%s above.\n", n, keys != NULL ? "ids" : "names");
		free(line);
	}
	rc = line != NULL ? 0 : -1;
	free(prompt);
	free(line);
	return rc;
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

void
interview_conflicts(const struct answers *a, size_t *all, size_t *open)
{
	*all = 0;
	*open = 0;
	for (size_t qi = 0; qi < a->q->n_questions; qi++) {
		const struct answer *an = answers_get(a, qi);

		if (an == NULL || an->n_candidates == 0 ||
		    !questionnaire_applies(a->q, qi, a->profile))
			continue;
		(*all)++;
		*open += answer_in_conflict(an);
	}
}

/* What the walk goes through, for messages: "question" or "conflict". */
static const char *
noun(const struct interview *iv)
{
	return iv->conflicts ? "conflict" : "question";
}

/*
 * Applicable questions ordered by area (model order), then file order.
 * With iv->conflicts, the unresolved conflicts in questionnaire order,
 * the order of merge's conflict report; fixed for the session, so b
 * goes back to a conflict resolved a moment ago.
 */
static void
build_order(struct interview *iv)
{
	const struct questionnaire *q = iv->a->q;
	const struct model *m = q->model;

	iv->order = xcalloc(q->n_questions + 1, sizeof(*iv->order));
	iv->n_order = 0;
	for (size_t qi = 0; iv->conflicts && qi < q->n_questions; qi++) {
		if (questionnaire_applies(q, qi, iv->a->profile) &&
		    answer_in_conflict(answers_get(iv->a, qi)))
			iv->order[iv->n_order++] = qi;
	}
	for (size_t ai = 0; !iv->conflicts && ai < m->n_areas; ai++) {
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

/* The answer at position pos of the walk, or NULL. */
static const struct answer *
answer_at(const struct interview *iv, size_t pos)
{
	return answers_get(iv->a, iv->order[pos]);
}

/* True when the answer at the current position has candidates. */
static bool
has_candidates(const struct interview *iv)
{
	const struct answer *an = iv->pos < iv->n_order ?
	    answer_at(iv, iv->pos) : NULL;

	return an != NULL && an->n_candidates > 0;
}

/* Progress of the walk: answered questions, or resolved conflicts. */
static void
walk_progress(const struct interview *iv, size_t *done, size_t *all)
{
	if (!iv->conflicts) {
		interview_progress(iv->a, done, all);
		return;
	}
	*done = 0;
	*all = iv->n_order;
	for (size_t i = 0; i < iv->n_order; i++)
		*done += answered(answer_at(iv, i));
}

int
interview_save(struct interview *iv)
{
	struct soc_errors errs;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	soc_errors_init(&errs);
	if (answers_save(iv->a, iv->path, &errs) == 0) {
		soc_errors_release(&errs);
		iv->save_failed = false;
		return 0;
	}
	/* In the notice, so the next screen does not wipe it. */
	if ((fp = open_memstream(&text, &len)) != NULL) {
		soc_errors_print(&errs, fp);
		fclose(fp);
		if (len > 0 && text[len - 1] == '\n')
			text[len - 1] = '\0';
		tell(iv, "%s", text);
		free(text);
	}
	tell(iv, "NOT SAVED: the answer is kept in memory and saving is "
	    "tried again after the next change.");
	soc_errors_release(&errs);
	iv->save_failed = true;
	return -1;
}

/* True when name is one of the names of list ("Alice, Bob"). */
static bool
name_listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p != NULL; p = strstr(p, ", ")) {
		p += p == list ? 0 : 2;
		if (strncmp(p, name, n) == 0 && (p[n] == '\0' ||
		    strncmp(p + n, ", ", 2) == 0))
			return true;
	}
	return false;
}

/* True when this session's assessor is not the file's: a second one. */
static bool
second_assessor(const struct interview *iv)
{
	const char *file = iv->a->meta.assessor;

	return iv->assessor != NULL && (file == NULL ||
	    strcmp(file, iv->assessor) != 0);
}

/*
 * Who answered: recorded per answer when not the file's assessor. On a
 * conflict the answer names every assessor who said something on it: the
 * one who resolves it is added to them, none is replaced.
 */
static void
stamp(struct interview *iv, size_t qi)
{
	struct answer *an;
	char *both;

	if (!second_assessor(iv))
		return;
	an = answers_edit(iv->a, qi);
	if (an->n_candidates == 0 || an->assessor == NULL) {
		answers_set_string(&an->assessor, iv->assessor);
		return;
	}
	if (name_listed(an->assessor, iv->assessor))
		return;
	both = xasprintf("%s, %s", an->assessor, iv->assessor);
	free(an->assessor);
	an->assessor = both;
}

void
interview_value_range(const struct question *qu, struct strbuf *out)
{
	char a[32], b[32];
	bool consecutive = true;

	for (size_t i = 0; i < qu->n_options; i++)
		consecutive &= qu->options[i].value == qu->options[0].value +
		    (double)i && qu->options[i].value == (long)qu->options[i].value;
	if (consecutive && qu->n_options > 2) {
		format_number_short(a, sizeof(a), qu->options[0].value);
		format_number_short(b, sizeof(b),
		    qu->options[qu->n_options - 1].value);
		strbuf_addf(out, "%s-%s", a, b);
		return;
	}
	for (size_t i = 0; i < qu->n_options; i++) {
		format_number_short(a, sizeof(a), qu->options[i].value);
		strbuf_addf(out, "%s%s", i == 0 ? "" :
		    i + 1 == qu->n_options ? " or " : ", ", a);
	}
}

/* The screen ------------------------------------------------------------ */

/* How much of a question screen is shown, from everything to the least. */
struct layout {
	size_t width;        /* columns to write in */
	bool tight;          /* no blank line and no rules */
	bool short_options;  /* each option on one line */
	bool short_notes;    /* N/A reason, comment and evidence: one line */
	bool no_id;          /* no line with the question's id */
	bool no_options;     /* no options (a conflict only: its candidates
	                        show the options they chose) */
	bool whole;          /* the candidates' options in full (key o) */
};

static const struct layout layouts[] = {
	{ 0, false, false, false, false, false, false },
	{ 0, true, false, false, false, false, false },
	{ 0, true, true, false, false, false, false },
	{ 0, true, true, true, false, false, false },
	{ 0, true, true, true, true, false, false },
};

/*
 * On a conflict the assessors' answers and comments are what the
 * resolver weighs: the list of options goes before they are shortened
 * (each candidate shows the option it chose; o shows them all).
 */
static const struct layout conflict_layouts[] = {
	{ 0, false, false, false, false, false, false },
	{ 0, true, false, false, false, false, false },
	{ 0, true, true, false, false, false, false },
	{ 0, true, true, false, false, true, false },
	{ 0, true, true, true, false, true, false },
	{ 0, true, true, true, true, true, false },
};

/* Key items separated by " · ", wrapped between items. */
static void
add_items(const struct interview *iv, struct strbuf *sb, size_t width,
    const char *const *items, size_t n)
{
	size_t col = 0;

	add_color(iv, sb, C_DIM);
	for (size_t i = 0; i < n; i++) {
		size_t w;

		if (items[i] == NULL)
			continue;
		w = utf8_width(items[i]);
		if (col > 0 && col + 3 + w > width) {
			strbuf_addch(sb, '\n');
			col = 0;
		} else if (col > 0) {
			strbuf_addstr(sb, iv->io.screen ? " \xc2\xb7 " :
			    " - ");
			col += 3;
		}
		term_escape(sb, items[i], false);
		col += w;
	}
	add_color(iv, sb, C_RESET);
	strbuf_addch(sb, '\n');
}

/* The key line; more adds the key that shows what was shortened. */
static void
add_keys(const struct interview *iv, struct strbuf *sb, size_t width,
    bool more)
{
	const char *end[] = { "Enter finishes and shows the results",
	    "b back", iv->conflicts ? "u first unresolved" :
	    "u first unanswered", "g jump", "l list areas", "? help",
	    "q quit" };
	const char *items[] = { NULL, NULL, "n N/A", "c comment",
	    "e evidence", "Enter skip", "b back", "g jump", "l list",
	    "? help", "q quit" };
	struct strbuf first = STRBUF_INIT;

	if (iv->pos >= iv->n_order) {
		add_items(iv, sb, width, end, ARRAY_SIZE(end));
		return;
	}
	interview_value_range(current(iv), &first);
	strbuf_addstr(&first, has_candidates(iv) ? " resolve" : " answer");
	items[0] = first.buf;
	items[1] = more ? "o all of it" : NULL;
	add_items(iv, sb, width, items, ARRAY_SIZE(items));
	strbuf_release(&first);
}

static void
add_rule(const struct interview *iv, struct strbuf *sb, size_t width)
{
	add_color(iv, sb, C_DIM);
	for (size_t i = 0; i < width; i++)
		strbuf_addstr(sb, iv->io.screen ? "\xe2\x94\x80" : "-");
	add_color(iv, sb, C_RESET);
	strbuf_addch(sb, '\n');
}

/* "[####....] 20% done" with cells cells. */
static void
add_bar(const struct interview *iv, struct strbuf *sb, size_t done,
    size_t all, size_t cells)
{
	size_t full = all > 0 ? done * cells / all : 0;

	strbuf_addch(sb, '[');
	add_color(iv, sb, C_MARK);
	strbuf_addchars(sb, '#', full);
	add_color(iv, sb, C_RESET);
	strbuf_addchars(sb, '.', cells - full);
	strbuf_addf(sb, "] %u%% done", all > 0 ?
	    (unsigned)(done * 100 / all) : 100);
}

/*
 * "Question 3 of 9 (1 of 2 in this area)  [###.....] 20% done" on one
 * line: the bar shrinks, then the place in the area goes, so the line
 * never wraps.
 */
static void
add_position(const struct interview *iv, struct strbuf *sb, size_t width)
{
	size_t in_area = 0, area_pos = 0, done, all, fixed;
	size_t area = current(iv)->area;
	struct strbuf head = STRBUF_INIT;

	walk_progress(iv, &done, &all);
	for (size_t i = 0; i < iv->n_order; i++) {
		if (iv->a->q->questions[iv->order[i]].area != area)
			continue;
		in_area++;
		if (i <= iv->pos)
			area_pos = in_area;
	}
	/* "[" + "] 100% done" around the cells */
	fixed = 12;
	strbuf_addf(&head, "%s %zu of %zu (%zu of %zu in this area)  ",
	    iv->conflicts ? "Conflict" : "Question", iv->pos + 1, iv->n_order,
	    area_pos, in_area);
	if (head.len + fixed + MIN_BAR_CELLS > width) {
		strbuf_reset(&head);
		strbuf_addf(&head, "%s %zu of %zu  ", iv->conflicts ?
		    "Conflict" : "Question", iv->pos + 1, iv->n_order);
	}
	strbuf_addstr(sb, head.buf);
	if (head.len + fixed + MIN_BAR_CELLS <= width) {
		size_t cells = width - head.len - fixed;

		add_bar(iv, sb, done, all, cells < BAR_CELLS ? cells :
		    BAR_CELLS);
	}
	strbuf_addch(sb, '\n');
	strbuf_release(&head);
}

/* The notice of the last key, if any, wrapped. */
static void
add_notice(const struct interview *iv, struct strbuf *sb, size_t width)
{
	if (iv->notice.len == 0)
		return;
	add_color(iv, sb, C_MARK);
	add_wrapped(sb, width, 0, 2, iv->notice.buf);
	add_color(iv, sb, C_RESET);
}

/* Notice, domain and area, position and progress. */
static void
add_head(const struct interview *iv, const struct layout *L,
    struct strbuf *sb)
{
	const struct model *m = iv->a->model;
	const struct area *ar = &m->areas[current(iv)->area];
	char *where = xasprintf("%s > %s", m->domains[ar->domain].name,
	    ar->name);

	add_notice(iv, sb, L->width);
	add_color(iv, sb, C_HEAD);
	add_wrapped(sb, L->width, 0, 2, where);
	add_color(iv, sb, C_RESET);
	free(where);
	add_position(iv, sb, L->width);
	if (!L->tight)
		add_rule(iv, sb, L->width);
}

/* The question's text, in full, and its id. */
static void
add_question(const struct interview *iv, const struct layout *L,
    struct strbuf *sb)
{
	const struct question *qu = current(iv);
	char *line;

	add_color(iv, sb, C_BOLD);
	add_wrapped(sb, L->width, 0, 0, qu->text);
	add_color(iv, sb, C_RESET);
	if (L->no_id)
		return;
	line = xasprintf("%s%s", qu->id, qu->help == NULL ? "" :
	    " \xc2\xb7 ? shows what to look for");
	add_color(iv, sb, C_DIM);
	add_wrapped(sb, L->width, 0, 2, line);
	add_color(iv, sb, C_RESET);
	free(line);
}

/* The options, the chosen one marked; true when one was shortened. */
static bool
add_options(const struct interview *iv, const struct layout *L,
    struct strbuf *sb)
{
	const struct question *qu = current(iv);
	const struct answer *an = answer_at(iv, iv->pos);
	size_t label = 1;
	char num[32];
	bool cut = false;

	for (size_t o = 0; o < qu->n_options; o++) {
		format_number_short(num, sizeof(num), qu->options[o].value);
		if (strlen(num) > label)
			label = strlen(num);
	}
	for (size_t o = 0; o < qu->n_options; o++) {
		bool mine = an != NULL && an->has_value &&
		    an->option == (int)o;
		size_t col = 4 + label;

		format_number_short(num, sizeof(num), qu->options[o].value);
		if (mine)
			add_color(iv, sb, C_MARK);
		strbuf_addf(sb, "%s %*s  ", mine ? ">" : " ", (int)label,
		    num);
		if (L->short_options)
			cut |= add_cut(iv, sb, L->width, col,
			    qu->options[o].text);
		else
			add_wrapped(sb, L->width, col, col,
			    qu->options[o].text);
		if (mine)
			add_color(iv, sb, C_RESET);
	}
	return cut;
}

/* "label text", wrapped, or on one line when short; true when cut. */
static bool
add_note(const struct interview *iv, const struct layout *L,
    struct strbuf *sb, const char *label, const char *text)
{
	size_t col = utf8_width(label);

	strbuf_addstr(sb, label);
	if (L->short_notes)
		return add_cut(iv, sb, L->width, col, text);
	add_wrapped(sb, L->width, col, 2, text);
	return false;
}

/* "Answer: 3 (marked >)", and how a conflict was resolved. */
static void
add_value_line(const struct interview *iv, const struct layout *L,
    struct strbuf *sb, const struct answer *an)
{
	char num[32], *text;
	bool how = an->n_candidates > 0 && an->resolution != NULL;

	format_number_short(num, sizeof(num), an->value);
	text = xasprintf("Answer: %s%s%s%s", num, L->no_options ? "" :
	    " (marked >)", how ? ", resolved by " : "",
	    how ? an->resolution : "");
	add_color(iv, sb, C_MARK);
	add_cut(iv, sb, L->width, 0, text);
	add_color(iv, sb, C_RESET);
	free(text);
}

/* True when line (len bytes) is text (n bytes), or "name: text". */
static bool
line_is(const char *line, size_t len, const char *name, const char *text,
    size_t n)
{
	size_t k = name != NULL ? strlen(name) : 0;

	if (len == n && memcmp(line, text, n) == 0)
		return true;
	return k > 0 && len == k + 2 + n && memcmp(line, name, k) == 0 &&
	    memcmp(line + k, ": ", 2) == 0 && memcmp(line + k + 2, text,
	    n) == 0;
}

/* True when a line of an's comment is a line of a candidate's comment. */
static bool
candidate_line(const struct answer *an, const char *line, size_t len)
{
	for (size_t c = 0; c < an->n_candidates; c++) {
		const struct answer_candidate *ca = &an->candidates[c];
		const char *p = ca->comment;

		while (p != NULL && *p != '\0') {
			size_t n = strcspn(p, "\n");

			if (line_is(line, len, ca->assessor, p, n))
				return true;
			p += n + (p[n] == '\n');
		}
	}
	return false;
}

/*
 * The lines of an's comment that its candidates do not show already:
 * those of an assessor who only commented, or added while resolving.
 * Owned by the caller; NULL when there are none.
 */
static char *
comment_beyond_candidates(const struct answer *an)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = an->comment;

	if (p == NULL || an->n_candidates == 0)
		return p != NULL ? xstrdup(p) : NULL;
	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		if (!candidate_line(an, p, n)) {
			if (sb.len > 0)
				strbuf_addch(&sb, '\n');
			strbuf_add(&sb, p, n);
		}
		p += n + (p[n] == '\n');
	}
	if (sb.len == 0) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* The evidence of an, one item a line or the first; true when cut. */
static bool
add_evidence_lines(const struct interview *iv, const struct layout *L,
    struct strbuf *sb, const struct answer *an)
{
	bool cut = false;

	for (size_t e = 0; e < an->n_evidence; e++) {
		if (L->short_notes && e > 0) {
			strbuf_addf(sb, "          and %zu more\n",
			    an->n_evidence - 1);
			return true;
		}
		cut |= add_note(iv, L, sb, e == 0 ? "Evidence: " :
		    "          ", an->evidence[e]);
	}
	return cut;
}

/* The current answer, comment, evidence, who answered; true when cut. */
static bool
add_answer(const struct interview *iv, const struct layout *L,
    struct strbuf *sb)
{
	const struct answer *an = answer_at(iv, iv->pos);
	char *comment = an != NULL ? comment_beyond_candidates(an) : NULL;
	bool cut = false;

	if (an != NULL && an->na) {
		add_color(iv, sb, C_MARK);
		cut |= add_note(iv, L, sb, "Answer: N/A, ",
		    an->na_reason != NULL ? an->na_reason : "");
		add_color(iv, sb, C_RESET);
	} else if (an != NULL && an->has_value)
		add_value_line(iv, L, sb, an);
	else
		strbuf_addstr(sb, answer_in_conflict(an) ?
		    "Not resolved yet.\n" : "Not answered yet.\n");
	if (comment != NULL)
		cut |= add_note(iv, L, sb, "Comment: ", comment);
	free(comment);
	if (an != NULL)
		cut |= add_evidence_lines(iv, L, sb, an);
	/* A conflict's candidates show who answered. */
	if (an != NULL && an->assessor != NULL && an->n_candidates == 0)
		cut |= add_note(iv, L, sb, "Answered by: ", an->assessor);
	return cut;
}

/* " (spread 2, and N/A against a value)": how far candidates differ. */
static void
add_spread(struct strbuf *sb, const struct answer *an)
{
	double lo = 0, hi = 0;
	size_t values = 0;
	bool na = false;
	char num[32];

	for (size_t c = 0; c < an->n_candidates; c++) {
		const struct answer_candidate *ca = &an->candidates[c];

		na |= ca->na;
		if (!ca->has_value)
			continue;
		lo = values == 0 || ca->value < lo ? ca->value : lo;
		hi = values == 0 || ca->value > hi ? ca->value : hi;
		values++;
	}
	format_number_short(num, sizeof(num), hi - lo);
	if (values >= 2)
		strbuf_addf(sb, " (spread %s%s)", num, na ?
		    ", and N/A against a value" : "");
	else if (na)
		strbuf_addstr(sb, " (N/A against a value)");
}

/*
 * One assessor's answer, "  NAME: 2  OPTION TEXT" or "  NAME: N/A,
 * REASON" on one line (the name cut to a third of it), then their
 * comment; true when something was cut.
 */
static bool
add_candidate(const struct interview *iv, const struct layout *L,
    struct strbuf *sb, const struct answer_candidate *ca)
{
	const struct question *qu = current(iv);
	struct strbuf line = STRBUF_INIT;
	char num[32];
	int o = ca->na ? -1 : question_find_option(qu, ca->value);
	bool cut;

	cut = add_cut(iv, &line, L->width / 3 + 2, 2, ca->assessor != NULL ?
	    ca->assessor : "(no name)");
	line.buf[--line.len] = '\0';
	format_number_short(num, sizeof(num), ca->value);
	strbuf_addf(&line, ": %s%s%s", ca->na ? "N/A, " : num,
	    ca->na ? "" : "  ", ca->na ? (ca->na_reason != NULL ?
	    ca->na_reason : "") : o >= 0 ? qu->options[o].text : "");
	strbuf_addstr(sb, "  ");
	if (L->whole)
		add_wrapped(sb, L->width, 2, 4, line.buf);
	else
		cut |= add_cut(iv, sb, L->width, 2, line.buf);
	strbuf_release(&line);
	if (ca->comment == NULL)
		return cut;
	add_color(iv, sb, C_DIM);
	strbuf_addstr(sb, "    ");
	if (L->short_notes)
		cut |= add_cut(iv, sb, L->width, 4, ca->comment);
	else
		add_wrapped(sb, L->width, 4, 4, ca->comment);
	add_color(iv, sb, C_RESET);
	return cut;
}

/*
 * A conflict's candidates, every assessor's answer and comment, under a
 * line that says how far apart they are; true when one was cut.
 */
static bool
add_candidates(const struct interview *iv, const struct layout *L,
    struct strbuf *sb)
{
	const struct answer *an = answer_at(iv, iv->pos);
	struct strbuf head = STRBUF_INIT;
	bool cut = false;

	if (an == NULL || an->n_candidates == 0)
		return false;
	strbuf_addstr(&head, answer_in_conflict(an) ?
	    "The assessors disagree" : "The assessors disagreed");
	add_spread(&head, an);
	strbuf_addch(&head, ':');
	add_color(iv, sb, C_WARN);
	add_wrapped(sb, L->width, 0, 2, head.buf);
	add_color(iv, sb, C_RESET);
	strbuf_release(&head);
	for (size_t c = 0; c < an->n_candidates; c++)
		cut |= add_candidate(iv, L, sb, &an->candidates[c]);
	if (!L->tight)
		strbuf_addch(sb, '\n');
	return cut;
}

/* The whole question screen in layout L. */
static void
compose_question(const struct interview *iv, const struct layout *L,
    struct strbuf *sb)
{
	bool more;

	add_head(iv, L, sb);
	add_question(iv, L, sb);
	if (!L->tight)
		strbuf_addch(sb, '\n');
	/* Without the options, o shows them. */
	more = L->no_options || add_options(iv, L, sb);
	if (!L->tight)
		strbuf_addch(sb, '\n');
	more |= add_candidates(iv, L, sb);
	more |= add_answer(iv, L, sb);
	if (!L->tight)
		add_rule(iv, sb, L->width);
	add_keys(iv, sb, L->width, more);
}

/* The screen after the last question. */
static void
compose_end(const struct interview *iv, size_t width, struct strbuf *sb)
{
	size_t done, all;

	walk_progress(iv, &done, &all);
	add_notice(iv, sb, width);
	add_color(iv, sb, C_HEAD);
	strbuf_addstr(sb, iv->conflicts ? "End of the conflicts\n" :
	    "End of the questionnaire\n");
	add_color(iv, sb, C_RESET);
	add_bar(iv, sb, done, all, BAR_CELLS);
	strbuf_addf(sb, ", %zu of %zu %s\n", done, all, iv->conflicts ?
	    "resolved" : "answered");
	add_rule(iv, sb, width);
	if (done < all) {
		char *text = iv->conflicts ? xasprintf("%zu conflict%s still "
		    "unresolved: u goes to the first one. Left unresolved, a "
		    "question counts as unanswered in the score.",
		    all - done, all - done == 1 ? " is" : "s are") :
		    xasprintf("%zu question%s still unanswered: u "
		    "goes to the first one, or leave %s unanswered (they count "
		    "in no score).", all - done, all - done == 1 ? " is" :
		    "s are", all - done == 1 ? "it" : "them");

		add_wrapped(sb, width, 0, 0, text);
		free(text);
	} else
		strbuf_addstr(sb, iv->conflicts ? "Every conflict is "
		    "resolved.\n" : "Every question is answered.\n");
	strbuf_addstr(sb, "Answers are saved in ");
	add_wrapped(sb, width, 21, 2, iv->path);
	add_rule(iv, sb, width);
	add_keys(iv, sb, width, false);
}

bool
interview_screen(const struct interview *iv, size_t width, size_t height,
    struct strbuf *out)
{
	bool conflict = has_candidates(iv);
	const struct layout *tried = conflict ? conflict_layouts : layouts;
	size_t n = conflict ? ARRAY_SIZE(conflict_layouts) :
	    ARRAY_SIZE(layouts);
	struct layout L;

	strbuf_reset(out);
	width = lay_width(width);
	if (iv->pos >= iv->n_order) {
		compose_end(iv, width, out);
		return height == 0 || count_lines(out->buf) < height;
	}
	for (size_t k = 0; k < n; k++) {
		L = tried[k];
		L.width = width;
		strbuf_reset(out);
		compose_question(iv, &L, out);
		/* One row stays for the prompt. */
		if (height == 0 || count_lines(out->buf) < height)
			return true;
	}
	return false;
}

static void
draw(struct interview *iv)
{
	struct strbuf sb = STRBUF_INIT;
	size_t cols = 80, rows = 0;

	if (!iv->io.screen || !term_size(iv, &cols, &rows))
		rows = 0;
	/* Too small even for the shortest form: all of it, scrolling. */
	interview_screen(iv, cols, rows, &sb);
	if (iv->io.screen)
		fputs("\033[H\033[2J", iv->io.out);
	else
		fputc('\n', iv->io.out);
	fputs(sb.buf, iv->io.out);
	fflush(iv->io.out);
	strbuf_release(&sb);
}

/* Views beside the question: help, the area list, everything in full -- */

/* The keys and what they do, for the help. */
static const char *const help_keys[][2] = {
	{ "0-5", "answer with that level (the numbers shown); text after "
	    "it is added to the comment: 3 reviewed in March" },
	{ "n", "not applicable: asks for the reason (or: n REASON)" },
	{ "c", "show the comment and add a line (or: c TEXT; c - removes "
	    "the whole comment)" },
	{ "e", "add evidence: a document, link or ticket (or: e TEXT; e - "
	    "clears)" },
	{ "Enter, s", "skip this question for now" },
	{ "b", "back to the previous question" },
	{ "g WHERE", "go to a question id, an area id or name, a domain, or "
	    "a question number (to change an answer)" },
	{ "u", "go to the next unanswered question" },
	{ "l", "list the areas with their answered questions" },
	{ "o", "show options, comment and evidence in full" },
	{ "q", "save and quit; continue later with --resume" },
};

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
	if (iv->conflicts)
		put_wrapped(iv, 0, 0, "Resolving conflicts: each screen is a "
		    "question the assessors answered differently, with every "
		    "assessor's answer and comment. A level number or n (N/A "
		    "with a reason) resolves it for everyone; the assessors' "
		    "answers stay in the file as candidates and the answer "
		    "records 'resolution: interview'.");
	color(iv, C_BOLD);
	say(iv, "Keys (then Enter)\n");
	color(iv, C_RESET);
	for (size_t i = 0; i < ARRAY_SIZE(help_keys); i++) {
		say(iv, "  %-8s ", help_keys[i][0]);
		/* Wrapped to the terminal, under the first line's text. */
		put_wrapped(iv, 11, 11, help_keys[i][1]);
	}
	put_wrapped(iv, 0, 0, "Every answer is saved to the file at once. "
	    "Ctrl-C saves and stops too.");
	say(iv, "Enter returns to the question.\n");
}

/* Questions of the walk in area ai; *done gets how many are answered. */
static size_t
area_counts(const struct interview *iv, size_t ai, size_t *done)
{
	size_t asked = 0;

	*done = 0;
	for (size_t i = 0; i < iv->n_order; i++) {
		if (iv->a->q->questions[iv->order[i]].area != ai)
			continue;
		asked++;
		*done += answered(answer_at(iv, i));
	}
	return asked;
}

/* The areas with a question in the walk, under their domains. */
static void
list_areas(struct interview *iv)
{
	const struct model *m = iv->a->model;
	size_t cur = iv->pos < iv->n_order ? current(iv)->area : (size_t)-1;

	say(iv, "\nAreas (%s; > is where you are):\n", iv->conflicts ?
	    "resolved of conflicts" : "answered of asked");
	for (size_t d = 0; d < m->n_domains; d++) {
		const struct domain *dom = &m->domains[d];
		bool named = false;

		for (size_t ai = dom->first_area; ai < dom->first_area +
		    dom->n_areas; ai++) {
			size_t done, asked = area_counts(iv, ai, &done);

			if (asked == 0)
				continue;
			if (!named) {
				color(iv, C_BOLD);
				say(iv, "%s\n", dom->name);
				color(iv, C_RESET);
				named = true;
			}
			say(iv, "%s %zu/%zu  %s", ai == cur ? ">" : " ", done,
			    asked, m->areas[ai].name);
			color(iv, C_DIM);
			say(iv, "  (g %s)\n", m->areas[ai].id);
			color(iv, C_RESET);
		}
	}
	say(iv, "Enter returns to the question.\n");
}

/* The options, comment and evidence of the question, none shortened. */
static void
show_all(struct interview *iv)
{
	struct layout L = { .width = term_width(iv), .tight = true,
	    .whole = true };
	struct strbuf sb = STRBUF_INIT;

	strbuf_addch(&sb, '\n');
	add_options(iv, &L, &sb);
	add_candidates(iv, &L, &sb);
	add_answer(iv, &L, &sb);
	strbuf_addstr(&sb, "Enter returns to the question.\n");
	fputs(sb.buf, iv->io.out);
	strbuf_release(&sb);
}

/* Going to a question ----------------------------------------------- */

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

/* An area or a domain g may go to, with its first position (or -1). */
struct place {
	const char *name;
	const char *id;
	long pos;
};

/* Pass 0: id or name is where (any case); pass 1: the name holds it. */
static bool
place_matches(const char *id, const char *name, const char *where, int pass)
{
	if (pass == 0)
		return (id != NULL && strcasecmp(id, where) == 0) ||
		    strcasecmp(name, where) == 0;
	return strcasestr(name, where) != NULL;
}

/*
 * The areas and domains named where, else those whose name holds it
 * (with a question asked); out has room for every area and domain.
 */
static size_t
find_places(const struct interview *iv, const char *where, struct place *out)
{
	const struct model *m = iv->a->model;
	size_t n = 0;

	for (int pass = 0; pass < 2 && n == 0; pass++) {
		for (size_t i = 0; i < m->n_areas + m->n_domains; i++) {
			bool area = i < m->n_areas;
			size_t k = area ? i : i - m->n_areas;
			struct place p = {
				area ? m->areas[k].name : m->domains[k].name,
				area ? m->areas[k].id : m->domains[k].id,
				first_of(iv, area ? (long)k : -1,
				    area ? -1 : (long)k),
			};

			if (place_matches(p.id, p.name, where, pass) &&
			    (pass == 0 || p.pos >= 0))
				out[n++] = p;
		}
	}
	return n;
}

/* Ask which of n places was meant; its position, or -1. */
static long
ask_place(struct interview *iv, const char *where, const struct place *pl,
    size_t n)
{
	char **labels = xcalloc(n, sizeof(*labels));
	const char **ids = xcalloc(n, sizeof(*ids));
	char *label = xasprintf("'%s' names %zu places: which one?", where, n);
	size_t c;
	long pos = -1;

	for (size_t i = 0; i < n; i++) {
		labels[i] = xasprintf("%s (%s)", pl[i].name, pl[i].id);
		ids[i] = pl[i].id;
	}
	if (interview_ask_choice(iv, label, (const char *const *)labels, ids,
	    NULL, n, -1, &c) == 0)
		pos = pl[c].pos;
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(ids);
	free(label);
	return pos;
}

/* Position of question id or number where, -2 when it is neither. */
static long
question_place(struct interview *iv, const char *where)
{
	int qi = questionnaire_find(iv->a->q, where);
	long k;

	if (qi >= 0) {
		for (size_t i = 0; i < iv->n_order; i++) {
			if (iv->order[i] == (size_t)qi)
				return (long)i;
		}
		if (iv->conflicts)
			tell(iv, "Question '%s' is not one of the conflicts "
			    "walked here.", where);
		else
			tell(iv, "Question '%s' is not asked for the %s "
			    "operating model.", where,
			    iv->a->model->profiles[iv->a->profile].name);
		return -1;
	}
	if (parse_int(where, 1, (long)iv->n_order, &k))
		return k - 1;
	return -2;
}

static void
go_to(struct interview *iv, const char *where)
{
	const struct model *m = iv->a->model;
	struct place *pl;
	long pos = question_place(iv, where);
	size_t n;

	if (pos >= 0 || pos == -1) {
		iv->pos = pos >= 0 ? (size_t)pos : iv->pos;
		return;
	}
	pl = xcalloc(m->n_areas + m->n_domains, sizeof(*pl));
	n = find_places(iv, where, pl);
	if (n == 0)
		tell(iv, "No question, area or domain '%s': 'l' lists the "
		    "areas, a number 1-%zu goes to that %s.", where,
		    iv->n_order, noun(iv));
	else if (n > 1)
		pos = ask_place(iv, where, pl, n);
	else if ((pos = pl[0].pos) < 0 && iv->conflicts)
		tell(iv, "'%s' has no conflict walked here.", where);
	else if (pos < 0)
		tell(iv, "'%s' has no question for the %s operating model.",
		    where, m->profiles[iv->a->profile].name);
	if (pos >= 0)
		iv->pos = (size_t)pos;
	free(pl);
}

/* After an answer or a skip: the next unanswered question, or the end. */
static void
move_on(struct interview *iv)
{
	if (iv->pos < iv->n_order)
		iv->pos++;
	while (!iv->in_order && iv->pos < iv->n_order &&
	    answered(answer_at(iv, iv->pos)))
		iv->pos++;
}

/* Go to the next unanswered question after pos, wrapping around. */
static void
next_unanswered(struct interview *iv)
{
	for (size_t k = 1; k <= iv->n_order + 1; k++) {
		size_t i = (iv->pos + k) % (iv->n_order + 1);

		if (i >= iv->n_order || answered(answer_at(iv, i)))
			continue;
		if (i == iv->pos)
			tell(iv, "This is the only %s.", iv->conflicts ?
			    "unresolved conflict" : "unanswered question");
		iv->pos = i;
		return;
	}
	tell(iv, "%s", iv->conflicts ? "Every conflict is resolved." :
	    "Every question is answered.");
}

/* Changing answers -------------------------------------------------- */

/* Text typed inline or at a prompt; NULL when cancelled or ended. */
static char *
ask_line(struct interview *iv, const char *inline_text, const char *prompt)
{
	char *s;

	if (inline_text != NULL) {
		if (!utf8_valid(inline_text)) {
			tell(iv, "That is not valid UTF-8 text: nothing "
			    "changed.");
			return NULL;
		}
		return xstrdup(inline_text);
	}
	if (interview_ask_text(iv, prompt, NULL, &s) < 0)
		return NULL;
	return s;
}

/*
 * Add a typed line to question qi's comment. A conflict's comment lines
 * each name their assessor ("Alice: ..."), so a second assessor's line
 * does too. -1, nothing changed, as answer_append_comment.
 */
static int
append_comment(struct interview *iv, size_t qi, const char *text)
{
	const struct answer *an = answers_get(iv->a, qi);
	char *line;
	int rc;

	if (an == NULL || an->n_candidates == 0 || !second_assessor(iv) ||
	    str_blank(text))
		return answer_append_comment(iv->a, qi, text);
	line = xasprintf("%s: %s", iv->assessor, text);
	rc = answer_append_comment(iv->a, qi, line);
	free(line);
	return rc;
}

/* "2", "N/A" or "unanswered": what an answer was, for a notice. */
static void
prior_text(const struct answer_prior *was, char *buf, size_t size)
{
	if (was->has_value)
		format_number_short(buf, size, was->value);
	else
		snprintf(buf, size, "%s", was->na ? "N/A" : "unanswered");
}

/*
 * After a change of question qi at position pos: stamp, save, and say
 * what it was ("changed from 2 to 3") or that it is saved.
 */
static void
report_change(struct interview *iv, size_t pos, const struct answer_prior
    *was, const char *now, const char *extra)
{
	size_t qi = iv->order[pos];
	const char *id = iv->a->q->questions[qi].id;
	const char *what = iv->conflicts ? "Conflict" : "Question";
	bool conflict = answers_get(iv->a, qi)->n_candidates > 0;
	char before[32];

	stamp(iv, qi);
	/* A person chose: the candidates stay, the policy's word goes. */
	if (conflict)
		answers_set_string(&answers_edit(iv->a, qi)->resolution,
		    "interview");
	if (interview_save(iv) < 0)
		return;
	prior_text(was, before, sizeof(before));
	if (strcmp(before, "unanswered") == 0 && conflict)
		tell(iv, "Resolved %s %zu (%s) as %s%s; b goes back to it.",
		    noun(iv), pos + 1, id, now, extra);
	else if (strcmp(before, "unanswered") == 0)
		tell(iv, "Saved %s%s for question %zu (%s); b goes back to it.",
		    now, extra, pos + 1, id);
	else if (strcmp(before, now) == 0)
		tell(iv, "%s %zu (%s) stays %s%s.", what, pos + 1, id, now,
		    extra);
	else
		tell(iv, "%s %zu (%s) changed from %s to %s%s.", what, pos + 1,
		    id, before, now, extra);
}

static bool
mark_na(struct interview *iv, const char *inline_text)
{
	size_t qi = iv->order[iv->pos];
	const struct answer *now = answers_get(iv->a, qi);
	char *old = now != NULL && now->na_reason != NULL ?
	    xstrdup(now->na_reason) : NULL;
	struct answer_prior was;
	char *reason;

	if (old != NULL && inline_text == NULL)
		say(iv, "Enter keeps the reason: %s\n", old);
	reason = ask_line(iv, inline_text, "Why does it not apply? (Enter "
	    "cancels)");
	if ((reason == NULL && old == NULL) || iv->status != INTERVIEW_RUNNING ||
	    answer_set_na(iv->a, qi, reason, &was) < 0) {
		if (iv->status == INTERVIEW_RUNNING)
			tell(iv, "N/A needs a reason: nothing changed.");
		free(reason);
		free(old);
		return false;
	}
	report_change(iv, iv->pos, &was, "N/A", "");
	if (old != NULL && reason != NULL && strcmp(old, reason) != 0)
		tell(iv, "The N/A reason was: %s", old);
	answer_prior_release(&was);
	free(reason);
	free(old);
	return true;
}

/* A comment grows by a line; "-" removes it, showing what it was. */
static void
edit_comment(struct interview *iv, const char *inline_text)
{
	size_t qi = iv->order[iv->pos];
	const struct answer *an = answers_get(iv->a, qi);
	char *text, *old = an != NULL && an->comment != NULL ?
	    xstrdup(an->comment) : NULL;

	if (old != NULL && inline_text == NULL)
		say(iv, "The comment now:\n%s\nType a line to add, '-' to "
		    "remove the whole comment, Enter to keep it.\n", old);
	text = ask_line(iv, inline_text, "Comment");
	if (text == NULL) {
		free(old);
		return;
	}
	if (strcmp(text, "-") == 0) {
		answer_delete_comment(iv->a, qi);
		if (interview_save(iv) == 0 && old != NULL)
			tell(iv, "Removed the comment of %s %zu; it "
			    "read: %s", noun(iv), iv->pos + 1, old);
	} else if (append_comment(iv, qi, text) < 0)
		tell(iv, "That is not valid UTF-8 text: nothing changed.");
	else {
		stamp(iv, qi);
		if (interview_save(iv) == 0)
			tell(iv, "Added a line to the comment of %s %zu.",
			    noun(iv), iv->pos + 1);
	}
	free(text);
	free(old);
}

static void
add_evidence(struct interview *iv, const char *inline_text)
{
	size_t qi = iv->order[iv->pos];
	char *text = ask_line(iv, inline_text, "Evidence (document, link or "
	    "ticket; Enter cancels)");
	struct answer *an;

	if (text == NULL)
		return;
	an = answers_edit(iv->a, qi);
	if (strcmp(text, "-") == 0)
		answer_clear_evidence(an);
	else
		answer_add_evidence(an, text);
	free(text);
	stamp(iv, qi);
	interview_save(iv);
}

/*
 * A level number answers; text after it ("3 reviewed yearly") is added
 * to the answer's comment in the same save. An N/A reason the answer
 * replaces goes into the comment too, so no word is lost. False when
 * line is no number.
 */
static bool
answer_value(struct interview *iv, const char *line)
{
	size_t qi = iv->order[iv->pos], pos = iv->pos;
	const struct question *qu = current(iv);
	struct answer_prior was;
	struct strbuf range = STRBUF_INIT;
	char *value = xstrdup(line), *comment, now[32];
	double v;

	comment = value + strcspn(value, " \t");
	if (*comment != '\0') {
		*comment++ = '\0';
		comment += strspn(comment, " \t");
	}
	if (!parse_double(value, &v)) {
		free(value);
		return false;
	}
	if (question_find_option(qu, v) < 0) {
		interview_value_range(qu, &range);
		tell(iv, "%s is not one of the options: type %s.", value,
		    range.buf);
	} else if (*comment != '\0' && !utf8_valid(comment))
		tell(iv, "That is not valid UTF-8 text: nothing changed.");
	else {
		answer_set_value(iv->a, qi, v, &was);
		format_number_short(now, sizeof(now), v);
		if (was.na_reason != NULL) {
			char *kept = xasprintf("N/A before: %s", was.na_reason);

			answer_append_comment(iv->a, qi, kept);
			free(kept);
		}
		if (*comment != '\0')
			append_comment(iv, qi, comment);
		report_change(iv, pos, &was, now, *comment != '\0' ?
		    " and its comment" : "");
		if (was.na_reason != NULL)
			tell(iv, "The N/A reason is kept in the comment.");
		answer_prior_release(&was);
		move_on(iv);
	}
	strbuf_release(&range);
	free(value);
	return true;
}

/* Keys ------------------------------------------------------------------ */

static void
hint(struct interview *iv, const char *line)
{
	struct strbuf range = STRBUF_INIT;

	if (iv->pos < iv->n_order) {
		interview_value_range(current(iv), &range);
		tell(iv, "'%s' is not a key here: type %s, n, c, e, Enter, b, "
		    "g, l, u, o, q, or ? for help.", line, range.buf);
	} else
		tell(iv, "'%s' is not a key here: Enter finishes; b, g, u, l, "
		    "q, or ? for help.", line);
	strbuf_release(&range);
}

/* Each handler returns true when the screen is to be drawn again. */

static bool
key_skip(struct interview *iv, const char *arg)
{
	(void)arg;
	if (iv->pos >= iv->n_order)
		iv->status = INTERVIEW_DONE;
	else
		move_on(iv);
	return true;
}

static bool
key_quit(struct interview *iv, const char *arg)
{
	(void)arg;
	iv->status = INTERVIEW_QUIT;
	return false;
}

static bool
key_back(struct interview *iv, const char *arg)
{
	(void)arg;
	if (iv->pos == 0)
		tell(iv, "This is the first %s.", noun(iv));
	else
		iv->pos--;
	return true;
}

static bool
key_go(struct interview *iv, const char *arg)
{
	char *where;

	if (arg != NULL) {
		go_to(iv, arg);
		return true;
	}
	if (interview_ask_text(iv, "Go to (question id, area, domain or "
	    "number)", NULL, &where) == 0 && where != NULL)
		go_to(iv, where);
	free(where);
	return true;
}

static bool
key_unanswered(struct interview *iv, const char *arg)
{
	(void)arg;
	next_unanswered(iv);
	return true;
}

static bool
key_list(struct interview *iv, const char *arg)
{
	(void)arg;
	list_areas(iv);
	iv->aside = true;
	return false;
}

static bool
key_help(struct interview *iv, const char *arg)
{
	(void)arg;
	show_help(iv);
	iv->aside = true;
	return false;
}

static bool
key_all(struct interview *iv, const char *arg)
{
	(void)arg;
	show_all(iv);
	iv->aside = true;
	return false;
}

static bool
key_na(struct interview *iv, const char *arg)
{
	if (mark_na(iv, arg))
		move_on(iv);
	return true;
}

static bool
key_comment(struct interview *iv, const char *arg)
{
	edit_comment(iv, arg);
	return true;
}

static bool
key_evidence(struct interview *iv, const char *arg)
{
	add_evidence(iv, arg);
	return true;
}

/* A key at the prompt: what it is called and what it does. */
struct key {
	const char *name;    /* as typed, before any argument */
	bool takes_arg;      /* text may follow ("c TEXT") */
	bool at_end;         /* also on the end screen */
	bool (*run)(struct interview *iv, const char *arg);
};

static const struct key keys[] = {
	{ "", false, true, key_skip },
	{ "s", false, true, key_skip },
	{ "q", false, true, key_quit },
	{ "b", false, true, key_back },
	{ "g", true, true, key_go },
	{ "u", false, true, key_unanswered },
	{ "l", false, true, key_list },
	{ "?", false, true, key_help },
	{ "h", false, true, key_help },
	{ "help", false, true, key_help },
	{ "o", false, false, key_all },
	{ "n", true, false, key_na },
	{ "c", true, false, key_comment },
	{ "e", true, false, key_evidence },
};

/* The text after the first word of line ("c some text"), or NULL. */
static const char *
argument(const char *line)
{
	line += strcspn(line, " \t");
	line += strspn(line, " \t");
	return *line != '\0' ? line : NULL;
}

/* One line of input at a question or at the end; true to redraw. */
static bool
handle(struct interview *iv, const char *line)
{
	size_t word = strcspn(line, " \t");
	const char *arg = argument(line);
	bool at_end = iv->pos >= iv->n_order;

	/* Enter after help or the list comes back to the question. */
	if (*line == '\0' && iv->aside) {
		iv->aside = false;
		return true;
	}
	iv->aside = false;
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		const struct key *k = &keys[i];

		if (strlen(k->name) != word ||
		    strncmp(k->name, line, word) != 0)
			continue;
		if ((arg != NULL && !k->takes_arg) || (at_end && !k->at_end))
			break;
		return k->run(iv, arg);
	}
	if (at_end || !answer_value(iv, line))
		hint(iv, line);
	return true;
}

void
interview_start(struct interview *iv, struct answers *a, const char *path,
    const char *assessor)
{
	iv->a = a;
	iv->path = path;
	iv->assessor = assessor;
	iv->status = INTERVIEW_RUNNING;
	free(iv->order);
	build_order(iv);
	iv->pos = 0;
	while (iv->pos < iv->n_order && answered(answer_at(iv, iv->pos)))
		iv->pos++;
}

enum interview_status
interview_run(struct interview *iv, struct answers *a, const char *path,
    const char *assessor)
{
	bool redraw = true;

	interview_start(iv, a, path, assessor);
	iv->walking = true;
	reading = iv;
	while (iv->status == INTERVIEW_RUNNING) {
		char *line;

		if (redraw)
			draw(iv);
		line = interview_read(iv, "> ");
		if (line == NULL)
			break;
		/* A notice stays on screen until the next key. */
		strbuf_reset(&iv->notice);
		redraw = handle(iv, line);
		free(line);
	}
	iv->walking = false;
	return iv->status;
}
