/*
 * YAML loading with places. libcyaml turns YAML into our structs but only
 * reports places in its log; a first pass with libyaml's event parser
 * checks syntax, refuses aliases (an alias bomb expands without limit in
 * libcyaml) and records where every node starts, so later semantic
 * checks can say "file:line:col".
 */
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "socassess/arena.h"
#include "socassess/strindex.h"
#include "socassess/util.h"
#include "socassess/yamlfile.h"

struct pos_entry {
	char *key;
	struct soc_pos pos;      /* where the node starts */
	struct soc_pos key_pos;  /* where the key naming it starts */
};

/*
 * The paths of a file's nodes are kept in a few large blocks, not one
 * allocation each (a full answers file has about 500): cheaper to make,
 * freed in one go, and they leave no small holes in the heap between
 * what a batch keeps from one file to the next.
 */
#define KEY_BLOCK 16384

struct key_block {
	struct key_block *next;
	size_t used, size;
	char text[];
};

struct yaml_positions {
	struct pos_entry *entries;  /* in document order */
	size_t n, alloc;
	struct str_index index;     /* path -> entries[] */
	struct key_block *blocks;   /* the newest first */
};

/* A copy of key in p's blocks, freed with them. */
static char *
keep_key(struct yaml_positions *p, const char *key)
{
	size_t n = strlen(key) + 1;
	struct key_block *b = p->blocks;
	char *copy;

	if (b == NULL || b->size - b->used < n) {
		size_t size = n > KEY_BLOCK ? n : KEY_BLOCK;

		b = xmalloc(sizeof(*b) + size);
		b->next = p->blocks;
		b->used = 0;
		b->size = size;
		p->blocks = b;
	}
	copy = b->text + b->used;
	memcpy(copy, key, n);
	b->used += n;
	return copy;
}

const cyaml_schema_value_t yamlfile_string_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

static const cyaml_schema_field_t area_target_fields[] = {
	YF_STR("area", YF_REQ, struct yaml_area_target, area),
	YF_STR("level", YF_REQ, struct yaml_area_target, level),
	CYAML_FIELD_END
};

const cyaml_schema_value_t yamlfile_area_target_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct yaml_area_target,
	    area_target_fields),
};

/*
 * libcyaml grows a sequence by one entry per item (quadratic copying for
 * a long list): give it room for half as many again on each realloc, so
 * the next ones are free.
 */
static void *
growing_mem(void *ctx, void *ptr, size_t size)
{
	(void)ctx;
	if (size == 0) {
		free(ptr);
		return NULL;
	}
	if (ptr != NULL && size <= malloc_usable_size(ptr))
		return ptr;
	if (ptr != NULL && size < SIZE_MAX / 3)
		size += size / 2;
	return realloc(ptr, size);
}

static cyaml_mem_fn_t mem_fn = growing_mem;
static void *mem_ctx;

void
yamlfile_set_mem_fn(cyaml_mem_fn_t fn, void *ctx)
{
	mem_fn = fn != NULL ? fn : growing_mem;
	mem_ctx = ctx;
}

/*
 * A map for a text of len bytes, its index sized at once for the nodes
 * such a text usually holds (one per 16 bytes or more), so it does not
 * grow node by node.
 */
static struct yaml_positions *
positions_new(size_t len)
{
	struct yaml_positions *p = xcalloc(1, sizeof(*p));
	size_t nodes = len / 16;

	str_index_init(&p->index);
	str_index_reserve(&p->index, nodes < YAMLFILE_MAX_NODES ? nodes :
	    YAMLFILE_MAX_NODES);
	return p;
}

/*
 * Record a node's place. Returns the index of an earlier node with the
 * same path (only a repeated mapping key makes one), else -1.
 */
static long
positions_add(struct yaml_positions *p, const char *path, struct soc_pos pos,
    struct soc_pos key_pos)
{
	struct pos_entry *e;
	long earlier;

	if (p->n == p->alloc) {
		p->alloc = p->alloc ? p->alloc * 2 : 256;
		p->entries = xreallocarray(p->entries, p->alloc,
		    sizeof(*p->entries));
	}
	e = &p->entries[p->n];
	/* One look-up: a repeated key (an error) only wastes its copy. */
	e->key = keep_key(p, path);
	e->pos = pos;
	e->key_pos = key_pos;
	earlier = str_index_add(&p->index, e->key, p->n);
	if (earlier < 0)
		p->n++;
	return earlier;
}

/* The entry of the node at path, or NULL. */
static const struct pos_entry *
entry_at(const struct yaml_positions *p, const char *path)
{
	long i;

	if (p == NULL || (i = str_index_find(&p->index, path)) < 0)
		return NULL;
	return &p->entries[i];
}

bool
yaml_positions_find(const struct yaml_positions *p, const char *path,
    struct soc_pos *out)
{
	const struct pos_entry *e = entry_at(p, path);

	if (e != NULL)
		*out = e->pos;
	return e != NULL;
}

bool
yaml_positions_find_key(const struct yaml_positions *p, const char *path,
    struct soc_pos *out)
{
	const struct pos_entry *e = entry_at(p, path);

