#include "search_tokenizer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "search_rank.h"
#include "text.h"

/* What unicode61 does with a character, as it tokenizes (fts5_tokenize.c):
 * a token starts at a letter, a digit or a private-use character (by
 * default); a token goes on through those and through diacritics; every
 * character of a token is folded to one character or to none. Each is a
 * question about that one character, so the answers can be learned one
 * character at a time and kept. */
enum {
	KNOWN = 1,     /* the entry holds an answer */
	STARTS = 2,    /* the character starts a token */
	CONTINUES = 4, /* the character goes on with a token */
	ODD = 8,       /* unicode61 did something unforeseen: let it tokenize */
	LEN_SHIFT = 8, /* the folded character's UTF-8 length (0: folded away) */
	FOLD_SHIFT = 16 /* and its bytes, first byte lowest */
};

enum {
	LOW = 0x800, /* characters below this (Latin, Greek, Cyrillic...) in a table */
	MEMO = 256   /* the others in a small cache, by character */
};

typedef struct original {
	void *user;
	fts5_tokenizer api;
} original;

typedef struct fast {
	const original *orig;
	Fts5Tokenizer *inner;
	int delegate;  /* learning failed: unicode61 does all the work */
	char context;  /* an ASCII token character that folds to itself */
	uint64_t low[LOW];
	struct {
		uint32_t c;
		uint64_t what;
	} memo[MEMO];
	char *buf; /* the folded token */
	size_t cap;
} fast;

/* One well-formed UTF-8 character at p (not ASCII): the byte after it, or
 * NULL for anything else, and for a character followed by a stray
 * continuation byte, which unicode61 reads as part of it. */
static const unsigned char *get_utf8(const unsigned char *p, const unsigned char *end,
				     uint32_t *c)
{
	size_t n = cq_utf8_valid_length(p, (size_t)(end - p)), i;

	if (!n || (p + n < end && (p[n] & 0xC0) == 0x80))
		return NULL;
	*c = *p & (0x7F >> n);
	for (i = 1; i < n; i++)
		*c = *c << 6 | (p[i] & 0x3F);
	return p + n;
}

/* ---- learning from unicode61 ---- */

enum { PROBE_TOKENS = 3, PROBE_BYTES = 16 };

typedef struct probe {
	int n;
	struct {
		char text[PROBE_BYTES];
		int len, start, end;
	} tok[PROBE_TOKENS];
} probe;

static int on_probe_token(void *user, int flags, const char *token, int n, int start, int end)
{
	probe *p = user;

	(void)flags;
	if (p->n < PROBE_TOKENS && n >= 0 && n < PROBE_BYTES) {
		memcpy(p->tok[p->n].text, token, (size_t)n);
		p->tok[p->n].len = n;
		p->tok[p->n].start = start;
		p->tok[p->n].end = end;
	}
	p->n++;
	return SQLITE_OK;
}

static int inner_tokens(const fast *f, const char *text, int n, probe *p)
{
	memset(p, 0, sizeof(*p));
	return f->orig->api.xTokenize(f->inner, p, FTS5_TOKENIZE_DOCUMENT, text, n, on_probe_token);
}

static int is_token(const probe *p, int i, const char *text, int len, int start, int end)
{
	return p->tok[i].len == len && memcmp(p->tok[i].text, text, (size_t)len) == 0 &&
	       p->tok[i].start == start && p->tok[i].end == end;
}

/* What unicode61 does with c, from two questions: "x c x" (is c part of a
 * token between two token characters, and folded to what?) and "c x"
 * (does c start a token?), x being the context character. */
static uint64_t learn(const fast *f, uint32_t c)
{
	char s[8], x = f->context;
	int w, n, flen = 0;
	uint64_t what = KNOWN, fold = 0;
	probe p;

	s[0] = x;
	w = cq_utf8_encode((int32_t)c, s + 1);
	s[1 + w] = x;
	n = 2 + w;
	if (inner_tokens(f, s, n, &p) != SQLITE_OK)
		return KNOWN | ODD;
	if (p.n == 1 && p.tok[0].start == 0 && p.tok[0].end == n && p.tok[0].len >= 2 &&
	    p.tok[0].text[0] == x && p.tok[0].text[p.tok[0].len - 1] == x) {
		const char *m = p.tok[0].text + 1;
		int i;

		flen = p.tok[0].len - 2;
		if (flen > 4)
			return KNOWN | ODD;
		for (i = 0; i < flen; i++)
			fold |= (uint64_t)(unsigned char)m[i] << (8 * i);
		what |= CONTINUES;
	} else if (!(p.n == 2 && is_token(&p, 0, &x, 1, 0, 1) && is_token(&p, 1, &x, 1, n - 1, n))) {
		return KNOWN | ODD;
	}
	if (inner_tokens(f, s + 1, n - 1, &p) != SQLITE_OK)
		return KNOWN | ODD;
	if (p.n == 1 && p.tok[0].start == 0 && p.tok[0].end == n - 1)
		what |= STARTS;
	else if (!(p.n == 1 && is_token(&p, 0, &x, 1, w, w + 1)))
		return KNOWN | ODD;
	if (what & STARTS) {
		int i;

		/* A token starts at what goes on with one, folded alone as
		 * within one; anything else would not be unicode61. */
		if (!(what & CONTINUES) || p.tok[0].len != flen + 1 || p.tok[0].text[flen] != x)
			return KNOWN | ODD;
		for (i = 0; i < flen; i++)
			if ((unsigned char)p.tok[0].text[i] != (fold >> (8 * i) & 0xFF))
				return KNOWN | ODD;
	}
	return what | (uint64_t)flen << LEN_SHIFT | fold << FOLD_SHIFT;
}

