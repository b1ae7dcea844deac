#include "yaml_tree.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "json.h"
#include "strmap.h"

/* The parser's working state: a stack of open collections whose items are
 * gathered in vectors until the collection ends. */
typedef struct frame {
	cq_ynode *node;
	cq_vec items; /* of cq_ynode * */
} frame;

typedef struct builder {
	cq_arena *a;
	cq_ydoc *doc;
	frame stack[CQ_YAML_MAX_DEPTH + 1];
	int depth;
	size_t nodes;
	cq_strmap anchors; /* anchor name -> index in anchored */
	cq_vec anchored;   /* of cq_ynode * */
} builder;

static int fail(builder *b, const yaml_mark_t *m, const char *msg)
{
	snprintf(b->doc->error, sizeof(b->doc->error), "%s", msg);
	b->doc->err_line = (unsigned)m->line;
	b->doc->err_col = (unsigned)m->column;
	return -1;
}

static int oom(builder *b, const yaml_mark_t *m)
{
	return fail(b, m, "out of memory");
}

static int is_one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static int all_in(const char *s, const char *set)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr(set, *s))
			return 0;
	return 1;
}

static int is_float(const char *s)
{
	static const char *const special[] = {
		".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
		"-.Inf", "-.INF", ".nan", ".NaN", ".NAN", NULL};
	int digits = 0;

	if (is_one_of(s, special))
		return 1;
	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		s++, digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static int is_int(const char *s)
{
	if (strncmp(s, "0x", 2) == 0)
		return all_in(s + 2, "0123456789abcdefABCDEF");
	if (strncmp(s, "0o", 2) == 0)
		return all_in(s + 2, "01234567");
	if (*s == '-' || *s == '+')
		s++;
	return all_in(s, "0123456789");
}

/* The YAML 1.2 core schema, which is what js-yaml (Astro) applies. */
static cq_ytype resolve_plain(const char *s)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
	static const char *const bools[] = {"true",  "True",  "TRUE", "false",
					    "False", "FALSE", NULL};

	if (is_one_of(s, nulls))
		return CQ_YT_NULL;
	if (is_one_of(s, bools))
		return CQ_YT_BOOL;
	if (is_int(s))
		return CQ_YT_INT;
	if (is_float(s))
		return CQ_YT_FLOAT;
	return CQ_YT_STRING;
}

static cq_ystyle scalar_style(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: return CQ_YS_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return CQ_YS_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE: return CQ_YS_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE: return CQ_YS_FOLDED;
	default: return CQ_YS_PLAIN;
	}
}

static cq_ynode *new_node(builder *b, const yaml_event_t *ev, cq_ykind kind)
{
	cq_ynode *n;

	if (++b->nodes > CQ_YAML_MAX_NODES) {
		fail(b, &ev->start_mark, "YAML document has too many nodes");
		return NULL;
	}
	n = cq_arena_alloc(b->a, sizeof(*n));
	if (!n) {
		oom(b, &ev->start_mark);
		return NULL;
	}
	n->kind = kind;
	n->line = (unsigned)ev->start_mark.line;
	n->col = (unsigned)ev->start_mark.column;
	n->end_line = (unsigned)ev->end_mark.line;
	n->end_col = (unsigned)ev->end_mark.column;
	return n;
}

static int remember_anchor(builder *b, const yaml_event_t *ev,
			   const unsigned char *anchor, cq_ynode *n)
{
	cq_ynode **slot;
	long *idx;

	if (!anchor)
		return 0;
	idx = cq_strmap_put(&b->anchors, (const char *)anchor,
			    strlen((const char *)anchor), NULL);
	slot = cq_vec_push(&b->anchored, b->a);
	if (!idx || !slot)
		return oom(b, &ev->start_mark);
	*slot = n;
	*idx = (long)b->anchored.len - 1;
	return 0;
}

/* Adds a finished node to the open collection, or makes it the root. */
static int attach(builder *b, const yaml_event_t *ev, cq_ynode *n)
{
	cq_ynode **slot;

	if (b->depth == 0) {
		if (!b->doc->root)
			b->doc->root = n;
		return 0;
	}
	slot = cq_vec_push(&b->stack[b->depth - 1].items, b->a);
	if (!slot)
		return oom(b, &ev->start_mark);
	*slot = n;
	return 0;
}

