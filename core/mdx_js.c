/* Finding where JavaScript inside MDX ends: {expressions}, attribute
 * values and ESM blocks. MDX itself lets acorn decide, which amounts to the
 * first closing brace at which the code is complete; a lexer that knows
 * strings, template literals, comments and regular expressions finds the
 * same place for any valid code. */
#include <string.h>

#include "mdx.h"

enum { MAX_NESTING = 256 };

typedef struct js_lexer {
	cq_mdx *m;
	cq_arena *a;
	const char *s;
	size_t n, i;
	char stack[MAX_NESTING]; /* { ( [ ` and $ (a template's ${) */
	size_t opened[MAX_NESTING]; /* where each of them starts */
	int depth;
	char prev; /* last significant character, for the regex rule */
	int blank_ok, quote_depth;
	const char *err;
	size_t err_at; /* where the construct that failed starts */
} js_lexer;

static int is_blank_line_at(const char *s, size_t n, size_t i)
{
	for (; i < n && s[i] != '\n'; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* After a newline: refuse a blank line where MDX does, and step over the
 * blockquote markers that continue the construct's container. */
static int newline(js_lexer *lx)
{
	size_t start = ++lx->i;
	cq_range *hole;
	int q;

	if (!lx->blank_ok && is_blank_line_at(lx->s, lx->n, lx->i)) {
		lx->err = "unexpected blank line in expression; close it on the paragraph's lines";
		lx->err_at = lx->depth ? lx->opened[lx->depth - 1] : start - 1;
		return -1;
	}
	for (q = 0; q < lx->quote_depth; q++) {
		size_t j = lx->i;

		while (j < lx->n && (lx->s[j] == ' ' || lx->s[j] == '\t'))
			j++;
		if (j >= lx->n || lx->s[j] != '>')
			break;
		lx->i = j + 1;
		if (lx->i < lx->n && lx->s[lx->i] == ' ')
			lx->i++;
	}
	if (lx->i > start && lx->m) {
		hole = cq_vec_push(&lx->m->holes, lx->a);
		if (!hole) {
			lx->err = "out of memory";
			return -1;
		}
		hole->start = start;
		hole->end = lx->i;
	}
	return 0;
}

static int push(js_lexer *lx, char c)
{
	if (lx->depth == MAX_NESTING) {
		lx->err = "expression nested too deeply";
		lx->err_at = lx->i;
		return -1;
	}
	lx->opened[lx->depth] = lx->i - (c == '$' ? 2 : 1);
	lx->stack[lx->depth++] = c;
	return 0;
}

static int quoted(js_lexer *lx, char q)
{
	lx->err_at = lx->i;
	for (lx->i++; lx->i < lx->n; lx->i++) {
		char c = lx->s[lx->i];

		if (c == '\\' && lx->i + 1 < lx->n)
			lx->i++;
		else if (c == q)
			return lx->i++, 0;
		else if (c == '\n')
			break;
	}
	lx->err = "unterminated string in expression";
	return -1;
}

static int block_comment(js_lexer *lx)
{
	lx->err_at = lx->i;
	for (lx->i += 2; lx->i + 1 < lx->n; ) {
		if (lx->s[lx->i] == '*' && lx->s[lx->i + 1] == '/')
			return lx->i += 2, 0;
		if (lx->s[lx->i] == '\n') {
			if (newline(lx) < 0)
				return -1;
		} else {
			lx->i++;
		}
	}
	lx->err = "unterminated comment in expression";
	return -1;
}

static int regex_allowed(char prev)
{
	return prev == 0 || strchr("(,=:[!&|?{};+-*%<>~^", prev) != NULL;
}

static int regex(js_lexer *lx)
{
	int in_class = 0;

	lx->err_at = lx->i;
	for (lx->i++; lx->i < lx->n && lx->s[lx->i] != '\n'; lx->i++) {
		char c = lx->s[lx->i];

		if (c == '\\' && lx->i + 1 < lx->n)
			lx->i++;
		else if (c == '[')
			in_class = 1;
		else if (c == ']')
			in_class = 0;
		else if (c == '/' && !in_class)
			return lx->i++, 0;
	}
	lx->err = "unterminated regular expression in expression";
	return -1;
}

/* Inside a template literal's text. */
static int template_step(js_lexer *lx)
{
	char c = lx->s[lx->i];

	if (c == '\\')
		lx->i += lx->i + 1 < lx->n ? 2 : 1;
	else if (c == '`')
		lx->depth--, lx->i++, lx->prev = '`';
	else if (c == '$' && lx->i + 1 < lx->n && lx->s[lx->i + 1] == '{')
		return lx->i += 2, push(lx, '$');
	else if (c == '\n')
		return newline(lx);
	else
		lx->i++;
	return 0;
}

static int close_bracket(js_lexer *lx, char c)
{
	static const char open_of[] = {['}'] = '{', [')'] = '(', [']'] = '['};
	char top = lx->depth ? lx->stack[lx->depth - 1] : 0;

	if (top == open_of[(unsigned char)c] || (c == '}' && top == '$'))
		lx->depth--;
	/* A stray closer is the code's problem, not the lexer's: ignore it. */
	lx->i++;
	lx->prev = c;
	return 0;
}

/* One token of code. */
static int code_step(js_lexer *lx)
{
	char c = lx->s[lx->i];
	char next = lx->i + 1 < lx->n ? lx->s[lx->i + 1] : 0;

	switch (c) {
	case '\n': return newline(lx);
	case ' ': case '\t': case '\r': lx->i++; return 0;
	case '"': case '\'': lx->prev = c; return quoted(lx, c);
	case '`': lx->i++; return push(lx, '`');
	case '{': case '(': case '[': lx->i++; lx->prev = c; return push(lx, c);
	case '}': case ')': case ']': return close_bracket(lx, c);
	case '/':
		if (next == '/') {
			while (lx->i < lx->n && lx->s[lx->i] != '\n')
				lx->i++;
			return 0;
		}
		if (next == '*')
			return block_comment(lx);
		if (regex_allowed(lx->prev)) {
			lx->prev = '/';
			return regex(lx);
		}
		break;
	default: break;
	}
	lx->prev = c;
	lx->i++;
	return 0;
}

static int step(js_lexer *lx)
{
	if (lx->depth && lx->stack[lx->depth - 1] == '`')
		return template_step(lx);
	return code_step(lx);
}

size_t cq_js_braced(cq_mdx *m, cq_arena *a, size_t pos, int blank_ok,
		    int quote_depth, const char **err, size_t *err_at)
{
	js_lexer lx = {0};

	lx.m = m;
	lx.a = a;
	lx.s = m->src;
	lx.n = m->len;
	lx.i = pos + 1;
	lx.blank_ok = blank_ok;
	lx.quote_depth = quote_depth;
	lx.opened[0] = pos;
	lx.stack[lx.depth++] = '{';
	while (lx.i < lx.n) {
		if (step(&lx) < 0) {
			*err = lx.err;
			*err_at = lx.err_at;
			return (size_t)-1;
		}
		if (lx.depth == 0)
			return lx.i;
	}
	*err_at = lx.opened[lx.depth - 1];
	*err = lx.stack[lx.depth - 1] == '`'
		       ? "unexpected end of file in a template literal; close it with a backtick"
		       : "unexpected end of file in expression; a closing brace is missing";
	return (size_t)-1;
}

size_t cq_js_esm_end(const char *s, size_t n, size_t pos)
{
	js_lexer lx = {0};
	size_t last_end = pos;

	lx.s = s;
	lx.n = n;
	lx.i = pos;
	lx.blank_ok = 1;
	while (lx.i < lx.n) {
		if (s[lx.i] == '\n' && lx.depth == 0) {
			last_end = lx.i;
			if (is_blank_line_at(s, n, lx.i + 1))
				return last_end;
		}
		if (step(&lx) < 0) {
			/* Broken code (an unterminated string): the block ends at
			 * its line, and the MDX compiler will say what is wrong. */
			while (lx.i < n && s[lx.i] != '\n')
				lx.i++;
			lx.err = NULL;
		}
	}
	return lx.i > last_end ? lx.i : last_end;
}
