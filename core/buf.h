/* A growable byte buffer on malloc, always NUL-terminated once non-empty. */
#ifndef COURSEQ_BUF_H
#define COURSEQ_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cq_buf {
	char *data;
	size_t len, cap;
	int failed; /* an allocation failed: contents are incomplete */
} cq_buf;

#define CQ_BUF_INIT {NULL, 0, 0, 0}

void cq_buf_free(cq_buf *b);
void cq_buf_clear(cq_buf *b);
int cq_buf_grow(cq_buf *b, size_t extra);
void cq_buf_put(cq_buf *b, const void *data, size_t n);
void cq_buf_puts(cq_buf *b, const char *s);
void cq_buf_putc(cq_buf *b, char c);
void cq_buf_printf(cq_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cq_buf_vprintf(cq_buf *b, const char *fmt, va_list ap);
/* Gives the caller the malloc'd string (never NULL unless out of memory)
 * and leaves the buffer empty. */
char *cq_buf_detach(cq_buf *b);
/* "" for an empty buffer, so callers can always print it. */
const char *cq_buf_cstr(const cq_buf *b);

#endif
