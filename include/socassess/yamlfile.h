/*
 * Loading a YAML file into a libcyaml schema, safely: the file is read by
 * us with a size cap, aliases are refused, syntax and schema errors become
 * soc_errors with line and column, and a map from each node's path (such
 * as "domains[2].areas[5].id") to its place lets semantic checks name the
 * line of the value they complain about.
 */
#ifndef SOCASSESS_YAMLFILE_H
#define SOCASSESS_YAMLFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <cyaml/cyaml.h>

#include "socassess/error.h"

/* Largest definition or answers file we read (documented in docs/formats.md). */
#define YAMLFILE_MAX_SIZE (8u * 1024 * 1024)
/* Deepest nesting of mappings and sequences we accept. */
#define YAMLFILE_MAX_DEPTH 32
/*
 * Most values (scalars, mappings, sequences and keys) in one file: the
 * largest shipped file has about 11,000, and the limit keeps memory
 * within a small multiple of the file's size (an 8 MiB list of tiny
 * items would otherwise take hundreds of MB).
 */
#define YAMLFILE_MAX_NODES 200000
#define YAMLFILE_NODES_MESSAGE \
	"more than 200000 values in one file (the limit)"

/*
 * Roughly how many values a JSON text holds (one more than its commas,
 * colons and opening brackets outside strings), to refuse a file over
 * YAMLFILE_MAX_NODES before the parser allocates them.
 */
size_t yamlfile_json_values(const char *data, size_t len);

/* A NUL inside a text ("\0" in YAML, \u0000 in JSON) is refused. */
#define YAMLFILE_NUL_MESSAGE \
	"text holds a NUL character, which is not allowed"

struct yaml_positions;
struct arena;

/*
 * Read path (at most YAMLFILE_MAX_SIZE bytes) into a new NUL-terminated
 * buffer owned by the caller. Adds an error and returns -1 on failure.
 */
int yamlfile_read_capped(const char *path, char **data, size_t *len,
    struct soc_errors *errs);

/*
 * Load YAML text into *out (owned by the caller, free with yamlfile_free)
 * using schema; *pos (owned by the caller, may be NULL to skip) receives
 * the place of every node. path only names the file in messages.
 * Returns 0, or -1 with errors added to errs.
 */
int yamlfile_load_data(const char *path, const char *data, size_t len,
    const cyaml_schema_value_t *schema, void **out,
    struct yaml_positions **pos, struct soc_errors *errs);

/*
 * The same, except that unknown keys (every one is reported) do not stop
 * the load: the rest is loaded, so that the caller's own checks report
 * their problems in the same run. The caller must then fail when errs
 * holds errors, even though 0 is returned. With arena not NULL, *out
 * is allocated in it and freed with arena_release (not yamlfile_free).
 */
int yamlfile_load_all(const char *path, const char *data, size_t len,
    const cyaml_schema_value_t *schema, void **out,
    struct yaml_positions **pos, struct arena *arena,
    struct soc_errors *errs);

/* Read and load a file: yamlfile_read_capped then yamlfile_load_data. */
int yamlfile_load(const char *path, const cyaml_schema_value_t *schema,
    void **out, struct yaml_positions **pos, struct soc_errors *errs);

/*
 * Syntax-check a file and return the places of its nodes (owned by the
 * caller) without loading it into a schema: used to tell file kinds apart
 * by their top-level keys.
 */
struct yaml_positions *yamlfile_scan(const char *path,
    struct soc_errors *errs);
/* The same for text in memory (JSON too: it is YAML flow syntax). */
struct yaml_positions *yamlfile_scan_data(const char *path, const char *data,
    size_t len, struct soc_errors *errs);

/*
 * The same for JSON text, whose places are found by the YAML scan too
 * (JSON is YAML flow syntax): a character escaped as a UTF-16 surrogate
 * pair ("\ud83d\ude00"), which YAML refuses, does not stop it.
 */
struct yaml_positions *yamlfile_scan_json(const char *path,
    const char *data, size_t len, struct soc_errors *errs);

/*
 * A quick look at a file without loading it: the text of the plain value
 * at each of the n dotted key paths keys[i] ("id",
 * "assessment.questionnaire") into values[i], owned by the caller, NULL
 * when absent or not a single value. Reading stops once all are found,
 * so values near the top cost little. Problems (a file that cannot be
 * read, a syntax error) only leave values NULL: the full load reports
 * them. Only the first document is read.
 */
void yamlfile_peek(const char *path, const char *const *keys, size_t n,
    char **values);

/* Free what yamlfile_load returned; NULL is a no-op. */
void yamlfile_free(const cyaml_schema_value_t *schema, void *data);

/* The place of the node at path ("a.b[2].c"); false when absent. */
bool yaml_positions_find(const struct yaml_positions *pos, const char *path,
    struct soc_pos *out);
/*
 * The place of the key that names the node at path (the "profile" of
 * "assessment.profile"), where a message about that key belongs; a
 * sequence entry, or the root, has no key: its own place then.
 */
bool yaml_positions_find_key(const struct yaml_positions *pos,
    const char *path, struct soc_pos *out);
/* The place of path, else of its closest enclosing node; false if none. */
bool yaml_positions_nearest(const struct yaml_positions *pos,
    const char *path, struct soc_pos *out);
/*
 * The place of the first needle in the text of the node at path (a
 * placeholder in a long text), data being the text pos was made from;
 * false when the node or the needle is not there (written with an
 * escape, say).
 */
bool yaml_positions_find_in(const struct yaml_positions *pos,
    const char *path, const char *data, size_t len, const char *needle,
    struct soc_pos *out);
/*
 * The first top-level key that is none of the n names but a likely typo
 * of one: that key, with *near the name and *out the key's place; NULL
 * when there is none.
 */
const char *yaml_positions_near_key(const struct yaml_positions *pos,
    const char *const *names, size_t n, const char **near,
    struct soc_pos *out);
void yaml_positions_free(struct yaml_positions *pos);

/* Schema shorthands: every scalar is loaded as a string (checked later). */
#define YF_STR(key, flags, type, member) \
	CYAML_FIELD_STRING_PTR(key, flags, type, member, 0, CYAML_UNLIMITED)
#define YF_SEQ(key, flags, type, member, entry) \
	CYAML_FIELD_SEQUENCE(key, CYAML_FLAG_POINTER | (flags), type, member, \
	    entry, 0, CYAML_UNLIMITED)
#define YF_REQ CYAML_FLAG_DEFAULT
#define YF_OPT CYAML_FLAG_OPTIONAL

/* Schema of one entry of a sequence of strings. */
extern const cyaml_schema_value_t yamlfile_string_entry;

/* A per-area target "{area: ID, level: N}" (model profiles, answers). */
struct yaml_area_target {
	char *area;
	char *level;
};

/* Schema of one {area, level} entry. */
extern const cyaml_schema_value_t yamlfile_area_target_entry;

/* Tests only: route libcyaml's allocations through fn (NULL = default). */
void yamlfile_set_mem_fn(cyaml_mem_fn_t fn, void *ctx);

#endif
