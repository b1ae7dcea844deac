# The report scripts (learning-path, link-integrity, curriculum-report,
# plan-check) on the fixture course (tests/fixtures/lua/course: its
# courseq.yaml says what each part of it is for) and on the sample course:
# exit codes, figures, formats. Indexes go to $T, never into the tree.
. "$(dirname "$0")/lib.bash"
c() { "$COURSEQ" -C "$F/course" --db "$T/c.db" "$@"; }
s() { "$COURSEQ" -C "$ROOT" --db "$T/s.db" "$@"; }

# has NAME TEXT LINE...: TEXT has each LINE, exactly (fixed strings).
has() {
	local name=$1 text=$2 line missing=()
	shift 2
	for line in "$@"; do
		grep -qxF -- "$line" <<<"$text" || missing+=("missing: $line")
	done
	if [ "${#missing[@]}" -eq 0 ]; then pass "$name"; else fail "$name" "${missing[@]}" "in:" "$text"; fi
}

# ---- every script ----
out=$(s report --list)
for r in learning-path link-integrity curriculum-report plan-check rename-lesson canonicalize-links set-field; do
	if grep -qE "^$r +[A-Z].{30,}$" <<<"$out"; then pass "report --list: $r, with its description"; else fail "report --list: $r" "$out"; fi
	expect "$r --help" 0 "^usage: $r" c run "$S/$r.lua" --help
	expect "$r: a bad option is a usage error" 2 "^usage: $r" c run "$S/$r.lua" --no-such-option
done

# ---- learning-path ----
out=$(c run "$S/learning-path.lua" module-7/02)
same "learning-path: exit 0" 0 $?
has "learning-path: title, modules in path order, times, links to the pages" "$out" \
	"# Learning plan: Wrap-up" \
	"8 lessons in 4 modules, 3 h 10 min (190 min)." \
	'## Module 1 (`01-module-1`): 2 lessons, 30 min' \
	'## Module 2 (`02-module-2`): 2 lessons, 55 min' \
	'## Module 8 (`08-module-8`): 2 lessons, 50 min' \
	'## Module 7 (`07-module-7`): 2 lessons, 55 min' \
	"1. [Introduction](/course/01-module-1/01-intro) · beginner · 10 min" \
	"6. [Binlog Architecture](/course/08-module-8/02-binlog) · advanced · 30 min" \
	"8. **[Wrap-up](/course/07-module-7/02-wrapup)** · advanced · 15 min · goal" \
	"| 02-module-2 | 2 | 55 | 55 min |" \
	"| **total** | **8** | **190** | **3 h 10 min** |"
same "learning-path: module sections in path order" "1 2 8 7" \
	"$(sed -n 's/^## Module \([0-9]*\) .*/\1/p' <<<"$out" | tr '\n' ' ' | sed 's/ $//')"
has "learning-path: the missing prerequisite called out, and under its lesson" "$out" \
	"> **Missing prerequisites:** 1 prerequisite names no lesson; the plan cannot include it." \
	'> - `module-8/09-gone`, required by `07-module-7/01-capstone`' \
	"7. [Capstone](/course/07-module-7/01-capstone) · advanced · 40 min" \
	'   - **Missing prerequisite:** `module-8/09-gone` names no lesson'
expect "learning-path --known leaves out what the learner knows" 0 \
	"^5 lessons in 3 modules, 2 h 10 min \(130 min\)\.$" c run "$S/learning-path.lua" --known module-2/01 module-7/02
expect "learning-path: two goals, in path order" 0 "^# Learning plan: Replication Slots, Binlog Architecture$" \
	c run "$S/learning-path.lua" module-8/02 module-2/02
expect_not "learning-path: no missing prerequisite, no call-out" "Missing" c run "$S/learning-path.lua" module-8/02
expect "learning-path: links are the URLs the site serves (base included)" 0 \
	"^1\. \[Introduction\]\(/docs/course/01-module-1/01-intro\)" \
	"$COURSEQ" -C "$F/edit-before" --db "$T/e.db" run "$S/learning-path.lua" module-2/02
