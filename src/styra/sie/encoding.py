"""Finding the real encoding of a SIE file from its bytes (SIE.md §4).

``#FORMAT PC8`` is written whatever the encoding, so the declaration is never trusted:
a UTF-8 byte-order mark wins; then strict UTF-8 with multi-byte sequences; then CP437 when
bytes 0x80–0x9F (CP437's Swedish letters, control codes in Latin-1) outnumber the Latin-1
letters 0xC0–0xFF; otherwise ISO-8859-15. Pure ASCII is read as CP437, the standard's.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass

CP437 = "cp437"
UTF8 = "utf-8"
LATIN9 = "iso-8859-15"

BOM = codecs.BOM_UTF8
_CP437_RANGE = [bytes([b]) for b in range(0x80, 0xA0)]
_LATIN_RANGE = [bytes([b]) for b in range(0xC0, 0x100)]


@dataclass
class EncodingSniffer:
    """Fed the file's bytes chunk by chunk; ``result()`` names the encoding."""

    has_bom: bool = False
    non_ascii: bool = False
    utf8_ok: bool = True
    cp437_bytes: int = 0
    latin_bytes: int = 0
    _started: bool = False

    def __post_init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder(UTF8)("strict")

    def feed(self, chunk: bytes) -> None:
        if not self._started:
            self._started = True
            self.has_bom = chunk.startswith(BOM)
        if chunk.isascii():
            return
        self.non_ascii = True
        if self.utf8_ok:
            try:
                self._decoder.decode(chunk)
            except UnicodeDecodeError:
                self.utf8_ok = False
        self.cp437_bytes += sum(chunk.count(b) for b in _CP437_RANGE)
        self.latin_bytes += sum(chunk.count(b) for b in _LATIN_RANGE)

    def result(self) -> str:
        if self.has_bom:
            return UTF8
        if not self.non_ascii:
            return CP437
        if self.utf8_ok and self._complete():
            return UTF8
        if self.cp437_bytes >= self.latin_bytes:
            return CP437
        return LATIN9

    def _complete(self) -> bool:
        try:
            self._decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
        return True


def detect(chunks: Iterable[bytes]) -> str:
    sniffer = EncodingSniffer()
    for chunk in chunks:
        sniffer.feed(chunk)
    return sniffer.result()
