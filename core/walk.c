#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "edit_file.h"
#include "path.h"

enum { MAX_DEPTH = 64 };

typedef struct walker {
	cq_walk *w;
	cq_arena *a;
	const char *root;      /* as given */
	const char *real_root; /* with symlinks resolved */
	size_t root_len;
	struct { dev_t dev; ino_t ino; } stack[MAX_DEPTH];
	int depth;
	cq_buf path; /* of the entry being looked at */
} walker;

static int problem(walker *wk, const char *path, const char *code, const char *fmt,
		   const char *detail)
{
	cq_walk_problem *p = cq_vec_push(&wk->w->problems, wk->a);
	char msg[512];

	if (!p)
		return -1;
	snprintf(msg, sizeof(msg), fmt, detail);
	p->path = cq_arena_strdup(wk->a, path);
	p->code = code;
	p->message = cq_arena_strdup(wk->a, msg);
	return p->path && p->message ? 0 : -1;
}

static int is_lesson(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && strcmp(name + n - 4, ".mdx") == 0) ||
	       (n > 3 && strcmp(name + n - 3, ".md") == 0);
}

/* A course's list of files is its largest: only the path under the root
 * is kept, packed, in an array on the heap, with a NUL for the last dot. */
static int add_file(walker *wk, const char *path, const struct stat *st)
{
	cq_file *f = cq_vec_push(&wk->w->files, NULL);
	const char *rel = path + wk->root_len + 1;
	char *id = f ? cq_arena_strdup(wk->a, rel) : NULL;

	if (!id)
		return -1;
	id[strrchr(rel, '.') - rel] = '\0'; /* a lesson's name has an extension */
	f->id = id;
	f->size = st->st_size;
	f->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
	return 0;
}

/* A symlink may be followed when its target stays inside the course. */
static int link_allowed(walker *wk, const char *path)
{
	char *real = realpath(path, NULL);
	int ok;

	if (!real)
		return problem(wk, path, "broken-symlink", "%s",
			       "symlink points at nothing; fix or remove it") < 0 ? -1 : 0;
	ok = strcmp(cq_path_under(wk->real_root, real), real) != 0 ||
	     strcmp(real, wk->real_root) == 0;
	free(real);
	if (!ok)
		return problem(wk, path, "symlink-outside", "%s",
			       "symlink leads outside the content folder; courseq does not follow it") < 0
			       ? -1
			       : 0;
	return 1;
}

static int walk_dir(walker *wk, const char *dir);

static int on_entry(walker *wk, const char *dir, const char *name)
{
	const char *path;
	struct stat st;
	int allowed = 1;

	cq_buf_clear(&wk->path);
	cq_buf_printf(&wk->path, "%s/%s", dir, name);
	if (wk->path.failed)
		return -1;
	path = cq_buf_cstr(&wk->path);
	if (lstat(path, &st) < 0)
		return problem(wk, path, "unreadable", "cannot read: %s", strerror(errno));
	if (S_ISLNK(st.st_mode)) {
		allowed = link_allowed(wk, path);
		if (allowed <= 0)
			return allowed;
		if (stat(path, &st) < 0)
			return problem(wk, path, "unreadable", "cannot read: %s", strerror(errno));
	}
	if (S_ISDIR(st.st_mode)) {
		char *sub = cq_arena_strdup(wk->a, path);

		return sub ? walk_dir(wk, sub) : -1;
	}
	if (S_ISREG(st.st_mode) && is_lesson(name))
		return add_file(wk, path, &st);
	return 0;
}