expect "learning-path: an unknown lesson fails" 1 "^learning-path: no lesson 'nope'" c run "$S/learning-path.lua" nope
expect "learning-path: no lesson is a usage error" 2 "^usage: learning-path" c run "$S/learning-path.lua"
out=$(s report learning-path module-7/04)
has "learning-path on the sample course" "$out" \
	"# Learning plan: Multi-Database CDC Architecture" \
	"17 lessons in 6 modules, 9 h 10 min (550 min)." \
	"1. [What Is Change Data Capture](/course/01-module-1/01-what-is-cdc) · beginner · 20 min" \
	'## Module 8 (`08-module-8`): 2 lessons, 1 h' \
	"17. **[Multi-Database CDC Architecture](/course/07-module-7/04-multi-database-architecture)** · advanced · 35 min · goal" \
	"| **total** | **17** | **550** | **9 h 10 min** |"

# ---- link-integrity ----
out=$(c run "$S/link-integrity.lua")
same "link-integrity: broken links exit 1" 1 $?
grep -E '^07-module-7 +02-module-2 +2 +1 +2 +1$' <<<"$out" >/dev/null &&
	grep -E '^07-module-7 +08-module-8 +3 +2 +2 +3$' <<<"$out" >/dev/null &&
	pass "link-integrity: links, prerequisites, ok and broken per module pair" ||
	fail "link-integrity: links, prerequisites, ok and broken per module pair" "$out"
broken=$(sed -n '/^modules /,$p' <<<"$out" | sed 1d | sed 's/  */ /g')
same "link-integrity: what is broken and why: pair, status, source, target, suggestion" \
	"07-module-7 -> 08-module-8 missing src/content/course/07-module-7/01-capstone.mdx:8 module-8/09-gone write a lesson id such as module-1/01-intro
07-module-7 -> 02-module-2 broken-link src/content/course/07-module-7/01-capstone.mdx:14 /course/02-module-2/99-nope did you mean /course/02-module-2/01-wal?
07-module-7 -> 08-module-8 broken-anchor src/content/course/07-module-7/01-capstone.mdx:16 /course/08-module-8/01-mysql#no-such-heading link to one of its headings
07-module-7 -> 08-module-8 alias-link src/content/course/07-module-7/01-capstone.mdx:17 /course/module-8/02-binlog the site serves it at /course/08-module-8/02-binlog
07-module-7 -> module-9 (no such module) broken-link src/content/course/07-module-7/01-capstone.mdx:18 /course/09-module-9/01-overview fix or remove it
07-module-7 -> ? broken-link src/content/course/07-module-7/01-capstone.mdx:20 /glossary fix or remove it" \
	"$broken"
out=$(c run "$S/link-integrity.lua" 2 08-module-8)
same "link-integrity among the modules given: exit 0 when they resolve" 0 $?
grep -E '^08-module-8 +02-module-2 +1 +0 +1 +0$' <<<"$out" >/dev/null && grep -q '^Nothing broken' <<<"$out" &&
	pass "link-integrity among the modules given: both ways" || fail "link-integrity among the modules given: both ways" "$out"
expect "link-integrity: modules by alias folder and folder" 1 "^08-module-8 +07-module-7 +0 +0 +0 +0$" \
	c run "$S/link-integrity.lua" module-8 07-module-7
