/* The lessons' full-text index, in a database file of its own beside the
 * index (INDEX-search), written by a thread of its own during a refresh:
 * tokenizing every lesson's text costs about as much as parsing it, and
 * SQLite writes one file from one thread at a time.
 *
 * The two files agree through a generation number kept in both: a refresh
 * that changes the search index writes generation + 1 to the search file,
 * commits it, then commits the index with the same number. A process killed
 * between the two commits leaves them different, and the next refresh
 * rebuilds both. Readers never see a wrong hit meanwhile: each document
 * carries the content hash of the lesson it was made from, and searches
 * join on it. */
#ifndef COURSEQ_SEARCH_INDEX_H
#define COURSEQ_SEARCH_INDEX_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* The search table's tokenizer and its arguments, as its schema names
 * them: Russian must be searchable, and unicode61 with diacritics removed
 * folds case for Cyrillic too. */
#define CQ_SEARCH_TOKENIZE "unicode61 remove_diacritics 2"
/* Its columns: title, headings, body. */
enum { CQ_SEARCH_COLUMNS = 3 };

/* The search file of an index file. */
void cq_search_path(char *out, size_t n, const char *index_path);

/* Attaches the search file to conn as schema "fts" (read-only connections
 * too); 0, or -1 when it cannot be opened. Outside a transaction. */
int cq_search_attach(sqlite3 *conn, const char *index_path);
void cq_search_detach(sqlite3 *conn);

/* Deletes the search file (and its -wal and -shm). */
void cq_search_remove(const char *index_path);

typedef struct cq_search_writer cq_search_writer;

/* Opens the search file for writing, making it anew when it is missing,
 * of another version or unreadable. Writes nothing yet. -1 with err. */
int cq_search_open(cq_search_writer **out, const char *index_path, char *err, size_t errlen);

/* The generation the file was last committed with; -1 for a new file. */
int64_t cq_search_generation(const cq_search_writer *w);
/* Is there a usable file? Else the refresh rebuilds (cq_search_clear). */
int cq_search_exists(const cq_search_writer *w);

/* Starts the search index anew (a full rebuild): a new file, written
 * without journal or syncs, renamed into place by cq_search_commit. */
int cq_search_clear(cq_search_writer *w);

/* Queues a lesson's document (copied) or its removal; the writing happens
 * on the writer's thread, which starts with the first change. -1 when out
 * of memory or when the writer has failed (cq_search_commit says why). */
int cq_search_put(cq_search_writer *w, int64_t lesson, const char *hash, const char *title,
		  const char *headings, const char *text, size_t text_len);
int cq_search_delete(cq_search_writer *w, int64_t lesson);

/* Did anything change? Then the generations move on. */
int cq_search_changed(const cq_search_writer *w);

/* Stops the writer's thread; 0 when it has not failed, else as
 * cq_search_commit. */
int cq_search_stop(cq_search_writer *w, char *err, size_t errlen);

/* Waits for the queue to be written, records generation and commits.
 * 0; -1 with err; -2 with err when the file is damaged (remove it and
 * refresh again). Nothing is written when nothing changed. */
int cq_search_commit(cq_search_writer *w, int64_t generation, char *err, size_t errlen);

/* Stops the thread, rolls back what was not committed, closes. NULL is
 * fine. */
void cq_search_close(cq_search_writer *w);

#endif
