#include "text.h"

#include <string.h>
#include <utf8proc.h>

int cq_lines_build(cq_lines *l, cq_arena *a, const char *text, size_t len)
{
	const char *end = text + len, *p;
	uint32_t count = 1, i = 0;

	for (p = text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		count++;
	l->text = text;
	l->len = len;
	l->count = count;
	l->starts = cq_arena_alloc(a, sizeof(*l->starts) * count);
	if (!l->starts)
		return -1;
	l->starts[i++] = 0;
	for (p = text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		l->starts[i++] = (uint32_t)(p - text + 1);
	return 0;
}

uint32_t cq_lines_line(const cq_lines *l, size_t off)
{
	uint32_t lo = 0, hi = l->count;

	/* Largest index whose start is <= off. */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (l->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

uint32_t cq_lines_column(const cq_lines *l, size_t off)
{
	uint32_t line = cq_lines_line(l, off);
	size_t start = l->starts[line - 1];

	if (off > l->len)
		off = l->len;
	return (uint32_t)cq_utf8_count(l->text + start, off - start) + 1;
}

size_t cq_lines_offset(const cq_lines *l, uint32_t line, uint32_t byte_col)
{
	size_t off;

	if (line < 1)
		line = 1;
	if (line > l->count)
		line = l->count;
	off = l->starts[line - 1] + (byte_col ? byte_col - 1 : 0);
	return off > l->len ? l->len : off;
}

size_t cq_lines_length(const cq_lines *l, uint32_t line)
{
	size_t start, end;

	if (line < 1 || line > l->count)
		return 0;
	start = l->starts[line - 1];
	end = line < l->count ? l->starts[line] - 1 : l->len;
	if (end > start && l->text[end - 1] == '\r')
		end--;
	return end - start;
}

int cq_utf8_next(const unsigned char *s, size_t n, int32_t *cp)
{
	utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)(n < 4 ? n : 4), cp);

	if (k < 1) {
		*cp = -1;
		return 1;
	}
	return (int)k;
}

size_t cq_utf8_valid_length(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];

	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;

		return n >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;

		return n >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
				       (p[3] & 0xC0) == 0x80
			       ? 4
			       : 0;
	}
	return 0;
}

#define EACH_HIGH 0x8080808080808080ull

/* Byte i in bits 8i..8i+7 whatever the machine (one load where it is
 * little-endian). */
static uint64_t load_le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

/* Eight bytes of ASCII and two-byte sequences (Latin, Greek, Cyrillic)
 * checked at once: the word's continuation bytes must be exactly those
 * after a two-byte lead (C2..DF), the word's first byte after *open, the
 * lead that ended the previous word. 0 when the word needs the general
 * case (longer sequences, or a fault). Lessons in Russian are half such
 * pairs: 1.3 -> 0.25 ns a byte. */
static int pairs_ok(uint64_t w, unsigned *open)
{
	uint64_t b7 = w & EACH_HIGH, b6 = (w << 1) & EACH_HIGH, b5 = (w << 2) & EACH_HIGH;
	uint64_t cont = b7 & ~b6, lead = b7 & b6 & ~b5;
	/* C0 and C1 are overlong leads: their bits 4..1 are zero. */
	uint64_t not_overlong = ((w & 0x1E1E1E1E1E1E1E1Eull) + 0x7E7E7E7E7E7E7E7Eull) & EACH_HIGH;

	if ((b7 & b6 & b5) || (lead & ~not_overlong) || ((lead << 8) | (*open ? 0x80u : 0u)) != cont)
		return 0;
	*open = (unsigned)(lead >> 63);
	return 1;
}

size_t cq_utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t off = 0;

	while (off < len) {
		unsigned open = 0;
		size_t k;

		while (off + 8 <= len && pairs_ok(load_le64(p + off), &open))
			off += 8;
		off -= open; /* back to a lead whose continuation is not checked yet */
		if (off >= len)
			break;
		if (p[off] < 0x80) {
			off++;
			continue;
		}
		k = cq_utf8_valid_length(p + off, len - off);
		if (!k)
			return off;
		off += k;
	}
	return len;
}

size_t cq_utf8_count(const char *s, size_t n)
{
	size_t count = 0, i;

	/* Every byte that is not a continuation byte starts a code point.
	 * A stray continuation byte counts as nothing: columns on a line
	 * with invalid UTF-8 are approximate, and that line is reported. */
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

int cq_utf8_encode(int32_t cp, char *out)
{
	return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}
