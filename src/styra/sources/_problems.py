"""Problems that point at a cell: file, line and column, in the project's one format."""

from __future__ import annotations

from styra.problems import Problem, Severity, Source


def cell_error(
    message: str, file: str, line: int | None, column: str, *, code: str, hint: str = ""
) -> Problem:
    return Problem(Source(file, line, "", column), message, Severity.ERROR, hint, code)


def cell_warning(
    message: str, file: str, line: int | None, column: str, *, code: str, hint: str = ""
) -> Problem:
    return Problem(Source(file, line, "", column), message, Severity.WARNING, hint, code)


def field_error(message: str, file: str, field: str, *, code: str, hint: str = "") -> Problem:
    return Problem(Source(file, None, field, ""), message, Severity.ERROR, hint, code)
