/* Rows through the public API: read-only SQL queries and full-text
 * search. User SQL runs on a connection of its own, opened read-only,
 * with an authorizer that refuses writes, ATTACH and changing pragmas. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "json.h"
#include "search_index.h"
#include "search_rank.h"

struct courseq_rows {
	courseq_db *db;
	sqlite3 *conn;
	sqlite3_stmt *st;
};

static int authorize(void *user, int action, const char *a, const char *b,
		     const char *c, const char *d)
{
	(void)user, (void)c, (void)d, (void)a;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		/* Reading a pragma is fine; giving it a value is not. */
		return b == NULL ? SQLITE_OK : SQLITE_DENY;
	case SQLITE_UPDATE:
		/* What SQLite checks when FTS5 declares the search table as it
		 * connects to it; the connection is read-only all the same. */
		return a && strcmp(a, "sqlite_master") == 0 ? SQLITE_OK : SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

static int open_readonly(courseq_db *db)
{
	if (db->ro)
		return COURSEQ_OK;
	if (sqlite3_open_v2(db->cfg.db_path, &db->ro, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		int rc = cq_fail_sql(db, db->ro, "opening the index read-only");

		sqlite3_close(db->ro);
		db->ro = NULL;
		return rc;
	}
	sqlite3_busy_timeout(db->ro, 10000);
	/* The search table too, before the authorizer refuses ATTACH. */
	cq_search_attach(db->ro, db->cfg.db_path);
	sqlite3_exec(db->ro, "PRAGMA query_only = 1", NULL, NULL, NULL);
	sqlite3_set_authorizer(db->ro, authorize, NULL);
	return COURSEQ_OK;
}

static int only_space(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n;", *s))
			return 0;
	return 1;
}

static int new_rows(courseq_rows **out, courseq_db *db, sqlite3 *conn, sqlite3_stmt *st)
{
	courseq_rows *r = calloc(1, sizeof(*r));

	if (!r) {
		sqlite3_finalize(st);
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	}
	r->db = db;
	r->conn = conn;
	r->st = st;
	*out = r;
	return COURSEQ_OK;
}

int courseq_query(courseq_rows **out, courseq_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	int rc = open_readonly(db);

	*out = NULL;
	if (rc != COURSEQ_OK)
		return rc;
	rc = sqlite3_prepare_v2(db->ro, sql, -1, &st, &tail);
	if (rc == SQLITE_AUTH)
		return cq_fail(db, COURSEQ_EREADONLY,
			       "queries are read-only: writing, ATTACH and setting pragmas are refused");
	if (rc != SQLITE_OK)
		return cq_fail(db, COURSEQ_EPARSE, "%s", sqlite3_errmsg(db->ro));
	if (!st)
		return cq_fail(db, COURSEQ_EPARSE, "the query is empty");
	if (tail && !only_space(tail)) {
		sqlite3_finalize(st);
		return cq_fail(db, COURSEQ_EPARSE, "give one SQL statement at a time");
	}
	if (!sqlite3_stmt_readonly(st)) {
		sqlite3_finalize(st);
		return cq_fail(db, COURSEQ_EREADONLY, "queries are read-only: this statement writes");
	}
	return new_rows(out, db, db->ro, st);
}

/* Plain words become quoted prefix phrases, so "schema-history" searches
 * as written and "слот" finds "слоты" and "слота" (Russian inflects); text
 * with FTS5 syntax is passed on as it is. */
static char *fts_query(const char *text)
{
	size_t n = strlen(text), k = 0;
	char *q;
	const char *p;

	if (strpbrk(text, "\"()*^:") || strstr(text, " OR ") || strstr(text, " AND ") ||
	    strstr(text, " NOT ") || strstr(text, "NEAR"))
		return strdup(text);
	q = malloc(4 * n + 3);
	if (!q)
		return NULL;
	for (p = text; *p;) {
		size_t w;

		p += strspn(p, " \t\r\n");
		w = strcspn(p, " \t\r\n");
		if (!w)
			break;
		if (k)
			q[k++] = ' ';
		q[k++] = '"';
		memcpy(q + k, p, w);
		k += w;
		q[k++] = '"';
		q[k++] = '*';
		p += w;
	}
	q[k] = '\0';
	return q;
}

/* The hits of ?1, each ranked and kept in the set ?2 while among the best
 * (cq_best): one pass over the hits; snippets are made afterwards, only
 * for those shown.
 *
 * When the snapshot has the search file and the index at one generation,
 * every document is its lesson's. cq_best is then a condition (it returns
 * NULL), so that one sqlite3_step makes the whole pass: a word in all
 * 50,000 lessons returned 50,000 rows. */
#define BEST_AGREEING "SELECT 1 FROM fts.search f WHERE f.search MATCH ?1 AND cq_best(f.search, ?2)"
/* Otherwise (a refresh was killed between its two commits) a document
 * counts only while its lesson has the content it was made from; cq_best
 * is in the result, for SQLite would test a condition on f alone before
 * the joins. */
#define BEST_CHECKED                                                \
	"SELECT cq_best(f.search, ?2) FROM fts.search f"            \
	" JOIN fts.docs d ON d.lesson = f.rowid"                     \
	" JOIN lessons l ON l.lesson = d.lesson AND l.hash = d.hash" \
	" WHERE f.search MATCH ?1"
/* The kept hits, ?1 a JSON array of [rowid, rank, snippet] best first,
 * with their lessons' ids and titles. */
#define SHOWN                                                                              \
	"SELECT l.id AS id, l.title AS title, replace(j.value ->> 2, char(10), ' · ') AS snippet," \
	" CAST(j.value ->> 1 AS REAL) AS rank FROM json_each(?1) j JOIN lessons l ON l.lesson = j.value ->> 0"   \
	" ORDER BY j.key"

static int best_hits(courseq_db *db, const char *q, cq_best_set *set)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->db, db->fts_agrees ? BEST_AGREEING : BEST_CHECKED, -1, &st,
			       NULL) != SQLITE_OK)
		return cq_fail_sql(db, db->db, "searching");
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_pointer(st, 2, set, "cq_best_set", NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	rc = rc == SQLITE_DONE ? COURSEQ_OK
	     : rc == SQLITE_NOMEM ? cq_fail(db, COURSEQ_ENOMEM, "out of memory")
				  : cq_fail(db, COURSEQ_EDB, "%s", sqlite3_errmsg(db->db));
	sqlite3_finalize(st);
	cq_best_sort(set);
	if (rc == COURSEQ_OK && cq_best_snippets(set, db->db, "fts", "search") != SQLITE_OK)
		rc = cq_fail_sql(db, db->db, "making snippets");
	return rc;
}

