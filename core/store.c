#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "search_rank.h"
#include "search_tokenizer.h"
#include "json.h"
#include "path.h"
#include "schema_sql.h" /* generated from schema.sql: cq_schema_sql */

static const char *const sql[ST_COUNT] = {
	[ST_DELETE_FIRST + 0] = "DELETE FROM fields WHERE lesson = ?1",
	[ST_DELETE_FIRST + 1] = "DELETE FROM prerequisites WHERE lesson = ?1",
	[ST_DELETE_FIRST + 2] = "DELETE FROM topics WHERE lesson = ?1",
	[ST_DELETE_FIRST + 3] = "DELETE FROM headings WHERE lesson = ?1",
	[ST_DELETE_FIRST + 4] = "DELETE FROM anchors WHERE lesson = ?1",
	[ST_DELETE_FIRST + 5] = "DELETE FROM links WHERE lesson = ?1",
	[ST_DELETE_FIRST + 6] = "DELETE FROM imports WHERE lesson = ?1",
	[ST_DELETE_FIRST + 7] = "DELETE FROM components WHERE lesson = ?1",
	[ST_DELETE_FIRST + 8] = "DELETE FROM diagrams WHERE lesson = ?1",
	[ST_DELETE_FIRST + 9] = "DELETE FROM callouts WHERE lesson = ?1",
	[ST_DELETE_FIRST + 10] = "DELETE FROM code_blocks WHERE lesson = ?1",
	[ST_DELETE_FIRST + 11] = "DELETE FROM tables WHERE lesson = ?1",
	[ST_DELETE_FIRST + 12] = "DELETE FROM diagnostics WHERE lesson = ?1",
	[ST_DELETE_LAST] = "DELETE FROM lessons WHERE lesson = ?1",
	[ST_LESSON] = "INSERT INTO lessons(id, alias, path, module_dir, module, module_rank,"
		      " ord, title, description, difficulty, estimated_time, frontmatter,"
		      " size, lines, words, hash, mtime_ns)"
		      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_FIELD] = "INSERT INTO fields VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_PREREQ] = "INSERT INTO prerequisites VALUES (?,?,?,?,?,?,?)",
	[ST_TOPIC] = "INSERT INTO topics VALUES (?,?,?)",
	[ST_HEADING] = "INSERT INTO headings VALUES (?,?,?,?,?,?,?)",
	[ST_ANCHOR] = "INSERT INTO anchors VALUES (?,?,?,?,?)",
	[ST_LINK] = "INSERT INTO links(lesson, seq, kind, url, line, col, url_start, url_end,"
		    " target, anchor, status) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	[ST_IMPORT] = "INSERT INTO imports VALUES (?,?,?,?,?,?)",
	[ST_COMPONENT] = "INSERT INTO components VALUES (?,?,?,?,?,?,?,?)",
	[ST_DIAGRAM] = "INSERT INTO diagrams VALUES (?,?,?,?,?)",
	[ST_CALLOUT] = "INSERT INTO callouts VALUES (?,?,?,?,?)",
	[ST_CODE] = "INSERT INTO code_blocks VALUES (?,?,?,?,?,?)",
	[ST_TABLE] = "INSERT INTO tables VALUES (?,?,?,?,?)",
	[ST_DIAG] = "INSERT INTO diagnostics(lesson, origin, path, line, col, severity,"
		    " code, message) VALUES (?,'parse',?,?,?,?,?,?)",
	[ST_LINK_DIAG] = "INSERT INTO diagnostics(lesson, origin, path, line, col, severity,"
			 " code, message, link) VALUES (?,'links',?,?,?,?,?,?,?)",
};

