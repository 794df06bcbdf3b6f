"""Fields, amounts, dates, encodings and voucher numbers: the small pieces."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styra.sie.amounts import Amounts, plus, to_raw
from styra.sie.encoding import detect
from styra.sie.ksumma import crc_of
from styra.sie.lexer import parse_amount, parse_date, parse_period, parse_record, split_fields
from styra.sie.numbers import VoucherNumbers


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ('#KONTO 1930 "Bank konto"', ["#KONTO", "1930", "Bank konto"]),
        ("#KONTO\t1930\t\tBank", ["#KONTO", "1930", "Bank"]),
        ('#VER "" "" 20081216 "Porto"', ["#VER", "", "", "20081216", "Porto"]),
        ('#PROGRAM "\\"Norstedts Revision\\"" 2010.1.1',
         ["#PROGRAM", '"Norstedts Revision"', "2010.1.1"]),
        ('#TRANS 7010 {"1" "456" "6" "47"} 13.00',
         ["#TRANS", "7010", ("1", "456", "6", "47"), "13.00"]),
        ("#TRANS 1930 { } -1", ["#TRANS", "1930", (), "-1"]),
        ('#KONTO 1288 "F"rskott till Lind" Park"',
         ["#KONTO", "1288", 'F"rskott till Lind', 'Park"']),
        ('#FNR "C:\\ProgramData\\SPCS"', ["#FNR", "C:\\ProgramData\\SPCS"]),
        ('#FNAMN "obalanserad', ["#FNAMN", "obalanserad"]),
        ("#TRANS 1930 {1 Nord 6 0001} 5", ["#TRANS", "1930", ("1", "Nord", "6", "0001"), "5"]),
    ],
)  # fmt: skip
def test_split_fields(text: str, fields: list[object]) -> None:
    assert split_fields(text) == fields


def test_a_record_needs_a_label_and_keeps_its_line() -> None:
    record = parse_record("   #konto 1930 Bank\r\n", 7)
    assert record is not None and (record.label, record.line) == ("#KONTO", 7)
    assert parse_record("{", 1) is None and parse_record("", 1) is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [("-1000", "-1000.00"), ("12.5", "12.50"), ("0.001", "0.001"), ("-.5", "-0.50"),
     ("1,50", "1.50"), ("", None), ("1e5", None), ("NaN", None), ("1 000", None), ("+5", None)],
)  # fmt: skip
def test_parse_amount(text: str, amount: str | None) -> None:
    found = parse_amount(text)
    assert (str(found) if found is not None else None) == amount


def test_parse_date_and_period() -> None:
    assert parse_date("20240229") == date(2024, 2, 29)
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date("20230229") is None and parse_date("rappakalja") is None
    assert parse_period("202412") == 202412 and parse_period("202413") is None


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("cp437", "Övningsbolaget åäö"), ("utf-8", "Övningsbolaget åäö"),
     ("iso-8859-15", "Övningsbolaget åäö"), ("cp437", "plain ascii")],
)  # fmt: skip
def test_encoding_is_detected_from_the_bytes(encoding: str, text: str) -> None:
    data = f'#FORMAT PC8\n#FNAMN "{text}"\n'.encode(encoding)
    assert detect([data[:10], data[10:]]) == encoding


def test_a_latin1_path_in_a_cp437_file_stays_cp437() -> None:
    data = '#FNR "C:\\Företag"\n'.encode("latin-1") + '#FNAMN "Åsa ÄÖ å ä ö"\n'.encode("cp437")
    assert detect([data]) == "cp437"


def test_ksumma_counts_cp437_code_values() -> None:
    assert crc_of(["#FNAMN", "Å"]) == crc_of(["#FNAMN", "\u00c5"])
    assert crc_of(["#A", "B"]) == crc_of(["#AB"])


def test_voucher_numbers_find_duplicates_per_series() -> None:
    numbers = VoucherNumbers()
    assert numbers.add("A", "1") and numbers.add("B", "1") and numbers.add("A", "1000000")
    assert not numbers.add("A", "1") and not numbers.add("A", "1000000")
    assert numbers.add("A", "X1") and not numbers.add("A", "X1")
    assert numbers.add("A", "") and numbers.add("A", "")  # 4I: numbered by the receiver


def test_amounts_are_exact_beyond_28_digits() -> None:
    big = Decimal("99999999999999999999999999999.99")
    raw = plus(to_raw(big), to_raw(big))
    assert Amounts({"x": raw})["x"] == Decimal("199999999999999999999999999999.98")
    assert plus(to_raw(Decimal("0.001")), 1) == Decimal("0.011")
