/* The course as a whole, in memory: every lesson's identity and place in
 * course order, with lookups by id, alias and index key. Loaded from the
 * index for the analyses that look across lessons (links, prerequisites). */
#ifndef COURSEQ_COURSE_H
#define COURSEQ_COURSE_H

#include <sqlite3.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

/* A course of 50,000 lessons is held whole: what is kept of a lesson is
 * what the analyses need, and its path is kept as its id between the two
 * parts all paths share (cq_course_path). */
typedef struct cq_lesson_info {
	int64_t key;
	const char *id, *alias, *module_dir;
	double ord;    /* frontmatter order; has_ord tells if there is one */
	uint32_t rank; /* position in course order */
	int32_t module;
	uint32_t form; /* of its path: the course's forms[form] */
	unsigned char has_ord;
} cq_lesson_info;

/* A path as the text before and after the lesson's id. */
typedef struct cq_path_form {
	const char *before, *after;
} cq_path_form;

/* Positions in lessons, by a field of the lessons themselves: an open-
 * addressing table of 4 bytes a slot that keeps no keys of its own, so a
 * course of 50,000 lessons costs a few hundred bytes a lesson in all. */
typedef struct cq_lesson_table {
	uint32_t *slots; /* position + 1 and a tag of the key (course.c) */
	size_t cap;
} cq_lesson_table;

typedef struct cq_course {
	cq_arena arena;
	cq_lesson_info *lessons; /* in course order */
	size_t n;
	cq_path_form *forms; /* a few: one a file extension, usually */
	size_t n_forms, cap_forms;
	cq_lesson_table by_id, by_alias, by_key, by_slug;
} cq_course;

/* What a lesson's id (its path under the content root without the
 * extension) names: its alias (the module folder's NN- prefix dropped: a
 * suffix of the id, sharing its bytes), module folder (in the arena) and
 * module number. The id is not copied. */
typedef struct cq_lesson_names {
	const char *id, *alias, *module_dir;
	int module;
} cq_lesson_names;

int cq_lesson_names_of(cq_lesson_names *out, cq_arena *a, const char *id);
/* Length of a module folder's "NN-" prefix, or 0. */
size_t cq_module_prefix(const char *dir, size_t n);

int cq_course_load(cq_course *c, sqlite3 *db);
/* The course as a set of files makes it (as the walk found them, and the
 * root their paths are shown relative to): ids, aliases and paths only,
 * in file order; for checking links before the lessons are stored. The
 * files' ids are not copied: they outlive the course. */
struct cq_file;
int cq_course_from_files(cq_course *c, const struct cq_file *files, size_t n,
			 const char *path_prefix);
void cq_course_free(cq_course *c);

const cq_lesson_info *cq_course_by_id(const cq_course *c, const char *id);
const cq_lesson_info *cq_course_by_alias(const cq_course *c, const char *alias);
/* By id, else by alias. */
const cq_lesson_info *cq_course_find(const cq_course *c, const char *ref);
const cq_lesson_info *cq_course_by_key(const cq_course *c, int64_t key);

/* The lesson's path under the site root, written to out (emptied first);
 * "" when out of memory, which out->failed tells. */
const char *cq_course_path(const cq_course *c, const cq_lesson_info *l, cq_buf *out);
/* The last segment of the id without its NN- prefix: a suffix of it. */
const char *cq_lesson_slug(const cq_lesson_info *l);

/* Lessons a mistyped id most likely meant: first those whose slug (the last
 * segment without its number) is the same (a module renumbered, a lesson
 * moved), else the nearest ids and aliases by edit distance. Writes up to
 * max indices; returns how many. */
size_t cq_course_suggest(const cq_course *c, const char *ref, size_t *out, size_t max);
/* As cq_course_suggest, for what a person typed: failing those, the ids
 * a prefix of which is near (module-7/04-multi-databse). */
size_t cq_course_suggest_typed(const cq_course *c, const char *ref, size_t *out, size_t max);

#endif
