-- Reports on the curriculum: modules, time, difficulty, topics, orphans, key lessons, critical path, module graph
--
--     courseq report curriculum-report [--format md|csv|html]
--     courseq run scripts/curriculum-report.lua [--format md|csv|html]
--     LUA_CPATH="build/lua/?.so" lua5.4 scripts/curriculum-report.lua [--format md|csv|html]
--
-- Under plain lua5.4 the course is the one found from COURSEQ_DIR (default
-- the working directory), its index COURSEQ_DB (default its own).
local courseq = courseq or require("courseq")

local USAGE = "usage: curriculum-report [--format md|csv|html]"
local HELP = USAGE .. [[


A report on the whole course, for authors:
- per module, in course order: its lessons, total time, difficulty mix, and
  whether difficulty rises through it (beginner < intermediate < advanced,
  never dropping from one lesson to the next);
- which topics each module covers (a topics-by-module matrix);
- orphans: lessons no other lesson links to in its body and none requires;
- the lessons most depended on (counting every lesson that needs them,
  directly or not);
- the critical path: the longest prerequisite chain, by time;
- the module graph: module -> module edges weighted by the number of
  prerequisites between them, as Mermaid.

Formats: md (Markdown, the default); csv (one section per table: a row
naming it, a header row, the data; sections separated by blank lines; RFC
4180 quoting and CRLF line ends); html (one self-contained page: inline
CSS, nothing loaded from elsewhere).

Exit status: 0, 1 when the course cannot be read, 2 for bad arguments.]]

local LEVEL = { beginner = 1, intermediate = 2, advanced = 3 }
local MIX = { "beginner", "intermediate", "advanced", "other" }
local TOP = 10 -- lessons listed as most depended on

-- A number as written: 30 rather than 30.0.
local function num(x)
  return x and string.format("%.14g", x) or ""
end

local function hours(m)
  return string.format("%.14g min (%.1f h)", m, m / 60)
end

-- ---- what the report says -------------------------------------------------

-- Prerequisites that reach their lesson (not missing, not itself, not the
-- edge courseq check names as closing a cycle).
local EDGES = [[
SELECT s.id AS lesson, k.target AS prereq FROM links k JOIN lessons s ON s.lesson = k.lesson
WHERE k.kind = 'prerequisite' AND k.status IN ('ok', 'forward', 'redundant') AND k.target <> s.id
ORDER BY s.module_rank, s.ord, s.id, k.seq]]

-- Lessons no other lesson links to in its body or requires.
local ORPHANS = [[
SELECT l.id FROM lessons l
WHERE NOT EXISTS (SELECT 1 FROM links k WHERE k.target = l.id AND k.lesson <> l.lesson
                  AND k.kind IN ('markdown', 'definition', 'jsx', 'prerequisite'))
ORDER BY l.module_rank, l.ord, l.id]]

