"""SIE 5 (XML) read into the SIE 4 model: real files with figures counted by hand, a ledger
written here, and the same ledger as SIE 4 giving the same totals.

The expected figures for SIE-gruppen's ``Sample.sie`` were taken from the file itself with
grep and awk (LedgerEntry amounts without Overstrike, per account, per journal and per
object), not from the reader; tests/sie/fixtures/sie5/SOURCES.md says where each file
comes from.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from styra import sie
from styra.sie import reader, sie5
from styra.sie.writer import write

FIXTURES = Path(__file__).parent / "fixtures" / "sie5"
D = Decimal

LEDGER = """<?xml version="1.0" encoding="UTF-8"?>
<Sie xmlns="http://www.sie.se/sie5">
  <FileInfo>
    <SoftwareProduct name="Handskrivet" version="1"/>
    <FileCreation time="2025-01-20T08:00:00Z" by="Styra test"/>
    <Company organizationId="212000-0000" name="Testkommunen"/>
    <FiscalYears>
      <FiscalYear start="2023-01" end="2023-12" closed="true"/>
      <FiscalYear start="2024-01" end="2024-12" primary="true"/>
    </FiscalYears>
    <AccountingCurrency currency="SEK"/>
  </FileInfo>
  <Accounts>
    <Account id="1930" name="Bank" type="asset">
      <OpeningBalance month="2024-01" amount="1000.00"/>
      <ClosingBalance month="2024-12" amount="1500.00"/>
      <ClosingBalance month="2023-12" amount="1000.00"/>
    </Account>
    <Account id="2081" name="Eget kapital" type="equity">
      <OpeningBalance month="2024-01" amount="-1000.00"/>
      <ClosingBalance month="2024-12" amount="-1000.00"/>
    </Account>
    <Account id="3010" name="Taxor och avgifter" type="income">
      <ClosingBalance month="2024-12" amount="-800.00"/>
      <Budget month="2024-01" amount="-400.00"/>
      <Budget month="2024-02" amount="-400.00"/>
    </Account>
    <Account id="5010" name="Lokalhyra" type="cost">
      <ClosingBalance month="2024-12" amount="300.00"/>
      <ClosingBalance month="2024-12" amount="300.00">
        <ObjectReference dimId="1" objectId="100"/>
      </ClosingBalance>
      <Budget month="2024-01" amount="250.00"/>
      <Budget month="2024-01" amount="250.00">
        <ObjectReference dimId="1" objectId="100"/>
      </Budget>
    </Account>
  </Accounts>
  <Dimensions>
    <Dimension id="1" name="Ansvar">
      <Object id="100" name="Nämndkansliet"/>
      <Object id="200" name="Drift"/>
    </Dimension>
    <Dimension id="6" name="Projekt">
      <Object id="P1" name="Öppna förskolan"/>
    </Dimension>
  </Dimensions>
  <Journal id="A" name="Löpande">
    <JournalEntry id="1" journalDate="2024-01-15" text="Hyra januari">
      <EntryInfo date="2024-01-16" by="ekonom"/>
      <LedgerEntry accountId="5010" amount="300.00">
        <ObjectReference dimId="1" objectId="100"/>
      </LedgerEntry>
      <LedgerEntry accountId="1930" amount="-300.00"/>
    </JournalEntry>
    <JournalEntry id="2" journalDate="2024-02-10" text="Avgifter">
      <EntryInfo date="2024-02-10" by="ekonom"/>
      <LedgerEntry accountId="1930" amount="800.00"/>
      <LedgerEntry accountId="3010" amount="-800.00">
        <ObjectReference dimId="6" objectId="P1"/>
      </LedgerEntry>
      <LedgerEntry accountId="3010" amount="-5.00">
        <Overstrike date="2024-02-11" by="ekonom"/>
      </LedgerEntry>
    </JournalEntry>
  </Journal>
  <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>
