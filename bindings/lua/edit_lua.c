/* Bulk edits from Lua: db:edit() and its methods over courseq_edit. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "courseq_lua.h"

typedef struct ledit {
	courseq_edit *e; /* NULL once closed */
	courseq_db *db;
} ledit;

static ledit *check_edit(lua_State *L, int i)
{
	ledit *le = luaL_checkudata(L, i, COURSEQ_LUA_EDIT);

	luaL_argcheck(L, le->e != NULL, i, "the edit is closed");
	return le;
}

static int done(lua_State *L, ledit *le, int rc)
{
	if (rc != COURSEQ_OK)
		return courseq_lua_fail(L, courseq_errmsg(le->db));
	lua_pushboolean(L, 1);
	return 1;
}

int courseq_lua_new_edit(lua_State *L, int db_index, courseq_db *db)
{
	ledit *le = lua_newuserdatauv(L, sizeof(*le), 1);

	le->e = NULL;
	le->db = db;
	luaL_setmetatable(L, COURSEQ_LUA_EDIT);
	/* The edit keeps its course open as long as it lives. */
	lua_pushvalue(L, db_index);
	lua_setiuservalue(L, -2, 1);
	if (courseq_edit_new(&le->e, db) != COURSEQ_OK)
		return courseq_lua_fail(L, courseq_errmsg(db));
	return 1;
}

static int l_free(lua_State *L)
{
	ledit *le = luaL_checkudata(L, 1, COURSEQ_LUA_EDIT);

	courseq_edit_free(le->e);
	le->e = NULL;
	return 0;
}

/* e:set(id, key, value): a string, number, boolean or list of strings. */
static int l_set(lua_State *L)
{
	ledit *le = check_edit(L, 1);
	const char *id = luaL_checkstring(L, 2), *key = luaL_checkstring(L, 3);
	const char *items[512];
	size_t n = 0;
	lua_Integer i;

	switch (lua_type(L, 4)) {
	case LUA_TSTRING: return done(L, le, courseq_edit_set_string(le->e, id, key, lua_tostring(L, 4)));
	case LUA_TNUMBER: return done(L, le, courseq_edit_set_number(le->e, id, key, lua_tonumber(L, 4)));
	case LUA_TBOOLEAN: return done(L, le, courseq_edit_set_bool(le->e, id, key, lua_toboolean(L, 4)));
	case LUA_TTABLE:
		luaL_checkstack(L, 520, "a long list");
		for (i = 1; lua_rawgeti(L, 4, i) != LUA_TNIL; i++) {
			luaL_argcheck(L, n < 512, 4, "at most 512 items");
			luaL_argcheck(L, lua_isstring(L, -1), 4, "a list of strings");
			items[n++] = lua_tostring(L, -1); /* kept on the stack */
		}
		return done(L, le, courseq_edit_set_list(le->e, id, key, items, n));
	default: return luaL_argerror(L, 4, "a string, number, boolean or list of strings");
	}
}

static int l_remove(lua_State *L)
{
	ledit *le = check_edit(L, 1);

	return done(L, le, courseq_edit_remove(le->e, luaL_checkstring(L, 2), luaL_checkstring(L, 3)));
}

/* e:rewrite_link(link, url), link as db:lesson(id).links lists it; or
 * e:rewrite_link(id, seq, url). */
static int l_rewrite_link(lua_State *L)
{
	ledit *le = check_edit(L, 1);
	const char *id, *url;
	int seq;

	if (lua_istable(L, 2)) {
		lua_getfield(L, 2, "lesson");
		lua_getfield(L, 2, "seq");
		id = lua_tostring(L, -2);
		luaL_argcheck(L, id && lua_isinteger(L, -1), 2, "a link from db:lesson(id).links");
		seq = (int)lua_tointeger(L, -1);
		url = luaL_checkstring(L, 3);
	} else {
		id = luaL_checkstring(L, 2);
		seq = (int)luaL_checkinteger(L, 3);
		url = luaL_checkstring(L, 4);
	}
	return done(L, le, courseq_edit_rewrite_link(le->e, id, seq, url));
}

static int l_move(lua_State *L)
{
	ledit *le = check_edit(L, 1);

	return done(L, le, courseq_edit_move(le->e, luaL_checkstring(L, 2), luaL_checkstring(L, 3)));
}

/* e:source(id): the file's text as the edit sees it, and where its body
 * starts (1-based, as Lua strings count). */
static int l_source(lua_State *L)
{
	ledit *le = check_edit(L, 1);
	const char *src;
	size_t len, body;

	if (courseq_edit_source(&src, &len, &body, le->e, luaL_checkstring(L, 2)) != COURSEQ_OK)
		return courseq_lua_fail(L, courseq_errmsg(le->db));
	lua_pushlstring(L, src, len);
	lua_pushinteger(L, (lua_Integer)body + 1);
	return 2;
}

/* The replacement for one match, as string.gsub computes it: %0..%9 in a
 * string, a table indexed by the first capture, a function of the
 * captures. Leaves a string, or nil/false to keep the match. */
