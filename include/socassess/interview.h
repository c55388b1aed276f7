/*
 * The interactive interview: reads the assessor's lines (libedit line
 * editing and history on a terminal, plain lines from a pipe), draws one
 * screen per question on an output stream (stderr, so reports on stdout
 * stay clean), and saves the answers file atomically after every change,
 * so Ctrl-C, a closed terminal or a killed process loses nothing.
 */
#ifndef SOCASSESS_INTERVIEW_H
#define SOCASSESS_INTERVIEW_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "socassess/answers.h"
#include "socassess/catalog.h"
#include "socassess/error.h"
#include "socassess/strbuf.h"

enum interview_status {
	INTERVIEW_RUNNING,
	INTERVIEW_DONE,        /* walked past the last question, finished */
	INTERVIEW_EOF,         /* input ended */
	INTERVIEW_QUIT,        /* 'q' */
	INTERVIEW_INTERRUPTED, /* SIGINT, SIGTERM or SIGHUP */
};

struct interview_io {
	FILE *in;              /* the assessor's lines (borrowed) */
	FILE *out;             /* prompts and screens (borrowed) */
	bool edit;             /* in is a terminal: libedit and history */
	bool screen;           /* out is a terminal: clear between screens */
	bool color;            /* colour on out */
};

struct interview {
	struct interview_io io;
	enum interview_status status;
	int signal;            /* the signal that interrupted, or 0 */
	struct answers *a;     /* borrowed, changed in place */
	const char *path;      /* answers file, borrowed */
	const char *assessor;  /* who answers in this session, or NULL */
	size_t *order;         /* applicable questions, in walk order */
	size_t n_order;
	size_t pos;            /* index into order; n_order = the end */
	bool in_order;         /* after an answer, the next question in
	                          order, answered or not (a first pass) */
	bool conflicts;        /* walk only the questions whose assessors
	                          disagree and that nobody settled yet */
	bool aside;            /* help, the list or the full options are
	                          shown: Enter returns to the question */
	struct strbuf notice;  /* what the last key did or why it could not:
	                          shown on the next screen, then cleared */
	bool save_failed;      /* the last save failed (errors printed) */
	bool walking;          /* in interview_run: a resize redraws */
	struct sigaction old[3];
	struct sigaction old_winch;
};

/*
 * Start: catch SIGINT, SIGTERM and SIGHUP (they end the next read), set
 * up libedit when io->edit. interview_release restores the handlers.
 */
void interview_init(struct interview *iv, const struct interview_io *io);
void interview_release(struct interview *iv);

/*
 * Read one line after prompt; the result (owned by the caller) has its
 * line end removed. NULL when input ended or a signal came: iv->status
 * says which.
 */
char *interview_read(struct interview *iv, const char *prompt);

/*
 * Ask for a line of text. Enter gives dflt (may be NULL: then *out is
 * NULL). Text must be valid UTF-8. Returns 0, or -1 when input ended or
 * a signal came.
 */
int interview_ask_text(struct interview *iv, const char *label,
    const char *dflt, char **out);

/* Ask for a date YYYY-MM-DD, dflt when Enter; 0 or -1 as above. */
int interview_ask_date(struct interview *iv, const char *label,
    const char *dflt, char **out);

/*
 * Ask for one of n choices shown as names, by number, by name or by key
 * (keys may be NULL), each with an optional description (descs may be
 * NULL) shown on one line, in full after '?'. *choice is the index;
 * Enter gives dflt (-1: no default, ask again). 0 or -1 as above.
 */
int interview_ask_choice(struct interview *iv, const char *label,
    const char *const *names, const char *const *keys,
    const char *const *descs, size_t n, int dflt, size_t *choice);

/*
 * Walk the questions of a (borrowed; changed in place and saved to path
 * after every change) for its profile, starting at the first unanswered
 * question; after an answer or a skip the walk goes on to the next
 * unanswered one (the next in order when iv->in_order). With
 * iv->conflicts only the unresolved conflicts are walked, in
 * questionnaire order. Answering a question that has candidates resolves
 * it: the candidates stay and its resolution becomes "interview". Returns
 * how it ended; save problems are printed on io->out as they happen and
 * leave iv->save_failed set.
 */
enum interview_status interview_run(struct interview *iv, struct answers *a,
    const char *path, const char *assessor);

/*
 * Prepare the walk of interview_run without reading: the questions asked
 * for a's profile, in order, and the position of the first unanswered.
 */
void interview_start(struct interview *iv, struct answers *a,
    const char *path, const char *assessor);

/* Save a to path now; -1 with the problem printed on io->out. */
int interview_save(struct interview *iv);

/*
 * Lay out the screen of the current question (or the end screen) for a
 * terminal of width columns and height rows (0: no limit) into out, the
 * prompt line not included. The question text, the current answer and
 * the key line are always there in full; to fit, options are shortened
 * to one line each (key o shows them whole) and blank lines go. Returns
 * false when even that does not fit (out then holds the shortest form).
 */
bool interview_screen(const struct interview *iv, size_t width,
    size_t height, struct strbuf *out);

/* The values of question qu's options: "0-5", or "0, 0.5 or 1". */
void interview_value_range(const struct question *qu, struct strbuf *out);

/* Counts over the applicable questions: answered (value or N/A), all. */
void interview_progress(const struct answers *a, size_t *done, size_t *all);

/*
 * Counts over the applicable questions of a merged file: answers with
 * candidates (conflicts, resolved or not), and those still unresolved.
 */
void interview_conflicts(const struct answers *a, size_t *all,
    size_t *open);

#endif
