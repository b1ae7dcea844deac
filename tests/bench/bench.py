#!/usr/bin/env python3
"""courseq's benchmark harness (`make bench`): reports, never fails on speed.

usage: bench.py [--courseq PATH] [--out DIR] [--measure PATH]

For synthetic courses of 1,000 and 10,000 lessons (and 50,000 with
BENCH_LARGE=1), generated once by gen_course.py into OUT/course-N, it takes
the median of BENCH_RUNS (default 5) rounds. Every round runs each
measurement and its baseline one after the other, so a ratio compares runs
made under the same load:

  full index from nothing       vs cmark-gfm -e table on the same files, and
                                vs the remark reference parser (node
                                tests/node/parse-only.mjs) on a sample of
                                BENCH_REMARK_FILES files (default 200),
                                scaled to all the bytes after subtracting
                                node's start-up (a run on an empty list)
  index, nothing changed        vs the full index
  index, one lesson changed     vs the full index
  check, prereqs, search        vs sqlite3 INDEX 'select count(*) from lessons':
                                with --no-refresh (the query's own cost,
                                the target), and as run by default (with
                                the refresh that stats every lesson file).
                                Each side is timed after one run of its
                                own: the round's full index of another file
                                and cmark's reading of every lesson push
                                the index out of the page cache, so the
                                first command after them times the disk
                                (its ratio is shown too, as information)
  peak RSS of the full index    largest course vs 1,000 lessons
  full index time               10,000 vs 1,000 lessons

Every command is run by the measure helper (measure.c), which reports its
time and its peak memory. Prints one table and writes it as JSON to
OUT/results.json.
"""
import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GEN = os.path.join(HERE, "gen_course.py")
PARSE_ONLY = os.path.join(ROOT, "tests", "node", "parse-only.mjs")
SEED = 1
SHAPES = {1000: (20, 50), 10000: (100, 100), 50000: (250, 200)}  # modules, lessons each
SEARCH_WORD = "журнал"
ARG_BYTES = 256 * 1024  # per cmark-gfm command line
NODE = os.environ.get("NODE", "node")


MEASURE = None  # the measure helper (measure.c), set by main


