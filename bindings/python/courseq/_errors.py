"""Exceptions: the C return codes mapped to Python's own kinds of error.

Every exception the binding raises for a failed C call is a CourseqError
carrying the C code (``code``) and courseq_errmsg()'s text (``message``),
and also the built-in exception a Python caller would expect, so
``except LookupError`` or ``except PermissionError`` works as it reads.
"""

from . import _lib


class CourseqError(Exception):
    """Base of every courseq exception."""

    def __init__(self, message, code=_lib.ERROR):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return self.message


class Error(CourseqError):
    """A failure without a more specific kind; ``code`` tells which:
    ERROR, ENOMEM, EIO, EDB, ESTALE (a file changed since it was indexed)
    or EINVALID (an argument is not acceptable)."""


class NotFound(CourseqError, LookupError):
    """No such lesson, course or file (COURSEQ_ENOTFOUND). The message
    names the nearest ids when there are any."""


class Ambiguous(CourseqError, LookupError):
    """An id prefix matches several lessons (COURSEQ_EAMBIGUOUS); the
    message lists the candidates."""


class ParseError(CourseqError, ValueError):
    """A config, SQL text or input did not parse (COURSEQ_EPARSE)."""


class ReadOnly(CourseqError, PermissionError):
    """A query tried to write (COURSEQ_EREADONLY)."""

    def __init__(self, message, code=_lib.EREADONLY):
        # OSError's constructor would read two arguments as (errno, text).
        CourseqError.__init__(self, message, code)


class Closed(CourseqError, ValueError):
    """The course (or an edit) was used after it was closed, as Python's
    files raise ValueError on a closed file."""

    def __init__(self, message="the course is closed", code=None):
        super().__init__(message, code)


_BY_CODE = {
    _lib.ENOTFOUND: NotFound,
    _lib.EAMBIGUOUS: Ambiguous,
    _lib.EPARSE: ParseError,
    _lib.EREADONLY: ReadOnly,
}


def error_for(code, message):
    """The exception for a negative C return code and its message."""
    cls = _BY_CODE.get(code, Error)
    return cls(message, code)
