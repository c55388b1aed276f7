/*
 * Small helpers used everywhere: allocation wrappers that exit on
 * out-of-memory (there is nothing sensible left to do), string helpers,
 * strict number parsing (libcyaml accepts "12abc" as 12, we do not) and
 * reads and writes that move every byte.
 */
#ifndef SOCASSESS_UTIL_H
#define SOCASSESS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "socassess/utf8.h" /* utf8_valid, long used through util.h */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocate or die. The result is owned by the caller. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
/* Duplicate s, or return NULL when s is NULL. */
char *xstrdup_or_null(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse a whole string as a finite double; false on trailing junk. */
bool parse_double(const char *s, double *out);
/* Parse a whole string as a decimal integer in [min, max]. */
bool parse_int(const char *s, long min, long max, long *out);
/* Parse a YAML boolean: true/false only (case-sensitive). */
bool parse_bool(const char *s, bool *out);

/* True when s is non-empty and only holds [A-Za-z0-9._-]. */
bool id_valid(const char *s);
/* True when s is NULL or holds only white space. */
bool str_blank(const char *s);

/*
 * Why s is not a real date written YYYY-MM-DD (year 1900 or later), as
 * words to follow "date 'S' " ("does not exist: February 2026 has 28
 * days"), owned by the caller; NULL when it is one.
 */
char *date_problem(const char *s);
/* True when s is a real date written YYYY-MM-DD. */
bool date_valid(const char *s);

/*
 * Edits (insert, delete, substitute, swap two neighbours) that turn a
 * into b, capped at 9.
 */
size_t str_distance(const char *a, const char *b);
/*
 * The name a mistyped word most likely meant: within one edit of a name
 * of four letters or less, two of a longer one; NULL when none is that
 * close. For "did you mean" hints.
 */
const char *str_closest(const char *word, const char *const *names,
    size_t n);

/*
 * Whole transfers: each retries after a signal (EINTR) and after a
 * short transfer until len bytes have moved; the p variants work at
 * offset off of a file and leave its position alone.
 */
/* Write all of len bytes of buf to fd; 0, or -1 with errno set. */
int full_write(int fd, const void *buf, size_t len);
int full_pwrite(int fd, const void *buf, size_t len, off_t off);
/*
 * Read len bytes from fd into buf; how many were read (fewer than len
 * only at the end of the file or pipe), or -1 with errno set.
 */
ssize_t full_read(int fd, void *buf, size_t len);
ssize_t full_pread(int fd, void *buf, size_t len, off_t off);

/*
 * Format v with at most 10 significant digits in the C locale ("0.5",
 * "3", "1e+20"), never "-0": numbers in answers files and messages.
 * The JSON reports round differently (report_json_number).
 */
void format_number_short(char *buf, size_t size, double v);

/*
 * A 64-bit hash of len bytes, eight at a time: for telling files apart
 * within one build on one machine (it depends on byte order), not
 * against someone who crafts collisions.
 */
uint64_t hash_bytes(const void *data, size_t len);

#endif
