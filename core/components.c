/* What the MDX parts of a lesson say: components (JSX elements) and their
 * nesting, Callouts, Mermaid diagrams, explicit anchors, links in href and
 * src attributes, imports; and the scanner's syntax errors. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "lesson.h"

/* An attribute's string value with character references decoded, as MDX
 * gives it to the component. */
static const char *attr_string(cq_lesson_facts *f, const cq_jsx_attr *at)
{
	static const struct { const char *name; char c; } named[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
	const char *s = f->src + at->value_start, *end = f->src + at->value_end;
	cq_buf b = CQ_BUF_INIT;
	const char *out;

	while (s < end) {
		size_t k, len = 0;

		if (*s == '&') {
			for (k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
				len = strlen(named[k].name);
				if ((size_t)(end - s) >= len && memcmp(s, named[k].name, len) == 0) {
					cq_buf_putc(&b, named[k].c);
					break;
				}
			}
			if (k < sizeof(named) / sizeof(named[0])) {
				s += len;
				continue;
			}
		}
		cq_buf_putc(&b, *s++);
	}
	out = b.failed ? NULL : cq_arena_strndup(&f->arena, cq_buf_cstr(&b), b.len);
	cq_buf_free(&b);
	return out;
}

static const cq_jsx_attr *find_attr(const cq_jsx_tag *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->attrs.len; i++) {
		const cq_jsx_attr *at = CQ_VEC_AT(&t->attrs, cq_jsx_attr, i);

		if (at->name && strcmp(at->name, name) == 0)
			return at;
	}
	return NULL;
}

static const char *string_attr(cq_lesson_facts *f, const cq_jsx_tag *t,
			       const char *name)
{
	const cq_jsx_attr *at = find_attr(t, name);

	return at && at->kind == CQ_ATTR_STRING ? attr_string(f, at) : NULL;
}

static int add_link(cq_lesson_facts *f, cq_link_kind kind, const char *url,
		    size_t start, size_t end)
{
	cq_link *l = cq_vec_push(&f->links, &f->arena);

	if (!l || !url)
		return -1;
	l->kind = kind;
	l->url = url;
	l->pos = cq_lesson_pos(f, start);
	if (strlen(url) == end - start && memcmp(f->src + start, url, end - start) == 0) {
		l->url_start = start;
		l->url_end = end;
	}
	return 0;
}

/* href, src, id and name attributes: links, assets and anchors. */
static int tag_attributes(cq_lesson_facts *f, const cq_jsx_tag *t)
{
	size_t i;

	for (i = 0; i < t->attrs.len; i++) {
		const cq_jsx_attr *at = CQ_VEC_AT(&t->attrs, cq_jsx_attr, i);
		const char *v;

		if (!at->name || at->kind != CQ_ATTR_STRING)
			continue;
		v = attr_string(f, at);
		if (!v)
			return -1;
		if (strcmp(at->name, "href") == 0) {
			if (add_link(f, CQ_LINK_JSX, v, at->value_start, at->value_end) < 0)
				return -1;
		} else if (strcmp(at->name, "src") == 0) {
			if (add_link(f, CQ_LINK_ASSET, v, at->value_start, at->value_end) < 0)
				return -1;
		} else if (strcmp(at->name, "id") == 0 || strcmp(at->name, "name") == 0) {
			cq_anchor *a = cq_vec_push(&f->anchors, &f->arena);

			if (!a)
				return -1;
			a->id = v;
			a->pos = cq_lesson_pos(f, at->value_start);
		}
	}
	return 0;
}

/* The diagram type: the first word of the first line that is not blank, a
 * %% comment or part of a --- config block. */
static const char *diagram_type(cq_lesson_facts *f, const char *s, const char *end)
{
	int in_config = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end, *w;

		while (s < le && strchr(" \t\r`", *s))
			s++;
		if (le - s >= 3 && memcmp(s, "---", 3) == 0)
			in_config = !in_config;
		else if (!in_config && s < le && !(le - s >= 2 && memcmp(s, "%%", 2) == 0)) {
			for (w = s; w < le && !strchr(" \t\r{;`", *w); w++)
				;
			return cq_arena_strndup(&f->arena, s, (size_t)(w - s));
		}
		s = nl ? nl + 1 : end;
	}
	return "";
}

