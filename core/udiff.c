/* Unified diffs of two texts, line by line (Myers' O(ND) algorithm: edits
 * are small, so D is), with three lines of context. */
#include "udiff.h"

#include <stdlib.h>
#include <string.h>

typedef struct line {
	const char *s;
	size_t n; /* with its line ending */
} line;

typedef struct lines {
	line *v;
	size_t n;
} lines;

static int split(lines *out, const char *s, size_t n)
{
	size_t i, start = 0, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	out->v = malloc((k + 2) * sizeof(*out->v));
	out->n = 0;
	if (!out->v)
		return -1;
	for (i = 0; i < n; i++)
		if (s[i] == '\n') {
			out->v[out->n++] = (line){s + start, i + 1 - start};
			start = i + 1;
		}
	if (start < n)
		out->v[out->n++] = (line){s + start, n - start};
	return 0;
}

static int same(const line *a, const line *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* The edit script as a list of operations: ' ' keep, '-' delete, '+' add,
 * each with the index of its line in a or b. */
typedef struct op {
	char kind;
	size_t i; /* line index in a (keep, delete) or b (add) */
} op;

/* Myers: V arrays of every round are kept to walk the path back. */
static op *script(const lines *a, const lines *b, size_t *nops)
{
	long n = (long)a->n, m = (long)b->n, max = n + m, d, k;
	long *v = calloc((size_t)(2 * max + 3), sizeof(*v)), **trace;
	op *ops = NULL;
	long x, y, found = -1;

	trace = calloc((size_t)max + 2, sizeof(*trace));
	if (!v || !trace)
		goto done;
	for (d = 0; d <= max && found < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1]
										  : v[max + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && same(&a->v[x], &b->v[y]))
				x++, y++;
			v[max + k] = x;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
		trace[d] = malloc((size_t)(2 * max + 3) * sizeof(**trace));
		if (!trace[d])
			goto done;
		memcpy(trace[d], v, (size_t)(2 * max + 3) * sizeof(*v));
	}
	ops = malloc((size_t)(n + m + 1) * sizeof(*ops));
	if (!ops)
		goto done;
	*nops = 0;
	x = n, y = m;
	for (d = found; d >= 0; d--) {
		long *vd = d > 0 ? trace[d - 1] : NULL, px, py, pk;

		k = x - y;
		if (d == 0) {
			while (x > 0 && y > 0)
				ops[(*nops)++] = (op){' ', (size_t)--x}, y--;
			break;
		}
		pk = (k == -d || (k != d && vd[max + k - 1] < vd[max + k + 1])) ? k + 1 : k - 1;
		px = vd[max + pk];
		py = px - pk;
		while (x > px && y > py)
			ops[(*nops)++] = (op){' ', (size_t)--x}, y--;
		if (pk == k + 1)
			ops[(*nops)++] = (op){'+', (size_t)--y};
		else
			ops[(*nops)++] = (op){'-', (size_t)--x};
	}
	/* Collected backwards. */
	for (k = 0; k < (long)*nops / 2; k++) {
		op t = ops[k];

		ops[k] = ops[*nops - 1 - (size_t)k];
		ops[*nops - 1 - (size_t)k] = t;
	}
done:
	for (d = 0; trace && d <= max; d++)
		free(trace[d]);
	free(trace);
	free(v);
	return ops;
}

static void put_line(cq_buf *out, char kind, const line *l)
{
	cq_buf_putc(out, kind);
	cq_buf_put(out, l->s, l->n);
	if (!l->n || l->s[l->n - 1] != '\n')
		cq_buf_puts(out, "\n\\ No newline at end of file\n");
}

/* One hunk: ops[from, to) with their line numbers. */
static void hunk(cq_buf *out, const op *ops, size_t from, size_t to, const lines *a,
		 const lines *b)
{
	size_t i, ai = 0, bi = 0, ac = 0, bc = 0, a0 = 0, b0 = 0;

	/* Line numbers at the hunk's start: count what came before. */
	for (i = 0; i < from; i++) {
		ai += ops[i].kind != '+';
		bi += ops[i].kind != '-';
	}
	a0 = ai, b0 = bi;
	for (i = from; i < to; i++) {
		ac += ops[i].kind != '+';
		bc += ops[i].kind != '-';
	}
	cq_buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", ac ? a0 + 1 : a0, ac, bc ? b0 + 1 : b0, bc);
	for (i = from; i < to; i++)
		put_line(out, ops[i].kind, ops[i].kind == '+' ? &b->v[ops[i].i] : &a->v[ops[i].i]);
}

int cq_udiff(cq_buf *out, const char *old_name, const char *new_name, const char *a,
	     size_t an, const char *b, size_t bn)
{
	enum { CONTEXT = 3 };
	lines la = {0}, lb = {0};
	size_t nops = 0, i, start;
	op *ops = NULL;
	int rc = -1, header = 0;

	if (split(&la, a, an) < 0 || split(&lb, b, bn) < 0 || !(ops = script(&la, &lb, &nops)))
		goto done;
	for (i = 0; i < nops;) {
		size_t end, keep;

		if (ops[i].kind == ' ') {
			i++;
			continue;
		}
		start = i > CONTEXT ? i - CONTEXT : 0;
		/* Extend over changes closer than two contexts apart. */
		for (end = i; end < nops;) {
			for (keep = 0; end + keep < nops && ops[end + keep].kind == ' '; keep++)
				;
			if (end + keep >= nops || keep > 2 * CONTEXT) {
				end += keep < CONTEXT ? keep : CONTEXT;
				break;
			}
			end += keep;
			while (end < nops && ops[end].kind != ' ')
				end++;
		}
		if (!header++)
			cq_buf_printf(out, "--- a/%s\n+++ b/%s\n", old_name, new_name);
		hunk(out, ops, start, end, &la, &lb);
		i = end;
	}
	rc = out->failed ? -1 : 0;
done:
	free(ops);
	free(la.v);
	free(lb.v);
	return rc;
}
