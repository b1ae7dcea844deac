/* The frontmatter schema: which keys a lesson has, of which types. The
 * default is the Astro content collection of the sample course; a config
 * may give another. */
#ifndef COURSEQ_SCHEMA_CHECK_H
#define COURSEQ_SCHEMA_CHECK_H

#include <stddef.h>

typedef enum cq_ftype {
	CQ_F_STRING,
	CQ_F_NUMBER,
	CQ_F_INTEGER,
	CQ_F_BOOLEAN,
	CQ_F_ENUM,
	CQ_F_STRING_LIST,
	CQ_F_DATE,
	CQ_F_ANY
} cq_ftype;

typedef struct cq_schema_field {
	const char *name;
	cq_ftype type;
	int required;
	const char *const *values; /* enum values, NULL-terminated */
} cq_schema_field;

typedef struct cq_schema {
	const cq_schema_field *fields;
	size_t count;
	int allow_unknown; /* unknown keys are not reported */
} cq_schema;

const cq_schema *cq_schema_default(void);
const char *cq_ftype_name(cq_ftype t);
/* Parses a type name as written in courseq.yaml; -1 when unknown. */
int cq_ftype_parse(const char *name);

struct cq_lesson_facts;
/* Reports every frontmatter key that does not fit the schema. */
int cq_schema_check(struct cq_lesson_facts *f, const cq_schema *schema);

#endif