static int add_diagram(cq_lesson_facts *f, const char *form, const char *type,
		       size_t off)
{
	cq_diagram *d = cq_vec_push(&f->diagrams, &f->arena);

	if (!d || !type)
		return -1;
	d->form = form;
	d->type = type;
	d->pos = cq_lesson_pos(f, off);
	return 0;
}

/* <Mermaid>'s diagram: its chart prop, or ```mermaid blocks inside it. */
static int mermaid(cq_lesson_facts *f, const cq_jsx_tag *open, const cq_jsx_tag *close)
{
	const cq_jsx_attr *chart = find_attr(open, "chart");
	uint32_t from, to;
	size_t i;

	if (chart && chart->kind != CQ_ATTR_BOOLEAN)
		return add_diagram(f, "prop",
				   diagram_type(f, f->src + chart->value_start,
						f->src + chart->value_end),
				   open->start);
	if (!close)
		return 0;
	from = cq_lesson_pos(f, open->end).line;
	to = cq_lesson_pos(f, close->start).line;
	for (i = 0; i < f->code.len; i++) {
		const cq_code *c = CQ_VEC_AT(&f->code, cq_code, i);
		size_t body;

		if (c->pos.line < from || c->pos.line > to || strcmp(c->lang, "mermaid") != 0)
			continue;
		body = cq_lines_offset(&f->mdx.lines, c->pos.line + 1, 1);
		if (add_diagram(f, "fence",
				diagram_type(f, f->src + body, f->src + f->len),
				cq_lines_offset(&f->mdx.lines, c->pos.line, 1)) < 0)
			return -1;
	}
	return 0;
}

static int callout(cq_lesson_facts *f, const cq_jsx_tag *t)
{
	cq_callout *c = cq_vec_push(&f->callouts, &f->arena);

	if (!c)
		return -1;
	c->type = string_attr(f, t, "type");
	c->title = string_attr(f, t, "title");
	c->pos = cq_lesson_pos(f, t->start);
	if (c->title) {
		cq_buf_putc(&f->text, ' ');
		cq_buf_puts(&f->text, c->title);
	}
	return 0;
}

static int element(cq_lesson_facts *f, const cq_jsx_tag *open, const cq_jsx_tag *close)
{
	cq_component *c = cq_vec_push(&f->components, &f->arena);

	if (!c)
		return -1;
	c->name = open->name;
	c->pos = cq_lesson_pos(f, open->start);
	c->flow = open->flow;
	c->closed = open->self_closing || close != NULL;
	c->tag = open;
	if (tag_attributes(f, open) < 0)
		return -1;
	if (strcmp(open->name, "Mermaid") == 0 && mermaid(f, open, close) < 0)
		return -1;
	if (strcmp(open->name, "Callout") == 0 && callout(f, open) < 0)
		return -1;
	return 0;
}

static int unclosed(cq_lesson_facts *f, const cq_jsx_tag *t)
{
	char msg[400];

	snprintf(msg, sizeof(msg), "<%.100s> is never closed; add </%.100s> or write <%.100s />",
		 t->name, t->name, t->name);
	return cq_lesson_diag(f, t->start, CQ_SEV_ERROR, "unclosed-jsx", msg);
}

static int stray_close(cq_lesson_facts *f, const cq_jsx_tag *t)
{
	char msg[400];

	snprintf(msg, sizeof(msg), "</%.100s> closes nothing that is open; remove it or open <%.100s> before",
		 t->name, t->name);
	return cq_lesson_diag(f, t->start, CQ_SEV_ERROR, "unclosed-jsx", msg);
}

/* Pairs opening and closing tags with a stack, as MDX nests them; each
 * element is recorded once its end (or the file's) is known. */
