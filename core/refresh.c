/* Bringing the index up to date: a file whose size and modification time
 * are unchanged is not read; a changed one is parsed again only when its
 * content hash changed; lessons whose file is gone are dropped. All in one
 * transaction, so readers see the index before or after, never between. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyze.h"
#include "course.h"
#include "db.h"
#include "parse_queue.h"
#include "path.h"
#include "search_index.h"
#include "store.h"
#include "strmap.h"
#include "walk.h"

typedef struct known {
	const char *id;
	int64_t lesson, size, mtime_ns;
	char hash[17];
	int seen;
} known;

typedef struct refresh {
	courseq_db *db;
	cq_arena arena;
	cq_arena lesson; /* what is made for the lesson being stored */
	cq_store store;
	cq_arena walk_arena; /* the walk's, freed once every file is visited */
	cq_walk walk;
	cq_buf path; /* a file's path under the site root */
	cq_strmap by_path; /* rel path -> index in known */
	cq_vec known;
	sqlite3_stmt *touch;
	sqlite3_stmt *path_of_id; /* prepared when first needed */
	courseq_refresh_stats stats;
	cq_changes changes;
	cq_course files; /* the lessons the walk found: links are checked against them */
	cq_file_targets file_targets; /* the files those links point at */
	cq_search_writer *search;
	int64_t generation; /* of the index and the search file, when they agree */
	int search_damaged;
	cq_buf scratch;
	cq_buf indexes; /* the secondary indexes' definitions, while they are off */
} refresh;

/* ---- lesson identity from the path ---- */

/* Position of the module in course order: its place in the config's
 * module_order (by folder name or alias), else after those, by number. */
static int module_rank(const cq_config *cfg, const char *dir, size_t n, int module)
{
	size_t skip = cq_module_prefix(dir, n), i;

	for (i = 0; i < cfg->n_module_order; i++) {
		const char *m = cfg->module_order[i];

		if ((strlen(m) == n && memcmp(m, dir, n) == 0) ||
		    (strlen(m) == n - skip && memcmp(m, dir + skip, n - skip) == 0))
			return (int)i;
	}
	return (int)cfg->n_module_order + module;
}

/* The path of a file of the walk under the site root, as the index keeps
 * it; valid until the next call. */
static const char *site_path(refresh *r, const cq_file *file)
{
	const char *content = cq_path_under(r->db->cfg.root, r->db->cfg.content);

	cq_buf_clear(&r->path);
	if (strcmp(content, ".") != 0)
		cq_buf_printf(&r->path, "%s/", content);
	cq_buf_printf(&r->path, "%s.%s", file->id, cq_file_ext(file));
	return r->path.failed ? NULL : cq_buf_cstr(&r->path);
}

static int identify(refresh *r, const cq_file *file, cq_lesson_row *row)
{
	cq_lesson_names nm;

	if (cq_lesson_names_of(&nm, &r->lesson, file->id) < 0 || !(row->path = site_path(r, file)))
		return -1;
	row->id = nm.id;
	row->alias = nm.alias;
	row->module_dir = nm.module_dir;
	row->module = nm.module;
	row->module_rank = module_rank(&r->db->cfg, nm.module_dir, strlen(nm.module_dir), nm.module);
	row->size = file->size;
	row->mtime_ns = file->mtime_ns;
	return 0;
}

/* ---- the steps ---- */

static int load_known(refresh *r)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(r->db->db, "SELECT lesson, path, size, mtime_ns, hash, id FROM lessons",
			       -1, &st, NULL) != SQLITE_OK)
		return cq_fail_sql(r->db, r->db->db, "reading the index");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		known *k = cq_vec_push(&r->known, &r->arena);
		const char *path = (const char *)sqlite3_column_text(st, 1);
		long *slot = k ? cq_strmap_put(&r->by_path, path, strlen(path), NULL) : NULL;

		if (!slot) {
			sqlite3_finalize(st);
			return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
		}
		k->lesson = sqlite3_column_int64(st, 0);
		k->size = sqlite3_column_int64(st, 2);
		k->mtime_ns = sqlite3_column_int64(st, 3);
		snprintf(k->hash, sizeof(k->hash), "%s", (const char *)sqlite3_column_text(st, 4));
		k->id = cq_arena_strdup(&r->arena, (const char *)sqlite3_column_text(st, 5));
		*slot = (long)r->known.len - 1;
		if (!k->id) {
			sqlite3_finalize(st);
			return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : cq_fail_sql(r->db, r->db->db, "reading the index");
}

