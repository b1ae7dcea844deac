/* Memory for cmark-gfm's trees: cmark allocates and frees a node, a buffer
 * or a list cell at a time, and a lesson's tree lives exactly as long as
 * its parse; so its memory comes from a region of the calling thread's,
 * released at once when the outermost parse ends. */
#ifndef COURSEQ_MD_REGION_H
#define COURSEQ_MD_REGION_H

#include <cmark-gfm.h>

/* The allocator to give cmark_parser_new_with_mem, between enter and
 * leave. Parses may nest; the region is released when the outermost one
 * leaves (the first block is kept for the thread's next lesson). */
cmark_mem *cq_md_region_enter(void);
void cq_md_region_leave(void);

/* Frees the thread's kept block: the refresh does, on both its threads,
 * when it ends; other callers keep at most one block (1 MiB) a thread. */
void cq_md_region_release(void);

#endif
