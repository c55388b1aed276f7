/*
 * The list of problems found while loading and checking files.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/error.h"
#include "socassess/term.h"
#include "socassess/util.h"

void
soc_errors_init(struct soc_errors *errs)
{
	memset(errs, 0, sizeof(*errs));
}

void
soc_errors_release(struct soc_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		free(errs->items[i].path);
		free(errs->items[i].text);
	}
	free(errs->items);
	soc_errors_init(errs);
}

static void
push(struct soc_errors *errs, struct soc_error *e)
{
	if (errs->n == errs->alloc) {
		errs->alloc = errs->alloc ? errs->alloc * 2 : 8;
		errs->items = xreallocarray(errs->items, errs->alloc,
		    sizeof(*errs->items));
	}
	errs->items[errs->n++] = *e;
	if (e->severity == SOC_ERROR)
		errs->n_errors++;
}

static void
add_v(struct soc_errors *errs, enum soc_severity sev,
    enum soc_error_code code, const char *path, const struct soc_pos *pos,
    const char *fmt, va_list ap)
{
	struct soc_error e = { .severity = sev, .code = code };

	e.path = xstrdup_or_null(path);
	if (pos != NULL) {
		e.line = pos->line;
		e.column = pos->column;
	}
	if (vasprintf(&e.text, fmt, ap) < 0)
		e.text = xstrdup("out of memory while reporting an error");
	push(errs, &e);
}

void
soc_errors_add(struct soc_errors *errs, enum soc_severity sev,
    const char *path, const struct soc_pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_v(errs, sev, SOC_E_UNSPECIFIED, path, pos, fmt, ap);
	va_end(ap);
}

void
soc_errors_add_code(struct soc_errors *errs, enum soc_severity sev,
    enum soc_error_code code, const char *path, const struct soc_pos *pos,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_v(errs, sev, code, path, pos, fmt, ap);
	va_end(ap);
}

void
soc_errors_move(struct soc_errors *dst, struct soc_errors *src)
{
	for (size_t i = 0; i < src->n; i++)
		push(dst, &src->items[i]);
	free(src->items);
	soc_errors_init(src);
}

void
soc_errors_print(const struct soc_errors *errs, FILE *fp)
{
	for (size_t i = 0; i < errs->n; i++) {
		const struct soc_error *e = &errs->items[i];

		fputs("socassess: ", fp);
		if (e->path != NULL) {
			term_write(fp, e->path, false);
			if (e->line > 0)
				fprintf(fp, ":%u:%u", e->line, e->column);
			fputs(": ", fp);
		}
		if (e->severity == SOC_WARNING)
			fputs("warning: ", fp);
		term_write(fp, e->text, false);
		fputc('\n', fp);
	}
}
