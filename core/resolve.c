#include "resolve.h"

#include <stdio.h>
#include <string.h>

#include "path.h"
#include "text.h"

const char *cq_link_status_name(cq_link_status s)
{
	static const char *const names[] = {
		"ok",          "external",     "page",          "file",
		"package",     "broken-link",  "alias-link",    "file-link",
		"missing-base", "broken-anchor", "outside"};

	return names[s];
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* The byte the escape at s[i] stands for, or -1 when it is malformed or
 * stands for NUL: no id, file name or heading holds a NUL, and a decoded
 * string would end there (01-intro%00x would reach 01-intro). */
static int escape_at(const char *s, size_t i, size_t n)
{
	int hi = i + 2 < n ? hex(s[i + 1]) : -1, lo = hi >= 0 ? hex(s[i + 2]) : -1;
	int c = lo >= 0 ? hi * 16 + lo : 0;

	return c ? c : -1;
}

const char *cq_percent_decode(cq_arena *a, const char *s, size_t n, int *bad)
{
	char *out = cq_arena_alloc(a, n + 1);
	size_t i, k = 0;

	*bad = 0;
	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		int c = s[i] == '%' ? escape_at(s, i, n) : -1;

		if (c >= 0) {
			out[k++] = (char)c;
			i += 2;
			continue;
		}
		if (s[i] == '%')
			*bad = 1;
		out[k++] = s[i];
	}
	out[k] = '\0';
	if (cq_utf8_invalid_at(out, k) < k)
		*bad = 1;
	if (*bad)
		return cq_arena_strndup(a, s, n);
	return out;
}

const char *cq_lesson_url(cq_arena *a, const cq_config *cfg, const cq_lesson_info *l)
{
	const char *at = strstr(cfg->route, "{id}");
	size_t n = strlen(cfg->base) + strlen(cfg->route) + strlen(l->id);
	char *url = cq_arena_alloc(a, n + 1);

	if (url)
		snprintf(url, n + 1, "%s%.*s%s%s", cfg->base, (int)(at - cfg->route), cfg->route,
			 l->id, at + 4);
	return url;
}

static int is_alpha(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* "https:", "mailto:" and "//host" go to other sites. */
static int has_scheme(const char *url)
{
	const char *p = url;

	if (url[0] == '/' && url[1] == '/')
		return 1;
	if (!is_alpha(*p))
		return 0;
	while (is_alpha(*p) || (*p >= '0' && *p <= '9') || (*p && strchr("+.-", *p)))
		p++;
	return *p == ':';
}

/* The folder a browser resolves a lesson page's relative links against.
 * Astro builds a page as a folder, /course/<id>/ (the default route), or,
 * when the route ends in a file name (/course/{id}.html: build.format
 * 'file'), as a file in the folder of its id's last segment. */
static const char *page_dir(cq_arena *a, const cq_config *cfg, const cq_lesson_info *l)
{
	const char *u = cq_lesson_url(a, cfg, l), *tail = strstr(cfg->route, "{id}") + 4;
	size_t n = u ? strlen(u) : 0, t = strlen(tail);
	char *d = u ? cq_arena_alloc(a, n + 2) : NULL;

	if (!d)
		return NULL;
	if (t && tail[t - 1] != '/') {
		while (n > 0 && u[n - 1] != '/')
			n--;
		snprintf(d, n + 1, "%s", u);
		return d;
	}
	snprintf(d, n + 2, "%s%s", u, n && u[n - 1] == '/' ? "" : "/");
	return d;
}

/* A browser reads '\' in an http(s) URL as '/' (WHATWG URL): in the part
 * before any query or fragment. */
static const char *slashes_as_browsers_read(cq_arena *a, const char *url)
{
	size_t n = strcspn(url, "?#");
	char *out, *p;

	if (!memchr(url, '\\', n))
		return url;
	out = cq_arena_strdup(a, url);
	for (p = out; p && p < out + n; p++)
		if (*p == '\\')
			*p = '/';
	return out;
}

/* Length of s[0..n) without trailing '/' and "/index.html": /x, /x/ and
 * /x/index.html are one page. */
static size_t page_len(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == '/')
		n--;
	if (n >= 11 && strncmp(s + n - 11, "/index.html", 11) == 0)
		n -= 11;
	return n;
}

/* A site path under the route: the lesson id in it, or NULL. The route's
 * tail is cut like the path, or a route ending in '/' would match nothing. */
static const char *route_id(cq_arena *a, const cq_config *cfg, const char *path)
{
	const char *at = strstr(cfg->route, "{id}");
	size_t pre = (size_t)(at - cfg->route), suf = page_len(at + 4, strlen(at + 4));
	size_t n = page_len(path, strlen(path));

	if (n <= pre + suf || strncmp(path, cfg->route, pre) != 0 ||
	    strncmp(path + n - suf, at + 4, suf) != 0)
		return NULL;
	return cq_arena_strndup(a, path + pre, n - pre - suf);
}

