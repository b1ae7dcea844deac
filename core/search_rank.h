/* Ranking and snippets for full-text search, as FTS5 auxiliary functions
 * on a connection: cq_rank(search), BM25 without length normalisation
 * (title, headings and body weighted 10, 5, 1); cq_snippet(search
 * [, open, close, ellipsis, ntokens]), a fragment of the best column; and
 * cq_best(search, set), which keeps the best hits of a query, with their
 * snippets, in set (bound with sqlite3_bind_pointer as "cq_best_set"), in
 * one pass over the hits. */
#ifndef COURSEQ_SEARCH_RANK_H
#define COURSEQ_SEARCH_RANK_H

#include <stddef.h>

#include <sqlite3.h>

typedef struct cq_best_hit {
	sqlite3_int64 rowid;
	double rank;   /* cq_rank's: lower is better */
	char *snippet; /* sqlite3_malloc'd */
} cq_best_hit;

typedef struct cq_best_set {
	size_t limit; /* 0: every hit */
	size_t n, cap;
	cq_best_hit *hits;
} cq_best_set;

/* -1 when out of memory. */
int cq_best_init(cq_best_set *set, size_t limit);
/* Best first (ties: lower rowid first). */
void cq_best_sort(cq_best_set *set);
void cq_best_free(cq_best_set *set);

/* FTS5's API on db, NULL without FTS5. */
fts5_api *cq_fts5_api(sqlite3 *db);

/* Registers the three on db; an SQLite result code. */
int cq_search_functions(sqlite3 *db);

#endif
