"""The writer: Sie4j's exact text, and write → read returning the same document."""

from __future__ import annotations

import string
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styra.sie import Account, Dimension, FiscalYear, Identification, SieDocument, read
from styra.sie.vouchers import Row, Voucher
from styra.sie.writer import write

from .conftest import SAMPLES, SKIP_REASON, sample


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=SKIP_REASON)
def test_it_writes_sie4j_writer_test_result_byte_for_byte() -> None:
    expected = sample("blinfo__Sie4j", "SieWriterTest-result.si").read_bytes()
    doc = SieDocument(
        company="Test av Writer",
        org_number="123432-9878",
        file_type="4I",
        identification=Identification(
            program="SieWriterTest", program_version="0.0.1", generated=date(2021, 8, 18)
        ),
        years={0: FiscalYear(date(2021, 1, 1), date(2021, 12, 31))},
        accounts={
            n: Account(n, name)
            for n, name in (("1000", "Apelsin"), ("1001", "Banan"), ("1002", "Citron"))
        },
    )
    rows = (Row("1000", (), Decimal("1.00")), Row("1001", (), Decimal("-1.00")))
    vouchers = [
        Voucher("", "1", date(2021, 2, 1), rows=rows),
        Voucher("A", "1", date(2021, 2, 1), rows=rows),
        Voucher("", "2", date(2021, 2, 2), rows=rows),
    ]
    assert write(doc, vouchers, sie4j_layout=True) == expected
    assert write(doc, vouchers) == expected.replace(b'"" \n', b'""\n') + b"\n"


def test_it_writes_cp437_and_format_pc8_always() -> None:
    data = write(SieDocument(company="Åsele kommun"))
    assert b"#FORMAT PC8\n" in data and "Åsele".encode("cp437") in data


# -- write → read returns the same document (property) -------------------------------

TEXT = st.text(string.ascii_letters + string.digits + " åäöÅÄÖé-&/.,:;'\"{}#", max_size=20)
NAME = TEXT.filter(lambda t: t.strip() == t and t != "")
CODE = st.text(string.ascii_uppercase + string.digits, min_size=1, max_size=6)
CENTS = st.integers(-(10**12), 10**12)
YEAR0 = FiscalYear(date(2024, 1, 1), date(2024, 12, 31))
YEAR1 = FiscalYear(date(2023, 1, 1), date(2023, 12, 31))


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@st.composite
def documents(draw: st.DrawFn) -> tuple[SieDocument, list[Voucher]]:
    numbers = draw(st.lists(st.integers(1000, 8999).map(str), min_size=2, max_size=8, unique=True))
    accounts = {
        n: Account(n, draw(NAME), draw(st.sampled_from(["", "T", "S", "K", "I"])),
                   draw(st.sampled_from(["", "st"])), tuple(draw(st.lists(CODE, max_size=2))))
        for n in numbers
    }  # fmt: skip
    dims = {"1": Dimension("1", draw(NAME)), "21": Dimension("21", draw(NAME), "1")}
    codes = draw(st.lists(CODE, min_size=1, max_size=4, unique=True))
    objects = {("1", code): draw(NAME) for code in codes}
    object_lists = [()] + [(pair,) for pair in objects]
    months = st.sampled_from([202301, 202306, 202401, 202402, 202412])
    balance = st.dictionaries(st.tuples(st.sampled_from([0, -1]), st.sampled_from(numbers)),
                              CENTS.map(_money), max_size=4)  # fmt: skip
    period = st.dictionaries(
        st.tuples(months, st.sampled_from(numbers), st.sampled_from(object_lists)),
        CENTS.map(_money),
        max_size=5,
    )
    vouchers = draw(st.lists(vouchers_(numbers, object_lists), max_size=6))
    vouchers = [_numbered(v, i) for i, v in enumerate(vouchers, 1)]
    doc = SieDocument(
        company=draw(NAME),
        org_number=draw(st.from_regex(r"[0-9]{6}-[0-9]{4}", fullmatch=True)),
        file_type="4E",
        identification=Identification(
            program=draw(NAME), program_version=draw(CODE), generated=date(2025, 1, 2),
            generated_by=draw(TEXT.filter(lambda t: t.strip() == t)),
            flag=draw(st.sampled_from([0, 1])), fnr=draw(TEXT.filter(str.strip)),
            company_type=draw(st.sampled_from(["", "AB", "KOM"])),
            address=("Kontakt", "Gatan 1", "123 45 Orten", "010-123"),
            tax_year=2025, covered_until=date(2024, 12, 31), chart_type="EUBAS97",
            currency="SEK", comment=draw(TEXT.filter(str.strip)),
        ),
        years={0: YEAR0, -1: YEAR1},
        accounts=accounts, dimensions=dims, objects=objects,
        opening_balances=draw(balance),
        closing_balances={(0, numbers[0]): Decimal("1.00"), **draw(balance)},
        results=draw(balance),
        object_opening_balances={(0, numbers[0], object_lists[-1]): Decimal("-5.50")},
        period_balances=draw(period), period_budgets=draw(period),
    )  # fmt: skip
    return doc, vouchers


@st.composite
def vouchers_(draw: st.DrawFn, accounts: list[str], object_lists: list[object]) -> Voucher:
    day = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 365)))
    amounts = draw(st.lists(CENTS, min_size=1, max_size=5))
    amounts.append(-sum(amounts))
    rows = tuple(
        Row(draw(st.sampled_from(accounts)), draw(st.sampled_from(object_lists)),  # type: ignore[arg-type]
            _money(cents), draw(st.sampled_from([None, day, date(2024, 6, 30)])),
            draw(TEXT.filter(lambda t: t.strip() == t)))
        for cents in amounts
    )  # fmt: skip
    return Voucher(draw(st.sampled_from(["A", "B", "LEV1", ""])), "", day,
                   draw(TEXT.filter(lambda t: t.strip() == t)), day, draw(CODE), rows)  # fmt: skip


def _numbered(voucher: Voucher, number: int) -> Voucher:
    return Voucher(voucher.series, str(number), voucher.date, voucher.text, voucher.registered,
                   voucher.sign, voucher.rows)  # fmt: skip


def _expected_totals(vouchers: list[Voucher]) -> dict[tuple[str, int], Decimal]:
    totals: dict[tuple[str, int], Decimal] = {}
    for voucher in vouchers:
        for row in voucher.rows:
            day = row.date or voucher.date
            assert day is not None
            key = (row.account, day.year * 100 + day.month)
            totals[key] = totals.get(key, Decimal(0)) + row.amount
    return {key: value for key, value in totals.items() if value}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_write_then_read_returns_the_same_document(
    case: tuple[SieDocument, list[Voucher]], ksumma: bool
) -> None:
    doc, vouchers = case
    result = read(write(doc, vouchers, ksumma=ksumma), name="roundtrip.se")
    back = result.document
    assert back is not None
    assert not result.errors
    expected = SieDocument(**{
        **{f: getattr(doc, f) for f in doc.__dataclass_fields__},
        "transaction_totals": _expected_totals(vouchers),
        "object_transaction_totals": back.object_transaction_totals,
        "voucher_count": len(vouchers),
        "transaction_count": sum(len(v.rows) for v in vouchers),
    })  # fmt: skip
    assert back == expected
    assert list(back.vouchers()) == vouchers
    assert back.checksum is (True if ksumma else None)
