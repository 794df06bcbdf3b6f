from decimal import Decimal

import pytest

from styra.core.goals import Status
from styra.core.rollup import RollupRules, roll_up, summary_sentence

A, P, N, M = (
    Status.ACHIEVED,
    Status.PARTIALLY_ACHIEVED,
    Status.NOT_ACHIEVED,
    Status.NO_VALUE,
)
RULES = RollupRules()


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([A, A, A], A),
        ([A, A, A, A, A, A, A], A),
        ([A, A, P, P, N, N, M], P),  # the model report's goal 1: 4 of 7 reached
        ([A, A, P, N, N, N, M], N),  # 3 of 7: more than half not reached
        ([A, A, A, A, P, N, N], P),  # the model report's goal 2
        ([A, N], P),  # exactly half reached: partially achieved
        ([P, P, N, N], P),  # exactly half, all partial
        ([A, M, M], N),  # more than half without a value
        ([P, P], P),  # the committee in the model report
    ],
)
def test_the_model_reports_rules(statuses, expected) -> None:
    assert roll_up(statuses, RULES).status is expected


def test_a_goal_without_indicators_cannot_be_assessed() -> None:
    result = roll_up([], RULES)
    assert result.status is Status.NO_VALUE
    assert result.reason == "Inga underliggande bedömningar finns."


def test_all_missing_is_not_achieved_by_default_and_configurable() -> None:
    assert roll_up([M, M], RULES).status is Status.NOT_ACHIEVED
    lenient = RollupRules(all_missing=Status.NO_VALUE)
    assert roll_up([M, M], lenient).status is Status.NO_VALUE


def test_the_partial_share_is_a_setting() -> None:
    two_thirds = RollupRules(partial_share=Decimal(2) / 3)
    assert roll_up([A, N], two_thirds).status is Status.NOT_ACHIEVED


def test_it_writes_the_model_reports_sentence() -> None:
    sentence = summary_sentence([P, P], P, "{count}st av {total} bedöms {status}")
    assert sentence == "2st av 2 bedöms uppnås delvis, vilket gör att nämndmålen uppnås delvis."


def test_it_lists_each_status_in_the_sentence() -> None:
    sentence = summary_sentence([A, N, P], P, "{count} st av {total} bedöms {status}")
    assert sentence == (
        "1 st av 3 bedöms uppnås, 1 st av 3 bedöms uppnås delvis och 1 st av 3 bedöms "
        "uppnås ej, vilket gör att nämndmålen uppnås delvis."
    )


def test_the_reason_names_the_share_the_rules_use() -> None:
    assert roll_up([A, N], RULES).reason == "1 av 2 uppnås helt eller delvis, minst hälften."
    two_thirds = RollupRules(partial_share=Decimal("0.75"))
    assert roll_up([A, N], two_thirds).reason == (
        "1 av 2 uppnås inte eller saknar värde; färre än 75 % uppnås."
    )


def test_a_goal_that_cannot_be_assessed_reads_as_swedish() -> None:
    # Not "1st av 2 bedöms kan inte bedömas": "bedöms" takes an infinitive.
    sentence = summary_sentence([P, M], P, "{count}st av {total} bedöms {status}")
    assert sentence == (
        "1st av 2 bedöms uppnås delvis och 1st av 2 bedöms sakna underlag, "
        "vilket gör att nämndmålen uppnås delvis."
    )
    alone = summary_sentence([M], M, "{count} st av {total} bedöms {status}")
    assert alone == "1 st av 1 bedöms sakna underlag, vilket gör att nämndmålen inte kan bedömas."
