/* The Markdown facts of a lesson, from cmark-gfm's tree of the blanked
 * text: headings, links, images, code blocks, tables, plain text.
 *
 * MDX has no indented code: what cmark reads as an indented code block is
 * Markdown to MDX, so its text is parsed again as a document of its own,
 * with positions mapped back (a "view" of the file). */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>

#include "lesson.h"
#include "md_region.h"

enum { MAX_REPARSE_DEPTH = 32 };

/* A text cmark parsed, and how its positions map into the file: view line
 * k (1-based) is file line first_line + k - 1, and its byte column c is
 * file byte column c + shift[k - 1]. */
typedef struct view {
	uint32_t first_line;
	const uint32_t *shift; /* NULL: all 0 */
	uint32_t nshift;
	int depth;
} view;

typedef struct walker {
	cq_lesson_facts *f;
	cq_slugger *slugger;
	const view *v;
	cq_buf scratch, smart;
	size_t autolink_from; /* where the last unpositioned autolink ended */
} walker;

static int walk(walker *w, cmark_node *root);

static size_t view_offset(const walker *w, int line, int col)
{
	const view *v = w->v;
	uint32_t vl = line > 0 ? (uint32_t)line : 1;
	uint32_t shift = v->shift && vl <= v->nshift ? v->shift[vl - 1] : 0;

	return cq_lines_offset(&w->f->mdx.lines, v->first_line + vl - 1,
			       (uint32_t)(col > 0 ? col : 1) + shift);
}

static cq_pos node_pos(const walker *w, cmark_node *n)
{
	return cq_lesson_pos(w->f, view_offset(w, cmark_node_get_start_line(n),
					       cmark_node_get_start_column(n)));
}

static cmark_parser *new_parser(cmark_mem *mem)
{
	static const char *const exts[] = {"table", "autolink", "strikethrough",
					   "tasklist"};
	cmark_parser *p;
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES, mem);
	if (!p)
		return NULL;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	return p;
}

/* The region never gives back what cmark frees while it parses (the
 * brackets, delimiters and buffers of inline parsing): for a lesson it is
 * a few times the text, but a hostile 13 MB lesson of a million links made
 * it 940 MB. Text this long is parsed with cmark's own allocator. */
enum { REGION_BELOW = 1 << 20 };

static int parse_view(walker *w, const char *text, size_t len, const view *v)
{
	int region = len < REGION_BELOW;
	cmark_parser *p =
		new_parser(region ? cq_md_region_enter() : cmark_get_default_mem_allocator());
	const view *outer = w->v;
	cmark_node *doc = NULL;
	int rc = -1;

	if (p) {
		cmark_parser_feed(p, text, len);
		doc = cmark_parser_finish(p);
		cmark_parser_free(p);
	}
	if (doc) {
		w->v = v;
		rc = walk(w, doc);
		w->v = outer;
		cmark_node_free(doc);
	}
	if (region)
		cq_md_region_leave();
	return rc;
}

/* ---- text of inline content ---- */

/* The MDX spans (tags, expressions) inside [start, end) of the file, in
 * order: what the fill bytes in a heading's text stand for. */
typedef struct fill_source {
	const cq_mdx *m;
	size_t start, end;
	size_t tag, expr; /* next candidates */
} fill_source;

/* Appends what MDX's text holds for n fill bytes: the source of each
 * expression covered (Astro puts it in heading text), nothing for tags. */
