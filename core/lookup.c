/* Lessons through the public API: lookup by id, alias, path or prefix;
 * their fields; iteration in course order. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "db.h"
#include "path.h"
#include "resolve.h"

struct courseq_lesson {
	int64_t key;
	char *id, *alias, *path, *title, *description, *difficulty, *frontmatter, *url;
	int module;
	double order, time;
};

#define LESSON_COLUMNS                                                                   \
	"lesson, id, alias, path, title, description, difficulty, frontmatter, module,"  \
	" ord, estimated_time"

static char *col_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? strdup(s) : NULL;
}

static void clear_lesson(courseq_lesson *l)
{
	free(l->id);
	free(l->alias);
	free(l->path);
	free(l->title);
	free(l->description);
	free(l->difficulty);
	free(l->frontmatter);
	free(l->url);
	memset(l, 0, sizeof(*l));
}

/* The URL the site serves it at, as link resolution makes it. */
static char *served_url(const cq_config *cfg, const char *id)
{
	cq_lesson_info info = {0};
	cq_arena a;
	const char *url;
	char *out;

	cq_arena_init(&a);
	info.id = id;
	url = cq_lesson_url(&a, cfg, &info);
	out = url ? strdup(url) : NULL;
	cq_arena_free(&a);
	return out;
}

/* Fills l from a row of LESSON_COLUMNS; -1 when out of memory. */
static int fill_lesson(courseq_lesson *l, sqlite3_stmt *st, const cq_config *cfg)
{
	clear_lesson(l);
	l->key = sqlite3_column_int64(st, 0);
	l->id = col_dup(st, 1);
	l->alias = col_dup(st, 2);
	l->path = col_dup(st, 3);
	l->title = col_dup(st, 4);
	l->description = col_dup(st, 5);
	l->difficulty = col_dup(st, 6);
	l->frontmatter = col_dup(st, 7);
	l->module = sqlite3_column_int(st, 8);
	l->order = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 9);
	l->time = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 10);
	l->url = l->id ? served_url(cfg, l->id) : NULL;
	return l->id && l->alias && l->path && l->frontmatter && l->url ? 0 : -1;
}