/* Notes what changed, for the analyses across lessons: a lesson stored
 * again (key) or removed (no key). A full refresh analyses everything and
 * notes nothing: a course's worth of names would be its largest cost. */
static int changed(refresh *r, int64_t key, const char *lesson_id)
{
	const char *id;
	int64_t *k;
	const char **i, **gone;

	if (r->changes.full)
		return 0;
	id = cq_arena_strdup(&r->arena, lesson_id);
	k = key >= 0 ? cq_vec_push(&r->changes.keys, &r->arena) : NULL;
	i = cq_vec_push(&r->changes.ids, &r->arena);
	gone = key < 0 ? cq_vec_push(&r->changes.removed, &r->arena) : NULL;
	if (!id || (key >= 0 && !k) || !i || (key < 0 && !gone))
		return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
	if (k)
		*k = key;
	*i = id;
	if (gone)
		*gone = id;
	return 0;
}

/* The writer of the search file failed (or memory ran out). */
static int search_failed(refresh *r)
{
	char err[300];
	int rc = cq_search_stop(r->search, err, sizeof(err));

	if (rc == 0)
		return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
	r->search_damaged = rc == -2;
	return cq_fail(r->db, COURSEQ_EDB, "%s", err);
}

/* The lesson's title, headings and plain text, for the search file. */
static int search_doc(refresh *r, int64_t key, uint64_t hash, const cq_lesson_facts *f)
{
	const char *title = cq_lesson_string(f, "title");
	char hex[17];
	size_t i;

	cq_buf_clear(&r->scratch);
	for (i = 0; i < f->headings.len; i++) {
		cq_buf_puts(&r->scratch, CQ_VEC_AT(&f->headings, cq_heading, i)->text);
		cq_buf_putc(&r->scratch, '\n');
	}
	if (r->scratch.failed)
		return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)hash);
	if (cq_search_put(r->search, key, hex, title ? title : "", cq_buf_cstr(&r->scratch),
			  cq_buf_cstr(&f->text), f->text.len) < 0)
		return search_failed(r);
	return 0;
}

static int unindex(refresh *r, int64_t lesson)
{
	if (cq_store_delete(&r->store, lesson) < 0)
		return cq_fail_sql(r->db, r->db->db, "updating the index");
	if (cq_search_delete(r->search, lesson) < 0)
		return search_failed(r);
	return 0;
}

static int store(refresh *r, const cq_lesson_row *row, const cq_lesson_facts *f, known *old)
{
	int64_t key = -1;
	int rc = 0;

	if (old)
		rc = unindex(r, old->lesson);
	if (rc == 0 && (key = cq_store_put(&r->store, row, f, &r->db->cfg)) < 0)
		rc = cq_fail_sql(r->db, r->db->db, "writing the index");
	if (rc == 0)
		rc = search_doc(r, key, row->hash, f);
	if (rc == 0)
		rc = changed(r, key, row->id);
	r->changes.added |= !old;
	r->stats.parsed += rc == 0;
	cq_arena_reset(&r->lesson);
	return rc;
}

static int touch(refresh *r, const known *old, const cq_file *file)
{
	sqlite3_stmt *st = r->touch;
	int rc;

	sqlite3_bind_int64(st, 1, file->size);
	sqlite3_bind_int64(st, 2, file->mtime_ns);
	sqlite3_bind_int64(st, 3, old->lesson);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	r->stats.unchanged++;
	return rc == SQLITE_DONE ? 0 : cq_fail_sql(r->db, r->db->db, "updating the index");
}

static int file_problem(refresh *r, const char *path, const char *code, const char *message);

/* The file as indexed, if it is. */
static known *known_file(refresh *r, const cq_file *file)
{
	const char *path = site_path(r, file);
	long *idx = path ? cq_strmap_get(&r->by_path, path, strlen(path)) : NULL;

	return idx ? CQ_VEC_AT(&r->known, known, *idx) : NULL;
}

/* The lesson indexed under the file's id from another file (a.mdx that
 * is now a.md, or one a.md beside it displaced): the file takes its place. */
