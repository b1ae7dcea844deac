/* courseq list: the lessons in course order. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct list_opts {
	const char *module, *difficulty, *topic;
	out_format fmt;
} list_opts;

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	list_opts *o = user;

	(void)c;
	switch (opt) {
	case 'm': o->module = arg; return 0;
	case 'd': o->difficulty = arg; return 0;
	case 't': o->topic = arg; return 0;
	case 'T': o->fmt = OUT_TSV; return 0;
	default: return EXIT_USAGE;
	}
}

/* A module is its number (7), folder (07-module-7) or alias (module-7). */
#define LIST_WHERE                                                                       \
	" WHERE (?1 IS NULL OR module_dir = ?1 OR CAST(module AS TEXT) = ?1"             \
	"        OR substr(module_dir, instr(module_dir, '-') + 1) = ?1)"               \
	" AND (?2 IS NULL OR difficulty = ?2)"                                           \
	" AND (?3 IS NULL OR lesson IN (SELECT lesson FROM topics"                       \
	"      WHERE topic = ?3 COLLATE NOCASE))"
#define LIST_ORDER " ORDER BY module_rank, module_dir, ord IS NULL, ord, id"

static const char table_sql[] =
	"SELECT id, title, difficulty, estimated_time AS minutes FROM lessons" LIST_WHERE
		LIST_ORDER;

static const char json_sql[] =
	"SELECT json_group_array(json_object('id', id, 'alias', alias, 'path', path,"
	" 'module', module, 'order', ord, 'title', title, 'difficulty', difficulty,"
	" 'estimatedTime', estimated_time, 'lines', lines,"
	" 'topics', (SELECT json_group_array(topic) FROM topics t WHERE t.lesson = l.lesson),"
	" 'prerequisites', (SELECT json_group_array(target) FROM prerequisites p"
	"   WHERE p.lesson = l.lesson)))"
	" FROM (SELECT * FROM lessons" LIST_WHERE LIST_ORDER ") l";

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"module", required_argument, NULL, 'm'},
		{"difficulty", required_argument, NULL, 'd'},
		{"topic", required_argument, NULL, 't'},
		{"tsv", no_argument, NULL, 'T'},
		{0}};
	list_opts o = {NULL, NULL, NULL, OUT_TABLE};
	int first = cli_parse(c, &cmd_list, argc, argv, "m:d:t:", longopts, on_opt, &o), rc;
	courseq_rows *rows;

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first < argc)
		return cli_usage(c, "list takes no arguments; filter with --module, --difficulty, --topic");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (cli_query(c, &rows, c->json ? json_sql : table_sql, 3, o.module, o.difficulty,
		      o.topic) != EXIT_OK)
		return EXIT_PROBLEMS;
	if (c->json) {
		rc = courseq_rows_next(rows) == COURSEQ_OK ? EXIT_OK : cli_api_error(c);
		if (rc == EXIT_OK)
			puts(courseq_rows_text(rows, 0));
	} else {
		rc = out_rows(c, rows, o.fmt);
	}
	courseq_rows_free(rows);
	return rc;
}

const cli_command cmd_list = {
	"list", run, "list the lessons in course order",
	"usage: courseq list [--module M] [--difficulty D] [--topic T] [--tsv]\n\n"
	"Lists lessons in course order: module, then the frontmatter 'order'.\n\n"
	"Options:\n"
	"  -m, --module M      only module M (7, module-7 or 07-module-7)\n"
	"  -d, --difficulty D  only lessons of difficulty D\n"
	"  -t, --topic T       only lessons with topic T (any case)\n"
	"      --tsv           tab-separated values\n",
	NULL};