	if (e != NULL)
		*out = e->key_pos;
	return e != NULL;
}

bool
yaml_positions_nearest(const struct yaml_positions *p, const char *path,
    struct soc_pos *out)
{
	char *buf = xstrdup(path != NULL ? path : "");
	size_t n;
	bool found;

	for (;;) {
		found = yaml_positions_find(p, buf, out);
		n = strlen(buf);
		if (found || n == 0)
			break;
		/* Drop the last ".key" or "[i]". */
		while (n > 0 && buf[n - 1] != '.' && buf[n - 1] != '[')
			n--;
		buf[n > 0 ? n - 1 : 0] = '\0';
	}
	free(buf);
	return found;
}

const char *
yaml_positions_near_key(const struct yaml_positions *p,
    const char *const *names, size_t n, const char **near,
    struct soc_pos *out)
{
	for (size_t i = 0; p != NULL && i < p->n; i++) {
		const char *key = p->entries[i].key;
		bool known = false;

		if (key[0] == '\0' || strpbrk(key, ".[") != NULL)
			continue;
		for (size_t k = 0; k < n && !known; k++)
			known = strcmp(key, names[k]) == 0;
		if (!known && (*near = str_closest(key, names, n)) != NULL) {
			*out = p->entries[i].key_pos;
			return key;
		}
	}
	return NULL;
}

void
yaml_positions_free(struct yaml_positions *p)
{
	if (p == NULL)
		return;
	while (p->blocks != NULL) {
		struct key_block *next = p->blocks->next;

		free(p->blocks);
		p->blocks = next;
	}
	free(p->entries);
	str_index_release(&p->index);
	free(p);
}

int
yamlfile_read_capped(const char *path, char **data, size_t *len,
    struct soc_errors *errs)
{
	FILE *fp;
	char *buf;
	size_t n = 0, cap = 65536;

