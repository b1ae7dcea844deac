# courseq run --sandbox: tests/lua/sandbox.lua finds every way out of the
# course closed (io, os, require, loadfile, dofile, binary chunks,
# courseq.frontmatter outside the course...) and the same script finds
# them open without it; the shipped scripts need none of them.
. "$(dirname "$0")/lib.bash"
COURSE="$F/course"
c() { "$COURSEQ" -C "$COURSE" --db "$T/c.db" "$@"; }

out=$(c run --sandbox "$ROOT/tests/lua/sandbox.lua" 2>&1)
same "sandbox.lua under --sandbox: exit 0" 0 $?
outside="the sandbox reads only files inside the course"
for way in "io.open|global 'io'" "io.popen|global 'io'" "os.execute|global 'os'" "os.getenv|global 'os'" \
	"require|global 'require'" "package.loadlib|global 'package'" "loadfile|global 'loadfile'" \
	"dofile|global 'dofile'" "load of a binary chunk|attempt to load a binary chunk" "debug|global 'debug'" \
	"courseq.open|field 'open'" "courseq.frontmatter of /etc/passwd|$outside" "courseq.frontmatter through ..|$outside"; do
	name=${way%%|*}
	if grep -q "^blocked $name: .*${way#*|}" <<<"$out"; then pass "--sandbox blocks $name"; else fail "--sandbox blocks $name" "$out"; fi
done
expect_not "--sandbox: nothing escapes" "^ESCAPED" echo "$out"
grep -qx "still there: load of text 42, 9 lessons, a plan in the course: 01-capstone" <<<"$out" &&
	pass "--sandbox keeps text chunks, the course and its own files" ||
	fail "--sandbox keeps text chunks, the course and its own files" "$out"
out=$(c run "$ROOT/tests/lua/sandbox.lua" 2>&1)
same "sandbox.lua without --sandbox: exit 0" 0 $?
same "without --sandbox every way works (io included)" 13 "$(grep -c '^works ' <<<"$out")"

# The report scripts give the same output in the sandbox.
for args in "learning-path module-7/02" "link-integrity" "link-integrity 2 8" "curriculum-report" \
	"curriculum-report --format csv" "curriculum-report --format html" "plan-check plans/capstone.md plans/failing.md" \
	"learning-path nope" "set-field x 1"; do
	read -ra words <<<"$args"
	a=$(cd "$COURSE" && c run "$S/${words[0]}.lua" "${words[@]:1}" 2>&1)
	ra=$?
	b=$(cd "$COURSE" && c run --sandbox "$S/${words[0]}.lua" "${words[@]:1}" 2>&1)
	rb=$?
	if [ "$a" = "$b" ] && [ "$ra" = "$rb" ]; then
		pass "$args: the same in the sandbox (exit $ra)"
	else
		fail "$args: the same in the sandbox" "exit $ra and $rb" "$(diff <(echo "$a") <(echo "$b"))"
	fi
done
expect "plan-check in the sandbox: a plan outside the course cannot be read" 1 \
	"error  the sandbox reads only files inside the course" c run --sandbox "$S/plan-check.lua" /etc/passwd
expect "plan-check in the sandbox: the seed plan, inside the repository, against the sample course" 0 \
	"^3 of 3 must-haves hold$" "$COURSEQ" -C "$ROOT" --db "$T/s.db" report --sandbox plan-check "$F/seed-plan.md"

# The edit scripts too: the golden edits, in the sandbox.
cp -r "$F/edit-before" "$T/g"
for step in "${STEPS[@]}"; do
	read -ra words <<<"$step"
	expect "in the sandbox: $step" 0 "" "$COURSEQ" -C "$T/g" --db "$T/g.db" run --sandbox "$S/${words[0]}.lua" "${words[@]:1}"
done
same_tree "in the sandbox: the golden edits give edit-after" "$F/edit-after" "$T/g"
