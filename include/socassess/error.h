/*
 * Errors with a place. Modules never print: they add problems to a
 * struct soc_errors and return -1; the command layer prints them as
 * "socassess: FILE:LINE:COL: message". validate collects every problem
 * before failing, so a list rather than a single error.
 */
#ifndef SOCASSESS_ERROR_H
#define SOCASSESS_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum soc_severity { SOC_ERROR, SOC_WARNING };

/* A place in a file; line and column are 1-based, 0 when unknown. */
struct soc_pos {
	unsigned line;
	unsigned column;
};

struct soc_error {
	enum soc_severity severity;
	char *path;     /* file the problem is in, or NULL */
	unsigned line;  /* 1-based; 0 = unknown */
	unsigned column;
	char *text;     /* lowercase, no full stop */
};

struct soc_errors {
	struct soc_error *items;
	size_t n;
	size_t alloc;
	size_t n_errors; /* items with SOC_ERROR severity */
};

/* Embedded-struct lifecycle: start empty, release frees every item. */
void soc_errors_init(struct soc_errors *errs);
void soc_errors_release(struct soc_errors *errs);

/* Add a problem at a place (pos may be NULL). Copies path and text. */
void soc_errors_add(struct soc_errors *errs, enum soc_severity sev,
    const char *path, const struct soc_pos *pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Shorthand for an error. */
#define soc_error_at(errs, path, pos, ...) \
	soc_errors_add((errs), SOC_ERROR, (path), (pos), __VA_ARGS__)
#define soc_warning_at(errs, path, pos, ...) \
	soc_errors_add((errs), SOC_WARNING, (path), (pos), __VA_ARGS__)

/* Move every item of src to the end of dst; src is left empty. */
void soc_errors_move(struct soc_errors *dst, struct soc_errors *src);

/* Print every item as "socassess: path:line:col: [warning: ]text". */
void soc_errors_print(const struct soc_errors *errs, FILE *fp);

#endif