	fp = fopen(path, "rb");
	if (fp == NULL) {
		soc_error_code_at(errs, SOC_E_IO, NULL, NULL,
		    "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	buf = xmalloc(cap + 1);
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, fp);

		n += got;
		if (got == 0)
			break;
		if (n > YAMLFILE_MAX_SIZE)
			break;
		if (n == cap) {
			cap *= 2;
			buf = xreallocarray(buf, cap + 1, 1);
		}
	}
	if (ferror(fp)) {
		soc_error_code_at(errs, SOC_E_IO, NULL, NULL,
		    "cannot read '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (n > YAMLFILE_MAX_SIZE) {
		soc_error_code_at(errs, SOC_E_TOO_LARGE, path, NULL,
		    "file is larger than the limit of %u MiB",
		    YAMLFILE_MAX_SIZE >> 20);
		goto fail;
	}
	fclose(fp);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
fail:
	fclose(fp);
	free(buf);
	return -1;
}

struct frame {
	bool is_map;
	bool want_key;
	size_t index;
	size_t path_len;
	yaml_mark_t key_mark;   /* a mapping's: where its last key starts */
};

struct walker {
	char *path;
	size_t len, cap;
	struct frame stack[YAMLFILE_MAX_DEPTH + 1];
	int depth;
};

/*
 * Cut the path to at bytes and append sep (a '.', '[' or nothing) and
 * the n bytes of text, then close (']' or nothing). Called for every
 * node of every file, so without printf.
 */
static void
path_set(struct walker *w, size_t at, const char *sep, const char *text,
    size_t n, const char *close)
{
	size_t ls = strlen(sep), lc = strlen(close);
	size_t need = at + ls + n + lc + 1;

	if (need > w->cap) {
		w->cap = need * 2;
		w->path = xreallocarray(w->path, w->cap, 1);
	}
	memcpy(w->path + at, sep, ls);
	memcpy(w->path + at + ls, text, n);
	memcpy(w->path + at + ls + n, close, lc);
	w->len = need - 1;
	w->path[w->len] = '\0';
}

/* The path of entry index of the sequence whose path is at bytes long. */
static void
path_set_index(struct walker *w, size_t at, size_t index)
{
	char digits[24], *p = digits + sizeof(digits);

	do {
		*--p = (char)('0' + index % 10);
		index /= 10;
	} while (index > 0);
	path_set(w, at, "[", p, (size_t)(digits + sizeof(digits) - p), "]");
}

static struct soc_pos
mark_pos(yaml_mark_t m)
{
	struct soc_pos p = { (unsigned)m.line + 1, (unsigned)m.column + 1 };

	return p;
}

/*
 * Move *p over byte i of data as libyaml counts its marks: a column is
 * a character (not a byte), and CR LF, LF and a lone CR each end a line.
 */
static void
pos_step(const char *data, size_t len, size_t i, struct soc_pos *p)
{
	unsigned char c = (unsigned char)data[i];

	if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
		return;
	if (c == '\n' || c == '\r') {
		p->line++;
		p->column = 1;
	} else if ((c & 0xc0) != 0x80)
		p->column++;
}

/*
 * The place of a byte offset: libyaml's reader errors (bad UTF-8, control
 * characters) give only an offset, their problem_mark stays at 1:1.
 */
static struct soc_pos
offset_pos(const char *data, size_t len, size_t offset)
{
	struct soc_pos p = { 1, 1 };

	for (size_t i = utf8_bom_len(data, len); i < offset && i < len; i++)
		pos_step(data, len, i, &p);
	return p;
}

/* The byte offset of place at in data (its length past the end). */
static size_t
pos_offset(const char *data, size_t len, struct soc_pos at)
{
	struct soc_pos p = { 1, 1 };
	size_t i = utf8_bom_len(data, len);

	for (; i < len && (p.line < at.line || (p.line == at.line &&
	    p.column < at.column)); i++)
		pos_step(data, len, i, &p);
	return i;
}

/* The byte at place at of data, or '\0' past its end. */
static char
byte_at(const char *data, size_t len, struct soc_pos at)
{
	size_t i = pos_offset(data, len, at);

	return i < len ? data[i] : '\0';
}

bool
yaml_positions_find_in(const struct yaml_positions *p, const char *path,
    const char *data, size_t len, const char *needle, struct soc_pos *out)
{
	const struct pos_entry *e = entry_at(p, path);
	size_t from, to;
	const char *at;

	if (e == NULL || data == NULL)
		return false;
	from = pos_offset(data, len, e->pos);
	/* The next node, or the key naming it, starts after this text. */
	to = e + 1 < p->entries + p->n ?
	    pos_offset(data, len, e[1].key_pos) : len;
	at = memmem(data + from, to > from ? to - from : 0, needle,
	    strlen(needle));
	if (at == NULL)
		return false;
	*out = offset_pos(data, len, (size_t)(at - data));
	return true;
}

static void
report_parse_error(const char *path, const char *data, size_t len,
    const yaml_parser_t *parser, struct soc_errors *errs)
{
	struct soc_pos p = mark_pos(parser->problem_mark);
	const char *problem = parser->problem ? parser->problem : "unknown";

	if (parser->error == YAML_MEMORY_ERROR) {
		soc_error_code_at(errs, SOC_E_OUT_OF_MEMORY, path, NULL,
		    "out of memory");
		return;
	}
	if (parser->error == YAML_READER_ERROR) {
		p = offset_pos(data, len, parser->problem_offset);
		if (parser->problem_value >= 0)
			soc_error_code_at(errs, SOC_E_SYNTAX, path, &p,
			    "YAML syntax error: %s (0x%02x)", problem,
			    (unsigned)parser->problem_value);
		else
			soc_error_code_at(errs, SOC_E_SYNTAX, path, &p,
			    "YAML syntax error: %s", problem);
	} else if (byte_at(data, len, p) == '\t')
		/* libyaml's words name the token it hoped for. */
		soc_error_code_at(errs, SOC_E_SYNTAX, path, &p,
		    "YAML syntax error: a tab cannot indent YAML: indent with "
		    "spaces");
	else if (parser->context != NULL &&
	    parser->context_mark.line != parser->problem_mark.line) {
		/* An unclosed quote or bracket: say where it opened. */
		soc_error_code_at(errs, SOC_E_SYNTAX, path, &p,
		    "YAML syntax error: %s %s that starts on line %u", problem, parser->context,
		    (unsigned)parser->context_mark.line + 1);
	} else
		soc_error_code_at(errs, SOC_E_SYNTAX, path, &p,
		    "YAML syntax error: %s%s%s",
		    problem, parser->context ? " " : "",
		    parser->context ? parser->context : "");
}

/* One walk over the event stream of a file. */
struct scan {
	const char *path;
	struct yaml_positions *pos;
	struct soc_errors *errs;
	struct walker w;
	int docs;
	size_t nodes;
};

static int
fail_at(struct scan *s, enum soc_error_code code, yaml_mark_t m,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Add an error at mark m of the file; returns -1 to stop the walk. */
static int
fail_at(struct scan *s, enum soc_error_code code, yaml_mark_t m,
    const char *fmt, ...)
{
	struct soc_pos p = mark_pos(m);
	va_list ap;
	char *text;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	soc_error_code_at(s->errs, code, s->path, &p, "%s", text != NULL ?
	    text : "out of memory");
	free(text);
	return -1;
}

/* A mapping key: extend the path; only a scalar can be one. */
static int
on_key(struct scan *s, struct frame *top, const yaml_event_t *ev)
{
	/* "? [a, b]: c" would also confuse the path map. */
	if (ev->type != YAML_SCALAR_EVENT)
		return fail_at(s, SOC_E_WRONG_TYPE, ev->start_mark,
		    "a mapping key must be a "
		    "single value, not a list or a mapping");
	/* A key holding a NUL was refused before: strlen is its length. */
	path_set(&s->w, top->path_len, top->path_len > 0 ? "." : "",
	    (const char *)ev->data.scalar.value,
	    strlen((const char *)ev->data.scalar.value), "");
	top->want_key = false;
	top->key_mark = ev->start_mark;
	return 0;
}

/*
 * A value (scalar, mapping or sequence): record its place under its
 * path; a second value under the same path is a duplicate key.
 */
static int
on_node(struct scan *s, const yaml_event_t *ev)
{
	struct walker *w = &s->w;
	struct frame *top = w->depth > 0 ? &w->stack[w->depth - 1] : NULL;
	yaml_mark_t key_mark = ev->start_mark;
	const char *key;
	long earlier;
	int in;

	/* Memory stays within a small multiple of the file's size. */
	if (++s->nodes > YAMLFILE_MAX_NODES)
		return fail_at(s, SOC_E_TOO_LARGE, ev->start_mark, "%s",
		    YAMLFILE_NODES_MESSAGE);
	if (top != NULL && top->is_map && top->want_key)
		return on_key(s, top, ev);
	if (top != NULL && !top->is_map)
		path_set_index(w, top->path_len, top->index++);
	else if (top != NULL) {
		top->want_key = true;
		key_mark = top->key_mark;
	}
	earlier = positions_add(s->pos, w->path, mark_pos(ev->start_mark),
	    mark_pos(key_mark));
	if (earlier < 0)
		return 0;
	key = strrchr(w->path, '.');
	in = key != NULL ? (int)(key - w->path) : 0;
	key = key != NULL ? key + 1 : w->path;
	return fail_at(s, SOC_E_DUPLICATE_KEY, key_mark, "key '%s' "
	    "appears twice (first on line %u)%s%.*s%s", key,
	    s->pos->entries[earlier].key_pos.line,
	    in > 0 ? " (at " : "", in, w->path, in > 0 ? ")" : "");
}

/* A mapping or sequence starts: one level deeper, within the cap. */
static int
on_open(struct scan *s, const yaml_event_t *ev)
{
	struct walker *w = &s->w;

	if (on_node(s, ev) < 0)
		return -1;
	if (w->depth == YAMLFILE_MAX_DEPTH)
		return fail_at(s, SOC_E_TOO_DEEP, ev->start_mark,
		    "nesting deeper than %d "
		    "levels", YAMLFILE_MAX_DEPTH);
	w->stack[w->depth++] = (struct frame){
	    .is_map = ev->type == YAML_MAPPING_START_EVENT,
	    .want_key = true, .path_len = w->len };
	return 0;
}

/* Handle one event: 1 at the end of the stream, 0 to go on, -1 failed. */
static int
on_event(struct scan *s, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++s->docs > 1)
			return fail_at(s, SOC_E_NOT_ALLOWED, ev->start_mark,
			    "only one YAML document is allowed");
		return 0;
	case YAML_ALIAS_EVENT:
		return fail_at(s, SOC_E_NOT_ALLOWED, ev->start_mark,
		    "YAML aliases are not "
		    "allowed ('*%s')", (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		/* libcyaml would silently cut "a\0b" to "a". */
		if (memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length) != NULL)
			return fail_at(s, SOC_E_NOT_ALLOWED, ev->start_mark,
			    "%s",
			    YAMLFILE_NUL_MESSAGE);
		return on_node(s, ev);
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		return on_open(s, ev);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		s->w.depth--;
		return 0;
	default:
		return 0;
	}
}

static void
scan_init(struct scan *s, const char *path, struct yaml_positions *pos,
    struct soc_errors *errs)
{
	*s = (struct scan){ .path = path, .pos = pos, .errs = errs,
	    .w = { .cap = 128 } };
	s->w.path = xmalloc(s->w.cap);
	s->w.path[0] = '\0';
}

/*
 * The end of a walk that reached the end of the stream (st 1): a stream
 * without a document is an empty file. Returns 0 or -1.
 */
static int
scan_finish(struct scan *s, int st)
{
	free(s->w.path);
	s->w.path = NULL;
	if (st > 0 && s->docs == 0) {
		struct soc_pos p = { 1, 1 };

		soc_error_code_at(s->errs, SOC_E_EMPTY, s->path, &p,
		    "file is empty");
		st = -1;
	}
	return st > 0 ? 0 : -1;
}

/*
 * Walk the event stream once: syntax check, alias refusal, depth cap,
 * single document, and the path-to-place map.
 */
static int
scan_positions(const char *path, const char *data, size_t len,
    struct yaml_positions *pos, struct soc_errors *errs)
{
	struct scan s;
	yaml_parser_t parser;
	yaml_event_t ev;
	int st = 0;

