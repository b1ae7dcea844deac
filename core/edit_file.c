#include "edit_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "json.h"
#include "path.h"
#include "strmap.h"
#include "udiff.h"

/* ---- reading ---- */

static char *slurp(const char *path, size_t *len, mode_t *mode)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t got = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && (buf = malloc((size_t)st.st_size + 1)) != NULL) {
		while (got < (size_t)st.st_size) {
			ssize_t k = read(fd, buf + got, (size_t)st.st_size - got);

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			got += (size_t)k;
		}
		buf[got] = '\0';
		*mode = st.st_mode & 07777;
	}
	close(fd);
	*len = got;
	return buf;
}

static int indexed_hash(courseq_db *db, int64_t key, char *out, size_t n)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(db->db, "SELECT hash FROM lessons WHERE lesson = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static int stale(cq_efile *f)
{
	return cq_fail(f->db, COURSEQ_ESTALE,
		       "%s changed since it was indexed; run the edit again on the new version", f->rel);
}

int cq_efile_open(cq_efile **out, courseq_db *db, const courseq_lesson *l)
{
	cq_parse_options opt = {db->cfg.slugs, &db->cfg.schema};
	cq_efile *f = calloc(1, sizeof(*f));
	char hash[32], want[32];

	*out = NULL;
	if (!f)
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	f->db = db;
	f->key = cq_lesson_key(l);
	f->rel = strdup(courseq_lesson_path(l));
	f->path = f->rel ? malloc(strlen(db->cfg.root) + strlen(f->rel) + 2) : NULL;
	if (!f->path) {
		cq_efile_free(f);
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	}
	sprintf(f->path, "%s/%s", db->cfg.root, f->rel);
	f->src = slurp(f->path, &f->len, &f->mode);
	if (!f->src) {
		int rc = cq_fail(db, COURSEQ_EIO, "cannot read %s: %s", f->rel, strerror(errno));

		cq_efile_free(f);
		return rc;
	}
	f->hash = cq_hash64(f->src, f->len);
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)f->hash);
	if (indexed_hash(db, f->key, want, sizeof(want)) < 0 || strcmp(hash, want) != 0) {
		int rc = stale(f);

		cq_efile_free(f);
		return rc;
	}
	if (cq_lesson_parse(&f->facts, f->src, f->len, &opt) < 0) {
		cq_efile_free(f);
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	}
	f->body = f->facts.mdx.body_start;
	if (f->facts.mdx.fm == CQ_FM_OK) { /* past the closing --- line */
		const char *nl = memchr(f->src + f->facts.mdx.fm_end, '\n', f->len - f->facts.mdx.fm_end);

		f->body = nl ? (size_t)(nl - f->src) + 1 : f->len;
	}
	*out = f;
	return COURSEQ_OK;
}

void cq_efile_free(cq_efile *f)
{
	size_t i;

	if (!f)
		return;
	cq_efile_discard(f);
	for (i = 0; i < f->nspans; i++)
		free(f->spans[i].text);
	free(f->spans);
	cq_lesson_facts_free(&f->facts);
	free(f->src);
	free(f->path);
	free(f->rel);
	free(f->new_path);
	free(f->new_rel);
	free(f);
}

/* ---- spans ---- */

int cq_efile_span(cq_efile *f, size_t start, size_t end, const char *text)
{
	size_t i, k;

	for (i = 0; i < f->nspans; i++) {
		const cq_span *s = &f->spans[i];

		/* Two insertions at one place, or overlapping bytes, would make
		 * the result depend on their order. */
		if ((start < s->end && s->start < end) || (start == end && s->start == s->end && start == s->start) ||
		    (start == end && start > s->start && start < s->end) ||
		    (s->start == s->end && s->start > start && s->start < end))
			return cq_fail(f->db, COURSEQ_EINVALID,
				       "%s: this change overlaps an earlier one of the same edit (bytes %zu..%zu)",
				       f->rel, start, end);
	}
	if (f->nspans == f->cap) {
		cq_span *more = realloc(f->spans, (f->cap = f->cap * 2 + 8) * sizeof(*more));

		if (!more)
			return cq_fail(f->db, COURSEQ_ENOMEM, "out of memory");
		f->spans = more;
	}
	for (k = f->nspans; k > 0 && f->spans[k - 1].start > start; k--)
		f->spans[k] = f->spans[k - 1];
	f->spans[k] = (cq_span){start, end, strdup(text)};
	f->nspans++;
	return f->spans[k].text ? COURSEQ_OK : cq_fail(f->db, COURSEQ_ENOMEM, "out of memory");
}

