/* courseq show: everything courseq knows about one lesson. */
#include <string.h>

#include "cli.h"

#define BY_ID " JOIN lessons l USING (lesson) WHERE l.id = ?1"

/* Prints each row of sql (run with the lesson id) through fmt's columns:
 * a header with the count, then one indented line per row. */
static int section(const cli *c, const char *title, const char *id, const char *sql,
		   void (*line)(courseq_rows *))
{
	courseq_rows *rows;
	int rc, n = 0;

	if (cli_query(c, &rows, sql, 1, id) != EXIT_OK)
		return EXIT_PROBLEMS;
	while ((rc = courseq_rows_next(rows)) == COURSEQ_OK) {
		if (n++ == 0)
			printf("\n%s\n", title);
		line(rows);
	}
	courseq_rows_free(rows);
	return rc == COURSEQ_ITEROVER ? EXIT_OK : cli_api_error(c);
}

static const char *text(courseq_rows *r, int i)
{
	const char *s = courseq_rows_text(r, i);

	return s ? s : "";
}

static void heading_line(courseq_rows *r)
{
	int depth = (int)courseq_rows_int(r, 0);

	printf("  %5s  %.*s %s  #%s\n", text(r, 3), depth, "######", text(r, 1), text(r, 2));
}

static void link_line(courseq_rows *r)
{
	printf("  %5s  %-12s %s%s%s\n", text(r, 0), text(r, 1), text(r, 2),
	       courseq_rows_text(r, 3) ? "  " : "", text(r, 3));
}

static void count_line(courseq_rows *r)
{
	printf("  %s\n", text(r, 0));
}

static void diag_line(courseq_rows *r)
{
	printf("  %s:%s: %s: %s [%s]\n", text(r, 0), text(r, 1), text(r, 2), text(r, 3),
	       text(r, 4));
}

static void print_number(const char *label, double v, const char *unit)
{
	if (v >= 0)
		printf(" · %s%g%s", label, v, unit);
}

static int human(const cli *c, const courseq_lesson *l)
{
	const char *id = courseq_lesson_id(l);
	int rc = EXIT_OK;

	printf("%s\n", courseq_lesson_title(l) ? courseq_lesson_title(l) : "(no title)");
	printf("  id     %s\n  alias  %s\n  path   %s\n", id, courseq_lesson_alias(l),
	       courseq_lesson_path(l));
	printf("  module %d", courseq_lesson_module(l));
	print_number("order ", courseq_lesson_order(l), "");
	if (courseq_lesson_difficulty(l))
		printf(" · %s", courseq_lesson_difficulty(l));
	print_number("", courseq_lesson_estimated_time(l), " min");
	putchar('\n');
	if (courseq_lesson_description(l))
		printf("  %s\n", courseq_lesson_description(l));
	if (rc == EXIT_OK)
		rc = section(c, "Prerequisites", id,
			     "SELECT target FROM prerequisites" BY_ID " ORDER BY seq", count_line);
	if (rc == EXIT_OK)
		rc = section(c, "Headings", id,
			     "SELECT depth, text, slug, line FROM headings" BY_ID " ORDER BY seq",
			     heading_line);
	if (rc == EXIT_OK)
		rc = section(c, "Links", id,
			     "SELECT k.line, kind, url, status FROM links k" BY_ID
			     " AND kind <> 'prerequisite' ORDER BY k.line, k.col",
			     link_line);
	if (rc == EXIT_OK)
		rc = section(c, "Structure", id,
			     "SELECT count(*) || ' × <' || name || '>' FROM components" BY_ID
			     " GROUP BY name UNION ALL"
			     " SELECT count(*) || ' × ```' || CASE lang WHEN '' THEN '(no language)'"
			     " ELSE lang END FROM code_blocks" BY_ID " GROUP BY lang UNION ALL"
			     " SELECT count(*) || ' × table' FROM tables" BY_ID " HAVING count(*) UNION ALL"
			     " SELECT 'Mermaid ' || type || ' (' || form || ') at line ' || d.line"
			     " FROM diagrams d" BY_ID,
			     count_line);
	if (rc == EXIT_OK)
		rc = section(c, "Diagnostics", id,
			     "SELECT d.path, d.line, severity, message, code FROM diagnostics d" BY_ID
			     " ORDER BY d.line, d.col",
			     diag_line);
	return rc;
}

static int run(cli *c, int argc, char **argv)
{
	int first = cli_parse(c, &cmd_show, argc, argv, NULL, NULL, NULL, NULL), rc;
	courseq_lesson *l;

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first != argc - 1)
		return cli_usage(c, "show takes one lesson id, such as module-7/04");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (courseq_lesson_lookup(&l, c->db, argv[first]) != COURSEQ_OK)
		return cli_api_error(c);
	if (c->json) {
		char *json;

		rc = courseq_lesson_json(&json, c->db, l) == COURSEQ_OK ? EXIT_OK : cli_api_error(c);
		if (rc == EXIT_OK)
			puts(json);
		courseq_free(json);
	} else {
		rc = human(c, l);
	}
	courseq_lesson_free(l);
	return rc;
}

const cli_command cmd_show = {
	"show", run, "show one lesson: frontmatter, headings, links, structure",
	"usage: courseq show ID\n\n"
	"Shows what courseq knows about a lesson. ID is the lesson's id\n"
	"(07-module-7/04-multi-database-architecture), its alias\n"
	"(module-7/04-multi-database-architecture), its file, or a unique prefix\n"
	"of either (module-7/04). --json prints the whole record for tools.\n",
	NULL};
