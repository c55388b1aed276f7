/*
 * UTF-8 text that needs no locale: validity, display width (East Asian
 * wide characters take 2 columns, combining marks 0), cuts that never
 * split a character, and word wrap. The same rules serve the terminal,
 * the text report and the workbook, whatever LANG says.
 *
 * Bytes that are not valid UTF-8 count as one character of one column
 * each, so broken input still wraps and cuts without reading past its end.
 * Control characters also count one column: a width computed here is
 * never smaller than what a terminal shows.
 */
#ifndef SOCASSESS_UTF8_H
#define SOCASSESS_UTF8_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

/* True when s is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s);
/*
 * The bytes of the byte order mark that starts the len bytes of data
 * (3), or 0: a file's text starts after it.
 */
size_t utf8_bom_len(const char *data, size_t len);

/*
 * The length in bytes of the character at s (0 at the NUL) and, when cols
 * is not NULL, its display width.
 */
size_t utf8_char(const char *s, size_t *cols);

/* Display width of the first len bytes of s (stops early at a NUL). */
size_t utf8_width_n(const char *s, size_t len);
/* Display width of s. */
size_t utf8_width(const char *s);

/* Length of the longest prefix of s of at most max bytes that ends on a
 * character boundary. */
size_t utf8_cut_bytes(const char *s, size_t max);
/* Length in bytes of the longest prefix of s at most cols columns wide. */
size_t utf8_cut_width(const char *s, size_t cols);

/* The mark of text cut short: U+2026, one column wide. */
#define UTF8_ELLIPSIS "\xe2\x80\xa6"
/*
 * Append s to out when it is at most cols columns wide, else its longest
 * prefix of cols - 1 columns and UTF8_ELLIPSIS (nothing when cols is 0).
 * Returns the display width appended.
 */
size_t utf8_add_cut(struct strbuf *out, const char *s, size_t cols);

/*
 * Append s to out wrapped at width columns. The first line starts at
 * column col; each following line starts with indent spaces. Words are
 * separated by blanks; a line break in s starts a new line; a word wider
 * than a line is cut on a character boundary. No newline is added at the
 * end. Returns the column after the last character appended.
 */
size_t utf8_wrap(struct strbuf *out, const char *s, size_t width, size_t col,
    size_t indent);

#endif
