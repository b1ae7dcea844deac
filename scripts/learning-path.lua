-- Prints a Markdown learning plan for reaching the given lessons, grouped by module, with times
--
--     courseq report learning-path [--known ID[,ID...]] ID...
--     courseq run scripts/learning-path.lua ID...
--     LUA_CPATH="build/lua/?.so" lua5.4 scripts/learning-path.lua ID...
--
-- Under plain lua5.4 the course is the one found from COURSEQ_DIR (default
-- the working directory), its index COURSEQ_DB (default its own).
local courseq = courseq or require("courseq")

local USAGE = "usage: learning-path [--known ID[,ID...]] ID..."
local HELP = USAGE .. [[


Prints a Markdown learning plan that reaches every lesson named (an id,
alias, file or unique prefix such as module-7/04): all of their
prerequisites, each after its own, ties in course order, grouped by module.
Each lesson links to the page the site serves it at, with its title,
difficulty and minutes; each module and the whole plan say how long they
take. A prerequisite that names no lesson is called out at the top and
under the lesson that names it.

Options:
  --known ID[,ID...]  lessons the learner has taken: left out, with everything
                      they require (may be given more than once)
  -h, --help          this text

Exit status: 0, 1 when a lesson is not found, 2 for a usage error.]]

-- 20 -> "20 min", 550 -> "9 h 10 min", 120 -> "2 h".
local function duration(m)
  if not m then
    return "? min"
  end
  local h, rest = m // 60, m % 60
  if h == 0 then
    return string.format("%.14g min", rest)
  end
  return rest == 0 and string.format("%d h", h) or string.format("%d h %.14g min", h, rest)
end

local function plural(n, word)
  return string.format("%d %s%s", n, word, n == 1 and "" or "s")
end

-- A lesson as a Markdown link to its page; brackets in titles escaped.
local function link(s, pages)
  local text = (s.title or s.id):gsub("([%[%]\\])", "\\%1")
  return string.format("[%s](%s)", text, pages[s.id])
end

local function parse(args)
  local o = { ids = {}, known = {} }
  local i = 1
  while i <= #args do
    local a = args[i]
    if a == "-h" or a == "--help" then
      o.help = true
    elseif a == "--known" or a:match("^%-%-known=") then
      local v = a:match("^%-%-known=(.*)$")
      if not v then
        i = i + 1
        v = args[i]
      end
      if not v then
        return nil, "--known needs a lesson"
      end
      for id in v:gmatch("[^,%s]+") do
        o.known[#o.known + 1] = id
      end
    elseif a:match("^%-.") then
      return nil, "unknown option " .. a
    else
      o.ids[#o.ids + 1] = a
    end
    i = i + 1
  end
  if not o.help and #o.ids == 0 then
    return nil, "name at least one lesson"
  end
  return o
end

local function render(steps, total, known, db)
  local pages, dirs = {}, {}
  for l in db:lessons() do
    pages[l.id] = l.url
    dirs[l.id] = l.id:match("^(.*)/") or ""
  end
  -- Runs of lessons of one module, in path order; missing prerequisites
  -- hang under the lesson naming them.
  local runs, per, under, missing, goals, lessons = {}, {}, {}, {}, {}, 0
  for _, s in ipairs(steps) do
    if s.missing then
      missing[#missing + 1] = s
      under[s.requiredBy or ""] = under[s.requiredBy or ""] or {}
      table.insert(under[s.requiredBy or ""], s.id)
    else
      lessons = lessons + 1
      local dir = dirs[s.id] or ""
      if not runs[#runs] or runs[#runs].dir ~= dir then
        runs[#runs + 1] = { dir = dir, module = s.module, steps = {}, minutes = 0 }
      end
      local run = runs[#runs]
      run.steps[#run.steps + 1] = s
      run.minutes = run.minutes + (s.minutes or 0)
      if not per[dir] then
        per[dir] = { dir = dir, lessons = 0, minutes = 0 }
        per[#per + 1] = per[dir]
      end
      per[dir].lessons = per[dir].lessons + 1
      per[dir].minutes = per[dir].minutes + (s.minutes or 0)
      if s.target then
        goals[#goals + 1] = s
      end
    end
  end

  local names = {}
  for _, s in ipairs(goals) do
    names[#names + 1] = s.title or s.id
  end
  print("# Learning plan: " .. (#names <= 3 and table.concat(names, ", ") or plural(#names, "lesson")))
  print()
  print(string.format("%s in %s, %s%s.", plural(lessons, "lesson"), plural(#per, "module"), duration(total),
    total >= 60 and string.format(" (%.14g min)", total) or ""))
  if #known > 0 then
    print("Left out as known: " .. table.concat(known, ", ") .. ", and what they require.")
  end
  if #missing > 0 then
    print()
    print(string.format("> **Missing prerequisites:** %s %s no lesson; the plan cannot include %s.",
      plural(#missing, "prerequisite"), #missing == 1 and "names" or "name", #missing == 1 and "it" or "them"))
    for _, s in ipairs(missing) do
      print(string.format("> - `%s`, required by `%s`", s.id, s.requiredBy or "?"))
    end
  end

  local n = 0
  for _, run in ipairs(runs) do
    local name = run.dir == "" and "Lessons outside any module"
      or (run.module or 0) > 0 and string.format("Module %d (`%s`)", run.module, run.dir)
      or string.format("Module `%s`", run.dir)
    print()
    print(string.format("## %s: %s, %s", name, plural(#run.steps, "lesson"), duration(run.minutes)))
    print()
    for _, s in ipairs(run.steps) do
      n = n + 1
      local text = link(s, pages)
      print(string.format("%d. %s · %s · %s%s", n, s.target and "**" .. text .. "**" or text,
        s.difficulty or "no difficulty", duration(s.minutes), s.target and " · goal" or ""))
      for _, id in ipairs(under[s.id] or {}) do
        print(string.format("   - **Missing prerequisite:** `%s` names no lesson", id))
      end
    end
  end

  print()
  print("## Time per module")
  print()
  print("| module | lessons | minutes | time |")
  print("| --- | ---: | ---: | ---: |")
  for _, m in ipairs(per) do
    print(string.format("| %s | %d | %.14g | %s |", m.dir == "" and "(none)" or m.dir, m.lessons, m.minutes,
      duration(m.minutes)))
  end
  print(string.format("| **total** | **%d** | **%.14g** | **%s** |", lessons, total, duration(total)))
end

local function main(args)
  local o, err = parse(args)
  if not o then
    return courseq.fail("learning-path", err, USAGE)
  elseif o.help then
    print(HELP)
    return 0
  end
  local ok, db = pcall(courseq.course)
  if not ok then
    return courseq.fail("learning-path", db)
  end
  local request = { known = o.known }
  table.move(o.ids, 1, #o.ids, 1, request)
  local steps, total = db:path(request)
  if not steps then
    courseq.warn("learning-path: " .. tostring(total))
    return 1
  end
  render(steps, total, o.known, db)
  return 0
end

return courseq.exit(main({ ... }))
