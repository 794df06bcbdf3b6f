"""SIE 5 (XML): ``Sie`` and ``SieEntry`` files read into the SIE 4 document model.

    from styra.sie.sie5 import read
    result = read(Path("bokslut.sie"))     # the same ReadResult as styra.sie.reader.read
    result.document.outcome(0)             # the same figures, the same problem codes
    for voucher in result.document.vouchers(): ...   # streamed from the XML again

``styra.sie.read`` sends a file here when its first bytes are XML, so the command line,
the folder loader and the web read both formats through one door. See README.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from styra import command
from styra.i18n import _
from styra.problems import error
from styra.sie.amounts import Amounts, Raw, add, exact
from styra.sie.model import FiscalYear, ObjectList, SieDocument
from styra.sie.reader import ReadResult
from styra.sie.report import Reporter
from styra.sie.sie5.balances import BalanceTables, Tables, fiscal_years
from styra.sie.sie5.checks import check_document
from styra.sie.sie5.content import SIE5, Sie5Handler
from styra.sie.sie5.journals import Totals
from styra.sie.sie5.xml import Stopped, declared_encoding, feed, looks_like_xml
from styra.sie.vouchers import Voucher

__all__ = ["SIE5", "Sie5Document", "is_sie5", "iter_vouchers", "read"]

Source = Path | str | bytes
HEAD_BYTES = 512
K = TypeVar("K")


@dataclass(frozen=True)
class Sie5Document(SieDocument):
    """A ``SieDocument`` read from SIE 5: its vouchers are streamed from the XML."""

    def vouchers(self) -> Iterator[Voucher]:
        if self.source is None:
            return iter(())
        return iter_vouchers(self.source)


def is_sie5(source: Source) -> bool:
    """True when the file starts as XML (a SIE 4 file starts with ``#``); False when it
    cannot be read (the reader then says why)."""
    try:
        return looks_like_xml(_head(source))
    except OSError:
        return False


def _head(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source[:HEAD_BYTES]
    with Path(source).open("rb") as handle:
        return handle.read(HEAD_BYTES)


@exact
def read(source: Source, name: str | None = None) -> ReadResult:
    """Read a SIE 5 file (a path or its bytes); ``name`` names it in problems."""
    file = name if name is not None else ("" if isinstance(source, bytes) else str(source))
    data = source if isinstance(source, bytes) else Path(source)
    report = Reporter(file)
    try:
        return _Reading(file, data, report).run()
    except OSError as exc:
        reason = _("filen finns inte") if isinstance(exc, FileNotFoundError) else None
        message = _("filen kan inte läsas: {0}").format(reason or command.os_reason(exc))
        return ReadResult(None, (error(message, file=file, line=1, code="sie-unreadable"),))


def iter_vouchers(source: Path | bytes) -> Iterator[Voucher]:
    """Stream the journal entries of a SIE 5 file as vouchers, in file order: the rows
    ``read`` counted (struck rows as ``removed``); problems are ``read``'s to tell."""
    collected: list[Voucher] = []
    handler = Sie5Handler(Reporter(""), sink=collected.append)
    try:
        for _chunk in feed(source, handler):
            yield from collected
            collected.clear()
    except Stopped:  # read() refused the file already; nothing more to stream
        return
    yield from collected


class _Reading:
    def __init__(self, file: str, source: Path | bytes, report: Reporter) -> None:
        self.file, self.source, self.report = file, source, report
        self.handler = Sie5Handler(report)
        self.handler.on_first_journal = self._years_for_journals
        self.encoding = "utf-8"

    def _years_for_journals(self) -> None:
        """The years as far as read, for the date checks of the entries (FileInfo, with
        its fiscal years, is the first element of a valid file)."""
        years, _lines = fiscal_years(self.handler.found, Reporter(self.file))
        self.handler.journals.years = years

    def run(self) -> ReadResult:
        self._encoding(_head(self.source))
        try:
            for _chunk in feed(self.source, self.handler):
                pass
        except Stopped as stop:
            problem = error(
                stop.message, file=self.file, line=stop.line, hint=stop.hint, code=stop.code
            )
            return ReadResult(None, (*self.report.problems, problem))
        return self._result()

    def _encoding(self, head: bytes) -> None:
        declared = declared_encoding(head)
        if declared is None or declared.replace("_", "-") in ("utf-8", "utf8"):
            return
        self.encoding = declared
        self.report.warning(
            1,
            _("filen anger teckenkodningen {0}; SIE 5 föreskriver UTF-8. Den läses som {0}").format(
                declared
            ),
            "sie5-encoding",
        )

    def _result(self) -> ReadResult:
        found = self.handler.found
        years, year_lines = fiscal_years(found, self.report)
        tables = BalanceTables(found, years, self.report).resolve()
        totals = self.handler.journals.totals
        document = self._document(years, tables, totals)
        check_document(
            document,
            found=found,
            tables=tables,
            totals=totals,
            year_lines=year_lines,
            report=self.report,
        )
        self.report.summary(found.last_line)
        return ReadResult(document, tuple(self.report.problems))

    def _document(
        self, years: dict[int, FiscalYear], tables: Tables, totals: Totals
    ) -> Sie5Document:
        found = self.handler.found
        identification = found.identification
        covered = [y.covered_until for y in found.years if y.primary and y.covered_until]
        if covered:
            identification = replace(identification, covered_until=covered[0])
        return Sie5Document(
            company=found.company,
            org_number=found.org_number,
            file_type="5" if found.root == "Sie" else "5I",
            encoding=self.encoding,
            identification=identification,
            years=MappingProxyType(dict(sorted(years.items(), reverse=True))),
            accounts=MappingProxyType(found.accounts),
            dimensions=MappingProxyType(found.dimensions),
            objects=MappingProxyType(found.objects),
            opening_balances=MappingProxyType(tables.opening),
            closing_balances=MappingProxyType(tables.closing),
            results=MappingProxyType(tables.results),
            object_opening_balances=MappingProxyType(tables.object_opening),
            object_closing_balances=MappingProxyType(tables.object_closing),
            period_balances=MappingProxyType(tables.periods),
            period_budgets=MappingProxyType(tables.budgets),
            transaction_totals=Amounts(_nonzero(totals.months)),
            object_transaction_totals=Amounts(_by_year(totals, years)),
            voucher_count=totals.voucher_count,
            transaction_count=totals.row_count,
            source=self.source,
            source_name=self.file,
        )


def _nonzero(table: Mapping[K, Raw]) -> dict[K, Raw]:
    """A total of zero is not listed, as in SIE 4's tables."""
    return {key: value for key, value in table.items() if value}


def _by_year(
    totals: Totals, years: dict[int, FiscalYear]
) -> dict[tuple[str, ObjectList, int], Raw]:
    """Σ rows with objects per (account, object list, fiscal year), as SIE 4 keeps them."""
    table: dict[tuple[str, ObjectList, int], Raw] = {}
    for (account, objects, month), amount in totals.object_months.items():
        index = _year_index(years, month)
        if index is not None:
            add(table, (account, objects, index), amount)
    return _nonzero(table)


def _year_index(years: dict[int, FiscalYear], month: int) -> int | None:
    if not years:
        return 0
    for index, year in years.items():
        if year.contains_month(month):
            return index
    return None
