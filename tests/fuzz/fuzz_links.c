/* libFuzzer target: link resolution. The first byte chooses the link kind
 * (byte % 6), the config (byte / 6 % 4) and the lesson the link is written
 * in (byte / 24); the rest is the URL, as the MDX scanner hands it over. It goes through cq_link_check (resolve,
 * the diagnostics, did-you-mean) and cq_resolve on a small fixed course,
 * and the raw bytes through cq_percent_decode. Besides crashes, it checks
 * what resolve.h promises: a lesson reached is one of the course's, every
 * lesson's own URL leads back to it, no file to look for climbs out of the
 * course, and no escape for NUL decodes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_check.h"
#include "path.h"
#include "resolve.h"
#include "walk.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Paths under the content root: numbered and plain module folders,
 * Cyrillic ids, a slug two lessons share (intro), a lesson outside any
 * module, a dot in a name and a folder two deep. */
/* As the walk names files: the id, NUL, the extension. */
static const cq_file files[] = {
	{"01-module-1/01-intro\0mdx", 0, 0},
	{"01-module-1/02-x\0mdx", 0, 0},
	{"01-module-1/03-prereqs\0mdx", 0, 0},
	{"02-module-2/01-основы\0mdx", 0, 0},
	{"02-module-2/02-шаг-2\0md", 0, 0},
	{"02-module-2/10-intro\0mdx", 0, 0},
	{"03-модуль-3/01-итоги\0mdx", 0, 0},
	{"module-4/01-no-number\0mdx", 0, 0},
	{"05-module-5/01-v1.2-notes\0mdx", 0, 0},
	{"06-module-6/part/01-deep\0mdx", 0, 0},
	{"overview\0mdx", 0, 0},
};
#define N_FILES (sizeof(files) / sizeof(files[0]))

/* Configs as cq_config_load leaves them (absolute, normalised paths; a
 * base without a trailing '/'; a route that starts with '/' and holds
 * {id}): the default, the fixtures' (a required base), a deeper base with
 * the site root above the config's and a route for Astro's trailingSlash
 * 'always', and a route to .html files. */
typedef struct setting {
	const char *base, *route, *site;
	int require_base;
} setting;

static const setting settings[] = {
	{"", "/course/{id}", "/srv/site", 0},
	{"/docs", "/course/{id}", "/srv/site", 1},
	{"/a/b", "/learn/{id}/", "/srv", 0},
	{"/docs", "/{id}.html", "/srv/site", 0},
};
#define N_CONFIGS (sizeof(settings) / sizeof(settings[0]))

static const cq_link_kind kinds[] = {CQ_LINK_MARKDOWN, CQ_LINK_DEFINITION,  CQ_LINK_JSX,
				     CQ_LINK_ASSET,    CQ_LINK_PREREQUISITE, CQ_LINK_IMPORT};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

static cq_config configs[N_CONFIGS];
static cq_course course;
/* Lengths of returned strings go here, so the strlen that makes ASan read
 * them is not optimised away. */
static volatile size_t sink;

static void fail(const char *what, const char *url)
{
	fprintf(stderr, "fuzz_links: %s (url '%s')\n", what, url);
	abort();
}

static int no_diag(void *user, int seq, int line, int col, cq_severity sev, const char *code,
		   const char *msg)
{
	(void)user;
	(void)seq;
	(void)line;
	(void)col;
	(void)sev;
	/* Read both: ASan reports one left in freed or unterminated memory. */
	sink += strlen(code) + strlen(msg);
	return 0;
}

static int is_course_lesson(const cq_lesson_info *l)
{
	return l >= course.lessons && l < course.lessons + course.n;
}

/* A file to look for that could lead out of the course: a path: or
 * module: one with a ".." segment or absolute (a module: one may be, under
 * a site root above the course's), a url: one with a "." or ".." segment
 * (the site path a browser asks for has none). */
static int may_leave(const char *file, const cq_config *cfg)
{
	const char *p = strchr(file, ':') + 1;
	int url = strncmp(file, "url:", 4) == 0, module = strncmp(file, "module:", 7) == 0;

	if (!url && p[0] == '/' && !(module && cq_path_under(cfg->site, p) != p))
		return 1;
	while (p) {
		size_t n;

		p += *p == '/';
		n = strcspn(p, "/");
		if ((n == 2 && p[0] == '.' && p[1] == '.') || (url && n == 1 && p[0] == '.'))
			return 1;
		p = p[n] ? p + n : NULL;
	}
	return 0;
}

