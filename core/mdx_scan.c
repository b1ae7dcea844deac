/* The MDX scanner's driver: frontmatter, fenced code, code spans, escapes
 * and link destinations (where '<' and '{' mean nothing), ESM blocks, and
 * the JSX tags and expressions everywhere else; then the blanked copy for
 * cmark. See mdx.h. */
#include <stdlib.h>
#include <string.h>

#include "mdx.h"

/* Remembers failed searches for a closing backtick run of one length, so a
 * paragraph of unmatched backticks costs linear time, as in cmark. */
enum { RUN_MEMO = 64 };

typedef struct scanner {
	cq_mdx *m;
	cq_arena *a;
	const char *s;
	size_t n;
	int in_fence;
	char fence_char;
	size_t fence_len;
	int para;          /* the previous line was paragraph text */
	size_t dead_until; /* after an unterminated construct, MDX stops here */
	size_t no_close_from[RUN_MEMO], no_close_until[RUN_MEMO];
} scanner;

typedef struct span {
	size_t start, end;
	int *flow; /* where to record the verdict, or NULL */
	int always_flow;
} span;

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static size_t line_end(const scanner *sc, size_t i)
{
	const char *nl = memchr(sc->s + i, '\n', sc->n - i);

	return nl ? (size_t)(nl - sc->s) : sc->n;
}

static size_t next_line(const scanner *sc, size_t i)
{
	size_t e = line_end(sc, i);

	return e < sc->n ? e + 1 : sc->n;
}

static size_t skip_ws(const scanner *sc, size_t i, size_t end)
{
	while (i < end && is_ws(sc->s[i]))
		i++;
	return i;
}

static int error(scanner *sc, size_t off, const char *code, const char *msg)
{
	cq_mdx_error *e = cq_vec_push(&sc->m->errors, sc->a);

	if (!e)
		return -1;
	e->off = off;
	e->code = code;
	e->message = msg;
	return 0;
}

/* Where a line's content starts: after indentation, blockquote markers and
 * list markers. *quotes counts the blockquote markers. */
static size_t content_start(const scanner *sc, size_t i, size_t end, int *quotes)
{
	const char *s = sc->s;

	*quotes = 0;
	for (;;) {
		i = skip_ws(sc, i, end);
		if (i < end && s[i] == '>') {
			i++;
			++*quotes;
			continue;
		}
		if (i < end && strchr("-*+", s[i]) && (i + 1 == end || is_ws(s[i + 1]))) {
			i++;
			continue;
		}
		if (i < end && s[i] >= '0' && s[i] <= '9') {
			size_t j = i;

			while (j < end && j - i < 9 && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j < end && (s[j] == '.' || s[j] == ')') &&
			    (j + 1 == end || is_ws(s[j + 1]))) {
				i = j + 1;
				continue;
			}
		}
		return i;
	}
}

static size_t run_length(const scanner *sc, size_t i, char c)
{
	size_t j = i;

	while (j < sc->n && sc->s[j] == c)
		j++;
	return j - i;
}

/* Fenced code: ``` or ~~~ (three or more); an info string after backticks
 * holds no backtick. Any indentation, as MDX has no indented code. */
static int fence_open(scanner *sc, size_t c, size_t end)
{
	char ch = sc->s[c];
	size_t r;

	if (c >= end || (ch != '`' && ch != '~'))
		return 0;
	r = run_length(sc, c, ch);
	if (r < 3 || c + r > end)
		return 0;
	if (ch == '`' && memchr(sc->s + c + r, '`', end - c - r))
		return 0;
	sc->in_fence = 1;
	sc->fence_char = ch;
	sc->fence_len = r;
	return 1;
}

static int fence_close(const scanner *sc, size_t c, size_t end)
{
	size_t r;

	if (c >= end || sc->s[c] != sc->fence_char)
		return 0;
	r = run_length(sc, c, sc->fence_char);
	return r >= sc->fence_len && skip_ws(sc, c + r, end) == end;
}

static int blank_line(const scanner *sc, size_t i)
{
	size_t end = line_end(sc, i);

	return skip_ws(sc, i, end) == end;
}

/* The closing run of a code span opened by r backticks before i: a run of
 * exactly r backticks before the paragraph ends (a blank line). Returns
 * the offset after it, or 0. */
static size_t code_span_close(scanner *sc, size_t i, size_t r)
{
	size_t slot = r < RUN_MEMO ? r : RUN_MEMO - 1;
	size_t j = i;

	if (r < RUN_MEMO && i >= sc->no_close_from[slot] && i < sc->no_close_until[slot])
		return 0;
	while (j < sc->n) {
		if (sc->s[j] == '\n') {
			if (blank_line(sc, j + 1))
				break;
			j++;
		} else if (sc->s[j] == '`') {
			size_t k = run_length(sc, j, '`');

			if (k == r)
				return j + k;
			j += k;
		} else {
			j++;
		}
	}
	if (r < RUN_MEMO) {
		sc->no_close_from[slot] = i;
		sc->no_close_until[slot] = j;
	}
	return 0;
}

