/*
 * The streaming JSON writer of json-writer.h: separators, indentation
 * and escapes, so that every JSON document of socassess has one layout.
 * Reports of a batch are mostly this writer's work: text is gathered
 * in the writer's own buffer and numbers are made without printf.
 */
#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "socassess/json-writer.h"
#include "socassess/report.h"
#include "socassess/util.h"

void
jw_init(struct jw *w, FILE *fp)
{
	jw_init_buffer(w, fp, w->own, sizeof(w->own));
}

void
jw_init_buffer(struct jw *w, FILE *fp, char *buf, size_t size)
{
	assert(size >= JW_BUFFER_MIN);
	w->buf = buf;
	w->cap = size;
	w->fp = fp;
	w->depth = 0;
	w->first = false;
	w->after_key = false;
	w->n = 0;
}

void
jw_init_memory(struct jw *w, char *buf, size_t size)
{
	if (size < JW_BUFFER_MIN) {
		size = JW_BUFFER;
		buf = xreallocarray(buf, size, 1);
	}
	jw_init_buffer(w, NULL, buf, size);
}

char *
jw_take(struct jw *w, size_t *len, size_t *size)
{
	assert(w->fp == NULL);
	*len = w->n;
	*size = w->cap;
	return w->buf;
}

void
jw_flush(struct jw *w)
{
	/* In memory the text stays until jw_take. */
	if (w->fp == NULL)
		return;
	if (w->n > 0)
		fwrite_unlocked(w->buf, 1, w->n, w->fp);
	w->n = 0;
}

/*
 * Room for need more bytes: a writer on a stream hands its text over,
 * one in memory grows its buffer.
 */
static void
make_room(struct jw *w, size_t need)
{
	if (w->fp != NULL) {
		jw_flush(w);
		return;
	}
	while (w->cap - w->n < need)
		w->cap *= 2;
	w->buf = xreallocarray(w->buf, w->cap, 1);
}

static void
put(struct jw *w, const void *p, size_t n)
{
	if (n > w->cap - w->n) {
		make_room(w, n);
		/* Longer than a stream writer's whole buffer: straight on. */
		if (n > w->cap - w->n) {
			fwrite_unlocked(p, 1, n, w->fp);
			return;
		}
	}
	memcpy(w->buf + w->n, p, n);
	w->n += n;
}

static void
put_char(struct jw *w, char c)
{
	if (w->n == w->cap)
		make_room(w, 1);
	w->buf[w->n++] = c;
}

/* A new line and the indentation of the depth, up to 64 spaces. */
static const char newline_indent[] = "\n                                "
    "                                ";

/* How many bytes of newline_indent the writer's depth takes. */
static size_t
indent_len(const struct jw *w)
{
	size_t n = 1 + 2 * (size_t)w->depth;

	return n < sizeof(newline_indent) - 1 ? n :
	    sizeof(newline_indent) - 1;
}

static void
jw_indent(struct jw *w)
{
	put(w, newline_indent, indent_len(w));
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
			put_char(w, ',');
		jw_indent(w);
	}
	w->first = false;
}

/* The escape of byte c (a control character, '"' or '\\') into buf. */
static size_t
escape(char *buf, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	buf[0] = '\\';
	switch (c) {
	case '"':
	case '\\':
		buf[1] = (char)c;
		return 2;
	case '\n':
		buf[1] = 'n';
		return 2;
	case '\r':
		buf[1] = 'r';
		return 2;
	case '\t':
		buf[1] = 't';
		return 2;
	default:
		memcpy(buf + 1, "u00", 3);
		buf[4] = hex[c >> 4];
		buf[5] = hex[c & 15];
		return 6;
	}
}

#define ROW16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
/*
 * The bytes that stop the copy of a string: its end, what JSON escapes
 * (controls, '"', '\\'), DEL, and 0xc2, which starts a C1 control.
 * One look-up a byte keeps the common run of plain text cheap.
 */
static const unsigned char stops[256] = {
	ROW16(1), ROW16(1),
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,         /* '"' */
	ROW16(0), ROW16(0),
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,         /* '\\' */
	ROW16(0),
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,         /* DEL */
	ROW16(0), ROW16(0), ROW16(0), ROW16(0),
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,         /* 0xc2 */
	ROW16(0), ROW16(0), ROW16(0),
};

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The high bit of each byte of v that is zero, and maybe of later ones. */
static inline uint64_t
zero_bytes(uint64_t v)
{
	return (v - ONES) & ~v & HIGHS;
}

