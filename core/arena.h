/* Region allocation: everything parsed from one lesson lives in one arena
 * and is freed at once, so the parser never tracks individual strings. */
#ifndef COURSEQ_ARENA_H
#define COURSEQ_ARENA_H

#include <stddef.h>

typedef struct cq_arena_block cq_arena_block;

typedef struct cq_arena {
	cq_arena_block *head;
	int failed; /* set once an allocation failed; later ones return NULL */
} cq_arena;

void cq_arena_init(cq_arena *a);
void cq_arena_free(cq_arena *a);
/* Empties the arena, keeping one block for what comes next. */
void cq_arena_reset(cq_arena *a);

/* Zeroed memory aligned for any type; NULL when out of memory. */
void *cq_arena_alloc(cq_arena *a, size_t size);
char *cq_arena_strndup(cq_arena *a, const char *s, size_t n);
char *cq_arena_strdup(cq_arena *a, const char *s);

/* A growable array of fixed-size items whose storage lives in an arena:
 * growing copies into a bigger arena block; the old one is simply left.
 * Or, pushed to with a NULL arena, on the heap (a large array that grows
 * without leaving copies), freed by cq_vec_free. */
typedef struct cq_vec {
	void *items;
	size_t len, cap, item_size;
} cq_vec;

void cq_vec_init(cq_vec *v, size_t item_size);
/* Appends a zeroed item and returns it, or NULL when out of memory. */
void *cq_vec_push(cq_vec *v, cq_arena *a);
/* Only for a vector pushed to with a NULL arena. */
void cq_vec_free(cq_vec *v);
#define CQ_VEC_AT(v, type, i) (&((type *)(v)->items)[i])

#endif