static void replacement(lua_State *L, int repl, int first, int ncap)
{
	if (lua_type(L, repl) == LUA_TSTRING) {
		size_t n, i;
		const char *r = lua_tolstring(L, repl, &n);
		luaL_Buffer b;

		luaL_buffinit(L, &b);
		for (i = 0; i < n; i++) {
			if (r[i] != '%' || i + 1 == n) {
				luaL_addchar(&b, r[i]);
				continue;
			}
			i++;
			if (r[i] >= '0' && r[i] <= '9') {
				int k = r[i] - '0';

				lua_pushvalue(L, k == 0 || ncap == 0 ? first - 1 : first + k - 1);
				luaL_addvalue(&b);
			} else {
				luaL_addchar(&b, r[i]);
			}
		}
		luaL_pushresult(&b);
	} else if (lua_istable(L, repl)) {
		lua_pushvalue(L, ncap ? first : first - 1);
		lua_gettable(L, repl);
	} else {
		int i;

		lua_pushvalue(L, repl);
		if (ncap == 0)
			lua_pushvalue(L, first - 1);
		for (i = 0; i < ncap; i++)
			lua_pushvalue(L, first + i);
		lua_call(L, ncap ? ncap : 1, 1);
	}
}

/* e:replace(id, pattern, repl [, max]): string.gsub over the lesson's body,
 * each match a span of its own, so nothing else changes. Returns the
 * number of replacements. */
static int l_replace(lua_State *L)
{
	ledit *le = check_edit(L, 1);
	const char *id = luaL_checkstring(L, 2);
	lua_Integer max = luaL_optinteger(L, 5, -1), count = 0, init = 1;
	const char *src;
	size_t len, body;
	int top;

	luaL_checkstring(L, 3);
	luaL_argexpected(L, lua_type(L, 4) == LUA_TSTRING || lua_type(L, 4) == LUA_TNUMBER ||
				    lua_istable(L, 4) || lua_isfunction(L, 4),
			 4, "string/function/table");
	if (courseq_edit_source(&src, &len, &body, le->e, id) != COURSEQ_OK)
		return courseq_lua_fail(L, courseq_errmsg(le->db));
	lua_settop(L, 5);
	lua_pushlstring(L, src + body, len - body); /* 6: the body */
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	lua_getfield(L, -1, "string");
	lua_getfield(L, -1, "find"); /* 9: string.find, as loaded */
	top = lua_gettop(L);
	while (max < 0 || count < max) {
		lua_Integer s, e;
		int nres, rc;

		lua_pushvalue(L, top);
		lua_pushvalue(L, 6);
		lua_pushvalue(L, 3);
		lua_pushinteger(L, init);
		lua_call(L, 3, LUA_MULTRET);
		nres = lua_gettop(L) - top;
		if (nres < 2 || lua_isnil(L, top + 1)) {
			lua_settop(L, top);
			break;
		}
		s = lua_tointeger(L, top + 1);
		e = lua_tointeger(L, top + 2);
		lua_pushlstring(L, src + body + s - 1, (size_t)(e - s + 1)); /* the match */
		lua_replace(L, top + 2);
		replacement(L, 4, top + 3, nres - 2);
		if (lua_toboolean(L, -1)) {
			luaL_argcheck(L, lua_isstring(L, -1), 4, "the replacement must be a string");
			rc = courseq_edit_replace(le->e, id, body + (size_t)s - 1, body + (size_t)e,
						  lua_tostring(L, -1));
			if (rc != COURSEQ_OK)
				return courseq_lua_fail(L, courseq_errmsg(le->db));
			count++;
		}
		lua_settop(L, top);
		init = e >= s ? e + 1 : s + 1;
		if (init > (lua_Integer)(len - body) + 1)
			break;
	}
	lua_pushinteger(L, count);
	return 1;
}

static int l_diff(lua_State *L)
{
	ledit *le = check_edit(L, 1);
	char *diff;

	if (courseq_edit_diff(&diff, le->e) != COURSEQ_OK)
		return courseq_lua_fail(L, courseq_errmsg(le->db));
	lua_pushstring(L, diff);
	courseq_free(diff);
	return 1;
}

/* e:commit(): everything at once. Under a dry run (courseq.dry_run, which
 * `courseq run --dry-run` sets) it prints the diff and writes nothing. */
static int l_commit(lua_State *L)
{
	ledit *le = check_edit(L, 1);
	int dry;

	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	lua_getfield(L, -1, "courseq");
	dry = lua_istable(L, -1) && lua_getfield(L, -1, "dry_run") != LUA_TNIL && lua_toboolean(L, -1);
	if (dry) {
		char *diff;

		if (courseq_edit_diff(&diff, le->e) != COURSEQ_OK)
			return courseq_lua_fail(L, courseq_errmsg(le->db));
		fputs(diff, stdout);
		fflush(stdout);
		courseq_free(diff);
		return done(L, le, courseq_edit_commit(le->e, COURSEQ_EDIT_DRY_RUN));
	}
	return done(L, le, courseq_edit_commit(le->e, 0));
}

static const luaL_Reg methods[] = {{"set", l_set},
				   {"remove", l_remove},
				   {"rewrite_link", l_rewrite_link},
				   {"replace", l_replace},
				   {"move", l_move},
				   {"source", l_source},
				   {"diff", l_diff},
				   {"commit", l_commit},
				   {"close", l_free},
				   {NULL, NULL}};

void courseq_lua_edit_register(lua_State *L)
{
	luaL_newmetatable(L, COURSEQ_LUA_EDIT);
	lua_pushcfunction(L, l_free);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, l_free);
	lua_setfield(L, -2, "__close");
	luaL_newlib(L, methods);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
}
