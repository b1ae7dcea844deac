# Helpers for the CLI tests: each check prints "ok NAME" or "not ok NAME"
# with the evidence, for tests/run.sh to count.
set -u
COURSEQ=${COURSEQ:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/courseq}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d)
trap 'chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT

pass() { echo "ok $1"; }
fail() {
	echo "not ok $1"
	shift
	printf '%s\n' "$@" | head -40 | sed 's/^/#   /'
}

# expect NAME WANT_EXIT REGEX CMD...: the command exits WANT_EXIT and its
# output (stdout and stderr) matches REGEX.
expect() {
	local name=$1 want=$2 re=$3 out rc
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$name" "exit $rc, want $want: $*" "$out"
	elif ! grep -qE -- "$re" <<<"$out"; then
		fail "$name" "output does not match /$re/: $*" "$out"
	else
		pass "$name"
	fi
}

# expect_not NAME REGEX CMD...: the command's output does not match REGEX.
expect_not() {
	local name=$1 re=$2 out
	shift 2
	out=$("$@" 2>&1)
	if grep -qE -- "$re" <<<"$out"; then
		fail "$name" "output matches /$re/: $*" "$out"
	else
		pass "$name"
	fi
}

# same NAME WANT GOT
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want: $2" "got:  $3"; fi
}

# A copy of the sample course's site in $T/course (lessons, components,
# pages, package.json: what its links and imports reach), with its config.
sample_course() {
	mkdir -p "$T/course"
	cp -r "$ROOT/content/src" "$ROOT/content/package.json" "$T/course/"
	sed 's|^content:.*|content: src/content/course|' "$ROOT/courseq.yaml" >"$T/course/courseq.yaml"
}