int cq_store_exec(sqlite3 *db, const char *text)
{
	return sqlite3_exec(db, text, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int cq_store_wal(sqlite3 *db)
{
	return cq_store_exec(db, "PRAGMA journal_mode = WAL");
}

/* The pragmas of a cache: WAL so readers never wait for a refresh, and
 * NORMAL sync (a lost index is rebuilt from the lessons). Sorts and temp
 * tables larger than the cache spill to temporary files, so memory stays
 * the same whatever the size of the course.
 *
 * A file made now stays in rollback mode until its first refresh is
 * committed (cq_store_wal): pages past a file's end are not journaled,
 * so the whole course is written once, where WAL writes it twice (to the
 * log, then back into the file): 6.0 s -> 5.1 s for 10,000 lessons. WAL
 * is wanted by every other open; one that finds the file locked (its
 * first refresh is running) leaves that to the refresh. */
#define CACHE_PRAGMA "PRAGMA cache_size = -8000;"
static int configure(sqlite3 *db, int made_now)
{
	sqlite3_busy_timeout(db, 10000);
	if (cq_search_functions(db) != SQLITE_OK || cq_search_tokenizer(db) != SQLITE_OK)
		return -1;
	if (!made_now && cq_store_wal(db) < 0 && sqlite3_errcode(db) != SQLITE_BUSY)
		return -1;
	return cq_store_exec(db, "PRAGMA synchronous = NORMAL;" CACHE_PRAGMA);
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* What the index was made from: the config and the parser's version. */
static void made_from(char *out, size_t n, uint64_t config_hash)
{
	snprintf(out, n, "%016llx/%d", (unsigned long long)config_hash, CQ_PARSER_VERSION);
}

static int meta_matches(sqlite3 *db, uint64_t config_hash)
{
	sqlite3_stmt *st;
	char want[48];
	int same = 0;

	made_from(want, sizeof(want), config_hash);
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'config'", -1, &st,
			       NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		same = strcmp((const char *)sqlite3_column_text(st, 0), want) == 0;
	sqlite3_finalize(st);
	return same;
}

static int create(sqlite3 *db, uint64_t config_hash)
{
	sqlite3_stmt *st;
	char hex[48];
	int ok;

	if (cq_store_exec(db, "BEGIN IMMEDIATE") < 0)
		return -1;
	if (cq_store_exec(db, cq_schema_sql) < 0 ||
	    cq_store_exec(db, "PRAGMA user_version = " CQ_STR(CQ_SCHEMA_VERSION)) < 0) {
		cq_store_exec(db, "ROLLBACK");
		return -1;
	}
	made_from(hex, sizeof(hex), config_hash);
	ok = sqlite3_prepare_v2(db, "INSERT INTO meta VALUES ('config', ?1)", -1, &st, NULL) ==
		     SQLITE_OK &&
	     sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
	     sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok || cq_store_exec(db, "COMMIT") < 0) {
		cq_store_exec(db, "ROLLBACK");
		return -1;
	}
	return 0;
}

static void remove_files(const char *path)
{
	char side[4096];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static int make_parent(const char *path)
{
	cq_arena a;
	char *dir;
	int rc = 0;

	cq_arena_init(&a);
	dir = cq_path_dir(&a, path);
	if (dir && !cq_path_is_dir(dir) && mkdir(dir, 0777) < 0 && errno != EEXIST)
		rc = -1;
	cq_arena_free(&a);
	return rc;
}

/* The index as it is, if it can be used: right version and same config.
 * Damage deeper in the file shows up as SQLITE_CORRUPT later; the refresh
 * then rebuilds (cq_store_damaged). A whole-file check here would cost
 * every command a scan of the index. */
static int usable(sqlite3 *db, uint64_t config_hash)
{
	return user_version(db) == CQ_SCHEMA_VERSION && meta_matches(db, config_hash);
}

int cq_store_damaged(sqlite3 *db)
{
	int code = sqlite3_errcode(db);

	return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

int cq_store_reset(sqlite3 **db, const char *path, uint64_t config_hash, char *err, size_t errlen)
{
	int rebuilt;

	sqlite3_close(*db);
	*db = NULL;
	remove_files(path);
	return cq_store_open(db, path, config_hash, &rebuilt, err, errlen);
}

static int open_one(sqlite3 **out, const char *path, int made_now)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

	if (sqlite3_open_v2(path, out, flags, NULL) != SQLITE_OK)
		return -1;
	return configure(*out, made_now);
}

int cq_store_open(sqlite3 **out, const char *path, uint64_t config_hash,
		  int *rebuilt, char *err, size_t errlen)
{
	sqlite3 *db = NULL;

	*rebuilt = 0;
	*out = NULL;
	if (make_parent(path) < 0) {
		snprintf(err, errlen, "cannot create the folder of %s: %s", path, strerror(errno));
		return -1;
	}
	if (open_one(&db, path, 0) == 0 && usable(db, config_hash)) {
		*out = db;
		return 0;
	}
	/* Locked all along by the first refresh of a file made anew (rollback
	 * mode): it is being made, not to be removed. */
	if (db && sqlite3_errcode(db) == SQLITE_BUSY) {
		snprintf(err, errlen, "the index %s is locked: another courseq is making it", path);
		sqlite3_close(db);
		return -1;
	}
	/* Another version, another config, a new file or a damaged one: the
	 * index is a cache, so it is made anew from the lessons. */
	sqlite3_close(db);
	remove_files(path);
	if (open_one(&db, path, 1) < 0 || create(db, config_hash) < 0) {
		snprintf(err, errlen, "cannot create the index %s: %s", path,
			 db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	*rebuilt = 1;
	*out = db;
	return 0;
}

int cq_store_clear(sqlite3 *db)
{
	return cq_store_exec(db, "DELETE FROM fields; DELETE FROM prerequisites;"
				 "DELETE FROM topics; DELETE FROM headings; DELETE FROM anchors;"
				 "DELETE FROM links; DELETE FROM imports; DELETE FROM components;"
				 "DELETE FROM diagrams; DELETE FROM callouts; DELETE FROM code_blocks;"
				 "DELETE FROM tables; DELETE FROM diagnostics; DELETE FROM targets;"
				 "DELETE FROM lessons;");
}

int cq_store_indexes_off(sqlite3 *db, cq_buf *saved)
{
	sqlite3_stmt *st;
	cq_buf drop = CQ_BUF_INIT;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
				   " AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cq_buf_printf(saved, "%s;\n", (const char *)sqlite3_column_text(st, 1));
		cq_buf_printf(&drop, "DROP INDEX \"%s\";\n", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	rc = rc == SQLITE_DONE && !saved->failed && !drop.failed && drop.len
		     ? cq_store_exec(db, cq_buf_cstr(&drop))
		     : (rc == SQLITE_DONE && !saved->failed && !drop.failed ? 0 : -1);
	cq_buf_free(&drop);
	return rc;
}

int cq_store_indexes_on(sqlite3 *db, const cq_buf *saved)
{
	return saved->len ? cq_store_exec(db, cq_buf_cstr(saved)) : 0;
}

int cq_store_small_cache(sqlite3 *db, int small)
{
	return cq_store_exec(db, small ? "PRAGMA cache_size = -2000" : CACHE_PRAGMA);
}

int cq_store_prepare(cq_store *s, sqlite3 *db)
{
	int i;

	memset(s, 0, sizeof(*s));
	s->db = db;
	for (i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v3(db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i],
				       NULL) != SQLITE_OK)
			return -1;
	return 0;
}

void cq_store_finalize(cq_store *s)
{
	int i;

	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	cq_buf_free(&s->scratch);
	memset(s, 0, sizeof(*s));
}

int cq_store_delete(cq_store *s, int64_t lesson)
{
	int i;

	for (i = ST_DELETE_FIRST; i <= ST_DELETE_LAST; i++) {
		sqlite3_stmt *st = s->st[i];
		int rc;

		sqlite3_bind_int64(st, 1, lesson);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

/* Binds the arguments as fmt says and runs the statement: 'i' int,
 * 'I' int64_t, 'd' double, 't' text (NULL binds NULL), 'z' size_t, 'n' NULL. */
static int run(sqlite3_stmt *st, const char *fmt, ...)
{
	va_list ap;
	int i, rc;

	va_start(ap, fmt);
	for (i = 0; fmt[i]; i++) {
		const char *t;

		switch (fmt[i]) {
		case 'i': sqlite3_bind_int(st, i + 1, va_arg(ap, int)); break;
		case 'I': sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t)); break;
		case 'z': sqlite3_bind_int64(st, i + 1, (int64_t)va_arg(ap, size_t)); break;
		case 'd': sqlite3_bind_double(st, i + 1, va_arg(ap, double)); break;
		case 't':
			t = va_arg(ap, const char *);
			if (t)
				sqlite3_bind_text(st, i + 1, t, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, i + 1);
			break;
		default: sqlite3_bind_null(st, i + 1); break;
		}
	}
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Binds a numeric field, or NULL when the key is missing or not a number. */
static void bind_number(sqlite3_stmt *st, int i, const cq_lesson_facts *f, const char *key)
{
	const cq_field *fd = cq_lesson_field(f, key);

	if (fd && (fd->value->type == CQ_YT_INT || fd->value->type == CQ_YT_FLOAT))
		sqlite3_bind_double(st, i, strtod(fd->value->value, NULL));
	else
		sqlite3_bind_null(st, i);
}

static const char *frontmatter_json(cq_store *s, const cq_lesson_facts *f)
{
	cq_buf_clear(&s->scratch);
	return cq_frontmatter_object(&s->scratch, f) < 0 ? NULL : s->scratch.data;
}

static int64_t put_lesson(cq_store *s, const cq_lesson_row *row, const cq_lesson_facts *f)
{
	sqlite3_stmt *st = s->st[ST_LESSON];
	char hash[32];
	const char *fm = frontmatter_json(s, f);
	int rc;

	if (!fm)
		return -1;
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)row->hash);
	sqlite3_bind_text(st, 1, row->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, row->alias, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, row->module_dir, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, row->module);
	sqlite3_bind_int(st, 6, row->module_rank);
	bind_number(st, 7, f, "order");
	sqlite3_bind_text(st, 8, cq_lesson_string(f, "title"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, cq_lesson_string(f, "description"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, cq_lesson_string(f, "difficulty"), -1, SQLITE_STATIC);
	bind_number(st, 11, f, "estimatedTime");
	sqlite3_bind_text(st, 12, fm, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 13, row->size);
	sqlite3_bind_int(st, 14, (int)f->lines);
	sqlite3_bind_int(st, 15, (int)f->words);
	sqlite3_bind_text(st, 16, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 17, row->mtime_ns);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(s->db) : -1;
}

static const char *style_name(cq_ystyle st)
{
	static const char *const names[] = {"plain",  "single", "double", "literal",
					    "folded", "block",  "flow"};

	return names[st];
}

static int put_frontmatter(cq_store *s, int64_t id, const cq_lesson_facts *f)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < f->fields.len; i++) {
		const cq_field *fd = CQ_VEC_AT(&f->fields, cq_field, i);

		rc = run(s->st[ST_FIELD], "Izttttiiiizz", id, i, fd->key, fd->json,
			 cq_ytype_name(fd->value->type), style_name(fd->value->style),
			 (int)fd->key_pos.line, (int)fd->key_pos.col, (int)fd->pos.line,
			 (int)fd->pos.col, fd->value_start, fd->value_end);
	}
	for (i = 0; rc == 0 && i < f->prereqs.len; i++) {
		const cq_prereq *p = CQ_VEC_AT(&f->prereqs, cq_prereq, i);

		rc = run(s->st[ST_PREREQ], "Iztiizz", id, i, p->target, (int)p->pos.line,
			 (int)p->pos.col, p->start, p->end);
	}
	for (i = 0; rc == 0 && i < f->topics.len; i++)
		rc = run(s->st[ST_TOPIC], "Izt", id, i, *CQ_VEC_AT(&f->topics, const char *, i));
	return rc;
}

static int put_structure(cq_store *s, int64_t id, const cq_lesson_facts *f)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < f->headings.len; i++) {
		const cq_heading *h = CQ_VEC_AT(&f->headings, cq_heading, i);

		rc = run(s->st[ST_HEADING], "Izittii", id, i, h->depth, h->text, h->slug,
			 (int)h->pos.line, (int)h->pos.col);
	}
	for (i = 0; rc == 0 && i < f->anchors.len; i++) {
		const cq_anchor *a = CQ_VEC_AT(&f->anchors, cq_anchor, i);

		rc = run(s->st[ST_ANCHOR], "Iztii", id, i, a->id, (int)a->pos.line,
			 (int)a->pos.col);
	}
	for (i = 0; rc == 0 && i < f->code.len; i++) {
		const cq_code *c = CQ_VEC_AT(&f->code, cq_code, i);

		rc = run(s->st[ST_CODE], "Izttii", id, i, c->lang, c->meta, (int)c->pos.line,
			 (int)c->lines);
	}
	for (i = 0; rc == 0 && i < f->tables.len; i++) {
		const cq_table *t = CQ_VEC_AT(&f->tables, cq_table, i);

		rc = run(s->st[ST_TABLE], "Iziii", id, i, (int)t->pos.line, (int)t->rows,
			 (int)t->cols);
	}
	return rc;
}

/* One link row, with its verdict. The span is where the URL is written,
 * when it is written as it reads. */
static int put_link(cq_store *s, int64_t id, int seq, cq_link_kind kind, const char *url,
		    cq_pos pos, size_t start, size_t end, const char *const *verdict)
{
	sqlite3_stmt *st = s->st[ST_LINK];

	if (end) {
		sqlite3_bind_int64(st, 7, (int64_t)start);
		sqlite3_bind_int64(st, 8, (int64_t)end);
	} else {
		sqlite3_bind_null(st, 7);
		sqlite3_bind_null(st, 8);
	}
	sqlite3_bind_text(st, 9, verdict[1], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, verdict[2], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, verdict[0], -1, SQLITE_STATIC);
	return run(st, "Iittii", id, seq, cq_link_kind_name(kind), url, (int)pos.line, (int)pos.col);
}

static int put_link_diags(cq_store *s, int64_t id, const cq_lesson_row *row,
			  const cq_lesson_facts *f, const cq_config *cfg)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < f->link_diags.len; i++) {
		const cq_link_diag *d = CQ_VEC_AT(&f->link_diags, cq_link_diag, i);
		int level = cq_config_severity(cfg, d->code, (int)d->severity);

		if (level >= 0)
			rc = run(s->st[ST_LINK_DIAG], "Itiittti", id, row->path, (int)d->pos.line,
				 (int)d->pos.col, cq_severity_name((cq_severity)level), d->code,
				 d->message, d->seq);
	}
	return rc;
}

