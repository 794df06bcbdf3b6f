from decimal import Decimal as D

from styra.core.accounts import (
    AccountRange,
    ReportLine,
    RowKind,
    Section,
    build_operating_account,
    overlapping_accounts,
    unmapped_accounts,
)

LINES = (
    ReportLine("AVGIFTER", Section.REVENUE, (AccountRange("3000", "3999"),)),
    ReportLine("PERSONAL", Section.COST, (AccountRange("5000", "5999"),)),
    ReportLine("RESOR", Section.COST, (AccountRange("7000", "7199"),)),
)


def test_a_range_compares_leading_digits() -> None:
    r = AccountRange("5000", "5999")
    assert "5011" in r
    assert "501100" in r
    assert "4999" not in r
    assert "50" not in r


def test_rows_round_from_kronor_one_by_one() -> None:
    account = build_operating_account(LINES, {"7010": D("47600")}, {"7010": D("100400")})
    resor = account.row("RESOR")
    assert (resor.budget_tkr, resor.outcome_tkr, resor.deviation_tkr) == (100, 48, 53)


def test_subtotals_net_and_deviation_follow_the_ledger_signs() -> None:
    outcome = {"3100": D("-1000000"), "5011": D("1200000")}
    budget = {"3100": D("-1000000"), "5011": D("1000000")}
    account = build_operating_account(LINES, outcome, budget)
    labels = [(r.label, r.kind) for r in account.rows]
    assert labels == [
        ("AVGIFTER", RowKind.LINE),
        ("TOTALT INTÄKTER", RowKind.SUBTOTAL),
        ("PERSONAL", RowKind.LINE),
        ("RESOR", RowKind.LINE),
        ("TOTALT KOSTNADER", RowKind.SUBTOTAL),
        ("NETTORESULTAT", RowKind.TOTAL),
    ]
    assert account.net.outcome == 200000
    assert account.net.deviation == -200000
    assert not account.has_previous


def test_a_previous_year_column_appears_when_there_is_data() -> None:
    account = build_operating_account(
        LINES, {"5011": D(1)}, {"5011": D(1)}, previous={"5011": D(5000)}
    )
    assert account.has_previous
    assert account.row("PERSONAL").previous_tkr == 5
    assert account.net.previous == 5000


def test_it_finds_unmapped_and_overlapping_accounts() -> None:
    scope = AccountRange("3000", "8999")
    assert unmapped_accounts(["5011", "6010", "1930"], LINES, [scope]) == ["6010"]
    twice = (*LINES, ReportLine("ALLT", Section.COST, (AccountRange("5", "5"),)))
    assert overlapping_accounts(["5011"], twice) == {"5011": ["PERSONAL", "ALLT"]}


def test_large_deviations_are_found_by_tkr_or_share_of_budget() -> None:
    from styra.core.accounts import LargeDeviation, deviation_notes

    outcome = {"5011": D("1800000"), "7010": D("47600")}
    budget = {"5011": D("1000000"), "7010": D("100400")}
    account = build_operating_account(LINES, outcome, budget)
    by_tkr = deviation_notes(account.rows, LargeDeviation(tkr=D(500)), {"PERSONAL": "Vakanser."})
    assert [(n.row.label, n.analysis) for n in by_tkr] == [("PERSONAL", "Vakanser.")]
    by_share = deviation_notes(account.rows, LargeDeviation(share=D("0.5")), {})
    assert [n.row.label for n in by_share] == ["PERSONAL", "RESOR"]  # 80 % and 52 %
    assert deviation_notes(account.rows, LargeDeviation(), {}) == ()
