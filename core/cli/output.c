/* Printing results: JSON strings, and rows as a table, TSV or JSON. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void out_json_string(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

size_t out_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void json_value(FILE *f, courseq_rows *rows, int col)
{
	switch (courseq_rows_type(rows, col)) {
	case COURSEQ_NULL: fputs("null", f); break;
	case COURSEQ_INTEGER:
	case COURSEQ_FLOAT: fputs(courseq_rows_text(rows, col), f); break;
	default: out_json_string(f, courseq_rows_text(rows, col)); break;
	}
}

static int rows_json(const cli *c, courseq_rows *rows)
{
	int n = courseq_rows_columns(rows), rc, i, first = 1;

	fputc('[', stdout);
	while ((rc = courseq_rows_next(rows)) == COURSEQ_OK) {
		fputs(first ? "\n  {" : ",\n  {", stdout);
		first = 0;
		for (i = 0; i < n; i++) {
			if (i)
				fputs(", ", stdout);
			out_json_string(stdout, courseq_rows_name(rows, i));
			fputs(": ", stdout);
			json_value(stdout, rows, i);
		}
		fputc('}', stdout);
	}
	fputs(first ? "]\n" : "\n]\n", stdout);
	return rc == COURSEQ_ITEROVER ? EXIT_OK : cli_api_error(c);
}

void out_table_init(out_table *t, int ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

int out_table_add(out_table *t, const char *cell)
{
	char *copy = strdup(cell ? cell : ""), *p;

	if (!copy)
		return -1;
	for (p = copy; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	if (t->n == t->cap) {
		char **more = realloc(t->cells, (t->cap = t->cap ? 2 * t->cap : 64) * sizeof(*more));

		if (!more) {
			free(copy);
			return -1;
		}
		t->cells = more;
	}
	t->cells[t->n++] = copy;
	return 0;
}

/* Aligned columns for people, or tab-separated values; numbers could be
 * right-aligned, but ids and titles read better all left. */
void out_table_print(const out_table *t, out_format fmt)
{
	size_t *width = calloc((size_t)t->ncols + 1, sizeof(*width)), i;
	int c;

	for (i = 0; width && i < t->n; i++) {
		size_t w = out_width(t->cells[i]);

		if (w > width[i % (size_t)t->ncols])
			width[i % (size_t)t->ncols] = w;
	}
	for (i = 0; i < t->n; i++) {
		c = (int)(i % (size_t)t->ncols);
		if (fmt == OUT_TSV || !width) {
			printf("%s%s", c ? "\t" : "", t->cells[i]);
		} else {
			size_t w = out_width(t->cells[i]);

			fputs(t->cells[i], stdout);
			if (c < t->ncols - 1)
				for (; w < width[c] + 2; w++)
					putchar(' ');
		}
		if (c == t->ncols - 1)
			putchar('\n');
	}
	free(width);
}

void out_table_free(out_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* Rows are gathered first: column widths need all of them. */
static int rows_table(const cli *c, courseq_rows *rows, out_format fmt)
{
	int n = courseq_rows_columns(rows), rc = COURSEQ_ITEROVER, i, oom = 0;
	out_table t;

	out_table_init(&t, n);
	/* Names are copied now: stepping may re-prepare the statement. */
	for (i = 0; i < n; i++)
		oom |= out_table_add(&t, courseq_rows_name(rows, i)) < 0;
	while (!oom && (rc = courseq_rows_next(rows)) == COURSEQ_OK)
		for (i = 0; i < n; i++)
			oom |= out_table_add(&t, courseq_rows_text(rows, i)) < 0;
	if (!oom && rc == COURSEQ_ITEROVER)
		out_table_print(&t, fmt);
	out_table_free(&t);
	if (oom)
		return cli_error("out of memory");
	return rc == COURSEQ_ITEROVER ? EXIT_OK : cli_api_error(c);
}

int out_rows(const cli *c, courseq_rows *rows, out_format fmt)
{
	return fmt == OUT_JSON ? rows_json(c, rows) : rows_table(c, rows, fmt);
}

int cli_query(const cli *c, courseq_rows **out, const char *sql, int nparams, ...)
{
	va_list ap;
	int i;

	if (courseq_query(out, c->db, sql) != COURSEQ_OK)
		return cli_api_error(c);
	va_start(ap, nparams);
	for (i = 1; i <= nparams; i++)
		courseq_rows_bind_text(*out, i, va_arg(ap, const char *));
	va_end(ap);
	return EXIT_OK;
}

const char *out_minutes(char *buf, size_t n, double minutes)
{
	long m = (long)(minutes + 0.5);

	if (minutes < 0)
		snprintf(buf, n, "?");
	else if (m >= 60)
		snprintf(buf, n, "%ld h %02ld min", m / 60, m % 60);
	else
		snprintf(buf, n, "%ld min", m);
	return buf;
}
