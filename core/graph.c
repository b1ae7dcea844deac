/* The prerequisite graph's problems: cycles (each broken at the edge that
 * closes it, so learning paths are always computable), prerequisites that
 * come later in course order, and prerequisites another one implies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"

/* An edge's status, as stored in links.status. */
typedef enum status { OK, CYCLE, FORWARD, REDUNDANT, OTHER } status;

static const char *const status_names[] = {"ok", "cycle", "forward", "redundant", ""};

/* A course of 50,000 lessons has about three times as many prerequisites,
 * all in memory at once: an edge is kept small. */
typedef struct edge {
	uint32_t from, to; /* indices in course order */
	int32_t seq, line, col;
	unsigned char status, was; /* now, and as stored */
} edge;

typedef struct graph {
	cq_analysis *an;
	edge *edges;
	size_t nedges;
	uint32_t *first; /* edges of node i: edges[first[i] .. first[i + 1]) */
	size_t n;
} graph;

static status status_of(const char *s)
{
	unsigned i;

	for (i = OK; s && i < OTHER; i++)
		if (strcmp(s, status_names[i]) == 0)
			return (status)i;
	return OTHER;
}

/* Each lesson's edges in the order written. */
static int by_source(const void *x, const void *y)
{
	const edge *a = x, *b = y;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

#define EDGES " FROM links WHERE kind = 'prerequisite'" \
	" AND status IN ('ok', 'forward', 'redundant', 'cycle')"

static size_t count_edges(sqlite3 *db)
{
	sqlite3_stmt *st;
	size_t n = 0;

	if (sqlite3_prepare_v2(db, "SELECT count(*)" EDGES, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int load(graph *g)
{
	cq_analysis *an = g->an;
	sqlite3_stmt *st;
	size_t cap = count_edges(an->db), i;
	int rc;

	if (sqlite3_prepare_v2(an->db, "SELECT lesson, seq, target, line, col, status" EDGES, -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	g->edges = malloc((cap + 1) * sizeof(*g->edges));
	if (!g->edges) {
		sqlite3_finalize(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const cq_lesson_info *from = cq_course_by_key(&an->course, sqlite3_column_int64(st, 0));
		const cq_lesson_info *to =
			cq_course_by_id(&an->course, (const char *)sqlite3_column_text(st, 2));

		if (!from || !to)
			continue;
		if (g->nedges == cap)
			break; /* the links changed under us: cannot be, in one transaction */
		g->edges[g->nedges++] = (edge){from->rank, to->rank, sqlite3_column_int(st, 1),
					       sqlite3_column_int(st, 3), sqlite3_column_int(st, 4), OK,
					       status_of((const char *)sqlite3_column_text(st, 5))};
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || g->nedges > UINT32_MAX)
		return -1;
	qsort(g->edges, g->nedges, sizeof(*g->edges), by_source);
	g->first = calloc(g->n + 2, sizeof(*g->first));
	if (!g->first)
		return -1;
	for (i = 0; i < g->nedges; i++)
		g->first[g->edges[i].from + 1]++;
	for (i = 1; i <= g->n; i++)
		g->first[i] += g->first[i - 1];
	return 0;
}

static const cq_lesson_info *node(const graph *g, size_t i)
{
	return &g->an->course.lessons[i];
}

/* ---- cycles: a depth-first search in course order; every edge back to
 * a lesson on the stack closes a cycle ---- */

typedef struct frame {
	uint32_t node, next; /* next edge to follow */
	uint32_t via;        /* the edge that led here */
} frame;

static int report_cycle(graph *g, const frame *stack, size_t depth, size_t back)
{
	edge *e = &g->edges[back];
	size_t start = depth, k;
	cq_buf msg = CQ_BUF_INIT, path = CQ_BUF_INIT;
	int rc;

	while (start > 0 && stack[start - 1].node != e->to)
		start--;
	start = start > 0 ? start - 1 : 0;
	cq_buf_puts(&msg, "prerequisite cycle: ");
	for (k = start; k < depth; k++)
		cq_buf_printf(&msg, "%s -> ", node(g, stack[k].node)->alias);
	cq_buf_printf(&msg, "%s (", node(g, e->to)->alias);
	for (k = start + 1; k < depth; k++) {
		const edge *v = &g->edges[stack[k].via];

		cq_buf_printf(&msg, "%s:%d, ", cq_course_path(&g->an->course, node(g, v->from), &path),
			      v->line);
	}
	cq_buf_printf(&msg, "%s:%d); remove one of these prerequisites",
		      cq_course_path(&g->an->course, node(g, e->from), &path), e->line);
	e->status = CYCLE;
	rc = msg.failed || path.failed ? -1
			: cq_analysis_diag(g->an, node(g, e->from), e->seq, "graph", e->line, e->col,
					   CQ_SEV_ERROR, "prerequisite-cycle", msg.data);
	cq_buf_free(&msg);
	cq_buf_free(&path);
	return rc;
}

static int find_cycles(graph *g)
{
	unsigned char *color = calloc(g->n + 1, 1); /* 0 new, 1 on stack, 2 done */
	frame *stack = malloc((g->n + 1) * sizeof(*stack));
	size_t root;
	int rc = color && stack ? 0 : -1;

	for (root = 0; rc == 0 && root < g->n; root++) {
		size_t depth = 0;

		if (color[root])
			continue;
		stack[depth++] = (frame){(uint32_t)root, g->first[root], UINT32_MAX};
		color[root] = 1;
		while (depth > 0 && rc == 0) {
			frame *f = &stack[depth - 1];
			size_t e, to;

			if (f->next == g->first[f->node + 1]) {
				color[f->node] = 2;
				depth--;
				continue;
			}
			e = f->next++;
			to = g->edges[e].to;
			if (color[to] == 1)
				rc = report_cycle(g, stack, depth, e);
			else if (color[to] == 0) {
				color[to] = 1;
				stack[depth++] = (frame){(uint32_t)to, g->first[to], (uint32_t)e};
			}
		}
	}
	free(color);
	free(stack);
	return rc;
}

/* ---- forward and redundant prerequisites ---- */

static int forward(graph *g)
{
	char msg[512];
	size_t i;

	for (i = 0; i < g->nedges; i++) {
		edge *e = &g->edges[i];
		const cq_lesson_info *to = node(g, e->to);

		if (e->status != OK || e->to < e->from)
			continue;
		e->status = FORWARD;
		snprintf(msg, sizeof(msg),
			 "prerequisite %s comes later in course order; move one of the lessons or drop the prerequisite",
			 to->alias);
		if (cq_analysis_diag(g->an, node(g, e->from), e->seq, "graph", e->line, e->col, CQ_SEV_WARNING,
				     "prerequisite-forward", msg) < 0)
			return -1;
	}
	return 0;
}

/* For each lesson, what its prerequisites' own prerequisites reach: a
 * direct prerequisite found there is implied by another one. */
static int redundant(graph *g)
{
	uint32_t *stamp = calloc(g->n + 1, sizeof(*stamp)), *by = malloc((g->n + 1) * sizeof(*by));
	uint32_t *todo = malloc((g->n + 1) * sizeof(*todo));
	size_t src, i;
	char msg[512];
	int rc = stamp && by && todo ? 0 : -1;

	for (src = 0; rc == 0 && src < g->n; src++) {
		size_t ntodo = 0;

		if (g->first[src + 1] - g->first[src] < 2)
			continue;
		for (i = g->first[src]; i < g->first[src + 1]; i++) {
			size_t q = g->edges[i].to, k;

			if (g->edges[i].status == CYCLE)
				continue;
			for (k = g->first[q]; k < g->first[q + 1]; k++)
				if (g->edges[k].status != CYCLE && stamp[g->edges[k].to] != src + 1) {
					stamp[g->edges[k].to] = src + 1;
					by[g->edges[k].to] = q;
					todo[ntodo++] = g->edges[k].to;
				}
		}
		while (ntodo > 0) {
			size_t v = todo[--ntodo], k;

			for (k = g->first[v]; k < g->first[v + 1]; k++)
				if (g->edges[k].status != CYCLE && stamp[g->edges[k].to] != src + 1) {
					stamp[g->edges[k].to] = src + 1;
					by[g->edges[k].to] = by[v];
					todo[ntodo++] = g->edges[k].to;
				}
		}
		for (i = g->first[src]; rc == 0 && i < g->first[src + 1]; i++) {
			edge *e = &g->edges[i];

			if (stamp[e->to] != src + 1 || e->status == CYCLE)
				continue;
			if (e->status == OK)
				e->status = REDUNDANT;
			snprintf(msg, sizeof(msg), "prerequisite %s is implied by %s, which requires it; you can drop it",
				 node(g, e->to)->alias, node(g, by[e->to])->alias);
			rc = cq_analysis_diag(g->an, node(g, src), e->seq, "graph", e->line, e->col, CQ_SEV_NOTE,
					      "prerequisite-redundant", msg);
		}
	}
	free(stamp);
	free(by);
	free(todo);
	return rc;
}

static int store(graph *g)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	if (sqlite3_prepare_v2(g->an->db, "UPDATE links SET status = ?1 WHERE lesson = ?2 AND seq = ?3",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; rc == 0 && i < g->nedges; i++) {
		const edge *e = &g->edges[i];

		if (e->status == e->was)
			continue; /* most of them, after a change to one lesson */
		sqlite3_bind_text(st, 1, status_names[e->status], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, node(g, e->from)->key);
		sqlite3_bind_int(st, 3, e->seq);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

int cq_check_graph(cq_analysis *an)
{
	graph g = {an, NULL, 0, NULL, cq_analysis_course(an) ? an->course.n : 0};
	int rc = !an->course_loaded ? -1 : sqlite3_exec(an->db, "DELETE FROM diagnostics WHERE origin = 'graph'", NULL, NULL,
			      NULL) == SQLITE_OK
			 ? 0
			 : -1;

	if (rc == 0)
		rc = load(&g);
	if (rc == 0)
		rc = find_cycles(&g);
	if (rc == 0)
		rc = forward(&g);
	if (rc == 0)
		rc = redundant(&g);
	if (rc == 0)
		rc = store(&g);
	free(g.edges);
	free(g.first);
	return rc;
}
