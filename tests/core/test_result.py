"""The year's net result and its deviation from budget are two figures, and the members of a
joint committee share the deviation. Expected values are worked out by hand beside each case.
"""

from datetime import date
from decimal import Decimal as D

from styra.core.accounts import AccountRange, ReportLine, Section
from styra.core.assessment import PartialPolicy
from styra.core.followup import (
    Committee,
    DerivedValue,
    Finance,
    FollowUp,
    FollowUpInput,
    Governance,
    Period,
    PeriodKind,
    compute,
)
from styra.core.goals import Goal, Indicator, Target, TargetKind
from styra.core.sharing import Member, SharingKey

LINES = (
    ReportLine("BIDRAG", Section.REVENUE, (AccountRange("3000", "3999"),)),
    ReportLine("KOSTNADER", Section.COST, (AccountRange("4000", "8999"),)),
)
KEY = SharingKey(
    "invånarantal",
    date(2022, 12, 31),
    "SCB",
    (Member("0001", "Aby", D(1)), Member("0002", "Bby", D(3))),
)
BUDGET_HELD = Indicator("1.1", "Håller budgetramen", Target(TargetKind.AT_LEAST, D(0)), "tkr")


def follow_up(budget_cost: str, outcome_cost: str) -> FollowUp:
    """Contributions of 10 000 tkr both planned and received; the costs differ."""
    finance = Finance(
        lines=LINES,
        outcome={"3500": D("-10000000"), "5010": D(outcome_cost)},
        budget={"3500": D("-10000000"), "5010": D(budget_cost)},
    )
    return compute(
        FollowUpInput(
            committee=Committee("Nämnden", "Aby kommun"),
            period=Period(
                2024, PeriodKind.ANNUAL, date(2024, 1, 1), date(2024, 12, 31), date(2025, 1, 23)
            ),
            governance=Governance("Modell", "", PartialPolicy()),
            goals=(Goal("1", "Ekonomi i balans", (BUDGET_HELD,)),),
            finance=finance,
            sharing_key=KEY,
            derived={"1.1": DerivedValue.NET_RESULT_TKR},
        )
    )


def plain(text: str) -> str:
    return text.replace("\u2212", "-").replace("\u202f", " ")


def test_a_budget_that_plans_a_surplus_shares_the_deviation_not_the_result() -> None:
    # Budget: 10 000 − 9 000 = a planned surplus of 1 000 tkr.
    # Outcome: 10 000 − 10 852 = a net result of −852 tkr.
    # Deviation from budget: −852 − 1 000 = −1 852 tkr; shared 1:3, −463 and −1 389.
    f = follow_up(budget_cost="9000000", outcome_cost="10852000")
    assert plain(f.sentences["result"]) == (
        "Årets resultat för Nämnden visar ett underskott med -852 tkr. "
        "Det budgeterade resultatet var 1 000 tkr, vilket ger en avvikelse mot budget "
        "med -1 852 tkr."
    )
    assert plain(f.sentences["sharing"]) == (
        "Avvikelsen mot budget, ett underskott med -1 852 tkr, fördelas 2024 enligt följande: "
        "Aby: -463 tkr och Bby: -1 389 tkr."
    )
    assert f.result.budgeted_result_tkr == 1000
    assert f.result.net_result_tkr == -852
    assert f.result.budget_deviation_tkr == -1852
    assert [s.amount for s in f.shares] == [-463, -1389]
    # "Håller budgetramen" measures the deviation: 1 852 tkr short of the frame.
    assert f.goals[0].indicators[0].indicator.value == -1852


def test_a_budget_that_plans_a_deficit_can_end_better_than_budget_with_a_deficit() -> None:
    # Budget: 10 000 − 10 500 = a planned deficit of −500 tkr.
    # Outcome: 10 000 − 10 300 = a net result of −300 tkr, a deficit.
    # Deviation from budget: −300 − (−500) = +200 tkr, which the members get back: 50 and 150.
    f = follow_up(budget_cost="10500000", outcome_cost="10300000")
    assert plain(f.sentences["result"]) == (
        "Årets resultat för Nämnden visar ett underskott med -300 tkr. "
        "Det budgeterade resultatet var -500 tkr, vilket ger en avvikelse mot budget med 200 tkr."
    )
    assert plain(f.sentences["sharing"]) == (
        "Avvikelsen mot budget, ett överskott med 200 tkr, fördelas 2024 enligt följande: "
        "Aby: 50 tkr och Bby: 150 tkr."
    )
    assert f.result.budgeted_result_tkr == -500
    assert f.result.net_result_tkr == -300
    assert f.result.budget_deviation_tkr == 200
    assert [s.amount for s in f.shares] == [50, 150]
    assert f.goals[0].indicators[0].indicator.value == 200


def test_a_balanced_budget_keeps_the_model_reports_two_sentences() -> None:
    # Budget: 10 000 − 10 000 = 0. Outcome: 10 000 − 10 852 = −852, also the deviation.
    f = follow_up(budget_cost="10000000", outcome_cost="10852000")
    assert f.result.net_result_tkr == f.result.budget_deviation_tkr == -852
    assert plain(f.sentences["result"]) == (
        "Årets resultat för Nämnden visar ett underskott med -852 tkr."
    )
    assert plain(f.sentences["sharing"]) == (
        "Fördelning av underskott blir 2024 enligt följande: Aby: -213 tkr och Bby: -639 tkr."
    )
