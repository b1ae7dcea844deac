"""Tests of the Python binding (bindings/python/courseq).

    PYTHONPATH=bindings/python python3 -m unittest discover -s tests/python -v

from the repository root, after `make` (the binding loads build/libcourseq.so.0;
the comparisons with the command line use build/courseq). Each test has its
own temporary index, on the sample course (content/, config at the root) or
on the fixtures in tests/fixtures/.
"""

import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BINDING = ROOT / "bindings" / "python"
if str(BINDING) not in sys.path:
    sys.path.append(str(BINDING))  # PYTHONPATH, when set, comes first

import courseq  # noqa: E402

CLI = Path(os.environ.get("COURSEQ", ROOT / "build" / "courseq"))
GRAPH = ROOT / "tests" / "fixtures" / "graph"
CHECK = ROOT / "tests" / "fixtures" / "check"
SAMPLE_TARGET = "module-7/04"


def tail(ids):
    """The last segment of each id: 01-module-1/01-base -> 01-base."""
    return [i.split("/")[-1] for i in ids]


class Base(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="courseq-py-")
        self.tmp = Path(self._tmp.name)
        self.opened = []

    def tearDown(self):
        for db in self.opened:
            db.close()
        self._tmp.cleanup()

    def open(self, where=ROOT, name="index.db", **kw):
        db = courseq.open(where, db=self.tmp / name, **kw)
        self.opened.append(db)
        return db

    def sample(self):
        return self.open(ROOT)

    def fixture(self, name):
        base = GRAPH if (GRAPH / name).is_dir() else CHECK
        return self.open(base / name, name=name + ".db")

    def cli(self, where, *args):
        """build/courseq's JSON output for args, on its own index."""
        if not CLI.exists():
            self.skipTest(f"{CLI} is not built")
        out = subprocess.run(
            [str(CLI), "--db", str(self.tmp / "cli.db"), "-C", str(where), *args],
            check=False, capture_output=True, text=True,
        )
        return out

    def cli_json(self, where, *args):
        out = self.cli(where, *args, "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        return json.loads(out.stdout)

    def copy_sample(self):
        """A copy of the sample site (lessons, components, pages) with its
        own config."""
        course = self.tmp / "course"
        shutil.copytree(ROOT / "content" / "src", course / "src")  # lessons and components
        shutil.copy(ROOT / "content" / "package.json", course)
        conf = (ROOT / "courseq.yaml").read_text()
        conf = "\n".join("content: src/content/course" if l.startswith("content:") else l
                         for l in conf.splitlines())
        (course / "courseq.yaml").write_text(conf + "\n")
        return course


class TestOpenClose(Base):
    def test_context_manager_closes(self):
        with courseq.open(ROOT, db=self.tmp / "i.db") as db:
            self.assertFalse(db.closed)
            self.assertEqual(db.lesson(SAMPLE_TARGET).module, 7)
        self.assertTrue(db.closed)
        self.assertIn("closed", repr(db))
        db.close()  # twice is fine
        self.assertTrue(db.closed)

    def test_where(self):
        db = self.sample()
        self.assertEqual(db.root, str(ROOT))
        self.assertEqual(db.content_root, str(ROOT / "content" / "src" / "content" / "course"))
        self.assertEqual(db.index_path, str(self.tmp / "index.db"))
        self.assertTrue((self.tmp / "index.db").is_file())
        self.assertIn(str(ROOT), repr(db))

    def test_refresh_stats(self):
        db = self.sample()
        st = db.refresh()
        self.assertIsInstance(st, courseq.RefreshStats)
        self.assertEqual((st.lessons, st.parsed, st.unchanged, st.removed), (35, 0, 35, 0))
        full = db.refresh(full=True)
        self.assertEqual((full.lessons, full.parsed), (35, 35))
        self.assertGreaterEqual(full.seconds, 0.0)
        self.assertIsInstance(full.seconds_parse, float)

    def test_refresh_false_answers_from_index(self):
        course = self.copy_sample()
        self.open(course, name="a.db").close()
        victim = course / "src/content/course/06-module-6/03-cloud-databases.mdx"
        victim.unlink()
        stale = self.open(course, name="a.db", refresh=False)
        self.assertEqual(len(list(stale.lessons())), 35)  # as indexed
        fresh = self.open(course, name="a.db")
        self.assertEqual(len(list(fresh.lessons())), 34)

    def test_refresh_false_on_a_new_index_still_fills_it(self):
        db = self.open(refresh=False)
        self.assertEqual(len(list(db.lessons())), 35)

    def test_no_course(self):
        empty = self.tmp / "empty"
        empty.mkdir()
        with self.assertRaises(courseq.NotFound) as cm:
            courseq.open(empty, db=self.tmp / "x.db")
        self.assertIsInstance(cm.exception, LookupError)
        self.assertIsInstance(cm.exception, courseq.CourseqError)
        self.assertIn("no course found", str(cm.exception))

    def test_bad_config_is_a_parse_or_config_error(self):
        course = self.tmp / "bad"
        (course / "src/content/course").mkdir(parents=True)
        (course / "courseq.yaml").write_text("nonsense_key: 1\n")
        with self.assertRaises(courseq.CourseqError) as cm:
            courseq.open(course, db=self.tmp / "x.db")
        self.assertIn("unknown setting 'nonsense_key'", str(cm.exception))

    def test_use_after_close_raises(self):
        db = self.sample()
        db.close()
        calls = [
            lambda: db.lesson(SAMPLE_TARGET),
            lambda: db.lesson_json(SAMPLE_TARGET),
            lambda: db.lessons(),
            lambda: db.prereqs(SAMPLE_TARGET),
            lambda: db.path(SAMPLE_TARGET),
            lambda: db.dependents(SAMPLE_TARGET),
            lambda: db.query("SELECT 1"),
            lambda: db.search("cdc"),
            lambda: db.diagnostics(),
            lambda: db.graph(),
            lambda: db.refresh(),
            lambda: db.edit(),
            lambda: db.root,
            lambda: db.content_root,
            lambda: db.index_path,
        ]
        for call in calls:
            with self.assertRaises(courseq.Closed):
                call()
        self.assertTrue(issubclass(courseq.Closed, ValueError))
        self.assertTrue(issubclass(courseq.Closed, courseq.CourseqError))

    def test_close_frees_what_was_made_from_it(self):
        db = self.sample()
        lessons = db.lessons()
        rows = db.query("SELECT id FROM lessons")
        edit = db.edit()
        next(lessons)
        next(rows)
        self.assertEqual(len(db._state.children), 3)
        db.close()
        for h in (lessons, rows, edit):
            self.assertTrue(h.closed)
        self.assertEqual(len(db._state.children), 0)
        with self.assertRaises(courseq.Closed):
            next(lessons)
        with self.assertRaises(courseq.Closed):
            next(rows)
        with self.assertRaises(courseq.Closed):
            edit.diff()

    def test_garbage_collection_closes(self):
        db = courseq.open(ROOT, db=self.tmp / "gc.db")
        it = db.lessons()
        next(it)
        state, fin, child_fin = db._state, db._finalizer, it._finalizer
        ref = weakref.ref(db)
        del db
        self.assertIsNotNone(ref())  # the iterator keeps its course alive
        del it
        gc.collect()
        self.assertIsNone(ref())
        self.assertFalse(child_fin.alive)
        self.assertFalse(fin.alive)
        self.assertIsNone(state.ptr)
        self.assertEqual(state.children, set())

    def test_garbage_in_a_cycle(self):
        db = courseq.open(ROOT, db=self.tmp / "gc.db")
        it = db.lessons()
        next(it)
        db.cycle = it  # db -> it -> db
        state = db._state
        del db, it
        gc.collect()
        self.assertIsNone(state.ptr)
        self.assertEqual(state.children, set())

    def test_threads_share_a_course(self):
        db = self.sample()
        want = [s.id for s in db.prereqs(SAMPLE_TARGET)]
        got, errors = [], []

        def work():
            try:
                for _ in range(15):
                    got.append([s.id for s in db.prereqs(SAMPLE_TARGET)])
                    got.append([r["id"] for r in db.query(
                        "SELECT id FROM lessons WHERE id = ?1", want[0])])
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(got), 4 * 15 * 2)
        for g in got:
            self.assertIn(g, (want, [want[0]]))


