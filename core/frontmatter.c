/* Frontmatter: the YAML between the --- fences, as typed fields with their
 * positions in the file, and the prerequisites and topics lists. */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "lesson.h"

/* libyaml marks count lines from the YAML's first line and columns in
 * characters; the file wants byte offsets. */
size_t cq_frontmatter_offset(const cq_lesson_facts *f, unsigned line, unsigned col)
{
	const cq_lines *l = &f->mdx.lines;
	uint32_t fline = cq_lines_line(l, f->mdx.fm_start) + line;
	size_t off = cq_lines_offset(l, fline, 1);
	size_t end = off + cq_lines_length(l, fline);

	while (col > 0 && off < end) {
		int32_t cp;

		off += (size_t)cq_utf8_next((const unsigned char *)f->src + off, end - off, &cp);
		col--;
	}
	return off;
}

static cq_pos node_start(const cq_lesson_facts *f, const cq_ynode *n)
{
	return cq_lesson_pos(f, cq_frontmatter_offset(f, n->line, n->col));
}

static int add_field(cq_lesson_facts *f, const cq_ynode *key, const cq_ynode *value,
		     size_t *json_left)
{
	cq_field *fd = cq_vec_push(&f->fields, &f->arena);
	cq_buf json = CQ_BUF_INIT;
	int rc = 0;

	if (!fd)
		return -1;
	fd->key = key->value;
	fd->value = value;
	fd->key_pos = node_start(f, key);
	fd->pos = node_start(f, value);
	fd->value_start = cq_frontmatter_offset(f, value->line, value->col);
	fd->value_end = cq_frontmatter_offset(f, value->end_line, value->end_col);
	if (*json_left == 0) {
		cq_buf_puts(&json, "null"); /* said once, at the value that went over */
	} else if (cq_yaml_to_json(&json, value, json_left) < 0) {
		cq_buf_clear(&json);
		cq_buf_puts(&json, "null");
		rc = cq_lesson_diag_at(f, fd->pos, CQ_SEV_ERROR, "frontmatter-yaml",
				       "YAML aliases in the frontmatter expand to too much; write the "
				       "value out");
	}
	fd->json = json.failed ? NULL : cq_arena_strndup(&f->arena, cq_buf_cstr(&json), json.len);
	cq_buf_free(&json);
	return rc < 0 || !fd->json ? -1 : 0;
}

static int add_prereqs(cq_lesson_facts *f, const cq_ynode *list)
{
	size_t i;

	if (list->kind != CQ_Y_SEQ)
		return 0; /* the schema check reports the type */
	for (i = 0; i < list->n; i++) {
		const cq_ynode *it = list->items[i];
		cq_prereq *p;

		if (it->kind != CQ_Y_SCALAR || it->type == CQ_YT_NULL)
			continue;
		p = cq_vec_push(&f->prereqs, &f->arena);
		if (!p)
			return -1;
		p->target = it->value;
		p->pos = node_start(f, it);
		p->start = cq_frontmatter_offset(f, it->line, it->col);
		p->end = cq_frontmatter_offset(f, it->end_line, it->end_col);
	}
	return 0;
}

static int add_topics(cq_lesson_facts *f, const cq_ynode *list)
{
	size_t i;

	if (list->kind != CQ_Y_SEQ)
		return 0;
	for (i = 0; i < list->n; i++) {
		const char **t;

		if (list->items[i]->kind != CQ_Y_SCALAR)
			continue;
		t = cq_vec_push(&f->topics, &f->arena);
		if (!t)
			return -1;
		*t = list->items[i]->value;
	}
	return 0;
}

static int duplicate(cq_lesson_facts *f, const cq_ynode *key)
{
	size_t i;

	for (i = 0; i < f->fields.len; i++)
		if (strcmp(CQ_VEC_AT(&f->fields, cq_field, i)->key, key->value) == 0)
			return 1;
	return 0;
}

static int add_fields(cq_lesson_facts *f, const cq_ynode *map)
{
	/* As much JSON as the YAML written out could make (escapes take up
	 * to six bytes a byte), and a margin: only aliases make more. */
	size_t json_left = CQ_YAML_MAX_JSON + 6 * (f->mdx.fm_end - f->mdx.fm_start);
	char msg[256];
	size_t i;

	for (i = 0; i + 1 < map->n; i += 2) {
		const cq_ynode *k = map->items[i], *v = map->items[i + 1];

		if (k->kind != CQ_Y_SCALAR)
			continue;
		if (duplicate(f, k)) {
			snprintf(msg, sizeof(msg), "frontmatter key '%.100s' appears twice; keep one",
				 k->value);
			if (cq_lesson_diag_at(f, node_start(f, k), CQ_SEV_ERROR,
					      "frontmatter-duplicate-key", msg) < 0)
				return -1;
			continue;
		}
		if (add_field(f, k, v, &json_left) < 0)
			return -1;
		if (strcmp(k->value, "prerequisites") == 0 && add_prereqs(f, v) < 0)
			return -1;
		if (strcmp(k->value, "topics") == 0 && add_topics(f, v) < 0)
			return -1;
	}
	return 0;
}

static int yaml_error(cq_lesson_facts *f)
{
	char msg[400];
	size_t off = cq_frontmatter_offset(f, f->yaml.err_line, f->yaml.err_col);

	if (off > f->mdx.fm_end)
		off = f->mdx.fm_end;
	snprintf(msg, sizeof(msg), "invalid YAML in frontmatter: %s", f->yaml.error);
	return cq_lesson_diag(f, off, CQ_SEV_ERROR, "frontmatter-yaml", msg);
}

int cq_frontmatter_extract(cq_lesson_facts *f)
{
	const cq_mdx *m = &f->mdx;
	const cq_ynode *root;

	if (m->fm == CQ_FM_NONE && f->len == 0)
		return 0; /* empty-file says it all */
	if (m->fm == CQ_FM_NONE)
		return cq_lesson_diag(f, m->body_start, CQ_SEV_ERROR, "frontmatter-missing",
				      "lesson has no frontmatter; start the file with a '---' line, the YAML fields, and '---'");
	if (m->fm != CQ_FM_OK)
		return 0; /* the scanner reported it */
	if (cq_yaml_parse(&f->yaml, &f->arena, f->src + m->fm_start,
			  m->fm_end - m->fm_start) < 0)
		return yaml_error(f);
	root = f->yaml.root;
	if (!root || (root->kind == CQ_Y_SCALAR && root->type == CQ_YT_NULL))
		return 0; /* empty: the schema check lists what is missing */
	if (root->kind != CQ_Y_MAP)
		return cq_lesson_diag_at(f, node_start(f, root), CQ_SEV_ERROR,
					 "frontmatter-yaml",
					 "frontmatter must be a mapping of keys to values");
	return add_fields(f, root);
}

int cq_frontmatter_object(cq_buf *out, const cq_lesson_facts *f)
{
	size_t i;

	cq_buf_putc(out, '{');
	for (i = 0; i < f->fields.len; i++) {
		const cq_field *fd = CQ_VEC_AT(&f->fields, cq_field, i);

		if (i)
			cq_buf_putc(out, ',');
		cq_json_cstr(out, fd->key);
		cq_buf_putc(out, ':');
		cq_buf_puts(out, fd->json);
	}
	cq_buf_putc(out, '}');
	return out->failed ? -1 : 0;
}
