/* courseq dependents: what requires a lesson. */
#include <stdio.h>

#include "cli.h"

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	(void)c, (void)arg;
	if (opt != 'a')
		return EXIT_USAGE;
	*(int *)user = 1;
	return 0;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {{"all", no_argument, NULL, 'a'}, {0}};
	int all = 0, first = cli_parse(c, &cmd_dependents, argc, argv, "a", longopts, on_opt, &all), rc;
	courseq_path *p;
	char title[512];

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first != argc - 1)
		return cli_usage(c, "dependents takes one lesson id, such as module-2/03");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (courseq_dependents_new(&p, c->db, argv[first], all ? 0 : COURSEQ_PATH_DIRECT) != COURSEQ_OK)
		return cli_api_error(c);
	snprintf(title, sizeof(title), "%s %s", all ? "Lessons that need, directly or not," : "Lessons that require",
		 argv[first]);
	rc = print_lessons(c, p, title, 1, argv + first);
	courseq_path_free(p);
	return rc;
}

const cli_command cmd_dependents = {
	"dependents", run, "the lessons that require a lesson",
	"usage: courseq dependents [--all] ID\n\n"
	"Lists the lessons whose prerequisites name ID, in course order: what a\n"
	"change to ID can affect.\n\n"
	"Options:\n"
	"  -a, --all        also the lessons that need it through others\n",
	NULL};
