# Bulk edits lose nothing: a commit over 300 lessons killed with SIGKILL at
# random moments leaves every file exactly its old or its new version; the
# next run removes the leftover temporary files and the index is whole. A
# full disk and a folder that cannot be written make a commit fail with a
# clear error and change nothing.
. "$(dirname "$0")/lib.bash"
KILLS=${KILLS:-60}

make_course() { # DIR: 300 lessons in 3 modules
	local dir=$1 m i f
	mkdir -p "$dir"
	printf 'content: src/content/course\nunknown_keys: allow\n' > "$dir/courseq.yaml"
	for m in 1 2 3; do
		mkdir -p "$dir/src/content/course/0$m-module-$m"
		for i in $(seq -w 1 100); do
			f="$dir/src/content/course/0$m-module-$m/$i-lesson.mdx"
			printf -- '---\ntitle: "Lesson %s.%s"\ndescription: "x"\norder: %d\ndifficulty: beginner # to raise\nestimatedTime: 10\ntopics: ["t"]\n---\n\n## Урок %s\n\nTODO: write the lesson. TODO again.\n' \
				"$m" "$i" "$((10#$i))" "$i" > "$f"
		done
	done
}

cat > "$T/edit.lua" <<'LUA'
-- raise every lesson's difficulty and rewrite its body, in one commit
local db = courseq.db
local e = db:edit()
for l in db:lessons() do
  assert(e:set(l.id, "difficulty", "intermediate"))
  assert(e:replace(l.id, "TODO", "DONE"))
end
assert(e:commit())
LUA

make_course "$T/base"
"$COURSEQ" -C "$T/base" index >/dev/null
cp -r "$T/base" "$T/after"
"$COURSEQ" -C "$T/after" run "$T/edit.lua" || fail "the edit runs"
same "the edit changes all 300 files" 300 "$(grep -rl 'DONE: write' "$T/after/src" | wc -l)"

# How long a whole run takes, to spread the kills over it.
cp -r "$T/base" "$T/timing"
start=$(date +%s%N)
"$COURSEQ" -C "$T/timing" run "$T/edit.lua"
span=$(( ($(date +%s%N) - start) / 1000 ))
echo "# a whole run takes ${span} us"

mixed=0
bad=0
for k in $(seq 1 "$KILLS"); do
	rm -rf "$T/run"
	cp -r "$T/base" "$T/run"
	"$COURSEQ" -C "$T/run" run "$T/edit.lua" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v s="$span" -v r="$RANDOM" 'BEGIN { printf "%.6f", s * (r / 32767) / 1e6 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	old=0 new=0
	for f in $(cd "$T/base" && find src -name '*.mdx'); do
		if cmp -s "$T/run/$f" "$T/base/$f"; then
			old=$((old + 1))
		elif cmp -s "$T/run/$f" "$T/after/$f"; then
			new=$((new + 1))
		else
			bad=$((bad + 1))
			echo "# kill $k: $f is neither the old nor the new version"
		fi
	done
	[ "$old" -gt 0 ] && [ "$new" -gt 0 ] && mixed=$((mixed + 1))
	left=$(find "$T/run" -name '.courseq-edit-*' | wc -l)
	"$COURSEQ" -C "$T/run" index >/dev/null 2>&1 || bad=$((bad + 1))
	if [ "$(find "$T/run" -name '.courseq-edit-*' | wc -l)" -ne 0 ]; then
		bad=$((bad + 1))
		echo "# kill $k: $left temporary files were not removed"
	fi
	ic=$(sqlite3 "$T/run/.courseq/index.db" 'PRAGMA integrity_check')
	n=$(sqlite3 "$T/run/.courseq/index.db" 'SELECT count(*) FROM lessons')
	if [ "$ic" != ok ] || [ "$n" -ne 300 ]; then
		bad=$((bad + 1))
		echo "# kill $k: index: $ic, $n lessons"
	fi
done
echo "# $KILLS kills, $mixed of them between the first and the last rename"
same "after $KILLS kills every file is old or new, temporary files go, the index is whole" 0 "$bad"

# A full disk: a small tmpfs when this machine lets us mount one, else a
# file size limit (the same failure to write, EFBIG instead of ENOSPC).
rm -rf "$T/full"
cp -r "$T/base" "$T/full"
cat > "$T/big.lua" <<'LUA'
local e = courseq.db:edit()
for l in courseq.db:lessons() do assert(e:set(l.id, "difficulty", "advanced")) end
assert(e:replace("module-2/050", "TODO", string.rep("большой текст ", 40000), 1))
local ok, err = e:commit()
print(ok, err)
return ok and 0 or 1
LUA
sums() { (cd "$1" && find -L src -type f -exec md5sum {} + | sort); }
sums "$T/full" > "$T/full.before"
if mkdir -p "$T/full/mnt" && mount -t tmpfs -o size=1600k tmpfs "$T/full/mnt" 2>/dev/null; then
	mv "$T/full/src" "$T/full/mnt/src" && ln -s mnt/src "$T/full/src"
	sed -i 's|^content:.*|content: mnt/src/content/course|' "$T/full/courseq.yaml"
	"$COURSEQ" -C "$T/full" index >/dev/null
	expect "a full disk fails the commit clearly" 1 "cannot write the new .*: No space left on device; nothing was changed" \
		"$COURSEQ" -C "$T/full" run "$T/big.lua"
	sums "$T/full" > "$T/full.after"
	umount "$T/full/mnt"
	echo "# full disk: a 1.6 MB tmpfs"
else
	"$COURSEQ" -C "$T/full" index >/dev/null
	expect "a full disk fails the commit clearly" 1 "cannot write the new .*: File too large; nothing was changed" \
		bash -c "trap '' XFSZ; ulimit -f 64; '$COURSEQ' -C '$T/full' run '$T/big.lua'"
	sums "$T/full" > "$T/full.after"
	echo "# full disk: no tmpfs here, a 64 KB file size limit instead"
fi
same "and changes nothing" "$(cat "$T/full.before")" "$(cat "$T/full.after")"
same "and leaves no temporary file" 0 "$(find "$T/full" -name '.courseq-edit-*' 2>/dev/null | wc -l)"

# A folder that cannot be written, in the middle of the course.
rm -rf "$T/ro"
cp -r "$T/base" "$T/ro"
find "$T/ro/src" -type f -exec md5sum {} + | sort > "$T/ro.before"
run_as=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod -R a+rwX "$T/ro"
	run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	chmod a+rx "$T" "$T/edit.lua" 2>/dev/null
fi
"${run_as[@]}" "$COURSEQ" -C "$T/ro" index >/dev/null
chmod a-w "$T/ro/src/content/course/02-module-2"
expect "a read-only folder fails the commit clearly" 1 "cannot write the new src/content/course/02-module-2/.*Permission denied; nothing was changed" \
	"${run_as[@]}" "$COURSEQ" -C "$T/ro" run "$T/edit.lua"
chmod u+w "$T/ro/src/content/course/02-module-2"
find "$T/ro/src" -type f -exec md5sum {} + | sort > "$T/ro.after"
same "and changes nothing" "$(cat "$T/ro.before")" "$(cat "$T/ro.after")"
same "and leaves no temporary file" 0 "$(find "$T/ro" -name '.courseq-edit-*' | wc -l)"
