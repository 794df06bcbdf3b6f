"""What every ``styra`` command shares: its complaint line and the paths it was given.

Exit status, the same for every command (README.md, "The command line"):

- 0: done; the input has no errors (warnings allowed);
- 1: problems in the input: errors in a folder or a SIE file, an archive that differs, an
  answer that could not be used;
- 2: wrong use: an unknown command or option, a bad value, a named file or folder that does
  not exist or is of the wrong kind, an output that cannot be written there. argparse's own
  errors exit with 2 too.

A path problem is a Swedish sentence that names the path, never the operating system's
English (``[Errno 2] No such file or directory``).
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from styra import progress
from styra.i18n import _

WRONG_USE = 2


def complain(command: str, message: str) -> None:
    """``styra COMMAND: message`` on standard error."""
    print(_("styra {command}: {message}").format(command=command, message=message), file=sys.stderr)


def folder_problem(name: str) -> str:
    """Why ``name`` is not a folder to read, or "" when it is."""
    path = Path(name)
    if path.is_dir():
        return ""
    if path.exists():
        return _("{path} är en fil, inte en mapp; ange mappen").format(path=name)
    return _("mappen {path} finns inte").format(path=name)


def file_problem(name: str) -> str:
    """Why ``name`` is not a file to read, or "" when it is."""
    path = Path(name)
    if path.is_file():
        return ""
    if path.is_dir():
        return _("{path} är en mapp, inte en fil").format(path=name)
    return _("filen {path} finns inte").format(path=name)


def output_problem(name: str) -> str:
    """Why no file can be written at ``name``, or "" when one can (before any work)."""
    path = Path(name)
    if path.is_dir():
        return _("{path} är en mapp; ange en fil i den").format(path=name)
    folder = path.parent
    if not folder.is_dir():
        if folder.exists():
            return _("{folder} är en fil, inte en mapp").format(folder=folder)
        return _("mappen {folder} finns inte").format(folder=folder)
    return ""


def os_problem(exc: OSError, name: str | Path, *, writing: bool) -> str:
    """A failed read or write of ``name`` as a Swedish sentence naming the path."""
    path = Path(name)
    if isinstance(exc, FileNotFoundError):
        if writing:
            return _("mappen {folder} finns inte").format(folder=path.parent)
        return _("filen {path} finns inte").format(path=path)
    verb = _("skriva") if writing else _("läsa")
    return _("kunde inte {verb} {path}: {why}").format(verb=verb, path=path, why=os_reason(exc))


def os_reason(exc: OSError) -> str:
    """Why an operation failed, in Swedish and without the path."""
    reason = _reasons().get(exc.errno or 0)
    if reason:
        return reason
    if not exc.errno:
        return _("okänt fel")
    return _("operativsystemet svarade med felkod {code}").format(code=exc.errno)


def _reasons() -> dict[int, str]:
    return {
        errno.ENOENT: _("filen eller mappen finns inte"),
        errno.EACCES: _("behörighet saknas"),
        errno.EPERM: _("behörighet saknas"),
        errno.EISDIR: _("det är en mapp"),
        errno.ENOTDIR: _("en del av sökvägen är inte en mapp"),
        errno.EEXIST: _("det finns redan"),
        errno.ENOSPC: _("disken är full"),
        errno.EDQUOT: _("diskkvoten är slut"),
        errno.EROFS: _("filsystemet är skrivskyddat"),
        errno.ENAMETOOLONG: _("namnet är för långt"),
        errno.EADDRINUSE: _("adressen används redan"),
        errno.EADDRNOTAVAIL: _("adressen finns inte på den här datorn"),
    }


@contextmanager
def reading_bar(paths: Iterable[Path], label: str) -> Iterator[None]:
    """A progress bar on standard error over the bytes of ``paths`` the SIE readers read,
    while the block runs; nothing where standard error is not a terminal (a pipe, a log, a
    test), so what a script reads is the same with or without it."""
    total = sum(p.stat().st_size for p in paths if p.is_file())
    if not total or not sys.stderr.isatty():
        yield
        return
    from tqdm import tqdm  # noqa: PLC0415 - only where a bar is shown

    with tqdm(
        total=total, desc=label, unit="B", unit_scale=True, leave=False, file=sys.stderr
    ) as bar:

        def tell(size: int) -> None:
            bar.update(size)

        with progress.listening(tell):
            yield
