# Several courseq processes on one course at once, for a bounded time: two
# change lessons and refresh, three query (searches too, whose file is
# written apart from the index); nobody sees "database is locked" or any
# error, every answer comes from a consistent snapshot, and the index
# passes SQLite's integrity check. A truncated index is rebuilt.
. "$(dirname "$0")/lib.bash"
SECONDS_TO_RUN=${SECONDS_TO_RUN:-6}
C="$T/course"
mkdir -p "$C/src/content/course/01-module-1"
printf 'content: src/content/course\n' > "$C/courseq.yaml"
for i in $(seq -w 1 30); do
	prev=$((10#$i - 1))
	{
		printf -- '---\ntitle: "L%s"\ndescription: "x"\norder: %d\ndifficulty: beginner\nestimatedTime: 1\ntopics: ["t"]\n' "$i" "$((10#$i))"
		[ "$prev" -gt 0 ] && printf 'prerequisites: ["module-1/%02d-l"]\n' "$prev"
		printf -- '---\n\n## H\n\nSee [the first](/course/01-module-1/01-l#h).\n'
	} > "$C/src/content/course/01-module-1/$i-l.mdx"
done
"$COURSEQ" -C "$C" index >/dev/null
end=$(( $(date +%s) + SECONDS_TO_RUN ))

writer() { # changes a lesson's body (never its prerequisites) and refreshes
	local n=0
	while [ "$(date +%s)" -lt "$end" ]; do
		f="$C/src/content/course/01-module-1/$(printf %02d $((RANDOM % 30 + 1)))-l.mdx"
		printf 'Line %s from %s.\n' "$n" "$1" >> "$f"
		"$COURSEQ" -C "$C" index >/dev/null 2>>"$T/err.$1" || echo "index failed" >> "$T/err.$1"
		n=$((n + 1))
	done
	echo "$n" > "$T/count.$1"
}

reader() { # every answer must be the whole course as it always is
	local n=0 out
	while [ "$(date +%s)" -lt "$end" ]; do
		out=$("$COURSEQ" -C "$C" query --tsv "SELECT count(*), sum(estimated_time) FROM lessons" 2>>"$T/err.$1" | sed 1d)
		[ "$out" = $'30\t30' ] || echo "inconsistent: '$out'" >> "$T/err.$1"
		out=$("$COURSEQ" -C "$C" prereqs --json module-1/30 2>>"$T/err.$1" | grep -c '"id"')
		[ "$out" = 30 ] || echo "path of $out lessons" >> "$T/err.$1"
		"$COURSEQ" -C "$C" check >/dev/null 2>>"$T/err.$1" || echo "check failed" >> "$T/err.$1"
		# The search file is committed apart from the index: still every
		# lesson, never one missing because it changed meanwhile.
		out=$("$COURSEQ" -C "$C" search --limit 100 --json first 2>>"$T/err.$1" | grep -c '"id"')
		[ "$out" = 30 ] || echo "search found $out lessons" >> "$T/err.$1"
		n=$((n + 1))
	done
	echo "$n" > "$T/count.$1"
}

writer w1 & writer w2 & reader r1 & reader r2 & reader r3 &
wait
total=$(cat "$T"/count.* | paste -sd+ | bc)
echo "# $SECONDS_TO_RUN s: $(cat "$T"/count.w* | paste -sd+ | bc) refreshes with a change, $(cat "$T"/count.r* | paste -sd+ | bc) rounds of queries"
same "no errors, no 'database is locked', consistent answers" "" "$(cat "$T"/err.* | sort | uniq -c | head -5)"
# Under valgrind a process is some fifty times slower.
min_rounds=${VALGRIND:+4}
[ "$total" -gt "${min_rounds:-10}" ] && pass "the processes really ran ($total rounds)" || fail "the processes ran only $total rounds"
same "integrity check" ok "$(sqlite3 "$C/.courseq/index.db" 'PRAGMA integrity_check')"

# A truncated or corrupt index is detected and rebuilt from the lessons.
"$COURSEQ" -C "$C" index >/dev/null
sqlite3 "$C/.courseq/index.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
size=$(stat -c %s "$C/.courseq/index.db")
truncate -s $((size / 2)) "$C/.courseq/index.db"
expect "a truncated index is rebuilt" 0 "^30$" bash -c "'$COURSEQ' -C '$C' list --tsv | sed 1d | wc -l"
expect "and is whole again" 0 "^ok$" sqlite3 "$C/.courseq/index.db" 'PRAGMA integrity_check'
dd if=/dev/urandom of="$C/.courseq/index.db" bs=1 count=2000 seek=3000 conv=notrunc 2>/dev/null
expect "a corrupted index is rebuilt" 0 "module-1/30" "$COURSEQ" -C "$C" prereqs module-1/30
