#include "search_rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Ranking and snippets for `courseq search`, as an FTS5 auxiliary
 * function.
 *
 * FTS5's own bm25() reads every matching document's length from the
 * %_docsize table, one B-tree lookup a hit, and snippet() tokenizes every
 * column of a document to choose its fragment. A word found in every
 * lesson of a large course makes both dominate the search. The score here
 * is BM25 without length normalisation (b = 0: lessons are of like
 * length), so it reads only the hits' positions; a snippet tokenizes one
 * column, only as far as the fragment it shows, and only for a hit among
 * the best. */

enum { NCOLS = 3, MAX_PHRASES = 64, SCAN_INSTANCES = 256 };

/* Title, headings, body: the weights bm25(10.0, 5.0, 1.0) had. */
static const double weight[NCOLS] = {10.0, 5.0, 1.0};
static const double k1 = 1.2;

typedef struct idf_data {
	int nphrase;
	double idf[MAX_PHRASES];
} idf_data;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
	(void)api, (void)fts;
	++*(sqlite3_int64 *)user;
	return SQLITE_OK;
}

/* Each phrase's inverse document frequency, as bm25() computes it (never
 * below a tiny positive value, so a phrase in every lesson still counts);
 * once a query, kept as the query's auxiliary data. A query of one phrase
 * has 1 instead: its IDF would scale every score alike and order nothing,
 * and counting its documents is a pass over every hit. */
static idf_data *query_idf(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
	idf_data *d = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0;
	int i;

	*rc = SQLITE_OK;
	if (d)
		return d;
	d = calloc(1, sizeof(*d));
	if (!d) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	d->nphrase = api->xPhraseCount(fts);
	if (d->nphrase > MAX_PHRASES)
		d->nphrase = MAX_PHRASES;
	d->idf[0] = 1.0;
	*rc = api->xRowCount(fts, &rows);
	for (i = 0; *rc == SQLITE_OK && d->nphrase > 1 && i < d->nphrase; i++) {
		sqlite3_int64 hits = 0;
		double idf;

		*rc = api->xQueryPhrase(fts, i, &hits, count_row);
		idf = log((rows - hits + 0.5) / (hits + 0.5));
		d->idf[i] = idf > 1e-6 ? idf : 1e-6;
	}
	if (*rc == SQLITE_OK)
		*rc = api->xSetAuxdata(fts, d, free);
	else
		free(d);
	return *rc == SQLITE_OK ? d : NULL;
}

/* The BM25 score of the current row, higher is better. Term frequencies
 * come from each phrase's position list as it is stored, which costs
 * less than FTS5's merged list of instances. */
static int score_of(const Fts5ExtensionApi *api, Fts5Context *fts, double *score)
{
	int tf[NCOLS];
	idf_data *d;
	int p, c, rc;

	*score = 0.0;
	d = query_idf(api, fts, &rc);
	for (p = 0; rc == SQLITE_OK && p < d->nphrase; p++) {
		Fts5PhraseIter it;
		int col, off;

		memset(tf, 0, sizeof(tf));
		rc = api->xPhraseFirst(fts, p, &it, &col, &off);
		for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it, &col, &off))
			if (col < NCOLS)
				tf[col]++;
		for (c = 0; c < NCOLS; c++)
			if (tf[c])
				*score += d->idf[p] * weight[c] * tf[c] * (k1 + 1.0) / (tf[c] + k1);
	}
	return rc;
}

/* The fragment: tokens [first, first + ntokens) of one column, and the
 * byte span each of them covers, found by tokenizing no further. */
typedef struct fragment {
	int first, ntokens, seen;
	int *start, *end;        /* per token of the fragment; -1: not reached */
	unsigned long long hits; /* bit k: token first + k is a hit */
} fragment;

static int on_token(void *user, int flags, const char *token, int ntoken, int start, int end)
{
	fragment *f = user;
	int k = f->seen - f->first;

	(void)token, (void)ntoken;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	f->seen++;
	if (k >= f->ntokens)
		return SQLITE_DONE; /* past the fragment: stop here */
	if (k >= 0) {
		f->start[k] = start;
		f->end[k] = end;
	}
	return SQLITE_OK;
}