static known *known_id(refresh *r, const cq_file *file)
{
	sqlite3_stmt *st = r->path_of_id;
	known *k = NULL;

	if (!st && sqlite3_prepare_v2(r->db->db, "SELECT path FROM lessons WHERE id = ?1", -1,
				      &r->path_of_id, NULL) != SQLITE_OK)
		return NULL;
	st = r->path_of_id;
	sqlite3_bind_text(st, 1, file->id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		long *idx = cq_strmap_get(&r->by_path, path, strlen(path));

		k = idx ? CQ_VEC_AT(&r->known, known, *idx) : NULL;
	}
	sqlite3_reset(st);
	if (k)
		k->seen = 1;
	return k;
}

/* What the worker found for one file, written to the index. */
static int consume(void *ctx, cq_parse_job *j)
{
	refresh *r = ctx;
	const cq_file *file = CQ_VEC_AT(&r->walk.files, cq_file, j->index);
	known *old = known_file(r, file);
	cq_lesson_row row;
	char msg[300];

	if (r->path.failed)
		return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
	if (j->err) {
		snprintf(msg, sizeof(msg), "cannot read the lesson: %s", strerror(j->err));
		if (old)
			old->seen = 0; /* it leaves the index until it can be read */
		return file_problem(r, site_path(r, file), "unreadable", msg);
	}
	if (j->unchanged)
		return touch(r, old, file);
	if (j->failed)
		return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory parsing %s", site_path(r, file));
	if (cq_file_targets_settle(&r->file_targets, &j->facts) < 0)
		return cq_fail_sql(r->db, r->db->db, "writing the index");
	row.hash = j->hash;
	if (!old && r->known.len)
		old = known_id(r, file);
	if (identify(r, file, &row) < 0)
		return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
	return store(r, &row, &j->facts, old);
}

/* Files whose size and time are those indexed are not read at all; the
 * others stay in the walk's list, in place (no copy a file), and go to the
 * parse queue with the hashes they had, when the index had any. */
static int visit_all(refresh *r)
{
	int dir = open(r->db->cfg.content, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cq_parse_setup setup = {{r->db->cfg.slugs, &r->db->cfg.schema}, &r->db->cfg, &r->files, dir};
	cq_file *files = r->walk.files.items;
	size_t n = r->walk.files.len, keep = 0, i;
	const char **hashes = r->known.len ? calloc(n + 1, sizeof(*hashes)) : NULL;
	int rc = 0;

	if (dir < 0)
		rc = cq_fail(r->db, COURSEQ_EIO, "cannot open %s: %s", r->db->cfg.content,
			     strerror(errno));
	else if (r->known.len && !hashes)
		rc = cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
	for (i = 0; rc == 0 && i < n; i++) {
		known *old = known_file(r, &files[i]);

		if (r->path.failed)
			rc = cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
		if (old)
			old->seen = 1;
		if (old && old->size == files[i].size && old->mtime_ns == files[i].mtime_ns) {
			r->stats.unchanged++;
			continue;
		}
		if (hashes)
			hashes[keep] = old ? old->hash : NULL;
		files[keep++] = files[i];
	}
	r->walk.files.len = keep;
	if (rc == 0)
		rc = cq_parse_all(&(cq_parse_files){files, keep, hashes}, &setup, consume, r);
	free(hashes);
	if (dir >= 0)
		close(dir);
	return rc;
}

static int drop_missing(refresh *r)
{
	size_t i;

	for (i = 0; i < r->known.len; i++) {
		known *k = CQ_VEC_AT(&r->known, known, i);

		if (k->seen)
			continue;
		int rc = unindex(r, k->lesson);

		if (rc < 0)
			return rc;
		if (changed(r, -1, k->id) < 0)
			return COURSEQ_ENOMEM;
		r->stats.removed++;
	}
	return 0;
}

/* A problem with a file, at its path under the site root. */
static int file_problem(refresh *r, const char *path, const char *code, const char *message)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(r->db->db,
			       "INSERT INTO diagnostics(origin, path, line, col, severity, code, message)"
			       " VALUES ('files', ?1, 1, 1, 'error', ?2, ?3)",
			       -1, &st, NULL) != SQLITE_OK)
		return cq_fail_sql(r->db, r->db->db, "writing the index");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, message, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : cq_fail_sql(r->db, r->db->db, "writing the index");
}

