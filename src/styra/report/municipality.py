"""The municipality's compiled follow-up as plain data (for JSON), and how it is built
from a loaded municipality folder."""

from __future__ import annotations

from typing import Any

from styra.core.council import CommitteeGoals, CouncilFollowUp, CouncilGoalResult
from styra.core.cycle.interim import Interim
from styra.core.followup import FollowUp, compute
from styra.core.municipality import MunicipalityFollowUp, compile_municipality
from styra.folder.municipality import LoadedMunicipality
from styra.report.data import both, followup_data, indicator_data, number, rollup_data


def compiled(m: LoadedMunicipality) -> MunicipalityFollowUp:
    """The compiled follow-up of a folder that loaded without errors."""
    assert m.ok and m.period is not None and m.governance is not None
    followups, judged = [], []
    for c in m.committees:
        assert c.loaded.input is not None
        followup = compute(c.loaded.input)
        followups.append(followup)
        interim = c.loaded.extras.get("interim")
        if isinstance(interim, Interim):  # judged by forecast, as the committee's report
            judged.append(
                CommitteeGoals(followup.input.committee.name, interim.goals, interim.committee)
            )
        else:
            judged.append(
                CommitteeGoals(followup.input.committee.name, followup.goals, followup.committee)
            )
    return compile_municipality(
        m.name,
        m.period,
        m.governance,
        m.council_goals,
        followups,
        example_data=m.example_data,
        code=m.code,
        hosted_elsewhere=m.joint_shares,
        judged=judged,
        example_note=m.example_note,
    )


def _council_goal(r: CouncilGoalResult, year: int) -> dict[str, Any]:
    return {
        "id": r.goal.id,
        "name": r.goal.name,
        "description": r.goal.description or None,
        "status": r.status.value,
        "label": r.status.label,
        "symbol": r.status.symbol,
        "rollup": rollup_data(r.rollup),
        "sentence": r.sentence,
        "indicators": [indicator_data(i, {}, year) for i in r.indicators],
        "committee_goals": [
            {
                "committee": g.committee,
                "id": g.result.goal.id,
                "name": g.result.goal.name,
                "status": g.status.value,
                "label": g.status.label,
                "symbol": g.status.symbol,
            }
            for g in r.linked
        ],
    }


def _council(c: CouncilFollowUp, year: int) -> dict[str, Any]:
    return {
        "goals": [_council_goal(g, year) for g in c.goals],
        "verdict": rollup_data(c.verdict),
        "sentence": c.sentence,
        "unlinked_committee_goals": [
            {"committee": g.committee, "id": g.result.goal.id, "name": g.result.goal.name}
            for g in c.unlinked
        ],
    }


def _committee(f: FollowUp, folder: str, extras: dict[str, Any]) -> dict[str, Any]:
    net, invest = f.operating.net, f.investment.total
    interim = extras.get("interim")
    forecast = None
    if isinstance(interim, Interim):
        forecast = interim.totals[-1].forecast
    return {
        "folder": folder,
        "name": f.input.committee.name,
        "verdict": rollup_data(f.committee),
        "goal_summary": f.sentences.get("goal_summary"),
        "operating": both(
            budget=net.budget, outcome=net.outcome, deviation=net.deviation, forecast=forecast
        ),
        "investment": both(budget=invest.budget, outcome=invest.outcome),
        "report": followup_data(f, extras),
    }


def municipality_data(m: MunicipalityFollowUp, loaded: LoadedMunicipality) -> dict[str, Any]:
    year = m.period.year
    return {
        "municipality": m.name,
        "code": loaded.code or None,
        "example_data": m.example_data,
        "example_note": m.example_note or None,
        "period": {
            "year": year,
            "kind": m.period.kind.value,
            "start": m.period.start.isoformat(),
            "end": m.period.end.isoformat(),
            "report_date": m.period.report_date.isoformat(),
        },
        "governance": {
            "model": m.governance.model,
            "principles": list(m.governance.rules.principles),
        },
        "council": _council(m.council, year),
        "committees": [
            _committee(f, c.name, c.loaded.extras)
            for f, c in zip(m.committees, loaded.committees, strict=True)
        ],
        "joint_committee_shares": [
            {
                "committee": s.committee,
                "host": s.host,
                "member": s.member,
                "code": s.code,
                "tkr": number(s.amount_tkr),
                "basis": s.basis,
                "reference_date": s.reference_date,
                "source": s.source,
                "report": s.file or None,
            }
            for s in m.joint_shares
        ],
        "totals": {
            "operating": both(
                budget=m.operating_total.budget,
                outcome=m.operating_total.outcome,
                deviation=m.operating_total.deviation,
            ),
            "investment": both(
                budget=m.investment_total.budget, outcome=m.investment_total.outcome
            ),
        },
    }
