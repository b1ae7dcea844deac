/* Did-you-mean: the candidates nearest to a misspelled name. */
#ifndef COURSEQ_SUGGEST_H
#define COURSEQ_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a and b, in bytes. */
size_t cq_edit_distance(const char *a, const char *b);

/* Up to max indices of candidates close to query (distance at most a third
 * of the query's length, and at least 2 allowed), nearest first; returns
 * how many were written to out. A candidate is dropped as soon as it is
 * known to be too far, so the cost is near linear in the candidates. */
size_t cq_suggest(const char *query, const char *const *candidates, size_t n,
		  size_t *out, size_t max);

/* As cq_suggest; when no candidate is that close, those a prefix of which
 * is, within a sixth of the query's length (a lesson id typed in part,
 * with a typo: module-7/04-multi-databse). */
size_t cq_suggest_typed(const char *query, const char *const *candidates, size_t n,
			size_t *out, size_t max);

#endif
