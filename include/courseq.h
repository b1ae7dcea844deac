/* courseq: a content database for courses written as MDX lessons.
 *
 * courseq indexes every lesson of a course (frontmatter, prerequisites,
 * headings, links, components) into SQLite and answers questions about it.
 * The lesson files are the truth; the index is a cache that
 * courseq_db_refresh() brings up to date.
 *
 * Conventions (as in libgit2 and SQLite):
 * - A function that can fail returns 0 or a negative COURSEQ_E* code; its
 *   out-parameter comes first. The text of the last error is kept on the
 *   handle: courseq_errmsg(db).
 * - Every _open/_new has a _close/_free that accepts NULL.
 * - Strings are UTF-8 and NUL-terminated. Unless said otherwise, a returned
 *   string belongs to the object it came from and lives until that object
 *   changes or is freed.
 * - Iterators: courseq_*_next(&item, it) returns 0 with an item,
 *   COURSEQ_ITEROVER at the end, or an error.
 * - Objects made from a handle (lessons, iterators, paths, rows, edits)
 *   are freed before the handle is closed.
 * - Threads: a handle and what is made from it are used by one thread at
 *   a time. Any number of handles, in threads or processes, may share one
 *   course and its index: readers see a consistent snapshot, writers take
 *   turns.
 */
#ifndef COURSEQ_H
#define COURSEQ_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && defined(COURSEQ_BUILDING)
#define COURSEQ_API __attribute__((visibility("default")))
#else
#define COURSEQ_API
#endif

#define COURSEQ_VERSION_MAJOR 0
#define COURSEQ_VERSION_MINOR 1
#define COURSEQ_VERSION_PATCH 0
#define COURSEQ_VERSION_STRING "0.1.0"

/* Return codes. */
#define COURSEQ_OK 0
#define COURSEQ_ERROR (-1)      /* a failure described by courseq_errmsg */
#define COURSEQ_ENOMEM (-2)     /* out of memory */
#define COURSEQ_ENOTFOUND (-3)  /* no such lesson, course or file */
#define COURSEQ_EAMBIGUOUS (-4) /* an id prefix matches several lessons */
#define COURSEQ_EPARSE (-5)     /* a config, SQL text or input did not parse */
#define COURSEQ_EIO (-6)        /* reading or writing a file failed */
#define COURSEQ_EDB (-7)        /* the index database failed */
#define COURSEQ_EREADONLY (-8)  /* a query tried to write */
#define COURSEQ_ESTALE (-9)     /* a file changed since it was indexed */
#define COURSEQ_EINVALID (-10)  /* an argument is not acceptable */
#define COURSEQ_ITEROVER (-31)  /* an iterator has no more items */

/* The library's version, "MAJOR.MINOR.PATCH". */
COURSEQ_API const char *courseq_version(void);

/* ---- opening a course ---- */

typedef struct courseq_db courseq_db;

typedef struct courseq_options {
	/* Directory to start from; NULL: the current directory. courseq.yaml
	 * is looked for here and in its parents. */
	const char *dir;
	/* The index file; NULL: .courseq/index.db beside courseq.yaml (or at
	 * the site root when there is none). */
	const char *db_path;
	/* COURSEQ_OPEN_* flags. */
	unsigned flags;
} courseq_options;

/* Do not refresh the index when opening: the caller will (it may be stale
 * or empty until then). */
#define COURSEQ_OPEN_NO_REFRESH 0x1u
/* Answer from the index as it is, even if stale; refresh only when it was
 * just made (an empty index would answer wrongly). */
#define COURSEQ_OPEN_STALE_OK 0x2u

/* Opens the course found from opts->dir (opts may be NULL), creating or
 * rebuilding its index as needed, and refreshes it unless asked not to.
 * On failure *out still holds a handle (or NULL when out of memory) whose
 * courseq_errmsg() says why; close it with courseq_db_close(). */
