#include "path.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Drops "." segments and folds "name/.." pairs, in place; a ".." that
 * climbs above a relative path's start is kept. */
static void normalise(char *p)
{
	int absolute = p[0] == '/';
	char *in = p, *out = p + absolute;
	char *base = out; /* segments before here are ".." and stay */

	while (*in) {
		char *end;
		size_t len;

		while (*in == '/')
			in++;
		if (!*in)
			break;
		end = strchr(in, '/');
		len = end ? (size_t)(end - in) : strlen(in);
		/* The '/' written after a segment may land on the input's NUL:
		 * a last segment ends the loop before reading on. */
		if (len == 1 && in[0] == '.') {
			/* skip */
		} else if (len == 2 && in[0] == '.' && in[1] == '.') {
			if (out > base) {
				out--; /* the '/' after the last segment */
				while (out > base && out[-1] != '/')
					out--;
			} else if (!absolute) {
				memmove(out, "../", 3);
				out += 3;
				base = out;
			}
		} else {
			memmove(out, in, len);
			out += len;
			*out++ = '/';
		}
		if (!end)
			break;
		in += len;
	}
	if (out > p + absolute && out[-1] == '/')
		out--;
	if (out == p)
		*out++ = '.';
	*out = '\0';
}

char *cq_path_join(cq_arena *a, const char *dir, const char *rel)
{
	size_t dl = strlen(dir), rl = strlen(rel);
	char *p;

	if (rel[0] == '/' || !dl)
		p = cq_arena_strdup(a, rel);
	else {
		p = cq_arena_alloc(a, dl + rl + 2);
		if (p) {
			memcpy(p, dir, dl);
			p[dl] = '/';
			memcpy(p + dl + 1, rel, rl + 1);
		}
	}
	if (p)
		normalise(p);
	return p;
}

char *cq_path_dir(cq_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return cq_arena_strdup(a, ".");
	if (slash == path)
		return cq_arena_strdup(a, "/");
	return cq_arena_strndup(a, path, (size_t)(slash - path));
}

const char *cq_path_under(const char *root, const char *path)
{
	size_t n = strlen(root);

	if (n == 1 && root[0] == '/')
		return path[0] == '/' && path[1] ? path + 1 : path;
	if (strncmp(root, path, n) != 0)
		return path;
	if (path[n] == '\0')
		return ".";
	return path[n] == '/' ? path + n + 1 : path;
}

int cq_path_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cq_path_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *cq_path_cwd(cq_arena *a)
{
	char *cwd = getcwd(NULL, 0), *copy;

	if (!cwd)
		return NULL;
	copy = cq_arena_strdup(a, cwd);
	free(cwd);
	return copy;
}
