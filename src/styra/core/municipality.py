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
from styra.core.followup import FollowUp, Governance, Period, PeriodKind
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
    joint_shares: tuple[JointShare, ...] = ()
    example_note: str = ""  # what the documents say of invented data, where the folder says


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
    code: str = "",
    hosted_elsewhere: Sequence[JointShare] = (),
    judged: Sequence[CommitteeGoals] | None = None,
    example_note: str = "",
) -> MunicipalityFollowUp:
    """The compiled follow-up; ``code`` finds the municipality's share in each of its own
    committees' sharing keys (as host), ``hosted_elsewhere`` adds the shares read from
    joint committees' published reports. ``judged`` gives each committee's goal results
    as its report judges them (at interim: by forecast); by default the annual results.
    A share of the result is the year's: an interim period lists none of its own."""
    if judged is None:
        judged = [CommitteeGoals(f.input.committee.name, f.goals, f.committee) for f in committees]
    council = council_follow_up(
        council_goals,
        judged,
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
        (*_own_shares(committees, code, name), *hosted_elsewhere),
        example_note,
    )


def _own_shares(committees: Sequence[FollowUp], code: str, host: str) -> list[JointShare]:
    """The municipality's share of each of its committees that shares its result."""
    found: list[JointShare] = []
    for f in committees:
        if f.input.period.kind is not PeriodKind.ANNUAL:
            continue  # the result is shared when the year has ended
        key = f.input.sharing_key
        share = next((s for s in f.shares if s.member.code == code), None)
        if key is None or share is None:
            continue
        found.append(
            JointShare(
                f.input.committee.name,
                host,
                share.member.name,
                code,
                share.amount,
                key.basis,
                key.reference_date.isoformat(),
                key.source,
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class JointShare:
    """A member's share of a joint committee's result, as a row of its compiled report.

    ``amount_tkr`` is what the sharing key gives the member (the deviation from budget, or
    the net result where the budget planned none), with the key's basis and source beside
    it; ``file`` names the host's published report where the committee is hosted elsewhere.
    """

    committee: str
    host: str
    member: str
    code: str
    amount_tkr: Decimal
    basis: str
    reference_date: str
    source: str
    file: str = ""
