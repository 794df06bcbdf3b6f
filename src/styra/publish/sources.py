"""The rows behind a figure: the ledger's voucher rows per line and project, and the rows
of an export that an indicator's value was computed from.

The ledger is streamed once (``SieDocument.vouchers()``, the very rows the reader summed
into the outcome), and each #TRANS row dated in the period goes to every report line
whose accounts hold it, and to the project whose object it carries. An export's rows are
found by the line numbers its lineage kept (``ComputedValue.as_dict()["lines"]``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from styra import sie
from styra.core.accounts import AccountRange, Project, ReportLine

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class VoucherRow:
    """One #TRANS row: where it is (file and line) and what it says."""

    date: dt.date | None
    voucher: str  # series and number, "L 12"
    text: str  # the row's own text, else its voucher's
    account: str
    amount: Decimal
    file: str
    line: int


@dataclass(slots=True)
class Rows:
    """The rows of one line or project, in file order, and their sum."""

    rows: list[VoucherRow] = field(default_factory=list)
    total: Decimal = ZERO

    def add(self, row: VoucherRow) -> None:
        self.rows.append(row)
        self.total += row.amount


@dataclass(frozen=True, slots=True)
class LedgerRows:
    """Voucher rows per report line (by label) and per project (by object id)."""

    lines: dict[str, Rows]
    projects: dict[str, Rows]
    has_vouchers: bool


def ledger_rows(
    doc: sie.SieDocument,
    file: str,
    period: tuple[dt.date, dt.date],
    *,
    lines: Sequence[ReportLine],
    projects: Sequence[Project] = (),
    investment: tuple[str, Sequence[AccountRange]] = ("", ()),
) -> LedgerRows:
    """The voucher rows dated in ``period`` (first and last day) behind each line and
    project; ``investment`` is the projects' dimension and accounts."""
    found = LedgerRows(
        {ln.label: Rows() for ln in lines}, {p.object_id: Rows() for p in projects}, False
    )
    dimension, accounts = investment
    seen = False
    for voucher in doc.vouchers():
        seen = True
        for row in voucher.rows:
            day = row.date or voucher.date
            if day is None or not period[0] <= day <= period[1]:
                continue
            shown = _shown(voucher, row, file)
            for line in lines:
                if line.holds(row.account):
                    found.lines[line.label].add(shown)
            if any(row.account in r for r in accounts):
                for dim, obj in row.objects:
                    if dim == dimension and obj in found.projects:
                        found.projects[obj].add(shown)
    return LedgerRows(found.lines, found.projects, seen)


def _shown(voucher: sie.Voucher, row: sie.Row, file: str) -> VoucherRow:
    number = f"{voucher.series} {voucher.number}".strip()
    return VoucherRow(
        row.date or voucher.date,
        number,
        row.text or voucher.text,
        row.account,
        row.amount,
        file,
        row.line,
    )


@dataclass(frozen=True, slots=True)
class ExportRows:
    """The rows of an export that a value used: its head and each row with its line."""

    head: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    count: int  # all the rows used, of which ``rows`` holds the first ``limit``


def parse_lines(ranges: str) -> set[int]:
    """``2-5,9`` → {2, 3, 4, 5, 9}: the lineage's compact line list."""
    found: set[int] = set()
    for part in filter(None, (p.strip() for p in ranges.split(","))):
        first, _, last = part.partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return found


def export_rows(path: Path, lines: Iterable[int], limit: int | None = None) -> ExportRows:
    """The head (line 1) and the wanted lines of a CSV export, split into fields."""
    wanted = set(lines)
    text = path.read_bytes().decode("utf-8-sig", errors="replace").splitlines()
    delimiter = _delimiter(text[0] if text else "")
    head = tuple(_fields(text[0], delimiter)) if text else ()
    picked = [(n, tuple(_fields(text[n - 1], delimiter))) for n in sorted(wanted) if n <= len(text)]
    shown = picked if limit is None else picked[:limit]
    return ExportRows(head, tuple(shown), len(picked))


def _delimiter(head: str) -> str:
    return max((";", ",", "\t"), key=head.count)


def _fields(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def export_csv(rows: ExportRows, line_header: str) -> bytes:
    """All the rows used, with their line in the export first, as CSV (UTF-8, ``;``)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([line_header, *rows.head])
    writer.writerows([str(line), *fields] for line, fields in rows.rows)
    return out.getvalue().encode("utf-8")
