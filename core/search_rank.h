/* Ranking and snippets for full-text search, as an FTS5 auxiliary
 * function on a connection: cq_best(search, set) ranks each hit by BM25
 * without length normalisation (title, headings and body weighted 10, 5,
 * 1) and keeps the best in set (bound with sqlite3_bind_pointer as
 * "cq_best_set"), in one pass over the hits; their snippets are made
 * after it. */
#ifndef COURSEQ_SEARCH_RANK_H
#define COURSEQ_SEARCH_RANK_H

#include <stddef.h>

#include <sqlite3.h>

#include "search_snippet.h"

typedef struct cq_best_hit {
	sqlite3_int64 rowid;
	double rank;          /* -BM25: lower is better */
	cq_snippet_plan plan; /* planned as the hit was kept */
	char *snippet;        /* made by cq_best_snippets; sqlite3_malloc'd */
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
/* Makes the kept hits' snippets, from the search table schema.table of
 * db, once the pass is over. An SQLite result code. */
int cq_best_snippets(cq_best_set *set, sqlite3 *db, const char *schema, const char *table);
void cq_best_free(cq_best_set *set);

/* FTS5's API on db, NULL without FTS5. */
fts5_api *cq_fts5_api(sqlite3 *db);

/* Registers it on db; an SQLite result code. */
int cq_search_functions(sqlite3 *db);

#endif
