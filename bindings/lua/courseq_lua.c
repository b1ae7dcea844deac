/* The courseq Lua module: a thin layer over the C API. Misuse raises
 * (luaL_argerror); a runtime failure returns nil and the message. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "courseq_lua.h"

typedef struct ldb {
	courseq_db *db; /* NULL once closed */
	int owned;
} ldb;

int courseq_lua_fail(lua_State *L, const char *msg)
{
	lua_pushnil(L);
	lua_pushstring(L, msg);
	return 2;
}

static ldb *check_ldb(lua_State *L, int i)
{
	return luaL_checkudata(L, i, COURSEQ_LUA_DB);
}

courseq_db *courseq_lua_check_db(lua_State *L, int i)
{
	ldb *d = check_ldb(L, i);

	luaL_argcheck(L, d->db != NULL, i, "the course is closed");
	return d->db;
}

static int api_fail(lua_State *L, courseq_db *db)
{
	return courseq_lua_fail(L, courseq_errmsg(db));
}

/* Decodes malloc'd JSON, frees it, and leaves the value (or nil, message:
 * returns 1 or 2). */
static int push_json(lua_State *L, char *json)
{
	int ok = courseq_lua_json(L, json);

	free(json);
	if (ok)
		return 1;
	lua_pushnil(L);
	lua_insert(L, -2);
	return 2;
}

/* ---- opening ---- */

void courseq_lua_push_db(lua_State *L, courseq_db *db, int owned)
{
	ldb *d = lua_newuserdatauv(L, sizeof(*d), 0);

	d->db = db;
	d->owned = owned;
	luaL_setmetatable(L, COURSEQ_LUA_DB);
}

/* courseq.open([dir], [{db = path, refresh = true}]) */
static int l_open(lua_State *L)
{
	courseq_options o = {luaL_optstring(L, 1, NULL), NULL, 0};
	ldb *d;
	int rc;

	if (lua_istable(L, 2)) {
		lua_getfield(L, 2, "db");
		o.db_path = luaL_optstring(L, -1, NULL);
		lua_getfield(L, 2, "refresh");
		if (lua_isboolean(L, -1) && !lua_toboolean(L, -1))
			o.flags |= COURSEQ_OPEN_STALE_OK;
		lua_pop(L, 1); /* db_path stays referenced below it */
	}
	/* The userdata first: a failure leaves a closed, safe object. */
	d = lua_newuserdatauv(L, sizeof(*d), 0);
	d->db = NULL;
	d->owned = 1;
	luaL_setmetatable(L, COURSEQ_LUA_DB);
	rc = courseq_db_open(&d->db, &o);
	if (rc != COURSEQ_OK) {
		lua_pushnil(L);
		lua_pushstring(L, courseq_errmsg(d->db));
		courseq_db_close(d->db);
		d->db = NULL;
		return 2;
	}
	return 1;
}

/* courseq.course(): the course a script works on: courseq.db under
 * `courseq run`; under plain lua5.4 the course found from COURSEQ_DIR (or
 * the working directory), with its index at COURSEQ_DB (or its own),
 * opened once and kept as courseq.db. Raises the reason it cannot. */
static int l_course(lua_State *L)
{
	const char *dir = getenv("COURSEQ_DIR"), *db = getenv("COURSEQ_DB");

	if (lua_getfield(L, lua_upvalueindex(1), "db") != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	lua_settop(L, 0);
	lua_pushcfunction(L, l_open);
	lua_pushstring(L, dir && *dir ? dir : ".");
	lua_createtable(L, 0, 1);
	if (db && *db) {
		lua_pushstring(L, db);
		lua_setfield(L, -2, "db");
	}
	lua_call(L, 2, 2);
	if (lua_isnil(L, 1))
		return luaL_error(L, "%s", lua_tostring(L, 2));
	lua_pop(L, 1);
	lua_pushvalue(L, 1);
	lua_setfield(L, lua_upvalueindex(1), "db");
	return 1;
}

/* courseq.warn(...): its arguments, as print joins them, on standard
 * error; the one output a --sandbox script has besides print. */
static int l_warn(lua_State *L)
{
	int n = lua_gettop(L), i;

	for (i = 1; i <= n; i++) {
		size_t len;
		const char *s = luaL_tolstring(L, i, &len);

		if (i > 1)
			fputc('\t', stderr);
		fwrite(s, 1, len, stderr);
		lua_pop(L, 1);
	}
	fputc('\n', stderr);
	fflush(stderr);
	return 0;
}

/* courseq.fail(name, message[, usage]): a script's error: "name:
 * message" (and the usage line, for bad arguments) on standard error;
 * returns the exit status, 2 with a usage line, else 1. */
static int l_fail(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1), *msg = luaL_tolstring(L, 2, NULL);

	fprintf(stderr, "%s: %s\n", name, msg);
	if (!lua_isnoneornil(L, 3))
		fprintf(stderr, "%s\n", luaL_checkstring(L, 3));
	fflush(stderr);
	lua_pushinteger(L, lua_isnoneornil(L, 3) ? 1 : 2);
	return 1;
}

