-- Checks that links and prerequisites between modules resolve (capstone to PostgreSQL and MySQL, or given modules)
--
--     courseq report link-integrity [MODULE...]
--     courseq run scripts/link-integrity.lua [MODULE...]
--     LUA_CPATH="build/lua/?.so" lua5.4 scripts/link-integrity.lua [MODULE...]
--
-- Under plain lua5.4 the course is the one found from COURSEQ_DIR (default
-- the working directory), its index COURSEQ_DB (default its own).
local courseq = courseq or require("courseq")

local USAGE = "usage: link-integrity [MODULE...]"
local HELP = USAGE .. [[


Checks that every link and prerequisite between modules resolves: by
default those from the capstone (module 7) into the PostgreSQL (module 2)
and MySQL (module 8) lessons; with MODULEs (7, module-7 or 07-module-7),
those between any two of them, both ways.

A link counts for a pair when it reaches a lesson of the other module or,
when it reaches none, when its URL (or the fix the diagnostics suggest)
names that module's folder. Broken links from a checked module into a
module the course does not have, or into no module at all ('?'), are
listed too.

Prints what is checked per module pair, then what is broken and why: the
status, the source path:line, the target as written, and the fix the
diagnostics suggest.

Exit status: 0 when everything resolves, 1 when something is broken (or
the course cannot be read), 2 for bad arguments.]]

-- A link or prerequisite with one of these statuses reaches its lesson (a
-- forward or redundant prerequisite too; courseq check warns of its order).
local RESOLVES = { ok = true, forward = true, redundant = true }
local KINDS = { markdown = true, definition = true, jsx = true, prerequisite = true }

