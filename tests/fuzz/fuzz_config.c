/* libFuzzer target: courseq.yaml. The bytes are written as courseq.yaml
 * in a temporary course folder (one with src/content/course, made once)
 * and cq_config_load reads it from there. The folder is made under
 * $TMPDIR, so a long TMPDIR tests long paths in messages. A config that
 * loads then checks a fixed lesson against its schema, the one way a
 * fuzzed schema (types, enums, required) reaches cq_schema_check. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A value of every type the schema knows, under keys a schema may name. */
static const char lesson[] =
	"---\n"
	"title: \"A lesson\"\n"
	"description: null\n"
	"order: 3\n"
	"estimatedTime: 1.5\n"
	"draft: true\n"
	"difficulty: beginner\n"
	"topics: [a, b]\n"
	"prerequisites: [module-1/01-intro]\n"
	"published: 2024-01-31\n"
	"extra: {a: 1}\n"
	"---\n"
	"# Heading\n";

static char dir[4096];
static char file[4200];

static void mkdir_or_die(const char *path)
{
	if (mkdir(path, 0700) != 0) {
		perror(path);
		abort();
	}
}

static void remove_course(void)
{
	static const char *const parts[] = {"/courseq.yaml", "/src/content/course",
					    "/src/content", "/src", ""};
	char path[4200];
	size_t i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", dir, parts[i]);
		(void)remove(path);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char path[4200];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/courseq-fuzz-config-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		abort();
	}
	snprintf(path, sizeof(path), "%s/src", dir);
	mkdir_or_die(path);
	snprintf(path, sizeof(path), "%s/src/content", dir);
	mkdir_or_die(path);
	snprintf(path, sizeof(path), "%s/src/content/course", dir);
	mkdir_or_die(path);
	snprintf(file, sizeof(file), "%s/courseq.yaml", dir);
	atexit(remove_course);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(file, "wb");
	cq_config c;
	/* On the heap, so ASan sees a message written past its end. */
	size_t errlen = 512;
	char *err = malloc(errlen);

	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(file);
		abort();
	}
	if (!err)
		return 0;
	err[0] = '\0';
	if (cq_config_load(&c, dir, NULL, err, errlen) == 0) {
		cq_parse_options opt = {c.slugs, &c.schema};
		cq_lesson_facts facts;

		(void)cq_lesson_parse(&facts, lesson, sizeof(lesson) - 1, &opt);
		cq_lesson_facts_free(&facts);
	}
	cq_config_free(&c);
	free(err);
	return 0;
}
