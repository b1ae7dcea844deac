/* YAML parsed into a small tree with source positions, through libyaml's
 * event API. Aliases point at the anchored node (never copied), so an alias
 * bomb costs nothing to parse; nesting and node count are bounded. */
#ifndef COURSEQ_YAML_TREE_H
#define COURSEQ_YAML_TREE_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

typedef enum cq_ykind {
	CQ_Y_SCALAR,
	CQ_Y_SEQ,
	CQ_Y_MAP
} cq_ykind;

typedef enum cq_ystyle {
	CQ_YS_PLAIN,
	CQ_YS_SINGLE,
	CQ_YS_DOUBLE,
	CQ_YS_LITERAL,
	CQ_YS_FOLDED,
	CQ_YS_BLOCK, /* block sequence or mapping */
	CQ_YS_FLOW   /* [a, b] or {a: b} */
} cq_ystyle;

/* The type a scalar resolves to under the YAML 1.2 core schema. */
typedef enum cq_ytype {
	CQ_YT_STRING,
	CQ_YT_INT,
	CQ_YT_FLOAT,
	CQ_YT_BOOL,
	CQ_YT_NULL,
	CQ_YT_LIST,
	CQ_YT_MAP
} cq_ytype;

typedef struct cq_ynode cq_ynode;
struct cq_ynode {
	cq_ykind kind;
	cq_ystyle style;
	cq_ytype type;
	const char *value; /* scalar text, NUL-terminated */
	size_t value_len;
	/* 0-based line and character column of the start and end marks */
	unsigned line, col, end_line, end_col;
	cq_ynode **items; /* seq: items; map: key0, value0, key1, value1, ... */
	size_t n;         /* number of entries in items */
	int is_alias;     /* this position held an alias (*name) */
};

typedef struct cq_ydoc {
	cq_ynode *root; /* NULL for an empty document */
	/* On failure: the message and 0-based position of the problem. */
	char error[256];
	unsigned err_line, err_col;
} cq_ydoc;

enum { CQ_YAML_MAX_DEPTH = 64, CQ_YAML_MAX_NODES = 100000 };
/* What the JSON of one document's values may come to, all together,
 * beyond what the text itself would make. */
enum { CQ_YAML_MAX_JSON = 1 << 20 };

/* Parses the first document of text into doc (nodes in the arena).
 * Returns 0, or -1 with doc->error set. */
int cq_yaml_parse(cq_ydoc *doc, cq_arena *a, const char *text, size_t len);

/* Appends node as JSON to out. Expanding aliases is bounded: returns -1
 * when the output would exceed CQ_YAML_MAX_NODES nodes or *bytes_left
 * bytes; bytes_left is shared by the calls for one document (start it at
 * CQ_YAML_MAX_JSON plus six times the text's length), so many values made
 * of aliases stay bounded too. */
int cq_yaml_to_json(cq_buf *out, const cq_ynode *node, size_t *bytes_left);

/* The name of a type ("string", "integer", ...). */
const char *cq_ytype_name(cq_ytype t);

/* Value for key in a mapping, or NULL. */
const cq_ynode *cq_ymap_get(const cq_ynode *map, const char *key);

#endif