/* The column to show (the body first: the title is shown beside every hit)
 * and the first token of the window holding the most distinct phrases. */
static int choose(const Fts5ExtensionApi *api, Fts5Context *fts, int ntokens, int *col_out,
		  int *first_out)
{
	static const int preference[NCOLS] = {2, 1, 0};
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
				*col_out = c;
				/* A little context before the first hit. */
				*first_out = off > ntokens / 4 ? off - ntokens / 4 : 0;
			}
		}
		if (best)
			return rc;
	}
	return rc == SQLITE_OK ? SQLITE_EMPTY : rc;
}

/* Which tokens of the fragment are hits, every token of a phrase (ntokens
 * is at most 64). */
static int mark_hits(const Fts5ExtensionApi *api, Fts5Context *fts, int col, fragment *f)
{
	int n = 0, i, p, c, off, k, rc = api->xInstCount(fts, &n);

	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		rc = api->xInst(fts, i, &p, &c, &off);
		if (rc != SQLITE_OK || c != col)
			continue;
		for (k = off; k < off + api->xPhraseSize(fts, p); k++)
			if (k >= f->first && k < f->first + f->ntokens)
				f->hits |= 1ULL << (k - f->first);
	}
	return rc;
}

static void append(sqlite3_str *out, const char *s, int n)
{
	if (n > 0)
		sqlite3_str_append(out, s, n);
}

/* Writes the fragment's text, hits between open and close, with the
 * ellipsis where text before or after was left out. */
static void render(const fragment *f, const char *text, const char *const marks[3],
		   sqlite3_str *out)
{
	int k, pos;

	if (f->ntokens < 1 || f->start[0] < 0)
		return;
	if (f->first > 0)
		sqlite3_str_appendall(out, marks[2]);
	pos = f->start[0];
	/* Adjacent hits share one pair of marks: **replication slot**. */
	for (k = 0; k < f->ntokens && f->start[k] >= 0; k++) {
		int hit = (f->hits >> k) & 1, before = k > 0 && ((f->hits >> (k - 1)) & 1);
		int after = k + 1 < f->ntokens && f->start[k + 1] >= 0 && ((f->hits >> (k + 1)) & 1);

		append(out, text + pos, f->start[k] - pos);
		if (hit && !before)
			sqlite3_str_appendall(out, marks[0]);
		append(out, text + f->start[k], f->end[k] - f->start[k]);
		if (hit && !after)
			sqlite3_str_appendall(out, marks[1]);
		pos = f->end[k];
	}
	if (f->seen > f->first + k) /* tokens after the fragment */
		sqlite3_str_appendall(out, marks[2]);
}

/* The current row's fragment, in *out (sqlite3_malloc'd; "" when no
 * column has a hit). */
