#include "suggest.h"

#include <stdlib.h>
#include <string.h>

size_t cq_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), i, j;
	size_t *row = malloc((m + 1) * sizeof(*row)), d;

	if (!row)
		return (size_t)-1;
	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[m];
	free(row);
	return d;
}

size_t cq_suggest(const char *query, const char *const *candidates, size_t n,
		  size_t *out, size_t max)
{
	size_t limit = strlen(query) / 3, count = 0, i, k;
	size_t *dist = malloc((max + 1) * sizeof(*dist));

	if (!dist)
		return 0;
	if (limit < 2)
		limit = 2;
	for (i = 0; i < n; i++) {
		size_t d = cq_edit_distance(query, candidates[i]);

		if (d > limit)
			continue;
		/* Insertion into the sorted short list. */
		for (k = count; k > 0 && dist[k - 1] > d; k--) {
			if (k < max) {
				dist[k] = dist[k - 1];
				out[k] = out[k - 1];
			}
		}
		if (k < max) {
			dist[k] = d;
			out[k] = i;
			if (count < max)
				count++;
		}
	}
	free(dist);
	return count;
}
