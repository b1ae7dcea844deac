/* Slugs as github-slugger 2.0 makes them (the differential and slug tests
 * compare with the real one; these pin the rules). */
#include "check.h"
#include "slug.h"

static const char *slug(const char *text)
{
	static char out[512];
	cq_buf b = CQ_BUF_INIT;

	cq_slug_base(&b, text, strlen(text));
	snprintf(out, sizeof(out), "%s", cq_buf_cstr(&b));
	cq_buf_free(&b);
	return out;
}

static void base_rules(void)
{
	CHECK_STR(slug("Что такое WAL?"), "что-такое-wal");
	CHECK_STR(slug("C++ & C# — 100% (really)?"), "c--c--100-really");
	CHECK_STR(slug("  Spaces  "), "--spaces--");
	CHECK_STR(slug("under_score and dash-es"), "under_score-and-dash-es");
	CHECK_STR(slug("🚀 Запуск (быстрый старт) 🚀"), "-запуск-быстрый-старт-");
	CHECK_STR(slug("Ёлка, ёжик и «кавычки»"), "ёлка-ёжик-и-кавычки");
	CHECK_STR(slug("a\tb\xc2\xa0" "c"), "abc");
	CHECK_STR(slug("Ⓐ and ①"), "ⓐ-and-");
	CHECK_STR(slug(""), "");
}

static void full_case_mapping(void)
{
	CHECK_STR(slug("İstanbul"), "i\xcc\x87stanbul");
	CHECK_STR(slug("ΌΣΟΣ Σ ΣΑΣ"), "όσος-σ-σας");
	CHECK_STR(slug("ǅ"), "ǆ");
}

static void unique(void)
{
	cq_arena a;
	cq_slugger s;

	cq_arena_init(&a);
	cq_slugger_init(&s, &a, CQ_SLUG_GITHUB);
	CHECK_STR(cq_slugger_slug(&s, "x", 1), "x");
	CHECK_STR(cq_slugger_slug(&s, "x", 1), "x-1");
	CHECK_STR(cq_slugger_slug(&s, "x-1", 3), "x-1-1");
	CHECK_STR(cq_slugger_slug(&s, "x", 1), "x-2");
	CHECK_STR(cq_slugger_slug(&s, "", 0), "");
	CHECK_STR(cq_slugger_slug(&s, "", 0), "-1");
	cq_slugger_free(&s);
	cq_arena_free(&a);
}

static void astro5_drops_one_dash(void)
{
	cq_arena a;
	cq_slugger s;

	cq_arena_init(&a);
	cq_slugger_init(&s, &a, CQ_SLUG_ASTRO5);
	CHECK_STR(cq_slugger_slug(&s, "Trailing dash -", 15), "trailing-dash-");
	CHECK_STR(cq_slugger_slug(&s, "Why?", 4), "why");
	CHECK_STR(cq_slugger_slug(&s, "Why ", 4), "why");
	/* Uniqueness counts the slug before the dash is dropped. */
	CHECK_STR(cq_slugger_slug(&s, "Why ", 4), "why--1");
	cq_slugger_free(&s);
	cq_arena_free(&a);
}

int main(void)
{
	RUN(base_rules);
	RUN(full_case_mapping);
	RUN(unique);
	RUN(astro5_drops_one_dash);
	DONE();
}
