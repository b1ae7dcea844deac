/* The YAML tree: typing under the core schema, positions, and bounds on
 * aliases and nesting. */
#include <stdlib.h>

#include "check.h"
#include "yaml_tree.h"

static const char *json_of(const char *yaml)
{
	static char out[4096];
	cq_arena a;
	cq_ydoc doc;
	cq_buf b = CQ_BUF_INIT;
	size_t left = CQ_YAML_MAX_JSON;

	cq_arena_init(&a);
	if (cq_yaml_parse(&doc, &a, yaml, strlen(yaml)) < 0)
		snprintf(out, sizeof(out), "error %u:%u %s", doc.err_line + 1, doc.err_col + 1,
			 doc.error);
	else if (cq_yaml_to_json(&b, doc.root, &left) < 0)
		snprintf(out, sizeof(out), "too many");
	else
		snprintf(out, sizeof(out), "%s", cq_buf_cstr(&b));
	cq_buf_free(&b);
	cq_arena_free(&a);
	return out;
}

static void core_schema(void)
{
	CHECK_STR(json_of("a: 1\nb: 1.5\nc: true\nd: ~\ne: \"4\"\nf: '5'\ng: x y\n"),
		  "{\"a\":1,\"b\":1.5,\"c\":true,\"d\":null,\"e\":\"4\",\"f\":\"5\",\"g\":\"x y\"}");
	CHECK_STR(json_of("a: 0x1F\nb: 0o17\nc: +3\nd: 007\ne: .5\nf: 1e3\ng: .inf\n"),
		  "{\"a\":31,\"b\":15,\"c\":3,\"d\":7,\"e\":0.5,\"f\":1000,\"g\":\".inf\"}");
	CHECK_STR(json_of("a: yes\nb: True\nc: !!str 12\n"),
		  "{\"a\":\"yes\",\"b\":true,\"c\":\"12\"}");
	CHECK_STR(json_of("t: [\"a\", 'b', c]\nl:\n  - x\n  - 2\n"),
		  "{\"t\":[\"a\",\"b\",\"c\"],\"l\":[\"x\",2]}");
	CHECK_STR(json_of("s: \"Привет \\u00e9\\n\"\n"), "{\"s\":\"Привет é\\n\"}");
}

static void errors_have_positions(void)
{
	CHECK_STR(json_of("a: 1\nb: [1, 2\n"),
		  "error 3:1 did not find expected ',' or ']' while parsing a flow sequence");
	CHECK_STR(json_of("a: *nope\n"), "error 1:4 YAML alias to an unknown anchor");
}

static void alias_bomb_is_bounded(void)
{
	char *y = malloc(1 << 16);
	int i;

	/* The billion laughs: each level refers ten times to the one before. */
	strcpy(y, "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 12; i++) {
		char prev[8];

		snprintf(prev, sizeof(prev), "l%d", i - 1);
		sprintf(y + strlen(y), "l%d: &l%d [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n",
			i, i, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev);
	}
	CHECK_STR(json_of(y), "too many");
	free(y);
}

/* Few nodes but long strings, in many values of one document: the bytes
 * they come to are bounded across the values, not per value. */
static void long_aliased_strings_are_bounded(void)
{
	size_t n = 3000, left = CQ_YAML_MAX_JSON, i;
	char *y = malloc(n + 200);
	cq_arena a;
	cq_ydoc doc;
	cq_buf b = CQ_BUF_INIT;
	int failed = 0;

	strcpy(y, "s: &s ");
	memset(y + 6, 'x', n);
	strcpy(y + 6 + n, "\nl: &l [*s, *s, *s, *s, *s, *s, *s, *s, *s, *s]"
			  "\nm: &m [*l, *l, *l, *l, *l, *l, *l, *l, *l, *l]\n");
	cq_arena_init(&a);
	CHECK(cq_yaml_parse(&doc, &a, y, strlen(y)) == 0);
	/* m alone is 100 x 3000 bytes, under the limit; a hundred times m is
	 * not, though each value alone would be. */
	for (i = 0; i < 100 && !failed; i++) {
		cq_buf_clear(&b);
		failed = cq_yaml_to_json(&b, doc.root->items[5], &left) < 0;
	}
	CHECK(failed);
	CHECK(i > 1 && i < 10);
	CHECK(left == 0);
	cq_buf_free(&b);
	cq_arena_free(&a);
	free(y);
}

static void deep_nesting_is_bounded(void)
{
	char *y = malloc(30000);
	int i;

	strcpy(y, "a: ");
	for (i = 0; i < 10000; i++)
		strcat(y, "[");
	CHECK(strstr(json_of(y), "nested too deeply") != NULL);
	free(y);
}

static void marks(void)
{
	cq_arena a;
	cq_ydoc doc;
	const cq_ynode *t;

	cq_arena_init(&a);
	CHECK_INT(cq_yaml_parse(&doc, &a, "x: 1\ntopics: [\"a\", b]\n", 21), 0);
	t = cq_ymap_get(doc.root, "topics");
	CHECK(t && t->kind == CQ_Y_SEQ && t->style == CQ_YS_FLOW);
	CHECK_INT(t->line, 1);
	CHECK_INT(t->col, 8);
	CHECK_INT(t->items[0]->col, 9);
	CHECK_INT(t->items[0]->style, CQ_YS_DOUBLE);
	CHECK_INT(t->items[1]->col, 14);
	cq_arena_free(&a);
}

int main(void)
{
	RUN(core_schema);
	RUN(errors_have_positions);
	RUN(alias_bomb_is_bounded);
	RUN(long_aliased_strings_are_bounded);
	RUN(deep_nesting_is_bounded);
	RUN(marks);
	DONE();
}
