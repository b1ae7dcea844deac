/* One link's verdict: where it goes and whether the site serves it, with a
 * diagnostic when it does not. Used when a lesson is stored (its links are
 * checked as they are written) and when a lesson's links are checked again
 * because a lesson they reach changed. Anchors are checked later, for all
 * links at once (anchors.c): the lesson reached may not be read yet. */
#ifndef COURSEQ_LINK_CHECK_H
#define COURSEQ_LINK_CHECK_H

#include "arena.h"
#include "config.h"
#include "course.h"
#include "lesson.h"

typedef int (*cq_link_diag_fn)(void *user, int seq, int line, int col, cq_severity sev,
			       const char *code, const char *msg);

typedef struct cq_link_ctx {
	const cq_config *cfg;
	const cq_course *course; /* the lessons there are, by id and alias */
	cq_arena *scratch;       /* for the verdicts' strings */
	cq_link_diag_fn diag;
	void *user;
} cq_link_ctx;

typedef struct cq_link_verdict {
	const char *status; /* ok, external, file (to look for), broken-link, ... */
	const char *target; /* lesson id, file target (url:/x, path:p, module:p), or NULL */
	const char *anchor; /* the fragment, percent-decoded; NULL: none */
} cq_link_verdict;

/* Checks a link written in lesson `from` (which must be in ctx->course). */
int cq_link_check(cq_link_ctx *ctx, const cq_lesson_info *from, cq_link_kind kind,
		  const char *url, int seq, int line, int col, cq_link_verdict *out);

/* Checks every link and prerequisite of a parsed lesson (id, in course),
 * keeping the verdicts and problems in the lesson's facts. Pure: safe on
 * the parse thread. */
int cq_lesson_check_links(cq_lesson_facts *f, const char *id, const cq_config *cfg,
			  const cq_course *course);

/* The kind named by cq_link_kind_name. */
cq_link_kind cq_link_kind_parse(const char *name);

#endif
