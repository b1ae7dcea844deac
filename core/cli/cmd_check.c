/* courseq check: every problem in the course, for people, editors, CI and
 * GitHub code scanning. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef enum fmt { F_TEXT, F_JSON, F_SARIF, F_GITHUB } fmt;

typedef struct check_opts {
	fmt format;
	int strict;
	char *codes[64];
	size_t ncodes;
	const char *module, *glob;
} check_opts;

static int on_opt(cli *c, int opt, const char *arg, void *user)
{
	check_opts *o = user;
	const char *p;

	switch (opt) {
	case 'f':
		if (strcmp(arg, "text") == 0)
			o->format = F_TEXT;
		else if (strcmp(arg, "json") == 0)
			o->format = F_JSON;
		else if (strcmp(arg, "sarif") == 0)
			o->format = F_SARIF;
		else if (strcmp(arg, "github") == 0)
			o->format = F_GITHUB;
		else
			return cli_usage(c, "check: --format is text, json, sarif or github, not '%s'", arg);
		return 0;
	case 's': o->strict = 1; return 0;
	case 'm': o->module = arg; return 0;
	case 'p': o->glob = arg; return 0;
	case 'o':
		for (p = arg; *p && o->ncodes < 64;) {
			size_t n = strcspn(p, ",");
			char *code = n ? strndup(p, n) : NULL;

			p += n + (p[n] == ',');
			if (!code)
				continue;
			if (!courseq_code_help(code)) {
				int rc = cli_usage(c, "check: '%s' is not a diagnostic code (see courseq check --help)",
						   code);

				free(code);
				return rc;
			}
			o->codes[o->ncodes++] = code;
		}
		return 0;
	default: return EXIT_USAGE;
	}
}

typedef struct diag {
	char *path, *severity, *code, *message, *lesson;
	long line, col;
} diag;

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static int load(const cli *c, const check_opts *o, diag **out, size_t *n)
{
	courseq_check_filter f = {(const char *const *)o->codes, o->ncodes, o->module, o->glob};
	courseq_rows *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (courseq_diagnostics(&rows, c->db, o->ncodes || o->module || o->glob ? &f : NULL) != COURSEQ_OK)
		return cli_api_error(c);
	while ((rc = courseq_rows_next(rows)) == COURSEQ_OK) {
		diag *more = realloc(*out, (*n + 1) * sizeof(*more)), *d;

		if (!more)
			break;
		*out = more;
		d = &more[(*n)++];
		d->path = dup(courseq_rows_text(rows, 0));
		d->line = (long)courseq_rows_int(rows, 1);
		d->col = (long)courseq_rows_int(rows, 2);
		d->severity = dup(courseq_rows_text(rows, 3));
		d->code = dup(courseq_rows_text(rows, 4));
		d->message = dup(courseq_rows_text(rows, 5));
		d->lesson = courseq_rows_text(rows, 6) ? dup(courseq_rows_text(rows, 6)) : NULL;
	}
	courseq_rows_free(rows);
	return rc == COURSEQ_ITEROVER ? EXIT_OK : cli_api_error(c);
}

static void text(const diag *d, size_t n, const size_t *count)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%s:%ld:%ld: %s: %s [%s]\n", d[i].path, d[i].line, d[i].col, d[i].severity,
		       d[i].message, d[i].code);
	printf("%s%zu error%s, %zu warning%s, %zu note%s\n", n ? "\n" : "", count[0],
	       count[0] == 1 ? "" : "s", count[1], count[1] == 1 ? "" : "s", count[2],
	       count[2] == 1 ? "" : "s");
}

static void json_item(const diag *d)
{
	printf("{\"path\": ");
	out_json_string(stdout, d->path);
	printf(", \"line\": %ld, \"column\": %ld, \"severity\": ", d->line, d->col);
	out_json_string(stdout, d->severity);
	printf(", \"code\": ");
	out_json_string(stdout, d->code);
	printf(", \"message\": ");
	out_json_string(stdout, d->message);
	printf(", \"lesson\": ");
	out_json_string(stdout, d->lesson);
	putchar('}');
}

static void json(const diag *d, size_t n)
{
	size_t i;

	putchar('[');
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n  " : "\n  ", stdout);
		json_item(&d[i]);
	}
	puts(n ? "\n]" : "]");
}

/* SARIF 2.1.0, as GitHub code scanning reads it: one run, a rule per code
 * used, a result per diagnostic. */
