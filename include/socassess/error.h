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

/*
 * What kind of problem, for code and tests that act on it (the text is
 * for people). Like jansson's json_error_code; SOC_E_UNSPECIFIED is what
 * soc_errors_add gives, so callers that name no code keep working.
 */
enum soc_error_code {
	SOC_E_UNSPECIFIED = 0,
	SOC_E_OUT_OF_MEMORY,
	SOC_E_IO,               /* cannot open, read or write a file */
	SOC_E_TOO_LARGE,        /* a file over the size cap */
	SOC_E_EMPTY,            /* a file without data */
	SOC_E_SYNTAX,           /* not well-formed YAML or JSON */
	SOC_E_NOT_ALLOWED,      /* aliases, several documents, NUL bytes */
	SOC_E_TOO_DEEP,         /* nesting over the cap */
	SOC_E_DUPLICATE_KEY,
	SOC_E_UNKNOWN_KEY,
	SOC_E_MISSING_FIELD,
	SOC_E_WRONG_TYPE,       /* a list where a value belongs, ... */
	SOC_E_INVALID_VALUE,    /* a value out of its range or format */
	SOC_E_UNKNOWN_NAME,     /* an id that names nothing known */
};

struct soc_error {
	enum soc_severity severity;
	enum soc_error_code code;
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

/* The same with a code saying what kind of problem it is. */
void soc_errors_add_code(struct soc_errors *errs, enum soc_severity sev,
    enum soc_error_code code, const char *path, const struct soc_pos *pos,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Shorthand for an error. */
#define soc_error_at(errs, path, pos, ...) \
	soc_errors_add((errs), SOC_ERROR, (path), (pos), __VA_ARGS__)
#define soc_warning_at(errs, path, pos, ...) \
	soc_errors_add((errs), SOC_WARNING, (path), (pos), __VA_ARGS__)
#define soc_error_code_at(errs, code, path, pos, ...) \
	soc_errors_add_code((errs), SOC_ERROR, (code), (path), (pos), \
	    __VA_ARGS__)

/* Move every item of src to the end of dst; src is left empty. */
void soc_errors_move(struct soc_errors *dst, struct soc_errors *src);

/* Print every item as "socassess: path:line:col: [warning: ]text". */
void soc_errors_print(const struct soc_errors *errs, FILE *fp);

#endif
