# Bash completion (core/cli/courseq.bash): COMPREPLY for command lines, on
# a copy of the sample course and on the graph fixtures.
. "$(dirname "$0")/lib.bash"
. "$ROOT/core/cli/courseq.bash"
sample_course

# comp WORD...: completes the last word of `courseq WORD...` and prints
# COMPREPLY sorted, one a line.
comp() {
	COMP_WORDS=("$COURSEQ" "$@")
	COMP_CWORD=$#
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_courseq
	[ ${#COMPREPLY[@]} -gt 0 ] && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}
# has NAME WANT WORD...: WANT is among the candidates.
has() {
	local name=$1 want=$2 got
	shift 2
	got=$(comp "$@")
	if grep -qxF -- "$want" <<<"$got"; then pass "$name"; else fail "$name" "want $want among:" "$got"; fi
}
# hasnt NAME UNWANTED WORD...
hasnt() {
	local name=$1 no=$2 got
	shift 2
	got=$(comp "$@")
	if grep -qxF -- "$no" <<<"$got"; then fail "$name" "$no should not be offered:" "$got"; else pass "$name"; fi
}
lines() { sed '/^$/d' | tr '\n' ' ' | sed 's/ $//'; }
C=(-C "$T/course")
"$COURSEQ" -C "$T/course" index >/dev/null 2>&1

same "registered for courseq" "complete -F _courseq courseq" "$(complete -p courseq)"
same "commands" "check dependents graph index links list path prereqs query report run search show" "$(comp "" | lines)"
same "commands by prefix" "path prereqs" "$(comp p | lines)"
same "commands after global options" "dependents" "$(comp "${C[@]}" --no-refresh dep | lines)"
same "global options" "--db --help --json --no-refresh --version" "$(comp --| lines)"
same "check options" "--db --format --help --json --module --no-refresh --only --path --strict" "$(comp check --| lines)"
same "prereqs options" "--db --direct --help --json --no-refresh --tree" "$(comp prereqs --| lines)"
same "graph options" "--format --module" "$(comp graph --| grep -v -e --db -e --help -e --json -e --no-refresh | lines)"
same "index options" "--full" "$(comp index --f | lines)"
same "check --format values" "github json sarif text" "$(comp check --format "" | lines)"
same "check -f value by prefix" "sarif" "$(comp check -f s | lines)"
same "check --format=value" "github" "$(comp check --format = g | lines)"
same "graph --format values" "dot mermaid" "$(comp graph --format "" | lines)"
same "graph -f is not check's" "" "$(comp graph -f j | lines)"
has "check --only codes" "prerequisite-cycle" check --only prereq
same "check --only after a comma, not twice" \
	"broken-anchor,broken-asset broken-anchor,broken-import broken-anchor,broken-link broken-anchor,broken-symlink" \
	"$(comp check --only broken-anchor,broken- | lines)"

same "show: lesson ids by -C" "07-module-7/04-multi-database-architecture" "$(comp "${C[@]}" show 07-module-7/04 | lines)"
same "show: aliases" "module-7/04-multi-database-architecture" "$(comp "${C[@]}" show module-7/04 | lines)"
same "prereqs: every lesson of a module" 5 "$(comp "${C[@]}" prereqs module-8/ | wc -l)"
same "all 35 lessons, ids and aliases" 70 "$(comp "${C[@]}" show "" | wc -l)"
same "-C after the command" "module-7/04-multi-database-architecture" "$(comp show -C "$T/course" module-7/04 | lines)"
same "dependents: one lesson only" "" "$(comp "${C[@]}" dependents module-8/02-binlog-architecture module-8/0 | lines)"
same "path: several lessons" "module-8/01-mysql-cdc-overview" "$(comp "${C[@]}" path module-7/04 module-8/01 | lines)"
same "path --known after a comma" "module-1/02,module-1/05-local-lab-setup" "$(comp "${C[@]}" path --known module-1/02,module-1/05 | lines)"
same "links --to then a lesson" "module-6/03-cloud-databases" "$(comp "${C[@]}" links --to module-6/03 | lines)"
same "list --module values" "07-module-7 7 module-7" "$(comp "${C[@]}" list --module "" | grep 7 | lines)"
same "check -m values" "module-8" "$(comp "${C[@]}" check -m module-8 | lines)"
same "list --difficulty values" "advanced beginner intermediate" "$(comp "${C[@]}" list --difficulty "" | lines)"
same "no lessons for search" "" "$(comp "${C[@]}" search module-7 | lines)"
same "no lessons as a query" "" "$(comp "${C[@]}" query mod | lines)"
same "--db names the index" "01-module-1/01-base" "$(comp --db "$T/d.db" -C "$ROOT/tests/fixtures/graph/diamond" show 01-module-1/01 | lines)"
same "a course from cd" "module-2/01-top" "$(cd "$ROOT/tests/fixtures/graph/diamond" && comp --db "$T/d.db" prereqs module-2 | lines)"
has "-C completes folders" "$T/course" -C "$T/cou"
has "run completes files" "$T/course/courseq.yaml" "${C[@]}" run "$T/course/courseq"
same "no course: nothing, no noise" "" "$(cd "$T" && comp show mod 2>&1 | lines)"

# A lesson file named to run code if its id were expanded.
mkdir -p "$T/evil/src/content/course/01-module-1"
cp "$ROOT/tests/fixtures/graph/chain/lessons/01-module-1/01-intro.mdx" \
	"$T/evil/src/content/course/01-module-1/"'02-$(touch pwned).mdx'
got=$(cd "$T" && comp -C "$T/evil" show "01-module-1/02" | lines)
if [ -e "$T/pwned" ] || [ -e pwned ]; then
	fail "ids are not expanded" "a lesson's name ran a command"
else
	same "ids are not expanded" '01-module-1/02-$(touch pwned)' "$got"
fi
