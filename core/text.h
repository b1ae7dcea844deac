/* Text positions: byte offsets to 1-based lines and columns. Columns count
 * Unicode code points, as editors do. */
#ifndef COURSEQ_TEXT_H
#define COURSEQ_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct cq_lines {
	const char *text;
	size_t len;
	uint32_t *starts; /* byte offset of each line's first byte */
	uint32_t count;
} cq_lines;

/* Indexes the lines of text (which must outlive the index); the array lives
 * in the arena. Returns -1 when out of memory. */
int cq_lines_build(cq_lines *l, cq_arena *a, const char *text, size_t len);
/* 1-based line holding byte offset off (off may equal len). */
uint32_t cq_lines_line(const cq_lines *l, size_t off);
/* 1-based code point column of byte offset off on its line. */
uint32_t cq_lines_column(const cq_lines *l, size_t off);
/* Byte offset of 1-based line and byte column, clamped to the text. */
size_t cq_lines_offset(const cq_lines *l, uint32_t line, uint32_t byte_col);
/* Byte length of line (1-based) without its line ending. */
size_t cq_lines_length(const cq_lines *l, uint32_t line);

/* Decodes one code point; returns its byte length (at least 1), with *cp
 * set to -1 for an invalid sequence. n must be > 0. */
int cq_utf8_next(const unsigned char *s, size_t n, int32_t *cp);
/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80, n > 0), or
 * 0. Overlong forms, surrogates and code points past U+10FFFF are
 * invalid. */
size_t cq_utf8_valid_length(const unsigned char *p, size_t n);
/* Offset of the first invalid UTF-8 byte, or len when all is valid. */
size_t cq_utf8_invalid_at(const char *s, size_t len);
/* Number of code points in s[0..n). */
size_t cq_utf8_count(const char *s, size_t n);
/* Appends the UTF-8 encoding of cp to out (4 bytes of room); returns its
 * length. */
int cq_utf8_encode(int32_t cp, char *out);

#endif