static char *hits_json(const cq_best_set *set)
{
	cq_buf b = CQ_BUF_INIT;
	size_t i;

	cq_buf_putc(&b, '[');
	for (i = 0; i < set->n; i++) {
		const cq_best_hit *h = &set->hits[i];

		cq_buf_printf(&b, "%s[%lld,%.17g,", i ? "," : "", (long long)h->rowid, h->rank);
		cq_json_cstr(&b, h->snippet);
		cq_buf_putc(&b, ']');
	}
	cq_buf_putc(&b, ']');
	return b.failed ? (cq_buf_free(&b), NULL) : cq_buf_detach(&b);
}

int courseq_search(courseq_rows **out, courseq_db *db, const char *text, int limit)
{
	sqlite3_stmt *st;
	cq_best_set set;
	char *q = fts_query(text), *json = NULL;
	int rc;

	*out = NULL;
	if (!q || cq_best_init(&set, limit > 0 ? (size_t)limit : 0) < 0) {
		free(q);
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	}
	cq_attach_search(db);
	rc = best_hits(db, q, &set);
	free(q);
	if (rc == COURSEQ_OK && !(json = hits_json(&set)))
		rc = cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	cq_best_free(&set);
	if (rc != COURSEQ_OK)
		return rc;
	if (sqlite3_prepare_v2(db->db, SHOWN, -1, &st, NULL) != SQLITE_OK) {
		free(json);
		return cq_fail_sql(db, db->db, "searching");
	}
	sqlite3_bind_text(st, 1, json, -1, free);
	return new_rows(out, db, db->db, st);
}

static int bound(courseq_rows *r, int rc)
{
	return rc == SQLITE_OK ? COURSEQ_OK : cq_fail_sql(r->db, r->conn, "binding a parameter");
}

int courseq_rows_bind_text(courseq_rows *r, int i, const char *value)
{
	return bound(r, sqlite3_bind_text(r->st, i, value, -1, SQLITE_TRANSIENT));
}

int courseq_rows_bind_int(courseq_rows *r, int i, int64_t value)
{
	return bound(r, sqlite3_bind_int64(r->st, i, value));
}

