/* Writing lessons into the index: the schema, its version, and one
 * prepared statement per table. */
#ifndef COURSEQ_STORE_H
#define COURSEQ_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "buf.h"
#include "lesson.h"

/* Bump CQ_SCHEMA_VERSION when the tables change and CQ_PARSER_VERSION when
 * what the parser finds in a lesson changes: an index made by any other
 * version is rebuilt, never misread. */
#define CQ_SCHEMA_VERSION 7
#define CQ_PARSER_VERSION 7
#define CQ_XSTR(x) #x
#define CQ_STR(x) CQ_XSTR(x)

typedef struct cq_lesson_row {
	const char *id, *alias, *path, *module_dir;
	int module, module_rank;
	int64_t size, mtime_ns;
	uint64_t hash;
} cq_lesson_row;

enum cq_stmt_id {
	ST_DELETE_FIRST,
	ST_DELETE_LAST = ST_DELETE_FIRST + 13,
	ST_LESSON,
	ST_FIELD,
	ST_PREREQ,
	ST_TOPIC,
	ST_HEADING,
	ST_ANCHOR,
	ST_LINK,
	ST_IMPORT,
	ST_COMPONENT,
	ST_DIAGRAM,
	ST_CALLOUT,
	ST_CODE,
	ST_TABLE,
	ST_DIAG,
	ST_LINK_DIAG,
	ST_COUNT
};

typedef struct cq_store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	cq_buf scratch;
} cq_store;

/* Opens (creating, or rebuilding when its version or config_hash differs)
 * the index at path; *rebuilt tells whether it was made anew. Returns 0, or
 * -1 with err set. */
int cq_store_open(sqlite3 **out, const char *path, uint64_t config_hash,
		  int *rebuilt, char *err, size_t errlen);
/* Did the last failure on db come from a damaged file? */
int cq_store_damaged(sqlite3 *db);
/* Closes *db, deletes the index and makes it anew. */
int cq_store_reset(sqlite3 **db, const char *path, uint64_t config_hash, char *err, size_t errlen);

/* Puts the index in WAL mode (a file made anew is first written without,
 * see configure); fails when another connection has it open. */
int cq_store_wal(sqlite3 *db);

/* Empties every table (a full rebuild). */
int cq_store_clear(sqlite3 *db);

/* Drops the secondary indexes, keeping their definitions in *saved, and
 * makes them again: writing a whole course is faster without them, and an
 * index built once from sorted rows is smaller. In one transaction. */
int cq_store_indexes_off(sqlite3 *db, cq_buf *saved);
int cq_store_indexes_on(sqlite3 *db, const cq_buf *saved);
/* SQLite sorts (an index's keys, a GROUP BY) in as much memory as the
 * cache may hold, besides the cache itself. What follows the storing of
 * the lessons runs with a small cache (small = 1), which keeps the peak
 * where the storing has it: 32 -> 26 MiB for 10,000 lessons, and no slower
 * (the analysis reads each page about once). small = 0 restores it. */
int cq_store_small_cache(sqlite3 *db, int small);

int cq_store_prepare(cq_store *s, sqlite3 *db);
void cq_store_finalize(cq_store *s);

struct cq_config;
/* Inserts a lesson and everything parsed from it (with its links' verdicts,
 * when they were checked), with the severities the config sets; returns
 * its key, or -1. */
int64_t cq_store_put(cq_store *s, const cq_lesson_row *row, const cq_lesson_facts *f,
		     const struct cq_config *cfg);
/* Deletes a lesson and all its rows. */
int cq_store_delete(cq_store *s, int64_t lesson);

/* Runs one statement without results; -1 on failure. */
int cq_store_exec(sqlite3 *db, const char *sql);

#endif
