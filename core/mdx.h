/* The MDX scanner: splits a lesson into what is Markdown and what is MDX
 * (frontmatter, ESM, JSX tags, {expressions}), and makes the Markdown-only
 * text that cmark-gfm parses: MDX spans blanked in place, so every byte
 * offset and line number stays true.
 *
 * Blanking: a span that has a line to itself (flow) becomes spaces, so
 * cmark sees a blank line, as MDX ends a block there. A span inside a line
 * (text) becomes CQ_MDX_FILL bytes, which cmark keeps as text without
 * meaning; they are removed again from any text taken from cmark. */
#ifndef COURSEQ_MDX_H
#define COURSEQ_MDX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "text.h"

#define CQ_MDX_FILL '\x01'

typedef struct cq_range {
	size_t start, end;
} cq_range;

typedef enum cq_attr_kind {
	CQ_ATTR_BOOLEAN, /* <X flag /> */
	CQ_ATTR_STRING,  /* <X a="..." /> */
	CQ_ATTR_EXPR,    /* <X a={...} /> */
	CQ_ATTR_SPREAD   /* <X {...props} /> */
} cq_attr_kind;

typedef struct cq_jsx_attr {
	const char *name; /* NULL for a spread */
	cq_attr_kind kind;
	/* String: the text between the quotes. Expression: between braces. */
	size_t value_start, value_end;
	size_t start; /* offset of the attribute's name */
} cq_jsx_attr;

typedef struct cq_jsx_tag {
	const char *name; /* "" for a fragment <> */
	int closing;      /* </X> */
	int self_closing; /* <X /> */
	int flow;         /* on lines of its own */
	size_t start, end;
	cq_vec attrs; /* of cq_jsx_attr */
} cq_jsx_tag;

typedef struct cq_expr {
	size_t start, end; /* the braces included */
	int flow;
	int comment; /* holds only a JS comment: an MDX comment */
} cq_expr;

typedef struct cq_import_name {
	const char *local;    /* the binding the lesson uses */
	const char *imported; /* "default", "*" or the exported name */
} cq_import_name;

typedef struct cq_import {
	const char *source;
	size_t start, end;               /* the whole import statement */
	size_t source_start, source_end; /* the module string, quotes excluded */
	cq_vec names;                    /* of cq_import_name */
} cq_import;

typedef struct cq_esm {
	size_t start, end;
} cq_esm;

typedef struct cq_mdx_error {
	size_t off;
	const char *code; /* stable diagnostic code */
	const char *message;
} cq_mdx_error;

typedef enum cq_fm_state {
	CQ_FM_NONE,        /* no frontmatter block */
	CQ_FM_OK,          /* --- ... --- found */
	CQ_FM_UNTERMINATED /* opening --- without a closing one */
} cq_fm_state;

typedef struct cq_mdx {
	const char *src;
	size_t len;
	char *md; /* the blanked copy, len bytes + NUL, in the arena */
	cq_lines lines;
	size_t body_start; /* after the BOM */
	cq_fm_state fm;
	size_t fm_start, fm_end; /* the YAML text between the fences */
	cq_vec tags;             /* of cq_jsx_tag, in source order */
	cq_vec exprs;            /* of cq_expr */
	cq_vec esm;              /* of cq_esm */
	cq_vec imports;          /* of cq_import */
	cq_vec defined;          /* of const char *: names ESM declares */
	cq_vec errors;           /* of cq_mdx_error */
	cq_vec holes;            /* of cq_range: container prefixes kept */
} cq_mdx;

/* Scans src (len bytes; need not be NUL-terminated) into m, all memory in
 * the arena. Returns -1 only when out of memory: malformed MDX is reported
 * in m->errors. */
int cq_mdx_scan(cq_mdx *m, cq_arena *a, const char *src, size_t len);

/* Lexers shared by the scanner's parts. Each takes the offset of an opening
 * character and returns the offset just past the construct, or (size_t)-1
 * when it does not end; *err then says why and *err_at where. */

/* A JS expression in braces: s[pos] == '{'. Stops at a blank line unless
 * blank_ok; quote_depth blockquote markers are skipped after each newline
 * (and recorded as holes). */
size_t cq_js_braced(cq_mdx *m, cq_arena *a, size_t pos, int blank_ok,
		    int quote_depth, const char **err, size_t *err_at);
/* An ESM block starting at a line start: ends before the first blank line
 * at which every bracket, string and template is closed. */
size_t cq_js_esm_end(const char *s, size_t n, size_t pos);

/* A JSX tag at s[pos] == '<'. Returns 0 when '<' does not start a tag at
 * all (followed by whitespace: plain text in MDX). */
size_t cq_jsx_tag_lex(cq_mdx *m, cq_arena *a, size_t pos, int quote_depth,
		      cq_jsx_tag *tag, const char **err, size_t *err_at);

/* Parses the import declarations of an ESM block into m->imports, and
 * the names it declares (const, let, var, function, class) into
 * m->defined. */
int cq_esm_imports(cq_mdx *m, cq_arena *a, size_t start, size_t end);

/* Unicode identifier classes of JS (ID_Start plus $ and _, ID_Continue). */
int cq_js_id_start(int32_t cp);
int cq_js_id_continue(int32_t cp);

#endif
