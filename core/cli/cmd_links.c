/* courseq links: a lesson's links with their status, or its backlinks. */
#include <string.h>

#include "cli.h"

typedef struct links_opts {
	int to, broken;
	out_format fmt;
} links_opts;

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	links_opts *o = user;

	(void)c, (void)arg;
	switch (opt) {
	case 't': o->to = 1; return 0;
	case 'b': o->broken = 1; return 0;
	case 'T': o->fmt = OUT_TSV; return 0;
	default: return EXIT_USAGE;
	}
}

#define BROKEN                                                                           \
	" k.status NOT IN ('ok', 'external', 'page', 'package', 'forward', 'redundant')"

static const char out_sql[] =
	"SELECT k.line, k.col AS \"column\", k.kind, k.url, k.status, k.target"
	" FROM links k JOIN lessons l USING (lesson)"
	" WHERE l.id = ?1 AND (?2 IS NULL OR" BROKEN ") ORDER BY k.line, k.col, k.seq";

static const char to_sql[] =
	"SELECT s.id AS lesson, k.line, k.col AS \"column\", k.kind, k.url, k.status"
	" FROM links k JOIN lessons s USING (lesson)"
	" WHERE k.target = ?1 AND (?2 IS NULL OR" BROKEN ")"
	" ORDER BY s.module_rank, s.module_dir, s.ord, s.id, k.line";

static const char all_broken_sql[] =
	"SELECT s.id AS lesson, k.line, k.col AS \"column\", k.kind, k.url, k.status"
	" FROM links k JOIN lessons s USING (lesson) WHERE ?1 IS NULL AND ?2 IS NOT NULL AND" BROKEN
	" ORDER BY s.module_rank, s.module_dir, s.ord, s.id, k.line";

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {{"to", no_argument, NULL, 't'},
						 {"broken", no_argument, NULL, 'b'},
						 {"tsv", no_argument, NULL, 'T'},
						 {0}};
	links_opts o = {0, 0, OUT_TABLE};
	int first = cli_parse(c, &cmd_links, argc, argv, "tb", longopts, on_opt, &o), rc;
	courseq_lesson *l = NULL;
	courseq_rows *rows;
	const char *sql = o.to ? to_sql : out_sql;

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first == argc && !o.broken)
		return cli_usage(c, "links needs a lesson id (or --broken for all broken links)");
	if (first < argc - 1)
		return cli_usage(c, "links takes one lesson id");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (first < argc && courseq_lesson_lookup(&l, c->db, argv[first]) != COURSEQ_OK)
		return cli_api_error(c);
	if (!l)
		sql = all_broken_sql;
	rc = cli_query(c, &rows, sql, 2, l ? courseq_lesson_id(l) : NULL, o.broken ? "1" : NULL);
	if (rc == EXIT_OK) {
		rc = out_rows(c, rows, c->json ? OUT_JSON : o.fmt);
		courseq_rows_free(rows);
	}
	courseq_lesson_free(l);
	return rc;
}

const cli_command cmd_links = {
	"links", run, "a lesson's links and their status, or what links to it",
	"usage: courseq links [--to] [--broken] [ID]\n\n"
	"Lists the links, images, imports and prerequisites of lesson ID with where\n"
	"each goes and its status (ok, external, broken-link, broken-anchor,\n"
	"alias-link, ...).\n\n"
	"Options:\n"
	"  -t, --to         the links to ID from other lessons (backlinks)\n"
	"  -b, --broken     only broken ones; without ID, every broken link\n"
	"      --tsv        tab-separated values\n",
	NULL};
