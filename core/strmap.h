/* A string-keyed hash map with int values, keys copied into an arena.
 * Used for slug occurrences, lookups by id and the like. */
#ifndef COURSEQ_STRMAP_H
#define COURSEQ_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct cq_strmap_slot {
	const char *key; /* NULL: empty */
	size_t keylen;
	uint64_t hash;
	long value;
} cq_strmap_slot;

typedef struct cq_strmap {
	cq_arena *arena;
	cq_strmap_slot *slots;
	size_t cap, len;
} cq_strmap;

void cq_strmap_init(cq_strmap *m, cq_arena *a);
/* Pointer to the value for key, or NULL when absent. */
long *cq_strmap_get(const cq_strmap *m, const char *key, size_t keylen);
/* Pointer to the value for key, inserting it with value 0 when absent;
 * *added tells which (may be NULL). NULL when out of memory. */
long *cq_strmap_put(cq_strmap *m, const char *key, size_t keylen, int *added);

/* As cq_strmap_put, keeping key itself (not a copy): for keys that live
 * as long as the map. */
long *cq_strmap_put_ref(cq_strmap *m, const char *key, size_t keylen, int *added);
/* Room for n keys, so filling the map leaves no outgrown tables behind in
 * the arena. -1 when out of memory. */
int cq_strmap_reserve(cq_strmap *m, size_t n);

uint64_t cq_hash64(const void *data, size_t len);

#endif
