-- What a learner needs before module-7/04, and the course's problems.
--
--     lua5.4 example.lua [COURSE_DIR [LESSON]]
--
-- prints the lesson's learning path (id, minutes, running total), as
-- `courseq prereqs` does, then the check results, as `courseq check` does.
-- Exits 1 when the course has errors, like courseq check, and 2 when it
-- cannot answer (the API returns nil and a message; assert raises it). Needs
-- the courseq module on LUA_CPATH (installed, or build/lua/?.so in the source tree);
-- the C and Python examples print the same text.
local courseq = require("courseq")

local function minutes(m)
	return m and string.format("%g", m) or "?"
end

local function print_path(db, target)
	local steps, total = assert(db:prereqs(target))
	local width, lessons = #"lesson", 0
	for _, s in ipairs(steps) do
		width = math.max(width, #s.id)
		if not s.missing then
			lessons = lessons + 1
		end
	end
	local last = #steps > 0 and steps[#steps].id or target
	print(string.format("Learning path to %s (%d lessons, %s min)", last, lessons, minutes(total)))
	print()
	local row = "%-4s%-" .. width .. "s  %4s  %6s"
	print(string.format(row, "#", "lesson", "min", "total"))
	local n = 0
	for _, s in ipairs(steps) do
		local num = "!"
		if not s.missing then
			n = n + 1
			num = tostring(n)
		end
		print(string.format(row, num, s.id, minutes(s.minutes), minutes(s.total)))
	end
end

-- Prints every diagnostic and the count of each severity; returns the
-- number of errors.
local function print_check(db)
	local count = { error = 0, warning = 0, note = 0 }
	local problems = assert(db:diagnostics())
	print()
	for _, d in ipairs(problems) do
		print(string.format("%s:%d:%d: %s: %s [%s]", d.path, d.line, d.column, d.severity, d.message, d.code))
		count[d.severity] = count[d.severity] + 1
	end
	if #problems > 0 then
		print()
	end
	local parts = {}
	for _, severity in ipairs({ "error", "warning", "note" }) do
		local k = count[severity]
		parts[#parts + 1] = string.format("%d %s%s", k, severity, k == 1 and "" or "s")
	end
	print(table.concat(parts, ", "))
	return count.error
end

local ok, err = pcall(function()
	local db <close> = assert(courseq.open(arg[1] or "."))
	print_path(db, arg[2] or "module-7/04")
	if print_check(db) > 0 then
		os.exit(1)
	end
end)
if not ok then
	io.stderr:write("courseq: ", tostring(err), "\n")
	os.exit(2)
end
