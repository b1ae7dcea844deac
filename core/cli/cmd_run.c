/* courseq run and courseq report: Lua scripts with the course at hand. */
#include <dirent.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "courseq_lua.h"

#ifndef COURSEQ_SHARE_DIR
#define COURSEQ_SHARE_DIR "/usr/local/share/courseq"
#endif

typedef struct run_opts {
	int sandbox, dry_run, list;
} run_opts;

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	run_opts *o = user;

	(void)c, (void)arg;
	switch (opt) {
	case 's': o->sandbox = 1; return 0;
	case 'n': o->dry_run = 1; return 0;
	case 'l': o->list = 1; return 0;
	default: return EXIT_USAGE;
	}
}

static const struct option run_longopts[] = {{"sandbox", no_argument, NULL, 's'},
					      {"dry-run", no_argument, NULL, 'n'},
					      {"list", no_argument, NULL, 'l'},
					      {0}};

/* ---- the sandbox ---- */

/* load() of text only: a binary chunk can break out of the VM's checks. */
static int text_load(lua_State *L)
{
	int n = lua_gettop(L);

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_settop(L, 4 < n + 1 ? n + 1 : 4);
	lua_pushliteral(L, "t");
	lua_replace(L, 4);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* courseq.frontmatter, for files inside the course only. */
static int course_frontmatter(lua_State *L)
{
	const char *root = lua_tostring(L, lua_upvalueindex(1));
	const char *path = luaL_checkstring(L, 1);
	char *real = realpath(path, NULL), *json, err[512];
	size_t n = strlen(root);
	int inside = real && strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');

	free(real);
	if (!inside)
		return courseq_lua_fail(L, "the sandbox reads only files inside the course");
	if (courseq_frontmatter_json(&json, path, err, sizeof(err)) != COURSEQ_OK)
		return courseq_lua_fail(L, err);
	if (!courseq_lua_json(L, json)) {
		free(json);
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	free(json);
	return 1;
}

static void sandbox(lua_State *L, const char *root)
{
	static const char *const gone[] = {"io", "os", "package", "require", "dofile", "loadfile",
					   "debug", NULL};
	char *real = realpath(root, NULL);
	size_t i;

	for (i = 0; gone[i]; i++) {
		lua_pushnil(L);
		lua_setglobal(L, gone[i]);
	}
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	for (i = 0; gone[i]; i++) {
		lua_pushnil(L);
		lua_setfield(L, -2, gone[i]);
	}
	lua_pop(L, 1);
	lua_getglobal(L, "load");
	lua_pushcclosure(L, text_load, 1);
	lua_setglobal(L, "load");
	lua_getglobal(L, "courseq");
	lua_pushnil(L);
	lua_setfield(L, -2, "open");
	lua_pushstring(L, real ? real : root);
	lua_pushcclosure(L, course_frontmatter, 1);
	lua_setfield(L, -2, "frontmatter");
	lua_pop(L, 1);
	free(real);
}

/* ---- running ---- */

static int traceback(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (!msg)
		msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	luaL_traceback(L, L, msg, 1);
	return 1;
}

static int run_script(cli *c, const run_opts *o, const char *script, int argc, char **argv)
{
	lua_State *L = luaL_newstate();
	int i, status, rc = EXIT_OK;

	if (!L)
		return cli_error("out of memory");
	luaL_openlibs(L);
	luaL_requiref(L, "courseq", luaopen_courseq, 1);
	courseq_lua_push_db(L, c->db, 0);
	lua_setfield(L, -2, "db");
	lua_pushboolean(L, o->dry_run);
	lua_setfield(L, -2, "dry_run");
	lua_pushboolean(L, 1);
	lua_setfield(L, -2, "embedded");
	lua_pop(L, 1);
	if (o->sandbox)
		sandbox(L, courseq_db_root(c->db));
	lua_createtable(L, argc, 1); /* arg, as lua5.4 makes it */
	lua_pushstring(L, script);
	lua_rawseti(L, -2, 0);
	for (i = 0; i < argc; i++) {
		lua_pushstring(L, argv[i]);
		lua_rawseti(L, -2, i + 1);
	}
	lua_setglobal(L, "arg");
	lua_pushcfunction(L, traceback);
	status = luaL_loadfilex(L, script, o->sandbox ? "t" : "bt");
	if (status == LUA_OK) {
		for (i = 0; i < argc; i++)
			lua_pushstring(L, argv[i]);
		status = lua_pcall(L, argc, 1, 1);
	}
	if (status != LUA_OK) {
		fprintf(stderr, "%s\n", lua_tostring(L, -1));
		rc = EXIT_PROBLEMS;
	} else if (lua_isinteger(L, -1)) {
		rc = (int)lua_tointeger(L, -1); /* a script may return its exit status */
	} else if (lua_isboolean(L, -1) && !lua_toboolean(L, -1)) {
		rc = EXIT_PROBLEMS;
	}
	fflush(stdout);
	lua_close(L);
	return rc;
}

static int run(cli *c, int argc, char **argv)
{
	run_opts o = {0, 0, 0};
	int first = cli_parse(c, &cmd_run, argc, argv, "+sn", run_longopts, on_opt, &o), rc;

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first >= argc)
		return cli_usage(c, "run needs a Lua script");
	if (access(argv[first], R_OK) != 0)
		return cli_error("cannot read the script %s", argv[first]);
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	return run_script(c, &o, argv[first], argc - first - 1, argv + first + 1);
}

const cli_command cmd_run = {
	"run", run, "run a Lua script against the course",
	"usage: courseq run [--sandbox] [--dry-run] SCRIPT.lua [ARGS...]\n\n"
	"Runs a Lua 5.4 script with the module 'courseq' loaded and courseq.db, the\n"
	"course's index, open and up to date; ARGS are in 'arg' and '...' as lua5.4\n"
	"gives them. A script that returns a number exits with it. An error prints\n"
	"script:line: message and a traceback, and exits 1.\n\n"
	"Options:\n"
	"      --sandbox    no io, os, require, or binary chunks: only the courseq\n"
	"                   API and the pure standard library\n"
	"  -n, --dry-run    edits print their diff and write nothing\n",
	NULL};

/* ---- reports: scripts found by name ---- */

static int script_dirs(cli *c, char dirs[][1024], int max)
{
	char exe[960];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int k = 0;

	if (c->db && k < max)
		snprintf(dirs[k++], 1024, "%.1000s/scripts", courseq_db_root(c->db));
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		if (k < max)
			snprintf(dirs[k++], 1024, "%s/../scripts", exe);
		if (k < max)
			snprintf(dirs[k++], 1024, "%s/../share/courseq/scripts", exe);
	}
	if (k < max)
		snprintf(dirs[k++], 1024, "%s/scripts", COURSEQ_SHARE_DIR);
	return k;
}