</Sie>
"""


def codes(result: reader.ReadResult) -> list[tuple[int | None, str]]:
    return [(p.source.line, p.code) for p in result.problems]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# -- real files ----------------------------------------------------------------------------


def test_it_reads_sie_gruppens_complete_sample_with_the_figures_counted_by_hand() -> None:
    result = sie.read(FIXTURES / "Sample.sie")
    doc = result.document
    assert doc is not None and result.problems == ()
    assert (doc.file_type, doc.company, doc.org_number) == ("5", "Övningsbolaget AB", "555555-5555")
    assert doc.identification.program == "Edison Ekonomi"
    assert doc.identification.currency == "SEK"
    assert [(i, y.start.isoformat(), y.end.isoformat()) for i, y in doc.years.items()] == [
        (0, "2014-01-01", "2014-12-31"),
        (-1, "2013-01-01", "2013-12-31"),
    ]
    assert (len(doc.accounts), len(doc.dimensions), len(doc.objects)) == (316, 2, 11)
    assert doc.accounts["1940"].type == "T" and doc.accounts["3010"].type == "I"
    # 91 JournalEntry, 353 LedgerEntry of which 10 are struck out.
    assert (doc.voucher_count, doc.transaction_count) == (91, 343)
    outcome = doc.outcome(0)
    assert outcome["1940"] == D("217582.78")  # IB 387000 → UB 604582.78
    assert outcome["1510"] == D("118175.00")  # IB 432056 → UB 550231
    assert outcome["2731"] == D("-39881.40")  # one of its five rows struck
    assert outcome["3010"] == D("-259535.00")
    assert outcome["7010"] == D("85000.00")
    assert doc.opening_balances[(0, "1940")] == D("387000.00")
    assert doc.closing_balances[(0, "1940")] == D("604582.78")
    assert doc.results[(0, "3010")] == D("-259535.00")
    assert doc.results[(-1, "3010")] == D("-1870000.00")
    projects = doc.outcome_by_object("6", 0)
    assert projects[("3010", "100")] == D("-60000.00")
    assert projects[("3010", "200")] == D("-38750.00")
    assert projects[("4110", "100")] == D("5175.20")
    assert doc.outcome_by_object("1", 0)[("7410", "AA")] == D("500.00")


def test_a_journals_entries_stream_with_their_rows_and_struck_rows_apart() -> None:
    doc = sie.read(FIXTURES / "Sample.sie").document
    assert doc is not None
    vouchers = list(doc.vouchers())
    assert len(vouchers) == 91
    assert sum(len(v.rows) for v in vouchers) == 343
    assert sum(len(v.removed) for v in vouchers) == 10
    salaries = [v for v in vouchers if v.series == "2"]  # Journal id="2" name="Lön"
    assert len(salaries) == 3
    assert sum(len(v.rows) for v in salaries) == 15
    debit = sum((r.amount for v in salaries for r in v.rows if r.amount > 0), D(0))
    assert debit == D("166903.40")
    assert all(v.balance == 0 for v in vouchers)
    first = vouchers[0]
    assert (first.number, first.date.isoformat() if first.date else "") == ("1", "2014-01-01")
    assert (first.text, first.line, first.rows[0].line) == ("Kontoavslut 2099 mot 2098", 800, 802)


def test_it_reads_entry_files_with_budgets_extensions_and_embedded_documents() -> None:
    entry3 = sie.read(FIXTURES / "SampleEntry3.sie")  # a 60 kB line of base64 inside
    doc = entry3.document
    assert doc is not None and entry3.problems == ()
    assert (doc.file_type, doc.voucher_count, doc.transaction_count) == ("5I", 5, 19)
    assert doc.outcome(0)["1510"] == D("109360.00")  # 5000 + 3794 + 35000 + 3750 + 61816
    assert "3740" not in doc.outcome(0)  # -0.25 and 0.25: a total of zero is not listed

    entry2 = sie.read(FIXTURES / "SampleEntry2.sie")
    assert entry2.document is not None
    assert entry2.document.budget(0) == {"3010": D("-300.00")}
    assert codes(entry2) == [
        (20, "sie5-budget-year"),  # a whole-year budget in a file without fiscal years
        (56, "sie-undefined-account"),
        (57, "sie-undefined-account"),
    ]
    extension = sie.read(FIXTURES / "SampleEntryExtension.sie")
    assert extension.document is not None
    assert (extension.document.voucher_count, extension.document.transaction_count) == (1, 2)
    assert sie.read(FIXTURES / "SampleEntry.sie").ok


def test_the_shared_corpus_entry_file_with_a_mis_cased_schema_namespace_reads() -> None:
    from tests.sie.conftest import sample

    result = sie.read(sample("wilhelmuggla__sie4sdk", "SampleEntry3.sie"))
    assert result.ok and result.document is not None
    assert result.document.company == "Acme Corp"
    assert result.document.transaction_count == 19


# -- a ledger written here -----------------------------------------------------------------


def test_it_reads_balances_budgets_objects_and_vouchers_into_the_sie4_model() -> None:
    result = sie.read(LEDGER.encode(), name="bok.sie")
    doc = result.document
    assert doc is not None and result.problems == ()
    assert isinstance(doc, sie5.Sie5Document)
    assert doc.opening_balances == {(0, "1930"): D("1000.00"), (0, "2081"): D("-1000.00")}
    assert doc.closing_balances == {
        (0, "1930"): D("1500.00"),
        (0, "2081"): D("-1000.00"),
        (-1, "1930"): D("1000.00"),
    }
    assert doc.results == {(0, "3010"): D("-800.00"), (0, "5010"): D("300.00")}
    assert doc.object_closing_balances == {(0, "5010", (("1", "100"),)): D("300.00")}
    assert dict(doc.outcome(0)) == {"1930": D("500.00"), "5010": D("300.00"), "3010": D("-800.00")}
    assert dict(doc.monthly_outcome(0)) == {
        ("5010", 202401): D("300.00"),
        ("1930", 202401): D("-300.00"),
        ("1930", 202402): D("800.00"),
        ("3010", 202402): D("-800.00"),
    }
    assert dict(doc.budget(0)) == {"3010": D("-800.00"), "5010": D("250.00")}
    assert dict(doc.budget_by_object("1", 0)) == {("5010", "100"): D("250.00")}
    assert dict(doc.outcome_by_object("6", 0)) == {("3010", "P1"): D("-800.00")}
    assert (doc.voucher_count, doc.transaction_count) == (2, 4)
    second = list(doc.vouchers())[1]
    assert [r.account for r in second.removed] == ["3010"]
    assert (second.registered, second.sign) == (second.date, "ekonom")


def test_the_same_ledger_written_as_sie4_gives_the_same_figures() -> None:
    for source in (LEDGER.encode(), (FIXTURES / "Sample.sie").read_bytes()):
        doc5 = sie.read(source).document
        assert doc5 is not None
        sie4 = write(doc5, doc5.vouchers())
        assert sie4.startswith(b"#FLAGGA") and b"#SIETYP 4" in sie4
        read4 = reader.read(sie4, name="bok.se")
        doc4 = read4.document
        assert doc4 is not None and doc4.file_type == "4E"
        assert not read4.errors
        for year in doc5.years:
            assert doc4.outcome(year) == doc5.outcome(year)
            assert doc4.budget(year) == doc5.budget(year)
        for name in (
            "years", "opening_balances", "closing_balances", "results",
            "object_opening_balances", "object_closing_balances", "period_budgets",
            "transaction_totals", "object_transaction_totals", "voucher_count",
            "transaction_count", "company", "org_number",
        ):  # fmt: skip
            assert getattr(doc4, name) == getattr(doc5, name), name


def test_monthly_closing_balances_become_monthly_changes_where_they_run_unbroken() -> None:
    text = LEDGER.replace(
        '<ClosingBalance month="2024-12" amount="-800.00"/>',
        '<ClosingBalance month="2024-01" amount="0.00"/>\n'
        '      <ClosingBalance month="2024-02" amount="-800.00"/>\n'
        '      <ClosingBalance month="2024-03" amount="-800.00"/>\n'
        '      <ClosingBalance month="2024-12" amount="-800.00"/>',
    )
    result = sie.read(text.encode())
    assert result.document is not None
    assert dict(result.document.period_balances) == {(202402, "3010", ()): D("-800.00")}
    assert codes(result) == [(line_of(text, '"2024-01" amount="0.00"'), "sie5-balance-months")]


def test_a_budget_without_month_is_the_whole_primary_year() -> None:
    text = LEDGER.replace('<Budget month="2024-01" amount="-400.00"/>', '<Budget amount="-9600"/>')
    result = sie.read(text.encode())
    assert result.document is not None
    assert result.document.budget(0)["3010"] == D("-10000.00")
    assert codes(result) == [(line_of(text, 'amount="-9600"'), "sie5-annual-budget")]


# -- problems with their lines -------------------------------------------------------------


def test_an_entry_that_does_not_balance_is_an_error_at_its_line() -> None:
    text = LEDGER.replace('amount="-300.00"/>', 'amount="-299.00"/>')
    result = sie.read(text.encode(), name="bok.sie")
    assert (line_of(text, 'JournalEntry id="1"'), "sie-voucher-unbalanced") in codes(result)
    problem = next(p for p in result.problems if p.code == "sie-voucher-unbalanced")
    assert problem.message == "verifikation A 1 är inte balanserad: summan är 1,00, inte 0"
    assert str(problem).startswith(f"bok.sie:{problem.source.line}: verifikation A 1")
    assert not result.ok


def test_an_unknown_account_is_warned_where_it_is_first_used() -> None:
    text = LEDGER.replace('<LedgerEntry accountId="1930" amount="800.00"/>',
                          '<LedgerEntry accountId="1931" amount="800.00"/>')  # fmt: skip
    result = sie.read(text.encode())
    line = line_of(text, 'accountId="1931"')
    assert (line, "sie-undefined-account") in codes(result)
    assert any("konto 1931 används men finns inte i kontoplanen" in p.message
               for p in result.problems)  # fmt: skip


def test_a_closing_balance_that_the_entries_do_not_reach_is_warned_at_its_line() -> None:
    text = LEDGER.replace('amount="1500.00"', 'amount="1400.00"')
    result = sie.read(text.encode())
    assert codes(result) == [(line_of(text, 'amount="1400.00"'), "sie-balance-mismatch")]


@pytest.mark.parametrize(
    ("xml", "code", "line"),
    [
        (LEDGER.replace("</Journal>", ""), "sie5-xml", 68),  # unclosed: </Sie> on 68 mismatches
        (LEDGER[:1500], "sie5-xml", 35),  # cut off in the middle: the last line
        (LEDGER.replace("Testkommunen", "Test\udcffkommunen"), "sie5-xml", 6),
        ("<Root/>", "sie5-not-sie5", 1),
        ('<?xml version="1.0"?>\n<!DOCTYPE Sie SYSTEM "http://example.invalid/x.dtd">\n<Sie/>',
         "sie5-dtd", 2),
    ],
)  # fmt: skip
def test_broken_xml_is_refused_with_one_clear_error_at_its_line(
    xml: str, code: str, line: int
) -> None:
    data = xml.encode("utf-8", "surrogateescape")
    result = sie.read(data, name="bok.sie")
    assert result.document is None
    assert codes(result)[-1] == (line, code)
    assert not result.ok
    assert all(p.message and p.message[0].islower() for p in result.problems)


def test_an_unclosed_tag_says_so_in_swedish() -> None:
    result = sie.read(LEDGER.replace("</Journal>", "").encode())
    assert "sluttaggen hör inte ihop med den öppna starttaggen" in result.problems[-1].message


def test_a_wrong_namespace_is_warned_and_the_file_read() -> None:
    text = LEDGER.replace('xmlns="http://www.sie.se/sie5"', 'xmlns="http://www.sie.se/sie4"')
    result = sie.read(text.encode())
    assert codes(result) == [(2, "sie5-namespace")]
    assert result.document is not None and result.document.voucher_count == 2
    plain = sie.read(LEDGER.replace(' xmlns="http://www.sie.se/sie5"', "").encode())
    assert codes(plain) == [(2, "sie5-namespace")]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE Sie [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<Sie xmlns="http://www.sie.se/sie5">
  <FileInfo><Company name="&d;" organizationId="1"/></FileInfo>
</Sie>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE Sie [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Sie xmlns="http://www.sie.se/sie5">
  <FileInfo><Company name="&secret;" organizationId="1"/></FileInfo>
</Sie>
"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL])
def test_entity_bombs_and_external_entities_are_never_expanded(xml: str) -> None:
    result = sie.read(xml.encode())
    assert result.document is None
    assert codes(result) == [(2, "sie5-dtd")]
    assert "etc/passwd" not in str(result.problems) and "aaaa" not in str(result.problems)


def test_deep_nesting_stops_the_reading_with_an_error() -> None:
    depth = 10_000
    xml = '<Sie xmlns="http://www.sie.se/sie5">\n' + "<x>" * depth + "</x>" * depth + "</Sie>"
    result = sie.read(xml.encode())
    assert result.document is None
    assert codes(result) == [(2, "sie5-too-deep")]


def test_a_huge_tag_is_refused_before_it_is_held_whole() -> None:
    head = LEDGER.split("<Accounts>", maxsplit=1)[0]
    xml = head + '<Accounts><Account id="1" name="' + "x" * (1 << 20) + '" type="asset"/>'
    result = sie.read(xml.encode())
    assert result.document is None
    assert codes(result)[-1][1] == "sie5-tag-too-long"


def test_a_long_attribute_is_an_error_and_the_rest_is_read() -> None:
    text = LEDGER.replace('text="Avgifter"', 'text="' + "å" * 3000 + '"')
    result = sie.read(text.encode())
    assert codes(result) == [(line_of(text, "ååå"), "sie-field-too-long")]
    assert result.document is not None and result.document.voucher_count == 2


def test_bad_values_are_errors_at_their_lines() -> None:
    text = LEDGER.replace('amount="800.00"/>', 'amount="800,00"/>').replace(
        'journalDate="2024-01-15"', 'journalDate="20240115"'
    )
    result = sie.read(text.encode())
    assert codes(result) == [
        (line_of(text, 'journalDate="20240115"'), "sie-voucher-date"),
        (line_of(text, 'amount="800,00"'), "sie-amount"),
        (line_of(text, 'amount="800,00"'), "sie-row"),
        # and so the figures do not reconcile: the undated entry is in no month of the year
        (line_of(text, 'amount="1500.00"'), "sie-balance-mismatch"),
        (line_of(text, '<ClosingBalance month="2024-12" amount="300.00"/>'), "sie-result-mismatch"),
    ]


def test_a_file_in_another_declared_encoding_is_read_with_a_warning() -> None:
    text = LEDGER.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    result = sie.read(text.encode("iso-8859-1"))
    assert codes(result) == [(1, "sie5-encoding")]
    assert result.document is not None
    assert result.document.objects[("6", "P1")] == "Öppna förskolan"


def test_a_missing_file_is_unreadable_not_a_traceback(tmp_path: Path) -> None:
    result = sie5.read(tmp_path / "saknas.sie")
    assert codes(result) == [(1, "sie-unreadable")]


# -- one door ------------------------------------------------------------------------------


def test_the_public_read_sends_xml_to_sie5_and_the_rest_to_sie4() -> None:
    assert sie.read(LEDGER.encode()).document.file_type == "5"  # type: ignore[union-attr]
    assert sie.read(b"\xef\xbb\xbf" + LEDGER.encode()).document is not None
    sie4 = sie.read(b"#FLAGGA 0\n#SIETYP 4\n#KONTO 1930 Bank\n")
    assert sie4.document is not None and sie4.document.file_type == "4I"


def test_the_folder_loader_reads_a_sie5_ledger(tmp_path: Path) -> None:
    from styra.folder.finance import read_sie_file

    (tmp_path / "huvudbok.sie").write_bytes(LEDGER.encode())
    problems: list[object] = []
    doc = read_sie_file(tmp_path, "huvudbok.sie", problems)  # type: ignore[arg-type]
    assert problems == [] and doc is not None
    assert doc.outcome(0)["5010"] == D("300.00")
