# Bad input gives a diagnostic at the right place, never a crash, and the
# rest of the course still indexes.
. "$(dirname "$0")/lib.bash"
L="$T/course/src/content/course"
mkdir -p "$L"
cp "$ROOT"/tests/bad/*.mdx "$L/"
head -c 2000 "$L/good.mdx" > "$L/invalid-utf8.mdx"
printf '\nBad byte: \xff\xfe here.\n' >> "$L/invalid-utf8.mdx"
{ head -c 200 "$L/good.mdx"; printf '\n\n## NUL \0 inside\n'; } > "$L/nul-bytes.mdx"
{ cat "$L/good.mdx"; head -c 10000000 /dev/zero | tr '\0' 'x'; echo; } > "$L/long-line.mdx"
{ printf -- '---\ntitle: deep\nx: '; head -c 10000 /dev/zero | tr '\0' '['; printf '\n---\n\n## Deep\n'; } > "$L/deep-yaml.mdx"
cp "$L/good.mdx" "$L/unreadable.mdx"
chmod 000 "$L/unreadable.mdx"
mkdir -p "$L/loop"
ln -s .. "$L/loop/again"
ln -s /etc "$L/outside"
C=("$COURSEQ" -C "$T/course")

# Root reads every file; run as nobody when root, so unreadable means it.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod -R a+rwX "$T"
	chmod 000 "$L/unreadable.mdx"
	C=(setpriv --reuid=nobody --regid=nogroup --clear-groups "${C[@]}")
fi

start=$(date +%s)
expect "the bad course indexes" 0 "indexed 14 lessons" "${C[@]}" index
elapsed=$(( $(date +%s) - start ))
echo "# indexed the bad course in ${elapsed}s"

diag() { # FILE CODE -> "line:col" of the first such diagnostic
	"${C[@]}" --no-refresh query --tsv -p "%$1" -p "$2" \
		"SELECT line || ':' || col FROM diagnostics WHERE path LIKE ?1 AND code = ?2 ORDER BY line, col LIMIT 1" | sed 1d
}
same "no frontmatter" "1:1" "$(diag no-frontmatter.mdx frontmatter-missing)"
same "unterminated frontmatter" "1:1" "$(diag unterminated-frontmatter.mdx frontmatter-unterminated)"
same "invalid YAML at the YAML error" "4:6" "$(diag invalid-yaml.mdx frontmatter-yaml)"
same "key of the wrong type at its value" "4:8" "$(diag wrong-type.mdx frontmatter-type)"
same "value not in the enum" "5:13" "$(diag wrong-type.mdx frontmatter-enum)"
same "unknown key" "8:1" "$(diag wrong-type.mdx frontmatter-unknown-key)"
same "empty file" "1:1" "$(diag empty.mdx empty-file)"
same "unclosed JSX at its tag" "12:1" "$(diag unclosed-jsx.mdx unclosed-jsx)"
same "unterminated expression" "10:11" "$(diag unterminated-expression.mdx mdx-syntax)"
same "unterminated template literal" "12:17" "$(diag unterminated-template.mdx mdx-syntax)"
same "alias bomb is bounded" "11:5" "$(diag alias-bomb.mdx frontmatter-yaml)"
same "invalid UTF-8 at the byte" "14:11" "$(diag invalid-utf8.mdx invalid-utf8)"
same "NUL byte" "15:8" "$(diag nul-bytes.mdx nul-byte)"
same "deep YAML nesting is bounded" "3:67" "$(diag deep-yaml.mdx frontmatter-yaml)"
same "unreadable file" "1:1" "$(diag unreadable.mdx unreadable)"
same "symlink loop" "1:1" "$(diag loop/again symlink-loop)"
same "symlink leaving the course" "1:1" "$(diag outside symlink-outside)"
expect "message says what to do" 0 "no closing '---' line; add one" "${C[@]}" --no-refresh query "SELECT message FROM diagnostics WHERE code = 'frontmatter-unterminated'"
expect "the good lesson is indexed" 0 "It works" "${C[@]}" --no-refresh show good
expect "the 10 MB line is indexed" 0 "long-line" "${C[@]}" --no-refresh list
expect "headings after a bad frontmatter still index" 0 "## Heading" "${C[@]}" --no-refresh show unterminated-frontmatter
expect "alias bomb lesson still has its heading" 0 "Still indexed" "${C[@]}" --no-refresh show alias-bomb
expect "a refresh changes nothing" 0 "0 parsed" "${C[@]}" index

# A config error in a course whose path alone is longer than the message
# buffer: the message is cut, nothing is written past it.
deep="$T/deep"
for i in $(seq 1 12); do deep="$deep/$(printf 'папка%.0s' $(seq 1 10))"; done
mkdir -p "$deep/src/content/course"
printf 'bogus: 1\n' > "$deep/courseq.yaml"
expect "config error under a path of ${#deep} characters" 1 "courseq: .*папка" "$COURSEQ" -C "$deep" list
