/*
 * Reading cells out of an XLSX workbook: libzip for the container,
 * libxml2's xmlTextReader for the parts (docs/reading-xlsx.md).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "socassess/strbuf.h"
#include "socassess/util.h"
#include "socassess/xlsx-read.h"

/* The relationship namespaces of transitional and strict OOXML. */
static const char *const rel_namespaces[] = {
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	"http://purl.oclc.org/ooxml/officeDocument/relationships",
};

struct xlsx_workbook {
	char *path;
	zip_t *zip;
	size_t total;          /* bytes inflated so far */
	char **sheet_names;
	char **sheet_parts;    /* ZIP entry of each sheet */
	size_t n_sheets;
	char **strings;        /* shared strings */
	size_t n_strings;
	bool date1904;
};

/*
 * array (of n items of size bytes) with room for one more: its capacity
 * doubles at each power of two, so a million shared strings or cells
 * cost twenty copies, not a million (an allocator such as ASan's copies
 * on every realloc). The capacity follows from n alone.
 */
static void *
grow(void *array, size_t n, size_t size)
{
	if (n >= 16 && (n & (n - 1)) != 0)
		return array;
	return xreallocarray(array, n < 16 ? 16 : 2 * n, size);
}

/* A part read whole, or NULL with an error; *len gets its size. */
static char *
read_part(struct xlsx_workbook *wb, const char *name, size_t *len,
    struct soc_errors *errs)
{
	zip_int64_t i = zip_name_locate(wb->zip, name, ZIP_FL_NOCASE);
	zip_stat_t st;
	zip_file_t *f;
	char *buf, extra;
	zip_int64_t got;
	bool bad;

	if (i < 0 || zip_stat_index(wb->zip, (zip_uint64_t)i, 0, &st) < 0 ||
	    !(st.valid & ZIP_STAT_SIZE)) {
		soc_error_at(errs, wb->path, NULL, "not a workbook: no part "
		    "'%s'", name);
		return NULL;
	}
	if (st.size > XLSX_READ_MAX_PART ||
	    wb->total + st.size > XLSX_READ_MAX_TOTAL) {
		soc_error_at(errs, wb->path, NULL, "part '%s' is too large "
		    "(%llu bytes inflated; at most %u a part, %u in all)", name,
		    (unsigned long long)st.size, XLSX_READ_MAX_PART,
		    XLSX_READ_MAX_TOTAL);
		return NULL;
	}
	f = zip_fopen_index(wb->zip, (zip_uint64_t)i, 0);
	buf = xmalloc((size_t)st.size + 1);
	got = f != NULL ? zip_fread(f, buf, st.size) : -1;
	/* The size in the directory must be the real one: not a byte more. */
	bad = got != (zip_int64_t)st.size || zip_fread(f, &extra, 1) != 0;
	/* Closed whatever happened (a short read left it open: a leak). */
	if ((f != NULL && zip_fclose(f) != 0) || bad) {
		soc_error_at(errs, wb->path, NULL, "part '%s' cannot be read "
		    "(a damaged or unusual ZIP file)", name);
		free(buf);
		return NULL;
	}
	buf[st.size] = '\0';
	wb->total += st.size;
	*len = (size_t)st.size;
	return buf;
}

/* An XML reader on a part, or NULL with an error. */
static xmlTextReaderPtr
open_xml(struct xlsx_workbook *wb, const char *name, char **buf,
    struct soc_errors *errs)
{
	size_t len;
	xmlTextReaderPtr r;

