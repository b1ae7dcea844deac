/* courseq prereqs: what a learner must take before a lesson. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct prereq_opts {
	int direct, tree;
} prereq_opts;

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	prereq_opts *o = user;

	(void)c, (void)arg;
	if (opt == 'd')
		o->direct = 1;
	else if (opt == 't')
		o->tree = 1;
	else
		return EXIT_USAGE;
	return 0;
}

/* ---- the tree ---- */

typedef struct tree {
	const cli *c;
	char **seen;
	size_t nseen;
	int first_json;
} tree;

static int seen(tree *t, const char *id)
{
	size_t i;
	char **more;

	for (i = 0; i < t->nseen; i++)
		if (strcmp(t->seen[i], id) == 0)
			return 1;
	more = realloc(t->seen, (t->nseen + 1) * sizeof(*more));
	if (more) {
		t->seen = more;
		t->seen[t->nseen++] = strdup(id);
	}
	return 0;
}

static const char children_sql[] =
	"SELECT k.url, k.target, k.status, t.title FROM links k"
	" JOIN lessons s ON s.lesson = k.lesson LEFT JOIN lessons t ON t.id = k.target"
	" WHERE s.id = ?1 AND k.kind = 'prerequisite' ORDER BY k.seq";

typedef struct child {
	char *url, *target, *status, *title;
} child;

static size_t children(tree *t, const char *id, child **out)
{
	courseq_rows *rows;
	size_t n = 0;

	*out = NULL;
	if (cli_query(t->c, &rows, children_sql, 1, id) != EXIT_OK)
		return 0;
	while (courseq_rows_next(rows) == COURSEQ_OK) {
		child *more = realloc(*out, (n + 1) * sizeof(*more));
		const char *v;

		if (!more)
			break;
		*out = more;
		v = courseq_rows_text(rows, 0), more[n].url = strdup(v ? v : "");
		v = courseq_rows_text(rows, 1), more[n].target = v ? strdup(v) : NULL;
		v = courseq_rows_text(rows, 2), more[n].status = strdup(v ? v : "");
		v = courseq_rows_text(rows, 3), more[n].title = v ? strdup(v) : NULL;
		n++;
	}
	courseq_rows_free(rows);
	return n;
}

static void free_children(child *k, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(k[i].url);
		free(k[i].target);
		free(k[i].status);
		free(k[i].title);
	}
	free(k);
}

/* A lesson printed in full once; later as a reference. */
static void print_text(tree *t, const char *id, const char *title, const char *prefix, int last,
		       int root, const char *status)
{
	child *k;
	size_t n, i;
	char *sub;
	int again = !root && id && seen(t, id);
	int follow = id && !again && strcmp(status, "cycle") != 0 && strcmp(status, "missing") != 0;

	if (root) {
		printf("%s  %s\n", id, title ? title : "");
		seen(t, id);
	} else {
		printf("%s%s %s", prefix, last ? "└──" : "├──", id);
		if (strcmp(status, "missing") == 0)
			printf("  (MISSING: no such lesson)\n");
		else if (strcmp(status, "cycle") == 0)
			printf("  (cycle: not followed)\n");
		else if (again)
			printf("  (see above)\n");
		else
			printf("  %s\n", title ? title : "");
	}
	if (!follow)
		return;
	n = children(t, id, &k);
	sub = malloc(strlen(prefix) + 8);
	if (sub)
		sprintf(sub, "%s%s", prefix, root ? "" : last ? "    " : "│   ");
	for (i = 0; sub && i < n; i++)
		print_text(t, k[i].target ? k[i].target : k[i].url, k[i].title, sub, i + 1 == n, 0,
			   k[i].status);
	free(sub);
	free_children(k, n);
}

static void print_json(tree *t, const char *id, const char *title, const char *status, int depth)
{
	child *k;
	size_t n, i;
	int again = depth > 0 && id && seen(t, id);

	if (depth == 0)
		seen(t, id);
	printf("%*s{\"id\": ", 2 * depth, "");
	out_json_string(stdout, id);
	printf(", \"title\": ");
	out_json_string(stdout, title);
	printf(", \"status\": ");
	out_json_string(stdout, status);
	if (again || strcmp(status, "missing") == 0 || strcmp(status, "cycle") == 0) {
		printf(", \"seen\": %s}", again ? "true" : "false");
		return;
	}
	printf(", \"prerequisites\": [");
	n = children(t, id, &k);
	for (i = 0; i < n; i++) {
		printf(i ? ",\n" : "\n");
		print_json(t, k[i].target ? k[i].target : k[i].url, k[i].title, k[i].status, depth + 1);
	}
	printf(n ? "\n%*s]}" : "]}", 2 * depth, "");
	free_children(k, n);
}

static int print_tree(const cli *c, const char *id, const char *title)
{
	tree t = {c, NULL, 0, 1};
	size_t i;

	if (c->json) {
		print_json(&t, id, title, "ok", 0);
		putchar('\n');
	} else {
		print_text(&t, id, title, "", 1, 1, "ok");
	}
	for (i = 0; i < t.nseen; i++)
		free(t.seen[i]);
	free(t.seen);
	return EXIT_OK;
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"direct", no_argument, NULL, 'd'}, {"tree", no_argument, NULL, 't'}, {0}};
	prereq_opts o = {0, 0};
	int first = cli_parse(c, &cmd_prereqs, argc, argv, "dt", longopts, on_opt, &o), rc;
	const char *ref;
	courseq_lesson *l;
	courseq_path *p;
	char title[512];

	if (first < 0)
		return first == -1 ? EXIT_OK : -first;
	if (first != argc - 1)
		return cli_usage(c, "prereqs takes one lesson id, such as module-7/04");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	ref = argv[first];
	if (o.tree) {
		if (courseq_lesson_lookup(&l, c->db, ref) != COURSEQ_OK)
			return cli_api_error(c);
		rc = print_tree(c, courseq_lesson_id(l), courseq_lesson_title(l));
		courseq_lesson_free(l);
		return rc;
	}
	/* The title names the lesson the reference found. */
	if (courseq_lesson_lookup(&l, c->db, ref) != COURSEQ_OK)
		return cli_api_error(c);
	snprintf(title, sizeof(title), "%s %s", o.direct ? "Direct prerequisites of" : "Learning path to",
		 courseq_lesson_id(l));
	courseq_lesson_free(l);
	if (courseq_path_new(&p, c->db, &ref, 1, NULL, 0, o.direct ? COURSEQ_PATH_DIRECT : 0) != COURSEQ_OK)
		return cli_api_error(c);
	rc = print_path(c, p, title, 1, argv + first);
	courseq_path_free(p);
	return rc;
}

const cli_command cmd_prereqs = {
	"prereqs", run, "what to learn before a lesson, in order",
	"usage: courseq prereqs [--direct | --tree] ID\n\n"
	"Prints every lesson ID needs, transitively, as a learning path: each lesson\n"
	"after all of its own prerequisites, ties in course order, ID last, with\n"
	"the time of each and the running total. A prerequisite that names no\n"
	"lesson is shown as MISSING; a cycle is broken where 'courseq check' says.\n\n"
	"Options:\n"
	"  -d, --direct     only the lessons ID names itself\n"
	"  -t, --tree       the dependency tree (a lesson met again is referenced)\n",
	NULL};
