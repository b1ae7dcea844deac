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

/* A cell for people: NULL is empty, tabs and newlines become spaces. */
static char *cell(courseq_rows *rows, int col)
{
	const char *t = courseq_rows_text(rows, col);
	char *s = strdup(t ? t : ""), *p;

	for (p = s; p && *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	return s;
}

static void print_padded(const char *s, size_t width, int last)
{
	size_t w = out_width(s);

	fputs(s, stdout);
	if (!last)
		for (; w < width + 2; w++)
			fputc(' ', stdout);
}

static void print_row(char **cells, const size_t *width, int n, out_format fmt)
{
	int i;

	for (i = 0; i < n; i++) {
		if (fmt == OUT_TSV)
			printf("%s%s", i ? "\t" : "", cells[i]);
		else
			print_padded(cells[i], width[i], i == n - 1);
	}
	putchar('\n');
}

/* Rows are gathered first: column widths need all of them. */
static int rows_table(const cli *c, courseq_rows *rows, out_format fmt)
{
	int n = courseq_rows_columns(rows), rc = COURSEQ_ITEROVER, i;
	size_t count = 0, cap = 0, r, *width = calloc((size_t)n + 1, sizeof(*width));
	char **cells = NULL, **head = calloc((size_t)n + 1, sizeof(*head));
	int oom = !width || !head;

	/* Names are copied: stepping may re-prepare the statement, which
	 * frees them. */
	for (i = 0; i < n && !oom; i++) {
		head[i] = strdup(courseq_rows_name(rows, i));
		oom |= !head[i];
		if (head[i])
			width[i] = out_width(head[i]);
	}
	while (!oom && (rc = courseq_rows_next(rows)) == COURSEQ_OK) {
		if (count + (size_t)n > cap) {
			char **more = realloc(cells, (cap = cap ? cap * 2 : 64 * (size_t)n) * sizeof(*cells));

			if (!more) {
				oom = 1;
				break;
			}
			cells = more;
		}
		for (i = 0; i < n; i++) {
			char *v = cells[count + (size_t)i] = cell(rows, i);

			if (v && out_width(v) > width[i])
				width[i] = out_width(v);
			oom |= !v;
		}
		count += (size_t)n;
	}
	if (!oom) {
		print_row(head, width, n, fmt);
		for (r = 0; r < count; r += (size_t)n)
			print_row(cells + r, width, n, fmt);
	}
	for (r = 0; r < count; r++)
		free(cells[r]);
	for (i = 0; head && i < n; i++)
		free(head[i]);
	free(cells);
	free(head);
	free(width);
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
