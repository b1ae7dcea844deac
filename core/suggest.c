#include "suggest.h"

#include <stdlib.h>
#include <string.h>

/* Levenshtein distance, giving up (returning max + 1) as soon as every
 * entry of a row exceeds max: most candidates are rejected in a few rows.
 * With prefix, the distance from a to the nearest prefix of b: what was
 * typed of a longer name, typo included. */
static size_t distance_upto(const char *a, size_t n, const char *b, size_t m, size_t max,
			    size_t *row, int prefix)
{
	size_t i, j, best_end;

	if ((n > m ? n - m : prefix ? 0 : m - n) > max)
		return max + 1;
	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		size_t diag = row[0], low;

		row[0] = i;
		low = row[0];
		for (j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
			if (best < low)
				low = best;
		}
		if (low > max)
			return max + 1;
	}
	best_end = row[m];
	for (j = 0; prefix && j < m; j++)
		if (row[j] < best_end)
			best_end = row[j];
	return best_end;
}

size_t cq_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), d;
	size_t *row = malloc((m + 1) * sizeof(*row));

	if (!row)
		return (size_t)-1;
	d = distance_upto(a, n, b, m, n > m ? n : m, row, 0);
	free(row);
	return d;
}

static size_t nearest(const char *query, const char *const *candidates, size_t n, size_t *out,
		      size_t max, int prefix)
{
	size_t qn = strlen(query), limit = qn / (prefix ? 6 : 3), count = 0, cap = 0, i, k;
	size_t *dist = malloc((max + 1) * sizeof(*dist)), *row = NULL;

	/* A prefix is near more easily: it is held to half the distance. */
	if (limit < 2 - (size_t)prefix)
		limit = 2 - (size_t)prefix;
	for (i = 0; dist && i < n; i++) {
		size_t cn = strlen(candidates[i]), d;

		if (cn + 1 > cap) {
			free(row);
			row = malloc((cap = 2 * cn + 64) * sizeof(*row));
			if (!row)
				break;
		}
		d = distance_upto(query, qn, candidates[i], cn, limit, row, prefix);
		if (d > limit)
			continue;
		/* Insertion into the short list, nearest first. */
		for (k = count; k > 0 && dist[k - 1] > d; k--)
			if (k < max) {
				dist[k] = dist[k - 1];
				out[k] = out[k - 1];
			}
		if (k < max) {
			dist[k] = d;
			out[k] = i;
			if (count < max)
				count++;
		}
	}
	/* Far behind the best one, a candidate is noise. */
	while (count > 1 && dist[count - 1] > dist[0] + 2)
		count--;
	free(row);
	free(dist);
	return count;
}

size_t cq_suggest(const char *query, const char *const *candidates, size_t n, size_t *out,
		  size_t max)
{
	return nearest(query, candidates, n, out, max, 0);
}

size_t cq_suggest_typed(const char *query, const char *const *candidates, size_t n,
			size_t *out, size_t max)
{
	size_t k = nearest(query, candidates, n, out, max, 0);

	return k ? k : nearest(query, candidates, n, out, max, 1);
}