static int put_links(cq_store *s, int64_t id, const cq_lesson_facts *f)
{
	size_t i;
	int seq = 0, rc = 0;

	for (i = 0; rc == 0 && i < f->links.len; i++) {
		const cq_link *l = CQ_VEC_AT(&f->links, cq_link, i);
		const char *verdict[3] = {l->status, l->target, l->anchor};

		rc = put_link(s, id, seq++, l->kind, l->url, l->pos, l->url_start, l->url_end, verdict);
	}
	/* Prerequisites are links too: to a lesson, from the frontmatter. The
	 * span is the scalar's text, inside any quotes. */
	for (i = 0; rc == 0 && i < f->prereqs.len; i++) {
		const cq_prereq *p = CQ_VEC_AT(&f->prereqs, cq_prereq, i);
		const char *verdict[3] = {p->status, p->lesson, NULL};
		size_t start = p->start, end = p->end;

		if (end - start >= 2 && (f->src[start] == '"' || f->src[start] == '\''))
			start++, end--;
		rc = put_link(s, id, seq++, CQ_LINK_PREREQUISITE, p->target, p->pos, start, end, verdict);
	}
	for (i = 0; rc == 0 && i < f->imports.len; i++) {
		const cq_import_rec *r = CQ_VEC_AT(&f->imports, cq_import_rec, i);

		rc = run(s->st[ST_IMPORT], "Izttii", id, i, r->source, r->names_json,
			 (int)r->pos.line, (int)r->pos.col);
	}
	return rc;
}

