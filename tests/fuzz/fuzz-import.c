/*
 * Fuzz socassess import: the XLSX reader and the importer behind it,
 * and the answers writer on whatever imports. An input that starts
 * with "PK" is a workbook as it is (the ZIP layer gets mutated); any
 * other is the parts of a workbook as text, each after a line
 * "== NAME ==", which the harness packs into a ZIP (stored, so
 * mutations reach the XML and not the deflate stream). The seeds are
 * real workbooks in both forms (tests/fuzz/import-seed.*).
 */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "fuzz.h"
#include "socassess/answers-write.h"
#include "socassess/import.h"

#define PART_MARK "== "

/* Add the part starting at text (its "== NAME ==" line) to z. */
static const char *
add_part(zip_t *z, const char *text, const char *end)
{
	const char *name = text + strlen(PART_MARK), *eol, *next, *close;
	char *part;
	zip_source_t *src;
	zip_int64_t i;

	eol = memchr(name, '\n', (size_t)(end - name));
	if (eol == NULL)
		return end;
	next = eol + 1;
	while (next < end && !(next[-1] == '\n' &&
	    strncmp(next, PART_MARK, strlen(PART_MARK)) == 0))
		next++;
	close = eol;
	if (close - name >= 3 && strncmp(close - 3, " ==", 3) == 0)
		close -= 3;
	part = strndup(name, (size_t)(close - name));
	src = zip_source_buffer(z, eol + 1, (zip_uint64_t)(next - eol - 1), 0);
	i = src != NULL ? zip_file_add(z, part, src, ZIP_FL_OVERWRITE) : -1;
	if (i < 0)
		zip_source_free(src);
	else
		zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
	free(part);
	return next;
}

/* The parts of text packed as a ZIP archive, owned; NULL on failure. */
static void *
pack(const char *text, size_t size, size_t *len)
{
	zip_error_t ze;
	zip_source_t *out;
	zip_t *z;
	zip_stat_t st;
	void *buf = NULL;
	const char *p = text, *end = text + size;

	zip_error_init(&ze);
	out = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(out);
	z = zip_open_from_source(out, ZIP_TRUNCATE, &ze);
	if (z == NULL) {
		zip_source_free(out); /* the reference open did not take */
		goto out;
	}
	while (p < end && strncmp(p, PART_MARK, strlen(PART_MARK)) != 0)
		p++;
	while (p < end)
		p = add_part(z, p, end);
	/* text must live until the archive is written. */
	if (zip_close(z) < 0) {
		zip_discard(z);
		goto out;
	}
	if (zip_source_stat(out, &st) == 0 && zip_source_open(out) == 0) {
		buf = malloc(st.size + 1);
		if (zip_source_read(out, buf, st.size) !=
		    (zip_int64_t)st.size) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)st.size;
		zip_source_close(out);
	}
out:
	zip_source_free(out);
	zip_error_fini(&ze);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *cat = fuzz_catalog();
	struct import_request req = { .name = "fuzz.xlsx", .out = "fuzz.yaml",
	    .assessor = NULL };
	struct soc_errors errs;
	char *text = fuzz_text(data, size);
	void *zip = NULL;
	size_t len = size;
	struct xlsx_workbook *wb;
	struct answers *a = NULL;

	if (size < 2 || memcmp(data, "PK", 2) != 0) {
		zip = pack(text, size, &len);
		if (zip == NULL) {
			free(text);
			return 0;
		}
	}
	soc_errors_init(&errs);
	wb = xlsx_workbook_open_data("fuzz.xlsx", zip != NULL ? zip : data,
	    len, &errs);
	if (wb != NULL)
		a = import_workbook(wb, cat, &req, &errs);
	if (a != NULL)
		free(answers_yaml_text(a));
	answers_free(a);
	xlsx_workbook_close(wb);
	soc_errors_release(&errs);
	free(zip);
	free(text);
	return 0;
}
