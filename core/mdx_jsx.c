/* JSX tags as MDX reads them: <Name attr="v" attr={expr} {...spread} />,
 * closing tags </Name> and fragments <>. The grammar and its errors follow
 * micromark-extension-mdx-jsx. */
#include <string.h>
#include <utf8proc.h>

#include "mdx.h"

int cq_js_id_start(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       cp == '$' || cp == '_';
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
	       c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
	       c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_NL;
}

int cq_js_id_continue(int32_t cp)
{
	utf8proc_category_t c;

	if (cq_js_id_start(cp) || (cp >= '0' && cp <= '9'))
		return 1;
	if (cp < 0x80)
		return 0;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_PC ||
	       cp == 0x200C || cp == 0x200D;
}

typedef struct tag_lexer {
	cq_mdx *m;
	cq_arena *a;
	const char *s;
	size_t n, i;
	int quote_depth;
	const char *err;
	size_t err_at;
} tag_lexer;

static int32_t peek(const tag_lexer *lx, int *len)
{
	int32_t cp;

	if (lx->i >= lx->n) {
		*len = 0;
		return -2; /* end of file */
	}
	*len = cq_utf8_next((const unsigned char *)lx->s + lx->i, lx->n - lx->i, &cp);
	return cp;
}

/* Whitespace between the parts of a tag, line endings included; after a
 * line ending, the blockquote markers of the container are kept as holes. */
static void skip_space(tag_lexer *lx)
{
	while (lx->i < lx->n) {
		char c = lx->s[lx->i];

		if (c == ' ' || c == '\t' || c == '\r') {
			lx->i++;
		} else if (c == '\n') {
			size_t start = ++lx->i;
			int q;

			for (q = 0; q < lx->quote_depth; q++) {
				while (lx->i < lx->n && (lx->s[lx->i] == ' ' || lx->s[lx->i] == '\t'))
					lx->i++;
				if (lx->i >= lx->n || lx->s[lx->i] != '>')
					break;
				lx->i++;
			}
			if (lx->i > start) {
				cq_range *hole = cq_vec_push(&lx->m->holes, lx->a);

				if (hole)
					hole->start = start, hole->end = lx->i;
			}
		} else {
			break;
		}
	}
}

/* A syntax error at the current character; at the end of the file, the
 * tag that does not end is the place to look. */
static int fail(tag_lexer *lx, const char *msg)
{
	lx->err = msg;
	if (lx->i < lx->n)
		lx->err_at = lx->i;
	return -1;
}

/* A name: identifier characters and '-', then optionally '.member' parts or
 * one ':local' part. The name is copied into the arena. */
static int name(tag_lexer *lx, const char **out, int allow_member)
{
	size_t start = lx->i;
	int len;
	int32_t cp = peek(lx, &len);

	if (cp < 0 || !cq_js_id_start(cp))
		return fail(lx, cp == -2 ? "unexpected end of file in a tag; close it with '>'"
					 : "unexpected character before a name; a tag name starts with a letter, '$' or '_' (write '\\<' for a plain '<')");
	for (;;) {
		lx->i += (size_t)len;
		cp = peek(lx, &len);
		if (cp >= 0 && (cq_js_id_continue(cp) || cp == '-'))
			continue;
		if ((cp == '.' && allow_member) || cp == ':') {
			lx->i += (size_t)len;
			cp = peek(lx, &len);
			if (cp < 0 || !cq_js_id_start(cp))
				return fail(lx, "unexpected character after '.' or ':' in a tag name");
			continue;
		}
		break;
	}
	*out = cq_arena_strndup(lx->a, lx->s + start, lx->i - start);
	return *out ? 0 : fail(lx, "out of memory");
}

