#!/usr/bin/env bash
# The multi-database architecture lesson against its plan
# (../shared/seed/000_c6b428cfd1eb8635.txt), through courseq's own index:
# its path, order, length, the term it must contain, its links to module 8
# and the capstone overview, its diagrams, tables, Callouts and imports.
. "$(dirname "$0")/lib.bash"
C=("$COURSEQ" -C "$ROOT" --db "$T/index.db")
ID=07-module-7/04-multi-database-architecture
q() { "${C[@]}" query --tsv -p "$ID" "$1" | sed 1d; }

same "the lesson is at the plan's path" \
	"content/src/content/course/$ID.mdx" "$(q "SELECT path FROM lessons WHERE id = ?1")"
same "order 4" "4" "$(q "SELECT ord FROM lessons WHERE id = ?1")"
lines=$(q "SELECT lines FROM lessons WHERE id = ?1")
[ "$lines" -ge 250 ] && pass "at least 250 lines ($lines)" || fail "at least 250 lines" "$lines"
expect "contains ByLogicalTableRouter" 0 "^$ID " "${C[@]}" search ByLogicalTableRouter
n=$(q "SELECT count(*) FROM links JOIN lessons USING (lesson) WHERE id = ?1 AND url LIKE '%module-8%' AND status = 'ok'")
[ "$n" -ge 1 ] && pass "links into module 8 that resolve ($n)" || fail "links into module 8" "$n"
n=$(q "SELECT count(*) FROM links JOIN lessons USING (lesson) WHERE id = ?1 AND (url LIKE '%module-7/01-capstone-overview%') AND status = 'ok'")
[ "$n" -ge 1 ] && pass "a link to the capstone overview that resolves ($n)" || fail "a link to the capstone overview" "$n"
for what in diagrams tables callouts; do
	n=$(q "SELECT count(*) FROM $what JOIN lessons USING (lesson) WHERE id = ?1")
	[ "$n" -ge 2 ] && pass "at least 2 $what ($n)" || fail "at least 2 $what" "$n"
done
same "the two imports" "../../../components/Callout.tsx,../../../components/Mermaid.tsx" \
	"$(q "SELECT group_concat(source) FROM (SELECT source FROM imports JOIN lessons USING (lesson) WHERE id = ?1 ORDER BY source)")"
same "no problems in it" "" "$("${C[@]}" check --path "*$ID.mdx" --format json | python3 -c 'import json, sys; print("".join(d["code"] for d in json.load(sys.stdin)))')"
n=$("${C[@]}" prereqs --json module-7/04 | python3 -c 'import json, sys; p = json.load(sys.stdin)["path"]; print(len(p), len({s["id"].split("/")[0] for s in p}))')
read -r steps modules <<<"$n"
[ "$steps" -ge 5 ] && [ "$modules" -ge 3 ] && pass "its learning path: $steps lessons across $modules modules" ||
	fail "its learning path: at least 5 lessons across 3 modules" "$n"
