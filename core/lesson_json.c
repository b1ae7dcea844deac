/* A lesson as one JSON object, the contract of `courseq show --json`,
 * assembled by SQLite's JSON functions from the index. */
#include <stdlib.h>
#include <string.h>

#include "db.h"

static const char lesson_json_sql[] =
	"SELECT json_object("
	" 'id', id, 'alias', alias, 'path', path, 'file', ?2 || '/' || path, 'url', ?3,"
	" 'module', module, 'order', ord,"
	" 'title', title, 'difficulty', difficulty, 'estimatedTime', estimated_time,"
	" 'lines', lines, 'words', words, 'size', size,"
	" 'frontmatter', json(frontmatter),"
	" 'headings', (SELECT json_group_array(json_object('depth', depth, 'text', text,"
	"     'slug', slug, 'line', line, 'column', col)) FROM (SELECT * FROM headings"
	"     WHERE lesson = ?1 ORDER BY seq)),"
	" 'anchors', (SELECT json_group_array(json_object('id', anchor, 'line', line,"
	"     'column', col)) FROM (SELECT * FROM anchors WHERE lesson = ?1 ORDER BY seq)),"
	" 'links', (SELECT json_group_array(json_object('kind', kind, 'url', url,"
	"     'line', line, 'column', col, 'target', target, 'anchor', anchor, 'seq', seq,"
	"     'status', status)) FROM (SELECT * FROM links WHERE lesson = ?1"
	"     ORDER BY line, col, seq)),"
	" 'imports', (SELECT json_group_array(json_object('source', source,"
	"     'names', json(names), 'line', line)) FROM (SELECT * FROM imports"
	"     WHERE lesson = ?1 ORDER BY seq)),"
	" 'components', (SELECT json_group_array(json_object('name', name, 'line', line,"
	"     'column', col, 'closed', json(CASE closed WHEN 1 THEN 'true' ELSE 'false' END),"
	"     'attributes', json(attrs))) FROM (SELECT * FROM components"
	"     WHERE lesson = ?1 ORDER BY seq)),"
	" 'code', (SELECT json_group_array(json_object('lang', lang, 'meta', meta,"
	"     'line', line, 'lines', lines)) FROM (SELECT * FROM code_blocks"
	"     WHERE lesson = ?1 ORDER BY seq)),"
	" 'tables', (SELECT count(*) FROM tables WHERE lesson = ?1),"
	" 'diagrams', (SELECT json_group_array(json_object('type', type, 'form', form,"
	"     'line', line)) FROM (SELECT * FROM diagrams WHERE lesson = ?1 ORDER BY seq)),"
	" 'callouts', (SELECT json_group_array(json_object('type', type, 'title', title,"
	"     'line', line)) FROM (SELECT * FROM callouts WHERE lesson = ?1 ORDER BY seq)),"
	" 'diagnostics', (SELECT json_group_array(json_object('path', path, 'line', line,"
	"     'column', col, 'severity', severity, 'code', code, 'message', message))"
	"     FROM (SELECT * FROM diagnostics WHERE lesson = ?1 ORDER BY line, col, code))"
	") FROM lessons WHERE lesson = ?1";

int courseq_lesson_json(char **out, courseq_db *db, const courseq_lesson *lesson)
{
	sqlite3_stmt *st;
	int rc = COURSEQ_OK;

	*out = NULL;
	if (sqlite3_prepare_v2(db->db, lesson_json_sql, -1, &st, NULL) != SQLITE_OK)
		return cq_fail_sql(db, db->db, "describing a lesson");
	sqlite3_bind_int64(st, 1, cq_lesson_key(lesson));
	sqlite3_bind_text(st, 2, db->cfg.root, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, courseq_lesson_url(lesson), -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = cq_fail(db, COURSEQ_ENOTFOUND, "the lesson is gone from the index");
	else if (!(*out = strdup((const char *)sqlite3_column_text(st, 0))))
		rc = cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	sqlite3_finalize(st);
	return rc;
}
