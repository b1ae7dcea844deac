/* Snippets for `courseq search`: a few words of a hit's text with the
 * words that matched in bold, in two steps. While FTS5 walks the hits, a
 * snippet is planned from the positions of the row's matches alone (which
 * column, which tokens, which of them matched), cheaply, for every hit
 * that may be shown. Once the best are known, only theirs are made: the
 * column's text is read and tokenized as far as the fragment, and no
 * further (in a large course, the pages of text a search read were most
 * of its reading when the file was not in the page cache). */
#ifndef COURSEQ_SEARCH_SNIPPET_H
#define COURSEQ_SEARCH_SNIPPET_H

#include <sqlite3.h>

enum { CQ_SNIPPET_TOKENS = 16 };

typedef struct cq_snippet_plan {
	int col;                 /* the column shown; -1: no column has a match */
	int first;               /* the fragment's first token in it */
	unsigned long long hits; /* bit k: token first + k matched */
} cq_snippet_plan;

/* The current row's plan, from inside an FTS5 auxiliary function: the
 * body is preferred (the title is shown beside every hit), then the window
 * of CQ_SNIPPET_TOKENS holding the most distinct phrases. An SQLite
 * result code. */
int cq_snippet_plan_of(const Fts5ExtensionApi *api, Fts5Context *fts, cq_snippet_plan *plan);

/* Makes planned snippets from the search table's text. */
typedef struct cq_snippet_maker cq_snippet_maker;

/* For the FTS5 table schema.table. An SQLite result code; *out is NULL
 * unless it is SQLITE_OK. */
int cq_snippet_maker_open(cq_snippet_maker **out, sqlite3 *db, const char *schema,
			  const char *table);
/* Reads each row whole through the table, as the maker does when FTS5's
 * content table cannot be read in place (tests compare the two). */
void cq_snippet_maker_read_rows(cq_snippet_maker *m);
/* The snippet of row rowid as planned, in *out (sqlite3_malloc'd; "" when
 * the plan has no column or the row is gone). Only the start of the
 * column's text is read, as far as the fragment. An SQLite result code. */
int cq_snippet_make(cq_snippet_maker *m, sqlite3_int64 rowid, const cq_snippet_plan *plan,
		    char **out);
void cq_snippet_maker_close(cq_snippet_maker *m);

#endif
