/* Learning paths and dependents through the public API. The closure of a
 * lesson's prerequisites comes from a recursive query; the order is a
 * topological sort (Kahn's) that always takes the earliest lesson in
 * course order among those whose prerequisites are done. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "strmap.h"

/* Edges the closures follow: every prerequisite that names another
 * lesson, cycle edges too (the lessons of a cycle are all needed). Only
 * the order ignores the edge `courseq check` reports as closing a cycle. */
#define FOLLOWED \
	"k.kind = 'prerequisite' AND k.status IN ('ok', 'forward', 'redundant', 'cycle')"
#define NODE_COLUMNS "l.lesson, l.id, l.alias, l.title, l.difficulty, l.estimated_time, l.module"
#define IN_ORDER \
	" ORDER BY l.module_rank, l.module_dir, l.ord IS NULL, l.ord, l.id"

typedef struct node {
	int64_t key;
	courseq_step step;
	size_t indegree;
	size_t *next; /* indices of the lessons that require this one */
	size_t nnext, capnext;
	int done; /* known already, or emitted */
} node;

struct courseq_path {
	cq_arena arena;
	courseq_step *steps;
	size_t n, cur;
	double minutes;
};

typedef struct builder {
	courseq_db *db;
	courseq_path *p;
	node *nodes;
	size_t n;
	cq_strmap index; /* key -> node index */
	cq_vec steps;    /* courseq_step */
} builder;

static const char *dup_col(cq_arena *a, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? cq_arena_strdup(a, s) : NULL;
}

/* A JSON array of keys, for json_each(). */
static char *key_array(const int64_t *keys, size_t n)
{
	cq_buf b = CQ_BUF_INIT;
	size_t i;

	cq_buf_putc(&b, '[');
	for (i = 0; i < n; i++)
		cq_buf_printf(&b, "%s%lld", i ? "," : "", (long long)keys[i]);
	cq_buf_putc(&b, ']');
	if (b.failed) {
		cq_buf_free(&b);
		return NULL;
	}
	return cq_buf_detach(&b);
}

static int lookup_all(courseq_db *db, const char *const *refs, size_t n, int64_t **keys)
{
	size_t i;

	*keys = calloc(n + 1, sizeof(**keys));
	if (!*keys)
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		courseq_lesson *l;
		int rc = courseq_lesson_lookup(&l, db, refs[i]);

		if (rc != COURSEQ_OK)
			return rc;
		(*keys)[i] = cq_lesson_key(l);
		courseq_lesson_free(l);
	}
	return COURSEQ_OK;
}

static void fill_step(cq_arena *a, courseq_step *s, sqlite3_stmt *st)
{
	s->id = dup_col(a, st, 1);
	s->alias = dup_col(a, st, 2);
	s->title = dup_col(a, st, 3);
	s->difficulty = dup_col(a, st, 4);
	s->minutes = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 5);
	s->module = sqlite3_column_int(st, 6);
}

/* Runs a query yielding NODE_COLUMNS, bound to a JSON array of keys and an
 * integer, and calls add for each row. */
static int each_node(builder *b, const char *sql, const char *json, int arg,
		     int (*add)(builder *, sqlite3_stmt *))
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(b->db->db, sql, -1, &st, NULL) != SQLITE_OK)
		return cq_fail_sql(b->db, b->db->db, "following prerequisites");
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, arg);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add(b, st) < 0)
			break;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? COURSEQ_OK : cq_fail_sql(b->db, b->db->db, "following prerequisites");
}

/* The depth saturates at 1 (all --direct needs), so the (key, depth) rows
 * are finite and UNION ends even around a cycle. */
static const char closure_sql[] =
	"WITH RECURSIVE c(key, depth) AS (SELECT value, 0 FROM json_each(?1)"
	" UNION SELECT t.lesson, min(c.depth + 1, 1) FROM c JOIN links k ON k.lesson = c.key AND " FOLLOWED
	" JOIN lessons t ON t.id = k.target WHERE ?2 = 0 OR c.depth < 1)"
	" SELECT DISTINCT " NODE_COLUMNS " FROM c JOIN lessons l ON l.lesson = c.key" IN_ORDER;