/* courseq.exit(status): how a script ends with an exit status: under
 * `courseq run` it returns status for courseq to exit with; under plain
 * lua5.4 it is os.exit(status, true), which closes the course first. */
static int l_exit(lua_State *L)
{
	lua_Integer status = luaL_optinteger(L, 1, 0);

	if (lua_getfield(L, lua_upvalueindex(1), "embedded") == LUA_TBOOLEAN && lua_toboolean(L, -1)) {
		lua_pushinteger(L, status);
		return 1;
	}
	if (lua_getglobal(L, "os") != LUA_TTABLE || lua_getfield(L, -1, "exit") != LUA_TFUNCTION)
		return luaL_error(L, "courseq.exit: no os.exit here");
	lua_pushinteger(L, status);
	lua_pushboolean(L, 1);
	lua_call(L, 2, 0);
	return 0;
}

static int l_close(lua_State *L)
{
	ldb *d = check_ldb(L, 1);

	if (d->owned)
		courseq_db_close(d->db);
	d->db = NULL;
	return 0;
}

static int l_tostring(lua_State *L)
{
	ldb *d = check_ldb(L, 1);

	if (d->db)
		lua_pushfstring(L, "courseq.db (%s)", courseq_db_root(d->db));
	else
		lua_pushliteral(L, "courseq.db (closed)");
	return 1;
}

static int l_root(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);

	lua_pushstring(L, courseq_db_root(db));
	lua_pushstring(L, courseq_db_content_root(db));
	lua_pushstring(L, courseq_db_index_path(db));
	return 3;
}

static int l_refresh(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	courseq_refresh_stats st;
	unsigned flags = 0;

	if (lua_istable(L, 2) && lua_getfield(L, 2, "full") != LUA_TNIL && lua_toboolean(L, -1))
		flags |= COURSEQ_REFRESH_FULL;
	if (courseq_db_refresh(db, flags, &st) != COURSEQ_OK)
		return api_fail(L, db);
	lua_createtable(L, 0, 5);
	lua_pushinteger(L, st.lessons);
	lua_setfield(L, -2, "lessons");
	lua_pushinteger(L, st.parsed);
	lua_setfield(L, -2, "parsed");
	lua_pushinteger(L, st.unchanged);
	lua_setfield(L, -2, "unchanged");
	lua_pushinteger(L, st.removed);
	lua_setfield(L, -2, "removed");
	lua_pushnumber(L, st.seconds);
	lua_setfield(L, -2, "seconds");
	return 1;
}

/* ---- lessons ---- */

static void set_str(lua_State *L, const char *k, const char *v)
{
	if (v) {
		lua_pushstring(L, v);
		lua_setfield(L, -2, k);
	}
}

/* A whole number as an integer (190, not 190.0), else a float. */
static void push_number(lua_State *L, double v)
{
	if (v == (double)(lua_Integer)v)
		lua_pushinteger(L, (lua_Integer)v);
	else
		lua_pushnumber(L, v);
}

static void set_num(lua_State *L, const char *k, double v)
{
	if (v >= 0) {
		push_number(L, v);
		lua_setfield(L, -2, k);
	}
}

