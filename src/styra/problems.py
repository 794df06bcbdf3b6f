"""The one problem format: every stage reports problems as values, never as tracebacks.

A problem knows where it comes from (a file and line, or a form field), says what is
wrong in Swedish, and may say how to fix it. The command line prints it as
``file:line: message``, the web application shows it beside the field, and JSON carries
the same fields.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a problem was found: a file with an optional line, and/or a field path."""

    file: str = ""
    line: int | None = None
    field: str = ""
    column: str = ""

    def __str__(self) -> str:
        where = self.file or "-"
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f":{self.column}"
        if self.field:
            where += f": {self.field}"
        return where


@dataclass(frozen=True, slots=True)
class Problem:
    source: Source
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""
    code: str = ""

    def __str__(self) -> str:
        text = f"{self.source}: {self.message}"
        if self.severity is Severity.WARNING:
            text = f"{self.source}: varning: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.source.file,
            "line": self.source.line,
            "field": self.source.field,
            "column": self.source.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def error(
    message: str,
    *,
    file: str = "",
    line: int | None = None,
    field: str = "",
    hint: str = "",
    code: str = "",
) -> Problem:
    return Problem(Source(file, line, field), message, Severity.ERROR, hint, code)


def warning(
    message: str,
    *,
    file: str = "",
    line: int | None = None,
    field: str = "",
    hint: str = "",
    code: str = "",
) -> Problem:
    return Problem(Source(file, line, field), message, Severity.WARNING, hint, code)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
