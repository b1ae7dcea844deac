/* courseq.yaml: where the course is and how its site serves it. Found by
 * walking up from the working directory, like git; every setting has a
 * default that describes a plain Astro site. */
#ifndef COURSEQ_CONFIG_H
#define COURSEQ_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "lesson.h"
#include "schema_check.h"

typedef struct cq_severity_rule {
	const char *code;
	int severity; /* a cq_severity, or -1: off */
} cq_severity_rule;

typedef struct cq_config {
	cq_arena arena;
	const char *root;        /* absolute: folder of courseq.yaml or the site */
	const char *config_path; /* NULL when there is no courseq.yaml */
	const char *content;     /* absolute content root */
	const char *site;        /* absolute site root (public/, package.json) */
	const char *db_path;     /* absolute index path */
	const char *base;        /* site base path: "" or "/docs" */
	const char *route;       /* "/course/{id}" */
	int require_base;
	cq_slug_profile slugs;
	const char *slugs_why; /* "courseq.yaml", "astro 5 in package.json", ... */
	const char **module_order; /* module folder names or aliases */
	size_t n_module_order;
	cq_schema schema;
	cq_severity_rule *severities;
	size_t n_severities;
	uint64_t hash; /* of everything that changes what the index holds */
} cq_config;

/* Finds and reads the config for start_dir (NULL: the working directory).
 * db_path overrides the index location. Returns 0, or -1 with a message in
 * err ("courseq.yaml:3:5: ..."). Free with cq_config_free either way. */
int cq_config_load(cq_config *c, const char *start_dir, const char *db_path,
		   char *err, size_t errlen);
void cq_config_free(cq_config *c);

/* The configured severity for a diagnostic code: its default, another
 * severity, or -1 when the code is turned off. */
int cq_config_severity(const cq_config *c, const char *code, int def);

#endif