static int on_scalar(builder *b, const yaml_event_t *ev)
{
	const char *tag = (const char *)ev->data.scalar.tag;
	cq_ynode *n = new_node(b, ev, CQ_Y_SCALAR);

	if (!n)
		return -1;
	n->style = scalar_style(ev->data.scalar.style);
	n->value = cq_arena_strndup(b->a, (const char *)ev->data.scalar.value,
				    ev->data.scalar.length);
	if (!n->value)
		return oom(b, &ev->start_mark);
	n->value_len = ev->data.scalar.length;
	if (tag && strcmp(tag, YAML_STR_TAG) == 0)
		n->type = CQ_YT_STRING;
	else if (n->style == CQ_YS_PLAIN && strlen(n->value) == n->value_len)
		n->type = resolve_plain(n->value);
	else
		n->type = CQ_YT_STRING;
	if (remember_anchor(b, ev, ev->data.scalar.anchor, n) < 0)
		return -1;
	return attach(b, ev, n);
}

static int on_start(builder *b, const yaml_event_t *ev, cq_ykind kind)
{
	const unsigned char *anchor;
	int flow;
	cq_ynode *n;

	if (b->depth >= CQ_YAML_MAX_DEPTH)
		return fail(b, &ev->start_mark,
			    "YAML nested too deeply (more than 64 levels)");
	n = new_node(b, ev, kind);
	if (!n)
		return -1;
	if (kind == CQ_Y_SEQ) {
		anchor = ev->data.sequence_start.anchor;
		flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
		n->type = CQ_YT_LIST;
	} else {
		anchor = ev->data.mapping_start.anchor;
		flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		n->type = CQ_YT_MAP;
	}
	n->style = flow ? CQ_YS_FLOW : CQ_YS_BLOCK;
	if (remember_anchor(b, ev, anchor, n) < 0)
		return -1;
	b->stack[b->depth].node = n;
	cq_vec_init(&b->stack[b->depth].items, sizeof(cq_ynode *));
	b->depth++;
	return 0;
}

static int on_end(builder *b, const yaml_event_t *ev)
{
	frame *f = &b->stack[--b->depth];

	f->node->items = f->items.items;
	f->node->n = f->items.len;
	f->node->end_line = (unsigned)ev->end_mark.line;
	f->node->end_col = (unsigned)ev->end_mark.column;
	return attach(b, ev, f->node);
}

static int on_alias(builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	long *idx = cq_strmap_get(&b->anchors, name, strlen(name));
	cq_ynode *n;

	if (!idx)
		return fail(b, &ev->start_mark, "YAML alias to an unknown anchor");
	/* A shallow copy that shares the target's items: positions are the
	 * alias's own, content is the anchor's. */
	n = new_node(b, ev, CQ_Y_SCALAR);
	if (!n)
		return -1;
	{
		unsigned line = n->line, col = n->col;
		unsigned end_line = n->end_line, end_col = n->end_col;

		*n = **CQ_VEC_AT(&b->anchored, cq_ynode *, *idx);
		n->line = line, n->col = col;
		n->end_line = end_line, n->end_col = end_col;
	}
	n->is_alias = 1;
	return attach(b, ev, n);
}

static int on_event(builder *b, const yaml_event_t *ev, int *done)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return on_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT: return on_start(b, ev, CQ_Y_SEQ);
	case YAML_MAPPING_START_EVENT: return on_start(b, ev, CQ_Y_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: return on_end(b, ev);
	case YAML_ALIAS_EVENT: return on_alias(b, ev);
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT: *done = 1; return 0;
	default: return 0;
	}
}

