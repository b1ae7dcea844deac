"""courseq: a content database for courses written as MDX lessons.

A ctypes binding of libcourseq (include/courseq.h)::

    import courseq

    with courseq.open("path/to/site") as db:
        for step in db.prereqs("module-7/04"):
            print(step.id, step.minutes, step.total)
        for d in db.diagnostics():
            print(d)

The library is found through the environment variable COURSEQ_LIB (a path),
then the source tree's build/libcourseq.so.0 (when this package sits in
bindings/python/ of a built tree), then the installed libcourseq.so.0.

Handles are freed deterministically: ``with`` (or ``close()``) for the
course, for edits and for row iterators; a lesson iterator frees its C
iterator when it is exhausted or closed; garbage collection frees whatever
is left. Closing a course closes what was made from it. A course and what
it made may be shared between threads: their calls are serialized.
"""

import json
import os
import re
import threading
import weakref
from ctypes import POINTER, byref, c_size_t, c_void_p, create_string_buffer, string_at
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Union

from . import _lib
from ._errors import (
    Ambiguous,
    Closed,
    CourseqError,
    Error,
    NotFound,
    ParseError,
    ReadOnly,
)
from ._lib import (  # noqa: F401  (the C return codes, for CourseqError.code)
    EAMBIGUOUS,
    EDB,
    EINVALID,
    EIO,
    ENOMEM,
    ENOTFOUND,
    EPARSE,
    EREADONLY,
    ERROR,
    ESTALE,
)
from ._errors import error_for as _error_for

__all__ = [
    "open", "version", "codes", "code_help", "frontmatter",
    "Database", "Lesson", "Step", "Steps", "Diagnostic", "RefreshStats",
    "Source", "Edit", "Rows", "Lessons",
    "CourseqError", "Error", "NotFound", "Ambiguous", "ParseError", "ReadOnly",
    "Closed",
]

_L = _lib.load()
_LIB_PATH = getattr(_L, "_name", None)

if not _L.courseq_version().decode().startswith("0."):
    raise ImportError(
        "courseq: this binding is for libcourseq 0.x, not "
        + _L.courseq_version().decode()
    )


# ---- conversions ----

def _dec(b):
    """Text from the library (UTF-8, NUL-terminated); None stays None."""
    return None if b is None else b.decode("utf-8", "surrogateescape")


def _enc(s, what="a lesson"):
    if isinstance(s, (Lesson, Step)):
        s = s.id
    if isinstance(s, os.PathLike):
        return os.fsencode(s)
    if isinstance(s, bytes):
        return s
    if not isinstance(s, str):
        raise TypeError(f"{what} must be a str, not {type(s).__name__}")
    return s.encode("utf-8", "surrogateescape")


def _seq(items):
    """One string, or an iterable of them, as a list (a lone str is one
    item, not its characters)."""
    if items is None:
        return []
    if isinstance(items, (str, bytes, int, os.PathLike, Lesson, Step)):
        return [items]
    return list(items)


def _num(v):
    """A C double as Python reads it best: 4.0 -> 4, 2.5 -> 2.5."""
    return int(v) if float(v).is_integer() else v


def _opt_num(v):
    """-1 (the C API's 'unknown') -> None."""
    return None if v == -1 else _num(v)


def _take_string(ptr):
    """A malloc'd C string as str; frees it."""
    try:
        return _dec(string_at(ptr.value)) if ptr.value else None
    finally:
        _L.courseq_free(ptr)


def _module_number(m):
    """7, "7", "module-7" or "07-module-7" -> 7; None -> 0 (any)."""
    if m is None:
        return 0
    if isinstance(m, int) and not isinstance(m, bool):
        return m
    found = re.fullmatch(r"(?:\d+-)?(?:module-)?(\d+)", str(m))
    if not found:
        raise ValueError(f"module must be a number, module-N or NN-module-N, not {m!r}")
    return int(found.group(1))


# ---- records ----

@dataclass
class Lesson:
    """A lesson as the index holds it. url is where the site serves it;
    module, order and estimated_time are None when unknown; frontmatter has
    every key of the file's."""

    id: str
    alias: str
    path: str
    url: str
    title: Optional[str]
    description: Optional[str]
    difficulty: Optional[str]
    module: Optional[int]
    order: Optional[Union[int, float]]
    estimated_time: Optional[Union[int, float]]
    frontmatter: Dict[str, Any] = field(default_factory=dict)


