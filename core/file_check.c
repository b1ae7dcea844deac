/* Files that links, images and imports point at. Files come and go without
 * any lesson changing, so every refresh looks again, but only at the
 * distinct targets (the `targets` table: a few rows). The links to a target
 * are rewritten, with their diagnostics, only when it appeared or vanished,
 * or when link resolution left them pending. Nothing outside the course is
 * looked at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "path.h"

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

	for (i = 0; base && suffixes[i]; i++) {
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

/* Is p, as written, dir or inside it? */
static int within(const char *dir, const char *p)
{
	return cq_path_under(dir, p) != p;
}

/* dir/rest, or it with a suffix, is a file. Only looked for when dir/rest
 * is inside dir, told from the text alone: resolve refuses targets that
 * climb out, but the index may hold ones written before it did. */
static int look(cq_arena *a, const cq_config *cfg, const char *dir, const char *rest,
		const char *const *suffixes)
{
	const char *p = dir ? cq_path_join(a, dir, rest) : NULL;

	return p && within(dir, p) && any_file(a, cfg, p, suffixes);
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
	const char *rest = strchr(t, ':') + 1;

	if (strncmp(t, "path:", 5) == 0)
		return look(a, cfg, cfg->root, rest, as_is);
	/* An absolute one is a "/x" import of a site whose root is above the
	 * course's (courseq.yaml in src/content/): under the site root. */
	if (strncmp(t, "module:", 7) == 0)
		return look(a, cfg, rest[0] == '/' ? cfg->site : cfg->root, rest, modules);
	/* url:/x: a file in public/, or a page in src/pages/. */
	rest += strspn(rest, "/");
	return look(a, cfg, cq_path_join(a, cfg->site, "public"), rest, public_files) ||
	       look(a, cfg, cq_path_join(a, cfg->site, "src/pages"), *rest ? rest : "index", pages);
}

int cq_file_targets_init(cq_file_targets *ft, sqlite3 *db, const cq_config *cfg)
{
	memset(ft, 0, sizeof(*ft));
	ft->cfg = cfg;
	cq_arena_init(&ft->arena);
	cq_strmap_init(&ft->seen, &ft->arena);
	return sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO targets VALUES (?1, 1)", -1, &ft->save,
				  NULL) == SQLITE_OK
		       ? 0
		       : -1;
}

int cq_file_targets_settle(cq_file_targets *ft, cq_lesson_facts *f)
{
	size_t i;

	for (i = 0; i < f->links.len; i++) {
		cq_link *l = CQ_VEC_AT(&f->links, cq_link, i);
		int added;
		long *there;

		if (!l->status || strcmp(l->status, "file") != 0 || !l->target)
			continue;
		there = cq_strmap_put(&ft->seen, l->target, strlen(l->target), &added);
		if (!there)
			return -1;
		if (added) {
			*there = exists(&ft->arena, ft->cfg, l->target);
			if (*there) {
				sqlite3_bind_text(ft->save, 1, l->target, -1, SQLITE_STATIC);
				if (sqlite3_step(ft->save) != SQLITE_DONE) {
					sqlite3_reset(ft->save);
					return -1;
				}
				sqlite3_reset(ft->save);
			}
		}
		if (*there)
			l->status = "ok";
	}
	return ft->arena.failed ? -1 : 0;
}

