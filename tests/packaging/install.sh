#!/usr/bin/env bash
# `make install` into a temporary prefix, then the three examples (C built
# with pkg-config, Lua, Python) use only what was installed: each prints
# module-7/04's learning path and the check results, the same text, which
# agrees with the installed courseq command. `make uninstall` removes it all.
. "$(dirname "$0")/../cli/lib.bash"
B=${BUILD:-build}
cd "$ROOT"
P="$T/prefix"

if out=$(make --no-print-directory -s install B="$B" PREFIX="$P" 2>&1); then
	pass "make install PREFIX=..."
else
	fail "make install PREFIX=..." "$out"
	exit 1
fi
for f in bin/courseq lib/libcourseq.so.0 lib/libcourseq.so lib/libcourseq.a include/courseq.h \
	lib/pkgconfig/courseq.pc lib/lua/5.4/courseq.so share/man/man1/courseq.1 \
	share/bash-completion/completions/courseq lib/python3/dist-packages/courseq/__init__.py; do
	if [ -e "$P/$f" ]; then pass "installed $f"; else fail "installed $f"; fi
done
n=$(ls "$P/share/courseq/scripts/"*.lua 2>/dev/null | wc -l)
if [ "$n" -gt 0 ] && [ "$n" -eq "$(ls scripts/*.lua | wc -l)" ]; then
	pass "installed the $n scripts"
else
	fail "installed the scripts" "$n installed"
fi

# The installed command finds the installed scripts from anywhere.
mkdir -p "$T/elsewhere"
expect "installed courseq report --list finds the installed scripts" 0 "curriculum-report" \
	env -C "$T/elsewhere" "$P/bin/courseq" report --list

# Nothing from the source tree: a copy of the sample course's site.
sample_course
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
same "pkg-config --modversion" \
	"$(sed -n 's/^#define COURSEQ_VERSION_STRING "\(.*\)"/\1/p' include/courseq.h)" \
	"$(pkg-config --modversion courseq 2>&1)"
if out=$(cc -std=c99 -Wall -Wextra -Werror bindings/c/example.c -o "$T/example" \
	$(pkg-config --cflags --libs courseq) -Wl,-rpath,"$P/lib" 2>&1); then
	pass "C example builds with pkg-config --cflags --libs courseq"
else
	fail "C example builds with pkg-config --cflags --libs courseq" "$out"
fi
same "C example uses the installed shared library" "$P/lib/libcourseq.so.0" \
	"$(ldd "$T/example" | awk '$1 == "libcourseq.so.0" {print $3}')"
same "installed Lua module uses the installed shared library" "$P/lib/libcourseq.so.0" \
	"$(ldd "$P/lib/lua/5.4/courseq.so" | awk '$1 == "libcourseq.so.0" {print $3}')"

run_c() { "$T/example" "$@"; }
run_lua() { LUA_CPATH="$P/lib/lua/5.4/?.so" lua5.4 bindings/lua/example.lua "$@"; }
run_python() {
	env -u COURSEQ_LIB PYTHONPATH="$P/lib/python3/dist-packages" python3 bindings/python/example.py "$@"
}
same "Python loads the installed package and library" \
	"$P/lib/python3/dist-packages/courseq $P/lib/libcourseq.so.0" \
	"$(cd "$T" && env -u COURSEQ_LIB PYTHONPATH="$P/lib/python3/dist-packages" python3 -c \
		'import courseq, os; print(os.path.dirname(courseq.__file__), courseq._LIB_PATH)' 2>&1)"

# On the sample course: the path the installed CLI gives, and no problems.
want_ids=$("$P/bin/courseq" -C "$T/course" prereqs module-7/04 --json |
	python3 -c 'import json, sys; print("\n".join(s["id"] for s in json.load(sys.stdin)["path"]))')
for lang in c lua python; do
	out=$(run_$lang "$T/course" 2>&1)
	rc=$?
	printf '%s\n' "$out" >"$T/sample.$lang"
	ids=$(awk '/^[0-9!]+ / && $2 ~ /\// {print $2}' <<<"$out")
	if [ "$rc" -eq 0 ] && [ "$ids" = "$want_ids" ] && grep -q '^Learning path to 07-module-7/04-multi-database-architecture (17 lessons, ' <<<"$out" &&
		[ "$(tail -1 <<<"$out")" = "0 errors, 0 warnings, 0 notes" ]; then
		pass "$lang example on the sample course: module-7/04's path and a clean check"
	else
		fail "$lang example on the sample course" "exit $rc" "$out" "want ids:" "$want_ids"
	fi
done
same "C and Lua examples print the same" "$(cat "$T/sample.c")" "$(cat "$T/sample.lua")"
same "C and Python examples print the same" "$(cat "$T/sample.c")" "$(cat "$T/sample.python")"

# On a course with problems: each exits 1 and lists what courseq check lists.
cp -r tests/fixtures/check/broken "$T/broken"
want=$("$P/bin/courseq" -C "$T/broken" check --format json |
	python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
for lang in c lua python; do
	out=$(run_$lang "$T/broken" module-1/03-prereqs 2>&1)
	rc=$?
	printf '%s\n' "$out" >"$T/broken.$lang"
	got=$(grep -cE '^[^ ]+:[0-9]+:[0-9]+: (error|warning|note): ' <<<"$out")
	if [ "$rc" -eq 1 ] && [ "$got" -eq "$want" ] && [ "$want" -gt 5 ]; then
		pass "$lang example on a broken course: exit 1 and the $want diagnostics"
	else
		fail "$lang example on a broken course" "exit $rc, $got diagnostics, want $want" "$out"
	fi
done
same "the three examples agree on a broken course (C, Lua)" "$(cat "$T/broken.c")" "$(cat "$T/broken.lua")"
same "the three examples agree on a broken course (C, Python)" "$(cat "$T/broken.c")" "$(cat "$T/broken.python")"
for lang in c lua python; do
	expect "$lang example: an unknown lesson is an error naming it" 2 "no lesson 'module-9/99'" \
		run_$lang "$T/course" module-9/99
done

if out=$(make --no-print-directory -s uninstall B="$B" PREFIX="$P" 2>&1) &&
	left=$(find "$P" -type f -o -type l) && [ -z "$left" ]; then
	pass "make uninstall removes every installed file"
else
	fail "make uninstall removes every installed file" "$out" "$left"
fi
