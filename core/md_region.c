#include "md_region.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 1 << 20, ALIGN = 16 };

typedef struct block {
	struct block *next;
	size_t used, cap;
	max_align_t data[]; /* cap bytes */
} block;

/* Each allocation is preceded by its size, for realloc. */
typedef struct head {
	size_t size;
	size_t pad; /* keeps the data 16-aligned */
} head;

typedef struct region {
	block *blocks; /* newest first */
	int depth;
	void *last; /* the newest allocation, which can grow in place */
} region;

static _Thread_local region here;

/* Out of memory is fatal to cmark (its own allocator aborts too). */
static void *oom(void)
{
	fputs("courseq: out of memory parsing Markdown\n", stderr);
	abort();
}

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static block *new_block(size_t need)
{
	size_t cap = need > BLOCK / 4 ? need : BLOCK;
	block *b = malloc(sizeof(block) + cap);

	if (!b)
		return oom();
	b->used = 0;
	b->cap = cap;
	/* A big one goes behind the current block, which keeps filling. */
	if (here.blocks && cap != BLOCK) {
		b->next = here.blocks->next;
		here.blocks->next = b;
	} else {
		b->next = here.blocks;
		here.blocks = b;
	}
	return b;
}

static void *alloc(size_t size)
{
	size_t need = sizeof(head) + round_up(size ? size : 1);
	block *b = here.blocks;
	head *h;

	if (need < size)
		return oom();
	if (!b || b->cap - b->used < need)
		b = new_block(need);
	h = (head *)((char *)b->data + b->used);
	b->used += need;
	h->size = size;
	if (b == here.blocks)
		here.last = h + 1;
	return h + 1;
}

static void *region_calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return oom();
	p = alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *region_realloc(void *p, size_t size)
{
	head *h;
	block *b = here.blocks;
	void *q;

	if (!p)
		return alloc(size);
	h = (head *)p - 1;
	if (size <= h->size)
		return p; /* the size stays: growing in place counts on it */
	/* The newest allocation grows where it is when its block has room. */
	if (p == here.last) {
		size_t old = round_up(h->size), want = round_up(size);

		if (want >= size && b->cap - b->used >= want - old) {
			b->used += want - old;
			h->size = size;
			return p;
		}
	}
	q = alloc(size);
	memcpy(q, p, h->size);
	return q;
}

static void region_free(void *p)
{
	(void)p; /* all at once, when the parse ends */
}

static cmark_mem allocator = {region_calloc, region_realloc, region_free};

cmark_mem *cq_md_region_enter(void)
{
	here.depth++;
	return &allocator;
}

void cq_md_region_leave(void)
{
	block *keep;

	if (--here.depth > 0)
		return;
	/* Keep one standard block for the next lesson; free the rest. */
	keep = NULL;
	while (here.blocks) {
		block *b = here.blocks;

		here.blocks = b->next;
		if (!keep && b->cap == BLOCK) {
			keep = b;
			continue;
		}
		free(b);
	}
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
	}
	here.blocks = keep;
	here.last = NULL;
}

void cq_md_region_release(void)
{
	while (here.blocks) {
		block *b = here.blocks;

		here.blocks = b->next;
		free(b);
	}
	here.last = NULL;
}
