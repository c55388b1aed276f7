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
	bool save_failed;      /* the last save failed (errors printed) */
	struct sigaction old[3];
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
 * question. Returns how it ended; save problems are printed on io->out
 * as they happen and leave iv->save_failed set.
 */
enum interview_status interview_run(struct interview *iv, struct answers *a,
    const char *path, const char *assessor);

/* Save a to path now; -1 with the problem printed on io->out. */
int interview_save(struct interview *iv);

/* Counts over the applicable questions: answered (value or N/A), all. */
void interview_progress(const struct answers *a, size_t *done, size_t *all);

#endif
