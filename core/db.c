#include "db.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search_index.h"
#include "store.h"

const char *courseq_version(void)
{
	return COURSEQ_VERSION_STRING;
}

int cq_fail(courseq_db *db, int code, const char *fmt, ...)
{
	va_list ap;

	cq_buf_clear(&db->err);
	va_start(ap, fmt);
	cq_buf_vprintf(&db->err, fmt, ap);
	va_end(ap);
	return code;
}

int cq_fail_sql(courseq_db *db, sqlite3 *conn, const char *what)
{
	return cq_fail(db, COURSEQ_EDB, "%s: %s", what, sqlite3_errmsg(conn));
}

const char *courseq_errmsg(const courseq_db *db)
{
	if (!db)
		return "out of memory";
	return cq_buf_cstr(&db->err);
}

void cq_attach_search(courseq_db *db)
{
	if (!db->fts && !db->snapshot && db->db)
		db->fts = cq_search_attach(db->db, db->cfg.db_path) == 0;
}

static int64_t generation(sqlite3 *conn, const char *sql)
{
	sqlite3_stmt *st;
	int64_t g = -1;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		g = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return g;
}

void cq_snapshot_begin(courseq_db *db)
{
	int tries;

	if (db->snapshot || !db->db)
		return;
	cq_attach_search(db);
	/* The snapshot is taken at the first read of each file. A refresh
	 * commits the search file, then the index: a snapshot that caught
	 * the one and not yet the other is taken again (and, after a crash
	 * between the two commits, used as it is: searches then skip the
	 * documents whose lesson changed, until the next refresh). */
	for (tries = 0; tries < 200; tries++) {
		int64_t ours, theirs;

		if (cq_store_exec(db->db, "BEGIN") < 0)
			return;
		db->snapshot = 1;
		ours = generation(db->db, "SELECT value FROM meta WHERE key = 'search'");
		theirs = db->fts ? generation(db->db, "SELECT value FROM fts.meta WHERE key = 'generation'")
				 : ours;
		if (ours == theirs) {
			db->fts_agrees = db->fts;
			return;
		}
		cq_store_exec(db->db, "COMMIT");
		db->snapshot = 0;
		usleep(1000);
	}
	db->snapshot = cq_store_exec(db->db, "BEGIN; SELECT count(*) FROM meta") == 0;
}

void cq_snapshot_end(courseq_db *db)
{
	if (db->snapshot)
		cq_store_exec(db->db, "COMMIT");
	db->snapshot = 0;
	if (db->fts)
		cq_search_detach(db->db);
	db->fts = 0;
	db->fts_agrees = 0;
}

int courseq_db_open(courseq_db **out, const courseq_options *opts)
{
	courseq_db *db = calloc(1, sizeof(*db));
	char err[1024];
	int rebuilt, rc;

	*out = db;
	if (!db)
		return COURSEQ_ENOMEM;
	if (cq_config_load(&db->cfg, opts ? opts->dir : NULL, opts ? opts->db_path : NULL,
			   err, sizeof(err)) < 0) {
		cq_config_free(&db->cfg);
		return cq_fail(db, strstr(err, "no course found") ? COURSEQ_ENOTFOUND
								  : COURSEQ_EPARSE,
			       "%s", err);
	}
	db->has_cfg = 1;
	if (cq_store_open(&db->db, db->cfg.db_path, db->cfg.hash, &rebuilt, err,
			  sizeof(err)) < 0)
		return cq_fail(db, COURSEQ_EDB, "%s", err);
	if (opts && (opts->flags & COURSEQ_OPEN_NO_REFRESH))
		return COURSEQ_OK;
	/* A new index is empty: answering from it would mislead. */
	if (opts && (opts->flags & COURSEQ_OPEN_STALE_OK) && !rebuilt) {
		cq_snapshot_begin(db);
		return COURSEQ_OK;
	}
	rc = cq_refresh(db, 0, NULL);
	/* A damaged index is a cache like any other: made anew. */
	if (rc == COURSEQ_EDB && cq_store_damaged(db->db)) {
		if (cq_store_reset(&db->db, db->cfg.db_path, db->cfg.hash, err, sizeof(err)) < 0)
			return cq_fail(db, COURSEQ_EDB, "%s", err);
		rc = cq_refresh(db, 0, NULL);
	}
	return rc;
}

void courseq_db_close(courseq_db *db)
{
	if (!db)
		return;
	cq_snapshot_end(db);
	sqlite3_close_v2(db->ro);
	sqlite3_close_v2(db->db);
	if (db->has_cfg)
		cq_config_free(&db->cfg);
	cq_buf_free(&db->err);
	free(db);
}

const char *courseq_db_root(const courseq_db *db)
{
	return db->cfg.root;
}

const char *courseq_db_content_root(const courseq_db *db)
{
	return db->cfg.content;
}

const char *courseq_db_index_path(const courseq_db *db)
{
	return db->cfg.db_path;
}

int courseq_db_refresh(courseq_db *db, unsigned flags, courseq_refresh_stats *stats)
{
	return cq_refresh(db, flags, stats);
}

void courseq_free(void *p)
{
	free(p);
}