	if (!yaml_parser_initialize(&parser)) {
		soc_error_at(errs, path, NULL, "cannot start the YAML parser");
		return -1;
	}
	scan_init(&s, path, pos, errs);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	while (st == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parse_error(path, data, len, &parser, errs);
			st = -1;
			break;
		}
		st = on_event(&s, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return scan_finish(&s, st);
}

/*
 * Parsing once. libcyaml runs libyaml's parser itself and offers no way
 * to see its events, yet our walk needs the very same events. This
 * definition of yaml_parser_parse stands in for libyaml's (the program's
 * own symbol comes first for every shared library), calls libyaml's and,
 * while a load has asked for it, walks each event before libcyaml gets
 * it. A walk that finds a problem stops the parser there; the load is
 * then done again the slow way, which words the problem.
 */
typedef int parse_fn(yaml_parser_t *parser, yaml_event_t *event);

static parse_fn *libyaml_parse;
static pthread_once_t libyaml_parse_once = PTHREAD_ONCE_INIT;

/* The walk of the load running on this thread, or NULL. */
static _Thread_local struct observer {
	struct scan s;
	int st;     /* on_event's last answer: 1 once the stream ended */
} *observing;

static void
find_libyaml_parse(void)
{
	/* POSIX's way to turn dlsym's pointer into a function pointer. */
	*(void **)&libyaml_parse = dlsym(RTLD_NEXT, "yaml_parser_parse");
}

int
yaml_parser_parse(yaml_parser_t *parser, yaml_event_t *event)
{
	struct observer *o = observing;

	pthread_once(&libyaml_parse_once, find_libyaml_parse);
	if (libyaml_parse == NULL || !libyaml_parse(parser, event))
		return 0;
	if (o == NULL || o->st != 0)
		return 1;
	o->st = on_event(&o->s, event);
	if (o->st >= 0)
		return 1;
	/* libcyaml stops at a parser error, as it should here. */
	yaml_event_delete(event);
	parser->error = YAML_PARSER_ERROR;
	parser->problem = "the file breaks a rule of socassess";
	return 0;
}

/*
 * libcyaml logs one line per call: the problem, then a backtrace from the
 * innermost node out ("in mapping field 'x' (line: 3, column: 8)", "in
 * sequence entry '1' ..."). Keep the problem and the backtrace's path so
 * the message can name the node and our own map can place it.
 */
struct cyaml_capture {
	char *problem;             /* first error line, "Load: " removed */
	char *frames[YAMLFILE_MAX_DEPTH + 2]; /* innermost first: "x", "[0]" */
	int n_frames;
	struct soc_pos pos;        /* libcyaml's own place of the innermost */
	bool have_pos;
};

/* A backtrace line "in mapping field 'x' (line: 3, column: 8)". */
static void
capture_frame(struct cyaml_capture *cap, const char *p)
{
	char name[256];
	const char *l;
	unsigned ln, col, entry;

	if (cap->n_frames < (int)ARRAY_SIZE(cap->frames)) {
		if (sscanf(p, "in mapping field '%255[^']'", name) == 1)
			cap->frames[cap->n_frames++] = xstrdup(name);
		else if (sscanf(p, "in sequence entry '%u'", &entry) == 1)
			cap->frames[cap->n_frames++] =
			    xasprintf("[%u]", entry > 0 ? entry - 1 : 0);
	}
	l = strstr(p, "(line: ");
	if (!cap->have_pos && l != NULL &&
	    sscanf(l, "(line: %u, column: %u)", &ln, &col) == 2) {
		cap->pos.line = ln;
		cap->pos.column = col;
		cap->have_pos = true;
	}
}

static void
capture_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct cyaml_capture *cap = ctx;
	char line[1024];
	const char *p;
	size_t n;

