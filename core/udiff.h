/* Unified diffs, for showing edits before they are made. */
#ifndef COURSEQ_UDIFF_H
#define COURSEQ_UDIFF_H

#include <stddef.h>

#include "buf.h"

/* Appends the unified diff of a (old_name) and b (new_name) to out; nothing
 * when they are equal. -1 when out of memory. */
int cq_udiff(cq_buf *out, const char *old_name, const char *new_name, const char *a,
	     size_t an, const char *b, size_t bn);

#endif
