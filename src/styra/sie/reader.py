"""``read()``: a SIE 4 file (path or bytes) to a document and its problems, in one pass.

The file is streamed line by line in binary, never more than a bounded line in memory
(``lexer.MAX_LINE_BYTES``; a longer line, or one with a field over ``MAX_FIELD_BYTES``, is
skipped with an error); the encoding is found from the bytes first (a cheap scan, a chunk
at a time) and used to decode text fields. Only an unreadable file, a file with no
SIE records (none of #FLAGGA, #SIETYP, #FORMAT, #PROGRAM, no account and no voucher: a
text whose lines merely start with ``#``) and a file whose #KSUMMA is opened but never
closed are refused (``document`` is None); everything else is read with warnings and
errors beside it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO

from styra import command
from styra.core.money import format_number
from styra.i18n import _
from styra.problems import Problem, Severity, error, has_errors
from styra.progress import open_buffered, open_raw
from styra.sie.amounts import Amounts, exact
from styra.sie.checks import check_document
from styra.sie.encoding import BOM, EncodingSniffer
from styra.sie.kernel import Kernel
from styra.sie.kernel import Lines as KernelLines
from styra.sie.kernel import available as kernel_available
from styra.sie.kernel import enabled as kernel_enabled
from styra.sie.ksumma import Checksum
from styra.sie.ledger import Ledger, starts_voucher
from styra.sie.lexer import Oversized, bounded_lines, parse_record
from styra.sie.model import SieDocument
from styra.sie.records import BALANCE_LABELS, SIE_LABELS, RecordReader
from styra.sie.report import Reporter

Source = Path | str | bytes
_CHUNK = 1 << 20
REPLACEMENT = "\ufffd".encode()


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The document (None when the file was refused) and every problem found."""

    document: SieDocument | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when the document exists and no problem is an error (warnings allowed)."""
        return self.document is not None and not has_errors(self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def read(source: Source, name: str | None = None) -> ReadResult:
    """Read a SIE 4 file: a path, or its bytes (``name`` is then the file name in problems).

    The voucher blocks are summed by the compiled kernel where it was built and not turned
    off (``STYRA_SIE_KERNEL=0``), else by the pure-Python path; the result is the same."""
    return read_with(source, name)


@exact
def read_with(source: Source, name: str | None = None, kernel: bool | None = None) -> ReadResult:
    """``read``, choosing the path: with the kernel (True, where it was built), pure Python
    (False), or as ``kernel.enabled()`` says (None). Both give the same result."""
    file = name if name is not None else (str(source) if not isinstance(source, bytes) else "")
    try:
        sniffed = _sniff(source)
        reading = _Reading(file, sniffed, source)
        if kernel_enabled() if kernel is None else kernel and kernel_available():
            with open_kernel_lines(source, reading.oversized) as lines:
                reading.ledger.kernel = Kernel(lines)
                return reading.run(lines)
        with open_lines(source, reading.oversized) as lines:
            return reading.run(lines)
    except OSError as exc:
        message = _("filen kan inte läsas: {0}").format(_os_reason(exc))
        return ReadResult(None, (error(message, file=file, line=1, code="sie-unreadable"),))


def _count(value: int) -> str:
    return format_number(Decimal(value))


def _os_reason(exc: OSError) -> str:
    """``styra.command``'s reason, but a missing input is named as a file."""
    if isinstance(exc, FileNotFoundError):
        return _("filen finns inte")
    return command.os_reason(exc)


def detect_encoding(source: Source) -> str:
    return _sniff(source).encoding


@dataclass(frozen=True, slots=True)
class _Sniffed:
    encoding: str
    last_line: int
    """The number of the last line, for problems about the end of the file."""
    damaged_line: int | None
    """The first line holding U+FFFD: text destroyed before the file reached us."""
    ascii_only: bool = False
    """Every byte is ASCII: the encoding was not found but assumed (CP437, the standard's)."""


