/*
 * The streaming JSON writer of json-writer.h: separators, indentation
 * and escapes, so that every JSON document of socassess has one layout.
 */
#include <stdio.h>

#include "socassess/json-writer.h"
#include "socassess/report.h"


static void
jw_indent(struct jw *w)
{
	static const char spaces[] = "\n                                "
	    "                                ";
	size_t n = 1 + 2 * (size_t)w->depth;

	if (n > sizeof(spaces) - 1)
		n = sizeof(spaces) - 1;
	fwrite_unlocked(spaces, 1, n, w->fp);
}

/* Separator and indentation before a value or a key. */
static void
jw_pre(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (!w->first)
			fputc(',', w->fp);
		jw_indent(w);
	}
	w->first = false;
}

static void
jw_string_raw(struct jw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	FILE *fp = w->fp;

	fputc_unlocked('"', fp);
	for (; *p != '\0'; p++) {
		const char *esc;
		char buf[8];

		/* DEL and C1 escaped too: the JSON may go to a terminal. */
		bool c1 = p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;

		if (*p >= 0x20 && *p != 0x7f && !c1 && *p != '"' &&
		    *p != '\\')
			continue;
		fwrite_unlocked(run, 1, (size_t)(p - run), fp);
		if (c1)
			p++;
		run = p + 1;
		switch (*p) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		default:
			snprintf(buf, sizeof(buf), "\\u%04x", *p);
			esc = buf;
		}
		fputs_unlocked(esc, fp);
	}
	fwrite_unlocked(run, 1, (size_t)(p - run), fp);
	fputc_unlocked('"', fp);
}

/* Write a key; the value written next follows it. */
void
jw_key(struct jw *w, const char *key)
{
	jw_pre(w);
	jw_string_raw(w, key);
	fputs(": ", w->fp);
	w->after_key = true;
}

/* Open an object (c is '{') or array ('['), under key when not NULL. */
void
jw_open(struct jw *w, const char *key, char c)
{
	if (key != NULL)
		jw_key(w, key);
	jw_pre(w);
	fputc(c, w->fp);
	w->depth++;
	w->first = true;
}

/* Close the container opened last; c is its closing character. */
void
jw_close(struct jw *w, char c)
{
	w->depth--;
	if (!w->first)
		jw_indent(w);
	fputc(c, w->fp);
	w->first = false;
}

/* A number as report_json_number writes it (key NULL in arrays). */
void
jw_num(struct jw *w, const char *key, double v)
{
	char buf[64];

	if (key != NULL)
		jw_key(w, key);
	jw_pre(w);
	report_json_number(buf, sizeof(buf), v);
	fputs(buf, w->fp);
}

/* An integer. */
void
jw_int(struct jw *w, const char *key, long long v)
{
	if (key != NULL)
		jw_key(w, key);
	jw_pre(w);
	fprintf(w->fp, "%lld", v);
}

/* A literal written as is: null, true, false. */
void
jw_lit(struct jw *w, const char *key, const char *lit)
{
	if (key != NULL)
		jw_key(w, key);
	jw_pre(w);
	fputs(lit, w->fp);
}

/* A string, or null when s is NULL. */
void
jw_str(struct jw *w, const char *key, const char *s)
{
	if (s == NULL) {
		jw_lit(w, key, "null");
		return;
	}
	if (key != NULL)
		jw_key(w, key);
	jw_pre(w);
	jw_string_raw(w, s);
}

/* true or false. */
void
jw_bool(struct jw *w, const char *key, bool b)
{
	jw_lit(w, key, b ? "true" : "false");
}

/* A number, or null when set is false. */
void
jw_num_or_null(struct jw *w, const char *key, bool set, double v)
{
	if (set)
		jw_num(w, key, v);
	else
		jw_lit(w, key, "null");
}

/* A score, or null when it is not set. */
void
jw_opt(struct jw *w, const char *key, struct opt_score s)
{
	jw_num_or_null(w, key, s.set, s.value);
}

/* An array of n strings. */
void
jw_strings(struct jw *w, const char *key, char *const *s, size_t n)
{
	jw_open(w, key, '[');
	for (size_t i = 0; i < n; i++)
		jw_str(w, NULL, s[i]);
	jw_close(w, ']');
}