	if (level < CYAML_LOG_ERROR)
		return;
	vsnprintf(line, sizeof(line), fmt, args);
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == ' '))
		line[--n] = '\0';
	p = line;
	if (strncmp(p, "Load: ", 6) == 0)
		p += 6;
	while (*p == ' ')
		p++;
	if (strncmp(p, "in ", 3) == 0)
		capture_frame(cap, p);
	else if (cap->problem == NULL && strncmp(p, "Backtrace", 9) != 0 &&
	    *p != '\0')
		cap->problem = xstrdup(p);
}

/* "domains[2].areas[0].id" from the backtrace, outermost first. */
static char *
capture_path(const struct cyaml_capture *cap, int skip_innermost)
{
	size_t cap_len = 1;
	char *path;

	for (int i = 0; i < cap->n_frames; i++)
		cap_len += strlen(cap->frames[i]) + 1;
	path = xcalloc(cap_len, 1);
	for (int i = cap->n_frames - 1; i >= skip_innermost; i--) {
		if (path[0] != '\0' && cap->frames[i][0] != '[')
			strcat(path, ".");
		strcat(path, cap->frames[i]);
	}
	return path;
}

static const char *
event_noun(const char *event)
{
	if (strstr(event, "SEQUENCE") != NULL)
		return "a list";
	if (strstr(event, "MAPPING") != NULL)
		return "a mapping";
	if (strstr(event, "SCALAR") != NULL)
		return "a single value";
	return "something else";
}

/* What libcyaml's "Expecting SEQUENCE_START ..." asks for, in words. */
static const char *
expected_noun(const char *event)
{
	if (strncmp(event, "SEQUENCE", 8) == 0)
		return "a list";
	if (strncmp(event, "MAPPING", 7) == 0)
		return "a mapping";
	return "a single value";
}

/*
 * The words for a list or mapping given no value at all ("items:" and
 * nothing after it), which libcyaml calls a scalar (a new string).
 */
static char *
empty_value_text(const struct cyaml_capture *cap)
{
	char arg[256] = "";

	if (cap->problem != NULL)
		sscanf(cap->problem, "Expecting %255s", arg);
	return xasprintf("expected %s, found an empty value",
	    expected_noun(arg));
}

