/* Links checked again: a lesson's links are checked when it is stored
 * (store.c); a lesson that did not change is checked again only when a
 * lesson its links reach went away, or (when lessons appeared) when some
 * of its links reached nothing. Where a link leads depends on which
 * lessons there are, not on what they hold: a lesson changed in place
 * changes only its anchors, which anchors.c checks. */
#include <stdio.h>
#include <string.h>

#include "analyze.h"
#include "link_check.h"

typedef struct link_row {
	int seq, line, col;
	cq_link_kind kind;
	const char *url;
} link_row;

typedef struct relink {
	cq_analysis *an;
	cq_arena scratch; /* one lesson's worth; freed per lesson */
	sqlite3_stmt *read, *update, *forget;
	const cq_lesson_info *from;
} relink;

static int diag(void *user, int seq, int line, int col, cq_severity sev, const char *code,
		const char *msg)
{
	relink *rl = user;

	return cq_analysis_diag(rl->an, rl->from, seq, "links", line, col, sev, code, msg);
}

static int read_links(relink *rl, int64_t key, cq_vec *out)
{
	sqlite3_stmt *st = rl->read;
	int rc;

	cq_vec_init(out, sizeof(link_row));
	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		link_row *lk = cq_vec_push(out, &rl->scratch);

		if (!lk)
			break;
		lk->seq = sqlite3_column_int(st, 0);
		lk->kind = cq_link_kind_parse((const char *)sqlite3_column_text(st, 1));
		lk->url = cq_arena_strdup(&rl->scratch, (const char *)sqlite3_column_text(st, 2));
		lk->line = sqlite3_column_int(st, 3);
		lk->col = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE && !rl->scratch.failed ? 0 : -1;
}

static int save(relink *rl, const link_row *lk, const cq_link_verdict *v)
{
	sqlite3_stmt *st = rl->update;
	int rc;

	sqlite3_bind_text(st, 1, v->target, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, v->anchor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, v->status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, rl->from->key);
	sqlite3_bind_int(st, 5, lk->seq);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int relink_lesson(relink *rl, const cq_lesson_info *l)
{
	cq_link_ctx ctx = {rl->an->cfg, &rl->an->course, &rl->scratch, diag, rl};
	cq_vec links;
	size_t i;
	int rc;

	rl->from = l;
	cq_arena_free(&rl->scratch);
	sqlite3_bind_int64(rl->forget, 1, l->key);
	rc = sqlite3_step(rl->forget) == SQLITE_DONE ? 0 : -1;
	sqlite3_reset(rl->forget);
	if (rc < 0 || read_links(rl, l->key, &links) < 0)
		return -1;
	for (i = 0; rc == 0 && i < links.len; i++) {
		const link_row *lk = CQ_VEC_AT(&links, link_row, i);
		cq_link_verdict v;

		rc = cq_link_check(&ctx, l, lk->kind, lk->url, lk->seq, lk->line, lk->col, &v);
		if (rc == 0)
			rc = save(rl, lk, &v);
	}
	return rc;
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

	for (i = 0; i < ch->removed.len; i++)
		if (mark_query(an, set, "SELECT DISTINCT lesson FROM links WHERE target = ?1",
			       *CQ_VEC_AT(&ch->removed, const char *, i)) < 0)
			return -1;
	if (ch->added &&
	    mark_query(an, set,
		       "SELECT DISTINCT lesson FROM links WHERE status IN"
		       " ('broken-link', 'missing', 'file-link', 'alias-link')",
		       NULL) < 0)
		return -1;
	return 0;
}

static int prepare(relink *rl)
{
	sqlite3 *db = rl->an->db;

	return sqlite3_prepare_v2(db, "SELECT seq, kind, url, line, col FROM links WHERE lesson = ?1"
				      " ORDER BY seq", -1, &rl->read, NULL) == SQLITE_OK &&
			       sqlite3_prepare_v2(db, "UPDATE links SET target = ?1, anchor = ?2,"
						      " status = ?3 WHERE lesson = ?4 AND seq = ?5",
						  -1, &rl->update, NULL) == SQLITE_OK &&
			       sqlite3_prepare_v2(db, "DELETE FROM diagnostics WHERE lesson = ?1"
						      " AND origin = 'links'",
						  -1, &rl->forget, NULL) == SQLITE_OK
		       ? 0
		       : -1;
}

int cq_resolve_links(cq_analysis *an, const cq_changes *ch)
{
	relink rl;
	cq_strmap set, parsed;
	size_t i;
	int rc;

	if (ch->full || !cq_analysis_course(an))
		return ch->full ? 0 : -1; /* a full refresh stored every link checked */
	memset(&rl, 0, sizeof(rl));
	rl.an = an;
	cq_arena_init(&rl.scratch);
	cq_strmap_init(&set, &an->arena);
	cq_strmap_init(&parsed, &an->arena);
	for (i = 0; i < ch->keys.len; i++)
		if (mark(&parsed, *CQ_VEC_AT(&ch->keys, int64_t, i)) < 0 ||
		    mark(&an->scope, *CQ_VEC_AT(&ch->keys, int64_t, i)) < 0)
			return -1;
	rc = prepare(&rl) < 0 || affected(an, ch, &set) < 0 ? -1 : 0;
	for (i = 0; rc == 0 && i < an->course.n; i++) {
		const cq_lesson_info *l = &an->course.lessons[i];
		const char *k = (const char *)&l->key;

		if (!cq_strmap_get(&set, k, sizeof(l->key)))
			continue;
		if (!cq_strmap_get(&parsed, k, sizeof(l->key)))
			rc = relink_lesson(&rl, l);
		if (rc == 0)
			rc = mark(&an->scope, l->key); /* for the anchor check */
	}
	sqlite3_finalize(rl.read);
	sqlite3_finalize(rl.update);
	sqlite3_finalize(rl.forget);
	cq_arena_free(&rl.scratch);
	return rc;
}
