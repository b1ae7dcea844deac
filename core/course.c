#include "course.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "suggest.h"

static const char *dup_col(cq_arena *a, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return cq_arena_strdup(a, s ? s : "");
}

/* "07-module-7/04-multi-database" -> "multi-database". */
static const char *slug_of(cq_arena *a, const char *id)
{
	const char *last = strrchr(id, '/');
	size_t i = 0;

	last = last ? last + 1 : id;
	while (last[i] >= '0' && last[i] <= '9')
		i++;
	if (i && last[i] == '-')
		last += i + 1;
	return cq_arena_strdup(a, last);
}

/* 07-module-7 -> 7; module-7 -> 7; intro -> 0. */
static int module_number(const char *dir, size_t n)
{
	size_t j = n;

	if (n && dir[0] >= '0' && dir[0] <= '9')
		return (int)strtol(dir, NULL, 10);
	while (j > 0 && dir[j - 1] >= '0' && dir[j - 1] <= '9')
		j--;
	return j < n ? (int)strtol(dir + j, NULL, 10) : 0;
}

size_t cq_module_prefix(const char *dir, size_t n)
{
	size_t i = 0;

	while (i < n && dir[i] >= '0' && dir[i] <= '9')
		i++;
	return i > 0 && i + 1 < n && dir[i] == '-' ? i + 1 : 0;
}

int cq_lesson_names_of(cq_lesson_names *out, cq_arena *a, const char *rel)
{
	const char *slash = strchr(rel, '/'), *dot = strrchr(rel, '.');
	size_t dn = slash ? (size_t)(slash - rel) : 0, skip = cq_module_prefix(rel, dn);
	size_t n = dot && dot > rel ? (size_t)(dot - rel) : strlen(rel);

	out->id = cq_arena_strndup(a, rel, n);
	out->alias = cq_arena_strndup(a, rel + skip, n - skip);
	out->module_dir = cq_arena_strndup(a, rel, dn);
	out->module = module_number(rel, dn);
	return out->id && out->alias && out->module_dir ? 0 : -1;
}

static int index_lesson(cq_course *c, size_t i)
{
	cq_lesson_info *l = &c->lessons[i];
	/* The keys are the lesson's own strings, which live in c's arena. */
	long *a = cq_strmap_put_ref(&c->by_id, l->id, strlen(l->id), NULL);
	long *b = cq_strmap_put_ref(&c->by_alias, l->alias, strlen(l->alias), NULL);
	long *k = cq_strmap_put_ref(&c->by_key, (const char *)&l->key, sizeof(l->key), NULL);
	int added;
	long *s = cq_strmap_put_ref(&c->by_slug, l->slug, strlen(l->slug), &added);

	if (!a || !b || !k || !s)
		return -1;
	*a = *b = *k = (long)i;
	/* A slug shared by several lessons suggests nothing: -1. */
	*s = added ? (long)i : -1;
	return 0;
}

/* An empty course with room for n lessons, so that filling it leaves no
 * outgrown tables in the arena. */
static int init(cq_course *c, size_t n)
{
	memset(c, 0, sizeof(*c));
	cq_arena_init(&c->arena);
	cq_strmap_init(&c->by_id, &c->arena);
	cq_strmap_init(&c->by_alias, &c->arena);
	cq_strmap_init(&c->by_key, &c->arena);
	cq_strmap_init(&c->by_slug, &c->arena);
	c->lessons = cq_arena_alloc(&c->arena, (n + 1) * sizeof(*c->lessons));
	return c->lessons && cq_strmap_reserve(&c->by_id, n) == 0 &&
			       cq_strmap_reserve(&c->by_alias, n) == 0 &&
			       cq_strmap_reserve(&c->by_key, n) == 0 &&
			       cq_strmap_reserve(&c->by_slug, n) == 0
		       ? 0
		       : -1;
}

