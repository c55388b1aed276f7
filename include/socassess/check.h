/*
 * Helpers for the semantic checks that follow a YAML load: they turn a
 * node path such as "domains[2].areas[5].weight" into the file's line and
 * column (or the nearest enclosing node that exists) and parse numbers
 * strictly. Used by the model, questionnaire and answers loaders.
 */
#ifndef SOCASSESS_CHECK_H
#define SOCASSESS_CHECK_H

#include <stdbool.h>

#include "socassess/error.h"
#include "socassess/yamlfile.h"

struct checker {
	const char *path;                 /* file name for messages */
	const struct yaml_positions *pos; /* borrowed, may be NULL */
	struct soc_errors *errs;          /* borrowed */
	const char *data;                 /* the file's text, may be NULL */
	size_t len;
	char node[256];                   /* scratch for ck_node() */
};

/* Format a node path into ck->node and return it. */
const char *ck_node(struct checker *ck, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Report an error at node (or its nearest existing parent). */
void ck_error(struct checker *ck, const char *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ck_warning(struct checker *ck, const char *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An error about the key naming node (unknown key...), at that key. */
void ck_key_error(struct checker *ck, const char *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * An error about the text needle inside node's text (a placeholder in a
 * long text), at needle when ck->data is set and needle is found there,
 * else at node.
 */
void ck_error_in(struct checker *ck, const char *node, const char *needle,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * "duplicate WHAT 'VALUE' (first on line N)" at ck->node (the repeat),
 * N being the line of the node first_fmt names (printf-style).
 */
void ck_duplicate(struct checker *ck, const char *what, const char *value,
    const char *first_fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Parse s as a finite number in [min, max] into *out. A NULL s leaves
 * *out at dflt. On failure reports "<what> '<s>' must be ..." and
 * returns false.
 */
bool ck_number(struct checker *ck, const char *node, const char *what,
    const char *s, double min, double max, double dflt, double *out);
/* Same for integers. */
bool ck_int(struct checker *ck, const char *node, const char *what,
    const char *s, long min, long max, long dflt, long *out);

/* A required string: non-blank, valid UTF-8. */
bool ck_text(struct checker *ck, const char *node, const char *what,
    const char *s);
/* An id: [A-Za-z0-9._-]+. */
bool ck_id(struct checker *ck, const char *node, const char *what,
    const char *s);
/* A NIST CSF 2.0 tag: GV, GV.OC or GV.OC-01 (functions GV ID PR DE RS RC). */
bool ck_csf(struct checker *ck, const char *node, const char *s);

/* True when tag names a NIST CSF 2.0 function, category or subcategory. */
bool csf_tag_valid(const char *tag);

#endif
