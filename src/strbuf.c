/*
 * The growable string of strbuf.h. The empty buffer points at one shared
 * "" so STRBUF_INIT needs no allocation and buf is always a valid string.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/strbuf.h"
#include "socassess/util.h"

char strbuf_empty[1];

void
strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
	if (hint > 0)
		strbuf_grow(sb, hint);
}

void
strbuf_release(struct strbuf *sb)
{
	if (sb->alloc > 0)
		free(sb->buf);
	strbuf_init(sb, 0);
}

void
strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc > 0)
		sb->buf[0] = '\0';
}

char *
strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *s;

	if (len != NULL)
		*len = sb->len;
	s = sb->alloc > 0 ? sb->buf : xstrdup("");
	strbuf_init(sb, 0);
	return s;
}

void
strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t want;

	if (extra > SIZE_MAX - sb->len - 1)
		want = SIZE_MAX; /* xreallocarray reports it as out of memory */
	else
		want = sb->len + extra + 1;
	if (want <= sb->alloc)
		return;
	/* Grow by half again at least: appending stays linear overall. */
	if (sb->alloc > 0 && want < sb->alloc + sb->alloc / 2)
		want = sb->alloc + sb->alloc / 2;
	if (want < 64)
		want = 64;
	if (sb->alloc == 0) {
		sb->buf = xmalloc(want);
		sb->buf[0] = '\0';
	} else
		sb->buf = xreallocarray(sb->buf, want, 1);
	sb->alloc = want;
}

void
strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	if (n == 0)
		return;
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void
strbuf_addchars(struct strbuf *sb, int c, size_t n)
{
	if (n == 0)
		return;
	strbuf_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc > sb->len ?
	    sb->alloc - sb->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		fputs("socassess: cannot format text\n", stderr);
		exit(1);
	}
	if ((size_t)n >= (sb->alloc > sb->len ? sb->alloc - sb->len : 0)) {
		strbuf_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}
