"""Loading libcourseq and declaring its C API for ctypes.

Every function of include/courseq.h the binding calls is declared here with
its argtypes and restype, so ctypes checks each call and never guesses a
return type. Opaque handles are pointers to empty Structures, one type per
handle, so passing the wrong handle is a TypeError instead of a crash.
"""

import ctypes
import ctypes.util
import os
from ctypes import (
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_int64,
    c_size_t,
    c_uint,
    c_void_p,
)
from pathlib import Path

# Return codes (include/courseq.h).
OK = 0
ERROR = -1
ENOMEM = -2
ENOTFOUND = -3
EAMBIGUOUS = -4
EPARSE = -5
EIO = -6
EDB = -7
EREADONLY = -8
ESTALE = -9
EINVALID = -10
ITEROVER = -31

OPEN_NO_REFRESH = 0x1
OPEN_STALE_OK = 0x2
REFRESH_FULL = 0x1
PATH_DIRECT = 0x1
GRAPH_MERMAID = 0
GRAPH_DOT = 1
EDIT_DRY_RUN = 0x1

# courseq_rows_type
NULL = 0
INTEGER = 1
FLOAT = 2
TEXT = 3
BLOB = 4

SONAME = "libcourseq.so.0"


class Db(Structure):
    """courseq_db (opaque)."""


class LessonT(Structure):
    """courseq_lesson (opaque)."""


class LessonIter(Structure):
    """courseq_lesson_iter (opaque)."""


class PathT(Structure):
    """courseq_path (opaque)."""


class EditT(Structure):
    """courseq_edit (opaque)."""


class RowsT(Structure):
    """courseq_rows (opaque)."""


class Options(Structure):
    _fields_ = [("dir", c_char_p), ("db_path", c_char_p), ("flags", c_uint)]


class RefreshStats(Structure):
    _fields_ = [
        ("lessons", c_uint),
        ("parsed", c_uint),
        ("unchanged", c_uint),
        ("removed", c_uint),
        ("seconds", c_double),
        ("seconds_walk", c_double),
        ("seconds_parse", c_double),
        ("seconds_analyze", c_double),
        ("seconds_commit", c_double),
    ]


class Filter(Structure):
    _fields_ = [("module", c_int), ("difficulty", c_char_p), ("topic", c_char_p)]


class StepT(Structure):
    _fields_ = [
        ("id", c_char_p),
        ("alias", c_char_p),
        ("title", c_char_p),
        ("difficulty", c_char_p),
        ("minutes", c_double),
        ("total", c_double),
        ("module", c_int),
        ("missing", c_int),
        ("target", c_int),
        ("required_by", c_char_p),
    ]


class CheckFilter(Structure):
    _fields_ = [
        ("codes", POINTER(c_char_p)),
        ("ncodes", c_size_t),
        ("module", c_char_p),
        ("path_glob", c_char_p),
    ]


P = POINTER
STRS = P(c_char_p)  # const char *const *