static void sarif(const diag *d, size_t n)
{
	const char *const *codes = courseq_codes();
	size_t i, k, rules = 0;

	printf("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	       "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {"
	       "\"name\": \"courseq\", \"version\": \"%s\",\n"
	       "      \"informationUri\": \"https://github.com/courseq/courseq\",\n      \"rules\": [",
	       courseq_version());
	for (k = 0; codes[k]; k++) {
		for (i = 0; i < n && strcmp(d[i].code, codes[k]) != 0; i++)
			;
		if (i == n)
			continue;
		printf("%s\n        {\"id\": \"%s\", \"shortDescription\": {\"text\": ", rules++ ? "," : "",
		       codes[k]);
		out_json_string(stdout, courseq_code_help(codes[k]));
		printf("}}");
	}
	printf("]}},\n    \"results\": [");
	for (i = 0; i < n; i++) {
		printf("%s\n      {\"ruleId\": ", i ? "," : "");
		out_json_string(stdout, d[i].code);
		printf(", \"level\": \"%s\", \"message\": {\"text\": ", d[i].severity);
		out_json_string(stdout, d[i].message);
		printf("},\n       \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		out_json_string(stdout, d[i].path);
		printf("}, \"region\": {\"startLine\": %ld, \"startColumn\": %ld}}}]}", d[i].line, d[i].col);
	}
	printf("%s]\n  }]\n}\n", n ? "\n    " : "");
}

/* Workflow commands escape %, CR and LF; properties also ':' and ','. */
static void gh_escape(const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", stdout);
		else if (*s == '\r')
			fputs("%0D", stdout);
		else if (*s == '\n')
			fputs("%0A", stdout);
		else if (property && *s == ':')
			fputs("%3A", stdout);
		else if (property && *s == ',')
			fputs("%2C", stdout);
		else
			putchar(*s);
	}
}

static void github(const diag *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		printf("::%s file=", strcmp(d[i].severity, "note") == 0 ? "notice" : d[i].severity);
		gh_escape(d[i].path, 1);
		printf(",line=%ld,col=%ld,title=", d[i].line, d[i].col);
		gh_escape(d[i].code, 1);
		fputs("::", stdout);
		gh_escape(d[i].message, 0);
		putchar('\n');
	}
}

static void free_diags(diag *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(d[i].path);
		free(d[i].severity);
		free(d[i].code);
		free(d[i].message);
		free(d[i].lesson);
	}
	free(d);
}

static int run(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'}, {"strict", no_argument, NULL, 's'},
		{"only", required_argument, NULL, 'o'},   {"module", required_argument, NULL, 'm'},
		{"path", required_argument, NULL, 'p'},   {0}};
	check_opts o;
	diag *d = NULL;
	size_t n = 0, count[3] = {0, 0, 0}, i;
	int first, rc;

	memset(&o, 0, sizeof(o));
	first = cli_parse(c, &cmd_check, argc, argv, "f:o:m:p:", longopts, on_opt, &o);
	if (first < 0)
		rc = first == -1 ? EXIT_OK : -first;
	else if (first < argc)
		rc = cli_usage(c, "check takes no arguments; narrow it with --only, --module, --path");
	else if ((rc = cli_open(c)) == EXIT_OK)
		rc = load(c, &o, &d, &n);
	if (first >= 0 && c->db && rc == EXIT_OK) {
		for (i = 0; i < n; i++)
			count[d[i].severity[0] == 'e' ? 0 : d[i].severity[0] == 'w' ? 1 : 2]++;
		if (o.format == F_SARIF)
			sarif(d, n);
		else if (o.format == F_GITHUB)
			github(d, n);
		else if (o.format == F_JSON || c->json)
			json(d, n);
		else
			text(d, n, count);
		rc = count[0] || (o.strict && count[1]) ? EXIT_PROBLEMS : EXIT_OK;
	}
	free_diags(d, n);
	for (i = 0; i < o.ncodes; i++)
		free(o.codes[i]);
	return rc;
}

/* The codes, from the library's own list. */
static void codes_help(FILE *f)
{
	const char *const *codes = courseq_codes();
	size_t i;

	fputs("\nCodes (set their severity in courseq.yaml under 'severity:'):\n", f);
	for (i = 0; codes[i]; i++)
		fprintf(f, "  %-26s %s\n", codes[i], courseq_code_help(codes[i]));
}

const cli_command cmd_check = {
	"check", run, "report broken links, anchors, prerequisites, frontmatter and MDX",
	"usage: courseq check [--format text|json|sarif|github] [--strict]\n"
	"                     [--only CODE,...] [--module M] [--path GLOB]\n\n"
	"Reports every problem in the course, one per line as path:line:col:\n"
	"severity: message [code], sorted by path and line, then a count. Exits 1\n"
	"when there are errors (or warnings, with --strict).\n\n"
	"Options:\n"
	"  -f, --format F   text (default), json, sarif (SARIF 2.1.0 for GitHub\n"
	"                   code scanning) or github (workflow annotations)\n"
	"      --strict     warnings fail too\n"
	"  -o, --only CODES only these codes (comma-separated)\n"
	"  -m, --module M   only lessons of module M\n"
	"  -p, --path GLOB  only files matching GLOB\n",
	codes_help};