/*
 * True when none of the 8 bytes of v may need an escape: all are ASCII
 * (0xc2, which may start a C1 control, is not), none a control, DEL,
 * '"' or '\\'. One expression, no branch: the classic tests for a zero
 * byte and for a byte below 0x20, which never miss one.
 */
static inline bool
plain_word(uint64_t v)
{
	return ((v | ((v - ONES * 0x20) & ~v)) & HIGHS) == 0 &&
	    (zero_bytes(v ^ (ONES * '"')) | zero_bytes(v ^ (ONES * '\\')) |
	    zero_bytes(v ^ (ONES * 0x7f))) == 0;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* The bytes at p, at p + 16, ... a whole block at a time while plain. */
static const unsigned char *
skip_plain(const unsigned char *p, const unsigned char *end)
{
	const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"');
	const __m128i backslash = _mm_set1_epi8('\\');
	const __m128i del = _mm_set1_epi8(0x7f);

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* Signed: bytes of 0x80 and above are below 0x20 too. */
		__m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v,
		    space), _mm_cmpeq_epi8(v, quote)), _mm_or_si128(
		    _mm_cmpeq_epi8(v, backslash), _mm_cmpeq_epi8(v, del)));

		if (_mm_movemask_epi8(stop) != 0)
			break;
		p += 16;
	}
	return p;
}
#else
/* True when none of the 8 bytes at p stops the copy. */
static bool
plain8(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return plain_word(v);
}

/* The bytes at p, at p + 8, ... a whole block at a time while plain. */
static const unsigned char *
skip_plain(const unsigned char *p, const unsigned char *end)
{
	while (end - p >= 8 && plain8(p))
		p += 8;
	return p;
}
#endif

static void
jw_string_raw(struct jw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	const unsigned char *end = p + strlen(s);
	char buf[8];

	put_char(w, '"');
	for (;; p++) {
		/* Blocks of plain text at a time, then one byte. */
		p = skip_plain(p, end);
		while (!stops[*p])
			p++;
		if (*p == '\0')
			break;
		/* DEL and C1 escaped too: the JSON may go to a terminal. */
		if (*p == 0xc2) {
			if (p[1] < 0x80 || p[1] > 0x9f)
				continue;
			put(w, run, (size_t)(p - run));
			p++;
		} else
			put(w, run, (size_t)(p - run));
		run = p + 1;
		put(w, buf, escape(buf, *p));
	}
	put(w, run, (size_t)(p - run));
	put_char(w, '"');
}

/*
 * Copy a key of len bytes to o if it is plain, and say whether it was.
 * Eight bytes a step, the last step overlapping the one before; 4 to 7
 * bytes as two words of four that may overlap. Keys are mostly 2 to 13
 * bytes long, so a byte a step cost a fifth of a report's writing. A
 * key with a byte from 0x80 (UTF-8) takes the general way, which writes
 * the same bytes when none is a C1 control.
 */
static bool
copy_plain_key(char *o, const char *key, size_t len)
{
	uint64_t v;
	uint32_t a, b;

	if (len < 4) {
		for (size_t i = 0; i < len; i++) {
			if (stops[(unsigned char)key[i]])
				return false;
			o[i] = key[i];
		}
		return true;
	}
	if (len < 8) {
		memcpy(&a, key, 4);
		memcpy(&b, key + len - 4, 4);
		if (!plain_word(a | (uint64_t)b << 32))
			return false;
		memcpy(o, &a, 4);
		memcpy(o + len - 4, &b, 4);
		return true;
	}
	for (size_t i = 0; i + 8 < len; i += 8) {
		memcpy(&v, key + i, 8);
		if (!plain_word(v))
			return false;
		memcpy(o + i, &v, 8);
	}
	memcpy(&v, key + len - 8, 8);
	if (!plain_word(v))
		return false;
	memcpy(o + len - 8, &v, 8);
	return true;
}

/*
 * Write a key; the value written next follows it. A plain key goes in
 * with its separator and indentation at once, checked as it is copied;
 * one that needs an escape (or is long) takes the general way. The
 * indentation is copied whole (its cap) and cut by where the key goes.
 */
