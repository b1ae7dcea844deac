/* Reading and parsing lesson files on a second thread while the calling
 * thread writes the index: the two halves of a refresh take about as long
 * as each other, and a machine has more than one core. */
#ifndef COURSEQ_PARSE_QUEUE_H
#define COURSEQ_PARSE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "lesson.h"

/* The files to read, as the walk found them (no copy a file), and the hex
 * hash each had when indexed (old_hashes[i]; NULL: it was not; the array
 * is NULL when none was). The worker thread reads them until cq_parse_all
 * returns. */
typedef struct cq_parse_files {
	const struct cq_file *files;
	size_t n;
	const char *const *old_hashes;
} cq_parse_files;

/* A file being read and parsed. Only a window of these exists at a time,
 * however many files there are: each is large (the facts inline). */
typedef struct cq_parse_job {
	size_t index;         /* of the file among the caller's */
	const char *old_hash; /* hex hash it had when indexed, or NULL */
	/* Filled by the worker: */
	int err;       /* errno when the file could not be read, else 0 */
	int unchanged; /* the content hash equals old_hash: not parsed */
	int failed;    /* out of memory while parsing */
	uint64_t hash;
	char *src;
	size_t len;
	cq_lesson_facts facts; /* when parsed */
	int parsed;
} cq_parse_job;

/* Called on the calling thread for each job, in order, once the worker is
 * done with it; returns 0 to go on. The job's text and facts are freed
 * after it returns. */
typedef int (*cq_parse_consumer)(void *ctx, cq_parse_job *job);

struct cq_config;
struct cq_course;

/* What the worker needs: how to parse, what to check links against
 * (course may be NULL: links are then not checked), and the content root
 * the files are under, open. */
typedef struct cq_parse_setup {
	cq_parse_options opt;
	const struct cq_config *cfg;
	const struct cq_course *course;
	int content;
} cq_parse_setup;

/* Reads, parses and checks the links of every file (a bounded number ahead
 * of the consumer, in a fixed ring of jobs, so memory does not grow with
 * the course) and hands each to consume, in order. Returns the first
 * non-zero value consume returned, or 0. */
int cq_parse_all(const cq_parse_files *files, const cq_parse_setup *setup,
		 cq_parse_consumer consume, void *ctx);

#endif
