# courseq check and courseq links: one instance of every diagnostic in the
# broken fixture, exactly where it belongs and nothing else; nothing at all
# in the clean fixture (every link form); links that try to leave the
# course or smuggle a NUL (hostile-links), refused without looking outside
# it; the output formats; filters; severities from the config.
. "$(dirname "$0")/lib.bash"
F="$ROOT/tests/fixtures/check"
b() { "$COURSEQ" --db "$T/b.db" -C "$F/broken" "$@"; }
c() { "$COURSEQ" --db "$T/c.db" -C "$F/clean" "$@"; }

out=$(b check)
rc=$?
same "broken: exit 1 on errors" 1 "$rc"
if [ "$out" = "$(cat "$F/broken.expected")" ]; then pass "broken: every diagnostic once, at its line and column"; else fail "broken: every diagnostic once, at its line and column" "$(diff <(echo "$out") "$F/broken.expected")"; fi
for code in broken-link broken-anchor alias-link file-link missing-base broken-asset broken-import \
	prerequisite-missing prerequisite-self prerequisite-cycle prerequisite-forward prerequisite-redundant \
	frontmatter-missing frontmatter-unterminated frontmatter-yaml frontmatter-duplicate-key \
	frontmatter-missing-key frontmatter-unknown-key frontmatter-type frontmatter-enum mdx-syntax \
	unclosed-jsx component-not-imported unused-import duplicate-order order-gap invalid-utf8 nul-byte empty-file; do
	same "broken: $code exactly once" 1 "$(grep -c "\[$code\]\$" <<<"$out")"
done
expect "clean: nothing to report" 0 "^0 errors, 0 warnings, 0 notes$" c check
expect "clean: --strict passes" 0 "^0 errors" c check --strict
same "clean: every link resolves" "" "$(c links --broken --tsv | sed 1d)"
expect "clean: links lists statuses" 0 "external" c links module-1/02-links
expect "clean: backlinks" 0 "01-module-1/02-links" c links --to module-1/01-intro

out=$("$COURSEQ" --db "$T/h.db" -C "$F/hostile-links" check)
if [ "$out" = "$(cat "$F/hostile-links.expected")" ]; then pass "hostile links: each diagnostic once, at its line and column"; else fail "hostile links: each diagnostic once, at its line and column" "$(diff <(echo "$out") "$F/hostile-links.expected")"; fi

# The paths that courseq's file system calls name, checking a copy of
# hostile-links with files beside it to tempt it: none outside the copy but
# the loader's, the index's and the folders above the copy (realpath reads
# them). strace prints each call's path arguments in quotes, and (-y) the
# folder a descriptor is open on, which a name opened under it is joined to.
joined_log() {
	sed -E 's/at\([0-9]+<([^>]*)>, "([^"])/at("\1\/\2/' "$T/strace.log"
}
outside_calls() {
	local root=$T/jail/course p=$T/jail/course
	{ printf '%s\n' "" --db -C check "$COURSEQ" "$PWD" /dev/urandom; while [ "$p" != / ]; do echo "$p"; p=$(dirname "$p"); done; echo /; } >"$T/allowed"
	joined_log | grep -oE '"([^"\\]|\\.)*"' | sed 's/^"//; s/"$//' | sort -u |
		awk -v root="$root/" -v db="$T/s.db" -v allowed="$T/allowed" '
			BEGIN { while ((getline l < allowed) > 0) ok[l] = 1 }
			$0 in ok { next }
			/(^|\/)\.\.?(\/|$)/ { print; next }
			index($0, root) == 1 || index($0, db) == 1 { next }
			/^\/(usr|lib|lib64|proc|sys)\// || /^\/etc\/ld\.so\./ { next }
			{ print }'
}
if [ -n "${VALGRIND:-}" ] || ! command -v strace >/dev/null || ! strace -f -qq -e trace=%file,%stat -o /dev/null true 2>/dev/null; then
	echo "ok hostile links: no file looked at outside the course # skip no strace that can trace here, or under valgrind"
else
	mkdir -p "$T/jail/course" "$T/jail/etc" "$T/jail/images"
	cp -r "$F/hostile-links/." "$T/jail/course/"
	touch "$T/jail/secret.tsx" "$T/jail/secret.png" "$T/jail/etc/passwd" "$T/jail/images/present.png"
	# LeakSanitizer stops the threads with ptrace, which strace holds.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -qq -y -s 4096 -e trace=%file,%stat -o "$T/strace.log" \
		"$COURSEQ" --db "$T/s.db" -C "$T/jail/course" check >/dev/null 2>&1
	# The lesson read proves strace saw the course being checked.
	if grep -qF "(\"$T/jail/course/src/content/course/01-module-1/01-links.mdx\"" \
		<(joined_log); then
		same "hostile links: no file looked at outside the course" "" "$(outside_calls)"
	else
		fail "hostile links: no file looked at outside the course" "strace saw no file checked" "$(head -20 "$T/strace.log")"
	fi
