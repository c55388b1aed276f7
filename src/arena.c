/*
 * Chunks chained newest first. Every allocation is preceded by a header
 * holding its room (the bytes it may grow to without moving), so a
 * realloc knows how much to copy.
 */
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "socassess/arena.h"

#define ALIGN alignof(max_align_t)

struct arena_chunk {
	struct arena_chunk *prev;
	size_t size;    /* bytes of payload */
	size_t used;    /* bytes of payload handed out, headers included */
	alignas(max_align_t) unsigned char payload[];
};

/* The header before each allocation, padded to keep it aligned. */
union header {
	size_t room;
	max_align_t align;
};

/* The first chunk's payload, doubled for each new chunk up to the largest. */
#define FIRST_CHUNK (ARENA_CHUNK_EACH ? 0 : (size_t)16 << 10)
#define LARGEST_CHUNK ((size_t)1 << 20)

static size_t
round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(ALIGN - 1);
}

/* A new chunk with at least need bytes of payload, or NULL. */
static struct arena_chunk *
add_chunk(struct arena *a, size_t need)
{
	size_t want = a->next_size > 0 ? a->next_size : FIRST_CHUNK;
	size_t size = want > need ? want : need;
	struct arena_chunk *c;

	if (size > SIZE_MAX - sizeof(*c))
		return NULL;
	c = malloc(sizeof(*c) + size);
	if (c == NULL)
		return NULL;
	c->prev = a->chunk;
	c->size = size;
	c->used = 0;
	a->chunk = c;
	a->next_size = want < LARGEST_CHUNK ? want * 2 : want;
	return c;
}

/* size bytes with room bytes reserved behind them; NULL when out. */
static void *
alloc_room(struct arena *a, size_t room)
{
	struct arena_chunk *c = a->chunk;
	size_t need;
	union header *h;

	if (room > SIZE_MAX / 2)
		return NULL;
	room = round_up(room);
	need = sizeof(*h) + room;
	if (c == NULL || c->size - c->used < need) {
		c = add_chunk(a, need);
		if (c == NULL)
			return NULL;
	}
	h = (union header *)(c->payload + c->used);
	h->room = room;
	c->used += need;
	return h + 1;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	return alloc_room(a, size);
}

/* True when p is the newest allocation of the newest chunk. */
static bool
is_last(const struct arena *a, const union header *h)
{
	const struct arena_chunk *c = a->chunk;

	return c != NULL && (const unsigned char *)(h + 1) + h->room ==
	    c->payload + c->used;
}

void *
arena_realloc(struct arena *a, void *ptr, size_t size)
{
	union header *h;
	void *grown;

	if (size == 0)
		return NULL;
	if (ptr == NULL)
		return alloc_room(a, size);
	h = (union header *)ptr - 1;
	if (size <= h->room)
		return ptr;
	/* The newest allocation grows into the rest of its chunk. */
	if (is_last(a, h) && round_up(size) - h->room <=
	    a->chunk->size - a->chunk->used) {
		size = round_up(size);
		a->chunk->used += size - h->room;
		h->room = size;
		return ptr;
	}
	/*
	 * Moving: reserve half as much again, so a sequence grown one
	 * entry at a time (libcyaml's way) is copied a few times only.
	 */
	grown = alloc_room(a, size < SIZE_MAX / 3 ? size + size / 2 : size);
	if (grown != NULL)
		memcpy(grown, ptr, h->room);
	return grown;
}

void
arena_release(struct arena *a)
{
	while (a->chunk != NULL) {
		struct arena_chunk *prev = a->chunk->prev;

		free(a->chunk);
		a->chunk = prev;
	}
	a->next_size = 0;
}

void *
arena_mem_fn(void *ctx, void *ptr, size_t size)
{
	return arena_realloc(ctx, ptr, size);
}