def _lesson(p):
    g = _L
    return Lesson(
        id=_dec(g.courseq_lesson_id(p)),
        alias=_dec(g.courseq_lesson_alias(p)),
        path=_dec(g.courseq_lesson_path(p)),
        url=_dec(g.courseq_lesson_url(p)),
        title=_dec(g.courseq_lesson_title(p)),
        description=_dec(g.courseq_lesson_description(p)),
        difficulty=_dec(g.courseq_lesson_difficulty(p)),
        module=_opt_num(g.courseq_lesson_module(p)),
        order=_opt_num(g.courseq_lesson_order(p)),
        estimated_time=_opt_num(g.courseq_lesson_estimated_time(p)),
        frontmatter=json.loads(_dec(g.courseq_lesson_frontmatter(p)) or "{}"),
    )


@dataclass
class Step:
    """One lesson of a learning path or of a list of dependents. For a
    prerequisite that names no lesson, missing is True, id is the name as
    written and required_by the lesson naming it. minutes (and module) are
    None when unknown; total is the minutes of this step and all before."""

    id: str
    alias: Optional[str]
    title: Optional[str]
    difficulty: Optional[str]
    minutes: Optional[Union[int, float]]
    total: Union[int, float]
    module: Optional[int]
    missing: bool
    target: bool
    required_by: Optional[str] = None


class Steps(list):
    """A list of Step; ``minutes`` is the sum of their minutes."""

    minutes: Union[int, float] = 0


def _step(s):
    return Step(
        id=_dec(s.id),
        alias=_dec(s.alias),
        title=_dec(s.title),
        difficulty=_dec(s.difficulty),
        minutes=None if s.minutes < 0 else _num(s.minutes),
        total=_num(s.total),
        module=None if s.module == -1 else s.module,
        missing=bool(s.missing),
        target=bool(s.target),
        required_by=_dec(s.required_by),
    )