static void push_lesson(lua_State *L, const courseq_lesson *l)
{
	lua_createtable(L, 0, 10);
	set_str(L, "id", courseq_lesson_id(l));
	set_str(L, "alias", courseq_lesson_alias(l));
	set_str(L, "path", courseq_lesson_path(l));
	set_str(L, "url", courseq_lesson_url(l));
	set_str(L, "title", courseq_lesson_title(l));
	set_str(L, "description", courseq_lesson_description(l));
	set_str(L, "difficulty", courseq_lesson_difficulty(l));
	set_num(L, "module", courseq_lesson_module(l));
	set_num(L, "order", courseq_lesson_order(l));
	set_num(L, "estimatedTime", courseq_lesson_estimated_time(l));
	if (courseq_lua_json(L, courseq_lesson_frontmatter(l)))
		lua_setfield(L, -2, "frontmatter");
	else
		lua_pop(L, 1);
}

typedef struct literator {
	courseq_lesson_iter *it;
	courseq_db *db;
} literator;

static int literator_gc(lua_State *L)
{
	literator *li = luaL_checkudata(L, 1, "courseq.lessons");

	courseq_lessons_free(li->it);
	li->it = NULL;
	return 0;
}

static int lessons_next(lua_State *L)
{
	literator *li = lua_touserdata(L, lua_upvalueindex(1));
	const courseq_lesson *l;
	int rc;

	if (!li->it)
		return 0;
	rc = courseq_lessons_next(&l, li->it);
	if (rc == COURSEQ_ITEROVER) {
		courseq_lessons_free(li->it);
		li->it = NULL;
		return 0;
	}
	if (rc != COURSEQ_OK)
		return luaL_error(L, "%s", courseq_errmsg(li->db));
	push_lesson(L, l);
	return 1;
}

/* db:lessons{module =, difficulty =, topic =}: an iterator of lessons. */
static int l_lessons(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	courseq_filter f = {0, NULL, NULL};
	literator *li;

	if (lua_istable(L, 2)) {
		lua_getfield(L, 2, "module");
		f.module = (int)luaL_optinteger(L, -1, 0);
		lua_getfield(L, 2, "difficulty");
		f.difficulty = luaL_optstring(L, -1, NULL);
		lua_getfield(L, 2, "topic");
		f.topic = luaL_optstring(L, -1, NULL);
	}
	li = lua_newuserdatauv(L, sizeof(*li), 0);
	li->it = NULL;
	li->db = db;
	luaL_setmetatable(L, "courseq.lessons");
	if (courseq_lessons(&li->it, db, &f) != COURSEQ_OK)
		return api_fail(L, db);
	lua_pushcclosure(L, lessons_next, 1);
	return 1;
}

/* Every frontmatter field at the top of the lesson's record (where the
 * record has no field of that name), and each link knows its lesson. */
static void flatten_lesson(lua_State *L)
{
	lua_Integer i;

	if (lua_getfield(L, -1, "frontmatter") == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pushvalue(L, -2);
			if (lua_rawget(L, -5) == LUA_TNIL) {
				lua_pop(L, 1);
				lua_pushvalue(L, -2);
				lua_insert(L, -2);
				lua_rawset(L, -5);
			} else {
				lua_pop(L, 2);
			}
		}
	}
	lua_pop(L, 1);
	lua_getfield(L, -1, "id");
	if (lua_getfield(L, -2, "links") == LUA_TTABLE)
		for (i = 1; lua_rawgeti(L, -1, i) == LUA_TTABLE; i++) {
			lua_pushvalue(L, -3);
			lua_setfield(L, -2, "lesson");
			lua_pop(L, 1);
		}
	lua_pop(L, 3);
}

/* db:lesson(id): everything known of the lesson, or nil, message. */
static int l_lesson(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	const char *ref = luaL_checkstring(L, 2);
	courseq_lesson *l;
	char *json;
	int rc = courseq_lesson_lookup(&l, db, ref);

	if (rc != COURSEQ_OK)
		return api_fail(L, db);
	rc = courseq_lesson_json(&json, db, l);
	courseq_lesson_free(l);
	if (rc != COURSEQ_OK)
		return api_fail(L, db);
	if (push_json(L, json) != 1)
		return 2;
	flatten_lesson(L);
	return 1;
}

