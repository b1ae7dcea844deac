/* Edits: byte spans to replace in lesson files, recorded against the files
 * as the index read them and made all at once by commit. See courseq.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "edit_file.h"
#include "path.h"
#include "store.h"
#include "udiff.h"

struct courseq_edit {
	courseq_db *db;
	cq_arena arena;
	cq_vec files; /* cq_efile * */
};

int courseq_edit_new(courseq_edit **out, courseq_db *db)
{
	courseq_edit *e = calloc(1, sizeof(*e));

	*out = e;
	if (!e)
		return cq_fail(db, COURSEQ_ENOMEM, "out of memory");
	e->db = db;
	cq_arena_init(&e->arena);
	cq_vec_init(&e->files, sizeof(cq_efile *));
	return COURSEQ_OK;
}

static void clear(courseq_edit *e)
{
	size_t i;

	for (i = 0; i < e->files.len; i++)
		cq_efile_free(*CQ_VEC_AT(&e->files, cq_efile *, i));
	cq_arena_free(&e->arena);
	cq_vec_init(&e->files, sizeof(cq_efile *));
}

void courseq_edit_free(courseq_edit *e)
{
	if (!e)
		return;
	clear(e);
	free(e);
}

/* The file of a lesson, read (and checked against the index) on first use. */
static int file_of(courseq_edit *e, const char *ref, cq_efile **out)
{
	courseq_lesson *l;
	cq_efile **slot, *f;
	size_t i;
	int rc = courseq_lesson_lookup(&l, e->db, ref);

	if (rc != COURSEQ_OK)
		return rc;
	for (i = 0; i < e->files.len; i++) {
		f = *CQ_VEC_AT(&e->files, cq_efile *, i);
		if (f->key == cq_lesson_key(l)) {
			courseq_lesson_free(l);
			*out = f;
			return COURSEQ_OK;
		}
	}
	rc = cq_efile_open(&f, e->db, l);
	courseq_lesson_free(l);
	if (rc != COURSEQ_OK)
		return rc;
	slot = cq_vec_push(&e->files, &e->arena);
	if (!slot) {
		cq_efile_free(f);
		return cq_fail(e->db, COURSEQ_ENOMEM, "out of memory");
	}
	*slot = f;
	*out = f;
	return COURSEQ_OK;
}

int courseq_edit_source(const char **out, size_t *len, size_t *body, courseq_edit *e,
			const char *lesson)
{
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	*out = NULL;
	if (rc != COURSEQ_OK)
		return rc;
	*out = f->src;
	*len = f->len;
	*body = f->body;
	return COURSEQ_OK;
}

int courseq_edit_replace(courseq_edit *e, const char *lesson, size_t start, size_t end,
			 const char *text)
{
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	if (rc != COURSEQ_OK)
		return rc;
	if (start > end || end > f->len)
		return cq_fail(e->db, COURSEQ_EINVALID, "bytes %zu..%zu are outside %s (%zu bytes)",
			       start, end, f->rel, f->len);
	return cq_efile_span(f, start, end, text);
}

int courseq_edit_set_string(courseq_edit *e, const char *lesson, const char *key,
			    const char *value)
{
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	return rc != COURSEQ_OK ? rc : cq_efile_set(f, key, CQ_VALUE_STRING, value, NULL, 0);
}

int courseq_edit_set_number(courseq_edit *e, const char *lesson, const char *key, double value)
{
	char text[40];
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	snprintf(text, sizeof(text), "%.15g", value);
	return rc != COURSEQ_OK ? rc : cq_efile_set(f, key, CQ_VALUE_PLAIN, text, NULL, 0);
}

int courseq_edit_set_bool(courseq_edit *e, const char *lesson, const char *key, int value)
{
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	return rc != COURSEQ_OK ? rc
				: cq_efile_set(f, key, CQ_VALUE_PLAIN, value ? "true" : "false", NULL, 0);
}