static int walk_problems(refresh *r)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < r->walk.problems.len; i++) {
		const cq_walk_problem *p = CQ_VEC_AT(&r->walk.problems, cq_walk_problem, i);

		rc = file_problem(r, cq_path_under(r->db->cfg.root, p->path), p->code, p->message);
	}
	return rc;
}

/* Temporary files of commits that were killed: under the index's write
 * lock no commit is running, so they are nobody's. */
static void remove_leftovers(refresh *r)
{
	size_t i;

	for (i = 0; i < r->walk.leftovers.len; i++)
		unlink(*CQ_VEC_AT(&r->walk.leftovers, const char *, i));
}

/* The course of the files found, for checking links while parsing; it
 * shares the walk's strings (freed together after the visit). */
static int course_of_files(refresh *r)
{
	return cq_course_from_files(&r->files, r->walk.files.items, r->walk.files.len,
				    cq_path_under(r->db->cfg.root, r->db->cfg.content)) < 0
		       ? -1
		       : 0;
}

static int64_t main_generation(sqlite3 *db)
{
	sqlite3_stmt *st;
	int64_t g = -1;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'search'", -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		g = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return g;
}

/* Opens the search file; when it is missing or its generation is not the
 * index's (the two were not committed together), both are made anew. */
static int open_search(refresh *r, unsigned *flags)
{
	char err[300];
	int64_t ours, theirs;

	if (cq_search_open(&r->search, r->db->cfg.db_path, err, sizeof(err)) < 0)
		return cq_fail(r->db, COURSEQ_EDB, "%s", err);
	ours = main_generation(r->db->db);
	theirs = cq_search_generation(r->search);
	r->generation = ours > theirs ? ours : theirs;
	if (ours != theirs || !cq_search_exists(r->search))
		*flags |= COURSEQ_REFRESH_FULL;
	if ((*flags & COURSEQ_REFRESH_FULL) && cq_search_clear(r->search) < 0)
		return search_failed(r);
	return 0;
}

/* The search file first, then (by the caller) the index: a crash between
 * the two leaves their generations apart, which the next refresh sees. */
static int commit_search(refresh *r)
{
	char err[300];
	sqlite3_stmt *st;
	int64_t g = r->generation + 1;
	int rc;

	if (!cq_search_changed(r->search))
		return 0;
	if (sqlite3_prepare_v2(r->db->db, "INSERT OR REPLACE INTO meta VALUES ('search', ?1)", -1,
			       &st, NULL) != SQLITE_OK)
		return cq_fail_sql(r->db, r->db->db, "writing the index");
	sqlite3_bind_int64(st, 1, g);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cq_fail_sql(r->db, r->db->db, "writing the index");
	rc = cq_search_commit(r->search, g, err, sizeof(err));
	r->search_damaged = rc == -2;
	return rc < 0 ? cq_fail(r->db, COURSEQ_EDB, "%s", err) : 0;
}

static double now(void);

