/* JSON text to Lua values: the library describes lessons, paths and
 * frontmatter as JSON; scripts want tables. A small recursive-descent
 * decoder, bounded in depth. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "courseq_lua.h"

enum { MAX_DEPTH = 200 };

typedef struct reader {
	lua_State *L;
	const char *s;
	const char *err;
} reader;

static void skip_ws(reader *r)
{
	while (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r')
		r->s++;
}

static int value(reader *r, int depth);

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (unsigned)((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void utf8(luaL_Buffer *b, unsigned cp)
{
	if (cp < 0x80) {
		luaL_addchar(b, (char)cp);
	} else if (cp < 0x800) {
		luaL_addchar(b, (char)(0xC0 | (cp >> 6)));
		luaL_addchar(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		luaL_addchar(b, (char)(0xE0 | (cp >> 12)));
		luaL_addchar(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		luaL_addchar(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		luaL_addchar(b, (char)(0xF0 | (cp >> 18)));
		luaL_addchar(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		luaL_addchar(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		luaL_addchar(b, (char)(0x80 | (cp & 0x3F)));
	}
}

static int escape(reader *r, luaL_Buffer *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *at = strchr(from, *r->s);
	unsigned cp, lo;

	if (*r->s && at) {
		luaL_addchar(b, to[at - from]);
		r->s++;
		return 0;
	}
	if (*r->s != 'u' || hex4(r->s + 1, &cp) < 0)
		return -1;
	r->s += 5;
	if (cp >= 0xD800 && cp < 0xDC00 && r->s[0] == '\\' && r->s[1] == 'u' &&
	    hex4(r->s + 2, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		r->s += 6;
	}
	utf8(b, cp);
	return 0;
}

static int string(reader *r)
{
	luaL_Buffer b;

	r->s++; /* '"' */
	luaL_buffinit(r->L, &b);
	while (*r->s && *r->s != '"') {
		if (*r->s == '\\') {
			r->s++;
			if (escape(r, &b) < 0) {
				r->err = "bad escape in JSON string";
				return -1;
			}
		} else {
			luaL_addchar(&b, *r->s++);
		}
	}
	if (*r->s != '"') {
		r->err = "unterminated JSON string";
		return -1;
	}
	r->s++;
	luaL_pushresult(&b);
	return 0;
}

static int number(reader *r)
{
	char *end;
	double d = strtod(r->s, &end);

	if (end == r->s) {
		r->err = "unexpected character in JSON";
		return -1;
	}
	if (d == (double)(lua_Integer)d && !memchr(r->s, '.', (size_t)(end - r->s)) &&
	    !memchr(r->s, 'e', (size_t)(end - r->s)) && !memchr(r->s, 'E', (size_t)(end - r->s)))
		lua_pushinteger(r->L, (lua_Integer)d);
	else
		lua_pushnumber(r->L, d);
	r->s = end;
	return 0;
}

static int array(reader *r, int depth)
{
	lua_Integer i = 0;

	r->s++;
	lua_newtable(r->L);
	skip_ws(r);
	if (*r->s == ']')
		return r->s++, 0;
	for (;;) {
		if (value(r, depth + 1) < 0)
			return -1;
		if (lua_isnil(r->L, -1)) { /* a hole would end the sequence */
			lua_pop(r->L, 1);
			lua_getfield(r->L, LUA_REGISTRYINDEX, "courseq.null");
		}
		lua_rawseti(r->L, -2, ++i);
		skip_ws(r);
		if (*r->s == ',') {
			r->s++;
			continue;
		}
		if (*r->s == ']')
			return r->s++, 0;
		r->err = "expected ',' or ']' in JSON";
		return -1;
	}
}

static int object(reader *r, int depth)
{
	r->s++;
	lua_newtable(r->L);
	skip_ws(r);
	if (*r->s == '}')
		return r->s++, 0;
	for (;;) {
		skip_ws(r);
		if (*r->s != '"' || string(r) < 0) {
			r->err = r->err ? r->err : "expected a key in JSON";
			return -1;
		}
		skip_ws(r);
		if (*r->s++ != ':') {
			r->err = "expected ':' in JSON";
			return -1;
		}
		if (value(r, depth + 1) < 0)
			return -1;
		lua_rawset(r->L, -3);
		skip_ws(r);
		if (*r->s == ',') {
			r->s++;
			continue;
		}
		if (*r->s == '}')
			return r->s++, 0;
		r->err = "expected ',' or '}' in JSON";
		return -1;
	}
}

static int literal(reader *r, const char *word, int type)
{
	size_t n = strlen(word);

	if (strncmp(r->s, word, n) != 0) {
		r->err = "unexpected word in JSON";
		return -1;
	}
	r->s += n;
	if (type == LUA_TNIL)
		lua_pushnil(r->L);
	else
		lua_pushboolean(r->L, word[0] == 't');
	return 0;
}

static int value(reader *r, int depth)
{
	if (depth > MAX_DEPTH) {
		r->err = "JSON nested too deeply";
		return -1;
	}
	luaL_checkstack(r->L, 4, "JSON");
	skip_ws(r);
	switch (*r->s) {
	case '{': return object(r, depth);
	case '[': return array(r, depth);
	case '"': return string(r);
	case 't': return literal(r, "true", LUA_TBOOLEAN);
	case 'f': return literal(r, "false", LUA_TBOOLEAN);
	case 'n': return literal(r, "null", LUA_TNIL);
	default: return number(r);
	}
}

int courseq_lua_json(lua_State *L, const char *json)
{
	reader r = {L, json, NULL};
	int top = lua_gettop(L);

	if (value(&r, 0) < 0) {
		lua_settop(L, top);
		lua_pushstring(L, r.err);
		return 0;
	}
	return 1;
}
