"""Upload checks: a size limit, and that a file is what it claims to be.

A file's name proves nothing: a PDF renamed to ``.se`` starts with ``%PDF-``, and is refused
with a message that says what it is and what to upload instead.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
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
MAX_XLSX_UNPACKED = 100 * 1024**2


class UploadProblem(Exception):
    """The upload is refused; the message says why and what to do, in Swedish."""


def limit() -> int:
    return int(settings.STYRA_MAX_UPLOAD_BYTES)


def request_too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limit() + 64 * 1024  # room for the form's other fields


def too_large_message() -> str:
    return _("Filen är för stor: största tillåtna storlek är %(mb)d MB.") % {
        "mb": limit() // 1024**2
    }


def refused(form: forms.Form, message: str) -> forms.Form:
    """The bound form with ``message`` as the file field's only error."""
    form.is_valid()
    form.errors["file"] = form.error_class([message])
    return form


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
    if not start.startswith(b"#") or b"\x00" in content[:4096]:
        raise UploadProblem(
            _(
                "Filen »%(name)s» ser inte ut som en SIE-fil: en SIE-fil är text där varje rad "
                "börjar med en etikett som #FLAGGA eller #KONTO."
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
    if unpacked > MAX_XLSX_UNPACKED:
        raise UploadProblem(_("Excelbladet är för stort när det packas upp."))
