/* The analyses that look across lessons, run by a refresh after the files
 * are read: link resolution and anchors, the prerequisite graph, course
 * order, and files that links and imports point at. Their results are link
 * statuses and diagnostics in the index, so `courseq check` only reads. */
#ifndef COURSEQ_ANALYZE_H
#define COURSEQ_ANALYZE_H

#include <sqlite3.h>
#include <stdint.h>

#include "arena.h"
#include "config.h"
#include "course.h"
#include "lesson.h"

/* What a refresh changed. */
typedef struct cq_changes {
	int full;        /* everything was rebuilt */
	int added;       /* a lesson appeared (or a file was renamed) */
	cq_vec keys;     /* int64_t: lessons parsed again */
	cq_vec ids;      /* const char *: ids of lessons changed or removed */
	cq_vec removed;  /* const char *: ids of lessons removed */
} cq_changes;

typedef struct cq_analysis {
	sqlite3 *db;
	const cq_config *cfg;
	cq_course course; /* loaded on first use: cq_analysis_course */
	int course_loaded;
	cq_arena arena;
	cq_strmap scope; /* keys of the lessons whose links a refresh touched */
	sqlite3_stmt *diag; /* INSERT INTO diagnostics */
	cq_buf path;        /* a lesson's path, for a diagnostic */
} cq_analysis;

/* Runs every analysis that the changes can affect, inside the refresh's
 * transaction. 0, or -1 (SQLite's message is on the connection). */
int cq_analyze(sqlite3 *db, const cq_config *cfg, const cq_changes *ch);

/* The course in memory, loaded the first time an analysis needs it (a
 * refresh that changed nothing needs it not at all). NULL on failure. */
const cq_course *cq_analysis_course(cq_analysis *an);

/* Records a diagnostic with the severity the config gives the code; link
 * is the seq of the link it is about, or -1. */
int cq_analysis_diag(cq_analysis *an, const cq_lesson_info *l, int link, const char *origin,
		     int line, int col, cq_severity sev, const char *code, const char *msg);

/* The parts, in their own files. */
int cq_resolve_links(cq_analysis *an, const cq_changes *ch);
int cq_check_anchors(cq_analysis *an, const cq_changes *ch);
int cq_check_graph(cq_analysis *an);
int cq_check_order(cq_analysis *an);
int cq_check_files(cq_analysis *an, int lessons_changed);

/* Files that links point at, looked at once each while a refresh stores
 * lessons: a link to one that is there is stored as ok and the file noted
 * among the targets, so cq_check_files is left only the missing ones to
 * report (rewriting the 10,000 links of a full index to the component
 * every lesson imports took 210 ms). */
typedef struct cq_file_targets {
	const cq_config *cfg;
	cq_arena arena;
	cq_strmap seen; /* target -> there */
	sqlite3_stmt *save;
} cq_file_targets;

int cq_file_targets_init(cq_file_targets *ft, sqlite3 *db, const cq_config *cfg);
/* Marks ok f's links to files that are there. 0, or -1. */
int cq_file_targets_settle(cq_file_targets *ft, cq_lesson_facts *f);
void cq_file_targets_free(cq_file_targets *ft);

#endif