int courseq_edit_set_list(courseq_edit *e, const char *lesson, const char *key,
			  const char *const *items, size_t n)
{
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	return rc != COURSEQ_OK ? rc : cq_efile_set(f, key, CQ_VALUE_LIST, NULL, items, n);
}

int courseq_edit_remove(courseq_edit *e, const char *lesson, const char *key)
{
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	return rc != COURSEQ_OK ? rc : cq_efile_remove(f, key);
}

int courseq_edit_rewrite_link(courseq_edit *e, const char *lesson, int seq, const char *url)
{
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	return rc != COURSEQ_OK ? rc : cq_efile_rewrite_link(f, seq, url);
}

int courseq_edit_move(courseq_edit *e, const char *lesson, const char *new_path)
{
	cq_efile *f;
	int rc = file_of(e, lesson, &f);

	return rc != COURSEQ_OK ? rc : cq_efile_move(f, new_path);
}

int courseq_edit_diff(char **out, courseq_edit *e)
{
	cq_buf b = CQ_BUF_INIT;
	size_t i;
	int rc = COURSEQ_OK;

	*out = NULL;
	for (i = 0; rc == COURSEQ_OK && i < e->files.len; i++)
		rc = cq_efile_diff(*CQ_VEC_AT(&e->files, cq_efile *, i), &b);
	if (rc == COURSEQ_OK && b.failed)
		rc = cq_fail(e->db, COURSEQ_ENOMEM, "out of memory");
	if (rc == COURSEQ_OK)
		*out = cq_buf_detach(&b);
	cq_buf_free(&b);
	return rc;
}

/* ---- commit ---- */

static void discard(courseq_edit *e)
{
	size_t i;

	for (i = 0; i < e->files.len; i++)
		cq_efile_discard(*CQ_VEC_AT(&e->files, cq_efile *, i));
}

/* Every file is still the one the edit read, and each new text is built
 * and written beside its target. */
static int prepare(courseq_edit *e)
{
	size_t i;
	int rc = COURSEQ_OK;

	for (i = 0; rc == COURSEQ_OK && i < e->files.len; i++)
		rc = cq_efile_check(*CQ_VEC_AT(&e->files, cq_efile *, i));
	for (i = 0; rc == COURSEQ_OK && i < e->files.len; i++)
		rc = cq_efile_write_temp(*CQ_VEC_AT(&e->files, cq_efile *, i));
	return rc;
}

int courseq_edit_commit(courseq_edit *e, unsigned flags)
{
	size_t i;
	int rc;

	/* The write lock on the index: no refresh or other commit runs while
	 * files are replaced, and leftover temporary files are only ever
	 * cleaned up under it. */
	cq_snapshot_end(e->db);
	if (cq_store_exec(e->db->db, "BEGIN IMMEDIATE") < 0)
		return cq_fail_sql(e->db, e->db->db, "locking the index");
	rc = (flags & COURSEQ_EDIT_DRY_RUN) ? COURSEQ_OK : prepare(e);
	if (flags & COURSEQ_EDIT_DRY_RUN) {
		for (i = 0; rc == COURSEQ_OK && i < e->files.len; i++)
			rc = cq_efile_check(*CQ_VEC_AT(&e->files, cq_efile *, i));
	} else if (rc == COURSEQ_OK) {
		/* Past this point files change; each rename is atomic. */
		for (i = 0; rc == COURSEQ_OK && i < e->files.len; i++)
			rc = cq_efile_install(*CQ_VEC_AT(&e->files, cq_efile *, i));
	}
	if (rc != COURSEQ_OK)
		discard(e);
	cq_store_exec(e->db->db, "COMMIT");
	cq_snapshot_begin(e->db);
	if (rc == COURSEQ_OK && !(flags & COURSEQ_EDIT_DRY_RUN)) {
		clear(e);
		rc = cq_refresh(e->db, 0, NULL);
	}
	return rc;
}
