/* Finding the lesson files under the content root. */
#ifndef COURSEQ_WALK_H
#define COURSEQ_WALK_H

#include <stdint.h>

#include "arena.h"

/* A file's id is its path under the content root without the extension,
 * which follows the id's NUL ("mdx"): one string is the lesson's id, as
 * the course and the index use it, and its file name. */
typedef struct cq_file {
	const char *id;
	int64_t size, mtime_ns;
} cq_file;

typedef struct cq_walk_problem {
	const char *path; /* absolute */
	const char *code;
	const char *message;
} cq_walk_problem;

typedef struct cq_walk {
	cq_vec files;    /* cq_file, sorted by id, then extension; on the heap */
	cq_vec problems; /* cq_walk_problem */
	cq_vec leftovers; /* const char *: temporary files of unfinished edits */
} cq_walk;

/* Collects every .md and .mdx file under root, as Astro's content
 * collections do: names starting with '_' or '.' are skipped. Symlinks are
 * followed only while they stay inside root and do not loop; the others,
 * and unreadable folders, are problems. -1 only when out of memory.
 * Strings are in the arena; the list of files is freed by cq_walk_free. */
int cq_walk_tree(cq_walk *w, cq_arena *a, const char *root);
/* The file's extension, without the dot. */
const char *cq_file_ext(const cq_file *f);
void cq_walk_free(cq_walk *w);

#endif
