/* Anchors: every link with a #fragment into a lesson is checked against
 * that lesson's heading slugs and explicit ids, in one pass over the index
 * once all lessons are stored (a link's target may be stored after it).
 * A refresh checks the links of the lessons it touched and the links into
 * lessons that changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "buf.h"
#include "suggest.h"

/* The links in scope: those of the lessons in ?1 and those reaching the
 * lessons in ?2 (JSON arrays), each part found through an index. */
#define SCOPED_LINKS                                                                     \
	"(SELECT * FROM links WHERE lesson IN (SELECT value FROM json_each(?1))"          \
	" UNION SELECT * FROM links WHERE target IN (SELECT value FROM json_each(?2)))"

typedef struct broken {
	int64_t lesson, target;
	int seq, line, col;
	const char *url, *anchor, *alias, *status;
} broken;

static char *keys_json(const cq_strmap *set)
{
	cq_buf b = CQ_BUF_INIT;
	size_t i, n = 0;

	cq_buf_putc(&b, '[');
	for (i = 0; i < set->cap; i++) {
		int64_t key;

		if (!set->slots[i].key)
			continue;
		memcpy(&key, set->slots[i].key, sizeof(key));
		cq_buf_printf(&b, "%s%lld", n++ ? "," : "", (long long)key);
	}
	cq_buf_putc(&b, ']');
	return b.failed ? (cq_buf_free(&b), NULL) : cq_buf_detach(&b);
}

static char *ids_json(const cq_vec *ids)
{
	cq_buf b = CQ_BUF_INIT;
	size_t i;

	cq_buf_putc(&b, '[');
	for (i = 0; i < ids->len; i++) {
		const char *id = *CQ_VEC_AT(ids, const char *, i);

		cq_buf_putc(&b, i ? ',' : ' ');
		cq_buf_putc(&b, '"');
		for (; *id; id++) {
			if (*id == '"' || *id == '\\')
				cq_buf_putc(&b, '\\');
			cq_buf_putc(&b, *id);
		}
		cq_buf_putc(&b, '"');
	}
	cq_buf_putc(&b, ']');
	return b.failed ? (cq_buf_free(&b), NULL) : cq_buf_detach(&b);
}

