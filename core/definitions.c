/* Link reference definitions ([label]: url "title"). cmark consumes them
 * without a trace in its tree, while MDX keeps them as nodes, so they are
 * found here, on the blanked text, where a paragraph could start. */
#include <string.h>

#include "lesson.h"

typedef struct line_view {
	const char *s;
	size_t i, end;
} line_view;

static int ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static void skip_ws(line_view *v)
{
	while (v->i < v->end && ws(v->s[v->i]))
		v->i++;
}

static int label(line_view *v)
{
	size_t start;
	int nonblank = 0;

	if (v->i >= v->end || v->s[v->i] != '[')
		return 0;
	start = ++v->i;
	if (v->i < v->end && v->s[v->i] == '^')
		return 0; /* a footnote definition */
	for (; v->i < v->end && v->s[v->i] != ']'; v->i++) {
		if (v->s[v->i] == '\\' && v->i + 1 < v->end)
			v->i++;
		else if (v->s[v->i] == '[')
			return 0;
		if (!ws(v->s[v->i]))
			nonblank = 1;
	}
	if (v->i + 1 >= v->end || v->s[v->i + 1] != ':' || v->i - start > 999)
		return 0;
	v->i += 2;
	return nonblank;
}

/* The destination; [*start, *stop) is its text without angle brackets. */
static int destination(line_view *v, size_t *start, size_t *stop)
{
	int depth = 0;

	skip_ws(v);
	if (v->i < v->end && v->s[v->i] == '<') {
		const char *gt = memchr(v->s + v->i, '>', v->end - v->i);

		if (!gt)
			return 0;
		*start = v->i + 1;
		*stop = (size_t)(gt - v->s);
		v->i = *stop + 1;
		return 1;
	}
	*start = v->i;
	for (; v->i < v->end && !ws(v->s[v->i]); v->i++) {
		if (v->s[v->i] == '\\' && v->i + 1 < v->end)
			v->i++;
		else if (v->s[v->i] == '(')
			depth++;
		else if (v->s[v->i] == ')' && --depth < 0)
			return 0;
	}
	*stop = v->i;
	return *stop > *start && depth == 0;
}

static int title_and_end(line_view *v)
{
	size_t before = v->i;

	skip_ws(v);
	if (v->i < v->end && v->i > before && strchr("\"'(", v->s[v->i])) {
		char close = v->s[v->i] == '(' ? ')' : v->s[v->i];
		const char *q = memchr(v->s + v->i + 1, close, v->end - v->i - 1);

		if (!q)
			return 0;
		v->i = (size_t)(q - v->s) + 1;
		skip_ws(v);
	}
	return v->i == v->end;
}

static const char *unescape(cq_arena *a, const char *s, size_t n)
{
	char *out = cq_arena_alloc(a, n + 1);
	size_t i, k = 0;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i + 1]))
			i++;
		out[k++] = s[i];
	}
	return out;
}

/* A definition on this line of the blanked text: 1 when added. */
static int definition(cq_lesson_facts *f, size_t start, size_t end)
{
	line_view v = {f->mdx.md, start, end};
	size_t ustart, ustop;
	cq_link *l;

	skip_ws(&v);
	while (v.i < v.end && v.s[v.i] == '>') {
		v.i++;
		skip_ws(&v);
	}
	if (!label(&v) || !destination(&v, &ustart, &ustop) || !title_and_end(&v))
		return 0;
	l = cq_vec_push(&f->links, &f->arena);
	if (!l)
		return -1;
	l->kind = CQ_LINK_DEFINITION;
	l->url = unescape(&f->arena, f->src + ustart, ustop - ustart);
	l->pos = cq_lesson_pos(f, ustart);
	if (l->url && strlen(l->url) == ustop - ustart) {
		l->url_start = ustart;
		l->url_end = ustop;
	}
	return l->url ? 1 : -1;
}

/* Lines inside fenced code hold no definitions. */
static unsigned char *code_lines(cq_lesson_facts *f, uint32_t nlines)
{
	unsigned char *in_code = cq_arena_alloc(&f->arena, nlines + 2);
	size_t i;
	uint32_t l;

	if (!in_code)
		return NULL;
	for (i = 0; i < f->code.len; i++) {
		const cq_code *c = CQ_VEC_AT(&f->code, cq_code, i);

		for (l = c->pos.line; l <= c->pos.line + c->lines + 1 && l <= nlines; l++)
			in_code[l] = 1;
	}
	return in_code;
}

static int blank(const char *s, size_t start, size_t end)
{
	for (; start < end; start++)
		if (!ws(s[start]) && s[start] != '>')
			return 0;
	return 1;
}

int cq_definitions_extract(cq_lesson_facts *f)
{
	const cq_lines *lines = &f->mdx.lines;
	unsigned char *in_code = code_lines(f, lines->count);
	int may_start = 1; /* a paragraph could start on this line */
	uint32_t l;

	if (!in_code)
		return -1;
	for (l = 1; l <= lines->count; l++) {
		size_t start = lines->starts[l - 1];
		size_t end = start + cq_lines_length(lines, l);
		int found = 0;

		if (in_code[l]) {
			may_start = 1;
			continue;
		}
		if (blank(f->mdx.md, start, end)) {
			may_start = 1;
			continue;
		}
		if (may_start && memchr(f->mdx.md + start, '[', end - start)) {
			found = definition(f, start, end);
			if (found < 0)
				return -1;
		}
		may_start = found || f->mdx.md[start + strspn(f->mdx.md + start, " \t")] == '#';
	}
	return 0;
}
