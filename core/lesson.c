#include "lesson.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include <stdio.h>
#include <string.h>

#include "schema_check.h"

const char *cq_link_kind_name(cq_link_kind k)
{
	static const char *const names[] = {"markdown", "definition",   "jsx",
					    "asset",    "prerequisite", "import"};

	return names[k];
}

const char *cq_severity_name(cq_severity s)
{
	static const char *const names[] = {"error", "warning", "note"};

	return names[s];
}

cq_pos cq_lesson_pos(const cq_lesson_facts *f, size_t off)
{
	cq_pos p;

	p.line = cq_lines_line(&f->mdx.lines, off);
	p.col = cq_lines_column(&f->mdx.lines, off);
	return p;
}

int cq_lesson_diag_at(cq_lesson_facts *f, cq_pos pos, cq_severity sev,
		      const char *code, const char *msg)
{
	cq_diag *d = cq_vec_push(&f->diags, &f->arena);

	if (!d)
		return -1;
	d->pos = pos;
	d->severity = sev;
	d->code = code;
	d->message = cq_arena_strdup(&f->arena, msg);
	return d->message ? 0 : -1;
}

int cq_lesson_diag(cq_lesson_facts *f, size_t off, cq_severity sev,
		   const char *code, const char *msg)
{
	return cq_lesson_diag_at(f, cq_lesson_pos(f, off), sev, code, msg);
}

static void init_vecs(cq_lesson_facts *f)
{
	cq_vec_init(&f->fields, sizeof(cq_field));
	cq_vec_init(&f->prereqs, sizeof(cq_prereq));
	cq_vec_init(&f->topics, sizeof(const char *));
	cq_vec_init(&f->headings, sizeof(cq_heading));
	cq_vec_init(&f->links, sizeof(cq_link));
	cq_vec_init(&f->code, sizeof(cq_code));
	cq_vec_init(&f->tables, sizeof(cq_table));
	cq_vec_init(&f->components, sizeof(cq_component));
	cq_vec_init(&f->diagrams, sizeof(cq_diagram));
	cq_vec_init(&f->callouts, sizeof(cq_callout));
	cq_vec_init(&f->anchors, sizeof(cq_anchor));
	cq_vec_init(&f->imports, sizeof(cq_import_rec));
	cq_vec_init(&f->diags, sizeof(cq_diag));
	cq_vec_init(&f->link_diags, sizeof(cq_link_diag));
}

/* Bytes that are not text: reported once each kind, at the first one. */
static int encoding(cq_lesson_facts *f)
{
	size_t bad = cq_utf8_invalid_at(f->src, f->len);
	const char *nul = memchr(f->src, '\0', f->len);

	if (bad < f->len &&
	    cq_lesson_diag(f, bad, CQ_SEV_ERROR, "invalid-utf8",
			   "invalid UTF-8; save the file as UTF-8") < 0)
		return -1;
	if (nul && cq_lesson_diag(f, (size_t)(nul - f->src), CQ_SEV_ERROR, "nul-byte",
				  "NUL byte in the file; remove it") < 0)
		return -1;
	if (f->len == 0 &&
	    cq_lesson_diag(f, 0, CQ_SEV_WARNING, "empty-file", "lesson file is empty") < 0)
		return -1;
	return 0;
}

/* Words are runs of letters, digits, '_' and non-ASCII characters. A
 * word starts at a word byte after another byte: counted byte against byte
 * with no state carried, which the compiler turns into vector code (the
 * text is long: 1.8 -> 0.11 ns a byte). */
static unsigned char word_byte(unsigned char c)
{
	return (unsigned char)((c >= 0x80) | ((unsigned char)(c - '0') < 10) |
			       ((unsigned char)((c | 0x20) - 'a') < 26) | (c == '_'));
}

static void count_words(cq_lesson_facts *f)
{
	const unsigned char *s = (const unsigned char *)cq_buf_cstr(&f->text);
	size_t n = f->text.len, words = n && word_byte(s[0]), i;

	for (i = 1; i < n; i++)
		words += word_byte(s[i]) & (word_byte(s[i - 1]) ^ 1);
	f->words = (unsigned)words;
}

void cq_lesson_parse_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

int cq_lesson_parse(cq_lesson_facts *f, const char *src, size_t len,
		    const cq_parse_options *opt)
{
	cq_slugger slugger;
	int rc;

	memset(f, 0, sizeof(*f));
	cq_arena_init(&f->arena);
	init_vecs(f);
	f->src = src;
	f->len = len;
	if (cq_mdx_scan(&f->mdx, &f->arena, src, len) < 0)
		return -1;
	f->lines = f->mdx.lines.count - (len && src[len - 1] == '\n');
	cq_slugger_init(&slugger, &f->arena, opt ? opt->slugs : CQ_SLUG_GITHUB);
	rc = encoding(f);
	if (rc == 0)
		rc = cq_frontmatter_extract(f);
	if (rc == 0)
		rc = cq_markdown_extract(f, &slugger);
	if (rc == 0)
		rc = cq_definitions_extract(f);
	if (rc == 0)
		rc = cq_components_extract(f);
	if (rc == 0)
		rc = cq_schema_check(f, opt && opt->schema ? opt->schema : cq_schema_default());
	cq_slugger_free(&slugger);
	count_words(f);
	return rc == 0 && !f->arena.failed && !f->text.failed ? 0 : -1;
}

void cq_lesson_facts_free(cq_lesson_facts *f)
{
	cq_buf_free(&f->text);
	cq_arena_free(&f->arena);
}

const cq_field *cq_lesson_field(const cq_lesson_facts *f, const char *key)
{
	size_t i;

	for (i = 0; i < f->fields.len; i++) {
		const cq_field *fd = CQ_VEC_AT(&f->fields, cq_field, i);

		if (strcmp(fd->key, key) == 0)
			return fd;
	}
	return NULL;
}

const char *cq_lesson_string(const cq_lesson_facts *f, const char *key)
{
	const cq_field *fd = cq_lesson_field(f, key);

	return fd && fd->value->kind == CQ_Y_SCALAR && fd->value->type == CQ_YT_STRING
		       ? fd->value->value
		       : NULL;
}