/* The file with every span applied. */
static int build(const cq_efile *f, cq_buf *out)
{
	size_t at = 0, i;

	for (i = 0; i < f->nspans; i++) {
		cq_buf_put(out, f->src + at, f->spans[i].start - at);
		cq_buf_puts(out, f->spans[i].text);
		at = f->spans[i].end;
	}
	cq_buf_put(out, f->src + at, f->len - at);
	return out->failed ? -1 : 0;
}

/* ---- frontmatter values ---- */

static const cq_field *field(const cq_efile *f, const char *key)
{
	size_t i;

	for (i = 0; i < f->facts.fields.len; i++) {
		const cq_field *fd = CQ_VEC_AT(&f->facts.fields, cq_field, i);

		if (strcmp(fd->key, key) == 0)
			return fd;
	}
	return NULL;
}

static void double_quoted(cq_buf *b, const char *s)
{
	cq_json_cstr(b, s); /* JSON strings are YAML double-quoted strings */
}

static void single_quoted(cq_buf *b, const char *s)
{
	cq_buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			cq_buf_putc(b, '\'');
		cq_buf_putc(b, *s);
	}
	cq_buf_putc(b, '\'');
}

/* Can s be written without quotes and still read back as this string? */
static int plain_safe(const char *s)
{
	static const char *const typed[] = {"true", "false", "True", "False", "TRUE", "FALSE", "null",
					    "Null", "NULL", "~", "yes", "no", "on", "off", NULL};
	size_t n = strlen(s), i;
	char *end;

	if (!n || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) || s[n - 1] == ' ' || s[n - 1] == ':')
		return 0;
	for (i = 0; typed[i]; i++)
		if (strcmp(s, typed[i]) == 0)
			return 0;
	strtod(s, &end);
	if (*end == '\0')
		return 0; /* a number */
	return !strstr(s, ": ") && !strstr(s, " #") && !strpbrk(s, "\n\r\t");
}

static void scalar(cq_buf *b, const char *s, cq_ystyle style)
{
	if (style == CQ_YS_SINGLE && !strpbrk(s, "\n\r"))
		single_quoted(b, s);
	else if (style == CQ_YS_PLAIN && plain_safe(s))
		cq_buf_puts(b, s);
	else
		double_quoted(b, s);
}

/* The bytes of the line holding off, before off: the indentation of a
 * block list's '-'. */
static const char *indent_of(const cq_efile *f, size_t off, size_t *n)
{
	const cq_lines *l = &f->facts.mdx.lines;
	size_t start = l->starts[cq_lines_line(l, off) - 1];

	*n = off - start;
	return f->src + start;
}

static const char *eol(const cq_efile *f)
{
	const char *nl = memchr(f->src, '\n', f->len);

	return nl && nl > f->src && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* The quoting of item i: that of the old item at i, else of the old
 * list's last item; double quotes for a list that had none. */
static cq_ystyle item_style(const cq_ynode *old, size_t i)
{
	if (!old || old->kind != CQ_Y_SEQ || !old->n)
		return CQ_YS_DOUBLE;
	return old->items[i < old->n ? i : old->n - 1]->style;
}

/* Items of a list in the style of the old one: flow or block (with the
 * indentation of its first '-'), each item quoted as the old one was. */
static void list(cq_buf *b, const cq_efile *f, const cq_ynode *old, size_t start,
		 const char *const *items, size_t n)
{
	size_t i, k;

	if (old && old->kind == CQ_Y_SEQ && old->style == CQ_YS_BLOCK && n) {
		const char *indent = indent_of(f, start, &k);

		for (i = 0; i < n; i++) {
			if (i) {
				cq_buf_puts(b, eol(f));
				cq_buf_put(b, indent, k);
			}
			cq_buf_puts(b, "- ");
			scalar(b, items[i], item_style(old, i));
		}
		return;
	}
	cq_buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			cq_buf_puts(b, ", ");
		scalar(b, items[i], item_style(old, i));
	}
	cq_buf_putc(b, ']');
}