class TestLibrary(Base):
    def run_py(self, code, **env):
        e = dict(os.environ, PYTHONPATH=str(BINDING), **env)
        return subprocess.run([sys.executable, "-c", code], capture_output=True,
                              text=True, env=e, cwd=self.tmp, check=False)

    def test_found_in_the_build_tree(self):
        out = self.run_py("import courseq; print(courseq._LIB_PATH)", COURSEQ_LIB="")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), str(ROOT / "build" / "libcourseq.so.0"))

    def test_courseq_lib_wins(self):
        lib = self.tmp / "copy" / "libcourseq.so.0"
        lib.parent.mkdir()
        shutil.copy(ROOT / "build" / "libcourseq.so.0", lib)
        out = self.run_py("import courseq; print(courseq._LIB_PATH, courseq.version())",
                          COURSEQ_LIB=str(lib))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.split(), [str(lib), courseq.version()])

    def test_courseq_lib_wrong_fails_loudly(self):
        out = self.run_py("import courseq", COURSEQ_LIB=str(self.tmp / "nope.so"))
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("ImportError", out.stderr)
        self.assertIn("COURSEQ_LIB", out.stderr)

    def test_every_function_is_declared(self):
        from courseq import _lib
        header = (ROOT / "include" / "courseq.h").read_text()
        declared = set(re.findall(r"COURSEQ_API[^;(]*?\b(courseq_\w+)\s*\(", header))
        self.assertGreater(len(declared), 50)
        self.assertEqual(declared - set(_lib.PROTOTYPES), set())
        for name in _lib.PROTOTYPES:
            fn = getattr(courseq._L, name)
            self.assertIsNotNone(fn.argtypes, name)

    def test_version(self):
        v = courseq.version()
        self.assertRegex(v, r"^\d+\.\d+\.\d+$")
        if CLI.exists():
            out = subprocess.run([str(CLI), "--version"], capture_output=True, text=True)
            self.assertEqual(out.stdout.strip(), "courseq " + v)

    def test_codes(self):
        codes = courseq.codes()
        self.assertEqual(len(codes), 35)
        self.assertEqual(codes["broken-link"], "a link reaches no lesson, page or file of the site")
        self.assertIn("prerequisite-cycle", codes)
        self.assertEqual(courseq.code_help("order-gap"), codes["order-gap"])
        self.assertIsNone(courseq.code_help("no-such-code"))
        if CLI.exists():
            help_text = subprocess.run([str(CLI), "check", "--help"], capture_output=True,
                                       text=True).stdout
            for code, text in codes.items():
                self.assertRegex(help_text, rf"\n  {re.escape(code)} +{re.escape(text)}\n")

    def test_frontmatter(self):
        fm = courseq.frontmatter(ROOT / "content/src/content/course/07-module-7/04-multi-database-architecture.mdx")
        self.assertEqual(fm["order"], 4)
        self.assertEqual(fm["prerequisites"], ["module-7/01-capstone-overview",
                                               "module-8/02-binlog-architecture"])
        plain = self.tmp / "plain.md"
        plain.write_text("# no frontmatter\n")
        self.assertEqual(courseq.frontmatter(plain), {})
        bad = self.tmp / "bad.md"
        bad.write_text("---\ntitle: [unclosed\n---\n")
        with self.assertRaises(courseq.CourseqError) as cm:
            courseq.frontmatter(bad)
        self.assertIn("bad.md:", str(cm.exception))
        with self.assertRaises(courseq.CourseqError):
            courseq.frontmatter(self.tmp / "missing.md")


