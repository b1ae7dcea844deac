# The bulk-edit scripts (rename-lesson, canonicalize-links, set-field):
# golden tests (tests/fixtures/lua/edit-before -> edit-after, byte for
# byte), the sample course, a refused stale commit, dry runs, bad
# arguments. Every edit works on a copy in $T.
. "$(dirname "$0")/lib.bash"
fresh() { rm -rf "$T/$1" "$T/$1.db"*; cp -r "$F/${2:-edit-before}" "$T/$1"; }
on() { local d=$1; shift; "$COURSEQ" -C "$T/$d" --db "$T/$d.db" "$@"; }
lua_on() { local d=$1; shift; COURSEQ_DIR="$T/$d" COURSEQ_DB="$T/$d.db" lua54 "$@"; }

# What courseq check reports anew: codes that are more frequent in $2 than
# in $1 (check outputs).
new_codes() {
	join -a2 -e0 -o 0,1.1,2.1 <(grep -o '\[[a-z-]*\]$' <<<"$1" | sort | uniq -c | awk '{print $2, $1}') \
		<(grep -o '\[[a-z-]*\]$' <<<"$2" | sort | uniq -c | awk '{print $2, $1}') | awk '$3 > $2 {print $1}'
}

# ---- golden: the edits edit-before/courseq.yaml lists, in order ----
same "golden: six edits" 6 "${#STEPS[@]}"
fresh g
check_before=$(on g check)
for step in "${STEPS[@]}"; do
	read -ra words <<<"$step"
	expect "golden: $step" 0 "" on g run "$S/${words[0]}.lua" "${words[@]:1}"
done
same_tree "golden: every file as in edit-after, byte for byte, none added or missing" "$F/edit-after" "$T/g"
check_after=$(on g check)
same "golden: courseq check reports nothing new" "" "$(new_codes "$check_before" "$check_after")"
same "golden: the alias links and the missing key are fixed" "0 errors, 0 warnings, 2 notes" "$(tail -1 <<<"$check_after")"

# The same edits under plain lua5.4 (the course from COURSEQ_DIR, the index
# at COURSEQ_DB): the same tree.
fresh l
for step in "${STEPS[@]}"; do
	read -ra words <<<"$step"
	out=$(lua_on l "$S/${words[0]}.lua" "${words[@]:1}" 2>&1)
	rc=$?
	[ "$rc" -eq 0 ] || fail "lua5.4: $step" "exit $rc" "$out"
done
same_tree "lua5.4: the same edits give the same tree" "$F/edit-after" "$T/l"
expect "lua5.4: a failing edit script exits 1" 1 "no lesson 'nope'" lua_on l "$S/rename-lesson.lua" nope x
expect "lua5.4: a usage error exits 2" 2 "^usage: set-field" lua_on l "$S/set-field.lua" x y
expect "canonicalize-links: nothing to do" 0 "^No alias links" on l run "$S/canonicalize-links.lua"

# ---- the sample course ----
sample_course
C=(on course)
"${C[@]}" index >/dev/null
expect "sample: clean before" 0 "^0 errors, 0 warnings, 0 notes$" "${C[@]}" check
to_before=$("${C[@]}" links --to module-7/04 --tsv | sed 1d | cut -f1,2,4 | sort)
deps_before=$("${C[@]}" dependents module-7/04 --json | grep -o '"id": *"[^"]*"')
expect "sample: rename-lesson 07-module-7/04 to another name" 0 \
	"^rewrote 1 prerequisite and 5 links in 4 lessons$" \
	"${C[@]}" run "$S/rename-lesson.lua" 07-module-7/04 07-module-7/04-multi-db-architecture
expect "sample: courseq check stays clean" 0 "^0 errors, 0 warnings, 0 notes$" "${C[@]}" check
[ ! -e "$T/course/src/content/course/07-module-7/04-multi-database-architecture.mdx" ] &&
	[ -f "$T/course/src/content/course/07-module-7/04-multi-db-architecture.mdx" ] &&
	pass "sample: the file moved" || fail "sample: the file moved" "$(ls "$T/course/src/content/course/07-module-7")"
same "sample: no lesson names the old id or alias" "" \
	"$(grep -rl 'module-7/04-multi-database-architecture' "$T/course/src/content/course")"
same "sample: every link and prerequisite follows (same lessons, lines, kinds)" "$to_before" \
	"$("${C[@]}" links --to module-7/04-multi-db-architecture --tsv | sed 1d | cut -f1,2,4 | sort)"
