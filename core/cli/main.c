/* courseq: the command line. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_command *const commands[] = {
	&cmd_index, &cmd_list,  &cmd_show,  &cmd_search, &cmd_query,      &cmd_check,
	&cmd_links, &cmd_prereqs, &cmd_path, &cmd_dependents, &cmd_graph,  &cmd_run,
	&cmd_report,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char common_help[] =
	"Common options:\n"
	"  -C DIR           run as if started in DIR\n"
	"      --db PATH    the index file (default .courseq/index.db beside courseq.yaml)\n"
	"      --no-refresh answer from the index as it is, without reading the lessons\n"
	"      --json       print JSON for tools instead of text for people\n"
	"  -h, --help       show this help\n";

int cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("courseq: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_PROBLEMS;
}

int cli_usage(const cli *c, const char *fmt, ...)
{
	va_list ap;

	fputs("courseq: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'courseq %s%s--help'.\n", c->command ? c->command : "",
		c->command ? " " : "");
	return EXIT_USAGE;
}

int cli_api_error(const cli *c)
{
	return cli_error("%s", courseq_errmsg(c->db));
}

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: courseq [-C DIR] [--db PATH] [--no-refresh] COMMAND [ARGS]\n\n"
	      "courseq indexes a course of MDX lessons and answers questions about it.\n\n"
	      "Commands:\n",
	      f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nRun 'courseq COMMAND --help' for a command's options.\n\n", f);
	fputs(common_help, f);
}

enum { OPT_DB = 1000, OPT_NO_REFRESH, OPT_JSON };

static const struct option common_long[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"no-refresh", no_argument, NULL, OPT_NO_REFRESH},
	{"json", no_argument, NULL, OPT_JSON},
	{"help", no_argument, NULL, 'h'},
};
#define NCOMMON (sizeof(common_long) / sizeof(common_long[0]))

static int common_option(cli *c, int opt, const char *arg)
{
	switch (opt) {
	case 'C': c->dir = arg; return 0;
	case OPT_DB: c->db_path = arg; return 0;
	case OPT_NO_REFRESH: c->no_refresh = 1; return 0;
	case OPT_JSON: c->json = 1; return 0;
	default: return -1;
	}
}

int cli_parse(cli *c, const cli_command *cmd, int argc, char **argv, const char *shortopts,
	      const struct option *longopts, cli_opt_fn on_opt, void *user)
{
	struct option all[64];
	char shorts[64];
	size_t n = 0, i;
	int opt;

	for (; longopts && longopts[n].name && n < 64 - NCOMMON - 1; n++)
		all[n] = longopts[n];
	for (i = 0; i < NCOMMON; i++)
		all[n++] = common_long[i];
	memset(&all[n], 0, sizeof(all[n]));
	/* A leading '+' (stop at the first operand) must lead the whole list. */
	if (shortopts && shortopts[0] == '+')
		snprintf(shorts, sizeof(shorts), "+hC:%s", shortopts + 1);
	else
		snprintf(shorts, sizeof(shorts), "hC:%s", shortopts ? shortopts : "");
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		if (opt == 'h') {
			fputs(cmd->help, stdout);
			if (cmd->more_help)
				cmd->more_help(stdout);
			printf("\n%s", common_help);
			return -1;
		}
		if (opt == '?' || opt == ':') {
			if (optopt)
				return -cli_usage(c, "%s: option -%c %s", cmd->name, optopt,
						  strchr(shorts, optopt) ? "needs a value" : "is unknown");
			return -cli_usage(c, "%s: option '%s' is unknown or needs a value", cmd->name,
					  argv[optind - 1]);
		}
		if (common_option(c, opt, optarg) == 0)
			continue;
		if (!on_opt || on_opt(c, opt, optarg, user) != 0)
			return -EXIT_USAGE;
	}
	return optind;
}

int cli_open(cli *c)
{
	courseq_options o = {c->dir, c->db_path,
			     c->no_refresh == 2 ? COURSEQ_OPEN_NO_REFRESH
			     : c->no_refresh ? COURSEQ_OPEN_STALE_OK
					     : 0};
	int rc = courseq_db_open(&c->db, &o);

	if (rc != COURSEQ_OK) {
		cli_api_error(c);
		courseq_db_close(c->db);
		c->db = NULL;
		return EXIT_PROBLEMS;
	}
	return EXIT_OK;
}

void cli_close(cli *c)
{
	courseq_db_close(c->db);
	c->db = NULL;
}

/* Global options before the command: -C, --db, --no-refresh. */
static int global_options(cli *c, int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];

		if (strcmp(a, "-C") == 0 && i + 1 < argc)
			c->dir = argv[++i];
		else if (strncmp(a, "-C", 2) == 0 && a[2])
			c->dir = a + 2;
		else if (strcmp(a, "--db") == 0 && i + 1 < argc)
			c->db_path = argv[++i];
		else if (strncmp(a, "--db=", 5) == 0)
			c->db_path = a + 5;
		else if (strcmp(a, "--no-refresh") == 0)
			c->no_refresh = 1;
		else if (strcmp(a, "--json") == 0)
			c->json = 1;
		else
			break;
		i++;
	}
	return i;
}

int main(int argc, char **argv)
{
	cli c = {0};
	int first = global_options(&c, argc, argv);
	size_t i;

	if (first >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[first], "-h") == 0 || strcmp(argv[first], "--help") == 0 ||
	    strcmp(argv[first], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[first], "--version") == 0 || strcmp(argv[first], "version") == 0) {
		printf("courseq %s\n", courseq_version());
		return EXIT_OK;
	}
	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[first], commands[i]->name) == 0) {
			int rc;

			c.command = commands[i]->name;
			rc = commands[i]->run(&c, argc - first, argv + first);
			cli_close(&c);
			return rc;
		}
	}
	fprintf(stderr, "courseq: '%s' is not a command; the commands are:", argv[first]);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(stderr, " %s", commands[i]->name);
	fputs("\nTry 'courseq --help'.\n", stderr);
	return EXIT_USAGE;
}
