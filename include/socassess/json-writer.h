/*
 * A small streaming JSON writer shared by the JSON documents (report,
 * portfolio, compare): a report holds thousands of values, and building
 * them as jansson objects cost more than the rest of scoring together.
 * The layout is jansson's JSON_INDENT(2); every document shares its
 * rules (escapes, numbers rounded by report_json_number). A key is
 * NULL for a value inside an array.
 */
#ifndef SOCASSESS_JSON_WRITER_H
#define SOCASSESS_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "socassess/score.h"

/* Bytes gathered before they go to the stream in one fwrite. */
#define JW_BUFFER 65536
#define JW_BUFFER_MIN 512

/*
 * A writer: started with jw_init. Its text reaches fp when the
 * outermost container closes (or at jw_flush), so a caller writes
 * after the document only then.
 */
struct jw {
	FILE *fp;       /* NULL: in memory (jw_init_memory) */
	int depth;
	bool first;     /* no value yet in the current container */
	bool after_key; /* a key was written; the value follows inline */
	size_t n;       /* bytes waiting in buf */
	size_t cap;     /* buf's size */
	char *buf;      /* own, the caller's, or grown in memory */
	char own[JW_BUFFER];
};

/*
 * Start a writer on fp. The buffer is left as it is: zeroing 64 KiB for
 * every report of a batch costs more than writing a small one.
 */
void jw_init(struct jw *w, FILE *fp);
/*
 * Same, gathering text in the caller's buf (size bytes, borrowed, at
 * least JW_BUFFER_MIN: a plain key goes in whole) instead of its own: a
 * document that fits reaches fp in one fwrite, which an unbuffered
 * stream passes to the file without copying it again.
 */
void jw_init_buffer(struct jw *w, FILE *fp, char *buf, size_t size);
/*
 * Same, gathering the whole document in memory (no stream): buf, of
 * size bytes (may be NULL and 0), is taken over and grown as needed;
 * jw_take gives it back with the text.
 */
void jw_init_memory(struct jw *w, char *buf, size_t size);
/*
 * The buffer of a writer made by jw_init_memory, owned by the caller
 * again: its first *len bytes are the document (no NUL after it), and
 * *size its size, to give to the next jw_init_memory.
 */
char *jw_take(struct jw *w, size_t *len, size_t *size);
/* Hand what is gathered to the stream (done at the outermost close). */
void jw_flush(struct jw *w);
/*
 * The text of report_json_number(v) into buf (at least 48 bytes), made
 * without printf for the values reports hold; returns its length.
 */
size_t jw_format_number(char *buf, double v);

/* A key of len bytes; the value written next follows it. */
void jw_key_n(struct jw *w, const char *key, size_t len);
/* Values, after their key (or inside an array). */
void jw_open_value(struct jw *w, char c);
void jw_num_value(struct jw *w, double v);
void jw_int_value(struct jw *w, long long v);
void jw_lit_value(struct jw *w, const char *lit);
void jw_str_value(struct jw *w, const char *s);
/* A string value escaped already, quotes included (len bytes of text). */
void jw_escaped_value(struct jw *w, const char *text, size_t len);
void jw_close(struct jw *w, char c);
/* Close the outermost container and end the document's line. */
void jw_end(struct jw *w, char c);
void jw_strings(struct jw *w, const char *key, char *const *s, size_t n);

/*
 * The keyed forms are inline so that the length of a literal key is
 * known when compiled: a report writes about 4,000 keys.
 */
static inline void
jw_key(struct jw *w, const char *key)
{
	jw_key_n(w, key, strlen(key));
}

/* Open an object (c is '{') or array ('['), under key when not NULL. */
static inline void
jw_open(struct jw *w, const char *key, char c)
{
	if (key != NULL)
		jw_key(w, key);
	jw_open_value(w, c);
}

static inline void
jw_num(struct jw *w, const char *key, double v)
{
	if (key != NULL)
		jw_key(w, key);
	jw_num_value(w, v);
}

static inline void
jw_int(struct jw *w, const char *key, long long v)
{
	if (key != NULL)
		jw_key(w, key);
	jw_int_value(w, v);
}

/* A literal written as is: null, true, false. */
static inline void
jw_lit(struct jw *w, const char *key, const char *lit)
{
	if (key != NULL)
		jw_key(w, key);
	jw_lit_value(w, lit);
}

/* A string, or null when s is NULL. */
static inline void
jw_str(struct jw *w, const char *key, const char *s)
{
	if (key != NULL)
		jw_key(w, key);
	if (s == NULL)
		jw_lit_value(w, "null");
	else
		jw_str_value(w, s);
}

/* A string escaped already (len bytes of text), or null when len is 0. */
static inline void
jw_escaped(struct jw *w, const char *key, const char *text, size_t len)
{
	if (key != NULL)
		jw_key(w, key);
	if (len == 0)
		jw_lit_value(w, "null");
	else
		jw_escaped_value(w, text, len);
}

static inline void
jw_bool(struct jw *w, const char *key, bool b)
{
	jw_lit(w, key, b ? "true" : "false");
}

/* v when set, else null. */
static inline void
jw_num_or_null(struct jw *w, const char *key, bool set, double v)
{
	if (set)
		jw_num(w, key, v);
	else
		jw_lit(w, key, "null");
}

/* A score, or null when it is not set. */
static inline void
jw_opt(struct jw *w, const char *key, struct opt_score s)
{
	jw_num_or_null(w, key, s.set, s.value);
}

#endif
