/*
 * A quick look at a few top-level values of a YAML or JSON file (the id
 * of a questionnaire, the questionnaire an answers file names) without
 * loading it: libyaml's events are read from the file until every value
 * asked for is found, so a key near the top costs a few events. Commands
 * use it to load only the definitions they need. It never reports a
 * problem: the full load of the file does that, with its place.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "socassess/util.h"
#include "socassess/yamlfile.h"

/* Bytes handed to libyaml at a time. */
#define PEEK_CHUNK 512

/* Longest dotted key path followed ("assessment.questionnaire"). */
#define PEEK_PATH_MAX 128

struct peek_level {
	bool is_map;
	bool want_key;      /* a mapping whose next node is a key */
	bool valid;         /* reached through mapping keys only */
	size_t path_len;    /* its own path's length in peek.path */
};

struct peek {
	const char *const *keys;
	char **values;
	size_t n, found;
	char path[PEEK_PATH_MAX];
	size_t len;         /* of the path of the node after a key */
	bool valid;         /* path holds that node's full path */
	struct peek_level lv[YAMLFILE_MAX_DEPTH + 1];
	int depth;          /* open mappings and sequences */
};

/* A mapping key: the path of the value that follows. */
static void
peek_key(struct peek *p, struct peek_level *top, const yaml_event_t *ev)
{
	bool nested = p->depth > 1;
	size_t n = ev->data.scalar.length;
	size_t at = top->path_len + nested;

	p->valid = top->valid && at + n < sizeof(p->path) &&
	    strlen((const char *)ev->data.scalar.value) == n;
	if (!p->valid)
		return;
	if (nested)
		p->path[top->path_len] = '.';
	memcpy(p->path + at, ev->data.scalar.value, n);
	p->len = at + n;
	p->path[p->len] = '\0';
}

/* A scalar value: kept when its path is one of those asked for. */
static void
peek_value(struct peek *p, const yaml_event_t *ev)
{
	if (!p->valid)
		return;
	for (size_t i = 0; i < p->n; i++) {
		if (p->values[i] == NULL && strcmp(p->keys[i], p->path) == 0 &&
		    strlen((const char *)ev->data.scalar.value) ==
		    ev->data.scalar.length) {
			p->values[i] = xstrdup((const char *)
			    ev->data.scalar.value);
			p->found++;
		}
	}
}

/* A mapping or sequence opens; valid: its path is known. */
static bool
peek_open(struct peek *p, const yaml_event_t *ev, bool valid)
{
	if (p->depth == YAMLFILE_MAX_DEPTH)
		return false;
	p->lv[p->depth + 1] = (struct peek_level){
		.is_map = ev->type == YAML_MAPPING_START_EVENT,
		.want_key = true,
		.valid = valid,
		.path_len = p->depth == 0 ? 0 : p->len,
	};
	p->depth++;
	return true;
}

/*
 * One node starting: scalar, alias or the start of a collection.
 * Returns false to stop.
 */
static bool
peek_node(struct peek *p, const yaml_event_t *ev)
{
	struct peek_level *top = &p->lv[p->depth];
	bool is_key, in_place;

	/* The document itself: only a mapping or sequence is read on. */
	if (p->depth == 0)
		return ev->type != YAML_SCALAR_EVENT &&
		    ev->type != YAML_ALIAS_EVENT && peek_open(p, ev, true);
	is_key = top->is_map && top->want_key;
	in_place = top->is_map && !top->want_key && p->valid;
	if (top->is_map)
		top->want_key = !top->want_key;
	if (ev->type == YAML_SCALAR_EVENT) {
		if (is_key)
			peek_key(p, top, ev);
		else if (in_place)
			peek_value(p, ev);
		return true;
	}
	if (is_key)
		p->valid = false; /* a complex key: nothing below is asked for */
	return ev->type == YAML_ALIAS_EVENT || peek_open(p, ev, in_place);
}

/* Returns false when reading can stop. */
static bool
peek_event(struct peek *p, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
	case YAML_ALIAS_EVENT:
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		return peek_node(p, ev) && p->found < p->n;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		p->depth--;
		return p->depth > 0;
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT:
		return false;
	default:
		return true;
	}
}

/*
 * libyaml's reader, a little at a time: libyaml decodes all it is given
 * at once, 16 KiB by default, while the values looked for are in the
 * first few hundred bytes.
 */
static int
read_chunk(void *fp, unsigned char *buf, size_t size, size_t *got)
{
	*got = fread(buf, 1, size < PEEK_CHUNK ? size : PEEK_CHUNK, fp);
	return !ferror((FILE *)fp);
}

void
yamlfile_peek(const char *path, const char *const *keys, size_t n,
    char **values)
{
	struct peek p = { .keys = keys, .values = values, .n = n };
	yaml_parser_t parser;
	yaml_event_t ev;
	FILE *fp;
	bool more = true;

	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	fp = fopen(path, "rb");
	if (fp == NULL)
		return;
	if (!yaml_parser_initialize(&parser)) {
		fclose(fp);
		return;
	}
	yaml_parser_set_input(&parser, read_chunk, fp);
	while (more && parser.mark.index <= YAMLFILE_MAX_SIZE &&
	    yaml_parser_parse(&parser, &ev)) {
		more = peek_event(&p, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	fclose(fp);
}