static const char dependents_sql[] =
	"WITH RECURSIVE c(key, depth) AS (SELECT value, 0 FROM json_each(?1)"
	" UNION SELECT k.lesson, min(c.depth + 1, 1) FROM c JOIN lessons t ON t.lesson = c.key"
	" JOIN links k ON k.target = t.id AND " FOLLOWED " WHERE ?2 = 0 OR c.depth < 1)"
	" SELECT DISTINCT " NODE_COLUMNS " FROM c JOIN lessons l ON l.lesson = c.key"
	" WHERE l.lesson NOT IN (SELECT value FROM json_each(?1))" IN_ORDER;

static int add_node(builder *b, sqlite3_stmt *st)
{
	node *n;
	long *slot;

	if (b->n % 64 == 0) {
		node *more = realloc(b->nodes, (b->n + 64) * sizeof(*more));

		if (!more)
			return -1;
		b->nodes = more;
	}
	n = &b->nodes[b->n];
	memset(n, 0, sizeof(*n));
	n->key = sqlite3_column_int64(st, 0);
	fill_step(&b->p->arena, &n->step, st);
	slot = cq_strmap_put(&b->index, (const char *)&n->key, sizeof(n->key), NULL);
	if (!slot)
		return -1;
	*slot = (long)b->n++;
	return 0;
}

static node *find(builder *b, int64_t key)
{
	long *i = cq_strmap_get(&b->index, (const char *)&key, sizeof(key));

	return i ? &b->nodes[*i] : NULL;
}

/* Lessons known already, and what they require, leave the path. */
static int drop_known(builder *b, const int64_t *keys, size_t n)
{
	builder known = {b->db, b->p, NULL, 0, {0}, {0}};
	char *json = key_array(keys, n);
	size_t i;
	int rc;

	if (!json)
		return cq_fail(b->db, COURSEQ_ENOMEM, "out of memory");
	cq_strmap_init(&known.index, &b->p->arena);
	rc = each_node(&known, closure_sql, json, 0, add_node);
	for (i = 0; rc == COURSEQ_OK && i < known.n; i++) {
		node *k = find(b, known.nodes[i].key);

		if (k)
			k->done = 1;
	}
	free(json);
	free(known.nodes);
	return rc;
}

static int add_edge(node *from, size_t to)
{
	if (from->nnext == from->capnext) {
		size_t *more = realloc(from->next, (from->capnext = from->capnext * 2 + 4) * sizeof(*more));

		if (!more)
			return -1;
		from->next = more;
	}
	from->next[from->nnext++] = to;
	return 0;
}

/* Prerequisite edges among the nodes; missing prerequisites as steps
 * waiting before their lesson. */
