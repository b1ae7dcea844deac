/* The search tokenizer makes exactly the tokens of SQLite's unicode61 with
 * the same arguments: the same folded text at the same byte offsets, for
 * every Unicode character, for text that is not UTF-8, for every lesson of
 * the sample course, and when the caller stops early. */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "search_rank.h"
#include "search_tokenizer.h"
#include "text.h"

typedef struct tokenizer {
	fts5_tokenizer api;
	Fts5Tokenizer *t;
} tokenizer;

typedef struct tokens {
	char *s;
	size_t len, cap;
	int stop_after; /* return SQLITE_DONE after this many (0: never) */
	int n;
} tokens;

static sqlite3 *plain_db, *fast_db;

static void append(tokens *out, const char *s, size_t n)
{
	if (out->len + n + 1 > out->cap) {
		out->cap = 2 * (out->len + n + 1);
		out->s = realloc(out->s, out->cap);
		if (!out->s)
			abort();
	}
	memcpy(out->s + out->len, s, n);
	out->len += n;
	out->s[out->len] = '\0';
}

static int on_token(void *user, int flags, const char *token, int n, int start, int end)
{
	tokens *out = user;
	char where[64];

	append(out, token, (size_t)n);
	snprintf(where, sizeof(where), "@%d-%d/%d;", start, end, flags);
	append(out, where, strlen(where));
	return ++out->n == out->stop_after ? SQLITE_DONE : SQLITE_OK;
}

static void open_tokenizer(tokenizer *tk, sqlite3 *db, const char **argv, int argc)
{
	fts5_api *api = cq_fts5_api(db);
	void *user = NULL;

	if (!api || api->xFindTokenizer(api, "unicode61", &user, &tk->api) != SQLITE_OK ||
	    tk->api.xCreate(user, argv, argc, &tk->t) != SQLITE_OK)
		abort();
}

/* Both tokenizers' output for text (n bytes), "token@start-end/flags;"
 * each, and their result codes after. */
static void both(tokenizer *plain, tokenizer *fast, const char *text, int n, int stop_after,
		 tokens *a, tokens *b)
{
	char rc[32];

	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	a->stop_after = b->stop_after = stop_after;
	append(a, "", 0);
	append(b, "", 0);
	snprintf(rc, sizeof(rc), " rc=%d",
		 plain->api.xTokenize(plain->t, a, FTS5_TOKENIZE_DOCUMENT, text, n, on_token));
	append(a, rc, strlen(rc));
	snprintf(rc, sizeof(rc), " rc=%d",
		 fast->api.xTokenize(fast->t, b, FTS5_TOKENIZE_DOCUMENT, text, n, on_token));
	append(b, rc, strlen(rc));
}

/* Whether both agree on text; a difference fails the test and the first
 * is printed. */
static int agree(tokenizer *plain, tokenizer *fast, const char *text, int n, int stop_after)
{
	tokens a, b;
	int same;

	both(plain, fast, text, n, stop_after, &a, &b);
	same = strcmp(a.s, b.s) == 0;
	if (!same && !test_failed++) {
		int i;

		printf("#   text:");
		for (i = 0; i < n && i < 64; i++)
			printf(" %02x", (unsigned char)text[i]);
		printf("\n#   unicode61: %.300s\n#   courseq:   %.300s\n", a.s, b.s);
	}
	free(a.s);
	free(b.s);
	return same;
}

/* Every character below last (surrogates aside) after a letter, doubled,
 * alone between spaces and before a digit: 256 characters to a text. */
static void every_character(tokenizer *plain, tokenizer *fast, uint32_t last)
{
	static char text[256 * 16];
	uint32_t block, c;

	for (block = 0; block < last; block += 256) {
		int n = 0;

		for (c = block; c < block + 256; c++) {
			if (c == 0 || (c >= 0xD800 && c <= 0xDFFF))
				continue;
			text[n++] = 'a';
			n += cq_utf8_encode((int32_t)c, text + n);
			n += cq_utf8_encode((int32_t)c, text + n);
			text[n++] = ' ';
			n += cq_utf8_encode((int32_t)c, text + n);
			text[n++] = '7';
			text[n++] = ' ';
		}
		if (!agree(plain, fast, text, n, 0)) {
			printf("#   in the block of U+%04X\n", (unsigned)block);
			return;
		}
	}
}

/* Random text from pieces: ASCII, Russian, combining marks, characters
 * unicode61 turns into U+FFFD, and bytes that are not UTF-8 at all. */
static void random_text(tokenizer *plain, tokenizer *fast, int count)
{
	static const char *const pieces[] = {
		"a", "Z", "7", " ", "-", "_", ".", "\n", "Я", "ё", "Ё", "й", "\xcc\x86", "\xcc\x81",
		"É", "ǅ", "ß", "ﬁ", "Ω", "𝔸", "😀", "中", "\xef\xbf\xbe", "\xef\xbb\xbf",
		"\x80", "\xbf", "\xc3", "\xc0\xaf", "\xe0\x80\x80", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xff", "\xd0", "\xe2\x82",
	};
	char text[256];
	unsigned seed = 12345;
	int i;

	for (i = 0; i < count && !test_failed; i++) {
		int n = 0, k, pieces_in = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;

		for (k = 0; k < pieces_in; k++) {
			const char *p = pieces[((seed = seed * 1103515245u + 12345u) >> 16) %
					       (sizeof(pieces) / sizeof(*pieces))];

			memcpy(text + n, p, strlen(p));
			n += (int)strlen(p);
		}
		agree(plain, fast, text, n, 0);
		agree(plain, fast, text, n, 1 + i % 3);
	}
}