static int l_frontmatter(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	char err[512], *json;

	if (courseq_frontmatter_json(&json, path, err, sizeof(err)) != COURSEQ_OK)
		return courseq_lua_fail(L, err);
	return push_json(L, json);
}

/* ---- rows ---- */

typedef struct lrows {
	courseq_rows *rows;
	courseq_db *db;
} lrows;

static int lrows_gc(lua_State *L)
{
	lrows *r = luaL_checkudata(L, 1, "courseq.rows");

	courseq_rows_free(r->rows);
	r->rows = NULL;
	return 0;
}

static void push_cell(lua_State *L, courseq_rows *rows, int i)
{
	switch (courseq_rows_type(rows, i)) {
	case COURSEQ_INTEGER: lua_pushinteger(L, (lua_Integer)courseq_rows_int(rows, i)); break;
	case COURSEQ_FLOAT: lua_pushnumber(L, courseq_rows_double(rows, i)); break;
	case COURSEQ_NULL: lua_pushnil(L); break;
	case COURSEQ_BLOB: {
		size_t n;
		const char *b = courseq_rows_blob(rows, i, &n);

		lua_pushlstring(L, b, n);
		break;
	}
	default: lua_pushstring(L, courseq_rows_text(rows, i)); break;
	}
}

static int push_row(lua_State *L, courseq_rows *rows)
{
	int n = courseq_rows_columns(rows), i;

	lua_createtable(L, 0, n);
	for (i = 0; i < n; i++) {
		push_cell(L, rows, i);
		lua_setfield(L, -2, courseq_rows_name(rows, i));
	}
	return 1;
}

static int rows_next(lua_State *L)
{
	lrows *r = lua_touserdata(L, lua_upvalueindex(1));
	int rc;

	if (!r->rows)
		return 0;
	rc = courseq_rows_next(r->rows);
	if (rc == COURSEQ_OK)
		return push_row(L, r->rows);
	courseq_rows_free(r->rows);
	r->rows = NULL;
	if (rc == COURSEQ_ITEROVER)
		return 0;
	return luaL_error(L, "%s", courseq_errmsg(r->db));
}

static lrows *new_rows(lua_State *L, courseq_db *db)
{
	lrows *r = lua_newuserdatauv(L, sizeof(*r), 0);

	r->rows = NULL;
	r->db = db;
	luaL_setmetatable(L, "courseq.rows");
	return r;
}

/* db:query(sql, ...): an iterator of row tables; read-only. */
static int l_query(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	const char *sql = luaL_checkstring(L, 2);
	int n = lua_gettop(L), i;
	lrows *r = new_rows(L, db);

	if (courseq_query(&r->rows, db, sql) != COURSEQ_OK)
		return api_fail(L, db);
	for (i = 3; i <= n; i++) {
		int p = i - 2;

		if (lua_isinteger(L, i))
			courseq_rows_bind_int(r->rows, p, (int64_t)lua_tointeger(L, i));
		else if (lua_type(L, i) == LUA_TNUMBER)
			courseq_rows_bind_double(r->rows, p, lua_tonumber(L, i));
		else if (lua_type(L, i) == LUA_TBOOLEAN)
			courseq_rows_bind_int(r->rows, p, lua_toboolean(L, i));
		else if (lua_isnil(L, i))
			courseq_rows_bind_text(r->rows, p, NULL);
		else
			courseq_rows_bind_text(r->rows, p, luaL_checkstring(L, i));
	}
	lua_pushcclosure(L, rows_next, 1);
	return 1;
}

/* Runs rows to the end into an array of row tables. */
static int rows_array(lua_State *L, lrows *r)
{
	lua_Integer k = 0;
	int rc;

	lua_newtable(L);
	while ((rc = courseq_rows_next(r->rows)) == COURSEQ_OK) {
		push_row(L, r->rows);
		lua_rawseti(L, -2, ++k);
	}
	courseq_rows_free(r->rows);
	r->rows = NULL;
	return rc == COURSEQ_ITEROVER ? 1 : api_fail(L, r->db);
}

static int l_search(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	const char *text = luaL_checkstring(L, 2);
	int limit = (int)luaL_optinteger(L, 3, 20);
	lrows *r = new_rows(L, db);

	if (courseq_search(&r->rows, db, text, limit) != COURSEQ_OK)
		return api_fail(L, db);
	return rows_array(L, r);
}

