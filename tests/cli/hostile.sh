# Hostile input: pathological nesting, huge lines and lessons, broken
# encodings, odd paths. Every lesson indexes, yields the diagnostic
# tests/hostile/expected.txt gives it and nothing else, and the whole
# course indexes within a bounded time (a guard against hangs, not a
# speed test).
. "$(dirname "$0")/lib.bash"
H="$ROOT/tests/hostile"
L="$T/course/src/content/course"
mkdir -p "$L"
# Course order is not what these lessons test.
printf 'content: src/content/course\nseverity:\n  duplicate-order: off\n  order-gap: off\n' > "$T/course/courseq.yaml"
cp "$H"/*.mdx "$L/"
# The large ones (a million links, 2 MB lines, ...) take valgrind hours:
# under it, the small ones only.
[ -z "${VALGRIND:-}" ] && python3 "$H/make_hostile.py" --large "$L"
# Odd paths: spaces and Cyrillic, and control characters in the id.
cp "$H/lt-space.mdx" "$L/урок с пробелами.mdx"
sed -i 's/^order: .*/order: 900/' "$L/урок с пробелами.mdx"
cp "$H/lt-space.mdx" "$L/ctl$(printf '\001')name.mdx"
sed -i 's/^order: .*/order: 901/' "$L/ctl$(printf '\001')name.mdx"
printf '\n[odd path](/course/%%D1%%83%%D1%%80%%D0%%BE%%D0%%BA%%20%%D1%%81%%20%%D0%%BF%%D1%%80%%D0%%BE%%D0%%B1%%D0%%B5%%D0%%BB%%D0%%B0%%D0%%BC%%D0%%B8)\n' >> "$L/lt-space.mdx"
n=$(ls "$L" | wc -l)

start=$(date +%s)
expect "all $n hostile lessons index" 0 "indexed $n lessons" timeout 300 "$COURSEQ" -C "$T/course" index
echo "# indexed $n hostile lessons ($(du -sh "$L" | cut -f1)) in $(( $(date +%s) - start )) s"

codes() { # NAME -> the distinct codes of its diagnostics
	"$COURSEQ" --no-refresh -C "$T/course" query --tsv -p "src/content/course/$1.mdx" \
		"SELECT DISTINCT code FROM diagnostics WHERE path = ?1 ORDER BY code" | sed 1d | paste -sd, -
}
while read -r name want; do
	case "$name" in '#'*|'') continue ;; esac
	[ -n "${VALGRIND:-}" ] && [ ! -e "$L/$name.mdx" ] && continue # made only outside valgrind
	got=$(codes "$name")
	[ -z "$got" ] && got=-
	same "$name: $want" "$want" "$got"
done < "$H/expected.txt"
same "a path with spaces and Cyrillic indexes clean" "" "$(codes 'урок с пробелами')"
expect "control characters in an id" 0 "ctl.name" "$COURSEQ" --no-refresh -C "$T/course" list --tsv
[ -z "${VALGRIND:-}" ] && expect "the million-link lesson has its million links" 0 "^1000000$" \
	bash -c "'$COURSEQ' --no-refresh -C '$T/course' query --tsv \"SELECT count(*) FROM links JOIN lessons USING (lesson) WHERE id = 'million-links'\" | sed 1d"
expect "a second refresh reads nothing" 0 "0 parsed" "$COURSEQ" -C "$T/course" index