expect "link-integrity: an unknown module is a usage error" 2 "no module '5' in the course" c run "$S/link-integrity.lua" 2 5
expect "link-integrity: one module is a usage error" 2 "name two modules or more" c run "$S/link-integrity.lua" 7
out=$(s report link-integrity)
same "link-integrity on the sample course: exit 0" 0 $?
grep -E '^07-module-7 +02-module-2 +9 +0 +9 +0$' <<<"$out" >/dev/null &&
	grep -E '^07-module-7 +08-module-8 +12 +2 +14 +0$' <<<"$out" >/dev/null &&
	grep -q '^Nothing broken: the 23 links and prerequisites checked resolve\.$' <<<"$out" &&
	pass "link-integrity on the sample course: capstone to modules 2 and 8" ||
	fail "link-integrity on the sample course: capstone to modules 2 and 8" "$out"
# Module 8 renumbered to 9: every capstone link into it breaks.
sample_course
mv "$T/course/src/content/course/08-module-8" "$T/course/src/content/course/09-module-9"
sed -i 's/module-8, module-7/module-9, module-7/' "$T/course/courseq.yaml"
out=$("$COURSEQ" -C "$T/course" --db "$T/r.db" run "$S/link-integrity.lua")
same "link-integrity after a module is renumbered: exit 1" 1 $?
grep -qE '^07-module-7 +module-8 \(no such module\) +12 +2 +0 +14$' <<<"$out" &&
	pass "link-integrity after a module is renumbered: its 12 links and 2 prerequisites broken" ||
	fail "link-integrity after a module is renumbered: its 12 links and 2 prerequisites broken" "$out"
same "link-integrity after a module is renumbered: each listed, with the fix" 14 \
	"$(grep -cE '^07-module-7 -> module-8 \(no such module\) +(broken-link|missing) .*did you mean .*module-9/' <<<"$out")"

# ---- curriculum-report ----
out=$(c run "$S/curriculum-report.lua")
same "curriculum-report: exit 0" 0 $?
has "curriculum-report: modules, time, difficulty mix and whether it rises" "$out" \
	"9 lessons in 4 modules, 195 min (3.2 h) in total." \
	"| 01-module-1 | 2 | 30 | 1 | 1 | 0 | 0 | yes |" \
	"| 02-module-2 | 3 | 60 | 1 | 1 | 1 | 0 | no: 02-slots (advanced) then 03-extra (beginner) |" \
	"| 08-module-8 | 2 | 50 | 0 | 1 | 1 | 0 | yes |" \
	"| 07-module-7 | 2 | 55 | 0 | 0 | 2 | 0 | yes |"
has "curriculum-report: topics by module" "$out" \
	"| topic | 01-module-1 | 02-module-2 | 08-module-8 | 07-module-7 | lessons |" \
	"| PostgreSQL |  | 3 |  | 1 | 4 |" \
	"| CDC | 2 |  |  | 2 | 4 |"
same "curriculum-report: the orphan (linked to only by itself)" \
	'- [Extra: "psql", Tips & \<tricks\>](/course/02-module-2/03-extra) `02-module-2/03-extra`' \
	"$(sed -n '/^## Orphans/,/^## Most/p' <<<"$out" | grep '^- ')"
has "curriculum-report: most depended on, transitively" "$out" \
	'| [Introduction](/course/01-module-1/01-intro) `01-module-1/01-intro` | 7 | 1 |' \
	'| [Basics](/course/01-module-1/02-basics) `01-module-1/02-basics` | 6 | 2 |'
has "curriculum-report: the critical path" "$out" "The longest prerequisite chain by time: 6 lessons, 140 min (2.3 h)."
same "curriculum-report: the critical path's lessons, in order" \
	"01-module-1/01-intro 01-module-1/02-basics 02-module-2/01-wal 02-module-2/02-slots 07-module-7/01-capstone 07-module-7/02-wrapup" \
	"$(sed -n '/^## Critical path/,/^## Module graph/p' <<<"$out" | sed -n 's/^[0-9]*\. .* `\([^`]*\)`: .*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
has "curriculum-report: the module graph, weighted" "$out" '```mermaid' "flowchart LR" \
	"  m01_module_1 -->|1| m02_module_2" "  m08_module_8 -->|1| m07_module_7" "| 02-module-2 | 07-module-7 | 1 |"