class TestLessons(Base):
    def test_lookup_forms(self):
        db = self.sample()
        want = "07-module-7/04-multi-database-architecture"
        by_prefix = db.lesson("module-7/04")
        self.assertEqual(by_prefix.id, want)
        self.assertEqual(db.lesson("module-7/04-multi-database-architecture").id, want)
        self.assertEqual(db.lesson(want).id, want)
        path = ROOT / "content/src/content/course/07-module-7/04-multi-database-architecture.mdx"
        self.assertEqual(db.lesson(str(path)).id, want)
        self.assertEqual(db.lesson(path).id, want)  # a PathLike
        self.assertEqual(db.lesson(by_prefix).id, want)  # a Lesson names itself

    def test_lesson_fields(self):
        l = self.sample().lesson(SAMPLE_TARGET)
        self.assertIsInstance(l, courseq.Lesson)
        self.assertEqual(l.alias, "module-7/04-multi-database-architecture")
        self.assertEqual(l.path, "content/src/content/course/07-module-7/04-multi-database-architecture.mdx")
        self.assertEqual(l.url, "/course/07-module-7/04-multi-database-architecture")
        self.assertEqual(l.title, "Multi-Database CDC Architecture")
        self.assertIn("PostgreSQL + MySQL", l.description)
        self.assertEqual(l.difficulty, "advanced")
        self.assertEqual((l.module, l.order, l.estimated_time), (7, 4, 35))
        self.assertIsInstance(l.frontmatter, dict)
        self.assertEqual(l.frontmatter["topics"][0], "Multi-Database")
        self.assertEqual(l.frontmatter["estimatedTime"], 35)

    def test_not_found_suggests(self):
        db = self.sample()
        with self.assertRaises(courseq.NotFound) as cm:
            db.lesson("module-1/01-what-is-cdx")
        e = cm.exception
        self.assertIsInstance(e, LookupError)
        self.assertIsInstance(e, courseq.CourseqError)
        self.assertEqual(e.code, courseq.ENOTFOUND)
        self.assertIn("did you mean module-1/01-what-is-cdc?", str(e))
        with self.assertRaises(courseq.NotFound):
            db.lesson_json("nothing-like-this/at-all")
        with self.assertRaises(courseq.NotFound):
            db.prereqs("module-9/99-nope")

    def test_ambiguous(self):
        db = self.sample()
        with self.assertRaises(courseq.Ambiguous) as cm:
            db.lesson("module-1/0")
        e = cm.exception
        self.assertIsInstance(e, LookupError)
        self.assertNotIsInstance(e, courseq.NotFound)
        self.assertEqual(e.code, courseq.EAMBIGUOUS)
        self.assertIn("matches 5 lessons", str(e))
        self.assertIn("module-1/05-local-lab-setup", str(e))

    def test_lessons_all_in_course_order(self):
        db = self.sample()
        lessons = list(db.lessons())
        self.assertEqual(len(lessons), 35)
        self.assertTrue(all(isinstance(l, courseq.Lesson) for l in lessons))
        modules = []
        for l in lessons:
            if not modules or modules[-1] != l.module:
                modules.append(l.module)
        self.assertEqual(modules, [1, 2, 3, 4, 5, 6, 8, 7])  # module_order in courseq.yaml
        tsv = self.cli(ROOT, "list", "--tsv")
        if tsv.returncode == 0:
            self.assertEqual([l.id for l in lessons],
                             [line.split("\t")[0] for line in tsv.stdout.splitlines()[1:]])

    def test_lessons_filters(self):
        db = self.sample()
        m7 = [l.id for l in db.lessons(module=7)]
        self.assertEqual(len(m7), 5)
        self.assertTrue(all(i.startswith("07-module-7/") for i in m7))
        self.assertEqual([l.id for l in db.lessons(module="module-7")], m7)
        self.assertEqual([l.id for l in db.lessons(module="07-module-7")], m7)
        beginner = list(db.lessons(difficulty="beginner"))
        self.assertEqual(len(beginner), 5)
        self.assertTrue(all(l.difficulty == "beginner" for l in beginner))
        wal = [l.id for l in db.lessons(topic="wal")]  # any case
        self.assertIn("02-module-2/01-wal-fundamentals", wal)
        both = [l.id for l in db.lessons(module=2, difficulty="intermediate", topic="WAL")]
        self.assertIn("02-module-2/01-wal-fundamentals", both)
        self.assertTrue(all(i.startswith("02-module-2/") for i in both))
        self.assertEqual(list(db.lessons(difficulty="no-such")), [])
        with self.assertRaises(ValueError):
            db.lessons(module="seven")

    def test_lessons_iterator_frees_itself(self):
        db = self.sample()
        it = db.lessons(module=1)
        self.assertIs(iter(it), it)
        self.assertFalse(it.closed)
        self.assertEqual(len(list(it)), 5)
        self.assertTrue(it.closed)  # exhausted: freed
        self.assertEqual(db._state.children, set())
        with self.assertRaises(StopIteration):
            next(it)
        early = db.lessons()
        next(early)
        early.close()
        self.assertTrue(early.closed)
        with self.assertRaises(StopIteration):
            next(early)
        with db.lessons() as cm:
            next(cm)
        self.assertTrue(cm.closed)
        self.assertEqual(db._state.children, set())

    def test_lesson_json(self):
        db = self.sample()
        rec = db.lesson_json(SAMPLE_TARGET)
        for key in ("id", "alias", "path", "frontmatter", "headings", "links", "imports",
                    "components", "code", "tables", "diagrams", "callouts", "diagnostics"):
            self.assertIn(key, rec)
        self.assertEqual(rec["id"], "07-module-7/04-multi-database-architecture")
        self.assertIsInstance(rec["headings"], list)
        self.assertGreater(len(rec["headings"]), 0)
        self.assertEqual(rec["frontmatter"], db.lesson(SAMPLE_TARGET).frontmatter)
        self.assertEqual(rec, self.cli_json(ROOT, "show", SAMPLE_TARGET))