/* A site-absolute path (the base already handled). */
static void site_path(cq_resolved *r, cq_arena *a, const cq_config *cfg, const cq_course *c,
		      const char *path)
{
	int bad;
	const char *raw = route_id(a, cfg, path);
	const char *id = raw ? cq_percent_decode(a, raw, strlen(raw), &bad) : NULL;
	char *file;

	r->id = id;
	if (id && (r->lesson = cq_course_by_id(c, id))) {
		r->status = CQ_ST_OK;
	} else if (id && (r->lesson = cq_course_by_alias(c, id))) {
		r->status = CQ_ST_ALIAS_LINK;
	} else if (id) {
		r->status = CQ_ST_BROKEN_LINK;
	} else {
		/* Another page of the site or a file in public/: checked on disk. */
		file = cq_arena_alloc(a, strlen(path) + 5);
		if (file)
			sprintf(file, "url:%s", path);
		r->file = file;
		r->status = CQ_ST_FILE;
	}
	if (r->lesson)
		r->url = cq_lesson_url(a, cfg, r->lesson);
}

/* Strips the base; reports a missing one when the config requires it. */
static const char *without_base(cq_resolved *r, const cq_config *cfg, const char *path)
{
	size_t n = strlen(cfg->base);

	if (n && strncmp(path, cfg->base, n) == 0 && (path[n] == '/' || path[n] == '\0'))
		return path[n] ? path + n : "/";
	if (n && cfg->require_base)
		r->status = CQ_ST_MISSING_BASE;
	return path;
}

/* 1 for "." or "%2e", 2 for "..", ".%2e", "%2e." or "%2e%2e" (a browser
 * reads them alike: WHATWG URL), 0 for any other segment s[0..n). */
static int dots(const char *s, size_t n)
{
	size_t i = 0;
	int k = 0;

	while (i < n && k < 3) {
		if (s[i] == '.')
			i++;
		else if (n - i >= 3 && s[i] == '%' && s[i + 1] == '2' && (s[i + 2] | 0x20) == 'e')
			i += 3;
		else
			return 0;
		k++;
	}
	return i == n && k < 3 ? k : 0;
}

/* An absolute URL path without its dot segments, as a browser asks for it
 * (RFC 3986 5.2.4): a ".." at the site root stays there, empty segments
 * stay, and a dot segment at the end leaves a '/'. The output is built as
 * "/seg" runs, so dropping a segment is going back to its '/'. */
static char *remove_dot_segments(cq_arena *a, const char *path)
{
	char *out = cq_arena_alloc(a, strlen(path) + 2), *o = out;
	const char *seg = path; /* at the '/' before a segment */

	if (!out)
		return NULL;
	while (*seg == '/') {
		const char *end = strchr(seg + 1, '/');
		size_t len = end ? (size_t)(end - seg - 1) : strlen(seg + 1);
		int d = dots(seg + 1, len);

		if (d == 2)
			while (o > out && *--o != '/')
				;
		if (!d) {
			memcpy(o, seg, len + 1);
			o += len + 1;
		} else if (!end) {
			*o++ = '/';
		}
		seg += len + 1;
	}
	if (o == out)
		*o++ = '/';
	*o = '\0';
	return out;
}

/* rel against the page folder dir (absolute, ending in '/'), as a browser
 * resolves a relative URL. */
static char *join_url(cq_arena *a, const char *dir, const char *rel)
{
	size_t n = dir ? strlen(dir) + strlen(rel) + 1 : 0;
	char *url = n ? cq_arena_alloc(a, n) : NULL;

	if (url)
		snprintf(url, n, "%s%s", dir, rel);
	return url ? remove_dot_segments(a, url) : NULL;
}

/* A path relative to a root that leaves it: decided from the text alone,
 * so nothing outside is ever looked at. */
static int leaves(const char *p)
{
	return p[0] == '/' || strcmp(p, "..") == 0 || strncmp(p, "../", 3) == 0;
}

static void file_relative(cq_resolved *r, cq_arena *a, const cq_config *cfg,
			  const cq_course *c, const cq_lesson_info *from, const char *path,
			  const char *tag)
{
	cq_buf from_path = CQ_BUF_INIT;
	const char *dir = cq_path_dir(a, cq_course_path(c, from, &from_path));
	const char *p = dir && !from_path.failed ? cq_path_join(a, dir, path) : NULL;
	char *file;
	size_t n;

	cq_buf_free(&from_path);
	if (!p)
		return;
	if (leaves(p)) {
		r->status = CQ_ST_OUTSIDE;
		return;
	}
	n = strlen(p);
	if (strcmp(tag, "path") == 0 && n > 4 && (strcmp(p + n - 4, ".mdx") == 0 || strcmp(p + n - 3, ".md") == 0)) {
		/* A lesson file: found by its path, but the site does not serve
		 * .mdx files. */
		const char *content = cq_path_under(cfg->root, cfg->content);
		const char *under = cq_path_under(content, p);
		size_t k = strlen(under) - (p[n - 1] == 'x' ? 4 : 3);
		const char *id = under != p ? cq_arena_strndup(a, under, k) : NULL;

		r->lesson = id ? cq_course_by_id(c, id) : NULL;
		if (r->lesson) {
			r->status = CQ_ST_FILE_LINK;
			r->url = cq_lesson_url(a, cfg, r->lesson);
			return;
		}
	}
	file = cq_arena_alloc(a, n + strlen(tag) + 2);
	if (file)
		sprintf(file, "%s:%s", tag, p);
	r->file = file;
	r->status = CQ_ST_FILE;
}