@dataclass
class Diagnostic:
    """A problem `courseq check` reports; str() gives its line."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    lesson: Optional[str]
    link: Optional[int] = None  # the seq of the link or prerequisite it is about

    def __str__(self):
        return (f"{self.path}:{self.line}:{self.column}: {self.severity}: "
                f"{self.message} [{self.code}]")


@dataclass
class RefreshStats:
    """What a refresh did, and how long each phase took (seconds)."""

    lessons: int
    parsed: int
    unchanged: int
    removed: int
    seconds: float
    seconds_walk: float
    seconds_parse: float
    seconds_analyze: float
    seconds_commit: float


@dataclass
class Source:
    """A lesson's file as an edit read it: ``data`` (bytes) and ``body``,
    the byte offset where the body after the frontmatter starts. Offsets
    for Edit.replace() count bytes of ``data``."""

    data: bytes
    body: int

    @property
    def text(self):
        return self.data.decode("utf-8", "surrogateescape")


# ---- handles ----

class _Handle:
    """A C pointer and the function that frees it; freed once."""

    __slots__ = ("ptr", "free")

    def __init__(self, ptr, free):
        self.ptr = ptr
        self.free = free

    def release(self):
        ptr, self.ptr = self.ptr, None
        if ptr:
            self.free(ptr)


class _State:
    """What a course's finalizer needs, without the Database itself: the
    handle, the lock serializing its calls, the live handles made from it."""

    __slots__ = ("ptr", "lock", "children")

    def __init__(self):
        self.ptr = None
        self.lock = threading.RLock()
        self.children = set()


def _close_db(state):
    # What was made from the course goes first: a statement left open
    # would keep its SQLite connection from closing.
    with state.lock:
        for h in list(state.children):
            h.release()
        state.children.clear()
        ptr, state.ptr = state.ptr, None
        if ptr:
            _L.courseq_db_close(ptr)


def _free_child(state, handle):
    with state.lock:
        handle.release()
        state.children.discard(handle)


class _Closable:
    """close() frees the C handle (and, for a course, everything made from
    it) now; later calls are harmless. ``with`` closes on the way out."""

    def close(self):
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _Child(_Closable):
    """A handle made from a course (iterator, rows, path, edit). It keeps
    the course alive; closing the course frees it too."""

    def __init__(self, db, ptr, free):
        self._db = db
        self._handle = _Handle(ptr, free)
        db._state.children.add(self._handle)
        self._finalizer = weakref.finalize(self, _free_child, db._state, self._handle)

    @property
    def closed(self):
        return not self._handle.ptr

    def _ptr(self, what):
        """The live pointer (call with the lock held)."""
        if not self._handle.ptr:
            if self._db.closed:
                raise Closed()
            raise Closed(f"the {what} is closed")
        return self._handle.ptr


class _Iterator(_Child):
    """Steps a C iterator; frees it when exhausted, closed, or collected."""

    def __iter__(self):
        return self

    def __next__(self):
        with self._db._state.lock:
            if not self._handle.ptr:
                if self._db.closed:
                    raise Closed()
                raise StopIteration
            rc, item = self._step(self._handle.ptr)
            if rc == _lib.ITEROVER:
                self.close()
                raise StopIteration
            if rc != _lib.OK:
                err = self._db._error(rc)
                self.close()
                raise err
            return item


class Lessons(_Iterator):
    """An iterator of Lesson, in course order."""

    def _step(self, ptr):
        out = POINTER(_lib.LessonT)()
        rc = _L.courseq_lessons_next(byref(out), ptr)
        return rc, _lesson(out) if rc == _lib.OK else None


class Rows(_Iterator):
    """An iterator of rows as dicts (column name -> int, float, str, None,
    or bytes for a BLOB), from Database.query()."""

    def __init__(self, db, ptr):
        super().__init__(db, ptr, _L.courseq_rows_free)
        self.columns = None  # the column names, known after the first row

    def _step(self, r):
        rc = _L.courseq_rows_next(r)
        if rc != _lib.OK:
            return rc, None
        if self.columns is None:
            self.columns = [_dec(_L.courseq_rows_name(r, i))
                            for i in range(_L.courseq_rows_columns(r))]
        return rc, {name: _cell(r, i) for i, name in enumerate(self.columns)}

    def _bind(self, params):
        r = self._handle.ptr
        for i, v in enumerate(params, 1):
            if v is None:
                rc = _L.courseq_rows_bind_text(r, i, None)
            elif isinstance(v, (bool, int)):
                if not -(2**63) <= v < 2**63:
                    raise OverflowError(f"parameter {i} does not fit in 64 bits")
                rc = _L.courseq_rows_bind_int(r, i, int(v))
            elif isinstance(v, float):
                rc = _L.courseq_rows_bind_double(r, i, v)
            elif isinstance(v, str):
                rc = _L.courseq_rows_bind_text(r, i, _enc(v))
            elif isinstance(v, (bytes, bytearray, memoryview)):
                b = bytes(v)
                rc = _L.courseq_rows_bind_blob(r, i, b, len(b))
            else:
                raise TypeError(f"parameter {i}: an int, float, str, bytes or None, "
                                f"not {type(v).__name__}")
            if rc != _lib.OK:
                raise self._db._error(rc)


def _cell(r, i):
    t = _L.courseq_rows_type(r, i)
    if t == _lib.INTEGER:
        return _L.courseq_rows_int(r, i)
    if t == _lib.FLOAT:
        return _L.courseq_rows_double(r, i)
    if t == _lib.NULL:
        return None
    if t == _lib.BLOB:
        n = c_size_t()
        p = _L.courseq_rows_blob(r, i, byref(n))
        return string_at(p, n.value) if n.value else b""
    return _dec(_L.courseq_rows_text(r, i))


class Edit(_Child):
    """A set of changes to lesson files, made all at once by commit() or
    not at all (include/courseq.h, "edits"). Lessons are named as
    Database.lesson() names them. Close it (or use ``with``) when done;
    closing does not commit."""

    def __init__(self, db, ptr):
        super().__init__(db, ptr, _L.courseq_edit_free)

    def _do(self, fn, *args):
        with self._db._state.lock:
            rc = fn(self._ptr("edit"), *args)
            if rc != _lib.OK:
                raise self._db._error(rc)

    def set(self, lesson, key, value):
        """Sets a frontmatter key to a str, number, bool or list of str;
        only the value's bytes change."""
        l, k = _enc(lesson), _enc(key, "key")
        if isinstance(value, bool):
            self._do(_L.courseq_edit_set_bool, l, k, int(value))
        elif isinstance(value, (int, float)):
            self._do(_L.courseq_edit_set_number, l, k, float(value))
        elif isinstance(value, str):
            self._do(_L.courseq_edit_set_string, l, k, _enc(value))
        elif isinstance(value, (list, tuple)):
            if not all(isinstance(v, str) for v in value):
                raise TypeError("a list value must hold only str")
            arr, n = _lib.strings(value)
            self._do(_L.courseq_edit_set_list, l, k, arr, n)
        else:
            raise TypeError(f"a value is a str, number, bool or list of str, "
                            f"not {type(value).__name__}")

    def remove(self, lesson, key):
        """Removes a frontmatter key and its value."""
        self._do(_L.courseq_edit_remove, _enc(lesson), _enc(key, "key"))

    def rewrite_link(self, lesson, seq, url):
        """Replaces the URL of link number seq (as lesson_json()['links']
        lists it)."""
        self._do(_L.courseq_edit_rewrite_link, _enc(lesson), int(seq), _enc(url, "url"))

    def replace(self, lesson, start, end, text):
        """Replaces bytes [start, end) of the lesson's file (as source()
        gives it) with text."""
        if start < 0 or end < start:
            raise ValueError("need 0 <= start <= end")
        self._do(_L.courseq_edit_replace, _enc(lesson), start, end, _enc(text, "text"))

    def source(self, lesson):
        """The lesson's file as the edit read it: a Source."""
        with self._db._state.lock:
            out, n, body = c_void_p(), c_size_t(), c_size_t()
            rc = _L.courseq_edit_source(byref(out), byref(n), byref(body),
                                        self._ptr("edit"), _enc(lesson))
            if rc != _lib.OK:
                raise self._db._error(rc)
            return Source(string_at(out.value, n.value) if n.value else b"", body.value)

    def move(self, lesson, new_path):
        """Moves the lesson's file to new_path, relative to the content root."""
        self._do(_L.courseq_edit_move, _enc(lesson), _enc(new_path, "new_path"))

    def diff(self):
        """The unified diff of every change so far."""
        with self._db._state.lock:
            out = c_void_p()
            rc = _L.courseq_edit_diff(byref(out), self._ptr("edit"))
            if rc != _lib.OK:
                _L.courseq_free(out)
                raise self._db._error(rc)
            return _take_string(out) or ""

    def commit(self, dry_run=False):
        """Writes every change at once (or, with dry_run, only checks that
        it could), then refreshes the index. The edit is empty afterwards."""
        self._do(_L.courseq_edit_commit, _lib.EDIT_DRY_RUN if dry_run else 0)


