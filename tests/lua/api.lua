-- The whole read API of the courseq Lua module, printed (tests/lua/api.sh):
-- the same output under `courseq run` and under plain lua5.4 with the
-- module, on tests/fixtures/lua/course.
local courseq = courseq or require("courseq")

-- A value as text: tables with their keys sorted, recursively.
local function show(v, indent)
  indent = indent or ""
  if v == courseq.null then
    return "null"
  elseif type(v) == "string" then
    return string.format("%q", v)
  elseif type(v) ~= "table" then
    return (math.type(v) or type(v)) .. " " .. tostring(v)
  end
  local keys = {}
  for k in pairs(v) do
    keys[#keys + 1] = k
  end
  table.sort(keys, function(a, b)
    if type(a) ~= type(b) then
      return type(a) == "number"
    end
    return a < b
  end)
  if #keys == 0 then
    return "{}"
  end
  local out = {}
  for _, k in ipairs(keys) do
    out[#out + 1] = string.format("%s  %s = %s", indent, tostring(k), show(v[k], indent .. "  "))
  end
  return "{\n" .. table.concat(out, "\n") .. "\n" .. indent .. "}"
end

local function say(name, ...)
  local parts = { ... }
  for i = 1, select("#", ...) do
    parts[i] = show(parts[i])
  end
  print(name .. ": " .. table.concat(parts, ", "))
end

-- The module.
say("version", courseq.version():match("^%d+%.%d+%.%d+$") ~= nil)
local codes, n = courseq.codes(), 0
for _ in pairs(codes) do
  n = n + 1
end
say("codes", n, codes["broken-link"], codes["prerequisite-cycle"])
say("null", type(courseq.null), courseq.null == courseq.null)
say("dry_run", courseq.dry_run)

-- The course.
local db = courseq.course()
say("course() is one course", courseq.course() == db)
local root, content, index = db:root()
say("root", content:sub(#root + 2), index:match("[^/]*$"), tostring(db) == "courseq.db (" .. root .. ")")
local st = assert(db:refresh())
say("refresh", st.lessons, st.parsed, st.removed, math.type(st.seconds))

-- Lessons.
for l in db:lessons() do
  say("lesson", l.id, l.alias, l.path, l.url, l.module, l.order, l.estimatedTime, l.difficulty, l.title,
    l.frontmatter.topics)
end
local filters = { { module = 2 }, { difficulty = "advanced" }, { topic = "MySQL" }, { module = 8, topic = "binlog" } }
for _, filter in ipairs(filters) do
  local ids = {}
  for l in db:lessons(filter) do
    ids[#ids + 1] = l.id
  end
  say("lessons" .. show(filter):gsub("%s+", " "), table.concat(ids, " "))
end
local capstone = assert(db:lesson("module-7/01"))
capstone.file = capstone.file:sub(#root + 2)
print("lesson(module-7/01) = " .. show(capstone))
say("lesson(nope)", db:lesson("nope"))
say("lesson(module-1)", db:lesson("module-1"))
say("frontmatter", courseq.frontmatter(root .. "/plans/capstone.md"))
say("frontmatter of no file", courseq.frontmatter(root .. "/nope.md"))

-- Rows.
for r in db:query("SELECT ?1 AS i, ?2 AS f, ?3 AS b, ?4 AS n, ?5 AS s, typeof(?4) AS t", 7, 2.5, true, nil, "x") do
  say("query binds", r.i, r.f, r.b, r.n, r.s, r.t)
end
for r in db:query("SELECT x'00ff' AS b, length(x'00ff') AS n") do
  say("blob", #r.b, r.b:byte(1), r.b:byte(2), r.n)
end
local rows = {}
for r in db:query("SELECT id, difficulty FROM lessons WHERE module = ? ORDER BY id", 2) do
  rows[#rows + 1] = r.id .. "=" .. r.difficulty
end
say("query rows", table.concat(rows, " "))
say("query that writes", db:query("DELETE FROM lessons"))
say("query that does not parse", db:query("SELEC 1"))
for _, hit in ipairs(assert(db:search("binlog"))) do
  say("search binlog", hit.id, hit.title, type(hit.snippet), math.type(hit.rank) or type(hit.rank))
end
say("search nothing", #assert(db:search("nosuchwordanywhere")))

-- Diagnostics.
for _, d in ipairs(assert(db:diagnostics())) do
  say("diagnostic", d.path, d.line, d.column, d.severity, d.code, d.lesson, d.link, d.message)
end
for _, filter in ipairs({ { code = "broken-link" }, { module = "7" }, { module = "module-7" }, { module = "2" },
  { path = "*/07-module-7/*" } }) do
  local got = {}
  for _, d in ipairs(assert(db:diagnostics(filter))) do
    got[#got + 1] = d.code .. "@" .. d.line
  end
  say("diagnostics" .. show(filter):gsub("%s+", " "), table.concat(got, " "))
end

-- Paths and graphs.
local function steps(list, total)
  local out = {}
  for _, s in ipairs(list) do
    out[#out + 1] = string.format("%s%s%s/%s/%s", s.id, s.missing and "(missing, by " .. s.requiredBy .. ")" or "",
      s.target and "*" or "", tostring(s.minutes), tostring(s.total))
  end
  return table.concat(out, " ") .. (total and " = " .. total or "")
end
say("prereqs", steps(db:prereqs("module-7/02")))
say("prereqs direct", steps(db:prereqs("module-7/01", { direct = true })))
say("path", steps(db:path({ "module-8/02", "module-2/02", known = { "module-1/02" } })))
say("path of nothing known", db:path({ "nope" }))
say("dependents", steps(db:dependents("module-1/01")))
say("dependents, all", steps(db:dependents("module-1/01", true)))
print("graph:\n" .. db:graph())
print("graph dot of module 8:\n" .. db:graph({ modules = { "8" }, format = "dot" }))

-- The read side of an edit: the file as it was indexed, a diff, no commit.
local e = assert(db:edit())
local text, body = e:source("module-2/01")
say("source", #text, body, text:sub(body, body + 6))
assert(e:set("module-2/01", "difficulty", "advanced"))
say("replace", e:replace("module-2/01", "WAL", "log"))
print("diff:\n" .. e:diff())
e:close()
say("edit closed", pcall(e.diff, e))

-- A course of one's own, closed.
local other = assert(courseq.open(root, { db = index }))
other:close()
say("closed", tostring(other), pcall(other.lesson, other, "module-1/01"))
