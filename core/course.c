#include "course.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "suggest.h"
#include "walk.h"

static const char *text_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? s : "";
}

static const char *dup_col(cq_arena *a, sqlite3_stmt *st, int i)
{
	return cq_arena_strdup(a, text_col(st, i));
}

/* The alias is the id's tail in every course laid out by modules. */
static const char *suffix_or_dup(cq_arena *a, const char *id, const char *alias)
{
	size_t n = id ? strlen(id) : 0, k;

	if (!alias)
		alias = "";
	k = strlen(alias);
	return k <= n && strcmp(id + n - k, alias) == 0 ? id + n - k : cq_arena_strdup(a, alias);
}

/* "07-module-7/04-multi-database" -> "multi-database": a suffix of id. */
static const char *slug_of(const char *id)
{
	const char *last = strrchr(id, '/');
	size_t i = 0;

	last = last ? last + 1 : id;
	while (last[i] >= '0' && last[i] <= '9')
		i++;
	return i && last[i] == '-' ? last + i + 1 : last;
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

int cq_lesson_names_of(cq_lesson_names *out, cq_arena *a, const char *id)
{
	const char *slash = strchr(id, '/');
	size_t dn = slash ? (size_t)(slash - id) : 0;

	out->id = id;
	out->alias = id + cq_module_prefix(id, dn);
	out->module_dir = cq_arena_strndup(a, id, dn);
	out->module = module_number(id, dn);
	return out->module_dir ? 0 : -1;
}

/* A slot: the lesson's position + 1 (0: empty) in the low bits, seven
 * bits of the key's hash above them, so that a probe of another key
 * rarely looks at the lesson, and SHARED on top. */
enum { POSITION = 0x00ffffffu, TAG = 0x7f000000u, SHARED = 0x80000000u, TAG_SHIFT = 24 };

typedef enum field { BY_ID, BY_ALIAS, BY_KEY, BY_SLUG } field;

/* Lesson l's key under field f, as bytes. */
static const void *key_of(const cq_lesson_info *l, field f, size_t *len)
{
	const char *s = f == BY_ID ? l->id : f == BY_ALIAS ? l->alias : cq_lesson_slug(l);

	if (f == BY_KEY) {
		*len = sizeof(l->key);
		return &l->key;
	}
	*len = strlen(s);
	return s;
}

/* The slot holding key, or the empty one where it would go; *tag is the
 * key's tag. The hash's high half picks the first slot among cap. */
static uint32_t *slot_of(const cq_course *c, const cq_lesson_table *t, field f, const void *key,
			 size_t len, uint32_t *tag)
{
	uint64_t h = cq_hash64(key, len);
	size_t i = (size_t)(((h >> 32) * (uint64_t)t->cap) >> 32);

	*tag = ((uint32_t)h << TAG_SHIFT) & TAG;
	for (;; i = i + 1 == t->cap ? 0 : i + 1) {
		uint32_t v = t->slots[i];
		size_t n;
		const void *k;

		if (!v)
			return &t->slots[i];
		if ((v & TAG) != *tag)
			continue;
		k = key_of(&c->lessons[(v & POSITION) - 1], f, &n);
		if (n == len && memcmp(k, key, len) == 0)
			return &t->slots[i];
	}
}

/* Lesson i under field f: it replaces a lesson with the same key, or
 * (share) marks the key SHARED by several. */
static void table_put(cq_course *c, cq_lesson_table *t, field f, size_t i, int share)
{
	size_t len;
	const void *key = key_of(&c->lessons[i], f, &len);
	uint32_t tag, *slot = slot_of(c, t, f, key, len, &tag);

	*slot = *slot && share ? *slot | SHARED : tag | ((uint32_t)i + 1);
}

static const cq_lesson_info *table_get(const cq_course *c, const cq_lesson_table *t, field f,
				       const void *key, size_t len)
{
	uint32_t tag, v = slot_of(c, t, f, key, len, &tag)[0];

	return v && !(v & SHARED) ? &c->lessons[(v & POSITION) - 1] : NULL;
}

/* Room for n lessons at a load of at most three quarters: 5.3 bytes a
 * lesson. (A power of two would be up to twice that.) */
static int table_init(cq_course *c, cq_lesson_table *t, size_t n)
{
	t->cap = n + n / 3 + 4;
	t->slots = cq_arena_alloc(&c->arena, t->cap * sizeof(*t->slots));
	if (t->slots)
		memset(t->slots, 0, t->cap * sizeof(*t->slots));
	return t->slots ? 0 : -1;
}

/* The last lesson with an id, alias or key has it; a slug several lessons
 * share suggests none of them. A course without keys has no table of them. */
static void index_lesson(cq_course *c, size_t i)
{
	table_put(c, &c->by_id, BY_ID, i, 0);
	table_put(c, &c->by_alias, BY_ALIAS, i, 0);
	if (c->by_key.slots)
		table_put(c, &c->by_key, BY_KEY, i, 0);
	table_put(c, &c->by_slug, BY_SLUG, i, 1);
}

/* An empty course with room for n lessons (and their keys, if keyed). */
static int init(cq_course *c, size_t n, int keyed)
{
	memset(c, 0, sizeof(*c));
	cq_arena_init(&c->arena);
	if (n >= POSITION - 1)
		return -1;
	c->lessons = cq_arena_alloc(&c->arena, (n + 1) * sizeof(*c->lessons));
	return c->lessons && table_init(c, &c->by_id, n) == 0 &&
			       table_init(c, &c->by_alias, n) == 0 &&
			       (!keyed || table_init(c, &c->by_key, n) == 0) &&
			       table_init(c, &c->by_slug, n) == 0
		       ? 0
		       : -1;
}

/* The lesson's path as text around its id: the form most lessons share
 * (the content folder, the extension) is stored once. A path without the
 * id in it is a form of its own, with no after. */
static int set_path(cq_course *c, cq_lesson_info *l, const char *path)
{
	size_t n = strlen(path), k = strlen(l->id), before = n, i;
	const char *p, *after = NULL;

	for (p = k ? strstr(path, l->id) : NULL; p; p = strstr(p + 1, l->id))
		before = (size_t)(p - path); /* the id's last place in the path */
	if (before < n)
		after = path + before + k;
	for (i = 0; i < c->n_forms; i++) {
		const cq_path_form *f = &c->forms[i];

		if (strlen(f->before) == before && strncmp(f->before, path, before) == 0 &&
		    (f->after && after ? strcmp(f->after, after) == 0 : f->after == after)) {
			l->form = (uint32_t)i;
			return 0;
		}
	}
	if (c->n_forms == c->cap_forms) {
		size_t cap = c->cap_forms ? 2 * c->cap_forms : 4;
		cq_path_form *forms = cq_arena_alloc(&c->arena, cap * sizeof(*forms));

		if (!forms || cap > UINT32_MAX)
			return -1;
		if (c->n_forms)
			memcpy(forms, c->forms, c->n_forms * sizeof(*forms));
		c->forms = forms;
		c->cap_forms = cap;
	}
	c->forms[c->n_forms].before = cq_arena_strndup(&c->arena, path, before);
	c->forms[c->n_forms].after = after ? cq_arena_strdup(&c->arena, after) : NULL;
	l->form = (uint32_t)c->n_forms++;
	return c->forms[l->form].before && (!after || c->forms[l->form].after) ? 0 : -1;
}

const char *cq_course_path(const cq_course *c, const cq_lesson_info *l, cq_buf *out)
{
	const cq_path_form *f = &c->forms[l->form];

	cq_buf_clear(out);
	cq_buf_puts(out, f->before);
	if (f->after) {
		cq_buf_puts(out, l->id);
		cq_buf_puts(out, f->after);
	}
	return out->failed ? "" : cq_buf_cstr(out);
}

const char *cq_lesson_slug(const cq_lesson_info *l)
{
	return slug_of(l->id);
}

/* Lessons of one module share one copy of its folder's name. */
static const char *module_dir_of(cq_course *c, const char *dir)
{
	const char *prev = c->n ? c->lessons[c->n - 1].module_dir : NULL;

	return prev && strcmp(prev, dir) == 0 ? prev : cq_arena_strdup(&c->arena, dir);
}

int cq_course_load(cq_course *c, sqlite3 *db)
{
	sqlite3_stmt *st;
	int rc;

	/* The count comes with the rows, from the same read of the index. */
	if (init(c, 0, 1) < 0 ||
	    sqlite3_prepare_v2(db, "SELECT lesson, id, alias, path, module_dir, ord, module,"
				   " (SELECT count(*) FROM lessons)"
				   " FROM lessons ORDER BY " CQ_COURSE_ORDER,
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cq_lesson_info *l;

		if (c->n == 0) {
			cq_course_free(c);
			if (init(c, (size_t)sqlite3_column_int64(st, 7), 1) < 0)
				break;
		}
		l = &c->lessons[c->n];
		l->key = sqlite3_column_int64(st, 0);
		l->id = dup_col(&c->arena, st, 1);
		l->alias = suffix_or_dup(&c->arena, l->id, (const char *)sqlite3_column_text(st, 2));
		l->module_dir = module_dir_of(c, text_col(st, 4));
		l->has_ord = sqlite3_column_type(st, 5) != SQLITE_NULL;
		l->ord = sqlite3_column_double(st, 5);
		l->module = sqlite3_column_int(st, 6);
		l->rank = (uint32_t)c->n;
		if (c->arena.failed || !l->id || !l->module_dir || set_path(c, l, text_col(st, 3)) < 0)
			break;
		index_lesson(c, c->n);
		c->n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE && !c->arena.failed ? 0 : -1;
}

int cq_course_from_files(cq_course *c, const cq_file *files, size_t n,
			 const char *path_prefix)
{
	cq_arena names;
	cq_buf path = CQ_BUF_INIT;
	size_t i;
	int rc = init(c, n, 0);

	if (strcmp(path_prefix, ".") == 0)
		path_prefix = "";
	cq_arena_init(&names);
	for (i = 0; rc == 0 && i < n; i++) {
		cq_lesson_info *l = &c->lessons[i];
		cq_lesson_names nm;

		cq_arena_reset(&names);
		cq_buf_clear(&path);
		cq_buf_printf(&path, "%s%s%s.%s", path_prefix, *path_prefix ? "/" : "", files[i].id,
			      cq_file_ext(&files[i]));
		l->id = files[i].id;
		if (path.failed || cq_lesson_names_of(&nm, &names, l->id) < 0 ||
		    !(l->module_dir = module_dir_of(c, nm.module_dir)) ||
		    set_path(c, l, cq_buf_cstr(&path)) < 0) {
			rc = -1;
			break;
		}
		l->alias = nm.alias;
		l->module = nm.module;
		l->key = -1 - (int64_t)i; /* not stored yet: no key */
		l->rank = (uint32_t)i;
		index_lesson(c, i);
		c->n = i + 1;
	}
	cq_arena_free(&names);
	cq_buf_free(&path);
	return rc;
}

void cq_course_free(cq_course *c)
{
	cq_arena_free(&c->arena);
}

const cq_lesson_info *cq_course_by_id(const cq_course *c, const char *id)
{
	return table_get(c, &c->by_id, BY_ID, id, strlen(id));
}

const cq_lesson_info *cq_course_by_alias(const cq_course *c, const char *alias)
{
	return table_get(c, &c->by_alias, BY_ALIAS, alias, strlen(alias));
}

const cq_lesson_info *cq_course_find(const cq_course *c, const char *ref)
{
	const cq_lesson_info *l = cq_course_by_id(c, ref);

	return l ? l : cq_course_by_alias(c, ref);
}

const cq_lesson_info *cq_course_by_key(const cq_course *c, int64_t key)
{
	/* A course of files keys lesson i -1 - i. */
	if (!c->by_key.slots)
		return key < 0 && (uint64_t)(-1 - key) < c->n ? &c->lessons[-1 - key] : NULL;
	return table_get(c, &c->by_key, BY_KEY, &key, sizeof(key));
}

/* The one lesson whose slug extends or shortens slug (a lesson renamed
 * from intro to introduction), or NULL when none or several do. */
static const cq_lesson_info *prefix_relative(const cq_course *c, const char *slug)
{
	const cq_lesson_info *found = NULL;
	size_t n = strlen(slug), i;

	for (i = 0; i < c->n; i++) {
		const char *s = cq_lesson_slug(&c->lessons[i]);
		size_t k = strlen(s);

		if (k == n || strncmp(s, slug, k < n ? k : n) != 0)
			continue;
		if (found)
			return NULL;
		found = &c->lessons[i];
	}
	return found;
}

static size_t suggest(const cq_course *c, const char *ref, size_t *out, size_t max, int typed)
{
	cq_arena a;
	const cq_lesson_info *same = NULL;
	const char **names, *slug;
	size_t k, i, n = 0;

	if (!max)
		return 0;
	cq_arena_init(&a);
	slug = slug_of(ref);
	if (slug)
		same = table_get(c, &c->by_slug, BY_SLUG, slug, strlen(slug));
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
		k = typed ? cq_suggest_typed(ref, names, 2 * c->n, out, max)
			  : cq_suggest(ref, names, 2 * c->n, out, max);
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

size_t cq_course_suggest(const cq_course *c, const char *ref, size_t *out, size_t max)
{
	return suggest(c, ref, out, max, 0);
}

size_t cq_course_suggest_typed(const cq_course *c, const char *ref, size_t *out, size_t max)
{
	return suggest(c, ref, out, max, 1);
}
