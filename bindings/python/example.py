#!/usr/bin/env python3
"""What a learner needs before module-7/04, and the course's problems.

    python3 bindings/python/example.py [COURSE_DIR [LESSON]]

prints the lesson's learning path (id, minutes, running total), as
`courseq prereqs` does, then the check results, as `courseq check` does.
Exits 1 when the course has errors, like courseq check, and 2 when it
cannot answer. The C and Lua examples beside it print the same text.
Run it from the repository root with PYTHONPATH=bindings/python (or with
the courseq package installed).
"""

import sys

import courseq



def minutes(m):
    return "?" if m is None else f"{m:g}"


def main(argv):
    where = argv[1] if len(argv) > 1 else "."
    target = argv[2] if len(argv) > 2 else "module-7/04"
    with courseq.open(where) as db:
        steps = db.prereqs(target)
        target = steps[-1].id if steps else target
        lessons = sum(not s.missing for s in steps)
        print(f"Learning path to {target} ({lessons} lessons, {minutes(steps.minutes)} min)")
        print()
        width = max([len("lesson")] + [len(s.id) for s in steps])
        print(f"{'#':<4}{'lesson':<{width}}  {'min':>4}  {'total':>6}")
        n = 0
        for s in steps:
            if s.missing:
                num = "!"
            else:
                n += 1
                num = str(n)
            print(f"{num:<4}{s.id:<{width}}  {minutes(s.minutes):>4}  {minutes(s.total):>6}")

        print()
        problems = db.diagnostics()
        for d in problems:
            print(d)
        count = {sev: sum(d.severity == sev for d in problems) for sev in ("error", "warning", "note")}
        if problems:
            print()
        print(", ".join(f"{k} {sev}{'' if k == 1 else 's'}" for sev, k in count.items()))
        return 1 if count["error"] else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except courseq.CourseqError as e:
        print(f"courseq: {e}", file=sys.stderr)
        sys.exit(2)