fi

expect "sorted by path and line" 0 "" bash -c "'$COURSEQ' --db '$T/b.db' -C '$F/broken' check | grep -E '^src/' | sort -t: -k1,1 -k2,2n -c"
expect "--format json" 0 '"code": "broken-anchor"' bash -c "'$COURSEQ' --db '$T/b.db' -C '$F/broken' check --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[1][\"code\"])' | grep -q '^29 broken-anchor' && echo '\"code\": \"broken-anchor\"'"
expect "--json is --format json" 1 '^\[' b check --json
sarif=$(b check --format sarif)
same "--format sarif is SARIF 2.1.0 with a result each" "2.1.0 29 29" "$(python3 -c '
import json,sys; d=json.loads(sys.argv[1]); r=d["runs"][0]
print(d["version"], len(r["results"]), len(r["tool"]["driver"]["rules"]))' "$sarif")"
same "sarif locations" "src/content/course/01-module-1/01-links.mdx 16 20" "$(python3 -c '
import json,sys; l=json.loads(sys.argv[1])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
print(l["artifactLocation"]["uri"], l["region"]["startLine"], l["region"]["startColumn"])' "$sarif")"
expect "--format github" 1 "^::error file=src/content/course/01-module-1/01-links.mdx,line=16,col=20,title=broken-link::link to" b check --format github
expect "github notes are notices" 1 "^::notice file=.*title=order-gap::" b check --format github
expect "--only narrows" 1 "^1 error, 0 warnings, 0 notes$" b check --only broken-anchor
expect "--only rejects an unknown code" 2 "'nope' is not a diagnostic code" b check --only nope
expect "--module narrows" 1 "^1 error, 0 warnings, 1 note$" b check --module 3
expect "--path narrows" 0 "^0 errors, 1 warning, 0 notes$" b check --path '*06-empty*'
expect "check --help lists every code" 0 "prerequisite-cycle" "$COURSEQ" check --help

mkdir -p "$T/sev"
cp -r "$F/broken/." "$T/sev/"
printf 'content: src/content/course\nbase: /docs\nrequire_base: true\nseverity:\n  broken-link: warning\n  order-gap: off\n' > "$T/sev/courseq.yaml"
expect "severity from the config" 1 "01-links.mdx:16:20: warning: link to /docs/course/01-module-1/99-nope" "$COURSEQ" -C "$T/sev" check
expect_not "a code turned off" "order-gap" "$COURSEQ" -C "$T/sev" check
printf 'severity:\n  broken-link: fatal\n' > "$T/sev/courseq.yaml"
expect "a bad severity names its line" 1 "courseq.yaml:2:16: severity of 'broken-link' must be error, warning, note or off" "$COURSEQ" -C "$T/sev" check

# The slug profile: Astro 5 drops a trailing '-'; Astro 6 keeps it.
mkdir -p "$T/a6"
cp -r "$F/clean/." "$T/a6/"
sed -i 's/"astro": "5.18.2"/"astro": "6.0.0"/' "$T/a6/package.json"
expect "astro 6 keeps the trailing dash: #итоги breaks" 1 "has no heading or id 'итоги'; did you mean #итоги-" "$COURSEQ" -C "$T/a6" check
printf 'content: src/content/course\nbase: /docs\nslugs: astro5\n' > "$T/a6/courseq.yaml"
expect "slugs in the config win" 0 "^0 errors" "$COURSEQ" -C "$T/a6" check

# Files come and go without a lesson changing.
mkdir -p "$T/files"
cp -r "$F/clean/." "$T/files/"
rm "$T/files/public/images/diagram.png"
expect "a removed image is reported" 1 "no file /images/diagram.png" "$COURSEQ" -C "$T/files" check
echo png > "$T/files/public/images/diagram.png"
expect "and forgotten when it is back" 0 "^0 errors" "$COURSEQ" -C "$T/files" check

