/* courseq index: bring the index up to date, or rebuild it. */
#include <string.h>

#include "cli.h"

typedef struct index_opts {
	unsigned flags;
	int verbose;
} index_opts;

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	index_opts *o = user;

	(void)c, (void)arg;
	if (opt == 'f')
		o->flags |= COURSEQ_REFRESH_FULL;
	else if (opt == 'v')
		o->verbose = 1;
	else
		return EXIT_USAGE;
	return 0;
}

static long count_problems(const cli *c, const char *severity)
{
	courseq_rows *rows;
	long n = -1;

	if (cli_query(c, &rows, "SELECT count(*) FROM diagnostics WHERE severity = ?1", 1,
		      severity) != EXIT_OK)
		return -1;
	if (courseq_rows_next(rows) == COURSEQ_OK)
		n = (long)courseq_rows_int(rows, 0);
	courseq_rows_free(rows);
	return n;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"full", no_argument, NULL, 'f'}, {"verbose", no_argument, NULL, 'v'}, {0}};
	courseq_refresh_stats st;
	index_opts o = {0, 0};
	int first = cli_parse(c, &cmd_index, argc, argv, "fv", longopts, on_opt, &o), rc;
	long errors, warnings;

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first < argc)
		return cli_usage(c, "index takes no arguments");
	c->no_refresh = 2; /* the refresh below is the command */
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (courseq_db_refresh(c->db, o.flags, &st) != COURSEQ_OK)
		return cli_api_error(c);
	errors = count_problems(c, "error");
	warnings = count_problems(c, "warning");
	if (c->json) {
		printf("{\"lessons\": %u, \"parsed\": %u, \"unchanged\": %u, \"removed\": %u,"
		       " \"seconds\": %.6f, \"errors\": %ld, \"warnings\": %ld, \"index\": ",
		       st.lessons, st.parsed, st.unchanged, st.removed, st.seconds, errors, warnings);
		out_json_string(stdout, courseq_db_index_path(c->db));
		puts("}");
		return EXIT_OK;
	}
	printf("indexed %u lessons: %u parsed, %u unchanged, %u removed in %.0f ms\n", st.lessons,
	       st.parsed, st.unchanged, st.removed, st.seconds * 1000);
	if (o.verbose)
		printf("  %.1f ms finding files, %.1f ms reading and parsing, %.1f ms analysing, %.1f ms committing\n",
		       st.seconds_walk * 1000, st.seconds_parse * 1000, st.seconds_analyze * 1000,
		       st.seconds_commit * 1000);
	if (errors > 0 || warnings > 0)
		printf("%ld errors, %ld warnings in the lessons: see 'courseq check'\n", errors, warnings);
	return EXIT_OK;
}

const cli_command cmd_index = {
	"index", run, "bring the index up to date with the lesson files",
	"usage: courseq index [--full]\n\n"
	"Reads the lessons that changed since the last run (all of them the first\n"
	"time) into the index. Every other command does this first by itself.\n\n"
	"Options:\n"
	"  -f, --full       rebuild the whole index\n"
	"  -v, --verbose    also how long each phase took\n",
	NULL};
