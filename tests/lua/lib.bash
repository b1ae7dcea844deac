# Helpers for the Lua tests (tests/lua/*.sh), on top of the CLI tests' own:
# expect/same/pass/fail, $COURSEQ, $ROOT, $T and sample_course.
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.bash"
F="$ROOT/tests/fixtures/lua"
# The scripts, run by path: `courseq report NAME` finds them beside the
# command only in the plain build (build/../scripts), and in the course's
# own scripts/ folder (the sample course's, at the root, is this one).
S="$ROOT/scripts"

# lua54 ARGS...: plain lua5.4 with this build's courseq module (under a
# sanitized build, with the sanitizers' runtime preloaded, whose own leaks
# in the interpreter are not ours).
lua54() {
	local env=(LUA_CPATH="$ROOT/${BUILD:-build}/lua/?.so")
	if [ -n "${SANITIZED:-}" ]; then
		env+=(LD_PRELOAD="$(cc -print-file-name=libasan.so) $(cc -print-file-name=libubsan.so)"
			ASAN_OPTIONS=detect_leaks=0)
	fi
	env "${env[@]}" lua5.4 "$@"
}

# same_tree NAME WANT_DIR GOT_DIR: the same files, byte for byte, none
# added or missing.
same_tree() {
	local name=$1 want=$2 got=$3 diffs=() f
	while IFS= read -r f; do
		if [ ! -f "$want/$f" ]; then
			diffs+=("added: $f")
		elif [ ! -f "$got/$f" ]; then
			diffs+=("missing: $f")
		elif ! cmp -s "$want/$f" "$got/$f"; then
			diffs+=("differs: $f" "$(diff "$want/$f" "$got/$f" | cat -A | head -20)")
		fi
	done < <( (cd "$want" && find . -type f; cd "$got" && find . -type f) | sort -u)
	if [ "${#diffs[@]}" -eq 0 ]; then pass "$name"; else fail "$name" "${diffs[@]}"; fi
}

# The golden edits, as edit-before/courseq.yaml lists them (one command a
# line, after "#   "), into the array STEPS.
mapfile -t STEPS < <(sed -n 's/^#   \(.*\)$/\1/p' "$F/edit-before/courseq.yaml")
