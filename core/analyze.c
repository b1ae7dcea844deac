#include "analyze.h"

#include <stdio.h>
#include <string.h>

const cq_course *cq_analysis_course(cq_analysis *an)
{
	if (!an->course_loaded) {
		if (cq_course_load(&an->course, an->db) < 0)
			return NULL;
		an->course_loaded = 1;
	}
	return &an->course;
}

int cq_analysis_diag(cq_analysis *an, const cq_lesson_info *l, int link, const char *origin,
		     int line, int col, cq_severity sev, const char *code, const char *msg)
{
	sqlite3_stmt *st = an->diag;
	int s = cq_config_severity(an->cfg, code, (int)sev), rc;

	if (s < 0)
		return 0; /* turned off in courseq.yaml */
	if (l)
		sqlite3_bind_int64(st, 1, l->key);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_text(st, 2, origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, l ? cq_course_path(&an->course, l, &an->path) : "", -1,
			  SQLITE_STATIC);
	if (an->path.failed)
		return -1;
	sqlite3_bind_int(st, 4, line);
	sqlite3_bind_int(st, 5, col);
	sqlite3_bind_text(st, 6, cq_severity_name((cq_severity)s), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, msg, -1, SQLITE_TRANSIENT);
	if (link >= 0)
		sqlite3_bind_int(st, 9, link);
	else
		sqlite3_bind_null(st, 9);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Where a lesson's order is written, for the diagnostic's position. */
static void order_pos(sqlite3_stmt *st, const cq_lesson_info *l, int *line, int *col)
{
	*line = *col = 1;
	sqlite3_bind_int64(st, 1, l->key);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*line = sqlite3_column_int(st, 0);
		*col = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
}

/* Two lessons of one module with the same order make the course order
 * ambiguous; a gap in the numbering is worth a note. */
int cq_check_order(cq_analysis *an)
{
	const cq_course *c = cq_analysis_course(an);
	sqlite3_stmt *pos;
	char msg[512];
	size_t i;
	int line, col, rc = 0;

	if (!c || sqlite3_exec(an->db, "DELETE FROM diagnostics WHERE origin = 'order'", NULL, NULL,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(an->db, "SELECT line, col FROM fields WHERE lesson = ?1 AND key = 'order'",
			       -1, &pos, NULL) != SQLITE_OK)
		return -1;
	for (i = 1; i < c->n && rc == 0; i++) {
		const cq_lesson_info *a = &c->lessons[i - 1], *b = &c->lessons[i];
		int same, gap;

		if (strcmp(a->module_dir, b->module_dir) != 0 || !a->has_ord || !b->has_ord)
			continue;
		same = a->ord == b->ord;
		gap = b->ord > a->ord + 1 && a->ord == (long)a->ord && b->ord == (long)b->ord;
		if (!same && !gap)
			continue; /* most lessons: no lookup of where the order is written */
		order_pos(pos, b, &line, &col);
		if (same) {
			snprintf(msg, sizeof(msg),
				 "order %g is also the order of %s; give each lesson of a module its own order",
				 b->ord, a->alias);
			rc = cq_analysis_diag(an, b, -1, "order", line, col, CQ_SEV_ERROR, "duplicate-order", msg);
		} else {
			snprintf(msg, sizeof(msg), "order jumps from %g (%s) to %g; is a lesson missing?",
				 a->ord, a->alias, b->ord);
			rc = cq_analysis_diag(an, b, -1, "order", line, col, CQ_SEV_NOTE, "order-gap", msg);
		}
	}
	sqlite3_finalize(pos);
	return rc;
}

int cq_analyze(sqlite3 *db, const cq_config *cfg, const cq_changes *ch)
{
	cq_analysis an;
	int rc = 0, changed;

	memset(&an, 0, sizeof(an));
	an.db = db;
	an.cfg = cfg;
	cq_arena_init(&an.arena);
	cq_strmap_init(&an.scope, &an.arena);
	if (sqlite3_prepare_v2(db, "INSERT INTO diagnostics(lesson, origin, path, line, col,"
				   " severity, code, message, link) VALUES (?,?,?,?,?,?,?,?,?)",
			       -1, &an.diag, NULL) != SQLITE_OK)
		rc = -1;
	/* Links, prerequisites and order change only with the lessons; the
	 * files links point at can change any time, so they are always
	 * looked at (only the distinct ones: a few stat calls). */
	changed = ch->full || ch->keys.len || ch->ids.len;
	if (rc == 0 && changed)
		rc = cq_resolve_links(&an, ch) < 0 || cq_check_anchors(&an, ch) < 0 ||
				     cq_check_graph(&an) < 0 || cq_check_order(&an) < 0
			     ? -1
			     : 0;
	if (rc == 0)
		rc = cq_check_files(&an, changed);
	sqlite3_finalize(an.diag);
	cq_buf_free(&an.path);
	if (an.course_loaded)
		cq_course_free(&an.course);
	cq_arena_free(&an.arena);
	return rc;
}
