-- Renames (moves) a lesson; every prerequisite and link that reaches it follows
--
--     courseq report rename-lesson OLD NEW [--dry-run]
--     courseq run [--dry-run] scripts/rename-lesson.lua OLD NEW
--     LUA_CPATH="build/lua/?.so" lua5.4 scripts/rename-lesson.lua OLD NEW
--
-- Under plain lua5.4 the course is the one found from COURSEQ_DIR (default
-- the working directory), its index COURSEQ_DB (default its own).
local courseq = courseq or require("courseq")

local USAGE = "usage: rename-lesson OLD NEW [--dry-run]"
local HELP = USAGE .. [[


Moves lesson OLD (an id, alias, file or unique prefix, as every courseq
command takes) to NEW: an id such as 07-module-7/06-new-name (the file
keeps its extension) or a file under the content root. In the same commit
every prerequisite naming the lesson becomes its new alias
(module-7/06-new-name), and every body link, JSX href and link definition
that reaches it is rewritten to the new id in the form it had (absolute,
with or without the base, or relative), keeping its query and fragment;
the lesson's own relative links and imports follow it to its new folder.
If any link cannot be rewritten, nothing is written. Afterwards the
script compares courseq check before and after, and fails if anything new
appeared.

Options:
  -n, --dry-run  print the diff and write nothing (as courseq run --dry-run)
  -h, --help     this text

Exit status: 0, 1 when the rename fails or leaves new problems, 2 for bad
arguments.]]

-- ---- paths and URLs, as lists of segments ----

