/* The courseq_db handle and its error reporting, shared by the files that
 * implement the public API. */
#ifndef COURSEQ_DB_H
#define COURSEQ_DB_H

#include <sqlite3.h>

#include "buf.h"
#include "config.h"
#include "courseq.h"

struct courseq_db {
	cq_config cfg;
	int has_cfg;
	sqlite3 *db; /* read-write: refresh, lookups */
	sqlite3 *ro; /* read-only: user queries; opened on first use */
	cq_buf err;
	int snapshot; /* a read transaction is open on db */
	int fts;      /* the search file is attached to db (as "fts") */
	int fts_agrees; /* the snapshot has it at the index's generation */
};

/* Answers come from one snapshot of the index: a read transaction opened
 * after each refresh, so other processes' refreshes are not seen halfway
 * through a command. Writers end it first. */
void cq_snapshot_begin(courseq_db *db);
void cq_snapshot_end(courseq_db *db);

/* Attaches the search file to db->db, outside a snapshot. It is detached
 * when the snapshot ends: a writer's BEGIN IMMEDIATE would lock it too,
 * and the refresh writes it from a connection of its own. */
void cq_attach_search(courseq_db *db);

/* Sets the handle's message and returns code. */
int cq_fail(courseq_db *db, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets the message from SQLite's last error on conn, and returns
 * COURSEQ_EDB. */
int cq_fail_sql(courseq_db *db, sqlite3 *conn, const char *what);

/* Lesson keys used across the API: course order for ORDER BY. */
#define CQ_COURSE_ORDER "module_rank, module_dir, ord IS NULL, ord, id"

int cq_refresh(courseq_db *db, unsigned flags, courseq_refresh_stats *stats);

/* The index key of a lesson handle. */
int64_t cq_lesson_key(const courseq_lesson *lesson);

#endif
