"""The municipality's compiled follow-up: the council's goals, and every committee's.

The executive board (kommunstyrelsen) compiles each committee's follow-up into the
municipality's: the council's goals judged across committees (``styra.core.council``),
each committee's verdict and operating and investment result, and the municipality's
totals, which are the committees' net rows summed (in the ledger's signs: a net cost is
positive, so the deviation budget − outcome is positive where the municipality spent less).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from styra.core.accounts import Row, RowKind
from styra.core.council import CommitteeGoals, CouncilFollowUp, CouncilGoal, council_follow_up
from styra.core.followup import FollowUp, Governance, Period
from styra.i18n import _

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class MunicipalityFollowUp:
    name: str
    period: Period
    governance: Governance
    council: CouncilFollowUp
    committees: tuple[FollowUp, ...]
    operating_total: Row
    investment_total: Row
    example_data: bool = False


def _sum(label: str, rows: Sequence[Row]) -> Row:
    return Row(
        label,
        RowKind.TOTAL,
        sum((r.budget for r in rows), ZERO),
        sum((r.outcome for r in rows), ZERO),
    )


def compile_municipality(
    name: str,
    period: Period,
    governance: Governance,
    council_goals: Sequence[CouncilGoal],
    committees: Sequence[FollowUp],
    *,
    example_data: bool = False,
) -> MunicipalityFollowUp:
    council = council_follow_up(
        council_goals,
        [CommitteeGoals(f.input.committee.name, f.goals, f.committee) for f in committees],
        governance.partial_policy,
        governance.rules,
    )
    return MunicipalityFollowUp(
        name,
        period,
        governance,
        council,
        tuple(committees),
        _sum(_("Kommunen totalt"), [f.operating.net for f in committees]),
        _sum(_("Kommunen totalt"), [f.investment.total for f in committees]),
        example_data,
    )