static void value(cq_buf *b, const cq_efile *f, const cq_ynode *old, size_t start,
		  cq_value_kind kind, const char *text, const char *const *items, size_t n)
{
	if (kind == CQ_VALUE_LIST)
		list(b, f, old, start, items, n);
	else if (kind == CQ_VALUE_PLAIN)
		cq_buf_puts(b, text);
	else
		scalar(b, text, old && old->kind == CQ_Y_SCALAR && old->style <= CQ_YS_DOUBLE
					? old->style
					: CQ_YS_PLAIN);
}

/* A key the frontmatter lacks goes last, before the closing ---; a lesson
 * without frontmatter gets one. */
static int add_key(cq_efile *f, const char *key, cq_value_kind kind, const char *text,
		   const char *const *items, size_t n)
{
	const cq_mdx *m = &f->facts.mdx;
	cq_buf b = CQ_BUF_INIT;
	int rc;

	if (m->fm == CQ_FM_UNTERMINATED)
		return cq_fail(f->db, COURSEQ_EINVALID, "%s: the frontmatter has no closing '---'; fix it first",
			       f->rel);
	if (m->fm == CQ_FM_NONE)
		cq_buf_printf(&b, "---%s", eol(f));
	cq_buf_printf(&b, "%s: ", key);
	value(&b, f, NULL, 0, kind, text, items, n);
	cq_buf_puts(&b, eol(f));
	if (m->fm == CQ_FM_NONE)
		cq_buf_printf(&b, "---%s", eol(f));
	rc = b.failed ? cq_fail(f->db, COURSEQ_ENOMEM, "out of memory")
		      : cq_efile_span(f, m->fm == CQ_FM_OK ? m->fm_end : m->body_start,
				      m->fm == CQ_FM_OK ? m->fm_end : m->body_start, b.data);
	cq_buf_free(&b);
	return rc;
}

/* Block values (a block list, a | or > scalar) end at the start of the
 * next line; the replacement keeps that line break. */
static int ends_at_line_start(const cq_efile *f, size_t end)
{
	return end > 0 && end <= f->len && f->src[end - 1] == '\n';
}

int cq_efile_set(cq_efile *f, const char *key, cq_value_kind kind, const char *text,
		 const char *const *items, size_t n)
{
	const cq_field *fd = field(f, key);
	size_t start, end;
	cq_buf b = CQ_BUF_INIT;
	int rc;

	if (!fd)
		return add_key(f, key, kind, text, items, n);
	start = fd->value_start;
	end = fd->value_end;
	if (kind == CQ_VALUE_LIST && fd->value->kind == CQ_Y_SEQ && fd->value->style == CQ_YS_BLOCK &&
	    n && fd->value->n) {
		const cq_ynode *last = fd->value->items[fd->value->n - 1];

		end = cq_frontmatter_offset(&f->facts, last->end_line, last->end_col);
	}
	value(&b, f, fd->value, start, kind, text, items, n);
	if (end > start && ends_at_line_start(f, end) && !(kind == CQ_VALUE_LIST &&
							    fd->value->style == CQ_YS_BLOCK && n))
		cq_buf_puts(&b, eol(f));
	rc = b.failed ? cq_fail(f->db, COURSEQ_ENOMEM, "out of memory") : cq_efile_span(f, start, end, b.data);
	cq_buf_free(&b);
	return rc;
}

int cq_efile_remove(cq_efile *f, const char *key)
{
	const cq_field *fd = field(f, key);
	const cq_lines *l = &f->facts.mdx.lines;
	size_t start, end;

	if (!fd)
		return cq_fail(f->db, COURSEQ_ENOTFOUND, "%s has no frontmatter key '%s'", f->rel, key);
	start = l->starts[fd->key_pos.line - 1];
	end = fd->value_end;
	if (!ends_at_line_start(f, end)) {
		const char *nl = memchr(f->src + end, '\n', f->len - end);

		end = nl ? (size_t)(nl - f->src) + 1 : f->len;
	}
	return cq_efile_span(f, start, end, "");
}