	*buf = read_part(wb, name, &len, errs);
	if (*buf == NULL)
		return NULL;
	r = xmlReaderForMemory(*buf, (int)len, name, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (r == NULL) {
		soc_error_at(errs, wb->path, NULL, "part '%s' cannot be "
		    "parsed", name);
		free(*buf);
		*buf = NULL;
	}
	return r;
}

/* Close what open_xml opened; -1 with an error when it was not XML. */
static int
close_xml(struct xlsx_workbook *wb, xmlTextReaderPtr r, char *buf, int rc,
    const char *name, struct soc_errors *errs)
{
	if (rc < 0)
		soc_error_at(errs, wb->path, NULL, "part '%s' is not "
		    "well-formed XML", name);
	xmlFreeTextReader(r);
	free(buf);
	return rc < 0 ? -1 : 0;
}

static bool
is_element(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	    strcmp((const char *)xmlTextReaderConstLocalName(r), local) == 0;
}

static bool
is_end(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	    strcmp((const char *)xmlTextReaderConstLocalName(r), local) == 0;
}

/* An attribute as a string owned by the caller, or NULL. */
static char *
attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
	char *s = v != NULL ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* The relationship id attribute (r:id) of the current element. */
static char *
rel_id(xmlTextReaderPtr r)
{
	for (size_t i = 0; i < ARRAY_SIZE(rel_namespaces); i++) {
		xmlChar *v = xmlTextReaderGetAttributeNs(r,
		    (const xmlChar *)"id", (const xmlChar *)rel_namespaces[i]);

		if (v != NULL) {
			char *s = xstrdup((const char *)v);

			xmlFree(v);
			return s;
		}
	}
	return NULL;
}

/* The value of hex digit c, or -1. */
static int
hex_value(char c)
{
	const char *digits = "0123456789abcdef", *d;

	if (c >= 'A' && c <= 'F')
		c = (char)(c - 'A' + 'a');
	d = c != '\0' ? strchr(digits, c) : NULL;
	return d != NULL ? (int)(d - digits) : -1;
}

/*
 * The character an escape "_xHHHH_" at s stands for, 0 when s is none
 * (or would be NUL or half of a UTF-16 pair: those stay as written).
 */
static unsigned
xstring_escape(const char *s)
{
	unsigned code = 0;

	if (s[0] != '_' || s[1] != 'x')
		return 0;
	/* Digit by digit: the text may end anywhere, and a NUL is none. */
	for (int i = 2; i < 6; i++) {
		int v = hex_value(s[i]);

		if (v < 0)
			return 0;
		code = code * 16 + (unsigned)v;
	}
	if (s[6] != '_' || (code >= 0xd800 && code <= 0xdfff))
		return 0;
	return code;
}

/*
 * Append text to sb with the escapes of OOXML strings (ST_Xstring)
 * decoded: Excel writes a carriage return as "_x000D_" and a typed
 * "_x" as "_x005F_x"; LibreOffice reads and writes them the same way.
 */
static void
add_xstring(struct strbuf *sb, const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		unsigned c = xstring_escape(p);

		if (c == 0) {
			strbuf_addch(sb, *p);
		} else if (c < 0x80) {
			strbuf_addch(sb, (int)c);
			p += 6;
		} else if (c < 0x800) {
			strbuf_addch(sb, (int)(0xc0 | c >> 6));
			strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
			p += 6;
		} else {
			strbuf_addch(sb, (int)(0xe0 | c >> 12));
			strbuf_addch(sb, (int)(0x80 | (c >> 6 & 0x3f)));
			strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
			p += 6;
		}
	}
}

/* Append the text of the current element to sb, escapes decoded. */
static void
add_text(xmlTextReaderPtr r, struct strbuf *sb)
{
	xmlChar *t = xmlTextReaderReadString(r);

	if (t != NULL)
		add_xstring(sb, (const char *)t);
	xmlFree(t);
}

/* A part name from a relationship target, relative to folder base. */
static char *
resolve_target(const char *base, const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	while (strncmp(target, "./", 2) == 0)
		target += 2;
	return xasprintf("%s%s", base, target);
}

/* One relationship of a .rels part. */
struct rel {
	char *id, *type, *target;
};

static void
rels_free(struct rel *rels, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rels[i].id);
		free(rels[i].type);
		free(rels[i].target);
	}
	free(rels);
}

