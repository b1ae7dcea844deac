/* The import declarations of an ESM block: which names a lesson binds and
 * from which module. Only imports matter to courseq; everything else in
 * the block is skipped token by token. */
#include <string.h>

#include "mdx.h"

typedef enum tok_kind {
	T_END,
	T_IDENT,
	T_STRING,
	T_PUNCT
} tok_kind;

typedef struct tok {
	tok_kind kind;
	size_t start, end; /* strings: the quotes included */
} tok;

typedef struct esm_lexer {
	const char *s;
	size_t i, end;
	tok cur;
} esm_lexer;

static void skip_trivia(esm_lexer *lx)
{
	while (lx->i < lx->end) {
		const char *s = lx->s;

		if (strchr(" \t\r\n", s[lx->i])) {
			lx->i++;
		} else if (s[lx->i] == '/' && lx->i + 1 < lx->end && s[lx->i + 1] == '/') {
			while (lx->i < lx->end && s[lx->i] != '\n')
				lx->i++;
		} else if (s[lx->i] == '/' && lx->i + 1 < lx->end && s[lx->i + 1] == '*') {
			const char *close = NULL;
			size_t k;

			for (k = lx->i + 2; k + 1 < lx->end; k++)
				if (s[k] == '*' && s[k + 1] == '/') {
					close = s + k;
					break;
				}
			lx->i = close ? (size_t)(close - s) + 2 : lx->end;
		} else {
			break;
		}
	}
}

static void scan_string(esm_lexer *lx, char q)
{
	for (lx->i++; lx->i < lx->end && lx->s[lx->i] != q && lx->s[lx->i] != '\n'; lx->i++)
		if (lx->s[lx->i] == '\\' && lx->i + 1 < lx->end)
			lx->i++; /* the escaped byte; a final backslash escapes nothing */
	if (lx->i < lx->end && lx->s[lx->i] == q)
		lx->i++;
}

static void scan_ident(esm_lexer *lx)
{
	while (lx->i < lx->end) {
		int32_t cp;
		int k = cq_utf8_next((const unsigned char *)lx->s + lx->i, lx->end - lx->i, &cp);

		if (cp < 0 || !cq_js_id_continue(cp))
			break;
		lx->i += (size_t)k;
	}
}

static void next(esm_lexer *lx)
{
	int32_t cp;
	char c;

	skip_trivia(lx);
	lx->cur.start = lx->i;
	if (lx->i >= lx->end) {
		lx->cur.kind = T_END;
		lx->cur.end = lx->i;
		return;
	}
	c = lx->s[lx->i];
	cq_utf8_next((const unsigned char *)lx->s + lx->i, lx->end - lx->i, &cp);
	if (c == '"' || c == '\'') {
		lx->cur.kind = T_STRING;
		scan_string(lx, c);
	} else if (cp >= 0 && cq_js_id_start(cp)) {
		lx->cur.kind = T_IDENT;
		scan_ident(lx);
	} else {
		lx->cur.kind = T_PUNCT;
		lx->i++;
	}
	lx->cur.end = lx->i;
}

static int is(const esm_lexer *lx, const char *text)
{
	size_t n = strlen(text);

	return lx->cur.end - lx->cur.start == n &&
	       memcmp(lx->s + lx->cur.start, text, n) == 0;
}

static int add_name(cq_import *imp, cq_arena *a, const esm_lexer *lx,
		    const char *imported)
{
	cq_import_name *nm = cq_vec_push(&imp->names, a);

	if (!nm)
		return -1;
	nm->local = cq_arena_strndup(a, lx->s + lx->cur.start, lx->cur.end - lx->cur.start);
	nm->imported = imported;
	return nm->local ? 0 : -1;
}

