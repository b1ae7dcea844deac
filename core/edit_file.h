/* One file of an edit: its text as read, the spans to replace in it, and
 * how its new version is written. */
#ifndef COURSEQ_EDIT_FILE_H
#define COURSEQ_EDIT_FILE_H

#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "courseq.h"
#include "lesson.h"

typedef struct cq_span {
	size_t start, end;
	char *text;
} cq_span;

typedef struct cq_efile {
	courseq_db *db;
	int64_t key;
	char *path;     /* absolute */
	char *rel;      /* relative to the course root, for messages and diffs */
	char *new_path; /* absolute, when moved */
	char *new_rel;
	char *src;
	size_t len, body;
	uint64_t hash;
	mode_t mode;
	cq_lesson_facts facts; /* the parse of src: frontmatter positions */
	cq_span *spans;
	size_t nspans, cap;
	char *temp; /* the new version, written beside its target */
} cq_efile;

typedef enum cq_value_kind {
	CQ_VALUE_STRING, /* text, quoted as the old value was (or as needed) */
	CQ_VALUE_PLAIN,  /* a number or boolean, written as is */
	CQ_VALUE_LIST    /* a list of strings */
} cq_value_kind;

/* Reads the lesson's file; COURSEQ_ESTALE when it is not what the index
 * holds. */
int cq_efile_open(cq_efile **out, courseq_db *db, const courseq_lesson *l);
void cq_efile_free(cq_efile *f);

int cq_efile_span(cq_efile *f, size_t start, size_t end, const char *text);
int cq_efile_set(cq_efile *f, const char *key, cq_value_kind kind, const char *text,
		 const char *const *items, size_t n);
int cq_efile_remove(cq_efile *f, const char *key);
int cq_efile_rewrite_link(cq_efile *f, int seq, const char *url);
int cq_efile_move(cq_efile *f, const char *new_path);
int cq_efile_diff(cq_efile *f, cq_buf *out);

/* The commit's steps: the file is unchanged; its new version is in a
 * temporary file beside the target; the temporary file replaces the target
 * (and a moved file's old path goes); or the temporary file goes. */
int cq_efile_check(cq_efile *f);
int cq_efile_write_temp(cq_efile *f);
int cq_efile_install(cq_efile *f);
void cq_efile_discard(cq_efile *f);

/* Temporary files of commits that never finished start with this. */
#define CQ_EDIT_TEMP_PREFIX ".courseq-edit-"

#endif