-- Aligned columns, numbers (numeric[i]) to the right; widths in characters.
local function print_table(header, rows, numeric)
  local w = {}
  for _, r in ipairs({ header, table.unpack(rows) }) do
    for i = 1, #header do
      w[i] = math.max(w[i] or 0, utf8.len(tostring(r[i])) or #tostring(r[i]))
    end
  end
  for _, r in ipairs({ header, table.unpack(rows) }) do
    local cells = {}
    for i = 1, #header do
      local s = tostring(r[i])
      local pad = string.rep(" ", w[i] - (utf8.len(s) or #s))
      cells[i] = numeric[i] and pad .. s or i < #header and s .. pad or s
    end
    print(table.concat(cells, "  "))
  end
end

-- The modules in course order, each {number =, dir =, lessons = {ids}};
-- by number; and every name of each (7, module-7, 07-module-7) -> number.
local function modules_of(db)
  local list, mods, names = {}, {}, {}
  for l in db:lessons() do
    local n = l.module or 0
    if not mods[n] then
      mods[n] = { number = n, dir = l.id:match("^(.*)/") or "", lessons = {} }
      list[#list + 1] = mods[n]
      names[tostring(n)] = n
      names[mods[n].dir] = n
      names[l.alias:match("^(.*)/") or ""] = n
    end
    table.insert(mods[n].lessons, l.id)
  end
  return list, mods, names
end

-- The module a link that reaches no lesson means: the first folder of
-- the course, or folder named like one (08-module-8, module-8), in its URL;
-- failing that, in the fix the diagnostics suggest.
local function intended(names, ...)
  for _, text in ipairs({ ... }) do
    for seg in text:gsub("[?#].*$", ""):gmatch("[^/%s]+") do
      local n = seg:match("%a") and names[seg] or tonumber(seg:match("^%d*%-?module%-(%d+)$"))
      if n then
        return n
      end
    end
  end
end

-- A module's folder; one the course does not have (any more) by number.
local function label(mods, n)
  return mods[n] and mods[n].dir or string.format("module-%d (no such module)", n)
end

local function check(db, list, mods, names, pairs_)
  local index, sources, why, module_of, broken = {}, {}, {}, {}, {}
  for _, p in ipairs(pairs_) do
    index[p.from .. ">" .. p.to] = p
    sources[p.from] = true
  end
  for _, d in ipairs(db:diagnostics()) do
    if d.lesson and d.link then
      why[d.lesson .. "#" .. d.link] = why[d.lesson .. "#" .. d.link] or d
    end
  end
  for _, m in ipairs(list) do
    for _, id in ipairs(m.lessons) do
      module_of[id] = m.number
    end
  end
  for _, m in ipairs(list) do
    for _, id in ipairs(sources[m.number] and m.lessons or {}) do
      local lesson = assert(db:lesson(id))
      for _, k in ipairs(lesson.links) do
        if KINDS[k.kind] and k.url:sub(1, 1) ~= "#" then
          local d = why[id .. "#" .. k.seq]
          local ok = RESOLVES[k.status]
          local to = module_of[k.target] or not ok and intended(names, k.url, d and d.message or "")
          local p = to and index[m.number .. ">" .. to]
          if p then
            local field = k.kind == "prerequisite" and "prereqs" or "links"
            p[field] = p[field] + 1
            p[ok and "ok" or "broken"] = p[ok and "ok" or "broken"] + 1
          end
          -- Broken, and between a checked pair, or into a module the
          -- course does not have, or into no module at all.
          if not ok and k.status ~= "external" and (p or not mods[to]) then
            broken[#broken + 1] = {
              m.dir .. " -> " .. (to and label(mods, to) or "?"),
              k.status,
              lesson.path .. ":" .. k.line,
              k.url,
              d and (d.message:match("^.-; (.*)$") or d.message) or "",
            }
          end
        end
      end
    end
  end
  return broken
end

local function main(args)
  local wanted = {}
  for _, a in ipairs(args) do
    if a == "-h" or a == "--help" then
      print(HELP)
      return 0
    elseif a:match("^%-") then
      return courseq.fail("link-integrity", "unknown option " .. a, USAGE)
    end
    wanted[#wanted + 1] = a
  end
  local ok, db = pcall(courseq.course)
  if not ok then
    return courseq.fail("link-integrity", db)
  end
  local list, mods, names = modules_of(db)
  local chosen = {}
  for _, a in ipairs(wanted) do
    local n = names[a] or names[(a:gsub("/$", ""))] or a:match("^%d+$") and names[tostring(tonumber(a))]
    if not n then
      return courseq.fail("link-integrity", "no module '" .. a .. "' in the course", USAGE)
    end
    chosen[#chosen + 1] = n
  end
  -- The ordered pairs: every two of the modules named, or 7 to 2 and 8
  -- (when module 7 is there; links into a module that is not are broken).
  local pairs_, seen = {}, {}
  local function add(a, b)
    if a ~= b and mods[a] and not seen[a .. ">" .. b] then
      seen[a .. ">" .. b] = true
      pairs_[#pairs_ + 1] = { from = a, to = b, links = 0, prereqs = 0, ok = 0, broken = 0 }
    end
  end
  for _, a in ipairs(#chosen > 0 and chosen or { 7 }) do
    for _, b in ipairs(#chosen > 0 and chosen or { 2, 8 }) do
      add(a, b)
    end
  end
  if #pairs_ == 0 then
    return courseq.fail("link-integrity", #chosen > 0 and "name two modules or more"
      or "the course has no module 7; name the modules to check", USAGE)
  end

  local broken = check(db, list, mods, names, pairs_)
  local rows, total = {}, 0
  for _, p in ipairs(pairs_) do
    rows[#rows + 1] = { label(mods, p.from), label(mods, p.to), p.links, p.prereqs, p.ok, p.broken }
    total = total + p.links + p.prereqs
  end
  print("Links and prerequisites between modules")
  print()
  print_table({ "from", "to", "links", "prerequisites", "ok", "broken" }, rows,
    { [3] = true, [4] = true, [5] = true, [6] = true })
  print()
  if #broken == 0 then
    print(string.format("Nothing broken: the %d links and prerequisites checked resolve.", total))
    return 0
  end
  print(string.format("Broken (%d)", #broken))
  print()
  print_table({ "modules", "status", "source", "target", "suggestion" }, broken, {})
  return 1
end

return courseq.exit(main({ ... }))
