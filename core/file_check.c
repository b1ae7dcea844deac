/* Files that links, images and imports point at. Each distinct target is
 * looked for once per refresh (files come and go without any lesson
 * changing); statuses and diagnostics are rewritten only when one of them
 * appeared or disappeared. Nothing outside the course is looked at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "path.h"

#define FILE_TARGET "(target LIKE 'url:%' OR target LIKE 'path:%' OR target LIKE 'module:%')"

typedef struct target {
	const char *name;
	int exists, was_broken, pending;
} target;

/* Inside the course folder, symlinks resolved. */
static int inside(const cq_config *cfg, const char *path)
{
	char *real = realpath(path, NULL), *root = realpath(cfg->root, NULL);
	int ok = real && root && strcmp(cq_path_under(root, real), real) != 0;

	free(real);
	free(root);
	return ok;
}

static int any_file(cq_arena *a, const cq_config *cfg, const char *base,
		    const char *const *suffixes)
{
	size_t i;

	for (i = 0; suffixes[i]; i++) {
		size_t n = strlen(base) + strlen(suffixes[i]) + 1;
		char *p = cq_arena_alloc(a, n);

		if (!p)
			return 0;
		snprintf(p, n, "%s%s", base, suffixes[i]);
		if (cq_path_is_file(p))
			return inside(cfg, p);
	}
	return 0;
}

static int exists(cq_arena *a, const cq_config *cfg, const char *t)
{
	static const char *const as_is[] = {"", NULL};
	static const char *const pages[] = {".astro", ".md", ".mdx", ".html", "/index.astro",
					    "/index.md", "/index.mdx", "/index.html", NULL};
	static const char *const modules[] = {"", ".tsx", ".ts", ".jsx", ".js", ".mjs", ".mdx",
					      ".md", ".astro", ".json", "/index.tsx", "/index.ts",
					      "/index.jsx", "/index.js", NULL};
	static const char *const public_files[] = {"", "/index.html", NULL};
	const char *colon = strchr(t, ':'), *rest = colon + 1;

	if (strncmp(t, "path:", 5) == 0)
		return any_file(a, cfg, cq_path_join(a, cfg->root, rest), as_is);
	if (strncmp(t, "module:", 7) == 0)
		return any_file(a, cfg, cq_path_join(a, cfg->root, rest), modules);
	/* url:/x: a file in public/, or a page in src/pages/. */
	rest += strspn(rest, "/");
	return any_file(a, cfg, cq_path_join(a, cfg->site, cq_path_join(a, "public", rest)), public_files) ||
	       any_file(a, cfg, cq_path_join(a, cfg->site, cq_path_join(a, "src/pages", *rest ? rest : "index")),
			pages);
}

static int load_targets(cq_analysis *an, cq_vec *out, int *changed)
{
	sqlite3_stmt *st;
	int rc;

	cq_vec_init(out, sizeof(target));
	if (sqlite3_prepare_v2(an->db, "SELECT target, max(status LIKE 'broken-%'), max(status = 'file')"
				       " FROM links WHERE " FILE_TARGET " GROUP BY target",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		target *t = cq_vec_push(out, &an->arena);

		if (!t)
			break;
		t->name = cq_arena_strdup(&an->arena, (const char *)sqlite3_column_text(st, 0));
		t->was_broken = sqlite3_column_int(st, 1);
		t->pending = sqlite3_column_int(st, 2);
		t->exists = t->name && exists(&an->arena, an->cfg, t->name);
		*changed |= t->pending || t->was_broken == t->exists;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static const target *find(const cq_vec *targets, const char *name)
{
	size_t i;

	for (i = 0; i < targets->len; i++)
		if (strcmp(CQ_VEC_AT(targets, target, i)->name, name) == 0)
			return CQ_VEC_AT(targets, target, i);
	return NULL;
}

static const char *broken_code(const char *kind, const char *t)
{
	if (strcmp(kind, "import") == 0)
		return "broken-import";
	if (strcmp(kind, "asset") == 0 || strncmp(t, "path:", 5) == 0)
		return "broken-asset";
	return "broken-link";
}

static void message(char *msg, size_t n, const char *code, const char *url, const char *t)
{
	const char *where = strchr(t, ':') + 1;

	if (strcmp(code, "broken-import") == 0)
		snprintf(msg, n, "import '%s' finds no file (looked for %s); fix the path", url, where);
	else if (strcmp(code, "broken-asset") == 0 && strncmp(t, "url:", 4) == 0)
		snprintf(msg, n, "no file %s in the site's public/ folder; add it or fix the path", url);
	else if (strcmp(code, "broken-asset") == 0)
		snprintf(msg, n, "no file %s (looked for %s); add it or fix the path", url, where);
	else
		snprintf(msg, n, "link to %s reaches no lesson, page or file of the site; fix or remove it",
			 url);
}

typedef struct file_link {
	int64_t lesson;
	int seq, line, col;
	const char *kind, *url, *target;
} file_link;

static int read_file_links(cq_analysis *an, cq_vec *out)
{
	sqlite3_stmt *st;
	cq_arena *a = &an->arena;
	int rc;

	cq_vec_init(out, sizeof(file_link));
	if (sqlite3_prepare_v2(an->db, "SELECT lesson, seq, kind, url, line, col, target FROM links"
				       " WHERE " FILE_TARGET,
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		file_link *f = cq_vec_push(out, a);

		if (!f)
			break;
		f->lesson = sqlite3_column_int64(st, 0);
		f->seq = sqlite3_column_int(st, 1);
		f->kind = cq_arena_strdup(a, (const char *)sqlite3_column_text(st, 2));
		f->url = cq_arena_strdup(a, (const char *)sqlite3_column_text(st, 3));
		f->line = sqlite3_column_int(st, 4);
		f->col = sqlite3_column_int(st, 5);
		f->target = cq_arena_strdup(a, (const char *)sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE && !a->failed ? 0 : -1;
}

/* Rewrites the status of every link to a file, and its diagnostic. */
static int rewrite(cq_analysis *an, const cq_vec *targets)
{
	sqlite3_stmt *upd;
	cq_vec links;
	char msg[1024];
	size_t i;
	int rc = 0;

	if (sqlite3_exec(an->db, "DELETE FROM diagnostics WHERE origin = 'files-links'", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    read_file_links(an, &links) < 0 ||
	    sqlite3_prepare_v2(an->db, "UPDATE links SET status = ?1 WHERE lesson = ?2 AND seq = ?3",
			       -1, &upd, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; rc == 0 && i < links.len; i++) {
		const file_link *f = CQ_VEC_AT(&links, file_link, i);
		const target *tg = find(targets, f->target);
		const char *code = broken_code(f->kind, f->target);
		int ok = tg && tg->exists;

		sqlite3_bind_text(upd, 1, ok ? "ok" : code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(upd, 2, f->lesson);
		sqlite3_bind_int(upd, 3, f->seq);
		rc = sqlite3_step(upd) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(upd);
		if (rc < 0 || ok)
			continue;
		message(msg, sizeof(msg), code, f->url, f->target);
		rc = cq_analysis_diag(an, cq_course_by_key(&an->course, f->lesson), "files-links",
				      f->line, f->col, CQ_SEV_ERROR, code, msg);
	}
	sqlite3_finalize(upd);
	return rc;
}

int cq_check_files(cq_analysis *an)
{
	cq_vec targets;
	int changed = 0;

	if (load_targets(an, &targets, &changed) < 0)
		return -1;
	return changed ? rewrite(an, &targets) : 0;
}
