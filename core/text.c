#include "text.h"

#include <utf8proc.h>

int cq_lines_build(cq_lines *l, cq_arena *a, const char *text, size_t len)
{
	uint32_t count = 1, i = 0;
	size_t off;

	for (off = 0; off < len; off++)
		if (text[off] == '\n')
			count++;
	l->text = text;
	l->len = len;
	l->count = count;
	l->starts = cq_arena_alloc(a, sizeof(*l->starts) * count);
	if (!l->starts)
		return -1;
	l->starts[i++] = 0;
	for (off = 0; off < len; off++)
		if (text[off] == '\n')
			l->starts[i++] = (uint32_t)(off + 1);
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

size_t cq_utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t off = 0;

	while (off < len) {
		int32_t cp;
		int k;

		if (p[off] < 0x80) {
			off++;
			continue;
		}
		k = cq_utf8_next(p + off, len - off, &cp);
		if (cp < 0)
			return off;
		off += (size_t)k;
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
