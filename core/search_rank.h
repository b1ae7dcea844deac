/* Ranking and snippets for full-text search, as FTS5 auxiliary functions
 * on a connection: cq_rank(search), BM25 without length normalisation
 * (title, headings and body weighted 10, 5, 1), and cq_snippet(search
 * [, open, close, ellipsis, ntokens]), a fragment of the best column. */
#ifndef COURSEQ_SEARCH_RANK_H
#define COURSEQ_SEARCH_RANK_H

#include <sqlite3.h>

/* Registers both on db; an SQLite result code. */
int cq_search_functions(sqlite3 *db);

#endif