def run(cmd, cwd=None):
    """Runs cmd with its output discarded: (seconds, peak RSS in KiB, exit code).

    Through the measure helper, started fresh: a child of this process
    would count Python's own memory in its peak (see measure.c)."""
    out = os.path.join(os.path.dirname(MEASURE), "measure.out")
    p = subprocess.run([MEASURE, out, *cmd], cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    with open(out) as f:
        seconds, rss = f.read().split()
    return float(seconds), int(rss), p.returncode


def must(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def course(out, n):
    """The cached course of n lessons, generated again when gen_course.py changed."""
    modules, lessons = SHAPES[n]
    d = os.path.join(out, f"course-{n}")
    args = ["--seed", str(SEED), "--modules", str(modules), "--lessons", str(lessons)]
    with open(GEN, "rb") as f:
        stamp = " ".join(args) + " " + hashlib.sha256(f.read()).hexdigest() + "\n"
    stamp_path = d + ".stamp"
    if os.path.isdir(d) and os.path.isfile(stamp_path) and open(stamp_path).read() == stamp:
        return d
    print(f"generating {n:,} lessons into {d}", file=sys.stderr)
    shutil.rmtree(d, ignore_errors=True)
    shutil.rmtree(d + ".tmp", ignore_errors=True)
    subprocess.run([sys.executable, GEN, *args, d + ".tmp"], check=True)
    os.rename(d + ".tmp", d)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return d


def lesson_files(d):
    root = os.path.join(d, "src", "content", "course")
    return sorted(os.path.relpath(os.path.join(dp, f), d)
                  for dp, _, fs in os.walk(root) for f in fs if f.endswith(".mdx"))


def batches(files):
    batch, size = [], 0
    for f in files:
        if batch and size + len(f) + 1 > ARG_BYTES:
            yield batch
            batch, size = [], 0
        batch.append(f)
        size += len(f) + 1
    if batch:
        yield batch


def remove_db(path):
    """The index and its search file, so that an index is made from nothing."""
    for suffix in ("", "-wal", "-shm", "-journal", "-search", "-search-wal", "-search-shm", "-search.new"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def deepest(cq):
    """The lesson with the longest prerequisite chain, from the index."""
    rows = [line.split("\t") for line in must(cq + ["--no-refresh", "query", "--tsv",
            "SELECT l.id, l.alias, coalesce(p.target, '') FROM lessons l "
            "LEFT JOIN prerequisites p USING (lesson)"]).splitlines()[1:]]
    by_alias = {alias: id_ for id_, alias, _ in rows}
    needs = {}
    for id_, _, target in rows:
        needs.setdefault(id_, [])
        if target in by_alias:
            needs[id_].append(by_alias[target])
    depth = {}

    def walk(i):  # course prerequisites are acyclic; a cycle counts once
        if i not in depth:
            depth[i] = 0
            depth[i] = 1 + max((walk(j) for j in needs[i]), default=0)
        return depth[i]
    sys.setrecursionlimit(max(1000, 4 * len(needs)))
    return max(sorted(needs), key=walk)


def measure(cq_bin, d, work, runs, remark_files):
    """The medians (seconds; KiB for rss) of every measurement on course d."""
    files = lesson_files(d)
    sizes = [os.path.getsize(os.path.join(d, f)) for f in files]
    step = max(1, len(files) // remark_files) if remark_files else 1
    sample = files[::step][:remark_files] if remark_files else files
    sample_bytes = sum(os.path.getsize(os.path.join(d, f)) for f in sample)
    lists = {}
    for name, items in (("sample", sample), ("empty", [])):
        lists[name] = os.path.join(work, f"remark-{name}-{len(files)}.list")
        with open(lists[name], "w") as f:
            f.write("".join(os.path.join(d, x) + "\n" for x in items))

    n = len(files)
    db, fresh = os.path.join(work, f"index-{n}.db"), os.path.join(work, f"fresh-{n}.db")
    remove_db(db)
    cq = [cq_bin, "-C", d, "--db", db]
    if run(cq + ["index"])[2]:
        sys.exit(f"bench: {' '.join(cq)} index failed ({rc})")
    diags = must(cq + ["--no-refresh", "query", "--tsv", "SELECT count(*) FROM diagnostics"]).split()[-1]
    has = {c: run([cq_bin, c, "--help"])[2] == 0 for c in ("check", "prereqs", "search")}
    args = {"check": ["check"], "prereqs": ["prereqs", deepest(cq)], "search": ["search", SEARCH_WORD]}
    victim = os.path.join(d, files[len(files) // 2])
    with open(victim, "rb") as f:
        original = f.read()

    t = {}
    add = lambda k, v: t.setdefault(k, []).append(v)  # noqa: E731
    try:
        for r in range(runs):
            remove_db(fresh)
            secs, rss, rc = run([cq_bin, "-C", d, "--db", fresh, "index"])
            if rc:
                sys.exit(f"bench: the full index of {d} failed ({rc})")
            add("full", secs)
            add("rss", rss)
            add("cmark", sum(run(["cmark-gfm", "-e", "table", *b], cwd=d)[0] for b in batches(files)))
            add("remark_sample", run([NODE, PARSE_ONLY, lists["sample"]])[0])
            add("node_start", run([NODE, PARSE_ONLY, lists["empty"]])[0])
            add("unchanged", run(cq + ["index"])[0])
            with open(victim, "ab") as f:
                f.write(f"\nСтрока для бенчмарка {r}.\n".encode())
            add("changed", run(cq + ["index"])[0])
            for c in args:
                if has[c]:
                    # The first run reads what the full index of another
                    # file and cmark pushed out of the page cache; the timed
                    # runs of both sides come after one of their own.
                    add(c + "_first", run(cq + ["--no-refresh"] + args[c])[0])
                    add(c + "_nr", run(cq + ["--no-refresh"] + args[c])[0])
                    add(c, run(cq + args[c])[0])
                    run(["sqlite3", db, "select count(*) from lessons"])
                    add(c + "_sqlite", run(["sqlite3", db, "select count(*) from lessons"])[0])
    finally:
        with open(victim, "wb") as f:
            f.write(original)
        run(cq + ["index"])
        remove_db(fresh)  # INDEX stays, for a look
    m = {k: statistics.median(v) for k, v in t.items()}
    # remark on every byte: node's start-up plus the sample's parse time, scaled.
    scale = sum(sizes) / sample_bytes
    m["remark"] = m["node_start"] + max(0.0, m["remark_sample"] - m["node_start"]) * scale
    m["info"] = {"lessons": len(files), "bytes": sum(sizes), "diagnostics": int(diags),
                 "remark_files": len(sample), "remark_bytes": sample_bytes,
                 "prereqs_of": args["prereqs"][1], "search": SEARCH_WORD, "missing": [c for c in has if not has[c]]}
    return m


def fmt_time(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def row(what, ratio, unit, ours, base, target, ok, fmt=fmt_time):
    if ratio is None:
        return {"measurement": what, "ratio": None, "text": "n/a", "courseq": None, "baseline": None,
                "target": target, "result": "n/a"}
    text = f"{ratio * 100:.1f} %" if unit == "%" else f"{ratio:.2f} {unit}".rstrip()
    return {"measurement": what, "ratio": ratio, "unit": unit, "text": text, "courseq": ours,
            "baseline": base, "shown": [fmt(ours), fmt(base)], "target": target,
            "values_in": "KiB" if fmt is not fmt_time else "seconds", "result": "pass" if ok else "fail"}


def rows_for(n, m):
    i, out = m["info"], []
    label = f"{n:,}:"
    out.append(row(f"{label} full index vs cmark-gfm -e table", m["full"] / m["cmark"], "x",
                   m["full"], m["cmark"], "<= 2.0 x", m["full"] / m["cmark"] <= 2.0))
    out.append(row(f"{label} full index vs remark (estimate*)", m["remark"] / m["full"], "x faster",
                   m["full"], m["remark"], ">= 30 x faster", m["remark"] / m["full"] >= 30))
    for k, what in (("unchanged", "index, nothing changed"), ("changed", "index, 1 lesson changed")):
        out.append(row(f"{label} {what} vs full index", m[k] / m["full"], "%", m[k], m["full"],
                       "<= 5 %", m[k] / m["full"] <= 0.05))
    for c in ("check", "prereqs", "search"):
        what = f"{label} {c} --no-refresh vs sqlite3 count(*)"
        if c in i["missing"]:
            out.append(row(what, None, "x", None, None, "<= 3 x", False))
            continue
        out.append(row(what, m[c + "_nr"] / m[c + "_sqlite"], "x", m[c + "_nr"], m[c + "_sqlite"],
                       "<= 3 x", m[c + "_nr"] / m[c + "_sqlite"] <= 3))
    for c in ("check", "prereqs", "search"):
        if c not in i["missing"]:
            for k, what in ((c + "_first", f"{c} --no-refresh, first run of the round"),
                            (c, f"{c} (refreshing first)")):
                r = row(f"{label} {what} vs sqlite3 count(*)", m[k] / m[c + "_sqlite"], "x",
                        m[k], m[c + "_sqlite"], "none", True)
                r["result"] = "info"
                out.append(r)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--courseq", default=os.path.join(ROOT, "build", "courseq"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--measure", default=os.path.join(ROOT, "build", "bench", "measure"),
                    help="the measure helper, built from tests/bench/measure.c")
    a = ap.parse_args()
    global MEASURE
    MEASURE = os.path.abspath(a.measure)
    if not os.access(MEASURE, os.X_OK):
        sys.exit(f"bench: no measure helper at {MEASURE}: build it with make bench")
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    remark_files = int(os.environ.get("BENCH_REMARK_FILES", "200"))
    sizes = [1000, 10000] + ([50000] if os.environ.get("BENCH_LARGE") == "1" else [])
    cq_bin, out = os.path.abspath(a.courseq), os.path.abspath(a.out)
    work = os.path.join(out, "work")
    os.makedirs(work, exist_ok=True)

    results = {}
    for n in sizes:
        d = course(out, n)
        print(f"measuring {n:,} lessons ({runs} runs)", file=sys.stderr)
        results[n] = measure(cq_bin, d, work, runs, remark_files)

    rows = [r for n in sizes for r in rows_for(n, results[n])]
    big, small = results[sizes[-1]], results[1000]
    kib = lambda k: f"{k / 1024:.1f} MiB"  # noqa: E731
    mem = big["rss"] / small["rss"]
    rows.append(row(f"peak RSS of full index, {sizes[-1]:,} vs 1,000", mem, "x", big["rss"], small["rss"],
                    "<= 1.5 x" + ("" if sizes[-1] == 50000 else " (set for 50,000)"), mem <= 1.5, kib))
    scale = results[10000]["full"] / small["full"]
    rows.append(row("full index time, 10,000 vs 1,000", scale, "", results[10000]["full"], small["full"],
                    "<= 11", scale <= 11))

    head = ["measurement", "ratio", "courseq", "baseline", "target", "result"]
    table = [[r["measurement"], r["text"], *(r.get("shown") or ["n/a", "n/a"]), r["target"], r["result"]]
             for r in rows]
    width = [max(len(x[i]) for x in table + [head]) for i in range(len(head))]
    for line in [head, ["-" * w for w in width]] + table:
        print("  ".join(x.rjust(w) if 0 < j < 4 else x.ljust(w) for j, (x, w) in enumerate(zip(line, width))).rstrip())
    print(f"\nmedians of {runs} runs, every ratio from this run; 'courseq' is the first thing named, "
          "'baseline' the one after 'vs'.")
    for n in sizes:
        i = results[n]["info"]
        print(f"{n:,} lessons: {i['bytes'] / 1e6:.1f} MB, {i['diagnostics']} diagnostics; * remark parsed "
              f"{i['remark_files']} files ({i['remark_bytes'] / 1e6:.1f} MB), scaled by bytes after node's "
              f"start-up; prereqs of {i['prereqs_of']}; search '{i['search']}'"
              + (f"; not yet commands: {', '.join(i['missing'])}" if i["missing"] else ""))

    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"runs": runs, "sizes": sizes, "rows": rows,
                   "medians": {str(n): results[n] for n in sizes}}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"\nwritten {os.path.join(out, 'results.json')}")


if __name__ == "__main__":
    main()
