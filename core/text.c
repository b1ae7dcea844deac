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

size_t cq_utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t off = 0;

	while (off < len) {
		size_t k;

		/* ASCII eight bytes at a time: most of a lesson's markup is. */
		while (off + 8 <= len) {
			uint64_t w;

			memcpy(&w, p + off, 8);
			if (w & 0x8080808080808080ull)
				break;
			off += 8;
		}
		if (off >= len)
			break;
		if (p[off] < 0x80) {
			off++;
			continue;
		}
		/* Two-byte sequences (Cyrillic) without the general case. */
		if (p[off] >= 0xC2 && p[off] <= 0xDF && off + 1 < len && (p[off + 1] & 0xC0) == 0x80) {
			off += 2;
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