/* Strings of a table's array part, or of one string, for the C API. */
static size_t string_list(lua_State *L, int i, const char **out, size_t max)
{
	size_t n = 0;
	lua_Integer k;

	if (lua_type(L, i) == LUA_TSTRING) {
		out[n++] = lua_tostring(L, i);
		return n;
	}
	if (!lua_istable(L, i))
		return 0;
	for (k = 1; n < max; k++) {
		if (lua_rawgeti(L, i, k) != LUA_TSTRING) {
			lua_pop(L, 1);
			break;
		}
		out[n++] = lua_tostring(L, -1);
		lua_pop(L, 1); /* still referenced by the table */
	}
	return n;
}

/* db:diagnostics{code = "x" or {...}, module =, path =} */
static int l_diagnostics(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	courseq_check_filter f = {NULL, 0, NULL, NULL};
	const char *codes[64];
	lrows *r;

	if (lua_istable(L, 2)) {
		lua_getfield(L, 2, "code");
		f.ncodes = string_list(L, lua_gettop(L), codes, 64);
		f.codes = f.ncodes ? codes : NULL;
		lua_getfield(L, 2, "module");
		f.module = luaL_optstring(L, -1, NULL);
		lua_getfield(L, 2, "path");
		f.path_glob = luaL_optstring(L, -1, NULL);
	}
	r = new_rows(L, db);
	if (courseq_diagnostics(&r->rows, db, &f) != COURSEQ_OK)
		return api_fail(L, db);
	return rows_array(L, r);
}

/* ---- learning paths ---- */

static void push_step(lua_State *L, const courseq_step *s)
{
	lua_createtable(L, 0, 10);
	set_str(L, "id", s->id);
	set_str(L, "alias", s->alias);
	set_str(L, "title", s->title);
	set_str(L, "difficulty", s->difficulty);
	set_num(L, "minutes", s->minutes);
	set_num(L, "total", s->total);
	set_num(L, "module", s->module);
	lua_pushboolean(L, s->missing);
	lua_setfield(L, -2, "missing");
	lua_pushboolean(L, s->target);
	lua_setfield(L, -2, "target");
	set_str(L, "requiredBy", s->required_by);
}

/* The steps as an array, with the total time as a second value; frees p. */
static int push_path(lua_State *L, courseq_path *p)
{
	const courseq_step *s;
	lua_Integer k = 0;

	lua_createtable(L, (int)courseq_path_count(p), 0);
	while (courseq_path_next(&s, p) == COURSEQ_OK) {
		push_step(L, s);
		lua_rawseti(L, -2, ++k);
	}
	push_number(L, courseq_path_minutes(p));
	courseq_path_free(p);
	return 2;
}

/* db:prereqs(id, [{direct = true}]) */
static int l_prereqs(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	const char *ref = luaL_checkstring(L, 2);
	unsigned flags = 0;
	courseq_path *p;

	if (lua_istable(L, 3) && lua_getfield(L, 3, "direct") != LUA_TNIL && lua_toboolean(L, -1))
		flags |= COURSEQ_PATH_DIRECT;
	if (courseq_path_new(&p, db, &ref, 1, NULL, 0, flags) != COURSEQ_OK)
		return api_fail(L, db);
	return push_path(L, p);
}

/* db:path{id, id, ..., known = {...}} */
static int l_path(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	const char *targets[256], *known[256];
	size_t nt, nk = 0;
	courseq_path *p;

	luaL_checktype(L, 2, LUA_TTABLE);
	nt = string_list(L, 2, targets, 256);
	luaL_argcheck(L, nt > 0, 2, "name at least one lesson");
	if (lua_getfield(L, 2, "known") != LUA_TNIL)
		nk = string_list(L, lua_gettop(L), known, 256);
	if (courseq_path_new(&p, db, targets, nt, known, nk, 0) != COURSEQ_OK)
		return api_fail(L, db);
	return push_path(L, p);
}

