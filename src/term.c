/*
 * Terminal-safe text: control characters and bytes that are not UTF-8
 * become \xHH on the way to a terminal (see term.h for the rule).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "socassess/strbuf.h"
#include "socassess/term.h"

/* True for the code points a terminal may act on rather than show. */
static bool
is_control(ucs4_t uc, bool multi_line)
{
	if (multi_line && (uc == '\n' || uc == '\t'))
		return false;
	return uc < 0x20 || (uc >= 0x7f && uc <= 0x9f);
}

void
term_escape(struct strbuf *out, const char *text, bool multi_line)
{
	const uint8_t *p = (const uint8_t *)text, *run = p;
	size_t left = strlen(text);

	while (left > 0) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p, left);

		if (n > 0 && !is_control(uc, multi_line)) {
			p += n;
			left -= (size_t)n;
			continue;
		}
		strbuf_add(out, run, (size_t)(p - run));
		/* A bad byte or a control: its own code either way. */
		strbuf_addf(out, "\\x%02x", n > 0 ? (unsigned)uc : *p);
		n = n > 0 ? n : 1;
		p += n;
		left -= (size_t)n;
		run = p;
	}
	strbuf_add(out, run, (size_t)(p - run));
}

void
term_write(FILE *fp, const char *text, bool multi_line)
{
	struct strbuf sb = STRBUF_INIT;

	term_escape(&sb, text, multi_line);
	fwrite(sb.buf, 1, sb.len, fp);
	strbuf_release(&sb);
}

void
term_printf(FILE *fp, const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	term_write(fp, text.buf, true);
	strbuf_release(&text);
}
