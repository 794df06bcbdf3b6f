"""The columnar path (polars) gives exactly the line path's result, or falls back to it."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from styra.sie import SieDocument
from styra.sie.reader import ReadResult, read_with
from styra.sie.vouchers import Voucher
from styra.sie.writer import write

from .conftest import sample_files
from .test_writer import documents

HEADER = b'#FLAGGA 0\n#SIETYP 4\n#FNAMN "Test"\n#RAR 0 20240101 20241231\n#KONTO 1930 "Bank"\n'


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _fields(doc: SieDocument | None) -> dict[str, object]:
    if doc is None:
        return {}
    values = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)}
    for name in ("transaction_totals", "object_transaction_totals"):
        values[name] = dict(values[name].items())  # type: ignore[attr-defined]
    return values


def _same(columnar: ReadResult, lines: ReadResult) -> None:
    assert columnar.problems == lines.problems
    assert _fields(columnar.document) == _fields(lines.document)


def _columnar_taken(data: bytes) -> bool:
    """True when the columnar path reads the bytes to the end without falling back."""
    from styra.sie import reader

    return reader._read_columnar("x.se", reader._sniff(data), data) is not None


@pytest.mark.parametrize("path", sample_files(), ids=_id)
def test_every_sample_reads_the_same_on_both_paths(path: Path) -> None:
    _same(read_with(path, columnar=True), read_with(path, columnar=False))


def test_most_samples_take_the_columnar_path() -> None:
    taken = [p for p in sample_files() if _columnar_taken(p.read_bytes())]
    if sample_files():
        assert len(taken) >= len(sample_files()) // 3


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_written_documents_read_the_same_on_both_paths(
    case: tuple[SieDocument, list[Voucher]],
) -> None:
    data = write(case[0], case[1])
    _same(read_with(data, "w.se", columnar=True), read_with(data, "w.se", columnar=False))
    assert _columnar_taken(data) or b"\\" in data


def _both(body: bytes) -> ReadResult:
    data = HEADER + body
    columnar = read_with(data, "t.se", columnar=True)
    _same(columnar, read_with(data, "t.se", columnar=False))
    return columnar


def test_problems_come_in_line_order_with_their_lines() -> None:
    body = (
        b"#VER A 1 20240105\n{\n#TRANS 1930 {} 100.00\n#TRANS 2440 {} -90\n}\n"
        b"#JUNK\n"
        b"#VER A 1 20250105\n{\n}\n"
        b'#VER A 2 20240105\n{\n#TRANS 1930 {} "5.5" 20230101\n#TRANS 1930 {} -5.50\n}\n'
    )
    result = _both(body)
    codes = [(p.code, p.source.line) for p in result.problems]
    codes = [c for c in codes if c[0] != "sie-identification-missing"]  # HEADER is short
    assert codes[:6] == [
        ("sie-voucher-unbalanced", 6),
        ("sie-voucher-duplicate", 12),
        ("sie-voucher-date-outside", 12),
        ("sie-voucher-empty", 12),
        ("sie-row-date-outside", 17),
        ("sie-undefined-account", 6),
    ]
    assert _columnar_taken(HEADER + body)


@pytest.mark.parametrize(
    "body",
    [
        b"#VER A 1 20240105\n{\n#RTRANS 1930 {} 1\n#TRANS 1930 {} 1\n#TRANS 1930 {} -1\n}\n",
        b'#VER A 1 20240105\n{\n#TRANS 1930 {1 "a\\"b"} 1\n#TRANS 1930 {} -1\n}\n',
        b"#VER A 1 20240105\n{\n#TRANS 1930 {} 1.005\n#TRANS 1930 {} -1.005\n}\n",
        b"#VER A 1 20240231\n{\n#TRANS 1930 {} 1\n}\n",
        b"#VER A 1 20240105\n{\n#TRANS 1930 {} 1\n",
        b"#VER A 1 20240105\n#TRANS 1930 {} 1\n}\n",
        b"#VER A 1 20240105\n{\n#TRANS 1930 {} 1,50\n}\n#RAR -1 20230101 20231231\n",
        b"#TRANS 1930 {} 1\n",
        b"#VER A 1 20240105\n{\n#TRANS 1930 {} 99999999999999999999\n}\n",
    ],
)
def test_what_the_columnar_path_does_not_read_falls_back(body: bytes) -> None:
    _both(body)
    assert not _columnar_taken(HEADER + body)


def test_object_lists_spelt_differently_are_one_key_and_zero_totals_are_dropped() -> None:
    body = (
        b'#VER A 1 20240105\n{\n   #TRANS 1930 {1 "N"} 10.00\n'
        b"\t#TRANS\t1930\t{ 1 N }\t-10\t20240106\n#TRANS 2440 {} 7.25\n#TRANS 2440 {} -7.25\n}\n"
    )
    doc = _both(body).document
    assert doc is not None
    assert dict(doc.transaction_totals) == {}
    assert dict(doc.object_transaction_totals) == {}
    assert _columnar_taken(HEADER + body)


def test_chunks_cut_before_vouchers_keep_line_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    from styra.sie import columnar

    monkeypatch.setattr(columnar, "CHUNK_BYTES", 64)
    body = b"".join(
        b"#VER A %d 2024%02d05\n{\n#TRANS 1930 {} %d.50\n#TRANS 2440 {} -%d.50\n}\n"
        % (n, n % 12 + 1, n, n + (n == 7))
        for n in range(1, 40)
    )
    result = _both(body)
    (problem,) = [p for p in result.problems if p.code == "sie-voucher-unbalanced"]
    assert problem.source.line == 6 + 5 * 6
    doc = result.document
    assert doc is not None
    assert doc.transaction_totals[("1930", 202408)] == Decimal("7.50") + Decimal("19.50") + Decimal(
        "31.50"
    )
    assert doc.years[0].contains(date(2024, 1, 1))


@pytest.mark.parametrize(
    "body",
    [
        b"#VER A 1 20240105\n{\n#TRANS 1930 {} 1\n#TRANS 1930 {} -1\n}\n#TRANS 1930 {} 5\n",
        b'#VER A 1 20240105\n"rad"\n{\n#TRANS 1930 {} 1\n#TRANS 1930 {} -1\n}\n',
        b'#VER A 1 20240105\n{\n#TRANS "" {} 1\n#TRANS 1930 {} -1\n}\n',
        b"#VER A 1 20240105\n{\n#TRANS 1930 {} +1\n#TRANS 1930 {} 1_0\n#TRANS 1930 {} -1\n}\n",
        b"#IB 0 1930 1,50\n#VER A 1 20240105\n{\n#TRANS 1930 {} 1,5\n#TRANS 1930 {} -1.50\n}\n",
        b"#GEN 2025-01-15\n#VER A 1 20240105\n{\n#TRANS 1930 {} 1 2024-01-06\n}\n",
        b"#RAR -1 20231231 20230101\n#RES -1 1930 5\n",
    ],
)
def test_the_edges_of_issue_10_read_the_same_on_both_paths_and_in_the_export(body: bytes) -> None:
    doc = _both(body).document
    assert doc is not None
    assert sum(len(v.rows) for v in doc.vouchers()) == doc.transaction_count