local function modules_and_lessons(db)
  local modules, by_dir, lessons, by_id = {}, {}, {}, {}
  for l in db:lessons() do
    local dir = l.id:match("^(.*)/") or ""
    local m = by_dir[dir]
    if not m then
      m = { number = l.module or 0, dir = dir, lessons = {}, minutes = 0, rises = true,
        mix = { beginner = 0, intermediate = 0, advanced = 0, other = 0 } }
      modules[#modules + 1], by_dir[dir] = m, m
    end
    local topics = {}
    for _, t in ipairs(type(l.frontmatter.topics) == "table" and l.frontmatter.topics or {}) do
      topics[#topics + 1] = type(t) == "string" and t or nil
    end
    local lesson = { id = l.id, url = l.url, title = l.title or l.id, difficulty = l.difficulty,
      order = l.order, minutes = l.estimatedTime, module = m, topics = topics }
    lessons[#lessons + 1], by_id[l.id] = lesson, lesson
    m.lessons[#m.lessons + 1] = lesson
    m.minutes = m.minutes + (l.estimatedTime or 0)
    local level = LEVEL[l.difficulty or ""]
    m.mix[level and l.difficulty or "other"] = m.mix[level and l.difficulty or "other"] + 1
    -- Difficulty rises unless it drops from one known level to the next.
    if level then
      if m.rises and m.last and level < LEVEL[m.last.difficulty] then
        m.rises, m.drop = false, { from = m.last, to = lesson }
      end
      m.last = lesson
    end
  end
  return modules, lessons, by_id
end

local function topic_matrix(lessons)
  local rows, index = {}, {}
  for _, l in ipairs(lessons) do
    for _, t in ipairs(l.topics) do
      if not index[t] then
        index[t] = { topic = t, total = 0, counts = {} }
        rows[#rows + 1] = index[t]
      end
      index[t].total = index[t].total + 1
      index[t].counts[l.module] = (index[t].counts[l.module] or 0) + 1
    end
  end
  table.sort(rows, function(a, b)
    if a.total ~= b.total then
      return a.total > b.total
    end
    return a.topic:lower() < b.topic:lower() or a.topic:lower() == b.topic:lower() and a.topic < b.topic
  end)
  return rows
end

local function most_depended(db, lessons)
  local rows = {}
  for i, l in ipairs(lessons) do
    local all = assert(db:dependents(l.id, true))
    if #all > 0 then
      rows[#rows + 1] = { lesson = l, all = #all, direct = #assert(db:dependents(l.id)), rank = i }
    end
  end
  table.sort(rows, function(a, b)
    if a.all ~= b.all then
      return a.all > b.all
    end
    return a.direct > b.direct or a.direct == b.direct and a.rank < b.rank
  end)
  return table.move(rows, 1, math.min(#rows, TOP), 1, {})
end

-- The longest chain by time: best(l) = minutes(l) + the best chain among
-- its prerequisites; ties go to the first in course order.
local function critical_path(lessons, needs, by_id)
  local best, via = {}, {}
  local function visit(id)
    if best[id] == nil then
      best[id] = false -- being visited: a cycle that slipped through ends here
      local top, from = 0, nil
      for _, p in ipairs(needs[id] or {}) do
        local b = visit(p) or 0
        if b > top then
          top, from = b, p
        end
      end
      best[id], via[id] = top + (by_id[id].minutes or 0), from
    end
    return best[id]
  end
  local last, longest = nil, -1
  for _, l in ipairs(lessons) do
    if visit(l.id) > longest then
      last, longest = l.id, visit(l.id)
    end
  end
  local chain, total = {}, 0
  while last do
    table.insert(chain, 1, by_id[last])
    last = via[last]
  end
  for _, l in ipairs(chain) do
    total = total + (l.minutes or 0)
    l.running = total
  end
  return { lessons = chain, minutes = total }
end

local function gather(db)
  local modules, lessons, by_id = modules_and_lessons(db)
  local needs, edges, index = {}, {}, {}
  for r in db:query(EDGES) do
    needs[r.lesson] = needs[r.lesson] or {}
    table.insert(needs[r.lesson], r.prereq)
    local a, b = by_id[r.prereq].module, by_id[r.lesson].module
    if a ~= b then
      local key = a.dir .. ">" .. b.dir
      if not index[key] then
        index[key] = { from = a, to = b, n = 0 }
        edges[#edges + 1] = index[key]
      end
      index[key].n = index[key].n + 1
    end
  end
  local rank = {}
  for i, m in ipairs(modules) do
    rank[m] = i
  end
  table.sort(edges, function(x, y)
    return rank[x.from] < rank[y.from] or rank[x.from] == rank[y.from] and rank[x.to] < rank[y.to]
  end)
  local orphans, total = {}, 0
  for r in db:query(ORPHANS) do
    orphans[#orphans + 1] = by_id[r.id]
  end
  for _, l in ipairs(lessons) do
    total = total + (l.minutes or 0)
  end
  return { modules = modules, lessons = lessons, minutes = total, topics = topic_matrix(lessons),
    orphans = orphans, depended = most_depended(db, lessons), critical = critical_path(lessons, needs, by_id),
    edges = edges }
end

local function mermaid(r)
  local function node(m)
    return "m" .. (m.dir:gsub("%W", "_"))
  end
  local out = { "flowchart LR" }
  for _, m in ipairs(r.modules) do
    out[#out + 1] = string.format('  %s["%s<br/>%d lessons, %s"]', node(m), m.dir, #m.lessons,
      num(m.minutes) .. " min")
  end
  for _, e in ipairs(r.edges) do
    out[#out + 1] = string.format("  %s -->|%d| %s", node(e.from), e.n, node(e.to))
  end
  return table.concat(out, "\n")
end

local function drop_text(m)
  return string.format("%s (%s) then %s (%s)", m.drop.from.id:match("[^/]*$"), m.drop.from.difficulty,
    m.drop.to.id:match("[^/]*$"), m.drop.to.difficulty)
end

local function summary(r)
  return string.format("%d lessons in %d modules, %s in total.", #r.lessons, #r.modules, hours(r.minutes))
end

-- ---- Markdown ---------------------------------------------------------------

local function markdown(r)
  local function row(cells)
    for i, c in ipairs(cells) do
      cells[i] = tostring(c):gsub("|", "\\|")
    end
    print("| " .. table.concat(cells, " | ") .. " |")
  end
  local function lesson(l) -- a link to its page
    return string.format("[%s](%s)", (l.title:gsub("[\\`*_<>%[%]]", "\\%0")), l.url)
  end
  print("# Curriculum report")
  print()
  print(summary(r))
  print()
  print("## Modules")
  print()
  row({ "module", "lessons", "min", "beginner", "intermediate", "advanced", "other", "difficulty rises" })
  print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
  for _, m in ipairs(r.modules) do
    row({ m.dir, #m.lessons, num(m.minutes), m.mix.beginner, m.mix.intermediate, m.mix.advanced, m.mix.other,
      m.rises and "yes" or "no: " .. drop_text(m) })
  end
  for _, m in ipairs(r.modules) do
    print()
    print(string.format("### %s: %d lessons, %s min", m.dir, #m.lessons, num(m.minutes)))
    print()
    row({ "order", "lesson", "id", "difficulty", "min" })
    print("| ---: | --- | --- | --- | ---: |")
    for _, l in ipairs(m.lessons) do
      row({ num(l.order), lesson(l), "`" .. l.id .. "`", l.difficulty or "", num(l.minutes) })
    end
  end
  print()
  print("## Topics by module")
  print()
  local head, align = { "topic" }, { "---" }
  for _, m in ipairs(r.modules) do
    head[#head + 1], align[#align + 1] = m.dir, "---:"
  end
  head[#head + 1], align[#align + 1] = "lessons", "---:"
  row(head)
  print("| " .. table.concat(align, " | ") .. " |")
  for _, t in ipairs(r.topics) do
    local cells = { t.topic }
    for _, m in ipairs(r.modules) do
      cells[#cells + 1] = t.counts[m] or ""
    end
    cells[#cells + 1] = t.total
    row(cells)
  end
  print()
  print("## Orphans")
  print()
  if #r.orphans == 0 then
    print("None: every lesson is linked to from another lesson or required by one.")
  else
    print("No other lesson links to these in its body, and none requires them:")
    print()
    for _, l in ipairs(r.orphans) do
      print(string.format("- %s `%s`", lesson(l), l.id))
    end
  end
  print()
  print("## Most depended on")
  print()
  if #r.depended == 0 then
    print("No lesson requires another.")
  else
    row({ "lesson", "needed by (all)", "needed by (directly)" })
    print("| --- | ---: | ---: |")
    for _, d in ipairs(r.depended) do
      row({ lesson(d.lesson) .. " `" .. d.lesson.id .. "`", d.all, d.direct })
    end
  end
  print()
  print("## Critical path")
  print()
  print(string.format("The longest prerequisite chain by time: %d lessons, %s.", #r.critical.lessons,
    hours(r.critical.minutes)))
  print()
  for i, l in ipairs(r.critical.lessons) do
    print(string.format("%d. %s `%s`: %s, %s min, %s min so far", i, lesson(l), l.id, l.difficulty or "no difficulty",
      num(l.minutes), num(l.running)))
  end
  print()
  print("## Module graph")
  print()
  print("An arrow goes from a module to the modules whose lessons need its lessons; its label is the")
  print("number of such prerequisites.")
  print()
  print("```mermaid")
  print(mermaid(r))
  print("```")
  if #r.edges > 0 then
    print()
    row({ "from", "to", "prerequisites" })
    print("| --- | --- | ---: |")
    for _, e in ipairs(r.edges) do
      row({ e.from.dir, e.to.dir, e.n })
    end
  end
end

-- ---- CSV ----------------------------------------------------------------------

local function csv(r)
  local lines = {}
  local function section(name, header, rows)
    if #lines > 0 then
      lines[#lines + 1] = ""
    end
    lines[#lines + 1] = name
    table.insert(rows, 1, header)
    for _, cells in ipairs(rows) do
      for i = 1, #header do
        local s = tostring(cells[i] == nil and "" or cells[i])
        cells[i] = s:find('[",\r\n]') and '"' .. s:gsub('"', '""') .. '"' or s
      end
      lines[#lines + 1] = table.concat(cells, ",")
    end
  end
  local rows = {}
  for _, m in ipairs(r.modules) do
    rows[#rows + 1] = { m.number, m.dir, #m.lessons, num(m.minutes), m.mix.beginner, m.mix.intermediate,
      m.mix.advanced, m.mix.other, m.rises and "yes" or "no", m.drop and m.drop.from.id, m.drop and m.drop.to.id }
  end
  section("modules", { "module", "folder", "lessons", "minutes", "beginner", "intermediate", "advanced", "other",
    "difficulty_rises", "drop_from", "drop_to" }, rows)
  rows = {}
  for _, l in ipairs(r.lessons) do
    rows[#rows + 1] = { l.module.dir, num(l.order), l.id, l.title, l.difficulty, num(l.minutes) }
  end
  section("lessons", { "module", "order", "id", "title", "difficulty", "minutes" }, rows)
  local head = { "topic" }
  for _, m in ipairs(r.modules) do
    head[#head + 1] = m.dir
  end
  head[#head + 1] = "lessons"
  rows = {}
  for _, t in ipairs(r.topics) do
    local cells = { t.topic }
    for _, m in ipairs(r.modules) do
      cells[#cells + 1] = t.counts[m] or 0
    end
    cells[#cells + 1] = t.total
    rows[#rows + 1] = cells
  end
  section("topics", head, rows)
  rows = {}
  for _, l in ipairs(r.orphans) do
    rows[#rows + 1] = { l.id, l.title }
  end
  section("orphans", { "id", "title" }, rows)
  rows = {}
  for _, d in ipairs(r.depended) do
    rows[#rows + 1] = { d.lesson.id, d.lesson.title, d.all, d.direct }
  end
  section("most_depended_on", { "id", "title", "dependents", "direct_dependents" }, rows)
  rows = {}
  for i, l in ipairs(r.critical.lessons) do
    rows[#rows + 1] = { i, l.id, l.title, num(l.minutes), num(l.running) }
  end
  section("critical_path", { "step", "id", "title", "minutes", "total" }, rows)
  rows = {}
  for _, e in ipairs(r.edges) do
    rows[#rows + 1] = { e.from.dir, e.to.dir, e.n }
  end
  section("module_graph", { "from", "to", "prerequisites" }, rows)
  -- CR LF after every line; print adds the last LF.
  print(table.concat(lines, "\r\n") .. "\r")
end

-- ---- HTML ---------------------------------------------------------------------

local function esc(s)
  return (tostring(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;",
    ["'"] = "&#39;" }))
end

local CSS = [[
:root { --beginner: #3a9d5d; --intermediate: #e0a526; --advanced: #c8424f; --other: #9aa0a6;
  --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --accent: #0b62a4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
main { max-width: 1100px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p.lead { color: var(--muted); margin: 0 0 1.5rem; }
nav a, td a { color: var(--accent); text-decoration: none; white-space: nowrap; }
nav { margin: 0 0 1.5rem; display: flex; gap: 1rem; flex-wrap: wrap; font-size: .9rem; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .75rem; }
.card { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.card b { display: block; font-size: 1.35rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
.card span { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); background: var(--soft); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:hover { background: #fafbfc; }
.mix { display: flex; width: 160px; height: 10px; border-radius: 5px; overflow: hidden; background: var(--line); }
.mix i { display: block; height: 100%; }
.lvl { display: inline-flex; gap: 2px; align-items: flex-end; height: 12px; margin-right: .4rem; vertical-align: -1px; }
.lvl i { display: block; width: 4px; border-radius: 1px; background: var(--line); }
.lvl i:nth-child(1) { height: 5px; } .lvl i:nth-child(2) { height: 8px; } .lvl i:nth-child(3) { height: 12px; }
.beginner { background: var(--beginner) !important; } .intermediate { background: var(--intermediate) !important; }
.advanced { background: var(--advanced) !important; } .other { background: var(--other) !important; }
.legend { display: flex; gap: 1rem; color: var(--muted); font-size: .85rem; margin: .25rem 0 .5rem; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: .3rem; }
.yes { color: var(--beginner); font-weight: 600; } .no { color: var(--advanced); font-weight: 600; }
.note { color: var(--muted); font-size: .85rem; }
.matrix td.n { min-width: 3.2rem; }
.matrix td.h1 { background: #e3effa; } .matrix td.h2 { background: #bcd8f1; } .matrix td.h3 { background: #8fbfe6; }
.bar { display: inline-block; height: 8px; border-radius: 4px; background: var(--accent); opacity: .55;
  margin-left: .5rem; vertical-align: middle; }
ol.path { padding-left: 1.6rem; } ol.path li { margin: .3rem 0; }
ol.path .t { color: var(--muted); font-variant-numeric: tabular-nums; }
pre.mermaid { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 1rem;
  overflow-x: auto; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
@media print { main { max-width: none; } h2 { break-after: avoid; } }
]]

-- A module's difficulty mix as one stacked bar.
local function mix_bar(m)
  local parts, words = {}, {}
  for _, k in ipairs(MIX) do
    if m.mix[k] > 0 then
      parts[#parts + 1] = string.format('<i class="%s" style="width:%.4g%%"></i>', k, 100 * m.mix[k] / #m.lessons)
      words[#words + 1] = m.mix[k] .. " " .. k
    end
  end
  local label = esc(table.concat(words, ", "))
  return string.format('<div class="mix" title="%s" role="img" aria-label="%s">%s</div>', label, label,
    table.concat(parts))
end

-- A lesson's level as three small bars, as many filled as the level.
local function level_bars(difficulty)
  local level = LEVEL[difficulty or ""]
  local bars = {}
  for i = 1, 3 do
    bars[i] = level and i <= level and string.format('<i class="%s"></i>', difficulty) or "<i></i>"
  end
  return string.format('<span class="lvl" title="%s">%s</span>', esc(difficulty or "no difficulty"),
    table.concat(bars))
end

local function lesson_html(l)
  return string.format("%s <code>%s</code>", esc(l.title), esc(l.id))
end

local function html(r)
  local o = {}
  local function p(fmt, ...)
    o[#o + 1] = select("#", ...) > 0 and string.format(fmt, ...) or fmt
  end
  local rising = 0
  for _, m in ipairs(r.modules) do
    rising = rising + (m.rises and 1 or 0)
  end
  p('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
  p('<meta name="viewport" content="width=device-width, initial-scale=1">')
  p('<title>Curriculum report</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>', CSS)
  p('<h1>Curriculum report</h1>\n<p class="lead">%s</p>', esc(summary(r)))
  p('<nav><a href="#modules">Modules</a><a href="#topics">Topics</a><a href="#orphans">Orphans</a>'
    .. '<a href="#depended">Most depended on</a><a href="#critical">Critical path</a>'
    .. '<a href="#graph">Module graph</a></nav>')
  p('<div class="cards">')
  for _, c in ipairs({ { #r.lessons, "lessons" }, { #r.modules, "modules" }, { num(r.minutes) .. " min", "in total" },
    { rising .. " / " .. #r.modules, "modules rise in difficulty" }, { #r.orphans, "orphans" },
    { num(r.critical.minutes) .. " min", "critical path" } }) do
    p('<div class="card"><b>%s</b><span>%s</span></div>', esc(c[1]), esc(c[2]))
  end
  p('</div>')

  p('<h2 id="modules">Modules</h2>\n<div class="legend">')
  for _, k in ipairs(MIX) do
    p('<span><i class="%s"></i>%s</span>', k, k)
  end
  p('</div>\n<table>\n<thead><tr><th>module</th><th class="n">lessons</th><th class="n">min</th>'
    .. '<th>difficulty mix</th><th class="n">beg.</th><th class="n">int.</th><th class="n">adv.</th>'
    .. '<th>difficulty rises</th></tr></thead>\n<tbody>')
  for _, m in ipairs(r.modules) do
    p('<tr><td><a href="#m-%s">%s</a></td><td class="n">%d</td><td class="n">%s</td><td>%s</td>'
      .. '<td class="n">%d</td><td class="n">%d</td><td class="n">%d</td><td>%s</td></tr>', esc(m.dir),
      esc(m.dir), #m.lessons, num(m.minutes), mix_bar(m), m.mix.beginner, m.mix.intermediate, m.mix.advanced,
      m.rises and '<span class="yes">yes</span>'
        or '<span class="no">no</span> <span class="note">' .. esc(drop_text(m)) .. '</span>')
  end
  p('</tbody>\n</table>')
  for _, m in ipairs(r.modules) do
    p('<h3 id="m-%s">%s <span class="note">%d lessons, %s min</span></h3>', esc(m.dir), esc(m.dir),
      #m.lessons, num(m.minutes))
    p('<table>\n<thead><tr><th class="n">order</th><th>lesson</th><th>difficulty</th><th class="n">min</th>'
      .. '</tr></thead>\n<tbody>')
    for _, l in ipairs(m.lessons) do
      p('<tr><td class="n">%s</td><td>%s</td><td>%s%s</td><td class="n">%s</td></tr>', num(l.order),
        lesson_html(l), level_bars(l.difficulty), esc(l.difficulty or "—"), num(l.minutes))
    end
    p('</tbody>\n</table>')
  end

  p('<h2 id="topics">Topics by module</h2>')
  p('<p class="note">How many lessons of each module list the topic.</p>\n<table class="matrix">')
  local head = { "<th>topic</th>" }
  for _, m in ipairs(r.modules) do
    head[#head + 1] = string.format('<th class="n" title="%s">%s</th>', esc(m.dir), m.number)
  end
  p('<thead><tr>%s<th class="n">lessons</th></tr></thead>\n<tbody>', table.concat(head))
  for _, t in ipairs(r.topics) do
    local cells = { "<td>" .. esc(t.topic) .. "</td>" }
    for _, m in ipairs(r.modules) do
      local c = t.counts[m]
      cells[#cells + 1] = c and string.format('<td class="n h%d">%d</td>', math.min(c, 3), c) or '<td class="n"></td>'
    end
    p('<tr>%s<td class="n">%d</td></tr>', table.concat(cells), t.total)
  end
  p('</tbody>\n</table>')

  p('<h2 id="orphans">Orphans</h2>')
  if #r.orphans == 0 then
    p('<p>None: every lesson is linked to from another lesson or required by one.</p>')
  else
    p('<p>No other lesson links to these in its body, and none requires them.</p>\n<ul>')
    for _, l in ipairs(r.orphans) do
      p('<li>%s</li>', lesson_html(l))
    end
    p('</ul>')
  end

  p('<h2 id="depended">Most depended on</h2>')
  if #r.depended == 0 then
    p('<p>No lesson requires another.</p>')
  else
    p('<table>\n<thead><tr><th>lesson</th><th class="n">needed by (all)</th><th class="n">directly</th>'
      .. '</tr></thead>\n<tbody>')
    for _, d in ipairs(r.depended) do
      p('<tr><td>%s</td><td class="n">%d<span class="bar" style="width:%dpx"></span></td>'
        .. '<td class="n">%d</td></tr>', lesson_html(d.lesson), d.all, 80 * d.all // r.depended[1].all, d.direct)
    end
    p('</tbody>\n</table>')
  end

  p('<h2 id="critical">Critical path</h2>')
  p('<p>The longest prerequisite chain by time: %d lessons, %s.</p>\n<ol class="path">', #r.critical.lessons,
    esc(hours(r.critical.minutes)))
  for _, l in ipairs(r.critical.lessons) do
    p('<li>%s%s <span class="t">%s, %s min, %s min so far</span></li>', level_bars(l.difficulty),
      lesson_html(l), esc(l.difficulty or "no difficulty"), num(l.minutes), num(l.running))
  end
  p('</ol>')

  p('<h2 id="graph">Module graph</h2>')
  if #r.edges == 0 then
    p('<p>No prerequisite crosses modules.</p>')
  else
    p('<p>Prerequisites from one module to another: lessons of <em>to</em> need lessons of <em>from</em>.</p>')
    p('<table>\n<thead><tr><th>from</th><th>to</th><th class="n">prerequisites</th></tr></thead>\n<tbody>')
    for _, e in ipairs(r.edges) do
      p('<tr><td>%s</td><td>%s</td><td class="n">%d</td></tr>', esc(e.from.dir), esc(e.to.dir), e.n)
    end
    p('</tbody>\n</table>')
  end
  p('<p class="note">The same graph as Mermaid source (paste it into a lesson to draw it):</p>')
  p('<pre class="mermaid">%s</pre>\n</main>\n</body>\n</html>', esc(mermaid(r)))
  print(table.concat(o, "\n"))
end

-- ---- main -----------------------------------------------------------------------

local FORMATS = { md = markdown, csv = csv, html = html }

local function main(args)
  local format, bad = "md", nil
  local i = 1
  while i <= #args and not bad do
    local a = args[i]
    if a == "-h" or a == "--help" then
      print(HELP)
      return 0
    elseif a == "--format" then
      i = i + 1
      format = args[i]
    elseif a:match("^%-%-format=") then
      format = a:sub(10)
    else
      bad = "unexpected argument " .. a
    end
    bad = bad or not FORMATS[format or ""] and "the format is md, csv or html"
    i = i + 1
  end
  if bad then
    return courseq.fail("curriculum-report", bad, USAGE)
  end
  local ok, db = pcall(courseq.course)
  if not ok then
    return courseq.fail("curriculum-report", db)
  end
  FORMATS[format](gather(db))
  return 0
end

return courseq.exit(main({ ... }))