/* After "](": a link destination, where '<' and '{' are plain text. */
static size_t skip_destination(const scanner *sc, size_t i, size_t end)
{
	int depth = 0;

	i = skip_ws(sc, i, end);
	if (i < end && sc->s[i] == '<') {
		const char *gt = memchr(sc->s + i, '>', end - i);

		return gt ? (size_t)(gt - sc->s) + 1 : i;
	}
	for (; i < end && !is_ws(sc->s[i]); i++) {
		char c = sc->s[i];

		if (c == '\\' && i + 1 < end)
			i++;
		else if (c == '(')
			depth++;
		else if (c == ')' && depth-- == 0)
			break;
	}
	return i;
}

/* Marks a single character for text blanking: a '<' or '{' that MDX
 * rejects must not reach cmark as HTML or text with meaning. */
static int blank_char(scanner *sc, size_t off)
{
	cq_expr *e = cq_vec_push(&sc->m->exprs, sc->a);

	if (!e)
		return -1;
	e->start = off;
	e->end = off + 1;
	e->comment = -1; /* not an expression: only blanked */
	return 0;
}

static int only_ws_before(const scanner *sc, size_t from, size_t i)
{
	return skip_ws(sc, from, i) == i;
}

static size_t on_tag(scanner *sc, size_t i, int quotes)
{
	cq_jsx_tag tag, *slot;
	const char *err = NULL;
	size_t err_at = i;
	size_t end = cq_jsx_tag_lex(sc->m, sc->a, i, quotes, &tag, &err, &err_at);

	if (end == 0)
		return i + 1; /* '<' before whitespace: text */
	if (end == (size_t)-1) {
		if (error(sc, err_at, "mdx-syntax", err) < 0 || blank_char(sc, i) < 0)
			return (size_t)-1;
		if (strstr(err, "end of file"))
			sc->dead_until = sc->n;
		return i + 1;
	}
	slot = cq_vec_push(&sc->m->tags, sc->a);
	if (!slot)
		return (size_t)-1;
	*slot = tag;
	return end;
}

static size_t on_expr(scanner *sc, size_t i, size_t content, int quotes)
{
	const char *err = NULL;
	int at_start = only_ws_before(sc, content, i);
	size_t err_at = i;
	size_t end = cq_js_braced(sc->m, sc->a, i, at_start, quotes, &err, &err_at);
	cq_expr *e;

	/* A flow expression may span blank lines; one with text after it on
	 * its last line is text after all, and text may not. */
	if (at_start && end != (size_t)-1 &&
	    skip_ws(sc, end, line_end(sc, end)) != line_end(sc, end) &&
	    memchr(sc->s + i, '\n', end - i))
		end = cq_js_braced(sc->m, sc->a, i, 0, quotes, &err, &err_at);
	if (end == (size_t)-1) {
		if (error(sc, err_at, "mdx-syntax", err) < 0 || blank_char(sc, i) < 0)
			return (size_t)-1;
		sc->dead_until = strstr(err, "end of file") ? sc->n : line_end(sc, i);
		return i + 1;
	}
	e = cq_vec_push(&sc->m->exprs, sc->a);
	if (!e)
		return (size_t)-1;
	e->start = i;
	e->end = end;
	{
		size_t a = skip_ws(sc, i + 1, end - 1), b = end - 1;

		while (b > a && is_ws(sc->s[b - 1]))
			b--;
		e->comment = b - a >= 4 && memcmp(sc->s + a, "/*", 2) == 0 &&
			     memcmp(sc->s + b - 2, "*/", 2) == 0;
	}
	return end;
}

/* Scans the text of a line from its content start; constructs may carry
 * on over later lines. Returns where the next line starts. */
static size_t scan_inline(scanner *sc, size_t i, int quotes)
{
	size_t content = i;
	const char *s = sc->s;

	while (i < sc->n && s[i] != '\n') {
		char c = s[i];

		if (c == '\\' && i + 1 < sc->n && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i + 1]) && s[i + 1]) {
			i += 2;
		} else if (c == '`') {
			size_t r = run_length(sc, i, '`');
			size_t close = code_span_close(sc, i + r, r);

			i = close ? close : i + r;
		} else if (c == ']' && i + 1 < sc->n && s[i + 1] == '(') {
			i = skip_destination(sc, i + 2, line_end(sc, i));
		} else if (c == '<' && i >= sc->dead_until) {
			i = on_tag(sc, i, quotes);
		} else if (c == '{' && i >= sc->dead_until) {
			i = on_expr(sc, i, content, quotes);
		} else {
			i++;
		}
		if (i == (size_t)-1)
			return i;
	}
	return i < sc->n ? i + 1 : sc->n;
}