c run "$S/curriculum-report.lua" --format csv >"$T/r.csv"
same "curriculum-report --format csv: exit 0" 0 $?
same "csv: CR LF after every line" 0 "$(grep -cv $'\r$' "$T/r.csv")"
same "csv: RFC 4180 sections, quoting included" \
	"modules 4 11|lessons 9 6|topics 7 6|orphans 1 2|most_depended_on 7 4|critical_path 6 5|module_graph 4 3|title Extra: \"psql\", Tips & <tricks>" \
	"$(python3 - "$T/r.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f, strict=True))
sections, cur = [], None
for r in rows + [[]]:
    if not r:
        if cur: sections.append(cur)
        cur = None
    elif cur is None:
        cur = {"name": r[0], "rows": []}
    else:
        cur["rows"].append(r)
out = ["%s %d %d" % (s["name"], len(s["rows"]) - 1, len(s["rows"][0])) for s in sections]
lessons = next(s for s in sections if s["name"] == "lessons")["rows"]
out.append("title " + [r[3] for r in lessons if r[2] == "02-module-2/03-extra"][0])
print("|".join(out))
EOF
)"
grep -qF '02-module-2,3,02-module-2/03-extra,"Extra: ""psql"", Tips & <tricks>",beginner,5' "$T/r.csv" &&
	pass "csv: a field with quotes and commas is quoted, quotes doubled" ||
	fail "csv: a field with quotes and commas is quoted, quotes doubled" "$(cat "$T/r.csv")"

c run "$S/curriculum-report.lua" --format html >"$T/r.html"
same "curriculum-report --format html: exit 0" 0 $?
html=$(cat "$T/r.html")
if grep -qiE 'https?:|src=|<link|<script|@import|url\(' <<<"$html" || grep -oE 'href="[^"]*"' <<<"$html" | grep -qv 'href="#'; then
	fail "html: self-contained (no external resources, no links out of the page)" \
		"$(grep -noiE 'https?:[^"]*|src=[^ ]*|<link[^>]*|<script|@import|url\(|href="[^#][^"]*"' <<<"$html")"
else
	pass "html: self-contained (no external resources, no links out of the page)"
fi
same "html: one page, inline CSS" "1 1 1" \
	"$(grep -c '^<!DOCTYPE html>$' <<<"$html") $(grep -c '<html' <<<"$html") $(grep -c '<style>' <<<"$html")"
grep -qF '<pre class="mermaid">flowchart LR' <<<"$html" && grep -qF 'm01_module_1 --&gt;|1| m02_module_2' <<<"$html" &&
	pass "html: the Mermaid source in a pre block" || fail "html: the Mermaid source in a pre block" "$html"
grep -qF '<tr><td>02-module-2</td><td>07-module-7</td><td class="n">1</td></tr>' <<<"$html" &&
	pass "html: a table of module dependencies" || fail "html: a table of module dependencies" "$html"
grep -qF 'Extra: &quot;psql&quot;, Tips &amp; &lt;tricks&gt;' <<<"$html" && ! grep -qF '<tricks>' <<<"$html" &&
	pass "html: text is escaped" || fail "html: text is escaped" "$html"
same "html: the critical path as a numbered list" 6 \
	"$(sed -n '/<ol class="path">/,/<\/ol>/p' <<<"$html" | grep -c '^<li>')"
grep -qF '<span class="lvl" title="advanced"><i class="advanced"></i><i class="advanced"></i><i class="advanced"></i></span>' <<<"$html" &&
	grep -qF '<td class="n">60</td>' <<<"$html" && pass "html: difficulty as colored bars, numbers aligned right" ||
	fail "html: difficulty as colored bars, numbers aligned right" "$html"
expect "curriculum-report: an unknown format is a usage error" 2 "the format is md, csv or html" \
	c run "$S/curriculum-report.lua" --format pdf
