-- Checks planning documents' must_haves (artifacts, key_links) against the course, with evidence
--
--     courseq report plan-check PLAN.md...
--     courseq run scripts/plan-check.lua PLAN.md...
--     LUA_CPATH="build/lua/?.so" lua5.4 scripts/plan-check.lua PLAN.md...
--
-- Under plain lua5.4 the course is the one found from COURSEQ_DIR (default
-- the working directory), its index COURSEQ_DB (default its own).
local courseq = courseq or require("courseq")

local USAGE = "usage: plan-check PLAN.md..."
local HELP = USAGE .. [[


Reads the frontmatter of each planning document and checks its
must_haves against the course:

  artifacts: - path: src/content/course/07-module-7/04-x.mdx
               min_lines: 250          (optional)
               contains: "SomeWord"    (optional; a string or a list)
  key_links: - from: 04-x.mdx
               pattern: "module-8"

A path names the lesson whose file path ends with it (plans are written
relative to the site; the match is at a '/'). An artifact holds when its
lesson exists, has at least min_lines lines, and contains each string (the
first line holding it is the evidence). A key link holds when a link or
prerequisite of the 'from' lesson matches the pattern, as a Lua pattern or
as plain text (the URL as written, or the lesson it reaches); the evidence
is the lines where they are. 'truths' are for people and are not checked.

Exit status: 0 when everything holds, 1 when something does not (or a plan
cannot be read), 2 for bad arguments.]]

local function list(v)
  if v == nil or v == courseq.null then
    return {}
  end
  return type(v) == "table" and v or { v }
end

local function plural(n, word)
  return string.format("%d %s%s", n, word, n == 1 and "" or "s")
end

