/* The facts courseq knows about one lesson file, as parsed from its bytes:
 * what the index stores. All memory lives in the lesson's arena. */
#ifndef COURSEQ_LESSON_H
#define COURSEQ_LESSON_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "mdx.h"
#include "slug.h"
#include "yaml_tree.h"

struct cq_schema;

typedef enum cq_link_kind {
	CQ_LINK_MARKDOWN,   /* [text](url) and autolinks */
	CQ_LINK_DEFINITION, /* [label]: url */
	CQ_LINK_JSX,        /* href="..." on a JSX element */
	CQ_LINK_ASSET,      /* ![alt](src) and src="..." on a JSX element */
	CQ_LINK_PREREQUISITE,
	CQ_LINK_IMPORT
} cq_link_kind;

const char *cq_link_kind_name(cq_link_kind k);

typedef enum cq_severity {
	CQ_SEV_ERROR,
	CQ_SEV_WARNING,
	CQ_SEV_NOTE
} cq_severity;

const char *cq_severity_name(cq_severity s);

typedef struct cq_pos {
	uint32_t line, col; /* 1-based; col in code points */
} cq_pos;

typedef struct cq_heading {
	int depth;
	const char *text;
	const char *slug;
	cq_pos pos;
} cq_heading;

typedef struct cq_link {
	cq_link_kind kind;
	const char *url;
	cq_pos pos;
	/* Byte span of the URL as written in the file, for rewriting; both 0
	 * when the written form differs from url (escapes). */
	size_t url_start, url_end;
	/* The verdict, when the links were checked (cq_lesson_check_links). */
	const char *status, *target, *anchor;
} cq_link;

typedef struct cq_code {
	const char *lang; /* "" when the fence has no info string */
	const char *meta;
	cq_pos pos;
	uint32_t lines;
} cq_code;

typedef struct cq_table {
	cq_pos pos;
	uint32_t rows, cols;
} cq_table;

typedef struct cq_component {
	const char *name;
	cq_pos pos;
	int flow, closed;
	const cq_jsx_tag *tag;
} cq_component;

typedef struct cq_diagram {
	const char *form; /* "prop": chart={...}; "fence": a ```mermaid child */
	const char *type; /* flowchart, sequenceDiagram, ... */
	cq_pos pos;
} cq_diagram;

typedef struct cq_callout {
	const char *type;
	const char *title;
	cq_pos pos;
} cq_callout;

typedef struct cq_anchor {
	const char *id;
	cq_pos pos;
} cq_anchor;

typedef struct cq_import_rec {
	const char *source;
	const char *names_json; /* ["Mermaid"] */
	cq_pos pos;
	size_t source_start, source_end;
} cq_import_rec;

typedef struct cq_field {
	const char *key;
	const cq_ynode *value;
	const char *json;
	cq_pos key_pos, pos;
	size_t value_start, value_end; /* bytes of the value in the file */
} cq_field;

typedef struct cq_prereq {
	const char *target; /* as written */
	cq_pos pos;
	size_t start, end; /* the scalar in the file, quotes included */
	const char *status, *lesson; /* the verdict: ok/missing/self, the lesson id */
} cq_prereq;

/* A problem with one link, found when the links were checked; seq is the
 * link's number: body links in order, then prerequisites. */
typedef struct cq_link_diag {
	int seq;
	cq_pos pos;
	cq_severity severity;
	const char *code, *message;
} cq_link_diag;

typedef struct cq_diag {
	cq_pos pos;
	cq_severity severity;
	const char *code;
	const char *message;
} cq_diag;

typedef struct cq_lesson_facts {
	cq_arena arena;
	const char *src;
	size_t len;
	cq_mdx mdx;
	cq_ydoc yaml;
	cq_vec fields;   /* cq_field, in file order */
	cq_vec prereqs;  /* cq_prereq */
	cq_vec topics;   /* const char * */
	cq_vec headings; /* cq_heading */
	cq_vec links;    /* cq_link */
	cq_vec code;     /* cq_code */
	cq_vec tables;   /* cq_table */
	cq_vec components; /* cq_component */
	cq_vec diagrams; /* cq_diagram */
	cq_vec callouts; /* cq_callout */
	cq_vec anchors;  /* cq_anchor: explicit id= and name= */
	cq_vec imports;  /* cq_import_rec */
	cq_vec diags;    /* cq_diag */
	cq_vec link_diags; /* cq_link_diag */
	int links_checked;
	cq_buf text;     /* plain text, for search */
	uint32_t lines, words;
} cq_lesson_facts;

typedef struct cq_parse_options {
	cq_slug_profile slugs;
	const struct cq_schema *schema; /* NULL: the default schema */
} cq_parse_options;

/* Prepares the parser's libraries; call once before parsing on threads. */
void cq_lesson_parse_init(void);

/* Parses src into f. Malformed input gives diagnostics, never failure;
 * returns -1 only when out of memory. Free with cq_lesson_facts_free. */
int cq_lesson_parse(cq_lesson_facts *f, const char *src, size_t len,
		    const cq_parse_options *opt);
void cq_lesson_facts_free(cq_lesson_facts *f);

/* A frontmatter field by key, or NULL; its value when it is a string. */
const cq_field *cq_lesson_field(const cq_lesson_facts *f, const char *key);
const char *cq_lesson_string(const cq_lesson_facts *f, const char *key);

/* Adds a diagnostic at byte offset off; msg is copied. */
int cq_lesson_diag(cq_lesson_facts *f, size_t off, cq_severity sev,
		   const char *code, const char *msg);
int cq_lesson_diag_at(cq_lesson_facts *f, cq_pos pos, cq_severity sev,
		      const char *code, const char *msg);
cq_pos cq_lesson_pos(const cq_lesson_facts *f, size_t off);

/* The byte offset of a libyaml mark (0-based line from the frontmatter's
 * first line, character column) in the lesson's file. */
size_t cq_frontmatter_offset(const cq_lesson_facts *f, unsigned line, unsigned col);

/* Appends every frontmatter key and value as one JSON object. */
int cq_frontmatter_object(cq_buf *out, const cq_lesson_facts *f);

/* The parts of parsing, in their own files. */
int cq_markdown_extract(cq_lesson_facts *f, cq_slugger *slugger);
int cq_frontmatter_extract(cq_lesson_facts *f);
int cq_components_extract(cq_lesson_facts *f);
int cq_definitions_extract(cq_lesson_facts *f);

#endif
