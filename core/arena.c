#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct cq_arena_block {
	cq_arena_block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

enum { BLOCK_MIN = 64 * 1024 };

void cq_arena_init(cq_arena *a)
{
	a->head = NULL;
	a->failed = 0;
}

void cq_arena_free(cq_arena *a)
{
	cq_arena_block *b = a->head;

	while (b) {
		cq_arena_block *next = b->next;
		free(b);
		b = next;
	}
	cq_arena_init(a);
}

void cq_arena_reset(cq_arena *a)
{
	cq_arena_block *keep = a->head;

	if (!keep)
		return;
	a->head = keep->next;
	cq_arena_free(a);
	keep->next = NULL;
	keep->used = 0;
	a->head = keep;
}

/* size bytes at a multiple of align (a power of two) within a block. */
static void *alloc(cq_arena *a, size_t size, size_t align)
{
	cq_arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	void *p;

	if (!size)
		size = 1;
	if (!b || at > b->size || b->size - at < size) {
		size_t bsize = size > BLOCK_MIN ? size : BLOCK_MIN;

		b = malloc(sizeof(*b) + bsize);
		if (!b) {
			a->failed = 1;
			return NULL;
		}
		b->size = bsize;
		b->used = 0;
		at = 0;
		/* A large single allocation goes behind the current block so
		 * the rest of the current block stays usable. */
		if (a->head && bsize == size) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + at;
	b->used = at + size;
	return p;
}

void *cq_arena_alloc(cq_arena *a, size_t size)
{
	void *p = alloc(a, size, alignof(max_align_t));

	if (p)
		memset(p, 0, size);
	return p;
}

/* Strings need no alignment: packed, a course's names take less room. */
char *cq_arena_strndup(cq_arena *a, const char *s, size_t n)
{
	char *p = alloc(a, n + 1, 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *cq_arena_strdup(cq_arena *a, const char *s)
{
	return cq_arena_strndup(a, s, strlen(s));
}

void cq_vec_init(cq_vec *v, size_t item_size)
{
	v->items = NULL;
	v->len = v->cap = 0;
	v->item_size = item_size;
}

void *cq_vec_push(cq_vec *v, cq_arena *a)
{
	unsigned char *slot;

	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void *items = a ? cq_arena_alloc(a, cap * v->item_size)
				: realloc(v->items, cap * v->item_size);

		if (!items)
			return NULL;
		if (a && v->len)
			memcpy(items, v->items, v->len * v->item_size);
		v->items = items;
		v->cap = cap;
	}
	slot = (unsigned char *)v->items + v->len++ * v->item_size;
	memset(slot, 0, v->item_size);
	return slot;
}

void cq_vec_free(cq_vec *v)
{
	free(v->items);
	cq_vec_init(v, v->item_size);
}
