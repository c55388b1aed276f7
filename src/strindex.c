/*
 * Open-addressing hash index (FNV-1a, linear probing) of borrowed strings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/strindex.h"
#include "socassess/util.h"

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void
str_index_init(struct str_index *ix)
{
	memset(ix, 0, sizeof(*ix));
}

void
str_index_release(struct str_index *ix)
{
	free(ix->keys);
	free(ix->values);
	str_index_init(ix);
}

static void
grow(struct str_index *ix)
{
	struct str_index bigger = { .cap = ix->cap ? ix->cap * 2 : 64 };

	bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.values = xcalloc(bigger.cap, sizeof(*bigger.values));
	for (size_t i = 0; i < ix->cap; i++) {
		if (ix->keys[i] != NULL)
			str_index_add(&bigger, ix->keys[i], ix->values[i]);
	}
	str_index_release(ix);
	*ix = bigger;
}

long
str_index_add(struct str_index *ix, const char *key, size_t value)
{
	size_t i;

	if ((ix->n + 1) * 4 > ix->cap * 3)
		grow(ix);
	for (i = hash_str(key) & (ix->cap - 1); ix->keys[i] != NULL;
	    i = (i + 1) & (ix->cap - 1)) {
		if (strcmp(ix->keys[i], key) == 0)
			return (long)ix->values[i];
	}
	ix->keys[i] = key;
	ix->values[i] = value;
	ix->n++;
	return -1;
}

long
str_index_find(const struct str_index *ix, const char *key)
{
	if (ix->cap == 0)
		return -1;
	for (size_t i = hash_str(key) & (ix->cap - 1); ix->keys[i] != NULL;
	    i = (i + 1) & (ix->cap - 1)) {
		if (strcmp(ix->keys[i], key) == 0)
			return (long)ix->values[i];
	}
	return -1;
}
