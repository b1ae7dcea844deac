/* The courseq Lua module: `require "courseq"` under lua5.4, and the same
 * code inside `courseq run`. */
#ifndef COURSEQ_LUA_H
#define COURSEQ_LUA_H

#include <lua.h>

#include "courseq.h"

#define COURSEQ_LUA_DB "courseq.db"
#define COURSEQ_LUA_EDIT "courseq.edit"

COURSEQ_API int luaopen_courseq(lua_State *L);

/* Pushes a db object for an open handle. With owned set, the object closes
 * the handle when it is closed or collected; otherwise the caller does,
 * after the state is closed (courseq run lends its handle to the script). */
void courseq_lua_push_db(lua_State *L, courseq_db *db, int owned);

/* Decodes JSON text onto the stack as a Lua value (objects and arrays as
 * tables, null as nil in objects and courseq.null in arrays). Returns 1,
 * or 0 with an error message pushed. */
int courseq_lua_json(lua_State *L, const char *json);

/* The edit object (edit_lua.c). */
void courseq_lua_edit_register(lua_State *L);
int courseq_lua_new_edit(lua_State *L, int db_index, courseq_db *db);

/* Checks that the value at i is an open db and returns its handle. */
courseq_db *courseq_lua_check_db(lua_State *L, int i);

/* The usual runtime failure: nil and the message; returns 2. */
int courseq_lua_fail(lua_State *L, const char *msg);

#endif
