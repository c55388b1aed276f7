/*
 * Strings travel as a 32-bit length (all ones for NULL) and their
 * bytes; arrays as a presence flag and their bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/util.h"
#include "socassess/wire.h"

#define NO_STRING UINT32_MAX

void
wire_put_string(struct strbuf *out, const char *s)
{
	uint32_t n = s != NULL ? (uint32_t)strlen(s) : NO_STRING;

	strbuf_add(out, &n, sizeof(n));
	if (s != NULL)
		strbuf_add(out, s, n);
}

void
wire_put_array(struct strbuf *out, const void *a, size_t n, size_t size)
{
	strbuf_addch(out, a != NULL);
	if (a != NULL)
		strbuf_add(out, a, n * size);
}

int
wire_take(struct wire_cursor *c, void *to, size_t n)
{
	if (c->left < n)
		return -1;
	memcpy(to, c->p, n);
	c->p += n;
	c->left -= n;
	return 0;
}

int
wire_take_string(struct wire_cursor *c, char **s)
{
	uint32_t n;

	*s = NULL;
	if (wire_take(c, &n, sizeof(n)) < 0)
		return -1;
	if (n == NO_STRING)
		return 0;
	/* wire_put_string measured it with strlen: no NUL inside. */
	if (c->left < n || memchr(c->p, '\0', n) != NULL)
		return -1;
	*s = xmalloc((size_t)n + 1);
	memcpy(*s, c->p, n);
	(*s)[n] = '\0';
	c->p += n;
	c->left -= n;
	return 0;
}

int
wire_take_array(struct wire_cursor *c, void **a, size_t n, size_t size)
{
	unsigned char present;

	*a = NULL;
	if (wire_take(c, &present, 1) < 0)
		return -1;
	if (!present)
		return 0;
	*a = xcalloc(n > 0 ? n : 1, size);
	if (wire_take(c, *a, n * size) == 0)
		return 0;
	free(*a);
	*a = NULL;
	return -1;
}
