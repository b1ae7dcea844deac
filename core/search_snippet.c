#include "search_snippet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search_index.h"
#include "search_rank.h"

enum { NCOLS = CQ_SEARCH_COLUMNS, SCAN_INSTANCES = 256, MAX_TOKENIZE_ARGS = 8 };

/* ---- the plan, from the row's matches ---- */

/* The column to show (the body first) and the first token of the window
 * holding the most distinct phrases; SQLITE_EMPTY when no column has one. */
static int choose(const Fts5ExtensionApi *api, Fts5Context *fts, cq_snippet_plan *plan)
{
	static const int preference[NCOLS] = {2, 1, 0};
	const int ntokens = CQ_SNIPPET_TOKENS;
	int n = 0, i, j, k, rc = api->xInstCount(fts, &n);

	for (k = 0; rc == SQLITE_OK && k < NCOLS; k++) {
		int best = 0, scanned = 0;

		for (i = 0; rc == SQLITE_OK && i < n && scanned < SCAN_INSTANCES; i++) {
			int p, c, off, distinct = 0;
			unsigned long long mask = 0;

			rc = api->xInst(fts, i, &p, &c, &off);
			if (rc != SQLITE_OK || c != preference[k])
				continue;
			scanned++;
			for (j = i; rc == SQLITE_OK && j < n; j++) {
				int p2, c2, off2;

				rc = api->xInst(fts, j, &p2, &c2, &off2);
				if (c2 != c || off2 >= off + ntokens)
					break;
				if (!(mask & (1ULL << (p2 % 64))))
					distinct++;
				mask |= 1ULL << (p2 % 64);
			}
			if (distinct > best) {
				best = distinct;
				plan->col = c;
				/* A little context before the first hit. */
				plan->first = off > ntokens / 4 ? off - ntokens / 4 : 0;
			}
		}
		if (best)
			return rc;
	}
	return rc == SQLITE_OK ? SQLITE_EMPTY : rc;
}

/* Which tokens of the fragment matched, every token of a phrase. */
static int mark_hits(const Fts5ExtensionApi *api, Fts5Context *fts, cq_snippet_plan *plan)
{
	int n = 0, i, p, c, off, k, rc = api->xInstCount(fts, &n);

	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		rc = api->xInst(fts, i, &p, &c, &off);
		if (rc != SQLITE_OK || c != plan->col)
			continue;
		for (k = off; k < off + api->xPhraseSize(fts, p); k++)
			if (k >= plan->first && k < plan->first + CQ_SNIPPET_TOKENS)
				plan->hits |= 1ULL << (k - plan->first);
	}
	return rc;
}

int cq_snippet_plan_of(const Fts5ExtensionApi *api, Fts5Context *fts, cq_snippet_plan *plan)
{
	int rc;

	plan->col = -1;
	plan->first = 0;
	plan->hits = 0;
	rc = choose(api, fts, plan);
	if (rc == SQLITE_EMPTY)
		return SQLITE_OK;
	return rc == SQLITE_OK ? mark_hits(api, fts, plan) : rc;
}

/* ---- the snippet, from the column's text ---- */

/* A column's text is read this far first, then twice as far each time the
 * fragment ends beyond: a hit is usually near the start of the body, and
 * the body is most of a lesson. */
enum { FIRST_READ = 4096 };

struct cq_snippet_maker {
	sqlite3 *db;
	char *schema, *content;      /* the content table FTS5 keeps the text in */
	sqlite3_blob *blob[NCOLS];   /* on its columns, moved from row to row */
	int rows_only;               /* read whole rows (the blobs would not open) */
	sqlite3_stmt *row;           /* the row's columns, through the search table */
	fts5_tokenizer api;          /* the search table's tokenizer */
	Fts5Tokenizer *tokenizer;
	char *buf;                   /* the start of the text read through a blob */
	int cap;
};

/* The fragment: tokens [first, first + CQ_SNIPPET_TOKENS) of one column,
 * and the byte span each of them covers, found by tokenizing no further. */
typedef struct fragment {
	int first, seen;
	int start[CQ_SNIPPET_TOKENS], end[CQ_SNIPPET_TOKENS]; /* -1: not reached */
} fragment;

static int on_token(void *user, int flags, const char *token, int ntoken, int start, int end)
{
	fragment *f = user;
	int k = f->seen - f->first;

	(void)token, (void)ntoken;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	f->seen++;
	if (k >= CQ_SNIPPET_TOKENS)
		return SQLITE_DONE; /* past the fragment: stop here */
	if (k >= 0) {
		f->start[k] = start;
		f->end[k] = end;
	}
	return SQLITE_OK;
}

