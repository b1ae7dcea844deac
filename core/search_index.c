#include "search_index.h"

#include <pthread.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search_tokenizer.h"

/* Bump when the tables below change: a file of another version is made
 * anew (and, its generation being gone, the index with it). */
#define CQ_SEARCH_VERSION 1
#define CQ_SEARCH_VERSION_TEXT "1"

/* Titles weigh most, then headings, as in `courseq search` (whose ranking,
 * search_rank.c, leaves out length normalisation); set as the table's
 * rank, so that a user's own `courseq query` can ORDER BY rank. */
static const char schema[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
	"CREATE TABLE docs (lesson INTEGER PRIMARY KEY, hash TEXT NOT NULL);"
	"CREATE VIRTUAL TABLE search USING fts5(title, headings, body,"
	" tokenize = '" CQ_SEARCH_TOKENIZE "');"
	"INSERT INTO search(search, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');";

/* How much text may wait for the writer before the refresh waits for it:
 * a few dozen lessons. The writer falls behind more as the file grows (its
 * merges are larger), so whatever is allowed is used in a large course: at
 * 4 MB, a full index of 50,000 lessons peaked at 40-42 MiB, at 512 KB at
 * 37.6, with the same time for 10,000. */
enum { MAX_PENDING = 1 << 19 };

typedef struct doc {
	struct doc *next;
	int64_t lesson;
	int put; /* else a removal */
	char hash[17];
	const char *title, *headings, *text; /* in the same allocation */
	size_t bytes;
} doc;

enum { ST_HAS, ST_DROP, ST_DROP_DOC, ST_ADD, ST_ADD_DOC, ST_N };

static const char *const sql[ST_N] = {
	[ST_HAS] = "SELECT 1 FROM docs WHERE lesson = ?1",
	[ST_DROP] = "DELETE FROM search WHERE rowid = ?1",
	[ST_DROP_DOC] = "DELETE FROM docs WHERE lesson = ?1",
	[ST_ADD] = "INSERT INTO search(rowid, title, headings, body) VALUES (?1, ?2, ?3, ?4)",
	[ST_ADD_DOC] = "INSERT INTO docs(lesson, hash) VALUES (?1, ?2)",
};

struct cq_search_writer {
	char path[4096];       /* INDEX-search */
	char fresh_path[4200]; /* INDEX-search.new, while a new file is made */
	sqlite3 *existing;     /* the file as it is, when usable */
	sqlite3 *conn;         /* the one written: existing, or a new file */
	int fresh;             /* a new file replaces the old at commit */
	sqlite3_stmt *st[ST_N];
	int64_t generation;
	int began, changed;
	/* The queue between the refresh and the writer's thread. */
	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	doc *head, *tail;
	size_t pending;
	int closing;
	int failed; /* an SQLite result code */
	char failure[256];
};

void cq_search_path(char *out, size_t n, const char *index_path)
{
	snprintf(out, n, "%s-search", index_path);
}

int cq_search_attach(sqlite3 *conn, const char *index_path)
{
	char path[4096];
	sqlite3_stmt *st;
	int rc;

	cq_search_path(path, sizeof(path), index_path);
	if (sqlite3_prepare_v2(conn, "ATTACH ?1 AS fts", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void cq_search_detach(sqlite3 *conn)
{
	sqlite3_exec(conn, "DETACH fts", NULL, NULL, NULL);
}

void cq_search_remove(const char *index_path)
{
	static const char *const side[] = {"", "-wal", "-shm"};
	char base[4096], path[4200];
	size_t i;

	cq_search_path(base, sizeof(base), index_path);
	for (i = 0; i < sizeof(side) / sizeof(side[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", base, side[i]);
		unlink(path);
	}
}

static int exec(sqlite3 *db, const char *text)
{
	return sqlite3_exec(db, text, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int64_t int_of(sqlite3 *db, const char *text, int64_t otherwise)
{
	sqlite3_stmt *st;
	int64_t v = otherwise;

	if (sqlite3_prepare_v2(db, text, -1, &st, NULL) != SQLITE_OK)
		return otherwise;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int connect(sqlite3 **db, const char *path, int flags, const char *pragmas)
{
	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | flags, NULL) !=
		    SQLITE_OK ||
	    cq_search_tokenizer(*db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(*db, 10000);
	return exec(*db, pragmas);
}

/* The file in use: WAL, so searches never wait for a refresh. */
static const char in_use[] = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
			     "PRAGMA cache_size = -4000;";
/* A new file nobody reads until it is renamed into place: no journal and
 * no syncs, each page written once (a crash leaves only INDEX-search.new,
 * which the next refresh deletes). */
static const char being_made[] = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
				 "PRAGMA cache_size = -4000;";

int cq_search_open(cq_search_writer **out, const char *index_path, char *err, size_t errlen)
{
	cq_search_writer *w = calloc(1, sizeof(*w));

	(void)err, (void)errlen;
	*out = w;
	if (!w) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->more, NULL);
	pthread_cond_init(&w->room, NULL);
	cq_search_path(w->path, sizeof(w->path), index_path);
	snprintf(w->fresh_path, sizeof(w->fresh_path), "%s.new", w->path);
	unlink(w->fresh_path); /* of a refresh that was killed */
	w->generation = -1;
	/* A missing file is not created here: the new one is renamed to a
	 * free name, which ext4 does not flush first as it does a rename over
	 * a file (180 ms for the 260 MB of 10,000 lessons). */
	if (connect(&w->existing, w->path, 0, in_use) == 0 &&
	    int_of(w->existing, "PRAGMA user_version", -1) == CQ_SEARCH_VERSION) {
		w->generation =
			int_of(w->existing, "SELECT value FROM meta WHERE key = 'generation'", -1);
		return 0;
	}
	/* Missing, of another version or damaged: the first change makes a
	 * new file (and the generation, -1, tells the refresh to rebuild). */
	sqlite3_close(w->existing);
	w->existing = NULL;
	return 0;
}

int64_t cq_search_generation(const cq_search_writer *w)
{
	return w->generation;
}

int cq_search_exists(const cq_search_writer *w)
{
	return w->existing != NULL;
}

int cq_search_changed(const cq_search_writer *w)
{
	return w->changed;
}

static void fail(cq_search_writer *w, const char *what)
{
	if (w->failed)
		return;
	w->failed = sqlite3_errcode(w->conn) ? sqlite3_errcode(w->conn) : SQLITE_ERROR;
	snprintf(w->failure, sizeof(w->failure), "%s: %s", what, sqlite3_errmsg(w->conn));
}

static int step(cq_search_writer *w, int i)
{
	int rc = sqlite3_step(w->st[i]);

	sqlite3_reset(w->st[i]);
	sqlite3_clear_bindings(w->st[i]);
	return rc;
}

/* A failure on the writer's thread, recorded where the refresh can see it. */
static void fail_shared(cq_search_writer *w, const char *what)
{
	pthread_mutex_lock(&w->mu);
	fail(w, what);
	pthread_mutex_unlock(&w->mu);
}

static void write_doc(cq_search_writer *w, const doc *d)
{
	sqlite3_stmt *const *st = w->st;
	int had;

	sqlite3_bind_int64(st[ST_HAS], 1, d->lesson);
	had = step(w, ST_HAS) == SQLITE_ROW;
	if (had) {
		sqlite3_bind_int64(st[ST_DROP], 1, d->lesson);
		sqlite3_bind_int64(st[ST_DROP_DOC], 1, d->lesson);
		if (step(w, ST_DROP) != SQLITE_DONE || step(w, ST_DROP_DOC) != SQLITE_DONE) {
			fail_shared(w, "updating the search index");
			return;
		}
	}
	if (!d->put)
		return;
	sqlite3_bind_int64(st[ST_ADD], 1, d->lesson);
	sqlite3_bind_text(st[ST_ADD], 2, d->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st[ST_ADD], 3, d->headings, -1, SQLITE_STATIC);
	sqlite3_bind_text(st[ST_ADD], 4, d->text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st[ST_ADD_DOC], 1, d->lesson);
	sqlite3_bind_text(st[ST_ADD_DOC], 2, d->hash, -1, SQLITE_STATIC);
	if (step(w, ST_ADD) != SQLITE_DONE || step(w, ST_ADD_DOC) != SQLITE_DONE)
		fail_shared(w, "writing the search index");
}

static void *writer(void *arg)
{
	cq_search_writer *w = arg;

	pthread_setname_np(pthread_self(), "courseq-search");

	for (;;) {
		doc *d;
		int failed;

		pthread_mutex_lock(&w->mu);
		while (!w->head && !w->closing)
			pthread_cond_wait(&w->more, &w->mu);
		d = w->head;
		if (!d) {
			pthread_mutex_unlock(&w->mu);
			return NULL;
		}
		w->head = d->next;
		if (!w->head)
			w->tail = NULL;
		failed = w->failed;
		pthread_mutex_unlock(&w->mu);

		if (!failed)
			write_doc(w, d);

		pthread_mutex_lock(&w->mu);
		w->pending -= d->bytes;
		pthread_cond_signal(&w->room);
		pthread_mutex_unlock(&w->mu);
		free(d);
	}
}

/* A new, empty file to write instead of the existing one. */
static int make_fresh(cq_search_writer *w)
{
	unlink(w->fresh_path);
	if (connect(&w->conn, w->fresh_path, SQLITE_OPEN_CREATE, being_made) < 0 || exec(w->conn, schema) < 0 ||
	    exec(w->conn, "PRAGMA user_version = " CQ_SEARCH_VERSION_TEXT) < 0) {
		fail(w, "creating the search index");
		return -1;
	}
	return 0;
}

/* Takes the file's write lock (or makes a new file) and starts the
 * thread, at the first change. */
static int begin(cq_search_writer *w)
{
	int i;

	if (w->began)
		return 0;
	w->began = 1;
	w->fresh |= !w->existing;
	if (w->fresh) {
		if (make_fresh(w) < 0)
			return -1;
	} else {
		w->conn = w->existing;
	}
	if (exec(w->conn, "BEGIN IMMEDIATE") < 0) {
		fail(w, "locking the search index");
		return -1;
	}
	for (i = 0; i < ST_N; i++)
		if (sqlite3_prepare_v3(w->conn, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &w->st[i],
				       NULL) != SQLITE_OK) {
			fail(w, "preparing the search index");
			return -1;
		}
	if (pthread_create(&w->thread, NULL, writer, w) != 0) {
		snprintf(w->failure, sizeof(w->failure), "cannot start the search index's thread");
		w->failed = SQLITE_ERROR;
		return -1;
	}
	w->started = 1;
	return 0;
}

int cq_search_clear(cq_search_writer *w)
{
	if (w->began)
		return -1; /* only before any change */
	w->fresh = 1;
	w->changed = 1;
	return begin(w);
}

static int enqueue(cq_search_writer *w, doc *d)
{
	int rc;

	if (begin(w) < 0) {
		free(d);
		return -1;
	}
	w->changed = 1;
	pthread_mutex_lock(&w->mu);
	while (w->pending > MAX_PENDING && !w->failed)
		pthread_cond_wait(&w->room, &w->mu);
	if (w->tail)
		w->tail->next = d;
	else
		w->head = d;
	w->tail = d;
	w->pending += d->bytes;
	rc = w->failed ? -1 : 0;
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->mu);
	return rc;
}

int cq_search_put(cq_search_writer *w, int64_t lesson, const char *hash, const char *title,
		  const char *headings, const char *text, size_t text_len)
{
	size_t nt = strlen(title) + 1, nh = strlen(headings) + 1;
	doc *d = malloc(sizeof(*d) + nt + nh + text_len + 1);
	char *p;

	if (!d)
		return -1;
	memset(d, 0, sizeof(*d));
	d->lesson = lesson;
	d->put = 1;
	snprintf(d->hash, sizeof(d->hash), "%s", hash);
	p = (char *)(d + 1);
	d->title = memcpy(p, title, nt);
	d->headings = memcpy(p + nt, headings, nh);
	d->text = memcpy(p + nt + nh, text, text_len);
	p[nt + nh + text_len] = '\0';
	d->bytes = nt + nh + text_len;
	return enqueue(w, d);
}

int cq_search_delete(cq_search_writer *w, int64_t lesson)
{
	doc *d = calloc(1, sizeof(*d));

	if (!d)
		return -1;
	d->lesson = lesson;
	return enqueue(w, d);
}

/* Lets the thread finish what is queued and end. */
static void stop(cq_search_writer *w)
{
	if (!w->started)
		return;
	pthread_mutex_lock(&w->mu);
	w->closing = 1;
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	w->started = 0;
}

static int failure(cq_search_writer *w, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s", w->failure);
	return w->failed == SQLITE_CORRUPT || w->failed == SQLITE_NOTADB ? -2 : -1;
}

int cq_search_stop(cq_search_writer *w, char *err, size_t errlen)
{
	stop(w);
	return w->failed ? failure(w, err, errlen) : 0;
}

/* The new file takes the old one's place. The old file's WAL is emptied
 * first, so it cannot be mistaken for the new file's; a search still
 * reading the old file reads it to the end. */
static int swap_in(cq_search_writer *w)
{
	if (exec(w->conn, "PRAGMA journal_mode = WAL") < 0) {
		fail(w, "finishing the search index");
		return -1;
	}
	sqlite3_close(w->conn);
	w->conn = NULL;
	if (w->existing) {
		exec(w->existing, "PRAGMA wal_checkpoint(TRUNCATE)");
		sqlite3_close(w->existing);
		w->existing = NULL;
	}
	if (rename(w->fresh_path, w->path) < 0) {
		snprintf(w->failure, sizeof(w->failure), "cannot replace the search index: %s",
			 strerror(errno));
		w->failed = SQLITE_CANTOPEN;
		return -1;
	}
	w->fresh = 0;
	return 0;
}

int cq_search_commit(cq_search_writer *w, int64_t generation, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int i;

	stop(w);
	if (!w->began)
		return 0;
	for (i = 0; i < ST_N; i++) {
		sqlite3_finalize(w->st[i]);
		w->st[i] = NULL;
	}
	if (w->failed)
		return failure(w, err, errlen);
	if (sqlite3_prepare_v2(w->conn, "INSERT OR REPLACE INTO meta VALUES ('generation', ?1)", -1,
			       &st, NULL) != SQLITE_OK) {
		fail(w, "writing the search index");
		return failure(w, err, errlen);
	}
	sqlite3_bind_int64(st, 1, generation);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail(w, "writing the search index");
	sqlite3_finalize(st);
	if (!w->failed && exec(w->conn, "COMMIT") < 0)
		fail(w, "committing the search index");
	if (!w->failed && w->fresh)
		swap_in(w);
	if (w->failed)
		return failure(w, err, errlen);
	w->began = 0;
	w->generation = generation;
	return 0;
}

void cq_search_close(cq_search_writer *w)
{
	int i;

	if (!w)
		return;
	stop(w);
	for (i = 0; i < ST_N; i++)
		sqlite3_finalize(w->st[i]);
	while (w->head) {
		doc *d = w->head;

		w->head = d->next;
		free(d);
	}
	if (w->began && w->conn && !w->fresh)
		exec(w->conn, "ROLLBACK");
	if (w->conn != w->existing)
		sqlite3_close(w->conn);
	sqlite3_close(w->existing);
	if (w->fresh)
		unlink(w->fresh_path); /* never finished */
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->more);
	pthread_cond_destroy(&w->room);
	free(w);
}
