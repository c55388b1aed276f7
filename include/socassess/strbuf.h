/*
 * A growable string, modelled on git's strbuf: buf is always
 * NUL-terminated (even when empty), len excludes the NUL, and the buffer
 * grows geometrically so appending n bytes one at a time is linear.
 * Allocation failures exit like xmalloc.
 */
#ifndef SOCASSESS_STRBUF_H
#define SOCASSESS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;    /* never NULL; points at a shared "" until first growth */
	size_t len;   /* bytes in use, not counting the NUL */
	size_t alloc; /* bytes allocated; 0 while buf is the shared "" */
};

extern char strbuf_empty[];
#define STRBUF_INIT { .buf = strbuf_empty, .len = 0, .alloc = 0 }

/* Start empty (same as STRBUF_INIT); hint bytes are reserved when > 0. */
void strbuf_init(struct strbuf *sb, size_t hint);
/* Free the buffer and start empty again. */
void strbuf_release(struct strbuf *sb);
/* Empty the string, keeping the allocation. */
void strbuf_reset(struct strbuf *sb);
/* Hand the string over to the caller (free() it) and start empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Make room for extra more bytes (plus the NUL). */
void strbuf_grow(struct strbuf *sb, size_t extra);

/* Append n bytes of data (which may hold NULs). */
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
/* Append a NUL-terminated string. */
void strbuf_addstr(struct strbuf *sb, const char *s);
/* Append one byte. */
void strbuf_addch(struct strbuf *sb, int c);
/* Append n copies of byte c. */
void strbuf_addchars(struct strbuf *sb, int c, size_t n);
/* Append printf-formatted text. */
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
