/* Text primitives with fast paths: UTF-8 validation (eight bytes at a time
 * for ASCII and two-byte sequences) must find the first bad byte exactly
 * where a byte-by-byte check does, at any alignment; a lesson's word
 * count follows its rule at the text's edges. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "lesson.h"
#include "text.h"

/* One sequence at a time, the definition. */
static size_t reference_invalid_at(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t off, k = 1;

	for (off = 0; off < len && k; off += k)
		k = p[off] < 0x80 ? 1 : cq_utf8_valid_length(p + off, len - off);
	return k ? len : off;
}

static void utf8_pinned(void)
{
	CHECK_INT(cq_utf8_invalid_at("", 0), 0);
	CHECK_INT(cq_utf8_invalid_at("plain ascii text", 16), 16);
	CHECK_INT(cq_utf8_invalid_at("Привет, мир", 20), 20);
	/* A lead at the end of an eight-byte word, its continuation after. */
	CHECK_INT(cq_utf8_invalid_at("1234567\xD0\x9F", 9), 9);
	CHECK_INT(cq_utf8_invalid_at("1234567\xD0" "x", 9), 7);
	CHECK_INT(cq_utf8_invalid_at("1234567\xD0", 8), 7);
	CHECK_INT(cq_utf8_invalid_at("12345678\x9F", 9), 8);
	/* Overlong leads C0 and C1, a surrogate, past U+10FFFF. */
	CHECK_INT(cq_utf8_invalid_at("abcdefgh\xC0\x80zzzzzz", 16), 8);
	CHECK_INT(cq_utf8_invalid_at("abc\xC1\xBFzzzzzzzzzz", 15), 3);
	CHECK_INT(cq_utf8_invalid_at("ab\xED\xA0\x80zzzzzzzz", 13), 2);
	CHECK_INT(cq_utf8_invalid_at("\xF4\x90\x80\x80zzzzzzzz", 12), 0);
	CHECK_INT(cq_utf8_invalid_at("€𝄞 ok \xFF", 12), 11);
}

/* Random mixes of valid and broken pieces, at every offset of a buffer. */
static void utf8_differential(void)
{
	static const char *const pieces[] = {
		"a", " ", "\n", "Б", "я", "\xC2\x80", "\xDF\xBF", "€", "𝄞", "\xC0\x80", "\xC1\xBF",
		"\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE0\x80\x80", "\xF0\x80\x80\x80", "\x80",
		"\xBF", "\xD0", "\xC3", "\xE2\x82", "\xFF", "\xFE"};
	size_t npieces = sizeof(pieces) / sizeof(*pieces);
	char buf[80];
	unsigned seed = 12345;
	long round, mismatches = 0;

	for (round = 0; round < 400000; round++) {
		size_t n = 0, start, want, got;
		int k;

		seed = seed * 1103515245u + 12345u;
		start = (seed >> 16) % 8;
		for (k = 0; k < 24; k++) {
			/* Mostly text, now and then anything. */
			size_t i, len;
			const char *p;

			seed = seed * 1103515245u + 12345u;
			i = ((seed >> 16) % 8) ? (seed >> 20) % 5 : (seed >> 20) % npieces;
			p = pieces[i];
			len = strlen(p);
			if (start + n + len > sizeof(buf))
				break;
			memcpy(buf + start + n, p, len);
			n += len;
		}
		want = reference_invalid_at(buf + start, n);
		got = cq_utf8_invalid_at(buf + start, n);
		if (want != got && mismatches++ < 5)
			printf("#   round %ld: %zu bytes at +%zu, bad at %zu, found %zu\n", round, n,
			       start, want, got);
	}
	CHECK_INT(mismatches, 0);
}

static unsigned words_of(const char *text)
{
	cq_lesson_facts f;
	unsigned n;

	if (cq_lesson_parse(&f, text, strlen(text), NULL) < 0)
		return (unsigned)-1;
	n = f.words;
	cq_lesson_facts_free(&f);
	return n;
}

static void word_count(void)
{
	cq_lesson_parse_init();
	CHECK_INT(words_of(""), 0);
	CHECK_INT(words_of("---\ntitle: T\n---\n"), 0);
	CHECK_INT(words_of("---\ntitle: T\n---\nWAL-журнал, snake_case x2!"), 4);
	CHECK_INT(words_of("---\ntitle: T\n---\none"), 1);
	CHECK_INT(words_of("---\ntitle: T\n---\n  ...  "), 0);
}

int main(void)
{
	RUN(utf8_pinned);
	RUN(utf8_differential);
	RUN(word_count);
	DONE();
}