/* The relationships of part name (a .rels file); -1 with an error. */
static int
read_rels(struct xlsx_workbook *wb, const char *name, struct rel **out,
    size_t *n, struct soc_errors *errs)
{
	char *buf;
	xmlTextReaderPtr r = open_xml(wb, name, &buf, errs);
	int rc;

	*out = NULL;
	*n = 0;
	if (r == NULL)
		return -1;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		struct rel one;

		if (!is_element(r, "Relationship") ||
		    *n >= XLSX_READ_MAX_ENTRIES)
			continue;
		one = (struct rel){ attr(r, "Id"), attr(r, "Type"),
		    attr(r, "Target") };
		if (one.id == NULL || one.type == NULL || one.target == NULL) {
			free(one.id);
			free(one.type);
			free(one.target);
			continue;
		}
		*out = grow(*out, *n, sizeof(**out));
		(*out)[(*n)++] = one;
	}
	if (close_xml(wb, r, buf, rc, name, errs) == 0)
		return 0;
	/* Broken after some relationships: the caller gets none. */
	rels_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

/* The target of the relationship whose type ends with suffix, or NULL. */
static const struct rel *
rel_of_type(const struct rel *rels, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	for (size_t i = 0; i < n; i++) {
		size_t t = strlen(rels[i].type);

		if (t >= k && strcmp(rels[i].type + t - k, suffix) == 0)
			return &rels[i];
	}
	return NULL;
}

static const struct rel *
rel_by_id(const struct rel *rels, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rels[i].id, id) == 0)
			return &rels[i];
	}
	return NULL;
}

/* xl/workbook.xml: the sheets by name, and the date system. */
static int
read_workbook_part(struct xlsx_workbook *wb, const char *name,
    const struct rel *rels, size_t n_rels, const char *base,
    struct soc_errors *errs)
{
	char *buf;
	xmlTextReaderPtr r = open_xml(wb, name, &buf, errs);
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (is_element(r, "workbookPr")) {
			char *d = attr(r, "date1904");

			wb->date1904 = d != NULL && (strcmp(d, "1") == 0 ||
			    strcmp(d, "true") == 0);
			free(d);
		} else if (is_element(r, "sheet") &&
		    wb->n_sheets < XLSX_READ_MAX_ENTRIES) {
			char *sheet = attr(r, "name"), *id = rel_id(r);
			const struct rel *rel = id != NULL ?
			    rel_by_id(rels, n_rels, id) : NULL;

			if (sheet != NULL && rel != NULL) {
				size_t k = wb->n_sheets++;

				wb->sheet_names = grow(wb->sheet_names, k,
				    sizeof(char *));
				wb->sheet_parts = grow(wb->sheet_parts, k,
				    sizeof(char *));
				wb->sheet_names[k] = sheet;
				wb->sheet_parts[k] = resolve_target(base,
				    rel->target);
			} else
				free(sheet);
			free(id);
		}
	}
	return close_xml(wb, r, buf, rc, name, errs);
}

/* xl/sharedStrings.xml: each <si>, its runs joined, phonetics left out. */
static int
read_shared_strings(struct xlsx_workbook *wb, const char *name,
    struct soc_errors *errs)
{
	char *buf;
	xmlTextReaderPtr r = open_xml(wb, name, &buf, errs);
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (r == NULL)
		return -1;
	rc = xmlTextReaderRead(r);
	while (rc == 1) {
		if (is_element(r, "rPh")) {
			rc = xmlTextReaderNext(r);
			continue;
		}
		if (is_element(r, "t"))
			add_text(r, &sb);
		else if (is_end(r, "si") || (is_element(r, "si") &&
		    xmlTextReaderIsEmptyElement(r))) {
			if (wb->n_strings >= XLSX_READ_MAX_STRINGS) {
				soc_error_at(errs, wb->path, NULL, "more than "
				    "%u shared strings", XLSX_READ_MAX_STRINGS);
				break;
			}
			wb->strings = grow(wb->strings, wb->n_strings,
			    sizeof(char *));
			wb->strings[wb->n_strings++] =
			    strbuf_detach(&sb, NULL);
		}
		rc = xmlTextReaderRead(r);
	}
	strbuf_release(&sb);
	if (rc == 1) {
		close_xml(wb, r, buf, 0, name, errs);
		return -1;
	}
	return close_xml(wb, r, buf, rc, name, errs);
}