/* { a, b as c, default as d, "x y" as e } */
static int named(esm_lexer *lx, cq_import *imp, cq_arena *a)
{
	for (next(lx); lx->cur.kind != T_END && !is(lx, "}"); next(lx)) {
		size_t start = lx->cur.start, end = lx->cur.end;
		const char *imported;

		if (is(lx, ","))
			continue;
		if (lx->cur.kind != T_IDENT && lx->cur.kind != T_STRING)
			return 0;
		next(lx);
		if (is(lx, "as"))
			next(lx);
		else
			lx->cur.start = start, lx->cur.end = end, lx->i = end;
		imported = cq_arena_strndup(a, lx->s + start, end - start);
		if (!imported || add_name(imp, a, lx, imported) < 0)
			return -1;
	}
	next(lx);
	return 0;
}

/* The bindings between 'import' and 'from'. */
static int clause(esm_lexer *lx, cq_import *imp, cq_arena *a)
{
	while (lx->cur.kind != T_END && !is(lx, "from")) {
		if (is(lx, "{")) {
			if (named(lx, imp, a) < 0)
				return -1;
			continue;
		}
		if (is(lx, "*")) {
			next(lx);
			if (is(lx, "as"))
				next(lx);
			if (lx->cur.kind == T_IDENT && add_name(imp, a, lx, "*") < 0)
				return -1;
		} else if (lx->cur.kind == T_IDENT) {
			if (add_name(imp, a, lx, "default") < 0)
				return -1;
		} else if (!is(lx, ",")) {
			return 0;
		}
		next(lx);
	}
	if (is(lx, "from"))
		next(lx);
	return 0;
}

static int import_decl(esm_lexer *lx, cq_mdx *m, cq_arena *a, size_t start)
{
	cq_import *imp;

	next(lx);
	if (is(lx, "(") || is(lx, "."))
		return 0; /* import(...) and import.meta are expressions */
	imp = cq_vec_push(&m->imports, a);
	if (!imp)
		return -1;
	imp->start = start;
	cq_vec_init(&imp->names, sizeof(cq_import_name));
	if (lx->cur.kind != T_STRING && clause(lx, imp, a) < 0)
		return -1;
	if (lx->cur.kind == T_STRING) {
		imp->source_start = lx->cur.start + 1;
		imp->source_end = lx->cur.end - 1;
		if (imp->source_end < imp->source_start)
			imp->source_end = imp->source_start;
		imp->source = cq_arena_strndup(a, lx->s + imp->source_start,
					       imp->source_end - imp->source_start);
		if (!imp->source)
			return -1;
	} else {
		imp->source = "";
	}
	imp->end = lx->cur.end;
	return 0;
}

static int declares(const esm_lexer *lx)
{
	return is(lx, "const") || is(lx, "let") || is(lx, "var") || is(lx, "function") ||
	       is(lx, "class");
}

/* The name after a declaring keyword (function* too). */
static int declaration(esm_lexer *lx, cq_mdx *m, cq_arena *a)
{
	const char **name;

	next(lx);
	if (is(lx, "*"))
		next(lx);
	if (lx->cur.kind != T_IDENT)
		return 0;
	name = cq_vec_push(&m->defined, a);
	if (!name)
		return -1;
	*name = cq_arena_strndup(a, lx->s + lx->cur.start, lx->cur.end - lx->cur.start);
	return *name ? 0 : -1;
}

int cq_esm_imports(cq_mdx *m, cq_arena *a, size_t start, size_t end)
{
	esm_lexer lx = {m->src, start, end, {T_END, 0, 0}};
	int after_dot = 0;

	for (next(&lx); lx.cur.kind != T_END;) {
		if (lx.cur.kind == T_IDENT && !after_dot && is(&lx, "import")) {
			if (import_decl(&lx, m, a, lx.cur.start) < 0)
				return -1;
			continue;
		}
		if (lx.cur.kind == T_IDENT && !after_dot && declares(&lx)) {
			if (declaration(&lx, m, a) < 0)
				return -1;
			continue;
		}
		after_dot = is(&lx, ".");
		next(&lx);
	}
	return 0;
}
