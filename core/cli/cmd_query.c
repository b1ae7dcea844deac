/* courseq query: read-only SQL against the index. */
#include <string.h>

#include "cli.h"

typedef struct query_opts {
	out_format fmt;
	const char *params[32];
	int nparams;
} query_opts;

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	query_opts *o = user;

	switch (opt) {
	case 'T': o->fmt = OUT_TSV; return 0;
	case 'p':
		if (o->nparams == 32)
			return cli_usage(c, "query: at most 32 parameters");
		o->params[o->nparams++] = arg;
		return 0;
	default: return EXIT_USAGE;
	}
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"tsv", no_argument, NULL, 'T'},
		{"param", required_argument, NULL, 'p'},
		{0}};
	query_opts o = {OUT_TABLE, {0}, 0};
	int first = cli_parse(c, &cmd_query, argc, argv, "p:", longopts, on_opt, &o), rc, i;
	courseq_rows *rows;

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first != argc - 1)
		return cli_usage(c, "query takes one SQL statement (quote it)");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (courseq_query(&rows, c->db, argv[first]) != COURSEQ_OK)
		return cli_api_error(c);
	for (i = 0; i < o.nparams; i++)
		courseq_rows_bind_text(rows, i + 1, o.params[i]);
	rc = out_rows(c, rows, c->json ? OUT_JSON : o.fmt);
	courseq_rows_free(rows);
	return rc;
}

const cli_command cmd_query = {
	"query", run, "run a read-only SQL query against the index",
	"usage: courseq query [--tsv] [-p VALUE]... SQL\n\n"
	"Runs one SQL statement on the index, read-only (see core/schema.sql for the\n"
	"tables: lessons, headings, links, prerequisites, topics, components, ...).\n"
	"Statements that write, ATTACH and setting pragmas are refused.\n\n"
	"Example:\n"
	"  courseq query \"SELECT module, sum(estimated_time) FROM lessons GROUP BY module\"\n\n"
	"Options:\n"
	"  -p, --param VALUE  bind VALUE to the next ?N parameter\n"
	"      --tsv          tab-separated values\n",
	NULL};
