# The prerequisite graph: learning paths, trees, dependents, pictures, and
# the problems it finds, on fixture courses, asserted exactly.
. "$(dirname "$0")/lib.bash"
G="$ROOT/tests/fixtures/graph"
q() { "$COURSEQ" --db "$T/$1.db" -C "$G/$1" "${@:2}"; }
ids() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(("!" if s["missing"] else "") + s["id"].split("/")[-1] for s in d["path"]), d["minutes"])'; }

same "chain: path" "01-intro 02-basics 01-advanced 60" "$(q chain prereqs --json module-2/01 | ids)"
same "chain: direct" "02-basics 01-advanced 50" "$(q chain prereqs --direct --json module-2/01 | ids)"
same "chain: running total" "10 30 60" "$(q chain prereqs --json module-2/01 | python3 -c 'import json,sys; print(*[s["total"] for s in json.load(sys.stdin)["path"]])')"
same "chain: dependents" "02-basics" "$(q chain dependents --json module-1/01 | ids | cut -d' ' -f1)"
same "chain: all dependents" "02-basics 01-advanced" "$(q chain dependents --all --json module-1/01 | ids | sed 's/ [0-9.]*$//')"
same "chain: nothing depends" "" "$(q chain dependents --json module-2/02 | ids | sed 's/ *[0-9.]*$//')"
same "diamond: ties in course order" "01-base 02-right 03-left 01-top 40" "$(q diamond prereqs --json module-2/01 | ids)"
expect "diamond: tree prints a lesson met twice once" 0 "└── 01-module-1/01-base  \(see above\)" q diamond prereqs --tree module-2/01
same "diamond: tree --json" "1" "$(q diamond prereqs --tree --json module-2/01 | grep -c '"seen": true')"
same "path: union of two targets" "01-base 02-right 03-left 30" "$(q diamond path --json module-1/02 module-1/03 | ids)"
same "path: --known drops a lesson and its prerequisites" "03-left 01-top 20" "$(q diamond path --known module-1/02 --json module-2/01 | ids)"

same "cycle: reported whole, each edge with file and line" \
	"lessons/01-module-1/02-b.mdx:9:5: error: prerequisite cycle: module-1/01-a -> module-1/03-c -> module-1/02-b -> module-1/01-a (lessons/01-module-1/01-a.mdx:9, lessons/01-module-1/03-c.mdx:9, lessons/01-module-1/02-b.mdx:9); remove one of these prerequisites [prerequisite-cycle]" \
	"$(q cycle check --only prerequisite-cycle | head -1)"
same "cycle: path still computed, broken at the reported edge" "02-b 03-c 01-a 04-d 40" "$(q cycle prereqs --json module-1/04 | ids)"
expect "cycle: drawn as a broken edge" 0 "n0 -.->\|cycle\| n1" q cycle graph
expect "cycle: check fails" 1 "1 error" q cycle check

same "missing: did you mean" \
	"lessons/01-module-1/02-next.mdx:9:5: error: prerequisite module-1/01-introductoin names no lesson; did you mean module-1/01-introduction? [prerequisite-missing]" \
	"$(q missing check | head -1)"
same "missing: shown in the path" "!01-introductoin 02-next 10" "$(q missing prereqs --json module-1/02 | ids)"
expect "missing: drawn dashed" 0 "x0 -.->\|missing\| n1" q missing graph
expect "missing: DOT marks it" 0 'label="missing"' q missing graph --format dot

same "forward: a warning" \
	"lessons/01-module-1/01-early.mdx:9:5: warning: prerequisite module-2/01-late comes later in course order; move one of the lessons or drop the prerequisite [prerequisite-forward]" \
	"$(q forward check | head -1)"
expect "forward: warnings pass check" 0 "0 errors, 1 warning" q forward check
expect "forward: --strict fails on warnings" 1 "1 warning" q forward check --strict
same "forward: path respects it" "01-late 01-early 20" "$(q forward prereqs --json module-1/01 | ids)"
same "redundant: a note" \
	"lessons/01-module-1/03-c.mdx:9:5: note: prerequisite module-1/01-a is implied by module-1/02-b, which requires it; you can drop it [prerequisite-redundant]" \
	"$(q redundant check | head -1)"