/* What cq_resolve says must hold together; out of memory excused. */
static void check_resolved(const cq_resolved *r, cq_arena *a, const cq_config *cfg,
			   const char *url)
{
	int reaches = r->status == CQ_ST_OK || r->status == CQ_ST_ALIAS_LINK ||
		      r->status == CQ_ST_FILE_LINK;

	if (r->status > CQ_ST_OUTSIDE)
		fail("status out of range", url);
	if (r->lesson && !is_course_lesson(r->lesson))
		fail("a lesson outside the course", url);
	if (a->failed)
		return;
	if (reaches && !r->lesson)
		fail("a lesson reached, but none given", url);
	if (r->status == CQ_ST_FILE && !r->file)
		fail("a file to look for, but none given", url);
	if (r->file && may_leave(r->file, cfg))
		fail("a file to look for that may lead out of the course", url);
	if (r->lesson && !cq_lesson_url(a, cfg, r->lesson))
		fail("no URL for the lesson reached", url);
	if (r->url)
		sink += strlen(r->url);
	if (r->anchor)
		sink += strlen(r->anchor);
}

/* Every lesson's own URL, and with a fragment, reaches that lesson. */
static void round_trip(const cq_config *cfg)
{
	size_t i;

	for (i = 0; i < course.n; i++) {
		const cq_lesson_info *l = &course.lessons[i];
		cq_arena a;
		cq_resolved r;
		const char *url;
		char *frag;

		cq_arena_init(&a);
		url = cq_lesson_url(&a, cfg, l);
		frag = url ? cq_arena_alloc(&a, strlen(url) + 3) : NULL;
		if (!frag)
			abort();
		sprintf(frag, "%s#x", url);
		if (cq_resolve(&r, &a, cfg, &course, &course.lessons[0], CQ_LINK_MARKDOWN, url) < 0 ||
		    r.status != CQ_ST_OK || r.lesson != l)
			fail("a lesson's URL does not reach it", url);
		if (cq_resolve(&r, &a, cfg, &course, &course.lessons[0], CQ_LINK_MARKDOWN, frag) < 0 ||
		    r.status != CQ_ST_OK || r.lesson != l || !r.anchor || strcmp(r.anchor, "x") != 0)
			fail("a lesson's URL with a fragment does not reach it", frag);
		cq_arena_free(&a);
	}
}

static void free_all(void)
{
	cq_course_free(&course);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t i;

	(void)argc;
	(void)argv;
	if (cq_course_from_files(&course, files, N_FILES, "src/content/course") < 0)
		abort();
	atexit(free_all);
	/* Nothing is allocated in the configs: their strings are static. */
	for (i = 0; i < N_CONFIGS; i++) {
		cq_config *c = &configs[i];

		memset(c, 0, sizeof(*c));
		c->root = "/srv/site";
		c->content = "/srv/site/src/content/course";
		c->site = settings[i].site;
		c->base = settings[i].base;
		c->route = settings[i].route;
		c->require_base = settings[i].require_base;
		round_trip(c);
	}
	return 0;
}

/* The raw bytes, exactly as long as they are (no NUL after them). */
static void decode_raw(const uint8_t *data, size_t size)
{
	cq_arena a;
	int bad;
	const char *s;

	cq_arena_init(&a);
	s = cq_percent_decode(&a, (const char *)data, size, &bad);
	if (s && bad && memcmp(s, data, size) != 0)
		fail("an invalid escape that was not kept as written", "(raw)");
	/* Every '%' starts an escape (hex digits are not '%'): "%00" is one. */
	if (s && !bad && memmem(data, size, "%00", 3))
		fail("an escape for NUL decoded", "(raw)");
	cq_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const cq_config *cfg;
	const cq_lesson_info *from;
	cq_link_kind kind;
	cq_arena a;
	cq_link_ctx ctx;
	cq_link_verdict v;
	cq_resolved r;
	char *url;

	if (size < 1)
		return 0;
	kind = kinds[data[0] % N_KINDS];
	cfg = &configs[data[0] / N_KINDS % N_CONFIGS];
	from = &course.lessons[data[0] / (N_KINDS * N_CONFIGS) % course.n];
	decode_raw(data + 1, size - 1);
	/* A URL ends at its NUL: a copy just long enough for it. */
	url = malloc(size);
	cq_arena_init(&a);
	if (!url)
		goto done;
	memcpy(url, data + 1, size - 1);
	url[size - 1] = '\0';
	ctx = (cq_link_ctx){cfg, &course, &a, no_diag, NULL};
	if (cq_link_check(&ctx, from, kind, url, 0, 1, 1, &v) == 0 && !a.failed) {
		if (!v.status)
			fail("a verdict without a status", url);
		if (v.target)
			sink += strlen(v.target);
	}
	if (kind != CQ_LINK_PREREQUISITE && cq_resolve(&r, &a, cfg, &course, from, kind, url) == 0) {
		const char *own = cq_lesson_url(&a, cfg, from);

		check_resolved(&r, &a, cfg, url);
		/* An import names a module, not a page. */
		if (kind != CQ_LINK_IMPORT && own && strcmp(url, own) == 0 &&
		    (r.status != CQ_ST_OK || r.lesson != from))
			fail("the lesson's own URL does not reach it", url);
	}
done:
	cq_arena_free(&a);
	free(url);
	return 0;
}