/* The workbook part, its relationships, sheets and shared strings. */
static int
read_structure(struct xlsx_workbook *wb, struct soc_errors *errs)
{
	struct rel *top, *rels = NULL;
	size_t n_top, n_rels = 0;
	const struct rel *doc, *sst;
	char *part = NULL, *base = NULL, *rels_name = NULL, *slash;
	int rc = -1;

	if (read_rels(wb, "_rels/.rels", &top, &n_top, errs) < 0)
		return -1;
	doc = rel_of_type(top, n_top, "/officeDocument");
	if (doc == NULL) {
		soc_error_at(errs, wb->path, NULL, "not a workbook: no "
		    "office document in '_rels/.rels'");
		goto out;
	}
	part = resolve_target("", doc->target);
	slash = strrchr(part, '/');
	base = xasprintf("%.*s", slash != NULL ? (int)(slash - part + 1) : 0,
	    part);
	rels_name = xasprintf("%s_rels/%s.rels", base, slash != NULL ?
	    slash + 1 : part);
	if (read_rels(wb, rels_name, &rels, &n_rels, errs) < 0 ||
	    read_workbook_part(wb, part, rels, n_rels, base, errs) < 0)
		goto out;
	sst = rel_of_type(rels, n_rels, "/sharedStrings");
	rc = 0;
	if (sst != NULL) {
		char *name = resolve_target(base, sst->target);

		rc = read_shared_strings(wb, name, errs);
		free(name);
	}
out:
	rels_free(top, n_top);
	rels_free(rels, n_rels);
	free(part);
	free(base);
	free(rels_name);
	return rc;
}

/* The workbook on an open ZIP archive z (taken over), or NULL. */
static struct xlsx_workbook *
workbook_on_zip(zip_t *z, const char *path, struct soc_errors *errs)
{
	struct xlsx_workbook *wb;

	if (zip_get_num_entries(z, 0) > (zip_int64_t)XLSX_READ_MAX_ENTRIES) {
		soc_error_at(errs, path, NULL, "more than %u entries in the "
		    "workbook", XLSX_READ_MAX_ENTRIES);
		zip_discard(z);
		return NULL;
	}
	wb = xcalloc(1, sizeof(*wb));
	wb->path = xstrdup(path);
	wb->zip = z;
	if (read_structure(wb, errs) < 0) {
		xlsx_workbook_close(wb);
		return NULL;
	}
	return wb;
}

/* "cannot read the workbook: WHY" for a libzip error. */
static void
zip_failed(const char *path, zip_error_t *ze, struct soc_errors *errs)
{
	soc_error_at(errs, path, NULL, "cannot read the workbook: %s",
	    zip_error_strerror(ze));
}

struct xlsx_workbook *
xlsx_workbook_open(const char *path, struct soc_errors *errs)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);

	if (z == NULL) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, err);
		zip_failed(path, &ze, errs);
		zip_error_fini(&ze);
		return NULL;
	}
	return workbook_on_zip(z, path, errs);
}

struct xlsx_workbook *
xlsx_workbook_open_data(const char *name, const void *data, size_t len,
    struct soc_errors *errs)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z = NULL;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src != NULL) {
		z = zip_open_from_source(src, ZIP_RDONLY, &ze);
		if (z == NULL)
			zip_source_free(src);
	}
	if (z == NULL) {
		zip_failed(name, &ze, errs);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_error_fini(&ze);
	return workbook_on_zip(z, name, errs);
}