class TestPaths(Base):
    def test_diamond_order(self):
        db = self.fixture("diamond")
        steps = db.prereqs("module-2/01")
        self.assertIsInstance(steps, list)
        self.assertTrue(all(isinstance(s, courseq.Step) for s in steps))
        self.assertEqual(tail(s.id for s in steps), ["01-base", "02-right", "03-left", "01-top"])
        self.assertEqual(steps.minutes, 40)
        self.assertEqual([s.target for s in steps], [False, False, False, True])
        self.assertEqual([s.total for s in steps], [10, 20, 30, 40])
        direct = db.prereqs("module-2/01", direct=True)
        self.assertEqual(tail(s.id for s in direct), ["02-right", "03-left", "01-top"])

    def test_sample_path(self):
        db = self.sample()
        steps = db.prereqs(SAMPLE_TARGET)
        self.assertGreaterEqual(len(steps), 5)
        self.assertGreaterEqual(len({s.module for s in steps}), 3)
        self.assertEqual(steps[-1].id, "07-module-7/04-multi-database-architecture")
        self.assertTrue(steps[-1].target)
        running = 0
        for s in steps:
            self.assertFalse(s.missing)
            running += s.minutes
            self.assertEqual(s.total, running)
        self.assertEqual(steps.minutes, running)
        # Every lesson comes after its own prerequisites.
        seen = set()
        for s in steps:
            for p in db.prereqs(s.id, direct=True)[:-1]:
                self.assertIn(p.id, seen, f"{p.id} should come before {s.id}")
            seen.add(s.id)
        cli = self.cli_json(ROOT, "prereqs", SAMPLE_TARGET)
        self.assertEqual([s.id for s in steps], [s["id"] for s in cli["path"]])
        self.assertEqual(steps.minutes, cli["minutes"])

    def test_path_with_known(self):
        db = self.fixture("diamond")
        both = db.path("module-1/02", "module-1/03")
        self.assertEqual(tail(s.id for s in both), ["01-base", "02-right", "03-left"])
        self.assertEqual(both.minutes, 30)
        known = db.path("module-2/01", known=["module-1/02"])
        self.assertEqual(tail(s.id for s in known), ["03-left", "01-top"])
        self.assertEqual(known.minutes, 20)
        self.assertEqual(db.path("module-2/01", known="module-1/02"), known)  # one str
        with self.assertRaises(TypeError):
            db.path()

    def test_dependents(self):
        db = self.fixture("chain")
        self.assertEqual(tail(s.id for s in db.dependents("module-1/01")), ["02-basics"])
        self.assertEqual(tail(s.id for s in db.dependents("module-1/01", all=True)),
                         ["02-basics", "01-advanced"])
        self.assertEqual(db.dependents("module-2/02"), [])
        sample = self.sample()
        deps = sample.dependents("module-8/02")
        self.assertEqual([s.id for s in deps], [s["id"] for s in self.cli_json(
            ROOT, "dependents", "module-8/02")["path"]])

    def test_missing_prerequisite(self):
        steps = self.fixture("missing").prereqs("module-1/02")
        first = steps[0]
        self.assertTrue(first.missing)
        self.assertEqual(first.id, "module-1/01-introductoin")
        self.assertEqual(first.required_by, "01-module-1/02-next")
        self.assertIsNone(first.alias)
        self.assertIsNone(first.minutes)
        self.assertEqual(steps[1].id, "01-module-1/02-next")

    def test_cycle_is_broken(self):
        steps = self.fixture("cycle").prereqs("module-1/04")
        self.assertEqual(tail(s.id for s in steps), ["02-b", "03-c", "01-a", "04-d"])