static int run(refresh *r, unsigned flags)
{
	courseq_db *db = r->db;
	double t = now();
	int rc = 0;

	if ((rc = open_search(r, &flags)) < 0)
		return rc;
	if ((flags & COURSEQ_REFRESH_FULL) && cq_store_clear(db->db) < 0)
		return cq_fail_sql(db, db->db, "clearing the index");
	if (cq_store_exec(db->db, "DELETE FROM diagnostics WHERE origin = 'files'") < 0)
		return cq_fail_sql(db, db->db, "updating the index");
	if (cq_walk_tree(&r->walk, &r->walk_arena, db->cfg.content) < 0)
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	if ((rc = load_known(r)) < 0 || (rc = walk_problems(r)) < 0)
		return rc;
	/* From an empty index every lesson is new: analysed as a whole. */
	r->changes.full = (flags & COURSEQ_REFRESH_FULL) != 0 || r->known.len == 0;
	/* A whole course is written faster without the secondary indexes. */
	if (r->known.len == 0 && cq_store_indexes_off(db->db, &r->indexes) < 0)
		return cq_fail_sql(db, db->db, "preparing the index");
	remove_leftovers(r);
	if (course_of_files(r) < 0)
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	r->stats.seconds_walk = now() - t;
	t = now();
	if (sqlite3_prepare_v2(db->db, "UPDATE lessons SET size = ?1, mtime_ns = ?2 WHERE lesson = ?3",
			       -1, &r->touch, NULL) != SQLITE_OK ||
	    cq_file_targets_init(&r->file_targets, db->db, &db->cfg) < 0)
		rc = cq_fail_sql(db, db->db, "updating the index");
	else
		rc = visit_all(r);
	cq_file_targets_free(&r->file_targets);
	/* Links are checked; the analysis loads the course as stored. */
	cq_course_free(&r->files);
	memset(&r->files, 0, sizeof(r->files));
	cq_walk_free(&r->walk);
	cq_arena_free(&r->walk_arena);
	if (rc == 0)
		rc = drop_missing(r);
	if (rc == 0 && cq_store_small_cache(db->db, 1) < 0)
		rc = cq_fail_sql(db, db->db, "indexing the index");
	if (rc == 0 && cq_store_indexes_on(db->db, &r->indexes) < 0)
		rc = cq_fail_sql(db, db->db, "indexing the index");
	r->stats.seconds_parse = now() - t;
	t = now();
	if (rc == 0 && cq_analyze(db->db, &db->cfg, &r->changes) < 0)
		rc = cq_fail_sql(db, db->db, "analysing the course");
	r->stats.seconds_analyze = now() - t;
	if (cq_store_small_cache(db->db, 0) < 0 && rc == 0)
		rc = cq_fail_sql(db, db->db, "analysing the course");
	return rc;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned count_lessons(sqlite3 *db)
{
	sqlite3_stmt *st;
	unsigned n = 0;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM lessons", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (unsigned)sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int refresh_once(courseq_db *db, unsigned flags, courseq_refresh_stats *stats,
			int *damaged)
{
	refresh r;
	double t0 = now(), t;
	int rc;

	if (!db->db)
		return cq_fail(db, COURSEQ_EINVALID, "the course is not open");
	memset(&r, 0, sizeof(r));
	r.db = db;
	cq_arena_init(&r.arena);
	cq_arena_init(&r.lesson);
	cq_arena_init(&r.walk_arena);
	cq_strmap_init(&r.by_path, &r.arena);
	cq_vec_init(&r.known, sizeof(known));
	cq_vec_init(&r.changes.keys, sizeof(int64_t));
	cq_vec_init(&r.changes.ids, sizeof(const char *));
	cq_vec_init(&r.changes.removed, sizeof(const char *));
	cq_snapshot_end(db);
	if (cq_store_exec(db->db, "BEGIN IMMEDIATE") < 0) {
		cq_arena_free(&r.arena);
		return cq_fail_sql(db, db->db, "locking the index");
	}
	rc = cq_store_prepare(&r.store, db->db) < 0 ? cq_fail_sql(db, db->db, "preparing the index")
						     : run(&r, flags);
	sqlite3_finalize(r.touch);
	sqlite3_finalize(r.path_of_id);
	cq_store_finalize(&r.store);
	cq_course_free(&r.files);
	t = now();
	if (rc == 0)
		rc = commit_search(&r);
	if (rc == 0 && cq_store_exec(db->db, "COMMIT") < 0)
		rc = cq_fail_sql(db, db->db, "committing the index");
	/* A file made anew is in WAL mode from its first commit (store.c);
	 * when another connection holds it, a later refresh tries again. */
	if (rc == 0)
		cq_store_wal(db->db);
	r.stats.seconds_commit = now() - t;
	if (rc != 0)
		cq_store_exec(db->db, "ROLLBACK");
	cq_search_close(r.search);
	*damaged = r.search_damaged;
	r.stats.lessons = count_lessons(db->db);
	r.stats.seconds = now() - t0;
	if (stats)
		*stats = r.stats;
	cq_buf_free(&r.scratch);
	cq_buf_free(&r.indexes);
	cq_buf_free(&r.path);
	cq_walk_free(&r.walk);
	cq_arena_free(&r.walk_arena);
	cq_arena_free(&r.lesson);
	cq_arena_free(&r.arena);
	cq_snapshot_begin(db);
	return rc;
}

int cq_refresh(courseq_db *db, unsigned flags, courseq_refresh_stats *stats)
{
	int damaged = 0;
	int rc = refresh_once(db, flags, stats, &damaged);

	/* A damaged search file is made anew, and with it the index. */
	if (rc != 0 && damaged) {
		cq_snapshot_end(db);
		cq_search_remove(db->cfg.db_path);
		rc = refresh_once(db, flags | COURSEQ_REFRESH_FULL, stats, &damaged);
	}
	return rc;
}