static void put_fill(cq_buf *out, fill_source *fs, size_t n)
{
	const cq_mdx *m = fs->m;

	while (n > 0) {
		const cq_jsx_tag *t = NULL;
		const cq_expr *e = NULL;
		size_t len;

		while (fs->tag < m->tags.len &&
		       CQ_VEC_AT(&m->tags, cq_jsx_tag, fs->tag)->start < fs->start)
			fs->tag++;
		while (fs->expr < m->exprs.len &&
		       CQ_VEC_AT(&m->exprs, cq_expr, fs->expr)->start < fs->start)
			fs->expr++;
		if (fs->tag < m->tags.len)
			t = CQ_VEC_AT(&m->tags, cq_jsx_tag, fs->tag);
		if (fs->expr < m->exprs.len)
			e = CQ_VEC_AT(&m->exprs, cq_expr, fs->expr);
		if (e && (!t || e->start < t->start)) {
			if (e->start >= fs->end)
				return;
			if (e->comment >= 0)
				cq_buf_put(out, m->src + e->start + 1, e->end - e->start - 2);
			else
				cq_buf_put(out, m->src + e->start, e->end - e->start);
			len = e->end - e->start;
			fs->start = e->end;
		} else if (t) {
			if (t->start >= fs->end)
				return;
			len = t->end - t->start;
			fs->start = t->end;
		} else {
			return;
		}
		n = len < n ? n - len : 0;
	}
}

static void put_text(cq_buf *out, const char *s, fill_source *fs)
{
	while (*s) {
		const char *fill = strchr(s, CQ_MDX_FILL);
		size_t run = 0;

		if (!fill) {
			cq_buf_puts(out, s);
			return;
		}
		cq_buf_put(out, s, (size_t)(fill - s));
		while (fill[run] == CQ_MDX_FILL)
			run++;
		if (fs)
			put_fill(out, fs, run);
		s = fill + run;
	}
}

/* Astro (smartypants, on by default) turns "--" in text, not in code, into
 * an em dash before it makes the anchor; the slug then has no '-' there. */
static void smart_dashes(cq_buf *out, size_t from)
{
	cq_buf copy = CQ_BUF_INIT;
	size_t i;

	if (out->len <= from)
		return; /* no text: out->data may be NULL */
	cq_buf_put(&copy, out->data + from, out->len - from);
	out->len = from;
	for (i = 0; i < copy.len; i++) {
		if (copy.data[i] == '-' && i + 1 < copy.len && copy.data[i + 1] == '-') {
			cq_buf_puts(out, "\xE2\x80\x94");
			i++;
		} else {
			cq_buf_putc(out, copy.data[i]);
		}
	}
	cq_buf_free(&copy);
}

/* Heading text as Astro computes it for the anchor: text and inline code,
 * line endings of soft breaks, no image alt text. smart, when not NULL,
 * gets the text after Astro's smartypants, for the astro5 slug. */
static void inline_text(cq_buf *out, cq_buf *smart, cmark_node *n, fill_source *fs)
{
	cmark_node *c;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		size_t mark = smart ? smart->len : 0;
		fill_source again = fs ? *fs : (fill_source){0};

		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			put_text(out, cmark_node_get_literal(c), fs);
			if (smart) {
				put_text(smart, cmark_node_get_literal(c), fs ? &again : NULL);
				if (t == CMARK_NODE_TEXT)
					smart_dashes(smart, mark);
			}
			break;
		case CMARK_NODE_SOFTBREAK:
			cq_buf_putc(out, '\n');
			if (smart)
				cq_buf_putc(smart, '\n');
			break;
		case CMARK_NODE_IMAGE:
			break;
		default:
			inline_text(out, smart, c, fs);
			break;
		}
	}
}

/* ---- blocks ---- */

static int on_heading(walker *w, cmark_node *n)
{
	cq_lesson_facts *f = w->f;
	cq_heading *h = cq_vec_push(&f->headings, &f->arena);
	size_t start = view_offset(w, cmark_node_get_start_line(n), 1);
	size_t end = view_offset(w, cmark_node_get_end_line(n) + 1, 1);
	fill_source fs = {&f->mdx, start, end, 0, 0};
	cq_buf *smart = w->slugger->profile == CQ_SLUG_ASTRO5 ? &w->smart : NULL;

	if (!h)
		return -1;
	cq_buf_clear(&w->scratch);
	cq_buf_clear(&w->smart);
	inline_text(&w->scratch, smart, n, &fs);
	if (!smart)
		smart = &w->scratch;
	h->depth = cmark_node_get_heading_level(n);
	h->text = cq_arena_strndup(&f->arena, cq_buf_cstr(&w->scratch), w->scratch.len);
	h->slug = cq_slugger_slug(w->slugger, cq_buf_cstr(smart), smart->len);
	h->pos = cq_lesson_pos(f, start);
	h->pos.col = node_pos(w, n).col;
	return h->text && h->slug && !w->scratch.failed ? 0 : -1;
}