/* A component's attributes as a JSON object: strings as written (quotes
 * off), expressions as {"expression": source}. */
static const char *attrs_json(cq_store *s, const cq_lesson_facts *f, const cq_jsx_tag *t)
{
	cq_buf *b = &s->scratch;
	size_t i, n = 0;

	cq_buf_clear(b);
	cq_buf_putc(b, '{');
	for (i = 0; i < t->attrs.len; i++) {
		const cq_jsx_attr *at = CQ_VEC_AT(&t->attrs, cq_jsx_attr, i);
		const char *v = f->src + at->value_start;
		size_t vn = at->value_end - at->value_start;

		if (!at->name)
			continue;
		if (n++)
			cq_buf_putc(b, ',');
		cq_json_cstr(b, at->name);
		cq_buf_putc(b, ':');
		if (at->kind == CQ_ATTR_STRING) {
			cq_json_str(b, v, vn);
		} else if (at->kind == CQ_ATTR_EXPR) {
			cq_buf_puts(b, "{\"expression\":");
			cq_json_str(b, v, vn);
			cq_buf_putc(b, '}');
		} else {
			cq_buf_puts(b, "true");
		}
	}
	cq_buf_putc(b, '}');
	return b->failed ? NULL : b->data;
}

static int put_components(cq_store *s, int64_t id, const cq_lesson_facts *f)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < f->components.len; i++) {
		const cq_component *c = CQ_VEC_AT(&f->components, cq_component, i);
		const char *attrs = attrs_json(s, f, c->tag);

		rc = attrs ? run(s->st[ST_COMPONENT], "Iztiiiit", id, i, c->name, (int)c->pos.line,
				 (int)c->pos.col, c->flow, c->closed, attrs)
			   : -1;
	}
	for (i = 0; rc == 0 && i < f->diagrams.len; i++) {
		const cq_diagram *d = CQ_VEC_AT(&f->diagrams, cq_diagram, i);

		rc = run(s->st[ST_DIAGRAM], "Iztti", id, i, d->form, d->type, (int)d->pos.line);
	}
	for (i = 0; rc == 0 && i < f->callouts.len; i++) {
		const cq_callout *c = CQ_VEC_AT(&f->callouts, cq_callout, i);

		rc = run(s->st[ST_CALLOUT], "Iztti", id, i, c->type, c->title, (int)c->pos.line);
	}
	return rc;
}

static int put_diagnostics(cq_store *s, int64_t id, const cq_lesson_row *row,
			   const cq_lesson_facts *f, const cq_config *cfg)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < f->diags.len; i++) {
		const cq_diag *d = CQ_VEC_AT(&f->diags, cq_diag, i);
		int sev = cq_config_severity(cfg, d->code, (int)d->severity);

		if (sev < 0)
			continue; /* turned off in courseq.yaml */
		rc = run(s->st[ST_DIAG], "Itiittt", id, row->path, (int)d->pos.line,
			 (int)d->pos.col, cq_severity_name((cq_severity)sev), d->code, d->message);
	}
	return rc;
}

int64_t cq_store_put(cq_store *s, const cq_lesson_row *row, const cq_lesson_facts *f,
		     const cq_config *cfg)
{
	int64_t id = put_lesson(s, row, f);

	if (id < 0 || put_frontmatter(s, id, f) < 0 || put_structure(s, id, f) < 0 ||
	    put_links(s, id, f) < 0 || put_components(s, id, f) < 0 ||
	    put_diagnostics(s, id, row, f, cfg) < 0 || put_link_diags(s, id, row, f, cfg) < 0)
		return -1;
	return id;
}