static void pair(const char **argv, int argc, tokenizer *plain, tokenizer *fast)
{
	open_tokenizer(plain, plain_db, argv, argc);
	open_tokenizer(fast, fast_db, argv, argc);
}

static void unpair(tokenizer *plain, tokenizer *fast)
{
	plain->api.xDelete(plain->t);
	fast->api.xDelete(fast->t);
}

static const char *courseq_args[] = {"remove_diacritics", "2"};

static void the_search_tables_tokenizer_on_every_character(void)
{
	tokenizer plain, fast;

	pair(courseq_args, 2, &plain, &fast);
	CHECK(plain.api.xTokenize != fast.api.xTokenize);
	every_character(&plain, &fast, 0x110000);
	unpair(&plain, &fast);
}

static void text_that_is_not_utf8_and_early_stops(void)
{
	tokenizer plain, fast;

	pair(courseq_args, 2, &plain, &fast);
	random_text(&plain, &fast, 50000);
	CHECK(agree(&plain, &fast, "", 0, 0));
	CHECK(agree(&plain, &fast, "Слот\xffслоты", 13, 0));
	unpair(&plain, &fast);
}

static void other_arguments(void)
{
	static const char *sets[][6] = {
		{"remove_diacritics", "0"},
		{"remove_diacritics", "1", "tokenchars", "-_"},
		{"separators", "qxz", "categories", "L* N* Co Mn"},
		{"separators", "qxz0a"}, /* no character left to learn with */
		{"categories", "L*", "tokenchars", "\xd0\xaf"},
	};
	static const int argc[] = {2, 4, 4, 2, 4};
	size_t i;

	for (i = 0; i < sizeof(argc) / sizeof(*argc) && !test_failed; i++) {
		tokenizer plain, fast;

		pair(sets[i], argc[i], &plain, &fast);
		random_text(&plain, &fast, 5000);
		every_character(&plain, &fast, 0x3000); /* the alphabets, the marks */
		if (test_failed)
			printf("#   with arguments set %zu\n", i);
		unpair(&plain, &fast);
	}
}

static char *slurp(const char *path, long *n)
{
	FILE *f = fopen(path, "rb");
	char *s;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*n = ftell(f);
	rewind(f);
	s = malloc((size_t)*n + 1);
	if (s && fread(s, 1, (size_t)*n, f) != (size_t)*n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

static void every_lesson_of_the_sample_course(void)
{
	const char *root = "content/src/content/course";
	tokenizer plain, fast;
	DIR *modules = opendir(root);
	struct dirent *m;
	int lessons = 0;

	pair(courseq_args, 2, &plain, &fast);
	CHECK(modules != NULL);
	while (modules && (m = readdir(modules))) {
		char dir[512];
		DIR *d;
		struct dirent *e;

		snprintf(dir, sizeof(dir), "%s/%s", root, m->d_name);
		if (m->d_name[0] == '.' || !(d = opendir(dir)))
			continue;
		while ((e = readdir(d))) {
			char path[1024];
			long n;
			char *text;

			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (!strstr(e->d_name, ".mdx") || !(text = slurp(path, &n)))
				continue;
			if (!agree(&plain, &fast, text, (int)n, 0))
				printf("#   in %s\n", path);
			lessons++;
			free(text);
		}
		closedir(d);
	}
	if (modules)
		closedir(modules);
	CHECK(lessons >= 30);
	unpair(&plain, &fast);
}

static void registering_twice_keeps_one(void)
{
	tokenizer a, b;

	CHECK_INT(cq_search_tokenizer(fast_db), SQLITE_OK);
	open_tokenizer(&a, fast_db, courseq_args, 2);
	open_tokenizer(&b, plain_db, courseq_args, 2);
	CHECK(agree(&b, &a, "Журнал WAL и слоты", 30, 0));
	a.api.xDelete(a.t);
	b.api.xDelete(b.t);
}

int main(void)
{
	if (sqlite3_open(":memory:", &plain_db) != SQLITE_OK ||
	    sqlite3_open(":memory:", &fast_db) != SQLITE_OK ||
	    cq_search_tokenizer(fast_db) != SQLITE_OK)
		return 2;
	RUN(the_search_tables_tokenizer_on_every_character);
	RUN(text_that_is_not_utf8_and_early_stops);
	RUN(other_arguments);
	RUN(every_lesson_of_the_sample_course);
	RUN(registering_twice_keeps_one);
	sqlite3_close(plain_db);
	sqlite3_close(fast_db);
	DONE();
}
