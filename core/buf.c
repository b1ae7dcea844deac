#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cq_buf_free(cq_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void cq_buf_clear(cq_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

int cq_buf_grow(cq_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap = b->cap ? b->cap : 64;
	char *data;

	if (b->failed)
		return -1;
	if (need <= b->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	data = realloc(b->data, cap);
	if (!data) {
		b->failed = 1;
		return -1;
	}
	b->data = data;
	b->cap = cap;
	return 0;
}

void cq_buf_put(cq_buf *b, const void *data, size_t n)
{
	if (cq_buf_grow(b, n) < 0)
		return;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void cq_buf_puts(cq_buf *b, const char *s)
{
	cq_buf_put(b, s, strlen(s));
}

void cq_buf_putc(cq_buf *b, char c)
{
	cq_buf_put(b, &c, 1);
}

void cq_buf_vprintf(cq_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0 || cq_buf_grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void cq_buf_printf(cq_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cq_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *cq_buf_detach(cq_buf *b)
{
	char *s = b->data;

	if (!s)
		s = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
	return s;
}

const char *cq_buf_cstr(const cq_buf *b)
{
	return b->data ? b->data : "";
}
