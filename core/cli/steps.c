/* Printing learning paths and lists of lessons (prereqs, path,
 * dependents): a numbered table with running time, or JSON. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void json_step(const courseq_step *s)
{
	printf("    {\"id\": ");
	out_json_string(stdout, s->id);
	printf(", \"alias\": ");
	out_json_string(stdout, s->alias);
	printf(", \"title\": ");
	out_json_string(stdout, s->title);
	printf(", \"difficulty\": ");
	out_json_string(stdout, s->difficulty);
	if (s->minutes >= 0)
		printf(", \"minutes\": %g", s->minutes);
	else
		printf(", \"minutes\": null");
	printf(", \"total\": %g, \"missing\": %s, \"target\": %s", s->total,
	       s->missing ? "true" : "false", s->target ? "true" : "false");
	if (s->missing) {
		printf(", \"requiredBy\": ");
		out_json_string(stdout, s->required_by);
	}
	putchar('}');
}

static int print_json(const cli *c, courseq_path *p, const char *what, int argc, char **argv)
{
	const courseq_step *s;
	int rc, i, first = 1;

	printf("{\n  \"%s\": [", what);
	for (i = 0; i < argc; i++) {
		printf("%s", i ? ", " : "");
		out_json_string(stdout, argv[i]);
	}
	printf("],\n  \"lessons\": %zu,\n  \"minutes\": %g,\n  \"path\": [", courseq_path_count(p),
	       courseq_path_minutes(p));
	while ((rc = courseq_path_next(&s, p)) == COURSEQ_OK) {
		fputs(first ? "\n" : ",\n", stdout);
		json_step(s);
		first = 0;
	}
	puts(first ? "]\n}" : "\n  ]\n}");
	return rc == COURSEQ_ITEROVER ? EXIT_OK : cli_api_error(c);
}

static int print_table(const cli *c, courseq_path *p, int with_total)
{
	const courseq_step *s;
	out_table t;
	char num[32], min[32], total[32];
	int rc, k = 0;
	static const char *const head[] = {"#", "lesson", "title", "difficulty", "min", "total"};
	int cols = with_total ? 6 : 5, i;

	out_table_init(&t, cols);
	for (i = 0; i < cols; i++)
		out_table_add(&t, head[i]);
	while ((rc = courseq_path_next(&s, p)) == COURSEQ_OK) {
		snprintf(num, sizeof(num), s->missing ? "!" : "%d", ++k);
		snprintf(min, sizeof(min), s->minutes >= 0 ? "%g" : "?", s->minutes);
		snprintf(total, sizeof(total), "%g", s->total);
		out_table_add(&t, num);
		out_table_add(&t, s->id);
		if (s->missing) {
			char why[512];

			snprintf(why, sizeof(why), "MISSING: no such lesson (required by %s)", s->required_by);
			out_table_add(&t, why);
		} else {
			out_table_add(&t, s->title);
		}
		out_table_add(&t, s->difficulty);
		out_table_add(&t, min);
		if (with_total)
			out_table_add(&t, total);
		if (s->missing)
			k--;
	}
	if (rc == COURSEQ_ITEROVER)
		out_table_print(&t, OUT_TABLE);
	out_table_free(&t);
	return rc == COURSEQ_ITEROVER ? EXIT_OK : cli_api_error(c);
}

int print_path(const cli *c, courseq_path *p, const char *title, int argc, char **argv)
{
	char min[32];

	if (c->json)
		return print_json(c, p, "targets", argc, argv);
	printf("%s (%zu lessons, %s)\n\n", title, courseq_path_count(p),
	       out_minutes(min, sizeof(min), courseq_path_minutes(p)));
	return print_table(c, p, 1);
}

int print_lessons(const cli *c, courseq_path *p, const char *title, int argc, char **argv)
{
	if (c->json)
		return print_json(c, p, "of", argc, argv);
	if (courseq_path_count(p) == 0) {
		printf("%s: none\n", title);
		return EXIT_OK;
	}
	printf("%s (%zu lessons)\n\n", title, courseq_path_count(p));
	return print_table(c, p, 0);
}
