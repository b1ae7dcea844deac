/* The courseq command line: shared state, option parsing and output.
 * Uses only the public API (courseq.h). */
#ifndef COURSEQ_CLI_H
#define COURSEQ_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "courseq.h"

/* Exit codes: 0 ok, 1 problems found or an operation failed, 2 usage. */
enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2 };

typedef struct cli {
	const char *dir;     /* -C DIR */
	const char *db_path; /* --db PATH */
	int no_refresh; /* 1: --no-refresh; 2: the command refreshes itself */
	int json;
	const char *command;
	courseq_db *db;
} cli;

typedef struct cli_command {
	const char *name;
	int (*run)(cli *c, int argc, char **argv);
	const char *summary;
	const char *help; /* usage and options, printed by --help */
	void (*more_help)(FILE *f); /* optional: help made at run time */
} cli_command;

/* Parses a command's options: the command's own (long options plus their
 * short letters) and the common ones (-C, --db, --no-refresh, --json,
 * --help). on_opt handles the command's; it returns 0 or EXIT_USAGE.
 * Returns the index of the first operand, or -EXIT_USAGE, or -1 after
 * --help was printed (exit 0). */
typedef int (*cli_opt_fn)(cli *c, int opt, const char *arg, void *user);
int cli_parse(cli *c, const cli_command *cmd, int argc, char **argv, const char *shortopts,
	      const struct option *longopts, cli_opt_fn on_opt, void *user);

/* Opens the course (refreshing it unless --no-refresh). Prints the error
 * and returns EXIT_PROBLEMS on failure. */
int cli_open(cli *c);
void cli_close(cli *c);

/* "courseq: message" on stderr; returns EXIT_PROBLEMS. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error for the command; returns EXIT_USAGE. */
int cli_usage(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The library's message for a failed call; returns EXIT_PROBLEMS. */
int cli_api_error(const cli *c);

/* ---- output ---- */

void out_json_string(FILE *f, const char *s);

typedef enum out_format { OUT_TABLE, OUT_TSV, OUT_JSON } out_format;

/* A table of text cells, filled row by row (ncols cells a row, the first
 * row the header), printed aligned or as TSV. */
typedef struct out_table {
	char **cells;
	size_t n, cap;
	int ncols;
} out_table;

void out_table_init(out_table *t, int ncols);
int out_table_add(out_table *t, const char *cell); /* copies; NULL is "" */
void out_table_print(const out_table *t, out_format fmt);
void out_table_free(out_table *t);

/* "6 h 55 min", "35 min". */
const char *out_minutes(char *buf, size_t n, double minutes);

/* Prints all remaining rows: an aligned table with a header, TSV, or a
 * JSON array of objects. Returns 0, or EXIT_PROBLEMS after an error. */
int out_rows(const cli *c, courseq_rows *rows, out_format fmt);

/* A read-only query with nparams text parameters (each may be NULL).
 * Prints the error and returns EXIT_PROBLEMS on failure. */
int cli_query(const cli *c, courseq_rows **out, const char *sql, int nparams, ...);

/* Display width of UTF-8 text in columns (code points). */
size_t out_width(const char *s);

/* Learning paths (with running time) and lists of lessons, as tables or
 * JSON. argv holds the lessons asked about, for the JSON. */
int print_path(const cli *c, courseq_path *p, const char *title, int argc, char **argv);
int print_lessons(const cli *c, courseq_path *p, const char *title, int argc, char **argv);

extern const cli_command cmd_index, cmd_list, cmd_show, cmd_search, cmd_query, cmd_prereqs,
	cmd_path, cmd_dependents, cmd_graph, cmd_check, cmd_links, cmd_run, cmd_report;

#endif
