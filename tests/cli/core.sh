# The core commands on a copy of the sample course: index, list, show,
# search, query; lookup rules; incremental refresh; errors and usage.
. "$(dirname "$0")/lib.bash"
sample_course
C=("$COURSEQ" -C "$T/course")

expect "index from nothing" 0 "indexed 35 lessons: 35 parsed, 0 unchanged" "${C[@]}" index
expect "index again reads nothing" 0 "0 parsed, 35 unchanged, 0 removed" "${C[@]}" index
touch "$T/course/src/content/course/01-module-1/01-what-is-cdc.mdx"
expect "touched file: same hash, not parsed" 0 "0 parsed, 35 unchanged" "${C[@]}" index
echo "Extra paragraph." >> "$T/course/src/content/course/01-module-1/02-cdc-approaches.mdx"
expect "changed file is parsed" 0 "1 parsed, 34 unchanged" "${C[@]}" index
mv "$T/course/src/content/course/06-module-6/03-cloud-databases.mdx" "$T/gone.mdx"
expect "deleted file is removed" 0 "indexed 34 lessons: 0 parsed, 34 unchanged, 1 removed" "${C[@]}" index
mv "$T/gone.mdx" "$T/course/src/content/course/06-module-6/03-cloud-databases.mdx"
expect "full rebuild" 0 "35 parsed, 0 unchanged" "${C[@]}" index --full
expect "index --json" 0 '"lessons": 35, "parsed": 0' "${C[@]}" index --json

order=$("${C[@]}" list --tsv | cut -f1 | sed 1d | cut -d/ -f1 | uniq | tr '\n' ' ')
same "list in course order (module 8 before 7)" \
	"01-module-1 02-module-2 03-module-3 04-module-4 05-module-5 06-module-6 08-module-8 07-module-7 " "$order"
expect "list --module 7" 0 "07-module-7/05-multi-database-configuration" "${C[@]}" list --module 7
expect "list --module module-8" 0 "08-module-8/02-binlog-architecture" "${C[@]}" list --module module-8
same "list --difficulty beginner count" 5 "$("${C[@]}" list --difficulty beginner --tsv | sed 1d | wc -l)"
expect "list --topic (any case)" 0 "02-module-2/01-wal-fundamentals" "${C[@]}" list --topic wal
expect "list --json is JSON" 0 '"alias": "module-7/04' bash -c "'$COURSEQ' -C '$T/course' list --json | python3 -m json.tool"

expect "show by prefix" 0 "Multi-Database CDC Architecture" "${C[@]}" show module-7/04
expect "show by id" 0 "alias  module-7/04-multi-database-architecture" "${C[@]}" show 07-module-7/04-multi-database-architecture
expect "show by path" 0 "Multi-Database" "${C[@]}" show "$T/course/src/content/course/07-module-7/04-multi-database-architecture.mdx"
expect "show ambiguous" 1 "'module-7' matches 5 lessons: module-7/01-capstone-overview" "${C[@]}" show module-7
expect "show unknown suggests" 1 "did you mean .*module-8/02-binlog-architecture" "${C[@]}" show module-8/02-binlog-architecure
expect "a mistyped part of an id suggests the whole" 1 "did you mean module-7/04-multi-database-architecture" "${C[@]}" show module-7/04-multi-databse
json=$("${C[@]}" show module-7/04 --json)
keys=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(" ".join(k for k in ["id","alias","path","frontmatter","headings","links","imports","components","code","tables","diagrams","diagnostics"] if k in d))' "$json")
same "show --json has the contract's keys" "id alias path frontmatter headings links imports components code tables diagrams diagnostics" "$keys"
got=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["frontmatter"]["order"], d["tables"], len(d["diagrams"]), d["imports"][0]["names"], d["headings"][0]["line"])' "$json")
same "show --json values" "4 4 2 ['Mermaid'] 18" "$got"