int cq_course_load(cq_course *c, sqlite3 *db)
{
	sqlite3_stmt *st;
	int rc;

	/* The count comes with the rows, from the same read of the index. */
	if (init(c, 0) < 0 ||
	    sqlite3_prepare_v2(db, "SELECT lesson, id, alias, path, module_dir, ord, module, title,"
				   " (SELECT count(*) FROM lessons)"
				   " FROM lessons ORDER BY " CQ_COURSE_ORDER,
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cq_lesson_info *l;

		if (c->n == 0) {
			cq_course_free(c);
			if (init(c, (size_t)sqlite3_column_int64(st, 8)) < 0)
				break;
		}
		l = &c->lessons[c->n];
		l->key = sqlite3_column_int64(st, 0);
		l->id = dup_col(&c->arena, st, 1);
		l->alias = dup_col(&c->arena, st, 2);
		l->path = dup_col(&c->arena, st, 3);
		l->module_dir = dup_col(&c->arena, st, 4);
		l->has_ord = sqlite3_column_type(st, 5) != SQLITE_NULL;
		l->ord = sqlite3_column_double(st, 5);
		l->module = sqlite3_column_int(st, 6);
		l->title = sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL : dup_col(&c->arena, st, 7);
		l->slug = slug_of(&c->arena, l->id);
		l->rank = c->n;
		if (c->arena.failed || index_lesson(c, c->n) < 0)
			break;
		c->n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE && !c->arena.failed ? 0 : -1;
}

int cq_course_from_files(cq_course *c, const char *const *rels, size_t n,
			 const char *path_prefix)
{
	size_t i, pn = strlen(path_prefix);

	if (init(c, n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		cq_lesson_info *l = &c->lessons[i];
		cq_lesson_names nm;
		char *path = cq_arena_alloc(&c->arena, pn + strlen(rels[i]) + 2);

		if (!path || cq_lesson_names_of(&nm, &c->arena, rels[i]) < 0)
			return -1;
		sprintf(path, "%s%s%s", path_prefix, pn ? "/" : "", rels[i]);
		l->id = nm.id;
		l->alias = nm.alias;
		l->module_dir = nm.module_dir;
		l->module = nm.module;
		l->path = path;
		l->slug = slug_of(&c->arena, l->id);
		l->key = -1 - (int64_t)i; /* not stored yet: no key */
		l->rank = i;
		if (!l->slug || index_lesson(c, i) < 0)
			return -1;
		c->n = i + 1;
	}
	return 0;
}

void cq_course_free(cq_course *c)
{
	cq_arena_free(&c->arena);
}

static const cq_lesson_info *at(const cq_course *c, const long *i)
{
	return i && *i >= 0 ? &c->lessons[*i] : NULL;
}

const cq_lesson_info *cq_course_by_id(const cq_course *c, const char *id)
{
	return at(c, cq_strmap_get(&c->by_id, id, strlen(id)));
}

const cq_lesson_info *cq_course_by_alias(const cq_course *c, const char *alias)
{
	return at(c, cq_strmap_get(&c->by_alias, alias, strlen(alias)));
}

const cq_lesson_info *cq_course_find(const cq_course *c, const char *ref)
{
	const cq_lesson_info *l = cq_course_by_id(c, ref);

	return l ? l : cq_course_by_alias(c, ref);
}

const cq_lesson_info *cq_course_by_key(const cq_course *c, int64_t key)
{
	return at(c, cq_strmap_get(&c->by_key, (const char *)&key, sizeof(key)));
}

/* The one lesson whose slug extends or shortens slug (a lesson renamed
 * from intro to introduction), or NULL when none or several do. */
static const cq_lesson_info *prefix_relative(const cq_course *c, const char *slug)
{
	const cq_lesson_info *found = NULL;
	size_t n = strlen(slug), i;

	for (i = 0; i < c->n; i++) {
		const char *s = c->lessons[i].slug;
		size_t k = strlen(s);

		if (k == n || strncmp(s, slug, k < n ? k : n) != 0)
			continue;
		if (found)
			return NULL;
		found = &c->lessons[i];
	}
	return found;
}

size_t cq_course_suggest(const cq_course *c, const char *ref, size_t *out, size_t max)
{
	cq_arena a;
	const cq_lesson_info *same = NULL;
	const char **names, *slug;
	size_t k, i, n = 0;

	if (!max)
		return 0;
	cq_arena_init(&a);
	slug = slug_of(&a, ref);
	if (slug)
		same = at(c, cq_strmap_get(&c->by_slug, slug, strlen(slug)));
	if (slug && *slug && !same)
		same = prefix_relative(c, slug);
	if (same) {
		cq_arena_free(&a);
		out[0] = same->rank;
		return 1;
	}
	names = cq_arena_alloc(&a, (2 * c->n + 1) * sizeof(*names));
	if (names) {
		for (i = 0; i < c->n; i++) {
			names[2 * i] = c->lessons[i].id;
			names[2 * i + 1] = c->lessons[i].alias;
		}
		k = cq_suggest(ref, names, 2 * c->n, out, max);
		/* Two names per lesson: map back, dropping repeats. */
		for (i = 0; i < k; i++) {
			size_t j, l = out[i] / 2;

			for (j = 0; j < n && out[j] != l; j++)
				;
			if (j == n)
				out[n++] = l;
		}
	}
	cq_arena_free(&a);
	return n;
}
