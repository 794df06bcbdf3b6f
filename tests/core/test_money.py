from decimal import Decimal

import pytest

from styra.core.money import format_number, format_with_unit, parse_decimal, to_tkr

N = "\u202f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("72,25", "72.25"),
        ("1 234,5", "1234.5"),
        (f"43{N}306", "43306"),
        ("−852", "-852"),
        ("-852", "-852"),
        ("7.5", "7.5"),
    ],
)
def test_it_parses_numbers_as_people_write_them(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "NaN", "inf"])
def test_it_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="är inte ett tal"):
        parse_decimal(text)


def test_it_rounds_each_row_from_kronor_half_away_from_zero() -> None:
    assert to_tkr(Decimal("47600")) == 48
    assert to_tkr(Decimal("52500")) == 53
    assert to_tkr(Decimal("-52500")) == -53
    assert to_tkr(Decimal("499.99")) == 0


def test_it_formats_with_swedish_typography() -> None:
    assert format_number(Decimal("-43306")) == f"\u221243{N}306"
    assert format_number(Decimal("72.25")) == "72,25"
    assert format_number(Decimal("1234567.891"), 2) == f"1{N}234{N}567,89"
    assert format_number(Decimal("-0.4"), 0) == "0"
    assert format_with_unit(Decimal("26"), "%") == "26\u00a0%"
