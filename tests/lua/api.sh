# The Lua module's read API (tests/lua/api.lua) gives byte-identical
# output under `courseq run` and under plain lua5.4; courseq.course() finds
# the course either way; the scripts behave the same under both.
. "$(dirname "$0")/lib.bash"
COURSE="$F/course"
API="$ROOT/tests/lua/api.lua"

run_out=$("$COURSEQ" -C "$COURSE" --db "$T/a.db" run "$API" 2>&1)
same "api.lua under courseq run: exit 0" 0 $?
lua_out=$(COURSEQ_DIR="$COURSE" COURSEQ_DB="$T/a.db" lua54 "$API" 2>&1)
same "api.lua under lua5.4: exit 0" 0 $?
if [ "$run_out" = "$lua_out" ]; then
	pass "api.lua: the same output under courseq run and lua5.4"
else
	fail "api.lua: the same output under courseq run and lua5.4" "$(diff <(echo "$run_out") <(echo "$lua_out"))"
fi
cwd_out=$(cd "$COURSE" && COURSEQ_DB="$T/a.db" lua54 "$API" 2>&1)
same "api.lua under lua5.4: the course found from the working directory" "$run_out" "$cwd_out"
for line in 'refresh: integer 9, integer 0, integer 0, "float"' \
	'blob: integer 2, integer 0, integer 255, integer 2' \
	'query binds: integer 7, float 2.5, integer 1, nil nil, "x", "null"' \
	'query that writes: nil nil, "queries are read-only: writing, ATTACH and setting pragmas are refused"' \
	"lesson(nope): nil nil, \"no lesson 'nope'\"" \
	'lessons{ topic = "MySQL" }: "08-module-8/01-mysql 08-module-8/02-binlog 07-module-7/01-capstone"' \
	'diagnostics{ code = "broken-link" }: "broken-link@14 broken-link@18 broken-link@20"' \
	'path: "02-module-2/01-wal/30/30 02-module-2/02-slots*/25/55 08-module-8/01-mysql/20/75 08-module-8/02-binlog*/30/105 = 105"' \
	'search binlog: "08-module-8/02-binlog", "Binlog Architecture", "string", "float"' \
	'  url = "/course/07-module-7/01-capstone"' \
	'-Every change goes to the WAL first.' \
	'closed: "courseq.db (closed)", boolean false, "bad argument #1 to '"'?'"' (the course is closed)"'; do
	if grep -qxF -- "$line" <<<"$run_out"; then pass "api.lua: $line"; else fail "api.lua: $line" "$run_out"; fi
done
same "api.lua: no file changed by the edit it does not commit" "" \
	"$(grep -rl 'goes to the log' "$COURSE/src")"

# db:diagnostics with a list of codes (a table, not one string).
printf '%s\n' 'local got = {}' \
	'for _, d in ipairs(assert(courseq.db:diagnostics{code = {"alias-link", "broken-anchor"}})) do got[#got + 1] = d.code end' \
	'print(table.concat(got, " "))' >"$T/codes.lua"
expect "db:diagnostics{code = {a list}}" 0 "^broken-anchor alias-link$" \
	"$COURSEQ" -C "$COURSE" --db "$T/a.db" run "$T/codes.lua"

lua_nowhere() { COURSEQ_DIR="$T/nowhere" lua54 "$@"; }
expect "courseq.course() raises when there is no course" 1 "no course found" \
	lua_nowhere -e 'require("courseq").course()'

# The scripts: the same output and exit status both ways.
for args in "learning-path module-7/02" "link-integrity" "link-integrity 2 8" "curriculum-report --format csv" \
	"curriculum-report --format html" "plan-check plans/capstone.md plans/failing.md" "learning-path nope" "plan-check"; do
	read -ra words <<<"$args"
	a=$(cd "$COURSE" && "$COURSEQ" --db "$T/a.db" run "$S/${words[0]}.lua" "${words[@]:1}" 2>&1)
	ra=$?
	b=$(cd "$COURSE" && COURSEQ_DB="$T/a.db" lua54 "$S/${words[0]}.lua" "${words[@]:1}" 2>&1)
	rb=$?
	if [ "$a" = "$b" ] && [ "$ra" = "$rb" ]; then
		pass "$args: the same under courseq run and lua5.4 (exit $ra)"
	else
		fail "$args: the same under courseq run and lua5.4" "exit $ra and $rb" "$(diff <(echo "$a") <(echo "$b"))"
	fi
done
