/* The frontmatter of any Markdown file, outside any course: what scripts
 * read from planning documents. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "courseq.h"
#include "lesson.h"

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

static int yaml_problem(const cq_lesson_facts *f, const char *path, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < f->diags.len; i++) {
		const cq_diag *d = CQ_VEC_AT(&f->diags, cq_diag, i);

		if (strcmp(d->code, "frontmatter-yaml") == 0 ||
		    strcmp(d->code, "frontmatter-unterminated") == 0) {
			if (err)
				snprintf(err, errlen, "%s:%u:%u: %s", path, d->pos.line, d->pos.col,
					 d->message);
			return 1;
		}
	}
	return 0;
}

int courseq_frontmatter_json(char **out, const char *path, char *err, size_t errlen)
{
	cq_lesson_facts f;
	cq_buf b = CQ_BUF_INIT;
	size_t len = 0;
	char *src = read_file(path, &len);
	int rc = COURSEQ_OK;

	*out = NULL;
	if (!src) {
		if (err)
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return COURSEQ_EIO;
	}
	if (cq_lesson_parse(&f, src, len, NULL) < 0) {
		rc = COURSEQ_ENOMEM;
	} else if (yaml_problem(&f, path, err, errlen)) {
		rc = COURSEQ_EPARSE;
	} else {
		rc = cq_frontmatter_object(&b, &f) < 0 ? COURSEQ_ENOMEM : COURSEQ_OK;
		if (rc == COURSEQ_OK)
			*out = cq_buf_detach(&b);
	}
	if (rc == COURSEQ_ENOMEM && err)
		snprintf(err, errlen, "out of memory");
	cq_buf_free(&b);
	cq_lesson_facts_free(&f);
	free(src);
	return rc;
}
