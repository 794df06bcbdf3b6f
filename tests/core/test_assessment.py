from decimal import Decimal as D

import pytest

from styra.core.assessment import PartialKind, PartialPolicy, assess_indicator
from styra.core.goals import Indicator, Override, Status, Target, TargetKind

TOLERANCE_20 = PartialPolicy(PartialKind.TOLERANCE, D("0.20"))


def indicator(kind: TargetKind, target: str, value: str | None, baseline: str | None = None):
    return Indicator(
        "i",
        "Indikator",
        Target(TargetKind(kind), D(target)),
        "st",
        None if value is None else D(value),
        None if baseline is None else D(baseline),
    )


@pytest.mark.parametrize(
    ("kind", "target", "value", "expected"),
    [
        (TargetKind.AT_MOST, "15", "15", Status.ACHIEVED),
        (TargetKind.AT_MOST, "15", "18", Status.PARTIALLY_ACHIEVED),  # 20 %, boundary included
        (TargetKind.AT_MOST, "15", "18.01", Status.NOT_ACHIEVED),
        (TargetKind.AT_LEAST, "80", "72.25", Status.PARTIALLY_ACHIEVED),
        (TargetKind.AT_LEAST, "11", "2", Status.NOT_ACHIEVED),
        (TargetKind.REDUCE_TO, "30", "19", Status.ACHIEVED),
        (TargetKind.REDUCE_TO, "85", "161", Status.NOT_ACHIEVED),
        (TargetKind.INCREASE_TO, "10", "10", Status.ACHIEVED),
        (TargetKind.EQUAL_TO, "75", "75", Status.ACHIEVED),
        (TargetKind.EQUAL_TO, "75", "70", Status.PARTIALLY_ACHIEVED),
        (TargetKind.AT_LEAST, "0", "-852", Status.NOT_ACHIEVED),  # no tolerance around zero
    ],
)
def test_it_assesses_by_target_kind_and_tolerance(kind, target, value, expected) -> None:
    assert assess_indicator(indicator(kind, target, value), TOLERANCE_20).status is expected


def test_a_missing_value_is_no_value_whatever_the_policy() -> None:
    result = assess_indicator(indicator(TargetKind.AT_LEAST, "7.5", None), TOLERANCE_20)
    assert result.status is Status.NO_VALUE
    assert result.reason == "Värde saknas."


def test_without_a_partial_policy_a_miss_is_not_achieved() -> None:
    result = assess_indicator(indicator(TargetKind.AT_MOST, "15", "18"), PartialPolicy())
    assert result.status is Status.NOT_ACHIEVED


def test_progress_policy_needs_a_baseline_and_an_improvement() -> None:
    policy = PartialPolicy(PartialKind.PROGRESS, D("0.25"))
    assert (
        assess_indicator(indicator(TargetKind.REDUCE_TO, "90", "111", "140"), policy).status
        is Status.PARTIALLY_ACHIEVED
    )  # 29 of 50 towards the target: 58 %
    assert (
        assess_indicator(indicator(TargetKind.REDUCE_TO, "90", "135", "140"), policy).status
        is Status.NOT_ACHIEVED
    )  # 10 %
    result = assess_indicator(indicator(TargetKind.REDUCE_TO, "90", "111"), policy)
    assert result.status is Status.NOT_ACHIEVED
    assert "utgångsvärde saknas" in result.reason


def test_the_reason_says_why_in_swedish() -> None:
    result = assess_indicator(indicator(TargetKind.AT_MOST, "15", "18"), TOLERANCE_20)
    assert result.reason == (
        "18\u00a0st når inte målvärdet 15\u00a0st; avvikelsen 20,0 % ligger inom toleransen 20 %."
    )


def test_an_override_is_kept_beside_the_automatic_result() -> None:
    override = Override(Status.ACHIEVED, "Mätningen gjordes före åtgärden.", "Anna")
    base = indicator(TargetKind.AT_MOST, "15", "18")
    given = Indicator(base.id, base.name, base.target, base.unit, base.value, override=override)
    result = assess_indicator(given, TOLERANCE_20)
    assert result.automatic is Status.PARTIALLY_ACHIEVED
    assert result.status is Status.ACHIEVED
    assert result.override is override


@pytest.mark.parametrize(
    ("kind", "value", "wording", "problem"),
    [
        (TargetKind.AT_MOST, "15", "högst 15 st", None),
        (TargetKind.REDUCE_TO, "90", "Minska till 90 st", None),
        (TargetKind.AT_LEAST, "74", "≥ 74", None),
        (TargetKind.AT_LEAST, "7.5", "7,5", None),
        (TargetKind.AT_LEAST, "80", "80 %", None),
        (TargetKind.AT_MOST, "20", "högst 15 st", "texten säger 15 men målvärdet är 20"),
        (
            TargetKind.AT_LEAST,
            "15",
            "högst 15 st",
            "texten anger ett tak men målets typ är at_least",
        ),
        (TargetKind.AT_MOST, "74", "≥ 74", "texten anger ett golv men målets typ är at_most"),
    ],
)
def test_a_target_wording_must_agree_with_its_kind_and_value(kind, value, wording, problem) -> None:
    from styra.core.goals import target_wording_problem

    assert target_wording_problem(Target(kind, D(value), wording)) == problem


def test_a_unit_with_its_own_point_ends_the_reason_without_a_second_one() -> None:
    # The model report prints "75 st." as the unit; the sentence ends on that point.
    given = Indicator("2.5", "E-tjänster", Target(TargetKind.AT_LEAST, D(75)), "st.", D(75))
    reason = assess_indicator(given, TOLERANCE_20).reason
    assert reason == "75\u00a0st. når målvärdet 75\u00a0st."
    missed = Indicator("2.5", "E-tjänster", Target(TargetKind.AT_LEAST, D(75)), "st.", D(70))
    assert assess_indicator(missed, PartialPolicy()).reason.endswith("delvis-bedömning.")


def test_end_sentence_adds_one_full_stop() -> None:
    from styra.core.money import end_sentence

    assert end_sentence("18 st når målvärdet 15 st") == "18 st når målvärdet 15 st."
    assert end_sentence("75 st. når målvärdet 75 st.") == "75 st. når målvärdet 75 st."