static int starts_word(const scanner *sc, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i + n < sc->n && memcmp(sc->s + i, w, n) == 0 &&
	       (sc->s[i + n] == ' ' || sc->s[i + n] == '\t');
}

static size_t on_esm(scanner *sc, size_t i)
{
	size_t end = cq_js_esm_end(sc->s, sc->n, i);
	cq_esm *e = cq_vec_push(&sc->m->esm, sc->a);

	if (!e || cq_esm_imports(sc->m, sc->a, i, end) < 0)
		return (size_t)-1;
	e->start = i;
	e->end = end;
	return end < sc->n ? end + 1 : sc->n;
}

/* "[label]: <dest>": a definition's destination, where '<' is not JSX.
 * Returns where scanning goes on (c when the line is no definition). */
static size_t skip_definition(const scanner *sc, size_t c, size_t end)
{
	const char *s = sc->s;
	size_t i = c + 1;

	if (c >= end || s[c] != '[')
		return c;
	for (; i < end && s[i] != ']'; i++)
		if (s[i] == '\\')
			i++;
		else if (s[i] == '[')
			return c;
	if (i + 1 >= end || s[i + 1] != ':')
		return c;
	return skip_destination(sc, i + 2, end);
}

static int is_heading_or_break(const scanner *sc, size_t c, size_t end)
{
	const char *s = sc->s;
	size_t k = 0, i;

	while (c + k < end && s[c + k] == '#')
		k++;
	if (k >= 1 && k <= 6 && (c + k == end || is_ws(s[c + k])))
		return 1;
	/* A thematic break: three or more of one of - * _ and spaces. */
	for (i = c, k = 0; i < end; i++) {
		if (s[i] == s[c] && strchr("-*_", s[c]))
			k++;
		else if (!is_ws(s[i]))
			return 0;
	}
	return k >= 3;
}

static size_t scan_line(scanner *sc, size_t i)
{
	size_t end = line_end(sc, i);
	int quotes;
	size_t c = content_start(sc, i, end, &quotes);

	if (sc->in_fence) {
		if (fence_close(sc, c, end))
			sc->in_fence = 0;
		return next_line(sc, i);
	}
	if (c == end) {
		sc->para = 0;
		return next_line(sc, i);
	}
	if (fence_open(sc, c, end)) {
		sc->para = 0;
		return next_line(sc, i);
	}
	if (c == i && !sc->para && i >= sc->dead_until &&
	    (starts_word(sc, i, "import") || starts_word(sc, i, "export"))) {
		sc->para = 0;
		return on_esm(sc, i);
	}
	if (!sc->para) {
		size_t after = skip_definition(sc, c, end);

		if (after != c) {
			sc->para = 0; /* another definition may follow */
			return scan_inline(sc, after, quotes);
		}
	}
	sc->para = !is_heading_or_break(sc, c, end);
	return scan_inline(sc, c, quotes);
}

/* Frontmatter: a first line "---", YAML, and a closing "---" line (spaces
 * after either fence allowed), as remark-frontmatter reads it. */
static int fence_line(const scanner *sc, size_t i)
{
	size_t end = line_end(sc, i);

	return end - i >= 3 && memcmp(sc->s + i, "---", 3) == 0 &&
	       skip_ws(sc, i + 3, end) == end;
}

static size_t frontmatter(scanner *sc)
{
	cq_mdx *m = sc->m;
	size_t i = m->body_start, j;

	if (!fence_line(sc, i) || line_end(sc, i) == sc->n)
		return i;
	for (j = next_line(sc, i); j < sc->n; j = next_line(sc, j)) {
		if (fence_line(sc, j)) {
			m->fm = CQ_FM_OK;
			m->fm_start = next_line(sc, i);
			m->fm_end = j;
			return line_end(sc, j);
		}
	}
	m->fm = CQ_FM_UNTERMINATED;
	if (error(sc, i, "frontmatter-unterminated",
		  "frontmatter has no closing '---' line; add one after the YAML") < 0)
		return (size_t)-1;
	return i;
}

/* ---- blanking ---- */

static int in_hole(const cq_mdx *m, size_t off, size_t *hole_end)
{
	size_t k;

	for (k = 0; k < m->holes.len; k++) {
		const cq_range *h = CQ_VEC_AT(&m->holes, cq_range, k);

		if (off >= h->start && off < h->end) {
			*hole_end = h->end;
			return 1;
		}
	}
	return 0;
}