same "sample: the same dependents" "$deps_before" \
	"$("${C[@]}" dependents module-7/04-multi-db-architecture --json | grep -o '"id": *"[^"]*"')"
# Alias links put into a copy of the sample: canonicalize-links takes it
# back to the original, byte for byte.
rm -rf "$T/course"
sample_course # a fresh copy
lesson="$T/course/src/content/course/07-module-7/04-multi-database-architecture.mdx"
sed -i 's|(/course/08-module-8/|(/course/module-8/|g' "$lesson"
n=$(grep -o '/course/module-8/' "$lesson" | wc -l)
expect "sample: the alias links are errors" 1 "\[alias-link\]" "${C[@]}" check
expect "sample: canonicalize-links rewrites them" 0 "^$n links in 1 file rewritten$" "${C[@]}" run "$S/canonicalize-links.lua"
cmp -s "$lesson" "$ROOT/content/src/content/course/07-module-7/04-multi-database-architecture.mdx" &&
	pass "sample: the lesson is as it was, byte for byte" ||
	fail "sample: the lesson is as it was, byte for byte" "$(diff "$ROOT/content/src/content/course/07-module-7/04-multi-database-architecture.mdx" "$lesson")"
expect "sample: set-field difficulty for module 8" 0 \
	"^difficulty set to advanced in 2 lessons of 08-module-8 \(3 had it already\)$" \
	"${C[@]}" run "$S/set-field.lua" difficulty advanced --module 8
changed=$(diff -r "$ROOT/content/src/content/course/08-module-8" "$T/course/src/content/course/08-module-8" | grep '^[<>]')
same "sample: only the two difficulty lines changed, quoted as they were" "4 4" \
	"$(wc -l <<<"$changed") $(grep -cE '^(< difficulty: ("intermediate"|intermediate)|> difficulty: ("advanced"|advanced))$' <<<"$changed")"
expect "sample: check stays clean" 0 "^0 errors, 0 warnings, 0 notes$" "${C[@]}" check

# ---- a refused stale commit ----
fresh st
cp -r "$T/st" "$T/st-want"
printf "\nChanged behind the edit's back.\n" >>"$T/st-want/src/content/course/01-module-1/02-basics.mdx"
expect "stale: the commit is refused" 1 "02-basics.mdx changed since it was indexed" on st run "$ROOT/tests/lua/stale.lua"
same_tree "stale: every file as it was (the changed one as changed)" "$T/st-want" "$T/st"

# ---- dry runs write nothing ----
for step in "${STEPS[@]:0:3}"; do
	read -ra words <<<"$step"
	fresh d
	out=$(on d run --dry-run "$S/${words[0]}.lua" "${words[@]:1}" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q '^--- a/src/content/course/' <<<"$out" && grep -q '^+++ b/src/content/course/' <<<"$out" &&
		grep -q '^@@ ' <<<"$out" && grep -q 'dry run: nothing written' <<<"$out"; then
		pass "dry run: ${words[0]} prints the diff"
	else
		fail "dry run: ${words[0]} prints the diff" "exit $rc" "$out"
	fi
	same_tree "dry run: ${words[0]} writes nothing" "$F/edit-before" "$T/d"
done
fresh d
expect "dry run: the moved file's diff names both paths" 0 \
	"^\+\+\+ b/src/content/course/01-module-1/03-slots\.mdx$" on d run "$S/rename-lesson.lua" --dry-run module-2/01 01-module-1/03-slots
expect "dry run: set-field --dry-run" 0 "^\+difficulty: advanced$" on d run "$S/set-field.lua" difficulty advanced -m 2 -n
expect "dry run: canonicalize-links -n" 0 \
	"^\+\[the same through its alias\]\(/course/02-module-2/01-old-name\) and \[basics, by alias\]\(/course/01-module-1/02-basics#основы\)\.$" \
	on d run "$S/canonicalize-links.lua" -n
same_tree "dry run: the scripts' own --dry-run writes nothing" "$F/edit-before" "$T/d"

# ---- bad arguments: an error, nothing written ----
fresh b
expect "rename-lesson: an unknown lesson" 1 "^rename-lesson: no lesson 'nope'" on b run "$S/rename-lesson.lua" nope 01-module-1/09-x
expect "rename-lesson: NEW is a lesson already" 1 "exists already \(lesson 02-module-2/02-next\)" \
	on b run "$S/rename-lesson.lua" module-2/01 02-module-2/02-next
expect "rename-lesson: NEW is a file already" 1 "src/content/course/01-module-1/01-intro\.mdx exists already" \
	on b run "$S/rename-lesson.lua" module-2/01 src/content/course/01-module-1/01-intro.mdx
expect "rename-lesson: NEW outside the content folder" 1 "not a path inside the content folder" \
	on b run "$S/rename-lesson.lua" module-2/01 ../../outside
expect "rename-lesson: NEW missing" 2 "^usage: rename-lesson" on b run "$S/rename-lesson.lua" module-2/01
expect "set-field: no --module" 2 "say which module: --module M" on b run "$S/set-field.lua" difficulty advanced
expect "set-field: an unknown module" 1 "^set-field: no module '9' in the course" on b run "$S/set-field.lua" difficulty advanced -m 9
expect "set-field: not a number" 2 "'abc' is not a number" on b run "$S/set-field.lua" estimatedTime abc -m 2 --type number
expect "set-field: an unknown type" 2 "the type is string, number, boolean or list" on b run "$S/set-field.lua" x y -m 2 --type date
expect "set-field: a value typed as given" 0 '^\+estimatedTime: "30"$' on b run "$S/set-field.lua" estimatedTime 30 -m 2 -t string -n
expect "canonicalize-links: an argument" 2 "^usage: canonicalize-links" on b run "$S/canonicalize-links.lua" extra
same_tree "bad arguments: nothing written" "$F/edit-before" "$T/b"
