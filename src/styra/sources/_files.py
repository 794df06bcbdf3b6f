"""Reading a file the user named, with Swedish problems instead of OS errors.

A problem names the file as the user wrote it (``sources/x.json``), never the absolute
path it was resolved to nor the operating system's English (``[Errno 2] …``).
"""

from __future__ import annotations

from pathlib import Path

from styra.problems import Problem
from styra.sources._problems import field_error


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Swedish and without the path.

    Reading reports a missing file itself (``read_problem``); when writing, a missing
    file means its folder is missing.
    """
    if isinstance(exc, FileNotFoundError):
        return "mappen finns inte"
    if isinstance(exc, IsADirectoryError):
        return "det är en mapp"
    if isinstance(exc, NotADirectoryError):
        return "en del av sökvägen är inte en mapp"
    if isinstance(exc, PermissionError):
        return "behörighet saknas"
    if isinstance(exc, FileExistsError):
        return "filen finns redan"
    return f"operativsystemet svarade med felkod {exc.errno}" if exc.errno else "okänt fel"


def read_problem(
    exc: OSError | UnicodeDecodeError, shown_as: str, encoding: str = "", *, hint: str = ""
) -> Problem:
    """The problem for a file that could not be read as text."""
    code = "sources.unreadable"
    if isinstance(exc, UnicodeDecodeError):
        message = f"Filen »{shown_as}» är inte {_encoding_name(encoding)}-kodad"
        code = "sources.encoding"
    elif isinstance(exc, FileNotFoundError):
        message, code = f"Filen »{shown_as}» finns inte", "sources.no-file"
    elif isinstance(exc, IsADirectoryError):
        message = f"»{shown_as}» är en mapp, inte en fil"
    else:
        message = f"Filen »{shown_as}» kunde inte läsas: {os_reason(exc)}"
    return field_error(message, shown_as, "", code=code, hint=hint)


def read_text(
    path: Path, shown_as: str, encoding: str = "utf-8"
) -> tuple[str | None, list[Problem]]:
    """The file's text, or None and one problem that names the file as ``shown_as``."""
    try:
        return path.read_text(encoding=encoding), []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [read_problem(exc, shown_as, encoding)]


def _encoding_name(encoding: str) -> str:
    name = encoding.lower().replace("_", "-")
    return "UTF-8" if name in ("", "utf-8", "utf8", "utf-8-sig") else encoding
