-- Sets a frontmatter field in every lesson of a module (e.g. the module's difficulty)
--
--     courseq report set-field KEY VALUE --module M [--type string|number|boolean|list] [--dry-run]
--     courseq run [--dry-run] scripts/set-field.lua KEY VALUE --module M
--     LUA_CPATH="build/lua/?.so" lua5.4 scripts/set-field.lua KEY VALUE --module M
--
-- Under plain lua5.4 the course is the one found from COURSEQ_DIR (default
-- the working directory), its index COURSEQ_DB (default its own).
local courseq = courseq or require("courseq")

local USAGE = "usage: set-field KEY VALUE --module M [--type string|number|boolean|list] [--dry-run]"
local HELP = USAGE .. [[


Sets frontmatter KEY to VALUE in every lesson of module M (7, module-7 or
07-module-7). VALUE is a number when it reads as one (30, 2.5), a boolean
when it is true or false, else a string; --type says otherwise (list:
comma-separated items). Only the value changes: a quoted value stays quoted
the same way, comments, line endings and every other line stay; a lesson
without the key gets it before the closing ---. Lessons that have the value
already are left alone. All files change at once, or none.

Options:
  -m, --module M   the module (required)
  -t, --type T     string, number, boolean or list, instead of guessing
  -n, --dry-run    print the diff and write nothing (as courseq run --dry-run)
  -h, --help       this text

Exit status: 0, 1 when the module is not there or the edit fails (nothing is
written), 2 for bad arguments.]]

local function parse(args)
  local o, words, i = {}, {}, 1
  while i <= #args do
    local a = args[i]
    local opt, val = a:match("^(%-%-%a+)=(.*)$")
    opt = opt or a
    if a == "-h" or a == "--help" then
      o.help = true
    elseif a == "-n" or a == "--dry-run" then
      o.dry_run = true
    elseif opt == "--module" or opt == "-m" or opt == "--type" or opt == "-t" then
      if not val then
        i = i + 1
        val = args[i]
      end
      if not val then
        return nil, opt .. " needs a value"
      end
      o[opt:match("^%-%-?(%a)") == "m" and "module" or "type"] = val
    elseif a:match("^%-%-?%a") then -- a VALUE may be -1
      return nil, "unknown option " .. a
    else
      words[#words + 1] = a
    end
    i = i + 1
  end
  if o.help then
    return o
  elseif #words ~= 2 then
    return nil, "name the key and its value"
  elseif not o.module then
    return nil, "say which module: --module M"
  elseif not words[1]:match("^[%a_][%w_.-]*$") then
    return nil, "'" .. words[1] .. "' is not a frontmatter key"
  end
  o.key, o.text = words[1], words[2]
  -- The value, of the type given or guessed.
  local t, text = o.type, o.text
  if t == "string" then
    o.value = text
  elseif t == "list" then
    o.value = {}
    for item in text:gmatch("[^,]+") do
      o.value[#o.value + 1] = item:match("^%s*(.-)%s*$")
    end
  elseif t == "boolean" or not t and (text == "true" or text == "false") then
    if text ~= "true" and text ~= "false" then
      return nil, "a boolean is true or false, not '" .. text .. "'"
    end
    o.value = text == "true"
  elseif t == "number" or not t then
    local n = text:match("^%s*[-+]?%d*%.?%d+[eE]?[-+]?%d*%s*$") and tonumber(text)
    if n and n == n and math.abs(n) ~= math.huge then
      o.value = n
    elseif t then
      return nil, "'" .. text .. "' is not a number"
    else
      o.value = text
    end
  else
    return nil, "the type is string, number, boolean or list"
  end
  return o
end

-- The lesson has the value already (30 and 30.0 are one number).
local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then
    return a == b
  elseif #a ~= #b then
    return false
  end
  for i = 1, #a do
    if a[i] ~= b[i] then
      return false
    end
  end
  return true
end

local function main(args)
  local o, err = parse(args)
  if not o then
    return courseq.fail("set-field", err, USAGE)
  elseif o.help then
    print(HELP)
    return 0
  end
  courseq.dry_run = courseq.dry_run or o.dry_run
  local ok, db = pcall(courseq.course)
  if not ok then
    return courseq.fail("set-field", db)
  end
  -- The module's lessons: by number, folder (07-module-7) or alias folder (module-7).
  local want, lessons, dir = o.module:gsub("/$", ""), {}, nil
  for l in db:lessons() do
    local d, ad = l.id:match("^(.*)/") or "", l.alias:match("^(.*)/") or ""
    if want == d or want == ad or want:match("^%d+$") and tonumber(want) == l.module then
      if dir and dir ~= d then
        courseq.warn("set-field: '" .. o.module .. "' names several modules: " .. dir .. ", " .. d)
        return 1
      end
      dir = d
      lessons[#lessons + 1] = l
    end
  end
  if #lessons == 0 then
    courseq.warn("set-field: no module '" .. o.module .. "' in the course")
    return 1
  end
  local e, changed = assert(db:edit()), {}
  for _, l in ipairs(lessons) do
    if not same(l.frontmatter[o.key], o.value) then
      local done
      done, err = e:set(l.id, o.key, o.value)
      if not done then
        courseq.warn("set-field: " .. err)
        courseq.warn("set-field: nothing was written")
        return 1
      end
      changed[#changed + 1] = l.path
    end
  end
  if #changed > 0 then
    local done
    done, err = e:commit()
    if not done then
      courseq.warn("set-field: " .. err)
      courseq.warn("set-field: nothing was written")
      return 1
    end
  end
  for _, path in ipairs(changed) do
    print(path)
  end
  local shown = type(o.value) == "table" and "[" .. table.concat(o.value, ", ") .. "]" or tostring(o.value)
  print(string.format("%s set to %s in %d lesson%s of %s%s%s", o.key, shown, #changed, #changed == 1 and "" or "s",
    dir, #changed < #lessons and string.format(" (%d had it already)", #lessons - #changed) or "",
    courseq.dry_run and #changed > 0 and "; dry run: nothing written" or ""))
  return 0
end

return courseq.exit(main({ ... }))