/* ---- links ---- */

int cq_efile_rewrite_link(cq_efile *f, int seq, const char *url)
{
	sqlite3_stmt *st;
	int rc = COURSEQ_OK, line = 0;
	size_t start = 0, end = 0;
	char kind[16] = "", quote;
	cq_buf b = CQ_BUF_INIT;

	if (sqlite3_prepare_v2(f->db->db, "SELECT kind, url_start, url_end, line FROM links"
					  " WHERE lesson = ?1 AND seq = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return cq_fail_sql(f->db, f->db->db, "reading a link");
	sqlite3_bind_int64(st, 1, f->key);
	sqlite3_bind_int(st, 2, seq);
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = cq_fail(f->db, COURSEQ_ENOTFOUND, "%s has no link %d", f->rel, seq);
	else if (sqlite3_column_type(st, 1) == SQLITE_NULL)
		line = sqlite3_column_int(st, 3), rc = COURSEQ_EINVALID;
	else {
		snprintf(kind, sizeof(kind), "%s", (const char *)sqlite3_column_text(st, 0));
		start = (size_t)sqlite3_column_int64(st, 1);
		end = (size_t)sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc == COURSEQ_EINVALID)
		return cq_fail(f->db, rc, "%s:%d: the link's URL is not written as it reads (escapes); edit it by hand",
			       f->rel, line);
	if (rc != COURSEQ_OK)
		return rc;
	quote = start > 0 ? f->src[start - 1] : 0;
	if ((quote == '"' || quote == '\'') && strchr(url, quote))
		return cq_fail(f->db, COURSEQ_EINVALID, "the new URL holds the quote (%c) around the old one", quote);
	if ((strcmp(kind, "markdown") == 0 || strcmp(kind, "definition") == 0) && quote != '<' &&
	    strpbrk(url, " \t()"))
		cq_buf_printf(&b, "<%s>", url); /* a destination with spaces needs <> */
	else if (strcmp(kind, "prerequisite") == 0 && quote != '"' && quote != '\'' && !plain_safe(url))
		double_quoted(&b, url);
	else
		cq_buf_puts(&b, url);
	rc = b.failed ? cq_fail(f->db, COURSEQ_ENOMEM, "out of memory") : cq_efile_span(f, start, end, b.data);
	cq_buf_free(&b);
	return rc;
}

/* ---- moving ---- */

int cq_efile_move(cq_efile *f, const char *new_path)
{
	const cq_config *cfg = &f->db->cfg;
	cq_arena a;
	const char *abs, *rel;
	size_t n = strlen(new_path);
	int rc = COURSEQ_OK;

	if (f->new_path)
		return cq_fail(f->db, COURSEQ_EINVALID, "%s is moved already in this edit", f->rel);
	if (!(n > 4 && strcmp(new_path + n - 4, ".mdx") == 0) && !(n > 3 && strcmp(new_path + n - 3, ".md") == 0))
		return cq_fail(f->db, COURSEQ_EINVALID, "a lesson's file ends in .md or .mdx, not '%s'", new_path);
	cq_arena_init(&a);
	abs = new_path[0] == '/' ? NULL : cq_path_join(&a, cfg->content, new_path);
	rel = abs ? cq_path_under(cfg->content, abs) : NULL;
	if (!abs || rel == abs || strncmp(rel, "../", 3) == 0)
		rc = cq_fail(f->db, COURSEQ_EINVALID, "'%s' is not a path inside the content folder", new_path);
	else if (access(abs, F_OK) == 0)
		rc = cq_fail(f->db, COURSEQ_EINVALID, "%s exists already", cq_path_under(cfg->root, abs));
	else if (!(f->new_path = strdup(abs)) || !(f->new_rel = strdup(cq_path_under(cfg->root, abs))))
		rc = cq_fail(f->db, COURSEQ_ENOMEM, "out of memory");
	cq_arena_free(&a);
	return rc;
}

int cq_efile_diff(cq_efile *f, cq_buf *out)
{
	cq_buf b = CQ_BUF_INIT;
	size_t before = out->len;
	int rc = build(f, &b) < 0 ? -1 : 0;

	if (rc == 0)
		rc = cq_udiff(out, f->rel, f->new_rel ? f->new_rel : f->rel, f->src, f->len,
			      cq_buf_cstr(&b), b.len);
	if (rc == 0 && f->new_rel && out->len == before)
		cq_buf_printf(out, "rename %s => %s\n", f->rel, f->new_rel);
	cq_buf_free(&b);
	return rc < 0 ? cq_fail(f->db, COURSEQ_ENOMEM, "out of memory") : COURSEQ_OK;
}

/* ---- committing ---- */

int cq_efile_check(cq_efile *f)
{
	size_t len;
	mode_t mode;
	char *now = slurp(f->path, &len, &mode);
	int same = now && cq_hash64(now, len) == f->hash;

	free(now);
	if (!same)
		return stale(f);
	if (f->new_path && access(f->new_path, F_OK) == 0)
		return cq_fail(f->db, COURSEQ_EINVALID, "%s exists already", f->new_rel);
	return COURSEQ_OK;
}

static int make_dirs(const char *dir)
{
	char *p = strdup(dir), *s;
	int rc = 0;

	if (!p)
		return -1;
	for (s = p + 1; rc == 0 && *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) < 0 && errno != EEXIST)
				rc = -1;
			*s = '/';
		}
	if (rc == 0 && mkdir(p, 0777) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, s, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int cq_efile_write_temp(cq_efile *f)
{
	const char *target = f->new_path ? f->new_path : f->path;
	cq_arena a;
	cq_buf b = CQ_BUF_INIT;
	char *dir, *tmpl;
	int fd = -1, rc = COURSEQ_OK, err = 0;

	cq_arena_init(&a);
	dir = cq_path_dir(&a, target);
	tmpl = dir ? cq_arena_alloc(&a, strlen(dir) + sizeof(CQ_EDIT_TEMP_PREFIX) + 8) : NULL;
	if (!tmpl || build(f, &b) < 0) {
		rc = cq_fail(f->db, COURSEQ_ENOMEM, "out of memory");
		goto done;
	}
	sprintf(tmpl, "%s/" CQ_EDIT_TEMP_PREFIX "XXXXXX", dir);
	if (make_dirs(dir) < 0 || (fd = mkstemp(tmpl)) < 0 || fchmod(fd, f->mode) < 0 ||
	    write_all(fd, cq_buf_cstr(&b), b.len) < 0 || fsync(fd) < 0)
		err = errno ? errno : EIO;
	if (fd >= 0 && close(fd) < 0 && !err)
		err = errno;
	if (err) {
		if (fd >= 0)
			unlink(tmpl);
		rc = cq_fail(f->db, COURSEQ_EIO, "cannot write the new %s: %s; nothing was changed",
			     f->new_rel ? f->new_rel : f->rel, strerror(err));
	} else if (!(f->temp = strdup(tmpl))) {
		unlink(tmpl);
		rc = cq_fail(f->db, COURSEQ_ENOMEM, "out of memory");
	}
done:
	cq_buf_free(&b);
	cq_arena_free(&a);
	return rc;
}

static void sync_dir(const char *path)
{
	cq_arena a;
	char *dir;
	int fd;

	cq_arena_init(&a);
	dir = cq_path_dir(&a, path);
	fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	cq_arena_free(&a);
}

int cq_efile_install(cq_efile *f)
{
	const char *target = f->new_path ? f->new_path : f->path;

	if (rename(f->temp, target) < 0)
		return cq_fail(f->db, COURSEQ_EIO, "cannot replace %s: %s", f->new_rel ? f->new_rel : f->rel,
			       strerror(errno));
	free(f->temp);
	f->temp = NULL;
	sync_dir(target);
	if (f->new_path) {
		unlink(f->path);
		sync_dir(f->path);
	}
	return COURSEQ_OK;
}

void cq_efile_discard(cq_efile *f)
{
	if (f->temp)
		unlink(f->temp);
	free(f->temp);
	f->temp = NULL;
}
