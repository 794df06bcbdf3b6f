"""Writing the site: only into a new or empty folder or over an earlier publication, and
atomically (a temporary folder beside it, renamed into place)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from styra.i18n import _

MARKER = ".styra-publish"
"""A file every published site holds: a folder with it may be replaced by a new publication."""


def refusal(output: Path) -> str:
    """Why the site may not be written at ``output``, or "" when it may."""
    if output.exists() and not output.is_dir():
        return _("{path} är en fil, inte en mapp; ange en mapp för webbplatsen").format(path=output)
    if output.is_dir():
        if any(output.iterdir()) and not (output / MARKER).is_file():
            return _(
                "mappen {path} är inte tom och är ingen tidigare publicering från styra "
                "publish; välj en ny eller tom mapp, så skrivs inget över"
            ).format(path=output)
        return ""
    parent = output.absolute().parent
    if not parent.is_dir():
        return _("mappen {folder} finns inte").format(folder=parent)
    return ""


def write_site(output: Path, files: Mapping[str, bytes]) -> None:
    """Write every file into a temporary folder beside ``output``, then put it in place of
    ``output`` (an earlier publication is removed only once the new one is whole)."""
    parent = output.absolute().parent
    temporary = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=parent))
    try:
        for name, data in files.items():
            path = temporary / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        listing = {"generator": "styra publish", "files": sorted(files)}
        (temporary / MARKER).write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
        temporary.chmod(0o755)
        _replace(output, temporary)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _replace(output: Path, temporary: Path) -> None:
    if not output.exists():
        temporary.rename(output)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old.", dir=temporary.parent))
    old.rmdir()
    output.rename(old)
    try:
        temporary.rename(output)
    except BaseException:
        old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)