static int exec2(sqlite3 *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Earlier verdicts in scope are forgotten: a target that changed may
 * have gained the anchor. */
static int forget(cq_analysis *an, const char *scope, const char *ids)
{
	return exec2(an->db, "UPDATE links SET status = 'ok' WHERE (lesson, seq) IN"
			     " (SELECT lesson, seq FROM " SCOPED_LINKS " WHERE status = 'broken-anchor')",
		     scope, ids) < 0 ||
			       exec2(an->db, "DELETE FROM diagnostics WHERE rowid IN (SELECT d.rowid FROM "
					     SCOPED_LINKS " k JOIN diagnostics d ON d.lesson = k.lesson"
					     " AND d.link = k.seq WHERE d.origin = 'anchors')",
				     scope, ids) < 0
		       ? -1
		       : 0;
}

static int find_broken(cq_analysis *an, const char *scope, const char *ids, cq_vec *out)
{
	cq_arena *a = &an->arena;
	sqlite3_stmt *st;
	int rc;

	cq_vec_init(out, sizeof(broken));
/* Each (target, anchor) pair is looked up once, however many links ask
 * for it: a lesson of a million links to one heading makes one lookup,
 * and a lookup can be dear (a long slug is a long key in headings). */
#define CHECKED_LINK                                                    \
	" k.anchor IS NOT NULL AND k.anchor NOT IN ('', 'top')"         \
	" AND k.kind IN ('markdown', 'definition', 'jsx')"              \
	" AND k.status IN ('ok', 'alias-link', 'file-link', 'missing-base')"
/* The pairs are grouped by a sort, not made distinct through a B-tree
 * (which spills page by page once it outgrows its cache) nor read in the
 * order of links_target (a lookup of the link a row): 0.65 s -> 0.31 s
 * for the 145,000 links with anchors of 10,000 lessons. */
#define BROKEN(from)                                                                              \
	"WITH wanted AS MATERIALIZED (SELECT +k.target AS target, k.anchor AS anchor"             \
	" FROM " from " k WHERE" CHECKED_LINK " GROUP BY 1, 2),"                                  \
	" missing AS MATERIALIZED (SELECT t.lesson AS lesson, t.id AS id, t.alias AS alias,"      \
	" w.anchor AS anchor FROM wanted w JOIN lessons t ON t.id = w.target"                     \
	" WHERE NOT EXISTS (SELECT 1 FROM headings h WHERE h.lesson = t.lesson AND h.slug = w.anchor)" \
	" AND NOT EXISTS (SELECT 1 FROM anchors x WHERE x.lesson = t.lesson AND x.anchor = w.anchor))" \
	" SELECT k.lesson, k.seq, k.line, k.col, k.url, k.anchor, m.lesson, m.alias, k.status"    \
	" FROM " from " k JOIN missing m ON m.id = k.target AND m.anchor = k.anchor"              \
	" WHERE" CHECKED_LINK " ORDER BY k.lesson, k.seq"

	if (sqlite3_prepare_v2(an->db, scope ? BROKEN(SCOPED_LINKS) : BROKEN("links"), -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ids, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		broken *b = cq_vec_push(out, a);

		if (!b)
			break;
		b->lesson = sqlite3_column_int64(st, 0);
		b->seq = sqlite3_column_int(st, 1);
		b->line = sqlite3_column_int(st, 2);
		b->col = sqlite3_column_int(st, 3);
		b->url = cq_arena_strdup(a, (const char *)sqlite3_column_text(st, 4));
		b->anchor = cq_arena_strdup(a, (const char *)sqlite3_column_text(st, 5));
		b->target = sqlite3_column_int64(st, 6);
		b->alias = cq_arena_strdup(a, (const char *)sqlite3_column_text(st, 7));
		b->status = cq_arena_strdup(a, (const char *)sqlite3_column_text(st, 8));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE && !a->failed ? 0 : -1;
}

/* The target's anchor nearest to a missing one, for a did-you-mean. */
static const char *nearest(cq_analysis *an, int64_t target, const char *anchor)
{
	sqlite3_stmt *st;
	const char *names[256], *best = NULL;
	size_t n = 0, pick;

	if (sqlite3_prepare_v2(an->db, "SELECT slug FROM headings WHERE lesson = ?1 UNION ALL"
				       " SELECT anchor FROM anchors WHERE lesson = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, target);
	while (n < 256 && sqlite3_step(st) == SQLITE_ROW)
		if (!(names[n++] = cq_arena_strdup(&an->arena, (const char *)sqlite3_column_text(st, 0))))
			n--;
	sqlite3_finalize(st);
	if (cq_suggest(anchor, names, n, &pick, 1) == 1)
		best = names[pick];
	return best;
}

static int report(cq_analysis *an, const broken *b, sqlite3_stmt *mark)
{
	const char *near = nearest(an, b->target, b->anchor);
	char msg[1024];
	int rc = 0;

	if (strcmp(b->status, "ok") == 0) {
		sqlite3_bind_int64(mark, 1, b->lesson);
		sqlite3_bind_int(mark, 2, b->seq);
		rc = sqlite3_step(mark) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(mark);
	}
	if (near)
		snprintf(msg, sizeof(msg), "%s has no heading or id '%s'; did you mean #%s?", b->alias,
			 b->anchor, near);
	else
		snprintf(msg, sizeof(msg), "%s has no heading or id '%s'; link to one of its headings",
			 b->alias, b->anchor);
	return rc < 0 ? -1
		      : cq_analysis_diag(an, cq_course_by_key(&an->course, b->lesson), b->seq, "anchors",
					 b->line, b->col, CQ_SEV_ERROR, "broken-anchor", msg);
}

int cq_check_anchors(cq_analysis *an, const cq_changes *ch)
{
	char *scope = ch->full ? NULL : keys_json(&an->scope);
	char *ids = ch->full ? NULL : ids_json(&ch->ids);
	sqlite3_stmt *mark = NULL;
	cq_vec found;
	size_t i;
	int rc = (!ch->full && (!scope || !ids)) || !cq_analysis_course(an) ? -1 : 0;

	if (rc == 0 && !ch->full)
		rc = forget(an, scope, ids);
	if (rc == 0)
		rc = find_broken(an, scope, ids, &found);
	if (rc == 0 && found.len &&
	    sqlite3_prepare_v2(an->db, "UPDATE links SET status = 'broken-anchor'"
				       " WHERE lesson = ?1 AND seq = ?2",
			       -1, &mark, NULL) != SQLITE_OK)
		rc = -1;
	for (i = 0; rc == 0 && i < found.len; i++)
		rc = report(an, CQ_VEC_AT(&found, broken, i), mark);
	sqlite3_finalize(mark);
	free(scope);
	free(ids);
	return rc;
}