-- The one lesson whose path ends with path at a '/'; or nil, why.
local function lesson_at(db, path)
  local want = path:gsub("^%./", ""):gsub("^/+", "")
  local found = {}
  for l in db:lessons() do
    if l.path == want or l.path:sub(-#want - 1) == "/" .. want then
      found[#found + 1] = l
    end
  end
  if #found == 1 then
    return found[1]
  end
  local paths = {}
  for i, l in ipairs(found) do
    paths[i] = l.path
  end
  return nil, #found == 0 and "no lesson's path ends with " .. path
    or string.format("%s matches %d lessons: %s", path, #found, table.concat(paths, ", "))
end

-- s matches pattern, as plain text or as a Lua pattern.
local function matches(s, pattern)
  if not s then
    return false
  end
  local ok, at = pcall(string.find, s, pattern)
  return s:find(pattern, 1, true) ~= nil or ok and at ~= nil
end

local function artifact(db, edit, a, say)
  local lesson, err = lesson_at(db, tostring(a.path))
  if not lesson then
    return say(false, err)
  end
  local record = assert(db:lesson(lesson.id))
  say(true, string.format("lesson %s (%s)", lesson.id, lesson.path))
  local min = tonumber(a.min_lines)
  if min then
    say(record.lines >= min, string.format("%d lines, %s %d", record.lines,
      record.lines >= min and "at least" or "fewer than", min))
  else
    say(true, string.format("%d lines", record.lines))
  end
  local text, why = edit:source(lesson.id)
  for _, needle in ipairs(list(a.contains)) do
    needle = tostring(needle)
    local n, at = 0, nil
    for line in (text or ""):gmatch("([^\n]*)\n?") do
      n = n + 1
      if line:find(needle, 1, true) then
        at = line:gsub("^%s+", ""):gsub("%s+$", "")
        break
      end
    end
    if not text then
      say(false, string.format('cannot read the lesson to look for "%s": %s', needle, why))
    elseif at then
      local cut = utf8.offset(at, 71)
      say(true, string.format('contains "%s" at line %d: %s', needle, n, cut and at:sub(1, cut - 1) .. "…" or at))
    else
      say(false, string.format('does not contain "%s"', needle))
    end
  end
end

local function key_link(db, k, say)
  if type(k.pattern) ~= "string" then
    return say(false, "a key link needs a from and a pattern")
  end
  local lesson, err = lesson_at(db, tostring(k.from))
  if not lesson then
    return say(false, err)
  end
  say(true, string.format('lesson %s (%s), pattern "%s"', lesson.id, lesson.path, k.pattern))
  local kinds, lines, seen = {}, {}, {}
  for _, l in ipairs(assert(db:lesson(lesson.id)).links) do
    if l.kind ~= "import" and l.kind ~= "asset" and (matches(l.url, k.pattern) or matches(l.target, k.pattern)) then
      local kind = l.kind == "prerequisite" and "prerequisite" or l.kind .. " link"
      if not kinds[kind] then
        kinds[kind] = 0
        kinds[#kinds + 1] = kind
      end
      kinds[kind] = kinds[kind] + 1
      if not seen[l.line] then
        seen[l.line] = true
        lines[#lines + 1] = l.line
      end
    end
  end
  if #lines == 0 then
    return say(false, "no link or prerequisite matches")
  end
  table.sort(lines)
  for i, kind in ipairs(kinds) do
    kinds[i] = plural(kinds[kind], kind)
  end
  say(true, string.format("%s, at line%s %s", table.concat(kinds, ", "), #lines == 1 and "" or "s",
    table.concat(lines, ", ")))
end

-- Prints the plan's checks; returns how many hold and how many do not, or
-- nil when the plan cannot be read.
local function check_plan(db, edit, path)
  local fm, err = courseq.frontmatter(path)
  local must = fm and fm.must_haves
  if type(must) ~= "table" then
    print("plan " .. path)
    print("  error  " .. (err or "the frontmatter has no must_haves"))
    return nil
  end
  print(string.format("plan %s%s", path, (fm.phase or fm.plan) and
    string.format(" (phase %s, plan %s)", tostring(fm.phase or "?"), tostring(fm.plan or "?")) or ""))
  local held, failed = 0, 0
  local function run(title, check, item)
    local evidence, holds = {}, true
    check(db, type(item) == "table" and item or {}, function(ok, text)
      holds = holds and ok
      evidence[#evidence + 1] = (ok and "" or "FAIL ") .. text
    end)
    print(string.format("  %-5s  %s", holds and "ok" or "FAIL", title))
    for _, e in ipairs(evidence) do
      print("           " .. e)
    end
    held, failed = held + (holds and 1 or 0), failed + (holds and 0 or 1)
  end
  for _, a in ipairs(list(must.artifacts)) do
    run("artifact " .. tostring(type(a) == "table" and a.path or a), function(d, item, say)
      artifact(d, edit, item, say)
    end, a)
  end
  for _, k in ipairs(list(must.key_links)) do
    run(string.format("key link from %s%s", tostring(type(k) == "table" and k.from or k),
      type(k) == "table" and k.to and " to " .. tostring(k.to) or ""), key_link, k)
  end
  if held + failed == 0 then
    print("  (no artifacts or key_links to check)")
  end
  if #list(must.truths) > 0 then
    print(string.format("  (%s: for people to judge, not checked)", plural(#list(must.truths), "truth")))
  end
  return held, failed
end

local function main(args)
  for _, a in ipairs(args) do
    if a == "-h" or a == "--help" then
      print(HELP)
      return 0
    elseif a:match("^%-.") then
      return courseq.fail("plan-check", "unknown option " .. a, USAGE)
    end
  end
  if #args == 0 then
    return courseq.fail("plan-check", "name at least one plan", USAGE)
  end
  local ok, db = pcall(courseq.course)
  if not ok then
    return courseq.fail("plan-check", db)
  end
  local edit = assert(db:edit()) -- only to read lessons as the index read them
  local held, failed, unread = 0, 0, 0
  for i, path in ipairs(args) do
    if i > 1 then
      print()
    end
    local h, f = check_plan(db, edit, path)
    held, failed, unread = held + (h or 0), failed + (f or 0), unread + (h and 0 or 1)
  end
  edit:close()
  print()
  print(string.format("%d of %d must-haves hold%s", held, held + failed,
    unread > 0 and string.format("; %s could not be read", plural(unread, "plan")) or ""))
  return (failed > 0 or unread > 0) and 1 or 0
end

return courseq.exit(main({ ... }))