static uint32_t count_lines(const char *s)
{
	uint32_t k = 0;

	for (; *s; s++)
		if (*s == '\n')
			k++;
	return k;
}

static int on_fenced_code(walker *w, cmark_node *n)
{
	cq_lesson_facts *f = w->f;
	cq_code *c = cq_vec_push(&f->code, &f->arena);
	const char *info = cmark_node_get_fence_info(n);
	size_t word;

	if (!c)
		return -1;
	info = info ? info : "";
	while (*info == ' ' || *info == '\t')
		info++;
	word = strcspn(info, " \t");
	c->lang = cq_arena_strndup(&f->arena, info, word);
	info += word;
	info += strspn(info, " \t");
	c->meta = cq_arena_strdup(&f->arena, info);
	c->pos = node_pos(w, n);
	c->lines = count_lines(cmark_node_get_literal(n));
	return c->lang && c->meta ? 0 : -1;
}

/* How far each line of an indented code block's text sits to the right of
 * where cmark's literal has it: the file line minus the literal line. */
static int reparse_indented(walker *w, cmark_node *n)
{
	cq_lesson_facts *f = w->f;
	const char *lit = cmark_node_get_literal(n);
	uint32_t nlines = count_lines(lit) + 1, k;
	uint32_t *shift = cq_arena_alloc(&f->arena, nlines * sizeof(*shift));
	uint32_t first = w->v->first_line + (uint32_t)cmark_node_get_start_line(n) - 1;
	view v = {first, shift, nlines, w->v->depth + 1};
	const char *line = lit;

	if (!shift)
		return -1;
	if (v.depth > MAX_REPARSE_DEPTH)
		return 0;
	for (k = 0; k < nlines; k++) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		size_t file_len = cq_lines_length(&f->mdx.lines, first + k);

		shift[k] = file_len > len ? (uint32_t)(file_len - len) : 0;
		line = nl ? nl + 1 : line + len;
	}
	return parse_view(w, lit, strlen(lit), &v);
}

static int on_code_block(walker *w, cmark_node *n)
{
	int len, off;
	char ch;

	if (cmark_node_get_fenced(n, &len, &off, &ch))
		return on_fenced_code(w, n);
	return reparse_indented(w, n);
}