class TestRows(Base):
    def test_query_typing(self):
        db = self.sample()
        row = next(db.query("SELECT 1 AS i, 2.5 AS f, 'текст' AS t, NULL AS n"))
        self.assertEqual(row, {"i": 1, "f": 2.5, "t": "текст", "n": None})
        self.assertIs(type(row["i"]), int)
        self.assertIs(type(row["f"]), float)
        rows = list(db.query(
            "SELECT module, count(*) AS lessons, sum(estimated_time) AS minutes "
            "FROM lessons GROUP BY module ORDER BY min(module_rank)"))
        self.assertEqual([r["module"] for r in rows], [1, 2, 3, 4, 5, 6, 8, 7])
        self.assertEqual(sum(r["lessons"] for r in rows), 35)
        self.assertEqual(rows[0]["minutes"], 145)

    def test_query_parameters(self):
        db = self.sample()
        row = next(db.query("SELECT ?1 AS a, ?2 AS b, ?3 AS c, ?4 AS d, ?5 AS e",
                            7, 1.25, "слот", None, True))
        self.assertEqual(row, {"a": 7, "b": 1.25, "c": "слот", "d": None, "e": 1})
        big = next(db.query("SELECT ?1 AS v", 2**62))
        self.assertEqual(big["v"], 2**62)
        ids = [r["id"] for r in db.query("SELECT id FROM lessons WHERE module = ?1 ORDER BY id", 8)]
        self.assertEqual(len(ids), 5)
        with self.assertRaises(OverflowError):
            db.query("SELECT ?1", 2**64)
        with self.assertRaises(TypeError):
            db.query("SELECT ?1", [1])
        with self.assertRaises(courseq.CourseqError):
            db.query("SELECT ?1", 1, 2)  # more values than parameters
        self.assertEqual(db._state.children, set())  # failed queries freed

    def test_query_blobs_keep_every_byte(self):
        db = self.sample()
        row = next(db.query("SELECT x'00ff0041' AS b, x'' AS e, ?1 AS p, length(?1) AS n",
                            b"a\x00b\xff"))
        self.assertEqual(row, {"b": b"\x00\xff\x00A", "e": b"", "p": b"a\x00b\xff", "n": 4})

    def test_query_read_only(self):
        db = self.sample()
        for sql in ("DELETE FROM lessons", "UPDATE lessons SET title = 'x'",
                    "DROP TABLE lessons", "ATTACH DATABASE ':memory:' AS x",
                    "PRAGMA user_version = 3"):
            with self.assertRaises(courseq.ReadOnly, msg=sql) as cm:
                list(db.query(sql))
            self.assertIsInstance(cm.exception, PermissionError)
            self.assertIsInstance(cm.exception, courseq.CourseqError)
            self.assertEqual(cm.exception.code, courseq.EREADONLY)
            self.assertIn("read-only", str(cm.exception))
        self.assertEqual(next(db.query("SELECT count(*) AS n FROM lessons"))["n"], 35)

    def test_query_errors(self):
        db = self.sample()
        with self.assertRaises(courseq.ParseError) as cm:
            db.query("SELEKT 1")
        self.assertIsInstance(cm.exception, ValueError)
        self.assertIn("syntax error", str(cm.exception))
        with self.assertRaises(courseq.ParseError):
            db.query("SELECT 1; SELECT 2")

    def test_rows_iterator(self):
        db = self.sample()
        rows = db.query("SELECT id FROM lessons ORDER BY id LIMIT 3")
        self.assertIsNone(rows.columns)
        self.assertEqual(len(list(rows)), 3)
        self.assertEqual(rows.columns, ["id"])
        self.assertTrue(rows.closed)
        with db.query("SELECT id FROM lessons") as rows:
            next(rows)
        self.assertTrue(rows.closed)
        self.assertEqual(db._state.children, set())

    def test_search_russian(self):
        db = self.sample()
        hits = db.search("слот")
        self.assertIsInstance(hits, list)
        self.assertIn("02-module-2/03-replication-slots", [h["id"] for h in hits])
        self.assertEqual(set(hits[0]), {"id", "title", "snippet", "rank"})
        self.assertTrue(any("**слот" in h["snippet"].lower() for h in hits))
        self.assertIsInstance(hits[0]["rank"], float)
        self.assertEqual([h["id"] for h in db.search("СЛОТ")], [h["id"] for h in hits])
        self.assertLessEqual(len(db.search("слот", limit=2)), 2)
        self.assertEqual(db.search("слот", limit=2), hits[:2])
        self.assertEqual(db.search("zzzqqqxxx"), [])
        cli = self.cli_json(ROOT, "search", "слоты", "репликации")
        self.assertEqual([h["id"] for h in db.search("слоты репликации")], [h["id"] for h in cli])

    def test_diagnostics_broken(self):
        db = self.fixture("broken")
        diags = db.diagnostics()
        self.assertEqual(len(diags), 29)
        self.assertTrue(all(isinstance(d, courseq.Diagnostic) for d in diags))
        expected = (CHECK / "broken.expected").read_text().splitlines()
        self.assertEqual([str(d) for d in diags], expected[:29])
        self.assertEqual(expected[-1], "23 errors, 4 warnings, 2 notes")
        sev = [d.severity for d in diags]
        self.assertEqual((sev.count("error"), sev.count("warning"), sev.count("note")), (23, 4, 2))
        codes = {d.code for d in diags}
        self.assertEqual(len(codes), 29)
        self.assertLessEqual(codes, set(courseq.codes()))
        d = diags[0]
        self.assertEqual((d.path, d.line, d.column, d.code, d.lesson),
                         ("src/content/course/01-module-1/01-links.mdx", 16, 20,
                          "broken-link", "01-module-1/01-links"))

    def test_diagnostics_filters(self):
        db = self.fixture("broken")
        self.assertEqual([d.code for d in db.diagnostics(codes="broken-link")], ["broken-link"])
        two = db.diagnostics(codes=["prerequisite-cycle", "order-gap"])
        self.assertEqual(sorted(d.code for d in two), ["order-gap", "prerequisite-cycle"])
        m2 = db.diagnostics(module=2)
        self.assertGreater(len(m2), 0)
        self.assertTrue(all("/02-module-2/" in d.path for d in m2))
        self.assertEqual(m2, db.diagnostics(module="module-2"))
        m3 = db.diagnostics(path="*/03-module-3/*")
        self.assertEqual(sorted(d.code for d in m3), ["duplicate-order", "order-gap"])
        self.assertEqual(db.diagnostics(codes="no-such-code"), [])

    def test_diagnostics_clean(self):
        self.assertEqual(self.fixture("clean").diagnostics(), [])
        self.assertEqual(self.sample().diagnostics(), [])

    def test_graph(self):
        db = self.sample()
        mermaid = db.graph()
        self.assertTrue(mermaid.startswith("flowchart LR"))
        self.assertIn('subgraph', mermaid)
        dot = db.graph(format="dot")
        self.assertTrue(dot.startswith("digraph"))
        m8 = db.graph(modules=[8])
        self.assertIn("08-module-8", m8)
        self.assertNotIn("06-module-6", m8)
        self.assertEqual(db.graph(modules=8), m8)
        self.assertEqual(db.graph(modules=["08-module-8"]), m8)
        with self.assertRaises(ValueError):
            db.graph(format="svg")
        if CLI.exists():
            out = self.cli(ROOT, "graph", "--module", "8", "--format", "dot")
            self.assertEqual(db.graph(modules=[8], format="dot"), out.stdout)
        self.assertIn("-.->|cycle|", self.fixture("cycle").graph())
        self.assertIn('label="missing"', self.fixture("missing").graph(format="dot"))