static int load_edges(builder *b, cq_vec *missing)
{
	sqlite3_stmt *st;
	int64_t *keys = malloc((b->n + 1) * sizeof(*keys));
	char *json;
	size_t i;
	int rc;

	for (i = 0; keys && i < b->n; i++)
		keys[i] = b->nodes[i].key;
	json = keys ? key_array(keys, b->n) : NULL;
	free(keys);
	if (!json)
		return cq_fail(b->db, COURSEQ_ENOMEM, "out of memory");
	rc = sqlite3_prepare_v2(b->db->db,
				"SELECT k.lesson, t.lesson, k.url, k.status FROM links k"
				" LEFT JOIN lessons t ON t.id = k.target"
				" WHERE k.kind = 'prerequisite' AND k.lesson IN (SELECT value FROM json_each(?1))"
				" ORDER BY k.lesson, k.seq",
				-1, &st, NULL);
	if (rc != SQLITE_OK) {
		free(json);
		return cq_fail_sql(b->db, b->db->db, "following prerequisites");
	}
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		node *from = find(b, sqlite3_column_int64(st, 0));
		node *to = sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL : find(b, sqlite3_column_int64(st, 1));
		const char *status = (const char *)sqlite3_column_text(st, 3);

		if (!from || from->done)
			continue;
		if (strcmp(status, "missing") == 0) {
			courseq_step *s = cq_vec_push(missing, &b->p->arena);

			if (!s)
				break;
			s->id = dup_col(&b->p->arena, st, 2);
			s->minutes = -1;
			s->module = -1;
			s->missing = 1;
			s->required_by = from->step.id;
		} else if (to && !to->done && (strcmp(status, "ok") == 0 || strcmp(status, "forward") == 0 ||
						 strcmp(status, "redundant") == 0)) {
			if (add_edge(to, (size_t)(from - b->nodes)) < 0)
				break;
			from->indegree++;
		}
	}
	sqlite3_finalize(st);
	free(json);
	return rc == SQLITE_DONE ? COURSEQ_OK : cq_fail(b->db, COURSEQ_ENOMEM, "out of memory");
}

static int emit(builder *b, const courseq_step *s)
{
	courseq_step *out = cq_vec_push(&b->steps, &b->p->arena);

	if (!out)
		return -1;
	*out = *s;
	if (s->minutes > 0)
		b->p->minutes += s->minutes;
	out->total = b->p->minutes;
	return 0;
}

/* A binary min-heap of node indices: nodes are in course order, so the
 * smallest ready index is the earliest lesson. */
static void heap_push(size_t *heap, size_t *n, size_t v)
{
	size_t k = (*n)++;

	for (; k > 0 && heap[(k - 1) / 2] > v; k = (k - 1) / 2)
		heap[k] = heap[(k - 1) / 2];
	heap[k] = v;
}

static size_t heap_pop(size_t *heap, size_t *n)
{
	size_t top = heap[0], v = heap[--*n], k = 0;

	for (;;) {
		size_t c = 2 * k + 1;

		if (c >= *n)
			break;
		if (c + 1 < *n && heap[c + 1] < heap[c])
			c++;
		if (heap[c] >= v)
			break;
		heap[k] = heap[c];
		k = c;
	}
	if (*n)
		heap[k] = v;
	return top;
}

/* Kahn's algorithm, taking the earliest ready lesson each time; a missing
 * prerequisite is emitted just before the lesson naming it. */
static int order(builder *b, const cq_vec *missing)
{
	size_t *heap = malloc((b->n + 1) * sizeof(*heap)), nheap = 0, i;
	int rc = heap ? 0 : -1;

	for (i = 0; rc == 0 && i < b->n; i++)
		if (!b->nodes[i].done && b->nodes[i].indegree == 0)
			heap_push(heap, &nheap, i);
	while (rc == 0) {
		node *n;

		if (nheap == 0) {
			/* Only a cycle `check` has not seen (the index is being
			 * refreshed by another process) leaves lessons waiting:
			 * take the earliest, so nothing is lost or hangs. */
			for (i = 0; i < b->n && b->nodes[i].done; i++)
				;
			if (i == b->n)
				break;
			heap_push(heap, &nheap, i);
		}
		n = &b->nodes[heap_pop(heap, &nheap)];
		if (n->done)
			continue;
		n->done = 1;

		for (i = 0; rc == 0 && i < missing->len; i++) {
			const courseq_step *s = CQ_VEC_AT(missing, courseq_step, i);

			if (strcmp(s->required_by, n->step.id) == 0)
				rc = emit(b, s);
		}
		if (rc == 0)
			rc = emit(b, &n->step);
		for (i = 0; rc == 0 && i < n->nnext; i++)
			if (--b->nodes[n->next[i]].indegree == 0)
				heap_push(heap, &nheap, n->next[i]);
	}
	free(heap);
	return rc;
}