static void fill(cq_mdx *m, size_t start, size_t end, char with)
{
	size_t i, hole_end;

	for (i = start; i < end; i++) {
		char c = m->src[i];

		if (c == '\n' || c == '\r')
			continue;
		if (m->holes.len && (i == start || m->src[i - 1] == '\n') &&
		    in_hole(m, i, &hole_end)) {
			i = hole_end - 1;
			continue;
		}
		m->md[i] = with;
	}
}

static int span_cmp(const void *x, const void *y)
{
	const span *a = x, *b = y;

	return (a->start > b->start) - (a->start < b->start);
}

static span *collect_spans(cq_mdx *m, cq_arena *a, size_t *count)
{
	size_t n = m->tags.len + m->exprs.len + m->esm.len, k, i = 0;
	span *sp = cq_arena_alloc(a, (n ? n : 1) * sizeof(*sp));

	if (!sp)
		return NULL;
	for (k = 0; k < m->tags.len; k++) {
		cq_jsx_tag *t = CQ_VEC_AT(&m->tags, cq_jsx_tag, k);

		sp[i++] = (span){t->start, t->end, &t->flow, 0};
	}
	for (k = 0; k < m->exprs.len; k++) {
		cq_expr *e = CQ_VEC_AT(&m->exprs, cq_expr, k);

		sp[i++] = (span){e->start, e->end, e->comment < 0 ? NULL : &e->flow,
				 0};
	}
	for (k = 0; k < m->esm.len; k++) {
		cq_esm *e = CQ_VEC_AT(&m->esm, cq_esm, k);

		sp[i++] = (span){e->start, e->end, NULL, 1};
	}
	qsort(sp, n, sizeof(*sp), span_cmp);
	*count = n;
	return sp;
}

/* Spans separated only by spaces form a group; a group alone on its lines
 * (after any container prefix) is flow and becomes spaces. */
static int blank_spans(scanner *sc)
{
	cq_mdx *m = sc->m;
	size_t n, g, k;
	span *sp = collect_spans(m, sc->a, &n);

	if (!sp)
		return -1;
	for (g = 0; g < n; g = k) {
		size_t start = sp[g].start, end = sp[g].end, ls, le;
		int quotes, flow;
		size_t j;

		for (k = g + 1; k < n && sp[k].start >= end &&
				skip_ws(sc, end, sp[k].start) == sp[k].start;
		     k++)
			end = sp[k].end;
		for (; k < n && sp[k].start < end; k++) /* nested: already inside */
			;
		ls = start;
		while (ls > 0 && sc->s[ls - 1] != '\n')
			ls--;
		le = line_end(sc, end > start ? end - 1 : end);
		flow = content_start(sc, ls, start, &quotes) == start &&
		       skip_ws(sc, end, le) == le;
		for (j = g; j < k; j++) {
			int f = flow || sp[j].always_flow;

			if (sp[j].flow)
				*sp[j].flow = f;
			fill(m, sp[j].start, sp[j].end, f ? ' ' : CQ_MDX_FILL);
		}
	}
	return 0;
}

int cq_mdx_scan(cq_mdx *m, cq_arena *a, const char *src, size_t len)
{
	scanner sc;
	size_t i;

	memset(m, 0, sizeof(*m));
	memset(&sc, 0, sizeof(sc));
	m->src = src;
	m->len = len;
	cq_vec_init(&m->tags, sizeof(cq_jsx_tag));
	cq_vec_init(&m->exprs, sizeof(cq_expr));
	cq_vec_init(&m->esm, sizeof(cq_esm));
	cq_vec_init(&m->imports, sizeof(cq_import));
	cq_vec_init(&m->defined, sizeof(const char *));
	cq_vec_init(&m->errors, sizeof(cq_mdx_error));
	cq_vec_init(&m->holes, sizeof(cq_range));
	if (cq_lines_build(&m->lines, a, src, len) < 0)
		return -1;
	m->md = cq_arena_alloc(a, len + 1);
	if (!m->md)
		return -1;
	memcpy(m->md, src, len);
	sc.m = m;
	sc.a = a;
	sc.s = src;
	sc.n = len;
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		m->body_start = 3;
	i = frontmatter(&sc);
	if (i == (size_t)-1)
		return -1;
	if (m->fm == CQ_FM_OK)
		fill(m, 0, i, ' ');
	if (i > m->body_start)
		i = next_line(&sc, i);
	while (i < len) {
		i = scan_line(&sc, i);
		if (i == (size_t)-1)
			return -1;
	}
	return blank_spans(&sc);
}