# ---- the course ----

class Database(_Closable):
    """An open course and its index. Use courseq.open()."""

    def __init__(self, path=".", db=None, refresh=True):
        self._state = _State()
        self._finalizer = weakref.finalize(self, _close_db, self._state)
        opts = _lib.Options(
            None if path is None else os.fsencode(path),
            None if db is None else os.fsencode(db),
            0 if refresh else _lib.OPEN_STALE_OK,
        )
        out = POINTER(_lib.Db)()
        rc = _L.courseq_db_open(byref(out), byref(opts))
        if rc != _lib.OK:
            # The failed handle (or NULL) says why; then it is closed.
            msg = _dec(_L.courseq_errmsg(out))
            _L.courseq_db_close(out)
            raise _error_for(rc, msg)
        self._state.ptr = out

    # lifecycle

    @property
    def closed(self):
        return not self._state.ptr

    def __repr__(self):
        if self.closed:
            return "<courseq.Database closed>"
        return f"<courseq.Database {self.root!r}>"

    def _ptr(self):
        """The live handle (call with the lock held)."""
        if not self._state.ptr:
            raise Closed()
        return self._state.ptr

    def _error(self, rc):
        """The exception for rc with this handle's message (lock held)."""
        return _error_for(rc, _dec(_L.courseq_errmsg(self._state.ptr)))

    def _call(self, fn, *args):
        with self._state.lock:
            rc = fn(self._ptr(), *args)
            if rc != _lib.OK:
                raise self._error(rc)

    def _string(self, fn):
        with self._state.lock:
            return os.fsdecode(fn(self._ptr()))

    # where

    @property
    def root(self):
        """The folder the course's paths are relative to (absolute)."""
        return self._string(_L.courseq_db_root)

    @property
    def content_root(self):
        """The folder of the lessons (absolute)."""
        return self._string(_L.courseq_db_content_root)

    @property
    def index_path(self):
        """The index file (absolute)."""
        return self._string(_L.courseq_db_index_path)

    def refresh(self, full=False):
        """Brings the index up to date with the files (everything, with
        full); returns RefreshStats."""
        st = _lib.RefreshStats()
        self._call(_L.courseq_db_refresh, _lib.REFRESH_FULL if full else 0, byref(st))
        return RefreshStats(*(getattr(st, name) for name, _ in _lib.RefreshStats._fields_))

    # lessons

    def _lookup(self, ref):
        out = POINTER(_lib.LessonT)()
        rc = _L.courseq_lesson_lookup(byref(out), self._ptr(), _enc(ref))
        if rc != _lib.OK:
            _L.courseq_lesson_free(out)
            raise self._error(rc)
        return out

    def lesson(self, ref):
        """The Lesson named by ref: its id, alias, file path, or a unique
        prefix of either. NotFound (naming the nearest ids) or Ambiguous
        (listing the candidates) otherwise."""
        with self._state.lock:
            p = self._lookup(ref)
            try:
                return _lesson(p)
            finally:
                _L.courseq_lesson_free(p)

    def lesson_json(self, ref):
        """Everything courseq knows of the lesson: the `courseq show --json`
        record as a dict."""
        with self._state.lock:
            p = self._lookup(ref)
            out = c_void_p()
            try:
                rc = _L.courseq_lesson_json(byref(out), self._ptr(), p)
                if rc != _lib.OK:
                    raise self._error(rc)
            finally:
                _L.courseq_lesson_free(p)
            return json.loads(_take_string(out))

    def lessons(self, module=None, difficulty=None, topic=None):
        """The lessons matching every filter given, in course order: an
        iterator of Lesson (module: 7, "module-7" or "07-module-7")."""
        f = _lib.Filter(
            _module_number(module),
            None if difficulty is None else _enc(difficulty, "difficulty"),
            None if topic is None else _enc(topic, "topic"),
        )
        with self._state.lock:
            out = POINTER(_lib.LessonIter)()
            rc = _L.courseq_lessons(byref(out), self._ptr(), byref(f))
            if rc != _lib.OK:
                _L.courseq_lessons_free(out)
                raise self._error(rc)
            return Lessons(self, out, _L.courseq_lessons_free)

    # learning paths

    def _steps(self, make):
        with self._state.lock:
            out = POINTER(_lib.PathT)()
            rc = make(byref(out))
            if rc != _lib.OK:
                _L.courseq_path_free(out)
                raise self._error(rc)
            with _Child(self, out, _L.courseq_path_free):
                steps = Steps()
                steps.minutes = _num(_L.courseq_path_minutes(out))
                s = POINTER(_lib.StepT)()
                while (rc := _L.courseq_path_next(byref(s), out)) == _lib.OK:
                    steps.append(_step(s.contents))
                if rc != _lib.ITEROVER:
                    raise self._error(rc)
                return steps

    def _path(self, refs, known, flags):
        targets, nt = _lib.strings([_enc(r) for r in refs])
        known_arr, nk = _lib.strings([_enc(k) for k in _seq(known)])
        return self._steps(lambda out: _L.courseq_path_new(
            out, self._ptr(), targets, nt, known_arr, nk, flags))

    def prereqs(self, ref, direct=False):
        """What to learn before ref, in order, ref last: a list of Step.
        With direct, only what ref itself names."""
        return self._path([ref], (), _lib.PATH_DIRECT if direct else 0)

    def path(self, *refs, known=()):
        """One learning path reaching every lesson in refs, leaving out
        the lessons in known and what they require: a list of Step."""
        if not refs:
            raise TypeError("path() needs at least one lesson")
        return self._path(refs, known, 0)

    def dependents(self, ref, all=False):
        """The lessons that require ref (with all, also through others), in
        course order: a list of Step."""
        flags = 0 if all else _lib.PATH_DIRECT
        return self._steps(lambda out: _L.courseq_dependents_new(
            out, self._ptr(), _enc(ref), flags))

    def graph(self, modules=(), format="mermaid"):
        """The prerequisite graph as Mermaid or Graphviz DOT text, all
        modules or only the ones given (numbers or folder names) and what
        they need."""
        formats = {"mermaid": _lib.GRAPH_MERMAID, "dot": _lib.GRAPH_DOT}
        if format not in formats:
            raise ValueError(f"format is mermaid or dot, not {format!r}")
        arr, n = _lib.strings([str(m) for m in _seq(modules)])
        with self._state.lock:
            out = c_void_p()
            rc = _L.courseq_graph(byref(out), self._ptr(), arr, n, formats[format])
            if rc != _lib.OK:
                _L.courseq_free(out)
                raise self._error(rc)
            return _take_string(out)

    # rows

    def _rows(self, make):
        with self._state.lock:
            out = POINTER(_lib.RowsT)()
            rc = make(byref(out))
            if rc != _lib.OK:
                _L.courseq_rows_free(out)
                raise self._error(rc)
            return Rows(self, out)

    def query(self, sql, *params):
        """Runs one read-only SQL statement on the index with ?N parameters
        bound to params (int, float, str, None): an iterator of dicts.
        Statements that write are refused with ReadOnly (a PermissionError)."""
        rows = self._rows(lambda out: _L.courseq_query(out, self._ptr(), _enc(sql, "sql")))
        try:
            with self._state.lock:
                rows._bind(params)
        except BaseException:
            rows.close()
            raise
        return rows

    def search(self, text, limit=20):
        """Full-text search (FTS5; Russian and English, any case): a list
        of dicts with id, title, snippet and rank, best first."""
        with self._rows(lambda out: _L.courseq_search(
                out, self._ptr(), _enc(text, "text"), int(limit))) as rows:
            return list(rows)

    def diagnostics(self, codes=None, module=None, path=None):
        """Every problem the last refresh found, sorted by path, line and
        column, optionally only of the given codes, module, or paths
        matching the glob path: a list of Diagnostic."""
        cs = [str(c) for c in _seq(codes)]
        arr, n = _lib.strings(cs)
        f = _lib.CheckFilter(
            arr if n else None, n,
            None if module is None else str(module).encode(),
            None if path is None else os.fsencode(path),
        )
        with self._rows(lambda out: _L.courseq_diagnostics(out, self._ptr(), byref(f))) as rows:
            return [Diagnostic(**row) for row in rows]

    def edit(self):
        """A new Edit of this course's lesson files."""
        with self._state.lock:
            out = POINTER(_lib.EditT)()
            rc = _L.courseq_edit_new(byref(out), self._ptr())
            if rc != _lib.OK:
                _L.courseq_edit_free(out)
                raise self._error(rc)
            return Edit(self, out)