static int pair_tags(cq_lesson_facts *f)
{
	const cq_vec *tags = &f->mdx.tags;
	const cq_jsx_tag **stack = malloc((tags->len + 1) * sizeof(*stack));
	size_t depth = 0, i;
	int rc = 0;

	if (!stack)
		return -1;
	for (i = 0; i < tags->len && rc == 0; i++) {
		const cq_jsx_tag *t = CQ_VEC_AT(tags, cq_jsx_tag, i);
		size_t k;

		if (t->self_closing) {
			rc = element(f, t, NULL);
		} else if (!t->closing) {
			stack[depth++] = t;
		} else {
			for (k = depth; k > 0 && strcmp(stack[k - 1]->name, t->name) != 0; k--)
				;
			if (k == 0) {
				rc = stray_close(f, t);
				continue;
			}
			while (depth > k && rc == 0)
				if ((rc = unclosed(f, stack[--depth])) == 0)
					rc = element(f, stack[depth], NULL);
			if (rc == 0)
				rc = element(f, stack[--depth], t);
		}
	}
	while (depth > 0 && rc == 0)
		if ((rc = unclosed(f, stack[--depth])) == 0)
			rc = element(f, stack[depth], NULL);
	free(stack);
	return rc;
}

static int component_cmp(const void *x, const void *y)
{
	const cq_component *a = x, *b = y;

	return (a->tag->start > b->tag->start) - (a->tag->start < b->tag->start);
}

static int imports(cq_lesson_facts *f)
{
	size_t i, k;

	for (i = 0; i < f->mdx.imports.len; i++) {
		const cq_import *imp = CQ_VEC_AT(&f->mdx.imports, cq_import, i);
		cq_import_rec *r = cq_vec_push(&f->imports, &f->arena);
		cq_buf names = CQ_BUF_INIT;

		if (!r)
			return -1;
		cq_buf_putc(&names, '[');
		for (k = 0; k < imp->names.len; k++) {
			cq_json_cstr(&names, CQ_VEC_AT(&imp->names, cq_import_name, k)->local);
			if (k + 1 < imp->names.len)
				cq_buf_putc(&names, ',');
		}
		cq_buf_putc(&names, ']');
		r->source = imp->source;
		r->names_json = names.failed ? NULL
					     : cq_arena_strndup(&f->arena, names.data, names.len);
		cq_buf_free(&names);
		r->pos = cq_lesson_pos(f, imp->start);
		r->source_start = imp->source_start;
		r->source_end = imp->source_end;
		if (!r->names_json || add_link(f, CQ_LINK_IMPORT, imp->source,
					       imp->source_start, imp->source_end) < 0)
			return -1;
	}
	return 0;
}

static int syntax_errors(cq_lesson_facts *f)
{
	size_t i;

	for (i = 0; i < f->mdx.errors.len; i++) {
		const cq_mdx_error *e = CQ_VEC_AT(&f->mdx.errors, cq_mdx_error, i);

		if (cq_lesson_diag(f, e->off, CQ_SEV_ERROR, e->code, e->message) < 0)
			return -1;
	}
	return 0;
}

/* ---- components and imports that do not match ---- */

/* A JSX name that needs a binding: capitalised or a member (Icons.Star);
 * lowercase and namespaced names are HTML and SVG elements. */
static size_t binding_len(const char *name)
{
	const char *dot = strchr(name, '.');

	if (dot)
		return (size_t)(dot - name);
	if (strchr(name, ':') || !(name[0] >= 'A' && name[0] <= 'Z'))
		return 0;
	return strlen(name);
}

static int names_match(const char *a, const char *b, size_t n)
{
	return strlen(a) == n && strncmp(a, b, n) == 0;
}

static int bound(const cq_lesson_facts *f, const char *name, size_t n)
{
	size_t i, k;

	for (i = 0; i < f->mdx.defined.len; i++)
		if (names_match(*CQ_VEC_AT(&f->mdx.defined, const char *, i), name, n))
			return 1;
	for (i = 0; i < f->mdx.imports.len; i++) {
		const cq_import *imp = CQ_VEC_AT(&f->mdx.imports, cq_import, i);

		for (k = 0; k < imp->names.len; k++)
			if (names_match(CQ_VEC_AT(&imp->names, cq_import_name, k)->local, name, n))
				return 1;
	}
	return 0;
}

