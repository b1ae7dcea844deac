/* File paths: joining, normalising, and relating them to a root. */
#ifndef COURSEQ_PATH_H
#define COURSEQ_PATH_H

#include "arena.h"

/* dir/rel with "." and ".." resolved lexically; rel when it is absolute.
 * NULL when out of memory. */
char *cq_path_join(cq_arena *a, const char *dir, const char *rel);
/* The folder part of path ("/a/b" for "/a/b/c"). */
char *cq_path_dir(cq_arena *a, const char *path);
/* path relative to root when path is root or inside it, else path. The
 * result points into path. */
const char *cq_path_under(const char *root, const char *path);
int cq_path_is_dir(const char *path);
int cq_path_is_file(const char *path);
/* The working directory, in the arena; NULL on failure. */
char *cq_path_cwd(cq_arena *a);

#endif
