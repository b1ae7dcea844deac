/* courseq graph: the prerequisite graph as Mermaid or DOT. */
#include <string.h>

#include "cli.h"

typedef struct graph_opts {
	const char *modules[64];
	size_t nmodules;
	int format;
} graph_opts;

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	graph_opts *o = user;

	if (opt == 'm' && o->nmodules < 64) {
		o->modules[o->nmodules++] = arg;
		return 0;
	}
	if (opt == 'f' && (strcmp(arg, "mermaid") == 0 || strcmp(arg, "dot") == 0)) {
		o->format = strcmp(arg, "dot") == 0 ? COURSEQ_GRAPH_DOT : COURSEQ_GRAPH_MERMAID;
		return 0;
	}
	if (opt == 'f')
		return cli_usage(c, "graph: --format is mermaid or dot, not '%s'", arg);
	return EXIT_USAGE;
}

/* --json: the graph as data, nodes and edges with their status. */
static int as_json(cli *c)
{
	courseq_rows *rows;
	int rc;

	if (cli_query(c, &rows,
		      "SELECT json_object('nodes', (SELECT json_group_array(json_object('id', id,"
		      " 'alias', alias, 'title', title, 'module', module, 'minutes', estimated_time))"
		      " FROM (SELECT * FROM lessons ORDER BY module_rank, module_dir, ord, id)),"
		      " 'edges', (SELECT json_group_array(json_object('from', k.target, 'to', l.id,"
		      " 'written', k.url, 'status', k.status, 'line', k.line)) FROM links k"
		      " JOIN lessons l USING (lesson) WHERE k.kind = 'prerequisite'))",
		      0) != EXIT_OK)
		return EXIT_PROBLEMS;
	rc = courseq_rows_next(rows) == COURSEQ_OK ? EXIT_OK : cli_api_error(c);
	if (rc == EXIT_OK)
		puts(courseq_rows_text(rows, 0));
	courseq_rows_free(rows);
	return rc;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"module", required_argument, NULL, 'm'}, {"format", required_argument, NULL, 'f'}, {0}};
	graph_opts o;
	int first, rc;
	char *out;

	memset(&o, 0, sizeof(o));
	first = cli_parse(c, &cmd_graph, argc, argv, "m:f:", longopts, on_opt, &o);
	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first < argc)
		return cli_usage(c, "graph takes no arguments; pick modules with --module");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (c->json)
		return as_json(c);
	if (courseq_graph(&out, c->db, o.modules, o.nmodules, o.format) != COURSEQ_OK)
		return cli_api_error(c);
	fputs(out, stdout);
	courseq_free(out);
	return EXIT_OK;
}

const cli_command cmd_graph = {
	"graph", run, "the prerequisite graph, for Mermaid or Graphviz",
	"usage: courseq graph [--module M]... [--format mermaid|dot]\n\n"
	"Prints the prerequisite graph: lessons grouped by module, an arrow from\n"
	"each prerequisite to the lesson that needs it. Broken edges (missing\n"
	"lessons, cycles, forward prerequisites) are drawn dashed in red. Mermaid\n"
	"(the default) can be pasted into a lesson; DOT goes to Graphviz.\n\n"
	"Options:\n"
	"  -m, --module M   only module M and what it needs (repeatable)\n"
	"  -f, --format F   mermaid (default) or dot\n",
	NULL};
