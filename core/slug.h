/* Heading anchors, exactly as github-slugger 2.0 computes them (and the
 * Astro 5 variant that drops one trailing '-'). */
#ifndef COURSEQ_SLUG_H
#define COURSEQ_SLUG_H

#include <stddef.h>

#include "buf.h"
#include "strmap.h"

typedef enum cq_slug_profile {
	CQ_SLUG_GITHUB = 0,
	CQ_SLUG_ASTRO5 = 1
} cq_slug_profile;

/* Appends the slug of text (UTF-8, len bytes) to out, without making it
 * unique: lowercase with full case mapping, drop punctuation, symbols,
 * controls and separators other than ' ' and '-', then ' ' becomes '-'. */
void cq_slug_base(cq_buf *out, const char *text, size_t len);

/* The per-document state that makes repeated slugs unique ("x", "x-1"). */
typedef struct cq_slugger {
	cq_strmap seen;
	cq_slug_profile profile;
	cq_buf scratch;
} cq_slugger;

void cq_slugger_init(cq_slugger *s, cq_arena *a, cq_slug_profile profile);
void cq_slugger_free(cq_slugger *s);
/* The unique slug of text, in the slugger's arena; NULL when out of
 * memory. */
const char *cq_slugger_slug(cq_slugger *s, const char *text, size_t len);

#endif