int cq_yaml_parse(cq_ydoc *doc, cq_arena *a, const char *text, size_t len)
{
	yaml_parser_t parser;
	builder b;
	int rc = 0, done = 0;

	memset(doc, 0, sizeof(*doc));
	memset(&b, 0, sizeof(b));
	b.a = a;
	b.doc = doc;
	cq_strmap_init(&b.anchors, a);
	cq_vec_init(&b.anchored, sizeof(cq_ynode *));
	if (!yaml_parser_initialize(&parser)) {
		snprintf(doc->error, sizeof(doc->error), "out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && rc == 0) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev)) {
			const char *problem = parser.problem ? parser.problem : "invalid YAML";

			if (parser.context)
				snprintf(doc->error, sizeof(doc->error), "%s %s", problem,
					 parser.context);
			else
				snprintf(doc->error, sizeof(doc->error), "%s", problem);
			doc->err_line = (unsigned)parser.problem_mark.line;
			doc->err_col = (unsigned)parser.problem_mark.column;
			rc = -1;
			break;
		}
		rc = on_event(&b, &ev, &done);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return rc;
}

/* Writes a number in a form JSON accepts (no '+', leading zeros, 0x or
 * '.5'); returns 0 when the scalar has no JSON number form (.inf, .nan). */
static int put_number(cq_buf *out, const cq_ynode *n)
{
	char tmp[40];
	double d;
	int prec;

	if (n->type == CQ_YT_INT) {
		const char *s = n->value;
		int base = strncmp(s, "0x", 2) == 0 ? 16 : strncmp(s, "0o", 2) == 0 ? 8 : 10;
		long long v;

		errno = 0;
		v = strtoll(base == 10 ? s : s + 2, NULL, base);
		if (errno == 0) {
			cq_buf_printf(out, "%lld", v);
			return 1;
		}
	}
	errno = 0;
	d = strtod(n->value, NULL);
	if (!isfinite(d) || strchr(n->value, 'n') || strchr(n->value, 'N'))
		return 0;
	/* The shortest form that reads back as the same double. */
	for (prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	cq_buf_puts(out, tmp);
	return 1;
}

/* budget counts nodes written and limit the length out may reach, so
 * aliases that multiply stay bounded. */
static int to_json(cq_buf *out, const cq_ynode *n, size_t *budget, size_t limit)
{
	size_t i;

	if ((*budget)-- == 0 || out->len > limit || out->failed)
		return -1;
	if (n->kind == CQ_Y_SCALAR) {
		if (n->type == CQ_YT_NULL)
			cq_buf_puts(out, "null");
		else if (n->type == CQ_YT_BOOL)
			cq_buf_puts(out, (n->value[0] | 0x20) == 't' ? "true" : "false");
		else if ((n->type != CQ_YT_INT && n->type != CQ_YT_FLOAT) ||
			 !put_number(out, n))
			cq_json_str(out, n->value, n->value_len);
		return 0;
	}
	cq_buf_putc(out, n->kind == CQ_Y_SEQ ? '[' : '{');
	for (i = 0; i < n->n; i++) {
		if (i)
			cq_buf_putc(out, n->kind == CQ_Y_MAP && i % 2 ? ':' : ',');
		if (n->kind == CQ_Y_MAP && i % 2 == 0 && n->items[i]->kind == CQ_Y_SCALAR)
			cq_json_str(out, n->items[i]->value, n->items[i]->value_len);
		else if (n->kind == CQ_Y_MAP && i % 2 == 0)
			cq_buf_puts(out, "\"\""); /* a complex key: JSON cannot say it */
		else if (to_json(out, n->items[i], budget, limit) < 0)
			return -1;
	}
	cq_buf_putc(out, n->kind == CQ_Y_SEQ ? ']' : '}');
	return 0;
}

int cq_yaml_to_json(cq_buf *out, const cq_ynode *node, size_t *bytes_left)
{
	size_t budget = CQ_YAML_MAX_NODES, start = out->len;
	int rc = to_json(out, node, &budget, start + *bytes_left);

	if (rc == 0 && out->len - start > *bytes_left)
		rc = -1; /* the last scalar went over */
	*bytes_left = rc == 0 ? *bytes_left - (out->len - start) : 0;
	return rc;
}

const char *cq_ytype_name(cq_ytype t)
{
	static const char *const names[] = {"string", "integer", "number", "boolean",
					    "null",   "list",    "object"};

	return names[t];
}

const cq_ynode *cq_ymap_get(const cq_ynode *map, const char *key)
{
	size_t i;

	if (!map || map->kind != CQ_Y_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2) {
		const cq_ynode *k = map->items[i];

		if (k->kind == CQ_Y_SCALAR && strcmp(k->value, key) == 0)
			return map->items[i + 1];
	}
	return NULL;
}
