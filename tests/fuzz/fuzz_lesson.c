/* libFuzzer target: a whole lesson file through cq_lesson_parse (the MDX
 * scanner, frontmatter, cmark-gfm extraction, components, definitions and
 * the schema check), once per slug profile. Malformed input must give
 * diagnostics, never a crash, a leak or undefined behaviour. */
#include <stddef.h>
#include <stdint.h>

#include "lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const cq_slug_profile profiles[] = {CQ_SLUG_GITHUB, CQ_SLUG_ASTRO5};
	size_t i;

	for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		cq_parse_options opt = {profiles[i], NULL};
		cq_lesson_facts f;

		/* -1 means out of memory only; the input bytes are not
		 * NUL-terminated, as a file mapped from disk need not be. */
		(void)cq_lesson_parse(&f, (const char *)data, size, &opt);
		cq_lesson_facts_free(&f);
	}
	return 0;
}