static int finish(builder *b, courseq_path **out)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->nodes[i].next);
	free(b->nodes);
	b->p->steps = b->steps.items;
	b->p->n = b->steps.len;
	*out = b->p;
	return COURSEQ_OK;
}

static int fail(builder *b, int rc)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->nodes[i].next);
	free(b->nodes);
	courseq_path_free(b->p);
	return rc;
}

static int start(builder *b, courseq_db *db)
{
	memset(b, 0, sizeof(*b));
	b->db = db;
	b->p = calloc(1, sizeof(*b->p));
	if (!b->p)
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	cq_arena_init(&b->p->arena);
	cq_strmap_init(&b->index, &b->p->arena);
	cq_vec_init(&b->steps, sizeof(courseq_step));
	return COURSEQ_OK;
}

int courseq_path_new(courseq_path **out, courseq_db *db, const char *const *targets,
		     size_t ntargets, const char *const *known, size_t nknown, unsigned flags)
{
	builder b;
	int64_t *tkeys = NULL, *kkeys = NULL;
	char *json = NULL;
	cq_vec missing;
	size_t i;
	int rc;

	*out = NULL;
	if (!ntargets)
		return cq_fail(db, COURSEQ_EINVALID, "no lesson given: name at least one");
	if ((rc = start(&b, db)) != COURSEQ_OK)
		return rc;
	cq_vec_init(&missing, sizeof(courseq_step));
	rc = lookup_all(db, targets, ntargets, &tkeys);
	if (rc == COURSEQ_OK)
		rc = lookup_all(db, known, nknown, &kkeys);
	if (rc == COURSEQ_OK && !(json = key_array(tkeys, ntargets)))
		rc = cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	if (rc == COURSEQ_OK)
		rc = each_node(&b, closure_sql, json, (flags & COURSEQ_PATH_DIRECT) != 0, add_node);
	for (i = 0; rc == COURSEQ_OK && i < ntargets; i++)
		find(&b, tkeys[i])->step.target = 1;
	if (rc == COURSEQ_OK && nknown)
		rc = drop_known(&b, kkeys, nknown);
	if (rc == COURSEQ_OK)
		rc = load_edges(&b, &missing);
	if (rc == COURSEQ_OK && order(&b, &missing) < 0)
		rc = cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	free(json);
	free(tkeys);
	free(kkeys);
	return rc == COURSEQ_OK ? finish(&b, out) : fail(&b, rc);
}

static int add_step(builder *b, sqlite3_stmt *st)
{
	courseq_step s;

	memset(&s, 0, sizeof(s));
	fill_step(&b->p->arena, &s, st);
	return emit(b, &s);
}

int courseq_dependents_new(courseq_path **out, courseq_db *db, const char *ref, unsigned flags)
{
	builder b;
	int64_t *key = NULL;
	char *json = NULL;
	int rc;

	*out = NULL;
	if ((rc = start(&b, db)) != COURSEQ_OK)
		return rc;
	rc = lookup_all(db, &ref, 1, &key);
	if (rc == COURSEQ_OK && !(json = key_array(key, 1)))
		rc = cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	if (rc == COURSEQ_OK)
		rc = each_node(&b, dependents_sql, json, (flags & COURSEQ_PATH_DIRECT) != 0, add_step);
	free(json);
	free(key);
	return rc == COURSEQ_OK ? finish(&b, out) : fail(&b, rc);
}

int courseq_path_next(const courseq_step **out, courseq_path *p)
{
	if (p->cur >= p->n) {
		*out = NULL;
		return COURSEQ_ITEROVER;
	}
	*out = &p->steps[p->cur++];
	return COURSEQ_OK;
}

size_t courseq_path_count(const courseq_path *p)
{
	return p->n;
}

double courseq_path_minutes(const courseq_path *p)
{
	return p->minutes;
}

void courseq_path_free(courseq_path *p)
{
	if (!p)
		return;
	cq_arena_free(&p->arena);
	free(p);
}
