/* Link resolution on a fixed course, without files: what it decides from
 * the text of a link alone (resolve.h promises no file is read). The root
 * does not exist, so a test that passes looked at nothing there. */
#include <stdlib.h>

#include "check.h"
#include "resolve.h"
#include "walk.h"

/* As the walk names files: the id, NUL, the extension. */
static const cq_file files[] = {
	{"01-module-1/01-intro\0mdx", 0, 0},
	{"01-module-1/02-x\0mdx", 0, 0},
	{"02-module-2/01-next\0mdx", 0, 0},
};

static cq_course course;
static cq_config cfg;

static void setup(void)
{
	if (cq_course_from_files(&course, files, 3, "src/content/course") < 0)
		abort();
	memset(&cfg, 0, sizeof(cfg));
	cfg.root = "/nonexistent/courseq-test/site";
	cfg.content = "/nonexistent/courseq-test/site/src/content/course";
	cfg.site = cfg.root;
	cfg.base = "";
	cfg.route = "/course/{id}";
}

/* Resolves url, written in 01-module-1/02-x, into r; strings in a. */
static void resolve(cq_resolved *r, cq_arena *a, cq_link_kind kind, const char *url)
{
	if (cq_resolve(r, a, &cfg, &course, cq_course_by_id(&course, "01-module-1/02-x"), kind,
		       url) < 0)
		abort();
}

/* The status, with the file to look for or the lesson reached. */
static const char *verdict(cq_link_kind kind, const char *url)
{
	static char out[512];
	cq_arena a;
	cq_resolved r;

	cq_arena_init(&a);
	resolve(&r, &a, kind, url);
	snprintf(out, sizeof(out), "%s %s%s%s", cq_link_status_name(r.status),
		 r.file ? r.file : r.lesson ? r.lesson->id : "-", r.anchor ? "#" : "",
		 r.anchor ? r.anchor : "");
	cq_arena_free(&a);
	return out;
}

static const char *decode(const char *s, int *bad)
{
	static char out[256];
	cq_arena a;
	const char *d;

	cq_arena_init(&a);
	d = cq_percent_decode(&a, s, strlen(s), bad);
	snprintf(out, sizeof(out), "%s", d ? d : "(null)");
	cq_arena_free(&a);
	return out;
}

/* Imports and assets that climb out of the course are refused from their
 * text: no file is given to look for. */
static void paths_out_of_the_course(void)
{
	CHECK_STR(verdict(CQ_LINK_IMPORT, "../../../../../etc/passwd"), "outside -");
	CHECK_STR(verdict(CQ_LINK_IMPORT, "/../../etc/passwd"), "outside -");
	CHECK_STR(verdict(CQ_LINK_IMPORT, "/.."), "outside -");
	CHECK_STR(verdict(CQ_LINK_IMPORT, "/src/../../x.tsx"), "outside -");
	CHECK_STR(verdict(CQ_LINK_ASSET, "./../../../../x.png"), "file path:x.png");
	CHECK_STR(verdict(CQ_LINK_ASSET, "./../../../../../x.png"), "outside -");
	/* Inside, however they get there. */
	CHECK_STR(verdict(CQ_LINK_IMPORT, "/src/components/../components/C.tsx"),
		  "file module:src/components/C.tsx");
	CHECK_STR(verdict(CQ_LINK_IMPORT, "../../../components/C.tsx"),
		  "file module:src/components/C.tsx");
}

/* A URL path is the site's, not a file's: above its root is its root. */
static void urls_stay_on_the_site(void)
{
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/../../etc/passwd"), "file url:/etc/passwd");
	CHECK_STR(verdict(CQ_LINK_ASSET, "/../../../images/a.png"), "file url:/images/a.png");
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "../../../../../about"), "file url:/about");
	CHECK_STR(verdict(CQ_LINK_JSX, "/.."), "file url:/");
}

/* As a browser does before it asks for the page (RFC 3986 5.2.4, and the
 * WHATWG URL standard for "%2e"). */
static void dot_segments(void)
{
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/course/01-module-1/../01-module-1/01-intro"),
		  "ok 01-module-1/01-intro");
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/course/./02-module-2/./01-next#a"),
		  "ok 02-module-2/01-next#a");
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/course/%2e%2E/course/01-module-1/01-intro"),
		  "ok 01-module-1/01-intro");
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/course/01-module-1/01-intro/."),
		  "ok 01-module-1/01-intro");
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/x/../course/02-module-2/01-next?q=1#a"),
		  "ok 02-module-2/01-next#a");
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "../01-intro"), "ok 01-module-1/01-intro");
	/* "/course/01-module-1/01-intro/.." is the module's folder. */
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/course/01-module-1/01-intro/.."),
		  "broken-link -");
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/files/a/../b.pdf"), "file url:/files/b.pdf");
}

/* NUL is in no id, file name or heading: an escape for it is malformed. */
static void nul_escapes(void)
{
	int bad;

	CHECK_STR(decode("a%00b", &bad), "a%00b");
	CHECK_INT(bad, 1);
	CHECK_STR(decode("%00", &bad), "%00");
	CHECK_INT(bad, 1);
	CHECK_STR(decode("%2500", &bad), "%00");
	CHECK_INT(bad, 0);
	CHECK_STR(decode("%D1%87%01", &bad), "ч\x01");
	CHECK_INT(bad, 0);
	CHECK_STR(verdict(CQ_LINK_MARKDOWN, "/course/01-module-1/01-intro%00garbage"),
		  "broken-link -");
}

static void nul_in_a_fragment(void)
{
	cq_arena a;
	cq_resolved r;

	cq_arena_init(&a);
	resolve(&r, &a, CQ_LINK_MARKDOWN, "#%00");
	CHECK_INT(r.bad_encoding, 1);
	CHECK_STR(r.anchor, "%00");
	resolve(&r, &a, CQ_LINK_MARKDOWN, "/course/01-module-1/01-intro#a%00");
	CHECK_INT(r.bad_encoding, 1);
	cq_arena_free(&a);
}

int main(void)
{
	setup();
	RUN(paths_out_of_the_course);
	RUN(urls_stay_on_the_site);
	RUN(dot_segments);
	RUN(nul_escapes);
	RUN(nul_in_a_fragment);
	cq_course_free(&course);
	DONE();
}