void
xlsx_workbook_close(struct xlsx_workbook *wb)
{
	if (wb == NULL)
		return;
	for (size_t i = 0; i < wb->n_sheets; i++) {
		free(wb->sheet_names[i]);
		free(wb->sheet_parts[i]);
	}
	for (size_t i = 0; i < wb->n_strings; i++)
		free(wb->strings[i]);
	free(wb->sheet_names);
	free(wb->sheet_parts);
	free(wb->strings);
	zip_discard(wb->zip);
	free(wb->path);
	free(wb);
}

size_t
xlsx_workbook_sheets(const struct xlsx_workbook *wb)
{
	return wb->n_sheets;
}

const char *
xlsx_workbook_sheet_name(const struct xlsx_workbook *wb, size_t i)
{
	return i < wb->n_sheets ? wb->sheet_names[i] : NULL;
}

bool
xlsx_workbook_date1904(const struct xlsx_workbook *wb)
{
	return wb->date1904;
}

void
xlsx_cell_name(unsigned row, unsigned col, char *buf, size_t size)
{
	char letters[8];
	size_t n = 0;

	for (unsigned c = col; c > 0 && n < sizeof(letters); c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	for (size_t i = 0; i < n / 2; i++) {
		char t = letters[i];

		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	snprintf(buf, size, "%.*s%u", (int)n, letters, row);
}

/* Parse a reference "AB12" into row and col; false when it is none. */
static bool
parse_ref(const char *s, unsigned *row, unsigned *col)
{
	unsigned long c = 0, r = 0;
	const char *p = s;

	while (*p >= 'A' && *p <= 'Z' && c <= 16384)
		c = c * 26 + (unsigned long)(*p++ - 'A' + 1);
	while (*p >= '0' && *p <= '9' && r <= 1048576)
		r = r * 10 + (unsigned long)(*p++ - '0');
	if (*p != '\0' || c == 0 || c > 16384 || r == 0 || r > 1048576)
		return false;
	*row = (unsigned)r;
	*col = (unsigned)c;
	return true;
}

/* The cell being read in a sheet. */
struct cell_state {
	unsigned row, col;     /* of the last cell, for cells without r= */
	char *type;            /* t= */
	struct strbuf value;   /* <v> or the text of <is> */
	bool has_value;
	char ref[32];
};

/* Read the sheet of wb called name, for errors. */
struct sheet_read {
	struct xlsx_workbook *wb;
	struct xlsx_sheet *out;
	struct soc_errors *errs;
};

static int
cell_error(struct sheet_read *sr, const struct cell_state *cs,
    const char *what)
{
	soc_error_at(sr->errs, sr->wb->path, NULL, "sheet '%s', cell %s: %s",
	    sr->out->name, cs->ref, what);
	return -1;
}

/* At <c ...>: its place and type. */
static int
cell_start(struct sheet_read *sr, xmlTextReaderPtr r, struct cell_state *cs)
{
	char *ref = attr(r, "r");
	unsigned row = cs->row, col = cs->col + 1;
	bool ok = ref == NULL || parse_ref(ref, &row, &col);

	free(ref);
	cs->row = row;
	cs->col = col;
	xlsx_cell_name(row, col, cs->ref, sizeof(cs->ref));
	free(cs->type);
	cs->type = attr(r, "t");
	strbuf_reset(&cs->value);
	cs->has_value = false;
	if (!ok)
		return cell_error(sr, cs, "its reference is not a cell name");
	return 0;
}

/* At </c>: the cell's text, through the shared strings for t="s". */
static int
cell_end(struct sheet_read *sr, struct cell_state *cs)
{
	struct xlsx_sheet *s = sr->out;
	const char *t = cs->type;
	char *text;
	long idx;

	if (!cs->has_value)
		return 0;
	if (t != NULL && strcmp(t, "s") == 0) {
		if (!parse_int(cs->value.buf, 0, LONG_MAX, &idx) ||
		    (size_t)idx >= sr->wb->n_strings)
			return cell_error(sr, cs, "its shared string does not "
			    "exist");
		text = xstrdup(sr->wb->strings[idx]);
	} else
		text = xstrdup(cs->value.buf);
	if (s->n_cells >= XLSX_READ_MAX_CELLS) {
		free(text);
		return cell_error(sr, cs, "too many cells in the sheet");
	}
	s->cells = grow(s->cells, s->n_cells, sizeof(*s->cells));
	s->cells[s->n_cells++] = (struct xlsx_cell){ cs->row, cs->col, text,
	    t == NULL || strcmp(t, "n") == 0 };
	return 0;
}

/* One node of a sheet part; -1 after an error. */
static int
sheet_node(struct sheet_read *sr, xmlTextReaderPtr r, struct cell_state *cs)
{
	if (is_element(r, "row")) {
		char *n = attr(r, "r");
		long row;

		cs->row = n != NULL && parse_int(n, 1, 1048576, &row) ?
		    (unsigned)row : cs->row + 1;
		cs->col = 0;
		free(n);
	} else if (is_element(r, "c")) {
		if (cell_start(sr, r, cs) < 0)
			return -1;
		if (xmlTextReaderIsEmptyElement(r))
			return 0;
	} else if (is_element(r, "v") || is_element(r, "t")) {
		add_text(r, &cs->value);
		cs->has_value = true;
	} else if (is_end(r, "c"))
		return cell_end(sr, cs);
	return 0;
}

int
xlsx_workbook_read_sheet(struct xlsx_workbook *wb, const char *name,
    struct xlsx_sheet *out, struct soc_errors *errs)
{
	struct sheet_read sr = { wb, out, errs };
	struct cell_state cs = { .value = STRBUF_INIT };
	xmlTextReaderPtr r;
	char *buf;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->name = xstrdup(name);
	for (i = 0; i < wb->n_sheets; i++) {
		if (strcmp(wb->sheet_names[i], name) == 0)
			break;
	}
	if (i == wb->n_sheets) {
		soc_error_at(errs, wb->path, NULL, "the workbook has no sheet "
		    "'%s'", name);
		return -1;
	}
	r = open_xml(wb, wb->sheet_parts[i], &buf, errs);
	if (r == NULL)
		return -1;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		if (is_element(r, "rPh"))
			rc = xmlTextReaderNext(r) == 1 ? 1 : -1;
		if (rc == 1 && sheet_node(&sr, r, &cs) < 0)
			break;
	}
	free(cs.type);
	strbuf_release(&cs.value);
	if (close_xml(wb, r, buf, rc == 1 ? 0 : rc, wb->sheet_parts[i],
	    errs) < 0 || rc == 1)
		return -1;
	return 0;
}

void
xlsx_sheet_release(struct xlsx_sheet *s)
{
	for (size_t i = 0; i < s->n_cells; i++)
		free(s->cells[i].text);
	free(s->cells);
	free(s->name);
	memset(s, 0, sizeof(*s));
}

const struct xlsx_cell *
xlsx_sheet_cell(const struct xlsx_sheet *s, unsigned row, unsigned col)
{
	for (size_t i = 0; i < s->n_cells; i++) {
		if (s->cells[i].row == row && s->cells[i].col == col)
			return &s->cells[i];
	}
	return NULL;
}

bool
xlsx_serial_date(const struct xlsx_workbook *wb, double serial, char *buf,
    size_t size)
{
	long days, y, m, d, era, doe, yoe, doy, mp;

	if (!isfinite(serial) || serial < 1 || serial > 2958465)
		return false;
	days = (long)floor(serial);
	if (wb->date1904)
		days += 1462;
	/* Excel's 1900 system counts a 29 February 1900 that never was. */
	if (days >= 60)
		days--;
	/* Days since 1970-01-01 of 1899-12-31 + days (civil_from_days). */
	days += -25568 + 719468;
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 1900 || y > 9999)
		return false;
	snprintf(buf, size, "%04ld-%02ld-%02ld", y, m, d);
	return true;
}
