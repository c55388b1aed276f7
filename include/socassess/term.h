/*
 * Text from files on its way to a terminal. An answers file or a model
 * may hold ESC, other control characters or broken UTF-8; printed raw
 * they would retitle or clear the terminal, or forge lines. Every text
 * that comes from a file and goes to standard output or standard error
 * passes through here, which shows each such character visibly as \xHH
 * (two lowercase hex digits of its code): C0 controls, DEL, C1 controls
 * (U+0080 to U+009F, so U+009B is \x9b) and each byte that is not part of
 * valid UTF-8. Files (JSON, YAML, XLSX) keep the exact text.
 */
#ifndef SOCASSESS_TERM_H
#define SOCASSESS_TERM_H

#include <stdbool.h>
#include <stdio.h>

struct strbuf;

/*
 * Write text to fp with control characters shown as \xHH. Newline and
 * tab pass through when multi_line (a report); otherwise they are shown
 * too (a one-line message).
 */
void term_write(FILE *fp, const char *text, bool multi_line);

/* Format like fprintf, then write the result with term_write(multi_line). */
void term_printf(FILE *fp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append text to out as term_write would show it. */
void term_escape(struct strbuf *out, const char *text, bool multi_line);

#endif
