#!/usr/bin/env bash
# The library as other programs see it: the header compiles alone as C99
# and as C++, the shared library has its SONAME and exports exactly the
# functions the header declares, and the static library exposes nothing
# else either.
. "$(dirname "$0")/../cli/lib.bash"
B=${BUILD:-build}
cd "$ROOT"

header_compiles() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$*" "$out"; fi
}
header_compiles "header alone, C99 pedantic" \
	cc -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c include/courseq.h
header_compiles "header alone, C++11 pedantic" \
	c++ -std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c++ include/courseq.h
printf '#include <courseq.h>\n#include <courseq.h>\nint main(void){return courseq_version()[0]==0;}\n' >"$T/twice.c"
header_compiles "header twice in one unit, C89 with no extensions" \
	cc -std=c89 -pedantic -Wall -Werror -Wno-long-long -Iinclude -fsyntax-only "$T/twice.c"

# The functions the header declares, and what each library exports.
grep -oE 'COURSEQ_API [^;]*\(' include/courseq.h | grep -oE 'courseq_[a-z0-9_]+ *\($' |
	tr -d ' (' | sort -u >"$T/declared"
nm -D --defined-only "$B/libcourseq.so.0" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort -u >"$T/shared"
nm -g --defined-only "$B/libcourseq.a" | awk 'NF == 3 {print $3}' | sort -u >"$T/static"
n=$(wc -l <"$T/declared")
if [ "$n" -gt 40 ]; then pass "header declares $n functions"; else fail "header declares $n functions"; fi
same "shared library exports exactly the declared functions" \
	"$(cat "$T/declared")" "$(cat "$T/shared")"
same "static library's global symbols are exactly the declared functions" \
	"$(cat "$T/declared")" "$(cat "$T/static")"
same "SONAME" "libcourseq.so.0" \
	"$(readelf -d "$B/libcourseq.so.0" | sed -n 's/.*SONAME.*\[\(.*\)\].*/\1/p')"

# The version macros and courseq_version() agree.
cat >"$T/version.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <courseq.h>
int main(void)
{
	char want[32];
	snprintf(want, sizeof want, "%d.%d.%d", COURSEQ_VERSION_MAJOR, COURSEQ_VERSION_MINOR,
		 COURSEQ_VERSION_PATCH);
	printf("%s %s %s\n", want, COURSEQ_VERSION_STRING, courseq_version());
	return strcmp(want, courseq_version()) || strcmp(want, COURSEQ_VERSION_STRING);
}
C
# A sanitized library wants its runtime in the program too.
san=()
[ -n "${SANITIZED:-}" ] && san=(-fsanitize=address,undefined)
if cc -std=c99 "${san[@]}" -Iinclude "$T/version.c" -o "$T/version" "$B/libcourseq.so.0" \
	-Wl,-rpath,"$ROOT/$B" 2>"$T/err" &&
	out=$("$T/version"); then
	pass "version macros and courseq_version agree ($out)"
else
	fail "version macros and courseq_version agree" "$(cat "$T/err")" "${out:-}"
fi