COURSEQ_API int courseq_db_open(courseq_db **out, const courseq_options *opts);

/* Closes the handle and everything it owns. NULL is fine. */
COURSEQ_API void courseq_db_close(courseq_db *db);

/* The message of the last failure on this handle; "" when there is none,
 * "out of memory" for a NULL handle. Valid until the next call on db. */
COURSEQ_API const char *courseq_errmsg(const courseq_db *db);

/* The folder the course's paths are relative to (the folder of
 * courseq.yaml, or the site root), the content root and the index file:
 * absolute paths owned by db. */
COURSEQ_API const char *courseq_db_root(const courseq_db *db);
COURSEQ_API const char *courseq_db_content_root(const courseq_db *db);
COURSEQ_API const char *courseq_db_index_path(const courseq_db *db);

typedef struct courseq_refresh_stats {
	unsigned lessons;   /* lessons in the index afterwards */
	unsigned parsed;    /* files read and parsed */
	unsigned unchanged; /* files skipped: same size and time, or same hash */
	unsigned removed;   /* lessons whose file is gone */
	double seconds;     /* wall time of the refresh, and of its phases: */
	double seconds_walk;    /* finding the files and what the index knows */
	double seconds_parse;   /* reading, parsing and writing changed lessons */
	double seconds_analyze; /* links, prerequisites, order, files */
	double seconds_commit;  /* making it durable */
} courseq_refresh_stats;

/* Rebuild everything instead of only what changed. */
#define COURSEQ_REFRESH_FULL 0x1u

/* Brings the index up to date with the files: reads only files whose size
 * or modification time changed, re-parses only those whose content hash
 * changed, drops lessons whose file is gone. One transaction. stats may be
 * NULL. */
COURSEQ_API int courseq_db_refresh(courseq_db *db, unsigned flags,
				   courseq_refresh_stats *stats);

/* ---- lessons ---- */

typedef struct courseq_lesson courseq_lesson;

/* Finds a lesson by canonical id (07-module-7/04-multi-database-
 * architecture), alias (module-7/04-...), file path, or a unique prefix
 * of either at segment level (module-7/04). COURSEQ_ENOTFOUND and
 * COURSEQ_EAMBIGUOUS leave a message naming the nearest ids or the
 * candidates. Free the lesson with courseq_lesson_free(). */
COURSEQ_API int courseq_lesson_lookup(courseq_lesson **out, courseq_db *db,
				      const char *ref);
COURSEQ_API void courseq_lesson_free(courseq_lesson *lesson);

/* The lesson's fields; strings owned by the lesson. title, description
 * and difficulty are NULL when the frontmatter lacks them; order,
 * estimated_time and module are -1 when unknown. */
COURSEQ_API const char *courseq_lesson_id(const courseq_lesson *lesson);
COURSEQ_API const char *courseq_lesson_alias(const courseq_lesson *lesson);
COURSEQ_API const char *courseq_lesson_path(const courseq_lesson *lesson);
/* Where the site serves the lesson: the config's base, then its route with
 * the id (/docs/course/07-module-7/04-multi-database-architecture). */
COURSEQ_API const char *courseq_lesson_url(const courseq_lesson *lesson);
COURSEQ_API const char *courseq_lesson_title(const courseq_lesson *lesson);
COURSEQ_API const char *courseq_lesson_description(const courseq_lesson *lesson);
COURSEQ_API const char *courseq_lesson_difficulty(const courseq_lesson *lesson);
COURSEQ_API int courseq_lesson_module(const courseq_lesson *lesson);
COURSEQ_API double courseq_lesson_order(const courseq_lesson *lesson);
COURSEQ_API double courseq_lesson_estimated_time(const courseq_lesson *lesson);
/* The frontmatter as a JSON object. */
COURSEQ_API const char *courseq_lesson_frontmatter(const courseq_lesson *lesson);

