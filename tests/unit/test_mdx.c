/* The MDX scanner: what it blanks for cmark, and what it reports. */
#include "check.h"
#include "mdx.h"

/* The blanked text with fill bytes shown as '~'. */
static const char *blanked(const char *src, cq_mdx *m, cq_arena *a)
{
	static char out[4096];
	size_t i;

	cq_arena_init(a);
	cq_mdx_scan(m, a, src, strlen(src));
	for (i = 0; i < m->len && i + 1 < sizeof(out); i++)
		out[i] = m->md[i] == CQ_MDX_FILL ? '~' : m->md[i];
	out[i] = '\0';
	return out;
}

static void flow_tags_become_blank_lines(void)
{
	cq_mdx m;
	cq_arena a;

	CHECK_STR(blanked("<Callout type=\"tip\">\nText\n</Callout>\n", &m, &a),
		  "                    \nText\n          \n");
	CHECK_INT(m.tags.len, 2);
	CHECK_INT(CQ_VEC_AT(&m.tags, cq_jsx_tag, 0)->flow, 1);
	cq_arena_free(&a);
}

static void text_tags_become_fill(void)
{
	cq_mdx m;
	cq_arena a;

	CHECK_STR(blanked("a <b>x</b> {1} c\n", &m, &a), "a ~~~x~~~~ ~~~ c\n");
	CHECK_INT(CQ_VEC_AT(&m.tags, cq_jsx_tag, 0)->flow, 0);
	cq_arena_free(&a);
}

static void code_is_left_alone(void)
{
	cq_mdx m;
	cq_arena a;

	CHECK_STR(blanked("`{a} <b>` and\n```js\n{x} <y>\n```\n", &m, &a),
		  "`{a} <b>` and\n```js\n{x} <y>\n```\n");
	CHECK_INT(m.tags.len + m.exprs.len + m.errors.len, 0);
	cq_arena_free(&a);
}

static void template_literal_spans_blank_lines(void)
{
	cq_mdx m;
	cq_arena a;
	const char *src = "<M chart={`\nflowchart\n\n  A{x} --> B\n`} />\n\n# H\n";

	CHECK_STR(blanked(src, &m, &a), "           \n         \n\n            \n     \n\n# H\n");
	CHECK_INT(m.tags.len, 1);
	CHECK_INT(m.errors.len, 0);
	cq_arena_free(&a);
}

static void esm_and_frontmatter(void)
{
	cq_mdx m;
	cq_arena a;
	const char *src = "---\nt: 1\n---\n\nimport A, { B as C } from './a.js';\n\ntext\n";
	const cq_import *imp;

	CHECK_STR(blanked(src, &m, &a),
		  "   \n    \n   \n\n                                   \n\ntext\n");
	CHECK_INT(m.fm, CQ_FM_OK);
	CHECK_INT(m.imports.len, 1);
	imp = CQ_VEC_AT(&m.imports, cq_import, 0);
	CHECK_STR(imp->source, "./a.js");
	CHECK_INT(imp->names.len, 2);
	CHECK_STR(CQ_VEC_AT(&imp->names, cq_import_name, 1)->local, "C");
	cq_arena_free(&a);
}

static void import_in_a_paragraph_is_text(void)
{
	cq_mdx m;
	cq_arena a;

	blanked("para\nimport x from 'y'\n", &m, &a);
	CHECK_INT(m.imports.len, 0);
	cq_arena_free(&a);
}

static void errors(void)
{
	cq_mdx m;
	cq_arena a;

	blanked("a <3 b\n", &m, &a);
	CHECK_INT(m.errors.len, 1);
	cq_arena_free(&a);
	blanked("a < b\n", &m, &a);
	CHECK_INT(m.errors.len, 0);
	cq_arena_free(&a);
	blanked("text {unclosed\n\nmore {x}\n", &m, &a);
	CHECK_INT(m.errors.len, 1);
	CHECK_INT(m.exprs.len, 2); /* the blanked '{' and {x} */
	cq_arena_free(&a);
	blanked("<Foo bar=\"1\"\n", &m, &a);
	CHECK_INT(m.errors.len, 1);
	cq_arena_free(&a);
	blanked("---\nt: 1\n", &m, &a);
	CHECK_INT(m.fm, CQ_FM_UNTERMINATED);
	cq_arena_free(&a);
}

static void many_unmatched_backticks_are_linear(void)
{
	static char src[200001];
	cq_mdx m;
	cq_arena a;
	size_t i;

	for (i = 0; i < sizeof(src) - 1; i++)
		src[i] = (i % 3) ? '`' : ' ';
	src[sizeof(src) - 1] = '\0';
	blanked(src, &m, &a); /* would take minutes if quadratic */
	CHECK_INT(m.errors.len, 0);
	cq_arena_free(&a);
}

int main(void)
{
	RUN(flow_tags_become_blank_lines);
	RUN(text_tags_become_fill);
	RUN(code_is_left_alone);
	RUN(template_literal_spans_blank_lines);
	RUN(esm_and_frontmatter);
	RUN(import_in_a_paragraph_is_text);
	RUN(errors);
	RUN(many_unmatched_backticks_are_linear);
	DONE();
}
