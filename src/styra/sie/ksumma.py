"""#KSUMMA (SIE 4B §10): CRC-32 over the records between the two #KSUMMA records.

Fed, in order, each record's label and the value of each field: no separators, quotes,
braces or line breaks, an escaped ``\\"`` as ``"``, and every character as its CP437 byte,
whatever the file's real encoding (verified against six sample files, SIE.md §3).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from styra.i18n import _
from styra.sie.lexer import Field, Record
from styra.sie.report import Reporter


def crc_of(tokens: Iterable[str], crc: int = 0) -> int:
    for token in tokens:
        crc = zlib.crc32(token.encode("cp437", "replace"), crc)
    return crc


def record_tokens(label: str, fields: Iterable[Field]) -> list[str]:
    tokens = [label]
    for value in fields:
        if isinstance(value, str):
            tokens.append(value)
        else:
            tokens.extend(value)
    return tokens


class Checksum:
    """Follows #KSUMMA through a file: opened, summed, closed and compared."""

    def __init__(self, report: Reporter) -> None:
        self.report = report
        self.active = False
        self.closed = False
        self.crc = 0
        self.verified: bool | None = None

    @property
    def truncated(self) -> bool:
        return self.active

    def feed(self, record: Record) -> None:
        if record.label == "#KSUMMA":
            self._ksumma(record)
        elif self.active:
            self.crc = crc_of(record_tokens(record.label, record.fields), self.crc)

    def _ksumma(self, record: Record) -> None:
        value = record.text(0).strip()
        if not self.active and not self.closed and not value:
            self.active = True
            return
        if not self.active:
            self.report.warning(
                record.line, _("#KSUMMA utan inledande tom #KSUMMA ignoreras"), "sie-ksumma"
            )
            return
        self.active = False
        self.closed = True
        self._compare(record, value)

    def _compare(self, record: Record, value: str) -> None:
        expected = int(value) if value.isascii() and value.isdigit() else None
        self.verified = expected == self.crc
        if not self.verified:
            self.report.error(
                record.line,
                _("kontrollsumman stämmer inte: filen anger {0}, beräknad {1}").format(
                    value or _("(inget värde)"), self.crc
                ),
                "sie-ksumma",
                hint=_("filen kan ha ändrats efter exporten; be om en ny export"),
            )
