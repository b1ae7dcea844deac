/* courseq search: full-text search over titles, headings and text. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	char *end;

	if (opt != 'n')
		return EXIT_USAGE;
	*(int *)user = (int)strtol(arg, &end, 10);
	if (*end || *(int *)user <= 0)
		return cli_usage(c, "search: --limit needs a positive number, not '%s'", arg);
	return 0;
}

static char *join_args(int argc, char **argv)
{
	size_t n = 1;
	char *s;
	int i;

	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	s = malloc(n);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

static int print_hits(const cli *c, courseq_rows *rows)
{
	int rc, n = 0;

	while ((rc = courseq_rows_next(rows)) == COURSEQ_OK) {
		const char *title = courseq_rows_text(rows, 1);

		printf("%s  %s\n    %s\n", courseq_rows_text(rows, 0), title ? title : "",
		       courseq_rows_text(rows, 2));
		n++;
	}
	if (rc != COURSEQ_ITEROVER)
		return cli_api_error(c);
	if (n == 0) {
		fputs("no lesson matches\n", stderr);
		return EXIT_PROBLEMS;
	}
	return EXIT_OK;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {{"limit", required_argument, NULL, 'n'}, {0}};
	int limit = 20;
	int first = cli_parse(c, &cmd_search, argc, argv, "n:", longopts, on_opt, &limit), rc;
	courseq_rows *rows;
	char *text;

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first >= argc)
		return cli_usage(c, "search needs the text to look for");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	text = join_args(argc - first, argv + first);
	if (!text)
		return cli_error("out of memory");
	rc = courseq_search(&rows, c->db, text, limit);
	free(text);
	if (rc != COURSEQ_OK)
		return cli_api_error(c);
	rc = c->json ? out_rows(c, rows, OUT_JSON) : print_hits(c, rows);
	courseq_rows_free(rows);
	return rc;
}

const cli_command cmd_search = {
	"search", run, "find lessons by words in their title, headings or text",
	"usage: courseq search [--limit N] TEXT...\n\n"
	"Full-text search (SQLite FTS5; Russian and English, any case). Plain words\n"
	"must all occur; FTS5 syntax (\"exact phrase\", OR, NOT, prefix*) works too.\n"
	"Each hit shows the lesson id, its title and the matching text.\n\n"
	"Options:\n"
	"  -n, --limit N    at most N lessons (default 20)\n",
	NULL};
