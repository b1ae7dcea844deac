/* Link resolution: every link and prerequisite of the lessons a refresh can
 * have affected gets its target, anchor and status, and a diagnostic when
 * it is broken. Affected: the lessons parsed again, those linking to a
 * lesson that changed or went away, and (when a lesson appeared) those
 * with links that reached nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "resolve.h"
#include "suggest.h"

typedef struct link_row {
	int seq, line, col;
	cq_link_kind kind;
	const char *url;
} link_row;

/* Anchors of at most this many lessons are kept at once, so memory does
 * not grow with the course. */
enum { ANCHOR_CACHE_LESSONS = 256 };

typedef struct resolver {
	cq_analysis *an;
	cq_arena scratch;     /* what one lesson's links need; reset per lesson */
	cq_arena cache_arena; /* the anchor cache's */
	cq_strmap anchors;    /* "key\x1f" "anchor" of the lessons in the cache */
	cq_strmap loaded;     /* keys of the lessons in the cache */
	sqlite3_stmt *read, *update, *anchors_of;
	const cq_lesson_info *from;
	char msg[1024];
} resolver;

static cq_link_kind kind_of(const char *s)
{
	static const char *const names[] = {"markdown", "definition",   "jsx",
					    "asset",    "prerequisite", "import"};
	int i;

	for (i = 0; i < 6; i++)
		if (strcmp(s, names[i]) == 0)
			return (cq_link_kind)i;
	return CQ_LINK_MARKDOWN;
}

/* ---- anchors ---- */

static void reset_cache(resolver *rv)
{
	cq_arena_free(&rv->cache_arena);
	cq_strmap_init(&rv->anchors, &rv->cache_arena);
	cq_strmap_init(&rv->loaded, &rv->cache_arena);
}

