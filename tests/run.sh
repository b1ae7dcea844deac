#!/usr/bin/env bash
# Runs every test suite of `make check` and sums their results. A suite is
# a command that prints "ok NAME" / "not ok NAME" lines; a suite that exits
# non-zero without printing "not ok" counts as one failure.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export COURSEQ="$PWD/$BUILD/courseq"
wrap=()
# Sanitized builds: any report fails the test (leaks included, but not in
# the interpreters that load our modules, whose own memory is theirs).
if [ -n "${SANITIZED:-}" ]; then
	export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
	export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fi
# Under valgrind, courseq runs through a wrapper so every test uses it.
if [ -n "${VALGRIND:-}" ]; then
	vg=$(mktemp -d)
	chmod 755 "$vg" # tests run it as another user too
	trap 'rm -rf "$vg"' EXIT
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$@"\n' "$COURSEQ" > "$vg/courseq"
	chmod +x "$vg/courseq"
	export COURSEQ="$vg/courseq"
	wrap=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite)
fi
passed=0
failed=0
failures=()

suite() {
	local name=$1
	shift
	local out rc oks noks
	out=$("$@" 2>&1)
	rc=$?
	oks=$(grep -ac '^ok ' <<<"$out")
	noks=$(grep -ac '^not ok ' <<<"$out")
	# A suite that prints no ok/not ok lines is one test: its exit status.
	if [ "$rc" -ne 0 ] && [ "$noks" -eq 0 ]; then
		noks=1
		out+=$'\n'"not ok $name (exit $rc)"
	elif [ "$rc" -eq 0 ] && [ "$oks" -eq 0 ] && [ "$noks" -eq 0 ]; then
		oks=1
	fi
	passed=$((passed + oks))
	failed=$((failed + noks))
	if [ "$noks" -gt 0 ]; then
		failures+=("$name")
		printf '%s\n' "$out" | grep -av '^ok ' | sed "s|^|[$name] |"
	fi
	printf '%-28s %4d passed, %d failed\n' "$name" "$oks" "$noks"
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] && suite "unit/$(basename "$t")" "${wrap[@]}" "$t"
done
for t in tests/cli/*.sh; do
	suite "cli/$(basename "$t" .sh)" bash "$t"
done
# Python loads the library of this build; a sanitized library needs its
# runtime preloaded into the interpreter, whose own leaks are not ours.
py_env=(env PYTHONPATH=bindings/python COURSEQ_LIB="$PWD/$BUILD/libcourseq.so.0")
if [ -n "${SANITIZED:-}" ]; then
	py_env+=(LD_PRELOAD="$(cc -print-file-name=libasan.so) $(cc -print-file-name=libubsan.so)"
		ASAN_OPTIONS=detect_leaks=0)
fi
suite "python/unittest" "${py_env[@]}" python3 tests/python/run.py
for t in tests/lua/*.sh; do
	[ -e "$t" ] && suite "lua/$(basename "$t" .sh)" bash "$t"
done
# The fuzz targets (sanitized already) over their seeds and every input
# that once crashed one.
if [ -z "${SANITIZED:-}${VALGRIND:-}" ] && ls build/fuzz/fuzz_* >/dev/null 2>&1; then
	suite "fuzz/regress" make --no-print-directory -s fuzz-regress
fi
suite "packaging/library" bash tests/packaging/library.sh
# Installing builds for a prefix; under a sanitizer or valgrind the
# examples would need their runtime too, so only the plain build.
if [ -z "${SANITIZED:-}${VALGRIND:-}" ]; then
	suite "packaging/install" bash tests/packaging/install.sh
fi
if [ -z "${SKIP_NODE:-}" ]; then
	suite "differential/content" node tests/node/differential.mjs "$COURSEQ" . --slugs astro5
	suite "differential/fixtures" node tests/node/differential.mjs "$COURSEQ" tests/fixtures/mdx
	suite "differential/slugs" node tests/node/slug-cases.mjs "$COURSEQ" .
	suite "mdx-compile/content" node tests/node/compile-lessons.mjs content/src/content/course
fi
if [ -z "${SKIP_SITE:-}" ] && [ -d content/dist ]; then
	crawl=$(mktemp)
	suite "site/crawl" node tests/site/crawl.mjs content/dist --json "$crawl"
	suite "site/agreement" node tests/site/agreement.mjs "$COURSEQ" . "$crawl"
	suite "site/probe" bash tests/site/probe.sh
	rm -f "$crawl"
fi

echo
[ "${#failures[@]}" -gt 0 ] && echo "failed suites: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
