/*
 * Allocation wrappers, strict number parsing, string checks and whole
 * reads and writes shared by every module.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "socassess/util.h"

static void
out_of_memory(void)
{
	fputs("socassess: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory();
	p = realloc(ptr, n != 0 && size != 0 ? n * size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	return s;
}

/*
 * The C locale for numbers: YAML and JSON write "1.5" whatever LC_NUMERIC
 * says (under de_DE, strtod reads "1.5" as 1 and printf writes "1,5").
 * Created once and kept; (locale_t)0 if that fails.
 */
static locale_t
c_numeric(void)
{
	static locale_t loc;

	if (loc == (locale_t)0)
		loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return loc;
}

bool
parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0' || strchr(" \t\n+", *s) != NULL)
		return false;
	/* One digit, as most answer values are: no strtod. */
	if (s[0] >= '0' && s[0] <= '9' && s[1] == '\0') {
		*out = s[0] - '0';
		return true;
	}
	/* Reject hex floats, inf and nan spelled out: only plain decimals. */
	for (const char *p = s; *p != '\0'; p++) {
		if (strchr("0123456789.-eE+", *p) == NULL)
			return false;
	}
	errno = 0;
	v = c_numeric() != (locale_t)0 ? strtod_l(s, &end, c_numeric()) :
	    strtod(s, &end);
	/*
	 * Overflow is refused; a value too small for a double reads as 0
	 * (or the nearest double), as JSON's reader does.
	 */
	if (*end != '\0' || (errno == ERANGE && fabs(v) > 1) || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool
parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0' || strchr(" \t\n+", *s) != NULL)
		return false;
	/* A leading zero would be octal to YAML 1.1 readers: refuse "010". */
	if ((s[0] == '0' && s[1] != '\0') ||
	    (s[0] == '-' && s[1] == '0' && s[2] != '\0'))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
parse_bool(const char *s, bool *out)
{
	if (s != NULL && strcmp(s, "true") == 0) {
		*out = true;
		return true;
	}
	if (s != NULL && strcmp(s, "false") == 0) {
		*out = false;
		return true;
	}
	return false;
}

bool
id_valid(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		    *s == '-'))
			return false;
	}
	return true;
}

bool
str_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++) {
		if (strchr(" \t\r\n", *s) == NULL)
			return false;
	}
	return true;
}

void
format_number_short(char *buf, size_t size, double v)
{
	locale_t old = (locale_t)0;

	if (v == 0)
		v = 0; /* no "-0" */
	if (c_numeric() != (locale_t)0)
		old = uselocale(c_numeric());
	snprintf(buf, size, "%.10g", v);
	if (old != (locale_t)0)
		uselocale(old);
}

/* Days in month m (1-12) of year y, by the Gregorian calendar. */
static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);

	return m == 2 && leap ? 29 : days[m - 1];
}

/* True when s is exactly ten characters shaped NNNN-NN-NN. */
static bool
date_shaped(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	}
	return true;
}

char *
date_problem(const char *s)
{
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	int y, m, d;

	if (!date_shaped(s))
		return xstrdup("must be written YYYY-MM-DD, for example "
		    "2026-03-31");
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900)
		return xstrdup("is before 1900");
	if (m < 1 || m > 12)
		return xasprintf("does not exist: there is no month %02d", m);
	if (d < 1 || d > month_days(y, m))
		return xasprintf("does not exist: %s %d has %d days",
		    months[m - 1], y, month_days(y, m));
	return NULL;
}

bool
date_valid(const char *s)
{
	char *why = date_problem(s);

	free(why);
	return why == NULL;
}

size_t
str_distance(const char *a, const char *b)
{
	enum { CAP = 9, MAX = 64 };
	size_t la = strlen(a), lb = strlen(b);
	size_t d[MAX][MAX];

	if (la >= MAX || lb >= MAX)
		return CAP;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			/* Two letters typed the wrong way round: one edit. */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb] < CAP ? d[la][lb] : CAP;
}

const char *
str_closest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < n; i++) {
		size_t d = str_distance(word, names[i]);

		if (d < best_d && d <= (strlen(names[i]) <= 4 ? 1u : 2u)) {
			best = names[i];
			best_d = d;
		}
	}
	return best;
}

/*
 * Move len bytes between fd and into (a read) or from (a write), at off
 * or at the file position when off < 0; how many moved, or -1.
 */
static ssize_t
transfer(int fd, char *into, const char *from, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		size_t left = len - done;
		off_t at = off + (off_t)done;
		ssize_t n;

		if (into != NULL)
			n = off < 0 ? read(fd, into + done, left) :
			    pread(fd, into + done, left, at);
		else
			n = off < 0 ? write(fd, from + done, left) :
			    pwrite(fd, from + done, left, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

/* A write that moved nothing would never end: it fails as I/O. */
static int
whole_write(int fd, const void *buf, size_t len, off_t off)
{
	ssize_t n = transfer(fd, NULL, buf, len, off);

	if (n < 0)
		return -1;
	if ((size_t)n < len) {
		errno = EIO;
		return -1;
	}
	return 0;
}

int
full_write(int fd, const void *buf, size_t len)
{
	return whole_write(fd, buf, len, -1);
}

int
full_pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return whole_write(fd, buf, len, off);
}

ssize_t
full_read(int fd, void *buf, size_t len)
{
	return transfer(fd, buf, NULL, len, -1);
}

ssize_t
full_pread(int fd, void *buf, size_t len, off_t off)
{
	return transfer(fd, buf, NULL, len, off);
}

/* Multiply, then fold the high half down: every bit reaches every bit. */
static uint64_t
mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 33);
}

uint64_t
hash_bytes(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x9fb21c651e98df25ull;
		h = (h << 29) | (h >> 35);
	}
	w = 0;
	if (len > 0)
		memcpy(&w, p, len);
	return mix64(h ^ w);
}