same "self: an error" \
	"lessons/01-module-1/01-me.mdx:9:5: error: the lesson requires itself; remove this prerequisite [prerequisite-self]" \
	"$(q self check | head -1)"
same "self: path has the lesson once" "01-me 10" "$(q self prereqs --json module-1/01 | ids)"

# Generated: a 200-deep chain and a lesson with 500 prerequisites.
mk() { # file title prereqs...
	local f=$1 t=$2
	shift 2
	mkdir -p "$(dirname "$f")"
	{
		printf -- '---\ntitle: "%s"\ndescription: "x"\norder: %d\ndifficulty: beginner\nestimatedTime: 1\ntopics: [x]\n' "$t" "$((10#$(basename "$f" | cut -c1-3)))"
		[ $# -gt 0 ] && printf 'prerequisites: [%s]\n' "$(IFS=,; echo "$*")"
		printf -- '---\n\n## %s\n' "$t"
	} > "$f.mdx"
}
D="$T/deep/src/content/course/01-module-1"
mk "$D/001-l" "L1"
for i in $(seq 2 200); do mk "$D/$(printf %03d "$i")-l" "L$i" "module-1/$(printf %03d $((i - 1)))-l"; done
expect "200-deep chain indexes" 0 "indexed 200 lessons" "$COURSEQ" -C "$T/deep" index
same "200-deep chain: the whole path in order" "200 200" \
	"$("$COURSEQ" -C "$T/deep" prereqs --json module-1/200 | python3 -c 'import json,sys; d=json.load(sys.stdin); p=[int(s["id"].split("/")[-1][:3]) for s in d["path"]]; print(len(p) if p == sorted(p) else -1, int(d["minutes"]))')"
same "200-deep chain: all dependents of the first" "199" "$("$COURSEQ" -C "$T/deep" dependents --all --json module-1/001 | python3 -c 'import json,sys; print(json.load(sys.stdin)["lessons"])')"
W="$T/wide/src/content/course/01-module-1"
for i in $(seq 1 500); do mk "$W/$(printf %03d "$i")-p" "P$i"; done
mkdir -p "$T/wide/src/content/course/02-module-2"
mk "$T/wide/src/content/course/02-module-2/001-all" "All" $(for i in $(seq 1 500); do printf 'module-1/%03d-p ' "$i"; done)
expect "500 prerequisites index" 0 "indexed 501 lessons" "$COURSEQ" -C "$T/wide" index
same "500 prerequisites: path of 501" "501" "$("$COURSEQ" -C "$T/wide" prereqs --json module-2/001 | python3 -c 'import json,sys; print(json.load(sys.stdin)["lessons"])')"
expect "500 prerequisites: clean" 0 "0 errors, 0 warnings, 0 notes" "$COURSEQ" -C "$T/wide" check

expect "content: module-7/04 path has 5+ lessons in 3+ modules" 0 "^ok" bash -c \
	"'$COURSEQ' --db '$T/content.db' -C '$ROOT' prereqs --json module-7/04 | python3 -c 'import json,sys; p=json.load(sys.stdin)[\"path\"]; print(\"ok\" if len(p) >= 5 and len({s[\"id\"].split(\"/\")[0] for s in p}) >= 3 else \"no\")'"
expect "unknown id suggests" 1 "did you mean module-1/02-basics" q chain prereqs module-1/02-basix
expect "ambiguous id lists candidates" 1 "matches 2 lessons" q chain prereqs module-1

# Titles that Mermaid would read as markup are written as its entities.
E="$T/escape/src/content/course/01-module-1"
mk "$E/001-a" 'Tips & <b>tricks</b> \"quoted\"'
mk "$E/002-b" "B" "module-1/001-a"
expect "graph: <, >, & and quotes in titles become Mermaid entities" 0 \
	'Tips #amp; #lt;b#gt;tricks#lt;/b#gt; #quot;quoted#quot;' "$COURSEQ" -C "$T/escape" graph
expect "graph --format dot: quotes escaped" 0 'Tips & <b>tricks</b> \\"quoted\\"' \
	"$COURSEQ" -C "$T/escape" graph --format dot