static int entered(walker *wk, const char *dir)
{
	struct stat st;
	int i;

	if (stat(dir, &st) < 0)
		return problem(wk, dir, "unreadable", "cannot read: %s", strerror(errno)) < 0 ? -1 : 0;
	for (i = 0; i < wk->depth; i++)
		if (wk->stack[i].dev == st.st_dev && wk->stack[i].ino == st.st_ino)
			return problem(wk, dir, "symlink-loop", "%s",
				       "symlink loop: this folder contains itself; remove the link") < 0
				       ? -1
				       : 0;
	if (wk->depth == MAX_DEPTH)
		return problem(wk, dir, "too-deep", "%s",
			       "folders nested more than 64 deep are not read") < 0 ? -1 : 0;
	wk->stack[wk->depth].dev = st.st_dev;
	wk->stack[wk->depth].ino = st.st_ino;
	wk->depth++;
	return 1;
}

static int walk_dir(walker *wk, const char *dir)
{
	DIR *d;
	struct dirent *e;
	int rc = entered(wk, dir);

	if (rc <= 0)
		return rc;
	rc = 0;
	d = opendir(dir);
	if (!d) {
		wk->depth--;
		return problem(wk, dir, "unreadable", "cannot read the folder: %s", strerror(errno));
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, CQ_EDIT_TEMP_PREFIX, strlen(CQ_EDIT_TEMP_PREFIX)) == 0) {
			const char **left = cq_vec_push(&wk->w->leftovers, wk->a);

			if (!left || !(*left = cq_path_join(wk->a, dir, e->d_name)))
				rc = -1;
		} else if (e->d_name[0] != '.' && e->d_name[0] != '_') {
			rc = on_entry(wk, dir, e->d_name);
		}
	}
	closedir(d);
	wk->depth--;
	return rc;
}

static int by_id(const void *x, const void *y)
{
	const cq_file *a = x, *b = y;
	int c = strcmp(a->id, b->id);

	return c ? c : strcmp(cq_file_ext(a), cq_file_ext(b));
}

const char *cq_file_ext(const cq_file *f)
{
	return f->id + strlen(f->id) + 1;
}

/* a.md and a.mdx are one entry to Astro's content collection, which keeps
 * only one of them: the first in order stays, the others are problems. */
static int drop_same_ids(walker *wk)
{
	cq_file *f = wk->w->files.items;
	size_t keep = 0, i;
	int rc = 0;

	for (i = 0; rc == 0 && i < wk->w->files.len; i++) {
		const cq_file *kept = keep ? &f[keep - 1] : NULL;
		const char *base;
		char name[512];

		if (!kept || strcmp(f[i].id, kept->id) != 0) {
			f[keep++] = f[i];
			continue;
		}
		base = strrchr(kept->id, '/');
		snprintf(name, sizeof(name), "%s.%s", base ? base + 1 : kept->id, cq_file_ext(kept));
		cq_buf_clear(&wk->path);
		cq_buf_printf(&wk->path, "%s/%s.%s", wk->root, f[i].id, cq_file_ext(&f[i]));
		rc = wk->path.failed ? -1
				     : problem(wk, cq_buf_cstr(&wk->path), "duplicate-id",
					       "has the same id as %s, and the site keeps only one of them;"
					       " rename or remove one",
					       name);
	}
	wk->w->files.len = keep;
	return rc;
}

void cq_walk_free(cq_walk *w)
{
	cq_vec_free(&w->files);
}

int cq_walk_tree(cq_walk *w, cq_arena *a, const char *root)
{
	walker wk;
	char *real = realpath(root, NULL);
	int rc;

	memset(&wk, 0, sizeof(wk));
	cq_vec_init(&w->files, sizeof(cq_file));
	cq_vec_init(&w->problems, sizeof(cq_walk_problem));
	cq_vec_init(&w->leftovers, sizeof(const char *));
	wk.w = w;
	wk.a = a;
	wk.root = root;
	wk.root_len = strlen(root);
	wk.real_root = cq_arena_strdup(a, real ? real : root);
	free(real);
	if (!wk.real_root)
		return -1;
	rc = walk_dir(&wk, root);
	if (w->files.len)
		qsort(w->files.items, w->files.len, sizeof(cq_file), by_id);
	if (rc == 0)
		rc = drop_same_ids(&wk);
	cq_buf_free(&wk.path);
	return rc;
}
