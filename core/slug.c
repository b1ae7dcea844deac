#include "slug.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

/* Code points that github-slugger keeps although their category is one it
 * drops: the symbols with the Alphabetic property (circled and squared
 * Latin letters, Other_Alphabetic in So). utf8proc has no Alphabetic
 * property, and these ranges are all of its So members. */
static int alphabetic_symbol(int32_t cp)
{
	return (cp >= 0x24B6 && cp <= 0x24E9) ||
	       (cp >= 0x1F130 && cp <= 0x1F149) ||
	       (cp >= 0x1F150 && cp <= 0x1F169) ||
	       (cp >= 0x1F170 && cp <= 0x1F189);
}

static int dropped(int32_t cp)
{
	if (cp == ' ' || cp == '-')
		return 0;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC:
	case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return !alphabetic_symbol(cp);
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_CS:
	case UTF8PROC_CATEGORY_CO:
	case UTF8PROC_CATEGORY_CN:
		return 1;
	default:
		return 0;
	}
}

/* Unicode's "cased" and "case-ignorable" properties, which decide the final
 * sigma rule of full lowercase mapping (what JavaScript's toLowerCase
 * applies). Word_Break MidLetter, MidNumLet and Single_Quote members are
 * listed because utf8proc does not carry that property. */
static int cased(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
	       c == UTF8PROC_CATEGORY_LT || utf8proc_islower(cp) ||
	       utf8proc_isupper(cp);
}

static int case_ignorable(int32_t cp)
{
	static const int32_t mid[] = {0x27,   0x2E,   0x3A,   0xB7,   0x387,
				      0x55F,  0x5F4,  0x2018, 0x2019, 0x2024,
				      0x2027, 0xFE13, 0xFE52, 0xFE55, 0xFF07,
				      0xFF0E, 0xFF1A};
	utf8proc_category_t c = utf8proc_category(cp);
	size_t i;

	if (c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME ||
	    c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_LM ||
	    c == UTF8PROC_CATEGORY_SK)
		return 1;
	for (i = 0; i < sizeof(mid) / sizeof(mid[0]); i++)
		if (mid[i] == cp)
			return 1;
	return 0;
}

typedef struct {
	int32_t *cp;
	size_t n;
} cps;

/* Is the capital sigma at index i final: after a cased letter (skipping
 * case-ignorables) and not before one? */
static int final_sigma(const cps *s, size_t i)
{
	size_t j;
	int before = 0, after = 0;

	for (j = i; j-- > 0;) {
		if (case_ignorable(s->cp[j]))
			continue;
		before = cased(s->cp[j]);
		break;
	}
	for (j = i + 1; j < s->n; j++) {
		if (case_ignorable(s->cp[j]))
			continue;
		after = cased(s->cp[j]);
		break;
	}
	return before && !after;
}

static void put_cp(cq_buf *out, int32_t cp)
{
	char enc[4];

	if (cp == ' ')
		cp = '-';
	if (!dropped(cp))
		cq_buf_put(out, enc, (size_t)cq_utf8_encode(cp, enc));
}

static void put_lower(cq_buf *out, const cps *s, size_t i)
{
	int32_t cp = s->cp[i];

	if (cp == 0x130) { /* İ lowercases to i + combining dot above */
		put_cp(out, 'i');
		put_cp(out, 0x307);
	} else if (cp == 0x3A3) {
		put_cp(out, final_sigma(s, i) ? 0x3C2 : 0x3C3);
	} else {
		put_cp(out, utf8proc_tolower(cp));
	}
}

void cq_slug_base(cq_buf *out, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	int32_t small[256];
	cps s = {small, 0};
	size_t off = 0, i;

	/* Decode first: the final sigma rule looks both ways. */
	if (len > sizeof(small) / sizeof(small[0])) {
		s.cp = malloc(len * sizeof(*s.cp));
		if (!s.cp) {
			out->failed = 1;
			return;
		}
	}
	while (off < len) {
		int32_t cp;

		off += (size_t)cq_utf8_next(p + off, len - off, &cp);
		if (cp >= 0)
			s.cp[s.n++] = cp;
	}
	for (i = 0; i < s.n; i++)
		put_lower(out, &s, i);
	if (s.cp != small)
		free(s.cp);
}

void cq_slugger_init(cq_slugger *s, cq_arena *a, cq_slug_profile profile)
{
	cq_strmap_init(&s->seen, a);
	s->profile = profile;
	s->scratch = (cq_buf)CQ_BUF_INIT;
}

void cq_slugger_free(cq_slugger *s)
{
	cq_buf_free(&s->scratch);
}

/* github-slugger's uniqueness rule: while the candidate is taken, bump the
 * count of the original and try "original-N"; then register the result. */
const char *cq_slugger_slug(cq_slugger *s, const char *text, size_t len)
{
	cq_buf *b = &s->scratch;
	size_t base_len;
	long *slot;
	const char *result;

	cq_buf_clear(b);
	cq_slug_base(b, text, len);
	if (b->failed)
		return NULL;
	base_len = b->len;
	while (cq_strmap_get(&s->seen, cq_buf_cstr(b), b->len)) {
		long *orig = cq_strmap_get(&s->seen, cq_buf_cstr(b), base_len);

		++*orig;
		b->len = base_len;
		cq_buf_printf(b, "-%ld", *orig);
	}
	slot = cq_strmap_put(&s->seen, cq_buf_cstr(b), b->len, NULL);
	if (!slot)
		return NULL;
	*slot = 0;
	result = cq_arena_strndup(s->seen.arena, cq_buf_cstr(b), b->len);
	if (result && s->profile == CQ_SLUG_ASTRO5 && b->len &&
	    b->data[b->len - 1] == '-')
		((char *)result)[b->len - 1] = '\0';
	return result;
}
