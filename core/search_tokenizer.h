/* The full-text tokenizer, faster: FTS5's unicode61 asks two Unicode
 * tables about every character it reads, and for Russian text that is most
 * of the cost of building the search index and of making snippets.
 *
 * cq_search_tokenizer registers, on one connection, a tokenizer under the
 * name "unicode61" itself, so the search file's schema names only SQLite's
 * own tokenizer and stays readable by any SQLite. It makes exactly the
 * tokens unicode61 makes with the same arguments: it learns what unicode61
 * does with each character (a token character or not, and what it folds
 * to) by asking unicode61 once, remembers the answer, and hands text it
 * cannot read as UTF-8 to unicode61 itself. */
#ifndef COURSEQ_SEARCH_TOKENIZER_H
#define COURSEQ_SEARCH_TOKENIZER_H

#include <sqlite3.h>

/* An SQLite result code. */
int cq_search_tokenizer(sqlite3 *db);

#endif