static void split_fragment(cq_resolved *r, cq_arena *a, const char *url, const char **path)
{
	const char *hash = strchr(url, '#');
	size_t n = hash ? (size_t)(hash - url) : strlen(url);
	const char *q = memchr(url, '?', n);

	if (hash && hash[1])
		r->anchor = cq_percent_decode(a, hash + 1, strlen(hash + 1), &r->bad_encoding);
	*path = cq_arena_strndup(a, url, q ? (size_t)(q - url) : n);
}

/* "/x" is a file under the site root: relative to the course root, or
 * absolute when the site root is above it. One that climbs above the site
 * root is refused even when the course root is higher: a bundler would
 * not look there either. */
static void site_import(cq_resolved *r, cq_arena *a, const cq_config *cfg, const char *src)
{
	const char *site = cq_path_under(cfg->root, cfg->site);
	const char *rel = cq_path_join(a, "", src + 1), *p;
	char *file;

	if (rel && leaves(rel)) {
		r->status = CQ_ST_OUTSIDE;
		return;
	}
	p = rel ? cq_path_join(a, strcmp(site, ".") ? site : "", rel) : NULL;
	file = p ? cq_arena_alloc(a, strlen(p) + 8) : NULL;
	if (file)
		sprintf(file, "module:%s", p);
	r->file = file;
	r->status = CQ_ST_FILE;
}

static int import_source(cq_resolved *r, cq_arena *a, const cq_config *cfg,
			 const cq_course *c, const cq_lesson_info *from, const char *src)
{
	if (src[0] == '.')
		file_relative(r, a, cfg, c, from, src, "module");
	else if (src[0] == '/')
		site_import(r, a, cfg, src);
	else
		r->status = CQ_ST_PACKAGE;
	return 0;
}

/* A relative link to a lesson's file (./02-x.mdx): 1 with r set when path
 * is one, else 0 and r as it was. */
static int lesson_file(cq_resolved *r, cq_arena *a, const cq_config *cfg, const cq_course *c,
		       const cq_lesson_info *from, const char *path)
{
	cq_resolved file;

	memset(&file, 0, sizeof(file));
	file_relative(&file, a, cfg, c, from, path, "path");
	if (file.status != CQ_ST_FILE_LINK)
		return 0;
	file.anchor = r->anchor;
	file.bad_encoding = r->bad_encoding;
	*r = file;
	return 1;
}

int cq_resolve(cq_resolved *r, cq_arena *a, const cq_config *cfg, const cq_course *c,
	       const cq_lesson_info *from, cq_link_kind kind, const char *url)
{
	const char *path;

	memset(r, 0, sizeof(*r));
	if (kind == CQ_LINK_IMPORT)
		return import_source(r, a, cfg, c, from, url);
	/* An image is fetched by the bundler from a file path, not a URL. */
	if (kind != CQ_LINK_ASSET && !(url = slashes_as_browsers_read(a, url)))
		return -1;
	if (has_scheme(url)) {
		r->status = CQ_ST_EXTERNAL;
		return 0;
	}
	split_fragment(r, a, url, &path);
	if (!path)
		return -1;
	if (!*path) { /* #anchor: this page */
		r->lesson = from;
		r->status = CQ_ST_OK;
		return 0;
	}
	if (kind == CQ_LINK_ASSET && path[0] != '/') {
		file_relative(r, a, cfg, c, from, path, "path");
		return 0;
	}
	if (path[0] != '/' && strstr(path, ".md") && lesson_file(r, a, cfg, c, from, path))
		return 0;
	path = path[0] == '/' ? remove_dot_segments(a, path)
			      : join_url(a, page_dir(a, cfg, from), path);
	if (!path)
		return -1;
	path = without_base(r, cfg, path);
	if (r->status == CQ_ST_MISSING_BASE) {
		cq_resolved inner;

		/* site_path sets lesson only for a route's path: zeroed, a page
		 * such as /about reaches no lesson. */
		memset(&inner, 0, sizeof(inner));
		site_path(&inner, a, cfg, c, path);
		r->lesson = inner.lesson;
		r->url = inner.url;
		return 0;
	}
	site_path(r, a, cfg, c, path);
	return 0;
}