/* Everything courseq knows of the lesson as one JSON object: id, alias,
 * path, frontmatter, headings, links, imports, components, code, tables,
 * diagrams, callouts, diagnostics (the `courseq show --json` contract).
 * *out is malloc'd; the caller frees it with courseq_free(). */
COURSEQ_API int courseq_lesson_json(char **out, courseq_db *db,
				    const courseq_lesson *lesson);

typedef struct courseq_filter {
	int module;             /* -1 or 0: any */
	const char *difficulty; /* NULL: any */
	const char *topic;      /* NULL: any */
} courseq_filter;

typedef struct courseq_lesson_iter courseq_lesson_iter;

/* Iterates over the lessons matching filter (NULL: all), in course order.
 * Each lesson returned by _next belongs to the iterator and lives until the
 * next call. */
COURSEQ_API int courseq_lessons(courseq_lesson_iter **out, courseq_db *db,
				const courseq_filter *filter);
COURSEQ_API int courseq_lessons_next(const courseq_lesson **out,
				     courseq_lesson_iter *it);
COURSEQ_API void courseq_lessons_free(courseq_lesson_iter *it);

/* ---- prerequisites and learning paths ---- */

typedef struct courseq_path courseq_path;

/* One lesson of a learning path (or of a list of dependents). Strings are
 * owned by the path and live until it is freed. */
typedef struct courseq_step {
	const char *id;         /* lesson id; for a missing lesson, as written */
	const char *alias;      /* NULL when missing */
	const char *title;      /* NULL when missing or untitled */
	const char *difficulty; /* NULL when missing or not given */
	double minutes;         /* estimatedTime; -1 when unknown */
	double total;           /* minutes of this step and all before it */
	int module;             /* module number; -1 when missing */
	int missing;            /* a prerequisite that names no lesson */
	int target;             /* one of the lessons asked for */
	const char *required_by; /* for a missing one: the lesson naming it */
} courseq_step;

/* Only the direct prerequisites (or dependents), not all of them. */
#define COURSEQ_PATH_DIRECT 0x1u

/* The learning path that reaches every lesson in targets: all of their
 * prerequisites, transitively, each after its own prerequisites, ties in
 * course order (module, then order); the targets come after what they
 * need. Lessons in known, and everything they require, are left out.
 * Missing prerequisites appear as steps with missing set, before the
 * lesson naming them; a prerequisite cycle is broken at the edge `courseq
 * check` reports. References are looked up as courseq_lesson_lookup does. */
COURSEQ_API int courseq_path_new(courseq_path **out, courseq_db *db,
				 const char *const *targets, size_t ntargets,
				 const char *const *known, size_t nknown, unsigned flags);

/* The lessons that require ref: directly, or with flags 0 transitively
 * (everything a change to ref can affect), in course order. */
COURSEQ_API int courseq_dependents_new(courseq_path **out, courseq_db *db, const char *ref,
				       unsigned flags);

/* Steps in order: 0, or COURSEQ_ITEROVER after the last. */
COURSEQ_API int courseq_path_next(const courseq_step **out, courseq_path *path);
COURSEQ_API size_t courseq_path_count(const courseq_path *path);
/* The sum of the steps' minutes. */
COURSEQ_API double courseq_path_minutes(const courseq_path *path);
COURSEQ_API void courseq_path_free(courseq_path *path);

#define COURSEQ_GRAPH_MERMAID 0
#define COURSEQ_GRAPH_DOT 1

/* The prerequisite graph as Mermaid (a flowchart an author can paste into
 * a lesson) or Graphviz DOT: lessons grouped by module, an arrow from each
 * prerequisite to the lesson needing it, broken edges (missing lessons,
 * cycles, forward prerequisites) drawn distinctly. modules (module numbers
 * or folder names; NULL/0: all) limits the lessons shown to those modules
 * and their direct prerequisites. *out is malloc'd: courseq_free() it. */
COURSEQ_API int courseq_graph(char **out, courseq_db *db, const char *const *modules,
			      size_t nmodules, int format);

