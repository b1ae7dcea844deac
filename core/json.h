/* Writing JSON text. */
#ifndef COURSEQ_JSON_H
#define COURSEQ_JSON_H

#include <stddef.h>

#include "buf.h"

/* Appends s (n bytes of UTF-8) as a JSON string literal, quotes included.
 * Invalid UTF-8 bytes become U+FFFD so the output is always valid JSON. */
void cq_json_str(cq_buf *out, const char *s, size_t n);
void cq_json_cstr(cq_buf *out, const char *s); /* NULL gives null */

#endif