# name: (restype, argtypes)
PROTOTYPES = {
    "courseq_version": (c_char_p, []),
    "courseq_db_open": (c_int, [P(P(Db)), P(Options)]),
    "courseq_db_close": (None, [P(Db)]),
    "courseq_errmsg": (c_char_p, [P(Db)]),
    "courseq_db_root": (c_char_p, [P(Db)]),
    "courseq_db_content_root": (c_char_p, [P(Db)]),
    "courseq_db_index_path": (c_char_p, [P(Db)]),
    "courseq_db_refresh": (c_int, [P(Db), c_uint, P(RefreshStats)]),
    "courseq_lesson_lookup": (c_int, [P(P(LessonT)), P(Db), c_char_p]),
    "courseq_lesson_free": (None, [P(LessonT)]),
    "courseq_lesson_id": (c_char_p, [P(LessonT)]),
    "courseq_lesson_alias": (c_char_p, [P(LessonT)]),
    "courseq_lesson_path": (c_char_p, [P(LessonT)]),
    "courseq_lesson_url": (c_char_p, [P(LessonT)]),
    "courseq_lesson_title": (c_char_p, [P(LessonT)]),
    "courseq_lesson_description": (c_char_p, [P(LessonT)]),
    "courseq_lesson_difficulty": (c_char_p, [P(LessonT)]),
    "courseq_lesson_module": (c_int, [P(LessonT)]),
    "courseq_lesson_order": (c_double, [P(LessonT)]),
    "courseq_lesson_estimated_time": (c_double, [P(LessonT)]),
    "courseq_lesson_frontmatter": (c_char_p, [P(LessonT)]),
    "courseq_lesson_json": (c_int, [P(c_void_p), P(Db), P(LessonT)]),
    "courseq_lessons": (c_int, [P(P(LessonIter)), P(Db), P(Filter)]),
    "courseq_lessons_next": (c_int, [P(P(LessonT)), P(LessonIter)]),
    "courseq_lessons_free": (None, [P(LessonIter)]),
    "courseq_path_new": (
        c_int,
        [P(P(PathT)), P(Db), STRS, c_size_t, STRS, c_size_t, c_uint],
    ),
    "courseq_dependents_new": (c_int, [P(P(PathT)), P(Db), c_char_p, c_uint]),
    "courseq_path_next": (c_int, [P(P(StepT)), P(PathT)]),
    "courseq_path_count": (c_size_t, [P(PathT)]),
    "courseq_path_minutes": (c_double, [P(PathT)]),
    "courseq_path_free": (None, [P(PathT)]),
    "courseq_graph": (c_int, [P(c_void_p), P(Db), STRS, c_size_t, c_int]),
    "courseq_edit_new": (c_int, [P(P(EditT)), P(Db)]),
    "courseq_edit_free": (None, [P(EditT)]),
    "courseq_edit_set_string": (c_int, [P(EditT), c_char_p, c_char_p, c_char_p]),
    "courseq_edit_set_number": (c_int, [P(EditT), c_char_p, c_char_p, c_double]),
    "courseq_edit_set_bool": (c_int, [P(EditT), c_char_p, c_char_p, c_int]),
    "courseq_edit_set_list": (
        c_int,
        [P(EditT), c_char_p, c_char_p, STRS, c_size_t],
    ),
    "courseq_edit_remove": (c_int, [P(EditT), c_char_p, c_char_p]),
    "courseq_edit_rewrite_link": (c_int, [P(EditT), c_char_p, c_int, c_char_p]),
    "courseq_edit_replace": (
        c_int,
        [P(EditT), c_char_p, c_size_t, c_size_t, c_char_p],
    ),
    "courseq_edit_source": (
        c_int,
        [P(c_void_p), P(c_size_t), P(c_size_t), P(EditT), c_char_p],
    ),
    "courseq_edit_move": (c_int, [P(EditT), c_char_p, c_char_p]),
    "courseq_edit_diff": (c_int, [P(c_void_p), P(EditT)]),
    "courseq_edit_commit": (c_int, [P(EditT), c_uint]),
    "courseq_query": (c_int, [P(P(RowsT)), P(Db), c_char_p]),
    "courseq_search": (c_int, [P(P(RowsT)), P(Db), c_char_p, c_int]),
    "courseq_diagnostics": (c_int, [P(P(RowsT)), P(Db), P(CheckFilter)]),
    "courseq_code_help": (c_char_p, [c_char_p]),
    "courseq_codes": (STRS, []),
    "courseq_rows_bind_text": (c_int, [P(RowsT), c_int, c_char_p]),
    "courseq_rows_bind_int": (c_int, [P(RowsT), c_int, c_int64]),
    "courseq_rows_bind_double": (c_int, [P(RowsT), c_int, c_double]),
    "courseq_rows_bind_blob": (c_int, [P(RowsT), c_int, c_char_p, c_size_t]),
    "courseq_rows_next": (c_int, [P(RowsT)]),
    "courseq_rows_columns": (c_int, [P(RowsT)]),
    "courseq_rows_name": (c_char_p, [P(RowsT), c_int]),
    "courseq_rows_type": (c_int, [P(RowsT), c_int]),
    "courseq_rows_text": (c_char_p, [P(RowsT), c_int]),
    "courseq_rows_blob": (c_void_p, [P(RowsT), c_int, P(c_size_t)]),
    "courseq_rows_int": (c_int64, [P(RowsT), c_int]),
    "courseq_rows_double": (c_double, [P(RowsT), c_int]),
    "courseq_rows_free": (None, [P(RowsT)]),
    "courseq_frontmatter_json": (
        c_int,
        [P(c_void_p), c_char_p, c_char_p, c_size_t],
    ),
    "courseq_free": (None, [c_void_p]),
}


def _candidates():
    """Where to look for the library, in order, with why."""
    env = os.environ.get("COURSEQ_LIB")
    if env:
        # An explicit choice is the only one: falling back would hide a typo.
        return [(env, "COURSEQ_LIB")]
    found = []
    # In the source tree: bindings/python/courseq/ -> the repository root.
    root = Path(__file__).resolve().parent.parent.parent.parent
    built = root / "build" / SONAME
    if built.is_file() and (root / "include" / "courseq.h").is_file():
        found.append((str(built), "the build tree"))
    # Installed by `make install`: LIBDIR/python3/dist-packages/courseq/,
    # the library in LIBDIR.
    here = Path(__file__).resolve().parent
    if here.parent.name in ("dist-packages", "site-packages") and \
            here.parent.parent.name.startswith("python"):
        installed = here.parent.parent.parent / SONAME
        if installed.is_file():
            found.append((str(installed), "the installed package's prefix"))
    name = ctypes.util.find_library("courseq")
    if name:
        found.append((name, "find_library"))
    found.append((SONAME, "the loader's search path"))
    return found


def load():
    """The loaded library with every prototype declared; ImportError if
    none of the candidates loads."""
    tried = []
    for where, why in _candidates():
        try:
            lib = ctypes.CDLL(where)
        except OSError as e:
            tried.append(f"{where} ({why}): {e}")
            continue
        declare(lib)
        return lib
    raise ImportError(
        "courseq: cannot load libcourseq; tried " + "; ".join(tried)
        + ". Build it (make in the source tree), install it, or set COURSEQ_LIB "
        "to the path of libcourseq.so.0"
    )


def declare(lib):
    for name, (restype, argtypes) in PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes


def strings(items):
    """A C array of UTF-8 strings (and its length) for const char *const *;
    items are str or already encoded bytes."""
    enc = [s if isinstance(s, bytes) else s.encode("utf-8", "surrogateescape") for s in items]
    return (c_char_p * max(len(enc), 1))(*enc), len(enc)
