#include "schema_check.h"

#include <stdio.h>
#include <string.h>

#include "lesson.h"

static const char *const difficulties[] = {"beginner", "intermediate", "advanced",
					   NULL};

/* The sample course's collection in content/src/content/config.ts. */
static const cq_schema_field default_fields[] = {
	{"title", CQ_F_STRING, 1, NULL},
	{"description", CQ_F_STRING, 1, NULL},
	{"order", CQ_F_NUMBER, 1, NULL},
	{"difficulty", CQ_F_ENUM, 1, difficulties},
	{"estimatedTime", CQ_F_NUMBER, 1, NULL},
	{"topics", CQ_F_STRING_LIST, 1, NULL},
	{"prerequisites", CQ_F_STRING_LIST, 0, NULL},
};

static const cq_schema default_schema = {
	default_fields, sizeof(default_fields) / sizeof(default_fields[0]), 0};

const cq_schema *cq_schema_default(void)
{
	return &default_schema;
}

static const char *const type_names[] = {"string", "number", "integer", "boolean",
					 "enum",   "string list", "date", "any"};

const char *cq_ftype_name(cq_ftype t)
{
	return type_names[t];
}

int cq_ftype_parse(const char *name)
{
	static const char *const spelled[] = {"string", "number", "integer", "boolean",
					      "enum",   "list",   "date",    "any"};
	size_t i;

	for (i = 0; i < sizeof(spelled) / sizeof(spelled[0]); i++)
		if (strcmp(name, spelled[i]) == 0)
			return (int)i;
	return -1;
}

static int is_date(const char *s)
{
	int y, m, d;
	char rest;

	return sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &rest) >= 3 && m >= 1 &&
	       m <= 12 && d >= 1 && d <= 31;
}

static int fits(const cq_schema_field *sf, const cq_ynode *v)
{
	size_t i;

	switch (sf->type) {
	case CQ_F_STRING:
	case CQ_F_ENUM: return v->type == CQ_YT_STRING;
	case CQ_F_NUMBER: return v->type == CQ_YT_INT || v->type == CQ_YT_FLOAT;
	case CQ_F_INTEGER: return v->type == CQ_YT_INT;
	case CQ_F_BOOLEAN: return v->type == CQ_YT_BOOL;
	case CQ_F_DATE: return v->type == CQ_YT_STRING && is_date(v->value);
	case CQ_F_STRING_LIST:
		if (v->type != CQ_YT_LIST)
			return 0;
		for (i = 0; i < v->n; i++)
			if (v->items[i]->type != CQ_YT_STRING)
				return 0;
		return 1;
	default: return 1;
	}
}

static const char *kind_of(const cq_ynode *v)
{
	static const char *const names[] = {"a string", "an integer", "a number", "a boolean",
					    "null", "a list", "a mapping"};

	return v->kind == CQ_Y_SCALAR && v->type == CQ_YT_STRING && v->style != CQ_YS_PLAIN
		       ? "a quoted string"
		       : names[v->type];
}

/* Appends " a, b, c": an enum's values. */
static void put_values(char *msg, size_t n, const cq_schema_field *sf)
{
	size_t i;

	for (i = 0; sf->values[i]; i++)
		snprintf(msg + strlen(msg), n - strlen(msg), "%s %s", i ? "," : "", sf->values[i]);
}

/* What a field must be: "a string", "an integer", "one of a, b, c". */
static void describe(char *out, size_t n, const cq_schema_field *sf)
{
	const char *type = cq_ftype_name(sf->type);

	if (sf->type == CQ_F_ENUM) {
		snprintf(out, n, "one of");
		put_values(out, n, sf);
	} else {
		snprintf(out, n, "%s %s", strchr("aeiou", type[0]) ? "an" : "a", type);
	}
}

static int check_value(cq_lesson_facts *f, const cq_field *fd,
		       const cq_schema_field *sf)
{
	char msg[512];
	size_t i;

	if (!fits(sf, fd->value)) {
		char want[300];

		describe(want, sizeof(want), sf);
		snprintf(msg, sizeof(msg), "'%s' must be %s, not %s%s", fd->key, want,
			 kind_of(fd->value),
			 sf->type == CQ_F_NUMBER && fd->value->type == CQ_YT_STRING
				 ? "; remove the quotes"
				 : "");
		return cq_lesson_diag_at(f, fd->pos, CQ_SEV_ERROR, "frontmatter-type", msg);
	}
	if (sf->type != CQ_F_ENUM)
		return 0;
	for (i = 0; sf->values[i]; i++)
		if (strcmp(sf->values[i], fd->value->value) == 0)
			return 0;
	snprintf(msg, sizeof(msg), "'%s' is '%.100s', which is not one of", fd->key,
		 fd->value->value);
	put_values(msg, sizeof(msg), sf);
	return cq_lesson_diag_at(f, fd->pos, CQ_SEV_ERROR, "frontmatter-enum", msg);
}

static const cq_schema_field *find_field(const cq_schema *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		if (strcmp(s->fields[i].name, key) == 0)
			return &s->fields[i];
	return NULL;
}

/* The known key nearest to an unknown one, for a did-you-mean. */
static const char *nearest_key(const cq_schema *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->count; i++) {
		const char *k = s->fields[i].name;
		size_t a = strlen(k), b = strlen(key);

		if (strncasecmp(k, key, a < b ? a : b) == 0 && (a > b ? a - b : b - a) <= 2)
			return k;
	}
	return NULL;
}

int cq_schema_check(cq_lesson_facts *f, const cq_schema *schema)
{
	char msg[512];
	size_t i;

	for (i = 0; i < f->fields.len; i++) {
		const cq_field *fd = CQ_VEC_AT(&f->fields, cq_field, i);
		const cq_schema_field *sf = find_field(schema, fd->key);
		const char *near;

		if (sf) {
			if (check_value(f, fd, sf) < 0)
				return -1;
			continue;
		}
		if (schema->allow_unknown)
			continue;
		near = nearest_key(schema, fd->key);
		snprintf(msg, sizeof(msg), "unknown frontmatter key '%.100s'%s%s%s", fd->key,
			 near ? "; did you mean '" : "; the schema does not have it",
			 near ? near : "", near ? "'?" : "");
		if (cq_lesson_diag_at(f, fd->key_pos, CQ_SEV_WARNING,
				      "frontmatter-unknown-key", msg) < 0)
			return -1;
	}
	if (f->mdx.fm != CQ_FM_OK || f->yaml.error[0])
		return 0; /* reported already: no frontmatter to check */
	for (i = 0; i < schema->count; i++) {
		if (!schema->fields[i].required || cq_lesson_field(f, schema->fields[i].name))
			continue;
		char want[300];

		describe(want, sizeof(want), &schema->fields[i]);
		snprintf(msg, sizeof(msg), "frontmatter has no '%s' (%s); add it",
			 schema->fields[i].name, want);
		if (cq_lesson_diag(f, f->mdx.body_start, CQ_SEV_ERROR,
				   "frontmatter-missing-key", msg) < 0)
			return -1;
	}
	return 0;
}