/* libcyaml's own text, lowercased like our messages (a new string). */
static char *
cyaml_own_text(const char *pr, cyaml_err_t err, enum soc_error_code *code)
{
	char *text;

	if (err == CYAML_ERR_OOM) {
		*code = SOC_E_OUT_OF_MEMORY;
		return xstrdup("out of memory");
	}
	*code = err == CYAML_ERR_INVALID_VALUE ? SOC_E_INVALID_VALUE :
	    SOC_E_UNSPECIFIED;
	text = xstrdup(*pr != '\0' ? pr : cyaml_strerror(err));
	if (text[0] >= 'A' && text[0] <= 'Z' &&
	    !(text[1] >= 'A' && text[1] <= 'Z'))
		text[0] = (char)(text[0] - 'A' + 'a');
	return text;
}

/*
 * libcyaml's problem in our words (a new string) and its code; *where is
 * the path of the node it is about, which some problems move (also a new
 * string).
 */
static char *
cyaml_problem_text(const struct cyaml_capture *cap, cyaml_err_t err,
    char **where, enum soc_error_code *code)
{
	const char *pr = cap->problem != NULL ? cap->problem : "";
	char *text, arg[256], got[64];

	*where = capture_path(cap, 0);
	if (sscanf(pr, "Missing required mapping field: %255s", arg) == 1) {
		/* The innermost frame names the missing field itself. */
		free(*where);
		*where = capture_path(cap, 1);
		*code = SOC_E_MISSING_FIELD;
		text = xasprintf("missing required field '%s'", arg);
	} else if (sscanf(pr, "Unexpected key: %255s", arg) == 1) {
		char *key_path = xasprintf("%s%s%s", *where,
		    (*where)[0] != '\0' ? "." : "", arg);

		/* Point at the key's own value rather than its mapping. */
		free(*where);
		*where = key_path;
		*code = SOC_E_UNKNOWN_KEY;
		text = xasprintf("unknown key '%s'", arg);
	} else if (sscanf(pr, "Mapping field already seen: %255s", arg) == 1) {
		*code = SOC_E_DUPLICATE_KEY;
		text = xasprintf("key '%s' appears twice", arg);
	} else if (sscanf(pr, "Expecting %255s got event: %63s", arg,
	    got) == 2) {
		*code = SOC_E_WRONG_TYPE;
		text = xasprintf("expected %s, found %s", expected_noun(arg),
		    event_noun(got));
	} else
		text = cyaml_own_text(pr, err, code);
	return text;
}

/*
 * Report libcyaml's problem in our words, at the best place we know;
 * data is the file's text (its len bytes).
 */
static void
report_cyaml_error(const char *path, const char *data, size_t len,
    struct cyaml_capture *cap, const struct yaml_positions *pos,
    cyaml_err_t err, struct soc_errors *errs)
{
	enum soc_error_code code;
	char *where, *text = cyaml_problem_text(cap, err, &where, &code);
	struct soc_pos place;
	bool placed;

	/* An unknown key libcyaml found itself ("a.b": a path cannot say). */
	placed = code == SOC_E_UNKNOWN_KEY &&
	    yaml_positions_find_key(pos, where, &place);
	if (!placed)
		placed = yaml_positions_nearest(pos, where, &place);
	if (!placed && cap->have_pos) {
		place = cap->pos;
		placed = true;
	}
	/* An empty value starts right after its key's colon. */
	if (code == SOC_E_WRONG_TYPE && placed &&
	    strchr(" \t\r\n#", byte_at(data, len, place)) != NULL) {
		free(text);
		text = empty_value_text(cap);
	}
	if (where[0] != '\0')
		soc_error_code_at(errs, code, path, placed ? &place : NULL,
		    "%s (at %s)", text, where);
	else
		soc_error_code_at(errs, code, path, placed ? &place : NULL,
		    "%s", text);
	free(text);
	free(where);
}

static void
capture_release(struct cyaml_capture *cap)
{
	free(cap->problem);
	for (int i = 0; i < cap->n_frames; i++)
		free(cap->frames[i]);
}

/* The field of mapping schema v named key (n bytes), or NULL. */
static const cyaml_schema_field_t *
schema_field(const cyaml_schema_value_t *v, const char *key, size_t n)
{
	if (v == NULL || v->type != CYAML_MAPPING)
		return NULL;
	for (const cyaml_schema_field_t *f = v->mapping.fields;
	    f->key != NULL; f++) {
		if (strlen(f->key) == n && strncmp(f->key, key, n) == 0)
			return f;
	}
	return NULL;
}

/*
 * An unknown key, named with the known key it most likely meant.
 * fields are the mapping's known keys.
 */
static void
report_unknown_key(const char *file, const char *path, const char *key,
    const cyaml_schema_field_t *fields, const struct yaml_positions *pos,
    struct soc_errors *errs)
{
	const char *names[64];
	const char *near;
	struct soc_pos p;
	size_t n = 0;
	bool placed = yaml_positions_find_key(pos, path, &p);

	for (; fields->key != NULL && n < ARRAY_SIZE(names); fields++)
		names[n++] = fields->key;
	near = str_closest(key, names, n);
	if (near != NULL)
		soc_error_code_at(errs, SOC_E_UNKNOWN_KEY, file,
		    placed ? &p : NULL, "unknown key '%s': did you mean '%s'? "
		    "(at %s)", key, near, path);
	else
		soc_error_code_at(errs, SOC_E_UNKNOWN_KEY, file,
		    placed ? &p : NULL, "unknown key '%s' (at %s)", key, path);
}

