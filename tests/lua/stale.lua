-- A refused stale commit (tests/lua/edits.sh): an edit of two lessons,
-- one of whose files changes behind the edit's back before the commit.
-- Prints the commit's error and exits 1 when it is refused, as it must be.
local db = courseq.course()
local e = assert(db:edit())
assert(e:set("module-1/01-intro", "difficulty", "advanced"))
assert(e:set("module-1/02-basics", "difficulty", "advanced"))
local f = assert(io.open(assert(db:lesson("module-1/02-basics")).file, "ab"))
f:write("\nChanged behind the edit's back.\n")
f:close()
local ok, err = e:commit()
if ok then
  print("committed")
  return 0
end
courseq.warn(err)
return 1