static int load_anchors(resolver *rv, const cq_lesson_info *l)
{
	sqlite3_stmt *st = rv->anchors_of;
	char key[32];
	int rc;

	if (cq_strmap_get(&rv->loaded, (const char *)&l->key, sizeof(l->key)))
		return 0;
	if (rv->loaded.len >= ANCHOR_CACHE_LESSONS)
		reset_cache(rv);
	if (!cq_strmap_put(&rv->loaded, (const char *)&l->key, sizeof(l->key), NULL))
		return -1;
	snprintf(key, sizeof(key), "%lld\x1f", (long long)l->key);
	sqlite3_bind_int64(st, 1, l->key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);
		size_t kn = strlen(key), an = strlen(a);
		char *full = cq_arena_alloc(&rv->cache_arena, kn + an + 1);

		if (!full)
			break;
		memcpy(full, key, kn);
		memcpy(full + kn, a, an + 1);
		if (!cq_strmap_put(&rv->anchors, full, kn + an, NULL))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int has_anchor(resolver *rv, const cq_lesson_info *l, const char *anchor)
{
	char buf[1024];
	int n;

	if (!*anchor || strcmp(anchor, "top") == 0)
		return 1; /* browsers scroll to the top for these */
	if (load_anchors(rv, l) < 0)
		return -1;
	n = snprintf(buf, sizeof(buf), "%lld\x1f%s", (long long)l->key, anchor);
	return n < (int)sizeof(buf) && cq_strmap_get(&rv->anchors, buf, (size_t)n) != NULL;
}

/* The slug of l nearest to a missing anchor. */
static const char *nearest_anchor(resolver *rv, const cq_lesson_info *l, const char *anchor)
{
	sqlite3_stmt *st = rv->anchors_of;
	const char *names[64], *best = NULL;
	size_t n = 0, pick, i;

	sqlite3_bind_int64(st, 1, l->key);
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW)
		names[n++] = cq_arena_strdup(&rv->scratch, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		if (!names[i])
			return NULL;
	if (cq_suggest(anchor, names, n, &pick, 1) == 1)
		best = names[pick];
	return best;
}

/* ---- diagnostics ---- */

static int report(resolver *rv, const link_row *lk, cq_severity sev, const char *code)
{
	return cq_analysis_diag(rv->an, rv->from, lk->seq, "links", lk->line, lk->col, sev, code, rv->msg);
}

static int say(resolver *rv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int say(resolver *rv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rv->msg, sizeof(rv->msg), fmt, ap);
	va_end(ap);
	return 0;
}

/* The fragment as written, with its '#', or "". */
static const char *fragment(const char *url)
{
	const char *h = strchr(url, '#');

	return h ? h : "";
}

static int broken_link(resolver *rv, const link_row *lk, const char *id)
{
	const cq_course *c = &rv->an->course;
	size_t near[2], k = id ? cq_course_suggest(c, id, near, 2) : 0;
	const char *url = k ? cq_lesson_url(&rv->scratch, rv->an->cfg, &c->lessons[near[0]]) : NULL;

	if (url)
		say(rv, "link to %s reaches no lesson; did you mean %s%s?", lk->url, url,
		    fragment(lk->url));
	else
		say(rv, "link to %s reaches no lesson or page of the site; fix or remove it", lk->url);
	return report(rv, lk, CQ_SEV_ERROR, "broken-link");
}

static int check_anchor(resolver *rv, const link_row *lk, cq_resolved *r)
{
	const char *near;
	int has;

	if (!r->anchor || !r->lesson)
		return 0;
	if (r->bad_encoding) {
		r->status = CQ_ST_BROKEN_ANCHOR;
		say(rv, "link to %s has an invalid percent-encoded fragment; encode it as UTF-8 (%%D0%%B0) or write it plainly",
		    lk->url);
		return report(rv, lk, CQ_SEV_ERROR, "broken-anchor");
	}
	has = has_anchor(rv, r->lesson, r->anchor);
	if (has < 0)
		return -1;
	if (has)
		return 0;
	if (r->status == CQ_ST_OK)
		r->status = CQ_ST_BROKEN_ANCHOR;
	near = nearest_anchor(rv, r->lesson, r->anchor);
	if (near)
		say(rv, "%s has no heading or id '%s'; did you mean #%s?", r->lesson->alias, r->anchor, near);
	else
		say(rv, "%s has no heading or id '%s'; link to one of its headings", r->lesson->alias,
		    r->anchor);
	return report(rv, lk, CQ_SEV_ERROR, "broken-anchor");
}

/* What a resolution says, as a diagnostic. */
static int judge(resolver *rv, const link_row *lk, cq_resolved *r)
{
	switch (r->status) {
	case CQ_ST_BROKEN_LINK:
		return broken_link(rv, lk, r->id);
	case CQ_ST_ALIAS_LINK:
		say(rv, "link to %s reaches %s only through its alias; the site serves it at %s%s",
		    lk->url, r->lesson->id, r->url, fragment(lk->url));
		if (report(rv, lk, CQ_SEV_ERROR, "alias-link") < 0)
			return -1;
		break;
	case CQ_ST_FILE_LINK:
		say(rv, "link to %s points at a lesson file, which the site does not serve; link %s%s",
		    lk->url, r->url, fragment(lk->url));
		if (report(rv, lk, CQ_SEV_ERROR, "file-link") < 0)
			return -1;
		break;
	case CQ_ST_MISSING_BASE:
		say(rv, "link to %s lacks the site base %s; write %s%s", lk->url, rv->an->cfg->base,
		    r->url ? r->url : rv->an->cfg->base, r->url ? fragment(lk->url) : lk->url);
		if (report(rv, lk, CQ_SEV_ERROR, "missing-base") < 0)
			return -1;
		break;
	case CQ_ST_OUTSIDE:
		say(rv, "%s points outside the course; courseq does not look there", lk->url);
		return report(rv, lk, CQ_SEV_ERROR,
			      lk->kind == CQ_LINK_IMPORT ? "broken-import" : "broken-asset");
	default: break;
	}
	return check_anchor(rv, lk, r);
}

static int prerequisite(resolver *rv, const link_row *lk, cq_resolved *r)
{
	const cq_course *c = &rv->an->course;
	size_t near[2], k;

	memset(r, 0, sizeof(*r));
	r->lesson = cq_course_find(c, lk->url);
	if (r->lesson == rv->from) {
		r->status = CQ_ST_BROKEN_LINK;
		say(rv, "the lesson requires itself; remove this prerequisite");
		return report(rv, lk, CQ_SEV_ERROR, "prerequisite-self");
	}
	if (r->lesson)
		return 0;
	r->status = CQ_ST_BROKEN_LINK;
	k = cq_course_suggest(c, lk->url, near, 2);
	if (k)
		say(rv, "prerequisite %s names no lesson; did you mean %s?", lk->url,
		    c->lessons[near[0]].alias);
	else
		say(rv, "prerequisite %s names no lesson; write a lesson id such as %s", lk->url,
		    c->n ? c->lessons[0].alias : "module-1/01-intro");
	return report(rv, lk, CQ_SEV_ERROR, "prerequisite-missing");
}

/* ---- one lesson ---- */

static int read_links(resolver *rv, int64_t key, cq_vec *out)
{
	sqlite3_stmt *st = rv->read;
	int rc;

	cq_vec_init(out, sizeof(link_row));
	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		link_row *lk = cq_vec_push(out, &rv->scratch);

		if (!lk)
			break;
		lk->seq = sqlite3_column_int(st, 0);
		lk->kind = kind_of((const char *)sqlite3_column_text(st, 1));
		lk->url = cq_arena_strdup(&rv->scratch, (const char *)sqlite3_column_text(st, 2));
		lk->line = sqlite3_column_int(st, 3);
		lk->col = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int store(resolver *rv, const link_row *lk, const cq_resolved *r)
{
	sqlite3_stmt *st = rv->update;
	const char *status = lk->kind == CQ_LINK_PREREQUISITE && r->status == CQ_ST_BROKEN_LINK
				     ? (r->lesson ? "self" : "missing")
				     : cq_link_status_name(r->status);
	int rc;

	if (r->file)
		sqlite3_bind_text(st, 1, r->file, -1, SQLITE_STATIC);
	else if (r->lesson)
		sqlite3_bind_text(st, 1, r->lesson->id, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_text(st, 2, r->anchor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, rv->from->key);
	sqlite3_bind_int(st, 5, lk->seq);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int resolve_lesson(resolver *rv, const cq_lesson_info *l)
{
	cq_vec links;
	size_t i;
	char del[96];

	rv->from = l;
	cq_arena_free(&rv->scratch);
	snprintf(del, sizeof(del), "DELETE FROM diagnostics WHERE lesson = %lld AND origin = 'links'",
		 (long long)l->key);
	if (sqlite3_exec(rv->an->db, del, NULL, NULL, NULL) != SQLITE_OK ||
	    read_links(rv, l->key, &links) < 0)
		return -1;
	for (i = 0; i < links.len; i++) {
		const link_row *lk = CQ_VEC_AT(&links, link_row, i);
		cq_resolved r;
		int rc;

		if (lk->kind == CQ_LINK_PREREQUISITE)
			rc = prerequisite(rv, lk, &r);
		else
			rc = cq_resolve(&r, &rv->scratch, rv->an->cfg, &rv->an->course, l, lk->kind,
					lk->url) < 0 ? -1 : judge(rv, lk, &r);
		if (rc < 0 || store(rv, lk, &r) < 0)
			return -1;
	}
	return 0;
}

/* ---- which lessons ---- */

static int mark(cq_strmap *set, int64_t key)
{
	return cq_strmap_put(set, (const char *)&key, sizeof(key), NULL) ? 0 : -1;
}

static int mark_query(cq_analysis *an, cq_strmap *set, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(an->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (mark(set, sqlite3_column_int64(st, 0)) < 0)
			break;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int affected(cq_analysis *an, const cq_changes *ch, cq_strmap *set)
{
	size_t i;

	for (i = 0; i < ch->keys.len; i++)
		if (mark(set, *CQ_VEC_AT(&ch->keys, int64_t, i)) < 0)
			return -1;
	for (i = 0; i < ch->ids.len; i++)
		if (mark_query(an, set, "SELECT DISTINCT lesson FROM links WHERE target = ?1",
			       *CQ_VEC_AT(&ch->ids, const char *, i)) < 0)
			return -1;
	if (ch->added &&
	    mark_query(an, set,
		       "SELECT DISTINCT lesson FROM links WHERE status IN"
		       " ('broken-link', 'missing', 'file-link', 'alias-link')",
		       NULL) < 0)
		return -1;
	return 0;
}

static int prepare(resolver *rv)
{
	sqlite3 *db = rv->an->db;

	return sqlite3_prepare_v2(db, "SELECT seq, kind, url, line, col FROM links WHERE lesson = ?1"
				      " ORDER BY seq", -1, &rv->read, NULL) == SQLITE_OK &&
			       sqlite3_prepare_v2(db, "UPDATE links SET target = ?1, anchor = ?2,"
						      " status = ?3 WHERE lesson = ?4 AND seq = ?5",
						  -1, &rv->update, NULL) == SQLITE_OK &&
			       sqlite3_prepare_v2(db, "SELECT slug FROM headings WHERE lesson = ?1"
						      " UNION ALL SELECT anchor FROM anchors"
						      " WHERE lesson = ?1",
						  -1, &rv->anchors_of, NULL) == SQLITE_OK
		       ? 0
		       : -1;
}

int cq_resolve_links(cq_analysis *an, const cq_changes *ch)
{
	resolver rv;
	cq_strmap set;
	size_t i;
	int rc;

	memset(&rv, 0, sizeof(rv));
	rv.an = an;
	cq_arena_init(&rv.scratch);
	cq_arena_init(&rv.cache_arena);
	reset_cache(&rv);
	cq_strmap_init(&set, &an->arena);
	rc = prepare(&rv);
	if (rc == 0 && !ch->full)
		rc = affected(an, ch, &set);
	for (i = 0; rc == 0 && i < an->course.n; i++) {
		const cq_lesson_info *l = &an->course.lessons[i];

		if (ch->full || cq_strmap_get(&set, (const char *)&l->key, sizeof(l->key)))
			rc = resolve_lesson(&rv, l);
	}
	sqlite3_finalize(rv.read);
	sqlite3_finalize(rv.update);
	sqlite3_finalize(rv.anchors_of);
	cq_arena_free(&rv.scratch);
	cq_arena_free(&rv.cache_arena);
	return rc;
}