static int word_in(const cq_lesson_facts *f, size_t start, size_t end, const char *w)
{
	size_t n = strlen(w), i;
	const char *s = f->src;

	for (i = start; i + n <= end; i++)
		if (memcmp(s + i, w, n) == 0 &&
		    (i == start || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_' || s[i - 1] == '$')) &&
		    (i + n == end || !(isalnum((unsigned char)s[i + n]) || s[i + n] == '_' || s[i + n] == '$')))
			return 1;
	return 0;
}

/* Is an imported name used in code: an expression, an attribute value, or
 * ESM other than import statements? */
static int used_in_code(const cq_lesson_facts *f, const char *name)
{
	const cq_mdx *m = &f->mdx;
	size_t i, k;

	for (i = 0; i < m->exprs.len; i++) {
		const cq_expr *e = CQ_VEC_AT(&m->exprs, cq_expr, i);

		if (e->comment == 0 && word_in(f, e->start, e->end, name))
			return 1;
	}
	for (i = 0; i < m->tags.len; i++) {
		const cq_jsx_tag *t = CQ_VEC_AT(&m->tags, cq_jsx_tag, i);

		for (k = 0; k < t->attrs.len; k++) {
			const cq_jsx_attr *at = CQ_VEC_AT(&t->attrs, cq_jsx_attr, k);

			if (at->kind >= CQ_ATTR_EXPR && word_in(f, at->value_start, at->value_end, name))
				return 1;
		}
	}
	for (i = 0; i < m->esm.len; i++) {
		const cq_esm *e = CQ_VEC_AT(&m->esm, cq_esm, i);
		size_t from = e->start;

		/* The parts between import statements. */
		for (k = 0; k < m->imports.len; k++) {
			const cq_import *imp = CQ_VEC_AT(&m->imports, cq_import, k);

			if (imp->start < from || imp->start >= e->end)
				continue;
			if (word_in(f, from, imp->start, name))
				return 1;
			from = imp->end;
		}
		if (word_in(f, from, e->end, name))
			return 1;
	}
	return 0;
}

static int unused_imports(cq_lesson_facts *f)
{
	char msg[400];
	size_t i, k, c;

	for (i = 0; i < f->mdx.imports.len; i++) {
		const cq_import *imp = CQ_VEC_AT(&f->mdx.imports, cq_import, i);

		for (k = 0; k < imp->names.len; k++) {
			const char *name = CQ_VEC_AT(&imp->names, cq_import_name, k)->local;
			int used = 0;

			for (c = 0; c < f->components.len && !used; c++) {
				const char *tag = CQ_VEC_AT(&f->components, cq_component, c)->name;

				used = binding_len(tag) == strlen(name) && strncmp(tag, name, strlen(name)) == 0;
			}
			if (used || used_in_code(f, name))
				continue;
			snprintf(msg, sizeof(msg), "'%.100s' is imported from '%.200s' but never used; remove it",
				 name, imp->source);
			if (cq_lesson_diag(f, imp->start, CQ_SEV_WARNING, "unused-import", msg) < 0)
				return -1;
		}
	}
	return 0;
}

static int unimported_components(cq_lesson_facts *f)
{
	char msg[400];
	size_t i;

	for (i = 0; i < f->components.len; i++) {
		const cq_component *c = CQ_VEC_AT(&f->components, cq_component, i);
		size_t n = binding_len(c->name);

		if (!n || bound(f, c->name, n))
			continue;
		snprintf(msg, sizeof(msg), "<%.100s> is used but '%.*s' is neither imported nor defined; add an import",
			 c->name, (int)(n < 100 ? n : 100), c->name);
		if (cq_lesson_diag_at(f, c->pos, CQ_SEV_ERROR, "component-not-imported", msg) < 0)
			return -1;
	}
	return 0;
}

int cq_components_extract(cq_lesson_facts *f)
{
	if (syntax_errors(f) < 0 || imports(f) < 0 || pair_tags(f) < 0)
		return -1;
	/* Elements were recorded as they closed; list them as they open. */
	if (f->components.len)
		qsort(f->components.items, f->components.len, sizeof(cq_component),
		      component_cmp);
	if (unimported_components(f) < 0 || unused_imports(f) < 0)
		return -1;
	return 0;
}
