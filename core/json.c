#include "json.h"

#include <string.h>

#include "text.h"

void cq_json_str(cq_buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	cq_buf_putc(out, '"');
	while (i < n) {
		unsigned char c = p[i];
		int32_t cp;
		int k;

		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			i++;
			run++;
			continue;
		}
		cq_buf_put(out, p + i - run, run);
		run = 0;
		if (c >= 0x80) {
			k = cq_utf8_next(p + i, n - i, &cp);
			if (cp < 0)
				cq_buf_puts(out, "\xEF\xBF\xBD");
			else
				cq_buf_put(out, p + i, (size_t)k);
			i += (size_t)k;
			continue;
		}
		switch (c) {
		case '"': cq_buf_puts(out, "\\\""); break;
		case '\\': cq_buf_puts(out, "\\\\"); break;
		case '\n': cq_buf_puts(out, "\\n"); break;
		case '\r': cq_buf_puts(out, "\\r"); break;
		case '\t': cq_buf_puts(out, "\\t"); break;
		default: cq_buf_printf(out, "\\u%04x", c); break;
		}
		i++;
	}
	cq_buf_put(out, p + i - run, run);
	cq_buf_putc(out, '"');
}

void cq_json_cstr(cq_buf *out, const char *s)
{
	if (s)
		cq_json_str(out, s, strlen(s));
	else
		cq_buf_puts(out, "null");
}
