#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "strmap.h"

#define CONFIG_NAME "courseq.yaml"
#define DEFAULT_CONTENT "src/content/course"

typedef struct loader {
	cq_config *c;
	const char *file; /* for messages */
	char *err;
	size_t errlen;
} loader;

static int fail_at(loader *ld, const cq_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at(loader *ld, const cq_ynode *n, const char *fmt, ...)
{
	va_list ap;
	int k = 0;

	if (n)
		k = snprintf(ld->err, ld->errlen, "%s:%u:%u: ", ld->file, n->line + 1, n->col + 1);
	else
		k = snprintf(ld->err, ld->errlen, "%s: ", ld->file);
	if (k < 0 || (size_t)k >= ld->errlen)
		return -1; /* the place alone filled the buffer */
	va_start(ap, fmt);
	vsnprintf(ld->err + k, ld->errlen - (size_t)k, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *scalar(loader *ld, const cq_ynode *v, const char *key)
{
	if (v->kind != CQ_Y_SCALAR || v->type == CQ_YT_NULL) {
		fail_at(ld, v, "'%s' must be a text value", key);
		return NULL;
	}
	return v->value;
}

static int boolean(loader *ld, const cq_ynode *v, const char *key, int *out)
{
	if (v->kind != CQ_Y_SCALAR || v->type != CQ_YT_BOOL)
		return fail_at(ld, v, "'%s' must be true or false", key);
	*out = (v->value[0] | 0x20) == 't';
	return 0;
}

/* Paths in the config stay inside its folder: a config must not make
 * courseq read or write elsewhere. */
static int set_path(loader *ld, const cq_ynode *v, const char *key, const char **out)
{
	const char *s = scalar(ld, v, key), *under;

	if (!s)
		return -1;
	*out = cq_path_join(&ld->c->arena, ld->c->root, s);
	if (!*out)
		return fail_at(ld, NULL, "out of memory");
	under = cq_path_under(ld->c->root, *out);
	if (under == *out && strcmp(*out, ld->c->root) != 0)
		return fail_at(ld, v, "'%s' must be inside the folder of courseq.yaml, not %s", key, s);
	return 0;
}

static int set_route(loader *ld, const cq_ynode *v)
{
	const char *s = scalar(ld, v, "route");

	if (!s)
		return -1;
	if (s[0] != '/' || !strstr(s, "{id}"))
		return fail_at(ld, v, "'route' must start with '/' and contain {id}, as in /course/{id}");
	ld->c->route = s;
	return 0;
}

static int set_base(loader *ld, const cq_ynode *v)
{
	const char *s = scalar(ld, v, "base");
	size_t n;
	char *b;

	if (!s)
		return -1;
	if (s[0] && s[0] != '/')
		return fail_at(ld, v, "'base' must be empty or start with '/', as in /docs");
	/* "/docs/" and "/docs" serve the same pages; keep no trailing '/'. */
	n = strlen(s);
	while (n > 0 && s[n - 1] == '/')
		n--;
	b = cq_arena_strndup(&ld->c->arena, s, n);
	if (!b)
		return fail_at(ld, NULL, "out of memory");
	ld->c->base = b;
	return 0;
}

static int set_slugs(loader *ld, const cq_ynode *v)
{
	const char *s = scalar(ld, v, "slugs");

	if (!s)
		return -1;
	if (strcmp(s, "github") == 0)
		ld->c->slugs = CQ_SLUG_GITHUB;
	else if (strcmp(s, "astro5") == 0)
		ld->c->slugs = CQ_SLUG_ASTRO5;
	else
		return fail_at(ld, v, "'slugs' must be github or astro5, not '%s'", s);
	ld->c->slugs_why = CONFIG_NAME;
	return 0;
}

static int set_module_order(loader *ld, const cq_ynode *v)
{
	size_t i;

	if (v->kind != CQ_Y_SEQ)
		return fail_at(ld, v, "'module_order' must be a list of module folders, as in [module-1, module-2]");
	ld->c->module_order = cq_arena_alloc(&ld->c->arena, (v->n + 1) * sizeof(char *));
	if (!ld->c->module_order)
		return fail_at(ld, NULL, "out of memory");
	for (i = 0; i < v->n; i++) {
		const char *s = scalar(ld, v->items[i], "module_order");

		if (!s)
			return -1;
		ld->c->module_order[i] = s;
	}
	ld->c->n_module_order = v->n;
	return 0;
}

static int severity_of(const char *s)
{
	static const char *const names[] = {"error", "warning", "note"};
	int i;

	if (strcmp(s, "off") == 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -2;
}

static int set_severities(loader *ld, const cq_ynode *v)
{
	size_t i;

	if (v->kind != CQ_Y_MAP)
		return fail_at(ld, v, "'severity' must map diagnostic codes to error, warning, note or off");
	ld->c->severities = cq_arena_alloc(&ld->c->arena, (v->n / 2 + 1) * sizeof(cq_severity_rule));
	if (!ld->c->severities)
		return fail_at(ld, NULL, "out of memory");
	for (i = 0; i + 1 < v->n; i += 2) {
		const char *code = scalar(ld, v->items[i], "severity");
		const char *sev = code ? scalar(ld, v->items[i + 1], code) : NULL;
		int s;

		if (!sev)
			return -1;
		s = severity_of(sev);
		if (s == -2)
			return fail_at(ld, v->items[i + 1], "severity of '%s' must be error, warning, note or off, not '%s'",
				       code, sev);
		ld->c->severities[ld->c->n_severities++] = (cq_severity_rule){code, s};
	}
	return 0;
}

/* schema: { key: type | [enum values] | {type:, required:} } */
static int schema_field(loader *ld, const cq_ynode *k, const cq_ynode *v,
			cq_schema_field *sf)
{
	const cq_ynode *type = v, *req;
	size_t i;

	sf->name = k->value;
	sf->required = 1;
	if (v->kind == CQ_Y_MAP) {
		type = cq_ymap_get(v, "type");
		req = cq_ymap_get(v, "required");
		if (!type)
			return fail_at(ld, v, "schema entry '%s' needs a 'type'", sf->name);
		if (req && boolean(ld, req, "required", &sf->required) < 0)
			return -1;
	}
	if (type->kind == CQ_Y_SEQ) {
		const char **vals = cq_arena_alloc(&ld->c->arena, (type->n + 1) * sizeof(char *));

		if (!vals)
			return fail_at(ld, NULL, "out of memory");
		for (i = 0; i < type->n; i++)
			if (!(vals[i] = scalar(ld, type->items[i], sf->name)))
				return -1;
		sf->type = CQ_F_ENUM;
		sf->values = vals;
		return 0;
	}
	if (type->kind != CQ_Y_SCALAR || cq_ftype_parse(type->value) < 0 ||
	    cq_ftype_parse(type->value) == CQ_F_ENUM)
		return fail_at(ld, type, "schema type of '%s' must be string, number, integer, boolean, list, date, any, or a list of allowed values",
			       sf->name);
	sf->type = (cq_ftype)cq_ftype_parse(type->value);
	return 0;
}

static int set_schema(loader *ld, const cq_ynode *v)
{
	cq_schema_field *fields;
	size_t i;

	if (v->kind != CQ_Y_MAP)
		return fail_at(ld, v, "'schema' must map frontmatter keys to types");
	fields = cq_arena_alloc(&ld->c->arena, (v->n / 2 + 1) * sizeof(*fields));
	if (!fields)
		return fail_at(ld, NULL, "out of memory");
	for (i = 0; i + 1 < v->n; i += 2)
		if (schema_field(ld, v->items[i], v->items[i + 1], &fields[i / 2]) < 0)
			return -1;
	ld->c->schema.fields = fields;
	ld->c->schema.count = v->n / 2;
	return 0;
}

static int set_unknown_keys(loader *ld, const cq_ynode *v)
{
	const char *s = scalar(ld, v, "unknown_keys");

	if (!s)
		return -1;
	if (strcmp(s, "warn") != 0 && strcmp(s, "allow") != 0)
		return fail_at(ld, v, "'unknown_keys' must be warn or allow");
	ld->c->schema.allow_unknown = strcmp(s, "allow") == 0;
	return 0;
}

static int apply(loader *ld, const char *key, const cq_ynode *v)
{
	cq_config *c = ld->c;

	if (strcmp(key, "content") == 0)
		return set_path(ld, v, key, &c->content);
	if (strcmp(key, "site") == 0)
		return set_path(ld, v, key, &c->site);
	if (strcmp(key, "index") == 0)
		return set_path(ld, v, key, &c->db_path);
	if (strcmp(key, "base") == 0)
		return set_base(ld, v);
	if (strcmp(key, "route") == 0)
		return set_route(ld, v);
	if (strcmp(key, "require_base") == 0)
		return boolean(ld, v, key, &c->require_base);
	if (strcmp(key, "slugs") == 0)
		return set_slugs(ld, v);
	if (strcmp(key, "module_order") == 0)
		return set_module_order(ld, v);
	if (strcmp(key, "severity") == 0)
		return set_severities(ld, v);
	if (strcmp(key, "schema") == 0)
		return set_schema(ld, v);
	if (strcmp(key, "unknown_keys") == 0)
		return set_unknown_keys(ld, v);
	return -2;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

static int parse_file(loader *ld)
{
	cq_config *c = ld->c;
	size_t len = 0, i;
	char *text = read_file(c->config_path, &len);
	cq_ydoc doc;
	int rc = 0;

	if (!text)
		return fail_at(ld, NULL, "cannot read the file");
	if (cq_yaml_parse(&doc, &c->arena, text, len) < 0) {
		snprintf(ld->err, ld->errlen, "%s:%u:%u: invalid YAML: %s", ld->file,
			 doc.err_line + 1, doc.err_col + 1, doc.error);
		free(text);
		return -1;
	}
	c->hash = cq_hash64(text, len);
	free(text); /* the tree holds copies of every value */
	if (!doc.root || (doc.root->kind == CQ_Y_SCALAR && doc.root->type == CQ_YT_NULL))
		return 0;
	if (doc.root->kind != CQ_Y_MAP)
		return fail_at(ld, doc.root, "the config must be a mapping of settings");
	for (i = 0; rc == 0 && i + 1 < doc.root->n; i += 2) {
		const cq_ynode *k = doc.root->items[i];

		rc = k->kind == CQ_Y_SCALAR ? apply(ld, k->value, doc.root->items[i + 1]) : -2;
		if (rc == -2)
			rc = fail_at(ld, k, "unknown setting '%s'; the settings are content, site, index, base, route, require_base, slugs, module_order, schema, unknown_keys, severity",
				     k->kind == CQ_Y_SCALAR ? k->value : "?");
	}
	return rc;
}

/* The folder holding courseq.yaml, or else one holding the default
 * content root, from dir upwards. */
static int discover(cq_config *c, const char *dir)
{
	char *d = cq_arena_strdup(&c->arena, dir);

	for (int pass = 0; pass < 2 && d; pass++) {
		char *p = d;

		for (;;) {
			char *probe = cq_path_join(&c->arena, p, pass ? DEFAULT_CONTENT : CONFIG_NAME);

			if (!probe)
				return -1;
			if (pass ? cq_path_is_dir(probe) : cq_path_is_file(probe)) {
				c->root = p;
				c->config_path = pass ? NULL : probe;
				return 1;
			}
			if (strcmp(p, "/") == 0)
				break;
			p = cq_path_dir(&c->arena, p);
			if (!p)
				return -1;
		}
	}
	return 0;
}

/* The site root: what comes before /src/content/ in the content path. */
static const char *site_of(cq_config *c)
{
	const char *at = strstr(c->content, "/src/content/");

	if (!at)
		return c->root;
	return cq_arena_strndup(&c->arena, c->content, (size_t)(at - c->content));
}

/* Astro up to 5 drops a trailing '-' from heading anchors; read the
 * version the site depends on from its package.json. */
static void infer_slugs(cq_config *c)
{
	char *pkg = cq_path_join(&c->arena, c->site, "package.json");
	size_t len = 0;
	char *text = pkg ? read_file(pkg, &len) : NULL;
	const char *at = text ? strstr(text, "\"astro\"") : NULL;

	c->slugs = CQ_SLUG_GITHUB;
	c->slugs_why = "default";
	if (at) {
		at += strlen("\"astro\"");
		while (*at && strchr(" \t\r\n:\"^~=<>v", *at))
			at++;
		if (*at >= '0' && *at <= '9') {
			long major = strtol(at, NULL, 10);

			c->slugs = major <= 5 ? CQ_SLUG_ASTRO5 : CQ_SLUG_GITHUB;
			c->slugs_why = major <= 5 ? "astro 5 or older in package.json"
						  : "astro 6 or newer in package.json";
		}
	}
	free(text);
}

/* Is path, symlinks resolved, inside root (also resolved)? */
static int real_inside(const char *root, const char *path)
{
	char *r = realpath(root, NULL), *p = realpath(path, NULL);
	int ok = r && p && (strcmp(r, p) == 0 || strcmp(cq_path_under(r, p), p) != 0);

	free(r);
	free(p);
	return ok;
}

static int finish(loader *ld, const char *db_path)
{
	cq_config *c = ld->c;

	if (!c->content)
		c->content = cq_path_join(&c->arena, c->root, DEFAULT_CONTENT);
	if (!c->site)
		c->site = site_of(c);
	if (db_path)
		c->db_path = db_path;
	else if (!c->db_path)
		c->db_path = cq_path_join(&c->arena, c->config_path ? c->root : c->site,
					  ".courseq/index.db");
	if (!c->content || !c->site || !c->db_path)
		return fail_at(ld, NULL, "out of memory");
	if (!cq_path_is_dir(c->content))
		return fail_at(ld, NULL, "the content folder %s does not exist; set 'content' in %s",
			       c->content, CONFIG_NAME);
	if (!real_inside(c->root, c->content))
		return fail_at(ld, NULL, "the content folder %s is a link that leads outside %s; courseq does not follow it",
			       c->content, c->root);
	if (!c->slugs_why)
		infer_slugs(c);
	c->hash ^= cq_hash64(c->content, strlen(c->content)) * 31 + (uint64_t)c->slugs;
	return 0;
}

int cq_config_load(cq_config *c, const char *start_dir, const char *db_path,
		   char *err, size_t errlen)
{
	loader ld = {c, CONFIG_NAME, err, errlen};
	const char *dir;
	int found;

	memset(c, 0, sizeof(*c));
	cq_arena_init(&c->arena);
	c->base = "";
	c->route = "/course/{id}";
	c->schema = *cq_schema_default();
	dir = start_dir ? cq_path_join(&c->arena, cq_path_cwd(&c->arena) ? cq_path_cwd(&c->arena) : "/", start_dir)
			: cq_path_cwd(&c->arena);
	if (!dir)
		return fail_at(&ld, NULL, "cannot tell the working directory");
	found = discover(c, dir);
	if (found < 0)
		return fail_at(&ld, NULL, "out of memory");
	if (!found) {
		snprintf(err, errlen, "no course found: no %s in %s or its parents, and no %s; run courseq in the site's folder, pass -C DIR, or write a %s",
			 CONFIG_NAME, dir, DEFAULT_CONTENT, CONFIG_NAME);
		return -1;
	}
	if (db_path)
		db_path = cq_path_join(&c->arena, cq_path_cwd(&c->arena), db_path);
	ld.file = c->config_path ? c->config_path : CONFIG_NAME;
	if (c->config_path && parse_file(&ld) < 0)
		return -1;
	return finish(&ld, db_path);
}

void cq_config_free(cq_config *c)
{
	cq_arena_free(&c->arena);
}

int cq_config_severity(const cq_config *c, const char *code, int def)
{
	size_t i;

	for (i = 0; i < c->n_severities; i++)
		if (strcmp(c->severities[i].code, code) == 0)
			return c->severities[i].severity;
	return def;
}