/* ---- edits ---- */

typedef struct courseq_edit courseq_edit;

/* A set of changes to lesson files, made all at once by commit or not at
 * all. Each change is a replacement of bytes in a file as the index read
 * it: every byte not meant to change stays as it was (quoting, key order,
 * comments, line endings). A lesson whose file changed since it was indexed
 * cannot be edited (COURSEQ_ESTALE: refresh and compute the edit again). */
COURSEQ_API int courseq_edit_new(courseq_edit **out, courseq_db *db);
COURSEQ_API void courseq_edit_free(courseq_edit *edit);

/* Sets a frontmatter key of lesson. Only the value's bytes change: a
 * quoted value stays quoted the same way, a list stays flow ([a, b]) or
 * block (- a) with its indentation. A new key is added before the closing
 * ---. */
COURSEQ_API int courseq_edit_set_string(courseq_edit *edit, const char *lesson,
					const char *key, const char *value);
COURSEQ_API int courseq_edit_set_number(courseq_edit *edit, const char *lesson,
					const char *key, double value);
COURSEQ_API int courseq_edit_set_bool(courseq_edit *edit, const char *lesson,
				      const char *key, int value);
COURSEQ_API int courseq_edit_set_list(courseq_edit *edit, const char *lesson,
				      const char *key, const char *const *items, size_t n);
/* Removes a frontmatter key and its value (the lines they are on). */
COURSEQ_API int courseq_edit_remove(courseq_edit *edit, const char *lesson, const char *key);

/* Replaces the URL of a link (its seq, as `courseq links --json` and the
 * lesson's record list it): a body link, a JSX href or src, an import
 * source or a prerequisite. COURSEQ_EINVALID when the URL is not written as
 * it reads (escapes): such a link has to be edited by hand. */
COURSEQ_API int courseq_edit_rewrite_link(courseq_edit *edit, const char *lesson, int seq,
					  const char *url);

/* Replaces bytes [start, end) of the lesson's file with text. The bytes are
 * those of courseq_edit_source. */
COURSEQ_API int courseq_edit_replace(courseq_edit *edit, const char *lesson, size_t start,
				     size_t end, const char *text);

/* The lesson's file as the edit read it: *out is owned by edit and lives
 * until it is freed. *body is the offset where the body (after the
 * frontmatter) starts. */
COURSEQ_API int courseq_edit_source(const char **out, size_t *len, size_t *body,
				    courseq_edit *edit, const char *lesson);

/* Moves the lesson's file to new_path, relative to the content root (a
 * .md or .mdx file that does not exist yet; folders are made). */
COURSEQ_API int courseq_edit_move(courseq_edit *edit, const char *lesson, const char *new_path);

/* The unified diff of every change. *out is malloc'd: courseq_free() it. */
COURSEQ_API int courseq_edit_diff(char **out, courseq_edit *edit);

/* Only check that the commit could be made; write nothing. */
#define COURSEQ_EDIT_DRY_RUN 0x1u

/* Makes every change at once: refuses (COURSEQ_ESTALE) if any file changed
 * since the edit read it; writes each new file to a temporary file beside
 * it, syncs, then renames them all into place, so a failure (or a crash)
 * before the renames changes nothing and each file is always either old or
 * new; then refreshes the index. The edit is empty afterwards. */
COURSEQ_API int courseq_edit_commit(courseq_edit *edit, unsigned flags);

/* ---- rows: queries and searches ---- */

typedef struct courseq_rows courseq_rows;

/* Runs sql (one statement) read-only against the index: statements that
 * write, ATTACH, and pragmas that change anything are refused with
 * COURSEQ_EREADONLY. Bind parameters with courseq_rows_bind_text before
 * the first courseq_rows_next. */
COURSEQ_API int courseq_query(courseq_rows **out, courseq_db *db, const char *sql);