# Links follow lessons that move.
mkdir -p "$T/move"
cp -r "$F/clean/." "$T/move/"
"$COURSEQ" -C "$T/move" index >/dev/null
mv "$T/move/src/content/course/01-module-1/01-intro.mdx" "$T/move/src/content/course/01-module-1/01-introduction.mdx"
expect "renaming a lesson breaks links to it" 1 "did you mean /docs/course/01-module-1/01-introduction" "$COURSEQ" -C "$T/move" check
mv "$T/move/src/content/course/01-module-1/01-introduction.mdx" "$T/move/src/content/course/01-module-1/01-intro.mdx"
expect "and renaming it back mends them" 0 "^0 errors" "$COURSEQ" -C "$T/move" check

# A refresh after each lesson changes, goes and comes back reports what a
# full index of the same files does: every diagnostic once, none stale.
mkdir -p "$T/step"
cp -r "$F/broken/." "$T/step/"
s() { "$COURSEQ" --db "$T/step.db" -C "$T/step" "$@"; }
s index >/dev/null
for f in "$T"/step/src/content/course/*/*.mdx; do
	printf '\n' >>"$f"
	s index >/dev/null
done
same "lessons changed one at a time: as a full index" \
	"$("$COURSEQ" --db "$T/step-full.db" -C "$T/step" check)" "$(s check)"
for f in "$T"/step/src/content/course/*/*.mdx; do
	mv "$f" "$T/step/away"
	s index >/dev/null
	mv "$T/step/away" "$f"
	s index >/dev/null
done
same "lessons gone and back one at a time: as a full index" \
	"$("$COURSEQ" --db "$T/step-full2.db" -C "$T/step" check)" "$(s check)"

# a.md and a.mdx are one id to the site: the first is indexed, the other
# reported; a lesson may change extension between refreshes.
mkdir -p "$T/ext"
cp -r "$F/clean/." "$T/ext/"
x() { "$COURSEQ" --db "$T/ext.db" -C "$T/ext" "$@"; }
L=$T/ext/src/content/course/01-module-1/01-intro
x index >/dev/null
mv "$L.mdx" "$L.md"
expect "a lesson renamed from .mdx to .md is indexed again" 0 "1 parsed" x index
same "under its new path" "src/content/course/01-module-1/01-intro.md" \
	"$(x query --tsv "SELECT path FROM lessons WHERE id = '01-module-1/01-intro'" | sed 1d)"
cp "$L.md" "$L.mdx"
expect "a.md beside a.mdx: the second is reported" 1 \
	"01-intro.mdx:1:1: error: has the same id as 01-intro.md, and the site keeps only one of them; rename or remove one \[duplicate-id\]" x check
rm "$L.md"
expect "and indexed once the first is gone" 0 "^0 errors" x check
same "under its path" "src/content/course/01-module-1/01-intro.mdx" \
	"$(x query --tsv "SELECT path FROM lessons WHERE id = '01-module-1/01-intro'" | sed 1d)"
same "as a full index finds it" "$("$COURSEQ" --db "$T/ext-full.db" -C "$T/ext" check)" "$(x check)"

# Relative links resolve as a browser resolves them: against the page's
# folder, which for a route ending in a file name (build.format 'file') is
# the folder of the page's file; '\' reads as '/'.
mkdir -p "$T/html/src/content/course/01-module-1" "$T/html/src/content/course/02-module-2"
printf 'content: src/content/course\nroute: /course/{id}.html\n' >"$T/html/courseq.yaml"
lesson() { printf -- '---\ntitle: %s\ndescription: d\norder: %s\ndifficulty: beginner\nestimatedTime: 5\ntopics: [t]\n---\n\n## Part\n\n%s\n' "$@"; }
lesson A 1 'Text.' >"$T/html/src/content/course/01-module-1/01-a.mdx"
lesson B 2 '[a](./01-a.html#part), [same](01-a.html), [b](..\02-module-2\01-c.html#part), [c](/course/02-module-2/01-c.html)' \
	>"$T/html/src/content/course/01-module-1/02-b.mdx"
lesson C 1 '[up](../01-module-1/02-b.html), [no](./01-a.html)' >"$T/html/src/content/course/02-module-2/01-c.mdx"
h=$("$COURSEQ" -C "$T/html" check)
same "a .html route: page-relative links reach their lessons" \
	"src/content/course/02-module-2/01-c.mdx:12:38: error: link to ./01-a.html reaches no lesson; did you mean /course/01-module-1/01-a.html? [broken-link]" \
	"$(grep -E '^src/' <<<"$h")"
same "'\\' in a link reads as '/', its anchor checked" "ok 02-module-2/01-c" \
	"$("$COURSEQ" -C "$T/html" links --tsv module-1/02-b | awk -F'\t' 'index($4, "\\") {print $5, $6}')"