/* db:dependents(id, [all]) */
static int l_dependents(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	const char *ref = luaL_checkstring(L, 2);
	courseq_path *p;

	if (courseq_dependents_new(&p, db, ref, lua_toboolean(L, 3) ? 0 : COURSEQ_PATH_DIRECT) !=
	    COURSEQ_OK)
		return api_fail(L, db);
	push_path(L, p);
	lua_pop(L, 1);
	return 1;
}

/* db:graph{modules = {...}, format = "mermaid" | "dot"} */
static int l_graph(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);
	const char *mods[64], *format = "mermaid";
	size_t n = 0;
	char *out;
	int rc;

	if (lua_istable(L, 2)) {
		if (lua_getfield(L, 2, "modules") != LUA_TNIL)
			n = string_list(L, lua_gettop(L), mods, 64);
		lua_getfield(L, 2, "format");
		format = luaL_optstring(L, -1, "mermaid");
	}
	luaL_argcheck(L, strcmp(format, "mermaid") == 0 || strcmp(format, "dot") == 0, 2,
		      "format is mermaid or dot");
	rc = courseq_graph(&out, db, mods, n,
			   strcmp(format, "dot") == 0 ? COURSEQ_GRAPH_DOT : COURSEQ_GRAPH_MERMAID);
	if (rc != COURSEQ_OK)
		return api_fail(L, db);
	lua_pushstring(L, out);
	courseq_free(out);
	return 1;
}

static int l_edit(lua_State *L)
{
	courseq_db *db = courseq_lua_check_db(L, 1);

	return courseq_lua_new_edit(L, 1, db);
}

/* ---- the module ---- */

static int l_version(lua_State *L)
{
	lua_pushstring(L, courseq_version());
	return 1;
}

static int l_codes(lua_State *L)
{
	const char *const *codes = courseq_codes();
	size_t i;

	lua_newtable(L);
	for (i = 0; codes[i]; i++) {
		lua_pushstring(L, courseq_code_help(codes[i]));
		lua_setfield(L, -2, codes[i]);
	}
	return 1;
}

static const luaL_Reg db_methods[] = {
	{"close", l_close},	      {"root", l_root},		{"refresh", l_refresh},
	{"lessons", l_lessons},	      {"lesson", l_lesson},	{"query", l_query},
	{"search", l_search},	      {"diagnostics", l_diagnostics}, {"prereqs", l_prereqs},
	{"path", l_path},	      {"dependents", l_dependents}, {"graph", l_graph},
	{"edit", l_edit},	      {NULL, NULL}};

static const luaL_Reg module[] = {{"open", l_open},		  {"version", l_version},
				  {"frontmatter", l_frontmatter}, {"codes", l_codes},
				  {"course", l_course},		  {"warn", l_warn},
				  {"fail", l_fail},		  {"exit", l_exit},
				  {NULL, NULL}};

static void metatable(lua_State *L, const char *name, lua_CFunction gc, const luaL_Reg *methods)
{
	luaL_newmetatable(L, name);
	lua_pushcfunction(L, gc);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, gc);
	lua_setfield(L, -2, "__close");
	if (methods) {
		lua_newtable(L);
		luaL_setfuncs(L, methods, 0);
		lua_setfield(L, -2, "__index");
	}
	lua_pop(L, 1);
}

int luaopen_courseq(lua_State *L)
{
	metatable(L, COURSEQ_LUA_DB, l_close, db_methods);
	luaL_getmetatable(L, COURSEQ_LUA_DB);
	lua_pushcfunction(L, l_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pop(L, 1);
	metatable(L, "courseq.lessons", literator_gc, NULL);
	metatable(L, "courseq.rows", lrows_gc, NULL);
	courseq_lua_edit_register(L);
	/* The module table is each function's upvalue: courseq.course keeps
	 * the course it opens in it. */
	lua_createtable(L, 0, sizeof(module) / sizeof(module[0]) + 3);
	lua_pushvalue(L, -1);
	luaL_setfuncs(L, module, 1);
	/* The null of JSON arrays: a unique value scripts can compare with. */
	lua_pushlightuserdata(L, (void *)&luaopen_courseq);
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "courseq.null");
	lua_setfield(L, -2, "null");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "dry_run");
	/* Set by `courseq run`: the host, not os.exit, ends the script. */
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "embedded");
	return 1;
}