static uint64_t what_of(fast *f, uint32_t c)
{
	uint64_t *slot;

	if (c < LOW) {
		if (f->low[c])
			return f->low[c];
		slot = &f->low[c];
	} else {
		unsigned k = (c * 2654435761u) >> 24 & (MEMO - 1);

		if (f->memo[k].c == c && f->memo[k].what)
			return f->memo[k].what;
		f->memo[k].c = c;
		slot = &f->memo[k].what;
		*slot = 0;
	}
	if (!*slot)
		*slot = learn(f, c);
	return *slot;
}

/* ---- the tokenizer ---- */

static int fast_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
	static const char contexts[] = "qxz0a";
	const original *o = user;
	fast *f = calloc(1, sizeof(*f));
	int rc, i;

	*out = NULL;
	if (!f)
		return SQLITE_NOMEM;
	f->orig = o;
	rc = o->api.xCreate(o->user, argv, argc, &f->inner);
	if (rc != SQLITE_OK) {
		free(f);
		return rc;
	}
	f->delegate = 1;
	for (i = 0; contexts[i] && f->delegate; i++) {
		probe p;

		if (inner_tokens(f, contexts + i, 1, &p) == SQLITE_OK && p.n == 1 &&
		    is_token(&p, 0, contexts + i, 1, 0, 1)) {
			f->context = contexts[i];
			f->delegate = 0;
		}
	}
	*out = (Fts5Tokenizer *)f;
	return SQLITE_OK;
}

static void fast_delete(Fts5Tokenizer *t)
{
	fast *f = (fast *)t;

	if (!f)
		return;
	f->orig->api.xDelete(f->inner);
	free(f->buf);
	free(f);
}

typedef struct shifted {
	void *user;
	int (*token)(void *, int, const char *, int, int, int);
	int by;
} shifted;

static int on_shifted_token(void *user, int flags, const char *token, int n, int start, int end)
{
	shifted *s = user;

	return s->token(s->user, flags, token, n, start + s->by, end + s->by);
}

static int grow(fast *f, size_t need)
{
	size_t cap = f->cap ? f->cap : 64;
	char *b;

	while (cap < need)
		cap *= 2;
	b = realloc(f->buf, cap);
	if (!b)
		return SQLITE_NOMEM;
	f->buf = b;
	f->cap = cap;
	return SQLITE_OK;
}

static int fast_tokenize(Fts5Tokenizer *t, void *user, int flags, const char *text, int n,
			 int (*token)(void *, int, const char *, int, int, int))
{
	fast *f = (fast *)t;
	const unsigned char *s = (const unsigned char *)text, *p = s, *end = s + n;
	int start = -1, rc = SQLITE_OK;
	size_t len = 0;
	shifted rest;

	if (f->delegate)
		return f->orig->api.xTokenize(f->inner, user, flags, text, n, token);
	while (p < end) {
		const unsigned char *next = p + 1;
		uint32_t c = *p;
		uint64_t what;

		if (c >= 0x80 && !(next = get_utf8(p, end, &c)))
			goto hand_over; /* not UTF-8: unicode61 reads it its own way */
		what = what_of(f, c);
		if (what & ODD)
			goto hand_over;
		if (start >= 0 ? (what & CONTINUES) : (what & STARTS)) {
			uint64_t fold = what >> FOLD_SHIFT;
			size_t flen = (size_t)(what >> LEN_SHIFT & 0xFF);

			if (start < 0) {
				start = (int)(p - s);
				len = 0;
			}
			if (len + 4 > f->cap && (rc = grow(f, len + 4)) != SQLITE_OK)
				return rc;
			for (; flen--; fold >>= 8)
				f->buf[len++] = (char)(fold & 0xFF);
		} else if (start >= 0) {
			rc = token(user, 0, f->buf, (int)len, start, (int)(p - s));
			start = -1;
			if (rc != SQLITE_OK)
				break;
		}
		p = next;
	}
	if (rc == SQLITE_OK && start >= 0)
		rc = token(user, 0, f->buf, (int)len, start, n);
	return rc == SQLITE_DONE ? SQLITE_OK : rc; /* as unicode61 returns */

hand_over:
	/* From the start of the token being read (unicode61 starts a token
	 * afresh there, as it would have reached it), or from here. */
	rest.user = user;
	rest.token = token;
	rest.by = start >= 0 ? start : (int)(p - s);
	return f->orig->api.xTokenize(f->inner, &rest, flags, text + rest.by, n - rest.by,
				      on_shifted_token);
}

static fts5_tokenizer fast_api = {fast_create, fast_delete, fast_tokenize};

int cq_search_tokenizer(sqlite3 *db)
{
	fts5_api *api = cq_fts5_api(db);
	original *o;
	int rc;

	if (!api)
		return SQLITE_ERROR;
	o = malloc(sizeof(*o));
	if (!o)
		return SQLITE_NOMEM;
	rc = api->xFindTokenizer(api, "unicode61", &o->user, &o->api);
	if (rc == SQLITE_OK && o->api.xCreate == fast_create) {
		free(o); /* already in place on this connection */
		return SQLITE_OK;
	}
	if (rc == SQLITE_OK)
		rc = api->xCreateTokenizer(api, "unicode61", o, &fast_api, free);
	if (rc != SQLITE_OK)
		free(o);
	return rc;
}