static void append(sqlite3_str *out, const char *s, int n)
{
	if (n > 0)
		sqlite3_str_append(out, s, n);
}

/* Writes the fragment's text, hits in bold, with an ellipsis where text
 * before or after was left out. */
static void render(const fragment *f, unsigned long long hits, const char *text,
		   sqlite3_str *out)
{
	static const char *const open = "**", *const close = "**", *const ellipsis = "…";
	const int ntokens = CQ_SNIPPET_TOKENS;
	int k, pos;

	if (f->start[0] < 0)
		return;
	if (f->first > 0)
		sqlite3_str_appendall(out, ellipsis);
	pos = f->start[0];
	/* Adjacent hits share one pair of marks: **replication slot**. */
	for (k = 0; k < ntokens && f->start[k] >= 0; k++) {
		int hit = (hits >> k) & 1, before = k > 0 && ((hits >> (k - 1)) & 1);
		int after = k + 1 < ntokens && f->start[k + 1] >= 0 && ((hits >> (k + 1)) & 1);

		append(out, text + pos, f->start[k] - pos);
		if (hit && !before)
			sqlite3_str_appendall(out, open);
		append(out, text + f->start[k], f->end[k] - f->start[k]);
		if (hit && !after)
			sqlite3_str_appendall(out, close);
		pos = f->end[k];
	}
	if (f->seen > f->first + k) /* tokens after the fragment */
		sqlite3_str_appendall(out, ellipsis);
}

/* The tokenizer the search table names, made as its schema makes it. */
static int open_tokenizer(cq_snippet_maker *m, sqlite3 *db)
{
	char spec[] = CQ_SEARCH_TOKENIZE;
	const char *argv[MAX_TOKENIZE_ARGS];
	fts5_api *fts = cq_fts5_api(db);
	void *user = NULL;
	char *p = spec;
	int argc = 0, rc;

	if (!fts)
		return SQLITE_ERROR;
	while (*p && argc < MAX_TOKENIZE_ARGS) {
		argv[argc++] = p;
		p += strcspn(p, " ");
		if (*p)
			*p++ = '\0';
	}
	rc = fts->xFindTokenizer(fts, argv[0], &user, &m->api);
	return rc == SQLITE_OK ? m->api.xCreate(user, argv + 1, argc - 1, &m->tokenizer) : rc;
}

int cq_snippet_maker_open(cq_snippet_maker **out, sqlite3 *db, const char *schema,
			  const char *table)
{
	cq_snippet_maker *m = calloc(1, sizeof(*m));
	char *sql = sqlite3_mprintf("SELECT title, headings, body FROM \"%w\".\"%w\" WHERE rowid = ?",
				    schema, table);
	int rc = m && sql ? SQLITE_OK : SQLITE_NOMEM;

	*out = NULL;
	if (rc == SQLITE_OK) {
		m->db = db;
		m->schema = sqlite3_mprintf("%s", schema);
		m->content = sqlite3_mprintf("%s_content", table);
		rc = m->schema && m->content ? SQLITE_OK : SQLITE_NOMEM;
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, sql, -1, &m->row, NULL);
	if (rc == SQLITE_OK)
		rc = open_tokenizer(m, db);
	sqlite3_free(sql);
	if (rc != SQLITE_OK && m)
		cq_snippet_maker_close(m);
	else
		*out = m;
	return rc;
}

void cq_snippet_maker_read_rows(cq_snippet_maker *m)
{
	m->rows_only = 1;
}

static void reset_fragment(fragment *f, int first)
{
	int k;

	f->first = first;
	f->seen = 0;
	for (k = 0; k < CQ_SNIPPET_TOKENS; k++)
		f->start[k] = f->end[k] = -1;
}

/* Tokenizes text as far as the fragment (tokenizers return SQLITE_OK
 * when on_token stops them, as at the end of the text). */
static int tokenize(cq_snippet_maker *m, fragment *f, int first, const char *text, int len)
{
	reset_fragment(f, first);
	return m->api.xTokenize(m->tokenizer, f, FTS5_TOKENIZE_AUX, text, len, on_token);
}

/* Was a token after the fragment seen? */
static int past_fragment(const fragment *f)
{
	return f->seen > f->first + CQ_SNIPPET_TOKENS;
}

/* The blob on column col, at row rowid: FTS5's content table (id, c0, c1,
 * ...) read in place, so that only the pages holding the start of the
 * text are read. SQLITE_OK, or an error that sends the caller to the row. */