class TestEdit(Base):
    def chain(self):
        course = self.tmp / "chain"
        shutil.copytree(GRAPH / "chain", course, ignore=shutil.ignore_patterns(".courseq"))
        return course, self.open(course, name="chain.db")

    def test_set_diff_commit(self):
        course, db = self.chain()
        f = course / "lessons/01-module-1/01-intro.mdx"
        before = f.read_text()
        with db.edit() as e:
            e.set("module-1/01", "title", "Introduction")
            e.set("module-1/01", "estimatedTime", 15)
            e.set("module-1/01", "draft", True)
            e.set("module-1/01", "topics", ["graph", "intro"])
            diff = e.diff()
            self.assertIn('-title: "Intro"', diff)
            self.assertIn('+title: "Introduction"', diff)  # quoting kept
            self.assertIn("+estimatedTime: 15", diff)
            self.assertIn("+draft: true", diff)
            self.assertIn('+topics: ["graph", "intro"]', diff)
            e.commit(dry_run=True)
            self.assertEqual(f.read_text(), before)
            e.commit()
        self.assertTrue(e.closed)
        self.assertIn('title: "Introduction"', f.read_text())
        l = db.lesson("module-1/01")
        self.assertEqual((l.title, l.estimated_time), ("Introduction", 15))
        self.assertIs(l.frontmatter["draft"], True)
        with self.assertRaises(courseq.Closed):
            e.set("module-1/01", "title", "x")

    def test_source_replace_remove_move(self):
        course, db = self.chain()
        e = db.edit()
        src = e.source("module-1/01")
        self.assertIsInstance(src, courseq.Source)
        self.assertTrue(src.data.startswith(b"---\n"))
        self.assertEqual(src.data[src.body:].lstrip(b"\n")[:8], b"## Intro")
        at = src.data.index(b"Text.")
        e.replace("module-1/01", at, at + 4, "Words")
        e.remove("module-1/01", "difficulty")
        e.move("module-2/02", "02-module-2/03-unrelated.mdx")
        diff = e.diff()
        self.assertIn("+Words.", diff)
        self.assertIn("-difficulty: beginner", diff)
        e.commit()
        e.close()
        text = (course / "lessons/01-module-1/01-intro.mdx").read_text()
        self.assertIn("Words.", text)
        self.assertNotIn("difficulty", text)
        self.assertTrue((course / "lessons/02-module-2/03-unrelated.mdx").is_file())
        self.assertEqual(db.lesson("module-2/03").id, "02-module-2/03-unrelated")
        with self.assertRaises(TypeError):
            db.edit().set("module-1/01", "title", object())

    def test_stale_and_unknown(self):
        course, db = self.chain()
        with db.edit() as e:
            with self.assertRaises(courseq.NotFound):
                e.set("module-9/01", "title", "x")
            e.set("module-1/01", "title", "A")
            f = course / "lessons/01-module-1/01-intro.mdx"
            f.write_text(f.read_text() + "\nmore\n")
            with self.assertRaises(courseq.Error) as cm:
                e.commit()
            self.assertEqual(cm.exception.code, courseq.ESTALE)

    def test_rewrite_link(self):
        course, db = self.chain()
        links = db.lesson_json("module-1/02")["links"]
        self.assertEqual([(l["kind"], l["url"]) for l in links],
                         [("prerequisite", "module-1/01-intro")])
        with db.edit() as e:
            e.rewrite_link("module-1/02", links[0]["seq"], "01-module-1/01-intro")
            diff = e.diff()
            self.assertIn("\n-  - module-1/01-intro\n+  - 01-module-1/01-intro\n", diff)
            e.commit()
        after = db.lesson_json("module-1/02")["links"][0]
        self.assertEqual((after["url"], after["target"]), ("01-module-1/01-intro", "01-module-1/01-intro"))


