#include "search_rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "search_index.h"

/* Ranking for `courseq search`, as an FTS5 auxiliary function, and the
 * best hits' snippets (search_snippet.c).
 *
 * FTS5's own bm25() reads every matching document's length from the
 * %_docsize table, one B-tree lookup a hit, and snippet() tokenizes every
 * column of a document to choose its fragment. A word found in every
 * lesson of a large course makes both dominate the search. The score here
 * is BM25 without length normalisation (b = 0: lessons are of like
 * length), so it reads only the hits' positions; a snippet tokenizes one
 * column, only as far as the fragment it shows, and only for a hit shown. */

enum { NCOLS = CQ_SEARCH_COLUMNS, MAX_PHRASES = 64 };

/* Title, headings, body: the weights bm25(10.0, 5.0, 1.0) had. */
static const double weight[NCOLS] = {10.0, 5.0, 1.0};
static const double k1 = 1.2;

typedef struct idf_data {
	int nphrase;
	int walk_lists; /* see term_frequencies: 1 yes, 0 no, -1 not yet known */
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
	d->walk_lists = -1;
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

/* One varint of FTS5's position lists (SQLite's format: seven bits a byte,
 * high first; read no further than end). */
static const unsigned char *get_varint32(const unsigned char *a, const unsigned char *end,
					 unsigned *v)
{
	unsigned x = 0;
	int i;

	for (i = 0; i < 5 && a < end; i++) {
		x = (x << 7) | (*a & 0x7f);
		if (!(*a++ & 0x80))
			break;
	}
	*v = x;
	return a;
}

/* Adds the instances in the position list [a, end) to tf, from column
 * col on. A varint is an instance (offset + 2 from the last), or 1 and
 * the next column's number; a byte below 0x80 ends a varint, so counting
 * those counts instances, but for changes of column. */
static void count_instances(const unsigned char *a, const unsigned char *end, int col,
			    int tf[NCOLS])
{
	int n = 0, at_start = 1;

	while (a < end) {
		unsigned char c = *a++;

		if (c == 1 && at_start) {
			unsigned next;

			if (col < NCOLS)
				tf[col] += n;
			n = 0;
			a = get_varint32(a, end, &next);
			col = next < NCOLS ? (int)next : NCOLS;
			continue;
		}
		at_start = c < 0x80;
		n += at_start;
	}
	if (col < NCOLS)
		tf[col] += n;
}

/* The phrase's instances in each column of the row, from the iterator the
 * API walks; with walk, by reading its list of positions directly: once
 * xPhraseFirst has returned the first instance, the rest of the list is
 * the bytes [it.a, it.b). The API's xPhraseNext reads them one call an
 * instance; a word in every lesson of a large course made those calls
 * half the search. */
static int term_frequencies(const Fts5ExtensionApi *api, Fts5Context *fts, int p, int walk,
			    int tf[NCOLS])
{
	Fts5PhraseIter it;
	int col, off, rc;

	memset(tf, 0, NCOLS * sizeof(*tf));
	rc = api->xPhraseFirst(fts, p, &it, &col, &off);
	if (rc != SQLITE_OK || col < 0)
		return rc;
	if (!walk || !it.a || it.b < it.a) {
		for (; col >= 0; api->xPhraseNext(fts, &it, &col, &off))
			if (col < NCOLS)
				tf[col]++;
		return SQLITE_OK;
	}
	if (col < NCOLS)
		tf[col]++;
	count_instances(it.a, it.b, col, tf);
	return SQLITE_OK;
}

/* Whether term_frequencies may read the lists directly: on the query's
 * first row, when it gives what the API gives for every phrase (an SQLite
 * whose iterator meant something else would fail it). */
static int lists_walkable(const Fts5ExtensionApi *api, Fts5Context *fts, idf_data *d, int *rc)
{
	int p, by_api[NCOLS], walked[NCOLS];

	if (d->walk_lists >= 0)
		return d->walk_lists;
	d->walk_lists = 1;
	for (p = 0; *rc == SQLITE_OK && p < d->nphrase; p++) {
		*rc = term_frequencies(api, fts, p, 0, by_api);
		if (*rc == SQLITE_OK)
			*rc = term_frequencies(api, fts, p, 1, walked);
		if (memcmp(by_api, walked, sizeof(walked)))
			d->walk_lists = 0;
	}
	return d->walk_lists;
}

/* The BM25 score of the current row, higher is better. */
static int score_of(const Fts5ExtensionApi *api, Fts5Context *fts, double *score)
{
	int tf[NCOLS];
	idf_data *d;
	int p, c, walk, rc;

	*score = 0.0;
	d = query_idf(api, fts, &rc);
	walk = rc == SQLITE_OK ? lists_walkable(api, fts, d, &rc) : 0;
	for (p = 0; rc == SQLITE_OK && p < d->nphrase; p++) {
		rc = term_frequencies(api, fts, p, walk, tf);
		for (c = 0; rc == SQLITE_OK && c < NCOLS; c++)
			if (tf[c])
				*score += d->idf[p] * weight[c] * tf[c] * (k1 + 1.0) / (tf[c] + k1);
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
 * the best, with its snippet planned (about limit * ln(hits / limit) rows
 * are). Returns NULL. */
static void cq_best(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		    int argc, sqlite3_value **argv)
{
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
		rc = cq_snippet_plan_of(api, fts, &hit.plan);
	if (rc == SQLITE_OK && set->n == set->cap && !set->limit) {
		size_t cap = set->cap ? 2 * set->cap : 64;
		cq_best_hit *grown = realloc(set->hits, cap * sizeof(*grown));

		if (!grown)
			rc = SQLITE_NOMEM;
		else
			set->hits = grown, set->cap = cap;
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	if (set->limit && set->n == set->limit) {
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

int cq_best_snippets(cq_best_set *set, sqlite3 *db, const char *schema, const char *table)
{
	cq_snippet_maker *m = NULL;
	size_t i;
	int rc = set->n ? cq_snippet_maker_open(&m, db, schema, table) : SQLITE_OK;

	for (i = 0; rc == SQLITE_OK && i < set->n; i++)
		rc = cq_snippet_make(m, set->hits[i].rowid, &set->hits[i].plan, &set->hits[i].snippet);
	cq_snippet_maker_close(m);
	return rc;
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
