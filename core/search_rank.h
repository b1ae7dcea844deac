/* Ranking and snippets for full-text search, as FTS5 auxiliary functions
 * on a connection: cq_rank(search), BM25 without length normalisation
 * (title, headings and body weighted 10, 5, 1), and cq_snippet(search
 * [, open, close, ellipsis, ntokens]), a fragment of the best column;
 * and cq_ranked(list, rowid), a rank looked up in a list of ranks made
 * before, so that snippets are made only for the documents shown. */
#ifndef COURSEQ_SEARCH_RANK_H
#define COURSEQ_SEARCH_RANK_H

#include <stddef.h>

#include <sqlite3.h>

typedef struct cq_ranked_entry {
	sqlite3_int64 rowid;
	double rank;
} cq_ranked_entry;

/* Sorts list as cq_ranked wants it, to be bound as a blob. */
void cq_rank_list(cq_ranked_entry *list, size_t n);

/* FTS5's API on db, NULL without FTS5. */
fts5_api *cq_fts5_api(sqlite3 *db);

/* Registers the three on db; an SQLite result code. */
int cq_search_functions(sqlite3 *db);

#endif