def _sniff(source: Source) -> _Sniffed:
    sniffer = EncodingSniffer()
    newlines, last, damaged = 0, b"", None
    for chunk in _chunks(source):
        sniffer.feed(chunk)
        # U+FFFD is three non-ASCII bytes: an ASCII chunk (the common case) cannot hold it.
        at = chunk.find(REPLACEMENT) if damaged is None and not chunk.isascii() else -1
        if at >= 0:
            damaged = newlines + chunk.count(b"\n", 0, at) + 1
        newlines += chunk.count(b"\n")
        last = chunk[-1:] or last
    encoding = sniffer.result()
    last_line = max(1, newlines + (last not in (b"\n", b"")))
    damaged = damaged if encoding == "utf-8" else None
    return _Sniffed(encoding, last_line, damaged, not sniffer.non_ascii)


def _chunks(source: Source) -> Iterator[bytes]:
    if isinstance(source, bytes):  # in pieces: the sniffer decodes what it is fed
        for start in range(0, len(source), _CHUNK):
            yield source[start : start + _CHUNK]
        return
    with Path(source).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


@contextmanager
def open_lines(
    source: Source, refused: Callable[[Oversized], None] | None = None
) -> Iterator[Iterator[tuple[int, bytes]]]:
    """Numbered raw lines (from 1), the byte-order mark removed; a line over a limit of the
    lexer is told to ``refused`` and read as an empty line."""
    handle: BinaryIO
    handle = io.BytesIO(source) if isinstance(source, bytes) else open_buffered(Path(source))
    with handle:
        if handle.read(len(BOM)) != BOM:
            handle.seek(0)
        yield bounded_lines(handle, refused)


@contextmanager
def open_kernel_lines(
    source: Source, refused: Callable[[Oversized], None] | None = None
) -> Iterator[KernelLines]:
    """``open_lines`` for the kernel: the same lines from a buffer it can read ahead in."""
    if isinstance(source, bytes):
        yield KernelLines(io.BytesIO(source), source, refused)
        return
    with open_raw(Path(source)) as handle:
        yield KernelLines(handle, None, refused)


