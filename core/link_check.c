#include "link_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "resolve.h"

typedef struct checker {
	cq_link_ctx *ctx;
	const cq_lesson_info *from;
	const char *url;
	int seq, line, col;
	cq_link_kind kind;
	char msg[1024];
} checker;

cq_link_kind cq_link_kind_parse(const char *name)
{
	int i;

	for (i = 0; i <= CQ_LINK_IMPORT; i++)
		if (strcmp(name, cq_link_kind_name((cq_link_kind)i)) == 0)
			return (cq_link_kind)i;
	return CQ_LINK_MARKDOWN;
}

static int report(checker *ck, cq_severity sev, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int report(checker *ck, cq_severity sev, const char *code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ck->msg, sizeof(ck->msg), fmt, ap);
	va_end(ap);
	return ck->ctx->diag(ck->ctx->user, ck->seq, ck->line, ck->col, sev, code, ck->msg);
}

/* The fragment as written, with its '#', or "". */
static const char *fragment(const char *url)
{
	const char *h = strchr(url, '#');

	return h ? h : "";
}

static int broken_link(checker *ck, const char *id)
{
	const cq_course *c = ck->ctx->course;
	size_t near[2], k = id ? cq_course_suggest(c, id, near, 2) : 0;
	const char *url = k ? cq_lesson_url(ck->ctx->scratch, ck->ctx->cfg, &c->lessons[near[0]]) : NULL;

	if (url)
		return report(ck, CQ_SEV_ERROR, "broken-link", "link to %s reaches no lesson; did you mean %s%s?",
			      ck->url, url, fragment(ck->url));
	return report(ck, CQ_SEV_ERROR, "broken-link",
		      "link to %s reaches no lesson or page of the site; fix or remove it", ck->url);
}

/* Codes as for a file not found (imports and assets are what can climb
 * out), the message saying why courseq did not look. */
static int outside(checker *ck)
{
	if (ck->kind == CQ_LINK_IMPORT)
		return report(ck, CQ_SEV_ERROR, "broken-import",
			      "import '%s' leads out of the course folder, where courseq does not look; import a file inside the course",
			      ck->url);
	return report(ck, CQ_SEV_ERROR, "broken-asset",
		      "%s leads out of the course folder, where courseq does not look; use a file inside the course",
		      ck->url);
}

/* What a resolution says, as a diagnostic. */
static int judge(checker *ck, const cq_resolved *r)
{
	const cq_config *cfg = ck->ctx->cfg;

	switch (r->status) {
	case CQ_ST_BROKEN_LINK:
		return broken_link(ck, r->id);
	case CQ_ST_ALIAS_LINK:
		return report(ck, CQ_SEV_ERROR, "alias-link",
			      "link to %s reaches %s only through its alias; the site serves it at %s%s",
			      ck->url, r->lesson->id, r->url, fragment(ck->url));
	case CQ_ST_FILE_LINK:
		return report(ck, CQ_SEV_ERROR, "file-link",
			      "link to %s points at a lesson file, which the site does not serve; link %s%s",
			      ck->url, r->url, fragment(ck->url));
	case CQ_ST_MISSING_BASE:
		return report(ck, CQ_SEV_ERROR, "missing-base", "link to %s lacks the site base %s; write %s%s",
			      ck->url, cfg->base, r->url ? r->url : cfg->base,
			      r->url ? fragment(ck->url) : ck->url);
	case CQ_ST_OUTSIDE:
		return outside(ck);
	default:
		break;
	}
	if (r->bad_encoding)
		return report(ck, CQ_SEV_ERROR, "broken-anchor",
			      "link to %s has an invalid percent-encoded fragment; encode it as UTF-8 (%%D0%%B0) or write it plainly",
			      ck->url);
	return 0;
}

static int prerequisite(checker *ck, cq_link_verdict *out)
{
	const cq_course *c = ck->ctx->course;
	const cq_lesson_info *l = cq_course_find(c, ck->url);
	size_t near[2], k;

	if (l && l == ck->from) {
		out->status = "self";
		out->target = l->id;
		return report(ck, CQ_SEV_ERROR, "prerequisite-self",
			      "the lesson requires itself; remove this prerequisite");
	}
	if (l) {
		out->status = "ok";
		out->target = l->id;
		return 0;
	}
	out->status = "missing";
	k = cq_course_suggest(c, ck->url, near, 2);
	if (k)
		return report(ck, CQ_SEV_ERROR, "prerequisite-missing",
			      "prerequisite %s names no lesson; did you mean %s?", ck->url,
			      c->lessons[near[0]].alias);
	return report(ck, CQ_SEV_ERROR, "prerequisite-missing",
		      "prerequisite %s names no lesson; write a lesson id such as %s", ck->url,
		      c->n ? c->lessons[0].alias : "module-1/01-intro");
}

int cq_link_check(cq_link_ctx *ctx, const cq_lesson_info *from, cq_link_kind kind,
		  const char *url, int seq, int line, int col, cq_link_verdict *out)
{
	checker ck = {ctx, from, url, seq, line, col, kind, ""};
	cq_resolved r;

	memset(out, 0, sizeof(*out));
	if (kind == CQ_LINK_PREREQUISITE)
		return prerequisite(&ck, out);
	if (cq_resolve(&r, ctx->scratch, ctx->cfg, ctx->course, from, kind, url) < 0)
		return -1;
	out->status = r.bad_encoding ? "bad-fragment" : cq_link_status_name(r.status);
	out->target = r.file ? r.file : r.lesson ? r.lesson->id : NULL;
	out->anchor = r.anchor;
	return judge(&ck, &r);
}

static int keep_diag(void *user, int seq, int line, int col, cq_severity sev, const char *code,
		     const char *msg)
{
	cq_lesson_facts *f = user;
	cq_link_diag *d = cq_vec_push(&f->link_diags, &f->arena);

	if (!d)
		return -1;
	d->seq = seq;
	d->pos.line = (uint32_t)line;
	d->pos.col = (uint32_t)col;
	d->severity = sev;
	d->code = code;
	d->message = cq_arena_strdup(&f->arena, msg);
	return d->message ? 0 : -1;
}

int cq_lesson_check_links(cq_lesson_facts *f, const char *id, const cq_config *cfg,
			  const cq_course *course)
{
	cq_link_ctx ctx = {cfg, course, &f->arena, keep_diag, f};
	const cq_lesson_info *from = cq_course_by_id(course, id);
	cq_link_verdict v;
	size_t i;
	int seq = 0;

	if (!from)
		return 0; /* not among the course's lessons: nothing to check against */
	for (i = 0; i < f->links.len; i++) {
		cq_link *l = CQ_VEC_AT(&f->links, cq_link, i);

		if (cq_link_check(&ctx, from, l->kind, l->url, seq++, (int)l->pos.line, (int)l->pos.col,
				  &v) < 0)
			return -1;
		l->status = v.status;
		l->target = v.target;
		l->anchor = v.anchor;
	}
	for (i = 0; i < f->prereqs.len; i++) {
		cq_prereq *p = CQ_VEC_AT(&f->prereqs, cq_prereq, i);

		if (cq_link_check(&ctx, from, CQ_LINK_PREREQUISITE, p->target, seq++, (int)p->pos.line,
				  (int)p->pos.col, &v) < 0)
			return -1;
		p->status = v.status;
		p->lesson = v.target;
	}
	f->links_checked = 1;
	return 0;
}
