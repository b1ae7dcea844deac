#!/usr/bin/env bash
# The search index lives in a file of its own (INDEX-search), committed
# apart from the index: a crash between the two commits, a deleted or
# damaged search file, and a document made from an older lesson must
# never give a wrong answer, and the next refresh makes them agree again.
. "$(dirname "$0")/lib.bash"
sample_course
C=("$COURSEQ" -C "$T/course")
IDX="$T/course/.courseq/index.db"
S="$IDX-search"
slot_lesson="02-module-2/03-replication-slots"

"${C[@]}" index >/dev/null
[ -f "$S" ] && pass "the search file sits beside the index" || fail "the search file sits beside the index"
same "generations agree after a refresh" \
	"$(sqlite3 "$IDX" "SELECT value FROM meta WHERE key = 'search'")" \
	"$(sqlite3 "$S" "SELECT value FROM meta WHERE key = 'generation'")"
expect "search answers" 0 "$slot_lesson" "${C[@]}" search слот
expect "query sees the search table" 0 "^35$" "${C[@]}" query --tsv "SELECT count(*) FROM search"

# Nothing changed: neither file is written.
before=$(sqlite3 "$S" "SELECT value FROM meta WHERE key = 'generation'")
"${C[@]}" index >/dev/null
same "an unchanged refresh leaves the generation" "$before" \
	"$(sqlite3 "$S" "SELECT value FROM meta WHERE key = 'generation'")"

# One lesson changed: the generation moves on in both, only it is parsed.
f="$T/course/src/content/course/02-module-2/03-replication-slots.mdx"
printf '\nПараграф про квазиуникальныйтермин.\n' >>"$f"
expect "a changed lesson is parsed alone" 0 "1 parsed" "${C[@]}" index
expect "its new words are found" 0 "$slot_lesson" "${C[@]}" search квазиуникальныйтермин
same "generations agree after a change" \
	"$(sqlite3 "$IDX" "SELECT value FROM meta WHERE key = 'search'")" \
	"$(sqlite3 "$S" "SELECT value FROM meta WHERE key = 'generation'")"

# A process killed between the two commits: the search file is ahead.
sqlite3 "$S" "UPDATE meta SET value = value + 1 WHERE key = 'generation'"
expect "generations apart: the next refresh rebuilds both" 0 "35 parsed" "${C[@]}" index
expect "and search answers again" 0 "$slot_lesson" "${C[@]}" search слот

# Killed after the search file's commit and before the index's: a
# document made from other content than its lesson's never answers, even
# from a command that does not refresh.
id=$(sqlite3 "$IDX" "SELECT id FROM lessons WHERE lesson = (SELECT max(lesson) FROM lessons)")
word=$(sqlite3 "$IDX" "SELECT title FROM lessons WHERE id = '$id'" | awk '{print $NF}')
expect "the last lesson is found by its title" 0 "^$id " "${C[@]}" --no-refresh search "$word"
sqlite3 "$S" "UPDATE docs SET hash = 'stale' WHERE lesson = (SELECT max(lesson) FROM docs);
	UPDATE meta SET value = value + 1 WHERE key = 'generation'"
expect_not "a stale document is not a hit" "^$id " "${C[@]}" --no-refresh search "$word"

# Deleted, damaged or of another version: made anew with the index.
rm -f "$S" "$S-wal" "$S-shm"
expect "a deleted search file is rebuilt" 0 "35 parsed" "${C[@]}" index
expect "search after the rebuild" 0 "$slot_lesson" "${C[@]}" search слот
rm -f "$S-wal" "$S-shm"
printf 'not a database at all, not at all' >"$S"
expect "a damaged search file is rebuilt" 0 "35 parsed" "${C[@]}" index
expect "search after repairing damage" 0 "$slot_lesson" "${C[@]}" search слот
sqlite3 "$S" "PRAGMA user_version = 99"
expect "a search file of another version is rebuilt" 0 "35 parsed" "${C[@]}" index
expect "search after a version change" 0 "$slot_lesson" "${C[@]}" search слот
same "integrity of the search file" "ok" "$(sqlite3 "$S" "PRAGMA integrity_check")"
same "every lesson has one document" "35 35" \
	"$(sqlite3 "$S" "SELECT count(*) FROM docs") $(sqlite3 "$S" "SELECT count(*) FROM search")"

# A removed lesson leaves the search index.
rm "$f"
expect "a removed lesson is dropped" 0 "1 removed" "${C[@]}" index
expect "and is not found" 1 "no lesson matches" "${C[@]}" search квазиуникальныйтермин
same "documents follow the lessons" "34" "$(sqlite3 "$S" "SELECT count(*) FROM docs")"
