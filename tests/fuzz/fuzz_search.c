/* libFuzzer target: search ranking and snippets. The input is an FTS5
 * query and lessons, split at NUL bytes: the query first, then each
 * lesson's title, headings and body, split at \x01. The lessons go into an
 * in-memory table made as the search file makes its own (the same
 * tokenizer), and the query through cq_best and cq_best_snippets as
 * `courseq search` runs them: once keeping every hit, once the best 2.
 * A lesson that starts with '+' has the first line of its body repeated
 * past 20,000 bytes.
 * Besides crashes, it checks that the best 2 are the first 2 of every hit
 * (rows, ranks and snippets), that each snippet, read as far as it needs,
 * is the one made from the whole text, and that every snippet of lessons
 * written in UTF-8 is UTF-8. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "search_index.h"
#include "search_rank.h"
#include "search_tokenizer.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_LESSONS = 16, BEST = 2 };

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_search: %s\n", what);
	abort();
}

/* The next piece of [*p, end) up to sep (or the end); advances past sep. */
static const char *piece(const char **p, const char *end, char sep, int *len)
{
	const char *start = *p, *stop = memchr(start, sep, (size_t)(end - start));

	if (!stop)
		stop = end;
	*len = (int)(stop - start);
	*p = stop < end ? stop + 1 : end;
	return start;
}

/* A lesson that starts with '+' has the first line of its body repeated
 * to this length before the rest, so that a snippet is read from far in. */
enum { LONG_BODY = 20000 };

static void bind_body(sqlite3_stmt *st, int c, const char *col, int len, int repeat)
{
	const char *nl = memchr(col, '\n', (size_t)len);
	int line = nl ? (int)(nl - col) : len, times = 1, i;
	size_t size;
	char *body;

	if (repeat && line > 0)
		times = LONG_BODY / line + 1;
	size = (size_t)line * (size_t)times + (size_t)(len - line);
	body = malloc(size + 1);
	if (!body)
		fail("out of memory");
	for (i = 0; i < times; i++)
		memcpy(body + (size_t)i * (size_t)line, col, (size_t)line);
	memcpy(body + (size_t)line * (size_t)times, col + line, (size_t)(len - line));
	sqlite3_bind_text(st, c, body, (int)size, free);
}

/* Inserts each lesson; 1 when all of their text is UTF-8. */
static int insert_lessons(sqlite3 *db, const char *p, const char *end)
{
	sqlite3_stmt *st;
	int utf8 = 1, n, c;

	if (sqlite3_prepare_v2(db, "INSERT INTO search(title, headings, body) VALUES (?, ?, ?)", -1,
			       &st, NULL) != SQLITE_OK)
		fail("cannot prepare the insert");
	for (n = 0; p < end && n < MAX_LESSONS; n++) {
		int len, repeat;
		const char *lesson = piece(&p, end, '\0', &len), *q = lesson, *lend = lesson + len;

		repeat = len > 0 && *lesson == '+';
		for (c = 1; c <= 3; c++) {
			int clen = 0;
			const char *col = q < lend || c == 1 ? piece(&q, lend, '\x01', &clen) : "";

			utf8 &= cq_utf8_invalid_at(col, (size_t)clen) == (size_t)clen;
			if (c == 3)
				bind_body(st, c, col, clen, repeat);
			else
				sqlite3_bind_text(st, c, col, clen, SQLITE_TRANSIENT);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			fail("cannot insert a lesson");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return utf8;
}

/* The hits of query kept in set; SQLITE_OK, or the error of a query that
 * does not parse. */
static int search(sqlite3 *db, const char *query, int len, cq_best_set *set)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db,
			       "SELECT 1 FROM search f WHERE f.search MATCH ?1 AND cq_best(f.search, ?2)",
			       -1, &st, NULL) != SQLITE_OK)
		fail("cannot prepare the search");
	sqlite3_bind_text(st, 1, query, len, SQLITE_STATIC);
	sqlite3_bind_pointer(st, 2, set, "cq_best_set", NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	cq_best_sort(set);
	return cq_best_snippets(set, db, "main", "search");
}

static void compare(const cq_best_set *all, const cq_best_set *best)
{
	size_t i, want = all->n < BEST ? all->n : BEST;

	if (best->n != want)
		fail("the best 2 are not as many as every hit allows");
	for (i = 0; i < want; i++) {
		const cq_best_hit *a = &all->hits[i], *b = &best->hits[i];

		if (a->rowid != b->rowid || a->rank != b->rank)
			fail("the best 2 are not the first 2 of every hit");
		if (strcmp(a->snippet, b->snippet))
			fail("a hit's snippet depends on how many are kept");
	}
}

/* Every hit's snippet is the same made again from whole rows. */
static void compare_rows(sqlite3 *db, const cq_best_set *all)
{
	cq_snippet_maker *m;
	size_t i;

	if (cq_snippet_maker_open(&m, db, "main", "search") != SQLITE_OK)
		fail("cannot open a snippet maker");
	cq_snippet_maker_read_rows(m);
	for (i = 0; i < all->n; i++) {
		char *snippet;

		if (cq_snippet_make(m, all->hits[i].rowid, &all->hits[i].plan, &snippet) != SQLITE_OK)
			fail("cannot make a snippet from the row");
		if (strcmp(snippet, all->hits[i].snippet))
			fail("a snippet read in steps differs from the one read from the whole row");
		sqlite3_free(snippet);
	}
	cq_snippet_maker_close(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *query;
	cq_best_set all, best;
	sqlite3 *db;
	size_t i;
	int qlen, utf8, rc_all, rc_best;

	query = piece(&p, end, '\0', &qlen);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || cq_search_tokenizer(db) != SQLITE_OK ||
	    cq_search_functions(db) != SQLITE_OK ||
	    sqlite3_exec(db,
			 "CREATE VIRTUAL TABLE search USING fts5(title, headings, body, tokenize = '" CQ_SEARCH_TOKENIZE "')",
			 NULL, NULL, NULL) != SQLITE_OK)
		fail("cannot make the search table");
	utf8 = insert_lessons(db, p, end);
	if (cq_best_init(&all, 0) < 0 || cq_best_init(&best, BEST) < 0)
		fail("out of memory");
	rc_all = search(db, query, qlen, &all);
	rc_best = search(db, query, qlen, &best);
	if (rc_all != rc_best)
		fail("the search failed keeping every hit and not the best 2, or the other way");
	if (rc_all == SQLITE_OK) {
		compare(&all, &best);
		compare_rows(db, &all);
		for (i = 0; utf8 && i < all.n; i++)
			if (cq_utf8_invalid_at(all.hits[i].snippet, strlen(all.hits[i].snippet)) !=
			    strlen(all.hits[i].snippet))
				fail("a snippet of UTF-8 lessons is not UTF-8");
	}
	cq_best_free(&all);
	cq_best_free(&best);
	sqlite3_close(db);
	return 0;
}
