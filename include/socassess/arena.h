/*
 * A region for the many small, short-lived allocations of one file's
 * load: allocating is a pointer bump in a chunk, freeing one allocation
 * does nothing, and arena_release frees everything at once. A batch
 * run then costs the same per file at the 10,000th file as at the
 * first, and nothing has to walk a loaded tree to free it.
 */
#ifndef SOCASSESS_ARENA_H
#define SOCASSESS_ARENA_H

#include <stddef.h>

/*
 * Under AddressSanitizer every allocation gets a chunk of its own, so
 * that an overflow past one is still caught (and nothing grows in place).
 */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_CHUNK_EACH 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_CHUNK_EACH 1
#endif
#endif
#ifndef ARENA_CHUNK_EACH
#define ARENA_CHUNK_EACH 0
#endif

struct arena_chunk;

struct arena {
	struct arena_chunk *chunk;  /* the newest chunk, allocated from */
	size_t next_size;           /* size of the next chunk's payload */
};

#define ARENA_INIT { NULL, 0 }

/*
 * size bytes aligned for any type, or NULL when memory runs out (the
 * caller reports it; nothing exits here).
 */
void *arena_alloc(struct arena *a, size_t size);
/*
 * Resize ptr (NULL: allocate) keeping its bytes, like realloc; size 0
 * frees nothing and returns NULL. Growing the newest allocation, or
 * within the room given to an earlier one, does not copy. NULL when
 * memory runs out (ptr then stays valid).
 */
void *arena_realloc(struct arena *a, void *ptr, size_t size);
/* Free every allocation of the arena; it can be used again. */
void arena_release(struct arena *a);

/*
 * arena_realloc with the realloc-like signature of libcyaml's memory
 * function (ctx is the arena), so a load allocates in an arena.
 */
void *arena_mem_fn(void *ctx, void *ptr, size_t size);

#endif