expect "search finds an English term" 0 "07-module-7/04-multi-database-architecture" "${C[@]}" search ByLogicalTableRouter
expect "search finds Russian in any case, by prefix" 0 "02-module-2/03-replication-slots" "${C[@]}" search СЛОТ
expect "search by word prefix" 0 "08-module-8" "${C[@]}" search binlog
expect "search with a hyphen" 0 "08-module-8/04-schema-history" "${C[@]}" search schema-history
expect "search without hits" 1 "no lesson matches" "${C[@]}" search zzzqqqxxx
expect "search --json" 0 '"snippet"' "${C[@]}" search --json pgoutput
expect "a snippet marks the word found, inflected" 0 '\*\*слота\*\*' "${C[@]}" search слот
expect "a snippet marks a whole phrase once" 0 '\*\*replication slot\*\*' "${C[@]}" search '"replication slot"'
# The best n hits are kept as the hits go by: the first n of every hit, in
# the same order, with the same snippets and ranks.
hits() { "${C[@]}" --no-refresh search --json --limit "$1" kafka | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)[:int(sys.argv[1])]))' "$2"; }
all=$("${C[@]}" --no-refresh search --json --limit 1000 kafka | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$all" -gt 20 ] && pass "kafka is in more lessons than a search shows ($all)" || fail "kafka is in more lessons than a search shows" "$all"
for n in 1 3 20; do
	same "search --limit $n: the first $n of every hit" "$(hits 1000 "$n")" "$(hits "$n" "$n")"
done

# Ranks as fts5vocab's count of each word's instances gives them
# (search_ranks.py), for every hit: one word, two, a word in few lessons.
ranks() { "${C[@]}" --no-refresh search --json --limit 1000 "$@" | python3 -c '
import json, sys
for h in sorted(json.load(sys.stdin), key=lambda h: h["id"]): print(h["id"], "%.9f" % h["rank"])'; }
for words in "kafka" "binlog gtid" "outbox kafka" "схема"; do
	# shellcheck disable=SC2086 # the words are meant to split
	same "search ranks of '$words' are BM25 of the instances" \
		"$(python3 "$(dirname "$0")/search_ranks.py" "$T/course/.courseq/index.db" $words)" "$(ranks $words)"
done

expect "query as a table" 0 "^module +n" "${C[@]}" query "SELECT module, count(*) AS n FROM lessons GROUP BY module"
expect "query --tsv" 0 $'^7\t5$' "${C[@]}" query --tsv "SELECT module, count(*) FROM lessons WHERE module = 7"
expect "query with a parameter" 0 '"n": 5' "${C[@]}" query --json -p 8 "SELECT count(*) AS n FROM lessons WHERE module = ?1"
expect "query refuses writes" 1 "read-only" "${C[@]}" query "DELETE FROM lessons"
expect "query refuses ATTACH" 1 "read-only" "${C[@]}" query "ATTACH DATABASE '$T/x.db' AS x"
expect "query refuses setting a pragma" 1 "read-only" "${C[@]}" query "PRAGMA user_version = 5"
expect "query allows reading a pragma" 0 "user_version" "${C[@]}" query "PRAGMA user_version"
expect "query refuses two statements" 1 "one SQL statement" "${C[@]}" query "SELECT 1; SELECT 2"
expect "query reports SQL errors" 1 "no such table" "${C[@]}" query "SELECT * FROM nope"

for cmd in index list show search query; do
	expect "$cmd --help" 0 "usage: courseq $cmd" "$COURSEQ" "$cmd" --help
done
expect "--help lists commands" 0 "search" "$COURSEQ" --help
expect "--version" 0 "^courseq [0-9]+\.[0-9]+" "$COURSEQ" --version
expect "unknown command is a usage error" 2 "'frobnicate' is not a command" "$COURSEQ" frobnicate
expect "unknown option is a usage error" 2 "unknown" "${C[@]}" list --frob
expect "show needs an id" 2 "show takes one lesson id" "${C[@]}" show

mkdir -p "$T/empty"
expect "no course found" 1 "no course found: no courseq.yaml" "$COURSEQ" -C "$T/empty" list
(cd "$T/course/src/content/course/07-module-7" && expect "config found from a subfolder" 0 "Multi-Database" "$COURSEQ" show module-7/04)

mkdir -p "$T/bad/src/content/course"
printf 'content: src/content/course\nslug: github\n' > "$T/bad/courseq.yaml"
expect "unknown config key names its line" 1 "courseq.yaml:2:1: unknown setting 'slug'" "$COURSEQ" -C "$T/bad" list
printf 'content: [a\n' > "$T/bad/courseq.yaml"
expect "invalid config YAML names its line" 1 "courseq.yaml:2:1: invalid YAML" "$COURSEQ" -C "$T/bad" list
printf 'route: course/{id}\n' > "$T/bad/courseq.yaml"
expect "bad config value names its line" 1 "courseq.yaml:1:8: 'route' must start with '/'" "$COURSEQ" -C "$T/bad" list

# An index of another version is rebuilt, never misread.
sqlite3 "$T/course/.courseq/index.db" "PRAGMA user_version = 999"
expect "index of another version is rebuilt" 0 "35 parsed" "${C[@]}" index
printf 'garbage' > "$T/course/.courseq/index.db"
rm -f "$T/course/.courseq/index.db-wal" "$T/course/.courseq/index.db-shm"
expect "damaged index is rebuilt" 0 "35 parsed" "${C[@]}" index
expect "--db puts the index elsewhere" 0 "35 parsed" "${C[@]}" --db "$T/other.db" index
[ -f "$T/other.db" ] && pass "--db file exists" || fail "--db file exists"
expect "--no-refresh answers from the index" 0 "Multi-Database" "${C[@]}" --no-refresh show module-7/04

# Each frontmatter value's type and how it is written.
same "field styles are names" "block double flow plain single" \
	"$("${C[@]}" query --tsv "SELECT DISTINCT style FROM fields ORDER BY style" | sed 1d | paste -sd' ')"
same "field types are names" "integer list string" \
	"$("${C[@]}" query --tsv "SELECT DISTINCT type FROM fields ORDER BY type" | sed 1d | paste -sd' ')"
expect "show --json has the URL the site serves" 0 '"url":"/course/07-module-7/04-multi-database-architecture"' "${C[@]}" show --json module-7/04