/* A script's first comment line says what it does. */
static void description(const char *path, char *out, size_t n)
{
	FILE *f = fopen(path, "r");
	char line[512];

	snprintf(out, n, "(no description)");
	while (f && fgets(line, sizeof(line), f)) {
		if (line[0] == '#' && line[1] == '!')
			continue;
		if (strncmp(line, "--", 2) == 0) {
			char *s = line + 2 + strspn(line + 2, "- ");

			s[strcspn(s, "\n")] = '\0';
			snprintf(out, n, "%s", s);
		}
		break;
	}
	if (f)
		fclose(f);
}

static int list_reports(cli *c)
{
	char dirs[4][1024], seen[4096] = " ", desc[512], path[4400];
	int k = script_dirs(c, dirs, 4), i;

	for (i = 0; i < k; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;

		while (d && (e = readdir(d)) != NULL) {
			size_t n = strlen(e->d_name);
			char key[300];

			if (n < 5 || strcmp(e->d_name + n - 4, ".lua") != 0)
				continue;
			snprintf(key, sizeof(key), " %.*s ", (int)(n - 4), e->d_name);
			if (strstr(seen, key))
				continue;
			if (strlen(seen) + strlen(key) < sizeof(seen))
				strcat(seen, key + 1);
			snprintf(path, sizeof(path), "%s/%.255s", dirs[i], e->d_name);
			description(path, desc, sizeof(desc));
			printf("%-22.*s %s\n", (int)(n - 4), e->d_name, desc);
		}
		if (d)
			closedir(d);
	}
	return EXIT_OK;
}

static int report(cli *c, int argc, char **argv)
{
	run_opts o = {0, 0, 0};
	int first = cli_parse(c, &cmd_report, argc, argv, "+snl", run_longopts, on_opt, &o), rc, k, i;
	char dirs[4][1024], path[4400];

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (!o.list && first >= argc)
		return cli_usage(c, "report needs a report name (see courseq report --list)");
	if (o.list) {
		/* The course's own scripts when there is a course; the
		 * installed ones anywhere. */
		courseq_options opts = {c->dir, c->db_path, COURSEQ_OPEN_STALE_OK};

		if (courseq_db_open(&c->db, &opts) != COURSEQ_OK) {
			courseq_db_close(c->db);
			c->db = NULL;
		}
		return list_reports(c);
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	k = script_dirs(c, dirs, 4);
	for (i = 0; i < k; i++) {
		snprintf(path, sizeof(path), "%s/%.255s.lua", dirs[i], argv[first]);
		if (access(path, R_OK) == 0)
			return run_script(c, &o, path, argc - first - 1, argv + first + 1);
	}
	return cli_error("no report '%s'; see courseq report --list", argv[first]);
}

const cli_command cmd_report = {
	"report", report, "run a report script by name (scripts/NAME.lua)",
	"usage: courseq report [--sandbox] [--dry-run] NAME [ARGS...]\n"
	"       courseq report --list\n\n"
	"Runs scripts/NAME.lua as 'courseq run' does, looked up in the course's\n"
	"scripts/ folder and then in courseq's installed scripts.\n\n"
	"Options:\n"
	"  -l, --list       the reports there are, with what each does\n"
	"      --sandbox    as for courseq run\n"
	"  -n, --dry-run    as for courseq run\n",
	NULL};
