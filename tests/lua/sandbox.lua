-- What `courseq run --sandbox` takes away (tests/lua/sandbox.sh): every way
-- out of the course below fails under --sandbox, and works without it.
-- Prints "blocked NAME" or "ESCAPED NAME" (sandboxed), "works NAME" or
-- "FAILS NAME" (not); returns 1 if any line is the wrong one.
local courseq = courseq or require("courseq")
local sandboxed = io == nil
local root, _, index = courseq.db:root()

-- Each way out: a function that returns true when it got through.
local ways = {
  { "io.open", function()
    local f = io.open("/etc/passwd")
    return f ~= nil and f:read("l") ~= nil
  end },
  { "io.popen", function()
    local p = io.popen("echo out")
    local s = p:read("a")
    p:close()
    return s == "out\n"
  end },
  { "os.execute", function()
    return os.execute("true") == true
  end },
  { "os.getenv", function()
    return os.getenv("PATH") ~= nil
  end },
  { "require", function()
    return require("string") == string
  end },
  { "package.loadlib", function()
    return package.loadlib ~= nil
  end },
  { "loadfile", function()
    return loadfile(arg[0]) ~= nil
  end },
  { "dofile", function()
    dofile("/dev/null")
    return true
  end },
  { "load of a binary chunk", function()
    local f = assert(load(string.dump(function()
      return 42
    end), "dumped", "b"))
    return f() == 42
  end },
  { "debug", function()
    return debug.getinfo(1) ~= nil
  end },
  { "courseq.open", function()
    return assert(courseq.open(root, { db = index })) ~= nil
  end },
  { "courseq.frontmatter of /etc/passwd", function()
    return type(assert(courseq.frontmatter("/etc/passwd"))) == "table"
  end },
  { "courseq.frontmatter through ..", function()
    -- Enough .. to reach / from any folder (more stay at /).
    return type(assert(courseq.frontmatter(root .. "/src/" .. string.rep("../", 64) .. "etc/passwd"))) == "table"
  end },
}

local wrong = 0
for _, way in ipairs(ways) do
  local ok, got = pcall(way[2])
  local through = ok and got == true
  local word = sandboxed and (through and "ESCAPED" or "blocked") or (through and "works" or "FAILS")
  wrong = wrong + ((word == "ESCAPED" or word == "FAILS") and 1 or 0)
  print(word .. " " .. way[1] .. (not through and got and got ~= false and ": " .. tostring(got) or ""))
end

-- What stays: text chunks, the course, and its own files.
local f = load("return 6 * 7")
local lessons = 0
for _ in courseq.db:lessons() do
  lessons = lessons + 1
end
local plan = courseq.frontmatter(root .. "/plans/capstone.md")
print(string.format("still there: load of text %s, %d lessons, a plan in the course: %s", f and f(), lessons,
  plan and plan.phase))
return wrong > 0 and 1 or 0