static int snippet_of(const Fts5ExtensionApi *api, Fts5Context *fts, const char *const marks[3],
		      int ntokens, char **out)
{
	fragment f = {0, 0, 0, NULL, NULL, 0};
	sqlite3_str *str = NULL;
	const char *text;
	int col = 0, len = 0, rc, k;

	*out = NULL;
	if (ntokens < 1 || ntokens > 64)
		ntokens = 16;
	rc = choose(api, fts, ntokens, &col, &f.first);
	if (rc == SQLITE_EMPTY) {
		*out = sqlite3_mprintf("");
		return *out ? SQLITE_OK : SQLITE_NOMEM;
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnText(fts, col, &text, &len);
	f.ntokens = ntokens;
	f.start = malloc(2 * (size_t)ntokens * sizeof(int));
	if (rc == SQLITE_OK && !f.start)
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK) {
		f.end = f.start + ntokens;
		for (k = 0; k < ntokens; k++)
			f.start[k] = f.end[k] = -1;
		rc = api->xTokenize(fts, text, len, &f, on_token);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc == SQLITE_OK)
		rc = mark_hits(api, fts, col, &f);
	if (rc == SQLITE_OK) {
		str = sqlite3_str_new(NULL);
		render(&f, text, marks, str);
		rc = sqlite3_str_errcode(str);
	}
	free(f.start);
	*out = sqlite3_str_finish(str);
	if (rc == SQLITE_OK && !*out)
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_OK) {
		sqlite3_free(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- the best hits, in one pass ---- */

/* Is a a better hit than b: a lower rank, then a lower rowid. */
static int better(const cq_best_hit *a, const cq_best_hit *b)
{
	return a->rank < b->rank || (a->rank == b->rank && a->rowid < b->rowid);
}

/* The kept hits are a heap with the worst on top, while there is a limit. */
static void sift_down(cq_best_hit *h, size_t n, size_t i)
{
	for (;;) {
		size_t worst = i, l = 2 * i + 1, r = l + 1;
		cq_best_hit t;

		if (l < n && better(&h[worst], &h[l]))
			worst = l;
		if (r < n && better(&h[worst], &h[r]))
			worst = r;
		if (worst == i)
			return;
		t = h[i], h[i] = h[worst], h[worst] = t;
		i = worst;
	}
}

static void sift_up(cq_best_hit *h, size_t i)
{
	while (i > 0 && better(&h[(i - 1) / 2], &h[i])) {
		cq_best_hit t = h[i];

		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/* cq_best(search, set): ranks the row and keeps it in set when it is among
 * the best; its snippet is made then, so only for rows that may be shown
 * (about limit * ln(hits / limit) of them). Returns NULL. */
static void cq_best(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		    int argc, sqlite3_value **argv)
{
	static const char *const marks[3] = {"**", "**", "…"};
	cq_best_set *set = argc > 0 ? sqlite3_value_pointer(argv[0], "cq_best_set") : NULL;
	cq_best_hit hit;
	double score;
	int rc;

	if (!set) {
		sqlite3_result_error(ctx, "cq_best: no set", -1);
		return;
	}
	rc = score_of(api, fts, &score);
	hit.rowid = api->xRowid(fts);
	hit.rank = -score;
	hit.snippet = NULL;
	if (rc == SQLITE_OK && set->limit && set->n == set->limit && !better(&hit, &set->hits[0]))
		return; /* not among the best */
	if (rc == SQLITE_OK)
		rc = snippet_of(api, fts, marks, 16, &hit.snippet);
	if (rc == SQLITE_OK && set->n == set->cap && !set->limit) {
		size_t cap = set->cap ? 2 * set->cap : 64;
		cq_best_hit *grown = realloc(set->hits, cap * sizeof(*grown));

		if (!grown)
			rc = SQLITE_NOMEM;
		else
			set->hits = grown, set->cap = cap;
	}
	if (rc != SQLITE_OK) {
		sqlite3_free(hit.snippet);
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	if (set->limit && set->n == set->limit) {
		sqlite3_free(set->hits[0].snippet);
		set->hits[0] = hit;
		sift_down(set->hits, set->n, 0);
		return;
	}
	set->hits[set->n] = hit;
	if (set->limit)
		sift_up(set->hits, set->n);
	set->n++;
}

int cq_best_init(cq_best_set *set, size_t limit)
{
	memset(set, 0, sizeof(*set));
	set->limit = limit;
	if (!limit)
		return 0;
	set->hits = malloc(limit * sizeof(*set->hits));
	set->cap = limit;
	return set->hits ? 0 : -1;
}

static int by_rank(const void *a, const void *b)
{
	return better(a, b) ? -1 : better(b, a) ? 1 : 0;
}

void cq_best_sort(cq_best_set *set)
{
	if (set->n) /* an empty set may have no array, which qsort may not be given */
		qsort(set->hits, set->n, sizeof(*set->hits), by_rank);
}

void cq_best_free(cq_best_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		sqlite3_free(set->hits[i].snippet);
	free(set->hits);
	memset(set, 0, sizeof(*set));
}

fts5_api *cq_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int cq_search_functions(sqlite3 *db)
{
	fts5_api *api = cq_fts5_api(db);

	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateFunction(api, "cq_best", NULL, cq_best, NULL);
}