int courseq_rows_bind_double(courseq_rows *r, int i, double value)
{
	return bound(r, sqlite3_bind_double(r->st, i, value));
}

int courseq_rows_bind_blob(courseq_rows *r, int i, const void *value, size_t n)
{
	if (!value)
		return bound(r, sqlite3_bind_null(r->st, i));
	return bound(r, sqlite3_bind_blob64(r->st, i, value, n, SQLITE_TRANSIENT));
}

int courseq_rows_next(courseq_rows *r)
{
	int rc = sqlite3_step(r->st);

	if (rc == SQLITE_ROW)
		return COURSEQ_OK;
	if (rc == SQLITE_DONE)
		return COURSEQ_ITEROVER;
	if (rc == SQLITE_AUTH)
		return cq_fail(r->db, COURSEQ_EREADONLY, "queries are read-only");
	return cq_fail(r->db, COURSEQ_EDB, "%s", sqlite3_errmsg(r->conn));
}

int courseq_rows_columns(const courseq_rows *r)
{
	return sqlite3_column_count(r->st);
}

const char *courseq_rows_name(const courseq_rows *r, int col)
{
	return sqlite3_column_name(r->st, col);
}

int courseq_rows_type(const courseq_rows *r, int col)
{
	switch (sqlite3_column_type(r->st, col)) {
	case SQLITE_INTEGER: return COURSEQ_INTEGER;
	case SQLITE_FLOAT: return COURSEQ_FLOAT;
	case SQLITE_TEXT: return COURSEQ_TEXT;
	case SQLITE_BLOB: return COURSEQ_BLOB;
	default: return COURSEQ_NULL;
	}
}

const char *courseq_rows_text(const courseq_rows *r, int col)
{
	return (const char *)sqlite3_column_text(r->st, col);
}

const void *courseq_rows_blob(const courseq_rows *r, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(r->st, col);

	*len = (size_t)sqlite3_column_bytes(r->st, col);
	if (!p && sqlite3_column_type(r->st, col) != SQLITE_NULL)
		return ""; /* an empty value, which is not NULL */
	return p;
}

int64_t courseq_rows_int(const courseq_rows *r, int col)
{
	return sqlite3_column_int64(r->st, col);
}

double courseq_rows_double(const courseq_rows *r, int col)
{
	return sqlite3_column_double(r->st, col);
}

void courseq_rows_free(courseq_rows *r)
{
	if (!r)
		return;
	sqlite3_finalize(r->st);
	free(r);
}

/* A JSON array of strings, for json_each(). */
static char *string_array(const char *const *items, size_t n)
{
	cq_buf b = CQ_BUF_INIT;
	size_t i;

	cq_buf_putc(&b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			cq_buf_putc(&b, ',');
		cq_json_cstr(&b, items[i]);
	}
	cq_buf_putc(&b, ']');
	if (b.failed) {
		cq_buf_free(&b);
		return NULL;
	}
	return cq_buf_detach(&b);
}

int courseq_diagnostics(courseq_rows **out, courseq_db *db, const courseq_check_filter *f)
{
	courseq_check_filter none = {NULL, 0, NULL, NULL};
	sqlite3_stmt *st;
	char *codes = NULL;

	*out = NULL;
	if (!f)
		f = &none;
	if (f->codes && f->ncodes && !(codes = string_array(f->codes, f->ncodes)))
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	if (sqlite3_prepare_v2(
		    db->db,
		    "SELECT d.path AS path, d.line AS line, d.col AS \"column\", d.severity AS severity,"
		    " d.code AS code, d.message AS message, l.id AS lesson, d.link AS link"
		    " FROM diagnostics d LEFT JOIN lessons l ON l.lesson = d.lesson"
		    " WHERE (?1 IS NULL OR d.code IN (SELECT value FROM json_each(?1)))"
		    " AND (?2 IS NULL OR l.module_dir = ?2 OR CAST(l.module AS TEXT) = ?2"
		    "      OR substr(l.module_dir, instr(l.module_dir, '-') + 1) = ?2)"
		    " AND (?3 IS NULL OR d.path GLOB ?3)"
		    " ORDER BY d.path, d.line, d.col, d.code",
		    -1, &st, NULL) != SQLITE_OK) {
		free(codes);
		return cq_fail_sql(db, db->db, "listing problems");
	}
	sqlite3_bind_text(st, 1, codes, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, f->module, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, f->path_glob, -1, SQLITE_TRANSIENT);
	free(codes);
	return new_rows(out, db, db->db, st);
}