static int on_table(walker *w, cmark_node *n)
{
	cq_lesson_facts *f = w->f;
	cq_table *t = cq_vec_push(&f->tables, &f->arena);
	cmark_node *row;

	if (!t)
		return -1;
	t->pos = node_pos(w, n);
	for (row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
		cmark_node *cell;
		uint32_t cols = 0;

		t->rows++;
		for (cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
			cols++;
		if (cols > t->cols)
			t->cols = cols;
	}
	return 0;
}

/* ---- links ---- */

/* cmark resolves [text][ref] into a link too; MDX keeps it a reference,
 * and the definition is the link. An inline link's source ends with ')'. */
static int is_reference(const walker *w, cmark_node *n)
{
	size_t end = view_offset(w, cmark_node_get_end_line(n),
				 cmark_node_get_end_column(n));
	const char *s = w->f->src;

	return end < w->f->len && s[end] == ']';
}

/* Where the URL is written: its last occurrence in the link's source. */
static void locate_url(const walker *w, cmark_node *n, cq_link *l)
{
	const char *s = w->f->src;
	size_t start = view_offset(w, cmark_node_get_start_line(n),
				   cmark_node_get_start_column(n));
	size_t end = view_offset(w, cmark_node_get_end_line(n),
				 cmark_node_get_end_column(n)) + 1;
	size_t ulen = strlen(l->url), i;

	if (end > w->f->len)
		end = w->f->len;
	for (i = end; ulen && i >= start + ulen; i--)
		if (memcmp(s + i - ulen, l->url, ulen) == 0) {
			l->url_start = i - ulen;
			l->url_end = i;
			return;
		}
}

/* cmark-gfm's autolink extension leaves some links without a position:
 * find the link's text in the source of its nearest positioned ancestor,
 * after any earlier such link there. */
static void position_from_text(walker *w, cmark_node *n, cq_link *l)
{
	cmark_node *p = cmark_node_parent(n), *text = cmark_node_first_child(n);
	const char *lit = text ? cmark_node_get_literal(text) : NULL;
	size_t start, end, k = lit ? strlen(lit) : 0, i;

	while (p && cmark_node_get_start_line(p) <= 0)
		p = cmark_node_parent(p);
	if (!p || !k)
		return;
	start = view_offset(w, cmark_node_get_start_line(p), cmark_node_get_start_column(p));
	end = view_offset(w, cmark_node_get_end_line(p) + 1, 1);
	if (w->autolink_from > start && w->autolink_from < end)
		start = w->autolink_from;
	for (i = start; i + k <= end; i++)
		if (memcmp(w->f->src + i, lit, k) == 0) {
			l->pos = cq_lesson_pos(w->f, i);
			w->autolink_from = i + k;
			if (strcmp(l->url, lit) == 0) {
				l->url_start = i;
				l->url_end = i + k;
			}
			return;
		}
}

static int on_link(walker *w, cmark_node *n, cq_link_kind kind)
{
	cq_lesson_facts *f = w->f;
	cq_link *l;

	if (kind == CQ_LINK_MARKDOWN && is_reference(w, n))
		return 0;
	l = cq_vec_push(&f->links, &f->arena);
	if (!l)
		return -1;
	l->kind = kind;
	l->url = cq_arena_strdup(&f->arena, cmark_node_get_url(n));
	if (!l->url)
		return -1;
	if (cmark_node_get_start_line(n) <= 0) {
		position_from_text(w, n, l);
		return 0;
	}
	locate_url(w, n, l);
	/* Autolink literals report a column one early; the URL's own start
	 * is the link's start. */
	l->pos = node_pos(w, n);
	if (l->url_start)
		l->pos = cq_lesson_pos(f, l->url_start);
	return 0;
}

static void add_text(walker *w, const char *lit)
{
	cq_buf *t = &w->f->text;

	if (t->len && t->data[t->len - 1] != ' ')
		cq_buf_putc(t, ' ');
	put_text(t, lit, NULL);
}

static int on_node(walker *w, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HEADING: return on_heading(w, n);
	case CMARK_NODE_CODE_BLOCK: return on_code_block(w, n);
	case CMARK_NODE_LINK: return on_link(w, n, CQ_LINK_MARKDOWN);
	case CMARK_NODE_IMAGE: return on_link(w, n, CQ_LINK_ASSET);
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE: add_text(w, cmark_node_get_literal(n)); return 0;
	default: break;
	}
	if (strcmp(cmark_node_get_type_string(n), "table") == 0)
		return on_table(w, n);
	return 0;
}

static int walk(walker *w, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	int rc = 0;

	if (!it)
		return -1;
	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER)
			rc = on_node(w, cmark_iter_get_node(it));
	cmark_iter_free(it);
	return rc;
}

int cq_markdown_extract(cq_lesson_facts *f, cq_slugger *slugger)
{
	view v = {1, NULL, 0, 0};
	walker w = {f, slugger, &v, CQ_BUF_INIT, CQ_BUF_INIT, 0};
	int rc = parse_view(&w, f->mdx.md, f->len, &v);

	cq_buf_free(&w.scratch);
	cq_buf_free(&w.smart);
	return rc;
}