/*
 * Follow path ("answers[2].vaule") through schema: true, with an error
 * added, when its last key is not a field of its mapping. Nodes below an
 * unknown key, and keys holding '.' or '[' (which a path cannot tell
 * apart), are left to libcyaml.
 */
static bool
unknown_key_at(const char *file, const char *path,
    const cyaml_schema_value_t *v, const struct yaml_positions *pos,
    struct soc_errors *errs)
{
	const char *p = path;

	while (*p != '\0' && v != NULL) {
		size_t n;
		const cyaml_schema_field_t *f;

		if (*p == '[') {
			p += strcspn(p, "]");
			p += *p == ']';
			v = v->type == CYAML_SEQUENCE ||
			    v->type == CYAML_SEQUENCE_FIXED ?
			    v->sequence.entry : NULL;
			continue;
		}
		p += *p == '.';
		n = strcspn(p, ".[");
		f = schema_field(v, p, n);
		if (f == NULL) {
			if (p[n] != '\0' || v->type != CYAML_MAPPING)
				return false;
			report_unknown_key(file, path, p, v->mapping.fields,
			    pos, errs);
			return true;
		}
		v = &f->value;
		p += n;
	}
	return false;
}

/*
 * Every unknown key of the file at once, each with the key it most
 * likely meant (libcyaml stops at the first). True when there is one.
 */
static bool
report_unknown_keys(const char *file, const struct yaml_positions *pos,
    const cyaml_schema_value_t *schema, struct soc_errors *errs)
{
	bool any = false;

	for (size_t i = 0; i < pos->n; i++)
		any |= unknown_key_at(file, pos->entries[i].key, schema, pos,
		    errs);
	return any;
}

/* How a load goes: what stops it, where its data is allocated. */
struct load_mode {
	bool keep_going;        /* unknown keys do not stop the load */
	struct arena *arena;    /* NULL: mem_fn */
};

/*
 * How every load calls libcyaml: errors into cap, no aliases, memory
 * from the mode's arena or mem_fn.
 */
static cyaml_config_t
load_config(struct cyaml_capture *cap, const struct load_mode *mode)
{
	return (cyaml_config_t){
		.log_fn = capture_log,
		.log_ctx = cap,
		.mem_fn = mode->arena != NULL ? arena_mem_fn : mem_fn,
		.mem_ctx = mode->arena != NULL ? (void *)mode->arena : mem_ctx,
		.log_level = CYAML_LOG_ERROR,
		.flags = CYAML_CFG_NO_ALIAS,
	};
}

/*
 * The two-pass load: walk the events (the map p and every rule of the
 * walk), then let libcyaml parse again. Every problem is worded here;
 * with keep_going, unknown keys do not stop the load. 0 or -1.
 */
static int
load_twice(const char *path, const char *data, size_t len,
    const cyaml_schema_value_t *schema, void **out,
    struct yaml_positions *p, struct soc_errors *errs,
    const struct load_mode *mode)
{
	struct cyaml_capture cap = { 0 };
	cyaml_config_t cfg = load_config(&cap, mode);
	cyaml_err_t err;
	int rc = -1;

	if (scan_positions(path, data, len, p, errs) < 0)
		goto out;
	if (report_unknown_keys(path, p, schema, errs)) {
		if (!mode->keep_going)
			goto out;
		cfg.flags |= CYAML_CFG_IGNORE_UNKNOWN_KEYS;
	}
	err = cyaml_load_data((const uint8_t *)data, len, &cfg, schema, out,
	    NULL);
	if (err != CYAML_OK) {
		report_cyaml_error(path, data, len, &cap, p, err, errs);
		*out = NULL;
	} else if (*out == NULL)
		soc_error_code_at(errs, SOC_E_EMPTY, path, NULL,
		    "file holds no data");
	else
		rc = 0;
out:
	capture_release(&cap);
	return rc;
}

/*
 * The one-pass load of a file that turns out good: libcyaml loads it
 * while the walk sees the same events and fills p. 1 when it loaded, -1
 * when it failed with errors added (out of memory: a second try could
 * succeed, which would hide the failure), 0 when the two-pass load must
 * say what is wrong (*out NULL then, and p to be thrown away).
 */
static int
load_once(const char *path, const char *data, size_t len,
    const cyaml_schema_value_t *schema, void **out,
    struct yaml_positions *p, struct soc_errors *errs,
    const struct load_mode *mode)
{
	struct cyaml_capture cap = { 0 };
	cyaml_config_t cfg = load_config(&cap, mode);
	struct soc_errors walk_errs;
	struct observer o = { .st = 0 };
	cyaml_err_t err;
	int rc = 0;

	soc_errors_init(&walk_errs);
	scan_init(&o.s, path, p, &walk_errs);
	observing = &o;
	err = cyaml_load_data((const uint8_t *)data, len, &cfg, schema, out,
	    NULL);
	observing = NULL;
	if (err == CYAML_ERR_OOM) {
		report_cyaml_error(path, data, len, &cap, p, err, errs);
		rc = -1;
	} else if (err == CYAML_OK && scan_finish(&o.s, o.st) == 0 &&
	    *out != NULL) {
		/*
		 * Loaded. libcyaml refuses an unknown key itself (it is not
		 * told to ignore them here) and matches keys exactly as
		 * schema_field does, so no key is left for
		 * report_unknown_keys to find.
		 */
		rc = 1;
	}
	free(o.s.w.path);
	/* An arena's data goes with the arena. */
	if (rc <= 0 && err == CYAML_OK && mode->arena == NULL)
		yamlfile_free(schema, *out);
	if (rc <= 0)
		*out = NULL;
	soc_errors_release(&walk_errs);
	capture_release(&cap);
	return rc;
}