out=$(s report curriculum-report)
has "curriculum-report on the sample course" "$out" "35 lessons in 8 modules, 1200 min (20.0 h) in total." \
	"The longest prerequisite chain by time: 12 lessons, 395 min (6.6 h)." \
	"| 07-module-7 | 5 | 190 | 0 | 0 | 5 | 0 | yes |"
grep -q '^12\. \[Implementing the Capstone Pipeline\].*: advanced, 60 min, 395 min so far$' <<<"$out" &&
	pass "curriculum-report on the sample course: the critical path ends at the implementation guide" ||
	fail "curriculum-report on the sample course: the critical path ends at the implementation guide" "$out"
same "curriculum-report on the sample course: the modules where difficulty falls" "04-module-4 06-module-6" \
	"$(grep -oE '^\| [0-9]+-module-[0-9]+ \|.*\| no: ' <<<"$out" | cut -d' ' -f2 | tr '\n' ' ' | sed 's/ $//')"
expect "curriculum-report on the sample course: csv" 0 "^critical_path" s report curriculum-report --format csv
expect_not "curriculum-report on the sample course: self-contained html" 'https?:|src=|href="[^#]' \
	s report curriculum-report --format html

# ---- plan-check ----
out=$(s report plan-check "$F/seed-plan.md") # the seed plan, 000_c6b428cfd1eb8635
same "plan-check: the seed plan holds against the sample course" 0 $?
grep -qE '^  ok +artifact src/content/course/07-module-7/04-multi-database-architecture\.mdx$' <<<"$out" &&
	grep -qE '^ +[0-9]+ lines, at least 250$' <<<"$out" &&
	grep -qE '^ +contains "ByLogicalTableRouter" at line [0-9]+: .*ByLogicalTableRouter' <<<"$out" &&
	grep -qE '^ +1 prerequisite, [0-9]+ markdown links, at lines 8, ' <<<"$out" &&
	grep -q '^3 of 3 must-haves hold$' <<<"$out" &&
	pass "plan-check: the seed plan's evidence (lesson, lines, where it contains, the links' lines)" ||
	fail "plan-check: the seed plan's evidence" "$out"
out=$(cd "$F/course" && c run "$S/plan-check.lua" plans/capstone.md)
same "plan-check: a plan that holds exits 0" 0 $?
has "plan-check: evidence, a key link as a Lua pattern" "$out" \
	"           22 lines, at least 15" \
	'           contains "## Sources" at line 11: ## Sources' \
	"           2 prerequisites, 3 markdown links, at lines 8, 15, 16, 17" \
	"           1 markdown link, at line 13" \
	"3 of 3 must-haves hold"
out=$(cd "$F/course" && c run "$S/plan-check.lua" plans/failing.md plans/none.md nope.md)
same "plan-check: a failing must-have exits 1" 1 $?
has "plan-check: what fails, and why" "$out" \
	"  FAIL   artifact src/content/course/07-module-7/02-wrapup.mdx" \
	"           FAIL 13 lines, fewer than 500" \
	'           contains "Both logs" at line 13: Both logs, one pipeline.' \
	'           FAIL does not contain "Kafka Streams"' \
	"           FAIL no lesson's path ends with src/content/course/07-module-7/03-retrospective.mdx" \
	"  FAIL   key link from 02-wrapup.mdx to PostgreSQL lessons" \
	"           FAIL no link or prerequisite matches" \
	"  ok     key link from 01-intro.mdx to The basics" \
	"  error  the frontmatter has no must_haves" \
	"1 of 4 must-haves hold; 2 plans could not be read"
expect "plan-check: a plan without must_haves fails" 1 "^0 of 0 must-haves hold; 1 plan could not be read$" \
	c run "$S/plan-check.lua" "$F/course/plans/none.md"
expect "plan-check: no plan is a usage error" 2 "^usage: plan-check" c run "$S/plan-check.lua"