static int load_key(courseq_lesson **out, courseq_db *db, int64_t key)
{
	sqlite3_stmt *st;
	courseq_lesson *l = calloc(1, sizeof(*l));
	int rc = COURSEQ_OK;

	if (!l)
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	if (sqlite3_prepare_v2(db->db, "SELECT " LESSON_COLUMNS " FROM lessons WHERE lesson = ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		free(l);
		return cq_fail_sql(db, db->db, "looking up a lesson");
	}
	sqlite3_bind_int64(st, 1, key);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = cq_fail(db, COURSEQ_ENOTFOUND, "the lesson is gone from the index");
	else if (fill_lesson(l, st, &db->cfg) < 0)
		rc = cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	sqlite3_finalize(st);
	if (rc != COURSEQ_OK) {
		courseq_lesson_free(l);
		l = NULL;
	}
	*out = l;
	return rc;
}

/* The path a reference names, relative to the course root, when the
 * reference is an existing file. */
static char *as_path(courseq_db *db, const char *ref)
{
	char *real = realpath(ref, NULL), *rel = NULL;
	char *root = realpath(db->cfg.root, NULL);

	if (real && root && strcmp(cq_path_under(root, real), real) != 0)
		rel = strdup(cq_path_under(root, real));
	free(real);
	free(root);
	return rel;
}

static int64_t exact(courseq_db *db, const char *ref)
{
	sqlite3_stmt *st;
	char *path = as_path(db, ref);
	int64_t key = -1;

	if (sqlite3_prepare_v2(db->db,
			       "SELECT lesson FROM lessons WHERE id = ?1 OR alias = ?1 OR path = ?1"
			       " OR path = ?2 ORDER BY id = ?1 DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK) {
		free(path);
		return -2;
	}
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		key = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(path);
	return key;
}

/* Segment-level prefix: every segment but the last equal, the last a
 * prefix of the lesson's segment; fewer segments than the id is fine. */
static int prefix_match(const char *ref, const char *id)
{
	for (;;) {
		const char *rs = strchr(ref, '/'), *is = strchr(id, '/');
		size_t rn = rs ? (size_t)(rs - ref) : strlen(ref);
		size_t in = is ? (size_t)(is - id) : strlen(id);

		if (!rs)
			return rn <= in && memcmp(ref, id, rn) == 0;
		if (!is || rn != in || memcmp(ref, id, rn) != 0)
			return 0;
		ref = rs + 1;
		id = is + 1;
	}
}

/* Lessons whose id or alias starts with ref, through the indexes (GLOB
 * with a literal prefix is a range scan); the segment rule filters them. */
static int candidates(courseq_db *db, const char *ref, cq_vec *keys, cq_vec *aliases,
		      cq_arena *a)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->db, "SELECT lesson, id, alias FROM lessons"
				       " WHERE id GLOB ?1 || '*' OR alias GLOB ?1 || '*'"
				       " ORDER BY " CQ_COURSE_ORDER,
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 1);
		const char *alias = (const char *)sqlite3_column_text(st, 2);
		int64_t *k;
		const char **al;

		if (!prefix_match(ref, id) && !prefix_match(ref, alias))
			continue;
		k = cq_vec_push(keys, a);
		al = cq_vec_push(aliases, a);
		if (!k || !al || !(*al = cq_arena_strdup(a, alias)))
			break;
		*k = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int ambiguous(courseq_db *db, const char *ref, const cq_vec *aliases)
{
	size_t i, n = aliases->len;

	cq_fail(db, COURSEQ_EAMBIGUOUS, "'%s' matches %zu lessons:", ref, n);
	for (i = 0; i < n && i < 10; i++)
		cq_buf_printf(&db->err, "%s %s", i ? "," : "", *CQ_VEC_AT(aliases, const char *, i));
	if (n > 10)
		cq_buf_printf(&db->err, ", and %zu more", n - 10);
	cq_buf_puts(&db->err, "; say which");
	return COURSEQ_EAMBIGUOUS;
}

/* Unknown: the whole course is loaded, for the nearest ids. */
static int not_found(courseq_db *db, const char *ref)
{
	cq_course c;
	size_t near[3], k, i;

	if (cq_course_load(&c, db->db) < 0) {
		cq_course_free(&c);
		return cq_fail_sql(db, db->db, "looking up a lesson");
	}
	k = cq_course_suggest_typed(&c, ref, near, 3);
	cq_fail(db, COURSEQ_ENOTFOUND, "no lesson '%s'", ref);
	for (i = 0; i < k; i++)
		cq_buf_printf(&db->err, "%s%s", i ? ", " : "; did you mean ", c.lessons[near[i]].alias);
	if (k)
		cq_buf_putc(&db->err, '?');
	cq_course_free(&c);
	return COURSEQ_ENOTFOUND;
}

static int by_prefix(courseq_db *db, const char *ref, int64_t *key)
{
	cq_arena a;
	cq_vec keys, aliases;
	int rc;

	/* GLOB's own characters in a reference match no lesson id anyway. */
	if (strpbrk(ref, "*?["))
		return not_found(db, ref);
	cq_arena_init(&a);
	cq_vec_init(&keys, sizeof(int64_t));
	cq_vec_init(&aliases, sizeof(const char *));
	if (candidates(db, ref, &keys, &aliases, &a) < 0)
		rc = cq_fail_sql(db, db->db, "looking up a lesson");
	else if (keys.len == 1)
		*key = *CQ_VEC_AT(&keys, int64_t, 0), rc = COURSEQ_OK;
	else if (keys.len > 1)
		rc = ambiguous(db, ref, &aliases);
	else
		rc = not_found(db, ref);
	cq_arena_free(&a);
	return rc;
}

int courseq_lesson_lookup(courseq_lesson **out, courseq_db *db, const char *ref)
{
	int64_t key;
	int rc;

	*out = NULL;
	if (!ref || !*ref)
		return cq_fail(db, COURSEQ_EINVALID, "no lesson named: give an id such as module-1/01");
	key = exact(db, ref);
	if (key == -2)
		return cq_fail_sql(db, db->db, "looking up a lesson");
	if (key < 0 && (rc = by_prefix(db, ref, &key)) != COURSEQ_OK)
		return rc;
	return load_key(out, db, key);
}

void courseq_lesson_free(courseq_lesson *lesson)
{
	if (!lesson)
		return;
	clear_lesson(lesson);
	free(lesson);
}

int64_t cq_lesson_key(const courseq_lesson *lesson)
{
	return lesson->key;
}

const char *courseq_lesson_id(const courseq_lesson *l) { return l->id; }
const char *courseq_lesson_alias(const courseq_lesson *l) { return l->alias; }
const char *courseq_lesson_path(const courseq_lesson *l) { return l->path; }
const char *courseq_lesson_url(const courseq_lesson *l) { return l->url; }
const char *courseq_lesson_title(const courseq_lesson *l) { return l->title; }
const char *courseq_lesson_description(const courseq_lesson *l) { return l->description; }
const char *courseq_lesson_difficulty(const courseq_lesson *l) { return l->difficulty; }
const char *courseq_lesson_frontmatter(const courseq_lesson *l) { return l->frontmatter; }
int courseq_lesson_module(const courseq_lesson *l) { return l->module; }
double courseq_lesson_order(const courseq_lesson *l) { return l->order; }
double courseq_lesson_estimated_time(const courseq_lesson *l) { return l->time; }

/* ---- iteration ---- */

struct courseq_lesson_iter {
	courseq_db *db;
	sqlite3_stmt *st;
	courseq_lesson cur;
};

int courseq_lessons(courseq_lesson_iter **out, courseq_db *db, const courseq_filter *filter)
{
	courseq_lesson_iter *it = calloc(1, sizeof(*it));
	courseq_filter none = {0, NULL, NULL};

	*out = NULL;
	if (!it)
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	if (!filter)
		filter = &none;
	if (sqlite3_prepare_v2(db->db,
			       "SELECT " LESSON_COLUMNS " FROM lessons"
			       " WHERE (?1 <= 0 OR module = ?1) AND (?2 IS NULL OR difficulty = ?2)"
			       " AND (?3 IS NULL OR lesson IN (SELECT lesson FROM topics"
			       "      WHERE topic = ?3 COLLATE NOCASE))"
			       " ORDER BY " CQ_COURSE_ORDER,
			       -1, &it->st, NULL) != SQLITE_OK) {
		free(it);
		return cq_fail_sql(db, db->db, "listing lessons");
	}
	sqlite3_bind_int(it->st, 1, filter->module);
	sqlite3_bind_text(it->st, 2, filter->difficulty, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(it->st, 3, filter->topic, -1, SQLITE_TRANSIENT);
	it->db = db;
	*out = it;
	return COURSEQ_OK;
}

int courseq_lessons_next(const courseq_lesson **out, courseq_lesson_iter *it)
{
	int rc = sqlite3_step(it->st);

	*out = NULL;
	if (rc == SQLITE_DONE)
		return COURSEQ_ITEROVER;
	if (rc != SQLITE_ROW)
		return cq_fail_sql(it->db, it->db->db, "listing lessons");
	if (fill_lesson(&it->cur, it->st, &it->db->cfg) < 0)
		return cq_fail(it->db, COURSEQ_ENOMEM, "out of memory");
	*out = &it->cur;
	return COURSEQ_OK;
}

void courseq_lessons_free(courseq_lesson_iter *it)
{
	if (!it)
		return;
	sqlite3_finalize(it->st);
	clear_lesson(&it->cur);
	free(it);
}