/*
 * yamlfile_load_data, or with keep_going yamlfile_load_all: unknown keys
 * then do not stop the load. Parsed once when the file is good, twice
 * when a problem needs its words and place.
 */
static int
load_data(const char *path, const char *data, size_t len,
    const cyaml_schema_value_t *schema, void **out,
    struct yaml_positions **pos, struct soc_errors *errs,
    const struct load_mode *mode)
{
	struct yaml_positions *p = positions_new(len);
	int rc;

	*out = NULL;
	if (pos != NULL)
		*pos = NULL;
	rc = load_once(path, data, len, schema, out, p, errs, mode);
	if (rc == 0) {
		yaml_positions_free(p);
		p = positions_new(len);
		rc = load_twice(path, data, len, schema, out, p, errs,
		    mode) == 0 ? 1 : -1;
	}
	if (rc > 0 && pos != NULL)
		*pos = p;
	else
		yaml_positions_free(p);
	return rc > 0 ? 0 : -1;
}

int
yamlfile_load_data(const char *path, const char *data, size_t len,
    const cyaml_schema_value_t *schema, void **out,
    struct yaml_positions **pos, struct soc_errors *errs)
{
	static const struct load_mode stop = { .keep_going = false };

	return load_data(path, data, len, schema, out, pos, errs, &stop);
}

int
yamlfile_load_all(const char *path, const char *data, size_t len,
    const cyaml_schema_value_t *schema, void **out,
    struct yaml_positions **pos, struct arena *arena,
    struct soc_errors *errs)
{
	const struct load_mode all = { .keep_going = true, .arena = arena };

	return load_data(path, data, len, schema, out, pos, errs, &all);
}

int
yamlfile_load(const char *path, const cyaml_schema_value_t *schema,
    void **out, struct yaml_positions **pos, struct soc_errors *errs)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if (pos != NULL)
		*pos = NULL;
	if (yamlfile_read_capped(path, &data, &len, errs) < 0)
		return -1;
	rc = yamlfile_load_data(path, data, len, schema, out, pos, errs);
	free(data);
	return rc;
}

size_t
yamlfile_json_values(const char *data, size_t len)
{
	size_t n = 1;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char c = data[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"')
			in_string = true;
		else if (c == ',' || c == '[' || c == '{' || c == ':')
			n++;
	}
	return n;
}

struct yaml_positions *
yamlfile_scan_data(const char *path, const char *data, size_t len,
    struct soc_errors *errs)
{
	struct yaml_positions *p = positions_new(len);

	if (scan_positions(path, data, len, p, errs) < 0) {
		yaml_positions_free(p);
		p = NULL;
	}
	return p;
}

/* True when the 4 hex digits at s name half of a UTF-16 surrogate pair. */
static bool
is_surrogate_escape(const char *s)
{
	return (s[0] == 'd' || s[0] == 'D') && s[1] != '\0' &&
	    strchr("89abcdefABCDEF", s[1]) != NULL;
}

struct yaml_positions *
yamlfile_scan_json(const char *path, const char *data, size_t len,
    struct soc_errors *errs)
{
	struct yaml_positions *p;
	char *copy = xmalloc(len + 1);
	bool in_string = false;

	memcpy(copy, data, len);
	copy[len] = '\0';
	for (size_t i = 0; i < len; i++) {
		if (!in_string)
			in_string = copy[i] == '"';
		else if (copy[i] == '"')
			in_string = false;
		else if (copy[i] == '\\' && copy[i + 1] == 'u' &&
		    i + 6 <= len && is_surrogate_escape(copy + i + 2))
			memcpy(copy + i + 2, "0020", 4);
		else
			i += copy[i] == '\\';
	}
	p = yamlfile_scan_data(path, copy, len, errs);
	free(copy);
	return p;
}

struct yaml_positions *
yamlfile_scan(const char *path, struct soc_errors *errs)
{
	struct yaml_positions *p;
	char *data;
	size_t len;

	if (yamlfile_read_capped(path, &data, &len, errs) < 0)
		return NULL;
	p = yamlfile_scan_data(path, data, len, errs);
	free(data);
	return p;
}

void
yamlfile_free(const cyaml_schema_value_t *schema, void *data)
{
	cyaml_config_t cfg = {
		.mem_fn = mem_fn,
		.mem_ctx = mem_ctx,
		.log_level = CYAML_LOG_ERROR,
	};

	if (data != NULL)
		cyaml_free(&cfg, schema, data, 0);
}
