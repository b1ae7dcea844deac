/* What a learner needs before module-7/04, and the course's problems.
 *
 *     cc example.c $(pkg-config --cflags --libs courseq) -o courseq-example
 *     ./courseq-example [COURSE_DIR [LESSON]]
 *
 * prints the lesson's learning path (id, minutes, running total), as
 * `courseq prereqs` does, then the check results, as `courseq check` does.
 * Exits 1 when the course has errors, like courseq check. The Lua and
 * Python examples beside it print the same text.
 */
#include <stdio.h>
#include <string.h>

#include <courseq.h>

static void minutes(char *out, size_t n, double m)
{
	if (m < 0)
		snprintf(out, n, "?");
	else
		snprintf(out, n, "%g", m);
}

static int print_path(courseq_db *db, const char *target)
{
	courseq_path *path;
	const courseq_step *s;
	const char *targets[1];
	const char *last = target;
	size_t width = strlen("lesson"), lessons = 0, n = 0;
	char min[32], total[32], num[16];
	int rc;

	targets[0] = target;
	rc = courseq_path_new(&path, db, targets, 1, NULL, 0, 0);
	if (rc < 0)
		return rc;
	/* First pass: the id column's width and the heading's figures. */
	while (courseq_path_next(&s, path) == 0) {
		if (strlen(s->id) > width)
			width = strlen(s->id);
		if (!s->missing)
			lessons++;
		last = s->id;
	}
	minutes(min, sizeof(min), courseq_path_minutes(path));
	printf("Learning path to %s (%zu lessons, %s min)\n\n", last, lessons, min);
	printf("%-4s%-*s  %4s  %6s\n", "#", (int)width, "lesson", "min", "total");
	courseq_path_free(path);

	rc = courseq_path_new(&path, db, targets, 1, NULL, 0, 0);
	if (rc < 0)
		return rc;
	while ((rc = courseq_path_next(&s, path)) == 0) {
		if (s->missing)
			snprintf(num, sizeof(num), "!");
		else
			snprintf(num, sizeof(num), "%zu", ++n);
		minutes(min, sizeof(min), s->minutes);
		minutes(total, sizeof(total), s->total);
		printf("%-4s%-*s  %4s  %6s\n", num, (int)width, s->id, min, total);
	}
	courseq_path_free(path);
	return rc == COURSEQ_ITEROVER ? 0 : rc;
}

/* Prints every diagnostic and the count of each severity; *errors gets the
 * number of errors. */
static int print_check(courseq_db *db, int *errors)
{
	static const char *const severities[] = {"error", "warning", "note"};
	courseq_rows *rows;
	int count[3] = {0, 0, 0};
	int rc, k, any = 0;

	printf("\n");
	rc = courseq_diagnostics(&rows, db, NULL);
	if (rc < 0)
		return rc;
	/* Columns: path, line, column, severity, code, message, lesson. */
	while ((rc = courseq_rows_next(rows)) == 0) {
		const char *severity = courseq_rows_text(rows, 3);

		printf("%s:%lld:%lld: %s: %s [%s]\n", courseq_rows_text(rows, 0),
		       (long long)courseq_rows_int(rows, 1), (long long)courseq_rows_int(rows, 2),
		       severity, courseq_rows_text(rows, 5), courseq_rows_text(rows, 4));
		for (k = 0; k < 3; k++)
			if (strcmp(severity, severities[k]) == 0)
				count[k]++;
		any = 1;
	}
	courseq_rows_free(rows);
	if (rc != COURSEQ_ITEROVER)
		return rc;
	if (any)
		printf("\n");
	for (k = 0; k < 3; k++)
		printf("%s%d %s%s", k ? ", " : "", count[k], severities[k], count[k] == 1 ? "" : "s");
	printf("\n");
	*errors = count[0];
	return 0;
}

int main(int argc, char **argv)
{
	courseq_options opts = {0};
	courseq_db *db;
	int rc, errors = 0;

	opts.dir = argc > 1 ? argv[1] : ".";
	rc = courseq_db_open(&db, &opts);
	if (rc == 0)
		rc = print_path(db, argc > 2 ? argv[2] : "module-7/04");
	if (rc == 0)
		rc = print_check(db, &errors);
	if (rc < 0) {
		fprintf(stderr, "courseq: %s\n", courseq_errmsg(db));
		courseq_db_close(db);
		return 2;
	}
	courseq_db_close(db);
	return errors ? 1 : 0;
}
