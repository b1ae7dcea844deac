/* The prerequisite graph as a picture: Mermaid or Graphviz DOT, lessons
 * grouped by module, broken edges drawn distinctly. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "course.h"
#include "db.h"

typedef struct edge {
	size_t from;        /* the prerequisite (index in course order) */
	size_t to;          /* the lesson that needs it */
	const char *status; /* ok, forward, redundant, cycle, missing, self */
	const char *name;   /* as written: for a missing lesson */
} edge;

typedef struct render {
	courseq_db *db;
	cq_course c;
	const char **titles;     /* by position in course order; NULL: none */
	unsigned char *shown;    /* 1: in a selected module, 2: a prerequisite from outside */
	edge *edges;
	size_t nedges;
	int dot;
	cq_buf out;
} render;

static int selected(const cq_lesson_info *l, const char *const *modules, size_t n)
{
	size_t i;

	if (!n)
		return 1;
	for (i = 0; i < n; i++) {
		const char *m = modules[i], *dash = strchr(l->module_dir, '-');

		if (strcmp(m, l->module_dir) == 0 || (dash && strcmp(m, dash + 1) == 0) ||
		    (strspn(m, "0123456789") == strlen(m) && atoi(m) == l->module))
			return 1;
	}
	return 0;
}

/* The course keeps no titles (an analysis needs none): the picture reads
 * them itself. */
static int load_titles(render *r)
{
	sqlite3_stmt *st;
	int rc;

	r->titles = cq_arena_alloc(&r->c.arena, (r->c.n + 1) * sizeof(*r->titles));
	if (!r->titles)
		return cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
	if (sqlite3_prepare_v2(r->db->db, "SELECT lesson, title FROM lessons WHERE title IS NOT NULL",
			       -1, &st, NULL) != SQLITE_OK)
		return cq_fail_sql(r->db, r->db->db, "drawing the graph");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const cq_lesson_info *l = cq_course_by_key(&r->c, sqlite3_column_int64(st, 0));

		if (l && !(r->titles[l->rank] = cq_arena_strdup(&r->c.arena,
								 (const char *)sqlite3_column_text(st, 1))))
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cq_fail_sql(r->db, r->db->db, "drawing the graph");
	return rc == SQLITE_DONE ? COURSEQ_OK : cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
}

static int load_edges(render *r)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	if (sqlite3_prepare_v2(r->db->db, "SELECT lesson, target, status, url FROM links"
					  " WHERE kind = 'prerequisite' ORDER BY lesson, seq",
			       -1, &st, NULL) != SQLITE_OK)
		return cq_fail_sql(r->db, r->db->db, "drawing the graph");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const cq_lesson_info *to = cq_course_by_key(&r->c, sqlite3_column_int64(st, 0));
		const char *t = (const char *)sqlite3_column_text(st, 1);
		const cq_lesson_info *from = t ? cq_course_by_id(&r->c, t) : NULL;
		const char *status = (const char *)sqlite3_column_text(st, 2);

		if (!to || (!from && strcmp(status, "missing") != 0))
			continue;
		if (r->nedges == cap) {
			edge *more = realloc(r->edges, (cap = cap ? 2 * cap : 256) * sizeof(*more));

			if (!more)
				break;
			r->edges = more;
		}
		r->edges[r->nedges++] = (edge){from ? from->rank : (size_t)-1, to->rank,
					       cq_arena_strdup(&r->c.arena, status),
					       cq_arena_strdup(&r->c.arena, (const char *)sqlite3_column_text(st, 3))};
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? COURSEQ_OK : cq_fail(r->db, COURSEQ_ENOMEM, "out of memory");
}

/* Text in a label: Mermaid wants entity codes for '"' and for what it
 * would read as HTML, DOT a backslash. */
static void label(render *r, const char *s)
{
	for (; *s; s++) {
		if (*s == '"')
			cq_buf_puts(&r->out, r->dot ? "\\\"" : "#quot;");
		else if ((*s == '<' || *s == '>' || *s == '&') && !r->dot)
			cq_buf_puts(&r->out, *s == '<' ? "#lt;" : *s == '>' ? "#gt;" : "#amp;");
		else if (*s == '\\' && r->dot)
			cq_buf_puts(&r->out, "\\\\");
		else if (*s != '\n' && *s != '\r')
			cq_buf_putc(&r->out, *s);
	}
}

static void lesson_node(render *r, size_t i, const char *indent)
{
	const cq_lesson_info *l = &r->c.lessons[i];
	const char *last = strrchr(l->id, '/');
	size_t digits = strspn(last ? last + 1 : l->id, "0123456789");
	const char *title = r->titles[i] ? r->titles[i] : l->alias;

	cq_buf_printf(&r->out, r->dot ? "%s\"n%zu\" [label=\"" : "%sn%zu[\"", indent, i);
	if (r->shown[i] == 2)
		label(r, l->alias);
	else
		cq_buf_put(&r->out, last ? last + 1 : l->id, digits);
	cq_buf_puts(&r->out, r->dot ? "\\n" : "<br/>");
	label(r, title);
	if (r->dot)
		cq_buf_puts(&r->out, r->shown[i] == 2 ? "\", style=\"rounded,dashed\"];\n" : "\"];\n");
	else
		cq_buf_puts(&r->out, r->shown[i] == 2 ? "\"]:::outside\n" : "\"]\n");
}

