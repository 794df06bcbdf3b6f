"""Reading a file the user named, with Swedish problems instead of OS errors.

A problem names the file as the user wrote it (``sources/x.json``), never the absolute
path it was resolved to nor the operating system's English (``[Errno 2] …``).
"""

from __future__ import annotations

from pathlib import Path

from styra import command
from styra.i18n import _
from styra.problems import Problem
from styra.sources._problems import field_error


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Swedish and without the path (``styra.command``'s
    reasons), but for the two this package words for its own use.

    Reading reports a missing file itself (``read_problem``); when writing, a missing
    file means its folder is missing.
    """
    if isinstance(exc, FileNotFoundError):
        return _("mappen finns inte")
    if isinstance(exc, FileExistsError):
        return _("filen finns redan")
    return command.os_reason(exc)


def read_problem(
    exc: OSError | UnicodeDecodeError, shown_as: str, encoding: str = "", *, hint: str = ""
) -> Problem:
    """The problem for a file that could not be read as text."""
    code = "sources.unreadable"
    if isinstance(exc, UnicodeDecodeError):
        message = _("Filen »{file}» är inte {encoding}-kodad").format(
            file=shown_as, encoding=_encoding_name(encoding)
        )
        code = "sources.encoding"
    elif isinstance(exc, FileNotFoundError):
        message = _("Filen »{file}» finns inte").format(file=shown_as)
        code = "sources.no-file"
    elif isinstance(exc, IsADirectoryError):
        message = _("»{file}» är en mapp, inte en fil").format(file=shown_as)
    else:
        message = _("Filen »{file}» kunde inte läsas: {why}").format(
            file=shown_as, why=os_reason(exc)
        )
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
