/* libFuzzer target: heading slugs. cq_slug_base on all the bytes, then a
 * slugger per profile fed one heading per line. Besides crashes, it checks
 * two promises of slug.h: slugs are valid UTF-8, and the github profile
 * never hands out the same slug twice in a document. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slug.h"
#include "strmap.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const char *s, size_t n, const char *what)
{
	if (cq_utf8_invalid_at(s, n) != n) {
		fprintf(stderr, "fuzz_slug: %s gave invalid UTF-8\n", what);
		abort();
	}
}

static void base(const uint8_t *data, size_t size)
{
	cq_buf b = CQ_BUF_INIT;

	cq_slug_base(&b, (const char *)data, size);
	if (!b.failed)
		check_utf8(cq_buf_cstr(&b), b.len, "cq_slug_base");
	cq_buf_free(&b);
}

static void document(const uint8_t *data, size_t size, cq_slug_profile profile)
{
	const char *p = (const char *)data, *end = p + size;
	cq_arena a;
	cq_slugger s;
	cq_strmap given;

	cq_arena_init(&a);
	cq_slugger_init(&s, &a, profile);
	cq_strmap_init(&given, &a);
	while (p <= end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		const char *slug = cq_slugger_slug(&s, p, n);
		int added = 0;

		if (!slug)
			break; /* out of memory */
		check_utf8(slug, strlen(slug), "cq_slugger_slug");
		/* Astro 5 drops a trailing '-' after making the slug unique,
		 * so only the github profile promises uniqueness. */
		if (profile == CQ_SLUG_GITHUB &&
		    cq_strmap_put(&given, slug, strlen(slug), &added) && !added) {
			fprintf(stderr, "fuzz_slug: slug '%s' given twice\n", slug);
			abort();
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	cq_slugger_free(&s);
	cq_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	base(data, size);
	document(data, size, CQ_SLUG_GITHUB);
	document(data, size, CQ_SLUG_ASTRO5);
	return 0;
}