void cq_file_targets_free(cq_file_targets *ft)
{
	sqlite3_finalize(ft->save);
	cq_arena_free(&ft->arena);
	memset(ft, 0, sizeof(*ft));
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

/* The statements that read or rewrite the links to a target come in two
 * scopes: every link to it (its file appeared or vanished), or only those
 * link resolution left pending (a lesson that changed: a few of the many
 * links to a component every lesson imports). */
enum { EVERY, PENDING };

typedef struct checker {
	cq_analysis *an;
	sqlite3_stmt *links_to[2], *all_ok[2], *drop_diags[2], *set_status, *drop_diag, *save;
} checker;

typedef struct file_link {
	int64_t lesson;
	int seq, line, col;
	const char *kind, *url;
} file_link;

/* The links to target, read before any is written. */
static int links_to(checker *ck, const char *target, int scope, cq_vec *out)
{
	cq_arena *a = &ck->an->arena;
	sqlite3_stmt *st = ck->links_to[scope];
	int rc;

	cq_vec_init(out, sizeof(file_link));
	sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
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
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE && !a->failed ? 0 : -1;
}

static int step_reset(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Every link to target in scope gets its status and, when broken, its
 * diagnostic. */
static int rewrite(checker *ck, const char *target, int scope, int ok)
{
	char msg[1024];
	cq_vec links;
	size_t i;
	int rc;

	if (ok) {
		/* All at once: the common case, a file that is there. The
		 * diagnostics go first: the pending scope is by status. */
		sqlite3_bind_text(ck->drop_diags[scope], 1, target, -1, SQLITE_STATIC);
		sqlite3_bind_text(ck->all_ok[scope], 1, target, -1, SQLITE_STATIC);
		sqlite3_bind_text(ck->save, 1, target, -1, SQLITE_STATIC);
		sqlite3_bind_int(ck->save, 2, ok);
		return step_reset(ck->drop_diags[scope]) < 0 || step_reset(ck->all_ok[scope]) < 0 ||
				       step_reset(ck->save) < 0
			       ? -1
			       : 0;
	}
	rc = links_to(ck, target, scope, &links);

	for (i = 0; rc == 0 && i < links.len; i++) {
		const file_link *f = CQ_VEC_AT(&links, file_link, i);
		const char *code = broken_code(f->kind, target);

		sqlite3_bind_text(ck->set_status, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ck->set_status, 2, f->lesson);
		sqlite3_bind_int(ck->set_status, 3, f->seq);
		sqlite3_bind_int64(ck->drop_diag, 1, f->lesson);
		sqlite3_bind_int(ck->drop_diag, 2, f->seq);
		rc = step_reset(ck->set_status) < 0 || step_reset(ck->drop_diag) < 0 ? -1 : 0;
		if (rc < 0)
			continue;
		message(msg, sizeof(msg), code, f->url, target);
		rc = !cq_analysis_course(ck->an) ? -1
		     : cq_analysis_diag(ck->an, cq_course_by_key(&ck->an->course, f->lesson), f->seq,
				      "files-links", f->line, f->col, CQ_SEV_ERROR, code, msg);
	}
	if (rc == 0) {
		sqlite3_bind_text(ck->save, 1, target, -1, SQLITE_STATIC);
		sqlite3_bind_int(ck->save, 2, ok);
		rc = step_reset(ck->save);
	}
	return rc;
}

/* Targets to look at: the known ones, and those of links left pending. */
static int each_target(checker *ck, const char *sql, int scope)
{
	cq_analysis *an = ck->an;
	sqlite3_stmt *st;
	cq_vec names, was;
	size_t i;
	int rc;

	cq_vec_init(&names, sizeof(char *));
	cq_vec_init(&was, sizeof(int));
	if (sqlite3_prepare_v2(an->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **n = cq_vec_push(&names, &an->arena);
		int *w = cq_vec_push(&was, &an->arena);

		if (!n || !w || !(*n = cq_arena_strdup(&an->arena, (const char *)sqlite3_column_text(st, 0))))
			break;
		*w = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	for (i = 0; rc == SQLITE_DONE && i < names.len; i++) {
		const char *t = *CQ_VEC_AT(&names, char *, i);
		int ok = exists(&an->arena, an->cfg, t);

		if ((scope == PENDING || ok != *CQ_VEC_AT(&was, int, i)) && rewrite(ck, t, scope, ok) < 0)
			return -1;
	}
	return 0;
}

#define LINKS_TO "SELECT lesson, seq, kind, url, line, col FROM links WHERE target = ?1"
#define ALL_OK "UPDATE links SET status = 'ok' WHERE target = ?1"
#define DROP_DIAGS \
	"DELETE FROM diagnostics WHERE rowid IN (SELECT d.rowid FROM links k JOIN diagnostics d" \
	" ON d.lesson = k.lesson AND d.link = k.seq WHERE k.target = ?1 AND d.origin = 'files-links'"
#define IS_PENDING " AND status = 'file'"

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

int cq_check_files(cq_analysis *an, int lessons_changed)
{
	checker ck;
	sqlite3 *db = an->db;
	int rc, i;

	memset(&ck, 0, sizeof(ck));
	ck.an = an;
	rc = prepare(db, LINKS_TO, &ck.links_to[EVERY]) < 0 ||
			     prepare(db, LINKS_TO IS_PENDING, &ck.links_to[PENDING]) < 0 ||
			     prepare(db, ALL_OK " AND status != 'ok'", &ck.all_ok[EVERY]) < 0 ||
			     prepare(db, ALL_OK IS_PENDING, &ck.all_ok[PENDING]) < 0 ||
			     prepare(db, DROP_DIAGS ")", &ck.drop_diags[EVERY]) < 0 ||
			     prepare(db, DROP_DIAGS " AND k.status = 'file')", &ck.drop_diags[PENDING]) < 0 ||
			     prepare(db, "UPDATE links SET status = ?1 WHERE lesson = ?2 AND seq = ?3",
				     &ck.set_status) < 0 ||
			     prepare(db, "DELETE FROM diagnostics WHERE origin = 'files-links'"
					 " AND lesson = ?1 AND link = ?2", &ck.drop_diag) < 0 ||
			     prepare(db, "INSERT OR REPLACE INTO targets VALUES (?1, ?2)", &ck.save) < 0
		     ? -1
		     : 0;
	if (rc == 0)
		rc = each_target(&ck, "SELECT target, ok FROM targets", EVERY);
	if (rc == 0 && lessons_changed)
		rc = each_target(&ck, "SELECT DISTINCT target, -1 FROM links WHERE status = 'file'",
				 PENDING);
	/* Targets no link names any more. */
	if (rc == 0 && lessons_changed &&
	    sqlite3_exec(db, "DELETE FROM targets WHERE NOT EXISTS"
			     " (SELECT 1 FROM links WHERE links.target = targets.target)",
			 NULL, NULL, NULL) != SQLITE_OK)
		rc = -1;
	for (i = EVERY; i <= PENDING; i++) {
		sqlite3_finalize(ck.links_to[i]);
		sqlite3_finalize(ck.all_ok[i]);
		sqlite3_finalize(ck.drop_diags[i]);
	}
	sqlite3_finalize(ck.set_status);
	sqlite3_finalize(ck.drop_diag);
	sqlite3_finalize(ck.save);
	return rc;
}