/* Full-text search of the lessons (SQLite FTS5 syntax; plain words match
 * lessons holding all of them). Columns: id, title, snippet, rank (lower
 * is better; comparable within one search). limit <= 0: every hit. */
COURSEQ_API int courseq_search(courseq_rows **out, courseq_db *db, const char *text,
			       int limit);

typedef struct courseq_check_filter {
	const char *const *codes; /* only these diagnostic codes; NULL or none: all */
	size_t ncodes;
	const char *module;       /* only lessons of this module (7, module-7, 07-module-7) */
	const char *path_glob;    /* only paths matching this glob (SQLite GLOB) */
} courseq_check_filter;

/* The problems in the course, sorted by path, line and column: every
 * diagnostic the last refresh found (link integrity, prerequisites,
 * frontmatter against the schema, MDX syntax, components, course order).
 * Columns: path, line, column, severity, code, message, lesson (the
 * lesson id, NULL for a file that is not one), link (the seq of the link
 * or prerequisite it is about, NULL when none). filter may be NULL. */
COURSEQ_API int courseq_diagnostics(courseq_rows **out, courseq_db *db,
				    const courseq_check_filter *filter);

/* What a diagnostic code means, in one line; NULL for an unknown code. */
COURSEQ_API const char *courseq_code_help(const char *code);

/* Every diagnostic code, NULL-terminated, for documentation and tools. */
COURSEQ_API const char *const *courseq_codes(void);

/* Binds a text value to 1-based parameter i; NULL binds NULL. */
COURSEQ_API int courseq_rows_bind_text(courseq_rows *rows, int i, const char *value);
COURSEQ_API int courseq_rows_bind_int(courseq_rows *rows, int i, int64_t value);
COURSEQ_API int courseq_rows_bind_double(courseq_rows *rows, int i, double value);
/* Binds n bytes (which may hold NULs) as a BLOB; NULL binds NULL. */
COURSEQ_API int courseq_rows_bind_blob(courseq_rows *rows, int i, const void *value, size_t n);

/* Steps to the next row: 0, COURSEQ_ITEROVER, or an error. */
COURSEQ_API int courseq_rows_next(courseq_rows *rows);
/* The number of columns, and the name of column col (0-based); a name is
 * valid until the next courseq_rows_next (copy it to keep it). */
COURSEQ_API int courseq_rows_columns(const courseq_rows *rows);
COURSEQ_API const char *courseq_rows_name(const courseq_rows *rows, int col);

#define COURSEQ_NULL 0
#define COURSEQ_INTEGER 1
#define COURSEQ_FLOAT 2
#define COURSEQ_TEXT 3
#define COURSEQ_BLOB 4

/* The current row's value in col (0-based): its type and its text (NULL
 * for NULL), valid until the next courseq_rows_next. */
COURSEQ_API int courseq_rows_type(const courseq_rows *rows, int col);
COURSEQ_API const char *courseq_rows_text(const courseq_rows *rows, int col);
/* The value's bytes, which may hold NULs (a BLOB): *len gets their number.
 * NULL for NULL. Valid until the next courseq_rows_next. */
COURSEQ_API const void *courseq_rows_blob(const courseq_rows *rows, int col, size_t *len);
COURSEQ_API int64_t courseq_rows_int(const courseq_rows *rows, int col);
COURSEQ_API double courseq_rows_double(const courseq_rows *rows, int col);
COURSEQ_API void courseq_rows_free(courseq_rows *rows);

/* Parses the YAML frontmatter of any Markdown file (a lesson, a planning
 * document) into a JSON object, "{}" when it has none. *out is malloc'd:
 * courseq_free() it. On failure (COURSEQ_EIO, COURSEQ_EPARSE) err, when not
 * NULL, receives "path:line:col: message". */
COURSEQ_API int courseq_frontmatter_json(char **out, const char *path, char *err, size_t errlen);

/* Frees memory the library gave to the caller. */
COURSEQ_API void courseq_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
