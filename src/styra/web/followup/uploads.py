"""Upload checks: a size limit, and that a file is what it claims to be.

A file's name proves nothing: a PDF renamed to ``.se`` starts with ``%PDF-``, and is refused
with a message that says what it is and what to upload instead.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any
from xml.parsers import expat

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

SIGNATURES = (
    (b"%PDF-", "en PDF-fil"),
    (b"PK\x03\x04", "ett ZIP-arkiv (till exempel ett Word- eller Excel-dokument)"),
    (b"\xd0\xcf\x11\xe0", "ett äldre Office-dokument (.doc eller .xls)"),
    (b"\x89PNG", "en PNG-bild"),
    (b"\xff\xd8\xff", "en JPEG-bild"),
    (b"GIF8", "en GIF-bild"),
    (b"\x1f\x8b", "en gzip-komprimerad fil"),
    (b"{\\rtf", "ett RTF-dokument"),
    (b"\x7fELF", "ett program"),
    (b"MZ", "ett Windows-program"),
)
SIE_SUFFIXES = (".se", ".si", ".sie")
# Limits of an uploaded workbook, checked on the packed file before openpyxl sees it. A
# committee's sheet has a row per indicator (tens, at most a few hundred) and nine columns;
# the limits leave room for ten times that, and stop a small file that unpacks to millions
# of cells. A sheet at every limit costs openpyxl about 2,5 s and 9 MB to read
# (benchmarks/web_hostile.py); anything larger is refused before openpyxl starts.
MAX_XLSX_UNPACKED = 50 * 1024**2
MAX_XLSX_PART = 20 * 1024**2
MAX_XLSX_PARTS = 200
MAX_SHEET_ROWS = 2_000
MAX_SHEET_COLUMNS = 30
MAX_SHEET_CELLS = 20_000


class UploadProblem(Exception):
    """The upload is refused; the message says why and what to do, in Swedish."""


def limit() -> int:
    return int(settings.STYRA_MAX_UPLOAD_BYTES)


def too_large_message() -> str:
    return _("Filen är för stor: största tillåtna storlek är %(mb)d MB.") % {
        "mb": limit() // 1024**2
    }


class SizeLimitHandler(FileUploadHandler):
    """Stops storing an upload once it passes the limit, so a huge body never fills the disk."""

    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        content_length = kwargs.get("content_length", args[2] if len(args) > 2 else 0)
        self.too_big = (content_length or 0) > limit() + 64 * 1024

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if getattr(self, "too_big", False):
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > limit():
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def read(upload: UploadedFile) -> bytes:
    if upload.size is None or upload.size > limit():
        raise UploadProblem(too_large_message())
    return bytes(upload.read())


def identify(head: bytes) -> str | None:
    """What a file is by its first bytes, for the kinds people upload by mistake."""
    return next((what for magic, what in SIGNATURES if head.startswith(magic)), None)


def check_sie(name: str, content: bytes) -> None:
    what = identify(content[:16])
    if what:
        raise UploadProblem(
            _(
                "Filen »%(name)s» är %(what)s, inte en SIE-fil. Exportera huvudboken eller "
                "budgeten som SIE 4 från ekonomisystemet och ladda upp den filen."
            )
            % {"name": name, "what": what}
        )
    start = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    # SIE 4 is lines of labels (#FLAGGA, #KONTO); SIE 5 is XML. styra.sie.read tells them
    # apart by the same first byte.
    if not start.startswith((b"#", b"<")) or b"\x00" in content[:4096]:
        raise UploadProblem(
            _(
                "Filen »%(name)s» ser inte ut som en SIE-fil: en SIE 4-fil är text där varje "
                "rad börjar med en etikett som #FLAGGA eller #KONTO, en SIE 5-fil är XML."
            )
            % {"name": name}
        )


def check_xlsx(name: str, content: bytes) -> None:
    what = identify(content[:16])
    if not content.startswith(b"PK\x03\x04"):
        kind = what or _("ingen Excelfil")
        raise UploadProblem(
            _("Filen »%(name)s» är %(what)s. Ladda upp bladet som .xlsx.")
            % {"name": name, "what": kind}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        raise UploadProblem(_("Filen »%(name)s» är en trasig ZIP-fil.") % {"name": name}) from None
    if "xl/workbook.xml" not in names:
        raise UploadProblem(_("Filen »%(name)s» är inget Excelblad (.xlsx).") % {"name": name})
    if unpacked > MAX_XLSX_UNPACKED or len(names) > MAX_XLSX_PARTS:
        raise UploadProblem(
            _("Excelbladet är för stort när det packas upp: högst %(mb)d MB.")
            % {"mb": MAX_XLSX_UNPACKED // 1024**2}
        )
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if info.file_size > MAX_XLSX_PART:
                raise UploadProblem(
                    _("Delen %(part)s av Excelbladet är för stor uppackad: högst %(mb)d MB.")
                    % {"part": info.filename, "mb": MAX_XLSX_PART // 1024**2}
                )
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as part:
                    _check_sheet_size(part)


class _SheetTooLarge(Exception):
    pass


def _check_sheet_size(part: IO[bytes]) -> None:
    """Counts a worksheet's rows, columns and cells as its XML streams by, and stops at the
    first limit passed; nothing of the sheet is kept, so memory stays flat."""
    counts = {"rows": 0, "cells": 0, "row_cells": 0}
    limits = {"rows": MAX_SHEET_ROWS, "cells": MAX_SHEET_CELLS, "row_cells": MAX_SHEET_COLUMNS}

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition("}")[2]
        if local == "row":
            counts["rows"] += 1
            counts["row_cells"] = 0
        elif local == "c":
            counts["cells"] += 1
            counts["row_cells"] += 1
            column = _column_number(attrs.get("r", ""))
            counts["row_cells"] = max(counts["row_cells"], column)
        else:
            return
        if any(counts[k] > limits[k] for k in counts):
            raise _SheetTooLarge

    def no_doctype(*_args: object) -> None:
        raise expat.ExpatError("DOCTYPE")  # an .xlsx has none; entities could expand

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = no_doctype
    try:
        while chunk := part.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _SheetTooLarge:
        raise UploadProblem(
            _(
                "Excelbladet är för stort: högst %(rows)d rader, %(cols)d kolumner och "
                "%(cells)d ifyllda celler."
            )
            % {"rows": MAX_SHEET_ROWS, "cols": MAX_SHEET_COLUMNS, "cells": MAX_SHEET_CELLS}
        ) from None
    except (expat.ExpatError, zipfile.BadZipFile, EOFError, ValueError):
        raise UploadProblem(_("Excelbladet är trasigt och går inte att läsa.")) from None


def _column_number(reference: str) -> int:
    """A1 → 1, AB7 → 28; 0 when the cell gives no reference."""
    number = 0
    for char in reference:
        if not "A" <= char <= "Z":
            break
        number = number * 26 + ord(char) - 64
        if number > MAX_SHEET_COLUMNS:
            break
    return number