static int attr_value(tag_lexer *lx, cq_jsx_attr *at)
{
	char q = lx->i < lx->n ? lx->s[lx->i] : 0;

	if (q == '"' || q == '\'') {
		const char *end = memchr(lx->s + lx->i + 1, q, lx->n - lx->i - 1);

		if (!end)
			return fail(lx, "unterminated attribute value in a tag");
		at->kind = CQ_ATTR_STRING;
		at->value_start = lx->i + 1;
		at->value_end = (size_t)(end - lx->s);
		lx->i = at->value_end + 1;
		return 0;
	}
	if (q == '{') {
		size_t end = cq_js_braced(lx->m, lx->a, lx->i, 1, lx->quote_depth, &lx->err, &lx->err_at);

		if (end == (size_t)-1)
			return -1;
		at->kind = CQ_ATTR_EXPR;
		at->value_start = lx->i + 1;
		at->value_end = end - 1;
		lx->i = end;
		return 0;
	}
	return fail(lx, "unexpected character in an attribute value; use quotes or braces");
}

static int attribute(tag_lexer *lx, cq_jsx_tag *tag)
{
	cq_jsx_attr *at = cq_vec_push(&tag->attrs, lx->a);

	if (!at)
		return fail(lx, "out of memory");
	at->start = lx->i;
	if (lx->s[lx->i] == '{') {
		size_t end = cq_js_braced(lx->m, lx->a, lx->i, 1, lx->quote_depth, &lx->err, &lx->err_at);

		if (end == (size_t)-1)
			return -1;
		at->kind = CQ_ATTR_SPREAD;
		at->value_start = lx->i + 1;
		at->value_end = end - 1;
		lx->i = end;
		return 0;
	}
	if (name(lx, &at->name, 0) < 0)
		return -1;
	skip_space(lx);
	if (lx->i < lx->n && lx->s[lx->i] == '=') {
		lx->i++;
		skip_space(lx);
		return attr_value(lx, at);
	}
	at->kind = CQ_ATTR_BOOLEAN;
	return 0;
}

static int expect_close(tag_lexer *lx)
{
	skip_space(lx);
	if (lx->i < lx->n && lx->s[lx->i] == '>') {
		lx->i++;
		return 0;
	}
	return fail(lx, lx->i >= lx->n ? "unexpected end of file in a tag; close it with '>'"
				       : "unexpected character in a tag; expected '>'");
}

static int attributes(tag_lexer *lx, cq_jsx_tag *tag)
{
	for (;;) {
		skip_space(lx);
		if (lx->i >= lx->n)
			return fail(lx, "unexpected end of file in a tag; close it with '>' or '/>'");
		if (lx->s[lx->i] == '/') {
			lx->i++;
			tag->self_closing = 1;
			return expect_close(lx);
		}
		if (lx->s[lx->i] == '>') {
			lx->i++;
			return 0;
		}
		if (attribute(lx, tag) < 0)
			return -1;
	}
}

static int lex(tag_lexer *lx, cq_jsx_tag *tag)
{
	lx->i++; /* '<' */
	skip_space(lx);
	if (lx->i < lx->n && lx->s[lx->i] == '/') {
		tag->closing = 1;
		lx->i++;
		skip_space(lx);
	}
	if (lx->i < lx->n && lx->s[lx->i] == '>') {
		tag->name = "";
		lx->i++;
		return 0;
	}
	if (name(lx, &tag->name, 1) < 0)
		return -1;
	if (tag->closing)
		return expect_close(lx);
	return attributes(lx, tag);
}

size_t cq_jsx_tag_lex(cq_mdx *m, cq_arena *a, size_t pos, int quote_depth,
		      cq_jsx_tag *tag, const char **err, size_t *err_at)
{
	tag_lexer lx = {m, a, m->src, m->len, pos, quote_depth, NULL, pos};
	char next = pos + 1 < m->len ? m->src[pos + 1] : '\n';

	/* MDX deviates from JSX here: '<' before whitespace is plain text. */
	if (next == ' ' || next == '\t' || next == '\n' || next == '\r')
		return 0;
	memset(tag, 0, sizeof(*tag));
	cq_vec_init(&tag->attrs, sizeof(cq_jsx_attr));
	tag->start = pos;
	if (lex(&lx, tag) < 0) {
		*err = lx.err;
		*err_at = lx.err_at;
		return (size_t)-1;
	}
	tag->end = lx.i;
	return lx.i;
}