static int blob_at(cq_snippet_maker *m, int col, sqlite3_int64 rowid, sqlite3_blob **out)
{
	char column[16];
	int rc;

	*out = NULL;
	if (m->blob[col]) {
		rc = sqlite3_blob_reopen(m->blob[col], rowid);
		if (rc != SQLITE_OK) { /* the handle is spent: a new one next time */
			sqlite3_blob_close(m->blob[col]);
			m->blob[col] = NULL;
		}
	} else {
		snprintf(column, sizeof(column), "c%d", col);
		rc = sqlite3_blob_open(m->db, m->schema, m->content, column, rowid, 0, &m->blob[col]);
		if (rc != SQLITE_OK) {
			sqlite3_blob_close(m->blob[col]); /* a handle may come back with the error */
			m->blob[col] = NULL;
		}
	}
	*out = m->blob[col];
	return rc;
}

/* The fragment from the start of the column's text, read through a blob
 * as far as it needs: *text is m->buf, *len what was read. */
static int tokenize_blob(cq_snippet_maker *m, sqlite3_blob *blob, fragment *f, int first,
			 const char **text, int *len)
{
	int size = sqlite3_blob_bytes(blob), have = 0, want = FIRST_READ, rc;

	for (;;) {
		if (want > size || want <= 0)
			want = size;
		if (want > m->cap) {
			char *grown = realloc(m->buf, (size_t)want);

			if (!grown)
				return SQLITE_NOMEM;
			m->buf = grown;
			m->cap = want;
		}
		rc = sqlite3_blob_read(blob, m->buf + have, want - have, have);
		if (rc != SQLITE_OK)
			return rc;
		have = want;
		*text = m->buf;
		*len = have;
		rc = tokenize(m, f, first, m->buf, have);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		/* A token cut at the end of what was read is the last one seen,
		 * so the fragment is whole once a token after it was seen. */
		if (rc != SQLITE_OK || have == size || past_fragment(f))
			return rc;
		want = have * 2;
	}
}

/* The fragment from the row's text, read whole through the search table. */
static int tokenize_row(cq_snippet_maker *m, sqlite3_int64 rowid, int col, fragment *f,
			int first, const char **text, int *len)
{
	int rc;

	*text = NULL;
	*len = 0;
	sqlite3_bind_int64(m->row, 1, rowid);
	rc = sqlite3_step(m->row);
	if (rc == SQLITE_DONE)
		return SQLITE_OK; /* the row is gone: a refresh came between */
	if (rc != SQLITE_ROW)
		return rc;
	*text = (const char *)sqlite3_column_text(m->row, col);
	*len = sqlite3_column_bytes(m->row, col);
	rc = *text ? tokenize(m, f, first, *text, *len) : SQLITE_OK;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int cq_snippet_make(cq_snippet_maker *m, sqlite3_int64 rowid, const cq_snippet_plan *plan,
		    char **out)
{
	sqlite3_str *str = sqlite3_str_new(NULL);
	sqlite3_blob *blob = NULL;
	const char *text = NULL;
	fragment f;
	int rc = SQLITE_OK, len = 0;

	*out = NULL;
	if (plan->col >= 0 && plan->col < NCOLS) {
		rc = m->rows_only ? SQLITE_ERROR : blob_at(m, plan->col, rowid, &blob);
		if (rc == SQLITE_OK)
			rc = tokenize_blob(m, blob, &f, plan->first, &text, &len);
		else if (rc != SQLITE_NOMEM) /* no such row or table, or not text */
			rc = tokenize_row(m, rowid, plan->col, &f, plan->first, &text, &len);
		if (rc == SQLITE_OK && text)
			render(&f, plan->hits, text, str);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_str_errcode(str);
	*out = sqlite3_str_finish(str);
	sqlite3_reset(m->row);
	if (rc == SQLITE_OK && !*out)
		*out = sqlite3_mprintf(""); /* nothing was appended */
	if (rc == SQLITE_OK && !*out)
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_OK) {
		sqlite3_free(*out);
		*out = NULL;
	}
	return rc;
}

void cq_snippet_maker_close(cq_snippet_maker *m)
{
	int c;

	if (!m)
		return;
	for (c = 0; c < NCOLS; c++)
		sqlite3_blob_close(m->blob[c]);
	if (m->tokenizer)
		m->api.xDelete(m->tokenizer);
	sqlite3_finalize(m->row);
	sqlite3_free(m->schema);
	sqlite3_free(m->content);
	free(m->buf);
	free(m);
}
