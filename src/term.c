/*
 * Terminal-safe text: control characters and bytes that are not UTF-8
 * become \xHH on the way to a terminal (see term.h for the rule).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "socassess/term.h"
#include "socassess/util.h"

/*
 * Length of the valid UTF-8 character at p, with its code point in *cp;
 * 0 when the bytes at p are not one (overlong, surrogate, cut short).
 */
static size_t
utf8_decode(const unsigned char *p, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0x80, 0x800, 0x10000 };
	size_t n;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0)
		n = 1, *cp = p[0] & 0x1f;
	else if ((p[0] & 0xf0) == 0xe0)
		n = 2, *cp = p[0] & 0x0f;
	else if ((p[0] & 0xf8) == 0xf0)
		n = 3, *cp = p[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[i] & 0x3f);
	}
	if (*cp < min[n] || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n + 1;
}

/* True for the code points a terminal may act on rather than show. */
static bool
is_control(uint32_t cp, bool multi_line)
{
	if (multi_line && (cp == '\n' || cp == '\t'))
		return false;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

void
term_write(FILE *fp, const char *text, bool multi_line)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *run = p;

	while (*p != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(p, &cp);

		if (n > 0 && !is_control(cp, multi_line)) {
			p += n;
			continue;
		}
		fwrite(run, 1, (size_t)(p - run), fp);
		/* A bad byte or a control: its own code either way. */
		fprintf(fp, "\\x%02x", n > 0 ? (unsigned)cp : (unsigned)*p);
		p += n > 0 ? n : 1;
		run = p;
	}
	fwrite(run, 1, (size_t)(p - run), fp);
}

void
term_printf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		text = xstrdup("(out of memory)");
	term_write(fp, text, true);
	free(text);
}

char *
term_safe(const char *text, bool multi_line)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		return xstrdup("(out of memory)");
	term_write(fp, text, multi_line);
	if (fclose(fp) != 0) {
		free(buf);
		return xstrdup("(out of memory)");
	}
	return buf;
}