class _Reading:
    """One pass over the lines: records to the RecordReader, voucher blocks to the Ledger."""

    def __init__(self, file: str, sniffed: _Sniffed, source: Source) -> None:
        self.file = file
        self.encoding = encoding = sniffed.encoding
        self.damaged_line = sniffed.damaged_line
        self.ascii_only = sniffed.ascii_only
        self.rows_outside = 0
        self.source = source
        self.report = Reporter(file)
        self.records = RecordReader(self.report)
        self.ledger = Ledger(self.report, encoding, self.records.header.years)
        self.checksum = Checksum(self.report)
        self.last_line = sniffed.last_line

    def run(self, lines: Iterator[tuple[int, bytes]]) -> ReadResult:
        self._damaged()
        self._scan(lines)
        return self._result()

    def oversized(self, found: Oversized) -> None:
        """A line skipped for its length (``lexer.bounded_lines``)."""
        if found.what == "line":
            message = _("raden är {0} byte lång, men högst {1} byte läses; raden hoppas över")
        else:
            message = _(
                "ett fält på raden är {0} byte långt, men högst {1} byte tillåts; raden hoppas över"
            )
        self.report.error(
            found.line,
            message.format(_count(found.found), _count(found.limit)),
            f"sie-{found.what}-too-long",
            hint=_(
                "en SIE-post är sällan längre än 200 tecken; kontrollera att det är en "
                "SIE-fil eller be om en ny export"
            ),
        )

    def _damaged(self) -> None:
        if self.damaged_line is not None:
            self.report.warning(
                self.damaged_line,
                _("filen innehåller ersättningstecken (�): text förstördes innan filen kom hit"),
                "sie-damaged-text",
                hint=_("namn och texter kan vara fel; be om en ny export"),
            )

    def _result(self) -> ReadResult:
        if self._not_sie():
            return ReadResult(None, (self._not_sie_problem(),))
        refusal = self._refusal()
        if refusal is not None:
            return ReadResult(None, (*self.report.problems, refusal))
        document = self._document()
        check_document(document, self.records, self.ledger, self.report)
        self.report.summary(self.last_line)
        return ReadResult(document, tuple(self.report.problems))

    def _scan(self, lines: Iterator[tuple[int, bytes]]) -> None:
        pending: tuple[int, bytes] | None = None
        while True:
            if pending is None:
                pending = next(lines, None)
                if pending is None:
                    return
            pending = self._line(*pending, lines)

    def _line(
        self, lineno: int, line: bytes, lines: Iterator[tuple[int, bytes]]
    ) -> tuple[int, bytes] | None:
        if starts_voucher(line):  # and the vouchers that follow
            self.ledger.on_record = self.checksum.feed if self.checksum.active else None
            return self.ledger.read_voucher(lineno, line, lines)
        record = parse_record(line.decode(self.encoding, "replace"), lineno)
        if record is None:
            self._not_a_record(lineno, line)
            return None
        self.checksum.feed(record)
        if record.label in ("#TRANS", "#RTRANS", "#BTRANS", "#VER"):
            self.rows_outside += 1
            self.report.error(
                lineno,
                _(
                    "{0} får bara stå inom en verifikation (#VER {{ … }}); raden lämnas utanför"
                ).format(record.label),
                "sie-row-outside",
            )
            return None
        self.records.add(record)
        return None

    def _not_a_record(self, lineno: int, line: bytes) -> None:
        stripped = line.strip()
        if stripped in (b"{", b"}"):
            self.report.warning(
                lineno, _("klammer utan tillhörande #VER hoppas över"), "sie-stray-brace"
            )
        elif stripped:
            self.report.warning(lineno, _("raden saknar etikett och hoppas över"), "sie-junk")

    def _refusal(self) -> Problem | None:
        if self.checksum.truncated:
            return error(
                _("filen är avkortad: #KSUMMA öppnas men avslutas aldrig"),
                file=self.file,
                line=self.last_line,
                hint=_("be om en ny export; filen har inte kommit fram hel"),
                code="sie-truncated",
            )
        return None

    def _not_sie(self) -> bool:
        """No identification record, no account and no voucher: some other text (a Markdown
        file's headings start with # too), whatever else its lines hold."""
        seen = self.records.header.labels_seen
        return not (seen & SIE_LABELS or self.ledger.voucher_count or self.rows_outside)

    def _not_sie_problem(self) -> Problem:
        """The one problem of a file that is not SIE: its lines' problems would only be noise."""
        return error(
            _(
                "filen är inte en SIE-fil: den har ingen identifikationspost "
                "(#FLAGGA, #SIETYP, #FORMAT, #PROGRAM), inga konton och inga verifikationer"
            ),
            file=self.file,
            line=1,
            hint=_("kontrollera att det är en SIE 4-fil; en sådan börjar med #FLAGGA"),
            code="sie-not-sie",
        )

    def _document(self) -> SieDocument:
        header = self.records.header
        balances = self.records.balances
        totals = self.ledger.totals()
        return SieDocument(
            company=header.company,
            org_number=header.org_number,
            file_type=self._file_type(),
            encoding=self.encoding,
            ascii_only=self.ascii_only,
            identification=header.identification,
            years=MappingProxyType(dict(sorted(header.years.items(), reverse=True))),
            accounts=MappingProxyType(header.accounts),
            dimensions=MappingProxyType(header.dimensions),
            objects=MappingProxyType(header.objects),
            opening_balances=MappingProxyType(balances.opening),
            closing_balances=MappingProxyType(balances.closing),
            results=MappingProxyType(balances.results),
            object_opening_balances=MappingProxyType(balances.object_opening),
            object_closing_balances=MappingProxyType(balances.object_closing),
            period_balances=MappingProxyType(balances.periods),
            period_budgets=MappingProxyType(balances.budgets),
            transaction_totals=Amounts(totals.months),
            object_transaction_totals=Amounts(totals.objects),
            voucher_count=self.ledger.voucher_count,
            transaction_count=self.ledger.row_count,
            checksum=self.checksum.verified,
            source=self.source if isinstance(self.source, bytes) else Path(self.source),
            source_name=self.file,
        )

    def _file_type(self) -> str:
        """1, 2, 3, 4E or 4I; type 4 files say nothing, so their content decides (SIE.md §1)."""
        sie_type = self.records.header.sie_type or "1"
        if sie_type != "4":
            return sie_type
        has_balances = bool(self.records.header.labels_seen & BALANCE_LABELS)
        return "4E" if has_balances else "4I"