static void modules(render *r)
{
	size_t i, m = 0;

	for (i = 0; i < r->c.n; i++) {
		const cq_lesson_info *l = &r->c.lessons[i];
		int first = i == 0 || strcmp(l->module_dir, r->c.lessons[i - 1].module_dir) != 0;
		size_t k, any = 0;

		if (!first)
			continue;
		for (k = i; k < r->c.n && strcmp(r->c.lessons[k].module_dir, l->module_dir) == 0; k++)
			any += r->shown[k] == 1;
		m++;
		if (any && r->dot)
			cq_buf_printf(&r->out, "  subgraph cluster_m%zu {\n    label=\"%s\";\n", m,
				      l->module_dir[0] ? l->module_dir : "(top level)");
		else if (any)
			cq_buf_printf(&r->out, "  subgraph m%zu[\"%s\"]\n", m,
				      l->module_dir[0] ? l->module_dir : "(top level)");
		for (k = i; any && k < r->c.n && strcmp(r->c.lessons[k].module_dir, l->module_dir) == 0; k++)
			if (r->shown[k] == 1)
				lesson_node(r, k, "    ");
		if (any)
			cq_buf_puts(&r->out, r->dot ? "  }\n" : "  end\n");
	}
	for (i = 0; i < r->c.n; i++)
		if (r->shown[i] == 2)
			lesson_node(r, i, "  ");
}

static void edges(render *r)
{
	cq_buf broken = CQ_BUF_INIT;
	size_t i, drawn = 0, missing = 0;

	for (i = 0; i < r->nedges; i++) {
		const edge *e = &r->edges[i];
		int ok = strcmp(e->status, "ok") == 0 || strcmp(e->status, "redundant") == 0;

		if (!r->shown[e->to] || (e->from != (size_t)-1 && !r->shown[e->from]))
			continue;
		if (e->from == (size_t)-1) {
			/* A missing lesson: a node of its own, dashed. */
			cq_buf_printf(&r->out, r->dot ? "  \"x%zu\" [label=\"" : "  x%zu[\"", missing);
			label(r, e->name);
			cq_buf_printf(&r->out, r->dot ? "\\n(no such lesson)\", color=red, style=dashed];\n"
						      "  \"x%zu\" -> \"n%zu\" [color=red, style=dashed, label=\"missing\"];\n"
						    : "<br/>(no such lesson)\"]:::missing\n  x%zu -.->|missing| n%zu\n",
				      missing, e->to);
			cq_buf_printf(&broken, "%s%zu", broken.len ? "," : "", drawn);
			missing++;
		} else if (r->dot) {
			cq_buf_printf(&r->out, "  \"n%zu\" -> \"n%zu\"", e->from, e->to);
			if (!ok)
				cq_buf_printf(&r->out, " [color=red, style=%s, label=\"%s\"]",
					      strcmp(e->status, "forward") == 0 ? "dotted" : "bold", e->status);
			cq_buf_puts(&r->out, ";\n");
		} else if (ok) {
			cq_buf_printf(&r->out, "  n%zu --> n%zu\n", e->from, e->to);
		} else {
			cq_buf_printf(&r->out, "  n%zu -.->|%s| n%zu\n", e->from, e->status, e->to);
			cq_buf_printf(&broken, "%s%zu", broken.len ? "," : "", drawn);
		}
		drawn++;
	}
	if (!r->dot && broken.len)
		cq_buf_printf(&r->out, "  linkStyle %s stroke:#c62828,stroke-width:2px\n", broken.data);
	cq_buf_free(&broken);
}

static void show(render *r, const char *const *mods, size_t nmods)
{
	size_t i;

	for (i = 0; i < r->c.n; i++)
		r->shown[i] = selected(&r->c.lessons[i], mods, nmods);
	/* The prerequisites a selected module needs from the others. */
	for (i = 0; i < r->nedges; i++) {
		const edge *e = &r->edges[i];

		if (e->from != (size_t)-1 && r->shown[e->to] == 1 && !r->shown[e->from])
			r->shown[e->from] = 2;
	}
}

int courseq_graph(char **out, courseq_db *db, const char *const *mods, size_t nmods, int format)
{
	render r;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.db = db;
	r.dot = format == COURSEQ_GRAPH_DOT;
	if (cq_course_load(&r.c, db->db) < 0) {
		cq_course_free(&r.c);
		return cq_fail_sql(db, db->db, "drawing the graph");
	}
	r.shown = calloc(r.c.n + 1, 1);
	rc = r.shown ? load_titles(&r) : cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	if (rc == COURSEQ_OK)
		rc = load_edges(&r);
	if (rc == COURSEQ_OK) {
		show(&r, mods, nmods);
		cq_buf_puts(&r.out, r.dot ? "digraph prerequisites {\n  rankdir=LR;\n"
					    "  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n"
					  : "flowchart LR\n");
		modules(&r);
		edges(&r);
		cq_buf_puts(&r.out, r.dot ? "}\n"
					  : "  classDef missing fill:#fdecea,stroke:#c62828,stroke-dasharray:5 5\n"
					    "  classDef outside fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:3 3\n");
		if (r.out.failed)
			rc = cq_fail(db, COURSEQ_ENOMEM, "out of memory");
		else
			*out = cq_buf_detach(&r.out);
	}
	cq_buf_free(&r.out);
	free(r.edges);
	free(r.shown);
	cq_course_free(&r.c);
	return rc;
}
