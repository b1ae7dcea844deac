/* Where a link goes, as the site serves it: config base and route, site-
 * absolute, page-relative and file-relative URLs, fragments, assets and
 * import sources. Pure: no files are read here (file_check.c does that). */
#ifndef COURSEQ_RESOLVE_H
#define COURSEQ_RESOLVE_H

#include "arena.h"
#include "config.h"
#include "course.h"
#include "lesson.h"

typedef enum cq_link_status {
	CQ_ST_OK,            /* reaches a lesson (anchor not yet checked) */
	CQ_ST_EXTERNAL,      /* another site or scheme: recorded, never fetched */
	CQ_ST_PAGE,          /* a page of the site that is not a lesson */
	CQ_ST_FILE,          /* a file to check for: an asset or an import */
	CQ_ST_PACKAGE,       /* an import of a package: not checked */
	CQ_ST_BROKEN_LINK,   /* no such lesson or page */
	CQ_ST_ALIAS_LINK,    /* reaches a lesson only through its alias */
	CQ_ST_FILE_LINK,     /* reaches a lesson through its .mdx file */
	CQ_ST_MISSING_BASE,  /* lacks the base the config requires */
	CQ_ST_BROKEN_ANCHOR, /* set by the anchor check */
	CQ_ST_OUTSIDE        /* a file path that leaves the course (or, for
				"/x" imports, the site): told from its text */
} cq_link_status;

const char *cq_link_status_name(cq_link_status s);

typedef struct cq_resolved {
	cq_link_status status;
	const cq_lesson_info *lesson; /* the lesson reached, also for alias links */
	const char *anchor;           /* the fragment, percent-decoded; NULL: none */
	int bad_encoding;             /* the fragment's percent-encoding is invalid */
	const char *file;             /* for CQ_ST_FILE: the path under the root */
	const char *url;              /* the URL the site serves (for messages) */
	const char *id;               /* the lesson id the URL asks for, if any */
} cq_resolved;

/* Resolves url, written in lesson `from` as a link of kind, into r; strings
 * in the arena. */
int cq_resolve(cq_resolved *r, cq_arena *a, const cq_config *cfg, const cq_course *c,
	       const cq_lesson_info *from, cq_link_kind kind, const char *url);

/* The URL the site serves a lesson at (base + route). */
const char *cq_lesson_url(cq_arena *a, const cq_config *cfg, const cq_lesson_info *l);

/* Decodes %XX escapes of s[0..n) into the arena; *bad is set when an escape
 * is malformed or stands for NUL, or the result is not UTF-8 (the text is
 * then kept as is). Other control characters decode: file names and ids
 * may hold them. */
const char *cq_percent_decode(cq_arena *a, const char *s, size_t n, int *bad);

#endif
