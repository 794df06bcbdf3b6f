"""The values and messages Sie4j's JUnit tests assert over its own samples (restated in
../shared/sie-samples/blinfo__Sie4j/SOURCES.md), checked against our reader."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styra.problems import Severity
from styra.sie import ReadResult, SieDocument, read

from .conftest import SAMPLES, SKIP_REASON, sample

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=SKIP_REASON)
FOLDER = "blinfo__Sie4j"


def _read(name: str) -> ReadResult:
    return read(sample(FOLDER, name))


def _doc(name: str) -> SieDocument:
    document = _read(name).document
    assert document is not None
    return document


def _codes(name: str) -> list[str]:
    return [p.code for p in _read(name).problems]


def test_blblov_4e_header() -> None:
    doc = _doc("BLBLOV_SIE4.SE")
    ident = doc.identification
    assert (doc.file_type, doc.company, doc.org_number) == (
        "4E",
        "Övningsföretaget AB",
        "165571-0918",
    )
    assert (ident.fnr, ident.company_type, ident.program, ident.program_version) == (
        "BLOV", "AB", "BL Administration", "2018.2.101",
    )  # fmt: skip
    assert (ident.generated, ident.generated_by) == (date(2018, 5, 7), "1 Linda Henriksson")
    assert (ident.tax_year, ident.flag) == (2018, 0)
    assert doc.years[0].start == date(2017, 1, 1)
    assert doc.years[-1].end == doc.years[0].start.replace(day=1) - (
        date(2017, 1, 1) - date(2016, 12, 31)
    )


def test_blblov_4e_accounts_and_balances() -> None:
    doc = _doc("BLBLOV_SIE4.SE")
    assert len(doc.accounts) == 202
    accounts = list(doc.accounts.values())
    assert (accounts[5].number, accounts[5].name, accounts[5].sru) == (
        "1240", "Bilar och andra transportmedel", ("7215",),
    )  # fmt: skip
    assert accounts[5].type == "" and accounts[5].unit == ""
    assert doc.opening_balances[(0, "1240")] == Decimal("10000.00")
    assert accounts[6].number == "1249"
    assert doc.opening_balances[(0, "1249")] == Decimal(-71667)
    assert doc.opening_balances[(-1, "1249")] == Decimal(-51667)
    assert doc.closing_balances[(0, "1249")] == Decimal(-91667)
    assert doc.closing_balances[(-1, "1249")] == Decimal(-71667)
    assert accounts[75].number == "3010"
    assert doc.results[(0, "3010")] == Decimal("-6700.00")
    assert doc.results[(-1, "3010")] == Decimal("-85064.80")
    assert accounts[1].number == "1119"
    budget = doc.monthly_budget(0)
    assert budget[("1119", 201701)] == Decimal("-1666.00")
    assert budget[("1119", 201712)] == Decimal("-1667.00")


def test_blblov_4e_first_and_last_voucher() -> None:
    vouchers = list(_doc("BLBLOV_SIE4.SE").vouchers())
    first, last = vouchers[0], vouchers[-1]
    assert (first.series, first.number, first.date, first.text) == (
        "A", "1", date(2017, 1, 1), "Representation måltid utan alkohol",
    )  # fmt: skip
    assert (first.registered, first.sign, len(first.rows), first.balance) == (
        date(2017, 1, 19), "#6 Linda Henriksson", 3, 0,
    )  # fmt: skip
    assert (last.series, last.number, last.date, last.text) == (
        "N",
        "1",
        date(2017, 1, 25),
        "Löner",
    )
    assert (last.registered, len(last.rows), last.balance) == (date(2017, 3, 22), 5, 0)
    assert (last.rows[0].account, last.rows[0].amount) == ("1930", Decimal("-24268.00"))
    assert (last.rows[-1].account, last.rows[-1].amount) == ("2730", Decimal("-10350.38"))
    assert last.rows[0].date == last.rows[-1].date == date(2017, 1, 25)


def test_blblov_4i_vouchers_are_balanced_and_not_empty() -> None:
    result = _read("BLBLOV_SIE4.SI")
    assert result.document is not None and result.document.file_type == "4I"
    vouchers = list(result.document.vouchers())
    assert vouchers and all(v.rows and v.balance == 0 for v in vouchers)
    assert not result.errors


def test_file_marked_as_read_has_flag_1() -> None:
    assert _doc("BLBLOV_SIE1_file_is_read.SE").identification.flag == 1


def test_cc3_is_4i_with_194_accounts_and_202_sru_codes() -> None:
    doc = _doc("CC3.SI")
    assert (doc.file_type, len(doc.accounts)) == ("4I", 194)
    assert sum(len(a.sru) for a in doc.accounts.values()) == 202


def test_cc2() -> None:
    doc = _doc("CC2-foretaget.SE")
    assert (doc.file_type, len(doc.accounts)) == ("4E", 206)
    assert sum(len(a.sru) for a in doc.accounts.values()) == 213
    assert (len(doc.closing_balances), len(doc.results)) == (7, 3)
    assert (doc.voucher_count, doc.transaction_count) == (5, 19)


def test_program_without_version_is_accepted_with_a_warning() -> None:
    result = _read("SIE_with_missing_program_version.se")
    assert result.document is not None and result.document.identification.program == "SIR"
    vouchers = list(result.document.vouchers())
    assert [len(v.rows) for v in vouchers] == [8, 7, 8]
    assert vouchers[0].text == "Dagsrapport 110000775"
    assert "sie-program-version" in [p.code for p in result.problems]


def test_ten_digit_org_number_gets_its_hyphen() -> None:
    assert _doc("Transaktioner per Z-rapport.se").org_number == "555555-5555"
    assert "sie-orgnr-hyphen" in _codes("Transaktioner per Z-rapport.se")


def test_address_with_three_fields() -> None:
    address = _doc("BLBLOV_SIE4_UTF_8_WITH_FAULTY_ADDRESS.SI").identification.address
    assert address == ("Ada Adamsson", "Fjärde långatan 127", "413 05 Göteborg", "")


def test_escaped_quotes() -> None:
    doc = _doc("Quotes_test.si")
    assert doc.identification.program_version == '1.0 - "Oblique Ozelot" - alpha'
    assert next(iter(doc.vouchers())).text == 'Försäljning 25% "DF:157"'


def test_left_out_voucher_series() -> None:
    result = _read("BLBLOV_SIE4_UTF_8_with_missing_voucher_series.SE")
    assert result.document is not None
    first = next(iter(result.document.vouchers()))
    assert (first.series, first.number, first.text, first.sign) == ("", "1", "", "")
    assert "sie-voucher-series" in [p.code for p in result.problems]


def test_long_object_numbers_and_labels() -> None:
    objects = _doc("SIE_test_av_KST_projekt_Testbolaget_e - kopia.SE").objects
    assert any(obj == "1234567891234567999" for _dim, obj in objects)
    assert any(len(name) >= 64 for name in objects.values())  # "65" in SOURCES.md; 64 here
    names = _doc("SIE_test_av_KST_projekt_Testbolaget_e - kopia ny.SE").objects.values()
    assert any(name.startswith("ASDF XXXX") for name in names)


def test_missing_company_name_is_a_warning() -> None:
    result = _read("BLBLOV_SIE4_UTF_8_with_missing_company_name.SI")
    assert result.ok and "sie-company" in [p.code for p in result.problems]


E, W = Severity.ERROR, Severity.WARNING
U4, U2 = "BLBLOV_SIE4_UTF_8_with_", "BLBLOV_SIE2_UTF_8_with_"
EXPECTED_PROBLEMS = [
    ("BLBLOV_SIE4_UTF_8_IMBALANCED.SI", "sie-voucher-unbalanced", E, ["\u22120,14", "0,55"]),
    (U4 + "imbalanced_voucher.SE", "sie-voucher-unbalanced", E, ["A 1", "0,10"]),
    (U4 + "missing_account_numbers.SE", "sie-account", E, ["#KONTO"]),
    (U4 + "missing_account_balance.SE", "sie-amount", E, ["#IB"]),
    (U2 + "non_numeric_account_number.SE", "sie-account-number", W, ["11AF"]),
    (U4 + "non_numeric_account_number.SE", "sie-account-number", W, ["11AF"]),
    (U4 + "8_digit_account_number.SE", "sie-account-number", W, ["11100111"]),
    ("Arousells_Visning_AB.SE", "sie-account-number", W, ["23"]),
    (U2 + "errors.SE", "sie-account-number", W, ["119"]),
    (U2 + "errors.SE", "sie-sru", W, ["1110"]),
    (U4 + "errors.SE", "sie-account-order", W, ["11AF"]),
    (U4 + "errors.SE", "sie-orgnr-hyphen", W, ["1655710918"]),
    ("BLBLOV_SIE1.SE", "sie-orgnr-hyphen", W, []),
    ("BLBLOV_SIE3_UTF_8_with_vouchers.SE", "sie-type-vouchers", W, []),
    ("BLBLOV_SIE3.SE", "sie-covered", W, ["#OMFATTN"]),
    ("BLBLOV_SIE1_erroneous_leap_year.SE", "sie-year-gap", W, ["-2"]),
    (U4 + "erroneous_taxar.SE", "sie-tax-year", W, ["2018 ÅRL"]),
    (U4 + "unparseable_taxar.SE", "sie-tax-year", W, ["CCMXVIII"]),
    (U4 + "missing_sru_code.SE", "sie-sru", W, ["1110"]),
    (U4 + "12_digit_cid.SI", "sie-orgnr", W, ["165502261513"]),
    (U4 + "8-4_digit_cid.SI", "sie-orgnr", W, ["16550226-1513"]),
    (U4 + "empty_voucher_date.SI", "sie-voucher-date", E, ["saknas"]),
    (U4 + "missing_voucher_date.SI", "sie-voucher-date", E, []),
    (U4 + "critical_voucher_date_error.SI", "sie-voucher-date", E, ["rappakalja"]),
    (U4 + "erroneous_voucher_date.SI", "sie-date-format", W, ["180501"]),
    (U4 + "iso_voucher_date.SI", "sie-date-format", W, ["bindestreck"]),
    (U4 + "faulty_transaction.SI", "sie-row", E, ["#TRANS"]),
    (U4 + "empty_voucher.SE", "sie-voucher-empty", W, ["A 2"]),
    ("Testbolaget_Enskild_firma.SE", "sie-orgnr", W, ["198605100000"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "code", "severity", "words"), EXPECTED_PROBLEMS)
def test_broken_variant_gives_its_problem(
    name: str, code: str, severity: Severity, words: list[str]
) -> None:
    found = [p for p in _read(name).problems if p.code == code]
    assert found, f"no {code} in {name}"
    assert all(p.severity is severity for p in found)
    text = " ".join(p.message for p in found)
    for word in words:
        assert word in text


def test_rows_without_account_are_reported_once_and_their_vouchers_balance() -> None:
    problems = _read(U4 + "missing_account_numbers_in_transaction.SI").problems
    assert [(p.code, p.source.line) for p in problems if p.severity is E] == [
        ("sie-row", 10),
        ("sie-row", 16),
    ]
    assert [p.code for p in _read(U4 + "faulty_transaction.SI").errors] == ["sie-row"]


def test_two_unbalanced_vouchers_in_the_imbalanced_4i_file() -> None:
    assert _codes("BLBLOV_SIE4_UTF_8_IMBALANCED.SI").count("sie-voucher-unbalanced") == 2


def test_valid_bl_exports_have_no_errors() -> None:
    for name in ("BLBLOV_SIE1.SE", "BLBLOV_SIE2.SE", "BLBLOV_SIE3.SE", "BLBLOV_SIE4.SE",
                 "CC2-foretaget.SE", "CC3.SI", "Balanserad förlust.se"):  # fmt: skip
        assert _read(name).ok, name
