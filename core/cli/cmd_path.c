/* courseq path: one learning path to several lessons. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct path_opts {
	char **known;
	size_t nknown;
} path_opts;

/* --known takes a comma-separated list and may be given more than once. */
static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	path_opts *o = user;
	const char *p = arg;

	(void)c;
	if (opt != 'k')
		return EXIT_USAGE;
	while (*p) {
		size_t n = strcspn(p, ",");
		char **more = realloc(o->known, (o->nknown + 1) * sizeof(*more));

		if (!more)
			return cli_error("out of memory");
		o->known = more;
		if (n)
			o->known[o->nknown++] = strndup(p, n);
		p += n + (p[n] == ',');
	}
	return 0;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {{"known", required_argument, NULL, 'k'}, {0}};
	path_opts o = {NULL, 0};
	int first = cli_parse(c, &cmd_path, argc, argv, "k:", longopts, on_opt, &o), rc;
	courseq_path *p = NULL;
	char title[1024];
	size_t i;

	if (first < 0)
		rc = first == -1 ? EXIT_OK : -first;
	else if (first >= argc)
		rc = cli_usage(c, "path needs at least one lesson id");
	else
		rc = cli_open(c);
	if (first >= 0 && c->db && rc == EXIT_OK) {
		if (courseq_path_new(&p, c->db, (const char *const *)argv + first, (size_t)(argc - first),
				     (const char *const *)o.known, o.nknown, 0) != COURSEQ_OK) {
			rc = cli_api_error(c);
		} else {
			snprintf(title, sizeof(title), "Learning path to %d lesson%s%s", argc - first,
				 argc - first == 1 ? "" : "s", o.nknown ? ", without what is known" : "");
			rc = print_path(c, p, title, argc - first, argv + first);
		}
	}
	courseq_path_free(p);
	for (i = 0; i < o.nknown; i++)
		free(o.known[i]);
	free(o.known);
	return rc;
}

const cli_command cmd_path = {
	"path", run, "one learning path that reaches several lessons",
	"usage: courseq path [--known ID,...] ID...\n\n"
	"The learning path that reaches every lesson given: the union of their\n"
	"prerequisites, in an order that respects them all, with the total time.\n\n"
	"Options:\n"
	"  -k, --known ID,...  lessons the learner knows already: they and their\n"
	"                      own prerequisites are left out\n",
	NULL};
