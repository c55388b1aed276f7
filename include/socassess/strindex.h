/*
 * A small hash index from strings to array positions, so lookups by id
 * stay linear over a whole file (answers are matched to questions for
 * every file of a batch). Keys are borrowed: they must outlive the index.
 */
#ifndef SOCASSESS_STRINDEX_H
#define SOCASSESS_STRINDEX_H

#include <stddef.h>
#include <stdint.h>

struct str_index_slot {
	const char *key;     /* NULL: empty */
	size_t value;
	uint64_t hash;       /* of key */
};

struct str_index {
	struct str_index_slot *slots;
	size_t cap;   /* power of two, 0 when empty */
	size_t n;
};

void str_index_init(struct str_index *ix);
void str_index_release(struct str_index *ix);

/*
 * Add key -> value. Returns -1 when added, or the value already stored
 * for an equal key (which is kept).
 */
long str_index_add(struct str_index *ix, const char *key, size_t value);
/* The value stored for key, or -1. */
long str_index_find(const struct str_index *ix, const char *key);

#endif
