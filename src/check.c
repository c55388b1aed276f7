/*
 * Semantic check helpers: places for node paths and strict values.
 */
#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/check.h"
#include "socassess/model.h"
#include "socassess/util.h"

/* Append the n bytes at s to the node path being made at *at. */
static void
node_add(struct checker *ck, size_t *at, const char *s, size_t n)
{
	size_t room = sizeof(ck->node) - 1 - *at;

	n = n < room ? n : room;
	memcpy(ck->node + *at, s, n);
	*at += n;
}

/*
 * The paths are made for every answer of every file of a batch, and
 * their formats hold only %u and %s: those are done here, faster than
 * printf; anything else goes to printf. Cut as vsnprintf cuts.
 */
const char *
ck_node(struct checker *ck, const char *fmt, ...)
{
	va_list ap, again;
	size_t at = 0;

	va_start(ap, fmt);
	va_copy(again, ap);
	for (const char *f = fmt; *f != '\0'; f += 2) {
		const char *pct = strchrnul(f, '%');
		char num[16], *end = num + sizeof(num), *d = end;
		unsigned u;

		node_add(ck, &at, f, (size_t)(pct - f));
		f = pct;
		if (*f == '\0')
			break;
		if (f[1] == 's') {
			const char *str = va_arg(ap, const char *);

			node_add(ck, &at, str, strlen(str));
		} else if (f[1] == 'u') {
			u = va_arg(ap, unsigned);
			do {
				*--d = (char)('0' + u % 10);
				u /= 10;
			} while (u > 0);
			node_add(ck, &at, d, (size_t)(end - d));
		} else {
			vsnprintf(ck->node, sizeof(ck->node), fmt, again);
			at = strlen(ck->node);
			break;
		}
	}
	ck->node[at] = '\0';
	va_end(again);
	va_end(ap);
	return ck->node;
}

/*
 * Report at node's place, or at the key naming it when at_key, or at
 * needle inside its text when needle is not NULL and found there.
 */
static void
vreport(struct checker *ck, enum soc_severity sev, const char *node,
    bool at_key, const char *needle, const char *fmt, va_list ap)
{
	struct soc_pos pos;
	bool placed;
	char *text;

	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	placed = needle != NULL && yaml_positions_find_in(ck->pos, node,
	    ck->data, ck->len, needle, &pos);
	if (!placed)
		placed = at_key && yaml_positions_find_key(ck->pos, node, &pos);
	if (!placed)
		placed = yaml_positions_nearest(ck->pos, node, &pos);
	soc_errors_add(ck->errs, sev, ck->path, placed ? &pos : NULL, "%s",
	    text != NULL ? text : "out of memory");
	free(text);
}

void
ck_error(struct checker *ck, const char *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ck, SOC_ERROR, node, false, NULL, fmt, ap);
	va_end(ap);
}

void
ck_warning(struct checker *ck, const char *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ck, SOC_WARNING, node, false, NULL, fmt, ap);
	va_end(ap);
}

void
ck_key_error(struct checker *ck, const char *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ck, SOC_ERROR, node, true, NULL, fmt, ap);
	va_end(ap);
}

void
ck_error_in(struct checker *ck, const char *node, const char *needle,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(ck, SOC_ERROR, node, false, needle, fmt, ap);
	va_end(ap);
}

void
ck_duplicate(struct checker *ck, const char *what, const char *value,
    const char *first_fmt, ...)
{
	char first[256];
	struct soc_pos p;
	va_list ap;

	va_start(ap, first_fmt);
	vsnprintf(first, sizeof(first), first_fmt, ap);
	va_end(ap);
	if (yaml_positions_find(ck->pos, first, &p))
		ck_error(ck, ck->node, "duplicate %s '%s' (first on line %u)",
		    what, value, p.line);
	else
		ck_error(ck, ck->node, "duplicate %s '%s'", what, value);
}

bool
ck_number(struct checker *ck, const char *node, const char *what,
    const char *s, double min, double max, double dflt, double *out)
{
	double v;
	char lo[32], hi[32];

	if (s == NULL) {
		*out = dflt;
		return true;
	}
	if (parse_double(s, &v) && v >= min && v <= max) {
		*out = v;
		return true;
	}
	format_number_short(lo, sizeof(lo), min);
	format_number_short(hi, sizeof(hi), max);
	if (max >= DBL_MAX)
		ck_error(ck, node, "%s '%s' must be a number >= %s", what, s,
		    lo);
	else
		ck_error(ck, node, "%s '%s' must be a number from %s to %s",
		    what, s, lo, hi);
	*out = dflt;
	return false;
}

bool
ck_int(struct checker *ck, const char *node, const char *what,
    const char *s, long min, long max, long dflt, long *out)
{
	long v;

	if (s == NULL) {
		*out = dflt;
		return true;
	}
	if (parse_int(s, min, max, &v)) {
		*out = v;
		return true;
	}
	ck_error(ck, node, "%s '%s' must be a whole number from %ld to %ld",
	    what, s, min, max);
	*out = dflt;
	return false;
}

bool
ck_text(struct checker *ck, const char *node, const char *what,
    const char *s)
{
	if (str_blank(s)) {
		ck_error(ck, node, "%s must not be empty", what);
		return false;
	}
	if (!utf8_valid(s)) {
		ck_error(ck, node, "%s is not valid UTF-8", what);
		return false;
	}
	return true;
}

bool
ck_id(struct checker *ck, const char *node, const char *what,
    const char *s)
{
	if (!id_valid(s)) {
		ck_error(ck, node,
		    "%s '%s' must only hold letters, digits, '.', '_' and '-'",
		    what, s != NULL ? s : "");
		return false;
	}
	return true;
}

static bool
is_upper2(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

bool
csf_tag_valid(const char *tag)
{
	bool known = false;
	size_t n = strlen(tag);

	if (n != 2 && n != 5 && n != 8)
		return false;
	for (size_t i = 0; i < CSF_FUNCTIONS; i++)
		known |= strncmp(tag, csf_function_codes[i], 2) == 0;
	if (!known)
		return false;
	if (n >= 5 && (tag[2] != '.' || !is_upper2(tag + 3)))
		return false;
	if (n == 8 && (tag[5] != '-' || tag[6] < '0' || tag[6] > '9' ||
	    tag[7] < '0' || tag[7] > '9'))
		return false;
	return true;
}

bool
ck_csf(struct checker *ck, const char *node, const char *s)
{
	if (s == NULL || !csf_tag_valid(s)) {
		ck_error(ck, node,
		    "'%s' is not a NIST CSF 2.0 tag (like DE, DE.CM or DE.CM-01)",
		    s != NULL ? s : "");
		return false;
	}
	return true;
}