local function split(s)
  local out = {}
  for seg in (s .. "/"):gmatch("([^/]*)/") do
    out[#out + 1] = seg
  end
  return out
end

local function parent(segs)
  return table.move(segs, 1, #segs - 1, 1, {})
end

local function same_segs(a, b)
  if #a ~= #b then
    return false
  end
  for i = 1, #a do
    if a[i] ~= b[i] then
      return false
    end
  end
  return true
end

-- rel (no query or fragment) resolved against folder dir; and how many
-- levels it climbed above the top.
local function join(dir, rel)
  local out, above = table.move(dir, 1, #dir, 1, {}), 0
  local parts = split(rel)
  for i, seg in ipairs(parts) do
    if seg == ".." then
      if #out > 0 then
        out[#out] = nil
      else
        above = above + 1
      end
    elseif seg ~= "." and seg ~= "" then
      out[#out + 1] = seg
    end
  end
  return out, above
end

-- The relative reference from folder `from` to `to`, always spelling the
-- last segment of `to` (so a page links to itself as ../name).
local function relpath(from, to)
  local c = 0
  while c < #from and c < #to - 1 and from[c + 1] == to[c + 1] do
    c = c + 1
  end
  local parts = {}
  for _ = c + 1, #from do
    parts[#parts + 1] = ".."
  end
  return table.concat(table.move(to, c + 1, #to, #parts + 1, parts), "/")
end

-- A relative result in the style of the original: a leading ./ and a
-- trailing slash kept.
local function styled(orig, rel, force_dot)
  if (force_dot or orig:match("^%./")) and not rel:match("^%.%./") then
    rel = "./" .. rel
  end
  if orig:match("/$") and not rel:match("/$") then
    rel = rel .. "/"
  end
  return rel
end

-- An absolute URL path with the lesson's id (or alias) replaced by new_id:
-- the last place it stands as a whole run of segments (the route comes
-- before the id).
local function replace_id(path, names, new_id)
  for _, name in ipairs(names) do
    local best
    for s in path:gmatch("()" .. name:gsub("%p", "%%%0")) do
      local after = path:sub(s + #name, s + #name)
      if (s == 1 or path:sub(s - 1, s - 1) == "/") and (after == "" or after == "/") then
        best = s
      end
    end
    if best then
      return path:sub(1, best - 1) .. new_id .. path:sub(best + #name)
    end
  end
end

-- The alias courseq gives an id: the module folder's number dropped.
local function alias_of(id)
  local dir, rest = id:match("^([^/]+)(/.*)$")
  if not dir then
    return id
  end
  return (dir:match("^%d+%-(.+)$") or dir) .. rest
end

local function diagnostic_counts(db)
  local counts, list = {}, assert(db:diagnostics())
  for _, d in ipairs(list) do
    counts[d.code] = (counts[d.code] or 0) + 1
  end
  return counts, list
end

-- ---- the rename ----

local LINKS = [[
SELECT l.id AS lesson, l.path AS path, k.seq, k.kind, k.url, k.status, k.target, k.line, k.col
FROM links k JOIN lessons l ON l.lesson = k.lesson
WHERE k.target = ?1 OR l.id = ?1
ORDER BY l.module_rank, l.ord, l.id, k.line, k.col, k.seq]]

-- Where the lesson goes: new id, alias and path (relative to the content
-- root, and to the course root); or nil, why.
local function destination(db, old, new)
  local _, content = db:root()
  local ext = old.path:match("%.[^./]*$")
  local prefix = old.path:sub(1, #old.path - #old.id - #ext) -- the content root, from the course root
  local rel = new:gsub("^%./", "")
  if rel:sub(1, #content + 1) == content .. "/" then
    rel = rel:sub(#content + 2)
  elseif prefix ~= "" and rel:sub(1, #prefix) == prefix then
    rel = rel:sub(#prefix + 1)
  end
  if not rel:match("%.mdx?$") then
    rel = rel .. ext
  end
  local id = rel:match("^(.*)%.[^./]*$")
  for l in db:lessons() do
    if l.id ~= old.id and (l.id == id or l.alias == alias_of(id)) then
      return nil, string.format("%s exists already (lesson %s); choose another name", new, l.id)
    end
  end
  return { id = id, alias = alias_of(id), rel = rel, path = prefix .. rel }
end

local function rename(db, old_ref, new_ref)
  local old, err = db:lesson(old_ref)
  if not old then
    return nil, err
  end
  local new
  new, err = destination(db, old, new_ref)
  if not new then
    return nil, err
  elseif new.path == old.path then
    return nil, old.id .. " is at " .. new.path .. " already"
  end
  local before = diagnostic_counts(db)
  local e = assert(db:edit())
  local ok, msg = e:move(old.id, new.rel)
  if not ok then
    return nil, msg
  end

  local old_page, new_page = split(old.id), split(new.id)
  local old_dir, new_dir = parent(split(old.path)), parent(split(new.path))
  local moved_folder = not same_segs(old_dir, new_dir)

  -- The new URL of a link: nil to keep it, or nil, why it cannot be.
  local function new_url(r)
    local to_it, from_it = r.target == old.id, r.lesson == old.id
    if r.kind == "prerequisite" then
      return to_it and r.url ~= new.alias and new.alias or nil
    end
    if r.url == "" or r.url:match("^#") or r.url:match("^//") or r.url:match("^%a[%w+.-]*:") then
      return nil
    end
    local path, rest = r.url:match("^([^?#]*)(.*)$")
    if r.kind == "import" and not path:match("^%.") then
      return nil -- a package
    elseif path:match("^/") then
      if not to_it then
        return nil -- a site-absolute link from the lesson stays right
      end
      local p = replace_id(path, { old.id, old.alias }, new.id)
      if not p then
        return nil, "cannot tell where the lesson's id is in " .. r.url
      end
      return p .. rest
    elseif r.kind == "import" or r.kind == "asset" or r.status == "file-link" then
      -- Relative to the file.
      local from = from_it and new_dir or parent(split(r.path))
      if to_it then
        return styled(path, relpath(from, split(new.path)), r.kind == "import") .. rest
      elseif from_it and moved_folder then
        local was, above = join(old_dir, path)
        if above == 0 and not same_segs(was, (join(new_dir, path))) then
          return styled(path, relpath(from, was), r.kind == "import") .. rest
        end
      end
      return nil
    end
    -- Relative to the page: pages are folders, /course/<id>/.
    local from = from_it and new_page or split(r.lesson)
    if to_it then
      return styled(path, relpath(from, new_page)) .. rest
    elseif not from_it then
      return nil
    end
    local was, above = join(old_page, path)
    local now, above_now = join(new_page, path)
    if above == above_now and same_segs(was, now) then
      return nil
    elseif above > 0 then
      return nil, "climbs above the course's pages; from the new place it would reach elsewhere"
    end
    return styled(path, relpath(from, was)) .. rest
  end

  local problems, changes, touched, counts = {}, {}, {}, { prerequisite = 0, link = 0 }
  for r in db:query(LINKS, old.id) do
    local url, why = new_url(r)
    local where = string.format("%s:%d:%d", r.lesson == old.id and new.path or r.path, r.line, r.col)
    if url then
      ok, why = e:rewrite_link(r.lesson, r.seq, url)
    end
    if why then
      problems[#problems + 1] = string.format("%s: link %s: %s", where, r.url, why)
    elseif url then
      changes[#changes + 1] = string.format("  %s: %s -> %s", where, r.url, url)
      touched[r.lesson] = true
      local kind = r.kind == "prerequisite" and "prerequisite" or "link"
      counts[kind] = counts[kind] + 1
    end
  end
  if #problems > 0 then
    e:close()
    problems[#problems + 1] = string.format("%d link%s cannot be rewritten; edit by hand first. Nothing was written.",
      #problems, #problems == 1 and "" or "s")
    return nil, table.concat(problems, "\n")
  end
  ok, msg = e:commit()
  if not ok then
    return nil, msg .. "\nNothing was written."
  end
  print(string.format("move %s -> %s (%s)", old.id, new.id, new.path))
  if #changes > 0 then
    print(table.concat(changes, "\n"))
  end
  local lessons = 0
  for _ in pairs(touched) do
    lessons = lessons + 1
  end
  print(string.format("%s %d prerequisite%s and %d link%s in %d lesson%s%s", courseq.dry_run and "would rewrite" or
    "rewrote", counts.prerequisite, counts.prerequisite == 1 and "" or "s", counts.link,
    counts.link == 1 and "" or "s", lessons, lessons == 1 and "" or "s",
    courseq.dry_run and " (dry run: nothing written)" or ""))
  if courseq.dry_run then
    return true
  end
  -- courseq check has nothing new to say.
  local after, list = diagnostic_counts(db)
  local new_problems = {}
  for _, d in ipairs(list) do
    if after[d.code] > (before[d.code] or 0) then
      new_problems[#new_problems + 1] = string.format("%s:%d:%d: %s: %s [%s]", d.path, d.line, d.column,
        d.severity, d.message, d.code)
    end
  end
  if #new_problems > 0 then
    new_problems[#new_problems + 1] = "the rename left problems courseq check did not report before (above)"
    return nil, table.concat(new_problems, "\n")
  end
  return true
end

local function main(args)
  local words = {}
  for _, a in ipairs(args) do
    if a == "-h" or a == "--help" then
      print(HELP)
      return 0
    elseif a == "-n" or a == "--dry-run" then
      courseq.dry_run = true
    elseif a:match("^%-.") then
      return courseq.fail("rename-lesson", "unknown option " .. a, USAGE)
    else
      words[#words + 1] = a
    end
  end
  if #words ~= 2 then
    return courseq.fail("rename-lesson", "name the lesson and where it goes", USAGE)
  end
  local ok, db = pcall(courseq.course)
  if not ok then
    return courseq.fail("rename-lesson", db)
  end
  local done, err = rename(db, words[1], words[2])
  if not done then
    courseq.warn((err:gsub("[^\n]+", "rename-lesson: %0")))
    return 1
  end
  return 0
end

return courseq.exit(main({ ... }))
