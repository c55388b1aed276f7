/*
 * The byte form of strings and arrays that a process writes for itself
 * or for a process forked from it: the worker pipes of `score -j`
 * (score-outcome.h) and the portfolio's spool file (portfolio.h). Both
 * ends are the same program on the same machine, so numbers travel in
 * their memory form.
 */
#ifndef SOCASSESS_WIRE_H
#define SOCASSESS_WIRE_H

#include <stddef.h>

#include "socassess/strbuf.h"

/* A reader over bytes written by the wire_put functions. */
struct wire_cursor {
	const char *p;
	size_t left;
};

/* Append s (may be NULL) as a 32-bit length and its bytes. */
void wire_put_string(struct strbuf *out, const char *s);
/* Append n items of size bytes at a, after a flag (a may be NULL). */
void wire_put_array(struct strbuf *out, const void *a, size_t n,
    size_t size);

/* The next n bytes into to; -1 when fewer are left. */
int wire_take(struct wire_cursor *c, void *to, size_t n);
/*
 * A string put by wire_put_string (new, or NULL) into *s; 0, or -1 when
 * the bytes are cut short or hold a NUL (no such string was put).
 */
int wire_take_string(struct wire_cursor *c, char **s);
/* An array put by wire_put_array (new, or NULL) into *a; 0 or -1. */
int wire_take_array(struct wire_cursor *c, void **a, size_t n, size_t size);

#endif
