"""Each reading rule on a small file written inline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from styra.problems import Severity
from styra.sie import ReadResult, SieDocument, read

HEAD = """#FLAGGA 0
#PROGRAM "Test" 1.0
#FORMAT PC8
#GEN 20250101
#SIETYP 4
#FNAMN "Testkommunen"
#ORGNR 212000-0000
#RAR 0 20240101 20241231
#RAR -1 20230101 20231231
#KONTO 1930 "Bank"
#KONTO 3000 "Intäkter"
#KONTO 5010 "Lokalhyra"
#DIM 1 "Ansvar"
#OBJEKT 1 "0100" "Skola"
#OBJEKT 1 "0200" "Vård"
#DIM 6 "Projekt"
#OBJEKT 6 P1 "Projekt 1"
"""


def _read(body: str, head: str = HEAD, encoding: str = "cp437") -> ReadResult:
    return read((head + body).encode(encoding), name="t.se")


def _doc(body: str, head: str = HEAD) -> SieDocument:
    result = _read(body, head)
    assert result.document is not None, result.problems
    return result.document


def _codes(result: ReadResult) -> list[str]:
    return [p.code for p in result.problems]


VOUCHERS = """#IB 0 1930 1000.00
#UB 0 1930 1500.00
#UB -1 1930 1000.00
#RES 0 3000 -800.00
#RES 0 5010 300.00
#VER A 1 20240115 "Hyra"
{
#TRANS 5010 {1 "0100"} 300.00
#TRANS 1930 {} -300.00
}
#VER A 2 20240220 "Försäljning"
{
   #TRANS 1930 {} 800
\t#TRANS 3000 {1 "0200" 6 P1} -800.00 20240221 "Kund"
}
"""


def test_outcome_is_the_sum_of_the_vouchers_per_account() -> None:
    doc = _doc(VOUCHERS)
    assert doc.outcome(0) == {"5010": Decimal("300.00"), "1930": Decimal("500.00"),
                              "3000": Decimal("-800.00")}  # fmt: skip
    assert (doc.voucher_count, doc.transaction_count) == (2, 4)


def test_monthly_outcome_follows_the_row_date() -> None:
    doc = _doc(VOUCHERS)
    monthly = doc.monthly_outcome(0)
    assert monthly[("5010", 202401)] == Decimal("300.00")
    assert monthly[("3000", 202402)] == Decimal("-800.00")


def test_outcome_by_object_takes_rows_that_carry_the_dimension() -> None:
    doc = _doc(VOUCHERS)
    assert doc.outcome_by_object("1", 0) == {("5010", "0100"): Decimal("300.00"),
                                             ("3000", "0200"): Decimal("-800.00")}  # fmt: skip
    assert doc.outcome_by_object("6", 0) == {("3000", "P1"): Decimal("-800.00")}


def test_a_clean_file_has_no_problems() -> None:
    assert _read(VOUCHERS).problems == ()


def test_without_vouchers_outcome_is_res_and_ub_minus_ib() -> None:
    doc = _doc("#IB 0 1930 1000.00\n#UB 0 1930 1500.00\n#RES 0 3000 -800.00\n")
    assert doc.outcome(0) == {"1930": Decimal("500.00"), "3000": Decimal("-800.00")}


def test_budget_sums_the_months_with_an_empty_object_list() -> None:
    doc = _doc(
        "#PBUDGET 0 202401 5010 {} 100.00\n#PBUDGET 0 202402 5010 {} 150.00\n"
        '#PBUDGET 0 202401 5010 {1 "0100"} 100.00\n#PBUDGET -1 202301 5010 {} 90\n'
    )
    assert doc.budget(0) == {"5010": Decimal("250.00")}
    assert doc.budget(-1) == {"5010": Decimal("90.00")}
    assert doc.budget_by_object("1", 0) == {("5010", "0100"): Decimal("100.00")}


def test_the_period_decides_the_year_not_the_year_field() -> None:
    doc = _doc("#PSALDO 0 202301 5010 {} 70.00\n#PSALDO 0 202401 5010 {} 80.00\n")
    assert doc.outcome(-1) == {"5010": Decimal("70.00")}
    assert doc.outcome(0) == {"5010": Decimal("80.00")}


def test_rtrans_and_btrans_are_history_and_trans_counts() -> None:
    doc = _doc(
        "#VER A 1 20240115\n{\n#BTRANS 5010 {} 300.00\n#RTRANS 5020 {} 300.00\n"
        "#TRANS 5020 {} 300.00\n#TRANS 1930 {} -300.00\n}\n"
    )
    assert doc.outcome(0) == {"5020": Decimal("300.00"), "1930": Decimal("-300.00")}
    (voucher,) = doc.vouchers()
    assert [r.account for r in voucher.removed] == ["5010"]
    assert [r.account for r in voucher.added] == ["5020"]


def test_an_unbalanced_voucher_is_an_error_at_its_ver_line() -> None:
    result = _read("#VER A 1 20240115\n{\n#TRANS 5010 {} 300.00\n#TRANS 1930 {} -299.99\n}\n")
    (problem,) = [p for p in result.problems if p.code == "sie-voucher-unbalanced"]
    assert problem.severity is Severity.ERROR and problem.source.line == HEAD.count("\n") + 1
    assert "summan är 0,01, inte 0" in problem.message and not result.ok


def test_undefined_accounts_and_objects_are_warned() -> None:
    result = _read('#VER A 1 20240115\n{\n#TRANS 4010 {1 "0900"} 1.00\n#TRANS 1930 {} -1.00\n}\n')
    codes = _codes(result)
    assert "sie-undefined-account" in codes and "sie-undefined-object" in codes
    assert result.ok


def test_a_voucher_outside_the_fiscal_years_is_warned() -> None:
    result = _read("#VER A 1 20250115\n{\n#TRANS 5010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n")
    assert "sie-voucher-date-outside" in _codes(result)


def test_a_row_dated_outside_the_fiscal_years_is_warned_at_its_line() -> None:
    result = _read("#VER A 1 20241231\n{\n#TRANS 5010 {} 1.00 20250102\n#TRANS 1930 {} -1.00\n}\n")
    (problem,) = [p for p in result.problems if p.code == "sie-row-date-outside"]
    assert problem.source.line == HEAD.count("\n") + 3


def test_reconciliation_differences_are_warned_at_the_balance_line() -> None:
    result = _read("#UB 0 1930 99.00\n#RES 0 5010 5.00\n" + VOUCHERS.split("#UB -1", 1)[1][14:])
    mismatches = [p for p in result.problems if p.code.endswith("mismatch")]
    assert {p.source.line for p in mismatches} >= {HEAD.count("\n") + 1}


def test_ub_of_last_year_must_equal_ib_of_this_year() -> None:
    result = _read("#IB 0 1930 1000.00\n#UB -1 1930 900.00\n")
    assert "sie-opening-mismatch" in _codes(result)


def test_duplicate_voucher_numbers_are_warned() -> None:
    body = "#VER A 1 20240115\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n}\n"
    assert _codes(_read(body * 2)).count("sie-voucher-duplicate") == 1


def test_quoting_escapes_tabs_and_crlf() -> None:
    body = '#VER\t"A"\t"7"\t20240115\t"Say \\"hi\\""\r\n{\r\n'
    body += '  #TRANS\t"5010"\t{"1" "0100"}\t"2.50"\r\n'
    body += "#TRANS 1930 { } -2.50\r\n}\r\n"
    doc = _doc(body)
    (voucher,) = doc.vouchers()
    assert (voucher.series, voucher.number, voucher.text) == ("A", "7", 'Say "hi"')
    assert doc.outcome_by_object("1", 0) == {("5010", "0100"): Decimal("2.50")}


def test_unknown_labels_and_extra_fields_are_ignored() -> None:
    result = _read('#MUU 123\n#KONTO 6000 "Övrigt" extra fält\n')
    assert result.problems == () and result.document is not None
    assert result.document.accounts["6000"].name == "Övrigt"


def test_utf8_and_latin9_are_detected_from_the_bytes() -> None:
    for encoding in ("utf-8", "iso-8859-15", "cp437"):
        result = _read('#KONTO 6000 "Övrigt åäö"\n', encoding=encoding)
        assert result.document is not None and result.document.encoding == encoding
        assert result.document.accounts["6000"].name == "Övrigt åäö"


def test_a_byte_order_mark_is_skipped() -> None:
    result = read(b"\xef\xbb\xbf" + HEAD.encode("utf-8"), name="bom.se")
    assert result.document is not None and result.document.company == "Testkommunen"


def test_ksumma_round_trip_and_truncation() -> None:
    from styra.sie.writer import write

    doc = _doc(VOUCHERS)
    data = write(doc, doc.vouchers(), ksumma=True)
    again = read(data, name="k.se")
    assert again.document is not None and again.document.checksum is True
    truncated = read(data[: data.rindex(b"#KSUMMA")], name="k.se")
    assert truncated.document is None and truncated.errors[0].code == "sie-truncated"


def test_a_missing_file_is_refused_in_swedish(tmp_path: Path) -> None:
    result = read(tmp_path / "saknas.se")
    assert result.document is None
    assert result.problems[0].message == "filen kan inte läsas: filen finns inte"


def test_binary_garbage_is_refused_not_raised() -> None:
    result = read(bytes(range(256)) * 10, name="x.bin")
    assert result.document is None and result.errors


def test_year_lookup() -> None:
    doc = _doc("")
    assert doc.years[0].start == date(2024, 1, 1) and doc.year_of_month(202312) == -1


# -- amounts in messages are for people: Swedish typography (U+202F, comma, U+2212) ------

NN = "\u202f"


def _messages(result: ReadResult, code: str) -> list[str]:
    return [p.message for p in result.problems if p.code == code]


def test_an_unbalanced_voucher_shows_its_sum_the_swedish_way() -> None:
    result = _read("#VER A 1 20240115\n{\n#TRANS 5010 {} 92955.84\n}\n")
    assert _messages(result, "sie-voucher-unbalanced") == [
        f"verifikation A 1 är inte balanserad: summan är 92{NN}955,84, inte 0"
    ]
    result = _read("#VER A 2 20240115\n{\n#TRANS 1930 {} -1234567.5\n}\n")
    assert _messages(result, "sie-voucher-unbalanced") == [
        f"verifikation A 2 är inte balanserad: summan är \u22121{NN}234{NN}567,50, inte 0"
    ]


def test_an_amount_with_more_than_two_decimals_is_not_rounded_away_in_a_message() -> None:
    result = _read("#VER A 1 20240115\n{\n#TRANS 5010 {} 1.001\n#TRANS 1930 {} -1.00\n}\n")
    assert _messages(result, "sie-voucher-unbalanced") == [
        "verifikation A 1 är inte balanserad: summan är 0,001, inte 0"
    ]


def test_reconciliation_messages_show_amounts_the_swedish_way() -> None:
    body = (
        "#IB 0 1930 48210400.00\n#UB 0 1930 -1500.50\n#UB -1 1930 48210399\n"
        "#RES 0 5010 1234.5\n#PSALDO 0 202401 5010 {} 100.00\n"
        '#VER A 1 20240115 "Hyra"\n{\n#TRANS 5010 {} 300.00\n#TRANS 1930 {} -300.00\n}\n'
    )
    result = _read(body)
    assert _messages(result, "sie-balance-mismatch") == [
        f"konto 1930: IB 48{NN}210{NN}400,00 + verifikationer \u2212300,00 = "
        f"48{NN}210{NN}100,00, men UB är \u22121{NN}500,50"
    ]
    assert _messages(result, "sie-result-mismatch") == [
        f"konto 5010: verifikationerna summerar till 300,00, men #RES är 1{NN}234,50"
    ]
    assert _messages(result, "sie-opening-mismatch") == [
        f"konto 1930: IB år 0 är 48{NN}210{NN}400,00, men UB året före är 48{NN}210{NN}399,00"
    ]
    assert _messages(result, "sie-period-mismatch") == [
        f"konto 5010: periodsaldona (#PSALDO) summerar till 100,00, men #RES ger 1{NN}234,50"
    ]


def test_a_res_without_vouchers_shows_its_amount_the_swedish_way() -> None:
    body = (
        "#RES 0 3000 -2500.00\n#RES 0 5010 300.00\n#UB 0 1930 -300.00\n"
        '#VER A 1 20240115 "Hyra"\n{\n#TRANS 5010 {} 300.00\n#TRANS 1930 {} -300.00\n}\n'
    )
    assert _messages(_read(body), "sie-result-mismatch") == [
        f"konto 3000: #RES är \u22122{NN}500,00, men verifikationerna summerar till 0"
    ]


# -- issue 10: SIE at its edges ----------------------------------------------------------


def test_text_whose_lines_start_with_hash_is_not_sie_and_is_refused() -> None:
    markdown = "# Styra\n\nMål- och ekonomiuppföljning.\n\n## Two commands\n\n    scripts/start\n"
    result = read(markdown.encode("utf-8"), name="README.md")
    assert result.document is None
    assert [p.code for p in result.problems] == ["sie-not-sie"]
    assert "#FLAGGA" in result.problems[0].message


def test_one_identification_or_account_record_is_enough_to_be_read() -> None:
    for text in ("#FLAGGA 0\n", "#SIETYP 4\n", '#KONTO 1930 "Bank"\n', "#RES 0 3000 -1.00\n"):
        assert read(text.encode(), name="t.se").document is not None, text


def _left_out(result: ReadResult) -> list[tuple[int, str]]:
    return [(p.source.line or 0, p.code) for p in result.problems if "lämnas utanför" in p.message]


def _exported(doc: SieDocument) -> list[tuple[str, Decimal, int]]:
    return [(r.account, r.amount, r.line) for v in doc.vouchers() for r in v.rows]


def test_a_row_after_the_closing_brace_is_neither_counted_nor_exported() -> None:
    body = "#VER A 1 20240115\n{\n#TRANS 5010 {} 300.00\n#TRANS 1930 {} -300.00\n}\n"
    result = _read(body + "#TRANS 5010 {} 75.00\n")
    doc = result.document
    assert doc is not None
    first = HEAD.count("\n") + 1
    assert _exported(doc) == [("5010", Decimal("300.00"), first + 2),
                              ("1930", Decimal("-300.00"), first + 3)]  # fmt: skip
    assert doc.transaction_count == 2 and doc.outcome(0)["5010"] == Decimal("300.00")
    assert _left_out(result) == [(first + 5, "sie-row-outside")]


def test_a_stray_line_where_the_brace_belongs_leaves_the_rows_out_of_both() -> None:
    body = '#VER A 1 20240115 "Hyra"\n"fortsättning"\n{\n#TRANS 5010 {} 300.00\n'
    body += "#TRANS 1930 {} -300.00\n}\n"
    result = _read(body)
    doc = result.document
    assert doc is not None
    assert (doc.voucher_count, doc.transaction_count) == (1, 0)
    assert [len(v.rows) for v in doc.vouchers()] == [0]
    first = HEAD.count("\n") + 1
    assert _left_out(result) == [
        (first, "sie-voucher-brace"),
        (first + 3, "sie-row-outside"),
        (first + 4, "sie-row-outside"),
    ]


def test_a_row_without_account_is_left_out_of_count_and_export_and_said_so() -> None:
    body = '#VER A 1 20240115\n{\n#TRANS "" {} 300.00\n#TRANS 1930 {} -300.00\n}\n'
    result = _read(body)
    doc = result.document
    assert doc is not None
    assert doc.transaction_count == 1 == len(_exported(doc))
    assert _left_out(result) == [(HEAD.count("\n") + 3, "sie-row")]


def test_a_row_without_account_is_reported_once_not_also_as_an_unbalanced_voucher() -> None:
    body = '#VER A 1 20240115\n{\n#TRANS "" {} 300.00\n#TRANS 1930 {} -300.00\n}\n'
    assert _codes(_read(body)) == ["sie-row"]
    unbalanced = '#VER A 1 20240115\n{\n#TRANS "" {} 300.00\n#TRANS 1930 {} -299.00\n}\n'
    assert _codes(_read(unbalanced)) == ["sie-row", "sie-voucher-unbalanced"]
    no_amount = "#VER A 1 20240115\n{\n#TRANS 1930\n#TRANS 1930 {} -300.00\n}\n"
    assert _codes(_read(no_amount)) == ["sie-row"]


def test_a_decimal_comma_is_read_with_a_warning_at_its_line() -> None:
    body = "#IB 0 1930 1000,50\n#VER A 1 20240115\n{\n#TRANS 5010 {} 300,5\n"
    body += "#TRANS 1930 {} -300.50\n}\n"
    result = _read(body)
    doc = result.document
    assert doc is not None and not result.errors
    assert doc.opening_balances[(0, "1930")] == Decimal("1000.50")
    assert doc.outcome(0)["5010"] == Decimal("300.50")
    first = HEAD.count("\n") + 1
    commas = [(p.source.line, p.message) for p in result.problems if p.code == "sie-decimal-comma"]
    assert commas == [
        (first, "beloppet »1000,50» har decimalkomma; läst som 1\u202f000,50 (SIE skriver punkt)"),
        (first + 3, "beloppet »300,5» har decimalkomma; läst som 300,50 (SIE skriver punkt)"),
    ]


def test_each_missing_identification_record_is_warned() -> None:
    head = "\n".join(
        line for line in HEAD.splitlines() if not line.startswith(("#FLAGGA", "#PROGRAM"))
    )
    result = _read(VOUCHERS, head + "\n")
    missing = [p.message for p in result.problems if p.code == "sie-identification-missing"]
    assert missing == [
        "identifikationsposten #FLAGGA saknas",
        "identifikationsposten #PROGRAM saknas",
    ]
    bare = _read(VOUCHERS, "#SIETYP 4\n" + HEAD.split("#SIETYP 4\n", 1)[1])
    labels = [p.message.split()[1] for p in bare.problems if p.code == "sie-identification-missing"]
    assert labels == ["#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN"]


def test_a_gen_date_in_iso_form_is_read_with_a_warning() -> None:
    result = _read(VOUCHERS, HEAD.replace("#GEN 20250101", "#GEN 2025-01-15"))
    doc = result.document
    assert doc is not None and doc.identification.generated == date(2025, 1, 15)
    (problem,) = result.problems
    assert (problem.code, problem.source.line) == ("sie-date-format", 4)
    assert (
        problem.message
        == "#GEN: datum »2025-01-15» är skrivet med bindestreck; SIE kräver ÅÅÅÅMMDD"
    )


def test_an_amount_the_row_model_refuses_is_not_summed_by_the_byte_path_either() -> None:
    for amount in ("+300.00", "3_00.00", "300_0"):
        body = f"#VER A 1 20240115\n{{\n#TRANS 5010 {{}} {amount}\n#TRANS 1930 {{}} -300.00\n}}\n"
        result = _read(body)
        doc = result.document
        assert doc is not None
        assert doc.transaction_count == len(_exported(doc)) == 1, amount
        assert "5010" not in doc.outcome(0) and _codes(result) == ["sie-row"], amount