class TestExample(Base):
    def test_example_prints_the_learning_path(self):
        course = self.copy_sample()
        env = dict(os.environ, PYTHONPATH=str(BINDING))
        out = subprocess.run([sys.executable, str(BINDING / "example.py"), str(course)],
                             capture_output=True, text=True, env=env, check=False)
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.splitlines()
        rows = [l.split() for l in lines if re.match(r"(\d+|!) +\S+/\S+ +(\d+|\?) +\d+$", l)]
        ids = [r[1] for r in rows]
        cli = self.cli_json(course, "prereqs", SAMPLE_TARGET)
        self.assertEqual(ids, [s["id"] for s in cli["path"]])
        self.assertEqual([int(r[2]) for r in rows], [s["minutes"] for s in cli["path"]])
        self.assertEqual([int(r[3]) for r in rows], [s["total"] for s in cli["path"]])
        self.assertIn("0 errors, 0 warnings, 0 notes", lines)

    def test_example_reports_problems(self):
        course = self.copy_sample()
        lesson = course / "src/content/course/01-module-1/01-what-is-cdc.mdx"
        lesson.write_text(lesson.read_text() + "\n[dead](/course/01-module-1/99-nope)\n")
        env = dict(os.environ, PYTHONPATH=str(BINDING))
        out = subprocess.run([sys.executable, str(BINDING / "example.py"), str(course)],
                             capture_output=True, text=True, env=env, check=False)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertRegex(out.stdout, r"01-what-is-cdc\.mdx:\d+:\d+: error: .*\[broken-link\]")
        self.assertIn("1 error, 0 warnings, 0 notes", out.stdout)


if __name__ == "__main__":
    unittest.main()
