/*
 * Open-addressing hash index (hash_bytes, linear probing) of borrowed
 * strings. Each slot keeps its key's hash: a probe compares hashes and
 * calls strcmp only when they are equal, and growing never hashes a key
 * again.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/strindex.h"
#include "socassess/util.h"

/* Eight bytes at a time, folded into the 32 bits a slot keeps. */
static uint32_t
hash_str(const char *s)
{
	uint64_t h = hash_bytes(s, strlen(s));

	return (uint32_t)(h ^ (h >> 32));
}

void
str_index_init(struct str_index *ix)
{
	memset(ix, 0, sizeof(*ix));
}

void
str_index_release(struct str_index *ix)
{
	free(ix->slots);
	str_index_init(ix);
}

/* The slot of key (hash h) in ix, or the empty slot where it would go. */
static struct str_index_slot *
probe(const struct str_index *ix, const char *key, uint32_t h)
{
	size_t i = (size_t)h & (ix->cap - 1);

	for (;; i = (i + 1) & (ix->cap - 1)) {
		struct str_index_slot *s = &ix->slots[i];

		if (s->key == NULL || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

/* Move ix into cap slots (a power of two, larger than it has). */
static void
resize(struct str_index *ix, size_t cap)
{
	struct str_index bigger = { .cap = cap };

	bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
	for (size_t i = 0; i < ix->cap; i++) {
		const struct str_index_slot *s = &ix->slots[i];

		if (s->key != NULL)
			*probe(&bigger, s->key, s->hash) = *s;
	}
	bigger.n = ix->n;
	free(ix->slots);
	*ix = bigger;
}

/* Whether n + 1 keys would fill more than 3/4 of cap slots. */
static bool
too_full(size_t n, size_t cap)
{
	return (n + 1) * 4 > cap * 3;
}

void
str_index_reserve(struct str_index *ix, size_t n)
{
	size_t cap = ix->cap ? ix->cap : 64;

	while (too_full(n, cap))
		cap *= 2;
	if (cap > ix->cap)
		resize(ix, cap);
}

long
str_index_add(struct str_index *ix, const char *key, size_t value)
{
	uint32_t h = hash_str(key);
	struct str_index_slot *s;

	if (too_full(ix->n, ix->cap))
		resize(ix, ix->cap ? ix->cap * 2 : 64);
	s = probe(ix, key, h);
	if (s->key != NULL)
		return (long)s->value;
	*s = (struct str_index_slot){ key, (uint32_t)value, h };
	ix->n++;
	return -1;
}

long
str_index_find(const struct str_index *ix, const char *key)
{
	const struct str_index_slot *s;

	if (ix->cap == 0)
		return -1;
	s = probe(ix, key, hash_str(key));
	return s->key != NULL ? (long)s->value : -1;
}