void
jw_key_n(struct jw *w, const char *key, size_t len)
{
	char *o;

	if (w->after_key || w->depth == 0 || len > 256)
		goto general;
	/* ',' '\n' indent '"' key '"' ':' ' ' */
	if (w->n + sizeof(newline_indent) + len + 5 > w->cap)
		make_room(w, sizeof(newline_indent) + len + 5);
	o = w->buf + w->n;
	if (!w->first)
		*o++ = ',';
	memcpy(o, newline_indent, sizeof(newline_indent) - 1);
	o += indent_len(w);
	*o++ = '"';
	/* Nothing is kept until the whole key is known plain. */
	if (!copy_plain_key(o, key, len))
		goto general;
	memcpy(o + len, "\": ", 3);
	w->n = (size_t)(o + len + 3 - w->buf);
	w->first = false;
	w->after_key = true;
	return;
general:
	jw_pre(w);
	jw_string_raw(w, key);
	put(w, ": ", 2);
	w->after_key = true;
}

/* Open an object (c is '{') or array ('['). */
void
jw_open_value(struct jw *w, char c)
{
	jw_pre(w);
	put_char(w, c);
	w->depth++;
	w->first = true;
}

static void
close_container(struct jw *w, char c)
{
	w->depth--;
	if (!w->first)
		jw_indent(w);
	put_char(w, c);
	w->first = false;
}

/* Close the container opened last; c is its closing character. */
void
jw_close(struct jw *w, char c)
{
	close_container(w, c);
	if (w->depth == 0)
		jw_flush(w);
}

void
jw_end(struct jw *w, char c)
{
	close_container(w, c);
	put_char(w, '\n');
	jw_flush(w);
}

/* The decimal digits of u, ending at end; returns where they start. */
static char *
digits(char *end, unsigned long long u)
{
	do {
		*--end = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	return end;
}

/* The text from p to end, a sign before it if negative, into buf. */
static size_t
copy_out(char *buf, char *p, const char *end, bool negative)
{
	size_t n;

	if (negative)
		*--p = '-';
	n = (size_t)(end - p);
	memcpy(buf, p, n);
	buf[n] = '\0';
	return n;
}

/* An integer's text into buf (32 bytes); returns its length. */
static size_t
format_integer(char *buf, long long v)
{
	char tmp[32], *end = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v :
	    (unsigned long long)v;

	return copy_out(buf, digits(end, u), end, v < 0);
}

/*
 * report_json_number rounds v to k / 1e9 (k = round(v * 1e9)) and prints
 * it with "%.0f" when whole, else "%.15g". For 1e-4 <= |v| < 1e6, 15
 * significant digits hold all nine decimals of k, and the double is far
 * closer to k / 1e9 than half a unit of the last digit, so "%.15g" shows
 * exactly k's digits with trailing zeros dropped: made here from k. Other
 * values (exponents, huge numbers, NaN) are left to printf.
 */
size_t
jw_format_number(char *buf, double v)
{
	double k = round(v * 1e9), r = k / 1e9;
	unsigned long long u, whole, frac;
	char tmp[48], *end = tmp + sizeof(tmp), *p = end;

	if (isfinite(k) && fabs(k) < 1e15 && (k == 0 || fabs(k) >= 1e5)) {
		u = (unsigned long long)fabs(k);
		whole = u / 1000000000u;
		frac = u % 1000000000u;
		if (frac != 0) {
			int i = 9;

			while (frac % 10 == 0) {
				frac /= 10;
				i--;
			}
			while (i-- > 0) {
				*--p = (char)('0' + frac % 10);
				frac /= 10;
			}
			*--p = '.';
		}
		return copy_out(buf, digits(p, whole), end, k < 0);
	}
	if (isfinite(r) && r == floor(r) && fabs(r) < 1e15)
		return format_integer(buf, (long long)r);
	report_json_number(buf, 48, v);
	return strlen(buf);
}

/* A number as report_json_number writes it. */
void
jw_num_value(struct jw *w, double v)
{
	char buf[48];

	jw_pre(w);
	put(w, buf, jw_format_number(buf, v));
}

/* An integer. */
void
jw_int_value(struct jw *w, long long v)
{
	char buf[32];

	jw_pre(w);
	put(w, buf, format_integer(buf, v));
}

/* A literal written as is: null, true, false. */
void
jw_lit_value(struct jw *w, const char *lit)
{
	jw_pre(w);
	put(w, lit, strlen(lit));
}

/* A string. */
void
jw_escaped_value(struct jw *w, const char *text, size_t len)
{
	jw_pre(w);
	put(w, text, len);
}

void
jw_str_value(struct jw *w, const char *s)
{
	jw_pre(w);
	jw_string_raw(w, s);
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
