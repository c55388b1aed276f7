/*
 * A small hash index from strings to array positions, so lookups by id
 * stay linear over a whole file (answers are matched to questions for
 * every file of a batch). Keys are borrowed: they must outlive the index.
 */
#ifndef SOCASSESS_STRINDEX_H
#define SOCASSESS_STRINDEX_H

#include <stddef.h>
#include <stdint.h>

/* 16 bytes: an index of every file of a large batch stays small. */
struct str_index_slot {
	const char *key;     /* NULL: empty */
	uint32_t value;
	uint32_t hash;       /* of key */
};

struct str_index {
	struct str_index_slot *slots;
	size_t cap;   /* power of two, 0 when empty */
	size_t n;
};

void str_index_init(struct str_index *ix);
void str_index_release(struct str_index *ix);

/* Make room for n keys at once (for a count known ahead). */
void str_index_reserve(struct str_index *ix, size_t n);
/*
 * Add key -> value (below 2^32: positions in arrays). Returns -1 when
 * added, or the value already stored for an equal key (which is kept).
 */
long str_index_add(struct str_index *ix, const char *key, size_t value);
/* The value stored for key, or -1. */
long str_index_find(const struct str_index *ix, const char *key);

#endif