def open(path=".", db=None, refresh=True):  # noqa: A001 (courseq.open, as the brief names it)
    """Opens the course found from path (courseq.yaml there or in a parent)
    with its index at db (default: .courseq/index.db beside courseq.yaml).
    refresh=False answers from the index as it is (refreshing only an index
    just made), as `courseq --no-refresh` does."""
    return Database(path, db, refresh)


# ---- the library ----

def version():
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return _dec(_L.courseq_version())


def code_help(code):
    """What a diagnostic code means, in one line; None for an unknown code."""
    return _dec(_L.courseq_code_help(_enc(code, "code")))


def codes():
    """Every diagnostic code, mapped to what it means."""
    arr = _L.courseq_codes()
    out = {}
    i = 0
    while arr[i] is not None:
        out[_dec(arr[i])] = _dec(_L.courseq_code_help(arr[i]))
        i += 1
    return out


def frontmatter(path):
    """The YAML frontmatter of any Markdown file as a dict ({} when it has
    none). ParseError or Error with "path:line:col: message" on failure."""
    out = c_void_p()
    err = create_string_buffer(1024)
    rc = _L.courseq_frontmatter_json(byref(out), os.fsencode(path), err, len(err))
    if rc != _lib.OK:
        _L.courseq_free(out)
        raise _error_for(rc, _dec(err.value) or f"{os.fsdecode(path)}: cannot read")
    return json.loads(_take_string(out))
