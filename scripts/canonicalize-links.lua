-- Rewrites every link that reaches a lesson only through its alias to the URL the site serves
--
--     courseq report canonicalize-links [--dry-run]
--     courseq run [--dry-run] scripts/canonicalize-links.lua
--     LUA_CPATH="build/lua/?.so" lua5.4 scripts/canonicalize-links.lua [--dry-run]
--
-- Under plain lua5.4 the course is the one found from COURSEQ_DIR (default
-- the working directory), its index COURSEQ_DB (default its own).
local courseq = courseq or require("courseq")

local USAGE = "usage: canonicalize-links [--dry-run]"
local HELP = USAGE .. [[


Rewrites every link courseq check reports as alias-link (it names a lesson
by its alias, /course/module-1/03-x, where the site serves its id,
/course/01-module-1/03-x) to the URL the site serves the lesson at. The
link keeps its query and fragment, a trailing slash, and the base: a link
written without the base stays without it; a relative link becomes the
full URL. All files change at once, or none.

Options:
  -n, --dry-run  print the diff and write nothing (as courseq run --dry-run)
  -h, --help     this text

Exit status: 0, 1 when the edit fails (nothing is written), 2 for bad
arguments.]]

local ALIAS_LINKS = [[
SELECT s.id AS lesson, s.path AS path, k.seq AS seq, k.url AS url, k.line AS line, k.target AS target,
       t.alias AS alias
FROM links k JOIN lessons s ON s.lesson = k.lesson JOIN lessons t ON t.id = k.target
WHERE k.status = 'alias-link'
ORDER BY s.module_rank, s.ord, s.id, k.line, k.col]]

-- The URL the site serves for link r, whose target is served at url.
local function served(r, url)
  local path, rest = r.url:match("^([^?#]*)(.*)$")
  local at = url:find(r.target, 1, true)
  local head, tail = url:sub(1, at - 1), url:sub(at + #r.target) -- base and route around the id
  -- What the link writes before the alias, the alias a whole run of segments.
  local before
  for s in path:gmatch("()" .. r.alias:gsub("%p", "%%%0")) do
    local after = path:sub(s + #r.alias, s + #r.alias)
    if (s == 1 or path:sub(s - 1, s - 1) == "/") and (after == "" or after == "/") then
      before = path:sub(1, s - 1)
    end
  end
  local new = url
  if before and before:match("^/") and before ~= head and head:sub(-#before) == before then
    new = before .. r.target .. tail -- the link had no base: none now either
  end
  if path:match("/$") and not new:match("/$") then
    new = new .. "/"
  end
  return new .. rest
end

local function main(args)
  for _, a in ipairs(args) do
    if a == "-h" or a == "--help" then
      print(HELP)
      return 0
    elseif a == "-n" or a == "--dry-run" then
      courseq.dry_run = true
    else
      return courseq.fail("canonicalize-links", "unexpected argument " .. a, USAGE)
    end
  end
  local ok, db = pcall(courseq.course)
  if not ok then
    return courseq.fail("canonicalize-links", db)
  end
  local urls, todo, files = {}, {}, {}
  for l in db:lessons() do
    urls[l.id] = l.url
  end
  for r in db:query(ALIAS_LINKS) do
    todo[#todo + 1] = r
  end
  if #todo == 0 then
    print("No alias links: every link to a lesson uses the URL the site serves.")
    return 0
  end
  local e = assert(db:edit())
  for _, r in ipairs(todo) do
    r.new = served(r, urls[r.target])
    local done, err = e:rewrite_link(r.lesson, r.seq, r.new)
    if not done then
      courseq.warn(string.format("canonicalize-links: %s:%d: %s", r.path, r.line, err))
      courseq.warn("canonicalize-links: nothing was written")
      return 1
    end
    if not files[r.path] then
      files[r.path] = true
      files[#files + 1] = r.path
    end
  end
  local done, err = e:commit()
  if not done then
    courseq.warn("canonicalize-links: " .. err)
    courseq.warn("canonicalize-links: nothing was written")
    return 1
  end
  for _, r in ipairs(todo) do
    print(string.format("%s:%d: %s -> %s", r.path, r.line, r.url, r.new))
  end
  print(string.format("%d link%s in %d file%s %s", #todo, #todo == 1 and "" or "s", #files, #files == 1 and "" or "s",
    courseq.dry_run and "would change (dry run: nothing written)" or "rewritten"))
  return 0
end

return courseq.exit(main({ ... }))
