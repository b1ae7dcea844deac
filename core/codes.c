/* The diagnostic codes courseq reports, with what each one means. The codes
 * are stable: tools and courseq.yaml's severity settings refer to them. */
#include <string.h>

#include "courseq.h"

static const char *const codes[] = {
	"broken-link",
	"broken-anchor",
	"alias-link",
	"file-link",
	"missing-base",
	"broken-asset",
	"broken-import",
	"prerequisite-missing",
	"prerequisite-self",
	"prerequisite-cycle",
	"prerequisite-forward",
	"prerequisite-redundant",
	"frontmatter-missing",
	"frontmatter-unterminated",
	"frontmatter-yaml",
	"frontmatter-duplicate-key",
	"frontmatter-missing-key",
	"frontmatter-unknown-key",
	"frontmatter-type",
	"frontmatter-enum",
	"mdx-syntax",
	"unclosed-jsx",
	"component-not-imported",
	"unused-import",
	"duplicate-order",
	"order-gap",
	"invalid-utf8",
	"nul-byte",
	"empty-file",
	"unreadable",
	"broken-symlink",
	"symlink-loop",
	"symlink-outside",
	"too-deep",
	"duplicate-id",
	NULL,
};

static const char *const help[] = {
	"a link reaches no lesson, page or file of the site",
	"a link's #fragment matches no heading or id of the lesson it reaches",
	"a link reaches a lesson only through its module-N alias, a URL the site does not serve",
	"a link points at a lesson's .mdx file, which the site does not serve",
	"a site-absolute link lacks the base path the config requires",
	"an image or src= attribute names a file that does not exist",
	"an import names a module file that does not exist",
	"a prerequisite names no lesson",
	"a lesson lists itself as a prerequisite",
	"prerequisites form a cycle",
	"a prerequisite comes later in course order than the lesson needing it",
	"a prerequisite is already implied by another one",
	"the lesson has no frontmatter",
	"the frontmatter's closing --- line is missing",
	"the frontmatter is not valid YAML, or is too large or deep",
	"a frontmatter key appears twice",
	"a key the schema requires is missing",
	"a key the schema does not know",
	"a value of the wrong type",
	"a value not among the schema's allowed values",
	"MDX syntax the MDX compiler rejects",
	"a JSX element that is never closed, or a closing tag without an opening one",
	"a component used without being imported or defined",
	"an import whose names are never used",
	"two lessons of one module have the same order",
	"the orders of a module skip a number",
	"the file is not valid UTF-8",
	"the file contains NUL bytes",
	"the lesson file is empty",
	"a file or folder cannot be read",
	"a symlink points at nothing",
	"a symlink makes a folder contain itself",
	"a symlink leads outside the content folder",
	"folders are nested too deeply to read",
	"two lesson files differ only in extension (a.md, a.mdx): the site has one id for both",
};

const char *const *courseq_codes(void)
{
	return codes;
}

const char *courseq_code_help(const char *code)
{
	size_t i;

	for (i = 0; codes[i]; i++)
		if (strcmp(codes[i], code) == 0)
			return help[i];
	return NULL;
}
