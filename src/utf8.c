/*
 * UTF-8 helpers on top of libunistring, which decodes and measures text
 * itself: wcwidth() would depend on the locale and give every non-ASCII
 * character no width under LANG=C.
 */
#include <stdint.h>
#include <string.h>

#include <unistr.h>
#include <uniwidth.h>

#include "socassess/strbuf.h"
#include "socassess/utf8.h"

size_t
utf8_bom_len(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

bool
utf8_valid(const char *s)
{
	return u8_check((const uint8_t *)s, strlen(s)) == NULL;
}

size_t
utf8_char(const char *s, size_t *cols)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t uc;
	int n, w;

	if (*p == '\0') {
		if (cols != NULL)
			*cols = 0;
		return 0;
	}
	n = u8_strmbtouc(&uc, p);
	if (n <= 0) {
		/* Not UTF-8: one byte, one column. */
		if (cols != NULL)
			*cols = 1;
		return 1;
	}
	if (cols != NULL) {
		w = uc_width(uc, "UTF-8");
		*cols = w < 0 ? 1 : (size_t)w;
	}
	return (size_t)n;
}

size_t
utf8_width_n(const char *s, size_t len)
{
	size_t cols = 0, i = 0;

	while (i < len && s[i] != '\0') {
		size_t w, k = utf8_char(s + i, &w);

		if (i + k > len)
			break;
		i += k;
		cols += w;
	}
	return cols;
}

size_t
utf8_width(const char *s)
{
	return utf8_width_n(s, strlen(s));
}

size_t
utf8_cut_bytes(const char *s, size_t max)
{
	size_t i = 0;

	while (s[i] != '\0') {
		size_t k = utf8_char(s + i, NULL);

		if (i + k > max)
			break;
		i += k;
	}
	return i;
}

size_t
utf8_cut_width(const char *s, size_t cols)
{
	size_t i = 0, used = 0;

	while (s[i] != '\0') {
		size_t w, k = utf8_char(s + i, &w);

		if (used + w > cols)
			break;
		i += k;
		used += w;
	}
	return i;
}

size_t
utf8_add_cut(struct strbuf *out, const char *s, size_t cols)
{
	size_t n;

	if (utf8_width(s) <= cols) {
		strbuf_addstr(out, s);
		return utf8_width(s);
	}
	if (cols == 0)
		return 0;
	n = utf8_cut_width(s, cols - 1);
	strbuf_add(out, s, n);
	strbuf_addstr(out, UTF8_ELLIPSIS);
	return utf8_width_n(s, n) + 1;
}

/* Start a new line indented by indent spaces; returns the new column. */
static size_t
new_line(struct strbuf *out, size_t indent)
{
	strbuf_addch(out, '\n');
	strbuf_addchars(out, ' ', indent);
	return indent;
}

size_t
utf8_wrap(struct strbuf *out, const char *s, size_t width, size_t col,
    size_t indent)
{
	size_t start = col;

	while (*s != '\0') {
		size_t n, cols;

		if (*s == '\n') {
			col = start = new_line(out, indent);
			s++;
			continue;
		}
		if (*s == ' ' || *s == '\t' || *s == '\r') {
			s++;
			continue;
		}
		n = strcspn(s, " \t\r\n");
		cols = utf8_width_n(s, n);
		if (col > start && col + 1 + cols > width)
			col = start = new_line(out, indent);
		else if (col > start) {
			strbuf_addch(out, ' ');
			col++;
		}
		/* A word wider than the line: cut it at the edge. */
		while (col + cols > width && n > 0) {
			size_t i = utf8_cut_width(s, width > col ? width - col :
			    0);

			if (i > n)
				i = n;
			if (i == 0)
				i = utf8_char(s, NULL); /* always progress */
			strbuf_add(out, s, i);
			col = start = new_line(out, indent);
			s += i;
			n -= i;
			cols = utf8_width_n(s, n);
		}
		strbuf_add(out, s, n);
		col += cols;
		s += n;
	}
	return col;
}
