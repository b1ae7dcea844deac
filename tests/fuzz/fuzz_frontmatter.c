/* libFuzzer target: YAML frontmatter. The bytes go to cq_yaml_parse and
 * cq_yaml_to_json on their own, then inside "---" fences through the whole
 * lesson parser, which maps libyaml's marks back to file positions. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "yaml_tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void yaml_alone(const uint8_t *data, size_t size)
{
	cq_arena a;
	cq_ydoc doc;
	cq_buf json = CQ_BUF_INIT;
	size_t left = CQ_YAML_MAX_JSON + 6 * size;

	cq_arena_init(&a);
	if (cq_yaml_parse(&doc, &a, (const char *)data, size) == 0 && doc.root)
		(void)cq_yaml_to_json(&json, doc.root, &left);
	cq_buf_free(&json);
	cq_arena_free(&a);
}

static void in_a_lesson(const uint8_t *data, size_t size)
{
	static const char open[] = "---\n", close[] = "\n---\n";
	size_t n = sizeof(open) - 1 + size + sizeof(close) - 1;
	char *src = malloc(n); /* exactly n bytes: ASan sees any overread */
	cq_lesson_facts f;

	if (!src)
		return;
	memcpy(src, open, sizeof(open) - 1);
	if (size)
		memcpy(src + sizeof(open) - 1, data, size);
	memcpy(src + sizeof(open) - 1 + size, close, sizeof(close) - 1);
	(void)cq_lesson_parse(&f, src, n, NULL);
	cq_lesson_facts_free(&f);
	free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	yaml_alone(data, size);
	in_a_lesson(data, size);
	return 0;
}
